/*
 * unit_pdf_tag.c -- the books of a tagged PDF (pdf_tag.h): elements
 * in the order made under their parents, MCIDs counted per page, a
 * paragraph continued on the next page (one element, content on two
 * pages: /Pg its first, an MCR dictionary for the other), a link's
 * annotation, the parent tree (pages by MCID, then the annotation's
 * key) and the root, an attribute (a TH's /Scope), written as the
 * dictionaries pdfw.c puts in objects.
 */
#include <string.h>

#include "buf.h"
#include "pdf_tag.h"
#include "t.h"

int
main(void)
{
	struct ptag		*t = ptag_new();
	struct ptag_refs	 r;
	struct buf		 b = BUF_INIT;
	int			 h, p, tab, tr, td, th, fig, lnk;

	/* the Document is element 0, with nothing yet */
	OK(ptag_count(t) == 1);
	STR_EQ(ptag_type(t, PTAG_DOC), "Document");
	OK(ptag_page_mcids(t, 0) == 0);

	/* page 0: a heading, a paragraph that goes on to page 1 */
	h = ptag_elem(t, PTAG_DOC, "H1");
	p = ptag_elem(t, PTAG_DOC, "P");
	OK(h == 1 && p == 2);
	OK(ptag_mcid(t, h, 0) == 0);
	OK(ptag_mcid(t, p, 0) == 1);
	/* page 1: MCIDs start again */
	OK(ptag_mcid(t, p, 1) == 0);
	tab = ptag_elem(t, PTAG_DOC, "Table");
	tr = ptag_elem(t, tab, "TR");
	td = ptag_elem(t, tr, "TD");
	OK(ptag_mcid(t, td, 1) == 1);
	fig = ptag_elem(t, PTAG_DOC, "Figure");
	ptag_alt(t, fig, "二维码：https://a.cn/");
	OK(ptag_mcid(t, fig, 1) == 2);
	/* page 2: nothing tagged; page 3: a link */
	lnk = ptag_elem(t, PTAG_DOC, "Link");
	OK(ptag_mcid(t, lnk, 3) == 0);
	ptag_annot(t, lnk, 0, 3);

	OK(ptag_count(t) == 8);
	OK(ptag_page_mcids(t, 0) == 2);
	OK(ptag_page_mcids(t, 1) == 3);
	OK(ptag_page_mcids(t, 2) == 0);
	OK(ptag_page_mcids(t, 3) == 1);
	OK(ptag_page_mcids(t, 9) == 0);
	OK(ptag_mcid_elem(t, 0, 0) == h);
	OK(ptag_mcid_elem(t, 0, 1) == p);
	OK(ptag_mcid_elem(t, 1, 0) == p);
	OK(ptag_mcid_elem(t, 1, 1) == td);
	OK(ptag_mcid_elem(t, 1, 2) == fig);
	OK(ptag_mcid_elem(t, 1, 3) == -1);
	OK(ptag_annot_elem(t, 0) == lnk);
	OK(ptag_annot_elem(t, 1) == -1);

	/* objects: pages 10-13, annotation 20, root 30, tree 31,
	 * elements from 40 */
	r.page0 = 10;
	r.annot0 = 20;
	r.root = 30;
	r.tree = 31;
	r.elem0 = 40;
	r.npage = 4;

	ptag_write_elem(t, PTAG_DOC, &r, &b);
	STR_EQ(b.data, "<< /S /Document /P 30 0 R "
	    "/K [41 0 R 42 0 R 43 0 R 46 0 R 47 0 R] >>");
	buf_reset(&b);
	ptag_write_elem(t, h, &r, &b);
	STR_EQ(b.data, "<< /S /H1 /P 40 0 R /Pg 10 0 R "
	    "/K [0] >>");
	/* one element on two pages */
	buf_reset(&b);
	ptag_write_elem(t, p, &r, &b);
	STR_EQ(b.data, "<< /S /P /P 40 0 R /Pg 10 0 R "
	    "/K [1 << /Type /MCR /Pg 11 0 R /MCID 0 >>] >>");
	/* containers: children only, no page */
	buf_reset(&b);
	ptag_write_elem(t, tr, &r, &b);
	STR_EQ(b.data, "<< /S /TR /P 43 0 R /K [45 0 R] >>");
	buf_reset(&b);
	ptag_write_elem(t, td, &r, &b);
	STR_EQ(b.data, "<< /S /TD /P 44 0 R /Pg 11 0 R "
	    "/K [1] >>");
	/* alternative text in UTF-16BE */
	buf_reset(&b);
	ptag_write_elem(t, fig, &r, &b);
	STR_EQ(b.data, "<< /S /Figure /P 40 0 R "
	    "/Pg 11 0 R /Alt <FEFF4E8C7EF47801FF1A00680074007400700073003A"
	    "002F002F0061002E0063006E002F> /K [2] >>");
	/* a link: its content and its annotation */
	buf_reset(&b);
	ptag_write_elem(t, lnk, &r, &b);
	STR_EQ(b.data, "<< /S /Link /P 40 0 R /Pg 13 0 R "
	    "/K [0 << /Type /OBJR /Pg 13 0 R /Obj 20 0 R >>] >>");

	/* the parent tree: pages 0, 1 and 3 by MCID, the annotation
	 * under key 4 (after the four pages) */
	buf_reset(&b);
	ptag_write_tree(t, &r, &b);
	STR_EQ(b.data, "<< /Nums [\n0 [41 0 R 42 0 R]\n"
	    "1 [42 0 R 45 0 R 46 0 R]\n3 [47 0 R]\n4 47 0 R\n] >>");
	buf_reset(&b);
	ptag_write_root(t, &r, &b);
	STR_EQ(b.data, "<< /Type /StructTreeRoot /K 40 0 R /ParentTree 31 0 R "
	    "/ParentTreeNextKey 5 >>");

	/* an unknown parent is the Document's */
	OK(ptag_elem(t, 99, "P") == 8);
	buf_reset(&b);
	ptag_write_elem(t, 8, &r, &b);
	STR_EQ(b.data, "<< /S /P /P 40 0 R >>");

	/* an attribute: a TH heading its column (the last one set) */
	OK((th = ptag_elem(t, tr, "TH")) == 9);
	ptag_attr(t, th, "Table", "Scope", "Row");
	ptag_attr(t, th, "Table", "Scope", "Column");
	buf_reset(&b);
	ptag_write_elem(t, th, &r, &b);
	STR_EQ(b.data, "<< /S /TH /P 44 0 R "
	    "/A << /O /Table /Scope /Column >> >>");

	buf_dispose(&b);
	ptag_free(t);
	ptag_free(NULL);
	return T_DONE();
}
