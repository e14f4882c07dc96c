/*
 * pdf_layout.c -- blocks placed on columns and sheets; see
 * pdf_layout.h.  Text is measured and drawn through pdf_draw.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "pdf_cols.h"
#include "pdf_doc.h"
#include "pdf_layout.h"
#include "pdf_pic.h"
#include "util.h"

#define LMAX	8	/* list nesting tagged as such; deeper is LMAX */

/* One layout run: measuring (c NULL) or drawing. */
struct run {
	struct pdf		*p;	/* the document */
	struct pdf_canvas	*c;	/* NULL while measuring */
	int			 page;	/* current page, 1-based */
	double			 y;	/* next free y */
	int			 empty;	/* the column is still empty */
	int			 col;	/* current column, 0-based */
	double			 ctop;	/* where this page's columns start */
	int			 elem;	/* the structure element of the
					   block being drawn (pdf_canvas_
					   elem), -1 while measuring */
	int			 lbl;	/* its list item's Lbl, or -1 */
	/* The lists open around the blocks drawn, by depth 1-LMAX:
	 * list_tag(). */
	int			 ldepth;
	int			 lid[LMAX + 1];	/* the list's number */
	int			 lel[LMAX + 1];	/* its L element */
	int			 lbody[LMAX + 1]; /* its item's LBody, or -1 */
	int			 hlast;	/* the last heading's tag level,
					   0 before the first */
};

/* A table laid out: cell layouts, column widths, row heights. */
struct tlay {
	struct pdf_text	*cell;	/* nrows * ncols */
	double		*colw;	/* column widths (with padding) */
	double		*rowh;	/* row content heights (without padding) */
	double		 padx, pady; /* cell padding */
	double		 indent; /* left edge from the column's */
};

/* ------------------------------------------------------------- sheets */

/* "第 1 页 共 4 页": expands a footer format (pdf_new() checked it). */
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

/* Crop marks: at each trim corner, two lines in the bleed area. */
static void
crop_marks(struct run *r)
{
	struct pdf	*p = r->p;
	double		 b = p->bleed, len = b * 0.7;
	double		 xs[2] = { b, p->W - b }, ys[2] = { b, p->H - b };
	int		 i, j, pass;

	if (b <= 0)
		return;
	pdf_canvas_mark(r->c, PDF_ARTIFACT);
	for (pass = 0; pass < 2; pass++) {
		/* A white halo first, so the marks show on the band. */
		pdf_canvas_grey(r->c, pass == 0 ? 1 : 0);
		for (i = 0; i < 2; i++)
			for (j = 0; j < 2; j++) {
				pdf_canvas_line(r->c, i ? p->W : 0, ys[j],
				    i ? p->W - len : len, ys[j]);
				pdf_canvas_line(r->c, xs[i], j ? p->H : 0,
				    xs[i], j ? p->H - len : len);
			}
		pdf_canvas_stroke(r->c, pass == 0 ? 1.0 : 0.3);
	}
}

