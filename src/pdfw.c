/*
 * pdfw.c -- the PDF file writer; see pdfw.h.
 *
 * The file is written front to back into one buffer: each page's
 * content stream when the page ends, everything that refers to pages
 * or fonts (page objects, links, fonts, outline, catalogue) at the
 * end, then the cross-reference stream (a table cannot say where the
 * objects packed in object streams are: the structure tree's).
 * Objects 1-3 are the catalogue, the page tree and the information,
 * so that pages can name their parent before it is written.
 */
#include <err.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <hb-subset.h>
#include <zlib.h>

#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "pdf_tag.h"
#include "pdfw.h"
#include "sha256.h"
#include "util.h"

#define OBJ_CATALOG	1
#define OBJ_PAGES	2
#define OBJ_INFO	3
#define OBJ_RES		4	/* the resources every page shares */
#define OBJ_META	5	/* the XMP metadata (PDF/UA) */
#define CODES		65536	/* codes and CIDs are two bytes */

/*
 * A character code of a font: the glyph it shows and the text it
 * stands for (its ToUnicode map).  A code is its glyph's CID, and the
 * font's encoding Identity-H.
 *
 * A glyph that stands for two texts (金 and the radical ⾦ share one;
 * · and • do in Noto Sans CJK; every character no font has is shown
 * over one blank glyph) is shown from a twin of its font for the
 * second: a font of its own (its own Type 0 font and ToUnicode map)
 * over the same embedded program.  A code of one font cannot stand
 * for two texts: MuPDF reads a font's ToUnicode map by CID, so that
 * a second code for the same CID, in an encoding of the font's own,
 * read as the first one's text there.
 */
struct glyph {
	unsigned	 gid;
	unsigned	 cid;	/* its code too */
	int		 adv;	/* advance, 1/1000 em */
	size_t		 text;	/* its UTF-8, in font.text */
	size_t		 tlen;
};

struct font {
	hb_face_t	*face;	/* a reference of its own */
	hb_font_t	*hb;	/* at the face's units, for advances */
	enum pdfw_kind	 kind;
	char		*psname;
	unsigned	 upem;
	uint32_t	*slot;	/* CID -> its index in g, plus 1 */
	struct glyph	*g;
	size_t		 ng, capg;
	struct buf	 text;	/* what the glyphs stand for */
	size_t		 base;	/* the face's first font: the one that
				   embeds the program, for its twins
				   too (itself if it is the first) */
	size_t		 twin;	/* the next twin (index), or 0 */
	int		 desc;	/* when written: the font descriptor */
	char		 tag[7]; /* and the subset's tag */
};

/* A face and the same face prepared for subsetting. */
struct prepared {
	hb_face_t	*face;
	hb_face_t	*ready;
};

struct pdfw_prep {
	struct prepared	*f;
	size_t		 n, cap;
};

struct link {
	struct pdfw_box	 r;
	int		 page;	/* where it is */
	int		 to;	/* where it goes */
	double		 x, y;
	char		*contents; /* what it says, or NULL */
};

/* An image written: its objects. */
struct wimg {
	int		 obj;	/* the Image XObject */
	int		 gs;	/* its luminosity mask's ExtGState, or 0 */
	int		 orient; /* pdfw_image.orient */
};

struct outline {
	char		*title;
	int		 level, page;
	double		 x, y;
	int		 parent, first, last, prev, next; /* indexes, -1 */
	int		 count;	/* children */
};

struct pdfw {
	double		 w, h;
	struct pdfw_box	 trim, bleed;
	int		 has_trim, has_bleed;
	char		*title, *author, *creator, *lang;
	long		 day;

	struct buf	 out;		/* the file so far */
	struct buf	 z;		/* a stream, deflated */
	size_t		*off;		/* object n is at off[n], or is
					   the off[n]th of object stream
					   stm[n] */
	size_t		 noff, capoff;
	int		*stm;		/* 0, or n's object stream */
	size_t		 capstm;

	struct buf	 ops;		/* the page's operators */
	int		*contents;	/* content object of each page */
	size_t		 npage, cappage;

	struct font	*font;
	size_t		 nfont, capfont;

	/* The text being set. */
	size_t		 tf;		/* in the font asked for */
	size_t		 shown;		/* or a twin of it: the font set
					   now (Tf) */
	double		 tsize;
	double		 pen;		/* the next glyph's place, points
					   from the run's start */
	int		 tr;		/* the text rendering mode */

	struct link	*link;
	size_t		 nlink, caplink;
	struct outline	*ol;
	size_t		 nol, capol;
	struct wimg	*img;		/* images, by number */
	size_t		 nimg, capimg;

	const struct pdfw_prep *prep;	/* borrowed, or NULL */

	/* Tagging (pdf_tag.h): what is drawn next, and whether its
	 * marked content is open in the page's operators.  It opens
	 * when something is drawn, so that no sequence is empty. */
	struct ptag	*tag;
	int		 mark;		/* an element, or PDFW_ARTIFACT,
					   PDFW_PAGINATION */
	int		 open;		/* BDC or BMC written, no EMC yet */
};

/* ------------------------------------------------------------ numbers */

void
pdfw_num(struct buf *b, double v)
{
	char		 s[32], *p = s + sizeof(s);
	long long	 n;
	int		 neg, i, frac;

	if (!(v > -1e12 && v < 1e12))	/* NaN and the absurd */
		v = 0;
	neg = v < 0;
	n = (long long)((neg ? -v : v) * 1000 + 0.5);
	*--p = ' ';
	frac = (int)(n % 1000);
	n /= 1000;
	if (frac != 0) {
		for (i = 0; i < 3 && frac % 10 == 0; i++)
			frac /= 10;
		for (; i < 3; i++) {
			*--p = (char)('0' + frac % 10);
			frac /= 10;
		}
		*--p = '.';
	}
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	if (neg && (p[0] != '0' || p[1] != ' '))
		*--p = '-';
	buf_put(b, p, (size_t)(s + sizeof(s) - p));
}

/* ------------------------------------------------------------ objects */

static int
obj_new(struct pdfw *w)
{
	xgrow(&w->off, &w->capoff, w->noff + 2, sizeof(*w->off));
	xgrow(&w->stm, &w->capstm, w->noff + 2, sizeof(*w->stm));
	w->off[++w->noff] = 0;
	w->stm[w->noff] = 0;
	return (int)w->noff;
}

static void
obj_begin(struct pdfw *w, int n)
{
	w->off[n] = w->out.len;
	buf_printf(&w->out, "%d 0 obj\n", n);
}

static void
obj_end(struct pdfw *w)
{
	buf_puts(&w->out, "\nendobj\n");
}

/*
 * Deflate runs at its fastest level: the operators of a page shrink
 * about as much as at the default, in half the time.  One fixed level,
 * so that the same input gives the same bytes.
 */
void
pdfw_deflate(const void *data, size_t len, struct buf *out)
{
	uLongf	 zlen = compressBound((uLong)len);

	buf_grow(out, zlen);
	/* Into compressBound() bytes it fails only for memory. */
	if (compress2((Bytef *)out->data + out->len, &zlen, data, (uLong)len,
	    Z_BEST_SPEED) != Z_OK)
		errx(1, "fatal: out of memory");
	out->len += zlen;
	out->data[out->len] = '\0';
}

