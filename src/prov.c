/*
 * prov.c -- the published answer, built once from the gate; see
 * prov.h.
 *
 * Cost: one pass over the gate's paths; a commit's day is worked out
 * once per mainline position that starts a waiting version or
 * publishes a file (a memo of day numbers by position).
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cfg.h"
#include "gate.h"
#include "prov.h"
#include "repo.h"
#include "site.h"
#include "util.h"
#include "workday.h"

/* Day numbers of mainline commits, worked out on first use. */
struct days {
	const struct gate	*g;
	long			*day;	/* by mainline index; NO_DATE:
					   not yet */
};

/* The committer day of mainline commit pos into *out, from the date
 * the gate read with the commit (gate_time): no commit is read again
 * here.  0 or -1. */
static int
day_at(struct days *d, size_t pos, long *out)
{
	*out = NO_DATE;
	if (pos >= d->g->nmainline)
		return 0;
	if (d->day[pos] == NO_DATE)
		d->day[pos] = gate_day(d->g, pos);
	*out = d->day[pos];
	return 0;
}

static void
hex_of(char out[PROV_HEXSZ + 1], const struct oid *o)
{
	char	hex[OID_HEXSZ + 1];

	oid_fmt(hex, o);
	memcpy(out, hex, PROV_HEXSZ);
	out[PROV_HEXSZ] = '\0';
}

/* Fills f from path p's published version. */
static int
add_file(struct prov *a, struct days *d, const struct gate_path *p,
    struct prov_file *f)
{
	const struct gate_version	*v = p->published;
	const struct gate_approval	*ap;
	const struct gate_signer	*sg;
	struct prov_approval		*pa;
	size_t				 i, n = 0;

	f->path = arena_strdup(a->arena, p->path);
	hex_of(f->blob, &v->blob);
	memcpy(f->version, f->blob, PROV_SHORT);
	f->version[PROV_SHORT] = '\0';
	hex_of(f->commit, &v->start);
	f->waiting = p->live != p->published;
	if (day_at(d, v->published_pos, &f->published) == -1)
		return -1;
	for (i = 0; i < v->napprovals; i++)
		n += v->approvals[i].why == GATE_COUNTS;
	f->approvals = arena_alloc(a->arena, (n ? n : 1) * sizeof(*pa));
	for (i = 0; i < v->napprovals; i++) {
		ap = &v->approvals[i];
		if (ap->why != GATE_COUNTS)
			continue;
		pa = &f->approvals[f->napprovals++];
		sg = gate_signer_of(d->g, ap);
		pa->reviewer = arena_strdup(a->arena, sg->reviewer);
		pa->name = arena_strdup(a->arena, sg->name);
		pa->fpr = arena_strdup(a->arena, sg->fpr);
		hex_of(pa->commit, &d->g->mainline[ap->pos]);
		pa->time = gate_time(d->g, ap->pos);
		pa->day = gate_day(d->g, ap->pos);
	}
	return 0;
}

void
prov_place(const struct site *s, const char *path, size_t *unit, int *cat)
{
	char	*dir, *sl, *name = NULL;
	size_t	 u = NO_INDEX;
	int	 up = 0;

	*unit = NO_INDEX;
	*cat = -1;
	if (!str_prefix(path, "content/") || strchr(path + 8, '/') == NULL)
		return;
	dir = xstrdup(path + 8);
	*strrchr(dir, '/') = '\0';	/* the file's folder */
	for (;;) {
		if ((u = site_unit(s, dir)) != NO_INDEX)
			break;
		sl = strrchr(dir, '/');
		if (up++ == 0)
			name = xstrdup(sl != NULL ? sl + 1 : dir);
		if (sl == NULL)
			break;
		*sl = '\0';
	}
	*unit = u;
	/* only a category id of the unit's own catalogue is named: any
	 * other folder name is the unpublished file's, not ours to show */
	if (u != NO_INDEX && up == 1)
		*cat = cfg_category(s->units[u].catalogue, name);
	free(name);
	free(dir);
}

