/*
 * out_report.c -- the completeness report (公开情况报告) and the annual
 * disclosure reports (政府信息公开工作年度报告): report.html,
 * report.json, <unit>/report.html, <unit>/annual/<year>.html.
 *
 * Everything shown is read from the report (report.h), computed once
 * per build; a page costs what it lists.  Pages start from the page
 * context every page shares (page.h), so they share the theme's base
 * layout, header, breadcrumbs and footer.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annual.h"
#include "buf.h"
#include "cfg.h"
#include "diag.h"
#include "esc.h"
#include "fsout.h"
#include "hotline.h"
#include "item.h"
#include "memo.h"
#include "out.h"
#include "page.h"
#include "prog.h"
#include "progdata.h"
#include "progpage.h"
#include "prov.h"
#include "rec.h"
#include "report.h"
#include "sha256.h"
#include "site.h"
#include "tmpl.h"
#include "util.h"
#include "val.h"
#include "workday.h"

/* ---- small helpers --------------------------------------------------- */

/* A tally as a map; waiting is null when it is not known. */
static struct val *
tally_val(const struct report *r, const struct report_tally *t)
{
	struct val	*m = val_map();

	val_set_num(m, "units", (double)t->units);
	val_set_num(m, "items", (double)t->items);
	val_set_num(m, "required", (double)t->required);
	val_set_num(m, "ok", (double)t->ok);
	val_set_num(m, "percent", (double)report_percent(t));
	val_set_num(m, "gaps", (double)t->gaps);
	val_set_num(m, "empty", (double)t->empty);
	val_set_num(m, "overdue", (double)t->overdue);
	val_set_num(m, "late", (double)t->late);
	val_set_num(m, "stale", (double)t->stale);
	val_set_num(m, "noindex", (double)t->noindex);
	if (r->gated)
		val_set_num(m, "waiting", (double)t->waiting);
	else
		val_set(m, "waiting", val_null());
	return m;
}

/* Unit ui's report page, "<dir>/report.html" (caller frees). */
static char *
report_path(const struct site *s, size_t ui)
{
	return xasprintf("%s/report.html", s->units[ui].dir);
}

/* The units of scope (NO_INDEX: all), worst first, in *n. */
static size_t *
scope_worst(const struct report *r, size_t scope, size_t *n)
{
	const struct report_unit *ru;
	size_t			*l, i, k = 0;
	int			 put = 0;

	if (scope == NO_INDEX) {
		*n = r->site->nunits;
		l = xcalloc(*n ? *n : 1, sizeof(*l));
		memcpy(l, r->worst, *n * sizeof(*l));
		return l;
	}
	ru = &r->units[scope];
	*n = ru->nworst + 1;
	l = xcalloc(*n, sizeof(*l));
	for (i = 0; i < ru->nworst; i++) {
		if (!put && report_worse(r, scope, ru->worst[i]) < 0) {
			l[k++] = scope;
			put = 1;
		}
		l[k++] = ru->worst[i];
	}
	if (!put)
		l[k++] = scope;
	return l;
}

/* ---- report.json ----------------------------------------------------- */

/*
 * A waiting version as report.json shows it: by what is published
 * about it only (prov.h): unit, category, the published item at its
 * path (title, url), never its own path or title.
 */
static struct val *
wait_val(const struct report *r, size_t wi)
{
	const struct site	*s = r->site;
	const struct prov_wait	*w = &r->waits[wi];
	const struct unit	*u = w->unit != NO_INDEX ? &s->units[w->unit] :
				    NULL;
	struct val		*m = val_map();

	val_set(m, "unit", u != NULL ? val_str_ref(u->dir) : val_null());
	val_set(m, "category", w->cat >= 0 ?
	    val_str_ref(u->catalogue->cats[w->cat].id) : val_null());
	if (w->item != NO_INDEX) {
		val_set_ref(m, "title", s->items[w->item].title);
		val_set_ref(m, "url", s->items[w->item].url);
	} else {
		val_set(m, "title", val_null());
		val_set(m, "url", val_null());
	}
	page_set_day(m, "since", w->since);
	val_set_num(m, "days", (double)(r->today - w->since));
	val_set_bool(m, "blocked", w->blocked);
	return m;
}

static const char *const gap_kinds[] = {
	"rectification", "reporting", "media"
};

/* Unit ui's programme gaps of gaps[0..ngaps) (progdata.h) as JSON. */
static struct val *
gaps_json(const struct pd_gap *gaps, size_t ngaps, size_t ui)
{
	struct val	*l = val_list(), *e;
	size_t		 i;

	for (i = 0; i < ngaps; i++) {
		if (gaps[i].unit != ui)
			continue;
		e = val_push(l, val_map());
		val_set_str(e, "kind", gap_kinds[gaps[i].kind]);
		val_set_ref(e, "path", gaps[i].path);
		if (gaps[i].line > 0)
			val_set_num(e, "line", (double)gaps[i].line);
		else
			val_set(e, "line", val_null());
		val_set_num(e, "days", (double)gaps[i].days);
		val_set_ref(e, "what", gaps[i].what);
	}
	return l;
}

