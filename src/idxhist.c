/*
 * idxhist.c -- index numbers across the history; see idxhist.h.
 *
 * The walk diffs each first-parent commit against its parent, so it
 * reads only the blobs of item paths that changed, and replays those
 * changes in two passes per commit: first every number a path drops,
 * then every number a path takes up.  Two passes because a rename
 * shows as a deletion and an addition in path order, and the addition
 * may come first.  Numbers are read by idxhist_scan(), a line reader
 * that never prints: old versions may be broken in ways nobody can fix
 * now, and their diagnostics would only confuse.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "cfg.h"
#include "diag.h"
#include "idxhist.h"
#include "idxno.h"
#include "item.h"
#include "repo.h"
#include "site.h"
#include "source.h"
#include "strmap.h"
#include "util.h"
#include "ydoc.h"

/* A unit dir seen in history: the numbers its items carried. */
struct hunit {
	const char	 *dir;	/* unit dir, in the arena */
	struct strmap	  nums;	/* number -> index in idxhist.uses */
	const char	**list;	/* numbers in order of first use */
	size_t		  n;	/* numbers in list */
	size_t		  cap;	/* slots in list */
};

/* An item path seen in history. */
struct hpath {
	const char	*path;	/* repository path, in the arena */
	size_t		 unit;	/* index in idxhist.units */
	const char	*cur;	/* the number it carries now, or NULL */
};

/* One number of one unit, with what the walk needs beside it. */
struct huse {
	struct idxuse	 pub;	   /* what callers see */
	size_t		 released; /* 1 + the commit where the owner
				      dropped it, 0 if it did not */
};

/* How one commit changed one item path. */
struct change {
	size_t		 path;	   /* index in idxhist.paths */
	const char	*old;	   /* number carried before, or NULL */
	char		*new;	   /* number carried after (owned), or NULL */
	int		 repealed; /* the new version is repealed */
};

/* What a text holds, by how it is read and its blob (scan_of). */
struct scanned {
	const char	*key;	   /* 'm' or 'y' and the blob's hex */
	const char	*num;	   /* its number, or NULL */
	int		 repealed;
	enum { SCAN_NUMBER, SCAN_NOBLOB, SCAN_UNREADABLE } what;
};

struct idxhist {
	struct arena	*arena;	/* every string below */
	struct hunit	*units;
	size_t		 nunits, unitcap;
	struct strmap	 umap;	/* unit dir -> index in units */
	struct hpath	*paths;
	size_t		 npaths, pathcap;
	struct strmap	 pmap;	/* path -> index in paths */
	struct huse	*uses;
	size_t		 nuses, usecap;
	/* State of the walk. */
	struct repo	*repo;	/* borrowed */
	const char	*only;	/* unit dir to read, or NULL for all */
	struct change	*ch;	/* changes of the current commit */
	size_t		 nch, chcap;
	struct buf	 text;	/* blob being read */
	struct scanned	*scans;	/* texts read */
	size_t		 nscans, scancap;
	struct strmap	 smap;	/* key -> index in scans */
	size_t		 commit; /* index of the current commit */
	char		 abbrev[IDXHIST_ABBREV]; /* its abbreviated id */
};

/*
 * The reader of idxhist_scan().
 */

/* 1 if the lines from next on continue the value of the key before
 * them: indented, not blank, not comments. */
static int
continued(const char *next, const char *end)
{
	const char	*p = next;

	while (p < end && (*p == ' ' || *p == '\t')) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < end && *p != '\n' && *p != '\r' && *p != '#')
			return 1;
		while (p < end && *p != '\n')
			p++;
		if (p < end)
			p++;
	}
	return 0;
}

/* Only spaces and perhaps a comment from p to eol. */
static int
rest_blank(const char *p, const char *eol)
{
	const char	*s = p;

	while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p == eol || (*p == '#' && p > s);
}

/*
 * The value of a top-level key: p..eol is the rest of its line after
 * the ':', next the following line, end the end of the header.
 * Returns 0 with *out a new string or NULL (null), or -1.
 */
