/*
 * progpage.c -- pages of the record programmes and their shared run
 * hook; see progpage.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "item.h"
#include "md.h"
#include "out.h"
#include "page.h"
#include "prog.h"
#include "progdata.h"
#include "progpage.h"
#include "rec.h"
#include "site.h"
#include "util.h"
#include "val.h"

char *
pp_record_path(const struct site *s, size_t u, int prog, const char *slug,
    const char *ext)
{
	return xasprintf("%s/%s/%s%s", s->units[u].dir,
	    prog_def((enum prog_id)prog)->id, slug, ext);
}

char *
pp_href(const struct out_ctx *ctx, const char *rel, size_t u,
    const char *to)
{
	return page_built(ctx, u) ? page_href(rel, to) : NULL;
}

void
pp_set_href(struct val *m, const char *k, char *href)
{
	val_set(m, k, href != NULL ? val_str_own(href) : val_null());
}

struct val *
pp_page(const struct out_ctx *ctx, const char *rel, size_t u,
    const char *prog_title, const char *index_rel, const char *heading)
{
	struct val	*v = page_new(ctx, rel, "programme", heading,
	    prog_title);

	page_unit(ctx, v, u, rel);
	page_crumbs_unit(ctx, v, rel, u, 0);
	if (index_rel != NULL) {
		page_crumb(v, prog_title, page_href(rel, index_rel), 0);
		page_crumb(v, heading, NULL, 1);
	} else
		page_crumb(v, prog_title, NULL, 1);
	val_set_str(v, "heading", heading);
	val_set(v, "leads", val_list());
	val_set(v, "sections", val_list());
	return v;
}

void
pp_lead(struct val *page, const char *text)
{
	val_set_str(val_push(val_get(page, "leads"), val_map()), "text",
	    text);
}

struct val *
pp_section(struct val *page, const char *heading)
{
	struct val	*s = val_push(val_get(page, "sections"), val_map());
	const struct val *ph = val_get(page, "heading");

	if (heading != NULL)
		val_set_str(s, "heading", heading);
	/* what names a table of the section that has no caption: the
	   section's heading, else the page's (a region's name must say
	   which table it holds, and differ from its neighbours') */
	val_set_str(s, "label", heading != NULL ? heading :
	    ph != NULL && ph->type == VAL_STR ? ph->s : "表格");
	val_set(s, "paras", val_list());
	val_set(s, "links", val_list());
	return s;
}

void
pp_para(struct val *sec, const char *text)
{
	val_set_str(val_push(val_get(sec, "paras"), val_map()), "text",
	    text);
}

void
pp_html(struct val *sec, char *html)
{
	struct val	*h = val_get(sec, "html");
	struct buf	 b;

	if (h == NULL) {
		val_set(sec, "html", val_str_own(html));
		return;
	}
	/* a second piece: join them */
	buf_init(&b);
	val_text(h, &b);
	buf_puts(&b, html);
	free(html);
	val_set(sec, "html", val_str_own(buf_detach(&b, NULL)));
}

struct val *
pp_table(struct val *sec, const char *caption, const char *const *heads)
{
	struct val	*t = val_set(sec, "table", val_map()), *h;
	const struct val *l = val_get(sec, "label");
	size_t		 i;

	if (caption != NULL)
		val_set_str(t, "caption", caption);
	val_set_str(t, "label", caption != NULL ? caption : l->s);
	h = val_set(t, "head", val_list());
	for (i = 0; heads[i] != NULL; i++)
		val_push(h, val_str(heads[i]));
	val_set(t, "rows", val_list());
	return t;
}

struct val *
pp_row(struct val *table)
{
	struct val	*r = val_push(val_get(table, "rows"), val_map());

	val_set(r, "cells", val_list());
	return r;
}

void
pp_cell(struct val *row, const char *text, char *href, int num)
{
	struct val	*c = val_push(val_get(row, "cells"), val_map());

	val_set_str(c, "text", text != NULL ? text : "");
	if (href != NULL)
		val_set(c, "href", val_str_own(href));
	val_set_bool(c, "num", num);
}

void
pp_link(struct val *sec, const char *text, char *href, const char *note)
{
	struct val	*l = val_push(val_get(sec, "links"), val_map());

	val_set_bool(sec, "has_links", 1);

	val_set_str(l, "text", text);
	pp_set_href(l, "href", href);
	if (note != NULL)
		val_set_str(l, "note", note);
}

int
pp_write(const struct out_ctx *ctx, struct val *page, const char *rel)
{
	struct buf	b;
	int		rc;

	buf_init(&b);
	rc = page_write(ctx, page, "prog", rel, &b);
	buf_dispose(&b);
	return rc;
}

char *
pp_markdown(const char *path, int line0, const char *text, size_t len)
{
	struct buf	b;

	buf_init(&b);
	if (md_html(path, line0, text, len, 3, MD_TABLE_REGION, NULL, NULL,
	    NULL, &b) == -1)
		buf_reset(&b);
	return buf_detach(&b, NULL);
}

int
pp_body(const struct out_ctx *ctx, const char *path, struct buf *out)
{
	const char	*text, *yaml, *body;
	size_t		 len, ylen, blen;
	int		 bline;

	/* the text loaded and checked, not the file as it is now */
	if (ctx->progdata == NULL ||
	    (text = progdata_text(ctx->progdata, path, &len)) == NULL) {
		diag_error(path, 0, 0, "its text was not loaded");
		return -1;
	}
	if (item_split(path, text, len, &yaml, &ylen, &body, &blen,
	    &bline) == -1)
		return -1;
	return md_html(path, bline, body, blen, 3, MD_TABLE_REGION, NULL,
	    NULL, NULL, out);
}

