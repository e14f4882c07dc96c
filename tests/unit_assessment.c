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
	if (a.nrows == 2) {
		STR_EQ(a.rows[0].score, "92.5");
		OK(a.rows[0].tenths == 925 && a.rows[1].tenths == 700);
	}

	t = "units:\n  - { unit: a/b, score: 92.55 }\n"
	    "  - { unit: a/c, disqualified: true }\n";
	T_CAPTURE(rc = assessment_parse("as/26.yaml", t, strlen(t), ar, &a));
	OK(rc == -1);
	ERR_HAS("as/26.yaml:1:1: error: an assessment file is named "
	    "<year>.yaml");
	ERR_HAS("as/26.yaml:2:25: error: 'score' must be a number");
	ERR_HAS("as/26.yaml:3:5: error: a disqualified unit needs a "
	    "'reason'");

	/* a score is a number of 0 or more, with no upper bound (bonus
	 * points); each bad one at its place */
	t = "units:\n  - { unit: a/b, score: -5 }\n"
	    "  - { unit: a/c, score: .nan }\n"
	    "  - { unit: a/d, score: 九十 }\n"
	    "  - { unit: a/e, score: [1] }\n"
	    "  - { unit: a/f, score: -0.5 }\n"
	    "  - { unit: a/g, score: 105.5 }\n";
	T_CAPTURE(rc = assessment_parse("as/2026.yaml", t, strlen(t), ar,
	    &a));
	OK(rc == -1);
	ERR_HAS("as/2026.yaml:2:25: error: 'score' must be 0 or more, not "
	    "'-5'");
	ERR_HAS("as/2026.yaml:3:25: error: 'score' must be a number such as "
	    "92 or 87.5, not '.nan'");
	ERR_HAS("as/2026.yaml:4:25: error: 'score' must be a number such as "
	    "92 or 87.5, not '九十'");
	ERR_HAS("as/2026.yaml:5:25: error: 'score' must be a number");
	ERR_HAS("as/2026.yaml:6:25: error: 'score' must be 0 or more, not "
	    "'-0.5'");
	OK(strstr(t_err, "as/2026.yaml:7:") == NULL);	/* 105.5: bonus */

	/* a rank is a whole number from 1 */
	t = "units:\n  - { unit: a/b, rank: 0 }\n"
	    "  - { unit: a/c, rank: -1 }\n"
	    "  - { unit: a/d, rank: 1.5 }\n"
	    "  - { unit: a/e, rank: 第一 }\n"
	    "  - { unit: a/f, rank: 3 }\n";
	T_CAPTURE(rc = assessment_parse("as/2026.yaml", t, strlen(t), ar,
	    &a));
	OK(rc == -1);
	ERR_HAS("as/2026.yaml:2:24: error: 'rank' must be a whole number "
	    "from 1 (the best), not '0'");
	ERR_HAS("as/2026.yaml:3:24: error: 'rank' must be a whole number "
	    "from 1 (the best), not '-1'");
	ERR_HAS("as/2026.yaml:4:24: error: 'rank' must be a whole number "
	    "from 1 (the best), not '1.5'");
	ERR_HAS("as/2026.yaml:5:24: error: 'rank' must be a whole number "
	    "from 1 (the best), not '第一'");
	OK(strstr(t_err, "as/2026.yaml:6:") == NULL);

	/* one rank, one score: a tie of 90 and 90.0 is a tie; 2 given to
	 * 88 and 87.5 names both; a unit without a score ties with any */
	t = "units:\n  - { unit: a/b, score: 90, rank: 1 }\n"
	    "  - { unit: a/c, score: 90.0, rank: 1 }\n"
	    "  - { unit: a/d, score: 88, rank: 2 }\n"
	    "  - { unit: a/e, score: 87.5, rank: 2 }\n"
	    "  - { unit: a/f, rank: 2 }\n";
	T_CAPTURE(rc = assessment_parse("as/2026.yaml", t, strlen(t), ar,
	    &a));
	OK(rc == -1);
	ERR_HAS("as/2026.yaml:5:37: error: rank 2 is given to 'a/d' (score "
	    "88) and to 'a/e' (score 87.5): units of one rank have the same "
	    "score");
	OK(strstr(t_err, "as/2026.yaml:3:") == NULL);
	OK(strstr(t_err, "as/2026.yaml:6:") == NULL);
	OK(a.nrows == 5 && a.rows[1].tenths == 900 &&
	    a.rows[3].tenths == 875 && a.rows[4].tenths == -1);
	arena_free(ar);
	return T_DONE();
}
