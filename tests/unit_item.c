/*
 * unit_item.c -- item and unit files: front matter found or refused,
 * every field read, every mistake reported at its line and column in
 * the file (front matter starts on line 2; columns count characters),
 * and an item's body read back with the place of its text in the file
 * (Markdown after the front matter, a YAML block scalar indented).
 */
#include <stdlib.h>

#include "arena.h"
#include "buf.h"
#include "cfg.h"
#include "item.h"
#include "site.h"
#include "source.h"
#include "t.h"
#include "workday.h"

static struct arena *A;

static long
day(const char *s)
{
	struct date	d;

	return date_parse(s, &d) == 0 ? date_days(&d) : -1;
}

/* item_parse on text as path, outputs of a web+board level. */
static int
parse(const char *path, const char *text, struct item *it)
{
	int	rc;

	memset(it, 0, sizeof(*it));
	T_CAPTURE(rc = item_parse(path, text, strlen(text),
	    OUT_WEB | OUT_BOARD, 0, A, it));
	return rc;
}

static void
test_split(void)
{
	const char	*y, *b, *t;
	size_t		 yl, bl;
	int		 line, rc;

	t = "---\ntitle: a\n---\nbody\n";
	OK(item_split("a.md", t, strlen(t), &y, &yl, &b, &bl, &line) == 0);
	OK(yl == 9 && strncmp(y, "title: a\n", yl) == 0);
	STR_EQ(b, "body\n");
	OK(bl == 5 && line == 3);	/* three lines before the body */

	t = "---\r\ntitle: a\r\n---\r\nbody";
	OK(item_split("a.md", t, strlen(t), &y, &yl, &b, &bl, &line) == 0);
	STR_EQ(b, "body");
	OK(line == 3);

	t = "---\n---";	/* empty front matter, no body, no newline */
	OK(item_split("a.md", t, strlen(t), &y, &yl, &b, &bl, &line) == 0);
	OK(yl == 0 && bl == 0 && line == 2);

	t = "\xef\xbb\xbf---\ntitle: a\n---\n";
	T_CAPTURE(rc = item_split("a.md", t, strlen(t), &y, &yl, &b, &bl,
	    &line));
	OK(rc == -1);
	ERR_HAS("a.md:1:1: error: byte-order mark at start of file");
	t = "title: a\n";
	T_CAPTURE(rc = item_split("a.md", t, strlen(t), &y, &yl, &b, &bl,
	    &line));
	OK(rc == -1);
	ERR_HAS("a.md:1:1: error: missing front matter");
	t = "---\ntitle: a\n--- \nbody\n";	/* "--- " does not close */
	T_CAPTURE(rc = item_split("a.md", t, strlen(t), &y, &yl, &b, &bl,
	    &line));
	OK(rc == -1);
	ERR_HAS("a.md:1:1: error: front matter is not closed");
}

static void
test_md(void)
{
	struct item	it;
	const char	*t;

	t = "---\ntitle: 2026年度社会抚养费征收标准\ndate: 2026-03-01\n"
	    "written: 2026-02-20\nindex_no: 009/2026-00012\n"
	    "doc_no: 示人口发〔2026〕3号\ntopic: 卫生健康\\计划生育\n"
	    "keywords: [社会抚养费, 征收标准]\nexpires: 2027-03-01\n"
	    "outputs: [board]\n---\n正文\n";
	OK(parse("content/u/fees/a.md", t, &it) == 0);
	ERR_NONE();
	OK(it.kind == ITEM_MD);
	STR_EQ(it.title, "2026年度社会抚养费征收标准");
	OK(it.date == day("2026-03-01") && it.written == day("2026-02-20"));
	OK(it.expires == day("2027-03-01") && it.repealed == NO_DATE);
	STR_EQ(it.index_no, "009/2026-00012");
	STR_EQ(it.doc_no, "示人口发〔2026〕3号");
	STR_EQ(it.topic, "卫生健康\\计划生育");
	OK(it.keywords[0] && it.keywords[1] && !it.keywords[2]);
	STR_EQ(it.keywords[1], "征收标准");
	OK(it.summary == NULL && it.replaced_by == NULL);
	OK(it.replaced_idx == NO_INDEX);
	OK(it.outputs == OUT_BOARD);
	OK(it.body_line == 11);

	/* the fewest fields: the level's outputs, no keywords */
	t = "---\ntitle: 甲\ndate: 2026-01-01\n---\n";
	OK(parse("content/u/fees/b.md", t, &it) == 0);
	OK(it.outputs == (OUT_WEB | OUT_BOARD));
	OK(it.keywords != NULL && it.keywords[0] == NULL);
	OK(it.written == NO_DATE && it.index_no == NULL);
}

