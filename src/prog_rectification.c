/*
 * prog_rectification.c -- rectification and feedback (整改反馈, seed
 * 四（二）): the index (open ones first, overdue marked) and a page per
 * rectification linking the record that caused it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "out.h"
#include "page.h"
#include "prog.h"
#include "progdata.h"
#include "progpage.h"
#include "rec.h"
#include "site.h"
#include "util.h"
#include "val.h"

/* The page of the record a rectification answers (output path; caller
 * frees), or NULL when it has none (a report year). */
static char *
cause_path(const struct site *s, const struct pd_rect *r)
{
	size_t	u = r->ref_unit;

	switch (r->r.cause) {
	case RC_EVALUATION:
		return pp_record_path(s, u, PROG_EVALUATION, r->ref_record,
		    ".html");
	case RC_HOTLINE:
		return pp_record_path(s, u, PROG_HOTLINE, r->ref_record,
		    ".html");
	case RC_MEDIA:
		return pp_record_path(s, u, PROG_MEDIA, r->ref_record,
		    ".html");
	case RC_REPORTING:
		return prog_path(s, u, PROG_REPORTING, "index.html");
	case RC_SUPERVISORS:
		return prog_path(s, u, PROG_SUPERVISORS, "index.html");
	default:
		return NULL;
	}
}

static const char *const cause_words[RC_NCAUSES] = { "评议", "12356热线",
	"有奖举报", "舆情", "行风监督员意见", "报告" };

static int
rect_page(const struct out_ctx *ctx, const struct pd_rect *pr,
    const char *title)
{
	const struct site	*s = ctx->site;
	const struct rectification *r = &pr->r;
	struct val		*v, *sec;
	struct buf		 b;
	char			*rel, *idx, *to, d1[11], d2[11];
	int			 rc;

	rel = pp_record_path(s, pr->unit, PROG_RECTIFICATION, r->slug,
	    ".html");
	idx = prog_path(s, pr->unit, PROG_RECTIFICATION, "index.html");
	v = pp_page(ctx, rel, pr->unit, title, idx, r->title);
	buf_init(&b);
	rec_day_fmt(r->found, d1);
	rec_day_fmt(r->deadline, d2);
	buf_printf(&b, "状态：%s。发现日期：%s；整改期限：%s",
	    rect_status_names[r->done], d1, d2);
	if (r->done) {
		rec_day_fmt(r->completed, d1);
		buf_printf(&b, "；完成日期：%s", d1);
	} else if (rectification_overdue(r, ctx->today))
		buf_printf(&b, "；已逾期 %ld 天", ctx->today - r->deadline);
	buf_puts(&b, "。");
	pp_lead(v, b.data);
	if (r->feedback != NULL) {
		buf_reset(&b);
		buf_printf(&b, "整改结果反馈方式：%s", r->feedback);
		pp_lead(v, b.data);
	}
	sec = pp_section(v, "整改缘由");
	buf_reset(&b);
	buf_printf(&b, "来源：%s", cause_words[r->cause]);
	if (r->ref_part != NULL)
		buf_printf(&b, "（%s）", r->ref_part);
	pp_para(sec, b.data);
	if (pr->ref_text != NULL)
		/* a gated site: the record is not published (progdata.h) */
		pp_para(sec, pr->ref_text);
	else if ((to = cause_path(s, pr)) != NULL) {
		char *what = xasprintf("%s %s %s", s->units[pr->ref_unit].name,
		    cause_words[r->cause], pr->ref_record);

		pp_link(sec, what, pp_href(ctx, rel, pr->ref_unit, to), NULL);
		free(what);
		free(to);
	}
	sec = pp_section(v, "整改措施和结果");
	buf_reset(&b);
	if (pp_body(ctx, r->path, &b) == 0)
		pp_html(sec, xstrdup(b.data));
	rc = pp_write(ctx, v, rel);
	buf_dispose(&b);
	free(idx);
	free(rel);
	return rc;
}

static int
index_page(const struct out_ctx *ctx, const struct progdata *pd, size_t u,
    const char *title)
{
	static const char *const heads[] = { "整改事项", "来源", "发现日期",
		"整改期限", "状态", NULL };
	const struct site	*s = ctx->site;
	struct val		*v, *t, *r;
	char			*rel, *to, d[11], st[64];
	size_t			 i;
	int			 pass, rc;

	rel = prog_path(s, u, PROG_RECTIFICATION, "index.html");
	v = pp_page(ctx, rel, u, title, NULL, title);
	pp_lead(v, "坚持以群众满意为标准，从群众最不满意的方面改起。整改"
	    "中的事项在前；逾期按整改期限和统计日期计算。");
	t = pp_table(pp_section(v, NULL), NULL, heads);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < pd->nrects; i++) {
			const struct pd_rect *pr = &pd->rects[i];

			if (pr->unit != u || pr->r.done != pass)
				continue;
			r = pp_row(t);
			to = pp_record_path(s, u, PROG_RECTIFICATION,
			    pr->r.slug, ".html");
			pp_cell(r, pr->r.title, page_href(rel, to), 0);
			free(to);
			pp_cell(r, cause_words[pr->r.cause], NULL, 0);
			rec_day_fmt(pr->r.found, d);
			pp_cell(r, d, NULL, 0);
			rec_day_fmt(pr->r.deadline, d);
			pp_cell(r, d, NULL, 0);
			snprintf(st, sizeof(st), "%s%s",
			    rect_status_names[pr->r.done],
			    rectification_overdue(&pr->r, ctx->today) ?
			    "（已逾期）" : "");
			pp_cell(r, st, NULL, 0);
		}
	rc = pp_write(ctx, v, rel);
	free(rel);
	return rc;
}

int
prog_rectification_render(const struct out_ctx *ctx,
    const struct progdata *pd)
{
	const char	*title = prog_title(ctx->site->cfg,
	    PROG_RECTIFICATION);
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < pd->nrects; i++) {
		if (!page_mine(ctx, pd->rects[i].unit))
			continue;
		rc |= rect_page(ctx, &pd->rects[i], title);
		if (i == 0 || pd->rects[i - 1].unit != pd->rects[i].unit)
			rc |= index_page(ctx, pd, pd->rects[i].unit, title);
	}
	return rc ? -1 : 0;
}
