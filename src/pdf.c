/*
 * pdf.c -- documents laid out with Pango and drawn with cairo; see pdf.h.
 *
 * The content calls turn their input into a flat list of blocks (text
 * in Pango markup, tables of markup cells, rules, QR codes, breaks).
 * pdf_finish() runs the same layout twice over that list: the first
 * run only measures and notes the page of every heading and the number
 * of pages; the second draws, now able to print both.  Pagination
 * never depends on those numbers, so both runs agree.
 *
 * All lengths inside are PDF points, y growing downwards from the top
 * of the sheet (cairo's user space).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "buf.h"
#include "diag.h"
#include "md.h"
#include "pdf.h"
#include "pdfbox.h"
#include "qr.h"
#include "util.h"

#define MM	(72.0 / 25.4)	/* points per millimetre */
#define PS(x)	((double)(x) / PANGO_SCALE)
#define EPS	0.01

/*
 * Headings are set bold in the body's family: every face a document
 * uses costs cairo 1.16 two full reads of its CFF table (16-27 MB in
 * the Noto CJK collections) and a subset of its own, so a document
 * uses two faces (Regular and Bold of one family), and Mono only when
 * it has code.
 */
enum font {
	F_BODY,		/* Noto Sans CJK SC */
	F_HEAD,		/* Noto Sans CJK SC (set bold) */
	F_MONO,		/* Noto Sans Mono CJK SC */
	F_N
};

static const char *const font_family[F_N] = {
	"Noto Sans CJK SC", "Noto Sans CJK SC", "Noto Sans Mono CJK SC"
};

struct pdf_fonts {
	PangoFontMap		*map;		/* cairo font map */
	PangoContext		*ctx;		/* zh-cn, unhinted metrics */
	PangoFontDescription	*fd[F_N];	/* family per enum font */
	char			 sig[65]; /* SHA-256 hex of the font files
					     and library versions */
};

enum blk_kind {
	B_TEXT,		/* paragraph, heading, code block */
	B_TABLE,	/* ruled grid */
	B_RULE,		/* horizontal rule */
	B_QR,		/* QR code with its URL */
	B_BREAK,	/* page break */
	B_BAND,		/* heading band */
	B_TOC		/* table of contents */
};

enum deco {
	D_NONE,
	D_CODE		/* shaded box behind the text */
};

#define MAXBAR	4	/* quote bars drawn beside a block */

struct table {
	size_t		 nrows;	/* rows, header rows first */
	size_t		 ncols;	/* columns */
	size_t		 nhead;	/* header rows (repeated on every page) */
	char		**cell;	/* nrows * ncols markup strings, never NULL */
	char		*align;	/* per column: 0, 'l', 'c', 'r' */
	unsigned char	*shade;	/* nrows * ncols: 1 for a shaded, bold cell */
};

struct blk {
	enum blk_kind	 kind;	  /* what this block is */
	char		*markup;  /* B_TEXT text, B_BAND/B_TOC title, B_QR URL
				     (Pango markup) */
	char		*markup2; /* B_TEXT list marker, B_BAND subtitle */
	enum font	 font;	  /* B_TEXT */
	double		 size;	  /* B_TEXT: font size; B_QR: side */
	int		 bold;	  /* B_TEXT */
	int		 level;	  /* B_TEXT: heading level or 0; B_TOC: depth */
	int		 toc;	  /* heading's entry in the toc, or -1 */
	double		 indent;  /* B_TEXT: left indent */
	double		 before;  /* space above, dropped at a page top */
	double		 after;	  /* space below */
	enum deco	 deco;	  /* B_TEXT */
	int		 nbar;	  /* B_TEXT: quote bars */
	double		 bar[MAXBAR]; /* their x offsets from the margin */
	struct table	*tab;	  /* B_TABLE */
	struct qr	 qr;	  /* B_QR */
	/* Laid out by the measuring run, drawn by the second: column
	 * widths are the same in both, so Pango works once. */
	struct lay	*lay;	  /* B_TEXT: the markup's layout */
	struct tlay	*tl;	  /* B_TABLE: the table's layouts */
};

struct toc_ent {
	size_t		 blk;	/* the heading's block */
	int		 page;	/* 1-based page, after the first run */
	double		 y;	/* its top on that page */
};

struct colours {
	double	text, muted, rule, shade, code;	/* greys */
	double	band[3];			/* band fill */
	double	head[3];			/* level-1 headings */
	const char *link;			/* link text colour */
};

struct pdf {
	char			*path;	/* for messages */
	struct pdf_fonts	*f;	/* borrowed */
	char			*title, *author;
	char			*footer; /* footer format or NULL */
	long			 day;	/* creation day */
	int			 grey;
	struct colours		 col;
	double	 W, H;		/* sheet (media) size */
	double	 bleed;		/* bleed */
	double	 margin;	/* margin inside the trim */
	double	 x0, x1;	/* text column (the current one) */
	double	 gx0, gx1;	/* the whole text area across columns */
	int	 ncols;		/* columns per page, 1 or more */
	double	 gap;		/* between columns */
	double	 ytop, ybot;	/* first and last usable y */
	double	 body;		/* body font size */
	double	 line;		/* body line height */
	struct blk		*b;	/* recorded blocks */
	size_t			 nb, capb;
	int			 has_toc;
	struct toc_ent		*toc;	/* headings in the toc */
	size_t			 ntoc, captoc;
	int			 pages;	/* after the measuring run */
	int			 done;	/* pdf_finish() ran */
	/* Markdown conversion state. */
	double			 md_indent;
	int			 md_nbar;
	double			 md_bar[MAXBAR];
	char			*md_marker; /* owned until a block takes it */
	int			 md_list; /* list nesting */
	int			 md_inlist; /* inside a list item */
	int			 md_hbase; /* level of a Markdown "#" */
};

/* One layout run: measuring (cr NULL) or drawing. */
struct run {
	struct pdf		*p;
	cairo_t			*cr;	/* NULL while measuring */
	cairo_surface_t		*surf;	/* the PDF surface, or NULL */
	int			 page;	/* current page, 1-based */
	double			 y;	/* next free y */
	int			 empty;	/* nothing on this page yet */
	int			 col;	/* current column, 0-based */
	double			 ctop;	/* where columns start on this page */
	int			 outline[8]; /* outline ids per level */
};

/* A laid-out piece of text with its lines' positions. */
struct lay {
	PangoLayout	*pl;
	int		 n;	/* lines */
	double		*top;	/* line tops, from the layout's top */
	double		*bot;	/* line bottoms */
	double		*base;	/* baselines */
	double		*x;	/* line origins, from the layout's left */
	double		*w;	/* line widths */
	double		 width;	/* widest line */
	double		 h;	/* height of all lines */
};

/* ---------------------------------------------------------------- fonts */

static void	fonts_sig(struct pdf_fonts *);

