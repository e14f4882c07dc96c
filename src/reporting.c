/*
 * reporting.c -- the rewarded reporting programme; see reporting.h.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "item.h"
#include "rec.h"
#include "reporting.h"
#include "site.h"
#include "util.h"
#include "workday.h"
#include "ydoc.h"

const char *const rep_verified_names[3] = { "属实", "不属实", "查处中" };
const char rep_cases_header[] = "case,received,kind,verified,feedback,"
    "reward";

static const char *const proc_keys[] = { "title", "accepting_unit",
	"channels", "reward_standard", "feedback_days", NULL };

int
reporting_procedure_parse(const char *path, const char *text, size_t len,
    struct arena *ar, struct rep_procedure *p)
{
	struct ynode	*root = NULL;
	const char	*yaml, *body, **list;
	size_t		 ylen, blen, i;
	int		 rc = 0;

	memset(p, 0, sizeof(*p));
	p->path = arena_strdup(ar, path);
	p->feedback_days = -1;
	if (text_check(path, text, len, 0) == -1)
		return -1;
	if (item_privacy(path, text, len) == -1)
		rc = -1;
	if (item_split(path, text, len, &yaml, &ylen, &body, &blen,
	    &p->body_line) == -1 ||
	    ydoc_parse(path, yaml, ylen, 1, &root) == -1)
		return -1;
	if (ynode_want(path, root, YN_MAP, "a reporting procedure") == -1) {
		rc = -1;
		goto out;
	}
	rc |= ynode_keys_allowed(path, root, proc_keys);
	rc |= rec_text(path, root, "title", 0, ar, &p->title);
	rc |= rec_text(path, root, "accepting_unit", 1, ar,
	    &p->accepting_unit);
	rc |= rec_text(path, root, "reward_standard", 1, ar,
	    &p->reward_standard);
	rc |= rec_count(path, root, "feedback_days", 1, &p->feedback_days);
	if (ynode_strlist(path, root, "channels", &list, &p->nchannels) ==
	    -1)
		rc = -1;
	else if (p->nchannels == 0) {
		diag_error(path, root->line, root->col, "missing 'channels' "
		    "(举报渠道)");
		rc = -1;
	}
	p->channels = arena_alloc(ar, (p->nchannels + 1) *
	    sizeof(*p->channels));
	for (i = 0; i < p->nchannels; i++)
		p->channels[i] = arena_strdup(ar, list[i]);
	p->channels[p->nchannels] = NULL;
	free(list);
out:
	ynode_free(root);
	return rc ? -1 : 0;
}

/* A date cell: day number, NO_DATE if empty and allowed; none after
 * today (NO_DATE: any). */
static int
cell_date(const char *path, int line, int col, const char *name,
    const char *s, int required, long today, long *out)
{
	struct date	d;

	*out = NO_DATE;
	if (*s == '\0' && !required)
		return 0;
	if (date_parse(s, &d) == -1) {
		diag_error(path, line, col, "malformed date '%s' in '%s' "
		    "(expected YYYY-MM-DD)", s, name);
		return -1;
	}
	if (today != NO_DATE && date_days(&d) > today)
		return rec_future(path, line, col, name, s, today);
	*out = date_days(&d);
	return 0;
}

int
reporting_case_parse(const char *path, int line, const char **cells,
    const int *cols, size_t n, int year, long today, struct arena *ar,
    struct rep_case *c)
{
	struct ynode	 fake;
	struct date	 d;
	size_t		 i;
	int		 rc = 0;

#define COL(i) (cols != NULL ? cols[i] : 1)
	memset(c, 0, sizeof(*c));
	c->line = line;
	c->reward_fen = -1;
	c->verified = -1;
	if (n != 6) {
		diag_error(path, line, 1, "a case has 6 fields (%s), not %zu",
		    rep_cases_header, n);
		return -1;
	}
	if (*cells[0] == '\0' || strlen(cells[0]) > 32) {
		diag_error(path, line, COL(0), "'case' must be a case number "
		    "of at most 32 bytes");
		rc = -1;
	}
	c->id = arena_strdup(ar, cells[0]);
	rc |= cell_date(path, line, COL(1), "received", cells[1], 1, today,
	    &c->received);
	if (c->received != NO_DATE && year > 0) {
		date_from_days(c->received, &d);
		if (d.year != year) {
			diag_error(path, line, COL(1), "case received in %d "
			    "in the file of %d", d.year, year);
			rc = -1;
		}
	}
	if (*cells[2] == '\0') {
		diag_error(path, line, COL(2), "missing 'kind'");
		rc = -1;
	}
	c->kind = arena_strdup(ar, cells[2]);
	for (i = 0; i < 3; i++)
		if (strcmp(cells[3], rep_verified_names[i]) == 0)
			c->verified = (int)i;
	if (c->verified < 0) {
		diag_error(path, line, COL(3), "unknown verified '%s' "
		    "(expected one of: 属实, 不属实, 查处中)", cells[3]);
		rc = -1;
	}
	rc |= cell_date(path, line, COL(4), "feedback", cells[4], 0, today,
	    &c->feedback);
	if (c->feedback != NO_DATE && c->received != NO_DATE &&
	    c->feedback < c->received) {
		diag_error(path, line, COL(4), "'feedback' is before "
		    "'received'");
		rc = -1;
	}
	if (*cells[5] != '\0') {
		memset(&fake, 0, sizeof(fake));
		fake.type = YN_SCALAR;
		fake.str = (char *)cells[5];
		fake.slen = strlen(cells[5]);
		fake.line = line;
		fake.col = COL(5);
		if (rec_yuan(path, &fake, &c->reward_fen) == -1)
			rc = -1;
		else if (c->verified != 0) {
			diag_error(path, line, COL(5), "a reward for a case "
			    "not verified as 属实");
			rc = -1;
		}
	}
#undef COL
	return rc;
}

int
reporting_case_late(const struct rep_case *c, long feedback_days, long day)
{
	return c->feedback == NO_DATE && c->received != NO_DATE &&
	    day - c->received > feedback_days;
}
