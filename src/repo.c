/*
 * repo.c -- the only libgit2 user; see repo.h.
 */
#include <sys/mman.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "diag.h"
#include "repo.h"
#include "strmap.h"
#include "util.h"

/* A mapping given to repo_keep, and the hex ids of its texts (the
 * keys of repo.keptmap). */
struct keepmap {
	void		*map;
	size_t		 len;
	char		*hex;		/* OID_HEXSZ + 1 bytes a text */
};

/* A blob's text kept (repo_keep). */
struct kept {
	const char	*data;
	size_t		 len;
};

struct repo {
	git_repository	*git;		/* the open repository */
	git_odb		*odb;		/* its object database */
	char		*path;		/* as given, for messages */
	struct keepmap	*maps;		/* owned */
	size_t		 nmaps, capmaps;
	struct kept	*kept;
	size_t		 nkept, capkept;
	struct strmap	 keptmap;	/* blob hex -> kept index */
	struct strmap	 sizemap;	/* tree hex (owned) -> the files it
					   names (tree_paths) */
	struct strmap	 treemap;	/* commit hex (owned) -> index into
					   ctree: the commits read so far */
	struct oid	*ctree;		/* their root trees (commit_tree) */
	size_t		 nctree, capctree;
};

/* Reports the last libgit2 error after a context message. */
static int
gerr(const char *fmt, const char *subject)
{
	const git_error	*e = git_error_last();
	char		*what = xasprintf(fmt, subject);

	if (e != NULL && e->message != NULL)
		diag_fatal("%s: %s", what, e->message);
	else
		diag_fatal("%s", what);
	free(what);
	return -1;
}

static void
to_git(git_oid *g, const struct oid *o)
{
	memcpy(g->id, o->id, OID_RAWSZ);
}

static void
from_git(struct oid *o, const git_oid *g)
{
	memcpy(o->id, g->id, OID_RAWSZ);
}

void
oid_fmt(char out[OID_HEXSZ + 1], const struct oid *o)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < OID_RAWSZ; i++) {
		out[2 * i] = hex[o->id[i] >> 4];
		out[2 * i + 1] = hex[o->id[i] & 15];
	}
	out[OID_HEXSZ] = '\0';
}

int
oid_parse(struct oid *o, const char *hex)
{
	size_t	i;
	int	hi, lo;

	for (i = 0; i < OID_RAWSZ; i++) {
		if ((hi = hexval((unsigned char)hex[2 * i])) < 0 ||
		    (lo = hexval((unsigned char)hex[2 * i + 1])) < 0)
			return -1;
		o->id[i] = (unsigned char)(hi << 4 | lo);
	}
	return hex[OID_HEXSZ] == '\0' ? 0 : -1;
}

int
oid_cmp(const struct oid *a, const struct oid *b)
{
	return memcmp(a->id, b->id, OID_RAWSZ);
}

int
oid_is_zero(const struct oid *o)
{
	size_t	i;

	for (i = 0; i < OID_RAWSZ; i++)
		if (o->id[i])
			return 0;
	return 1;
}

/*
 * Debian's libgit2 parses the system's CA certificates (220 KB of PEM)
 * when it starts, for HTTPS remotes: 7 ms of every gated command, a
 * fifteenth of a warm gate at 3,000 items.  gongkai opens no remote, so
 * these two, which the executable's definitions stand in for (a
 * library's undefined symbols resolve to the executable first), load
 * none: libgit2 then holds an empty CA chain, which trusts no server.
 */
int	mbedtls_x509_crt_parse_file(void *chain, const char *path);
int	mbedtls_x509_crt_parse_path(void *chain, const char *path);

int
mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

