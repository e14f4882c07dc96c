/*
 * unit_md.c -- Markdown through cmark-gfm (md.h): safe mode, the shape
 * of the HTML (heading numbers, tables), footnotes, links, summaries,
 * front matter, and the text as shown that the privacy scanner reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "buf.h"
#include "md.h"
#include "slug.h"

/* HTML of s (static), headings from hbase. */
static const char *
html(const char *s, int hbase, unsigned flags)
{
	static struct buf	out = BUF_INIT;

	buf_reset(&out);
	if (md_html("a.md", 0, s, strlen(s), hbase, flags, NULL, NULL, NULL,
	    &out) != 0)
		return "(failed)";
	return out.data;
}

/* 1 if the HTML of s contains needle. */
static int
has(const char *s, const char *needle)
{
	return strstr(html(s, 2, MD_TABLE_REGION), needle) != NULL;
}

static void
safe_mode(void)
{
	STR_EQ(html("<script>alert(1)</script>\n", 2, 0),
	    "<!-- raw HTML omitted -->\n");
	STR_EQ(html("a <b onclick=\"x()\">b</b> c\n", 2, 0),
	    "<p>a <!-- raw HTML omitted -->b<!-- raw HTML omitted --> c</p>\n");
	/* a dropped link or image shows its text, never an href="" to
	   this page or a src="" (the Nu checker's error) */
	STR_EQ(html("[x](javascript:alert(1))\n", 2, 0),
	    "<p>x</p>\n");
	STR_EQ(html("[x](JavaScript:alert(1)) [y](vbscript:x) "
	    "[z](data:text/html,x) [w](FILE:///etc/passwd)\n", 2, 0),
	    "<p>x y z w</p>\n");
	STR_EQ(html("![x](data:image/svg+xml;base64,AAAA) ![y](javascript:z) "
	    "[e]() [*f*](<>)\n", 2, 0), "<p>x y e <em>f</em></p>\n");
	STR_EQ(html("![x](data:image/png;base64,AAAA)\n", 2, 0),
	    "<p><img src=\"data:image/png;base64,AAAA\" alt=\"x\" /></p>\n");
	STR_EQ(html("<https://example.org/a?b=1&c=2>\n", 2, 0),
	    "<p><a href=\"https://example.org/a?b=1&amp;c=2\">"
	    "https://example.org/a?b=1&amp;c=2</a></p>\n");
	/* Character references are characters; markup in them is text. */
	STR_EQ(html("&lt;b&gt; &#49; &amp;\n", 2, 0),
	    "<p>&lt;b&gt; 1 &amp;</p>\n");
	STR_EQ(html("~~删~~ www.example.org\n", 2, 0),
	    "<p><del>删</del> <a href=\"http://www.example.org\">"
	    "www.example.org</a></p>\n");
}

/* Schemes hidden from cmark's check by controls or spaces: dropped. */
static void
hidden_schemes(void)
{
	STR_EQ(html("[a](java&#9;script:alert(1)) [b](&#32;javascript:x) "
	    "[c](<&#1;javascript:x>) [d](<java script:x>) "
	    "[e](JaVaScRiPt&#58;x) [f](vbscript&colon;x)\n", 2, 0),
	    "<p>a b c d e f</p>\n");
	/* A space in a file name is not a scheme. */
	STR_EQ(html("[a](<a b.md>)\n", 2, 0),
	    "<p><a href=\"a%20b.md\">a</a></p>\n");
}

/* Footnote labels over a line break are found (cmark cuts them). */
static void
footnote_split(void)
{
	int	l = 0, c = 0;

#define SPLIT(s) md_footnote_split(s, strlen(s), &l, &c)
	OK(SPLIT("见[^附件\n[一]]说明。") == -1 && l == 1 && c == 2);
	OK(SPLIT("a\n\nb x[^y\nz]") == -1 && l == 3 && c == 4);
	OK(SPLIT("x[^a] [^b\ny]") == -1 && l == 1 && c == 7);
	OK(SPLIT("x[^a\rb]") == -1 && l == 1 && c == 2);	/* found by fuzz_md */
	OK(SPLIT("a\r\nx[^a\r\nb]") == -1 && l == 2 && c == 2);
	OK(SPLIT("x[^a]\n[^b]: note\n") == 0);
	OK(SPLIT("x\\[^a\nb]") == 0);	/* escaped */
	OK(SPLIT("x[^a\n\nb]") == 0);	/* another block */
	OK(SPLIT("x[^a\n") == 0);		/* never closed */
	/* the quick look for "[^": a '[' last, or before other text */
	OK(SPLIT("a[") == 0 && SPLIT("[a] [") == 0 && SPLIT("") == 0);
	OK(SPLIT("[a] [[^b\nc]") == -1 && l == 1 && c == 6);
	OK(SPLIT("[\n[^b\nc]") == -1 && l == 2 && c == 1);
	/* a ']' closes the innermost '[': the outer label runs on (found
	 * by fuzz_md: shown "[^[^" and half of 中) */
	OK(SPLIT("[^[^中]\n^中<]\n") == -1 && l == 1 && c == 1);
	OK(SPLIT("x[[^a]\nb]") == 0);
	OK(SPLIT("[^a] [[^b]\nc]") == 0);
	OK(SPLIT("[^a [b] c\nd]") == -1 && l == 1 && c == 1);
	OK(SPLIT("]] [^a\nb]") == -1 && l == 1 && c == 4);
#undef SPLIT
}

/* md_lint's finds, each "U|I line:col:dest;". */
static void
lint_put(void *arg, enum md_lint what, const char *dest, int line, int col)
{
	struct buf	*b = arg;
	char		 pos[40];

	snprintf(pos, sizeof(pos), "%c%d:%d:",
	    what == MD_LINT_UNLINKED ? 'U' : 'I', line, col);
	buf_puts(b, pos);
	if (dest != NULL)
		buf_puts(b, dest);
	buf_puts(b, ";");
}

static void
lint(void)
{
	struct buf	b = BUF_INIT;

#define LINT(s, n, want) do {						\
	buf_reset(&b);							\
	OK(md_lint(s, strlen(s), lint_put, &b) == (n));		\
	OK(strcmp(b.data, want) == 0);					\
} while (0)
	LINT("见![流程图](附件 1.png)。", 1, "U1:17:附件 1.png;");
	LINT("a\n\n[x](a b) [y](c d)\n", 2, "U3:5:a b;U3:14:c d;");
	LINT("[**粗**](a b)", 1, "U1:11:a b;");
	/* what is a link, or not meant as one */
	LINT("[x](<a b>) [y](a%20b) [z](a \"t\")", 0, "");
	LINT("`[x](a b)`\n\n    [y](c d)\n", 0, "");
	LINT("[x] (a b) [y](ab) ](", 0, "");
	/* text a footnote's handling made again has no place of its own:
	 * its paragraph's start (found by fuzz_md: line 0) */
	LINT("[^中](文 ])\n", 1, "U1:1:文 ];");
	LINT("", 0, "");
	/* Chinese text indented as code; code, fenced or not Chinese,
	 * and an indent inside a list item, are what they look like */
	LINT("第一段。\n\n    第二段，缩进四格。\n", 1, "I3:5:;");
	LINT("a\n\n\t第二段\n", 1, "I3:2:;");
	LINT("    int x;\n\n```\n    第二段\n```\n", 0, "");
	LINT("- 第一项\n\n    第一项的第二段\n", 0, "");
	LINT("　　第一段。\n", 0, "");
#undef LINT
	buf_dispose(&b);
}

/* md_shown's raw HTML pieces (url 3), each "line:col:html;". */
static void
html_at(void *arg, const struct md_piece *p)
{
	if (p->s != NULL && p->url == 3)
		buf_printf(arg, "%d:%d:%.*s;", p->line, p->col, (int)p->len,
		    p->s);
}

static void
raw_html(void)
{
	struct buf	b = BUF_INIT;
	int		line;

#define RAW(s) (buf_reset(&b), buf_puts(&b, ""), \
	md_shown(s, strlen(s), html_at, &b, &line), b.data)
	STR_EQ(RAW("no tags, 1 < 2"), "");
	STR_EQ(RAW("a <b>x</b> c"), "1:3:<b>;");	/* its closing tag goes with it */
	STR_EQ(RAW("a </b> c\n\n</div>\n"), "3:1:</div>\n;");
	STR_EQ(RAW("x\n\n<div>\ny\n</div>\n"), "3:1:<div>\ny\n</div>\n;");
	/* comments are notes; code is text; a comment then a tag is not
	 * a comment alone */
	STR_EQ(RAW("<!-- note -->\n\na <!-- x --> `<b>` b"), "");
	STR_EQ(RAW("<!-- a --> <!-- b -->\n"), "");
	STR_EQ(RAW("<!-- a --><p>\n"), "1:1:<!-- a --><p>\n;");
	STR_EQ(RAW("x <!-- never closed"), "");	/* not HTML to cmark */
