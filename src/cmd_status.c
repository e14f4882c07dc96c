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
#include "esc.h"
#include "gate.h"
#include "md.h"
#include "repo.h"
#include "strmap.h"
#include "util.h"
#include "val.h"
#include "workday.h"

static const char usage[] = "gongkai status --trust FILE [--ref REF] "
    "[--json] [--waiting] [--reviewer ID] [--out DIR] [REPO]";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Shows, for every path under content/ and each governance file\n"
	    "(config.yaml, keys/), the version online, the live version,\n"
	    "the approvals the live version still waits for, and why each\n"
	    "approval made of it does not count.\n\n"
	    "  --ref REF      commit to look at (default HEAD)\n"
	    "  --trust FILE   administrators' public keys (required)\n"
	    "  --json         one JSON object, described in gongkai(5)\n"
	    "  --waiting      only paths whose live version waits, or that\n"
	    "                 are held because their unit is not published\n"
	    "  --reviewer ID  only paths reviewer ID could approve now\n"
	    "  --out DIR      the build's output folder (default site-out):\n"
	    "                 warn when REF rewrote the history it built\n\n"
	    "Without REPO, the repository is the git work tree around the\n"
	    "current folder, and DIR defaults to site-out in its top.\n",
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
	case GATE_UNSOUND:
		return "unsound-tree";
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
approvals_val(const struct gate *g, const struct gate_path *p,
    const struct gate_version *v, struct val *l)
{
	struct gate_approval *all;
	const struct gate_approval *a;
	const struct gate_signer *sa, *sb;
	size_t		 nall = gate_approvals(g, p, v, &all);
	size_t		*idx = xcalloc(nall ? nall : 1, sizeof(*idx));
	size_t		 i, j, n = 0, *reps;

	reps = xcalloc(nall ? nall : 1, sizeof(*reps));
	for (i = 0; i < nall; i++) {
		a = &all[i];
		sa = gate_signer_of(g, a);
		/* Reviewer strings are shared by the gate: compare pointers
		 * first; the listed ones are few. */
		for (j = n; j-- > 0;) {
			const struct gate_approval *b = &all[idx[j]];

			sb = gate_signer_of(g, b);
			if (sb->reviewer != sa->reviewer &&
			    strcmp(sb->reviewer, sa->reviewer) != 0)
				continue;
			if ((a->why == GATE_REPEAT && b->why == GATE_COUNTS) ||
			    (a->why != GATE_COUNTS && a->why != GATE_REPEAT &&
			    a->why == b->why && strcmp(sa->fpr, sb->fpr) == 0))
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

		a = &all[idx[j]];
		sa = gate_signer_of(g, a);
		val_set_str(e, "reviewer", sa->reviewer);
		val_set_str(e, "name", sa->name);
		val_set_str(e, "fingerprint", sa->fpr);
		val_set(e, "commit", hex_val(&g->mainline[a->pos]));
		val_set(e, "date", time_val(gate_time(g, a->pos)));
		val_set_bool(e, "counts", a->why == GATE_COUNTS);
		val_set_str(e, "why", why_name(a->why));
		val_set_num(e, "repeats", (double)reps[j]);
	}
	free(idx);
	free(reps);
	free(all);
}

static struct val *
version_val(const struct gate *g, const struct gate_path *p,
    const struct gate_version *v, int live)
{
	struct val	*m = val_map(), *l;

	val_set(m, "blob", v->present ? hex_val(&v->blob) : val_null());
	val_set(m, "since", hex_val(&v->start));
	if (live)
		val_set(m, "author", val_str_own(xasprintf("%s <%s>",
		    v->author_name ? v->author_name : "",
		    v->author_email ? v->author_email : "")));
	l = val_set(m, "approvals", val_list());
	approvals_val(g, p, v, l);
	return m;
}

static int
waits(const struct gate_path *p)
{
	return p->live != NULL && p->live != p->published &&
	    p->required > p->have;
}

/* Why the live version is not online, beyond missing approvals; or why
 * it waits for more of them than its level says, or can never have
 * them as it stands. */
static const char *
reason(const struct gate_path *p)
{
	if (p->live != NULL && p->live->veto != NULL)
		return p->live->veto;
	if (p->live != NULL && p->live == p->published && !p->unit_ok &&
	    p->live->present)
		return "unit not published";
	if (!waits(p) || p->governance)
		return NULL;
	if (p->author_unknown && (size_t)(p->required - p->have) >
	    p->neligible)
		return "its commit is unsigned or signed by no one listed, so "
		    "it needs one reviewer more than its level, and fewer "
		    "can still approve it: it can never be published as it "
		    "stands; commit it again, signed by its author";
	if (p->author_unknown)
		return "its commit is unsigned or signed by no one listed: "
		    "the author is unknown, so it needs one reviewer more "
		    "than its level";
	if ((size_t)(p->required - p->have) > p->neligible)
		return "fewer reviewers can still approve it than it needs: "
		    "it can never be published as it stands";
	return NULL;
}

/* The live version is what readers see (or a withdrawal in force). */
static int
online(const struct gate_path *p)
{
	return p->live != NULL && p->live == p->published &&
	    (p->visible || !p->live->present);
}

/* Its unit (or one above) is not published: approved, yet offline. */
static int
held(const struct gate_path *p)
{
	return p->published != NULL && p->published->present && !p->unit_ok;
}

/* What --waiting and --reviewer leave in. */
struct filter {
	int		 waiting;	/* --waiting */
	const char	*reviewer;	/* --reviewer ID, or NULL */
};

static int
shown(const struct filter *f, const struct gate_path *p)
{
	size_t	i;

	if (f->waiting && !waits(p) && !held(p))
		return 0;
	if (f->reviewer != NULL) {
		if (!waits(p))
			return 0;
		for (i = 0; i < p->neligible; i++)
			if (strcmp(p->eligible[i], f->reviewer) == 0)
				return 1;
		return 0;
	}
	return 1;
}

/*
 * The titles status read, by how a text is read and its blob: a pushed
 * tree of 1,500 names for one 1 MiB text had each read again (4 s; a
 * minute at 20,000).
 */
struct titles {
	struct repo	*repo;
	struct strmap	 map;		/* key -> index */
	char		**key;		/* 'm' or 'y' and the blob's hex */
	char		**title;	/* or NULL: none */
	size_t		 n, capk, capt;
};

static void
titles_init(struct titles *T, struct repo *repo)
{
	memset(T, 0, sizeof(*T));
	T->repo = repo;
	strmap_init(&T->map);
}

static void
titles_dispose(struct titles *T)
{
	size_t	i;

	for (i = 0; i < T->n; i++) {
		free(T->key[i]);
		free(T->title[i]);
	}
	free(T->key);
	free(T->title);
	strmap_dispose(&T->map);
}

/* The title in the front matter of blob, a Markdown item if md, else
 * a YAML one, or NULL. */
static char *
title_read(struct repo *repo, const struct oid *blob, int md)
{
	struct buf	 b = BUF_INIT;
	const char	*y, *body, *q, *e;
	size_t		 ylen, blen, n;
	int		 bline;
	char		*t = NULL;

	if (repo_blob_size(repo, blob, &n) == -1 || n > 1024 * 1024 ||
	    repo_blob_read(repo, blob, &b) == -1)
		goto out;
	if (md) {
		if (md_front_matter(b.data, b.len, &y, &ylen, &body, &blen,
		    &bline) == -1)
			goto out;
	} else {
		y = b.data;
		ylen = b.len;
	}
	for (q = y; q < y + ylen; q = e + 1) {
		if ((e = memchr(q, '\n', (size_t)(y + ylen - q))) == NULL)
			e = y + ylen;
		if ((size_t)(e - q) <= 6 || strncmp(q, "title:", 6) != 0)
			continue;
		q += 6;
		while (q < e && (*q == ' ' || *q == '\t'))
			q++;
		n = (size_t)(e - q);
		while (n > 0 && (q[n - 1] == ' ' || q[n - 1] == '\r'))
			n--;
		if (n >= 2 && (q[0] == '"' || q[0] == '\'') &&
		    q[n - 1] == q[0]) {
			q++;
			n -= 2;
		}
		if (n > 0 && utf8_valid(q, n, NULL) == 0)
			t = xstrndup(q, n);
		break;
	}
out:
	buf_dispose(&b);
	return t;
}

/*
 * The title of an item path, read leniently from the front matter of
 * its live (else published) text: status is for people, and a file
 * that does not parse must not make it noisy.  NULL if none; owned by
 * T.
 */
static const char *
title_of(struct titles *T, const struct gate_path *p)
{
	const struct gate_version *v = p->live;
	char		 key[OID_HEXSZ + 2];
	size_t		 i;
	int		 md = str_suffix(p->path, ".md");

	if (v == NULL || !v->present)
		v = p->published;
	if (v == NULL || !v->present || v->kind != REPO_BLOB ||
	    !str_prefix(p->path, "content/") ||
	    !(md || str_suffix(p->path, ".yaml")))
		return NULL;
	key[0] = md ? 'm' : 'y';
	oid_fmt(key + 1, &v->blob);
	if (strmap_get(&T->map, key, &i))
		return T->title[i];
	xgrow(&T->key, &T->capk, T->n + 1, sizeof(*T->key));
	xgrow(&T->title, &T->capt, T->n + 1, sizeof(*T->title));
	T->key[T->n] = xstrdup(key);
	T->title[T->n] = title_read(T->repo, &v->blob, md);
	strmap_put(&T->map, T->key[T->n], T->n, NULL);
	return T->title[T->n++];
}

/* The approvals of the live version that do not count, and why. */
static void
not_counted_val(const struct gate *g, const struct gate_path *p,
    struct val *l)
{
	struct gate_attempt	*a;
	struct val		*e;
	size_t			 i, n = gate_attempts(g, p->path, &a);

	for (i = 0; i < n; i++) {
		if (a[i].verdict == GATE_WOULD_COUNT)
			continue;
		e = val_push(l, val_map());
		val_set_str(e, "reviewer", a[i].reviewer);
		val_set_str(e, "fingerprint", a[i].fpr[0] ? a[i].fpr : NULL);
		val_set(e, "commit", hex_val(&a[i].commit));
		val_set_str(e, "why", gate_verdict_name(a[i].verdict));
		val_set_str(e, "text", gate_verdict_text(a[i].verdict));
	}
	free(a);
}

static struct val *
path_val(const struct gate *g, struct titles *T, const struct gate_path *p)
{
	struct val	*m = val_map(), *w, *l;
	size_t		 i;

	val_set_str(m, "path", p->path);
	val_set_str(m, "title", title_of(T, p));
	val_set_bool(m, "held", held(p));
	l = val_set(m, "not_counted", val_list());
	/* Approvals of what is online count or not to no end, and a
	 * province has 200,000 such paths: only what is not online. */
	if (!online(p))
		not_counted_val(g, p, l);
	val_set(m, "published", p->published != NULL ?
	    version_val(g, p, p->published, 0) : val_null());
	val_set(m, "live", p->live != NULL ? version_val(g, p, p->live, 1) :
	    val_null());
	val_set_bool(m, "online", online(p));
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

/* Why each approval of the live version did not count, in words. */
static void
print_not_counted(const struct gate *g, const struct gate_path *p)
{
	struct gate_attempt	*a;
	char			 hex[OID_HEXSZ + 1];
	size_t			 i, n = gate_attempts(g, p->path, &a);

	for (i = 0; i < n; i++) {
		if (a[i].verdict == GATE_WOULD_COUNT)
			continue;
		oid_fmt(hex, &a[i].commit);
		printf("\n%24s%s's approval (%.10s) does not count: %s", "",
		    a[i].reviewer != NULL ? a[i].reviewer : a[i].fpr[0] ?
		    a[i].fpr : "an unsigned or unverified commit", hex,
		    gate_verdict_text(a[i].verdict));
	}
	free(a);
}

/* Prints a path or a title that anyone who can push chose (esc_term):
 * a name holding a newline must not draw a line of its own in the
 * table a reviewer reads to decide. */
static void
put_text(const char *s)
{
	struct buf	b = BUF_INIT;

	esc_term(&b, s);
	if (b.len > 0)
		fwrite(b.data, 1, b.len, stdout);
	buf_dispose(&b);
}

static void
print_table(const struct gate *g, struct repo *repo, const char *ref,
    const struct filter *f)
{
	const struct gate_path	*p;
	struct titles		 T;
	const char		*t;
	char			 pub[13], live[13], hex[OID_HEXSZ + 1];
	size_t			 i, j, nwait = 0, nonline = 0, nheld = 0;

	titles_init(&T, repo);
	oid_fmt(hex, &g->head);
	printf("%s is %.12s; %zu paths\n\n", ref, hex, g->npaths);
	printf("%-10s  %-10s  %s\n", "ONLINE", "LIVE", "PATH");
	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		if (p->live != NULL && !p->live->present &&
		    p->published == p->live)
			continue;	/* withdrawn and gone: nothing to say */
		if (!shown(f, p))
			continue;
		short_hex(pub, p->published);
		if (p->live == p->published)
			snprintf(live, sizeof(live), "=");
		else
			short_hex(live, p->live);
		printf("%-10s  %-10s  ", pub, live);
		put_text(p->path);
		if ((t = title_of(&T, p)) != NULL) {
			fputs("  ", stdout);
			put_text(t);
		}
		if (p->live == p->published && p->visible)
			nonline++;
		if (held(p))
			nheld++;
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
		if (!online(p))
			print_not_counted(g, p);
		putchar('\n');
	}
	/* counts of the rows shown: a filter leaves the others out */
	printf("\n%s%zu online as live, %zu waiting for approval, %zu held "
	    "because their unit is not published\n", f->waiting ||
	    f->reviewer != NULL ? "of the paths shown: " : "", nonline, nwait,
	    nheld);
	titles_dispose(&T);
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

/* Writes member key (a literal: nothing to escape) of the top object,
 * whose value is v (spent); the first member opens the object. */
static void
json_member(struct buf *out, int first, const char *key, struct val *v)
{
	buf_printf(out, "%s\n  \"%s\": ", first ? "{" : ",", key);
	val_json_nested(v, out, 1);
	val_free(v);
}

/*
 * The JSON answer, as val_json would write one tree of it, but made a
 * path at a time and written out as it grows: a province's 200,000
 * paths as one tree took four times the gate's own memory.
 */
static void
print_json(const struct gate *g, struct repo *repo, const char *ref,
    const struct filter *f)
{
	struct buf	 out = BUF_INIT;
	struct titles	 T;
	struct val	*v;
	size_t		 i, n = 0, nheld = 0, nwait = 0;

	titles_init(&T, repo);
	json_member(&out, 1, "ref", val_str(ref));
	json_member(&out, 0, "commit", hex_val(&g->head));
	json_member(&out, 0, "rewritten", val_bool(g->rewritten));
	v = val_map();
	val_set(v, "published", g->ngov > 0 ?
	    hex_val(&g->gov[g->ngov - 1].commit) : val_null());
	governance_val(g, v);
	json_member(&out, 0, "governance", v);
	buf_puts(&out, ",\n  \"paths\": [");
	for (i = 0; i < g->npaths; i++) {
		if (!shown(f, &g->paths[i]))
			continue;
		buf_puts(&out, n++ > 0 ? ",\n    " : "\n    ");
		v = path_val(g, &T, &g->paths[i]);
		val_json_nested(v, &out, 2);
		val_free(v);
		nheld += held(&g->paths[i]);
		nwait += waits(&g->paths[i]);
		if (out.len >= 65536) {
			fwrite(out.data, 1, out.len, stdout);
			buf_reset(&out);
		}
	}
	buf_puts(&out, n > 0 ? "\n  ]" : "]");
	v = val_map();
	val_set_num(v, "waiting", (double)nwait);
	val_set_num(v, "held", (double)nheld);
	json_member(&out, 0, "summary", v);
	buf_puts(&out, "\n}\n");
	fwrite(out.data, 1, out.len, stdout);
	buf_dispose(&out);
	titles_dispose(&T);
}

/* 1 after a diagnostic if id is no reviewer of the governance in force
 * (a typo would otherwise show an empty table, as if nothing waited). */
static int
unknown_reviewer(const struct gate *g, const char *id)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	if (g->cfg != NULL && cfg_reviewer(g->cfg, id) != NULL)
		return 0;
	/* governance waits for administrators, named by fingerprint */
	for (i = 0; i < g->ntrust; i++)
		if (strcmp(g->trust[i], id) == 0)
			return 0;
	for (i = 0; g->cfg != NULL && i < g->cfg->nreviewers; i++)
		buf_printf(&b, "%s'%s'", i > 0 ? ", " : "",
		    g->cfg->reviewers[i].id);
	diag_fatal("--reviewer '%s' is not a reviewer of the governance in "
	    "force, nor an administrator's fingerprint; its reviewers are %s",
	    id, b.len > 0 ? b.data : "none");
	buf_dispose(&b);
	return 1;
}

int
cmd_status(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ref", required_argument, NULL, 'r' },
		{ "trust", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "out", required_argument, NULL, 'o' },
		{ "waiting", no_argument, NULL, 'w' },
		{ "reviewer", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*ref = "HEAD", *trust = NULL, *path = NULL;
	const char	*outdir = NULL;
	struct cmd_args	 a;
	struct repo	*repo = NULL;
	struct gate	*gate = NULL;
	struct filter	 f = { 0, NULL };
	int		 c, json = 0;

	cmd_args_init(&a, argc, argv, usage, "h", opts);
	while ((c = cmd_args_next(&a)) != -1)
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
		case 'w':
			f.waiting = 1;
			break;
		case 'R':
			f.reviewer = optarg;
			break;
		case 'h':
			return help();
		default:
			return EXIT_USAGE;
		}
	if (cmd_operand(argc, argv, &path, "status takes one REPO folder") == -1)
		return cmd_usage(usage);
	if (cmd_need_trust("status", trust, "is approved") == -1)
		return cmd_usage(usage);
	if (path == NULL)
		path = cmd_repo(CMD_FIND_GIT);
	if (outdir == NULL)
		outdir = cmd_repo_file(path, "site-out");
	cmd_huge_pages(argv, path);
	if (cmd_gate(path, ref, trust, outdir, 1, CMD_KEEP_NONE, &repo,
	    &gate) == -1)
		return EXIT_CONTENT;
	if (f.reviewer != NULL && unknown_reviewer(gate, f.reviewer)) {
		gate_free(gate);
		repo_free(repo);
		return EXIT_USAGE;
	}
	if (gate->rewritten)
		diag_warn(NULL, 0, 0, "the first-parent history of '%s' does "
		    "not contain the commit of the last gated build into '%s': "
		    "the history was rewritten or re-parented, and build will "
		    "refuse it without --accept-rewrite", ref, outdir);
	if (!json) {
		print_table(gate, repo, ref, &f);
		goto out;
	}
	print_json(gate, repo, ref, &f);
out:
	gate_free(gate);
	repo_free(repo);
	return EXIT_OK;
}
