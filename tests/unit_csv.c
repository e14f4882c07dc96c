/* unit_csv.c -- csv.h: encodings, quoting, line ends, errors. */
#include "buf.h"
#include "csv.h"
#include "t.h"

static const char *const want[] = { "a", "b", "c", NULL };

/* Reads text with header a,b,c; returns the records joined as
 * "f|f|f;..." in out, or -1 with the diagnostic captured. */
static int
read_text(const char *text, size_t len, struct buf *out, enum csv_enc *enc)
{
	struct csv	*c = csv_new("t.csv", text, len);
	struct csv_row	 row;
	size_t		 i;
	int		 r = 0;

	buf_reset(out);
	T_CAPTURE(r = csv_header(c, want));
	if (enc != NULL)
		*enc = csv_encoding(c);
	if (r == 0) {
		for (;;) {
			T_CAPTURE(r = csv_next(c, &row));
			if (r != 1)
				break;
			for (i = 0; i < row.n; i++)
				buf_printf(out, "%s%s", i ? "|" : "", row.f[i]);
			buf_putc(out, ';');
		}
	}
	csv_free(c);
	return r;
}

#define RD(s, out, enc) read_text((s), sizeof(s) - 1, (out), (enc))

#define PRIV(s) csv_privacy((s), sizeof(s) - 1, on_hit, NULL)

static int hits;
static int hit_line, hit_col;

static void
on_hit(void *arg, int line, int col, int kind)
{
	(void)arg;
	(void)kind;
	if (hits++ == 0) {
		hit_line = line;
		hit_col = col;
	}
}

