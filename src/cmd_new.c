/*
 * cmd_new.c -- gongkai new [--repo DIR] UNIT CATEGORY TITLE: scaffold
 * an item dated today with the next free index number of its unit.
 *
 * "Free" means unused by any item of the unit, in the working tree or
 * anywhere in the first-parent history of HEAD (idxhist.h): a deleted
 * item's number is never handed out again.  The file name is a slug of
 * the title; an existing file is never overwritten.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "cfg.h"
#include "cmd.h"
#include "diag.h"
#include "fsout.h"
#include "idxhist.h"
#include "idxno.h"
#include "item.h"
#include "repo.h"
#include "site.h"
#include "source.h"
#include "strmap.h"
#include "util.h"
#include "workday.h"
#include "ydoc.h"

/* Bytes a slug may take, so that "-NN.yaml" still fits a file name. */
#define SLUG_MAX 120

static const char usage[] = "gongkai new [--repo DIR] UNIT CATEGORY TITLE";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Writes a new item content/UNIT/CATEGORY/SLUG.md dated today\n"
	    "(SOURCE_DATE_EPOCH if set) with the next free index number of\n"
	    "the unit's index_format: free in the working tree and in the\n"
	    "whole first-parent history of HEAD, so a deleted item's number\n"
	    "is skipped.  SLUG comes from TITLE; an existing file is never\n"
	    "overwritten (SLUG-2, SLUG-3 ... instead).  Prints the path.\n\n"
	    "  --repo DIR  the content repository (default: the nearest\n"
	    "              folder up from the current one that holds\n"
	    "              config.yaml and content/)\n\n"
	    "Exit status: 0 written, 1 error, 2 usage error.\n", usage);
	return EXIT_OK;
}

/* The index numbers a unit has used; a set with an insertion order. */
struct numbers {
	struct strmap	  set;	 /* number -> index in list */
	const char	**list;	 /* every number once */
	size_t		  n;
	size_t		  cap;
	char		**own;	 /* the strings this set allocated */
	size_t		  nown;
	size_t		  owncap;
};

static void
numbers_add(struct numbers *ns, const char *s)
{
	if (!strmap_put(&ns->set, s, ns->n, NULL))
		return;
	xgrow(&ns->list, &ns->cap, ns->n + 1, sizeof(*ns->list));
	ns->list[ns->n++] = s;
}

static void
numbers_dispose(struct numbers *ns)
{
	size_t	i;

	for (i = 0; i < ns->nown; i++)
		free(ns->own[i]);
	free(ns->own);
	free(ns->list);
	strmap_dispose(&ns->set);
}

/* 1 if something (of any type) is at path. */
static int
exists(const char *path)
{
	struct stat	st;

	return lstat(path, &st) == 0;
}

/*
 * The unit argument as a dir under content/: "content/" and trailing
 * slashes dropped.  Returns a new string, or NULL when it cannot name a
 * unit (empty, absolute, "." or ".." components).
 */
static char *
unit_arg(const char *arg)
{
	char	*u, *p, *seg;
	size_t	 n;

	while (str_prefix(arg, "./"))
		arg += 2;
	if (str_prefix(arg, "content/"))
		arg += strlen("content/");
	u = xstrdup(arg);
	n = strlen(u);
	while (n > 0 && u[n - 1] == '/')
		u[--n] = '\0';
	for (seg = u; n > 0; seg = p + 1) {
		p = strchr(seg, '/');
		if (p == NULL)
			p = seg + strlen(seg);
		if (p == seg || (p - seg == 1 && seg[0] == '.') ||
		    (p - seg == 2 && seg[0] == '.' && seg[1] == '.'))
			break;
		if (*p == '\0')
			return u;
	}
	free(u);
	return NULL;
}