static struct val *
unit_json(const struct report *r, size_t ui, const struct pd_gap *gaps,
    size_t ngaps)
{
	const struct site	*s = r->site;
	const struct unit	*u = &s->units[ui];
	const struct report_unit *ru = &r->units[ui];
	const struct category	*cat;
	const struct report_cat	*rc;
	const struct item	*it;
	struct val		*m = val_map(), *l, *e, *t;
	size_t			 c, i;

	val_set_ref(m, "dir", u->dir);
	val_set_ref(m, "name", u->name);
	val_set_ref(m, "level", u->level_id);
	val_set(m, "parent", u->parent != NO_INDEX ?
	    val_str_ref(s->units[u->parent].dir) : val_null());
	val_set(m, "own", tally_val(r, &ru->own));
	t = val_set(m, "subtree", tally_val(r, &ru->sub));
	l = val_set(t, "worst", val_list());
	for (i = 0; i < ru->nworst; i++)
		val_push(l, val_str_ref(s->units[ru->worst[i]].dir));
	l = val_set(m, "categories", val_list());
	for (c = 0; c < u->catalogue->ncats; c++) {
		cat = &u->catalogue->cats[c];
		rc = &ru->cats[c];
		e = val_push(l, val_map());
		val_set_ref(e, "id", cat->id);
		val_set_ref(e, "title", cat->title);
		val_set_bool(e, "required", rc->required);
		if (cat->max_age_days > 0)
			val_set_num(e, "max_age_days",
			    (double)cat->max_age_days);
		else
			val_set(e, "max_age_days", val_null());
		val_set_num(e, "count", (double)rc->count);
		page_set_day(e, "newest", rc->newest);
		page_set_day(e, "due", rc->due);
		val_set_bool(e, "empty", rc->empty);
		val_set_bool(e, "overdue", rc->overdue);
		val_set_bool(e, "gap", rc->gap);
		val_set_num(e, "late", (double)rc->late);
		val_set_num(e, "stale", (double)rc->stale);
		val_set_num(e, "noindex", (double)rc->noindex);
		if (r->gated) {
			val_set_num(e, "waiting", (double)rc->waiting);
			page_set_day(e, "waiting_since", rc->wait_since);
		} else {
			val_set(e, "waiting", val_null());
			val_set(e, "waiting_since", val_null());
		}
	}
	l = val_set(m, "items", val_list());
	for (i = 0; i < ru->nnotes; i++) {
		it = &s->items[ru->notes[i].item];
		e = val_push(l, val_map());
		val_set_ref(e, "path", it->path);
		val_set_ref(e, "url", it->url);
		val_set_ref(e, "title", it->title);
		page_set_day(e, "date", it->date);
		page_set_day(e, "written", it->written);
		if (ru->notes[i].workdays >= 0)
			val_set_num(e, "workdays",
			    (double)ru->notes[i].workdays);
		else
			val_set(e, "workdays", val_null());
		val_set_bool(e, "late", ru->notes[i].flags & RF_LATE);
		val_set_bool(e, "stale", ru->notes[i].flags & RF_STALE);
		val_set_bool(e, "noindex", ru->notes[i].flags & RF_NOINDEX);
	}
	if (r->gated) {
		l = val_set(m, "waiting", val_list());
		for (i = 0; i < ru->nwaits; i++)
			val_push(l, wait_val(r, ru->waits[i]));
	} else
		val_set(m, "waiting", val_null());
	l = val_set(m, "annual", val_list());
	for (i = 0; i < ru->nyears; i++)
		val_push(l, val_num((double)ru->years[i]));
	val_set(m, "programme_gaps", gaps_json(gaps, ngaps, ui));
	return m;
}

/* Stands for the list of units while the rest is serialized. */
#define UNITS_MARK	"\x01units\x01"

