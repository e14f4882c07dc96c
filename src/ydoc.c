/*
 * ydoc.c -- parse YAML with libyaml's event API into ynodes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "diag.h"
#include "util.h"
#include "strmap.h"
#include "ydoc.h"

/* Deep nesting is never needed by content and would exhaust the stack. */
#define YDOC_MAX_DEPTH 64

/*
 * libyaml's scanner walks every open flow collection ('[', '{') on each
 * token, so a deep flow nest takes time quadratic in its depth
 * ("{a: " 50000 times: 75 s) before the parser reaches the depth
 * above.  Brackets are counted before parsing, quoted or not: a value
 * with this many unclosed brackets is not content either.
 */
#define YDOC_MAX_FLOW 256

struct yparse {
	yaml_parser_t	 p;	/* the libyaml parser */
	const char	*path;	/* file name for diagnostics */
	const char	*text;	/* the whole input, for column counting */
	size_t		 len;	/* its bytes */
	int		 line0;	/* added to every line */
};

/*
 * 1 if line l (0-based) of the input, or the one before it, is indented
 * with a tab: libyaml then reports a confusing token error, and the fix
 * is always the same.
 */
static int
tab_indent(const struct yparse *y, size_t l)
{
	const char	*p = y->text, *end = y->text + y->len, *nl;
	size_t		 i;

	for (i = 0; p < end; i++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (i + 1 >= l && i <= l) {
			const char *q = p;

			while (q < nl && (*q == ' ' || *q == '\t')) {
				if (*q == '\t')
					return 1;
				q++;
			}
		}
		if (i >= l)
			break;
		p = nl + 1;
	}
	return 0;
}

/*
 * If line l (0-based) of the input or the one before it begins with a
 * key that a full-width colon ends ("title：关于…", as a Chinese input
 * method types it), returns 1 with that line and the column of the
 * colon (1-based, in characters) in *line and *col, and the key in
 * *key (its *klen bytes): libyaml reads the whole line as a plain
 * scalar and reports "mapping values are not allowed" on the next one.
 * Else 0.
 */
static int
wide_colon(const struct yparse *y, size_t l, int *line, int *col,
    const char **key, int *klen)
{
	const char	*p = y->text, *end = y->text + y->len, *nl, *q;
	size_t		 i;

	for (i = 0; p < end && i <= l; i++, p = nl < end ? nl + 1 : end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (i + 1 < l)
			continue;
		for (q = p; q < nl && *q == ' '; q++)
			;
		if (q + 1 < nl && q[0] == '-' && q[1] == ' ')
			for (q += 2; q < nl && *q == ' '; q++)
				;
		if (q == nl || !((*q >= 'a' && *q <= 'z') || *q == '_'))
			continue;
		for (*key = q; q < nl && ((*q >= 'a' && *q <= 'z') ||
		    *q == '_' || (*q >= '0' && *q <= '9')); q++)
			;
		if (nl - q >= 3 && memcmp(q, "\xef\xbc\x9a", 3) == 0) {
			*line = (int)i + 1 + y->line0;
			*col = (int)(q - p) + 1;
			*klen = (int)(q - *key);
			return 1;
		}
	}
	return 0;
}

static void
mark_pos(const struct yparse *y, const yaml_mark_t *m, int *line, int *col)
{
	int	l, c;

	/* libyaml counts columns in characters already, zero-based. */
	l = (int)m->line + 1;
	c = (int)m->column + 1;
	*line = l + y->line0;
	*col = c;
}

static struct ynode *
node_new(const struct yparse *y, enum ynode_type t, const yaml_mark_t *m)
{
	struct ynode	*n = xcalloc(1, sizeof(*n));

	n->type = t;
	mark_pos(y, m, &n->line, &n->col);
	return n;
}

void
ynode_free(struct ynode *n)
{
	size_t	i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++) {
		if (n->keys != NULL)
			ynode_free(n->keys[i]);
		ynode_free(n->kids[i]);
	}
	free(n->keys);
	free(n->kids);
	free(n->str);
	free(n);
}

