/*
 * fuzz_tmpl.c -- Mustache templates: compile, then render against a
 * fixed context.  The input is split at NUL bytes: the first part is
 * the template "main", the next ones partials or parents called "p",
 * "q" and "r" (so {{>p}}, {{<q}}...{{/q}} and {{>*dyn}} find them).
 */
#include "buf.h"
#include "fuzz.h"
#include "tmpl.h"
#include "val.h"

static struct val *
context(void)
{
	struct val	*c = val_map(), *l, *m;
	int		 i;

	val_set_str(c, "s", "<b>\"x\" & 'y'</b>");
	val_set_str(c, "dyn", "p");
	val_set_str(c, "empty", "");
	val_set_bool(c, "t", 1);
	val_set_bool(c, "f", 0);
	val_set_num(c, "n", 1.5);
	val_set(c, "none", val_null());
	val_set(c, "nil", val_list());
	l = val_set(c, "list", val_list());
	for (i = 0; i < 3; i++) {
		m = val_push(l, val_map());
		val_set_num(m, "n", i);
		val_set_str(m, "s", i ? "名称" : "a.b");
		val_push(val_set(m, "list", val_list()), val_str("x"));
	}
	m = val_set(c, "m", val_map());
	val_set_str(m, "s", "inner");
	val_set(m, "m", val_map());
	val_set_str(val_get(m, "m"), "s", "deep");
	return c;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "main", "p", "q", "r" };
	struct tmpl_set	*set = tmpl_set_new();
	struct val	*ctx = context();
	struct buf	 out = BUF_INIT;
	const char	*p = (const char *)data, *end = p + size, *nul;
	size_t		 i;
	int		 have_main = 0;

	for (i = 0; i < 4 && p <= end; i++) {
		nul = memchr(p, '\0', (size_t)(end - p));
		if (nul == NULL)
			nul = end;
		if (tmpl_set_add(set, names[i], names[i], p,
		    (size_t)(nul - p)) == 0) {
			fuzz_assert(tmpl_set_has(set, names[i]));
			if (i == 0)
				have_main = 1;
		}
		p = nul + 1;
	}
	if (have_main) {
		tmpl_render(set, "main", ctx, &out);
		fuzz_assert(out.data != NULL && out.data[out.len] == '\0');
	}
	buf_dispose(&out);
	val_free(ctx);
	tmpl_set_free(set);
	return 0;
}
