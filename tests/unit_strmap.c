/*
 * unit_strmap.c -- the string -> index map: the first value for a key
 * wins and a second put says which it was; lookups stay right as the
 * table grows to hundreds of thousands of keys; keys are borrowed,
 * compared by content, and any byte string (empty, Chinese) is a key.
 */
#include <stdio.h>
#include <stdlib.h>

#include "strmap.h"
#include "t.h"
#include "util.h"

#define MANY 200000

int
main(void)
{
	struct strmap	  m;
	char		**keys, probe[32];
	size_t		  v, old, i, cap;
	int		  ok;

	strmap_init(&m);
	OK(!strmap_get(&m, "a", &v));
	OK(!strmap_get(&m, "", NULL));
	OK(m.n == 0);

	/* first put wins; a second reports the value already there */
	OK(strmap_put(&m, "content/a.md", 7, NULL) == 1);
	old = 99;
	OK(strmap_put(&m, "content/a.md", 8, &old) == 0 && old == 7);
	OK(strmap_get(&m, "content/a.md", &v) && v == 7);
	OK(m.n == 1);

	/* keys compare by content, not by pointer */
	snprintf(probe, sizeof(probe), "content/%s", "a.md");
	OK(strmap_get(&m, probe, &v) && v == 7);
	OK(!strmap_get(&m, "content/a.m", NULL));
	OK(!strmap_get(&m, "content/a.md ", NULL));

	/* the empty string and Chinese keys; value 0 and NO_INDEX-like */
	OK(strmap_put(&m, "", 0, NULL) == 1);
	OK(strmap_get(&m, "", &v) && v == 0);
	OK(strmap_put(&m, "王庄村", (size_t)-1, NULL) == 1);
	OK(strmap_get(&m, "王庄村", &v) && v == (size_t)-1);
	OK(!strmap_get(&m, "王庄", NULL));
	strmap_dispose(&m);

	/* growth: every key still found with its value, none invented */
	strmap_init(&m);
	keys = xcalloc(MANY, sizeof(*keys));
	for (i = 0; i < MANY; i++) {
		keys[i] = xasprintf("content/u%zu/fees/%zu.md", i % 97, i);
		strmap_put(&m, keys[i], i, NULL);
	}
	OK(m.n == MANY);
	OK(m.cap >= m.n && (m.cap & (m.cap - 1)) == 0);
	for (i = 0, ok = 1; i < MANY; i++)
		if (!strmap_get(&m, keys[i], &v) || v != i)
			ok = 0;
	OK(ok);
	for (i = 0, ok = 1; i < 1000; i++) {
		snprintf(probe, sizeof(probe), "content/u%zu/fees/%zu.md",
		    (i + 1) % 97, i);	/* a unit the item is not in */
		if (strmap_get(&m, probe, NULL))
			ok = 0;
	}
	OK(ok);
	for (i = 0, ok = 1; i < MANY; i += 1000)
		if (strmap_put(&m, keys[i], 0, &old) != 0 || old != i)
			ok = 0;
	OK(ok && m.n == MANY);
	strmap_dispose(&m);

	/* reserved first: no growing while filling; reserving again
	 * (smaller, or larger once full) keeps every key */
	strmap_init(&m);
	strmap_reserve(&m, MANY);
	cap = m.cap;
	OK(cap >= 2 * MANY && (cap & (cap - 1)) == 0);
	for (i = 0; i < MANY; i++)
		strmap_put(&m, keys[i], i, NULL);
	OK(m.cap == cap && m.n == MANY);
	strmap_reserve(&m, 10);
	OK(m.cap == cap);
	strmap_reserve(&m, 2 * MANY);
	OK(m.cap > cap);
	for (i = 0, ok = 1; i < MANY; i++)
		if (!strmap_get(&m, keys[i], &v) || v != i)
			ok = 0;
	OK(ok && m.n == MANY);
	strmap_dispose(&m);
	for (i = 0; i < MANY; i++)
		free(keys[i]);
	free(keys);

	/* dispose leaves a map that can be initialised again */
	strmap_init(&m);
	strmap_dispose(&m);
	return T_DONE();
}
