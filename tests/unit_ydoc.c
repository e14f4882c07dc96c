/* unit tests for ydoc: positions, rejects */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "ydoc.h"

static struct ynode *
parse(const char *s)
{
	struct ynode	*n = NULL;

	if (ydoc_parse("t.yaml", s, strlen(s), 0, &n) == -1)
		return NULL;
	return n;
}

int
main(void)
{
	struct ynode	*n, *k;

	n = parse("a: 1\nb:\n  - x\n  - \"y\"\nc: {d: e}\n");
	OK(n != NULL && n->type == YN_MAP && n->n == 3);
	k = ynode_get(n, "b");
	OK(k != NULL && k->type == YN_SEQ && k->n == 2);
	OK(k != NULL && k->line == 3 && k->col == 3);
	OK(k != NULL && k->kids[0]->plain && !k->kids[1]->plain);
	STR_EQ(ynode_get(ynode_get(n, "c"), "d")->str, "e");
	OK(ynode_get(n, "zz") == NULL);
	ynode_free(n);

	n = parse("");
	OK(n != NULL && n->type == YN_MAP && n->n == 0);
	ynode_free(n);
	n = parse("标题: 中文\n");
	OK(n != NULL && strcmp(ynode_get(n, "标题")->str, "中文") == 0);
	OK(n != NULL && ynode_get(n, "标题")->col == 5);
	ynode_free(n);

	fputs("expect errors below:\n", stdout);
	OK(parse("a: [1, 2\n") == NULL);
	OK(parse("a: 1\na: 2\n") == NULL);
	OK(parse("a: &x 1\nb: *x\n") == NULL);
	OK(parse("a: 1\n---\nb: 2\n") == NULL);
	OK(parse("a: \"\xff\"\n") == NULL);
	OK(parse("? [a]\n: b\n") == NULL);
	OK(parse("a: \"x\\0y\"\n") == NULL);	/* a NUL by escape */
	OK(parse("\"k\\0\": 1\n") == NULL);
	{
		char	deep[400];
		int	i;

		for (i = 0; i < 200; i++)
			deep[i] = '[';
		deep[200] = '\0';
		OK(parse(deep) == NULL);
	}
	return T_DONE();
}