void
out_report_json(const struct report *r, const struct progdata *pd,
    size_t scope, const char *commit, struct buf *out)
{
	const struct site	*s = r->site;
	struct pd_gap		*gaps = NULL;
	size_t			 ngaps = 0;
	struct val		*root = val_map(), *l, *u;
	struct buf		 head = BUF_INIT, one = BUF_INIT;
	size_t			*order, n, i, k, nunits = 0;
	char			*mark;
	const char		*p;

	page_set_day(root, "as_of", r->today);
	val_set(root, "commit", commit != NULL ? val_str(commit) :
	    val_null());
	val_set_bool(root, "gated", r->gated);
	val_set_num(root, "late_workdays", REPORT_LATE_WORKDAYS);
	val_set(root, "scope", scope != NO_INDEX ?
	    val_str_ref(s->units[scope].dir) : val_null());
	val_set(root, "total", tally_val(r, scope != NO_INDEX ?
	    &r->units[scope].sub : &r->all));
	if (pd != NULL)
		ngaps = progdata_gap_list(pd, s, r->today, scope, &gaps);
	val_set_num(root, "programme_gaps", (double)ngaps);
	order = scope_worst(r, scope, &n);
	l = val_set(root, "worst", val_list());
	for (i = 0; i < n; i++)
		val_push(l, val_str_ref(s->units[order[i]].dir));
	free(order);
	l = val_set(root, "units", val_list());
	if (n > 0)
		val_push(l, val_str(UNITS_MARK));
	if (r->gated) {
		l = val_set(root, "waiting", val_list());
		for (i = 0; i < r->nwaits; i++) {
			k = r->waits[i].unit;
			if (scope == NO_INDEX || (k != NO_INDEX &&
			    site_under(s, k, scope)))
				val_push(l, wait_val(r, i));
		}
	} else
		val_set(root, "waiting", val_null());
	val_json(root, &head, 1);
	val_free(root);

	/* One unit at a time, so memory holds one unit's values, never
	 * the whole report's: its JSON indented to sit in "units". */
	if ((mark = strstr(head.data, "\"\\u0001units\\u0001\"")) == NULL) {
		buf_put(out, head.data, head.len);
		goto done;
	}
	buf_put(out, head.data, (size_t)(mark - head.data));
	for (i = 0; i < s->nunits; i++) {
		if (scope != NO_INDEX && !site_under(s, i, scope))
			continue;
		u = unit_json(r, i, gaps, ngaps);
		buf_reset(&one);
		val_json(u, &one, 1);
		val_free(u);
		if (nunits++ > 0)
			buf_puts(out, ",\n    ");
		for (p = one.data, k = one.len - 1; k > 0; p++, k--) {
			buf_putc(out, *p);
			if (*p == '\n')
				buf_puts(out, "    ");
		}
	}
	buf_puts(out, mark + strlen("\"\\u0001units\\u0001\""));
done:
	progdata_gaps_free(gaps, ngaps);
	buf_dispose(&one);
	buf_dispose(&head);
}

/* ---- pages ------------------------------------------------------------ */

/* A roll-up row for unit ui seen from page rel. */
static struct val *
row_val(const struct out_ctx *ctx, size_t ui, const char *rel)
{
	const struct report	*r = ctx->report;
	const struct site	*s = r->site;
	const struct unit	*u = &s->units[ui];
	const struct report_unit *ru = &r->units[ui];
	struct val		*m = tally_val(r, &ru->own);
	char			*p;

	val_set_ref(m, "name", u->name);
	val_set_ref(m, "dir", u->dir);
	val_set_ref(m, "level_name", u->level->title);
	val_set_bool(m, "has_gaps", ru->own.gaps > 0);
	val_set_num(m, "sub_percent", (double)report_percent(&ru->sub));
	val_set_bool(m, "has_subtree", ru->sub.units > 1);
	val_set_bool(m, "waiting_known", r->gated);
	if (page_built(ctx, ui)) {
		p = report_path(s, ui);
		val_set(m, "href", val_str_own(page_href(rel, p)));
		free(p);
	} else
		val_set(m, "href", val_null());
	return m;
}

/* The fields every report page has. */
static void
report_common(const struct out_ctx *ctx, struct val *v)
{
	const struct report	*r = ctx->report;

	page_set_day(v, "as_of", r->today);
	val_set_bool(v, "gated", r->gated);
	val_set_num(v, "late_workdays", REPORT_LATE_WORKDAYS);
}

/*
 * The programme gaps (progdata_gap_list()) of unit ui (NO_INDEX: of
 * the units in ctx->only's scope) seen from page rel, each linked to
 * the page of its cause: {kind_title, name, href, unit_name, date,
 * detail}.  Sets *n to their count.
 */
static struct val *
prog_gaps_val(const struct out_ctx *ctx, size_t ui, const char *rel,
    size_t *n)
{
	const struct site	*s = ctx->site;
	struct pd_gap		*v;
	struct val		*l = val_list(), *e;
	char			*to, *detail, d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	size_t			 i, ng;

	*n = 0;
	if (ctx->progdata == NULL)
		return l;
	ng = progdata_gap_list(ctx->progdata, s, ctx->report->today,
	    ui != NO_INDEX ? ui : ctx->only, &v);
	for (i = 0; i < ng; i++) {
		const struct pd_gap *g = &v[i];

		if (ui != NO_INDEX && g->unit != ui)
			continue;
		e = val_push(l, val_map());
		val_set_ref(e, "unit_name", s->units[g->unit].name);
		page_set_day(e, "date", g->date);
		rec_day_fmt(g->date, d1);
		rec_day_fmt(g->answered, d2);
		switch (g->kind) {
		case PD_GAP_RECT:
			val_set_str(e, "kind_title", "整改逾期");
			to = pp_record_path(s, g->unit, PROG_RECTIFICATION,
			    g->slug, ".html");
			detail = xasprintf("整改期限 %s，已逾期 %ld 天，"
			    "仍在整改中", d1, g->days);
			break;
		case PD_GAP_CASE:
			val_set_str(e, "kind_title", "举报未按期反馈");
			to = prog_path(s, g->unit, PROG_REPORTING,
			    "index.html");
			detail = xasprintf("%s 受理，已 %ld 天未反馈"
			    "（反馈期限 %ld 天）", d1, g->days, g->limit);
			break;
		default:
			val_set_str(e, "kind_title", "媒体关切回应超期");
			to = pp_record_path(s, g->unit, PROG_MEDIA, g->slug,
			    ".html");
			if (g->answered == NO_DATE)
				detail = xasprintf("%s 报道，%ld 天未回应"
				    "（回应期限 %ld 天）", d1, g->days,
				    g->limit);
			else
				detail = xasprintf("%s 报道，%s 回应，用时 "
				    "%ld 天（回应期限 %ld 天）", d1, d2,
				    g->days, g->limit);
			break;
		}
		val_set(e, "detail", val_str_own(detail));
		val_set_ref(e, "name", g->name);
		pp_set_href(e, "href", pp_href(ctx, rel, g->unit, to));
		free(to);
		(*n)++;
	}
	progdata_gaps_free(v, ng);
	return l;
}

