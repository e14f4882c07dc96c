/*
 * unit_search.c -- the search index (search.h): folding, the hash the
 * page shares, list encodings, which n-grams are indexed, buckets and
 * files of their own, deterministic bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "search.h"
#include "util.h"
#include "t.h"

/* Every file search_write made, concatenated as "== name\n" + bytes. */
static int
collect(void *arg, const char *name, const char *data, size_t len)
{
	struct buf	*b = arg;

	buf_printf(b, "== %s\n", name);
	buf_put(b, data, len);
	return 0;
}

static char *
folded(const char *s)
{
	uint32_t	*cps = NULL;
	size_t		 cap = 0, n, i;
	struct buf	 b = BUF_INIT;

	n = search_fold(s, strlen(s), &cps, &cap, 0);
	for (i = 0; i < n; i++) {
		if (cps[i] < 0x80)
			buf_putc(&b, (int)cps[i]);
		else
			buf_printf(&b, "<%x>", cps[i]);
	}
	free(cps);
	return buf_detach(&b, NULL);
}

/* Appends code point c as UTF-8. */
static void
put_cp(struct buf *b, uint32_t c)
{
	if (c < 0x80)
		buf_putc(b, (int)c);
	else if (c < 0x800) {
		buf_putc(b, (int)(0xc0 | c >> 6));
		buf_putc(b, (int)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		buf_putc(b, (int)(0xe0 | c >> 12));
		buf_putc(b, (int)(0x80 | (c >> 6 & 0x3f)));
		buf_putc(b, (int)(0x80 | (c & 0x3f)));
	} else {
		buf_putc(b, (int)(0xf0 | c >> 18));
		buf_putc(b, (int)(0x80 | (c >> 12 & 0x3f)));
		buf_putc(b, (int)(0x80 | (c >> 6 & 0x3f)));
		buf_putc(b, (int)(0x80 | (c & 0x3f)));
	}
}

static int
failing(void *arg, const char *name, const char *data, size_t len)
{
	(void)arg;
	(void)data;
	(void)len;
	return strcmp(name, "index.js") == 0 ? -1 : 0;
}

/* ---- reading what search_write wrote back ---------------------------- */

/* Decodes base64 (no padding) of n chars at p into out. */
static void
unbase64(const char *p, size_t n, struct buf *out)
{
	static const char	a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t		v = 0;
	size_t			i, bits = 0;

	for (i = 0; i < n; i++) {
		v = v << 6 | (uint32_t)(strchr(a, p[i]) - a);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_putc(out, (int)(v >> bits & 0xff));
		}
	}
}

static uint32_t
leb(const unsigned char **p)
{
	uint32_t	v = 0;
	int		sh = 0;

	while (**p & 0x80) {
		v |= (uint32_t)(*(*p)++ & 0x7f) << sh;
		sh += 7;
	}
	return v | (uint32_t)*(*p)++ << sh;
}

/* Marks in ids[] (n items) the items of list text p (n chars). */
static void
list_ids(const char *p, size_t len, unsigned char *ids, size_t n)
{
	struct buf		 b = BUF_INIT;
	const unsigned char	*q, *e;
	uint32_t		 id, lo;
	size_t			 k;
	int			 first = 1;

	memset(ids, 0, n);
	unbase64(p, len, &b);
	q = (const unsigned char *)b.data;
	e = q + b.len;
	if (*q++ == 0)
		for (id = 0; q < e; first = 0) {
			id = first ? leb(&q) : id + leb(&q) + 1;
			if (id < n)
				ids[id] = 1;
		}
	else
		for (lo = leb(&q), k = 0; q + k < e; k++)
			for (id = 0; id < 8; id++)
				if (q[k] >> id & 1 && (lo + k) * 8 + id < n)
					ids[(lo + k) * 8 + id] = 1;
	buf_dispose(&b);
}

/* One key of a bucket file as written. */
struct wkey {
	char	*key;		/* its bytes (\u0001 decoded) */
	char	*list;		/* its items' list, or NULL: a g/ file */
	size_t	 len;
};

/*
 * Reads the keys of every b/ file in out (collect's) in order into
 * *keys; sets *bucket[i] to the bucket of key i.  Returns how many.
 */
static size_t
read_keys(const char *out, struct wkey **keys, unsigned **bucket)
{
	const char	*p = out, *q;
	size_t		 n = 0, cap = 0;
	unsigned	 h;
	struct buf	 k = BUF_INIT;

	*keys = NULL;
	*bucket = NULL;
	while ((p = strstr(p, "== b/")) != NULL) {
		h = (unsigned)strtoul(p + 5, NULL, 10);
		p = strchr(p, '{') + 1;
		while (*p == '"') {
			buf_reset(&k);
			for (p++; *p != '"'; p++)
				if (strncmp(p, "\\u0001", 6) == 0) {
					buf_putc(&k, 1);
					p += 5;
				} else
					buf_putc(&k, *p);
			xgrow(keys, &cap, n + 1, sizeof(**keys));
			*bucket = xrealloc(*bucket, cap * sizeof(**bucket));
			(*keys)[n].key = xstrdup(k.data);
			(*bucket)[n] = h;
			p += 3;		/* ":[ */
			if (*p == '"') {
				q = strchr(p + 1, '"');
				(*keys)[n].list = xstrndup(p + 1,
				    (size_t)(q - p - 1));
				(*keys)[n].len = (size_t)(q - p - 1);
				p = q + 1;
			} else {
				(*keys)[n].list = NULL;
				(*keys)[n].len = 0;
				p += strspn(p, "0123456789");
			}
			n++;
			p++;		/* , */
			if (*p == '"')
				p = strchr(p + 1, '"') + 1;
			else
				p += strspn(p, "0123456789");
			p += *p == ']' ? 1 : 0;
			p += *p == ',' ? 1 : 0;
		}
	}
	buf_dispose(&k);
	return n;
}

