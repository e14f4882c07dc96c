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
