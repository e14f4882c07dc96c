/*
 * diff.c -- Myers' shortest edit script and a unified diff with
 * character changes within lines (see diff.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diff.h"
#include "util.h"

#define CONTEXT	3

static int
tok_eq(const struct diff_tok *x, const struct diff_tok *y)
{
	return x->n == y->n && memcmp(x->p, y->p, x->n) == 0;
}

static void
push(struct diff_edit **e, size_t *n, size_t *cap, enum diff_op op,
    size_t ai, size_t bi)
{
	xgrow(e, cap, *n + 1, sizeof(**e));
	(*e)[*n].op = op;
	(*e)[*n].ai = ai;
	(*e)[*n].bi = bi;
	(*n)++;
}

/*
 * Myers on a[0..n) and b[0..m), which share no head or tail: V[k] is
 * the furthest x on diagonal k = x - y after d differences; each d's
 * V is kept (2d + 1 values) to walk the path back.  Returns the edits
 * in reverse order into rev, or 0 with nothing when D would pass
 * DIFF_MAX_D (the history then holds (DIFF_MAX_D + 1)^2 values:
 * 16 MiB).
 */
static int
myers(const struct diff_tok *a, size_t n, const struct diff_tok *b,
    size_t m, size_t a0, size_t b0, struct diff_edit **rev, size_t *nrev,
    size_t *caprev)
{
	long		 N = (long)n, M = (long)m, max = N + M, d, k, x, y;
	int32_t		**V, *v, *pv;	/* items are under 1 MiB */
	long		 D = -1, px, py, pk;
	int		 ok = 0;

	if (max > DIFF_MAX_D)
		max = DIFF_MAX_D;
	V = xcalloc((size_t)max + 1, sizeof(*V));
	for (d = 0; d <= max && D < 0; d++) {
		/* v[k + d] for k in [-d, d] */
		v = V[d] = xcalloc((size_t)(2 * d + 1), sizeof(*v));
		pv = d > 0 ? V[d - 1] : NULL;
		for (k = -d; k <= d; k += 2) {
			if (d == 0)
				x = 0;
			else if (k == -d || (k != d &&
			    pv[k - 1 + (d - 1)] < pv[k + 1 + (d - 1)]))
				x = pv[k + 1 + (d - 1)];	/* down: add */
			else
				x = pv[k - 1 + (d - 1)] + 1;	/* right: del */
			y = x - k;
			while (x < N && y < M && tok_eq(&a[x], &b[y])) {
				x++;
				y++;
			}
			v[k + d] = (int32_t)x;
			if (x >= N && y >= M) {
				D = d;
				break;
			}
		}
	}
	if (D >= 0) {
		ok = 1;
		x = N;
		y = M;
		for (d = D; d > 0; d--) {
			pv = V[d - 1];
			k = x - y;
			if (k == -d || (k != d &&
			    pv[k - 1 + (d - 1)] < pv[k + 1 + (d - 1)]))
				pk = k + 1;
			else
				pk = k - 1;
			px = pv[pk + (d - 1)];
			py = px - pk;
			while (x > px && y > py && (pk == k + 1 ? y - 1 > py :
			    x - 1 > px)) {
				x--;
				y--;
				push(rev, nrev, caprev, DIFF_SAME,
				    a0 + (size_t)x, b0 + (size_t)y);
			}
			if (pk == k + 1) {
				y--;
				push(rev, nrev, caprev, DIFF_ADD, a0 + (size_t)x,
				    b0 + (size_t)y);
			} else {
				x--;
				push(rev, nrev, caprev, DIFF_DEL, a0 + (size_t)x,
				    b0 + (size_t)y);
			}
		}
		while (x > 0 && y > 0) {
			x--;
			y--;
			push(rev, nrev, caprev, DIFF_SAME, a0 + (size_t)x,
			    b0 + (size_t)y);
		}
	}
	for (d = 0; d <= max; d++)
		free(V[d]);
	free(V);
	return ok;
}