static int
render_top(const struct out_ctx *ctx, struct buf *b)
{
	const struct report	*r = ctx->report;
	struct val		*v, *l;
	size_t			*order, n, i;

	v = page_for(ctx, "report.html", "report", "信息公开情况报告",
	    NO_INDEX, "信息公开情况报告");
	val_set_str(val_get(v, "page"), "description", "各单位公开目录的"
	    "完整度和及时性：缺项、逾期、超期发布、失效未替代、"
	    "缺索引号和待审核信息。");
	report_common(ctx, v);
	val_set(v, "total", tally_val(r, ctx->only != NO_INDEX ?
	    &r->units[ctx->only].sub : &r->all));
	order = scope_worst(r, ctx->only, &n);
	l = val_set(v, "rows", val_list());
	for (i = 0; i < n; i++)
		val_push(l, row_val(ctx, order[i], "report.html"));
	free(order);
	val_set_bool(v, "has_rows", n > 0);
	val_set_str(v, "json_href", "report.json");
	val_set_bool(v, "has_cats", 0);
	val_set(v, "prog_gaps", prog_gaps_val(ctx, NO_INDEX, "report.html",
	    &n));
	val_set_bool(v, "has_prog_gaps", n > 0);
	return page_write(ctx, v, "report", "report.html", b);
}

static const char *
cat_state(const struct report_cat *rc, const char **cls)
{
	if (rc->empty) {
		*cls = rc->required ? "gap" : "none";
		return rc->required ? "缺项" : "暂无（非必须）";
	}
	if (rc->overdue) {
		*cls = rc->required ? "gap" : "warn";
		return "逾期未更新";
	}
	*cls = "ok";
	return "正常";
}

static struct val *
annual_list(const struct out_ctx *ctx, size_t ui, const char *rel)
{
	const struct report_unit *ru = &ctx->report->units[ui];
	struct val		*l = val_list(), *e;
	char			*p;
	size_t			 i;

	for (i = ru->nyears; i-- > 0;) {
		e = val_push(l, val_map());
		val_set_num(e, "year", ru->years[i]);
		p = xasprintf("%s/annual/%d.html",
		    ctx->site->units[ui].dir, ru->years[i]);
		val_set(e, "href", val_str_own(page_href(rel, p)));
		free(p);
	}
	return l;
}

/*
 * What waits in unit ui, seen from page rel: a row per new version of
 * a published item {title, href, cat_title, count: 1, since, days,
 * blocked, has_blocked}, and a row per category (or none) counting the
 * files not published at all {title: null, cat_title, count, since of
 * the oldest, ...}: those are shown by their number only.
 */
static struct val *
waits_val(const struct report *r, size_t ui, const char *rel)
{
	const struct site	*s = r->site;
	const struct unit	*u = &s->units[ui];
	const struct report_unit *ru = &r->units[ui];
	const struct prov_wait	*w, *prev = NULL;
	struct val		*l = val_list(), *e = NULL;
	size_t			 i, count = 0, blocked = 0;

	for (i = 0; i < ru->nwaits; i++) {
		w = &r->waits[ru->waits[i]];
		/* a new group: an item's row, or the first of a category */
		if (w->item != NO_INDEX || prev == NULL ||
		    prev->item != NO_INDEX || prev->cat != w->cat) {
			e = val_push(l, val_map());
			count = blocked = 0;
			val_set(e, "cat_title", w->cat >= 0 ?
			    val_str_ref(u->catalogue->cats[w->cat].title) :
			    val_null());
			if (w->item != NO_INDEX) {
				val_set_ref(e, "title",
				    s->items[w->item].title);
				val_set(e, "href", val_str_own(page_href(rel,
				    s->items[w->item].url)));
			} else {
				val_set(e, "title", val_null());
				val_set(e, "href", val_null());
			}
			/* the oldest comes first: its day stands */
			page_set_day(e, "since", w->since);
			val_set_num(e, "days", (double)(r->today - w->since));
		}
		count++;
		blocked += w->blocked != 0;
		val_set_num(e, "count", (double)count);
		val_set_num(e, "blocked", (double)blocked);
		val_set_bool(e, "has_blocked", blocked > 0);
		prev = w;
	}
	return l;
}

