/*
 * out_prov.c -- provenance: which version of each published path is
 * online and who approved it, for item pages and provenance.json.
 * It only reads the gate's answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsout.h"
#include "gate.h"
#include "out.h"
#include "repo.h"
#include "site.h"
#include "util.h"
#include "val.h"
#include "workday.h"

/* "YYYY-MM-DDTHH:MM:SSZ" of a commit time, in UTC. */
static struct val *
time_val(int64_t t, int dateonly)
{
	struct date	d;
	char		day[DATE_BUFSZ];
	long		days = (long)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
	long		sec = (long)(t - (int64_t)days * 86400);

	date_from_days(days, &d);
	date_fmt(day, &d);
	if (dateonly)
		return val_str(day);
	return val_str_own(xasprintf("%sT%02ld:%02ld:%02ldZ", day, sec / 3600,
	    sec / 60 % 60, sec % 60));
}

static struct val *
oid_val(const struct oid *o, size_t len)
{
	char	hex[OID_HEXSZ + 1];

	oid_fmt(hex, o);
	hex[len] = '\0';
	return val_str(hex);
}

/* The approvals that count, in mainline order. */
static struct val *
approvals_val(const struct gate_version *v, int dateonly)
{
	struct val	*l = val_list(), *a;
	size_t		 i;

	for (i = 0; i < v->napprovals; i++) {
		const struct gate_approval *ap = &v->approvals[i];

		if (ap->why != GATE_COUNTS)
			continue;
		a = val_push(l, val_map());
		val_set_str(a, "reviewer", ap->reviewer);
		val_set_str(a, "name", ap->name);
		val_set_str(a, "fingerprint", ap->fpr);
		val_set(a, "commit", oid_val(&ap->commit, dateonly ? 12 :
		    OID_HEXSZ));
		val_set(a, "date", time_val(ap->time, dateonly));
	}
	return l;
}

struct val *
out_prov_item(const struct out_ctx *ctx, const struct item *it)
{
	const struct gate_path	*p;
	const struct gate_version *v;
	struct val		*m;

	if (ctx->gate == NULL || (p = gate_find(ctx->gate, it->path)) == NULL ||
	    (v = p->published) == NULL)
		return NULL;
	m = val_map();
	val_set(m, "version", oid_val(&v->blob, 12));
	val_set(m, "commit", oid_val(&v->start, 12));
	if (v->napprovals > 0)
		val_set(m, "date", time_val(
		    v->approvals[v->napprovals - 1].time, 1));
	val_set(m, "approvals", approvals_val(v, 1));
	val_set_bool(m, "waiting", p->live != p->published);
	return m;
}

int
out_prov_render(const struct out_ctx *ctx)
{
	const struct gate	*g = ctx->gate;
	const struct site	*s = ctx->site;
	const struct gate_path	*p;
	const struct gate_version *v;
	struct val		*root, *items, *e;
	struct buf		 out = BUF_INIT;
	char			*prefix = NULL;
	size_t			 i, k;
	int			 rc;

	if (g == NULL)
		return 0;
	if (ctx->only != NO_INDEX)
		prefix = xasprintf("content/%s/", s->units[ctx->only].dir);
	root = val_map();
	val_set(root, "commit", oid_val(&g->head, OID_HEXSZ));
	items = val_set(root, "items", val_list());
	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		if (!p->visible || !str_prefix(p->path, "content/") ||
		    (prefix != NULL && !str_prefix(p->path, prefix)))
			continue;
		v = p->published;
		e = val_push(items, val_map());
		val_set_str(e, "path", p->path);
		if ((k = site_item(s, p->path)) != NO_INDEX)
			val_set_str(e, "url", s->items[k].url);
		else if ((k = site_attachment(s, p->path)) != NO_INDEX)
			val_set_str(e, "url", s->atts[k].url);
		else
			val_set(e, "url", val_null());
		val_set(e, "blob", oid_val(&v->blob, OID_HEXSZ));
		val_set(e, "since", oid_val(&v->start, OID_HEXSZ));
		val_set(e, "approvals", approvals_val(v, 0));
	}
	val_json(root, &out, 1);
	rc = fsout_write(ctx->fs, "provenance.json", out.data, out.len);
	buf_dispose(&out);
	val_free(root);
	free(prefix);
	return rc;
}
