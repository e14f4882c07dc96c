/*
 * progcfg.c -- the programmes' part of config.yaml that struct config
 * keeps: the evaluation kinds with their questions and answer scale
 * (`evaluations`, as DESIGN 8 names it), the supervisors' wording
 * (`programmes.supervisors`) and the media deadline
 * (`programmes.media`); see cfg.h.  prog.c checks the keys of the
 * latter two with progcfg_keys().  Like the
 * catalogues, every word a reader sees comes from here, never from C.
 */
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "diag.h"
#include "util.h"
#include "ydoc.h"

static const char *const kind_keys[] = { "title", "questions", "scale",
	"satisfied", NULL };
static const char *const sup_keys[] = { "title", "rights", "categories",
	NULL };
static const char *const media_keys[] = { "title", "respond_days", NULL };

/* The answer labels when config.yaml gives none: the seed's wording. */
static const char *const default_scale[] = { "满意", "基本满意", "不满意" };

static char **
dup_list(const char **list, size_t n)
{
	char	**out = xcalloc(n + 1, sizeof(*out));
	size_t	  i;

	for (i = 0; i < n; i++)
		out[i] = xstrdup(list[i]);
	return out;
}

static void
free_list(char **list, size_t n)
{
	size_t	i;

	for (i = 0; list != NULL && i < n; i++)
		free(list[i]);
	free(list);
}

/* A non-empty list of text under k of m into *out, *n; absent: 0. */
static int
get_list(const char *path, const struct ynode *m, const char *k,
    char ***out, size_t *n)
{
	const char	**list;
	size_t		  i;

	if (ynode_strlist(path, m, k, &list, n) == -1)
		return -1;
	for (i = 0; i < *n; i++)
		if (*list[i] == '\0') {
			const struct ynode *e = ynode_get(m, k)->kids[i];

			diag_error(path, e->line, e->col, "items of '%s' "
			    "must not be empty", k);
			free(list);
			*n = 0;
			return -1;
		}
	*out = *n > 0 ? dup_list(list, *n) : NULL;
	free(list);
	return 0;
}

/* `satisfied`: how many of the scale's first labels count as satisfied
 * (1 .. nscale - 1), default 2 or fewer for a short scale. */