static void
page_end(struct run *r)
{
	struct pdf	*p = r->p;
	struct buf	 t = BUF_INIT;
	struct pdf_text	 l;

	if (r->c == NULL)
		return;
	if (p->footer != NULL) {
		footer_expand(&t, p->footer, r->page, p->pages);
		pdf_text_make(&l, p->f, t.data, 1, PDF_BODY, p->body * 0.8, 0,
		    p->gx1 - p->gx0, 'c');
		pdf_canvas_mark(r->c, PDF_PAGINATION);
		pdf_canvas_grey(r->c, p->col.muted);
		pdf_canvas_text(r->c, &l, p->gx0, p->H - p->bleed -
		    p->margin * 0.55 - l.h, 0, l.n);
		pdf_text_dispose(&l);
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
	pdf_canvas_page(r->c);
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

/* Space above a block, unless at the top of a column. */
static void
space(struct run *r, double h)
{
	if (!r->empty)
		r->y += h;
}

/* -------------------------------------------------------------- blocks */

/*
 * The element of a heading of level 1-6 under parent: Hn, but at most
 * one level below the heading before, whatever size it is set in, so
 * that levels begin at H1 and never skip going down (PDF/UA-1 7.4.2):
 * a body's "###" right under an item's H2 is an H3 to a reader.
 */
static int
head_elem(struct run *r, int parent, int level)
{
	static const char	*h[] = { "H1", "H2", "H3", "H4", "H5", "H6" };

	if (level > r->hlast + 1)
		level = r->hlast + 1;
	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	r->hlast = level;
	return pdf_canvas_elem(r->c, parent, h[level - 1]);
}

static void
band(struct run *r, const struct blk *b)
{
	struct pdf	*p = r->p;
	struct pdf_text	 t, s;
	double		 pad = p->margin * 0.6, w = p->gx1 - p->gx0, h;

	if (!r->empty || r->col != 0)
		sheet_new(r);
	pdf_text_make(&t, p->f, b->markup, 0, PDF_HEAD, p->body * 2.2, 1, w,
	    0);
	memset(&s, 0, sizeof(s));
	if (b->markup2 != NULL)
		pdf_text_make(&s, p->f, b->markup2, 0, PDF_BODY,
		    p->body * 1.1, 0, w, 0);
	h = pad + t.h + (s.pl ? p->body * 0.3 + s.h : 0) + pad;
	if (r->c != NULL) {
		pdf_canvas_mark(r->c, PDF_ARTIFACT);
		pdf_canvas_rgb(r->c, p->col.band);
		pdf_canvas_rect(r->c, 0, 0, p->W, p->bleed + h);
		pdf_canvas_fill(r->c);
		/* The band's title heads the sheet: the unit's name. */
		pdf_canvas_mark(r->c, head_elem(r, PDF_DOC, 1));
		pdf_canvas_grey(r->c, 1);
		pdf_canvas_text(r->c, &t, p->gx0, p->bleed + pad, 0, t.n);
		if (s.pl) {
			pdf_canvas_mark(r->c, pdf_canvas_elem(r->c, PDF_DOC,
			    "P"));
			pdf_canvas_text(r->c, &s, p->gx0, p->bleed + pad +
			    t.h + p->body * 0.3, 0, s.n);
		}
	}
	pdf_text_dispose(&t);
	pdf_text_dispose(&s);
	r->y = r->ctop = p->bleed + h + p->body * 1.2;
	r->empty = 0;
}

/*
 * Runs of U+3000 that place text rather than indent it: a letter's
 * signature (落款) typed in Word or WPS is its sender's name and its
 * date each after a run of twenty or so, to stand at the right, and
 * a 印发 line puts the date away from the office with one.  In a
 * column narrower than the run and the name, Pango filled the line
 * with the run and the name's first characters and set the rest on
 * the next: 某某县卫生 / 健康委员会.  So a line of a paragraph wider
 * than its column loses, from its longest such runs, as many U+3000
 * as it needs to fit, as a typesetter would pull the name left to the
 * edge; a run that leads its line may go whole, one inside keeps one
 * so that name and date stay apart.  A line that fits is left alone,
 * and so is one that would not fit without its runs (running text:
 * it wraps as it did); two U+3000, a paragraph's indent, are no run.
 */
#define IDSP		"\xe3\x80\x80"	/* U+3000 in UTF-8 */
#define IDSP_LEN	3
#define IDSP_RUN	3	/* U+3000 in a row that place text */

/* A run of U+3000 in a markup line: its byte offset and length in
 * characters, what it may lose, and what it keeps. */
struct idrun {
	size_t	 at;
	int	 len;
	int	 least;
	int	 keep;
};

/*
 * Finds the runs of IDSP_RUN U+3000 or more in the markup line s..e
 * (tags skipped), at most max into run; returns their number.
 */
static int
idsp_runs(const char *s, const char *e, struct idrun *run, int max)
{
	const char	*q = s;
	int		 n = 0, k, text = 0;

	while (q < e) {
		if (*q == '<') {	/* a tag: no text */
			while (q < e && *q != '>')
				q++;
			q += q < e;
			continue;
		}
		for (k = 0; q + IDSP_LEN <= e &&
		    memcmp(q, IDSP, IDSP_LEN) == 0; k++)
			q += IDSP_LEN;
		if (k >= IDSP_RUN && n < max) {
			run[n].at = (size_t)(q - s) - (size_t)k * IDSP_LEN;
			run[n].len = run[n].keep = k;
			run[n].least = text ? 1 : 0;
			n++;
		}
		if (k == 0)
			q++;
		text = 1;
	}
	return n;
}

#define IDSP_MAXRUNS	8

/*
 * A 落款 of several lines, the issuing office and under it the date,
 * each led by its own run: when the office's line lost U+3000 and the
 * date's, which fitted, kept its own, the date no longer stood under
 * the office but short of its end.  So the lines of such a group end
 * at one right edge (GB/T 9704 sets the date under the office, right
 * edges aligned, or centred).  A group is the markup lines [from, to)
 * of a text block, two or more, consecutive, each led by a placing
 * run, one of them shortened; a group that fits is left as typed.
 */
struct idgroup {
	int	 from;
	int	 to;
};

#define IDSP_MAXGROUPS	8

/* Notes lines [from, to) in g[*ng] if they are a group to align. */
static void
idsp_group(struct idgroup *g, int *ng, int from, int to, int shortened)
{
	if (from < 0 || to - from < 2 || !shortened ||
	    *ng >= IDSP_MAXGROUPS)
		return;
	g[*ng].from = from;
	g[*ng].to = to;
	(*ng)++;
}

/*
 * Text block b's markup with its placing runs of U+3000 shortened so
 * that each line fits width points where it can (see above), or NULL
 * when nothing changes.  Caller frees.  Sets g[0..*ng-1] to the
 * 落款 whose lines are to end at one edge (idsp_align): at most
 * IDSP_MAXGROUPS.
 */
static char *
idsp_fit(struct run *r, const struct blk *b, double width,
    struct idgroup *g, int *ng)
{
	struct pdf	*p = r->p;
	struct pdf_text	 t, one;
	struct idrun	 run[IDSP_MAXRUNS];
	struct buf	 out = BUF_INIT;
	const char	*s, *e, *m = b->markup;
	double		 em;
	int		 i, k, n, lines, need, room, best, changed = 0;
	int		 from = -1, shortened = 0;

	*ng = 0;
	if (m == NULL || b->deco == D_CODE ||
	    strstr(m, IDSP IDSP IDSP) == NULL)
		return NULL;
	for (lines = 1, s = m; (s = strchr(s, '\n')) != NULL; s++)
		lines++;
	memset(&t, 0, sizeof(t));
	memset(&one, 0, sizeof(one));
	pdf_text_make(&t, p->f, m, 0, b->font, b->size, b->bold, -1, 0);
	pdf_text_make(&one, p->f, IDSP IDSP IDSP IDSP IDSP IDSP IDSP IDSP,
	    1, b->font, b->size, b->bold, -1, 0);
	em = one.width / 8;
	pdf_text_dispose(&one);
	if (t.n != lines || em <= 0) {
		pdf_text_dispose(&t);
		return NULL;
	}
	for (i = 0, s = m; i < lines; i++, s = e + 1) {
		if ((e = strchr(s, '\n')) == NULL)
			e = s + strlen(s);
		n = idsp_runs(s, e, run, IDSP_MAXRUNS);
		/* a line led by a run: one of a 落款's */
		if (n > 0 && run[0].least == 0) {
			if (from < 0) {
				from = i;
				shortened = 0;
			}
		} else {
			idsp_group(g, ng, from, i, shortened);
			from = -1;
		}
		if (t.w[i] <= width)
			n = 0;
		need = n > 0 ? (int)ceil((t.w[i] - width) / em - 1e-6) : 0;
		for (room = 0, k = 0; k < n; k++)
			room += run[k].len - run[k].least;
		if (n > 0 && need <= room) {
			/* one at a time from the longest, so that runs
			 * shrink alike */
			for (; need > 0; need--) {
				for (best = -1, k = 0; k < n; k++)
					if (run[k].keep > run[k].least &&
					    (best < 0 ||
					    run[k].keep > run[best].keep))
						best = k;
				run[best].keep--;
			}
			changed = shortened = 1;
		} else
			n = 0;
		/* the line, its runs as long as they keep */
		for (k = 0; k < n; k++) {
			buf_put(&out, s, run[k].at);
			for (need = 0; need < run[k].keep; need++)
				buf_puts(&out, IDSP);
			s += run[k].at + (size_t)run[k].len * IDSP_LEN;
			if (k + 1 < n)
				run[k + 1].at -= run[k].at +
				    (size_t)run[k].len * IDSP_LEN;
		}
		buf_put(&out, s, (size_t)(e - s));
		if (*e == '\n')
			buf_putc(&out, '\n');
		else
			break;
	}
	idsp_group(g, ng, from, lines, shortened);
	pdf_text_dispose(&t);
	if (!changed) {
		buf_dispose(&out);
		return NULL;
	}
	return buf_detach(&out, NULL);
}

/*
 * Moves the lines of each 落款 in g[0..ng-1] (markup lines, one
 * paragraph of t each) right so that they end where the widest of
 * them ends: the office's line, pulled to the column's edge.  Lines
 * are moved rather than given U+3000: an em is too coarse for a date
 * of half-width digits.  A 落款 one of whose lines wrapped is left as
 * it is.
 */
static void
idsp_align(struct pdf_text *t, const struct idgroup *g, int ng)
{
	int	*para;
	int	 i, k, first, last;
	double	 edge;

	if (ng == 0 || t->n == 0)
		return;
	/* the paragraph (markup line) of each line */
	para = xcalloc((size_t)t->n, sizeof(*para));
	pdf_text_paras(t, para);
	for (k = 0; k < ng; k++) {
		for (first = 0; first < t->n && para[first] < g[k].from;
		    first++)
			;
		for (last = first; last < t->n && para[last] < g[k].to;
		    last++)
			;
		if (last - first != g[k].to - g[k].from)
			continue;	/* wrapped (or not there) */
		for (edge = 0, i = first; i < last; i++)
			if (t->x[i] + t->w[i] > edge)
				edge = t->x[i] + t->w[i];
		for (i = first; i < last; i++)
			t->x[i] = edge - t->w[i];
	}
	free(para);
}

/* Lays text block b out for the current column width, once; or QR
 * block b's text beside the code, or picture block b's caption. */
static struct pdf_text *
text_lay(struct run *r, struct blk *b)
{
	struct pdf	*p = r->p;
	double		 padx = b->deco == D_CODE ? p->body * 0.6 : 0, w;
	char		*fit;
	struct idgroup	 g[IDSP_MAXGROUPS];
	int		 ng;

	if (b->lay != NULL)
		return b->lay;
	b->lay = xcalloc(1, sizeof(*b->lay));
	if (b->kind == B_QR)
		pdf_text_make(b->lay, p->f, b->markup, 0, PDF_BODY, b->aside,
		    0, p->x1 - p->x0 - b->size - p->body, 0);
	else if (b->kind == B_PIC)	/* a caption, under its picture */
		pdf_text_make(b->lay, p->f, b->markup != NULL ? b->markup :
		    "", 0, PDF_BODY, b->size, 0, p->x1 - (p->x0 + b->indent),
		    'c');
	else {
		w = p->x1 - (p->x0 + b->indent) - 2 * padx;
		fit = idsp_fit(r, b, w, g, &ng);
		pdf_text_make(b->lay, p->f, fit != NULL ? fit : b->markup, 0,
		    b->font, b->size, b->bold, w, 0);
		idsp_align(b->lay, g, ng);
		free(fit);
	}
	return b->lay;
}

/* The height of QR block b: its code's, or its text's if taller. */
static double
qr_height(struct run *r, struct blk *b)
{
	double	 h = text_lay(r, b)->h;

	return h > b->size ? h : b->size;
}

static struct tlay	*table_lay(struct run *, struct blk *);

/* The gap between a picture and its caption. */
static double
pic_gap(const struct run *r)
{
	return r->p->body * 0.3;
}

/*
 * The size of picture block b's picture in the column: no wider than
 * the column, no taller than half the text height of a page, and never
 * larger than PIC_DPI makes it (pic_fit).
 */
static void
pic_size(const struct run *r, const struct blk *b, double *w, double *h)
{
	const struct pdf	*p = r->p;

	pic_fit(p->pics[b->pic], p->x1 - p->x0 - b->indent,
	    (p->ybot - p->ytop) / 2, w, h);
}

/* The height of picture block b: its picture's and its caption's. */
static double
pic_height(struct run *r, struct blk *b)
{
	double	 w, h;

	pic_size(r, b, &w, &h);
	if (b->markup != NULL)
		h += pic_gap(r) + text_lay(r, b)->h;
	return h;
}

/* The padding above and below the lines of text block b. */
static double
text_pady(const struct run *r, const struct blk *b)
{
	return b->deco == D_CODE ? r->p->body * 0.4 : 0;
}

/*
 * The height of block b from the top of the space above it to the
 * bottom of its first k rows or lines (k 0: all of it, with the space
 * below), or -1 for a block that starts a column of its own or draws
 * nothing there (band, break, contents).  Text of k + 1 lines counts
 * whole: text_blk() never leaves its last line alone.
 */
static double
blk_height(struct run *r, struct blk *b, int k)
{
	const struct pdf_text	*l;
	const struct tlay	*tl;
	double			 h = b->before;
	size_t			 i, n;

	switch (b->kind) {
	case B_TEXT:
		l = text_lay(r, b);
		n = k > 0 && k + 1 < l->n ? (size_t)k : (size_t)l->n;
		h += (n > 0 ? l->bot[n - 1] : 0) + 2 * text_pady(r, b);
		break;
	case B_TABLE:
		tl = table_lay(r, b);
		n = b->tab->nrows;
		/* k > 0: the header and a row under it */
		if (k > 0 && b->tab->nhead + 1 < n)
			n = b->tab->nhead + 1;
		for (i = 0; i < n; i++)
			h += tl->rowh[i] + 2 * tl->pady;
		break;
	case B_QR:
		h += qr_height(r, b);
		break;
	case B_RULE:
		return r->p->body * 1.2;
	case B_CHART:
		h += pdf_chart_height(r->p, b);
		break;
	case B_PIC:
		h += pic_height(r, b);
		break;
	default:
		return -1;
	}
	return k > 0 ? h : h + b->after;
}

/*
 * What a heading must keep with it in its column, below its own
 * lines, so that no heading ends a column and no QR code leaves its
 * item:
 * - the headings that follow it directly (a category heading, then an
 *   item's title);
 * - if a QR code comes before the next heading, everything up to the
 *   code (the item's first lines and the code stay under its title),
 *   unless that is taller than a column;
 * - else the first two lines of what comes after them.
 */
static double
heading_keep(struct run *r, struct blk *b)
{
	struct pdf	*p = r->p;
	struct blk	*n, *q, *end = p->b + p->nb;
	double		 keep = b->after, group = 0, h;

	for (n = b + 1; n < end && n->kind == B_TEXT && n->level; n++)
		keep += blk_height(r, n, 0);
	for (q = n; q < end && !(q->kind == B_TEXT && q->level); q++) {
		if (q->kind == B_QR) {
			group += q->before + qr_height(r, q);
			if (text_lay(r, b)->h + keep + group <=
			    p->ybot - r->ctop)
				return keep + group;
			break;
		}
		if ((h = blk_height(r, q, 0)) < 0)
			break;
		group += h;
	}
	if (n < end && (h = blk_height(r, n, 2)) > 0)
		keep += h;
	return keep;
}

/* Draws lines [i, j) of text block b, h high, at r->y. */
static void
text_draw(struct run *r, const struct blk *b, int i, int j, double h)
{
	struct pdf		*p = r->p;
	const struct pdf_text	*l = b->lay;
	struct pdf_text		 mk;
	double			 padx = 0, pady = 0;
	double			 x = p->x0 + b->indent;
	int			 k;

	if (r->c == NULL)
		return;
	/* The code's shading and the quote bars are furniture. */
	pdf_canvas_mark(r->c, PDF_ARTIFACT);
	if (b->deco == D_CODE) {
		padx = p->body * 0.6;
		pady = p->body * 0.4;
		pdf_canvas_grey(r->c, p->col.code);
		pdf_canvas_rect(r->c, x, r->y, p->x1 - x, h);
		pdf_canvas_fill(r->c);
	}
	if (b->nbar > 0) {
		pdf_canvas_grey(r->c, p->col.rule);
		for (k = 0; k < b->nbar; k++)
			pdf_canvas_rect(r->c, p->x0 + b->bar[k] +
			    p->body * 0.4, r->y, p->body * 0.2, h);
		pdf_canvas_fill(r->c);
	}
	pdf_canvas_mark(r->c, r->elem);
	if (b->level == 1)
		pdf_canvas_rgb(r->c, p->col.head);
	else
		pdf_canvas_grey(r->c, b->nbar ? p->col.muted : p->col.text);
	if (i == 0 && b->markup2 != NULL) {
		/* The list marker hangs left of the first line, and is
		 * read before it. */
		pdf_text_make(&mk, p->f, b->markup2, 0, PDF_BODY, b->size, 0,
		    -1, 0);
		pdf_canvas_mark(r->c, r->lbl >= 0 ? r->lbl : r->elem);
		pdf_canvas_line_at(r->c, &mk, 0, x - p->body * 0.5 - mk.w[0],
		    r->y + pady + l->base[0]);
		pdf_text_dispose(&mk);
		pdf_canvas_mark(r->c, r->elem);
	}
	pdf_canvas_text(r->c, l, x + padx, r->y + pady, i, j);
}

/*
 * How list items are labelled (/ListNumbering, which PDF/UA asks of a
 * list with Lbl), from a marker (pdf_md.c's): "1." or a bullet.
 */
static const char *
list_numbering(const char *marker)
{
	if (*marker >= '0' && *marker <= '9')
		return "Decimal";
	if (strcmp(marker, "◦") == 0)
		return "Circle";
	if (strcmp(marker, "▪") == 0)
		return "Square";
	return "Disc";
}

/*
 * The parent of text block b's element: the Document, or in a list
 * the LBody of its item (L, LI, LBody made as lists and items begin;
 * a block with a marker begins an item, whose Lbl r->lbl gets the
 * marker).  A block outside lists ends them.
 */
static int
list_tag(struct run *r, const struct blk *b)
{
	int	 d = b->list > LMAX ? LMAX : b->list, k, li;

	r->lbl = -1;
	if (r->c == NULL)
		return PDF_DOC;
	if (d <= 0) {
		r->ldepth = 0;
		return PDF_DOC;
	}
	if (r->ldepth > d)
		r->ldepth = d;
	if (r->ldepth == d && r->lid[d] != b->lid)
		r->ldepth = d - 1;	/* another list */
	while (r->ldepth < d) {
		k = ++r->ldepth;
		r->lel[k] = pdf_canvas_elem(r->c, k > 1 && r->lbody[k - 1] >=
		    0 ? r->lbody[k - 1] : PDF_DOC, "L");
		r->lid[k] = k == d ? b->lid : -1;
		r->lbody[k] = -1;
		if (k < d) {	/* a list in an item with no text */
			li = pdf_canvas_elem(r->c, r->lel[k], "LI");
			r->lbody[k] = pdf_canvas_elem(r->c, li, "LBody");
		}
	}
	if (b->markup2 != NULL || r->lbody[d] < 0) {
		li = pdf_canvas_elem(r->c, r->lel[d], "LI");
		if (b->markup2 != NULL) {
			r->lbl = pdf_canvas_elem(r->c, li, "Lbl");
			pdf_canvas_attr(r->c, r->lel[d], "List",
			    "ListNumbering", list_numbering(b->markup2));
		}
		r->lbody[d] = pdf_canvas_elem(r->c, li, "LBody");
	}
	return r->lbody[d];
}

/*
 * A text block: a heading moves on whole with what it keeps; other
 * text fills the column and continues in the next, leaving at least
 * two lines on each side of the break (no orphan, no widow).
 */
static void
text_blk(struct run *r, struct blk *b)
{
	struct pdf	*p = r->p;
	struct pdf_text	*l;
	double		 pady = text_pady(r, b), avail, h;
	int		 i, j;

	l = text_lay(r, b);
	r->elem = b->level > 0 ? head_elem(r, list_tag(r, b), b->level) :
	    pdf_canvas_elem(r->c, list_tag(r, b), "P");
	space(r, b->before);
	if (b->level && !r->empty &&
	    r->y + l->h + 2 * pady + heading_keep(r, b) > p->ybot)
		page_new(r);
	if (b->toc >= 0 && r->c == NULL) {
		p->toc[b->toc].page = r->page;
		p->toc[b->toc].y = r->y;
	}
	if (b->level && b->toc >= 0)
		pdf_canvas_outline(r->c, b->level, b->markup, r->page, p->x0,
		    r->y);
	for (i = 0; i < l->n; i = j) {
		avail = p->ybot - r->y - 2 * pady;
		for (j = i; j < l->n && l->bot[j] - l->top[i] <= avail + EPS; j++)
			;
		if (j < l->n && !b->level) {
			if (l->n - j < 2 && j > i)
				j = l->n - 2 > i ? l->n - 2 : i;
			if (j - i < 2 && !r->empty)
				j = i;
		}
		if (j == i) {
			if (!r->empty) {
				page_new(r);
				continue;
			}
			j = i + 1;	/* a line taller than the page */
		}
		h = l->bot[j - 1] - l->top[i] + 2 * pady;
		text_draw(r, b, i, j, h);
		r->y += h;
		r->empty = 0;
		if (j < l->n)
			page_new(r);
	}
	r->y += b->after;
}

static void
rule_blk(struct run *r, const struct blk *b)
{
	struct pdf	*p = r->p;
	double		 len = p->x1 - p->x0;

	if (b->size > 0 && b->size < len)
		len = b->size;
	space(r, p->body * 0.6);
	pdf_canvas_mark(r->c, PDF_ARTIFACT);
	pdf_canvas_grey(r->c, p->col.rule);
	pdf_canvas_line(r->c, p->x0, r->y, p->x0 + len, r->y);
	pdf_canvas_stroke(r->c, 0.75);
	r->y += p->body * 0.6;
	r->empty = 0;
}

/* Marks what is drawn next as a new Figure with alternative text alt
 * (markup), which it frees. */
static void
figure(struct run *r, struct buf *alt)
{
	int	e = pdf_canvas_elem(r->c, PDF_DOC, "Figure");

	pdf_canvas_alt(r->c, e, alt->data != NULL ? alt->data : "");
	pdf_canvas_mark(r->c, e);
	buf_dispose(alt);
}

/* Marks what is drawn next as QR block b's Figure, whose
 * alternative text says what the code holds, as a reader reads it. */
static void
qr_tag(struct run *r, const struct blk *b)
{
	struct buf	 alt = BUF_INIT;

	buf_puts(&alt, "二维码：");
	pdf_markup(&alt, b->alt != NULL ? b->alt : b->qr.text != NULL ?
	    b->qr.text : "");
	figure(r, &alt);
}

/* A QR code at the left of the column, its text beside it: centred
 * on the code, or from the code's top if it is the taller. */
static void
qr_blk(struct run *r, struct blk *b)
{
	struct pdf		*p = r->p;
	const struct qr		*q = &b->qr;
	const struct pdf_text	*l = text_lay(r, b);
	double			 s = b->size, m, gap = p->body;
	double			 h = qr_height(r, b);
	int			 row, c, c0;

	space(r, b->before);
	if (!r->empty && r->y + h > p->ybot)
		page_new(r);
	m = s / (q->width + 2 * QR_QUIET);
	if (r->c != NULL) {
		qr_tag(r, b);
		pdf_canvas_grey(r->c, 1);
		pdf_canvas_rect(r->c, p->x0, r->y, s, s);
		pdf_canvas_fill(r->c);
		pdf_canvas_grey(r->c, 0);
		for (row = 0; row < q->width; row++)
			for (c = 0; c < q->width; c++) {
				if (!q->dark[row * q->width + c])
					continue;
				for (c0 = c; c + 1 < q->width &&
				    q->dark[row * q->width + c + 1]; c++)
					;
				pdf_canvas_rect(r->c,
				    p->x0 + (QR_QUIET + c0) * m,
				    r->y + (QR_QUIET + row) * m,
				    (c - c0 + 1) * m, m);
			}
		pdf_canvas_fill(r->c);
		pdf_canvas_mark(r->c, pdf_canvas_elem(r->c, PDF_DOC, "P"));
		pdf_canvas_grey(r->c, p->col.muted);
		pdf_canvas_text(r->c, l, p->x0 + s + gap,
		    r->y + (h - l->h) / 2, 0, l->n);
	}
	r->y += h + b->after;
	r->empty = 0;
}

/* Marks what is drawn next as chart block b's Figure, whose
 * alternative text is its title and numbers. */
static void
chart_tag(struct run *r, const struct blk *b)
{
	struct buf	 alt = BUF_INIT;
	size_t		 i;

	buf_puts(&alt, b->markup != NULL ? b->markup : "");
	buf_puts(&alt, b->chart->kind == CHART_LINE ? "（折线图）" :
	    "（柱状图）");
	for (i = 0; i < b->chart->n; i++) {
		buf_puts(&alt, i == 0 ? "：" : "；");
		pdf_markup(&alt, b->chart->labels[i]);
		buf_printf(&alt, " %ld", b->chart->values[i]);
	}
	figure(r, &alt);
}

/* A chart, whole in one column. */
static void
chart_blk(struct run *r, const struct blk *b)
{
	struct pdf	*p = r->p;
	double		 h = pdf_chart_height(p, b);

	space(r, b->before);
	if (!r->empty && r->y + h > p->ybot)
		page_new(r);
	if (r->c != NULL) {
		chart_tag(r, b);
		pdf_chart_draw(p, r->c, b, p->x0, p->x1, r->y);
	}
	r->y += h + b->after;
	r->empty = 0;
}

/*
 * A picture, centred in the column, and its caption under it, whole in
 * one column.  Tagged as a Figure whose Alt is the caption, holding
 * the picture and the caption (a Caption), with its bounding box; a
 * picture without a caption is decoration, an artifact.
 */
static void
pic_blk(struct run *r, struct blk *b)
{
	struct pdf		*p = r->p;
	const struct pdf_text	*l = b->markup != NULL ? text_lay(r, b) : NULL;
	double			 w, h, x, y, ht = pic_height(r, b);
	double			 bx0, bx1;
	int			 fig, i;

	space(r, b->before);
	if (!r->empty && r->y + ht > p->ybot)
		page_new(r);
	pic_size(r, b, &w, &h);
	x = p->x0 + b->indent + (p->x1 - p->x0 - b->indent - w) / 2;
	y = r->y;
	if (r->c != NULL) {
		if (l == NULL) {
			pdf_canvas_mark(r->c, PDF_ARTIFACT);
			pdf_canvas_image(r->c, p->pics[b->pic], b->pic, x, y,
			    w, h);
		} else {
			fig = pdf_canvas_elem(r->c, PDF_DOC, "Figure");
			pdf_canvas_alt(r->c, fig, b->markup);
			/* the picture's box and its caption's lines */
			bx0 = x;
			bx1 = x + w;
			for (i = 0; i < l->n; i++) {
				if (p->x0 + b->indent + l->x[i] < bx0)
					bx0 = p->x0 + b->indent + l->x[i];
				if (p->x0 + b->indent + l->x[i] + l->w[i] > bx1)
					bx1 = p->x0 + b->indent + l->x[i] +
					    l->w[i];
			}
			pdf_canvas_bbox(r->c, fig, bx0, y, bx1 - bx0, ht);
			pdf_canvas_mark(r->c, fig);
			pdf_canvas_image(r->c, p->pics[b->pic], b->pic, x, y,
			    w, h);
			pdf_canvas_mark(r->c, pdf_canvas_elem(r->c, fig,
			    "Caption"));
			pdf_canvas_grey(r->c, p->col.muted);
			pdf_canvas_text(r->c, l, p->x0 + b->indent,
			    y + h + pic_gap(r), 0, l->n);
		}
	}
	r->y += ht + b->after;
	r->empty = 0;
}

/* -------------------------------------------------------------- tables */

/*
 * Lays out every cell of t unwrapped at size (tl->cell, disposing of
 * what was there), and measures each column (pdf_cols.h) into col,
 * padding included; a column of labels only (pdf_meta_table) never
 * wraps: 发布日期 stays on one line while the values take what is left
 * (fixed, *sfix their width).  Returns the sum of the least widths.
 */
static double
tlay_measure(struct pdf *p, const struct table *t, struct tlay *tl,
    double size, struct pdf_col *col, double *sfix)
{
	struct pdf_text	*l;
	double		 w, smin = 0;
	size_t		 i, j, c;

	memset(col, 0, t->ncols * sizeof(*col));
	*sfix = 0;
	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->ncols; j++) {
			c = i * t->ncols + j;
			l = &tl->cell[c];
			pdf_text_dispose(l);
			pdf_text_make(l, p->f, t->cell[c], 0, PDF_BODY, size,
			    t->shade[c], -1, t->align[j]);
			if (l->width + 2 * tl->padx > col[j].nat)
				col[j].nat = l->width + 2 * tl->padx;
			w = pdf_text_least(l) + 2 * tl->padx;
			if (w > col[j].least)
				col[j].least = w;
		}
	for (j = 0; j < t->ncols && t->nhead == 0; j++) {
		for (i = 0; i < t->nrows && t->shade[i * t->ncols + j]; i++)
			;
		if (i == t->nrows) {
			col[j].least = col[j].nat;
			col[j].fixed = 1;
			*sfix += col[j].nat;
		}
	}
	for (j = 0; j < t->ncols; j++)
		smin += col[j].least;
	return smin;
}

/*
 * A table whose columns do not fit with room for PDF_COLS_CHARS
 * characters each (pdf_cols.h) is set smaller, down to TABLE_LEAST_PT
 * (a footnote's size) but never larger than the body, before any
 * column goes narrower: a budget's 科目名称 went one character a line
 * (卫/生/健/康) at the body's size, and a fee or reward table of
 * twelve months' amounts broke "12,037" over two lines on an A4
 * handout, and over three in a column of an A3 board, and a figure
 * split is misread.
 */
#define TABLE_LEAST_PT	6.5

static void
tlay_make(struct run *r, const struct blk *b, struct tlay *tl)
{
	struct pdf		*p = r->p;
	const struct table	*t = b->tab;
	struct pdf_col		*col;
	double			 avail, smin, need;
	double			 sfix;		/* width of label columns */
	double			 size = p->body, scale;
	double			 w;
	size_t			 i, j, c;
	struct pdf_text		*l;

	tl->padx = p->body * 0.45;
	tl->pady = p->body * 0.3;
	tl->indent = b->indent;
	avail = p->x1 - p->x0 - b->indent;
	tl->cell = xcalloc(t->nrows * t->ncols, sizeof(*tl->cell));
	tl->colw = xcalloc(t->ncols, sizeof(double));
	tl->rowh = xcalloc(t->nrows, sizeof(double));
	col = xcalloc(t->ncols, sizeof(*col));
	smin = tlay_measure(p, t, tl, size, col, &sfix);
	need = pdf_cols_need(col, t->ncols, size, 2 * tl->padx);
	if (need > avail && p->body > TABLE_LEAST_PT) {
		/* text and padding scale alike; a little below the ratio,
		 * for what rounding in Pango units adds */
		scale = avail / need * 0.98;
		if (p->body * scale < TABLE_LEAST_PT)
			scale = TABLE_LEAST_PT / p->body;
		size = p->body * scale;
		tl->padx *= scale;
		tl->pady *= scale;
		smin = tlay_measure(p, t, tl, size, col, &sfix);
		/* a word that breaks even so (an address) breaks at the
		 * body's size: small type would not save it */
		if (smin > avail) {
			size = p->body;
			tl->padx /= scale;
			tl->pady /= scale;
			tlay_measure(p, t, tl, size, col, &sfix);
		}
	}
	pdf_cols_widths(col, t->ncols, avail, size, 2 * tl->padx,
	    sfix < avail / 2, tl->colw);
	free(col);
	/* Final layouts at those widths. */
	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->ncols; j++) {
			c = i * t->ncols + j;
			l = &tl->cell[c];
			/* Lines set left that fit stay as they are: the same
			 * lines, without Pango shaping them once more. */
			w = tl->colw[j] - 2 * tl->padx;
			if (!(t->align[j] != 'c' && t->align[j] != 'r' &&
			    l->width <= w)) {
				pdf_text_dispose(l);
				pdf_text_make(l, p->f, t->cell[c], 0, PDF_BODY,
				    size, t->shade[c], w, t->align[j]);
			}
			if (l->h > tl->rowh[i])
				tl->rowh[i] = l->h;
		}
}

