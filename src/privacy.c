/*
 * privacy.c -- the personal-number scanner; see privacy.h for what
 * counts as a candidate.
 *
 * One pass over the bytes.  Each chain of digit runs is collected (at
 * most CHAIN_KEEP runs, RUN_KEEP digits each: nothing longer can be a
 * personal number), tried as one grouped number, and otherwise tried run
 * by run.  The checks are the structure of each number (GB 11643 check
 * digit and birth date, mobile prefixes, Luhn), which is what keeps
 * false positives rare: see tests/unit_privacy.c for the figures.
 */
#include <string.h>

#include "privacy.h"
#include "workday.h"

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
	int	x;		/* followed by a free 'X'/'x' (ID check) */
};

typedef void	(*hit_fn)(void *, size_t, size_t, enum privacy_kind);

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

/* 1 if nothing glues the number starting at s[i] on its left. */
static int
free_before(const unsigned char *s, size_t i)
{
	if (i == 0)
		return 1;
	if (s[i - 1] < 0x80) {
		if (s[i - 1] == '.')
			return !digit_before(s, i - 1);
		return !glue_ascii(s[i - 1]);
	}
	if (i >= 2 && s[i - 2] == 0xC3 && s[i - 1] == 0x97)
		return 0;				/* '×' */
	return !(i >= 3 && s[i - 3] == 0xEF &&
	    glue_fullwidth(s[i - 2], s[i - 1]));
}

/* Width of a chain separator at s[i] (' ', '-', U+3000, '－'), or 0. */
static size_t
sep_at(const unsigned char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (s[i] == ' ' || s[i] == '-')
		return 1;
	if (i + 2 < len && ((s[i] == 0xE3 && s[i + 1] == 0x80 &&
	    s[i + 2] == 0x80) || (s[i] == 0xEF && s[i + 1] == 0xBC &&
	    s[i + 2] == 0x8D)))
		return 3;
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
	r->x = p < len && (s[p] == 'X' || s[p] == 'x') &&
	    free_after(s, len, p + 1);
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

static int
bank_ok(const char *d, size_t n)
{
	return n >= 16 && n <= 19 && d[0] >= '3' && d[0] <= '6' &&
	    luhn_ok(d, n);
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
		if (nr != 3 || r[0].n != 6 || r[1].n != 8 || r[2].n != 3)
			return 0;
		memcpy(d, r[0].d, 6);
		memcpy(d + 6, r[1].d, 8);
		memcpy(d + 14, r[2].d, 3);
		d[17] = 'X';
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
	if (nr - cc == 3 && r[cc].n == 3 && r[cc + 1].n == 4 &&
	    r[cc + 2].n == 4 && mobile_ok(r[cc].d)) {
		*kind = PRIV_MOBILE;
		return 1;
	}
	if (nr == 3 && r[0].n == 6 && r[1].n == 8 && r[2].n == 4) {
		memcpy(d, r[0].d, 6);
		memcpy(d + 6, r[1].d, 8);
		memcpy(d + 14, r[2].d, 4);
		*kind = PRIV_ID18;
		return id18_ok(d);
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
		d[17] = 'X';
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

/* Reports the number from run a to run b (inclusive). */
static void
report(const unsigned char *s, const struct run *a, const struct run *b,
    enum privacy_kind kind, hit_fn hit, void *arg, int *count)
{
	size_t	off = a->off, end = b->end + (b->x && kind == PRIV_ID18);

	if (kind == PRIV_MOBILE)
		off -= plus_before(s, off);
	if (hit != NULL)
		hit(arg, off, end - off, kind);
	(*count)++;
}

static void
single(const unsigned char *s, const struct run *r, hit_fn hit, void *arg,
    int *count)
{
	enum privacy_kind	kind;

	if (run_kind(r, &kind))
		report(s, r, r, kind, hit, arg, count);
}

int
privacy_scan(const char *text, size_t len, hit_fn hit, void *arg)
{
	const unsigned char	*s = (const unsigned char *)text;
	struct run		 runs[CHAIN_KEEP], r;
	enum privacy_kind	 kind;
	size_t			 i = 0, nr, k, w, q;
	int			 count = 0;

	while (i < len) {
		if (digit_at(s, len, i, &w) < 0) {
			i++;
			continue;
		}
		/* A chain: runs joined by single separators. */
		nr = 0;
		for (;;) {
			read_run(s, len, i, &r);
			if (nr < CHAIN_KEEP)
				runs[nr] = r;
			else {
				/* Too long to be one number: run by run. */
				if (nr == CHAIN_KEEP)
					for (k = 0; k < CHAIN_KEEP; k++)
						single(s, &runs[k], hit, arg,
						    &count);
				single(s, &r, hit, arg, &count);
			}
			nr++;
			q = r.end;
			if (r.x) {
				q++;
				break;
			}
			w = sep_at(s, len, q);
			if (w == 0 || digit_at(s, len, q + w, &k) < 0)
				break;
			i = q + w;
		}
		i = q;
		if (nr > CHAIN_KEEP)
			continue;
		if (nr >= 2 && chain_kind(runs, nr, &kind)) {
			report(s, &runs[0], &runs[nr - 1], kind, hit, arg,
			    &count);
			continue;
		}
		for (k = 0; k < nr; k++)
			single(s, &runs[k], hit, arg, &count);
	}
	return count;
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
	}
	return "personal number";
}
