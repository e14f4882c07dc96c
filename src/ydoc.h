/*
 * ydoc.h -- YAML documents as a small tree with source positions.
 *
 * The only user of libyaml.  A document is parsed whole into ynodes;
 * every node knows its 1-based line and column so that the modules that
 * interpret it can report "path:line:col: error: ...".  Aliases, tags
 * other than the standard ones, multiple documents and duplicate keys
 * are rejected: content files never need them and they invite trouble
 * (alias bombs, ambiguity).
 */
#ifndef GONGKAI_YDOC_H
#define GONGKAI_YDOC_H

#include <stddef.h>

enum ynode_type {
	YN_SCALAR,
	YN_SEQ,
	YN_MAP
};

struct ynode {
	enum ynode_type	  type;	 /* scalar, sequence or mapping */
	int		  line;	 /* 1-based line of the node's start */
	int		  col;	 /* 1-based column (characters) */
	char		 *str;	 /* YN_SCALAR: the value, NUL-terminated */
	size_t		  slen;	 /* YN_SCALAR: bytes in str (may hold NULs? no:
				    NUL bytes are rejected before parsing) */
	int		  plain; /* YN_SCALAR: unquoted (so "null", "true",
				    numbers keep their YAML meaning) */
	struct ynode	**keys;	 /* YN_MAP: key nodes (scalars) */
	struct ynode	**kids;	 /* YN_SEQ items, YN_MAP values */
	size_t		  n;	 /* number of kids */
};

/*
 * Parses len bytes of text as one YAML document.  path names the file
 * in diagnostics; line0 is added to every line number (for front matter
 * that starts below line 1).  An empty document gives an empty map.
 * Nesting is limited: 64 levels, and 256 brackets open at once, quoted
 * or not, counted before libyaml scans them.
 * Returns 0 and sets *out (free with ynode_free), or -1 after printing
 * a diagnostic.
 */
int		 ydoc_parse(const char *path, const char *text, size_t len,
		    int line0, struct ynode **out);
void		 ynode_free(struct ynode *);

/* A scalar as ydoc_scalars() hands it over. */
struct yscalar {
	const char	*str;	/* the value, decoded (escapes, folding);
				   NUL-terminated */
	size_t		 len;	/* bytes in str */
	size_t		 off;	/* byte offset where it is written in the
				   text (its quote or '|' included) */
	size_t		 end;	/* byte offset just past it */
	int		 key;	/* 1 for a mapping key */
	int		 depth;	/* collections around it: 1 in the top one */
	const char	*top;	/* the key of the top-level mapping it is
				   under, or NULL (and for top-level keys) */
};

typedef void (*ydoc_scalar_fn)(void *arg, const struct yscalar *s);

/*
 * Calls fn for every scalar of len bytes of YAML, in the order written,
 * without building a tree: for scanners that read every value of a
 * file whose validity is checked elsewhere.  No diagnostics, no limits
 * on keys or block nesting; time and memory linear in len.  Returns 0,
 * or -1 if the text is not YAML or nests flow collections ('[', '{')
 * over 256 deep, which libyaml scans in quadratic time (fn has seen
 * the scalars before the error).
 * Aliases are not followed.
 */
int		 ydoc_scalars(const char *text, size_t len, ydoc_scalar_fn fn,
		    void *arg);

/* Value of key k in map m, or NULL (also when m is not a map). */
struct ynode	*ynode_get(const struct ynode *m, const char *k);
/* 1 if n is a plain scalar meaning null ("", "~", "null"). */
int		 ynode_is_null(const struct ynode *n);
/* Name of n's type for messages: "scalar", "sequence", "mapping". */
const char	*ynode_type_name(const struct ynode *n);

#endif

/*
 * Checking helpers for the modules that interpret documents.  Each
 * reports through diag with the node's position and returns -1 on a
 * problem, 0 otherwise.
 */
/* Every key of map m must be in the NULL-terminated list allowed; an
 * unknown one is reported with the valid ones, and the nearest if it
 * looks like a typo ("did you mean 'title'?"). */
int		 ynode_keys_allowed(const char *path, const struct ynode *m,
		    const char *const *allowed);
/* Reports got, a value of kind what ("field", "level") at line:col,
 * as unknown, with the NULL-terminated allowed ones and the nearest if
 * it looks like a typo. */
void		 ynode_unknown(const char *path, int line, int col,
		    const char *what, const char *got,
		    const char *const *allowed);
/* n must be of type t; what names it in the message ("'levels'"). */
int		 ynode_want(const char *path, const struct ynode *n,
		    enum ynode_type t, const char *what);
/*
 * Scalar value of key k in map m, in *out (borrowed from the tree).
 * *out is NULL when the key is absent or null; that is an error only
 * when required is set.
 */
int		 ynode_str(const char *path, const struct ynode *m,
		    const char *k, int required, const char **out);
/* Like ynode_str for a sequence of scalars: *out is a new NULL-free
 * array of borrowed strings (caller frees the array only), *n its size. */
int		 ynode_strlist(const char *path, const struct ynode *m,
		    const char *k, const char ***out, size_t *n);