static int
scan_value(const char *p, const char *eol, const char *next,
    const char *end, char **out)
{
	struct buf	 b = BUF_INIT;
	const char	*s, *e;

	*out = NULL;
	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	if (p == eol || *p == '#' || *p == '\r')
		return continued(next, end) ? -1 : 0;
	if (*p == '"') {
		for (p++; p < eol && *p != '"'; p++) {
			if (*p != '\\') {
				buf_putc(&b, *p);
				continue;
			}
			if (p + 1 == eol || (p[1] != '\\' && p[1] != '"' &&
			    p[1] != '/'))
				goto complex;
			buf_putc(&b, *++p);
		}
		if (p == eol || !rest_blank(p + 1, eol))
			goto complex;
		*out = buf_detach(&b, NULL);
		return 0;
	}
	if (*p == '\'') {
		for (p++; p < eol; p++) {
			if (*p == '\'' && p + 1 < eol && p[1] == '\'')
				p++;
			else if (*p == '\'')
				break;
			buf_putc(&b, *p);
		}
		if (p == eol || !rest_blank(p + 1, eol))
			goto complex;
		*out = buf_detach(&b, NULL);
		return 0;
	}
	if (strchr("|>[{&*!%@`", *p) != NULL ||
	    ((*p == '-' || *p == '?') && (p + 1 == eol || p[1] == ' ')))
		return -1;
	/* Plain: up to a comment, trailing blanks trimmed. */
	for (s = p, e = p; p < eol; p++) {
		if (*p == '#' && (p[-1] == ' ' || p[-1] == '\t'))
			break;
		if (*p != ' ' && *p != '\t' && *p != '\r')
			e = p + 1;
	}
	if (continued(next, end))
		return -1;
	if ((e - s == 1 && *s == '~') || (e - s == 4 &&
	    (memcmp(s, "null", 4) == 0 || memcmp(s, "Null", 4) == 0 ||
	    memcmp(s, "NULL", 4) == 0)))
		return 0;
	*out = xstrndup(s, (size_t)(e - s));
	return 0;
complex:
	buf_dispose(&b);
	return -1;
}

/* If line p..eol is "key:" at column 1, returns what follows the ':'. */
static const char *
key_at(const char *p, const char *eol, const char *key)
{
	size_t	n = strlen(key);

	if ((size_t)(eol - p) < n || memcmp(p, key, n) != 0)
		return NULL;
	p += n;
	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	if (p == eol || *p != ':')
		return NULL;
	p++;
	return p == eol || *p == ' ' || *p == '\t' || *p == '\r' ? p : NULL;
}

int
idxhist_scan(const char *text, size_t len, int md, char **index_no,
    int *repealed)
{
	const char	*p = text, *end = text + len, *eol, *next, *v;
	char		*val;
	int		 seen_no = 0, seen_rep = 0, closed = !md;

	*index_no = NULL;
	*repealed = 0;
	if (md) {
		if (len >= 4 && memcmp(text, "---\n", 4) == 0)
			p = text + 4;
		else if (len >= 5 && memcmp(text, "---\r\n", 5) == 0)
			p = text + 5;
		else
			return -1;
	}
	for (; p < end; p = next) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		next = eol < end ? eol + 1 : end;
		if (md && ((eol - p == 3 && memcmp(p, "---", 3) == 0) ||
		    (eol - p == 4 && memcmp(p, "---\r", 4) == 0))) {
			closed = 1;
			break;
		}
		if (!seen_no && (v = key_at(p, eol, "index_no")) != NULL) {
			seen_no = 1;
			if (scan_value(v, eol, next, end, index_no) == -1)
				goto fail;
		} else if (!seen_rep &&
		    (v = key_at(p, eol, "repealed")) != NULL) {
			seen_rep = 1;
			/* A form we cannot read still says "repealed". */
			if (scan_value(v, eol, next, end, &val) == -1)
				*repealed = 1;
			else
				*repealed = val != NULL && *val != '\0';
			free(val);
		}
	}
	if (!closed)
		goto fail;
	return 0;
fail:
	free(*index_no);
	*index_no = NULL;
	*repealed = 0;
	return -1;
}

/*
 * The walk.
 */

/* The unit dir of an item path into *unit / *ulen, or 0 if path is
 * not content/<unit>/<category>/<file>.md|.yaml. */
static int
item_unit(const char *path, const char **unit, size_t *ulen)
{
	const char	*last, *cat;

	if (!str_prefix(path, "content/") ||
	    !(str_suffix(path, ".md") || str_suffix(path, ".yaml")))
		return 0;
	last = strrchr(path, '/');
	for (cat = last - 1; cat > path && *cat != '/'; cat--)
		;
	if (cat <= path + strlen("content/") || last[1] == '.' ||
	    strcmp(last + 1, "_unit.yaml") == 0)
		return 0;
	*unit = path + strlen("content/");
	*ulen = (size_t)(cat - *unit);
	return 1;
}