static void
node_add(struct ynode *parent, struct ynode *key, struct ynode *kid,
    size_t *cap)
{
	size_t	c2 = *cap;

	xgrow(&parent->kids, cap, parent->n + 1, sizeof(*parent->kids));
	if (parent->type == YN_MAP)
		xgrow(&parent->keys, &c2, parent->n + 1, sizeof(*parent->keys));
	if (parent->type == YN_MAP)
		parent->keys[parent->n] = key;
	parent->kids[parent->n++] = kid;
}

static int
next_event(struct yparse *y, yaml_event_t *ev)
{
	const char	*key;
	int		 line, col, klen;

	if (yaml_parser_parse(&y->p, ev))
		return 0;
	mark_pos(y, &y->p.problem_mark, &line, &col);
	if (tab_indent(y, y->p.problem_mark.line)) {
		diag_error(y->path, line, col, "tabs cannot indent YAML; use "
		    "spaces");
		return -1;
	}
	if (wide_colon(y, y->p.problem_mark.line, &line, &col, &key,
	    &klen)) {
		diag_error(y->path, line, col, "full-width colon '：' after "
		    "'%.*s': a key ends with an ASCII colon and a space "
		    "('%.*s: ')", klen, key, klen, key);
		return -1;
	}
	diag_error(y->path, line, col, "invalid YAML: %s%s%s",
	    y->p.problem ? y->p.problem : "syntax error",
	    y->p.context ? " " : "", y->p.context ? y->p.context : "");
	return -1;
}

static int	parse_node(struct yparse *, yaml_event_t *, int,
		    struct ynode **);

/* Parses the children of a sequence or mapping up to its end event. */
static int
parse_children(struct yparse *y, struct ynode *n, int depth)
{
	yaml_event_t	 ev;
	struct ynode	*key = NULL, *kid = NULL;
	yaml_event_type_t end = n->type == YN_MAP ?
	    YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
	size_t		 cap = 0, i;
	struct strmap	 seen;		/* keys, once there are many */
	int		 hashed = 0, dup;

	for (;;) {
		if (next_event(y, &ev) == -1)
			goto fail;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			if (hashed)
				strmap_dispose(&seen);
			return 0;
		}
		if (n->type == YN_MAP) {
			if (parse_node(y, &ev, depth + 1, &key) == -1)
				goto fail;
			if (key->type != YN_SCALAR) {
				diag_error(y->path, key->line, key->col,
				    "mapping keys must be plain text");
				ynode_free(key);
				goto fail;
			}
			/* a map of many keys is checked through a hash, so
			 * a hostile file costs linear time, not quadratic */
			if (n->n == 16) {
				strmap_init(&seen);
				for (i = 0; i < n->n; i++)
					strmap_put(&seen, n->keys[i]->str, i,
					    NULL);
				hashed = 1;
			}
			dup = 0;
			if (hashed)
				dup = strmap_get(&seen, key->str, &i);
			else
				for (i = 0; i < n->n && !dup; i++)
					dup = strcmp(n->keys[i]->str,
					    key->str) == 0;
			if (dup) {
				diag_error(y->path, key->line, key->col,
				    "duplicate key '%s'", key->str);
				ynode_free(key);
				goto fail;
			}
			if (hashed)
				strmap_put(&seen, key->str, n->n, NULL);
			if (next_event(y, &ev) == -1) {
				ynode_free(key);
				goto fail;
			}
		}
		if (parse_node(y, &ev, depth + 1, &kid) == -1) {
			ynode_free(key);
			goto fail;
		}
		node_add(n, key, kid, &cap);
		key = NULL;
	}
fail:
	if (hashed)
		strmap_dispose(&seen);
	return -1;
}

/* Builds a node from ev (which it consumes) and, for collections, all
 * that follows up to the matching end. */
