/*
 * unit_cfg.c -- config.yaml: the defaults a minimal file gets, lookups,
 * and every kind of mistake reported where it is, all of them in one
 * run, never a config half-made.
 */
#include <stdlib.h>

#include "cfg.h"
#include "t.h"
#include "workday.h"

#define SITE	"site: { title: T, base_url: \"https://x.example\" }\n"
#define CATS	"catalogues:\n  dept:\n    - { id: laws, title: 法规 }\n" \
		"    - { id: fees, title: 收费, max_age_days: 400, " \
		"required: false }\n"
#define LEVELS	"levels:\n  county: { catalogue: dept }\n"

/* Parses text; on success frees the config and returns 0. */
static int
parse(const char *text)
{
	struct config	*c = NULL;
	int		 rc;

	T_CAPTURE(rc = cfg_parse("config.yaml", text, strlen(text), &c));
	if (rc == 0 && c == NULL)
		return -2;
	if (rc == -1 && c != NULL)
		return -3;
	cfg_free(c);
	return rc;
}

static void
test_defaults(void)
{
	const char	*t = SITE CATS LEVELS
	    "  village: { catalogue: dept, outputs: [web, board], "
	    "paper: A2, orientation: portrait, approvals: 2 }\n"
	    "holidays: [2026-10-02, 2026-10-01]\n"
	    "reviewers:\n  - { id: wang-li, name: 王丽, email: w@x, "
	    "key: keys/w.asc, scope: [\"content/**\"] }\n"
	    "retired: [wang-li]\nrevoked: [\"3378 99dc 0a33 1234 5678  "
	    "9abc def0 1122 3344 5566\", 0x00112233445566778899aabbccddeeff00112233]\n";
	const struct level	*l;
	const struct catalogue	*cat;
	struct config		*c;
	struct date		 d;

	T_CAPTURE(OK(cfg_parse("config.yaml", t, strlen(t), &c) == 0));
	ERR_NONE();
	if (c == NULL)
		return;
	STR_EQ(c->title, "T");
	STR_EQ(c->base_url, "https://x.example/");	/* ends with '/' */
	STR_EQ(c->theme, "default");
	OK(c->attachment_max == 50L * 1024 * 1024);
	OK(c->governance_approvals == 1);
	OK(c->footer_org == NULL && c->footer_icp == NULL);

	OK((l = cfg_level(c, "county")) != NULL);
	OK(cfg_level(c, "County") == NULL && cfg_level(c, "") == NULL);
	OK(l->outputs == OUT_WEB && l->approvals == 1);
	STR_EQ(l->paper, "A3");
	OK(l->landscape == 1 && l->display_interval == 10);
	OK(l->annual == 1);	/* web only: an annual report */
	l = cfg_level(c, "village");
	OK(l->outputs == (OUT_WEB | OUT_BOARD) && l->approvals == 2);
	STR_EQ(l->paper, "A2");
	OK(l->landscape == 0);
	OK(l->annual == 0);	/* on paper: no annual report */

	cat = cfg_catalogue(c, l);
	STR_EQ(cat->id, "dept");
	OK(cat->ncats == 2);
	OK(cfg_category(cat, "laws") == 0 && cfg_category(cat, "fees") == 1);
	OK(cfg_category(cat, "fee") == -1 && cfg_category(cat, "") == -1);
	OK(cat->cats[0].required == 1 && cat->cats[0].max_age_days == 0);
	OK(cat->cats[1].required == 0 && cat->cats[1].max_age_days == 400);

	OK(cfg_reviewer(c, "wang-li") != NULL);
	OK(cfg_reviewer(c, "li") == NULL);
	OK(cfg_reviewer(c, "wang-li")->line == 11);
	OK(cfg_is_retired(c, "wang-li") && !cfg_is_retired(c, "li"));
	/* stored as 40 hex digits, upper case, without gpg's spaces or 0x */
	OK(cfg_is_revoked(c, "337899DC0A33123456789ABCDEF0112233445566"));
	OK(cfg_is_revoked(c, "00112233445566778899AABBCCDDEEFF00112233"));

	OK(c->nholidays == 2);	/* sorted */
	date_parse("2026-10-01", &d);
	OK(c->holidays[0] == date_days(&d));
	OK(c->holidays[1] == c->holidays[0] + 1);

	OK(cfg_output_bit("web") == OUT_WEB);
	OK(cfg_output_bit("handout") == OUT_HANDOUT);
	OK(cfg_output_bit("Web") == 0 && cfg_output_bit("radio") == 0);
	OK(cfg_output_bit("kiosk") == OUT_KIOSK);
	OK(cfg_output_bit("embed") == OUT_EMBED);
	cfg_free(c);
	cfg_free(NULL);
}

