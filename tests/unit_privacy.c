/*
 * unit_privacy.c -- the personal-number scanner.
 *
 * Five parts: inline cases for each rule; the text as shown
 * (privacy_scan_item): every encoding that hides a number from the
 * bytes but not from the reader, each of which privacy_scan() alone
 * misses; the corpus in tests/privacy/ (every .txt in true/ must hit,
 * with "# expect: <kind name>" on its first line; every .txt in false/
 * must not), read both ways; a generator of realistic non-personal
 * numbers that measures false positives and prints "# privacy: N false
 * positives in M candidates"; and random junk that must never make a
 * hit reach past the text.  Last, the cost of a 1 MiB item.
 *
 * Run from the top of the tree (tests/run.sh does), or pass the corpus
 * folder as the first argument.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "t.h"
#include "buf.h"
#include "privacy.h"
#include "util.h"

struct hits {
	size_t			n;
	size_t			off[16];
	size_t			len[16];
	enum privacy_kind	kind[16];
};

static void
on_hit(void *arg, size_t off, size_t len, enum privacy_kind kind)
{
	struct hits	*h = arg;

	if (h->n < 16) {
		h->off[h->n] = off;
		h->len[h->n] = len;
		h->kind[h->n] = kind;
	}
	h->n++;
}

/* One letter per hit: I ID18, i ID15, M mobile, B bank card. */
static const char *
scan(const char *s)
{
	static char	out[17];
	struct hits	h;
	size_t		i;
	int		n;

	memset(&h, 0, sizeof(h));
	n = privacy_scan(s, strlen(s), on_hit, &h);
	if ((size_t)n != h.n)
		return "(count mismatch)";
	for (i = 0; i < h.n && i < 16; i++)
		out[i] = "IiMB"[h.kind[i]];
	out[i] = '\0';
	return out;
}

/* The text of the only hit in s, or "" (static). */
static const char *
hit_text(const char *s)
{
	static char	out[128];
	struct hits	h;

	memset(&h, 0, sizeof(h));
	privacy_scan(s, strlen(s), on_hit, &h);
	if (h.n != 1 || h.len[0] >= sizeof(out))
		return "";
	memcpy(out, s + h.off[0], h.len[0]);
	out[h.len[0]] = '\0';
	return out;
}

static void
inline_cases(void)
{
	/* Resident ID numbers. */
	STR_EQ(scan("身份证号11010519491231002X"), "I");
	STR_EQ(scan("身份证号11010519491231002x。"), "I");
	STR_EQ(scan("110101199001011237"), "I");
	STR_EQ(scan("| 张三 | 510124198506154326 | 男 |"), "I");
	STR_EQ(hit_text("号码：110101 19900101 1237，"),
	    "110101 19900101 1237");
	STR_EQ(scan("11010519491231002X1"), "");	/* glued */
	STR_EQ(scan("11010519491231002XY"), "");
	STR_EQ(scan("110101199001011238"), "");		/* bad check digit */
	STR_EQ(scan("11010519491231002Y"), "");
	STR_EQ(scan("110101199013011237"), "");		/* month 13 */
	STR_EQ(scan("910101199001011237"), "");		/* region 9 */
	/* Old 15-digit form: region, YYMMDD. */
	STR_EQ(scan("旧证号 110101900101123 作废"), "i");
	STR_EQ(scan("110101901301123"), "");		/* month 13 */
	STR_EQ(scan("110101900230123"), "");		/* 30 February */
	/* Mobile numbers, every written form. */
	STR_EQ(scan("联系电话13812345678"), "M");
	STR_EQ(scan("13812345678,13912345678"), "MM");
	STR_EQ(hit_text("电话：138-1234-5678。"), "138-1234-5678");
	STR_EQ(hit_text("电话：138 1234 5678"), "138 1234 5678");
	/* dots, dashes and the fullwidth full stop join a number too */
	STR_EQ(hit_text("电话：138.1234.5678。"), "138.1234.5678");
	STR_EQ(hit_text("电话：138–1234–5678"), "138–1234–5678");
	STR_EQ(hit_text("电话：138‐1234‐5678"), "138‐1234‐5678");
	STR_EQ(hit_text("电话：138．1234．5678"), "138．1234．5678");
	STR_EQ(hit_text("身份证 110101.19900101.1237"),
	    "110101.19900101.1237");
	/* ... but figures with decimals are no number of a person */
	STR_EQ(scan("合计 1234.5678 元，版本 1.2.3，第 13.8 项"), "");
	STR_EQ(scan("金额 138.12 万元，比例 34.56%"), "");
	/* A grouped number after (or before) another number of the
	 * chain: the whole is none, the number in it still is one. */
	STR_EQ(hit_text("房间 12 138 1234 5678"), "138 1234 5678");
	STR_EQ(hit_text("138 1234 5678 2026"), "138 1234 5678");
	STR_EQ(hit_text("第 3 110101 19900101 1237"), "110101 19900101 1237");
	STR_EQ(scan("1 2 138 1234"), "");
	STR_EQ(hit_text("(+86 138 1234 5678)"), "+86 138 1234 5678");
	STR_EQ(hit_text("+86-13812345678"), "+86-13812345678");
	STR_EQ(hit_text("0086 13812345678"), "0086 13812345678");
	STR_EQ(hit_text("+8613812345678"), "+8613812345678");
	STR_EQ(hit_text("008613812345678"), "008613812345678");
	STR_EQ(hit_text("８６１３８１２３４５６７８"),
	    "８６１３８１２３４５６７８");
	STR_EQ(scan("１３８１２３４５６７８"), "M");
	STR_EQ(scan("１３８－１２３４－５６７８"), "M");
	STR_EQ(scan("手机13812345678."), "M");		/* full stop */
	STR_EQ(scan("12812345678"), "");		/* no 12x prefix */
	STR_EQ(scan("13812345678.50元"), "");		/* an amount */
	STR_EQ(scan("0.13812345678"), "");
	STR_EQ(scan("art_13812345678"), "");
	STR_EQ(scan("138****5678"), "");
	STR_EQ(scan("138××××5678"), "");
	STR_EQ(scan("1381234567８9"), "");		/* 12 digits */
	/* Bank cards. */
	STR_EQ(scan("卡号6222021234567894"), "B");
	STR_EQ(scan("卡号6222021234567895"), "");	/* Luhn fails */
	STR_EQ(scan("62220212345678903"), "B");
	STR_EQ(scan("622848012345678900"), "B");
	STR_EQ(scan("6225881234567890120"), "B");
	STR_EQ(hit_text("卡号 6225 8812 3456 7890 120 。"),
	    "6225 8812 3456 7890 120");
	STR_EQ(scan("6222-0212-3456-7894"), "B");
	STR_EQ(scan("6222 **** **** 7894"), "");
	STR_EQ(scan("6222021234567894X"), "");
	STR_EQ(scan("2222021234567891"), "");		/* no such BIN */
	/* Offsets are bytes in the original text. */
	{
		struct hits	h;
		const char	*s = "甲１３８１２３４５６７８乙";

		memset(&h, 0, sizeof(h));
		OK(privacy_scan(s, strlen(s), on_hit, &h) == 1);
		OK(h.off[0] == 3 && h.len[0] == 33);
		OK(privacy_scan(s, strlen(s), NULL, NULL) == 1);
		/* The length bounds the scan: a cut number is no number. */
		OK(privacy_scan(s, 3 + 30, NULL, NULL) == 0);
		OK(privacy_scan("", 0, NULL, NULL) == 0);
	}
	/* Not personal. */
	STR_EQ(scan("索引号：009876543/2026-00012"), "");
	STR_EQ(scan("发布日期 2026-03-01，成文日期2026年2月20日"), "");
	STR_EQ(scan("金额 12,345.00 元，合计 1234567890.12 元"), "");
	STR_EQ(scan("咨询电话 028-86123456、(028)86123456、0832-1234567"), "");
	STR_EQ(scan("投诉热线 12356；邮编 610000"), "");
	STR_EQ(scan("统一社会信用代码 91510124MA6CXXXX12"), "");
	/* All digits, Luhn-valid, starting 5: a credit code, not a card. */
	STR_EQ(scan("统一社会信用代码 515101242786838733"), "");
	STR_EQ(scan("110101********1234"), "");
	STR_EQ(scan("1101011990****1237"), "");
	/* Only the check digit masked: it follows from the other 17. */
	STR_EQ(scan("11010119900101123×"), "I");
	STR_EQ(scan("11010119900101123*"), "I");
	STR_EQ(scan("1101011990010112**"), "");
	STR_EQ(privacy_kind_name(PRIV_ID18), "resident ID number");
	STR_EQ(privacy_kind_name(PRIV_ID15), "resident ID number");
	STR_EQ(privacy_kind_name(PRIV_MOBILE), "mobile phone number");
	STR_EQ(privacy_kind_name(PRIV_BANKCARD), "bank card number");
}


