/*
 * media.c -- media response items; see media.h.
 */
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "item.h"
#include "media.h"
#include "rec.h"
#include "site.h"
#include "util.h"
#include "ydoc.h"

static const char *const media_keys[] = { "title", "source", "reported",
	"responded", NULL };

int
media_parse(const char *path, const char *text, size_t len,
    long today, struct arena *ar, struct media *m)
{
	struct ynode	*root = NULL;
	const char	*yaml, *body;
	size_t		 ylen, blen;
	int		 rc = 0;

	memset(m, 0, sizeof(*m));
	m->path = arena_strdup(ar, path);
	m->slug = rec_slug(ar, path);
	m->responded = NO_DATE;
	if (text_check(path, text, len, 0) == -1)
		return -1;
	if (item_privacy(path, text, len) == -1)
		rc = -1;
	if (item_split(path, text, len, &yaml, &ylen, &body, &blen,
	    &m->body_line) == -1 ||
	    ydoc_parse(path, yaml, ylen, 1, &root) == -1)
		return -1;
	if (ynode_want(path, root, YN_MAP, "a media response") == -1) {
		rc = -1;
		goto out;
	}
	rc |= ynode_keys_allowed(path, root, media_keys);
	rc |= rec_text(path, root, "title", 1, ar, &m->title);
	rc |= rec_text(path, root, "source", 1, ar, &m->source);
	rc |= rec_date(path, root, "reported", 1, today, &m->reported);
	rc |= rec_date(path, root, "responded", 0, today, &m->responded);
	if (m->responded != NO_DATE && m->reported != NO_DATE &&
	    m->responded < m->reported) {
		const struct ynode *n = ynode_get(root, "responded");

		diag_error(path, n->line, n->col, "'responded' is before "
		    "'reported'");
		rc = -1;
	}
out:
	ynode_free(root);
	return rc ? -1 : 0;
}

long
media_days(const struct media *m, long day)
{
	return (m->responded != NO_DATE ? m->responded : day) - m->reported;
}

int
media_late(const struct media *m, long day, long respond_days)
{
	return media_days(m, day) > respond_days;
}