static int
parse_node(struct yparse *y, yaml_event_t *ev, int depth, struct ynode **out)
{
	struct ynode	*n = NULL;
	size_t		 off;
	uint32_t	 cp;
	int		 line, col, rc = -1;

	*out = NULL;
	mark_pos(y, &ev->start_mark, &line, &col);
	if (depth > YDOC_MAX_DEPTH) {
		diag_error(y->path, line, col, "YAML nested too deeply");
		goto out;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor != NULL)
			goto anchor;
		/* "\0" in a double-quoted scalar: every user of str sees a
		 * C string, cut short at the NUL (found by fuzz_ydoc). */
		if (memchr(ev->data.scalar.value, '\0',
		    ev->data.scalar.length) != NULL) {
			diag_error(y->path, line, col,
			    "NUL character in a YAML value");
			goto out;
		}
		/* what text_check refused as bytes, written as an escape
		 * of a double-quoted scalar ("\x01", "\uFFFF") */
		if (text_forbidden((const char *)ev->data.scalar.value,
		    ev->data.scalar.length, &off, &cp)) {
			diag_error(y->path, line, col, "character U+%04X (an "
			    "escape in this value) is not allowed in text: "
			    TEXT_FORBIDDEN_WHY "; remove it",
			    (unsigned)cp);
			goto out;
		}
		n = node_new(y, YN_SCALAR, &ev->start_mark);
		n->str = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->slen = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if ((ev->type == YAML_SEQUENCE_START_EVENT ?
		    ev->data.sequence_start.anchor :
		    ev->data.mapping_start.anchor) != NULL)
			goto anchor;
		n = node_new(y, ev->type == YAML_MAPPING_START_EVENT ?
		    YN_MAP : YN_SEQ, &ev->start_mark);
		if (parse_children(y, n, depth) == -1)
			goto out;
		break;
	case YAML_ALIAS_EVENT:
		diag_error(y->path, line, col,
		    "YAML aliases are not supported");
		goto out;
	default:
		diag_error(y->path, line, col, "unexpected YAML event");
		goto out;
	}
	*out = n;
	n = NULL;
	rc = 0;
	goto out;
anchor:
	diag_error(y->path, line, col, "YAML anchors are not supported");
out:
	yaml_event_delete(ev);
	ynode_free(n);
	return rc;
}

/* 0, or -1 after an error (if path is not NULL) at the first bracket
 * past YDOC_MAX_FLOW. */
static int
flow_check(const char *path, const char *text, size_t len, int line0)
{
	const char	*p, *bol = text, *end = text + len;
	size_t		 depth = 0;
	int		 line = 1, col;

	for (p = text; p < end; p++)
		if (*p == '\n') {
			line++;
			bol = p + 1;
		} else if (*p == '[' || *p == '{') {
			if (++depth <= YDOC_MAX_FLOW)
				continue;
			if (path == NULL)
				return -1;
			for (col = 1; bol < p; bol++)
				col += ((unsigned char)*bol & 0xc0) != 0x80;
			diag_error(path, line + line0, col,
			    "YAML nested too deeply");
			return -1;
		} else if ((*p == ']' || *p == '}') && depth > 0)
			depth--;
	return 0;
}

int
ydoc_parse(const char *path, const char *text, size_t len, int line0,
    struct ynode **out)
{
	struct yparse	 y;
	yaml_event_t	 ev;
	struct ynode	*root = NULL;
	int		 rc = -1, line, col;

