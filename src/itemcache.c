/*
 * itemcache.c -- items parsed by an earlier run (itemcache.h).
 *
 * The file: a line "gongkai itemcache 1 <code>", the records in
 * bytewise path order, and a line with the SHA-256 (hex) of all that
 * came before it.  A record is its length (4 bytes) and its fields:
 * strings as a length (4 bytes; all ones for none) and bytes, numbers
 * as 8 bytes, digests as 32 bytes, in this machine's byte order (the
 * code in the first line is of this program on this machine).
 */
#include <sys/uio.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "cachedir.h"
#include "itemcache.h"
#include "sha256.h"
#include "site.h"
#include "util.h"

#define MAGIC	"gongkai itemcache 1 "
#define NOSTR	UINT32_MAX
#define MAXKW	4096	/* more keywords than any record can hold */

/* A record of this run: bytes in the old file, or in the new ones. */
struct ref {
	int		 fresh;	/* 1: in ic->fresh, else in ic->old */
	size_t		 off;	/* where its length starts */
	size_t		 len;	/* its bytes, length included */
};

struct itemcache {
	char		*path;	/* NULL: nothing is saved */
	char		 head[sizeof(MAGIC) + 65];
	struct buf	 old;	/* the file as read */
	size_t		*recs;	/* offsets of its records, in path order */
	size_t		 nrecs;
	struct buf	 fresh;	/* records added by this run */
	struct ref	*seen;	/* the records of this run */
	size_t		 nseen, capseen;
	int		 same;	/* 1 while this run took exactly the
				   old records, in order */
};

/* A reader of one record's fields; bad once any read overran. */
struct cur {
	const char	*p, *end;
	int		 bad;
};

static int
take(struct cur *c, void *out, size_t n)
{
	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = 1;
		return -1;
	}
	if (out != NULL)
		memcpy(out, c->p, n);
	c->p += n;
	return 0;
}

static long long
get_num(struct cur *c)
{
	int64_t	v = 0;

	take(c, &v, sizeof(v));
	return v;
}

/* A string of the record: into arena a (NULL: skipped), *len its
 * bytes; NULL for none or when the record is cut. */
static const char *
get_str(struct cur *c, struct arena *a, size_t *len)
{
	uint32_t	 n = 0;
	const char	*s;

	if (take(c, &n, sizeof(n)) == -1 || n == NOSTR)
		return NULL;
	s = c->p;
	if (take(c, NULL, n) == -1)
		return NULL;
	if (len != NULL)
		*len = n;
	return a != NULL ? arena_strndup(a, s, n) : s;
}

static void
get_dig(struct cur *c, char hex[65])
{
	static const char	 xd[] = "0123456789abcdef";
	unsigned char		 d[32];
	size_t			 i;

	if (take(c, d, sizeof(d)) == -1 || hex == NULL)
		return;
	for (i = 0; i < 32; i++) {
		hex[2 * i] = xd[d[i] >> 4];
		hex[2 * i + 1] = xd[d[i] & 15];
	}
	hex[64] = '\0';
}

static void
put_num(struct buf *b, long long n)
{
	int64_t	v = n;

	buf_put(b, &v, sizeof(v));
}

static void
put_str(struct buf *b, const char *s)
{
	uint32_t	n = s != NULL ? (uint32_t)strlen(s) : NOSTR;

	buf_put(b, &n, sizeof(n));
	if (s != NULL)
		buf_put(b, s, n);
}

static void
put_dig(struct buf *b, const char hex[65])
{
	unsigned char	d[32];
	size_t		i;

	for (i = 0; i < 32; i++)
		d[i] = (unsigned char)(hexval(hex[2 * i]) << 4 |
		    hexval(hex[2 * i + 1]));
	buf_put(b, d, sizeof(d));
}

/*
 * The fields of a record after its length, in order: into it with its
 * strings in arena a, or, with it NULL, only walked over (checking a
 * file as it is read).  dig, fmdig and bodydig may be NULL.
 */
