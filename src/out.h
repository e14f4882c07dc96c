/*
 * out.h -- what every renderer gets: the loaded site and where to write.
 *
 * Renderers share one shape: out_<kind>_render(const struct out_ctx *)
 * returns 0 or -1 (diagnostic emitted).  They read the model, never
 * change it, and write only through fsout.
 */
#ifndef GONGKAI_OUT_H
#define GONGKAI_OUT_H

#include <stddef.h>

struct buf;
struct fsout;
struct item;
struct prov;
struct progdata;
struct report;
struct site;
struct source;
struct theme;
struct tmpl_set;
struct val;

struct out_ctx {
	const struct site	*site;	   /* the model */
	struct source		*src;	   /* reads item bodies, attachments */
	struct fsout		*fs;	   /* the output folder */
	const struct tmpl_set	*tmpl;	   /* the theme's compiled templates */
	const struct theme	*theme;   /* its assets (theme.h) */
	int			 preview;  /* unapproved preview: banner, noindex */
	size_t			 only;	   /* unit to build, or NO_INDEX for all */
	long			 today;	   /* day number "now" (commit date) */
	const char		*version;  /* short commit id, or NULL */
	const struct prov	*prov;	   /* the published answer (prov.h),
					      never NULL; not gated in a
					      preview */
	int			 only_one; /* 1: unit only alone, not its
					      sub-units (gongkai print) */
	double			 bleed_mm; /* PDFs: bleed and crop marks */
	int			 grey;	   /* PDFs: greyscale */
	const struct report	*report;   /* completeness (report.h), or
					      NULL: no report pages */
	const struct progdata	*progdata; /* the record programmes'
					      records (progdata.h), or NULL */
	const char		*pdf_cache; /* folder of finished PDFs by
					      digest (cachedir.h, "pdf"), or
					      NULL: none */
	const char		*body_cache; /* folder of YAML items'
					      bodies (bodycache.h), or NULL */
	const char		*fold_cache; /* folder of the search
					      index's texts (foldcache.h),
					      or NULL */
	int			 jobs;	   /* worker processes for pages and
					      PDFs (--jobs), or 0: PDFs in
					      GONGKAI_JOBS or one a CPU */
	/* What this process writes of the site it belongs to (shards,
	 * DESIGN.md section 7): the site is still every unit page_built
	 * says, and links go to all of them. */
	const unsigned char	*mine;	   /* per unit, 1: its files are
					      written here (page_mine), or
					      NULL: every built unit's */
	int			 no_root;  /* 1: no root files (a shard) */
	int			 no_units; /* 1: no unit's files, only the
					      root ones (--root-only) */
	const char		*code;	   /* memo_code's key, or NULL:
					      the search index is made
					      whole */
	struct val		*site_val; /* page_new's site map (page_site),
					      owned, shared by every page; or
					      NULL: made for each */
	const char		*memo;	   /* memo_site's key: unit pages
					      whose inputs did not change
					      are taken over from the
					      earlier build; NULL: every
					      page is made */
};

/* The web site: portal, unit homes, category lists, items, guides,
 * feeds, sitemap, assets. */
int	out_web_render(const struct out_ctx *);

/*
 * Print pages of every unit whose level has them: <unit>/print/
 * board.pdf and board.html (公开栏 poster, `board`), handout.pdf and
 * handout.html (印刷品 booklet, `handout`).  Loads the fonts once and
 * makes the PDFs in GONGKAI_JOBS (default: the online CPUs) worker
 * processes; the output is the same bytes.  With ctx->memo, a PDF or a
 * twin whose inputs did not change since the earlier build is taken
 * over from it, not made (memo_unit_with); with ctx->pdf_cache, a PDF
 * laid out the same as one made before is not finished again but
 * taken from that folder, named by its digest (pdf_digest).
 */
int	out_print_render(const struct out_ctx *);

/*
 * Copies the theme's assets/<name> into the output unless it is there
 * already (a build's web renderer copies every asset; `gongkai print`
 * needs a few).  Returns 0 or -1.
 */
int	out_print_asset(const struct out_ctx *, const char *name);

