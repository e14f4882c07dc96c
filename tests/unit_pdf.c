/*
 * unit tests for pdf, qr and pdfbox: line breaking (避头尾), the memo
 * of layouts, a sample
 * handout checked with poppler (page size, embedded subset fonts, the
 * table header repeated on page 2), the QR code decoded with zbarimg,
 * bleed boxes, byte-identical output, option errors, speed, and, from
 * the words' positions (pdftotext -bbox): columns filled before the
 * next with no orphan or widow line, a QR code kept in its heading's
 * column, metadata beside a code that never break inside a pair,
 * footnotes.
 *
 * The poppler and zbar checks are skipped with a message when the tools
 * are missing.  Set UNIT_PDF_KEEP=1 to keep the PDFs in the printed
 * folder.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "md.h"
#include "pdf.h"
#include "pdf_draw.h"
#include "qr.h"
#include "t.h"
#include "util.h"

#define URL	"https://gk.example.cn/浙江省/某县/财务/2024-预算.html"

static char	 dir[] = "/tmp/unit_pdf.XXXXXX";

/* ------------------------------------------------ mnode trees by hand */

static struct mnode *
nd(enum mnode_type type, const char *text, ...)
{
	struct mnode	*n = xcalloc(1, sizeof(*n)), **tail = &n->child;
	struct mnode	*c;
	va_list		 ap;

	n->type = type;
	n->text = text ? xstrdup(text) : NULL;
	va_start(ap, text);
	while ((c = va_arg(ap, struct mnode *)) != NULL) {
		*tail = c;
		while (*tail != NULL)
			tail = &(*tail)->next;
	}
	va_end(ap);
	return n;
}

#define TXT(s)		nd(MN_TEXT, s, NULL)
#define PARA(...)	nd(MN_PARA, NULL, __VA_ARGS__, NULL)

static struct mnode *
head(int level, const char *s)
{
	struct mnode	*n = nd(MN_HEADING, NULL, TXT(s), NULL);

	n->level = level;
	return n;
}

static void
tfree(struct mnode *n)
{
	struct mnode	*next;

	for (; n != NULL; n = next) {
		next = n->next;
		tfree(n->child);
		free(n->text);
		free(n->url);
		free(n);
	}
}

static struct mnode *
cell(const char *s, int align)
{
	struct mnode	*c = nd(MN_CELL, NULL, TXT(s), NULL);

	c->align = align;
	return c;
}

/* The 50-row fee table: 序号 | 项目 | 标准 | 金额（元）. */
static struct mnode *
fee_table(int rows)
{
	struct mnode	*t = nd(MN_TABLE, NULL, NULL), **tail = &t->child;
	struct mnode	*r;
	char		 a[32], b[160], c[32];
	int		 i;

	r = nd(MN_ROW, NULL, cell("序号", 'c'), cell("收费项目名称", 0),
	    cell("收费标准及依据", 0), cell("金额（元）", 'r'), NULL);
	r->header = 1;
	*tail = r;
	tail = &r->next;
	for (i = 1; i <= rows; i++) {
		snprintf(a, sizeof(a), "%d", i);
		snprintf(b, sizeof(b), "%s", i % 7 == 3 ?
		    "按照《浙江省物价局关于规范农村集体经济组织收费的通知》"
		    "执行，每户每年收取一次，五保户、低保户免收。" :
		    "按户收取，详见村务公开栏。");
		snprintf(c, sizeof(c), "%d.%02d", i * 37, i % 100);
		r = nd(MN_ROW, NULL, cell(a, 'c'), cell(i % 5 == 0 ?
		    "农村生活垃圾清运及处理服务费" : "卫生保洁费", 0),
		    cell(b, 0), cell(c, 'r'), NULL);
		*tail = r;
		tail = &r->next;
	}
	return t;
}

static struct mnode *
list(int ordered, ...)
{
	struct mnode	*l = nd(MN_LIST, NULL, NULL), **tail = &l->child;
	const char	*s;
	va_list		 ap;

	l->ordered = ordered;
	l->start = 1;
	va_start(ap, ordered);
	while ((s = va_arg(ap, const char *)) != NULL) {
		*tail = nd(MN_ITEM, NULL, PARA(TXT(s)), NULL);
		tail = &(*tail)->next;
	}
	va_end(ap);
	return l;
}

/* An item body: headings, paragraphs, lists, quote, code, rule, table. */
static struct mnode *
body(int rows)
{
	struct mnode	*strong = nd(MN_STRONG, NULL, TXT("三个工作日内"),
	    NULL);
	struct mnode	*link = nd(MN_LINK, NULL, TXT("县政府网站"), NULL);

	link->url = xstrdup("https://www.example.gov.cn/");
	return nd(MN_DOC, NULL,
	    head(1, "一、基本情况"),
	    PARA(TXT("根据《中华人民共和国政府信息公开条例》和《村务公开"
	    "条例》的规定，现将本村二〇二四年度财务收支情况公开如下。"),
	    nd(MN_SOFTBREAK, NULL, NULL),
	    TXT("如有疑问，请在公开之日起"), strong,
	    TXT("向村务监督委员会反映；详情见"), link, TXT("。"), NULL),
	    list(1, "本年度收入合计 1,234,567.89 元；",
	    "本年度支出合计 987,654.32 元；", "年末结余 246,913.57 元。",
	    NULL),
	    list(0, "监督电话：0571-12345678", "监督邮箱："
	    "jiandu@example.cn", NULL),
	    nd(MN_QUOTE, NULL, PARA(TXT("村务监督委员会意见：经审核，以上"
	    "收支真实、准确，同意公开。")), NULL),
	    head(2, "二、收费标准"),
	    fee_table(rows),
	    nd(MN_CODE_BLOCK, "编号 ZJ-001/2024-00012\n", NULL),
	    nd(MN_HR, NULL, NULL),
	    PARA(TXT("特此公告。")),
	    NULL);
}

/* ------------------------------------------------------------ helpers */

static int
save(const char *name, const struct buf *b)
{
	char	*path = xasprintf("%s/%s", dir, name);
	FILE	*f = fopen(path, "wb");
	int	 rc = -1;

	if (f != NULL && fwrite(b->data, 1, b->len, f) == b->len)
		rc = 0;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	free(path);
	return rc;
}

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Builds a handout of n items into out; returns pdf_finish's result. */
static int
handout(struct pdf_fonts *f, const struct pdf_opts *o, int n, int rows,
    struct buf *out, int *pages)
{
	static const struct pdf_meta	 meta[] = {
		{ "索引号", "ZJ-001/2024-00012" },
		{ "发布机构", "某某村村民委员会" },
		{ "发布日期", "2024-05-01" },
		{ "公开方式", "主动公开" },
		{ "文号", "村委〔2024〕3号" },
	};
	struct pdf	*p;
	struct mnode	*doc;
	char		 title[128];
	int		 i, rc;

	if (pdf_new("handout.pdf", o, f, &p) == -1)
		return -1;
	pdf_heading_band(p, "某某县某某镇某某村村民委员会",
	    "截至 2024 年 5 月 1 日");
	pdf_toc(p, "目录", 1);
	doc = body(rows);
	for (i = 0; i < n; i++) {
		pdf_page_break(p);
		snprintf(title, sizeof(title), "第%d项 二〇二四年度村级财务"
		    "收支及收费标准公开", i + 1);
		pdf_heading(p, 1, title);
		pdf_meta_table(p, meta, sizeof(meta) / sizeof(meta[0]));
		pdf_markdown(p, doc);
		if (pdf_qr(p, URL, 30) == -1) {
			pdf_free(p);
			tfree(doc);
			return -1;
		}
	}
	tfree(doc);
	rc = pdf_finish(p, out);
	if (pages != NULL)
		*pages = pdf_pages(p);
	pdf_free(p);
	return rc;
}

/* ------------------------------------------------------------- checks */

static const char no_start[] = "，。、；：？！）》」』】”’";
static const char no_end[] = "（《「『【“‘";

/* 1 if the UTF-8 string s starts (end 0) or ends (end 1) with a char
 * of set. */
static int
edge_in(const char *s, size_t len, const char *set, int end)
{
	const char	*c = set;
	size_t		 n;

	while (*c != '\0') {
		n = 1;
		while ((c[n] & 0xc0) == 0x80)
			n++;
		if (len >= n && memcmp(end ? s + len - n : s, c, n) == 0)
			return 1;
		c += n;
	}
	return 0;
}

