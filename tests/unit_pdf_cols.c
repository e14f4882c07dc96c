/*
 * unit tests for pdf_cols: a table's column widths from what its cells
 * measure, with made-up measures: characters of size ONE, padding PAD
 * on both sides together.  A Chinese cell's least width is one
 * character (it breaks between any two), a figure's is the figure.
 * (tests/unit_pdf.c and tests/print-docs.test.sh set real tables.)
 */
#include <math.h>
#include <stdio.h>

#include "pdf_cols.h"
#include "t.h"

#define ONE	10.0
#define PAD	9.0
#define NEAR(a, b)	(fabs((a) - (b)) < 0.05)

/* A column of Chinese text, its longest cell chars characters. */
static struct pdf_col
han(int chars)
{
	struct pdf_col	 c = { ONE + PAD, chars * ONE + PAD, 0 };

	return c;
}

/* A column of figures: its widest figure ems wide, on one line. */
static struct pdf_col
fig(double ems)
{
	struct pdf_col	 c = { ems * ONE + PAD, ems * ONE + PAD, 0 };

	return c;
}

/* The characters of size ONE column width w has room for. */
static double
chars(double w)
{
	return (w - PAD) / ONE;
}

static double
sum(const double *w, size_t n)
{
	double	 s = 0;
	size_t	 j;

	for (j = 0; j < n; j++)
		s += w[j];
	return s;
}

/* The floor: room for PDF_COLS_CHARS characters, or all the text, and
 * never less than the widest word; labels their whole width. */
static void
test_floor(void)
{
	struct pdf_col	 c = han(10), s = han(2), f = fig(6), l = han(12);

	l.fixed = 1;
	l.least = l.nat;
	OK(NEAR(pdf_cols_floor(&c, PDF_COLS_CHARS, ONE, PAD),
	    PDF_COLS_CHARS * ONE + PAD));
	OK(NEAR(pdf_cols_floor(&s, PDF_COLS_CHARS, ONE, PAD), 2 * ONE + PAD));
	OK(NEAR(pdf_cols_floor(&f, PDF_COLS_CHARS, ONE, PAD), 6 * ONE + PAD));
	OK(NEAR(pdf_cols_floor(&l, PDF_COLS_CHARS, ONE, PAD), 12 * ONE + PAD));
	OK(NEAR(pdf_cols_floor(&c, 2, ONE, PAD), 2 * ONE + PAD));
	OK(NEAR(pdf_cols_need(&c, 1, ONE, PAD), PDF_COLS_CHARS * ONE + PAD));
}

/* Everything fits on one line: each column by its natural width. */
static void
test_whole(void)
{
	struct pdf_col	 c[3] = { han(4), fig(6), han(10) };
	double		 w[3], avail = 300;

	OK(pdf_cols_widths(c, 3, avail, ONE, PAD, 1, w) == PDF_COLS_WHOLE);
	OK(NEAR(sum(w, 3), avail));
	OK(NEAR(w[0] / w[2], c[0].nat / c[2].nat));
}

/*
 * The tester's table: 单位 | 项目 | 金额 | 备注, 某某县卫生健康委员会 (10
 * characters) and a project of 15 beside a remark of 200 and a figure,
 * in a board's column of 32 characters.  Shared by what each lacks,
 * as before, the unit had less than two characters (卫/生/健/康 down
 * the page); now every column that wraps keeps room for four, the
 * figure stays whole, and the columns fill the width.
 */
static void
test_four_columns(void)
{
	struct pdf_col	 c[4] = { han(10), han(15), fig(6.6), han(200) };
	double		 w[4], avail = 32 * ONE;
	size_t		 j;

	OK(pdf_cols_widths(c, 4, avail, ONE, PAD, 1, w) == PDF_COLS_SHARE);
	OK(NEAR(sum(w, 4), avail));
	for (j = 0; j < 4; j++) {
		OK(chars(w[j]) >= PDF_COLS_CHARS - 0.01);
		if (chars(w[j]) < PDF_COLS_CHARS - 0.01)
			printf("# column %zu: %.2f characters\n", j,
			    chars(w[j]));
	}
	OK(w[2] >= c[2].nat);
	/* what is left goes by what each lacks: the remark most */
	OK(w[3] > w[1] && w[1] > w[0]);
}