static int
render_unit(const struct out_ctx *ctx, size_t ui, struct buf *b)
{
	const struct report	*r = ctx->report;
	const struct site	*s = r->site;
	const struct unit	*u = &s->units[ui];
	const struct report_unit *ru = &r->units[ui];
	const struct report_cat	*rc;
	const struct item	*it;
	struct val		*v, *l, *e;
	char			*rel = report_path(s, ui), *p;
	const char		*cls, *st;
	size_t			 c, i;
	int			 rv;

	v = page_for(ctx, rel, "report", "信息公开情况报告", ui,
	    "信息公开情况报告");
	report_common(ctx, v);
	val_set(v, "own", tally_val(r, &ru->own));
	val_set(v, "sub", tally_val(r, &ru->sub));
	val_set_bool(v, "has_subtree", ru->nworst > 0);
	val_set_bool(v, "has_rows", ru->nworst > 0);
	val_set_bool(v, "has_cats", u->catalogue->ncats > 0);
	val_set_bool(v, "own_has_gaps", ru->own.gaps > 0);
	val_set(v, "json_href", val_null());
	p = xasprintf("%s/index.html", u->dir);
	val_set(v, "home_href", val_str_own(page_href(rel, p)));
	free(p);
	val_set(v, "top_href", val_str_own(page_href(rel, "report.html")));

	l = val_set(v, "cats", val_list());
	for (c = 0; c < u->catalogue->ncats; c++) {
		rc = &ru->cats[c];
		e = val_push(l, val_map());
		val_set_num(e, "num", (double)(c + 1));
		val_set_ref(e, "id", u->catalogue->cats[c].id);
		val_set_ref(e, "title", u->catalogue->cats[c].title);
		p = xasprintf("%s/%s/index.html", u->dir,
		    u->catalogue->cats[c].id);
		val_set(e, "href", val_str_own(page_href(rel, p)));
		free(p);
		val_set_bool(e, "required", rc->required);
		val_set_num(e, "count", (double)rc->count);
		page_set_day(e, "newest", rc->newest);
		page_set_day(e, "due", rc->due);
		st = cat_state(rc, &cls);
		val_set_str(e, "state", st);
		val_set_str(e, "state_class", cls);
		val_set_num(e, "late", (double)rc->late);
		val_set_num(e, "stale", (double)rc->stale);
		val_set_num(e, "noindex", (double)rc->noindex);
		if (r->gated)
			val_set_num(e, "waiting", (double)rc->waiting);
		else
			val_set(e, "waiting", val_null());
		val_set_bool(e, "waiting_known", r->gated);
	}

	l = val_set(v, "notes", val_list());
	for (i = 0; i < ru->nnotes; i++) {
		it = &s->items[ru->notes[i].item];
		e = val_push(l, val_map());
		val_set_ref(e, "title", it->title);
		val_set(e, "href", val_str_own(page_href(rel, it->url)));
		val_set_ref(e, "cat_title", u->catalogue->cats[it->cat].title);
		page_set_day(e, "date", it->date);
		page_set_day(e, "written", it->written);
		val_set_bool(e, "late", ru->notes[i].flags & RF_LATE);
		val_set_num(e, "workdays", ru->notes[i].workdays);
		val_set_bool(e, "stale", ru->notes[i].flags & RF_STALE);
		val_set_ref(e, "stale_text",
		    item_state_text(item_state(it, r->today)));
		val_set_bool(e, "noindex", ru->notes[i].flags & RF_NOINDEX);
	}
	val_set_bool(v, "has_notes", ru->nnotes > 0);

	val_set(v, "waits", waits_val(r, ui, rel));
	val_set_bool(v, "has_waits", ru->nwaits > 0);
	val_set(v, "prog_gaps", prog_gaps_val(ctx, ui, rel, &i));
	val_set_bool(v, "has_prog_gaps", i > 0);

	l = val_set(v, "rows", val_list());
	for (i = 0; i < ru->nworst; i++)
		val_push(l, row_val(ctx, ru->worst[i], rel));
	val_set(v, "annual", annual_list(ctx, ui, rel));
	val_set_bool(v, "has_annual", ru->nyears > 0);
	rv = page_write(ctx, v, "report", rel, b);
	free(rel);
	return rv;
}

/* ---- annual reports ------------------------------------------------- */

/* {value, missing} of a count that may not be given (n < 0). */
static struct val *
fig(long n)
{
	struct val	*m = val_map();

	if (n < 0)
		val_set(m, "value", val_null());
	else
		val_set_num(m, "value", (double)n);
	val_set_bool(m, "missing", n < 0);
	return m;
}

/* The same of an amount kept as written (NULL: not given). */
static struct val *
fig_amount(const char *s)
{
	struct val	*m = val_map();

	val_set_str(m, "value", s);
	val_set_bool(m, "missing", s == NULL);
	return m;
}

/* The sum of n counts, or -1 if any is not given. */
static long
sum(const long *v, size_t n)
{
	long	t = 0;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (v[i] < 0)
			return -1;
		t += v[i];
	}
	return t;
}

