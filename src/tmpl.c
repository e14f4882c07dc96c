/*
 * tmpl.c -- the Mustache engine; see tmpl.h.
 *
 * A template is compiled in three passes:
 *
 *  1. lex: split the source into text and tag tokens, following set
 *     delimiter tags, and match every end tag with its opener (this is
 *     where syntax errors are found and reported with line:col);
 *  2. standalone: find tags that stand alone on their line and trim that
 *     line's indentation and line end from the neighbouring text tokens;
 *  3. build: turn the tokens into a tree of ops.
 *
 * Indentation is the one part of the spec that looks as if it needed
 * re-parsing: a standalone partial is "indented before rendering", and a
 * standalone block is dedented where it is defined and re-indented where
 * it is expanded.  Both are done at compile time instead: text ops carry
 * "indent points", the offsets where a template line starts, and ops that
 * start a line carry a bol flag; block content is stored dedented.  A
 * render then only writes the current indentation at those points, and
 * with no indentation (every page template) it copies text whole.
 *
 * Rendering keeps its state in one struct on the stack: the context stack
 * (a local array, on the heap only past 32 levels), the stack of parent
 * tags whose blocks override, and the current indentation.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "tmpl.h"
#include "util.h"
#include "val.h"

#define NPOS	((size_t)-1)

/* Sections, parents and blocks nested deeper than this are refused. */
#define TMPL_NEST_MAX	200

enum tk {
	TK_TEXT,
	TK_VAR,		/* {{x}} */
	TK_RAW,		/* {{{x}}} and {{&x}} */
	TK_SECTION,	/* {{#x}} */
	TK_INVERTED,	/* {{^x}} */
	TK_END,		/* {{/x}} */
	TK_PARTIAL,	/* {{>x}} */
	TK_PARENT,	/* {{<x}} */
	TK_BLOCK,	/* {{$x}} */
	TK_COMMENT,	/* {{!x}} */
	TK_DELIM	/* {{=a b=}} */
};

struct tok {
	enum tk	 kind;	/* what the token is */
	size_t	 start;	/* first byte (of the open delimiter for tags) */
	size_t	 end;	/* one past the last byte */
	size_t	 s, e;	/* TK_TEXT: bytes kept after standalone trimming */
	size_t	 name;	/* tags: offset of the name (after any '*') */
	size_t	 nlen;	/* tags: bytes in the name */
	int	 dyn;	/* partial, parent, end: name began with '*' */
	size_t	 match;	/* openers: index of their end; ends: opener */
	int	 sa;	/* tags: the tag's line is standalone */
	size_t	 ws;	/* sa: offset of the indentation before the tags */
	size_t	 wslen;	/* sa: bytes of that indentation */
};

struct lex {
	const char	*path;	/* for diagnostics */
	const char	*src;	/* the template text */
	size_t		 len;	/* bytes in src */
	struct tok	*v;	/* tokens in source order */
	size_t		 n;	/* tokens in v */
	size_t		 cap;	/* allocated tokens */
};

enum op_type {
	OP_TEXT,
	OP_VAR,
	OP_RAW,
	OP_SECTION,
	OP_INVERTED,
	OP_PARTIAL,
	OP_PARENT,
	OP_BLOCK
};

struct op {
	enum op_type	 type;	  /* what the op does */
	int		 bol;	  /* starts a template line: indent first */
	char		*text;	  /* OP_TEXT: bytes (owned) */
	size_t		 len;	  /* OP_TEXT: bytes in text */
	size_t		*ipts;	  /* OP_TEXT: offsets where lines start */
	size_t		 nipts;	  /* OP_TEXT: entries in ipts */
	char		*name;	  /* tags: the name as written, minus '*' */
	char		**parts;  /* context names: name split at dots
				     (owned, one allocation); NULL for "." */
	size_t		 nparts;  /* entries in parts */
	int		 dyn;	  /* partial, parent: name is looked up in
				     the context to find the template name */
	struct op	*kids;	  /* sections, blocks: content; parents:
				     their overriding blocks (owned) */
	size_t		 nkids;	  /* ops in kids */
	int		 sa;	  /* partial, parent, block: standalone */
	char		*indent;  /* sa: indentation added to content */
	size_t		 indlen;  /* bytes in indent */
	const char	*path;	  /* template path, for diagnostics */
	int		 line;	  /* 1-based source line of the tag */
	int		 col;	  /* 1-based source column of the tag */
};

/* A growable array of ops while building. */
struct opv {
	struct op	*v;	/* ops */
	size_t		 n;	/* used */
	size_t		 cap;	/* allocated */
};

struct tmpl {
	char		*name;	/* name in the set */
	char		*path;	/* source, for diagnostics */
	struct op	*ops;	/* top-level ops (owned) */
	size_t		 nops;	/* entries in ops */
};

struct tmpl_set {
	struct tmpl	**tab;	/* open-addressing hash table by name */
	size_t		  cap;	/* slots in tab, a power of two */
	size_t		  n;	/* templates in tab */
};

static void	ops_free(struct op *, size_t);