/* The code points of UTF-8 s, for search_hash. */
static size_t
cps_of(const char *s, uint32_t *c)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0;

	while (*p != '\0') {
		if (*p < 0x80)
			c[n++] = *p++;
		else if (*p < 0xe0) {
			c[n++] = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
			p += 2;
		} else {
			c[n++] = (uint32_t)(p[0] & 0x0f) << 12 |
			    (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
			p += 3;
		}
	}
	return n;
}

/*
 * Lists of every form (in the entry, allocated, bitmaps), ASCII grams
 * of every length, titles and scopes: the bucket count is what the
 * lists written add up to, every key is in the bucket of its hash and
 * in byte order there, and lists hold their items.
 */
static void
check_layout(void)
{
	static const char *const words[] = { "社会", "抚养费", "征收",
	    "标准", "ab", "2026-00012", "Xyz", "公开" };
	struct search	*s;
	struct buf	 out = BUF_INIT, t = BUF_INIT;
	struct wkey	*keys;
	unsigned	*bucket;
	unsigned char	 ids[3000];
	uint32_t	 c[64];
	size_t		 nitems = 3000, i, j, n, nb, small = 0, found = 0;
	int		 bad = 0, order = 1, inbucket = 1;
	char		 name[32];
	const char	*p;

	s = search_new(nitems);
	for (i = 0; i < nitems; i++) {
		buf_reset(&t);
		/* a word in every item, one in every 7th, one in 1 or 2 */
		buf_printf(&t, "%s %s", words[i % 8], i % 7 == 0 ? "征收" :
		    "x");
		snprintf(name, sizeof(name), " n%zu", i / 2);
		buf_puts(&t, name);
		if (i % 5 == 0)
			search_add_text(s, i, words[(i / 5) % 8],
			    strlen(words[(i / 5) % 8]), 1);
		search_add_text(s, i, t.data, t.len, 0);
		search_add_text(s, i, "全部", strlen("全部"), 0);
		snprintf(name, sizeof(name), "u%zu", i % 3);
		search_add_scope(s, i, name, "单位");
	}
	OK(search_write(s, NULL, collect, &out) == 0);
	search_free(s);
	p = strstr(out.data, "\"buckets\":");
	OK(p != NULL);
	nb = p != NULL ? strtoul(p + 10, NULL, 10) : 0;
	OK(nb > 1);
	n = read_keys(out.data, &keys, &bucket);
	OK(n > 3000);
	for (i = 0; i < n; i++) {
		if (keys[i].list != NULL)
			small += keys[i].len + strlen(keys[i].key) + 8;
		if (i > 0 && bucket[i] == bucket[i - 1] &&
		    strcmp(keys[i - 1].key, keys[i].key) >= 0)
			order = 0;
		if (nb > 0 && search_hash(c, cps_of(keys[i].key, c)) % nb !=
		    bucket[i])
			inbucket = 0;
		if (keys[i].list == NULL)
			continue;
		list_ids(keys[i].list, keys[i].len, ids, nitems);
		if (strcmp(keys[i].key, "全部") == 0) {	/* a bitmap */
			found++;
			for (j = 0; j < nitems; j++)
				bad |= ids[j] != 1;
		} else if (strcmp(keys[i].key, "\001u1") == 0) {
			found++;
			for (j = 0; j < nitems; j++)
				bad |= ids[j] != (j % 3 == 1);
		} else if (strcmp(keys[i].key, "n12") == 0) {
			found++;	/* n12, n120-129, n1200-1299 */
			for (j = 0; j < nitems; j++)
				bad |= ids[j] != (j / 2 == 12 ||
				    j / 20 == 12 || j / 200 == 12);
		} else if (strcmp(keys[i].key, "n1499") == 0) {
			found++;	/* in the entry */
			for (j = 0; j < nitems; j++)
				bad |= ids[j] != (j / 2 == 1499);
		}
	}
	OK(found == 4);
	OK(!bad);
	OK(order);
	OK(inbucket);
	OK(nb == search_nbuckets(small));
	for (i = 0; i < n; i++) {
		free(keys[i].key);
		free(keys[i].list);
	}
	free(keys);
	free(bucket);
	buf_dispose(&out);
	buf_dispose(&t);
}

/*
 * Every list holds exactly the items whose text holds its key: many
 * items sharing most of their n-grams (the index adds them a batch of
 * items at a time, search.c), ids with gaps, titles and scopes between.
 */
/* ID(i): with gaps, every seventh number is skipped (a patch indexes
 * a few numbers apart); without, a batch's numbers are a run, which a
 * bitmap takes a word at a time (search.c, plist_add_mask). */
#define ID(i)	(gaps ? (i) + (i) / 7 : (i))