struct pdf_fonts *
pdf_fonts_new(void)
{
	struct pdf_fonts	*f;
	cairo_font_options_t	*fo;
	PangoFont		*font;
	int			 i;

	f = xcalloc(1, sizeof(*f));
	f->map = pango_cairo_font_map_new();
	f->ctx = pango_font_map_create_context(f->map);
	pango_context_set_language(f->ctx, pango_language_from_string("zh-cn"));
	pango_context_set_base_dir(f->ctx, PANGO_DIRECTION_LTR);
	pango_context_set_round_glyph_positions(f->ctx, FALSE);
	pango_cairo_context_set_resolution(f->ctx, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(f->ctx, fo);
	cairo_font_options_destroy(fo);
	for (i = 0; i < F_N; i++) {
		f->fd[i] = pango_font_description_from_string(font_family[i]);
		pango_font_description_set_absolute_size(f->fd[i],
		    10 * PANGO_SCALE);
		if (i == F_HEAD)
			pango_font_description_set_weight(f->fd[i],
			    PANGO_WEIGHT_BOLD);
		/* Load now: fontconfig's work happens once per process. */
		font = pango_font_map_load_font(f->map, f->ctx, f->fd[i]);
		if (font != NULL)
			g_object_unref(font);
	}
	fonts_sig(f);
	return f;
}

void
pdf_fonts_free(struct pdf_fonts *f)
{
	int	 i;

	if (f == NULL)
		return;
	for (i = 0; i < F_N; i++)
		pango_font_description_free(f->fd[i]);
	g_object_unref(f->ctx);
	g_object_unref(f->map);
	free(f);
}

/* ------------------------------------------------------------- digests */

/* Feeds a length-prefixed string (NULL differs from ""). */
static void
ck_str(GChecksum *ck, const char *s)
{
	char	 n[24];

	snprintf(n, sizeof(n), "%zd:", s != NULL ? (ssize_t)strlen(s) : -1);
	g_checksum_update(ck, (const guchar *)n, -1);
	if (s != NULL)
		g_checksum_update(ck, (const guchar *)s, -1);
}

static void
ck_num(GChecksum *ck, double d)
{
	char	 n[40];

	snprintf(n, sizeof(n), "%a;", d);
	g_checksum_update(ck, (const guchar *)n, -1);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Feeds a file's path, size and modification time (nanoseconds). */
static void
ck_file(GChecksum *ck, const char *path)
{
	struct stat	 st;

	ck_str(ck, path);
	if (stat(path, &st) == -1) {
		ck_num(ck, -1);
		return;
	}
	ck_num(ck, (double)st.st_size);
	ck_num(ck, (double)st.st_mtim.tv_sec);
	ck_num(ck, (double)st.st_mtim.tv_nsec);
}

/*
 * Feeds every file and folder under dir, in name order, to depth 4:
 * fontconfig falls back to any installed font for a character the
 * Noto faces lack, and installing or replacing one changes a folder's
 * time or a file's.
 */
static void
ck_tree(GChecksum *ck, const char *dir, int depth)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL, *sub;
	size_t		 n = 0, cap = 0, i;
	struct stat	 st;

	ck_file(ck, dir);
	if (depth > 4 || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xgrow(&names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), str_cmp);
	for (i = 0; i < n; i++) {
		sub = xasprintf("%s/%s", dir, names[i]);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			ck_tree(ck, sub, depth + 1);
		else
			ck_file(ck, sub);
		free(sub);
		free(names[i]);
	}
	free(names);
}

/*
 * The fonts' and libraries' part of every document's digest: cairo and
 * Pango versions, the file and face index of each face (regular and
 * bold), and the font folders fontconfig reads by default.
 */
static void
fonts_sig(struct pdf_fonts *f)
{
	GChecksum		*ck = g_checksum_new(G_CHECKSUM_SHA256);
	PangoFontDescription	*d;
	PangoFont		*font;
	cairo_scaled_font_t	*sf;
	FT_Face			 face;
	const char		*e;
	char			*dir;
	int			 i, bold;

	ck_str(ck, "gongkai pdf fonts 1");
	ck_str(ck, cairo_version_string());
	ck_str(ck, pango_version_string());
	for (i = 0; i < F_N; i++)
		for (bold = 0; bold < 2; bold++) {
			d = pango_font_description_copy(f->fd[i]);
			pango_font_description_set_weight(d, bold ?
			    PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
			font = pango_font_map_load_font(f->map, f->ctx, d);
			pango_font_description_free(d);
			sf = font != NULL ? pango_cairo_font_get_scaled_font(
			    PANGO_CAIRO_FONT(font)) : NULL;
			face = sf != NULL ?
			    cairo_ft_scaled_font_lock_face(sf) : NULL;
			if (face != NULL && face->stream != NULL) {
				ck_file(ck, face->stream->pathname.pointer);
				ck_num(ck, (double)face->face_index);
			} else
				ck_str(ck, NULL);
			if (face != NULL)
				cairo_ft_scaled_font_unlock_face(sf);
			if (font != NULL)
				g_object_unref(font);
		}
	ck_tree(ck, "/usr/share/fonts", 0);
	ck_tree(ck, "/usr/local/share/fonts", 0);
	if ((e = getenv("HOME")) != NULL && *e == '/') {
		dir = xasprintf("%s/.fonts", e);
		ck_tree(ck, dir, 0);
		free(dir);
		dir = xasprintf("%s/.local/share/fonts", e);
		ck_tree(ck, dir, 0);
		free(dir);
	}
	if ((e = getenv("XDG_DATA_HOME")) != NULL && *e == '/') {
		dir = xasprintf("%s/fonts", e);
		ck_tree(ck, dir, 0);
		free(dir);
	}
	ck_str(ck, getenv("FONTCONFIG_FILE"));
	ck_str(ck, getenv("FONTCONFIG_PATH"));
	snprintf(f->sig, sizeof(f->sig), "%s", g_checksum_get_string(ck));
	g_checksum_free(ck);
}

/* --------------------------------------------------------- line breaking */

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

/*
 * Adds allow_breaks=false around every character pair where a break
 * would leave closing punctuation at a line start or opening
 * punctuation at a line end.  Pango's UAX #14 rules already forbid
 * most of these; this makes the rule hold for every character in the
 * lists, also when a long run is broken between characters.
 */
static void
kinsoku(const char *text, PangoAttrList *al)
{
	const char	*s, *prev = NULL, *next;
	gunichar	 c;
	PangoAttribute	*a;

	for (s = text; *s != '\0'; prev = s, s = next) {
		c = g_utf8_get_char(s);
		next = g_utf8_next_char(s);
		if (prev != NULL && in_set(no_start, c)) {
			a = pango_attr_allow_breaks_new(FALSE);
			a->start_index = (guint)(prev - text);
			a->end_index = (guint)(next - text);
			pango_attr_list_insert(al, a);
		}
		if (*next != '\0' && in_set(no_end, c)) {
			a = pango_attr_allow_breaks_new(FALSE);
			a->start_index = (guint)(s - text);
			a->end_index = (guint)(g_utf8_next_char(next) - text);
			pango_attr_list_insert(al, a);
		}
	}
}

/* Sets markup (or plain text) on the layout, with the kinsoku rules. */
static void
lay_set(PangoLayout *pl, const char *markup, int plain)
{
	PangoAttrList	*al = NULL;
	char		*text = NULL;

	if (plain || !pango_parse_markup(markup, -1, 0, &al, &text, NULL,
	    NULL)) {
		/* Markup is built here from escaped text: cannot fail. */
		al = pango_attr_list_new();
		text = g_strdup(markup);
	}
	kinsoku(text, al);
	pango_layout_set_text(pl, text, -1);
	pango_layout_set_attributes(pl, al);
	pango_attr_list_unref(al);
	g_free(text);
}

static PangoLayout *
lay_new(struct pdf_fonts *f, const char *markup, int plain, enum font font,
    double size, int bold)
{
	PangoLayout		*pl;
	PangoFontDescription	*d;

	pl = pango_layout_new(f->ctx);
	d = pango_font_description_copy_static(f->fd[font]);
	pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(d, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(pl, d);
	pango_font_description_free(d);
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	lay_set(pl, markup, plain);
	return pl;
}

/* Reads the line positions of l->pl into l. */
static void
lay_read(struct lay *l)
{
	PangoLayoutIter	*it;
	PangoLayoutLine	*line;
	PangoRectangle	 log, ll;
	int		 i = 0;

	free(l->top);
	l->n = pango_layout_get_line_count(l->pl);
	l->top = xcalloc((size_t)l->n * 5, sizeof(double));
	l->bot = l->top + l->n;
	l->base = l->bot + l->n;
	l->x = l->base + l->n;
	l->w = l->x + l->n;
	l->width = l->h = 0;
	it = pango_layout_get_iter(l->pl);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		line = pango_layout_iter_get_line_readonly(it);
		pango_layout_line_get_extents(line, NULL, &ll);
		l->top[i] = PS(log.y);
		l->bot[i] = PS(log.y + log.height);
		l->base[i] = PS(pango_layout_iter_get_baseline(it));
		l->x[i] = PS(log.x - ll.x);
		l->w[i] = PS(log.width);
		if (l->w[i] > l->width)
			l->width = l->w[i];
		i++;
	} while (i < l->n && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	l->h = l->n ? l->bot[l->n - 1] : 0;
}

static void
lay_make(struct lay *l, struct pdf_fonts *f, const char *markup, int plain,
    enum font font, double size, int bold, double width, int align)
{
	memset(l, 0, sizeof(*l));
	l->pl = lay_new(f, markup, plain, font, size, bold);
	if (width > 0)
		pango_layout_set_width(l->pl, (int)(width * PANGO_SCALE));
	pango_layout_set_alignment(l->pl, align == 'c' ? PANGO_ALIGN_CENTER :
	    align == 'r' ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	lay_read(l);
}

static void
lay_dispose(struct lay *l)
{
	if (l->pl != NULL)
		g_object_unref(l->pl);
	free(l->top);
	memset(l, 0, sizeof(*l));
}

/* Draws lines [from, to) so that line from's top lands at y. */
/*
 * cairo 1.16's CFF subsetter drops the outline of a glyph of Noto Sans
 * CJK SC Regular (and Mono): 如 (U+5982), so it prints blank although
 * its text stays extractable.  Of the 1,014 distinct Han characters of
 * the demo content only 如 is hit; the Bold and Serif faces and the JP
 * face of the same file are not.  Over each such glyph its outline is
 * filled once more as a path (FreeType's outline, not the subset), so
 * the page shows it and the text layer keeps it.
 */
static int
glyph_lost(gunichar c)
{
	return c == 0x5982;
}

static void
glyph_patch(cairo_t *cr, PangoLayout *pl, PangoLayoutLine *line, double x,
    double y)
{
	const char		*text = pango_layout_get_text(pl);
	GSList			*r;
	PangoGlyphItem		*gi;
	PangoGlyphString	*gs;
	cairo_scaled_font_t	*sf;
	cairo_glyph_t		 g;
	double			 gx = x;
	int			 i;

	if (cairo_version() >= CAIRO_VERSION_ENCODE(1, 17, 0))
		return;
	for (r = line->runs; r != NULL; r = r->next) {
		gi = r->data;
		gs = gi->glyphs;
		sf = NULL;
		for (i = 0; i < gs->num_glyphs; gx += PS(gs->glyphs[i++].
		    geometry.width)) {
			if (!glyph_lost(g_utf8_get_char(text + gi->item->offset +
			    gs->log_clusters[i])))
				continue;
			if (sf == NULL)
				sf = pango_cairo_font_get_scaled_font(
				    PANGO_CAIRO_FONT(gi->item->analysis.font));
			if (sf == NULL)
				break;
			g.index = gs->glyphs[i].glyph;
			g.x = gx + PS(gs->glyphs[i].geometry.x_offset);
			g.y = y + PS(gs->glyphs[i].geometry.y_offset);
			cairo_save(cr);
			cairo_set_scaled_font(cr, sf);
			cairo_new_path(cr);
			cairo_glyph_path(cr, &g, 1);
			cairo_fill(cr);
			cairo_restore(cr);
		}
	}
}

static void
lay_draw(cairo_t *cr, const struct lay *l, double x, double y, int from,
    int to)
{
	int	 i;

	if (cr == NULL)
		return;
	for (i = from; i < to; i++) {
		cairo_move_to(cr, x + l->x[i], y + l->base[i] - l->top[from]);
		pango_cairo_show_layout_line(cr,
		    pango_layout_get_line_readonly(l->pl, i));
		glyph_patch(cr, l->pl, pango_layout_get_line_readonly(l->pl,
		    i), x + l->x[i], y + l->base[i] - l->top[from]);
	}
}

void
pdf_wrap(struct pdf_fonts *f, const char *text, double width_pt,
    double size_pt, struct buf *out)
{
	struct lay	 l;
	PangoLayoutLine	*line;
	const char	*t;
	int		 i;

	lay_make(&l, f, text, 1, F_BODY, size_pt, 0, width_pt, 0);
	t = pango_layout_get_text(l.pl);
	for (i = 0; i < l.n; i++) {
		line = pango_layout_get_line_readonly(l.pl, i);
		if (i > 0)
			buf_putc(out, '\n');
		buf_put(out, t + line->start_index, (size_t)line->length);
	}
	lay_dispose(&l);
}

/* ------------------------------------------------------------- document */

struct paper {
	const char	*name;
	double		 w, h;		/* portrait, mm */
	double		 margin;	/* mm */
	double		 body;		/* default body size, pt */
};

static const struct paper papers[] = {
	{ "A4", 210, 297, 15, 11 },
	{ "A3", 297, 420, 18, 14 },
	{ "A2", 420, 594, 24, 19 },
	{ "A1", 594, 841, 30, 26 },
};

/* 1 if fmt has only "%d" (at most twice) and "%%" conversions. */
static int
footer_ok(const char *fmt)
{
	int	 n = 0;

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%')
			continue;
		fmt++;
		if (*fmt == 'd')
			n++;
		else if (*fmt != '%')
			return 0;
	}
	return n <= 2;
}

/* Expands a footer format with the page number and the total. */
static void
footer_expand(struct buf *out, const char *fmt, int page, int total)
{
	int	 n = 0;

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			buf_putc(out, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '%')
			buf_putc(out, '%');
		else
			buf_printf(out, "%d", n++ == 0 ? page : total);
	}
}

static void
colours_set(struct colours *c, int grey)
{
	c->text = 0;
	c->muted = 0.35;
	c->rule = 0.55;
	c->shade = 0.9;
	c->code = 0.95;
	if (grey) {
		c->band[0] = c->band[1] = c->band[2] = 0.2;
		c->head[0] = c->head[1] = c->head[2] = 0;
		c->link = NULL;
	} else {
		c->band[0] = 0.66; c->band[1] = 0.09; c->band[2] = 0.09;
		c->head[0] = 0.55; c->head[1] = 0.05; c->head[2] = 0.05;
		c->link = "#17407f";
	}
}

int
pdf_new(const char *path, const struct pdf_opts *o, struct pdf_fonts *f,
    struct pdf **out)
{
	const struct paper	*pp = NULL;
	const char		*name = o->paper ? o->paper : "A4";
	struct pdf		*p;
	double			 w, h;
	size_t			 i;

	*out = NULL;
	for (i = 0; i < sizeof(papers) / sizeof(papers[0]); i++)
		if (strcasecmp(papers[i].name, name) == 0)
			pp = &papers[i];
	if (pp == NULL) {
		diag_error(path, 0, 0, "unknown paper size '%s'", name);
		return -1;
	}
	if (!(o->bleed_mm >= 0 && o->bleed_mm <= 20)) {
		diag_error(path, 0, 0, "bleed '%g' mm is not between 0 and 20",
		    o->bleed_mm);
		return -1;
	}
	if (!(o->body_pt == 0 || (o->body_pt >= 4 && o->body_pt <= 96))) {
		diag_error(path, 0, 0, "body size '%g' pt is not between 4 "
		    "and 96", o->body_pt);
		return -1;
	}
	if (o->footer_fmt != NULL && !footer_ok(o->footer_fmt)) {
		diag_error(path, 0, 0, "footer format '%s' may only use %%d "
		    "twice and %%%%", o->footer_fmt);
		return -1;
	}
	p = xcalloc(1, sizeof(*p));
	p->path = xstrdup(path);
	p->f = f;
	p->title = o->title ? xstrdup(o->title) : NULL;
	p->author = o->author ? xstrdup(o->author) : NULL;
	p->footer = o->footer_fmt ? xstrdup(o->footer_fmt) : NULL;
	p->day = o->creation_day;
	p->grey = o->grey;
	colours_set(&p->col, o->grey);
	w = (o->landscape ? pp->h : pp->w) * MM;
	h = (o->landscape ? pp->w : pp->h) * MM;
	p->bleed = o->bleed_mm * MM;
	p->W = w + 2 * p->bleed;
	p->H = h + 2 * p->bleed;
	p->margin = pp->margin * MM;
	p->body = o->body_pt > 0 ? o->body_pt : pp->body;
	p->line = p->body * 1.45;
	p->gx0 = p->x0 = p->bleed + p->margin;
	p->gx1 = p->x1 = p->W - p->bleed - p->margin;
	p->ncols = o->columns > 1 ? o->columns : 1;
	p->gap = p->margin;
	if (p->ncols > 1)
		p->x1 = p->x0 + (p->gx1 - p->gx0 - (p->ncols - 1) * p->gap) /
		    p->ncols;
	p->ytop = p->bleed + p->margin;
	p->ybot = p->H - p->bleed - p->margin;
	if (p->footer != NULL)
		p->ybot -= p->line;
	*out = p;
	return 0;
}

static void	tlay_dispose(const struct table *, struct tlay *);

static void
table_free(struct table *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
	free(t->align);
	free(t->shade);
	free(t);
}

void
pdf_free(struct pdf *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nb; i++) {
		if (p->b[i].lay != NULL) {
			lay_dispose(p->b[i].lay);
			free(p->b[i].lay);
		}
		if (p->b[i].tl != NULL) {
			tlay_dispose(p->b[i].tab, p->b[i].tl);
			free(p->b[i].tl);
		}
		free(p->b[i].markup);
		free(p->b[i].markup2);
		table_free(p->b[i].tab);
		qr_dispose(&p->b[i].qr);
	}
	free(p->b);
	free(p->toc);
	free(p->md_marker);
	free(p->path);
	free(p->title);
	free(p->author);
	free(p->footer);
	free(p);
}

static struct blk *
blk_add(struct pdf *p, enum blk_kind kind)
{
	struct blk	*b;

	xgrow(&p->b, &p->capb, p->nb + 1, sizeof(*p->b));
	b = &p->b[p->nb++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->toc = -1;
	return b;
}

static char *
esc(const char *s)
{
	gchar	*e = g_markup_escape_text(s, -1);
	char	*r = xstrdup(e);

	g_free(e);
	return r;
}

/* Font size of a heading level. */
static double
head_size(const struct pdf *p, int level)
{
	static const double	 k[] = { 1.7, 1.4, 1.2, 1.08, 1.0, 1.0 };

	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	return p->body * k[level - 1];
}

void
pdf_heading_band(struct pdf *p, const char *title, const char *subtitle)
{
	struct blk	*b = blk_add(p, B_BAND);

	b->markup = esc(title);
	b->markup2 = subtitle ? esc(subtitle) : NULL;
}

/* A heading block from markup. */
static struct blk *
heading_add(struct pdf *p, int level, char *markup)
{
	struct blk	*b = blk_add(p, B_TEXT);
	double		 s = head_size(p, level);

	b->markup = markup;
	b->level = level < 1 ? 1 : level > 6 ? 6 : level;
	b->font = level <= 2 ? F_HEAD : F_BODY;
	b->bold = 1;
	b->size = s;
	b->before = s * (level <= 1 ? 1.0 : 0.8);
	b->after = s * 0.4;
	b->indent = p->md_indent;
	return b;
}

void
pdf_heading(struct pdf *p, int level, const char *text)
{
	heading_add(p, level, esc(text));
}

void
pdf_toc(struct pdf *p, const char *title, int depth)
{
	struct blk	*b;

	if (p->has_toc)
		return;
	p->has_toc = 1;
	b = blk_add(p, B_TOC);
	b->markup = esc(title);
	b->level = depth < 1 ? 1 : depth;
}

void
pdf_page_break(struct pdf *p)
{
	blk_add(p, B_BREAK);
}

/* ------------------------------------------------------------- markdown */

/* 1 if c is a CJK character or punctuation (no space at a soft break). */
static int
is_cjk(gunichar c)
{
	return c >= 0x2e80 && !(c >= 0xfb00 && c <= 0xfe0f);
}

/* The first character of text under n or its following siblings. */
static gunichar
mk_first(const struct mnode *n)
{
	gunichar	 c;

	for (; n != NULL; n = n->next) {
		if ((n->type == MN_TEXT || n->type == MN_CODE) &&
		    n->text != NULL && n->text[0] != '\0')
			return g_utf8_get_char(n->text);
		if ((c = mk_first(n->child)) != 0)
			return c;
	}
	return 0;
}

/* The last character in the markup so far (entities end in ';'). */
static gunichar
mk_last(const struct buf *m)
{
	const char	*s;

	if (m->len == 0)
		return 0;
	s = g_utf8_find_prev_char(m->data, m->data + m->len);
	return s ? g_utf8_get_char(s) : 0;
}

static void
mk_text(struct buf *m, const char *s)
{
	gchar	*e;

	if (s == NULL)
		return;
	e = g_markup_escape_text(s, -1);
	buf_puts(m, e);
	g_free(e);
}

/* Appends the Pango markup of an inline sequence. */
static void
mk_inline(struct pdf *p, struct buf *m, const struct mnode *n)
{
	gunichar	 a, b;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case MN_TEXT:
			mk_text(m, n->text);
			break;
		case MN_SOFTBREAK:
			a = mk_last(m);
			b = mk_first(n->next);
			if (a != 0 && b != 0 && !is_cjk(a) && !is_cjk(b))
				buf_putc(m, ' ');
			break;
		case MN_LINEBREAK:
			buf_putc(m, '\n');
			break;
		case MN_CODE:
			buf_printf(m, "<span font_family=\"%s\" "
			    "background=\"#ececec\">", font_family[F_MONO]);
			mk_text(m, n->text);
			buf_puts(m, "</span>");
			break;
		case MN_EMPH:
			buf_puts(m, "<i>");
			mk_inline(p, m, n->child);
			buf_puts(m, "</i>");
			break;
		case MN_STRONG:
			buf_puts(m, "<b>");
			mk_inline(p, m, n->child);
			buf_puts(m, "</b>");
			break;
		case MN_STRIKE:
			buf_puts(m, "<s>");
			mk_inline(p, m, n->child);
			buf_puts(m, "</s>");
			break;
		case MN_LINK:
			if (p->col.link != NULL)
				buf_printf(m, "<span foreground=\"%s\">",
				    p->col.link);
			buf_puts(m, "<u>");
			mk_inline(p, m, n->child);
			buf_puts(m, "</u>");
			if (p->col.link != NULL)
				buf_puts(m, "</span>");
			/* On paper an absolute URL is worth printing. */
			if (n->url != NULL && (str_prefix(n->url, "http://") ||
			    str_prefix(n->url, "https://")) &&
			    !(n->child != NULL && n->child->type == MN_TEXT &&
			    n->child->next == NULL &&
			    strcmp(n->child->text, n->url) == 0)) {
				buf_puts(m, "<span size=\"smaller\">（");
				mk_text(m, n->url);
				buf_puts(m, "）</span>");
			}
			break;
		case MN_IMAGE:
			buf_puts(m, "［图：");
			mk_inline(p, m, n->child);
			buf_puts(m, "］");
			break;
		default:
			/* A block where inlines are expected: its text. */
			mk_inline(p, m, n->child);
			break;
		}
	}
}

