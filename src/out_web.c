/*
 * out_web.c -- the web site: portal, unit homes, disclosure guides,
 * category lists, item pages, Atom feeds, sitemap, theme assets and
 * attachments.
 *
 * Every page is a struct val handed to one template of the theme (each
 * page template extends base.mustache); the tree is freed as soon as
 * the page is written.  All links are relative to the page, so the
 * output works from any prefix or from disk; feeds and the sitemap use
 * absolute URLs from site.base_url.
 *
 * Cost: every list a page needs is in the model already (a unit's
 * categories hold their items newest first), so a page costs what it
 * shows; each item body is read once, when its page is rendered, and
 * the few summaries the unit's feed needs are kept until the feed is
 * written.  Output depends only on the model and ctx->today.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bodycache.h"
#include "buf.h"
#include "cfg.h"
#include "diag.h"
#include "esc.h"
#include "fsout.h"
#include "item.h"
#include "md.h"
#include "memo.h"
#include "page.h"
#include "prog.h"
#include "progpage.h"
#include "prov.h"
#include "out.h"
#include "report.h"
#include "site.h"
#include "source.h"
#include "theme.h"
#include "tmpl.h"
#include "util.h"
#include "val.h"
#include "workday.h"

#define PER_PAGE	20	/* items on a category page */
#define HOME_LATEST	10	/* newest items on a unit home */
#define FEED_ENTRIES	20	/* entries in a unit's feed */
#ifndef SITEMAP_MAX
#define SITEMAP_MAX	50000	/* URLs per sitemap file (sitemaps.org) */
#endif

/* The renderer's state for one run. */
struct web {
	const struct out_ctx	*ctx;	  /* what to render, where */
	const struct site	*site;	  /* the model */
	const struct config	*cfg;	  /* its configuration */
	struct buf		 page;	  /* rendered page, reused */
	struct buf		 tmp;	  /* scratch, reused */
	struct buf		 html;	  /* an item's body HTML, reused */
	size_t			*pos;	  /* merge cursors, one per category */
	size_t			 npos;	  /* allocated cursors */
	size_t			 newest[FEED_ENTRIES]; /* unit's newest items */
	size_t			 nnewest; /* valid entries in newest */
	char			*feedsum[FEED_ENTRIES]; /* their summaries */
	struct buf		 map;	  /* sitemap entries not yet written */
	size_t			 mapn;	  /* entries in map */
	size_t			 mapfiles; /* sitemap files written */
	int			 mapsplit; /* 1 if the sitemap has an index */
	struct val		**side;	  /* a unit's side catalogue entries */
	size_t			 nside;	  /* allocated in side */
	size_t			 sideunit; /* their unit + 1, 0: none */
	int			 rc;	  /* -1 once any error was reported */
};

/* What the link callback of an item body needs. */
struct linkctx {
	struct web		*w;	/* the renderer */
	const struct item	*it;	/* the item whose body this is */
	const struct item_body	*body;	/* its body */
};

static void
set_own(struct val *m, const char *k, char *s)
{
	val_set(m, k, val_str_own(s));
}

/* Formats day number d as YYYY-MM-DD, or "" for NO_DATE. */
static const char *
fmt_day(long d, char out[DATE_BUFSZ])
{
	struct date	dt;

	if (d == NO_DATE) {
		out[0] = '\0';
		return out;
	}
	date_from_days(d, &dt);
	return date_fmt(out, &dt);
}

/* Output path of page p (1-based) of category c of unit u. */
static char *
cat_path(const struct unit *u, size_t c, size_t p)
{
	const char	*id = u->catalogue->cats[c].id;

	if (p <= 1)
		return xasprintf("%s/%s/index.html", u->dir, id);
	return xasprintf("%s/%s/page-%zu.html", u->dir, id, p);
}

/* Pages of a category with n items (an empty category has one). */
static size_t
cat_pages(size_t n)
{
	return n == 0 ? 1 : (n + PER_PAGE - 1) / PER_PAGE;
}

/* Strips C0 control bytes other than tab and newline, which XML 1.0
 * forbids; used on text bound for the feed. */