/*
 * Finishes pdf into out (replacing its content), or takes the same
 * bytes from ctx->pdf_cache when a PDF of the same digest was made
 * before (and caches a new one): for other renderers' PDFs.  Returns
 * 0 or -1.
 */
struct pdf;
int	out_print_finish(const struct out_ctx *, struct pdf *pdf,
	    struct buf *out);

/*
 * An inline SVG (role="img", the URL as its label) of the QR code of
 * url, for HTML pages (caller frees); NULL after reporting against
 * path that url cannot be encoded.
 */
char	*out_print_qr_svg(const char *path, const char *url);

/*
 * Electronic displays (电子显示屏) of every unit whose level has
 * `display`: <unit>/display/index.html (a slideshow that needs no
 * script), ticker.txt and ticker.gb18030.txt (LED marquees).
 */
int	out_display_render(const struct out_ctx *);

/*
 * Touch screens (电子触摸屏) of every unit whose level has `kiosk`:
 * <unit>/kiosk/index.html (the catalogue as large buttons),
 * <unit>/kiosk/<category>/index.html and <category>/<slug>.html (its
 * items in force with `kiosk` in their outputs).  No link leaves the
 * unit's kiosk folder; kiosk.js returns to the start when idle.
 */
int	out_kiosk_render(const struct out_ctx *);

/*
 * 专栏 fragments of every unit whose level has `embed`:
 * <unit>/embed/catalogue.html (an HTML fragment, classes gk-, absolute
 * links under site.base_url), gk-embed.css (its stylesheet) and
 * latest.json (its newest items as JSON Feed 1.1; like the web,
 * every item, whatever its `outputs`).
 */
int	out_embed_render(const struct out_ctx *);

/*
 * The completeness report (report.h) of ctx->report: report.html and
 * report.json (every unit built, worst first), <unit>/report.html (its
 * categories, flagged items, waiting paths and the units below it,
 * worst first) and, for levels with `annual`, the annual disclosure
 * reports <unit>/annual/<year>.html.  Nothing without ctx->report.
 * With ctx->memo, the root's files and each unit's are taken over from
 * the earlier build when what they show did not change (memo.h).
 */
int	out_report_render(const struct out_ctx *);
/* Hands fn (progpage.h's pp_sitemap_fn) the report pages of unit u that
 * out_report_render makes, for sitemap.xml: its report page when the
 * site shows completeness (show_completeness), then its annual
 * reports, oldest first.  Returns how many (none without
 * ctx->report). */
size_t	out_report_sitemap(const struct out_ctx *, size_t u,
	    void (*fn)(void *arg, const char *rel, long lastmod), void *arg);

/*
 * Appends the report as JSON to out, for report.json and `gongkai
 * report --json`: the units under scope (a unit index, or NO_INDEX for
 * all); commit is the built commit's id or NULL.  With a progdata,
 * each unit lists its programme_gaps (progdata_gap_list()) and the
 * root counts them.  Built a unit at a
 * time, so memory holds the text, not a value tree of it.
 */
void	out_report_json(const struct report *, const struct progdata *,
	    size_t scope, const char *commit, struct buf *out);

/*
 * The completeness line of unit u's home page seen from page rel:
 * {percent, ok, required, gaps, has_gaps, sub_percent, has_subtree,
 * href}.  The caller owns the value.
 */
struct val *out_report_unit(const struct out_ctx *, size_t u,
	    const char *rel);

/*
 * The programmes (prog.h) of every unit built: each programme's pages
 * under <unit>/<programme>/, from the files the source holds.
 */
int	out_prog_render(const struct out_ctx *);

/*
 * The search page search.html and its index under assets/search/
 * (search.h): the text every item page built shows, numbered newest
 * first, split into small script files the page loads a few at a time.
 */
int	out_search_render(const struct out_ctx *);

/* provenance.json: every published path, its version and approvals.
 * Nothing in a preview. */
int	out_prov_render(const struct out_ctx *);

/*
 * The provenance of item it for its page: a map {version, commit,
 * date (the day it was published), approvals: [{reviewer, name,
 * fingerprint, commit, date}], waiting}, or NULL when it has none (a
 * preview).  The caller owns the value.
 */
struct val *out_prov_item(const struct out_ctx *, const struct item *it);

#endif
