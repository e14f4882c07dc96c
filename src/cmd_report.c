/*
 * cmd_report.c -- gongkai report: catalogue completeness and
 * timeliness of every unit as a terminal table or JSON; --strict makes
 * gaps an exit status for scheduled jobs.
 *
 * With --trust the report reads what the gate publishes at --ref and
 * knows what waits for approval; without it, the working tree, and
 * waiting items are unknown.  "Today" is --as-of, else the date of the
 * commit reported (the gate's ref, or HEAD of a working tree), else
 * SOURCE_DATE_EPOCH; never the clock, so the same input gives the same
 * report.
 */
#include <sys/stat.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "cmd.h"
#include "diag.h"
#include "item.h"
#include "out.h"
#include "progdata.h"
#include "prov.h"
#include "repo.h"
#include "report.h"
#include "site.h"
#include "source.h"
#include "util.h"
#include "val.h"
#include "workday.h"

static const char usage[] = "gongkai report [--trust FILE [--ref REF] | "
    "--preview] [--unit PATH] [--as-of DATE] [--json] [--strict] [REPO]";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Reports, for every unit and every category of its catalogue,\n"
	    "the items published, the newest date, empty and overdue\n"
	    "categories, items published late (over %d working days after\n"
	    "they were written), expired or repealed items without a\n"
	    "replacement, items without an index number and, with --trust,\n"
	    "items waiting for approval.  Units come worst first.\n\n"
	    CMD_OPTIONS_HELP("with --trust, the commit to report on")
	    "                 and the units below it\n"
	    "  --as-of DATE   judge as on DATE (YYYY-MM-DD); default: the\n"
	    "                 commit's date, else SOURCE_DATE_EPOCH\n"
	    "  --json         the report as JSON (as report.json of a build)\n"
	    "  --strict       exit 1 if a required category is empty or\n"
	    "                 overdue, or a rectification is overdue, a\n"
	    "                 reporting case waits past feedback_days or\n"
	    "                 a media report is answered late, with one\n"
	    "                 line per gap on stderr\n\n"
	    "Without --trust the working tree is read, as with --preview,\n"
	    "and what waits for approval is unknown.  What waits is shown\n"
	    "by its unit and category and, for a new version of a published\n"
	    "item, that item: never by an unpublished name.\n\n"
	    "Without REPO, the repository is found from the current folder\n"
	    "as git finds its own: the nearest folder up that holds\n"
	    "config.yaml and content/, or with --trust the top of the git\n"
	    "work tree.\n\n"
	    "Exit status: 0 success, 1 content errors or (--strict) gaps,\n"
	    "2 usage.\n", usage, REPORT_LATE_WORKDAYS);
	return EXIT_OK;
}

struct report_opts {
	struct cmd_opts	 c;		/* the shared options */
	long		 as_of;		/* --as-of, or NO_DATE */
	int		 json;		/* --json */
	int		 strict;	/* --strict */
	const char	*repo;		/* REPO */
};

/*
 * "Today" for a working-tree report: the HEAD commit's day on its
 * committer's calendar if repo is a git work tree, else
 * SOURCE_DATE_EPOCH's in the local zone, as a build's.  NO_DATE after
 * a diagnostic.
 */
static long
tree_today(const char *path)
{
	struct stat		 st;
	struct repo		*repo = NULL;
	struct repo_commit	 ci;
	struct oid		 head;
	const char		*e;
	char			*git, *end;
	long long		 t;
	long			 day = NO_DATE;

	git = xasprintf("%s/.git", path);
	if (stat(git, &st) == 0) {
		free(git);
		memset(&ci, 0, sizeof(ci));
		if (repo_open(path, &repo) == 0 &&
		    repo_resolve(repo, "HEAD", &head) == 0 &&
		    repo_commit_info(repo, &head, &ci) == 0)
			day = day_of_time(ci.commit_time +
			    (int64_t)ci.commit_tz * 60);
		else
			diag_fatal("cannot read the date of HEAD in '%s': "
			    "give --as-of YYYY-MM-DD", path);
		repo_commit_dispose(&ci);
		repo_free(repo);
		return day;
	}
	free(git);
	e = getenv("SOURCE_DATE_EPOCH");
	if (e != NULL && *e != '\0') {
		t = strtoll(e, &end, 10);
		if (*end == '\0' && t >= 0)
			return cmd_local_day(t);
		diag_fatal("SOURCE_DATE_EPOCH '%s' is not a number of "
		    "seconds", e);
		return NO_DATE;
	}
	diag_fatal("'%s' is not a git repository and SOURCE_DATE_EPOCH is "
	    "not set: give --as-of YYYY-MM-DD (the report never reads the "
	    "clock)", path);
	return NO_DATE;
}

static const char *
day_str(long d, char buf[DATE_BUFSZ])
{
	struct date	dt;

	if (d == NO_DATE)
		return "-";
	date_from_days(d, &dt);
	return date_fmt(buf, &dt);
}

