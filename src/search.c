/*
 * search.c -- the n-gram index of the search page (search.h).
 *
 * In memory, each n-gram is a 128-bit key (its length, and up to four
 * 21-bit code points, or up to eight 7-bit ASCII ones) in an
 * open-addressed table, with the list of the items that hold it; the
 * n-grams of titles are also in a second, smaller table, with the
 * items that hold them in the title.  Numbers arrive in increasing
 * order, so a list is appended as gaps (LEB128) and turns into a
 * bitmap once that is smaller: memory stays close to the size of what
 * is written.  It is the search worker's memory, a build's largest:
 * lists are encoded only as their bucket is written.
 *
 * The text is folded first (search_fold): where a law has spaces
 * between Chinese characters (第四十三条　国家机关), the folded text has
 * none, so that the n-grams run across them as a reader's query does;
 * a space stays between words of letters or digits only.  That keeps
 * the index the size it was (fewer n-grams hold a space) where
 * indexing n-grams both with and without the spaces would add one for
 * each.  Characters that show nothing (cp_ignorable: the U+200B,
 * U+FEFF, U+00AD... that text pasted from web pages and Word carries)
 * are left out altogether, not even a space: 阳光<U+200B>计生 is
 * 阳光计生, as a reader sees it and types it.  The table of traditional characters it folds (search_t2s.h,
 * made by tools/t2s-gen.sh) goes to the page as fold.js, written with
 * index.js, so that the page folds a query with the same table.
 *
 * On disk a list is base64 of one of
 *   0, then LEB128 of (id - previous id - 1), previous starting at -1;
 *   1, LEB128 of the first byte b of the bitmap, then the bitmap's bytes
 *      from b to the byte of the last id (bit i of byte k is id 8k+i).
 * whichever is shorter.  A key's entry is [all, title] in bucket
 * b/<hash % buckets>.js; a list longer than BIG characters is written
 * to g/<bucket>-<n>.js and the entry holds n in its place.
 * Scope keys (U+0001 then a unit's folder) hold [items below the unit,
 * its name].  The number of buckets is chosen so a bucket holds about
 * BUCKET bytes, rounded up to 2^k or 3 * 2^k (search_nbuckets), so that
 * an edit keeps it and the index can be patched (search_patch).
 *
 * A patch starts from the earlier index: the items whose text changed
 * (and those added or removed at the end) are indexed alone, with every
 * item's scopes; each bucket that one of their old or new keys falls
 * in is read back, loses those items and gains their new lists; every
 * other is taken over as it is.  What comes out is what search_write
 * would write of the whole: the same lists in the same buckets, written
 * by the same code (put_bucket).
 */
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "search.h"
#include "search_t2s.h"
#include "strmap.h"
#include "util.h"

#define BIG	1024	/* base64 chars: a list longer gets its own file */
#define BUCKET	8192	/* bytes of small lists a bucket aims at */

#define INLINE	8	/* bytes of gaps a list holds without malloc */

/*
 * A list of item numbers being appended, in 16 bytes.  Most n-grams
 * are in one item or a few: their gaps fit in the place of the
 * pointer.  Longer lists are allocated in powers of two (plist_cap),
 * so the capacity need not be stored.
 */
struct plist {
	union {
		unsigned char	*p;	/* gaps (LEB128), or the bitmap */
		unsigned char	 in[INLINE]; /* gaps, if len <= INLINE */
	} u;
	uint32_t	 len : 31;	/* bytes used; 0: empty */
	uint32_t	 bitmap : 1;	/* 1: u.p is a bitmap of nitems bits */
	uint32_t	 last;		/* last id added */
};

/* An n-gram packed: length in the top 4 bits of hi. */
struct gkey {
	uint64_t	hi;	/* length, then 2 code points (or 4 ASCII) */
	uint64_t	lo;	/* the next 2 code points (or 4 ASCII) */
};

/*
 * The n-grams of the last BATCH items, before they go to the table of
 * every key.  That table is far bigger than the caches, and an item's
 * n-grams are mostly those of the items beside it: looked up once a
 * batch, an entry and the end of its list are fetched from memory once
 * for all the batch's items that hold it, not once each (bench/README.md:
 * a quarter less time indexing).  Each list still takes its ids in
 * order, and the index is written in key order, not in the order its
 * entries were made (a scope's may now come before the n-grams of its
 * item): the files are the same byte for byte.
 */
#define BATCH	64

struct pend {
	struct gkey	key;
	uint64_t	h;	/* its mix */
	uint64_t	items;	/* bit i: the batch's item i holds it */
};

struct batch {
	struct pend	*pend;	/* in the order first met */
	size_t		 npend, cpend;
	uint32_t	*slots;	/* pend index + 1 by mix, or 0 */
	size_t		 nslots;
	uint32_t	 ids[BATCH];
	size_t		 nids;
};

/*
 * One n-gram or scope, in 32 bytes (two a cache line): the table is
 * where a build's index spends its time and most of its memory, one
 * cache miss per lookup.
 */
struct entry {
	struct gkey	 key;	/* packed code points; a scope has length
				   0 and its index in scopes in lo */
	struct plist	 l;	/* items holding it */
};

/* An open-addressed table of entries. */
struct table {
	struct entry	*ents;	   /* every key */
	size_t		 nents;
	size_t		 cents;	   /* allocated entries */
	uint32_t	*slots;	   /* entry index + 1, 0 empty */
	size_t		 nslots;   /* a power of two */
};

/* A scope's strings. */
struct scope {
	char		*key;	/* the unit's folder (owned) */
	char		*name;	/* its name (owned) */
	size_t		 ent;	/* its entry */
};

/* Where each key goes in the files (search_write_prepare). */
struct layout {
	size_t		 nb;	   /* buckets */
	uint32_t	*start;	   /* bucket h's keys end at order[start[h]] */
	uint32_t	*order;	   /* keys (entries of all) by bucket */
	size_t		*small;	   /* by entry: what it adds to its bucket's
				      count (ent_small) */
};

struct search {
	size_t		 nitems;   /* items numbered 0 .. nitems - 1 */
	struct table	 all;	   /* every key: the items holding it */
	struct table	 title;	   /* n-grams of titles: the items
				      holding them in the title (few) */
	struct strmap	 scopes;   /* scope key -> index in scope */
	struct scope	*scope;	   /* every scope */
	size_t		 nscope, cscope;
	uint32_t	*cps;	   /* folded text, reused */
	size_t		 ccps;
	struct batch	 batch;	   /* n-grams not yet in all */
	struct layout	*layout;   /* search_write_prepare's, or NULL */
};

/* ---- folding ---------------------------------------------------------- */

/* Decodes one code point at s (n > 0 bytes left), U+FFFD for a bad
 * byte; sets *used. */
static uint32_t
utf8_next(const unsigned char *s, size_t n, size_t *used)
{
	long	c;

	if (s[0] < 0x80) {	/* most of any text, without a call */
		*used = 1;
		return s[0];
	}
	c = utf8_decode((const char *)s, n, used);
	return c < 0 ? 0xfffd : (uint32_t)c;
}

/* 1 for the characters folded to a space. */
static int
is_space(uint32_t c)
{
	return c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0x3000 ||
	    c == 0x2028 || c == 0x2029;
}

/*
 * 1 for the characters of words that spaces separate: ASCII letters
 * and digits, the letters of the alphabets from U+00C0 to U+1FFF
 * (Latin, Greek, Cyrillic, Arabic, Tibetan, Mongolian...) and Hangul
 * syllables.  A space beside anything else -- a Han character, Chinese
 * or ASCII punctuation -- is not kept: Chinese text has no spaces
 * between words, and where a law has one (第四十三条　国家机关, 总　　则)
 * it is layout a reader does not type.
 */
static int
is_word(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 0xc0 && c < 0x2000) || (c >= 0xac00 && c <= 0xd7a3);
}

/* The simplified character of traditional c, or c. */
static uint32_t
t2s(uint32_t c)
{
	size_t	lo = 0, hi = T2S_N, mid;

	if (c < 0x10000 && !(t2s_bmp[c >> 6] >> (c & 63) & 1))
		return c;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t2s_map[mid][0] == c)
			return t2s_map[mid][1];
		if (t2s_map[mid][0] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return c;
}

/*
 * One character folded, white space aside: full-width forms to ASCII,
 * upper case to lower, every kind of bracket a 文号's year is written
 * in (〔2026〕, 【2026】, [2026], (2026), 〖2026〗) to ( and ), a
 * traditional character to its simplified one.
 */
static uint32_t
fold_char(uint32_t c)
{
	if (c >= 0xff01 && c <= 0xff5e)
		c -= 0xfee0;
	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z')
			return c + 'a' - 'A';
		return c == '[' ? '(' : c == ']' ? ')' : c;
	}
	switch (c) {
	case 0x3010:	/* 【 */
	case 0x3014:	/* 〔 */
	case 0x3016:	/* 〖 */
	case 0x3018:	/* 〘 */
	case 0xff5f:	/* ⦅ */
		return '(';
	case 0x3011:
	case 0x3015:
	case 0x3017:
	case 0x3019:
	case 0xff60:
		return ')';
	}
	return t2s(c);
}

size_t
search_fold(const char *s, size_t len, uint32_t **cps, size_t *cap,
    size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 used, i = 0, start = n;
	uint32_t		 c;
	int			 space = 0;

	while (i < len) {
		c = utf8_next(p + i, len - i, &used);
		i += used;
		if (is_space(c)) {
			space = 1;
			continue;
		}
		if (c >= 0xad && cp_ignorable(c))
			continue;	/* not even a space: 阳光\u200b计生 */
		c = fold_char(c);
		xgrow(cps, cap, n + 2, sizeof(**cps));
		if (space && n > start && is_word((*cps)[n - 1]) &&
		    is_word(c))
			(*cps)[n++] = ' ';
		space = 0;
		(*cps)[n++] = c;
	}
	return n;
}

