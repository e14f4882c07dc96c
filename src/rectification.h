/*
 * rectification.h -- rectification/<slug>.md: a rectification (整改,
 * seed 四（二）): what caused it (an evaluation, a hotline month, a
 * reporting case, a media report, the supervisors, a report) and which
 * record, when it was found, its deadline, its status, and how the
 * result was fed back to the public; the body says what was done.
 */
#ifndef GONGKAI_RECTIFICATION_H
#define GONGKAI_RECTIFICATION_H

#include <stddef.h>

struct arena;

/* What may cause a rectification: the programmes it can cite. */
enum rect_cause {
	RC_EVALUATION,
	RC_HOTLINE,
	RC_REPORTING,
	RC_MEDIA,
	RC_SUPERVISORS,
	RC_REPORT,
	RC_NCAUSES
};
extern const char *const rect_cause_names[RC_NCAUSES];

/* The statuses: 整改中 (open) and 已完成 (done). */
extern const char *const rect_status_names[2];

struct rectification {
	const char	*path;
	const char	*slug;
	const char	*title;
	enum rect_cause	 cause;
	const char	*ref;	     /* "<unit>/<programme>/<record>", the
				        record it answers, e.g.
				        "a/evaluation/2026-farmers" or
				        "a/hotline/2026-09" */
	const char	*ref_part;   /* what follows '#' in ref (a hotline
				        type, a case number), or NULL */
	int		 ref_line, ref_col;
	long		 found;	     /* day found */
	long		 deadline;   /* day it must be done by */
	int		 done;	     /* status 已完成 */
	long		 completed;  /* day done, NO_DATE while open */
	const char	*feedback;   /* how the result was fed back */
	int		 body_line;
};

/*
 * Parses a rectification item (front matter, Markdown body; privacy-
 * scanned).  ref must name a record of the cause's programme
 * ("<unit>/<cause>/<record>"); whether it exists is for the caller.
 * A done rectification needs completed and feedback; an open one may
 * have neither.  found and completed may not be after day today
 * (NO_DATE: no limit); the deadline may.  Returns 0 or -1.
 */
int	rectification_parse(const char *path, const char *text, size_t len,
	    long today, struct arena *, struct rectification *r);

/* 1 if r is still open after its deadline on day. */
int	rectification_overdue(const struct rectification *r, long day);

/* ref's unit dir and record: "a/b/evaluation/x#y" gives unit "a/b"
 * and record "x" (caller frees both). */
void	rectification_ref_split(const struct rectification *r,
	    char **unit, char **record);

#endif
