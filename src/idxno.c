/*
 * idxno.c -- compile, make and match index-number formats.
 *
 * A format compiles to a list of ops (literal text or one placeholder)
 * so a unit's format is parsed once and every error is found before any
 * number is made.  Matching walks the ops with backtracking over the
 * digit fields, because an unpadded {serial} next to other digits (say
 * "{serial}{year}") has no fixed width.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "idxno.h"
#include "util.h"

enum idxop_kind {
	OP_LIT,		/* literal text */
	OP_ORG,		/* {org_code} */
	OP_CODE,	/* {code} */
	OP_CAT,		/* {category} */
	OP_YEAR,	/* {year} */
	OP_YYYYMM,	/* {yyyymm} */
	OP_SERIAL	/* {serial} or {serial:0N} */
};

struct idxop {
	enum idxop_kind	 kind;	/* what this op stands for */
	char		*lit;	/* OP_LIT: the text, owned */
	size_t		 len;	/* OP_LIT: strlen(lit) */
	int		 width;	/* OP_SERIAL: zero-padding width, 0 for none */
};

struct idxfmt {
	struct idxop	*ops;		/* in format order */
	size_t		 nops;
	int		 has_year;	/* {year} or {yyyymm} present */
	int		 has_month;	/* {yyyymm} present */
};

/* What a match found; year and month are 0 until a field sets them. */
struct mstate {
	unsigned	serial;
	int		year;
	int		month;
};

static void
set_err(char *err, size_t errlen, const char *fmt, const char *name,
    size_t namelen)
{
	if (errlen == 0)
		return;
	/* Placeholders are short; cut a silly one rather than overflow. */
	if (namelen > 40)
		namelen = 40;
	snprintf(err, errlen, fmt, (int)namelen, name);
}

static void
add_op(struct idxfmt *f, size_t *cap, enum idxop_kind kind,
    const char *lit, size_t len, int width)
{
	struct idxop	*op;

	xgrow(&f->ops, cap, f->nops + 1, sizeof(*f->ops));
	op = &f->ops[f->nops++];
	op->kind = kind;
	op->lit = lit != NULL ? xstrndup(lit, len) : NULL;
	op->len = len;
	op->width = width;
}

int
idxfmt_compile(const char *fmt, struct idxfmt **out, char *err,
    size_t errlen)
{
	struct idxfmt	*f;
	size_t		 cap = 0, n;
	const char	*p = fmt, *lit, *end, *name;
	int		 nserial = 0;

	f = xcalloc(1, sizeof(*f));
	*out = NULL;
	if (errlen > 0)
		err[0] = '\0';
	while (*p != '\0') {
		if (*p != '{') {
			if (*p == '}') {
				set_err(err, errlen, "unmatched '%.*s' in "
				    "index format", p, 1);
				goto fail;
			}
			lit = p;
			while (*p != '\0' && *p != '{' && *p != '}')
				p++;
			add_op(f, &cap, OP_LIT, lit, (size_t)(p - lit), 0);
			continue;
		}
		end = strchr(p, '}');
		if (end == NULL) {
			set_err(err, errlen, "unclosed placeholder '%.*s'",
			    p, strlen(p));
			goto fail;
		}
		name = p + 1;
		n = (size_t)(end - name);
		if (n == 8 && memcmp(name, "org_code", n) == 0)
			add_op(f, &cap, OP_ORG, NULL, 0, 0);
		else if (n == 4 && memcmp(name, "code", n) == 0)
			add_op(f, &cap, OP_CODE, NULL, 0, 0);
		else if (n == 8 && memcmp(name, "category", n) == 0)
			add_op(f, &cap, OP_CAT, NULL, 0, 0);
		else if (n == 4 && memcmp(name, "year", n) == 0) {
			add_op(f, &cap, OP_YEAR, NULL, 0, 0);
			f->has_year = 1;
		} else if (n == 6 && memcmp(name, "yyyymm", n) == 0) {
			add_op(f, &cap, OP_YYYYMM, NULL, 0, 0);
			f->has_year = f->has_month = 1;
		} else if (n == 6 && memcmp(name, "serial", n) == 0) {
			add_op(f, &cap, OP_SERIAL, NULL, 0, 0);
			nserial++;
		} else if (n > 7 && memcmp(name, "serial:", 7) == 0) {
			/* Only "0" and one digit 1..9: wider is no index. */
			if (n != 9 || name[7] != '0' || name[8] < '1' ||
			    name[8] > '9') {
				set_err(err, errlen, "bad serial width in "
				    "'%.*s' (want {serial:0N}, N from 1 to 9)",
				    p, n + 2);
				goto fail;
			}
			add_op(f, &cap, OP_SERIAL, NULL, 0, name[8] - '0');
			nserial++;
		} else {
			set_err(err, errlen, "unknown placeholder '%.*s'",
			    p, n + 2);
			goto fail;
		}
		p = end + 1;
	}
	if (nserial != 1) {
		set_err(err, errlen, nserial == 0 ?
		    "index format has no '%.*s'" :
		    "index format has more than one '%.*s'", "{serial}", 8);
		goto fail;
	}
	*out = f;
	return 0;
fail:
	idxfmt_free(f);
	return -1;
}