static void
print_tally(const struct report *r, const struct report_tally *t)
{
	printf("%zu units, %zu items; required categories %zu/%zu current "
	    "(%d%%); %zu empty, %zu overdue, %zu late, %zu expired or "
	    "repealed without replacement, %zu without index number",
	    t->units, t->items, t->ok, t->required, report_percent(t),
	    t->empty, t->overdue, t->late, t->stale, t->noindex);
	if (r->gated)
		printf(", %zu waiting for approval\n", t->waiting);
	else
		printf("; waiting for approval: unknown\n");
}

/* One unit: a header line, its categories, the items it points at. */
static void
print_unit(const struct report *r, size_t ui)
{
	const struct site	*s = r->site;
	const struct unit	*u = &s->units[ui];
	const struct report_unit *ru = &r->units[ui];
	const struct report_cat	*rc;
	const struct report_note *nt;
	const struct prov_wait	*w;
	const struct item	*it;
	char			 d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	const char		*st;
	size_t			 c, i;
	int			 wid = 8;

	printf("\n%s  %s  %s  %d%% (%zu/%zu)", u->dir, u->name, u->level_id,
	    report_percent(&ru->own), ru->own.ok, ru->own.required);
	if (ru->sub.units > 1)
		printf("  subtree %d%% (%zu/%zu, %zu units)",
		    report_percent(&ru->sub), ru->sub.ok, ru->sub.required,
		    ru->sub.units);
	putchar('\n');
	for (c = 0; c < u->catalogue->ncats; c++)
		if ((int)strlen(u->catalogue->cats[c].id) > wid)
			wid = (int)strlen(u->catalogue->cats[c].id);
	printf("  %-*s %5s  %-10s  %-10s  %-8s %4s %5s %5s %4s\n", wid,
	    "category", "items", "newest", "due", "state", "late", "stale",
	    "noidx", "wait");
	for (c = 0; c < u->catalogue->ncats; c++) {
		rc = &ru->cats[c];
		st = rc->empty ? (rc->required ? "EMPTY" : "empty") :
		    rc->overdue ? (rc->required ? "OVERDUE" : "overdue") :
		    "ok";
		printf("  %-*s %5zu  %-10s  %-10s  %-8s %4zu %5zu %5zu ", wid,
		    u->catalogue->cats[c].id, rc->count,
		    day_str(rc->newest, d1), day_str(rc->due, d2), st,
		    rc->late, rc->stale, rc->noindex);
		if (r->gated)
			printf("%4zu\n", rc->waiting);
		else
			printf("%4s\n", "?");
	}
	for (i = 0; i < ru->nnotes; i++) {
		nt = &ru->notes[i];
		it = &s->items[nt->item];
		if (nt->flags & RF_LATE)
			printf("  late: %s: published %s, %d working days "
			    "after it was written on %s\n", it->path,
			    day_str(it->date, d1), nt->workdays,
			    day_str(it->written, d2));
		if (nt->flags & RF_STALE)
			printf("  %s without replacement: %s\n",
			    item_state_name(item_state(it, r->today)),
			    it->path);
		if (nt->flags & RF_NOINDEX)
			printf("  no index number: %s\n", it->path);
	}
	for (i = 0; i < ru->nwaits; i++) {
		w = &r->waits[ru->waits[i]];
		/* by what is published about it, as report.json */
		printf("  waiting: %s%s%s%s: since %s (%ld days)%s\n",
		    w->cat >= 0 ? u->catalogue->cats[w->cat].id : "",
		    w->cat >= 0 ? ": " : "",
		    w->item != NO_INDEX ? "new version of " :
		    "a file not yet published",
		    w->item != NO_INDEX ? s->items[w->item].path : "",
		    day_str(w->since, d1), r->today - w->since,
		    w->blocked ? ", holds personal data: never published" :
		    "");
	}
}

/* One line on stderr per gap of a unit in scope; returns their number. */
static size_t
strict_gaps(const struct report *r, size_t scope)
{
	const struct site	*s = r->site;
	const struct unit	*u;
	const struct category	*cat;
	const struct report_cat	*rc;
	char			 d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	size_t			 ui, c, n = 0;

	for (ui = 0; ui < s->nunits; ui++) {
		if (scope != NO_INDEX && !site_under(s, ui, scope))
			continue;
		u = &s->units[ui];
		for (c = 0; c < u->catalogue->ncats; c++) {
			rc = &r->units[ui].cats[c];
			cat = &u->catalogue->cats[c];
			if (!rc->gap)
				continue;
			n++;
			if (rc->empty)
				diag_note("content/%s/%s: required category "
				    "'%s' is empty", u->dir, cat->id,
				    cat->title);
			else
				diag_note("content/%s/%s: overdue since %s: "
				    "the newest item, of %s, is older than "
				    "max_age_days %ld", u->dir, cat->id,
				    day_str(rc->due + 1, d1),
				    day_str(rc->newest, d2),
				    cat->max_age_days);
		}
	}
	return n;
}

