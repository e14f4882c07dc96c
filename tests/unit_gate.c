/*
 * unit_gate.c -- glob tests, and (with arguments) a driver that prints
 * the gate's decisions for tests/gate*.test.sh:
 *
 *   unit_gate [-c CACHE] [-r REF] REPO TRUSTFILE
 *
 * prints one line per tracked path:
 *
 *   PATH pub=TEXT live=TEXT vis=0|1 need=N have=N [pv=V@POS] by=ID,..
 *        wait=ID,..
 *
 * where TEXT is the first line of the blob (spaces as '_'), "-" for a
 * withdrawal, "none" when nothing is published; `pv` the published
 * version's index and the mainline index where it was; `by` lists the
 * reviewers whose approvals count for the published version; `wait`
 * who could still approve the live version; `ap` every approval of
 * every version as gate_approvals() lists them, VERSION:POS/ID/WHY
 * (WHY c counts, s self, r revoked, p repeat); `at` the attempts on
 * the live version (gate_attempts), REVIEWER/VERDICT.  Then "gov POS" per
 * governance change and "reviewer ID [retired]" for those in force.
 * With -c, the cache is read from CACHE if present and written back;
 * with -R, "records N" says how many approval records the gate kept
 * (the fold's work); with -F, the gate records every repeat
 * (gate_opts.no_fold): the output must be the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cfg.h"
#include "gate.h"
#include "repo.h"
#include "t.h"
#include "util.h"

static void
text(struct repo *r, const struct gate_version *v, const char *none)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	if (v == NULL) {
		fputs(none, stdout);
		return;
	}
	if (!v->present) {
		putchar('-');
		return;
	}
	if (repo_blob_read(r, &v->blob, &b) < 0) {
		fputs("?", stdout);
		return;
	}
	for (i = 0; i < b.len && b.data[i] != '\n'; i++)
		putchar(b.data[i] == ' ' ? '_' : b.data[i]);
	if (b.len == 0)
		fputs("(empty)", stdout);
	buf_dispose(&b);
}

/*
 * The glob matcher as it was before gate_glob answered common forms at
 * once (a literal, a literal and a final "**" or '*'): the reference
 * those fast paths must agree with, character by character.
 */
static int
ref_glob(const char *p, const char *s)
{
	for (;;) {
		if (*p == '\0')
			return *s == '\0';
		if (p[0] == '*' && p[1] == '*') {
			p += 2;
			if (*p == '/') {
				p++;
				if (ref_glob(p, s))
					return 1;
				for (; *s; s++)
					if (*s == '/' && ref_glob(p, s + 1))
						return 1;
				return 0;
			}
			for (;; s++) {
				if (ref_glob(p, s))
					return 1;
				if (*s == '\0')
					return 0;
			}
		}
		if (*p == '*') {
			p++;
			for (;; s++) {
				if (ref_glob(p, s))
					return 1;
				if (*s == '\0' || *s == '/')
					return 0;
			}
		}
		if (*s == '\0')
			return 0;
		if (*p == '?') {
			if (*s == '/')
				return 0;
		} else if (*p != *s)
			return 0;
		p++;
		s++;
	}
}

/* Pieces globs and paths are made of: folders, dots, a two-byte
 * character, wildcards in every position. */
static const char *const gpieces[] = {
	"a", "b", "/", ".", "\xc3\xa9", "*", "**", "?", "content/", "_unit.yaml"
};
static const char *const spieces[] = {
	"a", "b", "/", ".", "\xc3\xa9", "content/", "_unit.yaml"
};
#define NGP	(sizeof(gpieces) / sizeof(gpieces[0]))
#define NSP	(sizeof(spieces) / sizeof(spieces[0]))

/* Every string of up to max pieces of v[0..n), appended to out. */
static size_t
strings_of(const char *const *v, size_t n, int max, char (*out)[64])
{
	size_t	k = 1, lo = 0, hi, i, j;
	int	len;

	out[0][0] = '\0';
	for (len = 1; len <= max; len++) {
		hi = k;
		for (i = lo; i < hi; i++)
			for (j = 0; j < n; j++) {
				snprintf(out[k], 64, "%s%s", out[i], v[j]);
				k++;
			}
		lo = hi;
	}
	return k;
}

/* gate_glob agrees with ref_glob on glob g and path s; the first few
 * disagreements are printed. */
static void
same(const char *g, const char *s, size_t *bad)
{
	if (gate_glob(g, s) == ref_glob(g, s))
		return;
	if ((*bad)++ < 10)
		printf("glob '%s' path '%s': %d, matcher %d\n", g, s,
		    gate_glob(g, s), ref_glob(g, s));
}

