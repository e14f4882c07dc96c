/*
 * prog_reporting.c -- the rewarded reporting programme's page (seed
 * 三（二）): the procedure, the year's cases, and the counts gongkai
 * works out from them (received, verified, rewarded, yuan paid, median
 * days to feedback).
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

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* The median of n values (sorted here) in tenths of a day: the middle
 * one, or the mean of the two middle ones (exact in tenths). */
static long
median_tenths(long *v, size_t n)
{
	xqsort(v, n, sizeof(*v), cmp_long);
	if (n % 2 == 1)
		return v[n / 2] * 10;
	return (v[n / 2 - 1] + v[n / 2]) * 5;
}

static void
cases_section(const struct out_ctx *ctx, const struct progdata *pd,
    struct val *v, const struct pd_cases *pc, const struct pd_proc *proc,
    const char *rel)
{
	static const char *const heads[] = { "编号", "受理日期", "举报事项",
		"查证结果", "反馈日期", "反馈用时（天）", "奖励（元）", NULL };
	const struct rep_cases	*c = &pc->c;
	char			 year[16];
	struct val		*sec, *t, *r;
	long			*days, fen = 0, verified = 0, rewarded = 0;
	size_t			 i, nd = 0;
	char			 cap[96], d[11], num[32], yuan[32];
	struct buf		 b;

	snprintf(cap, sizeof(cap), "%d年举报案件", c->year);
	sec = pp_section(v, cap);
	days = xcalloc(c->ncases + 1, sizeof(*days));
	for (i = 0; i < c->ncases; i++) {
		const struct rep_case *k = &c->cases[i];

		verified += k->verified == 0;
		if (k->reward_fen >= 0) {
			rewarded++;
			fen += k->reward_fen;
		}
		if (k->feedback != NO_DATE)
			days[nd++] = k->feedback - k->received;
	}
	rec_yuan_fmt(fen, yuan);
	buf_init(&b);
	buf_printf(&b, "受理 %zu 件，查证属实 %ld 件，兑现奖励 %ld 件，"
	    "奖金合计 %s 元；已反馈 %zu 件", c->ncases, verified, rewarded,
	    yuan, nd);
	if (nd > 0) {
		long m = median_tenths(days, nd);

		buf_printf(&b, "，受理到反馈用时中位数 %ld.%ld 天", m / 10,
		    m % 10);
	}
	buf_puts(&b, "。（由本站按案件记录统计；中位数为居中一件的天数，"
	    "件数为偶数时取居中两件的平均。）");
	pp_para(sec, b.data);
	buf_dispose(&b);
	free(days);
	t = pp_table(sec, cap, heads);
	for (i = 0; i < c->ncases; i++) {
		const struct rep_case *k = &c->cases[i];

		r = pp_row(t);
		pp_cell(r, k->id, NULL, 0);
		rec_day_fmt(k->received, d);
		pp_cell(r, d, NULL, 0);
		pp_cell(r, k->kind, NULL, 0);
		pp_cell(r, rep_verified_names[k->verified], NULL, 0);
		if (k->feedback != NO_DATE) {
			rec_day_fmt(k->feedback, d);
			pp_cell(r, d, NULL, 0);
			snprintf(num, sizeof(num), "%ld",
			    k->feedback - k->received);
			pp_cell(r, num, NULL, 1);
		} else {
			pp_cell(r, proc != NULL && reporting_case_late(k,
			    proc->p.feedback_days, ctx->today) ? "逾期未反馈" :
			    "未反馈", NULL, 0);
			pp_cell(r, "", NULL, 1);
		}
		if (k->reward_fen >= 0)
			rec_yuan_fmt(k->reward_fen, num);
		else
			num[0] = '\0';
		pp_cell(r, num, NULL, 1);
	}
	snprintf(year, sizeof(year), "%d", c->year);
	pp_cited_by(ctx, pd, sec, RC_REPORTING, pc->unit, year, rel);
}

int
prog_reporting_render(const struct out_ctx *ctx, const struct progdata *pd)
{
	const struct site	*s = ctx->site;
	const char		*title = prog_title(s->cfg, PROG_REPORTING);
	const struct pd_proc	*proc;
	struct val		*v, *sec;
	struct buf		 b, body;
	char			*rel;
	size_t			 u, i;
	int			 rc = 0;

	buf_init(&b);
	buf_init(&body);
	for (u = 0; u < s->nunits; u++) {
		size_t n;

		if (!page_mine(ctx, u) || (prog_unit_files(s, u,
		    PROG_REPORTING, &n), n == 0))
			continue;
		rel = prog_path(s, u, PROG_REPORTING, "index.html");
		proc = progdata_proc(pd, u);
		v = pp_page(ctx, rel, u, title, NULL, proc != NULL &&
		    proc->p.title != NULL ? proc->p.title : title);
		if (proc != NULL) {
			buf_reset(&b);
			buf_printf(&b, "受理单位：%s。举报奖励标准：%s。受理后 "
			    "%ld 日内向举报人反馈调查和处理结果。",
			    proc->p.accepting_unit, proc->p.reward_standard,
			    proc->p.feedback_days);
			pp_lead(v, b.data);
			sec = pp_section(v, "举报渠道");
			for (i = 0; i < proc->p.nchannels; i++)
				pp_para(sec, proc->p.channels[i]);
			sec = pp_section(v, "奖励条件和办理程序");
			buf_reset(&body);
			if (pp_body(ctx, proc->p.path, &body) == 0)
				pp_html(sec, xstrdup(body.data));
		}
		for (i = pd->ncases; i-- > 0;)
			if (pd->cases[i].unit == u)
				cases_section(ctx, pd, v, &pd->cases[i], proc,
				    rel);
		rc |= pp_write(ctx, v, rel);
		free(rel);
	}
	buf_dispose(&b);
	buf_dispose(&body);
	return rc ? -1 : 0;
}
