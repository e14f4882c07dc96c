/*
 * cfg.c -- config.yaml into struct config; see cfg.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cfg.h"
#include "diag.h"
#include "prog.h"
#include "sig.h"
#include "util.h"
#include "workday.h"
#include "ydoc.h"

static const char *const top_keys[] = { "site", "levels", "catalogues",
	"reviewers", "editors", "retired", "revoked", "governance_approvals", "holidays",
	"programmes", "evaluations", NULL };
static const char *const site_keys[] = { "title", "base_url", "theme",
	"footer", "attachment_max_mb", "hotline", "show_completeness", NULL };
static const char *const footer_keys[] = { "org", "site_code", "icp", "psb",
	"contact", NULL };
static const char *const level_keys[] = { "catalogue", "outputs",
	"approvals", "paper", "orientation", "display_interval", "annual",
	"title", "programmes", NULL };
static const char *const cat_keys[] = { "id", "title", "max_age_days",
	"required", NULL };
static const char *const rev_keys[] = { "id", "name", "email", "key",
	"scope", NULL };
static const char *const editor_keys[] = { "id", "name", "email", "key",
	NULL };

static const char *const papers[] = { "A4", "A3", "A2", "A1", NULL };

/* The titles of the usual level ids, when a level gives none. */
static const char *const level_titles[][2] = {
	{ "province", "省级" },
	{ "city", "市级" },
	{ "county", "县级" },
	{ "township", "乡（镇）" },
	{ "agency", "办事（服务）机构" },
	{ "village", "村（居）" },
};

/* The default title of level id: the usual one, else the id. */
static const char *
level_title(const char *id)
{
	size_t	i;

	for (i = 0; i < sizeof(level_titles) / sizeof(level_titles[0]); i++)
		if (strcmp(level_titles[i][0], id) == 0)
			return level_titles[i][1];
	return id;
}

unsigned
cfg_output_bit(const char *name)
{
	if (strcmp(name, "web") == 0)
		return OUT_WEB;
	if (strcmp(name, "board") == 0)
		return OUT_BOARD;
	if (strcmp(name, "display") == 0)
		return OUT_DISPLAY;
	if (strcmp(name, "handout") == 0)
		return OUT_HANDOUT;
	if (strcmp(name, "kiosk") == 0)
		return OUT_KIOSK;
	if (strcmp(name, "embed") == 0)
		return OUT_EMBED;
	return 0;
}

static char *
dup_or(const char *s, const char *dflt)
{
	return s != NULL ? xstrdup(s) : dflt != NULL ? xstrdup(dflt) : NULL;
}

/* An integer scalar in [lo, hi] under key k of m; *out keeps its value
 * when the key is absent. */
static int
get_long(const char *path, const struct ynode *m, const char *k, long lo,
    long hi, long *out)
{
	const struct ynode	*n = ynode_get(m, k);
	char			*end;
	long			 v;

	if (n == NULL)
		return 0;
	if (n->type != YN_SCALAR || !n->plain || n->str[0] == '\0')
		goto bad;
	v = strtol(n->str, &end, 10);
	if (*end != '\0' || v < lo || v > hi)
		goto bad;
	*out = v;
	return 0;
bad:
	diag_error(path, n->line, n->col,
	    "'%s' must be a whole number from %ld to %ld", k, lo, hi);
	return -1;
}

static int
get_bool(const char *path, const struct ynode *m, const char *k, int *out)
{
	const struct ynode	*n = ynode_get(m, k);

	if (n == NULL)
		return 0;
	if (n->type == YN_SCALAR && n->plain) {
		if (strcmp(n->str, "true") == 0) {
			*out = 1;
			return 0;
		}
		if (strcmp(n->str, "false") == 0) {
			*out = 0;
			return 0;
		}
	}
	diag_error(path, n->line, n->col, "'%s' must be true or false", k);
	return -1;
}