/* Text as paragraphs [{text}] split at blank lines, or null. */
static struct val *
paras(const char *s)
{
	struct val	*l;
	const char	*p, *q;
	size_t		 n;

	if (s == NULL)
		return val_null();
	l = val_list();
	for (p = s; *p != '\0'; p = q) {
		q = strstr(p, "\n\n");
		n = q != NULL ? (size_t)(q - p) : strlen(p);
		while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == ' '))
			n--;
		if (n > 0)
			val_set(val_push(l, val_map()), "text",
			    val_strn(p, n));
		if (q == NULL)
			break;
		q += strspn(q, "\n");
	}
	return l;
}

static int
render_annual(const struct out_ctx *ctx, size_t ui, int year,
    const struct hl_months *hotline, struct buf *b)
{
	/* the figures by their annual/<year>.yaml names; their labels
	 * are the template's */
	static const struct {
		const char	*key;
		int		 n;
	} counts[] = {
		{ "licensing", AN_LICENSING }, { "penalties", AN_PENALTIES },
		{ "coercion", AN_COERCION }, { "received", AN_RECEIVED },
		{ "carried_over", AN_CARRIED_OVER }, { "granted", AN_GRANTED },
		{ "partly_granted", AN_PARTLY }, { "refused", AN_REFUSED },
		{ "unavailable", AN_UNAVAILABLE },
		{ "not_processed", AN_NOT_PROCESSED },
		{ "other_handled", AN_OTHER_HANDLED },
		{ "carried_forward", AN_CARRIED_FORWARD },
		{ "notices", AN_FEE_NOTICES },
	};
	static const char *const appeals[] = { "review", "litigation",
		"litigation_after_review" };
	static const char *const results[] = { "upheld", "corrected",
		"other", "pending" };
	static const char *const amounts[] = { "fee_income", "billed",
		"collected" };
	const struct report	*r = ctx->report;
	const struct site	*s = r->site;
	const struct unit	*u = &s->units[ui];
	const long		*n;
	long			 none[AN_NCOUNTS];
	const char *const	*am;
	const char		*noam[AA_NAMOUNTS] = { NULL, NULL, NULL };
	struct report_year	 y;
	struct val		*v, *l, *e, *f, *g;
	char			*rel, *title, *label, *p;
	size_t			 c, i;
	int			 rv;

	report_year(r, ui, year, &y);
	for (i = 0; i < AN_NCOUNTS; i++)
		none[i] = -1;
	n = y.in != NULL ? y.in->n : none;
	am = y.in != NULL ? y.in->amount : noam;
	rel = xasprintf("%s/annual/%d.html", u->dir, year);
	title = xasprintf("%s%d年政府信息公开工作年度报告", u->name, year);
	label = xasprintf("%d年度报告", year);
	v = page_for(ctx, rel, "annual", title, ui, label);
	val_set_str(val_get(v, "page"), "description", title);
	report_common(ctx, v);
	val_set_num(v, "year", year);
	val_set_bool(v, "partial", y.partial);
	val_set_bool(v, "filed", y.in != NULL);
	val_set_str(v, "source_path", y.in != NULL ? y.in->path :
	    "");
	p = xasprintf("content/%s/annual/%d.yaml", u->dir, year);
	val_set_str(v, "yaml_path", p);
	free(p);
	p = report_path(s, ui);
	val_set(v, "report_href", val_str_own(page_href(rel, p)));
	free(p);

	/* 一、总体情况 */
	val_set(v, "summary", paras(y.in != NULL ? y.in->summary : NULL));
	val_set_num(v, "items", (double)y.items);
	val_set_num(v, "late", (double)y.late);
	val_set_num(v, "noindex", (double)y.noindex);

	/* 二、主动公开政府信息情况 */
	l = val_set(v, "cats", val_list());
	for (c = 0; c < u->catalogue->ncats; c++) {
		e = val_push(l, val_map());
		val_set_num(e, "num", (double)(c + 1));
		val_set_ref(e, "title", u->catalogue->cats[c].title);
		val_set_num(e, "count", (double)y.percat[c]);
	}
	val_set_bool(v, "has_norm", y.has_norm);
	val_set_num(v, "norm_issued", (double)y.norm_issued);
	val_set_num(v, "norm_repealed", (double)y.norm_repealed);
	val_set_num(v, "norm_in_force", (double)y.norm_in_force);
	/* 二 (20th article), 三, 四 and 六: the unit's figures */
	f = val_set(v, "fig", val_map());
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		val_set(f, counts[i].key, fig(n[counts[i].n]));
	for (i = 0; i < AA_NAMOUNTS; i++)
		val_set(f, amounts[i], fig_amount(am[i]));
	val_set(f, "handled", fig(sum(&n[AN_GRANTED], 6)));
	for (i = 0; i < 3; i++) {
		g = val_set(f, appeals[i], val_map());
		for (c = 0; c < 4; c++)
			val_set(g, results[c], fig(n[AN_REVIEW + 4 * i + c]));
		val_set(g, "total", fig(sum(&n[AN_REVIEW + 4 * i], 4)));
	}

	/* 五、存在的主要问题及改进情况 */
	val_set(v, "problems", paras(y.in != NULL ? y.in->problems : NULL));

	/* 六、其他需要报告的事项 */
	val_set(v, "other", paras(y.in != NULL ? y.in->other : NULL));
	/* and 阳光计生行动 (progpage.h) */
	val_set(v, "sunshine", pp_annual(ctx, ui, year, hotline, rel));

	rv = page_write(ctx, v, "annual", rel, b);
	free(y.percat);
	free(rel);
	free(title);
	free(label);
	return rv;
}