int
mbedtls_x509_crt_parse_path(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

int
repo_open(const char *path, struct repo **out)
{
	struct repo	*r;

	git_libgit2_init();
	r = xcalloc(1, sizeof(*r));
	r->path = xstrdup(path);
	strmap_init(&r->keptmap);
	strmap_init(&r->sizemap);
	strmap_init(&r->treemap);
	if (git_repository_open_ext(&r->git, path,
	    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		gerr("cannot open repository '%s'", path);
		repo_free(r);
		return -1;
	}
	if (git_repository_odb(&r->odb, r->git) < 0) {
		gerr("cannot open the object database of '%s'", path);
		repo_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

char *
repo_discover(const char *start, int *bare)
{
	git_repository	*g = NULL;
	const char	*top;
	char		*out = NULL;
	size_t		 n;

	git_libgit2_init();
	if (git_repository_open_ext(&g, start, 0,
	    getenv("GIT_CEILING_DIRECTORIES")) < 0) {
		git_error_clear();
		return NULL;
	}
	*bare = git_repository_is_bare(g);
	if ((top = git_repository_workdir(g)) == NULL)
		top = git_repository_path(g);
	if (top != NULL) {
		out = xstrdup(top);
		n = strlen(out);
		while (n > 1 && out[n - 1] == '/')
			out[--n] = '\0';
	}
	git_repository_free(g);
	return out;
}

void
repo_free(struct repo *r)
{
	size_t	i;

	if (r == NULL)
		return;
	git_odb_free(r->odb);
	git_repository_free(r->git);
	free(r->path);
	for (i = 0; i < r->nmaps; i++) {
		munmap(r->maps[i].map, r->maps[i].len);
		free(r->maps[i].hex);
	}
	free(r->maps);
	free(r->kept);
	strmap_dispose(&r->keptmap);
	for (i = 0; i < r->sizemap.cap; i++)
		free((char *)r->sizemap.slots[i].key);
	strmap_dispose(&r->sizemap);
	for (i = 0; i < r->treemap.cap; i++)
		free((char *)r->treemap.slots[i].key);
	strmap_dispose(&r->treemap);
	free(r->ctree);
	free(r);
	git_libgit2_shutdown();
}

void
repo_keep(struct repo *r, void *map, size_t maplen,
    const struct repo_text *t, size_t n)
{
	struct keepmap	*m;
	size_t		 i;

	xgrow(&r->maps, &r->capmaps, r->nmaps + 1, sizeof(*r->maps));
	m = &r->maps[r->nmaps++];
	m->map = map;
	m->len = maplen;
	m->hex = xcalloc(n ? n : 1, OID_HEXSZ + 1);
	strmap_reserve(&r->keptmap, r->keptmap.n + n);
	for (i = 0; i < n; i++) {
		if (t[i].off > maplen || t[i].len > maplen - t[i].off)
			continue;
		oid_fmt(m->hex + i * (OID_HEXSZ + 1), &t[i].id);
		xgrow(&r->kept, &r->capkept, r->nkept + 1, sizeof(*r->kept));
		r->kept[r->nkept].data = (const char *)map + t[i].off;
		r->kept[r->nkept].len = t[i].len;
		if (strmap_put(&r->keptmap, m->hex + i * (OID_HEXSZ + 1),
		    r->nkept, NULL))
			r->nkept++;
	}
}

/* The text of blob id kept by repo_keep, or NULL. */
static const struct kept *
kept_text(const struct repo *r, const struct oid *id)
{
	char	hex[OID_HEXSZ + 1];
	size_t	i;

	if (r->nkept == 0)
		return NULL;
	oid_fmt(hex, id);
	return strmap_get(&r->keptmap, hex, &i) ? &r->kept[i] : NULL;
}

int
repo_is_shallow(struct repo *r)
{
	return git_repository_is_shallow(r->git) == 1;
}

static int
count_ref(const char *name, void *arg)
{
	(void)name;
	++*(size_t *)arg;
	return 0;
}

size_t
repo_replacements(struct repo *r)
{
	static const char *const files[] = { "info/grafts", "shallow" };
	const char	*base = getenv("GIT_REPLACE_REF_BASE");
	size_t		 n = 0, i;
	char		*f;

	/* git reads refs libgit2 may not (a packed-refs line git takes
	 * and libgit2 does not): a scan that fails cannot say none */
	if (git_reference_foreach_glob(r->git, "refs/replace/*", count_ref,
	    &n) < 0)
		n++;
	/* git then looks for replacements elsewhere */
	if (base != NULL && strcmp(base, "refs/replace/") != 0)
		n++;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		f = xasprintf("%s%s", git_repository_commondir(r->git),
		    files[i]);
		if (access(f, F_OK) == 0)
			n++;
		free(f);
	}
	return n;
}

const char *
repo_gitdir(struct repo *r)
{
	return git_repository_path(r->git);
}

/* 1 if s is exactly 40 hex digits. */
static int
is_full_hex(const char *s)
{
	size_t	i;

	for (i = 0; i < OID_HEXSZ; i++)
		if (hexval((unsigned char)s[i]) < 0)
			return 0;
	return s[OID_HEXSZ] == '\0';
}

static int	obj_read_as(struct repo *, const struct oid *, git_object_t,
		    struct buf *, int);

#define PEEL_MAX	16	/* tags of tags followed to a commit */

/*
 * Peels object start to a commit id into out through annotated tags,
 * from the raw objects.  libgit2's own peel parses the commit, and
 * refuses some that git accepts (no author line, a date past 64 bits):
 * such a commit approves nothing, and as a ref's tip it must not stop
 * a build (gate.h, rule 10); its raw reader reads it.  An object that
 * cannot be read at all is "none": not a commit of this repository.
 */
static int
peel_oid(struct repo *r, const git_oid *start, const char *rev,
    const char *none, struct oid *out)
{
	git_oid		 g = *start;
	git_object_t	 type;
	struct buf	 b = BUF_INIT;
	struct oid	 o;
	size_t		 len, depth;

	for (depth = 0; depth < PEEL_MAX; depth++) {
		if (git_odb_read_header(&len, &type, r->odb, &g) < 0) {
			buf_dispose(&b);
			diag_fatal(none, rev);
			return -1;
		}
		if (type == GIT_OBJECT_COMMIT) {
			buf_dispose(&b);
			from_git(out, &g);
			return 0;
		}
		from_git(&o, &g);
		buf_reset(&b);
		if (type == GIT_OBJECT_TAG && len > REPO_COMMIT_MAX) {
			char	hex[OID_HEXSZ + 1];

			/* read whole by libgit2, as a huge commit would be */
			oid_fmt(hex, &o);
			buf_dispose(&b);
			diag_fatal("tag '%s' is %zu bytes, over the limit of "
			    "%d (git makes none so large): revision '%s' "
			    "cannot be read", hex, len, REPO_COMMIT_MAX, rev);
			return -1;
		}
		/* a tag's first line is "object <id>" (git's fsck) */
		if (type != GIT_OBJECT_TAG ||
		    obj_read_as(r, &o, GIT_OBJECT_TAG, &b, 1) < 0 ||
		    b.len < 7 + OID_HEXSZ + 1 ||
		    memcmp(b.data, "object ", 7) != 0 ||
		    b.data[7 + OID_HEXSZ] != '\n')
			break;
		b.data[7 + OID_HEXSZ] = '\0';
		if (!is_full_hex(b.data + 7) ||
		    git_oid_fromstr(&g, b.data + 7) < 0)
			break;
	}
	buf_dispose(&b);
	diag_fatal("revision '%s' is not a commit", rev);
	return -1;
}

/* Peels ref (owned by the caller) to a commit id into out. */
static int
peel_ref(struct repo *r, git_reference *ref, const char *rev,
    struct oid *out)
{
	git_reference	*direct = NULL;
	int		 rc;

	if (git_reference_resolve(&direct, ref) < 0) {
		diag_fatal("revision '%s' is not a commit", rev);
		return -1;
	}
	rc = peel_oid(r, git_reference_target(direct), rev,
	    "revision '%s' is not a commit", out);
	git_reference_free(direct);
	return rc;
}

static int	resolve_name(struct repo *, const char *, struct oid *);

/*
 * Applies suffix s ("~2^2~", git's ~N and ^N) to commit *id, parent by
 * parent through the raw commits (peel_oid says why).  Returns 0, 1 if
 * s is not such a suffix, or -1 if a parent is missing.
 */
static int
walk_suffix(struct repo *r, const char *s, struct oid *id)
{
	struct repo_commit	 c;
	unsigned long		 n;
	char			*end;
	int			 op;

	for (; *s != '\0'; s = end) {
		if ((op = *s++) != '~' && op != '^')
			return 1;
		n = 1;
		end = (char *)s;
		if (*s >= '0' && *s <= '9') {
			errno = 0;
			n = strtoul(s, &end, 10);
			if (errno != 0 || n > 1000000)
				return 1;
		}
		while (n > 0) {
			if (repo_commit_info(r, id, &c) < 0)
				return -1;
			if (op == '^' ? n > c.nparents : c.nparents == 0) {
				repo_commit_dispose(&c);
				return -1;
			}
			*id = c.parents[op == '^' ? n - 1 : 0];
			repo_commit_dispose(&c);
			n = op == '^' ? 0 : n - 1;
		}
	}
	return 0;
}

int
repo_resolve(struct repo *r, const char *rev, struct oid *out)
{
	size_t		 n = strcspn(rev, "~^");
	char		*base;
	struct oid	 o;
	int		 rc;

	if (rev[n] == '\0')
		return resolve_name(r, rev, out);
	/* "NAME~2", "NAME^2": the name resolved as strictly as alone,
	 * then the suffix applied to its commit. */
	base = xstrndup(rev, n);
	rc = resolve_name(r, base, &o);
	free(base);
	if (rc < 0)
		return -1;
	if ((rc = walk_suffix(r, rev + n, &o)) != 0) {
		diag_fatal("revision '%s' does not name a commit", rev);
		return -1;
	}
	*out = o;
	return 0;
}

static int
resolve_name(struct repo *r, const char *rev, struct oid *out)
{
	/* git's search order for a short name; we take one only when it
	 * is the only one that exists. */
	static const char *const pat[] = { "refs/%s", "refs/tags/%s",
	    "refs/heads/%s", "refs/remotes/%s", "refs/remotes/%s/HEAD" };
	git_reference	*ref = NULL, *found = NULL;
	char		*name, *first = NULL;
	size_t		 i;
	int		 rc = -1, n = 0;

	if (is_full_hex(rev)) {
		git_oid		 g;

		git_oid_fromstr(&g, rev);
		return peel_oid(r, &g, rev,
		    "'%s' is not a commit of this repository", out);
	}
	if (strcmp(rev, "HEAD") == 0 || str_prefix(rev, "refs/")) {
		if (git_reference_lookup(&ref, r->git, rev) < 0) {
			diag_fatal("unknown ref '%s'", rev);
			return -1;
		}
		rc = peel_ref(r, ref, rev, out);
		git_reference_free(ref);
		return rc;
	}
	for (i = 0; i < sizeof(pat) / sizeof(pat[0]); i++) {
		name = xasprintf(pat[i], rev);
		if (git_reference_lookup(&ref, r->git, name) == 0) {
			if (n++ == 0) {
				found = ref;
				first = name;
				continue;
			}
			diag_fatal("ref '%s' is ambiguous: both '%s' and '%s' "
			    "exist; name it in full", rev, first, name);
			git_reference_free(ref);
			free(name);
			goto out;
		}
		free(name);
	}
	if (found == NULL)
		diag_fatal("unknown ref '%s' (give a ref name such as "
		    "'main' or 'refs/heads/main', or a full commit id)", rev);
	else
		rc = peel_ref(r, found, rev, out);
out:
	git_reference_free(found);
	free(first);
	return rc;
}

/*
 * Reads object id into out (appending) after checking its type.  A
 * missing or unreadable object is an error: the history is incomplete.
 * An object of another type is -2, reported unless quiet.
 */
static int
obj_read_as(struct repo *r, const struct oid *id, git_object_t want,
    struct buf *out, int quiet)
{
	git_odb_object	*obj = NULL;
	git_oid		 g;
	char		 hex[OID_HEXSZ + 1];

	oid_fmt(hex, id);
	to_git(&g, id);
	if (git_odb_read(&obj, r->odb, &g) < 0)
		return gerr("cannot read object '%s' (missing or corrupt: "
		    "the repository is incomplete)", hex);
	if (git_odb_object_type(obj) != want) {
		if (!quiet)
			diag_fatal("object '%s' is not a %s", hex,
			    git_object_type2string(want));
		git_odb_object_free(obj);
		return -2;
	}
	buf_put(out, git_odb_object_data(obj), git_odb_object_size(obj));
	git_odb_object_free(obj);
	return 0;
}

/*
 * Reads commit object id into *obj (free with git_odb_object_free),
 * once its type and size alone (git_odb_read_header inflates no more
 * than the object's header) say it is a commit no larger than
 * REPO_COMMIT_MAX.  -1 after a diagnostic for a missing object or a
 * larger commit; -2 for an object of another type (not read: a merge's
 * parent may name a blob of gigabytes), reported unless quiet.
 */
static int
commit_object(struct repo *r, const struct oid *id, git_odb_object **obj,
    int quiet)
{
	git_oid		 g;
	git_object_t	 type;
	size_t		 len;
	char		 hex[OID_HEXSZ + 1];

	oid_fmt(hex, id);
	to_git(&g, id);
	if (git_odb_read_header(&len, &type, r->odb, &g) < 0)
		return gerr("cannot read object '%s' (missing or corrupt: "
		    "the repository is incomplete)", hex);
	if (type != GIT_OBJECT_COMMIT) {
		if (!quiet)
			diag_fatal("object '%s' is not a commit", hex);
		return -2;
	}
	if (len > REPO_COMMIT_MAX) {
		diag_fatal("commit '%s' is %zu bytes, over the limit of %d "
		    "(git makes none so large): it cannot be read, so "
		    "nothing can be built from a history that holds it; "
		    "take it out of the history", hex, len, REPO_COMMIT_MAX);
		return -1;
	}
	if (git_odb_read(obj, r->odb, &g) < 0)
		return gerr("cannot read object '%s' (missing or corrupt: "
		    "the repository is incomplete)", hex);
	return 0;
}

/*
 * Reads and parses commit id into out, and remembers its tree
 * (commit_tree).  0; -1 after a diagnostic (missing, too large); -2
 * for an object of another type (reported unless quiet); -3 for a
 * commit that does not parse (not reported).
 */
static int
commit_get(struct repo *r, const struct oid *id, struct repo_commit *out,
    int quiet)
{
	git_odb_object	*obj = NULL;
	char		 hex[OID_HEXSZ + 1];
	char		*key;
	int		 rc;

	memset(out, 0, sizeof(*out));
	/* parsed where libgit2 inflated it: no copy of a long message */
	if ((rc = commit_object(r, id, &obj, quiet)) == 0 &&
	    repo_commit_parse(git_odb_object_data(obj),
	    git_odb_object_size(obj), out) < 0)
		rc = -3;
	git_odb_object_free(obj);
	if (rc != 0)
		return rc;
	oid_fmt(hex, id);
	if (strmap_put(&r->treemap, key = xstrdup(hex), r->nctree, NULL)) {
		xgrow(&r->ctree, &r->capctree, r->nctree + 1,
		    sizeof(*r->ctree));
		r->ctree[r->nctree++] = out->tree;
	} else
		free(key);
	return 0;
}

static void
oids_reverse(struct oid *v, size_t n)
{
	struct oid	t;
	size_t		i;

	for (i = 0; i < n / 2; i++) {
		t = v[i];
		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
}

/* The shallow file of repository r, the ids of the commits of its cut
 * (whose parents it lacks), a line each, into b. */
static void
shallow_cut(struct repo *r, struct buf *b)
{
	char	*f;
	int	 fd;

	f = xasprintf("%sshallow", git_repository_commondir(r->git));
	if ((fd = open(f, O_RDONLY | O_CLOEXEC)) != -1) {
		if (buf_read_fd(b, fd) == -1)
			buf_reset(b);
		close(fd);
	}
	free(f);
}

/* 1 if the hex id is a line of the shallow file's text cut. */
static int
in_cut(const struct buf *cut, const char *hex)
{
	const char	*p = cut->data, *end = p + cut->len, *nl;

	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (nl - p >= OID_HEXSZ && memcmp(p, hex, OID_HEXSZ) == 0)
			return 1;
		if (nl == end)
			break;
		p = nl + 1;
	}
	return 0;
}

int
repo_first_parents(struct repo *r, const struct oid *head,
    repo_commit_fn fn, void *arg, struct oid **out, struct oid **trees,
    size_t *n)
{
	struct oid		*v = NULL, *tv = NULL;
	size_t			 len = 0, cap = 0, tcap = 0;
	struct repo_commit	 c;
	struct oid		 cur = *head;
	struct buf		 cut = BUF_INIT;
	char			 hex[OID_HEXSZ + 1];

	/* a shallow history ends at its cut, as git log's does */
	if (repo_is_shallow(r))
		shallow_cut(r, &cut);
	for (;;) {
		if (repo_commit_info(r, &cur, &c) < 0 ||
		    (fn != NULL && fn(&cur, &c, arg) != 0)) {
			repo_commit_dispose(&c);
			buf_dispose(&cut);
			free(v);
			free(tv);
			return -1;
		}
		xgrow(&v, &cap, len + 1, sizeof(*v));
		if (trees != NULL) {
			xgrow(&tv, &tcap, len + 1, sizeof(*tv));
			tv[len] = c.tree;
		}
		v[len++] = cur;
		oid_fmt(hex, &cur);
		if (c.nparents == 0 || in_cut(&cut, hex)) {
			repo_commit_dispose(&c);
			break;
		}
		cur = c.parents[0];
		repo_commit_dispose(&c);
	}
	buf_dispose(&cut);
	oids_reverse(v, len);
	*out = v;
	if (trees != NULL) {
		oids_reverse(tv, len);
		*trees = tv;
	}
	*n = len;
	return 0;
}

int
repo_commit_raw(struct repo *r, const struct oid *id, struct buf *out)
{
	git_odb_object	*obj = NULL;

	if (commit_object(r, id, &obj, 0) < 0)
		return -1;
	buf_put(out, git_odb_object_data(obj), git_odb_object_size(obj));
	git_odb_object_free(obj);
	return 0;
}

/* Parses "NAME <EMAIL> TIME TZ" leniently into the out-params. */
static void
parse_person(const char *s, size_t len, char **name, char **email,
    int64_t *when, int *tz)
{
	const char	*lt = memchr(s, '<', len), *gt, *end = s + len, *p;
	long long	 t = 0;
	int		 z = 0, sign = 1;

	*when = 0;
	*tz = 0;
	gt = lt != NULL ? memchr(lt, '>', (size_t)(end - lt)) : NULL;
	if (lt == NULL || gt == NULL) {
		*name = xstrndup(s, len);
		*email = xstrdup("");
		return;
	}
	p = lt;
	while (p > s && p[-1] == ' ')
		p--;
	*name = xstrndup(s, (size_t)(p - s));
	*email = xstrndup(lt + 1, (size_t)(gt - lt - 1));
	for (p = gt + 1; p < end && *p == ' '; p++)
		;
	for (; p < end && *p >= '0' && *p <= '9' && t < 1000000000000LL; p++)
		t = t * 10 + (*p - '0');
	for (; p < end && *p == ' '; p++)
		;
	if (p < end && (*p == '-' || *p == '+'))
		sign = *p++ == '-' ? -1 : 1;
	if (end - p >= 4 && p[0] >= '0' && p[0] <= '9' && p[1] >= '0' &&
	    p[1] <= '9' && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' &&
	    p[3] <= '9')
		z = ((p[0] - '0') * 10 + (p[1] - '0')) * 60 +
		    (p[2] - '0') * 10 + (p[3] - '0');
	*when = t;
	*tz = sign * z;
}

int
repo_commit_parse(const char *raw, size_t len, struct repo_commit *out)
{
	const char	*p = raw, *end = raw + len, *nl, *v;
	char		 hex[OID_HEXSZ + 1];
	size_t		 cap = 0, n, klen, vlen;
	int		 have_committer = 0;
	enum { TREE, PARENTS, REST } at = TREE;

	memset(out, 0, sizeof(*out));
	out->parents = xcalloc(1, sizeof(*out->parents));
	/*
	 * Headers up to the first empty line; a continuation line (one
	 * starting with a space) belongs to the header before it.  The
	 * graph is read as git's parse_commit_buffer reads it: the first
	 * line is "tree ID", the parents are the "parent ID" lines right
	 * after it, one of those that is not a full id makes the commit
	 * unreadable ("bad parents"), and a "parent" line anywhere else is
	 * no parent.
	 */
	while (p < end && *p != '\n') {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		v = *p != ' ' ? memchr(p, ' ', n) : NULL;
		klen = v != NULL ? (size_t)(v - p) : n;
		vlen = v != NULL ? n - klen - 1 : 0;
		if (v != NULL)
			v++;
		if (vlen == OID_HEXSZ) {
			memcpy(hex, v, OID_HEXSZ);
			hex[OID_HEXSZ] = '\0';
		} else
			hex[0] = '\0';
		if (at == TREE) {
			if (klen != 4 || memcmp(p, "tree", 4) != 0 ||
			    oid_parse(&out->tree, hex) < 0)
				goto fail;
			at = PARENTS;
		} else if (at == PARENTS && v != NULL && klen == 6 &&
		    memcmp(p, "parent", 6) == 0) {
			xgrow(&out->parents, &cap, out->nparents + 1,
			    sizeof(*out->parents));
			if (oid_parse(&out->parents[out->nparents], hex) < 0)
				goto fail;
			out->nparents++;
		} else if (v != NULL) {
			at = REST;
			if ((klen == 6 && memcmp(p, "gpgsig", 6) == 0) ||
			    (klen == 13 && memcmp(p, "gpgsig-sha256", 13) == 0))
				out->nsig++;
			else if (klen == 6 && memcmp(p, "author", 6) == 0 &&
			    out->author_name == NULL)
				parse_person(v, vlen, &out->author_name,
				    &out->author_email, &out->author_time,
				    &out->author_tz);
			else if (klen == 9 &&
			    memcmp(p, "committer", 9) == 0 &&
			    !have_committer) {
				char	*cn, *ce;

				parse_person(v, vlen, &cn, &ce,
				    &out->commit_time, &out->commit_tz);
				free(cn);
				free(ce);
				have_committer = 1;
			}
		} else
			at = REST;
		if (nl == NULL) {
			p = end;
			break;
		}
		p = nl + 1;
	}
	if (at == TREE)
		goto fail;
	if (out->author_name == NULL) {
		out->author_name = xstrdup("");
		out->author_email = xstrdup("");
	}
	out->message = p < end ? xstrndup(p + 1, (size_t)(end - p - 1)) :
	    xstrdup("");
	return 0;
fail:
	repo_commit_dispose(out);
	return -1;
}

int
repo_commit_info(struct repo *r, const struct oid *id,
    struct repo_commit *out)
{
	char	hex[OID_HEXSZ + 1];
	int	rc;

	if ((rc = commit_get(r, id, out, 0)) == -3) {
		oid_fmt(hex, id);
		diag_fatal("commit '%s' does not parse: its first line is not "
		    "'tree' and an id, or a parent line after it holds no "
		    "id (git cannot read it either): the repository is "
		    "corrupt", hex);
	}
	return rc < 0 ? -1 : 0;
}

int
repo_commit_peek(struct repo *r, const struct oid *id,
    struct repo_commit *out)
{
	int	rc;

	if ((rc = commit_get(r, id, out, 1)) == -2 || rc == -3)
		return 1;
	return rc;
}

void
repo_commit_dispose(struct repo_commit *c)
{
	free(c->parents);
	free(c->author_name);
	free(c->author_email);
	free(c->message);
	memset(c, 0, sizeof(*c));
}

/* ---------------------------------------------------------------- */
/*
 * Trees, read from their raw objects.  git itself never writes a tree
 * with two entries of one name, an entry named "", ".", "..", ".git" or
 * holding '/', or an unknown mode, but anyone who can push can, and
 * then git's tools and a library may each pick another entry: nothing
 * below such a name has one meaning, so every file there is reported
 * as REPO_MALFORMED.
 */

struct tent {
	const char	*name;		/* into the tree's raw bytes */
	enum repo_kind	 kind;		/* from the mode; REPO_MALFORMED
					   when the mode is unknown */
	struct oid	 oid;
	int		 bad;		/* duplicate or forbidden name,
					   unknown mode */
};

#define TREE_DEPTH_MAX	64	/* folders below the root */
#define TREE_PATHS_MAX	((size_t)2000000) /* files a commit may name: ten
					   times a province's items */

/* Folders of a tree's path: "" 0, "a" 1, "a/b" 2. */
static size_t
depth_of(const struct buf *path)
{
	size_t	i, n = path->len > 0;

	for (i = 0; i < path->len; i++)
		n += path->data[i] == '/';
	return n;
}

struct rtree {
	struct buf	 raw;		/* the object's bytes */
	struct tent	*e;		/* entries sorted by name */
	size_t		 n;
	int		 bad;		/* the object does not parse */
};

static enum repo_kind
mode_kind(const char *m, size_t len)
{
	static const struct { const char *m; enum repo_kind k; } tab[] = {
		{ "100644", REPO_BLOB }, { "100664", REPO_BLOB },
		{ "100755", REPO_EXEC }, { "120000", REPO_LINK },
		{ "160000", REPO_SUBMODULE }, { "40000", REPO_TREE }
	};
	size_t	i;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strlen(tab[i].m) == len && memcmp(tab[i].m, m, len) == 0)
			return tab[i].k;
	return REPO_MALFORMED;
}

/*
 * 1 for a name git will not check out, as its protectNTFS (on by
 * default everywhere) refuses it: .git and its NTFS aliases (git~1, the
 * short name; trailing dots and spaces, which NTFS drops; a stream
 * after ':'), and any name holding a backslash.  What a checkout cannot
 * show, no reviewer has read.
 */
static int
bad_name(const char *s)
{
	const char	*r = NULL;

	if (strncasecmp(s, ".git", 4) == 0)
		r = s + 4;
	else if (strncasecmp(s, "git~1", 5) == 0)
		r = s + 5;
	if (r != NULL && (*r == ':' || r[strspn(r, ". ")] == '\0'))
		return 1;
	return s[0] == '\0' || strcmp(s, ".") == 0 || strcmp(s, "..") == 0 ||
	    strchr(s, '/') != NULL || strchr(s, '\\') != NULL;
}

static int
cmp_tent(const void *a, const void *b)
{
	return strcmp(((const struct tent *)a)->name,
	    ((const struct tent *)b)->name);
}

static void
rtree_dispose(struct rtree *t)
{
	buf_dispose(&t->raw);
	free(t->e);
	memset(t, 0, sizeof(*t));
}

/*
 * Loads tree id (NULL: the empty tree) at folder depth depth; -1 only
 * if it cannot be read.  An object that is not a tree, or a tree deeper
 * than TREE_DEPTH_MAX (no content is: such a tree only costs time, and
 * stack), does not parse.
 */
static int
rtree_load(struct repo *r, const struct oid *id, struct rtree *t,
    size_t depth)
{
	const char	*p, *end, *sp, *nul;
	size_t		 cap = 0, i;
	struct tent	*e;
	int		 rc;

	memset(t, 0, sizeof(*t));
	buf_init(&t->raw);
	if (id == NULL)
		return 0;
	if (depth > TREE_DEPTH_MAX) {
		t->bad = 1;
		return 0;
	}
	if ((rc = obj_read_as(r, id, GIT_OBJECT_TREE, &t->raw, 1)) == -2) {
		buf_reset(&t->raw);
		t->bad = 1;
		return 0;
	}
	if (rc < 0)
		return -1;
	p = t->raw.data;
	end = p + t->raw.len;
	while (p < end) {
		if ((sp = memchr(p, ' ', (size_t)(end - p))) == NULL ||
		    (nul = memchr(sp, '\0', (size_t)(end - sp))) == NULL ||
		    end - nul - 1 < OID_RAWSZ) {
			t->bad = 1;
			t->n = 0;
			return 0;
		}
		xgrow(&t->e, &cap, t->n + 1, sizeof(*t->e));
		e = &t->e[t->n++];
		e->name = sp + 1;
		e->kind = mode_kind(p, (size_t)(sp - p));
		memcpy(e->oid.id, nul + 1, OID_RAWSZ);
		e->bad = e->kind == REPO_MALFORMED || bad_name(e->name);
		p = nul + 1 + OID_RAWSZ;
	}
	xqsort(t->e, t->n, sizeof(*t->e), cmp_tent);
	for (i = 1; i < t->n; i++)
		if (strcmp(t->e[i].name, t->e[i - 1].name) == 0)
			t->e[i].bad = t->e[i - 1].bad = 1;
	return 0;
}

/*
 * How many files tree id names, each subtree counted once a run (by
 * id, whatever names it), up to TREE_PATHS_MAX + 1.  A push of a few
 * trees whose entries all name one subtree names 40^5 files: every
 * walk of the history listed them (100 million, out of memory; 2.56
 * million took 17 s and 1.5 GB).  -1 if an object cannot be read.
 */
static int
tree_paths(struct repo *r, const struct oid *id, size_t depth, size_t *out)
{
	struct rtree	 t;
	char		 hex[OID_HEXSZ + 1];
	size_t		 k, n = 0, below;
	char		*key;

	oid_fmt(hex, id);
	if (strmap_get(&r->sizemap, hex, out))
		return 0;
	if (rtree_load(r, id, &t, depth) < 0)
		return -1;
	if (t.bad)
		n = 1;		/* one malformed file */
	for (k = 0; k < t.n && n <= TREE_PATHS_MAX; k++) {
		if (t.e[k].kind != REPO_TREE) {
			n++;
			continue;
		}
		if (tree_paths(r, &t.e[k].oid, depth + 1, &below) < 0) {
			rtree_dispose(&t);
			return -1;
		}
		n += below;
	}
	rtree_dispose(&t);
	if (n > TREE_PATHS_MAX)
		n = TREE_PATHS_MAX + 1;		/* (a map value: < 2^32) */
	if (!strmap_put(&r->sizemap, key = xstrdup(hex), n, NULL))
		free(key);
	*out = n;
	return 0;
}

/* The commit's root tree id into out: each commit is read once. */
static int
commit_tree(struct repo *r, const struct oid *commit, struct oid *out)
{
	struct repo_commit	c;
	char			hex[OID_HEXSZ + 1];
	size_t			i;

	oid_fmt(hex, commit);
	if (strmap_get(&r->treemap, hex, &i)) {
		*out = r->ctree[i];
		return 0;
	}
	if (repo_commit_info(r, commit, &c) < 0)
		return -1;
	*out = c.tree;
	repo_commit_dispose(&c);
	return 0;
}

/*
 * The files of two trees, level by level.  A name holding '/'
 * ("v/fees/b.md") names the file of its sibling folder v too: compared
 * by name alone, its coming and going read as that file's.  So a level
 * of a path is named by every entry there and by the rest of such names
 * above it ("fees/b.md" at v), on each side: the entries of one first
 * part ("v", "v/fees/b.md") are a group.  A file that two entries of a
 * group make, or one entry that cannot be named for sure, is malformed,
 * and so is a folder that does not parse (as a file of its own path:
 * what it held is not there).  What a tree holds is read from that tree
 * alone: a file is there, malformed, or absent, whatever the tree before
 * held (the gate weighs withdrawals in a tree that holds anything
 * malformed: gate.h, rule 10).  A group alike on both sides is not read
 * further, so a name that stays costs nothing in the commits after it.
 */
struct nent {
	const char	*name;		/* the rest of an entry's name */
	size_t		 flen;		/* its first part's length */
	enum repo_kind	 kind;
	struct oid	 oid;
	int		 bad;		/* this name or one above it */
};

struct level {
	struct nent	*e;		/* sorted by first part (cmp_nent) */
	size_t		 n, cap;
	struct rtree	*t;		/* the trees the names point into */
	size_t		 nt, capt;
	int		 unreadable;	/* a tree of it does not parse */
};

static void
level_dispose(struct level *l)
{
	size_t	k;

	for (k = 0; k < l->nt; k++)
		rtree_dispose(&l->t[k]);
	free(l->t);
	free(l->e);
	memset(l, 0, sizeof(*l));
}

static void
level_add(struct level *l, const char *name, enum repo_kind kind,
    const struct oid *oid, int bad)
{
	struct nent	*e;

	xgrow(&l->e, &l->cap, l->n + 1, sizeof(*l->e));
	e = &l->e[l->n++];
	e->name = name;
	e->flen = strcspn(name, "/");
	e->kind = kind;
	e->oid = *oid;
	e->bad = bad;
}

/* Adds the entries of tree id (NULL: the empty tree), at depth folders,
 * to l, bad when bad is set.  -1 only if it cannot be read. */
static int
level_tree(struct repo *r, const struct oid *id, int bad, size_t depth,
    struct level *l)
{
	struct rtree	 t;
	size_t		 k;

	if (rtree_load(r, id, &t, depth) < 0)
		return -1;
	l->unreadable |= t.bad;
	for (k = 0; k < t.n; k++)
		level_add(l, t.e[k].name, t.e[k].kind, &t.e[k].oid,
		    bad || t.e[k].bad);
	xgrow(&l->t, &l->capt, l->nt + 1, sizeof(*l->t));
	l->t[l->nt++] = t;
	return 0;
}

/* First parts, then names, kinds, ids, badness. */
static int
cmp_first(const struct nent *x, const struct nent *y)
{
	int	c = memcmp(x->name, y->name, x->flen < y->flen ? x->flen :
	    y->flen);

	if (c == 0 && x->flen != y->flen)
		c = x->flen < y->flen ? -1 : 1;
	return c;
}

static int
cmp_nent(const void *a, const void *b)
{
	const struct nent	*x = a, *y = b;
	int			 c;

	if ((c = cmp_first(x, y)) == 0 && (c = strcmp(x->name, y->name)) == 0 &&
	    (c = (int)x->kind - (int)y->kind) == 0 &&
	    (c = oid_cmp(&x->oid, &y->oid)) == 0)
		c = x->bad - y->bad;
	return c;
}

/* The end of the group of l that begins at entry i. */
static size_t
group_end(const struct level *l, size_t i)
{
	size_t	j;

	for (j = i + 1; j < l->n && cmp_first(&l->e[i], &l->e[j]) == 0; j++)
		;
	return j;
}

static int
same_group(const struct nent *a, size_t na, const struct nent *b,
    size_t nb)
{
	size_t	k;

	if (na != nb)
		return 0;
	for (k = 0; k < na; k++)
		if (cmp_nent(&a[k], &b[k]) != 0)
			return 0;
	return 1;
}

/* The file group g names at its first part: REPO_NONE, or its kind and
 * id in *oid (none, zero, for a malformed one). */
static enum repo_kind
group_file(const struct nent *g, size_t n, struct oid *oid)
{
	enum repo_kind	 kind = REPO_NONE;
	size_t		 k, files = 0;

	memset(oid, 0, sizeof(*oid));
	for (k = 0; k < n; k++)
		if (g[k].name[g[k].flen] == '\0' && g[k].kind != REPO_TREE) {
			files++;
			kind = g[k].bad ? REPO_MALFORMED : g[k].kind;
			*oid = g[k].oid;
		}
	if (files > 1)
		kind = REPO_MALFORMED;
	if (kind == REPO_MALFORMED)
		memset(oid, 0, sizeof(*oid));
	return kind;
}

/*
 * The level below group g (n entries) at folder depth depth into l: its
 * trees' entries and the rest of its names holding '/'.  A level deeper
 * than TREE_DEPTH_MAX does not parse (a tree that deep only costs time,
 * and stack).
 */
static int
level_below(struct repo *r, const struct nent *g, size_t n, size_t depth,
    struct level *l)
{
	size_t	k;

	memset(l, 0, sizeof(*l));
	if (n > 0 && depth > TREE_DEPTH_MAX) {
		l->unreadable = 1;
		return 0;
	}
	for (k = 0; k < n; k++)
		if (g[k].name[g[k].flen] == '/')
			level_add(l, g[k].name + g[k].flen + 1, g[k].kind,
			    &g[k].oid, 1);
		else if (g[k].kind == REPO_TREE &&
		    level_tree(r, &g[k].oid, g[k].bad, depth, l) < 0)
			return -1;
	xqsort(l->e, l->n, sizeof(*l->e), cmp_nent);
	return 0;
}

/* Whether group g names anything below its first part. */
static int
group_has_below(const struct nent *g, size_t n)
{
	size_t	k;

	for (k = 0; k < n; k++)
		if (g[k].name[g[k].flen] == '/' || (g[k].kind == REPO_TREE &&
		    g[k].name[g[k].flen] == '\0'))
			return 1;
	return 0;
}

struct dctx {
	struct repo	*r;
	repo_diff_fn	 fn;		/* the caller's callback */
	void		*arg;		/* its argument */
};

static int	diff_level(struct dctx *, const struct level *,
		    const struct level *, struct buf *);

/* Diffs group a (na entries) against group b, named path. */
static int
diff_group(struct dctx *d, const struct nent *a, size_t na,
    const struct nent *b, size_t nb, struct buf *path)
{
	struct level	 la, lb;
	struct oid	 oa, ob;
	enum repo_kind	 ka, kb;
	size_t		 depth = depth_of(path);
	int		 rc = 0;

	memset(&la, 0, sizeof(la));
	memset(&lb, 0, sizeof(lb));
	if ((group_has_below(a, na) || group_has_below(b, nb)) &&
	    (level_below(d->r, a, na, depth, &la) < 0 ||
	    level_below(d->r, b, nb, depth, &lb) < 0)) {
		rc = -1;
		goto out;
	}
	ka = la.unreadable ? REPO_MALFORMED : group_file(a, na, &oa);
	kb = lb.unreadable ? REPO_MALFORMED : group_file(b, nb, &ob);
	if (ka == REPO_MALFORMED)
		memset(&oa, 0, sizeof(oa));
	if (kb == REPO_MALFORMED)
		memset(&ob, 0, sizeof(ob));
	if (ka != kb || (ka != REPO_NONE && oid_cmp(&oa, &ob) != 0))
		rc = d->fn(path->data, ka, ka == REPO_NONE ? NULL : &oa, kb,
		    kb == REPO_NONE ? NULL : &ob, d->arg);
	if (rc == 0 && (la.n > 0 || lb.n > 0))
		rc = diff_level(d, &la, &lb, path);
out:
	level_dispose(&la);
	level_dispose(&lb);
	return rc;
}

static int
diff_level(struct dctx *d, const struct level *A, const struct level *B,
    struct buf *path)
{
	const struct nent	*first;
	size_t			 i = 0, j = 0, i2, j2, keep = path->len;
	int			 c, rc = 0;

	while (rc == 0 && (i < A->n || j < B->n)) {
		c = i == A->n ? 1 : j == B->n ? -1 :
		    cmp_first(&A->e[i], &B->e[j]);
		i2 = c <= 0 ? group_end(A, i) : i;
		j2 = c >= 0 ? group_end(B, j) : j;
		if (!same_group(A->e + i, i2 - i, B->e + j, j2 - j)) {
			first = c <= 0 ? &A->e[i] : &B->e[j];
			if (keep > 0)
				buf_putc(path, '/');
			buf_put(path, first->name, first->flen);
			rc = diff_group(d, A->e + i, i2 - i, B->e + j,
			    j2 - j, path);
			buf_truncate(path, keep);
		}
		i = i2;
		j = j2;
	}
	return rc;
}

/* The root level of commit (NULL: the empty tree) into l. */
static int
level_root(struct repo *r, const struct oid *tree, struct level *l)
{
	size_t	n;

	memset(l, 0, sizeof(*l));
	if (tree == NULL)
		return 0;
	if (tree_paths(r, tree, 0, &n) < 0)
		return -1;
	if (n > TREE_PATHS_MAX) {
		/* as a root that does not parse: "" is malformed, and
		 * nothing below it is read */
		l->unreadable = 1;
		return 0;
	}
	if (level_tree(r, tree, 0, 0, l) < 0)
		return -1;
	xqsort(l->e, l->n, sizeof(*l->e), cmp_nent);
	return 0;
}

int
repo_diff(struct repo *r, const struct oid *old_commit,
    const struct oid *new_commit, repo_diff_fn fn, void *arg)
{
	struct oid	a, b;

	if ((old_commit != NULL && commit_tree(r, old_commit, &a) < 0) ||
	    (new_commit != NULL && commit_tree(r, new_commit, &b) < 0))
		return -1;
	return repo_diff_trees(r, old_commit != NULL ? &a : NULL,
	    new_commit != NULL ? &b : NULL, fn, arg);
}

int
repo_diff_trees(struct repo *r, const struct oid *old_tree,
    const struct oid *new_tree, repo_diff_fn fn, void *arg)
{
	struct dctx	 d = { r, fn, arg };
	struct level	 A, B;
	struct buf	 path = BUF_INIT;
	struct oid	 zero;
	int		 rc = -1;

	memset(&zero, 0, sizeof(zero));
	memset(&B, 0, sizeof(B));
	if (level_root(r, old_tree, &A) == 0 &&
	    level_root(r, new_tree, &B) == 0) {
		/* a root that does not parse: one malformed file, "" */
		rc = 0;
		if (A.unreadable != B.unreadable)
			rc = fn("", A.unreadable ? REPO_MALFORMED : REPO_NONE,
			    A.unreadable ? &zero : NULL, B.unreadable ?
			    REPO_MALFORMED : REPO_NONE, B.unreadable ?
			    &zero : NULL, arg);
		if (rc == 0)
			rc = diff_level(&d, &A, &B, &path);
	}
	level_dispose(&A);
	level_dispose(&B);
	buf_dispose(&path);
	return rc;
}

int
repo_blob_read(struct repo *r, const struct oid *id, struct buf *out)
{
	const struct kept *k;
	git_blob	*b;
	git_oid		 g;
	char		 hex[OID_HEXSZ + 1];

	if ((k = kept_text(r, id)) != NULL) {
		buf_put(out, k->data, k->len);
		return 0;
	}
	to_git(&g, id);
	if (git_blob_lookup(&b, r->git, &g) < 0) {
		oid_fmt(hex, id);
		return gerr("cannot read blob '%s'", hex);
	}
	buf_put(out, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	git_blob_free(b);
	return 0;
}

int
repo_is_blob(struct repo *r, const struct oid *id)
{
	git_oid		 g;
	git_object_t	 type;
	size_t		 len;
	char		 hex[OID_HEXSZ + 1];

	if (kept_text(r, id) != NULL)
		return 1;
	to_git(&g, id);
	if (git_odb_read_header(&len, &type, r->odb, &g) < 0) {
		oid_fmt(hex, id);
		return gerr("cannot read object '%s' (missing or corrupt: "
		    "the repository is incomplete)", hex);
	}
	return type == GIT_OBJECT_BLOB;
}

int
repo_blob_size(struct repo *r, const struct oid *id, size_t *out)
{
	const struct kept *k;
	git_odb		*odb = NULL;
	git_oid		 g;
	git_object_t	 type;
	size_t		 len;
	char		 hex[OID_HEXSZ + 1];
	int		 rc = -1;

	if ((k = kept_text(r, id)) != NULL) {
		*out = k->len;
		return 0;
	}
	to_git(&g, id);
	oid_fmt(hex, id);
	if (git_repository_odb(&odb, r->git) < 0) {
		gerr("cannot open object database of '%s'", r->path);
		goto out;
	}
	if (git_odb_read_header(&len, &type, odb, &g) < 0) {
		gerr("cannot read blob '%s'", hex);
		goto out;
	}
	if (type != GIT_OBJECT_BLOB) {
		diag_fatal("object '%s' is not a blob", hex);
		goto out;
	}
	*out = len;
	rc = 0;
out:
	git_odb_free(odb);
	return rc;
}

int
repo_ident_attr(struct repo *r, const struct oid *commit, const char *path)
{
	git_attr_options	 o;
	const char		*v = NULL;

	memset(&o, 0, sizeof(o));
	o.version = GIT_ATTR_OPTIONS_VERSION;

	/* the commit's files alone: not the system's, nor a work tree
	 * that may hold other ones */
	o.flags = GIT_ATTR_CHECK_INDEX_ONLY | GIT_ATTR_CHECK_NO_SYSTEM |
	    GIT_ATTR_CHECK_INCLUDE_COMMIT;
	to_git(&o.attr_commit_id, commit);
	if (git_attr_get_ext(&v, r->git, &o, path, "ident") < 0)
		return 1;
	return GIT_ATTR_IS_TRUE(v);
}

int
repo_path_state(struct repo *r, const struct oid *commit, const char *path,
    enum repo_kind *kind, struct oid *out)
{
	struct level	 l, below;
	struct buf	 dir = BUF_INIT;
	const char	*p = path;
	size_t		 i, j, len;
	struct nent	 key;
	struct oid	 tree;
	int		 rc = 0, last;

	*kind = REPO_NONE;
	memset(&below, 0, sizeof(below));
	memset(&l, 0, sizeof(l));
	if (commit_tree(r, commit, &tree) < 0 ||
	    level_root(r, &tree, &l) < 0) {
		level_dispose(&l);
		return -1;
	}
	for (;;) {
		/* the group of p's first part (diff_level's) */
		memset(&key, 0, sizeof(key));
		key.name = p;
		key.flen = len = strcspn(p, "/");
		for (i = 0; i < l.n && cmp_first(&l.e[i], &key) < 0; i++)
			;
		j = i < l.n && cmp_first(&l.e[i], &key) == 0 ?
		    group_end(&l, i) : i;
		last = p[len] == '\0';
		if (last)
			*kind = group_file(l.e + i, j - i, out);
		if (j == i || (last && !group_has_below(l.e + i, j - i)))
			break;
		if (dir.len > 0)
			buf_putc(&dir, '/');
		buf_put(&dir, p, len);
		if ((rc = level_below(r, l.e + i, j - i, depth_of(&dir),
		    &below)) < 0)
			break;
		/* a folder that does not parse is a malformed file of its
		 * own path, and holds nothing (diff_group) */
		if (below.unreadable || last) {
			if (below.unreadable && last)
				*kind = REPO_MALFORMED;
			break;
		}
		level_dispose(&l);
		l = below;
		memset(&below, 0, sizeof(below));
		p += len + 1;
	}
	if (*kind == REPO_MALFORMED)
		memset(out, 0, sizeof(*out));
	level_dispose(&below);
	level_dispose(&l);
	buf_dispose(&dir);
	return rc;
}

int
repo_trailers(const char *message, repo_trailer_fn fn, void *arg)
{
	git_message_trailer_array	arr;
	size_t				i;
	int				rc = 0;

	git_libgit2_init();
	memset(&arr, 0, sizeof(arr));
	if (git_message_trailers(&arr, message) < 0) {
		rc = gerr("cannot parse the trailers of a %s", "message");
		goto out;
	}
	for (i = 0; i < arr.count && rc == 0; i++)
		rc = fn(arr.trailers[i].key, arr.trailers[i].value, arg);
	git_message_trailer_array_free(&arr);
out:
	git_libgit2_shutdown();
	return rc;
}