int
cfg_parse_outputs(const char *path, const struct ynode *m, unsigned allowed,
    unsigned *out)
{
	const struct ynode	*n = ynode_get(m, "outputs"), *e;
	size_t			 i;
	unsigned		 bit;
	int			 rc = 0;

	if (n == NULL)
		return 0;
	if (ynode_want(path, n, YN_SEQ, "'outputs'") == -1)
		return -1;
	*out = 0;
	for (i = 0; i < n->n; i++) {
		e = n->kids[i];
		bit = e->type == YN_SCALAR ? cfg_output_bit(e->str) : 0;
		if (bit == 0 || (bit & allowed) == 0) {
			diag_error(path, e->line, e->col, bit == 0 ?
			    "unknown output '%s' (expected web, board, "
			    "display, handout, kiosk or embed)" :
			    "output '%s' is not among its level's outputs",
			    e->type == YN_SCALAR ? e->str : "?");
			rc = -1;
		}
		*out |= bit;
	}
	return rc;
}

/*
 * The site's address as every absolute link will use it (feeds, the
 * sitemap, QR codes): ending in '/', with each byte of a character
 * beyond ASCII in its path percent-encoded, as the sitemap protocol and
 * a QR reader want.  NULL after reporting what cannot be mended: a host
 * beyond ASCII (its xn-- form is the one to write), or white space,
 * control characters, quotes and angle brackets anywhere.
 */
static char *
base_url_norm(const char *path, const struct ynode *f, const char *u)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	const char	*host = strstr(u, "://") + 3;
	size_t		 hostlen = strcspn(host, "/?#");
	struct buf	 b = BUF_INIT;

	for (p = (const unsigned char *)u; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7f || strchr("\"'<>\\^`{|}", *p)) {
			diag_error(path, f->line, f->col, "'base_url' holds "
			    "%s at byte %zu: write it percent-encoded",
			    *p <= ' ' || *p == 0x7f ? "a space or control "
			    "character" : "a character URLs do not take",
			    (size_t)(p - (const unsigned char *)u) + 1);
			return NULL;
		}
	for (p = (const unsigned char *)host; p < (const unsigned char *)host +
	    hostlen; p++)
		if (*p >= 0x80) {
			diag_error(path, f->line, f->col, "'base_url': the "
			    "host '%.*s' is not ASCII: write its xn-- form "
			    "(punycode), as browsers send it", (int)hostlen,
			    host);
			return NULL;
		}
	for (p = (const unsigned char *)u; *p != '\0'; p++)
		if (*p >= 0x80) {
			buf_putc(&b, '%');
			buf_putc(&b, hex[*p >> 4]);
			buf_putc(&b, hex[*p & 0xf]);
		} else
			buf_putc(&b, *p);
	if (b.len == 0 || b.data[b.len - 1] != '/')
		buf_putc(&b, '/');
	return buf_detach(&b, NULL);
}

