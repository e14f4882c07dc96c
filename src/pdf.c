/*
 * pdf.c -- the public calls of pdf.h: options and page geometry, the
 * content calls that record blocks (pdf_doc.h), the digest, and
 * pdf_finish(), which runs the layout (pdf_layout.h) once to measure
 * and once to draw on a canvas (pdf_draw.h).  No Pango or cairo here.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "pdf.h"
#include "pdf_doc.h"
#include "pdf_font.h"
#include "pdf_layout.h"
#include "pdf_md.h"
#include "pdf_pic.h"
#include "pdf_sum.h"
#include "qr.h"
#include "util.h"

/* ------------------------------------------------------------- document */

struct paper {
	const char	*name;
	double		 w, h;		/* portrait, mm */
	double		 margin;	/* mm */
	double		 body;		/* default body size, pt */
};

static const struct paper papers[] = {
	{ "A4", 210, 297, 15, 11 },
	{ "A3", 297, 420, 18, 14 },
	{ "A2", 420, 594, 24, 19 },
	{ "A1", 594, 841, 30, 26 },
};

/* 1 if fmt has only "%d" (at most twice) and "%%" conversions. */
static int
footer_ok(const char *fmt)
{
	int	 n = 0;

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%')
			continue;
		fmt++;
		if (*fmt == 'd')
			n++;
		else if (*fmt != '%')
			return 0;
	}
	return n <= 2;
}

static void
colours_set(struct colours *c, int grey)
{
	c->text = 0;
	c->muted = 0.35;
	c->rule = 0.55;
	c->shade = 0.9;
	c->code = 0.95;
	if (grey) {
		c->band[0] = c->band[1] = c->band[2] = 0.2;
		c->head[0] = c->head[1] = c->head[2] = 0;
		c->link = NULL;
	} else {
		c->band[0] = 0.66; c->band[1] = 0.09; c->band[2] = 0.09;
		c->head[0] = 0.55; c->head[1] = 0.05; c->head[2] = 0.05;
		c->link = "#17407f";
	}
}

int
pdf_new(const char *path, const struct pdf_opts *o, struct pdf_fonts *f,
    struct pdf **out)
{
	const struct paper	*pp = NULL;
	const char		*name = o->paper ? o->paper : "A4";
	struct pdf		*p;
	double			 w, h;
	size_t			 i;

	*out = NULL;
	for (i = 0; i < sizeof(papers) / sizeof(papers[0]); i++)
		if (strcasecmp(papers[i].name, name) == 0)
			pp = &papers[i];
	if (pp == NULL) {
		diag_error(path, 0, 0, "unknown paper size '%s'", name);
		return -1;
	}
	if (!(o->bleed_mm >= 0 && o->bleed_mm <= 20)) {
		diag_error(path, 0, 0, "bleed '%g' mm is not between 0 and 20",
		    o->bleed_mm);
		return -1;
	}
	if (!(o->body_pt == 0 || (o->body_pt >= 4 && o->body_pt <= 96))) {
		diag_error(path, 0, 0, "body size '%g' pt is not between 4 "
		    "and 96", o->body_pt);
		return -1;
	}
	if (o->footer_fmt != NULL && !footer_ok(o->footer_fmt)) {
		diag_error(path, 0, 0, "footer format '%s' may only use %%d "
		    "twice and %%%%", o->footer_fmt);
		return -1;
	}
	p = xcalloc(1, sizeof(*p));
	p->path = xstrdup(path);
	p->f = f;
	p->title = o->title ? xstrdup(o->title) : NULL;
	p->author = o->author ? xstrdup(o->author) : NULL;
	p->footer = o->footer_fmt ? xstrdup(o->footer_fmt) : NULL;
	p->day = o->creation_day;
	p->grey = o->grey;
	colours_set(&p->col, o->grey);
	w = (o->landscape ? pp->h : pp->w) * MM;
	h = (o->landscape ? pp->w : pp->h) * MM;
	p->bleed = o->bleed_mm * MM;
	p->W = w + 2 * p->bleed;
	p->H = h + 2 * p->bleed;
	p->margin = pp->margin * MM;
	p->body = o->body_pt > 0 ? o->body_pt : pp->body;
	p->line = p->body * 1.45;
	p->gx0 = p->x0 = p->bleed + p->margin;
	p->gx1 = p->x1 = p->W - p->bleed - p->margin;
	p->ncols = o->columns > 1 ? o->columns : 1;
	p->gap = p->margin;
	if (p->ncols > 1)
		p->x1 = p->x0 + (p->gx1 - p->gx0 - (p->ncols - 1) * p->gap) /
		    p->ncols;
	p->ytop = p->bleed + p->margin;
	p->ybot = p->H - p->bleed - p->margin;
	if (p->footer != NULL)
		p->ybot -= p->line;
	*out = p;
	return 0;
}