static char *
xml_clean(const char *s)
{
	char	*r = xstrdup(s), *p, *q;

	for (p = q = r; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n')
			*q++ = *p;
	*q = '\0';
	return r;
}

/*
 * The newest n items of unit u (merging its categories, which are
 * newest first, ties by path) into out; returns how many there are.
 */
static size_t
unit_newest(struct web *w, const struct unit *u, size_t *out, size_t n)
{
	const struct item	*items = w->site->items;
	size_t			 c, best, k, ncats = u->catalogue->ncats;
	const struct ucat	*uc;

	xgrow(&w->pos, &w->npos, ncats, sizeof(*w->pos));
	for (c = 0; c < ncats; c++)
		w->pos[c] = 0;
	for (k = 0; k < n; k++) {
		best = NO_INDEX;
		for (c = 0; c < ncats; c++) {
			size_t	a, b;

			uc = &u->cats[c];
			if (w->pos[c] >= uc->nitems)
				continue;
			a = uc->items[w->pos[c]];
			if (best != NO_INDEX) {
				b = u->cats[best].items[w->pos[best]];
				if (items[a].date < items[b].date ||
				    (items[a].date == items[b].date && a > b))
					continue;
			}
			best = c;
		}
		if (best == NO_INDEX)
			break;
		out[k] = u->cats[best].items[w->pos[best]++];
	}
	return k;
}

/* ---- sitemap -------------------------------------------------------- */

static int
sitemap_flush(struct web *w)
{
	struct buf	 b = BUF_INIT;
	char		*name;
	int		 rc;

	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	buf_put(&b, w->map.data, w->map.len);
	buf_puts(&b, "</urlset>\n");
	if (w->mapsplit)
		name = xasprintf("sitemap-%zu.xml", ++w->mapfiles);
	else
		name = xstrdup("sitemap.xml");
	rc = fsout_write(w->ctx->fs, name, b.data, b.len);
	free(name);
	buf_dispose(&b);
	buf_reset(&w->map);
	w->mapn = 0;
	return rc;
}

/* Adds page rel to the sitemap; lastmod is a day number or NO_DATE. */
static void
sitemap_add(struct web *w, const char *rel, long lastmod)
{
	char	*url = page_url(w->cfg, rel), d[DATE_BUFSZ];

	buf_puts(&w->map, "<url><loc>");
	esc_xml(&w->map, url, strlen(url));
	buf_puts(&w->map, "</loc>");
	if (lastmod != NO_DATE)
		buf_printf(&w->map, "<lastmod>%s</lastmod>",
		    fmt_day(lastmod, d));
	buf_puts(&w->map, "</url>\n");
	free(url);
	if (++w->mapn == SITEMAP_MAX && w->mapsplit &&
	    sitemap_flush(w) == -1)
		w->rc = -1;
}

static int
sitemap_finish(struct web *w)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;
	char		*url;
	int		 rc;

	if (!w->mapsplit)
		return sitemap_flush(w);
	if (w->mapn > 0 && sitemap_flush(w) == -1)
		return -1;
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<sitemapindex "
	    "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (i = 1; i <= w->mapfiles; i++) {
		buf_reset(&w->tmp);
		buf_printf(&w->tmp, "sitemap-%zu.xml", i);
		url = page_url(w->cfg, w->tmp.data);
		buf_puts(&b, "<sitemap><loc>");
		esc_xml(&b, url, strlen(url));
		buf_puts(&b, "</loc></sitemap>\n");
		free(url);
	}
	buf_puts(&b, "</sitemapindex>\n");
	rc = fsout_write(w->ctx->fs, "sitemap.xml", b.data, b.len);
	buf_dispose(&b);
	return rc;
}

/* pp_sitemap_fn: adds a programme page to the sitemap, or counts. */
static void
sitemap_prog(void *arg, const char *rel, long lastmod)
{
	if (arg != NULL)
		sitemap_add(arg, rel, lastmod);
}

/* Number of sitemap entries this run will make. */
static size_t
sitemap_total(const struct web *w)
{
	const struct site	*s = w->site;
	size_t			 u, c, n = 2;	/* portal, site map */

	if (w->ctx->report != NULL && w->cfg->show_completeness)
		n++;			/* the report */

	for (u = 0; u < s->nunits; u++) {
		if (!page_built(w->ctx, u))
			continue;
		n += 2 + pp_sitemap(w->ctx, u, sitemap_prog, NULL) +
		    out_report_sitemap(w->ctx, u, sitemap_prog, NULL);
		for (c = 0; c < s->units[u].catalogue->ncats; c++)
			n += cat_pages(s->units[u].cats[c].nitems) +
			    s->units[u].cats[c].nitems;
	}
	return n;
}

/*
 * The sitemap entries of unit ui, in the order of render_unit, from
 * the model alone: the sitemap is a root file, made by the build that
 * writes the root files (not by a shard or a page worker).
 */
static void
sitemap_unit(struct web *w, size_t ui)
{
	const struct site	*s = w->site;
	const struct unit	*u = &s->units[ui];
	const struct ucat	*uc;
	size_t			 c, i, p, n;
	char			*rel;

	for (c = 0; c < u->catalogue->ncats; c++)
		for (i = 0; i < u->cats[c].nitems; i++)
			sitemap_add(w, s->items[u->cats[c].items[i]].url,
			    s->items[u->cats[c].items[i]].date);
	for (c = 0; c < u->catalogue->ncats; c++) {
		uc = &u->cats[c];
		for (p = 1; p <= cat_pages(uc->nitems); p++) {
			rel = cat_path(u, c, p);
			sitemap_add(w, rel, uc->nitems > 0 ?
			    s->items[uc->items[0]].date : NO_DATE);
			free(rel);
		}
	}
	n = unit_newest(w, u, w->newest, 1);
	rel = page_unit_path(u, "index.html");
	sitemap_add(w, rel, n > 0 ? s->items[w->newest[0]].date : NO_DATE);
	free(rel);
	rel = page_unit_path(u, "guide.html");
	sitemap_add(w, rel, NO_DATE);
	free(rel);
	pp_sitemap(w->ctx, ui, sitemap_prog, w);
	out_report_sitemap(w->ctx, ui, sitemap_prog, w);
}

/* ---- page contexts --------------------------------------------------- */

/* Entry c of the catalogue of unit u seen from page rel: num, id,
 * title, href, count, empty. */
static struct val *
catalogue_entry(const struct unit *u, size_t c, const char *rel)
{
	struct val	*e = val_map();
	char		*path;

	val_set_num(e, "num", (double)(c + 1));
	val_set_ref(e, "id", u->catalogue->cats[c].id);
	val_set_ref(e, "title", u->catalogue->cats[c].title);
	path = cat_path(u, c, 1);
	set_own(e, "href", page_href(rel, path));
	free(path);
	val_set_num(e, "count", (double)u->cats[c].nitems);
	val_set_bool(e, "empty", u->cats[c].nitems == 0);
	return e;
}

