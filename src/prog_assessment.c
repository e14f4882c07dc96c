/*
 * prog_assessment.c -- the assessment tables (检查考核, seed 四（四）):
 * each subordinate unit's score, rank and 评先评优 status beside the
 * figures gongkai computes for it for that year: the overall
 * satisfaction rate of the evaluations of it, and its catalogue
 * completeness (report.h).
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
#include "report.h"
#include "site.h"
#include "util.h"

/*
 * Completeness of unit u's catalogue for year: the required categories
 * in which it published at least one item that year, out of all its
 * required categories, in whole percent (floor); -1 without a report.
 */
static int
year_percent(const struct out_ctx *ctx, size_t u, int year)
{
	const struct catalogue	*cat = ctx->site->units[u].catalogue;
	struct report_year	 y;
	size_t			 c, req = 0, ok = 0;

	if (ctx->report == NULL)
		return -1;
	report_year(ctx->report, u, year, &y);
	for (c = 0; c < cat->ncats; c++)
		if (cat->cats[c].required) {
			req++;
			ok += y.percat[c] > 0;
		}
	free(y.percat);
	return req == 0 ? 100 : (int)(ok * 100 / req);
}

int
prog_assessment_render(const struct out_ctx *ctx,
    const struct progdata *pd)
{
	static const char *const heads[] = { "单位", "考核得分", "名次",
		"评先评优资格", "评议满意率", "公开目录完整度", NULL };
	const struct site	*s = ctx->site;
	const char		*title = prog_title(s->cfg, PROG_ASSESSMENT);
	struct val		*v = NULL, *sec, *t, *r;
	struct evalfig		 f;
	char			*rel = NULL, *to, cap[96], num[32];
	size_t			 i, j, u = NO_INDEX;
	int			 rc = 0, p;

	/* files are by path: a unit's years ascending; newest shown first */
	for (i = pd->nassess; i-- > 0;) {
		const struct assessment *a = &pd->assess[i].a;

		if (!page_mine(ctx, pd->assess[i].unit))
			continue;
		if (pd->assess[i].unit != u) {
			if (v != NULL) {
				rc |= pp_write(ctx, v, rel);
				free(rel);
			}
			u = pd->assess[i].unit;
			rel = prog_path(s, u, PROG_ASSESSMENT, "index.html");
			v = pp_page(ctx, rel, u, title, NULL, title);
			pp_lead(v, "阳光计生行动与业务工作同检查同考核，考核结果"
			    "作为评先评优的重要依据。得分和名次由考核单位填报；"
			    "评议满意率和公开目录完整度由本站计算。");
		}
		snprintf(cap, sizeof(cap), "%d年度考核结果", a->year);
		sec = pp_section(v, cap);
		t = pp_table(sec, cap, heads);
		for (j = 0; j < a->nrows; j++) {
			const struct assessed *x = &a->rows[j];
			size_t xu = site_unit(s, x->unit);

			r = pp_row(t);
			if (xu == NO_INDEX)
				/* not published (a gated site): its folder
				 * as the approved file names it */
				pp_cell(r, x->unit, NULL, 0);
			else {
				to = page_unit_path(&s->units[xu],
				    "index.html");
				pp_cell(r, s->units[xu].name, pp_href(ctx, rel,
				    xu, to), 0);
				free(to);
			}
			pp_cell(r, x->score != NULL ? x->score : "", NULL, 1);
			snprintf(num, sizeof(num), "%ld", x->rank);
			pp_cell(r, x->rank > 0 ? num : "", NULL, 1);
			if (x->disqualified) {
				char *why = xasprintf("取消（%s）", x->reason);

				pp_cell(r, why, NULL, 0);
				free(why);
			} else
				pp_cell(r, "保留", NULL, 0);
			progdata_subject_fig(pd, xu, a->year, &f);
			evaluation_rate_fmt(xu == NO_INDEX ? -1 : f.tenths,
			    num);
			pp_cell(r, num, NULL, 1);
			p = xu == NO_INDEX ? -1 : year_percent(ctx, xu,
			    a->year);
			if (p < 0)
				snprintf(num, sizeof(num), "—");
			else
				snprintf(num, sizeof(num), "%d%%", p);
			pp_cell(r, num, NULL, 1);
		}
		if (a->note != NULL)
			pp_para(sec, a->note);
		pp_para(sec, "评议满意率：该单位当年作为评议对象的全部评议的"
		    "回答合计计算，保留一位小数，四舍五入；无评议记为“—”。"
		    "公开目录完整度：该单位公开目录中必须公开的栏目里，当年"
		    "发布了信息的栏目所占比例，取整数（舍去小数）。");
	}
	if (v != NULL) {
		rc |= pp_write(ctx, v, rel);
		free(rel);
	}
	return rc ? -1 : 0;
}
