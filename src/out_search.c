/*
 * out_search.c -- the search page (search.html) and its index
 * (assets/search/): what the reader sees of every item built, fed to
 * search.h, and the result lines the page shows.
 *
 * The text indexed is the text the item pages show, taken from the
 * same model and source the web renderer reads: in a gated build that
 * is the published version of each item and nothing else.  Items are
 * numbered newest first (ties by path, as unit homes list them), so
 * the page shows a list of numbers in order.  Each is indexed with its
 * title, 文号, 索引号, the body as md_shown() gives it (each block
 * apart) and the cells of a YAML item's table; it is also added to the
 * scope of its unit and of every unit above it, for `unit=`.
 *
 * Result lines go in m/<n>.js, CHUNK items per file in that order:
 * [title, link from search.html, date, unit name, 文号 or ""].  The
 * folded texts a long query is checked against go in t/<n>.js, TCHUNK
 * per file.
 *
 * Incremental (search.h, search_patch): each t/<n>.js is a group
 * (fsout.h) keyed by what its numbers index (for each, a digest of the
 * code, its title, 文号, 索引号, body and scopes) and noted with each
 * number's key and unit folder; each bucket's files are a group noted
 * with its key and what its lists add to the bucket count.  A build
 * into the folder of an earlier one finds which numbers hold other
 * text than before by their notes; when they are few, only those items
 * are read and indexed (the others of a t/ file written again come from
 * the earlier one), and the earlier index is patched; else, or when it
 * cannot be, the index is made whole.  Both give the same bytes.
 *
 * The index is the search worker's, and it took longer than all the
 * pages on two cores: a whole index of SPLIT items or more is made by
 * two processes when --jobs allows, the second half of the numbers in
 * a helper that passes its part on (search_part, search_merge), which
 * gives the same bytes as one process.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bodycache.h"
#include "buf.h"
#include "cfg.h"
#include "diag.h"
#include "foldcache.h"
#include "fsout.h"
#include "item.h"
#include "md.h"
#include "memo.h"
#include "out.h"
#include "page.h"
#include "par.h"
#include "search.h"
#include "sha256.h"
#include "site.h"
#include "source.h"
#include "val.h"
#include "util.h"
#include "workday.h"

#define CHUNK	16		/* result lines per m/<n>.js */
/*
 * Texts per t/<n>.js; divides CHUNK, so that index_halves splits no
 * file.  A long query reads the file of each candidate it checks: at
 * 20,000 items the worst of tests/search.test.sh's queries read 223 KB
 * with one text per file, 328 KB with two, 535 KB with four, for a
 * build 3 % faster (a fifth fewer files).  A reader on a phone pays for
 * every query; the build is paid once.
 */
#define TCHUNK	1
#define SPLIT	256		/* items from which two processes index */
#define DIR	"assets/search/"
#define STR_(x)	#x
#define STR(x)	STR_(x)
/* what index.js says beside the index's own numbers */
#define EXTRA	"\"chunk\":" STR(CHUNK) ",\"tchunk\":" STR(TCHUNK)

/* One item being indexed. */
struct shown {
	struct search	*s;	/* the index */
	size_t		 id;	/* the item's number */
	struct buf	 text;	/* the block so far */
	struct buf	 folded; /* every block folded, a line each */
};

/* Adds one block of the item's text. */
static void
add(struct shown *sh, const char *text, size_t len, int title)
{
	if (search_add_fold(sh->s, sh->id, text, len, title,
	    &sh->folded) > 0)
		buf_putc(&sh->folded, '\n');
}

static void
shown_piece(void *arg, const struct md_piece *p)
{
	struct shown	*sh = arg;

	if (p->s == NULL) {
		add(sh, sh->text.data, sh->text.len, 0);
		buf_reset(&sh->text);
	} else if (!p->url)
		buf_put(&sh->text, p->s, p->len);
}

/* Writes one index file under assets/search/. */
static int
put_file(void *arg, const char *name, const char *data, size_t len)
{
	const struct out_ctx	*ctx = arg;
	char			*rel = xasprintf(DIR "%s", name);
	int			 rc;

	rc = fsout_write(ctx->fs, rel, data, len);
	free(rel);
	return rc;
}

