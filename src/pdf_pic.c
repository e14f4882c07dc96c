/*
 * pdf_pic.c -- pictures made ready for a PDF; see pdf_pic.h.  The one
 * pdf module besides pdf_draw.c that calls cairo: to decode PNGs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "buf.h"
#include "jpeg.h"
#include "pdf_pic.h"
#include "pdfw.h"
#include "sha256.h"
#include "util.h"

/* cairo's image surfaces are at most this many pixels across. */
#define CAIRO_MAX_SIDE	32767

static const unsigned char png_sig[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* 1 if the n bytes at d hold s. */
static int
holds(const unsigned char *d, size_t n, const char *s)
{
	size_t	 k = strlen(s), i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(d + i, s, k) == 0)
			return 1;
	return 0;
}

/* Why the len bytes at d are no picture print draws: what they are. */
static const char *
not_drawn(const unsigned char *d, size_t len)
{
	size_t	 n = len < 1024 ? len : 1024;

	if (len >= 6 && (memcmp(d, "GIF87a", 6) == 0 ||
	    memcmp(d, "GIF89a", 6) == 0))
		return "is a GIF, which print does not draw (only JPEG and "
		    "PNG pictures)";
	if (len >= 12 && memcmp(d, "RIFF", 4) == 0 &&
	    memcmp(d + 8, "WEBP", 4) == 0)
		return "is a WebP picture, which print does not draw (only "
		    "JPEG and PNG pictures)";
	/* an SVG drawing is XML text: its root element near the top */
	if (holds(d, n, "<svg"))
		return "is an SVG drawing, which print does not draw (only "
		    "JPEG and PNG pictures)";
	return "is not a JPEG or PNG picture";
}

/* The refusal of a picture w x h pixels, or NULL if it is drawn. */
static const char *
too_big(uint64_t w, uint64_t h)
{
	if (w * h > PIC_MAX_PIXELS)
		return "has more than 40 million pixels (a file that would "
		    "take gigabytes to draw): make it smaller";
	return NULL;
}

static int
jpeg_load(const unsigned char *d, size_t len, int grey,
    struct pdf_pic *pic, const char **why)
{
	struct jpeg_info	 ji;

	if (jpeg_info(d, len, &ji, why) == -1)
		return -1;
	if ((*why = too_big(ji.width, ji.height)) != NULL)
		return -1;
	pic->kind = PIC_JPEG;
	pic->w = ji.width;
	pic->h = ji.height;
	pic->comps = ji.comps;
	/* Adobe's CMYK JPEGs (Photoshop) store 255 for no ink */
	pic->invert = ji.adobe && ji.comps == 4;
	pic->lum = grey && ji.comps != 1;
	pic->orient = ji.orient;
	pic->data = xmalloc(len);
	memcpy(pic->data, d, len);
	pic->len = len;
	return 0;
}

/* What cairo reads a PNG from: the bytes left. */
struct png_in {
	const unsigned char	*p;
	size_t			 n;
};

static cairo_status_t
png_read(void *closure, unsigned char *data, unsigned int length)
{
	struct png_in	*in = closure;

	if (length > in->n)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, in->p, length);
	in->p += length;
	in->n -= length;
	return CAIRO_STATUS_SUCCESS;
}

/* Sets *p and *n to a copy of the n bytes at raw, deflated. */
static void
deflated(const unsigned char *raw, size_t len, unsigned char **p,
    size_t *n)
{
	struct buf	 b = BUF_INIT;

	pdfw_deflate(raw, len, &b);
	*p = (unsigned char *)buf_detach(&b, n);
}

/*
 * Takes the pixels of surface s (ARGB32, premultiplied, or RGB24) as
 * RGB or grey samples and, unless all are opaque, an alpha plane, both
 * deflated.
 */