static void
check_lists(int gaps)
{
	static const char *const ch[] = { "社", "会", "抚", "养", "a", "b" };
	enum { N = 700, PIECES = 3, LEN = 10 };
	struct search	*s;
	struct buf	 out = BUF_INIT, piece[PIECES];
	char		(*text)[PIECES][LEN * 3 + 1];
	struct wkey	*keys;
	unsigned	*bucket;
	unsigned char	 ids[N + N / 7 + 1];
	unsigned long	 x = 12345;
	size_t		 nitems = N + N / 7 + 1, i, j, k, n, checked = 0;
	int		 bad = 0;

	text = xcalloc(N, sizeof(*text));
	for (k = 0; k < PIECES; k++)
		buf_init(&piece[k]);
	s = search_new(nitems);
	for (i = 0; i < N; i++) {
		for (k = 0; k < PIECES; k++) {
			buf_reset(&piece[k]);
			for (j = 0; j < LEN; j++) {
				x = x * 6364136223846793005ul +
				    1442695040888963407ul;
				buf_puts(&piece[k], ch[(x >> 33) % 6]);
			}
			snprintf(text[i][k], sizeof(text[i][k]), "%s",
			    piece[k].data);
			search_add_text(s, ID(i), piece[k].data,
			    piece[k].len, k == 0 && i % 3 == 0);
			if (k == 1)
				search_add_scope(s, ID(i),
				    i % 2 ? "u1" : "u0", "单位");
		}
	}
	OK(search_write(s, NULL, collect, &out) == 0);
	search_free(s);
	n = read_keys(out.data, &keys, &bucket);
	for (i = 0; i < n; i++) {
		if (keys[i].list == NULL || keys[i].key[0] == '\001')
			continue;
		list_ids(keys[i].list, keys[i].len, ids, nitems);
		for (j = 0; j < N; j++) {
			int	has = 0;

			for (k = 0; k < PIECES; k++)
				has |= strstr(text[j][k], keys[i].key) !=
				    NULL;
			bad |= ids[ID(j)] != has;
		}
		checked++;
	}
	OK(checked > 100);
	OK(!bad);
	for (i = 0; i < n; i++) {
		free(keys[i].key);
		free(keys[i].list);
	}
	free(keys);
	free(bucket);
	for (k = 0; k < PIECES; k++)
		buf_dispose(&piece[k]);
	buf_dispose(&out);
	free(text);
}

/* ---- patches (search_patch) equal whole indexes ---------------------- */

/* The files of an index, by name, and what each bucket's lists add. */
struct store {
	char	**name;
	struct buf *data;
	size_t	  n, cap;
	size_t	  small[4096];	/* by bucket */
	int	  keepfail;	/* keep() fails */
	struct store *old;	/* a patch's earlier index */
};

static struct buf *
store_get(struct store *st, const char *name)
{
	size_t	i;

	for (i = 0; i < st->n; i++)
		if (strcmp(st->name[i], name) == 0)
			return &st->data[i];
	return NULL;
}

static int
store_file(void *arg, const char *name, const char *data, size_t len)
{
	struct store	*st = arg;

	if (store_get(st, name) != NULL)
		return -1;		/* written twice */
	xgrow(&st->name, &st->cap, st->n + 1, sizeof(*st->name));
	st->data = xrealloc(st->data, st->cap * sizeof(*st->data));
	st->name[st->n] = xstrdup(name);
	buf_init(&st->data[st->n]);
	buf_put(&st->data[st->n++], data, len);
	return 0;
}

static int
store_bucket(void *arg, uint32_t h, size_t small,
    const struct search_file *f, size_t n)
{
	struct store	*st = arg;
	size_t		 i;

	st->small[h] = small;
	for (i = 0; i < n; i++)
		if (store_file(st, f[i].name, f[i].data, f[i].len) == -1)
			return -1;
	return 0;
}

static int
store_old(void *arg, const char *name, struct buf *out)
{
	struct store	*st = arg;
	struct buf	*b = store_get(st->old, name);

	if (b == NULL)
		return 0;
	buf_reset(out);
	buf_put(out, b->data, b->len);
	return 1;
}

static long long
store_small(void *arg, uint32_t h)
{
	return (long long)((struct store *)arg)->old->small[h];
}

static size_t	pkept;	/* buckets the last patch took over */

/* Takes over b/<h>.js and its g/ files of the earlier index. */
static int
store_keep(void *arg, uint32_t h)
{
	struct store	*st = arg;
	char		 pre[32], name[32];
	size_t		 i;

	if (st->keepfail)
		return 0;
	pkept++;
	snprintf(name, sizeof(name), "b/%u.js", h);
	snprintf(pre, sizeof(pre), "g/%u-", h);
	for (i = 0; i < st->old->n; i++)
		if ((strcmp(st->old->name[i], name) == 0 ||
		    strncmp(st->old->name[i], pre, strlen(pre)) == 0) &&
		    store_file(st, st->old->name[i], st->old->data[i].data,
		    st->old->data[i].len) == -1)
			return -1;
	return 1;
}

/* A sink that writes into st. */
static void
store_sink(struct search_sink *sk, struct store *st)
{
	memset(sk, 0, sizeof(*sk));
	sk->file = store_file;
	sk->bucket = store_bucket;
	sk->arg = st;
}

