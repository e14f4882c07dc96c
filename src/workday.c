/*
 * workday.c -- Gregorian dates <-> day numbers, and working-day counts.
 *
 * The conversions are the closed-form "days from civil" algorithms
 * (eras of 400 years starting on March 1st), so no table and no loop
 * over years is needed and every date in 1..9999 round-trips.
 */
#include <stdio.h>

#include "workday.h"

/* Floor division and modulo: C's / and % truncate towards zero. */
static long
floordiv(long a, long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static long
floormod(long a, long b)
{
	return a - floordiv(a, b) * b;
}

int
date_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
date_month_days(int year, int month)
{
	static const int	mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month < 1 || month > 12)
		return 0;
	return mdays[month - 1] + (month == 2 && date_leap(year));
}

/* Value of n ASCII digits at s, or -1 if any of them is not a digit. */
static int
digits(const char *s, int n)
{
	int	v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

int
date_parse(const char *s, struct date *d)
{
	int	y, m, dd;

	/*
	 * Fixed width on purpose: "2026-3-1" is a typo, not a date.  Each
	 * test stops at the first mismatch, so a short string is never
	 * read past its NUL.
	 */
	if (s == NULL || (y = digits(s, 4)) < 1 || s[4] != '-' ||
	    (m = digits(s + 5, 2)) < 1 || s[7] != '-' ||
	    (dd = digits(s + 8, 2)) < 1 || s[10] != '\0')
		return -1;
	if (m > 12 || dd > date_month_days(y, m))
		return -1;
	d->year = y;
	d->month = m;
	d->day = dd;
	return 0;
}

char *
date_why(const char *s, char *buf, size_t n)
{
	static const char *const months[12] = { "January", "February",
		"March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December" };
	int	y, m, d;

	if (s != NULL && (y = digits(s, 4)) >= 1 && s[4] == '-' &&
	    (m = digits(s + 5, 2)) >= 0 && s[7] == '-' &&
	    (d = digits(s + 8, 2)) >= 0 && s[10] == '\0') {
		if (m < 1 || m > 12)
			snprintf(buf, n, "does not exist (there is no month "
			    "%d)", m);
		else if (d < 1 || d > date_month_days(y, m))
			snprintf(buf, n, "does not exist (%s %d has %d "
			    "days)", months[m - 1], y,
			    date_month_days(y, m));
		else
			snprintf(buf, n, "is a date");
		return buf;
	}
	snprintf(buf, n, "is not a date (write YYYY-MM-DD with leading "
	    "zeros, e.g. 2026-03-01)");
	return buf;
}

long
date_days(const struct date *d)
{
	long	y = d->year - (d->month <= 2);
	long	era = floordiv(y, 400);
	long	yoe = y - era * 400;			/* [0, 399] */
	long	mp = (d->month + 9) % 12;		/* March = 0 */
	long	doy = (153 * mp + 2) / 5 + d->day - 1;	/* [0, 365] */
	long	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	/* 719468 days from 0000-03-01 to 1970-01-01. */
	return era * 146097 + doe - 719468;
}

void
date_from_days(long days, struct date *d)
{
	long	z = days + 719468;
	long	era = floordiv(z, 146097);
	long	doe = z - era * 146097;			/* [0, 146096] */
	long	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long	mp = (5 * doy + 2) / 153;
	long	m = mp < 10 ? mp + 3 : mp - 9;

	d->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d->month = (int)m;
	d->year = (int)(yoe + era * 400 + (m <= 2));
}

/* Writes the low n decimal digits of v (v >= 0) at s, zero-padded. */
static void
put_digits(char *s, int v, int n)
{
	while (n-- > 0) {
		s[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

char *
date_fmt(char *buf, const struct date *d)
{
	/* By hand: snprintf cannot prove to the compiler that it fits. */
	put_digits(buf, d->year, 4);
	buf[4] = '-';
	put_digits(buf + 5, d->month, 2);
	buf[7] = '-';
	put_digits(buf + 8, d->day, 2);
	buf[10] = '\0';
	return buf;
}

long
day_of_time(int64_t t)
{
	return (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

char *
time_fmt(char *buf, int64_t t)
{
	struct date	d;
	long		days = day_of_time(t);
	long		sec = (long)(t - (int64_t)days * 86400);

	date_from_days(days, &d);
	date_fmt(buf, &d);
	buf[10] = 'T';
	put_digits(buf + 11, (int)(sec / 3600), 2);
	buf[13] = ':';
	put_digits(buf + 14, (int)(sec / 60 % 60), 2);
	buf[16] = ':';
	put_digits(buf + 17, (int)(sec % 60), 2);
	buf[19] = 'Z';
	buf[20] = '\0';
	return buf;
}

int
day_weekday(long days)
{
	/* Day 0, 1970-01-01, was a Thursday. */
	return (int)floormod(days + 4, 7);
}

int
date_weekday(const struct date *d)
{
	return day_weekday(date_days(d));
}

/*
 * Monday-to-Friday days among the day numbers below x.  Counted from
 * day -3 (1969-12-29, a Monday) so that whole weeks are five days each
 * and only the last partial week needs a look; the constant offset
 * cancels in any difference.
 */
static long
weekdays_below(long x)
{
	long	t = x + 3;
	long	r = floormod(t, 7);

	return floordiv(t, 7) * 5 + (r < 5 ? r : 5);
}

/* Index of the first holiday >= day (binary search). */
static size_t
holiday_lower(const long *h, size_t n, long day)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (h[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
workdays_between_days(long from, long to, const long *holidays,
    size_t nholidays)
{
	long	n, prev;
	size_t	i;
	int	wd;

	if (to <= from)
		return 0;
	n = weekdays_below(to + 1) - weekdays_below(from + 1);
	if (holidays == NULL)
		return (int)n;
	/* Only holidays on a weekday in (from, to] take a day away. */
	prev = from;
	for (i = holiday_lower(holidays, nholidays, from + 1);
	    i < nholidays && holidays[i] <= to; i++) {
		if (holidays[i] == prev)
			continue;		/* listed twice */
		prev = holidays[i];
		wd = day_weekday(holidays[i]);
		if (wd != 0 && wd != 6)
			n--;
	}
	return (int)n;
}

int
workdays_between(const struct date *from, const struct date *to,
    const long *holidays, size_t nholidays)
{
	return workdays_between_days(date_days(from), date_days(to),
	    holidays, nholidays);
}
