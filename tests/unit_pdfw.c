/*
 * unit_pdfw.c -- the PDF writer (pdfw.h): how numbers are written; a
 * three-page document set in a CID-keyed CFF face (Noto Sans CJK SC)
 * and a TrueType one (DejaVu Sans), read back by poppler (pages,
 * boxes, information, fonts, text, glyph positions) and by hand
 * (header, cross-reference stream, object streams, references, outline tree,
 * links, content streams, the embedded subsets opened with FreeType
 * and compared glyph by glyph with the faces they came from); equal
 * calls, equal bytes; other glyphs, another subset tag; a document
 * with nothing drawn; a face that cannot be subset; an unfinished
 * document freed.
 *
 * The poppler checks are skipped with a message when poppler-utils is
 * missing, the font checks when the fonts are.  Set UNIT_PDFW_KEEP=1
 * to keep the PDFs in the printed folder.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include <hb.h>
#include <zlib.h>

#include "buf.h"
#include "pdfw.h"
#include "t.h"
#include "util.h"

#define CJK_PATH	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
#define CJK_INDEX	2	/* Noto Sans CJK SC */
#define TT_PATH		"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define PAGE_W		600
#define PAGE_H		800

static char	 dir[] = "/tmp/unit_pdfw.XXXXXX";
static int	 poppler;
static FT_Library ftlib;

/* ------------------------------------------------------------ helpers */

/* Writes b to dir/name; returns the path (caller frees). */
static char *
save(const char *name, const struct buf *b)
{
	char	*path = xasprintf("%s/%s", dir, name);
	FILE	*f = fopen(path, "wb");
	int	 ok = 0;

	if (f != NULL && fwrite(b->data, 1, b->len, f) == b->len)
		ok = 1;
	if (f != NULL && fclose(f) != 0)
		ok = 0;
	OK(ok);
	return path;
}

/* The standard output of "tool args path" (pdftotext's text, sent
 * there too) with what poppler complains about in *errs (caller frees
 * both). */
static char *
run(const char *tool, const char *args, const char *path, char **errs)
{
	char	*cmd, *out, *ep = xasprintf("%s/stderr", dir);

	cmd = xasprintf("%s %s %s%s 2>%s", tool, args, path,
	    strcmp(tool, "pdftotext") == 0 ? " -" : "", ep);
	out = t_output(cmd);
	free(cmd);
	cmd = xasprintf("cat %s", ep);
	*errs = t_output(cmd);
	free(cmd);
	free(ep);
	return out;
}

/* Decodes the UTF-8 character at *s. */
static uint32_t
utf8_cp(const char **s)
{
	const unsigned char	*p = (const unsigned char *)*s;
	uint32_t		 c = *p++;
	int			 n = 0;

	if (c >= 0xf0)
		n = 3, c &= 0x07;
	else if (c >= 0xe0)
		n = 2, c &= 0x0f;
	else if (c >= 0xc0)
		n = 1, c &= 0x1f;
	while (n-- > 0)
		c = (c << 6) | (*p++ & 0x3f);
	*s = (const char *)p;
	return c;
}

/* -------------------------------------------------------------- faces */

/* A face to set text in, and what the test knows of its glyphs. */
struct face {
	hb_face_t	*hb;		/* HarfBuzz's, handed to pdfw_font */
	hb_font_t	*font;		/* at the face's units */
	FT_Face		 ft;		/* the same face, for CIDs and outlines */
	enum pdfw_kind	 kind;
	const char	*psname;
	unsigned	 upem;
};

static int
face_open(struct face *f, const char *path, unsigned index,
    enum pdfw_kind kind, const char *psname)
{
	hb_blob_t	*blob;

	memset(f, 0, sizeof(*f));
	if (access(path, R_OK) != 0 ||
	    FT_New_Face(ftlib, path, index, &f->ft) != 0)
		return -1;
	blob = hb_blob_create_from_file(path);
	f->hb = hb_face_create(blob, index);
	hb_blob_destroy(blob);
	f->font = hb_font_create(f->hb);
	f->upem = hb_face_get_upem(f->hb);
	f->kind = kind;
	f->psname = psname;
	return 0;
}

static void
face_close(struct face *f)
{
	if (f->ft != NULL)
		FT_Done_Face(f->ft);
	hb_font_destroy(f->font);
	hb_face_destroy(f->hb);
}

/* The glyph of character c, 0 when the face has none. */
static unsigned
gid_of(const struct face *f, uint32_t c)
{
	hb_codepoint_t	 g = 0;

	if (!hb_font_get_nominal_glyph(f->font, c, &g))
		return 0;
	return g;
}

/* The code pdfw takes for glyph g: its CID in a CID-keyed face. */
static unsigned
code_of(const struct face *f, unsigned g)
{
	FT_UInt	 cid;

	if (f->kind == PDFW_CFF && FT_Get_CID_From_Glyph_Index(f->ft, g,
	    &cid) == 0)
		return cid;
	return g;
}

/* Glyph g's advance in 1/1000 em, rounded: what /W says. */
static int
adv_of(const struct face *f, unsigned g)
{
	return (int)((double)hb_font_get_glyph_h_advance(f->font, g) *
	    1000 / f->upem + 0.5);
}

/*
 * Sets text (UTF-8, one glyph a character) in font fn of face f at
 * size from x, y: each glyph after the last one's advance plus
 * extra[i] points (extra may be NULL).  Each glyph stands for its
 * character.  Returns where the pen ends, points from x.
 */
static double
set(struct pdfw *w, int fn, const struct face *f, double size, double x,
    double y, const char *text, const double *extra)
{
	const char	*s = text, *p;
	double		 dx = 0;
	unsigned	 g;
	int		 i;

	pdfw_text_begin(w, fn, size, x, y, 0, 0);
	for (i = 0; *s != '\0'; i++) {
		p = s;
		g = gid_of(f, utf8_cp(&s));
		if (extra != NULL)
			dx += extra[i];
		pdfw_text_glyph(w, g, code_of(f, g), dx, p, (size_t)(s - p));
		dx += adv_of(f, g) * size / 1000;
	}
	pdfw_text_end(w);
	return dx;
}

/* What a page's first drawing opens before any pdfw_mark(): the
 * Document's marked content. */
#define DOC_MC	"/Document << /MCID 0 >> BDC\n"

/* ------------------------------------------------------- reading a PDF */

/* A finished file as this test reads it. */
struct pdf {
	const char	*d;		/* the bytes */
	size_t		 len;
	size_t		*off;		/* offset of object n, 0 if free;
					   packed: its index in stm[n] */
	int		*stm;		/* the object stream n is packed
					   in, or 0 (in off's block) */
	int		 xref;		/* the cross-reference stream */
	int		 size;		/* the trailer's /Size */
	int		 kids[8];	/* page objects in order */
	int		 npage;
};

