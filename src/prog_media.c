/*
 * prog_media.c -- media responses (舆情回应, seed 三（四）): the index
 * with the days each response took, and a page per response.
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

static int
media_page(const struct out_ctx *ctx, const struct progdata *pd,
    const struct pd_media *pm, const char *title)
{
	const struct site	*s = ctx->site;
	const struct media	*m = &pm->m;
	struct val		*v, *sec;
	struct buf		 b;
	char			*rel, *idx, d1[11], d2[11];
	int			 rc;

	rel = pp_record_path(s, pm->unit, PROG_MEDIA, m->slug, ".html");
	idx = prog_path(s, pm->unit, PROG_MEDIA, "index.html");
	v = pp_page(ctx, rel, pm->unit, title, idx, m->title);
	buf_init(&b);
	rec_day_fmt(m->reported, d1);
	rec_day_fmt(m->responded, d2);
	if (m->responded != NO_DATE)
		buf_printf(&b, "来源：%s；反映日期：%s；回应日期：%s（%ld 天）。",
		    m->source, d1, d2, media_days(m, ctx->today));
	else
		buf_printf(&b, "来源：%s；反映日期：%s；尚未回应（已 %ld 天）。",
		    m->source, d1, media_days(m, ctx->today));
	pp_lead(v, b.data);
	sec = pp_section(v, NULL);
	buf_reset(&b);
	if (pp_body(ctx, m->path, &b) == 0)
		pp_html(sec, xstrdup(b.data));
	sec = pp_section(v, "整改反馈");
	pp_cited_by(ctx, pd, sec, RC_MEDIA, pm->unit, m->slug, rel);
	if (val_get(sec, "has_links") == NULL)
		pp_para(sec, "尚无针对本条舆情的整改事项。");
	rc = pp_write(ctx, v, rel);
	buf_dispose(&b);
	free(idx);
	free(rel);
	return rc;
}

int
prog_media_render(const struct out_ctx *ctx, const struct progdata *pd)
{
	static const char *const heads[] = { "舆情", "来源", "反映日期",
		"回应日期", "回应用时（天）", NULL };
	const struct site	*s = ctx->site;
	const char		*title = prog_title(s->cfg, PROG_MEDIA);
	struct val		*v = NULL, *t = NULL, *r;
	char			*rel = NULL, *to, d[11], num[64];
	size_t			 i, u = NO_INDEX;
	int			 rc = 0;

	for (i = 0; i < pd->nmedia; i++) {
		const struct pd_media *pm = &pd->media[i];

		if (!page_mine(ctx, pm->unit))
			continue;
		rc |= media_page(ctx, pd, pm, title);
		if (pm->unit != u) {
			if (v != NULL) {
				rc |= pp_write(ctx, v, rel);
				free(rel);
			}
			u = pm->unit;
			rel = prog_path(s, u, PROG_MEDIA, "index.html");
			v = pp_page(ctx, rel, u, title, NULL, title);
			snprintf(num, sizeof(num), "%ld", s->cfg->media_days);
			pp_lead(v, "重视和支持新闻媒体开展舆论监督，及时调查处理"
			    "新闻媒体和网络反映的问题。回应用时由本站按反映"
			    "日期和回应日期计算（自然日）。");
			t = pp_table(pp_section(v, NULL), NULL, heads);
		}
		r = pp_row(t);
		to = pp_record_path(s, u, PROG_MEDIA, pm->m.slug, ".html");
		pp_cell(r, pm->m.title, page_href(rel, to), 0);
		free(to);
		pp_cell(r, pm->m.source, NULL, 0);
		rec_day_fmt(pm->m.reported, d);
		pp_cell(r, d, NULL, 0);
		rec_day_fmt(pm->m.responded, d);
		pp_cell(r, pm->m.responded != NO_DATE ? d : "尚未回应", NULL,
		    0);
		snprintf(num, sizeof(num), "%ld%s", media_days(&pm->m,
		    ctx->today), media_late(&pm->m, ctx->today,
		    s->cfg->media_days) ? "（超过期限）" : "");
		pp_cell(r, num, NULL, 1);
	}
	if (v != NULL) {
		rc |= pp_write(ctx, v, rel);
		free(rel);
	}
	return rc ? -1 : 0;
}
