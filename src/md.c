/*
 * md.c -- Markdown through cmark-gfm; see md.h.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "md.h"
#include "slug.h"
#include "util.h"

/* Safe mode is cmark-gfm's default: raw HTML and unsafe URLs dropped. */
#define MD_OPTS (CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | \
	CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | /* align= is obsolete HTML */ \
	CMARK_OPT_FOOTNOTES)

static const char *const md_exts[] = { "table", "strikethrough",
	"autolink", "tasklist", NULL };

/*
 * What a task list item's box shows (md.h): a character, named for a
 * screen reader in the page's language.  Not cmark-gfm's <input
 * type="checkbox" disabled>: a form control on a page with no form,
 * nameless (axe: label), and greyed as disabled controls are.
 */
#define TASK_OPEN	"\xe2\x98\x90"	/* ☐ */
#define TASK_DONE	"\xe2\x98\x91"	/* ☑ */
#define TASK_HTML(box, name) \
	"<span class=\"task\" role=\"img\" aria-label=\"" name "\">" box \
	"</span> "

/* The first (last, if last) character of the text of inline n and
 * what it holds; 0 if none (markup that shows no text). */
static uint32_t
edge_char(cmark_node *n, int last)
{
	const char	*lit;
	size_t		 i;
	cmark_node	*c;
	uint32_t	 ch;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		if ((lit = cmark_node_get_literal(n)) == NULL || *lit == '\0')
			return 0;
		if (!last)
			return utf8_get(lit);
		for (i = strlen(lit); i > 0 &&
		    ((unsigned char)lit[i - 1] & 0xc0) == 0x80; i--)
			;
		return i > 0 ? utf8_get(lit + i - 1) : 0;
	default:
		for (c = last ? cmark_node_last_child(n) :
		    cmark_node_first_child(n); c != NULL;
		    c = last ? cmark_node_previous(c) : cmark_node_next(c))
			if ((ch = edge_char(c, last)) != 0)
				return ch;
		return 0;
	}
}

/* The character shown next to inline n in its block: before it, or
 * after it if after; 0 if none. */
static uint32_t
beside(cmark_node *n, int after)
{
	cmark_node	*c;
	uint32_t	 ch;

	for (; n != NULL && (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) ==
	    CMARK_NODE_TYPE_INLINE; n = cmark_node_parent(n))
		for (c = after ? cmark_node_next(n) : cmark_node_previous(n);
		    c != NULL; c = after ? cmark_node_next(c) :
		    cmark_node_previous(c))
			if ((ch = edge_char(c, !after)) != 0)
				return ch;
	return 0;
}

/* 1 for the characters of scripts written without spaces between
 * words: CJK ideographs, kana, their punctuation and fullwidth forms. */
static int
unspaced(uint32_t c)
{
	return c >= 0x2e80 && !(c >= 0xfb00 && c <= 0xfe0f);
}

/* Appends to b the text of the inlines from c on to the next line
 * break, until it holds max bytes. */
static void
line_gather(cmark_node *c, struct buf *b, size_t max)
{
	cmark_node_type	 t;
	const char	*lit;

	for (; c != NULL && b->len < max; c = cmark_node_next(c)) {
		t = cmark_node_get_type(c);
		if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			return;
		if (t == CMARK_NODE_CODE)
			return;		/* code is not the document's */
		if (t == CMARK_NODE_TEXT &&
		    (lit = cmark_node_get_literal(c)) != NULL)
			buf_puts(b, lit);
		else
			line_gather(cmark_node_first_child(c), b, max);
	}
}

/* The first inline of the line that break n ends. */
static cmark_node *
line_start(cmark_node *n)
{
	cmark_node	*c, *p;
	cmark_node_type	 t;

	for (c = n; (p = cmark_node_previous(c)) != NULL; c = p)
		if ((t = cmark_node_get_type(p)) == CMARK_NODE_SOFTBREAK ||
		    t == CMARK_NODE_LINEBREAK)
			break;
	return c;
}

static int
in_set(uint32_t c, const char *set)
{
	size_t	w, n = strlen(set);
	long	d;

	for (; n > 0; set += w, n -= w)
		if ((d = utf8_decode(set, n, &w)) >= 0 && (uint32_t)d == c)
			return 1;
	return 0;
}

/* Code points after *i in s (n bytes) while in set; how many. */
static size_t
skip_set(const char *s, size_t n, size_t *i, const char *set)
{
	size_t	k = 0, w;
	long	c;

	while (*i < n && (c = utf8_decode(s + *i, n - *i, &w)) >= 0 &&
	    in_set((uint32_t)c, set)) {
		*i += w;
		k++;
	}
	return k;
}

#define HAN_NUM	"一二三四五六七八九十百千零〇两"
#define DIGITS	"0123456789０１２３４５６７８９"

/*
 * 1 if s begins (after spaces) with what starts a numbered part of a
 * Chinese document: 第三条, 第一章, 一、, （一）, 1., （1）, ①, ⑴.
 */
static int
numbered(const char *s, size_t n)
{
	size_t	i = 0, w;
	long	c;

	skip_set(s, n, &i, " \t　");
	if (i >= n || (c = utf8_decode(s + i, n - i, &w)) < 0)
		return 0;
	i += w;
	if (c == 0x7B2C) {			/* 第 */
		if (skip_set(s, n, &i, HAN_NUM DIGITS) == 0 || i >= n)
			return 0;
		return (c = utf8_decode(s + i, n - i, &w)) >= 0 &&
		    in_set((uint32_t)c, "条章节编款");
	}
	if ((c >= 0x2460 && c <= 0x2487) || (c >= 0x3251 && c <= 0x325F))
		return 1;			/* ① ⑴ */
	if (c == '(' || c == 0xFF08) {		/* （一） （1） */
		if (skip_set(s, n, &i, HAN_NUM DIGITS) == 0 || i >= n)
			return 0;
		return (c = utf8_decode(s + i, n - i, &w)) == ')' ||
		    c == 0xFF09;
	}
	i -= w;
	if (skip_set(s, n, &i, HAN_NUM) > 0)	/* 一、 */
		return i < n && utf8_decode(s + i, n - i, &w) == 0x3001;
	if (skip_set(s, n, &i, DIGITS) > 0 && i < n) {	/* 1. 1、 */
		c = utf8_decode(s + i, n - i, &w);
		if (c == '.' || c == 0xFF0E || c == 0x3001) {
			i += w;
			return i >= n || !in_set((uint32_t)utf8_decode(s + i,
			    n - i, &w), DIGITS);
		}
	}
	return 0;
}

/*
 * 1 if s (n bytes) begins with the label of a field: one to
 * LABEL_MAX Han characters or Latin letters ('-' among them: E-mail),
 * U+3000 or spaces among them but not first, then '：' or ':' (名　称：,
 * 联系方式：, 抄送：, E-mail:).  Digits and punctuation are no label's,
 * nor is a URL's scheme: "10:30", "《条例》规定：", "http://" are not.
 */
#define LABEL_MAX	8
static int
label(const char *s, size_t n)
{
	size_t	i = 0, k = 0, w;
	long	c;

	for (; i < n && (c = utf8_decode(s + i, n - i, &w)) >= 0; i += w) {
		if (c == 0xFF1A || (c == ':' && (i + 1 >= n ||
		    s[i + 1] != '/')))
			return k > 0 && k <= LABEL_MAX;
		if (cp_han((uint32_t)c) || (c < 0x80 && isalpha((int)c)) ||
		    (k > 0 && c == '-'))
			k++;
		else if (k == 0 || (c != 0x3000 && c != ' '))
			return 0;
	}
	return 0;
}

/*
 * 1 if s (n bytes, the whole line) stands in brackets: it starts (after
 * spaces) with an opening one and ends with the first closing one,
 * "（此件公开发布）"; not "（一）…（复印件）".
 */
static int
bracketed(const char *s, size_t n)
{
	size_t	i = 0, w;
	long	c;

	skip_set(s, n, &i, " \t　");
	if (i >= n || !in_set((uint32_t)utf8_decode(s + i, n - i, &w),
	    "（(〔【「『《["))
		return 0;
	for (i += w; i < n && (c = utf8_decode(s + i, n - i, &w)) >= 0;
	    i += w)
		if (in_set((uint32_t)c, "）)〕】」』》]"))
			return i + w == n;
	return 0;
}

/* What pasted_line makes of a soft break of Chinese text. */
enum brk {
	BRK_JOIN,	/* nothing: wrapped text runs on */
	BRK_LINE,	/* a line break */
	BRK_END		/* a line break, unless its paragraph is wrapped
			   text (quiet_breaks) */
};

/*
 * What the soft break n of Chinese text is (md.h): BRK_LINE where a
 * pasted document's line ended: the next line is indented with U+3000
 * (a paragraph of a word processor), starts a numbered part (第三条,
 * 一、) or a field's label (名　称：, 抄送：), or this one is a short
 * numbered title without a sentence's end (一、确认范围).  Joined,
 * "…制定本法。　　第二条…" ran on, 一、确认范围 merged with its first
 * sentence, and a 公告's contact lines ran into one ("名　称：…服务站地
 * 址：…").  BRK_END after a sentence's end (。！？；：) or a line in
 * brackets ("（此件公开发布）"): a line of its own in a pasted
 * document, but where a hard-wrapped paragraph ends a line with a
 * sentence, the next sentence runs on.  BRK_JOIN else.
 */
static enum brk
pasted_line(cmark_node *n)
{
	struct buf	 b = BUF_INIT;
	size_t		 i = 0, len;
	uint32_t	 end;
	enum brk	 r = BRK_JOIN;

	if (cmark_node_get_type(cmark_node_parent(n)) != CMARK_NODE_PARAGRAPH)
		return BRK_JOIN;
	line_gather(cmark_node_next(n), &b, 64);
	if ((b.len >= 3 && memcmp(b.data, "\xe3\x80\x80", 3) == 0) ||
	    numbered(b.data, b.len) || label(b.data, b.len))
		r = BRK_LINE;
	if (r == BRK_JOIN) {
		buf_reset(&b);
		line_gather(line_start(n), &b, 400);
		end = beside(n, 0);
		for (len = 0; i < b.len; i++)	/* characters */
			len += ((unsigned char)b.data[i] & 0xC0) != 0x80;
		if (numbered(b.data, b.len) && len <= 40 && end != 0 &&
		    !in_set(end, "。；：，、！？….;:,!?"))
			r = BRK_LINE;
		else if (in_set(end, "。！？；：") ||
		    (b.len < 400 && bracketed(b.data, b.len)))
			r = BRK_END;
	}
	buf_dispose(&b);
	return r;
}