/* An item to number: its date and its index in the model. */
struct rank {
	long	date;
	size_t	item;
};

/* Newest first, then by path (the model's order). */
static int
cmp_rank(const void *a, const void *b)
{
	const struct rank	*x = a, *y = b;

	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

/* Adds again the blocks a cached text holds (index_item): a flag,
 * 'T' if the first is the title, then the blocks folded, a line each.
 * Folding folded text changes nothing: the n-grams are the same. */
static void
add_again(struct shown *sh, const char *rec)
{
	const char	*p, *e;
	int		 title = rec[0] == 'T';

	for (p = rec + 1; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		add(sh, p, (size_t)(e - p), title);
		title = 0;
	}
}

/*
 * Indexes item it as number id: its text into s if text, and then its
 * blocks folded, a line each, into folded (replaced) unless NULL;
 * always its scopes, and its result line appended to meta unless NULL.
 * With key (item_key's, NULL: none) the text is taken from fc, or put
 * there.
 */
static int
index_item(const struct out_ctx *ctx, struct search *s, size_t id,
    const struct item *it, int text, struct buf *folded, struct buf *meta,
    struct foldcache *fc, const char *key)
{
	const struct site	*site = ctx->site;
	struct shown		 sh;
	struct item_body	 body;
	size_t			 i, j, u;
	int			 line = 0, rc = 0, title;
	char			*href, day[DATE_BUFSZ];
	struct date		 dt;

	memset(&body, 0, sizeof(body));
	if (!text)
		goto scopes;
	sh.s = s;
	sh.id = id;
	buf_init(&sh.text);
	buf_init(&sh.folded);
	if (key != NULL && foldcache_get(fc, key, &sh.text) &&
	    (sh.text.data[0] == 'T' || sh.text.data[0] == '-')) {
		add_again(&sh, sh.text.data);
		/* the new pack holds every text, as the next build reads */
		foldcache_put(fc, key, sh.text.data, sh.text.len);
		buf_dispose(&sh.text);
		goto folded;
	}
	buf_reset(&sh.text);	/* a record not read, or not one */
	add(&sh, it->title, strlen(it->title), 1);
	title = sh.folded.len > 0;
	if (it->doc_no != NULL)
		add(&sh, it->doc_no, strlen(it->doc_no), 0);
	if (it->index_no != NULL)
		add(&sh, it->index_no, strlen(it->index_no), 0);
	if (bodycache_read(ctx->body_cache, ctx->code, ctx->src, it,
	    &body) == -1)
		rc = -1;
	else if (md_shown(body.md, body.len, shown_piece, &sh, &line) == -1) {
		/* too costly a shape to walk twice: its plain text, a
		 * paragraph at a time */
		struct buf	 plain = BUF_INIT;
		const char	*p, *e;

		md_text(body.md, body.len, &plain);
		for (p = plain.data; *p != '\0'; p = *e ? e + 1 : e) {
			e = strchr(p, '\n');
			if (e == NULL)
				e = p + strlen(p);
			add(&sh, p, (size_t)(e - p), 0);
		}
		buf_dispose(&plain);
	}
	if (sh.text.len > 0)
		add(&sh, sh.text.data, sh.text.len, 0);
	for (j = 0; j < body.ncolumns; j++)
		add(&sh, body.columns[j], strlen(body.columns[j]), 0);
	for (i = 0; i < body.nrows; i++)
		for (j = 0; j < body.ncolumns; j++)
			if (body.rows[i][j] != NULL)
				add(&sh, body.rows[i][j],
				    strlen(body.rows[i][j]), 0);
	item_body_dispose(&body);
	if (key != NULL && rc == 0) {
		buf_reset(&sh.text);
		buf_putc(&sh.text, title ? 'T' : '-');
		buf_put(&sh.text, sh.folded.data, sh.folded.len > 0 ?
		    sh.folded.len - 1 : 0);
		foldcache_put(fc, key, sh.text.data, sh.text.len);
	}
	buf_dispose(&sh.text);
folded:
	/* the folded text, for the page to check a long query */
	if (sh.folded.len > 0)
		sh.folded.data[--sh.folded.len] = '\0';
	if (folded != NULL) {
		buf_reset(folded);
		buf_put(folded, sh.folded.data, sh.folded.len);
	}
	buf_dispose(&sh.folded);

scopes:
	for (u = it->unit; u != NO_INDEX; u = site->units[u].parent)
		search_add_scope(s, id, site->units[u].dir,
		    site->units[u].name);
	if (meta == NULL)
		return rc;

	buf_puts(meta, id % CHUNK == 0 ? "[" : ",[");
	search_json_str(meta, it->title);
	buf_putc(meta, ',');
	href = page_href("search.html", it->url);
	search_json_str(meta, href);
	free(href);
	date_from_days(it->date, &dt);
	buf_printf(meta, ",\"%s\",", date_fmt(day, &dt));
	search_json_str(meta, site->units[it->unit].name);
	buf_putc(meta, ',');
	search_json_str(meta, it->doc_no != NULL ? it->doc_no : "");
	buf_putc(meta, ']');
	return rc;
}

/* Writes m/<n>.js from the lines in meta, and empties it. */
static int
put_meta(const struct out_ctx *ctx, size_t n, struct buf *meta)
{
	struct buf	b = BUF_INIT;
	char		name[32];
	int		rc;

	buf_printf(&b, "gkSearchPart(\"m/%zu\",[", n);
	buf_put(&b, meta->data, meta->len);
	buf_puts(&b, "]);\n");
	snprintf(name, sizeof(name), "m/%zu.js", n);
	rc = put_file((void *)ctx, name, b.data, b.len);
	buf_dispose(&b);
	buf_reset(meta);
	return rc;
}

/* The group of t/<n>.js (its path): the texts of numbers n * TCHUNK
 * on. */
static void
tname(char *name, size_t sz, size_t n)
{
	snprintf(name, sz, DIR "t/%zu.js", n);
}

/*
 * The key of what item it gives the index as any number (hex, into
 * key), and its part of the note of its t/ file's group: the key, a
 * space, its unit's folder (its scopes are that folder and those above
 * it: a unit sits in its parent's folder).  Returns the note (caller
 * frees), or NULL when there is no key: then the item is read every
 * build.
 */
static char *
item_key(const struct out_ctx *ctx, const struct item *it, char key[65])
{
	const struct site	*site = ctx->site;
	const char		*dir = site->units[it->unit].dir;
	struct sha256		 h;
	size_t			 u;

	if (ctx->code == NULL || strpbrk(dir, "\t\n") != NULL)
		return NULL;
	sha256_init(&h);
	/* 2: search_fold drops spaces between Chinese characters, folds
	 * brackets and traditional characters; a text folded by 1 is
	 * another text */
	memo_add_str(&h, "gongkai search item 2");
	memo_add_str(&h, ctx->code);
	memo_add_str(&h, it->title);
	memo_add_str(&h, it->doc_no);
	memo_add_str(&h, it->index_no);
	if (it->kind == ITEM_MD && it->body_dig != NULL)
		memo_add_str(&h, it->body_dig);
	else if (it->kind != ITEM_MD && it->file_dig != NULL) {
		/* a YAML item's body and table: the whole file */
		memo_add_str(&h, "yaml");
		memo_add_str(&h, it->file_dig);
	} else
		return NULL;
	for (u = it->unit; u != NO_INDEX; u = site->units[u].parent) {
		memo_add_str(&h, site->units[u].dir);
		memo_add_str(&h, site->units[u].name);
	}
	sha256_hex(&h, key);
	return xasprintf("%s %s", key, dir);
}

/*
 * The key of t/<c>.js's group, numbers lo to hi - 1 (hex, into key),
 * and its note, their notes (item_key) joined by tabs, into note.
 * Returns 0, or -1 when one of them has no key: then it is written
 * every build.
 */
static int
chunk_key(const char *const *keys, size_t lo, size_t hi, char key[65],
    struct buf *note)
{
	struct sha256	h;
	size_t		i;

	buf_reset(note);
	sha256_init(&h);
	memo_add_str(&h, "gongkai search texts 1");
	for (i = lo; i < hi; i++) {
		if (keys[i] == NULL)
			return -1;
		memo_add_str(&h, keys[i]);
		if (i > lo)
			buf_putc(note, '\t');
		buf_puts(note, keys[i]);
	}
	sha256_hex(&h, key);
	return 0;
}

/* Number id's part of the earlier build's note of its t/ file, into
 * out (replaced).  0, or -1 if there is none. */
static int
old_note(const struct out_ctx *ctx, size_t id, struct buf *out)
{
	const char	*note, *e;
	char		 name[64];
	size_t		 k;

	tname(name, sizeof(name), id / TCHUNK);
	if ((note = fsout_old_note(ctx->fs, name)) == NULL)
		return -1;
	for (k = id % TCHUNK; k > 0; k--)
		if ((note = strchr(note, '\t')) == NULL)
			return -1;
		else
			note++;
	e = note + strcspn(note, "\t");
	if (e - note < 66 || note[64] != ' ')
		return -1;
	buf_reset(out);
	buf_put(out, note, (size_t)(e - note));
	return 0;
}

/*
 * The texts of one t/ file of the earlier build, read once for all its
 * numbers that a patch or a t/ file written again asks for.
 */
struct old_texts {
	size_t		 c;		/* its number + 1; 0: none read */
	size_t		 n;		/* texts read: 0 if it was not as
					   written */
	struct buf	 text[TCHUNK];
};

static void
old_texts_free(struct old_texts *o)
{
	size_t	i;

	for (i = 0; i < TCHUNK; i++)
		buf_dispose(&o->text[i]);
}

/* The earlier build's text of number id (NULL if it cannot be known),
 * valid until the next call with o. */
static const char *
old_text(const struct out_ctx *ctx, struct old_texts *o, size_t id)
{
	struct buf	 b = BUF_INIT;
	char		 name[64], pre[64];
	const char	*p, *e;
	size_t		 used, n, c = id / TCHUNK;

	if (o->c != c + 1) {
		o->c = c + 1;
		o->n = 0;
		tname(name, sizeof(name), c);
		n = (size_t)snprintf(pre, sizeof(pre),
		    "gkSearchPart(\"t/%zu\",[", c);
		if (fsout_old_read(ctx->fs, name, &b) == 1 && b.len >= n &&
		    memcmp(b.data, pre, n) == 0) {
			p = b.data + n;
			e = b.data + b.len;
			while (o->n < TCHUNK && (used = search_json_read(p,
			    (size_t)(e - p), &o->text[o->n])) > 0) {
				o->n++;
				p += used;
				if (*p != ',')
					break;
				p++;
			}
			if (strcmp(p, "]);\n") != 0)
				o->n = 0;
		}
		buf_dispose(&b);
	}
	return id % TCHUNK < o->n ? o->text[id % TCHUNK].data : NULL;
}

/* The name of bucket h's group: its b/ file's path. */
static void
bname(char *name, size_t sz, uint32_t h)
{
	snprintf(name, sz, DIR "b/%u.js", h);
}

/*
 * A bucket's files, as a group keyed by their digest and noted with
 * the key and what its lists add (search_nbuckets), so that a patch
 * can take it over.  One already there was taken over by a patch that
 * gave way to the whole index: it holds these bytes.
 */
static int
sink_bucket(void *arg, uint32_t h, size_t small,
    const struct search_file *f, size_t n)
{
	const struct out_ctx	*ctx = arg;
	struct sha256		 sh;
	char			 name[64], key[65], note[96];
	size_t			 i;
	int			 r, rc = 0;

	bname(name, sizeof(name), h);
	if (fsout_exists(ctx->fs, name))
		return 0;
	/* its note is what this program counts: another's is not kept */
	sha256_init(&sh);
	memo_add_str(&sh, "gongkai search bucket 1");
	memo_add_str(&sh, ctx->code);
	for (i = 0; i < n; i++) {
		memo_add_str(&sh, f[i].name);
		sha256_add(&sh, f[i].data, f[i].len);
		memo_add_str(&sh, "");
	}
	sha256_hex(&sh, key);
	if ((r = fsout_group_begin(ctx->fs, name, ctx->code != NULL ? key :
	    NULL)) != 0)
		return r == 1 ? 0 : -1;
	for (i = 0; i < n && rc == 0; i++)
		rc = put_file(arg, f[i].name, f[i].data, f[i].len);
	snprintf(note, sizeof(note), "%s %zu", key, small);
	fsout_group_note(ctx->fs, note);
	fsout_group_end(ctx->fs, 1);
	return rc;
}

static int
sink_old_read(void *arg, const char *name, struct buf *out)
{
	const struct out_ctx	*ctx = arg;
	char			*rel = xasprintf(DIR "%s", name);
	int			 r;

	r = fsout_old_read(ctx->fs, rel, out);
	free(rel);
	return r;
}

/* The earlier build's note of bucket h; NULL if it had none.  *none:
 * 1 if it had no such bucket either (no file). */
static const char *
old_bucket(const struct out_ctx *ctx, uint32_t h, int *none)
{
	struct buf	 b = BUF_INIT;
	const char	*note;
	char		 name[64];

	bname(name, sizeof(name), h);
	note = fsout_old_note(ctx->fs, name);
	*none = note == NULL && fsout_old_read(ctx->fs, name, &b) == 0;
	buf_dispose(&b);
	if (note != NULL && (strlen(note) < 66 || note[64] != ' '))
		note = NULL;
	return note;
}

static long long
sink_old_small(void *arg, uint32_t h)
{
	const char	*note;
	int		 none;

	if ((note = old_bucket(arg, h, &none)) == NULL)
		return none ? 0 : -1;
	return strtoll(note + 65, NULL, 10);
}

static int
sink_keep(void *arg, uint32_t h)
{
	const struct out_ctx	*ctx = arg;
	const char		*note;
	char			 name[64], key[65];
	int			 none, r;

	if ((note = old_bucket(ctx, h, &none)) == NULL)
		return none;	/* an empty bucket stays empty */
	memcpy(key, note, 64);
	key[64] = '\0';
	bname(name, sizeof(name), h);
	if ((r = fsout_group_begin(ctx->fs, name, key)) == 0)
		fsout_group_end(ctx->fs, 0);
	return r;
}

/* Reads "items" and "buckets" of the earlier index.js.  0 or -1. */
static int
old_index(const struct out_ctx *ctx, size_t *items, size_t *nb)
{
	struct buf	 b = BUF_INIT;
	char		 tail[128];
	int		 at = 0, rc = -1;

	snprintf(tail, sizeof(tail), ",\"gram\":%d,\"agram\":%d," EXTRA
	    "});\n", SEARCH_GRAM, SEARCH_AGRAM);
	if (fsout_old_read(ctx->fs, DIR "index.js", &b) == 1 &&
	    sscanf(b.data, "gkSearchPart(\"index\",{\"items\":%zu,"
	    "\"buckets\":%zu%n", items, nb, &at) == 2 && at > 0 &&
	    *nb > 0 && strcmp(b.data + at, tail) == 0)
		rc = 0;
	buf_dispose(&b);
	return rc;
}

/* Marks in touched the buckets of the scopes of an item of the unit
 * in folder dir: that folder and each one above it (a unit sits in its
 * parent's folder). */
static void
mark_scopes(const char *dir, size_t nb, unsigned char *touched)
{
	struct buf	 b = BUF_INIT;
	char		*p;

	buf_puts(&b, dir);
	for (p = b.data + b.len; p > b.data; p--)
		if (*p == '\0' || *p == '/') {
			*p = '\0';
			search_mark_scope(b.data, nb, touched);
		}
	buf_dispose(&b);
}

/*
 * The numbering of the items and what indexing them needs and finds,
 * for index_numbers: shared by the two processes that index the items
 * of a big build (index_halves).
 */
struct numbering {
	const struct out_ctx	*ctx;
	const struct rank	*order;	/* number -> item */
	char			**keys;	/* number -> item_key, or NULL */
	unsigned char		*changed; /* number -> 1 if its text is
					     not the earlier build's */
	char			**texts; /* patch: the changed texts */
	size_t			 n;	/* numbers */
	int			 patch;	/* 1 while a patch is possible */
	size_t			 lo;	/* index_halves: the helper's first */
	int			 fd;	/* and where its part goes */
};

/*
 * Indexes numbers lo to hi - 1 into s, lo a multiple of CHUNK: their
 * t/ files (taken over where the earlier build's hold the texts they
 * would hold) and m/ files, and, in a patch, the text of each that
 * changed.  0 or -1.
 */
static int
index_numbers(struct numbering *nb, struct search *s, size_t lo, size_t hi)
{
	const struct out_ctx	*ctx = nb->ctx;
	struct buf		 meta = BUF_INIT, folded = BUF_INIT;
	struct buf		 tfile = BUF_INIT, note = BUF_INIT;
	struct old_texts	 old;
	struct foldcache	*fc = NULL;
	const char		*was;
	char			 key[65], name[64];
	size_t			 i, end;
	int			 r = 0, rc = 0, changed;

	memset(&old, 0, sizeof(old));
	/* a whole index, the texts of every number: a pack of its own
	 * for each of the (at most two) processes, index_halves' helper
	 * the second */
	if (!nb->patch)
		fc = foldcache_open(ctx->fold_cache, lo == 0 ? 0 : 1);
	for (i = lo; i < hi; i++) {
		const struct item *it =
		    &ctx->site->items[nb->order[i].item];

		if (i % TCHUNK == 0) {
			/* t/<n>.js taken over holds the texts it would */
			end = i + TCHUNK < hi ? i + TCHUNK : hi;
			tname(name, sizeof(name), i / TCHUNK);
			r = fsout_group_begin(ctx->fs, name,
			    chunk_key((const char *const *)nb->keys, i, end,
			    key, &note) == 0 ? key : NULL);
			if (r == -1)
				rc = -1;
			buf_reset(&tfile);
			buf_printf(&tfile, "gkSearchPart(\"t/%zu\",[",
			    i / TCHUNK);
		}
		/* a file written again takes the text of a number that
		 * did not change from the earlier one, if it can */
		was = NULL;
		if (r != 1 && nb->patch && !nb->changed[i] &&
		    (was = old_text(ctx, &old, i)) == NULL)
			nb->changed[i] = 1;
		changed = nb->changed[i];
		if (index_item(ctx, s, i, it, !nb->patch || changed, &folded,
		    &meta, fc, nb->keys[i]) == -1)
			rc = -1;
		/* the text of a number that changed, for its keys */
		if (nb->patch && changed && r != 1)
			nb->texts[i] = xstrdup(folded.data);
		else if (nb->patch && changed)
			nb->patch = 0;
		if (r != 1) {
			if (i % TCHUNK != 0)
				buf_putc(&tfile, ',');
			search_json_str(&tfile, was != NULL ? was :
			    folded.data);
		}
		if (r != 1 && ((i + 1) % TCHUNK == 0 || i + 1 == hi)) {
			buf_puts(&tfile, "]);\n");
			if (fsout_write(ctx->fs, name, tfile.data,
			    tfile.len) == -1)
				rc = -1;
			fsout_group_note(ctx->fs, note.len > 0 ? note.data :
			    NULL);
			fsout_group_end(ctx->fs, 1);
		}
		if ((i + 1) % CHUNK == 0 || i + 1 == nb->n)
			if (put_meta(ctx, i / CHUNK, &meta) == -1)
				rc = -1;
	}
	foldcache_close(fc);
	old_texts_free(&old);
	buf_dispose(&meta);
	buf_dispose(&folded);
	buf_dispose(&tfile);
	buf_dispose(&note);
	return rc;
}

/* search_part's function: a piece of the helper's part. */
static int
put_part(void *arg, const void *p, size_t n)
{
	if (write_all(*(int *)arg, p, n) == 0)
		return 0;
	diag_fatal("cannot pass on the search index: %s", strerror(errno));
	return -1;
}

/* fsout_spawn's function: the second half, its part into nb->fd. */
static int
index_helper(void *arg, int k, int n)
{
	struct numbering	*nb = arg;
	struct search		*s = search_new(nb->n);
	int			 rc;

	(void)k;
	(void)n;
	rc = index_numbers(nb, s, nb->lo, nb->n);
	if (rc == 0)
		rc = search_part(s, put_part, &nb->fd);
	search_free(s);
	return rc;
}

/* Merges the helper's part, in nb->fd, into s, a piece at a time (the
 * whole would be a second copy of half the index).  0 or -1. */
static int
take_part(struct numbering *nb, struct search *s)
{
	struct buf	 b = BUF_INIT;
	size_t		 used;
	ssize_t		 got;
	int		 rc = -1;

	if (lseek(nb->fd, 0, SEEK_SET) == -1)
		goto fail;
	for (;;) {
		buf_grow(&b, 1 << 20);
		if ((got = read(nb->fd, b.data + b.len, 1 << 20)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		b.len += (size_t)got;
		b.data[b.len] = '\0';
		if (search_merge(s, b.data, b.len, &used) == -1 ||
		    (got == 0 && used < b.len)) {
			diag_fatal("the search index's part is not one");
			goto out;
		}
		if (got == 0)
			break;
		memmove(b.data, b.data + used, b.len - used);
		buf_truncate(&b, b.len - used);
	}
	rc = 0;
	goto out;
fail:
	diag_fatal("cannot read the search index's part: %s",
	    strerror(errno));
out:
	buf_dispose(&b);
	return rc;
}

/*
 * Indexes every number into s, the second half in a helper process
 * beside this one: of the search worker's time, the index is most,
 * and the pages are done long before it on two cores.  0 or -1.
 */
static int
index_halves(struct numbering *nb, struct search *s)
{
	struct fsout_job	*job;
	int			 rc;

	if ((nb->fd = par_file("gongkai-search")) == -1)
		return -1;
	nb->lo = nb->n / 2 / CHUNK * CHUNK;
	job = fsout_spawn(nb->ctx->fs, "search", index_helper, nb);
	rc = index_numbers(nb, s, 0, nb->lo);
	if (fsout_join(nb->ctx->fs, job) == -1)
		rc = -1;
	if (rc == 0)
		rc = take_part(nb, s);
	close(nb->fd);
	return rc;
}

/* What the processes writing shares of the index read. */
struct writing {
	struct search			*s;
	const struct search_sink	*sink;
};

/* fsout_fork's function: share k of n of the index's files. */
static int
write_share(void *arg, int k, int n)
{
	const struct writing	*w = arg;

	return search_write_share(w->s, EXTRA, w->sink, k, n);
}

/*
 * Writes the whole index s of n items through sink: in two processes
 * when --jobs allows and the index is big, as index_halves makes it,
 * for by then the pages are done and the other core would wait on
 * this one.  0 or -1.
 */
static int
write_index(const struct out_ctx *ctx, struct search *s,
    const struct search_sink *sink, size_t n)
{
	struct writing	w = { s, sink };

	search_write_prepare(s);
	return fsout_fork(ctx->fs, "search", ctx->jobs > 1 && n >= SPLIT ?
	    2 : 1, write_share, &w);
}

static int
render_page(const struct out_ctx *ctx)
{
	struct val	*page;
	struct buf	 b = BUF_INIT;
	int		 rc;

	page = page_new(ctx, "search.html", "search", "搜索", "搜索");
	page_crumb(page, "首页", page_href("search.html", "index.html"), 0);
	page_crumb(page, "搜索", NULL, 1);
	val_set_ref(val_get(page, "page"), "description",
	    "在本站公开信息的标题、文号、索引号和正文中搜索。");
	val_set_bool(page, "hide_search", 1);
	rc = page_write(ctx, page, "search", "search.html", &b);
	buf_dispose(&b);
	return rc;
}

int
out_search_render(const struct out_ctx *ctx)
{
	const struct site	*site = ctx->site;
	struct search		*s;
	struct search_sink	 sink;
	struct rank		*order;
	unsigned char		*changed, *touched = NULL;
	char			**keys, **texts, key[65];
	struct buf		 note = BUF_INIT;
	struct old_texts	 old;
	struct numbering	 run;
	size_t			 n = 0, i, c, k, oldn = 0, nb = 0, nc;
	size_t			 nchanged = 0;
	int			 rc = 0, r, patch = 0, partial;

	if (!page_root_mine(ctx))	/* a root file: not a shard's */
		return 0;
	order = xcalloc(site->nitems + 1, sizeof(*order));
	for (i = 0; i < site->nunits; i++) {
		const struct unit	*u = &site->units[i];

		if (!page_built(ctx, i))
			continue;
		for (c = 0; c < u->catalogue->ncats; c++)
			for (k = 0; k < u->cats[c].nitems; k++) {
				order[n].item = u->cats[c].items[k];
				order[n].date =
				    site->items[order[n].item].date;
				n++;
			}
	}
	xqsort(order, n, sizeof(*order), cmp_rank);

	/*
	 * The numbers whose text differs from the earlier build's (their
	 * keys, noted), and those only one of the two builds has: when
	 * they are few, the earlier index is patched.
	 */
	keys = xcalloc(n + 1, sizeof(*keys));
	texts = xcalloc(n + 1, sizeof(*texts));
	if (ctx->code != NULL && old_index(ctx, &oldn, &nb) == 0)
		patch = 1;
	nc = n > oldn ? n : oldn;
	changed = xcalloc(nc + 1, 1);
	for (i = 0; i < nc; i++) {
		if (i < n)
			keys[i] = item_key(ctx,
			    &site->items[order[i].item], key);
		changed[i] = i >= n || i >= oldn || keys[i] == NULL ||
		    !patch || old_note(ctx, i, &note) == -1 ||
		    strcmp(note.data, keys[i]) != 0;
		nchanged += changed[i];
	}
	if (nchanged * 8 > nc)
		patch = 0;	/* made whole sooner than patched */

	memset(&sink, 0, sizeof(sink));
	sink.file = put_file;
	sink.bucket = sink_bucket;
	sink.old_read = sink_old_read;
	sink.old_small = sink_old_small;
	sink.keep = sink_keep;
	sink.arg = (void *)ctx;
	/* s holds every item's text, or (partial) only the changed ones' */
	partial = patch;
	s = search_new(n);
	memset(&run, 0, sizeof(run));
	run.ctx = ctx;
	run.order = order;
	run.keys = keys;
	run.changed = changed;
	run.texts = texts;
	run.n = n;
	run.patch = patch;
	if (patch || ctx->jobs < 2 || n < SPLIT)
		rc = index_numbers(&run, s, 0, n);
	else
		rc = index_halves(&run, s);
	patch = run.patch;
	if (rc == 0 && patch) {
		/* the buckets whose lists the changed numbers change: of
		 * the n-grams their text gained or lost, of their titles,
		 * of their scopes (its unit's name, or it, may be another:
		 * the note does not say) */
		touched = xcalloc(nb, 1);
		memset(&old, 0, sizeof(old));
		for (i = 0; i < nc && patch; i++) {
			const char	*was = "";

			if (!changed[i])
				continue;
			if (i < oldn && ((was = old_text(ctx, &old,
			    i)) == NULL || old_note(ctx, i, &note) == -1)) {
				patch = 0;
				break;
			}
			search_mark_diff(was, i < n ? texts[i] : "", nb,
			    touched);
			if (i < oldn)
				mark_scopes(note.data + 65, nb, touched);
			if (i < n)
				mark_scopes(site->units[site->items[
				    order[i].item].unit].dir, nb, touched);
		}
		old_texts_free(&old);
		r = patch ? search_patch(s, EXTRA, nb,
		    changed, nc, touched, &sink) : 1;
		if (r == -1)
			rc = -1;
		else if (r == 1)
			patch = 0;
	}
	if (rc == 0 && partial && !patch) {
		/* the patch gave way: the whole index, every text read */
		search_free(s);
		s = search_new(n);
		for (i = 0; i < n; i++)
			if (index_item(ctx, s, i, &site->items[order[i].item],
			    1, NULL, NULL, NULL, NULL) == -1)
				rc = -1;
	}
	if (rc == 0 && !patch && write_index(ctx, s, &sink, n) == -1)
		rc = -1;
	if (rc == 0 && render_page(ctx) == -1)
		rc = -1;
	search_free(s);
	for (i = 0; i < n; i++) {
		free(keys[i]);
		free(texts[i]);
	}
	free(keys);
	free(texts);
	buf_dispose(&note);
	free(changed);
	free(touched);
	free(order);
	return rc;
}
