/*
 * tmpl.h -- the Mustache engine.
 *
 * Implements the Mustache spec (comments, delimiters, interpolation,
 * inverted sections, partials, sections, inheritance and dynamic names;
 * lambdas do not apply to C data).  A template is compiled once, when it
 * is added to a set, into a tree of operations; rendering walks that
 * tree against a struct val context and appends to a buf, without
 * parsing anything again, so one set can render every page of a build.
 *
 * Names are looked up as the spec says: "." is the current context,
 * "a.b.c" finds "a" on the context stack (innermost first) and then
 * "b" and "c" inside it only.  {{x}} is escaped with esc_html, {{{x}}}
 * and {{&x}} are not.  Partials ({{>name}}, {{>*dynamic}}) and parents
 * ({{<name}}) are looked up in the same set at render time; a missing
 * one renders as nothing, as the spec requires.
 */
#ifndef GONGKAI_TMPL_H
#define GONGKAI_TMPL_H

#include <stddef.h>

struct buf;
struct val;

/* Named compiled templates; partials and parents are found by name. */
struct tmpl_set;

/* Partials or parents nested deeper than this are an error at render. */
#define TMPL_DEPTH_MAX	100

/* Returns an empty set; free it with tmpl_set_free. */
struct tmpl_set	*tmpl_set_new(void);

/*
 * Compiles the len bytes of text as the template called name (replacing
 * any template of that name); path names the source in diagnostics.
 * The set copies what it keeps.  Returns 0, or -1 after reporting
 * "path:line:col: error: ..." (unclosed tags and sections, mismatched
 * end tags, bad delimiters, bad tag names).
 */
int		 tmpl_set_add(struct tmpl_set *, const char *name,
		    const char *path, const char *text, size_t len);

/* 1 if the set holds a template called name, else 0. */
int		 tmpl_set_has(const struct tmpl_set *, const char *name);

/*
 * Renders the template called name against ctx (which may be NULL for an
 * empty context), appending to out.  Returns 0; or -1 if name is not in
 * the set or partials nest deeper than TMPL_DEPTH_MAX, after reporting
 * it (out then holds partial output the caller should discard).  The set
 * is not modified, so renders may share it.
 */
int		 tmpl_render(const struct tmpl_set *, const char *name,
		    const struct val *ctx, struct buf *out);

/*
 * 1 if a template of the set may show member b of the context's map a
 * ("site", "version"): a tag names a.b, or names a alone (a section
 * of a, inside which b is in reach, or a itself).  Whatever else the
 * set shows, it cannot show a.b.
 */
int		 tmpl_set_reads(const struct tmpl_set *, const char *a,
		    const char *b);

void		 tmpl_set_free(struct tmpl_set *);

#endif
