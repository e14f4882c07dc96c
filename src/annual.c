/*
 * annual.c -- the annual/<year>.yaml parser; see annual.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annual.h"
#include "arena.h"
#include "diag.h"
#include "ydoc.h"

static const char *const annual_keys[] = { "summary", "proactive",
	"requests", "appeals", "fees", "problems", "other", NULL };
static const char *const proactive_keys[] = { "licensing", "penalties",
	"coercion", "fee_income", NULL };
static const char *const proactive_counts[] = { "licensing", "penalties",
	"coercion", NULL };
static const char *const request_keys[] = { "received", "carried_over",
	"granted", "partly_granted", "refused", "unavailable",
	"not_processed", "other", "carried_forward", NULL };
static const char *const appeal_keys[] = { "review", "litigation",
	"litigation_after_review", NULL };
static const char *const result_keys[] = { "upheld", "corrected", "other",
	"pending", NULL };
static const char *const fee_keys[] = { "notices", "billed", "collected",
	NULL };

/* A whole number 0..999999999 under key k of m into *out (kept at -1
 * when absent or null). */
static int
get_count(const char *path, const struct ynode *m, const char *k,
    long *out)
{
	const struct ynode	*n = ynode_get(m, k);

	if (n == NULL || ynode_is_null(n))
		return 0;
	if (n->type != YN_SCALAR || n->slen == 0 ||
	    strspn(n->str, "0123456789") != n->slen) {
		diag_error(path, n->line, n->col, "'%s' must be a whole "
		    "number (0 or more)", k);
		return -1;
	}
	if (n->slen - strspn(n->str, "0") > 9) {
		diag_error(path, n->line, n->col, "'%s' is too large: %s is "
		    "more than 999999999", k, n->str);
		return -1;
	}
	*out = strtol(n->str, NULL, 10);
	return 0;
}

/* An amount (digits, at most two decimals) under key k of m. */
static int
get_amount(const char *path, const struct ynode *m, const char *k,
    struct arena *ar, const char **out)
{
	const struct ynode	*n = ynode_get(m, k);
	size_t			 d;

	if (n == NULL || ynode_is_null(n))
		return 0;
	if (n->type != YN_SCALAR)
		goto bad;
	d = strspn(n->str, "0123456789");
	if (d == 0 || d > 12)
		goto bad;
	if (n->str[d] == '.') {
		size_t	f = strspn(n->str + d + 1, "0123456789");

		if (f == 0 || f > 2 || n->str[d + 1 + f] != '\0')
			goto bad;
	} else if (n->str[d] != '\0')
		goto bad;
	*out = arena_strdup(ar, n->str);
	return 0;
bad:
	diag_error(path, n->line, n->col, "'%s' must be an amount such as "
	    "1200 or 35.50", k);
	return -1;
}

/* The map under key k of m (NULL if absent); -1 if not a map. */
static int
get_map(const char *path, const struct ynode *m, const char *k,
    const char *const *keys, const struct ynode **out)
{
	const struct ynode	*n = ynode_get(m, k);
	char			 what[64];

	*out = NULL;
	if (n == NULL || ynode_is_null(n))
		return 0;
	snprintf(what, sizeof(what), "'%s'", k);
	if (ynode_want(path, n, YN_MAP, what) == -1)
		return -1;
	*out = n;
	return ynode_keys_allowed(path, n, keys);
}

static int
get_text(const char *path, const struct ynode *m, const char *k,
    struct arena *ar, const char **out)
{
	const char	*s;

	if (ynode_str(path, m, k, 0, &s) == -1)
		return -1;
	*out = s != NULL && *s != '\0' ? arena_strdup(ar, s) : NULL;
	return 0;
}

/* Counts keys[i] of map m into n[i]. */
static int
get_counts(const char *path, const struct ynode *m, const char *const *keys,
    long *n)
{
	int	rc = 0;
	size_t	i;

	for (i = 0; m != NULL && keys[i] != NULL; i++)
		rc |= get_count(path, m, keys[i], &n[i]);
	return rc;
}

int
annual_parse(const char *path, const char *text, size_t len,
    struct arena *ar, struct annual *a)
{
	struct ynode		*root = NULL;
	const struct ynode	*m, *ap, *g;
	long			 in, out;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; i < AN_NCOUNTS; i++)
		a->n[i] = -1;
	for (i = 0; i < AA_NAMOUNTS; i++)
		a->amount[i] = NULL;
	a->summary = a->problems = a->other = NULL;
	if (ydoc_parse(path, text, len, 0, &root) == -1)
		return -1;
	if (ynode_want(path, root, YN_MAP, "an annual report") == -1) {
		rc = -1;
		goto out;
	}
	rc |= ynode_keys_allowed(path, root, annual_keys);
	rc |= get_text(path, root, "summary", ar, &a->summary);
	rc |= get_text(path, root, "problems", ar, &a->problems);
	rc |= get_text(path, root, "other", ar, &a->other);

	rc |= get_map(path, root, "proactive", proactive_keys, &m);
	rc |= get_counts(path, m, proactive_counts, &a->n[AN_LICENSING]);
	if (m != NULL)
		rc |= get_amount(path, m, "fee_income", ar,
		    &a->amount[AA_FEE_INCOME]);

	rc |= get_map(path, root, "requests", request_keys, &m);
	rc |= get_counts(path, m, request_keys, &a->n[AN_RECEIVED]);
	for (i = AN_RECEIVED; i <= AN_CARRIED_FORWARD && a->n[i] >= 0; i++)
		;
	if (m != NULL && i > AN_CARRIED_FORWARD) {
		in = a->n[AN_RECEIVED] + a->n[AN_CARRIED_OVER];
		for (out = 0, i = AN_GRANTED; i <= AN_CARRIED_FORWARD; i++)
			out += a->n[i];
		if (in != out) {
			diag_error(path, m->line, m->col, "'requests' do not "
			    "add up: received + carried_over = %ld, but the "
			    "results and carried_forward make %ld", in, out);
			rc = -1;
		}
	}

	rc |= get_map(path, root, "appeals", appeal_keys, &ap);
	for (i = 0; ap != NULL && appeal_keys[i] != NULL; i++) {
		rc |= get_map(path, ap, appeal_keys[i], result_keys, &g);
		rc |= get_counts(path, g, result_keys,
		    &a->n[AN_REVIEW + 4 * i]);
	}

	rc |= get_map(path, root, "fees", fee_keys, &m);
	if (m != NULL) {
		rc |= get_count(path, m, "notices", &a->n[AN_FEE_NOTICES]);
		rc |= get_amount(path, m, "billed", ar,
		    &a->amount[AA_FEE_BILLED]);
		rc |= get_amount(path, m, "collected", ar,
		    &a->amount[AA_FEE_COLLECTED]);
	}
out:
	ynode_free(root);
	return rc ? -1 : 0;
}
