/*
 * prog_evaluation.c -- the evaluation programme's pages (seed 二):
 * each evaluation's results (counts and satisfaction rates per
 * question and overall, a chart, the findings, the rectifications
 * citing it), the organiser's index ranking its subjects, and the
 * blank questionnaire PDF.  Every figure comes from evaluation.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "chart.h"
#include "diag.h"
#include "memo.h"
#include "out.h"
#include "page.h"
#include "pdf.h"
#include "pdf_font.h"
#include "fsout.h"
#include "prog.h"
#include "progdata.h"
#include "progpage.h"
#include "questionnaire.h"
#include "rec.h"
#include "site.h"
#include "util.h"
#include "val.h"

/* How the rate is worked out, as every evaluation page states it. */
static void
rule(const struct evalkind *k, struct buf *b)
{
	int	i;

	buf_puts(b, "满意率 =（");
	for (i = 0; i < k->satisfied; i++)
		buf_printf(b, "%s%s", i > 0 ? " + " : "", k->scale[i]);
	buf_puts(b, "）÷ 该项回答总数 × 100%，由本站按评议记录计算，保留一位"
	    "小数，第二位小数四舍五入（整数运算，结果可复核）；总体满意率按"
	    "全部评议内容的回答合计计算。");
}

static char *
qpath(const struct site *s, const struct pd_eval *e)
{
	return xasprintf("%s/print/questionnaire-%s.pdf",
	    s->units[e->unit].dir, e->e.slug);
}

/* The link from page rel to e's subject (caller frees), or NULL when
 * the subject is not published (a gated site) or not built. */
static char *
subject_href(const struct out_ctx *ctx, const char *rel,
    const struct pd_eval *e)
{
	char	*to, *href;

	if (e->subject == NO_INDEX)
		return NULL;
	to = page_unit_path(&ctx->site->units[e->subject], "index.html");
	href = pp_href(ctx, rel, e->subject, to);
	free(to);
	return href;
}

static int
results_page(const struct out_ctx *ctx, const struct progdata *pd,
    const struct pd_eval *e)
{
	const struct site	*s = ctx->site;
	const struct evalkind	*k = e->e.kind;
	const char		*title = prog_title(s->cfg, PROG_EVALUATION);
	char			*rel, *idx, *to, rate[16], num[32], d[11];
	const char		**heads;
	struct val		*v, *sec, *t, *r;
	struct evalfig		 f;
	struct chart		 c;
	long			*vals;
	struct buf		 b;
	size_t			 q, i;
	int			 rc;

	rel = pp_record_path(s, e->unit, PROG_EVALUATION, e->e.slug, ".html");
	idx = prog_path(s, e->unit, PROG_EVALUATION, "index.html");
	v = pp_page(ctx, rel, e->unit, title, idx, e->e.title);
	buf_init(&b);
	rec_day_fmt(e->e.date, d);
	buf_printf(&b, "%s。评议对象：%s；组织单位：%s；评议日期：%s；"
	    "参评人数：%ld 人", k->title, progdata_subject_name(s, e),
	    s->units[e->unit].name, d, e->e.respondents);
	if (e->e.nmethods > 0) {
		buf_puts(&b, "；评议方式：");
		for (i = 0; i < e->e.nmethods; i++)
			buf_printf(&b, "%s%s", i > 0 ? "、" : "",
			    e->e.methods[i]);
	}
	buf_puts(&b, "。");
	pp_lead(v, b.data);

	sec = pp_section(v, "评议结果");
	evaluation_fig(&e->e, (size_t)-1, &f);
	evaluation_rate_fmt(f.tenths, rate);
	buf_reset(&b);
	buf_printf(&b, "总体满意率 %s（%ld 个回答中 %ld 个为", rate,
	    f.answers, f.satisfied);
	for (i = 0; i < (size_t)k->satisfied; i++)
		buf_printf(&b, "%s%s", i > 0 ? "或" : "", k->scale[i]);
	buf_puts(&b, "）。");
	pp_para(sec, b.data);
	/* the chart: all answers by label */
	vals = xcalloc(k->nscale, sizeof(*vals));
	for (q = 0; q < k->nquestions; q++)
		for (i = 0; i < k->nscale; i++)
			vals[i] += e->e.counts[q * k->nscale + i];
	memset(&c, 0, sizeof(c));
	c.kind = CHART_BAR;
	c.title = "全部回答按评价分布";
	c.label_head = "评价";
	c.value_head = "回答数";
	c.n = k->nscale;
	c.labels = (const char **)k->scale;
	c.values = vals;
	buf_reset(&b);
	chart_html(&c, &b);
	pp_html(sec, buf_detach(&b, NULL));
	free(vals);

	heads = xcalloc(k->nscale + 5, sizeof(*heads));
	heads[0] = "序号";
	heads[1] = "评议内容";
	for (i = 0; i < k->nscale; i++)
		heads[2 + i] = k->scale[i];
	heads[2 + k->nscale] = "回答合计";
	heads[3 + k->nscale] = "满意率";
	t = pp_table(sec, "各项评议内容的回答数和满意率", heads);
	free(heads);
	for (q = 0; q <= k->nquestions; q++) {
		int all = q == k->nquestions;

		r = pp_row(t);
		snprintf(num, sizeof(num), "%zu", q + 1);
		pp_cell(r, all ? "" : num, NULL, 1);
		pp_cell(r, all ? "总体" : k->questions[q], NULL, 0);
		for (i = 0; i < k->nscale; i++) {
			long n = 0;
			size_t j;

			for (j = 0; j < k->nquestions; j++)
				if (all || j == q)
					n += e->e.counts[j * k->nscale + i];
			snprintf(num, sizeof(num), "%ld", n);
			pp_cell(r, num, NULL, 1);
		}
		evaluation_fig(&e->e, all ? (size_t)-1 : q, &f);
		snprintf(num, sizeof(num), "%ld", f.answers);
		pp_cell(r, num, NULL, 1);
		evaluation_rate_fmt(f.tenths, rate);
		pp_cell(r, rate, NULL, 1);
	}
	buf_reset(&b);
	rule(k, &b);
	pp_para(sec, b.data);

	if (e->e.findings != NULL) {
		sec = pp_section(v, "评议发现");
		pp_html(sec, pp_markdown(e->e.path, 0, e->e.findings,
		    strlen(e->e.findings)));
	}
	sec = pp_section(v, "整改反馈");
	pp_cited_by(ctx, pd, sec, RC_EVALUATION, e->unit, e->e.slug, rel);
	if (val_get(sec, "has_links") == NULL)
		pp_para(sec, "尚无针对本次评议的整改事项。");
	sec = pp_section(v, "评议问卷");
	to = qpath(s, e);
	pp_link(sec, "空白问卷（A4，可打印，供问卷调查使用）",
	    page_href(rel, to), "PDF");
	free(to);
	pp_link(sec, progdata_subject_name(s, e), subject_href(ctx, rel, e),
	    "评议对象");
	rc = pp_write(ctx, v, rel);
	buf_dispose(&b);
	free(rel);
	free(idx);
	return rc;
}

