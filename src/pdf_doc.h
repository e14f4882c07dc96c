/*
 * pdf_doc.h -- a PDF document as recorded by the content calls of
 * pdf.h: a flat list of blocks in reading order, and the page geometry
 * they are laid out in.  Shared by the pdf modules, which each take
 * one job:
 *
 *   pdf.c         the public calls: options, blocks, digest, finish
 *   pdf_md.c      Markdown trees (md.h) -> blocks
 *   pdf_layout.c  blocks -> columns and sheets (keep-together, QR codes)
 *   pdf_draw.c    text set by Pango; the canvas, drawing into pdfw
 *   pdf_font.c    the fonts: loading, signature
 *   pdfw.c        the PDF file: objects, embedded font subsets, links
 *   pdf_tag.c     the structure tree of the tagged PDF: elements in
 *                 reading order, MCIDs per page, the parent tree (the
 *                 layout names each block's element as it draws it,
 *                 and marks furniture as artifacts)
 *   pdf_sum.c     the digests
 *   pdf_chart.c   charts (chart.h): pdf_chart(), their blocks' height
 *                 and drawing through the canvas (no Pango of its own)
 *   pdf_pic.c     pictures (pdf_pic.h): a JPEG's header read, a PNG
 *                 decoded, their size on the page
 *
 * Only pdf_draw.c, pdf_font.c and pdf_sum.c include Pango, cairo or
 * GLib headers, pdf_pic.c cairo's (to decode PNGs), and only pdfw.c
 * and pdf_draw.c HarfBuzz's; this file does not.
 *
 * All lengths are PDF points, y growing downwards from the top of the
 * sheet (pdf_draw.c turns them into PDF's).  Text is Pango markup,
 * escaped with pdf_markup().
 */
#ifndef GONGKAI_PDF_DOC_H
#define GONGKAI_PDF_DOC_H

#include <stddef.h>

#include "pdf.h"
#include "pdf_draw.h"
#include "qr.h"

#define MM	(72.0 / 25.4)	/* points per millimetre */
#define EPS	0.01		/* lengths closer than this are equal */
#define MAXBAR	4		/* quote bars drawn beside a block */

struct buf;
struct pdf_pic;
struct tlay;

enum blk_kind {
	B_TEXT,		/* paragraph, heading, code block */
	B_TABLE,	/* ruled grid */
	B_RULE,		/* horizontal rule */
	B_QR,		/* QR code with its URL */
	B_BREAK,	/* page break */
	B_BAND,		/* heading band */
	B_TOC,		/* table of contents */
	B_CHART,	/* a chart (pdf_chart.c), kept on one page */
	B_PIC		/* a picture and its caption, kept on one page */
};

/* A chart block's copy of the model (chart.h). */
struct pchart {
	int		 kind;		/* enum chart_kind */
	size_t		 n;
	char		**labels;	/* plain text */
	long		*values;
};

enum deco {
	D_NONE,
	D_CODE		/* shaded box behind the text */
};

struct table {
	size_t		 nrows;	/* rows, header rows first */
	size_t		 ncols;	/* columns */
	size_t		 nhead;	/* header rows (repeated on every page) */
	char		**cell;	/* nrows * ncols markup strings, never NULL */
	char		*align;	/* per column: 0, 'l', 'c', 'r' */
	unsigned char	*shade;	/* nrows * ncols: 1 for a shaded, bold cell */
};

