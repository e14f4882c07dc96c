/*
 * prog_leadership.c -- the leading group's page (seed 四（一）).
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "out.h"
#include "page.h"
#include "prog.h"
#include "progdata.h"
#include "progpage.h"
#include "site.h"
#include "util.h"

int
prog_leadership_render(const struct out_ctx *ctx,
    const struct progdata *pd)
{
	const struct site	*s = ctx->site;
	const char		*title = prog_title(s->cfg, PROG_LEADERSHIP);
	struct val		*v, *sec;
	struct buf		 b;
	char			*rel;
	size_t			 i, j;
	int			 rc = 0;

	buf_init(&b);
	for (i = 0; i < pd->nleads; i++) {
		const struct leadership *l = &pd->leads[i].l;
		size_t u = pd->leads[i].unit;

		if (!page_mine(ctx, u))
			continue;
		rel = prog_path(s, u, PROG_LEADERSHIP, "index.html");
		v = pp_page(ctx, rel, u, title, NULL, title);
		pp_lead(v, "主要领导亲自抓、负总责，分管领导和业务机构各负其责。");
		sec = pp_section(v, "阳光计生行动领导小组");
		buf_reset(&b);
		buf_printf(&b, "组长：%s", l->head);
		pp_para(sec, b.data);
		if (l->ndeputies > 0) {
			buf_reset(&b);
			buf_puts(&b, "副组长：");
			for (j = 0; j < l->ndeputies; j++)
				buf_printf(&b, "%s%s", j ? "、" : "",
				    l->deputies[j]);
			pp_para(sec, b.data);
		}
		if (l->nmembers > 0) {
			buf_reset(&b);
			buf_puts(&b, "成员：");
			for (j = 0; j < l->nmembers; j++)
				buf_printf(&b, "%s%s", j ? "、" : "",
				    l->members[j]);
			pp_para(sec, b.data);
		}
		if (l->office != NULL)
			pp_para(sec, l->office);
		pp_para(sec, l->budgeted ? "工作经费已纳入预算。" :
		    "工作经费尚未纳入预算。");
		if (l->note != NULL)
			pp_html(sec, pp_markdown(l->path, 0, l->note,
			    strlen(l->note)));
		rc |= pp_write(ctx, v, rel);
		free(rel);
	}
	buf_dispose(&b);
	return rc ? -1 : 0;
}
