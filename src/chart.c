/*
 * chart.c -- charts as inline SVG and HTML tables; see chart.h.
 *
 * Coordinates are whole numbers in a 360-wide viewBox, so the output
 * does not depend on the locale or on floating-point printing.
 */
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "esc.h"

#define W	360	/* viewBox width */
#define BAR_H	22	/* a bar's row */
#define LABEL_W	112	/* label column of a bar chart */
#define LINE_H	180	/* a line chart's height */
#define LABEL_MAX 8	/* characters of a label drawn; the table has all */

long
chart_max(const struct chart *c)
{
	long	m = 0;
	size_t	i;

	for (i = 0; i < c->n; i++)
		if (c->values[i] > m)
			m = c->values[i];
	return m;
}

long
chart_axis(long max)
{
	long	p = 1;

	if (max <= 0)
		return 1;
	for (;;) {
		if (max <= p)
			return p;
		if (max <= 2 * p)
			return 2 * p;
		if (max <= 5 * p)
			return 5 * p;
		p *= 10;
	}
}

/* What CHART_NONE says. */
static const char *
none(const struct chart *c)
{
	return c->none != NULL ? c->none : "无数据";
}

/* Appends s escaped, cut after LABEL_MAX characters with an ellipsis. */
static void
put_label(struct buf *out, const char *s)
{
	size_t	i, n = 0;

	for (i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == LABEL_MAX)
			break;
	esc_html(out, s, i);
	if (s[i] != '\0')
		buf_puts(out, "…");
}

static void
put_desc(const struct chart *c, struct buf *out)
{
	size_t	i;

	if (c->desc != NULL) {
		esc_html(out, c->desc, strlen(c->desc));
		return;
	}
	for (i = 0; i < c->n; i++) {
		if (i)
			buf_puts(out, "，");
		esc_html(out, c->labels[i], strlen(c->labels[i]));
		if (c->values[i] < 0) {
			buf_putc(out, ' ');
			esc_html(out, none(c), strlen(none(c)));
		} else
			buf_printf(out, " %ld", c->values[i]);
	}
	if (c->n == 0)
		buf_puts(out, "无数据");
}

static void
svg_open(const struct chart *c, struct buf *out, int h)
{
	buf_printf(out, "<svg class=\"chart-svg\" xmlns=\"http://www.w3.org/"
	    "2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\"><title>", W, h);
	esc_html(out, c->title, strlen(c->title));
	buf_puts(out, "</title><desc>");
	put_desc(c, out);
	buf_puts(out, "</desc>\n");
}

static void
bars(const struct chart *c, struct buf *out)
{
	long	axis = chart_axis(chart_max(c));
	int	h = (int)c->n * BAR_H + 8, y, w;
	size_t	i;

	svg_open(c, out, h);
	for (i = 0; i < c->n; i++) {
		y = 4 + (int)i * BAR_H;
		buf_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\" "
		    "text-anchor=\"end\" fill=\"#333\">", LABEL_W - 6, y + 15);
		put_label(out, c->labels[i]);
		if (c->values[i] < 0) {
			buf_printf(out, "</text><text x=\"%d\" y=\"%d\" "
			    "font-size=\"12\" fill=\"#666\">", LABEL_W + 4,
			    y + 15);
			esc_html(out, none(c), strlen(none(c)));
			buf_puts(out, "</text>\n");
			continue;
		}
		w = (int)(c->values[i] * (W - LABEL_W - 48) / axis);
		buf_printf(out, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"#2f6fae\"/><text x=\"%d\" y=\"%d\" "
		    "font-size=\"12\" fill=\"#333\">%ld</text>\n", LABEL_W,
		    y + 3, w, BAR_H - 6, LABEL_W + w + 4, y + 15,
		    c->values[i]);
	}
	buf_puts(out, "</svg>");
}

/* The x of point i of a line chart from x0 to x1. */
static int
line_x(const struct chart *c, size_t i, int x0, int x1)
{
	return c->n == 1 ? (x0 + x1) / 2 : x0 + 12 +
	    (int)i * (x1 - x0 - 24) / (int)(c->n - 1);
}

/*
 * The points without a figure, [i, j) each run of them, as grey bands
 * between their neighbours' points, saying none(c) across the middle:
 * the line breaks there (line()).
 */
