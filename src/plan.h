/*
 * plan.h -- shards (DESIGN.md section 7): which units each of N builds
 * writes, and the small numbers the build's options take.
 *
 * Every unit goes to exactly one shard.  A subtree whose items fit in
 * a share goes whole; a bigger one is cut below its top unit, and its
 * pieces are dealt largest first to the least loaded shard (ties: the
 * lower shard, pieces in path order), so the plan depends only on the
 * units and their item counts.  A shard build computes the plan of the
 * site it loaded: the N shards of one commit always cover every unit
 * once, whatever `gongkai plan` printed elsewhere.
 */
#ifndef GONGKAI_PLAN_H
#define GONGKAI_PLAN_H

#include <stddef.h>

struct buf;
struct site;

/* The shard of every unit of site (an array of nunits, caller frees)
 * for nshards >= 1 shards. */
int		*plan_assign(const struct site *, int nshards);
/* Per unit, 1 if it is in shard i of n (caller frees); NULL after a
 * diagnostic if i is not below n. */
unsigned char	*plan_mine(const struct site *, int n, int i);
/* The plan as JSON: {shards, units, items, plan: [{shard, items,
 * units, subtrees: [dir...]}]} and a final newline; with only (not
 * NO_INDEX), of the units of that unit's subtree, as `build --unit
 * --shard` writes them. */
void		 plan_json(const struct site *, int nshards, size_t only,
		    struct buf *out);

/* The default number of workers: $GONGKAI_JOBS when it is a number
 * from 1 to 1024, else the online CPUs (at least 1, at most 64). */
int		 plan_cpus(void);
/* 0 if $GONGKAI_JOBS is unset, empty or such a number; else says so
 * and returns -1: a typo must not pass for the default. */
int		 plan_jobs_env(void);
/* s as a decimal number from lo to hi, or -1. */
int		 plan_number(const char *s, int lo, int hi);
/* "I/N" (0 <= I < N <= 65536) into *i and *n.  0, or -1 after a
 * diagnostic. */
int		 plan_shard_arg(const char *s, int *i, int *n);

#endif
