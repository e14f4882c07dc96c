/*
 * progdata.c -- the programmes' records, loaded and cross-checked once;
 * see progdata.h.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "cfg.h"
#include "csv.h"
#include "diag.h"
#include "item.h"
#include "privacy.h"
#include "prog.h"
#include "progdata.h"
#include "rec.h"
#include "site.h"
#include "source.h"
#include "util.h"
#include "workday.h"

/* Growable arrays of the records while loading. */
struct loader {
	const struct site	*s;
	struct source		*src;
	long			 today;	/* no record dated after it */
	struct progdata		*pd;
	size_t			 cap[9];
	struct buf		 b;
};

#define PUSH(L, arr, n, k) (xgrow(&(L)->pd->arr, &(L)->cap[k], \
	(L)->pd->n + 1, sizeof(*(L)->pd->arr)), \
	memset(&(L)->pd->arr[(L)->pd->n], 0, sizeof(*(L)->pd->arr)), \
	&(L)->pd->arr[(L)->pd->n++])

static int
bad_name(const struct progfile *f, const char *want)
{
	diag_error(f->path, 1, 1, "a %s file is %s", prog_def(f->prog)->id,
	    want);
	return -1;
}

/* A year file name "<year><ext>": the year, or 0. */
static int
year_name(const char *name, const char *ext)
{
	size_t	n = strlen(name);

	if (n != 4 + strlen(ext) || strspn(name, "0123456789") != 4 ||
	    strcmp(name + 4, ext) != 0)
		return 0;
	return atoi(name);
}

static void
on_priv(void *arg, size_t off, size_t len, enum privacy_kind kind)
{
	int	*k = arg;

	(void)off;
	(void)len;
	if (*k < 0)
		*k = (int)kind;
}

/* Every cell of row as decoded: no personal number (records carry no
 * personal data; the gate vetoes such a file too). */
static int
row_privacy(struct csv *c, const char *path, const struct csv_row *row)
{
	size_t	i;
	int	line, col, k, rc = 0;

	for (i = 0; i < row->n; i++) {
		k = -1;
		if (privacy_scan_shown(row->f[i], row->len[i], on_priv,
		    &k) == 0)
			continue;
		csv_pos(c, i, &line, &col);
		diag_error(path, line, col, "cell holds a %s: records carry "
		    "no personal data", privacy_kind_name(
		    (enum privacy_kind)k));
		rc = -1;
	}
	return rc;
}

static int
load_cases(struct loader *L, const struct progfile *f)
{
	static const char *const head[] = { "case", "received", "kind",
		"verified", "feedback", "reward", NULL };
	struct pd_cases	*pc;
	struct csv	*c;
	struct csv_row	 row;
	struct rep_case	 rc1;
	int		 cols[CSV_FIELDS_MAX], line, r, rc = 0;
	size_t		 i, cap = 0;

	pc = PUSH(L, cases, ncases, 1);
	pc->unit = f->unit;
	pc->c.path = f->path;
	pc->c.year = year_name(f->name, ".csv");
	c = csv_new(f->path, L->b.data, L->b.len);
	if (csv_header(c, head) == -1) {
		csv_free(c);
		return -1;
	}
	diag_hold();	/* the file's problems by line, a row's by column */
	while ((r = csv_next(c, &row)) == 1) {
		if (row_privacy(c, f->path, &row) == -1)
			rc = -1;
		for (i = 0; i < row.n && i < CSV_FIELDS_MAX; i++)
			csv_pos(c, i, &line, &cols[i]);
		if (reporting_case_parse(f->path, row.line, row.f, cols,
		    row.n, pc->c.year, L->today, L->pd->arena, &rc1) == -1) {
			rc = -1;
			continue;
		}
		for (i = 0; i < pc->c.ncases; i++)
			if (strcmp(pc->c.cases[i].id, rc1.id) == 0) {
				diag_error(f->path, row.line, 1, "case '%s' "
				    "is listed twice", rc1.id);
				rc = -1;
			}
		xgrow(&pc->c.cases, &cap, pc->c.ncases + 1,
		    sizeof(*pc->c.cases));
		pc->c.cases[pc->c.ncases++] = rc1;
	}
	diag_release();
	csv_free(c);
	return r == -1 ? -1 : rc;
}

