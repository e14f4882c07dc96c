/*
 * pdf.h -- print-ready PDF documents laid out in-process.  The pdf
 * modules behind this header (pdf_doc.h lists them) are the only users
 * of Pango, cairo (for its FreeType faces) and HarfBuzz.
 *
 * A document is built in three steps: pdf_new(), any number of content
 * calls that record blocks in reading order, then pdf_finish(), which
 * lays the blocks out twice -- once to learn on which page everything
 * falls and how many pages there are, once to draw -- so that the table
 * of contents and the "page N of M" footers carry real numbers.  The
 * content calls never fail except pdf_qr(); the caller never needs to
 * run its own two passes.
 *
 * Units: sizes the caller passes are in millimetres (paper, bleed, QR)
 * or points (font size).  Text is UTF-8 and taken literally (escaped
 * for Pango here) unless a comment says otherwise.
 *
 * Fonts: "Noto Sans CJK SC" for body text and, bold, for headings;
 * "Noto Sans Mono CJK SC" for code only, embedded as subsets.
 * Chinese is broken into lines by Pango with language zh-cn, and no
 * line starts with closing punctuation or ends with opening
 * punctuation (避头尾); no paragraph or table cell ends with a line of
 * one character alone (孤字).
 */
#ifndef GONGKAI_PDF_H
#define GONGKAI_PDF_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct mnode;
struct qr;

/* The process-wide font map and Pango context (opaque). */
struct pdf_fonts;
/* One document being built (opaque). */
struct pdf;

struct pdf_opts {
	const char	*paper;	     /* "A4", "A3", "A2" or "A1"; NULL: A4 */
	int		 landscape;  /* 1: long side horizontal */
	double		 bleed_mm;   /* artwork past the trim; 0: none */
	int		 grey;	     /* 1: greyscale only (black toner) */
	double		 body_pt;    /* body text size; 0: by paper size */
	long		 creation_day; /* days since 1970-01-01: the PDF's
					  CreationDate and ModDate */
	const char	*title;	     /* document title, or NULL */
	const char	*author;     /* document author, or NULL */
	int		 columns;    /* text columns per page; 0 or 1:
					one.  Bands and footers span them
					all; a table or paragraph that
					does not fit continues in the next
					column (at least two lines on each
					side), pdf_page_break() on a new
					page */
	const char	*footer_fmt; /* e.g. "第 %d 页 共 %d 页": page and
					total (only %d twice and %%), or
					NULL for no footer */
};

/* One row of a metadata table (索引号, 发布日期, ...). */
struct pdf_meta {
	const char	*label;	/* e.g. "索引号" */
	const char	*value;	/* e.g. "ZJ-001/2024-00012" */
};

/*
 * Loads the fonts once per process.  Never fails (a missing font is
 * replaced by fontconfig's best match).  Free with pdf_fonts_free()
 * after the last pdf_free().
 */
struct pdf_fonts *pdf_fonts_new(void);
void		 pdf_fonts_free(struct pdf_fonts *);
/*
 * 1 if the n bytes of UTF-8 at s hold a character that no font the PDFs
 * set text in has (it prints as an empty box: 彝文, 藏文 or 蒙古文 where
 * no font for them is installed, a CJK extension past the BMP): the
 * first one's offset in *off, its length in bytes in *len, the
 * character in *cp; else 0.  ASCII, characters that show nothing
 * (variation selectors, joiners) and bytes that are no UTF-8 are not
 * asked about.
 */
int		 pdf_fonts_lack(struct pdf_fonts *, const char *s, size_t n,
		    size_t *off, size_t *len, uint32_t *cp);

/*
 * Makes the body and heading faces ready for the subsets of many
 * documents: about a second and 345 MB a face once, then each
 * document's subsets take a fifth of the time (pdfw_prep in pdfw.h).
 * Call before forking workers, and only for hundreds of documents.
 * Output is unchanged.
 */
void		 pdf_fonts_prepare(struct pdf_fonts *);

/*
 * Starts a document.  path names the output in messages.  fonts must
 * outlive the document; opts and its strings are copied.  Returns 0
 * and sets *out (free with pdf_free), or -1 after reporting a bad
 * option (unknown paper, negative bleed, bad footer format).
 */
int	pdf_new(const char *path, const struct pdf_opts *opts,
	    struct pdf_fonts *fonts, struct pdf **out);
void	pdf_free(struct pdf *);

/*
 * A dark band across the top of a page, bled off the trim edge, with
 * the title (the unit's name) large and the subtitle (e.g.
 * "截至 2024 年 5 月 1 日") below it; subtitle may be NULL.  Starts a
 * new page unless the current one is still empty.
 */
void	pdf_heading_band(struct pdf *, const char *title,
	    const char *subtitle);

/*
 * A heading of level 1 (largest) to 6.  Headings of level at most the
 * depth given to pdf_toc() are listed in the table of contents and in
 * the PDF outline (bookmarks).  A heading never ends a page alone.
 */
void	pdf_heading(struct pdf *, int level, const char *text);

/*
 * A table of contents: the title, then one line per heading recorded
 * anywhere in the document with level <= depth, with dot leaders and
 * the page number it falls on.  At most one per document.
 */
void	pdf_toc(struct pdf *, const char *title, int depth);