/* The first needle in the n bytes at hay (they may hold NULs), or NULL. */
static const char *
find(const char *hay, size_t n, const char *needle)
{
	size_t	 k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/* Reads an unsigned decimal number at *p, moving past it; -1 if none. */
static long
num_at(const char **p)
{
	long	 v = 0;

	if (**p < '0' || **p > '9')
		return -1;
	/* Digits past a trillion are no number of this test's. */
	for (; **p >= '0' && **p <= '9'; (*p)++)
		v = v < 1000000000000L ? v * 10 + **p - '0' : v;
	return v;
}

static int	 obj_stream(const struct pdf *, int, struct buf *);
static char	*packed_text(const struct pdf *, int);

/* The dictionary text of object n (up to "stream" or "endobj"), as a
 * string to free, or "" when n is not in the file. */
static char *
obj_text(const struct pdf *p, int n)
{
	const char	*s, *e, *st, *end = p->d + p->len;

	if (n > 0 && n < p->size && p->stm[n] != 0)
		return packed_text(p, n);
	if (n <= 0 || n >= p->size || p->off[n] == 0)
		return xstrdup("");
	s = p->d + p->off[n];
	s = find(s, (size_t)(end - s), "\n") + 1;
	if ((e = find(s, (size_t)(end - s), "endobj")) == NULL)
		return xstrdup("");
	st = find(s, (size_t)(e - s), "stream\n");
	return xstrndup(s, (size_t)((st != NULL ? st : e) - s));
}

/* The object that key (as "/Parent") refers to in dict, or -1. */
static int
key_ref(const char *dict, const char *key)
{
	const char	*s;
	char		 pat[64];
	long		 v;

	snprintf(pat, sizeof(pat), "%s ", key);
	if ((s = strstr(dict, pat)) == NULL)
		return -1;
	s += strlen(pat);
	if ((v = num_at(&s)) < 0 || strncmp(s, " 0 R", 4) != 0)
		return -1;
	return (int)v;
}

/* The integer after key in dict, or def when there is none. */
static long
key_int(const char *dict, const char *key, long def)
{
	const char	*s;
	char		 pat[64];
	int		 neg;
	long		 v;

	snprintf(pat, sizeof(pat), "%s ", key);
	if ((s = strstr(dict, pat)) == NULL)
		return def;
	s += strlen(pat);
	neg = *s == '-';
	s += neg;
	if ((v = num_at(&s)) < 0)
		return def;
	return neg ? -v : v;
}

/* The data of the stream of object n, inflated if need be, into out;
 * 0 or -1. */
static int
obj_stream(const struct pdf *p, int n, struct buf *out)
{
	char		*dict = obj_text(p, n);
	const char	*s;
	long		 len = key_int(dict, "/Length", -1);
	int		 flate = strstr(dict, "/Filter /FlateDecode") != NULL;
	uLongf		 zlen;
	int		 rc;

	free(dict);
	buf_reset(out);
	if (n <= 0 || n >= p->size || p->off[n] == 0)
		return -1;
	s = p->d + p->off[n];
	if (len < 0 || (s = find(s, p->len - p->off[n], "stream\n")) == NULL)
		return -1;
	s += 7;
	if (s + len > p->d + p->len || memcmp(s + len, "\nendstream", 10))
		return -1;
	if (!flate) {
		buf_put(out, s, (size_t)len);
		return 0;
	}
	for (zlen = (uLongf)len * 4 + 1024;; zlen *= 2) {
		buf_reset(out);
		buf_grow(out, zlen);
		rc = uncompress((Bytef *)out->data, &zlen, (const Bytef *)s,
		    (uLong)len);
		if (rc != Z_BUF_ERROR)
			break;
	}
	if (rc != Z_OK)
		return -1;
	out->len = zlen;
	out->data[zlen] = '\0';
	return 0;
}

/* The text of object n packed in object stream p->stm[n] (its
 * p->off[n]th, whose number the stream must say), or "". */
static char *
packed_text(const struct pdf *p, int n)
{
	struct buf	 d = BUF_INIT;
	char		*dict = obj_text(p, p->stm[n]), *r = NULL;
	long		 first = key_int(dict, "/First", -1);
	long		 cnt = key_int(dict, "/N", -1), k, num, at, next;
	const char	*s, *t;

	OK(strstr(dict, "/Type /ObjStm") != NULL);
	free(dict);
	if (obj_stream(p, p->stm[n], &d) != 0 || first < 0 ||
	    (size_t)first > d.len) {
		buf_dispose(&d);
		return xstrdup("");
	}
	for (s = d.data, k = 0; k < cnt && (size_t)k <= p->off[n]; k++) {
		num = num_at(&s);
		s++;
		at = num_at(&s);
		s++;
		if ((size_t)k != p->off[n])
			continue;
		t = s;
		next = (long)d.len - first;
		if (k + 1 < cnt) {	/* up to the next object */
			num_at(&t);
			t++;
			next = num_at(&t);
		}
		if (num == n && at >= 0 && next >= at &&
		    first + next <= (long)d.len)
			r = xstrndup(d.data + first + at, (size_t)(next - at));
	}
	buf_dispose(&d);
	return r != NULL ? r : xstrdup("");
}

/* Counts in refd the "n 0 R" in [s, end), skipping streams; adds to
 * *bad those that name no object in use. */
static void
refs_scan(const struct pdf *p, const char *s, const char *end, char *refd,
    int *bad)
{
	const char	*x, *start = s;
	long		 v;

	for (; s < end; s++) {
		if ((size_t)(end - s) >= 7 && memcmp(s, "stream\n", 7) == 0) {
			if ((s = find(s, (size_t)(end - s),
			    "\nendstream\n")) == NULL)
				break;
			s += 10;
			continue;
		}
		if (*s < '0' || *s > '9' || (s > start && s[-1] >= '0' &&
		    s[-1] <= '9'))
			continue;
		x = s;
		v = num_at(&x);
		if (strncmp(x, " 0 R", 4) != 0)
			continue;
		if (v <= 0 || v >= p->size || (p->off[v] == 0 &&
		    p->stm[v] == 0)) {
			printf("# %ld 0 R names no object\n", v);
			(*bad)++;
		}
		else
			refd[v]++;
	}
}

/* The big-endian number of n bytes at s. */
static size_t
be_at(const char *s, int n)
{
	size_t	 v = 0;

	while (n-- > 0)
		v = v << 8 | (unsigned char)*s++;
	return v;
}

/*
 * Checks the frame of a file and reads its cross-reference stream into
 * p: "%PDF-1.7" first and "%%EOF\n" last; startxref at the stream,
 * the last object, whose dictionary has the trailer's entries; one
 * 7-byte entry an object, each in use at "n 0 obj" or packed in an
 * object stream; /Size as many; every "n 0 R", in the file or in a
 * packed object, at an object in use; every object but the catalogue,
 * the information and the stream named by another; the page tree.
 * Returns 0 when the stream could be read (p->off then to free).
 */
static int
pdf_read(const struct buf *b, struct pdf *p)
{
	const char	*s, *e, *x;
	char		*dict, *refd, pat[32];
	struct buf	 xs = BUF_INIT;
	long		 xref, v, n0, cnt;
	int		 i, bad;

	memset(p, 0, sizeof(*p));
	p->d = b->data;
	p->len = b->len;
	OK(b->len > 32 && memcmp(b->data, "%PDF-1.7\n", 9) == 0);
	OK(b->len > 32 && strcmp(b->data + b->len - 6, "%%EOF\n") == 0);
	if (b->len < 32)
		return -1;
	/* The last startxref. */
	for (s = NULL, x = b->data; (x = find(x, b->len -
	    (size_t)(x - b->data), "startxref\n")) != NULL; x++)
		s = x;
	OK(s != NULL);
	if (s == NULL)
		return -1;
	s += 10;
	xref = num_at(&s);
	OK(xref > 0 && (size_t)xref < b->len);
	if (xref <= 0 || (size_t)xref >= b->len)
		return -1;
	/* The cross-reference stream, the last object: the trailer's
	 * entries in its dictionary, then 7 bytes an object. */
	s = b->data + xref;
	n0 = num_at(&s);
	OK(n0 > 4 && strncmp(s, " 0 obj\n", 7) == 0 &&
	    b->data[xref - 1] == '\n');
	if (n0 <= 4 || strncmp(s, " 0 obj\n", 7) != 0)
		return -1;
	cnt = n0 + 1;
	p->size = (int)cnt;
	p->xref = (int)n0;
	p->off = xcalloc((size_t)cnt, sizeof(*p->off) + sizeof(*p->stm));
	p->stm = (int *)(void *)(p->off + cnt);
	p->off[n0] = (size_t)xref;
	dict = obj_text(p, (int)n0);
	OK(strstr(dict, "/Type /XRef") != NULL);
	OK(strstr(dict, "/W [1 4 2]") != NULL);
	OK(key_int(dict, "/Size", -1) == cnt);
	OK(key_ref(dict, "/Root") == 1);
	OK(key_ref(dict, "/Info") == 3);
	OK(strstr(dict, "/ID [<") != NULL);
	free(dict);
	if (obj_stream(p, (int)n0, &xs) != 0 || xs.len != 7 * (size_t)cnt) {
		OK(0);
		buf_dispose(&xs);
		return 0;
	}
	/* Entry 0 heads the free list; the others are in use, in the
	 * file at "n 0 obj" or packed in an object stream. */
	e = xs.data;
	OK(e[0] == 0 && be_at(e + 5, 2) == 65535);
	refd = xcalloc((size_t)cnt, 1);
	for (bad = 0, i = 1; i < cnt; i++) {
		e = xs.data + 7 * i;
		v = (long)be_at(e + 1, 4);
		if (e[0] == 2 && v > 0 && v < cnt) {
			p->stm[i] = (int)v;
			p->off[i] = be_at(e + 5, 2);
			refd[v]++;	/* an object stream is named so */
			continue;
		}
		if (e[0] != 1 || be_at(e + 5, 2) != 0 || v <= 0 ||
		    (size_t)v >= b->len) {
			bad++;
			continue;
		}
		p->off[i] = (size_t)v;
		snprintf(pat, sizeof(pat), "%d 0 obj\n", i);
		if (strncmp(b->data + v, pat, strlen(pat)) != 0 ||
		    b->data[v - 1] != '\n')
			bad++;
	}
	OK(bad == 0);
	if (bad != 0)
		printf("# %d bad cross-reference entries\n", bad);
	buf_dispose(&xs);

	/* References, outside streams and in the objects packed. */
	bad = 0;
	refs_scan(p, b->data, b->data + xref, refd, &bad);
	for (i = 1; i < cnt; i++)
		if (p->stm[i] != 0) {
			dict = obj_text(p, i);
			OK(*dict != '\0');
			refs_scan(p, dict, dict + strlen(dict), refd, &bad);
			free(dict);
		}
	OK(bad == 0);
	/* An object nothing names is lost: a link on no page. */
	for (i = 1; i < cnt; i++)
		if (i != 1 && i != 3 && i != n0 && refd[i] == 0) {
			printf("# object %d is named by no other\n", i);
			bad++;
		}
	OK(bad == 0);
	free(refd);

	/* The page tree. */
	dict = obj_text(p, 2);
	OK(strstr(dict, "/Type /Pages") != NULL);
	if ((s = strstr(dict, "/Kids [")) != NULL)
		for (s += 7; p->npage < 8 && (v = num_at(&s)) > 0;) {
			p->kids[p->npage++] = (int)v;
			if (strncmp(s, " 0 R", 4) != 0)
				break;
			s += 4;
			if (*s == ' ')
				s++;
		}
	OK(key_int(dict, "/Count", -1) == p->npage);
	free(dict);
	return 0;
}

/* The page (1-based) of page object n, or 0. */
static int
page_of(const struct pdf *p, int n)
{
	int	 i;

	for (i = 0; i < p->npage; i++)
		if (p->kids[i] == n)
			return i + 1;
	return 0;
}

/* The content stream of page (1-based) into out; 0 or -1. */
static int
page_ops(const struct pdf *p, int page, struct buf *out)
{
	char	*dict;
	int	 c;

	if (page < 1 || page > p->npage)
		return -1;
	dict = obj_text(p, p->kids[page - 1]);
	c = key_ref(dict, "/Contents");
	free(dict);
	return c > 0 ? obj_stream(p, c, out) : -1;
}

/* ------------------------------------------------------------ numbers */

static char *
num(double v)
{
	struct buf	 b = BUF_INIT;

	pdfw_num(&b, v);
	return buf_detach(&b, NULL);
}

#define NUM_EQ(v, want) do {						\
	char	*t_s = num(v);						\
	STR_EQ(t_s, want);						\
	free(t_s);							\
} while (0)

static void
test_num(void)
{
	struct buf	 b = BUF_INIT;

	NUM_EQ(0, "0 ");
	NUM_EQ(12.5, "12.5 ");
	NUM_EQ(-3, "-3 ");
	NUM_EQ(100, "100 ");
	NUM_EQ(1000000, "1000000 ");
	NUM_EQ(0.5, "0.5 ");
	NUM_EQ(-0.5, "-0.5 ");
	NUM_EQ(0.05, "0.05 ");
	NUM_EQ(0.005, "0.005 ");
	NUM_EQ(-0.001, "-0.001 ");
	NUM_EQ(10.01, "10.01 ");
	NUM_EQ(595.276, "595.276 ");
	/* Rounded to 1/1000, halves away from zero, no trailing zeros. */
	NUM_EQ(1.23456, "1.235 ");
	NUM_EQ(-1.2345, "-1.235 ");
	NUM_EQ(1.2344, "1.234 ");
	NUM_EQ(2.0004, "2 ");
	NUM_EQ(0.9996, "1 ");
	NUM_EQ(-0.9996, "-1 ");
	NUM_EQ(9.9999, "10 ");
	/* What rounds to zero has no sign. */
	NUM_EQ(0.0004, "0 ");
	NUM_EQ(-0.0004, "0 ");
	NUM_EQ(-0.0, "0 ");
	/* NaN and the absurd are zero. */
	NUM_EQ(1e13, "0 ");
	NUM_EQ(-1e13, "0 ");
	NUM_EQ(NAN, "0 ");
	NUM_EQ(INFINITY, "0 ");
	NUM_EQ(-INFINITY, "0 ");
	NUM_EQ(123456789.125, "123456789.125 ");
	/* It appends. */
	buf_puts(&b, "[");
	pdfw_num(&b, 1);
	pdfw_num(&b, -2.25);
	STR_EQ(b.data, "[1 -2.25 ");
	buf_dispose(&b);
}

/* ------------------------------------------------------ the document */

static const struct pdfw_box	 trim = { 10, 10, 590, 790 };
static const struct pdfw_box	 bleed = { 5, 5, 595, 795 };
static const struct pdfw_box	 link_r = { 50, 640, 150, 665 };
static const struct pdfw_box	 link_r2 = { 50.5, 690, 122, 725.25 };

/* Extra space before each glyph of the runs placed by hand. */
static const double	 ex_avw[] = { 0, 16.82, 10.5 };
static const double	 ex_k[] = { 25.125 };
static const double	 ex_av[] = { 0, -1.5 };
static const double	 ex_gk[] = { 0, 12.345 };
static const double	 ex_hij[] = { 0, 0.0008, 0.02 };

/* The test document, appended to out, its faces subset from prep's
 * if it is not NULL; pdfw_finish's result. */