/* ---- the driver -------------------------------------------------------- */

/*
 * What the report's pages read that memo_site does not cover, for
 * their keys (memo.h): memo_site holds the model, the records, the
 * theme, the day, the settings and whether the build is gated, but
 * not the gate's answer beyond that (what waits), nor the hotline's
 * files (read by the annual reports only), nor the commit unless a
 * template shows it.
 */
struct rkeys {
	const struct out_ctx	*ctx;
	struct hotline_all	*hot;	/* the hotline's files, read once
					   for keys and pages; NULL: not
					   read yet */
};

/* The hotline's files, read at the first call (prog_hotline_all,
 * which says nothing: the hotline's own pages do).  A file that could
 * not be read gives its reports no key (add_hotline), so they are made
 * again until it can. */
static const struct hotline_all *
hotline_of(struct rkeys *k)
{
	if (k->hot == NULL) {
		k->hot = xcalloc(1, sizeof(*k->hot));
		(void)prog_hotline_all(k->ctx->site, k->ctx->src,
		    k->ctx->today, k->hot);
	}
	return k->hot;
}

/* Adds wait wi as report pages show it: where, since when, blocked. */
static void
add_wait(struct sha256 *h, const struct report *r, size_t wi)
{
	const struct site	*s = r->site;
	const struct prov_wait	*w = &r->waits[wi];

	memo_add_str(h, w->unit != NO_INDEX ? s->units[w->unit].dir : NULL);
	memo_add_num(h, w->cat);
	memo_add_str(h, w->item != NO_INDEX ? s->items[w->item].path : NULL);
	memo_add_num(h, w->since);
	memo_add_num(h, w->blocked);
}

/*
 * Adds the hotline files of unit ui and the units below it, which its
 * annual reports count (pp_annual), by what they were read as: memo_site
 * has only their sizes.  0, or -1 if one could not be read (no key: the
 * pages made say why).
 */
static int
add_hotline(struct sha256 *h, struct rkeys *k, size_t ui)
{
	const struct site	*s = k->ctx->site;
	const struct hotline_all *hot = hotline_of(k);
	size_t			 i;

	for (i = 0; i < s->nprogfiles; i++) {
		if (hot->dig[i][0] == '\0' ||
		    !site_under(s, s->progfiles[i].unit, ui))
			continue;
		if (hot->dig[i][0] == '-')
			return -1;
		memo_add_str(h, s->progfiles[i].path);
		memo_add_str(h, hot->dig[i]);
	}
	return 0;
}

/*
 * The key of report.json and report.html: every wait (the roll-up
 * counts them all, report.json lists them) and, when gated, the
 * commit report.json names.  0 or -1 (no key).
 */
static int
top_key(struct rkeys *k, char key[65])
{
	const struct out_ctx	*ctx = k->ctx;
	const struct report	*r = ctx->report;
	const char		*ex[3];
	struct sha256		 h;
	char			 in[65];
	size_t			 i;

	sha256_init(&h);
	memo_add_num(&h, (long long)r->nwaits);
	for (i = 0; i < r->nwaits; i++)
		add_wait(&h, r, i);
	sha256_hex(&h, in);
	ex[0] = "report top";
	ex[1] = r->gated ? ctx->version : NULL;
	ex[2] = in;
	return memo_unit_with(ctx, NO_INDEX, ex, 3, key);
}

/*
 * The key of unit ui's report page and annual reports.  They show the
 * unit and the units below it (their tallies, and their order, count
 * what waits in each), never a unit beside or above it but by what
 * memo_site covers (names in the crumbs); the annual reports add the
 * hotline's files.  0 or -1 (no key).
 */
static int
unit_key(struct rkeys *k, size_t ui, char key[65])
{
	const struct out_ctx	*ctx = k->ctx;
	const struct report	*r = ctx->report;
	const struct report_unit *ru = &r->units[ui], *wu;
	const char		*ex[3];
	struct sha256		 h;
	char			 in[65];
	size_t			 i, j, v;

	sha256_init(&h);
	for (i = 0; i <= ru->nworst; i++) {
		v = i == 0 ? ui : ru->worst[i - 1];
		wu = &r->units[v];
		memo_add_str(&h, ctx->site->units[v].dir);
		memo_add_num(&h, (long long)wu->nwaits);
		for (j = 0; j < wu->nwaits; j++)
			add_wait(&h, r, wu->waits[j]);
	}
	if (ru->nyears > 0 && add_hotline(&h, k, ui) == -1)
		return -1;
	sha256_hex(&h, in);
	ex[0] = "report unit";
	ex[1] = ctx->site->units[ui].dir;
	ex[2] = in;
	return memo_unit_with(ctx, NO_INDEX, ex, 3, key);
}

