/*
 * pdf_font.h -- the fonts of every PDF: loaded once per process
 * (pdf_fonts_new() in pdf.h) and their part of a document's digest.
 *
 * Fallback: a character the Noto faces lack is set in fontconfig's
 * best match among the installed fonts, so the fonts' signature covers
 * the font folders fontconfig reads, not only the Noto files.
 *
 * The calls that speak Pango's types are declared only for a file
 * that has included <pango/pangocairo.h> first (pdf_font.c,
 * pdf_draw.c); the rest of the program sees the signature only.
 */
#ifndef GONGKAI_PDF_FONT_H
#define GONGKAI_PDF_FONT_H

#include "pdf_draw.h"

/* Opaque outside pdf_font.c. */
struct pdf_fonts;
struct pdfw_prep;

/*
 * The fonts' and libraries' part of every document's digest (64 hex
 * digits): HarfBuzz and Pango versions, the file and face index of each
 * face (regular and bold), and the font folders fontconfig reads.
 * Owned by f.
 */
const char	*pdf_font_sig(const struct pdf_fonts *f);

/* The faces pdf_fonts_prepare() made ready for subsetting.  Owned by
 * f. */
const struct pdfw_prep *pdf_font_prep(const struct pdf_fonts *f);
/* The layouts made in f's context, for pdf_text_make().  Owned by f. */
struct pdf_memo	*pdf_font_memo(struct pdf_fonts *f);

#ifdef PANGO_TYPE_LAYOUT
/* The Pango context every layout is made in: zh-cn, left to right,
 * 72 dpi, unhinted metrics.  Owned by f. */
PangoContext	*pdf_font_context(struct pdf_fonts *f);

/* The description of face at 10 points.  Owned by f. */
const PangoFontDescription *pdf_font_desc(struct pdf_fonts *f,
		    enum pdf_face face);

#endif

#endif
