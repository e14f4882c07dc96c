/*
 * pdf_draw.c -- Pango text and the cairo PDF surface; see pdf_draw.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "buf.h"
#include "diag.h"
#include "pdf.h"
#include "pdf_font.h"
#include "util.h"

#define PS(x)	((double)(x) / PANGO_SCALE)
#define OUTLINE_LEVELS	8	/* outline nesting kept, levels 0-7 */

struct pdf_canvas {
	cairo_surface_t	*surf;	/* the PDF surface */
	cairo_t		*cr;	/* drawing on it */
	struct buf	*out;	/* where the bytes go, borrowed */
	int		 outline[OUTLINE_LEVELS]; /* last entry per level */
};

/* ------------------------------------------------------ line breaking */

/* Punctuation that never starts a line (避头) or ends one (避尾). */
static const char no_start[] =
    "，。、；：？！）》」』】〕〗〉”’…—～·．％‰,.;:?!)]}";
static const char no_end[] = "（《「『【〔〖〈“‘([{";

static int
in_set(const char *set, gunichar c)
{
	const char	*s;

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
 */
#define KINSOKU_MAX	256
#define STYLE_MAX	512

static void
kinsoku(const char *text, PangoAttrList *al)
{
	const char	*s, *prev = NULL, *next;
	gunichar	 c;
	size_t		 from = 0, to = 0, a, b;	/* pending range */
	int		 n = 0;

	for (s = text; *s != '\0' && n < KINSOKU_MAX; prev = s, s = next) {
		c = g_utf8_get_char(s);
		next = g_utf8_next_char(s);
		a = b = 0;
		if (prev != NULL && in_set(no_start, c)) {
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
	pango_layout_set_text(pl, text, -1);
	pango_layout_set_attributes(pl, al);
	pango_attr_list_unref(al);
	g_free(text);
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

void
pdf_text_make(struct pdf_text *t, struct pdf_fonts *f, const char *markup,
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
}

void
pdf_text_rewrap(struct pdf_text *t, double width, int words)
{
	/* A width of one Pango unit: as narrow as the breaks allow. */
	pango_layout_set_wrap(t->pl, words ? PANGO_WRAP_WORD :
	    PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(t->pl, words ? 1 :
	    (int)(width * PANGO_SCALE));
	text_read(t);
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

static cairo_status_t
write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* "YYYY-MM-DDT00:00:00Z" for a day number (proleptic Gregorian). */
static void
day_iso(long z, char *s, size_t n)
{
	long	 era, yoe, doe, doy, mp, y, m, d;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	if (y < 1 || y > 9999)
		y = 1970, m = 1, d = 1;
	snprintf(s, n, "%04d-%02d-%02dT00:00:00Z", (int)y, (int)m % 100,
	    (int)d % 100);
}

struct pdf_canvas *
pdf_canvas_new(double w, double h, const char *title, const char *author,
    long day, struct buf *out)
{
	struct pdf_canvas	*c = xcalloc(1, sizeof(*c));
	char			 date[32];
	int			 i;

	c->out = out;
	c->surf = cairo_pdf_surface_create_for_stream(write_cb, out, w, h);
	if (title != NULL)
		cairo_pdf_surface_set_metadata(c->surf,
		    CAIRO_PDF_METADATA_TITLE, title);
	if (author != NULL)
		cairo_pdf_surface_set_metadata(c->surf,
		    CAIRO_PDF_METADATA_AUTHOR, author);
	cairo_pdf_surface_set_metadata(c->surf, CAIRO_PDF_METADATA_CREATOR,
	    "gongkai");
	day_iso(day, date, sizeof(date));
	cairo_pdf_surface_set_metadata(c->surf,
	    CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(c->surf, CAIRO_PDF_METADATA_MOD_DATE,
	    date);
	c->cr = cairo_create(c->surf);
	for (i = 0; i < OUTLINE_LEVELS; i++)
		c->outline[i] = CAIRO_PDF_OUTLINE_ROOT;
	return c;
}

int
pdf_canvas_finish(struct pdf_canvas *c, const char *path)
{
	cairo_status_t	 st;

	cairo_destroy(c->cr);
	cairo_surface_finish(c->surf);
	st = cairo_surface_status(c->surf);
	cairo_surface_destroy(c->surf);
	free(c);
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_error(path, 0, 0, "cannot write pdf: %s",
		    cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

void
pdf_canvas_page(struct pdf_canvas *c)
{
	if (c != NULL)
		cairo_show_page(c->cr);
}

void
pdf_canvas_grey(struct pdf_canvas *c, double g)
{
	if (c != NULL)
		cairo_set_source_rgb(c->cr, g, g, g);
}

void
pdf_canvas_rgb(struct pdf_canvas *c, const double rgb[3])
{
	if (c != NULL)
		cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
}

void
pdf_canvas_rect(struct pdf_canvas *c, double x, double y, double w,
    double h)
{
	if (c != NULL)
		cairo_rectangle(c->cr, x, y, w, h);
}

void
pdf_canvas_line(struct pdf_canvas *c, double x0, double y0, double x1,
    double y1)
{
	if (c == NULL)
		return;
	cairo_move_to(c->cr, x0, y0);
	cairo_line_to(c->cr, x1, y1);
}

void
pdf_canvas_fill(struct pdf_canvas *c)
{
	if (c != NULL)
		cairo_fill(c->cr);
}

void
pdf_canvas_stroke(struct pdf_canvas *c, double width)
{
	if (c == NULL)
		return;
	cairo_set_line_width(c->cr, width);
	cairo_stroke(c->cr);
}

void
pdf_canvas_dots(struct pdf_canvas *c, double x0, double x1, double y,
    double size, double gap)
{
	double	 dash[2] = { 0, gap };

	if (c == NULL)
		return;
	cairo_set_line_width(c->cr, size);
	cairo_set_line_cap(c->cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_dash(c->cr, dash, 2, 0);
	cairo_move_to(c->cr, x0, y);
	cairo_line_to(c->cr, x1, y);
	cairo_stroke(c->cr);
	cairo_set_dash(c->cr, NULL, 0, 0);
	cairo_set_line_cap(c->cr, CAIRO_LINE_CAP_BUTT);
}

void
pdf_canvas_line_at(struct pdf_canvas *c, const struct pdf_text *t, int i,
    double x, double base)
{
	PangoLayoutLine	*line;

	if (c == NULL)
		return;
	line = pango_layout_get_line_readonly(t->pl, i);
	cairo_move_to(c->cr, x, base);
	pango_cairo_show_layout_line(c->cr, line);
	pdf_font_patch(c->cr, t->pl, line, x, base);
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
pdf_canvas_outline(struct pdf_canvas *c, int level, const char *markup,
    int page, double x, double y)
{
	char	*text = NULL, *link;
	int	 lv = level < OUTLINE_LEVELS ? level : OUTLINE_LEVELS - 1;
	int	 parent;

	if (c == NULL ||
	    !pango_parse_markup(markup, -1, 0, NULL, &text, NULL, NULL))
		return;
	parent = lv > 1 ? c->outline[lv - 1] : CAIRO_PDF_OUTLINE_ROOT;
	link = xasprintf("page=%d pos=[%.2f %.2f]", page, x, y);
	c->outline[lv] = cairo_pdf_surface_add_outline(c->surf, parent, text,
	    link, 0);
	if (lv + 1 < OUTLINE_LEVELS)
		c->outline[lv + 1] = c->outline[lv];
	free(link);
	g_free(text);
}

void
pdf_canvas_link_begin(struct pdf_canvas *c, int page, double x, double y)
{
	char	*link;

	if (c == NULL)
		return;
	link = xasprintf("page=%d pos=[%.2f %.2f]", page, x, y);
	cairo_tag_begin(c->cr, CAIRO_TAG_LINK, link);
	free(link);
}

void
pdf_canvas_link_end(struct pdf_canvas *c)
{
	if (c != NULL)
		cairo_tag_end(c->cr, CAIRO_TAG_LINK);
}