/* --- the text as shown ----------------------------------------------- */

/* One letter per hit of privacy_scan_item: I, i, M, B, O (opaque), K
 * (git ident keyword); raw HTML ends the string. */
static const char *
shown(const char *path, const char *s)
{
	static char	out[17];
	struct hits	h;
	size_t		i;
	int		n;

	memset(&h, 0, sizeof(h));
	n = privacy_scan_item(path, s, strlen(s), on_hit, &h);
	if ((size_t)n != h.n)
		return "(count mismatch)";
	for (i = 0; i < h.n && i < 16; i++) {
		out[i] = h.kind[i] == PRIV_IDENT ? 'K' : "IiMBO"[h.kind[i]];
		/* Hits are places in the text, in order. */
		if (h.off[i] + h.len[i] > strlen(s) || h.len[i] == 0 ||
		    (i > 0 && h.off[i] < h.off[i - 1]))
			return "(bad place)";
	}
	out[i] = '\0';
	return out;
}

/* Line and column of the first hit of privacy_scan_item, "L:C". */
static const char *
where(const char *path, const char *s)
{
	static char	out[32];
	struct hits	h;
	int		line, col;

	memset(&h, 0, sizeof(h));
	if (privacy_scan_item(path, s, strlen(s), on_hit, &h) == 0)
		return "(none)";
	text_pos(s, h.off[0], &line, &col);
	snprintf(out, sizeof(out), "%d:%d", line, col);
	return out;
}

/* An .md item around body b. */
#define MD(b)	"---\ntitle: 公示\ndate: 2026-01-05\n---\n" b
/* A number the reader sees but the bytes hide: privacy_scan() alone,
 * the scanner before privacy_scan_item(), misses it. */
#define HIDDEN(path, text, want) do {					\
	STR_EQ(shown(path, text), want);				\
	STR_EQ(scan(text), "");						\
} while (0)