static int
parse_site(struct config *c, const struct ynode *site)
{
	const char	*path = c->path, *s;
	const struct ynode *f;
	long		 mb = 50;
	int		 rc = 0;

	if (site == NULL) {
		diag_error(path, 1, 1, "missing required field 'site'");
		return -1;
	}
	if (ynode_want(path, site, YN_MAP, "'site'") == -1)
		return -1;
	rc |= ynode_keys_allowed(path, site, site_keys);
	rc |= ynode_str(path, site, "title", 1, &s);
	c->title = dup_or(s, "");
	if (ynode_get(site, "base_url") == NULL) {
		/* what it is for, since it is not obvious for a static site */
		diag_error(path, site->line, site->col, "missing required "
		    "field 'base_url': the site's address, e.g. "
		    "https://gongkai.example.gov.cn/ (feeds, the sitemap, QR "
		    "codes and the embed fragment's links are absolute)");
		rc = -1;
	}
	rc |= ynode_str(path, site, "base_url", 0, &s);
	f = ynode_get(site, "base_url");
	if (s != NULL && !str_prefix(s, "https://") &&
	    !str_prefix(s, "http://")) {
		diag_error(path, f->line, f->col,
		    "'base_url' must start with https:// or http://");
		rc = -1;
		s = NULL;
	}
	if (s == NULL)
		c->base_url = xstrdup("/");
	else if ((c->base_url = base_url_norm(path, f, s)) == NULL) {
		c->base_url = xstrdup("/");
		rc = -1;
	}
	rc |= ynode_str(path, site, "theme", 0, &s);
	c->theme = dup_or(s, "default");
	if (strchr(c->theme, '/') != NULL || c->theme[0] == '.') {
		f = ynode_get(site, "theme");
		diag_error(path, f->line, f->col, "theme must be a plain name");
		rc = -1;
	}
	rc |= ynode_str(path, site, "hotline", 0, &s);
	c->hotline = dup_or(s, "12356");
	rc |= get_bool(path, site, "show_completeness", &c->show_completeness);
	rc |= get_long(path, site, "attachment_max_mb", 1, 4096, &mb);
	c->attachment_max = mb * 1024 * 1024;
	if ((f = ynode_get(site, "footer")) != NULL) {
		if (ynode_want(path, f, YN_MAP, "'footer'") == -1)
			return -1;
		rc |= ynode_keys_allowed(path, f, footer_keys);
		rc |= ynode_str(path, f, "org", 0, &s);
		c->footer_org = dup_or(s, NULL);
		rc |= ynode_str(path, f, "site_code", 0, &s);
		c->footer_site_code = dup_or(s, NULL);
		rc |= ynode_str(path, f, "icp", 0, &s);
		c->footer_icp = dup_or(s, NULL);
		rc |= ynode_str(path, f, "psb", 0, &s);
		c->footer_psb = dup_or(s, NULL);
		rc |= ynode_str(path, f, "contact", 0, &s);
		c->footer_contact = dup_or(s, NULL);
	}
	return rc ? -1 : 0;
}

/* Ids are folder names and URL parts: keep them plain. */
static int
check_id(const char *path, const struct ynode *n, const char *what)
{
	const char	*p;

	for (p = n->str; *p != '\0'; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p)
		    && *p != '-' && *p != '_')
			break;
	if (*p == '\0' && n->str[0] != '\0' && n->str[0] != '-')
		return 0;
	diag_error(path, n->line, n->col, "%s '%s' must use only a-z, 0-9, "
	    "'-' and '_'", what, n->str);
	return -1;
}

static int
parse_catalogues(struct config *c, const struct ynode *cs)
{
	const char		*path = c->path, *s;
	const struct ynode	*list, *e;
	struct catalogue	*cat;
	struct category		*k;
	size_t			 i, j, m;
	int			 rc = 0;

	if (cs == NULL) {
		diag_error(path, 1, 1, "missing required field 'catalogues'");
		return -1;
	}
	if (ynode_want(path, cs, YN_MAP, "'catalogues'") == -1)
		return -1;
	c->catalogues = xcalloc(cs->n, sizeof(*c->catalogues));
	for (i = 0; i < cs->n; i++) {
		cat = &c->catalogues[c->ncatalogues++];
		cat->id = xstrdup(cs->keys[i]->str);
		rc |= check_id(path, cs->keys[i], "catalogue id");
		list = cs->kids[i];
		if (ynode_want(path, list, YN_SEQ, "a catalogue") == -1) {
			rc = -1;
			continue;
		}
		cat->cats = xcalloc(list->n, sizeof(*cat->cats));
		for (j = 0; j < list->n; j++) {
			e = list->kids[j];
			if (ynode_want(path, e, YN_MAP, "a category") == -1) {
				rc = -1;
				continue;
			}
			k = &cat->cats[cat->ncats++];
			k->required = 1;
			rc |= ynode_keys_allowed(path, e, cat_keys);
			rc |= ynode_str(path, e, "id", 1, &s);
			k->id = dup_or(s, "");
			if (s != NULL)
				rc |= check_id(path, ynode_get(e, "id"),
				    "category id");
			if (s != NULL && (strcmp(s, "print") == 0 ||
			    strcmp(s, "display") == 0 ||
			    strcmp(s, "kiosk") == 0 ||
			    strcmp(s, "embed") == 0 ||
			    strcmp(s, "annual") == 0)) {
				diag_error(path, e->line, e->col, "category id "
				    "'%s' is reserved for a unit's own pages", s);
				rc = -1;
			}
			for (m = 0; s != NULL && m + 1 < cat->ncats; m++)
				if (strcmp(cat->cats[m].id, s) == 0) {
					diag_error(path, e->line, e->col,
					    "duplicate category '%s'", s);
					rc = -1;
				}
			rc |= ynode_str(path, e, "title", 1, &s);
			k->title = dup_or(s, "");
			rc |= get_long(path, e, "max_age_days", 1, 100000,
			    &k->max_age_days);
			rc |= get_bool(path, e, "required", &k->required);
		}
	}
	return rc ? -1 : 0;
}