/* Gives the inlines below n text of their own: an inline's text, and
 * a link's destination and title (an autolink's point into the text
 * they were found in), point into its block's, freed with the block. */
static void
own_literals(cmark_node *n)
{
	cmark_iter	*it = cmark_iter_new(n);
	cmark_node	*c;
	const char	*s;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		if ((s = cmark_node_get_literal(c)) != NULL)
			cmark_node_set_literal(c, s);
		if (cmark_node_get_type(c) != CMARK_NODE_LINK &&
		    cmark_node_get_type(c) != CMARK_NODE_IMAGE)
			continue;
		if ((s = cmark_node_get_url(c)) != NULL)
			cmark_node_set_url(c, s);
		if ((s = cmark_node_get_title(c)) != NULL)
			cmark_node_set_title(c, s);
	}
	cmark_iter_free(it);
}

/*
 * A line of '-' under a Chinese sentence is a rule, not a heading.
 * Word's 版记 pasted ("抄送：县财政局。" over a line of dashes) made the
 * 抄送 line a heading (CommonMark's setext rule), listed among the
 * contents.  A Chinese title never ends with a sentence's punctuation
 * (GB/T 9704), so a setext heading of level 2 (the only kind that
 * spans more than its line at that level) whose text ends with 。；，、
 * becomes the paragraph and the thematic break it was meant to be.
 */
static void
setext_rules(cmark_node *doc)
{
	cmark_node	*h, *next, *para, *c;

	for (h = cmark_node_first_child(doc); h != NULL; h = next) {
		next = cmark_node_next(h);
		if (cmark_node_get_type(h) != CMARK_NODE_HEADING ||
		    cmark_node_get_heading_level(h) != 2 ||
		    cmark_node_get_end_line(h) <= cmark_node_get_start_line(h) ||
		    !in_set(edge_char(h, 1), "。；，、"))
			continue;
		para = cmark_node_new(CMARK_NODE_PARAGRAPH);
		while ((c = cmark_node_first_child(h)) != NULL) {
			own_literals(c);
			cmark_node_append_child(para, c);
		}
		cmark_node_insert_before(h, para);
		cmark_node_replace(h, cmark_node_new(CMARK_NODE_THEMATIC_BREAK));
		cmark_node_free(h);
	}
}

/*
 * Removes the soft breaks (a line ending inside a paragraph) beside a
 * character of a script written without spaces: Chinese wrapped in
 * its source is one run of text, where a browser would show each line
 * end as a space ("计划\n生育" as "计划 生育") and the search and the
 * privacy scan would read one.  Where a pasted document's line ended
 * (pasted_line), the break is kept as a line break instead; one after
 * a sentence's end (BRK_END) only in a paragraph none of whose line
 * ends falls inside a sentence, as every one of wrapped text does but
 * the last.  Done once, after parsing, so that every output (HTML,
 * plain text, what the privacy scan reads, the tree of the PDFs) shows
 * the same text; the breaks left show as a space.
 */
static void
quiet_breaks(cmark_node *doc)
{
	struct qbreak {
		cmark_node	*n;	/* the soft break */
		cmark_node	*block;	/* the block it is in */
		enum brk	 kind;	/* pasted_line's */
	}		*q = NULL;
	cmark_iter	*it;
	cmark_node	*n, *b;
	size_t		 nq = 0, cap = 0, i, j;
	int		 wrapped;

	it = cmark_iter_new(doc);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_node_get_type(n) != CMARK_NODE_SOFTBREAK ||
		    !(unspaced(beside(n, 0)) || unspaced(beside(n, 1))))
			continue;
		for (b = cmark_node_parent(n); (cmark_node_get_type(b) &
		    CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
		    b = cmark_node_parent(b))
			;
		xgrow(&q, &cap, nq + 1, sizeof(*q));
		q[nq].n = n;
		q[nq].block = b;
		q[nq++].kind = pasted_line(n);
	}
	cmark_iter_free(it);
	/* after the walk: the iterator must not see its tree change; a
	 * block's breaks are next to each other in the walk's order */
	for (i = 0; i < nq; i = j) {
		wrapped = 0;
		for (j = i; j < nq && q[j].block == q[i].block; j++)
			wrapped |= q[j].kind == BRK_JOIN;
		for (; i < j; i++) {
			if (q[i].kind == BRK_LINE ||
			    (q[i].kind == BRK_END && !wrapped))
				cmark_node_insert_before(q[i].n,
				    cmark_node_new(CMARK_NODE_LINEBREAK));
			cmark_node_free(q[i].n);
		}
	}
	free(q);
}

/*
 * Masks.  DESIGN.md 3.4 has editors write personal data masked:
 * 110101********1234, 138****5678, 张*华, 王*.  CommonMark reads a '*'
 * inside a word as emphasis, so "张*华、刘*" showed 张<em>华、刘</em>
 * and 138****5678 showed 1385678: masked people looked named, and
 * masked numbers whole.  A run of '*' is taken as a mask, never as
 * emphasis, when it sits between two digits (or a digit and the X of
 * an ID number), when it is three or more beside a digit, or when it
 * is one '*' between two Han characters (Chinese text has no italics;
 * bold, "这是**重要**内容", is two).  Such a '*' is given to cmark as
 * MASK (a control character, which no item may hold: item.c), of the
 * same length so that every position stays, and made '*' again in the
 * tree.
 */
#define MASK	'\001'

/* The code point at p (n bytes left), 0 if none or not well-formed. */
static uint32_t
cp_at(const char *p, size_t n)
{
	size_t	w;
	long	c;

	return n > 0 && (c = utf8_decode(p, n, &w)) > 0 ? (uint32_t)c : 0;
}

/* The code point that ends just before p (s its text's start), or 0. */
static uint32_t
cp_before(const char *s, const char *p)
{
	const char	*q = p;

	while (q > s && p - q < 3 && ((unsigned char)q[-1] & 0xC0) == 0x80)
		q--;
	if (q == s)
		return 0;
	q--;
	return cp_at(q, (size_t)(p - q));
}

static int
is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* 1 for a digit of any script the privacy scan may read as one. */
static int
any_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) ||
	    (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9) ||
	    (c >= 0x0966 && c <= 0x096F) || (c >= 0x1D7CE && c <= 0x1D7FF);
}

/* 1 for what ends the stretch of text a number may run through: a Han
 * character, Chinese punctuation, a line end. */
static int
ends_number(uint32_t c)
{
	return c == 0 || c == '\n' || cp_han(c) || (c >= 0x3001 &&
	    c <= 0x3011) || c == 0xFF0C || c == 0xFF1A || c == 0xFF1B ||
	    c == 0xFF01 || c == 0xFF1F || c == 0xFF08 || c == 0xFF09;
}

/* The digits around the run p to e, up to what ends a number on
 * either side: whatever is between (stars, spaces, letters, characters
 * that do not show) may be read through by the privacy scan. */
static size_t
number_digits(const char *s, size_t len, const char *p, const char *e)
{
	const char	*q, *r;
	size_t		 n = 0, w;
	uint32_t	 c;
	long		 d;

	for (q = p; q > s; q = r) {
		for (r = q - 1; r > s && ((unsigned char)*r & 0xC0) == 0x80;
		    r--)
			;
		if (ends_number(c = cp_at(r, (size_t)(q - r))))
			break;
		n += any_digit(c);
	}
	for (q = e; q < s + len; q += w) {
		/* the decoder's width, not one worked out again here */
		if ((d = utf8_decode(q, (size_t)(s + len - q), &w)) < 0 ||
		    ends_number(c = (uint32_t)d))
			break;
		n += any_digit(c);
	}
	return n;
}

/*
 * 1 if the run of '*' from p to e (in s of length len) is a mask.  Not
 * beside a number of 11 digits or more: "1101**05**19491231002X"
 * masks nothing (the stars hide no digit), and as emphasis it shows
 * the whole ID number, which the privacy scan then refuses.
 */
static int
is_mask(const char *s, size_t len, const char *p, const char *e)
{
	uint32_t	b = cp_before(s, p), a = cp_at(e, (size_t)(s + len - e));
	size_t		n = (size_t)(e - p);

	if (b == 0 || b == '\n')
		return 0;	/* a list item, a rule or emphasis */
	if ((is_digit(b) && (is_digit(a) || a == 'X' || a == 'x')) ||
	    (n >= 3 && (is_digit(b) || is_digit(a))))
		return number_digits(s, len, p, e) < 11;
	return n == 1 && cp_han(b) && cp_han(a);
}

/* 1 if text refers to the character MASK is (&#1;, &#x01;): cmark
 * would make it MASK, which must then stay what md_html reports. */
static int
refers_mask(const char *text, size_t len)
{
	const char	*p, *end = text + len;
	unsigned long	 v;
	int		 hex;

	for (p = text; (p = memchr(p, '&', (size_t)(end - p))) != NULL;
	    p++) {
		if (end - p < 4 || p[1] != '#')
			continue;
		hex = p[2] == 'x' || p[2] == 'X';
		for (p += 2 + hex, v = 0; p < end && v < 0x110000 &&
		    (hex ? isxdigit((unsigned char)*p) : isdigit(
		    (unsigned char)*p)); p++)
			v = v * (hex ? 16 : 10) + (unsigned long)(isdigit(
			    (unsigned char)*p) ? *p - '0' :
			    (tolower((unsigned char)*p) - 'a' + 10));
		if (v == (unsigned char)MASK && p < end && *p == ';')
			return 1;
		p--;
	}
	return 0;
}

/* A copy of text with the '*' of masks made MASK, or NULL if none (or
 * if the text itself may hold MASK). */
static char *
masks_hide(const char *text, size_t len)
{
	const char	*p, *e, *end = text + len;
	char		*out = NULL;

	if (memchr(text, '*', len) == NULL || refers_mask(text, len) ||
	    memchr(text, MASK, len) != NULL)
		return NULL;
	for (p = text; (p = memchr(p, '*', (size_t)(end - p))) != NULL;
	    p = e) {
		for (e = p; e < end && *e == '*'; e++)
			;
		if (!is_mask(text, len, p, e))
			continue;
		if (out == NULL) {
			out = xmalloc(len + 1);
			memcpy(out, text, len);
			out[len] = '\0';
		}
		memset(out + (p - text), MASK, (size_t)(e - p));
	}
	return out;
}

