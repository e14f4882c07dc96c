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
#include "plan.h"
#include "sig.h"
#include "util.h"

static const struct command {
	const char	*name;	/* as typed */
	int		(*run)(int, char **);
	const char	*what;	/* one line for --help */
} commands[] = {
	{ "build", cmd_build, "build the sites of what reviewers approved" },
	{ "check", cmd_check, "validate the working tree" },
	{ "status", cmd_status, "show what is published and what waits" },
	{ "approve", cmd_approve, "make a signed approval commit" },
	{ "print", cmd_print, "print and display outputs of one unit" },
	{ "new", cmd_new, "scaffold an item with the next index number" },
	{ "report", cmd_report, "completeness and timeliness of every unit" },
	{ "serve", cmd_serve, "preview on 127.0.0.1, rebuilt on change" },
	{ "diff", cmd_diff, "published text against the live text" },
	{ "plan", cmd_plan, "which units each of N shard builds writes" },
	{ NULL, NULL, NULL }
};

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
	fputs("\n'gongkai help COMMAND' (or 'gongkai COMMAND --help') "
	    "describes a command;\nsee also gongkai(1), gongkai(5).\n", f);
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

/* 1 if a command's arguments ask for its help (before any "--"):
 * that answers whatever the environment holds. */
static int
asks_help(int argc, char **argv)
{
	int	i;

	for (i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	const struct command	*c;

	/* Past a file-size limit (ulimit -f) a write fails with EFBIG and
	 * is reported with its path, as a full disk is, instead of the
	 * signal killing the build. */
	signal(SIGXFSZ, SIG_IGN);
	sig_process_init();
	if (argc < 2)
		return help(stderr);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    (strcmp(argv[1], "help") == 0 && argc == 2))
		return finish(help(stdout));
	if (strcmp(argv[1], "help") == 0) {
		/* "gongkai help build" is "gongkai build --help", as in git */
		char	*asked[] = { argv[2], "--help", NULL };

		if (argc > 3) {
			fputs("usage: gongkai help [COMMAND]\n", stderr);
			return EXIT_USAGE;
		}
		for (c = commands; c->name != NULL; c++)
			if (strcmp(argv[2], c->name) == 0)
				return finish(c->run(2, asked));
		fprintf(stderr, "gongkai: '%s' is not a gongkai command; "
		    "see 'gongkai --help'\n", argv[2]);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("gongkai " GONGKAI_VERSION);
		return finish(EXIT_OK);
	}
	for (c = commands; c->name != NULL; c++)
		if (strcmp(argv[1], c->name) == 0) {
			if (!asks_help(argc, argv) && plan_jobs_env() == -1)
				return EXIT_USAGE;
			return finish(c->run(argc - 1, argv + 1));
		}
	fprintf(stderr, "gongkai: '%s' is not a gongkai command; see "
	    "'gongkai --help'\n", argv[1]);
	return EXIT_USAGE;
}
