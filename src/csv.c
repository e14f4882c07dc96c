/*
 * csv.c -- RFC 4180 records with UTF-8 / GB18030 detection; see csv.h.
 *
 * The file is parsed as bytes: the delimiters (comma, quote, CR, LF)
 * are ASCII, and GB18030 never uses an ASCII byte inside a multi-byte
 * character (trail bytes are 0x30-0x39, 0x40-0x7E without 0x2C,
 * 0x80-0xFE), so the structure is the same in both encodings and only
 * the bytes of a field are converted.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "diag.h"
#include "privacy.h"
#include "util.h"

struct csv {
	const char	*path;
	const char	*data;
	size_t		 len;
	size_t		 pos;		/* next byte to read */
	int		 line;		/* line of pos */
	enum csv_enc	 enc;
	size_t		 nbad;		/* UTF-8: bytes that start no
					   character (each an error) */
	iconv_t		 cd;		/* GB18030 -> UTF-8, or (iconv_t)-1 */
	int		 quiet;		/* csv_privacy: no diagnostics */
	size_t		 rec_off;	/* where the record read last starts */
	int		 rec_line;
	struct buf	 row;		/* its decoded fields, NUL-separated */
	size_t		 nf;
	size_t		 foff[CSV_FIELDS_MAX];	/* field starts in row */
	size_t		 fraw[CSV_FIELDS_MAX];	/* field starts in data */
	const char	*f[CSV_FIELDS_MAX];
	size_t		 flen[CSV_FIELDS_MAX];
	struct buf	 hbuf;		/* the header's fields */
	const char	*hf[CSV_FIELDS_MAX];
	size_t		 hlen[CSV_FIELDS_MAX];
	struct csv_row	 head;
	size_t		 ncols;		/* 0 until csv_header() */
};

