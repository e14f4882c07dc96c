/*
 * pdf_draw.c -- Pango text, and the canvas that renders it into the PDF
 * writer (pdfw.h); see pdf_draw.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-ft.h>
#include FT_CID_H
#include FT_OUTLINE_H
#include <hb.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>

#include "buf.h"
#include "pdf.h"
#include "pdf_font.h"
#include "pdf_pic.h"
#include "pdfw.h"
#include "strmap.h"
#include "util.h"

#define PS(x)	((double)(x) / PANGO_SCALE)

/* ------------------------------------------------------ line breaking */

/* Punctuation that never starts a line (避头) or ends one (避尾). */
static const char no_start[] =
    "，。、；：？！）》」』】〕〗〉”’…—～·．％‰,.;:?!)]}";
static const char no_end[] = "（《「『【〔〖〈“‘([{";

static int
in_set(const char *set, gunichar c)
{
	const char	*s;

	/* Letters and ideographs, most of any text, are in neither set. */
	if ((c < 0x80 && g_ascii_isalnum(c)) || (c >= 0x3400 && c < 0xff00))
		return 0;
	for (s = set; *s != '\0'; s = g_utf8_next_char(s))
		if (g_utf8_get_char(s) == c)
			return 1;
	return 0;
}

/* Adds allow_breaks=false over bytes [start, end) of the text. */
static void
no_break(PangoAttrList *al, size_t start, size_t end)
{
	PangoAttribute	*a;

	a = pango_attr_allow_breaks_new(FALSE);
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(al, a);
}

/*
 * Adds allow_breaks=false around every character pair where a break
 * would leave closing punctuation at a line start or opening
 * punctuation at a line end.  Pango's UAX #14 rules already forbid
 * most of these; this makes the rule hold for every character in the
 * lists, also when a long run is broken between characters.  Ranges
 * that touch or overlap are merged into one attribute: Pango's line
 * breaking takes time and memory quadratic in the attributes of a run
 * ("![" repeated 4000 times in a table cell: 10 s and 1 GB with one
 * attribute per pair, which is what a hostile item would give).
 * Past KINSOKU_MAX ranges in one text, Pango's own rules alone apply:
 * ranges apart cost the same ("[x " repeated 7000 times: 40 s, 2.7 GB).
 * In a run of one such character (a leader of dots, a blank of dashes
 * to fill in) the characters go in twos, as "——" and "……" do, with a
 * break allowed between the twos: a run kept whole, longer than a
 * line, went past the column and off the page.
 */
#define KINSOKU_MAX	256
#define STYLE_MAX	512

static void
kinsoku(const char *text, PangoAttrList *al)
{
	const char	*s, *prev = NULL, *next;
	gunichar	 c;
	size_t		 from = 0, to = 0, a, b;	/* pending range */
	int		 n = 0, run = 0;

	for (s = text; *s != '\0' && n < KINSOKU_MAX; prev = s, s = next) {
		c = g_utf8_get_char(s);
		next = g_utf8_next_char(s);
		/* c is the run-th after the first of its run */
		run = prev != NULL && g_utf8_get_char(prev) == c ? run + 1 : 0;
		a = b = 0;
		if (prev != NULL && in_set(no_start, c) && run % 2 == 0 &&
		    run > 0) {
			/* A break before the next two of a run: the
			 * pending range ends here. */
			if (to > 0) {
				no_break(al, from, to);
				n++;
			}
			to = 0;
		} else if (prev != NULL && in_set(no_start, c)) {
			a = (size_t)(prev - text);
			b = (size_t)(next - text);
		}
		if (*next != '\0' && in_set(no_end, c)) {
			if (b == 0)
				a = (size_t)(s - text);
			b = (size_t)(g_utf8_next_char(next) - text);
		}
		if (b == 0)
			continue;
		if (to > 0 && a <= to) {
			if (b > to)
				to = b;
			continue;
		}
		if (to > 0) {
			no_break(al, from, to);
			n++;
		}
		from = a;
		to = b;
	}
	if (to > 0)
		no_break(al, from, to);
}

/*
 * Pango shapes a run of text (an item: one font, one script, one set of
 * attributes, never past a newline) whole before it breaks it into
 * lines, and adds its glyphs' widths in an int of 1/1024 pt: a
 * paragraph of 200,000 characters in one item is 2.4 million points
 * wide, past INT_MAX, and its lines came out wrong (one line of all the
 * rest, drawn off the page: the text was lost from the PDF).  A
 * paragraph longer than PIECE bytes is cut into items of at most PIECE
 * bytes by a harmless attribute (font fallback on, as it is anyway)
 * over each piece: a piece is at most PIECE characters, some 4,096 em,
 * far inside an int at any size.  A piece ends before an ideograph or
 * after a space where one is near, so that no shaping across the cut
 * is lost (a mark with its letter, a ligature); else at a character's
 * end.
 */
#define PIECE		4096
#define PIECE_NEAR	256	/* bytes looked back for a better cut */

/* Where the piece of a paragraph that starts at text + from and ends
 * at text + len ends. */
static size_t
piece_end(const char *text, size_t len, size_t from)
{
	const unsigned char	*u = (const unsigned char *)text;
	size_t			 end = from + PIECE, k;

	if (end >= len)
		return len;
	while (end > from + 1 && (u[end] & 0xc0) == 0x80)
		end--;
	for (k = end; k > from + 1 && end - k < PIECE_NEAR; k--)
		if ((u[k] >= 0xe3 && u[k] <= 0xe9) || u[k - 1] == ' ')
			return k;	/* before U+3000-U+9FFF, after a space */
	return end;
}

