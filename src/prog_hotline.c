/*
 * prog_hotline.c -- the 12356 hotline programme (DESIGN 8, seed
 * 三（一）, 四（三）): monthly call records in, 月报 out.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "prog.h"
#include "util.h"
#include "ydoc.h"

/* programmes.hotline of config.yaml: the lists records draw from. */
struct hl_conf {
	const char	**channels, **types, **statuses;
	size_t		  nchannels, ntypes, nstatuses;
	char		 *closed;	/* the status that closes a call */
};

static const char *const hl_keys[] = { "title", "channels", "types",
	"statuses", "closed_status", NULL };

static int
copy_list(const char *path, const struct ynode *m, const char *k,
    const char ***out, size_t *n)
{
	const char	**v = NULL;
	size_t		  i;

	*out = NULL;
	*n = 0;
	if (ynode_strlist(path, m, k, &v, n) == -1)
		return -1;
	if (*n == 0) {
		const struct ynode *at = ynode_get(m, k);

		diag_error(path, at ? at->line : m->line,
		    at ? at->col : m->col, "programmes.hotline.%s must "
		    "list at least one value", k);
		free(v);
		return -1;
	}
	*out = xcalloc(*n, sizeof(**out));
	for (i = 0; i < *n; i++)
		(*out)[i] = xstrdup(v[i]);
	free(v);
	return 0;
}

void
prog_hotline_conf_free(void *p)
{
	struct hl_conf	*c = p;
	size_t		 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nchannels; i++)
		free((char *)c->channels[i]);
	for (i = 0; i < c->ntypes; i++)
		free((char *)c->types[i]);
	for (i = 0; i < c->nstatuses; i++)
		free((char *)c->statuses[i]);
	free(c->channels);
	free(c->types);
	free(c->statuses);
	free(c->closed);
	free(c);
}

int
prog_hotline_conf(const char *path, const struct ynode *m, void **out)
{
	struct hl_conf	*c;
	const char	*s;
	size_t		 i;
	int		 rc = 0;

	*out = NULL;
	if (m == NULL)
		return 0;
	c = xcalloc(1, sizeof(*c));
	rc |= ynode_keys_allowed(path, m, hl_keys);
	rc |= copy_list(path, m, "channels", &c->channels, &c->nchannels);
	rc |= copy_list(path, m, "types", &c->types, &c->ntypes);
	rc |= copy_list(path, m, "statuses", &c->statuses, &c->nstatuses);
	if (ynode_str(path, m, "closed_status", 1, &s) == -1)
		rc = -1;
	else {
		for (i = 0; i < c->nstatuses; i++)
			if (strcmp(c->statuses[i], s) == 0)
				break;
		if (i == c->nstatuses && c->nstatuses > 0) {
			const struct ynode *n = ynode_get(m, "closed_status");

			diag_error(path, n->line, n->col, "closed_status "
			    "'%s' is not one of programmes.hotline.statuses",
			    s);
			rc = -1;
		}
		c->closed = xstrdup(s);
	}
	*out = c;
	return rc;
}

int
prog_hotline_run(const struct prog_ctx *pc)
{
	if (pc->conf == NULL) {
		diag_error(pc->files[0].path, 0, 0, "config.yaml has no "
		    "programmes.hotline (channels, types, statuses)");
		return -1;
	}
	return 0;
}