static void
store_free(struct store *st)
{
	size_t	i;

	for (i = 0; i < st->n; i++) {
		free(st->name[i]);
		buf_dispose(&st->data[i]);
	}
	free(st->name);
	free(st->data);
	memset(st, 0, sizeof(*st));
}

/* 1 if a and b hold the same files. */
static int
store_eq(struct store *a, struct store *b)
{
	struct buf	*x;
	size_t		 i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if ((x = store_get(b, a->name[i])) == NULL ||
		    x->len != a->data[i].len ||
		    memcmp(x->data, a->data[i].data, x->len) != 0) {
			printf("# differs: %s\n", a->name[i]);
			return 0;
		}
	return 1;
}

/* Item i of a corpus: title, body, unit (version v of its text). */
struct pitem {
	char	title[64];
	char	body[512];
	char	unit[8];
};

static void	pitem_make_(struct pitem *, size_t, unsigned);

static void
pitem_make(struct pitem *it, size_t i, unsigned v)
{
	if (v >= 200) {		/* the text of v - 200 in another unit */
		pitem_make(it, i, v - 200);
		it->unit[1] = (char)('0' + (it->unit[1] - '0' + 1) % 5);
		return;
	}
	if (v >= 100) {		/* that of v - 100 and a few words more */
		pitem_make(it, i, v - 100);
		strcat(it->body, "又补充一句 ZZ-9");
		return;
	}
	pitem_make_(it, i, v);
}

static void
pitem_make_(struct pitem *it, size_t i, unsigned v)
{
	static const char *const cjk[] = { "社", "会", "抚", "养", "费",
	    "征", "收", "标", "准", "公", "开", "计", "划", "生", "育",
	    "奖", "励", "扶", "助", "金", "发", "放", "名", "单" };
	unsigned long	 x = (unsigned long)i * 2654435761u + v * 40503u + 7;
	size_t		 k;

	snprintf(it->title, sizeof(it->title), "%s%s通知 %zu",
	    cjk[i % 24], cjk[(i / 24) % 24], i % 50);
	it->body[0] = '\0';
	for (k = 0; k < 40; k++) {
		x = x * 6364136223846793005ul + 1442695040888963407ul;
		strcat(it->body, cjk[(x >> 33) % 24]);
		if ((x >> 40) % 9 == 0)
			strcat(it->body, (x >> 50) % 2 ? " AB-12 " : " ");
	}
	snprintf(it->unit, sizeof(it->unit), "u%zu", (i + v) % 5);
}

/* Indexes item it as id in s (text too, if text). */
static void
pitem_add(struct search *s, size_t id, const struct pitem *it, int text)
{
	if (text) {
		search_add_text(s, id, it->title, strlen(it->title), 1);
		search_add_text(s, id, it->body, strlen(it->body), 0);
		/* in every item: a list of its own */
		search_add_text(s, id, "全文", strlen("全文"), 0);
	}
	search_add_scope(s, id, "p", "省");
	search_add_scope(s, id, it->unit, it->unit);
}

/* The whole index of n items, version ver[i] each, into st. */
static size_t
pindex(size_t n, const unsigned *ver, struct store *st)
{
	struct search_sink	 sk;
	struct search		*s = search_new(n);
	struct pitem		 it;
	struct buf		*ix;
	size_t			 i;

	for (i = 0; i < n; i++) {
		pitem_make(&it, i, ver[i]);
		pitem_add(s, i, &it, 1);
	}
	store_sink(&sk, st);
	OK(search_write_to(s, NULL, &sk) == 0);
	search_free(s);
	ix = store_get(st, "index.js");
	return ix == NULL ? 0 : strtoul(strstr(ix->data, "\"buckets\":") + 10,
	    NULL, 10);
}

/*
 * From the index of n0 items at versions v0 to that of n1 at v1 by a
 * patch: returns what search_patch did, and whether the patch equals
 * the whole in *same.
 */
static int
ppatch(size_t n0, const unsigned *v0, size_t n1, const unsigned *v1,
    int keepfail, int *same)
{
	struct store		 old, whole, out;
	struct search_sink	 sk;
	struct search		*s;
	struct pitem		 it;
	struct buf		 was = BUF_INIT, is = BUF_INIT;
	unsigned char		 ch[1024], *touched;
	size_t			 nb, nb1, i, nc = n0 > n1 ? n0 : n1;
	int			 rc;

	memset(&old, 0, sizeof(old));
	memset(&whole, 0, sizeof(whole));
	memset(&out, 0, sizeof(out));
	nb = pindex(n0, v0, &old);
	nb1 = pindex(n1, v1, &whole);
	s = search_new(n1);
	touched = xcalloc(nb, 1);
	for (i = 0; i < nc; i++) {
		ch[i] = i >= n0 || i >= n1 || v0[i] != v1[i];
		buf_reset(&was);
		buf_reset(&is);
		if (ch[i] && i < n0) {		/* what it was */
			pitem_make(&it, i, v0[i]);
			buf_printf(&was, "%s\n%s\n全文", it.title, it.body);
			search_mark_scope("p", nb, touched);
			search_mark_scope(it.unit, nb, touched);
		}
		if (i < n1) {
			pitem_make(&it, i, v1[i]);
			if (ch[i]) {
				buf_printf(&is, "%s\n%s\n全文", it.title,
				    it.body);
				search_mark_scope("p", nb, touched);
				search_mark_scope(it.unit, nb, touched);
			}
			pitem_add(s, i, &it, ch[i]);
		}
		if (ch[i])
			search_mark_diff(was.data, is.data, nb, touched);
	}
	buf_dispose(&was);
	buf_dispose(&is);
	store_sink(&sk, &out);
	sk.old_read = store_old;
	sk.old_small = store_small;
	sk.keep = store_keep;
	out.old = &old;
	out.keepfail = keepfail;
	pkept = 0;
	rc = search_patch(s, NULL, nb, ch, nc, touched, &sk);
	*same = rc == 0 && nb == nb1 && store_eq(&out, &whole);
	if (rc == 1)
		*same = nb != nb1 || keepfail;
	search_free(s);
	free(touched);
	store_free(&old);
	store_free(&whole);
	store_free(&out);
	return rc;
}

