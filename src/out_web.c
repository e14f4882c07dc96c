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
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cfg.h"
#include "diag.h"
#include "esc.h"
#include "fsout.h"
#include "md.h"
#include "out.h"
#include "site.h"
#include "source.h"
#include "tmpl.h"
#include "util.h"
#include "val.h"
#include "workday.h"

#define PER_PAGE	20	/* items on a category page */
#define HOME_LATEST	10	/* newest items on a unit home */
#define FEED_ENTRIES	20	/* entries in a unit's feed */
#define SUMMARY_CHARS	120	/* longest summary taken from a body */
#ifndef SITEMAP_MAX
#define SITEMAP_MAX	50000	/* URLs per sitemap file (sitemaps.org) */
#endif
#define HOTLINE		"12356"

/* The renderer's state for one run. */
struct web {
	const struct out_ctx	*ctx;	  /* what to render, where */
	const struct site	*site;	  /* the model */
	const struct config	*cfg;	  /* its configuration */
	char			*domain;  /* host of base_url */
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
	int			 rc;	  /* -1 once any error was reported */
};

/* What the link callback of an item body needs. */
struct linkctx {
	struct web		*w;	/* the renderer */
	const struct item	*it;	/* the item whose body this is */
};

/* Display names of the usual level ids; others show their id. */
static const struct {
	const char	*id;
	const char	*name;
} level_names[] = {
	{ "province", "省级" },
	{ "city", "市级" },
	{ "county", "县级" },
	{ "township", "乡（镇）" },
	{ "agency", "办事（服务）机构" },
	{ "village", "村（居）" },
};

static const char *
level_name(const char *id)
{
	size_t	i;

	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (strcmp(level_names[i].id, id) == 0)
			return level_names[i].name;
	return id;
}

/* 1 if unit u is rendered in this run (the whole site or the shard). */
static int
built(const struct web *w, size_t u)
{
	return w->ctx->only == NO_INDEX ||
	    site_under(w->site, u, w->ctx->only);
}

/* Appends "../" once for every folder of the output path from. */
static void
put_up(struct buf *b, const char *from)
{
	for (; *from != '\0'; from++)
		if (*from == '/')
			buf_puts(b, "../");
}

/* Appends the shortest relative, percent-encoded link from the page at
 * output path from to output path to. */
static void
put_rel(struct buf *b, const char *from, const char *to)
{
	size_t	i, common = 0;

	for (i = 0; from[i] != '\0' && from[i] == to[i]; i++)
		if (from[i] == '/')
			common = i + 1;
	put_up(b, from + common);
	esc_url_path(b, to + common);
}

/* The same as a string (caller frees). */
static char *
rel_href(const char *from, const char *to)
{
	struct buf	b = BUF_INIT;

	put_rel(&b, from, to);
	return buf_detach(&b, NULL);
}

/* The absolute URL of output path rel (caller frees). */
static char *
abs_url(const struct web *w, const char *rel)
{
	struct buf	b = BUF_INIT;

	buf_puts(&b, w->cfg->base_url);
	esc_url_path(&b, rel);
	return buf_detach(&b, NULL);
}

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

static void
set_day(struct val *m, const char *k, long d)
{
	char	tmp[DATE_BUFSZ];

	if (d == NO_DATE)
		val_set(m, k, val_null());
	else
		val_set_str(m, k, fmt_day(d, tmp));
}

/* Number of items of unit u (all categories). */
static size_t
unit_count(const struct site *s, const struct unit *u)
{
	size_t	c, n = 0;

	for (c = 0; c < u->catalogue->ncats; c++)
		n += u->cats[c].nitems;
	return n;
}