/* One mistake per text, reported where it is. */
static void
test_errors(void)
{
	static const struct {
		const char	*path;
		const char	*text;
		const char	*diag;
	} bad[] = {
		{ "a.md", "---\ndate: 2026-01-01\n---\n",
		    "a.md:2:1: error: missing required field 'title'" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-02-30\n---\n",
		    "a.md:3:7: error: date '2026-02-30' does not exist "
		    "(February 2026 has 28 days)" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n"
		    "written: 2026-01-02\n---\n",
		    "a.md:4:10: error: 成文日期 'written' is after 发布日期" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\nauthor: 王\n---\n",
		    "a.md:4:1: error: unknown field 'author'" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n"
		    "replaced_by: fees/b\n---\n",
		    "a.md:4:14: error: 'replaced_by' needs a 'repealed' date" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\nbody: x\n---\n",
		    "a.md:4:1: error: 'body' is only for .yaml items" },
		/* the same written as an escape of a double-quoted value */
		{ "a.md", "---\ntitle: \"甲\\x01乙\"\ndate: 2026-01-01\n---\n",
		    "a.md:2:8: error: character U+0001 (an escape in this "
		    "value) is not allowed" },
		{ "a.md", "---\ntitle: \"甲\\uFFFE\"\ndate: 2026-01-01\n---\n",
		    "a.md:2:8: error: character U+FFFE (an escape" },
		/* keywords are joined with commas in the Keywords meta */
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n"
		    "keywords: [奖励, \"a,b\"]\n---\n",
		    "a.md:4:16: error: keyword 'a,b' holds a comma" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n"
		    "keywords: [奖励, \"  \"]\n---\n",
		    "a.md:4:16: error: empty keyword" },
		/* a .md item's valid fields are its own: no body, no table */
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\ntabel: x\n---\n",
		    "a.md:4:1: error: unknown field 'tabel' (valid fields: "
		    "title, date, written, index_no, doc_no, topic, summary, "
		    "keywords, expires, repealed, replaced_by, outputs)" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n"
		    "outputs: [web, handout]\n---\n",
		    "a.md:4:16: error: " },
		{ "a.md", "---\ntitle: [甲\n---\n", "a.md:" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n---\n"
		    "联系电话：13812345678\n",
		    "a.md:5:6: error: unmasked mobile" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n---\nab\xff\n",
		    "a.md:5:3: error: invalid UTF-8 or NUL byte" },
		/* what HTML and XML refuse in text: C0 (a vertical tab from
		 * a word processor), DEL, C1, noncharacters in every plane;
		 * also in the title, where the feed and <title> show it */
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n---\n换行\v之后\n",
		    "a.md:5:3: error: character U+000B is not allowed" },
		{ "a.md", "---\ntitle: 甲\x07\ndate: 2026-01-01\n---\n",
		    "a.md:2:9: error: character U+0007 is not allowed" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n---\nx\x7f\n",
		    "a.md:5:2: error: character U+007F" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n---\nx\xc2\x85\n",
		    "a.md:5:2: error: character U+0085" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n---\n\xef\xb7\x90\n",
		    "a.md:5:1: error: character U+FDD0" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n---\n甲\xef\xbf\xbf\n",
		    "a.md:5:2: error: character U+FFFF" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n---\n\xf4\x8f\xbf\xbe\n",
		    "a.md:5:1: error: character U+10FFFE" },
		{ "a.md", "---\ntitle: 甲\ndate: 2026-01-01\n---\n\xf0\x9f\xbf\xbf\n",
		    "a.md:5:1: error: character U+1FFFF" },
		{ "a.yaml", "title: 甲\ndate: 2026-01-01\ntable:\n"
		    "  columns: [a, b]\n  rows:\n    - [1, 2]\n    - [3]\n",
		    "a.yaml:7:7: error: row has 1 cells but the table has 2 "
		    "columns" },
		{ "a.yaml", "title: 甲\ndate: 2026-01-01\ntable:\n"
		    "  columns: [a]\n",
		    "a.yaml:4:3: error: a table needs 'columns' and 'rows'" },
		{ "a.yaml", "title: 甲\ndate: 2026-01-01\ntable:\n"
		    "  columns: [a, [b]]\n  rows: []\n",
		    "a.yaml:4:16: error: a column title must be text" },
		{ "a.yaml", "- title\n", "a.yaml:1:1: error: " },
	};
	struct item	it;
	size_t		i;
	int		rc;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rc = parse(bad[i].path, bad[i].text, &it);
		if (rc != -1)
			printf("  case %zu: accepted\n", i);
		OK(rc == -1);
		ERR_HAS(bad[i].diag);
	}
	/* every mistake, not only the first */
	rc = parse("a.md", "---\ndate: 2026-13-01\nwho: x\n---\n", &it);
	OK(rc == -1);
	ERR_HAS("a.md:2:1: error: missing required field 'title'");
	ERR_HAS("a.md:2:7: error: date '2026-13-01' does not exist (there "
	    "is no month 13)");
	ERR_HAS("a.md:3:1: error: unknown field 'who'");
}

