/*
 * fold.h -- names as a case-insensitive, normalisation-insensitive
 * file system sees them (macOS, Windows): the only glib user outside
 * the print modules.
 */
#ifndef GONGKAI_FOLD_H
#define GONGKAI_FOLD_H

/*
 * A new string: the valid UTF-8 s case-folded and in Unicode NFC, so
 * that two names equal on such a file system ("A.md" and "a.md",
 * "café" composed and decomposed) give equal keys.
 */
char	*fold_key(const char *s);

#endif
