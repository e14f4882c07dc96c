/*
 * unit_site.c -- the content model: units nest and sort parents first,
 * items file under their unit's categories newest first, lookups find
 * what is there and nothing else, every misplaced or clashing file is
 * reported (all of them), and links in bodies resolve to exactly what
 * a build writes, or are reported at their line and column.
 */
#include <stdlib.h>

#include "buf.h"
#include "cfg.h"
#include "site.h"
#include "source.h"
#include "t.h"
#include "util.h"

static const char CONFIG[] =
    "site: { title: T, base_url: \"https://x/\" }\n"
    "levels:\n"
    "  county: { catalogue: d }\n"
    "  village: { catalogue: v, outputs: [web, board] }\n"
    "catalogues:\n"
    "  d:\n    - { id: laws, title: 法规 }\n    - { id: fees, title: 收费 }\n"
    "  v:\n    - { id: births, title: 出生 }\n";

#define ITEM(t, d)	"---\ntitle: " t "\ndate: " d "\n---\n"

/* The files of one test: path, text; NULL-terminated. */
static const char *const *files;

static int
mem_read(void *impl, const char *path, const char *blob, struct buf *out)
{
	size_t	i;

	for (i = 0; files[i] != NULL; i += 2)
		if (strcmp(files[i], path) == 0) {
			buf_puts(out, files[i + 1]);
			return 0;
		}
	return 1;
}

/* Loads fs (path, text pairs) into *s; returns site_load's result with
 * stderr in t_err.  *src is the source (free it after the site). */
static int
load(const char *const *fs, const struct config *cfg, struct source **src,
    struct site **s)
{
	size_t	i;
	int	rc;

	files = fs;
	*src = source_new(mem_read, NULL, "test");
	for (i = 0; fs[i] != NULL; i += 2)
		source_add(*src, fs[i], SRC_FILE, strlen(fs[i + 1]), NULL);
	T_CAPTURE(rc = site_load(*src, cfg, 0, NULL, NULL, s));
	return rc;
}

static const char *const good[] = {
	"content/c/_unit.yaml", "name: 县\nlevel: county\n",
	"content/c/laws/old.md", ITEM("旧", "2025-01-01"),
	"content/c/laws/new.md", ITEM("新", "2026-01-01"),
	"content/c/laws/same-a.md", ITEM("同日甲", "2025-06-01"),
	"content/c/laws/same-b.yaml", "title: 同日乙\ndate: 2025-06-01\n",
	"content/c/laws/scan.pdf", "%PDF",
	"content/c/fees/repealed.md", "---\ntitle: 废\ndate: 2024-01-01\n"
	    "repealed: 2025-01-01\nreplaced_by: laws/new\n---\n"
	    "见[新](../laws/new.md#一)、[旧](../laws/old.md?x)、"
	    "![扫描](../laws/scan.pdf)、[县](../)、[村](../v/)、"
	    "[法规](../laws)、[出生](../v/births/)、"
	    "[编码](../%E7%8E%8B/births/w.md)。\n",
	"content/c/v/_unit.yaml", "name: 村\nlevel: village\n",
	"content/c/v/births/b.md", ITEM("出生", "2026-02-01"),
	"content/c/王/_unit.yaml", "name: 王庄\nlevel: village\n",
	"content/c/王/births/w.md", ITEM("王", "2026-02-01"),
	"content/c-2/_unit.yaml", "name: 二县\nlevel: county\n",
	NULL
};