/* Cuts each paragraph of text longer than PIECE bytes into pieces. */
static void
pieces(const char *text, PangoAttrList *al)
{
	PangoAttribute	*a;
	const char	*nl;
	size_t		 at, end, from, to;

	for (at = 0; text[at] != '\0'; at = end + (text[end] != '\0')) {
		nl = strchr(text + at, '\n');
		end = nl != NULL ? (size_t)(nl - text) : at + strlen(text + at);
		if (end - at <= PIECE)
			continue;
		for (from = at; from < end; from = to) {
			to = piece_end(text, end, from);
			a = pango_attr_fallback_new(TRUE);
			a->start_index = (guint)from;
			a->end_index = (guint)to;
			pango_attr_list_insert(al, a);
		}
	}
}

/* Sets markup (or plain text) on the layout, with the kinsoku rules. */
static void
layout_set(PangoLayout *pl, const char *markup, int plain)
{
	PangoAttrList	*al = NULL;
	char		*text = NULL;

	GSList		*l;

	if (plain || !pango_parse_markup(markup, -1, 0, &al, &text, NULL,
	    NULL)) {
		/* Markup is built from escaped text: this is a fallback. */
		al = pango_attr_list_new();
		text = g_strdup(markup);
	}
	/* Pango's line breaking is quadratic in the attributes of a text
	 * (3000 links in a table cell: 8 s): past STYLE_MAX, the text
	 * alone, unstyled, which is still all of it. */
	l = pango_attr_list_get_attributes(al);
	if (g_slist_length(l) > STYLE_MAX) {
		pango_attr_list_unref(al);
		al = pango_attr_list_new();
	}
	g_slist_free_full(l, (GDestroyNotify)pango_attribute_destroy);
	kinsoku(text, al);
	/* A word too long for a line breaks between two characters, and
	 * without a hyphen added: a code (索引号, 文号) or an address is
	 * read wrong with one that is not in it, and an added hyphen is
	 * in no copy of the text. */
	pango_attr_list_insert(al, pango_attr_insert_hyphens_new(FALSE));
	pieces(text, al);
	pango_layout_set_text(pl, text, -1);
	pango_layout_set_attributes(pl, al);
	pango_attr_list_unref(al);
	g_free(text);
}

/* ---------------------------------------------------------- the memo */

/*
 * Layouts of short texts made in one font set, kept for the next call
 * with the same text and settings: table cells, labels and headings
 * recur (索引号 and 发布日期 in every item's table, 无 in half its
 * cells, the same category in a unit's board and handout) and a
 * third of a PDF's time went into laying out such cells one by one.
 * A hit shares the layout, which nothing changes once made; the
 * memo's bytes out are those of a fresh layout.  Bounded: when full it
 * starts again empty.
 */
#define MEMO_TEXT_MAX	256	/* longer markup is not kept */
#define MEMO_MAX	8192	/* layouts kept at most */

struct memo_ent {
	char		*key;	/* settings and markup; owned */
	PangoLayout	*pl;	/* a reference */
	struct pdf_text	 t;	/* the positions (t.pl unused) */
};

struct pdf_memo {
	struct strmap	 map;	/* key -> index in e */
	struct memo_ent	*e;
	size_t		 n, cap;
};

struct pdf_memo *
pdf_memo_new(void)
{
	struct pdf_memo	*m = xcalloc(1, sizeof(*m));

	strmap_init(&m->map);
	return m;
}

static void
memo_clear(struct pdf_memo *m)
{
	size_t	 i;

	strmap_dispose(&m->map);	/* and empty again */
	for (i = 0; i < m->n; i++) {
		free(m->e[i].key);
		g_object_unref(m->e[i].pl);
		free(m->e[i].t.top);
	}
	m->n = 0;
}

void
pdf_memo_free(struct pdf_memo *m)
{
	if (m == NULL)
		return;
	memo_clear(m);
	free(m->e);
	free(m);
}

/* Appends the bits of v to key as 16 hex digits: a double's exact
 * value, without printf. */
static void
key_bits(struct buf *key, double v)
{
	static const char	 hex[] = "0123456789abcdef";
	uint64_t		 u;
	int			 i;

	memcpy(&u, &v, sizeof(u));
	for (i = 60; i >= 0; i -= 4)
		buf_putc(key, hex[(u >> i) & 0xf]);
}

/* Copies the positions of s into t, which gets its own arrays. */
static void
text_copy(struct pdf_text *t, const struct pdf_text *s)
{
	*t = *s;
	t->top = xcalloc((size_t)s->n * 5 + 1, sizeof(double));
	memcpy(t->top, s->top, (size_t)s->n * 5 * sizeof(double));
	t->bot = t->top + t->n;
	t->base = t->bot + t->n;
	t->x = t->base + t->n;
	t->w = t->x + t->n;
}

/* ---------------------------------------------------------------- text */

/* Reads the line positions of t->pl into t. */
static void
text_read(struct pdf_text *t)
{
	PangoLayoutIter	*it;
	PangoLayoutLine	*line;
	PangoRectangle	 log, ll;
	int		 i = 0;

	free(t->top);
	t->n = pango_layout_get_line_count(t->pl);
	t->top = xcalloc((size_t)t->n * 5, sizeof(double));
	t->bot = t->top + t->n;
	t->base = t->bot + t->n;
	t->x = t->base + t->n;
	t->w = t->x + t->n;
	t->width = t->h = 0;
	it = pango_layout_get_iter(t->pl);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		line = pango_layout_iter_get_line_readonly(it);
		pango_layout_line_get_extents(line, NULL, &ll);
		t->top[i] = PS(log.y);
		t->bot[i] = PS(log.y + log.height);
		t->base[i] = PS(pango_layout_iter_get_baseline(it));
		t->x[i] = PS(log.x - ll.x);
		t->w[i] = PS(log.width);
		if (t->w[i] > t->width)
			t->width = t->w[i];
		i++;
	} while (i < t->n && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	t->h = t->n ? t->bot[t->n - 1] : 0;
}

