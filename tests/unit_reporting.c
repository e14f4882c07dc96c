/*
 * unit_reporting.c -- the reporting procedure and case rows: fields,
 * amounts in fen, lateness, and mistakes at their places.
 */
#include <string.h>

#include "arena.h"
#include "reporting.h"
#include "site.h"
#include "t.h"
#include "workday.h"

static long
day(const char *s)
{
	struct date	d;

	date_parse(s, &d);
	return date_days(&d);
}

int
main(void)
{
	struct arena		*ar = arena_new();
	struct rep_procedure	 p;
	struct rep_case		 c;
	const char		*t;
	const char		*row1[] = { "2026-001", "2026-03-02", "违规收费",
	    "属实", "2026-03-20", "500" };
	const char		*row2[] = { "2026-002", "2026-10-02", "x",
	    "查处中", "", "" };
	const char		*bad[] = { "", "2025-13-01", "", "假",
	    "2025-01-01", "12.345" };
	const int		 cols[] = { 1, 10, 21, 30, 33, 44 };
	int			 rc;

	t = "---\naccepting_unit: 县卫健局\nchannels: [电话 12356, 信箱]\n"
	    "reward_standard: 500—2000元\nfeedback_days: 30\n---\n程序\n";
	T_CAPTURE(rc = reporting_procedure_parse("p.md", t, strlen(t), ar,
	    &p));
	OK(rc == 0);
	ERR_NONE();
	OK(p.nchannels == 2 && p.feedback_days == 30);
	t = "---\naccepting_unit: x\nfeedback_days: -3\n---\n";
	T_CAPTURE(rc = reporting_procedure_parse("p.md", t, strlen(t), ar,
	    &p));
	OK(rc == -1);
	ERR_HAS("p.md:3:16: error: 'feedback_days' must be a whole number");
	ERR_HAS("p.md:2:1: error: missing required field 'reward_standard'");
	ERR_HAS("error: missing 'channels'");

	T_CAPTURE(rc = reporting_case_parse("r.csv", 2, row1, NULL, 6, 2026,
	    NO_DATE, ar, &c));
	OK(rc == 0);
	ERR_NONE();
	OK(c.reward_fen == 50000 && c.verified == 0);
	OK(!reporting_case_late(&c, 30, day("2026-11-20")));
	T_CAPTURE(rc = reporting_case_parse("r.csv", 3, row2, NULL, 6, 2026,
	    NO_DATE, ar, &c));
	OK(rc == 0 && c.feedback == NO_DATE && c.reward_fen == -1);
	OK(reporting_case_late(&c, 30, day("2026-11-20")));
	OK(!reporting_case_late(&c, 60, day("2026-11-20")));
	T_CAPTURE(rc = reporting_case_parse("r.csv", 4, bad, cols, 6, 2026,
	    NO_DATE, ar, &c));
	OK(rc == -1);
	ERR_HAS("r.csv:4:1: error: 'case' must be a case number");
	ERR_HAS("r.csv:4:10: error: malformed date '2025-13-01' in "
	    "'received'");
	ERR_HAS("r.csv:4:21: error: missing 'kind'");
	ERR_HAS("r.csv:4:30: error: unknown verified '假'");
	ERR_HAS("r.csv:4:44: error: an amount must be yuan");
	T_CAPTURE(rc = reporting_case_parse("r.csv", 5, row1, NULL, 5, 2026,
	    NO_DATE, ar, &c));
	OK(rc == -1);
	ERR_HAS("r.csv:5:1: error: a case has 6 fields");
	/* as of 2026-03-10: received 2026-03-02 is fine, the feedback of
	 * 2026-03-20 has not happened yet; as of the feedback's day, it
	 * has */
	T_CAPTURE(rc = reporting_case_parse("r.csv", 6, row1, cols, 6, 2026,
	    day("2026-03-10"), ar, &c));
	OK(rc == -1);
	ERR_HAS("r.csv:6:33: error: 'feedback' 2026-03-20 is in the future "
	    "(today is 2026-03-10)");
	OK(strstr(t_err, "received") == NULL);
	T_CAPTURE(rc = reporting_case_parse("r.csv", 6, row1, cols, 6, 2026,
	    day("2026-03-20"), ar, &c));
	OK(rc == 0);
	ERR_NONE();
	T_CAPTURE(rc = reporting_case_parse("r.csv", 7, row2, cols, 6, 2026,
	    day("2026-10-01"), ar, &c));
	OK(rc == -1);
	ERR_HAS("r.csv:7:10: error: 'received' 2026-10-02 is in the future");
	arena_free(ar);
	return T_DONE();
}