static void
test_model(const struct config *cfg)
{
	struct source		*src;
	struct site		*s;
	const struct unit	*u;
	const struct ucat	*laws;
	size_t			 i, c, v, w, c2;

	OK(load(good, cfg, &src, &s) == 0);
	ERR_NONE();
	if (s == NULL)
		return;
	OK(s->nunits == 4 && s->nitems == 7 && s->natts == 1);
	/* units sort by dir, parents first; roots and children */
	STR_EQ(s->units[0].dir, "c");
	STR_EQ(s->units[1].dir, "c-2");
	c = site_unit(s, "c");
	v = site_unit(s, "c/v");
	w = site_unit(s, "c/王");
	c2 = site_unit(s, "c-2");
	OK(c != NO_INDEX && v != NO_INDEX && w != NO_INDEX && c2 != NO_INDEX);
	OK(site_unit(s, "c/") == NO_INDEX && site_unit(s, "v") == NO_INDEX);
	OK(s->nroots == 2 && s->roots[0] == c && s->roots[1] == c2);
	u = &s->units[c];
	OK(u->parent == NO_INDEX && u->depth == 0 && u->nchildren == 2);
	OK(s->units[v].parent == c && s->units[v].depth == 1);
	OK(site_under(s, v, c) && site_under(s, c, c) && !site_under(s, c, v));
	OK(!site_under(s, c2, c));
	STR_EQ(s->units[w].name, "王庄");

	/* items: urls, categories newest first, ties by path */
	laws = &u->cats[0];
	OK(laws->nitems == 4);
	STR_EQ(s->items[laws->items[0]].slug, "new");
	STR_EQ(s->items[laws->items[1]].slug, "same-a");
	STR_EQ(s->items[laws->items[2]].slug, "same-b");
	STR_EQ(s->items[laws->items[3]].slug, "old");
	i = site_item(s, "content/c/laws/same-b.yaml");
	OK(i != NO_INDEX);
	STR_EQ(s->items[i].url, "c/laws/same-b.html");
	OK(s->items[i].kind == ITEM_YAML && s->items[i].unit == c);
	OK(site_item(s, "content/c/laws/same-b.md") == NO_INDEX);
	OK(site_item(s, "content/c/laws/scan.pdf") == NO_INDEX);
	i = site_item(s, "content/c/fees/repealed.md");
	OK(s->items[i].replaced_idx == site_item(s, "content/c/laws/new.md"));
	i = site_attachment(s, "content/c/laws/scan.pdf");
	OK(i != NO_INDEX);
	STR_EQ(s->atts[i].url, "c/laws/scan.pdf");
	OK(s->atts[i].size == 4);
	OK(u->cats[1].nitems == 1 && s->units[c2].cats[0].nitems == 0);
	site_free(s);
	source_free(src);
	site_free(NULL);
}

/* Every misplaced, misnamed or clashing file of one tree, reported. */
static void
test_errors(const struct config *cfg)
{
	static const char *const bad[] = {
		"content/a.md", ITEM("甲", "2026-01-01"),
		"content/c/_unit.yaml", "name: 县\nlevel: county\n",
		"content/c/x.md", ITEM("甲", "2026-01-01"),
		"content/c/feez/a.md", ITEM("甲", "2026-01-01"),
		"content/c/laws/a.md", "---\ntitle: 甲\ndate: 2026-01-01\n"
		    "index_no: N1\nrepealed: 2026-02-01\nreplaced_by: laws/z\n"
		    "---\n",
		"content/c/laws/a.yaml", "title: 乙\ndate: 2026-01-01\n",
		"content/c/fees/b.md", "---\ntitle: 丙\ndate: 2026-01-01\n"
		    "index_no: N1\n---\n",
		"content/c/fees/index.md", ITEM("丁", "2026-01-01"),
		"content/c/fees/page-3.md", ITEM("丁", "2026-01-01"),
		"content/c/fees/page-x.md", ITEM("戊", "2026-01-01"),
		"content/c/fees/notes.txt", "x",
		"content/c/laws/x/y.md", ITEM("甲", "2026-01-01"),
		"content/c/print/_unit.yaml", "name: 印\nlevel: county\n",
		"content/c/orphan/sub/_unit.yaml", "name: 孤\nlevel: county\n",
		"content/assets/_unit.yaml", "name: 资\nlevel: county\n",
		"content/c/a:b.md", ITEM("甲", "2026-01-01"),
		NULL
	};
	struct source	*src;
	struct site	*s;

	OK(load(bad, cfg, &src, &s) == -1 && s == NULL);
	ERR_HAS("content/a.md:1:1: error: file directly in content/");
	ERR_HAS("content/c/x.md:1:1: error: file directly in a unit folder");
	ERR_HAS("content/c/feez/a.md:1:1: error: unknown category 'feez' "
	    "for level 'county' (catalogue 'd'; one of: laws, fees)");
	ERR_HAS("content/c/laws/a.yaml:1:1: error: item has the same page as "
	    "'content/c/laws/a.md'");
	ERR_HAS("content/c/laws/a.md:1:1: error: replaced_by names a missing "
	    "item 'laws/z'");
	ERR_HAS("error: index number 'N1' is already used by");
	ERR_HAS("content/c/fees/index.md:1:1: error: item name 'index' is "
	    "reserved");
	ERR_HAS("content/c/fees/page-3.md:1:1: error: item name 'page-3' is "
	    "reserved");
	OK(strstr(t_err, "page-x.md") == NULL);	/* not a list page name */
	ERR_HAS("content/c/fees/notes.txt:1:1: error: unsupported file type");
	ERR_HAS("content/c/laws/x/y.md:1:1: error: folder 'content/c/laws/x' "
	    "is inside category 'laws': a category holds files, not folders");
	ERR_HAS("content/c/print/_unit.yaml:1:1: error: unit folder 'print' "
	    "has the name of one of its parent's pages");
	ERR_HAS("content/c/orphan/sub/_unit.yaml:1:1: error: unit folder "
	    "'content/c/orphan/sub' is not directly inside content/ or "
	    "another unit ('content/c/orphan' has no _unit.yaml)");
	ERR_HAS("content/assets/_unit.yaml:1:1: error: unit folder 'assets' "
	    "is reserved");
	ERR_HAS("content/c/a:b.md:1:1: error: file name contains a character "
	    "that is not allowed (':')");
	source_free(src);
}