/*
 * 孤字: a paragraph broken over lines whose last line holds one
 * character alone, or with the punctuation that closes it
 * (卫生健康支 / 出, a budget's 科目 in a table cell, or 出。)
 * takes the last character of the line above down with it, as a
 * typesetter does: the break before the lone character is forbidden
 * and t laid out again, so the lines above stay as they were, the
 * one above ends a character early, and the text keeps its number of
 * lines (the height the layout measured).  Where that would not hold
 * (no other break on the line above: it runs past width), t stays as
 * it was.  A line that starts its paragraph (after a newline) is
 * never alone in this sense.  At most WIDOW_MAX paragraphs of a text
 * are mended: Pango's breaking is slow in many attributes.
 */
#define WIDOW_MAX	64

static void
widow(struct pdf_text *t, double width)
{
	PangoLayoutLine	*line;
	PangoAttrList	*al = NULL, *was;
	GSList		*l;
	const char	*text, *s, *e;
	double		 most = t->width > width ? t->width : width;
	gunichar	 c;
	int		 n = t->n, k = 0;

	text = pango_layout_get_text(t->pl);
	/* the last line of each paragraph, not its first */
	for (l = pango_layout_get_lines_readonly(t->pl); l != NULL &&
	    k < WIDOW_MAX; l = l->next) {
		line = l->data;
		if (line->is_paragraph_start || (l->next != NULL &&
		    !((PangoLayoutLine *)l->next->data)->is_paragraph_start))
			continue;
		/* its characters, without the spaces and the closing
		 * punctuation that end it (出。 is one alone) */
		s = text + line->start_index;
		e = s + line->length;
		while (e > s && (g_unichar_isspace(c = g_utf8_get_char(
		    g_utf8_prev_char(e))) || in_set(no_start, c)))
			e = g_utf8_prev_char(e);
		if (e == s || g_utf8_next_char(s) != e || s == text)
			continue;
		if (al == NULL)
			al = pango_attr_list_copy(pango_layout_get_attributes(
			    t->pl));
		no_break(al, (size_t)(g_utf8_prev_char(s) - text),
		    (size_t)(e - text));
		k++;
	}
	if (al == NULL)
		return;
	was = pango_attr_list_ref(pango_layout_get_attributes(t->pl));
	pango_layout_set_attributes(t->pl, al);
	pango_attr_list_unref(al);
	text_read(t);
	if (t->n != n || t->width > most + 0.01) {
		pango_layout_set_attributes(t->pl, was);
		text_read(t);
	}
	pango_attr_list_unref(was);
}

