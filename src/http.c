/*
 * http.c -- the loopback HTTP server of `gongkai serve`: the only
 * libmicrohttpd user (see http.h).
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "http.h"
#include "util.h"

struct http {
	struct MHD_Daemon	*d;
	http_fn			 fn;
	void			*arg;
	unsigned		 port;
};

static enum MHD_Result
answer(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con)
{
	struct http		*h = cls;
	struct http_req		 req;
	struct http_resp	 r;
	struct MHD_Response	*resp;
	const char		*host, *site;
	enum MHD_Result		 ret;
	static const char	 no[] = "method not allowed\n";

	(void)version;
	(void)upload;
	/* The first call only announces the request: answer on the
	 * second, once the (empty) body is in. */
	if (*con == NULL) {
		*con = h;
		return MHD_YES;
	}
	if (*upload_size != 0) {
		*upload_size = 0;	/* a body is read and dropped */
		return MHD_YES;
	}
	memset(&r, 0, sizeof(r));
	buf_init(&r.body);
	r.fd = -1;
	r.status = MHD_HTTP_OK;
	r.type = "text/plain; charset=utf-8";
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		r.status = MHD_HTTP_METHOD_NOT_ALLOWED;
		buf_puts(&r.body, no);
	} else {
		host = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_HOST);
		req.path = url;
		req.host = host != NULL ? host : "";
		site = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    "Sec-Fetch-Site");
		req.fetch_site = site != NULL ? site : "";
		h->fn(h->arg, &req, &r);
	}
	if (r.fd >= 0)
		resp = MHD_create_response_from_fd((uint64_t)r.size, r.fd);
	else
		resp = MHD_create_response_from_buffer(r.body.len,
		    r.body.data, MHD_RESPMEM_MUST_COPY);
	buf_dispose(&r.body);
	if (resp == NULL) {
		if (r.fd >= 0)
			close(r.fd);
		free(r.location);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r.type);
	/* Every answer may change with the next edit. */
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
	    "no-store");
	/* A preview shows what is not approved: no page of another
	 * origin may load it as a script, style or image (the search
	 * index parts are scripts that call a global function). */
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy",
	    "same-origin");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	if (r.location != NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION,
		    r.location);
	free(r.location);
	if (r.status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW,
		    "GET, HEAD");
	ret = MHD_queue_response(c, (unsigned)r.status, resp);
	MHD_destroy_response(resp);
	return ret;
}

int
http_open(unsigned port, http_fn fn, void *arg, struct http **out)
{
	struct http		*h;
	struct sockaddr_in	 sa;
	const union MHD_DaemonInfo *info;

	*out = NULL;
	if (port > 65535) {
		diag_fatal("port %u is not a TCP port", port);
		return -1;
	}
	h = xcalloc(1, sizeof(*h));
	h->fn = fn;
	h->arg = arg;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	/* Only this machine: a preview shows what is not approved. */
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	errno = 0;
	h->d = MHD_start_daemon(MHD_NO_FLAG, (uint16_t)port, NULL, NULL,
	    answer, h,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
	    MHD_OPTION_END);
	if (h->d == NULL) {
		diag_fatal("cannot listen on 127.0.0.1:%u: %s", port,
		    errno != 0 ? strerror(errno) : "the server did not start");
		free(h);
		return -1;
	}
	h->port = port;
	if ((info = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT)) !=
	    NULL && info->port != 0)
		h->port = info->port;
	*out = h;
	return 0;
}

unsigned
http_port(const struct http *h)
{
	return h->port;
}

int
http_fdset(struct http *h, fd_set *rs, fd_set *ws, fd_set *es, int *maxfd)
{
	MHD_socket	m = 0;

	if (MHD_get_fdset(h->d, rs, ws, es, &m) != MHD_YES)
		return -1;
	if ((int)m > *maxfd)
		*maxfd = (int)m;
	return 0;
}

long
http_timeout(struct http *h)
{
	MHD_UNSIGNED_LONG_LONG	ms;

	if (MHD_get_timeout(h->d, &ms) != MHD_YES)
		return -1;
	return ms > 60000 ? 60000 : (long)ms;
}

void
http_run(struct http *h)
{
	MHD_run(h->d);
}

void
http_close(struct http *h)
{
	if (h == NULL)
		return;
	MHD_stop_daemon(h->d);
	free(h);
}