	*out = NULL;
	if (text_check(path, text, len, line0) == -1 ||
	    flow_check(path, text, len, line0) == -1)
		return -1;
	memset(&y, 0, sizeof(y));
	y.path = path;
	y.text = text;
	y.len = len;
	y.line0 = line0;
	if (!yaml_parser_initialize(&y.p)) {
		diag_error(path, 0, 0, "cannot initialise YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&y.p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&y.p, YAML_UTF8_ENCODING);
	for (;;) {
		if (next_event(&y, &ev) == -1)
			goto out;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_STREAM_START_EVENT ||
		    ev.type == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			mark_pos(&y, &ev.start_mark, &line, &col);
			yaml_event_delete(&ev);
			if (root != NULL) {
				diag_error(path, line, col,
				    "more than one YAML document");
				goto out;
			}
			if (next_event(&y, &ev) == -1)
				goto out;
			if (parse_node(&y, &ev, 0, &root) == -1)
				goto out;
			continue;
		}
		yaml_event_delete(&ev);
	}
	if (root == NULL) {
		yaml_mark_t m = { 0, 0, 0 };

		root = node_new(&y, YN_MAP, &m);
	} else if (root->type == YN_SCALAR && root->plain &&
	    ynode_is_null(root)) {
		root->type = YN_MAP;
	}
	*out = root;
	root = NULL;
	rc = 0;
out:
	ynode_free(root);
	yaml_parser_delete(&y.p);
	return rc;
}

struct ynode *
ynode_get(const struct ynode *m, const char *k)
{
	size_t	i;

	if (m == NULL || m->type != YN_MAP)
		return NULL;
	for (i = 0; i < m->n; i++)
		if (strcmp(m->keys[i]->str, k) == 0)
			return m->kids[i];
	return NULL;
}

int
ynode_is_null(const struct ynode *n)
{
	return n != NULL && n->type == YN_SCALAR && n->plain &&
	    (n->str[0] == '\0' || strcmp(n->str, "~") == 0 ||
	    strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
	    strcmp(n->str, "NULL") == 0);
}

const char *
ynode_type_name(const struct ynode *n)
{
	switch (n->type) {
	case YN_SCALAR:
		return "scalar";
	case YN_SEQ:
		return "sequence";
	default:
		return "mapping";
	}
}

/* Edit distance of a and b (bytes), up to 3: enough to spot a typo. */
static size_t
edits(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, d[33][33];

	if (la > 32 || lb > 32)
		return 3;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			size_t	best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			d[i][j] = best;
		}
	return d[la][lb] < 3 ? d[la][lb] : 3;
}

void
ynode_unknown(const char *path, int line, int col, const char *what,
    const char *got, const char *const *allowed)
{
	char		 list[512];
	size_t		 j, n = 0, e, beste = 3;
	const char	*best = NULL;

	list[0] = '\0';
	for (j = 0; allowed[j] != NULL; j++) {
		if (n < sizeof(list))
			n += (size_t)snprintf(list + n, sizeof(list) - n,
			    "%s%s", j ? ", " : "", allowed[j]);
		if ((e = edits(got, allowed[j])) < beste) {
			beste = e;
			best = allowed[j];
		}
	}
	if (best != NULL && beste <= (strlen(got) > 3 ? 2u : 1u))
		diag_error(path, line, col, "unknown %s '%s': did you mean "
		    "'%s'? (valid %ss: %s)", what, got, best, what, list);
	else
		diag_error(path, line, col, "unknown %s '%s' (valid %ss: %s)",
		    what, got, what, list);
}

int
ynode_keys_allowed(const char *path, const struct ynode *m,
    const char *const *allowed)
{
	size_t	i, j;
	int	rc = 0;

	if (m == NULL || m->type != YN_MAP)
		return 0;
	for (i = 0; i < m->n; i++) {
		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(m->keys[i]->str, allowed[j]) == 0)
				break;
		if (allowed[j] == NULL) {
			ynode_unknown(path, m->keys[i]->line,
			    m->keys[i]->col, "field", m->keys[i]->str,
			    allowed);
			rc = -1;
		}
	}
	return rc;
}

int
ynode_want(const char *path, const struct ynode *n, enum ynode_type t,
    const char *what)
{
	struct ynode	tmp = { .type = t };

	if (n->type == t)
		return 0;
	diag_error(path, n->line, n->col, "%s must be a %s, not a %s", what,
	    ynode_type_name(&tmp), ynode_type_name(n));
	return -1;
}

int
ynode_str(const char *path, const struct ynode *m, const char *k,
    int required, const char **out)
{
	const struct ynode	*n = ynode_get(m, k);

	*out = NULL;
	if (n == NULL || ynode_is_null(n)) {
		if (!required)
			return 0;
		if (n != NULL)
			diag_error(path, n->line, n->col,
			    "'%s' must not be empty", k);
		else
			diag_error(path, m->line, m->col,
			    "missing required field '%s'", k);
		return -1;
	}
	if (n->type != YN_SCALAR) {
		diag_error(path, n->line, n->col, "'%s' must be text, not a %s",
		    k, ynode_type_name(n));
		return -1;
	}
	/* "" or "　" is as missing as nothing: a title of blanks would
	 * make an empty heading, link and <title> on every page that
	 * names it */
	if (required && text_blank(n->str, strlen(n->str))) {
		diag_error(path, n->line, n->col, "'%s' must not be empty", k);
		return -1;
	}
	*out = n->str;
	return 0;
}

