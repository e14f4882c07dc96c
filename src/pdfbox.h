/*
 * pdfbox.h -- page boxes for print shops: the only user of libqpdf.
 *
 * cairo writes only a MediaBox; a print shop needs to know where the
 * sheet is cut (TrimBox) and how far artwork runs past the cut
 * (BleedBox).  This rewrites a PDF held in memory to carry both, with
 * a document ID derived from the content so that equal inputs give
 * equal bytes.
 */
#ifndef GONGKAI_PDFBOX_H
#define GONGKAI_PDFBOX_H

struct buf;

/* A rectangle in PDF points, origin at the bottom left of the page. */
struct pdfbox_rect {
	double	x0, y0;	/* lower left corner */
	double	x1, y1;	/* upper right corner */
};

/*
 * Sets /TrimBox to trim and /BleedBox and /MediaBox to bleed on every
 * page of the PDF in pdf, replacing its bytes with the rewritten
 * document.  path names the PDF in messages.  Returns 0, or -1 after
 * reporting an error (pdf is then unchanged).
 */
int	pdfbox_set(const char *path, struct buf *pdf,
	    const struct pdfbox_rect *trim, const struct pdfbox_rect *bleed);

#endif