/* A body-text block at the current Markdown indent, taking the marker. */
static struct blk *
mk_textblk(struct pdf *p, char *markup)
{
	struct blk	*b = blk_add(p, B_TEXT);

	b->markup = markup;
	b->markup2 = p->md_marker;
	p->md_marker = NULL;
	b->font = F_BODY;
	b->size = p->body;
	b->indent = p->md_indent;
	b->after = p->md_inlist ? p->body * 0.25 : p->body * 0.6;
	b->nbar = p->md_nbar;
	memcpy(b->bar, p->md_bar, sizeof(b->bar));
	return b;
}

static void
mk_table(struct pdf *p, const struct mnode *t)
{
	const struct mnode	*r, *c;
	struct table		*tab;
	struct blk		*b;
	struct buf		 m = BUF_INIT;
	size_t			 nr = 0, nc = 0, k, i, j;

	for (r = t->child; r != NULL; r = r->next) {
		nr++;
		for (k = 0, c = r->child; c != NULL; c = c->next)
			k++;
		if (k > nc)
			nc = k;
	}
	if (nr == 0 || nc == 0)
		return;
	tab = xcalloc(1, sizeof(*tab));
	tab->nrows = nr;
	tab->ncols = nc;
	tab->cell = xcalloc(nr * nc, sizeof(char *));
	tab->align = xcalloc(nc, 1);
	tab->shade = xcalloc(nr * nc, 1);
	for (i = 0, r = t->child; r != NULL; r = r->next, i++) {
		if (r->header && i == tab->nhead)
			tab->nhead++;
		for (j = 0, c = r->child; j < nc; j++) {
			if (c != NULL) {
				mk_inline(p, &m, c->child);
				if (i == 0)
					tab->align[j] = (char)c->align;
				c = c->next;
			}
			tab->cell[i * nc + j] = xstrdup(m.data);
			tab->shade[i * nc + j] = r->header;
			buf_reset(&m);
		}
	}
	buf_dispose(&m);
	b = blk_add(p, B_TABLE);
	b->tab = tab;
	b->before = p->body * 0.3;
	b->after = p->body * 0.8;
	b->indent = p->md_indent;
}