/*
 * The organiser's index ranks its subjects by year and kind, a row
 * each (prog_evaluation.c): a subject evaluated twice in one year and
 * kind would stand there twice and push the others down.  0, or -1
 * after naming the earlier record.
 */
static int
dup_eval(struct loader *L, const struct pd_eval *e)
{
	const struct pd_eval	*o;
	size_t			 i;

	for (i = 0; i + 1 < L->pd->nevals; i++) {
		o = &L->pd->evals[i];
		if (o->unit == e->unit && o->subject == e->subject &&
		    (e->subject != NO_INDEX ||
		    strcmp(o->e.subject, e->e.subject) == 0) &&
		    o->e.year == e->e.year && o->e.kind == e->e.kind) {
			diag_error(e->e.path, e->e.subject_line,
			    e->e.subject_col, "'%s' is already evaluated by "
			    "kind '%s' in %d, in %s: a subject is ranked once "
			    "a year and kind (merge the two records, or date "
			    "one in another year)", e->e.subject,
			    e->e.kind->id, e->e.year, o->e.path);
			return -1;
		}
	}
	return 0;
}

static int
load_file(struct loader *L, const struct progfile *f)
{
	const struct config	*cfg = L->s->cfg;
	struct arena		*ar = L->pd->arena;
	const char		*t = L->b.data;
	size_t			 n = L->b.len;
	int			 rc = 0;

	/* YAML records are read by people as items are: no personal
	 * numbers (the .md parsers scan their whole file themselves). */
	if (str_suffix(f->name, ".yaml") && item_privacy(f->path, t, n) ==
	    -1)
		rc = -1;
	switch (f->prog) {
	case PROG_EVALUATION: {
		struct pd_eval *e = PUSH(L, evals, nevals, 0);

		e->unit = f->unit;
		e->subject = NO_INDEX;
		if (evaluation_parse(f->path, t, n, cfg, L->today, ar,
		    &e->e) == -1)
			return -1;
		if ((e->subject = evaluation_subject(&e->e, L->s)) ==
		    NO_INDEX && !L->s->gated)
			return -1;
		/* 下评上: the lower level evaluates the one above it (of
		 * a subject not published, nothing is known) */
		if (e->subject != NO_INDEX &&
		    strcmp(e->e.kind->id, "upward") == 0 &&
		    (e->subject == f->unit || !site_under(L->s, f->unit,
		    e->subject))) {
			diag_error(f->path, e->e.subject_line,
			    e->e.subject_col, "kind 'upward' evaluates a unit "
			    "above '%s', not '%s'", L->s->units[f->unit].dir,
			    e->e.subject);
			return -1;
		}
		return dup_eval(L, e) | rc;
	}
	case PROG_REPORTING:
		if (strcmp(f->name, "procedure.md") == 0) {
			struct pd_proc *p = PUSH(L, procs, nprocs, 2);

			p->unit = f->unit;
			return reporting_procedure_parse(f->path, t, n, ar,
			    &p->p) | rc;
		}
		if (year_name(f->name, ".csv") == 0)
			return bad_name(f, "procedure.md or <year>.csv");
		return load_cases(L, f) | rc;
	case PROG_SUPERVISORS: {
		struct pd_roster *r;

		if (strcmp(f->name, "roster.yaml") != 0)
			return bad_name(f, "roster.yaml");
		r = PUSH(L, rosters, nrosters, 3);
		r->unit = f->unit;
		return supervisors_parse(f->path, t, n, cfg, L->today, ar,
		    &r->r) | rc;
	}
	case PROG_MEDIA: {
		struct pd_media *m;

		if (!str_suffix(f->name, ".md"))
			return bad_name(f, "a Markdown file (.md)");
		m = PUSH(L, media, nmedia, 4);
		m->unit = f->unit;
		return media_parse(f->path, t, n, L->today, ar, &m->m);
	}
	case PROG_RECTIFICATION: {
		struct pd_rect *r;

		if (!str_suffix(f->name, ".md"))
			return bad_name(f, "a Markdown file (.md)");
		r = PUSH(L, rects, nrects, 5);
		r->unit = f->unit;
		r->ref_unit = NO_INDEX;
		return rectification_parse(f->path, t, n, L->today, ar,
		    &r->r);
	}
	case PROG_LEADERSHIP: {
		struct pd_lead *l;

		if (strcmp(f->name, "leadership.yaml") != 0)
			return bad_name(f, "leadership.yaml");
		l = PUSH(L, leads, nleads, 6);
		l->unit = f->unit;
		return leadership_parse(f->path, t, n, ar, &l->l) | rc;
	}
	case PROG_ASSESSMENT: {
		struct pd_assess *a = PUSH(L, assess, nassess, 7);

		a->unit = f->unit;
		if (assessment_parse(f->path, t, n, ar, &a->a) == -1)
			return -1;
		return assessment_check(&a->a, L->s, f->unit) | rc;
	}
	default:
		return 0;
	}
}