/* c as UTF-8 into u (5 bytes). */
static void
put_utf8(char *u, unsigned long c)
{
	unsigned char	*p = (unsigned char *)u;

	if (c < 0x80)
		*p++ = (unsigned char)c;
	else if (c < 0x800) {
		*p++ = (unsigned char)(0xc0 | c >> 6);
		*p++ = (unsigned char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		*p++ = (unsigned char)(0xe0 | c >> 12);
		*p++ = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		*p++ = (unsigned char)(0x80 | (c & 0x3f));
	} else {
		*p++ = (unsigned char)(0xf0 | c >> 18);
		*p++ = (unsigned char)(0x80 | (c >> 12 & 0x3f));
		*p++ = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		*p++ = (unsigned char)(0x80 | (c & 0x3f));
	}
	*p = '\0';
}

/*
 * The blocks most of a Chinese text is written in (general punctuation,
 * CJK punctuation and ideographs, fullwidth forms) are read in an item
 * by shortcuts past the tables (privacy.c's as_is, decode): each of
 * their characters must be read there as privacy_scan_shown() reads it
 * through the tables.  After "1381234567" a digit or look-alike makes
 * a mobile number; between its groups an invisible character or a
 * space keeps it one.  The look-alikes there: superscript and
 * subscript digits (20), 〇 and Chinese numerals (21), fullwidth
 * digits (10).
 */
static void
every_char(void)
{
	static const unsigned long range[][2] = {
		{ 0x2000, 0x20ff }, { 0x3000, 0x9fff }, { 0xff00, 0xffff }
	};
	struct buf	 text = BUF_INIT, item = BUF_INIT;
	unsigned long	 c;
	size_t		 r;
	char		 u[5];
	int		 t, a, b, bad = 0, digits = 0;

	for (r = 0; r < sizeof(range) / sizeof(range[0]); r++)
		for (c = range[r][0]; c <= range[r][1]; c++)
			for (t = 0; t < 2; t++) {
				put_utf8(u, c);
				buf_reset(&text);
				if (t == 0)
					buf_printf(&text, "1381234567%s", u);
				else
					buf_printf(&text, "138%s1234%s5678",
					    u, u);
				buf_reset(&item);
				buf_printf(&item, MD("%s\n"), text.data);
				a = privacy_scan_item("x.md", item.data,
				    item.len, NULL, NULL) > 0;
				b = privacy_scan_shown(text.data, text.len,
				    NULL, NULL) > 0;
				if (a != b && bad++ < 5)
					fprintf(stderr, "# U+%04lX: item %d, "
					    "shown %d\n", c, a, b);
				digits += t == 0 && b;
			}
	OK(bad == 0);
	OK(digits == 51);
	buf_dispose(&text);
	buf_dispose(&item);
}

/*
 * Organisations' accounts (对公账户): card-shaped and Luhn-valid, but
 * the page says they are a body's, by the label, the holder or the
 * table's header; the same numbers as a person's stay cards.
 */
static void
org_cases(void)
{
	static const char	 head[] = "| 户名 | 开户行 | 账号 |\n"
	    "|---|---|---|\n";

	/* The label names an organisation's account. */
	STR_EQ(scan("对公账号：6228480402564890125"), "");
	STR_EQ(scan("零余额账户，账号：6230520110123456787（农行）"), "");
	STR_EQ(scan("缴入非税收入汇缴结算户（账号：431010100100123457）"),
	    "");
	STR_EQ(scan("基本存款账户 4402 2030 0910 0123 454"), "");
	/* ... the holder does, on the line or in the record above */
	STR_EQ(scan("户名 示范县东城镇财政所，开户行 农商行，账号 "
	    "4402203009100123454"), "");
	STR_EQ(scan("户　名：示范县财政局\n开户行：农行\n账　号："
	    "6228480402564890125"), "");
	STR_EQ(scan("> 户名：某某招标代理有限公司\n> 账号：35101024201234568"),
	    "");
	STR_EQ(scan("户名：王庄村村民委员会，开户行：中国邮政储蓄银行示范县"
	    "支行，账号：6228480402564890125"), "");
	/* ... or the table: a header, a holder cell */
	STR_EQ(scan("| 单位 | 对公账号 |\n|---|---|\n"
	    "| 服务站 | 6228480402564890125 |\n"), "");
	STR_EQ(shown("a.md", MD("| 单位 | 对公账号 |\n|---|---|\n"
	    "| 服务站 | 6228480402564890125 |\n")), "");
	STR_EQ(shown("a.md", MD("| 户名 | 开户行 | 账号 |\n|:--|---|--:|\n"
	    "| 示范县人民医院 | 浦发银行 | 35101024201234568 |\n")), "");
	STR_EQ(shown("a.md", MD("- 户　名：示范县财政局专户\n- 账　号："
	    "6228480402564890125\n")), "");
	/* A person's: a masked or short holder, a word for a card or a
	 * person, a label that is no account's, a bare 账号. */
	STR_EQ(scan("户名：王*明　开户行：农商行　账户：6228480402564890125"),
	    "B");
	STR_EQ(scan("户名：张三，账号：6228480402564890125"), "B");
	STR_EQ(scan("> 户名：张*芳\n> 开户行：农行\n> 账号："
	    "6228480402564890125"), "B");
	STR_EQ(scan("经财政专户拨付至张三 6228480402564890125"), "B");
	STR_EQ(scan("对公账户之外，个人银行卡号：6228480402564890125"), "B");
	STR_EQ(scan("对公账号（户主本人）：6228480402564890125"), "B");
	STR_EQ(scan("收款账号：6228480402564890125"), "B");
	STR_EQ(scan("户名：示范县财政局\n\n账号：6228480402564890125"), "B");
	STR_EQ(scan("户名：示范县财政局。账号：6228480402564890125"), "B");
	STR_EQ(scan("户名：示范县卫生健康局职工王某，账号："
	    "6228480402564890125"), "B");
	/* a person's name before a bare 账户 names no body */
	STR_EQ(scan("户名：李四账户，账号：6228480402564890125"), "B");
	STR_EQ(scan("户名：王小明收款账户　账号：6228480402564890125"), "B");
	/* ID and mobile numbers are never an organisation's */
	STR_EQ(scan("对公账号：110101199001011237"), "I");
	STR_EQ(scan("户名：示范县财政局，账号：13812345678"), "M");
	STR_EQ(shown("a.md", MD("| 户名 | 开户行 | 账号 |\n|---|---|---|\n"
	    "| 王*明 | 农商行 | 6228480402564890125 |\n")), "B");
	STR_EQ(shown("a.md", MD("| 户主 | 对公账号 |\n|---|---|\n"
	    "| 张* | 6228480402564890125 |\n")), "B");
	STR_EQ(shown("a.md", MD("| 单位 | 账号 |\n|---|---|\n"
	    "| 户主张三 | 对公账号：6228480402564890125 |\n")), "B");
	STR_EQ(shown("a.md", MD("| 单位 | 一卡通账号 |\n|---|---|\n"
	    "| 示范县财政局 | 6228480402564890125 |\n")), "B");
	/* the table's header too far up is not read: still a card */
	{
		struct buf	b = BUF_INIT;
		int		i;

		buf_puts(&b, head);
		for (i = 0; i < 400; i++)
			buf_puts(&b, "| 示范县人民医院 | 浦发银行 | 1 |\n");
		buf_puts(&b, "| 示范县人民医院 | 浦发银行 | "
		    "35101024201234568 |\n");
		OK(privacy_scan(b.data, b.len, NULL, NULL) == 1);
		buf_dispose(&b);
	}
	/* A construction permit number: division code, day of issue,
	 * serial, as an ID number is made; labelled so, a project's. */
	STR_EQ(scan("510124202604150109"), "I");
	STR_EQ(scan("施工许可证编号：510124202604150109"), "");
	STR_EQ(scan("施工许可证编号 510124 20260415 0109"), "");
	STR_EQ(scan("建筑工程施工许可证号 510124202604150012"), "");
	STR_EQ(shown("a.md", MD("| 项目 | 施工许可证编号 |\n|---|---|\n"
	    "| 托育中心 | 510124202604150109 |\n")), "");
	STR_EQ(scan("施工许可证编号：510124202604150109，负责人身份证号："
	    "510124202604150109"), "I");
	STR_EQ(scan("施工许可证编号（申请人身份证）：510124202604150109"),
	    "I");
	STR_EQ(scan("许可证编号：510124202604150109"), "I");
	/* Other public numbers, made the same way: a project's, a
	 * contract's, a budget line's, a case's, whatever their shape. */
	STR_EQ(scan("4101222025000126 410122202503010015 410122701231456"),
	    "BBi");
	STR_EQ(scan("采购项目编号：4101222025000126"), "");
	STR_EQ(scan("合同编号：410122202503010015"), "");
	STR_EQ(scan("预算项目编码：410122250000000013"), "");
	STR_EQ(scan("行政处罚案件编号：4101222025030107"), "");
	STR_EQ(scan("项目代码：410122202503010012"), "");
	STR_EQ(scan("项目编号 4101 2220 2500 0126"), "");
	STR_EQ(shown("a.md", MD("| 序号 | 合同编号 |\n|---|---|\n"
	    "| 1 | 410122202503010012 |\n")), "");
	/* A registration's or a certificate's: a body's when shaped as a
	 * card or an old ID number, but an individual business's or a
	 * person's may be the holder's ID number. */
	STR_EQ(scan("税务登记证号：410122701231456"), "");
	STR_EQ(scan("营业执照注册号：410100200123456"), "");
	STR_EQ(scan("统一社会信用代码：524101220001234567"), "");
	STR_EQ(scan("税务登记证号：411522197803120458"), "I");
	STR_EQ(scan("证书编号：411522197803120458"), "I");
	/* The label must name the number: a field between, a word for a
	 * person, a label only ending like one (档案号), a mobile. */
	STR_EQ(scan("合同编号：HT-01，乙方联系人：411522197803120458"), "I");
	STR_EQ(scan("采购项目编号：4101222025000126 411522197803120458"),
	    "I");
	STR_EQ(scan("合同编号（乙方身份证）：411522197803120458"), "I");
	STR_EQ(scan("营业执照注册号：410100200123456，法定代表人："
	    "410122850615123"), "i");
	STR_EQ(scan("合同编号：HT-01，收款账号：6228480402564890125"), "B");
	STR_EQ(scan("档案号：4101222025000126"), "B");
	STR_EQ(scan("项目编号：13812345678"), "M");
	/* the number hidden from the bytes: the shown text's label */
	STR_EQ(shown("a.md", MD("户名：张三，账号：&#54;228480402564890125\n")),
	    "B");
}

static void
shown_cases(void)
{
	/* HTML character references: decimal, hex, named. */
	HIDDEN("a.md", MD("身份证号&#49;&#49;&#48;&#49;&#48;&#53;&#49;&#57;"
	    "&#52;&#57;&#49;&#50;&#51;&#49;&#48;&#48;&#50;&#88;。\n"), "I");
	HIDDEN("a.md", MD("&#x31;&#x31;0105&#X31;9491231002X\n"), "I");
	HIDDEN("a.md", MD("&#xFF11;&#65299;8 1234 5678\n"), "M");
	HIDDEN("a.md", MD("1&shy;3812345678\n"), "M");
	HIDDEN("a.md", MD("138&ZeroWidthSpace;1234&NoBreak;5678\n"), "M");
	HIDDEN("a.md", MD("1&zwj;38&zwnj;12345678\n"), "M");
	/* Backslash escapes: cmark drops them before punctuation, and
	 * keeps them before a digit (the page shows "1\1\0..."). */
	HIDDEN("a.md", MD("电话 138\\-1234\\-5678\n"), "M");
	HIDDEN("a.md", MD("110101\\-19900101\\-1237\n"), "I");
	HIDDEN("a.md", MD("1\\1\\0\\1\\0\\1\\1\\9\\9\\0\\0\\1\\0\\1\\1\\2\\3"
	    "\\7\n"), "I");
	/* Emphasis, strikethrough, code spans, links split the digits
	 * in the bytes only. */
	HIDDEN("a.md", MD("1101**05**19491231002X\n"), "I");
	HIDDEN("a.md", MD("1101*05*19491231002X\n"), "I");
	HIDDEN("a.md", MD("1101~~05~~19491231002X\n"), "I");
	HIDDEN("a.md", MD("`1101`0519491231002X\n"), "I");
	HIDDEN("a.md", MD("[1101](b.md)0519491231002X\n"), "I");
	/* Raw HTML is dropped (a comment in safe mode): the digits on
	 * either side of it run together. */
	HIDDEN("a.md", MD("1101<span>05</span>19491231002X\n"), "I");
	HIDDEN("a.md", MD("1101<!-- 注 -->0519491231002X\n"), "I");
	/* Soft line breaks show as spaces: a grouped number. */
	HIDDEN("a.md", MD("138\n1234\n5678\n"), "M");
	/* White space as a page shows it: HTML collapses runs of spaces,
	 * tabs and newlines to one, and the other spaces look like one
	 * (no-break, thin, narrow no-break; written or as references). */
	HIDDEN("a.md", MD("电话 138  1234  5678\n"), "M");
	HIDDEN("a.md", MD("电话 138\t1234\t5678\n"), "M");
	HIDDEN("a.md", MD("110105  19491231  002X\n"), "I");
	HIDDEN("a.md", MD("电话 138\xc2\xa0" "1234\xc2\xa0" "5678\n"), "M");
	HIDDEN("a.md", MD("电话 138\xe2\x80\x89" "1234\xe2\x80\xaf"
	    "5678\n"), "M");
	HIDDEN("a.md", MD("电话 138&nbsp;1234&nbsp;5678\n"), "M");
	HIDDEN("a.md", MD("电话 138&#32;&#32;1234 5678\n"), "M");
	HIDDEN("a.md", "---\ntitle: t\nsummary: |\n  电话 138 1234\n"
	    "  5678\n---\n", "M");
	/* Unicode decimal digits of every script read as digits. */
	HIDDEN("a.md", MD("电话١٣٨١٢٣٤٥٦٧٨\n"), "M");	/* Arabic-Indic */
	HIDDEN("a.md", MD("电话۱۳۸۱۲۳۴۵۶۷۸\n"), "M");	/* Persian */
	HIDDEN("a.md", MD("电话१३८१२३४५६७८\n"), "M");	/* Devanagari */
	HIDDEN("a.md", MD("电话𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖\n"), "M");	/* math bold */
	HIDDEN("a.md", MD("电话𝟷𝟹𝟾𝟷𝟸𝟹𝟺𝟻𝟼𝟽𝟾\n"), "M");	/* monospace */
	HIDDEN("a.md", MD("电话1３8١2३4𝟓6７8\n"), "M");		/* mixed */
	HIDDEN("a.md", MD("𝟏𝟏𝟎𝟏𝟎𝟓𝟏𝟗𝟒𝟗𝟏𝟐𝟑𝟏𝟎𝟎𝟐X\n"), "I");
	/* What a reader takes for digits though Unicode does not:
	 * super- and subscripts, circled digits, Chinese numerals. */
	HIDDEN("a.md", MD("电话 ¹³⁸¹²³⁴⁵⁶⁷⁸\n"), "M");
	HIDDEN("a.md", MD("电话 ₁₃₈₁₂₃₄₅₆₇₈\n"), "M");
	HIDDEN("a.md", MD("电话 ①③⑧①②③④⑤⑥⑦⑧\n"), "M");
	HIDDEN("a.md", MD("电话 ➊➌➑➊➋➌➍➎➏➐➑\n"), "M");
	HIDDEN("a.md", MD("电话 一三八一二三四五六七八\n"), "M");
	HIDDEN("a.md", MD("电话 幺三八 幺二三四 五六七八\n"), "M");
	HIDDEN("a.md", MD("身份证 一一〇一〇五一九四九一二三一〇〇二X\n"), "I");
	HIDDEN("a.md", MD("卡号 陆贰贰贰 零贰壹贰 叁肆伍陆 柒捌玖零 壹贰捌\n"),
	    "B");
	HIDDEN("a.yaml", "title: t\ndate: 2026-01-01\nsummary: 手机一三八"
	    "一二三四五六七八\n", "M");
	/* Separators that look like a space or a line break. */
	HIDDEN("a.md", MD("电话 138\xe2\x80\xa8" "1234\xe2\xa0\x80" "5678\n"),
	    "M");
	/* An ordered list item's number is shown before its text. */
	HIDDEN("a.md", MD("138) 1234 5678\n"), "M");
	HIDDEN("a.md", MD("138.  12345678\n"), "M");
	HIDDEN("a.md", MD("1. 甲\n\n   110101)  19900101 1237\n"), "I");
	STR_EQ(shown("a.md", MD("1. 3812345678\n2. 甲\n")), "");
	/* A right-to-left override shows the digits reversed. */
	HIDDEN("a.md", MD("电话 \xe2\x80\xae" "87654321831\xe2\x80\xac 联系\n"),
	    "M");
	HIDDEN("a.md", MD("身份证 \xe2\x80\xae" "X20013219491501011\n"), "I");
	HIDDEN("a.yaml", "title: \"电话 \\u202E8765 4321 831\"\n"
	    "date: 2026-01-01\n", "M");
	STR_EQ(where("a.md", MD("电话 \xe2\x80\xae" "87654321831\n")), "5:5");
	STR_EQ(shown("a.md", MD("\xe2\x80\xae" "13812345678\xe2\x80\xac\n")),
	    "M");	/* as written: the bytes */
	/* ... and prose with Chinese numerals is not a number. */
	STR_EQ(shown("a.md", MD("二〇二六年一月一日，一一对应，三五成群，"
	    "第一二三四五六七八九十条，一九四九年十月一日\n")), "");
	/* Invisible characters between digits: U+200B, U+200C, U+200D,
	 * U+2060, U+FEFF, U+00AD, U+200E (LRM), U+FE0F U+20E3 (keycap). */
	{
		static const char *const inv[] = { "\xe2\x80\x8b",
			"\xe2\x80\x8c", "\xe2\x80\x8d", "\xe2\x81\xa0",
			"\xef\xbb\xbf", "\xc2\xad", "\xe2\x80\x8e",
			"\xef\xb8\x8f\xe2\x83\xa3" };
		char		 t[128];
		size_t		 i;

		for (i = 0; i < sizeof(inv) / sizeof(*inv); i++) {
			snprintf(t, sizeof(t), MD("1%s3812345678\n"), inv[i]);
			HIDDEN("a.md", t, "M");
		}
	}
	/* Link and image destinations and titles, alt text, fence info. */
	HIDDEN("a.md", MD("[电话](tel:%31%33%38%31%32%33%34%35%36%37%38)\n"),
	    "M");
	HIDDEN("a.md", MD("[说明](b.md \"&#49;3812345678\")\n"), "M");
	HIDDEN("a.md", MD("![&#49;3812345678](a.png)\n"), "M");
	HIDDEN("a.md", MD("见[附件][r]。\n\n"
	    "[r]: /f/%31%33%38%31%32%33%34%35%36%37%38\n"), "M");
	HIDDEN("a.md", MD("```&#49;3812345678\n代码\n```\n"), "M");
	/* Footnote references show their numbers. */
	HIDDEN("a.md", MD("[^a][^a]010519491231002X\n\n[^a]: 注\n"), "I");
	/* YAML: escapes and quoting in every field of the front matter. */
	HIDDEN("a.md", "---\ntitle: \"\\u0031\\u0033\\u0038\\u0031\\u0032"
	    "\\u0033\\u0034\\u0035\\u0036\\u0037\\u0038\"\n---\n正文\n", "M");
	HIDDEN("a.md", "---\ntitle: t\nsummary: \"\\x31\\x33\\x38\\x31"
	    "\\x32\\x33\\x34\\x35\\x36\\x37\\x38\"\n---\n", "M");
	HIDDEN("a.md", "---\ntitle: t\ndoc_no: \"11010519\\\n"
	    "  491231002X\"\n---\n", "I");
	HIDDEN("a.md", "---\ntitle: t\nkeywords: [\"\\uFF11\\U0001D7D1"
	    "8\\u200b12345678\"]\n---\n", "M");
	/* A .yaml item: fields, table cells, a Markdown body. */
	HIDDEN("b.yaml", "title: 名单\ndate: 2026-01-05\ntable:\n"
	    "  columns: [姓名, 号码]\n  rows:\n"
	    "    - [张*, \"\\u0031\\u0033\\u0038\\u0031\\u0032\\u0033\\u0034"
	    "\\u0035\\u0036\\u0037\\u0038\"]\n", "M");
	HIDDEN("b.yaml", "title: 名单\nbody: |\n  正文\n"
	    "  &#49;&#51;812345678\n", "M");
	HIDDEN("b.yaml", "title: 名单\nbody: \"正文 1101**05**\\\n"
	    "  19491231002X\"\n", "I");
	/* Cells of a .yaml table are plain text: a reference there shows
	 * as written. */
	STR_EQ(shown("b.yaml", "title: t\ntable:\n  columns: [a]\n  rows:\n"
	    "    - [\"&#49;&#51;812345678\"]\n"), "");

	/* Seen in the bytes and shown: one hit, where it is written. */
	STR_EQ(shown("a.md", MD("电话13812345678。\n")), "M");
	STR_EQ(shown("b.yaml", "title: 电话13812345678\n"), "M");
	STR_EQ(shown("a.md", MD("| 张* | 13812345678 |\n|---|---|\n")), "M");
	/* Only in the bytes (a comment is not shown, but is published
	 * with the source): still a hit, as before. */
	STR_EQ(shown("a.md", MD("<!-- 13812345678 -->\n")), "M");
	STR_EQ(shown("a.md", "---\ntitle: t # 13812345678\n---\n"), "M");
	/* Placed in the file: where the first shown digit is written. */
	STR_EQ(where("a.md", MD("第一段\n\n电话&#49;3812345678\n")), "7:3");
	STR_EQ(where("a.md", MD("x\n\n[a](tel:%31%33%38%31%32%33%34%35%36"
	    "%37%38)\n")), "7:9");
	STR_EQ(where("b.yaml", "title: t\nbody: |\n  一\n  二 &#49;38"
	    "12345678\n"), "4:5");
	STR_EQ(where("a.md", "---\ntitle: t\nsummary: \"\\u0031\\u00338"
	    "12345678\"\n---\n"), "3:11");

	/*
	 * Two runs of '*' in one paragraph are emphasis, not masks: the
	 * page shows "110199001011237 与 110199001011237" in bold.
	 */
	STR_EQ(shown("a.md", MD("1101***99001011237 与 1101***99001011237\n")),
	    "ii");
	STR_EQ(scan("1101***99001011237 与 1101***99001011237\n"), "");
	/* Masked forms pass however they are written. */
	STR_EQ(shown("a.md", MD("110101\\*\\*\\*\\*\\*\\*\\*\\*1234\n")), "");
	STR_EQ(shown("a.md", MD("138&#42;&#42;&#42;&#42;5678\n")), "");
	STR_EQ(shown("a.md", MD("已屏蔽：110101********1234，138****5678，"
	    "6222 **** **** 7894，张*\n")), "");
	STR_EQ(shown("a.md", "---\ntitle: \"138\\u002a\\u002a\\u002a\\u002a"
	    "5678\"\n---\n"), "");
	/* Ordinary numbers stay ordinary. */
	STR_EQ(shown("a.md", MD("**2026**年**3**月**1**日发布，金额 "
	    "**12,345.00** 元，共 `1380` 人，电话 028-86123456，"
	    "&#49;2356 热线。\n\n| 年份 | 人数 |\n|---|--:|\n| 2025 | 1380 |\n"
	    "| 2026 | 1412 |\n")), "");
	STR_EQ(shown("a.md", MD("索引号：009876543/2026-00012，"
	    "文号 示人口发〔2026〕3号，路径 D:\\2026\\03\\01\n")), "");
	/* Blocks and cells are not run together. */
	STR_EQ(shown("a.md", MD("1101\n\n0519491231002X\n")), "");
	STR_EQ(shown("a.md", MD("| 1101 | 0519491231002X |\n|---|---|\n")),
	    "");
	STR_EQ(shown("a.md", MD("1101\\\n0519491231002X\n")), "");
	/* Not an item the loader takes: still read, all of it. */
	STR_EQ(shown("a.md", "no front matter &#49;3812345678\n"), "M");
	STR_EQ(shown("b.yaml", "title: [\"\\u0031\\u00338\\u0031"
	    "2345678\", broken\n"), "M");
	STR_EQ(privacy_kind_name(PRIV_OPAQUE),
	    "number in Markdown too complex to check");
}

/* Seconds of processor time for the best of three scans of b as path. */
static double
scan_time(const char *path, const struct buf *b, int *hits)
{
	clock_t	t;
	double	best = 1e9, d;
	int	i;

	for (i = 0; i < 3; i++) {
		t = clock();
		*hits = privacy_scan_item(path, b->data, b->len, NULL, NULL);
		d = (double)(clock() - t) / CLOCKS_PER_SEC;
		if (d < best)
			best = d;
	}
	return best;
}

/* An item of about n bytes made of the same mix throughout. */
static void
big_item(struct buf *b, size_t n, int yaml)
{
	static const char *const mix[] = {
		"申请人电话13812345678，",
		"编号&#49;&#51;812345678 与 1101**05**19491231002X。\n\n",
		"| 张* | 13812345678 | &#x31;&#x33;812345678 |\n",
		"[说明](b.md \"2026年3月1日\") 金额 12,345.00 元 ",
		"１３８１２３４５６７８ \xe2\x80\x8b 𝟏𝟑𝟖 ",
		"<span>x</span> `code` ~~del~~ *em* \\- &amp; ",
	};
	size_t	i = 0;

	buf_reset(b);
	buf_puts(b, yaml ? "title: t\nbody: |\n" : "---\ntitle: t\n---\n");
	while (b->len < n) {
		if (yaml)
			buf_puts(b, "  ");
		buf_puts(b, mix[i++ % 6]);
		if (yaml && b->data[b->len - 1] != '\n')
			buf_putc(b, '\n');
	}
}

/*
 * Time linear in the size: a quarter of the text takes about a quarter
 * of the time (processor time, best of three; a factor 8 leaves room
 * for noise, a quadratic step would give 16).
 */
static void
cost(void)
{
	struct buf	 b = BUF_INIT;
	double		 t1, t4;
	int		 h1, h4, yaml;
	size_t		 i;
	char		 c[32];

	for (yaml = 0; yaml < 2; yaml++) {
		big_item(&b, 256 * 1024, yaml);
		t1 = scan_time(yaml ? "a.yaml" : "a.md", &b, &h1);
		big_item(&b, 1024 * 1024, yaml);
		t4 = scan_time(yaml ? "a.yaml" : "a.md", &b, &h4);
		printf("# privacy: 1 MiB %s item, %d hits: %.3f s "
		    "(256 KiB: %.3f s)\n", yaml ? "YAML" : "Markdown", h4, t4,
		    t1);
		OK(h4 > 3 * h1 && h4 < 5 * h1);
		OK(t4 < 8 * t1 + 0.25);
	}
	/* YAML with many keys: read in one pass, not key against key. */
	for (i = 0, buf_reset(&b); b.len < 256 * 1024; i++)
		buf_printf(&b, "k%zu: v\n", i);
	t1 = scan_time("a.yaml", &b, &h1);
	while (b.len < 1024 * 1024)
		buf_printf(&b, "k%zu: v\n", i++);
	t4 = scan_time("a.yaml", &b, &h4);
	printf("# privacy: 1 MiB of YAML keys: %.3f s (256 KiB: %.3f s)\n",
	    t4, t1);
	OK(t4 < 8 * t1 + 0.25);
	/*
	 * The shapes on which cmark-gfm is quadratic are refused before
	 * parsing: one PRIV_OPAQUE hit, at once.
	 */
	buf_reset(&b);
	buf_puts(&b, "---\ntitle: t\n---\n");
	for (i = 0; i < 100000; i++)
		buf_puts(&b, "![[]()");
	OK(strcmp(scan_time("a.md", &b, &h1) < 0.5 ? "fast" : "slow",
	    "fast") == 0 && h1 == 1);
	STR_EQ(shown("a.md", b.data), "O");
	buf_reset(&b);
	buf_puts(&b, "---\ntitle: t\n---\n|");
	for (i = 0; i < 9000; i++)
		buf_puts(&b, "a|");
	buf_puts(&b, "\n|");
	for (i = 0; i < 9000; i++)
		buf_puts(&b, "-|");
	buf_puts(&b, "\n");
	STR_EQ(shown("a.md", b.data), "O");
	STR_EQ(where("a.md", b.data), "4:1");
	buf_reset(&b);
	buf_puts(&b, "---\ntitle: t\n---\n[r]: /");
	for (i = 0; i < 200000; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "\n\n");
	for (i = 0; i < 100000; i++)
		buf_puts(&b, "[r]");
	STR_EQ(shown("a.md", b.data), "O");
	/* A 1 MiB table of plain rows, links in each, is no such shape. */
	buf_reset(&b);
	buf_puts(&b, "---\ntitle: t\n---\n| 姓名 | 金额 | 说明 |\n"
	    "|---|--:|---|\n");
	for (i = 0; b.len < 1024 * 1024; i++) {
		snprintf(c, sizeof(c), "%zu", i);
		buf_printf(&b, "| 张* | %s.00 | [第%s条](a.md) |\n", c, c);
	}
	STR_EQ(shown("a.md", b.data), "");
	buf_dispose(&b);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Checks every *.txt in dir; want_hits says which folder it is. */
static void
corpus(const char *root, const char *sub, int want_hits)
{
	char		 path[1024], *names[512], want[64];
	struct buf	 b = BUF_INIT, item = BUF_INIT;
	struct hits	 h;
	struct dirent	*de;
	DIR		*dir;
	size_t		 n = 0, i, k;
	const char	*p;
	int		 ok;

	snprintf(path, sizeof(path), "%s/%s", root, sub);
	if ((dir = opendir(path)) == NULL) {
		printf("FAIL cannot open corpus %s\n", path);
		t_fail++;
		return;
	}
	while ((de = readdir(dir)) != NULL && n < 512)
		if (strlen(de->d_name) > 4 &&
		    strcmp(de->d_name + strlen(de->d_name) - 4, ".txt") == 0)
			names[n++] = strdup(de->d_name);
	closedir(dir);
	qsort(names, n, sizeof(*names), cmp_str);
	OK(n > 0);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s/%s", root, sub, names[i]);
		if (t_read(path, &b) != 0) {
			printf("FAIL cannot read %s\n", path);
			t_fail++;
			continue;
		}
		memset(&h, 0, sizeof(h));
		privacy_scan(b.data, b.len, on_hit, &h);
		/* As the body of an item, shown: the same answer. */
		buf_reset(&item);
		buf_puts(&item, "---\ntitle: t\n---\n");
		buf_put(&item, b.data, b.len);
		OK(privacy_scan_item("a.md", item.data, item.len, NULL,
		    NULL) == (int)h.n);
		ok = 1;
		if (want_hits) {
			/* "# expect: mobile phone number" */
			want[0] = '\0';
			if (strncmp(b.data, "# expect: ", 10) == 0) {
				p = b.data + 10;
				for (k = 0; p[k] != '\0' && p[k] != '\n' &&
				    k < sizeof(want) - 1; k++)
					want[k] = p[k];
				want[k] = '\0';
			}
			if (want[0] == '\0' || h.n == 0)
				ok = 0;
			for (k = 0; k < h.n && k < 16; k++)
				if (strcmp(privacy_kind_name(h.kind[k]),
				    want) != 0)
					ok = 0;
		} else
			ok = h.n == 0;
		OK(ok);
		if (!ok) {
			printf("# %s: %zu hits, want %s\n", path, h.n,
			    want_hits ? want : "none");
			for (k = 0; k < h.n && k < 16; k++)
				printf("#   %s: %.*s\n",
				    privacy_kind_name(h.kind[k]),
				    (int)h.len[k], b.data + h.off[k]);
		}
		free(names[i]);
	}
	buf_dispose(&b);
	buf_dispose(&item);
}

/* --- the false-positive generator ------------------------------------ */

static uint64_t	rng = 0x9e3779b97f4a7c15ULL;

static unsigned
rnd(unsigned n)
{
	/* xorshift64*: fixed seed, so the figures are reproducible. */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (unsigned)((rng * 2685821657736338717ULL) >> 33) % n;
}

static void
rnd_digits(struct buf *b, size_t n)
{
	while (n-- > 0)
		buf_putc(b, '0' + rnd(10));
}

static int
luhn(const char *d, size_t n)
{
	size_t	i;
	int	sum = 0, v;

	for (i = 0; i < n; i++) {
		v = d[n - 1 - i] - '0';
		if (i % 2 == 1 && (v *= 2) > 9)
			v -= 9;
		sum += v;
	}
	return sum % 10 == 0;
}

/* Org code (GB 11714): 8 characters and a check character. */
static void
org_code(struct buf *b)
{
	static const int	w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	char			c[9];
	int			i, sum = 0, v, ck;

	for (i = 0; i < 8; i++) {
		/* Mostly digits; newer codes carry letters. */
		v = i > 0 && rnd(6) == 0 ? 10 + (int)rnd(26) : (int)rnd(10);
		c[i] = v < 10 ? '0' + v : 'A' + v - 10;
		sum += v * w[i];
	}
	ck = 11 - sum % 11;
	c[8] = ck == 10 ? 'X' : ck == 11 ? '0' : '0' + ck;
	buf_put(b, c, 9);
}

/* 统一社会信用代码 (GB 32100) with its check character. */
static void
credit_code(struct buf *b)
{
	static const char	cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int	w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29,
		25, 13, 8, 24, 10, 30, 28 };
	static const char	*head[] = { "11", "12", "13", "51", "52",
		"91", "92", "93" };
	size_t			start = b->len;
	int			i, sum = 0, ck;
	const char		*p;

	buf_puts(b, head[rnd(8)]);
	buf_puts(b, rnd(2) ? "510124" : "513425");
	org_code(b);
	for (i = 0; i < 17; i++) {
		p = strchr(cs, b->data[start + i]);
		sum += (p != NULL ? (int)(p - cs) : 0) * w[i];
	}
	ck = (31 - sum % 31) % 31;
	buf_putc(b, cs[ck]);
}

