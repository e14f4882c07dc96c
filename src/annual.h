/*
 * annual.h -- content/<unit>/annual/<year>.yaml: the parts of a unit's
 * annual disclosure report (政府信息公开工作年度报告) that gongkai
 * cannot work out from the catalogue (requests, appeals, fees), as the
 * site loads them beside units and items.  report.h turns them and the
 * catalogue into the report's figures.
 */
#ifndef GONGKAI_ANNUAL_H
#define GONGKAI_ANNUAL_H

#include <stddef.h>

struct arena;

/* The counts an annual/<year>.yaml may give; see gongkai(5). */
enum annual_count {
	AN_LICENSING,		/* proactive.licensing 行政许可决定 */
	AN_PENALTIES,		/* proactive.penalties 行政处罚决定 */
	AN_COERCION,		/* proactive.coercion 行政强制决定 */
	AN_RECEIVED,		/* requests.received 本年新收 */
	AN_CARRIED_OVER,	/* requests.carried_over 上年结转 */
	AN_GRANTED,		/* requests.granted 予以公开 */
	AN_PARTLY,		/* requests.partly_granted 部分公开 */
	AN_REFUSED,		/* requests.refused 不予公开 */
	AN_UNAVAILABLE,		/* requests.unavailable 无法提供 */
	AN_NOT_PROCESSED,	/* requests.not_processed 不予处理 */
	AN_OTHER_HANDLED,	/* requests.other 其他处理 */
	AN_CARRIED_FORWARD,	/* requests.carried_forward 结转下年度 */
	AN_REVIEW,		/* appeals.review.{upheld,corrected,
				   other,pending}: 4 slots */
	AN_SUIT = AN_REVIEW + 4, /* appeals.litigation.*: 4 slots */
	AN_SUIT2 = AN_SUIT + 4,	/* appeals.litigation_after_review.* */
	AN_FEE_NOTICES = AN_SUIT2 + 4, /* fees.notices 收费通知件数 */
	AN_NCOUNTS
};

/* Amounts, in yuan or 万元, kept as written (digits, 2 decimals max). */
enum annual_amount {
	AA_FEE_INCOME,		/* proactive.fee_income 行政事业性收费 万元 */
	AA_FEE_BILLED,		/* fees.billed 通知收取 元 */
	AA_FEE_COLLECTED,	/* fees.collected 实际收取 元 */
	AA_NAMOUNTS
};

/* The parts of one unit's annual report gongkai cannot know. */
struct annual {
	const char	*path;	  /* content/<unit>/annual/<year>.yaml */
	size_t		 unit;	  /* index into site.units */
	int		 year;	  /* from the file name */
	long		 n[AN_NCOUNTS];	/* -1: not given (未填报) */
	const char	*amount[AA_NAMOUNTS]; /* NULL: not given */
	const char	*summary;  /* 一、总体情况 text, or NULL */
	const char	*problems; /* 五、存在的主要问题及改进情况, or NULL */
	const char	*other;	   /* 六、其他需要报告的事项, or NULL */
};

/*
 * Parses the text of an annual/<year>.yaml at path into a (strings in
 * arena; a->path, unit and year are the caller's).  Unknown keys, bad
 * numbers and request figures that do not add up are reported as
 * path:line:col.  Returns 0 or -1.
 */
int	annual_parse(const char *path, const char *text, size_t len,
	    struct arena *, struct annual *a);

#endif
