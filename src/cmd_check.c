/*
 * cmd_check.c -- gongkai check [REPO]: validate the working tree and
 * print every diagnostic, not only the first.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "cmd.h"
#include "diag.h"
#include "glyphs.h"
#include "idxhist.h"
#include "pdf.h"
#include "prog.h"
#include "site.h"
#include "source.h"
#include "theme.h"

static const char usage[] = "gongkai check [REPO]";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Validates config.yaml, the theme, and every unit, item and\n"
	    "attachment under content/ of the working tree at REPO with the\n"
	    "links in the items' text, and prints every problem as\n"
	    "path:line:col: error: message.  No errors means that\n"
	    "'gongkai build --preview' succeeds.  In a git work tree, index\n"
	    "numbers must also match their unit's format and be unique in\n"
	    "the unit across the history of HEAD.  Records of the programmes\n"
	    "are checked as of the day a preview build takes (SOURCE_DATE_EPOCH,\n"
	    "else the clock): none may be dated after it.  Warnings say what\n"
	    "would show other than meant: a link whose destination holds a\n"
	    "space (shown as text), Chinese text indented by four spaces\n"
	    "(shown as code), a character no print font has in an\n"
	    "item with a board or handout (printed as an empty box).\n\n"
	    "Without REPO, the repository is the nearest folder up from\n"
	    "the current one that holds config.yaml and content/, and paths\n"
	    "are shown from the current folder.\n\n"
	    "Exit status: 0 no errors, 1 errors found, 2 usage error.\n",
	    usage);
	return EXIT_OK;
}

/* The ending of a count's noun. */
static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/*
 * Warns of the characters that would print as empty boxes in an item
 * that has a board or a handout, as a print build does.  The fonts
 * (*arg) are loaded for the first such item.
 */
static void
check_glyphs(void *arg, const struct item *it, const struct item_body *body)
{
	struct pdf_fonts	**fonts = arg;

	if (!(it->outputs & (OUT_BOARD | OUT_HANDOUT)))
		return;
	if (*fonts == NULL)
		*fonts = pdf_fonts_new();
	glyphs_say_lacking(*fonts, it, body);
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
	struct pdf_fonts *fonts = NULL;
	struct cmd_args	 a;
	const char	*repo = NULL;
	int		 c, rc = EXIT_CONTENT;

	cmd_args_init(&a, argc, argv, usage, "h", opts);
	while ((c = cmd_args_next(&a)) != -1)
		switch (c) {
		case 'h':
			return help();
		default:
			return EXIT_USAGE;
		}
	if (cmd_operand(argc, argv, &repo, "check takes one REPO folder") ==
	    -1)
		return cmd_usage(usage);
	if (repo == NULL)
		repo = cmd_repo(CMD_FIND_TREE);
	if (source_fs_open(repo, &src) == -1)
		goto out;
	if (cmd_load(src, &cfg, &site) == -1)
		goto out;
	/*
	 * What only a build would find otherwise: the theme a preview
	 * would use (its templates compile, it holds no link), links in
	 * bodies.  Then index numbers against their format and the git
	 * history.  Each reports all it finds.
	 */
	if ((theme_open(src, cfg->theme, NULL, &theme) == -1 ||
	    theme_complete(theme) == -1) |
	    (site_check_links(src, site, check_glyphs, &fonts) == -1) |
	    (prog_run(site, src, NULL, cmd_today()) == -1) |
	    (idxhist_check(repo, src, site) == -1))
		goto out;
	printf("%zu unit%s, %zu item%s, %zu attachment%s: no errors",
	    site->nunits, plural(site->nunits), site->nitems,
	    plural(site->nitems), site->natts, plural(site->natts));
	if (diag_warned() > 0)
		printf(", %lu warning%s", diag_warned(),
		    plural(diag_warned()));
	putchar('\n');
	rc = EXIT_OK;
out:
	if (fonts != NULL)
		pdf_fonts_free(fonts);
	theme_free(theme);
	site_free(site);
	cfg_free(cfg);
	source_free(src);
	return rc;
}
