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

#include "buf.h"
#include "cachedir.h"
#include "cfg.h"
#include "cmd.h"
#include "diag.h"
#include "fsout.h"
#include "gate.h"
#include "out.h"
#include "prov.h"
#include "repo.h"
#include "site.h"
#include "source.h"
#include "theme.h"
#include "util.h"

static const char usage[] = "gongkai print (--trust FILE [--ref REF] | "
    "--preview) [--out DIR] [--theme DIR] [--bleed MM] [--grey] "
    "[--accept-rewrite] [--quiet] "
    "(UNIT | --unit UNIT) "
    "[--repo REPO | REPO]";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Makes the print and display outputs of one unit (UNIT is its\n"
	    "folder under content/, alone, without its sub-units), from\n"
	    "what the approval gate publishes:\n\n"
	    "  DIR/<unit>/print/board.pdf, board.html      bulletin-board "
	    "poster\n"
	    "  DIR/<unit>/print/handout.pdf, handout.html  A4 handout\n"
	    "  DIR/<unit>/display/index.html, ticker.txt,\n"
	    "                     ticker.gb18030.txt      electronic display\n"
	    "  DIR/assets/print.css, display.css, display.js\n\n"
	    "each if the unit's level has that output.  DIR is replaced as a\n"
	    "whole when the run succeeds, so it defaults to print-out, not\n"
	    "to the site's site-out: a print run never clobbers a built site\n"
	    "(gongkai build makes the same files for every unit).\n\n"
	    CMD_OPTIONS_HELP("commit to print")
	    "                 (or give it as UNIT)\n"
	    "  --out DIR      output folder (default print-out)\n"
	    "  --theme DIR    use the theme in folder DIR, not the one\n"
	    "                 config.yaml names\n"
	    "  --bleed MM     bleed of MM millimetres (0-20) with crop marks,\n"
	    "                 TrimBox and BleedBox, for the print shop\n"
	    "  --grey         greyscale only (black toner)\n"
	    "  --repo REPO    content repository (or give it as REPO)\n"
	    "  --quiet        print errors only, not the line that says\n"
	    "                 what was made\n"
	    "  --accept-rewrite\n"
	    "                 print even though the first-parent history of\n"
	    "                 REF no longer holds the commit the last gated\n"
	    "                 print into DIR printed (DIR/provenance.json)\n\n"
	    "A board or handout is posted where people read it, so a gated\n"
	    "print, like a build, records its commit and refuses a rewritten\n"
	    "history, which could bring back withdrawn text.\n\n"
	    "PDF dates are the commit's date, so one commit gives the same\n"
	    "bytes every time.\n\n"
	    CMD_REPO_HELP
	    "Exit status: 0 success, 1 content or gate errors, 2 usage.\n",
	    usage);
	return EXIT_OK;
}

struct print_opts {
	struct cmd_opts	 c;		/* the shared options */
	const char	*out;		/* --out */
	double		 bleed;		/* --bleed */
	int		 grey;		/* --grey */
	const char	*repo;		/* --repo */
	int		 quiet;		/* --quiet */
	long		 start_ms;	/* when the command started */
};

/*
 * The one line that says what a print made, as a build's summary does:
 * which outputs of the unit, where, how many PDFs.  Called before the
 * commit, while fs still knows what it holds.
 */
static void
say_made(const struct print_opts *o, struct fsout *fs, const char *unit)
{
	static const struct {
		const char	*rel;	/* under the unit's folder */
		const char	*name;
	} made[] = {
		{ "print/board.pdf", "board" },
		{ "print/handout.pdf", "handout" },
		{ "display/index.html", "display" },
	};
	struct fsout_stats st;
	struct buf	 what = BUF_INIT;
	char		*rel;
	size_t		 i;

	if (o->quiet)
		return;
	for (i = 0; i < sizeof(made) / sizeof(made[0]); i++) {
		rel = xasprintf("%s/%s", unit, made[i].rel);
		if (fsout_exists(fs, rel))
			buf_printf(&what, "%s%s", what.len > 0 ? ", " : "",
			    made[i].name);
		free(rel);
	}
	fsout_stats(fs, &st);
	fprintf(stderr, "gongkai: printed '%s'%s into '%s/%s': %s; %zu "
	    "PDF%s, %.1f s\n", unit, o->c.preview ? " (preview)" : "",
	    o->out, unit, what.len > 0 ? what.data : "nothing", st.pdfs,
	    st.pdfs == 1 ? "" : "s",
	    (double)(mono_ms() - o->start_ms) / 1000.0);
	buf_dispose(&what);
}

/* Renders unit o->c.unit of the content in cs.  Returns an exit
 * status. */
