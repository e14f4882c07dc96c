/*
 * unit_search.c -- the search index (search.h): folding, the hash the
 * page shares, list encodings, which n-grams are indexed, buckets and
 * files of their own, deterministic bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "search.h"
#include "util.h"
#include "t.h"

/* Every file search_write made, concatenated as "== name\n" + bytes. */
static int
collect(void *arg, const char *name, const char *data, size_t len)
{
	struct buf	*b = arg;

	buf_printf(b, "== %s\n", name);
	buf_put(b, data, len);
	return 0;
}

static char *
folded(const char *s)
{
	uint32_t	*cps = NULL;
	size_t		 cap = 0, n, i;
	struct buf	 b = BUF_INIT;

	n = search_fold(s, strlen(s), &cps, &cap, 0);
	for (i = 0; i < n; i++) {
		if (cps[i] < 0x80)
			buf_putc(&b, (int)cps[i]);
		else
			buf_printf(&b, "<%x>", cps[i]);
	}
	free(cps);
	return buf_detach(&b, NULL);
}

static int
failing(void *arg, const char *name, const char *data, size_t len)
{
	(void)arg;
	(void)data;
	(void)len;
	return strcmp(name, "index.js") == 0 ? -1 : 0;
}

int
main(void)
{
	struct search	*s;
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	char		*f;
	uint32_t	 ab[] = { 'a', 'b' };
	size_t		 i;

	/* folding: case, full-width forms, white space runs, ends */
	STR_EQ(f = folded("  ＡＢｃ  Def\t\n\xe3\x80\x80x "), "abc def x");
	free(f);
	STR_EQ(f = folded("（２０２６）"), "(2026)");
	free(f);
	STR_EQ(f = folded("社会"), "<793e><4f1a>");
	free(f);
	STR_EQ(f = folded("a\xff" "b"), "a<fffd>b");
	free(f);
	STR_EQ(f = folded(" \t "), "");
	free(f);

	/* the hash search.js computes too (FNV-1a over code points) */
	OK(search_hash(ab, 2) == 1294271946u);
	OK(search_hash(NULL, 0) == 2166136261u);

	/* gaps: items 0 and 2 hold 社会, item 0 in its title */
	s = search_new(3);
	search_add_text(s, 0, "社会", strlen("社会"), 1);
	search_add_text(s, 1, "社", strlen("社"), 0);
	search_add_text(s, 2, "社会抚养费标准", strlen("社会抚养费标准"), 0);
	search_add_text(s, 2, "2026-00012", strlen("2026-00012"), 0);
	search_add_scope(s, 0, "a", "甲县");
	search_add_scope(s, 2, "a", "甲县");
	OK(search_write(s, "\"chunk\":16", collect, &a) == 0);
	OK(strstr(a.data, "== index.js\ngkSearchPart(\"index\",{\"items\":3,"
	    "\"buckets\":1,\"gram\":4,\"agram\":8,\"chunk\":16});\n") != NULL);
	OK(strstr(a.data, "\"社会\":[\"AAAB\",\"AAA\"]") != NULL);
	/* 2 to 4 characters; no longer unless ASCII */
	OK(strstr(a.data, "\"社会抚养\":[\"AAI\",\"\"]") != NULL);
	OK(strstr(a.data, "\"社会抚养费\"") == NULL);
	OK(strstr(a.data, "\"026-0001\":") != NULL);
	OK(strstr(a.data, "\"2026-0001\"") == NULL);
	/* blocks apart: no n-gram across two calls */
	OK(strstr(a.data, "\"准2\"") == NULL);
	/* a scope: U+0001 and the folder, its items and name */
	OK(strstr(a.data, "\"\\u0001a\":[\"AAAB\",\"甲县\"]") != NULL);
	search_free(s);

	/* the same index, the same bytes */
	s = search_new(3);
	search_add_text(s, 0, "社会", strlen("社会"), 1);
	search_add_text(s, 1, "社", strlen("社"), 0);
	search_add_text(s, 2, "社会抚养费标准", strlen("社会抚养费标准"), 0);
	search_add_text(s, 2, "2026-00012", strlen("2026-00012"), 0);
	search_add_scope(s, 0, "a", "甲县");
	search_add_scope(s, 2, "a", "甲县");
	OK(search_write(s, "\"chunk\":16", collect, &b) == 0);
	OK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	search_free(s);
	s = search_new(1);
	search_add_text(s, 0, "ab", 2, 0);
	OK(search_write(s, NULL, failing, NULL) == -1);
	search_free(s);

	/* a dense list is a bitmap: 1, first byte 0, eight bytes of ones */
	buf_reset(&a);
	s = search_new(64);
	for (i = 0; i < 64; i++)
		search_add_text(s, i, "AB", 2, 0);
	OK(search_write(s, NULL, collect, &a) == 0);
	OK(strstr(a.data, "\"ab\":[\"AQD//////////w\",\"\"]") != NULL);
	search_free(s);

	/* a long list gets a file of its own; the bucket says which */
	buf_reset(&a);
	s = search_new(20000);
	for (i = 0; i < 20000; i += 3)
		search_add_text(s, i, "xy", 2, 0);
	search_add_text(s, 19999, "zz", 2, 0);
	for (i = 1; i < 20000; i += 3)
		search_add_text(s, i, "tt", 2, 1);
	OK(search_write(s, NULL, collect, &a) == 0);
	OK(strstr(a.data, "\"xy\":[2,\"\"]") != NULL);
	/* so does a long title list */
	OK(strstr(a.data, "\"tt\":[0,1]") != NULL);
	OK(strstr(a.data, "== g/0-2.js\ngkSearchPart(\"g/0-2\",\"AQBJ") !=
	    NULL);
	OK(strstr(a.data, "\"zz\":[\"AJ+cAQ\",\"\"]") != NULL);
	search_free(s);

	/* JSON strings safe in a script */
	buf_reset(&a);
	search_json_str(&a, "a\"b\\c\n\xe2\x80\xa8");
	STR_EQ(a.data, "\"a\\\"b\\\\c\\n\\u2028\"");

	buf_dispose(&a);
	buf_dispose(&b);
	return T_DONE();
}