static int
put_buf(void *arg, const void *p, size_t n)
{
	buf_put(arg, p, n);
	return 0;
}

/* Merges part into s as it would come, step bytes at a time: what
 * search_merge did, or -1 if something was left at the end. */
static int
merge_steps(struct search *s, const struct buf *part, size_t step)
{
	struct buf	 b = BUF_INIT;
	size_t		 at = 0, k, used;
	int		 rc = 0;

	for (;;) {
		k = part->len - at < step ? part->len - at : step;
		buf_put(&b, part->data + at, k);
		at += k;
		if (search_merge(s, b.data, b.len, &used) == -1) {
			rc = -1;
			break;
		}
		memmove(b.data, b.data + used, b.len - used);
		b.len -= used;
		if (at == part->len) {
			rc = b.len > 0 ? -1 : 0;
			break;
		}
	}
	buf_dispose(&b);
	return rc;
}

/*
 * The index of n items at versions ver, those from lo on indexed by
 * another index and merged (search_part, search_merge) step bytes at a
 * time, into st; with spoil, the part is cut short or its first tag
 * changed.  Returns what the merge did.
 */
static int
phalves(size_t n, size_t lo, const unsigned *ver, struct store *st,
    size_t step, int spoil)
{
	struct search_sink	 sk;
	struct search		*s = search_new(n), *h = search_new(n);
	struct pitem		 it;
	struct buf		 part = BUF_INIT;
	size_t			 i;
	int			 rc;

	for (i = 0; i < n; i++) {
		pitem_make(&it, i, ver[i]);
		pitem_add(i < lo ? s : h, i, &it, 1);
	}
	OK(search_part(h, put_buf, &part) == 0);
	search_free(h);
	if (spoil == 1)
		part.len -= 3;
	else if (spoil == 2)
		part.data[0] = 9;
	rc = merge_steps(s, &part, step);
	store_sink(&sk, st);
	if (rc == 0)
		OK(search_write_to(s, NULL, &sk) == 0);
	search_free(s);
	buf_dispose(&part);
	return rc;
}

/*
 * The index of n items written as nshares shares (search_write_share),
 * each from an index of its own, as a forked process has, into st.
 */
static void
pshares(size_t n, int nshares, struct store *st)
{
	struct search_sink	 sk;
	struct search		*s;
	struct pitem		 it;
	size_t			 i;
	int			 k;

	store_sink(&sk, st);
	for (k = 0; k < nshares; k++) {
		s = search_new(n);
		for (i = 0; i < n; i++) {
			pitem_make(&it, i, 0);
			pitem_add(s, i, &it, 1);
		}
		OK(search_write_share(s, NULL, &sk, k, nshares) == 0);
		search_free(s);
	}
}

/* Shares in share order are the whole index's files in its order. */
static void
check_shares(void)
{
	static const int	 nshares[] = { 1, 2, 3, 64 };
	struct store		 whole, shares;
	unsigned		 v[2000];
	size_t			 i, j, n, nb;
	int			 same;

	for (n = 500; n <= 2000; n += 1500) {
		memset(v, 0, sizeof(v));
		memset(&whole, 0, sizeof(whole));
		nb = pindex(n, v, &whole);
		OK(nb > 1);
		for (i = 0; i < sizeof(nshares) / sizeof(nshares[0]); i++) {
			memset(&shares, 0, sizeof(shares));
			pshares(n, nshares[i], &shares);
			same = store_eq(&whole, &shares);
			for (j = 0; same && j < whole.n; j++)
				same = strcmp(whole.name[j],
				    shares.name[j]) == 0;
			OK(same);
			store_free(&shares);
		}
		store_free(&whole);
	}
}