/* Lays markup out anew into t (see pdf_text_make). */
static void
text_make(struct pdf_text *t, struct pdf_fonts *f, const char *markup,
    int plain, enum pdf_face face, double size, int bold, double width,
    int align)
{
	PangoLayout		*pl;
	PangoFontDescription	*d;

	memset(t, 0, sizeof(*t));
	pl = pango_layout_new(pdf_font_context(f));
	d = pango_font_description_copy_static(pdf_font_desc(f, face));
	pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(d, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(pl, d);
	pango_font_description_free(d);
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	layout_set(pl, markup, plain);
	if (width > 0)
		pango_layout_set_width(pl, (int)(width * PANGO_SCALE));
	pango_layout_set_alignment(pl, align == 'c' ? PANGO_ALIGN_CENTER :
	    align == 'r' ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	t->pl = pl;
	text_read(t);
	if (width > 0)
		widow(t, width);
}

void
pdf_text_make(struct pdf_text *t, struct pdf_fonts *f, const char *markup,
    int plain, enum pdf_face face, double size, int bold, double width,
    int align)
{
	struct pdf_memo	*m = pdf_font_memo(f);
	struct memo_ent	*e;
	struct buf	 key = BUF_INIT;
	size_t		 i, len = strlen(markup);

	if (len > MEMO_TEXT_MAX) {
		text_make(t, f, markup, plain, face, size, bold, width, align);
		return;
	}
	buf_putc(&key, (char)('0' + plain));
	buf_putc(&key, (char)('0' + face));
	buf_putc(&key, (char)('0' + (bold != 0)));
	buf_putc(&key, align == 'c' || align == 'r' ? (char)align : 'l');
	key_bits(&key, size);
	key_bits(&key, width > 0 ? width : 0);
	buf_put(&key, markup, len);
	if (strmap_get(&m->map, key.data, &i)) {
		buf_dispose(&key);
		text_copy(t, &m->e[i].t);
		t->pl = g_object_ref(m->e[i].pl);
		return;
	}
	text_make(t, f, markup, plain, face, size, bold, width, align);
	if (m->n == MEMO_MAX)
		memo_clear(m);
	xgrow(&m->e, &m->cap, m->n + 1, sizeof(*m->e));
	e = &m->e[m->n];
	e->key = key.data;	/* the memo's now */
	e->pl = g_object_ref(t->pl);
	text_copy(&e->t, t);
	e->t.pl = NULL;
	strmap_put(&m->map, e->key, m->n++, NULL);
}

double
pdf_text_least(const struct pdf_text *t)
{
	const PangoLogAttr	*la;
	PangoLayoutIter		*it;
	PangoLayoutLine		*line, *prev = NULL;
	PangoRectangle		 r;
	const char		*text = pango_layout_get_text(t->pl);
	double			 run = 0, most = 0;
	int			 n, ci = 0, at = 0, idx;

	/* The characters as laid out, one line each way they came. */
	la = pango_layout_get_log_attrs_readonly(t->pl, &n);
	it = pango_layout_get_iter(t->pl);
	do {
		idx = pango_layout_iter_get_index(it);
		if (idx > at) {
			ci += (int)g_utf8_pointer_to_offset(text + at,
			    text + idx);
			at = idx;
		}
		line = pango_layout_iter_get_line_readonly(it);
		if (line != prev || (ci < n && la[ci].is_line_break)) {
			if (run > most)
				most = run;
			run = 0;
			prev = line;
		}
		pango_layout_iter_get_char_extents(it, &r);
		run += PS(r.width);
	} while (pango_layout_iter_next_char(it));
	pango_layout_iter_free(it);
	return run > most ? run : most;
}

void
pdf_text_paras(const struct pdf_text *t, int *para)
{
	GSList	*l;
	int	 i = 0, k = -1;

	for (l = pango_layout_get_lines_readonly(t->pl); l != NULL &&
	    i < t->n; l = l->next) {
		if (i == 0 || ((PangoLayoutLine *)l->data)->is_paragraph_start)
			k++;
		para[i++] = k;
	}
}

void
pdf_text_dispose(struct pdf_text *t)
{
	if (t->pl != NULL)
		g_object_unref(t->pl);
	free(t->top);
	memset(t, 0, sizeof(*t));
}

void
pdf_wrap(struct pdf_fonts *f, const char *text, double width_pt,
    double size_pt, struct buf *out)
{
	struct pdf_text	 t;
	PangoLayoutLine	*line;
	const char	*s;
	int		 i;

	pdf_text_make(&t, f, text, 1, PDF_BODY, size_pt, 0, width_pt, 0);
	s = pango_layout_get_text(t.pl);
	for (i = 0; i < t.n; i++) {
		line = pango_layout_get_line_readonly(t.pl, i);
		if (i > 0)
			buf_putc(out, '\n');
		buf_put(out, s + line->start_index, (size_t)line->length);
	}
	pdf_text_dispose(&t);
}

/* -------------------------------------------------------------- canvas */

/*
 * What the canvas knows of a Pango font: its font in the PDF (or -1:
 * drawn as outlines), how it is embedded, and what fontconfig
 * synthesises (a slant, a bolder stroke) that the font file lacks.
 */
struct cfont {
	PangoFont	*pf;		/* a reference */
	int		 font;		/* in the pdfw, or -1 */
	enum pdfw_kind	 kind;
	double		 size;		/* points */
	double		 skew;		/* oblique: x per unit of y */
	int		 bold;		/* emboldened */
};

struct pdf_canvas {
	struct pdfw	*w;
	struct buf	*out;		/* where the file goes, borrowed */
	double		 h;		/* sheet height: PDF's y grows up */
	double		 src[3];	/* the colour set */
	double		 fill[3], stroke[3]; /* the colours in force */
	double		 lw;		/* the line width in force */
	struct buf	 path;		/* the path being built */
	PangoRenderer	*r;
	struct cfont	*cf;
	size_t		 ncf, capcf;
	int		 linking;	/* between link_begin and _end */
	int		 lpage;		/* where the link goes */
	double		 lx, ly;
	char		*ltext;		/* what it says (g_free) */
	struct pdfw_box	 lbox;		/* what it covers, PDF space */
	int		 lany;		/* lbox holds something */
	int		*img;		/* by picture: its pdfw image + 1,
					   or 0 until written */
	size_t		 nimg, capimg;
};

/* --------------------------------------------------------- the state */

/* Sets the page's defaults: what a new content stream starts with. */
static void
state_reset(struct pdf_canvas *c)
{
	int	 i;

	for (i = 0; i < 3; i++)
		c->fill[i] = c->stroke[i] = 0;
	c->lw = 1;
}

/* Appends a colour operator: "g" for greys, "rg" otherwise. */
static void
colour_op(struct buf *b, const double v[3], const char *grey,
    const char *rgb)
{
	if (v[0] == v[1] && v[1] == v[2]) {
		pdfw_num(b, v[0]);
		buf_puts(b, grey);
	} else {
		pdfw_num(b, v[0]);
		pdfw_num(b, v[1]);
		pdfw_num(b, v[2]);
		buf_puts(b, rgb);
	}
}

static void
use_fill(struct pdf_canvas *c, const double v[3])
{
	if (memcmp(c->fill, v, sizeof(c->fill)) == 0)
		return;
	memcpy(c->fill, v, sizeof(c->fill));
	colour_op(pdfw_ops(c->w), v, "g\n", "rg\n");
}

static void
use_stroke(struct pdf_canvas *c, const double v[3], double width)
{
	struct buf	*b = pdfw_ops(c->w);

	if (memcmp(c->stroke, v, sizeof(c->stroke)) != 0) {
		memcpy(c->stroke, v, sizeof(c->stroke));
		colour_op(b, v, "G\n", "RG\n");
	}
	if (width != c->lw) {
		c->lw = width;
		pdfw_num(b, width);
		buf_puts(b, "w\n");
	}
}

/* The colour of part of a run: Pango's if the markup set one. */
static void
part_colour(struct pdf_canvas *c, PangoRenderer *r, PangoRenderPart part,
    double v[3])
{
	PangoColor	*pc = pango_renderer_get_color(r, part);

	if (pc == NULL) {
		memcpy(v, c->src, sizeof(c->src));
		return;
	}
	v[0] = pc->red / 65535.0;
	v[1] = pc->green / 65535.0;
	v[2] = pc->blue / 65535.0;
}

/* Widens the link being drawn to cover x0..x1, y0..y1 (PDF space). */
static void
link_cover(struct pdf_canvas *c, double x0, double y0, double x1,
    double y1)
{
	if (!c->linking)
		return;
	if (!c->lany) {
		c->lbox.x0 = x0, c->lbox.y0 = y0;
		c->lbox.x1 = x1, c->lbox.y1 = y1;
		c->lany = 1;
		return;
	}
	if (x0 < c->lbox.x0)
		c->lbox.x0 = x0;
	if (y0 < c->lbox.y0)
		c->lbox.y0 = y0;
	if (x1 > c->lbox.x1)
		c->lbox.x1 = x1;
	if (y1 > c->lbox.y1)
		c->lbox.y1 = y1;
}

/* --------------------------------------------------------------- fonts */

/* A PDF name's characters: letters, digits, '-' and '_' as they are. */
static char *
ps_name(FT_Face ft)
{
	const char	*n = ft != NULL ? FT_Get_Postscript_Name(ft) : NULL;
	char		*s, *p;

	s = xstrdup(n != NULL ? n : "Font");
	for (p = s; *p != '\0'; p++)
		if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_')
			*p = '_';
	return s;
}

/* The canvas's record of pf, made on first use. */
static struct cfont *
canvas_font(struct pdf_canvas *c, PangoFont *pf)
{
	PangoFontDescription	*d;
	cairo_scaled_font_t	*sf;
	struct cfont		*f;
	hb_face_t		*face;
	hb_blob_t		*glyf;
	FcPattern		*pat;
	FcMatrix		*m;
	FcBool			 b;
	FT_Face			 ft;
	FT_Bool			 cid = 0;
	char			*name;
	size_t			 i;

	for (i = 0; i < c->ncf; i++)
		if (c->cf[i].pf == pf)
			return &c->cf[i];
	xgrow(&c->cf, &c->capcf, c->ncf + 1, sizeof(*c->cf));
	f = &c->cf[c->ncf++];
	memset(f, 0, sizeof(*f));
	f->pf = g_object_ref(pf);
	f->font = -1;
	d = pango_font_describe_with_absolute_size(pf);
	f->size = PS(pango_font_description_get_size(d));
	pango_font_description_free(d);
	pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
	if (FcPatternGetMatrix(pat, FC_MATRIX, 0, &m) == FcResultMatch)
		f->skew = m->xy;
	if (FcPatternGetBool(pat, FC_EMBOLDEN, 0, &b) == FcResultMatch)
		f->bold = b != FcFalse;

	face = hb_font_get_face(pango_font_get_hb_font(pf));
	sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(pf));
	ft = sf != NULL ? cairo_ft_scaled_font_lock_face(sf) : NULL;
	if (ft == NULL)
		return f;
	if (hb_face_get_glyph_count(face) > 0 && ft->num_glyphs <= 65535) {
		FT_Get_CID_Is_Internally_CID_Keyed(ft, &cid);
		name = ps_name(ft);
		if (cid) {
			f->kind = PDFW_CFF;
			f->font = pdfw_font(c->w, face, f->kind, name);
		} else {
			glyf = hb_face_reference_table(face,
			    HB_TAG('g', 'l', 'y', 'f'));
			if (hb_blob_get_length(glyf) > 0) {
				f->kind = PDFW_TRUETYPE;
				f->font = pdfw_font(c->w, face, f->kind, name);
			}
			hb_blob_destroy(glyf);
		}
		free(name);
	}
	cairo_ft_scaled_font_unlock_face(sf);
	return f;
}

/* --------------------------------------------------------- the glyphs */

/* FreeType's outline decomposition, emitting PDF path operators. */
struct outline_to {
	struct buf	*b;
	double		 k;		/* font units to points */
	double		 x, y;		/* the glyph's origin, PDF space */
	double		 skew;
	FT_Vector	 last;
};

static void
pt(struct outline_to *o, const FT_Vector *v)
{
	double	 y = v->y * o->k;

	pdfw_num(o->b, o->x + v->x * o->k + o->skew * y);
	pdfw_num(o->b, o->y + y);
}

static int
ol_move(const FT_Vector *to, void *u)
{
	struct outline_to	*o = u;

	pt(o, to);
	buf_puts(o->b, "m\n");
	o->last = *to;
	return 0;
}

static int
ol_line(const FT_Vector *to, void *u)
{
	struct outline_to	*o = u;

	pt(o, to);
	buf_puts(o->b, "l\n");
	o->last = *to;
	return 0;
}

static int
ol_cubic(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to,
    void *u)
{
	struct outline_to	*o = u;

	pt(o, c1);
	pt(o, c2);
	pt(o, to);
	buf_puts(o->b, "c\n");
	o->last = *to;
	return 0;
}

static int
ol_conic(const FT_Vector *ctl, const FT_Vector *to, void *u)
{
	struct outline_to	*o = u;
	FT_Vector		 c1, c2;

	/* A quadratic curve as the cubic of the same shape. */
	c1.x = o->last.x + 2 * (ctl->x - o->last.x) / 3;
	c1.y = o->last.y + 2 * (ctl->y - o->last.y) / 3;
	c2.x = to->x + 2 * (ctl->x - to->x) / 3;
	c2.y = to->y + 2 * (ctl->y - to->y) / 3;
	return ol_cubic(&c1, &c2, to, u);
}

/*
 * Fills the outline of glyph gid of pf at x, y (PDF space): for a face
 * the writer cannot embed (a Type 1 fallback, say).  The text is
 * shown but not extractable.
 */
static void
glyph_outline(struct pdf_canvas *c, const struct cfont *f, unsigned gid,
    double x, double y)
{
	static const FT_Outline_Funcs	 fn = {
		ol_move, ol_line, ol_conic, ol_cubic, 0, 0
	};
	cairo_scaled_font_t	*sf;
	struct outline_to	 o;
	FT_Face			 ft;

	sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(f->pf));
	if (sf == NULL || (ft = cairo_ft_scaled_font_lock_face(sf)) == NULL)
		return;
	if (FT_Load_Glyph(ft, gid, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING |
	    FT_LOAD_NO_BITMAP) == 0 &&
	    ft->glyph->format == FT_GLYPH_FORMAT_OUTLINE &&
	    ft->units_per_EM > 0) {
		o.b = pdfw_ops(c->w);
		o.k = f->size / ft->units_per_EM;
		o.x = x;
		o.y = y;
		o.skew = f->skew;
		o.last.x = o.last.y = 0;
		FT_Outline_Decompose(&ft->glyph->outline, &fn, &o);
		buf_puts(o.b, "f\n");
	}
	cairo_ft_scaled_font_unlock_face(sf);
}

