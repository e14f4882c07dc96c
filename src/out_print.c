/*
 * out_print.c -- print pages: the bulletin-board poster (公开栏) and the
 * assembly handout (村民大会、办事大厅的印刷品) of a unit, each as a
 * PDF for the print shop and as an HTML twin with @page CSS for
 * printing from a browser.
 *
 *   <unit>/print/board.pdf, board.html     level has `board`: the
 *       unit's items in force with `board` in their outputs, grouped by
 *       category in catalogue order, newest first; the paper of the
 *       level (default A3 landscape) and large type;
 *   <unit>/print/handout.pdf, handout.html level has `handout`: an A4
 *       booklet, a cover with the table of contents, then every item
 *       in force with `handout` in full, one item per page run.
 *
 * Every item carries its 索引号, its dates, a QR code of its absolute
 * URL (site.base_url + the percent-encoded page path) and the line
 * "版本 <version> · 审核 <reviewers>" from the published answer
 * (prov.h), the same 版本 as on the item's web page, so a paper copy
 * can be checked against the site; a preview says "版本 预览 · 未经审核".
 * Links in the HTML twins' bodies are absolute URLs of the site (the
 * twins also live in `gongkai print`'s output, which has no site);
 * only the stylesheet is relative, and so the twins' pictures are the
 * site's.  In the PDFs a body's JPEG and PNG pictures are drawn, read
 * through the source (in a gated build, as published): body_pic.
 *
 * The fonts are loaded once per run, and only if some unit needs a
 * PDF.  Output depends only on the model, ctx->today and the options.
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <signal.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bodycache.h"
#include "buf.h"
#include "cachedir.h"
#include "cfg.h"
#include "diag.h"
#include "esc.h"
#include "fsout.h"
#include "glyphs.h"
#include "item.h"
#include "md.h"
#include "memo.h"
#include "out.h"
#include "page.h"
#include "pdf.h"
#include "pdf_font.h"
#include "plan.h"
#include "prov.h"
#include "qr.h"
#include "site.h"
#include "source.h"
#include "strmap.h"
#include "theme.h"
#include "tmpl.h"
#include "util.h"
#include "val.h"
#include "workday.h"

#define FOOTER_FMT	"第 %d 页 共 %d 页"
#define QR_BOARD_MM	30	/* QR side on a board (A3) */
#define QR_HANDOUT_MM	22	/* QR side in a handout */
#define QR_MODULE_MM	0.45	/* smallest module a phone reads well */

/* The renderer's state for one run. */
struct prn {
	const struct out_ctx	*ctx;	/* what to render, where */
	const struct site	*site;	/* the model */
	const struct config	*cfg;	/* its configuration */
	struct pdf_fonts	*fonts;	/* loaded on first use */
	struct buf		 out;	/* a document's bytes, reused */
	struct buf		 tmp;	/* scratch, reused */
	size_t			*sel;	/* selected items of a unit */
	size_t			 nsel, capsel;
	char			*prog;	/* the program's identity, for
					   cache digests */
	struct qr_memo		*qrs;	/* the codes of unit qrunit */
	size_t			 qrunit;
	int			 rc;	/* -1 once any error was reported */
};

/* One document to make: the board or the handout of a unit. */
struct job {
	size_t		 unit;
	size_t		 nth;		/* of the units with documents */
	int		 handout;	/* 0: board, 1: handout */
};

/* What the link callback of a body needs. */
struct plink {
	const struct prn	*w;
	const struct item	*it;
	const struct item_body	*body;
};

/*
 * Selects the items of unit ui in force with output bit in w->sel, by
 * category in catalogue order and newest first within one.
 */
static size_t
select_items(struct prn *w, size_t ui, unsigned bit)
{
	const struct unit	*u = &w->site->units[ui];
	const struct item	*it;
	size_t			 c, k;

	w->nsel = 0;
	for (c = 0; c < u->catalogue->ncats; c++)
		for (k = 0; k < u->cats[c].nitems; k++) {
			it = &w->site->items[u->cats[c].items[k]];
			if (!(it->outputs & bit) ||
			    item_state(it, w->ctx->today) != ITEM_VALID)
				continue;
			xgrow(&w->sel, &w->capsel, w->nsel + 1,
			    sizeof(*w->sel));
			w->sel[w->nsel++] = u->cats[c].items[k];
		}
	return w->nsel;
}

/* "YYYY-MM-DD" of a day number, "无" for NO_DATE. */
static const char *
iso_day(long d, char out[DATE_BUFSZ])
{
	struct date	dt;

	if (d == NO_DATE)
		return "无";
	date_from_days(d, &dt);
	return date_fmt(out, &dt);
}

/*
 * "版本 <version> · 审核 <names>" of item it: its published version (the
 * same 版本 as on its web page) and the reviewers whose approvals
 * counted; in a preview "版本 预览 · 未经审核" (caller frees).
 */
static char *
prov_line(const struct prn *w, const struct item *it)
{
	const struct prov_file	*f;
	struct buf		 b = BUF_INIT;
	size_t			 i;

	if (!w->ctx->prov->gated)
		return xstrdup("版本 预览 · 未经审核");
	if ((f = prov_find(w->ctx->prov, it->path)) == NULL)
		return xstrdup("版本 未知 · 审核 无");
	buf_printf(&b, "版本 %s · 审核 ", f->version);
	for (i = 0; i < f->napprovals; i++)
		buf_printf(&b, "%s%s", i > 0 ? "、" : "",
		    f->approvals[i].name[0] != '\0' ? f->approvals[i].name :
		    f->approvals[i].reviewer);
	if (f->napprovals == 0)
		buf_puts(&b, "无");
	return buf_detach(&b, NULL);
}