static int
get_item(struct cur *c, struct arena *a, struct item *it, unsigned *outputs,
    char dig[65], char fmdig[65], char bodydig[65])
{
	struct item	 scratch;
	const char	*kw;
	long long	 nkw, k;

	if (it == NULL) {
		it = &scratch;
		a = NULL;	/* strings are pointers into the file */
	}
	get_str(c, NULL, NULL);		/* path */
	get_str(c, NULL, NULL);		/* stamp */
	*outputs = (unsigned)get_num(c);
	get_dig(c, dig);
	get_dig(c, fmdig);
	get_dig(c, bodydig);
	it->kind = get_num(c) ? ITEM_YAML : ITEM_MD;
	it->date = get_num(c);
	it->written = get_num(c);
	it->expires = get_num(c);
	it->repealed = get_num(c);
	it->outputs = (unsigned)get_num(c);
	it->body_line = (int)get_num(c);
	it->title = get_str(c, a, NULL);
	it->index_no = get_str(c, a, NULL);
	it->doc_no = get_str(c, a, NULL);
	it->topic = get_str(c, a, NULL);
	it->summary = get_str(c, a, NULL);
	it->replaced_by = get_str(c, a, NULL);
	it->replaced_idx = NO_INDEX;
	nkw = get_num(c);
	if (nkw < 0 || nkw > MAXKW)
		c->bad = 1;
	if (c->bad)
		return -1;
	it->keywords = a != NULL ? arena_alloc(a, (size_t)(nkw + 1) *
	    sizeof(*it->keywords)) : NULL;
	for (k = 0; k < nkw; k++) {
		kw = get_str(c, a, NULL);
		if (a != NULL)
			it->keywords[k] = kw != NULL ? kw : "";
	}
	if (a != NULL)
		it->keywords[nkw] = NULL;
	return c->bad || c->p != c->end ? -1 : 0;
}

/* Compares byte strings as strcmp compares strings. */
static int
cmp_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int	d;

	if ((d = memcmp(a, b, alen < blen ? alen : blen)) != 0)
		return d;
	return alen < blen ? -1 : alen > blen;
}

/* A cursor on the fields of the record at rec, after its length. */
static struct cur
rec_cur(const char *rec)
{
	struct cur	c;
	uint32_t	n;

	memcpy(&n, rec, sizeof(n));
	c.p = rec + sizeof(n);
	c.end = c.p + n;
	c.bad = 0;
	return c;
}

/* The same for the record at off of the old file. */
static struct cur
rec_at(const struct itemcache *ic, size_t off)
{
	return rec_cur(ic->old.data + off);
}

/* Finds the records of the file in ic->old, or none at all when it is
 * not whole, not in order or not of this program. */
static void
parse(struct itemcache *ic)
{
	struct buf	*b = &ic->old;
	struct cur	 c;
	size_t		 hlen = strlen(ic->head), off, cap = 0;
	uint32_t	 n;
	unsigned	 outputs;
	const char	*path, *prev = NULL;
	size_t		 plen, prevlen = 0;
	char		 hex[65];

	if (b->len < hlen + 65 || memcmp(b->data, ic->head, hlen) != 0 ||
	    b->data[b->len - 1] != '\n')
		return;
	sha256_digest(b->data, b->len - 65, hex);
	if (memcmp(hex, b->data + b->len - 65, 64) != 0)
		return;
	for (off = hlen; off < b->len - 65; off += sizeof(n) + n) {
		if (b->len - 65 - off < sizeof(n))
			goto bad;
		memcpy(&n, b->data + off, sizeof(n));
		if (n > b->len - 65 - off - sizeof(n))
			goto bad;
		c = rec_at(ic, off);
		plen = 0;
		path = get_str(&c, NULL, &plen);
		c = rec_at(ic, off);
		if (path == NULL || get_item(&c, NULL, NULL, &outputs, NULL,
		    NULL, NULL) == -1)
			goto bad;
		/* strictly increasing, for the binary search */
		if (prev != NULL && cmp_bytes(prev, prevlen, path, plen) >= 0)
			goto bad;
		prev = path;
		prevlen = plen;
		xgrow(&ic->recs, &cap, ic->nrecs + 1, sizeof(*ic->recs));
		ic->recs[ic->nrecs++] = off;
	}
	return;
bad:
	ic->nrecs = 0;
}

