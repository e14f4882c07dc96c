/*
 * unit_source.c -- where content comes from: a working tree is listed
 * in bytewise path order (as a git tree is, not as a walk of nested
 * folders gives it), without dot files, links or anything but regular
 * files being followed or read; a source filled by hand behaves the
 * same; a path that is not listed under content/ is not there.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "source.h"
#include "t.h"
#include "util.h"

static void
put(const char *root, const char *rel, const char *text)
{
	char	*p = xasprintf("%s/%s", root, rel), *sl;
	FILE	*f;

	for (sl = strchr(p + strlen(root) + 1, '/'); sl != NULL;
	    sl = strchr(sl + 1, '/')) {
		*sl = '\0';
		mkdir(p, 0755);
		*sl = '/';
	}
	if ((f = fopen(p, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
	free(p);
}

/* The listing as "path:type:size " words. */
static char *
listing(struct source *s)
{
	const struct src_entry	*e;
	struct buf		 b = BUF_INIT;
	size_t			 n, i;

	e = source_content(s, &n);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s:%d:%zu ", e[i].path, (int)e[i].type,
		    e[i].size);
	return buf_detach(&b, NULL);
}

static void
test_tree(const char *root)
{
	struct source	*s;
	struct buf	 b = BUF_INIT;
	char		*p, *l;
	int		 r;

	put(root, "config.yaml", "site: {}\n");
	put(root, "content/a/_unit.yaml", "name: A\n");
	put(root, "content/a/x/1.md", "1");
	put(root, "content/a-b/_unit.yaml", "nm");
	put(root, "content/a/.hidden.md", "h");
	put(root, "content/.git/config", "g");
	put(root, "content/王庄村/laws/甲.md", "甲乙");
	p = xasprintf("%s/content/a/x/link.md", root);
	OK(symlink("../../../config.yaml", p) == 0);
	free(p);
	p = xasprintf("%s/content/a/x/fifo", root);
	OK(mkfifo(p, 0644) == 0);
	free(p);

	T_CAPTURE(r = source_fs_open(root, &s));
	OK(r == 0);
	ERR_NONE();
	/* "a-b" sorts before "a/" bytewise ('-' < '/'), links and fifos
	 * are listed as what they are, dot files not at all */
	l = listing(s);
	STR_EQ(l, "content/a-b/_unit.yaml:0:2 content/a/_unit.yaml:0:8 "
	    "content/a/x/1.md:0:1 content/a/x/fifo:2:0 "
	    "content/a/x/link.md:1:20 content/王庄村/laws/甲.md:0:6 ");
	free(l);
	STR_EQ(source_label(s), "working tree");
	STR_EQ(source_root(s), root);

	OK(source_read(s, "content/王庄村/laws/甲.md", &b) == 0);
	STR_EQ(b.data, "甲乙");
	/* reading replaces what the buffer held */
	OK(source_read(s, "content/a/x/1.md", &b) == 0);
	STR_EQ(b.data, "1");
	/* outside content/: read from the tree */
	OK(source_read(s, "config.yaml", &b) == 0);
	STR_EQ(b.data, "site: {}\n");
	OK(source_read(s, "keys/none.asc", &b) == 1);
	/* not listed (a dot file, made after the listing): not there */
	OK(source_read(s, "content/a/.hidden.md", &b) == 1);
	put(root, "content/a/x/late.md", "late");
	OK(source_read(s, "content/a/x/late.md", &b) == 1);
	OK(b.len == 0);
	/* never through a link, never from a fifo */
	T_CAPTURE(r = source_read(s, "content/a/x/link.md", &b));
	OK(r == -1);
	ERR_HAS("content/a/x/link.md:1:1: error: not a regular file");
	T_CAPTURE(r = source_read(s, "content/a/x/fifo", &b));
	OK(r == -1);
	ERR_HAS("content/a/x/fifo:1:1: error: not a regular file");
	source_free(s);

	/* a file that vanished after the listing */
	OK(source_fs_open(root, &s) == 0);
	p = xasprintf("%s/content/a/x/1.md", root);
	unlink(p);
	free(p);
	OK(source_read(s, "content/a/x/1.md", &b) == 1);
	source_free(s);

	/* no content folder, or one that is a link */
	p = xasprintf("%s/none", root);
	T_CAPTURE(r = source_fs_open(p, &s));
	OK(r == -1 && s == NULL);
	ERR_HAS("gongkai: error: cannot open repository '");
	ERR_HAS("none': No such file or directory");
	mkdir(p, 0755);
	free(p);
	p = xasprintf("%s/none/content", root);
	l = xasprintf("%s/content", root);
	OK(symlink(l, p) == 0);
	free(l);
	free(p);
	p = xasprintf("%s/none", root);
	T_CAPTURE(r = source_fs_open(p, &s));
	OK(r == -1);
	ERR_HAS("error: no content/ folder in '");
	free(p);

	/* files outside any repository */
	p = xasprintf("%s/config.yaml", root);
	OK(source_file_read(p, &b) == 0);
	STR_EQ(b.data, "site: {}\n");
	free(p);
	p = xasprintf("%s/nothing", root);
	OK(source_file_read(p, &b) == 1);
	free(p);
	T_CAPTURE(r = source_file_read(root, &b));
	OK(r == -1);
	ERR_HAS("not a regular file");
	buf_dispose(&b);
}

