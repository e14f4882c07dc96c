/*
 * val.c -- dynamic values for templates and JSON; see val.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"
#include "val.h"

static struct val *
val_new(enum val_type t)
{
	struct val	*v = xcalloc(1, sizeof(*v));

	v->type = t;
	return v;
}

struct val *
val_null(void)
{
	return val_new(VAL_NULL);
}

struct val *
val_bool(int b)
{
	struct val	*v = val_new(VAL_BOOL);

	v->b = b != 0;
	return v;
}

struct val *
val_num(double n)
{
	struct val	*v = val_new(VAL_NUM);

	v->num = n;
	return v;
}

struct val *
val_strn(const char *s, size_t n)
{
	struct val	*v = val_new(VAL_STR);

	v->s = xstrndup(s, n);
	v->owned = 1;
	return v;
}

struct val *
val_str(const char *s)
{
	return val_strn(s, strlen(s));
}

struct val *
val_str_ref(const char *s)
{
	struct val	*v = val_new(VAL_STR);

	v->s = s;
	return v;
}

struct val *
val_str_own(char *s)
{
	struct val	*v = val_new(VAL_STR);

	v->s = s;
	v->owned = 1;
	return v;
}

struct val *
val_list(void)
{
	return val_new(VAL_LIST);
}

struct val *
val_map(void)
{
	return val_new(VAL_MAP);
}

void
val_free(struct val *v)
{
	size_t	i;

	if (v == NULL)
		return;
	if (v->refs > 0) {
		v->refs--;
		return;
	}
	for (i = 0; i < v->n; i++)
		val_free(v->kids[i]);
	free(v->kids);		/* and the keys after them */
	if (v->owned)
		free((char *)v->s);
	free(v);
}

struct val *
val_share(struct val *v)
{
	v->refs++;
	return v;
}

struct val *
val_push(struct val *l, struct val *v)
{
	xgrow(&l->kids, &l->cap, l->n + 1, sizeof(*l->kids));
	l->kids[l->n++] = v;
	return v;
}

/* The index of key k in map m, or m->n: most keys differ in their
 * first byte (tmpl.c, map_get). */
static size_t
key_index(const struct val *m, const char *k)
{
	size_t	i;

	for (i = 0; i < m->n; i++)
		if (m->keys[i][0] == k[0] && strcmp(m->keys[i], k) == 0)
			break;
	return i;
}

/* Room for one more key and value in map m: kids and keys share one
 * block, the keys after the cap values. */
static void
map_grow(struct val *m)
{
	size_t	old = m->cap;

	/* a value and a key per slot */
	xgrow(&m->kids, &m->cap, m->n + 1, 2 * sizeof(void *));
	m->keys = (const char **)(m->kids + m->cap);
	if (m->cap != old)	/* the old keys sat after old values */
		memmove(m->keys, m->kids + old, m->n * sizeof(*m->keys));
}

struct val *
val_set(struct val *m, const char *k, struct val *v)
{
	size_t	i;

	if ((i = key_index(m, k)) < m->n) {
		val_free(m->kids[i]);
		m->kids[i] = v;
		return v;
	}
	map_grow(m);
	m->keys[m->n] = k;
	m->kids[m->n++] = v;
	return v;
}

void
val_set_str(struct val *m, const char *k, const char *s)
{
	val_set(m, k, s != NULL ? val_str(s) : val_null());
}

void
val_set_ref(struct val *m, const char *k, const char *s)
{
	val_set(m, k, s != NULL ? val_str_ref(s) : val_null());
}

void
val_set_bool(struct val *m, const char *k, int b)
{
	val_set(m, k, val_bool(b));
}

void
val_set_num(struct val *m, const char *k, double n)
{
	val_set(m, k, val_num(n));
}

struct val *
val_get(const struct val *m, const char *k)
{
	size_t	i;

	if (m == NULL || m->type != VAL_MAP)
		return NULL;
	return (i = key_index(m, k)) < m->n ? m->kids[i] : NULL;
}

int
val_truthy(const struct val *v)
{
	if (v == NULL)
		return 0;
	switch (v->type) {
	case VAL_NULL:
		return 0;
	case VAL_BOOL:
		return v->b;
	case VAL_LIST:
		return v->n > 0;
	default:
		return 1;
	}
}

static void
num_text(double n, struct buf *b)
{
	char	tmp[64];

	if (n == floor(n) && fabs(n) < 1e15)
		snprintf(tmp, sizeof(tmp), "%.0f", n);
	else
		snprintf(tmp, sizeof(tmp), "%.15g", n);
	buf_puts(b, tmp);
}

void
val_text(const struct val *v, struct buf *b)
{
	if (v == NULL)
		return;
	switch (v->type) {
	case VAL_BOOL:
		buf_puts(b, v->b ? "true" : "false");
		break;
	case VAL_NUM:
		num_text(v->num, b);
		break;
	case VAL_STR:
		buf_puts(b, v->s);
		break;
	default:
		break;
	}
}

static void
json_str(const char *s, struct buf *b)
{
	const char	*run = s, *p;
	unsigned char	 c;

	buf_putc(b, '"');
	/* runs of bytes that stand as they are go in at once: provenance
	 * and status write megabytes of them */
	for (p = s; (c = (unsigned char)*p) != '\0'; p++) {
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_put(b, run, (size_t)(p - run));
		run = p + 1;
		switch (c) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		default:
			buf_printf(b, "\\u%04x", c);
		}
	}
	buf_put(b, run, (size_t)(p - run));
	buf_putc(b, '"');
}

static void
indent(struct buf *b, int pretty, int depth)
{
	if (!pretty)
		return;
	buf_putc(b, '\n');
	while (depth-- > 0)
		buf_puts(b, "  ");
}

static void
json_rec(const struct val *v, struct buf *b, int pretty, int depth)
{
	size_t	i;

	switch (v->type) {
	case VAL_NULL:
		buf_puts(b, "null");
		break;
	case VAL_NUM:
		/* JSON has no NaN or infinity: a parser would refuse the
		 * whole report for one bad division */
		if (!isfinite(v->num)) {
			buf_puts(b, "null");
			break;
		}
		/* FALLTHROUGH */
	case VAL_BOOL:
		val_text(v, b);
		break;
	case VAL_STR:
		json_str(v->s, b);
		break;
	case VAL_LIST:
	case VAL_MAP:
		buf_putc(b, v->type == VAL_LIST ? '[' : '{');
		for (i = 0; i < v->n; i++) {
			if (i > 0)
				buf_putc(b, ',');
			indent(b, pretty, depth + 1);
			if (v->type == VAL_MAP) {
				json_str(v->keys[i], b);
				buf_puts(b, pretty ? ": " : ":");
			}
			json_rec(v->kids[i], b, pretty, depth + 1);
		}
		if (v->n > 0)
			indent(b, pretty, depth);
		buf_putc(b, v->type == VAL_LIST ? ']' : '}');
		break;
	}
}

void
val_json_nested(const struct val *v, struct buf *b, int depth)
{
	json_rec(v, b, 1, depth);
}

void
val_json(const struct val *v, struct buf *b, int pretty)
{
	json_rec(v, b, pretty, 0);
	if (pretty)
		buf_putc(b, '\n');
}
