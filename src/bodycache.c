/*
 * bodycache.c -- the bodies and tables of YAML items, parsed once for
 * every run (bodycache.h).
 *
 * A file is "gongkai-body 1\n", then the 32-bit little-endian numbers
 * line0, col0, ncolumns and nrows, then the body, the column titles
 * and the rows' cells, each a 32-bit length and its bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bodycache.h"
#include "buf.h"
#include "cachedir.h"
#include "diag.h"
#include "sha256.h"
#include "site.h"
#include "util.h"

#define MAGIC	"gongkai-body 1\n"

static void
put_str(struct buf *b, const char *s, size_t n)
{
	buf_put_le(b, n, 4);
	buf_put(b, s, n);
}

static void
encode(const struct item_body *ib, struct buf *b)
{
	size_t	i, j;

	buf_puts(b, MAGIC);
	buf_put_le(b, (size_t)ib->line0, 4);
	buf_put_le(b, (size_t)ib->col0, 4);
	buf_put_le(b, ib->ncolumns, 4);
	buf_put_le(b, ib->nrows, 4);
	put_str(b, ib->md, ib->len);
	for (i = 0; i < ib->ncolumns; i++)
		put_str(b, ib->columns[i], strlen(ib->columns[i]));
	for (i = 0; i < ib->nrows; i++)
		for (j = 0; j < ib->ncolumns; j++)
			put_str(b, ib->rows[i][j], strlen(ib->rows[i][j]));
}

/* What is left of a file being decoded, and where its strings go. */
struct in {
	const unsigned char	*p, *end;
	char			*out;	/* the next string's place */
};

static int
get_u32(struct in *in, size_t *v)
{
	if (in->end - in->p < 4)
		return -1;
	*v = (size_t)le_get(in->p, 4);
	in->p += 4;
	return 0;
}

/* A string of the file, copied to in->out, or NULL when the file ends
 * first or it holds a NUL (none of item_body's strings can).  A string
 * takes its length's 4 bytes and its own in the file, and one more than
 * its own at in->out: the file's size is room for them all. */
static char *
get_str(struct in *in, size_t *len)
{
	size_t	n;
	char	*s = in->out;

	if (get_u32(in, &n) == -1 || (size_t)(in->end - in->p) < n ||
	    memchr(in->p, '\0', n) != NULL)
		return NULL;
	memcpy(s, in->p, n);
	s[n] = '\0';
	in->out += n + 1;
	in->p += n;
	if (len != NULL)
		*len = n;
	return s;
}

/* Fills ib from the n bytes at data.  0, or -1 (ib empty) when they
 * are not a whole file of this form.  Its strings and arrays are one
 * block (ib->block): a text of a table with hundreds of cells is one
 * allocation. */
static int
decode(const char *data, size_t n, struct item_body *ib)
{
	struct in	 in;
	size_t		 line0, col0, nc, nr, i, j, ptrs;
	char		**cell;

	memset(ib, 0, sizeof(*ib));
	in.p = (const unsigned char *)data;
	in.end = in.p + n;
	if (n < sizeof(MAGIC) - 1 || memcmp(data, MAGIC, sizeof(MAGIC) - 1))
		return -1;
	in.p += sizeof(MAGIC) - 1;
	if (get_u32(&in, &line0) == -1 || get_u32(&in, &col0) == -1 ||
	    get_u32(&in, &nc) == -1 || get_u32(&in, &nr) == -1 ||
	    line0 > INT32_MAX || col0 > INT32_MAX ||
	    /* every string takes 4 bytes at least */
	    nc > n / 4 || (nc > 0 && nr > n / 4 / nc) || (nc == 0 && nr > 0))
		return -1;
	ib->line0 = (int)line0;
	ib->col0 = (int)col0;
	/* columns, rows, then every row's cells; then the strings */
	ptrs = nc + nr + nr * nc;
	ib->block = xmalloc(ptrs * sizeof(char *) + n);
	in.out = ib->block + ptrs * sizeof(char *);
	if ((ib->md = get_str(&in, &ib->len)) == NULL)
		goto bad;
	if (nc > 0) {
		ib->columns = (char **)(void *)ib->block;
		ib->ncolumns = nc;
		for (i = 0; i < nc; i++)
			if ((ib->columns[i] = get_str(&in, NULL)) == NULL)
				goto bad;
		ib->rows = (char ***)(void *)(ib->columns + nc);
		cell = (char **)(ib->rows + nr);
		for (i = 0; i < nr; i++, cell += nc) {
			ib->rows[i] = cell;
			ib->nrows++;
			for (j = 0; j < nc; j++)
				if ((cell[j] = get_str(&in, NULL)) == NULL)
					goto bad;
		}
	}
	if (in.p == in.end)
		return 0;
bad:
	item_body_dispose(ib);
	return -1;
}

int
bodycache_read(const char *dir, const char *code, struct source *src,
    const struct item *it, struct item_body *ib)
{
	struct sha256	 h;
	struct buf	 b = BUF_INIT;
	unsigned long	 said = diag_said();
	char		 key[65], *path;
	int		 rc;

	if (dir == NULL || code == NULL || it->kind == ITEM_MD ||
	    it->file_dig == NULL)
		return item_body_read(src, it, ib);
	sha256_init(&h);
	sha256_add(&h, "gongkai body 1", 15);
	sha256_add(&h, code, strlen(code) + 1);
	sha256_add(&h, it->file_dig, strlen(it->file_dig));
	sha256_hex(&h, key);
	path = cachedir_file(dir, key, "");
	if (cachedir_read(path, &b) == 0 && decode(b.data, b.len, ib) == 0)
		rc = 0;
	else if ((rc = item_body_read(src, it, ib)) == 0 &&
	    diag_said() == said) {
		buf_reset(&b);
		encode(ib, &b);
		cachedir_write(path, b.data, b.len);
	}
	buf_dispose(&b);
	free(path);
	return rc;
}