static void
test_kinsoku(struct pdf_fonts *f)
{
	static const char text[] =
	    "根据《中华人民共和国政府信息公开条例》（国务院令第711号），"
	    "行政机关应当主动公开本行政机关的“机构职能、办事程序”等信息。"
	    "公开的内容包括：财务收支、惠农补贴、集体资产；涉及个人隐私的，"
	    "不予公开！是否符合规定？请监督。「依法」『公开』【重要】";
	struct buf	 b = BUF_INIT;
	const char	*s, *e;
	int		 w, bad = 0, lines = 0, first = 1;

	for (w = 50; w <= 160; w += 3) {
		buf_reset(&b);
		pdf_wrap(f, text, w, 10, &b);
		for (s = b.data; *s != '\0'; s = *e ? e + 1 : e) {
			e = strchr(s, '\n');
			if (e == NULL)
				e = s + strlen(s);
			lines++;
			if ((s != b.data && edge_in(s, e - s, no_start, 0)) ||
			    (*e != '\0' && edge_in(s, e - s, no_end, 1))) {
				bad++;
				if (first)
					printf("bad line at width %d: %.*s\n",
					    w, (int)(e - s), s);
				first = 0;
			}
		}
	}
	OK(lines > 300);	/* the text really wrapped */
	OK(bad == 0);
	/* Nothing is lost or added by wrapping. */
	buf_reset(&b);
	pdf_wrap(f, text, 80, 10, &b);
	{
		struct buf	 j = BUF_INIT;

		for (s = b.data; *s != '\0'; s++)
			if (*s != '\n')
				buf_putc(&j, *s);
		STR_EQ(j.data, text);
		buf_dispose(&j);
	}
	buf_dispose(&b);
}

/*
 * A run of one character that never starts a line (a leader of dots,
 * dashes to fill in), longer than a line, wraps: in twos, as "——" and
 * "……" go, the first two after the text before it, nothing lost.
 * Before, no break was allowed anywhere in it and it ran off the page.
 */
static void
test_runs(struct pdf_fonts *f)
{
	static const char *const ch[] = { "—", "…", "·", "～" };
	struct buf	 b = BUF_INIT, t = BUF_INIT, j = BUF_INIT;
	const char	*s, *e;
	size_t		 i, k, cl;
	int		 lines, bad = 0;

	for (i = 0; i < sizeof(ch) / sizeof(ch[0]); i++) {
		buf_reset(&t);
		buf_puts(&t, "甲");
		for (k = 0; k < 101; k++)
			buf_puts(&t, ch[i]);
		buf_reset(&b);
		pdf_wrap(f, t.data, 100, 10, &b);
		buf_reset(&j);
		lines = 0;
		for (s = b.data; *s != '\0'; s = *e ? e + 1 : e) {
			e = strchr(s, '\n');
			if (e == NULL)
				e = s + strlen(s);
			lines++;
			buf_put(&j, s, (size_t)(e - s));
			/* characters of the run on the line */
			cl = (size_t)(e - s) / strlen(ch[i]);
			if (s == b.data)
				cl = (size_t)(e - s - strlen("甲")) /
				    strlen(ch[i]);
			if (cl > 10 || (*e != '\0' && cl % 2 != 0) ||
			    (s == b.data && cl == 0)) {
				printf("# %s: line %d: %.*s\n", ch[i], lines,
				    (int)(e - s), s);
				bad++;
			}
		}
		OK(lines >= 10);
		STR_EQ(j.data, t.data);
	}
	OK(bad == 0);
	buf_dispose(&b);
	buf_dispose(&t);
	buf_dispose(&j);
}

/*
 * 孤字: a paragraph's last line never holds one character alone when
 * the line above can spare one, and keeps its number of lines; a
 * line that starts its paragraph is not alone in this sense.  At 10
 * pt, 55 points hold five characters.  Before, 卫生健康支 / 出.
 */
static void
test_widow(struct pdf_fonts *f)
{
	static const struct {
		const char	*text, *want;
	} c[] = {
		{ "卫生健康支出", "卫生健康\n支出" },
		{ "甲乙丙丁戊己庚辛壬癸子", "甲乙丙丁戊\n己庚辛壬\n癸子" },
		{ "甲\n卫生健康支出", "甲\n卫生健康\n支出" },
		{ "卫生健康支出。", "卫生健康\n支出。" },
		{ "卫生健康支", "卫生健康支" },
	};
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		buf_reset(&b);
		pdf_wrap(f, c[i].text, 55, 10, &b);
		STR_EQ(b.data, c[i].want);
	}
	buf_dispose(&b);
}

/*
 * A paragraph of 200,000 characters (a regulation pasted as one line)
 * is set whole, in lines no wider than the column: as one run, at 12
 * points, it was 2.4 million points wide, past Pango's int of 1/1024
 * pt, and came out as one line of all of it, off the page.
 */
static void
test_huge_paragraph(struct pdf_fonts *f)
{
	static const char	 unit[] = "根据上级有关文件精神结合我镇实际，";
	struct pdf_text		 t;
	struct buf		 in = BUF_INIT, out = BUF_INIT;
	size_t			 i, n = 0;

	while (n < 200000) {
		buf_puts(&in, unit);
		n += 17;
	}
	pdf_text_make(&t, f, in.data, 1, PDF_BODY, 12, 0, 400, 0);
	OK(t.width <= 400 + 0.01);
	OK(t.n > (int)(n / 34) && t.n < (int)(n / 30));
	pdf_text_dispose(&t);
	pdf_wrap(f, in.data, 400, 12, &out);
	for (i = 0, n = 0; i < out.len; i++)
		if (out.data[i] != '\n')
			out.data[n++] = out.data[i];
	OK(n == in.len && memcmp(out.data, in.data, n) == 0);
	buf_dispose(&in);
	buf_dispose(&out);
}

/*
 * pdf_fonts_lack: a character of the Basic Multilingual Plane no font
 * has (Yi, here) is found as one past it is, with its length, so the
 * next is found too; ASCII, CJK, what shows nothing (U+FE0F, U+200D)
 * and bytes that are no UTF-8 are not.
 */
static void
test_lack(struct pdf_fonts *f)
{
	static const char	 yi[] = "甲\xea\x86\x88\xea\x8c\xa0乙";
	static const char	 fine[] = "abc\t甲，。（）\xe2\x9d\xa4\xef\xb8\x8f"
	    "\xe2\x80\x8d\xff\x80\xe9";
	size_t			 off = 0, len = 0;
	uint32_t		 cp = 0;

	if (!pdf_fonts_lack(f, yi, strlen(yi), &off, &len, &cp)) {
		T_SKIP("a font for Yi is installed");
		return;
	}
	OK(off == 3 && len == 3 && cp == 0xa188);
	OK(pdf_fonts_lack(f, yi + off + len, strlen(yi) - off - len, &off,
	    &len, &cp) == 1 && off == 0 && len == 3 && cp == 0xa320);
	OK(pdf_fonts_lack(f, fine, strlen(fine), &off, &len, &cp) == 0);
	/* a character cut short at the end of what is asked */
	OK(pdf_fonts_lack(f, yi, 5, &off, &len, &cp) == 0);
}

static void
test_qr(void)
{
	struct qr	 q, bad;

	OK(qr_encode("t", URL, &q) == 0);
	OK(q.width >= 21 && (q.width - 17) % 4 == 0);
	/* The finder pattern's corner is dark. */
	OK(q.dark != NULL && q.dark[0] == 1);
	OK(qr_encode("t", "", &bad) == -1);

	/* The memo: one code a text, the same modules as a fresh one,
	 * each text its own, gone when cleared. */
	struct qr_memo	*m = qr_memo_new();
	const struct qr	*a, *b, *c;

	a = qr_memo_get(m, "t", URL);
	b = qr_memo_get(m, "t", URL);
	c = qr_memo_get(m, "t", URL "?2");
	OK(a != NULL && a == b && c != NULL && c != a);
	/* a, got before c, is where it was */
	OK(a->width == q.width &&
	    memcmp(a->dark, q.dark, (size_t)q.width * q.width) == 0);
	OK(qr_memo_get(m, "t", "") == NULL);
	qr_memo_clear(m);
	a = qr_memo_get(m, "t", URL);
	OK(a != NULL && a->width == q.width &&
	    memcmp(a->dark, q.dark, (size_t)q.width * q.width) == 0);
	qr_memo_free(m);
	qr_dispose(&q);
}

