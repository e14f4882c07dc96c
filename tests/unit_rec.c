/*
 * unit_rec.c -- the record field helpers: dates, counts, choices,
 * amounts in fen and their formatting, each mistake at its place.
 */
#include <string.h>

#include "arena.h"
#include "rec.h"
#include "site.h"
#include "t.h"
#include "ydoc.h"

int
main(void)
{
	const char	*t = "d: 2026-02-29\nn: 12\nm: -1\nc: 乙\nx: 甲\n"
	    "y1: 35.5\ny2: 1200\ny3: 1.234\nbig: 4294967295\n"
	    "max: 999999999\nz: 0000000000007\nday: 2026-11-21\n";
	const char	*const words[] = { "甲", "乙" };
	struct ynode	*root = NULL;
	struct arena	*ar = arena_new();
	const char	*s;
	long		 v = 7;
	int		 k;
	char		 b[32];

	OK(ydoc_parse("r.yaml", t, strlen(t), 0, &root) == 0);
	if (root == NULL)
		return T_DONE();
	T_CAPTURE(OK(rec_date("r.yaml", root, "d", 1, NO_DATE, &v) == -1));
	ERR_HAS("r.yaml:1:4: error: malformed date in 'd'");	/* 2026 */
	T_CAPTURE(OK(rec_date("r.yaml", root, "zz", 1, NO_DATE, &v) == -1));
	ERR_HAS("r.yaml:1:1: error: missing required field 'zz'");
	OK(rec_date("r.yaml", root, "zz", 0, NO_DATE, &v) == 0 &&
	    v == NO_DATE);
	/* a date after today is an error; NO_DATE sets no limit */
	OK(rec_date("r.yaml", root, "day", 1, 20778L, &v) == 0 &&
	    v == 20778L);
	T_CAPTURE(OK(rec_date("r.yaml", root, "day", 1, 20777L, &v) == -1));
	ERR_HAS("r.yaml:12:6: error: 'day' 2026-11-21 is in the future (today "
	    "is 2026-11-20)");
	OK(v == NO_DATE);
	OK(rec_date("r.yaml", root, "day", 1, NO_DATE, &v) == 0 &&
	    v == 20778L);
	OK(rec_count("r.yaml", root, "n", 1, &v) == 0 && v == 12);
	T_CAPTURE(OK(rec_count("r.yaml", root, "m", 1, &v) == -1));
	ERR_HAS("r.yaml:3:4: error: 'm' must be a whole number (0 or more), "
	    "not '-1'");
	/* a count too large says so, and gives the limit */
	T_CAPTURE(OK(rec_count("r.yaml", root, "big", 1, &v) == -1));
	ERR_HAS("r.yaml:9:6: error: 'big' is too large: 4294967295 is more "
	    "than 999999999, the most a count may be");
	OK(rec_count("r.yaml", root, "max", 1, &v) == 0 && v == 999999999);
	OK(rec_count("r.yaml", root, "z", 1, &v) == 0 && v == 7);
	OK(rec_choice("r.yaml", root, "c", 1, words, 2, &k) == 0 && k == 1);
	T_CAPTURE(OK(rec_choice("r.yaml", root, "n", 1, words, 2, &k) ==
	    -1));
	ERR_HAS("r.yaml:2:4: error: unknown n '12' (expected one of: 甲, 乙)");
	OK(rec_choice("r.yaml", root, "none", 0, words, 2, &k) == 0 &&
	    k == -1);
	OK(rec_text("r.yaml", root, "x", 1, ar, &s) == 0);
	STR_EQ(s, "甲");
	OK(rec_yuan("r.yaml", ynode_get(root, "y1"), &v) == 0 && v == 3550);
	OK(rec_yuan("r.yaml", ynode_get(root, "y2"), &v) == 0 &&
	    v == 120000);
	T_CAPTURE(OK(rec_yuan("r.yaml", ynode_get(root, "y3"), &v) == -1));
	ERR_HAS("r.yaml:8:5: error: an amount must be yuan");
	rec_yuan_fmt(3550, b);
	STR_EQ(b, "35.50");
	rec_yuan_fmt(120000, b);
	STR_EQ(b, "1200");
	rec_day_fmt(NO_DATE, b);
	STR_EQ(b, "");
	STR_EQ(rec_slug(ar, "content/a/media/x.md"), "x");
	ynode_free(root);
	arena_free(ar);
	return T_DONE();
}