/* Makes every MASK in the tree's texts '*' again. */
static void
masks_show(cmark_node *doc)
{
	cmark_iter	*it;
	cmark_node	*n;
	const char	*lit;
	char		*s, *q;

	it = cmark_iter_new(doc);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if ((lit = cmark_node_get_literal(n)) == NULL ||
		    strchr(lit, MASK) == NULL)
			continue;
		s = xstrdup(lit);
		for (q = s; (q = strchr(q, MASK)) != NULL; q++)
			*q = '*';
		cmark_node_set_literal(n, s);
		free(s);
	}
	cmark_iter_free(it);
}

/* 1 if n is a task list item ("- [ ] …"): an item the tasklist
 * extension took, which names its type so. */
static int
is_task(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_ITEM &&
	    strcmp(cmark_node_get_type_string(n), "tasklist") == 0;
}

/*
 * cmark-gfm 0.29's tasklist extension marks an item done if "[x]" or
 * "[X]" is anywhere on its first line: "- [ ] 见[x]栏" would show ☑.
 * It takes an item only where that line starts with the item's marker
 * (blanks, "-", "+", "*" or a number and '.' or ')', blanks, then the
 * box), so the box read there is the item's: each task marked done is
 * checked against it.  Only a text that holds "[x]" or "[X]" can have
 * one marked wrongly; the lines' starts are found once then, as the
 * tree has a note's items last, out of the text's order.
 */
static void
tasks_done(cmark_node *doc, const char *text, size_t len)
{
	cmark_iter	*it;
	cmark_node	*n;
	const char	*p, *end = text + len;
	size_t		*line = NULL;	/* where line i + 1 starts */
	size_t		 nline = 0, cap = 0, off;
	int		 ln;

	for (p = text; p + 2 < end && !(p[0] == '[' && (p[1] == 'x' ||
	    p[1] == 'X') && p[2] == ']'); p++)
		;
	if (p + 2 >= end)
		return;
	it = cmark_iter_new(doc);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER ||
		    !is_task(n) ||
		    !cmark_gfm_extensions_get_tasklist_item_checked(n))
			continue;
		/* lines as cmark counts them: ended by "\n", "\r\n" or a
		 * lone "\r" */
		if (line == NULL)
			for (off = 0; off <= len; off++) {
				xgrow(&line, &cap, nline + 1, sizeof(*line));
				line[nline++] = off;
				while (off < len && text[off] != '\n' &&
				    text[off] != '\r')
					off++;
				if (off + 1 < len && text[off] == '\r' &&
				    text[off + 1] == '\n')
					off++;
			}
		if ((ln = cmark_node_get_start_line(n)) < 1 ||
		    (size_t)ln > nline)
			continue;
		p = text + line[ln - 1];
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p < end)
			p++;		/* the bullet, '.' or ')' */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		cmark_gfm_extensions_set_tasklist_item_checked(n, p + 2 < end &&
		    p[0] == '[' && (p[1] == 'x' || p[1] == 'X') && p[2] == ']');
	}
	cmark_iter_free(it);
	free(line);
}

static cmark_node *
md_parse(const char *text, size_t len, cmark_parser **pp)
{
	cmark_parser		*p;
	cmark_syntax_extension	*ext;
	cmark_node		*doc;
	char			*hid = masks_hide(text, len);
	size_t			 i;

	/* Idempotent; the registry it fills is constant after this. */
	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(MD_OPTS);
	for (i = 0; md_exts[i] != NULL; i++)
		if ((ext = cmark_find_syntax_extension(md_exts[i])) != NULL)
			cmark_parser_attach_syntax_extension(p, ext);
	cmark_parser_feed(p, hid != NULL ? hid : text, len);
	*pp = p;
	doc = cmark_parser_finish(p);
	if (hid != NULL) {
		masks_show(doc);
		free(hid);
	}
	setext_rules(doc);
	quiet_breaks(doc);
	tasks_done(doc, text, len);
	return doc;
}

/*
 * Where n starts in the source (1-based line, byte column).  cmark-gfm
 * 0.29 gives the inlines of a paragraph that a table interrupts (no
 * blank line before the header row) lines counted from 0 within the
 * paragraph and 0-based columns, the paragraph line 0, and the table
 * the paragraph's first line: so the table gives the line.
 */
static void
node_pos(cmark_node *n, int *line, int *col)
{
	cmark_node	*para, *next;

	*line = cmark_node_get_start_line(n);
	*col = cmark_node_get_start_column(n);
	for (para = n; para != NULL &&
	    cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH;
	    para = cmark_node_parent(para))
		;
	if (para == NULL || cmark_node_get_start_line(para) != 0 ||
	    (next = cmark_node_next(para)) == NULL ||
	    strcmp(cmark_node_get_type_string(next), "table") != 0)
		return;
	*line += cmark_node_get_start_line(next);
	*col += 1;
}

/*
 * -1 after a diagnostic if the text of node n holds what text_check
 * refuses in a file, written as a character reference ("&#1;",
 * "&#xFFFF;", which cmark turns into bytes that are no UTF-8 at all):
 * the page, its feed and its description would carry it.  Placed at
 * the nearest block, as inline text has no place of its own.
 */
static int
bad_reference(const char *path, int line0, cmark_node *n)
{
	const char	*lit, *more = NULL;
	cmark_node	*b;
	size_t		 off;
	uint32_t	 cp;
	int		 invalid, line, col;

	/* what a page shows or writes of the node: its text, a code
	 * block's info (its class), a link's or picture's title */
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		lit = cmark_node_get_literal(n);
		break;
	case CMARK_NODE_CODE_BLOCK:
		lit = cmark_node_get_literal(n);
		more = cmark_node_get_fence_info(n);
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		lit = cmark_node_get_title(n);
		break;
	default:
		return 0;
	}
	for (;; lit = more, more = NULL) {
		if (lit != NULL) {
			invalid = utf8_valid(lit, strlen(lit), &off) != 0;
			if (invalid || text_forbidden(lit, strlen(lit), &off,
			    &cp))
				break;
		}
		if (more == NULL)
			return 0;
	}
	for (b = n; b != NULL && cmark_node_get_start_line(b) == 0;
	    b = cmark_node_parent(b))
		;
	line = line0 + (b != NULL ? cmark_node_get_start_line(b) : 1);
	col = b != NULL ? cmark_node_get_start_column(b) : 1;
	if (invalid)
		diag_error(path, line, col, "a character reference names no "
		    "character that text may hold: remove it");
	else
		diag_error(path, line, col, "character U+%04X (a character "
		    "reference) is not allowed in text: " TEXT_FORBIDDEN_WHY
		    "; remove it", (unsigned)cp);
	return -1;
}

/* 1 if u holds a control character or DEL, or a space before a ':'
 * that could end a scheme. */
static int
has_control(const char *u)
{
	const char	*p;
	int		 space = 0;

	for (p = u; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 1;
	for (p = u; *p != '\0' && *p != '/' && *p != '?' && *p != '#'; p++)
		if (*p == ' ')
			space = 1;
		else if (*p == ':')
			return space;
	return 0;
}

/* 1 if cmark's safe mode would empty destination u (as its
 * _scan_dangerous_url does): javascript:, vbscript:, file:, and data:
 * but for PNG, GIF, JPEG and WebP images, in any case. */
static int
is_dangerous(const char *u)
{
	static const char *const bad[] = { "javascript:", "vbscript:",
		"file:" };
	static const char *const img[] = { "png", "gif", "jpeg", "webp" };
	size_t	i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strncasecmp(u, bad[i], strlen(bad[i])) == 0)
			return 1;
	if (strncasecmp(u, "data:", 5) != 0)
		return 0;
	if (strncasecmp(u + 5, "image/", 6) == 0)
		for (i = 0; i < sizeof(img) / sizeof(img[0]); i++)
			if (strncasecmp(u + 11, img[i], strlen(img[i])) == 0)
				return 0;
	return 1;
}

/* 1 if destination u is never linked: none, empty, or what cmark's
 * safe mode or a URL parser would read otherwise than it looks. */
static int
never_linked(const char *u)
{
	return u == NULL || *u == '\0' || has_control(u) || is_dangerous(u);
}

/* A destination gongkai resolves itself: no scheme, not a fragment or
 * query of this page.  A path from the root ("/a"), and from another
 * host without its scheme ("//host/a") when there is a resolver (hosts
 * 1), goes to the resolver too, which refuses it: on a site served
 * under a prefix or from file:// it leads elsewhere.  Without one
 * (programme pages) "//host" is mended as a full address is. */
static int
is_relative(const char *u, int hosts)
{
	const char	*p;

	if (*u == '\0' || *u == '#' || *u == '?')
		return 0;
	if (u[0] == '/')
		return u[1] != '/' || hosts;
	for (p = u; *p != '\0' && *p != '/' && *p != '?' && *p != '#'; p++)
		if (*p == ':')
			return 0;
	return 1;
}

/*
 * Writes to out the destination u (not one for the resolver) as a valid
 * URL for the same place, as a browser reads it: a '%' that starts no
 * escape is "%25", a '#' in the fragment "%23", and in a web address
 * (http, https, ftp) a '\' before the query '/' (pasted from Windows: a
 * browser follows "http://a.cn\b" to "http://a.cn/b", but cmark would
 * write "a.cn%5Cb", a host no browser can reach).  Returns 0, or -1 if
 * the host still cannot be one (the link is then shown as its text):
 * vnu reports every bad URL, and a reader gets nowhere with it.
 */
