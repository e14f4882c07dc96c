/*
 * idxno.h -- index numbers (索引号) made from a unit's index_format.
 *
 * A format is literal text with placeholders:
 *
 *	{org_code}	the unit's org_code, verbatim
 *	{code}		the unit's administrative division code
 *	{category}	the item's category id
 *	{year}		four-digit year
 *	{yyyymm}	year and two-digit month
 *	{serial}	the serial number, unpadded
 *	{serial:0N}	the serial zero-padded to N digits (1 <= N <= 9)
 *
 * There is no escape for braces: index numbers do not contain them.
 * Exactly one {serial} is required, since without it every number in a
 * period would be the same.  The default is IDXFMT_DEFAULT.  Pure: no
 * I/O; errors come back as text for the caller to report with the
 * position of the format in its file.
 */
#ifndef GONGKAI_IDXNO_H
#define GONGKAI_IDXNO_H

#include <stddef.h>

#define IDXFMT_DEFAULT "{org_code}/{year}-{serial:05}"

/* A compiled format; opaque. */
struct idxfmt;

/* The values placeholders stand for.  NULL strings count as "". */
struct idxvars {
	const char	*org_code;	/* {org_code} */
	const char	*code;		/* {code} */
	int		 year;		/* {year}, {yyyymm}: 1..9999 */
	int		 month;		/* {yyyymm}: 1..12 */
	const char	*category;	/* {category} */
};

/*
 * Compiles fmt into *out (free with idxfmt_free).  Returns 0, or -1
 * with *out set to NULL and a message in err (errlen bytes, always
 * NUL-terminated when errlen > 0) such as "unknown placeholder '{yr}'".
 */
int		 idxfmt_compile(const char *fmt, struct idxfmt **out,
		    char *err, size_t errlen);

void		 idxfmt_free(struct idxfmt *);

/* 1 if the format has {year} or {yyyymm}, {yyyymm} respectively. */
int		 idxfmt_has_year(const struct idxfmt *);
int		 idxfmt_has_month(const struct idxfmt *);

/*
 * Returns a new string (caller frees) for the given values and serial.
 * A serial wider than its padding is written in full, as printf does.
 */
char		*idxfmt_make(const struct idxfmt *, const struct idxvars *v,
		    unsigned serial);

/*
 * Returns 1 if s is a number this format could have made with v's
 * org_code, code and category (v's year and month are ignored: {year}
 * matches any four digits, {yyyymm} any year and month 01..12), else 0.
 * On a match, *serial gets the serial and *year the year (0 if the
 * format has none); either pointer may be NULL.  A padded serial must
 * have at least its width in digits, and no leading zero beyond it.
 */
int		 idxfmt_match(const struct idxfmt *, const struct idxvars *v,
		    const char *s, unsigned *serial, int *year);

/*
 * The serial for the next new number: 1 + the largest serial among the
 * n existing numbers that match this format in the same period: the
 * same year as the year argument with {year}, the same year and
 * v->month with {yyyymm}, and all of them for a format with neither.
 * Non-matching numbers (another unit's, an older format) are ignored.
 * Returns 0 if the period has used the largest unsigned serial.
 */
unsigned	 idxfmt_next_serial(const struct idxfmt *,
		    const struct idxvars *v, int year,
		    const char *const *existing, size_t n);

#endif
