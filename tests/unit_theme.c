/*
 * unit_theme.c -- where a theme comes from (theme.h): a folder given by
 * ops, the repository's theme laid over the installed one, links and
 * special files refused everywhere, assets read and copied.
 *
 * The installed theme of these tests is the project's themes/default,
 * found beside the test program's folder (build/../themes), as a build
 * tree's gongkai finds it.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fsout.h"
#include "source.h"
#include "theme.h"
#include "tmpl.h"
#include "util.h"
#include "val.h"

#include "t.h"

static char	top[] = "/tmp/unit_theme.XXXXXX";

/* Writes top/name (making its folders) with text. */
static void
put(const char *name, const char *text)
{
	char	*path = xasprintf("%s/%s", top, name), *cmd;
	FILE	*f;

	cmd = xasprintf("mkdir -p \"$(dirname '%s')\"", path);
	if (system(cmd) != 0)
		OK(!"mkdir");
	if ((f = fopen(path, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	} else
		OK(!"fopen");
	free(cmd);
	free(path);
}

/* Runs a shell command in top. */
static void
sh(const char *cmd)
{
	char	*c = xasprintf("cd '%s' && %s", top, cmd);

	if (system(c) != 0)
		OK(!"sh");
	free(c);
}

/* Renders template name of theme t with x = "a&b" into a new string. */
static char *
render(const struct theme *t, const char *name)
{
	struct buf	 out = BUF_INIT;
	struct val	*ctx = val_map();

	val_set_str(ctx, "x", "a&b");
	if (tmpl_render(theme_tmpl(t), name, ctx, &out) == -1)
		buf_puts(&out, "(error)");
	val_free(ctx);
	return buf_detach(&out, NULL);
}

/* theme_open on folder top/dir; 0 or -1. */
static int
open_dir(const char *dir, struct theme **t)
{
	char	*path = xasprintf("%s/%s", top, dir);
	int	 rc = theme_open(NULL, "default", path, t);

	free(path);
	return rc;
}

/* The asset's bytes as a string, or "(error)". */
static char *
asset(const struct theme *t, const char *name)
{
	struct buf	b = BUF_INIT;

	if (theme_asset(t, name, &b) == -1)
		buf_puts(&b, "(error)");
	return buf_detach(&b, NULL);
}

static void
test_dir(void)
{
	struct theme	*t = NULL;
	struct fsout	*fs;
	struct buf	 b = BUF_INIT;
	char		*s, *out;

	put("d/page.mustache", "<{{>part}}>");
	put("d/part.mustache", "{{x}}\n");
	put("d/notes.txt", "{{#unclosed}}");
	put("d/sub/x.mustache", "{{#unclosed}}");
	put("d/.hidden.mustache", "{{#unclosed}}");
	put("d/assets/a.css", "A");
	put("d/assets/sub/b.js", "B");
	put("d/assets/.git/config", "hidden");
	OK(open_dir("d", &t) == 0);
	if (t == NULL)
		return;
	OK(tmpl_set_has(theme_tmpl(t), "page") &&
	    tmpl_set_has(theme_tmpl(t), "part") &&
	    !tmpl_set_has(theme_tmpl(t), "notes") &&
	    !tmpl_set_has(theme_tmpl(t), "x") &&
	    !tmpl_set_has(theme_tmpl(t), ".hidden"));
	/* --theme DIR is used alone: nothing of the installed default */
	OK(!tmpl_set_has(theme_tmpl(t), "base"));
	STR_EQ(s = render(t, "page"), "<a&amp;b\n>");
	free(s);
	STR_EQ(s = asset(t, "a.css"), "A");
	free(s);
	STR_EQ(s = asset(t, "sub/b.js"), "B");
	free(s);
	STR_EQ(s = asset(t, "nope.css"), "(error)");
	free(s);
	STR_EQ(s = asset(t, ".git/config"), "(error)");
	free(s);

	out = xasprintf("%s/out", top);
	OK(fsout_open(out, &fs) == 0);
	OK(theme_copy_assets(t, fs) == 0);
	OK(fsout_commit(fs) == 0);
	free(out);
	out = xasprintf("%s/out/assets/sub/b.js", top);
	OK(source_file_read(out, &b) == 0);
	STR_EQ(b.data, "B");
	free(out);
	out = xasprintf("%s/out/assets/.git/config", top);
	OK(source_file_read(out, &b) == 1);
	free(out);
	buf_dispose(&b);
	theme_free(t);
}

static void
test_dir_refused(void)
{
	struct theme	*t = NULL;

	/* a link to a file outside, to a folder outside, a fifo */
	put("l1/page.mustache", "p");
	sh("ln -s /etc/passwd l1/assets-passwd");
	OK(open_dir("l1", &t) == -1 && t == NULL);
	put("l2/page.mustache", "p");
	put("l2/assets/a.css", "A");
	sh("ln -s /etc l2/assets/etc");
	OK(open_dir("l2", &t) == -1 && t == NULL);
	put("l3/page.mustache", "p");
	sh("ln -s ../d/part.mustache l3/part.mustache");
	OK(open_dir("l3", &t) == -1 && t == NULL);
	put("l4/page.mustache", "p");
	sh("mkdir -p l4/assets && mkfifo l4/assets/fifo");
	OK(open_dir("l4", &t) == -1 && t == NULL);
	/* a bad template, no templates, no folder */
	put("l5/page.mustache", "line\n  {{#open}}");
	OK(open_dir("l5", &t) == -1 && t == NULL);
	put("l6/assets/a.css", "A");
	OK(open_dir("l6", &t) == -1 && t == NULL);
	OK(open_dir("nonexistent", &t) == -1 && t == NULL);
	/* DIR itself may be reached through a link: ops chose it */
	sh("ln -s d dlink");
	OK(open_dir("dlink", &t) == 0 && t != NULL);
	theme_free(t);
}

/* A read function for sources whose "blob" is the text itself. */
static int
mem_read(void *impl, const char *path, const char *blob, struct buf *out)
{
	buf_puts(out, blob);
	return 0;
}

static void
test_published(void)
{
	struct source	*src;
	struct theme	*t = NULL;
	char		*s;

	/* What a gated build's source holds: published blobs only. */
	src = source_new(mem_read, NULL, "published commit");
	source_add(src, "content/u/_unit.yaml", SRC_FILE, 1, "x");
	source_add(src, "themes/default/footer.mustache", SRC_FILE, 1,
	    "REPO-FOOTER {{x}}");
	source_add(src, "themes/default/assets/extra.css", SRC_FILE, 1, "E");
	source_add(src, "themes/default/assets/style.css", SRC_FILE, 1, "S");
	source_add(src, "themes/default/README", SRC_FILE, 1, "r");
	source_add(src, "themes/other/footer.mustache", SRC_FILE, 1, "O");
	OK(theme_open(src, "default", NULL, &t) == 0);
	if (t != NULL) {
		/* the repository's files win, the installed fill the rest */
		STR_EQ(s = render(t, "footer"), "REPO-FOOTER a&amp;b");
		free(s);
		OK(tmpl_set_has(theme_tmpl(t), "base") &&
		    tmpl_set_has(theme_tmpl(t), "item"));
		STR_EQ(s = asset(t, "style.css"), "S");
		free(s);
		STR_EQ(s = asset(t, "extra.css"), "E");
		free(s);
		s = asset(t, "print.css");
		OK(strlen(s) > 100);	/* the installed one */
		free(s);
		theme_free(t);
	}
	/* a theme only the repository has; a theme nobody has */
	t = NULL;
	OK(theme_open(src, "other", NULL, &t) == 0 && t != NULL &&
	    tmpl_set_has(theme_tmpl(t), "footer") &&
	    !tmpl_set_has(theme_tmpl(t), "base"));
	theme_free(t);
	t = NULL;
	OK(theme_open(src, "nosuch", NULL, &t) == -1 && t == NULL);
	/* a link listed in a source is refused, never read */
	source_add(src, "themes/default/assets/key.css", SRC_LINK, 1,
	    "SECRET");
	OK(theme_open(src, "default", NULL, &t) == -1 && t == NULL);
	source_free(src);
}

static void
test_tree(void)
{
	struct source	*src;
	struct theme	*t = NULL;
	char		*root = xasprintf("%s/repo", top), *s;

	/* A preview's working tree: its theme over the installed one. */
	put("repo/content/u/_unit.yaml", "name: U\nlevel: village\n");
	put("repo/themes/default/footer.mustache", "TREE {{x}}");
	put("repo/themes/default/assets/extra.css", "E");
	OK(source_fs_open(root, &src) == 0);
	OK(theme_open(src, "default", NULL, &t) == 0);
	if (t != NULL) {
		STR_EQ(s = render(t, "footer"), "TREE a&amp;b");
		free(s);
		OK(tmpl_set_has(theme_tmpl(t), "base"));
		theme_free(t);
	}
	t = NULL;
	/* a link in it, or a linked folder leading to it, is refused */
	sh("ln -s /etc/passwd repo/themes/default/assets/passwd.css");
	OK(theme_open(src, "default", NULL, &t) == -1 && t == NULL);
	sh("rm repo/themes/default/assets/passwd.css");
	OK(theme_open(src, "default", NULL, &t) == 0);
	theme_free(t);
	t = NULL;
	sh("mv repo/themes/default l7 && ln -s ../../l7 repo/themes/default");
	OK(theme_open(src, "default", NULL, &t) == -1 && t == NULL);
	sh("rm repo/themes/default && mv repo/themes l8 && "
	    "ln -s ../l8 repo/themes");
	OK(theme_open(src, "default", NULL, &t) == -1 && t == NULL);
	/* no themes/ at all: the installed theme alone */
	sh("rm repo/themes");
	OK(theme_open(src, "default", NULL, &t) == 0 && t != NULL &&
	    tmpl_set_has(theme_tmpl(t), "base"));
	theme_free(t);
	source_free(src);
	free(root);
}

int
main(void)
{
	if (mkdtemp(top) == NULL) {
		OK(!"mkdtemp");
		return T_DONE();
	}
	test_dir();
	test_dir_refused();
	test_published();
	test_tree();
	t_scratch_end(top, "UNIT_THEME_KEEP");
	return T_DONE();
}
