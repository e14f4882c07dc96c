/*
 * report.h -- catalogue completeness and timeliness (公开情况报告) and
 * the figures of the annual disclosure report (年度报告).
 *
 * report_new() judges every unit of a loaded site as of one day:
 * for every category of its level's catalogue, how many items it has,
 * the newest 发布日期, whether it is empty or overdue (its newest item
 * older than max_age_days), and which items are published late (more
 * than REPORT_LATE_WORKDAYS working days after their 成文日期), are
 * expired or repealed without a replacement, lack an index number, or
 * wait for approval.  Each unit gets a completeness figure (required
 * categories that are neither empty nor overdue) and a tally of its
 * subtree, computed bottom-up once; every unit knows the units below
 * it worst first.  Pure: no I/O, no clock; what waits for approval is
 * read from the published answer (prov.h) the caller hands in.
 *
 * The annual report's inputs that gongkai cannot know (requests,
 * appeals, fees) come from content/<unit>/annual/<year>.yaml files
 * (annual.h), parsed when the site loads.
 */
#ifndef GONGKAI_REPORT_H
#define GONGKAI_REPORT_H

#include <stddef.h>

struct annual;
struct prov;
struct prov_wait;
struct site;

/* Working days from 成文日期 to 发布日期 beyond which an item is late
 * (the usual deadline for proactive disclosure). */
#define REPORT_LATE_WORKDAYS	20

/* Why an item is pointed at (bits). */
enum report_flag {
	RF_LATE = 1 << 0,	/* published late */
	RF_STALE = 1 << 1,	/* expired or repealed, no replacement */
	RF_NOINDEX = 1 << 2	/* no 索引号 */
};

/* An item the report points at. */
struct report_note {
	size_t		 item;	   /* index into site.items */
	unsigned	 flags;	   /* enum report_flag bits */
	int		 workdays; /* 成文 to 发布 working days, or -1 */
};

/* One category of one unit. */
struct report_cat {
	size_t	 count;		/* items filed under it */
	long	 newest;	/* 发布日期 of the newest, or NO_DATE */
	long	 due;		/* last day the newest keeps it current
				   (newest + max_age_days), or NO_DATE */
	int	 required;	/* from the catalogue */
	int	 empty;		/* no item at all */
	int	 overdue;	/* today is after due */
	int	 gap;		/* required and (empty or overdue) */
	size_t	 late;		/* items published late */
	size_t	 stale;		/* expired/repealed, no replacement */
	size_t	 noindex;	/* items without an index number */
	size_t	 waiting;	/* paths waiting for approval */
	long	 wait_since;	/* start of the oldest waiting version,
				   or NO_DATE */
};

/* Sums over a set of units. */
struct report_tally {
	size_t	units;		/* units counted */
	size_t	items;		/* items they have */
	size_t	required;	/* required categories */
	size_t	ok;		/* of which neither empty nor overdue */
	size_t	gaps;		/* required - ok */
	size_t	empty;		/* required categories without items */
	size_t	overdue;	/* categories overdue (required or not) */
	size_t	late;		/* items published late */
	size_t	stale;		/* expired/repealed, no replacement */
	size_t	noindex;	/* items without an index number */
	size_t	waiting;	/* paths waiting for approval */
};

struct report_unit {
	struct report_cat   *cats;   /* one per catalogue category */
	struct report_tally  own;    /* this unit alone */
	struct report_tally  sub;    /* its subtree, itself included */
	struct report_note  *notes;  /* flagged items: catalogue order,
					newest first within a category */
	size_t		     nnotes;
	size_t		    *waits;  /* indices into report.waits, in
					their order */
	size_t		     nwaits;
	size_t		    *worst;  /* the units below it, worst first */
	size_t		     nworst;
	int		    *years;  /* annual report years, ascending
					(levels with `annual` only) */
	size_t		     nyears;
	long		     wait_since; /* oldest waiting start, or
					NO_DATE */
};

struct report {
	const struct site	*site;	  /* borrowed */
	long			 today;	  /* the day judged (day number) */
	int			 gated;	  /* 1: waits come from the gate;
					     0: unknown (working tree) */
	const struct prov_wait	*waits;	  /* the answer's (borrowed) */
	size_t			 nwaits;
	struct report_unit	*units;	  /* parallel to site.units */
	size_t			*worst;	  /* every unit, worst first */
	struct report_tally	 all;	  /* every unit */
};

/*
 * Judges site as of day today.  What waits for approval comes from
 * answer (which must outlive the report): each wait is filed under its
 * unit and category; when answer is not gated, waiting is unknown.
 * Linear in units and items (plus sorting).  Never fails; free with
 * report_free().
 */
struct report	*report_new(const struct site *site, long today,
		    const struct prov *answer);
void		 report_free(struct report *);

/* Completeness in whole percent (floor) of ok out of required; 100
 * when nothing is required. */
int		 report_percent(const struct report_tally *);

/*
 * Orders two units for a roll-up: < 0 if unit a is worse than b
 * (lower completeness, then more gaps, then more warnings, then
 * path order).
 */
int		 report_worse(const struct report *, size_t a, size_t b);

/* What the catalogue says about one unit's year. */
struct report_year {
	int		 year;
	int		 partial;   /* the year is not over on report.today */
	size_t		*percat;    /* items published per category (owned) */
	size_t		 items;	    /* items published in the year */
	size_t		 late;	    /* of which late */
	size_t		 noindex;   /* of which without an index number */
	int		 has_norm;  /* the catalogue has normative-docs */
	size_t		 norm_issued;	/* normative documents published */
	size_t		 norm_repealed;	/* repealed during the year */
	size_t		 norm_in_force;	/* in force on 31 December (or today) */
	const struct annual *in;    /* the unit's annual/<year>.yaml or NULL */
};

/* Fills y for unit u and year (free y->percat).  Linear in the unit's
 * items. */
void		 report_year(const struct report *, size_t u, int year,
		    struct report_year *y);

#endif