/* Replaces n digits after the first keep ones with a mask character. */
static void
mask(struct buf *b, const char *num, size_t keep, size_t n)
{
	static const char	*m[] = { "*", "×", "＊" };
	const char		*c = m[rnd(3)];
	size_t			 i, len = strlen(num);

	for (i = 0; i < len; i++) {
		if (i >= keep && i < keep + n)
			buf_puts(b, c);
		else
			buf_putc(b, num[i]);
	}
}

/* Rewrites the digits appended from start on as full-width digits. */
static void
fullwidth(struct buf *b, size_t start)
{
	struct buf	t = BUF_INIT;
	size_t		i;

	for (i = start; i < b->len; i++)
		if (b->data[i] >= '0' && b->data[i] <= '9') {
			buf_putc(&t, 0xEF);
			buf_putc(&t, 0xBC);
			buf_putc(&t, 0x90 + b->data[i] - '0');
		} else
			buf_putc(&t, b->data[i]);
	buf_truncate(b, start);
	buf_put(b, t.data, t.len);
	buf_dispose(&t);
}

enum gen_kind {
	G_INDEX, G_DOCNO, G_DATE, G_AMOUNT, G_LANDLINE, G_HOTLINE,
	G_POSTCODE, G_CREDIT, G_DIVISION, G_FILING, G_MASKED,
	G_ISBN, G_TIME, G_COUNT,
	/* Below: numbers whose digits are random, so a few collide. */
	G_NONLUHN, G_ACCOUNT, G_REGNO, G_SPACED,
	/* Random digits again, labelled as a body's account: none hit. */
	G_ORGACCT, G_NKINDS
};