static void
test_opts(struct pdf_fonts *f)
{
	struct pdf_opts	 o = { 0 };
	struct pdf	*p = NULL;

	o.paper = "B5";
	OK(pdf_new("x.pdf", &o, f, &p) == -1 && p == NULL);
	o.paper = "a4";
	o.footer_fmt = "page %s";
	OK(pdf_new("x.pdf", &o, f, &p) == -1);
	o.footer_fmt = "第 %d 页 共 %d 页 %d";
	OK(pdf_new("x.pdf", &o, f, &p) == -1);
	o.footer_fmt = "%d%%";
	o.bleed_mm = -1;
	OK(pdf_new("x.pdf", &o, f, &p) == -1);
	o.bleed_mm = 0;
	OK(pdf_new("x.pdf", &o, f, &p) == 0 && p != NULL);
	pdf_free(p);
}

/* A3 landscape handout: size, fonts, repeated header, QR, footer. */
static void
test_handout(struct pdf_fonts *f)
{
	struct pdf_opts	 o = { 0 };
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	char		*out, *cmd;
	int		 pages = 0, poppler = t_have("pdfinfo") &&
	    t_have("pdffonts") && t_have("pdftotext");

	o.paper = "A3";
	o.landscape = 1;
	o.creation_day = 19844;		/* 2024-05-01 */
	o.title = "某某村村务公开";
	o.author = "某某村村民委员会";
	o.footer_fmt = "第 %d 页 共 %d 页";
	OK(handout(f, &o, 2, 50, &a, &pages) == 0);
	OK(pages >= 4);
	OK(a.len > 1000 && memcmp(a.data, "%PDF-", 5) == 0);
	OK(save("a3.pdf", &a) == 0);
	/* Same input, same bytes. */
	OK(handout(f, &o, 2, 50, &b, NULL) == 0);
	OK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	OK(save("a3-again.pdf", &b) == 0);
	cmd = xasprintf("cmp -s %s/a3.pdf %s/a3-again.pdf", dir, dir);
	OK(system(cmd) == 0);
	free(cmd);

	if (!poppler) {
		T_SKIP("poppler-utils not installed");
		goto out;
	}
	cmd = xasprintf("pdfinfo %s/a3.pdf | tr -s ' '", dir);
	out = t_output(cmd);
	OK(strstr(out, "Page size: 1190.55 x 841.89 pts (A3)") != NULL);
	OK(strstr(out, "Title: 某某村村务公开") != NULL);
	OK(strstr(out, "Author: 某某村村民委员会") != NULL);
	OK(strstr(out, "CreationDate: Wed May 1 00:00:00 2024") != NULL);
	free(out);
	free(cmd);

	/* Every font embedded and subset. */
	cmd = xasprintf("pdffonts %s/a3.pdf | tail -n +3 | "
	    "awk '{ print $(NF-4), $(NF-3) }' | sort -u", dir);
	out = t_output(cmd);
	STR_EQ(out, "yes yes\n");
	free(out);
	free(cmd);
	cmd = xasprintf("pdffonts %s/a3.pdf", dir);
	out = t_output(cmd);
	/* Headings are the body's family in bold; Mono for the code. */
	OK(strstr(out, "NotoSansCJKsc-Regular") != NULL);
	OK(strstr(out, "NotoSansCJKsc-Bold") != NULL);
	OK(strstr(out, "NotoSansMonoCJKsc-Regular") != NULL);
	OK(strstr(out, "NotoSerifCJK") == NULL);
	free(out);
	free(cmd);

	/* The table header continues on the next page of the table. */
	cmd = xasprintf("pdftotext -f 3 -l 3 %s/a3.pdf -", dir);
	out = t_output(cmd);
	OK(strstr(out, "收费项目名称") != NULL);
	OK(strstr(out, "收费标准及依据") != NULL);
	OK(strstr(out, "第3页共") != NULL);
	free(out);
	free(cmd);
	cmd = xasprintf("pdftotext %s/a3.pdf - | grep -c 收费项目名称", dir);
	out = t_output(cmd);
	OK(atoi(out) >= 3);	/* 2 tables, at least one continued */
	free(out);
	free(cmd);
	/* The cover: band, toc with page numbers. */
	cmd = xasprintf("pdftotext -layout -f 1 -l 1 %s/a3.pdf -", dir);
	out = t_output(cmd);
	OK(strstr(out, "某某县某某镇某某村村民委员会") != NULL);
	OK(strstr(out, "截至 2024 年 5 月 1 日") != NULL);
	OK(strstr(out, "第1项 二〇二四年度村级财务收支及收费标准公开") != NULL);
	free(out);
	free(cmd);
	cmd = xasprintf("pdftotext -layout -f 1 -l 1 %s/a3.pdf - | "
	    "grep -o '公开 *[.·…]* *[0-9]*$' | grep -o '[0-9]*$' | tr '\\n' ,",
	    dir);
	out = t_output(cmd);
	OK(strncmp(out, "2,", 2) == 0);	/* item 1 starts on page 2 */
	OK(strlen(out) >= 4);
	if (strncmp(out, "2,", 2) != 0)
		printf("toc numbers: %s\n", out);
	free(out);
	free(cmd);

	if (!t_have("pdftoppm") || !t_have("zbarimg")) {
		T_SKIP("pdftoppm or zbarimg not installed");
		goto out;
	}
	cmd = xasprintf("pdftoppm -r 150 -png -f %d -l %d %s/a3.pdf %s/page "
	    "&& zbarimg -q --raw %s/page-%d.png 2>/dev/null", pages, pages, dir, dir, dir,
	    pages);
	out = t_output(cmd);
	STR_EQ(out, URL "\n");
	free(out);
	free(cmd);
out:
	buf_dispose(&a);
	buf_dispose(&b);
}

/* A4 with 3 mm bleed, in grey: the page boxes, and the same bytes
 * twice. */
static void
test_bleed(struct pdf_fonts *f)
{
	struct pdf_opts	 o = { 0 };
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	char		*out, *cmd;

	o.paper = "A4";
	o.bleed_mm = 3;
	o.grey = 1;
	o.creation_day = 19844;
	o.footer_fmt = "第 %d 页 共 %d 页";
	OK(handout(f, &o, 1, 20, &a, NULL) == 0);
	OK(handout(f, &o, 1, 20, &b, NULL) == 0);
	OK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	OK(save("a4-bleed.pdf", &a) == 0);
	if (!t_have("pdfinfo")) {
		T_SKIP("poppler-utils not installed");
		goto out;
	}
	cmd = xasprintf("pdfinfo -box %s/a4-bleed.pdf | tr -s ' '", dir);
	out = t_output(cmd);
	/* 216 x 303 mm = 612.28 x 858.90 pt; trim 3 mm = 8.50 pt in. */
	OK(strstr(out, "Page size: 612.28") != NULL &&
	    strstr(out, " x 858.89") != NULL);
	OK(strstr(out, "MediaBox: 0.00 0.00 612.28 858.90")
	    != NULL);
	OK(strstr(out, "BleedBox: 0.00 0.00 612.28 858.90")
	    != NULL);
	OK(strstr(out, "TrimBox: 8.50 8.50 603.78 850.39")
	    != NULL);
	if (strstr(out, "TrimBox: 8.50") == NULL)
		printf("%s", out);
	free(out);
	free(cmd);
	cmd = xasprintf("pdftotext %s/a4-bleed.pdf - | grep -c '第.页共'",
	    dir);
	out = t_output(cmd);
	OK(atoi(out) >= 2);
	free(out);
	free(cmd);
out:
	buf_dispose(&a);
	buf_dispose(&b);
}

/*
 * Known problem, reported not failed: cairo 1.16's CFF subsetter can
 * drop a subroutine a glyph needs (seen: 如 in Noto Sans CJK SC
 * Regular when few other glyphs share its subset), so that glyph
 * prints blank while pdftotext still finds it.
 */
/*
 * Glyphs drawn and read back: 如, which cairo 1.16's CFF subsetter left
 * blank, has dark pixels; 金 and the radical ⾦ share a glyph of Noto
 * Sans CJK, and each reads back as itself; Hebrew (right to left)
 * reads back in its own order, letter by letter.
 */
