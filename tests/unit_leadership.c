/*
 * unit_leadership.c -- leadership.yaml: the group and its mistakes.
 */
#include <string.h>

#include "arena.h"
#include "leadership.h"
#include "t.h"

int
main(void)
{
	struct arena		*ar = arena_new();
	struct leadership	 l;
	const char		*t;
	int			 rc;

	t = "head: 李明（局长）\ndeputies: [张华, 刘芳]\n"
	    "members: [a, b, c]\noffice: 局办公室\nbudgeted: true\n";
	T_CAPTURE(rc = leadership_parse("l.yaml", t, strlen(t), ar, &l));
	OK(rc == 0);
	ERR_NONE();
	OK(l.ndeputies == 2 && l.nmembers == 3 && l.budgeted == 1);
	STR_EQ(l.head, "李明（局长）");
	OK(l.deputies[2] == NULL);

	t = "deputies: 张华\nbudgeted: yes\nchair: x\n";
	T_CAPTURE(rc = leadership_parse("l.yaml", t, strlen(t), ar, &l));
	OK(rc == -1);
	ERR_HAS("l.yaml:1:1: error: missing required field 'head'");
	ERR_HAS("l.yaml:1:11: error: 'deputies' must be a list");
	ERR_HAS("l.yaml:2:11: error: 'budgeted' must be true or false");
	ERR_HAS("l.yaml:3:1: error: unknown field 'chair'");
	arena_free(ar);
	return T_DONE();
}