/*
 * A roster: short columns (序号, 王*明, 性别, 奖励扶助) get their whole
 * text, narrowest first, beside a remark that wraps anyway.
 */
static void
test_short_whole(void)
{
	struct pdf_col	 c[5] = { han(2), han(3), han(2), han(4), han(90) };
	double		 w[5], avail = 40 * ONE;
	size_t		 j;

	OK(pdf_cols_widths(c, 5, avail, ONE, PAD, 1, w) == PDF_COLS_SHARE);
	for (j = 0; j < 4; j++)
		OK(w[j] >= c[j].nat);
	OK(NEAR(sum(w, 5), avail));
}

/*
 * Twelve columns that cannot each keep four characters: narrower, all
 * alike, but never below two characters while two fit, and a column
 * of one character's text keeps its one; a figure stays whole.
 */
static void
test_narrow(void)
{
	struct pdf_col	 c[12];
	double		 w[12], avail;
	size_t		 j;

	for (j = 0; j < 11; j++)
		c[j] = han(12);
	c[0] = han(1);
	c[11] = fig(5);
	/* room for three characters each, about */
	avail = 11 * (3 * ONE + PAD) + c[11].nat;
	OK(pdf_cols_need(c, 12, ONE, PAD) > avail);
	OK(pdf_cols_widths(c, 12, avail, ONE, PAD, 1, w) ==
	    PDF_COLS_NARROW);
	OK(NEAR(sum(w, 12), avail));
	OK(NEAR(w[0], c[0].nat));
	OK(w[11] >= c[11].nat - 0.01);
	for (j = 1; j < 11; j++) {
		OK(chars(w[j]) >= 2 - 0.01);
		OK(NEAR(w[j], w[1]));	/* alike */
	}
	/* tighter than two characters each: down to the words, alike */
	avail = 11 * (1.5 * ONE + PAD) + c[11].nat;
	OK(pdf_cols_widths(c, 12, avail, ONE, PAD, 1, w) ==
	    PDF_COLS_NARROW);
	OK(w[11] >= c[11].nat - 0.01);
	for (j = 1; j < 11; j++)
		OK(chars(w[j]) >= 1 - 0.01 && NEAR(w[j], w[1]));
}

/*
 * Not even the words fit: label columns keep their width (keep), the
 * others at least a character besides the padding.
 */
static void
test_broken(void)
{
	struct pdf_col	 c[3] = { han(4), fig(20), fig(20) };
	double		 w[3], avail = 30 * ONE;

	c[0].fixed = 1;
	c[0].least = c[0].nat;
	OK(pdf_cols_widths(c, 3, avail, ONE, PAD, 1, w) == PDF_COLS_BROKEN);
	OK(NEAR(w[0], c[0].nat));
	OK(chars(w[1]) >= 1 && chars(w[2]) >= 1);
	OK(NEAR(sum(w, 3), avail));
}

/*
 * Not even the words fit, and a column of Chinese stands beside two
 * long figures: it keeps two characters, not one (卫/生/健/康), while
 * the figures share the rest; where two each do not fit, one.
 */
static void
test_broken_two(void)
{
	struct pdf_col	 c[3] = { han(10), fig(30), fig(30) };
	double		 w[3], avail = 50 * ONE;

	OK(pdf_cols_widths(c, 3, avail, ONE, PAD, 1, w) == PDF_COLS_BROKEN);
	OK(NEAR(chars(w[0]), 2));
	OK(NEAR(w[1], w[2]));
	OK(NEAR(sum(w, 3), avail));
	avail = 3 * (1.5 * ONE + PAD);
	OK(pdf_cols_widths(c, 3, avail, ONE, PAD, 1, w) == PDF_COLS_BROKEN);
	OK(chars(w[0]) >= 1 - 0.01 && chars(w[0]) < 2);
	OK(NEAR(sum(w, 3), avail));
}

int
main(void)
{
	test_floor();
	test_whole();
	test_four_columns();
	test_short_whole();
	test_narrow();
	test_broken();
	test_broken_two();
	return T_DONE();
}