static size_t
unit_get(struct idxhist *h, const char *dir, size_t len)
{
	struct hunit	*u;
	char		*key = xstrndup(dir, len);
	size_t		 i;

	if (strmap_get(&h->umap, key, &i)) {
		free(key);
		return i;
	}
	xgrow(&h->units, &h->unitcap, h->nunits + 1, sizeof(*h->units));
	i = h->nunits++;
	u = &h->units[i];
	memset(u, 0, sizeof(*u));
	u->dir = arena_strdup(h->arena, key);
	strmap_init(&u->nums);
	strmap_put(&h->umap, u->dir, i, NULL);
	free(key);
	return i;
}

static size_t
path_get(struct idxhist *h, const char *path, size_t unit)
{
	struct hpath	*p;
	size_t		 i;

	if (strmap_get(&h->pmap, path, &i))
		return i;
	xgrow(&h->paths, &h->pathcap, h->npaths + 1, sizeof(*h->paths));
	i = h->npaths++;
	p = &h->paths[i];
	p->path = arena_strdup(h->arena, path);
	p->unit = unit;
	p->cur = NULL;
	strmap_put(&h->pmap, p->path, i, NULL);
	return i;
}

/*
 * What blob holds, read as an item of its kind (md: Markdown), each
 * text once: a pushed tree of 2,000 names for one 1 MiB text was read
 * 2,000 times.  A text over ITEM_MAX_BYTES, which no item may be, is
 * not read.  NULL if the object cannot be read.
 */
static const struct scanned *
scan_of(struct idxhist *h, const struct oid *blob, int md)
{
	struct scanned	*s;
	char		 key[OID_HEXSZ + 2], *num = NULL;
	size_t		 i, size;
	int		 r;

	key[0] = md ? 'm' : 'y';
	oid_fmt(key + 1, blob);
	if (strmap_get(&h->smap, key, &i))
		return &h->scans[i];
	xgrow(&h->scans, &h->scancap, h->nscans + 1, sizeof(*h->scans));
	s = &h->scans[h->nscans];
	memset(s, 0, sizeof(*s));
	s->what = SCAN_UNREADABLE;
	/* an entry naming no blob (a push can make one) holds no number */
	if ((r = repo_is_blob(h->repo, blob)) == -1)
		return NULL;
	if (r == 0)
		s->what = SCAN_NOBLOB;
	else if (repo_blob_size(h->repo, blob, &size) == -1)
		return NULL;
	else if (size <= ITEM_MAX_BYTES) {
		buf_reset(&h->text);
		if (repo_blob_read(h->repo, blob, &h->text) == -1)
			return NULL;
		if (idxhist_scan(h->text.data, h->text.len, md, &num,
		    &s->repealed) == 0) {
			s->what = SCAN_NUMBER;
			s->num = num != NULL ? arena_strdup(h->arena, num) :
			    NULL;
		}
		free(num);
	}
	s->key = arena_strdup(h->arena, key);
	strmap_put(&h->smap, s->key, h->nscans, NULL);
	return &h->scans[h->nscans++];
}

static int
on_diff(const char *path, enum repo_kind old_kind, const struct oid *old_oid,
    enum repo_kind new_kind, const struct oid *new_oid, void *arg)
{
	struct idxhist	*h = arg;
	const struct scanned *s;
	struct change	*c;
	const char	*unit;
	size_t		 ulen, pi;

	if (!item_unit(path, &unit, &ulen))
		return 0;
	if (h->only != NULL && (strlen(h->only) != ulen ||
	    memcmp(h->only, unit, ulen) != 0))
		return 0;
	pi = path_get(h, path, unit_get(h, unit, ulen));
	xgrow(&h->ch, &h->chcap, h->nch + 1, sizeof(*h->ch));
	c = &h->ch[h->nch++];
	c->path = pi;
	c->old = h->paths[pi].cur;
	c->new = NULL;
	c->repealed = 0;
	if (new_kind != REPO_BLOB && new_kind != REPO_EXEC)
		return 0;
	if ((s = scan_of(h, new_oid, str_suffix(path, ".md"))) == NULL)
		return -1;
	switch (s->what) {
	case SCAN_NOBLOB:
		break;
	case SCAN_UNREADABLE:
		/* as if the number had not changed */
		c->new = c->old != NULL ? xstrdup(c->old) : NULL;
		break;
	case SCAN_NUMBER:
		c->new = s->num != NULL ? xstrdup(s->num) : NULL;
		c->repealed = s->repealed;
		break;
	}
	return 0;
}