struct itemcache *
itemcache_open(const char *path, const char code[65])
{
	struct itemcache	*ic = xcalloc(1, sizeof(*ic));

	buf_init(&ic->old);
	buf_init(&ic->fresh);
	snprintf(ic->head, sizeof(ic->head), "%s%.64s\n", MAGIC, code);
	ic->same = 1;
	if (path != NULL) {
		ic->path = xstrdup(path);
		if (cachedir_read(path, &ic->old) == 0)
			parse(ic);
	}
	return ic;
}

/* Compares path with the path of record r (as strcmp would). */
static int
cmp_path(const struct itemcache *ic, const char *path, size_t r)
{
	struct cur	 c = rec_at(ic, ic->recs[r]);
	const char	*p;
	size_t		 plen = 0;

	p = get_str(&c, NULL, &plen);
	return cmp_bytes(path, strlen(path), p, plen);
}

size_t
itemcache_find(const struct itemcache *ic, const char *path,
    const char *stamp)
{
	struct cur	 c;
	const char	*s;
	size_t		 lo = 0, hi, mid, slen = 0;
	int		 d;

	if (ic == NULL || stamp == NULL)
		return 0;
	hi = ic->nrecs;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((d = cmp_path(ic, path, mid)) == 0) {
			c = rec_at(ic, ic->recs[mid]);
			get_str(&c, NULL, NULL);
			s = get_str(&c, NULL, &slen);
			return s != NULL && slen == strlen(stamp) &&
			    memcmp(s, stamp, slen) == 0 ? mid + 1 : 0;
		}
		if (d < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static void
add_ref(struct itemcache *ic, int fresh, size_t off, size_t len)
{
	xgrow(&ic->seen, &ic->capseen, ic->nseen + 1, sizeof(*ic->seen));
	ic->seen[ic->nseen].fresh = fresh;
	ic->seen[ic->nseen].off = off;
	ic->seen[ic->nseen].len = len;
	ic->nseen++;
}

int
itemcache_take(struct itemcache *ic, size_t rec, unsigned outputs,
    struct arena *a, struct item *it, char dig[65], char fmdig[65],
    char bodydig[65])
{
	struct cur	 c;
	size_t		 off;
	unsigned	 made_for;
	uint32_t	 n;

	if (ic == NULL || rec == 0 || rec > ic->nrecs)
		return -1;
	off = ic->recs[rec - 1];
	/* the level's outputs first: a miss leaves it as it was */
	c = rec_at(ic, off);
	get_str(&c, NULL, NULL);
	get_str(&c, NULL, NULL);
	if ((made_for = (unsigned)get_num(&c)) != outputs || c.bad)
		return -1;
	c = rec_at(ic, off);
	if (get_item(&c, a, it, &made_for, dig, fmdig, bodydig) == -1)
		return -1;
	if (ic->nseen >= ic->nrecs || ic->recs[ic->nseen] != off)
		ic->same = 0;
	memcpy(&n, ic->old.data + off, sizeof(n));
	add_ref(ic, 0, off, sizeof(n) + n);
	return 0;
}

void
itemcache_record(struct buf *b, const char *stamp, unsigned outputs,
    const struct item *it, const char dig[65], const char fmdig[65],
    const char bodydig[65])
{
	size_t		 off = b->len, k;
	uint32_t	 n = 0;

	buf_put(b, &n, sizeof(n));	/* its length, below */
	put_str(b, it->path);
	put_str(b, stamp);
	put_num(b, outputs);
	put_dig(b, dig);
	put_dig(b, fmdig);
	put_dig(b, bodydig);
	put_num(b, it->kind == ITEM_YAML);
	put_num(b, it->date);
	put_num(b, it->written);
	put_num(b, it->expires);
	put_num(b, it->repealed);
	put_num(b, it->outputs);
	put_num(b, it->body_line);
	put_str(b, it->title);
	put_str(b, it->index_no);
	put_str(b, it->doc_no);
	put_str(b, it->topic);
	put_str(b, it->summary);
	put_str(b, it->replaced_by);
	for (k = 0; it->keywords != NULL && it->keywords[k] != NULL; k++)
		;
	put_num(b, (long long)k);
	for (k = 0; it->keywords != NULL && it->keywords[k] != NULL; k++)
		put_str(b, it->keywords[k]);
	n = (uint32_t)(b->len - off - sizeof(n));
	memcpy(b->data + off, &n, sizeof(n));
}

void
itemcache_add(struct itemcache *ic, const char *stamp, unsigned outputs,
    const struct item *it, const char dig[65], const char fmdig[65],
    const char bodydig[65])
{
	size_t	off;

	if (ic == NULL || ic->path == NULL || stamp == NULL)
		return;
	off = ic->fresh.len;
	itemcache_record(&ic->fresh, stamp, outputs, it, dig, fmdig,
	    bodydig);
	ic->same = 0;
	add_ref(ic, 1, off, ic->fresh.len - off);
}

int
itemcache_take_record(struct itemcache *ic, const char *path,
    const char *stamp, const char *rec, size_t len, unsigned outputs,
    struct arena *a, struct item *it, char dig[65], char fmdig[65],
    char bodydig[65])
{
	struct cur	 c;
	const char	*p, *s;
	size_t		 plen = 0, slen = 0, off;
	unsigned	 made_for;
	uint32_t	 n;

	if (len < sizeof(n) || stamp == NULL)
		return -1;
	memcpy(&n, rec, sizeof(n));
	if (n != len - sizeof(n))
		return -1;
	/* whole, of this path and stamp and for these outputs, before
	 * anything is filled in */
	c = rec_cur(rec);
	p = get_str(&c, NULL, &plen);
	s = get_str(&c, NULL, &slen);
	if (c.bad || p == NULL || s == NULL ||
	    cmp_bytes(path, strlen(path), p, plen) != 0 ||
	    cmp_bytes(stamp, strlen(stamp), s, slen) != 0)
		return -1;
	c = rec_cur(rec);
	if (get_item(&c, NULL, NULL, &made_for, NULL, NULL, NULL) == -1 ||
	    made_for != outputs)
		return -1;
	c = rec_cur(rec);
	if (get_item(&c, a, it, &made_for, dig, fmdig, bodydig) == -1)
		return -1;
	if (ic != NULL && ic->path != NULL) {
		off = ic->fresh.len;
		buf_put(&ic->fresh, rec, len);
		ic->same = 0;
		add_ref(ic, 1, off, len);
	}
	return 0;
}

void
itemcache_save(struct itemcache *ic)
{
	struct iovec	*iov;
	struct sha256	 h;
	const char	*base, *p;
	size_t		 i, n = 0;
	char		 hex[66];

	if (ic == NULL || ic->path == NULL ||
	    (ic->same && ic->nseen == ic->nrecs))
		return;
	/* the records where they lie, runs of them one piece (not copied
	 * into one buffer: megabytes of fresh pages, a fault each) */
	iov = xcalloc(ic->nseen + 2, sizeof(*iov));
	iov[n].iov_base = ic->head;
	iov[n++].iov_len = strlen(ic->head);
	for (i = 0; i < ic->nseen; i++) {
		base = ic->seen[i].fresh ? ic->fresh.data : ic->old.data;
		p = base + ic->seen[i].off;
		if ((char *)iov[n - 1].iov_base + iov[n - 1].iov_len == p)
			iov[n - 1].iov_len += ic->seen[i].len;
		else {
			iov[n].iov_base = (char *)p;
			iov[n++].iov_len = ic->seen[i].len;
		}
	}
	sha256_init(&h);
	for (i = 0; i < n; i++)
		sha256_add(&h, iov[i].iov_base, iov[i].iov_len);
	sha256_hex(&h, hex);
	hex[64] = '\n';
	iov[n].iov_base = hex;
	iov[n++].iov_len = 65;
	cachedir_writev(ic->path, iov, n);
	free(iov);
}

void
itemcache_free(struct itemcache *ic)
{
	if (ic == NULL)
		return;
	free(ic->path);
	buf_dispose(&ic->old);
	buf_dispose(&ic->fresh);
	free(ic->recs);
	free(ic->seen);
	free(ic);
}
