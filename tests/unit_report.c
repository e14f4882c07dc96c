/*
 * unit_report.c -- the report on a site held in memory: completeness,
 * overdue and empty categories, late publication across weekends and
 * holidays, stale items, waits placed by published facts only
 * (prov_place) and filed under units and categories, subtree tallies,
 * worst-first order and a unit's year.
 */
#include <stdlib.h>
#include <string.h>

#include "annual.h"
#include "buf.h"
#include "cfg.h"
#include "prov.h"
#include "report.h"
#include "site.h"
#include "source.h"
#include "t.h"
#include "workday.h"

static const char config[] =
    "site: { title: T, base_url: \"https://x.example/\" }\n"
    "holidays: [2026-04-20]\n"
    "levels:\n"
    "  county: { catalogue: c }\n"
    "  village: { catalogue: v, outputs: [web, board] }\n"
    "catalogues:\n"
    "  c:\n"
    "    - { id: budget, title: B, max_age_days: 365 }\n"
    "    - { id: normative-docs, title: N }\n"
    "    - { id: other, title: O, required: false }\n"
    "  v:\n"
    "    - { id: births, title: Bi, max_age_days: 90 }\n"
    "    - { id: rules, title: R }\n";

/* path, text */
static const char *const files[][2] = {
	{ "content/c/_unit.yaml", "name: C\nlevel: county\n" },
	{ "content/c/annual/2025.yaml", "requests: { received: 2 }\n" },
	{ "content/c/budget/b.md", "---\ntitle: b\ndate: 2025-02-10\n"
	    "index_no: x1\n---\n" },
	/* Fri 04-10 to Tue 05-12: 21 working days with the holiday */
	{ "content/c/normative-docs/late.md", "---\ntitle: l\n"
	    "date: 2026-05-12\nwritten: 2026-04-10\nindex_no: x2\n---\n" },
	{ "content/c/normative-docs/ontime.md", "---\ntitle: o\n"
	    "date: 2026-05-11\nwritten: 2026-04-10\nindex_no: x3\n---\n" },
	{ "content/c/normative-docs/old.md", "---\ntitle: old\n"
	    "date: 2025-01-05\nexpires: 2025-12-31\n---\n" },
	{ "content/c/v1/_unit.yaml", "name: V1\nlevel: village\n" },
	{ "content/c/v1/rules/r.md", "---\ntitle: r\ndate: 2026-01-02\n"
	    "index_no: y1\n---\n" },
	{ "content/c/v2/_unit.yaml", "name: V2\nlevel: village\n" },
	{ "content/c/v2/births/b.md", "---\ntitle: b\ndate: 2026-05-01\n"
	    "index_no: z1\n---\n" },
	{ "content/c/v2/rules/r.md", "---\ntitle: r\ndate: 2026-01-02\n"
	    "index_no: z2\n---\n" },
};
#define NFILES (sizeof(files) / sizeof(files[0]))

static int
mem_read(void *impl, const char *path, const char *blob, struct buf *out)
{
	size_t	i;

	(void)impl;
	(void)blob;
	if (strcmp(path, "config.yaml") == 0) {
		buf_puts(out, config);
		return 0;
	}
	for (i = 0; i < NFILES; i++)
		if (strcmp(files[i][0], path) == 0) {
			buf_puts(out, files[i][1]);
			return 0;
		}
	return 1;
}

static long
day(const char *s)
{
	struct date	d;

	date_parse(s, &d);
	return date_days(&d);
}

