/*
 * fuzz_idxno.c -- index-number formats (idxno.h).  The input is lines:
 * the format, the org_code, the code, the category, then existing
 * numbers.  A format that compiles must give numbers that it matches
 * back with the same serial: otherwise `gongkai new` would hand out a
 * number that idxfmt_next_serial() does not see, and the next new item
 * would get the same one.
 */
#include "fuzz.h"
#include "idxno.h"

#define NFIELDS	4

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*text = fuzz_cstr(data, size), *f[NFIELDS], *p, *nl;
	const char	**existing = NULL;
	struct idxfmt	*fmt;
	struct idxvars	 v;
	char		 err[128], *num;
	unsigned	 serial, got, next;
	size_t		 i, n = 0;
	int		 year;

	p = text;
	for (i = 0; i < NFIELDS; i++) {
		f[i] = p;
		if ((nl = strchr(p, '\n')) != NULL) {
			*nl = '\0';
			p = nl + 1;
		} else
			p += strlen(p);
	}
	/* The rest: existing numbers, one a line. */
	existing = malloc((size + 1) * sizeof(*existing));
	if (existing == NULL)
		abort();
	while (*p != '\0') {
		existing[n++] = p;
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	if (idxfmt_compile(f[0], &fmt, err, sizeof(err)) == -1) {
		fuzz_assert(fmt == NULL);
		fuzz_assert(memchr(err, '\0', sizeof(err)) != NULL);
		goto out;
	}
	memset(&v, 0, sizeof(v));
	v.org_code = f[1];
	v.code = f[2];
	v.category = f[3];
	v.year = 1 + (int)(size % 9999);
	v.month = 1 + (int)(size % 12);
	serial = (unsigned)(size * 7919u) % 100000u + 1;
	num = idxfmt_make(fmt, &v, serial);
	fuzz_assert(num != NULL);
	got = 0;
	year = -1;
	fuzz_assert(idxfmt_match(fmt, &v, num, &got, &year) == 1);
	fuzz_assert(got == serial);
	if (idxfmt_has_year(fmt))
		fuzz_assert(year == v.year);
	/* With that number taken, the next is past it. */
	existing[n] = num;
	next = idxfmt_next_serial(fmt, &v, v.year, existing, n + 1);
	fuzz_assert(next == 0 || next > serial);
	for (i = 0; i < n; i++)
		idxfmt_match(fmt, &v, existing[i], &got, &year);
	free(num);
	idxfmt_free(fmt);
out:
	free(existing);
	free(text);
	return 0;
}
