/*
 * buf.h -- the growable byte buffer.
 *
 * Invariants: data is never NULL and always NUL-terminated at data[len],
 * so a buf can be handed to any C string function.  A zeroed struct buf
 * is not valid; start with buf_init() (or BUF_INIT) and end with
 * buf_dispose() or buf_detach().
 */
#ifndef GONGKAI_BUF_H
#define GONGKAI_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
	char	*data;	/* bytes, NUL-terminated at data[len] */
	size_t	 len;	/* bytes in use, excluding the NUL */
	size_t	 cap;	/* bytes allocated; 0 while data is the shared "" */
};

extern char buf__empty[];
#define BUF_INIT { buf__empty, 0, 0 }

void	 buf_init(struct buf *);
/* Frees the storage and leaves the buffer empty and reusable. */
void	 buf_dispose(struct buf *);
/* Empties without freeing. */
void	 buf_reset(struct buf *);
void	 buf_grow(struct buf *, size_t extra);
void	 buf_put(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, int);
/* Appends the n low bytes of v, least significant first (n <= 8). */
void	 buf_put_le(struct buf *, uint64_t v, int n);
/* Appends v in decimal, zero-padded to at least width (at most 24)
 * digits: what "%0*llu" prints, without printf's cost in a hot loop. */
void	 buf_putu(struct buf *, unsigned long long v, int width);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
/* Cuts to len bytes (len <= b->len). */
void	 buf_truncate(struct buf *, size_t len);
/* Appends what remains to be read of file descriptor fd.  0 or -1
 * (errno set). */
int	 buf_read_fd(struct buf *, int fd);
/* Returns the storage (caller frees) and leaves the buffer empty. */
char	*buf_detach(struct buf *, size_t *len);

#endif