static void
err(struct csv *c, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Line and column (characters) of byte off of the file.  Lines are
 * counted from the record read last (errors are found inside it). */
static void
where(const struct csv *c, size_t off, int *line, int *col)
{
	const unsigned char *d = (const unsigned char *)c->data;
	size_t	i, ls;
	int	n = 0, ln = c->rec_line;

	if (off < c->rec_off) {
		ln = 1;
		i = 0;
	} else
		i = c->rec_off;
	ls = i;
	for (; i < off && i < c->len; i++)
		if (d[i] == '\n') {
			ln++;
			ls = i + 1;
		}
	/* columns start after a byte-order mark */
	if (ls == 0 && c->enc == CSV_UTF8_BOM && off >= 3)
		ls = 3;
	else if (ls == 0 && c->enc == CSV_GB18030 && c->len >= 4 &&
	    memcmp(c->data, "\x84\x31\x95\x33", 4) == 0 && off >= 4)
		ls = 4;
	for (i = ls; i < off && i < c->len; n++) {
		if (c->enc != CSV_GB18030 || d[i] < 0x80)
			for (i++; i < off && (d[i] & 0xC0) == 0x80 &&
			    c->enc != CSV_GB18030; i++)
				;
		else if (i + 1 < c->len && d[i + 1] >= 0x30 && d[i + 1] <= 0x39)
			i += 4;
		else
			i += 2;
	}
	*line = ln;
	*col = n + 1;
}

static void
err(struct csv *c, size_t off, const char *fmt, ...)
{
	char	msg[512];
	va_list	ap;
	int	line, col;

	if (c->quiet)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	where(c, off, &line, &col);
	diag_error(c->path, line, col, "%s", msg);
}

/*
 * The n bytes at d read as UTF-8: *good well-formed characters of
 * three or four bytes (Chinese characters are three), *bad bytes that
 * start none.  UTF-8 text with a fragment pasted from GBK makes few
 * bad ones among many good ones; text in GB18030 makes many bad ones,
 * and good ones rarely by chance: two-byte ones often (0xCA 0xA1, 省,
 * is also U+02A1), which is why those are not counted.
 */
static void
census(const char *d, size_t n, size_t *good, size_t *bad)
{
	size_t	i = 0, w;

	*good = *bad = 0;
	while (i < n) {
		if ((unsigned char)d[i] < 0x80) {
			i++;
			continue;
		}
		if (utf8_decode(d + i, n - i, &w) < 0)
			++*bad;
		else if (w >= 3)
			++*good;
		i += w;
	}
}

struct csv *
csv_new(const char *path, const char *data, size_t len)
{
	struct csv	*c = xcalloc(1, sizeof(*c));
	size_t		 good, bad;
	int		 bom;

	c->path = path;
	c->data = data;
	c->len = len;
	c->line = 1;
	c->rec_line = 1;
	c->cd = (iconv_t)-1;
	buf_init(&c->row);
	buf_init(&c->hbuf);
	bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
	census(data, len, &good, &bad);
	if (bom || bad == 0 || good > bad) {
		c->enc = bom ? CSV_UTF8_BOM : CSV_UTF8;
		c->pos = bom ? 3 : 0;
		c->nbad = bad;
	} else {
		c->enc = CSV_GB18030;
		/* U+FEFF in GB18030, which some exports put first */
		if (len >= 4 && memcmp(data, "\x84\x31\x95\x33", 4) == 0)
			c->pos = 4;
	}
	return c;
}

void
csv_free(struct csv *c)
{
	if (c == NULL)
		return;
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	buf_dispose(&c->row);
	buf_dispose(&c->hbuf);
	free(c);
}

enum csv_enc
csv_encoding(const struct csv *c)
{
	return c->enc;
}

const char *
csv_enc_name(enum csv_enc e)
{
	return e == CSV_UTF8 ? "UTF-8" : e == CSV_UTF8_BOM ? "UTF-8 (BOM)" :
	    "GB18030";
}

const char *
csv_path(const struct csv *c)
{
	return c->path;
}

/* Appends bytes [a, b) of the file to the record, converted to UTF-8.
 * Returns 0, or -1 after reporting an invalid byte. */
static int
decode(struct csv *c, size_t a, size_t b)
{
	char	*in, *out;
	size_t	 inleft, outleft, room, off;

	if (c->enc != CSV_GB18030) {
		if (c->nbad > 0 && utf8_valid(c->data + a, b - a, &off) ==
		    -1) {
			err(c, a + off, "invalid UTF-8 (byte 0x%02X) in a file "
			    "that is UTF-8 elsewhere: text pasted from a GBK "
			    "or GB18030 file? (type it again, or save the "
			    "whole file in one encoding)",
			    (unsigned char)c->data[a + off]);
			return -1;
		}
		buf_put(&c->row, c->data + a, b - a);
		return 0;
	}
	if (c->cd == (iconv_t)-1 &&
	    (c->cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1) {
		err(c, a, "cannot convert from GB18030 (iconv: %s)",
		    strerror(errno));
		return -1;
	}
	in = (char *)c->data + a;
	inleft = b - a;
	while (inleft > 0) {
		room = inleft * 2 + 8;
		buf_grow(&c->row, room);
		out = c->row.data + c->row.len;
		outleft = room;
		if (iconv(c->cd, &in, &inleft, &out, &outleft) ==
		    (size_t)-1 && errno != E2BIG) {
			c->row.len = (size_t)(out - c->row.data);
			c->row.data[c->row.len] = '\0';
			iconv(c->cd, NULL, NULL, NULL, NULL);
			err(c, (size_t)(in - c->data), "invalid byte 0x%02X "
			    "(the file is neither UTF-8 nor GB18030)",
			    (unsigned char)*in);
			return -1;
		}
		c->row.len = (size_t)(out - c->row.data);
		c->row.data[c->row.len] = '\0';
	}
	return 0;
}

/* The code point at s (valid UTF-8), and its length in *n. */
static unsigned
cp_at(const unsigned char *s, size_t *n)
{
	if (s[0] < 0x80) {
		*n = 1;
		return s[0];
	}
	if (s[0] < 0xE0) {
		*n = 2;
		return (unsigned)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if (s[0] < 0xF0) {
		*n = 3;
		return (unsigned)(s[0] & 0x0F) << 12 |
		    (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	}
	*n = 4;
	return (unsigned)(s[0] & 0x07) << 18 | (unsigned)(s[1] & 0x3F) << 12 |
	    (unsigned)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

static int
invisible(unsigned cp)
{
	return cp_invisible(cp) && cp != '\t' && cp != '\n' && cp != '\r';
}

/* Field i as decoded must show what it holds. */
static int
check_field(struct csv *c, size_t i)
{
	const unsigned char *s = (const unsigned char *)c->row.data +
	    c->foff[i];
	size_t	 k, n, len = c->flen[i];
	unsigned cp;
	int	 line, col, chars = 0;

	for (k = 0; k < len; k += n, chars++) {
		cp = cp_at(s + k, &n);
		if (!invisible(cp))
			continue;
		if (!c->quiet) {
			where(c, c->fraw[i], &line, &col);
			diag_error(c->path, line, col + chars, "field holds "
			    "%s U+%04X: records may hold only visible text",
			    cp == 0 ? "a NUL byte" : "the invisible or control "
			    "character", cp);
		}
		return -1;
	}
	return 0;
}

/* Appends one byte position check: the record must stay bounded. */
static int
too_long(struct csv *c)
{
	if (c->pos - c->rec_off <= CSV_ROW_MAX)
		return 0;
	err(c, c->rec_off, "record is longer than %d bytes", CSV_ROW_MAX);
	return 1;
}

/*
 * Reads one record.  Returns 1, 0 at the end, or -1 after reporting.
 */
static int
read_record(struct csv *c)
{
	const char	*d = c->data;
	size_t		 a, i;
	int		 more;

	while (c->pos < c->len && (d[c->pos] == '\n' ||
	    (d[c->pos] == '\r' && c->pos + 1 < c->len &&
	    d[c->pos + 1] == '\n'))) {
		c->pos += d[c->pos] == '\r' ? 2 : 1;
		c->line++;
	}
	if (c->pos >= c->len)
		return 0;
	c->rec_off = c->pos;
	c->rec_line = c->line;
	buf_reset(&c->row);
	c->nf = 0;
	do {
		if (c->nf == CSV_FIELDS_MAX) {
			err(c, c->pos, "record has more than %d fields",
			    CSV_FIELDS_MAX);
			return -1;
		}
		c->fraw[c->nf] = c->pos;
		c->foff[c->nf] = c->row.len;
		if (c->pos < c->len && d[c->pos] == '"') {
			a = ++c->pos;
			for (;;) {
				if (c->pos >= c->len) {
					err(c, c->fraw[c->nf], "quoted field "
					    "has no closing quote");
					return -1;
				}
				if (too_long(c))
					return -1;
				if (d[c->pos] == '\n')
					c->line++;
				if (d[c->pos] != '"') {
					c->pos++;
					continue;
				}
				if (decode(c, a, c->pos) == -1)
					return -1;
				if (c->pos + 1 < c->len &&
				    d[c->pos + 1] == '"') {
					buf_putc(&c->row, '"');
					c->pos += 2;
					a = c->pos;
					continue;
				}
				c->pos++;
				break;
			}
			if (c->pos < c->len && d[c->pos] != ',' &&
			    d[c->pos] != '\r' && d[c->pos] != '\n') {
				err(c, c->pos, "text after the closing quote "
				    "of a field");
				return -1;
			}
		} else {
			a = c->pos;
			while (c->pos < c->len && d[c->pos] != ',' &&
			    d[c->pos] != '\r' && d[c->pos] != '\n') {
				if (d[c->pos] == '"') {
					err(c, c->pos, "quote inside a field "
					    "that does not start with one "
					    "(quote the whole field)");
					return -1;
				}
				c->pos++;
				if (too_long(c))
					return -1;
			}
			if (decode(c, a, c->pos) == -1)
				return -1;
		}
		c->flen[c->nf] = c->row.len - c->foff[c->nf];
		buf_putc(&c->row, '\0');
		c->nf++;
		more = 0;
		if (c->pos >= c->len)
			break;
		if (d[c->pos] == ',') {
			c->pos++;
			more = 1;
		} else if (d[c->pos] == '\n') {
			c->pos++;
			c->line++;
		} else if (c->pos + 1 < c->len && d[c->pos + 1] == '\n') {
			c->pos += 2;
			c->line++;
		} else {
			err(c, c->pos, "carriage return without a line feed");
			return -1;
		}
	} while (more);
	for (i = 0; i < c->nf; i++) {
		c->f[i] = c->row.data + c->foff[i];
		if (check_field(c, i) == -1)
			return -1;
	}
	return 1;
}

static void
put_names(struct buf *b, const char *const *want)
{
	size_t	i;

	for (i = 0; want[i] != NULL; i++)
		buf_printf(b, "%s%s", i ? "," : "", want[i]);
}

int
csv_header(struct csv *c, const char *const *want)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, nw = 0;
	int		 r;

	if ((r = read_record(c)) <= 0) {
		if (r == 0)
			err(c, c->pos, "no header (the first line names the "
			    "columns)");
		return -1;
	}
	while (want != NULL && want[nw] != NULL)
		nw++;
	if (want != NULL) {
		put_names(&b, want);
		for (i = 0; i < c->nf && i < nw; i++)
			if (strcmp(c->row.data + c->foff[i], want[i]) != 0)
				break;
		if (i < c->nf && i == nw) {
			err(c, c->fraw[i], "extra column '%s' (the header "
			    "must be exactly %s)", c->row.data + c->foff[i],
			    b.data);
			buf_dispose(&b);
			return -1;
		}
		if (i < nw) {
			err(c, i < c->nf ? c->fraw[i] : c->rec_off,
			    i < c->nf ? "column '%s' where '%s' belongs (the "
			    "header must be exactly %s)" : "%s%s"
			    "missing columns (the header must be exactly %s)",
			    i < c->nf ? c->row.data + c->foff[i] : "",
			    i < c->nf ? want[i] : "", b.data);
			buf_dispose(&b);
			return -1;
		}
		buf_dispose(&b);
	}
	c->ncols = c->nf;
	buf_reset(&c->hbuf);
	buf_put(&c->hbuf, c->row.data, c->row.len);
	for (i = 0; i < c->nf; i++) {
		c->hf[i] = c->hbuf.data + c->foff[i];
		c->hlen[i] = c->flen[i];
	}
	c->head.n = c->nf;
	c->head.f = c->hf;
	c->head.len = c->hlen;
	c->head.line = c->rec_line;
	return 0;
}

const struct csv_row *
csv_head(const struct csv *c)
{
	return &c->head;
}

/* 1 if every field of the record read last is empty. */
static int
blank(const struct csv *c)
{
	size_t	i;

	for (i = 0; i < c->nf; i++)
		if (c->flen[i] > 0)
			return 0;
	return 1;
}

int
csv_next(struct csv *c, struct csv_row *row)
{
	int	r;

	do {
		if ((r = read_record(c)) <= 0)
			return r;
	} while (blank(c));
	if (c->ncols != 0 && c->nf > c->ncols) {
		err(c, c->fraw[c->ncols], "extra column %zu (the header has "
		    "%zu: records hold nothing else)", c->ncols + 1, c->ncols);
		return -1;
	}
	if (c->ncols != 0 && c->nf < c->ncols) {
		err(c, c->fraw[c->nf - 1], "record has %zu field%s, the "
		    "header %zu", c->nf, c->nf == 1 ? "" : "s", c->ncols);
		return -1;
	}
	row->n = c->nf;
	row->f = c->f;
	row->len = c->flen;
	row->line = c->rec_line;
	return 1;
}

void
csv_pos(const struct csv *c, size_t i, int *line, int *col)
{
	where(c, i < c->nf ? c->fraw[i] : c->rec_off, line, col);
}

void
csv_put(struct buf *out, const char *s)
{
	const char	*q;

	if (s[strcspn(s, ",\"\r\n")] == '\0') {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	while ((q = strchr(s, '"')) != NULL) {
		buf_put(out, s, (size_t)(q - s) + 1);
		buf_putc(out, '"');
		s = q + 1;
	}
	buf_puts(out, s);
	buf_putc(out, '"');
}

struct scan {
	struct csv	*c;
	size_t		 base;	/* field or text start in data */
	size_t		 field;	/* field index, or (size_t)-1: raw */
	csv_hit_fn	 hit;
	void		*arg;
	int		 n;
};

static void
on_hit(void *arg, size_t off, size_t len, enum privacy_kind kind)
{
	struct scan	*s = arg;
	int		 line, col;

	(void)len;
	s->n++;
	if (s->hit == NULL)
		return;
	if (s->field == (size_t)-1)
		where(s->c, s->base + off, &line, &col);
	else {
		/* the field as decoded: its start, plus the characters
		 * before the number */
		const char	*f = s->c->f[s->field];
		size_t		 k;

		where(s->c, s->c->fraw[s->field], &line, &col);
		for (k = 0; k < off; k++)
			if (((unsigned char)f[k] & 0xC0) != 0x80)
				col++;
	}
	s->hit(s->arg, line, col, (int)kind);
}

int
csv_privacy(const char *data, size_t len, csv_hit_fn hit, void *arg)
{
	struct csv	*c = csv_new("", data, len);
	struct scan	 s;
	size_t		 i;
	int		 r;

	memset(&s, 0, sizeof(s));
	s.c = c;
	s.hit = hit;
	s.arg = arg;
	c->quiet = 1;
	while ((r = read_record(c)) == 1)
		for (i = 0; i < c->nf; i++) {
			s.field = i;
			privacy_scan_shown(c->f[i], c->flen[i], on_hit, &s);
		}
	if (r == -1) {
		/* the rest as written, from the record that broke */
		s.field = (size_t)-1;
		s.base = c->rec_off;
		privacy_scan(data + c->rec_off, len - c->rec_off, on_hit, &s);
	}
	csv_free(c);
	return s.n;
}