/* The lowest programme of the record programmes with files: its hook
 * does the work of all, once. */
static int
first_record_prog(const struct site *s)
{
	size_t	i;
	int	p = PROG_COUNT;

	for (i = 0; i < s->nprogfiles; i++)
		if (s->progfiles[i].prog != PROG_HOTLINE &&
		    (int)s->progfiles[i].prog < p)
			p = (int)s->progfiles[i].prog;
	return p;
}

int
prog_records_run(const struct prog_ctx *pc)
{
	struct progdata	*own = NULL;
	const struct progdata *pd;
	int		 rc = 0;

	if (pc->nfiles == 0 ||
	    (int)pc->files[0].prog != first_record_prog(pc->site))
		return 0;
	pd = pc->out != NULL ? pc->out->progdata : NULL;
	if (pd == NULL) {
		if (progdata_load(pc->site, pc->src, pc->today, &own) == -1)
			return -1;
		pd = own;
	}
	if (pc->out != NULL) {
		rc |= prog_evaluation_render(pc->out, pd);
		rc |= prog_reporting_render(pc->out, pd);
		rc |= prog_supervisors_render(pc->out, pd);
		rc |= prog_media_render(pc->out, pd);
		rc |= prog_rectification_render(pc->out, pd);
		rc |= prog_leadership_render(pc->out, pd);
		rc |= prog_assessment_render(pc->out, pd);
	}
	progdata_free(own);
	return rc ? -1 : 0;
}

void
pp_cited_by(const struct out_ctx *ctx, const struct progdata *pd,
    struct val *sec, int cause, size_t u, const char *record,
    const char *rel)
{
	const struct pd_rect	*r;
	char			*to, note[64], d[11];
	size_t			 i;

	for (i = 0; pd != NULL && i < pd->nrects; i++) {
		r = &pd->rects[i];
		if ((int)r->r.cause != cause || r->ref_unit != u ||
		    strcmp(r->ref_record, record) != 0)
			continue;
		to = pp_record_path(ctx->site, r->unit, PROG_RECTIFICATION,
		    r->r.slug, ".html");
		rec_day_fmt(r->r.done ? r->r.completed : r->r.deadline, d);
		snprintf(note, sizeof(note), "%s%s%s",
		    rect_status_names[r->r.done], r->r.done ? "，完成于 " :
		    "，期限 ", d);
		pp_link(sec, r->r.title, pp_href(ctx, rel, r->unit, to), note);
		free(to);
	}
}

struct val *
pp_cited_val(const struct out_ctx *ctx, int cause, size_t u,
    const char *record, const char *rel)
{
	struct val	*v = val_map();

	val_set(v, "links", val_list());
	pp_cited_by(ctx, ctx->progdata, v, cause, u, record, rel);
	return v;
}

struct val *
pp_home(const struct out_ctx *ctx, size_t u, const char *rel)
{
	const struct progdata	*pd = ctx->progdata;
	const struct pd_lead	*l;
	struct val		*v = val_map(), *lv, *list, *e;
	struct evalfig		 f;
	char			 rate[16], d[11], *to;
	size_t			 i;

	if (pd == NULL)
		return v;
	if ((l = progdata_lead(pd, u)) != NULL) {
		lv = val_set(v, "leadership", val_map());
		val_set_str(lv, "head", l->l.head);
		list = val_set(lv, "deputies", val_list());
		for (i = 0; i < l->l.ndeputies; i++)
			val_push(list, val_str(l->l.deputies[i]));
		list = val_set(lv, "members", val_list());
		for (i = 0; i < l->l.nmembers; i++)
			val_push(list, val_str(l->l.members[i]));
		val_set_bool(lv, "has_deputies", l->l.ndeputies > 0);
		val_set_bool(lv, "has_members", l->l.nmembers > 0);
		if (l->l.office != NULL)
			val_set_str(lv, "office", l->l.office);
		val_set_bool(lv, "budgeted", l->l.budgeted);
		to = prog_path(ctx->site, u, PROG_LEADERSHIP, "index.html");
		val_set(lv, "href", val_str_own(page_href(rel, to)));
		free(to);
	}
	list = val_set(v, "evaluations", val_list());
	for (i = 0; i < pd->nevals; i++) {
		const struct pd_eval *ev = &pd->evals[i];

		if (ev->subject != u)
			continue;
		e = val_push(list, val_map());
		val_set_str(e, "title", ev->e.title);
		evaluation_fig(&ev->e, (size_t)-1, &f);
		evaluation_rate_fmt(f.tenths, rate);
		val_set_str(e, "rate", rate);
		page_set_day(e, "date", ev->e.date);
		to = pp_record_path(ctx->site, ev->unit, PROG_EVALUATION,
		    ev->e.slug, ".html");
		pp_set_href(e, "href", pp_href(ctx, rel, ev->unit, to));
		free(to);
	}
	val_set_bool(v, "has_evaluations", list->n > 0);
	list = val_set(v, "open", val_list());
	for (i = 0; i < pd->nrects; i++) {
		const struct pd_rect *r = &pd->rects[i];

		if (r->unit != u || r->r.done)
			continue;
		e = val_push(list, val_map());
		val_set_str(e, "title", r->r.title);
		rec_day_fmt(r->r.deadline, d);
		val_set_str(e, "deadline", d);
		val_set_bool(e, "overdue", rectification_overdue(&r->r,
		    ctx->today));
		to = pp_record_path(ctx->site, u, PROG_RECTIFICATION,
		    r->r.slug, ".html");
		val_set(e, "href", val_str_own(page_href(rel, to)));
		free(to);
	}
	val_set_bool(v, "has_open", list->n > 0);
	return v;
}
