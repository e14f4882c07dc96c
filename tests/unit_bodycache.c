/*
 * unit_bodycache.c -- a YAML item's body and table come back from the
 * cache as item_body_read gives them; the cache is what is read once
 * it holds the text (a file edited since then is not read); another
 * program's key, or a cache file cut short or spoiled anywhere, reads
 * the item again and mends the file; no folder, or a Markdown item,
 * reads the item.  A file that no longer holds the text the loader
 * digested (edited while a preview builds) is refused, and nothing is
 * kept under that digest.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "bodycache.h"
#include "buf.h"
#include "cachedir.h"
#include "sha256.h"
#include "site.h"
#include "source.h"
#include "t.h"
#include "util.h"

static void
put(const char *path, const char *text, size_t len)
{
	FILE	*f;

	if ((f = fopen(path, "w")) != NULL) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
}

/* 1 if a and b are the same body and table. */
static int
same(const struct item_body *a, const struct item_body *b)
{
	size_t	i, j;

	if (a->len != b->len || memcmp(a->md, b->md, a->len) != 0 ||
	    a->line0 != b->line0 || a->col0 != b->col0 ||
	    a->ncolumns != b->ncolumns || a->nrows != b->nrows)
		return 0;
	for (i = 0; i < a->ncolumns; i++)
		if (strcmp(a->columns[i], b->columns[i]) != 0)
			return 0;
	for (i = 0; i < a->nrows; i++)
		for (j = 0; j < a->ncolumns; j++)
			if (strcmp(a->rows[i][j], b->rows[i][j]) != 0)
				return 0;
	return 1;
}

/* The path of the one file under dir's two-letter folders, or NULL. */
static char *
cache_file(const char *dir)
{
	DIR		*d, *e;
	struct dirent	*de, *fe;
	char		*sub, *found = NULL;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		sub = xasprintf("%s/%s", dir, de->d_name);
		if ((e = opendir(sub)) != NULL) {
			while ((fe = readdir(e)) != NULL)
				if (fe->d_name[0] != '.' && n++ == 0)
					found = xasprintf("%s/%s", sub,
					    fe->d_name);
			closedir(e);
		}
		free(sub);
	}
	closedir(d);
	if (n != 1) {
		free(found);
		return NULL;
	}
	return found;
}

