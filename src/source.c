/*
 * source.c -- content listings and reads; see source.h.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fswalk.h"
#include "listcache.h"
#include "plan.h"
#include "sha256.h"
#include "source.h"
#include "strmap.h"
#include "util.h"

/* Deeper than any administration: province > ... > village > item. */
#define SRC_MAX_DEPTH 24

struct source {
	struct arena		*arena;	  /* entry strings */
	struct src_entry	*ents;	  /* every entry, sorted */
	size_t			 nents;
	size_t			 cap;
	size_t			 content0; /* first entry under content/ */
	size_t			 ncontent; /* entries under content/ */
	struct strmap		 bypath;  /* path -> index in ents */
	source_read_fn		 read;	  /* how bytes are read */
	void			*impl;	  /* its state */
	char			*label;	  /* for messages */
	char			*root;	  /* work tree root, or NULL */
	int			 sorted;  /* ents are in bytewise order */
	int			 fullnames; /* messages name root/path (a
					       folder outside any repository) */
	int			 logging; /* 1: reads go into log */
	long long		 listed;  /* when a work tree was listed,
					     ns since the epoch */
	struct sha256		 log;	  /* what was read (source_log) */
};

struct source *
source_new(source_read_fn fn, void *impl, const char *label)
{
	struct source	*s = xcalloc(1, sizeof(*s));

	s->arena = arena_new();
	s->read = fn;
	s->impl = impl;
	s->label = xstrdup(label);
	strmap_init(&s->bypath);
	sha256_init(&s->log);
	return s;
}

void
source_add(struct source *s, const char *path, enum src_type type,
    size_t size, const char *blob)
{
	struct src_entry	*e;

	xgrow(&s->ents, &s->cap, s->nents + 1, sizeof(*s->ents));
	e = &s->ents[s->nents];
	e->path = arena_strdup(s->arena, path);
	e->type = type;
	e->size = size;
	e->blob = blob != NULL ? arena_strdup(s->arena, blob) : NULL;
	e->dev = e->ino = 0;
	e->mtime = e->ctime = 0;
	s->nents++;
	s->sorted = 0;
}

static int
cmp_ent(const void *a, const void *b)
{
	return strcmp(((const struct src_entry *)a)->path,
	    ((const struct src_entry *)b)->path);
}

/* Puts the entries in bytewise path order (a walk of nested folders
 * gives "a/x" before "a-b/y"; bytewise order is the other way) and
 * finds the content/ range. */
static void
sort_entries(struct source *s)
{
	size_t	i;

	if (s->sorted)
		return;
	xqsort(s->ents, s->nents, sizeof(*s->ents), cmp_ent);
	s->content0 = s->ncontent = 0;
	for (i = 0; i < s->nents; i++)
		if (str_prefix(s->ents[i].path, "content/")) {
			if (s->ncontent++ == 0)
				s->content0 = i;
		}
	strmap_dispose(&s->bypath);
	strmap_init(&s->bypath);
	for (i = 0; i < s->nents; i++)
		strmap_put(&s->bypath, s->ents[i].path, i, NULL);
	s->sorted = 1;
}

void
source_free(struct source *s)
{
	if (s == NULL)
		return;
	strmap_dispose(&s->bypath);
	arena_free(s->arena);
	free(s->ents);
	free(s->label);
	free(s->root);
	free(s);
}

const struct src_entry *
source_content(struct source *s, size_t *n)
{
	sort_entries(s);
	*n = s->ncontent;
	return s->ents + s->content0;
}