static int
parse_levels(struct config *c, const struct ynode *ls)
{
	const char		*path = c->path, *s;
	const struct ynode	*e, *n;
	struct level		*l;
	size_t			 i, j;
	long			 v;
	int			 rc = 0;

	if (ls == NULL) {
		diag_error(path, 1, 1, "missing required field 'levels'");
		return -1;
	}
	if (ynode_want(path, ls, YN_MAP, "'levels'") == -1)
		return -1;
	c->levels = xcalloc(ls->n, sizeof(*c->levels));
	for (i = 0; i < ls->n; i++) {
		e = ls->kids[i];
		l = &c->levels[c->nlevels++];
		l->id = xstrdup(ls->keys[i]->str);
		l->outputs = OUT_WEB;
		l->approvals = 1;
		l->paper = xstrdup("A3");
		l->landscape = 1;
		l->display_interval = 10;
		rc |= check_id(path, ls->keys[i], "level id");
		if (ynode_want(path, e, YN_MAP, "a level") == -1) {
			rc = -1;
			continue;
		}
		rc |= ynode_keys_allowed(path, e, level_keys);
		rc |= ynode_str(path, e, "title", 0, &s);
		l->title = xstrdup(s != NULL ? s : level_title(l->id));
		if (ynode_str(path, e, "catalogue", 1, &s) == -1) {
			rc = -1;
			continue;
		}
		for (j = 0; j < c->ncatalogues; j++)
			if (strcmp(c->catalogues[j].id, s) == 0)
				break;
		if (j == c->ncatalogues) {
			n = ynode_get(e, "catalogue");
			diag_error(path, n->line, n->col,
			    "unknown catalogue '%s'", s);
			rc = -1;
		}
		l->catalogue = j;
		rc |= cfg_parse_outputs(path, e, OUT_ALL, &l->outputs);
		v = 1;
		rc |= get_long(path, e, "approvals", 1, 16, &v);
		l->approvals = (int)v;
		if (ynode_str(path, e, "paper", 0, &s) == 0 && s != NULL) {
			for (j = 0; papers[j] != NULL; j++)
				if (strcmp(papers[j], s) == 0)
					break;
			if (papers[j] == NULL) {
				n = ynode_get(e, "paper");
				diag_error(path, n->line, n->col, "unknown "
				    "paper '%s' (expected A4, A3, A2 or A1)", s);
				rc = -1;
			} else {
				free(l->paper);
				l->paper = xstrdup(s);
			}
		}
		if (ynode_str(path, e, "orientation", 0, &s) == 0 && s != NULL) {
			if (strcmp(s, "portrait") == 0)
				l->landscape = 0;
			else if (strcmp(s, "landscape") != 0) {
				n = ynode_get(e, "orientation");
				diag_error(path, n->line, n->col, "orientation "
				    "must be portrait or landscape");
				rc = -1;
			}
		}
		v = 10;
		rc |= get_long(path, e, "display_interval", 2, 3600, &v);
		l->display_interval = (int)v;
		/* county-and-above levels publish on the web only */
		l->annual = !(l->outputs & (OUT_BOARD | OUT_HANDOUT));
		rc |= get_bool(path, e, "annual", &l->annual);
		rc |= prog_cfg_level(path, e, &l->programmes);
	}
	return rc ? -1 : 0;
}

