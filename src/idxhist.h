/*
 * idxhist.h -- index numbers (索引号) across the history of a
 * repository.
 *
 * DESIGN 3.3: a number is unique in its unit across the whole history,
 * so a deleted item's number is never handed out again.  One walk over
 * the first-parent history of HEAD reads only the item blobs each
 * commit changes and records, per unit, every number any version of
 * its own items carried (not its sub-units'): which path owns it and
 * since which commit, and whether the owner was ever repealed while
 * carrying it.  The walk is linear in the size of the history.
 *
 * An item's unit is the folder two levels above it
 * (content/<unit>/<category>/<file>.md|.yaml), as in site.c.
 *
 * Ownership: the first path to carry a number owns it.  A rename (the
 * owner drops the number and another path takes it up in the same
 * commit) passes it on, unless the owner was repealed and the new
 * version is not: that is reuse of a repealed item's number.  Any
 * other path that takes up the number is a duplicate and never owns
 * it, so a duplicate stays visible to `check` after it is committed.
 */
#ifndef GONGKAI_IDXHIST_H
#define GONGKAI_IDXHIST_H

#include <stddef.h>

struct oid;
struct repo;
struct site;
struct source;

/* Bytes of an abbreviated commit id and its NUL. */
#define IDXHIST_ABBREV 8

/* What the history says about one number of one unit. */
struct idxuse {
	const char	*index_no;	/* the number */
	const char	*path;		/* repository path of its owner */
	char		 commit[IDXHIST_ABBREV]; /* abbreviated id of the
					   commit where the owner took it */
	int		 repealed;	/* a version of the owner carrying it
					   had `repealed:` set */
	int		 alive;		/* the owner carries it at the head */
};

struct idxhist;

/*
 * Opens the git repository whose work tree is root and resolves HEAD.
 * Returns 0 with *repo (free with repo_free) and *head set; 1 when root
 * is not a git work tree or HEAD has no commit yet (nothing reported,
 * *repo NULL); -1 after a diagnostic.
 */
int		 idxhist_repo(const char *root, struct repo **repo,
		    struct oid *head);

/*
 * Walks the first-parent history of head.  unit is NULL for every
 * unit, or a unit dir ("a/b") whose items alone are read.  Returns 0
 * and *out (free with idxhist_free), or -1 after a diagnostic.
 * Versions whose front matter cannot be read are skipped silently:
 * history cannot be fixed, and check reports the working tree.
 */
int		 idxhist_load(struct repo *, const struct oid *head,
		    const char *unit, struct idxhist **out);
void		 idxhist_free(struct idxhist *);

/* What history says about number index_no of unit dir unit, or NULL
 * if no version of the unit's items ever carried it. */
const struct idxuse *idxhist_find(const struct idxhist *, const char *unit,
		    const char *index_no);

/*
 * Every number ever carried by an item of unit dir unit, in order of
 * first use; *n gets their number.  Owned by the history.
 */
const char *const *idxhist_numbers(const struct idxhist *,
		    const char *unit, size_t *n);

/*
 * Reads the top-level `index_no` and `repealed` keys of an item's text
 * (md: front matter between "---" lines; else the whole YAML) without
 * a YAML parser and without reporting anything.  Returns 0 with
 * *index_no a new string (caller frees) or NULL when the key is absent
 * or null, and *repealed 1 when `repealed` has a value; -1 when the
 * text has no front matter or index_no is written in a form this
 * reader does not take (block scalars, flow collections, tags, values
 * spread over lines).
 */
int		 idxhist_scan(const char *text, size_t len, int md,
		    char **index_no, int *repealed);

/*
 * Checks the index number of every item of site (loaded from the
 * working tree at root through src): it must match its unit's
 * index_format, must not be one another item owns in history, and must
 * not be a repealed item's.  Skipped silently when root is not a git
 * work tree with a commit.  Reports every problem at the item's
 * index_no line; returns 0 or -1.
 */
int		 idxhist_check(const char *root, struct source *src,
		    const struct site *site);

#endif
