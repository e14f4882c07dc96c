/*
 * theme.c -- a build's theme: its sources, templates and assets; see
 * theme.h.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fsout.h"
#include "sha256.h"
#include "source.h"
#include "strmap.h"
#include "theme.h"
#include "tmpl.h"
#include "util.h"

#ifndef GONGKAI_DATADIR
#define GONGKAI_DATADIR "/usr/local/share/gongkai"
#endif

struct theme_file {
	char		*name;	/* path in the theme: "base.mustache",
				   "assets/style.css" */
	char		*where;	/* the file in messages: a repository
				   path or a path on disk */
	struct source	*src;	/* where its bytes are (borrowed) */
	const char	*path;	/* its path in src (src's string) */
};

struct theme {
	struct source	 *own[2];	/* folders opened here */
	size_t		  nown;
	struct theme_file *files;	/* sorted by name once open */
	size_t		  nfiles, cap;
	struct strmap	  byname;	/* name -> index, while layering */
	struct tmpl_set	 *tmpl;		/* the compiled templates */
	char		  dig[65];	/* SHA-256 of their names and text */
	char		 *what;		/* names it in messages */
};

/* 1 if a theme file called name is read: a template at the top or an
 * asset; names with a part starting with '.' are neither. */
static int
wanted(const char *name)
{
	const char	*p = name;

	for (;;) {
		if (*p == '.')
			return 0;
		if ((p = strchr(p, '/')) == NULL)
			break;
		p++;
	}
	if (str_prefix(name, "assets/"))
		return 1;
	return strchr(name, '/') == NULL && str_suffix(name, ".mustache") &&
	    strlen(name) > strlen(".mustache");
}

/* Adds (or, for a name already there, replaces) a file. */
static void
file_put(struct theme *t, const char *name, const char *where,
    struct source *src, const char *path)
{
	struct theme_file	*f;
	size_t			 i;

	if (strmap_get(&t->byname, name, &i)) {
		f = &t->files[i];
		free(f->where);
	} else {
		xgrow(&t->files, &t->cap, t->nfiles + 1, sizeof(*t->files));
		f = &t->files[t->nfiles];
		f->name = xstrdup(name);
		strmap_put(&t->byname, f->name, t->nfiles++, NULL);
	}
	f->where = xstrdup(where);
	f->src = src;
	f->path = path;
}

/*
 * Lays the files of src under prefix over the theme.  A link or special
 * file anywhere is an error (not only where a file is read: a theme
 * folder holds none).  Returns 0 or -1.
 */
static int
layer(struct theme *t, struct source *src, const char *prefix)
{
	const struct src_entry	*e;
	const char		*root = source_root(src);
	char			*where;
	size_t			 i, n;
	int			 rc = 0;

	e = source_list(src, prefix, &n);
	for (i = 0; i < n; i++) {
		where = root != NULL ? xasprintf("%s/%s", root, e[i].path) :
		    xstrdup(e[i].path);
		if (e[i].type != SRC_FILE) {
			diag_error(where, 0, 0, "%s",
			    e[i].type == SRC_LINK ? "symbolic link: a theme "
			    "never follows links" : "not a regular file: a "
			    "theme holds only files and folders");
			rc = -1;
		} else if (wanted(e[i].path + strlen(prefix)))
			file_put(t, e[i].path + strlen(prefix), where, src,
			    e[i].path);
		free(where);
	}
	return rc;
}

/* Opens folder dir on disk as a layer.  Returns 0, 1 if dir does not
 * exist, or -1. */
static int
layer_dir(struct theme *t, const char *dir)
{
	struct source	*s;
	int		 r;

	if ((r = source_dir_open(dir, &s)) != 0)
		return r;
	t->own[t->nown++] = s;
	return layer(t, s, "");
}

/* The folder holding the running program (caller frees), or NULL. */
static char *
exe_dir(void)
{
	char	buf[4096], *sl;
	ssize_t	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	if ((sl = strrchr(buf, '/')) == NULL)
		return NULL;
	*sl = '\0';
	return xstrdup(buf);
}

/*
 * The installed theme name: GONGKAI_DATADIR/themes/NAME, else
 * themes/NAME beside the program or its parent folder (a build tree
 * keeps the program in build-asan/ or the like).  Caller frees; NULL
 * if there is none.
 */