static int
get_satisfied(const char *path, const struct ynode *m, size_t nscale,
    int dflt, int *out)
{
	const struct ynode	*n = ynode_get(m, "satisfied");
	long			 v;
	char			*end;

	*out = dflt;
	if (n == NULL || ynode_is_null(n))
		return 0;
	v = n->type == YN_SCALAR ? strtol(n->str, &end, 10) : -1;
	if (n->type != YN_SCALAR || *n->str == '\0' || *end != '\0' ||
	    v < 1 || (size_t)v >= nscale) {
		diag_error(path, n->line, n->col, "'satisfied' must be a "
		    "whole number from 1 to %zu (the labels of 'scale' "
		    "counted as satisfied)", nscale - 1);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int
cmp_kind(const void *a, const void *b)
{
	return strcmp(((const struct evalkind *)a)->id,
	    ((const struct evalkind *)b)->id);
}

static int
parse_kind(const char *path, const char *id, const struct ynode *m,
    char **scale, size_t nscale, int satisfied, struct evalkind *k)
{
	const char	*s;
	int		 rc = 0;

	k->id = xstrdup(id);
	if (ynode_want(path, m, YN_MAP, "an evaluation kind") == -1)
		return -1;
	rc |= ynode_keys_allowed(path, m, kind_keys);
	rc |= ynode_str(path, m, "title", 1, &s);
	k->title = xstrdup(s != NULL ? s : id);
	rc |= get_list(path, m, "questions", &k->questions, &k->nquestions);
	if (rc == 0 && k->nquestions == 0) {
		diag_error(path, m->line, m->col, "evaluation kind '%s' "
		    "needs 'questions' (评议内容)", id);
		rc = -1;
	}
	rc |= get_list(path, m, "scale", &k->scale, &k->nscale);
	if (k->nscale == 0) {
		k->scale = dup_list((const char **)scale, nscale);
		k->nscale = nscale;
	} else if (k->nscale < 2) {
		diag_error(path, m->line, m->col, "'scale' needs at least "
		    "two labels");
		return -1;
	}
	if (satisfied >= (int)k->nscale)
		satisfied = (int)k->nscale - 1;
	rc |= get_satisfied(path, m, k->nscale, satisfied, &k->satisfied);
	return rc;
}

static int
parse_evaluations(struct config *c, const struct ynode *ev)
{
	const char	*path = c->path;
	char		**scale = NULL;
	size_t		  nscale = 0, i;
	int		  rc = 0, satisfied = 2;

	if (ev == NULL || ynode_is_null(ev))
		return 0;
	if (ynode_want(path, ev, YN_MAP, "'evaluations'") == -1)
		return -1;
	rc |= get_list(path, ev, "scale", &scale, &nscale);
	if (nscale == 0) {
		scale = dup_list((const char **)default_scale, 3);
		nscale = 3;
	} else if (nscale < 2) {
		diag_error(path, ev->line, ev->col, "'scale' needs at "
		    "least two labels");
		rc = -1;
	}
	rc |= get_satisfied(path, ev, nscale > 2 ? nscale : 3, 2,
	    &satisfied);
	rc |= get_list(path, ev, "methods", &c->eval_methods,
	    &c->neval_methods);
	c->evalkinds = xcalloc(ev->n, sizeof(*c->evalkinds));
	for (i = 0; i < ev->n; i++) {
		const char *k = ev->keys[i]->str;

		if (strcmp(k, "scale") == 0 || strcmp(k, "methods") == 0 ||
		    strcmp(k, "satisfied") == 0)
			continue;
		rc |= parse_kind(path, k, ev->kids[i], scale, nscale,
		    satisfied, &c->evalkinds[c->nevalkinds++]);
	}
	free_list(scale, nscale);
	xqsort(c->evalkinds, c->nevalkinds, sizeof(*c->evalkinds),
	    cmp_kind);
	return rc;
}

static int
parse_supervisors(struct config *c, const struct ynode *m)
{
	const char	*s;
	int		 rc = 0;

	if (m == NULL || ynode_is_null(m))
		return 0;
	if (ynode_want(c->path, m, YN_MAP, "'supervisors'") == -1)
		return -1;
	rc |= ynode_keys_allowed(c->path, m, sup_keys);
	rc |= ynode_str(c->path, m, "rights", 0, &s);
	c->sup_rights = s != NULL ? xstrdup(s) : NULL;
	rc |= get_list(c->path, m, "categories", &c->sup_categories,
	    &c->nsup_categories);
	return rc;
}

static int
parse_media(struct config *c, const struct ynode *m)
{
	const struct ynode	*n;

	c->media_days = 7;
	if (m == NULL || ynode_is_null(m))
		return 0;
	if (ynode_want(c->path, m, YN_MAP, "'media'") == -1 ||
	    ynode_keys_allowed(c->path, m, media_keys) == -1)
		return -1;
	n = ynode_get(m, "respond_days");
	if (n == NULL || ynode_is_null(n))
		return 0;
	if (n->type != YN_SCALAR || n->slen == 0 || n->slen > 3 ||
	    strspn(n->str, "0123456789") != n->slen) {
		diag_error(c->path, n->line, n->col, "'respond_days' must be "
		    "a whole number of days");
		return -1;
	}
	c->media_days = atol(n->str);
	return 0;
}

int
progcfg_parse(struct config *c, const struct ynode *root)
{
	int	rc = 0;

	rc |= parse_evaluations(c, ynode_get(root, "evaluations"));
	const struct ynode	*ps = ynode_get(root, "programmes");

	if (ps != NULL && ps->type != YN_MAP)
		ps = NULL;	/* reported by prog_cfg_parse() */
	rc |= parse_supervisors(c, ynode_get(ps, "supervisors"));
	rc |= parse_media(c, ynode_get(ps, "media"));
	return rc;
}

void
progcfg_free(struct config *c)
{
	size_t	i;

	for (i = 0; i < c->nevalkinds; i++) {
		struct evalkind *k = &c->evalkinds[i];

		free(k->id);
		free(k->title);
		free_list(k->questions, k->nquestions);
		free_list(k->scale, k->nscale);
	}
	free(c->evalkinds);
	free_list(c->eval_methods, c->neval_methods);
	free(c->sup_rights);
	free_list(c->sup_categories, c->nsup_categories);
}

const struct evalkind *
cfg_evalkind(const struct config *c, const char *id)
{
	size_t	i;

	for (i = 0; i < c->nevalkinds; i++)
		if (strcmp(c->evalkinds[i].id, id) == 0)
			return &c->evalkinds[i];
	return NULL;
}

/* The conf hook of programmes whose settings progcfg_parse() reads into
 * struct config: only checks the keys, keeps nothing. */
int
progcfg_keys_supervisors(const char *path, const struct ynode *m,
    void **conf)
{
	*conf = NULL;
	return m == NULL ? 0 : ynode_keys_allowed(path, m, sup_keys);
}

int
progcfg_keys_media(const char *path, const struct ynode *m, void **conf)
{
	*conf = NULL;
	return m == NULL ? 0 : ynode_keys_allowed(path, m, media_keys);
}
