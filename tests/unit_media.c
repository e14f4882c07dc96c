/*
 * unit_media.c -- media response items: dates, days to respond,
 * lateness, the privacy scan, and the mistakes at their places.
 */
#include <string.h>

#include "arena.h"
#include "media.h"
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
	struct arena	*ar = arena_new();
	struct media	 m;
	const char	*t;
	long		 today = day("2026-11-20");
	int		 rc;

	t = "---\ntitle: 关于某报道的回应\nsource: 示范日报\n"
	    "reported: 2026-06-01\nresponded: 2026-06-04\n---\n\n正文\n";
	T_CAPTURE(rc = media_parse("m/x.md", t, strlen(t), today, ar, &m));
	OK(rc == 0);
	ERR_NONE();
	STR_EQ(m.slug, "x");
	OK(media_days(&m, day("2026-11-20")) == 3);
	OK(!media_late(&m, day("2026-11-20"), 7));
	OK(media_late(&m, day("2026-11-20"), 2));

	t = "---\ntitle: t\nsource: s\nreported: 2026-11-01\n---\n";
	T_CAPTURE(rc = media_parse("m/y.md", t, strlen(t), today, ar, &m));
	OK(rc == 0 && m.responded == NO_DATE);
	OK(media_days(&m, day("2026-11-20")) == 19);
	OK(media_late(&m, day("2026-11-20"), 7));
	OK(!media_late(&m, day("2026-11-05"), 7));

	t = "---\ntitle: t\nreported: 2026-11-01\nresponded: 2026-10-01\n"
	    "---\n电话 13812345678\n";
	T_CAPTURE(rc = media_parse("m/z.md", t, strlen(t), today, ar, &m));
	OK(rc == -1);
	ERR_HAS("m/z.md:2:1: error: missing required field 'source'");
	ERR_HAS("m/z.md:4:12: error: 'responded' is before 'reported'");
	ERR_HAS("m/z.md:6:");	/* the phone number */

	/* nothing after today: neither the report nor the response; as
	 * of a later day (or with no limit) the same item is fine */
	t = "---\ntitle: t\nsource: s\nreported: 2026-11-21\n"
	    "responded: 2026-11-22\n---\n";
	T_CAPTURE(rc = media_parse("m/f.md", t, strlen(t), today, ar, &m));
	OK(rc == -1);
	ERR_HAS("m/f.md:4:11: error: 'reported' 2026-11-21 is in the future "
	    "(today is 2026-11-20)");
	ERR_HAS("m/f.md:5:12: error: 'responded' 2026-11-22 is in the "
	    "future (today is 2026-11-20)");
	t = "---\ntitle: t\nsource: s\nreported: 2026-11-20\n"
	    "responded: 2026-11-21\n---\n";
	T_CAPTURE(rc = media_parse("m/f.md", t, strlen(t), today, ar, &m));
	OK(rc == -1);
	ERR_HAS("m/f.md:5:12: error: 'responded' 2026-11-21 is in the "
	    "future");
	OK(strstr(t_err, "'reported'") == NULL);
	T_CAPTURE(rc = media_parse("m/f.md", t, strlen(t), today + 1, ar,
	    &m));
	OK(rc == 0 && m.responded == today + 1);
	ERR_NONE();
	T_CAPTURE(rc = media_parse("m/f.md", t, strlen(t), NO_DATE, ar, &m));
	OK(rc == 0);
	arena_free(ar);
	return T_DONE();
}
