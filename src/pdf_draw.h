/*
 * pdf_draw.h -- text set into lines by Pango and drawn into a PDF: the
 * drawing half of the pdf modules, for the layout (pdf_layout.c),
 * which decides where things go and never sees a Pango type.
 *
 * A pdf_text is a piece of Pango markup broken into lines at a width,
 * with the position of every line: layout measures with it, then
 * draws it with pdf_canvas_text().  A pdf_canvas is the PDF being
 * drawn: paths, fills and text in points, y growing downwards from
 * the top of the sheet, pages, outline entries and links.  It renders
 * Pango's lines itself (a PangoRenderer) into the PDF writer, pdfw.h.
 * Every pdf_canvas_* call takes a NULL canvas and then does nothing,
 * so the layout's measuring run needs no cases.
 *
 * Line breaking: Chinese is broken by Pango with language zh-cn, and
 * no line starts with closing punctuation or ends with opening
 * punctuation (避头尾), wherever the break falls; and a paragraph's
 * last line never holds one character alone while the line above
 * can spare one (孤字: 卫生健康支 / 出 is set 卫生健康 / 支出).
 */
#ifndef GONGKAI_PDF_DRAW_H
#define GONGKAI_PDF_DRAW_H

struct buf;
struct pdf_fonts;
struct pdf_canvas;
struct pdf_memo;

/*
 * The faces a document sets text in.  Headings are the body's family
 * in bold: every face a document uses is a subset of its own in the
 * file, so a document uses two faces, and Mono only for code.
 */
enum pdf_face {
	PDF_BODY,	/* PDF_FAMILY */
	PDF_HEAD,	/* PDF_FAMILY, set bold */
	PDF_MONO,	/* PDF_FAMILY_MONO */
	PDF_NFACES
};

#define PDF_FAMILY	"Noto Sans CJK SC"
#define PDF_FAMILY_MONO	"Noto Sans Mono CJK SC"

/* Text broken into lines; positions in points from the text's top
 * left.  Made by pdf_text_make(), freed by pdf_text_dispose(). */
struct pdf_text {
	void	*pl;	/* a reference to the PangoLayout, which may
			   be shared (the memo); opaque outside
			   pdf_draw.c */
	int	 n;	/* lines */
	double	*top;	/* line tops */
	double	*bot;	/* line bottoms */
	double	*base;	/* baselines */
	double	*x;	/* line origins */
	double	*w;	/* line widths */
	double	 width;	/* the widest line */
	double	 h;	/* height of all lines */
};

/*
 * Sets markup (Pango markup, or plain text if plain is 1) in face at
 * size points, bold if bold, broken into lines width points wide
 * (width <= 0: only at the text's own newlines), aligned 'c', 'r' or
 * left (anything else).  fonts must outlive t.  Never fails: markup
 * Pango rejects is set as plain text.  A short text set before with
 * the same settings shares that layout (the fonts' memo).
 */
void	pdf_text_make(struct pdf_text *t, struct pdf_fonts *fonts,
	    const char *markup, int plain, enum pdf_face face, double size,
	    int bold, double width, int align);

/*
 * The widest piece of t's text between two places a line may break:
 * the least width t can be set in without running over (a table
 * column's least width).
 */
double	pdf_text_least(const struct pdf_text *t);

/*
 * Sets para[0..t->n-1] to the paragraph of t's text each line is of:
 * 0 for the first, one more after each newline (not for a line the
 * width wrapped).
 */
void	pdf_text_paras(const struct pdf_text *t, int *para);

/* Frees what t holds and zeroes it (a zeroed t may be disposed). */
void	pdf_text_dispose(struct pdf_text *t);

/* The memo of a font set's layouts (pdf_text_make), owned by the
 * fonts: made and freed by pdf_font.c. */
struct pdf_memo	*pdf_memo_new(void);
void		 pdf_memo_free(struct pdf_memo *);

/*
 * Starts a PDF set in fonts, of sheets w x h points, whose bytes will
 * be appended to out by pdf_canvas_finish(), with the document
 * information (title and author may be NULL; day: days since
 * 1970-01-01 for the creation and modification dates).  With bleed > 0 each page also says where
 * the sheet is cut (TrimBox: bleed points in from every edge) and how
 * far artwork runs past the cut (BleedBox: the whole sheet), as print
 * shops expect.  Never fails.
 */
