/*
 * hotline.c -- hotline month aggregates; see hotline.h.
 */
#include <stdlib.h>
#include <string.h>

#include "hotline.h"
#include "util.h"

/* Where month ym is in a, or would go: 1 if it is there. */
static int
month_slot(const struct hl_months *a, int ym, size_t *at)
{
	size_t	lo = 0, hi = a->n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (a->m[mid].ym == ym) {
			*at = mid;
			return 1;
		}
		if (a->m[mid].ym < ym)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	return 0;
}

struct hl_month *
hotline_month(struct hl_months *a, int ym, const size_t nby[3])
{
	struct hl_month	*m;
	size_t		 lo, i;

	if (month_slot(a, ym, &lo))
		return &a->m[lo];
	xgrow(&a->m, &a->cap, a->n + 1, sizeof(*a->m));
	memmove(&a->m[lo + 1], &a->m[lo], (a->n - lo) * sizeof(*a->m));
	a->n++;
	m = &a->m[lo];
	memset(m, 0, sizeof(*m));
	m->ym = ym;
	for (i = 0; i < 3; i++)
		m->by[i] = xcalloc(nby[i] ? nby[i] : 1, sizeof(long));
	return m;
}

const struct hl_month *
hotline_find(const struct hl_months *a, int ym)
{
	size_t	at;

	return month_slot(a, ym, &at) ? &a->m[at] : NULL;
}

void
hotline_add(struct hl_month *m, const size_t idx[3], size_t unit,
    int closed, long days)
{
	size_t	i, cap;

	m->total++;
	for (i = 0; i < 3; i++)
		m->by[i][idx[i]]++;
	/* the unit of the previous call is the likeliest */
	for (i = m->nunits; i > 0; i--)
		if (m->units[i - 1].unit == unit)
			break;
	if (i == 0) {
		xgrow(&m->units, &m->capunits, m->nunits + 1,
		    sizeof(*m->units));
		m->units[m->nunits].unit = unit;
		m->units[m->nunits++].n = 0;
		i = m->nunits;
	}
	m->units[i - 1].n++;
	if (!closed)
		return;
	m->closed++;
	if ((size_t)days >= m->ndays) {
		cap = m->ndays;
		xgrow(&m->days, &cap, (size_t)days + 1, sizeof(*m->days));
		memset(m->days + m->ndays, 0, (cap - m->ndays) *
		    sizeof(*m->days));
		m->ndays = cap;
	}
	m->days[days]++;
}

static int
cmp_cnt(const void *a, const void *b)
{
	const struct hl_cnt *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return (x->unit > y->unit) - (x->unit < y->unit);
}

void
hotline_sort_units(struct hl_month *m)
{
	xqsort(m->units, m->nunits, sizeof(*m->units), cmp_cnt);
}

void
hotline_months_dispose(struct hl_months *a)
{
	size_t	i, k;

	for (i = 0; i < a->n; i++) {
		for (k = 0; k < 3; k++)
			free(a->m[i].by[k]);
		free(a->m[i].units);
		free(a->m[i].days);
	}
	free(a->m);
	memset(a, 0, sizeof(*a));
}

long
hotline_rate10(long part, long whole)
{
	return whole > 0 ? (part * 2000 + whole) / (2 * whole) : 0;
}

long
hotline_median10(const struct hl_month *m)
{
	long	k1, k2, seen = 0, v1 = -1, v2 = -1;
	size_t	d;

	if (m->closed == 0)
		return -1;
	k1 = (m->closed - 1) / 2;
	k2 = m->closed / 2;
	for (d = 0; d < m->ndays && v2 < 0; d++) {
		seen += m->days[d];
		if (v1 < 0 && seen > k1)
			v1 = (long)d;
		if (v2 < 0 && seen > k2)
			v2 = (long)d;
	}
	return (v1 + v2) * 5;
}