static void
test_link_path(void)
{
	static const struct {
		const char	*dest;
		const char	*want;	/* NULL: climbs out */
	} cases[] = {
		{ "b.md", "content/c/laws/b.md" },
		{ "./b.md", "content/c/laws/b.md" },
		{ "../fees/x.pdf", "content/c/fees/x.pdf" },
		{ "..", "content/c" },
		{ "../", "content/c" },
		{ "sub//b.md", "content/c/laws/sub/b.md" },
		{ "%E7%8E%8B.md", "content/c/laws/王.md" },
		{ "a%2Fb.md", "content/c/laws/a/b.md" },
		{ "100%.md", "content/c/laws/100%.md" },
		{ "%zz.md", "content/c/laws/%zz.md" },
		{ "../../../config.yaml", "config.yaml" },
		{ "../../../../x.md", NULL },
		{ "b.md#frag", "content/c/laws/b.md" },
	};
	struct item	it;
	struct buf	b = BUF_INIT;
	size_t		i;
	int		rc;

	memset(&it, 0, sizeof(it));
	it.path = "content/c/laws/a.md";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rc = site_link_path(&it, cases[i].dest,
		    strcspn(cases[i].dest, "#?"), &b);
		if (cases[i].want == NULL)
			OK(rc == -1);
		else {
			OK(rc == 0);
			STR_EQ(b.data, cases[i].want);
		}
	}
	buf_dispose(&b);
}