static void
test_glyphs(struct pdf_fonts *f)
{
	struct pdf_opts	 o = { 0 };
	struct pdf	*p;
	struct buf	 a = BUF_INIT;
	char		*cmd, *out;

	o.creation_day = 19844;
	if (pdf_new("glyph.pdf", &o, f, &p) == -1)
		return;
	{
		struct mnode	*d = nd(MN_DOC, NULL, PARA(TXT("如")),
			    PARA(TXT("部首：\u2fa6 正常：金额 金")),
			    PARA(TXT("Hebrew: \u05e9\u05dc\u05d5\u05dd ok")),
			    PARA(TXT("缺字：\U00020000与\U0002A6A5。")),
			    NULL);

		pdf_markdown(p, d);
		tfree(d);
	}
	OK(pdf_finish(p, &a) == 0);
	pdf_free(p);
	OK(save("glyph.pdf", &a) == 0);
	buf_dispose(&a);
	if (!t_have("pdftoppm") || !t_have("pdftotext")) {
		T_SKIP("poppler-utils not installed");
		return;
	}
	/* Dark pixels in the first paragraph's area (page top, left). */
	cmd = xasprintf("pdftoppm -r 72 -gray -f 1 -l 1 -x 40 -y 40 -W 40 "
	    "-H 30 %s/glyph.pdf | tail -c 1200 | od -An -v -tu1 | "
	    "tr -s ' ' '\\n' | awk '$1 != \"\" && $1 < 128' | wc -l", dir);
	out = t_output(cmd);
	OK(atoi(out) > 0);
	free(out);
	free(cmd);
	cmd = xasprintf("pdftotext %s/glyph.pdf -", dir);
	out = t_output(cmd);
	OK(strstr(out, "部首：\u2fa6 正常：金额 金") != NULL);
	OK(strstr(out, "\u05e9\u05dc\u05d5\u05dd") != NULL);
	/* Characters no font has (boxes) copy as themselves. */
	OK(strstr(out, "缺字：\U00020000与\U0002A6A5。") != NULL);
	if (strstr(out, "\u05e9\u05dc\u05d5\u05dd") == NULL ||
	    strstr(out, "缺字：\U00020000与\U0002A6A5。") == NULL)
		printf("# %s", out);
	free(out);
	free(cmd);
}

/* ------------------------------------------------ positions on pages */

/* A word as pdftotext -bbox places it. */
struct word {
	int	 page;		/* 1-based */
	double	 x0, x1, y0, y1; /* left, right, top, bottom in points */
	char	*text;		/* the word, unescaped enough for CJK */
};

/* 1 if the number after name=" in s was read into *d. */
static int
attr_num(const char *s, const char *name, double *d)
{
	const char	*a = strstr(s, name);

	if (a == NULL || a[strlen(name)] != '=' || a[strlen(name) + 1] != '"')
		return 0;
	*d = strtod(a + strlen(name) + 2, NULL);
	return 1;
}

/* The words of the saved PDF name, in reading order (caller frees with
 * words_free); *n is their number. */
static struct word *
words_of(const char *name, size_t *n)
{
	struct word	*w = NULL;
	size_t		 cap = 0;
	char		*cmd, *out, *s, *e, *t, *end;
	int		 page = 0;

	*n = 0;
	cmd = xasprintf("pdftotext -bbox %s/%s -", dir, name);
	out = t_output(cmd);
	for (s = out; (s = strchr(s, '<')) != NULL; s++) {
		if (strncmp(s, "<page ", 6) == 0) {
			page++;
			continue;
		}
		if (strncmp(s, "<word ", 6) != 0 ||
		    (t = strchr(s, '>')) == NULL ||
		    (e = strstr(t, "</word>")) == NULL)
			continue;
		/* (U+3000 is no space to poppler: a word of them, or a
		 * word's own at its end, is the gap between words) */
		for (end = e, t++; end - t >= 3 &&
		    memcmp(end - 3, "\u3000", 3) == 0; end -= 3)
			;
		if (end > t) {
			xgrow(&w, &cap, *n + 1, sizeof(*w));
			w[*n].page = page;
			attr_num(s, "xMin", &w[*n].x0);
			attr_num(s, "xMax", &w[*n].x1);
			attr_num(s, "yMin", &w[*n].y0);
			attr_num(s, "yMax", &w[*n].y1);
			w[*n].text = xstrndup(t, (size_t)(end - t));
			(*n)++;
		}
		s = e;
	}
	free(out);
	free(cmd);
	return w;
}

static void
words_free(struct word *w, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(w[i].text);
	free(w);
}

/* Finishes p into the saved PDF name; returns its pages or -1. */
static int
finish_save(struct pdf *p, const char *name)
{
	struct buf	 b = BUF_INIT;
	int		 pages = -1;

	if (pdf_finish(p, &b) == 0 && save(name, &b) == 0)
		pages = pdf_pages(p);
	pdf_free(p);
	buf_dispose(&b);
	return pages;
}

/* An A3 landscape page in two columns with a footer, as a board. */
static struct pdf *
board(struct pdf_fonts *f)
{
	struct pdf_opts	 o = { 0 };
	struct pdf	*p;

	o.paper = "A3";
	o.landscape = 1;
	o.columns = 2;
	o.creation_day = 19844;
	o.footer_fmt = "第 %d 页 共 %d 页";
	return pdf_new("board.pdf", &o, f, &p) == 0 ? p : NULL;
}

/* A paragraph of about lines full lines (37 characters fill a line of
 * the board's column) of the one character c. */
static void
para_of(struct pdf *p, const char *c, int lines)
{
	struct buf	 b = BUF_INIT;
	struct mnode	*d;
	int		 i;

	for (i = 0; i < 37 * lines - 17; i++)
		buf_puts(&b, c);
	d = nd(MN_DOC, NULL, PARA(TXT(b.data)), NULL);
	pdf_markdown(p, d);
	tfree(d);
	buf_dispose(&b);
}

/*
 * A word too long for a line is broken without a hyphen added: the
 * glyphs shown are the word's characters, no more.
 */
static void
test_no_hyphen(struct pdf_fonts *f)
{
	struct pdf_opts	 o = { 0 };
	struct pdf	*p;
	struct mnode	*d;
	struct buf	 b = BUF_INIT;
	char		*cmd, *out;
	int		 i;

	o.creation_day = 19844;
	if (pdf_new("hyphen.pdf", &o, f, &p) == -1)
		return;
	for (i = 0; i < 150; i++)
		buf_putc(&b, "0123456789ABCDEFGHIJ"[i % 20]);
	d = nd(MN_DOC, NULL, PARA(TXT(b.data)), NULL);
	pdf_markdown(p, d);
	tfree(d);
	buf_dispose(&b);
	if (finish_save(p, "hyphen.pdf") < 1)
		return;
	if (!t_have("qpdf") || !t_have("pdftotext")) {
		T_SKIP("qpdf or poppler-utils not installed");
		return;
	}
	/* Several lines, and 150 codes of four hexadecimal digits. */
	cmd = xasprintf("pdftotext %s/hyphen.pdf - | grep -c .", dir);
	out = t_output(cmd);
	OK(atoi(out) >= 3);
	free(out);
	free(cmd);
	cmd = xasprintf("qpdf --qdf --object-streams=disable %s/hyphen.pdf - "
	    "| grep -a 'TJ$' | sed 's/> [-0-9.]* </></g' | "
	    "grep -o '<[0-9A-Fa-f]*>' | tr -d '<>\\n' | wc -c", dir);
	out = t_output(cmd);
	OK(atoi(out) == 150 * 4);
	if (atoi(out) != 150 * 4)
		printf("# %d hexadecimal digits\n", atoi(out));
	free(out);
	free(cmd);
}

/*
 * A table of ncols columns: a header row of hd, then three rows of
 * row, column j aligned as align[j] says ('c', 'r'; NULL: none).
 */
static struct mnode *
grid(size_t ncols, const char *const *hd, const char *const *row,
    const char *align)
{
	struct mnode	*t, *r, **tail, **ct;
	size_t		 i, j;

	t = nd(MN_TABLE, NULL, NULL);
	tail = &t->child;
	for (i = 0; i < 4; i++) {
		r = nd(MN_ROW, NULL, NULL);
		r->header = i == 0;
		ct = &r->child;
		for (j = 0; j < ncols; j++) {
			*ct = cell(i == 0 ? hd[j] : row[j],
			    align != NULL ? align[j] : 0);
			ct = &(*ct)->next;
		}
		*tail = r;
		tail = &r->next;
	}
	return t;
}

/*
 * A table too wide for its column, even by its widest words: sixteen
 * columns of long numbers beside a 序 column of one digit, on a
 * board.  Every column keeps room for a character, so no cell's text
 * runs into the next column: each header's word ends before the next
 * one begins.  Before, every width shrank alike and the 序 column,
 * narrower than its padding, set its text over the rules.
 */