static int
build(struct face *cjk, struct face *tt, const struct pdfw_prep *prep,
    struct buf *out)
{
	struct pdfw_info	 info;
	struct pdfw		*w;
	struct buf		*b;
	int			 fc, ft;
	unsigned		 g;

	memset(&info, 0, sizeof(info));
	info.title = "村务公开 2024 年";
	info.author = "张三";
	info.creator = "unit_pdfw";
	info.day = 19844;	/* 2024-05-01 */
	info.trim = &trim;
	info.bleed = &bleed;
	info.prep = prep;
	info.lang = "zh-CN";
	w = pdfw_new(PAGE_W, PAGE_H, &info);
	OK(pdfw_page_no(w) == 1);
	fc = pdfw_font(w, cjk->hb, cjk->kind, cjk->psname);
	ft = pdfw_font(w, tt->hb, tt->kind, tt->psname);
	/* One number a face. */
	OK(fc != ft);
	OK(pdfw_font(w, cjk->hb, cjk->kind, cjk->psname) == fc);

	/* Page 1: a rectangle, runs as shaped and runs placed by hand. */
	b = pdfw_ops(w);
	buf_puts(b, "0.5 g\n");
	pdfw_num(b, 40);
	pdfw_num(b, 30.25);
	pdfw_num(b, 120);
	pdfw_num(b, 15.5);
	buf_puts(b, "re f\n0 g\n");
	set(w, fc, cjk, 20, 50, 700, "村务公开", NULL);
	set(w, ft, tt, 12, 50, 650, "Hello World", NULL);
	set(w, ft, tt, 20, 100, 500, "AVW", ex_avw);
	set(w, ft, tt, 10, 300, 500, "K", ex_k);
	set(w, ft, tt, 20, 100, 450, "AV", ex_av);
	set(w, fc, cjk, 16, 100, 400, "公开", ex_gk);
	set(w, ft, tt, 20, 100, 350, "HIJ", ex_hij);
	pdfw_link(w, &link_r, 3, 0, 800, "目录 & 𠀀");
	pdfw_outline(w, 1, "第一章 概况", 1, 0, 700);
	pdfw_outline(w, 2, "1.1 收入", 1, 0, 650);
	pdfw_page(w);
	OK(pdfw_page_no(w) == 2);

	/* Page 2: stroked, then filled, then slanted text. */
	set(w, fc, cjk, 24, 50, 700, "第二页", NULL);
	buf_puts(pdfw_ops(w), "0 0 1 RG 0.5 w\n");
	pdfw_text_begin(w, ft, 18, 50, 600, 0, 1);
	pdfw_text_glyph(w, gid_of(tt, 'B'), gid_of(tt, 'B'), 0, "B", 1);
	pdfw_text_end(w);
	set(w, ft, tt, 18, 50, 550, "Thin", NULL);
	pdfw_text_begin(w, ft, 18, 50, 500, 0.2, 0);
	g = gid_of(tt, 'S');
	pdfw_text_glyph(w, g, g, 0, "S", 1);
	pdfw_text_end(w);
	/* The page ends stroking: the next starts filling again. */
	pdfw_text_begin(w, ft, 18, 50, 450, 0, 1);
	g = gid_of(tt, 'Z');
	pdfw_text_glyph(w, g, g, 0, "Z", 1);
	pdfw_text_end(w);
	pdfw_outline(w, 2, "1.2 支出", 2, 0, 700);
	pdfw_link(w, &link_r2, 1, 0, 700, "p1");
	pdfw_link(w, &link_r, 1, 10, 20, NULL);
	pdfw_page(w);

	/* Page 3: a ligature, a character past U+FFFF, a glyph for
	 * nothing, one glyph given two texts (as 金 and the radical ⾦
	 * share one); stroked text first. */
	pdfw_text_begin(w, ft, 18, 300, 700, 0, 1);
	g = gid_of(tt, 'Q');
	pdfw_text_glyph(w, g, g, 0, "Q", 1);
	pdfw_text_end(w);
	set(w, ft, tt, 14, 50, 700, "Page three", NULL);
	pdfw_text_begin(w, ft, 14, 50, 650, 0, 0);
	g = gid_of(tt, 0xfb01);
	pdfw_text_glyph(w, g, g, 0, "fi", 2);
	g = gid_of(tt, 'x');
	pdfw_text_glyph(w, g, g, adv_of(tt, gid_of(tt, 0xfb01)) * 0.014,
	    "x", 1);
	pdfw_text_end(w);
	pdfw_text_begin(w, fc, 20, 50, 600, 0, 0);
	g = gid_of(cjk, 0x5409);	/* 吉 */
	pdfw_text_glyph(w, g, code_of(cjk, g), 0, "\xf0\xa0\xae\xb7", 4);
	g = gid_of(cjk, 0x4e00);	/* 一 */
	pdfw_text_glyph(w, g, code_of(cjk, g), 20, "", 0);
	g = gid_of(cjk, 0x5b8c);	/* 完 */
	pdfw_text_glyph(w, g, code_of(cjk, g), 40, "完", 3);
	pdfw_text_glyph(w, g, code_of(cjk, g), 60, "X", 1);
	g = gid_of(cjk, 0x53e3);	/* 口, first for nothing */
	pdfw_text_glyph(w, g, code_of(cjk, g), 80, "", 0);
	pdfw_text_glyph(w, g, code_of(cjk, g), 100, "口", 3);
	pdfw_text_end(w);
	pdfw_outline(w, 1, "第二章", 3, 0, 700);
	pdfw_outline(w, 3, "2.0.1 附表", 3, 72, 400.5);
	return pdfw_finish(w, "doc.pdf", out);
}

/* The glyphs build() sets in each face. */
#define CJK_USED	"村务公开第二页吉一完口"
#define TT_USED		"Hello WorldAVWKHIJBThinSZQPage three\xef\xac\x81x"

/* ------------------------------------------------------ reading back */

/* A word of pdftotext -bbox: page (1-based), box (y down), text. */
struct word {
	int	 page;
	double	 x0, y0, x1, y1;
	char	 text[64];
};

/* Reads pdftotext -bbox output into at most max words; their number. */
static int
words_read(const char *html, struct word *w, int max)
{
	const char	*s, *e;
	int		 n = 0, page = 0;

	for (s = html; (s = strchr(s, '<')) != NULL && n < max; s++) {
		if (strncmp(s, "<page ", 6) == 0)
			page++;
		if (strncmp(s, "<word ", 6) != 0)
			continue;
		if (sscanf(s, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" "
		    "yMax=\"%lf\">", &w[n].x0, &w[n].y0, &w[n].x1,
		    &w[n].y1) != 4)
			continue;
		s = strchr(s, '>') + 1;
		if ((e = strchr(s, '<')) == NULL || e - s >= 64)
			continue;
		memcpy(w[n].text, s, (size_t)(e - s));
		w[n].text[e - s] = '\0';
		w[n].page = page;
		n++;
	}
	return n;
}

/* A font as the file describes it. */
struct pfont {
	int	 type0, cid, desc, file;	/* objects */
	char	 tag[8];		/* the subset tag */
	double	 asc, desc_;		/* /Ascent, /Descent, 1/1000 em */
};

/*
 * Word text on page is at x0 (its first glyph's origin) to x1 (the
 * last one's plus its advance), on the baseline y (PDF space), in
 * font f at size: each within 0.01 pt.
 */
static void
word_check(const struct word *w, int n, int page, const char *text,
    double x0, double x1, double y, const struct pfont *f, double size,
    int line)
{
	double	 top = PAGE_H - y - f->asc * size / 1000;
	double	 bot = PAGE_H - y - f->desc_ * size / 1000;
	int	 i;

	for (i = 0; i < n; i++)
		if (w[i].page == page && strcmp(w[i].text, text) == 0)
			break;
	if (i < n && fabs(w[i].x0 - x0) < 0.01 && fabs(w[i].x1 - x1) < 0.01 &&
	    fabs(w[i].y0 - top) < 0.01 && fabs(w[i].y1 - bot) < 0.01) {
		t_pass++;
		return;
	}
	t_fail++;
	printf("FAIL %s:%d: word \"%s\" on page %d at %.3f %.3f %.3f %.3f\n",
	    __FILE__, line, text, page, x0, top, x1, bot);
	if (i < n)
		printf("  got: %.3f %.3f %.3f %.3f\n", w[i].x0, w[i].y0,
		    w[i].x1, w[i].y1);
	else
		printf("  got: no such word\n");
}

#define WORD_AT(pg, text, x0, x1, y, f, size)				\
	word_check(ws, nw, (pg), (text), (x0), (x1), (y), (f), (size),	\
	    __LINE__)

/* Decodes a text string <FEFF...> at s (UTF-16BE) into UTF-8 (caller
 * frees); "" when s is none. */
static char *
text_decode(const char *s)
{
	struct buf	 b = BUF_INIT;
	unsigned	 u, lo;
	char		 hx[5] = { 0 };

	if (s == NULL || strncmp(s, "<FEFF", 5) != 0)
		return buf_detach(&b, NULL);
	for (s += 5; s[0] != '>' && s[0] != '\0'; s += 4) {
		memcpy(hx, s, 4);
		u = (unsigned)strtoul(hx, NULL, 16);
		if (u >= 0xd800 && u < 0xdc00) {
			s += 4;
			memcpy(hx, s, 4);
			lo = (unsigned)strtoul(hx, NULL, 16);
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
		}
		if (u < 0x80)
			buf_putc(&b, (int)u);
		else if (u < 0x800)
			buf_printf(&b, "%c%c", 0xc0 | (u >> 6),
			    0x80 | (u & 0x3f));
		else if (u < 0x10000)
			buf_printf(&b, "%c%c%c", 0xe0 | (u >> 12),
			    0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f));
		else
			buf_printf(&b, "%c%c%c%c", 0xf0 | (u >> 18),
			    0x80 | ((u >> 12) & 0x3f),
			    0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f));
	}
	return buf_detach(&b, NULL);
}

/* The first font whose BaseFont ends in "+psname" (the face's first,
 * before its twins), read from the file. */
static int
font_find(const struct pdf *p, const char *psname, struct pfont *f)
{
	char		*d, *cd, *dd, pat[128];
	const char	*s;
	int		 i;

	memset(f, 0, sizeof(*f));
	snprintf(pat, sizeof(pat), "+%s ", psname);
	for (i = 1; i < p->size; i++) {
		d = obj_text(p, i);
		if (f->type0 == 0 && strstr(d, "/Subtype /Type0") != NULL &&
		    (s = strstr(d, pat)) != NULL && s - d > 6) {
			f->type0 = i;
			memcpy(f->tag, s - 6, 6);
			f->tag[6] = '\0';
			/* "/DescendantFonts [n 0 R]" */
			if ((s = strstr(d, "/DescendantFonts [")) != NULL) {
				s += 18;
				f->cid = (int)num_at(&s);
			}
		}
		free(d);
	}
	if (f->type0 == 0 || f->cid <= 0)
		return -1;
	cd = obj_text(p, f->cid);
	f->desc = key_ref(cd, "/FontDescriptor");
	dd = obj_text(p, f->desc);
	f->file = key_ref(dd, "/FontFile3");
	if (f->file < 0)
		f->file = key_ref(dd, "/FontFile2");
	f->asc = (double)key_int(dd, "/Ascent", 0);
	f->desc_ = (double)key_int(dd, "/Descent", 0);
	free(cd);
	free(dd);
	return 0;
}

