/*
 * page.h -- the scaffolding every HTML page of the site shares, for
 * all renderers (out_web, out_report, ...): the page context that
 * base.mustache reads (root, site, page meta, crumbs, the unit's
 * header), links between output paths, and small pieces of template
 * data.  It reads the model and the out_ctx, never the gate.
 *
 * Output paths ("a/fees/x.html") are relative to the output root;
 * every link a page carries is relative to the page, so the site works
 * from any prefix and from disk.
 */
#ifndef GONGKAI_PAGE_H
#define GONGKAI_PAGE_H

#include <stddef.h>

struct buf;
struct config;
struct item_body;
struct out_ctx;
struct unit;
struct val;

/* 1 if unit u is rendered in this run: every unit, or ctx->only and
 * the units below it (ctx->only alone with ctx->only_one).  Links to a
 * unit's pages ask this. */
int		 page_built(const struct out_ctx *, size_t u);
/* 1 if unit u's own files are written by this process: page_built,
 * and in its shard (ctx->mine), and not --root-only.  Loops that write
 * a unit's files ask this. */
int		 page_mine(const struct out_ctx *, size_t u);
/* 1 if this process writes the root files (portal, 网站地图,
 * sitemap.xml, assets, report, provenance): not a shard. */
int		 page_root_mine(const struct out_ctx *);

/* Appends "../" for every folder of output path rel: the way from
 * the page at rel to the output root. */
void		 page_root(struct buf *, const char *rel);

/* Appends the shortest relative, percent-encoded link from the page at
 * output path from to output path to. */
void		 page_rel(struct buf *, const char *from, const char *to);

/* The same as a new string (caller frees). */
char		*page_href(const char *from, const char *to);

/* The absolute URL of output path rel under site.base_url (caller
 * frees), for feeds, sitemaps and QR codes. */
char		*page_url(const struct config *, const char *rel);

/* Output path "<unit dir>/<name>" of a page of unit u (caller frees). */
char		*page_unit_path(const struct unit *u, const char *name);

/*
 * Text s cut into pieces for a template: a list of {text, tel} where tel
 * is the tel: URI of a phone number ("tel:02887612345") for the pieces
 * that are one (a run of digits with '-', ' ', '(', ')' or a leading
 * '+', holding 5 or 7 to 15 digits: hotlines such as 12356 count;
 * years, dates and six-digit postcodes do not) and null for the text
 * around them.  For tel: links in contact details.  NULL s gives an
 * empty list.  Caller owns it.
 */
struct val	*page_tel_parts(const char *s);

/* The mailto: URI of address a, its parts around the last '@'
 * percent-encoded (esc_url_path), so that a space, quote or bracket
 * typed into it makes no invalid URL; NULL for NULL a.  Caller frees. */
char		*page_mailto(const char *a);

/* Sets key k of map m to day number d as "YYYY-MM-DD", or null for
 * NO_DATE. */
void		 page_set_day(struct val *m, const char *k, long d);

/* Day number d as readers write it, "2026年3月31日" (caller frees). */
char		*page_cn_day(long d);

/*
 * Appends to out a summary of plain text s: its whitespace folded, cut
 * after the last sentence end (。！？!?, with closing quotes) within
 * 120 characters, else at 120 characters with an ellipsis.
 */
void		 page_summary(const char *s, struct buf *out);

/* The site map of page_new, for out_ctx.site_val. */
struct val	*page_site(const struct out_ctx *);

/*
 * A new page context for output path rel: root (the way to the output
 * root), preview, site {title, domain, base_url, org, site_code, icp,
 * psb, contact, contact_parts (page_tel_parts), contact_has_hotline
 * (the contact line names the hotline already), version, hotline,
 * hotline_tel, show_completeness}, page {kind, title, column, article,
 * pubdate, source, keywords, description, url}, contact_href and an
 * empty crumbs list.  The caller owns the value.  site is oc->site_val
 * when set, shared: it is the same on every page.
 */
struct val	*page_new(const struct out_ctx *, const char *rel,
		    const char *kind, const char *title, const char *column);

/* Appends a breadcrumb {label, href, current} to page; href (taken
 * over) may be NULL: no link. */
void		 page_crumb(struct val *page, const char *label, char *href,
		    int current);

/* Breadcrumbs from the portal down to unit u seen from rel; u is a
 * link unless last is set. */
void		 page_crumbs_unit(const struct out_ctx *, struct val *page,
		    const char *rel, size_t u, int last);

/* The unit's map (name, level, level_name, dir, codes, contact
 * details, phone_parts (page_tel_parts), email_href (page_mailto),
 * count, hrefs, parent) seen from rel; the caller owns it. */
struct val	*page_unit_val(const struct out_ctx *, size_t u,
		    const char *rel);

/*
 * Sets page.unit (the unit's header: name, level, level_name, dir,
 * codes, contact details, count, hrefs, parent) and the page's unit
 * meta (source, description, keywords, contact_href) for unit u seen
 * from rel.  Returns the unit map (owned by page).
 */
struct val	*page_unit(const struct out_ctx *, struct val *page, size_t u,
		    const char *rel);

/*
 * page_new() with title as the column, the header of unit u (NO_INDEX:
 * none) and crumbs down to it ending with label (not a link).  The
 * caller owns the value.
 */
struct val	*page_for(const struct out_ctx *, const char *rel,
		    const char *kind, const char *title, size_t u,
		    const char *label);

/*
 * Renders template tmpl with page into b (reused), frees page, and
 * writes b to output path rel.  Returns 0 or -1.
 */
int		 page_write(const struct out_ctx *, struct val *page,
		    const char *tmpl, const char *rel, struct buf *b);

/* The template data of a YAML item's table: {caption, label, columns
 * [...], rows [{cells [...]}]} (cells never null).  label names the
 * region the table scrolls in: label if not NULL (on a page of several
 * items, its item's name among them, md_part's name), else the
 * caption.  Caller owns it.  borrow: the strings are the body's, which
 * outlives it (a page written before its body is disposed); else
 * copies. */
struct val	*page_table(const struct item_body *, const char *caption,
		    const char *label, int borrow);

#endif