#undef RAW
	buf_dispose(&b);
}

/* Where cmark gives a paragraph that a table interrupts line 0. */
static int
at(void *arg, const char *dest, int line, int col, struct buf *out)
{
	buf_printf(arg, "%s@%d:%d ", dest, line, col);
	buf_puts(out, dest);
	return 0;
}

static void
table_positions(void)
{
	struct buf	pos = BUF_INIT, out = BUF_INIT;
	const char	*s = "x\n\nyy [](a) zz\n[](b)\n|a|b|\n-|-\n|[](c)|d|\n";

	OK(md_html("a.md", 10, s, strlen(s), 2, 0, NULL, at, &pos, &out) == 0);
	STR_EQ(pos.data, "a@13:4 b@14:1 c@17:2 ");
	buf_dispose(&pos);
	buf_dispose(&out);
}

static void
headings(void)
{
	/* From hbase, never more than one level below the one before;
	 * siblings keep equal levels. */
	STR_EQ(html("# a\n## b\n#### c\n## d\n# e\n", 2, 0),
	    "<h2 id=\"sec-a\">a</h2>\n<h3 id=\"sec-b\">b</h3>\n"
	    "<h4 id=\"sec-c\">c</h4>\n<h3 id=\"sec-d\">d</h3>\n"
	    "<h2 id=\"sec-e\">e</h2>\n");
	STR_EQ(html("## a\n#### b\n", 2, 0),
	    "<h2 id=\"sec-a\">a</h2>\n<h3 id=\"sec-b\">b</h3>\n");
	STR_EQ(html("### a\n### b\n", 3, 0),
	    "<h3 id=\"sec-a\">a</h3>\n<h3 id=\"sec-b\">b</h3>\n");
	/* A deeper heading first, then a shallower one: both at the
	 * base, as neither sits under the other. */
	STR_EQ(html("### a\n# b\n## c\n", 2, 0),
	    "<h2 id=\"sec-a\">a</h2>\n<h2 id=\"sec-b\">b</h2>\n"
	    "<h3 id=\"sec-c\">c</h3>\n");
	/* Levels stop at 6. */
	STR_EQ(html("# a\n## b\n### c\n", 5, 0),
	    "<h5 id=\"sec-a\">a</h5>\n<h6 id=\"sec-b\">b</h6>\n"
	    "<h6 id=\"sec-c\">c</h6>\n");
	STR_EQ(html("a\n===\n\nb\n---\n", 4, 0),
	    "<h4 id=\"sec-a\">a</h4>\n<h5 id=\"sec-b\">b</h5>\n");
	/* The tree for PDF gets the same numbers from 1. */
	{
		struct mnode	*t = md_tree("## a\n#### b\n# c\n", 17), *n;
		char		 lv[8] = "";
		size_t		 k = 0;

		for (n = t->child; n != NULL && k < 7; n = n->next)
			if (n->type == MN_HEADING)
				lv[k++] = '0' + n->level;
		lv[k] = '\0';
		STR_EQ(lv, "121");
		mnode_free(t);
	}
}

/* HTML of s with ids under idpre (static). */
static const char *
html_pre(const char *s, const char *idpre)
{
	static struct buf	out = BUF_INIT;
	struct md_part		part = { idpre, NULL };

	buf_reset(&out);
	if (md_html("a.md", 0, s, strlen(s), 2, 0, idpre != NULL ? &part :
	    NULL, NULL, NULL, &out) != 0)
		return "(failed)";
	return out.data;
}

/* The id of each heading of s, one a line: "h2 sec-a\n" (static). */
static const char *
ids(const char *s, const char *idpre)
{
	static struct buf	out = BUF_INIT;
	struct md_part		part = { idpre, NULL };
	struct buf		h = BUF_INIT;
	const char		*p, *q;

	buf_reset(&out);
	if (md_html("a.md", 0, s, strlen(s), 2, 0, idpre != NULL ? &part :
	    NULL, NULL, NULL, &h) != 0)
		buf_puts(&out, "(failed)");
	for (p = h.data; (p = strstr(p, "<h")) != NULL; p = q) {
		q = p + strcspn(p, ">");
		buf_printf(&out, "%.*s\n", (int)(q - p - 1), p + 1);
	}
	buf_dispose(&h);
	return out.data;
}

/* Every heading an id of its text, as Hugo and GitHub make them, unique
 * in the body, under the prefix of a page's part. */
static void
heading_ids(void)
{
	/* Chinese as it is; spaces and punctuation, ASCII or CJK, one
	 * '-', none at the ends; ASCII lowercased */
	STR_EQ(ids("# 第一章 总则\n## 第三条　适用范围\n"
	    "## 第四条（定义）：“计划生育”\n## Part 2: Fees & *Charges*!\n",
	    NULL), "h2 id=\"sec-第一章-总则\"\nh3 id=\"sec-第三条-适用范围\"\n"
	    "h3 id=\"sec-第四条-定义-计划生育\"\nh3 id=\"sec-part-2-fees-charges\"\n");
	STR_EQ(html("## 第三条 适用范围\n", 2, 0),
	    "<h2 id=\"sec-第三条-适用范围\">第三条 适用范围</h2>\n");
	/* letters and numbers of other blocks kept; symbols and emoji
	 * not; fullwidth letters as written */
	STR_EQ(ids("## ①温度℃ ★ 〇 ＡＢ１ 😀 µg №3\n", NULL),
	    "h2 id=\"sec-①温度-〇-ＡＢ１-µg-3\"\n");
	/* the text a link or a code span shows, and a picture's
	 * description; not a footnote's number */
	STR_EQ(ids("## 见[附件](a.md)的 `fee_rate` 字段\n## ![流程图](a.png)\n"
	    "## 说明[^1]\n\n[^1]: 注。\n", NULL),
	    "h2 id=\"sec-见附件的-fee-rate-字段\"\nh2 id=\"sec-流程图\"\n"
	    "h2 id=\"sec-说明\"\n");
	/* a repeat: "-1", "-2", and never an id given before */
	STR_EQ(ids("## 总则\n## 总则\n## 总则-1\n## 总则\n## 总 则\n", NULL),
	    "h2 id=\"sec-总则\"\nh2 id=\"sec-总则-1\"\n"
	    "h2 id=\"sec-总则-1-1\"\nh2 id=\"sec-总则-2\"\n"
	    "h2 id=\"sec-总-则\"\n");
	/* no letter or digit: the heading's number among the body's; a
	 * heading of nothing (a paragraph, or dropped) takes none */
	STR_EQ(ids("## ※\n\n##\n\n## ![](a.png)\n\n## ——（）……\n\n"
	    "## 2\n", NULL), "h2 id=\"sec-1\"\nh2 id=\"sec-2\"\n"
	    "h2 id=\"sec-2-1\"\n");
	/* a setext heading over two lines: one run of text */
	STR_EQ(ids("第一款\n第二项 A\n===\n", NULL),
	    "h2 id=\"sec-第一款第二项-a\"\n");
	/* a hard break as a space, as in md_text, whose walk this is;
	 * there the heading ends its line */
	STR_EQ(ids("Part\\\n2 `fees`\n===\n", NULL),
	    "h2 id=\"sec-part-2-fees\"\n");
	/* never a footnote's id, or a template's ("h-contact") */
	STR_EQ(ids("## fn 1\n## Contact\n", NULL),
	    "h2 id=\"sec-fn-1\"\nh2 id=\"sec-contact\"\n");
	/* several bodies on a page: the part's prefix, on links to them
	 * too */
	STR_EQ(html_pre("## 总则\n\n[见总则](#sec-总则)\n", "item-2-"),
	    "<h2 id=\"item-2-sec-总则\">总则</h2>\n<p><a href=\"#item-2-"
	    "sec-%E6%80%BB%E5%88%99\">见总则</a></p>\n");
	/* levels as before, in quotes and lists too */
	STR_EQ(ids("> ## 引\n- ### 列\n", NULL),
	    "h2 id=\"sec-引\"\nh3 id=\"sec-列\"\n");
}