/* Reports an error at byte off of the source; always returns -1. */
static int
lex_err(const struct lex *lx, size_t off, const char *fmt, ...)
{
	struct buf	b = BUF_INIT;
	va_list		ap;
	int		line, col;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	text_pos(lx->src, off, &line, &col);
	diag_error(lx->path, line, col, "%s", b.data);
	buf_dispose(&b);
	return -1;
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* 1 if the bytes in [a, b) of s are all spaces or tabs (or '\r' if cr). */
static int
all_blank(const char *s, size_t a, size_t b, int cr)
{
	for (; a < b; a++)
		if (s[a] != ' ' && s[a] != '\t' && !(cr && s[a] == '\r'))
			return 0;
	return 1;
}

/* 1 if a line break starts at off. */
static int
at_eol(const char *s, size_t len, size_t off)
{
	return s[off] == '\n' ||
	    (s[off] == '\r' && off + 1 < len && s[off + 1] == '\n');
}

static struct tok *
tok_add(struct lex *lx, enum tk kind, size_t start, size_t end)
{
	struct tok	*t;

	xgrow(&lx->v, &lx->cap, lx->n + 1, sizeof(*lx->v));
	t = &lx->v[lx->n++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->start = t->s = start;
	t->end = t->e = end;
	return t;
}

/*
 * mem_find() is a GNU and BSD extension, not POSIX: a plain search that
 * jumps with memchr to each candidate first byte is all a tag needs.
 */
static const char *
mem_find(const char *h, size_t hlen, const char *n, size_t nlen)
{
	const char	*p = h, *end = h + hlen;

	while ((size_t)(end - p) >= nlen &&
	    (p = memchr(p, n[0], (size_t)(end - p) - nlen + 1)) != NULL) {
		if (memcmp(p, n, nlen) == 0)
			return p;
		p++;
	}
	return NULL;
}

/*
 * Offset of the first close delimiter d at or after from, or, if pre is
 * not 0, of the first pre character directly followed by d (for "}}}"
 * and "=}}").  NPOS if there is none.
 */
static size_t
find_close(const struct lex *lx, size_t from, int pre, const char *d,
    size_t dlen)
{
	const char	*p;
	size_t		 i = from, at;

	while (i < lx->len) {
		p = mem_find(lx->src + i, lx->len - i, d, dlen);
		if (p == NULL)
			return NPOS;
		at = (size_t)(p - lx->src);
		if (pre == 0)
			return at;
		if (at > from && lx->src[at - 1] == pre)
			return at - 1;
		i = at + 1;
	}
	return NPOS;
}

/* Trims whitespace from both ends of [*a, *b). */
static void
trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && is_ws(s[*a]))
		(*a)++;
	while (*b > *a && is_ws(s[*b - 1]))
		(*b)--;
}

/*
 * Parses the inside of a set delimiter tag, [a, b), into two
 * delimiters; both must be non-empty, without whitespace or '='.
 */
static int
delim_parse(struct lex *lx, size_t tag, size_t a, size_t b,
    const char **od, size_t *odl, const char **cd, size_t *cdl)
{
	size_t	i, j, k;

	trim(lx->src, &a, &b);
	for (i = a; i < b && !is_ws(lx->src[i]); i++)
		;
	for (j = i; j < b && is_ws(lx->src[j]); j++)
		;
	for (k = j; k < b && !is_ws(lx->src[k]); k++)
		;
	if (i == a || j == i || k == j || k != b ||
	    memchr(lx->src + a, '=', b - a) != NULL)
		return lex_err(lx, tag, "bad delimiters '%.*s'",
		    (int)(b - a), lx->src + a);
	*od = lx->src + a;
	*odl = i - a;
	*cd = lx->src + j;
	*cdl = k - j;
	return 0;
}

/* Sets the tag's name to [a, b) after checking it. */
static int
tag_name(struct lex *lx, struct tok *t, size_t a, size_t b)
{
	size_t	i;

	trim(lx->src, &a, &b);
	if ((t->kind == TK_PARTIAL || t->kind == TK_PARENT ||
	    t->kind == TK_END) && a < b && lx->src[a] == '*') {
		t->dyn = 1;
		a++;
		trim(lx->src, &a, &b);
	}
	if (a == b)
		return lex_err(lx, t->start, "missing name in tag");
	for (i = a; i < b; i++)
		if (is_ws(lx->src[i]))
			return lex_err(lx, t->start, "bad tag name '%.*s'",
			    (int)(b - a), lx->src + a);
	t->name = a;
	t->nlen = b - a;
	return 0;
}

static const char *
tk_what(enum tk k)
{
	switch (k) {
	case TK_PARENT:
		return "parent";
	case TK_BLOCK:
		return "block";
	default:
		return "section";
	}
}

/* The kind of tag whose first byte after the delimiter is c. */
static enum tk
sigil_kind(char c)
{
	switch (c) {
	case '!':
		return TK_COMMENT;
	case '&':
		return TK_RAW;
	case '#':
		return TK_SECTION;
	case '^':
		return TK_INVERTED;
	case '/':
		return TK_END;
	case '>':
		return TK_PARTIAL;
	case '<':
		return TK_PARENT;
	case '$':
		return TK_BLOCK;
	default:
		return TK_VAR;
	}
}

/* 1 if tags a and b have the same name (end tags must match). */
static int
tok_same(const struct lex *lx, const struct tok *a, const struct tok *b)
{
	return a->nlen == b->nlen && a->dyn == b->dyn &&
	    memcmp(lx->src + a->name, lx->src + b->name, a->nlen) == 0;
}

