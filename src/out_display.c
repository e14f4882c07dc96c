/*
 * out_display.c -- electronic displays (电子显示屏) of townships and
 * service agencies: for every unit whose level has `display`,
 *
 *   <unit>/display/index.html       a full-screen slideshow of the
 *       unit's newest items in force with `display` in their outputs,
 *       one per slide for the level's display_interval seconds, in
 *       large high-contrast type.  It needs no script: a CSS animation
 *       generated for the number of slides cycles them, and without
 *       CSS the slides read as a plain list.  It loads nothing but the
 *       site's own stylesheet, its cycle.css and display.js, which
 *       reloads it hourly (at the end of a cycle) to pick up a new
 *       build, put off while someone uses the page; without script, a
 *       <noscript> <meta> refresh after more than 20 hours (a sooner
 *       one nobody can put off fails WCAG 2.2.1).
 *       A slide shows the item's summary and, when the item has a table
 *       (a YAML item's, or else the first of its Markdown body, not
 *       inside a list or quotation), that table's first rows as a table,
 *       the summary then being the text before it: flattened into the
 *       summary, the cells of a table of figures read as one run of
 *       numbers;
 *   <unit>/display/cycle.css          that animation, a file and not
 *       an inline style, for the pages' Content-Security-Policy;
 *   <unit>/display/ticker.txt        one line per slide,
 *       "【category】title（YYYY-MM-DD）", UTF-8, for LED marquees;
 *   <unit>/display/ticker.gb18030.txt the same in GB18030 (iconv),
 *       which most marquee controllers expect.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bodycache.h"
#include "buf.h"
#include "cfg.h"
#include "diag.h"
#include "esc.h"
#include "fsout.h"
#include "item.h"
#include "md.h"
#include "out.h"
#include "page.h"
#include "site.h"
#include "source.h"
#include "tmpl.h"
#include "util.h"
#include "val.h"
#include "workday.h"

#define SLIDES_MAX	12	/* newest items on a display */
#define RELOAD_SECS	3600	/* display.js reloads the page about this
				   often, unless someone uses it */
#define SLIDE_ROWS	5	/* a table's rows on a slide: what a
				   1024x768 screen shows of one with a
				   line of text above it */
#define SLIDE_WIDE	5	/* a table of more columns than this is
				   set smaller, its cells wrapping more */
#define SLIDE_ROWS_WIDE	3	/* and shows this many rows */
#define SLIDE_COLS	6	/* a table's columns on a slide: ten
				   columns of figures squeeze its names
				   into columns one character wide */
#define RELOAD_SECS_NOSCRIPT 72000	/* without script, a <meta>
				   refresh: only after more than 20 hours, as
				   WCAG 2.2.1 allows a time limit no one can
				   put off (and axe's meta-refresh) */

/*
 * The newest (at most SLIDES_MAX) items of unit u in force with
 * `display`, newest first, ties by path, into out; returns how many.
 */
static size_t
newest(const struct out_ctx *ctx, const struct unit *u, size_t *out)
{
	const struct item	*items = ctx->site->items, *it;
	size_t			 c, k, n = 0, j;

	for (c = 0; c < u->catalogue->ncats; c++)
		for (k = 0; k < u->cats[c].nitems; k++) {
			size_t ii = u->cats[c].items[k];

			it = &items[ii];
			if (!(it->outputs & OUT_DISPLAY) ||
			    item_state(it, ctx->today) != ITEM_VALID)
				continue;
			/* insertion into the sorted prefix */
			for (j = n; j > 0; j--) {
				const struct item *o = &items[out[j - 1]];

				if (o->date > it->date || (o->date ==
				    it->date && out[j - 1] < ii))
					break;
				if (j < SLIDES_MAX)
					out[j] = out[j - 1];
			}
			if (j < SLIDES_MAX)
				out[j] = ii;
			if (n < SLIDES_MAX)
				n++;
		}
	return n;
}

/* Appends s with control characters dropped (one ticker line). */
static void
put_line_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x20 && *s != 0x7f)
			buf_putc(b, *s);
}

/*
 * Converts the UTF-8 text in in to GB18030, appending to out.  Returns
 * 0, or -1 after reporting against path.
 */
static int
to_gb18030(const char *path, const struct buf *in, struct buf *out)
{
	iconv_t	 cd;
	char	*ip = in->data, *op;
	size_t	 il = in->len, ol, done;
	int	 rc = 0;

	if ((cd = iconv_open("GB18030", "UTF-8")) == (iconv_t)-1) {
		diag_error(path, 0, 0, "cannot convert to GB18030: %s",
		    strerror(errno));
		return -1;
	}
	while (il > 0) {
		buf_grow(out, il * 2 + 16);
		op = out->data + out->len;
		ol = out->cap - out->len - 1;
		done = ol;
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 &&
		    errno != E2BIG) {
			diag_error(path, 0, 0, "cannot convert to GB18030: %s",
			    strerror(errno));
			rc = -1;
			break;
		}
		out->len += done - ol;
		out->data[out->len] = '\0';
	}
	iconv_close(cd);
	return rc;
}

