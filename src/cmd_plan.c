/*
 * cmd_plan.c -- gongkai plan --shards N: which units each of N shard
 * builds writes (plan.h), as JSON on stdout.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "cmd.h"
#include "diag.h"
#include "plan.h"
#include "site.h"

static const char usage[] = "gongkai plan --shards N [--trust FILE "
    "[--ref REF] | --preview] [--unit PATH] [REPO]";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Prints as JSON which units each of N shard builds (`gongkai\n"
	    "build --shard I/N`) writes: every unit in one shard, whole\n"
	    "subtrees together where they fit, balanced by items.  A shard\n"
	    "build computes the same plan from the site it loads.  With\n"
	    "--unit, the units below PATH that each `build --unit PATH\n"
	    "--shard I/N` writes.\n\n"
	    "  --shards N     number of shards (1 to 65536)\n"
	    CMD_OPTIONS_HELP("commit to plan")
	    "\nWithout --trust the working tree is read, as with --preview.\n\n"
	    "Without REPO, the repository is found from the current folder\n"
	    "as git finds its own: the nearest folder up that holds\n"
	    "config.yaml and content/, or with --trust the top of the git\n"
	    "work tree.\n\n"
	    "Exit status: 0 success, 1 content or gate errors, 2 usage.\n",
	    usage);
	return EXIT_OK;
}

int
cmd_plan(int argc, char **argv)
{
	static const struct option opts[] = {
		CMD_OPTIONS,
		{ "shards", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_opts	 o;
	struct cmd_src	 cs;
	struct config	*cfg = NULL;
	struct site	*site = NULL;
	struct buf	 b = BUF_INIT;
	struct cmd_args	 a;
	const char	*repo = NULL;
	size_t		 only = NO_INDEX;
	int		 c, n = 0, rc;

	memset(&o, 0, sizeof(o));
	cmd_args_init(&a, argc, argv, usage, "h", opts);
	while ((c = cmd_args_next(&a)) != -1)
		switch (c) {
		case 'n':
			if ((n = plan_number(optarg, 1, 65536)) == -1)
				return cmd_args_fail(&a, "--shards wants a "
				    "number from 1 to 65536, not '%s'", optarg);
			break;
		case 'h':
			return help();
		default:
			if (!cmd_opt(&o, c, optarg))
				return EXIT_USAGE;
		}
	if (n == 0)
		return cmd_args_fail(&a, "plan needs --shards N");
	if (cmd_operand(argc, argv, &repo, "plan takes one REPO folder") ==
	    -1)
		return cmd_usage(usage);
	if (o.trust == NULL)
		o.preview = 1;
	if (repo == NULL)
		repo = cmd_repo(o.preview ? CMD_FIND_TREE : CMD_FIND_GIT);
	o.accept_rewrite = 1;	/* a plan publishes nothing */
	if ((rc = cmd_src_open(repo, &o, "plan", &cs)) != EXIT_OK)
		return rc;
	rc = EXIT_CONTENT;
	if (cmd_load(cs.src, &cfg, &site) == -1)
		;
	else if (o.unit != NULL &&
	    (only = cmd_find_unit(site, "--unit ", o.unit)) == NO_INDEX)
		rc = EXIT_USAGE;
	else {
		plan_json(site, n, only, &b);
		fwrite(b.data, 1, b.len, stdout);
		rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_CONTENT;
	}
	buf_dispose(&b);
	site_free(site);
	cfg_free(cfg);
	cmd_src_end(&cs);
	return rc;
}