/*
 * The side of the QR code of url: base_mm, or more for a long URL (a
 * unit or item named in Chinese takes nine characters per character
 * once percent-encoded) so that no module is under QR_MODULE_MM.
 */
static double
qr_side(const struct qr *q, double base_mm)
{
	double	 s = base_mm;

	if ((q->width + 2 * QR_QUIET) * QR_MODULE_MM > s)
		s = (q->width + 2 * QR_QUIET) * QR_MODULE_MM;
	return s;
}

/* ------------------------------------------------------ mnode trees */

static struct mnode *
mn(enum mnode_type type, const char *text)
{
	struct mnode	*n = xcalloc(1, sizeof(*n));

	n->type = type;
	n->text = text != NULL ? xstrdup(text) : NULL;
	return n;
}

/* A document of one paragraph of plain text. */
static struct mnode *
mn_para(const char *text)
{
	struct mnode	*d = mn(MN_DOC, NULL);

	d->child = mn(MN_PARA, NULL);
	d->child->child = mn(MN_TEXT, text);
	return d;
}

/* A YAML item's table as a document with one MN_TABLE. */
static struct mnode *
mn_table(const struct item_body *b)
{
	struct mnode	*d = mn(MN_DOC, NULL), *t, *r, **rt, **ct;
	size_t		 i, j;

	t = d->child = mn(MN_TABLE, NULL);
	rt = &t->child;
	for (i = 0; i <= b->nrows; i++) {
		r = *rt = mn(MN_ROW, NULL);
		rt = &r->next;
		r->header = i == 0;
		ct = &r->child;
		for (j = 0; j < b->ncolumns; j++) {
			const char *s = i == 0 ? b->columns[j] :
			    b->rows[i - 1][j];

			*ct = mn(MN_CELL, NULL);
			(*ct)->child = mn(MN_TEXT, s != NULL ? s : "");
			ct = &(*ct)->next;
		}
	}
	return d;
}

/* The provenance line as a paragraph of its own.  Returns 0. */
static int
prov_para(struct pdf *p, const char *line)
{
	struct mnode	*t = mn_para(line);

	pdf_markdown(p, t);
	mnode_free(t);
	return 0;
}

/* ----------------------------------------------------- HTML pieces */

/*
 * md_link_fn for bodies in the twins: a relative link, read against
 * the item's folder, becomes the absolute URL of what it names on the
 * site (site_link_target(), as the web pages).
 */
static int
body_link(void *arg, const char *dest, int line, int col, struct buf *out)
{
	const struct plink	*pl = arg;
	char			*t;
	int			 rc;

	if ((rc = site_link_resolve(pl->w->site, pl->it, pl->body, dest, line,
	    col, &t)) != 0)
		return rc;
	buf_puts(out, pl->w->cfg->base_url);
	esc_url_path(out, t);
	buf_puts(out, dest + strcspn(dest, "#?"));
	free(t);
	return 0;
}

/* The inline SVG of code q of url (caller frees). */
static char *
qr_svg(const struct qr *qp, const char *url)
{
	const struct qr	 q = *qp;
	struct buf	 b = BUF_INIT;
	int		 row, c, c0, side;

	side = q.width + 2 * QR_QUIET;
	buf_printf(&b, "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\""
	    " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"二维码：", side,
	    side);
	esc_attr(&b, url, strlen(url));
	buf_printf(&b, "\" shape-rendering=\"crispEdges\"><rect width=\"%d\" "
	    "height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"", side,
	    side);
	for (row = 0; row < q.width; row++)
		for (c = 0; c < q.width; c++) {
			if (!q.dark[row * q.width + c])
				continue;
			for (c0 = c; c + 1 < q.width &&
			    q.dark[row * q.width + c + 1]; c++)
				;
			/* "M%d %dh%dv1h-%dz", without printf a module */
			buf_putc(&b, 'M');
			buf_putu(&b, (unsigned)(c0 + QR_QUIET), 1);
			buf_putc(&b, ' ');
			buf_putu(&b, (unsigned)(row + QR_QUIET), 1);
			buf_putc(&b, 'h');
			buf_putu(&b, (unsigned)(c - c0 + 1), 1);
			buf_puts(&b, "v1h-");
			buf_putu(&b, (unsigned)(c - c0 + 1), 1);
			buf_putc(&b, 'z');
		}
	buf_puts(&b, "\"/></svg>");
	return buf_detach(&b, NULL);
}

char *
out_print_qr_svg(const char *path, const char *url)
{
	struct qr	 q;
	char		*svg;

	if (qr_encode(path, url, &q) == -1)
		return NULL;
	svg = qr_svg(&q, url);
	qr_dispose(&q);
	return svg;
}

/* page_size with its space as '-' (caller frees). */
static char *
str_page_class(const char *page_size)
{
	char	*s = xstrdup(page_size), *p;

	for (p = s; *p != '\0'; p++)
		if (*p == ' ')
			*p = '-';
	return s;
}

