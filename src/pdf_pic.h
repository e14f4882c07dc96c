/*
 * pdf_pic.h -- pictures in PDFs (pdf_picture_add() in pdf.h): a body's
 * JPEG or PNG file made ready to embed, and its size on the page.
 * Shared by pdf.c (which keeps a document's pictures), pdf_layout.c
 * (which places them) and pdf_draw.c (which hands them to pdfw.h).
 *
 * A JPEG is embedded as the file's bytes, unchanged (DCTDecode: PDF
 * readers decode it; jpeg.h reads its header).  A PNG is decoded here
 * by cairo into 8-bit samples, with its alpha as a soft mask when some
 * pixel is not opaque, deflated at once (pdfw_deflate): a document
 * keeps its pictures until it is finished, each about the size of its
 * file, not four bytes a pixel.
 *
 * Greyscale (--grey, black toner): a PNG's samples become grey here
 * (luma, ITU-R BT.601 weights, in integers).  A colour JPEG is not
 * decoded (no JPEG decoder is linked): it is painted grey through its
 * luminosity, a soft mask that lets white through over black
 * (pdfw.h), so that what is painted on the page is grey only; a grey
 * JPEG is embedded as it is.
 */
#ifndef GONGKAI_PDF_PIC_H
#define GONGKAI_PDF_PIC_H

#include <stddef.h>

/* The most pixels a picture may have: a small file can say it is
 * huge (a "dimension bomb"), and a PNG is decoded whole in memory
 * (four bytes a pixel). */
#define PIC_MAX_PIXELS	40000000

/* Pixels per inch at a picture's natural size: never set larger. */
#define PIC_DPI		150

enum pic_kind {
	PIC_JPEG,	/* data is the JPEG file */
	PIC_SAMPLES	/* data is 8-bit samples, comps a pixel, by rows,
			   deflated */
};

struct pdf_pic {
	enum pic_kind	 kind;	  /* what data holds */
	unsigned	 w, h;	  /* pixels */
	int		 comps;	  /* 1 grey, 3 RGB, 4 CMYK */
	int		 invert;  /* JPEG with an Adobe marker and four
				     components: its CMYK is inverted */
	int		 lum;	  /* 1: painted grey through its
				     luminosity (a colour JPEG, --grey) */
	int		 orient;  /* JPEG: which way up it is shown, an
				     Exif orientation (jpeg.h): 5-8 turn
				     it a quarter, so that w is its
				     height on the page */
	unsigned char	*data;	  /* owned */
	size_t		 len;	  /* bytes at data */
	unsigned char	*alpha;	  /* PIC_SAMPLES: w * h alpha samples,
				     deflated, owned; NULL when every
				     pixel is opaque */
	size_t		 alen;	  /* bytes at alpha */
	char		 dig[65]; /* SHA-256 of the file (pdf_digest) */
};

/*
 * Makes the picture of the len bytes of a file at data, greyscale if
 * grey.  Returns 0 and *out (free with pic_free), or -1 and *why, a
 * phrase on the file ("is a GIF, ...") for the caller to say where
 * the picture is used; nothing is said here.
 */
int	pic_load(const void *data, size_t len, int grey, struct pdf_pic **out,
	    const char **why);
void	pic_free(struct pdf_pic *);

/*
 * The size in points of pic set at most avail wide and maxh high, the
 * right way up: its natural size at PIC_DPI, made smaller, keeping its
 * proportions, to fit both.
 */
void	pic_fit(const struct pdf_pic *pic, double avail, double maxh,
	    double *w, double *h);

#endif