/* Decodes one UTF-8 character at p (valid text); returns its length. */
static size_t
utf8_next(const unsigned char *p, unsigned *cp)
{
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] < 0xe0) {
		*cp = (unsigned)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
		return 2;
	}
	if (p[0] < 0xf0) {
		*cp = (unsigned)(p[0] & 0x0f) << 12 |
		    (unsigned)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		return 3;
	}
	*cp = (unsigned)(p[0] & 0x07) << 18 | (unsigned)(p[1] & 0x3f) << 12 |
	    (unsigned)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
	return 4;
}

/* 1 for the non-ASCII spaces and punctuation a slug turns into '-'. */
static int
is_punct(unsigned cp)
{
	if (cp == 0x3005 || cp == 0x3006 || cp == 0x3007 ||
	    (cp >= 0x3021 && cp <= 0x3029))
		return 0;	/* 々 〆 〇 and the Suzhou numerals are words */
	return (cp >= 0x80 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 ||
	    (cp >= 0x2000 && cp <= 0x206f) ||	/* general punctuation */
	    (cp >= 0x3000 && cp <= 0x303f) ||	/* 、。《》「」【】〔〕 */
	    (cp >= 0xfe10 && cp <= 0xfe1f) ||	/* vertical forms */
	    (cp >= 0xfe30 && cp <= 0xfe6f) ||	/* compatibility, small */
	    cp == 0xfeff ||
	    (cp >= 0xff00 && cp <= 0xff65) ||	/* fullwidth ！（），：… */
	    (cp >= 0xffe0 && cp <= 0xffee);	/* ￥ ￡ … */
}

/*
 * The file name for a title: Chinese (any non-ASCII word character)
 * kept, ASCII letters lowered, fullwidth letters and digits made ASCII,
 * every run of spaces, punctuation and path-unsafe characters one '-',
 * none at either end; at most SLUG_MAX bytes; "item" if nothing is
 * left.  title is valid UTF-8 without control characters.
 */
static char *
slugify(const char *title)
{
	const unsigned char	*p = (const unsigned char *)title;
	struct buf		 b = BUF_INIT;
	unsigned		 cp;
	size_t			 n;
	int			 dash = 0;
	char			 c;

	for (; *p != '\0'; p += n) {
		n = utf8_next(p, &cp);
		if (cp >= 0xff10 && cp <= 0xff5e)
			cp -= 0xfee0;	/* fullwidth ASCII */
		if (cp < 0x80 && !((cp >= '0' && cp <= '9') ||
		    (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))) {
			dash = 1;
			continue;
		}
		if (cp >= 0x80 && is_punct(cp)) {
			dash = 1;
			continue;
		}
		if (b.len + (dash ? 1 : 0) + n > SLUG_MAX)
			break;
		if (dash && b.len > 0)
			buf_putc(&b, '-');
		dash = 0;
		if (cp < 0x80) {
			c = (char)cp;
			buf_putc(&b, c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		} else
			buf_put(&b, p, n);
	}
	if (b.len == 0)
		buf_puts(&b, "item");
	return buf_detach(&b, NULL);
}

/* Appends s as a YAML scalar: plain when that reads back as the same
 * text, else double-quoted.  s has no control characters. */
static void
put_scalar(struct buf *b, const char *s)
{
	static const char *const words[] = { "null", "true", "false", "yes",
		"no", "on", "off", "y", "n", NULL };
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n = strlen(s);
	int			 plain = n > 0 && s[0] != '-' && s[0] != '.' &&
				    s[0] != ' ' && s[n - 1] != ' ';

	for (; plain && *p != '\0'; p++)
		plain = *p >= 0x80 || (*p >= '0' && *p <= '9') ||
		    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    strchr("-_./() ", *p) != NULL;
	for (i = 0; plain && words[i] != NULL; i++)
		plain = strcasecmp(s, words[i]) != 0;
	if (plain) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

/*
 * Reads the index_no of the item file rel (a repository path) under
 * repo into ns.  Returns 0, or -1 after a diagnostic.
 */
static int
read_number(const char *repo, const char *rel, struct numbers *ns)
{
	struct buf	 text = BUF_INIT;
	struct ynode	*root = NULL;
	char		*full = xasprintf("%s/%s", repo, rel);
	const char	*yaml, *body, *s;
	size_t		 ylen, blen;
	int		 md = str_suffix(rel, ".md"), bline, rc = -1;

	if (source_file_read(full, &text) != 0)
		goto out;
	yaml = text.data;
	ylen = text.len;
	if (text_check(rel, text.data, text.len, 0) == -1 ||
	    (md && item_split(rel, text.data, text.len, &yaml, &ylen, &body,
	    &blen, &bline) == -1) ||
	    ydoc_parse(rel, yaml, ylen, md ? 1 : 0, &root) == -1 ||
	    ynode_want(rel, root, YN_MAP, "an item") == -1 ||
	    ynode_str(rel, root, "index_no", 0, &s) == -1)
		goto out;
	if (s != NULL) {
		xgrow(&ns->own, &ns->owncap, ns->nown + 1, sizeof(*ns->own));
		ns->own[ns->nown++] = xstrdup(s);
		numbers_add(ns, ns->own[ns->nown - 1]);
	}
	rc = 0;
out:
	ynode_free(root);
	buf_dispose(&text);
	free(full);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in folder path, sorted, without those starting with '.'. */
static char **
list_dir(const char *path, size_t *n)
{
	DIR		 *d = opendir(path);
	struct dirent	 *e;
	char		**v = NULL;
	size_t		  cap = 0;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		xgrow(&v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n > 0)
		xqsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static void
free_list(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

/*
 * Adds the numbers of the unit's items in the working tree: the files
 * of its category folders (sub-units, which hold a _unit.yaml, are
 * not its items).  Returns 0, or -1 after diagnostics.
 */
static int
tree_numbers(const char *repo, const char *unit, struct numbers *ns)
{
	char	*dir = xasprintf("%s/content/%s", repo, unit), *sub, *rel;
	char	**cats, **files;
	size_t	 ncats, nfiles, i, j;
	int	 rc = 0;

	cats = list_dir(dir, &ncats);
	for (i = 0; i < ncats; i++) {
		sub = xasprintf("%s/%s/_unit.yaml", dir, cats[i]);
		if (exists(sub)) {
			free(sub);
			continue;
		}
		free(sub);
		sub = xasprintf("%s/%s", dir, cats[i]);
		files = list_dir(sub, &nfiles);
		for (j = 0; j < nfiles; j++) {
			if (!str_suffix(files[j], ".md") &&
			    !str_suffix(files[j], ".yaml"))
				continue;
			rel = xasprintf("content/%s/%s/%s", unit, cats[i],
			    files[j]);
			if (read_number(repo, rel, ns) == -1)
				rc = -1;
			free(rel);
		}
		free_list(files, nfiles);
		free(sub);
	}
	free_list(cats, ncats);
	free(dir);
	return rc;
}

/* Title: one line of UTF-8 text, blanks at either end trimmed. */
static char *
clean_title(const char *arg)
{
	const unsigned char	*p;
	size_t			 n;
	char			*t;

	if (utf8_valid(arg, strlen(arg), NULL) == -1) {
		diag_fatal("the title is not valid UTF-8");
		return NULL;
	}
	while (*arg == ' ' || *arg == '\t')
		arg++;
	t = xstrdup(arg);
	n = strlen(t);
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		t[--n] = '\0';
	for (p = (const unsigned char *)t; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 &&
		    p[1] <= 0x9f)) {
			diag_fatal("the title must be one line of text "
			    "without control characters");
			free(t);
			return NULL;
		}
	if (n == 0) {
		diag_fatal("the title is empty");
		free(t);
		return NULL;
	}
	return t;
}

/* The category id cat of unit u, or -1 after a diagnostic listing the
 * ids there are. */
static int
want_category(const struct unit *u, const char *dir, const char *cat)
{
	struct buf	ids = BUF_INIT;
	size_t		i;
	int		c = cfg_category(u->catalogue, cat);

	if (c >= 0)
		return c;
	for (i = 0; i < u->catalogue->ncats; i++)
		buf_printf(&ids, "%s%s", i ? ", " : "",
		    u->catalogue->cats[i].id);
	diag_fatal("unknown category '%s' for unit '%s' of level '%s' "
	    "(one of: %s)", cat, dir, u->level_id, ids.data);
	buf_dispose(&ids);
	return -1;
}

/* The front matter and placeholder body of the new item. */
static void
compose(struct buf *b, const char *title, const char *date,
    const char *index_no)
{
	buf_puts(b, "---\ntitle: ");
	put_scalar(b, title);
	buf_printf(b, "\ndate: %s\nwritten: %s\nindex_no: ", date, date);
	put_scalar(b, index_no);
	buf_puts(b, "\n# doc_no: 文号（如有）\n---\n" ITEM_PLACEHOLDER "\n");
}

/*
 * Reads the text back as check will: it must load and say the same.
 * Returns 0, or -1 (a bug here, never the user's input).
 */
static int
verify(const char *rel, const struct buf *b, const struct unit *u,
    const char *title, long day, const char *index_no)
{
	struct arena	*a = arena_new();
	struct item	 it;
	int		 rc;

	memset(&it, 0, sizeof(it));
	rc = item_parse(rel, b->data, b->len, u->level->outputs, 0, a,
	    &it);
	if (rc == 0 && (it.title == NULL || strcmp(it.title, title) != 0 ||
	    it.date != day || it.index_no == NULL ||
	    strcmp(it.index_no, index_no) != 0)) {
		diag_fatal("internal error: the new item does not read back "
		    "as written");
		rc = -1;
	}
	arena_free(a);
	return rc;
}

/* What one run of `gongkai new` works out, step by step. */
struct newjob {
	const char	 *root;	   /* the repository folder */
	char		 *unit;	   /* unit dir under content/ */
	const char	 *cat;	   /* category id */
	char		 *title;   /* cleaned title */
	char		 *upath;   /* content/<unit>/_unit.yaml */
	struct config	 *cfg;	   /* config.yaml */
	struct arena	 *arena;   /* the unit's strings */
	struct unit	  u;	   /* the unit */
	struct idxfmt	 *fmt;	   /* its index_format, compiled */
	struct numbers	  used;	   /* every number the unit has used */
	struct repo	 *repo;	   /* HEAD's repository, or NULL */
	struct idxhist	 *hist;	   /* its history of the unit's numbers */
	long		  day;	   /* today */
	char		  date[DATE_BUFSZ]; /* today as YYYY-MM-DD */
	char		 *number;  /* the new item's index number */
	char		 *rel;	   /* its repository path */
	char		 *file;	   /* its path on disk */
};

/* Reads config.yaml and the unit's _unit.yaml, and checks that cat is
 * one of its categories.  Returns 0, or -1 after a diagnostic. */
static int
new_unit(struct newjob *j)
{
	struct buf	 text = BUF_INIT;
	char		*full = xasprintf("%s/config.yaml", j->root);
	int		 r, rc = -1;

	r = source_file_read(full, &text);
	if (r == 1)
		diag_error("config.yaml", 0, 0, "missing (is '%s' a gongkai "
		    "repository?)", j->root);
	if (r != 0 || cfg_parse("config.yaml", text.data, text.len,
	    &j->cfg) == -1)
		goto out;
	j->upath = xasprintf("content/%s/_unit.yaml", j->unit);
	free(full);
	full = xasprintf("%s/%s", j->root, j->upath);
	if ((r = source_file_read(full, &text)) == 1)
		diag_fatal("unknown unit '%s' (there is no %s)", j->unit,
		    j->upath);
	if (r != 0)
		goto out;
	j->arena = arena_new();
	if (unit_parse(j->upath, text.data, text.len, 0, j->cfg, j->arena,
	    &j->u) == -1 || want_category(&j->u, j->unit, j->cat) == -1)
		goto out;
	free(full);
	full = xasprintf("%s/content/%s/%s/_unit.yaml", j->root, j->unit,
	    j->cat);
	if (exists(full)) {
		diag_fatal("'content/%s/%s' is a unit, not a category",
		    j->unit, j->cat);
		goto out;
	}
	rc = 0;
out:
	free(full);
	buf_dispose(&text);
	return rc;
}

/* Compiles the unit's index_format and checks the unit has the codes it
 * names.  Returns 0, or -1 after a diagnostic. */
static int
new_format(struct newjob *j)
{
	const struct unit	*u = &j->u;
	const char		*need = NULL;
	char			 err[128];

	if (idxfmt_compile(u->index_format, &j->fmt, err, sizeof(err)) ==
	    -1) {
		diag_error(j->upath, 0, 0, "bad index_format: %s", err);
		return -1;
	}
	if (strstr(u->index_format, "{org_code}") != NULL &&
	    (u->org_code == NULL || *u->org_code == '\0'))
		need = "'org_code'";
	else if (strstr(u->index_format, "{code}") != NULL &&
	    (u->code == NULL || *u->code == '\0'))
		need = "'code'";
	if (need != NULL) {
		diag_error(j->upath, 0, 0, "index_format '%s' needs the "
		    "unit's %s", u->index_format, need);
		return -1;
	}
	return 0;
}

/* Gathers every number the unit has used: in the working tree, then in
 * the history of HEAD if there is one.  Returns 0, or -1. */
static int
new_used(struct newjob *j)
{
	const char *const	*hn;
	struct oid		 head;
	size_t			 i, nh;
	int			 r;

	if (tree_numbers(j->root, j->unit, &j->used) == -1) {
		diag_fatal("cannot tell which index numbers '%s' uses: fix "
		    "the errors above first", j->unit);
		return -1;
	}
	if ((r = idxhist_repo(j->root, &j->repo, &head)) == -1)
		return -1;
	if (r != 0)
		return 0;
	if (idxhist_load(j->repo, &head, j->unit, &j->hist) == -1)
		return -1;
	hn = idxhist_numbers(j->hist, j->unit, &nh);
	for (i = 0; i < nh; i++)
		numbers_add(&j->used, hn[i]);
	return 0;
}

/* Today's date and the next unused number of today's period.  Returns
 * 0, or -1 after a diagnostic. */
static int
new_number(struct newjob *j)
{
	struct idxvars	v;
	struct date	d;
	unsigned	serial;

	j->day = cmd_today();
	date_from_days(j->day, &d);
	date_fmt(j->date, &d);
	memset(&v, 0, sizeof(v));
	v.org_code = j->u.org_code;
	v.code = j->u.code;
	v.year = d.year;
	v.month = d.month;
	v.category = j->cat;
	serial = idxfmt_next_serial(j->fmt, &v, d.year, j->used.list,
	    j->used.n);
	for (;;) {
		if (serial == 0) {
			diag_error(j->upath, 0, 0, "no index number is left "
			    "in this period of format '%s'",
			    j->u.index_format);
			return -1;
		}
		j->number = idxfmt_make(j->fmt, &v, serial);
		if (!strmap_get(&j->used.set, j->number, NULL))
			return 0;
		free(j->number);
		j->number = NULL;
		serial++;
	}
}

/* A file name no item has: SLUG.md, else SLUG-2.md, ... (neither the
 * .md nor the .yaml may exist).  Makes the category folder.  Returns
 * 0, or -1 after a diagnostic. */
static int
new_name(struct newjob *j)
{
	char	*slug = slugify(j->title), *dir, *yml = NULL;
	size_t	 k;
	int	 rc = -1;

	dir = xasprintf("%s/content/%s/%s", j->root, j->unit, j->cat);
	if (mkdir(dir, 0777) == -1 && errno != EEXIST) {
		diag_fatal("cannot make folder '%s': %s", dir,
		    strerror(errno));
		goto out;
	}
	for (k = 1; k < 10000; k++) {
		free(j->rel);
		j->rel = k == 1 ?
		    xasprintf("content/%s/%s/%s.md", j->unit, j->cat, slug) :
		    xasprintf("content/%s/%s/%s-%zu.md", j->unit, j->cat,
		    slug, k);
		free(j->file);
		j->file = xasprintf("%s/%s", j->root, j->rel);
		free(yml);
		yml = xasprintf("%.*s.yaml", (int)(strlen(j->file) - 3),
		    j->file);
		if (!exists(j->file) && !exists(yml)) {
			rc = 0;
			goto out;
		}
	}
	diag_fatal("too many items named '%s'", slug);
out:
	free(yml);
	free(dir);
	free(slug);
	return rc;
}

/* Writes the item, never over a file that appeared since new_name()
 * looked.  Returns 0, or -1 after a diagnostic. */
static int
new_write(struct newjob *j)
{
	struct buf	out = BUF_INIT;
	int		rc = -1;

	compose(&out, j->title, j->date, j->number);
	if (verify(j->rel, &out, &j->u, j->title, j->day, j->number) == -1)
		goto out;
	rc = fsout_create_file(j->file, out.data, out.len);
out:
	buf_dispose(&out);
	return rc;
}

int
cmd_new(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "repo", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct newjob	 j;
	struct cmd_args	 a;
	char		*shown = NULL;
	int		 c, rc = EXIT_CONTENT, found;

	memset(&j, 0, sizeof(j));
	cmd_args_init(&a, argc, argv, usage, "h", opts);
	while ((c = cmd_args_next(&a)) != -1)
		switch (c) {
		case 'r':
			j.root = optarg;
			break;
		case 'h':
			return help();
		default:
			return EXIT_USAGE;
		}
	if (argc - optind != 3)
		return argc - optind > 3 ? cmd_args_fail(&a, "unexpected "
		    "argument '%s': new takes UNIT CATEGORY TITLE (quote a "
		    "title with spaces)", argv[optind + 3]) :
		    cmd_args_fail(&a, "new takes UNIT CATEGORY TITLE");
	/* none given: the one around the current folder */
	if ((found = j.root == NULL))
		j.root = cmd_repo(CMD_FIND_TREE);
	strmap_init(&j.used.set);
	j.cat = argv[optind + 1];
	if ((j.unit = unit_arg(argv[optind])) == NULL)
		diag_fatal("'%s' does not name a unit folder under content/",
		    argv[optind]);
	else if ((j.title = clean_title(argv[optind + 2])) != NULL &&
	    new_unit(&j) == 0 && new_format(&j) == 0 && new_used(&j) == 0 &&
	    new_number(&j) == 0 && new_name(&j) == 0 && new_write(&j) == 0) {
		/* from where the user is: the repository path at its
		 * top, relative below it, else as --repo DIR gave it */
		if (strcmp(j.root, ".") == 0 || found)
			shown = diag_path(j.rel);
		printf("%s\n", shown != NULL ? shown : j.file);
		rc = EXIT_OK;
	}
	free(shown);
	idxfmt_free(j.fmt);
	idxhist_free(j.hist);
	repo_free(j.repo);
	numbers_dispose(&j.used);
	arena_free(j.arena);
	cfg_free(j.cfg);
	free(j.unit);
	free(j.title);
	free(j.upath);
	free(j.number);
	free(j.rel);
	free(j.file);
	return rc;
}
