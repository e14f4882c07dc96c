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

void
par_run(int n, void (*fn)(void *, int, int), void *arg)
{
	pid_t	*pid, self = getpid();
	int	 k, st, null;

	pid = xcalloc((size_t)n, sizeof(*pid));
	fflush(stdout);
	fflush(stderr);
	for (k = 0; k < n; k++)
		if ((pid[k] = fork()) == 0) {
			if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 ||
			    getppid() != self)
				_exit(1);
			if ((null = open("/dev/null", O_WRONLY |
			    O_CLOEXEC)) != -1)
				dup2(null, STDERR_FILENO);
			fn(arg, k, n);
			_exit(0);
		}
	/* (with SIGCHLD ignored, waitpid waits for all, then fails) */
	for (k = 0; k < n; k++)
		if (pid[k] > 0)
			while (waitpid(pid[k], &st, 0) == -1 && errno == EINTR)
				;
	free(pid);
}
