/*
 * assessment.c -- assessment/<year>.yaml; see assessment.h.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "assessment.h"
#include "diag.h"
#include "rec.h"
#include "site.h"
#include "util.h"
#include "ydoc.h"

static const char *const top_keys[] = { "units", "note", NULL };
static const char *const row_keys[] = { "unit", "score", "rank",
	"disqualified", "reason", NULL };

/* A score: up to four digits with at most one decimal (0 to 9999.9),
 * as written and in tenths; none when absent or null. */
static int
get_score(const char *path, const struct ynode *m, struct arena *ar,
    struct assessed *r)
{
	const struct ynode	*n = ynode_get(m, "score");
	size_t			 d;

	r->score = NULL;
	r->tenths = -1;
	if (n == NULL || ynode_is_null(n))
		return 0;
	if (n->type != YN_SCALAR)
		goto bad;
	if (n->str[0] == '-' && strspn(n->str + 1, "0123456789.") ==
	    n->slen - 1 && n->slen > 1) {
		diag_error(path, n->line, n->col, "'score' must be 0 or more, "
		    "not '%s'", n->str);
		return -1;
	}
	d = strspn(n->str, "0123456789");
	if (d == 0 || d > 4)
		goto bad;
	if (n->str[d] == '.' && (strspn(n->str + d + 1, "0123456789") != 1 ||
	    n->str[d + 2] != '\0'))
		goto bad;
	if (n->str[d] != '.' && n->str[d] != '\0')
		goto bad;
	r->score = arena_strdup(ar, n->str);
	r->tenths = strtol(n->str, NULL, 10) * 10 +
	    (n->str[d] == '.' ? n->str[d + 1] - '0' : 0);
	return 0;
bad:
	diag_error(path, n->line, n->col, "'score' must be a number such as "
	    "92 or 87.5, not '%s'", n->type == YN_SCALAR ? n->str :
	    ynode_type_name(n));
	return -1;
}

/* A rank: a whole number from 1 (the best); 0 when absent or null. */
static int
get_rank(const char *path, const struct ynode *m, struct assessed *r)
{
	const struct ynode	*n = ynode_get(m, "rank");
	size_t			 z;

	r->rank = 0;
	if (n == NULL || ynode_is_null(n))
		return 0;
	r->rank_line = n->line;
	r->rank_col = n->col;
	z = n->type == YN_SCALAR ? strspn(n->str, "0") : 0;
	if (n->type != YN_SCALAR || n->slen == 0 ||
	    strspn(n->str, "0123456789") != n->slen || z == n->slen ||
	    n->slen - z > 9) {
		diag_error(path, n->line, n->col, "'rank' must be a whole "
		    "number from 1 (the best), not '%s'", n->type ==
		    YN_SCALAR ? n->str : ynode_type_name(n));
		return -1;
	}
	r->rank = strtol(n->str, NULL, 10);
	return 0;
}

/* Units of one rank scored alike: reports each row whose rank an
 * earlier row has with another score, naming both. */
static int
check_ties(const char *path, const struct assessment *a)
{
	const struct assessed	*x, *y;
	size_t			 i, j;
	int			 rc = 0;

	for (j = 0; j < a->nrows; j++) {
		y = &a->rows[j];
		if (y->rank == 0 || y->tenths < 0 || y->unit == NULL)
			continue;
		for (i = 0; i < j; i++) {
			x = &a->rows[i];
			if (x->rank != y->rank || x->tenths < 0 ||
			    x->unit == NULL || x->tenths == y->tenths)
				continue;
			diag_error(path, y->rank_line, y->rank_col, "rank %ld "
			    "is given to '%s' (score %s) and to '%s' (score "
			    "%s): units of one rank have the same score",
			    y->rank, x->unit, x->score, y->unit, y->score);
			rc = -1;
			break;
		}
	}
	return rc;
}

static int
parse_row(const char *path, const struct ynode *m, struct arena *ar,
    struct assessed *r)
{
	const struct ynode	*n;
	int			 rc = 0;

