/*
 * page.c -- the scaffolding every HTML page shares; see page.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "esc.h"
#include "fsout.h"
#include "out.h"
#include "page.h"
#include "site.h"
#include "tmpl.h"
#include "util.h"
#include "val.h"
#include "workday.h"

#define SUMMARY_CHARS	120	/* longest summary taken from a text */

int
page_built(const struct out_ctx *ctx, size_t u)
{
	if (ctx->only == NO_INDEX)
		return 1;
	if (ctx->only_one)
		return u == ctx->only;
	return site_under(ctx->site, u, ctx->only);
}

int
page_mine(const struct out_ctx *ctx, size_t u)
{
	return !ctx->no_units && (ctx->mine == NULL || ctx->mine[u]) &&
	    page_built(ctx, u);
}

int
page_root_mine(const struct out_ctx *ctx)
{
	return !ctx->no_root;
}

void
page_root(struct buf *b, const char *rel)
{
	for (; *rel != '\0'; rel++)
		if (*rel == '/')
			buf_puts(b, "../");
}

void
page_rel(struct buf *b, const char *from, const char *to)
{
	size_t	i, common = 0;

	for (i = 0; from[i] != '\0' && from[i] == to[i]; i++)
		if (from[i] == '/')
			common = i + 1;
	page_root(b, from + common);
	esc_url_path(b, to + common);
}

char *
page_href(const char *from, const char *to)
{
	struct buf	b = BUF_INIT;

	page_rel(&b, from, to);
	return buf_detach(&b, NULL);
}

char *
page_url(const struct config *cfg, const char *rel)
{
	struct buf	b = BUF_INIT;

	buf_puts(&b, cfg->base_url);
	esc_url_path(&b, rel);
	return buf_detach(&b, NULL);
}

char *
page_unit_path(const struct unit *u, const char *name)
{
	return xasprintf("%s/%s", u->dir, name);
}

char *
page_cn_day(long d)
{
	struct date	dt;

	date_from_days(d, &dt);
	return xasprintf("%d年%d月%d日", dt.year, dt.month, dt.day);
}

void
page_set_day(struct val *m, const char *k, long d)
{
	struct date	dt;
	char		tmp[DATE_BUFSZ];

	if (d == NO_DATE) {
		val_set(m, k, val_null());
		return;
	}
	date_from_days(d, &dt);
	val_set_str(m, k, date_fmt(tmp, &dt));
}

static void
set_own(struct val *m, const char *k, char *s)
{
	val_set(m, k, val_str_own(s));
}

/* ---- summaries -------------------------------------------------------- */

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

void
page_summary(const char *s, struct buf *out)
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

/* ---- phone numbers ---------------------------------------------------- */

static int
is_tel_sep(int c)
{
	return c == '-' || c == ' ' || c == '(' || c == ')';
}

/* 1 if the n bytes at s are a date "YYYY-MM-DD". */
static int
is_date(const char *s, size_t n)
{
	size_t	i;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < n; i++)
		if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
			return 0;
	return 1;
}

static void
tel_piece(struct val *l, const char *s, size_t n, const char *tel)
{
	struct val	*m;

	if (n == 0)
		return;
	m = val_push(l, val_map());
	val_set(m, "text", val_strn(s, n));
	if (tel != NULL)
		val_set_str(m, "tel", tel);
	else
		val_set(m, "tel", val_null());
}

struct val *
page_tel_parts(const char *s)
{
	struct val	*l = val_list();
	struct buf	 tel = BUF_INIT;
	const char	*p, *q, *start = s, *end;
	size_t		 digits;

	if (s == NULL)
		return l;
	for (p = s; *p != '\0';) {
		if (!(*p >= '0' && *p <= '9') && !(*p == '+' &&
		    p[1] >= '0' && p[1] <= '9')) {
			p++;
			continue;
		}
		/* a run of digits and separators; it ends on a digit */
		buf_reset(&tel);
		buf_puts(&tel, "tel:");
		digits = 0;
		end = p;
		for (q = p; *q != '\0'; q++) {
			if (*q >= '0' && *q <= '9') {
				buf_putc(&tel, *q);
				digits++;
				end = q + 1;
			} else if (*q == '+' && q == p)
				buf_putc(&tel, '+');
			else if (!is_tel_sep((unsigned char)*q))
				break;
		}
		/* a number glued to letters or a decimal is not a phone */
		if ((digits == 5 || (digits >= 7 && digits <= 15)) &&
		    !is_date(p, (size_t)(end - p)) && *end != '.' &&
		    !(p > s && (p[-1] == '.' || (p[-1] >= 'A' &&
		    p[-1] <= 'z')))) {
			tel_piece(l, start, (size_t)(p - start), NULL);
			tel_piece(l, p, (size_t)(end - p), tel.data);
			start = end;
		}
		p = end > p ? end : p + 1;
	}
	tel_piece(l, start, strlen(start), NULL);
	buf_dispose(&tel);
	return l;
}

