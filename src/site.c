/*
 * site.c -- build the content model from a source; see site.h.
 *
 * One pass over the listing of content/: first the units (folders with
 * a _unit.yaml), then every other file is an item or an attachment of
 * the category folder it sits in.  Lookups go through hash maps so
 * the load stays linear in the number of files.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annual.h"
#include "arena.h"
#include "buf.h"
#include "cfg.h"
#include "diag.h"
#include "esc.h"
#include "fold.h"
#include "item.h"
#include "itemcache.h"
#include "md.h"
#include "par.h"
#include "plan.h"
#include "privacy.h"
#include "privcache.h"
#include "prog.h"
#include "sha256.h"
#include "site.h"
#include "source.h"
#include "strmap.h"
#include "util.h"

static const char *const item_exts[] = { ".md", ".yaml", NULL };
static const char *const att_exts[] = { ".pdf", ".png", ".jpg", ".jpeg",
	".gif", ".webp", ".doc", ".docx", ".xls", ".xlsx", ".ofd", NULL };

/* What the privacy pre-scan found in an entry (prescan()). */
struct prescan {
	unsigned char	 clean;		/* 1: nothing, in bytes of digest dig */
	char		 dig[65];	/* SHA-256 of the bytes scanned, hex */
	uint32_t	 worker;	/* k + 1 of the worker that parsed it
					   without a word, or 0 */
	uint32_t	 rlen;		/* its item cache record: bytes */
	uint64_t	 roff;		/* and where, in that worker's file */
};

struct loader {
	struct site	*site;
	struct source	*src;
	struct strmap	 units;	  /* dir -> unit index */
	struct strmap	 items;	  /* path -> item index */
	struct strmap	 atts;	  /* path -> attachment index */
	struct strmap	 urls;	  /* output path -> item index */
	struct buf	 text;	  /* file being read */
	const struct src_entry *ents; /* the source's entries */
	struct prescan	*pre;	  /* per entry, what workers found, or NULL */
	struct privcache *pc;	  /* texts found clean before, or NULL */
	struct itemcache *ic;	  /* items parsed before, or NULL */
	size_t		*known;	  /* per entry, its itemcache record or 0 */
	struct buf	*parsed;  /* per pre-scan worker, its records */
	int		 nparsed;
	size_t		 ucap, icap, acap, ncap, pcap;
	int		 rc;	  /* -1 once any error was reported */
};

/* Longest name of a file or folder: outputs add to it (".md" becomes
 * ".html") and file systems stop at 255 bytes. */
#define NAME_MAX_BYTES 240

/*
 * Rejects a name (path, valid UTF-8) that holds a character showing
 * nothing, or moving the text around it (cp_invisible): a control
 * character (C0, DEL, C1), a bidirectional control, a zero-width
 * character, U+FEFF.  Two names that look the same, or one that reads
 * as another ("fees\u202egnp.md" shows as "feesdm.png"), would be two
 * pages a reader cannot tell apart, and a control character would
 * drive the terminal of whoever lists the folder.  The diagnostic
 * names the character by its code point (diag shows it escaped).
 */
static int
name_invisible(const char *path)
{
	const char	*s, *slash;
	const char	*what;
	size_t		 w, n = strlen(path);
	long		 c;

	for (s = path; *s != '\0'; s += w) {
		if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f) {
			w = 1;
			continue;
		}
		c = utf8_decode(s, n - (size_t)(s - path), &w);
		if (c < 0 || !cp_invisible((uint32_t)c))
			continue;
		slash = strchr(s, '/');
		what = slash != NULL ? "folder" : "file";
		if (cp_invisible_name((uint32_t)c) != NULL)
			diag_error(path, 0, 0, "%s name contains the invisible "
			    "character U+%04lX %s", what, c,
			    cp_invisible_name((uint32_t)c));
		else if (c < 0xa0)
			diag_error(path, 0, 0, "%s name contains the control "
			    "character U+%04lX", what, c);
		else
			diag_error(path, 0, 0, "%s name contains the "
			    "noncharacter U+%04lX", what, c);
		return -1;
	}
	return 0;
}

/* Rejects names that are unsafe in a path or a URL, or that hold a
 * personal number: a name is shown in every link, the sitemap and the
 * feeds (the gate never publishes one either). */
static int
check_name(const char *path)
{
	const unsigned char	*p;
	const char		*c;
	size_t			 off;
	int			 kind;

	if (utf8_valid(path, strlen(path), &off) == -1) {
		diag_error(path, 0, 0, "file name is not valid UTF-8");
		return -1;
	}
	if (name_invisible(path) == -1)
		return -1;
	for (p = (const unsigned char *)path; *p != '\0'; p++)
		if (*p == '\\' || *p == ':' || *p == '*' || *p == '?' ||
		    *p == '"' || *p == '<' || *p == '>' || *p == '|') {
			diag_error(path, 0, 0, "file name contains a "
			    "character that is not allowed ('%c')", *p);
			return -1;
		}
	for (c = path; *c != '\0'; c += off + (c[off] == '/'))
		if ((off = strcspn(c, "/")) > NAME_MAX_BYTES) {
			for (off = 24; ((unsigned char)c[off] & 0xc0) == 0x80;
			    off--)
				;	/* whole characters in the message */
			diag_error(path, 0, 0, "file name '%.*s...' is longer "
			    "than %d bytes", (int)off, c, NAME_MAX_BYTES);
			return -1;
		}
	for (c = path; *c != '\0'; c++)
		if ((c == path || c[-1] == '/') &&
		    (c[0] == ' ' || (c[0] == '.' && (c[1] == '/' ||
		    c[1] == '\0' || (c[1] == '.' && (c[2] == '/' ||
		    c[2] == '\0')))))) {
			diag_error(path, 0, 0, "file name must not be '.', "
			    "'..' or start with a space");
			return -1;
		}
	if ((kind = privacy_name_kind(path)) >= 0) {
		diag_error(path, 0, 0, "file name holds an unmasked %s "
		    "(names are shown in links, the sitemap and the feeds)",
		    privacy_kind_name((enum privacy_kind)kind));
		return -1;
	}
	return 0;
}

/*
 * Names a case-insensitive or normalisation-insensitive file system
 * (macOS, Windows: where a site may be copied or served from) takes
 * for one: two files, folders, or pages ("A.md" and "a.yaml" both give
 * a.html) whose names differ only in that.  good[i] is 1 for the
 * entries whose names passed check_name.  Returns 0, or -1 after an
 * error on the second of each pair.  In a gated site the second of two
 * files (not unit files) is a warning and set aside (good[i] = 0): both
 * are published, say an unsigned rename of a.md to A.md whose removal
 * of a.md waits, and what is approved must not stop the site.
 */
