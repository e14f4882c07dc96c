/*
 * leadership.h -- leadership.yaml: a unit's 阳光计生行动 leading group
 * (领导小组, seed 四（一）): who heads it, its deputies and members, its
 * office, and whether its funds are in the budget (纳入预算).
 */
#ifndef GONGKAI_LEADERSHIP_H
#define GONGKAI_LEADERSHIP_H

#include <stddef.h>

struct arena;

struct leadership {
	const char	 *path;
	const char	 *head;	     /* 组长, e.g. "李明（局长）" */
	const char	**deputies;  /* 副组长, NULL-terminated */
	size_t		  ndeputies;
	const char	**members;   /* 成员, NULL-terminated */
	size_t		  nmembers;
	const char	 *office;    /* 办公室 (where it sits, who runs it) */
	int		  budgeted;  /* 1: 经费纳入预算 */
	const char	 *note;	     /* Markdown, or NULL */
};

/* Parses a leadership.yaml (into arena).  Returns 0 or -1. */
int	leadership_parse(const char *path, const char *text, size_t len,
	    struct arena *, struct leadership *l);

#endif
