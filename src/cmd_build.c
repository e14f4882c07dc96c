/*
 * cmd_build.c -- gongkai build: load the content, render every output
 * into a temporary folder, swap it into place.
 */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cachedir.h"
#include "cfg.h"
#include "cmd.h"
#include "diag.h"
#include "fsout.h"
#include "memo.h"
#include "out.h"
#include "page.h"
#include "progdata.h"
#include "plan.h"
#include "prov.h"
#include "report.h"
#include "site.h"
#include "source.h"
#include "theme.h"
#include "util.h"
#include "val.h"

static const char usage[] = "gongkai build (--trust FILE [--ref REF] | "
    "--preview) [--unit PATH] [--out DIR] [--theme DIR] [--accept-rewrite] "
    "[--full] [--jobs N] [--quiet] [--shard I/N | --root-only] [REPO]";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Builds the disclosure sites of REPO into DIR (default\n"
	    "site-out), atomically: a failed build leaves the old\n"
	    "site in place.  Without --preview only what the approval gate\n"
	    "publishes under the --trust keys is read, from the commit's\n"
	    "objects.\n\n"
	    CMD_OPTIONS_HELP("commit to build")
	    "                 and the units below it\n"
	    "  --out DIR      output folder (default site-out)\n"
	    "  --theme DIR    use the theme in folder DIR, not the one\n"
	    "                 config.yaml names\n"
	    "  --accept-rewrite\n"
	    "                 build REF even though its first-parent\n"
	    "                 history no longer holds the commit of the\n"
	    "                 previous build into DIR\n"
	    "  --full         render and write every file anew, ignoring\n"
	    "                 the earlier build in DIR\n"
	    "  --jobs N       N worker processes (default: $GONGKAI_JOBS,\n"
	    "                 else one a CPU); the output is the same for\n"
	    "                 every N\n"
	    "  --quiet        print errors only (no progress, no summary)\n"
	    "  --shard I/N    only the units of shard I (0-based) of\n"
	    "                 `gongkai plan --shards N`, without the root\n"
	    "                 files\n"
	    "  --root-only    only the root files (portal, site maps,\n"
	    "                 report, provenance, assets)\n\n"
	    "A build into a folder holding an earlier one writes only the\n"
	    "files that changed (the others are linked from it) and ends\n"
	    "with a summary line on stderr; the result is the same as a\n"
	    "build into an empty folder.\n\n"
	    "A preview marks every page as unapproved (banner, noindex): it\n"
	    "is for editors, never for deployment.\n\n"
	    CMD_REPO_HELP
	    "An option that takes one value may be given once (or twice\n"
	    "with the same value).\n\n"
	    "Exit status: 0 success, 1 content or gate errors, 2 usage.\n",
	    usage);
	return EXIT_OK;
}

struct build_opts {
	struct cmd_opts	 c;		/* the shared options */
	const char	*out;		/* --out */
	const char	*repo;		/* REPO */
	int		 full;		/* --full */
	int		 jobs;		/* --jobs N, or 0: one a CPU */
	int		 quiet;		/* --quiet */
	int		 shard, nshards; /* --shard I/N, or nshards 0 */
	int		 root_only;	/* --root-only */
	long		 start_ms;	/* when the command started (mono_ms) */
};

/* The build's one summary line on stderr. */
static void
summary(const char *out, const struct fsout_stats *st, const struct prov *p,
    long ms)
{
	char	carried[64] = "", waiting[64] = "";

	/* pages taken over from the earlier build, not made again */
	if (st->carried > 0)
		snprintf(carried, sizeof(carried), " (%zu not made again)",
		    st->carried);
	/* a preview knows of no approvals: nothing waits for one */
	if (p->gated)
		snprintf(waiting, sizeof(waiting), ", %zu item%s waiting",
		    p->nwaits, p->nwaits == 1 ? "" : "s");
	fprintf(stderr, "gongkai: built '%s'%s: %zu file%s written, %zu "
	    "unchanged%s, %zu deleted, %zu PDF%s%s, %.1f s\n", out,
	    p->gated ? "" : " (preview)", st->files - st->unchanged,
	    st->files - st->unchanged == 1 ? "" : "s", st->unchanged,
	    carried, st->deleted, st->pdfs, st->pdfs == 1 ? "" : "s",
	    waiting, (double)ms / 1000.0);
}

/* The files no page needs and that need no page: the report pages,
 * and a gated build's provenance.json, made beside the pages rather
 * than by the parent after them. */
static int
reports_render(const struct out_ctx *ctx)
{
	if (out_prov_render(ctx) == -1)
		return -1;
	return out_report_render(ctx);
}

