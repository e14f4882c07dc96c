/*
 * par.c -- a pass split over forked worker processes; see par.h.
 */
#define _GNU_SOURCE	/* memfd_create */
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "par.h"
#include "util.h"

void *
par_shared(size_t len)
{
	void	*p;

	p = mmap(NULL, len ? len : 1, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

int
par_file_quiet(const char *what)
{
	return memfd_create(what, MFD_CLOEXEC);
}

int
par_file(const char *what)
{
	int	fd = par_file_quiet(what);

	if (fd == -1)
		diag_fatal("cannot create a temporary file: %s",
		    strerror(errno));
	return fd;
}

void
par_unshare(void *p, size_t len)
{
	if (p != NULL)
		munmap(p, len ? len : 1);
}

struct par {
	pid_t	*pid;
	int	 n;
};

struct par *
par_start(int n, void (*fn)(void *, int, int), void *arg)
{
	struct par	*p = xcalloc(1, sizeof(*p));
	pid_t		 self = getpid();
	int		 k, null;

	p->pid = xcalloc((size_t)n, sizeof(*p->pid));
	p->n = n;
	fflush(stdout);
	fflush(stderr);
	for (k = 0; k < n; k++)
		if ((p->pid[k] = fork()) == 0) {
			if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 ||
			    getppid() != self)
				_exit(1);
			if ((null = open("/dev/null", O_WRONLY |
			    O_CLOEXEC)) != -1)
				dup2(null, STDERR_FILENO);
			fn(arg, k, n);
			_exit(0);
		}
	return p;
}

void
par_wait(struct par *p, int kill_them)
{
	int	k, st;

	if (p == NULL)
		return;
	for (k = 0; k < p->n; k++)
		if (p->pid[k] > 0 && kill_them)
			(void)kill(p->pid[k], SIGKILL);
	/* (with SIGCHLD ignored, waitpid waits for all, then fails) */
	for (k = 0; k < p->n; k++)
		if (p->pid[k] > 0)
			while (waitpid(p->pid[k], &st, 0) == -1 &&
			    errno == EINTR)
				;
	free(p->pid);
	free(p);
}

void
par_run(int n, void (*fn)(void *, int, int), void *arg)
{
	par_wait(par_start(n, fn, arg), 0);
}