/*
 * The class of a slide's title by its length in characters, for
 * display.css to set it smaller: at the full size a line holds about
 * 22 Chinese characters, and a title of more than two lines pushed the
 * date, index number and QR code's caption off a 16:9 screen.  NULL:
 * the full size.
 */
static const char *
title_size(const char *t)
{
	size_t	chars = 0;

	for (; *t != '\0'; t++)
		chars += ((unsigned char)*t & 0xc0) != 0x80;
	return chars > 90 ? "longer" : chars > 44 ? "long" : NULL;
}

/*
 * Appends the text n shows, as md_text does (a line end between
 * blocks, a space for a soft break), but without the notes: what is
 * inside a table's cell, or the paragraphs before a table.
 */
static void
tree_text(const struct mnode *n, struct buf *out)
{
	const struct mnode	*c;

	switch (n->type) {
	case MN_TEXT:
	case MN_CODE:
	case MN_CODE_BLOCK:
		buf_puts(out, n->text != NULL ? n->text : "");
		break;
	case MN_SOFTBREAK:
		buf_putc(out, ' ');
		break;
	case MN_LINEBREAK:
		buf_putc(out, '\n');
		break;
	case MN_FOOTNOTE_REF:
	case MN_FOOTNOTE_DEF:
		break;
	default:
		for (c = n->child; c != NULL; c = c->next)
			tree_text(c, out);
		break;
	}
	switch (n->type) {
	case MN_PARA:
	case MN_HEADING:
	case MN_ITEM:
	case MN_CODE_BLOCK:
	case MN_ROW:
		buf_putc(out, '\n');
		break;
	case MN_CELL:
		buf_putc(out, ' ');
		break;
	default:
		break;
	}
}

/* The text of n with its whitespace folded to single spaces and
 * trimmed: one cell of a slide's table (caller frees). */
static char *
cell_text(const struct mnode *n)
{
	struct buf	 raw = BUF_INIT, b = BUF_INIT;
	const char	*s;
	int		 space = 0;

	tree_text(n, &raw);
	for (s = raw.data; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t') {
			space = 1;
			continue;
		}
		if (space && b.len > 0)
			buf_putc(&b, ' ');
		space = 0;
		buf_putc(&b, *s);
	}
	buf_dispose(&raw);
	return buf_detach(&b, NULL);
}

/*
 * The template data of a slide's table: {head (1 if it has a header
 * row), columns, rows [{cells}] (the first SLIDE_ROWS rows, or
 * SLIDE_ROWS_WIDE if wide, of the first SLIDE_COLS columns), cut (1 if
 * some are left out), nrows and ncols (how many the table has), wide
 * (more than SLIDE_WIDE columns shown)}, of a table of ncols columns
 * with header head (ncols strings, or NULL for none) and
 * nrows rows, cell(arg, i, j) giving the text of row i's cell j (NULL:
 * empty; the caller frees it).  Caller owns the result.
 */
static struct val *
slide_table(char **head, size_t ncols, size_t nrows,
    char *(*cell)(void *, size_t, size_t), void *arg)
{
	struct val	*tv = val_map(), *l, *r;
	size_t		 i, j, shown, most, cols;
	char		*t;

	most = ncols > SLIDE_WIDE ? SLIDE_ROWS_WIDE : SLIDE_ROWS;
	shown = nrows < most ? nrows : most;
	cols = ncols < SLIDE_COLS ? ncols : SLIDE_COLS;

	val_set_bool(tv, "head", head != NULL);
	l = val_set(tv, "columns", val_list());
	for (j = 0; head != NULL && j < cols; j++)
		val_push(l, val_str(head[j] != NULL ? head[j] : ""));
	l = val_set(tv, "rows", val_list());
	for (i = 0; i < shown; i++) {
		r = val_set(val_push(l, val_map()), "cells", val_list());
		for (j = 0; j < cols; j++) {
			t = cell(arg, i, j);
			val_push(r, val_str(t != NULL ? t : ""));
			free(t);
		}
	}
	val_set_bool(tv, "cut", nrows > shown || ncols > cols);
	val_set_num(tv, "nrows", (double)nrows);
	val_set_num(tv, "ncols", (double)ncols);
	val_set_bool(tv, "wide", cols > SLIDE_WIDE);
	return tv;
}