static int
check_folds(const struct src_entry *ents, size_t n, char *good, int gated)
{
	struct strmap	 keys;
	char		**own, **shown, *dir = NULL;
	const char	**from;	/* what shown[k] came from, for messages */
	const char	*sl;
	size_t		 i, k = 0, old, len;
	int		 rc = 0;

	strmap_init(&keys);
	own = xcalloc(2 * n + 1, sizeof(*own));
	shown = xcalloc(2 * n + 1, sizeof(*shown));
	from = xcalloc(2 * n + 1, sizeof(*from));
	for (i = 0; i < n; i++) {
		if (!good[i])
			continue;
		/* the folder (once per folder: entries come sorted) */
		sl = strrchr(ents[i].path, '/');
		len = sl != NULL ? (size_t)(sl - ents[i].path) : 0;
		if (len > 0 && (dir == NULL || strlen(dir) != len ||
		    strncmp(dir, ents[i].path, len) != 0)) {
			dir = shown[k] = xstrndup(ents[i].path, len);
			from[k] = dir;
			own[k] = fold_key(dir);
			if (!strmap_put(&keys, own[k], k, &old) &&
			    strcmp(shown[old], dir) != 0) {
				diag_error(ents[i].path, 0, 0, "folder '%s' and "
				    "'%s' differ only in case or Unicode "
				    "normalisation: they are one folder on "
				    "some file systems", dir, shown[old]);
				rc = -1;
			}
			k++;
		}
		/* the file, as the page it gives */
		len = strlen(ents[i].path);
		shown[k] = str_suffix(ents[i].path, ".md") ?
		    xasprintf("%.*s.html", (int)(len - 3), ents[i].path) :
		    str_suffix(ents[i].path, ".yaml") &&
		    !str_suffix(ents[i].path, "/_unit.yaml") ?
		    xasprintf("%.*s.html", (int)(len - 5), ents[i].path) :
		    xstrdup(ents[i].path);
		from[k] = ents[i].path;
		own[k] = fold_key(shown[k]);
		if (strmap_put(&keys, own[k], k, &old) ||
		    strcmp(shown[old], shown[k]) == 0)
			;
		else if (gated &&
		    !str_suffix(ents[i].path, "/_unit.yaml")) {
			diag_warn(ents[i].path, 0, 0, "name collides with "
			    "'%s' on file systems that ignore case or Unicode "
			    "normalisation (they differ only in that): only "
			    "'%s' is published", from[old], from[old]);
			good[i] = 0;
		} else {
			diag_error(ents[i].path, 0, 0, "name collides with "
			    "'%s' on file systems that ignore case or Unicode "
			    "normalisation (they differ only in that)",
			    from[old]);
			rc = -1;
		}
		k++;
	}
	strmap_dispose(&keys);
	for (i = 0; i < k; i++) {
		free(own[i]);
		free(shown[i]);
	}
	free(own);
	free(shown);
	free(from);
	return rc;
}

/* The folder of path as a new string: "content/a/b.md" -> "content/a". */
static char *
dirname_of(const char *path)
{
	const char	*sl = strrchr(path, '/');

	return xstrndup(path, sl != NULL ? (size_t)(sl - path) : 0);
}

static const char *
basename_of(const char *path)
{
	const char	*sl = strrchr(path, '/');

	return sl != NULL ? sl + 1 : path;
}

static void
add_unit(struct loader *l, const struct src_entry *e)
{
	struct site	*s = l->site;
	struct unit	*u;
	char		*dir = dirname_of(e->path), dig[65];

	xgrow(&s->units, &l->ucap, s->nunits + 1, sizeof(*s->units));
	u = &s->units[s->nunits++];
	memset(u, 0, sizeof(*u));
	u->path = arena_strdup(s->arena, e->path);
	u->dir = arena_strdup(s->arena, dir + strlen("content/"));
	u->parent = NO_INDEX;
	free(dir);
	if (e->size > ITEM_MAX_BYTES) {
		diag_error(e->path, 0, 0, "file is larger than 1 MiB");
		l->rc = -1;
		return;
	}
	if (source_read(l->src, e->path, &l->text) != 0) {
		l->rc = -1;
		return;
	}
	/* the cache spares the scan, as for items (load_item) */
	sha256_digest(l->text.data, l->text.len, dig);
	if (unit_parse(e->path, l->text.data, l->text.len,
	    privcache_known(l->pc, dig, 'u') ? ITEM_SCANNED : 0, s->cfg,
	    s->arena, u) == -1)
		l->rc = -1;
	else
		privcache_seen(l->pc, dig, 'u');
}

/* Output names a unit folder must not take: at the top of the site,
 * and inside a unit (beside its category folders). */
static const char *const root_names[] = { "assets", "index.html",
	"sitemap.html", "sitemap.xml", "provenance.json", "report.html",
	"report.json", NULL };
static const char *const unit_names[] = { "print", "display", "annual",
	"kiosk", "embed", "index.html", "guide.html", "feed.xml",
	"report.html", NULL };

static int
in_names(const char *s, const char *const *names)
{
	size_t	i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(s, names[i]) == 0)
			return 1;
	return 0;
}

/* A unit's folder name must leave its parent's pages alone. */
static void
check_unit_name(struct loader *l, const struct unit *u)
{
	const struct unit	*pu;
	const char		*base = basename_of(u->dir);

	if (u->parent == NO_INDEX) {
		if (in_names(base, root_names)) {
			diag_error(u->path, 0, 0, "unit folder '%s' is "
			    "reserved for the site's own files", base);
			l->rc = -1;
		}
		return;
	}
	pu = &l->site->units[u->parent];
	if (in_names(base, unit_names) || prog_find(base) != -1 ||
	    (pu->catalogue != NULL &&
	    cfg_category(pu->catalogue, base) != -1)) {
		diag_error(u->path, 0, 0, "unit folder '%s' has the name of "
		    "one of its parent's pages or categories", base);
		l->rc = -1;
	}
}

/* Links units to parents; a unit must sit in content/ or in a unit. */
static void
link_units(struct loader *l)
{
	struct site	*s = l->site;
	struct unit	*u;
	char		*pd;
	size_t		 i, p, cap;
	const char	*sl;

	for (i = 0; i < s->nunits; i++) {
		u = &s->units[i];
		if ((sl = strrchr(u->dir, '/')) == NULL) {
			u->depth = 0;
			continue;
		}
		pd = xstrndup(u->dir, (size_t)(sl - u->dir));
		if (strmap_get(&l->units, pd, &p)) {
			/* dirs sort parents first, so the parent is set */
			u->parent = p;
			u->depth = s->units[p].depth + 1;
		} else {
			diag_error(u->path, 0, 0, "unit folder 'content/%s' is "
			    "not directly inside content/ or another unit "
			    "('content/%s' has no _unit.yaml)", u->dir, pd);
			l->rc = -1;
		}
		free(pd);
	}
	for (i = 0; i < s->nunits; i++) {
		u = &s->units[i];
		check_unit_name(l, u);
		if (u->parent == NO_INDEX) {
			cap = s->nroots;
			xgrow(&s->roots, &cap, s->nroots + 1,
			    sizeof(*s->roots));
			s->roots[s->nroots++] = i;
			continue;
		}
		struct unit *pu = &s->units[u->parent];

		cap = pu->nchildren;
		xgrow(&pu->children, &cap, pu->nchildren + 1,
		    sizeof(*pu->children));
		pu->children[pu->nchildren++] = i;
	}
}

