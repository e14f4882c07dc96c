/*
 * privcache.c -- the texts already found free of personal data
 * (privcache.h).
 *
 * The file: a line "gongkai privcache 1 <code>", then one line per
 * text, "<sha256 hex> <how>", in byte order without repeats, so that
 * a lookup is a binary search of the file as read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cachedir.h"
#include "privcache.h"
#include "util.h"

#define MAGIC	"gongkai privcache 1 "
#define REC	66		/* "<64 hex> <how>", the line without '\n' */

struct privcache {
	char		*path;	/* NULL: nothing is saved */
	char		 head[sizeof(MAGIC) + 65];
	struct buf	 old;	/* the records read, sorted */
	size_t		 nold;
	char		*seen;	/* the records of this run, REC each */
	size_t		 nseen, capseen;
};

static int
cmp_rec(const void *a, const void *b)
{
	return memcmp(a, b, REC);
}

static void
make_rec(char rec[REC], const char dig[65], char how)
{
	memcpy(rec, dig, 64);
	rec[64] = ' ';
	rec[65] = how;
}

static int
is_hex(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* Turns the file's text in p->old into its records, or none at all
 * when any line is not as written (a cut or edited file). */
static void
parse(struct privcache *p)
{
	struct buf	*b = &p->old;
	size_t		 hlen = strlen(p->head), i, n;
	char		*r;

	if (b->len < hlen || memcmp(b->data, p->head, hlen) != 0 ||
	    (b->len - hlen) % (REC + 1) != 0)
		goto bad;
	n = (b->len - hlen) / (REC + 1);
	/* records in place, without their newlines */
	for (i = 0; i < n; i++) {
		r = b->data + hlen + i * (REC + 1);
		if (r[REC] != '\n' || !is_hex(r, 64) || r[64] != ' ' ||
		    r[65] == '\0' || strchr(PRIVCACHE_HOWS, r[65]) == NULL ||
		    (i > 0 && memcmp(b->data + (i - 1) * REC, r, REC) >= 0))
			goto bad;
		memmove(b->data + i * REC, r, REC);
	}
	p->nold = n;
	return;
bad:
	p->nold = 0;
}

struct privcache *
privcache_open(const char *path, const char code[65])
{
	struct privcache	*p = xcalloc(1, sizeof(*p));

	buf_init(&p->old);
	snprintf(p->head, sizeof(p->head), "%s%.64s\n", MAGIC, code);
	if (path != NULL) {
		p->path = xstrdup(path);
		if (cachedir_read(path, &p->old) == 0)
			parse(p);
	}
	return p;
}

int
privcache_known(const struct privcache *p, const char dig[65], char how)
{
	char	rec[REC];

	if (p == NULL || p->nold == 0)
		return 0;
	make_rec(rec, dig, how);
	return bsearch(rec, p->old.data, p->nold, REC, cmp_rec) != NULL;
}

void
privcache_seen(struct privcache *p, const char dig[65], char how)
{
	if (p == NULL || p->path == NULL)
		return;
	xgrow(&p->seen, &p->capseen, (p->nseen + 1) * REC, 1);
	make_rec(p->seen + p->nseen++ * REC, dig, how);
}

void
privcache_save(struct privcache *p)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, n = 0;

	if (p == NULL || p->path == NULL)
		return;
	if (p->nseen > 0)
		qsort(p->seen, p->nseen, REC, cmp_rec);
	for (i = 0; i < p->nseen; i++)
		if (i == 0 || memcmp(p->seen + (i - 1) * REC,
		    p->seen + i * REC, REC) != 0)
			memmove(p->seen + n++ * REC, p->seen + i * REC, REC);
	if (n == p->nold && (n == 0 ||
	    memcmp(p->seen, p->old.data, n * REC) == 0))
		return;
	buf_puts(&b, p->head);
	for (i = 0; i < n; i++) {
		buf_put(&b, p->seen + i * REC, REC);
		buf_putc(&b, '\n');
	}
	cachedir_write(p->path, b.data, b.len);
	buf_dispose(&b);
}

void
privcache_free(struct privcache *p)
{
	if (p == NULL)
		return;
	free(p->path);
	buf_dispose(&p->old);
	free(p->seen);
	free(p);
}
