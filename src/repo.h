/*
 * repo.h -- a git repository, read-only: refs, first-parent history,
 * raw commit objects, trees, blobs and tree-to-tree diffs.
 *
 * The only user of libgit2.  The rest of the code speaks struct oid and
 * plain callbacks.  Every function that can fail returns -1 after
 * reporting through diag.h ("gongkai: error: ..."), else 0.
 */
#ifndef GONGKAI_REPO_H
#define GONGKAI_REPO_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define OID_RAWSZ	20
#define OID_HEXSZ	40

/* A SHA-1 object id. */
struct oid {
	unsigned char	id[OID_RAWSZ];	/* raw bytes */
};

/* Writes the 40 lowercase hex digits and a NUL into out. */
void	 oid_fmt(char out[OID_HEXSZ + 1], const struct oid *);
/* Parses exactly 40 hex digits; returns 0, or -1 (no diagnostic). */
int	 oid_parse(struct oid *, const char *hex);
/* memcmp order; 0 when equal. */
int	 oid_cmp(const struct oid *, const struct oid *);
int	 oid_is_zero(const struct oid *);

/* What a tree entry is. */
enum repo_kind {
	REPO_NONE,	/* absent (diff side without an entry) */
	REPO_BLOB,	/* regular file, 100644 */
	REPO_EXEC,	/* executable file, 100755 */
	REPO_LINK,	/* symbolic link, 120000 (blob holds the target) */
	REPO_SUBMODULE,	/* gitlink, 160000 (oid is a commit) */
	REPO_TREE,	/* folder */
	REPO_MALFORMED	/* below a name a tree cannot name for sure: a
			   duplicate entry, a name such as ".." or ".git",
			   an unknown mode, a tree that does not parse */
};

struct repo;

/*
 * Opens the repository at path (a work tree or a bare repository; no
 * search upward).  Returns 0 and *out (free with repo_free), or -1.
 */
int	 repo_open(const char *path, struct repo **out);
void	 repo_free(struct repo *);
/*
 * The repository around folder start as git finds it: start, else the
 * nearest folder above it, not across file systems nor past
 * GIT_CEILING_DIRECTORIES.  Returns the top of its work tree (or a bare
 * repository's folder, and *bare is 1) as an absolute path without a
 * final '/', in a new string; NULL, saying nothing, when start is in
 * no repository.
 */
char	*repo_discover(const char *start, int *bare);
/* 1 if the repository is shallow (its history is cut): the gate refuses. */
int	 repo_is_shallow(struct repo *);
/*
 * How many ways git would show other objects here than the ones this
 * program reads: refs under refs/replace/ (or wherever
 * GIT_REPLACE_REF_BASE says; one when they cannot be listed), and
 * info/grafts and shallow (one each).
 */
size_t	 repo_replacements(struct repo *);
/* The .git folder (or bare repository), ending with '/'; owned by repo. */
const char *repo_gitdir(struct repo *);

/*
 * Resolves rev to the commit it names: "HEAD", a full ref name
 * ("refs/heads/main"), a short name that exactly one of refs/X,
 * refs/tags/X, refs/heads/X, refs/remotes/X, refs/remotes/X/HEAD
 * exists for, or a full 40-digit commit id, optionally followed by
 * git's ~N and ^N steps ("main~3").  A short name that several refs
 * answer to (a tag and a branch both named main) is refused: the build
 * ref must name one thing.
 */
int	 repo_resolve(struct repo *, const char *rev, struct oid *out);

/*
 * The largest commit object read.  git writes a few hundred bytes, a
 * long message a few kilobytes; anyone who can push can store one of
 * gigabytes (a message of one letter repeated packs into kilobytes),
 * and each reader inflated it whole: a 128 MiB message made every gated
 * build take 50 s and 400 MB.  Every commit reader here asks for the
 * object's size first (without inflating it) and refuses a larger one:
 * "commit 'ID' is N bytes, over the limit of REPO_COMMIT_MAX".  Not
 * 1 MiB: an unsigned commit of 300,000 Approved: lines (9 MB, in
 * tests/attack5.test.sh) approves nothing and must stop nothing; read
 * once a run, 16 MiB costs about a second.  Annotated tags that a
 * revision is peeled through have the same bound ("tag 'ID' is ...").
 */
#define REPO_COMMIT_MAX	(16 * 1024 * 1024)

/* The parsed fields of a commit; free the strings with repo_commit_dispose. */
struct repo_commit {
	struct oid	 tree;		/* its root tree */
	struct oid	*parents;	/* first parent first */
	size_t		 nparents;
	char		*author_name;	/* as written, may be empty */
	char		*author_email;	/* without the angle brackets */
	int64_t		 author_time;	/* seconds since the epoch */
	int		 author_tz;	/* offset in minutes east of UTC */
	int64_t		 commit_time;	/* committer time, seconds */
	int		 commit_tz;	/* committer offset, minutes */
	size_t		 nsig;		/* header lines starting "gpgsig " or
					   "gpgsig-sha256 ": 0, unsigned */
	char		*message;	/* raw message, as stored */
};

/*
 * Called by repo_first_parents with each commit of the history as it
 * is read, head first.  fn may take c's strings (leaving NULL in their
 * place).  A return other than 0 stops the walk, which returns -1: fn
 * has reported why.
 */
typedef int (*repo_commit_fn)(const struct oid *id, struct repo_commit *c,
    void *arg);

