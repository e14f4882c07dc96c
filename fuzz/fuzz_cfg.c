/*
 * fuzz_cfg.c -- config.yaml (cfg_parse): a config or a diagnostic, and
 * a config whose cross references hold.
 */
#include "cfg.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	*c;
	size_t		 i, j;

	if (cfg_parse("config.yaml", (const char *)data, size, &c) == -1) {
		return 0;
	}
	fuzz_assert(c->title != NULL && c->theme != NULL);
	fuzz_assert(c->base_url != NULL);
	for (i = 0; i < c->nlevels; i++) {
		fuzz_assert(c->levels[i].catalogue < c->ncatalogues);
		fuzz_assert(cfg_level(c, c->levels[i].id) != NULL);
		fuzz_assert(cfg_catalogue(c, &c->levels[i]) != NULL);
		fuzz_assert((c->levels[i].outputs & ~OUT_ALL) == 0);
	}
	for (i = 0; i < c->ncatalogues; i++)
		for (j = 0; j < c->catalogues[i].ncats; j++)
			fuzz_assert(cfg_category(&c->catalogues[i],
			    c->catalogues[i].cats[j].id) >= 0);
	for (i = 0; i < c->nreviewers; i++)
		fuzz_assert(cfg_reviewer(c, c->reviewers[i].id) != NULL);
	for (i = 1; i < c->nholidays; i++)
		fuzz_assert(c->holidays[i - 1] <= c->holidays[i]);
	cfg_free(c);
	return 0;
}
