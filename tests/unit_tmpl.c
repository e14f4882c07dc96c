/*
 * unit_tmpl.c -- tests for tmpl.c: hand-written cases, then the official
 * Mustache spec files (the *.yml files of tests/spec/mustache, or of
 * the folder named by GONGKAI_MUSTACHE_SPEC) run case by case.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "tmpl.h"
#include "util.h"
#include "val.h"
#include "ydoc.h"
#include "t.h"

/* Adds a NUL-terminated template to a set. */
#define ADD(set, name, text) \
	tmpl_set_add((set), (name), NULL, (text), strlen(text))

/* Compiles text as "t" in a fresh set and renders it; NULL on error. */
static const char *
render(struct buf *out, const char *text, const struct val *ctx)
{
	struct tmpl_set	*set = tmpl_set_new();
	int		 rc;

	buf_reset(out);
	rc = tmpl_set_add(set, "t", "t.mustache", text, strlen(text));
	if (rc == 0)
		rc = tmpl_render(set, "t", ctx, out);
	tmpl_set_free(set);
	return rc == 0 ? out->data : NULL;
}

static void
test_hand(void)
{
	struct buf	 out = BUF_INIT;
	struct val	*ctx = val_map(), *items, *it, *unit;
	struct tmpl_set	*set;
	int		 i;

	val_set_str(ctx, "title", "收费 <标准> & \"公示\" 'x'");
	val_set_num(ctx, "year", 2024);
	val_set_num(ctx, "rate", 1.5);
	val_set_bool(ctx, "yes", 1);
	val_set(ctx, "none", val_null());
	items = val_set(ctx, "items", val_list());
	for (i = 0; i < 3; i++) {
		it = val_push(items, val_map());
		val_set_num(it, "n", i + 1);
	}
	unit = val_set(ctx, "unit", val_map());
	val_set_str(unit, "name", "城关镇");

	STR_EQ(render(&out, "{{title}}", ctx),
	    "收费 &lt;标准&gt; &amp; &quot;公示&quot; &#39;x&#39;");
	STR_EQ(render(&out, "{{{title}}}|{{&title}}", ctx),
	    "收费 <标准> & \"公示\" 'x'|收费 <标准> & \"公示\" 'x'");
	STR_EQ(render(&out, "{{year}} {{rate}} {{yes}} [{{none}}] [{{nope}}]",
	    ctx), "2024 1.5 true [] []");
	STR_EQ(render(&out, "{{#items}}{{n}},{{/items}}", ctx), "1,2,3,");
	STR_EQ(render(&out, "{{#items}}{{unit.name}}{{/items}}", ctx),
	    "城关镇城关镇城关镇");
	STR_EQ(render(&out, "{{^none}}empty{{/none}}{{^items}}x{{/items}}",
	    ctx), "empty");
	STR_EQ(render(&out, "<ul>\n  {{#items}}\n  <li>{{n}}</li>\n"
	    "  {{/items}}\n</ul>\n", ctx),
	    "<ul>\n  <li>1</li>\n  <li>2</li>\n  <li>3</li>\n</ul>\n");
	STR_EQ(render(&out, "{{=<% %>=}}<% year %>{{year}}<%={{ }}=%>{{year}}",
	    ctx), "2024{{year}}2024");
	STR_EQ(render(&out, "a{{! comment\nover lines }}b", ctx), "ab");
	STR_EQ(render(&out, "", ctx), "");
	STR_EQ(render(&out, "no tags at all\n", NULL), "no tags at all\n");
	STR_EQ(render(&out, "{{.}}", NULL), "");

	/* Numbers print as val_text prints them. */
	{
		static const double	nums[] = { 0, -0.0, 7, -42, 1e14,
		    -999999999999999, 1e15, 1e20, 1.5, -0.25, 1.21, 1e-7 };
		struct buf		want = BUF_INIT;
		struct val		*m = val_map();
		size_t			k;

		for (k = 0; k < sizeof(nums) / sizeof(nums[0]); k++) {
			val_set_num(m, "n", nums[k]);
			buf_reset(&want);
			val_text(val_get(m, "n"), &want);
			STR_EQ(render(&out, "{{n}}", m), want.data);
			STR_EQ(render(&out, "{{{n}}}", m), want.data);
		}
		val_free(m);
		buf_dispose(&want);
	}

	/* Syntax errors are refused (diagnostics go to stderr). */
	OK(render(&out, "{{#a}}x", ctx) == NULL);
	OK(render(&out, "{{#a}}x{{/b}}", ctx) == NULL);
	OK(render(&out, "x{{/b}}", ctx) == NULL);
	OK(render(&out, "{{a", ctx) == NULL);
	OK(render(&out, "{{{a}}", ctx) == NULL);
	OK(render(&out, "{{}}", ctx) == NULL);
	OK(render(&out, "{{a b}}", ctx) == NULL);
	OK(render(&out, "{{a..b}}", ctx) == NULL);
	OK(render(&out, "{{=<%%>=}}", ctx) == NULL);
	OK(render(&out, "{{=a b c=}}", ctx) == NULL);
	OK(render(&out, "{{<p}}{{$b}}{{/p}}", ctx) == NULL);
	OK(render(&out, "{{<*p}}{{/p}}", ctx) == NULL);
	{
		struct buf	deep = BUF_INIT;

		for (i = 0; i < 300; i++)
			buf_puts(&deep, "{{#a}}");
		OK(render(&out, deep.data, ctx) == NULL);
		buf_dispose(&deep);
	}

	/* Partials, indentation, parents, an unknown template, recursion. */
	set = tmpl_set_new();
	OK(ADD(set, "li", "<li>{{n}}</li>\n") == 0);
	OK(ADD(set, "page",
	    "<ul>\n  {{#items}}\n  {{>li}}\n  {{/items}}\n</ul>\n") == 0);
	OK(ADD(set, "base",
	    "<title>{{$title}}gongkai{{/title}}</title>\n"
	    "<main>\n  {{$main}}\n  <p>empty</p>\n  {{/main}}\n</main>\n")
	    == 0);
	OK(ADD(set, "item",
	    "{{<base}}\n{{$title}}{{unit.name}}{{/title}}\n"
	    "{{$main}}\n<h1>{{title}}</h1>\n{{/main}}\n{{/base}}\n") == 0);
	OK(ADD(set, "self", "x{{>self}}") == 0);
	OK(tmpl_set_has(set, "li") && tmpl_set_has(set, "page") &&
	    !tmpl_set_has(set, "nope"));
	buf_reset(&out);
	OK(tmpl_render(set, "page", ctx, &out) == 0);
	STR_EQ(out.data, "<ul>\n  <li>1</li>\n  <li>2</li>\n  <li>3</li>\n"
	    "</ul>\n");
	buf_reset(&out);
	OK(tmpl_render(set, "item", ctx, &out) == 0);
	STR_EQ(out.data, "<title>城关镇</title>\n<main>\n  <h1>收费 &lt;标准&gt; "
	    "&amp; &quot;公示&quot; &#39;x&#39;</h1>\n</main>\n");
	buf_reset(&out);
	OK(tmpl_render(set, "base", ctx, &out) == 0);
	STR_EQ(out.data, "<title>gongkai</title>\n<main>\n  <p>empty</p>\n"
	    "</main>\n");
	OK(tmpl_render(set, "nope", ctx, &out) == -1);
	OK(ADD(set, "loop", "{{<base}}{{$title}}<{{$title}}x{{/title}}>"
	    "{{/title}}{{/base}}") == 0);
	buf_reset(&out);
	OK(tmpl_render(set, "loop", ctx, &out) == -1);
	OK(ADD(set, "dyn", "{{>*which}}|{{<*which}}{{/*which}}") == 0);
	val_set_str(ctx, "which", "li");
	buf_reset(&out);
	OK(tmpl_render(set, "dyn", ctx, &out) == 0);
	STR_EQ(out.data, "<li></li>\n|<li></li>\n");
	OK(ADD(set, "ind", "  {{>li}}\n  {{#items}}{{>li}}{{/items}}") == 0);
	buf_reset(&out);
	OK(tmpl_render(set, "ind", ctx, &out) == 0);
	STR_EQ(out.data, "  <li></li>\n  <li>1</li>\n<li>2</li>\n<li>3</li>\n");
	buf_reset(&out);
	OK(tmpl_render(set, "self", ctx, &out) == -1);
	OK(out.len == TMPL_DEPTH_MAX + 1);

	/* Replacing a template; many templates (the table grows). */
	OK(ADD(set, "li", "[{{n}}]") == 0);
	buf_reset(&out);
	OK(tmpl_render(set, "page", ctx, &out) == 0);
	STR_EQ(out.data, "<ul>\n  [1]  [2]  [3]</ul>\n");
	for (i = 0; i < 200; i++) {
		char	name[16], text[32];

		snprintf(name, sizeof(name), "n%d", i);
		snprintf(text, sizeof(text), "<%d>", i);
		ADD(set, name, text);
	}
	buf_reset(&out);
	OK(tmpl_render(set, "n137", NULL, &out) == 0);
	STR_EQ(out.data, "<137>");
	OK(tmpl_set_has(set, "li") && tmpl_set_has(set, "n0"));
	tmpl_set_free(set);

	val_free(ctx);
	buf_dispose(&out);
}

