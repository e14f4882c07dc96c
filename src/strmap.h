/*
 * strmap.h -- a hash map from borrowed strings to indices, for lookups
 * that must stay O(1) at 200,000 items (paths, unit dirs, index
 * numbers).  Keys are not copied: they must outlive the map.
 */
#ifndef GONGKAI_STRMAP_H
#define GONGKAI_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/* Sixteen bytes: four slots a cache line, and a table a third smaller
 * than with a 64-bit hash and value, which matters most on first touch
 * (a fresh page costs a fault, 18 us on the benchmark machines). */
struct strmap_slot {
	const char	*key;	/* or NULL: empty */
	uint32_t	 hash;	/* the key's, compared before the key:
				   paths share long prefixes */
	uint32_t	 val;
};

struct strmap {
	struct strmap_slot *slots; /* cap of them */
	size_t		  cap;	/* slots, a power of two */
	size_t		  n;	/* keys stored */
};

void	strmap_init(struct strmap *);
void	strmap_dispose(struct strmap *);
/* Makes room for n keys at once, so that filling it does not copy the
 * table again and again (a rebuild knows how many paths to expect). */
void	strmap_reserve(struct strmap *, size_t n);
/* Inserts key -> val unless key is present (val is an index, below
 * 2^32 - 1 as any array of this program's is shorter, or (size_t)-1).  Returns 1 if inserted, 0
 * if the key was already there (*old, if not NULL, gets its value). */
int	strmap_put(struct strmap *, const char *key, size_t val, size_t *old);
/* 1 and *val if key is present, else 0. */
int	strmap_get(const struct strmap *, const char *key, size_t *val);

#endif
