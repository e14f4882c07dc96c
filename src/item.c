/*
 * item.c -- item and unit files into the model; see item.h.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "cfg.h"
#include "diag.h"
#include "idxno.h"
#include "item.h"
#include "md.h"
#include "privacy.h"
#include "sha256.h"
#include "site.h"
#include "source.h"
#include "util.h"
#include "workday.h"
#include "ydoc.h"

/* A Markdown item's fields; a YAML item's add its body and table. */
static const char *const md_keys[] = { "title", "date", "written",
	"index_no", "doc_no", "topic", "summary", "keywords", "expires",
	"repealed", "replaced_by", "outputs", NULL };
static const char *const yaml_keys[] = { "title", "date", "written",
	"index_no", "doc_no", "topic", "summary", "keywords", "expires",
	"repealed", "replaced_by", "outputs", "body", "table", NULL };
static const char *const unit_keys[] = { "name", "level", "code",
	"org_code", "index_format", "address", "postcode", "phone", "hours",
	"email", "description", NULL };

/* The keywords kw (n of them, from node kl) are joined with commas in
 * the page's Keywords meta: each must say something, and hold none. */
static int
keywords_check(const char *path, const struct ynode *kl,
    const char *const *kw, size_t n)
{
	const struct ynode	*k;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; i < n && kl != NULL && kl->type == YN_SEQ &&
	    i < kl->n; i++) {
		k = kl->kids[i];
		if (text_blank(kw[i], strlen(kw[i]))) {
			diag_error(path, k->line, k->col, "empty keyword");
			rc = -1;
		} else if (strchr(kw[i], ',') != NULL) {
			diag_error(path, k->line, k->col, "keyword '%s' holds "
			    "a comma: keywords are listed with commas, so give "
			    "each as an item of its own", kw[i]);
			rc = -1;
		}
	}
	return rc;
}

/* 1 if s is one of the NULL-terminated list. */
static int
listed(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* Reports the level of node n as none of cfg's, with theirs. */
static void
unknown_level(const char *path, const struct ynode *n,
    const struct config *cfg)
{
	const char	**ids = xcalloc(cfg->nlevels + 1, sizeof(*ids));
	size_t		  i;

	for (i = 0; i < cfg->nlevels; i++)
		ids[i] = cfg->levels[i].id;
	ynode_unknown(path, n->line, n->col, "level", n->str, ids);
	free(ids);
}

/* ynode_keys_allowed for a Markdown item's front matter, telling a
 * YAML item's body or table apart from a field that does not exist. */
static int
md_keys_allowed(const char *path, const struct ynode *root)
{
	const struct ynode	*k;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; i < root->n; i++) {
		k = root->keys[i];
		if (strcmp(k->str, "body") == 0 || strcmp(k->str, "table") == 0)
			diag_error(path, k->line, k->col, "'%s' is only for "
			    ".yaml items (a .md item's body follows its front "
			    "matter)", k->str);
		else if (listed(k->str, md_keys))
			continue;
		else
			ynode_unknown(path, k->line, k->col, "field", k->str,
			    md_keys);
		rc = -1;
	}
	return rc;
}

static const char *
adup(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

/* A date field: NO_DATE when absent, -1 when malformed (reported). */
static int
get_date(const char *path, const struct ynode *m, const char *k,
    int required, long *out)
{
	const struct ynode	*n;
	const char		*s;
	struct date		 d;

	*out = NO_DATE;
	if (ynode_str(path, m, k, required, &s) == -1)
		return -1;
	if (s == NULL)
		return 0;
	if (date_parse(s, &d) == -1) {
		char	why[96];

		n = ynode_get(m, k);
		diag_error(path, n->line, n->col, "date '%s' %s", s,
		    date_why(s, why, sizeof(why)));
		return -1;
	}
	*out = date_days(&d);
	return 0;
}

int
item_split(const char *path, const char *text, size_t len,
    const char **yaml, size_t *ylen, const char **body, size_t *blen,
    int *bline)
{
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		diag_error(path, 1, 1, "byte-order mark at start of file");
		return -1;
	}
	if (!(len >= 4 && (memcmp(text, "---\n", 4) == 0 ||
	    (len >= 5 && memcmp(text, "---\r\n", 5) == 0)))) {
		diag_error(path, 1, 1, "missing front matter (the file must "
		    "start with a line '---')");
		return -1;
	}
	if (md_front_matter(text, len, yaml, ylen, body, blen, bline) == 0)
		return 0;
	diag_error(path, 1, 1, "front matter is not closed by a line '---'");
	return -1;
}

