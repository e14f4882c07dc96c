/*
 * foldcache.h -- the text each item gives the search index, folded
 * (search.h), kept between builds, so that a build whose items did not
 * change neither reads nor parses their bodies for the index.
 *
 * Texts are found by a key that names everything the text is made of
 * (out_search.c's item_key: the program, title, 文号, 索引号, body).
 * Each process that indexes writes its own pack of the texts it
 * indexed (pack k of a build's search processes) and reads every
 * pack, so a build split otherwise than the last still finds them.
 * A pack is replaced whole, through a rename: a reader sees an old
 * pack or a new one.  It is written as <k>.pack.new under a lock: a
 * build that finds it locked writes no pack, and one killed while
 * writing leaves that one file, emptied by the next.
 */
#ifndef GONGKAI_FOLDCACHE_H
#define GONGKAI_FOLDCACHE_H

#include <stddef.h>

struct buf;
struct foldcache;

/*
 * Opens the packs in cache folder dir (NULL: returns NULL, no cache)
 * and starts pack k anew (0 <= k < FOLDCACHE_PACKS).  Never fails: a
 * pack it cannot read is not there, one it cannot write is not made.
 */
#define FOLDCACHE_PACKS	8
struct foldcache *foldcache_open(const char *dir, int k);

/* The text of key (64 hex digits) into out (replaced): 1, or 0 if no
 * pack holds it.  fc may be NULL (0). */
int	foldcache_get(struct foldcache *fc, const char *key,
	    struct buf *out);

/* Puts len bytes of text (no NUL) under key into the new pack. */
void	foldcache_put(struct foldcache *fc, const char *key,
	    const char *text, size_t len);

/* Ends the new pack (it replaces pack k) and frees fc (NULL: none). */
void	foldcache_close(struct foldcache *fc);

#endif