static void
test_unit(const struct config *cfg)
{
	struct unit	u;
	const char	*t;
	int		rc;

	memset(&u, 0, sizeof(u));
	t = "name: 示范县卫生健康局\nlevel: county\ncode: \"510124\"\n"
	    "org_code: \"009876543\"\nphone: 028-1234\n";
	T_CAPTURE(rc = unit_parse("content/u/_unit.yaml", t, strlen(t), 0, cfg,
	    A, &u));
	OK(rc == 0);
	STR_EQ(u.name, "示范县卫生健康局");
	STR_EQ(u.level_id, "county");
	OK(u.level == cfg_level(cfg, "county"));
	OK(u.catalogue != NULL && u.catalogue->ncats == 2);
	STR_EQ(u.code, "510124");
	STR_EQ(u.index_format, "{org_code}/{year}-{serial:05}");
	OK(u.address == NULL);

	memset(&u, 0, sizeof(u));
	t = "name: 乡\nlevel: township\nindex_format: \"{year}-{bad}\"\n"
	    "colour: red\n";
	T_CAPTURE(rc = unit_parse("u/_unit.yaml", t, strlen(t), 0, cfg, A, &u));
	OK(rc == -1);
	ERR_HAS("u/_unit.yaml:2:8: error: unknown level 'township' (valid "
	    "levels: ");
	ERR_HAS("u/_unit.yaml:3:15: error: bad index_format");
	ERR_HAS("u/_unit.yaml:4:1: error: unknown field 'colour'");
	memset(&u, 0, sizeof(u));
	t = "name: 县\nlevel: countty\n";
	T_CAPTURE(rc = unit_parse("u/_unit.yaml", t, strlen(t), 0, cfg, A, &u));
	OK(rc == -1);
	ERR_HAS("u/_unit.yaml:2:8: error: unknown level 'countty': did you "
	    "mean 'county'?");
	memset(&u, 0, sizeof(u));
	T_CAPTURE(rc = unit_parse("u/_unit.yaml", "level: county\n", 14, 0, cfg,
	    A, &u));
	OK(rc == -1);
	ERR_HAS("u/_unit.yaml:1:1: error: missing required field 'name'");
}