static const char *const gen_name[G_NKINDS] = {
	"index numbers", "document numbers", "dates", "amounts",
	"landlines", "hotlines", "postcodes", "credit codes",
	"division codes", "filing numbers", "masked numbers", "ISBNs",
	"times", "counts", "random non-Luhn 16-19-digit numbers",
	"random 16-19-digit account numbers",
	"15-digit business registration numbers",
	"space-separated 4-digit amounts",
	"random 16-19-digit organisations' accounts"
};

/* Appends one non-personal number of kind k, in a bit of context. */
static void
gen_one(struct buf *b, enum gen_kind k)
{
	static const char	*area[] = { "028", "0832", "010", "0816" };
	static const char	*hot[] = { "12356", "12345", "12320", "95588",
		"110", "12315" };
	char			 d[24];
	size_t			 n, i;
	const char		*a;

	switch (k) {
	case G_INDEX:
		buf_puts(b, "索引号：");
		org_code(b);
		buf_printf(b, "/%u-%05u", 2000 + rnd(30), 1 + rnd(99999));
		break;
	case G_DOCNO:
		buf_printf(b, "示人口发〔%u〕%u号", 2000 + rnd(30), rnd(300));
		break;
	case G_DATE:
		switch (rnd(4)) {
		case 0:
			buf_printf(b, "%u-%02u-%02u", 1990 + rnd(40),
			    1 + rnd(12), 1 + rnd(28));
			break;
		case 1:
			buf_printf(b, "%u年%u月%u日", 1990 + rnd(40),
			    1 + rnd(12), 1 + rnd(28));
			break;
		case 2:
			buf_printf(b, "%u%02u%02u", 1990 + rnd(40),
			    1 + rnd(12), 1 + rnd(28));
			break;
		default:
			buf_printf(b, "%u-%02u-%02u 至 %u-%02u-%02u",
			    2026, 1 + rnd(12), 1 + rnd(28), 2027,
			    1 + rnd(12), 1 + rnd(28));
		}
		break;
	case G_AMOUNT:
		switch (rnd(3)) {
		case 0:
			buf_printf(b, "%u,%03u,%03u.%02u元", rnd(1000),
			    rnd(1000), rnd(1000), rnd(100));
			break;
		case 1:
			buf_printf(b, "%u%06u.%02u", 1 + rnd(99999),
			    rnd(1000000), rnd(100));
			break;
		default:
			buf_printf(b, "%u.%u万元", rnd(100000), rnd(10));
		}
		break;
	case G_LANDLINE:
		a = area[rnd(4)];
		n = strlen(a) == 3 ? 8 : 7;
		for (i = 0; i < n; i++)
			d[i] = (i == 0 ? '2' + rnd(7) : '0' + rnd(10));
		d[n] = '\0';
		switch (rnd(5)) {
		case 0:
			buf_printf(b, "%s-%s", a, d);
			break;
		case 1:
			buf_printf(b, "(%s)%s", a, d);
			break;
		case 2:
			buf_printf(b, "%s-%s-%u", a, d, 8000 + rnd(999));
			break;
		case 3:
			buf_printf(b, "%s %.4s %s", a, d, d + 4);
			break;
		default:
			buf_printf(b, "%s—%s", a, d);
		}
		break;
	case G_HOTLINE:
		if (rnd(3) == 0)
			buf_printf(b, "%u-%03u-%04u", rnd(2) ? 400 : 800,
			    rnd(1000), rnd(10000));
		else
			buf_printf(b, "热线%s", hot[rnd(6)]);
		break;
	case G_POSTCODE:
		buf_printf(b, "邮编%u%04u", 51 + rnd(10), rnd(10000));
		break;
	case G_CREDIT:
		buf_puts(b, "统一社会信用代码：");
		credit_code(b);
		break;
	case G_DIVISION:
		buf_printf(b, "%u%04u", 11 + rnd(55), rnd(10000));
		if (rnd(2))
			buf_printf(b, "%03u%03u", rnd(1000), rnd(1000));
		break;
	case G_FILING:
		switch (rnd(3)) {
		case 0:
			buf_printf(b, "蜀ICP备%08u号-%u", rnd(100000000),
			    1 + rnd(3));
			break;
		case 1:
			buf_puts(b, "川公网安备 ");
			rnd_digits(b, 14);
			buf_puts(b, "号");
			break;
		default:
			buf_printf(b, "网站标识码51%08u", rnd(100000000));
		}
		break;
	case G_NONLUHN:
		/* Shaped like a card (first digit 3..6), never valid. */
		n = 16 + rnd(4);
		do {
			d[0] = '3' + rnd(4);
			for (i = 1; i < n; i++)
				d[i] = '0' + rnd(10);
		} while (luhn(d, n));
		d[n] = '\0';
		buf_printf(b, "编号%s", d);
		break;
	case G_MASKED:
		switch (rnd(4)) {
		case 0:
			mask(b, "510124198506154326", 6, 8);
			break;
		case 1:
			mask(b, "110101199001011237", 3 + rnd(10),
			    1 + rnd(4));
			break;
		case 2:
			mask(b, "13812345678", 3, 4);
			break;
		default:
			buf_puts(b, "6222 **** **** 7894");
		}
		break;
	case G_ISBN:
		buf_printf(b, "ISBN 978-7-%03u-%05u-%u", rnd(1000),
		    rnd(100000), rnd(10));
		break;
	case G_TIME:
		buf_printf(b, "%u-%02u-%02u %02u:%02u:%02u", 2026,
		    1 + rnd(12), 1 + rnd(28), rnd(24), rnd(60), rnd(60));
		break;
	case G_COUNT:
		buf_printf(b, "共%u人，占%u.%u%%", rnd(100000), rnd(100),
		    rnd(10));
		break;
	case G_ACCOUNT:
		buf_puts(b, "收款账号：");
		rnd_digits(b, 16 + rnd(4));
		break;
	case G_REGNO:
		buf_puts(b, "注册号");
		buf_puts(b, rnd(2) ? "510124" : "513425");
		buf_putc(b, rnd(3) == 0 ? '6' : '0');
		rnd_digits(b, 8);
		break;
	case G_SPACED:
		for (i = 0; i < 4; i++)
			buf_printf(b, "%s%u", i ? " " : "", 1000 + rnd(9000));
		break;
	case G_ORGACCT:
		switch (rnd(3)) {
		case 0:
			buf_puts(b, "对公账号：");
			break;
		case 1:
			buf_puts(b, "户名：示范县财政局非税收入汇缴"
			    "结算户，账号：");
			break;
		default:
			buf_puts(b, "示范县卫生健康局零余额账户，账号 ");
		}
		rnd_digits(b, 16 + rnd(4));
		break;
	case G_NKINDS:
		break;
	}
}