struct pdf_canvas *pdf_canvas_new(struct pdf_fonts *fonts, double w,
	    double h, double bleed, const char *title, const char *author,
	    long day, struct buf *out);

/*
 * Ends the last page and writes the PDF into the canvas's buffer.
 * Frees c.  Returns 0, or -1 after reporting the error against path.
 */
int	pdf_canvas_finish(struct pdf_canvas *c, const char *path);

/* Ends the current page; drawing continues on a new one. */
void	pdf_canvas_page(struct pdf_canvas *c);

/* The colour of what is filled, stroked or set next. */
void	pdf_canvas_grey(struct pdf_canvas *c, double g);
void	pdf_canvas_rgb(struct pdf_canvas *c, const double rgb[3]);

/* Adds a rectangle or a line to the current path. */
void	pdf_canvas_rect(struct pdf_canvas *c, double x, double y, double w,
	    double h);
void	pdf_canvas_line(struct pdf_canvas *c, double x0, double y0,
	    double x1, double y1);

/* Fills the path, or strokes it width points wide; either clears it. */
void	pdf_canvas_fill(struct pdf_canvas *c);
void	pdf_canvas_stroke(struct pdf_canvas *c, double width);

/* A dotted line (dots size points across, gap apart) from x0 to x1. */
void	pdf_canvas_dots(struct pdf_canvas *c, double x0, double x1,
	    double y, double size, double gap);

/* Draws lines [from, to) of t so that line from's top lands at y. */
void	pdf_canvas_text(struct pdf_canvas *c, const struct pdf_text *t,
	    double x, double y, int from, int to);

/* Draws line i of t starting at x with its baseline at base. */
void	pdf_canvas_line_at(struct pdf_canvas *c, const struct pdf_text *t,
	    int i, double x, double base);

/*
 * Draws picture pic (pdf_pic.h) filling the box at x, y (its top left)
 * w x h points.  id is its number in the document: a picture drawn
 * again is written into the file once.
 */
struct pdf_pic;
void	pdf_canvas_image(struct pdf_canvas *c, const struct pdf_pic *pic,
	    size_t id, double x, double y, double w, double h);

/*
 * An outline entry (bookmark) with the text of markup, at level 1-7
 * under the last entry of a lower level, pointing at page (1-based)
 * and x, y on it.
 */
void	pdf_canvas_outline(struct pdf_canvas *c, int level,
	    const char *markup, int page, double x, double y);

/*
 * Tagging: the layout says what it draws.  pdf_canvas_elem() makes a
 * structure element of standard type ("H2", "P", "Table", "TR", "TD",
 * "Figure"; a static string) under parent (PDF_DOC or an element made
 * before) and returns its number (-1 with a NULL canvas);
 * pdf_canvas_alt() gives it the text of markup as its alternative
 * text; pdf_canvas_mark() says that what is drawn next belongs to
 * element what, or is furniture (PDF_ARTIFACT) or a running footer
 * (PDF_PAGINATION).  Every drawing call belongs to the last mark,
 * across page ends: content that continues on the next page stays in
 * its element.
 */
#define PDF_DOC		 0
#define PDF_ARTIFACT	-1
#define PDF_PAGINATION	-2

int	pdf_canvas_elem(struct pdf_canvas *c, int parent, const char *type);
void	pdf_canvas_alt(struct pdf_canvas *c, int elem, const char *markup);
/* An attribute of elem, as pdfw_attr(): owner, key, value names. */
void	pdf_canvas_attr(struct pdf_canvas *c, int elem, const char *owner,
	    const char *key, const char *value);
void	pdf_canvas_mark(struct pdf_canvas *c, int what);
/* Sets elem's bounding box: x, y its top left, w x h points. */
void	pdf_canvas_bbox(struct pdf_canvas *c, int elem, double x, double y,
	    double w, double h);

/*
 * What is drawn between the two calls links to page at x, y; the link
 * says the text of markup (where it goes: a contents entry's title).
 */
void	pdf_canvas_link_begin(struct pdf_canvas *c, int page, double x,
	    double y, const char *markup);
void	pdf_canvas_link_end(struct pdf_canvas *c);

#endif