/* The slugs of slug.h, and their repeats. */
static void
slugs(void)
{
	struct slugs	 s;
	struct buf	 b = BUF_INIT;
	char		 t[16];
	int		 i, ok = 1;

	slug_make(&b, "  --A_b--  ", 11);
	STR_EQ(b.data, "a-b");
	buf_reset(&b);
	slug_make(&b, "\xff 甲\xef\xb8\x8f乙", 11);	/* bad byte, VS16 */
	STR_EQ(b.data, "甲乙");
	buf_reset(&b);
	slug_make(&b, "“”《》", 12);
	OK(b.len == 0);
	buf_dispose(&b);
	slugs_init(&s);
	STR_EQ(slugs_add(&s, "a", 1), "a");
	STR_EQ(slugs_add(&s, "a-2", 3), "a-2");
	STR_EQ(slugs_add(&s, "A", 1), "a-1");
	STR_EQ(slugs_add(&s, "a", 1), "a-3");
	STR_EQ(slugs_add(&s, "!", 1), "5");
	/* many repeats: each its own */
	for (i = 0; i < 2000; i++)
		(void)slugs_add(&s, "x", 1);
	snprintf(t, sizeof(t), "x-%d", 1999);
	ok = strcmp(s.v[s.n - 1].id, t) == 0 && s.n == 2005;
	OK(ok);
	slugs_dispose(&s);
}

static void
tables(void)
{
	const char	*t = "| 项目 | 金额 | 中 | 左 |\n|---|--:|:-:|:--|\n"
	    "| 甲 | 1 | *x* | [a](b.md) |\n| 乙 | 2 | `c` | \\| |\n";

	/* cmark's own table HTML, plus scope="col" on header cells. */
	STR_EQ(html(t, 2, 0), "<table>\n<thead>\n<tr>\n"
	    "<th scope=\"col\">项目</th>\n"
	    "<th scope=\"col\" class=\"align-right\">金额</th>\n"
	    "<th scope=\"col\" class=\"align-center\">中</th>\n"
	    "<th scope=\"col\" class=\"align-left\">左</th>\n"
	    "</tr>\n</thead>\n<tbody>\n<tr>\n<td>甲</td>\n"
	    "<td class=\"align-right\">1</td>\n"
	    "<td class=\"align-center\"><em>x</em></td>\n"
	    "<td class=\"align-left\"><a href=\"b.md\">a</a></td>\n"
	    "</tr>\n<tr>\n<td>乙</td>\n"
	    "<td class=\"align-right\">2</td>\n"
	    "<td class=\"align-center\"><code>c</code></td>\n"
	    "<td class=\"align-left\">|</td>\n</tr>\n</tbody>\n"
	    "</table>\n");
	/* For screens: a focusable region per table, numbered. */
	STR_EQ(html("| a |\n|---|\n| 1 |\n\n| b |\n|---|\n", 2,
	    MD_TABLE_REGION), "<div class=\"table-wrap\" role=\"region\" "
	    "aria-label=\"表格1（可左右滚动）\" tabindex=\"0\"><table>\n"
	    "<thead>\n<tr>\n<th scope=\"col\">a</th>\n</tr>\n</thead>\n"
	    "<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table></div>\n"
	    "<div class=\"table-wrap\" role=\"region\" "
	    "aria-label=\"表格2（可左右滚动）\" tabindex=\"0\"><table>\n"
	    "<thead>\n<tr>\n<th scope=\"col\">b</th>\n</tr>\n</thead>\n"
	    "</table></div>\n");
	/* One of several bodies on a page: its regions named for it, so
	 * that no two of the page have one name (axe: landmark-unique) */
	{
		struct md_part	 part = { "item-2-", "甲&乙\"标准" };
		struct buf	 b = BUF_INIT;

		OK(md_html("a.md", 0, "| a |\n|---|\n", 12, 2,
		    MD_TABLE_REGION, &part, NULL, NULL, &b) == 0);
		OK(strstr(b.data, "<div class=\"table-wrap\" role=\"region\" "
		    "aria-label=\"甲&amp;乙&quot;标准，表格1（可左右滚动）\" "
		    "tabindex=\"0\"><table>") == b.data);
		buf_dispose(&b);
	}
	/* Short rows are filled, as cmark does; text around stays. */
	STR_EQ(html("前\n\n| a | b |\n|---|---|\n| 1 |\n\n后\n", 2, 0),
	    "<p>前</p>\n<table>\n<thead>\n<tr>\n<th scope=\"col\">a</th>\n"
	    "<th scope=\"col\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
	    "<td>1</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n"
	    "<p>后</p>\n");
	/* In a list item and a block quote. */
	OK(has("- x\n\n  | a |\n  |---|\n  | 1 |\n", "<li>\n<p>x</p>\n"
	    "<div class=\"table-wrap\""));
	OK(has("> | a |\n> |---|\n",
	    "<blockquote>\n<div class=\"table-wrap\""));
	/* Table cells are text: raw HTML is dropped there too. */
	OK(has("| <b>a</b> |\n|---|\n", "<th scope=\"col\"><!-- raw HTML "
	    "omitted -->a<!-- raw HTML omitted --></th>"));
}

static void
footnotes(void)
{
	const char	*s = "正文[^n]。\n\n[^n]: 注释 *一*。\n";

	OK(has(s, "<sup class=\"footnote-ref\"><a href=\"#fn-n\" "
	    "id=\"fnref-n\" data-footnote-ref>1</a></sup>"));
	OK(has(s, "<section class=\"footnotes\" data-footnotes>\n<ol>\n"
	    "<li id=\"fn-n\">\n<p>注释 <em>一</em>。"));
	/* The back links are labelled in Chinese, as the page is. */
	OK(has(s, "class=\"footnote-backref\" data-footnote-backref "
	    "aria-label=\"返回正文\">"));
	OK(!has(s, "Back to"));
	OK(!has("a[^n] b[^n]\n\n[^n]: x\n", "Back to"));
	/* ... and only they: the text's own words stay as written */
	OK(has("aria-label=\"Back to content\"\n",
	    "aria-label=&quot;Back to content&quot;"));
	/* Undefined: the text as written. */
	STR_EQ(html("a[^x]\n", 2, 0), "<p>a[^x]</p>\n");
	/* The link back to a second use shows "↩2": its name says the 2
	 * too (axe: label-content-name-mismatch). */
	OK(has("a[^n] b[^n]\n\n[^n]: x\n", "href=\"#fnref-n-2\" "
	    "class=\"footnote-backref\" data-footnote-backref "
	    "aria-label=\"返回第2处引用\">↩<sup class=\"footnote-ref\">2"
	    "</sup></a>"));
}

/* Two bodies on one page (a print sheet): each its own footnote ids,
 * and links to them follow (vnu: duplicate ID). */
static void
footnote_ids(void)
{
	const char	*s = "甲[^1]乙[^1]，见[注](#fn-1)。\n\n[^1]: 注。\n";
	const char	*h = html_pre(s, "item-2-");

	OK(strstr(h, "<a href=\"#item-2-fn-1\" id=\"item-2-fnref-1\" "
	    "data-footnote-ref>1</a>") != NULL);
	OK(strstr(h, "id=\"item-2-fnref-1-2\"") != NULL);
	OK(strstr(h, "<a href=\"#item-2-fn-1\">注</a>") != NULL);
	OK(strstr(h, "<li id=\"item-2-fn-1\">") != NULL);
	OK(strstr(h, "<a href=\"#item-2-fnref-1\" class=\"footnote-backref\""
	    " data-footnote-backref aria-label=\"返回正文\">") != NULL);
	OK(strstr(h, "\"fn-") == NULL && strstr(h, "#fn-") == NULL &&
	    strstr(h, "\"fnref-") == NULL);
	/* the text's own words stay as written */
	STR_EQ(html_pre("id=\"fn-1\" `href=\"#fn-1\"`\n", "p-"),
	    "<p>id=&quot;fn-1&quot; <code>href=&quot;#fn-1&quot;</code></p>\n");
	/* without a prefix, cmark's ids */
	OK(strstr(html_pre(s, NULL), "<li id=\"fn-1\">") != NULL);
}

/* Destinations pasted as they are found (vnu: bad value for href):
 * mended to the URL a browser makes of them, or shown as text. */
