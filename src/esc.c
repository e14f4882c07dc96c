/*
 * esc.c -- HTML, XML and URL path escaping; see esc.h.
 *
 * The escapers copy runs of harmless bytes with one buf_put each instead
 * of byte by byte: they run for every interpolated value of every page.
 */
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "esc.h"
#include "util.h"

/* The entity for c, or NULL if c needs no escaping in HTML or XML. */
static const char *
ent_of(unsigned char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	default:
		return NULL;
	}
}

/*
 * Bytes that stop the fast scan: 1 for the five escaped characters, 2 for
 * the control bytes that esc_xml drops.
 */
static const unsigned char stop[256] = {
	2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 2, 2, 0, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1
};

/* Shared by esc_html and esc_xml; ctl drops XML-forbidden controls. */
static void
esc_text(struct buf *b, const char *s, size_t n, int ctl)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, run = 0;
	unsigned		 mask = ctl ? 3 : 1;

	for (i = 0; i < n; i++) {
		if ((stop[p[i]] & mask) == 0)
			continue;
		buf_put(b, s + run, i - run);
		if (stop[p[i]] == 1)
			buf_puts(b, ent_of(p[i]));
		run = i + 1;
	}
	buf_put(b, s + run, n - run);
}

void
esc_html(struct buf *b, const char *s, size_t n)
{
	esc_text(b, s, n, 0);
}

void
esc_attr(struct buf *b, const char *s, size_t n)
{
	esc_text(b, s, n, 0);
}

void
esc_xml(struct buf *b, const char *s, size_t n)
{
	esc_text(b, s, n, 1);
}

/* 1 if c may stay as is in a URL path (RFC 3986 unreserved, or '/'). */
static int
url_keep(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~' || c == '/';
}

void
esc_url_path(struct buf *b, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, run = 0;
	char			 pct[3];

	for (i = 0; p[i] != '\0'; i++) {
		if (url_keep(p[i]))
			continue;
		buf_put(b, s + run, i - run);
		pct[0] = '%';
		pct[1] = hex[p[i] >> 4];
		pct[2] = hex[p[i] & 0xf];
		buf_put(b, pct, 3);
		run = i + 1;
	}
	buf_put(b, s + run, i - run);
}

void
esc_term(struct buf *b, const char *s)
{
	const char	*end = s + strlen(s);
	size_t		 w;
	long		 c;

	for (; *s != '\0'; s += w) {
		w = 1;
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			buf_printf(b, "\\x%02x", (unsigned char)*s);
		else if ((unsigned char)*s < 0x80)
			buf_putc(b, *s);
		else if ((c = utf8_decode(s, (size_t)(end - s), &w)) < 0 ||
		    !cp_invisible((uint32_t)c))
			buf_put(b, s, w);	/* a bad byte as it is */
		else if (c > 0xffff)
			buf_printf(b, "\\U%08lx", c);
		else
			buf_printf(b, "\\u%04lx", c);
	}
}