size_t
diff_tokens(const struct diff_tok *a, size_t na, const struct diff_tok *b,
    size_t nb, struct diff_edit **out)
{
	struct diff_edit	*e = NULL, *rev = NULL;
	size_t			 n = 0, cap = 0, nrev = 0, caprev = 0;
	size_t			 h = 0, t = 0, i;

	while (h < na && h < nb && tok_eq(&a[h], &b[h]))
		h++;
	while (t < na - h && t < nb - h &&
	    tok_eq(&a[na - 1 - t], &b[nb - 1 - t]))
		t++;
	for (i = 0; i < h; i++)
		push(&e, &n, &cap, DIFF_SAME, i, i);
	if (!myers(a + h, na - h - t, b + h, nb - h - t, h, h, &rev, &nrev,
	    &caprev)) {
		/* Too different to be worth the time: all out, all in. */
		for (i = h; i < na - t; i++)
			push(&e, &n, &cap, DIFF_DEL, i, h);
		for (i = h; i < nb - t; i++)
			push(&e, &n, &cap, DIFF_ADD, na - t, i);
	} else
		while (nrev > 0) {
			nrev--;
			push(&e, &n, &cap, rev[nrev].op, rev[nrev].ai,
			    rev[nrev].bi);
		}
	for (i = 0; i < t; i++)
		push(&e, &n, &cap, DIFF_SAME, na - t + i, nb - t + i);
	free(rev);
	/* Within each change, deletions first (Myers may interleave). */
	for (i = 0; i < n;) {
		size_t j = i, w, nd = 0;
		struct diff_edit *tmp;

		if (e[i].op == DIFF_SAME) {
			i++;
			continue;
		}
		while (j < n && e[j].op != DIFF_SAME)
			j++;
		tmp = xcalloc(j - i, sizeof(*tmp));
		for (w = i; w < j; w++)
			if (e[w].op == DIFF_DEL)
				tmp[nd++] = e[w];
		for (w = i; w < j; w++)
			if (e[w].op == DIFF_ADD)
				tmp[nd++] = e[w];
		memcpy(&e[i], tmp, (j - i) * sizeof(*tmp));
		free(tmp);
		i = j;
	}
	*out = e;
	return n;
}

size_t
diff_split_lines(const char *text, size_t len, struct diff_tok **out)
{
	struct diff_tok	*v = NULL;
	size_t		 n = 0, cap = 0, i = 0, j;

	while (i < len) {
		for (j = i; j < len && text[j] != '\n'; j++)
			;
		xgrow(&v, &cap, n + 1, sizeof(*v));
		v[n].p = text + i;
		v[n].n = j - i;
		n++;
		i = j + 1;
	}
	*out = v;
	return n;
}