/* Evaluations of one organiser ordered for ranking: year (newest
 * first), kind, rate (best first), subject path. */
struct ranked {
	const struct pd_eval	*e;
	int			 tenths;
};

static int
cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	int c;

	if (x->e->e.year != y->e->e.year)
		return x->e->e.year > y->e->e.year ? -1 : 1;
	if ((c = strcmp(x->e->e.kind->id, y->e->e.kind->id)) != 0)
		return c;
	if (x->tenths != y->tenths)
		return x->tenths > y->tenths ? -1 : 1;
	return strcmp(x->e->e.path, y->e->e.path);
}

static int
cmp_date(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->e->e.date != y->e->e.date)
		return x->e->e.date > y->e->e.date ? -1 : 1;
	return strcmp(x->e->e.path, y->e->e.path);
}

static int
index_page(const struct out_ctx *ctx, const struct progdata *pd, size_t u)
{
	static const char *const heads[] = { "评议", "类别", "评议对象",
		"日期", "参评人数", "总体满意率", NULL };
	static const char *const rheads[] = { "名次", "评议对象", "评议",
		"总体满意率", NULL };
	const struct site	*s = ctx->site;
	const char		*title = prog_title(s->cfg, PROG_EVALUATION);
	struct ranked		*rk;
	struct val		*v, *sec, *t = NULL, *r;
	struct evalfig		 f;
	char			*rel, *to, rate[16], d[11], num[32], cap[160];
	size_t			 i, n = 0, rank = 0, g = 0;
	int			 rc;

	rel = prog_path(s, u, PROG_EVALUATION, "index.html");
	v = pp_page(ctx, rel, u, title, NULL, title);
	pp_lead(v, "请农民兄弟姐妹“评计生”、请流动人口“评计生”、“下评上”"
	    "和政风行风评议的结果。各项满意率由本站按评议记录计算。");
	rk = xcalloc(pd->nevals + 1, sizeof(*rk));
	for (i = 0; i < pd->nevals; i++)
		if (pd->evals[i].unit == u) {
			rk[n].e = &pd->evals[i];
			evaluation_fig(&pd->evals[i].e, (size_t)-1, &f);
			rk[n++].tenths = f.tenths;
		}
	sec = pp_section(v, "本单位组织的评议");
	t = pp_table(sec, NULL, heads);
	xqsort(rk, n, sizeof(*rk), cmp_date);
	for (i = 0; i < n; i++) {
		const struct pd_eval *e = rk[i].e;

		r = pp_row(t);
		to = pp_record_path(s, u, PROG_EVALUATION, e->e.slug,
		    ".html");
		pp_cell(r, e->e.title, page_href(rel, to), 0);
		free(to);
		pp_cell(r, e->e.kind->title, NULL, 0);
		pp_cell(r, progdata_subject_name(s, e), subject_href(ctx, rel,
		    e), 0);
		rec_day_fmt(e->e.date, d);
		pp_cell(r, d, NULL, 0);
		snprintf(num, sizeof(num), "%ld", e->e.respondents);
		pp_cell(r, num, NULL, 1);
		evaluation_rate_fmt(rk[i].tenths, rate);
		pp_cell(r, rate, NULL, 1);
	}
	xqsort(rk, n, sizeof(*rk), cmp_ranked);
	for (i = 0; i < n; i++) {
		const struct pd_eval *e = rk[i].e;

		if (i == 0 || e->e.year != rk[i - 1].e->e.year ||
		    e->e.kind != rk[i - 1].e->e.kind) {
			snprintf(cap, sizeof(cap), "%d年%s：评议对象按总体"
			    "满意率排名", e->e.year, e->e.kind->title);
			sec = pp_section(v, cap);
			t = pp_table(sec, NULL, rheads);
			pp_para(sec, "满意率相同的名次并列。");
			g = i;
			rank = 1;
		} else if (rk[i].tenths != rk[i - 1].tenths)
			rank = i - g + 1;	/* equal rates share one */
		r = pp_row(t);
		snprintf(num, sizeof(num), "%zu", rank);
		pp_cell(r, num, NULL, 1);
		pp_cell(r, progdata_subject_name(s, e), subject_href(ctx, rel,
		    e), 0);
		to = pp_record_path(s, u, PROG_EVALUATION, e->e.slug,
		    ".html");
		pp_cell(r, e->e.title, page_href(rel, to), 0);
		free(to);
		evaluation_rate_fmt(rk[i].tenths, rate);
		pp_cell(r, rate, NULL, 1);
	}
	free(rk);
	rc = pp_write(ctx, v, rel);
	free(rel);
	return rc;
}