/* The catalogue of unit ui seen from page rel (catalogue_entry). */
static struct val *
catalogue_val(struct web *w, size_t ui, const char *rel)
{
	const struct unit	*u = &w->site->units[ui];
	struct val		*l = val_list();
	size_t			 i;

	for (i = 0; i < u->catalogue->ncats; i++)
		val_push(l, catalogue_entry(u, i, rel));
	return l;
}

/* Drops the side catalogue entries kept for a unit. */
static void
side_clear(struct web *w)
{
	size_t	i;

	for (i = 0; i < w->nside; i++)
		val_free(w->side[i]);
	free(w->side);
	w->side = NULL;
	w->nside = 0;
	w->sideunit = 0;
}

/* 1 if page rel is in the folder of category c of unit u. */
static int
in_cat_folder(const struct unit *u, size_t c, const char *rel)
{
	size_t	n = strlen(u->dir);
	const char *id = u->catalogue->cats[c].id, *sl = strrchr(rel, '/');

	return sl != NULL && strncmp(rel, u->dir, n) == 0 &&
	    rel[n] == '/' && (size_t)(sl - rel) == n + 1 + strlen(id) &&
	    strncmp(rel + n + 1, id, strlen(id)) == 0;
}

/*
 * The side 公开目录 of the category and item pages of unit ui: the
 * catalogue (catalogue_val) with current set on category cur, whose
 * page this is (page) or whose item it is (not page).
 *
 * Such pages are in their category's folder, and from there another
 * category's link is "../<id>/index.html" whichever folder it is: the
 * entries of the other categories, current null, are made once a unit
 * and shared by its pages (a whole catalogue made for every page was a
 * tenth of a build's allocations).  A page elsewhere makes its own.
 */
static void
side_val(struct web *w, struct val *ctx, size_t ui, const char *rel,
    size_t cur, int page)
{
	const struct unit	*u = &w->site->units[ui];
	struct val		*l, *e;
	size_t			 i, n = u->catalogue->ncats;
	int			 shared = cur < n && in_cat_folder(u, cur, rel);

	if (shared && w->sideunit != ui + 1) {
		side_clear(w);
		w->side = xcalloc(n, sizeof(*w->side));
		w->nside = n;
		w->sideunit = ui + 1;
	}
	l = val_list();
	for (i = 0; i < n; i++) {
		if (i == cur || !shared) {
			e = val_push(l, catalogue_entry(u, i, rel));
			val_set(e, "current", i == cur ?
			    val_str_ref(page ? "page" : "true") : val_null());
			continue;
		}
		if (w->side[i] == NULL) {
			w->side[i] = catalogue_entry(u, i, rel);
			val_set(w->side[i], "current", val_null());
		}
		val_push(l, val_share(w->side[i]));
	}
	val_set(ctx, "side", l);
}

/*
 * The annual reports of unit ui seen from page rel, newest first:
 * [{year, href, sep}] (sep: not the first), empty without a report.
 */
static struct val *
annual_val(struct web *w, size_t ui, const char *rel)
{
	const struct report_unit *ru;
	struct val		*l = val_list(), *e;
	size_t			 i;
	char			*path;

	if (w->ctx->report == NULL)
		return l;
	ru = &w->ctx->report->units[ui];
	for (i = ru->nyears; i-- > 0;) {
		e = val_push(l, val_map());
		val_set_num(e, "year", (double)ru->years[i]);
		path = xasprintf("%s/annual/%d.html", w->site->units[ui].dir,
		    ru->years[i]);
		set_own(e, "href", page_href(rel, path));
		free(path);
		val_set_bool(e, "sep", i + 1 < ru->nyears);
	}
	return l;
}

/*
 * A list row for item ii seen from page rel: title, href, date,
 * index_no, doc_no, status, status_class, badge, cat_title, cat_href,
 * show_cat.
 */
static struct val *
item_row(struct web *w, size_t ii, const char *rel, int show_cat)
{
	const struct item	*it = &w->site->items[ii];
	const struct unit	*u = &w->site->units[it->unit];
	struct val		*r = val_map();
	char			*path;
	enum item_state		 st = item_state(it, w->ctx->today);

	val_set_ref(r, "title", it->title);
	set_own(r, "href", page_href(rel, it->url));
	page_set_day(r, "date", it->date);
	val_set_ref(r, "index_no", it->index_no);
	val_set_ref(r, "doc_no", it->doc_no);
	val_set_ref(r, "status", item_state_text(st));
	val_set_ref(r, "status_class", item_state_name(st));
	val_set_bool(r, "badge", st != ITEM_VALID);
	val_set_ref(r, "cat_title", u->catalogue->cats[it->cat].title);
	path = cat_path(u, it->cat, 1);
	set_own(r, "cat_href", page_href(rel, path));
	free(path);
	val_set_bool(r, "show_cat", show_cat);
	return r;
}

/* ---- the portal ------------------------------------------------------ */

/* A node of the portal tree: name, href, level, level_name, count,
 * has_children, children [] (always set: Mustache looks names up the
 * context stack, so a leaf must not find its parent's children). */