/*
 * The glyph of font f that invisible text over a character no font
 * has shows: the font's ideographic space (as wide as the box, so
 * that a reader of the text sees no gap after it; else its space),
 * and its CID in *cid (ft: the face, locked, of a CID-keyed font, or
 * NULL).  Not .notdef: PDF/UA forbids showing it at all, painted or
 * not (7.21.8).  .notdef only in a font with neither space.
 */
static FT_UInt
glyph_blank(const struct cfont *f, FT_Face ft, FT_UInt *cid)
{
	hb_font_t	*hb = pango_font_get_hb_font(f->pf);
	hb_codepoint_t	 g = 0;

	if (!hb_font_get_nominal_glyph(hb, 0x3000, &g) &&
	    !hb_font_get_nominal_glyph(hb, 0x20, &g))
		g = 0;
	if (ft == NULL || FT_Get_CID_From_Glyph_Index(ft, g, cid) != 0)
		*cid = g;
	return g;
}

/* A box where a character no font has would go. */
static void
glyph_missing(struct pdf_canvas *c, const struct cfont *f, double x,
    double y, double w)
{
	struct buf	*b = pdfw_ops(c->w);

	use_stroke(c, c->fill, f->size / 20);
	pdfw_num(b, x + w * 0.1);
	pdfw_num(b, y);
	pdfw_num(b, w * 0.8);
	pdfw_num(b, f->size * 0.75);
	buf_puts(b, "re S\n");
}