static void
bad_urls(void)
{
	/* Windows' '\' in a web address, before the query only */
	STR_EQ(html("[a](http://a.gov.cn\\zwgk\\1.html?q=\\a#\\x)\n",
	    2, 0), "<p><a href=\"http://a.gov.cn/zwgk/1.html?q=%5Ca#%5Cx\">"
	    "a</a></p>\n");
	/* a '%' that starts no escape; a second '#' */
	STR_EQ(html("[b](https://a.cn/100%25%/%zz?r=5%#x#y)\n", 2, 0),
	    "<p><a href=\"https://a.cn/100%25%25/%25zz?r=5%25#x%23y\">b</a>"
	    "</p>\n");
	/* a Chinese host, '_', a port: as they are */
	OK(has("[c](https://例子.中国:8080/a_b) [d](https://a_b.cn/)\n",
	    "<a href=\"https://%E4%BE%8B%E5%AD%90.%E4%B8%AD%E5%9B%BD:8080/"
	    "a_b\">c</a> <a href=\"https://a_b.cn/\">d</a>"));
	/* no host can be made of these: the text */
	STR_EQ(html("[e](https://u:p@a.cn/) [f](https:///x) "
	    "[g](https://a.cn:8x/) [i](<https://a b.cn/>)\n", 2, 0),
	    "<p>e f g i</p>\n");
	/* mail, page anchors and scheme-relative addresses */
	OK(has("[j](mailto:a@b.cn) [k](#a#b) [l](//cdn.cn/x)\n",
	    "<a href=\"mailto:a@b.cn\">j</a> <a href=\"#a%23b\">k</a> "
	    "<a href=\"//cdn.cn/x\">l</a>"));
}

/* What shows no text is no heading, no link text, no column header
 * (axe: empty-heading, link-name, empty-table-header). */
static void
empty_marks(void)
{
	/* a heading of nothing is dropped, one of a picture without a
	 * description is a paragraph; neither counts in the numbering */
	STR_EQ(html("##\n\n### ![](a.png)\n\n#### 甲\n\n## 　\n", 2, 0),
	    "<p><img src=\"a.png\" alt=\"\" /></p>\n<h2 id=\"sec-甲\">甲</h2>\n");
	/* a picture with a description, a number, punctuation: headings */
	STR_EQ(html("# ![图](a.png)\n\n## 123\n\n## ……\n", 2, 0),
	    "<h2 id=\"sec-图\"><img src=\"a.png\" alt=\"图\" /></h2>\n"
	    "<h3 id=\"sec-123\">123</h3>\n<h3 id=\"sec-3\">……</h3>\n");
	/* a link without text shows its destination; in a heading too */
	STR_EQ(html("[](https://a.cn/) [　](https://b.cn/)\n", 2, 0),
	    "<p><a href=\"https://a.cn/\">https://a.cn/</a> "
	    "<a href=\"https://b.cn/\">　https://b.cn/</a></p>\n");
	STR_EQ(html("## [](https://a.cn/)\n", 2, 0),
	    "<h2 id=\"sec-https-a-cn\"><a href=\"https://a.cn/\">"
	    "https://a.cn/</a></h2>\n");
	OK(has("[![](a.png)](https://a.cn/)\n", "<a href=\"https://a.cn/\">"
	    "<img src=\"a.png\" alt=\"\" />https://a.cn/</a>"));
	/* ... as written, not as the resolver rewrites it */
	OK(strstr(html_pre("[](b.md)\n", NULL), ">b.md</a>") != NULL);
	/* one cmark drops is nothing, and so is the heading it was */
	STR_EQ(html("## [](javascript:x)\n\n甲[](javascript:x)\n", 2, 0),
	    "<p>甲</p>\n");
	/* the empty corner of a cross table is a plain cell */
	OK(has("| | 2025年 |\n|---|---|\n| 出生 | 1 |\n", "<thead>\n<tr>\n"
	    "<td></td>\n<th scope=\"col\">2025年</th>\n</tr>\n</thead>"));
	/* an empty header row (a pasted table without one) heads nothing */
	OK(has("| | |\n|---|---|\n| a | b |\n", "<table>\n<tbody>\n<tr>\n"
	    "<td>a</td>\n"));
	OK(!has("| | |\n|---|---|\n| a | b |\n", "<thead>"));
	/* ... but keeps its pictures, as a body row */
	OK(has("| ![](a.png) | |\n|---|---|\n| a | b |\n", "<tbody>\n"
	    "<tr>\n<td><img src=\"a.png\" alt=\"\" /></td>\n<td></td>\n"
	    "</tr>\n<tr>\n<td>a</td>"));
}

struct linkrec {
	char	seen[256];	/* "dest@line:col;" for each call */
	int	fail;		/* 1: report an error for "missing" */
};

static int
on_link(void *arg, const char *dest, int line, int col, struct buf *out)
{
	struct linkrec	*r = arg;
	size_t		 n = strlen(r->seen);

	snprintf(r->seen + n, sizeof(r->seen) - n, "%s%s@%d:%d;",
	    out == NULL ? "dropped " : "", dest, line, col);
	if (out == NULL)	/* MD_SAY_DROPPED */
		return 1;
	if (r->fail && strcmp(dest, "missing.md") == 0)
		return -1;
	if (strncmp(dest, "waiting", 7) == 0)
		return 1;	/* as plain text */
	buf_puts(out, "/x/");
	buf_puts(out, dest);
	return 0;
}

static void
links(void)
{
	struct linkrec	 r = { "", 0 };
	struct buf	 out = BUF_INIT;
	const char	*dl = "[x](javascript:alert(1)) [y](data:text/html,z)\n";
	const char	*s = "a [b](c.md) [d](https://e.org/) [f](#g)\n\n"
	    "![h](i.png) [j](/k) [l](//m.org/n)\n";

	/* Only paths go to the resolver (a path from the root and a host
	 * without its scheme too, for it to refuse), with their place in
	 * the file (line0 lines before the body). */
	OK(md_html("a.md", 4, s, strlen(s), 2, 0, NULL, on_link, &r,
	    &out) == 0);
	STR_EQ(r.seen, "c.md@5:3;i.png@7:1;/k@7:13;//m.org/n@7:21;");
	OK(strstr(out.data, "<a href=\"/x/c.md\">b</a>") != NULL);
	OK(strstr(out.data, "<img src=\"/x/i.png\" alt=\"h\" />") != NULL);
	OK(strstr(out.data, "<a href=\"https://e.org/\">d</a>") != NULL);
	/* What is never linked is said only to a caller that asks, and
	 * is shown as its text either way. */
	buf_reset(&out);
	r.seen[0] = '\0';
	OK(md_html("a.md", 0, dl, strlen(dl), 2, 0, NULL, on_link, &r,
	    &out) == 0);
	STR_EQ(r.seen, "");
	OK(strstr(out.data, "<a") == NULL);
	OK(md_html("a.md", 0, dl, strlen(dl), 2, MD_SAY_DROPPED, NULL,
	    on_link, &r, &out) == 0);
	STR_EQ(r.seen, "dropped javascript:alert(1)@1:1;"
	    "dropped data:text/html,z@1:26;");
	OK(strstr(out.data, "<a") == NULL);
	/* ... and so does a character reference to what text_check
	 * refuses as bytes, or to no character at all */
	buf_reset(&out);
	T_CAPTURE(r.fail = md_html("a.md", 4, "x\n\nA &#1; B\n", 12, 2, 0,
	    NULL, on_link, &r, &out));
	OK(r.fail == -1);
	ERR_HAS("a.md:7:1: error: character U+0001 (a character reference)");
	T_CAPTURE(r.fail = md_html("a.md", 0, "&#xFFFF;\n", 9, 2, 0, NULL,
	    on_link, &r, &out));
	OK(r.fail == -1);
	ERR_HAS("a.md:1:1: error: a character reference names no character");
	T_CAPTURE(r.fail = md_html("a.md", 0, "`&#1;` &#x4E2D;\n", 16, 2, 0,
	    NULL, on_link, &r, &out));
	OK(r.fail == 0);
	/* a code block's info (its class) and a link's title are written
	 * too (found by fuzz_md: a byte 0xFF in the page) */
	/* its one byte after a character, at a line's end, is read as
	 * U+FFFD, not as the start of four (found by fuzz_md, ASan) */
	T_CAPTURE(r.fail = md_html("a.md", 0, "a 中&#xFFFF;\nb\n", 16, 2, 0,
	    NULL, on_link, &r, &out));
	OK(r.fail == -1);
	T_CAPTURE(r.fail = md_html("a.md", 0, "~~~&#xFFFF;\nx\n~~~\n", 18, 2,
	    0, NULL, on_link, &r, &out));
	OK(r.fail == -1);
	ERR_HAS("a.md:1:1: error: a character reference names no character");
	T_CAPTURE(r.fail = md_html("a.md", 0, "[a](https://x.cn \"&#1;\")\n",
	    25, 2, 0, NULL, on_link, &r, &out));
	OK(r.fail == -1);
	ERR_HAS("a.md:1:1: error: character U+0001 (a character reference)");
	/* A resolver error fails the body and writes nothing. */
	buf_reset(&out);
	r.seen[0] = '\0';
	r.fail = 1;
	OK(md_html("a.md", 0, "[x](missing.md)\n", 16, 2, 0, NULL, on_link, &r,
	    &out) == -1);
	OK(out.len == 0);
	/* 1: the link becomes its text, an image its description. */
	buf_reset(&out);
	OK(md_html("a.md", 0, "See [the *other* one](waiting.md) and "
	    "![pic](waiting.png), [ok](c.md).\n", 71, 2, 0, NULL, on_link,
	    &r, &out) == 0);
	STR_EQ(out.data, "<p>See the <em>other</em> one and pic, "
	    "<a href=\"/x/c.md\">ok</a>.</p>\n");
	buf_dispose(&out);
}

