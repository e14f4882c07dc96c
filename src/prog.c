/*
 * prog.c -- the table of programmes and what they share; see prog.h.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "csv.h"
#include "diag.h"
#include "out.h"
#include "page.h"
#include "prog.h"
#include "progpage.h"
#include "site.h"
#include "util.h"
#include "val.h"
#include "ydoc.h"

#define ITEM_MAX	(1024L * 1024)

static const char *const exts_csv[] = { ".csv", NULL };
static const char *const exts_text[] = { ".md", ".yaml", NULL };
static const char *const exts_yaml[] = { ".yaml", NULL };
static const char *const exts_docs[] = { ".md", ".csv", NULL };

/* In enum prog_id order.  A NULL run hook: no files yet. */
static const struct prog_def progs[PROG_COUNT] = {
	{ "evaluation", exts_yaml, ITEM_MAX, NULL, NULL, prog_records_run },
	{ "hotline", exts_csv, CSV_FILE_MAX, prog_hotline_conf,
	    prog_hotline_conf_free, prog_hotline_run },
	{ "reporting", exts_docs, ITEM_MAX, NULL, NULL, prog_records_run },
	{ "supervisors", exts_yaml, ITEM_MAX, progcfg_keys_supervisors, NULL,
	    prog_records_run },
	{ "media", exts_text, ITEM_MAX, progcfg_keys_media, NULL,
	    prog_records_run },
	{ "rectification", exts_text, ITEM_MAX, NULL, NULL,
	    prog_records_run },
	{ "leadership", exts_yaml, ITEM_MAX, NULL, NULL, prog_records_run },
	{ "assessment", exts_yaml, ITEM_MAX, NULL, NULL, prog_records_run },
};

struct prog_conf {
	char	*title[PROG_COUNT];	/* or NULL: the id */
	void	*conf[PROG_COUNT];	/* the conf hooks' values */
};

const struct prog_def *
prog_def(enum prog_id p)
{
	return &progs[p];
}

int
prog_find(const char *name)
{
	int	i;

	for (i = 0; i < PROG_COUNT; i++)
		if (strcmp(progs[i].id, name) == 0)
			return i;
	return -1;
}

const char *
prog_ids(void)
{
	return "evaluation, hotline, reporting, supervisors, media, "
	    "rectification, leadership, assessment";
}

int
prog_cfg_level(const char *path, const struct ynode *level, unsigned *out)
{
	const struct ynode	*l, *e;
	size_t			 i;
	int			 p, rc = 0;

	*out = 0;
	if ((l = ynode_get(level, "programmes")) == NULL || ynode_is_null(l))
		return 0;
	if (ynode_want(path, l, YN_SEQ, "'programmes'") == -1)
		return -1;
	for (i = 0; i < l->n; i++) {
		e = l->kids[i];
		if (e->type != YN_SCALAR || (p = prog_find(e->str)) == -1) {
			diag_error(path, e->line, e->col, "unknown programme "
			    "'%s' (expected one of %s)", e->type == YN_SCALAR ?
			    e->str : "", prog_ids());
			rc = -1;
			continue;
		}
		*out |= 1u << p;
	}
	return rc;
}

int
prog_cfg_parse(const char *path, const struct ynode *root,
    struct prog_conf **out)
{
	static const char *const title_only[] = { "title", NULL };
	const struct ynode	*ps, *m;
	struct prog_conf	*pc = xcalloc(1, sizeof(*pc));
	const char		*s;
	size_t			 i;
	int			 p, rc = 0;

	*out = pc;
	ps = ynode_get(root, "programmes");
	if (ps != NULL && !ynode_is_null(ps) &&
	    ynode_want(path, ps, YN_MAP, "'programmes'") == -1)
		return -1;
	for (i = 0; ps != NULL && ps->type == YN_MAP && i < ps->n; i++) {
		m = ps->kids[i];
		if ((p = prog_find(ps->keys[i]->str)) == -1) {
			diag_error(path, ps->keys[i]->line, ps->keys[i]->col,
			    "unknown programme '%s' (expected one of %s)",
			    ps->keys[i]->str, prog_ids());
			rc = -1;
			continue;
		}
		if (ynode_want(path, m, YN_MAP, "a programme's settings") ==
		    -1) {
			rc = -1;
			continue;
		}
		if (ynode_str(path, m, "title", 0, &s) == -1)
			rc = -1;
		else if (s != NULL)
			pc->title[p] = xstrdup(s);
		if (progs[p].conf == NULL)
			rc |= ynode_keys_allowed(path, m, title_only);
	}
	for (p = 0; p < PROG_COUNT; p++) {
		if (progs[p].conf == NULL)
			continue;
		m = ps != NULL && ps->type == YN_MAP ?
		    ynode_get(ps, progs[p].id) : NULL;
		if (progs[p].conf(path, m, &pc->conf[p]) == -1)
			rc = -1;
	}
	return rc;
}

