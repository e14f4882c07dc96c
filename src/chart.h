/*
 * chart.h -- charts of counts for pages and PDFs (DESIGN 8).
 *
 * A chart is a small model: labels and whole-number values, drawn as a
 * bar chart (labelled counts: by type, by unit) or a line chart (a
 * trend over months).  Pages get an inline SVG (role="img", <title>,
 * <desc>, no script, sized by its viewBox so it reads at 360px) and
 * the same numbers as an HTML table, so that screen readers and
 * readers without CSS get them; PDFs draw the same model with
 * pdf_chart() (pdf.h).  Nothing here allocates beyond the output
 * buffer; the model borrows its strings.
 *
 * A value may be CHART_NONE: no figure for that label (a month that
 * was not reported), which is not 0.  The SVG draws no point there and
 * breaks the line, with the label and a grey band saying `none'; the
 * table and the description say `none' in place of a number.  (PDFs
 * draw no trend yet: pdf_chart() takes values >= 0.)
 */
#ifndef GONGKAI_CHART_H
#define GONGKAI_CHART_H

#include <stddef.h>

struct buf;

enum chart_kind {
	CHART_BAR,	/* horizontal bars, one per label */
	CHART_LINE	/* points joined in label order (months) */
};

struct chart {
	enum chart_kind	  kind;
	const char	 *title;	/* <title> and the table's caption */
	const char	 *desc;		/* <desc>, or NULL: made from the
					   numbers ("咨询 12，投诉 3") */
	const char	 *label_head;	/* table head of labels ("类型") */
	const char	 *value_head;	/* table head of values ("件数") */
	size_t		  n;		/* labels and values */
	const char	**labels;
	const long	 *values;	/* >= 0, or CHART_NONE */
	const char	 *none;		/* what CHART_NONE says ("未报送"),
					   or NULL: "无数据" */
};

#define CHART_NONE	(-1L)	/* a value: no figure (not 0) */

/* Appends the chart as an inline <svg> to out. */
void	chart_svg(const struct chart *, struct buf *out);

/* Appends the numbers as <table class="chart-data"> (caption, one row
 * per label) to out. */
void	chart_table(const struct chart *, struct buf *out);

/* Appends <figure class="chart"> holding the SVG and the table. */
void	chart_html(const struct chart *, struct buf *out);

/* The largest value (0 for none; CHART_NONE is none), and a round
 * axis maximum >= it (1, 2, 5 x 10^k), which the SVG and the PDF
 * share. */
long	chart_max(const struct chart *);
long	chart_axis(long max);

#endif