/*
 * Reports a file at path in folder catname of folder udir, which is no
 * unit: a folder inside a category (pictures kept in other/images/) is
 * said as such, since the category's folder is not at fault.
 */
static void
in_category(struct loader *l, const char *path, const char *udir,
    const char *catname)
{
	char		*pdir = dirname_of(udir);
	const char	*cat = basename_of(udir);
	size_t		 k;

	if (strcmp(pdir, udir) != 0 && strmap_get(&l->units, pdir, &k) &&
	    l->site->units[k].catalogue != NULL &&
	    cfg_category(l->site->units[k].catalogue, cat) != -1)
		diag_error(path, 0, 0, "folder 'content/%s/%s' is inside "
		    "category '%s': a category holds files, not folders "
		    "(put it in 'content/%s/')", udir, catname, cat, udir);
	else
		diag_error(path, 0, 0, "folder 'content/%s' is neither a unit "
		    "(no _unit.yaml) nor a category of one", udir);
	free(pdir);
}

/* Resolves the unit and category of a file in a category folder.
 * Returns 0, or -1 after reporting. */
static int
place(struct loader *l, const char *path, size_t *unit, int *cat)
{
	struct site	*s = l->site;
	char		*dir = dirname_of(path), *udir;
	const char	*catname, *rel;
	const struct unit *u;
	int		 rc = -1;

	rel = dir + strlen("content");
	if (*rel == '\0' || strmap_get(&l->units, rel + 1, unit)) {
		diag_error(path, 0, 0, *rel == '\0' ?
		    "file directly in content/ (put it in a unit folder)" :
		    "file directly in a unit folder (put it in a category "
		    "folder)");
		goto out;
	}
	udir = dirname_of(rel + 1);
	catname = basename_of(rel + 1);
	if (!strmap_get(&l->units, udir, unit)) {
		in_category(l, path, udir, catname);
		free(udir);
		goto out;
	}
	free(udir);
	u = &s->units[*unit];
	if (u->catalogue == NULL)	/* its _unit.yaml was bad: reported */
		goto out;
	if ((*cat = cfg_category(u->catalogue, catname)) == -1) {
		struct buf	ids = BUF_INIT;
		size_t		i;

		/* the valid ones, as `gongkai new` lists them */
		for (i = 0; i < u->catalogue->ncats; i++)
			buf_printf(&ids, "%s%s", i ? ", " : "",
			    u->catalogue->cats[i].id);
		diag_error(path, 0, 0, "unknown category '%s' for level '%s' "
		    "(catalogue '%s'; one of: %s)", catname, u->level_id,
		    u->catalogue->id, ids.data);
		buf_dispose(&ids);
		goto out;
	}
	rc = 0;
out:
	free(dir);
	return rc;
}

static int
has_ext(const char *path, const char *const *exts)
{
	size_t	i;

	for (i = 0; exts[i] != NULL; i++)
		if (str_suffix(path, exts[i]))
			return 1;
	return 0;
}

/*
 * Takes content/<unit>/annual/<year>.yaml, the inputs of a unit's annual
 * disclosure report, when <unit> is a unit whose catalogue has no
 * category "annual" and content/<unit>/annual is not a unit itself.
 * Returns 0 if the file is not one (it is an item or attachment), 1 if
 * it was taken (or reported).
 */
static int
add_annual(struct loader *l, const struct src_entry *e)
{
	struct site	*s = l->site;
	struct annual	*a;
	char		*dir = dirname_of(e->path), *udir;
	const char	*base = basename_of(e->path);
	const struct unit *u;
	size_t		 ui, sub;
	int		 taken = 0, year;

	udir = dirname_of(dir);
	if (strcmp(basename_of(dir), "annual") != 0 ||
	    !str_prefix(udir, "content/") ||
	    !strmap_get(&l->units, udir + 8, &ui) ||
	    strmap_get(&l->units, dir + 8, &sub) ||
	    (u = &s->units[ui])->catalogue == NULL ||
	    cfg_category(u->catalogue, "annual") != -1)
		goto out;
	taken = 1;
	if (!u->level->annual) {
		diag_error(e->path, 0, 0, "level '%s' has no annual report "
		    "(set 'annual: true' on the level in config.yaml)",
		    u->level_id);
		goto bad;
	}
	if (strlen(base) != 9 || strspn(base, "0123456789") != 4 ||
	    strcmp(base + 4, ".yaml") != 0 || (year = atoi(base)) < 1900) {
		diag_error(e->path, 0, 0, "an annual report file is named "
		    "after its year, as '2025.yaml'");
		goto bad;
	}
	if (e->size > ITEM_MAX_BYTES) {
		diag_error(e->path, 0, 0, "file is larger than 1 MiB");
		goto bad;
	}
	xgrow(&s->annuals, &l->ncap, s->nannuals + 1, sizeof(*s->annuals));
	a = &s->annuals[s->nannuals++];
	memset(a, 0, sizeof(*a));
	a->path = arena_strdup(s->arena, e->path);
	a->unit = ui;
	a->year = year;
	if (source_read(l->src, e->path, &l->text) != 0 ||
	    annual_parse(e->path, l->text.data, l->text.len,
	    s->arena, a) == -1)
		goto bad;
	goto out;
bad:
	l->rc = -1;
out:
	free(udir);
	free(dir);
	return taken;
}

/*
 * Takes content/<unit>/<programme>/<file> (prog.h) when <programme> is
 * a programme id, not a category of the unit's catalogue and not a
 * unit itself.  Returns 0 if the file is not one, 1 if it was taken
 * (or reported).
 */
static int
add_prog(struct loader *l, const struct src_entry *e)
{
	struct site		*s = l->site;
	struct progfile		*f;
	const struct prog_def	*d;
	char			*dir = dirname_of(e->path), *udir, *up;
	const struct unit	*u;
	size_t			 ui, sub;
	int			 p, taken = 0;

	udir = dirname_of(dir);
	if (!str_prefix(udir, "content/") ||
	    strmap_get(&l->units, dir + 8, &sub))
		goto out;
	if ((p = prog_find(basename_of(dir))) == -1) {
		/* a folder inside a programme folder */
		up = dirname_of(udir);
		if (prog_find(basename_of(udir)) != -1 &&
		    str_prefix(up, "content/") &&
		    strmap_get(&l->units, up + 8, &ui) &&
		    !strmap_get(&l->units, udir + 8, &sub) &&
		    (u = &s->units[ui])->catalogue != NULL &&
		    cfg_category(u->catalogue, basename_of(udir)) == -1) {
			diag_error(e->path, 0, 0, "programme files sit "
			    "directly in '%s/'", udir);
			l->rc = -1;
			taken = 1;
		}
		free(up);
		goto out;
	}
	if (!strmap_get(&l->units, udir + 8, &ui) ||
	    (u = &s->units[ui])->catalogue == NULL ||
	    cfg_category(u->catalogue, basename_of(dir)) != -1)
		goto out;
	taken = 1;
	d = prog_def((enum prog_id)p);
	if (!(u->level->programmes & (1u << p))) {
		diag_error(e->path, 0, 0, "level '%s' has no programme '%s' "
		    "(add it to levels.%s.programmes in config.yaml)",
		    u->level_id, d->id, u->level_id);
		goto bad;
	}
	if (!has_ext(e->path, d->exts)) {
		diag_error(e->path, 0, 0, "programme '%s' takes %s%s%s files",
		    d->id, d->exts[0], d->exts[1] ? " or " : "",
		    d->exts[1] ? d->exts[1] : "");
		goto bad;
	}
	if ((long)e->size > d->max_bytes) {
		diag_error(e->path, 0, 0, "file is larger than %ld MiB",
		    d->max_bytes / (1024 * 1024));
		goto bad;
	}
	xgrow(&s->progfiles, &l->pcap, s->nprogfiles + 1,
	    sizeof(*s->progfiles));
	f = &s->progfiles[s->nprogfiles++];
	f->path = arena_strdup(s->arena, e->path);
	f->name = basename_of(f->path);
	f->unit = ui;
	f->prog = (enum prog_id)p;
	f->size = e->size;
	f->blob = e->blob ? arena_strdup(s->arena, e->blob) : NULL;
	goto out;
bad:
	l->rc = -1;
out:
	free(udir);
	free(dir);
	return taken;
}

