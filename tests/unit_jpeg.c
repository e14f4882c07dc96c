/*
 * unit_jpeg.c -- jpeg.h: the frame header of baseline and progressive
 * JPEGs, grey, colour and Adobe CMYK, their Exif orientation;
 * refusals of what PDF readers do
 * not show; files cut short at every byte, zero sizes and garbage
 * (never a read past the end: run under make asan).
 */
#include "jpeg.h"
#include "t.h"

/* Appends a marker segment m with n bytes of payload p. */
static void
seg(struct buf *b, int m, const void *p, size_t n)
{
	buf_putc(b, 0xff);
	buf_putc(b, m);
	buf_putc(b, (int)((n + 2) >> 8));
	buf_putc(b, (int)((n + 2) & 0xff));
	buf_put(b, p, n);
}

/*
 * A JPEG of sof marker m, precision bits, h x w, with comps
 * components, an Adobe APP14 marker if adobe, and EOI unless cut.
 * The scan's data is a few bytes (never decoded here), with a
 * stuffed 0xff 0x00 and a restart marker, as in real files.
 */
static void
make(struct buf *b, int m, int bits, unsigned h, unsigned w, int comps,
    int adobe, int eoi)
{
	unsigned char	 f[6 + 3 * 4], s[1 + 2 * 4 + 3];
	static const unsigned char app14[12] = { 'A', 'd', 'o', 'b', 'e', 0,
		100, 0, 0, 0, 0, 2 };
	static const unsigned char jfif[14] = { 'J', 'F', 'I', 'F', 0, 1, 1,
		0, 0, 1, 0, 1, 0, 0 };
	static const unsigned char data[] = { 0x12, 0xff, 0x00, 0x34, 0xff,
		0xd0, 0x56 };
	int		 i;

	buf_reset(b);
	buf_putc(b, 0xff);
	buf_putc(b, 0xd8);
	seg(b, 0xe0, jfif, sizeof(jfif));
	if (adobe)
		seg(b, 0xee, app14, sizeof(app14));
	f[0] = (unsigned char)bits;
	f[1] = (unsigned char)(h >> 8);
	f[2] = (unsigned char)h;
	f[3] = (unsigned char)(w >> 8);
	f[4] = (unsigned char)w;
	f[5] = (unsigned char)comps;
	for (i = 0; i < comps && i < 4; i++) {
		f[6 + 3 * i] = (unsigned char)(i + 1);
		f[7 + 3 * i] = 0x11;
		f[8 + 3 * i] = 0;
	}
	/* fill bytes before a marker are allowed */
	buf_putc(b, 0xff);
	seg(b, m, f, 6 + 3 * (size_t)(comps < 4 ? comps : 4));
	s[0] = (unsigned char)(comps < 4 ? comps : 4);
	for (i = 0; i < s[0]; i++) {
		s[1 + 2 * i] = (unsigned char)(i + 1);
		s[2 + 2 * i] = 0;
	}
	s[1 + 2 * s[0]] = 0;
	s[2 + 2 * s[0]] = 63;
	s[3 + 2 * s[0]] = 0;
	seg(b, 0xda, s, 4 + 2 * (size_t)s[0]);
	buf_put(b, data, sizeof(data));
	if (eoi) {
		buf_putc(b, 0xff);
		buf_putc(b, 0xd9);
	}
}