/* fsout_spawn's functions: the search index, the reports. */
static int
search_job(void *arg, int k, int n)
{
	(void)k;
	(void)n;
	return out_search_render(arg);
}

static int
report_job(void *arg, int k, int n)
{
	(void)k;
	(void)n;
	return reports_render(arg);
}

/* Renders the site of cs into opts->out.  Returns an exit status. */
static int
build(const struct build_opts *o, const struct cmd_src *cs,
    struct fsout_ahead *ahead)
{
	struct config	*cfg = NULL;
	struct site	*site = NULL;
	struct theme	*theme = NULL;
	struct fsout	*fs = NULL;
	struct out_ctx	 ctx;
	struct report	*report = NULL;
	struct prov	*answer = NULL;
	struct progdata	*pd = NULL;
	struct fsout_stats st;
	struct fsout_job *search, *reports;
	unsigned char	*mine = NULL;
	char		*cache = NULL, *bcache = NULL, *fcache = NULL;
	char		 memo[65], code[65];
	int		 rc = EXIT_CONTENT, web, opened;

	memset(&ctx, 0, sizeof(ctx));
	/* what the pages are made from, for memo_site */
	source_log(cs->src, 1);
	if (cmd_load(cs->src, &cfg, &site) == -1)
		goto out;
	ctx.only = NO_INDEX;
	if (o->c.unit != NULL && (ctx.only = cmd_find_unit(site, "--unit ",
	    o->c.unit)) == NO_INDEX) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (cmd_prov(cs, site, &answer) == -1)
		goto out;
	/* the record programmes' records, for their pages and unit homes */
	if (progdata_load(site, cs->src, cs->today, &pd) == -1)
		goto out;
	ctx.progdata = pd;
	if (theme_open(cs->src, cfg->theme, o->c.theme, &theme) == -1 ||
	    theme_complete(theme) == -1)
		goto out;
	source_log(cs->src, 0);
	if (o->nshards > 0 && (mine = plan_mine(site, o->nshards,
	    o->shard)) == NULL)
		goto out;
	opened = fsout_open_flags(o->out, o->full ? FSOUT_FULL : 0, ahead,
	    &fs);
	ahead = NULL;		/* fsout's, opened or not */
	if (opened == -1)
		goto out;
	if (!o->quiet && isatty(STDERR_FILENO))
		fsout_progress(fs, STDERR_FILENO, site->nitems +
		    site->natts + 8 * site->nunits);
	ctx.site = site;
	ctx.src = cs->src;
	ctx.fs = fs;
	ctx.tmpl = theme_tmpl(theme);
	ctx.theme = theme;
	ctx.preview = o->c.preview;
	ctx.today = cs->today;
	ctx.version = cs->version;
	ctx.prov = answer;
	ctx.jobs = o->jobs > 0 ? o->jobs : plan_cpus();
	ctx.mine = mine;
	ctx.no_root = o->nshards > 0;
	ctx.no_units = o->root_only;
	ctx.pdf_cache = cache = cachedir_open("pdf", o->repo, NULL,
	    "every PDF is made anew");
	/* beside it, or none when it could not be (its note said why) */
	if (cache != NULL) {
		ctx.body_cache = bcache = cachedir_open("body", o->repo, NULL,
		    "YAML items are parsed every time");
		ctx.fold_cache = fcache = cachedir_open("folds", o->repo,
		    NULL, "the search reads every item's body");
	}
	report = report_new(site, cs->today, answer);
	ctx.report = report;
	ctx.site_val = page_site(&ctx);
	if (memo_code(code) == 0)
		ctx.code = code;
	if (memo_site(&ctx, memo) == 0)
		ctx.memo = memo;
	/* the search index and the report pages need no page, and no
	 * page needs them: on two cores or more they are made beside the
	 * pages, each taken in where it would be made on one core,
	 * whatever the timing */
	search = reports = NULL;
	if (ctx.jobs > 1) {
		search = fsout_spawn(fs, "search", search_job, &ctx);
		reports = fsout_spawn(fs, "report", report_job, &ctx);
	}
	web = out_web_render(&ctx);
	if (web == 0 && (out_print_render(&ctx) == -1 ||
	    out_display_render(&ctx) == -1 ||
	    out_kiosk_render(&ctx) == -1 || out_embed_render(&ctx) == -1))
		web = -1;
	if (reports != NULL)
		web |= fsout_join(fs, reports);
	else if (web == 0)
		web = reports_render(&ctx);
	if (web == 0 && out_prog_render(&ctx) == -1)
		web = -1;
	if (search != NULL)
		web |= fsout_join(fs, search);
	else if (web == 0)
		web = out_search_render(&ctx);
	/* what loading and the pages freed goes back before the commit
	 * reads the manifests: the peak of a big build (issue 11) */
	malloc_trim(0);
	if (web == -1)
		goto out;
	fsout_stats(fs, &st);
	if (fsout_commit(fs) == -1) {
		fs = NULL;
		goto out;
	}
	fs = NULL;
	cmd_anchor_write(o->out, cs->gate);
	if (!o->quiet)
		summary(o->out, &st, answer, mono_ms() - o->start_ms);
	rc = EXIT_OK;
out:
	fsout_ahead_free(ahead);
	val_free(ctx.site_val);
	free(mine);
	fsout_abort(fs);
	report_free(report);
	progdata_free(pd);
	prov_free(answer);
	theme_free(theme);
	free(cache);
	free(bcache);
	free(fcache);
	site_free(site);
	cfg_free(cfg);
	return rc;
}

