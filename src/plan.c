/*
 * plan.c -- deal units to shards; see plan.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "plan.h"
#include "site.h"
#include "util.h"
#include "val.h"

/* A unit's weight: its items, and its home, guide, feed and lists. */
#define UNIT_BASE	4

/* A piece of the tree dealt as one: unit top and its subtree, or top
 * alone (whole 0: its children are pieces of their own). */
struct piece {
	size_t	top;
	int	whole;
	size_t	weight;
};

struct dealer {
	const struct site	*s;
	size_t			*sub;	 /* weight of each unit's subtree */
	size_t			 limit;	 /* most a whole piece weighs */
	struct piece		*p;
	size_t			 np, cap;
};

static size_t
own_weight(const struct site *s, size_t u)
{
	return UNIT_BASE + site_unit_items(s, u);
}

static void
cut(struct dealer *d, size_t u)
{
	const struct unit	*un = &d->s->units[u];
	size_t			 i;

	xgrow(&d->p, &d->cap, d->np + 1, sizeof(*d->p));
	d->p[d->np].top = u;
	if (d->sub[u] <= d->limit || un->nchildren == 0) {
		d->p[d->np].whole = 1;
		d->p[d->np++].weight = d->sub[u];
		return;
	}
	d->p[d->np].whole = 0;
	d->p[d->np++].weight = own_weight(d->s, u);
	for (i = 0; i < un->nchildren; i++)
		cut(d, un->children[i]);
}

/* Heaviest first; ties in tree order (the index of the top unit). */
static int
by_weight(const void *a, const void *b)
{
	const struct piece	*x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return x->top < y->top ? -1 : x->top > y->top;
}

/* Gives shard k to unit u and, when whole, its subtree. */
static void
give(const struct site *s, size_t u, int whole, int k, int *of)
{
	size_t	i;

	of[u] = k;
	if (whole)
		for (i = 0; i < s->units[u].nchildren; i++)
			give(s, s->units[u].children[i], 1, k, of);
}

int *
plan_assign(const struct site *s, int n)
{
	struct dealer	 d;
	size_t		*load, total = 0, u, i;
	int		*of = xcalloc(s->nunits + 1, sizeof(*of)), k, best;

	if (n < 1)
		n = 1;
	memset(&d, 0, sizeof(d));
	d.s = s;
	d.sub = xcalloc(s->nunits + 1, sizeof(*d.sub));
	/* units are sorted parents first: children add up backwards */
	for (u = s->nunits; u-- > 0; ) {
		d.sub[u] += own_weight(s, u);
		if (s->units[u].parent != NO_INDEX)
			d.sub[s->units[u].parent] += d.sub[u];
	}
	for (i = 0; i < s->nroots; i++)
		total += d.sub[s->roots[i]];
	/* pieces of at most a quarter share deal evenly */
	d.limit = total / ((size_t)n * 4) + 1;
	for (i = 0; i < s->nroots; i++)
		cut(&d, s->roots[i]);
	qsort(d.p, d.np, sizeof(*d.p), by_weight);
	load = xcalloc((size_t)n, sizeof(*load));
	for (i = 0; i < d.np; i++) {
		best = 0;
		for (k = 1; k < n; k++)
			if (load[k] < load[best])
				best = k;
		load[best] += d.p[i].weight;
		give(s, d.p[i].top, d.p[i].whole, best, of);
	}
	free(load);
	free(d.p);
	free(d.sub);
	return of;
}

unsigned char *
plan_mine(const struct site *s, int n, int i)
{
	unsigned char	*m;
	int		*of;
	size_t		 u;

	if (i < 0 || i >= n) {
		diag_fatal("there is no shard %d of %d (shards count from 0)",
		    i, n);
		return NULL;
	}
	of = plan_assign(s, n);
	m = xcalloc(s->nunits + 1, 1);
	for (u = 0; u < s->nunits; u++)
		m[u] = of[u] == i;
	free(of);
	return m;
}

void
plan_json(const struct site *s, int n, size_t only, struct buf *b)
{
	int		*of = plan_assign(s, n), k;
	size_t		 u, items, units = 0, total = 0, up;
	struct val	*root = val_map(), *l, *e, *tops;

	/* units outside only's subtree are in no shard here */
	for (u = 0; u < s->nunits; u++)
		if (only != NO_INDEX && !site_under(s, u, only))
			of[u] = -1;
		else {
			total += site_unit_items(s, u);
			units++;
		}
	val_set_num(root, "shards", (double)n);
	val_set_num(root, "units", (double)units);
	val_set_num(root, "items", (double)total);
	l = val_set(root, "plan", val_list());
	for (k = 0; k < n; k++) {
		e = val_push(l, val_map());
		items = units = 0;
		val_set_num(e, "shard", (double)k);
		tops = val_list();
		for (u = 0; u < s->nunits; u++) {
			if (of[u] != k)
				continue;
			items += site_unit_items(s, u);
			units++;
			/* the tops of its subtrees: units whose parent is
			 * in another shard, or outside only's */
			up = s->units[u].parent;
			if (up == NO_INDEX || of[up] != k)
				val_push(tops, val_str_ref(s->units[u].dir));
		}
		val_set_num(e, "units", (double)units);
		val_set_num(e, "items", (double)items);
		val_set(e, "subtrees", tops);
	}
	val_json(root, b, 1);
	buf_putc(b, '\n');
	val_free(root);
	free(of);
}

/* $GONGKAI_JOBS as a number from 1 to 1024; 0 if it is unset or
 * empty, -1 if it is anything else. */
static int
env_jobs(void)
{
	const char	*e = getenv("GONGKAI_JOBS");

	return e == NULL || *e == '\0' ? 0 : plan_number(e, 1, 1024);
}

int
plan_cpus(void)
{
	long	n;

	if ((n = env_jobs()) > 0)
		return (int)n;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

int
plan_jobs_env(void)
{
	if (env_jobs() != -1)
		return 0;
	diag_fatal("GONGKAI_JOBS wants a number from 1 to 1024, not '%s'",
	    getenv("GONGKAI_JOBS"));
	return -1;
}

int
plan_number(const char *s, int lo, int hi)
{
	char	*end;
	long	 v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return -1;
	return (int)v;
}

int
plan_shard_arg(const char *s, int *i, int *n)
{
	const char	*sl = strchr(s, '/');
	char		*a;

	if (sl != NULL) {
		a = xstrndup(s, (size_t)(sl - s));
		*i = plan_number(a, 0, 65535);
		*n = plan_number(sl + 1, 1, 65536);
		free(a);
		if (*i != -1 && *n != -1 && *i < *n)
			return 0;
	}
	diag_fatal("--shard wants I/N with 0 <= I < N (shards count from "
	    "0), not '%s'", s);
	*n = 0;
	return -1;
}
