/*
 * supervisors.c -- supervisors/roster.yaml; see supervisors.h.
 */
#include <string.h>

#include "arena.h"
#include "cfg.h"
#include "diag.h"
#include "rec.h"
#include "supervisors.h"
#include "util.h"
#include "ydoc.h"

const char *const supervisors_meeting_kinds[SUP_NKINDS] = { "座谈会",
	"民主评议", "调研" };

static const char *const roster_keys[] = { "term", "members", "meetings",
	NULL };
static const char *const member_keys[] = { "name", "category",
	"affiliation", NULL };
static const char *const meeting_keys[] = { "date", "kind", "topic",
	"opinions", "adopted", "summary", NULL };

static int
parse_member(const char *path, const struct ynode *m,
    const struct config *cfg, struct arena *ar, struct supervisor *s)
{
	int	rc = 0, k;

	if (ynode_want(path, m, YN_MAP, "a member") == -1)
		return -1;
	rc |= ynode_keys_allowed(path, m, member_keys);
	rc |= rec_text(path, m, "name", 1, ar, &s->name);
	rc |= rec_text(path, m, "affiliation", 0, ar, &s->affiliation);
	if (cfg->nsup_categories > 0) {
		rc |= rec_choice(path, m, "category", 1,
		    (const char *const *)cfg->sup_categories,
		    cfg->nsup_categories, &k);
		s->category = k >= 0 ? cfg->sup_categories[k] : NULL;
	} else
		rc |= rec_text(path, m, "category", 1, ar, &s->category);
	return rc;
}

static int
parse_meeting(const char *path, const struct ynode *m, long today,
    struct arena *ar, struct sup_meeting *g)
{
	int	rc = 0;

	if (ynode_want(path, m, YN_MAP, "a meeting") == -1)
		return -1;
	rc |= ynode_keys_allowed(path, m, meeting_keys);
	rc |= rec_date(path, m, "date", 1, today, &g->date);
	rc |= rec_choice(path, m, "kind", 1, supervisors_meeting_kinds,
	    SUP_NKINDS, &g->kind);
	rc |= rec_text(path, m, "topic", 1, ar, &g->topic);
	rc |= rec_text(path, m, "summary", 0, ar, &g->summary);
	rc |= rec_count(path, m, "opinions", 0, &g->opinions);
	rc |= rec_count(path, m, "adopted", 0, &g->adopted);
	if (rc == 0 && g->adopted > g->opinions) {
		const struct ynode *n = ynode_get(m, "adopted");

		diag_error(path, n->line, n->col, "'adopted' (%ld) is more "
		    "than 'opinions' (%ld)", g->adopted, g->opinions);
		rc = -1;
	}
	return rc;
}

static int
cmp_meeting(const void *a, const void *b)
{
	const struct sup_meeting *x = a, *y = b;

	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return strcmp(x->topic, y->topic);
}

int
supervisors_parse(const char *path, const char *text, size_t len,
    const struct config *cfg, long today, struct arena *ar,
    struct roster *r)
{
	struct ynode		*root = NULL;
	const struct ynode	*l;
	size_t			 i;
	int			 rc = 0;

	memset(r, 0, sizeof(*r));
	r->path = arena_strdup(ar, path);
	if (text_check(path, text, len, 0) == -1 ||
	    ydoc_parse(path, text, len, 0, &root) == -1)
		return -1;
	if (ynode_want(path, root, YN_MAP, "a roster") == -1) {
		rc = -1;
		goto out;
	}
	rc |= ynode_keys_allowed(path, root, roster_keys);
	rc |= rec_text(path, root, "term", 1, ar, &r->term);
	l = ynode_get(root, "members");
	if (l == NULL || ynode_want(path, l, YN_SEQ, "'members'") == -1 ||
	    l->n == 0) {
		if (l == NULL || l->type == YN_SEQ)
			diag_error(path, root->line, root->col, "a roster "
			    "needs 'members'");
		rc = -1;
	} else {
		r->members = arena_alloc(ar, l->n * sizeof(*r->members));
		for (i = 0; i < l->n; i++) {
			memset(&r->members[i], 0, sizeof(r->members[i]));
			rc |= parse_member(path, l->kids[i], cfg, ar,
			    &r->members[i]);
		}
		r->nmembers = l->n;
	}
	l = ynode_get(root, "meetings");
	if (l != NULL && !ynode_is_null(l)) {
		if (ynode_want(path, l, YN_SEQ, "'meetings'") == -1) {
			rc = -1;
			goto out;
		}
		r->meetings = arena_alloc(ar, (l->n + 1) *
		    sizeof(*r->meetings));
		for (i = 0; i < l->n; i++) {
			struct sup_meeting *g = &r->meetings[i];

			memset(g, 0, sizeof(*g));
			g->topic = "";
			rc |= parse_meeting(path, l->kids[i], today, ar, g);
			r->opinions += g->opinions;
			r->adopted += g->adopted;
		}
		r->nmeetings = l->n;
		if (rc == 0)	/* a meeting in error may lack its topic */
			xqsort(r->meetings, r->nmeetings,
			    sizeof(*r->meetings), cmp_meeting);
	}
out:
	ynode_free(root);
	return rc ? -1 : 0;
}
