/*
 * unit_evaluation.c -- config.yaml's evaluation kinds, evaluation
 * files (every mistake at its line and column) and their figures: the
 * rates are checked against fractions worked out by hand, including
 * the half-up rounding edges.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cfg.h"
#include "evaluation.h"
#include "t.h"

#define TODAY	20777L	/* 2026-11-20 */

#define CFG	"site: { title: T, base_url: \"https://x.example\" }\n" \
		"catalogues:\n  d:\n    - { id: laws, title: 法规 }\n" \
		"levels:\n  county: { catalogue: d }\n" \
		"evaluations:\n" \
		"  methods: [集中评议, 问卷调查]\n" \
		"  farmers:\n    title: 请农民兄弟姐妹评计生\n" \
		"    questions: [甲, 乙]\n" \
		"  upward:\n    title: 下评上\n    questions: [丙]\n" \
		"    scale: [好, 较好, 一般, 差]\n    satisfied: 3\n"

static struct config *
config(void)
{
	struct config	*c = NULL;

	T_CAPTURE(cfg_parse("config.yaml", CFG, strlen(CFG), &c));
	ERR_NONE();
	return c;
}

static int
parse(const struct config *c, const char *name, const char *text,
    struct arena *ar, struct evaluation *ev)
{
	int	rc;

	T_CAPTURE(rc = evaluation_parse(name, text, strlen(text), c, TODAY,
	    ar, ev));
	return rc;
}

static void
test_config(const struct config *c)
{
	const struct evalkind	*k;
	const char		*bad;
	struct config		*x;

	OK(c != NULL && c->nevalkinds == 2 && c->neval_methods == 2);
	OK((k = cfg_evalkind(c, "farmers")) != NULL);
	OK(k != NULL && k->nquestions == 2 && k->nscale == 3 &&
	    k->satisfied == 2);
	if (k != NULL)
		STR_EQ(k->scale[1], "基本满意");
	OK((k = cfg_evalkind(c, "upward")) != NULL);
	OK(k != NULL && k->nscale == 4 && k->satisfied == 3);
	OK(cfg_evalkind(c, "migrants") == NULL);

	bad = "site: { title: T, base_url: \"https://x\" }\n"
	    "evaluations:\n  farmers: { title: x }\n";
	T_CAPTURE(OK(cfg_parse("config.yaml", bad, strlen(bad), &x) == -1));
	ERR_HAS("config.yaml:3:12: error: evaluation kind 'farmers' needs "
	    "'questions'");
	bad = "site: { title: T, base_url: \"https://x\" }\n"
	    "evaluations:\n  farmers: { title: x, questions: [a], "
	    "satisfied: 3 }\n";
	T_CAPTURE(OK(cfg_parse("config.yaml", bad, strlen(bad), &x) == -1));
	ERR_HAS("error: 'satisfied' must be a whole number from 1 to 2");
}