static void
glob_fast_paths(void)
{
	static const char *const globs[] = {
		"content/**", "content/*", "content/", "content", "**", "*",
		"", "content/**/a.md", "content/**/", "content/a/**/**",
		"content/*/**", "content/**.md", "content/.*", "content/.**",
		"content/a/*", "content/a/*.md", "content/?", "content/?*",
		"content/***", "content/**/*", "**/a.md", "*/**",
		"content/示范县/**", "content/示范县/*", "content/示范县",
		"keys/*", "keys/**", "config.yaml", "content/a/b/**"
	};
	static const char *const paths[] = {
		"content/a/b.md", "content/a", "content/", "content",
		"content/.a", "content/a/.b/c.md", "contents/a", "config.yaml",
		"content/示范县/fees/a.md", "content/示范县", "content/示范县/",
		"content/示范县x/a.md", "content/a/", "content//a", "",
		"content/a/b/", "content/a/b", "content/a.md", "content/x/a.md",
		"keys/a.asc", "keys/a/b.asc", "keys", "a.md", "x/a.md", "/",
		"content/a/_unit.yaml", "content/\xe7\xa4\xba"
	};
	static char	gs[1 + 10 + 100 + 1000 + 10000][64];
	static char	ss[1 + 7 + 49 + 343 + 2401][64];
	size_t		ng, ns, i, j, bad = 0;

	for (i = 0; i < sizeof(globs) / sizeof(globs[0]); i++)
		for (j = 0; j < sizeof(paths) / sizeof(paths[0]); j++)
			same(globs[i], paths[j], &bad);
	OK(bad == 0);
	/* every glob of up to 4 pieces against every path of up to 4 */
	ng = strings_of(gpieces, NGP, 4, gs);
	ns = strings_of(spieces, NSP, 4, ss);
	OK(ng == sizeof(gs) / sizeof(gs[0]));
	OK(ns == sizeof(ss) / sizeof(ss[0]));
	bad = 0;
	for (i = 0; i < ng; i++)
		for (j = 0; j < ns; j++)
			same(gs[i], ss[j], &bad);
	OK(bad == 0);
	/* and the fast forms on the tricky cases, as written */
	OK(gate_glob("content/**", "content/"));
	OK(!gate_glob("content/**", "content"));
	OK(gate_glob("content/*", "content/"));
	OK(gate_glob("content/*", "content/.a"));
	OK(!gate_glob("content/*", "content/a/"));
	OK(!gate_glob("content/*", "content//"));
	OK(gate_glob("content/**", "content/.a/.b"));
	OK(gate_glob("**", ""));
	OK(gate_glob("*", ""));
	OK(!gate_glob("*", "/"));
	OK(gate_glob("", ""));
	OK(!gate_glob("content/示范县/*", "content/示范县/fees/a.md"));
	OK(gate_glob("content/示范县/*", "content/示范县/a.md"));
	OK(!gate_glob("content/示范/**", "content/示范县/a.md"));
	OK(gate_glob("content/示范**", "content/示范县/a.md"));
	OK(!gate_glob("content/示范*", "content/示范县/a.md"));
	/* long paths (the matcher's buffer on the heap) agree with the
	 * reference matcher; a glob that made the backtracking matcher
	 * take exponential time answers at once (tests/attack5.test.sh) */
	{
		char	 path[700], glob[64];

		memcpy(path, "content/", 8);
		memset(path + 8, 'a', 600);
		memcpy(path + 608, "/xay.md", 8);
		bad = 0;
		same("content/**/x*y.md", path, &bad);
		same("content/*/x?y.md", path, &bad);
		same("content/a*a/**", path, &bad);
		same("**/xay.m?", path, &bad);
		same("content/*b*/**", path, &bad);
		OK(bad == 0);
		OK(gate_glob("content/**/x*y.md", path));
		OK(!gate_glob("content/*b*/**", path));
		memcpy(glob, "content/", 8);
		for (i = 0; i < 16; i++)
			memcpy(glob + 8 + 2 * i, "*a", 2);
		memcpy(glob + 40, "*b", 3);
		OK(!gate_glob(glob, path));
	}
}

/* The path's approvals, version by version, as status lists them. */
static void
approvals(const struct gate *g, const struct gate_path *p)
{
	struct gate_approval	*a;
	struct gate_attempt	*t;
	size_t			 i, j, n;
	const char		*sep = "";

	fputs(" ap=", stdout);
	for (i = 0; i < p->nversions; i++) {
		n = gate_approvals(g, p, &p->versions[i], &a);
		for (j = 0; j < n; j++) {
			printf("%s%zu:%u/%s/%c", sep, i, a[j].pos,
			    p->governance ? "trust" :
			    gate_signer_of(g, &a[j])->reviewer,
			    "csrp"[a[j].why]);
#ifdef SHOW_REQ
			printf("/%u", a[j].live_req);
#endif
			sep = ",";
		}
		free(a);
	}
	fputs(" at=", stdout);
	n = gate_attempts(g, p->path, &t);
	for (j = 0; j < n; j++)
		printf("%s%s/%s", j ? "," : "", t[j].reviewer ? t[j].reviewer :
		    "-", gate_verdict_name(t[j].verdict));
	free(t);
}

