/*
 * pdf_layout.h -- the blocks of a document (pdf_doc.h) placed on
 * sheets: columns, page breaks, what is kept together, and where each
 * table row, text line and QR code goes.
 *
 * pdf_finish() runs the same layout twice: the first run only measures
 * and notes the page of every heading in the table of contents and the
 * number of pages; the second draws, now able to print both.
 * Pagination never depends on those numbers, so both runs agree.
 *
 * Rules (the contract of pdf.h, in detail):
 * - Columns fill top to bottom, left to right, then a new sheet.  A
 *   band or page break starts a sheet; bands and footers span all
 *   columns.
 * - A heading is never the last thing in a column: it moves on with
 *   the headings that follow it and two lines of what comes after.
 * - A QR code recorded after a heading and before the next one stays
 *   in that heading's column: the heading moves on with everything up
 *   to the code, unless that is taller than a column.
 * - Other text fills the column and continues in the next, leaving at
 *   least two lines on each side of the break (no orphan, no widow),
 *   so a paragraph of three lines or fewer never splits.
 * - A table's header row repeats in every column the table continues
 *   to, and never ends one without a row under it; a row splits only
 *   when it is taller than a column.
 */
#ifndef GONGKAI_PDF_LAYOUT_H
#define GONGKAI_PDF_LAYOUT_H

struct pdf;
struct pdf_canvas;

/*
 * Lays out every block of p: measuring only (c NULL: notes the toc's
 * pages in p->toc) or drawing on c.  Returns the number of pages.
 */
int	pdf_layout_run(struct pdf *p, struct pdf_canvas *c);

/* Frees the text and table layouts the runs cached in p's blocks. */
void	pdf_layout_forget(struct pdf *p);

#endif
