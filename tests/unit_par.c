/*
 * unit_par.c -- a pass over forked workers: every element answered by
 * exactly the worker it belongs to, for any number of workers; nothing
 * a worker writes to stderr reaches ours; and the parent runs nothing
 * itself.  par_start and par_wait: the parent goes on while the workers
 * run, and workers killed by par_wait are waited for.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "par.h"
#include "t.h"

#define N	1000

struct job {
	unsigned char	*ans;	/* shared: per element, worker + 1 */
	pid_t		 parent;
};

static void
work(void *arg, int k, int n)
{
	struct job	*j = arg;
	size_t		 i;

	fprintf(stderr, "a worker is never heard\n");
	if (getpid() == j->parent)
		return;		/* would leave its elements unanswered */
	for (i = (size_t)k; i < N; i += (size_t)n)
		j->ans[i] += (unsigned char)(k + 1);
}

/* Waits in the worker until the parent lets it go (go[0] set). */
static void
held(void *arg, int k, int n)
{
	volatile unsigned char	*go = arg;

	(void)n;
	while (go[0] == 0)
		usleep(1000);
	go[1 + k] = 1;
}

/* Never ends by itself. */
static void
forever(void *arg, int k, int n)
{
	volatile unsigned char	*started = arg;

	(void)n;
	started[k] = 1;
	for (;;)
		pause();
}

int
main(void)
{
	struct job	j;
	size_t		i;
	int		n, ok;

	j.parent = getpid();
	for (n = 1; n <= 5; n++) {
		j.ans = par_shared(N);
		OK(j.ans != NULL);
		if (j.ans == NULL)
			break;
		par_run(n, work, &j);
		ok = 1;
		for (i = 0; i < N; i++)
			if (j.ans[i] != i % (size_t)n + 1)
				ok = 0;
		OK(ok);
		par_unshare(j.ans, N);
	}

	{
		volatile unsigned char	*go = par_shared(4);
		struct par		*p;
		int			 waited;

		OK(go != NULL);
		if (go == NULL)
			return T_DONE();
		/* the parent goes on: the workers wait for it */
		p = par_start(3, held, (void *)go);
		usleep(20000);
		OK(go[1] == 0 && go[2] == 0 && go[3] == 0);
		go[0] = 1;
		par_wait(p, 0);
		OK(go[1] == 1 && go[2] == 1 && go[3] == 1);
		/* killed workers are waited for, not left behind */
		memset((void *)go, 0, 4);
		p = par_start(2, forever, (void *)go);
		for (waited = 0; waited < 5000 && (go[0] == 0 || go[1] == 0);
		    waited++)
			usleep(1000);
		OK(go[0] == 1 && go[1] == 1);
		par_wait(p, 1);
		OK(1);		/* (would hang here) */
		par_wait(NULL, 1);
		par_unshare((void *)go, 4);
	}
	return T_DONE();
}