/* ---- page contexts ---------------------------------------------------- */

/* The host of a base URL: "https://a.b/x/" -> "a.b" (caller frees). */
static char *
url_host(const char *url)
{
	const char	*p = strstr(url, "://");

	p = p != NULL ? p + 3 : url;
	return xstrndup(p, strcspn(p, "/:?#"));
}

struct val *
page_site(const struct out_ctx *oc)
{
	const struct config	*cfg = oc->site->cfg;
	struct val		*site = val_map();

	val_set_ref(site, "title", cfg->title);
	set_own(site, "domain", url_host(cfg->base_url));
	val_set_ref(site, "base_url", cfg->base_url);
	val_set_ref(site, "org", cfg->footer_org);
	val_set_ref(site, "site_code", cfg->footer_site_code);
	val_set_ref(site, "icp", cfg->footer_icp);
	val_set_ref(site, "psb", cfg->footer_psb);
	val_set_ref(site, "contact", cfg->footer_contact);
	val_set(site, "contact_parts", page_tel_parts(cfg->footer_contact));
	/* a contact line that names the hotline already: say it once */
	val_set_bool(site, "contact_has_hotline", cfg->footer_contact !=
	    NULL && strstr(cfg->footer_contact, cfg->hotline) != NULL);
	val_set_ref(site, "version", oc->version);
	val_set_ref(site, "hotline", cfg->hotline);
	val_set_bool(site, "show_completeness", cfg->show_completeness);
	return site;
}

struct val *
page_new(const struct out_ctx *oc, const char *rel, const char *kind,
    const char *title, const char *column)
{
	const struct config	*cfg = oc->site->cfg;
	struct val		*ctx = val_map(), *page;
	struct buf		 b = BUF_INIT;

	page_root(&b, rel);
	set_own(ctx, "root", buf_detach(&b, NULL));
	val_set_bool(ctx, "preview", oc->preview);
	val_set(ctx, "site", oc->site_val != NULL ?
	    val_share(oc->site_val) : page_site(oc));
	page = val_set(ctx, "page", val_map());
	val_set_str(page, "kind", kind);
	val_set_ref(page, "title", title);
	/* the portal is named as the site: its <title> says it once */
	val_set_bool(page, "site_named", title != NULL && cfg->title != NULL &&
	    strcmp(title, cfg->title) == 0);
	val_set_ref(page, "column", column);
	val_set_bool(page, "article", 0);
	val_set(page, "pubdate", val_null());
	val_set_ref(page, "source", cfg->footer_org);
	val_set(page, "keywords", val_null());
	val_set(page, "description", val_null());
	set_own(page, "url", page_url(cfg, rel));
	val_set_str(ctx, "contact_href", "#site-contact");
	val_set(ctx, "crumbs", val_list());
	return ctx;
}

void
page_crumb(struct val *ctx, const char *label, char *href, int current)
{
	struct val	*c = val_push(val_get(ctx, "crumbs"), val_map());

	val_set_ref(c, "label", label);
	if (href != NULL)
		set_own(c, "href", href);
	else
		val_set(c, "href", val_null());
	val_set_bool(c, "current", current);
}

void
page_crumbs_unit(const struct out_ctx *oc, struct val *ctx, const char *rel,
    size_t u, int last)
{
	const struct site	*s = oc->site;
	size_t			 chain[64], n = 0, i, v;
	char			*home;

	page_crumb(ctx, "首页", page_href(rel, "index.html"), 0);
	for (v = u; v != NO_INDEX && n < 64; v = s->units[v].parent)
		chain[n++] = v;
	for (i = n; i-- > 0;) {
		v = chain[i];
		if (i == 0 && last) {
			page_crumb(ctx, s->units[v].name, NULL, 1);
			continue;
		}
		if (page_built(oc, v)) {
			home = page_unit_path(&s->units[v], "index.html");
			page_crumb(ctx, s->units[v].name,
			    page_href(rel, home), 0);
			free(home);
		} else
			page_crumb(ctx, s->units[v].name, NULL, 0);
	}
}

char *
page_mailto(const char *a)
{
	struct buf	 b = BUF_INIT;
	const char	*at;
	char		*local;

	if (a == NULL)
		return NULL;
	buf_puts(&b, "mailto:");
	if ((at = strrchr(a, '@')) == NULL)
		esc_url_path(&b, a);
	else {
		local = xstrndup(a, (size_t)(at - a));
		esc_url_path(&b, local);
		free(local);
		buf_putc(&b, '@');
		esc_url_path(&b, at + 1);
	}
	return buf_detach(&b, NULL);
}