/* site_link_target on the good tree, from content/c/fees/repealed.md. */
static void
test_link_target(const struct config *cfg)
{
	static const struct {
		const char	*dest;
		const char	*want;	/* output path, or the diagnostic */
	} cases[] = {
		{ "../laws/new.md", "c/laws/new.html" },
		{ "../laws/same-b.yaml#x", "c/laws/same-b.html" },
		{ "../laws/scan.pdf?v=2", "c/laws/scan.pdf" },
		{ "..", "c/index.html" },
		{ "../v", "c/v/index.html" },
		{ "../../c-2/", "c-2/index.html" },
		{ "../laws/", "c/laws/index.html" },
		{ "./", "c/fees/index.html" },
		{ "../v/births", "c/v/births/index.html" },
		{ "../%E7%8E%8B/births/w.md", "c/王/births/w.html" },
		{ "../laws/gone.md", "content/c/fees/repealed.md:3:3: error: "
		    "link to missing item '../laws/gone.md'" },
		{ "../laws/gone.yaml#a", "error: link to missing item "
		    "'../laws/gone.yaml'" },
		{ "../laws/scan.PDF", "error: link '../laws/scan.PDF' names no "
		    "item, attachment, unit or category" },
		{ "../laws/x.png", "error: link to missing attachment "
		    "'../laws/x.png'" },
		{ "../laws/new.html", "error: link '../laws/new.html' names "
		    "no item" },
		{ "../v/fees/", "error: link '../v/fees/' names no item" },
		{ "../../../config.yaml", "error: link '../../../config.yaml' "
		    "leads outside content/" },
		{ "../../../../etc/passwd", "error: link "
		    "'../../../../etc/passwd' leads outside content/" },
		{ "../_unit.yaml", "error: link to missing item" },
	};
	struct source	*src;
	struct site	*s;
	struct item_body b;
	const struct item *it;
	size_t		 i;
	char		*t;

	if (load(good, cfg, &src, &s) == -1)
		return;
	it = &s->items[site_item(s, "content/c/fees/repealed.md")];
	memset(&b, 0, sizeof(b));
	b.md = "first line\n见[x](y)\n";
	b.line0 = 1;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* line 3 of the file is the body's line 2; byte column 5
		 * there is after "见[": character column 3 */
		T_CAPTURE(t = site_link_target(s, it, &b, cases[i].dest, 3,
		    5));
		if (strstr(cases[i].want, "error: ") == NULL) {
			STR_EQ(t, cases[i].want);
			ERR_NONE();
		} else {
			OK(t == NULL);
			ERR_HAS(cases[i].want);
		}
		free(t);
	}
	/* after the indent of a YAML block */
	b.col0 = 4;
	T_CAPTURE(t = site_link_target(s, it, &b, "gone.md", 3, 5));
	OK(t == NULL);
	ERR_HAS("content/c/fees/repealed.md:3:7: error: link to missing");
	site_free(s);
	source_free(src);
}

/* check reads every body and reports each link a build cannot make. */
static void
test_check_links(const struct config *cfg)
{
	static const char *const fs[] = {
		"content/c/_unit.yaml", "name: 县\nlevel: county\n",
		"content/c/laws/a.md", "---\ntitle: 甲\ndate: 2026-01-01\n---\n"
		    "[好](b.md)\n\n  * 列表：[坏](bad.md) [外](http://x/y.md)"
		    " [锚](#t) <https://x/>\n",
		"content/c/laws/b.yaml", "title: 乙\ndate: 2026-01-01\n"
		    "body: |\n  第一段\n\n  [坏](../fees/none.pdf)\n",
		"content/c/laws/c.md", ITEM("丙", "2026-01-01") "[好](a.md)\n",
		NULL
	};
	struct source	*src;
	struct site	*s;
	int		 rc;

	if (load(fs, cfg, &src, &s) == -1)
		return;
	ERR_NONE();	/* loading reads no bodies' links */
	T_CAPTURE(rc = site_check_links(src, s, NULL, NULL));
	OK(rc == -1);
	ERR_HAS("content/c/laws/a.md:7:8: error: link to missing item "
	    "'bad.md'\n");
	ERR_HAS("content/c/laws/b.yaml:6:3: error: link to missing "
	    "attachment '../fees/none.pdf'\n");
	OK(strstr(t_err, "c.md") == NULL && strstr(t_err, "http") == NULL);
	site_free(s);
	source_free(src);

	OK(load(good, cfg, &src, &s) == 0);
	T_CAPTURE(rc = site_check_links(src, s, NULL, NULL));
	OK(rc == 0);
	ERR_NONE();
	site_free(s);
	source_free(src);
}

int
main(void)
{
	struct config	*cfg;

	if (cfg_parse("config.yaml", CONFIG, strlen(CONFIG), &cfg) == -1)
		return 1;
	test_model(cfg);
	test_errors(cfg);
	test_link_path();
	test_link_target(cfg);
	test_check_links(cfg);
	cfg_free(cfg);
	return T_DONE();
}