/* Output path of a unit page: "<dir>/<name>" (caller frees). */
static char *
unit_path(const struct unit *u, const char *name)
{
	return xasprintf("%s/%s", u->dir, name);
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

/*
 * Validity (有效性) of item it on ctx->today: 0 in force, 1 expired,
 * 2 repealed.  Repeal wins over expiry.
 */
static int
item_state(const struct web *w, const struct item *it)
{
	long	today = w->ctx->today;

	if (it->repealed != NO_DATE && it->repealed <= today)
		return 2;
	if (it->expires != NO_DATE && it->expires < today)
		return 1;
	return 0;
}

static const char *const state_text[] = { "有效", "已失效", "已废止" };
static const char *const state_class[] = { "valid", "expired", "repealed" };

/* Length in bytes of the UTF-8 sequence that starts with byte c. */
static size_t
u8len(unsigned char c)
{
	if (c < 0xc0)
		return 1;
	if (c < 0xe0)
		return 2;
	if (c < 0xf0)
		return 3;
	return 4;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* 1 if the n-byte character at s is one of the NUL-separated list. */
static int
is_one_of(const char *s, size_t n, const char *list)
{
	for (; *list != '\0'; list += strlen(list) + 1)
		if (strlen(list) == n && memcmp(s, list, n) == 0)
			return 1;
	return 0;
}

/*
 * Appends to out a summary of plain text s: its whitespace folded, cut
 * after the last sentence end (。！？!?, with closing quotes) within
 * SUMMARY_CHARS characters, else at SUMMARY_CHARS with an ellipsis.
 */
static void
summary_cut(const char *s, struct buf *out)
{
	static const char	 ends[] = "。\0！\0？\0!\0?\0";
	static const char	 closers[] = "”\0’\0」\0』\0）\0)\0\"\0";
	size_t			 start = out->len, lastend = 0, n;
	int			 chars = 0, space = 0, end = 0, cut = 0;

	for (; *s != '\0'; s += n) {
		n = 1;
		if (is_space((unsigned char)*s)) {
			space = 1;
			continue;
		}
		if (space && out->len > start) {
			if (chars >= SUMMARY_CHARS) {
				cut = 1;
				break;
			}
			buf_putc(out, ' ');
			chars++;
			end = 0;
		}
		space = 0;
		n = u8len((unsigned char)*s);
		if (strnlen(s, n) < n)
			break;
		if (end && is_one_of(s, n, closers)) {
			buf_put(out, s, n);
			lastend = out->len;
			continue;
		}
		if (chars >= SUMMARY_CHARS) {
			cut = 1;
			break;
		}
		buf_put(out, s, n);
		chars++;
		if ((end = is_one_of(s, n, ends)))
			lastend = out->len;
	}
	if (!cut)
		return;
	if (lastend > start)
		buf_truncate(out, lastend);
	else
		buf_puts(out, "……");
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
	char	*url = abs_url(w, rel), d[DATE_BUFSZ];

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
		url = abs_url(w, w->tmp.data);
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

/* Number of sitemap entries this run will make. */
static size_t
sitemap_total(const struct web *w)
{
	const struct site	*s = w->site;
	size_t			 u, c, n = 1;

	for (u = 0; u < s->nunits; u++) {
		if (!built(w, u))
			continue;
		n += 2;
		for (c = 0; c < s->units[u].catalogue->ncats; c++)
			n += cat_pages(s->units[u].cats[c].nitems) +
			    s->units[u].cats[c].nitems;
	}
	return n;
}

/* ---- page contexts --------------------------------------------------- */

/*
 * A new page context for output path rel: root (prefix to the site
 * root), preview, site {...}, page {title, column, kind, ...},
 * contact_href, crumbs [] (filled by the caller).
 */
static struct val *
page_new(struct web *w, const char *rel, const char *kind,
    const char *title, const char *column)
{
	const struct config	*cfg = w->cfg;
	struct val		*ctx = val_map(), *site, *page;
	struct buf		 b = BUF_INIT;

	put_up(&b, rel);
	set_own(ctx, "root", buf_detach(&b, NULL));
	val_set_bool(ctx, "preview", w->ctx->preview);
	site = val_set(ctx, "site", val_map());
	val_set_ref(site, "title", cfg->title);
	val_set_ref(site, "domain", w->domain);
	val_set_ref(site, "base_url", cfg->base_url);
	val_set_ref(site, "org", cfg->footer_org);
	val_set_ref(site, "site_code", cfg->footer_site_code);
	val_set_ref(site, "icp", cfg->footer_icp);
	val_set_ref(site, "psb", cfg->footer_psb);
	val_set_ref(site, "contact", cfg->footer_contact);
	val_set_ref(site, "version", w->ctx->version);
	val_set_str(site, "hotline", HOTLINE);
	page = val_set(ctx, "page", val_map());
	val_set_str(page, "kind", kind);
	val_set_ref(page, "title", title);
	val_set_ref(page, "column", column);
	val_set_bool(page, "article", 0);
	val_set(page, "pubdate", val_null());
	val_set_ref(page, "source", cfg->footer_org);
	val_set(page, "keywords", val_null());
	val_set(page, "description", val_null());
	set_own(page, "url", abs_url(w, rel));
	val_set_str(ctx, "contact_href", "#site-contact");
	val_set(ctx, "crumbs", val_list());
	return ctx;
}

/* Appends a breadcrumb entry: label, href (NULL: no link), current. */
static void
crumb(struct val *ctx, const char *label, char *href, int current)
{
	struct val	*c = val_push(val_get(ctx, "crumbs"), val_map());

	val_set_ref(c, "label", label);
	if (href != NULL)
		set_own(c, "href", href);
	else
		val_set(c, "href", val_null());
	val_set_bool(c, "current", current);
}

/* Breadcrumbs from the portal down to unit u (a link unless last). */
static void
crumbs_unit(struct web *w, struct val *ctx, const char *rel, size_t u,
    int last)
{
	const struct site	*s = w->site;
	size_t			 chain[64], n = 0, i, v;
	char			*home;

	crumb(ctx, "首页", rel_href(rel, "index.html"), 0);
	for (v = u; v != NO_INDEX && n < 64; v = s->units[v].parent)
		chain[n++] = v;
	for (i = n; i-- > 0;) {
		v = chain[i];
		if (i == 0 && last) {
			crumb(ctx, s->units[v].name, NULL, 1);
			continue;
		}
		home = NULL;
		if (built(w, v)) {
			home = unit_path(&s->units[v], "index.html");
			crumb(ctx, s->units[v].name, rel_href(rel, home), 0);
			free(home);
		} else
			crumb(ctx, s->units[v].name, NULL, 0);
	}
}

/* The unit map: name, level, hrefs, contact details, parent. */
static struct val *
unit_val(struct web *w, size_t ui, const char *rel)
{
	const struct site	*s = w->site;
	const struct unit	*u = &s->units[ui];
	struct val		*m = val_map(), *p;
	char			*path;

	val_set_ref(m, "name", u->name);
	val_set_ref(m, "level", u->level_id);
	val_set_ref(m, "level_name", level_name(u->level_id));
	val_set_ref(m, "dir", u->dir);
	val_set_ref(m, "code", u->code);
	val_set_ref(m, "org_code", u->org_code);
	val_set_ref(m, "address", u->address);
	val_set_ref(m, "postcode", u->postcode);
	val_set_ref(m, "phone", u->phone);
	val_set_ref(m, "hours", u->hours);
	val_set_ref(m, "email", u->email);
	val_set_ref(m, "description", u->description);
	val_set_num(m, "count", (double)unit_count(s, u));
	path = unit_path(u, "index.html");
	set_own(m, "href", rel_href(rel, path));
	free(path);
	path = unit_path(u, "guide.html");
	set_own(m, "guide_href", rel_href(rel, path));
	free(path);
	path = unit_path(u, "feed.xml");
	set_own(m, "feed_href", rel_href(rel, path));
	free(path);
	if (u->parent == NO_INDEX) {
		val_set(m, "parent", val_null());
		return m;
	}
	p = val_set(m, "parent", val_map());
	val_set_ref(p, "name", s->units[u->parent].name);
	if (built(w, u->parent)) {
		path = unit_path(&s->units[u->parent], "index.html");
		set_own(p, "href", rel_href(rel, path));
		free(path);
	} else
		val_set(p, "href", val_null());
	return m;
}

/* Sets ctx.unit and the unit-wide page fields. */
static struct val *
page_unit(struct web *w, struct val *ctx, size_t ui, const char *rel)
{
	const struct unit	*u = &w->site->units[ui];
	struct val		*uv = val_set(ctx, "unit", unit_val(w, ui, rel)),
				*page = val_get(ctx, "page");
	char			*path = unit_path(u, "guide.html");

	val_set_ref(page, "source", u->name);
	buf_reset(&w->tmp);
	summary_cut(u->description != NULL ? u->description : u->name,
	    &w->tmp);
	val_set_str(page, "description", w->tmp.data);
	buf_reset(&w->tmp);
	buf_printf(&w->tmp, "%s,%s,信息公开,阳光计生", u->name,
	    level_name(u->level_id));
	val_set_str(page, "keywords", w->tmp.data);
	buf_reset(&w->tmp);
	put_rel(&w->tmp, rel, path);
	buf_puts(&w->tmp, "#contact");
	val_set_str(ctx, "contact_href", w->tmp.data);
	free(path);
	return uv;
}

/* The catalogue of unit ui: num, id, title, href, count, empty. */
static struct val *
catalogue_val(struct web *w, size_t ui, const char *rel)
{
	const struct unit	*u = &w->site->units[ui];
	struct val		*l = val_list(), *c;
	size_t			 i;
	char			*path;

	for (i = 0; i < u->catalogue->ncats; i++) {
		c = val_push(l, val_map());
		val_set_num(c, "num", (double)(i + 1));
		val_set_ref(c, "id", u->catalogue->cats[i].id);
		val_set_ref(c, "title", u->catalogue->cats[i].title);
		path = cat_path(u, i, 1);
		set_own(c, "href", rel_href(rel, path));
		free(path);
		val_set_num(c, "count", (double)u->cats[i].nitems);
		val_set_bool(c, "empty", u->cats[i].nitems == 0);
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
	int			 st = item_state(w, it);

	val_set_ref(r, "title", it->title);
	set_own(r, "href", rel_href(rel, it->url));
	set_day(r, "date", it->date);
	val_set_ref(r, "index_no", it->index_no);
	val_set_ref(r, "doc_no", it->doc_no);
	val_set_ref(r, "status", state_text[st]);
	val_set_ref(r, "status_class", state_class[st]);
	val_set_bool(r, "badge", st != 0);
	val_set_ref(r, "cat_title", u->catalogue->cats[it->cat].title);
	path = cat_path(u, it->cat, 1);
	set_own(r, "cat_href", rel_href(rel, path));
	free(path);
	val_set_bool(r, "show_cat", show_cat);
	return r;
}

/* Renders template name with ctx into rel, frees ctx; 0 or -1. */
static int
page_write(struct web *w, struct val *ctx, const char *name,
    const char *rel)
{
	int	rc;

	buf_reset(&w->page);
	rc = tmpl_render(w->ctx->tmpl, name, ctx, &w->page);
	val_free(ctx);
	if (rc == -1)
		return -1;
	return fsout_write(w->ctx->fs, rel, w->page.data, w->page.len);
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
	size_t			 i, cnt = unit_count(w->site, u);
	char			*path = unit_path(u, "index.html");

	*nitems += cnt;
	val_set_ref(n, "name", u->name);
	set_own(n, "href", rel_href("index.html", path));
	free(path);
	val_set_ref(n, "level", u->level_id);
	val_set_ref(n, "level_name", level_name(u->level_id));
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

	ctx = page_new(w, "index.html", "portal", w->cfg->title, "首页");
	crumb(ctx, "首页", NULL, 1);
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
		nunits += built(w, i);
	val_set_num(ctx, "nunits", (double)nunits);
	val_set_num(ctx, "nitems", (double)nitems);
	sitemap_add(w, "index.html", NO_DATE);
	return page_write(w, ctx, "portal", "index.html");
}

/* ---- item pages ------------------------------------------------------ */

/*
 * md_link_fn for item bodies: a relative link is read against the
 * item's folder and becomes the link to the page of the item, the
 * attachment, the unit or the category it names.
 */
static int
body_link(void *arg, const char *dest, int line, int col, struct buf *out)
{
	struct linkctx		*lc = arg;
	struct web		*w = lc->w;
	const struct site	*s = w->site;
	const char		*slash, *target = NULL, *suffix;
	struct buf		 p = BUF_INIT;
	size_t			 n = strcspn(dest, "#?"), i;
	char			*made = NULL;

	suffix = dest + n;
	if (site_link_path(lc->it, dest, n, &p) == 0 &&
	    str_prefix(p.data, "content/")) {
		if ((i = site_item(s, p.data)) != NO_INDEX)
			target = s->items[i].url;
		else if ((i = site_attachment(s, p.data)) != NO_INDEX)
			target = s->atts[i].url;
		else if ((i = site_unit(s, p.data + 8)) != NO_INDEX)
			target = made = unit_path(&s->units[i], "index.html");
		else if ((slash = strrchr(p.data + 8, '/')) != NULL) {
			/* a category folder: <unit>/<category> */
			char	*dir = xstrndup(p.data + 8,
			    (size_t)(slash - p.data - 8));
			int	 c;

			i = site_unit(s, dir);
			free(dir);
			if (i != NO_INDEX && (c = cfg_category(
			    s->units[i].catalogue, slash + 1)) >= 0)
				target = made = cat_path(&s->units[i],
				    (size_t)c, 1);
		}
	}
	buf_dispose(&p);
	if (target == NULL) {
		diag_error(lc->it->path, line, col, "link to missing item "
		    "'%.*s'", (int)n, dest);
		return -1;
	}
	put_rel(out, lc->it->url, target);
	buf_puts(out, suffix);
	free(made);
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
	struct linkctx		 lc = { w, it };
	struct val		*ctx, *page, *iv, *kw, *tv, *l, *r, *pv;
	struct buf		 sum = BUF_INIT;
	size_t			 i, j;
	int			 st, rc = -1;
	char			*path;

	memset(&body, 0, sizeof(body));
	if (item_body_read(w->ctx->src, it, &body) == -1)
		return -1;

	/* body HTML: headings from h2 under the page's h1 */
	buf_reset(&w->html);
	if (md_html(it->path, body.line0, body.md, body.len, 2,
	    MD_TABLE_REGION, body_link, &lc, &w->html) == -1)
		goto out;

	/* summary */
	if (it->summary != NULL)
		buf_puts(&sum, it->summary);
	else {
		buf_reset(&w->tmp);
		md_text(body.md, body.len, &w->tmp);
		if (w->tmp.len == 0)
			buf_puts(&w->tmp, it->title);
		summary_cut(w->tmp.data, &sum);
	}
	for (i = 0; i < w->nnewest; i++)
		if (w->newest[i] == ii && w->feedsum[i] == NULL)
			w->feedsum[i] = xstrdup(sum.data);

	ctx = page_new(w, it->url, "item", it->title, cat->title);
	page_unit(w, ctx, it->unit, it->url);
	page = val_get(ctx, "page");
	val_set_bool(page, "article", 1);
	set_day(page, "pubdate", it->date);
	val_set_str(page, "description", sum.data);
	buf_reset(&w->tmp);
	for (i = 0; it->keywords != NULL && it->keywords[i] != NULL; i++)
		buf_printf(&w->tmp, "%s%s", i ? "," : "", it->keywords[i]);
	if (w->tmp.len == 0)
		buf_printf(&w->tmp, "%s,%s", cat->title, u->name);
	val_set_str(page, "keywords", w->tmp.data);

	crumbs_unit(w, ctx, it->url, it->unit, 0);
	path = cat_path(u, it->cat, 1);
	crumb(ctx, cat->title, rel_href(it->url, path), 0);
	free(path);
	crumb(ctx, it->title, NULL, 1);

	iv = val_set(ctx, "item", val_map());
	val_set_ref(iv, "title", it->title);
	val_set_str(iv, "index_no", it->index_no != NULL ? it->index_no :
	    "无");
	val_set_ref(iv, "publisher", u->name);
	set_day(iv, "date", it->date);
	set_day(iv, "written", it->written);
	val_set_str(iv, "doc_no", it->doc_no != NULL ? it->doc_no : "无");
	val_set_str(iv, "topic", it->topic != NULL ? it->topic : "无");
	st = item_state(w, it);
	val_set_ref(iv, "status", state_text[st]);
	val_set_ref(iv, "status_class", state_class[st]);
	val_set_bool(iv, "badge", st != 0);
	val_set_bool(iv, "expired", st == 1);
	val_set_bool(iv, "repealed", st == 2);
	set_day(iv, "expires", it->expires);
	set_day(iv, "repealed_date", it->repealed);
	if (it->replaced_idx != NO_INDEX) {
		const struct item	*rb = &s->items[it->replaced_idx];

		val_set_ref(iv, "replaced_title", rb->title);
		set_own(iv, "replaced_href", rel_href(it->url, rb->url));
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
	set_own(iv, "cat_href", rel_href(it->url, path));
	free(path);

	val_set_str(ctx, "body", w->html.data);
	if (body.ncolumns > 0) {
		tv = val_set(ctx, "table", val_map());
		val_set_ref(tv, "caption", it->title);
		l = val_set(tv, "columns", val_list());
		for (j = 0; j < body.ncolumns; j++)
			val_push(l, val_str(body.columns[j]));
		l = val_set(tv, "rows", val_list());
		for (i = 0; i < body.nrows; i++) {
			r = val_set(val_push(l, val_map()), "cells",
			    val_list());
			for (j = 0; j < body.ncolumns; j++)
				val_push(r, val_str(body.rows[i][j] != NULL ?
				    body.rows[i][j] : ""));
		}
	} else
		val_set(ctx, "table", val_null());
	/* who approved this version (none in a preview) */
	if (w->ctx->gate != NULL &&
	    (pv = out_prov_item(w->ctx, it)) != NULL)
		val_set(ctx, "provenance", pv);
	val_set_bool(ctx, "unreviewed", w->ctx->gate == NULL);
	val_set_bool(ctx, "show_provenance", w->ctx->gate == NULL ||
	    val_get(ctx, "provenance") != NULL);

	sitemap_add(w, it->url, it->date);
	rc = page_write(w, ctx, "item", it->url);
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
			ctx = page_new(w, rel, "category", cat->title,
			    cat->title);
		else {
			buf_reset(&w->tmp);
			buf_printf(&w->tmp, "%s（第%zu页）", cat->title, p);
			ctx = page_new(w, rel, "category", NULL, cat->title);
			val_set_str(val_get(ctx, "page"), "title",
			    w->tmp.data);
		}
		page_unit(w, ctx, ui, rel);
		buf_reset(&w->tmp);
		buf_printf(&w->tmp, "%s公开目录：%s，共%zu条。", u->name,
		    cat->title, uc->nitems);
		val_set_str(val_get(ctx, "page"), "description", w->tmp.data);
		crumbs_unit(w, ctx, rel, ui, 0);
		crumb(ctx, cat->title, NULL, 1);

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
				    rel_href(rel, path));
				free(path);
			} else
				val_set(pager, "prev_href", val_null());
			if (p < npages) {
				path = cat_path(u, c, p + 1);
				set_own(pager, "next_href",
				    rel_href(rel, path));
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
				set_own(pe, "phref", rel_href(rel, path));
				free(path);
				val_set_bool(pe, "current", k == p);
			}
		} else
			val_set(ctx, "pager", val_null());
		sitemap_add(w, rel, uc->nitems > 0 ?
		    w->site->items[uc->items[0]].date : NO_DATE);
		if (page_write(w, ctx, "category", rel) == -1)
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
	char			*rel = unit_path(u, "index.html"), *path;
	struct val		*ctx, *l, *su;
	size_t			 i;
	int			 rc;

	ctx = page_new(w, rel, "unit", u->name, "首页");
	page_unit(w, ctx, ui, rel);
	crumbs_unit(w, ctx, rel, ui, 1);
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
		val_set_ref(su, "level_name", level_name(c->level_id));
		path = unit_path(c, "index.html");
		set_own(su, "href", rel_href(rel, path));
		free(path);
		val_set_num(su, "count", (double)unit_count(s, c));
	}
	val_set_bool(ctx, "has_subunits", u->nchildren > 0);
	val_set(ctx, "report", w->ctx->report != NULL ?
	    out_report_unit(w->ctx, ui, rel) : val_null());
	sitemap_add(w, rel, w->nnewest > 0 ?
	    s->items[w->newest[0]].date : NO_DATE);
	rc = page_write(w, ctx, "unit", rel);
	free(rel);
	return rc;
}

static int
render_guide(struct web *w, size_t ui)
{
	const struct unit	*u = &w->site->units[ui];
	char			*rel = unit_path(u, "guide.html"), *path;
	struct val		*ctx, *l, *e;
	size_t			 c;
	int			 rc;

	ctx = page_new(w, rel, "guide", "信息公开指南", "信息公开指南");
	page_unit(w, ctx, ui, rel);
	buf_reset(&w->tmp);
	buf_printf(&w->tmp, "%s信息公开指南：主动公开的范围和目录、"
	    "依申请公开的办理程序、监督和救济渠道。", u->name);
	val_set_str(val_get(ctx, "page"), "description", w->tmp.data);
	crumbs_unit(w, ctx, rel, ui, 0);
	crumb(ctx, "信息公开指南", NULL, 1);
	val_set(ctx, "catalogue", catalogue_val(w, ui, rel));
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
		set_own(e, "href", rel_href(rel, path));
		free(path);
	}
	val_set_bool(ctx, "has_supervision", val_get(ctx, "supervision")->n
	    > 0);
	sitemap_add(w, rel, NO_DATE);
	rc = page_write(w, ctx, "guide", rel);
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
	char			*rel = unit_path(u, "feed.xml"), *path;
	struct val		*ctx = val_map(), *f, *l, *e;
	size_t			 i;
	int			 rc;

	f = val_set(ctx, "feed", val_map());
	buf_reset(&w->tmp);
	buf_printf(&w->tmp, "%s - %s", u->name, w->cfg->title);
	set_own(f, "title", xml_clean(w->tmp.data));
	set_own(f, "author", xml_clean(u->name));
	path = unit_path(u, "index.html");
	set_own(f, "id", abs_url(w, path));
	set_own(f, "href", abs_url(w, path));
	free(path);
	set_own(f, "self", abs_url(w, rel));
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
		set_own(e, "url", abs_url(w, it->url));
		set_own(e, "id", abs_url(w, it->url));
		buf_reset(&w->tmp);
		atom_time(it->date, &w->tmp);
		val_set_str(e, "updated", w->tmp.data);
		set_own(e, "summary", xml_clean(w->feedsum[i] != NULL ?
		    w->feedsum[i] : it->title));
		val_set_ref(e, "cat_id", cat->id);
		set_own(e, "cat_title", xml_clean(cat->title));
		val_set_ref(e, "status", state_text[item_state(w, it)]);
		val_set_bool(e, "badge", item_state(w, it) != 0);
	}
	buf_reset(&w->page);
	rc = tmpl_render(w->ctx->tmpl, "feed", ctx, &w->page);
	val_free(ctx);
	if (rc == 0)
		rc = fsout_write(w->ctx->fs, rel, w->page.data, w->page.len);
	free(rel);
	return rc;
}

