/*
 * workday.h -- calendar dates as day numbers, and working-day counts.
 *
 * A day number is the count of days since 1970-01-01 (day 0), negative
 * before it, in the proleptic Gregorian calendar.  Day numbers compare
 * and subtract like integers, so the content model stores dates that way
 * and only this module knows about months and leap years.  Pure: no I/O,
 * no clock, no time zone.
 */
#ifndef GONGKAI_WORKDAY_H
#define GONGKAI_WORKDAY_H

#include <stddef.h>
#include <stdint.h>

/* A calendar date; valid only as produced by date_parse or date_from_days. */
struct date {
	int	year;	/* 1..9999 */
	int	month;	/* 1..12 */
	int	day;	/* 1..days in that month */
};

/* Bytes date_fmt() needs: "YYYY-MM-DD" and the NUL. */
#define DATE_BUFSZ 11

/*
 * Parses exactly "YYYY-MM-DD" (ten characters, nothing before or after)
 * into *d, checking the month's real length and leap years.  Returns 0,
 * or -1 with *d untouched; reports nothing (the caller knows the path).
 */
int	 date_parse(const char *s, struct date *d);

/*
 * Why s is not a date date_parse() takes, as the end of a message that
 * starts with the quoted string, into buf (n bytes): "does not exist
 * (November 2026 has 30 days)", "does not exist (there is no month
 * 13)", "is not a date (write YYYY-MM-DD, e.g. 2026-03-01)".  Returns
 * buf.
 */
char	*date_why(const char *s, char *buf, size_t n);

/* 1 if year is a Gregorian leap year. */
int	 date_leap(int year);

/* Days in the given month of the given year (28..31). */
int	 date_month_days(int year, int month);

/* Day number of *d (days since 1970-01-01). */
long	 date_days(const struct date *d);

/* The date of day number days. */
void	 date_from_days(long days, struct date *d);

/*
 * Writes "YYYY-MM-DD" and a NUL into buf, which holds at least
 * DATE_BUFSZ bytes.  Returns buf.
 */
char	*date_fmt(char *buf, const struct date *d);

/*
 * The day number of t seconds since the epoch, in UTC (floor division:
 * a second before 1970 is day -1).  Commit times and SOURCE_DATE_EPOCH
 * become days through this one rule.
 */
long	 day_of_time(int64_t t);

/* Bytes time_fmt() needs: "YYYY-MM-DDTHH:MM:SSZ" and the NUL. */
#define TIME_BUFSZ 21

/*
 * Writes t seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ" (UTC)
 * into buf, which holds at least TIME_BUFSZ bytes.  Returns buf.
 */
char	*time_fmt(char *buf, int64_t t);

/* Day of the week of a day number: 0 Sunday, 1 Monday, ... 6 Saturday. */
int	 day_weekday(long days);

/* Day of the week of *d, numbered as day_weekday(). */
int	 date_weekday(const struct date *d);

/*
 * Number of working days after *from up to and including *to: days that
 * are neither Saturday, Sunday, nor in holidays (day numbers, sorted
 * ascending; duplicates and weekend holidays are harmless).  Returns 0
 * when *to is not after *from.  Runs in O(log nholidays + holidays in
 * the range), independent of the length of the range.
 */
int	 workdays_between(const struct date *from, const struct date *to,
	    const long *holidays, size_t nholidays);

/* The same on day numbers. */
int	 workdays_between_days(long from, long to, const long *holidays,
	    size_t nholidays);

#endif
