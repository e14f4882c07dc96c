/*
 * cmd_build.c -- gongkai build: load the content, render every output
 * into a temporary folder, swap it into place.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "cmd.h"
#include "diag.h"
#include "fsout.h"
#include "gate.h"
#include "out.h"
#include "pubsrc.h"
#include "repo.h"
#include "report.h"
#include "site.h"
#include "source.h"
#include "theme.h"
#include "util.h"

static const char usage[] = "gongkai build [--ref REF] [--trust FILE] "
    "[--out DIR] [--unit PATH] [--theme DIR] [--preview] "
    "[--accept-rewrite] [REPO]";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Builds the disclosure sites of REPO (default .) into DIR\n"
	    "(default site-out), atomically: a failed build leaves the old\n"
	    "site in place.\n\n"
	    "  --ref REF      commit to build (default HEAD)\n"
	    "  --trust FILE   administrators' public keys: the trust root\n"
	    "  --out DIR      output folder (default site-out)\n"
	    "  --unit PATH    build only this unit and its sub-units\n"
	    "  --theme DIR    use the theme in folder DIR, not the one\n"
	    "                 config.yaml names\n"
	    "  --preview      build the working tree without the approval\n"
	    "                 gate; every page is marked as unapproved\n"
	    "  --accept-rewrite\n"
	    "                 build REF even though its first-parent\n"
	    "                 history no longer holds the commit of the\n"
	    "                 previous build into DIR\n\n"
	    "Exit status: 0 success, 1 content or gate errors, 2 usage.\n",
	    usage);
	return EXIT_OK;
}

struct build_opts {
	const char	*ref;		/* --ref */
	const char	*trust;		/* --trust */
	const char	*out;		/* --out */
	const char	*unit;		/* --unit */
	int		 preview;	/* --preview */
	const char	*theme;		/* --theme */
	int		 accept_rewrite; /* --accept-rewrite */
	const char	*repo;		/* REPO */
};

/* Renders the site of src into opts->out.  Returns an exit status. */
static int
build(const struct build_opts *o, struct source *src,
    const struct gate *gate, struct repo *repo, const char *version,
    long today)
{
	struct config	*cfg = NULL;
	struct site	*site = NULL;
	struct theme	*theme = NULL;
	struct fsout	*fs = NULL;
	struct out_ctx	 ctx;
	struct report	*report = NULL;
	struct report_wait *waits = NULL;
	size_t		 nwaits = 0;
	char		*cache = NULL;
	int		 rc = EXIT_CONTENT;

	if (cmd_load(src, &cfg, &site) == -1)
		goto out;
	memset(&ctx, 0, sizeof(ctx));
	ctx.only = NO_INDEX;
	if (o->unit != NULL &&
	    (ctx.only = cmd_find_unit(site, "--unit ", o->unit)) == NO_INDEX) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (theme_open(src, cfg->theme, o->theme, &theme) == -1 ||
	    theme_complete(theme) == -1)
		goto out;
	if (fsout_open(o->out, &fs) == -1)
		goto out;
	ctx.site = site;
	ctx.src = src;
	ctx.fs = fs;
	ctx.tmpl = theme_tmpl(theme);
	ctx.theme = theme;
	ctx.preview = o->preview;
	ctx.today = today;
	ctx.version = version;
	ctx.gate = gate;
	ctx.pdf_cache = cache = out_print_cache_dir(o->repo);
	/* waiting items come from the gate; a preview cannot know them */
	if (gate != NULL && out_report_waits(gate, repo, &waits,
	    &nwaits) == -1)
		goto out;
	report = report_new(site, today, gate != NULL ? waits : NULL,
	    nwaits);
	ctx.report = report;
	if (out_web_render(&ctx) == -1 || out_prov_render(&ctx) == -1 ||
	    out_print_render(&ctx) == -1 || out_display_render(&ctx) == -1 ||
	    out_report_render(&ctx) == -1)
		goto out;
	if (fsout_commit(fs) == -1) {
		fs = NULL;
		goto out;
	}
	fs = NULL;
	rc = EXIT_OK;
out:
	fsout_abort(fs);
	report_free(report);
	free(waits);
	theme_free(theme);
	free(cache);
	site_free(site);
	cfg_free(cfg);
	return rc;
}

int
cmd_build(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ref", required_argument, NULL, 'r' },
		{ "trust", required_argument, NULL, 't' },
		{ "out", required_argument, NULL, 'o' },
		{ "unit", required_argument, NULL, 'u' },
		{ "preview", no_argument, NULL, 'p' },
		{ "theme", required_argument, NULL, 'T' },
		{ "accept-rewrite", no_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct build_opts o = { "HEAD", NULL, "site-out", NULL, 0, NULL, 0,
	    "." };
	struct cmd_src	 cs;
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
		case 'u':
			o.unit = optarg;
			break;
		case 'p':
			o.preview = 1;
			break;
		case 'T':
			o.theme = optarg;
			break;
		case 'A':
			o.accept_rewrite = 1;
			break;
		case 'h':
			return help();
		default:
			return cmd_usage(usage);
		}
	if (argc - optind > 1)
		return cmd_usage(usage);
	if (argc - optind == 1)
		o.repo = argv[optind];
	if ((rc = cmd_src_open(o.repo, o.ref, o.trust, o.preview, o.out,
	    o.accept_rewrite, "build", &cs)) != EXIT_OK)
		return rc;
	rc = build(&o, cs.src, cs.gate, cs.repo, cs.version, cs.today);
	cmd_src_close(&cs);
	return rc;
}