/* 1 if unit u has a hotline file named <record>.csv. */
static int
has_hotline(const struct site *s, size_t u, const char *record)
{
	const struct progfile	*f;
	size_t			 i, n;

	f = prog_unit_files(s, u, PROG_HOTLINE, &n);
	for (i = 0; i < n; i++)
		if (strncmp(f[i].name, record, strlen(record)) == 0 &&
		    strcmp(f[i].name + strlen(record), ".csv") == 0)
			return 1;
	return 0;
}

/* The part after '#' of a hotline ref is a type of the hotline's
 * programmes.hotline.types (when it lists some).  Reports it if not. */
static int
check_hotline_type(const struct site *s, const struct rectification *r)
{
	const char *const	*types;
	struct buf		 b = BUF_INIT;
	size_t			 i, n;

	types = prog_hotline_list(s->cfg, 1, &n);
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(types[i], r->ref_part) == 0)
			return 0;
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", types[i]);
	diag_error(r->path, r->ref_line, r->ref_col, "'ref' names hotline "
	    "type '%s', which programmes.hotline.types does not list (%s)",
	    r->ref_part, b.data);
	buf_dispose(&b);
	return -1;
}

/* Does the record ref of r exist?  Reports it if not. */
static int
check_ref(const struct progdata *pd, const struct site *s,
    struct pd_rect *pr)
{
	const struct rectification *r = &pr->r;
	char		*unit, *record;
	size_t		 i, u;
	int		 found = 0;

	rectification_ref_split(r, &unit, &record);
	u = site_unit(s, unit);
	pr->ref_unit = u;
	pr->ref_record = arena_strdup(pd->arena, record);
	if (u != NO_INDEX)
		switch (r->cause) {
		case RC_EVALUATION:
			found = progdata_eval(pd, u, record) != NULL;
			break;
		case RC_HOTLINE:
			found = has_hotline(s, u, record);
			if (found && r->ref_part != NULL &&
			    check_hotline_type(s, r) == -1) {
				free(unit);
				free(record);
				return -1;
			}
			break;
		case RC_REPORTING:
			for (i = 0; i < pd->ncases; i++)
				if (pd->cases[i].unit == u &&
				    pd->cases[i].c.year == atoi(record) &&
				    strlen(record) == 4)
					found = 1;
			break;
		case RC_MEDIA:
			for (i = 0; i < pd->nmedia; i++)
				if (pd->media[i].unit == u &&
				    strcmp(pd->media[i].m.slug, record) == 0)
					found = 1;
			break;
		case RC_SUPERVISORS:
			for (i = 0; i < pd->nrosters; i++)
				if (pd->rosters[i].unit == u &&
				    strcmp(record, "roster") == 0)
					found = 1;
			break;
		case RC_REPORT:
			found = strlen(record) == 4 &&
			    strspn(record, "0123456789") == 4;
			break;
		default:
			break;
		}
	if (!found && s->gated) {
		/* What is not approved cannot stop what is: the record
		 * may wait for approval, or its withdrawal was approved.
		 * A unit's name shows only when the unit is published. */
		diag_warn(r->path, r->ref_line, r->ref_col, "'ref' names no "
		    "published %s record '%s': shown as plain text",
		    rect_cause_names[r->cause], r->ref);
		pr->ref_text = u == NO_INDEX ? r->ref : arena_printf(pd->arena,
		    "%s %s", s->units[u].name, record);
		pr->ref_unit = NO_INDEX;
		found = 1;
	} else if (!found)
		diag_error(r->path, r->ref_line, r->ref_col, "'ref' points "
		    "nowhere: no %s record '%s'%s", rect_cause_names[r->cause],
		    r->ref, u == NO_INDEX ? " (no such unit)" : "");
	free(unit);
	free(record);
	return found ? 0 : -1;
}

