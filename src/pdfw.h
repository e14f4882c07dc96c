/*
 * pdfw.h -- the PDF file writer: objects, pages and their content
 * streams, fonts embedded as subsets, outline, links, page boxes and
 * the document information, written by hand in one pass.
 *
 * Why not cairo's PDF surface: it read each face's whole CFF table
 * (15-16 MB in the Noto CJK collections) twice per document, formatted
 * every coordinate with printf and ran every page through a recording
 * surface: about 0.16 s of CPU a board, three times what 1,000 villages
 * in a minute allow (bench/README.md).  This writer takes glyphs as
 * Pango shaped them and leaves subsetting to HarfBuzz (hb-subset).
 *
 * Coordinates are PDF's: points, origin at the bottom left of the
 * sheet, y growing upwards.  The drawing operators of a page are
 * appended to pdfw_ops() by the caller (pdf_draw.c), with pdfw_num();
 * text goes through pdfw_text_*, which keeps the fonts' books.
 *
 * Output depends only on the calls made: equal documents give equal
 * bytes (no time, no random subset tag, the ID is a digest).
 */
#ifndef GONGKAI_PDFW_H
#define GONGKAI_PDFW_H

#include <stddef.h>

struct buf;
struct hb_face_t;
struct pdfw;
struct pdfw_prep;

/* A rectangle in points, PDF space. */
struct pdfw_box {
	double	x0, y0;	/* lower left */
	double	x1, y1;	/* upper right */
};

/* How a face's glyphs are embedded. */
enum pdfw_kind {
	PDFW_CFF,	/* CID-keyed CFF: codes are the CIDs */
	PDFW_TRUETYPE	/* TrueType outlines: codes are glyph ids */
};

/* What the document information and page boxes say. */
struct pdfw_info {
	const char		*title;	 /* or NULL */
	const char		*author; /* or NULL */
	const char		*creator; /* or NULL */
	long			 day;	 /* days since 1970-01-01 */
	const struct pdfw_box	*trim;	 /* or NULL: no TrimBox */
	const struct pdfw_box	*bleed;	 /* or NULL: no BleedBox */
	const struct pdfw_prep	*prep;	 /* or NULL (below) */
	const char		*lang;	 /* BCP 47 tag (zh-CN) or NULL */
};

/*
 * Faces made ready for subsetting (hb_subset_preprocess), shared by
 * the documents of a process.  A subset of a prepared face takes a
 * fifth of the time (Noto Sans CJK: 1.5 ms against 7), but preparing
 * costs about a second and 345 MB a face: worth it for hundreds of
 * documents, not for one.  The subsets are the same bytes either way.
 */
struct pdfw_prep *pdfw_prep_new(void);

/*
 * Prepares the n faces (pdfw_prep keeps a reference to each) that are
 * not yet, at the same time, in one thread each.
 */
void		 pdfw_prep_add(struct pdfw_prep *p,
		    struct hb_face_t **faces, size_t n);

void		 pdfw_prep_free(struct pdfw_prep *p);

/* Starts a document of sheets w x h points.  The strings are copied. */
struct pdfw	*pdfw_new(double w, double h, const struct pdfw_info *info);

/*
 * Ends the last page (a document has at least one), writes the
 * fonts, outline, structure tree and cross-reference stream and
 * appends the file to out.  Frees w.  Returns 0, or -1 after reporting
 * against path.
 */
int		 pdfw_finish(struct pdfw *w, const char *path, struct buf *out);

/* Frees w without writing anything (w may be NULL). */
void		 pdfw_free(struct pdfw *w);

/* Ends the current page; what is drawn next goes on a new one. */
void		 pdfw_page(struct pdfw *w);

/* The current page's 1-based number. */
int		 pdfw_page_no(const struct pdfw *w);

/* The content stream of the current page, for drawing operators. */
struct buf	*pdfw_ops(struct pdfw *w);

/* Appends v rounded to 1/1000 and a space: "12.5 ", "-3 ". */
void		 pdfw_num(struct buf *b, double v);

/*
 * The font of face (HarfBuzz's; w takes a reference) with kind and
 * PostScript name psname: its number in w, the same for the same face
 * on every call.
 */
int		 pdfw_font(struct pdfw *w, struct hb_face_t *face,
		    enum pdfw_kind kind, const char *psname);

/* How text is rendered (pdfw_text_begin). */
enum pdfw_mode {
	PDFW_FILL,	/* filled with the fill colour */
	PDFW_STROKE,	/* filled, and stroked with the stroke colour
			   and line width (the caller sets both before) */
	PDFW_HIDDEN	/* not painted: text only for copying and
			   searching, over what stands for it */
};

/*
 * Sets text in font at size points from x, y (the first glyph's
 * origin), slanted by skew (x grows skew per unit of y: 0 upright),
 * rendered as mode says (the fill colour set before).
 */
void		 pdfw_text_begin(struct pdfw *w, int font, double size,
		    double x, double y, double skew, enum pdfw_mode mode);

