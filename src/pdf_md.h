/*
 * pdf_md.h -- a Markdown tree (md.h) as blocks of a PDF document
 * (pdf_doc.h): the walk behind pdf_markdown().
 *
 * Paragraphs, headings, lists (markers hung in the margin), quotes
 * (bars beside them), code blocks (shaded, monospaced), rules and
 * tables become blocks at the document's body size; inlines become
 * Pango markup.  A soft break is a space between two non-CJK
 * characters and nothing otherwise.  On paper a link shows an
 * absolute URL after its text, and an image its alternative text
 * unless it is drawn: a picture of a paragraph splits it into text
 * before, the picture (a block of its own) and text after.
 * Footnotes are numbered references (superscript) in the text and the
 * notes themselves at the end, under a short rule, as in print.
 */
#ifndef GONGKAI_PDF_MD_H
#define GONGKAI_PDF_MD_H

#include "pdf.h"

struct mnode;

/*
 * Appends the blocks of doc (only read) to p, with the level-1
 * Markdown headings at heading level (1-6) and the deeper ones below
 * it; they are never in the table of contents.  With fn (not NULL),
 * a picture standing in a paragraph is drawn if fn gives it
 * (pdf_markdown_pics in pdf.h).
 */
void	pdf_md_blocks(struct pdf *p, const struct mnode *doc, int level,
	    pdf_pic_fn fn, void *arg);

#endif