int
main(void)
{
	static const char yaml[] = "title: 甲\n"
	    "body: |\n  第一段。\n\n  第二段\n"
	    "table:\n  columns: [序号, 姓名]\n  rows:\n"
	    "    - [\"1\", \"张*\"]\n    - [\"2\", \"\"]\n";
	static const char yaml2[] = "title: 甲\nbody: 改过了\n";
	char		 tmpl[] = "/tmp/gk-bodycache-XXXXXX";
	static const char mdtext[] = "---\ntitle: 乙\n---\n正文\n";
	static const char mdtext2[] = "---\ntitle: 乙\n---\n改了\n";
	char		*top, *root, *dir, *content, *item, *mdfile, *file;
	char		 dig[65], dig2[65], mddig[65];
	struct source	*src = NULL;
	struct item	 it, it2, md;
	struct item_body want, want2, got;
	struct buf	 b = BUF_INIT;
	size_t		 n, cut;
	int		 r;

	if ((top = mkdtemp(tmpl)) == NULL) {
		T_SKIP("no temporary folder");
		return T_DONE();
	}
	root = xasprintf("%s/repo", top);
	dir = xasprintf("%s/body", top);
	content = xasprintf("%s/content", root);
	item = xasprintf("%s/x.yaml", content);
	mdfile = xasprintf("%s/y.md", content);
	mkdir(root, 0755);
	mkdir(content, 0755);
	mkdir(dir, 0700);
	put(item, yaml, sizeof(yaml) - 1);
	put(mdfile, mdtext, sizeof(mdtext) - 1);
	OK(source_fs_open(root, &src) == 0);
	memset(&it, 0, sizeof(it));
	it.path = "content/x.yaml";
	it.kind = ITEM_YAML;
	sha256_digest(yaml, sizeof(yaml) - 1, dig);
	it.file_dig = dig;
	it2 = it;
	sha256_digest(yaml2, sizeof(yaml2) - 1, dig2);
	it2.file_dig = dig2;

	/* read, then kept */
	OK(item_body_read(src, &it, &want) == 0);
	OK(want.nrows == 2 && want.ncolumns == 2);
	OK(bodycache_read(dir, "code-a", src, &it, &got) == 0);
	OK(same(&want, &got));
	item_body_dispose(&got);
	OK((file = cache_file(dir)) != NULL);

	/* the text of that digest is taken from the cache, whatever the
	 * file holds now */
	put(item, yaml2, sizeof(yaml2) - 1);
	OK(item_body_read(src, &it2, &want2) == 0);
	OK(!same(&want, &want2));
	OK(bodycache_read(dir, "code-a", src, &it, &got) == 0);
	OK(same(&want, &got));
	item_body_dispose(&got);

	/* a file that no longer holds the loader's text is refused, by
	 * the cache too, which keeps nothing under that digest (another
	 * program's key: not in the cache) */
	T_CAPTURE(r = item_body_read(src, &it, &got));
	OK(r == -1 && got.md == NULL);
	ERR_HAS("content/x.yaml:1:1: error: item changed while this "
	    "build ran (its text is not the one loaded): build again");
	T_CAPTURE(r = bodycache_read(dir, "code-b", src, &it, &got));
	OK(r == -1);
	free(file);
	OK((file = cache_file(dir)) != NULL);	/* still code-a's alone */
	OK(bodycache_read(dir, "code-b", src, &it2, &got) == 0);
	OK(same(&want2, &got));
	item_body_dispose(&got);
	md = it2;
	md.kind = ITEM_MD;
	md.path = "content/y.md";
	sha256_digest(mdtext, sizeof(mdtext) - 1, mddig);
	md.file_dig = mddig;
	OK(bodycache_read(dir, "code-a", src, &md, &got) == 0);
	OK(got.len == 7 && memcmp(got.md, "正文\n", 7) == 0);
	item_body_dispose(&got);
	put(mdfile, mdtext2, sizeof(mdtext2) - 1);
	T_CAPTURE(r = bodycache_read(dir, "code-a", src, &md, &got));
	OK(r == -1);
	ERR_HAS("content/y.md:1:1: error: item changed");

	/* no folder, or no digest (not a build): read again */
	OK(bodycache_read(NULL, "code-a", src, &it2, &got) == 0);
	OK(same(&want2, &got));
	item_body_dispose(&got);
	it2.file_dig = NULL;
	OK(item_body_read(src, &it2, &got) == 0);
	OK(same(&want2, &got));
	item_body_dispose(&got);

	put(item, yaml, sizeof(yaml) - 1);
	/* a file cut short anywhere, or with a byte spoiled, is read
	 * again and mended (the source says yaml again) */
	if (file != NULL && cachedir_read(file, &b) == 0) {
		n = b.len;
		for (cut = 0; cut < n; cut++) {
			put(file, b.data, cut);
			OK(bodycache_read(dir, "code-a", src, &it, &got) == 0);
			OK(same(&want, &got));
			item_body_dispose(&got);
			put(file, b.data, n);
		}
		for (cut = 0; cut < n; cut++) {
			b.data[cut] ^= 0x5a;
			put(file, b.data, n);
			/* a spoiled text is believed (the folder is the
			 * user's own); what must not happen is a crash
			 * or a read past the file */
			if (bodycache_read(dir, "code-a", src, &it, &got) ==
			    0)
				item_body_dispose(&got);
			b.data[cut] ^= 0x5a;
		}
	}
	item_body_dispose(&want);
	item_body_dispose(&want2);
	source_free(src);
	buf_dispose(&b);
	free(file);
	free(item);
	free(mdfile);
	free(content);
	free(dir);
	free(root);
	t_scratch_end(top, "UNIT_BODYCACHE_KEEP");
	return T_DONE();
}
