/*
 * cmd_status.c -- gongkai status: for every path under content/ and
 * each governance file, what is online, what is live, and what the
 * live version still waits for.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "cmd.h"
#include "diag.h"
#include "gate.h"
#include "repo.h"
#include "util.h"
#include "val.h"
#include "workday.h"

static const char usage[] = "gongkai status [--ref REF] [--trust FILE] "
    "[--json] [--out DIR] [REPO]";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Shows, for every path under content/ and each governance file\n"
	    "(config.yaml, keys/), the version online, the live version,\n"
	    "and the approvals the live version still waits for.\n\n"
	    "  --ref REF      commit to look at (default HEAD)\n"
	    "  --trust FILE   administrators' public keys (required)\n"
	    "  --json         one JSON object, described in gongkai(5)\n"
	    "  --out DIR      the build's output folder (default site-out):\n"
	    "                 warn when REF rewrote the history it built\n",
	    usage);
	return EXIT_OK;
}

static const char *
why_name(enum gate_why w)
{
	switch (w) {
	case GATE_SELF:
		return "author";
	case GATE_REVOKED:
		return "revoked";
	case GATE_REPEAT:
		return "repeat";
	default:
		return NULL;
	}
}

static struct val *
hex_val(const struct oid *o)
{
	char	hex[OID_HEXSZ + 1];

	oid_fmt(hex, o);
	return val_str(hex);
}

static struct val *
time_val(int64_t t)
{
	char	buf[TIME_BUFSZ];

	return val_str(time_fmt(buf, t));
}

/*
 * The approvals of a version, repeats folded: an approval that repeats
 * a listed one (the same reviewer again after one that counted, or not
 * counting for the same reason with the same key) is not listed; the
 * listed one's "repeats" says how many followed it.  A version live for
 * thousands of approval commits so lists each reviewer a few times at
 * most, not thousands (gongkai(5) STATUS JSON).
 */
static void
approvals_val(const struct gate_version *v, struct val *l)
{
	const struct gate_approval *a, *b;
	size_t		*idx = xcalloc(v->napprovals ? v->napprovals : 1,
			    sizeof(*idx));
	size_t		 i, j, n = 0, *reps;

	reps = xcalloc(v->napprovals ? v->napprovals : 1, sizeof(*reps));
	for (i = 0; i < v->napprovals; i++) {
		a = &v->approvals[i];
		/* Reviewer strings are shared by the gate: compare pointers
		 * first; the listed ones are few. */
		for (j = n; j-- > 0;) {
			b = &v->approvals[idx[j]];
			if (b->reviewer != a->reviewer &&
			    strcmp(b->reviewer, a->reviewer) != 0)
				continue;
			if ((a->why == GATE_REPEAT && b->why == GATE_COUNTS) ||
			    (a->why != GATE_COUNTS && a->why != GATE_REPEAT &&
			    a->why == b->why && strcmp(a->fpr, b->fpr) == 0))
				break;
		}
		if (j != (size_t)-1) {
			reps[j]++;
			continue;
		}
		idx[n++] = i;
	}
	for (j = 0; j < n; j++) {
		struct val *e = val_push(l, val_map());

		a = &v->approvals[idx[j]];
		val_set_str(e, "reviewer", a->reviewer);
		val_set_str(e, "name", a->name);
		val_set_str(e, "fingerprint", a->fpr);
		val_set(e, "commit", hex_val(&a->commit));
		val_set(e, "date", time_val(a->time));
		val_set_bool(e, "counts", a->why == GATE_COUNTS);
		val_set_str(e, "why", why_name(a->why));
		val_set_num(e, "repeats", (double)reps[j]);
	}
	free(idx);
	free(reps);
}

static struct val *
version_val(const struct gate_version *v, int live)
{
	struct val	*m = val_map(), *l;

	val_set(m, "blob", v->present ? hex_val(&v->blob) : val_null());
	val_set(m, "since", hex_val(&v->start));
	if (live)
		val_set(m, "author", val_str_own(xasprintf("%s <%s>",
		    v->author_name ? v->author_name : "",
		    v->author_email ? v->author_email : "")));
	l = val_set(m, "approvals", val_list());
	approvals_val(v, l);
	return m;
}

/* Why the live version is not online, beyond missing approvals. */
static const char *
reason(const struct gate_path *p)
{
	if (p->live != NULL && p->live->veto != NULL)
		return p->live->veto;
	if (p->live != NULL && p->live == p->published && !p->unit_ok &&
	    p->live->present)
		return "unit not published";
	return NULL;
}

static int
waits(const struct gate_path *p)
{
	return p->live != NULL && p->live != p->published &&
	    p->required > p->have;
}

static struct val *
path_val(const struct gate_path *p)
{
	struct val	*m = val_map(), *w, *l;
	size_t		 i;

	val_set_str(m, "path", p->path);
	val_set(m, "published", p->published != NULL ?
	    version_val(p->published, 0) : val_null());
	val_set(m, "live", p->live != NULL ? version_val(p->live, 1) :
	    val_null());
	val_set_bool(m, "online", p->live != NULL && p->live == p->published &&
	    (p->visible || !p->live->present));
	if (waits(p)) {
		w = val_set(m, "waiting", val_map());
		val_set_num(w, "approvals", p->required - p->have);
		l = val_set(w, "reviewers", val_list());
		for (i = 0; i < p->neligible; i++)
			val_push(l, val_str(p->eligible[i]));
	} else
		val_set(m, "waiting", val_null());
	val_set_str(m, "reason", reason(p));
	return m;
}

