/*
 * slug.c -- heading ids from heading text; see slug.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "slug.h"
#include "util.h"

enum { KEEP, SEP, DROP };

/*
 * What is not kept outside ASCII, as Hugo's anchorize drops what
 * Unicode does not call a letter, mark or number: the blocks of
 * punctuation and symbols a Chinese text uses, in order.  The letters
 * and numbers inside them (ª ² µ ¹ º ¼, ① in "enclosed alphanumerics",
 * ❶, 々 〇 and the Hangzhou numerals, fullwidth letters and digits)
 * fall between the ranges and are kept.  Code points not listed
 * (letters of every script, CJK ideographs, kana) are kept.
 */
static const struct {
	uint32_t	lo, hi;	/* inclusive */
	int		cls;	/* SEP or DROP */
} ranges[] = {
	{ 0x0080, 0x00a9, SEP },	/* C1, no-break space, ¡ … © */
	{ 0x00ab, 0x00b1, SEP },	/* « … ± */
	{ 0x00b4, 0x00b4, SEP },
	{ 0x00b6, 0x00b8, SEP },	/* ¶ · ¸ */
	{ 0x00bb, 0x00bb, SEP },
	{ 0x00bf, 0x00bf, SEP },
	{ 0x00d7, 0x00d7, SEP },	/* × */
	{ 0x00f7, 0x00f7, SEP },	/* ÷ */
	{ 0x2000, 0x206f, SEP },	/* spaces, — ‘ ’ “ ” … ※ ‰ */
	{ 0x20a0, 0x20cf, SEP },	/* currency */
	{ 0x2100, 0x214f, SEP },	/* ℃ № ℡ */
	{ 0x2190, 0x245f, SEP },	/* arrows, mathematics, technical */
	{ 0x2500, 0x2775, SEP },	/* boxes, shapes ■ ○ ★, dingbats */
	{ 0x2794, 0x2bff, SEP },	/* dingbats, arrows, symbols */
	{ 0x2e00, 0x2e7f, SEP },	/* supplemental punctuation */
	{ 0x3000, 0x3004, SEP },	/* ideographic space 、 。 〃 */
	{ 0x3008, 0x3020, SEP },	/* 〈 〉 《 》 「 」 【 】 〔 〕 ～ */
	{ 0x3030, 0x3030, SEP },
	{ 0x3036, 0x3037, SEP },
	{ 0x303d, 0x303f, SEP },
	{ 0x30a0, 0x30a0, SEP },
	{ 0x30fb, 0x30fb, SEP },	/* ・ */
	{ 0xfe00, 0xfe0f, DROP },	/* variation selectors */
	{ 0xfe10, 0xfe1f, SEP },	/* vertical forms */
	{ 0xfe30, 0xfe6f, SEP },	/* compatibility and small forms */
	{ 0xfeff, 0xfeff, DROP },	/* byte order mark */
	{ 0xff00, 0xff0f, SEP },	/* ！ ＂ … （ ） ， － ． ／ */
	{ 0xff1a, 0xff20, SEP },	/* ： ； ＜ ＝ ＞ ？ ＠ */
	{ 0xff3b, 0xff40, SEP },	/* ［ ＼ ］ ＾ ＿ ｀ */
	{ 0xff5b, 0xff65, SEP },	/* ｛ ｜ ｝ ～ ｡ ｢ ｣ ､ ･ */
	{ 0xffe0, 0xffff, SEP },	/* ￥ ￡ …, specials */
	{ 0x1f000, 0x1faff, SEP },	/* game pieces, enclosed, emoji */
	{ 0xe0000, 0xe0fff, DROP }	/* tags, variation selectors */
};

/* KEEP, SEP or DROP for code point c (-1: a bad byte). */
static int
slug_class(long c)
{
	size_t	lo = 0, hi = sizeof(ranges) / sizeof(ranges[0]), mid;

	if (c < 0)
		return SEP;
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') ? KEEP : SEP;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((uint32_t)c < ranges[mid].lo)
			hi = mid;
		else if ((uint32_t)c > ranges[mid].hi)
			lo = mid + 1;
		else
			return ranges[mid].cls;
	}
	return KEEP;
}

void
slug_make(struct buf *out, const char *text, size_t len)
{
	size_t	i, w, start = out->len;
	long	c;
	int	sep = 0;

	for (i = 0; i < len; i += w) {
		c = utf8_decode(text + i, len - i, &w);
		switch (slug_class(c)) {
		case SEP:
			sep = 1;
			break;
		case KEEP:
			if (sep && out->len > start)
				buf_putc(out, '-');
			sep = 0;
			if (c >= 'A' && c <= 'Z')
				buf_putc(out, (int)(c - 'A' + 'a'));
			else
				buf_put(out, text + i, w);
			break;
		default:
			break;
		}
	}
}

void
slugs_init(struct slugs *s)
{
	memset(s, 0, sizeof(*s));
	strmap_init(&s->map);
}

void
slugs_dispose(struct slugs *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].id);
	free(s->v);
	strmap_dispose(&s->map);
	slugs_init(s);
}

const char *
slugs_add(struct slugs *s, const char *text, size_t len)
{
	struct buf	 b = BUF_INIT;
	size_t		 k, base;

	slug_make(&b, text, len);
	if (b.len == 0)
		buf_putu(&b, s->n + 1, 0);
	/* A repeat tries the suffixes from where its last repeat stopped:
	 * n repeats cost n lookups, not n * n. */
	if (strmap_get(&s->map, b.data, &k)) {
		base = b.len;
		do {
			buf_truncate(&b, base);
			buf_putc(&b, '-');
			buf_putu(&b, s->v[k].next++, 0);
		} while (strmap_get(&s->map, b.data, NULL));
	}
	xgrow(&s->v, &s->cap, s->n + 1, sizeof(*s->v));
	s->v[s->n].id = buf_detach(&b, NULL);
	s->v[s->n].next = 1;
	(void)strmap_put(&s->map, s->v[s->n].id, s->n, NULL);
	return s->v[s->n++].id;
}