static void
samples(cairo_surface_t *s, int grey, struct pdf_pic *pic)
{
	const unsigned char	*row = cairo_image_surface_get_data(s);
	int			 stride = cairo_image_surface_get_stride(s);
	int			 has_a = cairo_image_surface_get_format(s) ==
				    CAIRO_FORMAT_ARGB32;
	unsigned char		*o, *a, *raw, *ra = NULL;
	size_t			 len;
	unsigned		 x, y, v[3], al, k;
	uint32_t		 px;
	int			 opaque = 1;

	pic->kind = PIC_SAMPLES;
	pic->comps = grey ? 1 : 3;
	len = (size_t)pic->w * pic->h * (size_t)pic->comps;
	o = raw = xmalloc(len ? len : 1);
	a = ra = has_a ? xmalloc((size_t)pic->w * pic->h) : NULL;
	for (y = 0; y < pic->h; y++, row += stride)
		for (x = 0; x < pic->w; x++) {
			memcpy(&px, row + 4 * (size_t)x, 4);
			al = has_a ? px >> 24 : 255;
			v[0] = px >> 16 & 0xff;
			v[1] = px >> 8 & 0xff;
			v[2] = px & 0xff;
			/* cairo premultiplies by alpha: undone; a pixel
			 * not there at all is white, for a reader that
			 * ignores soft masks */
			for (k = 0; k < 3; k++)
				v[k] = al == 0 ? 255 : al == 255 ? v[k] :
				    (v[k] * 255 + al / 2) / al > 255 ? 255 :
				    (v[k] * 255 + al / 2) / al;
			if (grey)
				*o++ = (unsigned char)((299 * v[0] +
				    587 * v[1] + 114 * v[2] + 500) / 1000);
			else
				for (k = 0; k < 3; k++)
					*o++ = (unsigned char)v[k];
			if (a != NULL) {
				*a++ = (unsigned char)al;
				opaque &= al == 255;
			}
		}
	deflated(raw, len, &pic->data, &pic->len);
	if (ra != NULL && !opaque)
		deflated(ra, (size_t)pic->w * pic->h, &pic->alpha, &pic->alen);
	free(raw);
	free(ra);
}

static int
png_load(const unsigned char *d, size_t len, int grey, struct pdf_pic *pic,
    const char **why)
{
	struct png_in	 in = { d, len };
	cairo_surface_t	*s;
	cairo_format_t	 f;
	uint32_t	 w, h;

	/* The size from the header (IHDR, the first chunk), before
	 * cairo allocates what it says. */
	if (len < 33 || memcmp(d + 12, "IHDR", 4) != 0) {
		*why = "is not a well-formed PNG file (no header)";
		return -1;
	}
	w = be32(d + 16);
	h = be32(d + 20);
	if (w == 0 || h == 0) {
		*why = "has no size (0 pixels wide or high)";
		return -1;
	}
	if ((*why = too_big(w, h)) != NULL)
		return -1;
	if (w > CAIRO_MAX_SIDE || h > CAIRO_MAX_SIDE) {
		*why = "is more than 32,767 pixels wide or high";
		return -1;
	}
	s = cairo_image_surface_create_from_png_stream(png_read, &in);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		*why = "cannot be decoded (a damaged or cut short PNG file)";
		return -1;
	}
	f = cairo_image_surface_get_format(s);
	if ((f != CAIRO_FORMAT_ARGB32 && f != CAIRO_FORMAT_RGB24) ||
	    (uint32_t)cairo_image_surface_get_width(s) != w ||
	    (uint32_t)cairo_image_surface_get_height(s) != h) {
		cairo_surface_destroy(s);
		*why = "cannot be decoded (a kind of PNG cairo does not read)";
		return -1;
	}
	cairo_surface_flush(s);
	pic->w = w;
	pic->h = h;
	samples(s, grey, pic);
	cairo_surface_destroy(s);
	return 0;
}

int
pic_load(const void *data, size_t len, int grey, struct pdf_pic **out,
    const char **why)
{
	const unsigned char	*d = data;
	struct pdf_pic		*pic = xcalloc(1, sizeof(*pic));
	int			 rc;

	pic->orient = 1;
	*out = NULL;
	*why = NULL;
	if (len >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		rc = jpeg_load(d, len, grey, pic, why);
	else if (len >= 8 && memcmp(d, png_sig, 8) == 0)
		rc = png_load(d, len, grey, pic, why);
	else {
		*why = not_drawn(d, len);
		rc = -1;
	}
	if (rc == -1) {
		pic_free(pic);
		return -1;
	}
	sha256_digest(data, len, pic->dig);
	*out = pic;
	return 0;
}

void
pic_free(struct pdf_pic *pic)
{
	if (pic == NULL)
		return;
	free(pic->data);
	free(pic->alpha);
	free(pic);
}

void
pic_fit(const struct pdf_pic *pic, double avail, double maxh, double *w,
    double *h)
{
	double	 nw = pic->w * 72.0 / PIC_DPI, nh = pic->h * 72.0 / PIC_DPI;
	double	 k = 1, t;

	if (pic->orient >= 5) {		/* shown turned a quarter */
		t = nw;
		nw = nh;
		nh = t;
	}

	if (nw > avail && avail > 0)
		k = avail / nw;
	if (nh * k > maxh && maxh > 0)
		k = maxh / nh;
	*w = nw * k;
	*h = nh * k;
}
