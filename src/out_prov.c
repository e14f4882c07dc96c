/*
 * out_prov.c -- provenance: which version of each published path is
 * online and who approved it, for item pages and provenance.json.
 * It reads the published answer (prov.h) and nothing else of the
 * gate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsout.h"
#include "out.h"
#include "page.h"
#include "prov.h"
#include "site.h"
#include "util.h"
#include "val.h"
#include "workday.h"

/* The approvals that counted: dates as the signer's days on pages
 * (short), as UTC times in provenance.json (full). */
static struct val *
approvals_val(const struct prov_file *f, int page)
{
	struct val	*l = val_list(), *a;
	char		 t[TIME_BUFSZ];
	size_t		 i;

	for (i = 0; i < f->napprovals; i++) {
		const struct prov_approval *ap = &f->approvals[i];

		a = val_push(l, val_map());
		val_set_str(a, "reviewer", ap->reviewer);
		val_set_str(a, "name", ap->name);
		val_set_str(a, "fingerprint", ap->fpr);
		val_set(a, "commit", val_strn(ap->commit, page ? PROV_SHORT :
		    PROV_HEXSZ));
		if (page)
			page_set_day(a, "date", ap->day);
		else
			val_set_str(a, "date", time_fmt(t, ap->time));
	}
	return l;
}

struct val *
out_prov_item(const struct out_ctx *ctx, const struct item *it)
{
	const struct prov_file	*f;
	struct val		*m;

	if ((f = prov_find(ctx->prov, it->path)) == NULL)
		return NULL;
	m = val_map();
	val_set_str(m, "version", f->version);
	val_set(m, "commit", val_strn(f->commit, PROV_SHORT));
	page_set_day(m, "date", f->published);
	val_set(m, "approvals", approvals_val(f, 1));
	val_set_bool(m, "waiting", f->waiting);
	return m;
}

/* Path f's entry in provenance.json. */
static struct val *
file_val(const struct site *s, const struct prov_file *f)
{
	struct val	*e = val_map();
	size_t		 k;

	val_set_str(e, "path", f->path);
	if ((k = site_item(s, f->path)) != NO_INDEX)
		val_set_str(e, "url", s->items[k].url);
	else if ((k = site_attachment(s, f->path)) != NO_INDEX)
		val_set_str(e, "url", s->atts[k].url);
	else
		val_set(e, "url", val_null());
	val_set_str(e, "version", f->version);
	val_set_str(e, "blob", f->blob);
	val_set_str(e, "since", f->commit);
	page_set_day(e, "published", f->published);
	val_set(e, "approvals", approvals_val(f, 0));
	return e;
}

/*
 * provenance.json: { "commit": ..., "items": [ one entry a file ] },
 * written an entry at a time (val_json_nested), as val_json would
 * write the whole: at 100,000 items the tree of all entries was a
 * third of a gated build's peak memory.
 */
int
out_prov_render(const struct out_ctx *ctx)
{
	const struct prov	*a = ctx->prov;
	const struct site	*s = ctx->site;
	const struct prov_file	*f;
	struct val		*v;
	struct buf		 out = BUF_INIT;
	char			*prefix = NULL;
	size_t			 i, n = 0;
	int			 rc;

	if (!a->gated || !page_root_mine(ctx))
		return 0;
	if (ctx->only != NO_INDEX)
		prefix = xasprintf("content/%s/", s->units[ctx->only].dir);
	buf_puts(&out, "{\n  \"commit\": ");
	v = val_str(a->commit);
	val_json_nested(v, &out, 1);
	val_free(v);
	buf_puts(&out, ",\n  \"items\": [");
	for (i = 0; i < a->nfiles; i++) {
		f = &a->files[i];
		if (prefix != NULL && !str_prefix(f->path, prefix))
			continue;
		buf_puts(&out, n++ > 0 ? ",\n    " : "\n    ");
		v = file_val(s, f);
		val_json_nested(v, &out, 2);
		val_free(v);
	}
	buf_puts(&out, n > 0 ? "\n  ]\n}\n" : "]\n}\n");
	rc = fsout_write(ctx->fs, "provenance.json", out.data, out.len);
	buf_dispose(&out);
	free(prefix);
	return rc;
}
