/*
 * main.c -- the command table: gongkai COMMAND [OPTIONS] [ARGS].
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "util.h"

static const struct command {
	const char	*name;	/* as typed */
	int		(*run)(int, char **);
	const char	*what;	/* one line for --help */
	int		 site;	/* 1: works on a whole site (huge_pages) */
} commands[] = {
	{ "build", cmd_build, "build the sites of what reviewers approved", 1 },
	{ "check", cmd_check, "validate the working tree", 0 },
	{ "status", cmd_status, "show what is published and what waits", 1 },
	{ "approve", cmd_approve, "make a signed approval commit", 0 },
	{ "print", cmd_print, "print and display outputs of one unit", 0 },
	{ "new", cmd_new, "scaffold an item with the next index number", 0 },
	{ "report", cmd_report, "completeness and timeliness of every unit", 1 },
	{ "serve", cmd_serve, "preview on 127.0.0.1, rebuilt on change", 1 },
	{ "diff", cmd_diff, "published text against the live text", 0 },
	{ "plan", cmd_plan, "which units each of N shard builds writes", 0 },
	{ NULL, NULL, NULL, 0 }
};

#define HUGETLB	"glibc.malloc.hugetlb="

/*
 * A rebuild of 100,000 items touched over a gigabyte of fresh heap in
 * its processes, a page fault each 4 KiB (378,000; each costs a few
 * microseconds on a virtual machine): with transparent huge pages for
 * the heap, 60,000, and the rebuild took a quarter less time
 * (bench/README.md).  glibc gives its heap huge pages when its tunable
 * glibc.malloc.hugetlb is 1, and reads tunables only as a program
 * starts: so a command that works on a whole site starts once more
 * with it set.  A tunable the caller set is left alone (hugetlb=0
 * turns this off); if the program cannot be started again, it goes on
 * as it is.
 */
static void
huge_pages(char **argv)
{
	const char	*old = getenv("GLIBC_TUNABLES");
	char		*v;

	if (old != NULL && strstr(old, HUGETLB) != NULL)
		return;
	v = old != NULL && *old != '\0' ? xasprintf("%s:" HUGETLB "1", old) :
	    xstrdup(HUGETLB "1");
	if (setenv("GLIBC_TUNABLES", v, 1) == 0) {
		execv("/proc/self/exe", argv);
		if (old != NULL)
			setenv("GLIBC_TUNABLES", old, 1);
		else
			unsetenv("GLIBC_TUNABLES");
	}
	free(v);
}

static int
help(FILE *f)
{
	const struct command	*c;

	fputs("usage: gongkai COMMAND [OPTIONS] [ARGS]\n\n"
	    "Turns a git repository of disclosure items into static sites\n"
	    "and print pages, publishing only what reviewers approved.\n\n"
	    "commands:\n", f);
	for (c = commands; c->name != NULL; c++)
		fprintf(f, "  %-8s %s\n", c->name, c->what);
	fputs("\n'gongkai COMMAND --help' describes a command; "
	    "see also gongkai(1), gongkai(5).\n", f);
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

/*
 * Every command writes its answer to stdout through stdio, which only
 * says at the end whether the bytes got out (a full disk, a closed
 * pipe): a script must not take a cut-short answer for a whole one.
 * Returns rc, or EXIT_CONTENT if stdout could not be written.
 */
static int
finish(int rc)
{
	int	bad;

	errno = 0;
	bad = ferror(stdout);
	if (fclose(stdout) == EOF || bad) {
		/* A command that failed has said why already. */
		if (rc != EXIT_OK)
			return rc;
		diag_fatal("cannot write to standard output: %s",
		    errno != 0 ? strerror(errno) : "write error");
		return EXIT_CONTENT;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	const struct command	*c;

	/* Past a file-size limit (ulimit -f) a write fails with EFBIG and
	 * is reported with its path, as a full disk is, instead of the
	 * signal killing the build. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2)
		return help(stderr);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0)
		return finish(help(stdout));
	if (strcmp(argv[1], "--version") == 0) {
		puts("gongkai " GONGKAI_VERSION);
		return finish(EXIT_OK);
	}
	for (c = commands; c->name != NULL; c++)
		if (strcmp(argv[1], c->name) == 0) {
			if (c->site)
				huge_pages(argv);
			return finish(c->run(argc - 1, argv + 1));
		}
	fprintf(stderr, "gongkai: '%s' is not a gongkai command; see "
	    "'gongkai --help'\n", argv[1]);
	return EXIT_USAGE;
}
