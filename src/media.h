/*
 * media.h -- media/<slug>.md: a response to press or online reports
 * (舆情回应, seed 三（四）): what was reported where and when, when the
 * office responded, and (the body) what it found and did.
 */
#ifndef GONGKAI_MEDIA_H
#define GONGKAI_MEDIA_H

#include <stddef.h>

struct arena;

struct media {
	const char	*path;
	const char	*slug;
	const char	*title;
	const char	*source;	/* 媒体或平台, e.g. "示范日报" */
	long		 reported;	/* day it was reported */
	long		 responded;	/* day of the response, or NO_DATE */
	int		 body_line;	/* lines before the body */
};

/*
 * Parses a media item (front matter and Markdown body; the whole file
 * is privacy-scanned like any item).  responded may not be before
 * reported, and neither after day today (NO_DATE: no limit).  Returns
 * 0 or -1.
 */
int	media_parse(const char *path, const char *text, size_t len,
	    long today, struct arena *, struct media *m);

/* Days from report to response, or to day when still unanswered. */
long	media_days(const struct media *m, long day);

/* 1 if m is late on day: unanswered, or answered, more than
 * respond_days after it was reported. */
int	media_late(const struct media *m, long day, long respond_days);

#endif