void
prog_cfg_free(struct prog_conf *pc)
{
	int	p;

	if (pc == NULL)
		return;
	for (p = 0; p < PROG_COUNT; p++) {
		free(pc->title[p]);
		if (pc->conf[p] != NULL && progs[p].conf_free != NULL)
			progs[p].conf_free(pc->conf[p]);
	}
	free(pc);
}

const char *
prog_title(const struct config *cfg, enum prog_id p)
{
	if (cfg->prog != NULL && cfg->prog->title[p] != NULL)
		return cfg->prog->title[p];
	return progs[p].id;
}

const void *
prog_conf(const struct config *cfg, enum prog_id p)
{
	return cfg->prog != NULL ? cfg->prog->conf[p] : NULL;
}

int
prog_enabled(const struct site *s, size_t u, enum prog_id p)
{
	const struct level	*l = s->units[u].level;

	return l != NULL && (l->programmes & (1u << p)) != 0;
}

int
prog_has_files(const struct site *s, size_t u, enum prog_id p)
{
	size_t	i;

	for (i = 0; i < s->nprogfiles; i++)
		if (s->progfiles[i].prog == p &&
		    site_under(s, s->progfiles[i].unit, u))
			return 1;
	return 0;
}

const struct progfile *
prog_unit_files(const struct site *s, size_t u, enum prog_id p, size_t *n)
{
	size_t	i, j;

	for (i = 0; i < s->nprogfiles; i++)
		if (s->progfiles[i].unit == u && s->progfiles[i].prog == p)
			break;
	for (j = i; j < s->nprogfiles && s->progfiles[j].unit == u &&
	    s->progfiles[j].prog == p; j++)
		;
	*n = j - i;
	return *n ? &s->progfiles[i] : NULL;
}

char *
prog_path(const struct site *s, size_t u, enum prog_id p, const char *name)
{
	return xasprintf("%s/%s/%s", s->units[u].dir, progs[p].id, name);
}

int
prog_run(const struct site *s, struct source *src,
    const struct out_ctx *out, long today)
{
	struct prog_ctx	 pc;
	size_t		 i, j;
	int		 p, rc = 0;

	for (p = 0; p < PROG_COUNT; p++) {
		for (i = 0; i < s->nprogfiles; i++)
			if (s->progfiles[i].prog == (enum prog_id)p)
				break;
		if (i == s->nprogfiles)
			continue;
		memset(&pc, 0, sizeof(pc));
		pc.site = s;
		pc.src = src;
		pc.out = out;
		pc.today = today;
		pc.conf = prog_conf(s->cfg, (enum prog_id)p);
		pc.title = prog_title(s->cfg, (enum prog_id)p);
		/* files of one programme, in path order: gather them */
		{
			struct progfile	*v = NULL;
			size_t		 nv = 0, cap = 0;

			for (j = i; j < s->nprogfiles; j++) {
				if (s->progfiles[j].prog != (enum prog_id)p)
					continue;
				xgrow(&v, &cap, nv + 1, sizeof(*v));
				v[nv++] = s->progfiles[j];
			}
			pc.files = v;
			pc.nfiles = nv;
			if (progs[p].run == NULL) {
				diag_error(v[0].path, 0, 0, "programme '%s' "
				    "takes no files yet", progs[p].id);
				rc = -1;
			} else if (progs[p].run(&pc) == -1)
				rc = -1;
			free(v);
		}
	}
	return rc;
}

int
prog_unit_has_index(const struct site *s, size_t u, enum prog_id p)
{
	size_t	n;

	if (!prog_enabled(s, u, p) || progs[p].run == NULL)
		return 0;
	/* the hotline's index sums the units below (prog_hotline.c); the
	 * others' list the unit's own records only */
	if (p == PROG_HOTLINE)
		return prog_has_files(s, u, p);
	prog_unit_files(s, u, p, &n);
	return n > 0;
}

struct val *
prog_unit_links(const struct out_ctx *ctx, size_t u, const char *rel)
{
	struct val	*l = val_list(), *e;
	char		*p;
	int		 i;

	for (i = 0; i < PROG_COUNT; i++) {
		if (!prog_unit_has_index(ctx->site, u, (enum prog_id)i))
			continue;
		e = val_map();
		val_set_str(e, "id", progs[i].id);
		val_set_str(e, "title", prog_title(ctx->site->cfg,
		    (enum prog_id)i));
		p = prog_path(ctx->site, u, (enum prog_id)i, "index.html");
		val_set(e, "href", val_str_own(page_href(rel, p)));
		free(p);
		val_push(l, e);
	}
	return l;
}
