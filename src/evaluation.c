/*
 * evaluation.c -- evaluation files and their figures; see evaluation.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cfg.h"
#include "diag.h"
#include "evaluation.h"
#include "rec.h"
#include "site.h"
#include "util.h"
#include "workday.h"
#include "ydoc.h"

static const char *const eval_keys[] = { "title", "kind", "subject",
	"date", "methods", "respondents", "results", "findings", NULL };

/* <year>-<slug>.yaml: the year and the slug from the file's name. */
static int
parse_name(const char *path, struct arena *ar, struct evaluation *ev)
{
	const char	*base = strrchr(path, '/');
	size_t		 n;

	base = base != NULL ? base + 1 : path;
	n = strlen(base);
	if (n < 11 || !str_suffix(base, ".yaml") ||
	    strspn(base, "0123456789") != 4 || base[4] != '-' ||
	    strspn(base + 5, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
	    n - 10) {
		diag_error(path, 1, 1, "an evaluation file is named "
		    "<year>-<slug>.yaml (slug: a-z, 0-9, '-'), as in "
		    "2026-farmers.yaml");
		return -1;
	}
	ev->year = atoi(base);
	ev->slug = arena_strndup(ar, base, n - 5);
	return 0;
}

static int
parse_methods(const char *path, const struct ynode *root,
    const struct config *cfg, struct arena *ar, struct evaluation *ev)
{
	const char	**list;
	size_t		  i, j, n;
	int		  rc = 0;

	if (ynode_strlist(path, root, "methods", &list, &n) == -1)
		return -1;
	ev->methods = arena_alloc(ar, (n + 1) * sizeof(*ev->methods));
	for (i = 0; i < n; i++) {
		for (j = 0; j < cfg->neval_methods; j++)
			if (strcmp(list[i], cfg->eval_methods[j]) == 0)
				break;
		if (j == cfg->neval_methods) {
			const struct ynode *e = ynode_get(root,
			    "methods")->kids[i];

			diag_error(path, e->line, e->col, "unknown method "
			    "'%s' (config.yaml 'evaluations.methods' has "
			    "%zu)", list[i], cfg->neval_methods);
			rc = -1;
		}
		ev->methods[i] = arena_strdup(ar, list[i]);
	}
	ev->methods[n] = NULL;
	ev->nmethods = n;
	free(list);
	return rc;
}

/* results: one row per question, each one count per label of the scale,
 * no row more answers than there were respondents. */
static int
parse_results(const char *path, const struct ynode *root,
    struct arena *ar, struct evaluation *ev)
{
	const struct evalkind	*k = ev->kind;
	const struct ynode	*r = ynode_get(root, "results"), *row;
	size_t			 q, i;
	long			 sum;
	int			 rc = 0, rowrc;
	char			 what[96];

	if (r == NULL || ynode_is_null(r)) {
		diag_error(path, root->line, root->col, "missing required "
		    "field 'results'");
		return -1;
	}
	if (ynode_want(path, r, YN_SEQ, "'results'") == -1)
		return -1;
	if (r->n != k->nquestions) {
		diag_error(path, r->line, r->col, "'results' has %zu rows "
		    "but kind '%s' has %zu questions (one row per question, "
		    "in config.yaml's order)", r->n, k->id, k->nquestions);
		return -1;
	}
	ev->counts = arena_alloc(ar, k->nquestions * k->nscale *
	    sizeof(*ev->counts));
	for (q = 0; q < r->n; q++) {
		row = r->kids[q];
		if (row->type != YN_SEQ || row->n != k->nscale) {
			diag_error(path, row->line, row->col, "row %zu of "
			    "'results' must be a list of %zu counts (%s%s%s)",
			    q + 1, k->nscale, k->scale[0],
			    k->nscale > 2 ? " … " : "/",
			    k->scale[k->nscale - 1]);
			rc = -1;
			continue;
		}
		for (rowrc = 0, sum = 0, i = 0; i < row->n; i++) {
			long *c = &ev->counts[q * k->nscale + i];

			snprintf(what, sizeof(what), "the count of '%s' in "
			    "row %zu", k->scale[i], q + 1);
			*c = 0;
			if (rec_count_node(path, row->kids[i], what, c) == -1)
				rowrc = rc = -1;
			sum += *c;
		}
		if (rowrc == 0 && ev->respondents >= 0 &&
		    sum > ev->respondents) {
			diag_error(path, row->line, row->col, "row %zu of "
			    "'results' counts %ld answers but there were "
			    "%ld respondents", q + 1, sum, ev->respondents);
			rc = -1;
		}
	}
	return rc;
}

int
evaluation_parse(const char *path, const char *text, size_t len,
    const struct config *cfg, long today, struct arena *ar,
    struct evaluation *ev)
{
	struct ynode		*root = NULL;
	const struct ynode	*n;
	struct date		 d;
	const char		*kind;
	int			 rc = 0;

	memset(ev, 0, sizeof(*ev));
	ev->path = arena_strdup(ar, path);
	ev->respondents = -1;
	if (parse_name(path, ar, ev) == -1)
		rc = -1;
	if (text_check(path, text, len, 0) == -1)
		return -1;
	if (ydoc_parse(path, text, len, 0, &root) == -1)
		return -1;
	if (ynode_want(path, root, YN_MAP, "an evaluation") == -1) {
		rc = -1;
		goto out;
	}
	rc |= ynode_keys_allowed(path, root, eval_keys);
	rc |= rec_text(path, root, "title", 1, ar, &ev->title);
	rc |= rec_text(path, root, "subject", 1, ar, &ev->subject);
	if ((n = ynode_get(root, "subject")) != NULL) {
		ev->subject_line = n->line;
		ev->subject_col = n->col;
	}
	rc |= rec_date(path, root, "date", 1, today, &ev->date);
	if (ev->date != NO_DATE && ev->year > 0) {
		date_from_days(ev->date, &d);
		if (d.year != ev->year) {
			n = ynode_get(root, "date");
			diag_error(path, n->line, n->col, "'date' is in %d "
			    "but the file name says %d", d.year, ev->year);
			rc = -1;
		}
	}
	rc |= rec_count(path, root, "respondents", 1, &ev->respondents);
	rc |= parse_methods(path, root, cfg, ar, ev);
	rc |= rec_text(path, root, "findings", 0, ar, &ev->findings);
	rc |= rec_text(path, root, "kind", 1, ar, &kind);
	if (kind != NULL && (ev->kind = cfg_evalkind(cfg, kind)) == NULL) {
		n = ynode_get(root, "kind");
		diag_error(path, n->line, n->col, "unknown kind '%s' (not "
		    "in config.yaml 'evaluations')", kind);
		rc = -1;
	}
	if (ev->kind != NULL)
		rc |= parse_results(path, root, ar, ev);
out:
	ynode_free(root);
	return rc ? -1 : 0;
}

size_t
evaluation_subject(const struct evaluation *ev, const struct site *s)
{
	size_t	u = site_unit(s, ev->subject);

	if (u == NO_INDEX && s->gated)
		/* What is not approved cannot stop what is. */
		diag_warn(ev->path, ev->subject_line, ev->subject_col,
		    "subject '%s' is not a published unit: shown as plain "
		    "text", ev->subject);
	else if (u == NO_INDEX)
		diag_error(ev->path, ev->subject_line, ev->subject_col,
		    "subject '%s' is not a unit (a folder under content/ "
		    "with a _unit.yaml)", ev->subject);
	return u;
}

int
evaluation_tenths(long satisfied, long answers)
{
	if (answers <= 0)
		return -1;
	/* round(1000 * s / a) half up == floor((2000 * s + a) / (2 * a)) */
	return (int)((2000 * satisfied + answers) / (2 * answers));
}

void
evaluation_fig(const struct evaluation *ev, size_t q, struct evalfig *out)
{
	const struct evalkind	*k = ev->kind;
	size_t			 r, i;

	out->answers = out->satisfied = 0;
	for (r = 0; r < k->nquestions; r++) {
		if (q != (size_t)-1 && r != q)
			continue;
		for (i = 0; i < k->nscale; i++) {
			long c = ev->counts[r * k->nscale + i];

			out->answers += c;
			if ((int)i < k->satisfied)
				out->satisfied += c;
		}
	}
	out->tenths = evaluation_tenths(out->satisfied, out->answers);
}

void
evaluation_rate_fmt(int tenths, char out[16])
{
	if (tenths < 0)
		snprintf(out, 16, "—");
	else
		snprintf(out, 16, "%d.%d%%", tenths / 10, tenths % 10);
}
