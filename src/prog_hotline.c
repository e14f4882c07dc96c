/*
 * prog_hotline.c -- the 12356 hotline programme (DESIGN 8, seed
 * 三（一）, 四（三）): monthly call records in, 月报 out.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "csv.h"
#include "diag.h"
#include "fsout.h"
#include "hotline.h"
#include "md.h"
#include "out.h"
#include "page.h"
#include "pdf.h"
#include "privacy.h"
#include "prog.h"
#include "progpage.h"
#include "rec.h"
#include "rectification.h"
#include "sha256.h"
#include "site.h"
#include "source.h"
#include "util.h"
#include "val.h"
#include "workday.h"
#include "ydoc.h"

/* programmes.hotline of config.yaml: the lists records draw from. */
struct hl_conf {
	const char	**channels, **types, **statuses;
	size_t		  nchannels, ntypes, nstatuses;
	size_t		  nby[3];	/* the three counts above */
	char		 *closed;	/* the status that closes a call */
	char		 *rule;		/* how the figures are computed, as
					   pages and PDFs state it (Markdown
					   for the PDF, text on pages) */
};

static const char *const hl_keys[] = { "title", "channels", "types",
	"statuses", "closed_status", "rule", NULL };

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
	free(c->rule);
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
	if (ynode_str(path, m, "rule", 1, &s) == -1)
		rc = -1;
	else
		c->rule = xstrdup(s);
	c->nby[0] = c->nchannels;
	c->nby[1] = c->ntypes;
	c->nby[2] = c->nstatuses;
	*out = c;
	return rc;
}

/* ---- aggregation ----------------------------------------------------- */

enum { F_DATE, F_CHANNEL, F_TYPE, F_TOPIC, F_UNIT, F_STATUS, F_CLOSED,
	F_COUNT };

static const char *const header[] = { "date", "channel", "type", "topic",
	"unit", "status", "closed", NULL };

#define ERRS_MAX	100	/* errors reported per file */

struct hl {
	const struct prog_ctx	*pc;
	const struct hl_conf	*conf;
	struct hl_months	*agg;	/* one per site unit */
	struct buf		 text;	/* the file being read */
	int			 errs;	/* errors in the current file */
	int			 warned; /* the current file named a unit
					    not published (said once) */
	int			 now;	/* the month of pc->today (ym) */
	struct date		 day;	/* pc->today */
	char			 today[DATE_BUFSZ]; /* it, "YYYY-MM-DD" */
	char			**other; /* handling units named by records
					    that are not published (a gated
					    site), by folder: other[i] is
					    the unit hotline_add counts as
					    site.nunits + i */
	size_t			 nother, capother;
};

/* Sets the day h is as of (the build's today). */
static void
hl_today(struct hl *h, long today)
{
	date_from_days(today, &h->day);
	h->now = h->day.year * 12 + h->day.month - 1;
	date_fmt(h->today, &h->day);
}

/* Frees what h holds beside its aggregates. */
static void
hl_dispose_other(struct hl *h)
{
	size_t	i;

	for (i = 0; i < h->nother; i++)
		free(h->other[i]);
	free(h->other);
	h->other = NULL;
	h->nother = h->capother = 0;
}

static void
hl_dispose(struct hl *h, size_t nunits)
{
	size_t	u;

	for (u = 0; u < nunits; u++)
		hotline_months_dispose(&h->agg[u]);
	free(h->agg);
	buf_dispose(&h->text);
	hl_dispose_other(h);
}

/* The unit hotline_add counts a call under when its handling unit dir
 * is not published (a gated site): one per folder, after the site's. */
static size_t
hl_other(struct hl *h, const char *dir)
{
	size_t	i;

	for (i = 0; i < h->nother; i++)
		if (strcmp(h->other[i], dir) == 0)
			break;
	if (i == h->nother) {
		xgrow(&h->other, &h->capother, h->nother + 1,
		    sizeof(*h->other));
		h->other[h->nother++] = xstrdup(dir);
	}
	return h->pc->site->nunits + i;
}

/* How handling unit u of hl_other or the site is named: its name
 * (dir 0) or folder (dir 1); an unpublished one by its folder. */
static const char *
hl_unit_label(const struct hl *h, size_t u, int dir)
{
	const struct site	*s = h->pc->site;

	if (u >= s->nunits)
		return h->other[u - s->nunits];
	return dir ? s->units[u].dir : s->units[u].name;
}

/* ---- reading ----------------------------------------------------------- */

static size_t
find(const char *const *v, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return i;
	return (size_t)-1;
}

