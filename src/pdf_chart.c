/*
 * pdf_chart.c -- charts (chart.h) in PDFs: the block pdf_chart()
 * records, its height and its drawing through the canvas of
 * pdf_draw.h (no Pango here).  The geometry follows chart.c: the
 * same axis maximum (chart_axis), bars across the column with their
 * labels at the left and values at their ends, or a line over the
 * labels in order.  A bar's label too long for its column takes a
 * second line (the row grows); one longer still ends with "…": no
 * label loses text without saying so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "pdf_doc.h"
#include "util.h"

#define LABEL_FRAC	0.3	/* a bar chart's label column */
#define LABEL_LINES	2	/* lines a bar's label may take */

void
pdf_chart(struct pdf *p, const struct chart *c)
{
	struct pchart	*pc = xcalloc(1, sizeof(*pc));
	struct blk	*b;
	size_t		 i;

	pc->kind = c->kind;
	pc->n = c->n;
	pc->labels = xcalloc(c->n ? c->n : 1, sizeof(*pc->labels));
	pc->values = xcalloc(c->n ? c->n : 1, sizeof(*pc->values));
	for (i = 0; i < c->n; i++) {
		pc->labels[i] = xstrdup(c->labels[i]);
		pc->values[i] = c->values[i];
	}
	b = pdf_blk_add(p, B_CHART);
	b->markup = pdf_markup_dup(c->title);
	b->chart = pc;
	b->before = p->body * 0.8;
	b->after = p->body * 0.8;
}

void
pchart_free(struct pchart *pc)
{
	size_t	i;

	if (pc == NULL)
		return;
	for (i = 0; i < pc->n; i++)
		free(pc->labels[i]);
	free(pc->labels);
	free(pc->values);
	free(pc);
}

/* A bar's row, and a line chart's plot height. */
static double
row_h(const struct pdf *p)
{
	return p->body * 1.9;
}

static double
plot_h(const struct pdf *p)
{
	return p->body * 12;
}

/* The width of a bar chart's labels in a column x0..x1. */
static double
label_w(const struct pdf *p, double x0, double x1)
{
	return (x1 - x0) * LABEL_FRAC - p->body * 0.5;
}

/*
 * Sets bar label s into t, right-aligned in width w: on at most
 * LABEL_LINES lines, or as many of its first characters as fit on
 * them followed by "…" (the fewest layouts: a binary search).
 */
static void
bar_label(const struct pdf *p, const char *s, double w, struct pdf_text *t)
{
	struct buf	 b = BUF_INIT;
	size_t		*at, nc = 0, i, lo, hi, mid;
	double		 size = p->body * 0.9;

	pdf_text_make(t, p->f, s, 1, PDF_BODY, size, 0, w, 'r');
	if (t->n <= LABEL_LINES)
		return;
	/* the first lo characters and "…" fit, the first hi do not */
	at = xcalloc(strlen(s) + 1, sizeof(*at));
	for (i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			at[nc++] = i;
	lo = 0;
	hi = nc;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		buf_reset(&b);
		buf_put(&b, s, at[mid]);
		buf_puts(&b, "…");
		pdf_text_dispose(t);
		pdf_text_make(t, p->f, b.data, 1, PDF_BODY, size, 0, w, 'r');
		if (t->n <= LABEL_LINES)
			lo = mid;
		else
			hi = mid;
	}
	buf_reset(&b);
	buf_put(&b, s, at[lo]);
	buf_puts(&b, "…");
	pdf_text_dispose(t);
	pdf_text_make(t, p->f, b.data, 1, PDF_BODY, size, 0, w, 'r');
	free(at);
	buf_dispose(&b);
}

/* The height of the bar row of label t: a row, or for a label of more
 * lines than one its lines and a margin. */
static double
bar_h(const struct pdf *p, const struct pdf_text *t)
{
	double	h = t->h + p->body * 0.6;

	return t->n <= 1 || h < row_h(p) ? row_h(p) : h;
}

double
pdf_chart_height(const struct pdf *p, const struct blk *b)
{
	struct pdf_text	 t;
	double		 title = p->body * 1.8, h = 0;
	size_t		 i;

	if (b->chart->kind == CHART_LINE)
		return title + plot_h(p) + p->body * 2.2;
	for (i = 0; i < b->chart->n; i++) {
		bar_label(p, b->chart->labels[i], label_w(p, p->x0, p->x1),
		    &t);
		h += bar_h(p, &t);
		pdf_text_dispose(&t);
	}
	return title + h + p->body * 0.4;
}

/* Sets plain text s at size in width w aligned al, its top at y. */
static void
label(struct pdf *p, struct pdf_canvas *c, const char *s, double size,
    double x, double y, double w, int al)
{
	struct pdf_text	t;

	pdf_text_make(&t, p->f, s, 1, PDF_BODY, size, 0, w, al);
	if (t.n > 0)
		pdf_canvas_text(c, &t, x, y, 0, 1);
	pdf_text_dispose(&t);
}