/* A YAML item's table: columns (scalars) and rows of as many scalars. */
static int
check_table(const char *path, const struct ynode *m)
{
	const struct ynode	*t = ynode_get(m, "table"), *c, *r, *row;
	static const char *const keys[] = { "columns", "rows", NULL };
	size_t			 i, j;
	int			 rc = 0;

	if (t == NULL)
		return 0;
	if (ynode_want(path, t, YN_MAP, "'table'") == -1 ||
	    ynode_keys_allowed(path, t, keys) == -1)
		return -1;
	c = ynode_get(t, "columns");
	r = ynode_get(t, "rows");
	if (c == NULL || r == NULL) {
		diag_error(path, t->line, t->col,
		    "a table needs 'columns' and 'rows'");
		return -1;
	}
	if (ynode_want(path, c, YN_SEQ, "'columns'") == -1 ||
	    ynode_want(path, r, YN_SEQ, "'rows'") == -1)
		return -1;
	for (i = 0; i < c->n; i++)
		if (c->kids[i]->type != YN_SCALAR) {
			diag_error(path, c->kids[i]->line, c->kids[i]->col,
			    "a column title must be text");
			rc = -1;
		} else if (c->kids[i]->str == NULL ||
		    text_blank(c->kids[i]->str, strlen(c->kids[i]->str))) {
			/* a column without a title: numbers nobody can
			 * read, and an empty header cell on the page */
			diag_error(path, c->kids[i]->line, c->kids[i]->col,
			    "column %zu has no title", i + 1);
			rc = -1;
		}
	for (i = 0; i < r->n; i++) {
		row = r->kids[i];
		if (ynode_want(path, row, YN_SEQ, "a table row") == -1) {
			rc = -1;
			continue;
		}
		if (row->n != c->n) {
			diag_error(path, row->line, row->col, "row has %zu "
			    "cells but the table has %zu columns", row->n,
			    c->n);
			rc = -1;
		}
		for (j = 0; j < row->n; j++)
			if (row->kids[j]->type != YN_SCALAR) {
				diag_error(path, row->kids[j]->line,
				    row->kids[j]->col,
				    "a table cell must be text");
				rc = -1;
			}
	}
	return rc;
}

struct privctx {
	const char	*path;	/* file, for messages */
	const char	*text;	/* its text, for positions */
	size_t		 off;	/* where line and col are: hits come in */
	int		 line;	/* order, so positions are counted once */
	int		 col;
	int		 hits;	/* numbers reported */
};

/* How much of the len bytes at s a message quotes: the first 60, cut
 * before a character that would not fit. */
static size_t
quoted(const char *s, size_t len)
{
	size_t	k = 0, w, n = len < 60 ? len : 60;

	while (k < n && utf8_decode(s + k, n - k, &w) >= 0 && k + w <= n)
		k += w;
	return k;
}

/*
 * Raw HTML: the page leaves it out, with all the text a block of it
 * holds, so what reviewers read would not be what is published.  Said
 * with its start (quoted).
 */
static void
html_said(const struct privctx *pc, size_t off, size_t len)
{
	const char	*s = pc->text + off;
	size_t		 k = quoted(s, len);

	diag_error(pc->path, pc->line, pc->col, "raw HTML '%.*s%s' is never "
	    "published, nor text inside it: write it in Markdown (an HTML "
	    "comment is fine)", (int)k, s, k < len ? "…" : "");
}

/*
 * Git's ident keyword: a checkout with the ident attribute (any
 * .gitattributes may set it) shows "$Id: <blob id> $" in its place, so
 * what reviewers and previews read would not be what is published.
 */
static void
ident_said(const struct privctx *pc, size_t off, size_t len)
{
	const char	*s = pc->text + off;
	size_t		 k = quoted(s, len);

	diag_error(pc->path, pc->line, pc->col, "git's ident keyword "
	    "'%.*s%s' is shown as other text in a checkout with the ident "
	    "attribute, so it is never published: remove it (in Markdown "
	    "'&#36;' shows a '$')", (int)k, s, k < len ? "…" : "");
}