static void
short_hex(char out[13], const struct gate_version *v)
{
	char	hex[OID_HEXSZ + 1];

	if (v == NULL)
		snprintf(out, 13, "-");
	else if (!v->present)
		snprintf(out, 13, "(deleted)");
	else {
		oid_fmt(hex, &v->blob);
		snprintf(out, 13, "%.10s", hex);
	}
}

static void
print_table(const struct gate *g, const char *ref)
{
	const struct gate_path	*p;
	char			 pub[13], live[13], hex[OID_HEXSZ + 1];
	size_t			 i, j, nwait = 0, nonline = 0;

	oid_fmt(hex, &g->head);
	printf("%s is %.12s; %zu paths\n\n", ref, hex, g->npaths);
	printf("%-10s  %-10s  %s\n", "ONLINE", "LIVE", "PATH");
	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		if (p->live != NULL && !p->live->present &&
		    p->published == p->live)
			continue;	/* withdrawn and gone: nothing to say */
		short_hex(pub, p->published);
		if (p->live == p->published)
			snprintf(live, sizeof(live), "=");
		else
			short_hex(live, p->live);
		printf("%-10s  %-10s  %s", pub, live, p->path);
		if (p->live == p->published && p->visible)
			nonline++;
		if (waits(p)) {
			nwait++;
			printf("\n%24swaits for %d approval%s", "",
			    p->required - p->have,
			    p->required - p->have > 1 ? "s" : "");
			for (j = 0; j < p->neligible; j++)
				printf("%s%s", j ? ", " : " from ",
				    p->eligible[j]);
		}
		if (reason(p) != NULL)
			printf("\n%24s%s", "", reason(p));
		putchar('\n');
	}
	printf("\n%zu online as live, %zu waiting for approval\n", nonline,
	    nwait);
}

/* The governance summary: newest change, whether it is all in force,
 * and what the first waiting governance path needs. */
static void
governance_val(const struct gate *g, struct val *gov)
{
	const struct gate_path	*p, *newest = NULL, *wait = NULL;
	struct val		*w, *l;
	size_t			 i;
	int			 online = 1;

	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		if (!p->governance || p->live == NULL)
			continue;
		if (newest == NULL ||
		    p->live->start_pos > newest->live->start_pos)
			newest = p;
		if (p->live != p->published) {
			online = 0;
			if (wait == NULL && waits(p))
				wait = p;
		}
	}
	val_set(gov, "live", newest != NULL ?
	    hex_val(&newest->live->start) : val_null());
	val_set_bool(gov, "online", online);
	if (wait == NULL) {
		val_set(gov, "waiting", val_null());
		return;
	}
	w = val_set(gov, "waiting", val_map());
	val_set_num(w, "approvals", wait->required - wait->have);
	l = val_set(w, "reviewers", val_list());
	for (i = 0; i < wait->neligible; i++)
		val_push(l, val_str(wait->eligible[i]));
}

int
cmd_status(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ref", required_argument, NULL, 'r' },
		{ "trust", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*ref = "HEAD", *trust = NULL, *path = ".";
	const char	*outdir = "site-out";
	struct repo	*repo = NULL;
	struct gate	*gate = NULL;
	struct val	*root, *gov, *l;
	struct buf	 out = BUF_INIT;
	size_t		 i;
	int		 c, json = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		switch (c) {
		case 'r':
			ref = optarg;
			break;
		case 't':
			trust = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'h':
			return help();
		default:
			return cmd_usage(usage);
		}
	if (argc - optind > 1)
		return cmd_usage(usage);
	if (argc - optind == 1)
		path = argv[optind];
	if (trust == NULL) {
		fprintf(stderr, "gongkai: error: status needs --trust FILE: "
		    "what is approved depends on the administrators' keys\n");
		return EXIT_USAGE;
	}
	if (cmd_gate(path, ref, trust, outdir, 1, &repo, &gate) == -1)
		return EXIT_CONTENT;
	if (gate->rewritten)
		diag_warn(NULL, 0, 0, "the first-parent history of '%s' does "
		    "not contain the commit of the last gated build into '%s': "
		    "the history was rewritten or re-parented, and build will "
		    "refuse it without --accept-rewrite", ref, outdir);
	if (!json) {
		print_table(gate, ref);
		goto out;
	}
	root = val_map();
	val_set_str(root, "ref", ref);
	val_set(root, "commit", hex_val(&gate->head));
	val_set_bool(root, "rewritten", gate->rewritten);
	gov = val_set(root, "governance", val_map());
	val_set(gov, "published", gate->ngov > 0 ?
	    hex_val(&gate->gov[gate->ngov - 1].commit) : val_null());
	governance_val(gate, gov);
	l = val_set(root, "paths", val_list());
	for (i = 0; i < gate->npaths; i++)
		val_push(l, path_val(&gate->paths[i]));
	val_json(root, &out, 1);
	fwrite(out.data, 1, out.len, stdout);
	val_free(root);
out:
	buf_dispose(&out);
	gate_free(gate);
	repo_free(repo);
	return EXIT_OK;
}
