#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
typedef struct cmark_node cmark_node;
typedef struct cmark_llist cmark_llist;
/* Another libcmark-gfm, as an upgrade would bring: "SHIMME" in a body
 * comes out as "SHIMMX". */
char *
cmark_render_html(cmark_node *n, int o, cmark_llist *e)
{
	static char *(*real)(cmark_node *, int, cmark_llist *);
	char *s, *p;

	if (real == NULL)
		real = (char *(*)(cmark_node *, int, cmark_llist *))dlsym(
		    RTLD_NEXT, "cmark_render_html");
	s = real(n, o, e);
	for (p = s; p != NULL && (p = strstr(p, "SHIMME")) != NULL; p += 6)
		p[5] = 'X';
	return s;
}
