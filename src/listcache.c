/*
 * listcache.c -- a work tree's folder listings between builds; see
 * listcache.h.
 *
 * The file is text, a folder a line and its entries after it:
 *
 *	gongkai listings 1
 *	D <dev> <ino> <mtime ns> <ctime ns> <path>
 *	d<name of a subfolder>
 *	f<name of anything else>
 *	...
 *	E <bytes before this line> <folders>
 *
 * A folder's entries are in strcmp order of their names, so that a
 * name twice is seen; the last line tells a file cut short at a line's
 * end (a crash before the data reached the disk) from a whole one.  A
 * folder whose path or entries hold a newline is not kept.  Read back,
 * the newlines become NULs, and the entries of a folder are then the
 * names fswalk_dir wants, where they lie.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cachedir.h"
#include "fswalk.h"
#include "listcache.h"
#include "strmap.h"
#include "util.h"

#define HEAD	"gongkai listings 1\n"

struct listcache {
	char			*path;	/* the file, or NULL: none */
	char			*text;	/* as read, newlines made NULs
					   (xhuge: megabytes at 100,000
					   items, fresh pages each run) */
	size_t			 len, textsz;
	struct fswalk_dir	*dirs;	/* xhuge, cap of them */
	size_t			 ndirs, cap;
	struct strmap		 bypath; /* path -> index in dirs */
	struct fswalk_memo	 memo;
};

/* A decimal number (a minus first if sign) that ends at character
 * stop: 0 and *p past it, or -1. */
static int
number(char **p, int sign, long long *v, char stop)
{
	char	*s = *p, *end;

	if (!(*s >= '0' && *s <= '9') && !(sign && *s == '-'))
		return -1;
	errno = 0;
	*v = sign ? strtoll(s, &end, 10) : (long long)strtoull(s, &end, 10);
	if (errno != 0 || *end != stop)
		return -1;
	*p = end + 1;
	return 0;
}

/* Reads a folder's line at line, its entries' names at names: 0, or
 * -1 if it is not one. */
static int
take_dir(struct listcache *lc, char *line, const char *names)
{
	struct fswalk_dir	*d;
	long long		 dev, ino;

	if (lc->ndirs == lc->cap)
		return -1;
	d = &lc->dirs[lc->ndirs];
	line += 2;
	if (number(&line, 0, &dev, ' ') == -1 ||
	    number(&line, 0, &ino, ' ') == -1 ||
	    number(&line, 1, &d->mtime, ' ') == -1 ||
	    number(&line, 1, &d->ctime, ' ') == -1 || *line == '\0' ||
	    strmap_put(&lc->bypath, line, lc->ndirs, NULL) != 1)
		return -1;
	d->dev = (unsigned long long)dev;
	d->ino = (unsigned long long)ino;
	d->path = line;
	d->names = names;
	d->nnames = 0;
	lc->ndirs++;
	return 0;
}

/* 1 if line is an entry a walk would list: a name, not a path, and
 * none it leaves out. */
static int
is_entry(const char *line)
{
	return (line[0] == 'd' || line[0] == 'f') && line[1] != '\0' &&
	    line[1] != '.' && strchr(line + 1, '/') == NULL;
}

/* The text of lc before its last line, if that line says how long
 * it is and how many folders it holds (*n): its end, or NULL. */
static char *
body_end(struct listcache *lc, size_t *n)
{
	char		*last = lc->text + lc->len - 1, *p;
	long long	 bytes, dirs;

	while (last > lc->text && last[-1] != '\n')
		last--;
	p = last + 2;
	lc->text[lc->len - 1] = '\0';	/* its newline */
	if (last[0] != 'E' || last[1] != ' ' ||
	    number(&p, 0, &bytes, ' ') == -1 ||
	    number(&p, 0, &dirs, '\0') == -1 ||
	    bytes != (long long)(last - lc->text))
		return NULL;
	*n = (size_t)dirs;
	return last;
}

/* Reads lc->text: 0, or -1 (nothing of it is then used). */
static int
parse(struct listcache *lc)
{
	char		*line, *nl, *end, *prev = NULL;
	size_t		 n = 0;

	if (lc->len < strlen(HEAD) ||
	    memcmp(lc->text, HEAD, strlen(HEAD)) != 0 ||
	    lc->text[lc->len - 1] != '\n' ||
	    memchr(lc->text, '\0', lc->len) != NULL ||
	    (end = body_end(lc, &n)) == NULL || n > lc->len)
		return -1;
	/* room for every folder the last line counts, at once */
	lc->dirs = xhuge(n * sizeof(*lc->dirs));
	lc->cap = n;
	strmap_reserve(&lc->bypath, n);
	for (line = lc->text + strlen(HEAD); line < end; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(end - line));
		*nl = '\0';
		if (line[0] == 'D' && line[1] == ' ') {
			if (take_dir(lc, line, nl + 1) == -1)
				return -1;
			prev = NULL;
		} else if (lc->ndirs > 0 && is_entry(line) &&
		    (prev == NULL || strcmp(prev + 1, line + 1) < 0)) {
			lc->dirs[lc->ndirs - 1].nnames++;
			prev = line;
		} else
			return -1;
	}
	return lc->ndirs == n ? 0 : -1;
}

