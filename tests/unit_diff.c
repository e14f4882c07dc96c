/* unit_diff.c -- Myers edit scripts, UTF-8 splitting, unified output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diff.h"
#include "t.h"

/* The script of a against b (one character per token) as a string of
 * '=', '-', '+'; also checks that it turns a into b. */
static char *
script(const char *a, const char *b)
{
	struct diff_tok		*ta, *tb;
	struct diff_edit	*e;
	size_t			 na, nb, ne, i;
	char			*s;
	struct buf		 got = BUF_INIT;

	na = diff_split_chars(a, strlen(a), &ta);
	nb = diff_split_chars(b, strlen(b), &tb);
	ne = diff_tokens(ta, na, tb, nb, &e);
	s = calloc(ne + 1, 1);
	for (i = 0; i < ne; i++) {
		s[i] = e[i].op == DIFF_SAME ? '=' : e[i].op == DIFF_DEL ?
		    '-' : '+';
		if (e[i].op != DIFF_DEL)
			buf_put(&got, e[i].op == DIFF_SAME ?
			    ta[e[i].ai].p : tb[e[i].bi].p,
			    e[i].op == DIFF_SAME ? ta[e[i].ai].n :
			    tb[e[i].bi].n);
	}
	OK(strcmp(got.data, b) == 0);
	buf_dispose(&got);
	free(ta);
	free(tb);
	free(e);
	return s;
}

static size_t
cost(const char *s)
{
	size_t	n = 0;

	for (; *s; s++)
		n += *s != '=';
	return n;
}

static char *
render(const char *a, const char *b, unsigned flags, int *rc)
{
	struct buf	out = BUF_INIT;

	*rc = diff_render(a, strlen(a), b, strlen(b), flags, &out);
	return buf_detach(&out, NULL);
}

int
main(void)
{
	char	*s, *r, big_a[4000], big_b[4000];
	int	 rc;
	size_t	 i;

	s = script("", "");
	STR_EQ(s, "");
	free(s);
	s = script("abc", "abc");
	STR_EQ(s, "===");
	free(s);
	s = script("", "ab");
	STR_EQ(s, "++");
	free(s);
	s = script("ab", "");
	STR_EQ(s, "--");
	free(s);
	/* Myers' paper: ABCABBA -> CBABAC, D = 5 */
	s = script("ABCABBA", "CBABAC");
	OK(cost(s) == 5);
	free(s);
	s = script("kitten", "sitting");
	OK(cost(s) == 5);	/* 2 substitutions (4) + 1 insertion */
	free(s);
	/* deletions come before additions within a change */
	s = script("axb", "ayb");
	STR_EQ(s, "=-+=");
	free(s);
	/* UTF-8: one Chinese character is one token */
	s = script("征收社会抚养费", "征收社会扶养费");
	STR_EQ(s, "====-+==");
	free(s);
	/* an invalid byte is a token of its own and does not crash */
	s = script("a\xe4z", "a\xe4\xb8\xad");
	OK(cost(s) >= 1);
	free(s);

	/* line splitting */
	{
		struct diff_tok	*l;
		size_t		 n = diff_split_lines("a\nb\n\nc", 6, &l);

		OK(n == 4);
		OK(l[2].n == 0 && l[3].n == 1 && l[3].p[0] == 'c');
		free(l);
		n = diff_split_lines("a\n", 2, &l);
		OK(n == 1);
		free(l);
	}

	/* rendering */
	r = render("x\ny\n", "x\ny\n", 0, &rc);
	OK(rc == 0);
	STR_EQ(r, "");
	free(r);
	r = render("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
	    0, &rc);
	OK(rc == 1);
	STR_EQ(r, "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
	free(r);
	/* a character change within a Chinese line */
	r = render("标题\n收费标准为每人一百元。\n", "标题\n收费标准为每人二百元。\n",
	    0, &rc);
	OK(rc == 1);
	STR_EQ(r, "@@ -1,2 +1,2 @@\n 标题\n-收费标准为每人[-一-]百元。\n"
	    "+收费标准为每人{+二+}百元。\n");
	free(r);
	/* in colour: reverse video within the line */
	r = render("甲乙丙\n", "甲丁丙\n", DIFF_COLOR, &rc);
	OK(strstr(r, "\033[31m-甲\033[7m乙\033[27m丙") != NULL);
	OK(strstr(r, "\033[32m+甲\033[7m丁\033[27m丙") != NULL);
	free(r);
	/* unlike lines are not paired */
	r = render("abc\n", "xyz\n", 0, &rc);
	STR_EQ(r, "@@ -1,1 +1,1 @@\n-abc\n+xyz\n");
	free(r);
	/* an empty side */
	r = render("", "a\nb\n", 0, &rc);
	STR_EQ(r, "@@ -0,0 +1,2 @@\n+a\n+b\n");
	free(r);
	/* two hunks far apart */
	r = render("a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n",
	    "A\n1\n2\n3\n4\n5\n6\n7\n8\nB\n", 0, &rc);
	STR_EQ(r, "@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n"
	    "@@ -7,4 +7,4 @@\n 6\n 7\n 8\n-b\n+B\n");
	free(r);
	/* what a terminal would not show as itself is spelt out: an
	 * escape sequence, a CR alone, a bidi override, a byte not UTF-8;
	 * a CRLF's CR and a tab are not */
	r = render("a\n", "\033[8mhidden\033[0m\n", 0, &rc);
	STR_EQ(r, "@@ -1,1 +1,1 @@\n-a\n+<U+001B>[8mhidden<U+001B>[0m\n");
	free(r);
	r = render("x\n", "EVIL\rgood\r\n\tt\n", 0, &rc);
	STR_EQ(r, "@@ -1,1 +1,2 @@\n-x\n+EVIL<U+000D>good\r\n+\tt\n");
	free(r);
	r = render("收费标准abc\r\n", "收费标准\xe2\x80\xae" "abc\r\n", 0, &rc);
	STR_EQ(r, "@@ -1,1 +1,1 @@\n-收费标准abc\r\n"
	    "+收费标准{+<U+202E>+}abc\r\n");
	free(r);
	r = render("a\n", "b\xff\n", 0, &rc);
	STR_EQ(r, "@@ -1,1 +1,1 @@\n-a\n+b<0xFF>\n");
	free(r);
	/* too many differences: all out, all in, still a correct script */
	for (i = 0; i < sizeof(big_a) - 1; i++) {
		big_a[i] = (char)('a' + i % 2);
		big_b[i] = (char)('a' + (i / 2) % 2);
	}
	big_a[i] = big_b[i] = '\0';
	s = script(big_a, big_b);
	OK(cost(s) > 0);
	free(s);
	memset(big_a, 'a', sizeof(big_a) - 1);
	memset(big_b, 'b', sizeof(big_b) - 1);
	big_a[0] = big_b[0] = 'x';	/* a common head */
	s = script(big_a, big_b);	/* D = 7998 > DIFF_MAX_D */
	OK(s[0] == '=' && cost(s) == 2 * (sizeof(big_a) - 2));
	free(s);
	return T_DONE();
}
