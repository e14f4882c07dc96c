/*
 * unit_bodycache.c -- a YAML item's body and table come back from the
 * cache as item_body_read gives them; the cache is what is read once
 * it holds the text (an edit keeps its digest here to show it); another
 * program's key, or a cache file cut short or spoiled anywhere, reads
 * the item again and mends the file; no folder, or a Markdown item,
 * reads the item.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "bodycache.h"
#include "buf.h"
#include "cachedir.h"
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
	char		*top, *root, *dir, *content, *item, *file;
	struct source	*src = NULL;
	struct item	 it;
	struct item_body want, want2, got;
	struct buf	 b = BUF_INIT;
	size_t		 n, cut;

	if ((top = mkdtemp(tmpl)) == NULL) {
		T_SKIP("no temporary folder");
		return T_DONE();
	}
	root = xasprintf("%s/repo", top);
	dir = xasprintf("%s/body", top);
	content = xasprintf("%s/content", root);
	item = xasprintf("%s/x.yaml", content);
	mkdir(root, 0755);
	mkdir(content, 0755);
	mkdir(dir, 0700);
	put(item, yaml, sizeof(yaml) - 1);
	OK(source_fs_open(root, &src) == 0);
	memset(&it, 0, sizeof(it));
	it.path = "content/x.yaml";
	it.kind = ITEM_YAML;
	it.file_dig = "0123456789abcdef";

	/* read, then kept */
	OK(item_body_read(src, &it, &want) == 0);
	OK(want.nrows == 2 && want.ncolumns == 2);
	OK(bodycache_read(dir, "code-a", src, &it, &got) == 0);
	OK(same(&want, &got));
	item_body_dispose(&got);
	OK((file = cache_file(dir)) != NULL);

	/* the text of that digest is taken from the cache */
	put(item, yaml2, sizeof(yaml2) - 1);
	OK(item_body_read(src, &it, &want2) == 0);
	OK(!same(&want, &want2));
	OK(bodycache_read(dir, "code-a", src, &it, &got) == 0);
	OK(same(&want, &got));
	item_body_dispose(&got);

	/* another program's key: read again */
	OK(bodycache_read(dir, "code-b", src, &it, &got) == 0);
	OK(same(&want2, &got));
	item_body_dispose(&got);

	/* no folder, or a Markdown item: read again */
	OK(bodycache_read(NULL, "code-a", src, &it, &got) == 0);
	OK(same(&want2, &got));
	item_body_dispose(&got);

	/* a file cut short anywhere, or with a byte spoiled, is read
	 * again and mended (the source now says yaml2) */
	if (file != NULL && cachedir_read(file, &b) == 0) {
		n = b.len;
		for (cut = 0; cut < n; cut++) {
			put(file, b.data, cut);
			OK(bodycache_read(dir, "code-a", src, &it, &got) == 0);
			OK(same(&want2, &got));
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
	free(content);
	free(dir);
	free(root);
	root = xasprintf("rm -rf '%s'", top);
	if (system(root) != 0)
		printf("# could not remove %s\n", top);
	free(root);
	return T_DONE();
}