struct blk {
	enum blk_kind	 kind;	  /* what this block is */
	char		*markup;  /* B_TEXT text, B_BAND/B_TOC title, B_QR
				     text beside the code */
	char		*markup2; /* B_TEXT list marker, B_BAND subtitle */
	char		*alt;	  /* B_QR: the address as a reader reads it
				     (an IRI, not percent-escapes), plain
				     text, for its Figure's Alt; or NULL */
	enum pdf_face	 font;	  /* B_TEXT */
	double		 size;	  /* B_TEXT: font size; B_QR: side;
				     B_RULE: length, 0 for the column's */
	double		 aside;	  /* B_QR: size of the text beside */
	int		 bold;	  /* B_TEXT */
	int		 level;	  /* B_TEXT: heading level or 0; B_TOC: depth */
	int		 list;	  /* B_TEXT: list nesting, 0 outside lists */
	int		 lid;	  /* B_TEXT in a list: the innermost list's
				     number (tells two lists apart) */
	int		 toc;	  /* heading's entry in the toc, -1
				     if none yet, -2 never (a body's
				     heading) */
	double		 indent;  /* B_TEXT, B_TABLE: left indent */
	double		 before;  /* space above, dropped at a page top */
	double		 after;	  /* space below */
	enum deco	 deco;	  /* B_TEXT */
	int		 nbar;	  /* B_TEXT: quote bars */
	double		 bar[MAXBAR]; /* their x offsets from the margin */
	struct table	*tab;	  /* B_TABLE, owned */
	struct qr	 qr;	  /* B_QR, owned */
	struct pchart	*chart;	  /* B_CHART, owned; markup: its title */
	size_t		 pic;	  /* B_PIC: its picture, in pdf.pics;
				     markup: the caption (its alternative
				     text), NULL for a picture without
				     one (an artifact: decoration);
				     size: the caption's font size */
	/* Laid out by the measuring run, drawn by the second: column
	 * widths are the same in both, so Pango works once.  Owned;
	 * pdf_layout_forget() frees them. */
	struct pdf_text	*lay;	  /* B_TEXT, B_QR: the lines */
	struct tlay	*tl;	  /* B_TABLE: the table's layouts */
};

struct toc_ent {
	size_t		 blk;	/* the heading's block */
	int		 page;	/* 1-based page, after the first run */
	double		 y;	/* its top on that page */
};

struct colours {
	double		 text, muted, rule, shade, code; /* greys */
	double		 band[3];	/* band fill */
	double		 head[3];	/* level-1 headings */
	const char	*link;		/* link text colour, or NULL */
};

struct pdf {
	char			*path;	/* for messages */
	struct pdf_fonts	*f;	/* borrowed */
	char			*title, *author; /* or NULL */
	char			*footer; /* footer format or NULL */
	long			 day;	/* creation day */
	int			 grey;	/* 1: greyscale */
	struct colours		 col;	/* by grey */
	double	 W, H;		/* sheet (media) size */
	double	 bleed;		/* bleed */
	double	 margin;	/* margin inside the trim */
	double	 x0, x1;	/* text column (the current one) */
	double	 gx0, gx1;	/* the whole text area across columns */
	int	 ncols;		/* columns per page, 1 or more */
	double	 gap;		/* between columns */
	double	 ytop, ybot;	/* first and last usable y */
	double	 body;		/* body font size */
	double	 line;		/* body line height */
	struct blk		*b;	/* recorded blocks */
	size_t			 nb, capb;
	int			 has_toc; /* pdf_toc() was called */
	struct toc_ent		*toc;	/* headings in the toc */
	size_t			 ntoc, captoc;
	struct pdf_pic		**pics;	/* pictures (pdf_picture_add),
					   owned */
	size_t			 npics, cappics;
	int			 pages;	/* after the measuring run */
	int			 done;	/* pdf_finish() ran */
};

/* Appends a zeroed block of kind to p (toc -1) and returns it; the
 * pointer is good until the next call. */
struct blk	*pdf_blk_add(struct pdf *p, enum blk_kind kind);

/* Appends s escaped for Pango markup to b. */
void		 pdf_markup(struct buf *b, const char *s);

/* s escaped for Pango markup (caller frees). */
char		*pdf_markup_dup(const char *s);

/* The font size of a heading of level (1-6). */
double		 pdf_head_size(const struct pdf *p, int level);

/*
 * Appends a heading block of level (clamped to 1-6) with markup (the
 * block takes it) at indent and returns it.
 */
struct blk	*pdf_head_add(struct pdf *p, int level, char *markup,
		    double indent);

/* pdf_chart.c: frees a chart block's model; the block's height and
 * drawing in the column x0..x1 from y. */
void		 pchart_free(struct pchart *);
double		 pdf_chart_height(const struct pdf *p, const struct blk *b);
void		 pdf_chart_draw(struct pdf *p, struct pdf_canvas *c,
		    const struct blk *b, double x0, double x1, double y);

/* A table of nrows x ncols empty cells (free with pdf_table_free). */
struct table	*pdf_table_new(size_t nrows, size_t ncols);
void		 pdf_table_free(struct table *);

#endif