/* The page-wide part of a twin's template data. */
static struct val *
page_val(const struct prn *w, const struct unit *u, const char *rel,
    const char *kind, const char *title, const char *page_size)
{
	struct val	*ctx = val_map(), *uv;
	struct buf	 b = BUF_INIT;
	char		*d = page_cn_day(w->ctx->today);

	page_root(&b, rel);
	val_set(ctx, "root", val_str_own(buf_detach(&b, NULL)));
	val_set_str(ctx, "kind", kind);
	val_set_str(ctx, "title", title);
	val_set_str(ctx, "page_size", page_size);
	/* "A3 landscape" -> "A3-landscape", for the body's paper- class */
	val_set(ctx, "page_class", val_str_own(str_page_class(page_size)));
	val_set_bool(ctx, "preview", w->ctx->preview);
	val_set_ref(ctx, "site_title", w->cfg->title);
	val_set_ref(ctx, "hotline", w->cfg->hotline);
	val_set(ctx, "asof", val_str_own(d));
	page_set_day(ctx, "asof_iso", w->ctx->today);	/* <time datetime> */
	uv = val_set(ctx, "unit", val_map());
	val_set_ref(uv, "name", u->name);
	val_set_str(uv, "phone", u->phone);
	val_set_str(uv, "address", u->address);
	if (w->ctx->version != NULL)
		val_set_str(ctx, "version", w->ctx->version);
	return ctx;
}

/* ------------------------------------------------------- documents */

/* The parts of a document to make (job_render): a part whose group
 * the earlier build holds with the same key is taken over instead. */
#define PART_PDF	1	/* the PDF */
#define PART_TWIN	2	/* its HTML twin */

/* A picture file a document's bodies show (body_pic). */
struct dpic {
	char		*path;	/* repository path, owned */
	int		 num;	/* pdf_picture_add's number, or -1 */
	const char	*why;	/* num -1: why (a static phrase), or NULL:
				   nothing to say (an unreadable file) */
};

/* One document being made: the PDF and the twin's items. */
struct doc {
	struct pdf	*pdf;	/* NULL: no PDF part */
	struct dpic	*pic;	/* the PDF's picture files, each read
				   once */
	size_t		 npic, cappic;
	struct strmap	 picmap; /* their paths -> index in pic */
	struct buf	 note;	/* the PDF group's note: "path\tstamp\t"
				   of each picture file read (pics_same) */
	int		 unstamped; /* 1: one has no stamp, or a path no
				   note can hold: the group keeps no key */
	struct val	*ctx;	/* the twin's template data; NULL: no
				   twin part */
	struct val	*cats;	/* list of {title, items} (board) */
	struct val	*items;	/* current items list */
	int		 board;	/* 1: board, 0: handout */
	char		*pdfrel; /* where the PDF goes */
	char		*htmlrel; /* where the twin goes */
	const char	*tmpl;	/* the twin's template */
};

/* What the picture callback of a body needs. */
struct ppic {
	struct prn		*w;
	struct doc		*d;
	const struct item	*it;
	const struct item_body	*body;
	int			 say;	/* 1: say why a picture is not drawn
					   (the item's first document) */
	int			 rc;	/* -1 once a file could not be read */
};

/*
 * Notes picture file path, read for document d, in the PDF group's
 * note with what names its bytes (source_stamp): the next build takes
 * the PDF over only if every one is the same (pics_same).  The key of
 * the group does not cover them: memo_site knows an attachment by its
 * size alone.
 */
static void
pic_note(struct prn *w, struct doc *d, const char *path)
{
	const struct src_entry	*e = source_entry(w->ctx->src, path);
	char			 stamp[160];

	if (e == NULL || strpbrk(path, "\t\n") != NULL ||
	    source_stamp(w->ctx->src, e, stamp, sizeof(stamp)) == -1 ||
	    strpbrk(stamp, "\t\n") != NULL) {
		d->unstamped = 1;
		return;
	}
	buf_printf(&d->note, "%s\t%s\t", path, stamp);
}

/*
 * 1 if every picture file in note (a PDF group's, pic_note) is still
 * what it was, by its stamp; else 0: the PDF is made again.
 */
static int
pics_same(const struct prn *w, const char *note)
{
	const struct src_entry	*e;
	const char		*p = note, *t, *u;
	char			*path, stamp[160];
	int			 same = 1;

	while (same && *p != '\0') {
		if ((t = strchr(p, '\t')) == NULL ||
		    (u = strchr(t + 1, '\t')) == NULL)
			return 0;
		path = xstrndup(p, (size_t)(t - p));
		e = source_entry(w->ctx->src, path);
		same = e != NULL && source_stamp(w->ctx->src, e, stamp,
		    sizeof(stamp)) == 0 && strlen(stamp) == (size_t)(u -
		    t - 1) && memcmp(stamp, t + 1, (size_t)(u - t - 1)) == 0;
		free(path);
		p = u + 1;
	}
	return same;
}

/*
 * pdf_pic_fn of a body in the PDF: a destination that names a file of
 * the site (an attachment, published: what a gated build reads is the
 * published bytes) gives its picture, read and decoded once a
 * document.  Anything else is text: an address elsewhere is not
 * fetched, and a destination that names nothing the twin's link and
 * check report.  A file print cannot draw is said, with why, where
 * its item uses it.
 */