/*
 * The digests of item it, whose bytes text holds, for memo.h: of
 * its front matter, which every page depends on (the model is made of
 * it), and of its body, for the pages made from the body.  A YAML
 * item's front matter is the whole file.
 */
static void
item_digests(const struct item *it, const struct buf *text, char fmdig[65],
    char bodydig[65])
{
	const char	*yaml, *body = "";
	size_t		 ylen, blen = 0, mlen = text->len;
	int		 bline;

	if (it->kind == ITEM_MD && item_split(it->path, text->data,
	    text->len, &yaml, &ylen, &body, &blen, &bline) == 0)
		mlen = (size_t)(body - text->data);
	else {
		body = "";
		blen = 0;
	}
	sha256_digest(text->data, mlen, fmdig);
	sha256_digest(body, blen, bodydig);
}

/*
 * Parses text, the bytes of entry e's item file, into it (strings in
 * a) for level outputs, with item_parse's flags, and sets fmdig and
 * bodydig.  Returns -1 after a diagnostic; 1 if the item cache may
 * keep what was made (nothing was said: what was is said again next
 * time; and the file has a stamp, then in stamp); else 0.
 */
static int
parse_text(const struct loader *l, const struct src_entry *e,
    const struct buf *text, unsigned outputs, int flags, struct arena *a,
    struct item *it, char fmdig[65], char bodydig[65], char stamp[160])
{
	unsigned long	said = diag_said();

	if (item_parse(e->path, text->data, text->len, outputs, flags, a,
	    it) == -1)
		return -1;
	item_digests(it, text, fmdig, bodydig);
	return diag_said() == said &&
	    source_stamp(l->src, e, stamp, 160) == 0;
}

/* ---- the privacy pre-scan ------------------------------------------- */

/*
 * Scanning every item for personal numbers as a reader sees it is most
 * of the loader's time.  It needs nothing but the file, so workers do
 * it first, an item in n each, and say only "nothing found" and in
 * which bytes; the loader then skips the scan of an item whose bytes
 * are those, and scans all others itself, in order, reporting what it
 * finds.  A worker that fails or dies costs time, never a check.
 * Texts the cache knows (privcache.h) are not scanned at all.  An item
 * found clean is parsed there too, the units being known by then
 * (prescan_parse): the loader takes the record and reads the file no
 * more.
 */
struct prescan_job {
	struct loader		*l;
	const char		*good;	/* entries that passed the name checks */
	size_t			 n;	/* entries */
	int			*fds;	/* per worker, where its records go */
};

static void
count_hit(void *arg, size_t off, size_t len, enum privacy_kind kind)
{
	(void)off;
	(void)len;
	(void)kind;
	(*(size_t *)arg)++;
}

/* How the privacy scan reads item file path, for privcache.h. */
static char
item_how(const char *path)
{
	return str_suffix(path, ".md") ? 'm' : 'y';
}

/* 1 if entry e would be an item file, for prescan(). */
static int
maybe_item(const struct src_entry *e)
{
	return has_ext(e->path, item_exts) &&
	    strcmp(basename_of(e->path), "_unit.yaml") != 0 &&
	    e->size <= ITEM_MAX_BYTES;
}

/*
 * In worker k, after entry i's bytes (text) were found clean: parses
 * its item as the loader would and, if that said not a word, writes
 * its item cache record to the worker's file, for the loader to take
 * instead of reading, digesting and parsing the file again (on a cold
 * build, four seconds of one core at 100,000 items).  What says a
 * word (a misplaced file, a bad field) is left to the loader, which
 * reports it in order.
 */
static void
prescan_parse(struct prescan_job *j, int k, size_t i, const struct buf *text,
    struct arena *a, struct buf *rec)
{
	struct loader		*l = j->l;
	const struct src_entry	*e = &l->ents[i];
	struct prescan		*r = &l->pre[i];
	struct item		 it;
	unsigned		 outputs;
	size_t			 unit;
	off_t			 off;
	int			 cat;
	char			 fmdig[65], bodydig[65], stamp[160];

	if (j->fds[k] == -1 || place(l, e->path, &unit, &cat) == -1)
		return;
	outputs = l->site->units[unit].level->outputs;
	memset(&it, 0, sizeof(it));
	it.path = e->path;
	if (parse_text(l, e, text, outputs, ITEM_SCANNED, a, &it, fmdig,
	    bodydig, stamp) != 1)
		return;
	buf_reset(rec);
	itemcache_record(rec, stamp, outputs, &it, r->dig, fmdig, bodydig);
	if ((off = lseek(j->fds[k], 0, SEEK_CUR)) == -1 ||
	    write_all(j->fds[k], rec->data, rec->len) == -1)
		return;
	r->roff = (uint64_t)off;
	r->rlen = (uint32_t)rec->len;
	r->worker = (uint32_t)k + 1;
}

static void
prescan_worker(void *arg, int k, int n)
{
	struct prescan_job	*j = arg;
	const char		*path;
	struct prescan		*r;
	struct arena		*a = arena_new();
	struct buf		 b = BUF_INIT, rec = BUF_INIT;
	size_t			 i, hits, parsed = 0;

	source_log(j->l->src, 0);	/* what a worker reads counts not */
	for (i = (size_t)k; i < j->n; i += (size_t)n) {
		path = j->l->ents[i].path;
		if (!j->good[i] || !maybe_item(&j->l->ents[i]) ||
		    j->l->known[i] != 0 ||
		    source_read(j->l->src, path, &b) != 0)
			continue;
		r = &j->l->pre[i];
		sha256_digest(b.data, b.len, r->dig);
		hits = 0;
		if (!privcache_known(j->l->pc, r->dig, item_how(path)) &&
		    (privacy_scan_item(path, b.data, b.len, count_hit,
		    &hits) != 0 || hits != 0))
			continue;
		r->clean = 1;
		prescan_parse(j, k, i, &b, a, &rec);
		/* what a record needs is in its bytes: strings parsed go */
		if (++parsed % 256 == 0) {
			arena_free(a);
			a = arena_new();
		}
	}
	buf_dispose(&b);
	buf_dispose(&rec);
	arena_free(a);
}

