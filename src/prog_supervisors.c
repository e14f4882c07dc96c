/*
 * prog_supervisors.c -- the conduct supervisors' page (seed 三（三）):
 * their rights (config.yaml wording), the roster, the meetings at which
 * they were heard and how many of their opinions were adopted.
 */
#include <stdio.h>
#include <stdlib.h>

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

int
prog_supervisors_render(const struct out_ctx *ctx,
    const struct progdata *pd)
{
	static const char *const mheads[] = { "姓名", "类别", "工作单位或身份",
		NULL };
	static const char *const gheads[] = { "日期", "形式", "主题",
		"意见建议（条）", "采纳（条）", NULL };
	const struct site	*s = ctx->site;
	const char		*title = prog_title(s->cfg, PROG_SUPERVISORS);
	struct val		*v, *sec, *t, *r;
	struct buf		 b;
	char			*rel, d[11], num[32];
	size_t			 i, j;
	int			 rc = 0;

	buf_init(&b);
	for (i = 0; i < pd->nrosters; i++) {
		const struct roster *ro = &pd->rosters[i].r;
		size_t u = pd->rosters[i].unit;

		if (!page_mine(ctx, u))
			continue;
		rel = prog_path(s, u, PROG_SUPERVISORS, "index.html");
		v = pp_page(ctx, rel, u, title, NULL, title);
		buf_reset(&b);
		buf_printf(&b, "本届行风监督员聘期：%s，共 %zu 人。", ro->term,
		    ro->nmembers);
		pp_lead(v, b.data);
		if (s->cfg->sup_rights != NULL) {
			sec = pp_section(v, "行风监督员的职权");
			pp_para(sec, s->cfg->sup_rights);
		}
		sec = pp_section(v, "行风监督员名单");
		t = pp_table(sec, "行风监督员名单", mheads);
		for (j = 0; j < ro->nmembers; j++) {
			r = pp_row(t);
			pp_cell(r, ro->members[j].name, NULL, 0);
			pp_cell(r, ro->members[j].category, NULL, 0);
			pp_cell(r, ro->members[j].affiliation, NULL, 0);
		}
		sec = pp_section(v, "听取意见情况");
		buf_reset(&b);
		buf_printf(&b, "召开座谈会、邀请参加民主评议和调研共 %zu 次，"
		    "行风监督员提出意见建议 %ld 条，已采纳 %ld 条", ro->nmeetings,
		    ro->opinions, ro->adopted);
		if (ro->opinions > 0) {
			int p = (int)((2000 * ro->adopted + ro->opinions) /
			    (2 * ro->opinions));

			buf_printf(&b, "，采纳率 %d.%d%%（四舍五入到一位小数）",
			    p / 10, p % 10);
		}
		buf_puts(&b, "。");
		pp_para(sec, b.data);
		t = pp_table(sec, "历次会议", gheads);
		for (j = 0; j < ro->nmeetings; j++) {
			const struct sup_meeting *g = &ro->meetings[j];

			r = pp_row(t);
			rec_day_fmt(g->date, d);
			pp_cell(r, d, NULL, 0);
			pp_cell(r, supervisors_meeting_kinds[g->kind], NULL, 0);
			pp_cell(r, g->topic, NULL, 0);
			snprintf(num, sizeof(num), "%ld", g->opinions);
			pp_cell(r, num, NULL, 1);
			snprintf(num, sizeof(num), "%ld", g->adopted);
			pp_cell(r, num, NULL, 1);
		}
		for (j = 0; j < ro->nmeetings; j++)
			if (ro->meetings[j].summary != NULL) {
				rec_day_fmt(ro->meetings[j].date, d);
				buf_reset(&b);
				buf_printf(&b, "%s %s：%s", d,
				    ro->meetings[j].topic,
				    ro->meetings[j].summary);
				pp_para(sec, b.data);
			}
		sec = pp_section(v, "整改反馈");
		pp_cited_by(ctx, pd, sec, RC_SUPERVISORS, u, "roster", rel);
		if (val_get(sec, "has_links") == NULL)
			pp_para(sec, "尚无针对行风监督员意见的整改事项。");
		rc |= pp_write(ctx, v, rel);
		free(rel);
	}
	buf_dispose(&b);
	return rc ? -1 : 0;
}