static void
tlay_free(const struct table *t, struct tlay *tl)
{
	size_t	 i;

	if (tl == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		pdf_text_dispose(&tl->cell[i]);
	free(tl->cell);
	free(tl->colw);
	free(tl->rowh);
	free(tl);
}

/*
 * The lowest cut at most e in row i's content that falls between the
 * lines of every cell.
 */
static double
row_cut(const struct table *t, const struct tlay *tl, size_t i, double s,
    double e)
{
	const struct pdf_text	*l;
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

/*
 * The structure elements of row i of a table whose element is r->elem:
 * the row's TR and its cells, TH in a header row (heading its column)
 * or a shaded label (heading its row: 项目 | 内容 side by side), else
 * TD, made on the row's first part.  A TH says which (/Scope: PDF/UA
 * asks it of a table without /Headers).  cell[i] holds the element of
 * the row's first cell (the others follow it), -1 until then.
 */
static int
row_tag(struct run *r, const struct table *t, int *cell, size_t i)
{
	int	 tr, e;
	size_t	 j;

	if (r->c == NULL)
		return PDF_ARTIFACT;
	if (cell[i] >= 0)
		return cell[i];
	tr = pdf_canvas_elem(r->c, r->elem, "TR");
	for (j = 0; j < t->ncols; j++) {
		if (i < t->nhead || t->shade[i * t->ncols + j]) {
			e = pdf_canvas_elem(r->c, tr, "TH");
			pdf_canvas_attr(r->c, e, "Table", "Scope",
			    i < t->nhead ? "Column" : "Row");
		} else
			e = pdf_canvas_elem(r->c, tr, "TD");
		if (j == 0)
			cell[i] = e;
	}
	return cell[i];
}

/*
 * Draws the part [s, e) of row i's content at r->y and moves down,
 * its cells' text in the elements from cell0 on (PDF_ARTIFACT: a
 * header row repeated), shading and rules as furniture.
 */
static void
row_draw(struct run *r, const struct table *t, const struct tlay *tl,
    size_t i, double s, double e, int cell0)
{
	struct pdf		*p = r->p;
	const struct pdf_text	*l;
	double			 x = p->x0 + tl->indent;
	double			 h = e - s + 2 * tl->pady;
	size_t			 j;
	int			 a, b;

	if (r->c != NULL) {
		for (j = 0; j < t->ncols; j++) {
			if (t->shade[i * t->ncols + j]) {
				pdf_canvas_mark(r->c, PDF_ARTIFACT);
				pdf_canvas_grey(r->c, p->col.shade);
				pdf_canvas_rect(r->c, x, r->y, tl->colw[j], h);
				pdf_canvas_fill(r->c);
			}
			l = &tl->cell[i * t->ncols + j];
			for (a = 0; a < l->n && l->top[a] < s - EPS; a++)
				;
			for (b = a; b < l->n && l->bot[b] <= e + EPS; b++)
				;
			pdf_canvas_mark(r->c, cell0 < 0 ? cell0 :
			    cell0 + (int)j);
			pdf_canvas_grey(r->c, p->col.text);
			pdf_canvas_text(r->c, l, x + tl->padx, r->y + tl->pady +
			    (a < l->n ? l->top[a] - s : 0), a, b);
			x += tl->colw[j];
		}
		pdf_canvas_mark(r->c, PDF_ARTIFACT);
		pdf_canvas_grey(r->c, 0);
		for (x = p->x0 + tl->indent, j = 0; j < t->ncols;
		    x += tl->colw[j++])
			pdf_canvas_rect(r->c, x, r->y, tl->colw[j], h);
		pdf_canvas_stroke(r->c, 0.5);
	}
	r->y += h;
	r->empty = 0;
}

/* Draws the header rows: tagged the first time (cell: row_tag),
 * as furniture where they repeat. */
static void
head_draw(struct run *r, const struct table *t, const struct tlay *tl,
    int *cell, int repeat)
{
	size_t	 i;

	for (i = 0; i < t->nhead; i++)
		row_draw(r, t, tl, i, 0, tl->rowh[i], repeat ? PDF_ARTIFACT :
		    row_tag(r, t, cell, i));
}

/* Lays table block b out for the current column width, once. */
static struct tlay *
table_lay(struct run *r, struct blk *b)
{
	if (b->tl == NULL) {
		b->tl = xcalloc(1, sizeof(*b->tl));
		tlay_make(r, b, b->tl);
	}
	return b->tl;
}

static void
table_blk(struct run *r, struct blk *b)
{
	struct pdf		*p = r->p;
	const struct table	*t = b->tab;
	struct tlay		*tl = table_lay(r, b);
	double			 hh = 0, first = 0, rh, s, e, page_h;
	size_t			 i;
	int			 fresh, *cell;

	for (i = 0; i < t->nhead; i++)
		hh += tl->rowh[i] + 2 * tl->pady;
	if (t->nhead < t->nrows)
		first = tl->rowh[t->nhead] + 2 * tl->pady;
	page_h = p->ybot - p->ytop;
	r->elem = pdf_canvas_elem(r->c, PDF_DOC, "Table");
	cell = xcalloc(t->nrows ? t->nrows : 1, sizeof(*cell));
	for (i = 0; i < t->nrows; i++)
		cell[i] = -1;
	space(r, b->before);
	/* The header never ends a page without a row under it. */
	if (!r->empty && r->y + hh + first > p->ybot &&
	    hh + first <= page_h)
		page_new(r);
	head_draw(r, t, tl, cell, 0);
	fresh = 1;
	for (i = t->nhead; i < t->nrows; i++) {
		rh = tl->rowh[i] + 2 * tl->pady;
		if (r->y + rh > p->ybot + EPS && (!fresh || r->empty)) {
			if (rh <= page_h - hh) {
				page_new(r);
				head_draw(r, t, tl, cell, 1);
			}
		}
		if (r->y + rh <= p->ybot + EPS) {
			row_draw(r, t, tl, i, 0, tl->rowh[i],
			    row_tag(r, t, cell, i));
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
					head_draw(r, t, tl, cell, 1);
					fresh = 1;
					continue;
				}
				e = s + p->ybot - r->y - 2 * tl->pady;
			}
			if (e > tl->rowh[i])
				e = tl->rowh[i];
			row_draw(r, t, tl, i, s, e, row_tag(r, t, cell, i));
			fresh = 0;
			s = e;
			if (s < tl->rowh[i] - EPS) {
				page_new(r);
				head_draw(r, t, tl, cell, 1);
				fresh = 1;
			}
		}
		fresh = 0;
	}
	free(cell);
	r->y += b->after;
}

