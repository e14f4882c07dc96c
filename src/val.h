/*
 * val.h -- a small dynamic value (null, bool, number, string, list, map)
 * used as the data of templates and for JSON output.
 *
 * Ownership: a value owns its children; val_free() frees a whole tree.
 * Strings are copied unless added with the *_ref functions, which borrow
 * a string that must outlive the tree (site model strings do).  Map
 * keys are always borrowed: every key is a string literal or a static
 * table's (a page's model is tens of maps and a copy of each key was a
 * fifth of a build's allocations).  A value made once for many pages
 * (a unit's side catalogue) is shared with val_share and is not
 * changed after.
 */
#ifndef GONGKAI_VAL_H
#define GONGKAI_VAL_H

#include <stddef.h>

struct buf;

enum val_type {
	VAL_NULL,
	VAL_BOOL,
	VAL_NUM,
	VAL_STR,
	VAL_LIST,
	VAL_MAP
};

struct val {
	enum val_type	 type;	/* which member below is meaningful */
	int		 b;	/* VAL_BOOL: 0 or 1 */
	double		 num;	/* VAL_NUM */
	const char	*s;	/* VAL_STR: the bytes, NUL-terminated */
	int		 owned;	/* VAL_STR: 1 if s is ours to free */
	unsigned	 refs;	/* owners besides the first (val_share) */
	const char	**keys;	/* VAL_MAP: keys (borrowed), in insertion
				   order, in the block kids starts */
	struct val	**kids;	/* VAL_LIST items, VAL_MAP values, owned */
	size_t		 n;	/* number of kids (and keys) */
	size_t		 cap;	/* allocated slots */
};

struct val	*val_null(void);
struct val	*val_bool(int);
struct val	*val_num(double);
struct val	*val_str(const char *);		/* copies */
struct val	*val_strn(const char *, size_t);	/* copies */
struct val	*val_str_ref(const char *);	/* borrows */
struct val	*val_str_own(char *);		/* takes ownership */
struct val	*val_list(void);
struct val	*val_map(void);
/* Frees v and its children, or drops one owner of a shared v. */
void		 val_free(struct val *);
/* One more owner of v, which is returned: each val_free drops one. */
struct val	*val_share(struct val *);

/* Appends v (taking ownership) to list l; returns v. */
struct val	*val_push(struct val *l, struct val *v);
/* Sets key k (borrowed: a literal) of map m to v (taking ownership;
 * replaces any old value). */
struct val	*val_set(struct val *m, const char *k, struct val *v);
/* Shorthands: set a copied / borrowed string, bool, number; NULL s sets null. */
void		 val_set_str(struct val *m, const char *k, const char *s);
void		 val_set_ref(struct val *m, const char *k, const char *s);
void		 val_set_bool(struct val *m, const char *k, int b);
void		 val_set_num(struct val *m, const char *k, double n);
/* Looks up key k in map m; NULL if m is not a map or has no such key. */
struct val	*val_get(const struct val *m, const char *k);
/* Mustache truthiness: null, false and the empty list are falsey. */
int		 val_truthy(const struct val *);
/*
 * Appends v as text: strings as is, numbers shortest ("85", "1.21"),
 * bools as "true"/"false", null as nothing.
 */
void		 val_text(const struct val *, struct buf *);
/* Appends v as JSON (UTF-8, keys in insertion order, 2-space indent
 * when pretty is set), deterministic byte for byte.  A number that is
 * not finite is written as null. */
void		 val_json(const struct val *, struct buf *, int pretty);
/* Appends v as pretty JSON nested depth levels deep (its lines after
 * the first indented so), without a final newline: for a writer that
 * makes a long list one element at a time. */
void		 val_json_nested(const struct val *, struct buf *, int depth);

#endif
