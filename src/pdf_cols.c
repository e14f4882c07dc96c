/*
 * pdf_cols.c -- a table's column widths from its cells' measures; see
 * pdf_cols.h.
 */
#include <stddef.h>
#include <stdlib.h>

#include "pdf_cols.h"
#include "util.h"

#define SHARE_EPS	0.01	/* points a whole column gets besides: its
				   text set in its own width, in Pango
				   units, might wrap */

double
pdf_cols_floor(const struct pdf_col *c, int chars, double one, double pad)
{
	double	 w = chars * one + pad;

	if (c->fixed || c->nat < w)
		w = c->nat;
	return w > c->least ? w : c->least;
}

double
pdf_cols_need(const struct pdf_col *c, size_t n, double one, double pad)
{
	double	 s = 0;
	size_t	 j;

	for (j = 0; j < n; j++)
		s += pdf_cols_floor(&c[j], PDF_COLS_CHARS, one, pad);
	return s;
}

/*
 * Each column its floor lo[j], then the short ones their whole text,
 * narrowest first, while the others keep their floors: Chinese breaks
 * between any two characters, so a share in proportion to what each
 * lacks broke a name (王*强), 性别 or 一孩 over two lines beside a long
 * column that wraps anyway.  The other columns share what is left in
 * proportion to what they lack (the HTML table's way between its
 * minimum and maximum widths).
 */
static void
share(const struct pdf_col *c, size_t n, const double *lo, double avail,
    double one, double pad, double *w)
{
	double	 rest = avail, lack = 0;
	char	*whole = xcalloc(n ? n : 1, 1);
	size_t	 j, k;

	for (j = 0; j < n; j++) {
		rest -= lo[j];
		whole[j] = (char)c[j].fixed;
	}
	for (;;) {
		k = n;
		for (j = 0; j < n; j++)
			if (!whole[j] && c[j].nat - lo[j] + SHARE_EPS <= rest &&
			    c[j].nat <= PDF_COLS_SHORT * one + pad &&
			    (k == n || c[j].nat < c[k].nat))
				k = j;
		if (k == n)
			break;
		whole[k] = 1;
		rest -= c[k].nat - lo[k] + SHARE_EPS;
	}
	for (j = 0; j < n; j++)
		if (!whole[j])
			lack += c[j].nat - lo[j];
	for (j = 0; j < n; j++)
		w[j] = whole[j] ? c[j].nat + SHARE_EPS : lack > 0 ?
		    lo[j] + (c[j].nat - lo[j]) * rest / lack : lo[j];
	free(whole);
}

/*
 * Widths between lo and hi (sum(lo) <= avail < sum(hi)): every
 * column the same part of the way, so none is starved for another.
 */
static void
between(size_t n, const double *lo, const double *hi, double avail,
    double *w)
{
	double	 slo = 0, shi = 0, t;
	size_t	 j;

	for (j = 0; j < n; j++) {
		slo += lo[j];
		shi += hi[j];
	}
	t = shi > slo ? (avail - slo) / (shi - slo) : 0;
	for (j = 0; j < n; j++)
		w[j] = lo[j] + (hi[j] - lo[j]) * t;
}

/*
 * Not even the widest words fit.  Label columns keep their width if
 * keep; every other column keeps room for two characters of size one
 * besides its padding (or its text, if shorter), one where two do not
 * fit (Chinese breaks between any two, and so does a word too wide),
 * and what is left goes to those whose widest words are wider, as
 * they are.  Shrinking every width alike left a narrow column (序号
 * beside long numbers) less than its padding, and its text over the
 * rules.  Equal widths when not even one character each fits.
 */
static void
squeeze(const struct pdf_col *c, size_t n, double avail, double one,
    double pad, int keep, double *w)
{
	double	*base = xcalloc(n, sizeof(double));
	double	 free_w = avail, a = 0, s = 0, over;
	size_t	 j, m = 0;
	int	 chars;

	for (j = 0; j < n; j++)
		if (keep && c[j].fixed)
			free_w -= c[j].nat;
		else
			m++;
	for (chars = 2; chars >= 1; chars--) {
		a = free_w;
		s = 0;
		for (j = 0; j < n; j++) {
			if (keep && c[j].fixed)
				continue;
			base[j] = pdf_cols_floor(&c[j], chars, one, pad);
			if (base[j] > chars * one + pad)
				base[j] = chars * one + pad;
			a -= base[j];
			if (c[j].least > base[j])
				s += c[j].least - base[j];
		}
		if (a >= 0)
			break;
	}
	for (j = 0; j < n; j++) {
		over = c[j].least > base[j] ? c[j].least - base[j] : 0;
		if (keep && c[j].fixed)
			w[j] = c[j].nat;
		else if (a >= 0 && s > 0)
			w[j] = base[j] + over * a / s;
		else if (a >= 0)
			w[j] = base[j] + a / (double)m;
		else
			w[j] = free_w / (double)m;
	}
	free(base);
}

enum pdf_cols_fit
pdf_cols_widths(const struct pdf_col *c, size_t n, double avail,
    double one, double pad, int keep, double *w)
{
	enum pdf_cols_fit	 fit;
	double			*lo4, *lo2, *lo1, s4 = 0, s2 = 0, s1 = 0;
	double			 snat = 0;
	size_t			 j;

	if (n == 0)
		return PDF_COLS_WHOLE;
	lo4 = xcalloc(3 * n, sizeof(double));
	lo2 = lo4 + n;
	lo1 = lo2 + n;
	for (j = 0; j < n; j++) {
		snat += c[j].nat;
		s4 += lo4[j] = pdf_cols_floor(&c[j], PDF_COLS_CHARS, one, pad);
		s2 += lo2[j] = pdf_cols_floor(&c[j], 2, one, pad);
		s1 += lo1[j] = c[j].least;
	}
	if (snat <= avail) {
		fit = PDF_COLS_WHOLE;
		for (j = 0; j < n; j++)
			w[j] = snat > 0 ? c[j].nat * avail / snat : avail / n;
	} else if (s4 <= avail) {
		fit = PDF_COLS_SHARE;
		share(c, n, lo4, avail, one, pad, w);
	} else if (s2 <= avail) {
		fit = PDF_COLS_NARROW;
		between(n, lo2, lo4, avail, w);
	} else if (s1 <= avail) {
		fit = PDF_COLS_NARROW;
		between(n, lo1, lo2, avail, w);
	} else {
		fit = PDF_COLS_BROKEN;
		squeeze(c, n, avail, one, pad, keep, w);
	}
	free(lo4);
	return fit;
}