static int
run(const struct report_opts *o, struct cmd_src *cs)
{
	struct config		*cfg = NULL;
	struct site		*site = NULL;
	struct report		*r = NULL;
	struct prov		*answer = NULL;
	struct progdata		*pd = NULL;
	struct buf		 b = BUF_INIT, gaps = BUF_INIT;
	char			 d[DATE_BUFSZ];
	size_t			 scope = NO_INDEX, i, n, pn = 0;
	long			 today = o->as_of;
	int			 rc = EXIT_CONTENT;

	if (today == NO_DATE) {
		if (cs->gate != NULL)
			today = cs->today;	/* a build's day, for its
						   report.json */
		else if ((today = tree_today(o->repo)) == NO_DATE)
			goto out;
	}
	if (cmd_load(cs->src, &cfg, &site) == -1)
		goto out;
	if (o->c.unit != NULL && (scope = cmd_find_unit(site, "--unit ",
	    o->c.unit)) == NO_INDEX) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (cmd_prov(cs, site, &answer) == -1)
		goto out;
	r = report_new(site, today, answer);
	/* the record programmes' gaps: overdue rectifications, reporting
	 * cases without feedback, late media responses (progdata.h) */
	if (progdata_load(site, cs->src, cs->today, &pd) == -1)
		goto out;
	pn = progdata_gaps(pd, site, today, scope, &gaps);
	if (o->json) {
		out_report_json(r, pd, scope, cs->version, &b);
		fwrite(b.data, 1, b.len, stdout);
	} else {
		printf("gongkai report as of %s", day_str(today, d));
		if (r->gated)
			printf(" (commit %s; waiting items from the gate)\n",
			    cs->version);
		else
			printf(" (working tree; waiting items unknown: give "
			    "--trust to ask the gate)\n");
		print_tally(r, scope != NO_INDEX ? &r->units[scope].sub :
		    &r->all);
		if (scope == NO_INDEX)
			for (i = 0; i < site->nunits; i++)
				print_unit(r, r->worst[i]);
		else {
			/* the unit, then the units below it, worst first */
			print_unit(r, scope);
			for (i = 0; i < r->units[scope].nworst; i++)
				print_unit(r, r->units[scope].worst[i]);
		}
		if (pn > 0)
			printf("\n阳光计生行动 (programmes): %zu gaps\n%s", pn,
			    gaps.data);
	}
	if (fflush(stdout) != 0) {
		diag_fatal("cannot write the report");
		goto out;
	}
	rc = EXIT_OK;
	if (o->strict && (n = strict_gaps(r, scope)) > 0)
		rc = EXIT_CONTENT;
	if (o->strict && pn > 0) {
		char *line, *nl;

		for (line = gaps.data; *line != '\0'; line = nl + 1) {
			nl = strchr(line, '\n');
			*nl = '\0';
			diag_note("%s", line);
		}
		rc = EXIT_CONTENT;
	}
out:
	buf_dispose(&b);
	buf_dispose(&gaps);
	progdata_free(pd);
	report_free(r);
	prov_free(answer);
	site_free(site);
	cfg_free(cfg);
	return rc;
}

int
cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		CMD_OPTIONS,
		{ "as-of", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "strict", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct report_opts o;
	struct cmd_args	 a;
	struct cmd_src	 cs;
	struct date	 d;
	int		 c, rc;

	memset(&o, 0, sizeof(o));
	o.as_of = NO_DATE;
	cmd_args_init(&a, argc, argv, usage, "h", opts);
	while ((c = cmd_args_next(&a)) != -1)
		switch (c) {
		case 'a':
			if (date_parse(optarg, &d) == -1) {
				char	why[96];

				return cmd_args_fail(&a, "--as-of '%s' %s",
				    optarg, date_why(optarg, why,
				    sizeof(why)));
			}
			o.as_of = date_days(&d);
			break;
		case 'j':
			o.json = 1;
			break;
		case 's':
			o.strict = 1;
			break;
		case 'h':
			return help();
		default:
			if (!cmd_opt(&o.c, c, optarg))
				return EXIT_USAGE;
		}
	if (cmd_operand(argc, argv, &o.repo, "report takes one REPO folder") == -1)
		return cmd_usage(usage);
	if (o.c.ref != NULL && o.c.trust == NULL)
		return cmd_args_fail(&a, "--ref needs --trust: without it the "
		    "report reads the working tree");
	/* without the gate, the working tree */
	if (o.c.trust == NULL)
		o.c.preview = 1;
	if (o.repo == NULL)
		o.repo = cmd_repo(o.c.preview ? CMD_FIND_TREE : CMD_FIND_GIT);
	cmd_huge_pages(argv, o.repo);
	o.c.accept_rewrite = 1;	/* a report publishes nothing */
	if ((rc = cmd_src_open(o.repo, &o.c, "report", &cs)) != EXIT_OK)
		return rc;
	rc = run(&o, &cs);
	cmd_src_end(&cs);
	return rc;
}