/*
 * The first-parent history of head, oldest (the root) first, head
 * last.  *out is allocated (caller frees), *n its length; so is *trees,
 * the commits' root trees, unless trees is NULL.  Each commit is read
 * once, and handed to fn when fn is not NULL (head first), so that a
 * caller that needs more of it need not read it again.
 */
int	 repo_first_parents(struct repo *, const struct oid *head,
	    repo_commit_fn fn, void *arg, struct oid **out,
	    struct oid **trees, size_t *n);

/*
 * Appends the raw bytes of a commit object (headers, blank line,
 * message; exactly what was hashed after "commit <len>\0") to out.
 */
int	 repo_commit_raw(struct repo *, const struct oid *, struct buf *out);

/*
 * Reads and parses a commit object.  The parser is our own and lenient
 * (a malformed author line gives empty fields and time 0), but reads
 * the graph as git does: the first header must be "tree", and only the
 * "parent" headers right after it are parents (git ignores any later
 * one, and so must the gate, or it would walk another history than the
 * one reviewers see with git).  -1 only for a missing or corrupt object,
 * one larger than REPO_COMMIT_MAX, or one with no tree.
 */
int	 repo_commit_info(struct repo *, const struct oid *,
	    struct repo_commit *out);
/*
 * The same for a commit that only may be one (a parent off the
 * mainline): 0, 1 without a diagnostic when the object is not a commit
 * (it is not read) or does not parse, -1 after one when it is missing
 * or too large.
 */
int	 repo_commit_peek(struct repo *, const struct oid *,
	    struct repo_commit *out);
/* The parser alone, over raw commit bytes: 0, or -1 (no tree line
 * first). */
int	 repo_commit_parse(const char *raw, size_t len,
	    struct repo_commit *out);
void	 repo_commit_dispose(struct repo_commit *);

/*
 * Called for every path whose entry differs between the two trees.
 * old_oid / new_oid are NULL on the side where the path is absent
 * (old_kind / new_kind are then REPO_NONE).  A change from file to
 * folder is reported as the file going and the folder's files coming.
 */
typedef int (*repo_diff_fn)(const char *path, enum repo_kind old_kind,
	    const struct oid *old_oid, enum repo_kind new_kind,
	    const struct oid *new_oid, void *arg);

/*
 * Diffs the trees of old_commit (NULL: the empty tree) and new_commit,
 * without rename detection, reporting files (blobs, links, gitlinks).
 * Trees are read from their raw objects: below a name that a tree
 * cannot name for sure every file is reported as REPO_MALFORMED.
 * A non-zero return of fn stops the diff and is returned.
 */
int	 repo_diff(struct repo *, const struct oid *old_commit,
	    const struct oid *new_commit, repo_diff_fn fn, void *arg);
/* The same, of two root trees (old_tree NULL: the empty tree), for a
 * walk that has them: each commit is then read once. */
int	 repo_diff_trees(struct repo *, const struct oid *old_tree,
	    const struct oid *new_tree, repo_diff_fn fn, void *arg);

/* Appends the content of a blob to out. */
int	 repo_blob_read(struct repo *, const struct oid *, struct buf *out);
/*
 * 1 if object id is a blob, 0 if it is something else (a tree or a
 * commit that a pushed entry of blob mode names: git's push takes it),
 * -1 after a diagnostic if it cannot be read.
 */
int	 repo_is_blob(struct repo *, const struct oid *);
/* Size of a blob without reading it. */
int	 repo_blob_size(struct repo *, const struct oid *, size_t *out);

/* A blob's text at off (len bytes) in a mapping given to repo_keep. */
struct repo_text {
	struct oid	id;
	size_t		off, len;
};

/*
 * Texts of blobs that workers forked from this process read in this
 * run with repo_blob_read, put in memory shared with it (veto.h reads
 * the published texts ahead): repo_blob_read and repo_blob_size answer
 * them from there, here and in processes forked later, instead of
 * inflating and hashing the same objects again.  map (maplen bytes,
 * from mmap) becomes the repository's, unmapped by repo_free; text i
 * of the n is at map + t[i].off.
 */
void	 repo_keep(struct repo *, void *map, size_t maplen,
	    const struct repo_text *t, size_t n);

/*
 * The state of a file path in commit's tree: *kind REPO_NONE when
 * absent (or a folder), REPO_MALFORMED when a tree on the way cannot
 * name it for sure, else its kind and *out its id.  -1 if an object
 * cannot be read.
 */
int	 repo_path_state(struct repo *, const struct oid *commit,
	    const char *path, enum repo_kind *kind, struct oid *out);

/*
 * Calls fn for every git trailer ("Key: value") of a commit message,
 * by git's rules: the last paragraph, before any patch, most lines
 * trailers.  Returns 0, -1 on error, or fn's non-zero return.
 */
typedef int (*repo_trailer_fn)(const char *key, const char *value,
	    void *arg);
int	 repo_trailers(const char *message, repo_trailer_fn fn, void *arg);

/*
 * 1 if the .gitattributes files of commit's tree (and the repository's
 * own info/attributes) set git's ident attribute for path: a checkout
 * then shows "$Id: <blob id> $" where the blob holds "$Id$" or
 * "$Id: anything $".  0 if they do not; 1 too when they cannot be read
 * (the caller then looks at the bytes).
 */
int	 repo_ident_attr(struct repo *, const struct oid *commit,
	    const char *path);

#endif