static const struct fswalk_dir *
find(void *arg, const char *path)
{
	struct listcache	*lc = arg;
	size_t			 i;

	return strmap_get(&lc->bypath, path, &i) ? &lc->dirs[i] : NULL;
}

/* Drops what was read, or the part of it that was parsed (the map is
 * left empty, which holds nothing). */
static void
forget(struct listcache *lc)
{
	strmap_dispose(&lc->bypath);
	strmap_init(&lc->bypath);
	xhuge_free(lc->dirs, lc->cap * sizeof(*lc->dirs));
	lc->dirs = NULL;
	lc->ndirs = lc->cap = 0;
	xhuge_free(lc->text, lc->textsz);
	lc->text = NULL;
	lc->len = lc->textsz = 0;
}

/* Reads the file at lc->path, if it is there and ours: 0 or -1. */
static int
load(struct listcache *lc)
{
	struct stat	 st;
	int		 fd, rc = -1;

	if ((fd = cachedir_open_file(lc->path)) == -1)
		return -1;
	if (xhuge_read(fd, &st, &lc->text, &lc->textsz, &lc->len) == 0)
		rc = parse(lc);
	close(fd);
	return rc;
}

struct listcache *
listcache_open(const char *root)
{
	struct listcache	*lc = xcalloc(1, sizeof(*lc));
	char			*dir;

	strmap_init(&lc->bypath);
	lc->memo.find = find;
	lc->memo.arg = lc;
	dir = cachedir_open(NULL, root, NULL,
	    "every folder of the work tree is read");
	if (dir != NULL)
		lc->path = cachedir_tree_file(dir, "lists", root);
	free(dir);
	if (lc->path != NULL && load(lc) == -1)
		forget(lc);
	return lc;
}

const struct fswalk_memo *
listcache_memo(struct listcache *lc)
{
	return lc != NULL ? &lc->memo : NULL;
}

/* 1 if folder d can be kept: not racy, no newline in it. */
static int
keeps(const struct fswalk_dir *d, long long listed)
{
	const char	*name = d->names;
	size_t		 k;

	if (fswalk_racy(d->mtime, d->ctime, listed) ||
	    strchr(d->path, '\n') != NULL)
		return 0;
	for (k = 0; k < d->nnames; k++, name += strlen(name) + 1)
		if (strchr(name, '\n') != NULL)
			return 0;
	return 1;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a + 1,
	    *(const char *const *)b + 1);
}

void
listcache_save(struct listcache *lc, const struct fswalk *w,
    long long listed)
{
	struct buf		 b = BUF_INIT;
	const struct fswalk_dir	*d;
	const char		*name, **names = NULL;
	size_t			 i, k, cap = 0, kept = 0;

	if (lc == NULL || lc->path == NULL ||
	    (w->nread == 0 && w->ndirs == lc->ndirs))
		return;
	buf_puts(&b, HEAD);
	for (i = 0; i < w->ndirs; i++) {
		d = &w->dirs[i];
		if (!keeps(d, listed))
			continue;
		xgrow(&names, &cap, d->nnames + 1, sizeof(*names));
		for (name = d->names, k = 0; k < d->nnames;
		    k++, name += strlen(name) + 1)
			names[k] = name;
		xqsort(names, d->nnames, sizeof(*names), cmp_name);
		buf_printf(&b, "D %llu %llu %lld %lld %s\n", d->dev, d->ino,
		    d->mtime, d->ctime, d->path);
		for (k = 0; k < d->nnames; k++) {
			buf_puts(&b, names[k]);
			buf_putc(&b, '\n');
		}
		kept++;
	}
	buf_printf(&b, "E %zu %zu\n", b.len, kept);
	cachedir_write(lc->path, b.data, b.len);
	buf_dispose(&b);
	free(names);
}

void
listcache_free(struct listcache *lc)
{
	if (lc == NULL)
		return;
	forget(lc);
	free(lc->path);
	free(lc);
}