static void
test_squeeze(struct pdf_fonts *f)
{
	static const char *const hd[] = { "序", "甲", "乙", "丙", "丁", "戊",
	    "己", "庚", "辛", "壬", "癸", "子", "丑", "寅", "卯", "辰" };
	const char	*row[16];
	struct pdf	*p = board(f);
	struct mnode	*t;
	struct word	*w;
	size_t		 n, j, k, nh = 0, at[16];
	int		 bad = 0;

	if (p == NULL)
		return;
	for (j = 0; j < 16; j++)
		row[j] = j == 0 ? "1" : "123,456,789.01";
	t = nd(MN_DOC, NULL, grid(16, hd, row, "crrrrrrrrrrrrrrr"), NULL);
	pdf_markdown(p, t);
	tfree(t);
	if (finish_save(p, "squeeze.pdf") < 1 || !t_have("pdftotext")) {
		T_SKIP("poppler-utils not installed");
		return;
	}
	w = words_of("squeeze.pdf", &n);
	for (j = 0; j < 16; j++)
		for (k = 0; k < n; k++)
			if (w[k].page == 1 && strcmp(w[k].text, hd[j]) == 0) {
				at[nh++] = k;
				break;
			}
	OK(nh == 16);
	for (j = 1; j < nh; j++)
		if (w[at[j - 1]].x1 > w[at[j]].x0 + 0.01) {
			printf("# %s ends at %.2f, %s begins at %.2f\n",
			    w[at[j - 1]].text, w[at[j - 1]].x1,
			    w[at[j]].text, w[at[j]].x0);
			bad++;
		}
	OK(bad == 0);
	words_free(w, n);
}

/*
 * A village's list on a board: short columns (序号, a masked name,
 * 性别, 奖励扶助) beside a long remark that must wrap.  The short ones
 * keep their text on one line, every cell of them one word; before,
 * each column got a share in proportion to what it lacked, and 王*明,
 * 性别 and 奖励扶助 broke over two lines beside the remark.
 */
static void
test_share(struct pdf_fonts *f)
{
	static const char *const hd[] = { "序号", "姓名", "性别", "类别",
	    "变动情况" };
	static const char *const row[] = { "1", "王*明", "男", "奖励扶助",
	    "退出（死亡，2025年12月），经村民小组评议、村委会审核、镇人民"
	    "政府审批、县卫生健康局确认，自2026年1月起停发，已发放的不予"
	    "追回，请家属于公示期内到村委会办理相关手续" };
	struct pdf	*p = board(f);
	struct mnode	*t;
	struct word	*w;
	size_t		 n, j, k, seen[4] = { 0 };

	if (p == NULL)
		return;
	t = nd(MN_DOC, NULL, grid(5, hd, row, NULL), NULL);
	pdf_markdown(p, t);
	tfree(t);
	if (finish_save(p, "share.pdf") < 1 || !t_have("pdftotext")) {
		T_SKIP("poppler-utils not installed");
		return;
	}
	w = words_of("share.pdf", &n);
	for (k = 0; k < n; k++)
		for (j = 1; j < 4; j++)
			if (strcmp(w[k].text, row[j]) == 0 ||
			    strcmp(w[k].text, hd[j]) == 0)
				seen[j]++;
	for (j = 1; j < 4; j++) {
		OK(seen[j] == 4);
		if (seen[j] != 4)
			printf("# %s whole in %zu of 4 rows\n", row[j],
			    seen[j]);
	}
	words_free(w, n);
}

/*
 * A tester's table of four columns on a board: 单位 | 项目 | 金额 |
 * 备注, the unit 某某县卫生健康委员会 and a project beside a remark
 * of two hundred characters.  Shared by what each column lacked, the
 * unit's column had room for one character, and its name ran down the
 * page 卫/生/健/康; now every line of it holds four characters or more,
 * but the last, and the figure stays whole.
 */
static void
test_cols_four(struct pdf_fonts *f)
{
	static const char *const hd[] = { "单位", "项目", "金额", "备注" };
	static const char	 unit[] = "某某县卫生健康委员会";
	const char		*row[4];
	struct pdf		*p = board(f);
	struct mnode		*t;
	struct buf		 b = BUF_INIT;
	struct word		*w;
	size_t			 n, k, seen = 0, chars, last = 0, fig = 0;
	int			 i, bad = 0;

	if (p == NULL)
		return;
	for (i = 0; i < 10; i++)
		buf_puts(&b, "按照每人每年不低于一千二百元标准发放到户");
	row[0] = unit;
	row[1] = "农村部分计划生育家庭奖励扶助金";
	row[2] = "1,234,567.89";
	row[3] = b.data;
	t = nd(MN_DOC, NULL, grid(4, hd, row, "llrl"), NULL);
	pdf_markdown(p, t);
	tfree(t);
	buf_dispose(&b);
	if (finish_save(p, "four.pdf") < 1 || !t_have("pdftotext")) {
		T_SKIP("poppler-utils not installed");
		return;
	}
	w = words_of("four.pdf", &n);
	for (k = 0; k < n; k++) {
		if (strcmp(w[k].text, row[2]) == 0)
			fig++;
		if (strstr(unit, w[k].text) == NULL ||
		    strcmp(w[k].text, unit) == 0)
			continue;
		/* a piece of the unit's name, on a line of its own */
		seen++;
		chars = strlen(w[k].text) / 3;
		if (strlen(unit) - strlen(w[k].text) ==
		    (size_t)(strstr(unit, w[k].text) - unit))
			last++;		/* its end: may be shorter */
		else if (chars < 4) {
			printf("# %s: %zu characters\n", w[k].text, chars);
			bad++;
		}
	}
	OK(seen + fig > 0);
	OK(bad == 0);
	OK(fig == 3);
	words_free(w, n);
}

/*
 * A signature (落款) placed with runs of U+3000, on a board whose
 * column holds 37 characters: a name after 30 of them, a 印发 line
 * with 20 between the office and the date, and a short line after 4.
 * The name and the date come out whole, the name's line ending at the
 * column's edge and the date's after one U+3000 at least; the short
 * line, which fits, keeps its 4.  Before, Pango filled the name's line
 * with the run and 某某县东城, and broke the date.
 */
static void
test_signature(struct pdf_fonts *f)
{
	static const char	 name[] = "某某县东城镇卫生健康办公室";
	static const char	 office[] = "某某县卫生健康局办公室";
	static const char	 date[] = "2026年11月20日印发";
	struct pdf		*p = board(f);
	struct mnode		*d;
	struct buf		 b1 = BUF_INIT, b2 = BUF_INIT, b3 = BUF_INIT;
	struct word		*w;
	size_t			 n, k, j;
	double			 x0 = 0, x1 = 0, right, gap = -1, em = 0;
	double			 shortx = 0;
	int			 i, seen = 0;

	if (p == NULL)
		return;
	for (i = 0; i < 30; i++)
		buf_puts(&b1, "\xe3\x80\x80");
	buf_puts(&b1, name);
	buf_puts(&b2, office);
	for (i = 0; i < 20; i++)
		buf_puts(&b2, "\xe3\x80\x80");
	buf_puts(&b2, date);
	buf_puts(&b3, "\xe3\x80\x80\xe3\x80\x80\xe3\x80\x80\xe3\x80\x80短行");
	d = nd(MN_DOC, NULL, PARA(TXT("正文第一段。")),
	    PARA(TXT(b1.data), nd(MN_LINEBREAK, NULL, NULL), TXT(b2.data),
	    nd(MN_LINEBREAK, NULL, NULL), TXT(b3.data)), NULL);
	pdf_markdown(p, d);
	tfree(d);
	buf_dispose(&b1);
	buf_dispose(&b2);
	buf_dispose(&b3);
	if (finish_save(p, "signature.pdf") < 1 || !t_have("pdftotext")) {
		T_SKIP("poppler-utils not installed");
		return;
	}
	w = words_of("signature.pdf", &n);
	for (k = 0; k < n; k++) {
		if (strcmp(w[k].text, "正文第一段。") == 0) {
			x0 = w[k].x0;
			em = (w[k].x1 - w[k].x0) / 6;
		} else if (strcmp(w[k].text, name) == 0) {
			seen++;
			x1 = w[k].x1;
		} else if (strcmp(w[k].text, "短行") == 0)
			shortx = w[k].x0;
	}
	/* the office and the date on one line (the date whole) */
	for (k = 0; k < n; k++)
		if (strcmp(w[k].text, office) == 0)
			for (j = 0; j < n; j++)
				if (strcmp(w[j].text, date) == 0 &&
				    fabs(w[k].y0 - w[j].y0) < 0.5) {
					seen++;
					gap = w[j].x0 - w[k].x1;
				}
	/* the board's column: A3 landscape, margins and gap of 18 mm */
	right = x0 + (420 - 3 * 18) / 2.0 * 72 / 25.4;
	OK(seen == 2);
	OK(x1 <= right + 0.5 && x1 > right - em);
	OK(gap >= em - 0.5 && gap < 20 * em - 0.5);
	OK(fabs(shortx - x0 - 4 * em) < 0.5);
	if (seen != 2 || fabs(shortx - x0 - 4 * em) >= 0.5)
		for (k = 0; k < n; k++)
			printf("# %.1f %s\n", w[k].x0, w[k].text);
	words_free(w, n);
}