/* The Type 0 font after f with f's BaseFont: its twin; or 0. */
static int
font_twin(const struct pdf *p, const struct pfont *f)
{
	char		*d, *base, pat[64];
	const char	*s, *e;
	int		 i, found = 0;

	base = obj_text(p, f->type0);
	s = strstr(base, "/BaseFont /");
	e = s != NULL ? strchr(s + 11, ' ') : NULL;
	if (e == NULL || e - s >= (long)sizeof(pat)) {
		free(base);
		return 0;
	}
	memcpy(pat, s, (size_t)(e - s + 1));
	pat[e - s + 1] = '\0';
	free(base);
	for (i = f->type0 + 1; i < p->size && !found; i++) {
		d = obj_text(p, i);
		if (strstr(d, "/Subtype /Type0") != NULL &&
		    strstr(d, pat) != NULL)
			found = i;
		free(d);
	}
	return found;
}

/*
 * The width /W and /DW of CIDFont dictionary dict give code, or -1
 * when /W is not an array of "c [w ...]" runs.
 */
static long
width_of(const char *dict, unsigned code)
{
	const char	*s = strstr(dict, "/W [");
	long		 c, v, dw = key_int(dict, "/DW", 1000);

	if (s == NULL)
		return -1;
	for (s += 4;;) {
		while (*s == ' ')
			s++;
		if (*s == ']')
			return dw;
		if ((c = num_at(&s)) < 0 || strncmp(s, " [", 2) != 0)
			return -1;
		for (s += 2;; c++) {
			while (*s == ' ')
				s++;
			if (*s == ']') {
				s++;
				break;
			}
			if ((v = num_at(&s)) < 0)
				return -1;
			if (c == (long)code)
				return v;
		}
	}
}

/*
 * Glyph g of face a and glyph h of face b have the same outline (in
 * font units, unhinted).
 */
static int
same_outline(FT_Face a, unsigned g, FT_Face b, unsigned h)
{
	FT_Outline	 o;
	FT_Vector	*pts;
	short		 np, nc;
	char		*tags;
	short		*ends;
	int		 same;

	if (FT_Load_Glyph(a, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) != 0)
		return 0;
	o = a->glyph->outline;
	np = o.n_points;
	nc = o.n_contours;
	pts = xcalloc((size_t)np + 1, sizeof(*pts));
	tags = xcalloc((size_t)np + 1, 1);
	ends = xcalloc((size_t)nc + 1, sizeof(*ends));
	memcpy(pts, o.points, (size_t)np * sizeof(*pts));
	memcpy(tags, o.tags, (size_t)np);
	memcpy(ends, o.contours, (size_t)nc * sizeof(*ends));
	same = FT_Load_Glyph(b, h, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) ==
	    0 && b->glyph->outline.n_points == np &&
	    b->glyph->outline.n_contours == nc && memcmp(pts,
	    b->glyph->outline.points, (size_t)np * sizeof(*pts)) == 0 &&
	    memcmp(tags, b->glyph->outline.tags, (size_t)np) == 0 &&
	    memcmp(ends, b->glyph->outline.contours, (size_t)nc *
	    sizeof(*ends)) == 0;
	free(pts);
	free(tags);
	free(ends);
	return same;
}

/*
 * Checks font psname of p against face f, which set the characters
 * of used: the three dictionaries and the descriptor agree on the
 * subset tag; /W gives each glyph its advance; the embedded program
 * is a small subset whose glyphs, found by code, have the outlines of
 * the face's.
 */
static void
font_check(const struct pdf *p, const struct face *f, const char *used,
    struct pfont *pf)
{
	struct buf	 prog = BUF_INIT;
	char		*d, pat[128];
	const char	*s;
	FT_Face		 sub = NULL;
	unsigned	 g, code;
	int		 bad_w = 0, bad_o = 0, n = 0, ok_tag = 1, i;

	OK(font_find(p, f->psname, pf) == 0);
	if (pf->type0 == 0)
		return;
	for (i = 0; i < 6; i++)
		ok_tag &= pf->tag[i] >= 'A' && pf->tag[i] <= 'Z';
	OK(ok_tag);
	snprintf(pat, sizeof(pat), "/%s+%s ", pf->tag, f->psname);
	d = obj_text(p, pf->type0);
	/* Codes are CIDs, a glyph's second text in a twin font. */
	OK(strstr(d, "/Encoding /Identity-H") != NULL);
	OK(key_ref(d, "/ToUnicode") > 0);
	free(d);
	d = obj_text(p, pf->desc);
	OK(strstr(d, "/Type /FontDescriptor") != NULL);
	OK(strstr(d, pat) != NULL);
	/* The face's ascender and descender (hhea), in 1/1000 em. */
	OK(pf->asc == (int)(f->ft->ascender * 1000.0 / f->upem));
	OK(pf->desc_ == (int)(f->ft->descender * 1000.0 / f->upem));
	/* The box is the face's, in 1/1000 em. */
	snprintf(pat, sizeof(pat), "/FontBBox [%d %d %d %d]",
	    (int)(f->ft->bbox.xMin * 1000.0 / f->upem),
	    (int)(f->ft->bbox.yMin * 1000.0 / f->upem),
	    (int)(f->ft->bbox.xMax * 1000.0 / f->upem),
	    (int)(f->ft->bbox.yMax * 1000.0 / f->upem));
	OK(strstr(d, pat) != NULL);
	free(d);
	d = obj_text(p, pf->cid);
	snprintf(pat, sizeof(pat), "/%s+%s ", pf->tag, f->psname);
	OK(strstr(d, pat) != NULL);
	if (f->kind == PDFW_CFF)
		OK(strstr(d, "/Subtype /CIDFontType0 ") != NULL);
	else {
		OK(strstr(d, "/Subtype /CIDFontType2 ") != NULL);
		OK(strstr(d, "/CIDToGIDMap /Identity") != NULL);
	}
	for (s = used; *s != '\0';) {
		g = gid_of(f, utf8_cp(&s));
		if (width_of(d, code_of(f, g)) != adv_of(f, g)) {
			printf("# glyph %u: /W %ld, advance %d\n", g,
			    width_of(d, code_of(f, g)), adv_of(f, g));
			bad_w++;
		}
	}
	OK(bad_w == 0);
	free(d);

	/* The program. */
	OK(pf->file > 0 && obj_stream(p, pf->file, &prog) == 0);
	d = obj_text(p, pf->file);
	if (f->kind == PDFW_CFF)
		OK(strstr(d, "/Subtype /CIDFontType0C") != NULL);
	else {
		snprintf(pat, sizeof(pat), "/Length1 %zu", prog.len);
		OK(strstr(d, pat) != NULL);
	}
	free(d);
	/* A subset: the CJK face's CFF alone is some 15 MB. */
	OK(prog.len > 100 && prog.len < 100000);
	OK(FT_New_Memory_Face(ftlib, (const FT_Byte *)prog.data,
	    (FT_Long)prog.len, 0, &sub) == 0);
	if (sub == NULL)
		goto out;
	/* FreeType indexes a bare CID-keyed CFF by CID, as a viewer does
	 * with the codes; TrueType glyphs keep their ids. */
	for (s = used; *s != '\0'; n++) {
		g = gid_of(f, utf8_cp(&s));
		code = code_of(f, g);
		if (!same_outline(f->ft, g, sub, code)) {
			printf("# glyph %u (code %u) differs in the subset\n",
			    g, code);
			bad_o++;
		}
	}
	OK(n > 5 && bad_o == 0);
	/* A glyph not used is not there, or empty. */
	g = gid_of(f, 0x56fd);	/* 国 */
	if (g == 0)
		g = gid_of(f, 'q');
	OK(g != 0 && (FT_Load_Glyph(sub, code_of(f, g), FT_LOAD_NO_SCALE |
	    FT_LOAD_NO_HINTING) != 0 || sub->glyph->outline.n_points == 0));
	if (f->kind == PDFW_CFF) {
		FT_Bool	 cidk = 0;

		OK(FT_Get_CID_Is_Internally_CID_Keyed(sub, &cidk) == 0 &&
		    cidk);
	}
	FT_Done_Face(sub);
out:
	buf_dispose(&prog);
}

/* ----------------------------------------------------- the big test */

/* An outline entry as written: its object's links and counts. */
struct oent {
	int	 obj, parent, first, last, prev, next;
	long	 count;
	int	 page;		/* where it goes, 1-based */
	char	*title;
	char	*dict;
};

static void
oent_read(const struct pdf *p, int n, struct oent *e)
{
	const char	*s;

	e->obj = n;
	e->dict = obj_text(p, n);
	e->parent = key_ref(e->dict, "/Parent");
	e->first = key_ref(e->dict, "/First");
	e->last = key_ref(e->dict, "/Last");
	e->prev = key_ref(e->dict, "/Prev");
	e->next = key_ref(e->dict, "/Next");
	e->count = key_int(e->dict, "/Count", 0);
	e->title = text_decode(strstr(e->dict, "<FEFF"));
	e->page = 0;
	if ((s = strstr(e->dict, "/Dest [")) != NULL) {
		s += 7;
		e->page = page_of(p, (int)num_at(&s));
	}
}

static void
oent_free(struct oent *e)
{
	free(e->title);
	free(e->dict);
}

/* The outline of build(): levels 1, 2, 2, 1, 3. */
static void
check_outline(const struct pdf *p)
{
	struct oent	 root, e[5];
	char		*cat = obj_text(p, 1);
	int		 r = key_ref(cat, "/Outlines"), i;

	OK(strstr(cat, "/Type /Catalog") != NULL);
	OK(strstr(cat, "/PageMode /UseOutlines") != NULL);
	/* The language, and the title shown for the file's name. */
	OK(strstr(cat, "/Lang (zh-CN)") != NULL);
	OK(strstr(cat, "/ViewerPreferences << /DisplayDocTitle true >>") !=
	    NULL);
	free(cat);
	OK(r > 0);
	if (r <= 0)
		return;
	oent_read(p, r, &root);
	OK(strstr(root.dict, "/Type /Outlines") != NULL);
	/* Two entries at the top, both closed. */
	OK(root.count == 2);
	oent_read(p, root.first, &e[0]);
	oent_read(p, e[0].first, &e[1]);
	oent_read(p, e[1].next, &e[2]);
	oent_read(p, e[0].next, &e[3]);
	oent_read(p, e[3].first, &e[4]);
	STR_EQ(e[0].title, "第一章 概况");
	STR_EQ(e[1].title, "1.1 收入");
	STR_EQ(e[2].title, "1.2 支出");
	STR_EQ(e[3].title, "第二章");
	STR_EQ(e[4].title, "2.0.1 附表");
	OK(root.last == e[3].obj);
	OK(e[0].parent == r && e[3].parent == r);
	OK(e[0].prev == -1 && e[3].prev == e[0].obj && e[3].next == -1);
	OK(e[0].first == e[1].obj && e[0].last == e[2].obj);
	OK(e[1].parent == e[0].obj && e[2].parent == e[0].obj);
	OK(e[1].prev == -1 && e[1].next == e[2].obj);
	OK(e[2].prev == e[1].obj && e[2].next == -1);
	/* Level 3 right after level 1: that entry's child. */
	OK(e[3].first == e[4].obj && e[3].last == e[4].obj);
	OK(e[4].parent == e[3].obj);
	OK(e[4].prev == -1 && e[4].next == -1);
	/* Closed: minus the children shown when opened. */
	OK(e[0].count == -2);
	OK(e[3].count == -1);
	for (i = 1; i < 5; i++)
		if (i != 3)
			OK(e[i].first == -1 && e[i].last == -1 &&
			    strstr(e[i].dict, "/Count") == NULL);
	OK(e[0].page == 1 && e[1].page == 1 && e[2].page == 2 &&
	    e[3].page == 3 && e[4].page == 3);
	OK(strstr(e[0].dict, "/XYZ 0 700 0]") != NULL);
	OK(strstr(e[4].dict, "/XYZ 72 400.5 0]") != NULL);
	oent_free(&root);
	for (i = 0; i < 5; i++)
		oent_free(&e[i]);
}