static size_t
use_get(const struct idxhist *h, size_t unit, const char *num)
{
	size_t	i;

	return strmap_get(&h->units[unit].nums, num, &i) ? i : NO_INDEX;
}

static size_t
use_new(struct idxhist *h, size_t unit, const char *num, const char *path,
    int repealed)
{
	struct hunit	*u = &h->units[unit];
	struct huse	*e;
	size_t		 i;

	xgrow(&h->uses, &h->usecap, h->nuses + 1, sizeof(*h->uses));
	i = h->nuses++;
	e = &h->uses[i];
	e->pub.index_no = arena_strdup(h->arena, num);
	e->pub.path = path;
	memcpy(e->pub.commit, h->abbrev, sizeof(e->pub.commit));
	e->pub.repealed = repealed;
	e->pub.alive = 1;
	e->released = 0;
	strmap_put(&u->nums, e->pub.index_no, i, NULL);
	xgrow(&u->list, &u->cap, u->n + 1, sizeof(*u->list));
	u->list[u->n++] = e->pub.index_no;
	return i;
}

/* Replays the changes of the current commit; see the top comment. */
static void
apply(struct idxhist *h)
{
	struct change	*c;
	struct hpath	*p;
	struct huse	*e;
	size_t		 k, i, stamp = h->commit + 1;

	for (k = 0; k < h->nch; k++) {
		c = &h->ch[k];
		p = &h->paths[c->path];
		if (c->old == NULL ||
		    (c->new != NULL && strcmp(c->old, c->new) == 0))
			continue;
		e = &h->uses[use_get(h, p->unit, c->old)];
		if (e->pub.path == p->path) {
			e->pub.alive = 0;
			e->released = stamp;
		}
	}
	for (k = 0; k < h->nch; k++) {
		c = &h->ch[k];
		p = &h->paths[c->path];
		p->cur = NULL;
		if (c->new == NULL)
			continue;
		i = use_get(h, p->unit, c->new);
		if (i == NO_INDEX) {
			i = use_new(h, p->unit, c->new, p->path, c->repealed);
		} else if ((e = &h->uses[i])->pub.path == p->path) {
			e->pub.alive = 1;
			e->pub.repealed |= c->repealed;
		} else if (!e->pub.alive && e->released == stamp &&
		    (!e->pub.repealed || c->repealed)) {
			/* A rename: the number moves with the item. */
			e->pub.path = p->path;
			memcpy(e->pub.commit, h->abbrev,
			    sizeof(e->pub.commit));
			e->pub.alive = 1;
			e->released = 0;
		}
		/* Else a duplicate: it never owns the number. */
		p->cur = h->uses[i].pub.index_no;
		free(c->new);
		c->new = NULL;
	}
	h->nch = 0;
}

int
idxhist_load(struct repo *repo, const struct oid *head, const char *unit,
    struct idxhist **out)
{
	struct idxhist	*h;
	struct oid	*line = NULL, *trees = NULL;
	char		 hex[OID_HEXSZ + 1];
	size_t		 n = 0, i, k;
	int		 rc = -1;

	*out = NULL;
	h = xcalloc(1, sizeof(*h));
	h->arena = arena_new();
	strmap_init(&h->umap);
	strmap_init(&h->pmap);
	strmap_init(&h->smap);
	buf_init(&h->text);
	h->repo = repo;
	h->only = unit;
	if (repo_first_parents(repo, head, NULL, NULL, &line, &trees, &n) ==
	    -1)
		goto out;
	for (i = 0; i < n; i++) {
		h->commit = i;
		oid_fmt(hex, &line[i]);
		memcpy(h->abbrev, hex, IDXHIST_ABBREV - 1);
		h->abbrev[IDXHIST_ABBREV - 1] = '\0';
		if (repo_diff_trees(repo, i ? &trees[i - 1] : NULL,
		    &trees[i], on_diff, h) != 0) {
			for (k = 0; k < h->nch; k++)
				free(h->ch[k].new);
			h->nch = 0;
			goto out;
		}
		apply(h);
	}
	rc = 0;
out:
	free(line);
	free(trees);
	free(h->ch);
	h->ch = NULL;
	h->chcap = 0;
	buf_dispose(&h->text);
	h->repo = NULL;
	h->only = NULL;
	if (rc == -1)
		idxhist_free(h);
	else
		*out = h;
	return rc;
}

