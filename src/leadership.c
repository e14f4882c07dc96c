/*
 * leadership.c -- leadership.yaml; see leadership.h.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "leadership.h"
#include "rec.h"
#include "util.h"
#include "ydoc.h"

static const char *const lead_keys[] = { "head", "deputies", "members",
	"office", "budgeted", "note", NULL };

static int
get_names(const char *path, const struct ynode *m, const char *k,
    struct arena *ar, const char ***out, size_t *n)
{
	const char	**list;
	size_t		  i;

	if (ynode_strlist(path, m, k, &list, n) == -1)
		return -1;
	*out = arena_alloc(ar, (*n + 1) * sizeof(**out));
	for (i = 0; i < *n; i++)
		(*out)[i] = arena_strdup(ar, list[i]);
	(*out)[*n] = NULL;
	free(list);
	return 0;
}

int
leadership_parse(const char *path, const char *text, size_t len,
    struct arena *ar, struct leadership *l)
{
	struct ynode		*root = NULL;
	const struct ynode	*b;
	int			 rc = 0;

	memset(l, 0, sizeof(*l));
	l->path = arena_strdup(ar, path);
	if (text_check(path, text, len, 0) == -1 ||
	    ydoc_parse(path, text, len, 0, &root) == -1)
		return -1;
	if (ynode_want(path, root, YN_MAP, "a leading group") == -1) {
		rc = -1;
		goto out;
	}
	rc |= ynode_keys_allowed(path, root, lead_keys);
	rc |= rec_text(path, root, "head", 1, ar, &l->head);
	rc |= get_names(path, root, "deputies", ar, &l->deputies,
	    &l->ndeputies);
	rc |= get_names(path, root, "members", ar, &l->members,
	    &l->nmembers);
	rc |= rec_text(path, root, "office", 0, ar, &l->office);
	rc |= rec_text(path, root, "note", 0, ar, &l->note);
	if ((b = ynode_get(root, "budgeted")) != NULL &&
	    !ynode_is_null(b)) {
		if (b->type == YN_SCALAR && b->plain &&
		    strcmp(b->str, "true") == 0)
			l->budgeted = 1;
		else if (!(b->type == YN_SCALAR && b->plain &&
		    strcmp(b->str, "false") == 0)) {
			diag_error(path, b->line, b->col, "'budgeted' must "
			    "be true or false");
			rc = -1;
		}
	}
out:
	ynode_free(root);
	return rc ? -1 : 0;
}