/*
 * Parses the list under key ('reviewers', or 'editors' when editors is
 * set: the same entries without a scope) into *out.
 */
static int
parse_people(struct config *c, const struct ynode *rs, int editors,
    struct reviewer **out, size_t *nout)
{
	const char		*what = editors ? "editor" : "reviewer";
	const char		*path = c->path, *s, **list;
	const struct ynode	*e;
	struct reviewer		*r;
	size_t			 i, j, n;
	int			 rc = 0;

	if (rs == NULL || ynode_is_null(rs))
		return 0;
	if (ynode_want(path, rs, YN_SEQ, editors ? "'editors'" :
	    "'reviewers'") == -1)
		return -1;
	*out = xcalloc(rs->n, sizeof(**out));
	for (i = 0; i < rs->n; i++) {
		e = rs->kids[i];
		if (ynode_want(path, e, YN_MAP, editors ? "an editor" :
		    "a reviewer") == -1) {
			rc = -1;
			continue;
		}
		r = &(*out)[(*nout)++];
		r->line = e->line;
		r->col = e->col;
		rc |= ynode_keys_allowed(path, e, editors ? editor_keys :
		    rev_keys);
		rc |= ynode_str(path, e, "id", 1, &s);
		r->id = dup_or(s, "");
		if (s != NULL)
			rc |= check_id(path, ynode_get(e, "id"), editors ?
			    "editor id" : "reviewer id");
		for (j = 0; s != NULL && j + 1 < *nout; j++)
			if (strcmp((*out)[j].id, s) == 0) {
				diag_error(path, e->line, e->col,
				    "duplicate %s '%s'", what, s);
				rc = -1;
			}
		rc |= ynode_str(path, e, "name", 1, &s);
		r->name = dup_or(s, "");
		rc |= ynode_str(path, e, "email", 1, &s);
		r->email = dup_or(s, "");
		rc |= ynode_str(path, e, "key", 1, &s);
		r->key = dup_or(s, "");
		if (s != NULL && !str_prefix(s, "keys/")) {
			const struct ynode *k = ynode_get(e, "key");

			diag_error(path, k->line, k->col,
			    "%s key '%s' must be under keys/", what, s);
			rc = -1;
		}
		if (editors)
			continue;
		if (ynode_strlist(path, e, "scope", &list, &n) == -1) {
			rc = -1;
			continue;
		}
		r->scope = xcalloc(n + 1, sizeof(*r->scope));
		for (j = 0; j < n; j++)
			r->scope[j] = xstrdup(list[j]);
		r->nscope = n;
		free(list);
	}
	return rc ? -1 : 0;
}

static int
parse_idlist(const char *path, const struct ynode *m, const char *k,
    char ***out, size_t *np)
{
	const char	**list;
	size_t		  i, n;

	if (ynode_strlist(path, m, k, &list, &n) == -1)
		return -1;
	*out = xcalloc(n + 1, sizeof(**out));
	for (i = 0; i < n; i++)
		(*out)[i] = xstrdup(list[i]);
	*np = n;
	free(list);
	return 0;
}

/*
 * Puts fingerprint s of node n in the one form the gate compares:
 * upper case, without the spaces `gpg --fingerprint` prints or a "0x".
 * Anything else is an error, never an entry that silently matches no
 * key: a revocation must void the stolen key's approvals or say why not.
 */
