/*
 * unit_workday.c -- dates, day numbers, weekdays and working-day counts.
 */
#include "t.h"
#include "workday.h"

static long
days_of(const char *s)
{
	struct date	d;

	if (date_parse(s, &d) != 0)
		return -999999;
	return date_days(&d);
}

/* Working days in (a, b] by walking every day: the reference. */
static int
slow_workdays(long a, long b, const long *h, size_t nh)
{
	int	n = 0, wd, hol;
	size_t	i;

	for (a++; a <= b; a++) {
		wd = day_weekday(a);
		hol = 0;
		for (i = 0; i < nh; i++)
			if (h[i] == a)
				hol = 1;
		if (wd != 0 && wd != 6 && !hol)
			n++;
	}
	return n;
}

int
main(void)
{
	struct date	d, e;
	char		buf[DATE_BUFSZ];
	long		x, h[4];
	int		ok;

	/* Strict parsing. */
	OK(date_parse("2026-03-01", &d) == 0);
	OK(d.year == 2026 && d.month == 3 && d.day == 1);
	OK(date_parse("2024-02-29", &d) == 0);
	OK(date_parse("2000-02-29", &d) == 0);
	OK(date_parse("2026-02-29", &d) == -1);
	{
		char	why[96];

		STR_EQ(date_why("2026-11-31", why, sizeof(why)),
		    "does not exist (November 2026 has 30 days)");
		STR_EQ(date_why("2024-02-30", why, sizeof(why)),
		    "does not exist (February 2024 has 29 days)");
		STR_EQ(date_why("2026-13-01", why, sizeof(why)),
		    "does not exist (there is no month 13)");
		STR_EQ(date_why("2026-00-10", why, sizeof(why)),
		    "does not exist (there is no month 0)");
		STR_EQ(date_why("2026-3-1", why, sizeof(why)),
		    "is not a date (write YYYY-MM-DD with leading zeros, "
		    "e.g. 2026-03-01)");
		STR_EQ(date_why("", why, sizeof(why)), "is not a date (write "
		    "YYYY-MM-DD with leading zeros, e.g. 2026-03-01)");
	}
	OK(date_parse("1900-02-29", &d) == -1);
	OK(date_parse("2026-04-31", &d) == -1);
	OK(date_parse("2026-12-31", &d) == 0);
	OK(date_parse("2026-13-01", &d) == -1);
	OK(date_parse("2026-00-10", &d) == -1);
	OK(date_parse("2026-01-00", &d) == -1);
	OK(date_parse("0000-01-01", &d) == -1);
	OK(date_parse("2026-3-1", &d) == -1);
	OK(date_parse("2026-03-01 ", &d) == -1);
	OK(date_parse("2026/03/01", &d) == -1);
	OK(date_parse("2026-03-0a", &d) == -1);
	OK(date_parse("", &d) == -1);
	OK(date_parse("2026", &d) == -1);
	OK(date_parse("+026-03-01", &d) == -1);
	OK(date_parse(NULL, &d) == -1);

	/* Day numbers. */
	OK(days_of("1970-01-01") == 0);
	OK(days_of("1970-01-02") == 1);
	OK(days_of("1969-12-31") == -1);
	OK(days_of("2000-03-01") == 11017);
	OK(days_of("2026-03-01") == 20513);
	OK(days_of("2026-03-01") - days_of("2025-03-01") == 365);
	OK(days_of("2024-03-01") - days_of("2023-03-01") == 366);

	/* Every day from 1600 to 2400 round-trips and steps by one. */
	ok = 1;
	for (x = days_of("1600-01-01"); x <= days_of("2400-12-31"); x++) {
		date_from_days(x, &d);
		if (date_days(&d) != x ||
		    d.day < 1 || d.day > date_month_days(d.year, d.month))
			ok = 0;
		date_from_days(x + 1, &e);
		if (!(e.day == d.day + 1 || (e.day == 1 &&
		    (e.month == d.month + 1 || (e.month == 1 &&
		    e.year == d.year + 1)))))
			ok = 0;
	}
	OK(ok);
	date_from_days(0, &d);
	STR_EQ(date_fmt(buf, &d), "1970-01-01");
	date_from_days(days_of("9999-12-31"), &d);
	STR_EQ(date_fmt(buf, &d), "9999-12-31");
	date_from_days(days_of("0001-01-01"), &d);
	STR_EQ(date_fmt(buf, &d), "0001-01-01");

	/* Weekdays: 0 Sunday .. 6 Saturday. */
	OK(day_weekday(0) == 4);			/* Thursday */
	OK(day_weekday(-1) == 3);
	OK(day_weekday(-4) == 0);
	OK(date_parse("2026-03-01", &d) == 0 && date_weekday(&d) == 0);
	OK(date_parse("2026-10-01", &d) == 0 && date_weekday(&d) == 4);
	OK(date_parse("2000-01-01", &d) == 0 && date_weekday(&d) == 6);

	/* Friday to Monday across a weekend: one working day. */
	OK(date_parse("2026-03-06", &d) == 0 && date_weekday(&d) == 5);
	OK(date_parse("2026-03-09", &e) == 0);
	OK(workdays_between(&d, &e, NULL, 0) == 1);
	/* Friday to Saturday, Sunday: none yet. */
	OK(date_parse("2026-03-08", &e) == 0);
	OK(workdays_between(&d, &e, NULL, 0) == 0);
	/* Same day, or backwards: zero. */
	OK(workdays_between(&d, &d, NULL, 0) == 0);
	OK(workdays_between(&e, &d, NULL, 0) == 0);
	/* A whole week from a Wednesday: five. */
	OK(workdays_between_days(days_of("2026-03-04"),
	    days_of("2026-03-11"), NULL, 0) == 5);

	/*
	 * National Day week 2026: Thursday 10-01 to Wednesday 10-07 are
	 * holidays.  From Tuesday 09-29 to Friday 10-09: 09-30, 10-08,
	 * 10-09 work (10-03/04 weekend, the rest holidays).  A holiday
	 * on a weekend (10-03) and a duplicate must not count twice.
	 */
	h[0] = days_of("2026-10-01");
	h[1] = days_of("2026-10-02");
	h[2] = days_of("2026-10-02");
	h[3] = days_of("2026-10-03");
	{
		long	nat[9];
		int	i;

		for (i = 0; i < 7; i++)
			nat[i] = days_of("2026-10-01") + i;
		OK(workdays_between_days(days_of("2026-09-29"),
		    days_of("2026-10-09"), nat, 7) == 3);
		/* The range starts on a holiday: it is not counted. */
		OK(workdays_between_days(days_of("2026-10-01"),
		    days_of("2026-10-08"), nat, 7) == 1);
	}
	OK(workdays_between_days(days_of("2026-09-30"),
	    days_of("2026-10-05"), h, 4) == 1);
	OK(workdays_between_days(days_of("2026-09-30"),
	    days_of("2026-10-05"), NULL, 0) == 3);
	/* Holidays outside the range are ignored. */
	OK(workdays_between_days(days_of("2026-10-03"),
	    days_of("2026-10-06"), h, 4) == 2);

	/* Against the day-by-day count, every start weekday and length. */
	ok = 1;
	for (x = days_of("1969-12-20"); x < days_of("1970-01-20"); x++) {
		long	y;

		for (y = x - 3; y < x + 40; y++)
			if (workdays_between_days(x, y, h, 4) !=
			    (y <= x ? 0 : slow_workdays(x, y, h, 4)))
				ok = 0;
	}
	for (x = days_of("2026-09-20"); x < days_of("2026-10-10"); x++) {
		long	y;

		for (y = x; y < x + 30; y++)
			if (workdays_between_days(x, y, h, 4) !=
			    slow_workdays(x, y, h, 4))
				ok = 0;
	}
	OK(ok);
	/* A long range: 2026 has 261 weekdays. */
	OK(workdays_between_days(days_of("2025-12-31"),
	    days_of("2026-12-31"), NULL, 0) == 261);

	/* Seconds since the epoch: UTC days, floor before 1970. */
	OK(day_of_time(0) == 0);
	OK(day_of_time(86399) == 0);
	OK(day_of_time(86400) == 1);
	OK(day_of_time(-1) == -1);
	OK(day_of_time(-86400) == -1);
	OK(day_of_time(-86401) == -2);
	OK(day_of_time(1767225600) == days_of("2026-01-01"));
	{
		char	t[TIME_BUFSZ];

		STR_EQ(time_fmt(t, 1767225600 + 3723), "2026-01-01T01:02:03Z");
		STR_EQ(time_fmt(t, -1), "1969-12-31T23:59:59Z");
	}
	return T_DONE();
}
