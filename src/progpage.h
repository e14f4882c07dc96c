/*
 * progpage.h -- the pages of the record programmes (evaluation,
 * reporting, supervisors, media, rectification, leadership,
 * assessment): one template, prog.mustache, reads a page made of
 * sections, each with paragraphs, trusted HTML (a chart, a Markdown
 * body), a table and a list of links.  The programme modules
 * (prog_<id>.c) fill them from progdata.h; this module also holds the
 * run hook they share.
 */
#ifndef GONGKAI_PROGPAGE_H
#define GONGKAI_PROGPAGE_H

#include <stddef.h>

struct buf;
struct out_ctx;
struct prog_ctx;
struct progdata;
struct site;
struct val;

/*
 * A page at output path rel of unit u: its header, crumbs down to the
 * unit, then to the programme's index (index_rel, unless the page is
 * that index: NULL) titled prog_title, then label.  heading is the
 * page's <h1>.
 */
struct val	*pp_page(const struct out_ctx *, const char *rel, size_t u,
		    const char *prog_title, const char *index_rel,
		    const char *heading);
/* Output path "<unit dir>/<programme>/<slug><ext>" (caller frees). */
char		*pp_record_path(const struct site *, size_t u, int prog,
		    const char *slug, const char *ext);
/* The link from rel to output path to of a page of unit u, or NULL
 * when u is not built in this run (a shard: --unit). */
char		*pp_href(const struct out_ctx *, const char *rel, size_t u,
		    const char *to);
/* Sets key k of m to href (taken over), or null. */
void		 pp_set_href(struct val *m, const char *k, char *href);
/* A lead paragraph under the <h1>. */
void		 pp_lead(struct val *page, const char *text);
/* A new section (heading may be NULL); owned by page. */
struct val	*pp_section(struct val *page, const char *heading);
void		 pp_para(struct val *sec, const char *text);
/* Appends trusted HTML (taken over). */
void		 pp_html(struct val *sec, char *html);
/* A table with caption (or NULL: its region is named by the section's
   heading, else the page's) and NULL-terminated column heads. */
struct val	*pp_table(struct val *sec, const char *caption,
		    const char *const *heads);
struct val	*pp_row(struct val *table);
/* A cell: text, a link (href taken over, or NULL), numeric (right). */
void		 pp_cell(struct val *row, const char *text, char *href,
		    int num);
/* A link in the section's list, with a note after it (or NULL). */
void		 pp_link(struct val *sec, const char *text, char *href,
		    const char *note);
/* Renders page with prog.mustache to rel. */
int		 pp_write(const struct out_ctx *, struct val *page,
		    const char *rel);
/* Markdown (text of len bytes at line0 of path) as HTML for pp_html,
 * headings from level 3. */
char		*pp_markdown(const char *path, int line0, const char *text,
		    size_t len);

/* The Markdown body of the .md record at path, as loaded and checked
 * (progdata_text), as HTML into out.  Returns 0 or -1 after a
 * diagnostic. */
int		 pp_body(const struct out_ctx *, const char *path,
		    struct buf *out);

/* The run hook of every record programme (prog.h). */
int		 prog_records_run(const struct prog_ctx *);

/* Each programme's pages from the records (prog_<id>.c). */
int	prog_evaluation_render(const struct out_ctx *, const struct progdata *);
int	prog_reporting_render(const struct out_ctx *, const struct progdata *);
int	prog_supervisors_render(const struct out_ctx *,
	    const struct progdata *);
int	prog_media_render(const struct out_ctx *, const struct progdata *);
int	prog_rectification_render(const struct out_ctx *,
	    const struct progdata *);
int	prog_leadership_render(const struct out_ctx *,
	    const struct progdata *);
int	prog_assessment_render(const struct out_ctx *,
	    const struct progdata *);

/*
 * The rectifications citing record `record` of programme cause (a
 * rect_cause) of unit u, as links seen from rel, into sec; nothing if
 * there is none.
 */
void	pp_cited_by(const struct out_ctx *, const struct progdata *,
	    struct val *sec, int cause, size_t u, const char *record,
	    const char *rel);

/* The same as a value {links [{text, href, note}], has_links} for
 * another programme's page (a hotline month's); caller owns it. */
struct val	*pp_cited_val(const struct out_ctx *, int cause, size_t u,
		    const char *record, const char *rel);

/*
 * The programmes' part of unit u's home page seen from rel (for
 * unit.mustache and guide.mustache): {leadership {head, deputies,
 * members, office, budgeted, href} or null, evaluations [{title, href,
 * rate, date}] of u as subject, open [{title, href, deadline,
 * overdue}] open rectifications of u, has_*}.  Caller owns it.
 */
struct val	*pp_home(const struct out_ctx *, size_t u, const char *rel);

/*
 * The 阳光计生行动 section of unit u's annual report for year seen from
 * rel (prog_annual.c), with hotline the months of u and the units under
 * it (prog_hotline_all): {hotline [{month, missing, calls, closed, rate
 * (null: no call), href}] (the year's months from u's first reported
 * one to its last; missing: no file, no other key), hotline_chart,
 * hotline_total, hotline_closed, hotline_rate (null: no call),
 * hotline_missing (months), missing_text, evaluations [{title, kind,
 * subject, rate, respondents, href}], open [{title, unit, deadline,
 * overdue, href}], has_*, any}, over u and the units under it.
 * Caller owns it.
 */
struct hl_months;
struct val	*pp_annual(const struct out_ctx *, size_t u, int year,
		    const struct hl_months *hotline, const char *rel);

/*
 * Hands fn, in a fixed order (programme, then its index page, then its
 * records by path), each page of the programmes of unit u that
 * sitemap.xml lists: the index pages prog_unit_links() links to, the
 * hotline's month pages and the pages of u's evaluations,
 * rectifications and media responses,
 * with their lastmod day or NO_DATE.  Returns how many (fn may count
 * nothing).
 */
typedef void	(*pp_sitemap_fn)(void *arg, const char *rel, long lastmod);
size_t	pp_sitemap(const struct out_ctx *, size_t u, pp_sitemap_fn fn,
	    void *arg);

#endif