static void
false_positives(void)
{
	struct buf	b = BUF_INIT, item = BUF_INIT;
	size_t		per = 20000, k, i, start;
	int		hits[G_NKINDS], structural = 0, chance = 0, n;
	int		shown_hits = 0;
	size_t		m = 0, mchance = 0;

	for (k = 0; k < G_NKINDS; k++) {
		buf_reset(&b);
		for (i = 0; i < per; i++) {
			start = b.len;
			/* Plain prose, Markdown tables, full-width digits. */
			if (i % 3 == 0)
				buf_puts(&b, "| ");
			gen_one(&b, (enum gen_kind)k);
			if (i % 7 == 0)
				fullwidth(&b, start);
			buf_puts(&b, i % 3 == 0 ? " | " :
			    i % 3 == 1 ? "，" : "。\n");
		}
		hits[k] = n = privacy_scan(b.data, b.len, NULL, NULL);
		/*
		 * Shown as the body of an item, no other answer.  Mask
		 * stars are escaped: unescaped, the runs of one paragraph
		 * pair up as emphasis and the page shows the digits on
		 * either side run together (see shown_cases).
		 */
		buf_reset(&item);
		buf_puts(&item, "---\ntitle: t\n---\n");
		for (i = 0; i < b.len; i++) {
			if (b.data[i] == '*')
				buf_putc(&item, '\\');
			buf_putc(&item, b.data[i]);
		}
		if (k < G_NONLUHN || k == G_ORGACCT)
			shown_hits += privacy_scan_item("a.md", item.data,
			    item.len, NULL, NULL);
		m += per;
		if (k < G_NONLUHN || k == G_ORGACCT)
			structural += n;
		else {
			chance += n;
			mchance += per;
		}
		if (n > 0)
			printf("# privacy: %d false positives in %zu %s\n",
			    n, per, gen_name[k]);
	}
	printf("# privacy: %d false positives in %zu candidates\n",
	    structural + chance, m);
	printf("# privacy: %d of them in %zu numbers of random digits "
	    "(%.2f%%), %d in %zu structured numbers\n", chance, mchance,
	    100.0 * chance / mchance, structural, m - mchance);
	/* Structured numbers must never hit, as written or as shown. */
	OK(structural == 0);
	OK(shown_hits == 0);
	/*
	 * Random digits collide by chance: about 1 in 25 random card-shaped
	 * numbers passes Luhn with a 3..6 first digit.  Bound it so a
	 * loosened check shows up here.
	 */
	OK(hits[G_ACCOUNT] < (int)per / 15);
	OK(hits[G_REGNO] < (int)per / 15);
	OK(hits[G_SPACED] < (int)per / 15);
	buf_dispose(&b);
	buf_dispose(&item);
}