/* Runs the pre-scan of n entries when there is more than one CPU. */
static void
prescan(struct loader *l, const char *good, size_t n)
{
	struct prescan_job	 j = { l, good, n, NULL };
	int			 w = plan_cpus(), k;

	if (w <= 1 || n < 64 ||
	    (l->pre = par_shared(n * sizeof(*l->pre))) == NULL)
		return;
	j.fds = xcalloc((size_t)w, sizeof(*j.fds));
	/* (none: the loader parses what that worker scanned, as before) */
	for (k = 0; k < w; k++)
		j.fds[k] = par_file_quiet("gongkai-items");
	par_run(w, prescan_worker, &j);
	/* the records the workers made, for take_parsed */
	l->parsed = xcalloc((size_t)w, sizeof(*l->parsed));
	l->nparsed = w;
	for (k = 0; k < w; k++) {
		buf_init(&l->parsed[k]);
		if (j.fds[k] == -1)
			continue;
		if (lseek(j.fds[k], 0, SEEK_SET) == -1 ||
		    buf_read_fd(&l->parsed[k], j.fds[k]) == -1)
			buf_reset(&l->parsed[k]);
		close(j.fds[k]);
	}
	free(j.fds);
}

/* Fills it from the record a pre-scan worker made of entry e's item,
 * if there is one, whole, and made for this entry (its path and
 * stamp: no record of another file is taken, whatever went wrong) and
 * for level outputs outputs: 0, else -1. */
static int
take_parsed(struct loader *l, const struct src_entry *e, struct item *it,
    unsigned outputs, char dig[65], char fmdig[65], char bodydig[65])
{
	const struct prescan	*r;
	const struct buf	*b;
	char			 stamp[160];

	if (l->pre == NULL)
		return -1;
	r = &l->pre[e - l->ents];
	if (r->worker == 0 || r->worker > (uint32_t)l->nparsed)
		return -1;
	b = &l->parsed[r->worker - 1];
	if (r->roff > b->len || r->rlen > b->len - r->roff ||
	    source_stamp(l->src, e, stamp, sizeof(stamp)) != 0)
		return -1;
	return itemcache_take_record(l->ic, e->path, stamp, b->data + r->roff,
	    r->rlen, outputs, l->site->arena, it, dig, fmdig, bodydig);
}

/* 1 if the pre-scan or the cache found nothing in entry e, whose
 * bytes l->text holds and have digest dig: the very bytes the loader
 * parses, whatever changed since. */
static int
known_clean(const struct loader *l, const struct src_entry *e,
    const char dig[65])
{
	const struct prescan	*r;

	if (privcache_known(l->pc, dig, item_how(e->path)))
		return 1;
	if (l->pre == NULL)
		return 0;
	r = &l->pre[e - l->ents];
	return r->clean && memcmp(dig, r->dig, 65) == 0;
}

/*
 * Reads and parses the item file of entry e into it, and sets dig,
 * fmdig and bodydig to the digests of its text, front matter and
 * body.  Returns 0, or -1 after a diagnostic.
 */
static int
parse_item(struct loader *l, const struct src_entry *e, struct item *it,
    unsigned outputs, char dig[65], char fmdig[65], char bodydig[65])
{
	char	stamp[160];
	int	rc;

	if (source_read(l->src, e->path, &l->text) != 0)
		return -1;
	sha256_digest(l->text.data, l->text.len, dig);
	if ((rc = parse_text(l, e, &l->text, outputs, known_clean(l, e, dig) ?
	    ITEM_SCANNED : 0, l->site->arena, it, fmdig, bodydig, stamp)) ==
	    -1)
		return -1;
	if (rc == 1)
		itemcache_add(l->ic, stamp, outputs, it, dig, fmdig, bodydig);
	return 0;
}

/*
 * Loads item it of entry e, from the item cache or else from its file:
 * 0, or -1 after a diagnostic.  The front matter goes into the
 * source's log, the body's digest into it->body_dig (memo.h).
 */
static int
load_item(struct loader *l, const struct src_entry *e, struct item *it,
    unsigned outputs)
{
	int	 logging, rc = 0;
	char	 dig[65], fmdig[65], bodydig[65];

	/* logged in two parts, below, not as read (source_log_add adds
	 * nothing while the log is off) */
	logging = source_log(l->src, 0);
	if (itemcache_take(l->ic, l->known[e - l->ents], outputs,
	    l->site->arena, it, dig, fmdig, bodydig) == -1 &&
	    take_parsed(l, e, it, outputs, dig, fmdig, bodydig) == -1)
		rc = parse_item(l, e, it, outputs, dig, fmdig, bodydig);
	source_log(l->src, logging);
	if (rc == -1)
		return -1;
	/* item_parse fails on personal data: these bytes hold none */
	privcache_seen(l->pc, dig, item_how(e->path));
	/* what item_body_read holds a later read to, logged or not
	 * (gongkai print, check) */
	it->file_dig = arena_strdup(l->site->arena, dig);
	if (logging) {
		source_log_add(l->src, it->path, fmdig);
		it->body_dig = arena_strdup(l->site->arena, bodydig);
	}
	return 0;
}