void
idxhist_free(struct idxhist *h)
{
	size_t	i;

	if (h == NULL)
		return;
	for (i = 0; i < h->nunits; i++) {
		strmap_dispose(&h->units[i].nums);
		free(h->units[i].list);
	}
	free(h->units);
	free(h->paths);
	free(h->uses);
	free(h->ch);
	buf_dispose(&h->text);
	free(h->scans);
	strmap_dispose(&h->smap);
	strmap_dispose(&h->umap);
	strmap_dispose(&h->pmap);
	arena_free(h->arena);
	free(h);
}

const struct idxuse *
idxhist_find(const struct idxhist *h, const char *unit, const char *index_no)
{
	size_t	u, i;

	if (!strmap_get(&h->umap, unit, &u) ||
	    (i = use_get(h, u, index_no)) == NO_INDEX)
		return NULL;
	return &h->uses[i].pub;
}

const char *const *
idxhist_numbers(const struct idxhist *h, const char *unit, size_t *n)
{
	size_t	u;

	if (!strmap_get(&h->umap, unit, &u)) {
		*n = 0;
		return NULL;
	}
	*n = h->units[u].n;
	return h->units[u].list;
}

/*
 * Opening the repository.
 */

/* 1 if a file exists at path. */
static int
exists(const char *path)
{
	struct stat	st;

	return lstat(path, &st) == 0;
}

/* 1 if the packed-refs file in folder dir lists ref. */
static int
packed_has(const char *dir, const char *ref)
{
	struct buf	 b = BUF_INIT;
	char		*path = xasprintf("%spacked-refs", dir);
	const char	*p, *nl;
	size_t		 n = strlen(ref);
	int		 found = 0;

	if (source_file_read(path, &b) == 0)
		for (p = b.data; *p != '\0' && !found; p = nl + 1) {
			if ((nl = strchr(p, '\n')) == NULL)
				nl = p + strlen(p);
			found = (size_t)(nl - p) > n + 1 && nl[-n - 1] == ' ' &&
			    memcmp(nl - n, ref, n) == 0;
			if (*nl == '\0')
				break;
		}
	buf_dispose(&b);
	free(path);
	return found;
}

/*
 * 1 if HEAD names a commit, 0 if it is unborn (a fresh `git init`).
 * repo.h has no such question and repo_resolve() would report the
 * unborn HEAD as an error, so this reads the ref files themselves:
 * HEAD, the loose ref and packed-refs, in the git folder and in the
 * common folder of a linked work tree.  On doubt it says 1.
 */
static int
head_born(struct repo *r)
{
	struct buf	 head = BUF_INIT, common = BUF_INIT;
	const char	*gd = repo_gitdir(r);
	char		*path, *cd = NULL, *ref;
	int		 born = 1;

	path = xasprintf("%sHEAD", gd);
	if (source_file_read(path, &head) != 0 ||
	    !str_prefix(head.data, "ref: "))
		goto out;
	ref = head.data + 5;
	ref[strcspn(ref, "\r\n")] = '\0';
	free(path);
	path = xasprintf("%scommondir", gd);
	if (source_file_read(path, &common) == 0) {
		common.data[strcspn(common.data, "\r\n")] = '\0';
		cd = common.data[0] == '/' ?
		    xasprintf("%s/", common.data) :
		    xasprintf("%s%s/", gd, common.data);
	}
	free(path);
	path = xasprintf("%s%s", gd, ref);
	born = exists(path) || packed_has(gd, ref);
	if (!born && cd != NULL) {
		free(path);
		path = xasprintf("%s%s", cd, ref);
		born = exists(path) || packed_has(cd, ref);
	}
out:
	free(path);
	free(cd);
	buf_dispose(&head);
	buf_dispose(&common);
	return born;
}

int
idxhist_repo(const char *root, struct repo **repo, struct oid *head)
{
	char	*git = xasprintf("%s/.git", root);
	int	 is_git = exists(git);

	free(git);
	*repo = NULL;
	if (!is_git)
		return 1;
	if (repo_open(root, repo) == -1)
		return -1;
	if (!head_born(*repo)) {
		repo_free(*repo);
		*repo = NULL;
		return 1;
	}
	if (repo_resolve(*repo, "HEAD", head) == -1) {
		repo_free(*repo);
		*repo = NULL;
		return -1;
	}
	if (repo_is_shallow(*repo))
		diag_note("warning: the repository is shallow: index numbers "
		    "used before its cut are not seen");
	return 0;
}

