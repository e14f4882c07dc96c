/*
 * unit_pdf_pic.c -- pdf_pic.h: JPEGs kept as they are, PNGs decoded
 * (alpha kept only when some pixel is not opaque), greyscale, the
 * refusals (other formats, damaged files, dimension bombs, said as a
 * reason and never as a crash) and the size on the page.
 */
#include <zlib.h>

#include "pdf_pic.h"
#include "t.h"

/* The n bytes deflated at z, inflated into out (at most max); their
 * number, or 0. */
static size_t
inflated(const unsigned char *z, size_t n, unsigned char *out, size_t max)
{
	uLongf	 len = max;

	if (z == NULL || uncompress(out, &len, z, n) != Z_OK)
		return 0;
	return len;
}

/* A 2 x 2 opaque RGB PNG: red, green / blue, white. */
static const char png_rgb[] =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52"
    "\x00\x00\x00\x02\x00\x00\x00\x02\x08\x02\x00\x00\x00\xfd\xd4\x9a"
    "\x73\x00\x00\x00\x12\x49\x44\x41\x54\x78\xda\x63\xf8\xcf\xc0\xc0"
    "\x00\xc2\x0c\xff\x81\x00\x00\x1f\xee\x05\xfb\xf1\xab\xba\x77\x00"
    "\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