/*
 * Random strings of the fragments in buffers of exactly their length,
 * scanned as text (path NULL) or as item files (alternately .md and
 * .yaml): under `make asan` this catches any read past len; here it
 * checks that hits stay inside, in order.
 */
static void
junk_run(const char *const *frag, size_t nfrag, size_t rounds,
    unsigned most, int items)
{
	struct buf	 b = BUF_INIT;
	struct hits	 h;
	char		*copy;
	size_t		 i, k, ok = 1;

	for (i = 0; i < rounds; i++) {
		buf_reset(&b);
		for (k = rnd(most); k > 0; k--)
			buf_puts(&b, frag[rnd((unsigned)nfrag)]);
		copy = malloc(b.len ? b.len : 1);
		memcpy(copy, b.data, b.len);
		memset(&h, 0, sizeof(h));
		if (items)
			privacy_scan_item(i % 2 ? "a.md" : "a.yaml", copy,
			    b.len, on_hit, &h);
		else
			privacy_scan(copy, b.len, on_hit, &h);
		for (k = 0; k < h.n && k < 16; k++)
			if (h.len[k] == 0 || h.off[k] + h.len[k] > b.len ||
			    (k > 0 && h.off[k] < h.off[k - 1]))
				ok = 0;
		free(copy);
	}
	OK(ok);
	buf_dispose(&b);
}

/* Digits, separators, masks, 'X' and cut multibyte characters. */
static void
junk(void)
{
	static const char *const frag[] = { "1", "3", "8", "6", "0", "X",
		"x", " ", "-", "+", ".", "*", "a", "\xef", "\xef\xbc", "１",
		"８", "－", "　", "×", "\xc3", "\xe3\x80", "86", "138",
		"1234" };

	junk_run(frag, sizeof(frag) / sizeof(*frag), 20000, 40, 0);
}

/* The same for items: Markdown and YAML syntax, codes, cut characters. */
static void
junk_items(void)
{
	static const char *const frag[] = { "1", "3", "8", "0", "X", " ",
		"\n", "\n\n", "---\n", "title: ", ": ", "- ", "\"", "'",
		"|", "*", "**", "`", "~~", "<b>", "<!--", "-->", "[", "](",
		")", "![", "[^a]", "[^a]: ", "&#49;", "&#x3", ";", "&shy;",
		"\\", "\\u003", "\\x3", "%3", "%31", "１", "\xef\xbc",
		"\xe2\x80\x8b", "\xf0\x9d\x9f", "𝟏", "١", "\xc2", "> ",
		"    ", "```", "body: |\n  " };

	junk_run(frag, sizeof(frag) / sizeof(*frag), 5000, 60, 1);
}

