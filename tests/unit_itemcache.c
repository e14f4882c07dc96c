/*
 * unit_itemcache.c -- the item cache: what one run records the next
 * takes back field for field, under the same path, stamp, level
 * outputs and code only; a damaged, cut, reordered or foreign file is
 * an empty cache; a run keeps only what it took or added, and writes
 * nothing when that is what it read.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "cachedir.h"
#include "itemcache.h"
#include "sha256.h"
#include "site.h"
#include "t.h"
#include "util.h"

static const char *kw[] = { "计划生育", "奖励扶助", NULL };
static const char *nokw[] = { NULL };

/* An item as the loader would have parsed it. */
static void
sample(struct item *it, const char *path, const char *title)
{
	memset(it, 0, sizeof(*it));
	it->path = path;
	it->kind = str_suffix(path, ".yaml") ? ITEM_YAML : ITEM_MD;
	it->title = title;
	it->date = 20400;
	it->written = NO_DATE;
	it->expires = 20500;
	it->repealed = NO_DATE;
	it->index_no = "110000/2025-00001";
	it->doc_no = NULL;
	it->topic = "计划生育";
	it->summary = "多行\n概述";
	it->keywords = str_suffix(path, ".yaml") ? nokw : kw;
	it->replaced_by = NULL;
	it->outputs = 5;
	it->body_line = 7;
}

