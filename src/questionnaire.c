/*
 * questionnaire.c -- the blank evaluation questionnaire; see
 * questionnaire.h.  The questions are a ruled table (one row per
 * question, a "□" per answer label) built as a Markdown tree, so that
 * it breaks across pages and repeats its header like any table.
 */
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "cfg.h"
#include "md.h"
#include "pdf.h"
#include "questionnaire.h"
#include "util.h"

#define QR_MM	24	/* side of the QR code, quiet zone included */

static struct mnode *
mn(enum mnode_type type, const char *text)
{
	struct mnode	*n = xcalloc(1, sizeof(*n));

	n->type = type;
	n->text = text != NULL ? xstrdup(text) : NULL;
	return n;
}

/* Appends a cell holding text to row r, after *last. */
static struct mnode **
cell(struct mnode **at, const char *text, int align)
{
	struct mnode	*c = mn(MN_CELL, NULL);

	c->align = align;
	c->child = mn(MN_TEXT, text);
	*at = c;
	return &c->next;
}

static struct mnode *
para(const char *text)
{
	struct mnode	*p = mn(MN_PARA, NULL);

	p->child = mn(MN_TEXT, text);
	return p;
}

static struct mnode *
table(const struct evalkind *k)
{
	struct mnode	*t = mn(MN_TABLE, NULL), **rt = &t->child, *r;
	struct mnode	**ct;
	size_t		 i, j;
	char		 no[24];

	r = mn(MN_ROW, NULL);
	r->header = 1;
	ct = cell(&r->child, "序号", 'c');
	ct = cell(ct, "评议内容", 'l');
	for (j = 0; j < k->nscale; j++)
		ct = cell(ct, k->scale[j], 'c');
	*rt = r;
	rt = &r->next;
	for (i = 0; i < k->nquestions; i++) {
		r = mn(MN_ROW, NULL);
		snprintf(no, sizeof(no), "%zu", i + 1);
		ct = cell(&r->child, no, 'c');
		ct = cell(ct, k->questions[i], 'l');
		for (j = 0; j < k->nscale; j++)
			ct = cell(ct, "□", 'c');
		*rt = r;
		rt = &r->next;
	}
	return t;
}

int
questionnaire_pdf(struct pdf *p, const struct questionnaire *q)
{
	struct mnode	*d = mn(MN_DOC, NULL), **at = &d->child;
	struct buf	 b;
	int		 rc;

	buf_init(&b);
	buf_printf(&b, "评议对象：%s", q->subject);
	if (q->organiser != NULL)
		buf_printf(&b, "　组织单位：%s", q->organiser);
	pdf_heading_band(p, q->title, b.data);
	buf_reset(&b);
	buf_printf(&b, "%s。请就下列每一项评议内容选择一个答案，在相应的"
	    "方框内打“√”。本问卷不记名，请勿填写姓名、电话等个人信息。",
	    q->kind->title);
	*at = para(b.data);
	at = &(*at)->next;
	*at = table(q->kind);
	at = &(*at)->next;
	*at = para("您的意见和建议：");
	at = &(*at)->next;
	*at = mn(MN_HR, NULL);
	at = &(*at)->next;
	*at = mn(MN_HR, NULL);
	at = &(*at)->next;
	*at = mn(MN_HR, NULL);
	at = &(*at)->next;
	*at = para("评议结果将在网上公布，扫描二维码查看：");
	pdf_markdown(p, d);
	mnode_free(d);
	rc = pdf_qr_text(p, q->url, q->url_text != NULL ? q->url_text :
	    q->url, QR_MM);
	buf_dispose(&b);
	return rc;
}