static int
print_unit(const struct print_opts *o, const struct cmd_src *cs)
{
	struct config	*cfg = NULL;
	struct site	*site = NULL;
	struct theme	*theme = NULL;
	struct fsout	*fs = NULL;
	struct prov	*answer = NULL;
	struct out_ctx	 ctx;
	char		*cache = NULL;
	int		 rc = EXIT_CONTENT;

	if (cmd_load(cs->src, &cfg, &site) == -1)
		goto out;
	memset(&ctx, 0, sizeof(ctx));
	if ((ctx.only = cmd_find_unit(site, "", o->c.unit)) == NO_INDEX) {
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
	if (cmd_prov(cs, site, &answer) == -1)
		goto out;
	if (theme_open(cs->src, cfg->theme, o->c.theme, &theme) == -1 ||
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
	ctx.preview = o->c.preview;
	ctx.today = cs->today;
	ctx.version = cs->version;
	ctx.prov = answer;
	ctx.bleed_mm = o->bleed;
	ctx.pdf_cache = cache = cachedir_open("pdf", o->repo, NULL,
	    "every PDF is made anew");
	ctx.grey = o->grey;
	if (out_print_render(&ctx) == -1 || out_display_render(&ctx) == -1)
		goto out;
	/* the commit printed, first key "commit", as a build records it:
	 * the next gated print into DIR refuses a rewritten history */
	if (cs->gate != NULL) {
		char	 hex[OID_HEXSZ + 1], *rec;

		oid_fmt(hex, &cs->gate->head);
		rec = xasprintf("{\"commit\": \"%s\"}\n", hex);
		if (fsout_write(fs, "provenance.json", rec, strlen(rec)) ==
		    -1) {
			free(rec);
			goto out;
		}
		free(rec);
	}
	say_made(o, fs, site->units[ctx.only].dir);
	if (fsout_commit(fs) == -1) {
		fs = NULL;
		goto out;
	}
	fs = NULL;
	rc = EXIT_OK;
out:
	fsout_abort(fs);
	prov_free(answer);
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
		CMD_OPTIONS,
		{ "out", required_argument, NULL, 'o' },
		{ "theme", required_argument, NULL, 'T' },
		{ "bleed", required_argument, NULL, 'b' },
		{ "grey", no_argument, NULL, 'g' },
		{ "gray", no_argument, NULL, 'g' },
		{ "repo", required_argument, NULL, 'R' },
		{ "accept-rewrite", no_argument, NULL, 'A' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct print_opts o;
	struct cmd_args	 a;
	struct cmd_src	 cs;
	char		*end;
	int		 c, rc, nargs;

	memset(&o, 0, sizeof(o));
	o.start_ms = mono_ms();
	cmd_args_init(&a, argc, argv, usage, "hq", opts);
	while ((c = cmd_args_next(&a)) != -1)
		switch (c) {
		case 'o':
			o.out = optarg;
			break;
		case 'T':
			o.c.theme = optarg;
			break;
		case 'b':
			o.bleed = strtod(optarg, &end);
			if (end == optarg || *end != '\0' ||
			    !(o.bleed >= 0 && o.bleed <= 20))
				return cmd_args_fail(&a, "--bleed wants "
				    "millimetres from 0 to 20, not '%s'",
				    optarg);
			break;
		case 'g':
			o.grey = 1;
			break;
		case 'R':
			o.repo = optarg;
			break;
		case 'A':
			o.c.accept_rewrite = 1;
			break;
		case 'q':
			o.quiet = 1;
			diag_quiet(1);
			break;
		case 'h':
			return help();
		default:
			if (!cmd_opt(&o.c, c, optarg))
				return EXIT_USAGE;
		}
	/* UNIT [REPO], or with --unit just [REPO] */
	nargs = argc - optind;
	if (o.c.unit == NULL) {
		if (nargs < 1)
			return cmd_args_fail(&a, "print needs the UNIT to "
			    "print (its folder under content/)");
		o.c.unit = argv[optind++];
		nargs--;
	}
	if (nargs > 1)
		return cmd_args_fail(&a, "unexpected argument '%s': print "
		    "takes one UNIT and one REPO", argv[optind + 1]);
	if (nargs == 1 && o.repo != NULL && strcmp(o.repo, argv[optind]) != 0)
		return cmd_args_fail(&a, "REPO given twice ('%s' by --repo, "
		    "then '%s')", o.repo, argv[optind]);
	if (nargs == 1)
		o.repo = argv[optind];
	/* none given: the one around the current folder, and its
	 * print folder */
	if (o.repo == NULL)
		o.repo = cmd_repo(o.c.preview ? CMD_FIND_TREE : CMD_FIND_GIT);
	if (o.out == NULL)
		o.out = cmd_repo_file(o.repo, "print-out");
	if ((rc = cmd_out_check(o.out, o.repo)) != EXIT_OK)
		return rc;
	/* Boards and handouts are posted: the mainline only grows for
	 * them as for a site (DESIGN section 4).  A bulletin board once
	 * printed the text a withdrawal had taken down, from a ref an
	 * attacker had rewound, while build refused it. */
	if (!o.c.preview)
		o.c.out = o.out;
	if ((rc = cmd_src_open(o.repo, &o.c, "print", &cs)) != EXIT_OK)
		return rc;
	rc = print_unit(&o, &cs);
	cmd_src_end(&cs);
	return rc;
}
