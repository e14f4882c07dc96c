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
 * [title, link from search.html, date, unit name, 文号 or ""].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "fsout.h"
#include "item.h"
#include "md.h"
#include "out.h"
#include "page.h"
#include "search.h"
#include "site.h"
#include "val.h"
#include "util.h"
#include "workday.h"

#define CHUNK	16		/* result lines per m/<n>.js */
#define DIR	"assets/search/"
#define STR_(x)	#x
#define STR(x)	STR_(x)

/* One item being indexed. */
struct shown {
	struct search	*s;	/* the index */
	size_t		 id;	/* the item's number */
	struct buf	 text;	/* the block so far */
	struct buf	 folded; /* every block folded, a line each: t/<id>.js */
};

/* Adds one block of the item's text. */
static void
add(struct shown *sh, const char *text, size_t len, int title)
{
	size_t	before = sh->folded.len;

	search_add_text(sh->s, sh->id, text, len, title);
	search_fold_utf8(text, len, &sh->folded);
	if (sh->folded.len > before)
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

/* Indexes item it as number id; appends its result line to meta. */
static int
index_item(const struct out_ctx *ctx, struct search *s, size_t id,
    const struct item *it, struct buf *meta)
{
	const struct site	*site = ctx->site;
	struct shown		 sh;
	struct item_body	 body;
	size_t			 i, j, u;
	int			 line = 0, rc = 0;
	char			*href, day[DATE_BUFSZ], name[32];
	struct date		 dt;

	memset(&body, 0, sizeof(body));
	sh.s = s;
	sh.id = id;
	buf_init(&sh.text);
	buf_init(&sh.folded);
	add(&sh, it->title, strlen(it->title), 1);
	if (it->doc_no != NULL)
		add(&sh, it->doc_no, strlen(it->doc_no), 0);
	if (it->index_no != NULL)
		add(&sh, it->index_no, strlen(it->index_no), 0);
	if (item_body_read(ctx->src, it, &body) == -1)
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
	buf_dispose(&sh.text);

	/* the folded text, for the page to check a long query */
	buf_reset(&sh.text);
	buf_printf(&sh.text, "gkSearchPart(\"t/%zu\",", id);
	if (sh.folded.len > 0)
		sh.folded.data[--sh.folded.len] = '\0';
	search_json_str(&sh.text, sh.folded.data);
	buf_puts(&sh.text, ");\n");
	snprintf(name, sizeof(name), "t/%zu.js", id);
	if (put_file((void *)ctx, name, sh.text.data, sh.text.len) == -1)
		rc = -1;
	buf_dispose(&sh.text);
	buf_dispose(&sh.folded);

	for (u = it->unit; u != NO_INDEX; u = site->units[u].parent)
		search_add_scope(s, id, site->units[u].dir,
		    site->units[u].name);

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
	struct buf		 meta = BUF_INIT;
	struct rank		*order;
	size_t			 n = 0, i, c, k;
	int			 rc = 0;

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

	s = search_new(n);
	for (i = 0; i < n; i++) {
		if (index_item(ctx, s, i, &site->items[order[i].item], &meta) == -1)
			rc = -1;
		if ((i + 1) % CHUNK == 0 || i + 1 == n)
			if (put_meta(ctx, i / CHUNK, &meta) == -1)
				rc = -1;
	}
	if (rc == 0 && search_write(s, "\"chunk\":" STR(CHUNK), put_file,
	    (void *)ctx) == -1)
		rc = -1;
	if (rc == 0 && render_page(ctx) == -1)
		rc = -1;
	search_free(s);
	buf_dispose(&meta);
	free(order);
	return rc;
}