int
main(void)
{
	struct buf	b = BUF_INIT;
	enum csv_enc	e;

	/* UTF-8, LF, a final line without a line end */
	OK(RD("a,b,c\n1,2,3\n办结,,x", &b, &e) == 0);
	STR_EQ(b.data, "1|2|3;办结||x;");
	OK(e == CSV_UTF8);
	/* BOM and CRLF, quotes, doubled quotes, commas and line ends
	 * inside quotes, blank lines skipped */
	OK(RD("\xEF\xBB\xBF" "a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\","
	    "\"l1\nl2\"\r\n"
	    "\r\n4,5,6\r\n", &b, &e) == 0);
	STR_EQ(b.data, "x,y|say \"hi\"|l1\nl2;4|5|6;");
	OK(e == CSV_UTF8_BOM);
	/* GB18030: 人工 咨询 办结, and a four-byte character (U+20000
	 * is 0x95 0x32 0x82 0x36) */
	OK(RD("a,b,c\n\xC8\xCB\xB9\xA4,\xD7\xC9\xD1\xAF,\xB0\xEC\xBD\xE1\n"
	    "\x95\x32\x82\x36,\"\xC8\xCB\",z\n", &b, &e) == 0);
	STR_EQ(b.data, "人工|咨询|办结;\xF0\xA0\x80\x80|人|z;");
	OK(e == CSV_GB18030);

	/* a GB18030 byte-order mark is dropped too */
	OK(RD("\x84\x31\x95\x33" "a,b,c\n\xC8\xCB,2,3\n", &b, &e) == 0);
	STR_EQ(b.data, "人|2|3;");
	OK(e == CSV_GB18030);
	OK(RD("\x84\x31\x95\x33" "a,b,x\n", &b, &e) == -1);
	ERR_HAS("t.csv:1:5: error: column 'x' where 'c' belongs");

	/* errors, each at its line:col (characters) */
	OK(RD("a,b,c\n1,2,3\n办结,2,3,电话\n", &b, NULL) == -1);
	ERR_HAS("t.csv:3:8: error: extra column 4");
	OK(RD("a,b,c,name\n", &b, NULL) == -1);
	ERR_HAS("t.csv:1:7: error: extra column 'name'");
	OK(RD("a,c,b\n", &b, NULL) == -1);
	ERR_HAS("t.csv:1:3: error: column 'c' where 'b' belongs");
	OK(RD("a,b\n", &b, NULL) == -1);
	ERR_HAS("t.csv:1:1: error: missing columns");
	OK(RD("a,b,c\n1,2\n", &b, NULL) == -1);
	ERR_HAS("t.csv:2:3: error: record has 2 fields, the header 3");
	OK(RD("a,b,c\n1,\"2,3\n", &b, NULL) == -1);
	ERR_HAS("t.csv:2:3: error: quoted field has no closing quote");
	OK(RD("a,b,c\n1,x\"y,3\n", &b, NULL) == -1);
	ERR_HAS("t.csv:2:4: error: quote inside a field");
	OK(RD("a,b,c\n1,\"x\"y,3\n", &b, NULL) == -1);
	ERR_HAS("t.csv:2:6: error: text after the closing quote");
	OK(RD("a,b,c\r1,2,3\n", &b, NULL) == -1);
	ERR_HAS("t.csv:1:6: error: carriage return without a line feed");
	OK(RD("", &b, NULL) == -1);
	ERR_HAS("t.csv:1:1: error: no header");
	/* not UTF-8, and 0xFF is no GB18030 lead byte: the byte's place */
	OK(RD("a,b,c\n\xC8\xCB,\xFF,3\n", &b, &e) == -1);
	ERR_HAS("t.csv:2:3: error: invalid byte 0xFF");
	OK(e == CSV_GB18030);
	/* GB18030 whose characters are now and then well-formed UTF-8
	 * by chance (省 is 0xCA 0xA1, U+02A1 in UTF-8): still GB18030 */
	OK(RD("a,b,c\n\xCA\xA1,\xC8\xCB\xB9\xA4,\xCA\xA1\n", &b, &e) ==
	    0);
	STR_EQ(b.data, "省|人工|省;");
	OK(e == CSV_GB18030);
	/* UTF-8 with a fragment pasted from GBK (奖励, 0xBD 0xB1 0xC0
	 * 0xF8) on line 3: one error at its first byte, not GB18030 */
	OK(RD("a,b,c\n人工,咨询,受理\n人工,咨询\xBD\xB1\xC0\xF8,受理\n",
	    &b, &e) == -1);
	ERR_HAS("t.csv:3:6: error: invalid UTF-8 (byte 0xBD)");
	OK(e == CSV_UTF8);
	/* a stray byte far down a UTF-8 file: its line, once */
	{
		struct buf	 big = BUF_INIT;
		int		 i;

		buf_puts(&big, "a,b,c\n");
		for (i = 2; i < 112; i++)
			buf_puts(&big, "人工,咨询,受理\n");
		buf_puts(&big, "人工,ab\xFF" "c,受理\n人工,咨询,受理\n");
		OK(read_text(big.data, big.len, &b, &e) == -1);
		ERR_HAS("t.csv:112:6: error: invalid UTF-8 (byte 0xFF)");
		OK(e == CSV_UTF8);
		buf_dispose(&big);
	}
	/* after a UTF-8 byte-order mark the file is UTF-8, whatever
	 * follows */
	OK(RD("\xEF\xBB\xBF" "a,b,c\n\xC8\xCB,2,3\n", &b, &e) == -1);
	ERR_HAS("t.csv:2:1: error: invalid UTF-8 (byte 0xC8)");
	OK(e == CSV_UTF8_BOM);

	/* records whose every field is empty are a spreadsheet's blank
	 * rows: passed over, in the middle and at the end, however many
	 * commas they have */
	OK(RD("a,b,c\n1,2,3\n,,\n4,5,6\n,,\r\n\"\",,\n,\n,,,,,\n", &b, &e)
	    == 0);
	STR_EQ(b.data, "1|2|3;4|5|6;");
	/* but a record with anything in it is checked */
	OK(RD("a,b,c\n,,x,\n", &b, NULL) == -1);
	ERR_HAS("t.csv:2:5: error: extra column 4");

	/* fields written: quoted when they must be */
	buf_reset(&b);
	csv_put(&b, "plain 文字");
	buf_putc(&b, ',');
	csv_put(&b, "新村,第一组");
	buf_putc(&b, ',');
	csv_put(&b, "say \"hi\"");
	buf_putc(&b, ',');
	csv_put(&b, "l1\r\nl2");
	buf_putc(&b, ',');
	csv_put(&b, "");
	STR_EQ(b.data, "plain 文字,\"新村,第一组\",\"say \"\"hi\"\"\","
	    "\"l1\r\nl2\",");
	/* and read back as they were written */
	{
		struct buf	w = BUF_INIT;

		buf_puts(&w, "a,b,c\r\n");
		csv_put(&w, "新村,第一组");
		buf_putc(&w, ',');
		csv_put(&w, "say \"hi\"");
		buf_putc(&w, ',');
		csv_put(&w, "x");
		buf_puts(&w, "\r\n");
		OK(read_text(w.data, w.len, &b, NULL) == 0);
		STR_EQ(b.data, "新村,第一组|say \"hi\"|x;");
		buf_dispose(&w);
	}

	/* invisible characters and controls are refused */
	OK(RD("a,b,c\n1,13\xE2\x80\x8B" "8,3\n", &b, NULL) == -1);
	ERR_HAS("t.csv:2:5: error: field holds the invisible or control "
	    "character U+200B");
	OK(RD("a,b,c\n1,\x01,3\n", &b, NULL) == -1);
	ERR_HAS("t.csv:2:3: error: field holds the invisible");

	/* the privacy scan reads every decoded cell, quoted or not */
	hits = 0;
	OK(PRIV("a,b\n1,\"138\"\"1234\"\"5678\"\n2,\"13812345678\"\n") == 1);
	OK(hit_line == 3 && hit_col == 3);
	hits = 0;
	/* full-width digits in GB18030: ０ is A3B0 */
	OK(PRIV("a\n\xA3\xB1\xA3\xB3\xA3\xB8\xA3\xB1\xA3\xB2\xA3\xB3"
	    "\xA3\xB4\xA3\xB5\xA3\xB6\xA3\xB7\xA3\xB8\n") == 1);
	OK(hit_line == 2 && hit_col == 1);
	/* digits of any script read as shown (Arabic-Indic 1 3 8) */
	hits = 0;
	OK(PRIV("a,b\nx,call \xD9\xA1\xD9\xA3\xD9\xA8" "00138000\n") == 1);
	OK(hit_line == 2 && hit_col == 8);
	/* a file that breaks is still scanned from where it broke */
	hits = 0;
	OK(PRIV("a\n\"x\n13812345678\n") == 1);
	OK(hits == 1 && hit_line == 3);
	buf_dispose(&b);
	return T_DONE();
}
