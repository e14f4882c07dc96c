/*
 * unit_assessment.c -- assessment/<year>.yaml: rows, scores, the
 * disqualification rule, and mistakes at their places.
 */
#include <string.h>

#include "arena.h"
#include "assessment.h"
#include "t.h"

int
main(void)
{
	struct arena		*ar = arena_new();
	struct assessment	 a;
	const char		*t;
	int			 rc;

	t = "units:\n  - { unit: a/b, score: 92.5, rank: 1 }\n"
	    "  - { unit: a/c, score: 70, rank: 2, disqualified: true, "
	    "reason: 发生严重损害群众利益问题 }\n";
	T_CAPTURE(rc = assessment_parse("as/2026.yaml", t, strlen(t), ar,
	    &a));
	OK(rc == 0);
	ERR_NONE();
	OK(a.year == 2026 && a.nrows == 2);
	OK(a.nrows == 2 && a.rows[1].disqualified && a.rows[0].rank == 1);
	if (a.nrows == 2)
		STR_EQ(a.rows[0].score, "92.5");

	t = "units:\n  - { unit: a/b, score: 92.55 }\n"
	    "  - { unit: a/c, disqualified: true }\n";
	T_CAPTURE(rc = assessment_parse("as/26.yaml", t, strlen(t), ar, &a));
	OK(rc == -1);
	ERR_HAS("as/26.yaml:1:1: error: an assessment file is named "
	    "<year>.yaml");
	ERR_HAS("as/26.yaml:2:25: error: 'score' must be a number");
	ERR_HAS("as/26.yaml:3:5: error: a disqualified unit needs a "
	    "'reason'");
	arena_free(ar);
	return T_DONE();
}
