/*
 * pdf_md.c -- Markdown trees as PDF blocks; see pdf_md.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "md.h"
#include "pdf_doc.h"
#include "pdf_md.h"
#include "util.h"

/* The walk's state: where the blocks it makes go and how they sit. */
struct mdw {
	struct pdf	*p;		/* the document */
	double		 indent;	/* left indent of new blocks */
	int		 nbar;		/* quote bars of new blocks */
	double		 bar[MAXBAR];	/* their x offsets */
	char		*marker;	/* list marker the next text block
					   takes, owned until then */
	int		 list;		/* list nesting */
	int		 lid;		/* the innermost list's number */
	int		 nlists;	/* lists so far */
	int		 inlist;	/* inside a list item */
	int		 hbase;		/* level of a Markdown "#" */
	double		 size;		/* size of body text */
	int		 nnotes;	/* footnotes so far */
	size_t		 sign;		/* the block of a 落款's lines that
					   paragraphs made (sign_join) + 1,
					   or 0 */
	pdf_pic_fn	 fn;		/* gives pictures, or NULL */
	void		*arg;		/* fn's */
};

/* The first character of text under n or its following siblings. */
static uint32_t
first_char(const struct mnode *n)
{
	uint32_t	 c;

	for (; n != NULL; n = n->next) {
		if ((n->type == MN_TEXT || n->type == MN_CODE) &&
		    n->text != NULL && n->text[0] != '\0')
			return utf8_get(n->text);
		if ((c = first_char(n->child)) != 0)
			return c;
	}
	return 0;
}

/* The last character in the markup so far (entities end in ';'). */
static uint32_t
last_char(const struct buf *m)
{
	size_t	 i = m->len;

	if (i == 0)
		return 0;
	while (i > 0 && ((unsigned char)m->data[i - 1] & 0xc0) == 0x80)
		i--;
	return i > 0 ? utf8_get(m->data + i - 1) : 0;
}

static void	inlines(struct mdw *, struct buf *, const struct mnode *);

/* Appends the Pango markup of inline node n (its siblings after it
 * only looked at: a soft break's neighbours). */
static void
inline_one(struct mdw *w, struct buf *m, const struct mnode *n)
{
	const char	*link = w->p->col.link, *tag;
	uint32_t	 a, b;

	switch (n->type) {
	case MN_TEXT:
		if (n->text != NULL)
			pdf_markup(m, n->text);
		break;
	case MN_SOFTBREAK:
		/* a space (md_tree drops those shown as nothing),
		 * unless a line starts or ends with it */
		a = last_char(m);
		b = first_char(n->next);
		if (a != 0 && b != 0)
			buf_putc(m, ' ');
		break;
	case MN_LINEBREAK:
		buf_putc(m, '\n');
		break;
	case MN_CODE:
		buf_puts(m, "<span font_family=\"" PDF_FAMILY_MONO
		    "\" background=\"#ececec\">");
		if (n->text != NULL)
			pdf_markup(m, n->text);
		buf_puts(m, "</span>");
		break;
	case MN_EMPH:
	case MN_STRONG:
	case MN_STRIKE:
		tag = n->type == MN_EMPH ? "i" : n->type == MN_STRONG ?
		    "b" : "s";
		buf_printf(m, "<%s>", tag);
		inlines(w, m, n->child);
		buf_printf(m, "</%s>", tag);
		break;
	case MN_LINK:
		if (n->url == NULL) {	/* dropped: text only */
			inlines(w, m, n->child);
			break;
		}
		if (link != NULL)
			buf_printf(m, "<span foreground=\"%s\">", link);
		buf_puts(m, "<u>");
		inlines(w, m, n->child);
		buf_puts(m, "</u>");
		if (link != NULL)
			buf_puts(m, "</span>");
		/* On paper an absolute URL is worth printing. */
		if (n->url != NULL && (str_prefix(n->url, "http://") ||
		    str_prefix(n->url, "https://")) &&
		    !(n->child != NULL && n->child->type == MN_TEXT &&
		    n->child->next == NULL &&
		    strcmp(n->child->text, n->url) == 0)) {
			buf_puts(m, "<span size=\"smaller\">（");
			pdf_markup(m, n->url);
			buf_puts(m, "）</span>");
		}
		break;
	case MN_IMAGE:
		buf_puts(m, "［图：");
		inlines(w, m, n->child);
		buf_puts(m, "］");
		break;
	case MN_FOOTNOTE_REF:
		buf_puts(m, "<sup>");
		if (n->text != NULL)
			pdf_markup(m, n->text);
		buf_puts(m, "</sup>");
		break;
	default:
		/* A block where inlines are expected: its text. */
		inlines(w, m, n->child);
		break;
	}
}

