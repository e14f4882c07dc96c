/*
 * supervisors.h -- supervisors/roster.yaml: the conduct supervisors
 * (行风监督员, seed 三（三）) of a unit, their term, and the meetings
 * at which they were heard.
 */
#ifndef GONGKAI_SUPERVISORS_H
#define GONGKAI_SUPERVISORS_H

#include <stddef.h>

struct arena;
struct config;

struct supervisor {
	const char	*name;
	const char	*category;	/* one of config's categories */
	const char	*affiliation;	/* 工作单位或身份, or NULL */
};

/* The meeting kinds of the seed: 座谈会, 民主评议, 调研. */
#define SUP_NKINDS 3
extern const char *const supervisors_meeting_kinds[SUP_NKINDS];

struct sup_meeting {
	long		 date;		/* day number */
	int		 kind;		/* index into the meeting kinds */
	const char	*topic;
	long		 opinions;	/* 意见建议 raised */
	long		 adopted;	/* of them adopted (采纳) */
	const char	*summary;	/* Markdown, or NULL */
};

struct roster {
	const char		*path;
	const char		*term;	   /* 聘期, e.g. "2025—2027年" */
	struct supervisor	*members;
	size_t			 nmembers;
	struct sup_meeting	*meetings; /* sorted by date, newest first */
	size_t			 nmeetings;
	long			 opinions, adopted; /* totals */
};

/*
 * Parses a roster.yaml (into arena).  Members need a name and a
 * category from config.yaml 'supervisors.categories' (any when it lists
 * none); meetings a date not after day today (NO_DATE: no limit), a
 * known kind, a topic, and no more opinions adopted than raised.
 * Returns 0 or -1.
 */
int	supervisors_parse(const char *path, const char *text, size_t len,
	    const struct config *, long today, struct arena *,
	    struct roster *r);

#endif