static int
body_pic(void *arg, const char *dest, int line, int col)
{
	struct ppic		*pp = arg;
	struct prn		*w = pp->w;
	struct doc		*d = pp->d;
	struct buf		 path = BUF_INIT, bytes = BUF_INIT;
	struct dpic		*dp;
	const char		*q;
	size_t			 n = strcspn(dest, "#?"), i;
	int			 r;

	for (q = dest; q < dest + n && *q != '/' && *q != ':'; q++)
		;
	if (n == 0 || *dest == '/' || *q == ':' ||
	    site_link_path(pp->it, dest, n, &path) == -1 ||
	    !str_prefix(path.data, "content/") ||
	    site_attachment(w->site, path.data) == NO_INDEX) {
		buf_dispose(&path);
		return -1;
	}
	if (!strmap_get(&d->picmap, path.data, &i)) {
		xgrow(&d->pic, &d->cappic, d->npic + 1, sizeof(*d->pic));
		dp = &d->pic[i = d->npic++];
		dp->path = buf_detach(&path, NULL);
		dp->num = -1;
		dp->why = NULL;
		strmap_put(&d->picmap, dp->path, i, NULL);
		pic_note(w, d, dp->path);
		if ((r = source_read(w->ctx->src, dp->path, &bytes)) == -1)
			pp->rc = -1;
		else if (r == 1)
			dp->why = "is not there any more";
		else
			dp->num = pdf_picture_add(d->pdf, bytes.data,
			    bytes.len, &dp->why);
		buf_dispose(&bytes);
	}
	buf_dispose(&path);
	dp = &d->pic[i];
	if (dp->num < 0 && dp->why != NULL && pp->say) {
		line += pp->body->line0;
		diag_warn(pp->it->path, line, site_body_col(pp->body, line,
		    col), "picture '%.*s' %s: boards and handouts show its "
		    "description instead", (int)n, dest, dp->why);
	}
	return dp->num;
}

/*
 * Adds item ii to the document: heading, metadata, provenance, QR
 * code, body and table, in the PDF and in the twin.  nth is its place
 * on the sheet (w->sel[nth] is ii).  Returns 0 or -1.
 */
static int
doc_item(struct prn *w, struct doc *d, size_t ii, size_t nth)
{
	const struct site	*s = w->site;
	const struct item	*it = &s->items[ii];
	const struct unit	*u = &s->units[it->unit];
	const struct category	*cat = &u->catalogue->cats[it->cat];
	struct item_body	 body;
	struct plink		 pl = { w, it, &body };
	struct ppic		 pp = { w, d, it, &body, 0, 0 };
	struct pdf_meta		 meta[8];
	struct mnode		*tree;
	const struct qr		*q;
	struct val		*iv, *l, *r;
	char			 dd[DATE_BUFSZ], dw[DATE_BUFSZ];
	char			*url = NULL, *prov = NULL, *svg, *iri;
	struct md_part		 part;
	char			*idpre = NULL, *name = NULL;
	size_t			 n = 0, i;
	int			 rc = -1;

	memset(&body, 0, sizeof(body));
	if (bodycache_read(w->ctx->body_cache, w->ctx->code, w->ctx->src,
	    it, &body) == -1)
		return -1;
	url = page_url(w->cfg, it->url);
	iri = xasprintf("%s%s", w->cfg->base_url, it->url);
	prov = prov_line(w, it);
	/* one code for the PDF and the twin, and for the unit's next
	 * document in this worker */
	if ((q = qr_memo_get(w->qrs, it->path, url)) == NULL)
		goto out;

	meta[n].label = "索引号";
	meta[n++].value = it->index_no != NULL ? it->index_no : "无";
	meta[n].label = "发布日期";
	meta[n++].value = iso_day(it->date, dd);
	if (!d->board || it->written != NO_DATE) {
		meta[n].label = "成文日期";
		meta[n++].value = iso_day(it->written, dw);
	}
	if (!d->board || it->doc_no != NULL) {
		meta[n].label = "文号";
		meta[n++].value = it->doc_no != NULL ? it->doc_no : "无";
	}
	if (!d->board) {
		meta[n].label = "发布机构";
		meta[n++].value = u->name;
		meta[n].label = "公开类别";
		meta[n++].value = cat->title;
	}

	/* the PDF: the QR code stands where every item begins, on a
	 * board (a narrow column) with the metadata beside it */
	/* what an item's text lacks is said by its first document only
	 * (its board, else its handout), as pictures are */
	pp.say = d->board || !(u->level->outputs & OUT_BOARD) ||
	    !(it->outputs & OUT_BOARD);
	if (d->pdf != NULL && pp.say)
		glyphs_say_lacking(w->fonts, it, &body);
	if (d->pdf != NULL) {
		if (!d->board && nth > 0)
			pdf_page_break(d->pdf);
		pdf_heading(d->pdf, d->board ? 2 : 1, it->title);
		if (d->board)
			pdf_qr_meta(d->pdf, q, meta, n, prov, iri,
			    qr_side(q, QR_BOARD_MM));
		else {
			pdf_meta_table(d->pdf, meta, n);
			prov_para(d->pdf, prov);
			pdf_qr_code(d->pdf, q, iri, qr_side(q,
			    QR_HANDOUT_MM));
		}
		if (body.len > 0) {
			tree = md_tree(body.md, body.len);
			pdf_markdown_pics(d->pdf, tree, d->board ? 3 : 2,
			    body_pic, &pp);
			mnode_free(tree);
			if (pp.rc == -1)
				goto out;
		}
		if (body.ncolumns > 0) {
			tree = mn_table(&body);
			pdf_markdown(d->pdf, tree);
			mnode_free(tree);
		}
	}

	/* the twin */
	if (d->ctx == NULL) {
		rc = 0;
		goto out;
	}
	iv = val_push(d->items, val_map());
	val_set_ref(iv, "title", it->title);
	val_set(iv, "anchor", val_str_own(xasprintf("item-%zu", nth + 1)));
	val_set_ref(iv, "cat_title", cat->title);
	l = val_set(iv, "meta", val_list());
	for (i = 0; i < n; i++) {
		r = val_push(l, val_map());
		val_set_str(r, "label", meta[i].label);
		val_set_str(r, "value", meta[i].value);
	}
	val_set_str(iv, "url", url);
	val_set_str(iv, "provenance", prov);
	svg = qr_svg(q, url);
	val_set(iv, "qr", val_str_own(svg));
	buf_reset(&w->tmp);
	/* the sheet shows every item's body: each its own ids, under its
	 * anchor's name, and its tables, the body's and the YAML one,
	 * scroll on a phone in regions named for the item, by its title
	 * or, for a title an earlier item of the sheet has, by its place
	 * as well (looked for only when there can be a table: a sheet
	 * can hold hundreds) */
	part.idpre = idpre = xasprintf("item-%zu-", nth + 1);
	i = nth;
	if (body.ncolumns > 0 ||
	    (body.len > 0 && memchr(body.md, '|', body.len) != NULL))
		for (i = 0; i < nth && strcmp(s->items[w->sel[i]].title,
		    it->title) != 0; i++)
			;
	part.name = name = i < nth ? xasprintf("%s（第%zu项）", it->title,
	    nth + 1) : xstrdup(it->title);
	rc = body.len > 0 ? md_html(it->path, body.line0, body.md, body.len,
	    d->board ? 4 : 3, MD_TABLE_REGION, &part, body_link, &pl,
	    &w->tmp) : 0;
	if (rc == -1)
		goto out;
	rc = -1;
	val_set_str(iv, "body", w->tmp.data);
	val_set(iv, "table", body.ncolumns > 0 ?
	    page_table(&body, it->title, name, 0) : val_null());
	rc = 0;
out:
	free(idpre);
	free(name);
	free(url);
	free(iri);
	free(prov);
	item_body_dispose(&body);
	return rc;
}

