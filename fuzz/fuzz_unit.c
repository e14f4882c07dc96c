/*
 * fuzz_unit.c -- _unit.yaml files (unit_parse, as site.c's loader calls
 * it) against a small fixed config.
 */
#include "arena.h"
#include "cfg.h"
#include "fuzz.h"
#include "item.h"
#include "site.h"

static const char config_text[] =
    "site: { title: t, base_url: https://example.org/ }\n"
    "levels:\n"
    "  county: { catalogue: department, outputs: [web], approvals: 2 }\n"
    "  village: { catalogue: village, outputs: [web, board, handout],"
    " approvals: 1 }\n"
    "catalogues:\n"
    "  department:\n"
    "    - { id: laws, title: 法律 }\n"
    "    - { id: fees, title: 收费, max_age_days: 400 }\n"
    "  village:\n"
    "    - { id: births, title: 生育 }\n";

/* The config, parsed once: it is only read. */
static const struct config *
config(void)
{
	static struct config	*c;

	if (c == NULL && cfg_parse("config.yaml", config_text,
	    sizeof(config_text) - 1, &c) == -1)
		abort();
	return c;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct config	*cfg = config();
	struct arena		*a = arena_new();
	struct unit		 u;

	memset(&u, 0, sizeof(u));
	if (unit_parse("content/u/_unit.yaml", (const char *)data, size, 0,
	    cfg, a, &u) == 0) {
		fuzz_assert(u.name != NULL && u.level != NULL);
		fuzz_assert(u.catalogue != NULL);
		fuzz_assert(u.index_format != NULL);
	}
	arena_free(a);
	return 0;
}
