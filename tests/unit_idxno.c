/*
 * unit_idxno.c -- index-number formats: compile errors, make, match,
 * and the next free serial.
 */
#include <stdlib.h>

#include "t.h"
#include "idxno.h"

static struct idxfmt *
compile(const char *fmt)
{
	struct idxfmt	*f;
	char		 err[128];

	if (idxfmt_compile(fmt, &f, err, sizeof(err)) != 0) {
		printf("# unexpected error for %s: %s\n", fmt, err);
		return NULL;
	}
	return f;
}

/* Compiles fmt, which must fail; returns the message (static). */
static const char *
compile_err(const char *fmt)
{
	static char	 err[128];
	struct idxfmt	*f = (struct idxfmt *)1;

	if (idxfmt_compile(fmt, &f, err, sizeof(err)) != -1 || f != NULL)
		return "(compiled)";
	return err;
}

/* make() and compare, freeing the result. */
static int
made(const struct idxfmt *f, const struct idxvars *v, unsigned serial,
    const char *want)
{
	char	*s = idxfmt_make(f, v, serial);
	int	 ok = strcmp(s, want) == 0;

	if (!ok)
		printf("# made \"%s\", want \"%s\"\n", s, want);
	free(s);
	return ok;
}

int
main(void)
{
	struct idxvars	 v = { "009876543", "510124", 2026, 3, "fees" };
	struct idxvars	 other = { "111111111", "510124", 2026, 3, "fees" };
	struct idxfmt	*f;
	unsigned	 serial;
	int		 year;
	char		 err[8];

	/* Errors: the caller adds the position; the subject is quoted. */
	STR_EQ(compile_err("{org_code}/{yr}-{serial}"),
	    "unknown placeholder '{yr}'");
	STR_EQ(compile_err("{org_code}/{year}"),
	    "index format has no '{serial}'");
	STR_EQ(compile_err("{serial}-{serial:03}"),
	    "index format has more than one '{serial}'");
	STR_EQ(compile_err("{org_code}/{year}-{serial:05"),
	    "unclosed placeholder '{serial:05'");
	STR_EQ(compile_err("a}{serial}"), "unmatched '}' in index format");
	STR_EQ(compile_err("{serial:5}"),
	    "bad serial width in '{serial:5}' (want {serial:0N}, N from 1 "
	    "to 9)");
	STR_EQ(compile_err("{serial:00}"),
	    "bad serial width in '{serial:00}' (want {serial:0N}, N from 1 "
	    "to 9)");
	STR_EQ(compile_err("{serial:010}"),
	    "bad serial width in '{serial:010}' (want {serial:0N}, N from 1 "
	    "to 9)");
	STR_EQ(compile_err("{}{serial}"), "unknown placeholder '{}'");
	STR_EQ(compile_err("{Year}{serial}"), "unknown placeholder '{Year}'");
	STR_EQ(compile_err(""), "index format has no '{serial}'");
	/* A tiny error buffer is cut, still terminated. */
	f = (struct idxfmt *)1;
	OK(idxfmt_compile("{x}", &f, err, sizeof(err)) == -1 && f == NULL);
	OK(strlen(err) == sizeof(err) - 1);
	OK(idxfmt_compile("{x}", &f, NULL, 0) == -1);

	/* The default format. */
	OK((f = compile(IDXFMT_DEFAULT)) != NULL);
	OK(idxfmt_has_year(f) && !idxfmt_has_month(f));
	OK(made(f, &v, 12, "009876543/2026-00012"));
	OK(made(f, &v, 123456, "009876543/2026-123456"));
	serial = 0, year = 0;
	OK(idxfmt_match(f, &v, "009876543/2026-00012", &serial, &year) == 1);
	OK(serial == 12 && year == 2026);
	OK(idxfmt_match(f, &v, "009876543/2019-00001", &serial, &year) == 1);
	OK(serial == 1 && year == 2019);
	OK(idxfmt_match(f, &v, "009876543/2026-123456", &serial, NULL) == 1);
	OK(serial == 123456);
	OK(idxfmt_match(f, &v, "009876543/2026-0012", NULL, NULL) == 0);
	OK(idxfmt_match(f, &v, "009876543/2026-012345", NULL, NULL) == 0);
	OK(idxfmt_match(f, &v, "009876543/2026-00012x", NULL, NULL) == 0);
	OK(idxfmt_match(f, &v, "009876543/26-00012", NULL, NULL) == 0);
	OK(idxfmt_match(f, &v, "111111111/2026-00012", NULL, NULL) == 0);
	OK(idxfmt_match(f, &v, "", NULL, NULL) == 0);
	OK(idxfmt_match(f, &v, NULL, NULL, NULL) == 0);
	/* Overflowing serials do not match rather than wrap. */
	OK(idxfmt_match(f, &v, "009876543/2026-99999999999", NULL, NULL) ==
	    0);
	OK(idxfmt_match(f, &v, "009876543/2026-4294967295", &serial, NULL) ==
	    1 && serial == 4294967295u);
	OK(idxfmt_match(f, &v, "009876543/2026-4294967296", NULL, NULL) == 0);
	{
		const char *const ex[] = {
			"009876543/2026-00012",
			"009876543/2026-00003",
			"009876543/2025-00099",	/* last year */
			"111111111/2026-00500",	/* another unit */
			"009876543-2026-00400",	/* another format */
			"009876543/2026-00007",
		};

		OK(idxfmt_next_serial(f, &v, 2026, ex, 6) == 13);
		OK(idxfmt_next_serial(f, &v, 2025, ex, 6) == 100);
		OK(idxfmt_next_serial(f, &v, 2027, ex, 6) == 1);
		OK(idxfmt_next_serial(f, &other, 2026, ex, 6) == 501);
		OK(idxfmt_next_serial(f, &v, 2026, NULL, 0) == 1);
	}
	{
		const char *const ex[] = { "009876543/2026-4294967295" };

		OK(idxfmt_next_serial(f, &v, 2026, ex, 1) == 0);
	}
	idxfmt_free(f);

	/* Every placeholder, by month. */
	OK((f = compile("{code}-{category}-{yyyymm}-{serial:03}")) != NULL);
	OK(idxfmt_has_year(f) && idxfmt_has_month(f));
	OK(made(f, &v, 7, "510124-fees-202603-007"));
	OK(idxfmt_match(f, &v, "510124-fees-202603-007", &serial, &year) &&
	    serial == 7 && year == 2026);
	OK(idxfmt_match(f, &v, "510124-fees-202613-007", NULL, NULL) == 0);
	OK(idxfmt_match(f, &v, "510124-laws-202603-007", NULL, NULL) == 0);
	{
		const char *const ex[] = {
			"510124-fees-202603-007",
			"510124-fees-202603-002",
			"510124-fees-202602-050",	/* last month */
			"510124-fees-202503-060",	/* a year ago */
			"510124-laws-202603-070",	/* other category */
		};

		OK(idxfmt_next_serial(f, &v, 2026, ex, 5) == 8);
		v.month = 2;
		OK(idxfmt_next_serial(f, &v, 2026, ex, 5) == 51);
		OK(idxfmt_next_serial(f, &v, 2025, ex, 5) == 1);
		v.month = 3;
		OK(idxfmt_next_serial(f, &v, 2025, ex, 5) == 61);
	}
	idxfmt_free(f);

	/* No period: serials run across years. */
	OK((f = compile("{org_code}-{serial}")) != NULL);
	OK(!idxfmt_has_year(f));
	OK(made(f, &v, 42, "009876543-42"));
	OK(idxfmt_match(f, &v, "009876543-42", &serial, &year) &&
	    serial == 42 && year == 0);
	OK(idxfmt_match(f, &v, "009876543-042", NULL, NULL) == 0);
	{
		const char *const ex[] = { "009876543-9", "009876543-41" };

		OK(idxfmt_next_serial(f, &v, 1999, ex, 2) == 42);
	}
	idxfmt_free(f);

	/* Digits next to an unpadded serial: backtracking finds the split. */
	OK((f = compile("A{serial}{year}")) != NULL);
	OK(made(f, &v, 12, "A122026"));
	OK(idxfmt_match(f, &v, "A122026", &serial, &year) &&
	    serial == 12 && year == 2026);
	OK(idxfmt_match(f, &v, "A2026", NULL, NULL) == 0);
	idxfmt_free(f);

	/* {year} with {yyyymm} must agree; literal-only around serial. */
	OK((f = compile("{year}/{yyyymm}/{serial:02}")) != NULL);
	OK(idxfmt_match(f, &v, "2026/202603/01", NULL, &year) && year == 2026);
	OK(idxfmt_match(f, &v, "2025/202603/01", NULL, NULL) == 0);
	idxfmt_free(f);

	/* Missing vars count as empty strings. */
	OK((f = compile("{org_code}{category}{serial:02}")) != NULL);
	{
		struct idxvars	e = { NULL, NULL, 2026, 1, NULL };

		OK(made(f, &e, 5, "05"));
		OK(idxfmt_match(f, &e, "05", &serial, NULL) && serial == 5);
	}
	idxfmt_free(f);
	idxfmt_free(NULL);
	return T_DONE();
}