static void
check_halves(void)
{
	static const size_t	 at[] = { 0, 1, 16, 100, 250, 499, 500 };
	static const size_t	 step[] = { 1, 7, 4096, (size_t)-1 };
	struct store		 whole, halves;
	unsigned		 v[500];
	size_t			 i, j;

	memset(v, 0, sizeof(v));
	memset(&whole, 0, sizeof(whole));
	pindex(500, v, &whole);
	/* wherever the second part starts: lists only in one part, in
	 * both, gaps and bitmaps on either side ("全文" is in all); the
	 * part whole or in pieces cut anywhere */
	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		for (j = 0; j < sizeof(step) / sizeof(step[0]); j++) {
			if (step[j] < 4096 && at[i] != 250)
				continue;
			memset(&halves, 0, sizeof(halves));
			OK(phalves(500, at[i], v, &halves, step[j], 0) == 0 &&
			    store_eq(&whole, &halves));
			store_free(&halves);
		}
	memset(&halves, 0, sizeof(halves));
	OK(phalves(500, 250, v, &halves, (size_t)-1, 1) == -1);
	OK(phalves(500, 250, v, &halves, 7, 1) == -1);
	OK(phalves(500, 250, v, &halves, (size_t)-1, 2) == -1);
	store_free(&halves);
	store_free(&whole);
}

static void
check_patch(void)
{
	unsigned	v0[600], v1[600];
	size_t		i, n = 500;
	int		same;

	memset(v0, 0, sizeof(v0));
	memset(v1, 0, sizeof(v1));
	/* nothing changed: every bucket taken over */
	OK(ppatch(n, v0, n, v1, 0, &same) == 0 && same);
	/* one item's text, a few items' (their unit too: scopes) */
	v1[17] = 1;
	OK(ppatch(n, v0, n, v1, 0, &same) == 0 && same);
	/* a bucket that cannot be taken over: the caller writes all */
	OK(ppatch(n, v0, n, v1, 1, &same) == 1 && same);
	v1[0] = v1[250] = v1[499] = 2;
	OK(ppatch(n, v0, n, v1, 0, &same) == 0 && same);
	/* an item added at the end, one removed there */
	OK(ppatch(n, v0, n + 1, v1, 0, &same) == 0 && same);
	OK(ppatch(n, v0, n - 1, v1, 0, &same) == 0 && same);
	/* many more items: another bucket count, no patch */
	OK(ppatch(n, v0, 600, v1, 0, &same) == 1 && same);
	/* a few words more, only another unit: few buckets touched */
	memset(v1, 0, sizeof(v1));
	v1[30] = 100;
	OK(ppatch(n, v0, n, v1, 0, &same) == 0 && same);
	OK(pkept > 96 / 2);	/* of 96 */
	v1[31] = 200;
	v1[32] = 101;
	OK(ppatch(n, v0, n, v1, 0, &same) == 0 && same);
	/* a tenth of the items changed */
	for (i = 0; i < n; i += 10)
		v1[i] = 3;
	OK(ppatch(n, v0, n, v1, 0, &same) == 0 && same);
	/* bucket counts: 2^k or 3 * 2^k */
	OK(search_nbuckets(0) == 1 && search_nbuckets(8192) == 2 &&
	    search_nbuckets(2 * 8192) == 3 && search_nbuckets(3 * 8192) == 4 &&
	    search_nbuckets(4 * 8192) == 6 && search_nbuckets(6 * 8192) == 8 &&
	    search_nbuckets(8 * 8192) == 12 && search_nbuckets(100 * 8192) ==
	    128);
}

/* 1 if a and b fold the same. */
static int
fold_same(const char *a, const char *b)
{
	char	*x = folded(a), *y = folded(b);
	int	 same = strcmp(x, y) == 0;

	free(x);
	free(y);
	return same;
}

/* 1 if folding what s folds to changes nothing (foldcache.h keeps
 * folded texts, folded again when read). */
static int
fold_stable(const char *s)
{
	uint32_t	*cps = NULL;
	size_t		 cap = 0, n, i;
	struct buf	 b = BUF_INIT;
	char		*x = folded(s), *y;
	int		 same;

	n = search_fold(s, strlen(s), &cps, &cap, 0);
	for (i = 0; i < n; i++)
		put_cp(&b, cps[i]);
	y = folded(b.data);
	same = strcmp(x, y) == 0;
	free(x);
	free(y);
	free(cps);
	buf_dispose(&b);
	return same;
}

/*
 * What a reader types against what a law's text holds: spaces between
 * Chinese characters, brackets of every kind around a 文号's year,
 * full-width letters and digits, traditional characters.
 */