static void
test_parse(const struct config *c)
{
	struct arena		*ar = arena_new();
	struct evaluation	 ev;
	struct evalfig		 f;

	OK(parse(c, "content/a/evaluation/2026-farmers.yaml",
	    "title: 评议\nkind: farmers\nsubject: a/b\ndate: 2026-05-01\n"
	    "methods: [问卷调查]\nrespondents: 10\n"
	    "results:\n  - [5, 3, 2]\n  - [1, 0, 8]\nfindings: 改\n",
	    ar, &ev) == 0);
	ERR_NONE();
	OK(ev.year == 2026 && ev.respondents == 10 && ev.nmethods == 1);
	STR_EQ(ev.slug, "2026-farmers");
	STR_EQ(ev.subject, "a/b");
	evaluation_fig(&ev, 0, &f);
	OK(f.answers == 10 && f.satisfied == 8 && f.tenths == 800);
	evaluation_fig(&ev, 1, &f);
	OK(f.answers == 9 && f.satisfied == 1 && f.tenths == 111);
	evaluation_fig(&ev, (size_t)-1, &f);	/* 9/19 = 47.368 */
	OK(f.answers == 19 && f.satisfied == 9 && f.tenths == 474);

	OK(parse(c, "2026-up.yaml", "title: t\nkind: upward\nsubject: a\n"
	    "date: 2026-01-02\nrespondents: 4\nresults: [[1, 1, 1, 1]]\n",
	    ar, &ev) == 0);
	evaluation_fig(&ev, (size_t)-1, &f);	/* 3 of 4 labels count */
	OK(f.answers == 4 && f.satisfied == 3 && f.tenths == 750);

	/* Each mistake where it is. */
	OK(parse(c, "2026-x.yaml", "title: t\nkind: farmers\nsubject: a\n"
	    "date: 2026-01-02\nrespondents: 4\nresults: [[1, 1, 1]]\n",
	    ar, &ev) == -1);
	ERR_HAS("2026-x.yaml:6:10: error: 'results' has 1 rows but kind "
	    "'farmers' has 2 questions");
	OK(parse(c, "2026-x.yaml", "title: t\nkind: farmers\nsubject: a\n"
	    "date: 2026-01-02\nrespondents: 4\nresults:\n  - [1, -1, 1]\n"
	    "  - [1, 1.5, 1]\n", ar, &ev) == -1);
	ERR_HAS("2026-x.yaml:7:9: error: the count of '基本满意' in row 1 "
	    "must be a whole number (0 or more), not '-1'");
	ERR_HAS("2026-x.yaml:8:9: error: the count of '基本满意' in row 2 "
	    "must be a whole number (0 or more), not '1.5'");
	OK(parse(c, "2026-x.yaml", "title: t\nkind: farmers\nsubject: a\n"
	    "date: 2026-01-02\nrespondents: 2\nresults:\n  - [1, 1]\n"
	    "  - [1, 1, 1]\n", ar, &ev) == -1);
	ERR_HAS("2026-x.yaml:7:5: error: row 1 of 'results' must be a list "
	    "of 3 counts");
	ERR_HAS("2026-x.yaml:8:5: error: row 2 of 'results' counts 3 "
	    "answers but there were 2 respondents");
	OK(parse(c, "2026-x.yaml", "title: t\nkind: elders\nsubject: a\n"
	    "date: 2025-01-02\nmethods: [抽签]\nrespondents: 2\n"
	    "results: []\nfoo: 1\n", ar, &ev) == -1);
	ERR_HAS("2026-x.yaml:2:7: error: unknown kind 'elders'");
	ERR_HAS("2026-x.yaml:5:11: error: unknown method '抽签'");
	ERR_HAS("2026-x.yaml:4:7: error: 'date' is in 2025 but the file "
	    "name says 2026");
	ERR_HAS("2026-x.yaml:8:1: error: unknown field 'foo'");
	OK(parse(c, "farmers.yaml", "title: t\nkind: farmers\nsubject: a\n"
	    "date: 2026-13-02\nrespondents: 2\n", ar, &ev) == -1);
	ERR_HAS("farmers.yaml:1:1: error: an evaluation file is named "
	    "<year>-<slug>.yaml");
	ERR_HAS("farmers.yaml:4:7: error: malformed date in 'date'");
	ERR_HAS("error: missing required field 'results'");
	/* not after today (2026-11-20); today itself is fine */
	OK(parse(c, "2026-x.yaml", "title: t\nkind: upward\nsubject: a\n"
	    "date: 2026-11-21\nrespondents: 4\nresults: [[1, 1, 1, 1]]\n",
	    ar, &ev) == -1);
	ERR_HAS("2026-x.yaml:4:7: error: 'date' 2026-11-21 is in the future "
	    "(today is 2026-11-20)");
	OK(parse(c, "2026-x.yaml", "title: t\nkind: upward\nsubject: a\n"
	    "date: 2026-11-20\nrespondents: 4\nresults: [[1, 1, 1, 1]]\n",
	    ar, &ev) == 0);
	ERR_NONE();
	arena_free(ar);
}

static void
test_rates(void)
{
	char	b[16];

	OK(evaluation_tenths(2, 3) == 667);
	OK(evaluation_tenths(1, 3) == 333);
	OK(evaluation_tenths(1, 8) == 125);	/* 12.5 exactly */
	OK(evaluation_tenths(1, 16) == 63);	/* 6.25 -> 6.3, half up */
	OK(evaluation_tenths(1, 2000) == 1);	/* 0.05 -> 0.1 */
	OK(evaluation_tenths(1, 2001) == 0);	/* 0.0499.. -> 0.0 */
	OK(evaluation_tenths(7, 7) == 1000);
	OK(evaluation_tenths(0, 0) == -1);
	OK(evaluation_tenths(999999999, 999999999) == 1000);
	evaluation_rate_fmt(667, b);
	STR_EQ(b, "66.7%");
	evaluation_rate_fmt(1000, b);
	STR_EQ(b, "100.0%");
	evaluation_rate_fmt(-1, b);
	STR_EQ(b, "—");
}

int
main(void)
{
	struct config	*c = config();

	test_config(c);
	if (c != NULL)
		test_parse(c);
	test_rates();
	cfg_free(c);
	return T_DONE();
}
