/*
 * unit_fold.c -- names that a case-insensitive, normalisation-
 * insensitive file system takes for one get one key; others do not.
 */
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "t.h"

/* 1 if a and b fold to the same key. */
static int
same(const char *a, const char *b)
{
	char	*ka = fold_key(a), *kb = fold_key(b);
	int	 eq = strcmp(ka, kb) == 0;

	free(ka);
	free(kb);
	return eq;
}

int
main(void)
{
	OK(same("content/u/A.md", "content/u/a.md"));
	OK(same("caf\xc3\xa9", "cafe\xcc\x81"));		/* NFC, NFD */
	OK(same("CAF\xc3\x89", "cafe\xcc\x81"));		/* and case */
	OK(same("\xef\xbc\xa1", "\xef\xbd\x81"));		/* Ａ, ａ */
	OK(same("stra\xc3\x9f" "e", "STRASSE"));		/* ß */
	OK(!same("a.md", "b.md"));
	OK(!same("\xe6\x96\x87\xe4\xbb\xb6", "\xe6\x96\x87\xe4\xbb\xb7"));
	OK(!same("a.md", "a.html"));
	return T_DONE();
}
