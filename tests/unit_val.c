/*
 * unit_val.c -- template data and JSON output: Mustache truthiness,
 * numbers as text ("85", "1.21"), JSON that any parser accepts (every
 * control character escaped, UTF-8 as is, keys in insertion order,
 * no NaN), setting a key twice replaces its value in place, the
 * ownership rules of the three kinds of string, borrowed keys kept in
 * order as a map grows, and a value shared by two trees.
 */
#include <math.h>
#include <stdlib.h>

#include "buf.h"
#include "t.h"
#include "util.h"
#include "val.h"

static char out[4096];

/* v as text / compact JSON / pretty JSON, in out; frees v. */
static const char *
text(struct val *v)
{
	struct buf	b = BUF_INIT;

	val_text(v, &b);
	snprintf(out, sizeof(out), "%s", b.data);
	buf_dispose(&b);
	val_free(v);
	return out;
}

static const char *
json(struct val *v, int pretty)
{
	struct buf	b = BUF_INIT;

	val_json(v, &b, pretty);
	snprintf(out, sizeof(out), "%s", b.data);
	buf_dispose(&b);
	val_free(v);
	return out;
}

int
main(void)
{
	static const char *const many[] = { "a", "b", "c", "d", "e", "f",
	    "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r" };
	struct val	*m, *l, *v;
	char		*own, borrowed[] = "borrowed";
	size_t		 i;

	/* truthiness: null, false and [] only are falsey */
	OK(!val_truthy(NULL));
	v = val_null(); OK(!val_truthy(v)); val_free(v);
	v = val_bool(0); OK(!val_truthy(v)); val_free(v);
	v = val_bool(1); OK(val_truthy(v)); val_free(v);
	v = val_list(); OK(!val_truthy(v));
	val_push(v, val_null()); OK(val_truthy(v)); val_free(v);
	v = val_map(); OK(val_truthy(v)); val_free(v);
	v = val_num(0); OK(val_truthy(v)); val_free(v);
	v = val_str(""); OK(val_truthy(v)); val_free(v);

	/* text */
	STR_EQ(text(val_num(85)), "85");
	STR_EQ(text(val_num(1.21)), "1.21");
	STR_EQ(text(val_num(-3)), "-3");
	STR_EQ(text(val_num(0.1 + 0.2)), "0.3");
	STR_EQ(text(val_num(2026)), "2026");
	STR_EQ(text(val_num(123456789012345.0)), "123456789012345");
	STR_EQ(text(val_bool(1)), "true");
	STR_EQ(text(val_bool(0)), "false");
	STR_EQ(text(val_null()), "");
	STR_EQ(text(val_str("<a&b>")), "<a&b>");	/* no escaping here */
	STR_EQ(text(val_strn("abcdef", 3)), "abc");
	STR_EQ(text(val_list()), "");
	v = NULL;
	val_text(v, NULL);	/* NULL is nothing, and touches nothing */

	/* JSON strings: quotes, backslashes, every control character */
	STR_EQ(json(val_str("a\"b\\c"), 0), "\"a\\\"b\\\\c\"");
	STR_EQ(json(val_str("\n\t\r\001\037"), 0),
	    "\"\\n\\t\\r\\u0001\\u001f\"");
	STR_EQ(json(val_str("示范县 — ok"), 0), "\"示范县 — ok\"");
	/* text between escapes, and escapes at both ends */
	STR_EQ(json(val_str("\"x\ny\\z\001"), 0),
	    "\"\\\"x\\ny\\\\z\\u0001\"");
	STR_EQ(json(val_str("</script>"), 0), "\"</script>\"");
	STR_EQ(json(val_null(), 0), "null");
	STR_EQ(json(val_num(-0.5), 0), "-0.5");
	/* numbers JSON has no word for */
	STR_EQ(json(val_num(NAN), 0), "null");
	STR_EQ(json(val_num(INFINITY), 0), "null");
	STR_EQ(json(val_num(-INFINITY), 0), "null");

	/* maps keep insertion order; a second set replaces in place */
	m = val_map();
	val_set_num(m, "b", 1);
	val_set_str(m, "a", "x");
	val_set_bool(m, "c", 0);
	val_set_num(m, "b", 2);
	val_set_str(m, "n", NULL);
	val_set_ref(m, "k\"ey", "v");
	l = val_set(m, "l", val_list());
	val_push(l, val_num(1));
	val_push(l, val_map());
	val_push(l, val_list());
	STR_EQ(json(m, 0), "{\"b\":2,\"a\":\"x\",\"c\":false,\"n\":null,"
	    "\"k\\\"ey\":\"v\",\"l\":[1,{},[]]}");

	m = val_map();
	val_set_num(m, "n", 1);
	l = val_set(m, "l", val_list());
	val_push(l, val_str("s"));
	val_set(m, "e", val_map());
	STR_EQ(json(m, 1), "{\n  \"n\": 1,\n  \"l\": [\n    \"s\"\n  ],\n"
	    "  \"e\": {}\n}\n");
	STR_EQ(json(val_list(), 1), "[]\n");

	/* lookups */
	m = val_map();
	v = val_set(m, "k", val_num(5));
	OK(val_get(m, "k") == v);
	OK(val_get(m, "K") == NULL);
	OK(val_get(NULL, "k") == NULL);
	OK(val_get(v, "k") == NULL);	/* not a map */
	l = val_set(m, "l", val_list());
	OK(val_get(l, "k") == NULL);
	val_free(m);

	/* strings: copied, borrowed, owned */
	m = val_map();
	val_set_str(m, "copy", borrowed);
	val_set_ref(m, "ref", borrowed);
	own = xstrdup("owned");
	val_set(m, "own", val_str_own(own));
	OK(val_get(m, "copy")->s != borrowed);
	OK(val_get(m, "ref")->s == borrowed);
	OK(val_get(m, "own")->s == own);
	borrowed[0] = 'B';
	STR_EQ(val_get(m, "copy")->s, "borrowed");
	STR_EQ(val_get(m, "ref")->s, "Borrowed");
	/* replacing a value frees the old one (the leak check sees it) */
	val_set_num(m, "own", 1);
	val_free(m);
	val_free(NULL);

	/* a map past the first block of slots keeps its keys and order:
	 * keys sit after the values in one block, moved as it grows */
	m = val_map();
	for (i = 0; i < sizeof(many) / sizeof(many[0]); i++)
		val_set_num(m, many[i], (double)i);
	for (i = 0; i < sizeof(many) / sizeof(many[0]); i++) {
		v = val_get(m, many[i]);
		OK(v != NULL && v->num == (double)i);
		OK(m->keys[i] == many[i]);	/* borrowed, not copied */
	}
	val_set_num(m, many[3], 99);	/* replaced in place */
	OK(m->n == sizeof(many) / sizeof(many[0]));
	OK(val_get(m, many[3])->num == 99);
	STR_EQ(json(m, 0), "{\"a\":0,\"b\":1,\"c\":2,\"d\":99,\"e\":4,"
	    "\"f\":5,\"g\":6,\"h\":7,\"i\":8,\"j\":9,\"k\":10,\"l\":11,"
	    "\"m\":12,\"n\":13,\"o\":14,\"p\":15,\"q\":16,\"r\":17}");

	/* a shared value: in two trees, freed with the last of them */
	v = val_map();
	val_set_str(v, "s", "shared");
	m = val_map();
	l = val_list();
	val_set(m, "v", val_share(v));
	val_push(l, val_share(v));
	val_free(v);			/* the maker's own hold */
	val_free(m);
	STR_EQ(json(l, 0), "[{\"s\":\"shared\"}]");	/* frees it */
	return T_DONE();
}