int
main(void)
{
	struct jpeg_info	 ji;
	struct buf		 b = BUF_INIT;
	const char		*why;
	size_t			 n, bad;
	unsigned		 seed = 1;

	/* baseline, colour */
	make(&b, 0xc0, 8, 480, 640, 3, 0, 1);
	OK(jpeg_info(b.data, b.len, &ji, &why) == 0);
	OK(why == NULL);
	OK(ji.width == 640 && ji.height == 480);
	OK(ji.comps == 3 && ji.bits == 8);
	OK(!ji.progressive && !ji.adobe);
	/* extended sequential: the same to a reader */
	make(&b, 0xc1, 8, 10, 20, 1, 0, 1);
	OK(jpeg_info(b.data, b.len, &ji, &why) == 0 && ji.comps == 1);
	/* progressive, grey */
	make(&b, 0xc2, 8, 1, 65535, 1, 0, 1);
	OK(jpeg_info(b.data, b.len, &ji, &why) == 0);
	OK(ji.progressive && ji.comps == 1 && ji.width == 65535 &&
	    ji.height == 1);
	/* Adobe CMYK (Photoshop): four components, the marker seen */
	make(&b, 0xc0, 8, 30, 40, 4, 1, 1);
	OK(jpeg_info(b.data, b.len, &ji, &why) == 0);
	OK(ji.comps == 4 && ji.adobe);
	/* trailing bytes after EOI (a camera's) are allowed */
	make(&b, 0xc0, 8, 30, 40, 3, 0, 1);
	buf_puts(&b, "trailer");
	OK(jpeg_info(b.data, b.len, &ji, &why) == 0);

	/* zero size */
	make(&b, 0xc0, 8, 0, 40, 3, 0, 1);
	OK(jpeg_info(b.data, b.len, &ji, &why) == -1);
	STR_EQ(why, "has no size (0 pixels wide or high)");
	make(&b, 0xc2, 8, 40, 0, 3, 0, 1);
	OK(jpeg_info(b.data, b.len, &ji, &why) == -1);
	/* what PDF readers do not show */
	make(&b, 0xc0, 12, 10, 10, 1, 0, 1);
	OK(jpeg_info(b.data, b.len, &ji, &why) == -1);
	OK(why != NULL && strstr(why, "8 bits") != NULL);
	make(&b, 0xc9, 8, 10, 10, 3, 0, 1);
	OK(jpeg_info(b.data, b.len, &ji, &why) == -1);
	OK(why != NULL && strstr(why, "arithmetic") != NULL);
	make(&b, 0xc3, 8, 10, 10, 3, 0, 1);
	OK(jpeg_info(b.data, b.len, &ji, &why) == -1);
	OK(why != NULL && strstr(why, "lossless") != NULL);
	make(&b, 0xc0, 8, 10, 10, 2, 0, 1);
	OK(jpeg_info(b.data, b.len, &ji, &why) == -1);
	OK(why != NULL && strstr(why, "components") != NULL);

	/* cut short: no EOI, and cut at every byte */
	make(&b, 0xc0, 8, 30, 40, 3, 1, 0);
	OK(jpeg_info(b.data, b.len, &ji, &why) == -1);
	STR_EQ(why, "is cut short (no end-of-image marker)");
	make(&b, 0xc2, 8, 30, 40, 3, 1, 1);
	for (bad = 0, n = 0; n < b.len; n++) {
		/* a copy of exactly n bytes: a read past them is
		 * AddressSanitizer's to see */
		char	*c = xmalloc(n ? n : 1);

		memcpy(c, b.data, n);
		if (jpeg_info(c, n, &ji, &why) != -1 || why == NULL)
			bad++;
		free(c);
	}
	OK(bad == 0);

	/* garbage, and other formats */
	OK(jpeg_info("", 0, &ji, &why) == -1);
	STR_EQ(why, "is not a JPEG file");
	OK(jpeg_info("GIF89a\1\0\1\0", 10, &ji, &why) == -1);
	STR_EQ(why, "is not a JPEG file");
	OK(jpeg_info("\xff\xd8\xff", 3, &ji, &why) == -1);
	OK(jpeg_info("\xff\xd8\x12\x34\x56", 5, &ji, &why) == -1);
	/* a segment length shorter than itself, or past the end */
	OK(jpeg_info("\xff\xd8\xff\xe0\x00\x01\xff\xd9", 8, &ji, &why) == -1);
	OK(jpeg_info("\xff\xd8\xff\xe0\xff\xff\x00\x00", 8, &ji, &why) == -1);
	/* EOI before any scan */
	OK(jpeg_info("\xff\xd8\xff\xd9", 4, &ji, &why) == -1);
	/* random bytes after a valid start: never accepted, never a
	 * crash */
	for (bad = 0, n = 0; n < 2000; n++) {
		unsigned char	 r[64];
		size_t		 k, len = 2 + n % 60;

		r[0] = 0xff;
		r[1] = 0xd8;
		for (k = 2; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			r[k] = (unsigned char)(seed >> 16);
		}
		if (jpeg_info(r, len, &ji, &why) == 0 &&
		    (ji.width == 0 || ji.height == 0))
			bad++;
	}
	OK(bad == 0);

	/* Exif orientation (APP1), little- and big-endian; damaged or
	 * absent: 1 */
	{
		static const unsigned char le[] = { 'E', 'x', 'i', 'f', 0, 0,
		    'I', 'I', 42, 0, 8, 0, 0, 0, 2, 0,
		    0x0f, 0x01, 2, 0, 4, 0, 0, 0, 'A', 'B', 'C', 0,
		    0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0 };
		static const unsigned char be[] = { 'E', 'x', 'i', 'f', 0, 0,
		    'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
		    0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0 };
		unsigned char	 cut[sizeof(le)];
		struct buf	 j = BUF_INIT;

		make(&b, 0xc0, 8, 30, 40, 3, 0, 1);
		buf_put(&j, b.data, 2);
		seg(&j, 0xe1, le, sizeof(le));
		buf_put(&j, b.data + 2, b.len - 2);
		OK(jpeg_info(j.data, j.len, &ji, &why) == 0 && ji.orient == 8);
		buf_reset(&j);
		buf_put(&j, b.data, 2);
		seg(&j, 0xe1, be, sizeof(be));
		buf_put(&j, b.data + 2, b.len - 2);
		OK(jpeg_info(j.data, j.len, &ji, &why) == 0 && ji.orient == 6);
		/* the entry cut off (it ends 4 bytes before the payload),
		 * or the IFD's offset past the end */
		for (bad = 0, n = 6; n < sizeof(le) - 4; n++) {
			buf_reset(&j);
			buf_put(&j, b.data, 2);
			seg(&j, 0xe1, le, n);
			buf_put(&j, b.data + 2, b.len - 2);
			if (jpeg_info(j.data, j.len, &ji, &why) != 0 ||
			    ji.orient != 1)
				bad++;
		}
		OK(bad == 0);
		memcpy(cut, le, sizeof(le));
		cut[10] = 0xf0;
		buf_reset(&j);
		buf_put(&j, b.data, 2);
		seg(&j, 0xe1, cut, sizeof(cut));
		buf_put(&j, b.data + 2, b.len - 2);
		OK(jpeg_info(j.data, j.len, &ji, &why) == 0 && ji.orient == 1);
		buf_dispose(&j);
	}
	make(&b, 0xc0, 8, 30, 40, 3, 0, 1);
	OK(jpeg_info(b.data, b.len, &ji, &why) == 0 && ji.orient == 1);

	/* the print test's fixtures */
	if (t_read("tests/print/photo.jpg", &b) == 0) {
		OK(jpeg_info(b.data, b.len, &ji, &why) == 0);
		OK(ji.width == 96 && ji.height == 64 && ji.comps == 3 &&
		    !ji.progressive);
		OK(t_read("tests/print/progressive.jpg", &b) == 0);
		OK(jpeg_info(b.data, b.len, &ji, &why) == 0);
		OK(ji.width == 64 && ji.height == 48 && ji.progressive);
		OK(t_read("tests/print/grey.jpg", &b) == 0);
		OK(jpeg_info(b.data, b.len, &ji, &why) == 0);
		OK(ji.width == 16 && ji.height == 16 && ji.comps == 1);
		OK(t_read("tests/print/turned.jpg", &b) == 0);
		OK(jpeg_info(b.data, b.len, &ji, &why) == 0);
		OK(ji.width == 96 && ji.height == 64 && ji.orient == 6);
	} else
		T_SKIP("tests/print/photo.jpg not found (run from the "
		    "source folder)");
	buf_dispose(&b);
	return T_DONE();
}