/* A resolver for MD_LOCAL: keeps "k.md", leaves every other out empty. */
static int
keep_k(void *arg, const char *dest, int line, int col, struct buf *out)
{
	(void)arg;
	(void)line;
	(void)col;
	if (strcmp(dest, "k.md") == 0)
		buf_puts(out, "k.html");
	return 0;
}

static void
local_links(void)
{
	struct buf	 out = BUF_INIT;
	const char	*s = "[k](k.md) [o](o.md) [w](https://e.org/) "
	    "[f](#g) [m](mailto:a@b.cn) [r](/abs)\n\n"
	    "![alt *x*](https://e.org/a.png) ![i](k.md) "
	    "[![in](o.png)](k.md) [**b** [i](o.md)](https://e.org/)\n";

	/* kiosks: only what the resolver keeps, and fragments, link;
	 * another site's address and a picture are said in the text */
	OK(md_html("a.md", 0, s, strlen(s), 2, MD_LOCAL, NULL, keep_k, NULL,
	    &out) == 0);
	STR_EQ(out.data, "<p><a href=\"k.html\">k</a> o w（网址："
	    "https://e.org/） <a href=\"#g\">f</a> m r</p>\n"
	    "<p>［图：alt <em>x</em>］ <img src=\"k.html\" alt=\"i\" /> "
	    "<a href=\"k.html\">in</a> [<strong>b</strong> "
	    "i](https://e.org/)</p>\n");	/* no link in a link */
	/* without MD_LOCAL every link stays */
	buf_reset(&out);
	OK(md_html("a.md", 0, s, strlen(s), 2, 0, NULL, keep_k, NULL,
	    &out) == 0);
	OK(strstr(out.data, "<a href=\"https://e.org/\">w</a>") != NULL);
	buf_dispose(&out);
}

static void
summaries(void)
{
	struct buf	b = BUF_INIT;
	const char	*s = "# 标题\n\n第一段 *强调*\n续行。\n\n"
	    "<div>隐藏</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
	    "    code\n";

	md_text(s, strlen(s), &b);
	STR_EQ(b.data, "标题\n第一段 强调续行。\na b\n1 2\ncode\n");
	buf_reset(&b);
	s = "Part\\\n2 `fees`\n===\nnext\n";
	md_text(s, strlen(s), &b);
	STR_EQ(b.data, "Part 2 fees\nnext\n");
	buf_dispose(&b);
}

static void
front_matter(void)
{
	const char	*y, *body, *s;
	size_t		 yl, bl;
	int		 line;

	s = "---\ntitle: a\n---\nbody\n";
	OK(md_front_matter(s, strlen(s), &y, &yl, &body, &bl, &line) == 0);
	OK(yl == 9 && strncmp(y, "title: a\n", yl) == 0);
	STR_EQ(body, "body\n");
	OK(line == 3);
	s = "---\r\ntitle: a\r\n---\r\nbody";
	OK(md_front_matter(s, strlen(s), &y, &yl, &body, &bl, &line) == 0);
	STR_EQ(body, "body");
	s = "---\ntitle: a\n---";
	OK(md_front_matter(s, strlen(s), &y, &yl, &body, &bl, &line) == 0);
	OK(bl == 0);
	s = "---\ntitle: a\n";
	OK(md_front_matter(s, strlen(s), &y, &yl, &body, &bl, &line) == -1);
	s = "title: a\n---\n";
	OK(md_front_matter(s, strlen(s), &y, &yl, &body, &bl, &line) == -1);
}

/*
 * md_shown's pieces: text as is ("url=" before a destination), "|" for
 * a block end, "@L:C" after a piece that has a place (cmark's: after a
 * hard break it is the end of the line before).
 */
static void
on_piece(void *arg, const struct md_piece *p)
{
	struct buf	*b = arg;

	if (p->s == NULL) {
		buf_putc(b, '|');
		return;
	}
	if (p->url)
		buf_puts(b, p->url == 3 ? "html=" : "url=");
	buf_put(b, p->s, p->len);
	if (p->line > 0)
		buf_printf(b, "@%d:%d", p->line, p->col);
}

static const char *
pieces(const char *s)
{
	static struct buf	b = BUF_INIT;
	int			line = 0;

	buf_reset(&b);
	if (md_shown(s, strlen(s), on_piece, &b, &line) == -1)
		buf_printf(&b, "(refused at line %d)", line);
	return b.data;
}

static void
shown(void)
{
	/* References and escapes decoded; emphasis, code spans and raw
	 * HTML leave the text on either side together. */
	STR_EQ(pieces("a&#49;\\*b **c**`d`<i>e</i>\n"),
	    "a1*b @1:1c@1:13d@1:17html=<i>@1:19e@1:22|");
	/* A backslash before a digit is no escape: it shows. */
	STR_EQ(pieces("1\\1\n"), "1\\1@1:1|");
	/* Soft breaks are spaces, hard breaks and blocks end text. */
	STR_EQ(pieces("a\nb\\\nc\n\nd\n"), "a@1:1 b@2:1|c@2:4|d@5:1|");
	/* Cells apart; headings and code blocks are blocks. */
	STR_EQ(pieces("# h\n\n| a | b |\n|---|---|\n\n```x&#49;\ncode\n```\n"),
	    "h@1:3|a@3:3|b@3:7|code\n@6:1|x1@6:1|");
	/* Destinations (as in the HTML, marked) and titles come after
	 * the text, each a block; alt text is text. */
	STR_EQ(pieces("[t](%31%32 \"&#51;\") ![alt](u)\n"),
	    "t@1:2 @1:20alt@1:23|url=%31%32@1:1|3@1:1|url=u@1:21|");
	/* Footnote references show their numbers. */
	STR_EQ(pieces("a[^x]\n\n[^x]: n\n"), "a@1:11@1:2|n@3:7|");
	/* The shapes cmark-gfm takes quadratic time on are refused. */
	{
		struct buf	b = BUF_INIT;
		size_t		i;

		buf_puts(&b, "ok\n\n");
		for (i = 0; i < 5000; i++)
			buf_puts(&b, "![[]()");
		STR_EQ(pieces(b.data), "(refused at line 3)");
		buf_reset(&b);
		buf_puts(&b, "a\n|");
		for (i = 0; i < 5000; i++)
			buf_puts(&b, "x|");
		STR_EQ(pieces(b.data), "(refused at line 2)");
		buf_reset(&b);
		buf_puts(&b, "[r]: /");
		for (i = 0; i < 100000; i++)
			buf_putc(&b, 'x');
		buf_puts(&b, "\n\n");
		for (i = 0; i < 1000; i++)
			buf_puts(&b, "[r]");
		STR_EQ(pieces(b.data), "(refused at line 1)");
		/* Many closed links, many short rows: linear, taken. */
		buf_reset(&b);
		for (i = 0; i < 20000; i++)
			buf_puts(&b, "| [a](b) | c |\n");
		OK(strncmp(pieces(b.data), "(refused", 8) != 0);
		buf_dispose(&b);
	}
}

/* The kinds of the children of the first block of md_tree(s), one
 * letter each: t text, s soft break. */