static void
privacy_hit(void *arg, size_t off, size_t len, enum privacy_kind kind)
{
	struct privctx	*pc = arg;
	int		 line, col;

	text_pos(pc->text + pc->off, off - pc->off, &line, &col);
	pc->col = line > 1 ? col : pc->col + col - 1;
	pc->line += line - 1;
	pc->off = off;
	pc->hits++;
	if (kind == PRIV_HIDDEN) {
		html_said(pc, off, len);
		return;
	}
	if (kind == PRIV_IDENT) {
		ident_said(pc, off, len);
		return;
	}
	if (kind == PRIV_OPAQUE) {
		diag_error(pc->path, pc->line, pc->col, "Markdown too complex "
		    "to check for personal data (thousands of open brackets "
		    "or table cells, a long link definition used many times, "
		    "or thousands of www., :// or @ in a line without "
		    "spaces)");
		return;
	}
	/* The number itself is not repeated: build logs are not the
	 * place for it either. */
	diag_error(pc->path, pc->line, pc->col, "unmasked %s: personal data "
	    "is never published; mask it (e.g. 110101********1234, "
	    "138****5678)", privacy_kind_name(kind));
}

int
item_privacy(const char *path, const char *text, size_t len)
{
	struct privctx	pc = { path, text, 0, 1, 1, 0 };

	privacy_scan_item(path, text, len, privacy_hit, &pc);
	return pc.hits ? -1 : 0;
}

/* The same for a unit file, which may hold a mobile number (its
 * phone:) but no other personal number (privacy_scan_unit). */
static int
unit_privacy(const char *path, const char *text, size_t len)
{
	struct privctx	pc = { path, text, 0, 1, 1, 0 };

	privacy_scan_unit(text, len, privacy_hit, &pc);
	return pc.hits ? -1 : 0;
}

static int
item_parse_held(const char *path, const char *text, size_t len,
    unsigned outputs, int flags, struct arena *a, struct item *it)
{
	struct ynode	*root = NULL;
	const char	*yaml = text, *body, *s, **kw;
	size_t		 ylen = len, blen, i, nkw;
	int		 rc = 0, bline = 0;

	it->kind = str_suffix(path, ".md") ? ITEM_MD : ITEM_YAML;
	if (text_check(path, text, len, 0) == -1)
		return -1;
	/* Whole file: front matter, body and table rows alike. */
	if (!(flags & ITEM_SCANNED) && item_privacy(path, text, len) == -1)
		rc = -1;
	if (it->kind == ITEM_MD && item_split(path, text, len, &yaml, &ylen,
	    &body, &blen, &bline) == -1)
		return -1;
	if (ydoc_parse(path, yaml, ylen, it->kind == ITEM_MD ? 1 : 0,
	    &root) == -1)
		return -1;
	it->body_line = bline;
	if (ynode_want(path, root, YN_MAP, "an item") == -1) {
		rc = -1;
		goto out;
	}
	if (it->kind == ITEM_MD)
		rc |= md_keys_allowed(path, root);
	else {
		rc |= ynode_keys_allowed(path, root, yaml_keys);
		rc |= ynode_str(path, root, "body", 0, &s);
		rc |= check_table(path, root);
	}
	rc |= ynode_str(path, root, "title", 1, &s);
	it->title = adup(a, s);
	rc |= get_date(path, root, "date", 1, &it->date);
	rc |= get_date(path, root, "written", 0, &it->written);
	rc |= get_date(path, root, "expires", 0, &it->expires);
	rc |= get_date(path, root, "repealed", 0, &it->repealed);
	if (it->written != NO_DATE && it->date != NO_DATE &&
	    it->written > it->date) {
		const struct ynode *n = ynode_get(root, "written");

		diag_error(path, n->line, n->col,
		    "成文日期 'written' is after 发布日期 'date'");
		rc = -1;
	}
	rc |= ynode_str(path, root, "index_no", 0, &s);
	it->index_no = adup(a, s);
	rc |= ynode_str(path, root, "doc_no", 0, &s);
	it->doc_no = adup(a, s);
	rc |= ynode_str(path, root, "topic", 0, &s);
	it->topic = adup(a, s);
	rc |= ynode_str(path, root, "summary", 0, &s);
	it->summary = adup(a, s);
	rc |= ynode_str(path, root, "replaced_by", 0, &s);
	it->replaced_by = adup(a, s);
	it->replaced_idx = NO_INDEX;
	if (it->replaced_by != NULL && it->repealed == NO_DATE) {
		const struct ynode *n = ynode_get(root, "replaced_by");

		diag_error(path, n->line, n->col,
		    "'replaced_by' needs a 'repealed' date");
		rc = -1;
	}
	if (ynode_strlist(path, root, "keywords", &kw, &nkw) == -1)
		rc = -1;
	rc |= keywords_check(path, ynode_get(root, "keywords"), kw, nkw);
	it->keywords = arena_alloc(a, (nkw + 1) * sizeof(*it->keywords));
	for (i = 0; i < nkw; i++)
		it->keywords[i] = arena_strdup(a, kw[i]);
	it->keywords[nkw] = NULL;
	free(kw);
	it->outputs = outputs;
	rc |= cfg_parse_outputs(path, root, outputs, &it->outputs);
out:
	ynode_free(root);
	return rc ? -1 : 0;
}