	if (ynode_want(path, m, YN_MAP, "an assessed unit") == -1)
		return -1;
	r->line = m->line;
	r->col = m->col;
	rc |= ynode_keys_allowed(path, m, row_keys);
	rc |= rec_text(path, m, "unit", 1, ar, &r->unit);
	if ((n = ynode_get(m, "unit")) != NULL) {
		r->line = n->line;
		r->col = n->col;
	}
	rc |= get_score(path, m, ar, r);
	rc |= get_rank(path, m, r);
	rc |= rec_text(path, m, "reason", 0, ar, &r->reason);
	if ((n = ynode_get(m, "disqualified")) != NULL &&
	    !ynode_is_null(n)) {
		if (n->type == YN_SCALAR && n->plain &&
		    strcmp(n->str, "true") == 0)
			r->disqualified = 1;
		else if (!(n->type == YN_SCALAR && n->plain &&
		    strcmp(n->str, "false") == 0)) {
			diag_error(path, n->line, n->col, "'disqualified' "
			    "must be true or false");
			rc = -1;
		}
	}
	if (r->disqualified && r->reason == NULL) {
		diag_error(path, m->line, m->col, "a disqualified unit "
		    "needs a 'reason' (取消评先评优的原因)");
		rc = -1;
	}
	return rc;
}

int
assessment_parse(const char *path, const char *text, size_t len,
    struct arena *ar, struct assessment *a)
{
	struct ynode		*root = NULL;
	const struct ynode	*l;
	const char		*base = strrchr(path, '/');
	size_t			 i;
	int			 rc = 0;

	memset(a, 0, sizeof(*a));
	a->path = arena_strdup(ar, path);
	base = base != NULL ? base + 1 : path;
	if (strlen(base) != 9 || strspn(base, "0123456789") != 4 ||
	    strcmp(base + 4, ".yaml") != 0) {
		diag_error(path, 1, 1, "an assessment file is named "
		    "<year>.yaml, as in 2026.yaml");
		rc = -1;
	} else
		a->year = atoi(base);
	if (text_check(path, text, len, 0) == -1 ||
	    ydoc_parse(path, text, len, 0, &root) == -1)
		return -1;
	if (ynode_want(path, root, YN_MAP, "an assessment") == -1) {
		rc = -1;
		goto out;
	}
	rc |= ynode_keys_allowed(path, root, top_keys);
	rc |= rec_text(path, root, "note", 0, ar, &a->note);
	l = ynode_get(root, "units");
	if (l == NULL || ynode_is_null(l)) {
		diag_error(path, root->line, root->col, "missing required "
		    "field 'units'");
		rc = -1;
		goto out;
	}
	if (ynode_want(path, l, YN_SEQ, "'units'") == -1) {
		rc = -1;
		goto out;
	}
	a->rows = arena_alloc(ar, (l->n + 1) * sizeof(*a->rows));
	for (i = 0; i < l->n; i++) {
		memset(&a->rows[i], 0, sizeof(a->rows[i]));
		rc |= parse_row(path, l->kids[i], ar, &a->rows[i]);
	}
	a->nrows = l->n;
	rc |= check_ties(path, a);
out:
	ynode_free(root);
	return rc ? -1 : 0;
}

int
assessment_check(const struct assessment *a, const struct site *s,
    size_t by)
{
	size_t	i, j, u;
	int	rc = 0;

	for (i = 0; i < a->nrows; i++) {
		const struct assessed *r = &a->rows[i];

		if (r->unit == NULL)
			continue;
		u = site_unit(s, r->unit);
		if (u == NO_INDEX && s->gated)
			/* What is not approved cannot stop what is: the
			 * unit's _unit.yaml may wait for approval. */
			diag_warn(a->path, r->line, r->col, "'%s' is not a "
			    "published unit: shown as plain text, without "
			    "figures", r->unit);
		else if (u == NO_INDEX) {
			diag_error(a->path, r->line, r->col, "'%s' is not a "
			    "unit", r->unit);
			rc = -1;
		} else if (u == by || !site_under(s, u, by)) {
			diag_error(a->path, r->line, r->col, "'%s' is not "
			    "under '%s': a unit assesses its subordinates",
			    r->unit, s->units[by].dir);
			rc = -1;
		}
		for (j = 0; j < i; j++)
			if (a->rows[j].unit != NULL &&
			    strcmp(a->rows[j].unit, r->unit) == 0) {
				diag_error(a->path, r->line, r->col, "'%s' is "
				    "listed twice", r->unit);
				rc = -1;
				break;
			}
	}
	return rc;
}