static int
fpr_norm(const char *path, const struct ynode *n, char *s)
{
	const char	*r = s;
	char		*w = s;
	size_t		 len;

	if (r[0] == '0' && (r[1] == 'x' || r[1] == 'X'))
		r += 2;
	for (; *r != '\0'; r++)
		if (*r != ' ')
			*w++ = (char)toupper((unsigned char)*r);
	*w = '\0';
	len = (size_t)(w - s);
	if (len == SIG_FPRSZ && strspn(s, "0123456789ABCDEF") == len)
		return 0;
	/* the node keeps what was written, for the message */
	if ((len == 16 || len == 8) && strspn(s, "0123456789ABCDEF") == len)
		diag_error(path, n->line, n->col, "revoked key '%s' is a key "
		    "ID, which many keys can share: write its whole "
		    "fingerprint, the %d hexadecimal digits `gpg "
		    "--fingerprint` shows", n->str, SIG_FPRSZ);
	else
		diag_error(path, n->line, n->col, "revoked key '%s' is not a "
		    "fingerprint (%d hexadecimal digits, as `gpg "
		    "--fingerprint` shows them)", n->str, SIG_FPRSZ);
	return -1;
}

static int
cmp_long(const void *a, const void *b)
{
	long	x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

static int
parse_holidays(struct config *c, const struct ynode *root)
{
	const struct ynode	*h = ynode_get(root, "holidays"), *e;
	struct date		 d;
	size_t			 i;
	int			 rc = 0;

	if (h == NULL || ynode_is_null(h))
		return 0;
	if (ynode_want(c->path, h, YN_SEQ, "'holidays'") == -1)
		return -1;
	c->holidays = xcalloc(h->n, sizeof(*c->holidays));
	for (i = 0; i < h->n; i++) {
		e = h->kids[i];
		if (e->type != YN_SCALAR || date_parse(e->str, &d) == -1) {
			char	why[96];

			diag_error(c->path, e->line, e->col,
			    "holiday must be a date YYYY-MM-DD%s%s%s%s",
			    e->type == YN_SCALAR ? ": '" : "",
			    e->type == YN_SCALAR ? e->str : "",
			    e->type == YN_SCALAR ? "' " : "",
			    e->type == YN_SCALAR ? date_why(e->str, why,
			    sizeof(why)) : "");
			rc = -1;
			continue;
		}
		c->holidays[c->nholidays++] = date_days(&d);
	}
	xqsort(c->holidays, c->nholidays, sizeof(*c->holidays), cmp_long);
	return rc;
}

static int
cfg_parse_held(const char *path, const char *text, size_t len,
    struct config **out)
{
	struct config	*c;
	struct ynode	*root = NULL;
	long		 ga = 1;
	size_t		 i;
	int		 rc = 0;

	*out = NULL;
	if (ydoc_parse(path, text, len, 0, &root) == -1)
		return -1;
	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(path);
	if (ynode_want(path, root, YN_MAP, "the configuration") == -1) {
		rc = -1;
		goto out;
	}
	rc |= ynode_keys_allowed(path, root, top_keys);
	rc |= parse_site(c, ynode_get(root, "site"));
	rc |= parse_catalogues(c, ynode_get(root, "catalogues"));
	rc |= parse_levels(c, ynode_get(root, "levels"));
	rc |= parse_people(c, ynode_get(root, "reviewers"), 0,
	    &c->reviewers, &c->nreviewers);
	rc |= parse_people(c, ynode_get(root, "editors"), 1, &c->editors,
	    &c->neditors);
	rc |= parse_idlist(path, root, "retired", &c->retired, &c->nretired);
	for (i = 0; i < c->nretired; i++)
		if (cfg_reviewer(c, c->retired[i]) == NULL) {
			const struct ynode *n = ynode_get(root, "retired");

			diag_error(path, n->line, n->col, "retired reviewer "
			    "'%s' is not in 'reviewers'", c->retired[i]);
			rc = -1;
		}
	if (parse_idlist(path, root, "revoked", &c->revoked,
	    &c->nrevoked) == -1)
		rc = -1;
	else
		for (i = 0; i < c->nrevoked; i++)
			if (fpr_norm(path, ynode_get(root, "revoked")->kids[i],
			    c->revoked[i]) == -1)
				rc = -1;
	rc |= get_long(path, root, "governance_approvals", 1, 16, &ga);
	c->governance_approvals = (int)ga;
	rc |= parse_holidays(c, root);
	rc |= prog_cfg_parse(path, root, &c->prog);
	rc |= progcfg_parse(c, root);
out:
	ynode_free(root);
	if (rc != 0) {
		cfg_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

/* The diagnostics of the file, top to bottom (diag_hold). */
int
cfg_parse(const char *path, const char *text, size_t len,
    struct config **out)
{
	int	rc;

	diag_hold();
	rc = cfg_parse_held(path, text, len, out);
	diag_release();
	return rc;
}

static void
people_free(struct reviewer *v, size_t n)
{
	size_t	i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].nscope; j++)
			free(v[i].scope[j]);
		free(v[i].scope);
		free(v[i].id);
		free(v[i].name);
		free(v[i].email);
		free(v[i].key);
	}
	free(v);
}

