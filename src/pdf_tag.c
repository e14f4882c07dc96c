/*
 * pdf_tag.c -- the structure tree of a tagged PDF; see pdf_tag.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pdf_tag.h"
#include "util.h"

/* What an element's kid is. */
enum kid_kind {
	K_ELEM,		/* a child element: a is its number */
	K_MCR,		/* marked content: a the page, b the MCID */
	K_OBJR		/* an annotation: a the page, b its number */
};

struct kid {
	enum kid_kind	 kind;
	int		 a, b;	/* by kind */
};

struct elem {
	const char	*type;	/* standard structure type, borrowed */
	int		 parent; /* element, or -1 for the Document */
	char		*alt;	/* alternative text or NULL */
	const char	*owner;	/* its attribute's owner, or NULL; */
	const char	*key;	/* the attribute and */
	const char	*value;	/* its value (borrowed names) */
	int		 has_box; /* 1: box is its /BBox */
	double		 box[4];  /* x0 y0 x1 y1, points */
	struct kid	*k;	/* kids in reading order */
	size_t		 nk, capk;
};

/* The elements of one page's MCIDs, by MCID. */
struct pmap {
	int		*elem;
	size_t		 n, cap;
};

struct ptag {
	struct elem	*e;
	size_t		 ne, cape;
	struct pmap	*pg;	/* by page */
	size_t		 npg, cappg;
	int		*annot;	/* element of each annotation, or -1 */
	size_t		 nannot, capannot;
};

struct ptag *
ptag_new(void)
{
	struct ptag	*t = xcalloc(1, sizeof(*t));

	ptag_elem(t, -1, "Document");
	return t;
}

void
ptag_free(struct ptag *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ne; i++) {
		free(t->e[i].alt);
		free(t->e[i].k);
	}
	for (i = 0; i < t->npg; i++)
		free(t->pg[i].elem);
	free(t->e);
	free(t->pg);
	free(t->annot);
	free(t);
}

static void
kid_add(struct elem *e, enum kid_kind kind, int a, int b)
{
	xgrow(&e->k, &e->capk, e->nk + 1, sizeof(*e->k));
	e->k[e->nk].kind = kind;
	e->k[e->nk].a = a;
	e->k[e->nk++].b = b;
}

/* Element e, or the Document for a number out of range. */
static struct elem *
elem_at(struct ptag *t, int e)
{
	return &t->e[e >= 0 && (size_t)e < t->ne ? (size_t)e : 0];
}

int
ptag_elem(struct ptag *t, int parent, const char *type)
{
	struct elem	*e;
	int		 n = (int)t->ne;

	xgrow(&t->e, &t->cape, t->ne + 1, sizeof(*t->e));
	e = &t->e[t->ne++];
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->parent = -1;
	if (n > 0) {
		e->parent = parent >= 0 && parent < n ? parent : PTAG_DOC;
		kid_add(&t->e[e->parent], K_ELEM, n, 0);
	}
	return n;
}

const char *
ptag_type(const struct ptag *t, int e)
{
	return e >= 0 && (size_t)e < t->ne ? t->e[e].type : "Document";
}

void
ptag_alt(struct ptag *t, int e, const char *alt)
{
	struct elem	*el = elem_at(t, e);

	free(el->alt);
	el->alt = xstrdup(alt);
}

void
ptag_attr(struct ptag *t, int e, const char *owner, const char *key,
    const char *value)
{
	struct elem	*el = elem_at(t, e);

	el->owner = owner;
	el->key = key;
	el->value = value;
}

void
ptag_bbox(struct ptag *t, int e, double x0, double y0, double x1,
    double y1)
{
	struct elem	*el = elem_at(t, e);

	el->has_box = 1;
	el->box[0] = x0;
	el->box[1] = y0;
	el->box[2] = x1;
	el->box[3] = y1;
}

/* Page page's map, made (with those before it) on first use. */
static struct pmap *
page_at(struct ptag *t, int page)
{
	size_t	 n = page > 0 ? (size_t)page : 0;

	if (n >= t->npg) {
		xgrow(&t->pg, &t->cappg, n + 1, sizeof(*t->pg));
		memset(t->pg + t->npg, 0, (n + 1 - t->npg) * sizeof(*t->pg));
		t->npg = n + 1;
	}
	return &t->pg[n];
}

int
ptag_mcid(struct ptag *t, int e, int page)
{
	struct pmap	*m = page_at(t, page);
	struct elem	*el = elem_at(t, e);
	int		 mcid = (int)m->n;

	xgrow(&m->elem, &m->cap, m->n + 1, sizeof(*m->elem));
	m->elem[m->n++] = (int)(el - t->e);
	kid_add(el, K_MCR, page, mcid);
	return mcid;
}

void
ptag_annot(struct ptag *t, int e, int annot, int page)
{
	struct elem	*el = elem_at(t, e);

	if (annot < 0)
		return;
	if ((size_t)annot >= t->nannot) {
		xgrow(&t->annot, &t->capannot, (size_t)annot + 1,
		    sizeof(*t->annot));
		while (t->nannot <= (size_t)annot)
			t->annot[t->nannot++] = -1;
	}
	t->annot[annot] = (int)(el - t->e);
	kid_add(el, K_OBJR, page, annot);
}

int
ptag_annot_elem(const struct ptag *t, int annot)
{
	if (annot < 0 || (size_t)annot >= t->nannot)
		return -1;
	return t->annot[annot];
}

int
ptag_count(const struct ptag *t)
{
	return (int)t->ne;
}

int
ptag_page_mcids(const struct ptag *t, int page)
{
	if (page < 0 || (size_t)page >= t->npg)
		return 0;
	return (int)t->pg[page].n;
}

