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

struct fsout;
struct site;
struct source;
struct tmpl_set;
struct gate;
struct item;
struct val;

struct out_ctx {
	const struct site	*site;	   /* the model */
	struct source		*src;	   /* reads item bodies, attachments */
	struct fsout		*fs;	   /* the output folder */
	const struct tmpl_set	*tmpl;	   /* the theme's compiled templates */
	const char		*themedir; /* theme folder (assets/ is copied) */
	int			 preview;  /* unapproved preview: banner, noindex */
	size_t			 only;	   /* unit to build, or NO_INDEX for all */
	long			 today;	   /* day number "now" (commit date) */
	const char		*version;  /* short commit id, or NULL */
	const struct gate	*gate;	   /* the gate's decisions, NULL in preview */
	int			 only_one; /* 1: unit only alone, not its
					      sub-units (gongkai print) */
	double			 bleed_mm; /* PDFs: bleed and crop marks */
	int			 grey;	   /* PDFs: greyscale */
};

/* The web site: portal, unit homes, category lists, items, guides,
 * feeds, sitemap, assets. */
int	out_web_render(const struct out_ctx *);

/*
 * Print pages of every unit whose level has them: <unit>/print/
 * board.pdf and board.html (公开栏 poster, `board`), handout.pdf and
 * handout.html (印刷品 booklet, `handout`).  Loads the fonts once.
 */
int	out_print_render(const struct out_ctx *);

/*
 * Copies the theme's assets/<name> into the output unless it is there
 * already (a build's web renderer copies every asset; `gongkai print`
 * needs a few).  Returns 0 or -1.
 */
int	out_print_asset(const struct out_ctx *, const char *name);

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

/* provenance.json: every published path, its version and approvals.
 * Nothing in a preview. */
int	out_prov_render(const struct out_ctx *);

/*
 * The provenance of item it for its page: a map {version, commit, date,
 * approvals: [{reviewer, name, fingerprint, commit, date}]}, or NULL in
 * a preview.  The caller owns the value.
 */
struct val *out_prov_item(const struct out_ctx *, const struct item *it);

#endif