int
cmd_build(int argc, char **argv)
{
	static const struct option opts[] = {
		CMD_OPTIONS,
		{ "out", required_argument, NULL, 'o' },
		{ "theme", required_argument, NULL, 'T' },
		{ "accept-rewrite", no_argument, NULL, 'A' },
		{ "full", no_argument, NULL, 'F' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "shard", required_argument, NULL, 'S' },
		{ "root-only", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct build_opts o;
	struct cmd_args	 a;
	struct cmd_src	 cs;
	struct fsout_ahead *ahead;
	int		 c, rc;

	memset(&o, 0, sizeof(o));
	o.start_ms = mono_ms();
	cmd_args_init(&a, argc, argv, usage, "hj:q", opts);
	while ((c = cmd_args_next(&a)) != -1)
		switch (c) {
		case 'F':
			o.full = 1;
			break;
		case 'j':
			if ((o.jobs = plan_number(optarg, 1, 1024)) == -1)
				return cmd_args_fail(&a, "--jobs wants a "
				    "number from 1 to 1024, not '%s'", optarg);
			/* and for the loader's workers (site.c), which
			 * run before the build has its options */
			setenv("GONGKAI_JOBS", optarg, 1);
			break;
		case 'q':
			o.quiet = 1;
			diag_quiet(1);
			break;
		case 'S':
			if (plan_shard_arg(optarg, &o.shard, &o.nshards) ==
			    -1)
				return cmd_usage(usage);
			break;
		case 'R':
			o.root_only = 1;
			break;
		case 'o':
			o.out = optarg;
			break;
		case 'T':
			o.c.theme = optarg;
			break;
		case 'A':
			o.c.accept_rewrite = 1;
			break;
		case 'h':
			return help();
		default:
			if (!cmd_opt(&o.c, c, optarg))
				return EXIT_USAGE;
		}
	if (cmd_operand(argc, argv, &o.repo, "build takes one REPO folder "
	    "(the output folder is --out DIR)") == -1)
		return cmd_usage(usage);
	if (o.root_only && o.nshards > 0)
		return cmd_args_fail(&a, "--shard and --root-only go to "
		    "separate builds");
	/* none given: the one around the current folder, and its site */
	if (o.repo == NULL)
		o.repo = cmd_repo(o.c.preview ? CMD_FIND_TREE : CMD_FIND_GIT);
	if (o.out == NULL)
		o.out = cmd_repo_file(o.repo, "site-out");
	if ((rc = cmd_out_check(o.out, o.repo)) != EXIT_OK)
		return rc;
	cmd_huge_pages(argv, o.repo);
	o.c.out = o.out;	/* the previous build there anchors the gate */
	o.c.keep = o.full ? CMD_KEEP_ALL : CMD_KEEP_FIRST;
	/* the earlier build's manifests, read in a thread while one core
	 * is busy: in a gated build the gate's walk of the history, in a
	 * preview the load (not the listing before it, which keeps both
	 * cores busy), and then, in the load's short idle time, the
	 * standby's files checked (fsout.h) */
	ahead = o.full || o.c.preview ? NULL : fsout_ahead(o.out, 0);
	if ((rc = cmd_src_open(o.repo, &o.c, "build", &cs)) != EXIT_OK) {
		fsout_ahead_free(ahead);
		return rc;
	}
	if (!o.full && o.c.preview)
		ahead = fsout_ahead(o.out, 1);
	rc = build(&o, &cs, ahead);
	cmd_src_end(&cs);
	return rc;
}