struct table *
pdf_table_new(size_t nrows, size_t ncols)
{
	struct table	*t = xcalloc(1, sizeof(*t));

	t->nrows = nrows;
	t->ncols = ncols;
	t->cell = xcalloc(nrows * ncols, sizeof(char *));
	t->align = xcalloc(ncols, 1);
	t->shade = xcalloc(nrows * ncols, 1);
	return t;
}

void
pdf_table_free(struct table *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
	free(t->align);
	free(t->shade);
	free(t);
}

void
pdf_free(struct pdf *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	pdf_layout_forget(p);
	for (i = 0; i < p->nb; i++) {
		free(p->b[i].markup);
		free(p->b[i].markup2);
		free(p->b[i].alt);
		pdf_table_free(p->b[i].tab);
		pchart_free(p->b[i].chart);
		qr_dispose(&p->b[i].qr);
	}
	for (i = 0; i < p->npics; i++)
		pic_free(p->pics[i]);
	free(p->pics);
	free(p->b);
	free(p->toc);
	free(p->path);
	free(p->title);
	free(p->author);
	free(p->footer);
	free(p);
}

struct blk *
pdf_blk_add(struct pdf *p, enum blk_kind kind)
{
	struct blk	*b;

	xgrow(&p->b, &p->capb, p->nb + 1, sizeof(*p->b));
	b = &p->b[p->nb++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->toc = -1;
	return b;
}

void
pdf_markup(struct buf *b, const char *s)
{
	/* Pango markup is XML: the same five characters, and no
	 * control characters, which XML cannot carry at all. */
	esc_xml(b, s, strlen(s));
}

char *
pdf_markup_dup(const char *s)
{
	struct buf	 b = BUF_INIT;

	pdf_markup(&b, s);
	return buf_detach(&b, NULL);
}

double
pdf_head_size(const struct pdf *p, int level)
{
	static const double	 k[] = { 1.7, 1.4, 1.2, 1.08, 1.0, 1.0 };

	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	return p->body * k[level - 1];
}

struct blk *
pdf_head_add(struct pdf *p, int level, char *markup, double indent)
{
	struct blk	*b = pdf_blk_add(p, B_TEXT);
	double		 s = pdf_head_size(p, level);

	b->markup = markup;
	b->level = level < 1 ? 1 : level > 6 ? 6 : level;
	b->font = level <= 2 ? PDF_HEAD : PDF_BODY;
	b->bold = 1;
	b->size = s;
	b->before = s * (level <= 1 ? 1.0 : 0.8);
	b->after = s * 0.4;
	b->indent = indent;
	return b;
}

/* ------------------------------------------------------- content calls */

void
pdf_heading_band(struct pdf *p, const char *title, const char *subtitle)
{
	struct blk	*b = pdf_blk_add(p, B_BAND);

	b->markup = pdf_markup_dup(title);
	b->markup2 = subtitle ? pdf_markup_dup(subtitle) : NULL;
}

void
pdf_heading(struct pdf *p, int level, const char *text)
{
	pdf_head_add(p, level, pdf_markup_dup(text), 0);
}

void
pdf_toc(struct pdf *p, const char *title, int depth)
{
	struct blk	*b;

	if (p->has_toc)
		return;
	p->has_toc = 1;
	b = pdf_blk_add(p, B_TOC);
	b->markup = pdf_markup_dup(title);
	b->level = depth < 1 ? 1 : depth;
}

void
pdf_page_break(struct pdf *p)
{
	pdf_blk_add(p, B_BREAK);
}

void
pdf_markdown(struct pdf *p, const struct mnode *doc)
{
	pdf_md_blocks(p, doc, 2, NULL, NULL);
}

void
pdf_markdown_at(struct pdf *p, const struct mnode *doc, int level)
{
	pdf_md_blocks(p, doc, level, NULL, NULL);
}

void
pdf_markdown_pics(struct pdf *p, const struct mnode *doc, int level,
    pdf_pic_fn fn, void *arg)
{
	pdf_md_blocks(p, doc, level, fn, arg);
}

int
pdf_picture_add(struct pdf *p, const void *data, size_t len,
    const char **why)
{
	struct pdf_pic	*pic;

	if (pic_load(data, len, p->grey, &pic, why) == -1)
		return -1;
	xgrow(&p->pics, &p->cappics, p->npics + 1, sizeof(*p->pics));
	p->pics[p->npics] = pic;
	return (int)p->npics++;
}

void
pdf_meta_table(struct pdf *p, const struct pdf_meta *rows, size_t n)
{
	struct table	*t;
	struct blk	*b;
	size_t		 i, k;

	if (n == 0)
		return;
	t = pdf_table_new((n + 1) / 2, 4);
	for (i = 0; i < t->nrows * 2; i++) {
		k = (i / 2) * 4 + (i % 2) * 2;
		t->cell[k] = i < n ? pdf_markup_dup(rows[i].label) :
		    xstrdup("");
		t->cell[k + 1] = i < n ? pdf_markup_dup(rows[i].value) :
		    xstrdup("");
		t->shade[k] = 1;
	}
	b = pdf_blk_add(p, B_TABLE);
	b->tab = t;
	b->before = p->body * 0.3;
	b->after = p->body * 1.0;
}

int
pdf_qr(struct pdf *p, const char *url, double size_mm)
{
	return pdf_qr_text(p, url, url, size_mm);
}

int
pdf_qr_text(struct pdf *p, const char *url, const char *text,
    double size_mm)
{
	struct qr	 q;

	if (qr_encode(p->path, url, &q) == -1)
		return -1;
	pdf_qr_code(p, &q, text, size_mm);
	qr_dispose(&q);
	return 0;
}

/* A QR block of a copy of q, size_mm square, with markup beside it
 * (the block takes it) set at aside points; alt (plain text, copied;
 * NULL: the code's own text) is what its Figure is said to hold. */
static void
qr_add(struct pdf *p, const struct qr *q, char *markup, const char *alt,
    double size_mm, double aside)
{
	struct blk	*b = pdf_blk_add(p, B_QR);
	size_t		 n = (size_t)q->width * (size_t)q->width;

	b->qr.width = q->width;
	b->qr.dark = xmalloc(n);
	memcpy(b->qr.dark, q->dark, n);
	b->qr.text = q->text != NULL ? xstrdup(q->text) : NULL;
	b->markup = markup;
	b->alt = alt != NULL ? xstrdup(alt) : NULL;
	b->size = size_mm * MM;
	b->aside = aside;
	b->before = p->body * 0.5;
	b->after = p->body * 0.5;
}

void
pdf_qr_code(struct pdf *p, const struct qr *q, const char *text,
    double size_mm)
{
	qr_add(p, q, pdf_markup_dup(text), text, size_mm, p->body * 0.8);
}

/* Appends a span of s in grey g, a size smaller than around it. */
static void
grey_span(struct buf *m, double g, const char *s)
{
	int	 v = (int)(g * 255 + 0.5);

	buf_printf(m, "<span size=\"smaller\" foreground=\"#%02x%02x%02x\">",
	    v, v, v);
	pdf_markup(m, s);
	buf_puts(m, "</span>");
}

void
pdf_qr_meta(struct pdf *p, const struct qr *q, const struct pdf_meta *rows,
    size_t n, const char *note, const char *text, double size_mm)
{
	struct buf	 m = BUF_INIT;
	size_t		 i;
	int		 v = (int)(p->col.text * 255 + 0.5);

	buf_printf(&m, "<span foreground=\"#%02x%02x%02x\">", v, v, v);
	for (i = 0; i < n; i++) {
		/* A no-break space joins label and value; the span keeps
		 * Pango from breaking the pair between its characters. */
		buf_puts(&m, "<span allow_breaks=\"false\"><b>");
		pdf_markup(&m, rows[i].label);
		buf_puts(&m, "</b>\u00a0");
		pdf_markup(&m, rows[i].value);
		/* two ideographic spaces between pairs, not a dot: a
		 * line may break there, and a dot would end it */
		buf_puts(&m, i + 1 < n ? "</span>　　" : "</span>");
	}
	buf_puts(&m, "</span>");
	if (note != NULL) {
		buf_puts(&m, n > 0 ? "\n" : "");
		grey_span(&m, p->col.muted, note);
	}
	if (text != NULL) {
		buf_puts(&m, n > 0 || note != NULL ? "\n" : "");
		grey_span(&m, p->col.muted, text);
	}
	qr_add(p, q, buf_detach(&m, NULL), text, size_mm, p->body);
}

/* ------------------------------------------------------------ finishing */

void
pdf_digest(const struct pdf *p, const char *extra, char hex[65])
{
	struct pdf_sum		*s = pdf_sum_new();
	const struct blk	*b;
	const struct table	*t;
	size_t			 i, k;
	int			 j;

	pdf_sum_str(s, "gongkai pdf 4");
	pdf_sum_str(s, pdf_font_sig(p->f));
	pdf_sum_str(s, extra);
	pdf_sum_str(s, p->title);
	pdf_sum_str(s, p->author);
	pdf_sum_str(s, p->footer);
	pdf_sum_num(s, (double)p->day);
	pdf_sum_num(s, p->grey);
	pdf_sum_num(s, p->W);
	pdf_sum_num(s, p->H);
	pdf_sum_num(s, p->bleed);
	pdf_sum_num(s, p->margin);
	pdf_sum_num(s, p->x0);
	pdf_sum_num(s, p->x1);
	pdf_sum_num(s, p->gx0);
	pdf_sum_num(s, p->gx1);
	pdf_sum_num(s, p->ncols);
	pdf_sum_num(s, p->gap);
	pdf_sum_num(s, p->ytop);
	pdf_sum_num(s, p->ybot);
	pdf_sum_num(s, p->body);
	pdf_sum_num(s, p->line);
	pdf_sum_num(s, p->has_toc);
	pdf_sum_num(s, (double)p->nb);
	for (i = 0; i < p->nb; i++) {
		b = &p->b[i];
		pdf_sum_num(s, b->kind);
		pdf_sum_str(s, b->markup);
		pdf_sum_str(s, b->markup2);
		pdf_sum_str(s, b->alt);
		pdf_sum_num(s, b->font);
		pdf_sum_num(s, b->size);
		pdf_sum_num(s, b->bold);
		pdf_sum_num(s, b->level);
		pdf_sum_num(s, b->list);
		pdf_sum_num(s, b->lid);
		pdf_sum_num(s, b->toc);
		pdf_sum_num(s, b->indent);
		pdf_sum_num(s, b->before);
		pdf_sum_num(s, b->after);
		pdf_sum_num(s, b->deco);
		pdf_sum_num(s, b->nbar);
		for (j = 0; j < b->nbar && j < MAXBAR; j++)
			pdf_sum_num(s, b->bar[j]);
		if ((t = b->tab) != NULL) {
			pdf_sum_num(s, (double)t->nrows);
			pdf_sum_num(s, (double)t->ncols);
			pdf_sum_num(s, (double)t->nhead);
			for (k = 0; k < t->nrows * t->ncols; k++) {
				pdf_sum_str(s, t->cell[k]);
				pdf_sum_num(s, t->shade[k]);
			}
			for (k = 0; k < t->ncols; k++)
				pdf_sum_num(s, t->align[k]);
		}
		if (b->chart != NULL) {
			pdf_sum_num(s, b->chart->kind);
			pdf_sum_num(s, (double)b->chart->n);
			for (k = 0; k < b->chart->n; k++) {
				pdf_sum_str(s, b->chart->labels[k]);
				pdf_sum_num(s, (double)b->chart->values[k]);
			}
		}
		pdf_sum_num(s, b->aside);
		pdf_sum_num(s, b->qr.width);
		if (b->qr.dark != NULL)
			pdf_sum_bytes(s, b->qr.dark,
			    (size_t)b->qr.width * b->qr.width);
		pdf_sum_str(s, b->qr.text);	/* its Figure's Alt */
		/* a picture: its file's bytes (grey is summed above) */
		pdf_sum_str(s, b->kind == B_PIC ? p->pics[b->pic]->dig :
		    NULL);
	}
	pdf_sum_end(s, hex);
}

int
pdf_finish(struct pdf *p, struct buf *out)
{
	struct buf		 tmp = BUF_INIT;
	struct pdf_canvas	*c;
	size_t			 i;
	int			 depth = 0, pages, rc = -1;

	if (p->done) {
		diag_error(p->path, 0, 0, "pdf already finished");
		return -1;
	}
	p->done = 1;
	/* Headings in the table of contents and outline. */
	for (i = 0; i < p->nb; i++)
		if (p->b[i].kind == B_TOC)
			depth = p->b[i].level;
	for (i = 0; i < p->nb; i++) {
		if (p->b[i].kind != B_TEXT || p->b[i].level == 0 ||
		    p->b[i].level > (depth ? depth : 1) || p->b[i].toc != -1)
			continue;
		xgrow(&p->toc, &p->captoc, p->ntoc + 1, sizeof(*p->toc));
		p->toc[p->ntoc].blk = i;
		p->b[i].toc = (int)p->ntoc++;
	}

	p->pages = pdf_layout_run(p, NULL);
	c = pdf_canvas_new(p->f, p->W, p->H, p->bleed, p->title, p->author,
	    p->day, &tmp);
	pages = pdf_layout_run(p, c);
	if (pdf_canvas_finish(c, p->path) == -1)
		goto out;
	if (pages != p->pages) {
		diag_error(p->path, 0, 0, "layout runs disagree: %d and %d "
		    "pages", p->pages, pages);
		goto out;
	}
	buf_put(out, tmp.data, tmp.len);
	rc = 0;
out:
	buf_dispose(&tmp);
	return rc;
}

int
pdf_pages(const struct pdf *p)
{
	return p->pages;
}
