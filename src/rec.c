/*
 * rec.c -- fields of the programmes' record files; see rec.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "rec.h"
#include "site.h"
#include "workday.h"
#include "ydoc.h"

static const struct ynode *
missing(const char *path, const struct ynode *m, const char *k,
    int required)
{
	const struct ynode	*n = ynode_get(m, k);

	if (n != NULL && !ynode_is_null(n))
		return n;
	if (required)
		diag_error(path, m->line, m->col, "missing required field "
		    "'%s'", k);
	return NULL;
}

int
rec_future(const char *path, int line, int col, const char *k,
    const char *value, long today)
{
	char	t[DATE_BUFSZ];

	rec_day_fmt(today, t);
	diag_error(path, line, col, "'%s' %s is in the future (today is %s)",
	    k, value, t);
	return -1;
}

int
rec_date(const char *path, const struct ynode *m, const char *k,
    int required, long today, long *out)
{
	const struct ynode	*n;
	struct date		 d;

	*out = NO_DATE;
	if ((n = missing(path, m, k, required)) == NULL)
		return required ? -1 : 0;
	if (n->type != YN_SCALAR || date_parse(n->str, &d) == -1) {
		diag_error(path, n->line, n->col, "malformed date in '%s' "
		    "(expected YYYY-MM-DD)", k);
		return -1;
	}
	if (today != NO_DATE && date_days(&d) > today)
		return rec_future(path, n->line, n->col, k, n->str, today);
	*out = date_days(&d);
	return 0;
}

int
rec_count_node(const char *path, const struct ynode *n, const char *what,
    long *out)
{
	size_t	z;

	if (n->type != YN_SCALAR || n->slen == 0 ||
	    strspn(n->str, "0123456789") != n->slen) {
		diag_error(path, n->line, n->col, "%s must be a whole number "
		    "(0 or more), not '%s'", what,
		    n->type == YN_SCALAR ? n->str : ynode_type_name(n));
		return -1;
	}
	/* digits, but more than a count holds (leading zeros aside) */
	z = strspn(n->str, "0");
	if (n->slen - z > 9) {
		diag_error(path, n->line, n->col, "%s is too large: %s is more "
		    "than %ld, the most a count may be", what, n->str,
		    REC_COUNT_MAX);
		return -1;
	}
	*out = strtol(n->str, NULL, 10);
	return 0;
}

int
rec_count(const char *path, const struct ynode *m, const char *k,
    int required, long *out)
{
	const struct ynode	*n;
	char			 what[80];

	if ((n = missing(path, m, k, required)) == NULL)
		return required ? -1 : 0;
	snprintf(what, sizeof(what), "'%s'", k);
	return rec_count_node(path, n, what, out);
}

int
rec_text(const char *path, const struct ynode *m, const char *k,
    int required, struct arena *ar, const char **out)
{
	const char	*s;

	*out = NULL;
	if (ynode_str(path, m, k, required, &s) == -1)
		return -1;
	if (s != NULL && *s != '\0')
		*out = arena_strdup(ar, s);
	else if (required) {
		const struct ynode *n = ynode_get(m, k);

		diag_error(path, n->line, n->col, "'%s' must not be empty",
		    k);
		return -1;
	}
	return 0;
}

int
rec_choice(const char *path, const struct ynode *m, const char *k,
    int required, const char *const *list, size_t n, int *out)
{
	const struct ynode	*v;
	struct buf		 b;
	size_t			 i;

	*out = -1;
	if ((v = missing(path, m, k, required)) == NULL)
		return required ? -1 : 0;
	for (i = 0; v->type == YN_SCALAR && i < n; i++)
		if (strcmp(v->str, list[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", list[i]);
	diag_error(path, v->line, v->col, "unknown %s '%s' (expected one "
	    "of: %s)", k, v->type == YN_SCALAR ? v->str :
	    ynode_type_name(v), b.data);
	buf_dispose(&b);
	return -1;
}

int
rec_yuan(const char *path, const struct ynode *n, long *fen)
{
	size_t	d, f = 0;
	long	v;

	if (n->type != YN_SCALAR)
		goto bad;
	d = strspn(n->str, "0123456789");
	if (d == 0 || d > 9)
		goto bad;
	v = strtol(n->str, NULL, 10) * 100;
	if (n->str[d] == '.') {
		f = strspn(n->str + d + 1, "0123456789");
		if (f == 0 || f > 2 || n->str[d + 1 + f] != '\0')
			goto bad;
		v += strtol(n->str + d + 1, NULL, 10) * (f == 1 ? 10 : 1);
	} else if (n->str[d] != '\0')
		goto bad;
	*fen = v;
	return 0;
bad:
	diag_error(path, n->line, n->col, "an amount must be yuan such as "
	    "500 or 35.50");
	return -1;
}

void
rec_yuan_fmt(long fen, char out[32])
{
	if (fen % 100 == 0)
		snprintf(out, 32, "%ld", fen / 100);
	else
		snprintf(out, 32, "%ld.%02ld", fen / 100, fen % 100);
}

void
rec_day_fmt(long day, char out[11])
{
	struct date	d;

	if (day == NO_DATE) {
		out[0] = '\0';
		return;
	}
	date_from_days(day, &d);
	date_fmt(out, &d);
}

/* The slug of path: its file name without ".md". */
const char *
rec_slug(struct arena *ar, const char *path)
{
	const char	*b = strrchr(path, '/');
	size_t		 n;

	b = b != NULL ? b + 1 : path;
	n = strlen(b);
	if (n > 3 && strcmp(b + n - 3, ".md") == 0)
		n -= 3;
	return arena_strndup(ar, b, n);
}