/* The renderer: Pango's runs, backgrounds and lines onto the canvas. */
typedef struct {
	PangoRenderer		 parent;
	struct pdf_canvas	*c;
} GkRenderer;

typedef struct {
	PangoRendererClass	 parent;
} GkRendererClass;

static GType	gk_renderer_get_type(void);
G_DEFINE_TYPE(GkRenderer, gk_renderer, PANGO_TYPE_RENDERER)

/*
 * Shows glyphs gs of font from x, y (Pango units, the canvas's space);
 * t (len bytes) is the text they were shaped from, or NULL, right to
 * left if rtl.
 */
static void
show(PangoRenderer *r, PangoFont *font, PangoGlyphString *gs,
    const char *t, int len, int rtl, int x, int y)
{
	struct pdf_canvas	*c = ((GkRenderer *)r)->c;
	PangoGlyphInfo		*g;
	struct cfont		*f;
	cairo_scaled_font_t	*sf = NULL;
	FT_Face			 ft = NULL;
	FT_UInt			 cid, blank;
	double			 v[3], gx, gy, rx = 0, ry = 0;
	int			 i, j, open = 0, pos = x, cl = 0, end = 0;
	int			 missing;

	f = canvas_font(c, font);
	part_colour(c, r, PANGO_RENDER_PART_FOREGROUND, v);
	use_fill(c, v);
	if (f->font >= 0 && f->kind == PDFW_CFF) {
		sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(
		    f->pf));
		ft = sf != NULL ? cairo_ft_scaled_font_lock_face(sf) : NULL;
	}
	for (i = 0; i < gs->num_glyphs; pos += g->geometry.width, i++) {
		g = &gs->glyphs[i];
		gx = PS(pos + g->geometry.x_offset);
		gy = c->h - PS(y + g->geometry.y_offset);
		link_cover(c, gx, gy - f->size * 0.2, gx +
		    PS(g->geometry.width), gy + f->size * 0.9);
		if (g->glyph == PANGO_GLYPH_EMPTY)
			continue;
		/*
		 * The text of a cluster goes with its first glyph on the
		 * line.  It ends where the cluster read next begins: the
		 * next glyph's, or right to left (glyphs in the order they
		 * are seen, clusters falling), the one before.  A glyph
		 * Pango leaves empty (a variation selector, a zero width
		 * joiner) shows nothing and is skipped above, so its
		 * text goes with the glyph before it: 葛 with U+E0100
		 * copies as both.
		 */
		if (t != NULL) {
			cl = end = gs->log_clusters[i];
			if (i == 0 || gs->log_clusters[i - 1] != cl) {
				end = len;
				for (j = i; j >= 0 && j < gs->num_glyphs;
				    j += rtl ? -1 : 1)
					if (gs->log_clusters[j] != cl &&
					    gs->glyphs[j].glyph !=
					    PANGO_GLYPH_EMPTY) {
						end = gs->log_clusters[j];
						break;
					}
			}
			if (end < cl || end > len)	/* never trust */
				end = cl;
		}
		missing = (g->glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0;
		if (missing || f->font < 0) {
			if (open)
				pdfw_text_end(c->w);
			open = 0;
			if (!missing) {
				glyph_outline(c, f, g->glyph, gx, gy);
				continue;
			}
			glyph_missing(c, f, gx, gy, PS(g->geometry.width));
			/* The box stands for a character no font has:
			 * an invisible glyph over it says which, for
			 * copying and searching. */
			if (f->font < 0 || end <= cl)
				continue;
			blank = glyph_blank(f, ft, &cid);
			pdfw_text_begin(c->w, f->font, f->size, gx, gy,
			    f->skew, PDFW_HIDDEN);
			pdfw_text_glyph(c->w, blank, cid, 0, t + cl,
			    (size_t)(end - cl));
			pdfw_text_end(c->w);
			continue;
		}
		if (!open || gy != ry) {
			if (open)
				pdfw_text_end(c->w);
			if (f->bold)	/* outside the text object */
				use_stroke(c, v, f->size / 30);
			pdfw_text_begin(c->w, f->font, f->size, gx, gy,
			    f->skew, f->bold ? PDFW_STROKE : PDFW_FILL);
			rx = gx;
			ry = gy;
			open = 1;
		}
		cid = g->glyph;
		if (ft != NULL && FT_Get_CID_From_Glyph_Index(ft, g->glyph,
		    &cid) != 0)
			cid = g->glyph;
		pdfw_text_glyph(c->w, g->glyph, cid, gx - rx,
		    t != NULL ? t + cl : "", (size_t)(end - cl));
	}
	if (open)
		pdfw_text_end(c->w);
	if (ft != NULL)
		cairo_ft_scaled_font_unlock_face(sf);
}