/*
 * Writes object n as a stream of data with the dictionary entries dict
 * (may be NULL) besides its length and filter: deflated if flate.
 */
static void
obj_stream(struct pdfw *w, int n, const char *dict, const void *data,
    size_t len, int flate)
{
	if (flate) {
		buf_reset(&w->z);
		pdfw_deflate(data, len, &w->z);
		data = w->z.data;
		len = w->z.len;
	}
	obj_begin(w, n);
	buf_printf(&w->out, "<< /Length %zu%s%s%s >>\nstream\n", len,
	    flate ? " /Filter /FlateDecode" : "", dict != NULL ? " " : "",
	    dict != NULL ? dict : "");
	buf_put(&w->out, data, len);
	buf_puts(&w->out, "\nendstream");
	obj_end(w);
}

/* ------------------------------------------------------------ strings */

/* Decodes one UTF-8 character at *s (U+FFFD for a bad byte). */
static uint32_t
utf8_next(const unsigned char **s, const unsigned char *end)
{
	size_t	w;
	long	c = utf8_decode((const char *)*s, (size_t)(end - *s), &w);

	*s += w;
	return c < 0 ? 0xfffd : (uint32_t)c;
}

/* Appends v as four hexadecimal digits. */
static void
hex4(struct buf *b, unsigned v)
{
	static const char	 hex[] = "0123456789ABCDEF";
	char			 s[4];

	s[0] = hex[(v >> 12) & 15];
	s[1] = hex[(v >> 8) & 15];
	s[2] = hex[(v >> 4) & 15];
	s[3] = hex[v & 15];
	buf_put(b, s, 4);
}

/* Appends text as UTF-16BE in hex, without a byte order mark. */
static void
utf16_hex(struct buf *b, const char *text, size_t len)
{
	const unsigned char	*s = (const unsigned char *)text;
	const unsigned char	*end = s + len;
	uint32_t		 c;

	while (s < end) {
		c = utf8_next(&s, end);
		if (c >= 0x10000) {
			c -= 0x10000;
			hex4(b, 0xd800 + (c >> 10));
			hex4(b, 0xdc00 + (c & 0x3ff));
		} else
			hex4(b, c);
	}
}

/* Appends a text string: <FEFF...> in UTF-16BE. */
static void
text_string(struct buf *b, const char *text)
{
	buf_puts(b, "<FEFF");
	utf16_hex(b, text, strlen(text));
	buf_putc(b, '>');
}

/*
 * A copy of s (or NULL) fit for both the information dictionary and
 * the XMP metadata, which must say the same (PDF/UA): a byte that
 * starts no UTF-8 character, U+FFFE and U+FFFF become U+FFFD; control
 * characters, which XML 1.0 has no place for, a space.
 */
static char *
text_clean(const char *s)
{
	struct buf	 b = BUF_INIT;
	size_t		 n, w;
	long		 c;

	if (s == NULL)
		return NULL;
	for (n = strlen(s); n > 0; s += w, n -= w) {
		c = utf8_decode(s, n, &w);
		if (c < 0 || c == 0xfffe || c == 0xffff)
			buf_puts(&b, "\xef\xbf\xbd");
		else if (c < 0x20 || c == 0x7f)
			buf_putc(&b, ' ');
		else
			buf_put(&b, s, w);
	}
	return buf_detach(&b, NULL);
}

/* ---------------------------------------------------------- documents */