/*
 * The questionnaire of evaluation e, <unit>/print/questionnaire-
 * <slug>.pdf; or none, if the earlier build made it from the same
 * inputs (memo.h): it is taken over.  It reads the record, the units'
 * names, the configuration and the day, all of which memo_site covers,
 * and the fonts.
 */
static int
questionnaire(const struct out_ctx *ctx, struct pdf_fonts **fonts,
    const struct pd_eval *e, struct buf *out)
{
	const struct site	*s = ctx->site;
	struct questionnaire	 q;
	struct pdf_opts		 o;
	struct pdf		*p;
	const char		*ex[3];
	char			*rel, *page, *url, key[65];
	unsigned long		 said = diag_said();
	int			 rc;

	if (*fonts == NULL)
		*fonts = pdf_fonts_new();
	rel = qpath(s, e);
	ex[0] = "questionnaire";
	ex[1] = rel;
	ex[2] = pdf_font_sig(*fonts);
	/* named as out_print names boards: "<unit>|<file>" */
	page = xasprintf("%s|%s", s->units[e->unit].dir, strrchr(rel, '/') +
	    1);
	rc = fsout_group_begin(ctx->fs, page, memo_unit_with(ctx, NO_INDEX,
	    ex, 3, key) == 0 ? key : NULL);
	free(page);
	if (rc != 0) {
		free(rel);
		return rc == 1 ? 0 : -1;
	}
	page = pp_record_path(s, e->unit, PROG_EVALUATION, e->e.slug,
	    ".html");
	url = page_url(s->cfg, page);
	memset(&o, 0, sizeof(o));
	o.paper = "A4";
	o.creation_day = ctx->today;
	o.title = e->e.title;
	o.author = s->units[e->unit].name;
	o.footer_fmt = "第 %d 页 共 %d 页";
	memset(&q, 0, sizeof(q));
	q.kind = e->e.kind;
	q.title = e->e.title;
	q.subject = progdata_subject_name(s, e);
	q.organiser = s->units[e->unit].name;
	q.url = url;
	rc = pdf_new(rel, &o, *fonts, &p);
	if (rc == 0) {
		rc = questionnaire_pdf(p, &q);
		buf_reset(out);
		if (rc == 0)
			rc = out_print_finish(ctx, p, out);
		if (rc == 0)
			rc = fsout_write(ctx->fs, rel, out->data, out->len);
		pdf_free(p);
	}
	fsout_group_end(ctx->fs, rc == 0 && diag_said() == said);
	free(url);
	free(page);
	free(rel);
	return rc;
}

int
prog_evaluation_render(const struct out_ctx *ctx, const struct progdata *pd)
{
	struct pdf_fonts	*fonts = NULL;
	struct buf		 b;
	size_t			 i;
	int			 rc = 0;

	buf_init(&b);
	for (i = 0; i < pd->nevals; i++) {
		const struct pd_eval *e = &pd->evals[i];

		if (!page_mine(ctx, e->unit))
			continue;
		rc |= results_page(ctx, pd, e);
		rc |= questionnaire(ctx, &fonts, e, &b);
		if (i == 0 || pd->evals[i - 1].unit != e->unit)
			rc |= index_page(ctx, pd, e->unit);
	}
	buf_dispose(&b);
	if (fonts != NULL)
		pdf_fonts_free(fonts);
	return rc ? -1 : 0;
}
