/*
 * cmd_check.c -- gongkai check [REPO]: validate the working tree and
 * print every diagnostic, not only the first.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cfg.h"
#include "cmd.h"
#include "idxhist.h"
#include "site.h"
#include "source.h"
#include "theme.h"

static const char usage[] = "gongkai check [REPO]";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Validates config.yaml and every unit, item and attachment under\n"
	    "content/ of the working tree at REPO (default .), and the theme\n"
	    "a preview would use, and prints every problem as\n"
	    "path:line:col: error: message.  In a git\n"
	    "work tree, index numbers must also match their unit's format\n"
	    "and be unique in the unit across the history of HEAD.\n\n"
	    "Exit status: 0 no errors, 1 errors found, 2 usage error.\n",
	    usage);
	return EXIT_OK;
}

int
cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct source	*src = NULL;
	struct config	*cfg = NULL;
	struct site	*site = NULL;
	struct theme	*theme = NULL;
	const char	*repo = ".";
	int		 c, rc = EXIT_CONTENT, bad;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		switch (c) {
		case 'h':
			return help();
		default:
			return cmd_usage(usage);
		}
	if (argc - optind > 1)
		return cmd_usage(usage);
	if (argc - optind == 1)
		repo = argv[optind];
	if (source_fs_open(repo, &src) == -1)
		goto out;
	if (cmd_load(src, &cfg, &site) == -1)
		goto out;
	/* The theme a preview would use: its templates compile, and it
	 * holds no link.  Then index numbers against their format and
	 * the git history. */
	bad = theme_open(src, cfg->theme, NULL, &theme) == -1;
	if (idxhist_check(repo, src, site) == -1 || bad)
		goto out;
	printf("%zu units, %zu items, %zu attachments: no errors\n",
	    site->nunits, site->nitems, site->natts);
	rc = EXIT_OK;
out:
	theme_free(theme);
	site_free(site);
	cfg_free(cfg);
	source_free(src);
	return rc;
}