static int
drive(int argc, char **argv)
{
	struct repo		*r = NULL;
	struct gate		*g = NULL;
	struct gate_opts	 o;
	struct buf		 trust = BUF_INIT, cache = BUF_INIT;
	const char		*cpath = NULL;
	struct oid		 anchor;
	size_t			 i, j, n;
	int			 c, rc = 1, records = 0;
	FILE			*f;

	memset(&o, 0, sizeof(o));
	/* -a COMMIT -t TIME: the previous build's commit and time;
	 * -w: accept a rewrite; -n TIME: the build's clock */
	while ((c = getopt(argc, argv, "a:c:Fn:Rr:t:w")) != -1)
		switch (c) {
		case 'R':
			records = 1;
			break;
		case 'F':
			o.no_fold = 1;
			break;
		case 'a':
			if (oid_parse(&anchor, optarg) < 0)
				return 2;
			o.anchor = &anchor;
			break;
		case 'c':
			cpath = optarg;
			break;
		case 'n':
			o.now = strtoll(optarg, NULL, 10);
			break;
		case 't':
			o.anchor_time = strtoll(optarg, NULL, 10);
			break;
		case 'w':
			o.accept_rewrite = 1;
			break;
		case 'r':
			o.ref = optarg;
			break;
		default:
			return 2;
		}
	if (argc - optind != 2)
		return 2;
	if (t_read(argv[optind + 1], &trust) < 0) {
		fprintf(stderr, "cannot read %s\n", argv[optind + 1]);
		return 1;
	}
	o.trust = trust.data;
	o.trust_len = trust.len;
	o.trust_name = argv[optind + 1];
	if (cpath != NULL && t_read(cpath, &cache) == 0) {
		o.cache = cache.data;
		o.cache_len = cache.len;
	}
	if (repo_open(argv[optind], &r) < 0 || gate_eval(r, &o, &g) < 0)
		goto out;
	for (i = 0; i < g->npaths; i++) {
		const struct gate_path *p = &g->paths[i];
		const char *sep = "";

		printf("%s pub=", p->path);
		text(r, p->published, "none");
		printf(" live=");
		text(r, p->live, "none");
		printf(" vis=%d need=%d have=%d", p->visible,
		    p->required, p->have);
		/* which version is published, and where it was */
		if (p->published != NULL)
			printf(" pv=%zu@%zu", (size_t)(p->published -
			    p->versions), p->published->published_pos);
		printf(" by=");
		for (j = 0; p->published &&
		    j < p->published->napprovals; j++)
			if (p->published->approvals[j].why == GATE_COUNTS) {
				printf("%s%s", sep, p->governance ? "trust" :
				    gate_signer_of(g,
				    &p->published->approvals[j])->reviewer);
				sep = ",";
			}
		printf(" wait=");
		sep = "";
		for (j = 0; j < p->neligible; j++) {
			printf("%s%s", sep, p->governance ? "trust" :
			    p->eligible[j]);
			sep = ",";
		}
		approvals(g, p);
		putchar('\n');
	}
	for (i = 0; i < g->ngov; i++)
		printf("gov %zu\n", g->gov[i].pos);
	if (records) {
		for (i = 0, n = 0; i < g->npaths; i++)
			for (j = 0; j < g->paths[i].nversions; j++)
				n += g->paths[i].versions[j].napprovals;
		printf("records %zu\n", n);
	}
	printf("rewritten %d\n", g->rewritten);
	for (i = 0; i < g->nreviewers; i++)
		printf("reviewer %s%s keys=%zu\n", g->reviewers[i].r->id,
		    g->reviewers[i].retired ? " retired" : "",
		    g->reviewers[i].nfprs);
	if (cpath != NULL) {
		if ((f = fopen(cpath, "wb")) == NULL)
			goto out;
		fwrite(g->cache.data, 1, g->cache.len, f);
		fclose(f);
	}
	rc = 0;
out:
	gate_free(g);
	repo_free(r);
	buf_dispose(&trust);
	buf_dispose(&cache);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc > 1)
		return drive(argc, argv);
	OK(gate_glob("content/**", "content/a/b.md"));
	OK(gate_glob("content/**", "content/a"));
	OK(!gate_glob("content/**", "config.yaml"));
	OK(!gate_glob("content/**", "contents/a"));
	OK(gate_glob("content/*.md", "content/a.md"));
	OK(!gate_glob("content/*.md", "content/x/a.md"));
	OK(gate_glob("content/**/a.md", "content/a.md"));
	OK(gate_glob("content/**/a.md", "content/x/y/a.md"));
	OK(!gate_glob("content/**/a.md", "content/x/ya.md"));
	OK(gate_glob("content/?.md", "content/a.md"));
	OK(!gate_glob("content/?.md", "content/ab.md"));
	OK(gate_glob("config.yaml", "config.yaml"));
	OK(!gate_glob("config.yaml", "config.yamlx"));
	OK(gate_glob("keys/*", "keys/a.asc"));
	OK(gate_glob("**", "keys/a.asc"));
	OK(gate_glob("content/示范县/**", "content/示范县/fees/a.md"));
	OK(!gate_glob("content/x", "content/x/a.md"));
	OK(!gate_glob("", "a"));
	glob_fast_paths();
	return T_DONE();
}
