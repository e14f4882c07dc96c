/*
 * out_embed.c -- 专栏 output for units whose site is a column inside a
 * county or 集约化 platform: for every unit whose level has `embed`,
 *
 *   <unit>/embed/catalogue.html  an HTML fragment (no <html>, <head>
 *       or <body>; every class prefixed gk-, no ids, so it cannot clash
 *       with the portal's page): the unit's catalogue (公开目录) with
 *       counts and its newest items (every item, as on the web);
 *       links are absolute under site.base_url, since the fragment is
 *       shown on another site;
 *   <unit>/embed/frame.html      the same as a whole document, for an
 *       iframe (a fragment loaded alone renders in quirks mode, with
 *       no title or language);
 *   <unit>/embed/gk-embed.css    its small stylesheet (the theme's
 *       assets/gk-embed.css), linked from the fragment;
 *   <unit>/embed/latest.json     the same newest items as JSON Feed
 *       1.1 (https://jsonfeed.org/version/1.1), for portals that build
 *       their own list.
 *
 * A portal includes the fragment by a server-side include, an iframe,
 * or by fetching it when it builds its pages (README).
 */
#include <stdlib.h>
#include <string.h>

#include "bodycache.h"
#include "buf.h"
#include "cfg.h"
#include "fsout.h"
#include "item.h"
#include "md.h"
#include "out.h"
#include "page.h"
#include "site.h"
#include "source.h"
#include "theme.h"
#include "tmpl.h"
#include "util.h"
#include "val.h"
#include "workday.h"

#define EMBED_LATEST	10	/* newest items in the fragment and feed */

/* The newest (at most EMBED_LATEST) items of unit u, newest first,
 * ties by index, into out; returns how many.  Like the web site, and
 * unlike the print and screen forms, the 专栏 lists every item: an
 * item's `outputs` do not narrow it (the fragment is a window on the
 * web pages it links to). */
static size_t
newest(const struct site *s, const struct unit *u, size_t *out)
{
	size_t	c, k, n = 0, j, ii;

	for (c = 0; c < u->catalogue->ncats; c++)
		for (k = 0; k < u->cats[c].nitems; k++) {
			ii = u->cats[c].items[k];
			for (j = n; j > 0; j--) {
				const struct item *o = &s->items[out[j - 1]];

				if (o->date > s->items[ii].date ||
				    (o->date == s->items[ii].date &&
				    out[j - 1] < ii))
					break;
				if (j < EMBED_LATEST)
					out[j] = out[j - 1];
			}
			if (j < EMBED_LATEST)
				out[j] = ii;
			if (n < EMBED_LATEST)
				n++;
		}
	return n;
}

/* "YYYY-MM-DDT00:00:00+08:00" of day number d (RFC 3339, China). */
static char *
rfc3339(long d)
{
	struct date	dt;
	char		day[DATE_BUFSZ];

	date_from_days(d, &dt);
	return xasprintf("%sT00:00:00+08:00", date_fmt(day, &dt));
}

/* The summary of item it: its own, else from its body.  -1 after a
 * diagnostic (the body could not be read). */
static int
summary(const struct out_ctx *ctx, const struct item *it, struct buf *out)
{
	struct item_body	body;
	struct buf		text = BUF_INIT;

	buf_reset(out);
	if (it->summary != NULL) {
		page_summary(it->summary, out);
		return 0;
	}
	memset(&body, 0, sizeof(body));
	if (bodycache_read(ctx->body_cache, ctx->code, ctx->src, it,
	    &body) == -1)
		return -1;
	md_text(body.md, body.len, &text);
	page_summary(text.len > 0 ? text.data : it->title, out);
	buf_dispose(&text);
	item_body_dispose(&body);
	return 0;
}

static int
render_embed(const struct out_ctx *ctx, size_t ui, struct buf *page,
    struct buf *tmp, struct buf *css)
{
	const struct site	*s = ctx->site;
	const struct config	*cfg = s->cfg;
	const struct unit	*u = &s->units[ui];
	size_t			 sel[EMBED_LATEST], n, i, c;
	struct val		*root, *uv, *l, *e, *feed = NULL, *fl, *fe;
	struct val		*tags;
	char			*path, *url, *rel, *jrel, *crel, *frel;
	int			 rc = -1;
	enum item_state		 st;

	rel = xasprintf("%s/embed/catalogue.html", u->dir);
	jrel = xasprintf("%s/embed/latest.json", u->dir);
	crel = xasprintf("%s/embed/gk-embed.css", u->dir);
	frel = xasprintf("%s/embed/frame.html", u->dir);
	n = newest(s, u, sel);
	root = val_map();
	val_set_ref(root, "site_title", cfg->title);
	val_set_ref(root, "hotline", cfg->hotline);
	val_set_bool(root, "preview", ctx->preview);
	val_set(root, "css_href", val_str_own(page_url(cfg, crel)));
	val_set(root, "json_href", val_str_own(page_url(cfg, jrel)));
	val_set(root, "asof", val_str_own(page_cn_day(ctx->today)));
	uv = val_set(root, "unit", val_map());
	val_set_ref(uv, "name", u->name);
	val_set_ref(uv, "phone", u->phone);
	path = page_unit_path(u, "index.html");
	val_set(uv, "href", val_str_own(page_url(cfg, path)));
	free(path);
	path = page_unit_path(u, "guide.html");
	val_set(uv, "guide_href", val_str_own(page_url(cfg, path)));
	free(path);
	l = val_set(root, "cats", val_list());
	for (c = 0; c < u->catalogue->ncats; c++) {
		e = val_push(l, val_map());
		val_set_num(e, "num", (double)(c + 1));
		val_set_ref(e, "title", u->catalogue->cats[c].title);
		val_set_num(e, "count", (double)u->cats[c].nitems);
		val_set_bool(e, "empty", u->cats[c].nitems == 0);
		path = xasprintf("%s/%s/index.html", u->dir,
		    u->catalogue->cats[c].id);
		val_set(e, "href", val_str_own(page_url(cfg, path)));
		free(path);
	}