/*
 * The annotations of page (1-based) into n[] (at most max); their
 * number.
 */
static int
annots(const struct pdf *p, int page, int *n, int max)
{
	char		*d = obj_text(p, p->kids[page - 1]);
	const char	*s;
	int		 k = 0;

	if ((s = strstr(d, "/Annots [")) != NULL)
		for (s += 9; k < max && (n[k] = (int)num_at(&s)) > 0; k++) {
			if (strncmp(s, " 0 R", 4) != 0)
				break;
			s += 4;
			if (*s == ' ')
				s++;
		}
	free(d);
	return k;
}

/* Link n covers rect (as written), goes to page at "x y" and says
 * contents (" /Contents <FEFF...>" as written, or NULL: nothing). */
static void
link_check(const struct pdf *p, int n, const char *rect, int page,
    const char *xy, const char *contents)
{
	char		*a = obj_text(p, n);
	const char	*s;
	char		 want[64];

	OK(strstr(a, "/Type /Annot /Subtype /Link") != NULL);
	OK(strstr(a, rect) != NULL);
	if ((s = strstr(a, "/Dest [")) != NULL) {
		s += 7;
		OK(page_of(p, (int)num_at(&s)) == page);
		snprintf(want, sizeof(want), " 0 R /XYZ %s 0]", xy);
		OK(strncmp(s, want, strlen(want)) == 0);
	} else
		OK(!"link has a /Dest");
	if (contents != NULL)
		OK(strstr(a, contents) != NULL);
	else
		OK(strstr(a, "/Contents") == NULL);
	free(a);
}

/* The links of build(): one on page 1 to page 3, two on page 2 to
 * page 1, none on page 3. */
static void
check_link(const struct pdf *p)
{
	int	 n[4];

	OK(annots(p, 1, n, 4) == 1);
	/* 目录 & U+20000 */
	link_check(p, n[0], "/Rect [50 640 150 665", 3, "0 800",
	    " /Contents <FEFF76EE5F55002000260020D840DC00>");
	OK(annots(p, 2, n, 4) == 2);
	link_check(p, n[0], "/Rect [50.5 690 122 725.25", 1, "0 700",
	    " /Contents <FEFF00700031>");
	link_check(p, n[1], "/Rect [50 640 150 665", 1, "10 20", NULL);
	OK(annots(p, 3, n, 4) == 0);
}

/* The pages' operators: TJ adjustments, text rendering modes. */
static void
check_ops(const struct pdf *p, const struct face *tt)
{
	struct buf	 o = BUF_INIT;
	char		 want[64];
	const char	*s, *t;

	OK(page_ops(p, 1, &o) == 0);
	OK(strstr(o.data, "0.5 g\n40 30.25 120 15.5 re f\n") != NULL);
	OK(strstr(o.data, "/F0 20 Tf 1 0 0 1 50 700 Tm\n") != NULL);
	/* 16.82 and 10.5 pt more than the advances at 20 pt. */
	OK(strstr(o.data, "> -841 <") != NULL);
	OK(strstr(o.data, "> -525 <") != NULL);
	/* Before the first glyph; 1.5 pt less. */
	OK(strstr(o.data, "[<> -2512.5 <") != NULL);
	OK(strstr(o.data, "> 75 <") != NULL);
	/* Off by 0.0008 pt: not worth a number, but not forgotten when
	 * 0.02 pt more are. */
	snprintf(want, sizeof(want), "[<%04X%04X> -1.04 <%04X>] TJ",
	    gid_of(tt, 'H'), gid_of(tt, 'I'), gid_of(tt, 'J'));
	OK(strstr(o.data, want) != NULL);
	OK(strstr(o.data, " Tr\n") == NULL);
	OK(page_ops(p, 2, &o) == 0);
	s = strstr(o.data, "2 Tr\n");
	t = strstr(o.data, "0 Tr\n");
	OK(s != NULL && t != NULL && s < t);
	/* Said once a change: B (stroked), Thin, S, Z (stroked). */
	OK(s != NULL && strstr(s + 1, "2 Tr\n") != NULL);
	OK(t != NULL && strstr(t + 1, "0 Tr\n") == NULL);
	OK(strstr(o.data, "Tf 1 0 0.2 1 50 500 Tm\n") != NULL);
	/* A page starts filling: stroking is said again. */
	OK(page_ops(p, 3, &o) == 0);
	OK(strncmp(o.data, DOC_MC "BT\n2 Tr\n", sizeof(DOC_MC) + 7) == 0);
	/* 完's second text from a twin of the font (F2), and back;
	 * a glyph for nothing says so, with an empty /ActualText (一,
	 * then 口 the first time). */
	OK(strstr(o.data, ">] TJ\n/F2 20 Tf\n[<") != NULL);
	OK(strstr(o.data, ">] TJ\n/F0 20 Tf\n[<") != NULL);
	s = strstr(o.data, "/Span << /ActualText <FEFF> >> BDC\n[<");
	OK(s != NULL && strstr(s + 1, "/Span << /ActualText <FEFF> >> BDC"
	    "\n[<") != NULL);
	OK(strstr(o.data, "FFFF") == NULL);
	buf_dispose(&o);
}

