/*
 * glyphs.h -- which characters of an item print as empty boxes: no font
 * the PDFs set text in has them (pdf_fonts_lack).
 */
#ifndef GONGKAI_GLYPHS_H
#define GONGKAI_GLYPHS_H

struct item;
struct item_body;
struct pdf_fonts;

/*
 * Warns of each character of item it (its title, then its body, then
 * its table) that no font has, once each, at its first place: it
 * prints as an empty box, a gap in a name on a list of rewards.  At
 * most eight characters an item are said, then how many more places
 * hold such characters.  A web page shows them in the reader's fonts.
 */
void	glyphs_say_lacking(struct pdf_fonts *, const struct item *it,
	    const struct item_body *body);

#endif
