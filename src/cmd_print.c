/*
 * cmd_print.c -- gongkai print: the print and display outputs of one
 * unit, for print shops and for re-running one unit with print-shop
 * options (bleed and crop marks, greyscale).  Reads what the gate
 * publishes, exactly as build does, and writes into a folder of its
 * own (default print-out) so that it never replaces a built site.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "cmd.h"
#include "diag.h"
#include "fsout.h"
#include "out.h"
#include "site.h"
#include "source.h"
#include "theme.h"
#include "util.h"

static const char usage[] = "gongkai print [--ref REF] [--trust FILE] "
    "[--preview] [--out DIR] [--theme DIR] [--bleed MM] [--grey] UNIT "
    "[REPO]";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Makes the print and display outputs of one unit (UNIT is its\n"
	    "folder under content/), from what the approval gate publishes:\n\n"
	    "  DIR/<unit>/print/board.pdf, board.html      bulletin-board "
	    "poster\n"
	    "  DIR/<unit>/print/handout.pdf, handout.html  A4 handout\n"
	    "  DIR/<unit>/display/index.html, ticker.txt,\n"
	    "                     ticker.gb18030.txt      electronic display\n"
	    "  DIR/assets/print.css, display.css\n\n"
	    "each if the unit's level has that output.  DIR is replaced as a\n"
	    "whole when the run succeeds, so it defaults to print-out, not\n"
	    "to the site's site-out: a print run never clobbers a built site\n"
	    "(gongkai build makes the same files for every unit).\n\n"
	    "  --ref REF      commit to print (default HEAD)\n"
	    "  --trust FILE   administrators' public keys: the trust root\n"
	    "  --preview      the working tree without the approval gate;\n"
	    "                 every page is marked as unapproved\n"
	    "  --out DIR      output folder (default print-out)\n"
	    "  --theme DIR    use the theme in folder DIR, not the one\n"
	    "                 config.yaml names\n"
	    "  --bleed MM     bleed of MM millimetres (0-20) with crop marks,\n"
	    "                 TrimBox and BleedBox, for the print shop\n"
	    "  --grey         greyscale only (black toner)\n"
	    "  --repo REPO    content repository (default ., or REPO)\n\n"
	    "PDF dates are the commit's date, so one commit gives the same\n"
	    "bytes every time.\n\n"
	    "Exit status: 0 success, 1 content or gate errors, 2 usage.\n",
	    usage);
	return EXIT_OK;
}

struct print_opts {
	const char	*ref;		/* --ref */
	const char	*trust;		/* --trust */
	const char	*out;		/* --out */
	int		 preview;	/* --preview */
	const char	*theme;		/* --theme */
	double		 bleed;		/* --bleed */
	int		 grey;		/* --grey */
	const char	*repo;		/* --repo */
	const char	*unit;		/* UNIT */
};

/* Renders unit o->unit of the content in cs.  Returns an exit status. */
static int
print_unit(const struct print_opts *o, const struct cmd_src *cs)
{
	struct config	*cfg = NULL;
	struct site	*site = NULL;
	struct theme	*theme = NULL;
	struct fsout	*fs = NULL;
	struct out_ctx	 ctx;
	char		*cache = NULL;
	int		 rc = EXIT_CONTENT;

	if (cmd_load(cs->src, &cfg, &site) == -1)
		goto out;
	memset(&ctx, 0, sizeof(ctx));
	if ((ctx.only = cmd_find_unit(site, "", o->unit)) == NO_INDEX) {
		rc = EXIT_USAGE;
		goto out;
	}
	if ((site->units[ctx.only].level->outputs & (OUT_BOARD |
	    OUT_HANDOUT | OUT_DISPLAY)) == 0) {
		diag_fatal("'%s': level '%s' has no board, handout or "
		    "display output", site->units[ctx.only].dir,
		    site->units[ctx.only].level_id);
		goto out;
	}
	if (theme_open(cs->src, cfg->theme, o->theme, &theme) == -1 ||
	    theme_complete(theme) == -1)
		goto out;
	if (fsout_open(o->out, &fs) == -1)
		goto out;
	ctx.only_one = 1;
	ctx.site = site;
	ctx.src = cs->src;
	ctx.fs = fs;
	ctx.tmpl = theme_tmpl(theme);
	ctx.theme = theme;
	ctx.preview = o->preview;
	ctx.today = cs->today;
	ctx.version = cs->version;
	ctx.gate = cs->gate;
	ctx.bleed_mm = o->bleed;
	ctx.pdf_cache = cache = out_print_cache_dir(o->repo);
	ctx.grey = o->grey;
	if (out_print_render(&ctx) == -1 || out_display_render(&ctx) == -1)
		goto out;
	if (fsout_commit(fs) == -1) {
		fs = NULL;
		goto out;
	}
	fs = NULL;
	rc = EXIT_OK;
out:
	fsout_abort(fs);
	theme_free(theme);
	free(cache);
	site_free(site);
	cfg_free(cfg);
	return rc;
}

int
cmd_print(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ref", required_argument, NULL, 'r' },
		{ "trust", required_argument, NULL, 't' },
		{ "out", required_argument, NULL, 'o' },
		{ "preview", no_argument, NULL, 'p' },
		{ "theme", required_argument, NULL, 'T' },
		{ "bleed", required_argument, NULL, 'b' },
		{ "grey", no_argument, NULL, 'g' },
		{ "gray", no_argument, NULL, 'g' },
		{ "repo", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct print_opts o = { "HEAD", NULL, "print-out", 0, NULL, 0, 0,
	    ".", NULL };
	struct cmd_src	 cs;
	char		*end;
	int		 c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		switch (c) {
		case 'r':
			o.ref = optarg;
			break;
		case 't':
			o.trust = optarg;
			break;
		case 'o':
			o.out = optarg;
			break;
		case 'p':
			o.preview = 1;
			break;
		case 'T':
			o.theme = optarg;
			break;
		case 'b':
			o.bleed = strtod(optarg, &end);
			if (end == optarg || *end != '\0' ||
			    !(o.bleed >= 0 && o.bleed <= 20)) {
				diag_fatal("--bleed '%s': give millimetres "
				    "from 0 to 20", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'g':
			o.grey = 1;
			break;
		case 'R':
			o.repo = optarg;
			break;
		case 'h':
			return help();
		default:
			return cmd_usage(usage);
		}
	if (argc - optind < 1 || argc - optind > 2)
		return cmd_usage(usage);
	o.unit = argv[optind];
	if (argc - optind == 2)
		o.repo = argv[optind + 1];
	if ((rc = cmd_src_open(o.repo, o.ref, o.trust, o.preview, NULL, 1,
	    "print", &cs)) != EXIT_OK)
		return rc;
	rc = print_unit(&o, &cs);
	cmd_src_close(&cs);
	return rc;
}
