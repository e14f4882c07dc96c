/*
 * par.h -- a pass split over forked worker processes, for work that
 * only computes an answer per element: each worker writes its answers
 * into memory shared with the parent (par_shared), and the parent
 * takes what is there when all are done.  A worker says nothing (its
 * stderr goes nowhere) and keeps nothing else, so a pass is correct
 * whatever a worker manages: an element with no answer is one the
 * parent works out itself, in order, with its diagnostics.
 */
#ifndef GONGKAI_PAR_H
#define GONGKAI_PAR_H

#include <stddef.h>

/* len bytes of zeroed memory shared with workers forked later, or NULL
 * (then run the pass without them). */
void	*par_shared(size_t len);
void	 par_unshare(void *p, size_t len);

/*
 * An anonymous file (memfd, named what for /proc) shared with workers
 * forked later, for what is too big or too shapeless for par_shared:
 * a worker's report, or its part of an index.  -1 after a diagnostic.
 */
int	 par_file(const char *what);
/* The same, saying nothing: for a pass that only saves time with it. */
int	 par_file_quiet(const char *what);

/*
 * Runs fn(arg, k, n) for k = 0 .. n-1, each in a worker forked from
 * this process, which dies with it (kill -9 included); waits for them
 * all.  Nothing runs here: a worker that cannot be forked answers
 * nothing.
 */
void	 par_run(int n, void (*fn)(void *arg, int k, int n), void *arg);

/*
 * par_run in two halves, for a pass that runs while this process goes
 * on: par_start forks the workers (what they read of this process is
 * what it holds now) and par_wait waits for them, after killing them
 * if kill_them (their answers are then not wanted), and frees p (NULL:
 * nothing).
 */
struct par;
struct par *par_start(int n, void (*fn)(void *arg, int k, int n),
	    void *arg);
void	 par_wait(struct par *p, int kill_them);

#endif