static void
list_of(struct buf *b, const char *const *v, size_t n)
{
	size_t	i;

	buf_reset(b);
	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? ", " : "", v[i]);
}

/* Reports a problem with field i of the record read last. */
static void
bad(struct hl *h, struct csv *c, size_t i, int delta, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
bad(struct hl *h, struct csv *c, size_t i, int delta, const char *fmt, ...)
{
	char	 msg[600];
	va_list	 ap;
	int	 line, col;

	if (h->errs++ >= ERRS_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	csv_pos(c, i, &line, &col);
	diag_error(csv_path(c), line, col + delta, "%s", msg);
}

/* Reports that field i of the record read last, a date, is after
 * today, as every programme words it (rec_future). */
static void
future(struct hl *h, struct csv *c, const struct csv_row *r, size_t i)
{
	int	line, col;

	if (h->errs++ >= ERRS_MAX)
		return;
	csv_pos(c, i, &line, &col);
	rec_future(csv_path(c), line, col, header[i], r->f[i], h->pc->today);
}

struct pscan {
	const char		*cell;
	size_t			 off;
	enum privacy_kind	 kind;
	int			 hit;
};

static void
on_priv(void *arg, size_t off, size_t len, enum privacy_kind kind)
{
	struct pscan	*p = arg;

	(void)len;
	if (p->hit++ == 0) {
		p->off = off;
		p->kind = kind;
	}
}

/* Characters in the first n bytes of s. */
static int
chars(const char *s, size_t n)
{
	size_t	i;
	int	k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/*
 * Checks one record of file f (month ym) and adds it to the months of
 * every unit from f's up that has the programme.  0, or -1 after
 * reporting.
 */
static int
record(struct hl *h, struct csv *c, const struct csv_row *r,
    const struct progfile *f, int ym)
{
	const struct hl_conf	*k = h->conf;
	const struct site	*s = h->pc->site;
	const char *const	*lists[3] = { k->channels, k->types,
				    k->statuses };
	const size_t		 nl[3] = { k->nchannels, k->ntypes,
				    k->nstatuses };
	static const char *const what[3] = { "channel", "type", "status" };
	static const char *const key[3] = { "channels", "types",
				    "statuses" };
	static const size_t	 col[3] = { F_CHANNEL, F_TYPE, F_STATUS };
	struct pscan		 ps;
	struct date		 d, cd;
	struct buf		 b = BUF_INIT;
	size_t			 idx[3], i, hu, a;
	long			 cday = 0;
	int			 rc = 0, closed, date_ok;

	for (i = 0; i < F_COUNT; i++) {
		memset(&ps, 0, sizeof(ps));
		if (privacy_scan_shown(r->f[i], r->len[i], on_priv,
		    &ps) == 0)
			continue;
		bad(h, c, i, chars(r->f[i], ps.off), "cell holds a %s: "
		    "records carry no personal data",
		    privacy_kind_name(ps.kind));
		rc = -1;
	}
	if ((date_ok = date_parse(r->f[F_DATE], &d) == 0) == 0) {
		bad(h, c, F_DATE, 0, "bad date '%s' (expected YYYY-MM-DD)",
		    r->f[F_DATE]);
		rc = -1;
	} else if (d.year * 12 + d.month - 1 != ym) {
		bad(h, c, F_DATE, 0, "date %s is outside the month of the file "
		    "(%04d-%02d)", r->f[F_DATE], ym / 12, ym % 12 + 1);
		rc = -1;
	} else if (date_days(&d) > h->pc->today) {
		future(h, c, r, F_DATE);
		rc = -1;
	}
	for (i = 0; i < 3; i++)
		if ((idx[i] = find(lists[i], nl[i], r->f[col[i]])) ==
		    (size_t)-1) {
			list_of(&b, lists[i], nl[i]);
			bad(h, c, col[i], 0, "unknown %s '%s' (expected one "
			    "of %s: programmes.hotline.%s in config.yaml)",
			    what[i], r->f[col[i]], b.data, key[i]);
			rc = -1;
		}
	if ((hu = site_unit(s, r->f[F_UNIT])) == NO_INDEX && s->gated &&
	    r->len[F_UNIT] > 0) {
		/* What is not approved cannot stop what is: the unit's
		 * _unit.yaml may wait for approval.  Said once a file. */
		if (!h->warned++) {
			int	line, col;

			csv_pos(c, F_UNIT, &line, &col);
			diag_warn(csv_path(c), line, col, "unit '%s' is not a "
			    "published unit: its calls are counted under "
			    "its folder, as plain text", r->f[F_UNIT]);
		}
		hu = hl_other(h, r->f[F_UNIT]);
	} else if (hu == NO_INDEX) {
		bad(h, c, F_UNIT, 0, "unit '%s' is no unit (name the handling "
		    "unit by its folder under content/, as '%s')",
		    r->f[F_UNIT], s->units[f->unit].dir);
		rc = -1;
	}
	closed = idx[2] != (size_t)-1 && strcmp(k->statuses[idx[2]],
	    k->closed) == 0;
	if (r->len[F_CLOSED] > 0) {
		if (date_parse(r->f[F_CLOSED], &cd) == -1) {
			bad(h, c, F_CLOSED, 0, "bad closed date '%s' (expected "
			    "YYYY-MM-DD or nothing)", r->f[F_CLOSED]);
			rc = -1;
		} else if (date_ok && date_days(&cd) < date_days(&d)) {
			bad(h, c, F_CLOSED, 0, "closed %s before the date %s",
			    r->f[F_CLOSED], r->f[F_DATE]);
			rc = -1;
		} else if (date_days(&cd) > h->pc->today) {
			future(h, c, r, F_CLOSED);
			rc = -1;
		} else if (date_ok)
			cday = date_days(&cd) - date_days(&d);
		if (!closed && idx[2] != (size_t)-1) {
			bad(h, c, F_CLOSED, 0, "closed date given but the "
			    "status is '%s' (only '%s' closes a call)",
			    r->f[F_STATUS], k->closed);
			rc = -1;
		}
	} else if (closed) {
		bad(h, c, F_CLOSED, 0, "status '%s' needs the closed date",
		    k->closed);
		rc = -1;
	}
	buf_dispose(&b);
	if (rc == -1)
		return -1;
	for (a = f->unit; a != NO_INDEX; a = s->units[a].parent)
		if (prog_enabled(s, a, PROG_HOTLINE))
			hotline_add(hotline_month(&h->agg[a], ym, k->nby),
			    idx, hu, closed, cday);
	return 0;
}

int
prog_hotline_month(const char *n)
{
	int	y, m;

	if (strlen(n) != 11 || strspn(n, "0123456789") != 4 || n[4] != '-' ||
	    strspn(n + 5, "0123456789") != 2 || strcmp(n + 7, ".csv") != 0 ||
	    (y = atoi(n)) < 1900 || (m = atoi(n + 5)) < 1 || m > 12)
		return -1;
	return y * 12 + m - 1;
}

/* The month of a file named "YYYY-MM.csv", or -1 after reporting. */
static int
file_month(const struct progfile *f)
{
	int	ym;

	if ((ym = prog_hotline_month(f->name)) == -1)
		diag_error(f->path, 0, 0, "a hotline file is named after its "
		    "month, as '2026-03.csv'");
	return ym;
}

/*
 * Reads file f into the aggregates.  A file with the header and no
 * record is a month without calls: its month is there, with 0.  A
 * month after today's has not begun: its file is an error; today's
 * own month is a report in progress.  0, or -1 after reporting, each
 * record's problems in the order of its cells.
 */
static int
read_file(struct hl *h, const struct progfile *f)
{
	const struct site	*s = h->pc->site;
	struct csv		*c;
	struct csv_row		 r;
	size_t			 a;
	int			 ym, n, rc = 0;

	if ((ym = file_month(f)) == -1)
		return -1;
	if (ym > h->now) {
		diag_error(f->path, 0, 0, "month %04d-%02d has not begun "
		    "(today is %s): a hotline file is for a month that has "
		    "ended, or the current one", ym / 12, ym % 12 + 1,
		    h->today);
		return -1;
	}
	if (source_read(h->pc->src, f->path, &h->text) != 0)
		return -1;
	h->errs = 0;
	h->warned = 0;
	diag_hold();
	c = csv_new(f->path, h->text.data, h->text.len);
	if (csv_header(c, header) == -1)
		rc = -1;
	else {
		for (a = f->unit; a != NO_INDEX; a = s->units[a].parent)
			if (prog_enabled(s, a, PROG_HOTLINE))
				(void)hotline_month(&h->agg[a], ym,
				    h->conf->nby);
		while ((n = csv_next(c, &r)) != 0)
			if (n == -1 || record(h, c, &r, f, ym) == -1) {
				rc = -1;
				if (n == -1)
					break;
			}
	}
	diag_release();
	if (h->errs > ERRS_MAX)
		diag_error(f->path, 0, 0, "%d more errors not shown",
		    h->errs - ERRS_MAX);
	csv_free(c);
	return rc;
}

/* ---- figures ----------------------------------------------------------- */

static char *
tenths(long t)
{
	return xasprintf("%ld.%ld", t / 10, t % 10);
}

static char *
month_label(int ym)
{
	return xasprintf("%d年%d月", ym / 12, ym % 12 + 1);
}

static char *
month_id(int ym, const char *ext)
{
	return xasprintf("%04d-%02d%s", ym / 12, ym % 12 + 1, ext);
}

/* The four breakdowns of a month as charts (labels borrowed from the
 * config and the site; values in vals, 4 x the longest). */
struct dims {
	struct chart	 c[4];
	const char	**labels;
	long		*vals;
};

static void
dims_make(const struct hl *h, struct hl_month *m, struct dims *d)
{
	const struct hl_conf	*k = h->conf;
	static const char *const titles[3] = { "按受理渠道",
		"按诉求类型", "按办理状态" };
	static const char *const heads[3] = { "渠道", "类型", "状态" };
	const char *const	*lists[3] = { k->channels, k->types,
				    k->statuses };
	const size_t		 nl[3] = { k->nchannels, k->ntypes,
				    k->nstatuses };
	size_t			 i, j, n = 0;

	hotline_sort_units(m);
	d->labels = xcalloc(nl[0] + nl[1] + nl[2] + m->nunits + 1,
	    sizeof(*d->labels));
	d->vals = xcalloc(nl[0] + nl[1] + nl[2] + m->nunits + 1,
	    sizeof(*d->vals));
	for (i = 0; i < 4; i++) {
		memset(&d->c[i], 0, sizeof(d->c[i]));
		d->c[i].kind = CHART_BAR;
		d->c[i].value_head = "件数";
		d->c[i].labels = d->labels + n;
		d->c[i].values = d->vals + n;
		if (i < 3) {
			d->c[i].title = titles[i];
			d->c[i].label_head = heads[i];
			for (j = 0; j < nl[i]; j++, n++) {
				d->labels[n] = lists[i][j];
				d->vals[n] = m->by[i][j];
			}
			d->c[i].n = nl[i];
			continue;
		}
		d->c[i].title = "按办理单位";
		d->c[i].label_head = "办理单位";
		for (j = 0; j < m->nunits; j++, n++) {
			d->labels[n] = hl_unit_label(h, m->units[j].unit, 0);
			d->vals[n] = m->units[j].n;
		}
		d->c[i].n = m->nunits;
	}
}

static void
dims_dispose(struct dims *d)
{
	free(d->labels);
	free(d->vals);
}

/*
 * The units directly under u whose level has the hotline and that did
 * not report month ym (no file of theirs, nor of a unit under them),
 * in the site's order -- when at least one of them did: *n of them
 * (0 when all reported, or none did).  The caller frees the array.
 */
static size_t *
unreported(const struct hl *h, size_t u, int ym, size_t *n)
{
	const struct site	*s = h->pc->site;
	size_t			*v, i, c, done = 0;

	*n = 0;
	v = xcalloc(s->units[u].nchildren + 1, sizeof(*v));
	for (i = 0; i < s->units[u].nchildren; i++) {
		c = s->units[u].children[i];
		if (!prog_enabled(s, c, PROG_HOTLINE))
			continue;
		if (hotline_find(&h->agg[c], ym) != NULL)
			done++;
		else
			v[(*n)++] = c;
	}
	if (done == 0)
		*n = 0;
	return v;
}

/* Appends s as Markdown text that means s itself: every ASCII
 * punctuation character escaped, a line break as a space. */
static void
md_literal(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\n' || *s == '\r')
			buf_putc(b, ' ');
		else {
			if (strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", *s) !=
			    NULL)
				buf_putc(b, '\\');
			buf_putc(b, *s);
		}
}

/* ---- outputs ----------------------------------------------------------- */

struct hl_out {
	struct hl		*h;
	const struct out_ctx	*out;
	struct pdf_fonts	*fonts;
	struct buf		 b, page;
};

/* Appends the record dim,key,value (each quoted as it needs). */
static void
csv_rec(struct buf *b, const char *dim, const char *key, const char *value)
{
	csv_put(b, dim);
	buf_putc(b, ',');
	csv_put(b, key);
	buf_putc(b, ',');
	csv_put(b, value);
	buf_puts(b, "\r\n");
}

/*
 * <unit>/hotline/<YYYY-MM>.csv: the aggregates for the report upwards,
 * after a byte-order mark (csv.h), fields quoted as RFC 4180 has them
 * (a unit's folder may hold a comma).  A rate or median of nothing is
 * empty.
 */
static int
write_csv(struct hl_out *o, size_t u, struct hl_month *m,
    const struct dims *d)
{
	static const char *const dim[4] = { "channel", "type", "status",
		"unit" };
	const struct site	*s = o->h->pc->site;
	char			*rel, *id = month_id(m->ym, ""), v[32];
	long			 med = hotline_median10(m);
	long			 r = hotline_rate10(m->closed, m->total);
	size_t			 i, j;
	int			 rc;

	buf_reset(&o->b);
	buf_puts(&o->b, CSV_BOM);
	csv_rec(&o->b, "dimension", "key", "value");
	csv_rec(&o->b, "month", "", id);
	csv_rec(&o->b, "unit", "", s->units[u].dir);
	snprintf(v, sizeof(v), "%ld", m->total);
	csv_rec(&o->b, "total", "", v);
	snprintf(v, sizeof(v), "%ld", m->closed);
	csv_rec(&o->b, "closed", "", v);
	v[0] = '\0';
	if (m->total > 0)
		snprintf(v, sizeof(v), "%ld.%ld", r / 10, r % 10);
	csv_rec(&o->b, "closure_rate_percent", "", v);
	v[0] = '\0';
	if (med >= 0)
		snprintf(v, sizeof(v), "%ld.%ld", med / 10, med % 10);
	csv_rec(&o->b, "median_days_to_close", "", v);
	for (i = 0; i < 4; i++)
		for (j = 0; j < d->c[i].n; j++) {
			snprintf(v, sizeof(v), "%ld", d->c[i].values[j]);
			csv_rec(&o->b, dim[i], i < 3 ? d->c[i].labels[j] :
			    hl_unit_label(o->h, m->units[j].unit, 1), v);
		}
	free(id);
	id = month_id(m->ym, ".csv");
	rel = prog_path(s, u, PROG_HOTLINE, id);
	rc = fsout_write(o->out->fs, rel, o->b.data, o->b.len);
	free(rel);
	free(id);
	return rc;
}

/*
 * What a month's report says besides its figures (caller frees): that
 * the month is not over (today's month: the figures as of today), or
 * that it had no call (a file with no record); NULL when neither.
 */
static char *
note(const struct hl *h, const struct hl_month *m)
{
	if (m->ym != h->now)
		return m->total == 0 ? xstrdup("本月未受理来电。") : NULL;
	return xasprintf(m->total == 0 ? "本月尚未结束：截至%d年%d月%d日未受理"
	    "来电。" : "本月尚未结束，数据统计截至%d年%d月%d日。", h->day.year,
	    h->day.month, h->day.day);
}

/* <unit>/hotline/<YYYY-MM>.pdf: A4, the figures and the charts. */
static int
write_pdf(struct hl_out *o, size_t u, struct hl_month *m,
    const struct dims *d)
{
	const struct site	*s = o->h->pc->site;
	struct pdf_opts		 opt;
	struct pdf_meta		 rows[4];
	struct pdf		*pdf = NULL;
	char			*id = month_id(m->ym, ".pdf"), *rel, *lab;
	char			*sub, *tot, *cl, *rate, *med, *say;
	long			 md = hotline_median10(m);
	size_t			*un, nun, i;
	int			 rc = -1;

	rel = prog_path(s, u, PROG_HOTLINE, id);
	lab = month_label(m->ym);
	sub = xasprintf("%s %s月报", lab, o->h->pc->title);
	tot = xasprintf("%ld 件", m->total);
	cl = xasprintf("%ld 件", m->closed);
	rate = m->total > 0 ? xasprintf("%ld.%ld%%", hotline_rate10(m->closed,
	    m->total) / 10, hotline_rate10(m->closed, m->total) % 10) :
	    xstrdup("—");
	med = md >= 0 ? xasprintf("%ld.%ld 天", md / 10, md % 10) :
	    xstrdup("—");
	if (o->fonts == NULL)
		o->fonts = pdf_fonts_new();
	memset(&opt, 0, sizeof(opt));
	opt.paper = "A4";
	opt.creation_day = o->out->today;
	opt.title = sub;
	opt.author = s->units[u].name;
	opt.footer_fmt = "第 %d 页 共 %d 页";
	opt.grey = o->out->grey;
	if (pdf_new(rel, &opt, o->fonts, &pdf) == -1)
		goto out;
	pdf_heading_band(pdf, s->units[u].name, sub);
	rows[0].label = "受理总件数";
	rows[0].value = tot;
	rows[1].label = "办结件数";
	rows[1].value = cl;
	rows[2].label = "办结率";
	rows[2].value = rate;
	rows[3].label = "办结天数中位数";
	rows[3].value = med;
	pdf_meta_table(pdf, rows, 4);
	if ((say = note(o->h, m)) != NULL) {
		struct mnode	*n = md_tree(say, strlen(say));

		pdf_markdown(pdf, n);
		mnode_free(n);
		free(say);
	}
	/* the units under it that did not report, as on the page */
	un = unreported(o->h, u, m->ym, &nun);
	if (nun > 0) {
		struct buf	 t = BUF_INIT;
		struct mnode	*n;

		buf_puts(&t, "**" HOTLINE_MISSING "**：");
		for (i = 0; i < nun; i++) {
			if (i > 0)
				buf_puts(&t, "、");
			md_literal(&t, s->units[un[i]].name);
		}
		n = md_tree(t.data, t.len);
		pdf_markdown(pdf, n);
		mnode_free(n);
		buf_dispose(&t);
	}
	free(un);
	if (o->h->conf->rule != NULL) {
		struct mnode	*t = md_tree(o->h->conf->rule,
		    strlen(o->h->conf->rule));

		pdf_markdown(pdf, t);
		mnode_free(t);
	}
	for (i = 0; i < 4; i++)
		if (d->c[i].n > 0)
			pdf_chart(pdf, &d->c[i]);
	if (out_print_finish(o->out, pdf, &o->b) == 0 &&
	    fsout_write(o->out->fs, rel, o->b.data, o->b.len) == 0)
		rc = 0;
out:
	pdf_free(pdf);
	free(rel);
	free(id);
	free(lab);
	free(sub);
	free(tot);
	free(cl);
	free(rate);
	free(med);
	return rc;
}

/* Sets the figures of month m on map v: a rate of no call and the
 * median of none are null. */
static void
set_figures(struct val *v, const struct hl_month *m)
{
	long	md = hotline_median10(m);

	val_set_num(v, "total", (double)m->total);
	val_set_num(v, "closed", (double)m->closed);
	val_set(v, "rate", m->total > 0 ? val_str_own(tenths(hotline_rate10(
	    m->closed, m->total))) : val_null());
	val_set(v, "median", md >= 0 ? val_str_own(tenths(md)) :
	    val_null());
}

/* A page context for rel of unit u with crumbs to the programme. */
static struct val *
hl_page(struct hl_out *o, size_t u, const char *rel, const char *title,
    const char *label)
{
	const char	*pt = o->h->pc->title;
	struct val	*v = page_new(o->out, rel, "hotline", title, pt);
	char		*idx;

	page_unit(o->out, v, u, rel);
	page_crumbs_unit(o->out, v, rel, u, 0);
	if (label != NULL) {
		idx = prog_path(o->h->pc->site, u, PROG_HOTLINE, "index.html");
		page_crumb(v, pt, page_href(rel, idx), 0);
		free(idx);
		page_crumb(v, label, NULL, 1);
	} else
		page_crumb(v, pt, NULL, 1);
	val_set_str(v, "programme", pt);
	if (o->h->conf->rule != NULL)
		val_set_str(v, "rule", o->h->conf->rule);
	val_set_bool(v, "has_subunits", o->h->pc->site->units[u].nchildren >
	    0);
	return v;
}

/* subunits: the units directly under u that reported month ym (calls,
 * or a file saying there were none), with their figures and their own
 * report (a link when it is built); unreported: those of them with the
 * programme that did not (unreported()). */
static void
sub_months(struct hl_out *o, struct val *v, size_t u, int ym,
    const char *rel)
{
	const struct site	*s = o->h->pc->site;
	const struct hl_month	*cm;
	struct val		*l = val_set(v, "subunits", val_list()), *e;
	char			*id, *p;
	size_t			*un, nun, i, c;

	for (i = 0; i < s->units[u].nchildren; i++) {
		c = s->units[u].children[i];
		if ((cm = hotline_find(&o->h->agg[c], ym)) == NULL)
			continue;
		e = val_push(l, val_map());
		val_set_str(e, "name", s->units[c].name);
		set_figures(e, cm);
		if (page_built(o->out, c)) {
			id = month_id(ym, ".html");
			p = prog_path(s, c, PROG_HOTLINE, id);
			val_set(e, "href", val_str_own(page_href(rel, p)));
			free(p);
			free(id);
		}
	}
	val_set_bool(v, "has_subunit_rows", l->n > 0);
	un = unreported(o->h, u, ym, &nun);
	l = val_set(v, "unreported", val_list());
	for (i = 0; i < nun; i++) {
		e = val_push(l, val_map());
		val_set_str(e, "name", s->units[un[i]].name);
		val_set_str(e, "sep", i + 1 < nun ? "、" : "");
	}
	val_set_bool(v, "has_unreported", nun > 0);
	free(un);
}

static int
write_month(struct hl_out *o, size_t u, struct hl_month *m)
{
	const struct site	*s = o->h->pc->site;
	struct dims		 d;
	struct val		*v, *l;
	char			*id = month_id(m->ym, ".html"), *rel, *lab,
				*title, *f;
	size_t			 i;
	int			 rc;

	dims_make(o->h, m, &d);
	rel = prog_path(s, u, PROG_HOTLINE, id);
	lab = month_label(m->ym);
	title = xasprintf("%s%s月报", lab, o->h->pc->title);
	v = hl_page(o, u, rel, title, lab);
	val_set_str(v, "month", lab);
	set_figures(v, m);
	f = note(o->h, m);
	val_set(v, "note", f != NULL ? val_str_own(f) : val_null());
	l = val_set(v, "charts", val_list());
	for (i = 0; i < 4; i++) {
		buf_reset(&o->b);
		chart_html(&d.c[i], &o->b);
		val_set_str(val_push(l, val_map()), "html", o->b.data);
	}
	sub_months(o, v, u, m->ym, rel);
	f = month_id(m->ym, ".pdf");
	val_set_str(v, "pdf_href", f);
	free(f);
	f = month_id(m->ym, ".csv");
	val_set_str(v, "csv_href", f);
	free(f);
	val_set_str(v, "index_href", "index.html");
	/* the rectifications citing this month (progpage.h) */
	f = month_id(m->ym, "");
	val_set(v, "cited", pp_cited_val(o->out, RC_HOTLINE, u, f, rel));
	free(f);
	rc = page_write(o->out, v, "hotline", rel, &o->page);
	if (rc == 0)
		rc = write_pdf(o, u, m, &d);
	if (rc == 0)
		rc = write_csv(o, u, m, &d);
	dims_dispose(&d);
	free(rel);
	free(lab);
	free(title);
	free(id);
	return rc;
}

static int
write_index(struct hl_out *o, size_t u)
{
	const struct hl_months	*a = &o->h->agg[u];
	const struct hl_month	*m;
	const struct site	*s = o->h->pc->site;
	struct chart		 c;
	const char		**labels;
	long			*vals;
	struct val		*v, *l, *e;
	char			*rel;
	size_t			 i, n, missing = 0;
	int			 rc, ym, first = a->m[0].ym,
				 last = a->m[a->n - 1].ym,
				 one_year = first / 12 == last / 12;

	/* every month from the first to the last: one without a file is
	 * no month of 0 calls but a gap (HOTLINE_MISSING), in the table
	 * and in the line, which it breaks */
	n = (size_t)(last - first + 1);
	rel = prog_path(s, u, PROG_HOTLINE, "index.html");
	v = hl_page(o, u, rel, o->h->pc->title, NULL);
	labels = xcalloc(n, sizeof(*labels));
	vals = xcalloc(n, sizeof(*vals));
	l = val_set(v, "months", val_list());
	for (i = 0, ym = first; ym <= last; i++, ym++) {
		labels[i] = one_year ? xasprintf("%d月", ym % 12 + 1) :
		    month_id(ym, "");
		e = val_push(l, val_map());
		val_set(e, "month", val_str_own(month_label(ym)));
		m = hotline_find(a, ym);
		val_set_bool(e, "missing", m == NULL);
		if (m == NULL) {
			vals[i] = CHART_NONE;
			missing++;
			continue;
		}
		vals[i] = m->total;
		set_figures(e, m);
		val_set(e, "href", val_str_own(month_id(ym, ".html")));
		val_set(e, "pdf_href", val_str_own(month_id(ym, ".pdf")));
		val_set(e, "csv_href", val_str_own(month_id(ym, ".csv")));
	}
	val_set_bool(v, "has_missing", missing > 0);
	val_set_str(v, "missing_text", HOTLINE_MISSING);
	memset(&c, 0, sizeof(c));
	c.kind = CHART_LINE;
	c.title = "各月受理件数";
	c.label_head = "月份";
	c.value_head = "件数";
	c.none = HOTLINE_MISSING;
	c.n = n;
	c.labels = labels;
	c.values = vals;
	buf_reset(&o->b);
	chart_html(&c, &o->b);
	val_set_str(v, "chart", o->b.data);
	rc = page_write(o->out, v, "hotline-index", rel, &o->page);
	for (i = 0; i < n; i++)
		free((char *)labels[i]);
	free(labels);
	free(vals);
	free(rel);
	return rc;
}

int
prog_hotline_run(const struct prog_ctx *pc)
{
	const struct site	*s = pc->site;
	struct hl		 h;
	struct hl_out		 o;
	size_t			 i, u;
	int			 rc = 0;

	if (pc->conf == NULL) {
		diag_error(pc->files[0].path, 0, 0, "config.yaml has no "
		    "programmes.hotline (channels, types, statuses)");
		return -1;
	}
	memset(&h, 0, sizeof(h));
	h.pc = pc;
	h.conf = pc->conf;
	hl_today(&h, pc->today);
	h.agg = xcalloc(s->nunits ? s->nunits : 1, sizeof(*h.agg));
	buf_init(&h.text);
	for (i = 0; i < pc->nfiles; i++)
		if (read_file(&h, &pc->files[i]) == -1)
			rc = -1;
	buf_dispose(&h.text);
	if (rc == 0 && pc->out != NULL) {
		memset(&o, 0, sizeof(o));
		o.h = &h;
		o.out = pc->out;
		buf_init(&o.b);
		buf_init(&o.page);
		for (u = 0; u < s->nunits && rc == 0; u++) {
			if (h.agg[u].n == 0 || !page_mine(pc->out, u))
				continue;
			if (write_index(&o, u) == -1)
				rc = -1;
			for (i = 0; i < h.agg[u].n && rc == 0; i++)
				if (write_month(&o, u, &h.agg[u].m[i]) == -1)
					rc = -1;
		}
		if (o.fonts != NULL)
			pdf_fonts_free(o.fonts);
		buf_dispose(&o.b);
		buf_dispose(&o.page);
	}
	hl_dispose(&h, s->nunits);
	return rc;
}

int
prog_hotline_all(const struct site *s, struct source *src, long today,
    struct hotline_all *out)
{
	struct prog_ctx	 pc;
	struct hl	 h;
	const struct progfile *f;
	size_t		 i;

	memset(out, 0, sizeof(*out));
	out->dig = xcalloc(s->nprogfiles ? s->nprogfiles : 1,
	    sizeof(*out->dig));
	memset(&pc, 0, sizeof(pc));
	pc.site = s;
	pc.src = src;
	pc.today = today;
	pc.conf = prog_conf(s->cfg, PROG_HOTLINE);
	memset(&h, 0, sizeof(h));
	h.pc = &pc;
	h.conf = pc.conf;
	hl_today(&h, today);
	h.agg = xcalloc(s->nunits ? s->nunits : 1, sizeof(*h.agg));
	buf_init(&h.text);
	diag_hold();	/* said by prog_hotline_run, once (prog.h) */
	for (i = 0; i < s->nprogfiles && pc.conf != NULL; i++) {
		f = &s->progfiles[i];
		if (f->prog != PROG_HOTLINE)
			continue;
		if (read_file(&h, f) == -1) {
			snprintf(out->dig[i], sizeof(out->dig[i]), "-");
			out->rc = -1;
		} else if (f->blob != NULL)
			snprintf(out->dig[i], sizeof(out->dig[i]), "%s",
			    f->blob);
		else
			sha256_digest(h.text.data, h.text.len, out->dig[i]);
	}
	diag_drop();
	buf_dispose(&h.text);
	hl_dispose_other(&h);	/* the names: out counts, never names */
	out->units = h.agg;
	return out->rc;
}

void
prog_hotline_all_dispose(struct hotline_all *a, size_t nunits)
{
	size_t	u;

	if (a->units != NULL)
		for (u = 0; u < nunits; u++)
			hotline_months_dispose(&a->units[u]);
	free(a->units);
	free(a->dig);
	memset(a, 0, sizeof(*a));
}

const char *const *
prog_hotline_list(const struct config *cfg, int dim, size_t *n)
{
	const struct hl_conf	*c = prog_conf(cfg, PROG_HOTLINE);

	*n = 0;
	if (c == NULL || dim < 0 || dim > 2)
		return NULL;
	*n = c->nby[dim];
	return dim == 0 ? c->channels : dim == 1 ? c->types : c->statuses;
}