static void
draw_glyph_item(PangoRenderer *r, const char *text, PangoGlyphItem *gi,
    int x, int y)
{
	show(r, gi->item->analysis.font, gi->glyphs, text + gi->item->offset,
	    gi->item->length, gi->item->analysis.level & 1, x, y);
}

static void
draw_glyphs(PangoRenderer *r, PangoFont *font, PangoGlyphString *gs,
    int x, int y)
{
	show(r, font, gs, NULL, 0, 0, x, y);
}

static void
draw_rectangle(PangoRenderer *r, PangoRenderPart part, int x, int y,
    int w, int h)
{
	struct pdf_canvas	*c = ((GkRenderer *)r)->c;
	struct buf		*b = pdfw_ops(c->w);
	double			 v[3];

	part_colour(c, r, part, v);
	use_fill(c, v);
	pdfw_num(b, PS(x));
	pdfw_num(b, c->h - PS(y + h));
	pdfw_num(b, PS(w));
	pdfw_num(b, PS(h));
	buf_puts(b, "re f\n");
}

static void
draw_trapezoid(PangoRenderer *r, PangoRenderPart part, double y1,
    double x11, double x21, double y2, double x12, double x22)
{
	struct pdf_canvas	*c = ((GkRenderer *)r)->c;
	struct buf		*b = pdfw_ops(c->w);
	double			 v[3];

	part_colour(c, r, part, v);
	use_fill(c, v);
	pdfw_num(b, x11);
	pdfw_num(b, c->h - y1);
	buf_puts(b, "m ");
	pdfw_num(b, x21);
	pdfw_num(b, c->h - y1);
	buf_puts(b, "l ");
	pdfw_num(b, x22);
	pdfw_num(b, c->h - y2);
	buf_puts(b, "l ");
	pdfw_num(b, x12);
	pdfw_num(b, c->h - y2);
	buf_puts(b, "l f\n");
}

static void
gk_renderer_class_init(GkRendererClass *k)
{
	PangoRendererClass	*rc = PANGO_RENDERER_CLASS(k);

	rc->draw_glyph_item = draw_glyph_item;
	rc->draw_glyphs = draw_glyphs;
	rc->draw_rectangle = draw_rectangle;
	rc->draw_trapezoid = draw_trapezoid;
}

static void
gk_renderer_init(GkRenderer *r)
{
	r->c = NULL;
}

/* ----------------------------------------------------------- the calls */

struct pdf_canvas *
pdf_canvas_new(struct pdf_fonts *fonts, double w, double h, double bleed,
    const char *title, const char *author, long day, struct buf *out)
{
	struct pdf_canvas	*c = xcalloc(1, sizeof(*c));
	struct pdfw_box		 trim, media;
	struct pdfw_info	 info;

	memset(&info, 0, sizeof(info));
	info.title = title;
	info.author = author;
	info.creator = "gongkai";
	info.lang = "zh-CN";	/* as the site's pages say */
	info.day = day;
	info.prep = pdf_font_prep(fonts);
	if (bleed > 0) {
		/* Where the sheet is cut, and how far artwork runs past. */
		trim.x0 = trim.y0 = bleed;
		trim.x1 = w - bleed;
		trim.y1 = h - bleed;
		media.x0 = media.y0 = 0;
		media.x1 = w;
		media.y1 = h;
		info.trim = &trim;
		info.bleed = &media;
	}
	c->w = pdfw_new(w, h, &info);
	c->out = out;
	c->h = h;
	state_reset(c);
	c->r = g_object_new(gk_renderer_get_type(), NULL);
	((GkRenderer *)c->r)->c = c;
	return c;
}

int
pdf_canvas_finish(struct pdf_canvas *c, const char *path)
{
	size_t	 i;
	int	 rc;

	rc = pdfw_finish(c->w, path, c->out);
	for (i = 0; i < c->ncf; i++)
		g_object_unref(c->cf[i].pf);
	g_object_unref(c->r);
	buf_dispose(&c->path);
	g_free(c->ltext);
	free(c->cf);
	free(c->img);
	free(c);
	return rc;
}

void
pdf_canvas_page(struct pdf_canvas *c)
{
	if (c == NULL)
		return;
	pdfw_page(c->w);
	state_reset(c);
}

void
pdf_canvas_grey(struct pdf_canvas *c, double g)
{
	if (c != NULL)
		c->src[0] = c->src[1] = c->src[2] = g;
}

void
pdf_canvas_rgb(struct pdf_canvas *c, const double rgb[3])
{
	if (c != NULL)
		memcpy(c->src, rgb, sizeof(c->src));
}

void
pdf_canvas_rect(struct pdf_canvas *c, double x, double y, double w,
    double h)
{
	if (c == NULL)
		return;
	pdfw_num(&c->path, x);
	pdfw_num(&c->path, c->h - y - h);
	pdfw_num(&c->path, w);
	pdfw_num(&c->path, h);
	buf_puts(&c->path, "re\n");
	link_cover(c, x, c->h - y - h, x + w, c->h - y);
}

void
pdf_canvas_line(struct pdf_canvas *c, double x0, double y0, double x1,
    double y1)
{
	if (c == NULL)
		return;
	pdfw_num(&c->path, x0);
	pdfw_num(&c->path, c->h - y0);
	buf_puts(&c->path, "m ");
	pdfw_num(&c->path, x1);
	pdfw_num(&c->path, c->h - y1);
	buf_puts(&c->path, "l\n");
}

