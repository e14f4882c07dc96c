/*
 * fuzz_records.c -- the record programmes' parsers (evaluation,
 * supervisors, leadership, assessment, media, rectification, reporting
 * procedure) on the same bytes, with a fixed config: each returns 0 or
 * -1 and never crashes; a parsed evaluation has one row per question
 * and its rates lie in 0..1000 tenths.
 */
#include "arena.h"
#include "assessment.h"
#include "cfg.h"
#include "evaluation.h"
#include "fuzz.h"
#include "leadership.h"
#include "media.h"
#include "rectification.h"
#include "reporting.h"
#include "site.h"
#include "supervisors.h"

static const char cfgtext[] =
    "site: { title: T, base_url: \"https://x.example/\" }\n"
    "catalogues:\n  d:\n    - { id: laws, title: 法规 }\n"
    "levels:\n  county: { catalogue: d }\n"
    "evaluations:\n  methods: [问卷调查]\n"
    "  farmers: { title: 评, questions: [甲, 乙] }\n"
    "programmes:\n  supervisors: { categories: [人大代表] }\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*t = (const char *)data;
	struct config		*cfg = NULL;
	struct arena		*ar;
	struct evaluation	 ev;
	struct roster		 ro;
	struct leadership	 le;
	struct assessment	 as;
	struct media		 me;
	struct rectification	 re;
	struct rep_procedure	 rp;
	struct evalfig		 f;
	size_t			 q;

	if (cfg_parse("config.yaml", cfgtext, sizeof(cfgtext) - 1, &cfg) ==
	    -1)
		abort();
	ar = arena_new();
	if (evaluation_parse("e/2026-x.yaml", t, size, cfg, NO_DATE, ar,
	    &ev) == 0) {
		fuzz_assert(ev.kind != NULL && ev.counts != NULL);
		for (q = 0; q <= ev.kind->nquestions; q++) {
			evaluation_fig(&ev, q == ev.kind->nquestions ?
			    (size_t)-1 : q, &f);
			fuzz_assert(f.satisfied <= f.answers);
			fuzz_assert(f.tenths >= -1 && f.tenths <= 1000);
		}
	}
	(void)supervisors_parse("roster.yaml", t, size, cfg, NO_DATE, ar,
	    &ro);
	(void)leadership_parse("leadership.yaml", t, size, ar, &le);
	(void)assessment_parse("a/2026.yaml", t, size, ar, &as);
	(void)media_parse("m/x.md", t, size, NO_DATE, ar, &me);
	if (rectification_parse("r/x.md", t, size, NO_DATE, ar, &re) == 0)
		fuzz_assert(re.ref != NULL && re.cause < RC_NCAUSES);
	(void)reporting_procedure_parse("procedure.md", t, size, ar, &rp);
	arena_free(ar);
	cfg_free(cfg);
	return 0;
}