static char *
installed_dir(const char *name)
{
	struct stat	 st;
	char		*dirs[3], *exe = exe_dir(), *found = NULL;
	size_t		 i;

	dirs[0] = xasprintf("%s/themes/%s", GONGKAI_DATADIR, name);
	dirs[1] = exe != NULL ? xasprintf("%s/themes/%s", exe, name) : NULL;
	dirs[2] = exe != NULL ? xasprintf("%s/../themes/%s", exe, name) :
	    NULL;
	for (i = 0; i < 3; i++) {
		if (found == NULL && dirs[i] != NULL &&
		    stat(dirs[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			found = dirs[i];
			continue;
		}
		free(dirs[i]);
	}
	free(exe);
	return found;
}

/*
 * Lays the working tree's themes/<name>/ (of a preview or check) over
 * the theme, if there is one.  The folders leading to it must be
 * folders, not links.  Returns 0 or -1.
 */
static int
layer_tree(struct theme *t, const char *root, const char *name)
{
	struct stat	 st;
	char		*dir[2];
	size_t		 i;
	int		 rc = 0, r;

	dir[0] = xasprintf("%s/themes", root);
	dir[1] = xasprintf("%s/themes/%s", root, name);
	for (i = 0; i < 2 && rc == 0; i++) {
		if (lstat(dir[i], &st) == -1) {
			if (errno != ENOENT) {
				diag_error(dir[i], 0, 0, "cannot open "
				    "folder: %s", strerror(errno));
				rc = -1;
			} else
				rc = 1;
		} else if (!S_ISDIR(st.st_mode)) {
			diag_error(dir[i], 0, 0, "%s",
			    S_ISLNK(st.st_mode) ? "symbolic link: a theme "
			    "never follows links" : "not a folder");
			rc = -1;
		}
	}
	if (rc == 0 && (r = layer_dir(t, dir[1])) != 1)
		rc = r;
	free(dir[0]);
	free(dir[1]);
	return rc == -1 ? -1 : 0;
}

/* Reads file f into b.  Returns 0 or -1 after a diagnostic. */
static int
file_read(const struct theme_file *f, struct buf *b)
{
	int	r = source_read(f->src, f->path, b);

	if (r == 1)
		diag_error(f->where, 0, 0, "vanished while building");
	return r == 0 ? 0 : -1;
}

static int
cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct theme_file *)a)->name,
	    ((const struct theme_file *)b)->name);
}

/* The templates renderers ask for by name, and the assets they read one
 * by one: a theme without one would fail the build half-way (partials
 * and parents may be missing: they render as nothing, as Mustache
 * says).  check reports them, so it promises what build needs. */
static const char *const pages[] = { "portal", "sitemap", "unit", "guide",
	"category", "item", "feed", "report", "annual", "display",
	"print-board", "print-handout", "kiosk", "kiosk-category",
	"kiosk-item", "embed", "embed-frame", "hotline", "hotline-index", "prog", "search",
	NULL };
static const char *const assets[] = { "assets/print.css",
	"assets/display.css", "assets/display.js", "assets/kiosk.css",
	"assets/kiosk.js",
	"assets/gk-embed.css", "assets/search.js", NULL };

int
theme_complete(const struct theme *t)
{
	const char	*what = t->what;
	size_t	i, j;
	int	rc = 0;

	for (i = 0; pages[i] != NULL; i++)
		if (!tmpl_set_has(t->tmpl, pages[i])) {
			diag_error(what, 0, 0, "theme has no template "
			    "'%s.mustache'", pages[i]);
			rc = -1;
		}
	for (i = 0; assets[i] != NULL; i++) {
		for (j = 0; j < t->nfiles; j++)
			if (strcmp(t->files[j].name, assets[i]) == 0)
				break;
		if (j == t->nfiles) {
			diag_error(what, 0, 0, "theme has no file '%s'",
			    assets[i]);
			rc = -1;
		}
	}
	return rc;
}