int
ptag_mcid_elem(const struct ptag *t, int page, int mcid)
{
	if (mcid < 0 || mcid >= ptag_page_mcids(t, page))
		return -1;
	return t->pg[page].elem[mcid];
}

/* ------------------------------------------------------------ writing */

/* Appends text as a PDF text string: <FEFF...>, UTF-16BE in hex. */
static void
text_string(struct buf *b, const char *s)
{
	size_t	 n = strlen(s), w;
	long	 c;

	buf_puts(b, "<FEFF");
	while (n > 0) {
		c = utf8_decode(s, n, &w);
		s += w;
		n -= w;
		if (c < 0)
			c = 0xfffd;
		if (c >= 0x10000) {
			c -= 0x10000;
			buf_printf(b, "%04lX%04lX", 0xd800 + (c >> 10),
			    0xdc00 + (c & 0x3ff));
		} else
			buf_printf(b, "%04lX", c);
	}
	buf_putc(b, '>');
}

/* Appends v to b to a thousandth of a point, without trailing
 * zeros ("12.5", "-3", "0"). */
static void
num(struct buf *b, double v)
{
	char	 s[48];
	size_t	 n;

	if (!(v > -1e9 && v < 1e9))
		v = 0;
	n = (size_t)snprintf(s, sizeof(s), "%.3f", v);
	while (n > 0 && s[n - 1] == '0')
		n--;
	if (n > 0 && s[n - 1] == '.')
		n--;
	s[n] = '\0';
	buf_puts(b, strcmp(s, "-0") == 0 ? "0" : s);
}

/* Appends element e's attributes, if any: " /A ...". */
static void
attrs(const struct elem *e, struct buf *b)
{
	int	 both = e->owner != NULL && e->has_box, i;

	if (e->owner == NULL && !e->has_box)
		return;
	buf_puts(b, both ? " /A [" : " /A ");
	if (e->owner != NULL)
		buf_printf(b, "<< /O /%s /%s /%s >>", e->owner, e->key,
		    e->value);
	if (e->has_box) {
		buf_puts(b, both ? " << /O /Layout /BBox [" :
		    "<< /O /Layout /BBox [");
		for (i = 0; i < 4; i++) {
			if (i > 0)
				buf_putc(b, ' ');
			num(b, e->box[i]);
		}
		buf_puts(b, "] >>");
	}
	if (both)
		buf_putc(b, ']');
}

/* The page an element's own content starts on, or -1 if none. */
static int
elem_page(const struct elem *e)
{
	size_t	 i;

	for (i = 0; i < e->nk; i++)
		if (e->k[i].kind != K_ELEM)
			return e->k[i].a;
	return -1;
}

void
ptag_write_elem(const struct ptag *t, int n, const struct ptag_refs *r,
    struct buf *b)
{
	const struct elem	*e = &t->e[n];
	const struct kid	*k;
	int			 pg = elem_page(e);
	size_t			 i;

	/* No /Type: it is optional, and a table has hundreds of cells
	 * (the elements are most of what tagging adds to a file). */
	buf_printf(b, "<< /S /%s /P %d 0 R", e->type,
	    e->parent >= 0 ? r->elem0 + e->parent : r->root);
	/* Content on one page only: the page is the element's, and its
	 * MCIDs are plain numbers; on more, those on other pages are
	 * references that name theirs. */
	if (pg >= 0)
		buf_printf(b, " /Pg %d 0 R", r->page0 + pg);
	if (e->alt != NULL) {
		buf_puts(b, " /Alt ");
		text_string(b, e->alt);
	}
	attrs(e, b);
	if (e->nk > 0) {
		buf_puts(b, " /K [");
		for (i = 0; i < e->nk; i++) {
			k = &e->k[i];
			if (i > 0)
				buf_putc(b, ' ');
			if (k->kind == K_ELEM)
				buf_printf(b, "%d 0 R", r->elem0 + k->a);
			else if (k->kind == K_MCR && k->a == pg)
				buf_printf(b, "%d", k->b);
			else if (k->kind == K_MCR)
				buf_printf(b, "<< /Type /MCR /Pg %d 0 R "
				    "/MCID %d >>", r->page0 + k->a, k->b);
			else
				buf_printf(b, "<< /Type /OBJR /Pg %d 0 R "
				    "/Obj %d 0 R >>", r->page0 + k->a,
				    r->annot0 + k->b);
		}
		buf_putc(b, ']');
	}
	buf_puts(b, " >>");
}

/* The parent tree's next key: past the pages and annotations. */
static int
next_key(const struct ptag *t, const struct ptag_refs *r)
{
	return r->npage + (int)t->nannot;
}

void
ptag_write_root(const struct ptag *t, const struct ptag_refs *r,
    struct buf *b)
{
	buf_printf(b, "<< /Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R "
	    "/ParentTreeNextKey %d >>", r->elem0 + PTAG_DOC, r->tree,
	    next_key(t, r));
}

void
ptag_write_tree(const struct ptag *t, const struct ptag_refs *r,
    struct buf *b)
{
	size_t	 i, j;

	buf_puts(b, "<< /Nums [");
	for (i = 0; i < t->npg; i++) {
		if (t->pg[i].n == 0)
			continue;
		buf_printf(b, "\n%zu [", i);
		for (j = 0; j < t->pg[i].n; j++)
			buf_printf(b, j > 0 ? " %d 0 R" : "%d 0 R",
			    r->elem0 + t->pg[i].elem[j]);
		buf_putc(b, ']');
	}
	for (i = 0; i < t->nannot; i++)
		if (t->annot[i] >= 0)
			buf_printf(b, "\n%d %d 0 R", r->npage + (int)i,
			    r->elem0 + t->annot[i]);
	buf_puts(b, "\n] >>");
}