static void
test_doc(struct face *cjk, struct face *tt)
{
	struct buf	 a = BUF_INIT, b = BUF_INIT, u = BUF_INIT;
	struct pdf	 p;
	struct pfont	 fc, ft;
	struct word	 ws[64];
	char		*path, *out, *errs, *cmd, *d, want[128];
	const char	*q;
	double		 av, aa, ah, ai, aj, ak;
	int		 nw, i;

	OK(build(cjk, tt, NULL, &a) == 0);
	/* It appends, and equal calls give equal bytes. */
	buf_puts(&b, "junk");
	OK(build(cjk, tt, NULL, &b) == 0);
	OK(b.len == a.len + 4 && memcmp(b.data + 4, a.data, a.len) == 0);
	path = save("doc.pdf", &a);
	if (pdf_read(&a, &p) != 0)
		goto out;
	OK(p.npage == 3);
	check_ops(&p, tt);
	check_outline(&p);
	check_link(&p);
	font_check(&p, cjk, CJK_USED, &fc);
	font_check(&p, tt, TT_USED, &ft);
	OK(strcmp(fc.tag, ft.tag) != 0);
	/* Every page has both boxes and the fonts. */
	d = obj_text(&p, p.kids[2]);
	OK(strstr(d, "/MediaBox [0 0 600 800]") != NULL);
	OK(strstr(d, "/BleedBox [5 5 595 795]") != NULL);
	OK(strstr(d, "/TrimBox [10 10 590 790]") != NULL);
	cmd = obj_text(&p, key_ref(d, "/Resources"));
	free(d);
	/* The names the operators use: CJK first, DejaVu second. */
	OK(key_ref(cmd, "/F0") == fc.type0 && key_ref(cmd, "/F1") == ft.type0);
	free(cmd);
	/* ToUnicode: a character past U+FFFF in two halves, a zero
	 * width space for a glyph for nothing, the first text of a
	 * glyph. */
	d = obj_text(&p, fc.type0);
	OK(obj_stream(&p, key_ref(d, "/ToUnicode"), &u) == 0);
	free(d);
	snprintf(want, sizeof(want), "<%04X> <D842DFB7>\n",
	    code_of(cjk, gid_of(cjk, 0x5409)));
	OK(strstr(u.data, want) != NULL);
	snprintf(want, sizeof(want), "<%04X> <200B>\n",
	    code_of(cjk, gid_of(cjk, 0x4e00)));
	OK(strstr(u.data, want) != NULL);
	snprintf(want, sizeof(want), "<%04X> <5B8C>\n",
	    code_of(cjk, gid_of(cjk, 0x5b8c)));
	OK(strstr(u.data, want) != NULL);
	/* Eleven glyphs, two of them for nothing: 口 stands for what
	 * it was first given, nothing, and 完 for its first text; no
	 * code twice. */
	OK(strstr(u.data, "\n11 beginbfchar\n") != NULL);
	snprintf(want, sizeof(want), "<%04X> <200B>\n",
	    code_of(cjk, gid_of(cjk, 0x53e3)));
	OK(strstr(u.data, want) != NULL);
	OK(strstr(u.data, "<0058>") == NULL);
	buf_dispose(&u);
	/* 完's second text is in a twin font, and 口's first (its
	 * code stands for nothing in the first font): the same
	 * program, a ToUnicode map of the twin's own. */
	i = font_twin(&p, &fc);
	OK(i > 0);
	d = obj_text(&p, i);
	OK(strstr(d, "/Encoding /Identity-H") != NULL);
	OK(obj_stream(&p, key_ref(d, "/ToUnicode"), &u) == 0);
	cmd = NULL;
	if ((q = strstr(d, "/DescendantFonts [")) != NULL) {
		q += 18;
		cmd = obj_text(&p, (int)num_at(&q));
	}
	free(d);
	OK(cmd != NULL && key_ref(cmd, "/FontDescriptor") == fc.desc);
	free(cmd);
	OK(strstr(u.data, "\n2 beginbfchar\n") != NULL);
	snprintf(want, sizeof(want), "<%04X> <0058>\n",
	    code_of(cjk, gid_of(cjk, 0x5b8c)));
	OK(strstr(u.data, want) != NULL);
	snprintf(want, sizeof(want), "<%04X> <53E3>\n",
	    code_of(cjk, gid_of(cjk, 0x53e3)));
	OK(strstr(u.data, want) != NULL);
	buf_dispose(&u);
	d = obj_text(&p, ft.type0);
	OK(strstr(d, "/Encoding /Identity-H") != NULL);
	free(d);

	if (!poppler) {
		T_SKIP("poppler-utils not installed");
		goto done;
	}
	out = run("pdfinfo", "", path, &errs);
	STR_EQ(errs, "");
	OK(strstr(out, "Pages:           3\n") != NULL);
	OK(strstr(out, "Title:           村务公开 2024 年\n") != NULL);
	OK(strstr(out, "Author:          张三\n") != NULL);
	OK(strstr(out, "Creator:         unit_pdfw\n") != NULL);
	OK(strstr(out, "Producer:        gongkai\n") != NULL);
	OK(strstr(out, "Page size:       600 x 800 pts\n") != NULL);
	OK(strstr(out, "PDF version:     1.7\n") != NULL);
	free(out);
	free(errs);
	out = run("pdfinfo", "-isodates", path, &errs);
	OK(strstr(out, "CreationDate:    2024-05-01T00:00:00Z\n") != NULL);
	OK(strstr(out, "ModDate:         2024-05-01T00:00:00Z\n") != NULL);
	free(out);
	free(errs);
	out = run("pdfinfo", "-box -f 1 -l 3", path, &errs);
	STR_EQ(errs, "");
	OK(strstr(out, "Page    1 TrimBox:      10.00    10.00   590.00   "
	    "790.00\n") != NULL);
	OK(strstr(out, "Page    1 BleedBox:      5.00     5.00   595.00   "
	    "795.00\n") != NULL);
	OK(strstr(out, "Page    3 TrimBox:      10.00    10.00   590.00   "
	    "790.00\n") != NULL);
	OK(strstr(out, "Page    3 BleedBox:      5.00     5.00   595.00   "
	    "795.00\n") != NULL);
	OK(strstr(out, "Page    2 MediaBox:      0.00     0.00   600.00   "
	    "800.00\n") != NULL);
	free(out);
	free(errs);

	/* Both fonts embedded, subset, with ToUnicode, of their types. */
	out = run("pdffonts", "", path, &errs);
	STR_EQ(errs, "");
	cmd = xasprintf("%s+NotoSansCJKsc-Regular         CID Type 0C       "
	    "Identity-H       yes yes yes ", fc.tag);
	OK(strstr(out, cmd) != NULL && strstr(strstr(out, cmd) + 1, cmd) !=
	    NULL);
	free(cmd);
	cmd = xasprintf("%s+DejaVuSans                    CID TrueType      "
	    "Identity-H       yes yes yes ", ft.tag);
	OK(strstr(out, cmd) != NULL);
	free(cmd);
	free(out);
	free(errs);

	/* The text back, through ToUnicode. */
	out = run("pdftotext", "-f 1 -l 1", path, &errs);
	STR_EQ(errs, "");
	OK(strstr(out, "村务公开\nHello World\n") != NULL);
	OK(strstr(out, "A V W\n") != NULL);
	OK(strstr(out, "\nAV\n") != NULL);
	OK(strstr(out, "公 开\n") != NULL);
	OK(strstr(out, "\nHIJ\n") != NULL);
	free(out);
	free(errs);
	out = run("pdftotext", "-f 2 -l 3", path, &errs);
	OK(strstr(out, "第二页\n") != NULL);
	OK(strstr(out, "B\nThin\n") != NULL);
	OK(strstr(out, "Page three\n") != NULL);
	/* "ﬁ" stands for "fi"; 吉 for 𠮷; 一 for nothing; 完 for what
	 * it was first given, and where given another text, for that
	 * (from a twin font); 口 for nothing, then for itself: once. */
	OK(strstr(out, "\nfix\n") != NULL);
	OK(strstr(out, "\n𠮷\n") != NULL);
	OK(strstr(out, "\n完X\n") != NULL);
	OK(strstr(out, "\n口\n") != NULL);
	OK(strstr(out, "口口") == NULL);
	OK(strstr(out, "一") == NULL);
	free(out);
	free(errs);

	/* Where the glyphs are. */
	out = run("pdftotext", "-bbox", path, &errs);
	STR_EQ(errs, "");
	nw = words_read(out, ws, 64);
	free(out);
	free(errs);
	aa = adv_of(tt, gid_of(tt, 'A')) * 0.02;
	av = adv_of(tt, gid_of(tt, 'V')) * 0.02;
	ah = adv_of(tt, gid_of(tt, 'H')) * 0.02;
	ai = adv_of(tt, gid_of(tt, 'I')) * 0.02;
	aj = adv_of(tt, gid_of(tt, 'J')) * 0.02;
	ak = adv_of(tt, gid_of(tt, 'K')) * 0.01;
	WORD_AT(1, "村务公开", 50, 50 + (adv_of(cjk, gid_of(cjk, 0x6751)) +
	    adv_of(cjk, gid_of(cjk, 0x52a1)) + adv_of(cjk, gid_of(cjk,
	    0x516c)) + adv_of(cjk, gid_of(cjk, 0x5f00))) * 0.02, 700, &fc, 20);
	WORD_AT(1, "A", 100, 100 + aa, 500, &ft, 20);
	WORD_AT(1, "V", 100 + aa + 16.82, 100 + aa + 16.82 + av, 500, &ft, 20);
	WORD_AT(1, "W", 100 + aa + 16.82 + av + 10.5, 100 + aa + 16.82 + av +
	    10.5 + adv_of(tt, gid_of(tt, 'W')) * 0.02, 500, &ft, 20);
	WORD_AT(1, "K", 325.125, 325.125 + ak, 500, &ft, 10);
	WORD_AT(1, "AV", 100, 100 + aa - 1.5 + av, 450, &ft, 20);
	WORD_AT(1, "公", 100, 116, 400, &fc, 16);
	WORD_AT(1, "开", 128.345, 144.345, 400, &fc, 16);
	WORD_AT(1, "HIJ", 100, 100 + ah + 0.0008 + ai + 0.02 + aj, 350, &ft,
	    20);
	WORD_AT(2, "第二页", 50, 50 + 3 * 24, 700, &fc, 24);
	WORD_AT(3, "𠮷", 50, 70, 600, &fc, 20);
	WORD_AT(3, "完X", 90, 130, 600, &fc, 20);
	WORD_AT(3, "口", 150, 170, 600, &fc, 20);

	/* A renderer reads the fonts without a word. */
	if (t_have("pdftoppm")) {
		cmd = xasprintf("-r 20 -png %s %s/page", path, dir);
		out = run("pdftoppm", cmd, "", &errs);
		STR_EQ(errs, "");
		free(out);
		free(errs);
		free(cmd);
	} else
		T_SKIP("pdftoppm not installed");
done:
	free(p.off);
out:
	free(path);
	buf_dispose(&a);
	buf_dispose(&b);
}

/* --------------------------------------------------- smaller documents */

static const struct pdfw_info	 noinfo;

/* One run of text in face f on a small sheet, appended to out. */
static int
small(struct face *f, const char *text, struct buf *out)
{
	struct pdfw	*w = pdfw_new(300, 100, &noinfo);
	int		 fn = pdfw_font(w, f->hb, f->kind, f->psname);

	set(w, fn, f, 12, 10, 50, text, NULL);
	return pdfw_finish(w, "small.pdf", out);
}

/*
 * The catalogue says a language only when given a tag of letters,
 * digits and hyphens, and asks viewers to show the title only when
 * there is one; hidden text is rendering mode 3.
 */
static void
test_lang(struct face *tt)
{
	static const char *const bad[] = { "", "zh CN", "zh)", "zh-CN\n" };
	struct pdfw_info	 info;
	struct buf		 b = BUF_INIT, o = BUF_INIT;
	struct pdfw		*w;
	struct pdf		 p;
	char			*cat;
	size_t			 i;
	unsigned		 g = gid_of(tt, 'h');
	int			 fn;

	OK(small(tt, "ab", &b) == 0);
	if (pdf_read(&b, &p) == 0) {
		cat = obj_text(&p, 1);
		OK(strstr(cat, "/Lang") == NULL);
		OK(strstr(cat, "/ViewerPreferences") == NULL);
		free(cat);
		free(p.off);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&info, 0, sizeof(info));
		info.lang = bad[i];
		info.title = "t";
		w = pdfw_new(300, 100, &info);
		fn = pdfw_font(w, tt->hb, tt->kind, tt->psname);
		pdfw_text_begin(w, fn, 12, 10, 50, 0, PDFW_HIDDEN);
		pdfw_text_glyph(w, g, g, 0, "h", 1);
		pdfw_text_end(w);
		buf_reset(&b);
		OK(pdfw_finish(w, "lang.pdf", &b) == 0);
		if (pdf_read(&b, &p) != 0)
			continue;
		cat = obj_text(&p, 1);
		OK(strstr(cat, "/Lang") == NULL);
		OK(strstr(cat, "/DisplayDocTitle true") != NULL);
		free(cat);
		OK(page_ops(&p, 1, &o) == 0);
		OK(strncmp(o.data, DOC_MC "BT\n3 Tr\n", sizeof(DOC_MC) + 7) ==
		    0);
		free(p.off);
	}
	buf_dispose(&o);
	buf_dispose(&b);
}

/* The subset tag of face f in a small document of text. */
static void
tag_of(struct face *f, const char *text, char tag[8])
{
	struct buf	 b = BUF_INIT;
	struct pdf	 p;
	struct pfont	 pf;

	strcpy(tag, "?");
	OK(small(f, text, &b) == 0);
	if (pdf_read(&b, &p) == 0) {
		if (font_find(&p, f->psname, &pf) == 0)
			memcpy(tag, pf.tag, 7);
		free(p.off);
	}
	buf_dispose(&b);
}

/* The subset tag names the glyphs: others, another tag. */
static void
test_tags(struct face *cjk, struct face *tt)
{
	char	 t1[8], t2[8], t3[8];

	tag_of(tt, "AB", t1);
	tag_of(tt, "AC", t2);
	tag_of(tt, "BA", t3);
	OK(strlen(t1) == 6 && strlen(t2) == 6);
	OK(strcmp(t1, t2) != 0);
	/* The same glyphs in another order: the same subset. */
	STR_EQ(t3, t1);
	tag_of(cjk, "村务", t1);
	tag_of(cjk, "村公", t2);
	OK(strlen(t1) == 6 && strcmp(t1, t2) != 0);
}