static void mk_blocks(struct pdf *, const struct mnode *);

static void
mk_list(struct pdf *p, const struct mnode *l)
{
	static const char *const bullets[] = { "•", "◦", "▪" };
	const struct mnode	*it;
	double			 step = p->body * 2;
	int			 num = l->start;
	int			 inlist = p->md_inlist;

	p->md_indent += step;
	p->md_inlist = 1;
	p->md_list++;
	for (it = l->child; it != NULL; it = it->next) {
		free(p->md_marker);
		if (l->ordered)
			p->md_marker = xasprintf("%d.", num++);
		else
			p->md_marker = xstrdup(bullets[(p->md_list - 1) % 3]);
		mk_blocks(p, it->child);
	}
	free(p->md_marker);
	p->md_marker = NULL;
	p->md_list--;
	p->md_inlist = inlist;
	p->md_indent -= step;
	if (p->md_list == 0 && p->nb > 0 && p->b[p->nb - 1].kind == B_TEXT)
		p->b[p->nb - 1].after = p->body * 0.6;
}

static void
mk_blocks(struct pdf *p, const struct mnode *n)
{
	struct buf	 m = BUF_INIT;
	struct blk	*b;
	size_t		 len;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case MN_DOC:
		case MN_ITEM:
			mk_blocks(p, n->child);
			break;
		case MN_HEADING:
			mk_inline(p, &m, n->child);
			b = heading_add(p, n->level + p->md_hbase - 1,
			    buf_detach(&m, NULL));
			b->toc = -2;	/* not in the toc */
			break;
		case MN_LIST:
			mk_list(p, n);
			break;
		case MN_QUOTE:
			if (p->md_nbar < MAXBAR)
				p->md_bar[p->md_nbar++] = p->md_indent;
			p->md_indent += p->body * 1.5;
			mk_blocks(p, n->child);
			p->md_indent -= p->body * 1.5;
			if (p->md_nbar > 0 &&
			    p->md_bar[p->md_nbar - 1] == p->md_indent)
				p->md_nbar--;
			break;
		case MN_CODE_BLOCK:
			mk_text(&m, n->text);
			len = m.len;
			while (len > 0 && m.data[len - 1] == '\n')
				len--;
			buf_truncate(&m, len);
			b = mk_textblk(p, buf_detach(&m, NULL));
			b->font = F_MONO;
			b->size = p->body * 0.9;
			b->deco = D_CODE;
			b->before = p->body * 0.2;
			b->after = p->body * 0.8;
			break;
		case MN_HR:
			blk_add(p, B_RULE);
			break;
		case MN_TABLE:
			mk_table(p, n);
			break;
		case MN_PARA:
			mk_inline(p, &m, n->child);
			mk_textblk(p, buf_detach(&m, NULL));
			break;
		default:
			/* Inlines at block level: one paragraph of them. */
			mk_inline(p, &m, n);
			mk_textblk(p, buf_detach(&m, NULL));
			buf_dispose(&m);
			return;
		}
	}
	buf_dispose(&m);
}

