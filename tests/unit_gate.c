/*
 * unit_gate.c -- glob tests, and (with arguments) a driver that prints
 * the gate's decisions for tests/gate*.test.sh:
 *
 *   unit_gate [-c CACHE] [-r REF] REPO TRUSTFILE
 *
 * prints one line per tracked path:
 *
 *   PATH pub=TEXT live=TEXT vis=0|1 need=N have=N by=ID,.. wait=ID,..
 *
 * where TEXT is the first line of the blob (spaces as '_'), "-" for a
 * withdrawal, "none" when nothing is published; `by` lists the
 * reviewers whose approvals count for the published version; `wait`
 * who could still approve the live version.  Then "gov POS" per
 * governance change and "reviewer ID [retired]" for those in force.
 * With -c, the cache is read from CACHE if present and written back.
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

static int
slurp(const char *path, struct buf *b)
{
	FILE	*f = fopen(path, "rb");
	char	 tmp[4096];
	size_t	 n;

	if (f == NULL)
		return -1;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_put(b, tmp, n);
	fclose(f);
	return 0;
}

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

static int
drive(int argc, char **argv)
{
	struct repo		*r = NULL;
	struct gate		*g = NULL;
	struct gate_opts	 o;
	struct buf		 trust = BUF_INIT, cache = BUF_INIT;
	const char		*cpath = NULL;
	struct oid		 anchor;
	size_t			 i, j;
	int			 c, rc = 1;
	FILE			*f;

	memset(&o, 0, sizeof(o));
	/* -a COMMIT -t TIME: the previous build's commit and time;
	 * -w: accept a rewrite; -n TIME: the build's clock */
	while ((c = getopt(argc, argv, "a:c:n:r:t:w")) != -1)
		switch (c) {
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
	if (slurp(argv[optind + 1], &trust) < 0) {
		fprintf(stderr, "cannot read %s\n", argv[optind + 1]);
		return 1;
	}
	o.trust = trust.data;
	o.trust_len = trust.len;
	o.trust_name = argv[optind + 1];
	if (cpath != NULL && slurp(cpath, &cache) == 0) {
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
		printf(" vis=%d need=%d have=%d by=", p->visible,
		    p->required, p->have);
		for (j = 0; p->published &&
		    j < p->published->napprovals; j++)
			if (p->published->approvals[j].why == GATE_COUNTS) {
				printf("%s%s", sep, p->governance ? "trust" :
				    p->published->approvals[j].reviewer);
				sep = ",";
			}
		printf(" wait=");
		sep = "";
		for (j = 0; j < p->neligible; j++) {
			printf("%s%s", sep, p->governance ? "trust" :
			    p->eligible[j]);
			sep = ",";
		}
		putchar('\n');
	}
	for (i = 0; i < g->ngov; i++)
		printf("gov %zu\n", g->gov[i].pos);
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
	return T_DONE();
}
