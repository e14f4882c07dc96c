/*
 * strmap.h -- a hash map from borrowed strings to indices, for lookups
 * that must stay O(1) at 200,000 items (paths, unit dirs, index
 * numbers).  Keys are not copied: they must outlive the map.
 */
#ifndef GONGKAI_STRMAP_H
#define GONGKAI_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	uint64_t	 hash;	/* the key's, compared before the key:
				   paths share long prefixes */
	const char	*key;	/* or NULL: empty */
	size_t		 val;
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
/* Inserts key -> val unless key is present.  Returns 1 if inserted, 0
 * if the key was already there (*old, if not NULL, gets its value). */
int	strmap_put(struct strmap *, const char *key, size_t val, size_t *old);
/* 1 and *val if key is present, else 0. */
int	strmap_get(const struct strmap *, const char *key, size_t *val);

#endif
