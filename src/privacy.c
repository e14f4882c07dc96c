/*
 * privacy.c -- the personal-number scanner; see privacy.h for what
 * counts as a candidate.
 *
 * One pass over the bytes.  Each chain of digit runs is collected (the
 * last CHAIN_KEEP runs, RUN_KEEP digits each: nothing longer can be a
 * personal number), tried as one grouped number, and otherwise read
 * from its start for grouped mobile and ID numbers and single runs.
 * The checks are the structure of each number (GB 11643 check digit
 * and birth date, mobile prefixes, Luhn), which is what keeps false
 * positives rare: see tests/unit_privacy.c for the figures.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "md.h"
#include "privacy.h"
#include "util.h"
#include "workday.h"
#include "ydoc.h"

#define RUN_KEEP	20	/* digits kept per run: patterns have <= 19 */
#define CHAIN_KEEP	5	/* runs kept per chain: groupings have <= 5 */

/* One run of digits, with what touches it. */
struct run {
	size_t	off;		/* byte offset of the first digit */
	size_t	end;		/* byte offset just past the last digit */
	size_t	n;		/* number of digits (may exceed RUN_KEEP) */
	char	d[RUN_KEEP];	/* the first digits, as ASCII */
	int	lblock;		/* glued to something on the left */
	int	rblock;		/* glued to something on the right */
	int	x;		/* width of a free check character after it:
				   'X' or a look-alike, or one mask */
	int	xmask;		/* that character is a mask ('*', '×') */
};

typedef void	(*hit_fn)(void *, size_t, size_t, enum privacy_kind);

/*
 * utf8_decode, with the characters of most of a Chinese text decoded
 * here: three bytes led by E1-EC or EE-EF, which are never overlong
 * nor a surrogate, so that any two continuation bytes make one.
 */
