/*
 * report.c -- completeness and timeliness of every unit's catalogue
 * and the annual report's figures; see report.h.
 *
 * Cost: one pass over each unit's categories and items, one sort of
 * the waiting paths and one of the units; subtree tallies are added
 * bottom-up (units are in path order, so children come after their
 * parent), and the worst-first list of every unit is filled by walking
 * the global worst-first order once and appending each unit to its
 * ancestors' lists: O(units * depth) in all, never a rescan per unit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annual.h"
#include "cfg.h"
#include "item.h"
#include "prov.h"
#include "report.h"
#include "site.h"
#include "util.h"
#include "workday.h"

/* ---- judging a site -------------------------------------------------- */

static void
tally_add(struct report_tally *t, const struct report_tally *a)
{
	t->units += a->units;
	t->items += a->items;
	t->required += a->required;
	t->ok += a->ok;
	t->gaps += a->gaps;
	t->empty += a->empty;
	t->overdue += a->overdue;
	t->late += a->late;
	t->stale += a->stale;
	t->noindex += a->noindex;
	t->waiting += a->waiting;
}

int
report_percent(const struct report_tally *t)
{
	if (t->required == 0)
		return 100;
	return (int)(t->ok * 100 / t->required);
}

/* Working days from it's 成文日期 to its 发布日期, or -1 without one. */
static int
item_workdays(const struct site *s, const struct item *it)
{
	if (it->written == NO_DATE)
		return -1;
	return workdays_between_days(it->written, it->date,
	    s->cfg->holidays, s->cfg->nholidays);
}

/* Expired or repealed on today, and nothing named to replace it. */
static int
item_stale(const struct item *it, long today)
{
	return it->replaced_idx == NO_INDEX &&
	    item_state(it, today) != ITEM_VALID;
}

/* Judges the categories and items of unit ui. */
static void
judge_unit(struct report *r, size_t ui)
{
	const struct site	*s = r->site;
	const struct unit	*u = &s->units[ui];
	struct report_unit	*ru = &r->units[ui];
	const struct category	*cat;
	struct report_cat	*rc;
	const struct item	*it;
	struct report_note	*nt;
	size_t			 c, k, ncap = 0;
	unsigned		 fl;
	int			 wd;

	ru->cats = xcalloc(u->catalogue->ncats ? u->catalogue->ncats : 1,
	    sizeof(*ru->cats));
	ru->own.units = 1;
	for (c = 0; c < u->catalogue->ncats; c++) {
		cat = &u->catalogue->cats[c];
		rc = &ru->cats[c];
		rc->count = u->cats[c].nitems;
		rc->required = cat->required;
		rc->empty = rc->count == 0;
		rc->newest = rc->due = rc->wait_since = NO_DATE;
		if (!rc->empty) {
			rc->newest = s->items[u->cats[c].items[0]].date;
			if (cat->max_age_days > 0)
				rc->due = rc->newest + cat->max_age_days;
		}
		rc->overdue = rc->due != NO_DATE && r->today > rc->due;
		rc->gap = rc->required && (rc->empty || rc->overdue);
		for (k = 0; k < rc->count; k++) {
			it = &s->items[u->cats[c].items[k]];
			fl = 0;
			wd = item_workdays(s, it);
			if (wd > REPORT_LATE_WORKDAYS) {
				fl |= RF_LATE;
				rc->late++;
			}
			if (item_stale(it, r->today)) {
				fl |= RF_STALE;
				rc->stale++;
			}
			if (it->index_no == NULL) {
				fl |= RF_NOINDEX;
				rc->noindex++;
			}
			if (fl == 0)
				continue;
			xgrow(&ru->notes, &ncap, ru->nnotes + 1,
			    sizeof(*ru->notes));
			nt = &ru->notes[ru->nnotes++];
			nt->item = u->cats[c].items[k];
			nt->flags = fl;
			nt->workdays = wd;
		}
		ru->own.items += rc->count;
		ru->own.required += rc->required;
		ru->own.ok += rc->required && !rc->gap;
		ru->own.gaps += rc->gap;
		ru->own.empty += rc->required && rc->empty;
		ru->own.overdue += rc->overdue;
		ru->own.late += rc->late;
		ru->own.stale += rc->stale;
		ru->own.noindex += rc->noindex;
	}
}

