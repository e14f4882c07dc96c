/*
 * prog_annual.c -- the 阳光计生行动 section of an annual report (seed
 * 四（三）: the province reports its progress in its annual summary and
 * the 12356 hotline monthly): the hotline calls by month of the unit
 * and everything under it, the year's evaluations and their rates, and
 * the rectifications still open.  The hotline months are those its 月报
 * pages show (prog_hotline_all()); the rest comes from progdata.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "chart.h"
#include "hotline.h"
#include "out.h"
#include "page.h"
#include "prog.h"
#include "progdata.h"
#include "progpage.h"
#include "rec.h"
#include "site.h"
#include "util.h"
#include "val.h"

struct val *
pp_annual(const struct out_ctx *ctx, size_t ui, int year,
    const struct hl_months *hm, const char *rel)
{
	static const char *mlabels[12] = { "1月", "2月", "3月", "4月", "5月",
		"6月", "7月", "8月", "9月", "10月", "11月", "12月" };
	const struct site	*s = ctx->site;
	const struct progdata	*pd = ctx->progdata;
	struct val		*v = val_map(), *l, *e;
	long			 total = 0, closed = 0, t;
	const char		*labels[12];
	long			 vals[12];
	struct chart		 ch;
	struct evalfig		 f;
	struct buf		 b;
	char			 rate[48], d[11], name[32], *to;
	size_t			 i, n = 0, missing = 0;
	int			 ym, from, to_ym;

	/* the year's months from the unit's first reported one to its
	 * last: one between them without a file is a gap, no month of 0
	 * calls (HOTLINE_MISSING) */
	l = val_set(v, "hotline", val_list());
	from = hm->n > 0 && hm->m[0].ym > year * 12 ? hm->m[0].ym : year * 12;
	to_ym = hm->n > 0 && hm->m[hm->n - 1].ym < year * 12 + 11 ?
	    hm->m[hm->n - 1].ym : year * 12 + 11;
	for (ym = from; hm->n > 0 && ym <= to_ym; ym++) {
		const struct hl_month *m = hotline_find(hm, ym);

		labels[n] = mlabels[ym % 12];
		e = val_push(l, val_map());
		val_set_str(e, "month", mlabels[ym % 12]);
		val_set_bool(e, "missing", m == NULL);
		if (m == NULL) {
			vals[n++] = CHART_NONE;
			missing++;
			continue;
		}
		vals[n++] = m->total;
		total += m->total;
		closed += m->closed;
		val_set_num(e, "calls", (double)m->total);
		val_set_num(e, "closed", (double)m->closed);
		t = hotline_rate10(m->closed, m->total);
		snprintf(rate, sizeof(rate), "%ld.%ld%%", t / 10, t % 10);
		val_set(e, "rate", m->total > 0 ? val_str(rate) : val_null());
		snprintf(name, sizeof(name), "%04d-%02d.html", year,
		    ym % 12 + 1);
		to = prog_path(s, ui, PROG_HOTLINE, name);
		val_set(e, "href", val_str_own(page_href(rel, to)));
		free(to);
	}
	val_set_bool(v, "has_hotline", n > 0);
	val_set_num(v, "hotline_total", (double)total);
	val_set_num(v, "hotline_closed", (double)closed);
	t = hotline_rate10(closed, total);
	snprintf(rate, sizeof(rate), "%ld.%ld%%", t / 10, t % 10);
	val_set(v, "hotline_rate", total > 0 ? val_str(rate) : val_null());
	val_set_num(v, "hotline_missing", (double)missing);
	val_set_bool(v, "has_hotline_missing", missing > 0);
	val_set_str(v, "missing_text", HOTLINE_MISSING);
	if (n > 0) {
		memset(&ch, 0, sizeof(ch));
		ch.kind = CHART_LINE;
		ch.title = "12356热线受理量（按月）";
		ch.label_head = "月份";
		ch.value_head = "受理件数";
		ch.none = HOTLINE_MISSING;
		ch.n = n;
		ch.labels = labels;
		ch.values = vals;
		buf_init(&b);
		chart_html(&ch, &b);
		val_set(v, "hotline_chart", val_str_own(buf_detach(&b,
		    NULL)));
	}
	l = val_set(v, "evaluations", val_list());
	for (i = 0; pd != NULL && i < pd->nevals; i++) {
		const struct pd_eval *ev = &pd->evals[i];

		if (ev->e.year != year || !site_under(s, ev->unit, ui))
			continue;
		e = val_push(l, val_map());
		val_set_str(e, "title", ev->e.title);
		val_set_str(e, "kind", ev->e.kind->title);
		val_set_str(e, "subject", progdata_subject_name(s, ev));
		evaluation_fig(&ev->e, (size_t)-1, &f);
		evaluation_rate_fmt(f.tenths, rate);
		val_set_str(e, "rate", rate);
		val_set_num(e, "respondents", (double)ev->e.respondents);
		to = pp_record_path(s, ev->unit, PROG_EVALUATION, ev->e.slug,
		    ".html");
		pp_set_href(e, "href", pp_href(ctx, rel, ev->unit, to));
		free(to);
	}
	val_set_bool(v, "has_evaluations", l->n > 0);
	l = val_set(v, "open", val_list());
	for (i = 0; pd != NULL && i < pd->nrects; i++) {
		const struct pd_rect *r = &pd->rects[i];

		if (r->r.done || !site_under(s, r->unit, ui))
			continue;
		e = val_push(l, val_map());
		val_set_str(e, "title", r->r.title);
		val_set_str(e, "unit", s->units[r->unit].name);
		rec_day_fmt(r->r.deadline, d);
		val_set_str(e, "deadline", d);
		val_set_bool(e, "overdue", rectification_overdue(&r->r,
		    ctx->today));
		to = pp_record_path(s, r->unit, PROG_RECTIFICATION,
		    r->r.slug, ".html");
		pp_set_href(e, "href", pp_href(ctx, rel, r->unit, to));
		free(to);
	}
	val_set_bool(v, "has_open", l->n > 0);
	val_set_bool(v, "any", val_truthy(val_get(v, "has_hotline")) ||
	    val_truthy(val_get(v, "has_evaluations")) ||
	    val_truthy(val_get(v, "has_open")));
	return v;
}