/*
 * A Markdown body (the tree is only read, and may be freed on
 * return).  Its headings are set one level below their Markdown level,
 * under the item's own pdf_heading(p, 1, ...), and are not in the
 * table of contents.  Tables are ruled grids whose header row repeats
 * on every page the table continues to; a row never splits unless it
 * is taller than a page; one too wide is set smaller, down to 6.5 pt,
 * before a word breaks.  Images show their alternative text, ［图：…］
 * (pdf_markdown_pics() draws them), links never published (md.h)
 * their text only.
 * Footnotes are numbered references in the text and the notes at the
 * end of the body, under a short rule.
 */
void	pdf_markdown(struct pdf *, const struct mnode *doc);

/*
 * The same with the body's level-1 Markdown headings set at level
 * (pdf_markdown() is level 2), for bodies under deeper headings.
 */
void	pdf_markdown_at(struct pdf *, const struct mnode *doc, int level);

/*
 * Pictures.  pdf_picture_add() takes the len bytes of a picture file,
 * JPEG (baseline or progressive; grey, RGB or CMYK: embedded as they
 * are) or PNG (decoded; its transparency kept), into the document,
 * and returns its number; or -1 and *why, a phrase about the file for
 * a message ("is a GIF, which print does not draw (only JPEG and PNG
 * pictures)"), having said nothing.  pdf_picture_add() refuses a
 * picture of more than 40 million pixels.  In a greyscale document
 * (pdf_opts.grey) every picture is drawn in greys.
 */
int	pdf_picture_add(struct pdf *, const void *data, size_t len,
	    const char **why);

/*
 * The picture of destination dest (as written), at line and byte
 * column col of the Markdown: a number pdf_picture_add() gave, or -1
 * to show the picture's description as text, ［图：…］ (the callback
 * says why, where that is worth a word).
 */
typedef int (*pdf_pic_fn)(void *arg, const char *dest, int line, int col);

/*
 * pdf_markdown_at() that draws pictures: a picture that stands in a
 * paragraph (alone, or as the only content of a link) and that fn
 * gives is drawn there, in the flow of the text, centred: its size at
 * 150 dpi, made smaller to fit the column's width and half the page's
 * text height, with its description under it as a small caption,
 * never split from it or across pages; a tagged Figure with the
 * description as its Alt, or decoration (an artifact) without one.
 * Pictures elsewhere (a heading, a table cell, inside emphasis) show
 * their description as text, and fn is not asked.
 */
void	pdf_markdown_pics(struct pdf *, const struct mnode *doc, int level,
	    pdf_pic_fn fn, void *arg);

/* A ruled two-pairs-per-row table of label/value pairs. */
void	pdf_meta_table(struct pdf *, const struct pdf_meta *rows, size_t n);


/*
 * A QR code for url, size_mm square including its quiet zone, at the
 * left margin with the URL printed beside it.  A code recorded after a
 * heading and before the next one stays in that heading's column,
 * with everything between them (an item's first lines), unless that
 * is taller than a column.  Returns 0, or -1 after reporting that url
 * cannot be encoded.
 */
int	pdf_qr(struct pdf *, const char *url, double size_mm);

/*
 * The same with text printed beside the code instead of the URL (e.g.
 * the URL with its percent-escapes decoded, for reading on paper).
 */
int	pdf_qr_text(struct pdf *, const char *url, const char *text,
	    double size_mm);

/*
 * The same with a code already encoded (qr.h), copied: for callers
 * that also need the code elsewhere (an SVG twin) and its size first.
 */
void	pdf_qr_code(struct pdf *, const struct qr *q, const char *text,
	    double size_mm);

/*
 * The same with an item's facts beside the code, for a narrow column:
 * the pairs as one paragraph in body type, "索引号 … · 发布日期
 * 2026-03-01 · …" with bold labels, breaking between pairs and never
 * inside one (unless a pair is wider than the column); then note (e.g.
 * the provenance line) and text, each from a new line, in smaller grey
 * type.  The block is as tall as the taller of code and facts.
 */
void	pdf_qr_meta(struct pdf *, const struct qr *q,
	    const struct pdf_meta *rows, size_t n, const char *note,
	    const char *text, double size_mm);

/*
 * A chart (chart.h: bars or a line, its title above it) across the
 * column, never split across pages: the same numbers a page's SVG
 * shows.  The model is copied.
 */
struct chart;
void	pdf_chart(struct pdf *, const struct chart *);

/* Continues on a new page unless the current one is still empty. */
void	pdf_page_break(struct pdf *);

/*
 * Lays out and draws the document and appends the PDF's bytes to out.
 * Equal inputs give byte-identical output (no clock, fixed IDs).
 * Returns 0, or -1 after reporting an error.  Afterwards only
 * pdf_pages() and pdf_free() may be called.
 */
int	pdf_finish(struct pdf *, struct buf *out);

/*
 * A SHA-256 (64 hex digits and a NUL in hex) of everything
 * pdf_finish() would make the bytes from: the recorded content, the
 * options, the font files and folders, the HarfBuzz and Pango versions,
 * and the caller's extra text (e.g. the program's own identity).
 * Equal digests give equal bytes, so a finished PDF can be cached
 * under its digest.  Call before pdf_finish().
 */
void	pdf_digest(const struct pdf *, const char *extra, char hex[65]);

/* The number of pages, once pdf_finish() has succeeded. */
int	pdf_pages(const struct pdf *);

/*
 * Breaks the plain text into lines as body text of size_pt would break
 * in a column width_pt wide, appending the lines to out separated by
 * '\n'.  For tests of line breaking.
 */
void	pdf_wrap(struct pdf_fonts *, const char *text, double width_pt,
	    double size_pt, struct buf *out);

#endif