/* Appends the Pango markup of an inline sequence. */
static void
inlines(struct mdw *w, struct buf *m, const struct mnode *n)
{
	for (; n != NULL; n = n->next)
		inline_one(w, m, n);
}

/* A body-text block at the current indent, taking the marker. */
static struct blk *
text_add(struct mdw *w, char *markup)
{
	struct pdf	*p = w->p;
	struct blk	*b = pdf_blk_add(p, B_TEXT);

	b->markup = markup;
	b->markup2 = w->marker;
	w->marker = NULL;
	b->list = w->list;
	b->lid = w->lid;
	b->font = PDF_BODY;
	b->size = w->size;
	b->indent = w->indent;
	b->after = w->inlist ? p->body * 0.25 : p->body * 0.6;
	b->nbar = w->nbar;
	memcpy(b->bar, w->bar, sizeof(b->bar));
	return b;
}

/*
 * The picture inline node n stands for, to draw: a picture with a
 * destination, or a link whose only content is one, that w->fn gives
 * (its number, *img the picture's node); -1 to set n as text.
 */
static int
pic_of(struct mdw *w, const struct mnode *n, const struct mnode **img)
{
	if (w->fn == NULL)
		return -1;
	if (n->type == MN_LINK && n->child != NULL && n->child->next == NULL)
		n = n->child;
	if (n->type != MN_IMAGE || n->url == NULL)
		return -1;
	*img = n;
	return w->fn(w->arg, n->url, n->line, n->col);
}

/*
 * Adds the text of a paragraph gathered in m before or after a
 * picture, unless it shows nothing; its spaces at either end, beside
 * the picture, go.
 */
static void
text_flush(struct mdw *w, struct buf *m)
{
	size_t	 a = 0, e = m->len;

	while (a < e && (m->data[a] == ' ' || m->data[a] == '\n'))
		a++;
	while (e > a && (m->data[e - 1] == ' ' || m->data[e - 1] == '\n'))
		e--;
	if (!text_blank(m->data + a, e - a))
		text_add(w, xstrndup(m->data + a, e - a));
	buf_reset(m);
}

/* A picture block of picture k, captioned with the description of
 * its node img (none: decoration). */
static void
pic_add(struct mdw *w, int k, const struct mnode *img)
{
	struct pdf	*p = w->p;
	struct buf	 m = BUF_INIT;
	struct blk	*b;

	inlines(w, &m, img->child);
	b = pdf_blk_add(p, B_PIC);
	b->pic = (size_t)k;
	b->markup = text_blank(m.data, m.len) ? NULL : buf_detach(&m, NULL);
	b->font = PDF_BODY;
	b->size = p->body * 0.85;
	b->indent = w->indent;
	b->before = p->body * 0.4;
	b->after = w->inlist ? p->body * 0.4 : p->body * 0.8;
	buf_dispose(&m);
}

/* Appends to b the text under n and its following siblings, until it
 * holds max bytes. */
static void
text_gather(const struct mnode *n, struct buf *b, size_t max)
{
	for (; n != NULL && b->len < max; n = n->next)
		if (n->type == MN_TEXT && n->text != NULL)
			buf_puts(b, n->text);
		else
			text_gather(n->child, b, max);
}

/* 1 if paragraph para is one line of a 落款 (md.h, md_sign_run):
 * text after its run of U+3000 that is no heading it centres
 * (md_sign_heading), and no line break. */
