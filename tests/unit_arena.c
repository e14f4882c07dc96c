/*
 * unit_arena.c -- the bump allocator: every allocation is aligned for
 * any type, none overlaps another (small ones, ones bigger than a
 * block, ones after a big one), strings come back NUL-terminated, and
 * arena_free releases it all (the sanitizer build checks for leaks).
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "arena.h"
#include "t.h"

struct piece {
	unsigned char	*p;
	size_t		 n;
};

int
main(void)
{
	static const size_t sizes[] = { 1, 0, 3, 16, 17, 100, 5000, 16385,
		70000, 1, 65536, 65537, 7, 200000, 2, 33 };
	struct arena	*a = arena_new();
	struct piece	 pc[64 * 16];
	char		*s, *t;
	size_t		 i, j, k = 0;
	int		 ok = 1, aligned = 1;

	/* fill each piece with its own byte, then look at them all */
	for (j = 0; j < 64; j++)
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			pc[k].n = sizes[i];
			pc[k].p = arena_alloc(a, sizes[i]);
			if (pc[k].p == NULL ||
			    (uintptr_t)pc[k].p % alignof(max_align_t) != 0)
				aligned = 0;
			memset(pc[k].p, (int)(k % 251) + 1, pc[k].n);
			k++;
		}
	OK(aligned);	/* and never NULL */
	for (i = 0; i < k; i++)
		for (j = 0; j < pc[i].n; j++)
			if (pc[i].p[j] != (unsigned char)(i % 251 + 1)) {
				ok = 0;
				break;
			}
	OK(ok);	/* no piece was written over by another */

	/* strings */
	s = arena_strdup(a, "示范县/fees");
	STR_EQ(s, "示范县/fees");
	t = arena_strndup(a, "abcdef", 3);
	STR_EQ(t, "abc");
	t = arena_strndup(a, "", 0);
	STR_EQ(t, "");
	t = arena_printf(a, "%s/%05d.html", s, 42);
	STR_EQ(t, "示范县/fees/00042.html");
	STR_EQ(s, "示范县/fees");
	/* a formatted string longer than a block */
	{
		char	*big = malloc(100001);

		memset(big, 'z', 100000);
		big[100000] = '\0';
		t = arena_printf(a, "<%s>", big);
		OK(strlen(t) == 100002 && t[0] == '<' && t[100001] == '>');
		free(big);
	}
	arena_free(a);
	arena_free(NULL);

	/* an arena that never allocated */
	arena_free(arena_new());
	return T_DONE();
}
