/*
 * jpeg.c -- a JPEG file's header; see jpeg.h.
 *
 * A JPEG file (ITU T.81 annex B) is SOI, marker segments (0xFF, a
 * marker code, a two-byte length counting itself, the payload), then
 * after SOS the entropy-coded data, where a 0xFF byte is always
 * followed by 0x00 or a restart marker, and finally EOI.  Any number
 * of 0xFF fill bytes may come before a marker code.
 */
#include <string.h>

#include "jpeg.h"

#define M_SOI	0xd8
#define M_EOI	0xd9
#define M_SOS	0xda
#define M_APP1	0xe1
#define M_APP14	0xee
#define M_TEM	0x01

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/*
 * Whether marker m is a frame header (SOF0-SOF15 but DHT 0xc4, JPG
 * 0xc8 and DAC 0xcc); if so, *why is NULL for one a PDF can show,
 * else the reason it cannot.
 */
static int
sof(int m, const char **why)
{
	if (m < 0xc0 || m > 0xcf || m == 0xc4 || m == 0xc8 || m == 0xcc)
		return 0;
	*why = NULL;
	if (m == 0xc3)
		*why = "is a lossless JPEG, which PDF readers do not show";
	else if (m >= 0xc5 && m <= 0xc7)
		*why = "is a hierarchical JPEG, which PDF readers do not show";
	else if (m >= 0xc9)
		*why = "is an arithmetic-coded JPEG, which PDF readers do not "
		    "show";
	return 1;
}

/* Reads a frame header's payload p of n bytes into out; 0 or -1. */
static int
frame(const unsigned char *p, size_t n, struct jpeg_info *out,
    const char **why)
{
	if (n < 6 || n < 6 + 3 * (size_t)p[5]) {
		*why = "has a damaged frame header";
		return -1;
	}
	out->bits = p[0];
	out->height = be16(p + 1);
	out->width = be16(p + 3);
	out->comps = p[5];
	if (out->bits != 8)
		*why = "has samples of other than 8 bits, which PDF readers "
		    "do not show";
	else if (out->width == 0 || out->height == 0)
		*why = "has no size (0 pixels wide or high)";
	else if (out->comps != 1 && out->comps != 3 && out->comps != 4)
		*why = "has a number of colour components other than 1, 3 "
		    "or 4";
	else
		return 0;
	return -1;
}

/* A TIFF number of two or four bytes at q, little-endian if le. */
static unsigned
tiff16(int le, const unsigned char *q)
{
	return le ? (unsigned)q[0] | (unsigned)q[1] << 8 : be16(q);
}

static size_t
tiff32(int le, const unsigned char *q)
{
	return le ? (size_t)tiff16(1, q) | (size_t)tiff16(1, q + 2) << 16 :
	    (size_t)be16(q) << 16 | be16(q + 2);
}

/*
 * The orientation in the Exif payload p of n bytes ("Exif\0\0", a
 * TIFF header, IFD0): tag 0x0112, one SHORT of 1-8; 1 when there is
 * none or it is damaged.
 */
static int
exif_orient(const unsigned char *p, size_t n)
{
	const unsigned char	*t = p + 6, *e;
	size_t			 tn, off, k, cnt;
	unsigned		 v;
	int			 le;

	if (n < 6 + 8 || memcmp(p, "Exif\0\0", 6) != 0)
		return 1;
	tn = n - 6;
	if (memcmp(t, "II*\0", 4) == 0)
		le = 1;
	else if (memcmp(t, "MM\0*", 4) == 0)
		le = 0;
	else
		return 1;
	off = tiff32(le, t + 4);
	if (off > tn || tn - off < 2)
		return 1;
	cnt = tiff16(le, t + off);
	for (k = 0; k < cnt && k < (tn - off - 2) / 12; k++) {
		e = t + off + 2 + 12 * k;
		/* a SHORT (3), one of it, in the value's first bytes */
		if (tiff16(le, e) == 0x0112 && tiff16(le, e + 2) == 3 &&
		    tiff32(le, e + 4) == 1) {
			v = tiff16(le, e + 8);
			return v >= 1 && v <= 8 ? (int)v : 1;
		}
	}
	return 1;
}

/* 1 if an EOI marker lies in the n bytes at p (the last ones first:
 * after the scans it is the file's end, but for trailing bytes). */
static int
has_eoi(const unsigned char *p, size_t n)
{
	while (n >= 2) {
		if (p[n - 2] == 0xff && p[n - 1] == M_EOI)
			return 1;
		n--;
	}
	return 0;
}

int
jpeg_info(const void *data, size_t len, struct jpeg_info *out,
    const char **why)
{
	const unsigned char	*d = data;
	size_t			 pos = 2, seg;
	int			 m, seen = 0;

	memset(out, 0, sizeof(*out));
	out->orient = 1;
	*why = NULL;
	if (len < 4 || d[0] != 0xff || d[1] != M_SOI) {
		*why = "is not a JPEG file";
		return -1;
	}
	for (;;) {
		if (pos >= len) {
			*why = "is cut short (no image data)";
			return -1;
		}
		if (d[pos] != 0xff) {
			*why = "is not a well-formed JPEG file (no marker "
			    "where one must be)";
			return -1;
		}
		while (pos < len && d[pos] == 0xff)
			pos++;
		if (pos >= len) {
			*why = "is cut short (no image data)";
			return -1;
		}
		m = d[pos++];
		if (m == M_TEM || (m >= 0xd0 && m <= 0xd7))
			continue;	/* no length, no payload */
		if (m == M_SOI || m == M_EOI || m == 0) {
			*why = "is not a well-formed JPEG file (it ends or "
			    "starts again before its image data)";
			return -1;
		}
		if (len - pos < 2) {
			*why = "is cut short (no image data)";
			return -1;
		}
		seg = be16(d + pos);
		if (seg < 2) {
			*why = "is not a well-formed JPEG file (a segment "
			    "shorter than its length)";
			return -1;
		}
		if (seg > len - pos) {
			*why = "is cut short (no image data)";
			return -1;
		}
		if (!seen && sof(m, why)) {
			if (*why != NULL ||
			    frame(d + pos + 2, seg - 2, out, why) == -1)
				return -1;
			out->progressive = m == 0xc2;
			seen = 1;
		} else if (m == M_APP14 && seg - 2 >= 12 &&
		    memcmp(d + pos + 2, "Adobe", 5) == 0)
			out->adobe = 1;
		else if (m == M_APP1 && out->orient == 1)
			out->orient = exif_orient(d + pos + 2, seg - 2);
		else if (m == M_SOS) {
			if (!seen) {
				*why = "is not a well-formed JPEG file (no "
				    "frame header before its image data)";
				return -1;
			}
			pos += seg;
			if (!has_eoi(d + pos, len - pos)) {
				*why = "is cut short (no end-of-image marker)";
				return -1;
			}
			return 0;
		}
		pos += seg;
	}
}