static long
decode(const unsigned char *p, size_t n, size_t *w)
{
	if (p[0] < 0x80) {
		*w = 1;
		return p[0];
	}
	if (n >= 3 && p[0] >= 0xe1 && p[0] != 0xed && p[0] <= 0xef &&
	    (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
		*w = 3;
		return (long)(p[0] & 0x0f) << 12 | (long)(p[1] & 0x3f) << 6 |
		    (p[2] & 0x3f);
	}
	return utf8_decode((const char *)p, n, w);
}

/* Value of the digit at s[i] (ASCII or full-width) and its width, or -1. */
static int
digit_at(const unsigned char *s, size_t len, size_t i, size_t *w)
{
	if (i < len && s[i] >= '0' && s[i] <= '9') {
		*w = 1;
		return s[i] - '0';
	}
	if (i + 2 < len && s[i] == 0xEF && s[i + 1] == 0xBC &&
	    s[i + 2] >= 0x90 && s[i + 2] <= 0x99) {
		*w = 3;
		return s[i + 2] - 0x90;
	}
	return -1;
}

/* 1 if a digit (ASCII or full-width) ends just before s[i]. */
static int
digit_before(const unsigned char *s, size_t i)
{
	if (i >= 1 && s[i - 1] >= '0' && s[i - 1] <= '9')
		return 1;
	return i >= 3 && s[i - 3] == 0xEF && s[i - 2] == 0xBC &&
	    s[i - 1] >= 0x90 && s[i - 1] <= 0x99;
}

/*
 * 1 if the ASCII character c glues to a number: a letter or '_' makes
 * it part of an identifier or code, '*' masks it, a digit extends it.
 */
static int
glue_ascii(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || c == '_' || c == '*';
}

/*
 * 1 if the three-byte sequence EF b1 b2 is a full-width digit, letter,
 * '_' or '*' (U+FF10..19, FF21..3A, FF41..5A, FF3F, FF0A).
 */
static int
glue_fullwidth(int b1, int b2)
{
	if (b1 == 0xBC)
		return (b2 >= 0x90 && b2 <= 0x99) ||
		    (b2 >= 0xA1 && b2 <= 0xBA) || b2 == 0xBF || b2 == 0x8A;
	return b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A;
}

static int	free_before(const unsigned char *, size_t);

/* 1 if nothing glues the number ending before s[i] on its right. */
static int
free_after(const unsigned char *s, size_t len, size_t i)
{
	size_t	w;

	if (i >= len)
		return 1;
	if (s[i] < 0x80) {
		/* "12345678901.50" is an amount, "…5678." a full stop. */
		if (s[i] == '.')
			return digit_at(s, len, i + 1, &w) < 0;
		return !glue_ascii(s[i]);
	}
	if (s[i] == 0xC3 && i + 1 < len && s[i + 1] == 0x97)
		return 0;				/* '×' */
	return !(s[i] == 0xEF && i + 2 < len &&
	    glue_fullwidth(s[i + 1], s[i + 2]));
}

/*
 * 1 if the ASCII letters just before s[i] are a label written glued to
 * the number it names ("Tel13812345678", "ID110101199001011237"), not
 * part of a code: a whole word (nothing that glues before it).
 */
static int
label_before(const unsigned char *s, size_t i)
{
	static const char *const labels[] = {
		"tel", "tell", "phone", "mobile", "mob", "cell", "fax",
		"wechat", "weixin", "wx", "vx", "shouji", "dianhua", "id",
		"idno", "idcard", "sfz", "sfzh", "card", "cardno", "account",
		"acct", NULL
	};
	char	w[8];
	size_t	n = 0, k;

	while (n < i && n < sizeof(w) - 1 && ((s[i - 1 - n] | 0x20) >= 'a' &&
	    (s[i - 1 - n] | 0x20) <= 'z'))
		n++;
	if (n == 0 || (n < i && (glue_ascii(s[i - 1 - n]) ||
	    !free_before(s, i - n))))
		return 0;
	for (k = 0; k < n; k++)
		w[k] = (char)(s[i - n + k] | 0x20);
	w[n] = '\0';
	for (k = 0; labels[k] != NULL; k++)
		if (strcmp(w, labels[k]) == 0)
			return 1;
	return 0;
}

/* 1 if nothing glues the number starting at s[i] on its left. */
static int
free_before(const unsigned char *s, size_t i)
{
	if (i == 0)
		return 1;
	if (s[i - 1] < 0x80) {
		if (s[i - 1] == '.')
			return !digit_before(s, i - 1);
		if (((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z') &&
		    label_before(s, i))
			return 1;
		return !glue_ascii(s[i - 1]);
	}
	if (i >= 2 && s[i - 2] == 0xC3 && s[i - 1] == 0x97)
		return 0;				/* '×' */
	return !(i >= 3 && s[i - 3] == 0xEF &&
	    glue_fullwidth(s[i - 2], s[i - 1]));
}

/*
 * Width of a punctuation mark that groups digits at s[i], or 0: '-',
 * '.', '/', '_' ("138_1234_5678": a glued '_' still glues at either
 * end), the fullwidth hyphen, full stop and slash ('－', '．', '／'),
 * the hyphens and dashes (U+2010 to U+2015, U+2212, a Chinese "——"),
 * the small hyphen and em dash (U+FE63, U+FE58) and the middle dots
 * ('·', '・', '‧').
 */
static size_t
punct_at(const unsigned char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (s[i] == '-' || s[i] == '.' || s[i] == '/' || s[i] == '_')
		return 1;
	if (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0xB7)
		return 2;
	if (i + 2 >= len)
		return 0;
	if (s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x94)
		/* "——" is one Chinese dash */
		return i + 5 < len && s[i + 3] == 0xE2 &&
		    s[i + 4] == 0x80 && s[i + 5] == 0x94 ? 6 : 3;
	if ((s[i] == 0xEF && s[i + 1] == 0xBC &&
	    (s[i + 2] == 0x8D || s[i + 2] == 0x8E || s[i + 2] == 0x8F)) ||
	    (s[i] == 0xE2 && s[i + 1] == 0x80 && ((s[i + 2] >= 0x90 &&
	    s[i + 2] <= 0x95) || s[i + 2] == 0xA7)) ||
	    (s[i] == 0xE2 && s[i + 1] == 0x88 && s[i + 2] == 0x92) ||
	    (s[i] == 0xEF && s[i + 1] == 0xB9 &&
	    (s[i + 2] == 0xA3 || s[i + 2] == 0x98)) ||
	    (s[i] == 0xE3 && s[i + 1] == 0x83 && s[i + 2] == 0xBB) ||
	    (s[i] == 0xEF && s[i + 1] == 0xBD && s[i + 2] == 0xA5))
		return 3;
	return 0;
}

/*
 * Width of a chain separator at s[i], or 0: ' ', U+3000, or one
 * punctuation mark (punct_at) with at most a space on either side:
 * "138.1234.5678", "138–1234–5678" and "138 - 1234 - 5678" read as
 * one number.  Never a letter: letters_split counts on it.
 */
static size_t
sep_at(const unsigned char *s, size_t len, size_t i)
{
	size_t	k = i, p;

	if (i >= len)
		return 0;
	if (i + 2 < len && s[i] == 0xE3 && s[i + 1] == 0x80 &&
	    s[i + 2] == 0x80)
		return 3;
	if (s[k] == ' ')
		k++;
	if ((p = punct_at(s, len, k)) == 0)
		return k - i;
	k += p;
	if (k < len && s[k] == ' ')
		k++;
	return k - i;
}

/*
 * Width of a check character at s[i] that ends an ID number, or 0: 'X'
 * or 'x' and what is read as one (fullwidth 'Ｘ', Cyrillic 'Х', Greek
 * 'Χ', Roman numeral 'Ⅹ', lower case too), or a single mask ('*', '＊',
 * '×': the check digit follows from the other 17, so the number is not
 * masked at all); *mask says which.
 */
static size_t
xcheck_at(const unsigned char *s, size_t len, size_t i, int *mask)
{
	*mask = 0;
	if (i >= len)
		return 0;
	if (s[i] == 'X' || s[i] == 'x')
		return 1;
	if (i + 1 < len && ((s[i] == 0xD0 && s[i + 1] == 0xA5) ||
	    (s[i] == 0xD1 && s[i + 1] == 0x85) ||
	    (s[i] == 0xCE && s[i + 1] == 0xA7) ||
	    (s[i] == 0xCF && s[i + 1] == 0x87)))
		return 2;
	if (i + 2 < len && ((s[i] == 0xEF && s[i + 1] == 0xBC &&
	    s[i + 2] == 0xB8) || (s[i] == 0xEF && s[i + 1] == 0xBD &&
	    s[i + 2] == 0x98) || (s[i] == 0xE2 && s[i + 1] == 0x85 &&
	    (s[i + 2] == 0xA9 || s[i + 2] == 0xB9))))
		return 3;
	*mask = 1;
	if (s[i] == '*')
		return 1;
	if (i + 1 < len && s[i] == 0xC3 && s[i + 1] == 0x97)
		return 2;
	if (i + 2 < len && s[i] == 0xEF && s[i + 1] == 0xBC &&
	    s[i + 2] == 0x8A)
		return 3;
	*mask = 0;
	return 0;
}

/* Width of a '+' or '＋' just before s[i], or 0. */
static size_t
plus_before(const unsigned char *s, size_t i)
{
	if (i >= 1 && s[i - 1] == '+')
		return 1;
	if (i >= 3 && s[i - 3] == 0xEF && s[i - 2] == 0xBC &&
	    s[i - 1] == 0x8B)
		return 3;
	return 0;
}

/*
 * Width of what joins a first run in brackets to the next, or 0: the
 * closing ')' or '）' and a separator after it, when the run at r opens
 * with '(' or '（' (a '+' between): "(138) 1234 5678", "（+86）138…".
 */
static size_t
bracket_sep(const unsigned char *s, size_t len, const struct run *r)
{
	size_t	i = r->off - plus_before(s, r->off), w;

	if (!((i >= 1 && s[i - 1] == '(') || (i >= 3 && s[i - 3] == 0xEF &&
	    s[i - 2] == 0xBC && s[i - 1] == 0x88)))
		return 0;
	i = r->end;
	if (i < len && s[i] == ')')
		w = 1;
	else if (i + 2 < len && s[i] == 0xEF && s[i + 1] == 0xBC &&
	    s[i + 2] == 0x89)
		w = 3;
	else
		return 0;
	return w + sep_at(s, len, i + w);
}

/* Reads the run of digits at s[p] (there is one) into *r. */
static void
read_run(const unsigned char *s, size_t len, size_t p, struct run *r)
{
	size_t	w;
	int	v;

	r->off = p;
	r->n = 0;
	while ((v = digit_at(s, len, p, &w)) >= 0) {
		if (r->n < RUN_KEEP)
			r->d[r->n] = (char)('0' + v);
		r->n++;
		p += w;
	}
	r->end = p;
	r->lblock = !free_before(s, r->off);
	r->rblock = !free_after(s, len, p);
	r->x = (int)xcheck_at(s, len, p, &r->xmask);
	if (r->x > 0 && !free_after(s, len, p + (size_t)r->x))
		r->x = 0;
}

static int
num2(const char *d)
{
	return (d[0] - '0') * 10 + (d[1] - '0');
}

/* 1 if y-m-d is a real date and y a plausible year of birth. */
static int
birth_ok(int y, int m, int d)
{
	return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= date_month_days(y, m);
}

/* d: 17 digits and a check character ('0'..'9', 'X', 'x'). */
static int
id18_ok(const char *d)
{
	static const int	weight[17] = {
		7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
	};
	int			i, sum = 0, check;

	/* Region codes start 1..8 (1..6 provinces, 7 Taiwan, 8 HK/MO). */
	if (d[0] < '1' || d[0] > '8')
		return 0;
	if (!birth_ok(num2(d + 6) * 100 + num2(d + 8), num2(d + 10),
	    num2(d + 12)))
		return 0;
	for (i = 0; i < 17; i++)
		sum += (d[i] - '0') * weight[i];
	if (d[17] == '?')	/* a masked check digit: it is known */
		return 1;
	check = "10X98765432"[sum % 11];
	return d[17] == check || (check == 'X' && d[17] == 'x');
}

/* d: 15 digits, the pre-1999 form with a two-digit 19xx year. */
static int
id15_ok(const char *d)
{
	return d[0] >= '1' && d[0] <= '8' &&
	    birth_ok(1900 + num2(d + 6), num2(d + 8), num2(d + 10));
}

/* d: 11 digits. */
static int
mobile_ok(const char *d)
{
	return d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

static int
luhn_ok(const char *d, size_t n)
{
	size_t	i;
	int	sum = 0, v;

	for (i = 0; i < n; i++) {
		v = d[n - 1 - i] - '0';
		if (i % 2 == 1 && (v *= 2) > 9)
			v -= 9;
		sum += v;
	}
	return sum % 10 == 0;
}

/* Also the old 19-digit debit cards of ICBC and ABC: 9558..., 9559... */
static int
bank_ok(const char *d, size_t n)
{
	return n >= 16 && n <= 19 && ((d[0] >= '3' && d[0] <= '6') ||
	    (n == 19 && memcmp(d, "955", 3) == 0 &&
	    (d[3] == '8' || d[3] == '9'))) && luhn_ok(d, n);
}

/*
 * 1 if the 18 digits at d carry a valid GB 32100 check character, as an
 * all-digit 统一社会信用代码 does.  Such codes start 1..9 and one in ten
 * of those starting 3..6 would pass Luhn, so an 18-digit number that is
 * a valid credit code is not taken for a bank card (missing the 1 in 31
 * 18-digit cards that happen to pass both).
 */
static int
credit_ok(const char *d)
{
	static const int	weight[17] = {
		1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
	};
	int			i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (d[i] - '0') * weight[i];
	return (31 - sum % 31) % 31 == d[17] - '0';
}

/* 1 if r is the country code of a mobile number: "86" or "0086". */
static int
is_cc(const struct run *r)
{
	return (r->n == 2 && memcmp(r->d, "86", 2) == 0) ||
	    (r->n == 4 && memcmp(r->d, "0086", 4) == 0);
}

/*
 * The ways people group the digits of a mobile or ID number, as run
 * lengths, each list ending in 0: "138 1234 5678", "138 12345678",
 * "1381234 5678"; "110101 19900101 1237", "110101 1990 0101 1237"
 * (idx: the same with the X check character after the last run).
 */
static const unsigned char mobile_groups[][5] = {
	{ 3, 4, 4, 0 }, { 3, 8, 0 }, { 7, 4, 0 }, { 0 }
};
static const unsigned char id_groups[][5] = {
	{ 6, 8, 4, 0 }, { 6, 4, 4, 4, 0 }, { 4, 4, 4, 4, 2 }, { 0 }
};
static const unsigned char idx_groups[][5] = {
	{ 6, 8, 3, 0 }, { 6, 4, 4, 3, 0 }, { 4, 4, 4, 4, 1 }, { 0 }
};
static const unsigned char id15_groups[][5] = {
	{ 6, 6, 3, 0 }, { 0 }
};

/*
 * If the nr runs at r are grouped as one of the groupings g, copies
 * their digits to d and returns how many; else 0.
 */
static size_t
grouped(const struct run *r, size_t nr, const unsigned char (*g)[5],
    char *d)
{
	size_t	i, k;

	for (; g[0][0] != 0; g++) {
		for (i = 0; i < nr && g[0][i] == r[i].n; i++)
			;
		if (i < nr || (i < 5 && g[0][i] != 0))
			continue;
		for (i = k = 0; i < nr; k += r[i].n, i++)
			memcpy(d + k, r[i].d, r[i].n);
		return k;
	}
	return 0;
}

/*
 * Tries a whole chain of nr (2..CHAIN_KEEP) runs as one grouped number.
 * Returns 1 and the kind, else 0.
 */
static int
chain_kind(const struct run *r, size_t nr, enum privacy_kind *kind)
{
	const struct run	*last = &r[nr - 1];
	char			 d[RUN_KEEP];
	size_t			 i, k, cc;

	if (r[0].lblock)
		return 0;
	if (last->x) {
		/* "110101 19900101 123X" */
		if (grouped(r, nr, idx_groups, d) != 17)
			return 0;
		d[17] = last->xmask ? '?' : 'X';
		*kind = PRIV_ID18;
		return id18_ok(d);
	}
	if (last->rblock)
		return 0;
	cc = is_cc(&r[0]);
	if (cc && nr == 2 && r[1].n == 11 && mobile_ok(r[1].d)) {
		*kind = PRIV_MOBILE;
		return 1;
	}
	if (grouped(r + cc, nr - cc, mobile_groups, d) == 11 &&
	    mobile_ok(d)) {
		*kind = PRIV_MOBILE;
		return 1;
	}
	if (grouped(r, nr, id_groups, d) == 18 && id18_ok(d)) {
		/* "1101 0119 9001 0112 37" may be a card: tried next */
		*kind = PRIV_ID18;
		return 1;
	}
	if (grouped(r, nr, id15_groups, d) == 15 && id15_ok(d)) {
		*kind = PRIV_ID15;
		return 1;
	}
	/* Groups of four, the last of 1..4: 16..19 digits. */
	if (nr < 4 || r[nr - 1].n < 1 || r[nr - 1].n > 4 ||
	    (nr == 5 && r[4].n == 4))
		return 0;
	for (i = k = 0; i < nr; i++) {
		if (i < nr - 1 && r[i].n != 4)
			return 0;
		if (i == 3 && nr == 4 && r[i].n != 4)
			return 0;
		memcpy(d + k, r[i].d, r[i].n);
		k += r[i].n;
	}
	*kind = PRIV_BANKCARD;
	return bank_ok(d, k);
}

/* Tries a single run.  Returns 1 and the kind, else 0. */
static int
run_kind(const struct run *r, enum privacy_kind *kind)
{
	char	d[RUN_KEEP];

	if (r->lblock)
		return 0;
	if (r->x) {
		if (r->n != 17)
			return 0;
		memcpy(d, r->d, 17);
		d[17] = r->xmask ? '?' : 'X';
		*kind = PRIV_ID18;
		return id18_ok(d);
	}
	if (r->rblock)
		return 0;
	switch (r->n) {
	case 11:
		*kind = PRIV_MOBILE;
		return mobile_ok(r->d);
	case 13:
		*kind = PRIV_MOBILE;
		return memcmp(r->d, "86", 2) == 0 && mobile_ok(r->d + 2);
	case 15:
		*kind = PRIV_ID15;
		if (id15_ok(r->d))
			return 1;
		*kind = PRIV_MOBILE;
		return memcmp(r->d, "0086", 4) == 0 && mobile_ok(r->d + 4);
	case 18:
		*kind = PRIV_ID18;
		if (id18_ok(r->d))
			return 1;
		*kind = PRIV_BANKCARD;
		return !credit_ok(r->d) && bank_ok(r->d, r->n);
	case 16:
	case 17:
	case 19:
		*kind = PRIV_BANKCARD;
		return bank_ok(r->d, r->n);
	}
	return 0;
}

/*
 * Organisations' accounts.  A government body publishes the account
 * that fees and funds go to (对公账户), and one in ten such numbers of
 * 16 to 19 digits starting 3..6 passes Luhn as a card does.  A reader
 * sees no person's number there when the page says whose it is:
 *  - the label just before it names an organisation's account
 *    ("对公账号：", "零余额账户，账号：", "汇缴结算户（账号：");
 *  - or its holder, in the same line or in the lines of the same
 *    record just above ("户名：示范县财政局", "户　名：…" over
 *    "账　号：…"), is an organisation: a name of 4 characters or more
 *    ending as bodies' names end (局, 中心, 站, 院, 所, 公司, 专户...);
 *  - or, in a Markdown table, the column's header names an
 *    organisation's account ("对公账号"), or the column is a bare
 *    "账号" and the row's cell under "户名" is an organisation.
 * A word that points at a person in that context (卡号, 银行卡, 一卡通,
 * 户主, 姓名, 个人 ...; in a table, in its header or row) or a masked
 * holder ("王*明", a masked name in the row) leaves the number a
 * card.  Only bank card numbers are ever passed over this way, but for
 * the labels of public numbers (public_label): a division code, a year
 * or day and a serial make an ID number's or a card's shape, and one in
 * ten such codes of 16 to 19 digits starting with a province's 3..6
 * passes Luhn.
 */
#define ORG_BACK	512	/* bytes of a line read before a number */
#define ORG_LINES	4	/* lines of a record read above it */
#define ORG_TABLE	4096	/* bytes read back for a table's header */

static const char *const org_words[] = {
	"对公", "零余额", "专户", "结算户", "基本户", "基本账户",
	"基本存款账户", "单位账户", "单位账号", "单位帐户", "单位帐号",
	NULL
};
/* (not 村民, 居民: 村民委员会 is a body; not 储蓄: 邮政储蓄银行 a bank) */
static const char *const person_words[] = {
	"卡号", "银行卡", "一卡通", "社保卡", "存折", "储蓄卡", "借记卡",
	"信用卡", "工资卡", "个人", "本人", "户主", "姓名", "农户", "对象",
	"家属", "身份证", NULL
};
static const char *const holder_keys[] = {
	"户名", "账户名称", "帐户名称", "收款单位", "收款人", "单位名称",
	"开户单位", NULL
};
static const char *const org_ends[] = {
	"局", "委员会", "政府", "中心", "站", "院", "所", "办公室",
	"办事处", "公司", "专户", "结算户", "零余额账户", "基本账户",
	"单位账户", "分行", "支行", "学校",
	"协会", "基金会", "合作社", "大队", "集团", "厅", NULL
};
static const char *const masks[] = { "*", "×", "＊", NULL };
/*
 * Labels of a public record's number, never a person's whatever its
 * shape: a permit's, a project's, a tender's, a contract's, a budget
 * line's, a case's, an approval's.  (Not 案号: 档案号 ends so, and a
 * person's file may be numbered by the ID number.)
 */
static const char *const public_ends[] = {
	"施工许可证编号", "施工许可证号", "施工许可证号码", "施工许可编号",
	"项目编号", "项目编码", "项目代码", "采购编号", "招标编号",
	"标段编号", "合同编号", "合同号", "预算编码", "预算编号",
	"案件编号", "案件号", "立案编号", "批准文号", "备案号", "备案编号",
	NULL
};
/*
 * Labels of a registration, a certificate or a licence: a body's
 * number, shaped as a card or an old 15-digit ID number.  An individual
 * business's tax number, or a licensed person's certificate, may be the
 * holder's ID number, so a valid 18-digit one is still an ID number.
 */
static const char *const register_ends[] = {
	"注册号", "登记号", "登记证号", "登记编号", "统一社会信用代码",
	"信用代码", "证书编号", "证书号", "许可证号", "许可证编号", NULL
};
static const char *const acct_ends[] = {
	"账号", "帐号", "账户", "帐户", "户", NULL
};

/* Width of one of the words w at t[i] (of n bytes), or 0. */
static size_t
word_at(const char *t, size_t n, size_t i, const char *const *w)
{
	size_t	m;

	for (; *w != NULL; w++)
		if ((m = strlen(*w)) <= n - i && memcmp(t + i, *w, m) == 0)
			return m;
	return 0;
}

/* 1 if the n bytes at t hold one of the words w. */
static int
has_word(const char *t, size_t n, const char *const *w)
{
	size_t	k;

	for (k = 0; k < n; k++)
		if (word_at(t, n, k, w) > 0)
			return 1;
	return 0;
}

/* 1 if the n bytes at t end with one of the words w. */
static int
ends_word(const char *t, size_t n, const char *const *w)
{
	size_t	m;

	for (; *w != NULL; w++)
		if ((m = strlen(*w)) <= n && memcmp(t + n - m, *w, m) == 0)
			return 1;
	return 0;
}

/*
 * 1 if the label in the n bytes at w (the word just before a number of
 * the kind, or its column's header) says it is a public number.
 */
static int
public_label(const char *w, size_t n, enum privacy_kind kind)
{
	return ends_word(w, n, public_ends) ||
	    (kind != PRIV_ID18 && ends_word(w, n, register_ends));
}

/*
 * Width of a character that ends a name or label just before t[i], or
 * 0: white space, a colon, comma, semicolon, bracket, enumeration
 * comma, full stop or table bar, ASCII or full-width.
 */
static size_t
org_sep_before(const char *t, size_t i)
{
	static const char *const cjk[] = { "：", "，", "；", "（", "）",
		"、", "。", "　", "【", "】", NULL };

	if (i == 0)
		return 0;
	if (strchr(" \t:,;()|[]>", t[i - 1]) != NULL && t[i - 1] != '\0')
		return 1;
	/* (each of them three bytes) */
	return i >= 3 ? word_at(t, i, i - 3, cjk) : 0;
}

/* Start of the character that ends just before t[i] (i > 0). */
static size_t
char_before(const char *t, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80);
	return i;
}

/* Bounds [*b, *e) of the word that ends before t[e], separators skipped. */
static void
org_word_before(const char *t, size_t e, size_t *b, size_t *ee)
{
	size_t	w;

	while (e > 0 && (w = org_sep_before(t, e)) > 0)
		e -= w;
	*ee = e;
	while (e > 0 && org_sep_before(t, e) == 0)
		e = char_before(t, e);
	*b = e;
}

/* 1 if the n bytes at v name an organisation (see above). */
static int
org_name(const char *v, size_t n)
{
	return n >= 12 && !has_word(v, n, masks) &&
	    !has_word(v, n, person_words) && ends_word(v, n, org_ends);
}

/*
 * The holder the n bytes at t name after their last holder key ("户名
 * 示范县财政局"): 1 an organisation, 0 anyone else, -1 no holder named.
 */
static int
org_holder(const char *t, size_t n)
{
	static const char *const gap[] = { " ", ":", "：", NULL };
	static const char *const stop[] = { " ", ",", ";", "|", "(", "\n",
		"，", "；", "、", "。", "（", NULL };
	size_t	i, w, at = (size_t)-1;

	for (i = 0; i < n; i++)
		if ((w = word_at(t, n, i, holder_keys)) > 0)
			at = i + w;
	if (at == (size_t)-1)
		return -1;
	for (; at < n && (w = word_at(t, n, at, gap)) > 0; at += w)
		;
	for (i = at; i < n && word_at(t, n, i, stop) == 0; i++)
		;
	return org_name(t + at, i - at);
}

/*
 * Reads the clause t[0..n) just before a number of the kind (U+3000
 * taken out): 1 an organisation's account or a public number, 0
 * not, -1 only a bare "账号：" stands before a card-shaped number (the
 * record's lines above say).
 */
static int
org_clause(const char *t, size_t n, enum privacy_kind kind)
{
	size_t	b, e, b0, e0, i;
	int	h;

	if (has_word(t, n, person_words))
		return 0;
	org_word_before(t, n, &b, &e);
	if (public_label(t + b, e - b, kind))
		return 1;
	if (kind != PRIV_BANKCARD)
		return 0;
	if ((h = org_holder(t, n)) >= 0)
		return h;
	if (!ends_word(t + b, e - b, acct_ends))
		return 0;
	if (has_word(t + b, e - b, org_words))
		return 1;
	/* a bare 账号: the word before it, "零余额账户，", "结算户（" */
	org_word_before(t, b, &b0, &e0);
	if (e0 > b0 && has_word(t + b0, e0 - b0, org_words) &&
	    ends_word(t + b0, e0 - b0, acct_ends))
		return 1;
	/* nothing before the label but a list or quote marker */
	for (i = 0; i < b; i++)
		if (strchr(" \t>-*+.0123456789", t[i]) == NULL)
			return 0;
	return -1;
}

/* Copies s[lo..hi) to out (at most ORG_BACK bytes) without U+3000. */
static size_t
org_copy(const unsigned char *s, size_t lo, size_t hi, char *out)
{
	size_t	n = 0;

	while (lo < hi && n < ORG_BACK) {
		if (lo + 3 <= hi && memcmp(s + lo, "　", 3) == 0) {
			lo += 3;
			continue;
		}
		out[n++] = (char)s[lo++];
	}
	return n;
}

#define NO_LINE	((size_t)-1)

/* Start of the line holding s[i] if at most max bytes back, else NO_LINE. */
static size_t
line_start(const unsigned char *s, size_t i, size_t max)
{
	size_t	lo = i > max ? i - max : 0;

	while (i > lo && s[i - 1] != '\n')
		i--;
	return i > 0 && s[i - 1] != '\n' ? NO_LINE : i;
}

/* End of the line holding s[i] (its '\n' or len) if at most max bytes
 * on, else NO_LINE. */
static size_t
line_end(const unsigned char *s, size_t len, size_t i, size_t max)
{
	size_t	hi = len - i > max ? i + max : len;

	while (i < hi && s[i] != '\n')
		i++;
	return i < len && s[i] != '\n' ? NO_LINE : i;
}

/* Where the cells of table row s[ls..le) begin ('|' after '>'s), or le. */
static size_t
row_start(const unsigned char *s, size_t ls, size_t le)
{
	while (ls < le && (s[ls] == ' ' || s[ls] == '>'))
		ls++;
	return ls < le && s[ls] == '|' ? ls : le;
}

/* Cell col (0-based) of the row s[p..e), p at its first '|'; *n its size. */
static const unsigned char *
row_cell(const unsigned char *s, size_t p, size_t e, size_t col, size_t *n)
{
	size_t	c = 0, a = p + 1, i;

	for (i = p + 1; i <= e; i++) {
		if (i < e && (s[i] != '|' || s[i - 1] == '\\'))
			continue;
		if (c++ == col) {
			*n = i - a;
			return s + a;
		}
		a = i + 1;
	}
	*n = 0;
	return s + e;
}

/* 1 if s[p..e) is a table's delimiter row: bars, dashes, colons. */
static int
delim_row(const unsigned char *s, size_t p, size_t e)
{
	int	dash = 0;

	for (; p < e; p++) {
		if (s[p] == '-')
			dash = 1;
		else if (strchr("|: \t", s[p]) == NULL)
			return 0;
	}
	return dash;
}

/*
 * A number of the kind at s[off] in a table row s[rs..le) (rs at its
 * first '|', ls the line's start): 1 if its column's header is a
 * public number's (public_label), or, for a card, names an
 * organisation's account, or is a bare 账号 and the row's holder cell
 * (the column headed 户名) is an organisation.
 */
static int
org_table(const unsigned char *s, size_t ls, size_t rs, size_t le,
    size_t off, enum privacy_kind kind)
{
	const unsigned char	*hc, *c;
	size_t			 col = 0, i, p, hs, he, n, hn;
	int			 found = 0;

	for (i = rs + 1; i < off; i++)
		col += s[i] == '|' && s[i - 1] != '\\';
	if (has_word((const char *)s + rs, le - rs, person_words))
		return 0;
	/* up the table to its delimiter row; the header is above that */
	for (p = ls; p > 0 && ls - p < ORG_TABLE; ) {
		he = p - 1;
		if ((hs = line_start(s, he, ORG_TABLE)) == NO_LINE)
			return 0;
		if (delim_row(s, hs, he)) {
			found = hs > 0;
			p = hs;
			break;
		}
		if (row_start(s, hs, he) == he)
			return 0;
		p = hs;
	}
	if (!found)
		return 0;
	he = p - 1;
	if ((hs = line_start(s, he, ORG_TABLE)) == NO_LINE ||
	    (hs = row_start(s, hs, he)) == he)
		return 0;
	hc = row_cell(s, hs, he, col, &hn);
	if (has_word((const char *)s + hs, he - hs, person_words) ||
	    has_word((const char *)s + rs, le - rs, masks))
		return 0;
	while (hn > 0 && hc[hn - 1] == ' ')
		hn--;
	if (public_label((const char *)hc, hn, kind))
		return 1;
	if (kind != PRIV_BANKCARD ||
	    !ends_word((const char *)hc, hn, acct_ends))
		return 0;
	if (has_word((const char *)hc, hn, org_words))
		return 1;
	for (i = 0; ; i++) {
		c = row_cell(s, hs, he, i, &n);
		if (n == 0 && c == s + he)
			return 0;
		if (has_word((const char *)c, n, holder_keys))
			break;
	}
	c = row_cell(s, rs, le, i, &n);
	while (n > 0 && *c == ' ')
		c++, n--;
	while (n > 0 && c[n - 1] == ' ')
		n--;
	return org_name((const char *)c, n);
}

/*
 * 1 if the number of the kind (a card's or an ID number's shape) at
 * s[off] is shown as an organisation's account or a public number
 * (see above).  Reads at most a few KiB around it.
 */
static int
org_account(const unsigned char *s, size_t len, size_t off,
    enum privacy_kind kind)
{
	char	t[ORG_BACK];
	size_t	ls = line_start(s, off, ORG_BACK), rs, lo, le, n, k, i;
	int	r;

	lo = ls != NO_LINE ? ls : off - ORG_BACK;
	le = line_end(s, len, off, ORG_TABLE);
	if (ls != NO_LINE && le != NO_LINE &&
	    (rs = row_start(s, ls, le)) < le) {
		/* a table's cell: its own label, else its column's */
		if (has_word((const char *)s + rs, le - rs, person_words))
			return 0;
		for (k = off; k > rs && s[k - 1] != '|'; k--)
			;
		for (lo = k, i = k; i < off && s[i] == ' '; i++)
			;
		n = org_copy(s, lo, off, t);
		if (i < off && (r = org_clause(t, n, kind)) >= 0)
			return r;
		return org_table(s, ls, rs, le, off, kind);
	}
	/* the clause before it: back to a full stop or semicolon */
	for (k = off; k > lo; k--)
		if ((k - lo >= 3 && (memcmp(s + k - 3, "。", 3) == 0 ||
		    memcmp(s + k - 3, "；", 3) == 0)) || s[k - 1] == ';') {
			lo = k;
			break;
		}
	while (lo < off && (s[lo] & 0xC0) == 0x80)
		lo++;
	n = org_copy(s, lo, off, t);
	if ((r = org_clause(t, n, kind)) >= 0 || ls == NO_LINE)
		return r > 0;
	/* "账　号：…" under "户　名：…" and "开户行：…" */
	for (k = 0; k < ORG_LINES && ls > 0; k++) {
		le = ls - 1;
		if ((ls = line_start(s, le, ORG_BACK)) == NO_LINE)
			return 0;
		n = org_copy(s, ls, le, t);
		for (i = 0; i < n && strchr(" \t>", t[i]) != NULL; i++)
			;
		if (i == n || has_word(t, n, person_words))
			return 0;
		if ((r = org_holder(t, n)) >= 0)
			return r;
	}
	return 0;
}

/* Where the numbers found go. */
struct sink {
	const unsigned char *s;	/* the text scanned */
	size_t		 len;	/* its length */
	hit_fn		 hit;	/* each personal number, or NULL */
	void		*arg;
	hit_fn		 org;	/* each organisation's account passed over
				   (org_account), or NULL */
	void		*org_arg;
	int		 count;	/* personal numbers reported */
};

/* Reports the number from run a to run b (inclusive). */
static void
report(struct sink *k, const struct run *a, const struct run *b,
    enum privacy_kind kind)
{
	size_t	off = a->off, end = b->end +
		    (kind == PRIV_ID18 ? (size_t)b->x : 0);

	if (kind == PRIV_MOBILE)
		off -= plus_before(k->s, off);
	/* (a mobile number is a person's, whatever its label) */
	if (kind != PRIV_MOBILE && org_account(k->s, k->len, off, kind)) {
		if (k->org != NULL)
			k->org(k->org_arg, off, end - off, kind);
		return;
	}
	if (k->hit != NULL)
		k->hit(k->arg, off, end - off, kind);
	k->count++;
}

static void
single(struct sink *k, const struct run *r)
{
	enum privacy_kind	kind;

	if (run_kind(r, &kind))
		report(k, r, r, kind);
}

/*
 * Decides the runs at the front of the window r[0..*nr) of a chain
 * longer than the window, until at most keep are left: the longest
 * grouped mobile or ID number starting there, else the first run
 * alone.  Bank cards are not sought inside a longer chain: rows of
 * four-digit figures would make them.
 */
static void
drain(struct sink *k, struct run *r, size_t *nr, size_t keep)
{
	enum privacy_kind	kind;
	size_t			e;

	while (*nr > keep) {
		for (e = *nr - 1; e > 0; e--)
			if (chain_kind(r, e + 1, &kind) &&
			    kind != PRIV_BANKCARD)
				break;
		if (e > 0)
			report(k, &r[0], &r[e], kind);
		else
			single(k, &r[0]);
		memmove(r, r + e + 1, (*nr - e - 1) * sizeof(*r));
		*nr -= e + 1;
	}
}

static int
scan(const char *text, size_t len, hit_fn hit, void *arg, hit_fn org,
    void *org_arg)
{
	const unsigned char	*s = (const unsigned char *)text;
	struct sink		 sk = { s, len, hit, arg, org, org_arg, 0 };
	struct run		 runs[CHAIN_KEEP], one;
	enum privacy_kind	 kind;
	size_t			 i = 0, nr, total, k, w, q;
	int			 singles, mask;

	while (i < len) {
		/* to the next byte that can begin a digit (digit_at) */
		while (i < len && (s[i] < '0' || s[i] > '9') && s[i] != 0xEF)
			i++;
		if (i == len)
			break;
		if (digit_at(s, len, i, &w) < 0) {
			i++;
			continue;
		}
		/* A chain: runs joined by single separators, the last
		 * CHAIN_KEEP of them in the window. */
		nr = total = 0;
		singles = 1;
		memset(&one, 0, sizeof(one));
		for (;;) {
			if (nr == CHAIN_KEEP)
				drain(&sk, runs, &nr, CHAIN_KEEP - 1);
			read_run(s, len, i, &runs[nr]);
			if (total == 0) {
				one.off = runs[nr].off;
				one.lblock = runs[nr].lblock;
			}
			/* digits written one by one, as in the boxes of a
			 * form: "1 3 8 1 2 3 4 5 6 7 8" */
			if (runs[nr].n != 1)
				singles = 0;
			else if (one.n < RUN_KEEP)
				one.d[one.n] = runs[nr].d[0];
			one.n++;
			q = runs[nr].end;
			nr++;
			total++;
			if (runs[nr - 1].x) {
				q += (size_t)runs[nr - 1].x;
				break;
			}
			w = sep_at(s, len, q);
			if (w == 0 && total == 1)
				w = bracket_sep(s, len, &runs[0]);
			if (w == 0 || digit_at(s, len, q + w, &k) < 0)
				break;
			i = q + w;
		}
		i = q;
		one.end = runs[nr - 1].end;
		one.rblock = runs[nr - 1].rblock;
		one.x = runs[nr - 1].x;
		one.xmask = runs[nr - 1].xmask;
		if (singles && total == 17 && one.x == 0 &&
		    (w = sep_at(s, len, q)) > 0 &&
		    (k = xcheck_at(s, len, q + w, &mask)) > 0 &&
		    free_after(s, len, q + w + k)) {
			/* "1 1 0 ... 0 0 2 X" */
			one.x = (int)(w + k);
			one.xmask = mask;
			one.rblock = 0;
			i = q + w + k;
		}
		/* The whole chain as one number, else what is inside it:
		 * "No. 3 138 1234 5678" is a number and a phone. */
		if (total == nr && nr >= 2 && chain_kind(runs, nr, &kind))
			report(&sk, &runs[0], &runs[nr - 1], kind);
		else
			drain(&sk, runs, &nr, 0);
		if (singles && total >= 11)
			single(&sk, &one);
	}
	return sk.count;
}

int
privacy_scan(const char *text, size_t len, hit_fn hit, void *arg)
{
	return scan(text, len, hit, arg, NULL, NULL);
}

/*
 * The text as shown (privacy_scan_item).  Each piece of shown text is
 * aligned with the bytes it was decoded from, so that every byte of the
 * shown text knows the file offset it comes from; then the whole is
 * normalised (decimal digits to ASCII, invisible characters out) and
 * scanned once.
 */

/* Unicode 15 Nd: the zero of each run of ten decimal digits. */
static const unsigned long nd_zero[] = {
	0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6,
	0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0,
	0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
	0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900,
	0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066,
	0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
	0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0,
	0x11F50, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2,
	0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E950, 0x1FBF0
};

/*
 * Characters that show nothing between two digits: the default
 * ignorable code points (cp_ignorable: zero-width space and joiners,
 * soft hyphen, word joiner and invisible operators, bidi controls,
 * BOM, variation selectors, Hangul fillers, tags) and the combining
 * marks that only decorate a digit (accents, keycaps, enclosing
 * circles), listed here.  Never an ASCII letter or a CJK ideograph:
 * letters_split counts on it.
 */
static const uint32_t marks[][2] = {
	{ 0x0300, 0x036F }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF },
	{ 0x20D0, 0x20FF }, { 0xFE20, 0xFE2F }
};

/* The value of decimal digit c (any script), or -1. */
static int
nd_value(unsigned long c)
{
	size_t	lo = 0, hi = sizeof(nd_zero) / sizeof(nd_zero[0]), m;

	while (lo < hi) {
		m = (lo + hi) / 2;
		if (c < nd_zero[m])
			hi = m;
		else if (c >= nd_zero[m] + 10)
			lo = m + 1;
		else
			return (int)(c - nd_zero[m]);
	}
	return -1;
}

/*
 * Characters a reader takes for digits though Unicode does not: the
 * zero of each run of super- and subscript, circled and parenthesized
 * digits (the 1 of a run that has no 0), and the Chinese numerals a
 * phone number is spelled with ("一三八一二三四五六七八", "幺",
 * "壹贰叁").  A run of eleven of them never occurs in prose.
 */
static const unsigned long look_run[][2] = {
	{ 0x2070, 0 }, { 0x2074, 4 }, { 0x2080, 0 }, { 0x2460, 1 },
	{ 0x2474, 1 }, { 0x2488, 1 }, { 0x24F5, 1 }, { 0x2776, 1 },
	{ 0x2780, 1 }, { 0x278A, 1 }
};
#define LOOK_ONE(X) \
	X(0x00B2, 2) X(0x00B3, 3) X(0x00B9, 1) X(0x24EA, 0) \
	X(0x24FF, 0) X(0x3007, 0) X(0x4E00, 1) X(0x4E03, 7) \
	X(0x4E09, 3) X(0x4E5D, 9) X(0x4E8C, 2) X(0x4E94, 5) \
	X(0x4F0D, 5) X(0x516B, 8) X(0x516D, 6) X(0x53C1, 3) \
	X(0x56DB, 4) X(0x58F9, 1) X(0x5E7A, 1) X(0x634C, 8) \
	X(0x67D2, 7) X(0x7396, 9) X(0x8086, 4) X(0x8D30, 2) \
	X(0x9646, 6) X(0x96F6, 0)
#define LOOK_PAIR(c, d)	{ (c), (d) },
static const unsigned long look_one[][2] = { LOOK_ONE(LOOK_PAIR) };

/*
 * Bit c % 256 of each look_one character: nine characters in ten of a
 * Chinese text are none of them, and are told so without the search.
 */
#define LOOK_BIT(w, c)	((((c) >> 6) & 3) == (w) ? 1ULL << ((c) & 63) : 0)
#define LOOK_BIT0(c, d)	| LOOK_BIT(0, c)
#define LOOK_BIT1(c, d)	| LOOK_BIT(1, c)
#define LOOK_BIT2(c, d)	| LOOK_BIT(2, c)
#define LOOK_BIT3(c, d)	| LOOK_BIT(3, c)
static const uint64_t look_bits[4] = {
	0 LOOK_ONE(LOOK_BIT0), 0 LOOK_ONE(LOOK_BIT1),
	0 LOOK_ONE(LOOK_BIT2), 0 LOOK_ONE(LOOK_BIT3)
};

/* 0 if c is none of look_one's characters, 1 if it may be one. */
static int
look_maybe(unsigned long c)
{
	return (int)(look_bits[(c >> 6) & 3] >> (c & 63) & 1);
}

/* The value of c as a reader reads it: a decimal digit or a look-alike
 * (look_run, look_one), or -1. */
static int
shown_digit(unsigned long c)
{
	size_t	lo, hi, m;
	int	d;

	if (c < 0xB2)	/* (the only Nd there is ASCII's) */
		return c >= '0' && c <= '9' ? (int)(c - '0') : -1;
	if (c < 0x3000 || c >= 0xA000) {
		if ((d = nd_value(c)) >= 0)
			return d;
	}
	for (m = 0; c < 0x3000 &&
	    m < sizeof(look_run) / sizeof(look_run[0]); m++)
		if (c >= look_run[m][0] &&
		    c < look_run[m][0] + 10 - look_run[m][1])
			return (int)(c - look_run[m][0] + look_run[m][1]);
	if (!look_maybe(c))
		return -1;
	lo = 0;
	hi = sizeof(look_one) / sizeof(look_one[0]);
	while (lo < hi) {
		m = (lo + hi) / 2;
		if (c < look_one[m][0])
			hi = m;
		else if (c > look_one[m][0])
			lo = m + 1;
		else
			return (int)look_one[m][1];
	}
	return -1;
}

/* 1 if c shows nothing between two digits (marks). */
static int
is_invisible(unsigned long c)
{
	return c <= 0x10FFFF && (cp_ignorable((uint32_t)c) ||
	    cp_in_ranges(marks, sizeof(marks) / sizeof(marks[0]),
	    (uint32_t)c));
}

/* Bytes a piece was decoded from, and where each lies in the file. */
struct view {
	const char	*s;	/* the bytes */
	size_t		 len;
	const size_t	*map;	/* map[i]: file offset of s[i]; NULL: */
	size_t		 base;	/* file offset of s[0] */
	const size_t	*lines;	/* Markdown: offset in s of each line */
	size_t		 nlines;
};

static size_t
view_file(const struct view *v, size_t i)
{
	if (v->map == NULL)
		return v->base + i;
	return v->len == 0 ? v->base : v->map[i < v->len ? i : v->len - 1];
}

/* Offset in v of 1-based line:col (columns count bytes), clamped. */
static size_t
view_pos(const struct view *v, int line, int col)
{
	size_t	off;

	if (line < 1 || v->nlines == 0)
		return 0;
	if ((size_t)line > v->nlines)
		return v->len;
	off = v->lines[line - 1] + (col > 1 ? (size_t)col - 1 : 0);
	return off < v->len ? off : v->len;
}

static int
hexv(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Length of one character written in code at s[j] (before hi): a
 * character reference "&...;", a "%XX" or a YAML "\xXX", "\uXXXX",
 * "\UXXXXXXXX"; 0 if there is none.
 */
static size_t
coded_at(const char *s, size_t j, size_t hi)
{
	size_t	k, n;

	if (j >= hi)
		return 0;
	if (s[j] == '%')
		return j + 2 < hi && hexv(s[j + 1]) >= 0 &&
		    hexv(s[j + 2]) >= 0 ? 3 : 0;
	if (s[j] == '\\' && j + 1 < hi) {
		n = s[j + 1] == 'x' ? 2 : s[j + 1] == 'u' ? 4 :
		    s[j + 1] == 'U' ? 8 : 0;
		for (k = 0; k < n; k++)
			if (j + 2 + k >= hi || hexv(s[j + 2 + k]) < 0)
				return 0;
		return n > 0 ? n + 2 : 0;
	}
	if (s[j] != '&')
		return 0;
	for (k = j + 1; k < hi && k < j + 40; k++) {
		if (s[k] == ';')
			return k > j + 1 ? k + 1 - j : 0;
		if (!((s[k] >= '0' && s[k] <= '9') || s[k] == '#' ||
		    ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')))
			return 0;
	}
	return 0;
}

/* memcmp(a, b, n) == 0 for the 1 to 4 bytes of a character, without
 * a call for each. */
static int
same_bytes(const char *a, const char *b, size_t n)
{
	size_t	k;

	for (k = 0; k < n; k++)
		if (a[k] != b[k])
			return 0;
	return 1;
}

/*
 * Aligns the n shown bytes at lit with the bytes v->s[lo..hi) they were
 * decoded from: out[i] is the file offset of lit[i].  Each shown
 * character is the same bytes further on, or a character reference, a
 * run of %XX or a YAML escape standing for it; bytes written but not
 * shown (markup, quotes, indentation) are skipped.  A character not
 * found takes the offset of the one before.  Time O(hi - lo + n).
 */
static void
align(const struct view *v, size_t lo, size_t hi, const char *lit, size_t n,
    size_t *out)
{
	const char	*s = v->s;
	size_t		 i = 0, j = lo, w, k, c, last, at;

	if (hi > v->len)
		hi = v->len;
	last = view_file(v, lo < hi ? lo : hi > 0 ? hi - 1 : 0);
	while (i < n) {
		decode((const unsigned char *)lit + i, n - i, &w);
		at = (size_t)-1;
		while (j < hi && at == (size_t)-1) {
			if (j + w <= hi && same_bytes(s + j, lit + i, w)) {
				at = j;
				j += w;
			} else if ((k = coded_at(s, j, hi)) > 0) {
				/* %XX is a byte: a character takes w */
				at = j;
				j += k;
				for (c = 1; s[at] == '%' && c < w &&
				    coded_at(s, j, hi) == 3 && s[j] == '%'; c++)
					j += 3;
			} else
				j++;
		}
		if (at != (size_t)-1)
			last = view_file(v, at);
		for (k = 0; k < w; k++)	/* (w <= n - i: decode) */
			out[i++] = last;
	}
}

struct found {
	size_t			off;	/* file offset of the number */
	size_t			len;	/* its length there */
	enum privacy_kind	kind;
};

struct founds {
	struct found	*v;
	size_t		 n, cap;
};

static void
found_add(struct founds *f, size_t off, size_t len, enum privacy_kind kind)
{
	xgrow(&f->v, &f->cap, f->n + 1, sizeof(*f->v));
	f->v[f->n].off = off;
	f->v[f->n].len = len;
	f->v[f->n].kind = kind;
	f->n++;
}

static void
on_found(void *arg, size_t off, size_t len, enum privacy_kind kind)
{
	found_add(arg, off, len, kind);
}

/* The text as shown, and the file offset of each of its bytes. */
struct shown {
	struct buf	 text;	/* normalised shown text */
	size_t		*src;	/* src[i]: file offset of text byte i */
	size_t		 cap;
	size_t		*tmp;	/* align() output, reused */
	size_t		 tcap;
	struct founds	 opaque; /* Markdown that could not be read
				    (PRIV_OPAQUE, PRIV_HIDDEN), git
				    ident keywords (PRIV_IDENT) */
	const struct view *v;	/* what md_shown pieces come from */
	struct buf	 url;	/* a destination, decoded, reused */
	int		 rlo;	/* in a right-to-left override (U+202E) */
	size_t		 rlo_at; /* where in text it began */
};

static void
shown_byte(struct shown *sh, char c, size_t from)
{
	xgrow(&sh->src, &sh->cap, sh->text.len + 1, sizeof(*sh->src));
	sh->src[sh->text.len] = from;
	buf_putc(&sh->text, c);
}

/*
 * Ends a right-to-left override: the page shows what it held reversed
 * ("\u202E87654321831" reads 13812345678), so it is reversed here,
 * character by character, offsets with it.
 */
static void
shown_pdf(struct shown *sh)
{
	unsigned char	*t = (unsigned char *)sh->text.data;
	size_t		 i, j, a, b, f;
	unsigned char	 c;

	if (!sh->rlo)
		return;
	sh->rlo = 0;
	for (a = sh->rlo_at, b = sh->text.len; a + 1 < b; a++, b--) {
		c = t[a], t[a] = t[b - 1], t[b - 1] = c;
		f = sh->src[a], sh->src[a] = sh->src[b - 1],
		    sh->src[b - 1] = f;
	}
	/* each character's bytes back in order: its continuation bytes
	 * now come first */
	for (i = sh->rlo_at; i < sh->text.len; i = j + 1) {
		for (j = i; j + 1 < sh->text.len && (t[j] & 0xC0) == 0x80;
		    j++)
			;
		for (a = i, b = j + 1; a + 1 < b; a++, b--) {
			c = t[a], t[a] = t[b - 1], t[b - 1] = c;
			f = sh->src[a], sh->src[a] = sh->src[b - 1],
			    sh->src[b - 1] = f;
		}
	}
}

/* Ends a block: what follows is never read together with what was. */
static void
shown_break(struct shown *sh)
{
	shown_pdf(sh);
	if (sh->text.len > 0 && sh->text.data[sh->text.len - 1] != '\n')
		shown_byte(sh, '\n', sh->src[sh->text.len - 1]);
}

/* The value of the decimal digit at s (n bytes), or -1. */
static int
digit_of(const unsigned char *s, size_t n)
{
	size_t	w;
	long	c;

	if (n == 0 || (c = utf8_decode((const char *)s, n, &w)) < 0)
		return -1;
	return shown_digit((unsigned long)c);
}

/*
 * 1 if c is white space as a page shows it: ASCII white space, which
 * HTML collapses, and the spaces that look like one (no-break, thin,
 * narrow no-break...), the line and paragraph separators and the blank
 * Braille pattern.  U+3000 is a separator of its own (privacy_scan).
 */
static int
is_space(unsigned long c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0 ||
	    c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x202f ||
	    c == 0x205f || c == 0x2028 || c == 0x2029 || c == 0x2800;
}

/*
 * 1 if the character at s (n > 0 bytes) is shown as it is by
 * shown_add: no decimal digit, backslash, white space or invisible
 * character; sets its width.  Most of a Chinese text is decided
 * without the tables: from U+3000 to U+9FFF (CJK punctuation, kana,
 * ideographs) the only characters not shown as they are are look_one's
 * and the Hangul filler U+3164; in the fullwidth forms the digits and
 * the halfwidth filler U+FFA0; from U+2010 to U+2027 (dashes, quotes,
 * ellipsis) none.  (unit_privacy's every_char holds as_is to the
 * tables for every character of those blocks.)
 */
static int
as_is(const unsigned char *s, size_t n, size_t *w)
{
	long	c;

	if (s[0] < 0x80) {
		*w = 1;
		return (s[0] < '0' || s[0] > '9') && s[0] != '\\' &&
		    !is_space(s[0]);
	}
	c = decode(s, n, w);
	if (c >= 0x3000 && c < 0xa000)
		/* (look_maybe before the call: 1 % of the scan's
		 * instructions, all ideographs but a few) */
		return c != 0x3164 && (!look_maybe((unsigned long)c) ||
		    shown_digit((unsigned long)c) < 0);
	if (c >= 0xff00 && c < 0xfff0)
		return (c < 0xff10 || c > 0xff19) && c != 0xffa0;
	if (c >= 0x2010 && c <= 0x2027)
		return 1;
	return c < 0 || (shown_digit((unsigned long)c) < 0 &&
	    !is_invisible((unsigned long)c) && !is_space((unsigned long)c));
}

/* Appends one space for white space shown at file offset from, unless
 * the text shown so far ends with one: "138  1234\t5678" is shown as
 * "138 1234 5678" (HTML collapses white space). */
static void
shown_space(struct shown *sh, size_t from)
{
	if (sh->text.len == 0 || sh->text.data[sh->text.len - 1] != ' ')
		shown_byte(sh, ' ', from);
}

/*
 * Adds character c, the w bytes at s, as a reader sees it, each byte
 * from file offset from: a digit (of any script, or read as one) as
 * its ASCII digit, white space as a space, an invisible character not
 * at all, anything else as it is.  A right-to-left override starts a
 * run read reversed (shown_pdf), which its pop ends; nothing else
 * reorders what is shown (letters_split counts on it).
 */
static void
shown_char(struct shown *sh, long c, const char *s, size_t w, size_t from)
{
	size_t	k;
	int	d;

	if (c == 0x202E && !sh->rlo) {
		sh->rlo = 1;
		sh->rlo_at = sh->text.len;
	} else if (c == 0x202C)
		shown_pdf(sh);
	if (c >= 0 && (d = shown_digit((unsigned long)c)) >= 0)
		shown_byte(sh, (char)('0' + d), from);
	else if (c >= 0 && is_space((unsigned long)c))
		shown_space(sh, from);
	else if (c < 0 || !is_invisible((unsigned long)c))
		for (k = 0; k < w; k++)
			shown_byte(sh, s[k], from);
}

/*
 * Appends n shown bytes decoded from v->s[lo..hi), normalised: decimal
 * digits as ASCII, invisible characters out, and a backslash between
 * two digits out too.  CommonMark escapes only punctuation, so "1\1\0"
 * shows its backslashes; the digits are still read as one number.
 */
static void
shown_add(struct shown *sh, const struct view *v, size_t lo, size_t hi,
    const char *lit, size_t n)
{
	const unsigned char	*u = (const unsigned char *)lit;
	size_t			 i, w, k;
	long			 c;

	xgrow(&sh->tmp, &sh->tcap, n + 1, sizeof(*sh->tmp));
	align(v, lo, hi, lit, n, sh->tmp);
	for (i = 0; i < n; i += w) {
		/* a run shown as it is, at once: most of any text */
		for (k = i; k < n && as_is(u + k, n - k, &w); k += w)
			;
		if (k > i) {
			xgrow(&sh->src, &sh->cap, sh->text.len + (k - i),
			    sizeof(*sh->src));
			memcpy(sh->src + sh->text.len, sh->tmp + i,
			    (k - i) * sizeof(*sh->src));
			buf_put(&sh->text, lit + i, k - i);
			w = 0;
			i = k;
			continue;
		}
		c = utf8_decode(lit + i, n - i, &w);
		if (c == '\\' && sh->text.len > 0 &&
		    sh->text.data[sh->text.len - 1] >= '0' &&
		    sh->text.data[sh->text.len - 1] <= '9' &&
		    digit_of(u + i + 1, n - i - 1) >= 0)
			continue;
		shown_char(sh, c, lit + i, w, sh->tmp[i]);
	}
}

/* Offsets of the lines of s, for md_shown positions. */
static size_t *
lines_of(const char *s, size_t len, size_t *n)
{
	size_t	*l = NULL, cap = 0, i;

	*n = 0;
	xgrow(&l, &cap, 1, sizeof(*l));
	l[(*n)++] = 0;
	for (i = 0; i < len; i++)
		if (s[i] == '\n') {
			xgrow(&l, &cap, *n + 1, sizeof(*l));
			l[(*n)++] = i + 1;
		}
	return l;
}

/* Raw HTML at view offset lo, its first line first bytes long: a
 * PRIV_HIDDEN hit over those bytes in the file (at least one). */
static void
html_found(struct shown *sh, const struct view *v, size_t lo, size_t first)
{
	const char	*nl;
	size_t		 n = 0, from, to;

	if (lo >= v->len)
		lo = v->len > 0 ? v->len - 1 : 0;
	if (lo < v->len) {
		nl = memchr(v->s + lo, '\n', v->len - lo);
		n = nl != NULL ? (size_t)(nl - (v->s + lo)) : v->len - lo;
		n = n < first ? n : first;
	}
	from = view_file(v, lo);
	to = n > 0 ? view_file(v, lo + n - 1) + 1 : from + 1;
	found_add(&sh->opaque, from, to > from ? to - from : 1, PRIV_HIDDEN);
}

/* Slack after a piece's end: cmark's inline columns can be a few off. */
#define PIECE_SLACK	64

static void
on_piece(void *arg, const struct md_piece *p)
{
	struct shown		*sh = arg;
	const struct view	*v = sh->v;
	size_t			 lo, hi, last, i, k;

	if (p->s == NULL) {
		shown_break(sh);
		return;
	}
	if (p->line == 0) {	/* a soft break: no place of its own */
		last = sh->text.len > 0 ? sh->src[sh->text.len - 1] :
		    view_file(v, 0);
		shown_byte(sh, ' ', last);
		return;
	}
	lo = view_pos(v, p->line, p->col);
	hi = view_pos(v, p->end_line > 0 ? p->end_line : p->line,
	    p->end_line > 0 ? p->end_col : p->col) + 1 + PIECE_SLACK;
	if (hi < lo)
		hi = lo;
	if (p->url == 3) {	/* raw HTML: not shown, and refused */
		html_found(sh, v, lo, strcspn(p->s, "\n"));
		return;
	}
	if (p->url != 1) {
		shown_add(sh, v, lo, hi, p->s, p->len);
		return;
	}
	/* A destination: a browser shows it with its %XX decoded. */
	buf_reset(&sh->url);
	for (i = 0; i < p->len; i++)
		if ((k = coded_at(p->s, i, p->len)) == 3 && p->s[i] == '%') {
			buf_putc(&sh->url, (char)(hexv(p->s[i + 1]) << 4 |
			    hexv(p->s[i + 2])));
			i += 2;
		} else
			buf_putc(&sh->url, p->s[i]);
	shown_add(sh, v, lo, hi, sh->url.data, sh->url.len);
}

/* Adds the Markdown text of v, as md_shown reads it. */
static void
shown_markdown(struct shown *sh, struct view *v)
{
	size_t	*lines, off;
	int	 line;

	lines = lines_of(v->s, v->len, &v->nlines);
	v->lines = lines;
	sh->v = v;
	shown_break(sh);
	if (md_shown(v->s, v->len, on_piece, sh, &line) == -1) {
		off = view_file(v, view_pos(v, line, 1));
		found_add(&sh->opaque, off, 1, PRIV_OPAQUE);
	}
	shown_break(sh);
	sh->v = NULL;
	v->lines = NULL;
	free(lines);
}

/* A YAML document being read into a struct shown. */
struct yread {
	struct shown	*sh;
	const char	*file;	/* the item file */
	size_t		 flen;
	size_t		 base;	/* file offset of the YAML */
	int		 body;	/* 1: a top-level "body" is Markdown */
};

static void
on_scalar(void *arg, const struct yscalar *s)
{
	struct yread	*y = arg;
	struct view	 file = { y->file, y->flen, NULL, 0, NULL, 0 };
	struct view	 md = { s->str, s->len, NULL, 0, NULL, 0 };
	size_t		*map;

	if (y->body && !s->key && s->depth == 1 && s->top != NULL &&
	    strcmp(s->top, "body") == 0) {
		/* Markdown in a scalar: md positions are in the decoded
		 * string, mapped to the file through the scalar. */
		map = xcalloc(s->len + 1, sizeof(*map));
		align(&file, y->base + s->off, y->base + s->end, s->str,
		    s->len, map);
		md.map = map;
		md.base = y->base + s->off;
		shown_markdown(y->sh, &md);
		free(map);
		return;
	}
	shown_break(y->sh);
	shown_add(y->sh, &file, y->base + s->off, y->base + s->end, s->str,
	    s->len);
	shown_break(y->sh);
}

static int
cmp_found(const void *a, const void *b)
{
	const struct found	*x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* 1 if [off, off + len) overlaps a hit of raw (sorted, disjoint). */
static int
overlaps(const struct founds *raw, size_t off, size_t len)
{
	size_t	lo = 0, hi = raw->n, m;

	/* The first raw hit ending after off. */
	while (lo < hi) {
		m = (lo + hi) / 2;
		if (raw->v[m].off + raw->v[m].len <= off)
			lo = m + 1;
		else
			hi = m;
	}
	return lo < raw->n && raw->v[lo].off < off + len;
}

/* Just past the character written at file offset at. */
static size_t
src_end(const char *text, size_t len, size_t at)
{
	size_t	w;

	if (at >= len)
		return len;
	if ((w = coded_at(text, at, len)) == 0)
		utf8_decode(text + at, len - at, &w);
	return at + w < len ? at + w : len;
}

/* 1 if org (sorted) holds a number of the kind at [off, off + len). */
static int
same_span(const struct founds *org, size_t off, size_t len,
    enum privacy_kind kind)
{
	size_t	lo = 0, hi = org->n, m;

	while (lo < hi) {
		m = (lo + hi) / 2;
		if (org->v[m].off < off)
			lo = m + 1;
		else
			hi = m;
	}
	return lo < org->n && org->v[lo].off == off &&
	    org->v[lo].len == len && org->v[lo].kind == kind;
}

/*
 * Reports the numbers of raw (found in the bytes as written) and those
 * of the shown text sh not among them, placed in the file, in order of
 * offset, once each.  A bank card number shown exactly where the bytes
 * show an organisation's account (org: org_account read it there, with
 * its table's header) is that account.  Frees what sh, raw and org
 * hold.  Returns the count.
 */
static int
report_found(const char *text, size_t len, struct shown *sh,
    struct founds *raw, struct founds *org, hit_fn hit, void *arg)
{
	struct founds	 shown = { NULL, 0, 0 }, all = { NULL, 0, 0 };
	size_t		 i, k, end, lo, hi, at;
	int		 count;

	shown_pdf(sh);
	privacy_scan(sh->text.data, sh->text.len, on_found, &shown);
	/* Shown numbers not seen in the bytes, placed in the file. */
	for (i = 0; i < shown.n; i++) {
		/* from its first to its last character in the file (an
		 * override may have shown them in another order) */
		lo = hi = sh->src[shown.v[i].off];
		for (k = 1; k < shown.v[i].len; k++) {
			at = sh->src[shown.v[i].off + k];
			lo = at < lo ? at : lo;
			hi = at > hi ? at : hi;
		}
		end = src_end(text, len, hi);
		shown.v[i].off = lo;
		shown.v[i].len = end > shown.v[i].off ?
		    end - shown.v[i].off : 1;
		if (same_span(org, shown.v[i].off, shown.v[i].len,
		    shown.v[i].kind))
			continue;
		if (!overlaps(raw, shown.v[i].off, shown.v[i].len))
			found_add(&all, shown.v[i].off, shown.v[i].len,
			    shown.v[i].kind);
	}
	for (i = 0; i < sh->opaque.n; i++)
		found_add(&all, sh->opaque.v[i].off, sh->opaque.v[i].len,
		    sh->opaque.v[i].kind);
	for (i = 0; i < raw->n; i++)
		found_add(&all, raw->v[i].off, raw->v[i].len, raw->v[i].kind);
	xqsort(all.v, all.n, sizeof(*all.v), cmp_found);
	count = 0;
	for (i = 0; i < all.n; i++) {
		if (i > 0 && all.v[i].off == all.v[i - 1].off &&
		    all.v[i].kind == all.v[i - 1].kind)
			continue;
		if (hit != NULL)
			hit(arg, all.v[i].off, all.v[i].len, all.v[i].kind);
		count++;
	}
	free(all.v);
	free(raw->v);
	free(org->v);
	free(shown.v);
	free(sh->opaque.v);
	free(sh->src);
	free(sh->tmp);
	buf_dispose(&sh->text);
	buf_dispose(&sh->url);
	return count;
}

/*
 * 1 if the len bytes at text hold fewer decimal digits (any script)
 * than the shortest personal number has (a mobile's 11): nothing to
 * find, as written or as shown, since every digit shown comes from a
 * digit written (an escape or character reference of one holds one:
 * "\x31", "&#49;", "&#xFF11;").  Most names and fields are such, and
 * this costs no allocation.  (Not for Markdown: there the scan also
 * finds the shapes cmark cannot parse in linear time, PRIV_OPAQUE.)
 */
static int
too_few_digits(const char *text, size_t len)
{
	size_t	i, w, n = 0;
	long	c;

	for (i = 0; i < len && n < 11; i += w) {
		w = 1;
		if ((unsigned char)text[i] < 0x80)
			n += text[i] >= '0' && text[i] <= '9';
		else if ((c = utf8_decode(text + i, len - i, &w)) >= 0 &&
		    shown_digit((unsigned long)c) >= 0)
			n++;
	}
	return n < 11;
}

size_t
privacy_ident(const char *text, size_t len, size_t from, size_t *n)
{
	const char	*d;
	size_t		 i = from, j;

	while (i < len && (d = memchr(text + i, '$', len - i)) != NULL) {
		i = (size_t)(d - text);
		if (len - i >= 4 && text[i + 1] == 'I' && text[i + 2] == 'd') {
			if (text[i + 3] == '$') {
				*n = 4;
				return i;
			}
			if (text[i + 3] == ':') {
				for (j = i + 4; j < len && text[j] != '$' &&
				    text[j] != '\n'; j++)
					;
				if (j < len && text[j] == '$') {
					*n = j + 1 - i;
					return i;
				}
				/* no '$' up to the line's end: none to find
				 * there either (linear time) */
				i = j;
				continue;
			}
		}
		i++;
	}
	*n = 0;
	return len;
}

/* Each git ident keyword in the bytes: a PRIV_IDENT hit (it is in the
 * file whatever Markdown or YAML make of it: git replaces it before
 * either reads it). */
static void
ident_found(struct shown *sh, const char *text, size_t len)
{
	size_t	at, n;

	for (at = 0; (at = privacy_ident(text, len, at, &n)) < len; at += n)
		found_add(&sh->opaque, at, n, PRIV_IDENT);
}

int
privacy_scan_item(const char *path, const char *text, size_t len,
    hit_fn hit, void *arg)
{
	struct founds	 raw = { NULL, 0, 0 }, org = { NULL, 0, 0 };
	struct shown	 sh;
	struct view	 body = { NULL, 0, NULL, 0, NULL, 0 };
	struct yread	 y = { NULL, text, len, 0, 0 };
	const char	*yaml = text, *md;
	size_t		 ylen = len, mdlen;
	int		 bline;

	memset(&sh, 0, sizeof(sh));
	buf_init(&sh.text);
	buf_init(&sh.url);
	scan(text, len, on_found, &raw, on_found, &org);
	ident_found(&sh, text, len);
	y.sh = &sh;
	if (str_suffix(path, ".md")) {
		if (md_front_matter(text, len, &yaml, &ylen, &md, &mdlen,
		    &bline) == -1) {
			/* Not an item the loader takes; read it all. */
			ylen = 0;
			md = text;
			mdlen = len;
		}
		y.base = (size_t)(yaml - text);
		ydoc_scalars(yaml, ylen, on_scalar, &y);
		body.s = md;
		body.len = mdlen;
		body.base = (size_t)(md - text);
		shown_markdown(&sh, &body);
	} else {
		y.body = 1;
		ydoc_scalars(text, len, on_scalar, &y);
	}
	return report_found(text, len, &sh, &raw, &org, hit, arg);
}

int
privacy_scan_shown(const char *text, size_t len, hit_fn hit, void *arg)
{
	struct founds		 raw = { NULL, 0, 0 }, org = { NULL, 0, 0 };
	struct shown		 sh;
	size_t			 i, w;
	long			 c;

	if (too_few_digits(text, len))
		return 0;
	memset(&sh, 0, sizeof(sh));
	buf_init(&sh.text);
	buf_init(&sh.url);
	scan(text, len, on_found, &raw, on_found, &org);
	/* As shown_add, each byte from where it is written; an override
	 * ends with its line too. */
	for (i = 0; i < len; i += w) {
		c = utf8_decode(text + i, len - i, &w);
		if (c == '\n')
			shown_pdf(&sh);
		shown_char(&sh, c, text + i, w, i);
	}
	return report_found(text, len, &sh, &raw, &org, hit, arg);
}

/* privacy_name_kind's callback: the first kind found. */
static void
first_kind(void *arg, size_t off, size_t len, enum privacy_kind kind)
{
	int	*first = arg;

	(void)off;
	(void)len;
	if (*first < 0)
		*first = (int)kind;
}

/*
 * 1 if no stretch of name between two letters (ASCII, or CJK unified
 * ideographs that are no numeral) holds 11 digits as shown
 * (shown_digit).  Such a name holds no personal number, as written or
 * as shown: every number scan() finds has 11 digits or more, in runs
 * that only separators and brackets join, and a letter is neither; it
 * glues to a run or stands between two, and ends the chain.  (Shown, a
 * name loses invisible characters and reads numerals as digits, which
 * only join stretches: counted here as what they are.  A right-to-left
 * override reorders what is shown, and so what stands beside what: a
 * name that holds one is read whole.)  Paths such as
 * "content/city-01/county-001/town-0016/rewards/2026年第6号.md" hold
 * more than 11 digits in all, and were each read whole: 2 us a name,
 * 0.2 s of every build of 100,000 items.
 */
static int
letters_split(const char *name)
{
	size_t	len = strlen(name), i, w;
	long	c;
	int	n = 0;

	for (i = 0; i < len; i += w) {
		w = 1;
		if ((c = (unsigned char)name[i]) >= 0x80 &&
		    ((c = utf8_decode(name + i, len - i, &w)) < 0 ||
		    c == 0x202E))
			return 0;	/* not UTF-8, or reversed where it is
					   shown (shown_char): read whole */
		if (shown_digit((unsigned long)c) >= 0) {
			if (++n == 11)
				return 0;
		} else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= 0x4E00 && c <= 0x9FFF))
			n = 0;
	}
	return 1;
}

/*
 * In a name '_' separates words as a space does ("申请表_13812345678.pdf",
 * "110101199001011237_张三.md"): it is read as one.
 */
int
privacy_name_scan(const char *name)
{
	char	*copy, *p;
	int	 kind = -1;

	copy = xstrdup(name);
	for (p = copy; *p != '\0'; p++)
		if (*p == '_')
			*p = ' ';
	(void)privacy_scan_shown(copy, strlen(copy), first_kind, &kind);
	free(copy);
	return kind;
}

int
privacy_name_kind(const char *name)
{
	if (too_few_digits(name, strlen(name)) || letters_split(name))
		return -1;	/* most names: no copy, no scan */
	return privacy_name_scan(name);
}

const char *
privacy_kind_name(enum privacy_kind kind)
{
	switch (kind) {
	case PRIV_ID18:
	case PRIV_ID15:
		return "resident ID number";
	case PRIV_MOBILE:
		return "mobile phone number";
	case PRIV_BANKCARD:
		return "bank card number";
	case PRIV_OPAQUE:
		return "number in Markdown too complex to check";
	case PRIV_HIDDEN:
		return "raw HTML";
	case PRIV_IDENT:
		return "git ident keyword";
	}
	return "personal number";
}

struct unit_hits {
	hit_fn	 hit;
	void	*arg;
	int	 count;
};

static void
on_unit_found(void *arg, size_t off, size_t len, enum privacy_kind kind)
{
	struct unit_hits	*u = arg;

	if (kind == PRIV_MOBILE)
		return;
	u->count++;
	if (u->hit != NULL)
		u->hit(u->arg, off, len, kind);
}

int
privacy_scan_unit(const char *text, size_t len, hit_fn hit, void *arg)
{
	struct unit_hits	u = { hit, arg, 0 };
	size_t			at, n;

	if (!too_few_digits(text, len))
		privacy_scan_item("_unit.yaml", text, len, on_unit_found,
		    &u);
	else	/* (no number: only what privacy_scan_item finds besides) */
		for (at = 0; (at = privacy_ident(text, len, at, &n)) < len;
		    at += n)
			on_unit_found(&u, at, n, PRIV_IDENT);
	return u.count;
}