/* ----------------------------------------------------------- contents */

static void
toc_blk(struct run *r, const struct blk *b)
{
	struct pdf		*p = r->p;
	const struct blk	*h;
	struct pdf_text		 t, e, n;
	double			 numw = p->body * 3, ind, w, lead0, lead1;
	double			 y;
	char			 num[16];
	size_t			 k;
	int			 toc, ent;

	space(r, p->body);
	pdf_text_make(&t, p->f, b->markup, 0, PDF_HEAD, pdf_head_size(p, 1),
	    1, p->x1 - p->x0, 'c');
	if (!r->empty && r->y + t.h + 2 * p->line > p->ybot)
		page_new(r);
	pdf_canvas_mark(r->c, head_elem(r, PDF_DOC, 1));
	pdf_canvas_grey(r->c, p->col.text);
	pdf_canvas_text(r->c, &t, p->x0, r->y, 0, t.n);
	r->y += t.h + p->body;
	r->empty = 0;
	pdf_text_dispose(&t);
	toc = pdf_canvas_elem(r->c, PDF_DOC, "TOC");
	for (k = 0; k < p->ntoc; k++) {
		h = &p->b[p->toc[k].blk];
		ind = (h->level - 1) * p->body * 2;
		w = p->x1 - p->x0 - ind - numw - p->body;
		pdf_text_make(&e, p->f, h->markup, 0, PDF_BODY, p->body,
		    h->level == 1, w, 0);
		if (r->y + e.h > p->ybot)
			page_new(r);
		if (r->c != NULL) {
			snprintf(num, sizeof(num), "%d", p->toc[k].page);
			pdf_text_make(&n, p->f, num, 1, PDF_BODY, p->body, 0,
			    numw, 'r');
			y = r->y;
			/* An entry: its text and page number, one link,
			 * in a Reference (what a TOCI holds: ISO 32000-1
			 * 14.8.4.3, not a Link itself). */
			ent = pdf_canvas_elem(r->c, pdf_canvas_elem(r->c, toc,
			    "TOCI"), "Reference");
			pdf_canvas_mark(r->c, pdf_canvas_elem(r->c, ent,
			    "Link"));
			pdf_canvas_link_begin(r->c, p->toc[k].page, p->x0,
			    p->toc[k].y, h->markup);
			pdf_canvas_grey(r->c, p->col.text);
			pdf_canvas_text(r->c, &e, p->x0 + ind, y, 0, e.n);
			pdf_canvas_text(r->c, &n, p->x1 - numw,
			    y + e.top[e.n - 1], 0, 1);
			pdf_canvas_link_end(r->c);
			/* Dot leaders along the last line. */
			lead0 = p->x0 + ind + e.w[e.n - 1] + p->body * 0.5;
			lead1 = p->x1 - n.w[0] - p->body * 0.5;
			if (lead1 > lead0) {
				pdf_canvas_mark(r->c, PDF_ARTIFACT);
				pdf_canvas_grey(r->c, p->col.muted);
				pdf_canvas_dots(r->c, lead0, lead1,
				    y + e.base[e.n - 1], p->body * 0.12,
				    p->body * 0.4);
			}
			pdf_text_dispose(&n);
		}
		r->y += e.h + p->body * 0.3;
		pdf_text_dispose(&e);
	}
	r->y += p->body;
}

