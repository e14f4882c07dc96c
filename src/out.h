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
};

/* The web site: portal, unit homes, category lists, items, guides,
 * feeds, sitemap, assets. */
int	out_web_render(const struct out_ctx *);

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