static void
add_file(struct loader *l, const struct src_entry *e)
{
	struct site	*s = l->site;
	struct item	*it;
	struct attachment *a;
	size_t		 unit, old, slen;
	int		 cat;
	const char	*base = basename_of(e->path);

	if (add_annual(l, e) || add_prog(l, e))
		return;
	if (has_ext(e->path, item_exts)) {
		if (place(l, e->path, &unit, &cat) == -1) {
			l->rc = -1;
			return;
		}
		if (e->size > ITEM_MAX_BYTES) {
			diag_error(e->path, 0, 0,
			    "item file is larger than 1 MiB");
			l->rc = -1;
			return;
		}
		xgrow(&s->items, &l->icap, s->nitems + 1, sizeof(*s->items));
		it = &s->items[s->nitems];
		memset(it, 0, sizeof(*it));
		it->path = arena_strdup(s->arena, e->path);
		it->blob = e->blob ? arena_strdup(s->arena, e->blob) : NULL;
		it->size = e->size;
		it->unit = unit;
		it->cat = (size_t)cat;
		slen = strlen(base) - (str_suffix(base, ".md") ? 3 : 5);
		it->slug = arena_strndup(s->arena, base, slen);
		if (slen == 0 || strcmp(it->slug, "index") == 0 ||
		    (str_prefix(it->slug, "page-") && it->slug[5] != '\0' &&
		    strspn(it->slug + 5, "0123456789") == slen - 5)) {
			diag_error(e->path, 0, 0, slen == 0 ?
			    "item file name is empty" : "item name '%s' is "
			    "reserved for the category's list pages",
			    it->slug);
			l->rc = -1;
			return;
		}
		it->url = arena_printf(s->arena, "%.*s.html",
		    (int)(strlen(e->path) - strlen("content/") -
		    (strlen(base) - slen)), e->path + strlen("content/"));
		if (!strmap_put(&l->urls, it->url, s->nitems, &old)) {
			if (s->gated) {
				/* Both published (an unsigned rename of a.md
				 * to a.yaml whose removal of a.md waits): one
				 * page for one, not a site taken down. */
				diag_warn(e->path, 0, 0, "item has the same "
				    "page as '%s': only '%s' is published",
				    s->items[old].path, s->items[old].path);
				return;
			}
			diag_error(e->path, 0, 0, "item has the same page as "
			    "'%s'", s->items[old].path);
			l->rc = -1;
			return;
		}
		strmap_put(&l->items, it->path, s->nitems, NULL);
		s->nitems++;
		if (load_item(l, e, it, s->units[unit].level->outputs) == -1)
			l->rc = -1;
		return;
	}
	if (has_ext(e->path, att_exts)) {
		if (place(l, e->path, &unit, &cat) == -1) {
			l->rc = -1;
			return;
		}
		if ((long)e->size > s->cfg->attachment_max) {
			diag_error(e->path, 0, 0, "attachment is larger than "
			    "the limit of %ld MiB (site.attachment_max_mb)",
			    s->cfg->attachment_max / (1024 * 1024));
			l->rc = -1;
			return;
		}
		xgrow(&s->atts, &l->acap, s->natts + 1, sizeof(*s->atts));
		a = &s->atts[s->natts];
		a->path = arena_strdup(s->arena, e->path);
		a->url = a->path + strlen("content/");
		a->size = e->size;
		strmap_put(&l->atts, a->path, s->natts++, NULL);
		return;
	}
	if (str_suffix(e->path, ".svg") || str_suffix(e->path, ".SVG") ||
	    str_suffix(e->path, ".svgz")) {
		/* An SVG is a document that can carry script, run when it
		 * is opened from the site: refused, like raw HTML. */
		diag_error(e->path, 0, 0, "SVG attachments are not allowed (an "
		    "SVG can carry script): convert it to PNG or PDF");
		l->rc = -1;
		return;
	}
	diag_error(e->path, 0, 0, "unsupported file type (items are .md or "
	    ".yaml; attachments .pdf, .png, .jpg, .gif, .webp, .doc(x), "
	    ".xls(x), .ofd)");
	l->rc = -1;
}

/* Sort key of an item in its category: newest first, then by path. */
struct newest {
	long		 date;	/* 发布日期 */
	const char	*path;	/* tie-break, for a stable order */
	size_t		 idx;	/* index in site.items */
};

static int
cmp_newest(const void *a, const void *b)
{
	const struct newest *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? 1 : -1;
	return strcmp(x->path, y->path);
}

static void
sort_newest(const struct site *s, struct ucat *uc)
{
	struct newest	*v = xcalloc(uc->nitems, sizeof(*v));
	size_t		 k;

	for (k = 0; k < uc->nitems; k++) {
		v[k].idx = uc->items[k];
		v[k].date = s->items[v[k].idx].date;
		v[k].path = s->items[v[k].idx].path;
	}
	xqsort(v, uc->nitems, sizeof(*v), cmp_newest);
	for (k = 0; k < uc->nitems; k++)
		uc->items[k] = v[k].idx;
	free(v);
}

static int
cmp_unit(const void *a, const void *b)
{
	return strcmp(((const struct unit *)a)->dir,
	    ((const struct unit *)b)->dir);
}

/* Puts units in dir order (a parent before its children, as its dir is
 * a prefix of theirs) and indexes them by dir. */
static void
sort_units(struct loader *l)
{
	size_t	i;

	xqsort(l->site->units, l->site->nunits, sizeof(*l->site->units),
	    cmp_unit);
	strmap_dispose(&l->units);
	strmap_init(&l->units);
	for (i = 0; i < l->site->nunits; i++)
		strmap_put(&l->units, l->site->units[i].dir, i, NULL);
}

/* Files items under their unit's categories, newest first, and
 * resolves replaced_by and index-number uniqueness. */
static void
index_items(struct loader *l)
{
	struct site	*s = l->site;
	struct unit	*u;
	struct item	*it;
	struct ucat	*uc;
	struct strmap	 idx;
	char		*p;
	size_t		 i, j, k, old;

	for (i = 0; i < s->nunits; i++) {
		u = &s->units[i];
		if (u->catalogue != NULL)
			u->cats = arena_alloc(s->arena,
			    u->catalogue->ncats * sizeof(*u->cats));
		for (j = 0; u->catalogue && j < u->catalogue->ncats; j++)
			memset(&u->cats[j], 0, sizeof(u->cats[j]));
	}
	for (i = 0; i < s->nitems; i++) {
		it = &s->items[i];
		uc = &s->units[it->unit].cats[it->cat];
		uc->nitems++;
	}
	for (i = 0; i < s->nunits; i++) {
		u = &s->units[i];
		for (j = 0; u->catalogue && j < u->catalogue->ncats; j++) {
			u->cats[j].items = arena_alloc(s->arena,
			    u->cats[j].nitems * sizeof(size_t));
			u->cats[j].nitems = 0;
		}
	}
	for (i = 0; i < s->nitems; i++) {
		it = &s->items[i];
		uc = &s->units[it->unit].cats[it->cat];
		uc->items[uc->nitems++] = i;
		if (it->replaced_by == NULL)
			continue;
		for (k = 0; k < 2 && it->replaced_idx == NO_INDEX; k++) {
			p = xasprintf("content/%s/%s.%s",
			    s->units[it->unit].dir, it->replaced_by,
			    k ? "yaml" : "md");
			strmap_get(&l->items, p, &it->replaced_idx);
			free(p);
		}
		if (it->replaced_idx != NO_INDEX)
			continue;
		if (s->gated)
			/* What is not approved cannot stop what is: the
			 * successor may wait for approval, or its withdrawal
			 * was approved.  The item still shows its repealed
			 * date, only without the link to a successor. */
			diag_warn(it->path, 0, 0, "replaced_by names nothing "
			    "published ('%s'): shown as repealed without a "
			    "successor", it->replaced_by);
		else {
			diag_error(it->path, 0, 0, "replaced_by names a "
			    "missing item '%s'", it->replaced_by);
			l->rc = -1;
		}
	}
	for (i = 0; i < s->nunits; i++) {
		u = &s->units[i];
		strmap_init(&idx);
		for (j = 0; u->catalogue && j < u->catalogue->ncats; j++) {
			uc = &u->cats[j];
			sort_newest(s, uc);
			for (k = 0; k < uc->nitems; k++) {
				it = &s->items[uc->items[k]];
				if (it->index_no == NULL ||
				    strmap_put(&idx, it->index_no,
				    uc->items[k], &old))
					continue;
				if (!s->gated) {
					diag_error(it->path, 0, 0, "index "
					    "number '%s' is already used by "
					    "'%s'", it->index_no,
					    s->items[old].path);
					l->rc = -1;
					continue;
				}
				/* Both approved (say an unsigned rename whose
				 * removal of the old path waits): a fault
				 * for editors to mend, not a reason to take
				 * the site down. */
				diag_warn(it->path, 0, 0, "index number '%s' "
				    "is also used by '%s': both are published",
				    it->index_no, s->items[old].path);
			}
		}
		strmap_dispose(&idx);
	}
}