static int
url_mend(const char *u, struct buf *out)
{
	const char	*p, *h, *he;
	int		 web, frag = 0, query = 0;

	web = strncasecmp(u, "http://", 7) == 0 ||
	    strncasecmp(u, "https://", 8) == 0 ||
	    strncasecmp(u, "ftp://", 6) == 0;
	for (p = u; *p != '\0'; p++) {
		if (*p == '%' && !(hexval(p[1]) >= 0 && hexval(p[2]) >= 0))
			buf_puts(out, "%25");
		else if (*p == '#' && frag)
			buf_puts(out, "%23");
		else if (*p == '\\' && web && !query && !frag)
			buf_putc(out, '/');
		else
			buf_putc(out, *p);
		frag |= *p == '#';
		query |= *p == '?';
	}
	/* the host of "scheme://host" or "//host": letters, digits, '-',
	 * '_' and '.', any other script (an IDN), a port; no user and
	 * password ("//u:p@host": refused by vnu, and no password
	 * belongs on a public page) */
	if ((h = strstr(out->data, "//")) == NULL ||
	    (h != out->data && h[-1] != ':') ||
	    strcspn(out->data, "/?#") < (size_t)(h - out->data))
		return 0;
	h += 2;
	he = h + strcspn(h, "/?#");
	if (memchr(h, '@', (size_t)(he - h)) != NULL)
		return -1;
	if (h == he)
		return web ? -1 : 0;
	for (p = h; p < he; p++)
		if (*p == ':') {
			while (++p < he)
				if (*p < '0' || *p > '9')
					return -1;
			break;
		} else if (!((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' ||
		    (unsigned char)*p >= 0x80))
			return -1;
	return 0;
}

/*
 * What starts every heading's id (md.h): a prefix no other id of a page
 * starts with, so that a heading's id cannot be another's whatever its
 * text, with nothing to check.  The default theme's templates name
 * theirs "main", "q", "contact", "results", "toc-h", "search-…",
 * "site-…", "print-this", "item-N", "item-N-h" and "h-…" for their own
 * headings (so not "h-": a heading "Contact" would be "h-contact");
 * md's footnotes are "fn-…" and "fnref-…".  On a print sheet, after
 * the item's "item-N-", "sec-…" is neither "h" nor "fn-…", and each
 * item's prefix is its own.  gongkai(5) keeps "sec-" from themes.
 */
#define HEADING_PRE	"sec-"

/*
 * Heading numbering as the page shows it (md.h): src holds the source
 * levels of the open headings, strictly increasing, so at most 6.
 */
struct hnum {
	int	src[7];		/* source levels of the open headings */
	int	dst[7];		/* the levels they were given */
	int	depth;		/* open headings */
	int	base;		/* level of a heading with none open */
};

/* The level to show for the next heading, of source level lv. */
static int
hnum_next(struct hnum *h, int lv)
{
	int	cur;

	while (h->depth > 0 && h->src[h->depth - 1] >= lv)
		h->depth--;
	cur = h->depth > 0 ? h->dst[h->depth - 1] + 1 : h->base;
	if (cur > 6)
		cur = 6;
	h->src[h->depth] = lv;
	h->dst[h->depth++] = cur;
	return cur;
}

/* A custom node that prints enter and leave around its children. */
static cmark_node *
custom_new(cmark_node_type t, const char *enter, const char *leave)
{
	cmark_node	*n = cmark_node_new(t);

	cmark_node_set_on_enter(n, enter);
	cmark_node_set_on_exit(n, leave);
	return n;
}

/*
 * 1 if n shows some text: a character other than a blank (text_blank)
 * in a text or code span below it (an image's description included),
 * or a footnote reference's number.  A heading, link or header cell
 * without any is empty to a screen reader: it announces a heading, link
 * or column and has nothing to say.
 */
static int
has_text(cmark_node *n)
{
	cmark_iter	*it;
	cmark_node	*c;
	cmark_node_type	 t;
	const char	*lit;
	int		 found = 0;

	it = cmark_iter_new(n);
	while (!found && cmark_iter_next(it) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		t = cmark_node_get_type(c);
		if (t == CMARK_NODE_FOOTNOTE_REFERENCE)
			found = 1;
		else if ((t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) &&
		    (lit = cmark_node_get_literal(c)) != NULL)
			found = !text_blank(lit, strlen(lit));
	}
	cmark_iter_free(it);
	return found;
}

/*
 * Replaces table node t (the n-th of its document) by custom nodes that
 * print the same HTML as cmark-gfm's table renderer, plus scope="col"
 * on header cells and, with MD_TABLE_REGION, the scrolling region; a
 * header cell without text is a <td>, a header row without any is none.
 * The cells' inline children move over unchanged, so links and escaping
 * stay cmark's.  t is unlinked, not freed: the moved text still points
 * into its cells' buffers, so the caller frees t after rendering.
 */
static void
table_shape(cmark_node *t, int n, unsigned flags, const char *name)
{
	static const char *const align[] = { "",
		" class=\"align-left\"",
		" class=\"align-center\"",
		" class=\"align-right\"" };
	uint8_t		*al = cmark_gfm_extensions_get_table_alignments(t);
	int		 ncol = cmark_gfm_extensions_get_table_columns(t), i, a;
	int		 hdr, th;
	cmark_node	*wrap, *row, *cell, *kid, *sect, *tbody = NULL, *ci;
	char		*enter;
	struct buf	 label = BUF_INIT;

	/* the region's name: the body's own name first, if it has one,
	 * so that the tables of several bodies on one page are not
	 * landmarks of one name (axe: landmark-unique) */
	if (name != NULL) {
		esc_attr(&label, name, strlen(name));
		buf_puts(&label, "，");
	}
	enter = (flags & MD_TABLE_REGION) ? xasprintf("<div "
	    "class=\"table-wrap\" role=\"region\" "
	    "aria-label=\"%s表格%d（可左右滚动）\" tabindex=\"0\"><table>",
	    label.data, n) : xstrdup("<table>");
	buf_dispose(&label);
	wrap = custom_new(CMARK_NODE_CUSTOM_BLOCK, enter,
	    (flags & MD_TABLE_REGION) ? "</table></div>" : "</table>");
	free(enter);
	for (row = cmark_node_first_child(t); row != NULL;
	    row = cmark_node_next(row)) {
		hdr = cmark_gfm_extensions_get_table_row_is_header(row);
		/* A header row with no text (a table pasted without
		 * one: GFM wants a header row) heads nothing: dropped,
		 * or a body row if it holds images. */
		if (hdr && !has_text(row)) {
			for (cell = cmark_node_first_child(row);
			    cell != NULL && cmark_node_first_child(cell) ==
			    NULL; cell = cmark_node_next(cell))
				;
			if (cell == NULL)
				continue;
			hdr = 0;
		}
		if (hdr) {
			sect = custom_new(CMARK_NODE_CUSTOM_BLOCK,
			    "<thead>\n<tr>", "</tr>\n</thead>");
			cmark_node_append_child(wrap, sect);
		} else {
			if (tbody == NULL) {
				tbody = custom_new(CMARK_NODE_CUSTOM_BLOCK,
				    "<tbody>", "</tbody>");
				cmark_node_append_child(wrap, tbody);
			}
			sect = custom_new(CMARK_NODE_CUSTOM_BLOCK, "<tr>",
			    "</tr>");
			cmark_node_append_child(tbody, sect);
		}
		i = 0;
		for (cell = cmark_node_first_child(row); cell != NULL;
		    cell = cmark_node_next(cell), i++) {
			a = al != NULL && i < ncol ? al[i] : 0;
			a = a == 'l' ? 1 : a == 'c' ? 2 : a == 'r' ? 3 : 0;
			/* an empty header cell (the corner of a cross
			 * table) names no column: a plain cell */
			th = hdr && has_text(cell);
			enter = th ?
			    xasprintf("<th scope=\"col\"%s>", align[a]) :
			    xasprintf("<td%s>", align[a]);
			ci = custom_new(CMARK_NODE_CUSTOM_INLINE, enter,
			    th ? "</th>\n" : "</td>\n");
			free(enter);
			while ((kid = cmark_node_first_child(cell)) != NULL)
				cmark_node_append_child(ci, kid);
			cmark_node_append_child(sect, ci);
		}
	}
	cmark_node_insert_before(t, wrap);
	cmark_node_unlink(t);
}

/*
 * Shows task list item n as md.h says: its box, a custom inline, first
 * in its first paragraph (in a paragraph of its own if it starts with
 * another block, or is empty), and the item a plain one, which cmark
 * writes as <li>.
 */
static void
task_shape(cmark_node *n)
{
	cmark_node	*first = cmark_node_first_child(n), *para, *box;

	box = custom_new(CMARK_NODE_CUSTOM_INLINE,
	    cmark_gfm_extensions_get_tasklist_item_checked(n) ?
	    TASK_HTML(TASK_DONE, "已完成") : TASK_HTML(TASK_OPEN, "未完成"),
	    "");
	cmark_node_set_syntax_extension(n, NULL);
	if (first != NULL &&
	    cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
		cmark_node_prepend_child(first, box);
		return;
	}
	para = cmark_node_new(CMARK_NODE_PARAGRAPH);
	cmark_node_append_child(para, box);
	if (first != NULL)
		cmark_node_insert_before(first, para);
	else
		cmark_node_append_child(n, para);
}

/*
 * A 落款 (md.h): a line that a pasted document pushed right with a run
 * of U+3000, its issuing office or date, shows at the right edge of the
 * column without the run, on every width.  Kept as spaces, a run wider
 * than a phone's column (twenty U+3000 are 340 px at 17 px) wrapped on
 * its own, and the office name stood at the left under a blank line;
 * on a wide screen it stood where the run ended, not at the edge.
 * SIGN_RUN U+3000 lead such a line: a paragraph's first-line indent is
 * two (GB/T 9704), the lines of a pasted 附件 list after "附件：" five
 * or six; the date of a 落款 stands four characters from the right of
 * a line of 28 and the office centred above it, so both follow ten or
 * more unless the office's name is longer than some twenty.  A run
 * inside a line ("办公室　　　　2026年3月1日印发") places one part from
 * another and stays.  Plain-text laws and 附件 centre their headings
 * with such a run too ("第一章　总　　则" of 8 characters follows ten,
 * "附件1" twelve), and set at the right they read as a 落款: a line
 * whose text starts as a heading does (md_sign_heading), which no
 * office's name nor a date does, is shown centred without its run.
 * The PDFs keep their runs and fit them to the column instead
 * (pdf_layout.c, idsp_fit).
 */
#define SIGN_RUN	10
#define SIGN_HTML	"<span class=\"gk-sign\">"
#define CENTRE_HTML	"<span class=\"gk-center\">"
#define IDSP_UTF8	"\xe3\x80\x80"	/* U+3000 */

size_t
md_sign_run(const char *s)
{
	size_t	i = 0, k = 0;

	for (;;) {
		if (strncmp(s + i, IDSP_UTF8, 3) == 0) {
			i += 3;
			k++;
		} else if (s[i] == ' ' || s[i] == '\t')
			i++;
		else
			break;
	}
	return k >= SIGN_RUN ? i : 0;
}

int
md_sign_heading(const char *s, size_t n)
{
	size_t	i = 0, w;

	if (n >= 6 && (memcmp(s, "附件", 6) == 0 ||
	    memcmp(s, "附表", 6) == 0 || memcmp(s, "附录", 6) == 0))
		return 1;
	if (n < 3 || memcmp(s, "第", 3) != 0)
		return 0;
	i = 3;
	return skip_set(s, n, &i, HAN_NUM DIGITS) > 0 && i < n &&
	    in_set((uint32_t)utf8_decode(s + i, n - i, &w), "章节编条");
}

/* What a line of a paragraph that a run of SIGN_RUN U+3000 starts
 * shows (sign_line). */
enum sign {
	SIGN_NONE,	/* no such line */
	SIGN_RIGHT,	/* a 落款's: at the right */
	SIGN_CENTRE	/* a heading's: centred (md_sign_heading) */
};

/* What line inline c starts, which starts a line of its paragraph:
 * text after a run of SIGN_RUN U+3000, on that line, a heading's or a
 * 落款's; or none. */
static enum sign
sign_line(cmark_node *c)
{
	struct buf	 b = BUF_INIT;
	const char	*lit;
	cmark_node	*next;
	size_t		 k;
	enum sign	 r;

	if (cmark_node_get_type(c) != CMARK_NODE_TEXT ||
	    (lit = cmark_node_get_literal(c)) == NULL ||
	    (k = md_sign_run(lit)) == 0)
		return SIGN_NONE;
	next = cmark_node_next(c);
	if (lit[k] == '\0' && (next == NULL ||
	    cmark_node_get_type(next) == CMARK_NODE_LINEBREAK))
		return SIGN_NONE;
	buf_puts(&b, lit + k);
	line_gather(next, &b, 64);
	r = md_sign_heading(b.data, b.len) ? SIGN_CENTRE : SIGN_RIGHT;
	buf_dispose(&b);
	return r;
}

/*
 * Shows the lines of a 落款 in paragraph para as md.h says: each run
 * of such lines (with the line break that ends each) in a custom
 * inline <span class="gk-sign">, which the theme sets as a block at
 * the right; their leading runs of U+3000 dropped.  A heading centred
 * so is set apart the same way, in <span class="gk-center">.  A span
 * and not the paragraph's class: a 落款 often ends the paragraph of
 * the text it signs ("特此通知。" then the office and the date), and
 * the other lines stay as they were.  The line break inside the span
 * keeps the lines apart where no style applies (a reader view), and a
 * break that ends a block shows no empty line.
 */
static void
sign_shape(cmark_node *para)
{
	cmark_node	*c, *next, *span = NULL;
	const char	*lit;
	char		*rest;
	enum sign	 kind = SIGN_NONE, last = SIGN_NONE;
	int		 start = 1;

	for (c = cmark_node_first_child(para); c != NULL; c = next) {
		next = cmark_node_next(c);
		if (start && (kind = sign_line(c)) != last)
			span = NULL;
		if (start && kind != SIGN_NONE) {
			lit = cmark_node_get_literal(c);
			rest = xstrdup(lit + md_sign_run(lit));
			cmark_node_set_literal(c, rest);
			free(rest);
			if (span == NULL) {
				span = custom_new(CMARK_NODE_CUSTOM_INLINE,
				    kind == SIGN_CENTRE ? CENTRE_HTML :
				    SIGN_HTML, "</span>");
				cmark_node_insert_before(c, span);
			}
		}
		if (start)
			last = kind;
		start = cmark_node_get_type(c) == CMARK_NODE_LINEBREAK;
		if (span != NULL)
			cmark_node_append_child(span, c);
	}
}

/*
 * Appends html to out, with what cmark-gfm writes of footnotes made fit
 * for the page:
 *  - the labels of the back links in the pages' language: cmark-gfm
 *    writes aria-label="Back to content" (and "Back to reference 1-2"),
 *    which a screen reader reads out in English on a Chinese page; the
 *    link back to a note's second use shows "↩2", and a label that
 *    does not hold the "2" it shows hides it from those who speak
 *    the name they see to use the link (axe: label-content-name-mismatch);
 *  - with idpre, the ids of notes, references and headings (and links
 *    to them, the text's own "#sec-…" included) prefixed, so that two
 *    bodies on one page ("fn-1" in each) do not define one id twice.
 * Safe mode escapes every quote of the text (and %-encodes it in a
 * URL), so an attribute with its quote can only be cmark's.
 */
static void
html_put(struct buf *out, const char *html, const char *idpre)
{
	static const char *const from[] = {
		"aria-label=\"Back to content\"",
		"aria-label=\"Back to reference ",
		"id=\"fn-", "href=\"#fn-", "id=\"fnref-", "href=\"#fnref-",
		"id=\"" HEADING_PRE, "href=\"#" HEADING_PRE
	};
	static const char	 sup[] =	/* "↩" and its number */
	    ">\xe2\x86\xa9<sup class=\"footnote-ref\">";
	const char		*p, *q;
	size_t			 k, n;

	for (p = q = html; *q != '\0'; q++) {
		if (*q != 'a' && *q != 'i' && *q != 'h')
			continue;
		for (k = 0; k < sizeof(from) / sizeof(from[0]) &&
		    strncmp(q, from[k], strlen(from[k])) != 0; k++)
			;
		if (k == sizeof(from) / sizeof(from[0]) ||
		    (k >= 2 && idpre == NULL))
			continue;
		buf_put(out, p, (size_t)(q - p));
		p = q + strlen(from[k]);
		if (k == 0 && strncmp(p, sup, sizeof(sup) - 1) == 0 &&
		    (n = strspn(p + sizeof(sup) - 1, "0123456789")) > 0)
			buf_printf(out, "aria-label=\"返回第%.*s处引用\"",
			    (int)n, p + sizeof(sup) - 1);
		else if (k == 0)
			buf_puts(out, "aria-label=\"返回正文\"");
		else if (k == 1)
			buf_puts(out, "aria-label=\"返回引用处 ");
		else {
			/* after id=" or href="# */
			n = (size_t)(strchr(from[k], '"') - from[k]) + 1 +
			    (from[k][0] == 'h');
			buf_put(out, from[k], n);
			buf_puts(out, idpre);
			buf_puts(out, from[k] + n);
		}
		q = p - 1;
	}
	buf_puts(out, p);
}

/*
 * Replaces link or image node n by its children: a link's text, an
 * image's description, as plain inline text.
 */
static void
unwrap(cmark_node *n)
{
	cmark_node	*c;

	while ((c = cmark_node_first_child(n)) != NULL)
		cmark_node_insert_before(n, c);
	cmark_node_free(n);
}

/*
 * What a link or picture that stays inside a kiosk (MD_LOCAL) keeps of
 * itself once unwrapped: a picture is ［图：description］, as on paper;
 * a link to another site shows its address after its text, which a
 * reader can then type at home ("可登录县政府网站查阅" said where
 * nothing).  A link whose text is its address shows it already.
 */
static void
local_mark(cmark_node *n)
{
	cmark_node	*t, *c;
	const char	*u = cmark_node_get_url(n), *lit;
	struct buf	 b = BUF_INIT;

	if (cmark_node_get_type(n) == CMARK_NODE_IMAGE) {
		t = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(t, has_text(n) ? "［图：" : "［图］");
		if ((c = cmark_node_first_child(n)) != NULL)
			cmark_node_insert_before(c, t);
		else
			cmark_node_append_child(n, t);
		if (has_text(n)) {
			t = cmark_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(t, "］");
			cmark_node_append_child(n, t);
		}
		return;
	}
	if (u == NULL || strstr(u, "://") == NULL)
		return;		/* a page or file of this site */
	c = cmark_node_first_child(n);
	if (c != NULL && cmark_node_next(c) == NULL &&
	    cmark_node_get_type(c) == CMARK_NODE_TEXT &&
	    (lit = cmark_node_get_literal(c)) != NULL && strstr(u, lit) != NULL)
		return;
	buf_printf(&b, "（网址：%s）", u);
	t = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(t, b.data);
	cmark_node_append_child(n, t);
	buf_dispose(&b);
}

/*
 * Appends the plain text below node top: its text, code spans and code
 * blocks, pictures' descriptions, a line end as a space; not the
 * numbers of footnote references, which are no part of the text they
 * stand in.  A paragraph, heading or table below top ends its line,
 * a table row starts one, and a row's cells are apart by a space.  So
 * the text of a document is md_text's, and a heading's the title its
 * id is made of (on one line: top itself ends none).
 */
static void
tree_text(cmark_node *top, struct buf *out)
{
	cmark_node	*n;
	cmark_iter	*it;
	cmark_event_type ev;
	const char	*lit;
	cmark_node_type	 t;

	it = cmark_iter_new(top);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_EXIT) {
			if (n != top && (t == CMARK_NODE_PARAGRAPH ||
			    t == CMARK_NODE_HEADING ||
			    strcmp(cmark_node_get_type_string(n), "table") == 0)
			    && out->len > 0 && out->data[out->len - 1] != '\n')
				buf_putc(out, '\n');
			continue;
		}
		switch (t) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(out, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, ' ');
			break;
		default:
			if (strcmp(cmark_node_get_type_string(n),
			    "table_cell") == 0 && out->len > 0 &&
			    out->data[out->len - 1] != '\n')
				buf_putc(out, ' ');
			else if (strcmp(cmark_node_get_type_string(n),
			    "table_row") == 0 || strcmp(
			    cmark_node_get_type_string(n), "table_header") == 0) {
				if (out->len > 0 &&
				    out->data[out->len - 1] != '\n')
					buf_putc(out, '\n');
			}
			break;
		}
	}
	cmark_iter_free(it);
}