/* Nothing drawn: one empty page, a valid file. */
static void
test_empty(struct face *tt)
{
	struct buf	 a = BUF_INIT, o = BUF_INIT;
	struct pdfw	*w;
	struct pdf	 p;
	char		*path, *out, *errs, *d, *r;

	w = pdfw_new(595.276, 841.89, &noinfo);
	OK(pdfw_page_no(w) == 1);
	OK(pdfw_finish(w, "empty.pdf", &a) == 0);
	path = save("empty.pdf", &a);
	if (pdf_read(&a, &p) == 0) {
		OK(p.npage == 1);
		OK(page_ops(&p, 1, &o) == 0 && o.len == 0);
		d = obj_text(&p, p.kids[0]);
		OK(strstr(d, "/MediaBox [0 0 595.276 841.89]") != NULL);
		OK(strstr(d, "/TrimBox") == NULL &&
		    strstr(d, "/BleedBox") == NULL);
		OK(strstr(d, "/Annots") == NULL);
		free(d);
		d = obj_text(&p, 1);
		OK(strstr(d, "/Outlines") == NULL);
		free(d);
		d = obj_text(&p, 3);
		OK(strstr(d, "/Title") == NULL);
		OK(strstr(d, "/CreationDate (D:19700101000000Z)") != NULL);
		free(d);
		free(p.off);
	}
	if (poppler) {
		out = run("pdfinfo", "", path, &errs);
		STR_EQ(errs, "");
		OK(strstr(out, "Pages:           1\n") != NULL);
		OK(strstr(out, "Page size:       595.276 x 841.89 pts (A4)\n")
		    != NULL);
		OK(strstr(out, "Title:") == NULL);
		free(out);
		free(errs);
		out = run("pdftotext", "", path, &errs);
		STR_EQ(errs, "");
		STR_EQ(out, "\f");
		free(out);
		free(errs);
	} else
		T_SKIP("poppler-utils not installed");
	free(path);

	/* A page ended with nothing on it is a page; the last one
	 * ended before pdfw_finish is not written twice. */
	buf_reset(&a);
	w = pdfw_new(100, 100, &noinfo);
	pdfw_page(w);
	pdfw_page(w);
	OK(pdfw_page_no(w) == 3);
	buf_puts(pdfw_ops(w), "0 0 10 10 re f\n");
	pdfw_page(w);
	OK(pdfw_finish(w, "blank.pdf", &a) == 0);
	if (pdf_read(&a, &p) == 0) {
		OK(p.npage == 3);
		OK(page_ops(&p, 1, &o) == 0 && o.len == 0);
		OK(page_ops(&p, 3, &o) == 0 &&
		    strcmp(o.data, DOC_MC "0 0 10 10 re f\nEMC\n") == 0);
		free(p.off);
	}

	/* A font named but never used still makes a valid file. */
	buf_reset(&a);
	w = pdfw_new(100, 100, &noinfo);
	OK(pdfw_font(w, tt->hb, tt->kind, NULL) == 0);
	OK(pdfw_finish(w, "unused.pdf", &a) == 0);
	if (pdf_read(&a, &p) == 0) {
		d = obj_text(&p, p.kids[0]);
		r = obj_text(&p, key_ref(d, "/Resources"));
		OK(strstr(r, "/Font << /F0 ") != NULL);
		free(r);
		free(d);
		free(p.off);
	}
	path = save("unused.pdf", &a);
	if (poppler) {
		out = run("pdffonts", "", path, &errs);
		STR_EQ(errs, "");
		/* No name given: "Font". */
		OK(strstr(out, "+Font ") != NULL);
		free(out);
		free(errs);
	}
	free(path);
	buf_dispose(&a);
	buf_dispose(&o);
}

/* More glyphs than one beginbfchar block holds (100), some for
 * nothing: the text comes back whole. */
static void
test_many(struct face *tt)
{
	struct buf	 a = BUF_INIT, want = BUF_INIT, u = BUF_INIT;
	struct pdfw	*w = pdfw_new(1400, 100, &noinfo);
	struct pdf	 p;
	struct pfont	 pf;
	char		 s[8], *path, *out, *errs, *d;
	const char	*q, *e;
	double		 dx = 0;
	unsigned	 c, g;
	int		 fn, n = 0, i = 0, k, v, lines, blocks = 0, none = 0;

	fn = pdfw_font(w, tt->hb, tt->kind, tt->psname);
	pdfw_text_begin(w, fn, 6, 10, 50, 0, 0);
	for (c = 0x21; c <= 0xff; c++) {
		if ((c >= 0x7f && c <= 0xa0) || c == 0xad)
			continue;
		g = gid_of(tt, c);
		if (c < 0x80)
			snprintf(s, sizeof(s), "%c", c);
		else
			snprintf(s, sizeof(s), "%c%c", 0xc0 | (c >> 6),
			    0x80 | (c & 0x3f));
		/* pdftotext sees a gap where a glyph stands for
		 * nothing. */
		if (i++ % 7 == 3) {
			s[0] = '\0';
			none++;
			buf_putc(&want, ' ');
		} else {
			n++;
			buf_puts(&want, s);
		}
		pdfw_text_glyph(w, g, g, dx, s, strlen(s));
		dx += adv_of(tt, g) * 0.006;
	}
	pdfw_text_end(w);
	buf_putc(&want, '\n');
	OK(pdfw_finish(w, "many.pdf", &a) == 0);
	OK(n > 150);
	if (pdf_read(&a, &p) == 0) {
		OK(font_find(&p, tt->psname, &pf) == 0);
		d = obj_text(&p, pf.type0);
		OK(obj_stream(&p, key_ref(d, "/ToUnicode"), &u) == 0);
		free(d);
		/* Blocks of at most 100 (PDF's limit), one for each. */
		for (k = 0, q = u.data; (q = strstr(q, "beginbfchar\n")) !=
		    NULL; q++, blocks++) {
			for (e = q - 1; e > u.data && e[-1] != '\n'; e--)
				;
			v = atoi(e);
			k += v;
			OK(v > 0 && v <= 100);
			/* Each block says how many entries it has. */
			e = strstr(q, "endbfchar");
			for (lines = 0; q < e; q++)
				lines += *q == '\n';
			OK(lines == v + 1);
		}
		/* A glyph for nothing too (a zero width space). */
		OK(blocks >= 2 && k == n + none);
		free(p.off);
	}
	path = save("many.pdf", &a);
	if (poppler) {
		out = run("pdftotext", "-raw", path, &errs);
		STR_EQ(errs, "");
		buf_putc(&want, '\f');
		STR_EQ(out, want.data);
		free(out);
		free(errs);
	}
	free(path);
	buf_dispose(&a);
	buf_dispose(&u);
	buf_dispose(&want);
}

/*
 * A deeper outline, levels 1, 2, 3, 2, 1, 0 (read as 1): a closed
 * entry's /Count is minus the entries shown when it is opened, which
 * are its children only, its own children being closed too (ISO
 * 32000-1, 12.3.3, table 153).
 */
static void
test_outline_deep(void)
{
	static const int	 lv[] = { 1, 2, 3, 2, 1, 0 };
	struct buf		 a = BUF_INIT;
	struct pdfw		*w = pdfw_new(100, 100, &noinfo);
	struct pdf		 p;
	struct oent		 root, e[6];
	char			*d, t[16];
	int			 i;

	buf_puts(pdfw_ops(w), "0 0 1 1 re f\n");
	for (i = 0; i < 6; i++) {
		snprintf(t, sizeof(t), "e%d", i);
		pdfw_outline(w, lv[i], t, 1, 0, 100);
	}
	OK(pdfw_finish(w, "deep.pdf", &a) == 0);
	if (pdf_read(&a, &p) != 0)
		goto out;
	d = obj_text(&p, 1);
	oent_read(&p, key_ref(d, "/Outlines"), &root);
	free(d);
	oent_read(&p, root.first, &e[0]);
	oent_read(&p, e[0].first, &e[1]);
	oent_read(&p, e[1].first, &e[2]);
	oent_read(&p, e[1].next, &e[3]);
	oent_read(&p, e[0].next, &e[4]);
	oent_read(&p, e[4].next, &e[5]);
	for (i = 0; i < 6; i++) {
		snprintf(t, sizeof(t), "e%d", i);
		STR_EQ(e[i].title, t);
	}
	OK(root.count == 3 && root.last == e[5].obj);
	OK(e[2].parent == e[1].obj && e[3].parent == e[0].obj);
	OK(e[0].last == e[3].obj && e[3].prev == e[1].obj);
	OK(e[4].parent == root.obj && e[5].parent == root.obj);
	OK(e[5].prev == e[4].obj && e[5].next == -1);
	OK(e[1].count == -1);
	/* e1 and e3, not e2 inside the closed e1. */
	OK(e[0].count == -2);
	if (e[0].count != -2)
		printf("# levels 1,2,3,2: the first entry has /Count %ld\n",
		    e[0].count);
	oent_free(&root);
	for (i = 0; i < 6; i++)
		oent_free(&e[i]);
	free(p.off);
out:
	buf_dispose(&a);
}

/*
 * A link on the last page, which has nothing else: the link is on the
 * current page (pdfw_link), so that page is written and carries it,
 * not an annotation no page names.
 */
static void
test_link_last(void)
{
	struct buf	 a = BUF_INIT;
	struct pdfw	*w = pdfw_new(100, 100, &noinfo);
	struct pdfw_box	 r = { 10, 10, 50, 20 };
	struct pdf	 p;
	char		*d;

	buf_puts(pdfw_ops(w), "0 0 1 1 re f\n");
	pdfw_page(w);
	OK(pdfw_page_no(w) == 2);
	pdfw_link(w, &r, 1, 0, 100, "p1");
	pdfw_outline(w, 1, "p2", 2, 0, 100);
	OK(pdfw_finish(w, "lastlink.pdf", &a) == 0);
	if (pdf_read(&a, &p) == 0) {
		OK(p.npage == 2);
		d = obj_text(&p, p.kids[p.npage - 1]);
		OK(strstr(d, "/Annots [") != NULL);
		free(d);
		free(p.off);
	}
	buf_dispose(&a);
}

/*
 * Tagging: drawing wrapped in marked content of the element marked,
 * opened only when something is drawn, closed at a page's end and
 * opened again on the next with that page's MCID; artifacts; the
 * catalogue, the pages' /StructParents and /Tabs, the link's
 * /StructParent, and the tree's objects.
 */
static void
test_mark(void)
{
	struct buf	 a = BUF_INIT, o = BUF_INIT;
	struct pdfw	*w = pdfw_new(100, 100, &noinfo);
	struct pdfw_box	 r = { 10, 10, 50, 20 };
	struct pdf	 p;
	char		*d;
	int		 h, para, lnk, root, tree;

	h = pdfw_elem(w, PDFW_DOC, "H1");
	para = pdfw_elem(w, PDFW_DOC, "P");
	OK(h == 1 && para == 2);
	pdfw_mark(w, PDFW_ARTIFACT);
	buf_puts(pdfw_ops(w), "0 0 100 1 re f\n");
	pdfw_mark(w, h);
	pdfw_mark(w, para);	/* nothing drawn: no H1 sequence */
	OK(pdfw_marking(w) == para);
	buf_puts(pdfw_ops(w), "1 1 1 1 re f\n");
	pdfw_page(w);
	buf_puts(pdfw_ops(w), "2 2 1 1 re f\n");
	pdfw_mark(w, PDFW_PAGINATION);
	buf_puts(pdfw_ops(w), "3 3 1 1 re f\n");
	lnk = pdfw_elem(w, PDFW_DOC, "Link");
	pdfw_mark(w, lnk);
	buf_puts(pdfw_ops(w), "4 4 1 1 re f\n");
	pdfw_link(w, &r, 1, 0, 100, "p1");
	OK(pdfw_finish(w, "mark.pdf", &a) == 0);
	if (pdf_read(&a, &p) != 0)
		goto out;
	OK(p.npage == 2);
	OK(page_ops(&p, 1, &o) == 0);
	STR_EQ(o.data, "/Artifact BMC\n0 0 100 1 re f\nEMC\n"
	    "/P << /MCID 0 >> BDC\n1 1 1 1 re f\nEMC\n");
	OK(page_ops(&p, 2, &o) == 0);
	STR_EQ(o.data, "/P << /MCID 0 >> BDC\n2 2 1 1 re f\nEMC\n"
	    "/Artifact << /Type /Pagination >> BDC\n3 3 1 1 re f\nEMC\n"
	    "/Link << /MCID 1 >> BDC\n4 4 1 1 re f\nEMC\n");
	d = obj_text(&p, 1);
	OK(strstr(d, "/MarkInfo << /Marked true >>") != NULL);
	root = key_ref(d, "/StructTreeRoot");
	free(d);
	d = obj_text(&p, p.kids[0]);
	OK(strstr(d, "/StructParents 0") != NULL);
	OK(strstr(d, "/Tabs") == NULL);
	free(d);
	d = obj_text(&p, p.kids[1]);
	OK(strstr(d, "/StructParents 1") != NULL);
	OK(strstr(d, "/Tabs /S /Annots [") != NULL);
	free(d);
	d = obj_text(&p, root);
	OK(strstr(d, "/Type /StructTreeRoot") != NULL);
	OK(strstr(d, "/ParentTreeNextKey 3") != NULL);
	tree = key_ref(d, "/ParentTree");
	free(d);
	/* the paragraph: one element, content on both pages */
	d = obj_text(&p, tree);
	OK(strstr(d, "/Nums [") != NULL);
	free(d);
	d = obj_text(&p, tree + 1 + para);
	OK(strstr(d, "/S /P ") != NULL);
	OK(strstr(d, "/K [0 << /Type /MCR /Pg ") != NULL);
	free(d);
	d = obj_text(&p, tree + 1 + h);
	OK(strstr(d, "/S /H1 ") != NULL && strstr(d, "/K") == NULL);
	free(d);
	d = obj_text(&p, tree + 1 + lnk);
	OK(strstr(d, "/Type /OBJR") != NULL);
	free(d);
	OK(find(p.d, p.len, "/StructParent 2 >>") != NULL);
	free(p.off);
out:
	buf_dispose(&o);
	buf_dispose(&a);
}