/*
 * A 落款 of two lines, each led by 30 U+3000, on the board's column
 * of 37 characters: the name's line loses U+3000 to end at the
 * column's edge, and the date's line, which fits, ends there too,
 * under the name (GB/T 9704).  Before, the date kept its 30 and
 * stood 5.5 characters short of the name's end.
 */
static void
test_signature_edge(struct pdf_fonts *f)
{
	static const char	 name[] = "某某县东城镇卫生健康办公室";
	static const char	 date[] = "2026年11月20日";
	struct pdf		*p = board(f);
	struct mnode		*d;
	struct buf		 b1 = BUF_INIT, b2 = BUF_INIT;
	struct word		*w;
	size_t			 n, k;
	double			 x0 = -1, nx1 = -1, dx1 = -2, right, em = 16;
	int			 i;

	if (p == NULL)
		return;
	for (i = 0; i < 30; i++) {
		buf_puts(&b1, "\xe3\x80\x80");
		buf_puts(&b2, "\xe3\x80\x80");
	}
	buf_puts(&b1, name);
	buf_puts(&b2, date);
	d = nd(MN_DOC, NULL, PARA(TXT("正文。")), PARA(TXT(b1.data),
	    nd(MN_LINEBREAK, NULL, NULL), TXT(b2.data)), NULL);
	pdf_markdown(p, d);
	tfree(d);
	buf_dispose(&b1);
	buf_dispose(&b2);
	if (finish_save(p, "signature-edge.pdf") < 1 ||
	    !t_have("pdftotext")) {
		T_SKIP("poppler-utils not installed");
		return;
	}
	w = words_of("signature-edge.pdf", &n);
	for (k = 0; k < n; k++) {
		if (strcmp(w[k].text, "正文。") == 0) {
			x0 = w[k].x0;
			em = (w[k].x1 - w[k].x0) / 3;
		} else if (strcmp(w[k].text, name) == 0)
			nx1 = w[k].x1;
		else if (strcmp(w[k].text, date) == 0)
			dx1 = w[k].x1;
	}
	right = x0 + (420 - 3 * 18) / 2.0 * 72 / 25.4;
	OK(nx1 <= right + 0.5 && nx1 > right - em);
	OK(fabs(dx1 - nx1) < 0.5);
	if (fabs(dx1 - nx1) >= 0.5)
		for (k = 0; k < n; k++)
			printf("# %.1f-%.1f %s\n", w[k].x0, w[k].x1,
			    w[k].text);
	words_free(w, n);
}

/*
 * A heading centred with U+3000 ("附件1" after 12), then a 落款 typed
 * as two paragraphs: the heading is no line of the 落款 (md.h,
 * md_sign_heading), a block of its own that keeps its run, apart from
 * the name and the date, which are one block.  Before, the three were
 * taken for one 落款 and set as its lines, the heading close above the
 * name.
 */
static void
test_sign_heading(struct pdf_fonts *f)
{
	static const char	 name[] = "河中县计划生育服务站";
	static const char	 date[] = "2025年3月5日";
	struct pdf		*p = board(f);
	struct mnode		*d;
	struct buf		 b[3] = { BUF_INIT, BUF_INIT, BUF_INIT };
	struct word		*w;
	size_t			 n, k;
	double			 x0 = -1, em = 16, hx0 = -1, hy1 = 0, ny0 = 0;
	double			 ny1 = 0, dy0 = 0;
	int			 i;

	if (p == NULL)
		return;
	for (i = 0; i < 17; i++)
		buf_puts(&b[i < 12 ? 0 : i < 16 ? 1 : 2], "\xe3\x80\x80");
	buf_puts(&b[1], b[0].data);
	buf_puts(&b[2], b[1].data);
	buf_puts(&b[0], "附件1");
	buf_puts(&b[1], name);
	buf_puts(&b[2], date);
	d = nd(MN_DOC, NULL, PARA(TXT("正文。")), PARA(TXT(b[0].data)),
	    PARA(TXT(b[1].data)), PARA(TXT(b[2].data)), NULL);
	pdf_markdown(p, d);
	tfree(d);
	for (i = 0; i < 3; i++)
		buf_dispose(&b[i]);
	if (finish_save(p, "sign-heading.pdf") < 1 ||
	    !t_have("pdftotext")) {
		T_SKIP("poppler-utils not installed");
		return;
	}
	w = words_of("sign-heading.pdf", &n);
	for (k = 0; k < n; k++) {
		if (strcmp(w[k].text, "正文。") == 0) {
			x0 = w[k].x0;
			em = (w[k].x1 - w[k].x0) / 3;
		} else if (strcmp(w[k].text, "附件1") == 0) {
			hx0 = w[k].x0;
			hy1 = w[k].y1;
		} else if (strcmp(w[k].text, name) == 0) {
			ny0 = w[k].y0;
			ny1 = w[k].y1;
		} else if (strcmp(w[k].text, date) == 0)
			dy0 = w[k].y0;
	}
	/* as typed: twelve U+3000 before it */
	OK(x0 >= 0 && fabs(hx0 - x0 - 12 * em) < em / 2);
	/* a paragraph's space above the name, a line's above the date */
	OK(ny0 - hy1 > dy0 - ny1 + em / 4);
	words_free(w, n);
}

/*
 * Text fills a column before it continues in the next, with at least
 * two lines of a paragraph on each side of the break: paragraphs of
 * many lengths, each of its own character, on a two-column board.
 * Before, a paragraph that did not fit moved whole to the next column
 * and left a hole of up to its length.
 */
static void
test_fill(struct pdf_fonts *f)
{
	static const char *const ch[] = { "甲", "乙", "丙", "丁", "戊", "己",
	    "庚", "辛", "壬", "癸", "子", "丑", "寅", "卯", "辰", "巳", "午",
	    "未", "申", "酉", "戌", "亥" };
	static const int len[] = { 5, 9, 2, 12, 7, 3, 11, 6, 1, 8, 10, 4, 13,
	    2, 9, 5, 7, 12, 3, 6, 11, 8 };
	enum { NP = sizeof(len) / sizeof(len[0]) };
	struct pdf	*p = board(f);
	struct word	*w;
	size_t		 n, i;
	int		 k, pages, lines[NP][8], cols[NP], bad_split = 0;
	int		 short_split = 0, holes = 0, last = 0, slot;
	double		 bottom[8], ybot = 841.89 - 18 * 72 / 25.4 - 14 * 1.45;

	OK(p != NULL);
	if (p == NULL)
		return;
	for (k = 0; k < NP; k++)
		para_of(p, ch[k], len[k]);
	pages = finish_save(p, "fill.pdf");
	OK(pages >= 1 && pages <= 4);
	if (!t_have("pdftotext"))
		return;
	memset(lines, 0, sizeof(lines));
	for (i = 0; i < 8; i++)
		bottom[i] = 0;
	w = words_of("fill.pdf", &n);
	for (i = 0; i < n; i++) {
		slot = (w[i].page - 1) * 2 + (w[i].x0 > 595);
		if (slot < 0 || slot >= 8 || w[i].y0 > ybot)
			continue;	/* the footer */
		for (k = 0; k < NP; k++)
			if (strncmp(w[i].text, ch[k], strlen(ch[k])) == 0)
				lines[k][slot]++;
		if (w[i].y1 > bottom[slot])
			bottom[slot] = w[i].y1;
		if (slot > last)
			last = slot;
	}
	for (k = 0; k < NP; k++) {
		cols[k] = 0;
		for (i = 0; i < 8; i++)
			cols[k] += lines[k][i] > 0;
		for (i = 0; i < 8 && cols[k] > 1; i++)
			if (lines[k][i] == 1)
				bad_split++;
		if (cols[k] > 1 && len[k] <= 3)
			short_split++;
	}
	/* Every column before the last ends within four lines of the
	 * bottom (two lines held back, and paragraph spacing). */
	for (i = 0; i < (size_t)last; i++)
		if (bottom[i] < ybot - 4 * 14 * 1.45)
			holes++;
	OK(n > 150);
	OK(bad_split == 0);
	OK(short_split == 0);
	OK(holes == 0);
	if (holes != 0)
		for (i = 0; i <= (size_t)last; i++)
			printf("column %zu ends at %.1f of %.1f\n", i,
			    bottom[i], ybot);
	words_free(w, n);
}

/*
 * No heading ends a column: a column filled to one line after another,
 * then a heading and a paragraph of three lines (which never splits);
 * the heading stands in the paragraph's column.
 */
