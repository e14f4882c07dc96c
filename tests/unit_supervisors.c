/*
 * unit_supervisors.c -- roster.yaml: members, meetings newest first,
 * totals of opinions, and the mistakes at their places.
 */
#include <string.h>

#include "arena.h"
#include "cfg.h"
#include "supervisors.h"
#include "t.h"

#define TODAY	20777L	/* 2026-11-20 */

#define CFG	"site: { title: T, base_url: \"https://x.example\" }\n" \
		"catalogues:\n  d:\n    - { id: laws, title: 法规 }\n" \
		"levels:\n  county: { catalogue: d }\n" \
		"programmes:\n  supervisors:\n    rights: 有权查阅\n" \
		"    categories: [人大代表, 新闻工作者]\n"

int
main(void)
{
	struct config	*c = NULL;
	struct arena	*ar = arena_new();
	struct roster	 r;
	const char	*t;
	int		 rc;

	T_CAPTURE(cfg_parse("config.yaml", CFG, strlen(CFG), &c));
	ERR_NONE();
	if (c == NULL)
		return T_DONE();
	STR_EQ(c->sup_rights, "有权查阅");
	t = "term: 2025—2027年\nmembers:\n"
	    "  - { name: 王五, category: 人大代表, affiliation: 县人大 }\n"
	    "  - { name: 赵六, category: 新闻工作者 }\n"
	    "meetings:\n"
	    "  - { date: 2026-03-01, kind: 座谈会, topic: a, opinions: 5, "
	    "adopted: 3 }\n"
	    "  - { date: 2026-09-01, kind: 调研, topic: b, opinions: 2, "
	    "adopted: 2 }\n";
	T_CAPTURE(rc = supervisors_parse("roster.yaml", t, strlen(t), c,
	    TODAY, ar, &r));
	OK(rc == 0);
	ERR_NONE();
	OK(r.nmembers == 2 && r.nmeetings == 2);
	OK(r.opinions == 7 && r.adopted == 5);
	if (r.nmeetings == 2)
		STR_EQ(r.meetings[0].topic, "b");	/* newest first */

	t = "term: x\nmembers:\n  - { name: 王五, category: 医生 }\n"
	    "meetings:\n  - { date: 2026-3-01, kind: 宴会, topic: a, "
	    "opinions: 1, adopted: 3 }\n"
	    "  - { date: 2026-03-01, kind: 调研, topic: a, opinions: 1, "
	    "adopted: 3 }\n";
	T_CAPTURE(rc = supervisors_parse("roster.yaml", t, strlen(t), c,
	    TODAY, ar, &r));
	OK(rc == -1);
	ERR_HAS("roster.yaml:3:27: error: unknown category '医生'");
	ERR_HAS("roster.yaml:5:13: error: malformed date in 'date'");
	ERR_HAS("roster.yaml:5:30: error: unknown kind '宴会'");
	ERR_HAS("roster.yaml:6:67: error: 'adopted' (3) is more than "
	    "'opinions' (1)");
	t = "term: x\n";
	T_CAPTURE(rc = supervisors_parse("roster.yaml", t, strlen(t), c,
	    TODAY, ar, &r));
	OK(rc == -1);
	ERR_HAS("roster.yaml:1:1: error: a roster needs 'members'");
	/* no meeting after today (2026-11-20) */
	t = "term: x\nmembers:\n  - { name: 王五, category: 人大代表 }\n"
	    "meetings:\n  - { date: 2026-11-20, kind: 调研, topic: a }\n"
	    "  - { date: 2026-11-21, kind: 调研, topic: b }\n";
	T_CAPTURE(rc = supervisors_parse("roster.yaml", t, strlen(t), c,
	    TODAY, ar, &r));
	OK(rc == -1);
	ERR_HAS("roster.yaml:6:13: error: 'date' 2026-11-21 is in the future "
	    "(today is 2026-11-20)");
	OK(strstr(t_err, "roster.yaml:5:") == NULL);
	T_CAPTURE(rc = supervisors_parse("roster.yaml", t, strlen(t), c,
	    TODAY + 1, ar, &r));
	OK(rc == 0);
	ERR_NONE();
	arena_free(ar);
	cfg_free(c);
	return T_DONE();
}