static int
same_str(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

static int
same_item(const struct item *a, const struct item *b)
{
	size_t	k;

	if (a->kind != b->kind || !same_str(a->title, b->title) ||
	    a->date != b->date || a->written != b->written ||
	    a->expires != b->expires || a->repealed != b->repealed ||
	    !same_str(a->index_no, b->index_no) ||
	    !same_str(a->doc_no, b->doc_no) ||
	    !same_str(a->topic, b->topic) ||
	    !same_str(a->summary, b->summary) ||
	    !same_str(a->replaced_by, b->replaced_by) ||
	    b->replaced_idx != NO_INDEX ||
	    a->outputs != b->outputs || a->body_line != b->body_line)
		return 0;
	for (k = 0; a->keywords[k] != NULL; k++)
		if (!same_str(a->keywords[k], b->keywords[k]))
			return 0;
	return b->keywords[k] == NULL;
}

/* Writes a copy of path with byte off changed (off from the end when
 * negative) or cut to len bytes (len >= 0). */
static void
spoil(const char *path, long off, long len)
{
	struct buf	b = BUF_INIT;
	FILE		*f;

	if (cachedir_read(path, &b) == -1)
		return;
	if (len >= 0)
		b.len = (size_t)len;
	else {
		if (off < 0)
			off += (long)b.len;
		b.data[off] ^= 1;
	}
	unlink(path);
	if ((f = fopen(path, "w")) != NULL) {
		fwrite(b.data, 1, b.len, f);
		fclose(f);
	}
	chmod(path, 0600);
	buf_dispose(&b);
}

int
main(void)
{
	char		 tmpl[] = "/tmp/unit_itemcache.XXXXXX";
	char		 code[65], other[65], d1[65], d2[65], d3[65];
	char		 g1[65], g2[65], g3[65], *path;
	struct itemcache *ic;
	struct arena	*a = arena_new();
	struct item	 x, y, back;
	struct buf	 text = BUF_INIT;
	long long	 t0;
	size_t		 r;
	int		 k;

	if (mkdtemp(tmpl) == NULL)
		return 1;
	path = xasprintf("%s/items/tree-0", tmpl);
	t_digest("code", code);
	t_digest("other code", other);
	t_digest("text", d1);
	t_digest("front matter", d2);
	t_digest("body", d3);
	sample(&x, "content/u/laws/a.md", "关于印发《办法》的通知");
	sample(&y, "content/u/laws/b.yaml", "收费标准");
	y.doc_no = "某发〔2025〕1号";
	y.replaced_by = "laws/c";
	y.repealed = 20450;

	/* NULL path: nothing known, nothing saved */
	ic = itemcache_open(NULL, code);
	OK(itemcache_find(ic, x.path, "f 1") == 0);
	itemcache_add(ic, "f 1", 5, &x, d1, d2, d3);
	itemcache_save(ic);
	itemcache_free(ic);
	OK(access(path, F_OK) == -1);
	OK(itemcache_find(NULL, x.path, "f 1") == 0);

	/* one run adds, in path order; the next takes back every field */
	ic = itemcache_open(path, code);
	OK(itemcache_find(ic, x.path, "f 1") == 0);
	itemcache_add(ic, "f 1", 5, &x, d1, d2, d3);
	itemcache_add(ic, "b 0123abcd", 5, &y, d3, d2, d1);
	itemcache_save(ic);
	itemcache_free(ic);
	OK(access(path, F_OK) == 0);
	ic = itemcache_open(path, code);
	OK((r = itemcache_find(ic, x.path, "f 1")) != 0);
	memset(&back, 0, sizeof(back));
	OK(itemcache_take(ic, r, 5, a, &back, g1, g2, g3) == 0);
	OK(same_item(&x, &back));
	STR_EQ(g1, d1);
	STR_EQ(g2, d2);
	STR_EQ(g3, d3);
	OK((r = itemcache_find(ic, y.path, "b 0123abcd")) != 0);
	OK(itemcache_take(ic, r, 5, a, &back, g1, g2, g3) == 0);
	OK(same_item(&y, &back));
	STR_EQ(g1, d3);
	STR_EQ(g3, d1);
	/* another stamp, path or level outputs: not this record */
	OK(itemcache_find(ic, x.path, "f 2") == 0);
	OK(itemcache_find(ic, x.path, "f 1 ") == 0);
	OK(itemcache_find(ic, x.path, NULL) == 0);
	OK(itemcache_find(ic, "content/u/laws/a.mdx", "f 1") == 0);
	OK(itemcache_find(ic, "content/u/laws/", "f 1") == 0);
	OK((r = itemcache_find(ic, x.path, "f 1")) != 0);
	back.title = "untouched";
	OK(itemcache_take(ic, r, 7, a, &back, g1, g2, g3) == -1);
	STR_EQ(back.title, "untouched");
	OK(itemcache_take(ic, 0, 5, a, &back, g1, g2, g3) == -1);
	OK(itemcache_take(ic, 99, 5, a, &back, g1, g2, g3) == -1);

	/* a run that takes what it read writes nothing */
	itemcache_save(ic);
	itemcache_free(ic);
	t0 = t_mtime_ns(path);
	usleep(20000);
	ic = itemcache_open(path, code);
	OK(itemcache_take(ic, itemcache_find(ic, x.path, "f 1"), 5, a, &back,
	    g1, g2, g3) == 0);
	OK(itemcache_take(ic, itemcache_find(ic, y.path, "b 0123abcd"), 5,
	    a, &back, g1, g2, g3) == 0);
	itemcache_save(ic);
	itemcache_free(ic);
	OK(t_mtime_ns(path) == t0);

	/* one that takes less keeps only what it took */
	ic = itemcache_open(path, code);
	OK(itemcache_take(ic, itemcache_find(ic, y.path, "b 0123abcd"), 5,
	    a, &back, g1, g2, g3) == 0);
	itemcache_save(ic);
	itemcache_free(ic);
	ic = itemcache_open(path, code);
	OK(itemcache_find(ic, x.path, "f 1") == 0);
	OK(itemcache_find(ic, y.path, "b 0123abcd") != 0);
	itemcache_free(ic);

	/* another program's file is empty */
	ic = itemcache_open(path, other);
	OK(itemcache_find(ic, y.path, "b 0123abcd") == 0);
	itemcache_free(ic);

	/* damaged files are empty: a changed byte in a record or in the
	 * digest, a cut file, an unsafe one; each time from a file that
	 * holds the record again */
	for (k = 0; k < 4; k++) {
		ic = itemcache_open(path, code);
		itemcache_add(ic, "b 0123abcd", 5, &y, d3, d2, d1);
		itemcache_save(ic);
		itemcache_free(ic);
		OK(cachedir_read(path, &text) == 0);
		if (k == 0)
			spoil(path, 120, -1);
		else if (k == 1)
			spoil(path, -3, -1);
		else if (k == 2)
			spoil(path, 0, (long)text.len - 70);
		else
			chmod(path, 0666);
		ic = itemcache_open(path, code);
		OK(itemcache_find(ic, y.path, "b 0123abcd") == 0);
		itemcache_free(ic);
		chmod(path, 0600);
	}

	/* records out of path order: the whole file is refused (a lookup
	 * is a binary search) */
	ic = itemcache_open(path, code);
	itemcache_add(ic, "b 0123abcd", 5, &y, d3, d2, d1);
	itemcache_add(ic, "f 1", 5, &x, d1, d2, d3);
	itemcache_save(ic);
	itemcache_free(ic);
	ic = itemcache_open(path, code);
	OK(itemcache_find(ic, x.path, "f 1") == 0);
	OK(itemcache_find(ic, y.path, "b 0123abcd") == 0);
	itemcache_free(ic);

	/* a record made beside the loader (a pre-scan worker's): taken
	 * field for field and kept for the next run, but only whole and
	 * for this path, stamp and level outputs */
	buf_reset(&text);
	itemcache_record(&text, "f 1", 5, &x, d1, d2, d3);
	ic = itemcache_open(path, code);
	back.title = "untouched";
	OK(itemcache_take_record(ic, x.path, "f 2", text.data, text.len, 5, a,
	    &back, g1, g2, g3) == -1);
	OK(itemcache_take_record(ic, y.path, "f 1", text.data, text.len, 5, a,
	    &back, g1, g2, g3) == -1);
	OK(itemcache_take_record(ic, x.path, "f 1", text.data, text.len, 7, a,
	    &back, g1, g2, g3) == -1);
	OK(itemcache_take_record(ic, x.path, "f 1", text.data, text.len - 1,
	    5, a, &back, g1, g2, g3) == -1);
	OK(itemcache_take_record(ic, x.path, "f 1", text.data, 3, 5, a,
	    &back, g1, g2, g3) == -1);
	OK(itemcache_take_record(ic, x.path, NULL, text.data, text.len, 5, a,
	    &back, g1, g2, g3) == -1);
	/* a length that says less than the bytes given */
	text.data[0] = (char)(text.data[0] - 1);
	OK(itemcache_take_record(ic, x.path, "f 1", text.data, text.len, 5, a,
	    &back, g1, g2, g3) == -1);
	text.data[0] = (char)(text.data[0] + 1);
	STR_EQ(back.title, "untouched");
	OK(itemcache_take_record(ic, x.path, "f 1", text.data, text.len, 5, a,
	    &back, g1, g2, g3) == 0);
	OK(same_item(&x, &back));
	STR_EQ(g1, d1);
	STR_EQ(g2, d2);
	STR_EQ(g3, d3);
	itemcache_save(ic);
	itemcache_free(ic);
	ic = itemcache_open(path, code);
	OK((r = itemcache_find(ic, x.path, "f 1")) != 0);
	OK(itemcache_take(ic, r, 5, a, &back, g1, g2, g3) == 0);
	OK(same_item(&x, &back));
	itemcache_free(ic);
	/* no cache: taken all the same, nothing kept */
	OK(itemcache_take_record(NULL, x.path, "f 1", text.data, text.len, 5,
	    a, &back, g1, g2, g3) == 0);

	free(path);
	buf_dispose(&text);
	arena_free(a);
	t_scratch_end(tmpl, "UNIT_ITEMCACHE_KEEP");
	return T_DONE();
}
