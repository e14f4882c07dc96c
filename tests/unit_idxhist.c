/*
 * unit_idxhist.c -- idxhist_scan(), the silent reader of index numbers
 * in old versions of items: what it takes, what it refuses, and that
 * what it takes reads as ydoc reads it.  The history walk itself is
 * tested against real repositories in tests/new.test.sh.
 */
#include <stdlib.h>
#include <string.h>

#include "idxhist.h"
#include "item.h"
#include "t.h"
#include "ydoc.h"

/* Scans s; returns the number ("" for none, "ERR" for -1). */
static const char *
scan(const char *s, int md, int *rep)
{
	static char	 last[256];
	char		*no;
	int		 r, dummy;

	r = idxhist_scan(s, strlen(s), md, &no, rep ? rep : &dummy);
	if (r == -1)
		return "ERR";
	snprintf(last, sizeof(last), "%s", no ? no : "");
	free(no);
	return last;
}

/* What ydoc makes of the front matter of md text s ("" for none). */
static const char *
ydoc_no(const char *s)
{
	static char	 last[256];
	struct ynode	*root = NULL;
	const char	*yaml, *body, *v = NULL;
	size_t		 ylen, blen;
	int		 bline;

	last[0] = '\0';
	if (item_split("t.md", s, strlen(s), &yaml, &ylen, &body, &blen,
	    &bline) == 0 && ydoc_parse("t.md", yaml, ylen, 1, &root) == 0 &&
	    ynode_str("t.md", root, "index_no", 0, &v) == 0 && v != NULL)
		snprintf(last, sizeof(last), "%s", v);
	ynode_free(root);
	return last;
}

int
main(void)
{
	static const char *const same[] = {
		"---\ntitle: a\nindex_no: 009876543/2026-00012\n---\nbody\n",
		"---\nindex_no: \"001/2026-00001\"\n---\n",
		"---\nindex_no: '001''s/2026'\n---\n",
		"---\nindex_no: 001/2026-00001 # a comment\n---\n",
		"---\nindex_no: \"a \\\" b\"  # c\n---\n",
		"---\nindex_no: a#b\n---\n",
		"---\r\nindex_no: 001/2026-00001\r\n---\r\n",
		"---\nindex_no:\n---\n",
		"---\nindex_no: ~\n---\n",
		"---\nindex_no: null\n---\n",
		"---\ntitle: x\n---\nindex_no: body/1\n",
		"---\nindex_no   : 示卫〔2026〕1号\n---\n",
		NULL
	};
	size_t	i;
	int	rep;

	/* Whatever the scanner takes, ydoc reads the same. */
	for (i = 0; same[i] != NULL; i++)
		STR_EQ(scan(same[i], 1, NULL), ydoc_no(same[i]));

	STR_EQ(scan("---\nindex_no: 009876543/2026-00012\n---\n", 1, NULL),
	    "009876543/2026-00012");
	STR_EQ(scan("---\nindex_no: '001''s/2026'\n---\n", 1, NULL),
	    "001's/2026");
	STR_EQ(scan("---\ntitle: x\n---\nindex_no: body/1\n", 1, NULL), "");
	/* Only top-level keys, whole key names. */
	STR_EQ(scan("---\nx:\n  index_no: 1\n---\n", 1, NULL), "");
	STR_EQ(scan("---\nindex_nos: 1\n---\n", 1, NULL), "");
	STR_EQ(scan("---\n# index_no: 1\n---\n", 1, NULL), "");

	/* Forms it does not read, and files without front matter. */
	STR_EQ(scan("---\nindex_no: |\n  001\n---\n", 1, NULL), "ERR");
	STR_EQ(scan("---\nindex_no: [1]\n---\n", 1, NULL), "ERR");
	STR_EQ(scan("---\nindex_no: &a 1\n---\n", 1, NULL), "ERR");
	STR_EQ(scan("---\nindex_no: !!str 1\n---\n", 1, NULL), "ERR");
	STR_EQ(scan("---\nindex_no: 001\n  /2026\n---\n", 1, NULL), "ERR");
	STR_EQ(scan("---\nindex_no: \"001\n---\n", 1, NULL), "ERR");
	STR_EQ(scan("---\nindex_no: \"\\u0041\"\n---\n", 1, NULL), "ERR");
	STR_EQ(scan("title: x\n", 1, NULL), "ERR");
	STR_EQ(scan("---\nindex_no: 1\n", 1, NULL), "ERR");
	STR_EQ(scan("", 1, NULL), "ERR");

	/* YAML items: the whole file; body lines are indented. */
	STR_EQ(scan("title: x\nindex_no: 001/1\nbody: |\n  index_no: 2\n",
	    0, NULL), "001/1");
	STR_EQ(scan("title: x\nbody: |\n  index_no: 2\n", 0, NULL), "");

	/* repealed: set only with a value. */
	rep = -1;
	STR_EQ(scan("---\nindex_no: 1\nrepealed: 2026-01-01\n---\n", 1, &rep),
	    "1");
	OK(rep == 1);
	STR_EQ(scan("---\nrepealed: ~\nindex_no: 1\n---\n", 1, &rep), "1");
	OK(rep == 0);
	STR_EQ(scan("---\nindex_no: 1\n---\nrepealed: 2026-01-01\n", 1, &rep),
	    "1");
	OK(rep == 0);
	return T_DONE();
}