/* slide_table's cell of a YAML item's table (arg: its item_body) */
static char *
yaml_cell(void *arg, size_t i, size_t j)
{
	const struct item_body	*b = arg;

	return b->rows[i][j] != NULL ? xstrdup(b->rows[i][j]) : NULL;
}

/* A Markdown table's body rows and their number of columns, for
 * md_cell. */
struct md_rows {
	const struct mnode	**rows;	/* the rows below the header */
	size_t			  nrows;
	size_t			  ncols;
};

/* slide_table's cell of a Markdown table (arg: its md_rows); a row
 * short of cells has empty ones */
static char *
md_cell(void *arg, size_t i, size_t j)
{
	const struct md_rows	*m = arg;
	const struct mnode	*c = m->rows[i]->child;

	for (; c != NULL && j > 0; j--)
		c = c->next;
	return c != NULL ? cell_text(c) : NULL;
}

/*
 * The slide's table of Markdown table t, for slide_table: its header
 * row, if it shows any text, becomes the columns.
 */
static struct val *
md_table(const struct mnode *t)
{
	const struct mnode	*r, *c;
	struct md_rows		 m = { NULL, 0, 0 };
	char			**head = NULL;
	size_t			 n, j, cap = 0;
	int			 any = 0;
	struct val		*tv;

	for (r = t->child; r != NULL; r = r->next) {
		for (n = 0, c = r->child; c != NULL; c = c->next)
			n++;
		if (n > m.ncols)
			m.ncols = n;
	}
	r = t->child;
	if (r != NULL && r->header) {
		head = xcalloc(m.ncols + 1, sizeof(*head));
		for (j = 0, c = r->child; c != NULL; c = c->next, j++) {
			head[j] = cell_text(c);
			any |= head[j][0] != '\0';
		}
		r = r->next;
	}
	for (; r != NULL; r = r->next) {
		xgrow(&m.rows, &cap, m.nrows + 1, sizeof(*m.rows));
		m.rows[m.nrows++] = r;
	}
	tv = slide_table(any ? head : NULL, m.ncols, m.nrows, md_cell, &m);
	for (j = 0; head != NULL && j < m.ncols; j++)
		free(head[j]);
	free(head);
	free(m.rows);
	return tv;
}

/*
 * Sets sv's summary and table from item it and its body: the summary
 * is the item's own if it has one, else that of the body's text (with
 * a Markdown table, only the text before it).
 */
static void
slide_body(const struct item *it, const struct item_body *body,
    struct val *sv, struct buf *tmp)
{
	struct mnode		*doc = NULL;
	const struct mnode	*b, *t = NULL;
	struct buf		 text = BUF_INIT;

	if (body->ncolumns > 0)
		val_set(sv, "table", slide_table(body->columns,
		    body->ncolumns, body->nrows, yaml_cell, (void *)body));
	else {
		doc = md_tree(body->md, body->len);
		for (t = doc->child; t != NULL && t->type != MN_TABLE;
		    t = t->next)
			;
		val_set(sv, "table", t != NULL ? md_table(t) : val_null());
	}
	buf_reset(tmp);
	if (it->summary != NULL)
		page_summary(it->summary, tmp);
	else {
		if (t != NULL)
			for (b = doc->child; b != t; b = b->next)
				tree_text(b, &text);
		else
			md_text(body->md, body->len, &text);
		page_summary(text.data, tmp);
	}
	if (tmp->len > 0)
		val_set_str(sv, "summary", tmp->data);
	else
		val_set(sv, "summary", val_null());
	buf_dispose(&text);
	if (doc != NULL)
		mnode_free(doc);
}

/* The CSS that cycles n slides of secs seconds each (caller frees). */
static char *
cycle_css(size_t n, int secs)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	if (n < 2)
		return xstrdup("");
	buf_printf(&b, "@keyframes gk-cycle{0%%{visibility:visible}"
	    "%.4f%%{visibility:hidden}100%%{visibility:hidden}}\n"
	    ".slide{animation:gk-cycle %zus step-end infinite}\n"
	    ".slide .bar{animation:gk-bar %ds linear infinite}\n",
	    100.0 / (double)n, n * (size_t)secs, secs);
	for (i = 1; i < n; i++)
		buf_printf(&b, ".slide:nth-child(%zu),"
		    ".slide:nth-child(%zu) .bar{animation-delay:%zus}\n",
		    i + 1, i + 1, i * (size_t)secs);
	return buf_detach(&b, NULL);
}

static int
render_display(const struct out_ctx *ctx, size_t ui, struct buf *page,
    struct buf *tmp)
{
	const struct site	*s = ctx->site;
	const struct unit	*u = &s->units[ui];
	const struct config	*cfg = s->cfg;
	size_t			 sel[SLIDES_MAX], n, i;
	struct val		*root, *slides, *sv, *uv;
	struct buf		 ticker = BUF_INIT, gb = BUF_INIT;
	struct item_body	 body;
	char			 day[DATE_BUFSZ];
	char			*rel, *trel, *grel, *crel, *url, *css;
	int			 secs = u->level->display_interval > 0 ?
				    u->level->display_interval : 10;
	int			 rc = -1;
	size_t			 cycle;
	struct date		 dt;