/*
 * The XMP metadata (PDF/UA): an uncompressed /Metadata stream of its
 * own (object 5) that the catalogue names, saying what the
 * information dictionary says, text escaped for XML; a byte that is
 * no UTF-8 and a control character made the same in both; PDF/UA-1
 * claimed.  Without a title, author and language, no such entries.
 */
static void
test_xmp(void)
{
	struct pdfw_info	 info;
	struct buf		 a = BUF_INIT, x = BUF_INIT;
	struct pdfw		*w;
	struct pdf		 p;
	char			*d;

	memset(&info, 0, sizeof(info));
	info.title = "A & B <c> \"村务\"\xff\t公开";
	info.author = "张三 & 李四";
	info.creator = "unit_pdfw";
	info.lang = "zh-CN";
	info.day = 19844;	/* 2024-05-01 */
	w = pdfw_new(100, 100, &info);
	OK(pdfw_finish(w, "xmp.pdf", &a) == 0);
	if (pdf_read(&a, &p) != 0)
		goto out;
	d = obj_text(&p, 1);
	OK(key_ref(d, "/Metadata") == 5);
	free(d);
	OK(p.stm[5] == 0);
	d = obj_text(&p, 5);
	OK(strstr(d, "/Type /Metadata") != NULL);
	OK(strstr(d, "/Subtype /XML") != NULL);
	OK(strstr(d, "/Filter") == NULL);
	free(d);
	OK(obj_stream(&p, 5, &x) == 0);
	OK(strncmp(x.data, "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehi"
	    "HzreSzNTczkc9d\"?>\n", 54) == 0);
	OK(x.len > 19 && strcmp(x.data + x.len - 19, "<?xpacket end=\"w\"?>")
	    == 0);
	OK(strstr(x.data, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"
	    "A &amp; B &lt;c&gt; &quot;村务&quot;\xef\xbf\xbd 公开</rdf:li>"
	    "</rdf:Alt></dc:title>\n") != NULL);
	OK(strstr(x.data, "<dc:creator><rdf:Seq><rdf:li>张三 &amp; 李四"
	    "</rdf:li></rdf:Seq></dc:creator>\n") != NULL);
	OK(strstr(x.data, "<rdf:li>zh-CN</rdf:li>") != NULL);
	OK(strstr(x.data, "<xmp:CreatorTool>unit_pdfw</xmp:CreatorTool>\n")
	    != NULL);
	OK(strstr(x.data, "<xmp:CreateDate>2024-05-01T00:00:00Z"
	    "</xmp:CreateDate>\n") != NULL);
	OK(strstr(x.data, "<xmp:ModifyDate>2024-05-01T00:00:00Z"
	    "</xmp:ModifyDate>\n") != NULL);
	OK(strstr(x.data, "<pdf:Producer>gongkai</pdf:Producer>\n") != NULL);
	OK(strstr(x.data, "<pdfuaid:part>1</pdfuaid:part>\n") != NULL);
	/* The information dictionary: the same title, the same date. */
	d = obj_text(&p, 3);
	OK(strstr(d, "/Title <FEFF00410020002600200042002000"
	    "3C0063003E00200022675152A10022FFFD0020516C5F00>") != NULL);
	OK(strstr(d, "/CreationDate (D:20240501000000Z)") != NULL);
	free(d);
	free(p.off);

	buf_reset(&a);
	w = pdfw_new(100, 100, &noinfo);
	OK(pdfw_finish(w, "xmp0.pdf", &a) == 0);
	if (pdf_read(&a, &p) != 0)
		goto out;
	OK(obj_stream(&p, 5, &x) == 0);
	OK(strstr(x.data, "dc:title") == NULL);
	OK(strstr(x.data, "dc:creator") == NULL);
	OK(strstr(x.data, "dc:language") == NULL);
	OK(strstr(x.data, "<xmp:CreateDate>1970-01-01T00:00:00Z") != NULL);
	OK(strstr(x.data, "<pdfuaid:part>1</pdfuaid:part>") != NULL);
	free(p.off);
out:
	buf_dispose(&x);
	buf_dispose(&a);
}

/* A face HarfBuzz cannot subset: reported against the path, nothing
 * appended. */
static void
test_broken(void)
{
	struct buf	 a = BUF_INIT;
	struct pdfw	*w = pdfw_new(100, 100, &noinfo);
	int		 fn, rc = 0;

	fn = pdfw_font(w, hb_face_get_empty(), PDFW_CFF, "Broken");
	pdfw_text_begin(w, fn, 10, 10, 10, 0, 0);
	pdfw_text_glyph(w, 1, 1, 0, "a", 1);
	pdfw_text_end(w);
	buf_puts(&a, "keep");
	T_CAPTURE(rc = pdfw_finish(w, "out/x.pdf", &a));
	OK(rc == -1);
	ERR_HAS("out/x.pdf:1:1: error: cannot make a subset of font Broken");
	STR_EQ(a.data, "keep");
	buf_dispose(&a);
}

/* Faces prepared for subsetting give the same bytes, whether a
 * process prepared them or not (out_print.c prepares them for big
 * builds only, and output must not depend on that). */
static void
test_prep(struct face *cjk, struct face *tt)
{
	struct pdfw_prep	*prep = pdfw_prep_new();
	struct buf		 a = BUF_INIT, b = BUF_INIT;
	struct hb_face_t	*f[2] = { cjk->hb, tt->hb };

	pdfw_prep_add(prep, f, 2);
	pdfw_prep_add(prep, f, 1);	/* once is enough */
	OK(build(cjk, tt, NULL, &a) == 0);
	OK(build(cjk, tt, prep, &b) == 0);
	OK(a.len > 0 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	pdfw_prep_free(prep);
	pdfw_prep_free(NULL);
	buf_dispose(&a);
	buf_dispose(&b);
}

/* Freeing an unfinished document frees all it holds (LSan says, under
 * make asan) and leaves the borrowed face alone. */
static void
test_free(struct face *cjk, struct face *tt)
{
	struct pdfw_info	 info = { "t", "a", "c", 1, &trim, &bleed, NULL,
	    "zh-CN" };
	struct pdfw_box		 r = { 1, 2, 3, 4 };
	struct pdfw		*w = pdfw_new(PAGE_W, PAGE_H, &info);
	unsigned		 n = hb_face_get_glyph_count(cjk->hb);
	int			 fc, ft;

	fc = pdfw_font(w, cjk->hb, cjk->kind, cjk->psname);
	ft = pdfw_font(w, tt->hb, tt->kind, tt->psname);
	set(w, fc, cjk, 12, 10, 10, "村务", NULL);
	pdfw_link(w, &r, 1, 0, 0, "一");
	pdfw_outline(w, 1, "一", 1, 0, 0);
	pdfw_page(w);
	set(w, ft, tt, 12, 10, 10, "ab", NULL);
	pdfw_outline(w, 2, "二", 2, 0, 0);
	pdfw_text_begin(w, ft, 12, 10, 30, 0, 1);
	pdfw_text_glyph(w, gid_of(tt, 'c'), gid_of(tt, 'c'), 0, "c", 1);
	pdfw_free(w);
	pdfw_free(NULL);
	OK(n > 60000 && hb_face_get_glyph_count(cjk->hb) == n);
	OK(gid_of(cjk, 0x6751) != 0);
}

/* w keeps its own reference to a face: the caller may let go of it
 * before pdfw_finish (under make asan, a use after free otherwise). */
static void
test_ref(struct face *tt)
{
	struct buf	 a = BUF_INIT;
	struct pdfw	*w = pdfw_new(100, 100, &noinfo);
	hb_blob_t	*blob = hb_blob_create_from_file(TT_PATH);
	hb_face_t	*face = hb_face_create(blob, 0);
	struct pdf	 p;
	struct pfont	 pf;
	int		 fn;

	hb_blob_destroy(blob);
	fn = pdfw_font(w, face, PDFW_TRUETYPE, "Mine");
	hb_face_destroy(face);
	set(w, fn, tt, 12, 10, 50, "ref", NULL);
	OK(pdfw_finish(w, "ref.pdf", &a) == 0);
	if (pdf_read(&a, &p) == 0) {
		OK(font_find(&p, "Mine", &pf) == 0 && pf.file > 0);
		free(p.off);
	}
	buf_dispose(&a);
}

int
main(void)
{
	struct face	 cjk, tt;
	int		 fonts;

	setenv("TZ", "UTC", 1);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	if (FT_Init_FreeType(&ftlib) != 0) {
		printf("FAIL: FreeType\n");
		return 1;
	}
	poppler = t_have("pdfinfo") && t_have("pdffonts") && t_have("pdftotext");
	test_num();
	test_outline_deep();
	test_link_last();
	test_mark();
	test_xmp();
	test_broken();
	fonts = face_open(&cjk, CJK_PATH, CJK_INDEX, PDFW_CFF,
	    "NotoSansCJKsc-Regular") == 0;
	fonts &= face_open(&tt, TT_PATH, 0, PDFW_TRUETYPE, "DejaVuSans") == 0;
	if (fonts) {
		test_doc(&cjk, &tt);
		test_tags(&cjk, &tt);
		test_lang(&tt);
		test_prep(&cjk, &tt);
		test_empty(&tt);
		test_many(&tt);
		test_free(&cjk, &tt);
		test_ref(&tt);
	} else
		T_SKIP("fonts-noto-cjk or fonts-dejavu-core not installed");
	face_close(&cjk);
	face_close(&tt);
	FT_Done_FreeType(ftlib);
	t_scratch_end(dir, "UNIT_PDFW_KEEP");
	return T_DONE();
}
