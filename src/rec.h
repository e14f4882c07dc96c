/*
 * rec.h -- fields of the programmes' record files (section 8 of the
 * design: evaluations, rosters, rectifications ...), read from a YAML
 * map with their positions, so that every programme reports a bad
 * date, count or word the same way: "path:line:col: error: ...".
 * Each returns 0, or -1 after a diagnostic.
 */
#ifndef GONGKAI_REC_H
#define GONGKAI_REC_H

#include <stddef.h>

struct arena;
struct ynode;

/*
 * A YYYY-MM-DD date under k as a day number (workday.h); NO_DATE
 * (site.h) when absent or null, which is an error if required.  A date
 * after day today is an error (rec_future()), and *out stays NO_DATE;
 * today NO_DATE sets no limit (a deadline may lie ahead).
 */
int	rec_date(const char *path, const struct ynode *m, const char *k,
	    int required, long today, long *out);

/*
 * Reports at path:line:col that date field k, written value, is after
 * day today: "'k' VALUE is in the future (today is YYYY-MM-DD)", the
 * one wording of every programme's records (YAML, Markdown front
 * matter and CSV cells alike).  Returns -1.
 */
int	rec_future(const char *path, int line, int col, const char *k,
	    const char *value, long today);

/* The most a count may be. */
#define REC_COUNT_MAX	999999999L

/* A whole number 0..REC_COUNT_MAX under k (a larger one is "too
 * large", with the limit); *out stays as it is when the key is absent
 * or null, which is an error if required. */
int	rec_count(const char *path, const struct ynode *m, const char *k,
	    int required, long *out);

/* The same for a scalar node itself; what names it ("a count"). */
int	rec_count_node(const char *path, const struct ynode *n,
	    const char *what, long *out);

/* Text under k copied into the arena, or NULL when absent or empty
 * (an error if required). */
int	rec_text(const char *path, const struct ynode *m, const char *k,
	    int required, struct arena *, const char **out);

/*
 * Text under k that must be one of the n words of list; *out is its
 * index, -1 when absent (an error if required).  The message lists the
 * words allowed.
 */
int	rec_choice(const char *path, const struct ynode *m, const char *k,
	    int required, const char *const *list, size_t n, int *out);

/* An amount in yuan (digits, at most two decimals) as fen (分). */
int	rec_yuan(const char *path, const struct ynode *n, long *fen);

/* Writes fen as yuan: "1200", "35.50". */
void	rec_yuan_fmt(long fen, char out[32]);

/* Writes a day number as YYYY-MM-DD (DATE_BUFSZ bytes), "" for
 * NO_DATE. */
void	rec_day_fmt(long day, char out[11]);

/* The slug of path in the arena: its file name without ".md". */
const char *rec_slug(struct arena *, const char *path);

#endif
