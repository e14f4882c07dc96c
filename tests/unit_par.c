/*
 * unit_par.c -- a pass over forked workers: every element answered by
 * exactly the worker it belongs to, for any number of workers; nothing
 * a worker writes to stderr reaches ours; and the parent runs nothing
 * itself.
 */
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
	return T_DONE();
}