/* Starts a document's PDF; 0, or -1 after a diagnostic. */
static int
doc_pdf(struct prn *w, struct doc *d, const char *rel, const char *paper,
    int landscape, int columns, double body_pt, const char *title,
    const char *author)
{
	struct pdf_opts	 o;

	if (w->fonts == NULL)
		w->fonts = pdf_fonts_new();
	memset(&o, 0, sizeof(o));
	o.paper = paper;
	o.landscape = landscape;
	o.bleed_mm = w->ctx->bleed_mm;
	o.grey = w->ctx->grey;
	o.body_pt = body_pt;
	o.columns = columns;
	o.creation_day = w->ctx->today;
	o.title = title;
	o.author = author;
	o.footer_fmt = FOOTER_FMT;
	return pdf_new(rel, &o, w->fonts, &d->pdf);
}

/* 1 if the bytes in b end with a PDF trailer ("%%EOF" and a newline). */
static int
pdf_whole(const struct buf *b)
{
	size_t	 n = b->len;

	while (n > 0 && (b->data[n - 1] == '\n' || b->data[n - 1] == '\r'))
		n--;
	return n >= 16 && b->len - n <= 2 &&
	    memcmp(b->data + n - 5, "%%EOF", 5) == 0;
}

/*
 * Reads the cached PDF at path into out.  Returns 0, or -1 (nothing
 * useful in out) if it is missing, refused or cut short.
 */
static int
cache_read(const char *path, struct buf *out)
{
	/* a whole PDF ends with its trailer */
	if (cachedir_read(path, out) == -1 || !pdf_whole(out))
		return -1;
	/* used now: an age-based clean-up keeps it */
	utimensat(AT_FDCWD, path, NULL, 0);
	return 0;
}

/*
 * The PDF's bytes in w->out: from the cache when a PDF of the same
 * digest was made before, else made now (and cached).  0 or -1.
 */
static int
doc_pdf_bytes(struct prn *w, struct doc *d)
{
	char	 hex[65], *path = NULL;
	int	 rc = 0;

	if (w->ctx->pdf_cache != NULL) {
		pdf_digest(d->pdf, w->prog, hex);
		path = cachedir_file(w->ctx->pdf_cache, hex, ".pdf");
		if (cache_read(path, &w->out) == 0) {
			free(path);
			return 0;
		}
	}
	buf_reset(&w->out);
	if (pdf_finish(d->pdf, &w->out) == -1)
		rc = -1;
	else if (path != NULL)
		cachedir_write(path, w->out.data, w->out.len);
	free(path);
	return rc;
}

/* Finishes and writes a document's PDF.  0 or -1. */
static int
doc_write_pdf(struct prn *w, struct doc *d)
{
	int	rc = 0;

	if (doc_pdf_bytes(w, d) == -1 || fsout_write(w->ctx->fs, d->pdfrel,
	    w->out.data, w->out.len) == -1)
		rc = -1;
	buf_reset(&w->out);
	return rc;
}

/* Renders and writes a document's twin.  0 or -1. */
static int
doc_write_twin(struct prn *w, struct doc *d)
{
	int	rc = 0;

	if (tmpl_render(w->ctx->tmpl, d->tmpl, d->ctx, &w->out) == -1 ||
	    fsout_write(w->ctx->fs, d->htmlrel, w->out.data, w->out.len) == -1)
		rc = -1;
	buf_reset(&w->out);
	return rc;
}