void
pdf_markdown(struct pdf *p, const struct mnode *doc)
{
	pdf_markdown_at(p, doc, 2);
}

void
pdf_markdown_at(struct pdf *p, const struct mnode *doc, int level)
{
	p->md_hbase = level < 1 ? 1 : level;
	p->md_indent = 0;
	p->md_nbar = 0;
	p->md_list = 0;
	p->md_inlist = 0;
	mk_blocks(p, doc);
	free(p->md_marker);
	p->md_marker = NULL;
}

void
pdf_meta_table(struct pdf *p, const struct pdf_meta *rows, size_t n)
{
	struct table	*t;
	struct blk	*b;
	size_t		 i, k;

	if (n == 0)
		return;
	t = xcalloc(1, sizeof(*t));
	t->ncols = 4;
	t->nrows = (n + 1) / 2;
	t->cell = xcalloc(t->nrows * t->ncols, sizeof(char *));
	t->align = xcalloc(t->ncols, 1);
	t->shade = xcalloc(t->nrows * t->ncols, 1);
	for (i = 0; i < t->nrows * 2; i++) {
		k = (i / 2) * 4 + (i % 2) * 2;
		t->cell[k] = i < n ? esc(rows[i].label) : xstrdup("");
		t->cell[k + 1] = i < n ? esc(rows[i].value) : xstrdup("");
		t->shade[k] = 1;
	}
	b = blk_add(p, B_TABLE);
	b->tab = t;
	b->before = p->body * 0.3;
	b->after = p->body * 1.0;
}

int
pdf_qr(struct pdf *p, const char *url, double size_mm)
{
	return pdf_qr_text(p, url, url, size_mm);
}

int
pdf_qr_text(struct pdf *p, const char *url, const char *text,
    double size_mm)
{
	struct qr	 q;
	struct blk	*b;

	if (qr_encode(p->path, url, &q) == -1)
		return -1;
	b = blk_add(p, B_QR);
	b->qr = q;
	b->markup = esc(text);
	b->size = size_mm * MM;
	b->before = p->body * 0.5;
	b->after = p->body * 0.5;
	return 0;
}

void
pdf_qr_code(struct pdf *p, const struct qr *q, const char *text,
    double size_mm)
{
	struct blk	*b = blk_add(p, B_QR);
	size_t		 n = (size_t)q->width * (size_t)q->width;

	b->qr.width = q->width;
	b->qr.dark = xmalloc(n);
	memcpy(b->qr.dark, q->dark, n);
	b->markup = esc(text);
	b->size = size_mm * MM;
	b->before = p->body * 0.5;
	b->after = p->body * 0.5;
}

/* ---------------------------------------------------------------- layout */

static void
set_grey(cairo_t *cr, double g)
{
	cairo_set_source_rgb(cr, g, g, g);
}

/* Crop marks: at each trim corner, two lines in the bleed area. */
static void
crop_marks(struct run *r)
{
	struct pdf	*p = r->p;
	cairo_t		*cr = r->cr;
	double		 b = p->bleed, len = b * 0.7;
	double		 xs[2] = { b, p->W - b }, ys[2] = { b, p->H - b };
	int		 i, j, pass;

	if (b <= 0)
		return;
	for (pass = 0; pass < 2; pass++) {
		/* A white halo first, so the marks show on the band. */
		set_grey(cr, pass == 0 ? 1 : 0);
		cairo_set_line_width(cr, pass == 0 ? 1.0 : 0.3);
		for (i = 0; i < 2; i++)
			for (j = 0; j < 2; j++) {
				cairo_move_to(cr, i ? p->W : 0, ys[j]);
				cairo_line_to(cr, i ? p->W - len : len, ys[j]);
				cairo_move_to(cr, xs[i], j ? p->H : 0);
				cairo_line_to(cr, xs[i], j ? p->H - len : len);
			}
		cairo_stroke(cr);
	}
}

static void
page_end(struct run *r)
{
	struct pdf	*p = r->p;
	struct buf	 t = BUF_INIT;
	struct lay	 l;

	if (r->cr == NULL)
		return;
	if (p->footer != NULL) {
		footer_expand(&t, p->footer, r->page, p->pages);
		lay_make(&l, p->f, t.data, 1, F_BODY, p->body * 0.8, 0,
		    p->gx1 - p->gx0, 'c');
		set_grey(r->cr, p->col.muted);
		lay_draw(r->cr, &l, p->gx0, p->H - p->bleed - p->margin * 0.55
		    - l.h, 0, l.n);
		lay_dispose(&l);
		buf_dispose(&t);
	}
	crop_marks(r);
}

/* Puts the text column at column c of the page. */
static void
column_set(struct run *r, int c)
{
	struct pdf	*p = r->p;
	double		 w = p->x1 - p->x0;

	r->col = c;
	p->x0 = p->gx0 + c * (w + p->gap);
	p->x1 = p->x0 + w;
}

/* Continues on a new sheet. */
static void
sheet_new(struct run *r)
{
	page_end(r);
	if (r->cr != NULL)
		cairo_show_page(r->cr);
	r->page++;
	r->y = r->ctop = r->p->ytop;
	r->empty = 1;
	column_set(r, 0);
}

/* Continues in the next column, or on a new sheet after the last. */
static void
page_new(struct run *r)
{
	if (r->col + 1 < r->p->ncols) {
		column_set(r, r->col + 1);
		r->y = r->ctop;
		r->empty = 1;
		return;
	}
	sheet_new(r);
}

/* Space above a block, unless at the top of a page. */
static void
space(struct run *r, double h)
{
	if (!r->empty)
		r->y += h;
}