/* The diagnostics of one file, top to bottom (diag_hold). */
int
item_parse(const char *path, const char *text, size_t len, unsigned outputs,
    int flags, struct arena *a, struct item *it)
{
	int	rc;

	diag_hold();
	rc = item_parse_held(path, text, len, outputs, flags, a, it);
	diag_release();
	return rc;
}

static int
unit_parse_held(const char *path, const char *text, size_t len, int flags,
    const struct config *cfg, struct arena *a, struct unit *u)
{
	struct ynode		*root = NULL;
	const struct ynode	*n;
	const char		*s;
	struct idxfmt		*fmt;
	char			 err[128];
	int			 rc = 0;

	if (!(flags & ITEM_SCANNED))
		rc = unit_privacy(path, text, len);
	if (ydoc_parse(path, text, len, 0, &root) == -1)
		return -1;
	if (ynode_want(path, root, YN_MAP, "a unit") == -1) {
		rc = -1;
		goto out;
	}
	rc |= ynode_keys_allowed(path, root, unit_keys);
	rc |= ynode_str(path, root, "name", 1, &s);
	u->name = adup(a, s != NULL ? s : "");
	if (ynode_str(path, root, "level", 1, &s) == 0) {
		u->level_id = adup(a, s);
		u->level = cfg_level(cfg, s);
		if (u->level == NULL) {
			n = ynode_get(root, "level");
			unknown_level(path, n, cfg);
			rc = -1;
		} else
			u->catalogue = cfg_catalogue(cfg, u->level);
	} else
		rc = -1;
	rc |= ynode_str(path, root, "code", 0, &s);
	u->code = adup(a, s);
	rc |= ynode_str(path, root, "org_code", 0, &s);
	u->org_code = adup(a, s);
	rc |= ynode_str(path, root, "index_format", 0, &s);
	u->index_format = adup(a, s != NULL ? s : IDXFMT_DEFAULT);
	if (idxfmt_compile(u->index_format, &fmt, err, sizeof(err)) == -1) {
		n = ynode_get(root, "index_format");
		diag_error(path, n ? n->line : 1, n ? n->col : 1,
		    "bad index_format: %s", err);
		rc = -1;
	}
	idxfmt_free(fmt);
	rc |= ynode_str(path, root, "address", 0, &s);
	u->address = adup(a, s);
	rc |= ynode_str(path, root, "postcode", 0, &s);
	u->postcode = adup(a, s);
	rc |= ynode_str(path, root, "phone", 0, &s);
	u->phone = adup(a, s);
	rc |= ynode_str(path, root, "hours", 0, &s);
	u->hours = adup(a, s);
	rc |= ynode_str(path, root, "email", 0, &s);
	u->email = adup(a, s);
	rc |= ynode_str(path, root, "description", 0, &s);
	u->description = adup(a, s);
out:
	ynode_free(root);
	return rc ? -1 : 0;
}

int
unit_parse(const char *path, const char *text, size_t len, int flags,
    const struct config *cfg, struct arena *a, struct unit *u)
{
	int	rc;

	diag_hold();
	rc = unit_parse_held(path, text, len, flags, cfg, a, u);
	diag_release();
	return rc;
}

/*
 * Where the text of the YAML scalar n starts in the file's text, as
 * the lines and columns before it (item_body.line0, col0).  A block
 * scalar ('|' or '>') starts on the next line, every line indented
 * alike, so a literal one maps exactly; any other starts at its own
 * position (after its quote), which is exact on its first line.
 */
static void
scalar_origin(const char *text, const struct ynode *n, int *line0,
    int *col0)
{
	const char	*p = text;
	int		 l, c, ind;

	*line0 = n->line - 1;
	*col0 = n->col - 1;
	for (l = 1; l < n->line && (p = strchr(p, '\n')) != NULL; l++)
		p++;
	if (p == NULL)
		return;
	for (c = 1; c < n->col && *p != '\0' && *p != '\n'; c++)
		do
			p++;
		while (((unsigned char)*p & 0xc0) == 0x80);
	if (*p == '"' || *p == '\'') {
		*col0 = n->col;
		return;
	}
	if (*p != '|' && *p != '>')
		return;
	/* the first line with text gives the indent */
	for (p = strchr(p, '\n'); p != NULL; p = strchr(p, '\n')) {
		ind = (int)strspn(++p, " ");
		if (p[ind] != '\n' && p[ind] != '\r') {
			*line0 = n->line;
			*col0 = ind;
			return;
		}
	}
}