/* Frees what a document holds and empties it. */
static void
doc_dispose(struct doc *d)
{
	size_t	 i;

	for (i = 0; i < d->npic; i++)
		free(d->pic[i].path);
	free(d->pic);
	strmap_dispose(&d->picmap);
	buf_dispose(&d->note);
	pdf_free(d->pdf);
	val_free(d->ctx);
	free(d->pdfrel);
	free(d->htmlrel);
	memset(d, 0, sizeof(*d));
}

/* Body size on a board: a third larger than the paper's usual, so
 * that A3 sets 16 pt (at least 14 pt asked for reading at a board). */
static double
board_pt(const char *paper)
{
	static const struct {
		const char	*name;
		double		 pt;
	} sizes[] = { { "A4", 13 }, { "A3", 16 }, { "A2", 22 }, { "A1", 30 } };
	size_t	i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (paper != NULL && strcmp(paper, sizes[i].name) == 0)
			return sizes[i].pt;
	return 16;
}

/*
 * The parts (PART_*) of the board of unit ui, <unit>/print/board.pdf
 * and board.html, made into d (doc_dispose frees it).  0 or -1.
 */
static int
render_board(struct prn *w, size_t ui, int parts, struct doc *d)
{
	const struct unit	*u = &w->site->units[ui];
	const struct level	*lv = u->level;
	const char		*paper = lv->paper != NULL ? lv->paper : "A3";
	struct val		*cv = NULL;
	char			*asof, *sub, *title, *size;
	size_t			 i, lastcat = NO_INDEX;
	int			 rc = -1;

	d->board = 1;
	d->pdfrel = xasprintf("%s/print/board.pdf", u->dir);
	d->htmlrel = xasprintf("%s/print/board.html", u->dir);
	d->tmpl = "print-board";
	asof = page_cn_day(w->ctx->today);
	sub = xasprintf("%s截至 %s", w->ctx->preview ?
	    "预览 — 未经审核 · " : "", asof);
	title = xasprintf("%s 信息公开栏", u->name);
	size = xasprintf("%s %s", paper, lv->landscape ? "landscape" :
	    "portrait");
	select_items(w, ui, OUT_BOARD);
	if (parts & PART_PDF) {
		if (doc_pdf(w, d, d->pdfrel, paper, lv->landscape,
		    lv->landscape ? 2 : 1, board_pt(paper),
		    title, u->name) == -1)
			goto out;
		pdf_heading_band(d->pdf, u->name, sub);
		if (w->nsel == 0) {
			struct mnode *t = mn_para("本期暂无公开事项。");

			pdf_markdown(d->pdf, t);
			mnode_free(t);
		}
	}
	if (parts & PART_TWIN) {
		d->ctx = page_val(w, u, d->htmlrel, "board", title, size);
		d->cats = val_set(d->ctx, "cats", val_list());
		val_set_bool(d->ctx, "empty", w->nsel == 0);
	}
	for (i = 0; i < w->nsel; i++) {
		const struct item *it = &w->site->items[w->sel[i]];

		if (it->cat != lastcat) {
			const char *ct = u->catalogue->cats[it->cat].title;

			lastcat = it->cat;
			if (d->pdf != NULL)
				pdf_heading(d->pdf, 1, ct);
			if (d->ctx != NULL) {
				cv = val_push(d->cats, val_map());
				val_set_ref(cv, "title", ct);
				d->items = val_set(cv, "items", val_list());
			}
		}
		if (doc_item(w, d, w->sel[i], i) == -1)
			goto out;
	}
	rc = 0;
out:
	free(asof);
	free(sub);
	free(title);
	free(size);
	return rc;
}

/*
 * The parts (PART_*) of the handout of unit ui, <unit>/print/
 * handout.pdf and handout.html, made into d (doc_dispose frees it).
 * 0 or -1.
 */
static int
render_handout(struct prn *w, size_t ui, int parts, struct doc *d)
{
	const struct unit	*u = &w->site->units[ui];
	struct mnode		*t;
	struct val		*toc = NULL, *e;
	char			*asof, *sub, *title, *intro;
	size_t			 i;
	int			 rc = -1;

	d->pdfrel = xasprintf("%s/print/handout.pdf", u->dir);
	d->htmlrel = xasprintf("%s/print/handout.html", u->dir);
	d->tmpl = "print-handout";
	asof = page_cn_day(w->ctx->today);
	sub = xasprintf("%s信息公开资料 · 截至 %s", w->ctx->preview ?
	    "预览 — 未经审核 · " : "", asof);
	title = xasprintf("%s 信息公开资料", u->name);
	intro = xasprintf("本资料收录%s截至%s公开的事项%zu项，内容与“%s”网站"
	    "一致。每项附二维码，扫码可查看网上原文；“版本”一行可与网站核对。"
	    "咨询、投诉请拨打%s阳光计生服务热线%s%s。", u->name, asof,
	    select_items(w, ui, OUT_HANDOUT), w->cfg->title, w->cfg->hotline,
	    u->phone != NULL ? "或 " : "", u->phone != NULL ? u->phone : "");
	if (parts & PART_PDF) {
		if (doc_pdf(w, d, d->pdfrel, "A4", 0, 1, 0, title,
		    u->name) == -1)
			goto out;
		pdf_heading_band(d->pdf, u->name, sub);
		t = mn_para(intro);
		pdf_markdown(d->pdf, t);
		mnode_free(t);
		pdf_toc(d->pdf, "目录", 1);
		pdf_page_break(d->pdf);
	}
	if (parts & PART_TWIN) {
		d->ctx = page_val(w, u, d->htmlrel, "handout", title,
		    "A4 portrait");
		val_set_str(d->ctx, "intro", intro);
		d->items = val_set(d->ctx, "items", val_list());
		toc = val_set(d->ctx, "toc", val_list());
		val_set_bool(d->ctx, "empty", w->nsel == 0);
	}
	for (i = 0; i < w->nsel; i++) {
		if (toc != NULL) {
			e = val_push(toc, val_map());
			val_set_ref(e, "title",
			    w->site->items[w->sel[i]].title);
			val_set(e, "anchor", val_str_own(xasprintf(
			    "item-%zu", i + 1)));
		}
		if (doc_item(w, d, w->sel[i], i) == -1)
			goto out;
	}
	rc = 0;
out:
	free(asof);
	free(sub);
	free(title);
	free(intro);
	return rc;
}