/* YAML data of a spec case -> val, keeping YAML's plain-scalar types
 * (its map keys are borrowed from the document, which outlives it). */
static struct val *
yval(const struct ynode *n)
{
	struct val	*v;
	char		*end;
	double		 d;
	size_t		 i;

	switch (n->type) {
	case YN_SEQ:
		v = val_list();
		for (i = 0; i < n->n; i++)
			val_push(v, yval(n->kids[i]));
		return v;
	case YN_MAP:
		v = val_map();
		for (i = 0; i < n->n; i++)
			val_set(v, n->keys[i]->str, yval(n->kids[i]));
		return v;
	case YN_SCALAR:
		break;
	}
	if (!n->plain)
		return val_strn(n->str, n->slen);
	if (ynode_is_null(n))
		return val_null();
	if (strcmp(n->str, "true") == 0 || strcmp(n->str, "false") == 0)
		return val_bool(n->str[0] == 't');
	if (strchr("+-.0123456789", n->str[0]) != NULL &&
	    strpbrk(n->str, "0123456789") != NULL) {
		d = strtod(n->str, &end);
		if (*end == '\0')
			return val_num(d);
	}
	return val_strn(n->str, n->slen);
}

/* Runs one spec case; returns 1 if it passed. */
static int
spec_case(const char *file, const struct ynode *c)
{
	const struct ynode	*name, *data, *tpl, *exp, *parts;
	struct tmpl_set		*set;
	struct val		*ctx = NULL;
	struct buf		 out = BUF_INIT;
	size_t			 i;
	int			 ok = 0;

	name = ynode_get(c, "name");
	data = ynode_get(c, "data");
	tpl = ynode_get(c, "template");
	exp = ynode_get(c, "expected");
	parts = ynode_get(c, "partials");
	if (name == NULL || tpl == NULL || exp == NULL ||
	    tpl->type != YN_SCALAR || exp->type != YN_SCALAR) {
		printf("spec %s: malformed case\n", file);
		return 0;
	}
	set = tmpl_set_new();
	if (data != NULL)
		ctx = yval(data);
	if (parts != NULL && parts->type == YN_MAP)
		for (i = 0; i < parts->n; i++)
			if (tmpl_set_add(set, parts->keys[i]->str,
			    parts->keys[i]->str, parts->kids[i]->str,
			    parts->kids[i]->slen) == -1)
				goto out;
	if (tmpl_set_add(set, "\001spec", file, tpl->str, tpl->slen) == -1 ||
	    tmpl_render(set, "\001spec", ctx, &out) == -1)
		goto out;
	ok = out.len == exp->slen && memcmp(out.data, exp->str, out.len) == 0;
out:
	if (!ok)
		printf("FAIL spec %s: %s\n  template: \"%s\"\n  got:  \"%s\"\n"
		    "  want: \"%s\"\n", file, name->str, tpl->str, out.data,
		    exp->str);
	buf_dispose(&out);
	val_free(ctx);
	tmpl_set_free(set);
	return ok;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_spec(void)
{
	const char		*dir = getenv("GONGKAI_MUSTACHE_SPEC");
	const struct ynode	*tests;
	struct ynode		*root;
	struct dirent		*de;
	struct buf		 mods = BUF_INIT, text = BUF_INIT;
	char			**names = NULL, *path;
	size_t			 n = 0, cap = 0, i, k;
	int			 pass = 0, total = 0;
	DIR			*d;

	/* Vendored, so a clone runs every case; the variable runs
	 * another copy (a newer spec). */
	if (dir == NULL || *dir == '\0')
		dir = "tests/spec/mustache";
	if ((d = opendir(dir)) == NULL) {
		printf("FAIL spec: cannot open %s (run from the top of the "
		    "source tree)\n", dir);
		t_fail++;
		return;
	}
	while ((de = readdir(d)) != NULL) {
		/* Lambdas need code in the data: they do not apply to C. */
		if (!str_suffix(de->d_name, ".yml") ||
		    strstr(de->d_name, "lambdas") != NULL)
			continue;
		xgrow(&names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), str_cmp);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		root = NULL;
		if (t_read(path, &text) != 0 || ydoc_parse(path, text.data, text.len, 0,
		    &root) == -1) {
			OK(!"spec file readable");
			free(path);
			continue;
		}
		tests = ynode_get(root, "tests");
		for (k = 0; tests != NULL && k < tests->n; k++) {
			total++;
			if (spec_case(names[i], tests->kids[k])) {
				pass++;
				t_pass++;
			} else
				t_fail++;
		}
		buf_printf(&mods, "%s%.*s", mods.len ? ", " : "",
		    (int)(strlen(names[i]) - 4), names[i]);
		ynode_free(root);
		free(path);
		free(names[i]);
	}
	printf("# spec: %d/%d mustache cases passed (%s)\n", pass, total,
	    mods.data);
	OK(total > 0);
	free(names);
	buf_dispose(&mods);
	buf_dispose(&text);
}

