/*
 * strmap.c -- open addressing with linear probing; see strmap.h.
 *
 * A slot holds the key's hash, the key and the value together, so that
 * a probe reads one cache line: at 364,000 paths the tables are far
 * larger than the cache, and a lookup is mostly that one miss.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

/*
 * The hash of s, eight bytes at a time: paths are long (70 bytes on
 * average in a big site) and share their prefixes.  A multiply-xorshift
 * per word, and splitmix64's finaliser so that the low bits, which pick
 * the slot, depend on every byte; its two halves folded into the 32
 * bits a slot keeps.
 */
static uint32_t
hash(const char *s)
{
	uint64_t	 h = 0x9e3779b97f4a7c15ULL, w;
	size_t		 n = strlen(s);

	h ^= n;
	for (; n >= 8; n -= 8, s += 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
	}
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return (uint32_t)(h ^ (h >> 32));
}

void
strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void
strmap_dispose(struct strmap *m)
{
	xhuge_free(m->slots, m->cap * sizeof(*m->slots));
	strmap_init(m);
}

/* The slot of key (hash h): where it is, or the empty slot where it
 * goes. */
static size_t
slot(const struct strmap *m, const char *key, uint32_t h)
{
	const struct strmap_slot	*s;
	size_t				 i;

	for (i = h & (m->cap - 1); (s = &m->slots[i])->key != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (s->hash == h && strcmp(s->key, key) == 0)
			break;
	return i;
}

static void
rehash(struct strmap *m, size_t cap)
{
	struct strmap_slot	*n;
	size_t			 i, j;

	n = xhuge(cap * sizeof(*n));
	/* keys are distinct: each goes to the first empty slot */
	for (i = 0; i < m->cap; i++)
		if (m->slots[i].key != NULL) {
			for (j = m->slots[i].hash & (cap - 1); n[j].key !=
			    NULL; j = (j + 1) & (cap - 1))
				;
			n[j] = m->slots[i];
		}
	xhuge_free(m->slots, m->cap * sizeof(*m->slots));
	m->slots = n;
	m->cap = cap;
}

void
strmap_reserve(struct strmap *m, size_t n)
{
	size_t	cap = m->cap ? m->cap : 64;

	while (n * 2 > cap)
		cap *= 2;
	if (cap > m->cap)
		rehash(m, cap);
}

/* A value as the caller gave it: (size_t)-1 (NO_INDEX) is kept as
 * UINT32_MAX. */
static size_t
widen(uint32_t v)
{
	return v == UINT32_MAX ? (size_t)-1 : v;
}

int
strmap_put(struct strmap *m, const char *key, size_t val, size_t *old)
{
	uint32_t	h = hash(key);
	size_t		i;

	strmap_reserve(m, m->n + 1);
	i = slot(m, key, h);
	if (m->slots[i].key != NULL) {
		if (old != NULL)
			*old = widen(m->slots[i].val);
		return 0;
	}
	m->slots[i].key = key;
	m->slots[i].val = (uint32_t)val;
	m->slots[i].hash = h;
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
	if (m->slots[i].key == NULL)
		return 0;
	if (val != NULL)
		*val = widen(m->slots[i].val);
	return 1;
}
