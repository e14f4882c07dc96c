/*
 * http.h -- a small HTTP server on the loopback interface, for
 * `gongkai serve`: the only libmicrohttpd user.
 *
 * It runs in the caller's event loop (no threads): the caller adds the
 * server's descriptors to its select() set with http_fdset(), waits at
 * most http_timeout(), then calls http_run(), which answers what is
 * ready through the handler.
 */
#ifndef GONGKAI_HTTP_H
#define GONGKAI_HTTP_H

#include <sys/select.h>

#include <stdint.h>

#include "buf.h"

/* A request: GET or HEAD only (the server refuses other methods). */
struct http_req {
	const char	*path;	/* URL path, %XX decoded, from "/" */
	const char	*host;	/* Host header, or "" */
	const char	*fetch_site; /* Sec-Fetch-Site header, or "" */
};

/* The answer the handler fills in. */
struct http_resp {
	int		 status;  /* 200 unless set */
	const char	*type;	  /* Content-Type (static string) */
	char		*location; /* Location for a redirect (the server
				     frees it), or NULL */
	struct buf	 body;	  /* the body, when fd is -1 */
	int		 fd;	  /* or a file to send (the server closes
				     it), -1 if none */
	uint64_t	 size;	  /* its bytes */
};

typedef void (*http_fn)(void *arg, const struct http_req *,
    struct http_resp *);

struct http;

/*
 * Listens on 127.0.0.1:port (0: any free port) and answers through
 * fn(arg, ...).  Returns 0 with *out (close with http_close), or -1
 * after a diagnostic (the port is taken, ...).
 */
int		 http_open(unsigned port, http_fn fn, void *arg,
		    struct http **out);
/* The port it listens on. */
unsigned	 http_port(const struct http *);
/* Adds its descriptors to the sets; raises *maxfd.  0 or -1. */
int		 http_fdset(struct http *, fd_set *rs, fd_set *ws, fd_set *es,
		    int *maxfd);
/* Milliseconds it may wait at most, or -1 for no limit. */
long		 http_timeout(struct http *);
/* Does what is ready (after select()). */
void		 http_run(struct http *);
void		 http_close(struct http *);

#endif