/* Pass 1: tokens, delimiters, and matching of end tags. */
static int
lex_run(struct lex *lx)
{
	const char	*od = "{{", *cd = "}}", *src = lx->src, *p;
	size_t		 odl = 2, cdl = 2, pos = 0, t, c, nb, end;
	size_t		*open = NULL, nopen = 0, capopen = 0, o;
	struct tok	*k;
	enum tk		 kind;
	int		 rc = -1;
	char		 sig;

	while (pos < lx->len) {
		p = mem_find(src + pos, lx->len - pos, od, odl);
		if (p == NULL) {
			tok_add(lx, TK_TEXT, pos, lx->len);
			break;
		}
		t = (size_t)(p - src);
		if (t > pos)
			tok_add(lx, TK_TEXT, pos, t);
		nb = t + odl + 1;
		sig = t + odl < lx->len ? src[t + odl] : '\0';
		switch (sig) {
		case '{':
			kind = TK_RAW;
			c = find_close(lx, nb, '}', cd, cdl);
			end = c + 1 + cdl;
			break;
		case '=':
			kind = TK_DELIM;
			c = find_close(lx, nb, '=', cd, cdl);
			end = c + 1 + cdl;
			break;
		default:
			kind = sigil_kind(sig);
			if (kind == TK_VAR)
				nb--;
			c = find_close(lx, nb, 0, cd, cdl);
			end = c + cdl;
			break;
		}
		if (c == NPOS) {
			lex_err(lx, t, "unclosed tag");
			goto out;
		}
		k = tok_add(lx, kind, t, end);
		pos = end;
		if (kind == TK_DELIM) {
			if (delim_parse(lx, t, nb, c, &od, &odl, &cd,
			    &cdl) == -1)
				goto out;
			continue;
		}
		if (kind == TK_COMMENT)
			continue;
		if (tag_name(lx, k, nb, c) == -1)
			goto out;
		if (kind == TK_SECTION || kind == TK_INVERTED ||
		    kind == TK_PARENT || kind == TK_BLOCK) {
			/* The compiler and renderer recurse per level. */
			if (nopen == TMPL_NEST_MAX) {
				lex_err(lx, t, "sections nested more than %d "
				    "deep", TMPL_NEST_MAX);
				goto out;
			}
			xgrow(&open, &capopen, nopen + 1, sizeof(*open));
			open[nopen++] = lx->n - 1;
		} else if (kind == TK_END) {
			if (nopen == 0) {
				lex_err(lx, t, "unexpected end tag '%.*s'",
				    (int)k->nlen, src + k->name);
				goto out;
			}
			o = open[--nopen];
			if (!tok_same(lx, &lx->v[o], k)) {
				lex_err(lx, t, "end tag '%s%.*s' does not "
				    "match %s '%s%.*s'", k->dyn ? "*" : "",
				    (int)k->nlen, src + k->name,
				    tk_what(lx->v[o].kind),
				    lx->v[o].dyn ? "*" : "",
				    (int)lx->v[o].nlen, src + lx->v[o].name);
				goto out;
			}
			lx->v[o].match = lx->n - 1;
			k->match = o;
		}
	}
	if (nopen > 0) {
		o = open[nopen - 1];
		lex_err(lx, lx->v[o].start, "unclosed %s '%.*s'",
		    tk_what(lx->v[o].kind), (int)lx->v[o].nlen,
		    src + lx->v[o].name);
		goto out;
	}
	rc = 0;
out:
	free(open);
	return rc;
}

/* 1 for parent and block tags and their ends. */
static int
tk_inherit(const struct lex *lx, const struct tok *t)
{
	enum tk	k = t->kind;

	if (k == TK_END)
		k = lx->v[t->match].kind;
	return k == TK_PARENT || k == TK_BLOCK;
}

/*
 * Pass 2: standalone lines.  A run of adjacent tags is standalone when
 * only blanks surround it on its line and it is either one tag other
 * than an interpolation, or only parent and block tags (the inheritance
 * spec treats "{{<parent}}{{$block}}" and "{{/block}}{{/parent}}" lines
 * as standalone).  The line's indentation is trimmed from the text
 * before and kept in the tags (it indents partials and blocks); its line
 * end is trimmed from the text after, except after an empty block pair
 * "{{$b}}{{/b}}", which stands for content and keeps the line end.
 */
