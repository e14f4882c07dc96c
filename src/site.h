/*
 * site.h -- the content model: units, categories, items, attachments.
 *
 * site_load() reads every file under content/ once, from a source (the
 * working tree or the gate's published set), and builds this model.
 * It keeps item metadata, never rendered pages or bodies: renderers read
 * a body again through the source when they need it, so memory grows
 * with the number of items, not with their text.
 *
 * All strings live in the site's arena and die with site_free().
 * Cross references are indices into the site's arrays.
 */
#ifndef GONGKAI_SITE_H
#define GONGKAI_SITE_H

#include <limits.h>
#include <stddef.h>

struct annual;
struct arena;
struct config;
struct level;
struct catalogue;
struct source;
struct buf;
struct item_body;
struct itemcache;
struct privcache;
struct progfile;

#define NO_DATE LONG_MIN	/* a day number (workday.h) that is not set */
#define NO_INDEX ((size_t)-1)

enum item_kind {
	ITEM_MD,	/* Markdown with YAML front matter */
	ITEM_YAML	/* pure YAML: body and/or table */
};

struct item {
	const char	 *path;	     /* repository path, "content/a/fees/x.md" */
	const char	 *slug;	     /* file name without extension */
	const char	 *url;	     /* output path, "a/fees/x.html" */
	size_t		  unit;	     /* index into site.units */
	size_t		  cat;	     /* index into the unit's catalogue */
	enum item_kind	  kind;	     /* how the file is written */
	const char	 *title;     /* 名称 */
	long		  date;	     /* 发布日期, day number */
	long		  written;   /* 成文日期 or NO_DATE */
	long		  expires;   /* 失效日期 or NO_DATE */
	long		  repealed;  /* 废止日期 or NO_DATE */
	const char	 *index_no;  /* 索引号 or NULL */
	const char	 *doc_no;    /* 文号 or NULL */
	const char	 *topic;     /* 主题分类 or NULL */
	const char	 *summary;   /* 内容概述 or NULL (then from body) */
	const char	**keywords;  /* NULL-terminated, may be empty */
	const char	 *replaced_by; /* unit-relative item path or NULL */
	size_t		  replaced_idx; /* its index in site.items, or NO_INDEX */
	unsigned	  outputs;   /* enum output bits (level's if unset) */
	int		  body_line; /* line where the body starts (md) */
	size_t		  size;	     /* bytes of the file */
	const char	 *blob;	     /* git blob id (hex) or NULL in preview */
	const char	 *body_dig;  /* SHA-256 (hex) of the body, when the
					source logs reads (memo.h), or NULL */
	const char	 *file_dig;  /* SHA-256 (hex) of the whole file as
					loaded, logged or not (item_body_read
					holds later reads to it), or NULL */
};

struct attachment {
	const char	*path;	/* repository path */
	const char	*url;	/* output path */
	size_t		 size;	/* bytes */
};

/* One category of one unit: the items filed under it. */
struct ucat {
	size_t	*items;		/* indices into site.items, newest first */
	size_t	 nitems;
};

struct unit {
	const char		*dir;	   /* path under content/, "a/b" */
	const char		*path;	   /* its _unit.yaml */
	const char		*name;	   /* 名称 */
	const char		*level_id; /* key of config.levels */
	const struct level	*level;	   /* the level */
	const struct catalogue	*catalogue; /* the level's catalogue */
	const char		*code;	   /* 行政区划代码 or NULL */
	const char		*org_code; /* 组织机构代码 or NULL */
	const char		*index_format; /* 索引号 format */
	const char		*address;  /* for the guide; may be NULL */
	const char		*postcode;
	const char		*phone;
	const char		*hours;
	const char		*email;
	const char		*description;
	size_t			 parent;   /* index in site.units or NO_INDEX */
	size_t			*children; /* indices, sorted by dir */
	size_t			 nchildren;
	struct ucat		*cats;	   /* one per catalogue category */
	int			 depth;	   /* 0 for top-level units */
};

struct site {
	const struct config	*cfg;	 /* borrowed */
	struct arena		*arena;	 /* owns every string below */
	struct unit		*units;	 /* sorted by dir; parents first */
	size_t			 nunits;
	struct item		*items;	 /* sorted by path */
	size_t			 nitems;
	struct attachment	*atts;	 /* sorted by path */
	size_t			 natts;
	size_t			*roots;	 /* top-level units */
	size_t			 nroots;
	struct annual		*annuals; /* content/<unit>/annual/<year>.yaml
					     of annual levels (report.h),
					     sorted by path */
	size_t			 nannuals;
	int			 gated;	 /* loaded from the gate's published
					    files (site_load's gated):
					    links, replaced_by and
					    rectification refs to what is
					    not published are text, and
					    index numbers used twice are
					    warnings, not errors */
	struct progfile		*progfiles; /* content/<unit>/<programme>/
					     files (prog.h), by path */
	size_t			 nprogfiles;
};

