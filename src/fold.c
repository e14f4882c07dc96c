/*
 * fold.c -- case and normalisation folding of names; see fold.h.
 */
#include <glib.h>

#include "fold.h"
#include "util.h"

/*
 * 1 if every character of s is ASCII or a CJK unified ideograph
 * (U+3400-4DBF, U+4E00-9FFF), the names of most units and items: none
 * of those has a case or a decomposition, and none composes with what
 * follows it, so both normal forms leave such a name as it is and
 * folding only lowers its ASCII letters.  (The compatibility
 * ideographs, U+F900-FAFF, do decompose: they go through glib.)
 */
static int
plain_name(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned int		 c;

	while (*p != '\0') {
		if (*p < 0x80) {
			p++;
			continue;
		}
		/* three bytes 1110xxxx 10xxxxxx 10xxxxxx, as s is valid */
		if ((p[0] & 0xf0) != 0xe0 || (p[1] & 0xc0) != 0x80 ||
		    (p[2] & 0xc0) != 0x80)
			return 0;
		c = (unsigned int)(p[0] & 0x0f) << 12 |
		    (unsigned int)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		if (!((c >= 0x3400 && c <= 0x4dbf) ||
		    (c >= 0x4e00 && c <= 0x9fff)))
			return 0;
		p += 3;
	}
	return 1;
}

char *
fold_key(const char *s)
{
	gchar	*nfd, *cf, *nfc;
	char	*key;
	size_t	 i;

	/* ASCII and ideographs, as most paths are: folding is lowering
	 * (a tenth of a rebuild's load at 10,000 items went to glib
	 * here) */
	if (plain_name(s)) {
		key = xstrdup(s);
		for (i = 0; key[i] != '\0'; i++)
			if (key[i] >= 'A' && key[i] <= 'Z')
				key[i] = (char)(key[i] - 'A' + 'a');
		return key;
	}
	/* Decompose first: case folding is defined on characters, and
	 * a decomposed name folds as its composed twin does. */
	nfd = g_utf8_normalize(s, -1, G_NORMALIZE_NFD);
	cf = g_utf8_casefold(nfd != NULL ? nfd : s, -1);
	nfc = g_utf8_normalize(cf, -1, G_NORMALIZE_NFC);
	key = xstrdup(nfc != NULL ? nfc : cf);
	g_free(nfd);
	g_free(cf);
	g_free(nfc);
	return key;
}