/*
 * Shows glyph gid of the font, whose CID (pdfw_kind) is code, with
 * its origin dx points after the run's start.  text (len bytes of
 * UTF-8) is what the glyph stands for, for copying and searching.
 * "" says nothing: the glyph has no text of its own (the second of
 * a cluster, whose first stands for the cluster's text) and is
 * covered by an empty /ActualText, so that a reader copies the
 * cluster's text once.  A glyph given two texts (金 and the radical
 * ⾦ share one, · and • do) is shown from a twin of the font for the
 * second, each text in its own font's ToUnicode map, so that every
 * reader copies what was set.
 */
void		 pdfw_text_glyph(struct pdfw *w, unsigned gid, unsigned code,
		    double dx, const char *text, size_t len);

void		 pdfw_text_end(struct pdfw *w);

/*
 * An outline entry (bookmark) reading title (UTF-8) at level 1 or
 * more, under the last entry of a lower level, that shows page
 * (1-based) at x, y.
 */
void		 pdfw_outline(struct pdfw *w, int level, const char *title,
		    int page, double x, double y);

/*
 * A link over r on the current page to page (1-based) at x, y, that
 * says contents (UTF-8, copied; or NULL): what a reader announces for
 * it, which PDF/UA asks of every link (its /Contents).
 */
void		 pdfw_link(struct pdfw *w, const struct pdfw_box *r, int page,
		    double x, double y, const char *contents);

/*
 * An image (an Image XObject, written at once).  Its samples are 8
 * bits, comps a pixel (1 DeviceGray, 3 DeviceRGB, 4 DeviceCMYK).
 */
struct pdfw_image {
	unsigned		 w, h;	  /* pixels */
	int			 comps;	  /* 1, 3 or 4 */
	int			 dct;	  /* 1: data is a JPEG file, embedded
					     as it is (DCTDecode); 0: the
					     samples by rows, deflated here
					     unless deflated */
	int			 deflated; /* 1: data and alpha are deflated
					     already (pdfw_deflate) */
	int			 invert;  /* 1: /Decode [1 0 ...] (an Adobe
					     CMYK JPEG) */
	int			 lum;	  /* 1: painted through its
					     luminosity, grey only: a soft
					     mask that lets white through
					     over black (a colour JPEG in
					     a greyscale document) */
	const void		*data;
	size_t			 len;	  /* bytes at data */
	const unsigned char	*alpha;	  /* w * h alpha samples (a soft
					     mask), or NULL: opaque */
	size_t			 alen;	  /* bytes at alpha */
	int			 orient;  /* how it is drawn, an Exif
					     orientation: 1 as stored, 2-8
					     mirrored or turned (jpeg.h) */
};

/*
 * Appends the len bytes at data to out, deflated as the writer deflates
 * streams (zlib, one fixed level: the same bytes every time): for
 * samples kept until they are written, small meanwhile.
 */
void		 pdfw_deflate(const void *data, size_t len, struct buf *out);

/* Writes image im into the file; returns its number for
 * pdfw_image_draw(), which may draw it any number of times. */
int		 pdfw_image(struct pdfw *w, const struct pdfw_image *im);

/* Draws image img over r on the current page, stretched to fill it,
 * turned or mirrored as its orientation says. */
void		 pdfw_image_draw(struct pdfw *w, int img,
		    const struct pdfw_box *r);

/*
 * Tagging (a tagged PDF, for screen readers): the structure elements
 * in reading order, and to which of them, or to the page's furniture
 * (artifacts), what is drawn belongs.  The books are pdf_tag.h's.
 */
#define PDFW_DOC	 0	/* the Document element, the tree's root */
#define PDFW_ARTIFACT	-1	/* furniture: rules, borders, backgrounds,
				   marks */
#define PDFW_PAGINATION	-2	/* running headers and footers, page
				   numbers */

/*
 * Makes a structure element of standard type ("P", "H1", "Table",
 * "TD", "Figure"; a string that outlives w) as the last child of
 * element parent (PDFW_DOC or one made before).  Returns its number.
 */
int		 pdfw_elem(struct pdfw *w, int parent, const char *type);

/* Sets element elem's alternative text (UTF-8, copied). */
void		 pdfw_alt(struct pdfw *w, int elem, const char *alt);

/*
 * Sets element elem's attribute key (a name) to value (a name) of
 * standard owner ("Table", "Scope", "Column": a TH heads its column),
 * strings that outlive w.
 */
void		 pdfw_attr(struct pdfw *w, int elem, const char *owner,
		    const char *key, const char *value);

/*
 * Sets element elem's bounding box (a Layout attribute, /BBox): where
 * on the page of its content it is drawn: what a Figure is expected
 * to say (ISO 32000-1 14.8.5.4.3), for a reader that reflows pages.
 */
void		 pdfw_bbox(struct pdfw *w, int elem, const struct pdfw_box *r);

/*
 * What is drawn next belongs to: an element (its marked content,
 * /Type << /MCID n >> BDC ... EMC, on whichever page it falls, opened
 * when something is drawn), or PDFW_ARTIFACT or PDFW_PAGINATION.
 * A link (pdfw_link) made meanwhile is the element's too.  Until the
 * first call, drawing belongs to the Document.
 */
void		 pdfw_mark(struct pdfw *w, int what);

/* What pdfw_mark() last said. */
int		 pdfw_marking(const struct pdfw *w);

#endif