/* Compiles every template of t.  Returns 0 or -1. */
static int
compile(struct theme *t)
{
	struct sha256	 h;
	struct buf	 b = BUF_INIT;
	char		*stem, len[32];
	size_t		 i;
	int		 rc = 0;

	t->tmpl = tmpl_set_new();
	sha256_init(&h);
	for (i = 0; i < t->nfiles; i++) {
		if (str_prefix(t->files[i].name, "assets/"))
			continue;
		stem = xstrndup(t->files[i].name, strlen(t->files[i].name) -
		    strlen(".mustache"));
		if (file_read(&t->files[i], &b) == -1 ||
		    tmpl_set_add(t->tmpl, stem, t->files[i].where, b.data,
		    b.len) == -1)
			rc = -1;
		/* a name and its length, so no two sets hash alike */
		sha256_add(&h, stem, strlen(stem) + 1);
		snprintf(len, sizeof(len), "%zu", b.len);
		sha256_add(&h, len, strlen(len) + 1);
		sha256_add(&h, b.data, b.len);
		free(stem);
	}
	sha256_hex(&h, t->dig);
	buf_dispose(&b);
	return rc;
}

int
theme_open(struct source *src, const char *name, const char *dir,
    struct theme **out)
{
	struct theme	*t = xcalloc(1, sizeof(*t));
	const char	*root;
	char		*inst = NULL, *prefix = NULL;
	size_t		 i;
	int		 rc = -1, r;

	*out = NULL;
	strmap_init(&t->byname);
	if (dir != NULL) {
		if ((r = layer_dir(t, dir)) == 1)
			diag_fatal("--theme '%s': no such folder", dir);
		if (r != 0)
			goto out;
		for (i = 0; i < t->nfiles; i++)
			if (!str_prefix(t->files[i].name, "assets/"))
				break;
		if (i == t->nfiles) {
			diag_fatal("--theme '%s': no templates (*.mustache) "
			    "in it", dir);
			goto out;
		}
	} else {
		root = source_root(src);
		if ((inst = installed_dir(name)) != NULL &&
		    layer_dir(t, inst) != 0)
			goto out;
		if (root != NULL) {
			if (layer_tree(t, root, name) == -1)
				goto out;
		} else {
			prefix = xasprintf("themes/%s/", name);
			if (layer(t, src, prefix) == -1)
				goto out;
		}
		if (t->nfiles == 0) {
			diag_error("config.yaml", 0, 0, "theme '%s' not "
			    "found: no %s themes/%s/ in the repository, and "
			    "none installed in %s/themes/", name,
			    root != NULL ? "folder" : "published file under",
			    name, GONGKAI_DATADIR);
			goto out;
		}
	}
	strmap_dispose(&t->byname);
	strmap_init(&t->byname);
	xqsort(t->files, t->nfiles, sizeof(*t->files), cmp_file);
	if (compile(t) == -1)
		goto out;
	t->what = dir != NULL ? xstrdup(dir) : xasprintf("themes/%s", name);
	*out = t;
	t = NULL;
	rc = 0;
out:
	theme_free(t);
	free(inst);
	free(prefix);
	return rc;
}

void
theme_free(struct theme *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nfiles; i++) {
		free(t->files[i].name);
		free(t->files[i].where);
	}
	free(t->files);
	strmap_dispose(&t->byname);
	tmpl_set_free(t->tmpl);
	free(t->what);
	for (i = 0; i < t->nown; i++)
		source_free(t->own[i]);
	free(t);
}

const struct tmpl_set *
theme_tmpl(const struct theme *t)
{
	return t->tmpl;
}

int
theme_copy_assets(const struct theme *t, struct fsout *fs)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < t->nfiles; i++) {
		if (!str_prefix(t->files[i].name, "assets/"))
			continue;
		if (file_read(&t->files[i], &b) == -1 ||
		    fsout_write(fs, t->files[i].name, b.data, b.len) == -1)
			rc = -1;
	}
	buf_dispose(&b);
	return rc;
}

const char *
theme_digest(const struct theme *t)
{
	return t->dig;
}

int
theme_asset(const struct theme *t, const char *name, struct buf *out)
{
	struct theme_file	 key, *f;
	int			 rc;

	key.name = xasprintf("assets/%s", name);
	f = t->nfiles == 0 ? NULL : bsearch(&key, t->files, t->nfiles,
	    sizeof(*t->files), cmp_file);
	if (f == NULL) {
		diag_error(key.name, 0, 0, "missing from the theme");
		rc = -1;
	} else
		rc = file_read(f, out);
	free(key.name);
	return rc;
}