	/* JSON Feed 1.1: version, title, home_page_url, feed_url first */
	feed = val_map();
	val_set_str(feed, "version", "https://jsonfeed.org/version/1.1");
	buf_reset(tmp);
	buf_printf(tmp, "%s - %s", u->name, cfg->title);
	val_set_str(feed, "title", tmp->data);
	val_set_str(feed, "home_page_url", val_get(uv, "href")->s);
	val_set_str(feed, "feed_url", val_get(root, "json_href")->s);
	buf_reset(tmp);
	buf_printf(tmp, "%s主动公开的最新信息", u->name);
	val_set_str(feed, "description", tmp->data);
	val_set_str(feed, "language", "zh-CN");
	val_set_str(val_push(val_set(feed, "authors", val_list()),
	    val_map()), "name", u->name);
	fl = val_set(feed, "items", val_list());

	l = val_set(root, "rows", val_list());
	val_set_bool(root, "has_rows", n > 0);
	for (i = 0; i < n; i++) {
		const struct item	*it = &s->items[sel[i]];
		const char		*ct = u->catalogue->cats[it->cat].title;

		st = item_state(it, ctx->today);
		url = page_url(cfg, it->url);
		e = val_push(l, val_map());
		val_set_ref(e, "title", it->title);
		val_set_str(e, "href", url);
		page_set_day(e, "date", it->date);
		val_set_ref(e, "cat_title", ct);
		val_set_ref(e, "status", item_state_text(st));
		val_set_ref(e, "status_class", item_state_name(st));
		val_set_bool(e, "badge", st != ITEM_VALID);

		if (summary(ctx, it, tmp) == -1) {
			free(url);
			goto out;
		}
		fe = val_push(fl, val_map());
		val_set_str(fe, "id", url);
		val_set_str(fe, "url", url);
		val_set_ref(fe, "title", it->title);
		val_set_str(fe, "content_text", tmp->data);
		val_set_str(fe, "summary", tmp->data);
		val_set(fe, "date_published", val_str_own(rfc3339(it->date)));
		tags = val_set(fe, "tags", val_list());
		val_push(tags, val_str_ref(ct));
		if (st != ITEM_VALID)
			val_push(tags, val_str_ref(item_state_text(st)));
		free(url);
	}

	/* the fragment's headings under a portal page's own h1; the
	 * frame's are the document's */
	val_set_num(root, "h1", 2);
	val_set_num(root, "h2", 3);
	buf_reset(page);
	if (tmpl_render(ctx->tmpl, "embed", root, page) == -1 ||
	    fsout_write(ctx->fs, rel, page->data, page->len) == -1)
		goto out;
	val_set_num(root, "h1", 1);
	val_set_num(root, "h2", 2);
	/* the frame's stylesheet is the one beside it: its CSP admits the
	 * site's own files wherever it is served, from disk, by gongkai
	 * serve, or under another address than base_url */
	val_set_ref(root, "css_href", "gk-embed.css");
	buf_reset(page);
	buf_reset(tmp);
	val_json(feed, tmp, 1);
	if (tmpl_render(ctx->tmpl, "embed-frame", root, page) == -1 ||
	    fsout_write(ctx->fs, frel, page->data, page->len) == -1 ||
	    fsout_write(ctx->fs, jrel, tmp->data, tmp->len) == -1 ||
	    fsout_write(ctx->fs, crel, css->data, css->len) == -1)
		goto out;
	rc = 0;
out:
	val_free(feed);
	val_free(root);
	free(rel);
	free(jrel);
	free(crel);
	free(frel);
	return rc;
}

int
out_embed_render(const struct out_ctx *ctx)
{
	struct buf	page = BUF_INIT, tmp = BUF_INIT, css = BUF_INIT;
	size_t		u;
	int		rc = 0, loaded = 0;

	for (u = 0; u < ctx->site->nunits; u++) {
		if (!page_mine(ctx, u) ||
		    !(ctx->site->units[u].level->outputs & OUT_EMBED))
			continue;
		if (!loaded) {
			if (theme_asset(ctx->theme, "gk-embed.css", &css) ==
			    -1) {
				rc = -1;
				break;
			}
			loaded = 1;
		}
		if (render_embed(ctx, u, &page, &tmp, &css) == -1)
			rc = -1;
	}
	buf_dispose(&page);
	buf_dispose(&tmp);
	buf_dispose(&css);
	return rc;
}
