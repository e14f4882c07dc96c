/*
 * fold.c -- case and normalisation folding of names; see fold.h.
 */
#include <glib.h>

#include "fold.h"
#include "util.h"

char *
fold_key(const char *s)
{
	gchar	*nfd, *cf, *nfc;
	char	*key;
	size_t	 i;

	/* ASCII, as most paths are: folding is lowering, and both
	 * normal forms leave it as it is (a tenth of a rebuild's load
	 * at 10,000 items went to glib here) */
	for (i = 0; s[i] != '\0' && (unsigned char)s[i] < 0x80; i++)
		;
	if (s[i] == '\0') {
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