void
idxfmt_free(struct idxfmt *f)
{
	size_t	i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nops; i++)
		free(f->ops[i].lit);
	free(f->ops);
	free(f);
}

int
idxfmt_has_year(const struct idxfmt *f)
{
	return f->has_year;
}

int
idxfmt_has_month(const struct idxfmt *f)
{
	return f->has_month;
}

static const char *
var_str(const struct idxvars *v, enum idxop_kind kind)
{
	const char	*s = NULL;

	if (v != NULL) {
		if (kind == OP_ORG)
			s = v->org_code;
		else if (kind == OP_CODE)
			s = v->code;
		else if (kind == OP_CAT)
			s = v->category;
	}
	return s != NULL ? s : "";
}

char *
idxfmt_make(const struct idxfmt *f, const struct idxvars *v,
    unsigned serial)
{
	struct buf		 b = BUF_INIT;
	const struct idxop	*op;
	size_t			 i;

	for (i = 0; i < f->nops; i++) {
		op = &f->ops[i];
		switch (op->kind) {
		case OP_LIT:
			buf_put(&b, op->lit, op->len);
			break;
		case OP_ORG:
		case OP_CODE:
		case OP_CAT:
			buf_puts(&b, var_str(v, op->kind));
			break;
		case OP_YEAR:
			buf_printf(&b, "%04d", v->year);
			break;
		case OP_YYYYMM:
			buf_printf(&b, "%04d%02d", v->year, v->month);
			break;
		case OP_SERIAL:
			buf_printf(&b, "%0*u", op->width, serial);
			break;
		}
	}
	return buf_detach(&b, NULL);
}

/* Number of ASCII digits at the start of s. */
static size_t
digit_run(const char *s)
{
	size_t	n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

static int
digits_value(const char *s, size_t n)
{
	int	v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* 1 if ops i.. match all of s; fills *st on success. */
static int
match_ops(const struct idxfmt *f, size_t i, const struct idxvars *v,
    const char *s, struct mstate *st)
{
	const struct idxop	*op;
	const char		*vs;
	struct mstate		 saved;
	size_t			 run, n, k, min;
	unsigned		 val, d;
	int			 y, m;

	if (i == f->nops)
		return *s == '\0';
	op = &f->ops[i];
	switch (op->kind) {
	case OP_LIT:
		return strncmp(s, op->lit, op->len) == 0 &&
		    match_ops(f, i + 1, v, s + op->len, st);
	case OP_ORG:
	case OP_CODE:
	case OP_CAT:
		vs = var_str(v, op->kind);
		n = strlen(vs);
		return strncmp(s, vs, n) == 0 &&
		    match_ops(f, i + 1, v, s + n, st);
	case OP_YEAR:
	case OP_YYYYMM:
		n = op->kind == OP_YEAR ? 4 : 6;
		if (digit_run(s) < n)
			return 0;
		y = digits_value(s, 4);
		m = n == 6 ? digits_value(s + 4, 2) : 0;
		if (y < 1 || (n == 6 && (m < 1 || m > 12)))
			return 0;
		/* {year} and {yyyymm} in one format must agree. */
		if ((st->year != 0 && st->year != y) ||
		    (m != 0 && st->month != 0 && st->month != m))
			return 0;
		saved = *st;
		st->year = y;
		if (m != 0)
			st->month = m;
		if (match_ops(f, i + 1, v, s + n, st))
			return 1;
		*st = saved;
		return 0;
	case OP_SERIAL:
		run = digit_run(s);
		min = op->width > 0 ? (size_t)op->width : 1;
		/* Longest first; shorter only if what follows needs digits. */
		for (n = run; n >= min && n > 0; n--) {
			if (n > min && s[0] == '0')
				continue;	/* over-padded */
			val = 0;
			for (k = 0; k < n; k++) {
				d = (unsigned)(s[k] - '0');
				if (val > (UINT_MAX - d) / 10)
					break;
				val = val * 10 + d;
			}
			if (k < n)
				continue;	/* does not fit */
			saved = *st;
			st->serial = val;
			if (match_ops(f, i + 1, v, s + n, st))
				return 1;
			*st = saved;
		}
		return 0;
	}
	return 0;
}

static int
match_full(const struct idxfmt *f, const struct idxvars *v, const char *s,
    struct mstate *st)
{
	memset(st, 0, sizeof(*st));
	return s != NULL && match_ops(f, 0, v, s, st);
}

int
idxfmt_match(const struct idxfmt *f, const struct idxvars *v,
    const char *s, unsigned *serial, int *year)
{
	struct mstate	st;

	if (!match_full(f, v, s, &st))
		return 0;
	if (serial != NULL)
		*serial = st.serial;
	if (year != NULL)
		*year = st.year;
	return 1;
}

unsigned
idxfmt_next_serial(const struct idxfmt *f, const struct idxvars *v,
    int year, const char *const *existing, size_t n)
{
	struct mstate	st;
	unsigned	max = 0;
	size_t		i;

	for (i = 0; i < n; i++) {
		if (!match_full(f, v, existing[i], &st))
			continue;
		if (f->has_year && st.year != year)
			continue;
		if (f->has_month && st.month != (v != NULL ? v->month : 0))
			continue;
		if (st.serial > max)
			max = st.serial;
	}
	return max == UINT_MAX ? 0 : max + 1;
}