/* Appends the n code points at c as UTF-8. */
static void
cps_utf8(struct buf *b, const uint32_t *c, size_t n)
{
	unsigned char	*o;
	size_t		 i;

	buf_grow(b, 4 * n);
	o = (unsigned char *)b->data + b->len;
	for (i = 0; i < n; i++)
		if (c[i] < 0x80)
			*o++ = (unsigned char)c[i];
		else if (c[i] < 0x800) {
			*o++ = (unsigned char)(0xc0 | c[i] >> 6);
			*o++ = (unsigned char)(0x80 | (c[i] & 0x3f));
		} else if (c[i] < 0x10000) {
			*o++ = (unsigned char)(0xe0 | c[i] >> 12);
			*o++ = (unsigned char)(0x80 | (c[i] >> 6 & 0x3f));
			*o++ = (unsigned char)(0x80 | (c[i] & 0x3f));
		} else {
			*o++ = (unsigned char)(0xf0 | c[i] >> 18);
			*o++ = (unsigned char)(0x80 | (c[i] >> 12 & 0x3f));
			*o++ = (unsigned char)(0x80 | (c[i] >> 6 & 0x3f));
			*o++ = (unsigned char)(0x80 | (c[i] & 0x3f));
		}
	*o = '\0';
	b->len = (size_t)((char *)o - b->data);
}

uint32_t
search_hash(const uint32_t *cps, size_t n)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < n; i++)
		h = (h ^ cps[i]) * 16777619u;
	return h;
}

/* ---- lists -------------------------------------------------------------- */