int
progdata_load(const struct site *s, struct source *src, long today,
    struct progdata **out)
{
	struct loader	 L;
	struct progdata	*pd = xcalloc(1, sizeof(*pd));
	size_t		 i;
	int		 rc = 0, r;

	memset(&L, 0, sizeof(L));
	L.s = s;
	L.src = src;
	L.today = today;
	L.pd = pd;
	pd->arena = arena_new();
	buf_init(&L.b);
	*out = NULL;
	for (i = 0; i < s->nprogfiles; i++) {
		const struct progfile *f = &s->progfiles[i];

		if (f->prog == PROG_HOTLINE)
			continue;	/* prog_hotline.c */
		if ((r = source_read(src, f->path, &L.b)) != 0) {
			if (r == 1)
				diag_error(f->path, 0, 0, "cannot read it from "
				    "%s", source_label(src));
			rc = -1;
			continue;
		}
		if (load_file(&L, f) == -1)
			rc = -1;
		else if (str_suffix(f->name, ".md")) {
			struct pd_text	*t = PUSH(&L, texts, ntexts, 8);

			t->path = f->path;
			t->text = arena_strndup(pd->arena, L.b.data, L.b.len);
			t->len = L.b.len;
		}
	}
	for (i = 0; i < pd->nrects; i++)
		if (pd->rects[i].r.ref != NULL &&
		    check_ref(pd, s, &pd->rects[i]) == -1)
			rc = -1;
	buf_dispose(&L.b);
	if (rc != 0) {
		progdata_free(pd);
		return -1;
	}
	*out = pd;
	return 0;
}

void
progdata_free(struct progdata *pd)
{
	size_t	i;

	if (pd == NULL)
		return;
	for (i = 0; i < pd->ncases; i++)
		free(pd->cases[i].c.cases);
	free(pd->evals);
	free(pd->procs);
	free(pd->cases);
	free(pd->rosters);
	free(pd->media);
	free(pd->rects);
	free(pd->leads);
	free(pd->assess);
	free(pd->texts);
	arena_free(pd->arena);
	free(pd);
}

const struct pd_proc *
progdata_proc(const struct progdata *pd, size_t u)
{
	size_t	i;

	for (i = 0; i < pd->nprocs; i++)
		if (pd->procs[i].unit == u)
			return &pd->procs[i];
	return NULL;
}

const struct pd_lead *
progdata_lead(const struct progdata *pd, size_t u)
{
	size_t	i;

	for (i = 0; i < pd->nleads; i++)
		if (pd->leads[i].unit == u)
			return &pd->leads[i];
	return NULL;
}

const struct pd_eval *
progdata_eval(const struct progdata *pd, size_t u, const char *slug)
{
	size_t	i;

	for (i = 0; i < pd->nevals; i++)
		if (pd->evals[i].unit == u &&
		    strcmp(pd->evals[i].e.slug, slug) == 0)
			return &pd->evals[i];
	return NULL;
}

const char *
progdata_subject_name(const struct site *s, const struct pd_eval *e)
{
	return e->subject != NO_INDEX ? s->units[e->subject].name :
	    e->e.subject;
}

void
progdata_subject_fig(const struct progdata *pd, size_t u, int year,
    struct evalfig *out)
{
	struct evalfig	f;
	size_t		i;

	out->answers = out->satisfied = 0;
	for (i = 0; i < pd->nevals; i++) {
		if (pd->evals[i].subject != u || (year != 0 &&
		    pd->evals[i].e.year != year))
			continue;
		evaluation_fig(&pd->evals[i].e, (size_t)-1, &f);
		out->answers += f.answers;
		out->satisfied += f.satisfied;
	}
	out->tenths = evaluation_tenths(out->satisfied, out->answers);
}

static int
in_scope(const struct site *s, size_t u, size_t scope)
{
	return scope == NO_INDEX || site_under(s, u, scope);
}

/* Appends a gap; the caller sets its text. */
static struct pd_gap *
gap_push(struct pd_gap **v, size_t *n, enum pd_gap_kind kind, size_t unit,
    const char *path, int line, const char *slug, long days,
    const char *name, long date, long limit)
{
	struct pd_gap	*g;

	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	g = &(*v)[(*n)++];
	g->kind = kind;
	g->unit = unit;
	g->path = path;
	g->line = line;
	g->slug = slug;
	g->days = days;
	g->name = name;
	g->date = date;
	g->answered = NO_DATE;
	g->limit = limit;
	g->what = NULL;
	return g;
}

