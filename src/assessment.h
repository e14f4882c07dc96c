/*
 * assessment.h -- assessment/<year>.yaml: how a unit assessed its
 * subordinate units for the year (检查考核, seed 四（四）): a score and
 * rank each, and whether it lost the year's 评先评优 and why.
 */
#ifndef GONGKAI_ASSESSMENT_H
#define GONGKAI_ASSESSMENT_H

#include <stddef.h>

struct arena;
struct site;

struct assessed {
	const char	*unit;		/* dir of the unit assessed */
	int		 line, col;	/* where it is named */
	const char	*score;		/* as written: digits, 1 decimal max,
					   or NULL */
	long		 tenths;	/* the score in tenths, -1 if none */
	long		 rank;		/* 1 = best; 0 when not given */
	int		 rank_line, rank_col; /* where rank is given */
	int		 disqualified;	/* 取消评先评优资格 */
	const char	*reason;	/* required when disqualified */
};

struct assessment {
	const char	*path;
	int		 year;		/* from the file name */
	struct assessed	*rows;		/* in the file's order */
	size_t		 nrows;
	const char	*note;		/* Markdown, or NULL */
};

/*
 * Parses an assessment/<year>.yaml (into arena).  A score is a number
 * of 0 or more with at most one decimal (no upper bound: schemes with
 * bonus points pass 100); a rank a whole number from 1; two units of
 * one rank have the same score.  Reports each problem at its line and
 * column.  Returns 0 or -1.
 */
int	assessment_parse(const char *path, const char *text, size_t len,
	    struct arena *, struct assessment *a);

/*
 * Checks that every unit assessed exists and lies strictly under unit
 * `by` of site s (a unit assesses its subordinates), and that no unit
 * is listed twice.  In a gated site (site.gated) a unit that is not
 * published is a warning, not an error: it is shown by its folder, as
 * plain text (prog_assessment.c).  Returns 0 or -1 after diagnostics.
 */
int	assessment_check(const struct assessment *a, const struct site *s,
	    size_t by);

#endif