static struct val *
portal_node(struct web *w, size_t ui, size_t *nitems)
{
	const struct unit	*u = &w->site->units[ui];
	struct val		*n = val_map(), *kids;
	size_t			 i, cnt = site_unit_items(w->site, ui);
	char			*path = page_unit_path(u, "index.html");

	*nitems += cnt;
	val_set_ref(n, "name", u->name);
	set_own(n, "href", page_href("index.html", path));
	free(path);
	val_set_ref(n, "level", u->level_id);
	val_set_ref(n, "level_name", u->level->title);
	val_set_num(n, "count", (double)cnt);
	val_set_bool(n, "has_children", u->nchildren > 0);
	kids = val_set(n, "children", val_list());
	for (i = 0; i < u->nchildren; i++)
		val_push(kids, portal_node(w, u->children[i], nitems));
	return n;
}

static int
render_portal(struct web *w)
{
	const struct site	*s = w->site;
	struct val		*ctx, *tree, *page;
	size_t			 i, nitems = 0, nunits = 0;

	ctx = page_new(w->ctx, "index.html", "portal", w->cfg->title, "首页");
	page_crumb(ctx, "首页", NULL, 1);
	page = val_get(ctx, "page");
	val_set_ref(page, "description", "按照《阳光计生行动规范（试行）》"
	    "公开的人口和计划生育信息：各级单位的公开目录、公开指南和"
	    "公开信息。");
	val_set_ref(page, "keywords", "阳光计生,信息公开,人口和计划生育,"
	    "公开目录,公开指南");
	tree = val_set(ctx, "tree", val_list());
	if (w->ctx->only != NO_INDEX)
		val_push(tree, portal_node(w, w->ctx->only, &nitems));
	else
		for (i = 0; i < s->nroots; i++)
			val_push(tree, portal_node(w, s->roots[i], &nitems));
	for (i = 0; i < s->nunits; i++)
		nunits += page_built(w->ctx, i);
	val_set_num(ctx, "nunits", (double)nunits);
	val_set_num(ctx, "nitems", (double)nitems);
	sitemap_add(w, "index.html", NO_DATE);
	return page_write(w->ctx, ctx, "portal", "index.html", &w->page);
}

/* ---- the site map page (网站地图) ----------------------------------- */

/* A unit of the site map: unit_val's fields, cats (catalogue_val),
 * annual (annual_val), has_children, children [] (always set, as in
 * portal_node). */
static struct val *
map_node(struct web *w, size_t ui)
{
	const struct unit	*u = &w->site->units[ui];
	struct val		*n = page_unit_val(w->ctx, ui, "sitemap.html");
	struct val		*kids;
	size_t			 i;

	val_set(n, "cats", catalogue_val(w, ui, "sitemap.html"));
	val_set(n, "annual", annual_val(w, ui, "sitemap.html"));
	val_set(n, "programmes", prog_unit_links(w->ctx, ui,
	    "sitemap.html"));
	val_set_bool(n, "has_children", u->nchildren > 0);
	kids = val_set(n, "children", val_list());
	for (i = 0; i < u->nchildren; i++)
		val_push(kids, map_node(w, u->children[i]));
	return n;
}

/* sitemap.html: every unit built with its guide, annual reports and
 * categories, as nested lists a reader (or a screen reader) can walk
 * without script; the footer of every page links here. */
static int
render_sitemap(struct web *w)
{
	const struct site	*s = w->site;
	struct val		*ctx, *tree, *page;
	size_t			 i, nunits = 0;

	ctx = page_new(w->ctx, "sitemap.html", "sitemap", "网站地图",
	    "网站地图");
	page_crumb(ctx, "首页", page_href("sitemap.html", "index.html"), 0);
	page_crumb(ctx, "网站地图", NULL, 1);
	page = val_get(ctx, "page");
	val_set_ref(page, "description", "网站地图：各级单位及其公开目录、"
	    "信息公开指南和政府信息公开工作年度报告。");
	val_set_ref(page, "keywords", "网站地图,公开目录,公开指南,年度报告");
	tree = val_set(ctx, "tree", val_list());
	if (w->ctx->only != NO_INDEX)
		val_push(tree, map_node(w, w->ctx->only));
	else
		for (i = 0; i < s->nroots; i++)
			val_push(tree, map_node(w, s->roots[i]));
	for (i = 0; i < s->nunits; i++)
		nunits += page_built(w->ctx, i);
	val_set_num(ctx, "nunits", (double)nunits);
	val_set_bool(ctx, "has_report", w->ctx->report != NULL &&
	    w->cfg->show_completeness);
	sitemap_add(w, "sitemap.html", NO_DATE);
	if (w->ctx->report != NULL && w->cfg->show_completeness)
		sitemap_add(w, "report.html", NO_DATE);
	return page_write(w->ctx, ctx, "sitemap", "sitemap.html", &w->page);
}

/* ---- item pages ------------------------------------------------------ */

/*
 * md_link_fn for item bodies: a relative link is read against the
 * item's folder and becomes the link to the page of the item, the
 * attachment, the unit or the category it names (site_link_target()).
 */
static int
body_link(void *arg, const char *dest, int line, int col, struct buf *out)
{
	struct linkctx	*lc = arg;
	char		*target;
	int		 rc;

	if ((rc = site_link_resolve(lc->w->site, lc->it, lc->body, dest,
	    line, col, &target)) != 0)
		return rc;
	page_rel(out, lc->it->url, target);
	buf_puts(out, dest + strcspn(dest, "#?"));
	free(target);
	return 0;
}

