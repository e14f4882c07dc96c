/*
 * evaluation.h -- evaluation/<year>-<slug>.yaml: one public evaluation
 * (评议, seed section 二) of a unit -- 请农民兄弟姐妹“评计生”,
 * 请流动人口“评计生”, 下评上, 政风行风评议 -- with its answers
 * counted per question, and the figures gongkai computes from them.
 *
 * The kinds, their questions (评议内容) and the answer scale come from
 * config.yaml (cfg.h, struct evalkind), never from here.
 */
#ifndef GONGKAI_EVALUATION_H
#define GONGKAI_EVALUATION_H

#include <stddef.h>

struct arena;
struct config;
struct evalkind;
struct site;

struct evaluation {
	const char		 *path;	   /* "content/<unit>/evaluation/…" */
	const char		 *slug;	   /* file name without ".yaml" */
	int			  year;	   /* from the file name */
	const char		 *title;
	const struct evalkind	 *kind;	   /* borrowed from the config */
	const char		 *subject; /* unit evaluated: its dir */
	int			  subject_line, subject_col;
	long			  date;	   /* day number (workday.h) */
	const char		**methods; /* 评议方法, config's words */
	size_t			  nmethods;
	long			  respondents; /* 参评人数 */
	long			 *counts;  /* nquestions rows of nscale
					      counts, row by row */
	const char		 *findings; /* Markdown, or NULL */
};

/* Answers and satisfied answers of one question or of them all. */
struct evalfig {
	long	answers;	/* every count of the row(s) */
	long	satisfied;	/* counts of the kind's satisfied labels */
	int	tenths;		/* rate in tenths of a percent, -1 with no
				   answers (evaluation_tenths()) */
};

/*
 * Parses the text of an evaluation file at path (strings and counts in
 * arena).  The file name must be <year>-<slug>.yaml.  Reports every
 * problem at its line and column: unknown keys, an unknown kind or
 * method, a bad date, a results table whose rows are not one per
 * question or whose counts are not one per label of the scale, counts
 * that are not whole numbers or exceed the respondents, a date after
 * day today (NO_DATE: no limit).  The subject is checked against the
 * units by evaluation_subject().  Returns 0 or -1.
 */
int	evaluation_parse(const char *path, const char *text, size_t len,
	    const struct config *, long today, struct arena *,
	    struct evaluation *ev);

/* The index of ev's subject in site s, or NO_INDEX after reporting
 * that it names no unit: an error, or in a gated site (site.gated),
 * where the unit may wait for approval, a warning (the subject is then
 * shown by its folder, as plain text: progdata_subject_name). */
size_t	evaluation_subject(const struct evaluation *ev,
	    const struct site *s);

/* The figures of question q (0-based), or with q == (size_t)-1 of every
 * question together (overall: all satisfied answers over all answers). */
void	evaluation_fig(const struct evaluation *ev, size_t q,
	    struct evalfig *out);

/*
 * satisfied / answers as a percentage in tenths, rounded half up, in
 * integer arithmetic only (so the same on every machine): 2/3 gives
 * 667 (66.7%), 1/8 gives 125 (12.5%), 1/16 gives 63 (6.3%).  -1 when
 * answers is 0.
 */
int	evaluation_tenths(long satisfied, long answers);

/* Writes a rate in tenths as "66.7%", or "—" for -1. */
void	evaluation_rate_fmt(int tenths, char out[16]);

#endif
