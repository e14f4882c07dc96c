/* unit_hotline.c -- hotline.h: counts, closure rate, median days. */
#include "hotline.h"
#include "t.h"

int
main(void)
{
	static const size_t nby[3] = { 2, 5, 4 };
	struct hl_months	 ms = { NULL, 0, 0 };
	struct hl_month		*m, *m2;
	size_t			 idx[3] = { 0, 1, 3 };
	long			 days[] = { 5, 1, 3, 2 };
	size_t			 i;

	/* rounding: half up, one decimal, in tenths of a percent */
	OK(hotline_rate10(2, 3) == 667);
	OK(hotline_rate10(1, 6) == 167);
	OK(hotline_rate10(1, 16) == 63);	/* 6.25 -> 6.3 */
	OK(hotline_rate10(1, 8) == 125);
	OK(hotline_rate10(0, 0) == 0);
	OK(hotline_rate10(7, 7) == 1000);

	/* months stay in order whatever order they come in */
	m = hotline_month(&ms, 2026 * 12 + 9, nby);
	m2 = hotline_month(&ms, 2026 * 12 + 7, nby);
	OK(ms.n == 2 && ms.m[0].ym == 2026 * 12 + 7);
	m = hotline_month(&ms, 2026 * 12 + 9, nby);
	OK(m == &ms.m[1] && ms.n == 2);
	(void)m2;

	OK(hotline_median10(m) == -1);
	/* closed after 5, 1, 3, 2 days: median (2 + 3) / 2 = 2.5 */
	for (i = 0; i < 4; i++)
		hotline_add(m, idx, i % 2 ? 7 : 3, 1, days[i]);
	OK(hotline_median10(m) == 25);
	/* one more, 40 days: the histogram grows; median 3 */
	hotline_add(m, idx, 3, 1, 40);
	OK(hotline_median10(m) == 30);
	OK(m->ndays >= 41 && m->days[40] == 1 && m->days[4] == 0);
	/* an open call counts, but not in the closures */
	idx[2] = 0;
	hotline_add(m, idx, 9, 0, 0);
	OK(m->total == 6 && m->closed == 5);
	OK(m->by[0][0] == 6 && m->by[1][1] == 6 && m->by[2][3] == 5 &&
	    m->by[2][0] == 1);
	OK(hotline_rate10(m->closed, m->total) == 833);
	/* by handling unit, most first, ties by unit index */
	hotline_sort_units(m);
	OK(m->nunits == 3);
	OK(m->units[0].unit == 3 && m->units[0].n == 3);
	OK(m->units[1].unit == 7 && m->units[1].n == 2);
	OK(m->units[2].unit == 9 && m->units[2].n == 1);
	hotline_months_dispose(&ms);
	OK(ms.n == 0 && ms.m == NULL);
	return T_DONE();
}