/* Bytes of the UTF-8 character at s (1 for an invalid byte). */
static size_t
u8len(const unsigned char *s, size_t left)
{
	size_t	n, i;

	if (s[0] < 0x80)
		n = 1;
	else if ((s[0] & 0xe0) == 0xc0)
		n = 2;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4;
	else
		return 1;
	if (n > left)
		return 1;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

size_t
diff_split_chars(const char *s, size_t len, struct diff_tok **out)
{
	struct diff_tok	*v = NULL;
	size_t		 n = 0, cap = 0, i = 0, k;

	while (i < len) {
		k = u8len((const unsigned char *)s + i, len - i);
		xgrow(&v, &cap, n + 1, sizeof(*v));
		v[n].p = s + i;
		v[n].n = k;
		n++;
		i += k;
	}
	*out = v;
	return n;
}

/* ---- rendering ---------------------------------------------------- */

#define RED	"\033[31m"
#define GREEN	"\033[32m"
#define CYAN	"\033[36m"
#define REV	"\033[7m"
#define UNREV	"\033[27m"
#define RESET	"\033[m"

/*
 * Appends the n bytes of text at p with every character a terminal
 * would not show as itself spelt out: <U+001B> for a control character
 * (an escape sequence can hide text, a lone CR overwrites it), a
 * bidirectional override (it reorders the line) or another invisible
 * one, <0xNN> for a byte that is not UTF-8.  A reviewer reads a diff
 * in a terminal, and must see every character that will be published.
 * With eol, the text ends its line, and a CR last is a CRLF's.
 */
static void
text_out(struct buf *out, const char *p, size_t n, int eol)
{
	size_t	i, w, from = 0;
	long	c;

	for (i = 0; i < n; i += w) {
		w = 1;
		if ((unsigned char)p[i] >= 0x20 && (unsigned char)p[i] < 0x7f)
			continue;
		c = utf8_decode(p + i, n - i, &w);
		if (c >= 0 && (c == '\t' || !cp_invisible((uint32_t)c) ||
		    (c == '\r' && eol && i + 1 == n)))
			continue;
		buf_put(out, p + from, i - from);
		if (c < 0)
			buf_printf(out, "<0x%02X>", (unsigned char)p[i]);
		else
			buf_printf(out, "<U+%04lX>", c);
		from = i + w;
	}
	buf_put(out, p + from, n - from);
}

static void
line_out(struct buf *out, char mark, const struct diff_tok *l,
    unsigned flags)
{
	if (flags & DIFF_COLOR)
		buf_puts(out, mark == '-' ? RED : mark == '+' ? GREEN : "");
	buf_putc(out, mark);
	text_out(out, l->p, l->n, 1);
	if ((flags & DIFF_COLOR) && mark != ' ')
		buf_puts(out, RESET);
	buf_putc(out, '\n');
}

/*
 * The deleted line x and the added line y, with what changed within
 * them marked, when they share at least half their characters; else
 * returns 0 and writes nothing.
 */
static int
pair_out(struct buf *out, const struct diff_tok *x, const struct diff_tok *y,
    unsigned flags)
{
	struct diff_tok		*ca, *cb;
	struct diff_edit	*e;
	size_t			 na, nb, ne, i, k, same = 0, side;
	int			 in;

	na = diff_split_chars(x->p, x->n, &ca);
	nb = diff_split_chars(y->p, y->n, &cb);
	ne = diff_tokens(ca, na, cb, nb, &e);
	for (i = 0; i < ne; i++)
		same += e[i].op == DIFF_SAME;
	if (same * 2 < (na > nb ? na : nb) || same == 0) {
		free(ca);
		free(cb);
		free(e);
		return 0;
	}
	for (side = 0; side < 2; side++) {
		enum diff_op	 op = side == 0 ? DIFF_DEL : DIFF_ADD;
		const struct diff_tok *c = side == 0 ? ca : cb;

		buf_puts(out, flags & DIFF_COLOR ? side == 0 ? RED "-" :
		    GREEN "+" : side == 0 ? "-" : "+");
		in = 0;
		for (i = 0; i < ne; i++) {
			const struct diff_tok *t;

			if (e[i].op != DIFF_SAME && e[i].op != op)
				continue;
			if ((e[i].op == op) != in) {
				in = !in;
				if (flags & DIFF_COLOR)
					buf_puts(out, in ? REV : UNREV);
				else
					buf_puts(out, in ? side == 0 ? "[-" :
					    "{+" : side == 0 ? "-]" : "+}");
			}
			k = side == 0 ? e[i].ai : e[i].bi;
			t = &c[k];
			text_out(out, t->p, t->n, k + 1 == (side == 0 ? na :
			    nb));
		}
		if (in && !(flags & DIFF_COLOR))
			buf_puts(out, side == 0 ? "-]" : "+}");
		if (flags & DIFF_COLOR)
			buf_puts(out, RESET);
		buf_putc(out, '\n');
	}
	free(ca);
	free(cb);
	free(e);
	return 1;
}

/* A change: the deletions e[i..j) then additions e[j..k), paired
 * line by line when they are alike. */
static void
change_out(struct buf *out, const struct diff_edit *e, size_t i, size_t j,
    size_t k, const struct diff_tok *la, const struct diff_tok *lb,
    unsigned flags)
{
	size_t	d = i, a = j;

	while (d < j || a < k) {
		if (d < j && a < k && pair_out(out, &la[e[d].ai], &lb[e[a].bi],
		    flags)) {
			d++;
			a++;
			continue;
		}
		if (d < j) {
			line_out(out, '-', &la[e[d].ai], flags);
			d++;
		} else {
			line_out(out, '+', &lb[e[a].bi], flags);
			a++;
		}
	}
}

int
diff_render(const char *a, size_t alen, const char *b, size_t blen,
    unsigned flags, struct buf *out)
{
	struct diff_tok		*la, *lb;
	struct diff_edit	*e;
	size_t			 na, nb, ne, i, s, end, j, k, sa, sb, ca, cb;
	int			 differ = 0;

	na = diff_split_lines(a, alen, &la);
	nb = diff_split_lines(b, blen, &lb);
	ne = diff_tokens(la, na, lb, nb, &e);
	for (i = 0; i < ne; i++) {
		if (e[i].op == DIFF_SAME)
			continue;
		differ = 1;
		/* A hunk: from CONTEXT lines before this change to
		 * CONTEXT after the last change within 2*CONTEXT. */
		s = i > CONTEXT ? i - CONTEXT : 0;
		while (s < i && e[s].op != DIFF_SAME)
			s++;
		end = i;
		for (j = i; j < ne; j++) {
			if (e[j].op != DIFF_SAME) {
				end = j + 1;
				continue;
			}
			if (j - end >= 2 * CONTEXT)
				break;
		}
		end = end + CONTEXT < ne ? end + CONTEXT : ne;
		sa = e[s].op == DIFF_ADD ? e[s].ai : e[s].ai;
		sb = e[s].bi;
		for (ca = cb = 0, j = s; j < end; j++) {
			ca += e[j].op != DIFF_ADD;
			cb += e[j].op != DIFF_DEL;
		}
		if (flags & DIFF_COLOR)
			buf_puts(out, CYAN);
		buf_printf(out, "@@ -%zu,%zu +%zu,%zu @@", ca ? sa + 1 : sa,
		    ca, cb ? sb + 1 : sb, cb);
		if (flags & DIFF_COLOR)
			buf_puts(out, RESET);
		buf_putc(out, '\n');
		for (j = s; j < end;) {
			if (e[j].op == DIFF_SAME) {
				line_out(out, ' ', &la[e[j].ai], flags);
				j++;
				continue;
			}
			for (k = j; k < end && e[k].op == DIFF_DEL; k++)
				;
			i = k;
			while (i < end && e[i].op == DIFF_ADD)
				i++;
			change_out(out, e, j, k, i, la, lb, flags);
			j = i;
		}
		i = end - 1;
	}
	free(la);
	free(lb);
	free(e);
	return differ;
}