static int
render_item(struct web *w, size_t ii)
{
	const struct site	*s = w->site;
	const struct item	*it = &s->items[ii];
	const struct unit	*u = &s->units[it->unit];
	const struct category	*cat = &u->catalogue->cats[it->cat];
	struct item_body	 body;
	struct linkctx		 lc = { w, it, &body };
	struct val		*ctx, *page, *iv, *kw, *pv;
	struct buf		 sum = BUF_INIT;
	size_t			 i;
	enum item_state		 st;
	int			 rc = -1;
	char			*path;

	memset(&body, 0, sizeof(body));
	if (bodycache_read(w->ctx->body_cache, w->ctx->code, w->ctx->src,
	    it, &body) == -1)
		return -1;

	/* body HTML: headings from h2 under the page's h1; and its text
	 * for the summary, from the same parse, if the item has none */
	buf_reset(&w->html);
	buf_reset(&w->tmp);
	if (md_html_text(it->path, body.line0, body.md, body.len, 2,
	    MD_TABLE_REGION, NULL, body_link, &lc, &w->html,
	    it->summary == NULL ? &w->tmp : NULL) == -1)
		goto out;

	/* summary */
	if (it->summary != NULL)
		buf_puts(&sum, it->summary);
	else {
		if (w->tmp.len == 0)
			buf_puts(&w->tmp, it->title);
		page_summary(w->tmp.data, &sum);
	}
	for (i = 0; i < w->nnewest; i++)
		if (w->newest[i] == ii && w->feedsum[i] == NULL)
			w->feedsum[i] = xstrdup(sum.data);

	ctx = page_new(w->ctx, it->url, "item", it->title, cat->title);
	page_unit(w->ctx, ctx, it->unit, it->url);
	page = val_get(ctx, "page");
	val_set_bool(page, "article", 1);
	page_set_day(page, "pubdate", it->date);
	val_set_str(page, "description", sum.data);
	buf_reset(&w->tmp);
	for (i = 0; it->keywords != NULL && it->keywords[i] != NULL; i++)
		buf_printf(&w->tmp, "%s%s", i ? "," : "", it->keywords[i]);
	if (w->tmp.len == 0)
		buf_printf(&w->tmp, "%s,%s", cat->title, u->name);
	val_set_str(page, "keywords", w->tmp.data);

	page_crumbs_unit(w->ctx, ctx, it->url, it->unit, 0);
	path = cat_path(u, it->cat, 1);
	page_crumb(ctx, cat->title, page_href(it->url, path), 0);
	free(path);
	page_crumb(ctx, it->title, NULL, 1);

	iv = val_set(ctx, "item", val_map());
	val_set_ref(iv, "title", it->title);
	val_set_str(iv, "index_no", it->index_no != NULL ? it->index_no :
	    "无");
	val_set_ref(iv, "publisher", u->name);
	page_set_day(iv, "date", it->date);
	page_set_day(iv, "written", it->written);
	val_set_str(iv, "doc_no", it->doc_no != NULL ? it->doc_no : "无");
	val_set_str(iv, "topic", it->topic != NULL ? it->topic : "无");
	st = item_state(it, w->ctx->today);
	val_set_ref(iv, "status", item_state_text(st));
	val_set_ref(iv, "status_class", item_state_name(st));
	val_set_bool(iv, "badge", st != ITEM_VALID);
	val_set_bool(iv, "expired", st == ITEM_EXPIRED);
	val_set_bool(iv, "repealed", st == ITEM_REPEALED);
	page_set_day(iv, "expires", it->expires);
	page_set_day(iv, "repealed_date", it->repealed);
	if (it->replaced_idx != NO_INDEX) {
		const struct item	*rb = &s->items[it->replaced_idx];

		val_set_ref(iv, "replaced_title", rb->title);
		set_own(iv, "replaced_href", page_href(it->url, rb->url));
	} else {
		val_set(iv, "replaced_title", val_null());
		val_set(iv, "replaced_href", val_null());
	}
	val_set_str(iv, "summary", sum.data);
	kw = val_set(iv, "keywords", val_list());
	for (i = 0; it->keywords != NULL && it->keywords[i] != NULL; i++)
		val_push(kw, val_str_ref(it->keywords[i]));
	val_set_ref(iv, "cat_title", cat->title);
	val_set_ref(iv, "cat_id", cat->id);
	path = cat_path(u, it->cat, 1);
	set_own(iv, "cat_href", page_href(it->url, path));
	free(path);

	val_set_str(ctx, "body", w->html.data);
	val_set(ctx, "table", body.ncolumns > 0 ?
	    page_table(&body, it->title, NULL, 1) : val_null());
	/* who approved this version (none in a preview) */
	if ((pv = out_prov_item(w->ctx, it)) != NULL)
		val_set(ctx, "provenance", pv);
	side_val(w, ctx, it->unit, it->url, it->cat, 0);
	val_set_bool(ctx, "unreviewed", !w->ctx->prov->gated);
	val_set_bool(ctx, "show_provenance", !w->ctx->prov->gated ||
	    pv != NULL);

	rc = page_write(w->ctx, ctx, "item", it->url, &w->page);
out:
	buf_dispose(&sum);
	item_body_dispose(&body);
	return rc;
}

/* ---- category pages -------------------------------------------------- */