static void
band(struct run *r, const struct blk *b)
{
	struct pdf	*p = r->p;
	struct lay	 t, s;
	double		 pad = p->margin * 0.6, w = p->gx1 - p->gx0, h;

	if (!r->empty || r->col != 0)
		sheet_new(r);
	lay_make(&t, p->f, b->markup, 0, F_HEAD, p->body * 2.2, 1, w, 0);
	memset(&s, 0, sizeof(s));
	if (b->markup2 != NULL)
		lay_make(&s, p->f, b->markup2, 0, F_BODY, p->body * 1.1, 0,
		    w, 0);
	h = pad + t.h + (s.pl ? p->body * 0.3 + s.h : 0) + pad;
	if (r->cr != NULL) {
		cairo_set_source_rgb(r->cr, p->col.band[0], p->col.band[1],
		    p->col.band[2]);
		cairo_rectangle(r->cr, 0, 0, p->W, p->bleed + h);
		cairo_fill(r->cr);
		set_grey(r->cr, 1);
		lay_draw(r->cr, &t, p->gx0, p->bleed + pad, 0, t.n);
		if (s.pl)
			lay_draw(r->cr, &s, p->gx0, p->bleed + pad + t.h +
			    p->body * 0.3, 0, s.n);
	}
	lay_dispose(&t);
	lay_dispose(&s);
	r->y = r->ctop = p->bleed + h + p->body * 1.2;
	r->empty = 0;
}

/* Adds an outline entry (bookmark) for a heading being drawn. */
static void
outline_add(struct run *r, const struct blk *b, double y)
{
	char	*text = NULL, *link;
	int	 parent, lv = b->level < 8 ? b->level : 7;

	if (r->surf == NULL ||
	    !pango_parse_markup(b->markup, -1, 0, NULL, &text, NULL, NULL))
		return;
	parent = lv > 1 ? r->outline[lv - 1] : CAIRO_PDF_OUTLINE_ROOT;
	link = xasprintf("page=%d pos=[%.2f %.2f]", r->page, r->p->x0, y);
	r->outline[lv] = cairo_pdf_surface_add_outline(r->surf, parent, text,
	    link, 0);
	if (lv + 1 < 8)
		r->outline[lv + 1] = r->outline[lv];
	free(link);
	g_free(text);
}

/* Lays text block b out for the current column width, once. */
static struct lay *
text_lay(struct run *r, struct blk *b)
{
	struct pdf	*p = r->p;
	double		 padx = b->deco == D_CODE ? p->body * 0.6 : 0;

	if (b->lay == NULL) {
		b->lay = xcalloc(1, sizeof(*b->lay));
		lay_make(b->lay, p->f, b->markup, 0, b->font, b->size,
		    b->bold, p->x1 - (p->x0 + b->indent) - 2 * padx, 0);
	}
	return b->lay;
}

/*
 * What a heading must keep with it on its page: the headings that
 * follow it directly (a category heading, then an item's title) and
 * two lines of what comes after them, so no heading ends a column.
 */
static double
heading_keep(struct run *r, struct blk *b)
{
	struct pdf	*p = r->p;
	struct blk	*n;
	double		 keep = 2 * p->line;

	for (n = b + 1; n < p->b + p->nb && n->kind == B_TEXT && n->level;
	    n++)
		keep += n->before + text_lay(r, n)->h;
	return keep;
}

static void
text_blk(struct run *r, struct blk *b)
{
	struct pdf	*p = r->p;
	struct lay	 mk, *l;
	double		 padx = 0, pady = 0, x, avail, h, keep;
	int		 i, j;

	if (b->deco == D_CODE) {
		padx = p->body * 0.6;
		pady = p->body * 0.4;
	}
	x = p->x0 + b->indent;
	l = text_lay(r, b);
	space(r, b->before);
	keep = b->level ? heading_keep(r, b) : 0;
	if (!r->empty && r->y + l->h + keep > p->ybot)
		page_new(r);
	if (b->toc >= 0 && r->cr == NULL) {
		p->toc[b->toc].page = r->page;
		p->toc[b->toc].y = r->y;
	}
	if (b->level && b->toc >= 0)
		outline_add(r, b, r->y);
	for (i = 0; i < l->n; i = j) {
		x = p->x0 + b->indent;	/* the column may have changed */
		avail = p->ybot - r->y - 2 * pady;
		for (j = i; j < l->n && l->bot[j] - l->top[i] <= avail + EPS; j++)
			;
		if (j == i) {
			if (!r->empty) {
				page_new(r);
				continue;
			}
			j = i + 1;	/* a line taller than the page */
		}
		h = l->bot[j - 1] - l->top[i] + 2 * pady;
		if (r->cr != NULL) {
			int	 k;

			if (b->deco == D_CODE) {
				set_grey(r->cr, p->col.code);
				cairo_rectangle(r->cr, x, r->y, p->x1 - x, h);
				cairo_fill(r->cr);
			}
			set_grey(r->cr, p->col.rule);
			for (k = 0; k < b->nbar; k++)
				cairo_rectangle(r->cr, p->x0 + b->bar[k] +
				    p->body * 0.4, r->y, p->body * 0.2, h);
			cairo_fill(r->cr);
			if (b->level == 1)
				cairo_set_source_rgb(r->cr, p->col.head[0],
				    p->col.head[1], p->col.head[2]);
			else
				set_grey(r->cr, b->nbar ? p->col.muted :
				    p->col.text);
			lay_draw(r->cr, l, x + padx, r->y + pady, i, j);
			if (i == 0 && b->markup2 != NULL) {
				lay_make(&mk, p->f, b->markup2, 0, F_BODY,
				    b->size, 0, -1, 0);
				cairo_move_to(r->cr, x - p->body * 0.5 -
				    mk.w[0], r->y + pady + l->base[0]);
				pango_cairo_show_layout_line(r->cr,
				    pango_layout_get_line_readonly(mk.pl, 0));
				lay_dispose(&mk);
			}
		}
		r->y += h;
		r->empty = 0;
		if (j < l->n)
			page_new(r);
	}
	r->y += b->after;
}

static void
rule_blk(struct run *r)
{
	struct pdf	*p = r->p;

	space(r, p->body * 0.6);
	if (r->cr != NULL) {
		set_grey(r->cr, p->col.rule);
		cairo_set_line_width(r->cr, 0.75);
		cairo_move_to(r->cr, p->x0, r->y);
		cairo_line_to(r->cr, p->x1, r->y);
		cairo_stroke(r->cr);
	}
	r->y += p->body * 0.6;
	r->empty = 0;
}

static void
qr_blk(struct run *r, const struct blk *b)
{
	struct pdf	*p = r->p;
	const struct qr	*q = &b->qr;
	struct lay	 l;
	double		 s = b->size, m, gap = p->body;
	int		 row, c, c0;

	space(r, b->before);
	if (!r->empty && r->y + s > p->ybot)
		page_new(r);
	m = s / (q->width + 2 * QR_QUIET);
	lay_make(&l, p->f, b->markup, 0, F_BODY, p->body * 0.8, 0,
	    p->x1 - p->x0 - s - gap, 0);
	if (r->cr != NULL) {
		set_grey(r->cr, 1);
		cairo_rectangle(r->cr, p->x0, r->y, s, s);
		cairo_fill(r->cr);
		set_grey(r->cr, 0);
		for (row = 0; row < q->width; row++)
			for (c = 0; c < q->width; c++) {
				if (!q->dark[row * q->width + c])
					continue;
				for (c0 = c; c + 1 < q->width &&
				    q->dark[row * q->width + c + 1]; c++)
					;
				cairo_rectangle(r->cr,
				    p->x0 + (QR_QUIET + c0) * m,
				    r->y + (QR_QUIET + row) * m,
				    (c - c0 + 1) * m, m);
			}
		cairo_fill(r->cr);
		set_grey(r->cr, p->col.muted);
		lay_draw(r->cr, &l, p->x0 + s + gap, r->y + (s - l.h) / 2,
		    0, l.n);
	}
	lay_dispose(&l);
	r->y += s + b->after;
	r->empty = 0;
}

/* A table laid out: cell layouts, column widths, row heights. */
struct tlay {
	struct lay	*cell;	/* nrows * ncols */
	double		*colw;	/* column widths (with padding) */
	double		*rowh;	/* row content heights (without padding) */
	double		 padx, pady;
	double		 indent; /* left edge from the column's */
};