int
md_html(const char *path, int line0, const char *text, size_t len,
    int hbase, unsigned flags, const struct md_part *part, md_link_fn link,
    void *arg, struct buf *out)
{
	return md_html_text(path, line0, text, len, hbase, flags, part, link,
	    arg, out, NULL);
}

/* A list of nodes to change after a walk (the iterator must not see its
 * tree change under it). */
struct nodes {
	cmark_node	**v;		/* the nodes */
	size_t		  n;		/* in v */
	size_t		  cap;		/* allocated */
};

static void
nodes_push(struct nodes *l, cmark_node *n)
{
	xgrow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = n;
}

/* 1 if a picture is below n. */
static int
has_image(cmark_node *n)
{
	cmark_iter	*it;
	int		 found = 0;

	it = cmark_iter_new(n);
	while (!found && cmark_iter_next(it) != CMARK_EVENT_DONE)
		found = cmark_node_get_type(cmark_iter_get_node(it)) ==
		    CMARK_NODE_IMAGE;
	cmark_iter_free(it);
	return found;
}

/*
 * Numbers the headings hs (those of a document, in reading order: what
 * md_html_text's walk met) as md.h says, and makes those that show no
 * text ("##" alone, a picture without a description, what was a link
 * to nothing) paragraphs of their pictures, or nothing: an empty
 * heading is announced and says nothing, and breaks the outline it
 * interrupts.  hs keeps the others, in order.  The headings taken out
 * are unlinked into gone, for the caller to free after rendering
 * (their text is in buffers they own).
 */