/*
 * Loads every unit, item and attachment from src, validated against
 * cfg.  Reports every problem found (not only the first).  Item texts
 * that pc (may be NULL) knows are not scanned for personal data again,
 * and those found clean are recorded in it.  Items whose files ic (may
 * be NULL) knows by their stamps (source_stamp) are taken from it, not
 * read, and those read and parsed without a word are recorded in it.
 * With gated set (src holds the gate's published files; site.gated), a
 * replaced_by that names nothing published and an index number two
 * items of a unit carry are warnings: both may come of versions that
 * wait, and what is not approved cannot stop what is.  So are two files
 * that give one page or differ only in case or normalisation: the
 * first in path order is loaded, the other set aside.
 * Returns 0 and a site to free with site_free(), or -1.
 */
int		 site_load(struct source *src, const struct config *cfg,
		    int gated,
		    struct privcache *pc, struct itemcache *ic,
		    struct site **out);
void		 site_free(struct site *);
/* Index of the unit whose dir is dir, or NO_INDEX. */
size_t		 site_unit(const struct site *, const char *dir);
/* Index of the item with repository path path, or NO_INDEX. */
size_t		 site_item(const struct site *, const char *path);
/* Index of the attachment with repository path path, or NO_INDEX. */
size_t		 site_attachment(const struct site *, const char *path);
/*
 * Reads the first n bytes of a relative link destination in item it's
 * body (%XX escapes decoded) against the item's folder, and puts the
 * repository path it names in out ("content/a/fees/x.md").  Returns
 * 0, or -1 if ".." climbs above the repository.
 */
int		 site_link_path(const struct item *it, const char *dest,
		    size_t n, struct buf *out);
/*
 * What the relative link destination dest in item it's body b names:
 * an item (its page), an attachment, a unit (its home) or a category
 * folder (its first list page).  Only the bytes before the first '#'
 * or '?' are read, %XX decoded, against the item's folder.  Returns
 * the output path ("a/fees/x.html", "a/fees/x.pdf", "a/index.html",
 * "a/fees/index.html"; caller frees), or NULL after reporting what is
 * wrong ("link to missing item 'x.md'") at the place in the item's
 * file of line and byte column col of the body (as md_link_fn gets
 * them).  check and every renderer ask this one function, so check
 * reports exactly the links a build cannot make.
 */
char		*site_link_target(const struct site *, const struct item *it,
		    const struct item_body *b, const char *dest, int line,
		    int col);
/*
 * The column in characters, in its file, of what md_link_fn is told
 * (or an mnode holds) is at line (line0 included) and byte column col
 * of body b: for messages about a place in a body.
 */
int		 site_body_col(const struct item_body *b, int line, int col);
/*
 * Reads the body of every item through src and reports every link
 * site_link_target() refuses, at its line and column, what md_lint
 * finds shown other than meant, and every body that is still
 * ITEM_PLACEHOLDER (what `gongkai new` wrote); then, if each is not
 * NULL, calls it with the item and its body, for more checks of what
 * was read once.  Returns 0, or -1 after diagnostics.
 */
typedef void (*site_body_fn)(void *arg, const struct item *,
		    const struct item_body *);
int		 site_check_links(struct source *, const struct site *,
		    site_body_fn each, void *arg);
/*
 * site_link_target() for renderers: returns 0 with *target (caller
 * frees); in a gated site (site.gated) a link to what is not published
 * warns and returns 1 (render its text, no link: an unpublished target
 * must not stop an approved item); else -1 after the error.
 */
int		 site_link_resolve(const struct site *, const struct item *it,
		    const struct item_body *b, const char *dest, int line,
		    int col, char **target);
/* 1 if unit u is a or lies under unit a. */
int		 site_under(const struct site *, size_t u, size_t a);
/* Number of items of unit u, in all its categories. */
size_t		 site_unit_items(const struct site *, size_t u);

#endif

/* The text of one item, read again from the source when rendering. */
struct item_body {
	char	  *md;		/* Markdown body (owned), "" if none */
	size_t	   len;		/* bytes in md */
	int	   line0;	/* lines before the body, for messages */
	int	   col0;	/* columns before each of its lines (a YAML
				   block scalar's indent), for messages */
	char	 **columns;	/* YAML table: column titles (owned) */
	size_t	   ncolumns;
	char	***rows;	/* YAML table: nrows arrays of ncolumns cells */
	size_t	   nrows;
	char	  *block;	/* if not NULL, holds all the above: the
				   strings and arrays are not owned apart */
};

/*
 * Reads item it's body and table.  Returns 0, or -1 after a diagnostic.
 * Free with item_body_dispose().  When it->file_dig is set, the file
 * must still hold the bytes the loader read (and checked for personal
 * data): a file edited while a preview builds is refused, so that no
 * page, and no cache keyed by that digest, gets another text.
 */
int		 item_body_read(struct source *, const struct item *,
		    struct item_body *);
void		 item_body_dispose(struct item_body *);
