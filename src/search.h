/*
 * search.h -- the full-text index of the site's search page, built in
 * memory from the published text and written as small script files
 * that a browser loads a few at a time (themes/default/assets/search.js
 * reads them; the format is described there and in search.c).
 *
 * Matching is by substring, for Chinese without a word segmenter: the
 * text is folded (search_fold) and every run of 2 to 4 characters (an
 * n-gram), and of up to 8 when all are ASCII (numbers, 索引号), gets
 * the list of items that contain it.  A query that is one such n-gram
 * is one list and its answer is exact; a longer one is the
 * intersection of the lists of the longest n-grams in it (never a
 * miss; an item that holds all of them but not the whole query is
 * possible but rare, because they overlap by all but a character).
 *
 * Items are numbered by the caller in the order results are shown
 * (newest first), so a list of numbers is already ranked.  Lists are
 * written either as gaps or as a bitmap, whichever is smaller; small
 * lists are packed into buckets chosen by a hash of their n-gram, big
 * ones get a file of their own, so one query reads a few files
 * whatever the size of the site.
 */
#ifndef GONGKAI_SEARCH_H
#define GONGKAI_SEARCH_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct search;

#define SEARCH_GRAM	4	/* longest n-gram indexed */
#define SEARCH_AGRAM	8	/* longest n-gram of ASCII characters
				   (U+0021-007E) indexed */

/*
 * Folds the len bytes of UTF-8 at s as the index and the search page
 * both do: ASCII letters to lower case, full-width forms U+FF01-FF5E to
 * ASCII, every run of white space and control characters to one space,
 * none at either end.  Appends the code points to *cps (grown with
 * xgrow, *cap its capacity) and returns how many there are now.
 * Invalid UTF-8 bytes are taken as U+FFFD.
 */
size_t	 search_fold(const char *s, size_t len, uint32_t **cps, size_t *cap,
	    size_t n);

/* Appends the len bytes at s folded (search_fold) as UTF-8 to out. */
void	 search_fold_utf8(const char *s, size_t len, struct buf *out);

/* The bucket hash of a key's code points (FNV-1a over code points). */
uint32_t search_hash(const uint32_t *cps, size_t n);

/* A new, empty index of nitems items, numbered 0 to nitems - 1. */
struct search *search_new(size_t nitems);
void	 search_free(struct search *);

/*
 * Adds the len bytes of text s to item id: n-grams are taken within s,
 * never across two calls, so each shown block (a paragraph, a table
 * cell, the title) is one call.  title: 1 if s is the item's title
 * (title hits rank first).  Calls for one item come together, and ids
 * never go down.
 */
void	 search_add_text(struct search *, size_t id, const char *s,
	    size_t len, int title);

/*
 * Adds item id to the scope key (a unit's folder: the search page's
 * `unit=`) whose reader-facing name is name.  ids never go down within
 * a scope.
 */
void	 search_add_scope(struct search *, size_t id, const char *key,
	    const char *name);

/* Called for every file search_write makes: name relative to the
 * index's folder ("index.js", "b/12.js"), its bytes. 0 or -1. */
typedef int (*search_file_fn)(void *arg, const char *name,
	    const char *data, size_t len);

/*
 * Writes the index through fn, in a fixed order: index.js (the
 * parameters: items, buckets, the n-gram length, and the JSON members
 * extra, if not NULL, e.g. "\"chunk\":32"), b/<bucket>.js and
 * g/<bucket>-<n>.js.  Each file is one call of the page's registration
 * function, gkSearchPart("<name without .js>", data).  Returns 0, or the
 * first -1 of fn.  The same index gives the same bytes.  It spends the
 * index (lists are freed as they are written): call it once, then
 * search_free().
 */
int	 search_write(struct search *, const char *extra, search_file_fn fn,
	    void *arg);

/* Appends s as a JSON string literal that is also safe in a script
 * (U+2028 and U+2029 escaped). */
void	 search_json_str(struct buf *, const char *s);

#endif