static int
cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct prov_file *)a)->path,
	    ((const struct prov_file *)b)->path);
}

static int
cmp_size(size_t a, size_t b)
{
	return (a > b) - (a < b);
}

static int
cmp_wait(const void *a, const void *b)
{
	const struct prov_wait	*x = a, *y = b;
	int			 c;

	if ((c = cmp_size(x->unit, y->unit)) != 0 ||
	    (c = (x->cat > y->cat) - (x->cat < y->cat)) != 0 ||
	    (c = cmp_size(x->item, y->item)) != 0)
		return c;
	if (x->since != y->since)
		return x->since < y->since ? -1 : 1;
	return x->blocked - y->blocked;
}

/*
 * Since when the version that mainline commit pos started waits, into
 * *out: its committer day, which whoever pushed it chose, taken no
 * earlier than the day of its witness (gate_witness: the newest
 * commit at or before it signed by someone trusted) and no later than
 * today.  An unsigned commit backdated by years, or dated ahead,
 * moves nothing but within those bounds.  0 or -1.
 */
static int
wait_since(struct days *d, size_t pos, long today, long *out)
{
	size_t	w = gate_witness(d->g, pos);
	long	lo;

	if (day_at(d, pos, out) == -1)
		return -1;
	if (*out == NO_DATE)
		return 0;
	if (w != GATE_NONE && w != pos) {
		if (day_at(d, w, &lo) == -1)
			return -1;
		if (lo != NO_DATE && lo > *out)
			*out = lo;
	}
	if (today != NO_DATE && *out > today)
		*out = today;
	return 0;
}

int
prov_new(const struct gate *g, const struct site *site, long today,
    struct prov **out)
{
	struct prov		*a = prov_ungated();
	const struct gate_path	*p;
	const struct gate_version *v;
	struct prov_wait	*w;
	struct days		 d;
	size_t			 i, nf = 0, nw = 0;
	int			 rc = -1;

	*out = NULL;
	a->gated = 1;
	hex_of(a->commit, &g->head);
	d.g = g;
	d.day = xcalloc(g->nmainline ? g->nmainline : 1, sizeof(*d.day));
	for (i = 0; i < g->nmainline; i++)
		d.day[i] = NO_DATE;
	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		if (p->governance || !str_prefix(p->path, "content/"))
			continue;
		nf += p->visible;
		nw += p->live != NULL && p->live->present &&
		    p->live != p->published;
	}
	a->files = xcalloc(nf ? nf : 1, sizeof(*a->files));
	a->waits = xcalloc(nw ? nw : 1, sizeof(*a->waits));
	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		if (p->governance || !str_prefix(p->path, "content/"))
			continue;
		if (p->visible &&
		    add_file(a, &d, p, &a->files[a->nfiles++]) == -1)
			goto out;
		v = p->live;
		if (v == NULL || !v->present || v == p->published)
			continue;
		w = &a->waits[a->nwaits++];
		prov_place(site, p->path, &w->unit, &w->cat);
		w->item = site_item(site, p->path);
		w->blocked = v->veto != NULL;
		if (wait_since(&d, v->start_pos, today, &w->since) == -1)
			goto out;
	}
	xqsort(a->files, a->nfiles, sizeof(*a->files), cmp_file);
	xqsort(a->waits, a->nwaits, sizeof(*a->waits), cmp_wait);
	*out = a;
	a = NULL;
	rc = 0;
out:
	free(d.day);
	prov_free(a);
	return rc;
}

struct prov *
prov_ungated(void)
{
	struct prov	*a = xcalloc(1, sizeof(*a));

	a->arena = arena_new();
	return a;
}

void
prov_free(struct prov *a)
{
	if (a == NULL)
		return;
	free(a->files);
	free(a->waits);
	arena_free(a->arena);
	free(a);
}

const struct prov_file *
prov_find(const struct prov *a, const char *path)
{
	struct prov_file	key;

	if (a->nfiles == 0)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.path = path;
	return bsearch(&key, a->files, a->nfiles, sizeof(*a->files),
	    cmp_file);
}
