/*
 * repo.c -- the only libgit2 user; see repo.h.
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "diag.h"
#include "repo.h"
#include "util.h"

struct repo {
	git_repository	*git;		/* the open repository */
	char		*path;		/* as given, for messages */
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

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
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

int
repo_open(const char *path, struct repo **out)
{
	struct repo	*r;

	git_libgit2_init();
	r = xcalloc(1, sizeof(*r));
	r->path = xstrdup(path);
	if (git_repository_open_ext(&r->git, path,
	    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		gerr("cannot open repository '%s'", path);
		repo_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

void
repo_free(struct repo *r)
{
	if (r == NULL)
		return;
	git_repository_free(r->git);
	free(r->path);
	free(r);
	git_libgit2_shutdown();
}

int
repo_is_shallow(struct repo *r)
{
	return git_repository_is_shallow(r->git) == 1;
}

const char *
repo_gitdir(struct repo *r)
{
	return git_repository_path(r->git);
}

int
repo_resolve(struct repo *r, const char *rev, struct oid *out)
{
	git_object	*obj = NULL, *peeled = NULL;

	if (git_revparse_single(&obj, r->git, rev) < 0) {
		diag_fatal("unknown revision '%s'", rev);
		return -1;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		diag_fatal("revision '%s' is not a commit", rev);
		git_object_free(obj);
		return -1;
	}
	from_git(out, git_object_id(peeled));
	git_object_free(peeled);
	git_object_free(obj);
	return 0;
}

static int
lookup_commit(struct repo *r, const struct oid *id, git_commit **c)
{
	git_oid	g;
	char	hex[OID_HEXSZ + 1];

	to_git(&g, id);
	if (git_commit_lookup(c, r->git, &g) < 0) {
		oid_fmt(hex, id);
		return gerr("cannot read commit '%s'", hex);
	}
	return 0;
}

int
repo_first_parents(struct repo *r, const struct oid *head,
    struct oid **out, size_t *n)
{
	struct oid	*v = NULL, t;
	size_t		 len = 0, cap = 0, i;
	git_commit	*c = NULL;
	struct oid	 cur = *head;

	for (;;) {
		if (lookup_commit(r, &cur, &c) < 0) {
			free(v);
			return -1;
		}
		xgrow(&v, &cap, len + 1, sizeof(*v));
		v[len++] = cur;
		if (git_commit_parentcount(c) == 0) {
			git_commit_free(c);
			break;
		}
		from_git(&cur, git_commit_parent_id(c, 0));
		git_commit_free(c);
	}
	for (i = 0; i < len / 2; i++) {
		t = v[i];
		v[i] = v[len - 1 - i];
		v[len - 1 - i] = t;
	}
	*out = v;
	*n = len;
	return 0;
}

int
repo_commit_raw(struct repo *r, const struct oid *id, struct buf *out)
{
	git_odb		*odb = NULL;
	git_odb_object	*obj = NULL;
	git_oid		 g;
	char		 hex[OID_HEXSZ + 1];
	int		 rc = -1;

	oid_fmt(hex, id);
	to_git(&g, id);
	if (git_repository_odb(&odb, r->git) < 0) {
		gerr("cannot open object database of '%s'", r->path);
		goto out;
	}
	if (git_odb_read(&obj, odb, &g) < 0) {
		gerr("cannot read object '%s'", hex);
		goto out;
	}
	if (git_odb_object_type(obj) != GIT_OBJECT_COMMIT) {
		diag_fatal("object '%s' is not a commit", hex);
		goto out;
	}
	buf_put(out, git_odb_object_data(obj), git_odb_object_size(obj));
	rc = 0;
out:
	git_odb_object_free(obj);
	git_odb_free(odb);
	return rc;
}

int
repo_commit_info(struct repo *r, const struct oid *id,
    struct repo_commit *out)
{
	git_commit		*c;
	const git_signature	*a, *cm;
	const char		*msg;
	size_t			 i;

	memset(out, 0, sizeof(*out));
	if (lookup_commit(r, id, &c) < 0)
		return -1;
	from_git(&out->tree, git_commit_tree_id(c));
	out->nparents = git_commit_parentcount(c);
	out->parents = xcalloc(out->nparents ? out->nparents : 1,
	    sizeof(*out->parents));
	for (i = 0; i < out->nparents; i++)
		from_git(&out->parents[i], git_commit_parent_id(c, i));
	a = git_commit_author(c);
	cm = git_commit_committer(c);
	out->author_name = xstrdup(a->name ? a->name : "");
	out->author_email = xstrdup(a->email ? a->email : "");
	out->author_time = a->when.time;
	out->author_tz = a->when.offset;
	out->commit_time = cm->when.time;
	out->commit_tz = cm->when.offset;
	msg = git_commit_message_raw(c);
	out->message = xstrdup(msg ? msg : "");
	git_commit_free(c);
	return 0;
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

static enum repo_kind
mode_kind(git_filemode_t m)
{
	switch (m) {
	case GIT_FILEMODE_BLOB:
		return REPO_BLOB;
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		return REPO_EXEC;
	case GIT_FILEMODE_LINK:
		return REPO_LINK;
	case GIT_FILEMODE_COMMIT:
		return REPO_SUBMODULE;
	case GIT_FILEMODE_TREE:
		return REPO_TREE;
	default:
		return REPO_NONE;
	}
}

/* Walks tree t whose path (with a final '/', or "") is in path. */
static int
walk(struct repo *r, git_tree *t, struct buf *path, repo_tree_fn fn,
    void *arg)
{
	size_t			 i, n = git_tree_entrycount(t), keep = path->len;
	const git_tree_entry	*e;
	git_tree		*sub;
	struct oid		 o;
	enum repo_kind		 k;
	int			 rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		e = git_tree_entry_byindex(t, i);
		k = mode_kind(git_tree_entry_filemode(e));
		buf_puts(path, git_tree_entry_name(e));
		if (k == REPO_TREE) {
			if (git_tree_lookup(&sub, r->git,
			    git_tree_entry_id(e)) < 0)
				rc = gerr("cannot read tree '%s'", path->data);
			else {
				buf_putc(path, '/');
				rc = walk(r, sub, path, fn, arg);
				git_tree_free(sub);
			}
		} else if (k != REPO_NONE) {
			from_git(&o, git_tree_entry_id(e));
			rc = fn(path->data, k, &o, arg);
		}
		buf_truncate(path, keep);
	}
	return rc;
}

static int
commit_tree(struct repo *r, const struct oid *commit, git_tree **t)
{
	git_commit	*c;
	int		 rc;

	if (lookup_commit(r, commit, &c) < 0)
		return -1;
	if ((rc = git_commit_tree(t, c)) < 0)
		gerr("cannot read the tree of commit '%s'", "?");
	git_commit_free(c);
	return rc < 0 ? -1 : 0;
}

int
repo_tree_list(struct repo *r, const struct oid *commit, const char *prefix,
    repo_tree_fn fn, void *arg)
{
	git_tree	*root = NULL, *sub = NULL;
	git_tree_entry	*e = NULL;
	struct buf	 path = BUF_INIT;
	struct oid	 o;
	enum repo_kind	 k;
	size_t		 plen;
	int		 rc = -1;

	if (commit_tree(r, commit, &root) < 0)
		return -1;
	if (prefix == NULL)
		prefix = "";
	buf_puts(&path, prefix);
	while (path.len > 0 && path.data[path.len - 1] == '/')
		buf_truncate(&path, path.len - 1);
	plen = path.len;
	if (plen == 0) {
		rc = walk(r, root, &path, fn, arg);
		goto out;
	}
	if (git_tree_entry_bypath(&e, root, path.data) < 0) {
		rc = 0;		/* nothing there */
		goto out;
	}
	k = mode_kind(git_tree_entry_filemode(e));
	if (k == REPO_TREE) {
		if (git_tree_lookup(&sub, r->git, git_tree_entry_id(e)) < 0) {
			gerr("cannot read tree '%s'", path.data);
			goto out;
		}
		buf_putc(&path, '/');
		rc = walk(r, sub, &path, fn, arg);
	} else if (k != REPO_NONE) {
		from_git(&o, git_tree_entry_id(e));
		rc = fn(path.data, k, &o, arg);
	} else
		rc = 0;
out:
	git_tree_entry_free(e);
	git_tree_free(sub);
	git_tree_free(root);
	buf_dispose(&path);
	return rc;
}

struct diff_ctx {
	repo_diff_fn	 fn;	/* the caller's callback */
	void		*arg;	/* its argument */
	int		 rc;	/* its non-zero return, if any */
};

static int
diff_file(const git_diff_delta *d, float progress, void *p)
{
	struct diff_ctx	*ctx = p;
	struct oid	 o, n;
	enum repo_kind	 ok = REPO_NONE, nk = REPO_NONE;
	const char	*path;

	(void)progress;
	if (d->old_file.flags & GIT_DIFF_FLAG_EXISTS) {
		ok = mode_kind(d->old_file.mode);
		from_git(&o, &d->old_file.id);
	}
	if (d->new_file.flags & GIT_DIFF_FLAG_EXISTS) {
		nk = mode_kind(d->new_file.mode);
		from_git(&n, &d->new_file.id);
	}
	path = d->new_file.path != NULL ? d->new_file.path : d->old_file.path;
	ctx->rc = ctx->fn(path, ok, ok == REPO_NONE ? NULL : &o,
	    nk, nk == REPO_NONE ? NULL : &n, ctx->arg);
	return ctx->rc != 0 ? 1 : 0;
}

int
repo_diff(struct repo *r, const struct oid *old_commit,
    const struct oid *new_commit, repo_diff_fn fn, void *arg)
{
	git_tree		*ot = NULL, *nt = NULL;
	git_diff		*diff = NULL;
	git_diff_options	 opts;
	struct diff_ctx		 ctx = { fn, arg, 0 };
	int			 rc = -1, e;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	/* Report a mode change of one path as one delta. */
	opts.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
	if (old_commit != NULL && commit_tree(r, old_commit, &ot) < 0)
		goto out;
	if (commit_tree(r, new_commit, &nt) < 0)
		goto out;
	if (git_diff_tree_to_tree(&diff, r->git, ot, nt, &opts) < 0) {
		gerr("cannot diff trees in '%s'", r->path);
		goto out;
	}
	e = git_diff_foreach(diff, diff_file, NULL, NULL, NULL, &ctx);
	if (ctx.rc != 0)
		rc = ctx.rc;
	else if (e < 0)
		rc = gerr("cannot diff trees in '%s'", r->path);
	else
		rc = 0;
out:
	git_diff_free(diff);
	git_tree_free(nt);
	git_tree_free(ot);
	return rc;
}

int
repo_blob_read(struct repo *r, const struct oid *id, struct buf *out)
{
	git_blob	*b;
	git_oid		 g;
	char		 hex[OID_HEXSZ + 1];

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
repo_blob_size(struct repo *r, const struct oid *id, size_t *out)
{
	git_odb		*odb = NULL;
	git_oid		 g;
	git_object_t	 type;
	size_t		 len;
	char		 hex[OID_HEXSZ + 1];
	int		 rc = -1;

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
repo_path_blob(struct repo *r, const struct oid *commit, const char *path,
    struct oid *out, enum repo_kind *kind)
{
	git_tree	*root = NULL;
	git_tree_entry	*e = NULL;
	enum repo_kind	 k;
	int		 rc;

	if (commit_tree(r, commit, &root) < 0)
		return -1;
	if ((rc = git_tree_entry_bypath(&e, root, path)) < 0) {
		git_tree_free(root);
		if (rc == GIT_ENOTFOUND)
			return 1;
		return gerr("cannot look up '%s'", path);
	}
	k = mode_kind(git_tree_entry_filemode(e));
	if (k == REPO_TREE || k == REPO_NONE)
		rc = 1;
	else {
		from_git(out, git_tree_entry_id(e));
		if (kind != NULL)
			*kind = k;
		rc = 0;
	}
	git_tree_entry_free(e);
	git_tree_free(root);
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