/* A source filled by hand: entries in any order, read through fn. */
static int
mem_read(void *impl, const char *path, const char *blob, struct buf *out)
{
	(*(int *)impl)++;
	buf_printf(out, "%s@%s", path, blob != NULL ? blob : "-");
	return 0;
}

static void
test_mem(void)
{
	struct source	*s;
	struct buf	 b = BUF_INIT;
	char		*l;
	size_t		 n;
	int		 calls = 0;

	s = source_new(mem_read, &calls, "commit abc");
	OK(source_content(s, &n) != NULL || n == 0);
	OK(n == 0);
	source_add(s, "content/b/x.md", SRC_FILE, 3, "b0b");
	source_add(s, "config.yaml", SRC_FILE, 10, "c0f");
	source_add(s, "content/a/_unit.yaml", SRC_FILE, 5, NULL);
	source_add(s, "contents/z.md", SRC_FILE, 1, NULL);
	source_add(s, "content/b/s", SRC_OTHER, 0, NULL);
	l = listing(s);
	STR_EQ(l, "content/a/_unit.yaml:0:5 content/b/s:2:0 "
	    "content/b/x.md:0:3 ");
	free(l);
	OK(source_read(s, "content/b/x.md", &b) == 0);
	STR_EQ(b.data, "content/b/x.md@b0b");
	OK(source_read(s, "config.yaml", &b) == 0);
	STR_EQ(b.data, "config.yaml@c0f");
	/* nothing unlisted is read, inside content/ or out */
	OK(source_read(s, "content/b/y.md", &b) == 1);
	OK(source_read(s, "keys/a.asc", &b) == 1);
	T_CAPTURE(OK(source_read(s, "content/b/s", &b) == -1));
	OK(calls == 2);
	/* adding after a listing: listed again, in order */
	source_add(s, "content/a/fees/0.md", SRC_FILE, 0, NULL);
	l = listing(s);
	STR_EQ(l, "content/a/_unit.yaml:0:5 content/a/fees/0.md:0:0 "
	    "content/b/s:2:0 content/b/x.md:0:3 ");
	free(l);
	STR_EQ(source_label(s), "commit abc");
	OK(source_root(s) == NULL);
	source_free(s);
	source_free(NULL);
	buf_dispose(&b);
}

int
main(void)
{
	char	 tmpl[] = "/tmp/unit_source.XXXXXX", *root;

	if ((root = mkdtemp(tmpl)) == NULL)
		return 1;
	test_tree(root);
	test_mem();
	t_scratch_end(root, "UNIT_SOURCE_KEEP");
	return T_DONE();
}
