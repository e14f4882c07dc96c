/*
 * jpeg.h -- what a JPEG file's header says, for embedding the file's
 * bytes unchanged in a PDF (DCTDecode): its size, components and
 * sample precision from the frame header (SOF), and whether an Adobe
 * APP14 marker is there (its CMYK is stored inverted).  Only the
 * marker segments are read, never the compressed data; every length
 * is checked against the bytes there are.  A camera's or a phone's
 * photo says in its Exif data (APP1) which way up it is to be shown,
 * as browsers show it: that is read too.
 *
 * PDF readers decode baseline, extended and progressive Huffman-coded
 * JPEGs of 8 bits a sample with 1, 3 or 4 components (ISO 32000-1
 * 7.4.8): anything else is refused, with the reason.
 */
#ifndef GONGKAI_JPEG_H
#define GONGKAI_JPEG_H

#include <stddef.h>

struct jpeg_info {
	unsigned	 width;		/* pixels, > 0 */
	unsigned	 height;	/* pixels, > 0 */
	int		 comps;		/* 1 grey, 3 colour, 4 CMYK (YCCK) */
	int		 bits;		/* bits a sample: 8 */
	int		 progressive;	/* 1: SOF2 */
	int		 adobe;		/* 1: an Adobe APP14 marker */
	int		 orient;	/* Exif orientation, 1-8 (1: as
					   stored; 6: turned a quarter
					   clockwise to be shown ...) */
};

/*
 * Reads the header of the len bytes at data.  Returns 0 and fills
 * *out if they are a JPEG a PDF can show: its SOI, a supported frame
 * header before the first scan, and an EOI marker after it (a file
 * cut short has none).  Else returns -1 and sets *why to a phrase
 * for a message about the file, "is cut short (no end-of-image
 * marker)", without saying anything itself: the caller knows where
 * the picture is used.
 */
int	jpeg_info(const void *data, size_t len, struct jpeg_info *out,
	    const char **why);

#endif