/* Files of the body test, served by a hand-filled source. */
static const char *const files[][2] = {
	{ "content/u/fees/a.md", "---\ntitle: 甲\ndate: 2026-01-01\n---\n"
	    "第一行\n\n见[乙](b.md)\n" },
	{ "content/u/fees/b.yaml", "title: 乙\ndate: 2026-01-01\n"
	    "body: |\n\n    正文[甲](a.md)\n    二\ntable:\n"
	    "  columns: [名, 数]\n  rows:\n    - [张*, \"1\"]\n" },
	{ "content/u/fees/c.yaml", "title: 丙\ndate: 2026-01-01\n"
	    "body: \"见[甲](a.md)\"\n" },
	{ "content/u/fees/d.yaml", "title: 丁\ndate: 2026-01-01\n" },
};

static int
mem_read(void *impl, const char *path, const char *blob, struct buf *out)
{
	size_t	i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (strcmp(files[i][0], path) == 0) {
			buf_puts(out, files[i][1]);
			return 0;
		}
	return 1;
}

static void
test_body(void)
{
	struct source		*src = source_new(mem_read, NULL, "test");
	struct item_body	 b;
	struct item		 it;
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		source_add(src, files[i][0], SRC_FILE, strlen(files[i][1]),
		    NULL);
	memset(&it, 0, sizeof(it));
	it.path = "content/u/fees/a.md";
	it.kind = ITEM_MD;
	OK(item_body_read(src, &it, &b) == 0);
	STR_EQ(b.md, "第一行\n\n见[乙](b.md)\n");
	OK(b.len == strlen(b.md) && b.line0 == 4 && b.col0 == 0);
	OK(b.ncolumns == 0 && b.nrows == 0);
	item_body_dispose(&b);

	/* a literal block: the body's lines are the file's, indented */
	it.path = "content/u/fees/b.yaml";
	it.kind = ITEM_YAML;
	OK(item_body_read(src, &it, &b) == 0);
	STR_EQ(b.md, "\n正文[甲](a.md)\n二\n");
	OK(b.line0 == 3 && b.col0 == 4);
	OK(b.ncolumns == 2 && b.nrows == 1);
	STR_EQ(b.columns[1], "数");
	STR_EQ(b.rows[0][0], "张*");
	item_body_dispose(&b);

	/* a quoted scalar: its first line starts after the quote */
	it.path = "content/u/fees/c.yaml";
	OK(item_body_read(src, &it, &b) == 0);
	STR_EQ(b.md, "见[甲](a.md)");
	OK(b.line0 == 2 && b.col0 == 7);
	item_body_dispose(&b);

	it.path = "content/u/fees/d.yaml";
	OK(item_body_read(src, &it, &b) == 0);
	STR_EQ(b.md, "");
	item_body_dispose(&b);

	it.path = "content/u/fees/gone.md";
	it.kind = ITEM_MD;
	T_CAPTURE(rc = item_body_read(src, &it, &b));
	OK(rc == -1);
	ERR_HAS("content/u/fees/gone.md:1:1: error: cannot read item");
	OK(b.md == NULL);
	item_body_dispose(&b);
	source_free(src);
}

int
main(void)
{
	const char	*ct = "site: { title: T, base_url: \"https://x/\" }\n"
	    "levels:\n  county: { catalogue: d }\n"
	    "catalogues:\n  d:\n    - { id: laws, title: 法规 }\n"
	    "    - { id: fees, title: 收费 }\n";
	struct config	*cfg;

	A = arena_new();
	if (cfg_parse("config.yaml", ct, strlen(ct), &cfg) == -1)
		return 1;
	test_split();
	test_md();
	test_errors();
	test_unit(cfg);
	test_body();
	cfg_free(cfg);
	arena_free(A);
	return T_DONE();
}