size_t
progdata_gap_list(const struct progdata *pd, const struct site *s,
    long today, size_t scope, struct pd_gap **out)
{
	const struct pd_proc	*p;
	struct pd_gap		*v = NULL, *g;
	char			 d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	size_t			 i, j, n = 0;

	for (i = 0; i < pd->nrects; i++) {
		const struct rectification *r = &pd->rects[i].r;

		if (!in_scope(s, pd->rects[i].unit, scope) ||
		    !rectification_overdue(r, today))
			continue;
		rec_day_fmt(r->deadline, d1);
		g = gap_push(&v, &n, PD_GAP_RECT, pd->rects[i].unit, r->path,
		    0, r->slug, today - r->deadline, r->title, r->deadline,
		    0);
		g->what = xasprintf("rectification '%s' overdue: still "
		    "整改中 after its deadline %s (%ld days)", r->title, d1,
		    today - r->deadline);
	}
	for (i = 0; i < pd->ncases; i++) {
		const struct rep_cases *c = &pd->cases[i].c;

		if (!in_scope(s, pd->cases[i].unit, scope) ||
		    (p = progdata_proc(pd, pd->cases[i].unit)) == NULL)
			continue;
		for (j = 0; j < c->ncases; j++) {
			if (!reporting_case_late(&c->cases[j],
			    p->p.feedback_days, today))
				continue;
			rec_day_fmt(c->cases[j].received, d1);
			g = gap_push(&v, &n, PD_GAP_CASE, pd->cases[i].unit,
			    c->path, c->cases[j].line, NULL,
			    today - c->cases[j].received, c->cases[j].id,
			    c->cases[j].received, p->p.feedback_days);
			g->what = xasprintf("reporting case '%s' received %s "
			    "has had no feedback for %ld days "
			    "(feedback_days %ld)", c->cases[j].id, d1,
			    today - c->cases[j].received,
			    p->p.feedback_days);
		}
	}
	for (i = 0; i < pd->nmedia; i++) {
		const struct media *m = &pd->media[i].m;

		if (!in_scope(s, pd->media[i].unit, scope) ||
		    !media_late(m, today, s->cfg->media_days))
			continue;
		rec_day_fmt(m->reported, d1);
		rec_day_fmt(m->responded, d2);
		g = gap_push(&v, &n, PD_GAP_MEDIA, pd->media[i].unit, m->path,
		    0, m->slug, media_days(m, today), m->title, m->reported,
		    s->cfg->media_days);
		g->answered = m->responded;
		if (m->responded == NO_DATE)
			g->what = xasprintf("media report of %s unanswered "
			    "for %ld days (respond_days %ld)", d1,
			    media_days(m, today), s->cfg->media_days);
		else
			g->what = xasprintf("media report of %s answered "
			    "late, on %s after %ld days (respond_days %ld)",
			    d1, d2, media_days(m, today),
			    s->cfg->media_days);
	}
	*out = v;
	return n;
}

void
progdata_gaps_free(struct pd_gap *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i].what);
	free(v);
}

size_t
progdata_gaps(const struct progdata *pd, const struct site *s, long today,
    size_t scope, struct buf *out)
{
	struct pd_gap	*v;
	size_t		 i, n;

	n = progdata_gap_list(pd, s, today, scope, &v);
	for (i = 0; i < n; i++) {
		if (v[i].line > 0)
			buf_printf(out, "%s:%d: %s\n", v[i].path, v[i].line,
			    v[i].what);
		else
			buf_printf(out, "%s: %s\n", v[i].path, v[i].what);
	}
	progdata_gaps_free(v, n);
	return n;
}

static int
cmp_text(const void *a, const void *b)
{
	return strcmp(((const struct pd_text *)a)->path,
	    ((const struct pd_text *)b)->path);
}

const char *
progdata_text(const struct progdata *pd, const char *path, size_t *len)
{
	const struct pd_text	 key = { path, NULL, 0 }, *t;

	/* in path order, as the site lists the files */
	if (pd->ntexts == 0 || (t = bsearch(&key, pd->texts, pd->ntexts,
	    sizeof(*t), cmp_text)) == NULL)
		return NULL;
	*len = t->len;
	return t->text;
}