static void
check_fold(void)
{
	static const char *const stable[] = {
		"第四十三条\xe3\x80\x80国家机关", "总\xe3\x80\x80\xe3\x80\x80则",
		"Windows  XP", "〔2026〕 7号", "計劃生育　獎勵", "薴麻",
		"ＡＢＣ　１２３", "a [b] c", "한국 어", "𠀀 𡈼",
		"a \xe2\x80\x8b b", "阳光\xe2\x80\x8b计生",
	};
	struct search	*s;
	struct buf	 a = BUF_INIT;
	const char	*p;
	char		*f, *e;
	size_t		 i, n, used;
	uint32_t	 key, c;
	int		 got, bad;

	/* white space between Chinese characters is no separation */
	OK(fold_same("第四十三条\xe3\x80\x80国家机关", "第四十三条国家机关"));
	OK(fold_same("第四十三条 \xc2\xa0\t\n国家机关", "第四十三条国家机关"));
	OK(fold_same("总\xe3\x80\x80\xe3\x80\x80则", "总则"));
	OK(fold_same("2026 年 5 月", "2026年5月"));
	OK(fold_same("（2026） 7号", "(2026)7号"));
	OK(fold_same("“计划” “生育”", "“计划”“生育”"));
	/* ... but is between words of letters and digits */
	STR_EQ(f = folded("Windows\xe3\x80\x80XP"), "windows xp");
	free(f);
	STR_EQ(f = folded("GB 18030"), "gb 18030");
	free(f);
	STR_EQ(f = folded("a. b"), "a.b");
	free(f);
	OK(!fold_same("한국 어", "한국어"));
	/* brackets */
	STR_EQ(f = folded("〔2026〕"), "(2026)");
	free(f);
	OK(fold_same("【2026】", "(2026)"));
	OK(fold_same("[2026]", "(2026)"));
	OK(fold_same("［２０２６］", "(2026)"));
	OK(fold_same("〖2026〗", "（2026）"));
	OK(fold_same("示卫健发〔2025〕108号", "示卫健发[2025]108号"));
	/* full-width letters and digits */
	OK(fold_same("ＡＢＣ１２３", "abc123"));
	/* traditional to simplified, one character at a time */
	OK(fold_same("計劃生育", "计划生育"));
	OK(fold_same("國家機關", "国家机关"));
	OK(fold_same("於", "于"));
	STR_EQ(f = folded("薴"), "<82ce>");	/* 薴 -> 苧 -> 苎 */
	free(f);
	STR_EQ(f = folded("㑮"), "<2b748>");	/* to a character past U+FFFF */
	free(f);
	OK(!fold_same("计划", "计算"));
	/* what shows nothing is not there, not even a space: text pasted
	 * from web pages and Word */
	OK(fold_same("阳光计生\xe2\x80\x8b服务热线", "阳光计生服务热线"));
	OK(fold_same("河中县\xef\xbb\xbf卫生健康委员会", "河中县卫生健康委员会"));
	OK(fold_same("生育\xc2\xad登记表", "生育登记表"));
	OK(fold_same("计\xe2\x80\x8c划\xe2\x80\x8d生\xe2\x81\xa0育",
	    "计划生育"));
	OK(fold_same("\xe1\xa0\x8e计划\xe2\x80\x8e生育\xe2\x80\xae",
	    "计划生育"));
	OK(fold_same("葛\xef\xb8\x80\xf3\xa0\x84\x80", "葛"));	/* VS1, VS17 */
	STR_EQ(f = folded("Wi\xe2\x80\x8bndows \xe2\x80\x8b XP"), "windows xp");
	free(f);
	STR_EQ(f = folded("\xe2\x80\x8b\xef\xbb\xbf"), "");
	free(f);
	/* ... and nothing else near them */
	OK(!fold_same("\xe3\x85\xa5", ""));		/* U+3165 */
	OK(!fold_same("\xef\xb8\x90", ""));		/* U+FE10 */
	OK(!fold_same("\xcc\x81", ""));		/* U+0301 */
	for (i = 0; i < sizeof(stable) / sizeof(*stable); i++)
		OK(fold_stable(stable[i]));

	/* the index: n-grams across the space a law put there */
	s = search_new(1);
	search_add_text(s, 0, "第四十三条\xe3\x80\x80國家機關", strlen(
	    "第四十三条\xe3\x80\x80國家機關"), 1);
	OK(search_write(s, NULL, collect, &a) == 0);
	OK(strstr(a.data, "\"条国家机\":[") != NULL);
	OK(strstr(a.data, "\"条 国\"") == NULL);
	search_free(s);
	buf_reset(&a);
	/* and across the zero-width space pasted with a phrase */
	s = search_new(1);
	search_add_text(s, 0, "阳光计生\xe2\x80\x8b服务热线", strlen(
	    "阳光计生\xe2\x80\x8b服务热线"), 0);
	OK(search_write(s, NULL, collect, &a) == 0);
	OK(strstr(a.data, "\"计生服务\":[") != NULL);
	OK(strstr(a.data, "\xe2\x80\x8b") == NULL);
	/* and fold.js, the page's table: every pair, 計 -> 计 among them */
	OK((p = strstr(a.data, "== fold.js\ngkSearchPart(\"fold\",\"")) !=
	    NULL);
	if (p != NULL) {
		p = strchr(p, ',') + 2;
		for (n = 0, key = 0, got = 0, bad = 0; *p != '"'; n++) {
			key += (uint32_t)strtoul(p, &e, 36);
			bad |= e == p;
			p = e;
			c = (uint32_t)utf8_decode(p, 4, &used);
			p += used;
			got |= key == 0x8a08 && c == 0x8ba1;
			if (c < 0x80)
				break;
		}
		OK(n > 4000 && got && !bad);
	}
	search_free(s);
	buf_dispose(&a);
}

/*
 * unit_search --fold: each line of standard input folded, a line each
 * (tests/search-fold.test.sh holds it against search.js's fold).
 */
static int
fold_lines(void)
{
	char		*line = NULL;
	size_t		 cap = 0, n, i, ccps = 0;
	ssize_t		 len;
	uint32_t	*cps = NULL;
	struct buf	 b = BUF_INIT;

	while ((len = getline(&line, &cap, stdin)) != -1) {
		if (len > 0 && line[len - 1] == '\n')
			len--;
		n = search_fold(line, (size_t)len, &cps, &ccps, 0);
		buf_reset(&b);
		for (i = 0; i < n; i++)
			put_cp(&b, cps[i]);
		printf("%s\n", b.data);
	}
	free(line);
	free(cps);
	buf_dispose(&b);
	return ferror(stdin) ? 1 : 0;
}