static void
test_heading_keep(struct pdf_fonts *f)
{
	struct pdf	*p;
	struct word	*w;
	size_t		 n, i;
	int		 fill, apart = 0, hp, hc, pp, pc;
	char		 name[32];

	for (fill = 28; fill <= 35; fill++) {
		if ((p = board(f)) == NULL)
			return;
		para_of(p, "甲", fill);
		pdf_heading(p, 2, "村级财务收支情况公开");
		para_of(p, "乙", 3);
		snprintf(name, sizeof(name), "head-%d.pdf", fill);
		OK(finish_save(p, name) >= 1);
		if (!t_have("pdftotext"))
			continue;
		w = words_of(name, &n);
		hp = hc = pp = pc = -1;
		for (i = 0; i < n; i++) {
			if (strcmp(w[i].text, "村级财务收支情况公开") == 0) {
				hp = w[i].page;
				hc = w[i].x0 > 595;
			}
			if (strncmp(w[i].text, "乙", strlen("乙")) == 0 &&
			    pp == -1) {
				pp = w[i].page;
				pc = w[i].x0 > 595;
			}
		}
		if (hp != pp || hc != pc) {
			printf("fill %d: heading page %d column %d, text "
			    "page %d column %d\n", fill, hp, hc, pp, pc);
			apart++;
		}
		words_free(w, n);
	}
	OK(apart == 0);
}

/*
 * A QR code stays in its heading's column: a column nearly filled,
 * then a title and the code with the metadata beside it (as on a
 * board), or a title, a line of text and a code.  The code's URL is
 * printed beside it, so its place is in the text.  The metadata never
 * breaks inside "发布日期 2024-05-01".
 */
static void
test_keep_qr(struct pdf_fonts *f)
{
	static const struct pdf_meta	 meta[] = {
		{ "索引号", "ZJ-001/2024-00012" },
		{ "发布日期", "2024-05-01" },
		{ "成文日期", "2024-04-28" },
		{ "文号", "村委〔2024〕3号" },
	};
	struct pdf	*p;
	struct word	*w;
	size_t		 n, i, j;
	int		 fill, ok_qr = 0, tries = 0, bad_label = 0, labels = 0;
	struct qr	 q;
	double		 hx = 0, hy = 0;
	int		 hp = 0;
	char		 name[32];

	/* Fillers of 26 to 33 lines move the title through the last
	 * lines of column 1, where the code used to fall into column 2. */
	for (fill = 26; fill <= 33; fill++) {
		if ((p = board(f)) == NULL)
			break;
		para_of(p, "甲", fill);
		pdf_heading(p, 2, "村级财务收支情况公开");
		if (fill % 2 == 0) {
			if (qr_encode("t", URL, &q) == -1) {
				pdf_free(p);
				break;
			}
			pdf_qr_meta(p, &q, meta, 4, "版本 预览", URL, 30);
			qr_dispose(&q);
		} else {
			para_of(p, "乙", 1);
			if (pdf_qr(p, URL, 30) == -1) {
				pdf_free(p);
				break;
			}
		}
		para_of(p, "丙", 20);
		snprintf(name, sizeof(name), "keep-%d.pdf", fill);
		OK(finish_save(p, name) >= 1);
		if (!t_have("pdftotext"))
			continue;
		tries++;
		w = words_of(name, &n);
		hp = 0;
		for (i = 0; i < n; i++) {
			if (strcmp(w[i].text, "村级财务收支情况公开") == 0) {
				hp = w[i].page;
				hx = w[i].x0;
				hy = w[i].y0;
			}
			if (strstr(w[i].text, "https://gk.example.cn") != NULL &&
			    hp == w[i].page && (hx > 595) == (w[i].x0 > 595) &&
			    w[i].y0 > hy)
				ok_qr++;
			if (strstr(w[i].text, "发布日") == NULL)
				continue;
			labels++;
			j = i + 1;
			if (strcmp(w[i].text, "发布日期") != 0 || j >= n ||
			    strcmp(w[j].text, "2024-05-01") != 0 ||
			    w[j].page != w[i].page ||
			    (w[j].y0 - w[i].y0) * (w[j].y0 - w[i].y0) > 4)
				bad_label++;
		}
		words_free(w, n);
	}
	OK(ok_qr == tries);
	OK(labels == (tries + 1) / 2);
	OK(bad_label == 0);
}

/*
 * The metadata beside a code breaks only between pairs, at any width:
 * the pairs beside a code in a column of one body size after another;
 * the note and the URL follow them.
 */
static void
test_qr_meta(struct pdf_fonts *f)
{
	static const struct pdf_meta	 meta[] = {
		{ "索引号", "54510124MF00002356/2026-00001" },
		{ "发布日期", "2026-03-01" },
		{ "成文日期", "2026-02-27" },
		{ "文号", "示卫健规〔2026〕1号" },
	};
	struct pdf_opts	 o = { 0 };
	struct pdf	*p;
	struct word	*w;
	struct qr	 q;
	size_t		 n, i;
	int		 size, bad = 0, seen = 0, order = 0;
	char		*cmd, *out, *a, *b, *c;

	if (qr_encode("t", URL, &q) == -1)
		return;
	o.paper = "A4";
	o.columns = 2;
	o.creation_day = 19844;
	for (size = 8; size <= 16; size += 2) {
		o.body_pt = size;
		if (pdf_new("meta.pdf", &o, f, &p) == -1)
			break;
		pdf_qr_meta(p, &q, meta, 4, "版本 预览 · 未经审核", URL, 20);
		OK(finish_save(p, "meta.pdf") == 1);
		if (!t_have("pdftotext"))
			continue;
		cmd = xasprintf("pdftotext %s/meta.pdf - | tr -d ' \n'", dir);
		out = t_output(cmd);
		a = strstr(out, "文号");
		b = strstr(out, "版本预览·未经审核");
		c = strstr(out, "https://gk.example.cn");
		order += a != NULL && b != NULL && c != NULL && a < b && b < c;
		free(out);
		free(cmd);
		w = words_of("meta.pdf", &n);
		for (i = 0; i < n; i++) {
			if (strstr(w[i].text, "发布日") == NULL)
				continue;
			seen++;
			if (strcmp(w[i].text, "发布日期") != 0 || i + 1 >= n ||
			    strcmp(w[i + 1].text, "2026-03-01") != 0 ||
			    w[i + 1].y0 - w[i].y0 > 2 ||
			    w[i].y0 - w[i + 1].y0 > 2)
				bad++;
		}
		words_free(w, n);
	}
	qr_dispose(&q);
	OK(seen == 0 || seen == 5);
	OK(order == seen);
	OK(bad == 0);
}

/* Footnotes from real Markdown: the reference numbered, the note after
 * the text. */
static void
test_footnotes(struct pdf_fonts *f)
{
	static const char md[] = "奖励金按年发放[^a]，材料见公告[^b]。\n\n"
	    "[^b]: 身份证件和户口簿。\n[^a]: 每人每年一千二百元。\n"
	    "[^c]: 没有引用的注释。\n";
	struct pdf_opts	 o = { 0 };
	struct pdf	*p;
	struct mnode	*t;
	char		*cmd, *out, *a, *b;

	o.creation_day = 19844;
	if (pdf_new("notes.pdf", &o, f, &p) == -1)
		return;
	t = md_tree(md, sizeof(md) - 1);
	pdf_heading(p, 1, "脚注");
	pdf_markdown(p, t);
	mnode_free(t);
	OK(finish_save(p, "notes.pdf") == 1);
	if (!t_have("pdftotext"))
		return;
	cmd = xasprintf("pdftotext %s/notes.pdf - | tr -d ' \\n\\f'", dir);
	out = t_output(cmd);
	OK(strstr(out, "奖励金按年发放1，材料见公告2。") != NULL);
	a = strstr(out, "1.每人每年一千二百元。");
	b = strstr(out, "2.身份证件和户口簿。");
	OK(a != NULL && b != NULL && a < b);
	OK(a != NULL && a > strstr(out, "公告2。"));
	OK(strstr(out, "没有引用") == NULL);
	free(out);
	free(cmd);
}

/*
 * A task list from real Markdown: each item's box, ☑ or ☐, before its
 * text, from a face that has it (Noto Sans CJK has neither: were the
 * box a glyph no font has, ☑ would print as an empty box, as ☐).
 */