/* report.json and report.html. */
static int
render_root(const struct out_ctx *ctx, struct buf *b)
{
	const struct report	*r = ctx->report;
	int			 rc = 0;

	out_report_json(r, ctx->progdata, ctx->only, r->gated ?
	    ctx->version : NULL, b);
	if (fsout_write(ctx->fs, "report.json", b->data, b->len) == -1)
		rc = -1;
	if (render_top(ctx, b) == -1)
		rc = -1;
	return rc;
}

/* Unit ui's report page and annual reports. */
static int
render_unit_all(struct rkeys *k, size_t ui, struct buf *b)
{
	const struct out_ctx	*ctx = k->ctx;
	const struct report	*r = ctx->report;
	size_t			 i;
	int			 rc = 0;

	if (render_unit(ctx, ui, b) == -1)
		rc = -1;
	for (i = 0; i < r->units[ui].nyears; i++)
		if (render_annual(ctx, ui, r->units[ui].years[i],
		    &hotline_of(k)->units[ui], b) == -1)
			rc = -1;
	return rc;
}

/*
 * Makes group name (unit ui's, NO_INDEX: the root's), or takes it over
 * when the earlier build made it from the same inputs (memo.h).  What
 * warned is made anew every time, so that it warns every time.
 */
static int
render_group(struct rkeys *k, size_t ui, const char *name, struct buf *b)
{
	const struct out_ctx	*ctx = k->ctx;
	unsigned long		 said = diag_said();
	char			 key[65];
	int			 have, r, rc;

	if (ctx->memo == NULL)
		have = 0;
	else if (ui == NO_INDEX)
		have = top_key(k, key) == 0;
	else
		have = unit_key(k, ui, key) == 0;
	if ((r = fsout_group_begin(ctx->fs, name, have ? key : NULL)) == 1)
		return 0;
	if (r == -1)
		rc = -1;
	else
		rc = ui == NO_INDEX ? render_root(ctx, b) :
		    render_unit_all(k, ui, b);
	fsout_group_end(ctx->fs, rc == 0 && diag_said() == said);
	return rc;
}

/*
 * Two kinds of groups (fsout.h): the root's report.json and
 * report.html, named "report.html", and each unit's report page with
 * its annual reports, named "<unit>/report.html" (no unit folder can
 * take either name, site.c), made by the process that writes the
 * unit's files (page_mine), so that a shard keeps its own.  A unit's
 * group reads its subtree only: a version waiting in one village
 * makes again the pages of the village, of the units above it and the
 * root's, no other.
 */
int
out_report_render(const struct out_ctx *ctx)
{
	const struct site	*s = ctx->site;
	struct rkeys		 k;
	struct buf		 b = BUF_INIT;
	char			*name;
	size_t			 u;
	int			 rc = 0;

	if (ctx->report == NULL)
		return 0;
	memset(&k, 0, sizeof(k));
	k.ctx = ctx;
	if (page_root_mine(ctx) && render_group(&k, NO_INDEX, "report.html",
	    &b) == -1)
		rc = -1;
	for (u = 0; u < s->nunits; u++) {
		if (!page_mine(ctx, u))
			continue;
		name = report_path(s, u);
		if (render_group(&k, u, name, &b) == -1)
			rc = -1;
		free(name);
	}
	if (k.hot != NULL)
		prog_hotline_all_dispose(k.hot, s->nunits);
	free(k.hot);
	buf_dispose(&b);
	return rc;
}

size_t
out_report_sitemap(const struct out_ctx *ctx, size_t ui,
    void (*fn)(void *arg, const char *rel, long lastmod), void *arg)
{
	const struct report_unit *ru;
	char			*p;
	size_t			 i;

	if (ctx->report == NULL)
		return 0;
	ru = &ctx->report->units[ui];
	/* completeness is linked only when the site shows it (cfg.h) */
	if (ctx->site->cfg->show_completeness) {
		p = report_path(ctx->site, ui);
		fn(arg, p, NO_DATE);
		free(p);
	}
	for (i = 0; i < ru->nyears; i++) {
		p = xasprintf("%s/annual/%d.html", ctx->site->units[ui].dir,
		    ru->years[i]);
		fn(arg, p, NO_DATE);
		free(p);
	}
	return (ctx->site->cfg->show_completeness != 0) + ru->nyears;
}

struct val *
out_report_unit(const struct out_ctx *ctx, size_t ui, const char *rel)
{
	const struct report	*r = ctx->report;
	const struct report_unit *ru = &r->units[ui];
	struct val		*m = val_map();
	char			*p = report_path(r->site, ui);

	val_set_num(m, "percent", (double)report_percent(&ru->own));
	val_set_num(m, "ok", (double)ru->own.ok);
	val_set_num(m, "required", (double)ru->own.required);
	val_set_num(m, "gaps", (double)ru->own.gaps);
	val_set_bool(m, "has_gaps", ru->own.gaps > 0);
	val_set_num(m, "sub_percent", (double)report_percent(&ru->sub));
	val_set_bool(m, "has_subtree", ru->sub.units > 1);
	val_set(m, "href", val_str_own(page_href(rel, p)));
	free(p);
	return m;
}