void
cfg_free(struct config *c)
{
	size_t	i, j;

	if (c == NULL)
		return;
	prog_cfg_free(c->prog);
	for (i = 0; i < c->ncatalogues; i++) {
		for (j = 0; j < c->catalogues[i].ncats; j++) {
			free(c->catalogues[i].cats[j].id);
			free(c->catalogues[i].cats[j].title);
		}
		free(c->catalogues[i].cats);
		free(c->catalogues[i].id);
	}
	for (i = 0; i < c->nlevels; i++) {
		free(c->levels[i].id);
		free(c->levels[i].paper);
		free(c->levels[i].title);
	}
	people_free(c->reviewers, c->nreviewers);
	people_free(c->editors, c->neditors);
	for (i = 0; i < c->nretired; i++)
		free(c->retired[i]);
	for (i = 0; i < c->nrevoked; i++)
		free(c->revoked[i]);
	free(c->retired);
	free(c->revoked);
	free(c->levels);
	free(c->catalogues);
	free(c->holidays);
	free(c->path);
	free(c->title);
	free(c->base_url);
	free(c->theme);
	free(c->hotline);
	free(c->footer_org);
	free(c->footer_site_code);
	free(c->footer_icp);
	free(c->footer_psb);
	free(c->footer_contact);
	progcfg_free(c);
	free(c);
}

const struct level *
cfg_level(const struct config *c, const char *id)
{
	size_t	i;

	for (i = 0; i < c->nlevels; i++)
		if (strcmp(c->levels[i].id, id) == 0)
			return &c->levels[i];
	return NULL;
}

const struct catalogue *
cfg_catalogue(const struct config *c, const struct level *l)
{
	return &c->catalogues[l->catalogue];
}

int
cfg_category(const struct catalogue *c, const char *id)
{
	size_t	i;

	for (i = 0; i < c->ncats; i++)
		if (strcmp(c->cats[i].id, id) == 0)
			return (int)i;
	return -1;
}

const struct reviewer *
cfg_reviewer(const struct config *c, const char *id)
{
	size_t	i;

	for (i = 0; i < c->nreviewers; i++)
		if (strcmp(c->reviewers[i].id, id) == 0)
			return &c->reviewers[i];
	return NULL;
}

int
cfg_is_retired(const struct config *c, const char *id)
{
	size_t	i;

	for (i = 0; i < c->nretired; i++)
		if (strcmp(c->retired[i], id) == 0)
			return 1;
	return 0;
}

int
cfg_is_revoked(const struct config *c, const char *fpr)
{
	size_t	i;

	for (i = 0; i < c->nrevoked; i++)
		if (strcasecmp(c->revoked[i], fpr) == 0)
			return 1;
	return 0;
}