static void
headings_shape(struct nodes *hs, int hbase, struct nodes *gone)
{
	struct hnum	 h = { .base = hbase < 1 ? 1 : hbase };
	cmark_node	*n, *para, *c;
	size_t		 i, kept = 0;

	for (i = 0; i < hs->n; i++) {
		n = hs->v[i];
		if (has_text(n)) {
			cmark_node_set_heading_level(n, hnum_next(&h,
			    cmark_node_get_heading_level(n)));
			hs->v[kept++] = n;
			continue;
		}
		if (has_image(n)) {
			para = cmark_node_new(CMARK_NODE_PARAGRAPH);
			while ((c = cmark_node_first_child(n)) != NULL)
				cmark_node_append_child(para, c);
			cmark_node_insert_before(n, para);
		}
		cmark_node_unlink(n);
		nodes_push(gone, n);
	}
	hs->n = kept;
}

/*
 * Gives every heading of hs (those headings_shape kept) its id, in
 * reading order (md.h).  cmark writes no attribute on a heading, so a
 * custom block writes it, with a custom inline inside that holds the
 * heading's inlines (as a custom block's own text would get a line
 * break after "<h2>"); the heading, whose buffers the moved text still
 * points into, is unlinked into gone for the caller to free after
 * rendering.
 */
static void
headings_anchor(const struct nodes *hs, struct nodes *gone)
{
	struct slugs	 ids;
	struct buf	 text = BUF_INIT;
	cmark_node	*n, *blk, *in, *c;
	char		*enter, leave[8];
	size_t		 i;
	int		 lv;

	slugs_init(&ids);
	for (i = 0; i < hs->n; i++) {
		n = hs->v[i];
		buf_reset(&text);
		tree_text(n, &text);
		lv = cmark_node_get_heading_level(n);
		enter = xasprintf("<h%d id=\"" HEADING_PRE "%s\">", lv,
		    slugs_add(&ids, text.data, text.len));
		snprintf(leave, sizeof(leave), "</h%d>", lv);
		blk = custom_new(CMARK_NODE_CUSTOM_BLOCK, "", "");
		in = custom_new(CMARK_NODE_CUSTOM_INLINE, enter, leave);
		free(enter);
		cmark_node_append_child(blk, in);
		while ((c = cmark_node_first_child(n)) != NULL)
			cmark_node_append_child(in, c);
		cmark_node_insert_before(n, blk);
		cmark_node_unlink(n);
		nodes_push(gone, n);
	}
	slugs_dispose(&ids);
	buf_dispose(&text);
}

int
md_html_text(const char *path, int line0, const char *text, size_t len,
    int hbase, unsigned flags, const struct md_part *part, md_link_fn link,
    void *arg, struct buf *out, struct buf *plain_text)
{
	cmark_parser	*p;
	cmark_node	*doc, *n, *t;
	cmark_iter	*it;
	cmark_event_type ev;
	struct buf	 dest = BUF_INIT;
	struct nodes	 tables = { NULL, 0, 0 }, plain = { NULL, 0, 0 };
	struct nodes	 bare = { NULL, 0, 0 }, gone = { NULL, 0, 0 };
	struct nodes	 heads = { NULL, 0, 0 }, tasks = { NULL, 0, 0 };
	struct nodes	 signs = { NULL, 0, 0 };
	const char	*u;
	char		*html;
	size_t		 i;
	int		 rc = 0, keep, drop, ln, col, refs;

	doc = md_parse(text, len, &p);
	/* before the walk below changes the tree: md_text's text */
	if (plain_text != NULL)
		tree_text(doc, plain_text);
	/* the bytes were checked (text_check): only a reference ('&')
	 * can make what they may not hold */
	refs = memchr(text, '&', len) != NULL;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		if (refs && bad_reference(path, line0, n) == -1)
			rc = -1;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			u = cmark_node_get_url(n);
			/* unwrapped after the walk: a link the callback
			 * says has no published target, under MD_LOCAL
			 * every link it did not rewrite but a page
			 * anchor, and any with no destination or one
			 * cmark's safe mode drops ("javascript:"), for
			 * which it would write href="" (this page) or
			 * src="" (an error).  A control character or
			 * space in a scheme hides it from cmark's check
			 * ("java&#9;script:"); URL parsers drop some of
			 * them, so such a link is dropped too. */
			drop = never_linked(u);
			if (drop && u != NULL && *u != '\0' && link != NULL &&
			    (flags & MD_SAY_DROPPED)) {
				node_pos(n, &ln, &col);
				(void)link(arg, u, ln + line0, col, NULL);
			}
			if (drop)
				u = NULL;
			/* A link with no text ("[](https://…)", or a
			 * picture without a description) would be
			 * nothing to click and nothing to read out: it
			 * shows its destination as written, like a bare
			 * URL.  Given its text after the walk. */
			if (u != NULL && cmark_node_get_type(n) ==
			    CMARK_NODE_LINK && !has_text(n)) {
				t = cmark_node_new(CMARK_NODE_TEXT);
				cmark_node_set_literal(t, u);
				nodes_push(&bare, t);
				nodes_push(&bare, n);
			}
			keep = u != NULL && *u == '#' &&
			    cmark_node_get_type(n) == CMARK_NODE_LINK;
			if (u != NULL && !is_relative(u, link != NULL)) {
				buf_reset(&dest);
				if (url_mend(u, &dest) == -1)
					drop = 1;
				else if (strcmp(dest.data, u) != 0)
					cmark_node_set_url(n, dest.data);
			} else if (link != NULL && u != NULL) {
				buf_reset(&dest);
				node_pos(n, &ln, &col);
				switch (link(arg, u, ln + line0, col, &dest)) {
				case 0:
					cmark_node_set_url(n, dest.data);
					keep = dest.len > 0;
					break;
				case 1:
					drop = 1;
					break;
				default:
					rc = -1;
				}
			}
			if (drop || ((flags & MD_LOCAL) && !keep))
				nodes_push(&plain, n);
			break;
		case CMARK_NODE_HEADING:
			nodes_push(&heads, n);
			break;
		case CMARK_NODE_ITEM:
			if (is_task(n))
				nodes_push(&tasks, n);
			break;
		case CMARK_NODE_TEXT:
			/* a paragraph with a line of a 落款, once */
			t = cmark_node_parent(n);
			if (cmark_node_get_type(t) == CMARK_NODE_PARAGRAPH &&
			    (signs.n == 0 || signs.v[signs.n - 1] != t) &&
			    (cmark_node_previous(n) == NULL ||
			    cmark_node_get_type(cmark_node_previous(n)) ==
			    CMARK_NODE_LINEBREAK) && sign_line(n))
				nodes_push(&signs, t);
			break;
		default:
			/* Reshaped after the walk: the iterator must not
			 * see its tree change under it. */
			if (strcmp(cmark_node_get_type_string(n),
			    "table") == 0)
				nodes_push(&tables, n);
			break;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i + 1 < bare.n; i += 2)
		cmark_node_append_child(bare.v[i + 1], bare.v[i]);
	for (i = 0; i < tables.n; i++)
		table_shape(tables.v[i], (int)i + 1, flags,
		    part != NULL ? part->name : NULL);
	for (i = plain.n; i-- > 0;) {	/* innermost first: the walk met
					   them outermost first */
		if ((flags & MD_LOCAL) && cmark_node_get_url(plain.v[i]) !=
		    NULL && !never_linked(cmark_node_get_url(plain.v[i])))
			local_mark(plain.v[i]);
		unwrap(plain.v[i]);
	}
	for (i = 0; i < tasks.n; i++)
		task_shape(tasks.v[i]);
	for (i = 0; i < signs.n; i++)
		sign_shape(signs.v[i]);
	headings_shape(&heads, hbase, &gone);
	headings_anchor(&heads, &gone);
	(void)path;
	if (rc == 0) {
		html = cmark_render_html(doc, MD_OPTS,
		    cmark_parser_get_syntax_extensions(p));
		html_put(out, html, part != NULL ? part->idpre : NULL);
		free(html);
	}
	for (i = 0; i < tables.n; i++)
		cmark_node_free(tables.v[i]);
	for (i = 0; i < gone.n; i++)
		cmark_node_free(gone.v[i]);
	free(tables.v);
	free(plain.v);
	free(bare.v);
	free(heads.v);
	free(tasks.v);
	free(signs.v);
	free(gone.v);
	buf_dispose(&dest);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return rc;
}

/* 1 if the raw HTML at s is comments only: a note to other editors,
 * meant to be unseen, not markup that went missing. */
static int
html_comment_only(const char *s)
{
	const char	*e;

	for (;;) {
		s += strspn(s, " \t\r\n");
		if (*s == '\0')
			return 1;
		if (strncmp(s, "<!--", 4) != 0 ||
		    (e = strstr(s + 4, "-->")) == NULL)
			return 0;
		s = e + 3;
	}
}

/* 1 if a ']' follows p in its block (before a blank line); *stop is
 * where the search stopped, so a later search from before it that
 * stops at the same blank line need not run again. */
static int
close_follows(const char *p, const char *end, const char **stop)
{
	const char	*q;
	int		 blank = 1;	/* the line so far is blank */

	for (q = p; q < end; q++) {
		if (*q == ']')
			return 1;
		if (*q == '\n') {
			if (blank)
				break;
			blank = 1;
		} else if (*q != ' ' && *q != '\t' && *q != '\r')
			blank = 0;
	}
	*stop = q;
	return 0;
}