struct pdfw *
pdfw_new(double wd, double ht, const struct pdfw_info *info)
{
	struct pdfw	*w = xcalloc(1, sizeof(*w));
	int		 i;

	w->w = wd;
	w->h = ht;
	if (info->trim != NULL) {
		w->trim = *info->trim;
		w->has_trim = 1;
	}
	if (info->bleed != NULL) {
		w->bleed = *info->bleed;
		w->has_bleed = 1;
	}
	w->title = text_clean(info->title);
	w->author = text_clean(info->author);
	w->creator = text_clean(info->creator);
	/* A language tag is letters, digits and hyphens (BCP 47): one
	 * that is not says nothing, and would need escaping. */
	if (info->lang != NULL && *info->lang != '\0' &&
	    strspn(info->lang, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(info->lang))
		w->lang = xstrdup(info->lang);
	w->day = info->day;
	w->prep = info->prep;
	w->tag = ptag_new();
	w->mark = PDFW_DOC;
	/* A binary comment line: the file is binary to whoever asks. */
	buf_puts(&w->out, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
	for (i = OBJ_CATALOG; i <= OBJ_META; i++)
		obj_new(w);
	return w;
}

static void
font_dispose(struct font *f)
{
	hb_font_destroy(f->hb);
	hb_face_destroy(f->face);
	free(f->psname);
	free(f->slot);
	free(f->g);
	buf_dispose(&f->text);
}

void
pdfw_free(struct pdfw *w)
{
	size_t	 i;

	if (w == NULL)
		return;
	for (i = 0; i < w->nfont; i++)
		font_dispose(&w->font[i]);
	for (i = 0; i < w->nol; i++)
		free(w->ol[i].title);
	for (i = 0; i < w->nlink; i++)
		free(w->link[i].contents);
	free(w->font);
	free(w->img);
	free(w->ol);
	free(w->link);
	free(w->contents);
	free(w->off);
	free(w->stm);
	free(w->title);
	free(w->author);
	free(w->creator);
	free(w->lang);
	ptag_free(w->tag);
	buf_dispose(&w->ops);
	buf_dispose(&w->z);
	buf_dispose(&w->out);
	free(w);
}

/* ------------------------------------------------------------ tagging */

/* Opens the marked content of what is drawn next, unless it is. */
static void
mark_open(struct pdfw *w)
{
	if (w->open)
		return;
	w->open = 1;
	if (w->mark == PDFW_ARTIFACT)
		buf_puts(&w->ops, "/Artifact BMC\n");
	else if (w->mark == PDFW_PAGINATION)
		buf_puts(&w->ops, "/Artifact << /Type /Pagination >> BDC\n");
	else
		buf_printf(&w->ops, "/%s << /MCID %d >> BDC\n",
		    ptag_type(w->tag, w->mark),
		    ptag_mcid(w->tag, w->mark, (int)w->npage));
}

/* Closes the open marked content, if any. */
static void
mark_close(struct pdfw *w)
{
	if (w->open)
		buf_puts(&w->ops, "EMC\n");
	w->open = 0;
}

int
pdfw_elem(struct pdfw *w, int parent, const char *type)
{
	return ptag_elem(w->tag, parent, type);
}

void
pdfw_alt(struct pdfw *w, int elem, const char *alt)
{
	ptag_alt(w->tag, elem, alt);
}

void
pdfw_attr(struct pdfw *w, int elem, const char *owner, const char *key,
    const char *value)
{
	ptag_attr(w->tag, elem, owner, key, value);
}

void
pdfw_bbox(struct pdfw *w, int elem, const struct pdfw_box *r)
{
	ptag_bbox(w->tag, elem, r->x0, r->y0, r->x1, r->y1);
}

void
pdfw_mark(struct pdfw *w, int what)
{
	if (what < PDFW_PAGINATION || what >= ptag_count(w->tag))
		what = PDFW_DOC;
	if (what == w->mark)
		return;
	mark_close(w);
	w->mark = what;
}

int
pdfw_marking(const struct pdfw *w)
{
	return w->mark;
}

void
pdfw_page(struct pdfw *w)
{
	int	 n = obj_new(w);

	/* A sequence ends with its page; what is drawn on the next
	 * opens one there, with an MCID of that page. */
	mark_close(w);

	xgrow(&w->contents, &w->cappage, w->npage + 1, sizeof(*w->contents));
	w->contents[w->npage++] = n;
	obj_stream(w, n, NULL, w->ops.data, w->ops.len, 1);
	buf_reset(&w->ops);
	w->tr = 0;
}

int
pdfw_page_no(const struct pdfw *w)
{
	return (int)w->npage + 1;
}

struct buf *
pdfw_ops(struct pdfw *w)
{
	mark_open(w);
	return &w->ops;
}

/* ------------------------------------------------------------- images */

int
pdfw_image(struct pdfw *w, const struct pdfw_image *im)
{
	static const char *const cs[] = { NULL, "/DeviceGray", NULL,
		"/DeviceRGB", "/DeviceCMYK" };
	struct buf	 d = BUF_INIT;
	struct wimg	*g;
	int		 comps = im->comps == 1 || im->comps == 3 ||
			    im->comps == 4 ? im->comps : 1;
	int		 smask = 0, form;

	xgrow(&w->img, &w->capimg, w->nimg + 1, sizeof(*w->img));
	g = &w->img[w->nimg];
	memset(g, 0, sizeof(*g));
	if (im->alpha != NULL) {
		smask = obj_new(w);
		buf_printf(&d, "/Type /XObject /Subtype /Image /Width %u "
		    "/Height %u /ColorSpace /DeviceGray /BitsPerComponent 8",
		    im->w, im->h);
		if (im->deflated)
			buf_puts(&d, " /Filter /FlateDecode");
		obj_stream(w, smask, d.data, im->alpha, im->alen,
		    !im->deflated);
		buf_reset(&d);
	}
	g->orient = im->orient >= 1 && im->orient <= 8 ? im->orient : 1;
	g->obj = obj_new(w);
	buf_printf(&d, "/Type /XObject /Subtype /Image /Width %u /Height %u "
	    "/ColorSpace %s /BitsPerComponent 8", im->w, im->h, cs[comps]);
	if (im->invert && comps == 4)
		buf_puts(&d, " /Decode [1 0 1 0 1 0 1 0]");
	if (smask != 0)
		buf_printf(&d, " /SMask %d 0 R", smask);
	if (im->dct)
		buf_puts(&d, " /Filter /DCTDecode");
	else if (im->deflated)
		buf_puts(&d, " /Filter /FlateDecode");
	obj_stream(w, g->obj, d.data, im->data, im->len, !im->dct &&
	    !im->deflated);
	if (im->lum) {
		/* The image in the unit square, composited in grey: its
		 * luminosity is the soft mask of what is painted over
		 * it (pdfw_image_draw). */
		form = obj_new(w);
		g->gs = obj_new(w);
		buf_reset(&d);
		buf_printf(&d, "/Type /XObject /Subtype /Form /BBox [0 0 1 1] "
		    "/Group << /S /Transparency /CS /DeviceGray /I true >> "
		    "/Resources << /XObject << /Im %d 0 R >> >>", g->obj);
		obj_stream(w, form, d.data, "/Im Do", 6, 0);
		obj_begin(w, g->gs);
		buf_printf(&w->out, "<< /Type /ExtGState /SMask << /Type /Mask "
		    "/S /Luminosity /G %d 0 R >> >>", form);
		obj_end(w);
	}
	buf_dispose(&d);
	return (int)w->nimg++;
}

void
pdfw_image_draw(struct pdfw *w, int img, const struct pdfw_box *r)
{
	/*
	 * Where the image's unit square (u across its rows, v up from
	 * its last row) lands in r's (s across, t up), by Exif
	 * orientation: s = a u + b v + c, t = d u + e v + f.  6, a
	 * quarter turn clockwise: its first row is r's right side.
	 */
	static const signed char m[9][6] = {
		{ 0 },
		{ 1, 0, 0, 0, 1, 0 },	/* 1 as stored */
		{ -1, 0, 1, 0, 1, 0 },	/* 2 mirrored */
		{ -1, 0, 1, 0, -1, 1 },	/* 3 half a turn */
		{ 1, 0, 0, 0, -1, 1 },	/* 4 upside down, mirrored */
		{ 0, -1, 1, -1, 0, 1 },	/* 5 transposed */
		{ 0, 1, 0, -1, 0, 1 },	/* 6 a quarter clockwise */
		{ 0, 1, 0, 1, 0, 0 },	/* 7 transverse */
		{ 0, -1, 1, 1, 0, 0 }	/* 8 a quarter anticlockwise */
	};
	const signed char	*k;
	struct buf		*b;
	double			 wd = r->x1 - r->x0, ht = r->y1 - r->y0;

	if (img < 0 || (size_t)img >= w->nimg)
		return;
	k = m[w->img[img].orient];
	mark_open(w);
	b = &w->ops;
	buf_puts(b, "q ");
	pdfw_num(b, wd * k[0]);
	pdfw_num(b, ht * k[3]);
	pdfw_num(b, wd * k[1]);
	pdfw_num(b, ht * k[4]);
	pdfw_num(b, r->x0 + wd * k[2]);
	pdfw_num(b, r->y0 + ht * k[5]);
	buf_puts(b, "cm\n");
	if (w->img[img].gs != 0)
		/* black, then white through the image's luminosity:
		 * its greys, painted in grey */
		buf_printf(b, "0 g 0 0 1 1 re f /L%d gs 1 g 0 0 1 1 re f Q\n",
		    img);
	else
		buf_printf(b, "/I%d Do Q\n", img);
}

/* -------------------------------------------------------------- fonts */

struct pdfw_prep *
pdfw_prep_new(void)
{
	return xcalloc(1, sizeof(struct pdfw_prep));
}

static void *
prepare(void *arg)
{
	struct prepared	*f = arg;

	f->ready = hb_subset_preprocess(f->face);
	return NULL;
}

void
pdfw_prep_add(struct pdfw_prep *p, struct hb_face_t **faces, size_t n)
{
	pthread_t	*tid = xcalloc(n, sizeof(*tid));
	char		*run = xcalloc(n, 1);
	size_t		 i, j, n0 = p->n;

	for (i = 0; i < n; i++) {
		for (j = 0; j < p->n; j++)
			if (p->f[j].face == faces[i])
				break;
		if (j < p->n)
			continue;
		xgrow(&p->f, &p->cap, p->n + 1, sizeof(*p->f));
		p->f[p->n].face = hb_face_reference(faces[i]);
		p->f[p->n++].ready = NULL;
	}
	/* One thread a face; all are joined before this returns, so the
	 * process forks its workers with one thread again. */
	for (i = n0; i < p->n; i++)
		run[i - n0] = pthread_create(&tid[i - n0], NULL, prepare,
		    &p->f[i]) == 0;
	for (i = n0; i < p->n; i++) {
		if (run[i - n0])
			pthread_join(tid[i - n0], NULL);
		else
			prepare(&p->f[i]);
	}
	free(run);
	free(tid);
}

void
pdfw_prep_free(struct pdfw_prep *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		hb_face_destroy(p->f[i].face);
		hb_face_destroy(p->f[i].ready);
	}
	free(p->f);
	free(p);
}

/* The face to make subsets of face from: prepared if it is. */
static hb_face_t *
subset_source(const struct pdfw_prep *p, hb_face_t *face)
{
	size_t	 i;

	for (i = 0; p != NULL && i < p->n; i++)
		if (p->f[i].face == face)
			return p->f[i].ready;
	return face;
}

/* Appends a font of face to w: its index. */
static size_t
font_add(struct pdfw *w, hb_face_t *face, enum pdfw_kind kind,
    const char *psname)
{
	struct font	*f;

	xgrow(&w->font, &w->capfont, w->nfont + 1, sizeof(*w->font));
	f = &w->font[w->nfont];
	memset(f, 0, sizeof(*f));
	f->face = hb_face_reference(face);
	f->hb = hb_font_create(face);
	f->kind = kind;
	f->psname = xstrdup(psname);
	f->upem = hb_face_get_upem(face);
	if (f->upem == 0)
		f->upem = 1000;
	f->base = w->nfont;
	return w->nfont++;
}

int
pdfw_font(struct pdfw *w, struct hb_face_t *face, enum pdfw_kind kind,
    const char *psname)
{
	size_t	 i;

	for (i = 0; i < w->nfont; i++)
		if (w->font[i].face == face && w->font[i].base == i)
			return (int)i;
	return (int)font_add(w, face, kind, psname != NULL &&
	    *psname != '\0' ? psname : "Font");
}

void
pdfw_text_begin(struct pdfw *w, int font, double size, double x, double y,
    double skew, enum pdfw_mode mode)
{
	static const int	 tr[] = { 0, 2, 3 };
	struct buf	*b = &w->ops;

	w->tf = w->shown = (size_t)font;
	w->tsize = size;
	w->pen = 0;
	mark_open(w);
	buf_puts(b, "BT\n");
	/* The mode outlives the text object: set it when it changes. */
	if (tr[mode] != w->tr) {
		w->tr = tr[mode];
		buf_printf(b, "%d Tr\n", w->tr);
	}
	buf_printf(b, "/F%d ", font);
	pdfw_num(b, size);
	buf_puts(b, "Tf 1 0 ");
	pdfw_num(b, skew);
	buf_puts(b, "1 ");
	pdfw_num(b, x);
	pdfw_num(b, y);
	buf_puts(b, "Tm\n[<");
}

/*
 * What a glyph given no text stands for in its font's ToUnicode map,
 * if its CID stands for nothing else yet: U+200B ZERO WIDTH SPACE.
 * PDF/UA (7.21.7) asks a text of every code shown, and this one is
 * read only where a reader ignores the empty /ActualText around it
 * (pdfw_text_glyph): nothing a reader shows, rather than a character
 * of the glyph's own (the hyphen Pango adds, a radical for 一) that
 * was never in the text.
 */
#define NO_TEXT	"\xe2\x80\x8b"

/* Gives CID cid of f (free) to glyph gid standing for text. */
static struct glyph *
glyph_add(struct font *f, unsigned gid, unsigned cid, const char *text,
    size_t len)
{
	struct glyph	*g;

	xgrow(&f->g, &f->capg, f->ng + 1, sizeof(*f->g));
	g = &f->g[f->ng++];
	f->slot[cid] = (uint32_t)f->ng;
	g->gid = gid;
	g->cid = cid;
	g->adv = (int)((double)hb_font_get_glyph_h_advance(f->hb, gid) *
	    1000 / f->upem + 0.5);
	g->text = f->text.len;
	g->tlen = len;
	buf_put(&f->text, text, len);
	return g;
}

/* Whether font i holds CID cid, making its map first if need be. */
static int
font_has(struct pdfw *w, size_t i, unsigned cid)
{
	struct font	*f = &w->font[i];

	if (f->slot == NULL)
		f->slot = xcalloc(CODES, sizeof(*f->slot));
	return f->slot[cid] != 0;
}

/*
 * The font, font or one of its twins, that shows glyph gid, CID cid,
 * standing for text (len bytes; none if 0), and the glyph there, made
 * on first use: the first of them whose CID stands for that text or
 * is free, a new twin if none.  A glyph for no text is shown from the
 * first font that has its CID, whatever it stands for there.
 */
static size_t
glyph_use(struct pdfw *w, size_t font, unsigned gid, unsigned cid,
    const char *text, size_t len, struct glyph **gp)
{
	struct font	*f;
	struct glyph	*g;
	size_t		 i, last = font;

	if (len == 0) {
		for (i = font;; i = w->font[i].twin) {
			if (font_has(w, i, cid)) {
				f = &w->font[i];
				*gp = &f->g[f->slot[cid] - 1];
				return i;
			}
			if (w->font[i].twin == 0)
				break;
		}
		*gp = glyph_add(&w->font[font], gid, cid, NO_TEXT,
		    sizeof(NO_TEXT) - 1);
		return font;
	}
	for (i = font;; i = f->twin) {
		f = &w->font[i];
		if (!font_has(w, i, cid)) {
			*gp = glyph_add(f, gid, cid, text, len);
			return i;
		}
		g = &f->g[f->slot[cid] - 1];
		if (g->tlen == len && memcmp(f->text.data + g->text, text,
		    len) == 0) {
			*gp = g;
			return i;
		}
		last = i;
		if (f->twin == 0)
			break;
	}
	f = &w->font[font];
	i = font_add(w, f->face, f->kind, f->psname);
	w->font[i].base = font;
	w->font[last].twin = i;
	font_has(w, i, cid);
	*gp = glyph_add(&w->font[i], gid, cid, text, len);
	return i;
}

void
pdfw_text_glyph(struct pdfw *w, unsigned gid, unsigned code, double dx,
    const char *text, size_t len)
{
	struct glyph	*g;
	struct buf	*b = &w->ops;
	double		 adj;
	size_t		 f;

	code &= CODES - 1;
	f = glyph_use(w, w->tf, gid, code, text, len, &g);
	if (f != w->shown) {		/* a twin, or back */
		buf_printf(b, ">] TJ\n/F%zu ", f);
		pdfw_num(b, w->tsize);
		buf_puts(b, "Tf\n[<");
		w->shown = f;
	}
	/* TJ numbers move the pen back by thousandths of the size. */
	adj = (w->pen - dx) * 1000 / w->tsize;
	if (adj > 0.05 || adj < -0.05) {
		buf_puts(b, "> ");
		pdfw_num(b, adj);
		buf_putc(b, '<');
		adj = (double)(long long)(adj * 1000 + (adj < 0 ? -0.5 :
		    0.5)) / 1000;
		w->pen -= adj * w->tsize / 1000;
	}
	if (len == 0) {
		/* A glyph for no text of its own (the second of a
		 * cluster: the first stands for the cluster's text) says
		 * so: its code's text is not read where this is. */
		buf_puts(b, ">] TJ\n/Span << /ActualText <FEFF> >> BDC\n[<");
		hex4(b, g->cid);
		buf_puts(b, ">] TJ\nEMC\n[<");
	} else
		hex4(b, g->cid);
	w->pen += g->adv * w->tsize / 1000;
}

void
pdfw_text_end(struct pdfw *w)
{
	buf_puts(&w->ops, ">] TJ\nET\n");
}

/* Glyphs by CID. */
static int
cmp_cid(const void *a, const void *b)
{
	const struct glyph	*x = a, *y = b;

	return x->cid < y->cid ? -1 : x->cid > y->cid;
}

/* A face's table tag as a number, from its four letters. */
#define TAG(s)	HB_TAG((s)[0], (s)[1], (s)[2], (s)[3])

/*
 * The subset of f's face holding its glyphs and its twins', or NULL.  Layout tables
 * go: a PDF shows glyphs already shaped, and keeping GSUB would pull
 * in every alternate of every glyph (twice the size, twice the time).
 */
static hb_face_t *
font_subset(const struct pdfw *w, const struct font *f)
{
	const struct font	*t;
	static const char *const drop[] = {
		"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea",
		"vmtx", "VORG", "DSIG", "kern", "morx", "feat"
	};
	static const char *const drop_cff[] = {
		"name", "post", "OS/2", "cmap"
	};
	hb_subset_input_t	*in;
	hb_set_t		*gs, *ds;
	hb_face_t		*sub;
	size_t			 i;

	if ((in = hb_subset_input_create_or_fail()) == NULL)
		return NULL;
	gs = hb_subset_input_glyph_set(in);
	hb_set_add(gs, 0);
	for (t = f;; t = &w->font[t->twin]) {
		for (i = 0; i < t->ng; i++)
			hb_set_add(gs, t->g[i].gid);
		if (t->twin == 0)
			break;
	}
	ds = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		hb_set_add(ds, TAG(drop[i]));
	if (f->kind == PDFW_CFF) {
		for (i = 0; i < sizeof(drop_cff) / sizeof(drop_cff[0]); i++)
			hb_set_add(ds, TAG(drop_cff[i]));
		/* Hints only help small sizes on screens; without them a
		 * subset is a sixth smaller. */
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE |
		    HB_SUBSET_FLAGS_NO_HINTING);
	} else
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS);
	sub = hb_subset_or_fail(subset_source(w->prep, f->face), in);
	hb_subset_input_destroy(in);
	return sub;
}