int
main(int argc, char **argv)
{
	struct search	*s;
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	char		*f;
	uint32_t	 ab[] = { 'a', 'b' };
	size_t		 i;

	if (argc == 2 && strcmp(argv[1], "--fold") == 0)
		return fold_lines();

	/* folding: case, full-width forms, white space runs, ends */
	STR_EQ(f = folded("  ＡＢｃ  Def\t\n\xe3\x80\x80x "), "abc def x");
	free(f);
	STR_EQ(f = folded("（２０２６）"), "(2026)");
	free(f);
	STR_EQ(f = folded("社会"), "<793e><4f1a>");
	free(f);
	STR_EQ(f = folded("a\xff" "b"), "a<fffd>b");
	free(f);
	STR_EQ(f = folded(" \t "), "");
	free(f);
	check_fold();

	/* the hash search.js computes too (FNV-1a over code points) */
	OK(search_hash(ab, 2) == 1294271946u);
	OK(search_hash(NULL, 0) == 2166136261u);

	/* gaps: items 0 and 2 hold 社会, item 0 in its title */
	s = search_new(3);
	search_add_text(s, 0, "社会", strlen("社会"), 1);
	search_add_text(s, 1, "社", strlen("社"), 0);
	search_add_text(s, 2, "社会抚养费标准", strlen("社会抚养费标准"), 0);
	search_add_text(s, 2, "2026-00012", strlen("2026-00012"), 0);
	search_add_scope(s, 0, "a", "甲县");
	search_add_scope(s, 2, "a", "甲县");
	OK(search_write(s, "\"chunk\":16", collect, &a) == 0);
	OK(strstr(a.data, "== index.js\ngkSearchPart(\"index\",{\"items\":3,"
	    "\"buckets\":1,\"gram\":4,\"agram\":8,\"chunk\":16});\n") != NULL);
	OK(strstr(a.data, "\"社会\":[\"AAAB\",\"AAA\"]") != NULL);
	/* 2 to 4 characters; no longer unless ASCII */
	OK(strstr(a.data, "\"社会抚养\":[\"AAI\",\"\"]") != NULL);
	OK(strstr(a.data, "\"社会抚养费\"") == NULL);
	OK(strstr(a.data, "\"026-0001\":") != NULL);
	OK(strstr(a.data, "\"2026-0001\"") == NULL);
	/* blocks apart: no n-gram across two calls */
	OK(strstr(a.data, "\"准2\"") == NULL);
	/* a scope: U+0001 and the folder, its items and name */
	OK(strstr(a.data, "\"\\u0001a\":[\"AAAB\",\"甲县\"]") != NULL);
	search_free(s);

	/* the same index, the same bytes */
	s = search_new(3);
	search_add_text(s, 0, "社会", strlen("社会"), 1);
	search_add_text(s, 1, "社", strlen("社"), 0);
	search_add_text(s, 2, "社会抚养费标准", strlen("社会抚养费标准"), 0);
	search_add_text(s, 2, "2026-00012", strlen("2026-00012"), 0);
	search_add_scope(s, 0, "a", "甲县");
	search_add_scope(s, 2, "a", "甲县");
	OK(search_write(s, "\"chunk\":16", collect, &b) == 0);
	OK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	search_free(s);
	s = search_new(1);
	search_add_text(s, 0, "ab", 2, 0);
	OK(search_write(s, NULL, failing, NULL) == -1);
	search_free(s);

	/* a dense list is a bitmap: 1, first byte 0, eight bytes of ones */
	buf_reset(&a);
	s = search_new(64);
	for (i = 0; i < 64; i++)
		search_add_text(s, i, "AB", 2, 0);
	OK(search_write(s, NULL, collect, &a) == 0);
	OK(strstr(a.data, "\"ab\":[\"AQD//////////w\",\"\"]") != NULL);
	search_free(s);

	/* a long list gets a file of its own; the bucket says which */
	buf_reset(&a);
	s = search_new(20000);
	for (i = 0; i < 20000; i += 3)
		search_add_text(s, i, "xy", 2, 0);
	search_add_text(s, 19999, "zz", 2, 0);
	for (i = 1; i < 20000; i += 3)
		search_add_text(s, i, "tt", 2, 1);
	OK(search_write(s, NULL, collect, &a) == 0);
	OK(strstr(a.data, "\"xy\":[2,\"\"]") != NULL);
	/* so does a long title list */
	OK(strstr(a.data, "\"tt\":[0,1]") != NULL);
	OK(strstr(a.data, "== g/0-2.js\ngkSearchPart(\"g/0-2\",\"AQBJ") !=
	    NULL);
	OK(strstr(a.data, "\"zz\":[\"AJ+cAQ\",\"\"]") != NULL);
	search_free(s);

	check_layout();
	check_lists(1);
	check_lists(0);
	check_patch();
	check_halves();
	check_shares();

	/* JSON strings safe in a script */
	buf_reset(&a);
	search_json_str(&a, "a\"b\\c\n\xe2\x80\xa8");
	STR_EQ(a.data, "\"a\\\"b\\\\c\\n\\u2028\"");

	buf_dispose(&a);
	buf_dispose(&b);
	return T_DONE();
}