/* LEB128 of v at p; returns the bytes written (at most 5). */
static size_t
leb_put(unsigned char *p, uint32_t v)
{
	size_t	k = 0;

	while (v >= 0x80) {
		p[k++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[k++] = (unsigned char)v;
	return k;
}

static void
leb_buf(struct buf *b, uint32_t v)
{
	unsigned char	leb[5];

	buf_put(b, leb, leb_put(leb, v));
}

/* The bytes of l. */
static const unsigned char *
plist_data(const struct plist *l)
{
	return !l->bitmap && l->len <= INLINE ? l->u.in : l->u.p;
}

/* The bytes allocated for INLINE < len < 2^31 bytes of gaps: the
 * power of two from len on, at least 2 * INLINE. */
static size_t
plist_cap(size_t len)
{
	size_t	c = len - 1;

	c |= c >> 1;
	c |= c >> 2;
	c |= c >> 4;
	c |= c >> 8;
	c |= c >> 16;
	return c + 1 < 2 * INLINE ? 2 * INLINE : c + 1;
}

/* Frees what l holds and empties it. */
static void
plist_free(struct plist *l)
{
	if (l->bitmap || l->len > INLINE)
		free(l->u.p);
	memset(l, 0, sizeof(*l));
}

/* Calls fn for every id of l in order. */
static void
plist_each(const struct plist *l, void (*fn)(void *, uint32_t), void *arg)
{
	const unsigned char	*p = plist_data(l);
	size_t			 i;
	uint32_t		 v, id = 0;
	int			 sh, first = 1;

	if (l->bitmap) {
		for (i = 0; i < l->len; i++)
			for (v = p[i]; v != 0; v &= v - 1)
				fn(arg, (uint32_t)(i * 8 +
				    (size_t)__builtin_ctz(v)));
		return;
	}
	for (i = 0; i < l->len;) {
		v = 0;
		sh = 0;
		while (p[i] & 0x80) {
			v |= (uint32_t)(p[i++] & 0x7f) << sh;
			sh += 7;
		}
		v |= (uint32_t)p[i++] << sh;
		id = first ? v : id + v + 1;
		first = 0;
		fn(arg, id);
	}
}

static void
set_bit(void *arg, uint32_t id)
{
	unsigned char	*bm = arg;

	bm[id >> 3] |= (unsigned char)(1u << (id & 7));
}

/* Appends k bytes of gaps at leb to gap list l, whose last id is then
 * last, and makes it a bitmap once that is smaller. */
static void
plist_append(struct plist *l, const unsigned char *leb, size_t k,
    uint32_t last, size_t nitems)
{
	size_t		 bytes = (nitems + 7) / 8, len = l->len + k;
	unsigned char	*p, *bm;

	if (len <= INLINE)
		p = l->u.in;
	else if (l->len <= INLINE) {	/* out of the entry */
		p = xmalloc(plist_cap(len));
		memcpy(p, l->u.in, l->len);
		l->u.p = p;
	} else {
		if (plist_cap(len) > plist_cap(l->len))
			l->u.p = xrealloc(l->u.p, plist_cap(len));
		p = l->u.p;
	}
	memcpy(p + l->len, leb, k);
	l->len = (uint32_t)len;
	l->last = last;
	if (len > bytes + 8) {
		bm = xcalloc(bytes, 1);
		plist_each(l, set_bit, bm);
		plist_free(l);
		l->u.p = bm;
		l->len = (uint32_t)bytes;
		l->bitmap = 1;
		l->last = last;
	}
}

/*
 * Adds to l the ids[k] of each bit k of items, ids increasing: what
 * plist_add of each in turn makes, with one append.  run: the ids are
 * ids[0], ids[0] + 1, ..., so a bitmap takes the bits as they are.
 */
static void
plist_add_mask(struct plist *l, const uint32_t *ids, uint64_t items,
    int run, size_t nitems)
{
	unsigned char	 leb[64 * 5];
	unsigned __int128 w;
	uint32_t	 id, last = l->last;
	size_t		 k = 0, i;
	int		 empty = l->len == 0;

	if (!empty && ids[__builtin_ctzll(items)] == last)
		items &= items - 1;	/* a list takes an id once */
	if (items == 0)
		return;
	if (l->bitmap && run) {
		w = (unsigned __int128)items << (ids[0] & 7);
		for (i = ids[0] >> 3; w != 0; i++, w >>= 8)
			l->u.p[i] |= (unsigned char)w;
		l->last = ids[63 - __builtin_clzll(items)];
		return;
	}
	for (; items != 0; items &= items - 1) {
		id = ids[__builtin_ctzll(items)];
		if (l->bitmap)
			set_bit(l->u.p, id);
		else
			k += leb_put(leb + k, empty ? id : id - last - 1);
		last = id;
		empty = 0;
	}
	if (l->bitmap)
		l->last = last;
	else
		plist_append(l, leb, k, last, nitems);
}

/* Adds id to l (not below its last id; again is nothing). */
static void
plist_add(struct plist *l, uint32_t id, size_t nitems)
{
	plist_add_mask(l, &id, 1, 0, nitems);
}

/* A bitmap whose first byte is byte lo of the whole. */
struct bits {
	unsigned char	*p;
	size_t		 lo;
};

static void
set_bit_at(void *arg, uint32_t id)
{
	struct bits	*b = arg;

	b->p[(id >> 3) - b->lo] |= (unsigned char)(1u << (id & 7));
}

static void
base64(struct buf *out, const unsigned char *p, size_t n)
{
	static const char	 a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t			 i;
	uint32_t		 v;
	char			*o;

	buf_grow(out, n / 3 * 4 + 4);
	o = out->data + out->len;
	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		*o++ = a[v >> 18];
		*o++ = a[v >> 12 & 63];
		*o++ = a[v >> 6 & 63];
		*o++ = a[v & 63];
	}
	if (n - i >= 1) {
		v = (uint32_t)p[i] << 16;
		if (n - i == 2)
			v |= (uint32_t)p[i + 1] << 8;
		*o++ = a[v >> 18];
		*o++ = a[v >> 12 & 63];
		if (n - i == 2)
			*o++ = a[v >> 6 & 63];
	}
	*o = '\0';
	out->len = (size_t)(o - out->data);
}

static size_t
leb_len(uint32_t v)
{
	size_t	n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

/*
 * A walk over the ids of a list as gaps (plist_each): counts their
 * bytes of LEB128, and appends them to out unless it is NULL.
 */
struct gapw {
	struct buf	*out;
	size_t		 len;	/* bytes of gaps so far */
	uint32_t	 first;	/* first id */
	uint32_t	 prev;	/* last id */
};

static void
gap_walk(void *arg, uint32_t id)
{
	struct gapw	*g = arg;
	uint32_t	 v = g->len > 0 ? id - g->prev - 1 : id;

	if (g->len == 0)
		g->first = id;
	g->len += leb_len(v);
	if (g->out != NULL)
		leb_buf(g->out, v);
	g->prev = id;
}

/* The ones of w: __builtin_popcountll is a call into libgcc on the
 * x86-64 baseline that Debian builds for. */
static size_t
ones(uint64_t w)
{
	w -= w >> 1 & 0x5555555555555555ULL;
	w = (w & 0x3333333333333333ULL) + (w >> 2 & 0x3333333333333333ULL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (size_t)(w * 0x0101010101010101ULL >> 56);
}

/*
 * The bytes of LEB128 gaps of the ids of the n-byte bitmap at p, which
 * holds one at least, and its first id into *first: as gap_walk counts
 * them, but a 64-bit word at a time, since two ids in one word are
 * less than 64 apart, a byte of gap each.  The lists of the commonest
 * n-grams are bitmaps of every item, and counting them id by id was
 * most of writing a big index.
 */
static size_t
bitmap_gaps(const unsigned char *p, size_t n, uint32_t *first)
{
	size_t		 i, k, bytes = 0;
	uint64_t	 w;
	uint32_t	 lo, prev = 0;
	int		 any = 0;

	for (i = 0; i < n; i += 8) {
		if (i + 8 <= n) {
			memcpy(&w, p + i, sizeof(w));
			w = le64toh(w);
		} else
			for (w = 0, k = 0; i + k < n; k++)
				w |= (uint64_t)p[i + k] << (8 * k);
		if (w == 0)
			continue;
		lo = (uint32_t)(i * 8 + (size_t)__builtin_ctzll(w));
		bytes += leb_len(any ? lo - prev - 1 : lo);
		if (!any)
			*first = lo;
		any = 1;
		bytes += ones(w) - 1;
		prev = (uint32_t)(i * 8 + 63 - (size_t)__builtin_clzll(w));
	}
	return bytes;
}

/* The two forms a list can be written in (plist_form). */
struct form {
	size_t		gaps;	/* bytes of 0, then the gaps */
	size_t		bitmap;	/* bytes of 1, the first byte, the bitmap */
	uint32_t	first;	/* first id */
};

/*
 * The sizes of both forms of non-empty list l, without making either:
 * a list of gaps is its own gap form, so only a bitmap's gaps are
 * counted.
 */
static void
plist_form(const struct plist *l, struct form *f)
{
	const unsigned char	*p = plist_data(l);
	size_t			 i;

	memset(f, 0, sizeof(*f));
	f->gaps = 1;
	if (l->bitmap)
		f->gaps += bitmap_gaps(p, l->len, &f->first);
	else {
		f->gaps += l->len;
		for (i = 0; i < l->len && (i == 0 || p[i - 1] & 0x80); i++)
			f->first |= (uint32_t)(p[i] & 0x7f) << (7 * i);
	}
	f->bitmap = 1 + leb_len(f->first >> 3) + (l->last >> 3) -
	    (f->first >> 3) + 1;
}

/* Base64 characters (no padding) of n bytes. */
static size_t
base64_len(size_t n)
{
	return n / 3 * 4 + (n % 3 != 0 ? n % 3 + 1 : 0);
}

/* The length of what plist_encode appends for l, without making it:
 * the bucket count depends on the length of every list, and keeping
 * every list encoded until the buckets are known took more memory than
 * the index itself. */
static size_t
plist_enclen(const struct plist *l)
{
	struct form	f;

	if (l->len == 0)
		return base64_len(1);
	plist_form(l, &f);
	return base64_len(f.bitmap < f.gaps ? f.bitmap : f.gaps);
}

/* Appends list l, in its shorter form, as base64 (no padding); only
 * that form is made, in raw (the caller's, reused from list to list:
 * a big site's index has millions of lists). */
static void
plist_encode(const struct plist *l, struct buf *out, struct buf *raw)
{
	struct form	 f;
	size_t		 lo, hi, off;

	if (l->len == 0) {
		base64(out, (const unsigned char *)"", 1);
		return;
	}
	buf_reset(raw);
	plist_form(l, &f);
	lo = f.first >> 3;
	hi = l->last >> 3;
	if (f.bitmap < f.gaps) {
		buf_putc(raw, 1);
		leb_buf(raw, (uint32_t)lo);
		off = raw->len;
		buf_grow(raw, hi - lo + 2);
		memset(raw->data + off, 0, hi - lo + 2);	/* and the NUL */
		raw->len += hi - lo + 1;
		if (l->bitmap)
			memcpy(raw->data + off, l->u.p + lo, hi - lo + 1);
		else {
			struct bits	bb = { (unsigned char *)raw->data + off,
			    lo };

			plist_each(l, set_bit_at, &bb);
		}
	} else if (!l->bitmap) {
		buf_putc(raw, 0);
		buf_put(raw, (const char *)plist_data(l), l->len);
	} else {
		struct gapw	g = { raw, 0, 0, 0 };

		buf_putc(raw, 0);
		plist_each(l, gap_walk, &g);
	}
	base64(out, (unsigned char *)raw->data, raw->len);
}

/* ---- the table ------------------------------------------------------- */

static uint64_t
mix(struct gkey g)
{
	uint64_t	k = g.hi * 0x9e3779b97f4a7c15ULL ^ g.lo;

	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

/*
 * Open addressing, linear probing, as the big table and a batch both
 * keep it: slots hold an index + 1, 0 is empty.  Replaces *slots by
 * an empty array twice as big (first slots the first time).
 */
static void
slots_grow(uint32_t **slots, size_t *nslots, size_t first)
{
	xhuge_free(*slots, *nslots * sizeof(**slots));
	*nslots = *nslots ? *nslots * 2 : first;
	*slots = xhuge(*nslots * sizeof(**slots));
}

/* The empty slot a key of mix h takes. */
static size_t
slot_free(const uint32_t *slots, size_t nslots, uint64_t h)
{
	size_t	j, mask = nslots - 1;

	for (j = h & mask; slots[j] != 0; j = (j + 1) & mask)
		;
	return j;
}

static void
rehash(struct table *t)
{
	size_t	i;

	slots_grow(&t->slots, &t->nslots, 1024);
	for (i = 0; i < t->nents; i++)
		if (t->ents[i].key.hi != 0)	/* scopes have no slot */
			t->slots[slot_free(t->slots, t->nslots,
			    mix(t->ents[i].key))] = (uint32_t)(i + 1);
}

static struct entry *
new_entry(struct table *t)
{
	struct entry	*e;

	xgrow(&t->ents, &t->cents, t->nents + 1, sizeof(*t->ents));
	e = &t->ents[t->nents++];
	memset(e, 0, sizeof(*e));
	return e;
}

/* The slot of key (whose mix is h) in t: its entry's, or the empty
 * one it would take. */
static size_t
find_slot_h(const struct table *t, struct gkey key, uint64_t h)
{
	size_t	j, mask = t->nslots - 1;

	for (j = h & mask; t->slots[j] != 0; j = (j + 1) & mask)
		if (t->ents[t->slots[j] - 1].key.hi == key.hi &&
		    t->ents[t->slots[j] - 1].key.lo == key.lo)
			break;
	return j;
}

static size_t
find_slot(const struct table *t, struct gkey key)
{
	return find_slot_h(t, key, mix(key));
}

/* The entry of key (whose mix is h) in t, made if new. */
static struct entry *
gram_entry_h(struct table *t, struct gkey key, uint64_t h)
{
	size_t		 j;
	struct entry	*e;

	if ((t->nents + 1) * 2 > t->nslots)
		rehash(t);
	j = find_slot_h(t, key, h);
	if (t->slots[j] != 0)
		return &t->ents[t->slots[j] - 1];
	e = new_entry(t);
	e->key = key;
	t->slots[j] = (uint32_t)t->nents;
	return e;
}

static struct entry *
gram_entry(struct table *t, struct gkey key)
{
	return gram_entry_h(t, key, mix(key));
}

static void
table_free(struct table *t)
{
	size_t	i;

	for (i = 0; i < t->nents; i++)
		plist_free(&t->ents[i].l);
	free(t->ents);
	xhuge_free(t->slots, t->nslots * sizeof(*t->slots));
}

struct search *
search_new(size_t nitems)
{
	struct search	*s = xcalloc(1, sizeof(*s));

	s->nitems = nitems;
	strmap_init(&s->scopes);
	rehash(&s->all);
	rehash(&s->title);
	return s;
}

void
search_free(struct search *s)
{
	size_t	i;

	if (s == NULL)
		return;
	table_free(&s->all);
	table_free(&s->title);
	for (i = 0; i < s->nscope; i++) {
		free(s->scope[i].key);
		free(s->scope[i].name);
	}
	free(s->scope);
	strmap_dispose(&s->scopes);
	free(s->cps);
	if (s->layout != NULL) {
		free(s->layout->start);
		free(s->layout->order);
		free(s->layout->small);
		free(s->layout);
	}
	free(s->batch.pend);
	xhuge_free(s->batch.slots, s->batch.nslots * sizeof(*s->batch.slots));
	free(s);
}

/* 1 for the characters of the longer ASCII n-grams. */
static int
is_ascii(uint32_t c)
{
	return c >= 0x21 && c <= 0x7e;
}

static struct gkey
pack(const uint32_t *c, size_t n)
{
	struct gkey	g;
	size_t		i;

	g.hi = (uint64_t)n << 60;
	g.lo = 0;
	if (n <= SEARCH_GRAM) {
		for (i = 0; i < n; i++)
			if (i < 2)
				g.hi |= (uint64_t)c[i] << (i == 0 ? 21 : 0);
			else
				g.lo |= (uint64_t)c[i] << (i == 2 ? 21 : 0);
		return g;
	}
	for (i = 0; i < n; i++)
		if (i < 4)
			g.hi |= (uint64_t)c[i] << (7 * (3 - i));
		else
			g.lo |= (uint64_t)c[i] << (7 * (7 - i));
	return g;
}

/* The code points of key g into c; returns how many. */
static size_t
unpack(struct gkey g, uint32_t *c)
{
	size_t	n = (size_t)(g.hi >> 60), i;

	for (i = 0; i < n; i++)
		if (n <= SEARCH_GRAM)
			c[i] = (uint32_t)((i < 2 ? g.hi : g.lo) >>
			    (i % 2 == 0 ? 21 : 0) & 0x1fffff);
		else
			c[i] = (uint32_t)((i < 4 ? g.hi : g.lo) >>
			    (7 * (3 - i % 4)) & 0x7f);
	return n;
}

/*
 * Adds the batch's n-grams to the table of every key.  Each add waits
 * on three fetches from memory, one after the other: the key's slot,
 * its entry, the end of its list.  They are asked for ahead, a stage
 * at a time (AHEAD, then half, then a quarter of it before the add),
 * so that each stage finds what the one before fetched.  A prefetch
 * is only a hint: a probe past the first slot, or a table grown in
 * between, costs a miss, never a wrong add.
 */
#define AHEAD	16

static void
pend_add(struct search *s, const struct pend *p, int run)
{
	struct entry	*e = gram_entry_h(&s->all, p->key, p->h);

	plist_add_mask(&e->l, s->batch.ids, p->items, run, s->nitems);
}

/* The entry in the first slot of p's key, if that slot is taken. */
static const struct entry *
first_entry(const struct table *t, const struct pend *p)
{
	uint32_t	k = t->slots[p->h & (t->nslots - 1)];

	return k != 0 ? &t->ents[k - 1] : NULL;
}

/* Asks for the byte of e's list that adding id will write. */
static void
prefetch_list(const struct entry *e, uint32_t id)
{
	const struct plist	*l = &e->l;

	if (l->bitmap)
		__builtin_prefetch(l->u.p + id / 8, 1);
	else if (l->len > INLINE)
		__builtin_prefetch(l->u.p + l->len, 1);
}

/* Empties the batch into the table: before anything else reads it or
 * makes an entry in it. */
static void
batch_flush(struct search *s)
{
	struct batch	*b = &s->batch;
	const struct table *t = &s->all;
	const struct entry *e;
	const struct pend *p;
	size_t		 i;
	/* the batch's ids one after another: as a bitmap takes them */
	int		 run = b->nids > 0 &&
			     b->ids[b->nids - 1] - b->ids[0] == b->nids - 1;

	for (i = 0; i < b->npend; i++) {
		/* the table may grow at any add: its slots and entries
		 * move, so each stage reads them anew */
		if (i + AHEAD < b->npend)
			__builtin_prefetch(&t->slots[b->pend[i + AHEAD].h &
			    (t->nslots - 1)]);
		if (i + AHEAD / 2 < b->npend &&
		    (e = first_entry(t, &b->pend[i + AHEAD / 2])) != NULL)
			__builtin_prefetch(e);
		if (i + AHEAD / 4 < b->npend) {
			p = &b->pend[i + AHEAD / 4];
			if ((e = first_entry(t, p)) != NULL &&
			    e->key.hi == p->key.hi && e->key.lo == p->key.lo)
				prefetch_list(e, b->ids[__builtin_ctzll(
				    p->items)]);
		}
		pend_add(s, &b->pend[i], run);
	}
	if (b->npend > 0)
		memset(b->slots, 0, b->nslots * sizeof(*b->slots));
	b->npend = 0;
	b->nids = 0;
}

static void
batch_rehash(struct batch *b)
{
	size_t	i;

	slots_grow(&b->slots, &b->nslots, 4096);
	for (i = 0; i < b->npend; i++)
		b->slots[slot_free(b->slots, b->nslots, b->pend[i].h)] =
		    (uint32_t)(i + 1);
}

/* Notes that item id holds n-gram g. */
static void
batch_add(struct search *s, size_t id, struct gkey g)
{
	struct batch	*b = &s->batch;
	struct pend	*p;
	uint64_t	 h = mix(g);
	size_t		 j, mask;

	if (b->nids == 0 || b->ids[b->nids - 1] != id) {
		if (b->nids == BATCH)
			batch_flush(s);
		b->ids[b->nids++] = (uint32_t)id;
	}
	if ((b->npend + 1) * 2 > b->nslots)
		batch_rehash(b);
	mask = b->nslots - 1;
	for (j = h & mask; b->slots[j] != 0; j = (j + 1) & mask) {
		p = &b->pend[b->slots[j] - 1];
		if (p->h == h && p->key.hi == g.hi && p->key.lo == g.lo) {
			p->items |= 1ull << (b->nids - 1);
			return;
		}
	}
	xgrow(&b->pend, &b->cpend, b->npend + 1, sizeof(*b->pend));
	p = &b->pend[b->npend++];
	p->key = g;
	p->h = h;
	p->items = 1ull << (b->nids - 1);
	b->slots[j] = (uint32_t)b->npend;
}

void
search_add_text(struct search *s, size_t id, const char *text, size_t len,
    int title)
{
	search_add_fold(s, id, text, len, title, NULL);
}

size_t
search_add_fold(struct search *s, size_t id, const char *text, size_t len,
    int title, struct buf *folded)
{
	size_t		 n, i, k, run;
	struct gkey	 g;
	struct entry	*e;

	n = search_fold(text, len, &s->cps, &s->ccps, 0);
	if (folded != NULL)
		cps_utf8(folded, s->cps, n);
	for (i = 0; i + 1 < n; i++) {
		/* ASCII characters from i on */
		for (run = 0; i + run < n && run < SEARCH_AGRAM &&
		    is_ascii(s->cps[i + run]); run++)
			;
		for (k = 2; i + k <= n; k++) {
			if (k > SEARCH_GRAM && k > run)
				break;
			/* a list takes an id once (plist_add) */
			g = pack(s->cps + i, k);
			batch_add(s, id, g);
			if (title) {
				e = gram_entry(&s->title, g);
				plist_add(&e->l, (uint32_t)id, s->nitems);
			}
		}
	}
	return n;
}

/* The entry of scope key, named name, made if new. */
static struct entry *
scope_entry(struct search *s, const char *key, const char *name)
{
	size_t		 i;
	struct entry	*e;

	if (strmap_get(&s->scopes, key, &i) == 0) {
		xgrow(&s->scope, &s->cscope, s->nscope + 1,
		    sizeof(*s->scope));
		i = s->nscope++;
		s->scope[i].key = xstrdup(key);
		s->scope[i].name = xstrdup(name);
		e = new_entry(&s->all);
		e->key.lo = i;
		s->scope[i].ent = s->all.nents - 1;
		strmap_put(&s->scopes, s->scope[i].key, i, NULL);
	}
	return &s->all.ents[s->scope[i].ent];
}

void
search_add_scope(struct search *s, size_t id, const char *key,
    const char *name)
{
	plist_add(&scope_entry(s, key, name)->l, (uint32_t)id, s->nitems);
}

/* ---- an index made in two parts -------------------------------------- */

/*
 * A part is its entries in the order they were made, the scopes among
 * the n-grams, then those of the title table: a tag, the key (16 bytes
 * of an n-gram; or the scope's folder and name, each a 32-bit length
 * and the bytes), then the list as it is held (32-bit length, the
 * bitmap flag, the last id, the bytes).  Merged in that order, entries
 * are made in the order one index of every item would have made them,
 * and their lists are the same bytes.  Both ends are this program, in
 * one build: the form is not kept anywhere.
 */
enum { PART_GRAM = 1, PART_SCOPE, PART_TITLE };

static void
part_u32(struct buf *out, uint32_t v)
{
	buf_put(out, (const char *)&v, sizeof(v));
}

static void
part_str(struct buf *out, const char *s)
{
	part_u32(out, (uint32_t)strlen(s));
	buf_puts(out, s);
}

/* Appends entry e of tag to out, and frees its list. */
static void
part_entry(const struct search *s, struct entry *e, int tag,
    struct buf *out)
{
	buf_putc(out, tag);
	if (tag == PART_SCOPE) {
		part_str(out, s->scope[e->key.lo].key);
		part_str(out, s->scope[e->key.lo].name);
	} else
		buf_put(out, (const char *)&e->key, sizeof(e->key));
	part_u32(out, e->l.len);
	buf_putc(out, e->l.bitmap);
	part_u32(out, e->l.last);
	buf_put(out, (const char *)plist_data(&e->l), e->l.len);
	plist_free(&e->l);
}

#define PART_PIECE	(1 << 20)	/* bytes passed on at a time */

/* Passes b on once it holds a piece, or, if last, whatever it holds:
 * 0, or put's -1. */
static int
part_flush(struct buf *b, int last, search_put_fn put, void *arg)
{
	int	rc = 0;

	if (b->len >= PART_PIECE || (last && b->len > 0)) {
		rc = put(arg, b->data, b->len);
		buf_reset(b);
	}
	return rc;
}

int
search_part(struct search *s, search_put_fn put, void *arg)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 rc = 0;

	batch_flush(s);
	for (i = 0; i < s->all.nents && rc == 0; i++) {
		part_entry(s, &s->all.ents[i], s->all.ents[i].key.hi == 0 ?
		    PART_SCOPE : PART_GRAM, &b);
		rc = part_flush(&b, 0, put, arg);
	}
	for (i = 0; i < s->title.nents && rc == 0; i++) {
		part_entry(s, &s->title.ents[i], PART_TITLE, &b);
		rc = part_flush(&b, 0, put, arg);
	}
	if (rc == 0)
		rc = part_flush(&b, 1, put, arg);
	buf_dispose(&b);
	return rc;
}

/* A part being read: where, and whether it still makes sense or only
 * goes on in the bytes to come. */
struct part {
	const char	*p, *end;
	int		 bad;
	int		 more;
};

static const char *
part_take(struct part *r, size_t n)
{
	const char	*p = r->p;

	if (r->bad || r->more || (size_t)(r->end - r->p) < n) {
		r->more = 1;
		return NULL;
	}
	r->p += n;
	return p;
}

static uint32_t
part_take_u32(struct part *r)
{
	const char	*p = part_take(r, sizeof(uint32_t));
	uint32_t	 v = 0;

	if (p != NULL)
		memcpy(&v, p, sizeof(v));
	return v;
}

/* A string of the part (the caller frees), or NULL. */
static char *
part_take_str(struct part *r)
{
	uint32_t	 n = part_take_u32(r);
	const char	*p = part_take(r, n);

	return p == NULL || memchr(p, '\0', n) != NULL ? NULL :
	    xstrndup(p, n);
}

struct appending {
	struct plist	*l;
	size_t		 nitems;
};

static void
append_id(void *arg, uint32_t id)
{
	struct appending	*a = arg;

	plist_add(a->l, id, a->nitems);
}

/* Appends to d the list of len bytes at p held as bitmap says, whose
 * last id is last and whose first comes after d's last.  0 or -1. */
static int
part_list(const struct search *s, struct plist *d, const char *p,
    uint32_t len, int bitmap, uint32_t last)
{
	struct plist		 l;
	struct appending	 a = { d, s->nitems };
	uint32_t		 i;

	/* the walk over gaps stops at the list's end */
	if (len == 0 || len >= 1u << 31 || (bitmap ? len !=
	    (s->nitems + 7) / 8 : (p[len - 1] & 0x80) != 0) ||
	    last >= s->nitems || (d->len > 0 && last <= d->last))
		return -1;
	memset(&l, 0, sizeof(l));
	l.len = len;
	l.bitmap = bitmap != 0;
	l.last = last;
	if (d->bitmap && bitmap) {
		/* what adding each id would give, a byte at a time */
		for (i = 0; i < len; i++)
			d->u.p[i] |= (unsigned char)p[i];
		d->last = last;
		return 0;
	}
	if (d->len > 0 || d->bitmap) {
		if (!bitmap && len <= INLINE)
			memcpy(l.u.in, p, len);
		else
			l.u.p = (unsigned char *)(uintptr_t)p;
		plist_each(&l, append_id, &a);
		return 0;
	}
	/* first in d: as an index of every item would hold it */
	if (!bitmap && len <= INLINE)
		memcpy(l.u.in, p, len);
	else {
		l.u.p = xmalloc(bitmap ? len : plist_cap(len));
		memcpy(l.u.p, p, len);
	}
	*d = l;
	return 0;
}

int
search_merge(struct search *s, const char *data, size_t len, size_t *used)
{
	struct part	 r = { data, data + len, 0, 0 };
	struct entry	*e;
	struct gkey	 key = { 0, 0 };
	const char	*p, *at;
	char		*k, *name;
	uint32_t	 n, last;
	int		 tag, bitmap;

	batch_flush(s);
	for (at = r.p; r.p < r.end; at = r.p) {
		tag = *part_take(&r, 1);
		e = NULL;
		k = name = NULL;
		if (tag == PART_SCOPE) {
			k = part_take_str(&r);
			name = part_take_str(&r);
		} else if ((tag == PART_GRAM || tag == PART_TITLE) &&
		    (p = part_take(&r, sizeof(key))) != NULL)
			memcpy(&key, p, sizeof(key));
		else if (!r.more)
			r.bad = 1;
		n = part_take_u32(&r);
		p = part_take(&r, 1);
		bitmap = p != NULL ? *p : 0;
		last = part_take_u32(&r);
		p = part_take(&r, n);
		/* a whole entry, or the rest comes with the next bytes */
		if (!r.more && !r.bad) {
			if (tag == PART_SCOPE && k != NULL && name != NULL)
				e = scope_entry(s, k, name);
			else if (tag != PART_SCOPE && key.hi != 0)
				e = gram_entry(tag == PART_GRAM ? &s->all :
				    &s->title, key);
			if (e == NULL || bitmap > 1 ||
			    part_list(s, &e->l, p, n, bitmap, last) == -1)
				r.bad = 1;
		}
		free(k);
		free(name);
		if (r.bad)
			return -1;
		if (r.more) {
			r.p = at;
			break;
		}
	}
	*used = (size_t)(r.p - data);
	return 0;
}

/* ---- writing ---------------------------------------------------------- */

void
search_json_str(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *q;

	buf_putc(b, '"');
	for (; *p != '\0'; p++) {
		/* a run that needs no escape at once (most of a text) */
		for (q = p; *q >= 0x20 && *q != '"' && *q != '\\' &&
		    *q != 0xe2; q++)
			;
		if (q > p) {
			buf_put(b, p, (size_t)(q - p));
			if (*(p = q) == '\0')
				break;
		}
		if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, *p);
		} else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else if (p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9)) {
			buf_printf(b, "\\u%04x", p[2] == 0xa8 ? 0x2028 :
			    0x2029);
			p += 2;
		} else
			buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

static void
put_utf8(struct buf *b, uint32_t c)
{
	cps_utf8(b, &c, 1);
}

/* The bytes of c in UTF-8 (put_utf8). */
static size_t
utf8_len(uint32_t c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/*
 * The code points of entry e into *cps (grown); returns how many.  A
 * scope's key is U+0001, then its folder as it is (not folded).
 */
static size_t
ent_cps(const struct search *s, const struct entry *e, uint32_t **cps,
    size_t *ccps)
{
	const char		*sk;
	const unsigned char	*p;
	size_t			 l, j, n, used;

	xgrow(cps, ccps, SEARCH_AGRAM, sizeof(**cps));
	if (e->key.hi != 0)
		return unpack(e->key, *cps);
	sk = s->scope[e->key.lo].key;
	p = (const unsigned char *)sk;
	l = strlen(sk);
	(*cps)[0] = 1;
	for (n = 1, j = 0; j < l; j += used) {
		xgrow(cps, ccps, n + 1, sizeof(**cps));
		(*cps)[n++] = utf8_next(p + j, l - j, &used);
	}
	return n;
}

/*
 * An entry of one bucket, to sort by its key's UTF-8 bytes: a scope's
 * key (U+0001 first) comes before every n-gram, whose code points are
 * never below U+0020; n-grams compare as their code points in a and b,
 * an absent one 0, which is the order of their UTF-8.
 */
struct skey {
	uint64_t	 a;	/* code points 1-3, 21 bits each */
	uint64_t	 b;	/* code point 4 (21 bits), then 5-8 (7) */
	const char	*scope;	/* a scope's folder, or NULL */
	size_t		 ent;	/* index into ents */
};

static void
skey_set(const struct search *s, size_t i, struct skey *k)
{
	uint32_t	c[SEARCH_AGRAM];

	memset(c, 0, sizeof(c));
	k->ent = i;
	k->scope = NULL;
	if (s->all.ents[i].key.hi == 0)
		k->scope = s->scope[s->all.ents[i].key.lo].key;
	else
		unpack(s->all.ents[i].key, c);
	k->a = (uint64_t)c[0] << 42 | (uint64_t)c[1] << 21 | c[2];
	k->b = (uint64_t)c[3] << 28 | (uint64_t)c[4] << 21 |
	    (uint64_t)c[5] << 14 | (uint64_t)c[6] << 7 | c[7];
}

static int
cmp_skey(const void *x, const void *y)
{
	const struct skey	*p = x, *q = y;

	if (p->scope != NULL || q->scope != NULL) {
		if (p->scope == NULL || q->scope == NULL)
			return p->scope != NULL ? -1 : 1;
		return strcmp(p->scope, q->scope);
	}
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return 0;
}

static int
emit(search_file_fn fn, void *arg, const char *name, struct buf *b)
{
	return fn(arg, name, b->data, b->len);
}

/* The files of one bucket, kept to be handed on at once. */
struct files {
	struct search_file	*f;
	size_t			 n, cap;
};

static int
collect_file(void *arg, const char *name, const char *data, size_t len)
{
	struct files	*fl = arg;
	char		*d = xmalloc(len + 1);

	memcpy(d, data, len);
	d[len] = '\0';
	xgrow(&fl->f, &fl->cap, fl->n + 1, sizeof(*fl->f));
	fl->f[fl->n].name = xstrdup(name);
	fl->f[fl->n].data = d;
	fl->f[fl->n++].len = len;
	return 0;
}

/*
 * Appends list l to bucket file b: in it, or, if longer than BIG,
 * as g/<h>-<*nbig>.js written now and its number in b.
 */
static int
put_list(search_file_fn fn, void *arg, struct buf *b, uint32_t h,
    size_t *nbig, const struct buf *le)
{
	struct buf	g = BUF_INIT, name = BUF_INIT;
	int		rc;

	if (le->len <= BIG) {
		buf_putc(b, '"');
		buf_put(b, le->data, le->len);
		buf_putc(b, '"');
		return 0;
	}
	buf_printf(b, "%zu", *nbig);
	buf_printf(&name, "g/%u-%zu.js", h, *nbig);
	buf_printf(&g, "gkSearchPart(\"g/%u-%zu\",\"", h, *nbig);
	buf_put(&g, le->data, le->len);
	buf_puts(&g, "\");\n");
	rc = emit(fn, arg, name.data, &g);
	buf_dispose(&g);
	buf_dispose(&name);
	(*nbig)++;
	return rc;
}

/* Writes the bucket h of the nk entries in k, in key order; with
 * spend, frees each list once written. */
static int
put_bucket(struct search *s, uint32_t h, struct skey *k, size_t nk,
    int spend, search_file_fn fn, void *arg)
{
	struct buf	 b = BUF_INIT, le = BUF_INIT, key = BUF_INIT;
	struct buf	 name = BUF_INIT, raw = BUF_INIT;
	uint32_t	 c[SEARCH_AGRAM];
	size_t		 j, n, i, nbig = 0;
	int		 rc = 0;

	xqsort(k, nk, sizeof(*k), cmp_skey);
	buf_printf(&b, "gkSearchPart(\"b/%u\",{", h);
	for (j = 0; j < nk && rc == 0; j++) {
		struct entry	*e = &s->all.ents[k[j].ent];
		size_t		 t = 0;

		buf_reset(&key);
		if (k[j].scope != NULL) {
			buf_putc(&key, 1);
			buf_puts(&key, k[j].scope);
		} else
			for (n = unpack(e->key, c), i = 0; i < n; i++)
				put_utf8(&key, c[i]);
		if (j > 0)
			buf_putc(&b, ',');
		search_json_str(&b, key.data);
		buf_puts(&b, ":[");
		buf_reset(&le);
		plist_encode(&e->l, &le, &raw);
		if (spend)
			plist_free(&e->l);	/* written now */
		rc = put_list(fn, arg, &b, h, &nbig, &le);
		buf_putc(&b, ',');
		if (e->key.hi != 0)
			t = s->title.slots[find_slot(&s->title, e->key)];
		if (e->key.hi == 0)
			search_json_str(&b, s->scope[e->key.lo].name);
		else if (t == 0)
			buf_puts(&b, "\"\"");
		else {
			/* a long title list is a file of its own too: the
			 * page reads one gram's title list only */
			buf_reset(&le);
			plist_encode(&s->title.ents[t - 1].l, &le, &raw);
			if (spend)
				plist_free(&s->title.ents[t - 1].l);
			if (rc == 0)
				rc = put_list(fn, arg, &b, h, &nbig, &le);
		}
		buf_putc(&b, ']');
	}
	buf_puts(&b, "});\n");
	buf_printf(&name, "b/%u.js", h);
	if (rc == 0)
		rc = emit(fn, arg, name.data, &b);
	buf_dispose(&b);
	buf_dispose(&le);
	buf_dispose(&key);
	buf_dispose(&name);
	buf_dispose(&raw);
	return rc;
}

size_t
search_nbuckets(size_t small)
{
	size_t	n = small / BUCKET + 1, p = 1;

	/* the next of 1, 2, 3, 4, 6, 8, 12, 16, 24, ...: a bucket holds
	 * BUCKET to 1.5 BUCKET bytes, and a few items more or less
	 * seldom change the count */
	while (p < n && p * 3 / 2 < n)
		p *= 2;
	if (p < n)
		p = p == 1 ? 2 : p * 3 / 2;
	return p;
}

/*
 * The hash of entry e (into *hash) and the bytes it adds to the small
 * lists that set the number of buckets (0 if its list gets a file of
 * its own).  *cps is scratch.
 */
static size_t
ent_small(const struct search *s, const struct entry *e, uint32_t **cps,
    size_t *ccps, uint32_t *hash)
{
	size_t	n, j, len;

	n = ent_cps(s, e, cps, ccps);
	*hash = search_hash(*cps, n);
	len = plist_enclen(&e->l);
	if (len > BIG)
		return 0;
	if (e->key.hi == 0)	/* the folder as it is */
		len += 1 + strlen(s->scope[e->key.lo].key);
	else
		for (j = 0; j < n; j++)
			len += utf8_len((*cps)[j]);
	return len + 8;
}

/*
 * Writes fold.js: the page's copy of the table of traditional
 * characters search_fold folds, so that both fold with one table.  It
 * is one JSON string, compact since every query with a Chinese
 * character loads it (18 KB where the pairs as they are take 26): for
 * each pair in order, how far its traditional character is past the
 * one before (from 0), in base 36 ([0-9a-z]), then the simplified one,
 * never ASCII, which ends the number.
 */
static int
put_fold(search_file_fn fn, void *arg)
{
	static const char	 digit[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	struct buf		 b = BUF_INIT, pairs = BUF_INIT;
	char			 num[16];
	uint32_t		 prev = 0, d;
	size_t			 i, k;
	int			 rc;

	for (i = 0; i < T2S_N; i++) {
		d = t2s_map[i][0] - prev;
		prev = t2s_map[i][0];
		k = sizeof(num);
		do
			num[--k] = digit[d % 36];
		while ((d /= 36) > 0);
		buf_put(&pairs, num + k, sizeof(num) - k);
		put_utf8(&pairs, t2s_map[i][1]);
	}
	buf_puts(&b, "gkSearchPart(\"fold\",");
	search_json_str(&b, pairs.data);
	buf_puts(&b, ");\n");
	rc = emit(fn, arg, "fold.js", &b);
	buf_dispose(&b);
	buf_dispose(&pairs);
	return rc;
}

/* Writes index.js, the parameters of an index of nb buckets, and
 * fold.js. */
static int
put_index(const struct search *s, size_t nb, const char *extra,
    search_file_fn fn, void *arg)
{
	struct buf	b = BUF_INIT;
	int		rc;

	buf_printf(&b, "gkSearchPart(\"index\",{\"items\":%zu,"
	    "\"buckets\":%zu,\"gram\":%d,\"agram\":%d%s%s});\n",
	    s->nitems, nb, SEARCH_GRAM, SEARCH_AGRAM,
	    extra != NULL ? "," : "", extra != NULL ? extra : "");
	rc = emit(fn, arg, "index.js", &b);
	if (rc == 0)
		rc = put_fold(fn, arg);
	buf_dispose(&b);
	return rc;
}

/* Writes bucket h of the nk entries of s in k (put_bucket, spend),
 * through sink k: a file at a time, or the bucket's files at once. */
static int
sink_bucket(struct search *s, uint32_t h, size_t small, struct skey *k,
    size_t nk, int spend, const struct search_sink *sk)
{
	struct files	 fl;
	size_t		 i;
	int		 rc;

	if (sk->bucket == NULL)
		return put_bucket(s, h, k, nk, spend, sk->file, sk->arg);
	memset(&fl, 0, sizeof(fl));
	rc = put_bucket(s, h, k, nk, spend, collect_file, &fl);
	if (rc == 0)
		rc = sk->bucket(sk->arg, h, small, fl.f, fl.n);
	for (i = 0; i < fl.n; i++) {
		free((char *)fl.f[i].name);
		free((char *)fl.f[i].data);
	}
	free(fl.f);
	return rc;
}

/*
 * Every key's bucket, and the bytes its list adds to the bucket count
 * (ent_small), which sets the number of buckets; the lists are encoded
 * only as their bucket is written.
 */
void
search_write_prepare(struct search *s)
{
	struct layout	*ly;
	uint32_t	*bucket, *cps = NULL;
	size_t		 ccps = 0, i, small = 0;

	if (s->layout != NULL)
		return;
	batch_flush(s);
	ly = s->layout = xcalloc(1, sizeof(*ly));
	bucket = xcalloc(s->all.nents + 1, sizeof(*bucket));
	ly->small = xcalloc(s->all.nents + 1, sizeof(*ly->small));
	for (i = 0; i < s->all.nents; i++) {
		ly->small[i] = ent_small(s, &s->all.ents[i], &cps, &ccps,
		    &bucket[i]);
		small += ly->small[i];
	}
	ly->nb = search_nbuckets(small);

	/* entries by bucket (a counting sort): then start[h] is where
	 * bucket h + 1 begins */
	ly->start = xcalloc(ly->nb + 1, sizeof(*ly->start));
	ly->order = xcalloc(s->all.nents + 1, sizeof(*ly->order));
	for (i = 0; i < s->all.nents; i++) {
		bucket[i] %= (uint32_t)ly->nb;
		ly->start[bucket[i] + 1]++;
	}
	for (i = 0; i < ly->nb; i++)
		ly->start[i + 1] += ly->start[i];
	for (i = 0; i < s->all.nents; i++)
		ly->order[ly->start[bucket[i]]++] = (uint32_t)i;
	free(bucket);
	free(cps);
}

int
search_write(struct search *s, const char *extra, search_file_fn fn,
    void *arg)
{
	struct search_sink	sk;

	memset(&sk, 0, sizeof(sk));
	sk.file = fn;
	sk.arg = arg;
	return search_write_to(s, extra, &sk);
}

int
search_write_to(struct search *s, const char *extra,
    const struct search_sink *sink)
{
	return search_write_share(s, extra, sink, 0, 1);
}

int
search_write_share(struct search *s, const char *extra,
    const struct search_sink *sink, int share, int nshares)
{
	const struct layout *ly;
	struct skey	*k = NULL;
	size_t		 ck = 0, n, i, j, small, len, lo, hi;
	int		 rc = 0;

	search_write_prepare(s);
	ly = s->layout;
	if (share == 0)
		rc = put_index(s, ly->nb, extra, sink->file, sink->arg);
	/* this share's buckets, lo to hi - 1 */
	lo = ly->nb * (size_t)share / (size_t)nshares;
	hi = ly->nb * (size_t)(share + 1) / (size_t)nshares;
	for (i = lo, j = i > 0 ? ly->start[i - 1] : 0; i < hi && rc == 0;
	    j = ly->start[i++]) {
		n = ly->start[i] - j;
		if (n == 0)
			continue;
		xgrow(&k, &ck, n, sizeof(*k));
		for (small = 0, len = 0; len < n; len++) {
			skey_set(s, ly->order[j + len], &k[len]);
			small += ly->small[ly->order[j + len]];
		}
		/* a fork reads the lists: a free would copy its pages */
		rc = sink_bucket(s, (uint32_t)i, small, k, n, nshares <= 1,
		    sink);
	}
	free(k);
	return rc;
}

/* ---- patching an earlier index ---------------------------------------- */

void
search_mark_text(const char *text, size_t len, size_t nb,
    unsigned char *touched)
{
	uint32_t	*cps = NULL;
	size_t		 ccps = 0, n, i, k, run;

	/* the n-grams of search_add_text */
	n = search_fold(text, len, &cps, &ccps, 0);
	for (i = 0; i + 1 < n; i++) {
		for (run = 0; i + run < n && run < SEARCH_AGRAM &&
		    is_ascii(cps[i + run]); run++)
			;
		for (k = 2; i + k <= n; k++) {
			if (k > SEARCH_GRAM && k > run)
				break;
			touched[search_hash(cps + i, k) % nb] = 1;
		}
	}
	free(cps);
}

/* The n-grams of the first to blocks of text (a line each; (size_t)-1:
 * all), appended to *g. */
static void
text_grams(const char *text, size_t to, struct gkey **g, size_t *n,
    size_t *cap)
{
	uint32_t	*cps = NULL;
	const char	*p, *e;
	size_t		 ccps = 0, m, i, k, run, b;

	for (p = text, b = 0; *p != '\0' && b < to; p = *e ? e + 1 : e,
	    b++) {
		e = p + strcspn(p, "\n");
		m = search_fold(p, (size_t)(e - p), &cps, &ccps, 0);
		for (i = 0; i + 1 < m; i++) {
			for (run = 0; i + run < m && run < SEARCH_AGRAM &&
			    is_ascii(cps[i + run]); run++)
				;
			for (k = 2; i + k <= m; k++) {
				if (k > SEARCH_GRAM && k > run)
					break;
				xgrow(g, cap, *n + 1, sizeof(**g));
				(*g)[(*n)++] = pack(cps + i, k);
			}
		}
	}
	free(cps);
}

static int
cmp_gkey(const void *x, const void *y)
{
	const struct gkey	*a = x, *b = y;

	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	return a->lo < b->lo ? -1 : a->lo > b->lo;
}

/* Sorts the n keys of g and drops those twice; returns how many. */
static size_t
gkeys_set(struct gkey *g, size_t n)
{
	size_t	i, m = 0;

	xqsort(g, n, sizeof(*g), cmp_gkey);
	for (i = 0; i < n; i++)
		if (m == 0 || cmp_gkey(&g[m - 1], &g[i]) != 0)
			g[m++] = g[i];
	return m;
}

static void
mark_key(struct gkey g, size_t nb, unsigned char *touched)
{
	uint32_t	c[SEARCH_AGRAM];
	size_t		n = unpack(g, c);

	touched[search_hash(c, n) % nb] = 1;
}

void
search_mark_diff(const char *old, const char *new, size_t nb,
    unsigned char *touched)
{
	struct gkey	*a = NULL, *b = NULL;
	size_t		 na = 0, ca = 0, nb2 = 0, cb = 0, i = 0, j = 0;
	int		 c;

	/* the titles: whether a key is in one is listed apart */
	text_grams(old, 1, &a, &na, &ca);
	text_grams(new, 1, &a, &na, &ca);
	for (i = 0; i < na; i++)
		mark_key(a[i], nb, touched);
	na = 0;
	text_grams(old, (size_t)-1, &a, &na, &ca);
	text_grams(new, (size_t)-1, &b, &nb2, &cb);
	na = gkeys_set(a, na);
	nb2 = gkeys_set(b, nb2);
	for (i = 0, j = 0; i < na || j < nb2; ) {
		c = i == na ? 1 : j == nb2 ? -1 : cmp_gkey(&a[i], &b[j]);
		if (c < 0)
			mark_key(a[i++], nb, touched);
		else if (c > 0)
			mark_key(b[j++], nb, touched);
		else
			i++, j++;
	}
	free(a);
	free(b);
}

/* The code points of scope key (U+0001, then the folder) into *cps;
 * returns how many. */
static size_t
scope_cps(const char *key, uint32_t **cps, size_t *ccps)
{
	const unsigned char	*p = (const unsigned char *)key;
	size_t			 l = strlen(key), j, n, used;

	xgrow(cps, ccps, 1, sizeof(**cps));
	(*cps)[0] = 1;
	for (n = 1, j = 0; j < l; j += used) {
		xgrow(cps, ccps, n + 1, sizeof(**cps));
		(*cps)[n++] = utf8_next(p + j, l - j, &used);
	}
	return n;
}

void
search_mark_scope(const char *key, size_t nb, unsigned char *touched)
{
	uint32_t	*cps = NULL;
	size_t		 ccps = 0, n;

	n = scope_cps(key, &cps, &ccps);
	touched[search_hash(cps, n) % nb] = 1;
	free(cps);
}

/* Reading a file of the earlier index: a cursor over its text. */
struct rd {
	const char	*p;	/* next byte */
	const char	*e;	/* end */
};

/* 1 and past s if the text goes on with s, else 0. */
static int
rd_lit(struct rd *r, const char *s)
{
	size_t	n = strlen(s);

	if ((size_t)(r->e - r->p) < n || memcmp(r->p, s, n) != 0)
		return 0;
	r->p += n;
	return 1;
}

/* A JSON string as search_json_str writes it, its bytes into out
 * (replaced).  0, or -1 if it is not one. */
static int
rd_str(struct rd *r, struct buf *out)
{
	uint32_t	v;
	int		i, d;

	buf_reset(out);
	if (!rd_lit(r, "\""))
		return -1;
	while (r->p < r->e && *r->p != '"') {
		if (*r->p != '\\') {
			buf_putc(out, *r->p++);
			continue;
		}
		if (r->e - r->p < 2)
			return -1;
		r->p++;
		switch (*r->p++) {
		case 'n':
			buf_putc(out, '\n');
			break;
		case '"':
		case '\\':
			buf_putc(out, r->p[-1]);
			break;
		case 'u':
			if (r->e - r->p < 4)
				return -1;
			for (v = 0, i = 0; i < 4; i++) {
				if ((d = hexval(*r->p++)) == -1)
					return -1;
				v = v << 4 | (uint32_t)d;
			}
			if (v >= 0xd800 && v <= 0xdfff)
				return -1;	/* never written */
			put_utf8(out, v);
			break;
		default:
			return -1;
		}
	}
	return rd_lit(r, "\"") ? 0 : -1;
}

size_t
search_json_read(const char *s, size_t len, struct buf *out)
{
	struct rd	r;

	r.p = s;
	r.e = s + len;
	return rd_str(&r, out) == -1 ? 0 : (size_t)(r.p - s);
}

/* The bytes of base64 text s (no padding) into out (replaced).  0 or
 * -1. */
static int
unbase64(const char *s, size_t n, struct buf *out)
{
	uint32_t	v = 0;
	size_t		i, bits = 0;
	int		c;

	buf_reset(out);
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c -= 'A';
		else if (c >= 'a' && c <= 'z')
			c = c - 'a' + 26;
		else if (c >= '0' && c <= '9')
			c = c - '0' + 52;
		else if (c == '+')
			c = 62;
		else if (c == '/')
			c = 63;
		else
			return -1;
		v = v << 6 | (uint32_t)c;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_putc(out, (int)(v >> bits & 0xff));
		}
	}
	return 0;
}

/* Reads a LEB128 number at *i of p (n bytes).  0 or -1. */
static int
leb_read(const unsigned char *p, size_t n, size_t *i, uint32_t *v)
{
	int	sh = 0;

	*v = 0;
	for (;;) {
		if (*i >= n || sh > 28)
			return -1;
		*v |= (uint32_t)(p[*i] & 0x7f) << sh;
		if (!(p[(*i)++] & 0x80))
			return 0;
		sh += 7;
	}
}

/* A growing array of ids. */
struct ids {
	uint32_t	*v;
	size_t		 n, cap;
};

static void
ids_add(void *arg, uint32_t id)
{
	struct ids	*l = arg;

	xgrow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = id;
}

/* The ids of an encoded list (base64 text s, n bytes; plist_encode)
 * into l (appended), but for those changed.  0 or -1. */
static int
list_decode(const char *s, size_t n, const unsigned char *changed,
    size_t nchanged, struct buf *tmp, struct ids *l)
{
	const unsigned char	*p;
	size_t			 i = 1, k;
	uint32_t		 v, id = 0, lo;
	int			 sh;

	if (unbase64(s, n, tmp) == -1 || tmp->len == 0)
		return -1;
	p = (const unsigned char *)tmp->data;
	if (p[0] == 0) {
		for (k = 0; i < tmp->len; k++) {
			if (leb_read(p, tmp->len, &i, &v) == -1)
				return -1;
			id = k == 0 ? v : id + v + 1;
			if (id >= nchanged || !changed[id])
				ids_add(l, id);
		}
		return 0;
	}
	if (p[0] != 1 || leb_read(p, tmp->len, &i, &lo) == -1)
		return -1;
	for (k = 0; i < tmp->len; i++, k++)
		for (sh = 0; sh < 8; sh++)
			if (p[i] >> sh & 1) {
				id = (lo + (uint32_t)k) * 8 + (uint32_t)sh;
				if (id >= nchanged || !changed[id])
					ids_add(l, id);
			}
	return 0;
}

/* The list of key in table t of s, appended to l. */
static void
table_ids(const struct table *t, struct gkey key, struct ids *l)
{
	size_t	j = find_slot(t, key);

	if (t->slots[j] != 0)
		plist_each(&t->ents[t->slots[j] - 1].l, ids_add, l);
}

/* Adds the ids of a and b (each in order, none in both), in order, to
 * key in table t of p. */
static void
put_merged(struct search *p, struct table *t, struct gkey key,
    const struct ids *a, const struct ids *b)
{
	struct entry	*e;
	size_t		 i = 0, j = 0;

	if (a->n + b->n == 0)
		return;
	e = gram_entry(t, key);
	while (i < a->n || j < b->n)
		if (j == b->n || (i < a->n && a->v[i] < b->v[j]))
			plist_add(&e->l, a->v[i++], p->nitems);
		else
			plist_add(&e->l, b->v[j++], p->nitems);
}

/* A patch under way. */
struct patch {
	struct search		*s;	   /* the changed items' text */
	const unsigned char	*changed;
	size_t			 nchanged;
	const struct search_sink *sink;
	uint32_t		 h;	   /* the bucket being read */
	struct buf		 str, file, tmp;
};

/* Reads one list of a bucket file into l (but for the changed items):
 * a string, or the number of a g/ file, read then; "" is none, and a
 * scope's (its name) is skipped.  0 or -1. */
static int
patch_elem(struct patch *pt, struct rd *r, int scope, struct ids *l)
{
	struct rd	 g;
	char		 name[64];
	unsigned long	 n;
	char		*e;

	if (r->p < r->e && *r->p == '"') {
		if (rd_str(r, &pt->str) == -1)
			return -1;
		if (scope || pt->str.len == 0)
			return 0;
		return list_decode(pt->str.data, pt->str.len, pt->changed,
		    pt->nchanged, &pt->tmp, l);
	}
	n = strtoul(r->p, &e, 10);
	if (e == r->p || e > r->e)
		return -1;
	r->p = e;
	if (scope)
		return 0;
	/* a long list, in a file of its own */
	snprintf(name, sizeof(name), "g/%u-%lu.js", pt->h, n);
	if (pt->sink->old_read(pt->sink->arg, name, &pt->file) != 1)
		return -1;
	g.p = pt->file.data;
	g.e = pt->file.data + pt->file.len;
	snprintf(name, sizeof(name), "gkSearchPart(\"g/%u-%lu\",\"", pt->h,
	    n);
	if (!rd_lit(&g, name) || g.e - g.p < 4 ||
	    memcmp(g.e - 4, "\");\n", 4) != 0)
		return -1;
	return list_decode(g.p, (size_t)(g.e - 4 - g.p), pt->changed,
	    pt->nchanged, &pt->tmp, l);
}

/*
 * Reads bucket pt->h of the earlier index into p (a new index of s's
 * items), without the changed items, then adds what s holds for its
 * keys: its grams' lists, and every scope (all of them are in s).
 * bucket[i]: the bucket of entry i of s.  0, or -1 if the earlier
 * bucket cannot be read.
 */
static int
patch_bucket(struct patch *pt, struct search *p, const uint32_t *bucket)
{
	struct search	*s = pt->s;
	struct ids	 a, b;
	struct rd	 r;
	struct gkey	 key;
	uint32_t	 c[SEARCH_AGRAM + 1];
	const unsigned char *k;
	size_t		 i, n, used;
	int		 rc = -1, got, scope, more;
	char		 name[64];

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	snprintf(name, sizeof(name), "b/%u.js", pt->h);
	got = pt->sink->old_read(pt->sink->arg, name, &pt->file);
	if (got == -1)
		return -1;
	if (got == 1) {
		/* the file is replaced as g/ files are read: its own copy */
		struct buf	 own = BUF_INIT;

		buf_put(&own, pt->file.data, pt->file.len);
		r.p = own.data;
		r.e = own.data + own.len;
		snprintf(name, sizeof(name), "gkSearchPart(\"b/%u\",{",
		    pt->h);
		more = rd_lit(&r, name) && !rd_lit(&r, "});\n");
		if (!more && r.p != r.e)
			goto bad;
		while (more) {
			if (rd_str(&r, &pt->str) == -1 || !rd_lit(&r, ":["))
				goto bad;
			k = (const unsigned char *)pt->str.data;
			scope = pt->str.len > 0 && k[0] == 1;
			n = 0;
			for (i = 0; !scope && i < pt->str.len; i += used) {
				if (n == SEARCH_AGRAM)
					goto bad;
				c[n++] = utf8_next(k + i, pt->str.len - i,
				    &used);
			}
			if (!scope && n < 2)
				goto bad;
			for (i = 0; !scope && n > SEARCH_GRAM && i < n; i++)
				if (!is_ascii(c[i]))
					goto bad;
			a.n = b.n = 0;
			if (patch_elem(pt, &r, scope, &a) == -1 ||
			    !rd_lit(&r, ",") ||
			    patch_elem(pt, &r, scope, &b) == -1 ||
			    !rd_lit(&r, "]"))
				goto bad;
			more = rd_lit(&r, ",");
			if (!more && (!rd_lit(&r, "});\n") || r.p != r.e))
				goto bad;
			if (scope)	/* made again from s below */
				continue;
			key = pack(c, n);
			/* what s holds for it: the new lists */
			{
				struct ids	 sa, st;

				memset(&sa, 0, sizeof(sa));
				memset(&st, 0, sizeof(st));
				table_ids(&s->all, key, &sa);
				table_ids(&s->title, key, &st);
				put_merged(p, &p->all, key, &a, &sa);
				put_merged(p, &p->title, key, &b, &st);
				free(sa.v);
				free(st.v);
			}
		}
		buf_dispose(&own);
		goto add;
bad:
		buf_dispose(&own);
		goto out;
	}
add:
	/* keys of s this bucket did not have, and its scopes */
	for (i = 0; i < s->all.nents; i++) {
		struct entry	*e = &s->all.ents[i];
		struct ids	 none, sa, st;

		if (bucket[i] != pt->h)
			continue;
		memset(&sa, 0, sizeof(sa));
		if (e->key.hi == 0) {
			plist_each(&e->l, ids_add, &sa);
			for (n = 0; n < sa.n; n++)
				search_add_scope(p, sa.v[n],
				    s->scope[e->key.lo].key,
				    s->scope[e->key.lo].name);
			free(sa.v);
			continue;
		}
		if (p->all.slots[find_slot(&p->all, e->key)] != 0)
			continue;
		memset(&none, 0, sizeof(none));
		memset(&st, 0, sizeof(st));
		plist_each(&e->l, ids_add, &sa);
		table_ids(&s->title, e->key, &st);
		put_merged(p, &p->all, e->key, &none, &sa);
		put_merged(p, &p->title, e->key, &none, &st);
		free(sa.v);
		free(st.v);
	}
	rc = 0;
out:
	free(a.v);
	free(b.v);
	return rc;
}

int
search_patch(struct search *s, const char *extra, size_t nb,
    const unsigned char *changed, size_t nchanged, unsigned char *touched,
    const struct search_sink *sink)
{
	struct patch	  pt;
	struct search	**ps;
	struct skey	 *k = NULL;
	uint32_t	 *bucket, *cps = NULL, hh;
	size_t		 *psmall, ccps = 0, ck = 0, i, h, small = 0, n;
	long long	  o;
	int		  rc = 1;

	batch_flush(s);
	/* the buckets of s's keys */
	bucket = xcalloc(s->all.nents + 1, sizeof(*bucket));
	for (i = 0; i < s->all.nents; i++) {
		ent_small(s, &s->all.ents[i], &cps, &ccps, &bucket[i]);
		bucket[i] %= (uint32_t)nb;
	}
	memset(&pt, 0, sizeof(pt));
	pt.s = s;
	pt.changed = changed;
	pt.nchanged = nchanged;
	pt.sink = sink;
	buf_init(&pt.str);
	buf_init(&pt.file);
	buf_init(&pt.tmp);
	ps = xcalloc(nb, sizeof(*ps));
	psmall = xcalloc(nb, sizeof(*psmall));
	/* every bucket's lists, read again where touched, for the count */
	for (h = 0; h < nb; h++) {
		if (!touched[h]) {
			if ((o = sink->old_small(sink->arg, (uint32_t)h)) < 0)
				goto out;
			small += (size_t)o;
			continue;
		}
		pt.h = (uint32_t)h;
		ps[h] = search_new(s->nitems);
		if (patch_bucket(&pt, ps[h], bucket) == -1)
			goto out;
		for (i = 0; i < ps[h]->all.nents; i++)
			psmall[h] += ent_small(ps[h], &ps[h]->all.ents[i],
			    &cps, &ccps, &hh);
		small += psmall[h];
	}
	if (search_nbuckets(small) != nb)
		goto out;
	/* the others as they are, before anything is written: a bucket
	 * that cannot be taken over leaves the whole to the caller */
	for (h = 0; h < nb; h++)
		if (!touched[h] && (rc = sink->keep(sink->arg,
		    (uint32_t)h)) != 1) {
			rc = rc == 0 ? 1 : -1;
			goto out;
		}
	rc = put_index(s, nb, extra, sink->file, sink->arg);
	for (h = 0; h < nb && rc == 0; h++) {
		if (ps[h] == NULL || (n = ps[h]->all.nents) == 0)
			continue;
		xgrow(&k, &ck, n, sizeof(*k));
		for (i = 0; i < n; i++)
			skey_set(ps[h], i, &k[i]);
		rc = sink_bucket(ps[h], (uint32_t)h, psmall[h], k, n, 1, sink);
	}
out:
	for (h = 0; h < nb; h++)
		search_free(ps[h]);
	free(ps);
	free(psmall);
	free(bucket);
	free(cps);
	free(k);
	buf_dispose(&pt.str);
	buf_dispose(&pt.file);
	buf_dispose(&pt.tmp);
	return rc;
}