/* One mistake per text: rejected, reported at path:line:col. */
static void
test_errors(void)
{
	static const struct {
		const char	*text;
		const char	*diag;
	} bad[] = {
		{ "", "config.yaml:1:1: error: missing required field 'site'" },
		{ "- a\n", "config.yaml:1:1: error: " },
		{ SITE CATS LEVELS "sitee: 1\n",
		    "config.yaml:8:1: error: unknown field 'sitee'" },
		{ "site: { title: T, base_url: ftp://x }\n" CATS LEVELS,
		    "config.yaml:1:29: error: 'base_url' must start with "
		    "https:// or http://" },
		{ "site: { title: T, base_url: \"https://计生.cn/\" }\n"
		    CATS LEVELS, "config.yaml:1:29: error: 'base_url': the "
		    "host '计生.cn' is not ASCII: write its xn-- form" },
		{ "site: { title: T, base_url: \"https://x/a b/\" }\n"
		    CATS LEVELS, "config.yaml:1:29: error: 'base_url' holds a "
		    "space or control character at byte 12" },
		{ "site: { title: T, base_url: \"https://x/<a>/\" }\n"
		    CATS LEVELS, "config.yaml:1:29: error: 'base_url' holds a "
		    "character URLs do not take at byte 11" },
		{ "site: { title: T, base_url: \"https://x/\", "
		    "theme: ../t }\n" CATS LEVELS,
		    "config.yaml:1:50: error: theme must be a plain name" },
		{ "site: { title: T, base_url: \"https://x/\", "
		    "attachment_max_mb: 0 }\n" CATS LEVELS,
		    "config.yaml:1:62: error: 'attachment_max_mb' must be a "
		    "whole number from 1 to 4096" },
		{ SITE CATS "levels:\n  county: { catalogue: dpt }\n",
		    "config.yaml:7:24: error: unknown catalogue 'dpt'" },
		{ SITE CATS "levels:\n  County: { catalogue: dept }\n",
		    "config.yaml:7:3: error: level id 'County' must use only "
		    "a-z, 0-9, '-' and '_'" },
		{ SITE CATS "levels:\n  county: { catalogue: dept, "
		    "outputs: [web, radio] }\n",
		    "config.yaml:7:45: error: unknown output 'radio' "
		    "(expected web, board, display, handout, kiosk or "
		    "embed)" },
		{ SITE CATS "levels:\n  county: { catalogue: dept, "
		    "paper: B5 }\n",
		    "config.yaml:7:37: error: unknown paper 'B5'" },
		{ SITE CATS "levels:\n  county: { catalogue: dept, "
		    "approvals: 0 }\n",
		    "config.yaml:7:41: error: 'approvals' must be a whole "
		    "number from 1 to 16" },
		{ SITE CATS "levels:\n  county: { catalogue: dept, "
		    "annual: maybe }\n",
		    "config.yaml:7:38: error: 'annual' must be true or false" },
		{ SITE "catalogues:\n  dept:\n    - { id: laws, title: a }\n"
		    "    - { id: laws, title: b }\n" LEVELS,
		    "config.yaml:5:7: error: duplicate category 'laws'" },
		{ SITE "catalogues:\n  dept:\n    - { id: print, title: a }\n"
		    LEVELS,
		    "config.yaml:4:7: error: category id 'print' is reserved" },
		{ SITE "catalogues:\n  dept:\n    - { id: kiosk, title: a }\n"
		    LEVELS,
		    "config.yaml:4:7: error: category id 'kiosk' is reserved" },
		{ SITE "catalogues:\n  dept:\n    - { id: 收费, title: a }\n"
		    LEVELS,
		    "config.yaml:4:13: error: category id '收费' must use only" },
		{ SITE "catalogues:\n  dept:\n    - { id: laws }\n" LEVELS,
		    "config.yaml:4:7: error: missing required field 'title'" },
		{ SITE CATS LEVELS "reviewers:\n  - { id: a, name: A, "
		    "email: a@x, key: /etc/a.asc }\n",
		    "config.yaml:9:40: error: reviewer key '/etc/a.asc' must "
		    "be under keys/" },
		{ SITE CATS LEVELS "reviewers:\n  - { id: a, name: A, "
		    "email: a@x, key: keys/a }\n  - { id: a, name: B, "
		    "email: b@x, key: keys/b }\n",
		    "config.yaml:10:5: error: duplicate reviewer 'a'" },
		{ SITE CATS LEVELS "retired: [nobody]\n",
		    "config.yaml:8:10: error: retired reviewer 'nobody' is "
		    "not in 'reviewers'" },
		{ SITE CATS LEVELS "holidays: [2026-02-30]\n",
		    "config.yaml:8:12: error: holiday must be a date "
		    "YYYY-MM-DD: '2026-02-30' does not exist (February 2026 "
		    "has 28 days)" },
		{ SITE CATS LEVELS "revoked: [D4043CB3CF539119]\n",
		    "config.yaml:8:11: error: revoked key 'D4043CB3CF539119' is "
		    "a key ID, which many keys can share" },
		{ SITE CATS LEVELS "revoked: [alice]\n",
		    "config.yaml:8:11: error: revoked key 'alice' is not a "
		    "fingerprint" },
		{ SITE CATS LEVELS "governance_approvals: two\n",
		    "config.yaml:8:23: error: 'governance_approvals' must be "
		    "a whole number" },
	};
	size_t	i;
	int	rc;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rc = parse(bad[i].text);
		if (rc != -1)
			printf("  case %zu: rc %d\n", i, rc);
		OK(rc == -1);
		ERR_HAS(bad[i].diag);
	}

	/* every mistake of a file, not only the first */
	rc = parse("site: { title: T, base_url: ftp://x, color: red }\n"
	    CATS "levels:\n  county: { catalogue: dpt, paper: B5 }\n");
	OK(rc == -1);
	ERR_HAS("config.yaml:1:29: error: 'base_url' must start");
	ERR_HAS("config.yaml:1:38: error: unknown field 'color'");
	ERR_HAS("unknown catalogue 'dpt'");
	ERR_HAS("unknown paper 'B5'");
}

/* A path beyond ASCII is percent-encoded once, for every absolute
 * link; what is already encoded stays as written. */
static void
test_base_url(void)
{
	const char	*t = "site: { title: T, base_url: "
	    "\"https://x.example/计生/%20a\" }\n" CATS LEVELS;
	struct config	*c;

	T_CAPTURE(OK(cfg_parse("config.yaml", t, strlen(t), &c) == 0));
	ERR_NONE();
	if (c == NULL)
		return;
	STR_EQ(c->base_url,
	    "https://x.example/%E8%AE%A1%E7%94%9F/%20a/");
	cfg_free(c);
}

int
main(void)
{
	test_defaults();
	test_base_url();
	test_errors();
	return T_DONE();
}
