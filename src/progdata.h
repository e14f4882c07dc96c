/*
 * progdata.h -- the records of the programmes of seed sections 二 and
 * 三（二）-四 (evaluation, reporting, supervisors, media, rectification,
 * leadership, assessment), loaded once from the site's programme files
 * (prog.h), checked against each other (an evaluation's subject is a
 * unit, a rectification's ref names a record that exists, an
 * assessment lists subordinate units), and kept for the pages that
 * need them together: the programmes' own pages (prog_records.c), the
 * unit homes, the report's gaps and the annual report.
 *
 * All strings live in the progdata's arena.  Every array is in the
 * order of the files' paths.
 */
#ifndef GONGKAI_PROGDATA_H
#define GONGKAI_PROGDATA_H

#include <stddef.h>

#include "assessment.h"
#include "evaluation.h"
#include "leadership.h"
#include "media.h"
#include "rectification.h"
#include "reporting.h"
#include "supervisors.h"

struct arena;
struct buf;
struct site;
struct source;

struct pd_eval {
	size_t			unit;	  /* organiser */
	size_t			subject;  /* unit evaluated, or NO_INDEX
					     when it is not published (a
					     gated site) */
	struct evaluation	e;
};

struct pd_proc {
	size_t			unit;
	struct rep_procedure	p;
};

struct pd_cases {
	size_t			unit;
	struct rep_cases	c;
};

struct pd_roster {
	size_t			unit;
	struct roster		r;
};

struct pd_media {
	size_t			unit;
	struct media		m;
};

struct pd_rect {
	size_t			unit;
	size_t			ref_unit; /* the unit ref names, or
					     NO_INDEX when ref names
					     nothing published (a gated
					     site) */
	const char		*ref_record; /* its record part */
	const char		*ref_text; /* when ref names nothing
					      published (a gated site): the
					      plain text shown for it, not a
					      link; else NULL */
	struct rectification	r;
};

struct pd_lead {
	size_t			unit;
	struct leadership	l;
};

struct pd_assess {
	size_t			unit;
	struct assessment	a;
};

/* A Markdown file's text, as loaded (progdata_text). */
struct pd_text {
	const char	*path;
	const char	*text;	/* NUL-terminated, in the arena */
	size_t		 len;
};

struct progdata {
	struct arena		*arena;
	struct pd_eval		*evals;
	size_t			 nevals;
	struct pd_proc		*procs;
	size_t			 nprocs;
	struct pd_cases		*cases;
	size_t			 ncases;
	struct pd_roster	*rosters;
	size_t			 nrosters;
	struct pd_media		*media;
	size_t			 nmedia;
	struct pd_rect		*rects;
	size_t			 nrects;
	struct pd_lead		*leads;
	size_t			 nleads;
	struct pd_assess	*assess;
	size_t			 nassess;
	struct pd_text		*texts;	/* the .md files, by path */
	size_t			 ntexts;
};

/*
 * Reads and checks every file of these programmes in site s through
 * src as of day today (the build's: no record dated after it),
 * reporting every problem as path:line:col.  In a gated site
 * (site.gated), a rectification's ref to a record that is not published
 * (it may wait for approval) is a warning and shown as plain text
 * (pd_rect.ref_text): what is not approved cannot stop what is.
 * Returns 0 and a progdata
 * to free with progdata_free(), or -1 (nothing to free).
 */
int	progdata_load(const struct site *s, struct source *src, long today,
	    struct progdata **out);
void	progdata_free(struct progdata *);

/*
 * The text of Markdown programme file path as it was read and checked
 * (its length in *len), or NULL if none was loaded.  A page shows its
 * body from this, not from a second read: a file saved while a preview
 * builds must not put text nobody checked on a page.
 */
const char	*progdata_text(const struct progdata *, const char *path,
		    size_t *len);

/* The procedure of unit u, or NULL. */
const struct pd_proc	*progdata_proc(const struct progdata *, size_t u);
/* The leading group of unit u, or NULL. */
const struct pd_lead	*progdata_lead(const struct progdata *, size_t u);
/* The evaluation organised by unit u with slug slug, or NULL. */
const struct pd_eval	*progdata_eval(const struct progdata *, size_t u,
			    const char *slug);
/*
 * The name shown for e's subject: its unit's name, or, when the unit is
 * not published (a gated site), the folder the record names.
 */
const char	*progdata_subject_name(const struct site *,
		    const struct pd_eval *e);
/*
 * The figures of every evaluation of subject unit u dated in year (0:
 * any year) together: all satisfied answers over all answers.
 * out->tenths is -1 when there is none.
 */
void	progdata_subject_fig(const struct progdata *, size_t u, int year,
	    struct evalfig *out);

/* What a programme gap is about. */
enum pd_gap_kind {
	PD_GAP_RECT,	/* a rectification open past its deadline */
	PD_GAP_CASE,	/* a reporting case without feedback in time */
	PD_GAP_MEDIA	/* a media report answered late or not at all */
};

/* One programme gap: the rule's verdict on one record. */
struct pd_gap {
	enum pd_gap_kind kind;
	size_t		 unit;
	const char	*path;	/* the record's file (borrowed) */
	int		 line;	/* the case's line, or 0 */
	const char	*slug;	/* the record's page slug (rectification,
				   media), or NULL */
	const char	*name;	/* rectification or media title, case id */
	long		 date;	/* deadline, received, reported */
	long		 answered; /* media: responded, or NO_DATE */
	long		 limit;	/* feedback_days, respond_days, or 0 */
	long		 days;	/* overdue, or waiting, or to answer */
	char		*what;	/* the line after "path: " (owned) */
};

/*
 * The gaps on day today of the units in scope (NO_INDEX: all), in a
 * stable order (rectifications, cases, media; each in the order of
 * the files' paths): rectifications open past their deadline,
 * reporting cases past the procedure's feedback_days without
 * feedback, media reports answered (or unanswered) later than
 * media_days.  The one home of these rules: the text report, its
 * JSON and its pages all list these.  Sets *out (free with
 * progdata_gaps_free()); returns the count.
 */
size_t	progdata_gap_list(const struct progdata *, const struct site *s,
	    long today, size_t scope, struct pd_gap **out);
void	progdata_gaps_free(struct pd_gap *, size_t n);

/*
 * Appends one line "path[:line]: what" per gap of progdata_gap_list()
 * to out.  Returns the number of lines.
 */
size_t	progdata_gaps(const struct progdata *, const struct site *s,
	    long today, size_t scope, struct buf *out);

#endif