static int
render_category(struct web *w, size_t ui, size_t c)
{
	const struct unit	*u = &w->site->units[ui];
	const struct category	*cat = &u->catalogue->cats[c];
	const struct ucat	*uc = &u->cats[c];
	size_t			 npages = cat_pages(uc->nitems), p, i, k;
	struct val		*ctx, *cv, *rows, *pager, *pl, *pe;
	char			*rel, *path;

	for (p = 1; p <= npages; p++) {
		rel = cat_path(u, c, p);
		if (p == 1)
			ctx = page_new(w->ctx, rel, "category", cat->title,
			    cat->title);
		else {
			buf_reset(&w->tmp);
			buf_printf(&w->tmp, "%s（第%zu页）", cat->title, p);
			ctx = page_new(w->ctx, rel, "category", NULL,
			    cat->title);
			val_set_str(val_get(ctx, "page"), "title",
			    w->tmp.data);
		}
		page_unit(w->ctx, ctx, ui, rel);
		buf_reset(&w->tmp);
		buf_printf(&w->tmp, "%s公开目录：%s，共%zu条。", u->name,
		    cat->title, uc->nitems);
		val_set_str(val_get(ctx, "page"), "description", w->tmp.data);
		page_crumbs_unit(w->ctx, ctx, rel, ui, 0);
		page_crumb(ctx, cat->title, NULL, 1);
		side_val(w, ctx, ui, rel, c, 1);

		cv = val_set(ctx, "cat", val_map());
		val_set_ref(cv, "id", cat->id);
		val_set_ref(cv, "title", cat->title);
		val_set_num(cv, "num", (double)(c + 1));
		val_set_num(cv, "count", (double)uc->nitems);
		val_set_bool(cv, "empty", uc->nitems == 0);
		rows = val_set(ctx, "rows", val_list());
		for (i = (p - 1) * PER_PAGE; i < uc->nitems &&
		    i < p * PER_PAGE; i++)
			val_push(rows, item_row(w, uc->items[i], rel, 0));

		if (npages > 1) {
			pager = val_set(ctx, "pager", val_map());
			val_set_num(pager, "pageno", (double)p);
			val_set_num(pager, "npages", (double)npages);
			if (p > 1) {
				path = cat_path(u, c, p - 1);
				set_own(pager, "prev_href",
				    page_href(rel, path));
				free(path);
			} else
				val_set(pager, "prev_href", val_null());
			if (p < npages) {
				path = cat_path(u, c, p + 1);
				set_own(pager, "next_href",
				    page_href(rel, path));
				free(path);
			} else
				val_set(pager, "next_href", val_null());
			/* first, last, and two either side of this one */
			pl = val_set(pager, "pages", val_list());
			for (k = 1; k <= npages; k++) {
				if (k != 1 && k != npages &&
				    (k + 2 < p || k > p + 2)) {
					if (k == 2 || k == p + 3) {
						pe = val_push(pl, val_map());
						val_set_bool(pe, "gap", 1);
						val_set(pe, "n", val_null());
						val_set(pe, "phref",
						    val_null());
						val_set_bool(pe, "current",
						    0);
					}
					continue;
				}
				pe = val_push(pl, val_map());
				val_set_bool(pe, "gap", 0);
				val_set_num(pe, "n", (double)k);
				path = cat_path(u, c, k);
				set_own(pe, "phref", page_href(rel, path));
				free(path);
				val_set_bool(pe, "current", k == p);
			}
		} else
			val_set(ctx, "pager", val_null());
		if (page_write(w->ctx, ctx, "category", rel, &w->page) == -1)
			w->rc = -1;
		free(rel);
	}
	return 0;
}

/* ---- unit home, guide, feed ----------------------------------------- */

static int
render_home(struct web *w, size_t ui)
{
	const struct site	*s = w->site;
	const struct unit	*u = &s->units[ui];
	char			*path;
	char			*rel = page_unit_path(u, "index.html");
	struct val		*ctx, *l, *su;
	size_t			 i;
	int			 rc;

	ctx = page_new(w->ctx, rel, "unit", u->name, "首页");
	page_unit(w->ctx, ctx, ui, rel);
	page_crumbs_unit(w->ctx, ctx, rel, ui, 1);
	val_set(ctx, "catalogue", catalogue_val(w, ui, rel));
	l = val_set(ctx, "rows", val_list());
	for (i = 0; i < w->nnewest && i < HOME_LATEST; i++)
		val_push(l, item_row(w, w->newest[i], rel, 1));
	val_set_bool(ctx, "has_latest", w->nnewest > 0);
	l = val_set(ctx, "subunits", val_list());
	for (i = 0; i < u->nchildren; i++) {
		const struct unit	*c = &s->units[u->children[i]];

		su = val_push(l, val_map());
		val_set_ref(su, "name", c->name);
		val_set_ref(su, "level_name", c->level->title);
		path = page_unit_path(c, "index.html");
		set_own(su, "href", page_href(rel, path));
		free(path);
		val_set_num(su, "count",
		    (double)site_unit_items(s, u->children[i]));
	}
	val_set_bool(ctx, "has_subunits", u->nchildren > 0);
	l = val_set(ctx, "annual", annual_val(w, ui, rel));
	val_set_bool(ctx, "has_annual", l->n > 0);
	l = val_set(ctx, "programmes", prog_unit_links(w->ctx, ui, rel));
	val_set_bool(ctx, "has_programmes", l->n > 0);
	val_set(ctx, "prog", pp_home(w->ctx, ui, rel));
	/* completeness figures on a public page only when configured */
	val_set(ctx, "report", w->ctx->report != NULL &&
	    w->cfg->show_completeness ? out_report_unit(w->ctx, ui, rel) :
	    val_null());
	rc = page_write(w->ctx, ctx, "unit", rel, &w->page);
	free(rel);
	return rc;
}