int
site_load(struct source *src, const struct config *cfg, int gated,
    struct privcache *pc, struct itemcache *ic, struct site **out)
{
	struct loader		 l;
	const struct src_entry	*ents;
	size_t			 n, i;
	char			*good;	/* entries that passed the name checks */
	char			 stamp[160];

	*out = NULL;
	memset(&l, 0, sizeof(l));
	l.site = xcalloc(1, sizeof(*l.site));
	l.site->cfg = cfg;
	l.site->arena = arena_new();
	l.site->gated = gated;
	l.src = src;
	l.pc = pc;
	l.ic = ic;
	buf_init(&l.text);
	strmap_init(&l.units);
	strmap_init(&l.items);
	strmap_init(&l.atts);
	strmap_init(&l.urls);
	ents = source_content(src, &n);
	good = xcalloc(n ? n : 1, 1);
	for (i = 0; i < n; i++) {
		if (check_name(ents[i].path) == -1) {
			l.rc = -1;
			continue;
		}
		if (ents[i].type != SRC_FILE) {
			diag_error(ents[i].path, 0, 0, ents[i].type ==
			    SRC_LINK ? "symbolic links are not allowed" :
			    "not a regular file");
			l.rc = -1;
			continue;
		}
		good[i] = 1;
		if (strcmp(basename_of(ents[i].path), "_unit.yaml") == 0)
			add_unit(&l, &ents[i]);
	}
	if (check_folds(ents, n, good, l.site->gated) == -1)
		l.rc = -1;
	sort_units(&l);
	link_units(&l);
	l.ents = ents;
	l.known = xcalloc(n ? n : 1, sizeof(*l.known));
	for (i = 0; i < n; i++)
		if (good[i] && maybe_item(&ents[i]) &&
		    source_stamp(src, &ents[i], stamp, sizeof(stamp)) == 0)
			l.known[i] = itemcache_find(ic, ents[i].path, stamp);
	prescan(&l, good, n);
	for (i = 0; i < n; i++)
		if (good[i] &&
		    strcmp(basename_of(ents[i].path), "_unit.yaml") != 0)
			add_file(&l, &ents[i]);
	free(good);
	free(l.known);
	par_unshare(l.pre, n * sizeof(*l.pre));
	for (i = 0; i < (size_t)l.nparsed; i++)
		buf_dispose(&l.parsed[i]);
	free(l.parsed);
	index_items(&l);
	buf_dispose(&l.text);
	strmap_dispose(&l.units);
	strmap_dispose(&l.items);
	strmap_dispose(&l.atts);
	strmap_dispose(&l.urls);
	if (l.rc != 0) {
		site_free(l.site);
		return -1;
	}
	*out = l.site;
	return 0;
}

void
site_free(struct site *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nunits; i++)
		free(s->units[i].children);
	free(s->units);
	free(s->items);
	free(s->atts);
	free(s->roots);
	free(s->annuals);
	free(s->progfiles);
	arena_free(s->arena);
	free(s);
}

static size_t
bsearch_path(const void *base, size_t n, size_t sz, size_t off,
    const char *key)
{
	size_t	lo = 0, hi = n, mid;
	int	c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(*(const char *const *)((const char *)base +
		    mid * sz + off), key);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NO_INDEX;
}

size_t
site_unit(const struct site *s, const char *dir)
{
	return bsearch_path(s->units, s->nunits, sizeof(*s->units),
	    offsetof(struct unit, dir), dir);
}

size_t
site_item(const struct site *s, const char *path)
{
	return bsearch_path(s->items, s->nitems, sizeof(*s->items),
	    offsetof(struct item, path), path);
}

size_t
site_attachment(const struct site *s, const char *path)
{
	return bsearch_path(s->atts, s->natts, sizeof(*s->atts),
	    offsetof(struct attachment, path), path);
}

int
site_under(const struct site *s, size_t u, size_t a)
{
	while (u != NO_INDEX) {
		if (u == a)
			return 1;
		u = s->units[u].parent;
	}
	return 0;
}

size_t
site_unit_items(const struct site *s, size_t u)
{
	const struct unit	*un = &s->units[u];
	size_t			 c, n = 0;

	for (c = 0; c < un->catalogue->ncats; c++)
		n += un->cats[c].nitems;
	return n;
}

int
site_link_path(const struct item *it, const char *dest, size_t n,
    struct buf *out)
{
	struct buf	 raw = BUF_INIT;
	const char	*in, *seg, *slash = strrchr(it->path, '/');
	char		*cut;
	size_t		 i, len;
	int		 rc = 0;

	buf_put(&raw, it->path, (size_t)(slash - it->path) + 1);
	for (i = 0; i < n; i++) {
		if (dest[i] == '%' && i + 2 < n && hexval(dest[i + 1]) >= 0 &&
		    hexval(dest[i + 2]) >= 0) {
			buf_putc(&raw, hexval(dest[i + 1]) * 16 +
			    hexval(dest[i + 2]));
			i += 2;
		} else
			buf_putc(&raw, dest[i]);
	}
	/* Drop "." segments and resolve ".." ones. */
	buf_reset(out);
	for (in = raw.data; *in != '\0';) {
		seg = in;
		len = strcspn(in, "/");
		in += len;
		if (*in == '/')
			in++;
		if (len == 0 || (len == 1 && seg[0] == '.'))
			continue;
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			if (out->len == 0) {
				rc = -1;
				break;
			}
			cut = strrchr(out->data, '/');
			buf_truncate(out, cut != NULL ?
			    (size_t)(cut - out->data) : 0);
			continue;
		}
		if (out->len > 0)
			buf_putc(out, '/');
		buf_put(out, seg, len);
	}
	buf_dispose(&raw);
	return rc;
}

/* The item, attachment, unit or category that the repository path p
 * names: the output path of its page or file (caller frees), or NULL. */
static char *
link_lookup(const struct site *s, const char *p)
{
	const char	*dir = p + strlen("content/"), *slash;
	char		*udir;
	size_t		 i;
	int		 c = -1;

	if ((i = site_item(s, p)) != NO_INDEX)
		return xstrdup(s->items[i].url);
	if ((i = site_attachment(s, p)) != NO_INDEX)
		return xstrdup(s->atts[i].url);
	if ((i = site_unit(s, dir)) != NO_INDEX)
		return xasprintf("%s/index.html", s->units[i].dir);
	if ((slash = strrchr(dir, '/')) == NULL)
		return NULL;
	/* a category folder: <unit>/<category> */
	udir = xstrndup(dir, (size_t)(slash - dir));
	i = site_unit(s, udir);
	free(udir);
	if (i != NO_INDEX && s->units[i].catalogue != NULL)
		c = cfg_category(s->units[i].catalogue, slash + 1);
	if (c < 0)
		return NULL;
	return xasprintf("%s/%s/index.html", s->units[i].dir, slash + 1);
}

