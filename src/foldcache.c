/*
 * foldcache.c -- the folded texts of the search index's items, kept
 * between builds (foldcache.h).
 *
 * A pack is the MAGIC line, then the texts one after another, then
 * the index: for each key in increasing order its 32 bytes, the text's
 * offset (64-bit) and length (32-bit); then the index's offset
 * (64-bit), the number of keys (32-bit), the SHA-256 of the index in
 * hex, and END.  Numbers are little-endian.  A pack whose index is not
 * that digest's is not read: a spoiled offset would give another
 * item's text.  A pack is read by its index alone (a few megabytes
 * for a province), each text as it is asked for: the texts are as big
 * as the index's t/ files, and reading them whole would double a
 * search process's memory.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cachedir.h"
#include "foldcache.h"
#include "sha256.h"
#include "util.h"

#define MAGIC	"gongkai-folds 1\n"
#define MAGLEN	(sizeof(MAGIC) - 1)
#define END	"gkfolds\n"
#define ENT	44		/* bytes of an index entry */
#define TRAILER	(8 + 4 + 64 + 8) /* index offset, keys, digest, END */
#define FLUSH	(1 << 20)	/* bytes of texts written at a time */

/* A key and where its text is. */
struct fkey {
	unsigned char	k[32];
	uint64_t	off;
	uint32_t	len;
	int		pack;	/* which fd of the earlier packs */
};

struct foldcache {
	char		*dir;
	int		 fds[FOLDCACHE_PACKS];	/* earlier packs, or -1 */
	struct fkey	*keys;	/* theirs, sorted */
	size_t		 nkeys, ckeys;
	/* the new pack */
	int		 k;
	int		 out;	/* <k>.pack.new, locked, or -1 */
	int		 ok;	/* 0 once a write failed */
	uint64_t	 at;	/* offset of the next text */
	struct buf	 wb;	/* texts not yet written */
	struct fkey	*put;
	size_t		 nput, cput;
};

static char *
pack_path(const char *dir, int k)
{
	return xasprintf("%s/%d.pack", dir, k);
}

/*
 * Opens the new pack k, <k>.pack.new, locked and emptied: what a build
 * killed while writing it left is taken over (a province's pack is
 * hundreds of megabytes: never one left per run), and one that another
 * build is writing is left to it (no new pack this time).  -1 if not.
 */
