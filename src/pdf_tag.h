/*
 * pdf_tag.h -- the books of a tagged PDF: the structure elements in
 * reading order, the marked content (MCIDs) of every page that
 * belongs to them, link annotations, and the parent tree that leads
 * back from content to its element.  Bookkeeping only, in one place:
 * pdfw.c writes the marked-content operators and the objects, and
 * asks this module for the dictionaries.
 *
 * Elements are numbered from 0 in the order they are made, and a
 * parent is made before its children, so the numbers are the reading
 * order of a depth-first walk.  Element 0 is the Document, made by
 * ptag_new().  Pages and annotations are numbered from 0 too.
 *
 * An element's kids are kept in the order they were added: child
 * elements, marked content on any page (a paragraph that continues in
 * the next column or on the next page is one element whose content is
 * on several pages) and link annotations.
 */
#ifndef GONGKAI_PDF_TAG_H
#define GONGKAI_PDF_TAG_H

struct buf;
struct ptag;

#define PTAG_DOC	0	/* the Document element */

/* The object numbers the dictionaries refer to. */
struct ptag_refs {
	int	 elem0;		/* element k is object elem0 + k */
	int	 root;		/* the StructTreeRoot */
	int	 tree;		/* the ParentTree */
	int	 page0;		/* page k is object page0 + k */
	int	 annot0;	/* annotation k is object annot0 + k */
	int	 npage;		/* pages: the annotations' keys follow */
};

/* A structure tree holding only the Document (free with ptag_free). */
struct ptag	*ptag_new(void);
void		 ptag_free(struct ptag *t);

/*
 * Makes an element of standard type (a string that outlives t, e.g.
 * "P", "H2", "TD") as the last child of parent.  Returns its number.
 */
int		 ptag_elem(struct ptag *t, int parent, const char *type);

/* The type of element e. */
const char	*ptag_type(const struct ptag *t, int e);

/* Sets element e's alternative text (UTF-8, copied). */
void		 ptag_alt(struct ptag *t, int e, const char *alt);

/*
 * Sets element e's one attribute: key with value, both names, of the
 * standard attribute owner (strings that outlive t): "Table", "Scope",
 * "Column" writes /A << /O /Table /Scope /Column >>.
 */
void		 ptag_attr(struct ptag *t, int e, const char *owner,
		    const char *key, const char *value);

/*
 * Sets element e's bounding box, x0 y0 x1 y1 in points of the page its
 * content is on: /A << /O /Layout /BBox [...] >>, beside any attribute
 * of ptag_attr().
 */
void		 ptag_bbox(struct ptag *t, int e, double x0, double y0,
		    double x1, double y1);

/*
 * Adds a piece of marked content on page (0-based) to element e's
 * kids.  Returns its MCID: 0, 1, 2 ... on each page.
 */
int		 ptag_mcid(struct ptag *t, int e, int page);

/*
 * Adds link annotation annot (0-based, annotations numbered in the
 * order they are made) on page to element e's kids.  Its key in the
 * parent tree (its /StructParent) is npage + annot.
 */
void		 ptag_annot(struct ptag *t, int e, int annot, int page);

/* The element of annotation annot, or -1 if it has none. */
int		 ptag_annot_elem(const struct ptag *t, int annot);

/* The number of elements. */
int		 ptag_count(const struct ptag *t);

/* The number of MCIDs on page (0: the page has no /StructParents). */
int		 ptag_page_mcids(const struct ptag *t, int page);

/* The element of MCID mcid on page, or -1. */
int		 ptag_mcid_elem(const struct ptag *t, int page, int mcid);

/* Appends element e's dictionary (<< /S /P /P 12 0 R ... >>) to b. */
void		 ptag_write_elem(const struct ptag *t, int e,
		    const struct ptag_refs *r, struct buf *b);

/* Appends the StructTreeRoot's dictionary to b. */
void		 ptag_write_root(const struct ptag *t,
		    const struct ptag_refs *r, struct buf *b);

/*
 * Appends the ParentTree's dictionary to b: a number tree of one node
 * whose keys are the pages with marked content (their index; the
 * value is the array of elements by MCID) and then the annotations
 * with an element (npage + their index).
 */
void		 ptag_write_tree(const struct ptag *t,
		    const struct ptag_refs *r, struct buf *b);

#endif
