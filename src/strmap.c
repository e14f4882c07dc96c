/*
 * strmap.c -- open addressing with linear probing; see strmap.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

static uint64_t
hash(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

void
strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void
strmap_dispose(struct strmap *m)
{
	free(m->keys);
	free(m->vals);
	strmap_init(m);
}

static void
rehash(struct strmap *m, size_t cap)
{
	struct strmap	 n;
	size_t		 i;

	n.cap = cap;
	n.n = 0;
	n.keys = xcalloc(cap, sizeof(*n.keys));
	n.vals = xcalloc(cap, sizeof(*n.vals));
	for (i = 0; i < m->cap; i++)
		if (m->keys[i] != NULL)
			strmap_put(&n, m->keys[i], m->vals[i], NULL);
	free(m->keys);
	free(m->vals);
	*m = n;
}

int
strmap_put(struct strmap *m, const char *key, size_t val, size_t *old)
{
	size_t	i;

	if ((m->n + 1) * 2 > m->cap)
		rehash(m, m->cap ? m->cap * 2 : 64);
	for (i = hash(key) & (m->cap - 1); m->keys[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0) {
			if (old != NULL)
				*old = m->vals[i];
			return 0;
		}
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
	return 1;
}

int
strmap_get(const struct strmap *m, const char *key, size_t *val)
{
	size_t	i;

	if (m->cap == 0)
		return 0;
	for (i = hash(key) & (m->cap - 1); m->keys[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0) {
			if (val != NULL)
				*val = m->vals[i];
			return 1;
		}
	return 0;
}
