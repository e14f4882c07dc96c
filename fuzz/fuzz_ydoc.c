/*
 * fuzz_ydoc.c -- YAML documents (ydoc_parse): any bytes give a tree or
 * a diagnostic, and a tree keeps ydoc.h's promises.
 */
#include "fuzz.h"
#include "util.h"
#include "ydoc.h"

/* Checks the tree's invariants; returns the number of nodes. */
static size_t
walk(const struct ynode *n, int depth)
{
	size_t	i, count = 1;

	fuzz_assert(n != NULL);
	fuzz_assert(n->line >= 1 && n->col >= 1);
	fuzz_assert(depth < 1000);
	switch (n->type) {
	case YN_SCALAR:
		fuzz_assert(n->str != NULL);
		fuzz_assert(strlen(n->str) == n->slen);
		/* Input is checked UTF-8; escapes must not break that. */
		fuzz_assert(utf8_valid(n->str, n->slen, NULL) == 0);
		fuzz_assert(n->n == 0);
		break;
	case YN_MAP:
		for (i = 0; i < n->n; i++) {
			fuzz_assert(n->keys[i]->type == YN_SCALAR);
			count += walk(n->keys[i], depth + 1);
			/* Duplicate keys are rejected: get finds this one. */
			fuzz_assert(ynode_get(n, n->keys[i]->str) ==
			    n->kids[i]);
		}
		/* FALLTHROUGH */
	case YN_SEQ:
		for (i = 0; i < n->n; i++)
			count += walk(n->kids[i], depth + 1);
		break;
	}
	fuzz_assert(ynode_type_name(n) != NULL);
	return count;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ynode	*root;
	const char	*s, **list;
	size_t		 n;

	if (ydoc_parse("fuzz.yaml", (const char *)data, size, 0, &root) == -1) {
		fuzz_assert(root == NULL);
		return 0;
	}
	walk(root, 0);
	/* The checking helpers the interpreters use, on whatever came. */
	ynode_str("fuzz.yaml", root, "title", 0, &s);
	if (ynode_strlist("fuzz.yaml", root, "keywords", &list, &n) == 0)
		free(list);
	ynode_free(root);
	return 0;
}
