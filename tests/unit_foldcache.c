/*
 * unit_foldcache.c -- the search index's texts kept between builds:
 * what one process put comes back to any process after it; packs of
 * two processes are both read; a pack replaces the pack of its number
 * whole; a pack cut short or spoiled anywhere, or a key not put, reads
 * as nothing (the text is made again); no folder, no cache.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "cachedir.h"
#include "foldcache.h"
#include "t.h"
#include "util.h"

/* The key of the text of number i: 64 hex digits. */
static const char *
key(int i, char k[65])
{
	snprintf(k, 65, "%064x", i * 2654435761u);
	return k;
}

/* The text of number i (version v). */
static const char *
text(int i, int v, struct buf *b)
{
	buf_reset(b);
	buf_printf(b, "T第%d条 v%d\n正文一\nsecond block %d", i, v, i * 7);
	return b->data;
}

/* 1 if fc gives number i's text (version v). */
static int
gives(struct foldcache *fc, int i, int v)
{
	struct buf	 got = BUF_INIT, want = BUF_INIT;
	char		 k[65];
	int		 ok;

	ok = foldcache_get(fc, key(i, k), &got) == 1 &&
	    strcmp(got.data, text(i, v, &want)) == 0;
	buf_dispose(&got);
	buf_dispose(&want);
	return ok;
}

/* Puts numbers lo to hi - 1 (version v) into a new pack k. */
static void
pack(const char *dir, int k, int lo, int hi, int v)
{
	struct foldcache	*fc = foldcache_open(dir, k);
	struct buf		 b = BUF_INIT;
	char			 kb[65];
	int			 i;

	for (i = lo; i < hi; i++) {
		text(i, v, &b);
		foldcache_put(fc, key(i, kb), b.data, b.len);
	}
	buf_dispose(&b);
	foldcache_close(fc);
}

/* The size of file path, or -1. */
static long
fsize(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

int
main(void)
{
	char			 tmpl[] = "/tmp/unit_foldcache.XXXXXX", k[65];
	char			*dir, *p0, *cmd;
	struct foldcache	*fc;
	struct buf		 b = BUF_INIT, orig = BUF_INIT;
	long			 size, at;
	int			 i, fd, all;

	if ((dir = mkdtemp(tmpl)) == NULL) {
		T_SKIP("no temporary folder");
		return T_DONE();
	}
	p0 = xasprintf("%s/0.pack", dir);

	/* no folder: no cache, and nothing breaks */
	OK(foldcache_open(NULL, 0) == NULL);
	OK(foldcache_get(NULL, key(1, k), &b) == 0);
	foldcache_put(NULL, key(1, k), "x", 1);
	foldcache_close(NULL);

	/* two processes' packs: each read by any process after them */
	pack(dir, 0, 0, 300, 1);
	pack(dir, 1, 300, 600, 1);
	fc = foldcache_open(dir, 2);
	for (all = 1, i = 0; i < 600; i++)
		all &= gives(fc, i, 1);
	OK(all);
	OK(foldcache_get(fc, key(600, k), &b) == 0);
	OK(foldcache_get(fc, "not hex", &b) == 0);
	foldcache_close(fc);	/* pack 2: empty */

	/* a pack replaces the pack of its number whole; one being
	 * written is not read */
	fc = foldcache_open(dir, 0);
	OK(gives(fc, 5, 1));
	text(700, 2, &b);
	foldcache_put(fc, key(700, k), b.data, b.len);
	OK(foldcache_get(fc, key(700, k), &b) == 0);
	foldcache_close(fc);
	fc = foldcache_open(dir, 3);
	OK(gives(fc, 700, 2));
	OK(foldcache_get(fc, key(5, k), &b) == 0);
	OK(gives(fc, 305, 1));
	foldcache_close(fc);

	/* pack 0 again, then spoiled: cut anywhere, or a byte flipped
	 * in its head, index or end, it is read as no pack, never as a
	 * wrong text; a flipped byte of a text is what that text holds
	 * (the cache folder is the user's alone, cachedir.h) */
	pack(dir, 0, 0, 40, 1);
	OK(cachedir_read(p0, &orig) == 0);
	size = (long)orig.len;
	OK(size > 0 && fsize(p0) == size);
	for (at = 0; at < size; at += at < 40 || at > size - 600 ? 1 : 97) {
		cachedir_write(p0, orig.data, (size_t)at);
		chmod(p0, 0600);
		fc = foldcache_open(dir, 4);
		OK(foldcache_get(fc, key(3, k), &b) == 0);
		foldcache_close(fc);
		if (at < 16 || at >= size - 600) {
			orig.data[at] ^= 0x5a;
			cachedir_write(p0, orig.data, (size_t)size);
			fc = foldcache_open(dir, 4);
			/* the head, index or end spoiled: nothing read */
			all = 1;
			for (i = 0; i < 40; i++)
				if (foldcache_get(fc, key(i, k), &b) == 1 &&
				    !gives(fc, i, 1))
					all = 0;
			OK(all);
			foldcache_close(fc);
			orig.data[at] ^= 0x5a;
		}
	}
	/* a pack others may write is not read */
	cachedir_write(p0, orig.data, orig.len);
	chmod(p0, 0666);
	fc = foldcache_open(dir, 4);
	OK(foldcache_get(fc, key(3, k), &b) == 0);
	foldcache_close(fc);
	chmod(p0, 0600);
	fc = foldcache_open(dir, 4);
	OK(gives(fc, 3, 1));
	foldcache_close(fc);

	/* what a build killed while writing a pack left is taken over,
	 * not left beside a new one */
	cmd = xasprintf("%s/6.pack.new", dir);
	cachedir_write(cmd, "left by a killed build", 22);
	chmod(cmd, 0600);
	pack(dir, 6, 1000, 1010, 3);
	OK(fsize(cmd) == -1);
	fc = foldcache_open(dir, 4);
	OK(gives(fc, 1009, 3));
	foldcache_close(fc);
	/* a pack another build is writing (locked) is left to it */
	if ((fd = open(cmd, O_WRONLY | O_CREAT, 0600)) != -1 &&
	    flock(fd, LOCK_EX) == 0) {
		pack(dir, 6, 2000, 2010, 4);
		fc = foldcache_open(dir, 4);
		OK(gives(fc, 1009, 3) && !gives(fc, 2009, 4));
		foldcache_close(fc);
		OK(fsize(cmd) == 0);
		close(fd);
	} else
		T_SKIP("no lock");
	free(cmd);

	/* a folder it cannot write: read still, nothing made */
	if ((fd = open(dir, O_RDONLY)) != -1) {
		close(fd);
		chmod(dir, 0500);
		fc = foldcache_open(dir, 5);
		OK(gives(fc, 3, 1));
		foldcache_put(fc, key(9, k), "x", 1);
		foldcache_close(fc);
		chmod(dir, 0700);
	}

	buf_dispose(&b);
	buf_dispose(&orig);
	t_scratch_end(dir, "UNIT_FOLDCACHE_KEEP");
	free(p0);
	return T_DONE();
}
