/*
 * rectification.c -- rectification items; see rectification.h.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "item.h"
#include "rec.h"
#include "rectification.h"
#include "site.h"
#include "util.h"
#include "ydoc.h"

const char *const rect_cause_names[RC_NCAUSES] = { "evaluation", "hotline",
	"reporting", "media", "supervisors", "report" };
const char *const rect_status_names[2] = { "整改中", "已完成" };

static const char *const rect_keys[] = { "title", "cause", "ref", "found",
	"deadline", "status", "completed", "feedback", NULL };

/* ref: "<unit>/<cause>/<record>[#part]", no empty segment, no "..". */
static int
parse_ref(const char *path, const struct ynode *root, struct arena *ar,
    struct rectification *r)
{
	const struct ynode	*n = ynode_get(root, "ref");
	const char		*hash, *s;
	char			*want;
	size_t			 len;

	if (rec_text(path, root, "ref", 1, ar, &s) == -1)
		return -1;
	r->ref_line = n->line;
	r->ref_col = n->col;
	hash = strchr(s, '#');
	len = hash != NULL ? (size_t)(hash - s) : strlen(s);
	r->ref = arena_strndup(ar, s, len);
	r->ref_part = hash != NULL && hash[1] != '\0' ?
	    arena_strdup(ar, hash + 1) : NULL;
	want = xasprintf("/%s/", rect_cause_names[r->cause]);
	s = strstr(r->ref, want);
	if (r->ref[0] == '/' || strstr(r->ref, "..") != NULL ||
	    strstr(r->ref, "//") != NULL || s == NULL ||
	    s[strlen(want)] == '\0' || strchr(s + strlen(want), '/') !=
	    NULL) {
		diag_error(path, n->line, n->col, "'ref' must name a %s "
		    "record as <unit>/%s/<record>, not '%s'",
		    rect_cause_names[r->cause], rect_cause_names[r->cause],
		    r->ref);
		free(want);
		return -1;
	}
	free(want);
	return 0;
}

int
rectification_parse(const char *path, const char *text, size_t len,
    long today, struct arena *ar, struct rectification *r)
{
	struct ynode		*root = NULL;
	const struct ynode	*n;
	const char		*yaml, *body;
	size_t			 ylen, blen;
	int			 rc = 0, k;

	memset(r, 0, sizeof(*r));
	r->path = arena_strdup(ar, path);
	r->slug = rec_slug(ar, path);
	r->completed = NO_DATE;
	if (text_check(path, text, len, 0) == -1)
		return -1;
	if (item_privacy(path, text, len) == -1)
		rc = -1;
	if (item_split(path, text, len, &yaml, &ylen, &body, &blen,
	    &r->body_line) == -1 ||
	    ydoc_parse(path, yaml, ylen, 1, &root) == -1)
		return -1;
	if (ynode_want(path, root, YN_MAP, "a rectification") == -1) {
		rc = -1;
		goto out;
	}
	rc |= ynode_keys_allowed(path, root, rect_keys);
	rc |= rec_text(path, root, "title", 1, ar, &r->title);
	if (rec_choice(path, root, "cause", 1, rect_cause_names, RC_NCAUSES,
	    &k) == -1)
		rc = -1;
	else {
		r->cause = (enum rect_cause)k;
		rc |= parse_ref(path, root, ar, r);
	}
	rc |= rec_date(path, root, "found", 1, today, &r->found);
	/* a deadline lies ahead */
	rc |= rec_date(path, root, "deadline", 1, NO_DATE, &r->deadline);
	rc |= rec_date(path, root, "completed", 0, today, &r->completed);
	rc |= rec_text(path, root, "feedback", 0, ar, &r->feedback);
	if (rec_choice(path, root, "status", 1, rect_status_names, 2,
	    &k) == -1)
		rc = -1;
	r->done = k == 1;
	if (r->found != NO_DATE && r->deadline != NO_DATE &&
	    r->deadline < r->found) {
		n = ynode_get(root, "deadline");
		diag_error(path, n->line, n->col, "'deadline' is before "
		    "'found'");
		rc = -1;
	}
	if (r->found != NO_DATE && r->completed != NO_DATE &&
	    r->completed < r->found) {
		n = ynode_get(root, "completed");
		diag_error(path, n->line, n->col, "'completed' is before "
		    "'found'");
		rc = -1;
	}
	if (k == 1 && (r->completed == NO_DATE || r->feedback == NULL)) {
		n = ynode_get(root, "status");
		diag_error(path, n->line, n->col, "status 已完成 needs "
		    "'completed' (a date) and 'feedback' (how the result "
		    "was fed back)");
		rc = -1;
	}
	if (k == 0 && r->completed != NO_DATE) {
		n = ynode_get(root, "completed");
		diag_error(path, n->line, n->col, "'completed' is set but "
		    "status is 整改中");
		rc = -1;
	}
out:
	ynode_free(root);
	return rc ? -1 : 0;
}

int
rectification_overdue(const struct rectification *r, long day)
{
	return !r->done && day > r->deadline;
}

void
rectification_ref_split(const struct rectification *r, char **unit,
    char **record)
{
	const char	*slash = strrchr(r->ref, '/');
	const char	*prog;

	*record = xstrdup(slash + 1);
	for (prog = slash - 1; prog > r->ref && prog[-1] != '/'; prog--)
		;
	*unit = xstrndup(r->ref, prog > r->ref ? (size_t)(prog - 1 -
	    r->ref) : 0);
}