static int
render_guide(struct web *w, size_t ui)
{
	const struct unit	*u = &w->site->units[ui];
	char			*path;
	char			*rel = page_unit_path(u, "guide.html");
	struct val		*ctx, *l, *e;
	size_t			 c;
	int			 rc;

	ctx = page_new(w->ctx, rel, "guide", "信息公开指南", "信息公开指南");
	page_unit(w->ctx, ctx, ui, rel);
	buf_reset(&w->tmp);
	buf_printf(&w->tmp, "%s信息公开指南：主动公开的范围和目录、"
	    "依申请公开的办理程序、监督和救济渠道。", u->name);
	val_set_str(val_get(ctx, "page"), "description", w->tmp.data);
	page_crumbs_unit(w->ctx, ctx, rel, ui, 0);
	page_crumb(ctx, "信息公开指南", NULL, 1);
	val_set(ctx, "catalogue", catalogue_val(w, ui, rel));
	l = val_set(ctx, "annual", annual_val(w, ui, rel));
	val_set_bool(ctx, "has_annual", l->n > 0);
	/* categories that say how to complain or report */
	l = val_set(ctx, "supervision", val_list());
	for (c = 0; c < u->catalogue->ncats; c++) {
		const char	*id = u->catalogue->cats[c].id;

		if (strcmp(id, "discipline") != 0 &&
		    strcmp(id, "supervision") != 0)
			continue;
		e = val_push(l, val_map());
		val_set_bool(e, "sep", l->n > 1);
		val_set_ref(e, "title", u->catalogue->cats[c].title);
		path = cat_path(u, c, 1);
		set_own(e, "href", page_href(rel, path));
		free(path);
	}
	val_set_bool(ctx, "has_supervision", val_get(ctx, "supervision")->n
	    > 0);
	val_set(ctx, "prog", pp_home(w->ctx, ui, rel));
	rc = page_write(w->ctx, ctx, "guide", rel, &w->page);
	free(rel);
	return rc;
}

static void
atom_time(long d, struct buf *b)
{
	char	tmp[DATE_BUFSZ];

	buf_printf(b, "%sT00:00:00+08:00", fmt_day(d, tmp));
}

static int
render_feed(struct web *w, size_t ui)
{
	const struct site	*s = w->site;
	const struct unit	*u = &s->units[ui];
	char			*rel = page_unit_path(u, "feed.xml"), *path;
	struct val		*ctx = val_map(), *f, *l, *e;
	size_t			 i;
	enum item_state		 st;
	int			 rc;

	f = val_set(ctx, "feed", val_map());
	buf_reset(&w->tmp);
	buf_printf(&w->tmp, "%s - %s", u->name, w->cfg->title);
	set_own(f, "title", xml_clean(w->tmp.data));
	set_own(f, "author", xml_clean(u->name));
	path = page_unit_path(u, "index.html");
	set_own(f, "id", page_url(w->cfg, path));
	set_own(f, "href", page_url(w->cfg, path));
	free(path);
	set_own(f, "self", page_url(w->cfg, rel));
	buf_reset(&w->tmp);
	atom_time(w->nnewest > 0 ? s->items[w->newest[0]].date :
	    w->ctx->today, &w->tmp);
	val_set_str(f, "updated", w->tmp.data);
	l = val_set(ctx, "entries", val_list());
	for (i = 0; i < w->nnewest; i++) {
		const struct item	*it = &s->items[w->newest[i]];
		const struct category	*cat = &u->catalogue->cats[it->cat];

		e = val_push(l, val_map());
		set_own(e, "title", xml_clean(it->title));
		set_own(e, "url", page_url(w->cfg, it->url));
		set_own(e, "id", page_url(w->cfg, it->url));
		buf_reset(&w->tmp);
		atom_time(it->date, &w->tmp);
		val_set_str(e, "updated", w->tmp.data);
		set_own(e, "summary", xml_clean(w->feedsum[i] != NULL ?
		    w->feedsum[i] : it->title));
		val_set_ref(e, "cat_id", cat->id);
		set_own(e, "cat_title", xml_clean(cat->title));
		st = item_state(it, w->ctx->today);
		val_set_ref(e, "status", item_state_text(st));
		val_set_bool(e, "badge", st != ITEM_VALID);
	}
	buf_reset(&w->page);
	rc = tmpl_render(w->ctx->tmpl, "feed", ctx, &w->page);
	val_free(ctx);
	if (rc == 0)
		rc = fsout_write(w->ctx->fs, rel, w->page.data, w->page.len);
	free(rel);
	return rc;
}

/* Every page of unit ui, made. */
static void
render_pages(struct web *w, size_t ui)
{
	const struct unit	*u = &w->site->units[ui];
	size_t			 c, i;

	w->nnewest = unit_newest(w, u, w->newest, FEED_ENTRIES);
	for (i = 0; i < FEED_ENTRIES; i++)
		w->feedsum[i] = NULL;
	for (c = 0; c < u->catalogue->ncats; c++)
		for (i = 0; i < u->cats[c].nitems; i++)
			if (render_item(w, u->cats[c].items[i]) == -1)
				w->rc = -1;
	for (c = 0; c < u->catalogue->ncats; c++)
		render_category(w, ui, c);
	if (render_home(w, ui) == -1 || render_guide(w, ui) == -1 ||
	    render_feed(w, ui) == -1)
		w->rc = -1;
	for (i = 0; i < FEED_ENTRIES; i++) {
		free(w->feedsum[i]);
		w->feedsum[i] = NULL;
	}
}

