/*
 * diff.h -- the shortest edit script between two token sequences
 * (Myers' O((N+M)D) algorithm), and a unified line diff that shows,
 * within each changed line, which characters changed (UTF-8 aware, so
 * a Chinese sentence with one character changed shows that character,
 * not the whole line).
 */
#ifndef GONGKAI_DIFF_H
#define GONGKAI_DIFF_H

#include <stddef.h>

struct buf;

/* A token: a line (without its newline) or one UTF-8 character. */
struct diff_tok {
	const char	*p;
	size_t		 n;
};

enum diff_op {
	DIFF_SAME,	/* a[ai] == b[bi] */
	DIFF_DEL,	/* a[ai] is not in b */
	DIFF_ADD	/* b[bi] is not in a */
};

struct diff_edit {
	enum diff_op	 op;
	size_t		 ai;	/* index in a (SAME, DEL) */
	size_t		 bi;	/* index in b (SAME, ADD) */
};

/*
 * The edit script turning a[0..na) into b[0..nb), in order; shortest
 * (deletions before additions in each change) unless the sequences
 * differ in more than DIFF_MAX_D places after their common head and
 * tail, when the rest is one deletion and one addition.  Returns the
 * number of edits and *out (caller frees; NULL when 0).
 */
#define DIFF_MAX_D	2048
size_t	diff_tokens(const struct diff_tok *a, size_t na,
	    const struct diff_tok *b, size_t nb, struct diff_edit **out);

/* Splits text into lines (a final line without '\n' counts).  Returns
 * their number and *out (caller frees). */
size_t	diff_split_lines(const char *text, size_t len, struct diff_tok **out);

/* Splits s into UTF-8 characters (an invalid byte is one token). */
size_t	diff_split_chars(const char *s, size_t len, struct diff_tok **out);

/* diff_render() flags. */
#define DIFF_COLOR	0x1	/* ANSI colours: red, green, reverse */

/*
 * A unified diff (3 lines of context, "@@ -a,n +b,m @@" hunks) of text
 * a against text b into out, without file headers.  A deleted line
 * paired with an added one that shares most of its characters marks
 * what changed within it: in colour by reverse video, else "[-x-]" in
 * the deleted line and "{+y+}" in the added one.  Returns 0 when the
 * texts are the same (out untouched), 1 when they differ.
 */
int	diff_render(const char *a, size_t alen, const char *b, size_t blen,
	    unsigned flags, struct buf *out);

#endif