void
item_body_dispose(struct item_body *b)
{
	size_t	i, j;

	if (b->block != NULL) {
		free(b->block);
		memset(b, 0, sizeof(*b));
		return;
	}
	free(b->md);
	for (i = 0; i < b->ncolumns; i++)
		free(b->columns[i]);
	free(b->columns);
	for (i = 0; i < b->nrows; i++) {
		for (j = 0; j < b->ncolumns; j++)
			free(b->rows[i][j]);
		free(b->rows[i]);
	}
	free(b->rows);
	memset(b, 0, sizeof(*b));
}

int
item_body_read(struct source *src, const struct item *it,
    struct item_body *b)
{
	struct buf		 text = BUF_INIT;
	struct ynode		*root = NULL;
	const struct ynode	*t, *c, *r;
	const char		*yaml, *body;
	size_t			 ylen, blen, i, j;
	int			 rc = -1, bline, fl, fc;
	char			 dig[65];

	memset(b, 0, sizeof(*b));
	if (source_read(src, it->path, &text) != 0) {
		diag_error(it->path, 0, 0, "cannot read item");
		goto out;
	}
	if (it->file_dig != NULL) {
		sha256_digest(text.data, text.len, dig);
		if (strcmp(dig, it->file_dig) != 0) {
			diag_error(it->path, 0, 0, "item changed while this "
			    "build ran (its text is not the one loaded): "
			    "build again");
			goto out;
		}
	}
	if (it->kind == ITEM_MD) {
		if (item_split(it->path, text.data, text.len, &yaml, &ylen,
		    &body, &blen, &bline) == -1)
			goto out;
		b->md = xstrndup(body, blen);
		b->len = blen;
		b->line0 = bline;
		rc = 0;
		goto out;
	}
	if (ydoc_parse(it->path, text.data, text.len, 0, &root) == -1)
		goto out;
	if (ynode_str(it->path, root, "body", 0, &body) == -1)
		goto out;
	b->md = xstrdup(body != NULL ? body : "");
	b->len = strlen(b->md);
	if (body != NULL)
		scalar_origin(text.data, ynode_get(root, "body"), &b->line0,
		    &b->col0);
	if ((t = ynode_get(root, "table")) != NULL &&
	    (c = ynode_get(t, "columns")) != NULL &&
	    (r = ynode_get(t, "rows")) != NULL &&
	    c->type == YN_SEQ && r->type == YN_SEQ) {
		b->ncolumns = c->n;
		b->columns = xcalloc(c->n, sizeof(*b->columns));
		for (i = 0; i < c->n; i++)
			b->columns[i] = xstrdup(c->kids[i]->str ?
			    c->kids[i]->str : "");
		b->rows = xcalloc(r->n, sizeof(*b->rows));
		for (i = 0; i < r->n; i++) {
			b->rows[i] = xcalloc(c->n, sizeof(**b->rows));
			for (j = 0; j < c->n; j++)
				b->rows[i][j] = xstrdup(
				    j < r->kids[i]->n && r->kids[i]->kids[j]->str ?
				    r->kids[i]->kids[j]->str : "");
			b->nrows++;
		}
	}
	rc = 0;
out:
	if (rc == 0 && md_footnote_split(b->md, b->len, &fl, &fc) == -1) {
		diag_error(it->path, b->line0 + fl, b->col0 + fc, "footnote "
		    "label runs over a line break, so it would be shown cut "
		    "short: put '[^' and its ']' on one line");
		rc = -1;
	}
	ynode_free(root);
	buf_dispose(&text);
	if (rc == -1)
		item_body_dispose(b);
	return rc;
}

enum item_state
item_state(const struct item *it, long day)
{
	if (it->repealed != NO_DATE && it->repealed <= day)
		return ITEM_REPEALED;
	if (it->expires != NO_DATE && it->expires < day)
		return ITEM_EXPIRED;
	return ITEM_VALID;
}

const char *
item_state_text(enum item_state st)
{
	static const char *const text[] = { "有效", "已失效", "已废止" };

	return text[st];
}

const char *
item_state_name(enum item_state st)
{
	static const char *const name[] = { "valid", "expired", "repealed" };

	return name[st];
}