int
md_footnote_split(const char *text, size_t len, int *line, int *col)
{
	const char	*p = text, *end = text + len, *nl, *q, *open, *next;
	const char	*stop = text;	/* no ']' in the block up to here */
	size_t		 depth, opened;	/* '[' open on the line; open's */
	int		 ln = 1;

	/* most bodies have no footnote at all: a quick look for "[^"
	 * first (every read of every item passes here) */
	for (q = text; (q = memchr(q, '[', (size_t)(end - q))) != NULL &&
	    (q + 1 == end || q[1] != '^'); q++)
		;
	if (q == NULL)
		return 0;
	/* On each line, the first "[^" no ']' of the line closes, if a
	 * ']' follows in the same block (linear: each block searched
	 * once).  A ']' closes the innermost '[' open: in "[^[^中]" it
	 * closes the second, and the first runs on. */
	for (; p < end; ln++) {
		/* A line ends at "\n", "\r\n" or a lone "\r". */
		for (nl = p; nl < end && *nl != '\n' && *nl != '\r'; nl++)
			;
		open = NULL;
		depth = opened = 0;
		for (q = p; q < nl; q++)
			if (*q == '\\')
				q++;	/* an escaped '[' opens nothing */
			else if (*q == ']' && depth > 0) {
				if (open != NULL && depth == opened)
					open = NULL;
				depth--;
			} else if (*q == '[') {
				depth++;
				if (q + 1 < nl && q[1] == '^' && open == NULL) {
					open = q;
					opened = depth;
				}
			}
		next = nl + (nl + 1 < end && nl[0] == '\r' && nl[1] == '\n') + 1;
		if (open != NULL && nl < end && nl >= stop &&
		    close_follows(next, end, &stop)) {
			*line = ln;
			for (*col = 1, q = p; q < open; q++)
				*col += ((unsigned char)*q & 0xc0) != 0x80;
			return -1;
		}
		p = next;
	}
	return 0;
}

int
md_front_matter(const char *text, size_t len, const char **yaml,
    size_t *ylen, const char **body, size_t *blen, int *bline)
{
	const char	*p, *end = text + len, *nl;
	int		 line = 1;

	if (!(len >= 4 && (memcmp(text, "---\n", 4) == 0 ||
	    (len >= 5 && memcmp(text, "---\r\n", 5) == 0))))
		return -1;
	p = memchr(text, '\n', len) + 1;
	*yaml = p;
	while (p < end) {
		line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if ((nl - p == 3 && memcmp(p, "---", 3) == 0) ||
		    (nl - p == 4 && memcmp(p, "---\r", 4) == 0)) {
			*ylen = (size_t)(p - *yaml);
			p = nl < end ? nl + 1 : end;
			*body = p;
			*blen = (size_t)(end - p);
			*bline = line;
			return 0;
		}
		p = nl + 1;
	}
	return -1;
}

/*
 * Bounds on the shapes for which cmark-gfm 0.29.0.gfm.6 takes more than
 * linear time (measured: each grows with the square of its count).  A
 * legitimate item stays far below them; a hostile one must not stall a
 * build that scans unapproved text.
 *  - Brackets: every ']' makes cmark look back over the '[' still open
 *    in its paragraph ("![[]()" repeated: 20000 times, 4 s).  The sum
 *    over ']' of the '[' open before it, per blank-line block.
 *  - Table cells: a row's cells are appended to a list walked from its
 *    head (one row of 10000 cells, 1.5 s).  The sum over lines of the
 *    square of the '|' on the line.
 *  - Link references: each use copies its definition's destination and
 *    title.  The '[' in the text times the longest block that may hold
 *    a definition (a line that may open one, and a "]:").
 *  - Autolinks: at each "www.", "://" and '@' the autolink extension
 *    scans on to the next space ("www.a_" repeated 10000 times on one
 *    line, 9 s).  The sum over runs without white space of the starts
 *    in the run times its length: Chinese runs on without spaces, but
 *    a paragraph of 100 KB with a link every 300 characters is 3% of
 *    the bound.
 */
#define MD_BRACKET_MAX	((size_t)1 << 22)
#define MD_CELLS_MAX	((size_t)1 << 24)
#define MD_REFCOPY_MAX	((size_t)1 << 26)
#define MD_AUTOLINK_MAX	((size_t)1 << 25)

/* What the autolink extension's scans cost on the line from p to end:
 * for each run without white space, its link starts times its length. */
static size_t
autolink_cost(const char *p, const char *end)
{
	const char	*run = p;
	size_t		 cost = 0, starts = 0;

	for (; p <= end; p++) {
		if (p == end || *p == ' ' || *p == '\t' || *p == '\r') {
			cost += starts * (size_t)(p - run);
			starts = 0;
			run = p + 1;
		} else if (*p == '@' || (*p == 'w' && end - p >= 4 &&
		    memcmp(p, "www.", 4) == 0) || (*p == ':' && end - p >= 3 &&
		    p[1] == '/' && p[2] == '/'))
			starts++;
	}
	return cost;
}

/* 1 if the line at p (up to end) may start a link reference definition:
 * '[' after indentation, block quote and list markers, and not "[^" (a
 * footnote's text is not copied). */
static int
may_define(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '>' ||
	    *p == '-' || *p == '+' || *p == '*' || *p == '.' || *p == ')' ||
	    (*p >= '0' && *p <= '9')))
		p++;
	return p + 1 < end && *p == '[' && p[1] != '^';
}

/* 0 if cmark parses text in linear time, else -1 and the line. */
static int
md_cost(const char *text, size_t len, int *line)
{
	const char	*p = text, *end = text + len, *nl, *q;
	const char	*block = NULL;	/* first line of the current block */
	size_t		 open = 0, brackets = 0, cells = 0, pipes, nbr = 0;
	size_t		 links = 0;
	size_t		 def = 0;	/* longest block that may define */
	int		 ln = 1, bline = 1, dline = 1, may = 0, colon = 0;

	for (; p <= end; ln++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		for (q = p; q < nl && (*q == ' ' || *q == '\t' || *q == '\r');
		    q++)
			;
		if (q == nl) {		/* a blank line ends the block */
			if (may && colon && (size_t)(p - block) > def) {
				def = (size_t)(p - block);
				dline = bline;
			}
			block = NULL;
			open = 0;
			may = colon = 0;
		} else {
			if (block == NULL) {
				block = p;
				bline = ln;
			}
			may |= may_define(p, nl);
		}
		pipes = 0;
		for (q = p; q < nl; q++)
			if (*q == '[') {
				open++;
				nbr++;
			} else if (*q == ']') {
				brackets += open;
				if (open > 0)
					open--;
				colon |= q + 1 < nl && q[1] == ':';
			} else if (*q == '|')
				pipes++;
		cells += pipes * pipes;
		links += autolink_cost(p, nl);
		if (links > MD_AUTOLINK_MAX) {
			*line = ln;
			return -1;
		}
		if (brackets > MD_BRACKET_MAX || cells > MD_CELLS_MAX) {
			*line = brackets > MD_BRACKET_MAX ? bline : ln;
			return -1;
		}
		if (nl == end)
			break;
		p = nl + 1;
	}
	if (may && colon && (size_t)(end - block) > def) {
		def = (size_t)(end - block);
		dline = bline;
	}
	if (def > 0 && nbr > MD_REFCOPY_MAX / def) {
		*line = dline;
		return -1;
	}
	return 0;
}

static void
piece_text(md_piece_fn fn, void *arg, const char *s, size_t n,
    cmark_node *node, int url)
{
	struct md_piece	 pc;

	pc.s = s;
	pc.len = n;
	pc.url = url;
	node_pos(node, &pc.line, &pc.col);
	pc.end_line = cmark_node_get_end_line(node);
	pc.end_col = cmark_node_get_end_column(node);
	if (pc.end_line < pc.line) {	/* see node_pos */
		pc.end_line = pc.line;
		pc.end_col = pc.col;
	}
	fn(arg, &pc);
}

static void
piece_end(md_piece_fn fn, void *arg)
{
	struct md_piece	 pc = { NULL, 0, 0, 0, 0, 0, 0 };

	fn(arg, &pc);
}

/* What the HTML carries besides the text: s as a block of its own. */
static void
piece_aside(md_piece_fn fn, void *arg, const char *s, int url,
    cmark_node *node)
{
	if (s == NULL || *s == '\0')
		return;
	piece_text(fn, arg, s, strlen(s), node, url);
	piece_end(fn, arg);
}

/* 1 for the containers whose text is shown apart from what follows
 * (leaf blocks have no exit event: md_shown ends them on entry). */
static int
ends_block(cmark_node *n)
{
	cmark_node_type	t = cmark_node_get_type(n);

	return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING ||
	    strcmp(cmark_node_get_type_string(n), "table_cell") == 0;
}

int
md_shown(const char *text, size_t len, md_piece_fn fn, void *arg, int *line)
{
	cmark_parser	*p;
	cmark_node	*doc, *n;
	cmark_iter	*it;
	cmark_event_type ev;
	cmark_node_type	 t;
	const char	*lit;
	int		*num = NULL;	/* per open list: next number, or -1 */
	size_t		 nnum = 0, cnum = 0;
	char		 mark[32];

	if (md_cost(text, len, line) == -1)
		return -1;
	doc = md_parse(text, len, &p);
	/* The text in reading order; inline HTML is skipped, so the text
	 * on either side of it runs together, as on the page. */
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_EXIT) {
			if (ends_block(n))
				piece_end(fn, arg);
			if (t == CMARK_NODE_LIST && nnum > 0)
				nnum--;
			continue;
		}
		switch (t) {
		case CMARK_NODE_LIST:
			xgrow(&num, &cnum, nnum + 1, sizeof(*num));
			num[nnum++] = cmark_node_get_list_type(n) ==
			    CMARK_ORDERED_LIST ? cmark_node_get_list_start(n) :
			    -1;
			break;
		case CMARK_NODE_ITEM:
			/* the page shows an ordered item's number before
			 * its text: "138. 12345678" */
			if (nnum > 0 && num[nnum - 1] >= 0) {
				snprintf(mark, sizeof(mark), "%d. ",
				    num[nnum - 1]);
				if (num[nnum - 1] < 999999999)
					num[nnum - 1]++;
				piece_text(fn, arg, mark, strlen(mark), n, 2);
			}
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_FOOTNOTE_REFERENCE:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				piece_text(fn, arg, lit, strlen(lit), n, 0);
			if (t == CMARK_NODE_CODE_BLOCK)
				piece_end(fn, arg);
			break;
		case CMARK_NODE_SOFTBREAK:
			piece_text(fn, arg, " ", 1, n, 0);
			break;
		case CMARK_NODE_LINEBREAK:
			piece_end(fn, arg);
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			/* not shown: said, so that it can be refused (an
			 * inline closing tag goes with its opening one) */
			if ((lit = cmark_node_get_literal(n)) != NULL &&
			    !html_comment_only(lit) && (t ==
			    CMARK_NODE_HTML_BLOCK || strncmp(lit, "</", 2)))
				piece_text(fn, arg, lit, strlen(lit), n, 3);
			if (t == CMARK_NODE_HTML_BLOCK)
				piece_end(fn, arg);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			piece_end(fn, arg);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	free(num);
	/* What the HTML carries besides: destinations, titles, infos. */
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			piece_aside(fn, arg, cmark_node_get_url(n), 1, n);
			piece_aside(fn, arg, cmark_node_get_title(n), 0, n);
			break;
		case CMARK_NODE_CODE_BLOCK:
			piece_aside(fn, arg, cmark_node_get_fence_info(n), 0,
			    n);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return 0;
}