/* Every page of unit ui. */
static void
render_unit(struct web *w, size_t ui)
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

/* ---- files copied as they are --------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole file into b (replacing its content); 0 or -1. */
static int
read_file(const char *path, struct buf *b)
{
	FILE	*fp;
	char	 chunk[65536];
	size_t	 n;
	int	 rc = 0;

	buf_reset(b);
	if ((fp = fopen(path, "rb")) == NULL) {
		diag_error(path, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(b, chunk, n);
	if (ferror(fp)) {
		diag_error(path, 0, 0, "cannot read: %s", strerror(errno));
		rc = -1;
	}
	fclose(fp);
	return rc;
}

/* Copies folder dir (on disk) to rel in the output, in name order,
 * skipping names that start with '.'. */
static int
copy_tree(struct web *w, const char *dir, const char *rel)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		**names = NULL, *src, *dst;
	size_t		 n = 0, cap = 0, i;
	int		 rc = 0;

	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return 0;
		diag_error(dir, 0, 0, "cannot open folder: %s",
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xgrow(&names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	xqsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		src = xasprintf("%s/%s", dir, names[i]);
		dst = xasprintf("%s/%s", rel, names[i]);
		if (stat(src, &st) == -1) {
			diag_error(src, 0, 0, "cannot read: %s",
			    strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if (copy_tree(w, src, dst) == -1)
				rc = -1;
		} else if (S_ISREG(st.st_mode)) {
			if (read_file(src, &w->tmp) == -1 ||
			    fsout_write(w->ctx->fs, dst, w->tmp.data,
			    w->tmp.len) == -1)
				rc = -1;
		}
		free(src);
		free(dst);
		free(names[i]);
	}
	free(names);
	return rc;
}

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

static int
copy_attachments(struct web *w)
{
	const struct site	*s = w->site;
	size_t			 i, u;
	int			 rc = 0, r;

	for (i = 0; i < s->natts; i++) {
		u = attachment_unit(s, s->atts[i].path);
		if (u == NO_INDEX || !built(w, u))
			continue;
		r = source_read(w->ctx->src, s->atts[i].path, &w->tmp);
		if (r == 1) {
			diag_error(s->atts[i].path, 0, 0, "attachment "
			    "vanished while building");
			r = -1;
		}
		if (r == -1 || fsout_write(w->ctx->fs, s->atts[i].url,
		    w->tmp.data, w->tmp.len) == -1)
			rc = -1;
	}
	return rc;
}

/* ---- the driver ------------------------------------------------------ */

/* The host of a base URL: "https://a.b/x/" -> "a.b" (caller frees). */
static char *
url_host(const char *url)
{
	const char	*p = strstr(url, "://");

	p = p != NULL ? p + 3 : url;
	return xstrndup(p, strcspn(p, "/:?#"));
}

int
out_web_render(const struct out_ctx *ctx)
{
	struct web	 w;
	size_t		 u;
	char		*assets;

	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.site = ctx->site;
	w.cfg = ctx->site->cfg;
	w.domain = url_host(w.cfg->base_url);
	buf_init(&w.page);
	buf_init(&w.tmp);
	buf_init(&w.html);
	buf_init(&w.map);
	w.mapsplit = sitemap_total(&w) > SITEMAP_MAX;

	if (render_portal(&w) == -1)
		w.rc = -1;
	for (u = 0; u < w.site->nunits; u++)
		if (built(&w, u))
			render_unit(&w, u);
	if (copy_attachments(&w) == -1)
		w.rc = -1;
	assets = xasprintf("%s/assets", ctx->themedir);
	if (copy_tree(&w, assets, "assets") == -1)
		w.rc = -1;
	free(assets);
	if (sitemap_finish(&w) == -1)
		w.rc = -1;

	free(w.domain);
	free(w.pos);
	buf_dispose(&w.page);
	buf_dispose(&w.tmp);
	buf_dispose(&w.html);
	buf_dispose(&w.map);
	return w.rc;
}

/* ---- for other renderers -------------------------------------------- */

struct val *
out_web_page(const struct out_ctx *ctx, const char *rel, const char *kind,
    const char *title, size_t u, const char *label)
{
	struct web	 w;
	struct val	*v;

	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.site = ctx->site;
	w.cfg = ctx->site->cfg;
	w.domain = url_host(w.cfg->base_url);
	buf_init(&w.tmp);
	v = page_new(&w, rel, kind, title, title);
	if (u != NO_INDEX) {
		page_unit(&w, v, u, rel);
		crumbs_unit(&w, v, rel, u, 0);
	} else
		crumb(v, "首页", rel_href(rel, "index.html"), 0);
	crumb(v, label, NULL, 1);
	/* page_new borrows the domain, which dies here */
	val_set_str(val_get(v, "site"), "domain", w.domain);
	free(w.domain);
	buf_dispose(&w.tmp);
	return v;
}

const char *
out_web_level_name(const char *id)
{
	return level_name(id);
}