const struct src_entry *
source_list(struct source *s, const char *prefix, size_t *n)
{
	size_t	lo = 0, hi, mid, plen = strlen(prefix);

	sort_entries(s);
	hi = s->nents;
	while (lo < hi) {	/* the first entry not before prefix */
		mid = lo + (hi - lo) / 2;
		if (strcmp(s->ents[mid].path, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (hi = lo; hi < s->nents &&
	    strncmp(s->ents[hi].path, prefix, plen) == 0; hi++)
		;
	*n = hi - lo;
	return s->ents + lo;
}

const char *
source_label(const struct source *s)
{
	return s->label;
}

const char *
source_root(const struct source *s)
{
	return s->root;
}

const struct src_entry *
source_entry(struct source *s, const char *path)
{
	size_t	 i;

	sort_entries(s);
	return strmap_get(&s->bypath, path, &i) ? &s->ents[i] : NULL;
}

int
source_read(struct source *s, const char *path, struct buf *out)
{
	size_t		 i;
	const char	*blob = NULL;
	char		 dig[65];
	int		 rc;

	sort_entries(s);
	buf_reset(out);
	if (strmap_get(&s->bypath, path, &i)) {
		if (s->ents[i].type != SRC_FILE) {
			diag_error(path, 0, 0, "not a regular file");
			return -1;
		}
		blob = s->ents[i].blob;
		rc = s->read(s->impl, path, blob, out);
	} else if (str_prefix(path, "content/") || s->root == NULL)
		rc = 1;
	else
		rc = s->read(s->impl, path, blob, out);
	if (s->logging && rc != -1) {
		/* a file that is not there is an input too */
		if (rc == 0) {
			sha256_digest(out->data, out->len, dig);
		} else
			strcpy(dig, "-");
		source_log_add(s, path, dig);
	}
	return rc;
}

int
source_log(struct source *s, int on)
{
	int	was = s->logging;

	s->logging = on;
	return was;
}

void
source_log_add(struct source *s, const char *path, const char *dig)
{
	if (!s->logging)
		return;
	sha256_add(&s->log, path, strlen(path) + 1);
	sha256_add(&s->log, dig, strlen(dig) + 1);
}

void
source_log_hex(const struct source *s, char hex[65])
{
	struct sha256	h = s->log;

	sha256_hex(&h, hex);
}

/* Reads file full (named path in messages), refusing links and
 * non-files. */
static int
read_path(const char *full, const char *path, struct buf *out)
{
	char			 tmp[65536];
	ssize_t			 n;
	int			 fd, rc = -1;
	struct stat		 st;

	fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1) {
		if (errno == ENOENT)
			return 1;
		diag_error(path, 0, 0, "cannot open: %s", strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		diag_error(path, 0, 0, "not a regular file");
		goto out;
	}
	buf_grow(out, (size_t)st.st_size);
	while ((n = read(fd, tmp, sizeof(tmp))) > 0)
		buf_put(out, tmp, (size_t)n);
	if (n < 0) {
		diag_error(path, 0, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	return rc;
}

int
source_file_read(const char *path, struct buf *out)
{
	buf_reset(out);
	return read_path(path, path, out);
}

/* Reads a file of the working tree. */
static int
fs_read(void *impl, const char *path, const char *blob, struct buf *out)
{
	const struct source	*s = impl;
	char			*full = xasprintf("%s/%s", s->root, path);
	int			 rc = read_path(full, s->fullnames ? full : path,
				    out);

	free(full);
	return rc;
}

/* The time now, as file systems stamp files. */
static long long
now_ns(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_REALTIME, &t);
	return ts_ns(&t);
}

int
source_stamp(const struct source *s, const struct src_entry *e, char *out,
    size_t n)
{
	int	w;

	if (e->blob != NULL)
		w = snprintf(out, n, "b %s", e->blob);
	else if (s->root == NULL || e->ctime == 0 ||
	    fswalk_racy(e->mtime, e->ctime, s->listed))
		return -1;
	else
		w = snprintf(out, n, "f %llu %llu %zu %lld %lld", e->dev,
		    e->ino, e->size, e->mtime, e->ctime);
	return w > 0 && (size_t)w < n ? 0 : -1;
}

/* An error about entry rel of s (named root/rel outside a repository),
 * with errno's words when err is not 0. */
static void
msg_path(const struct source *s, const char *rel, const char *what, int err)
{
	char	*full = s->fullnames ? xasprintf("%s/%s", s->root, rel) :
		    NULL;

	if (err != 0)
		diag_error(full != NULL ? full : rel, 0, 0, "%s: %s", what,
		    strerror(err));
	else
		diag_error(full != NULL ? full : rel, 0, 0, "%s", what);
	free(full);
}

/* Threads that list a work tree: past a few, the file system's locks,
 * not the cores, decide (plan_cpus: $GONGKAI_JOBS or the CPUs). */
#define SRC_WALKERS 4

/* Lists folder rel of s (its root's rel) and the folders below it, in
 * threads (fswalk.h), with the listings lc kept (NULL: none) and kept
 * for the next; the entries are sorted when they are first asked
 * for.  0, or -1 after a diagnostic. */
static int
fs_walk_top(struct source *s, const char *rel, struct listcache *lc)
{
	struct fswalk		 w;
	const struct fswalk_file *f;
	struct src_entry	*e;
	char			*full = xasprintf("%s/%s", s->root, rel);
	size_t			 i;
	int			 fd, rc, n = plan_cpus();

	fd = open(full, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(full);
	if (fd == -1) {
		msg_path(s, rel, "cannot open folder", errno);
		return -1;
	}
	rc = fswalk_run(fd, rel, SRC_MAX_DEPTH, n < SRC_WALKERS ? n :
	    SRC_WALKERS, listcache_memo(lc), &w);
	listcache_save(lc, &w, s->listed);
	for (i = 0; i < w.nerrs; i++)
		msg_path(s, w.errs[i].path, w.errs[i].what, w.errs[i].err);
	for (i = 0; i < w.nfiles; i++) {
		f = &w.files[i];
		source_add(s, f->path, S_ISREG(f->mode) ? SRC_FILE :
		    S_ISLNK(f->mode) ? SRC_LINK : SRC_OTHER, f->size, NULL);
		e = &s->ents[s->nents - 1];
		e->dev = f->dev;
		e->ino = f->ino;
		e->mtime = f->mtime;
		e->ctime = f->ctime;
	}
	fswalk_dispose(&w);
	return rc;
}

int
source_repo_check(const char *root)
{
	struct stat	 st;
	char		*content;
	int		 rc = -1;

	/* a folder, not a file: said without a line and column */
	if (stat(root, &st) == -1)
		diag_fatal("cannot open repository '%s': %s", root,
		    strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		diag_fatal("cannot open repository '%s': not a folder", root);
	else {
		content = xasprintf("%s/content", root);
		if (lstat(content, &st) == -1 || !S_ISDIR(st.st_mode))
			diag_fatal("no content/ folder in '%s' (is it a "
			    "gongkai repository? its top folder holds "
			    "config.yaml and content/)", root);
		else
			rc = 0;
		free(content);
	}
	return rc;
}

int
source_fs_open(const char *root, struct source **out)
{
	struct source	*s;
	struct listcache *lc;
	int		 rc;

	*out = NULL;
	if (source_repo_check(root) == -1)
		return -1;
	s = source_new(fs_read, NULL, "working tree");
	s->impl = s;
	s->root = xstrdup(root);
	lc = listcache_open(root);
	s->listed = now_ns();
	rc = fs_walk_top(s, "content", lc);
	listcache_free(lc);
	if (rc == -1) {
		source_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

int
source_dir_open(const char *dir, struct source **out)
{
	struct source	*s;
	struct stat	 st;

	*out = NULL;
	if (stat(dir, &st) == -1) {
		if (errno == ENOENT)
			return 1;
		diag_error(dir, 0, 0, "cannot open folder: %s",
		    strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_error(dir, 0, 0, "not a folder");
		return -1;
	}
	s = source_new(fs_read, NULL, dir);
	s->impl = s;
	s->root = xstrdup(dir);
	s->fullnames = 1;
	if (fs_walk_top(s, "", NULL) == -1) {
		source_free(s);
		return -1;
	}
	*out = s;
	return 0;
}
