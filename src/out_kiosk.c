/*
 * out_kiosk.c -- touch screens (电子触摸屏) in service halls: for every
 * unit whose level has `kiosk`,
 *
 *   <unit>/kiosk/index.html             the start page: the unit's
 *       catalogue (公开目录) as large buttons, its contact details;
 *   <unit>/kiosk/<category>/index.html  the category's items in force
 *       with `kiosk` in their outputs, newest first, as large buttons;
 *   <unit>/kiosk/<category>/<slug>.html an item in large type: its
 *       metadata, body and table, a QR code of its web page to read it
 *       on a phone.
 *
 * A kiosk is a closed world: every link stays in the unit's kiosk
 * folder (the pages load only the site's kiosk.css and kiosk.js).
 * Links in item bodies to other kiosk items become kiosk links; every
 * other link (outside sites, attachments, web pages) shows its text
 * only (MD_LOCAL).  kiosk.js sends an idle screen back to the start
 * page after KIOSK_IDLE seconds; without it the pages work the same,
 * minus the return.  Everything is relative, so a kiosk runs from disk
 * (file://) with no network.
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
#include "tmpl.h"
#include "util.h"
#include "val.h"

#define KIOSK_IDLE	180	/* seconds before going back to the start */

/* The renderer's state for one unit. */
struct kiosk {
	const struct out_ctx	*ctx;
	const struct site	*site;
	const struct unit	*u;
	size_t			 ui;
	struct buf		 page;	/* rendered page, reused */
	struct buf		 html;	/* an item's body, reused */
};

/* 1 if item it is on the kiosk: `kiosk` in its outputs, in force. */
static int
on_kiosk(const struct kiosk *k, const struct item *it)
{
	return (it->outputs & OUT_KIOSK) &&
	    item_state(it, k->ctx->today) == ITEM_VALID;
}

/* Items of category c on the kiosk. */
static size_t
cat_count(const struct kiosk *k, size_t c)
{
	const struct ucat	*uc = &k->u->cats[c];
	size_t			 i, n = 0;

	for (i = 0; i < uc->nitems; i++)
		n += on_kiosk(k, &k->site->items[uc->items[i]]);
	return n;
}

/* Output path of the kiosk page of item it: "<unit>/kiosk/<cat>/x.html"
 * (it->url is "<unit>/<cat>/x.html"); caller frees. */
static char *
item_path(const struct kiosk *k, const struct item *it)
{
	return xasprintf("%s/kiosk/%s", k->u->dir,
	    it->url + strlen(k->u->dir) + 1);
}

static char *
cat_path(const struct kiosk *k, size_t c)
{
	return xasprintf("%s/kiosk/%s/index.html", k->u->dir,
	    k->u->catalogue->cats[c].id);
}

/* The context every kiosk page shares: root, preview, site_title,
 * hotline, unit {name, phone, address, hours}, home_href, idle, asof,
 * kind. */
static struct val *
kiosk_page(const struct kiosk *k, const char *rel, const char *kind)
{
	const struct config	*cfg = k->site->cfg;
	struct val		*v = val_map(), *uv;
	struct buf		 b = BUF_INIT;
	char			*home;

	page_root(&b, rel);
	val_set(v, "root", val_str_own(buf_detach(&b, NULL)));
	val_set_str(v, "kind", kind);
	val_set_bool(v, "preview", k->ctx->preview);
	val_set_ref(v, "site_title", cfg->title);
	val_set_ref(v, "hotline", cfg->hotline);
	uv = val_set(v, "unit", val_map());
	val_set_ref(uv, "name", k->u->name);
	val_set_ref(uv, "phone", k->u->phone);
	val_set_ref(uv, "address", k->u->address);
	val_set_ref(uv, "hours", k->u->hours);
	home = xasprintf("%s/kiosk/index.html", k->u->dir);
	val_set(v, "home_href", val_str_own(page_href(rel, home)));
	free(home);
	val_set_num(v, "idle", KIOSK_IDLE);
	val_set(v, "asof", val_str_own(page_cn_day(k->ctx->today)));
	return v;
}

static int
render_start(struct kiosk *k)
{
	const struct catalogue	*cat = k->u->catalogue;
	char			*rel = xasprintf("%s/kiosk/index.html",
				    k->u->dir), *path;
	struct val		*v = kiosk_page(k, rel, "start"), *l, *c;
	size_t			 i, n;
	int			 rc;

	l = val_set(v, "cats", val_list());
	for (i = 0; i < cat->ncats; i++) {
		c = val_push(l, val_map());
		n = cat_count(k, i);
		val_set_num(c, "num", (double)(i + 1));
		val_set_ref(c, "title", cat->cats[i].title);
		val_set_num(c, "count", (double)n);
		val_set_bool(c, "empty", n == 0);
		path = cat_path(k, i);
		val_set(c, "href", val_str_own(page_href(rel, path)));
		free(path);
	}
	rc = page_write(k->ctx, v, "kiosk", rel, &k->page);
	free(rel);
	return rc;
}

