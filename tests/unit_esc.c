/*
 * unit_esc.c -- tests for esc.c: HTML, XML, URL path and terminal
 * escaping.
 */
#include <string.h>

#include "buf.h"
#include "esc.h"
#include "t.h"

/* Runs one escaper over a C string and returns the buffer's text. */
static const char *
run(struct buf *b, void (*f)(struct buf *, const char *, size_t),
    const char *s)
{
	buf_reset(b);
	f(b, s, strlen(s));
	return b->data;
}

static const char *
term(struct buf *b, const char *s)
{
	buf_reset(b);
	esc_term(b, s);
	return b->data != NULL ? b->data : "";
}

static const char *
url(struct buf *b, const char *s)
{
	buf_reset(b);
	esc_url_path(b, s);
	return b->data;
}

int
main(void)
{
	struct buf	b = BUF_INIT;

	STR_EQ(run(&b, esc_html, ""), "");
	STR_EQ(run(&b, esc_html, "plain text"), "plain text");
	STR_EQ(run(&b, esc_html, "& \" < > '"), "&amp; &quot; &lt; &gt; &#39;");
	STR_EQ(run(&b, esc_html, "<a href=\"x\">"),
	    "&lt;a href=&quot;x&quot;&gt;");
	STR_EQ(run(&b, esc_html, "&amp;"), "&amp;amp;");
	STR_EQ(run(&b, esc_html, "收费标准<2024>"), "收费标准&lt;2024&gt;");
	STR_EQ(run(&b, esc_html, "a\tb\nc\x01"), "a\tb\nc\x01");
	STR_EQ(run(&b, esc_attr, "x\"y'z"), "x&quot;y&#39;z");

	/* Terminals: control bytes shown, text and UTF-8 as they are. */
	STR_EQ(term(&b, ""), "");
	STR_EQ(term(&b, "a.md\nbeef = x.md published"),
	    "a.md\\x0abeef = x.md published");
	STR_EQ(term(&b, "\x1b[2J\r\t\x7f"), "\\x1b[2J\\x0d\\x09\\x7f");
	STR_EQ(term(&b, "收费 \\ ~"), "收费 \\ ~");
	/* C1 controls (U+009B is a CSI to some terminals), bidi controls
	 * (U+202E would show the rest of the line reversed), zero-width
	 * characters and U+FEFF: as \uNNNN; other characters as they are,
	 * and so is a byte that starts no character */
	STR_EQ(term(&b, "a\xc2\x9b" "31mb"), "a\\u009b31mb");
	STR_EQ(term(&b, "next\xc2\x85line"), "next\\u0085line");
	STR_EQ(term(&b, "a\xe2\x80\xae" "dm.fdp"), "a\\u202edm.fdp");
	STR_EQ(term(&b, "\xe2\x80\x8e\xe2\x80\x8f\xe2\x81\xa6"),
	    "\\u200e\\u200f\\u2066");
	STR_EQ(term(&b, "\xef\xbb\xbf" "bom \xe2\x80\x8b"),
	    "\\ufeffbom \\u200b");
	STR_EQ(term(&b, "é — 〇（）"), "é — 〇（）");
	STR_EQ(term(&b, "bad \xc2 \xff"), "bad \xc2 \xff");

	/* Embedded NUL bytes are data, not an end. */
	buf_reset(&b);
	esc_html(&b, "a\0<", 3);
	OK(b.len == 6 && memcmp(b.data, "a\0&lt;", 6) == 0);

	/* Appends rather than replaces. */
	buf_reset(&b);
	buf_puts(&b, "x=");
	esc_html(&b, "<", 1);
	STR_EQ(b.data, "x=&lt;");

	STR_EQ(run(&b, esc_xml, "AT&T <feed> \"q\" 'a'"),
	    "AT&amp;T &lt;feed&gt; &quot;q&quot; &#39;a&#39;");
	STR_EQ(run(&b, esc_xml, "a\x01\x08" "b\tc\nd\re\x1f"), "ab\tc\nd\re");
	STR_EQ(run(&b, esc_xml, "计划生育"), "计划生育");

	STR_EQ(url(&b, ""), "");
	STR_EQ(url(&b, "a/b-c_d.e~f/index.html"), "a/b-c_d.e~f/index.html");
	STR_EQ(url(&b, "a b"), "a%20b");
	STR_EQ(url(&b, "公开"), "%E5%85%AC%E5%BC%80");
	STR_EQ(url(&b, "x?y#z&w=1%"), "x%3Fy%23z%26w%3D1%25");
	STR_EQ(url(&b, "\"<'>"), "%22%3C%27%3E");
	STR_EQ(url(&b, "../up"), "../up");
	STR_EQ(url(&b, "A+B:C;D"), "A%2BB%3AC%3BD");

	buf_dispose(&b);
	return T_DONE();
}