/* Files wait wi under its unit and category. */
static void
file_wait(struct report *r, size_t wi, size_t *caps)
{
	const struct prov_wait	*w = &r->waits[wi];
	struct report_unit	*ru;
	struct report_cat	*rc;

	if (w->unit == NO_INDEX)
		return;
	ru = &r->units[w->unit];
	xgrow(&ru->waits, &caps[w->unit], ru->nwaits + 1, sizeof(*ru->waits));
	ru->waits[ru->nwaits++] = wi;
	ru->own.waiting++;
	if (ru->wait_since == NO_DATE || w->since < ru->wait_since)
		ru->wait_since = w->since;
	if (w->cat < 0)
		return;
	rc = &ru->cats[w->cat];
	rc->waiting++;
	if (rc->wait_since == NO_DATE || w->since < rc->wait_since)
		rc->wait_since = w->since;
}

int
report_worse(const struct report *r, size_t a, size_t b)
{
	const struct report_tally *x = &r->units[a].own, *y = &r->units[b].own;
	size_t	xr = x->required ? x->required : 1, xo = x->required ? x->ok : 1;
	size_t	yr = y->required ? y->required : 1, yo = y->required ? y->ok : 1;
	size_t	xw, yw;

	/* xo/xr < yo/yr without division */
	if (xo * yr != yo * xr)
		return xo * yr < yo * xr ? -1 : 1;
	if (x->gaps != y->gaps)
		return x->gaps > y->gaps ? -1 : 1;
	xw = x->overdue + x->late + x->stale + x->noindex + x->waiting;
	yw = y->overdue + y->late + y->stale + y->noindex + y->waiting;
	if (xw != yw)
		return xw > yw ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* qsort has no argument: sort (key, index) pairs instead. */
struct rank {
	const struct report	*r;
	size_t			 u;
};

static int
cmp_rank(const void *a, const void *b)
{
	const struct rank *x = a, *y = b;

	return report_worse(x->r, x->u, y->u);
}

static int
cmp_int(const void *a, const void *b)
{
	int	x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The years of unit u's annual report: those in which it published an
 * item (up to today's year) or has an annual/<year>.yaml. */
static void
unit_years(struct report *r, size_t ui, const size_t *afirst,
    const size_t *anext)
{
	const struct site	*s = r->site;
	const struct unit	*u = &s->units[ui];
	struct report_unit	*ru = &r->units[ui];
	struct date		 d;
	size_t			 c, k, cap = 0, n = 0, j;
	int			*ys = NULL, y, ty;

	date_from_days(r->today, &d);
	ty = d.year;
	for (c = 0; c < u->catalogue->ncats; c++)
		for (k = 0; k < u->cats[c].nitems; k++) {
			date_from_days(s->items[u->cats[c].items[k]].date, &d);
			if (d.year > ty || (n > 0 && ys[n - 1] == d.year))
				continue;
			xgrow(&ys, &cap, n + 1, sizeof(*ys));
			ys[n++] = d.year;
		}
	for (j = afirst[ui]; j != NO_INDEX; j = anext[j]) {
		xgrow(&ys, &cap, n + 1, sizeof(*ys));
		ys[n++] = s->annuals[j].year;
	}
	if (n == 0)
		return;
	xqsort(ys, n, sizeof(*ys), cmp_int);
	for (j = 0, k = 0; j < n; j++) {
		y = ys[j];
		if (k == 0 || ys[k - 1] != y)
			ys[k++] = y;
	}
	ru->years = ys;
	ru->nyears = k;
}

struct report *
report_new(const struct site *s, long today, const struct prov *answer)
{
	struct report	*r = xcalloc(1, sizeof(*r));
	struct rank	*rk;
	size_t		 i, a, *caps, *fill, *afirst, *alast, *anext;

	r->site = s;
	r->today = today;
	r->gated = answer->gated;
	r->units = xcalloc(s->nunits ? s->nunits : 1, sizeof(*r->units));
	for (i = 0; i < s->nunits; i++) {
		r->units[i].wait_since = NO_DATE;
		judge_unit(r, i);
	}

	/* waiting versions */
	r->waits = answer->waits;
	r->nwaits = answer->nwaits;
	caps = xcalloc(s->nunits ? s->nunits : 1, sizeof(*caps));
	for (i = 0; i < r->nwaits; i++)
		file_wait(r, i, caps);
	free(caps);

	/* subtrees, bottom-up: a parent's index is below its children's */
	for (i = 0; i < s->nunits; i++)
		r->units[i].sub = r->units[i].own;
	for (i = s->nunits; i-- > 0;)
		if (s->units[i].parent != NO_INDEX)
			tally_add(&r->units[s->units[i].parent].sub,
			    &r->units[i].sub);
	for (i = 0; i < s->nroots; i++)
		tally_add(&r->all, &r->units[s->roots[i]].sub);
	/* waits outside every unit count in the whole only */
	for (i = 0, a = 0; i < s->nunits; i++)
		a += r->units[i].nwaits;
	r->all.waiting += r->nwaits - a;

	/* worst first, globally, then per ancestor */
	rk = xcalloc(s->nunits ? s->nunits : 1, sizeof(*rk));
	for (i = 0; i < s->nunits; i++) {
		rk[i].r = r;
		rk[i].u = i;
	}
	xqsort(rk, s->nunits, sizeof(*rk), cmp_rank);
	r->worst = xcalloc(s->nunits ? s->nunits : 1, sizeof(*r->worst));
	for (i = 0; i < s->nunits; i++) {
		r->worst[i] = rk[i].u;
		r->units[i].worst = xcalloc(r->units[i].sub.units,
		    sizeof(size_t));
	}
	free(rk);
	fill = r->worst;
	for (i = 0; i < s->nunits; i++)
		for (a = s->units[fill[i]].parent; a != NO_INDEX;
		    a = s->units[a].parent)
			r->units[a].worst[r->units[a].nworst++] = fill[i];

	/* annual report years: annuals chained per unit, in path order */
	afirst = xcalloc(s->nunits ? s->nunits : 1, sizeof(*afirst));
	alast = xcalloc(s->nunits ? s->nunits : 1, sizeof(*alast));
	anext = xcalloc(s->nannuals ? s->nannuals : 1, sizeof(*anext));
	for (i = 0; i < s->nunits; i++)
		afirst[i] = alast[i] = NO_INDEX;
	for (i = 0; i < s->nannuals; i++) {
		a = s->annuals[i].unit;
		anext[i] = NO_INDEX;
		if (afirst[a] == NO_INDEX)
			afirst[a] = i;
		else
			anext[alast[a]] = i;
		alast[a] = i;
	}
	for (i = 0; i < s->nunits; i++)
		if (s->units[i].level->annual)
			unit_years(r, i, afirst, anext);
	free(afirst);
	free(alast);
	free(anext);
	return r;
}

void
report_free(struct report *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->site->nunits; i++) {
		free(r->units[i].cats);
		free(r->units[i].notes);
		free(r->units[i].waits);
		free(r->units[i].worst);
		free(r->units[i].years);
	}
	free(r->units);
	free(r->worst);
	free(r);
}

/* ---- one year of one unit ------------------------------------------- */

void
report_year(const struct report *r, size_t ui, int year,
    struct report_year *y)
{
	const struct site	*s = r->site;
	const struct unit	*u = &s->units[ui];
	const struct item	*it;
	struct date		 d;
	long			 start, end, cut;
	size_t			 c, k;
	int			 norm;

	memset(y, 0, sizeof(*y));
	y->year = year;
	d.year = year;
	d.month = 1;
	d.day = 1;
	start = date_days(&d);
	d.month = 12;
	d.day = 31;
	end = date_days(&d);
	y->partial = r->today < end;
	cut = y->partial ? r->today : end;
	y->percat = xcalloc(u->catalogue->ncats ? u->catalogue->ncats : 1,
	    sizeof(*y->percat));
	for (c = 0; c < u->catalogue->ncats; c++) {
		norm = strcmp(u->catalogue->cats[c].id, "normative-docs") == 0;
		y->has_norm |= norm;
		for (k = 0; k < u->cats[c].nitems; k++) {
			it = &s->items[u->cats[c].items[k]];
			if (it->date >= start && it->date <= cut) {
				y->percat[c]++;
				y->items++;
				y->late += item_workdays(s, it) >
				    REPORT_LATE_WORKDAYS;
				y->noindex += it->index_no == NULL;
				y->norm_issued += norm;
			}
			if (!norm)
				continue;
			if (it->repealed != NO_DATE && it->repealed >= start &&
			    it->repealed <= cut)
				y->norm_repealed++;
			if (it->date <= cut &&
			    item_state(it, cut) == ITEM_VALID)
				y->norm_in_force++;
		}
	}
	for (k = 0; k < s->nannuals; k++)
		if (s->annuals[k].unit == ui && s->annuals[k].year == year)
			y->in = &s->annuals[k];
}