static void
tlay_make(struct run *r, const struct blk *b, struct tlay *tl)
{
	struct pdf		*p = r->p;
	const struct table	*t = b->tab;
	double			*mn, *nat, avail, smin = 0, snat = 0, k;
	double			 sfix = 0;	/* width of label columns */
	char			*fixed;		/* 1: a label column */
	size_t			 i, j, c;
	struct lay		*l;

	tl->padx = p->body * 0.45;
	tl->pady = p->body * 0.3;
	tl->indent = b->indent;
	avail = p->x1 - p->x0 - b->indent;
	tl->cell = xcalloc(t->nrows * t->ncols, sizeof(*tl->cell));
	tl->colw = xcalloc(t->ncols, sizeof(double));
	tl->rowh = xcalloc(t->nrows, sizeof(double));
	mn = xcalloc(t->ncols * 2, sizeof(double));
	nat = mn + t->ncols;
	/* Natural (unwrapped) and minimum (widest word) widths. */
	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->ncols; j++) {
			c = i * t->ncols + j;
			l = &tl->cell[c];
			lay_make(l, p->f, t->cell[c], 0, F_BODY, p->body,
			    t->shade[c], -1, t->align[j]);
			if (l->width + 2 * tl->padx > nat[j])
				nat[j] = l->width + 2 * tl->padx;
			pango_layout_set_wrap(l->pl, PANGO_WRAP_WORD);
			pango_layout_set_width(l->pl, 1);
			lay_read(l);
			if (l->width + 2 * tl->padx > mn[j])
				mn[j] = l->width + 2 * tl->padx;
		}
	/* A column of labels only (pdf_meta_table) never wraps: 发布日期
	 * stays on one line while the values take what is left. */
	fixed = xcalloc(t->ncols, 1);
	for (j = 0; j < t->ncols && t->nhead == 0; j++) {
		for (i = 0; i < t->nrows && t->shade[i * t->ncols + j]; i++)
			;
		if (i == t->nrows) {
			mn[j] = nat[j];
			fixed[j] = 1;
			sfix += nat[j];
		}
	}
	for (j = 0; j < t->ncols; j++) {
		smin += mn[j];
		snat += nat[j];
	}
	for (j = 0; j < t->ncols; j++) {
		if (snat <= avail)
			tl->colw[j] = nat[j] * avail / snat;
		else if (smin <= avail)
			tl->colw[j] = mn[j] + (nat[j] - mn[j]) *
			    (avail - smin) / (snat - smin);
		else if (fixed[j] && sfix < avail / 2)
			tl->colw[j] = nat[j];
		else if (sfix < avail / 2)
			tl->colw[j] = mn[j] * (avail - sfix) / (smin - sfix);
		else
			tl->colw[j] = mn[j] * avail / smin;
	}
	free(fixed);
	/* Final layouts at those widths. */
	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->ncols; j++) {
			l = &tl->cell[i * t->ncols + j];
			k = tl->colw[j] - 2 * tl->padx;
			pango_layout_set_wrap(l->pl, PANGO_WRAP_WORD_CHAR);
			pango_layout_set_width(l->pl, (int)(k * PANGO_SCALE));
			lay_read(l);
			if (l->h > tl->rowh[i])
				tl->rowh[i] = l->h;
		}
	free(mn);
}

static void
tlay_dispose(const struct table *t, struct tlay *tl)
{
	size_t	 i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		lay_dispose(&tl->cell[i]);
	free(tl->cell);
	free(tl->colw);
	free(tl->rowh);
}

/*
 * The lowest cut at most e in row i's content that falls between the
 * lines of every cell.
 */
static double
row_cut(const struct table *t, const struct tlay *tl, size_t i, double s,
    double e)
{
	const struct lay	*l;
	size_t			 j;
	int			 k, moved = 1;

	while (moved && e > s) {
		moved = 0;
		for (j = 0; j < t->ncols; j++) {
			l = &tl->cell[i * t->ncols + j];
			for (k = 0; k < l->n; k++)
				if (l->top[k] < e - EPS && l->bot[k] > e + EPS) {
					e = l->top[k];
					moved = 1;
				}
		}
	}
	return e;
}

/* Draws the part [s, e) of row i's content at r->y and moves down. */
static void
row_draw(struct run *r, const struct table *t, const struct tlay *tl,
    size_t i, double s, double e)
{
	struct pdf		*p = r->p;
	const struct lay	*l;
	double			 x = p->x0 + tl->indent;
	double			 h = e - s + 2 * tl->pady;
	size_t			 j;
	int			 a, b;

	if (r->cr != NULL) {
		for (j = 0; j < t->ncols; j++) {
			if (t->shade[i * t->ncols + j]) {
				set_grey(r->cr, p->col.shade);
				cairo_rectangle(r->cr, x, r->y, tl->colw[j], h);
				cairo_fill(r->cr);
			}
			l = &tl->cell[i * t->ncols + j];
			for (a = 0; a < l->n && l->top[a] < s - EPS; a++)
				;
			for (b = a; b < l->n && l->bot[b] <= e + EPS; b++)
				;
			set_grey(r->cr, p->col.text);
			lay_draw(r->cr, l, x + tl->padx, r->y + tl->pady +
			    (a < l->n ? l->top[a] - s : 0), a, b);
			x += tl->colw[j];
		}
		set_grey(r->cr, 0);
		cairo_set_line_width(r->cr, 0.5);
		for (x = p->x0 + tl->indent, j = 0; j < t->ncols;
		    x += tl->colw[j++])
			cairo_rectangle(r->cr, x, r->y, tl->colw[j], h);
		cairo_stroke(r->cr);
	}
	r->y += h;
	r->empty = 0;
}

static void
head_draw(struct run *r, const struct table *t, const struct tlay *tl)
{
	size_t	 i;

	for (i = 0; i < t->nhead; i++)
		row_draw(r, t, tl, i, 0, tl->rowh[i]);
}

static void
table_blk(struct run *r, struct blk *b)
{
	struct pdf		*p = r->p;
	const struct table	*t = b->tab;
	struct tlay		*tl;
	double			 hh = 0, first = 0, rh, s, e, page_h;
	size_t			 i;
	int			 fresh;

	if (b->tl == NULL) {
		b->tl = xcalloc(1, sizeof(*b->tl));
		tlay_make(r, b, b->tl);
	}
	tl = b->tl;
	for (i = 0; i < t->nhead; i++)
		hh += tl->rowh[i] + 2 * tl->pady;
	if (t->nhead < t->nrows)
		first = tl->rowh[t->nhead] + 2 * tl->pady;
	page_h = p->ybot - p->ytop;
	space(r, b->before);
	/* The header never ends a page without a row under it. */
	if (!r->empty && r->y + hh + first > p->ybot &&
	    hh + first <= page_h)
		page_new(r);
	head_draw(r, t, tl);
	fresh = 1;
	for (i = t->nhead; i < t->nrows; i++) {
		rh = tl->rowh[i] + 2 * tl->pady;
		if (r->y + rh > p->ybot + EPS && (!fresh || r->empty)) {
			if (rh <= page_h - hh) {
				page_new(r);
				head_draw(r, t, tl);
			}
		}
		if (r->y + rh <= p->ybot + EPS) {
			row_draw(r, t, tl, i, 0, tl->rowh[i]);
			fresh = 0;
			continue;
		}
		/* Taller than a page: split between lines. */
		for (s = 0; s < tl->rowh[i] - EPS; ) {
			e = row_cut(t, tl, i, s, s + p->ybot - r->y -
			    2 * tl->pady);
			if (e <= s + EPS) {
				if (!fresh) {
					page_new(r);
					head_draw(r, t, tl);
					fresh = 1;
					continue;
				}
				e = s + p->ybot - r->y - 2 * tl->pady;
			}
			if (e > tl->rowh[i])
				e = tl->rowh[i];
			row_draw(r, t, tl, i, s, e);
			fresh = 0;
			s = e;
			if (s < tl->rowh[i] - EPS) {
				page_new(r);
				head_draw(r, t, tl);
				fresh = 1;
			}
		}
		fresh = 0;
	}
	r->y += b->after;
}