static void
line_gaps(const struct chart *c, struct buf *out, int x0, int x1, int top,
    int bot)
{
	size_t	i, j;
	int	a, b, half;

	half = c->n > 1 ? (x1 - x0 - 24) / (int)(c->n - 1) / 2 : x1 - x0;
	for (i = 0; i < c->n; i = j) {
		for (; i < c->n && c->values[i] >= 0; i++)
			;
		for (j = i; j < c->n && c->values[j] < 0; j++)
			;
		if (i == j)
			break;
		a = line_x(c, i, x0, x1) - half;
		b = line_x(c, j - 1, x0, x1) + half;
		a = a < x0 + 1 ? x0 + 1 : a;
		b = b > x1 ? x1 : b;
		buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"#eee\"/><text x=\"%d\" y=\"%d\" "
		    "font-size=\"9\" text-anchor=\"middle\" fill=\"#666\">",
		    a, top, b - a, bot - top, (a + b) / 2, (top + bot) / 2 + 3);
		esc_html(out, none(c), strlen(none(c)));
		buf_puts(out, "</text>\n");
	}
}

static void
line(const struct chart *c, struct buf *out)
{
	long	axis = chart_axis(chart_max(c));
	int	x0 = 36, x1 = W - 12, top = 16, bot = LINE_H - 36, x, y;
	size_t	i, j;

	svg_open(c, out, LINE_H);
	buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#999\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#999\"/>\n<text x=\"%d\" y=\"%d\" font-size=\"10\" "
	    "text-anchor=\"end\" fill=\"#666\">%ld</text><text x=\"%d\" "
	    "y=\"%d\" font-size=\"10\" text-anchor=\"end\" fill=\"#666\">0"
	    "</text>\n", x0, top, x0, bot, x0, bot, x1, bot, x0 - 4, top + 4,
	    axis, x0 - 4, bot);
	line_gaps(c, out, x0, x1, top, bot);
	/* one line through each run of points with a figure */
	for (i = 0; i < c->n; i = j) {
		for (; i < c->n && c->values[i] < 0; i++)
			;
		if (i == c->n)
			break;
		buf_puts(out, "<polyline fill=\"none\" stroke=\"#2f6fae\" "
		    "stroke-width=\"2\" points=\"");
		for (j = i; j < c->n && c->values[j] >= 0; j++) {
			x = line_x(c, j, x0, x1);
			y = bot - (int)(c->values[j] * (bot - top) / axis);
			buf_printf(out, "%s%d,%d", j > i ? " " : "", x, y);
		}
		buf_puts(out, "\"/>\n");
	}
	for (i = 0; i < c->n; i++) {
		x = line_x(c, i, x0, x1);
		if (c->values[i] < 0) {
			buf_printf(out, "<text x=\"%d\" y=\"%d\" "
			    "font-size=\"10\" text-anchor=\"middle\" "
			    "fill=\"#333\">", x, bot + 14);
			put_label(out, c->labels[i]);
			buf_puts(out, "</text>\n");
			continue;
		}
		y = bot - (int)(c->values[i] * (bot - top) / axis);
		buf_printf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" "
		    "fill=\"#2f6fae\"/><text x=\"%d\" y=\"%d\" "
		    "font-size=\"10\" text-anchor=\"middle\" fill=\"#333\">"
		    "%ld</text><text x=\"%d\" y=\"%d\" font-size=\"10\" "
		    "text-anchor=\"middle\" fill=\"#333\">", x, y, x, y - 6,
		    c->values[i], x, bot + 14);
		put_label(out, c->labels[i]);
		buf_puts(out, "</text>\n");
	}
	buf_puts(out, "</svg>");
}

void
chart_svg(const struct chart *c, struct buf *out)
{
	if (c->kind == CHART_LINE)
		line(c, out);
	else
		bars(c, out);
}

void
chart_table(const struct chart *c, struct buf *out)
{
	size_t	i;

	buf_puts(out, "<table class=\"chart-data\"><caption>");
	esc_html(out, c->title, strlen(c->title));
	buf_puts(out, "</caption>\n<thead><tr><th scope=\"col\">");
	esc_html(out, c->label_head, strlen(c->label_head));
	buf_puts(out, "</th><th scope=\"col\">");
	esc_html(out, c->value_head, strlen(c->value_head));
	buf_puts(out, "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < c->n; i++) {
		buf_puts(out, "<tr><th scope=\"row\">");
		esc_html(out, c->labels[i], strlen(c->labels[i]));
		if (c->values[i] < 0) {
			buf_puts(out, "</th><td class=\"none\">");
			esc_html(out, none(c), strlen(none(c)));
			buf_puts(out, "</td></tr>\n");
		} else
			buf_printf(out, "</th><td>%ld</td></tr>\n",
			    c->values[i]);
	}
	buf_puts(out, "</tbody></table>");
}

void
chart_html(const struct chart *c, struct buf *out)
{
	buf_puts(out, "<figure class=\"chart\">\n");
	chart_svg(c, out);
	buf_putc(out, '\n');
	chart_table(c, out);
	buf_puts(out, "\n</figure>\n");
}