/* 1 if the text may hold "](" then a space before the next ')' on the
 * same line (a would-be link, md_lint), without a parse. */
static int
maybe_unlinked(const char *text, size_t len)
{
	const char	*p = text, *end = text + len, *q;

	while ((p = memchr(p, ']', (size_t)(end - p))) != NULL) {
		if (++p == end)
			return 0;
		if (*p != '(')
			continue;
		for (q = p + 1; q < end && *q != ')' && *q != '\n'; q++)
			if (*q == ' ')
				return 1;
	}
	return 0;
}

/* 1 if the text may hold a line indented by four spaces or a tab (an
 * indented code block, md_lint), without a parse. */
static int
maybe_indented(const char *text, size_t len)
{
	const char	*p = text, *end = text + len;

	for (;;) {
		if (p < end && *p == '\t')
			return 1;
		if (end - p >= 4 && memcmp(p, "    ", 4) == 0)
			return 1;
		if ((p = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return 0;
		p++;
	}
}

/* 1 if the NUL-terminated s holds a Han character. */
static int
holds_han(const char *s)
{
	size_t	used, n = strlen(s);
	long	c;

	for (; n > 0; s += used, n -= used) {
		if ((unsigned char)*s < 0x80) {
			used = 1;
			continue;
		}
		if ((c = utf8_decode(s, n, &used)) > 0 && cp_han((uint32_t)c))
			return 1;
	}
	return 0;
}

/* Where the byte off of text node n's literal is, as md_lint says it:
 * the text a footnote's or a link's handling made again has no place
 * (line 0), and is placed at the start of its nearest block that has
 * one. */
static void
lint_pos(cmark_node *n, size_t off, int *line, int *col)
{
	cmark_node	*b;

	node_pos(n, line, col);
	if (*line > 0 && *col > 0) {
		*col += (int)off;
		return;
	}
	for (b = cmark_node_parent(n); b != NULL &&
	    cmark_node_get_start_line(b) <= 0; b = cmark_node_parent(b))
		;
	*line = b != NULL ? cmark_node_get_start_line(b) : 1;
	*col = b != NULL && cmark_node_get_start_column(b) > 0 ?
	    cmark_node_get_start_column(b) : 1;
}

/* Calls fn for each "](...)" holding a space left in text node n:
 * links are parsed, so such a "](" closed none (a line's text is one
 * node, line breaks apart). */
static int
lint_unlinked(cmark_node *n, struct buf *dest, md_lint_fn fn, void *arg)
{
	const char	*lit = cmark_node_get_literal(n), *q, *close;
	int		 found = 0, line, col;

	for (q = lit; q != NULL && (q = strstr(q, "](")) != NULL; q += 2) {
		if ((close = strchr(q + 2, ')')) == NULL)
			break;
		if (close == q + 2 || memchr(q + 2, ' ',
		    (size_t)(close - q - 2)) == NULL)
			continue;
		buf_reset(dest);
		buf_put(dest, q + 2, (size_t)(close - q - 2));
		lint_pos(n, (size_t)(q + 2 - lit), &line, &col);
		fn(arg, MD_LINT_UNLINKED, dest->data, line, col);
		found++;
	}
	return found;
}

int
md_lint(const char *text, size_t len, md_lint_fn fn, void *arg)
{
	cmark_parser	*p;
	cmark_node	*doc, *n;
	cmark_iter	*it;
	struct buf	 dest = BUF_INIT;
	const char	*lit;
	int		 found = 0, unlinked, indented, line, col, flen, foff;
	char		 fch;

	unlinked = maybe_unlinked(text, len);
	indented = maybe_indented(text, len);
	if (!unlinked && !indented)
		return 0;
	doc = md_parse(text, len, &p);
	it = cmark_iter_new(doc);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			if (unlinked)
				found += lint_unlinked(n, &dest, fn, arg);
			break;
		case CMARK_NODE_CODE_BLOCK:
			/* Chinese text in an indented block was meant as a
			 * paragraph: code is fenced, or not Chinese */
			if (!indented || cmark_node_get_fenced(n, &flen, &foff,
			    &fch) || (lit = cmark_node_get_literal(n)) == NULL ||
			    !holds_han(lit))
				break;
			lint_pos(n, 0, &line, &col);
			fn(arg, MD_LINT_INDENTED, NULL, line, col);
			found++;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	buf_dispose(&dest);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return found;
}

void
md_text(const char *text, size_t len, struct buf *out)
{
	cmark_parser	*p;
	cmark_node	*doc;

	doc = md_parse(text, len, &p);
	tree_text(doc, out);
	cmark_node_free(doc);
	cmark_parser_free(p);
}

static struct mnode *
mnode_new(enum mnode_type t)
{
	struct mnode	*m = xcalloc(1, sizeof(*m));

	m->type = t;
	return m;
}

/* Puts the box of task list item m (done: ☑, else ☐) and a space
 * before its text, where md_html shows it (task_shape). */
static void
mnode_task(struct mnode *m, int done)
{
	struct mnode	*box = mnode_new(MN_TEXT), *para = m->child;

	box->text = xstrdup(done ? TASK_DONE " " : TASK_OPEN " ");
	if (para == NULL || para->type != MN_PARA) {
		para = mnode_new(MN_PARA);
		para->next = m->child;
		m->child = para;
	}
	box->next = para->child;
	para->child = box;
}

/* Converts n and its children; NULL for nodes that carry nothing we
 * render (raw HTML is dropped, as in the HTML output). */
/* Nesting beyond this is dropped: no document needs it, and the
 * recursion must not exhaust the stack on a hostile file. */
#define MD_MAX_DEPTH 64

static struct mnode *
convert(cmark_node *n, cmark_node *table, int depth, struct hnum *h)
{
	struct mnode	*m, **tail;
	cmark_node	*c;
	const char	*ts, *lit, *u;
	uint8_t		*al;
	int		 col;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_DOCUMENT:
		m = mnode_new(MN_DOC);
		break;
	case CMARK_NODE_PARAGRAPH:
		m = mnode_new(MN_PARA);
		break;
	case CMARK_NODE_HEADING:
		m = mnode_new(MN_HEADING);
		m->level = hnum_next(h, cmark_node_get_heading_level(n));
		break;
	case CMARK_NODE_LIST:
		m = mnode_new(MN_LIST);
		m->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		m->start = cmark_node_get_list_start(n);
		break;
	case CMARK_NODE_ITEM:
		m = mnode_new(MN_ITEM);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		m = mnode_new(MN_QUOTE);
		break;
	case CMARK_NODE_CODE_BLOCK:
		m = mnode_new(MN_CODE_BLOCK);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		m = mnode_new(MN_HR);
		break;
	case CMARK_NODE_TEXT:
		m = mnode_new(MN_TEXT);
		break;
	case CMARK_NODE_SOFTBREAK:
		m = mnode_new(MN_SOFTBREAK);
		break;
	case CMARK_NODE_LINEBREAK:
		m = mnode_new(MN_LINEBREAK);
		break;
	case CMARK_NODE_CODE:
		m = mnode_new(MN_CODE);
		break;
	case CMARK_NODE_EMPH:
		m = mnode_new(MN_EMPH);
		break;
	case CMARK_NODE_STRONG:
		m = mnode_new(MN_STRONG);
		break;
	case CMARK_NODE_LINK:
		m = mnode_new(MN_LINK);
		break;
	case CMARK_NODE_IMAGE:
		m = mnode_new(MN_IMAGE);
		break;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		m = mnode_new(MN_FOOTNOTE_REF);
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		m = mnode_new(MN_FOOTNOTE_DEF);
		break;
	default:
		ts = cmark_node_get_type_string(n);
		if (strcmp(ts, "table") == 0) {
			m = mnode_new(MN_TABLE);
			table = n;
		} else if (strcmp(ts, "table_row") == 0 ||
		    strcmp(ts, "table_header") == 0) {
			m = mnode_new(MN_ROW);
			m->header = cmark_gfm_extensions_get_table_row_is_header(
			    n);
		} else if (strcmp(ts, "table_cell") == 0) {
			m = mnode_new(MN_CELL);
			col = 0;
			for (c = cmark_node_previous(n); c != NULL;
			    c = cmark_node_previous(c))
				col++;
			al = table != NULL ?
			    cmark_gfm_extensions_get_table_alignments(table) :
			    NULL;
			if (al != NULL && col <
			    cmark_gfm_extensions_get_table_columns(table))
				m->align = al[col];
		} else if (strcmp(ts, "strikethrough") == 0)
			m = mnode_new(MN_STRIKE);
		else
			return NULL;
		break;
	}
	if ((lit = cmark_node_get_literal(n)) != NULL &&
	    (m->type == MN_TEXT || m->type == MN_CODE ||
	    m->type == MN_CODE_BLOCK || m->type == MN_FOOTNOTE_REF))
		m->text = xstrdup(lit);
	/* a destination md_html drops is none here either: its text is
	 * shown as text */
	if ((m->type == MN_LINK || m->type == MN_IMAGE) &&
	    !never_linked(u = cmark_node_get_url(n)))
		m->url = xstrdup(u);
	if (m->type == MN_LINK || m->type == MN_IMAGE)
		node_pos(n, &m->line, &m->col);
	tail = &m->child;
	for (c = cmark_node_first_child(n); c != NULL && depth < MD_MAX_DEPTH;
	    c = cmark_node_next(c))
		if ((*tail = convert(c, table, depth + 1, h)) != NULL)
			tail = &(*tail)->next;
	if (is_task(n))
		mnode_task(m,
		    cmark_gfm_extensions_get_tasklist_item_checked(n));
	return m;
}

struct mnode *
md_tree(const char *text, size_t len)
{
	cmark_parser	*p;
	cmark_node	*doc;
	struct mnode	*m;
	struct hnum	 h = { .base = 1 };

	doc = md_parse(text, len, &p);
	m = convert(doc, NULL, 0, &h);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return m;
}

void
mnode_free(struct mnode *m)
{
	struct mnode	*next;

	while (m != NULL) {
		next = m->next;
		mnode_free(m->child);
		free(m->text);
		free(m->url);
		free(m);
		m = next;
	}
}