static int
sign_para(const struct mnode *para)
{
	const struct mnode	*n = para->child;
	struct buf		 b = BUF_INIT;
	size_t			 k;
	int			 heading;

	if (n == NULL || n->type != MN_TEXT || n->text == NULL ||
	    (k = md_sign_run(n->text)) == 0 ||
	    (n->text[k] == '\0' && n->next == NULL))
		return 0;
	for (; n != NULL; n = n->next)
		if (n->type == MN_SOFTBREAK || n->type == MN_LINEBREAK ||
		    n->type == MN_IMAGE)
			return 0;
	buf_puts(&b, para->child->text + k);
	text_gather(para->child->next, &b, 64);
	heading = md_sign_heading(b.data, b.len);
	buf_dispose(&b);
	return !heading;
}

/*
 * Takes text block b, just added for paragraph para, into the block
 * before it as its next line when both are the lines of one 落款: a
 * name and a date typed with Enter between them are two paragraphs,
 * and laid out apart, the date kept its run's place while the name,
 * too wide for a board's column, was pulled to the edge (pdf_layout.c,
 * idsp_fit); as the lines of one block, they end at one edge.
 */
static void
sign_join(struct mdw *w, const struct mnode *para, struct blk *b)
{
	struct pdf	*p = w->p;
	struct blk	*a = p->nb >= 2 ? &p->b[p->nb - 2] : NULL;
	char		*both;

	if (!sign_para(para)) {
		w->sign = 0;
		return;
	}
	if (a == NULL || w->sign != p->nb - 1 || a->markup2 != NULL ||
	    b->markup2 != NULL || a->indent != b->indent ||
	    a->list != b->list || a->lid != b->lid || a->nbar != b->nbar ||
	    a->size != b->size || a->deco != b->deco) {
		w->sign = p->nb;
		return;
	}
	both = xasprintf("%s\n%s", a->markup, b->markup);
	free(a->markup);
	a->markup = both;
	free(b->markup);
	p->nb--;
}

/*
 * A paragraph: one text block, or, where pictures stand in it that
 * are drawn, the text before each, the picture, and the text after.
 */
static void
para_add(struct mdw *w, const struct mnode *para)
{
	const struct mnode	*n, *img;
	struct buf		 m = BUF_INIT;
	int			 k, pics = 0;

	for (n = para->child; n != NULL; n = n->next) {
		if ((k = pic_of(w, n, &img)) < 0) {
			inline_one(w, &m, n);
			continue;
		}
		text_flush(w, &m);
		pic_add(w, k, img);
		pics++;
	}
	if (pics == 0)
		sign_join(w, para, text_add(w, buf_detach(&m, NULL)));
	else {
		w->sign = 0;
		text_flush(w, &m);
	}
	buf_dispose(&m);
}

static void
table_add(struct mdw *w, const struct mnode *t)
{
	const struct mnode	*r, *c;
	struct table		*tab;
	struct blk		*b;
	struct buf		 m = BUF_INIT;
	size_t			 nr = 0, nc = 0, k, i, j;

	for (r = t->child; r != NULL; r = r->next) {
		nr++;
		for (k = 0, c = r->child; c != NULL; c = c->next)
			k++;
		if (k > nc)
			nc = k;
	}
	if (nr == 0 || nc == 0)
		return;
	tab = pdf_table_new(nr, nc);
	for (i = 0, r = t->child; r != NULL; r = r->next, i++) {
		if (r->header && i == tab->nhead)
			tab->nhead++;
		for (j = 0, c = r->child; j < nc; j++) {
			if (c != NULL) {
				inlines(w, &m, c->child);
				if (i == 0)
					tab->align[j] = (char)c->align;
				c = c->next;
			}
			tab->cell[i * nc + j] = xstrdup(m.data);
			tab->shade[i * nc + j] = r->header;
			buf_reset(&m);
		}
	}
	buf_dispose(&m);
	b = pdf_blk_add(w->p, B_TABLE);
	b->tab = tab;
	b->before = w->p->body * 0.3;
	b->after = w->p->body * 0.8;
	b->indent = w->indent;
}

static void	blocks(struct mdw *, const struct mnode *);

/*
 * A footnote, as on a printed page: the first one under a short rule,
 * each numbered in the margin like a list item, in smaller type.
 * cmark puts the notes last in the document, in the order of their
 * numbers, so they close the item.
 */