static long
pmax(const struct pchart *pc)
{
	long	m = 0;
	size_t	i;

	for (i = 0; i < pc->n; i++)
		if (pc->values[i] > m)
			m = pc->values[i];
	return m;
}

void
pdf_chart_draw(struct pdf *p, struct pdf_canvas *c, const struct blk *b,
    double x0, double x1, double y)
{
	const struct pchart	*pc = b->chart;
	struct pdf_text		 t;
	long			 axis = chart_axis(pmax(pc));
	double			 rh = row_h(p), lw, bw, w, h, px, py,
				 s = p->body;
	double			 top, bot, lx0, lx1;
	char			 num[32];
	size_t			 i;

	pdf_text_make(&t, p->f, b->markup, 0, PDF_HEAD, s, 1, x1 - x0, 0);
	pdf_canvas_grey(c, p->col.text);
	pdf_canvas_text(c, &t, x0, y, 0, t.n > 0 ? 1 : 0);
	pdf_text_dispose(&t);
	y += s * 1.8;
	if (pc->kind == CHART_BAR) {
		lw = (x1 - x0) * LABEL_FRAC;
		bw = (x1 - x0) - lw - s * 4;
		for (i = 0; i < pc->n; i++) {
			/* a bar at the middle of its row, its label's
			 * lines beside it */
			bar_label(p, pc->labels[i], label_w(p, x0, x1), &t);
			h = bar_h(p, &t);
			py = y + (h - rh) / 2;
			pdf_canvas_grey(c, p->col.text);
			pdf_canvas_text(c, &t, x0, t.n <= 1 ? y + rh * 0.2 :
			    y + (h - t.h) / 2, 0, t.n);
			pdf_text_dispose(&t);
			w = bw * (double)pc->values[i] / (double)axis;
			if (p->grey)
				pdf_canvas_grey(c, 0.35);
			else
				pdf_canvas_rgb(c, p->col.band);
			pdf_canvas_rect(c, x0 + lw, py + rh * 0.15, w,
			    rh * 0.7);
			pdf_canvas_fill(c);
			snprintf(num, sizeof(num), "%ld", pc->values[i]);
			pdf_canvas_grey(c, p->col.text);
			label(p, c, num, s * 0.9, x0 + lw + w + s * 0.3,
			    py + rh * 0.2, s * 3.5, 0);
			y += h;
		}
		return;
	}
	top = y + s;
	bot = y + plot_h(p);
	lx0 = x0 + s * 3;
	lx1 = x1 - s;
	pdf_canvas_grey(c, p->col.rule);
	pdf_canvas_line(c, lx0, top, lx0, bot);
	pdf_canvas_line(c, lx0, bot, lx1, bot);
	pdf_canvas_stroke(c, 0.75);
	pdf_canvas_grey(c, p->col.muted);
	snprintf(num, sizeof(num), "%ld", axis);
	label(p, c, num, s * 0.8, x0, top - s * 0.5, s * 2.6, 'r');
	label(p, c, "0", s * 0.8, x0, bot - s * 0.5, s * 2.6, 'r');
	for (i = 0; i < pc->n; i++) {
		px = pc->n == 1 ? (lx0 + lx1) / 2 : lx0 + s +
		    (double)i * (lx1 - lx0 - 2 * s) / (double)(pc->n - 1);
		py = bot - (bot - top) * (double)pc->values[i] /
		    (double)axis;
		if (i > 0) {
			double	qx = pc->n == 1 ? px : lx0 + s + (double)(i -
			    1) * (lx1 - lx0 - 2 * s) / (double)(pc->n - 1);
			double	qy = bot - (bot - top) *
			    (double)pc->values[i - 1] / (double)axis;

			if (p->grey)
				pdf_canvas_grey(c, 0.35);
			else
				pdf_canvas_rgb(c, p->col.band);
			pdf_canvas_line(c, qx, qy, px, py);
			pdf_canvas_stroke(c, 1.5);
		}
		if (p->grey)
			pdf_canvas_grey(c, 0.35);
		else
			pdf_canvas_rgb(c, p->col.band);
		pdf_canvas_rect(c, px - 2, py - 2, 4, 4);
		pdf_canvas_fill(c);
		pdf_canvas_grey(c, p->col.text);
		snprintf(num, sizeof(num), "%ld", pc->values[i]);
		label(p, c, num, s * 0.8, px - s * 2, py - s * 1.3, s * 4, 'c');
		label(p, c, pc->labels[i], s * 0.8, px - s * 3, bot + s * 0.3,
		    s * 6, 'c');
	}
}