/*
 * Copies the theme's assets/<name> to the output unless the web
 * renderer already copied the whole assets folder.
 */
int
out_print_asset(const struct out_ctx *ctx, const char *name)
{
	struct buf	 b = BUF_INIT;
	char		*rel;
	int		 rc = -1;

	if (!page_root_mine(ctx))	/* a shard: the root build's */
		return 0;
	rel = xasprintf("assets/%s", name);
	if (fsout_exists(ctx->fs, rel)) {
		free(rel);
		return 0;
	}
	if (theme_asset(ctx->theme, name, &b) == 0)
		rc = fsout_write(ctx->fs, rel, b.data, b.len);
	buf_dispose(&b);
	free(rel);
	return rc;
}

/* The program's identity: version, and size and time of the binary, so
 * that a rebuilt gongkai never takes PDFs an older one cached. */
static char *
prog_id(void)
{
	struct stat	 st;

	if (stat("/proc/self/exe", &st) == -1)
		return xstrdup("gongkai " GONGKAI_VERSION);
	return xasprintf("gongkai %s %lld %lld.%09ld", GONGKAI_VERSION,
	    (long long)st.st_size, (long long)st.st_mtim.tv_sec,
	    (long)st.st_mtim.tv_nsec);
}

/*
 * The key of a part of document j (memo.h): what its unit's pages
 * read, and what only that part reads besides.  The PDF: the fonts
 * (which files, pdf_font_sig) and the print options; the day, the
 * paper (the level's), the program and the QR codes' base URL are in
 * every key already.  The twin: the commit it names (site version),
 * which a new commit changes while the PDF stays.  0 or -1 (no key).
 */
static int
job_key(const struct prn *w, const struct job *j, int part, char key[65])
{
	const char	*kind = j->handout ? "handout" : "board";
	const char	*ex[5];
	char		 bleed[32], grey[8];

	if (part == PART_PDF) {
		snprintf(bleed, sizeof(bleed), "%.17g", w->ctx->bleed_mm);
		snprintf(grey, sizeof(grey), "%d", w->ctx->grey);
		ex[0] = "print pdf";
		ex[1] = kind;
		ex[2] = pdf_font_sig(w->fonts);
		ex[3] = bleed;
		ex[4] = grey;
		return memo_unit_with(w->ctx, j->unit, ex, 5, key);
	}
	ex[0] = "print html";
	ex[1] = kind;
	ex[2] = w->ctx->version;
	return memo_unit_with(w->ctx, j->unit, ex, 3, key);
}

/* Starts the group of a part of document j: "<unit>|board.pdf" and the
 * like; fsout_group_begin's answer (0: to make, as a PDF whose
 * pictures changed). */
static int
job_group(const struct prn *w, const struct job *j, int part)
{
	const char	*note;
	char		*name, key[65];
	int		 r, keyed;

	name = xasprintf("%s|%s.%s", w->site->units[j->unit].dir,
	    j->handout ? "handout" : "board", part == PART_PDF ? "pdf" :
	    "html");
	keyed = job_key(w, j, part, key) == 0;
	/* the PDF's pictures, which its key does not cover: the same
	 * files as when it was made, or it is made again */
	if (keyed && part == PART_PDF &&
	    (note = fsout_old_note(w->ctx->fs, name)) != NULL &&
	    !pics_same(w, note))
		keyed = 0;
	r = fsout_group_begin(w->ctx->fs, name, keyed ? key : NULL);
	free(name);
	return r;
}

/* Makes the parts of document j into d. */
static int
job_render(struct prn *w, const struct job *j, int parts, struct doc *d)
{
	return j->handout ? render_handout(w, j->unit, parts, d) :
	    render_board(w, j->unit, parts, d);
}

/*
 * Makes document j, or takes it over: its PDF and its twin are groups
 * of their own (fsout.h), so that a new commit, which the twin names,
 * lays out no PDF, and new fonts make no twin.  Laying out the PDF
 * walks the items, so the twin is made on the same walk; it is thrown
 * away if its group is then taken over.  What warned is made anew
 * every time, so that it warns every time.
 */