/*
 * Six capital letters naming the subset of f, from its glyphs and its
 * twins', each font's by CID.
 */
static void
subset_tag(const struct pdfw *w, const struct font *f, char tag[7])
{
	struct sha256	 s;
	char		 hex[65];
	size_t		 i;

	sha256_init(&s);
	sha256_add(&s, f->psname, strlen(f->psname));
	for (;; f = &w->font[f->twin]) {
		for (i = 0; i < f->ng; i++)
			sha256_add(&s, &f->g[i].gid, sizeof(f->g[i].gid));
		if (f->twin == 0)
			break;
	}
	sha256_hex(&s, hex);
	for (i = 0; i < 6; i++)
		tag[i] = (char)('A' + (hexval(hex[2 * i]) * 16 +
		    hexval(hex[2 * i + 1])) % 26);
	tag[6] = '\0';
}

/* A big-endian 16-bit number of a table, 0 past its end. */
static int
be16(const char *d, unsigned len, unsigned at)
{
	if (at + 2 > len)
		return 0;
	return (int16_t)(((unsigned char)d[at] << 8) |
	    (unsigned char)d[at + 1]);
}

/* The font's ToUnicode CMap: each code and the text it stands for. */
static void
tounicode(const struct font *f, struct buf *b)
{
	size_t	 i, n, k;

	buf_puts(b, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n");
	for (i = 0; i < f->ng; i = k) {
		for (n = 0, k = i; k < f->ng && n < 100; k++)
			if (f->g[k].tlen > 0)
				n++;
		if (n == 0)
			break;
		buf_printf(b, "%zu beginbfchar\n", n);
		for (; i < k; i++) {
			if (f->g[i].tlen == 0)
				continue;
			buf_putc(b, '<');
			hex4(b, f->g[i].cid);
			buf_puts(b, "> <");
			utf16_hex(b, f->text.data + f->g[i].text, f->g[i].tlen);
			buf_puts(b, ">\n");
		}
		buf_puts(b, "endbfchar\n");
	}
	buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n");
}

/* The /W array: widths of the CIDs (v, n of them, by CID) not DW wide. */
static void
widths(const struct glyph *v, size_t n, int dw, struct buf *b)
{
	size_t	 i;
	int	 open = 0;

	buf_puts(b, "/W [");
	for (i = 0; i < n; i++) {
		if (v[i].adv == dw) {
			if (open)
				buf_puts(b, "]");
			open = 0;
			continue;
		}
		if (!open || v[i].cid != v[i - 1].cid + 1) {
			if (open)
				buf_puts(b, "]");
			buf_printf(b, " %u [", v[i].cid);
			open = 1;
		}
		buf_printf(b, " %d", v[i].adv);
	}
	if (open)
		buf_puts(b, "]");
	buf_puts(b, " ]");
}

/*
 * Writes the program of font f (a face's first, for its twins too):
 * its subset and font descriptor, whose object and tag f keeps.
 * Returns 0 or -1.
 */
static int
font_program(struct pdfw *w, struct font *f, const char *path)
{
	hb_face_t	*sub;
	hb_blob_t	*prog, *head;
	hb_font_t	*hb;
	hb_position_t	 asc = 0, desc = 0, cap = 0;
	const char	*data, *hd;
	unsigned	 len, hlen;
	struct buf	 b = BUF_INIT;
	int		 file = obj_new(w);
	double		 k = 1000.0 / f->upem;
	struct font	*t;

	for (t = f;; t = &w->font[t->twin]) {
		xqsort(t->g, t->ng, sizeof(*t->g), cmp_cid);
		if (t->twin == 0)
			break;
	}
	prog = NULL;
	data = NULL;
	len = 0;
	if ((sub = font_subset(w, f)) != NULL) {
		prog = f->kind == PDFW_CFF ? hb_face_reference_table(sub,
		    HB_TAG('C', 'F', 'F', ' ')) : hb_face_reference_blob(sub);
		data = hb_blob_get_data(prog, &len);
	}
	if (len == 0) {
		hb_blob_destroy(prog);
		hb_face_destroy(sub);
		diag_error(path, 0, 0, "cannot make a subset of font %s",
		    f->psname);
		return -1;
	}
	if (f->kind == PDFW_TRUETYPE)
		buf_printf(&b, "/Length1 %u", len);
	else
		buf_puts(&b, "/Subtype /CIDFontType0C");
	/* A subset's outlines shrink by a tenth at most: kept as they
	 * are, which spares 7 ms a face. */
	obj_stream(w, file, b.data, data, len, 0);
	hb_blob_destroy(prog);
	hb_face_destroy(sub);
	buf_dispose(&b);

	subset_tag(w, f, f->tag);
	hb = hb_font_create(f->face);
	hb_ot_metrics_get_position_with_fallback(hb,
	    HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc);
	hb_ot_metrics_get_position_with_fallback(hb,
	    HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc);
	hb_ot_metrics_get_position_with_fallback(hb,
	    HB_OT_METRICS_TAG_CAP_HEIGHT, &cap);
	hb_font_destroy(hb);
	head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
	hd = hb_blob_get_data(head, &hlen);

	f->desc = obj_new(w);
	obj_begin(w, f->desc);
	buf_printf(&w->out, "<< /Type /FontDescriptor /FontName /%s+%s "
	    "/Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %d "
	    "/Descent %d /CapHeight %d /StemV 80 /%s %d 0 R >>", f->tag,
	    f->psname,
	    (int)(be16(hd, hlen, 36) * k), (int)(be16(hd, hlen, 38) * k),
	    (int)(be16(hd, hlen, 40) * k), (int)(be16(hd, hlen, 42) * k),
	    (int)(asc * k), (int)(desc * k), (int)(cap * k),
	    f->kind == PDFW_CFF ? "FontFile3" : "FontFile2", file);
	obj_end(w);
	hb_blob_destroy(head);
	return 0;
}

/*
 * Writes font i as a Type 0 font in object n, over its program (the
 * first font of its face writes it).  Returns 0 or -1.
 */
static int
font_write(struct pdfw *w, size_t i, int n, const char *path)
{
	struct font	*f = &w->font[i], *base;
	struct buf	 b = BUF_INIT;
	int		 cid = obj_new(w), cmap = obj_new(w);
	int		 dw = 1000;

	if (f->base == i && font_program(w, f, path) == -1)
		return -1;
	base = &w->font[f->base];

	tounicode(f, &b);
	obj_stream(w, cmap, NULL, b.data, b.len, 1);

	obj_begin(w, cid);
	buf_printf(&w->out, "<< /Type /Font /Subtype /%s /BaseFont /%s+%s "
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
	    "/Supplement 0 >> /FontDescriptor %d 0 R /DW %d ",
	    f->kind == PDFW_CFF ? "CIDFontType0" : "CIDFontType2",
	    base->tag, f->psname, base->desc, dw);
	buf_reset(&b);
	widths(f->g, f->ng, dw, &b);
	buf_put(&w->out, b.data, b.len);
	if (f->kind == PDFW_TRUETYPE)
		buf_puts(&w->out, " /CIDToGIDMap /Identity");
	buf_puts(&w->out, " >>");
	obj_end(w);

	obj_begin(w, n);
	buf_printf(&w->out, "<< /Type /Font /Subtype /Type0 /BaseFont /%s+%s "
	    "/Encoding /Identity-H /DescendantFonts [%d 0 R] "
	    "/ToUnicode %d 0 R >>", base->tag, f->psname, cid, cmap);
	obj_end(w);
	buf_dispose(&b);
	return 0;
}

/* ------------------------------------------------- outline and links */

void
pdfw_outline(struct pdfw *w, int level, const char *title, int page,
    double x, double y)
{
	struct outline	*o;

	xgrow(&w->ol, &w->capol, w->nol + 1, sizeof(*w->ol));
	o = &w->ol[w->nol++];
	memset(o, 0, sizeof(*o));
	o->title = xstrdup(title);
	o->level = level < 1 ? 1 : level;
	o->page = page;
	o->x = x;
	o->y = y;
}

void
pdfw_link(struct pdfw *w, const struct pdfw_box *r, int page, double x,
    double y, const char *contents)
{
	struct link	*l;

	xgrow(&w->link, &w->caplink, w->nlink + 1, sizeof(*w->link));
	l = &w->link[w->nlink++];
	l->r = *r;
	l->page = (int)w->npage;
	l->to = page;
	l->x = x;
	l->y = y;
	l->contents = contents != NULL ? xstrdup(contents) : NULL;
	/* A link belongs to the element being drawn (its Link). */
	if (w->mark >= 0)
		ptag_annot(w->tag, w->mark, (int)w->nlink - 1, l->page);
}

/* A destination: page's object (1-based page, clamped) at x, y. */
static void
dest(struct pdfw *w, int page0, int page, double x, double y)
{
	if (page < 1)
		page = 1;
	if (page > (int)w->npage)
		page = (int)w->npage;
	buf_printf(&w->out, "[%d 0 R /XYZ ", page0 + page - 1);
	pdfw_num(&w->out, x);
	pdfw_num(&w->out, y);
	buf_puts(&w->out, "0]");
}

/*
 * Links the outline entries into a tree (parent: the last entry of a
 * lower level) and writes them from object o0 on; the root is o0 - 1.
 */
static void
outline_write(struct pdfw *w, int root, int page0)
{
	int		 i, j, top = 0, n = (int)w->nol, o0 = root + 1;
	int		 first = -1, last = -1;
	struct outline	*o;

	for (i = 0; i < n; i++) {
		o = &w->ol[i];
		o->parent = o->first = o->last = o->prev = o->next = -1;
		for (j = i - 1; j >= 0; j--)
			if (w->ol[j].level < o->level)
				break;
		o->parent = j;
		if (j >= 0) {
			if (w->ol[j].last >= 0) {
				o->prev = w->ol[j].last;
				w->ol[o->prev].next = i;
			} else
				w->ol[j].first = i;
			w->ol[j].last = i;
			/* Closed, an entry counts what opening it shows:
			 * its children, themselves closed. */
			w->ol[j].count++;
		} else {
			if (last >= 0) {
				o->prev = last;
				w->ol[last].next = i;
			} else
				first = i;
			last = i;
			top++;
		}
	}
	obj_begin(w, root);
	buf_printf(&w->out, "<< /Type /Outlines /First %d 0 R /Last %d 0 R "
	    "/Count %d >>", o0 + first, o0 + last, top);
	obj_end(w);
	for (i = 0; i < n; i++) {
		o = &w->ol[i];
		obj_begin(w, o0 + i);
		buf_puts(&w->out, "<< /Title ");
		text_string(&w->out, o->title);
		buf_printf(&w->out, " /Parent %d 0 R",
		    o->parent >= 0 ? o0 + o->parent : root);
		if (o->prev >= 0)
			buf_printf(&w->out, " /Prev %d 0 R", o0 + o->prev);
		if (o->next >= 0)
			buf_printf(&w->out, " /Next %d 0 R", o0 + o->next);
		if (o->first >= 0)
			buf_printf(&w->out, " /First %d 0 R /Last %d 0 R "
			    "/Count -%d", o0 + o->first, o0 + o->last,
			    o->count);
		buf_puts(&w->out, " /Dest ");
		dest(w, page0, o->page, o->x, o->y);
		buf_puts(&w->out, " >>");
		obj_end(w);
	}
}

/* ------------------------------------------------------------- finish */

static void
box(struct buf *b, const char *name, const struct pdfw_box *r)
{
	buf_printf(b, " /%s [", name);
	pdfw_num(b, r->x0);
	pdfw_num(b, r->y0);
	pdfw_num(b, r->x1);
	pdfw_num(b, r->y1);
	b->data[b->len - 1] = ']';
}

/* "D:YYYYMMDD000000Z" for a day number (proleptic Gregorian). */
static void
day_pdf(long z, char *s, size_t n)
{
	long	 era, yoe, doe, doy, mp, y, m, d;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	if (y < 1 || y > 9999)
		y = 1970, m = 1, d = 1;
	snprintf(s, n, "D:%04d%02d%02d000000Z", (int)y, (int)m % 100,
	    (int)d % 100);
}

static void
info_write(struct pdfw *w, const char *date)
{
	obj_begin(w, OBJ_INFO);
	buf_puts(&w->out, "<<");
	if (w->title != NULL) {
		buf_puts(&w->out, " /Title ");
		text_string(&w->out, w->title);
	}
	if (w->author != NULL) {
		buf_puts(&w->out, " /Author ");
		text_string(&w->out, w->author);
	}
	if (w->creator != NULL) {
		buf_puts(&w->out, " /Creator ");
		text_string(&w->out, w->creator);
	}
	buf_printf(&w->out, " /Producer (gongkai) /CreationDate (%s) "
	    "/ModDate (%s) >>", date, date);
	obj_end(w);
}

/*
 * Appends <tag>text</tag>, text escaped (and clean: text_clean); in an
 * array (an RDF container, kind "Alt", "Seq" or "Bag") of one item,
 * li its attributes, unless kind is NULL.
 */
static void
xmp_prop(struct buf *b, const char *tag, const char *kind, const char *li,
    const char *text)
{
	buf_printf(b, "  <%s>", tag);
	if (kind != NULL)
		buf_printf(b, "<rdf:%s><rdf:li%s>", kind, li);
	esc_xml(b, text, strlen(text));
	if (kind != NULL)
		buf_printf(b, "</rdf:li></rdf:%s>", kind);
	buf_printf(b, "</%s>\n", tag);
}

/*
 * The XMP metadata PDF/UA asks of the catalogue: what the information
 * dictionary says (title, author, creator, producer, dates, in XMP's
 * date form), the language, and that the file claims PDF/UA-1
 * (pdfuaid:part).  Not deflated, and not in an object stream: a
 * reader that knows no PDF finds it by its packet header.  No padding
 * after it: nothing edits these files in place.
 */
static void
xmp_write(struct pdfw *w, const char *date)
{
	struct buf	 b = BUF_INIT;
	char		 day[32];

	/* D:YYYYMMDD000000Z -> YYYY-MM-DDT00:00:00Z */
	snprintf(day, sizeof(day), "%.4s-%.2s-%.2sT00:00:00Z", date + 2,
	    date + 6, date + 8);
	buf_puts(&b, "<?xpacket begin=\"\xef\xbb\xbf\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf="
	    "\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "<rdf:Description rdf:about=\"\"\n"
	    "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    "  xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    "  xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    "  xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n");
	xmp_prop(&b, "dc:format", NULL, NULL, "application/pdf");
	if (w->title != NULL)
		xmp_prop(&b, "dc:title", "Alt", " xml:lang=\"x-default\"",
		    w->title);
	if (w->author != NULL)
		xmp_prop(&b, "dc:creator", "Seq", "", w->author);
	if (w->lang != NULL)
		xmp_prop(&b, "dc:language", "Bag", "", w->lang);
	if (w->creator != NULL)
		xmp_prop(&b, "xmp:CreatorTool", NULL, NULL, w->creator);
	xmp_prop(&b, "xmp:CreateDate", NULL, NULL, day);
	xmp_prop(&b, "xmp:ModifyDate", NULL, NULL, day);
	xmp_prop(&b, "xmp:MetadataDate", NULL, NULL, day);
	xmp_prop(&b, "pdf:Producer", NULL, NULL, "gongkai");
	xmp_prop(&b, "pdfuaid:part", NULL, NULL, "1");
	buf_puts(&b, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>");
	obj_stream(w, OBJ_META, "/Type /Metadata /Subtype /XML", b.data,
	    b.len, 0);
	buf_dispose(&b);
}

#define STM_MAX	500	/* objects an object stream holds */

/*
 * Writes the structure tree: its root, the parent tree and every
 * element, and says which objects they are in *r.  They go into
 * object streams, deflated: a table has hundreds of cells, each an
 * element, and as objects of their own they made a file a third
 * larger; packed, a tenth.
 */
static void
tag_write(struct pdfw *w, int page0, int annot0, struct ptag_refs *r)
{
	struct buf	 head = BUF_INIT, body = BUF_INIT;
	char		 dict[64];
	int		 i, k, s, n = ptag_count(w->tag), first;

	r->root = obj_new(w);
	r->tree = obj_new(w);
	r->elem0 = (int)w->noff + 1;
	for (i = 0; i < n; i++)
		obj_new(w);
	r->page0 = page0;
	r->annot0 = annot0;
	r->npage = (int)w->npage;
	/* Objects root, tree, elem0 ... are consecutive: in streams of
	 * STM_MAX each. */
	for (first = r->root; first < r->elem0 + n; first += STM_MAX) {
		buf_reset(&head);
		buf_reset(&body);
		s = obj_new(w);
		for (k = 0; k < STM_MAX && first + k < r->elem0 + n; k++) {
			i = first + k;
			buf_printf(&head, "%d %zu ", i, body.len);
			if (i == r->root)
				ptag_write_root(w->tag, r, &body);
			else if (i == r->tree)
				ptag_write_tree(w->tag, r, &body);
			else
				ptag_write_elem(w->tag, i - r->elem0, r,
				    &body);
			buf_putc(&body, '\n');
			w->stm[i] = s;
			w->off[i] = (size_t)k;
		}
		snprintf(dict, sizeof(dict), "/Type /ObjStm /N %d /First %zu",
		    k, head.len);
		buf_put(&head, body.data, body.len);
		obj_stream(w, s, dict, head.data, head.len, 1);
	}
	buf_dispose(&head);
	buf_dispose(&body);
}

/* Appends v as n bytes, most significant first. */
static void
be_put(struct buf *b, size_t v, int n)
{
	while (n-- > 0)
		buf_putc(b, (int)((v >> (8 * n)) & 0xff));
}

/*
 * Writes the cross-reference stream (objects in object streams need
 * one): for each object its offset, or its object stream and index;
 * the trailer's entries in its dictionary.  id is the file's ID.
 */
static void
xref_write(struct pdfw *w, const char *id)
{
	struct buf	 x = BUF_INIT;
	char		 dict[256];
	int		 n = obj_new(w);
	size_t		 i, at;

	/* Its own entry: where it is about to be written. */
	w->off[n] = at = w->out.len;
	be_put(&x, 0, 1);
	be_put(&x, 0, 4);
	be_put(&x, 65535, 2);
	for (i = 1; i <= w->noff; i++) {
		be_put(&x, w->stm[i] != 0 ? 2 : 1, 1);
		be_put(&x, w->stm[i] != 0 ? (size_t)w->stm[i] : w->off[i], 4);
		be_put(&x, w->stm[i] != 0 ? w->off[i] : 0, 2);
	}
	snprintf(dict, sizeof(dict), "/Type /XRef /Size %zu /W [1 4 2] "
	    "/Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]", w->noff + 1,
	    OBJ_CATALOG, OBJ_INFO, id, id);
	obj_stream(w, n, dict, x.data, x.len, 1);
	buf_printf(&w->out, "startxref\n%zu\n%%%%EOF\n", at);
	buf_dispose(&x);
}

int
pdfw_finish(struct pdfw *w, const char *path, struct buf *out)
{
	struct ptag_refs tag;
	char		 id[65], date[32];
	size_t		 i, l;
	int		 page0, annot0, fonts0, outline0 = 0, rc = -1;

	/* The last page, unless it is the empty one after a page end. */
	for (l = 0; l < w->nlink; l++)
		if (w->link[l].page == (int)w->npage)
			break;
	if (w->ops.len > 0 || w->npage == 0 || l < w->nlink)
		pdfw_page(w);
	page0 = (int)w->noff + 1;
	for (i = 0; i < w->npage; i++)
		obj_new(w);
	annot0 = (int)w->noff + 1;
	for (i = 0; i < w->nlink; i++)
		obj_new(w);
	fonts0 = (int)w->noff + 1;
	for (i = 0; i < w->nfont; i++)
		obj_new(w);

	for (i = 0; i < w->npage; i++) {
		obj_begin(w, page0 + (int)i);
		buf_printf(&w->out, "<< /Type /Page /Parent %d 0 R "
		    "/MediaBox [0 0 ", OBJ_PAGES);
		pdfw_num(&w->out, w->w);
		pdfw_num(&w->out, w->h);
		w->out.data[w->out.len - 1] = ']';
		if (w->has_bleed)
			box(&w->out, "BleedBox", &w->bleed);
		if (w->has_trim)
			box(&w->out, "TrimBox", &w->trim);
		buf_printf(&w->out, " /Resources %d 0 R /Contents %d 0 R",
		    OBJ_RES, w->contents[i]);
		for (l = 0; l < w->nlink; l++)
			if (w->link[l].page == (int)i)
				break;
		if (ptag_page_mcids(w->tag, (int)i) > 0)
			buf_printf(&w->out, " /StructParents %zu", i);
		if (l < w->nlink) {
			/* Links are read in the structure's order. */
			buf_puts(&w->out, " /Tabs /S /Annots [");
			for (; l < w->nlink; l++)
				if (w->link[l].page == (int)i)
					buf_printf(&w->out, "%d 0 R ",
					    annot0 + (int)l);
			w->out.data[w->out.len - 1] = ']';
		}
		buf_puts(&w->out, " >>");
		obj_end(w);
	}
	for (l = 0; l < w->nlink; l++) {
		obj_begin(w, annot0 + (int)l);
		buf_puts(&w->out, "<< /Type /Annot /Subtype /Link /Rect [");
		pdfw_num(&w->out, w->link[l].r.x0);
		pdfw_num(&w->out, w->link[l].r.y0);
		pdfw_num(&w->out, w->link[l].r.x1);
		pdfw_num(&w->out, w->link[l].r.y1);
		buf_puts(&w->out, "] /Border [0 0 0] /Dest ");
		dest(w, page0, w->link[l].to, w->link[l].x, w->link[l].y);
		if (w->link[l].contents != NULL) {
			buf_puts(&w->out, " /Contents ");
			text_string(&w->out, w->link[l].contents);
		}
		if (ptag_annot_elem(w->tag, (int)l) >= 0)
			buf_printf(&w->out, " /StructParent %zu",
			    w->npage + l);
		buf_puts(&w->out, " >>");
		obj_end(w);
	}
	for (i = 0; i < w->nfont; i++)
		if (font_write(w, i, fonts0 + (int)i, path) == -1)
			goto out;
	if (w->nol > 0) {
		outline0 = obj_new(w);
		for (i = 0; i < w->nol; i++)
			obj_new(w);
		outline_write(w, outline0, page0);
	}

	tag_write(w, page0, annot0, &tag);

	obj_begin(w, OBJ_RES);
	buf_puts(&w->out, "<< /Font <<");
	for (i = 0; i < w->nfont; i++)
		buf_printf(&w->out, " /F%zu %d 0 R", i, fonts0 + (int)i);
	buf_puts(&w->out, " >>");
	if (w->nimg > 0) {
		buf_puts(&w->out, " /XObject <<");
		for (i = 0; i < w->nimg; i++)
			buf_printf(&w->out, " /I%zu %d 0 R", i, w->img[i].obj);
		buf_puts(&w->out, " >>");
		for (i = 0, l = 0; i < w->nimg; i++)
			if (w->img[i].gs != 0)
				buf_printf(&w->out, "%s /L%zu %d 0 R", l++ == 0 ?
				    " /ExtGState <<" : "", i, w->img[i].gs);
		if (l > 0)
			buf_puts(&w->out, " >>");
	}
	buf_puts(&w->out, " >>");
	obj_end(w);
	obj_begin(w, OBJ_PAGES);
	buf_puts(&w->out, "<< /Type /Pages /Kids [");
	for (i = 0; i < w->npage; i++)
		buf_printf(&w->out, "%d 0 R ", page0 + (int)i);
	w->out.data[w->out.len - 1] = ']';
	buf_printf(&w->out, " /Count %zu >>", w->npage);
	obj_end(w);
	obj_begin(w, OBJ_CATALOG);
	buf_printf(&w->out, "<< /Type /Catalog /Pages %d 0 R", OBJ_PAGES);
	if (outline0 > 0)
		buf_printf(&w->out, " /Outlines %d 0 R /PageMode /UseOutlines",
		    outline0);
	/* The language a reader speaks the text in (and a viewer's
	 * title bar shows the title, not the file's name). */
	if (w->lang != NULL)
		buf_printf(&w->out, " /Lang (%s)", w->lang);
	/* Tagged: a reader takes the structure tree, not the page. */
	buf_printf(&w->out, " /MarkInfo << /Marked true >> "
	    "/StructTreeRoot %d 0 R /Metadata %d 0 R", tag.root, OBJ_META);
	if (w->title != NULL)
		buf_puts(&w->out, " /ViewerPreferences << /DisplayDocTitle "
		    "true >>");
	buf_puts(&w->out, " >>");
	obj_end(w);
	day_pdf(w->day, date, sizeof(date));
	info_write(w, date);
	xmp_write(w, date);

	sha256_digest(w->out.data, w->out.len, id);
	id[32] = '\0';
	xref_write(w, id);
	buf_put(out, w->out.data, w->out.len);
	rc = 0;
out:
	pdfw_free(w);
	return rc;
}