static const char *
tree_kinds(const char *s)
{
	static char	 k[32];
	struct mnode	*t = md_tree(s, strlen(s)), *n;
	size_t		 i = 0;

	for (n = t->child->child; n != NULL && i + 1 < sizeof(k); n = n->next)
		k[i++] = n->type == MN_SOFTBREAK ? 's' :
		    n->type == MN_TEXT ? 't' : '?';
	k[i] = '\0';
	mnode_free(t);
	return k;
}

/* A line end inside a paragraph beside Chinese is no space, in every
 * reading of the text; between other characters it is one. */
static void
line_ends(void)
{
	const char	*wrapped = "第一行\n第二行\n\nx\ny\n";
	struct buf	 b = BUF_INIT;

	STR_EQ(html("计划\n生育\n", 2, 0), "<p>计划生育</p>\n");
	STR_EQ(html("a\nb\n", 2, 0), "<p>a\nb</p>\n");
	/* either side is enough: Chinese sets no space beside digits */
	STR_EQ(html("2025\n年度\n", 2, 0), "<p>2025年度</p>\n");
	STR_EQ(html("见\nGB/T 7714\n", 2, 0), "<p>见GB/T 7714</p>\n");
	/* fullwidth punctuation and digits are of the same script (a
	 * line all in brackets, "（甲）", is a line of its own: pasted) */
	STR_EQ(html("见（甲）\n１２\n", 2, 0), "<p>见（甲）１２</p>\n");
	/* the characters beside may be inside emphasis, a link, code */
	STR_EQ(html("**计划**\n*生育*\n", 2, 0),
	    "<p><strong>计划</strong><em>生育</em></p>\n");
	STR_EQ(html("[条例](https://e.org/)\n`第一条`\n", 2, 0),
	    "<p><a href=\"https://e.org/\">条例</a><code>第一条</code></p>\n");
	STR_EQ(html("*a*\n*b*\n", 2, 0), "<p><em>a</em>\n<em>b</em></p>\n");
	/* a hard break stays */
	STR_EQ(html("计划\\\n生育\n", 2, 0), "<p>计划<br />\n生育</p>\n");
	/* what the privacy scan reads: digits keep the space they show */
	STR_EQ(pieces("计划\n生育\n"), "计划@1:1生育@2:1|");
	STR_EQ(pieces("1101011990\n01011234\n"),
	    "1101011990@1:1 01011234@2:1|");
	/* summaries, search text */
	md_text(wrapped, strlen(wrapped), &b);
	STR_EQ(b.data, "第一行第二行\nx y\n");
	/* the tree of the PDFs */
	STR_EQ(tree_kinds("甲\n乙\n"), "tt");
	STR_EQ(tree_kinds("a\nb\n"), "tst");
	buf_dispose(&b);
}

/* A link callback that drops what it is given (md_html_text's walk). */
static int
drop_link(void *arg, const char *dest, int line, int col, struct buf *out)
{
	(void)arg;
	(void)dest;
	(void)line;
	(void)col;
	(void)out;
	return 1;
}

/* md_html_text gives what md_html and md_text give apart, though its
 * walk unwraps links and reshapes tables after taking the text. */
static void
html_text(void)
{
	static const char *const docs[] = {
		"# 一\n\n段落 **粗** `码`\n软换行\n\n#### 二\n",
		"| 甲 | 乙 |\n|---|---|\n| [链](a.md) | ![图](b.png) |\n",
		"[x][r] [y](c.md) <https://example.org>\n\n[r]: d.md\n",
		"- 一\n- 二\n\n```\ncode\n```\n\n> 引\n",
		"正文[^1]\n\n[^1]: 注\n",
		"",
	};
	struct buf	 h1 = BUF_INIT, h2 = BUF_INIT, t1 = BUF_INIT;
	struct buf	 t2 = BUF_INIT;
	size_t		 i, n;
	unsigned	 f;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		for (f = 0; f <= (MD_TABLE_REGION | MD_LOCAL); f++) {
			buf_reset(&h1);
			buf_reset(&h2);
			buf_reset(&t1);
			buf_reset(&t2);
			n = strlen(docs[i]);
			OK(md_html("a.md", 0, docs[i], n, 2, f, NULL, drop_link,
			    NULL, &h1) == 0);
			md_text(docs[i], n, &t1);
			OK(md_html_text("a.md", 0, docs[i], n, 2, f,
			    NULL, drop_link, NULL, &h2, &t2) == 0);
			STR_EQ(h2.data != NULL ? h2.data : "",
			    h1.data != NULL ? h1.data : "");
			STR_EQ(t2.data != NULL ? t2.data : "",
			    t1.data != NULL ? t1.data : "");
		}
	buf_dispose(&h1);
	buf_dispose(&h2);
	buf_dispose(&t1);
	buf_dispose(&t2);
}

/* A document pasted a paragraph a line: its lines stay lines. */
static void
pasted(void)
{
	STR_EQ(html("第一条　为了实现人口与发展相协调，制定本法。\n"
	    "第二条　我国是人口众多的国家。\n", 2, 0),
	    "<p>第一条　为了实现人口与发展相协调，制定本法。<br />\n"
	    "第二条　我国是人口众多的国家。</p>\n");
	STR_EQ(html("　　各乡镇要认真落实。\n　　各村要及时公示。\n", 2, 0),
	    "<p>　　各乡镇要认真落实。<br />\n　　各村要及时公示。</p>\n");
	STR_EQ(html("一、确认范围\n各乡镇要对奖励扶助对象进行确认。\n"
	    "（二）发放程序\n①本人申请；\n⑵村级评议。\n", 2, 0),
	    "<p>一、确认范围<br />\n各乡镇要对奖励扶助对象进行确认。<br />\n"
	    "（二）发放程序<br />\n①本人申请；<br />\n⑵村级评议。</p>\n");
	STR_EQ(html("第一章　总则\n第二章　人口发展规划\n", 2, 0),
	    "<p>第一章　总则<br />\n第二章　人口发展规划</p>\n");
	/* wrapped prose stays one run: a line that only happens to end
	 * in a number, or a number inside the text */
	STR_EQ(html("计划生育工作\n人员应当文明执法。\n", 2, 0),
	    "<p>计划生育工作人员应当文明执法。</p>\n");
	STR_EQ(html("按照本办法第\n三条的规定，共3.5万元。\n", 2, 0),
	    "<p>按照本办法第三条的规定，共3.5万元。</p>\n");
	STR_EQ(html("一、本办法自发布之日起施行，\n由县卫生健康局负责解释。\n",
	    2, 0), "<p>一、本办法自发布之日起施行，由县卫生健康局负责解释。</p>\n");
}

/*
 * A 公告's fields and its 版记, a line each as Word pastes them: a line
 * that starts with a label and a colon is a line, and so is one after
 * a sentence's end or a line in brackets, unless the paragraph is
 * wrapped text (a line end of it inside a sentence).  Every reading of
 * the text sees the same lines.
 */
