/*
 * t.h -- the unit-test harness: a test binary is a main() calling
 * TEST blocks; it prints one "ok"/"FAIL" line per check that fails
 * and a final "# N passed, N failed" line that tests/run.sh sums.
 */
#ifndef GONGKAI_T_H
#define GONGKAI_T_H

#include <stdio.h>
#include <string.h>

static int t_pass, t_fail;

#define OK(cond) do {							\
	if (cond)							\
		t_pass++;						\
	else {								\
		t_fail++;						\
		printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);	\
	}								\
} while (0)

#define STR_EQ(a, b) do {						\
	const char *t_a = (a), *t_b = (b);				\
	if (t_a != NULL && t_b != NULL && strcmp(t_a, t_b) == 0)	\
		t_pass++;						\
	else {								\
		t_fail++;						\
		printf("FAIL %s:%d: %s == %s\n  got:  \"%s\"\n  want: \"%s\"\n", \
		    __FILE__, __LINE__, #a, #b, t_a ? t_a : "(null)",	\
		    t_b ? t_b : "(null)");				\
	}								\
} while (0)

#define T_DONE() (printf("# %d passed, %d failed\n", t_pass, t_fail), \
	t_fail ? 1 : 0)

#endif