static int
job_run(struct prn *w, const struct job *j)
{
	struct fsout	*fs = w->ctx->fs;
	struct doc	 d;
	unsigned long	 said = diag_said();
	int		 r, rc = 0;

	memset(&d, 0, sizeof(d));
	if (w->qrunit != j->unit) {
		qr_memo_clear(w->qrs);
		w->qrunit = j->unit;
	}
	if ((r = job_group(w, j, PART_PDF)) == -1)
		rc = -1;
	else if (r == 0) {
		rc = job_render(w, j, PART_PDF | PART_TWIN, &d);
		if (rc == 0)
			rc = doc_write_pdf(w, &d);
		if (d.note.len > 0)
			fsout_group_note(fs, d.note.data);
	}
	if (r != 1)
		fsout_group_end(fs, rc == 0 && diag_said() == said &&
		    !d.unstamped);
	if (rc == -1)
		goto out;
	if ((r = job_group(w, j, PART_TWIN)) == -1)
		rc = -1;
	else if (r == 0) {
		if (d.ctx == NULL) {
			doc_dispose(&d);
			rc = job_render(w, j, PART_TWIN, &d);
		}
		if (rc == 0)
			rc = doc_write_twin(w, &d);
	}
	if (r != 1)
		fsout_group_end(fs, rc == 0 && diag_said() == said);
out:
	doc_dispose(&d);
	return rc;
}

/*
 * The worker of the nth unit's documents among n workers: round and
 * round, turning back at the ends (0 1 1 0 0 1 ...), so that units
 * with big documents and small ones spread over the workers.  A unit's
 * board and handout go to the same worker, which encodes its QR codes
 * once for both (qr_memo).
 */
static int
job_worker(size_t nth, int n)
{
	size_t	 k = nth % (2 * (size_t)n);

	return (int)(k < (size_t)n ? k : 2 * (size_t)n - 1 - k);
}

/*
 * From this many PDFs on, a build that makes every one anew (the first,
 * or --full) has the faces made ready for subsetting before the workers
 * fork: a second and 345 MB a face, shared by the workers, for 12 ms
 * less a PDF.  A rebuild lays out few PDFs, if any: not worth either.
 */
#define PREPARE_MIN	256

/* Number of worker processes: as many as the other stages run
 * (plan_cpus: --jobs, $GONGKAI_JOBS, else the CPUs), at most one a
 * job. */
static int
job_count(size_t njobs)
{
	int	n = plan_cpus();

	if ((size_t)n > njobs)
		n = (int)njobs;
	return n < 1 ? 1 : n;
}

/* Makes the jobs of worker k of n (all when n is 1). */
static void
jobs_run(struct prn *w, const struct job *jobs, size_t njobs, int k, int n)
{
	size_t	 i;

	for (i = 0; i < njobs; i++)
		if (n <= 1 || job_worker(jobs[i].nth, n) == k)
			if (job_run(w, &jobs[i]) == -1)
				w->rc = -1;
}

/* What fsout_fork runs in worker k of n. */
struct jobs_arg {
	struct prn		*w;
	const struct job	*jobs;
	size_t			 njobs;
};

static int
jobs_worker(void *arg, int k, int n)
{
	struct jobs_arg	*a = arg;

	jobs_run(a->w, a->jobs, a->njobs, k, n);
	return a->w->rc;
}

int
out_print_render(const struct out_ctx *ctx)
{
	struct prn	 w;
	struct job	*jobs = NULL;
	size_t		 u, nth = 0, njobs = 0, cap = 0;
	unsigned	 o;
	int		 h, n;

	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.site = ctx->site;
	w.cfg = ctx->site->cfg;
	w.qrs = qr_memo_new();
	w.qrunit = (size_t)-1;
	buf_init(&w.out);
	buf_init(&w.tmp);
	for (u = 0; u < w.site->nunits; u++) {
		if (!page_mine(ctx, u))
			continue;
		o = w.site->units[u].level->outputs;
		for (h = 0; h < 2; h++) {
			if (!(o & (h ? OUT_HANDOUT : OUT_BOARD)))
				continue;
			xgrow(&jobs, &cap, njobs + 1, sizeof(*jobs));
			jobs[njobs].unit = u;
			jobs[njobs].nth = nth;
			jobs[njobs++].handout = h;
		}
		if (njobs > 0 && jobs[njobs - 1].unit == u)
			nth++;
	}
	if (njobs > 0) {
		w.prog = prog_id();
		/* loaded once, before any fork */
		w.fonts = pdf_fonts_new();
		if (njobs >= PREPARE_MIN && fsout_fresh(ctx->fs))
			pdf_fonts_prepare(w.fonts);
		struct jobs_arg	 ja = { &w, jobs, njobs };

		n = ctx->jobs > 0 ? (njobs < (size_t)ctx->jobs ? (int)njobs :
		    ctx->jobs) : job_count(njobs);
		/* the model and the fonts are loaded and shared
		 * copy-on-write; each worker writes its documents */
		if (fsout_fork(ctx->fs, "print", n, jobs_worker, &ja) == -1)
			w.rc = -1;
		if (out_print_asset(ctx, "print.css") == -1)
			w.rc = -1;
	}
	if (w.fonts != NULL)
		pdf_fonts_free(w.fonts);
	free(jobs);
	free(w.prog);
	free(w.sel);
	qr_memo_free(w.qrs);
	buf_dispose(&w.out);
	buf_dispose(&w.tmp);
	return w.rc;
}

int
out_print_finish(const struct out_ctx *ctx, struct pdf *pdf, struct buf *out)
{
	char	 hex[65], *path = NULL, *id;
	int	 rc = 0;

	if (ctx->pdf_cache != NULL) {
		id = prog_id();
		pdf_digest(pdf, id, hex);
		free(id);
		path = cachedir_file(ctx->pdf_cache, hex, ".pdf");
		if (cache_read(path, out) == 0) {
			free(path);
			return 0;
		}
	}
	buf_reset(out);
	if (pdf_finish(pdf, out) == -1)
		rc = -1;
	else if (path != NULL)
		cachedir_write(path, out->data, out->len);
	free(path);
	return rc;
}
