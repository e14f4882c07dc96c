/*
 * hotline.h -- the figures of 12356 hotline months (DESIGN 8): counts
 * by channel, type, status and handling unit, closures and the days
 * they took, kept as aggregates: memory grows with the months, units
 * and distinct day counts, never with the records (prog_hotline.c
 * streams them in).
 */
#ifndef GONGKAI_HOTLINE_H
#define GONGKAI_HOTLINE_H

#include <stddef.h>

/* Calls handled by one unit. */
struct hl_cnt {
	size_t	unit;		/* site.units */
	long	n;
};

/* One month of one unit and everything under it. */
struct hl_month {
	int		 ym;		/* year * 12 + month - 1 */
	long		 total;
	long		 closed;	/* calls with the closing status */
	long		*by[3];		/* counts by channel, type, status
					   (indices into the config lists) */
	struct hl_cnt	*units;		/* by handling unit, first seen
					   first (hotline_sort_units) */
	size_t		 nunits, capunits;
	long		*days;		/* closed calls by days to close */
	size_t		 ndays;
};

/* A unit's months, by ym. */
struct hl_months {
	struct hl_month	*m;
	size_t		 n, cap;
};

/* What a month between two reported ones that has no file is called
 * (no records file: not a month of 0 calls). */
#define HOTLINE_MISSING	"未报送"

/* Month ym of ms, made empty (nby[i] counters for by[i]) if new. */
struct hl_month	*hotline_month(struct hl_months *ms, int ym,
		    const size_t nby[3]);
/* Month ym of ms, or NULL when it has none (no file reported it). */
const struct hl_month *hotline_find(const struct hl_months *ms, int ym);
/* Counts one call: idx[i] its channel, type and status, unit the
 * handling unit, closed with days to close (>= 0). */
void		 hotline_add(struct hl_month *m, const size_t idx[3],
		    size_t unit, int closed, long days);
/* Handling units by count, most first, then by unit index. */
void		 hotline_sort_units(struct hl_month *m);
void		 hotline_months_dispose(struct hl_months *ms);

/* Percent part / whole in tenths, rounded half up (0 when whole is 0):
 * 2 of 3 is 667, i.e. 66.7%. */
long		 hotline_rate10(long part, long whole);
/* Median days to close in tenths: the middle value, or the mean of the
 * two middle ones; -1 when nothing closed. */
long		 hotline_median10(const struct hl_month *m);

#endif
