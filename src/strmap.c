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
	free(m->hashes);
	strmap_init(m);
}

/* The slot of key (hash h): where it is, or the empty slot where it
 * goes. */
static size_t
slot(const struct strmap *m, const char *key, uint64_t h)
{
	size_t	i;

	for (i = h & (m->cap - 1); m->keys[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (m->hashes[i] == h && strcmp(m->keys[i], key) == 0)
			break;
	return i;
}

static void
rehash(struct strmap *m, size_t cap)
{
	struct strmap	 n;
	size_t		 i, j;

	n.cap = cap;
	n.n = m->n;
	n.keys = xcalloc(cap, sizeof(*n.keys));
	n.vals = xcalloc(cap, sizeof(*n.vals));
	n.hashes = xcalloc(cap, sizeof(*n.hashes));
	/* keys are distinct: each goes to the first empty slot */
	for (i = 0; i < m->cap; i++)
		if (m->keys[i] != NULL) {
			for (j = m->hashes[i] & (cap - 1); n.keys[j] != NULL;
			    j = (j + 1) & (cap - 1))
				;
			n.keys[j] = m->keys[i];
			n.vals[j] = m->vals[i];
			n.hashes[j] = m->hashes[i];
		}
	free(m->keys);
	free(m->vals);
	free(m->hashes);
	*m = n;
}

int
strmap_put(struct strmap *m, const char *key, size_t val, size_t *old)
{
	uint64_t	h = hash(key);
	size_t		i;

	if ((m->n + 1) * 2 > m->cap)
		rehash(m, m->cap ? m->cap * 2 : 64);
	i = slot(m, key, h);
	if (m->keys[i] != NULL) {
		if (old != NULL)
			*old = m->vals[i];
		return 0;
	}
	m->keys[i] = key;
	m->vals[i] = val;
	m->hashes[i] = h;
	m->n++;
	return 1;
}

int
strmap_get(const struct strmap *m, const char *key, size_t *val)
{
	size_t	i;

	if (m->cap == 0)
		return 0;
	i = slot(m, key, hash(key));
	if (m->keys[i] == NULL)
		return 0;
	if (val != NULL)
		*val = m->vals[i];
	return 1;
}
