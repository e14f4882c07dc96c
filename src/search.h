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
 * The page splits a query at white space into words and finds the
 * items that hold each (AND).
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
 * both do (search.js, fold), so that what a reader types matches
 * whatever a text's author chose of what follows: full-width forms
 * U+FF01-FF5E to ASCII, ASCII letters to lower case, the brackets
 * 【】〔〕〖〗〘〙｟｠[] to ( and ), traditional characters to simplified
 * ones (a character at a time, by OpenCC's table: search_t2s.h), and a
 * run of white space and control characters to one space between two
 * letters or digits (of ASCII, U+00C0-1FFF or Hangul) and to nothing
 * elsewhere -- between Chinese characters, by punctuation, at either
 * end.  A character that shows nothing (cp_ignorable: zero-width space
 * and joiners, word joiner, U+FEFF, soft hyphen...) is left out, not
 * even a space: it is not there for a reader.  Folding folded text
 * changes nothing.  Appends the code points
 * to *cps (grown with xgrow, *cap its capacity) and returns how many
 * there are now.  Invalid UTF-8 bytes are taken as U+FFFD.
 */
size_t	 search_fold(const char *s, size_t len, uint32_t **cps, size_t *cap,
	    size_t n);

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
/* The same, and the text folded (search_fold) appended to folded as
 * UTF-8: returns how many characters that is. */
size_t	 search_add_fold(struct search *, size_t id, const char *s,
	    size_t len, int title, struct buf *folded);

/*
 * Adds item id to the scope key (a unit's folder: the search page's
 * `unit=`) whose reader-facing name is name.  ids never go down within
 * a scope.
 */
void	 search_add_scope(struct search *, size_t id, const char *key,
	    const char *name);

/*
 * An index made in two parts, by two processes: one indexes the items
 * before some number, the other (of as many items, search_new) those
 * from it on and passes its index on with search_part, through put, a
 * piece at a time (about a megabyte each), spending its lists (then
 * search_free it); 0, or put's -1.  search_merge adds such a part to s
 * once the first process is done with its own items, so that s holds
 * what one index of every item would, byte for byte.  It takes the
 * part as it comes: it merges the whole entries of the len bytes at
 * data and sets *used to how many bytes they were (the rest begins an
 * entry: pass it again with the bytes that follow; at the part's end
 * nothing may be left).  Returns 0, or -1 if the bytes are not a part
 * that follows s (s is then only good to free).
 */
typedef int (*search_put_fn)(void *arg, const void *p, size_t n);
int	 search_part(struct search *, search_put_fn put, void *arg);
int	 search_merge(struct search *s, const char *data, size_t len,
	    size_t *used);

/* Called for every file search_write makes: name relative to the
 * index's folder ("index.js", "b/12.js"), its bytes. 0 or -1. */
typedef int (*search_file_fn)(void *arg, const char *name,
	    const char *data, size_t len);

/*
 * Writes the index through fn, in a fixed order: index.js (the
 * parameters: items, buckets, the n-gram length, and the JSON members
 * extra, if not NULL, e.g. "\"chunk\":32"), fold.js (the table of
 * traditional characters search_fold folds, for the page's fold: one
 * JSON string of pairs of characters, traditional then simplified),
 * b/<bucket>.js and g/<bucket>-<n>.js.  Each file is one call of the page's registration
 * function, gkSearchPart("<name without .js>", data).  Returns 0, or the
 * first -1 of fn.  The same index gives the same bytes.  It spends the
 * index (lists are freed as they are written): call it once, then
 * search_free().
 */
int	 search_write(struct search *, const char *extra, search_file_fn fn,
	    void *arg);

/* One file of a bucket: its name relative to the index's folder. */
struct search_file {
	const char	*name;
	const char	*data;
	size_t		 len;
};

/* Where an index goes (search_write_to, search_patch), and, for a
 * patch, where the earlier one is. */
struct search_sink {
	/* index.js; and each file of a bucket when bucket is NULL */
	search_file_fn	 file;
	/* the n files of bucket h at once (b/<h>.js, then its g/
	 * files), small what its lists add to the bucket count
	 * (search_nbuckets); 0 or -1 */
	int		(*bucket)(void *arg, uint32_t h, size_t small,
			    const struct search_file *f, size_t n);
	/* search_patch only: reads file name of the earlier index into
	 * out: 1, 0 if it had none, -1 if it is not as written */
	int		(*old_read)(void *arg, const char *name,
			    struct buf *out);
	/* small of bucket h of the earlier index (0: it had none), or
	 * -1 if not known */
	long long	(*old_small)(void *arg, uint32_t h);
	/* takes bucket h of the earlier index over as it is: 1, 0 if it
	 * cannot (nothing taken), -1 on error */
	int		(*keep)(void *arg, uint32_t h);
	void		*arg;
};

/* The number of buckets of an index whose small lists take small
 * bytes: about 8 KiB of them a bucket, rounded up to 2^k or 3 * 2^k so
 * that a few items more or less keep it. */
size_t	 search_nbuckets(size_t small);

/* search_write through a sink. */
int	 search_write_to(struct search *, const char *extra,
	    const struct search_sink *);
/*
 * Share k (0 .. n-1) of search_write_to, for n processes forked from
 * the one holding the index: index.js and fold.js in share 0, then share k's run
 * of buckets, the runs in bucket order, so that the shares' files in
 * share order are those of the whole.  With n > 1 the index is read,
 * not spent (freeing a list would copy what the forks share).
 */
int	 search_write_share(struct search *, const char *extra,
	    const struct search_sink *, int k, int n);
/* Makes what every share reads before it writes (each key's bucket),
 * so that processes forked after it do not each make it again. */
void	 search_write_prepare(struct search *);

/* Sets touched[b] for the bucket b (of nb) of every n-gram that
 * search_add_text would index of the len bytes at s. */
void	 search_mark_text(const char *s, size_t len, size_t nb,
	    unsigned char *touched);
/*
 * Sets touched[b] for the bucket b (of nb) of every n-gram whose list
 * an item's text changing from old to new changes: those one has and
 * the other has not, and those of their first blocks (the titles,
 * listed apart).  Both are texts as search_add_text takes them, a block
 * a line, NUL-terminated.
 */
void	 search_mark_diff(const char *old, const char *new, size_t nb,
	    unsigned char *touched);
/* The same for scope key. */
void	 search_mark_scope(const char *key, size_t nb,
	    unsigned char *touched);

/*
 * Writes, through sink, what search_write would write of a whole
 * index, from the earlier index of nb buckets (sink->old_read) and s,
 * which holds the text of the items i with changed[i] (i < nchanged:
 * those whose text differs from the earlier index's item i, and those
 * either has and the other not) and every item's scopes.  touched must
 * mark every bucket with a key whose list of those items changes
 * (search_mark_diff, search_mark_text, search_mark_scope): of their
 * text, and of their scopes where those changed.  Every other bucket
 * is taken over (sink->keep).
 * Returns 0; 1 if it cannot (the bucket count would change, a file of
 * the earlier index is missing or not as written, a bucket cannot be
 * taken over): then nothing but buckets taken over was written, and
 * the caller writes the whole index (those buckets hold what it
 * would write); or -1 on error.  Spends s, as search_write does.
 */
int	 search_patch(struct search *s, const char *extra, size_t nb,
	    const unsigned char *changed, size_t nchanged,
	    unsigned char *touched, const struct search_sink *sink);

/* Reads the JSON string literal at s (len bytes), as search_json_str
 * writes them, into out (replaced).  Returns the bytes it took, or 0
 * if there is no such literal there. */
size_t	 search_json_read(const char *s, size_t len, struct buf *out);

/* Appends s as a JSON string literal that is also safe in a script
 * (U+2028 and U+2029 escaped). */
void	 search_json_str(struct buf *, const char *s);

#endif