/* Unit files: ID and bank card numbers, never the mobile contact line;
 * read as shown, so escapes count; names hold none. */
/* "at+len" of privacy_ident's first keyword in s from from, or "-". */
static const char *
ident_at(const char *s, size_t from)
{
	static char	out[32];
	size_t		at, n;

	if ((at = privacy_ident(s, strlen(s), from, &n)) == strlen(s))
		return n == 0 ? "-" : "(n set)";
	snprintf(out, sizeof(out), "%zu+%zu", at, n);
	return out;
}

/* git's ident keyword (attack9 s09): a checkout with the ident
 * attribute shows "$Id: <blob id> $" where the blob holds it. */
static void
ident_cases(void)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	STR_EQ(ident_at("$Id$", 0), "0+4");
	STR_EQ(ident_at("a $Id: 收费 $ b", 0), "2+13");
	STR_EQ(ident_at("$Id:x$", 0), "0+6");
	STR_EQ(ident_at("$Id: a b c $", 0), "0+12");	/* git keeps it;
							   refused all the same */
	STR_EQ(ident_at("$$Id$", 0), "1+4");
	STR_EQ(ident_at("$Id$ $Id$", 1), "5+4");
	STR_EQ(ident_at("$Id: x\n$", 0), "-");		/* not on one line */
	STR_EQ(ident_at("$Id: x\n$Id$", 0), "7+4");
	STR_EQ(ident_at("$Id", 0), "-");
	STR_EQ(ident_at("$id$ $ID$ $Id. $", 0), "-");	/* git's is "Id" */
	STR_EQ(ident_at("&#36;Id$ \\$Id$", 0), "10+4");	/* the bytes */
	/* as privacy_scan_item reports it: wherever it stands */
	STR_EQ(shown("a.md", MD("正文 $Id: 收费标准已废止 $\n")), "K");
	STR_EQ(shown("a.md", "---\ntitle: 公示 $Id$\ndate: 2026-01-05\n"
	    "---\n正文\n"), "K");
	STR_EQ(shown("a.md", MD("`$Id$`\n\n    $Id$\n")), "KK");
	STR_EQ(shown("a.yaml", "title: 名单\nbody: \"$Id: x $\"\n"), "K");
	STR_EQ(where("a.md", MD("正文\n\n费用 $Id$\n")), "7:4");
	STR_EQ(shown("a.md", MD("价格 $5 和 $6，Id: 3\n")), "");
	OK(privacy_scan_unit("name: 某村 $Id$\n", 18, NULL, NULL) == 1);
	OK(privacy_scan_unit("name: 某村\naddress: 1号 $Id: x $ 110101199001011237\n",
	    strlen("name: 某村\naddress: 1号 $Id: x $ 110101199001011237\n"),
	    NULL, NULL) == 2);
	/* linear: a line of 200,000 "$Id:" with no closing '$' ... is
	 * impossible (each '$' closes the one before); without any '$'
	 * after "Id:" the rest of the line is passed once */
	for (i = 0; i < 200000; i++)
		buf_puts(&b, "$Id:x x");
	buf_puts(&b, "\n$Id$");
	OK(privacy_ident(b.data, b.len, 0, &i) == 0);
	buf_reset(&b);
	buf_puts(&b, "$Id:");
	for (i = 0; i < 1000000; i++)
		buf_puts(&b, "Id:");
	OK(privacy_ident(b.data, b.len, 0, &i) == b.len);
	buf_dispose(&b);
	STR_EQ(privacy_kind_name(PRIV_IDENT), "git ident keyword");
}

static void
unit_cases(void)
{
	static const struct {
		const char	*text;
		int		 hits;
	} c[] = {
		{ "name: 某村\nphone: 138 1234 5678\n", 0 },
		{ "phone: \"+86 13812345678\"\n", 0 },
		{ "address: 某镇1号，110101199001011237\n", 1 },
		{ "address: \"\\x31\\x31\\x30\\x31\\x30\\x31"
		    "\\x31\\x39\\x39\\x30\\x30\\x31\\x30\\x31"
		    "\\x31\\x32\\x33\\x37\"\n", 1 },
		{ "hours: 6222 0212 3456 7890 128\n", 1 },
		{ "name: 示范县\ncode: \"510124\"\n", 0 },
	};
	size_t	i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		OK(privacy_scan_unit(c[i].text, strlen(c[i].text), NULL,
		    NULL) == c[i].hits);
	OK(privacy_name_kind("content/u/fees/13812345678.md") ==
	    PRIV_MOBILE);
	OK(privacy_name_kind("content/u/fees/2025-00001.md") == -1);
	OK(privacy_name_kind("content/u/fees/１３８１２３４５６７８.md") ==
	    PRIV_MOBILE);
	/* '_' separates words in a name */
	OK(privacy_name_kind("content/u/fees/申请表_13812345678.md") ==
	    PRIV_MOBILE);
	OK(privacy_name_kind("content/u/fees/110101199001011237_张三.md") ==
	    PRIV_ID18);
	OK(privacy_name_kind("content/u/fees/2025_00001_附件.md") == -1);
	/* a letter between the digits: no number, and the scan is not
	 * made (letters_split); a numeral is a digit, not a letter */
	OK(privacy_name_kind("content/city-01/county-001/town-0016/"
	    "2026年第6号.md") == -1);
	OK(privacy_name_kind("content/u/fees/138年12345678.md") == -1);
	OK(privacy_name_kind("content/u/fees/一三八12345678.md") ==
	    PRIV_MOBILE);
	OK(privacy_name_kind("content/u/fees/a13812345678b.md") == -1);
	OK(privacy_name_kind("content/u/fees/Tel/138-1234-5678.md") ==
	    PRIV_MOBILE);
	OK(privacy_name_kind("content/u/fees/年138\xE2\x80\x8B"
	    "12345678.md") == PRIV_MOBILE);
}

/*
 * Random names of digits, numbers' pieces, numerals, letters,
 * separators, invisible characters and ideographs (rnd, after the
 * other tests that draw from it): letters_split may skip the scan only
 * where the scan finds nothing.
 */
static void
test_name_shortcut(void)
{
	static const char *const parts[] = {
		"0", "1", "3", "8", "5", "9", "2", "7", "1", "3", "8", "6",
		"138", "1234", "5678", "139", "12345678", "110101",
		"19900101", "1237", "6222", "0212", "3456", "7890", "128",
		"a", "X", "x", "Tel", "年", "第", "号", "张三", "一", "三",
		"八", "〇", "零", "壹", "幺", "１", "３", "８", "¹", "①",
		"-", ".", "/", "_", " ", "\xE3\x80\x80", "－", "／", "——",
		"·", "(", ")", "（", "）", "+", "*", "×", "\\",
		"\xE2\x80\x8B", "\xE2\x80\xAE", "\xE2\x80\xAC",
		"\xC2\xAD", "\xFF", "content/", ".md",
	};
	struct buf	 b = BUF_INIT;
	size_t		 i, k, len;
	int		 same = 1, hits = 0, whole;

	for (i = 0; i < 40000; i++) {
		buf_reset(&b);
		len = 8 + rnd(32);
		for (k = 0; k < len; k++)
			buf_puts(&b, parts[rnd(sizeof(parts) /
			    sizeof(parts[0]))]);
		whole = privacy_name_scan(b.data);
		if (privacy_name_kind(b.data) != whole) {
			if (same)
				printf("# name read otherwise: %s\n", b.data);
			same = 0;
		}
		hits += whole >= 0;
	}
	OK(same);
	OK(hits > 1000);	/* the names do hold numbers */
	printf("# privacy: %d of 40000 random names hold a number\n", hits);
	buf_dispose(&b);
}

int
main(int argc, char *argv[])
{
	const char	*root = argc > 1 ? argv[1] : "tests/privacy";

	inline_cases();
	shown_cases();
	every_char();
	org_cases();
	ident_cases();
	unit_cases();
	corpus(root, "true", 1);
	corpus(root, "false", 0);
	false_positives();
	junk();
	junk_items();
	cost();
	test_name_shortcut();
	return T_DONE();
}
