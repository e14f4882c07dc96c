/*
 * fuzz.h -- what every fuzz target shares.
 *
 * A target is one fuzz/fuzz_<name>.c defining LLVMFuzzerTestOneInput().
 * `make fuzz` links it with libFuzzer (clang); `make check` links the
 * same file with fuzz/replay.c, a plain main() that feeds it every
 * file of fuzz/corpus/<name>/, so the corpora are regression tests
 * without clang.  A target returns 0 and aborts (fuzz_assert) when an
 * invariant of the parser's contract breaks: a crash is then a finding
 * for sanitizers and plain builds alike.
 */
#ifndef GONGKAI_FUZZ_H
#define GONGKAI_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Sanitizers print a summary line where libFuzzer's own output goes,
 * which stays open when `make fuzz` closes the target's stderr (it
 * would drown in diagnostics); absent in a plain build.
 */
void	__sanitizer_report_error_summary(const char *)
	    __attribute__((weak));

/* Aborts with the failed condition: a finding, not a diagnostic. */
#define fuzz_assert(c) do {						\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n",	\
		    __FILE__, __LINE__, #c);				\
		if (__sanitizer_report_error_summary != NULL)		\
			__sanitizer_report_error_summary("fuzz "	\
			    "invariant failed: " #c);			\
		abort();						\
	}								\
} while (0)

/* A NUL-terminated copy of the input (caller frees). */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char	*s = malloc(size + 1);

	if (s == NULL)
		abort();
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