static void
lex_standalone(struct lex *lx)
{
	const char	*src = lx->src, *q;
	struct tok	*pt, *nt;
	size_t		 i, j, k, ls, nl_end, keep_at;
	int		 ok, keep;

	for (i = 0; i < lx->n; i = j + 1) {
		j = i;
		if (lx->v[i].kind == TK_TEXT)
			continue;
		while (j + 1 < lx->n && lx->v[j + 1].kind != TK_TEXT)
			j++;
		if (i == j)
			ok = lx->v[i].kind != TK_VAR && lx->v[i].kind != TK_RAW;
		else
			for (ok = 1, k = i; k <= j && ok; k++)
				ok = tk_inherit(lx, &lx->v[k]);
		if (!ok)
			continue;

		pt = i > 0 ? &lx->v[i - 1] : NULL;
		ls = 0;
		if (pt != NULL) {
			q = NULL;
			for (k = pt->end; k > pt->start; k--)
				if (src[k - 1] == '\n') {
					q = src + k - 1;
					break;
				}
			if (q == NULL && i - 1 != 0)
				continue;
			ls = q != NULL ? (size_t)(q - src) + 1 : pt->start;
			if (!all_blank(src, ls, pt->end, 0))
				continue;
		}

		nt = j + 1 < lx->n ? &lx->v[j + 1] : NULL;
		nl_end = keep_at = lx->len;
		if (nt != NULL) {
			q = memchr(src + nt->start, '\n', nt->end - nt->start);
			if (q == NULL && j + 1 != lx->n - 1)
				continue;
			nl_end = q != NULL ? (size_t)(q - src) + 1 : nt->end;
			if (!all_blank(src, nt->start, q != NULL ?
			    nl_end - 1 : nl_end, 1))
				continue;
			keep_at = nl_end;
			if (q != NULL) {
				keep_at = nl_end - 1;
				if (keep_at > nt->start &&
				    src[keep_at - 1] == '\r')
					keep_at--;
			}
		}

		keep = i < j && lx->v[j].kind == TK_END &&
		    lx->v[j].match == j - 1 &&
		    lx->v[j - 1].kind == TK_BLOCK;
		for (k = i; k <= j; k++) {
			lx->v[k].sa = 1;
			lx->v[k].ws = ls;
			lx->v[k].wslen = pt != NULL ? pt->end - ls : 0;
		}
		if (pt != NULL)
			pt->e = ls;
		if (nt != NULL)
			nt->s = keep ? keep_at : nl_end;
	}
}

/* Build state for pass 3. */
struct bld {
	const struct lex	*lx;	/* the tokens */
	const char		*path;	/* borrowed from the template */
	size_t			 poff;	/* offset of the last position asked */
	int			 pline;	/* its line */
	int			 pcol;	/* its column */
};

/* Line and column of off; incremental, as ops are built in order. */
static void
bld_pos(struct bld *b, size_t off, int *line, int *col)
{
	const char	*s = b->lx->src;
	size_t		 i;

	if (off < b->poff) {
		b->poff = 0;
		b->pline = b->pcol = 1;
	}
	for (i = b->poff; i < off; i++) {
		if (s[i] == '\n') {
			b->pline++;
			b->pcol = 1;
		} else if (((unsigned char)s[i] & 0xc0) != 0x80)
			b->pcol++;
	}
	b->poff = off;
	*line = b->pline;
	*col = b->pcol;
}

static struct op *
opv_add(struct bld *b, struct opv *v, enum op_type type, size_t off)
{
	struct op	*o;

	xgrow(&v->v, &v->cap, v->n + 1, sizeof(*v->v));
	o = &v->v[v->n++];
	memset(o, 0, sizeof(*o));
	o->type = type;
	o->path = b->path;
	bld_pos(b, off, &o->line, &o->col);
	return o;
}

/* 1 if the tag t starts a template line (and so takes indentation). */
static int
tok_bol(const struct lex *lx, const struct tok *t)
{
	return !t->sa && (t->start == 0 || lx->src[t->start - 1] == '\n');
}

/*
 * Sets the op's name from the token; for context names (interpolation,
 * sections, dynamic partials) also splits it at dots.
 */
static int
op_name(struct bld *b, struct op *o, const struct tok *t, int ctxname)
{
	const char	*s = b->lx->src + t->name;
	char		*p;
	size_t		 i, n;

	o->name = xstrndup(s, t->nlen);
	if (!ctxname || strcmp(o->name, ".") == 0)
		return 0;
	for (n = 1, i = 0; i < t->nlen; i++)
		n += s[i] == '.';
	p = xstrndup(s, t->nlen);
	o->parts = xcalloc(n, sizeof(*o->parts));
	o->parts[0] = p;
	o->nparts = 1;
	for (i = 0; i < t->nlen; i++)
		if (p[i] == '.') {
			p[i] = '\0';
			o->parts[o->nparts++] = p + i + 1;
		}
	for (i = 0; i < o->nparts; i++)
		if (o->parts[i][0] == '\0')
			return lex_err(b->lx, t->start, "bad name '%s'",
			    o->name);
	return 0;
}

/* Indentation [ws, ws+len) less the m bytes removed by block dedent. */
static void
op_indent(struct op *o, const char *src, size_t ws, size_t len, size_t m)
{
	if (m > len)
		m = len;
	o->indent = xstrndup(src + ws + m, len - m);
	o->indlen = len - m;
}

/* An empty text op that only marks a line start (for bol no-ops). */
static void
text_mark(struct bld *b, struct opv *v, size_t off)
{
	struct op	*o = opv_add(b, v, OP_TEXT, off);

	o->text = xstrdup("");
	o->ipts = xcalloc(1, sizeof(*o->ipts));
	o->nipts = 1;
}

/*
 * Adds the kept bytes of a text token.  Inside a standalone block
 * (ded set), m bytes of common indentation are removed at each line
 * start and blank lines lose all their blanks.  An indent point is
 * recorded at every line start that is not an empty line.
 */
