/*
 * pdf_cols.h -- the widths of a table's columns on paper, from what
 * its cells measure: the arithmetic behind pdf_layout.c's tables,
 * apart from Pango so that it is tested with widths made up.
 *
 * A typesetter's table, as the HTML automatic table layout: every
 * column has a least width (its widest piece that cannot break) and a
 * natural one (its widest cell on one line).  Chinese may break
 * between any two characters, so its least width is one character;
 * set that narrow, 卫生健康委员会 ran down the page one character a
 * line beside columns that had room.  So a column that wraps keeps
 * room for PDF_COLS_CHARS characters (all of its text if shorter):
 * the table is set smaller (pdf_layout.c) before any column goes
 * below that, and only a table too wide even at the smallest size
 * narrows them, evenly, to two characters, then to its words.
 */
#ifndef GONGKAI_PDF_COLS_H
#define GONGKAI_PDF_COLS_H

#include <stddef.h>

/* A column as its cells measure at one size, padding included. */
struct pdf_col {
	double	least;	/* its widest piece that cannot break */
	double	nat;	/* its widest cell unwrapped (>= least) */
	int	fixed;	/* 1: a column of labels, never wrapped (least
			   is nat) */
};

/* Characters a column that wraps keeps room for, at best. */
#define PDF_COLS_CHARS	4

/* How pdf_cols_widths() set the columns. */
enum pdf_cols_fit {
	PDF_COLS_WHOLE,	 /* every cell on one line */
	PDF_COLS_SHARE,	 /* the wrapped columns PDF_COLS_CHARS wide or
			    more */
	PDF_COLS_NARROW, /* narrower than that, no word broken */
	PDF_COLS_BROKEN	 /* words broken: not even they fit */
};

/*
 * The width column c needs so that it keeps room for chars characters
 * of size one besides its padding pad, or its whole text if shorter,
 * and never less than its least width.
 */
double	pdf_cols_floor(const struct pdf_col *c, int chars, double one,
	    double pad);

/* The sum of pdf_cols_floor(PDF_COLS_CHARS) of the n columns c. */
double	pdf_cols_need(const struct pdf_col *c, size_t n, double one,
	    double pad);

/*
 * Sets w[0..n-1] to the widths of the n columns c in avail points,
 * their text of size one, their padding pad (both sides), and returns
 * how they fit.  Whole: each column in proportion to its natural
 * width.  Share: each column first its floor, then the short ones
 * (PDF_COLS_SHORT characters or fewer) their whole text, narrowest
 * first, and the rest shared by what each lacks.  Narrow: between two
 * characters and PDF_COLS_CHARS, or between the least widths and two
 * characters, alike for all.  Broken: label columns keep their width
 * if keep, the others room for two characters (one where two do not
 * fit; their text, if shorter) and what is left by how much wider
 * their words are.
 */
enum pdf_cols_fit pdf_cols_widths(const struct pdf_col *c, size_t n,
	    double avail, double one, double pad, int keep, double *w);

/* A column this many characters wide unwrapped or less is short. */
#define PDF_COLS_SHORT	8

#endif