/* ---------------------------------------------------------------- runs */

int
pdf_layout_run(struct pdf *p, struct pdf_canvas *c)
{
	struct run	 r;
	size_t		 i;

	memset(&r, 0, sizeof(r));
	r.p = p;
	r.c = c;
	r.page = 1;
	r.y = r.ctop = p->ytop;
	r.empty = 1;
	column_set(&r, 0);
	for (i = 0; i < p->nb; i++) {
		if (p->b[i].kind != B_TEXT)
			r.ldepth = 0;	/* lists end */
		switch (p->b[i].kind) {
		case B_TEXT:
			text_blk(&r, &p->b[i]);
			break;
		case B_TABLE:
			table_blk(&r, &p->b[i]);
			break;
		case B_RULE:
			rule_blk(&r, &p->b[i]);
			break;
		case B_QR:
			qr_blk(&r, &p->b[i]);
			break;
		case B_CHART:
			chart_blk(&r, &p->b[i]);
			break;
		case B_PIC:
			pic_blk(&r, &p->b[i]);
			break;
		case B_BREAK:
			if (!r.empty || r.col != 0)
				sheet_new(&r);
			break;
		case B_BAND:
			band(&r, &p->b[i]);
			break;
		case B_TOC:
			toc_blk(&r, &p->b[i]);
			break;
		}
	}
	page_end(&r);
	return r.page;
}

void
pdf_layout_forget(struct pdf *p)
{
	size_t	 i;

	for (i = 0; i < p->nb; i++) {
		if (p->b[i].lay != NULL) {
			pdf_text_dispose(p->b[i].lay);
			free(p->b[i].lay);
			p->b[i].lay = NULL;
		}
		if (p->b[i].tl != NULL) {
			tlay_free(p->b[i].tab, p->b[i].tl);
			p->b[i].tl = NULL;
		}
	}
}