static void
text_build(struct bld *b, struct opv *v, const struct tok *t, int ded,
    size_t m)
{
	const char	*src = b->lx->src, *nl;
	size_t		 len = b->lx->len, i = t->s, e = t->e, w, cut, end;
	size_t		*ipts = NULL, nipts = 0, cap = 0;
	struct buf	 o = BUF_INIT;
	struct op	*op;

	if (i >= e)
		return;
	while (i < e) {
		if (i == 0 || src[i - 1] == '\n') {
			for (w = i; w < e && (src[w] == ' ' ||
			    src[w] == '\t'); w++)
				;
			cut = 0;
			if (ded) {
				if ((w < e && at_eol(src, len, w)) ||
				    (w == e && e == len))
					cut = w - i;
				else
					cut = w - i < m ? w - i : m;
			}
			i += cut;
			if (i < e ? !at_eol(src, len, i) : e < len) {
				xgrow(&ipts, &cap, nipts + 1, sizeof(*ipts));
				ipts[nipts++] = o.len;
			}
			if (i >= e)
				break;
		}
		nl = memchr(src + i, '\n', e - i);
		end = nl != NULL ? (size_t)(nl - src) + 1 : e;
		buf_put(&o, src + i, end - i);
		i = end;
	}
	if (o.len == 0 && nipts == 0)
		return;
	op = opv_add(b, v, OP_TEXT, t->s);
	op->text = buf_detach(&o, &op->len);
	op->ipts = ipts;
	op->nipts = nipts;
}

static int	bld_seq(struct bld *, size_t, size_t, int, size_t,
		    struct opv *);

/*
 * A block: its content is [cs, ce).  If its opening tag is standalone
 * the content is dedented by the common indentation of its non-blank
 * lines, and that indentation (relative to any enclosing block) is what
 * the block adds back where it is expanded; with no non-blank line, the
 * indentation of the tag itself is used.
 */
static int
bld_block(struct bld *b, struct opv *v, size_t i, int ded, size_t m)
{
	const struct lex	*lx = b->lx;
	const struct tok	*t = &lx->v[i];
	const char		*src = lx->src, *nl;
	size_t			 cs, ce, p, w, pfx = 0, plen = 0, k;
	int			 any = 0;
	struct opv		 kids = { NULL, 0, 0 };
	struct op		*o;

	o = opv_add(b, v, OP_BLOCK, t->start);
	op_name(b, o, t, 0);
	o->sa = t->sa;
	if (t->sa) {
		cs = i + 1 < t->match && lx->v[i + 1].kind == TK_TEXT ?
		    lx->v[i + 1].s : t->end;
		ce = t->match - 1 > i && lx->v[t->match - 1].kind == TK_TEXT ?
		    lx->v[t->match - 1].e : lx->v[t->match].start;
		for (p = cs; p < ce; p = (size_t)(nl - src) + 1) {
			for (w = p; w < ce && (src[w] == ' ' ||
			    src[w] == '\t'); w++)
				;
			if (w < ce && !at_eol(src, lx->len, w)) {
				if (!any) {
					pfx = p;
					plen = w - p;
					any = 1;
				} else {
					for (k = 0; k < plen && k < w - p &&
					    src[pfx + k] == src[p + k]; k++)
						;
					plen = k;
				}
			}
			if ((nl = memchr(src + w, '\n', ce - w)) == NULL)
				break;
		}
		if (any)
			op_indent(o, src, pfx, plen, m);
		else
			op_indent(o, src, t->ws, t->wslen, m);
		ded = 1;
		if (any && plen > m)
			m = plen;
	}
	if (bld_seq(b, i + 1, t->match, ded, m, &kids) == -1) {
		ops_free(kids.v, kids.n);
		return -1;
	}
	o = &v->v[v->n - 1];
	o->kids = kids.v;
	o->nkids = kids.n;
	return 0;
}

/* A parent: only the blocks directly inside it are kept. */
static int
bld_parent(struct bld *b, struct opv *v, size_t i, size_t m)
{
	const struct lex	*lx = b->lx;
	const struct tok	*t = &lx->v[i];
	struct opv		 kids = { NULL, 0, 0 };
	struct op		*o;
	size_t			 k;

	o = opv_add(b, v, OP_PARENT, t->start);
	o->bol = tok_bol(lx, t);
	o->sa = t->sa;
	o->dyn = t->dyn;
	if (op_name(b, o, t, t->dyn) == -1)
		return -1;
	if (t->sa)
		op_indent(o, lx->src, t->ws, t->wslen, m);
	for (k = i + 1; k < t->match; k++) {
		switch (lx->v[k].kind) {
		case TK_BLOCK:
			if (bld_block(b, &kids, k, 0, 0) == -1) {
				ops_free(kids.v, kids.n);
				return -1;
			}
			k = lx->v[k].match;
			break;
		case TK_SECTION:
		case TK_INVERTED:
		case TK_PARENT:
			k = lx->v[k].match;
			break;
		default:
			break;
		}
	}
	o = &v->v[v->n - 1];
	o->kids = kids.v;
	o->nkids = kids.n;
	return 0;
}

/* Pass 3: ops for tokens [from, to), appended to v. */
static int
bld_seq(struct bld *b, size_t from, size_t to, int ded, size_t m,
    struct opv *v)
{
	const struct lex	*lx = b->lx;
	const struct tok	*t;
	struct opv		 kids;
	struct op		*o;
	size_t			 i, at;