/* tmpl_set_reads: what a set can show of site.version (memo.h keys
 * on the commit only when a template can show it). */
static void
test_reads(void)
{
	static const struct {
		const char	*text;
		int		 reads;
	} cases[] = {
		{ "{{site.version}}", 1 },
		{ "{{{site.version}}}", 1 },
		{ "{{#site}}{{version}}{{/site}}", 1 },
		{ "{{^site}}x{{/site}}", 1 },
		{ "{{site}}", 1 },
		{ "{{#a}}{{#b}}{{site.version}}{{/b}}{{/a}}", 1 },
		{ "{{version}}", 0 },
		{ "{{#provenance}}{{version}}{{/provenance}}", 0 },
		{ "{{site.title}} {{page.version}}", 0 },
		{ "{{#site.title}}{{version}}{{/site.title}}", 0 },
		{ "text only", 0 },
	};
	struct tmpl_set	*set;
	size_t		 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		set = tmpl_set_new();
		OK(tmpl_set_add(set, "base", "base.mustache", "{{>p}}",
		    strlen("{{>p}}")) == 0);
		OK(tmpl_set_add(set, "p", "p.mustache", cases[i].text,
		    strlen(cases[i].text)) == 0);
		if (tmpl_set_reads(set, "site", "version") != cases[i].reads)
			printf("  case %zu: %s\n", i, cases[i].text);
		OK(tmpl_set_reads(set, "site", "version") == cases[i].reads);
		tmpl_set_free(set);
	}
}

int
main(void)
{
	test_hand();
	test_spec();
	test_reads();
	return T_DONE();
}