/* The unit map: name, level, hrefs, contact details, parent. */
struct val *
page_unit_val(const struct out_ctx *oc, size_t ui, const char *rel)
{
	const struct site	*s = oc->site;
	const struct unit	*u = &s->units[ui];
	struct val		*m = val_map(), *p;
	char			*path;

	val_set_ref(m, "name", u->name);
	val_set_ref(m, "level", u->level_id);
	val_set_ref(m, "level_name", u->level->title);
	val_set_ref(m, "dir", u->dir);
	val_set_ref(m, "code", u->code);
	val_set_ref(m, "org_code", u->org_code);
	val_set_ref(m, "address", u->address);
	val_set_ref(m, "postcode", u->postcode);
	val_set_ref(m, "phone", u->phone);
	val_set(m, "phone_parts", page_tel_parts(u->phone));
	val_set_ref(m, "hours", u->hours);
	val_set_ref(m, "email", u->email);
	if (u->email != NULL)
		set_own(m, "email_href", page_mailto(u->email));
	val_set_ref(m, "description", u->description);
	val_set_num(m, "count", (double)site_unit_items(s, ui));
	path = page_unit_path(u, "index.html");
	set_own(m, "href", page_href(rel, path));
	free(path);
	path = page_unit_path(u, "guide.html");
	set_own(m, "guide_href", page_href(rel, path));
	free(path);
	path = page_unit_path(u, "feed.xml");
	set_own(m, "feed_href", page_href(rel, path));
	free(path);
	if (u->parent == NO_INDEX) {
		val_set(m, "parent", val_null());
		return m;
	}
	p = val_set(m, "parent", val_map());
	val_set_ref(p, "name", s->units[u->parent].name);
	if (page_built(oc, u->parent)) {
		path = page_unit_path(&s->units[u->parent], "index.html");
		set_own(p, "href", page_href(rel, path));
		free(path);
	} else
		val_set(p, "href", val_null());
	return m;
}

struct val *
page_unit(const struct out_ctx *oc, struct val *ctx, size_t ui,
    const char *rel)
{
	const struct unit	*u = &oc->site->units[ui];
	struct val		*uv, *page = val_get(ctx, "page");
	struct buf		 b = BUF_INIT;
	char			*path = page_unit_path(u, "guide.html");

	uv = val_set(ctx, "unit", page_unit_val(oc, ui, rel));
	val_set_ref(page, "source", u->name);
	page_summary(u->description != NULL ? u->description : u->name, &b);
	val_set_str(page, "description", b.data);
	buf_reset(&b);
	buf_printf(&b, "%s,%s,信息公开,阳光计生", u->name, u->level->title);
	val_set_str(page, "keywords", b.data);
	buf_reset(&b);
	page_rel(&b, rel, path);
	buf_puts(&b, "#contact");
	set_own(ctx, "contact_href", buf_detach(&b, NULL));
	free(path);
	return uv;
}

struct val *
page_for(const struct out_ctx *oc, const char *rel, const char *kind,
    const char *title, size_t u, const char *label)
{
	struct val	*v = page_new(oc, rel, kind, title, title);

	if (u != NO_INDEX) {
		page_unit(oc, v, u, rel);
		page_crumbs_unit(oc, v, rel, u, 0);
	} else
		page_crumb(v, "首页", page_href(rel, "index.html"), 0);
	page_crumb(v, label, NULL, 1);
	return v;
}

int
page_write(const struct out_ctx *oc, struct val *page, const char *tmpl,
    const char *rel, struct buf *b)
{
	int	rc;

	buf_reset(b);
	rc = tmpl_render(oc->tmpl, tmpl, page, b);
	val_free(page);
	if (rc == -1)
		return -1;
	return fsout_write(oc->fs, rel, b->data, b->len);
}

struct val *
page_table(const struct item_body *body, const char *caption,
    const char *label, int borrow)
{
	struct val	*(*str)(const char *) = borrow ? val_str_ref : val_str;
	struct val	*tv = val_map(), *l, *r;
	size_t		 i, j;

	val_set_ref(tv, "caption", caption);
	if (label != NULL)
		val_set_str(tv, "label", label);
	else
		val_set_ref(tv, "label", caption);
	l = val_set(tv, "columns", val_list());
	for (j = 0; j < body->ncolumns; j++)
		val_push(l, str(body->columns[j]));
	l = val_set(tv, "rows", val_list());
	for (i = 0; i < body->nrows; i++) {
		r = val_set(val_push(l, val_map()), "cells", val_list());
		for (j = 0; j < body->ncolumns; j++)
			val_push(r, str(body->rows[i][j] != NULL ?
			    body->rows[i][j] : ""));
	}
	return tv;
}