	for (i = from; i < to; i++) {
		t = &lx->v[i];
		switch (t->kind) {
		case TK_TEXT:
			text_build(b, v, t, ded, m);
			break;
		case TK_VAR:
		case TK_RAW:
			o = opv_add(b, v, t->kind == TK_VAR ? OP_VAR : OP_RAW,
			    t->start);
			o->bol = tok_bol(lx, t);
			if (op_name(b, o, t, 1) == -1)
				return -1;
			break;
		case TK_SECTION:
		case TK_INVERTED:
			o = opv_add(b, v, t->kind == TK_SECTION ? OP_SECTION :
			    OP_INVERTED, t->start);
			o->bol = tok_bol(lx, t);
			if (op_name(b, o, t, 1) == -1)
				return -1;
			at = v->n - 1;
			memset(&kids, 0, sizeof(kids));
			if (bld_seq(b, i + 1, t->match, ded, m, &kids) == -1) {
				ops_free(kids.v, kids.n);
				return -1;
			}
			/* An end tag starting a line is indented each time. */
			if (tok_bol(lx, &lx->v[t->match]))
				text_mark(b, &kids, lx->v[t->match].start);
			v->v[at].kids = kids.v;
			v->v[at].nkids = kids.n;
			i = t->match;
			break;
		case TK_PARTIAL:
			o = opv_add(b, v, OP_PARTIAL, t->start);
			o->bol = tok_bol(lx, t);
			o->sa = t->sa;
			o->dyn = t->dyn;
			if (op_name(b, o, t, t->dyn) == -1)
				return -1;
			if (t->sa)
				op_indent(o, lx->src, t->ws, t->wslen, m);
			break;
		case TK_PARENT:
			if (bld_parent(b, v, i, m) == -1)
				return -1;
			i = t->match;
			break;
		case TK_BLOCK:
			if (bld_block(b, v, i, ded, m) == -1)
				return -1;
			v->v[v->n - 1].bol = tok_bol(lx, t);
			i = t->match;
			break;
		case TK_COMMENT:
		case TK_DELIM:
			if (tok_bol(lx, t))
				text_mark(b, v, t->start);
			break;
		case TK_END:
			break;
		}
	}
	return 0;
}

static void
ops_free(struct op *ops, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(ops[i].text);
		free(ops[i].ipts);
		free(ops[i].name);
		if (ops[i].parts != NULL)
			free(ops[i].parts[0]);
		free(ops[i].parts);
		ops_free(ops[i].kids, ops[i].nkids);
		free(ops[i].indent);
	}
	free(ops);
}

static void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	ops_free(t->ops, t->nops);
	free(t->name);
	free(t->path);
	free(t);
}