static int
render_category(struct kiosk *k, size_t c)
{
	const struct ucat	*uc = &k->u->cats[c];
	char			*rel = cat_path(k, c), *path;
	struct val		*v = kiosk_page(k, rel, "category"), *l, *r;
	size_t			 i, n = 0;
	int			 rc;

	l = val_set(v, "rows", val_list());
	for (i = 0; i < uc->nitems; i++) {
		const struct item *it = &k->site->items[uc->items[i]];

		if (!on_kiosk(k, it))
			continue;
		r = val_push(l, val_map());
		val_set_ref(r, "title", it->title);
		page_set_day(r, "date", it->date);
		val_set_ref(r, "doc_no", it->doc_no);
		path = item_path(k, it);
		val_set(r, "href", val_str_own(page_href(rel, path)));
		free(path);
		n++;
	}
	r = val_set(v, "cat", val_map());
	val_set_num(r, "num", (double)(c + 1));
	val_set_ref(r, "title", k->u->catalogue->cats[c].title);
	val_set_num(r, "count", (double)n);
	val_set_bool(r, "empty", n == 0);
	rc = page_write(k->ctx, v, "kiosk-category", rel, &k->page);
	free(rel);
	return rc;
}

/* What the link callback of a kiosk item body needs. */
struct klink {
	struct kiosk		*k;
	const struct item	*it;
	const struct item_body	*body;
};

/*
 * md_link_fn: a link to an item on this kiosk becomes its kiosk page;
 * any other target leaves out empty, so md shows the text only.
 */
static int
body_link(void *arg, const char *dest, int line, int col, struct buf *out)
{
	struct klink		*kl = arg;
	struct kiosk		*k = kl->k;
	const struct ucat	*uc;
	const struct item	*o;
	char			*target, *from, *to;
	size_t			 c, i;
	int			 rc;

	if ((rc = site_link_resolve(k->site, kl->it, kl->body, dest,
	    line, col, &target)) != 0)
		return rc;
	for (c = 0; c < k->u->catalogue->ncats; c++) {
		uc = &k->u->cats[c];
		for (i = 0; i < uc->nitems; i++) {
			o = &k->site->items[uc->items[i]];
			if (strcmp(o->url, target) != 0 || !on_kiosk(k, o))
				continue;
			from = item_path(k, kl->it);
			to = item_path(k, o);
			page_rel(out, from, to);
			buf_puts(out, dest + strcspn(dest, "#?"));
			free(from);
			free(to);
			goto done;
		}
	}
done:
	free(target);
	return 0;
}

static int
render_item(struct kiosk *k, size_t ii)
{
	const struct item	*it = &k->site->items[ii];
	const struct category	*cat = &k->u->catalogue->cats[it->cat];
	struct item_body	 body;
	struct klink		 kl = { k, it, &body };
	char			*rel = item_path(k, it), *path, *url, *svg;
	struct val		*v, *iv;
	int			 rc = -1;

	memset(&body, 0, sizeof(body));
	if (bodycache_read(k->ctx->body_cache, k->ctx->code, k->ctx->src,
	    it, &body) == -1)
		goto out;
	buf_reset(&k->html);
	if (md_html(it->path, body.line0, body.md, body.len, 2,
	    MD_TABLE_REGION | MD_LOCAL, NULL, body_link, &kl, &k->html) == -1)
		goto out;
	v = kiosk_page(k, rel, "item");
	iv = val_set(v, "item", val_map());
	val_set_ref(iv, "title", it->title);
	page_set_day(iv, "date", it->date);
	page_set_day(iv, "written", it->written);
	val_set_ref(iv, "index_no", it->index_no);
	val_set_ref(iv, "doc_no", it->doc_no);
	page_set_day(iv, "expires", it->expires);
	val_set_ref(iv, "cat_title", cat->title);
	path = cat_path(k, it->cat);
	val_set(v, "back_href", val_str_own(page_href(rel, path)));
	free(path);
	val_set_str(v, "body", k->html.data);
	val_set(v, "table", body.ncolumns > 0 ?
	    page_table(&body, it->title, NULL, 1) : val_null());
	url = page_url(k->site->cfg, it->url);
	svg = out_print_qr_svg(it->path, url);
	val_set(v, "qr", svg != NULL ? val_str_own(svg) : val_null());
	free(url);
	rc = page_write(k->ctx, v, "kiosk-item", rel, &k->page);
out:
	item_body_dispose(&body);
	free(rel);
	return rc;
}

static int
render_kiosk(struct kiosk *k)
{
	const struct ucat	*uc;
	size_t			 c, i;
	int			 rc = 0;

	for (c = 0; c < k->u->catalogue->ncats; c++) {
		uc = &k->u->cats[c];
		for (i = 0; i < uc->nitems; i++)
			if (on_kiosk(k, &k->site->items[uc->items[i]]) &&
			    render_item(k, uc->items[i]) == -1)
				rc = -1;
		if (render_category(k, c) == -1)
			rc = -1;
	}
	if (render_start(k) == -1)
		rc = -1;
	return rc;
}

int
out_kiosk_render(const struct out_ctx *ctx)
{
	struct kiosk	k;
	size_t		u;
	int		rc = 0, any = 0;

	memset(&k, 0, sizeof(k));
	k.ctx = ctx;
	k.site = ctx->site;
	buf_init(&k.page);
	buf_init(&k.html);
	for (u = 0; u < ctx->site->nunits; u++) {
		if (!page_mine(ctx, u) ||
		    !(ctx->site->units[u].level->outputs & OUT_KIOSK))
			continue;
		any = 1;
		k.u = &ctx->site->units[u];
		k.ui = u;
		if (render_kiosk(&k) == -1)
			rc = -1;
	}
	if (any && (out_print_asset(ctx, "kiosk.css") == -1 ||
	    out_print_asset(ctx, "kiosk.js") == -1))
		rc = -1;
	buf_dispose(&k.page);
	buf_dispose(&k.html);
	return rc;
}