/* Paints the path with op ("f", "S") and clears it. */
static void
paint(struct pdf_canvas *c, const char *op)
{
	struct buf	*b = pdfw_ops(c->w);

	buf_put(b, c->path.data, c->path.len);
	buf_puts(b, op);
	buf_reset(&c->path);
}

void
pdf_canvas_fill(struct pdf_canvas *c)
{
	if (c == NULL)
		return;
	use_fill(c, c->src);
	paint(c, "f\n");
}

void
pdf_canvas_stroke(struct pdf_canvas *c, double width)
{
	if (c == NULL)
		return;
	use_stroke(c, c->src, width);
	paint(c, "S\n");
}

void
pdf_canvas_dots(struct pdf_canvas *c, double x0, double x1, double y,
    double size, double gap)
{
	struct buf	*b;

	if (c == NULL)
		return;
	use_stroke(c, c->src, size);
	b = pdfw_ops(c->w);
	/* Dashes of length 0 with round caps are dots. */
	buf_puts(b, "1 J [0 ");
	pdfw_num(b, gap);
	buf_puts(b, "] 0 d\n");
	pdf_canvas_line(c, x0, y, x1, y);
	paint(c, "S\n[] 0 d 0 J\n");
}

void
pdf_canvas_line_at(struct pdf_canvas *c, const struct pdf_text *t, int i,
    double x, double base)
{
	PangoLayoutLine	*line;

	if (c == NULL)
		return;
	line = pango_layout_get_line_readonly(t->pl, i);
	pango_renderer_draw_layout_line(c->r, line, (int)(x * PANGO_SCALE),
	    (int)(base * PANGO_SCALE));
}

void
pdf_canvas_text(struct pdf_canvas *c, const struct pdf_text *t, double x,
    double y, int from, int to)
{
	int	 i;

	for (i = from; i < to && c != NULL; i++)
		pdf_canvas_line_at(c, t, i, x + t->x[i],
		    y + t->base[i] - t->top[from]);
}

void
pdf_canvas_image(struct pdf_canvas *c, const struct pdf_pic *pic, size_t id,
    double x, double y, double w, double h)
{
	struct pdfw_image	 im;
	struct pdfw_box		 r;

	if (c == NULL)
		return;
	if (id >= c->nimg) {
		xgrow(&c->img, &c->capimg, id + 1, sizeof(*c->img));
		memset(c->img + c->nimg, 0, (id + 1 - c->nimg) *
		    sizeof(*c->img));
		c->nimg = id + 1;
	}
	if (c->img[id] == 0) {
		memset(&im, 0, sizeof(im));
		im.w = pic->w;
		im.h = pic->h;
		im.comps = pic->comps;
		im.dct = pic->kind == PIC_JPEG;
		im.invert = pic->invert;
		im.lum = pic->lum;
		im.data = pic->data;
		im.len = pic->len;
		im.alpha = pic->alpha;
		im.alen = pic->alen;
		im.deflated = pic->kind == PIC_SAMPLES;
		im.orient = pic->orient;
		c->img[id] = pdfw_image(c->w, &im) + 1;
	}
	r.x0 = x;
	r.x1 = x + w;
	r.y0 = c->h - y - h;
	r.y1 = c->h - y;
	pdfw_image_draw(c->w, c->img[id] - 1, &r);
	link_cover(c, r.x0, r.y0, r.x1, r.y1);
}

void
pdf_canvas_bbox(struct pdf_canvas *c, int elem, double x, double y,
    double w, double h)
{
	struct pdfw_box	 r;

	if (c == NULL)
		return;
	r.x0 = x;
	r.x1 = x + w;
	r.y0 = c->h - y - h;
	r.y1 = c->h - y;
	pdfw_bbox(c->w, elem, &r);
}

void
pdf_canvas_outline(struct pdf_canvas *c, int level, const char *markup,
    int page, double x, double y)
{
	char	*text = NULL;

	if (c == NULL ||
	    !pango_parse_markup(markup, -1, 0, NULL, &text, NULL, NULL))
		return;
	pdfw_outline(c->w, level, text, page, x, c->h - y);
	g_free(text);
}

int
pdf_canvas_elem(struct pdf_canvas *c, int parent, const char *type)
{
	if (c == NULL)
		return -1;
	return pdfw_elem(c->w, parent, type);
}

/* The plain text of markup (markup itself if it does not parse), for
 * g_free. */
static char *
markup_text(const char *markup)
{
	char	*text = NULL;

	if (!pango_parse_markup(markup, -1, 0, NULL, &text, NULL, NULL))
		text = g_strdup(markup);
	return text;
}

void
pdf_canvas_alt(struct pdf_canvas *c, int elem, const char *markup)
{
	char	*text;

	if (c == NULL)
		return;
	text = markup_text(markup);
	pdfw_alt(c->w, elem, text);
	g_free(text);
}

void
pdf_canvas_attr(struct pdf_canvas *c, int elem, const char *owner,
    const char *key, const char *value)
{
	if (c != NULL)
		pdfw_attr(c->w, elem, owner, key, value);
}

void
pdf_canvas_mark(struct pdf_canvas *c, int what)
{
	if (c != NULL)
		pdfw_mark(c->w, what);
}

void
pdf_canvas_link_begin(struct pdf_canvas *c, int page, double x, double y,
    const char *markup)
{
	if (c == NULL)
		return;
	g_free(c->ltext);
	c->ltext = markup_text(markup);
	c->linking = 1;
	c->lany = 0;
	c->lpage = page;
	c->lx = x;
	c->ly = c->h - y;
}

void
pdf_canvas_link_end(struct pdf_canvas *c)
{
	if (c == NULL || !c->linking)
		return;
	if (c->lany)
		pdfw_link(c->w, &c->lbox, c->lpage, c->lx, c->ly, c->ltext);
	g_free(c->ltext);
	c->ltext = NULL;
	c->linking = 0;
}