static void
toc_blk(struct run *r, const struct blk *b)
{
	struct pdf		*p = r->p;
	const struct blk	*h;
	struct lay		 t, e, n;
	double			 numw = p->body * 3, ind, w, lead0, lead1;
	double			 y;
	char			 num[16], *link;
	size_t			 k;

	space(r, p->body);
	lay_make(&t, p->f, b->markup, 0, F_HEAD, head_size(p, 1), 1,
	    p->x1 - p->x0, 'c');
	if (!r->empty && r->y + t.h + 2 * p->line > p->ybot)
		page_new(r);
	if (r->cr != NULL)
		set_grey(r->cr, p->col.text);
	lay_draw(r->cr, &t, p->x0, r->y, 0, t.n);
	r->y += t.h + p->body;
	r->empty = 0;
	lay_dispose(&t);
	for (k = 0; k < p->ntoc; k++) {
		h = &p->b[p->toc[k].blk];
		ind = (h->level - 1) * p->body * 2;
		w = p->x1 - p->x0 - ind - numw - p->body;
		lay_make(&e, p->f, h->markup, 0, F_BODY, p->body,
		    h->level == 1, w, 0);
		if (r->y + e.h > p->ybot)
			page_new(r);
		if (r->cr != NULL) {
			snprintf(num, sizeof(num), "%d", p->toc[k].page);
			lay_make(&n, p->f, num, 1, F_BODY, p->body, 0, numw,
			    'r');
			y = r->y;
			link = xasprintf("page=%d pos=[%.2f %.2f]",
			    p->toc[k].page, p->x0, p->toc[k].y);
			cairo_tag_begin(r->cr, CAIRO_TAG_LINK, link);
			set_grey(r->cr, p->col.text);
			lay_draw(r->cr, &e, p->x0 + ind, y, 0, e.n);
			lay_draw(r->cr, &n, p->x1 - numw,
			    y + e.top[e.n - 1], 0, 1);
			cairo_tag_end(r->cr, CAIRO_TAG_LINK);
			free(link);
			/* Dot leaders along the last line. */
			lead0 = p->x0 + ind + e.w[e.n - 1] + p->body * 0.5;
			lead1 = p->x1 - n.w[0] - p->body * 0.5;
			if (lead1 > lead0) {
				double	 dash[2] = { 0, p->body * 0.4 };

				y += e.base[e.n - 1];
				set_grey(r->cr, p->col.muted);
				cairo_set_line_width(r->cr, p->body * 0.12);
				cairo_set_line_cap(r->cr, CAIRO_LINE_CAP_ROUND);
				cairo_set_dash(r->cr, dash, 2, 0);
				cairo_move_to(r->cr, lead0, y);
				cairo_line_to(r->cr, lead1, y);
				cairo_stroke(r->cr);
				cairo_set_dash(r->cr, NULL, 0, 0);
				cairo_set_line_cap(r->cr, CAIRO_LINE_CAP_BUTT);
			}
			lay_dispose(&n);
		}
		r->y += e.h + p->body * 0.3;
		lay_dispose(&e);
	}
	r->y += p->body;
}

/* One run over every block. */
static void
run_blocks(struct run *r)
{
	struct pdf	*p = r->p;
	size_t		 i;

	r->page = 1;
	r->y = r->ctop = p->ytop;
	r->empty = 1;
	column_set(r, 0);
	for (i = 0; i < 8; i++)
		r->outline[i] = CAIRO_PDF_OUTLINE_ROOT;
	for (i = 0; i < p->nb; i++) {
		switch (p->b[i].kind) {
		case B_TEXT:
			text_blk(r, &p->b[i]);
			break;
		case B_TABLE:
			table_blk(r, &p->b[i]);
			break;
		case B_RULE:
			rule_blk(r);
			break;
		case B_QR:
			qr_blk(r, &p->b[i]);
			break;
		case B_BREAK:
			if (!r->empty || r->col != 0)
				sheet_new(r);
			break;
		case B_BAND:
			band(r, &p->b[i]);
			break;
		case B_TOC:
			toc_blk(r, &p->b[i]);
			break;
		}
	}
	page_end(r);
}

/* ------------------------------------------------------------- finishing */

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

void
pdf_digest(const struct pdf *p, const char *extra, char hex[65])
{
	GChecksum		*ck = g_checksum_new(G_CHECKSUM_SHA256);
	const struct blk	*b;
	const struct table	*t;
	size_t			 i, k;
	int			 j;

	ck_str(ck, "gongkai pdf 1");
	ck_str(ck, p->f->sig);
	ck_str(ck, extra);
	ck_str(ck, p->title);
	ck_str(ck, p->author);
	ck_str(ck, p->footer);
	ck_num(ck, (double)p->day);
	ck_num(ck, p->grey);
	ck_num(ck, p->W);
	ck_num(ck, p->H);
	ck_num(ck, p->bleed);
	ck_num(ck, p->margin);
	ck_num(ck, p->x0);
	ck_num(ck, p->x1);
	ck_num(ck, p->gx0);
	ck_num(ck, p->gx1);
	ck_num(ck, p->ncols);
	ck_num(ck, p->gap);
	ck_num(ck, p->ytop);
	ck_num(ck, p->ybot);
	ck_num(ck, p->body);
	ck_num(ck, p->line);
	ck_num(ck, p->has_toc);
	ck_num(ck, (double)p->nb);
	for (i = 0; i < p->nb; i++) {
		b = &p->b[i];
		ck_num(ck, b->kind);
		ck_str(ck, b->markup);
		ck_str(ck, b->markup2);
		ck_num(ck, b->font);
		ck_num(ck, b->size);
		ck_num(ck, b->bold);
		ck_num(ck, b->level);
		ck_num(ck, b->toc);
		ck_num(ck, b->indent);
		ck_num(ck, b->before);
		ck_num(ck, b->after);
		ck_num(ck, b->deco);
		ck_num(ck, b->nbar);
		for (j = 0; j < b->nbar && j < MAXBAR; j++)
			ck_num(ck, b->bar[j]);
		if ((t = b->tab) != NULL) {
			ck_num(ck, (double)t->nrows);
			ck_num(ck, (double)t->ncols);
			ck_num(ck, (double)t->nhead);
			for (k = 0; k < t->nrows * t->ncols; k++) {
				ck_str(ck, t->cell[k]);
				ck_num(ck, t->shade[k]);
			}
			for (k = 0; k < t->ncols; k++)
				ck_num(ck, t->align[k]);
		}
		ck_num(ck, b->qr.width);
		if (b->qr.dark != NULL)
			g_checksum_update(ck, b->qr.dark,
			    (gssize)b->qr.width * b->qr.width);
	}
	snprintf(hex, 65, "%s", g_checksum_get_string(ck));
	g_checksum_free(ck);
}

int
pdf_finish(struct pdf *p, struct buf *out)
{
	struct run		 r;
	struct buf		 tmp = BUF_INIT;
	struct pdfbox_rect	 trim, bleed;
	cairo_surface_t		*s;
	cairo_status_t		 st;
	char			 date[32];
	size_t			 i;
	int			 depth = 0, rc = -1;

	if (p->done) {
		diag_error(p->path, 0, 0, "pdf already finished");
		return -1;
	}
	p->done = 1;
	/* Headings in the table of contents and outline. */
	for (i = 0; i < p->nb; i++)
		if (p->b[i].kind == B_TOC)
			depth = p->b[i].level;
	for (i = 0; i < p->nb; i++) {
		if (p->b[i].kind != B_TEXT || p->b[i].level == 0 ||
		    p->b[i].level > (depth ? depth : 1) || p->b[i].toc != -1)
			continue;
		xgrow(&p->toc, &p->captoc, p->ntoc + 1, sizeof(*p->toc));
		p->toc[p->ntoc].blk = i;
		p->b[i].toc = (int)p->ntoc++;
	}

	memset(&r, 0, sizeof(r));
	r.p = p;
	run_blocks(&r);
	p->pages = r.page;

	s = cairo_pdf_surface_create_for_stream(write_cb, &tmp, p->W, p->H);
	if (p->title != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
		    p->title);
	if (p->author != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
		    p->author);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "gongkai");
	day_iso(p->day, date, sizeof(date));
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
	    date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	memset(&r, 0, sizeof(r));
	r.p = p;
	r.surf = s;
	r.cr = cairo_create(s);
	run_blocks(&r);
	cairo_destroy(r.cr);
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_error(p->path, 0, 0, "cannot write pdf: %s",
		    cairo_status_to_string(st));
		goto out;
	}
	if (r.page != p->pages) {
		diag_error(p->path, 0, 0, "layout runs disagree: %d and %d "
		    "pages", p->pages, r.page);
		goto out;
	}
	if (p->bleed > 0) {
		trim.x0 = trim.y0 = p->bleed;
		trim.x1 = p->W - p->bleed;
		trim.y1 = p->H - p->bleed;
		bleed.x0 = bleed.y0 = 0;
		bleed.x1 = p->W;
		bleed.y1 = p->H;
		if (pdfbox_set(p->path, &tmp, &trim, &bleed) == -1)
			goto out;
	}
	buf_put(out, tmp.data, tmp.len);
	rc = 0;
out:
	buf_dispose(&tmp);
	return rc;
}

int
pdf_pages(const struct pdf *p)
{
	return p->pages;
}