int
ynode_strlist(const char *path, const struct ynode *m, const char *k,
    const char ***out, size_t *np)
{
	const struct ynode	*n = ynode_get(m, k);
	size_t			 i;

	*out = NULL;
	*np = 0;
	if (n == NULL || ynode_is_null(n))
		return 0;
	if (n->type != YN_SEQ) {
		diag_error(path, n->line, n->col,
		    "'%s' must be a list, not a %s", k, ynode_type_name(n));
		return -1;
	}
	for (i = 0; i < n->n; i++)
		if (n->kids[i]->type != YN_SCALAR) {
			diag_error(path, n->kids[i]->line, n->kids[i]->col,
			    "items of '%s' must be text", k);
			return -1;
		}
	*out = xcalloc(n->n + 1, sizeof(**out));
	for (i = 0; i < n->n; i++)
		(*out)[i] = n->kids[i]->str;
	*np = n->n;
	return 0;
}

/* A place in the text: libyaml counts characters, callers want bytes. */
struct ycursor {
	size_t	ci;	/* character index */
	size_t	bi;	/* byte offset of that character */
};

/* Moves c forward to character index ci (never back). */
static void
ycursor_to(struct ycursor *c, const char *text, size_t len, size_t ci)
{
	unsigned char	b;

	while (c->ci < ci && c->bi < len) {
		b = (unsigned char)text[c->bi];
		c->bi += b < 0xc0 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
		c->ci++;
	}
	if (c->bi > len)
		c->bi = len;
}

/* A collection being read: is the next node in it a mapping key? */
struct yframe {
	int	map;		/* a mapping */
	int	want_key;	/* the next node is a key */
};

int
ydoc_scalars(const char *text, size_t len, ydoc_scalar_fn fn, void *arg)
{
	yaml_parser_t	 p;
	yaml_event_t	 ev;
	struct yframe	*st = NULL, *f;
	struct yscalar	 s;
	struct ycursor	 cur = { 0, 0 }, end;
	size_t		 n = 0, cap = 0;
	char		*top = NULL;
	int		 rc = -1, done = 0, key;

	if (flow_check(NULL, text, len, 0) == -1 ||
	    !yaml_parser_initialize(&p))
		return -1;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev))
			goto out;
		f = n > 0 ? &st[n - 1] : NULL;
		key = f != NULL && f->map && f->want_key;
		/* A node is read in f: a key is followed by its value. */
		if (f != NULL && f->map && (ev.type == YAML_SCALAR_EVENT ||
		    ev.type == YAML_ALIAS_EVENT ||
		    ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT))
			f->want_key = !f->want_key;
		switch (ev.type) {
		case YAML_SCALAR_EVENT:
			ycursor_to(&cur, text, len, ev.start_mark.index);
			end = cur;
			ycursor_to(&end, text, len, ev.end_mark.index);
			if (key && n == 1) {
				free(top);
				top = xstrdup(
				    (const char *)ev.data.scalar.value);
			}
			s.str = (const char *)ev.data.scalar.value;
			s.len = ev.data.scalar.length;
			s.off = cur.bi;
			s.end = end.bi;
			s.key = key;
			s.depth = (int)n;
			s.top = key && n == 1 ? NULL : top;
			fn(arg, &s);
			cur = end;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (key && n == 1) {	/* a complex key: no name */
				free(top);
				top = NULL;
			}
			xgrow(&st, &cap, n + 1, sizeof(*st));
			st[n].map = ev.type == YAML_MAPPING_START_EVENT;
			st[n].want_key = 1;
			n++;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (n > 0)
				n--;
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	rc = 0;
out:
	free(top);
	free(st);
	yaml_parser_delete(&p);
	return rc;
}