static void
test_tasks(struct pdf_fonts *f)
{
	static const char md[] = "材料：\n\n- [x] 申请表，见[x]栏\n"
	    "- [ ] 户口簿\n";
	struct pdf_opts	 o = { 0 };
	struct pdf	*p;
	struct mnode	*t;
	char		*cmd, *out;

	o.creation_day = 19844;
	if (pdf_new("tasks.pdf", &o, f, &p) == -1)
		return;
	t = md_tree(md, sizeof(md) - 1);
	pdf_heading(p, 1, "清单");
	pdf_markdown(p, t);
	mnode_free(t);
	OK(finish_save(p, "tasks.pdf") == 1);
	if (!t_have("pdftotext") || !t_have("pdffonts")) {
		T_SKIP("poppler-utils not installed");
		return;
	}
	cmd = xasprintf("pdftotext %s/tasks.pdf - | tr -d ' \\n\\f'", dir);
	out = t_output(cmd);
	OK(strstr(out, "☑申请表，见[x]栏•☐户口簿") != NULL);
	free(out);
	free(cmd);
	cmd = xasprintf("pdffonts %s/tasks.pdf | tail -n +3 | "
	    "grep -vc NotoSans", dir);
	out = t_output(cmd);
	OK(atoi(out) >= 1);
	free(out);
	free(cmd);
}

/* A one-page document: band, heading, paragraph of text. */
static struct pdf *
small(struct pdf_fonts *f, long day, const char *text)
{
	struct pdf_opts	 o = { 0 };
	struct pdf	*p;
	struct mnode	*d = nd(MN_DOC, NULL, PARA(TXT(text)), NULL);

	o.paper = "A4";
	o.creation_day = day;
	o.footer_fmt = "第 %d 页 共 %d 页";
	if (pdf_new("small.pdf", &o, f, &p) == -1) {
		tfree(d);
		return NULL;
	}
	pdf_heading_band(p, "某某村", NULL);
	pdf_heading(p, 1, "村务公开");
	pdf_markdown(p, d);
	tfree(d);
	return p;
}

/*
 * pdf_digest: equal documents, equal digests; any change in content,
 * options or the caller's extra text changes it.  A document without
 * code embeds only the Regular and Bold faces of one family.
 */
static void
test_digest(struct pdf_fonts *f, int poppler)
{
	struct pdf	*p[5];
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	char		 h[5][65], *cmd, *out;
	int		 i;

	p[0] = small(f, 19844, "如有疑问，请向村务监督委员会反映。");
	p[1] = small(f, 19844, "如有疑问，请向村务监督委员会反映。");
	p[2] = small(f, 19844, "如有疑问，请向村务监督委员会反应。");
	p[3] = small(f, 19845, "如有疑问，请向村务监督委员会反映。");
	p[4] = small(f, 19844, "如有疑问，请向村务监督委员会反映。");
	for (i = 0; i < 5; i++) {
		OK(p[i] != NULL);
		if (p[i] == NULL)
			return;
		pdf_digest(p[i], i == 4 ? "other" : "x", h[i]);
		OK(strlen(h[i]) == 64);
	}
	STR_EQ(h[0], h[1]);
	OK(strcmp(h[0], h[2]) != 0);
	OK(strcmp(h[0], h[3]) != 0);
	OK(strcmp(h[0], h[4]) != 0);
	/* Equal digests, equal bytes. */
	OK(pdf_finish(p[0], &a) == 0 && pdf_finish(p[1], &b) == 0);
	OK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	OK(save("small.pdf", &a) == 0);
	for (i = 0; i < 5; i++)
		pdf_free(p[i]);
	if (poppler) {
		cmd = xasprintf("pdffonts %s/small.pdf | tail -n +3 | "
		    "awk '{ print $1 }' | sed 's/^[A-Z]*+//' | sort", dir);
		out = t_output(cmd);
		STR_EQ(out, "NotoSansCJKsc-Bold\nNotoSansCJKsc-Regular\n");
		free(out);
		free(cmd);
	}
	buf_dispose(&a);
	buf_dispose(&b);
}

static void
test_speed(struct pdf_fonts *f)
{
	struct pdf_opts	 o = { 0 };
	struct buf	 a = BUF_INIT;
	double		 t0, t;
	int		 pages = 0;

	o.paper = "A4";
	o.creation_day = 19844;
	o.footer_fmt = "第 %d 页 共 %d 页";
	t0 = now();
	OK(handout(f, &o, 10, 12, &a, &pages) == 0);
	t = now() - t0;
	printf("# speed: 10-item A4 handout, %d pages, %zu bytes: %.3f s\n",
	    pages, a.len, t);
	/* Sanitizers make everything several times slower. */
	OK(t < 1.0 || getenv("ASAN_OPTIONS") != NULL);
	OK(save("a4-10.pdf", &a) == 0);
	buf_dispose(&a);
}

/*
 * The fonts' memo of layouts: the same short text with the same
 * settings shares one layout, which outlives the text that made it and
 * the memo's clearing, and has the positions a fresh layout has.
 */
static void
test_memo(struct pdf_fonts *f)
{
	struct pdf_fonts	*g = pdf_fonts_new();
	struct pdf_text		 a, b, c, fresh, kept;
	char			 num[32];
	int			 i, n = 10000;
	static const char	 cell[] = "发布机构 <b>吴家村村民委员会</b>";

	pdf_text_make(&a, f, cell, 0, PDF_BODY, 9, 0, 60, 0);
	pdf_text_make(&b, f, cell, 0, PDF_BODY, 9, 0, 60, 0);
	OK(a.pl == b.pl);
	OK(a.n == b.n && a.n > 1);
	OK(a.top != b.top);	/* each its own positions */
	pdf_text_make(&c, f, cell, 0, PDF_BODY, 9, 0, 61, 0);
	OK(c.pl != a.pl);	/* another width */
	pdf_text_dispose(&c);
	pdf_text_make(&c, f, cell, 1, PDF_BODY, 9, 0, 60, 0);
	OK(c.pl != a.pl);	/* plain, not markup */
	pdf_text_dispose(&c);
	pdf_text_make(&c, f, cell, 0, PDF_BODY, 9, 1, 60, 'r');
	OK(c.pl != a.pl);
	pdf_text_dispose(&c);
	/* A fresh layout, in fonts whose memo never saw the text. */
	pdf_text_make(&fresh, g, cell, 0, PDF_BODY, 9, 0, 60, 0);
	OK(fresh.pl != a.pl && fresh.n == b.n);
	OK(memcmp(fresh.top, b.top, (size_t)b.n * 5 * sizeof(double)) == 0);
	OK(fresh.width == b.width && fresh.h == b.h);
	pdf_text_dispose(&a);
	OK(pdf_text_least(&b) == pdf_text_least(&fresh));
	/* Past what the memo keeps: it starts again, and what was made
	 * before stays whole. */
	pdf_text_make(&kept, f, "无", 0, PDF_BODY, 9, 0, -1, 0);
	for (i = 0; i < n; i++) {
		snprintf(num, sizeof(num), "%d", i);
		pdf_text_make(&c, f, num, 1, PDF_BODY, 9, 0, -1, 'r');
		pdf_text_dispose(&c);
	}
	pdf_text_dispose(&fresh);
	pdf_text_make(&fresh, g, "无", 0, PDF_BODY, 9, 0, -1, 0);
	OK(kept.n == 1 && kept.width == fresh.width);
	OK(pdf_text_least(&kept) == pdf_text_least(&fresh));
	pdf_text_make(&c, f, "无", 0, PDF_BODY, 9, 0, -1, 0);
	OK(c.pl != kept.pl);	/* the memo was cleared */
	pdf_text_dispose(&c);
	pdf_text_dispose(&kept);
	pdf_text_dispose(&fresh);
	pdf_text_dispose(&b);
	pdf_fonts_free(g);
}

int
main(void)
{
	struct pdf_fonts	*f;
	double			 t0 = now();

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	f = pdf_fonts_new();
	printf("# fonts loaded in %.3f s\n", now() - t0);
	test_kinsoku(f);
	test_runs(f);
	test_widow(f);
	test_huge_paragraph(f);
	test_lack(f);
	test_no_hyphen(f);
	test_memo(f);
	test_qr();
	test_opts(f);
	test_handout(f);
	test_bleed(f);
	test_speed(f);
	test_digest(f, t_have("pdffonts"));
	test_glyphs(f);
	test_fill(f);
	test_squeeze(f);
	test_share(f);
	test_cols_four(f);
	test_signature(f);
	test_signature_edge(f);
	test_sign_heading(f);
	test_heading_keep(f);
	test_keep_qr(f);
	test_qr_meta(f);
	test_footnotes(f);
	test_tasks(f);
	pdf_fonts_free(f);
	t_scratch_end(dir, "UNIT_PDF_KEEP");
	return T_DONE();
}
