/*
 * esc.h -- escaping of text for HTML, XML, URL paths and terminals.
 *
 * Every function appends to a buf and never fails.  The output of a
 * template is only as safe as these few functions, so they live here,
 * small and with their own tests, rather than inside the renderers.
 */
#ifndef GONGKAI_ESC_H
#define GONGKAI_ESC_H

#include <stddef.h>

struct buf;

/*
 * Appends the n bytes at s with & < > " ' written as &amp; &lt; &gt;
 * &quot; &#39;, so the result is safe both as element text and inside
 * a quoted attribute value.  Other bytes (UTF-8 included) are copied.
 */
void	esc_html(struct buf *, const char *s, size_t n);

/*
 * Attribute values: the same set as esc_html (which already escapes both
 * quote characters); a separate name so call sites say what they mean.
 */
void	esc_attr(struct buf *, const char *s, size_t n);

/*
 * XML text and attributes (Atom feeds, sitemaps): the same five
 * characters, and C0 control bytes other than tab, newline and carriage
 * return are dropped, because XML 1.0 forbids them even as character
 * references and one stray byte would make a whole feed unreadable.
 */
void	esc_xml(struct buf *, const char *s, size_t n);

/*
 * Percent-encodes the NUL-terminated relative path s for an href or src:
 * unreserved characters (A-Z a-z 0-9 - . _ ~) and '/' are kept, every
 * other byte (UTF-8 bytes included) becomes %XX with uppercase hex.
 * The result holds only characters that are inert in HTML, so it can go
 * into a quoted attribute without further escaping.
 */
void	esc_url_path(struct buf *, const char *s);

/*
 * Text for a terminal (diagnostics, `status`): control bytes (below
 * 0x20, and 0x7f) as \xNN, and the other characters that show nothing
 * or move the text around them (C1 controls, bidirectional controls,
 * zero-width characters: cp_invisible) as \uNNNN.  A name or value that anyone who can push
 * chose must not move the cursor, recolour the terminal, or start a
 * line of its own that reads like the tool's.
 */
void	esc_term(struct buf *, const char *s);

#endif