	rel = xasprintf("%s/display/index.html", u->dir);
	trel = xasprintf("%s/display/ticker.txt", u->dir);
	grel = xasprintf("%s/display/ticker.gb18030.txt", u->dir);
	crel = xasprintf("%s/display/cycle.css", u->dir);
	n = newest(ctx, u, sel);

	root = val_map();
	buf_reset(tmp);
	page_root(tmp, rel);
	val_set_str(root, "root", tmp->data);
	val_set_ref(root, "site_title", cfg->title);
	val_set_ref(root, "hotline", cfg->hotline);
	val_set_bool(root, "preview", ctx->preview);
	uv = val_set(root, "unit", val_map());
	val_set_ref(uv, "name", u->name);
	val_set_str(uv, "phone", u->phone);
	val_set_num(root, "interval", secs);
	val_set_num(root, "count", (double)n);
	val_set_bool(root, "empty", n == 0);
	cycle = n > 0 ? n * (size_t)secs : (size_t)secs;
	val_set_num(root, "reload", (double)(cycle *
	    ((RELOAD_SECS + cycle - 1) / cycle)));
	val_set_num(root, "reload_noscript", (double)(cycle *
	    (RELOAD_SECS_NOSCRIPT / cycle + 1)));
	css = cycle_css(n, secs);
	val_set(root, "asof", val_str_own(page_cn_day(ctx->today)));
	slides = val_set(root, "slides", val_list());
	for (i = 0; i < n; i++) {
		const struct item	*it = &s->items[sel[i]];
		const char		*ct = u->catalogue->cats[it->cat].title;

		date_from_days(it->date, &dt);
		date_fmt(day, &dt);
		sv = val_push(slides, val_map());
		val_set_num(sv, "n", (double)(i + 1));
		val_set_num(sv, "of", (double)n);
		val_set_ref(sv, "cat_title", ct);
		val_set_ref(sv, "title", it->title);
		val_set_ref(sv, "title_size", title_size(it->title));
		val_set_str(sv, "date", day);
		val_set_str(sv, "index_no", it->index_no);
		memset(&body, 0, sizeof(body));
		if (bodycache_read(ctx->body_cache, ctx->code, ctx->src, it,
		    &body) == -1) {
			val_free(root);
			goto out;
		}
		slide_body(it, &body, sv, tmp);
		item_body_dispose(&body);
		url = page_url(cfg, it->url);
		val_set_str(sv, "url", url);
		val_set(sv, "qr", val_str(""));
		{
			char *svg = out_print_qr_svg(it->path, url);

			if (svg != NULL)
				val_set(sv, "qr", val_str_own(svg));
		}
		free(url);

		buf_puts(&ticker, "【");
		put_line_text(&ticker, ct);
		buf_puts(&ticker, "】");
		put_line_text(&ticker, it->title);
		buf_printf(&ticker, "（%s）\n", day);
	}
	buf_reset(page);
	if (tmpl_render(ctx->tmpl, "display", root, page) == -1) {
		val_free(root);
		goto out;
	}
	val_free(root);
	if (fsout_write(ctx->fs, rel, page->data, page->len) == -1 ||
	    fsout_write(ctx->fs, crel, css, strlen(css)) == -1 ||
	    fsout_write(ctx->fs, trel, ticker.data, ticker.len) == -1 ||
	    to_gb18030(trel, &ticker, &gb) == -1 ||
	    fsout_write(ctx->fs, grel, gb.data, gb.len) == -1)
		goto out;
	rc = 0;
out:
	buf_dispose(&ticker);
	buf_dispose(&gb);
	free(rel);
	free(trel);
	free(grel);
	free(crel);
	free(css);
	return rc;
}

int
out_display_render(const struct out_ctx *ctx)
{
	struct buf	page = BUF_INIT, tmp = BUF_INIT;
	size_t		u;
	int		rc = 0, any = 0;

	for (u = 0; u < ctx->site->nunits; u++) {
		if (!page_mine(ctx, u) ||
		    !(ctx->site->units[u].level->outputs & OUT_DISPLAY))
			continue;
		any = 1;
		if (render_display(ctx, u, &page, &tmp) == -1)
			rc = -1;
	}
	if (any && (out_print_asset(ctx, "display.css") == -1 ||
	    out_print_asset(ctx, "display.js") == -1))
		rc = -1;
	buf_dispose(&page);
	buf_dispose(&tmp);
	return rc;
}
