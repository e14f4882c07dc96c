/*
 * prog_sitemap.c -- the programme pages of a unit for sitemap.xml: its
 * programme index pages (the ones its home links to) and the pages of
 * its evaluations, rectifications and media responses, from the model
 * alone (the sitemap is a root file, made by the process that writes
 * the root files, not by the one that writes the unit's pages).
 */
#include <stdio.h>
#include <stdlib.h>

#include "out.h"
#include "prog.h"
#include "progdata.h"
#include "progpage.h"
#include "site.h"
#include "util.h"
#include "workday.h"

static int
int_cmp(const void *a, const void *b)
{
	int	x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/*
 * Hands fn the month pages of unit u's hotline, oldest first: one for
 * each month a file at u or under it is named for, as the hotline's
 * pages sum the units below (prog_hotline.c).
 */
static size_t
hotline_months(const struct site *s, size_t u, pp_sitemap_fn fn, void *arg)
{
	const struct progfile	*f;
	int			*ym = NULL, m;
	size_t			 i, n = 0, cap = 0, k;
	char			 name[32], *rel;

	for (i = 0; i < s->nprogfiles; i++) {
		f = &s->progfiles[i];
		if (f->prog != PROG_HOTLINE || !site_under(s, f->unit, u) ||
		    (m = prog_hotline_month(f->name)) == -1)
			continue;
		xgrow(&ym, &cap, n + 1, sizeof(*ym));
		ym[n++] = m;
	}
	if (n > 0)
		qsort(ym, n, sizeof(*ym), int_cmp);
	for (i = k = 0; i < n; i++) {
		if (i > 0 && ym[i] == ym[i - 1])
			continue;
		snprintf(name, sizeof(name), "%04d-%02d.html", ym[i] / 12,
		    ym[i] % 12 + 1);
		rel = prog_path(s, u, PROG_HOTLINE, name);
		fn(arg, rel, NO_DATE);
		free(rel);
		k++;
	}
	free(ym);
	return k;
}

/* Hands fn the record page of programme p of unit u, then frees it. */
static size_t
record(const struct site *s, size_t u, int p, const char *slug,
    long lastmod, pp_sitemap_fn fn, void *arg)
{
	char	*rel = pp_record_path(s, u, p, slug, ".html");

	fn(arg, rel, lastmod);
	free(rel);
	return 1;
}

size_t
pp_sitemap(const struct out_ctx *ctx, size_t u, pp_sitemap_fn fn, void *arg)
{
	const struct site	*s = ctx->site;
	const struct progdata	*pd = ctx->progdata;
	char			*rel;
	size_t			 i, n = 0;
	int			 p;

	for (p = 0; p < PROG_COUNT; p++) {
		if (!prog_unit_has_index(s, u, (enum prog_id)p))
			continue;
		rel = prog_path(s, u, (enum prog_id)p, "index.html");
		fn(arg, rel, NO_DATE);
		free(rel);
		n++;
		if (pd == NULL)
			continue;
		switch (p) {
		case PROG_HOTLINE:
			n += hotline_months(s, u, fn, arg);
			break;
		case PROG_EVALUATION:
			for (i = 0; i < pd->nevals; i++)
				if (pd->evals[i].unit == u)
					n += record(s, u, p,
					    pd->evals[i].e.slug,
					    pd->evals[i].e.date, fn, arg);
			break;
		case PROG_RECTIFICATION:
			for (i = 0; i < pd->nrects; i++)
				if (pd->rects[i].unit == u)
					n += record(s, u, p,
					    pd->rects[i].r.slug, NO_DATE, fn,
					    arg);
			break;
		case PROG_MEDIA:
			for (i = 0; i < pd->nmedia; i++)
				if (pd->media[i].unit == u)
					n += record(s, u, p,
					    pd->media[i].m.slug, NO_DATE, fn,
					    arg);
			break;
		default:
			break;
		}
	}
	return n;
}