/*
 * The check.
 */

/* Position of the index_no key's value in item it, or 0, 0. */
static void
index_pos(struct source *src, const struct item *it, int *line, int *col)
{
	struct buf	 text = BUF_INIT;
	struct ynode	*root = NULL;
	const struct ynode *n;
	const char	*yaml, *body;
	size_t		 ylen, blen;
	int		 bline, md = it->kind == ITEM_MD;

	*line = *col = 0;
	if (source_read(src, it->path, &text) != 0)
		goto out;
	yaml = text.data;
	ylen = text.len;
	/* The item loaded without errors, so neither call reports. */
	if (md && item_split(it->path, text.data, text.len, &yaml, &ylen,
	    &body, &blen, &bline) == -1)
		goto out;
	if (ydoc_parse(it->path, yaml, ylen, md ? 1 : 0, &root) == -1)
		goto out;
	if ((n = ynode_get(root, "index_no")) != NULL) {
		*line = n->line;
		*col = n->col;
	}
out:
	ynode_free(root);
	buf_dispose(&text);
}

/* 1 if the working tree holds no item at path carrying index_no. */
static int
gone(const struct site *s, const char *path, const char *index_no)
{
	size_t	i = site_item(s, path);

	return i == NO_INDEX || s->items[i].index_no == NULL ||
	    strcmp(s->items[i].index_no, index_no) != 0;
}

int
idxhist_check(const char *root, struct source *src, const struct site *s)
{
	struct repo		 *repo = NULL;
	struct idxhist		 *h = NULL;
	struct idxfmt		**fmts = NULL;
	const struct item	 *it;
	const struct unit	 *u;
	const struct idxuse	 *use;
	struct idxvars		  v;
	struct oid		  head;
	char			  err[128];
	size_t			  i;
	int			  r, rc = 0, line, col;

	if ((r = idxhist_repo(root, &repo, &head)) != 0)
		return r == 1 ? 0 : -1;
	if (idxhist_load(repo, &head, NULL, &h) == -1) {
		rc = -1;
		goto out;
	}
	fmts = xcalloc(s->nunits ? s->nunits : 1, sizeof(*fmts));
	for (i = 0; i < s->nunits; i++)
		/* unit_parse() has vetted the format already. */
		(void)idxfmt_compile(s->units[i].index_format, &fmts[i], err,
		    sizeof(err));
	for (i = 0; i < s->nitems; i++) {
		it = &s->items[i];
		if (it->index_no == NULL)
			continue;
		u = &s->units[it->unit];
		memset(&v, 0, sizeof(v));
		v.org_code = u->org_code;
		v.code = u->code;
		v.category = u->catalogue->cats[it->cat].id;
		if (fmts[it->unit] != NULL &&
		    !idxfmt_match(fmts[it->unit], &v, it->index_no, NULL,
		    NULL)) {
			index_pos(src, it, &line, &col);
			diag_error(it->path, line, col, "index number '%s' "
			    "does not match the unit's format '%s'",
			    it->index_no, u->index_format);
			rc = -1;
		}
		use = idxhist_find(h, u->dir, it->index_no);
		if (use == NULL || strcmp(use->path, it->path) == 0)
			continue;
		/* A rename not yet committed: the owner is live at HEAD
		 * and has let go of the number in the working tree. */
		if (use->alive && gone(s, use->path, it->index_no) &&
		    (!use->repealed || it->repealed != NO_DATE))
			continue;
		index_pos(src, it, &line, &col);
		if (use->repealed)
			diag_error(it->path, line, col, "index number '%s' "
			    "belongs to repealed item '%s' (in commit %s): "
			    "a repealed item's number is never reused",
			    it->index_no, use->path, use->commit);
		else
			diag_error(it->path, line, col, "index number '%s' "
			    "was already used by '%s' (in commit %s)",
			    it->index_no, use->path, use->commit);
		rc = -1;
	}
out:
	for (i = 0; fmts != NULL && i < s->nunits; i++)
		idxfmt_free(fmts[i]);
	free(fmts);
	idxhist_free(h);
	repo_free(repo);
	return rc;
}