static void
pasted_fields(void)
{
	struct buf	 b = BUF_INIT;
	const char	*s;

	STR_EQ(html("八、凡对本次公告内容提出询问，请按以下方式联系。\n"
	    "名　称：河中县计划生育服务站\n地　址：河中县城关镇健康路\n"
	    "E-mail: fwz\n联系方式：0371-65905678\n", 2, 0),
	    "<p>八、凡对本次公告内容提出询问，请按以下方式联系。<br />\n"
	    "名　称：河中县计划生育服务站<br />\n"
	    "地　址：河中县城关镇健康路<br />\nE-mail: fwz<br />\n"
	    "联系方式：0371-65905678</p>\n");
	/* the 版记: a line in brackets, a label, a sentence's end */
	STR_EQ(html("（此件公开发布）\n抄送：县委办公室，县人大常委会办公室。\n"
	    "河中县人民政府办公室　　2025年3月5日印发\n", 2, 0),
	    "<p>（此件公开发布）<br />\n抄送：县委办公室，县人大常委会办公室。"
	    "<br />\n河中县人民政府办公室　　2025年3月5日印发</p>\n");
	STR_EQ(html("（此件公开发布）\n河中县人民政府办公室\n", 2, 0),
	    "<p>（此件公开发布）<br />\n河中县人民政府办公室</p>\n");
	/* labels of eight characters, not nine; one character, U+3000
	 * or a space inside, a label in emphasis */
	STR_EQ(html("甲\n计划生育服务站点：乙\n", 2, 0),
	    "<p>甲<br />\n计划生育服务站点：乙</p>\n");
	STR_EQ(html("甲\n县计划生育服务站点：乙\n", 2, 0),
	    "<p>甲县计划生育服务站点：乙</p>\n");
	STR_EQ(html("甲\n注：乙\n联 系 人:丁\n**电话**：1\n", 2, 0),
	    "<p>甲<br />\n注：乙<br />\n联 系 人:丁<br />\n"
	    "<strong>电话</strong>：1</p>\n");
	/* no label: punctuation, digits or a space first, a link */
	STR_EQ(html("根据\n《条例》规定：甲\n见\nhttps://a.cn/x\n上午\n"
	    "10:30前，乙\n", 2, 0), "<p>根据《条例》规定：甲见"
	    "<a href=\"https://a.cn/x\">https://a.cn/x</a>上午10:30前，乙</p>\n");
	/* wrapped prose: a sentence broken mid-way runs on, and so do
	 * its lines that end a sentence; a line that only ends with a
	 * bracket, or starts with one and closes it early, runs on */
	STR_EQ(html("计划生育工作人员应当文明执法。各乡镇要\n认真落实。\n"
	    "各村要及时公示，做到\n公开透明。\n", 2, 0),
	    "<p>计划生育工作人员应当文明执法。各乡镇要认真落实。"
	    "各村要及时公示，做到公开透明。</p>\n");
	STR_EQ(html("依据《条例》（2020年修订）\n规定，（一）申请人（复印件）\n"
	    "和户口簿。\n", 2, 0),
	    "<p>依据《条例》（2020年修订）规定，（一）申请人（复印件）"
	    "和户口簿。</p>\n");
	/* two lines, the first a sentence: a pasted paragraph each */
	STR_EQ(html("本办法自发布之日起施行。\n由县卫生健康局负责解释。\n", 2, 0),
	    "<p>本办法自发布之日起施行。<br />\n由县卫生健康局负责解释。</p>\n");
	/* other text, the search's, the privacy scan's, the PDFs' */
	s = "联系。\n名　称：服务站\n地　址：健康路\n";
	md_text(s, strlen(s), &b);
	STR_EQ(b.data, "联系。 名　称：服务站 地　址：健康路\n");
	STR_EQ(pieces(s), "联系。@1:1|名　称：服务站@2:1|地　址：健康路@3:1|");
	STR_EQ(tree_kinds(s), "t?t?t");
	STR_EQ(tree_kinds("各乡镇要\n认真落实。\n各村要\n"), "ttt");
	buf_dispose(&b);
}

/* Ten U+3000, and a 落款's span as md_html writes it. */
#define IDSP10	"　　　　　　　　　　"
#define SIGN	"<span class=\"gk-sign\">"
#define CENTRE	"<span class=\"gk-center\">"

/*
 * A 落款 pushed right with U+3000, as Word's documents are pasted: its
 * lines in a span the theme sets at the right, without the run, in the
 * paragraph they end or on their own; an indent, a shorter run, a run
 * inside a line, one with nothing after it stay as written; a heading
 * centred so (第一章, 附件1) is centred instead.  The text the search,
 * the privacy scan and the PDFs read keeps the run.
 */
static void
signatures(void)
{
	struct buf	 b = BUF_INIT;
	const char	*s;

	STR_EQ(html(IDSP10 "　　　　示范县卫生健康局\n" IDSP10 "　　2026年3月1日\n",
	    2, 0), "<p>" SIGN "示范县卫生健康局<br />\n2026年3月1日</span></p>\n");
	STR_EQ(html("特此通知。\n" IDSP10 "示范县卫生健康局\n"
	    IDSP10 "2026年3月1日\n", 2, 0), "<p>特此通知。<br />\n" SIGN
	    "示范县卫生健康局<br />\n2026年3月1日</span></p>\n");
	/* a line between that is none: two spans, the line as it was */
	STR_EQ(html("　　" IDSP10 "甲\n　　乙\n" IDSP10 "丙\n", 2, 0),
	    "<p>" SIGN "甲<br />\n</span>　　乙<br />\n" SIGN "丙</span></p>\n");
	/* spaces among the run; emphasis or a link after it */
	STR_EQ(html(IDSP10 " 　**示范县**\n\n" IDSP10 "[乙](https://a.cn/)\n",
	    2, 0), "<p>" SIGN "<strong>示范县</strong></span></p>\n"
	    "<p>" SIGN "<a href=\"https://a.cn/\">乙</a></span></p>\n");
	/* in a list item and a quote; a hard break of the source */
	STR_EQ(html("- 甲\n  " IDSP10 "乙\n\n> 丙\\\n> " IDSP10 "丁\n", 2, 0),
	    "<ul>\n<li>甲<br />\n" SIGN "乙</span></li>\n</ul>\n"
	    "<blockquote>\n<p>丙<br />\n" SIGN "丁</span></p>\n</blockquote>\n");
	/* as written: an indent, nine, a run inside a line, nothing after */
	STR_EQ(html("　　各乡镇要认真落实。\n", 2, 0),
	    "<p>　　各乡镇要认真落实。</p>\n");
	STR_EQ(html("　　　　　　　　　示范县\n", 2, 0),
	    "<p>　　　　　　　　　示范县</p>\n");
	STR_EQ(html("示范县卫生健康局办公室" IDSP10 "2026年3月1日印发\n", 2, 0),
	    "<p>示范县卫生健康局办公室" IDSP10 "2026年3月1日印发</p>\n");
	STR_EQ(html("甲\n" IDSP10 "\n", 2, 0), "<p>甲<br />\n" IDSP10 "</p>\n");
	/* in a heading or a cell: as written */
	OK(has("## " IDSP10 "甲\n", ">" IDSP10 "甲</h2>"));
	OK(has("| a |\n|---|\n| " IDSP10 "乙 |\n", "<td>" IDSP10 "乙</td>"));
	/* a heading centred so is none: 第一章, 附件1, centred */
	STR_EQ(html(IDSP10 "第一章　总　　则\n\n" IDSP10 "　　附件1\n\n"
	    IDSP10 "第十二节\n" IDSP10 "**附表**\n", 2, 0),
	    "<p>" CENTRE "第一章　总　　则</span></p>\n<p>" CENTRE "附件1</span>"
	    "</p>\n<p>" CENTRE "第十二节<br />\n<strong>附表</strong></span>"
	    "</p>\n");
	STR_EQ(html(IDSP10 "附件1\n" IDSP10 "河中县计划生育服务站\n"
	    IDSP10 "2025年3月5日\n", 2, 0), "<p>" CENTRE "附件1<br />\n"
	    "</span>" SIGN "河中县计划生育服务站<br />\n2025年3月5日</span>"
	    "</p>\n");
	/* an office or a date that starts with 第 or 附 is a 落款 */
	STR_EQ(html(IDSP10 "第一人民医院\n\n" IDSP10 "附属医院\n", 2, 0),
	    "<p>" SIGN "第一人民医院</span></p>\n<p>" SIGN "附属医院</span>"
	    "</p>\n");
	OK(md_sign_heading("第3章", 7) && md_sign_heading("第二百编", 12) &&
	    md_sign_heading("附录", 6) && !md_sign_heading("第章", 6) &&
	    !md_sign_heading("第一", 6) && !md_sign_heading("附", 3));
	/* what the search and the privacy scan read, and the PDFs */
	s = IDSP10 "附件1\n";
	md_text(s, strlen(s), &b);
	STR_EQ(b.data, IDSP10 "附件1\n");
	buf_reset(&b);
	s = "特此通知。\n" IDSP10 "示范县卫生健康局\n";
	md_text(s, strlen(s), &b);
	STR_EQ(b.data, "特此通知。 " IDSP10 "示范县卫生健康局\n");
	STR_EQ(pieces(s), "特此通知。@1:1|" IDSP10 "示范县卫生健康局@2:1|");
	buf_dispose(&b);
}

/* A line of dashes under a sentence (Word's 版记, pasted) is a rule;
 * under a title it still makes a heading. */
