/* unit tests for ydoc: positions, rejects */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "t.h"
#include "ydoc.h"

static struct ynode *
parse(const char *s)
{
	struct ynode	*n = NULL;

	if (ydoc_parse("t.yaml", s, strlen(s), 0, &n) == -1)
		return NULL;
	return n;
}

/* ydoc_scalars() as "value@off-end/key depth top;" for each scalar. */
static void
on_scalar(void *arg, const struct yscalar *s)
{
	char	*out = arg;
	size_t	 n = strlen(out);

	snprintf(out + n, 512 - n, "%s@%zu-%zu/%d%d%s;", s->str, s->off,
	    s->end, s->key, s->depth, s->top != NULL ? s->top : "-");
}

static void
on_skip(void *arg, const struct yscalar *s)
{
	(void)arg;
	(void)s;
}

static const char *
scalars(const char *s, int *rc)
{
	static char	out[512];

	out[0] = '\0';
	*rc = ydoc_scalars(s, strlen(s), on_scalar, out);
	return out;
}

/* A tab in the indent gets the fix, not libyaml's token error; a tab
 * after a key's colon is no indent.  Unknown keys list the valid ones
 * and the nearest. */
static void
helpful_errors(void)
{
	static const char *const keys[] = { "title", "date", NULL };
	struct ynode	*n = NULL;
	int		 rc = 0;

	T_CAPTURE(n = parse("a:\n\t- x\n"));
	OK(n == NULL);
	ERR_HAS("t.yaml:2:1: error: tabs cannot indent YAML; use spaces");
	T_CAPTURE(n = parse("a:\n  b: 1\n\tc: 2\n"));
	OK(n == NULL);
	ERR_HAS("tabs cannot indent YAML; use spaces");
	n = parse("a:\tx\n");
	OK(n != NULL);
	ynode_free(n);
	T_CAPTURE(n = parse("a: [1,\n}\n"));
	OK(n == NULL);
	ERR_HAS("t.yaml:2:1: error: invalid YAML:");
	n = parse("titel: a\ndat: b\nfoo: c\n");
	T_CAPTURE(rc = ynode_keys_allowed("t.yaml", n, keys));
	OK(rc == -1);
	ERR_HAS("t.yaml:1:1: error: unknown field 'titel': did you mean "
	    "'title'? (valid fields: title, date)");
	ERR_HAS("t.yaml:2:1: error: unknown field 'dat': did you mean 'date'?");
	ERR_HAS("t.yaml:3:1: error: unknown field 'foo' (valid fields: "
	    "title, date)");
	ynode_free(n);
}

static void
scalar_walk(void)
{
	int	rc;

	/* Keys and values in order, decoded, placed in bytes, each with
	 * the top-level key it is under. */
	STR_EQ(scalars("t: \"\\u0031中\"\nb: |\n  x\nc: [d, {e: f}]\n", &rc),
	    "t@0-1/11-;1中@3-14/01t;b@15-16/11-;x\n@18-24/01b;"
	    "c@24-25/11-;d@28-29/02c;e@32-33/13c;f@35-36/03c;");
	OK(rc == 0);
	/* Characters before are counted as bytes, a BOM too (libyaml
	 * counts it as a character). */
	STR_EQ(scalars("\xef\xbb\xbf标题: 值\n", &rc),
	    "标题@3-9/11-;值@11-14/01标题;");
	/* No tree, no checks: duplicate keys and aliases pass, quietly;
	 * a syntax error stops after what was read. */
	STR_EQ(scalars("a: 1\na: &x 2\nb: *x\n", &rc),
	    "a@0-1/11-;1@3-4/01a;a@5-6/11-;2@8-12/01a;b@13-14/11-;");
	OK(rc == 0);
	STR_EQ(scalars("a: 1\nb: [2\n", &rc), "a@0-1/11-;1@3-4/01a;b@5-6/11-;"
	    "2@9-10/02b;");
	OK(rc == -1);
	/* A top-level sequence has no keys. */
	STR_EQ(scalars("- a\n- b: c\n", &rc),
	    "a@2-3/01-;b@6-7/12-;c@9-10/02-;");
}

int
main(void)
{
	struct ynode	*n, *k;

	scalar_walk();
	helpful_errors();
	n = parse("a: 1\nb:\n  - x\n  - \"y\"\nc: {d: e}\n");
	OK(n != NULL && n->type == YN_MAP && n->n == 3);
	k = ynode_get(n, "b");
	OK(k != NULL && k->type == YN_SEQ && k->n == 2);
	OK(k != NULL && k->line == 3 && k->col == 3);
	OK(k != NULL && k->kids[0]->plain && !k->kids[1]->plain);
	STR_EQ(ynode_get(ynode_get(n, "c"), "d")->str, "e");
	OK(ynode_get(n, "zz") == NULL);
	ynode_free(n);

	n = parse("");
	OK(n != NULL && n->type == YN_MAP && n->n == 0);
	ynode_free(n);
	n = parse("标题: 中文\n");
	OK(n != NULL && strcmp(ynode_get(n, "标题")->str, "中文") == 0);
	OK(n != NULL && ynode_get(n, "标题")->col == 5);
	ynode_free(n);

	fputs("expect errors below:\n", stdout);
	OK(parse("a: [1, 2\n") == NULL);
	OK(parse("a: 1\na: 2\n") == NULL);
	OK(parse("a: &x 1\nb: *x\n") == NULL);
	OK(parse("a: 1\n---\nb: 2\n") == NULL);
	OK(parse("a: \"\xff\"\n") == NULL);
	OK(parse("? [a]\n: b\n") == NULL);
	OK(parse("a: \"x\\0y\"\n") == NULL);	/* a NUL by escape */
	OK(parse("\"k\\0\": 1\n") == NULL);
	{
		char	deep[400];
		int	i;

		for (i = 0; i < 200; i++)
			deep[i] = '[';
		deep[200] = '\0';
		OK(parse(deep) == NULL);
	}
	/* Flow nests past 256: refused before libyaml's scanner, which
	 * is quadratic in them, reads them; ydoc_scalars too. */
	{
		struct buf	b = BUF_INIT;
		int		i, rc;

		buf_puts(&b, "a: x\nb: ");
		for (i = 0; i < 100000; i++)
			buf_puts(&b, "{a: ");
		T_CAPTURE(OK(parse(b.data) == NULL));
		ERR_HAS("t.yaml:2:1028: error: YAML nested too deeply");
		OK(ydoc_scalars(b.data, b.len, on_skip, &rc) == -1);
		buf_reset(&b);
		/* 256 open brackets at once, closed and opened again */
		for (i = 0; i < 1000; i++)
			buf_puts(&b, "- [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]"
			    "]]]]]]]]]]]]]]]]]]]]]]]]\n");
		n = parse(b.data);
		OK(n != NULL && n->n == 1000);
		ynode_free(n);
		buf_dispose(&b);
	}
	/* Many keys: duplicates still found, in linear time (a hostile
	 * file of 100000 keys parses in well under a second). */
	{
		struct buf	b = BUF_INIT;
		int		i;

		for (i = 0; i < 100000; i++)
			buf_printf(&b, "k%d: v\n", i);
		n = parse(b.data);
		OK(n != NULL && n->n == 100000);
		OK(n != NULL && strcmp(ynode_get(n, "k99999")->str, "v") == 0);
		ynode_free(n);
		buf_puts(&b, "k17: again\n");
		OK(parse(b.data) == NULL);
		buf_dispose(&b);
	}
	return T_DONE();
}