int
main(void)
{
	struct config		*cfg = NULL;
	struct site		*site = NULL;
	struct source		*src;
	struct report		*r;
	struct report_year	 y;
	const struct report_unit *c, *v1, *v2;
	size_t			 i, uc, uv1, uv2;
	static const char *const wpath[3] = {
		"content/c/v2/births/new.md",
		"content/c/v3/_unit.yaml",	/* under c only */
		"content/c/v2/_unit.yaml",
	};
	struct prov_wait	 w[3];
	struct prov		 answer;
	size_t			 pu;
	int			 pc;

	OK(cfg_parse("config.yaml", config, strlen(config), &cfg) == 0);
	src = source_new(mem_read, NULL, "memory");
	for (i = 0; i < NFILES; i++)
		source_add(src, files[i][0], SRC_FILE, strlen(files[i][1]),
		    NULL);
	OK(site_load(src, cfg, 0, NULL, NULL, &site) == 0);
	if (site == NULL)
		return T_DONE();
	OK(site->nannuals == 1);
	uc = site_unit(site, "c");
	uv1 = site_unit(site, "c/v1");
	uv2 = site_unit(site, "c/v2");

	/* what waits is placed by what is published: a unit, a category
	 * id of its catalogue, never an unpublished folder */
	prov_place(site, "content/c/v2/births/new.md", &pu, &pc);
	OK(pu == uv2 && pc == 0);
	prov_place(site, "content/c/v3/births/x.md", &pu, &pc);
	OK(pu == uc && pc == -1);
	prov_place(site, "content/c/v3/_unit.yaml", &pu, &pc);
	OK(pu == uc && pc == -1);
	prov_place(site, "content/c/budget/sub/x.md", &pu, &pc);
	OK(pu == uc && pc == -1);
	prov_place(site, "content/c/normative-docs/x.md", &pu, &pc);
	OK(pu == uc && pc == 1);
	prov_place(site, "content/new/x.md", &pu, &pc);
	OK(pu == NO_INDEX && pc == -1);
	prov_place(site, "content/x.md", &pu, &pc);
	OK(pu == NO_INDEX && pc == -1);

	memset(&answer, 0, sizeof(answer));
	memset(w, 0, sizeof(w));
	for (i = 0; i < 3; i++) {
		prov_place(site, wpath[i], &w[i].unit, &w[i].cat);
		w[i].item = NO_INDEX;
		w[i].since = day("2026-05-20");
	}
	w[2].blocked = 1;
	answer.gated = 1;
	answer.waits = w;
	answer.nwaits = 3;
	r = report_new(site, day("2026-06-01"), &answer);
	c = &r->units[uc];
	v1 = &r->units[uv1];
	v2 = &r->units[uv2];
	OK(r->gated);
	/* county: budget overdue, normative ok, other optional empty */
	OK(c->cats[0].overdue && c->cats[0].gap);
	OK(c->cats[0].due == day("2026-02-10"));
	OK(!c->cats[1].gap && c->cats[1].late == 1 && c->cats[1].stale == 1);
	OK(c->cats[1].noindex == 1);
	OK(c->cats[2].empty && !c->cats[2].gap);
	OK(c->own.required == 2 && c->own.ok == 1 && c->own.gaps == 1);
	OK(report_percent(&c->own) == 50);
	OK(c->nnotes == 2);
	/* v1: births empty */
	OK(v1->cats[0].empty && v1->cats[0].gap && v1->own.empty == 1);
	/* v2: complete; a wait in births, its unit file waits (blocked) */
	OK(v2->own.gaps == 0 && report_percent(&v2->own) == 100);
	OK(v2->cats[0].waiting == 1 && v2->cats[1].waiting == 0);
	OK(v2->nwaits == 2 && v2->own.waiting == 2);
	OK(c->own.waiting == 1);	/* the unpublished unit c/v3 */
	/* subtree, bottom-up */
	OK(c->sub.units == 3 && c->sub.required == 6 && c->sub.ok == 4);
	OK(c->sub.waiting == 3 && r->all.waiting == 3);
	/* worst first: c and v1 at 50%: c has more warnings */
	OK(r->worst[0] == uc && r->worst[1] == uv1 && r->worst[2] == uv2);
	OK(c->nworst == 2 && c->worst[0] == uv1 && c->worst[1] == uv2);
	OK(v1->nworst == 0);
	/* annual years: 2025 (items, yaml) and 2026 */
	OK(c->nyears == 2 && c->years[0] == 2025 && c->years[1] == 2026);
	OK(v1->nyears == 0);
	report_year(r, uc, 2025, &y);
	OK(!y.partial && y.items == 2 && y.has_norm);
	OK(y.norm_issued == 1 && y.norm_in_force == 1);
	OK(y.in != NULL && y.in->n[AN_RECEIVED] == 2 &&
	    y.in->n[AN_GRANTED] == -1);
	free(y.percat);
	report_year(r, uc, 2026, &y);
	OK(y.partial && y.items == 2 && y.late == 1 && y.in == NULL);
	OK(y.norm_in_force == 2);	/* old.md expired on 2025-12-31 */
	free(y.percat);
	report_free(r);

	/* nothing waiting under the gate is known: gated, 0 waiting */
	answer.nwaits = 0;
	r = report_new(site, day("2026-06-01"), &answer);
	OK(r->gated && r->all.waiting == 0);
	report_free(r);

	/* without a gate waiting is unknown; a day earlier nothing is
	 * overdue */
	answer.gated = 0;
	r = report_new(site, day("2026-02-10"), &answer);
	OK(!r->gated && r->nwaits == 0);
	OK(!r->units[uc].cats[0].overdue);
	report_free(r);

	site_free(site);
	source_free(src);
	cfg_free(cfg);
	return T_DONE();
}
