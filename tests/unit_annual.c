/*
 * unit_annual.c -- the annual/<year>.yaml parser: counts, amounts,
 * unknown keys, and request figures that must add up.
 */
#include <string.h>

#include "annual.h"
#include "arena.h"
#include "t.h"

/* Parses text into a; the strings die with the arena, so only their
 * presence is looked at. */
static int
parse_annual(const char *text, struct annual *a)
{
	struct arena	*ar = arena_new();
	int		 rc;

	rc = annual_parse("a.yaml", text, strlen(text), ar, a);

	arena_free(ar);
	return rc;
}

int
main(void)
{
	struct annual	a;

	OK(parse_annual("summary: s\nproblems: p\n", &a) == 0);
	OK(a.summary != NULL && a.other == NULL && a.n[AN_RECEIVED] == -1);
	OK(parse_annual("appeals: { litigation: { pending: 3 } }\n", &a) == 0);
	OK(a.n[AN_SUIT + 3] == 3 && a.n[AN_REVIEW] == -1);
	OK(parse_annual("fees: { notices: 1, billed: 35.5 }\n", &a) == 0);
	OK(a.n[AN_FEE_NOTICES] == 1 && a.amount[AA_FEE_BILLED] != NULL);
	OK(parse_annual("proactive: { fee_income: 1x }\n", &a) == -1);
	OK(parse_annual("proactive: { licensing: 1.5 }\n", &a) == -1);
	/* too large says so, with the limit; leading zeros are no size */
	T_CAPTURE(OK(parse_annual("proactive: { licensing: 4294967295 }\n",
	    &a) == -1));
	ERR_HAS("a.yaml:1:25: error: 'licensing' is too large: 4294967295 is "
	    "more than 999999999");
	OK(parse_annual("fees: { notices: 00000000001 }\n", &a) == 0);
	OK(a.n[AN_FEE_NOTICES] == 1);
	OK(parse_annual("requests: [1]\n", &a) == -1);
	OK(parse_annual("surprise: 1\n", &a) == -1);
	OK(parse_annual("requests: { received: 1, carried_over: 0, "
	    "granted: 1, partly_granted: 0, refused: 0, unavailable: 0, "
	    "not_processed: 0, other: 0, carried_forward: 0 }\n", &a) == 0);
	OK(parse_annual("requests: { received: 1, carried_over: 1, "
	    "granted: 1, partly_granted: 0, refused: 0, unavailable: 0, "
	    "not_processed: 0, other: 0, carried_forward: 0 }\n", &a) == -1);

	return T_DONE();
}
