/*
 * unit_fold.c -- names that a case-insensitive, normalisation-
 * insensitive file system takes for one get one key; others do not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

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
	char	 ascii[32], mixed[40], *ka, *kb;
	size_t	 n;
	int	 c, bad = 0;

	OK(same("content/u/A.md", "content/u/a.md"));
	OK(same("caf\xc3\xa9", "cafe\xcc\x81"));		/* NFC, NFD */
	OK(same("CAF\xc3\x89", "cafe\xcc\x81"));		/* and case */
	OK(same("\xef\xbc\xa1", "\xef\xbd\x81"));		/* Ａ, ａ */
	OK(same("stra\xc3\x9f" "e", "STRASSE"));		/* ß */
	OK(!same("a.md", "b.md"));
	OK(!same("\xe6\x96\x87\xe4\xbb\xb6", "\xe6\x96\x87\xe4\xbb\xb7"));
	OK(!same("a.md", "a.html"));

	/* an ASCII name takes a shorter way: it must give what glib
	 * gives the same name with a non-ASCII letter after it */
	for (c = 1; c < 0x80; c++) {
		snprintf(ascii, sizeof(ascii), "content/%cX%c.md", c, c);
		snprintf(mixed, sizeof(mixed), "%s\xc3\xa9", ascii);
		ka = fold_key(ascii);
		kb = fold_key(mixed);
		n = strlen(kb);
		if (n < 2 || strncmp(ka, kb, n - 2) != 0 || ka[n - 2] != '\0')
			bad++;
		free(ka);
		free(kb);
	}
	OK(bad == 0);

	/* ideographs take it too: each must give what glib gives */
	for (c = 0x3400, bad = 0; c <= 0xa000; c++) {
		gchar	*nfd, *cf, *nfc;

		if (c == 0x4dc0)
			c = 0x4e00;
		n = (size_t)g_unichar_to_utf8(c, ascii + 1);
		ascii[0] = 'A';
		ascii[n + 1] = 'b';
		ascii[n + 2] = '\0';
		ka = fold_key(ascii);
		nfd = g_utf8_normalize(ascii, -1, G_NORMALIZE_NFD);
		cf = g_utf8_casefold(nfd, -1);
		nfc = g_utf8_normalize(cf, -1, G_NORMALIZE_NFC);
		if (strcmp(ka, nfc) != 0)
			bad++;
		g_free(nfd);
		g_free(cf);
		g_free(nfc);
		free(ka);
	}
	OK(bad == 0);
	/* a compatibility ideograph is its unified twin on such a disk */
	OK(same("\xef\xa4\x80", "\xe8\xb1\x88"));	/* U+F900, U+8C48 */
	return T_DONE();
}