int
main(void)
{
	struct pdf_pic	*pic;
	struct buf	 b = BUF_INIT;
	unsigned char	 px[40 * 30 * 3];
	const char	*why;
	char		 bomb[40];
	double		 w, h;
	size_t		 n, bad;

	/* an opaque PNG: RGB samples, no soft mask */
	OK(pic_load(png_rgb, sizeof(png_rgb) - 1, 0, &pic, &why) == 0);
	OK(pic != NULL && pic->kind == PIC_SAMPLES && pic->w == 2 &&
	    pic->h == 2 && pic->comps == 3 && pic->alpha == NULL);
	if (pic != NULL) {
		OK(inflated(pic->data, pic->len, px, sizeof(px)) == 12);
		OK(memcmp(px, "\xff\0\0\0\xff\0\0\0\xff\xff\xff\xff",
		    12) == 0);
		OK(strlen(pic->dig) == 64);
	}
	pic_free(pic);
	/* grey: luma, BT.601 weights */
	OK(pic_load(png_rgb, sizeof(png_rgb) - 1, 1, &pic, &why) == 0);
	OK(pic != NULL && pic->comps == 1);
	if (pic != NULL)
		OK(inflated(pic->data, pic->len, px, sizeof(px)) == 4 &&
		    px[0] == 76 && px[1] == 150 && px[2] == 29 &&
		    px[3] == 255);
	pic_free(pic);

	/* a PNG cut short at every length: refused, never a crash */
	for (bad = 0, n = 0; n + 1 < sizeof(png_rgb) - 1; n++) {
		char	*c = xmalloc(n ? n : 1);

		memcpy(c, png_rgb, n);
		pic = NULL;
		if (pic_load(c, n, 0, &pic, &why) != -1 || why == NULL ||
		    pic != NULL)
			bad++;
		free(c);
	}
	OK(bad == 0);
	/* a header that says 100,000 x 100,000 pixels: refused before
	 * anything is decoded */
	memcpy(bomb, png_rgb, 33);
	memcpy(bomb + 16, "\x00\x01\x86\xa0\x00\x01\x86\xa0", 8);
	OK(pic_load(bomb, 33, 0, &pic, &why) == -1);
	OK(why != NULL && strstr(why, "40 million") != NULL);
	memcpy(bomb + 16, "\x00\x00\x00\x00\x00\x00\x00\x01", 8);
	OK(pic_load(bomb, 33, 0, &pic, &why) == -1);
	STR_EQ(why, "has no size (0 pixels wide or high)");
	/* a JPEG that says 10,000 x 5,000 */
	OK(pic_load("\xff\xd8\xff\xc0\x00\x0b\x08\x13\x88\x27\x10\x01\x01"
	    "\x11\x00\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00\x00\xff\xd9",
	    28, 0, &pic, &why) == -1);
	OK(why != NULL && strstr(why, "40 million") != NULL);

	/* other formats, with what they are */
	OK(pic_load("GIF89a\1\0\1\0\0\0\0", 13, 0, &pic, &why) == -1);
	OK(why != NULL && strstr(why, "is a GIF") == why);
	OK(pic_load("RIFF\0\0\0\0WEBPVP8 ", 16, 0, &pic, &why) == -1);
	OK(why != NULL && strstr(why, "is a WebP") == why);
	OK(pic_load("<?xml version=\"1.0\"?>\n<svg xmlns=\"x\"/>", 39, 0, &pic,
	    &why) == -1);
	OK(why != NULL && strstr(why, "is an SVG") == why);
	OK(pic_load("", 0, 0, &pic, &why) == -1);
	STR_EQ(why, "is not a JPEG or PNG picture");

	if (t_read("tests/print/logo.png", &b) == 0) {
		/* transparency: a soft mask, colours not premultiplied */
		OK(pic_load(b.data, b.len, 0, &pic, &why) == 0);
		OK(pic != NULL && pic->w == 40 && pic->h == 30 &&
		    pic->alpha != NULL);
		if (pic != NULL && pic->alpha != NULL) {
			/* (20, 20): the disc, opaque; (0, 0): nothing;
			 * (20, 10): the half-transparent white bar */
			OK(inflated(pic->alpha, pic->alen, px, sizeof(px)) ==
			    40 * 30);
			OK(px[20 * 40 + 20] == 255);
			OK(px[0] == 0);
			OK(px[10 * 40 + 20] == 128);
			OK(inflated(pic->data, pic->len, px, sizeof(px)) ==
			    40 * 30 * 3);
			OK(memcmp(px + 3 * (10 * 40 + 20), "\xff\xff\xff",
			    3) == 0);
			OK(memcmp(px + 3 * (20 * 40 + 20), "\x10\x60\xa0",
			    3) == 0);
		}
		pic_free(pic);
		/* a byte or two changed anywhere, a thousand times: a
		 * picture or a reason, never a crash (make asan) */
		{
			unsigned	 seed = 7, k;
			size_t		 at;

			for (bad = 0, n = 0; n < 1000; n++) {
				char	*c = xmalloc(b.len);

				memcpy(c, b.data, b.len);
				for (k = 0; k < 1 + n % 2; k++) {
					seed = seed * 1103515245u + 12345u;
					at = (seed >> 8) % b.len;
					c[at] = (char)(seed >> 24);
				}
				pic = NULL;
				if (pic_load(c, b.len, (int)(n % 2), &pic,
				    &why) == 0 ? pic == NULL : why == NULL)
					bad++;
				pic_free(pic);
				free(c);
			}
			OK(bad == 0);
		}
		/* JPEGs: the file as it is; grey ones stay, colour ones
		 * go through their luminosity in grey */
		OK(t_read("tests/print/photo.jpg", &b) == 0);
		OK(pic_load(b.data, b.len, 0, &pic, &why) == 0);
		OK(pic != NULL && pic->kind == PIC_JPEG && pic->len == b.len &&
		    memcmp(pic->data, b.data, b.len) == 0 && !pic->lum &&
		    pic->comps == 3 && pic->w == 96 && pic->h == 64);
		pic_free(pic);
		OK(pic_load(b.data, b.len, 1, &pic, &why) == 0);
		OK(pic != NULL && pic->lum);
		pic_free(pic);
		OK(t_read("tests/print/grey.jpg", &b) == 0);
		OK(pic_load(b.data, b.len, 1, &pic, &why) == 0);
		OK(pic != NULL && !pic->lum && pic->comps == 1);
		/* the size: 150 dpi, so 16 pixels are 7.68 pt */
		if (pic != NULL) {
			pic_fit(pic, 100, 100, &w, &h);
			OK(w > 7.679 && w < 7.681 && h > 7.679 && h < 7.681);
			pic->w = 300;
			pic->h = 150;	/* 144 x 72 pt */
			pic_fit(pic, 72, 1000, &w, &h);
			OK(w > 71.99 && w < 72.01 && h > 35.99 && h < 36.01);
			pic_fit(pic, 1000, 18, &w, &h);
			OK(w > 35.99 && w < 36.01 && h > 17.99 && h < 18.01);
		}
		pic_free(pic);
	} else
		T_SKIP("tests/print fixtures not found (run from the source "
		    "folder)");
	buf_dispose(&b);
	return T_DONE();
}