/*
 * Every page of unit ui; or none, if the earlier build made them from
 * the same inputs (memo.h): they are taken over.  What warned is made
 * anew every time, so that it warns every time.
 */
static void
render_unit(struct web *w, size_t ui)
{
	const struct unit	*u = &w->site->units[ui];
	unsigned long		 said = diag_said();
	char			 key[65];
	int			 r;

	r = fsout_group_begin(w->ctx->fs, u->dir,
	    memo_unit(w->ctx, ui, key) == 0 ? key : NULL);
	if (r == 1)
		return;
	if (r == -1)
		w->rc = -1;
	else
		render_pages(w, ui);
	fsout_group_end(w->ctx->fs, w->rc == 0 && diag_said() == said);
}

/* ---- files copied as they are --------------------------------------- */

/* The unit an attachment belongs to: the deepest unit above it. */
static size_t
attachment_unit(const struct site *s, const char *path)
{
	char	*dir = xstrdup(path + strlen("content/")), *slash;
	size_t	 u = NO_INDEX;

	while (u == NO_INDEX && (slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		u = site_unit(s, dir);
	}
	free(dir);
	return u;
}

/* Copies the attachments of the units of worker k (mine[u] == k). */
static int
copy_attachments(struct web *w, const int *mine, int k)
{
	const struct site	*s = w->site;
	size_t			 i, u;
	int			 rc = 0, r;

	for (i = 0; i < s->natts; i++) {
		u = attachment_unit(s, s->atts[i].path);
		if (u == NO_INDEX || mine[u] != k)
			continue;
		r = source_read(w->ctx->src, s->atts[i].path, &w->tmp);
		if (r == 1) {
			diag_error(s->atts[i].path, 0, 0, "attachment "
			    "vanished while building");
			r = -1;
		} else if (r == 0 && w->tmp.len != s->atts[i].size) {
			/* the size listed is what the limit was held to and
			 * what the pages say */
			diag_error(s->atts[i].path, 0, 0, "attachment "
			    "changed while this build ran: build again");
			r = -1;
		}
		if (r == -1 || fsout_write(w->ctx->fs, s->atts[i].url,
		    w->tmp.data, w->tmp.len) == -1)
			rc = -1;
	}
	return rc;
}

/* ---- the driver ------------------------------------------------------ */

/* What a page worker needs: the renderer, and who renders which unit. */
struct wjob {
	struct web	*w;
	const int	*mine;	/* per unit: its worker, or -1: none here */
};

/* fsout_fork's function: every page and attachment of worker k's units.
 * Whatever it computes besides the files dies with the worker. */
static int
web_worker(void *arg, int k, int n)
{
	struct wjob	*j = arg;
	struct web	*w = j->w;
	size_t		 u;

	(void)n;
	for (u = 0; u < w->site->nunits; u++)
		if (j->mine[u] == k)
			render_unit(w, u);
	if (copy_attachments(w, j->mine, k) == -1)
		w->rc = -1;
	return w->rc;
}

/*
 * Deals the units this process writes to n workers, balanced by their
 * pages (items): each unit in turn to the least loaded.  Returns the
 * number of workers worth forking (at most n).
 */
static int
web_deal(const struct out_ctx *ctx, int n, int *mine)
{
	const struct site	*s = ctx->site;
	size_t			*load = xcalloc((size_t)n, sizeof(*load));
	size_t			 u, units = 0;
	int			 k, best;

	for (u = 0; u < s->nunits; u++) {
		mine[u] = -1;
		if (!page_mine(ctx, u))
			continue;
		best = 0;
		for (k = 1; k < n; k++)
			if (load[k] < load[best])
				best = k;
		mine[u] = best;
		load[best] += 8 + site_unit_items(s, u);
		units++;
	}
	free(load);
	return units < (size_t)n ? (units > 0 ? (int)units : 1) : n;
}

int
out_web_render(const struct out_ctx *ctx)
{
	struct web	 w;
	struct wjob	 j;
	int		*mine;
	size_t		 u;
	int		 n;

	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.site = ctx->site;
	w.cfg = ctx->site->cfg;
	buf_init(&w.page);
	buf_init(&w.tmp);
	buf_init(&w.html);
	buf_init(&w.map);
	w.mapsplit = sitemap_total(&w) > SITEMAP_MAX;

	if (page_root_mine(ctx) && (render_portal(&w) == -1 ||
	    render_sitemap(&w) == -1))
		w.rc = -1;
	mine = xcalloc(w.site->nunits + 1, sizeof(*mine));
	n = web_deal(ctx, ctx->jobs > 1 ? ctx->jobs : 1, mine);
	j.w = &w;
	j.mine = mine;
	if (fsout_fork(ctx->fs, "page", n, web_worker, &j) == -1)
		w.rc = -1;
	free(mine);
	if (page_root_mine(ctx)) {
		if (theme_copy_assets(ctx->theme, ctx->fs) == -1)
			w.rc = -1;
		for (u = 0; u < w.site->nunits; u++)
			if (page_built(ctx, u))
				sitemap_unit(&w, u);
		if (sitemap_finish(&w) == -1)
			w.rc = -1;
	}

	side_clear(&w);
	free(w.pos);
	buf_dispose(&w.page);
	buf_dispose(&w.tmp);
	buf_dispose(&w.html);
	buf_dispose(&w.map);
	return w.rc;
}