static void
setext_sentences(void)
{
	STR_EQ(html("正文。\n\n抄送：县人民政府办公室，县财政局。\n"
	    "----------------\n示范县卫生健康局办公室　2026年3月18日印发\n",
	    2, 0), "<p>正文。</p>\n<p>抄送：县人民政府办公室，县财政局。</p>\n"
	    "<hr />\n<p>示范县卫生健康局办公室　2026年3月18日印发</p>\n");
	/* a paragraph of two lines, emphasis last */
	STR_EQ(html("抄送：县委办，\n**县财政局**；\n---\n", 2, 0),
	    "<p>抄送：县委办，<strong>县财政局</strong>；</p>\n<hr />\n");
	/* an address in the sentence keeps its destination: an
	 * autolink's points into the heading's text, which was freed
	 * with the heading (found by fuzz_md, a use after free) */
	STR_EQ(html("详见http://www.gov.cn/a，\n---\n", 2, 0),
	    "<p>详见<a href=\"http://www.gov.cn/a%EF%BC%8C\">"
	    "http://www.gov.cn/a，</a></p>\n<hr />\n");
	OK(has("工作要求\n---\n", ">工作要求</h2>"));
	OK(has("工作要求\n===\n", ">工作要求</h2>"));
	/* ATX headings are what they say, punctuation or not */
	OK(has("## 抄送。\n", ">抄送。</h2>"));
	OK(has("说明。\n===\n", ">说明。</h2>"));
}

/* Masks (DESIGN.md 3.4) are text, never emphasis; emphasis still is. */
static void
masks(void)
{
	struct buf	out = BUF_INIT;
	int		rc;

	STR_EQ(html("名单：张*华、刘*、欧阳*兰、王*。\n", 2, 0),
	    "<p>名单：张*华、刘*、欧阳*兰、王*。</p>\n");
	STR_EQ(html("联系人：李*明；电话：138****5678、139****1234\n", 2, 0),
	    "<p>联系人：李*明；电话：138****5678、139****1234</p>\n");
	STR_EQ(html("如510124********1234、51012419******362X、"
	    "6217********1234\n", 2, 0), "<p>如510124********1234、"
	    "51012419******362X、6217********1234</p>\n");
	STR_EQ(html("尾号****5678，手机138****。\n", 2, 0),
	    "<p>尾号****5678，手机138****。</p>\n");
	STR_EQ(html("3*5=15，2*3*4=24\n", 2, 0),
	    "<p>3*5=15，2*3*4=24</p>\n");
	/* stars that hide no digit are no mask: as emphasis, the whole
	 * number shows, for the privacy scan to refuse (unit_privacy) */
	STR_EQ(html("1101**05**19491231002X 138**1234 5678**\n", 2, 0),
	    "<p>1101<strong>05</strong>19491231002X "
	    "138<strong>1234 5678</strong></p>\n");
	/* through what does not show, and other digits */
	STR_EQ(html("1101**05**1949\xe2\x80\x8b" "1231002X\n", 2, 0),
	    "<p>1101<strong>05</strong>1949\xe2\x80\x8b" "1231002X</p>\n");
	STR_EQ(html("1101**05**１９４９１２３１００２X\n", 2, 0),
	    "<p>1101<strong>05</strong>１９４９１２３１００２X</p>\n");
	/* bold in Chinese, emphasis by spaces, code, lists, rules */
	STR_EQ(html("这是**重要**内容，共**500**元，*注意* 事项。\n", 2, 0),
	    "<p>这是<strong>重要</strong>内容，共<strong>500</strong>元，"
	    "<em>注意</em> 事项。</p>\n");
	STR_EQ(html("`张*华 138****5678` 张*华\n", 2, 0),
	    "<p><code>张*华 138****5678</code> 张*华</p>\n");
	STR_EQ(html("* 张*华\n\n***\n", 2, 0),
	    "<ul>\n<li>张*华</li>\n</ul>\n<hr />\n");
	/* what the privacy scanner reads: the masks, at their places */
	STR_EQ(pieces("王*、李*明：138****5678\n"),
	    "王*、李*明：138****5678@1:1|");
	/* a reference to the character masks are hidden as is still
	 * refused, masks or not */
	T_CAPTURE(rc = md_html("a.md", 0, "张*华 &#1;\n", 13, 2, 0, NULL,
	    NULL, NULL, &out));
	OK(rc == -1);
	ERR_HAS("error: character U+0001 (a character reference)");
	buf_dispose(&out);
}

/* The box of a task, as md_html writes it: done, or not. */
#define BOX_DONE	"<span class=\"task\" role=\"img\" " \
			"aria-label=\"已完成\">☑</span> "
#define BOX_OPEN	"<span class=\"task\" role=\"img\" " \
			"aria-label=\"未完成\">☐</span> "

/*
 * Task lists: a box before the item's text, ☐ or ☑ named for a screen
 * reader (no nameless form control); the box read from the item's own
 * marker, not from a "[x]" later on its line (cmark-gfm 0.29's
 * extension takes any); no "[ ]" in the text the search and summaries
 * read; "☐ " in md_tree's text; raw HTML in a task still dropped.
 */
static void
task_lists(void)
{
	struct buf	 b = BUF_INIT;
	struct mnode	*t;
	const char	*s;

	STR_EQ(html("- [ ] 户口簿\n- [x] 身份证\n- [X] 结婚证\n", 2, 0),
	    "<ul>\n<li>" BOX_OPEN "户口簿</li>\n<li>" BOX_DONE "身份证</li>\n"
	    "<li>" BOX_DONE "结婚证</li>\n</ul>\n");
	STR_EQ(html("- [ ] 见[x]栏\n1) [x]\t申请表\n", 2, 0),
	    "<ul>\n<li>" BOX_OPEN "见[x]栏</li>\n</ul>\n"
	    "<ol>\n<li>" BOX_DONE "申请表</li>\n</ol>\n");
	/* the box of its own line, lines as cmark counts them (CRLF),
	 * in a note too (whose items the tree has last) */
	s = html("a[^1]\r\n\r\n[^1]:\r\n    - [x] 注\r\n\r\n"
	    "- [ ] 乙[x]\r\n- [x] 丙\r\n", 2, 0);
	OK(strstr(s, "<li>" BOX_OPEN "乙[x]</li>\n<li>" BOX_DONE "丙</li>") !=
	    NULL);
	OK(strstr(s, "<li>" BOX_DONE "注</li>") != NULL);
	/* loose: in the first paragraph; before a table: one of its own */
	STR_EQ(html("- [x] 甲\n\n  乙\n", 2, 0),
	    "<ul>\n<li>\n<p>" BOX_DONE "甲</p>\n<p>乙</p>\n</li>\n</ul>\n");
	OK(strstr(html("- [ ] | a |\n  |---|\n  | 1 |\n", 2, 0),
	    "<li>" BOX_OPEN "\n<table>") != NULL);
	/* raw HTML is still not published */
	STR_EQ(html("- [x] <b onclick=\"x()\">粗</b>\n", 2, 0),
	    "<ul>\n<li>" BOX_DONE "<!-- raw HTML omitted -->粗"
	    "<!-- raw HTML omitted --></li>\n</ul>\n");
	/* no task: escaped, no text after, or in a quote (cmark-gfm
	 * takes a box only after the marker that starts its line) */
	STR_EQ(html("- \\[ ] a\n- [ ]\n\n> - [ ] b\n", 2, 0),
	    "<ul>\n<li>[ ] a</li>\n<li>[ ]</li>\n</ul>\n"
	    "<blockquote>\n<ul>\n<li>[ ] b</li>\n</ul>\n</blockquote>\n");
	/* the text read for search, summaries and privacy: no box */
	s = "- [ ] 户口簿\n- [x] 身份证\n";
	md_text(s, strlen(s), &b);
	STR_EQ(b.data, "户口簿\n身份证\n");
	STR_EQ(pieces(s), "户口簿@1:7|身份证@2:7|");
	/* on paper: the box is text */
	t = md_tree(s, strlen(s));
	OK(t->child != NULL && t->child->type == MN_LIST);
	if (t->child != NULL && t->child->child != NULL &&
	    t->child->child->child != NULL &&
	    t->child->child->child->child != NULL &&
	    t->child->child->next != NULL) {
		STR_EQ(t->child->child->child->child->text, "☐ ");
		STR_EQ(t->child->child->child->child->next->text, "户口簿");
		STR_EQ(t->child->child->next->child->child->text, "☑ ");
	} else
		OK(!"md_tree: list, items, paragraphs");
	mnode_free(t);
	buf_dispose(&b);
}

int
main(void)
{
	safe_mode();
	hidden_schemes();
	footnote_split();
	lint();
	table_positions();
	headings();
	heading_ids();
	slugs();
	tables();
	footnotes();
	footnote_ids();
	empty_marks();
	bad_urls();
	links();
	local_links();
	summaries();
	front_matter();
	shown();
	line_ends();
	html_text();
	raw_html();
	masks();
	pasted();
	pasted_fields();
	signatures();
	setext_sentences();
	task_lists();
	return T_DONE();
}
