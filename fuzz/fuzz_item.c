/*
 * fuzz_item.c -- items: Markdown with front matter and YAML items
 * (item_parse, item_split).  The first byte of the input chooses the
 * kind, so one corpus covers both.
 */
#include "arena.h"
#include "cfg.h"
#include "fuzz.h"
#include "item.h"
#include "site.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct item	 it;
	const char	*path, *text, *yaml, *body;
	size_t		 len, ylen, blen;
	int		 bline;

	if (size == 0)
		return 0;
	path = (data[0] & 1) ? "content/u/fees/x.yaml" : "content/u/fees/x.md";
	text = (const char *)data + 1;
	len = size - 1;
	if (item_split(path, text, len, &yaml, &ylen, &body, &blen,
	    &bline) == 0) {
		fuzz_assert(yaml >= text && yaml + ylen <= text + len);
		fuzz_assert(body >= text && body + blen <= text + len);
		fuzz_assert(bline >= 0);
	}
	a = arena_new();
	memset(&it, 0, sizeof(it));
	if (item_parse(path, text, len, OUT_ALL, 0, a, &it) == 0) {
		fuzz_assert(it.title != NULL);
		fuzz_assert(it.date != NO_DATE);
		fuzz_assert(it.keywords != NULL);
		fuzz_assert((it.outputs & ~OUT_ALL) == 0);
	}
	arena_free(a);
	return 0;
}