static void
note_add(struct mdw *w, const struct mnode *n)
{
	struct pdf	*p = w->p;
	struct blk	*b;
	double		 step = p->body * 2, size = w->size;
	int		 inlist = w->inlist;

	if (w->nnotes++ == 0) {
		b = pdf_blk_add(p, B_RULE);
		b->size = p->body * 8;
	}
	free(w->marker);
	w->marker = xasprintf("%d.", w->nnotes);
	w->indent += step;
	w->inlist = 1;
	w->size = p->body * 0.9;
	blocks(w, n->child);
	free(w->marker);
	w->marker = NULL;
	w->size = size;
	w->inlist = inlist;
	w->indent -= step;
	if (n->next == NULL && p->nb > 0 && p->b[p->nb - 1].kind == B_TEXT)
		p->b[p->nb - 1].after = p->body * 0.6;
}

static void
list_add(struct mdw *w, const struct mnode *l)
{
	static const char *const bullets[] = { "•", "◦", "▪" };
	struct pdf		*p = w->p;
	const struct mnode	*it;
	double			 step = p->body * 2;
	int			 num = l->start;
	int			 inlist = w->inlist, lid = w->lid;

	w->indent += step;
	w->inlist = 1;
	w->list++;
	w->lid = ++w->nlists;
	for (it = l->child; it != NULL; it = it->next) {
		free(w->marker);
		if (l->ordered)
			w->marker = xasprintf("%d.", num++);
		else
			w->marker = xstrdup(bullets[(w->list - 1) % 3]);
		blocks(w, it->child);
	}
	free(w->marker);
	w->marker = NULL;
	w->list--;
	w->lid = lid;
	w->inlist = inlist;
	w->indent -= step;
	if (w->list == 0 && p->nb > 0 && p->b[p->nb - 1].kind == B_TEXT)
		p->b[p->nb - 1].after = p->body * 0.6;
}

static void
blocks(struct mdw *w, const struct mnode *n)
{
	struct pdf	*p = w->p;
	struct buf	 m = BUF_INIT;
	struct blk	*b;
	size_t		 len;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case MN_DOC:
		case MN_ITEM:
			blocks(w, n->child);
			break;
		case MN_HEADING:
			inlines(w, &m, n->child);
			b = pdf_head_add(p, n->level + w->hbase - 1,
			    buf_detach(&m, NULL), w->indent);
			b->toc = -2;	/* not in the toc */
			break;
		case MN_LIST:
			list_add(w, n);
			break;
		case MN_QUOTE:
			if (w->nbar < MAXBAR)
				w->bar[w->nbar++] = w->indent;
			w->indent += p->body * 1.5;
			blocks(w, n->child);
			w->indent -= p->body * 1.5;
			if (w->nbar > 0 && w->bar[w->nbar - 1] == w->indent)
				w->nbar--;
			break;
		case MN_CODE_BLOCK:
			if (n->text != NULL)
				pdf_markup(&m, n->text);
			len = m.len;
			while (len > 0 && m.data[len - 1] == '\n')
				len--;
			buf_truncate(&m, len);
			b = text_add(w, buf_detach(&m, NULL));
			b->font = PDF_MONO;
			b->size = p->body * 0.9;
			b->deco = D_CODE;
			b->before = p->body * 0.2;
			b->after = p->body * 0.8;
			break;
		case MN_HR:
			pdf_blk_add(p, B_RULE);
			break;
		case MN_FOOTNOTE_DEF:
			note_add(w, n);
			break;
		case MN_TABLE:
			table_add(w, n);
			break;
		case MN_PARA:
			para_add(w, n);
			break;
		default:
			/* Inlines at block level: one paragraph of them. */
			inlines(w, &m, n);
			text_add(w, buf_detach(&m, NULL));
			buf_dispose(&m);
			return;
		}
	}
	buf_dispose(&m);
}

void
pdf_md_blocks(struct pdf *p, const struct mnode *doc, int level,
    pdf_pic_fn fn, void *arg)
{
	struct mdw	 w;

	memset(&w, 0, sizeof(w));
	w.p = p;
	w.fn = fn;
	w.arg = arg;
	w.hbase = level < 1 ? 1 : level;
	w.size = p->body;
	blocks(&w, doc);
	free(w.marker);
}