/* FNV-1a: names are short; any decent spread will do. */
static size_t
name_hash(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* The slot holding name, or the empty slot where it would go. */
static size_t
set_slot(const struct tmpl_set *set, const char *name)
{
	size_t	i = name_hash(name) & (set->cap - 1);

	while (set->tab[i] != NULL && strcmp(set->tab[i]->name, name) != 0)
		i = (i + 1) & (set->cap - 1);
	return i;
}

static const struct tmpl *
set_find(const struct tmpl_set *set, const char *name)
{
	return set->tab[set_slot(set, name)];
}

struct tmpl_set *
tmpl_set_new(void)
{
	struct tmpl_set	*set = xcalloc(1, sizeof(*set));

	set->cap = 32;
	set->tab = xcalloc(set->cap, sizeof(*set->tab));
	return set;
}

static void
set_put(struct tmpl_set *set, struct tmpl *t)
{
	struct tmpl	**old = set->tab;
	size_t		  i, ocap = set->cap;

	if ((set->n + 1) * 2 > set->cap) {
		set->cap *= 2;
		set->tab = xcalloc(set->cap, sizeof(*set->tab));
		for (i = 0; i < ocap; i++)
			if (old[i] != NULL)
				set->tab[set_slot(set, old[i]->name)] = old[i];
		free(old);
	}
	i = set_slot(set, t->name);
	if (set->tab[i] != NULL)
		tmpl_free(set->tab[i]);
	else
		set->n++;
	set->tab[i] = t;
}

int
tmpl_set_add(struct tmpl_set *set, const char *name, const char *path,
    const char *text, size_t len)
{
	struct lex	 lx;
	struct bld	 b;
	struct opv	 ops = { NULL, 0, 0 };
	struct tmpl	*t;
	int		 rc = -1;

	memset(&lx, 0, sizeof(lx));
	lx.path = path != NULL ? path : name;
	lx.src = text;
	lx.len = len;
	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	t->path = xstrdup(lx.path);
	if (lex_run(&lx) == -1)
		goto out;
	lex_standalone(&lx);
	memset(&b, 0, sizeof(b));
	b.lx = &lx;
	b.path = t->path;
	b.pline = b.pcol = 1;
	if (bld_seq(&b, 0, lx.n, 0, 0, &ops) == -1) {
		ops_free(ops.v, ops.n);
		goto out;
	}
	t->ops = ops.v;
	t->nops = ops.n;
	set_put(set, t);
	t = NULL;
	rc = 0;
out:
	tmpl_free(t);
	free(lx.v);
	return rc;
}

int
tmpl_set_has(const struct tmpl_set *set, const char *name)
{
	return set_find(set, name) != NULL;
}

/* 1 if a tag of ops (n of them, with their content) may read a.b. */
static int
ops_read(const struct op *ops, size_t n, const char *a, const char *b)
{
	const struct op	*o;
	size_t		 i;

	for (i = 0; i < n; i++) {
		o = &ops[i];
		if (o->parts != NULL && strcmp(o->parts[0], a) == 0 &&
		    (o->nparts == 1 || strcmp(o->parts[1], b) == 0))
			return 1;
		if (ops_read(o->kids, o->nkids, a, b))
			return 1;
	}
	return 0;
}

int
tmpl_set_reads(const struct tmpl_set *set, const char *a, const char *b)
{
	size_t	i;

	for (i = 0; i < set->cap; i++)
		if (set->tab[i] != NULL && ops_read(set->tab[i]->ops,
		    set->tab[i]->nops, a, b))
			return 1;
	return 0;
}

void
tmpl_set_free(struct tmpl_set *set)
{
	size_t	i;

	if (set == NULL)
		return;
	for (i = 0; i < set->cap; i++)
		tmpl_free(set->tab[i]);
	free(set->tab);
	free(set);
}

/* Render state: one per tmpl_render call. */
struct rs {
	const struct tmpl_set	 *set;		/* where partials are found */
	struct buf		 *out;		/* output */
	const struct val	**ctx;		/* context stack, top last */
	size_t			  nctx;		/* entries in ctx */
	size_t			  capctx;	/* allocated entries */
	int			  ctxheap;	/* ctx was allocated */
	const struct op		 *frames[TMPL_DEPTH_MAX + 1]; /* parents
						   whose blocks override,
						   outermost first */
	size_t			  nframes;	/* entries in frames */
	struct buf		  ind;		/* indentation text */
	size_t			  ind0;		/* current indentation is
						   ind.data[ind0, ind.len) */
	int			  depth;	/* partials and parents */
};

static void
ctx_push(struct rs *st, const struct val *v)
{
	const struct val	**nv;

	if (st->nctx == st->capctx) {
		if (st->ctxheap)
			nv = xrealloc(st->ctx, 2 * st->capctx * sizeof(*nv));
		else {
			nv = xmalloc(2 * st->capctx * sizeof(*nv));
			memcpy(nv, st->ctx, st->nctx * sizeof(*nv));
		}
		st->ctx = nv;
		st->capctx *= 2;
		st->ctxheap = 1;
	}
	st->ctx[st->nctx++] = v;
}

/*
 * val_get with the first byte compared before strcmp: lookups are the
 * hottest path of a render and most keys differ in their first byte.
 */
static const struct val *
map_get(const struct val *m, const char *k)
{
	size_t	i;

	if (m == NULL || m->type != VAL_MAP)
		return NULL;
	for (i = 0; i < m->n; i++)
		if (m->keys[i][0] == k[0] && strcmp(m->keys[i], k) == 0)
			return m->kids[i];
	return NULL;
}

/*
 * Resolves a context name: "." is the top of the stack; otherwise the
 * first part is searched from the top down, the rest only inside it.
 */
static const struct val *
ctx_lookup(const struct rs *st, const struct op *o)
{
	const struct val	*v = NULL;
	size_t			 i;

	if (o->nparts == 0)
		return st->nctx > 0 ? st->ctx[st->nctx - 1] : NULL;
	for (i = st->nctx; i-- > 0;)
		if ((v = map_get(st->ctx[i], o->parts[0])) != NULL)
			break;
	for (i = 1; v != NULL && i < o->nparts; i++)
		v = map_get(v, o->parts[i]);
	return v;
}

static void
indent_put(struct rs *st)
{
	if (st->ind.len > st->ind0)
		buf_put(st->out, st->ind.data + st->ind0,
		    st->ind.len - st->ind0);
}

static void
text_render(struct rs *st, const struct op *o)
{
	size_t	i, prev = 0;

	if (st->ind.len == st->ind0 || o->nipts == 0) {
		buf_put(st->out, o->text, o->len);
		return;
	}
	for (i = 0; i < o->nipts; i++) {
		buf_put(st->out, o->text + prev, o->ipts[i] - prev);
		indent_put(st);
		prev = o->ipts[i];
	}
	buf_put(st->out, o->text + prev, o->len - prev);
}

static int	ops_render(struct rs *, const struct op *, size_t);

/*
 * Appends v as val_text() would.  Whole numbers are formatted here
 * because snprintf("%.0f") dominated the profile of pages full of
 * counts and dates; anything else goes to val_text.
 */
static void
value_text(struct buf *out, const struct val *v)
{
	char		 tmp[24], *p = tmp + sizeof(tmp);
	long long	 n;
	int		 neg;

	if (v == NULL || v->type != VAL_NUM || !(v->num > -1e15 &&
	    v->num < 1e15) || v->num == 0 ||
	    (double)(n = (long long)v->num) != v->num) {
		val_text(v, out);
		return;
	}
	if ((neg = n < 0))
		n = -n;
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	if (neg)
		*--p = '-';
	buf_put(out, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* Saved indentation, restored after a partial, parent or block. */
struct indsave {
	size_t	len;	/* ind.len */
	size_t	ind0;	/* ind0 */
};

/*
 * Enters content that is indented by the op's own indentation (if
 * standalone: added to the current one) or by none at all (otherwise,
 * as text spliced into the middle of a line is not indented).
 */
static struct indsave
indent_enter(struct rs *st, const struct op *o, int reset)
{
	struct indsave	s = { st->ind.len, st->ind0 };

	if (o->sa)
		buf_put(&st->ind, o->indent, o->indlen);
	else if (reset)
		st->ind0 = st->ind.len;
	return s;
}

static void
indent_leave(struct rs *st, struct indsave s)
{
	buf_truncate(&st->ind, s.len);
	st->ind0 = s.ind0;
}

/* Renders a partial or a parent. */
static int
sub_render(struct rs *st, const struct op *o)
{
	const struct tmpl	*t;
	const struct val	*v;
	const char		*name = o->name;
	struct indsave		 s;
	int			 rc;

	if (o->dyn) {
		v = ctx_lookup(st, o);
		if (v == NULL || v->type != VAL_STR)
			return 0;
		name = v->s;
	}
	if ((t = set_find(st->set, name)) == NULL)
		return 0;
	if (st->depth >= TMPL_DEPTH_MAX) {
		diag_error(o->path, o->line, o->col, "%s '%s' nested more "
		    "than %d deep", o->type == OP_PARENT ? "parent" :
		    "partial", name, TMPL_DEPTH_MAX);
		return -1;
	}
	s = indent_enter(st, o, 1);
	if (o->type == OP_PARENT)
		st->frames[st->nframes++] = o;
	st->depth++;
	rc = ops_render(st, t->ops, t->nops);
	st->depth--;
	if (o->type == OP_PARENT)
		st->nframes--;
	indent_leave(st, s);
	return rc;
}

/*
 * Renders a block: the content given by the outermost parent that
 * overrides it (top-level templates win), else its own.
 */
static int
block_render(struct rs *st, const struct op *o)
{
	const struct op	*ov = NULL;
	struct indsave	 s;
	size_t		 f, k;
	int		 rc;

	for (f = 0; f < st->nframes && ov == NULL; f++)
		for (k = 0; k < st->frames[f]->nkids; k++)
			if (strcmp(st->frames[f]->kids[k].name,
			    o->name) == 0) {
				ov = &st->frames[f]->kids[k];
				break;
			}
	if (ov == NULL) {
		s = indent_enter(st, o, 0);
		rc = ops_render(st, o->kids, o->nkids);
		indent_leave(st, s);
		return rc;
	}
	/* An override may hold its own block: count it like a partial. */
	if (st->depth >= TMPL_DEPTH_MAX) {
		diag_error(o->path, o->line, o->col, "block '%s' nested more "
		    "than %d deep", o->name, TMPL_DEPTH_MAX);
		return -1;
	}
	s = indent_enter(st, o, 1);
	st->depth++;
	rc = ops_render(st, ov->kids, ov->nkids);
	st->depth--;
	indent_leave(st, s);
	return rc;
}

static int
section_render(struct rs *st, const struct op *o)
{
	const struct val	*v = ctx_lookup(st, o);
	size_t			 i;
	int			 rc = 0;

	if (!val_truthy(v))
		return 0;
	if (v->type != VAL_LIST) {
		ctx_push(st, v);
		rc = ops_render(st, o->kids, o->nkids);
		st->nctx--;
		return rc;
	}
	for (i = 0; i < v->n && rc == 0; i++) {
		ctx_push(st, v->kids[i]);
		rc = ops_render(st, o->kids, o->nkids);
		st->nctx--;
	}
	return rc;
}

static int
ops_render(struct rs *st, const struct op *ops, size_t n)
{
	const struct op		*o;
	const struct val	*v;
	size_t			 i;

	for (i = 0; i < n; i++) {
		o = &ops[i];
		if (o->bol)
			indent_put(st);
		switch (o->type) {
		case OP_TEXT:
			text_render(st, o);
			break;
		case OP_VAR:
			v = ctx_lookup(st, o);
			if (v != NULL && v->type == VAL_STR)
				esc_html(st->out, v->s, strlen(v->s));
			else
				value_text(st->out, v);
			break;
		case OP_RAW:
			value_text(st->out, ctx_lookup(st, o));
			break;
		case OP_SECTION:
			if (section_render(st, o) == -1)
				return -1;
			break;
		case OP_INVERTED:
			if (!val_truthy(ctx_lookup(st, o)) &&
			    ops_render(st, o->kids, o->nkids) == -1)
				return -1;
			break;
		case OP_PARTIAL:
		case OP_PARENT:
			if (sub_render(st, o) == -1)
				return -1;
			break;
		case OP_BLOCK:
			if (block_render(st, o) == -1)
				return -1;
			break;
		}
	}
	return 0;
}

int
tmpl_render(const struct tmpl_set *set, const char *name,
    const struct val *ctx, struct buf *out)
{
	const struct val	*local[32];
	const struct tmpl	*t;
	struct rs		 st;
	int			 rc;

	if ((t = set_find(set, name)) == NULL) {
		diag_fatal("unknown template '%s'", name);
		return -1;
	}
	memset(&st, 0, sizeof(st));
	st.set = set;
	st.out = out;
	st.ctx = local;
	st.capctx = sizeof(local) / sizeof(local[0]);
	buf_init(&st.ind);
	if (ctx != NULL)
		ctx_push(&st, ctx);
	rc = ops_render(&st, t->ops, t->nops);
	if (st.ctxheap)
		free(st.ctx);
	buf_dispose(&st.ind);
	return rc;
}
