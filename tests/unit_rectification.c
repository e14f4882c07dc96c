/*
 * unit_rectification.c -- rectification items: causes and refs,
 * status rules, overdue on a given day, and mistakes at their places.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "rectification.h"
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

static int
parse(struct arena *ar, const char *t, struct rectification *r)
{
	int	rc;

	T_CAPTURE(rc = rectification_parse("r/x.md", t, strlen(t),
	    day("2026-11-20"), ar, r));
	return rc;
}

int
main(void)
{
	struct arena		*ar = arena_new();
	struct rectification	 r;
	char			*u, *rec;

	OK(parse(ar, "---\ntitle: 改进奖励兑现\ncause: evaluation\n"
	    "ref: a/b/evaluation/2026-farmers\nfound: 2026-06-01\n"
	    "deadline: 2026-09-30\nstatus: 整改中\n---\n措施\n", &r) == 0);
	ERR_NONE();
	OK(r.cause == RC_EVALUATION && !r.done && r.ref_part == NULL);
	OK(rectification_overdue(&r, day("2026-11-20")));
	OK(!rectification_overdue(&r, day("2026-09-30")));
	rectification_ref_split(&r, &u, &rec);
	STR_EQ(u, "a/b");
	STR_EQ(rec, "2026-farmers");
	free(u);
	free(rec);

	OK(parse(ar, "---\ntitle: t\ncause: hotline\n"
	    "ref: a/hotline/2026-09#投诉\nfound: 2026-10-01\n"
	    "deadline: 2026-10-30\nstatus: 已完成\ncompleted: 2026-11-02\n"
	    "feedback: 公开栏公示\n---\n", &r) == 0);
	ERR_NONE();
	OK(r.done && !rectification_overdue(&r, day("2027-01-01")));
	STR_EQ(r.ref, "a/hotline/2026-09");
	STR_EQ(r.ref_part, "投诉");

	OK(parse(ar, "---\ntitle: t\ncause: hotline\n"
	    "ref: a/evaluation/2026-09\nfound: 2026-10-01\n"
	    "deadline: 2026-09-30\nstatus: 已完成\n---\n", &r) == -1);
	ERR_HAS("r/x.md:4:6: error: 'ref' must name a hotline record as "
	    "<unit>/hotline/<record>, not 'a/evaluation/2026-09'");
	ERR_HAS("r/x.md:6:11: error: 'deadline' is before 'found'");
	ERR_HAS("r/x.md:7:9: error: status 已完成 needs 'completed'");
	OK(parse(ar, "---\ntitle: t\ncause: rumour\nref: x\n"
	    "found: 2026-10-01\ndeadline: 2026-10-30\nstatus: 拖延\n"
	    "completed: 2026-10-02\n---\n", &r) == -1);
	ERR_HAS("r/x.md:3:8: error: unknown cause 'rumour'");
	ERR_HAS("r/x.md:7:9: error: unknown status '拖延'");
	OK(parse(ar, "---\ntitle: t\ncause: media\nref: a/media/x\n"
	    "found: 2026-10-01\ndeadline: 2026-10-30\nstatus: 整改中\n"
	    "completed: 2026-10-02\n---\n", &r) == -1);
	ERR_HAS("r/x.md:8:12: error: 'completed' is set but status is "
	    "整改中");

	/* found and completed not after today (2026-11-20); the deadline
	 * may be, it lies ahead */
	OK(parse(ar, "---\ntitle: t\ncause: media\nref: a/media/x\n"
	    "found: 2026-11-20\ndeadline: 2027-03-31\nstatus: 整改中\n"
	    "---\n", &r) == 0);
	ERR_NONE();
	OK(parse(ar, "---\ntitle: t\ncause: media\nref: a/media/x\n"
	    "found: 2026-11-21\ndeadline: 2027-03-31\nstatus: 已完成\n"
	    "completed: 2026-12-01\nfeedback: 公示\n---\n", &r) == -1);
	ERR_HAS("r/x.md:5:8: error: 'found' 2026-11-21 is in the future "
	    "(today is 2026-11-20)");
	ERR_HAS("r/x.md:8:12: error: 'completed' 2026-12-01 is in the "
	    "future (today is 2026-11-20)");
	OK(strstr(t_err, "'deadline'") == NULL);
	arena_free(ar);
	return T_DONE();
}