/*
 * The place in its file of what md_html() says is at line (line0
 * included) and byte column col of body b: its column in characters,
 * after the body's indent.
 */
static int
body_col(const struct item_body *b, int line, int col)
{
	const char	*p = b->md, *end;
	int		 l, c = 1;

	for (l = b->line0 + 1; l < line && (p = strchr(p, '\n')) != NULL; l++)
		p++;
	if (p == NULL)
		return col + b->col0;
	for (end = p + col - 1; p < end && *p != '\0' && *p != '\n'; c++)
		do
			p++;
		while (((unsigned char)*p & 0xc0) == 0x80);
	return c + b->col0;
}

int
site_body_col(const struct item_body *b, int line, int col)
{
	return body_col(b, line, col);
}

int
site_link_resolve(const struct site *s, const struct item *it,
    const struct item_body *b, const char *dest, int line, int col,
    char **target)
{
	struct buf	 p = BUF_INIT;
	size_t		 n = strcspn(dest, "#?");
	int		 rc = -1;

	*target = NULL;
	if (dest[0] == '/' && dest[1] == '/') {
		/* md hands these over to be refused too (md.h) */
		diag_error(it->path, line, body_col(b, line, col), "link "
		    "'%.*s' names a host without a scheme, which breaks "
		    "under file://: write https:%.*s", (int)n, dest,
		    (int)n, dest);
		return -1;
	}
	if (dest[0] == '/') {
		/* md hands these over to be refused (md.h) */
		diag_error(it->path, line, body_col(b, line, col), "link "
		    "'%.*s' is a path from the site's root, which breaks "
		    "under a prefix or file://: link to the source file, "
		    "relative to this item", (int)n, dest);
		return -1;
	}
	if (site_link_path(it, dest, n, &p) == 0 &&
	    str_prefix(p.data, "content/") &&
	    (*target = link_lookup(s, p.data)) != NULL) {
		rc = 0;
		goto out;
	}
	col = body_col(b, line, col);
	if (!str_prefix(p.data, "content/"))
		diag_error(it->path, line, col, "link '%.*s' leads outside "
		    "content/", (int)n, dest);
	else if (s->gated) {
		/* What is not approved cannot stop what is: the target may
		 * wait for approval, or its withdrawal was approved. */
		diag_warn(it->path, line, col, "link '%.*s' names nothing "
		    "published: shown as plain text", (int)n, dest);
		rc = 1;
	} else if (str_suffix(p.data, ".md") || str_suffix(p.data, ".yaml"))
		diag_error(it->path, line, col, "link to missing item '%.*s'",
		    (int)n, dest);
	else if (has_ext(p.data, att_exts))
		diag_error(it->path, line, col, "link to missing attachment "
		    "'%.*s'", (int)n, dest);
	else
		diag_error(it->path, line, col, "link '%.*s' names no item, "
		    "attachment, unit or category (link to the source file "
		    "or folder)", (int)n, dest);
out:
	buf_dispose(&p);
	return rc;
}

char *
site_link_target(const struct site *s, const struct item *it,
    const struct item_body *b, const char *dest, int line, int col)
{
	char	*t;

	if (site_link_resolve(s, it, b, dest, line, col, &t) != 0)
		return NULL;
	return t;
}

/* What the callback of site_check_links() needs: the body checked. */
struct bodycheck {
	const struct site	*site;	/* the model */
	const struct item	*it;	/* the item whose body this is */
	const struct item_body	*body;	/* its body */
};

static int
check_link(void *arg, const char *dest, int line, int col, struct buf *out)
{
	struct bodycheck	*bc = arg;
	char			*t;

	if (out == NULL) {	/* MD_SAY_DROPPED */
		struct buf	 shown = BUF_INIT;

		esc_term(&shown, dest);
		diag_warn(bc->it->path, line, body_col(bc->body, line, col),
		    "link '%s' is not published (its text is): javascript:, "
		    "vbscript:, file: and data: addresses, and any holding a "
		    "control character, are never linked", shown.data);
		buf_dispose(&shown);
		return 1;
	}
	t = site_link_target(bc->site, bc->it, bc->body, dest, line, col);
	free(t);
	return t != NULL ? 0 : -1;
}

static void
check_lint(void *arg, enum md_lint what, const char *dest, int line, int col)
{
	struct bodycheck	*bc = arg;
	struct buf		 shown = BUF_INIT;

	line += bc->body->line0;
	col = body_col(bc->body, line, col);
	switch (what) {
	case MD_LINT_UNLINKED:
		esc_term(&shown, dest);
		diag_warn(bc->it->path, line, col, "'(%s)' is shown as text, "
		    "not as a link: its destination holds a space; write "
		    "'(<%s>)', or %%20 for each space", shown.data,
		    shown.data);
		break;
	case MD_LINT_INDENTED:
		diag_warn(bc->it->path, line, col, "text indented by four "
		    "spaces or a tab is shown as code, unwrapped in a "
		    "fixed-width font: indent a paragraph with full-width "
		    "spaces (U+3000), or not at all");
		break;
	}
	buf_dispose(&shown);
}

/* 1 if a body is the placeholder `gongkai new` writes, and nothing
 * else but blank space. */
static int
body_is_placeholder(const struct item_body *b)
{
	const char	*p = b->md, *end = b->md + b->len;
	size_t		 n = strlen(ITEM_PLACEHOLDER);

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\n' || end[-1] == '\r'))
		end--;
	return (size_t)(end - p) == n && memcmp(p, ITEM_PLACEHOLDER, n) == 0;
}

int
site_check_links(struct source *src, const struct site *s, site_body_fn each,
    void *arg)
{
	struct item_body	 body;
	struct bodycheck	 bc;
	struct buf		 html = BUF_INIT;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; i < s->nitems; i++) {
		if (item_body_read(src, &s->items[i], &body) == -1) {
			rc = -1;
			continue;
		}
		if (body_is_placeholder(&body)) {
			diag_error(s->items[i].path, body.line0 + 1, 1, "the "
			    "body is still the placeholder '%s' that 'gongkai "
			    "new' wrote: write the item's text in its place",
			    ITEM_PLACEHOLDER);
			rc = -1;
		}
		bc.site = s;
		bc.it = &s->items[i];
		bc.body = &body;
		buf_reset(&html);
		diag_hold();	/* an item's links, line by line */
		if (md_html(bc.it->path, body.line0, body.md, body.len, 2,
		    MD_SAY_DROPPED, NULL, check_link, &bc, &html) == -1)
			rc = -1;
		(void)md_lint(body.md, body.len, check_lint, &bc);
		diag_release();
		if (each != NULL)
			each(arg, bc.it, &body);
		item_body_dispose(&body);
	}
	buf_dispose(&html);
	return rc;
}
