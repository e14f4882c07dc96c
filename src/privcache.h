/*
 * privcache.h -- the texts already found free of personal data.
 *
 * Scanning item texts for personal numbers as a reader sees them
 * (privacy.h) is most of the loader's time and much of the gate's, and
 * most texts are the same from one run to the next.  A text found clean
 * stays clean while the scanner is the same, so the cache keeps the
 * SHA-256 of each text found clean with how it was read ('m': a
 * Markdown item, 'y': a YAML item, 'u': a unit file), under the digest
 * of the program that scanned it (memo_code): another gongkai, or the
 * same with other libraries, starts afresh.  A text with a hit is never kept: it is
 * scanned, and reported, every time.
 *
 * The file lives in the cache folder (cachedir.h), which only the
 * effective user can write: what it says is believed.  It keeps what
 * the last run saw, so it never grows past one corpus.
 */
#ifndef GONGKAI_PRIVCACHE_H
#define GONGKAI_PRIVCACHE_H

#include <stddef.h>

struct privcache;

/* The ways a text is read, each a how below. */
#define PRIVCACHE_HOWS	"myu"

/* Opens the cache file path (NULL: a cache that knows nothing and
 * saves nothing) for the scanner of digest code (memo_code).  An
 * unreadable, damaged file, or one of another code, is an empty cache.
 * Never fails. */
struct privcache *privcache_open(const char *path, const char code[65]);

/* 1 if the text of SHA-256 dig (hex) read as how was found clean. */
int	privcache_known(const struct privcache *, const char dig[65],
	    char how);

/* Records that the text of SHA-256 dig, read as how, holds no personal
 * data: the caller scanned it, or believed the cache. */
void	privcache_seen(struct privcache *, const char dig[65], char how);

/* Writes what this run saw, if it differs from what was read.
 * Failures are silent: a cache only saves time. */
void	privcache_save(struct privcache *);

void	privcache_free(struct privcache *);

#endif