static int
new_pack(const char *dir, int k)
{
	char		*path = xasprintf("%s/%d.pack.new", dir, k);
	int		 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	free(path);
	if (fd == -1)
		return -1;
	if (!cachedir_fd_ours(fd) || flock(fd, LOCK_EX | LOCK_NB) == -1 ||
	    ftruncate(fd, 0) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

/* 32 bytes of the 64 hex digits at hex into k: 0, or -1. */
static int
unhex(const char *hex, unsigned char k[32])
{
	int	i, hi, lo;

	for (i = 0; i < 32; i++) {
		hi = hexval(hex[2 * i]);
		lo = hi == -1 ? -1 : hexval(hex[2 * i + 1]);
		if (lo == -1)
			return -1;
		k[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

static int
cmp_fkey(const void *a, const void *b)
{
	const struct fkey	*x = a, *y = b;
	int			 c = memcmp(x->k, y->k, sizeof(x->k));

	if (c != 0)
		return c;
	if (x->pack != y->pack)
		return x->pack < y->pack ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* 1 if the n bytes at off of fd were read into p. */
static int
read_at(int fd, void *p, size_t n, uint64_t off)
{
	ssize_t	r;
	size_t	got = 0;

	while (got < n) {
		r = pread(fd, (char *)p + got, n - got, (off_t)(off + got));
		if (r <= 0)
			return 0;
		got += (size_t)r;
	}
	return 1;
}

/* Takes in the index of pack k, if it is one: else it is not there. */
static void
read_pack(struct foldcache *fc, int k)
{
	struct stat	 st;
	unsigned char	 tr[TRAILER], head[MAGLEN], *ix = NULL, *e;
	char		*path = pack_path(fc->dir, k), dig[65];
	uint64_t	 size, ioff, n, i;
	struct fkey	*f;
	int		 fd;

	fd = cachedir_open_file(path);
	free(path);
	if (fd == -1)
		return;
	if (fstat(fd, &st) == -1 || (size = (uint64_t)st.st_size) <
	    MAGLEN + TRAILER || !read_at(fd, head, MAGLEN, 0) ||
	    memcmp(head, MAGIC, MAGLEN) != 0 ||
	    !read_at(fd, tr, TRAILER, size - TRAILER) ||
	    memcmp(tr + 12 + 64, END, 8) != 0)
		goto bad;
	ioff = le_get(tr, 8);
	n = le_get(tr + 8, 4);
	if (ioff < MAGLEN || ioff > size - TRAILER ||
	    (size - ioff - TRAILER) / ENT != n ||
	    (size - ioff - TRAILER) % ENT != 0)
		goto bad;
	ix = xmalloc(n * ENT + 1);
	if (!read_at(fd, ix, n * ENT, ioff))
		goto bad;
	sha256_digest(ix, n * ENT, dig);
	if (memcmp(dig, tr + 12, 64) != 0)
		goto bad;
	for (i = 0; i < n; i++) {
		e = ix + i * ENT;
		if (le_get(e + 32, 8) < MAGLEN || le_get(e + 32, 8) +
		    le_get(e + 40, 4) > ioff)
			goto bad;
	}
	for (i = 0; i < n; i++) {
		e = ix + i * ENT;
		xgrow(&fc->keys, &fc->ckeys, fc->nkeys + 1,
		    sizeof(*fc->keys));
		f = &fc->keys[fc->nkeys++];
		memcpy(f->k, e, 32);
		f->off = le_get(e + 32, 8);
		f->len = (uint32_t)le_get(e + 40, 4);
		f->pack = k;
	}
	free(ix);
	fc->fds[k] = fd;
	return;
bad:
	free(ix);
	close(fd);
}

struct foldcache *
foldcache_open(const char *dir, int k)
{
	struct foldcache	*fc;
	int			 i;

	if (dir == NULL || k < 0 || k >= FOLDCACHE_PACKS)
		return NULL;
	fc = xcalloc(1, sizeof(*fc));
	fc->dir = xstrdup(dir);
	for (i = 0; i < FOLDCACHE_PACKS; i++) {
		fc->fds[i] = -1;
		read_pack(fc, i);
	}
	xqsort(fc->keys, fc->nkeys, sizeof(*fc->keys), cmp_fkey);
	fc->k = k;
	fc->ok = 1;
	fc->at = MAGLEN;
	if ((fc->out = new_pack(dir, k)) != -1)
		buf_puts(&fc->wb, MAGIC);
	return fc;
}

/* Writes what wb holds to the new pack. */
static void
flush(struct foldcache *fc)
{
	if (fc->out != -1 && fc->ok && write_all(fc->out, fc->wb.data,
	    fc->wb.len) == -1)
		fc->ok = 0;
	buf_reset(&fc->wb);
}

int
foldcache_get(struct foldcache *fc, const char *key, struct buf *out)
{
	struct fkey	 want, *f;
	size_t		 lo, hi, mid;

	if (fc == NULL || fc->nkeys == 0 || unhex(key, want.k) == -1)
		return 0;
	for (lo = 0, hi = fc->nkeys; lo < hi; ) {
		mid = lo + (hi - lo) / 2;
		if (memcmp(fc->keys[mid].k, want.k, 32) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == fc->nkeys || memcmp(fc->keys[lo].k, want.k, 32) != 0)
		return 0;
	f = &fc->keys[lo];
	buf_reset(out);
	buf_grow(out, f->len + 1);
	if (!read_at(fc->fds[f->pack], out->data, f->len, f->off) ||
	    memchr(out->data, '\0', f->len) != NULL) {
		buf_reset(out);
		return 0;
	}
	out->len = f->len;
	out->data[out->len] = '\0';
	return 1;
}

void
foldcache_put(struct foldcache *fc, const char *key, const char *text,
    size_t len)
{
	struct fkey	*f;

	if (fc == NULL || fc->out == -1 || len > UINT32_MAX)
		return;
	xgrow(&fc->put, &fc->cput, fc->nput + 1, sizeof(*fc->put));
	f = &fc->put[fc->nput];
	if (unhex(key, f->k) == -1)
		return;
	fc->nput++;
	f->off = fc->at;
	f->len = (uint32_t)len;
	f->pack = fc->k;
	fc->at += len;
	buf_put(&fc->wb, text, len);
	if (fc->wb.len >= FLUSH)
		flush(fc);
}

void
foldcache_close(struct foldcache *fc)
{
	char	*path, *tmp, dig[65];
	size_t	 i, n = 0;
	int	 j;

	if (fc == NULL)
		return;
	if (fc->out != -1) {
		flush(fc);
		xqsort(fc->put, fc->nput, sizeof(*fc->put), cmp_fkey);
		for (i = 0; i < fc->nput; i++) {
			/* a text twice (items alike): once */
			if (i > 0 && memcmp(fc->put[i].k, fc->put[i - 1].k,
			    32) == 0)
				continue;
			buf_put(&fc->wb, fc->put[i].k, 32);
			buf_put_le(&fc->wb, fc->put[i].off, 8);
			buf_put_le(&fc->wb, fc->put[i].len, 4);
			n++;
		}
		sha256_digest(fc->wb.data, fc->wb.len, dig);
		buf_put_le(&fc->wb, fc->at, 8);
		buf_put_le(&fc->wb, n, 4);
		buf_put(&fc->wb, dig, 64);
		buf_puts(&fc->wb, END);
		flush(fc);
		/* renamed while locked: the next writer locks a new one */
		path = pack_path(fc->dir, fc->k);
		tmp = xasprintf("%s.new", path);
		if (!fc->ok || rename(tmp, path) == -1)
			unlink(tmp);
		close(fc->out);
		free(tmp);
		free(path);
	}
	for (j = 0; j < FOLDCACHE_PACKS; j++)
		if (fc->fds[j] != -1)
			close(fc->fds[j]);
	buf_dispose(&fc->wb);
	free(fc->keys);
	free(fc->put);
	free(fc->dir);
	free(fc);
}
