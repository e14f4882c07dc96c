/*
 * itemcache.h -- items parsed by an earlier run, by file identity.
 *
 * A rebuild of a big site (issue 11) spent most of its loading time
 * reading, digesting and parsing item files that had not changed.
 * Like git's index, the cache keeps, for each item file of the last
 * run, what the loader made of it -- the item's fields, the digests of
 * its text, front matter and body -- under the file's identity
 * (source_stamp: a blob id, or a work-tree file's inode, size and
 * times), the level's outputs it was parsed for, and the program that
 * parsed it (memo_code).  A file whose identity is the same holds the
 * same bytes, so the loader takes the record instead of the file.
 *
 * Only items that parsed without a word are kept: an item with an
 * error or a warning is read and reported every run.  The file lives
 * in the cache folder (cachedir.h), which only the effective user can
 * write: what it says is believed, once its digest matches.  It keeps
 * what the last run saw.
 */
#ifndef GONGKAI_ITEMCACHE_H
#define GONGKAI_ITEMCACHE_H

#include <stddef.h>

struct arena;
struct item;
struct itemcache;

/* Opens cache file path (NULL: a cache that knows nothing and saves
 * nothing) for the program of digest code (memo_code).  A missing,
 * damaged or foreign file is an empty cache.  Never fails. */
struct itemcache *itemcache_open(const char *path, const char code[65]);

/* The record of the item file at path whose identity is stamp, as a
 * handle for itemcache_take, or 0 when there is none. */
size_t	itemcache_find(const struct itemcache *, const char *path,
	    const char *stamp);

/*
 * Fills it from record rec (strings in arena; path, url, slug, unit,
 * cat and size are the caller's) and dig, fmdig and bodydig with the
 * SHA-256 (hex) of the file's text, its front matter (a YAML item:
 * the whole text) and its body, and keeps the record for the next
 * run.  Returns 0, or -1 (nothing done) when the record was made for
 * other level outputs than outputs.
 */
int	itemcache_take(struct itemcache *, size_t rec, unsigned outputs,
	    struct arena *, struct item *it, char dig[65], char fmdig[65],
	    char bodydig[65]);

/* Records item it, parsed for level outputs from a file of identity
 * stamp whose digests are dig, fmdig and bodydig.  Calls come in
 * bytewise path order. */
void	itemcache_add(struct itemcache *, const char *stamp, unsigned outputs,
	    const struct item *it, const char dig[65], const char fmdig[65],
	    const char bodydig[65]);

/*
 * The record itemcache_add keeps, appended to b: for a worker that
 * parses items beside the loader, which takes it with
 * itemcache_take_record (site.c, the pre-scan).
 */
struct buf;
void	itemcache_record(struct buf *b, const char *stamp, unsigned outputs,
	    const struct item *it, const char dig[65], const char fmdig[65],
	    const char bodydig[65]);

/*
 * Fills it from the len bytes of record rec (itemcache_record), as
 * itemcache_take does, and keeps the record for the next run, if it is
 * whole and was made for item file path of identity stamp and for
 * level outputs outputs: 0, else -1 with nothing done.  ic may be NULL
 * (nothing kept).
 */
int	itemcache_take_record(struct itemcache *, const char *path,
	    const char *stamp, const char *rec, size_t len, unsigned outputs,
	    struct arena *, struct item *it, char dig[65], char fmdig[65],
	    char bodydig[65]);

/* Writes what this run took and added, if it differs from what was
 * read.  Failures are silent: a cache only saves time. */
void	itemcache_save(struct itemcache *);

void	itemcache_free(struct itemcache *);

#endif
