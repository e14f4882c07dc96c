/*
 * theme.h -- where a build's theme comes from, and the only way to its
 * bytes: its templates (every *.mustache file at its top, compiled
 * once) and its assets (every file below assets/, copied to the
 * output's assets/).  Other files of a theme folder are not read.
 *
 * A theme comes from one of two places:
 *
 * - A folder chosen by ops (`--theme DIR`): trusted configuration,
 *   read from disk and used alone.
 * - The theme named by config.yaml's site.theme: the repository's
 *   themes/<name>/, read through the build's source (source.h), laid
 *   file by file over the installed theme of that name
 *   (GONGKAI_DATADIR/themes/<name>, else themes/<name> beside the
 *   program, as in a build tree): a template or asset of the repository
 *   replaces the installed file of the same name, and whatever the
 *   repository lacks (a template it does not override, or a file not
 *   yet published) comes from the installed theme.  In a gated build
 *   the source is the gate's published blobs (pubsrc.h): an unapproved
 *   file of the theme is not there, an approved one whose newer edit
 *   waits is there in its published version.  In a preview or check the
 *   source is the working tree, so editors see their own theme.
 *
 * Nothing is read through a symbolic link: a link or special file
 * anywhere in a theme folder on disk (DIR, the installed theme, or the
 * working tree's themes/<name>/ and the folders leading to it) is an
 * error, and the gate never publishes a link.  So a theme reads
 * nothing from outside its folder.
 *
 * This module takes no repository path: the repository's theme is
 * reached only through the build's source, and a gated build's source
 * reads git objects of published versions and has no folder at all
 * (source_root() is NULL).  A gated build therefore cannot read a
 * theme from the working tree.
 */
#ifndef GONGKAI_THEME_H
#define GONGKAI_THEME_H

struct buf;
struct fsout;
struct source;
struct tmpl_set;

struct theme;

/*
 * Opens and compiles the theme of a build of src: folder dir if not
 * NULL (--theme; src is then not used and may be NULL), else theme name
 * of the repository over the installed one (see above).  src must
 * outlive the theme.  Returns 0 and *out
 * (free with theme_free), or -1 after diagnostics (a theme not found,
 * a link or special file, an unreadable file, a template error).
 */
int	theme_open(struct source *src, const char *name, const char *dir,
	    struct theme **out);
void	theme_free(struct theme *);

/*
 * 0 if the theme has every page template and asset a build asks for by
 * name, else -1 after one error per missing file: build, print and
 * check call it, so check reports what would fail a build half-way.
 */
int	theme_complete(const struct theme *);

/* The compiled templates; they live as long as the theme. */
const struct tmpl_set *theme_tmpl(const struct theme *);

/* The SHA-256 (hex) of the templates' names and text: equal digests,
 * equal templates (memo.h).  Lives as long as the theme. */
const char	*theme_digest(const struct theme *);

/*
 * Writes every asset to fs as assets/<path>, in name order.  Returns
 * 0, or -1 after diagnostics.
 */
int	theme_copy_assets(const struct theme *, struct fsout *fs);

/*
 * Reads asset assets/<name> (e.g. "print.css") into out, replacing its
 * content.  Returns 0, or -1 after a diagnostic (missing, unreadable).
 */
int	theme_asset(const struct theme *, const char *name, struct buf *out);

#endif
