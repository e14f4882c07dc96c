/*
 * reporting.h -- the rewarded reporting programme (有奖举报, seed
 * 三（二）): reporting/procedure.md (who accepts reports, through which
 * channels, the reward standard, within how many days the reporter
 * hears back; the body gives conditions and procedure) and
 * reporting/<year>.csv, the year's cases without any reporter's
 * identity: case,received,kind,verified,feedback,reward.
 */
#ifndef GONGKAI_REPORTING_H
#define GONGKAI_REPORTING_H

#include <stddef.h>

struct arena;

struct rep_procedure {
	const char	 *path;
	const char	 *title;
	const char	 *accepting_unit; /* 受理单位 */
	const char	**channels;	  /* 举报渠道, NULL-terminated */
	size_t		  nchannels;
	const char	 *reward_standard; /* 奖励标准 */
	long		  feedback_days;  /* 反馈期限, days */
	int		  body_line;
};

/* 查证结果: 属实, 不属实, 查处中. */
extern const char *const rep_verified_names[3];

struct rep_case {
	const char	*id;		/* 编号, e.g. "2026-003" */
	long		 received;	/* day */
	const char	*kind;		/* 举报事项类别 */
	int		 verified;	/* index into rep_verified_names */
	long		 feedback;	/* day fed back, or NO_DATE */
	long		 reward_fen;	/* reward in fen, -1 if none */
	int		 line;		/* its line in the file */
};

struct rep_cases {
	const char	*path;
	int		 year;		/* from the file name */
	struct rep_case	*cases;		/* in the file's order */
	size_t		 ncases;
};

/* The header a cases file must have, exactly. */
extern const char rep_cases_header[];

/* Parses a procedure.md (front matter and Markdown body; privacy-
 * scanned).  Returns 0 or -1. */
int	reporting_procedure_parse(const char *path, const char *text,
	    size_t len, struct arena *, struct rep_procedure *p);

/*
 * Checks one row of a cases file: cells are its n fields (already
 * decoded to UTF-8), line its line number; no date may be after day
 * today (NO_DATE: no limit).  Fills c (strings in arena).  Reports
 * each bad cell at path:line:col (col: 1-based field number turned
 * into the column where the field starts, given by cols, or NULL for
 * column 1), in the order of the cells.  Returns 0 or -1.
 */
int	reporting_case_parse(const char *path, int line, const char **cells,
	    const int *cols, size_t n, int year, long today, struct arena *,
	    struct rep_case *c);

/* 1 if case c has waited past feedback_days with no feedback on day. */
int	reporting_case_late(const struct rep_case *c, long feedback_days,
	    long day);

#endif
