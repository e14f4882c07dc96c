/*
 * unit_path.c -- path_resolve and path_within (util.h): a folder that
 * does not exist yet is placed where it will be made, through the
 * links of what holds it; ".." past what exists cannot be placed.
 */
#include "t.h"

static char	*top, *real;

/* base/rel (caller frees). */
static char *
at(const char *base, const char *rel)
{
	return xasprintf("%s/%s", base, rel);
}

/* 1 if path_resolve(top/p) is real/want (want NULL: cannot be). */
static int
resolves(const char *p, const char *want)
{
	char	*path = *p == '/' || *p == '\0' ? xstrdup(p) : at(top, p);
	char	*w = want == NULL ? NULL : at(real, want);
	char	*r = path_resolve(path);
	int	 same = r == NULL ? w == NULL : w != NULL && strcmp(r, w) == 0;

	if (!same)
		printf("# path_resolve(%s) = %s, not %s\n", path,
		    r ? r : "NULL", w ? w : "NULL");
	free(path);
	free(w);
	free(r);
	return same;
}

/* path_within(top/a, top/b) */
static int
within(const char *a, const char *b)
{
	char	*pa = at(top, a), *pb = at(top, b);
	int	 in = path_within(pa, pb);

	free(pa);
	free(pb);
	return in;
}

int
main(void)
{
	char	 tmpl[] = "/tmp/unit_path.XXXXXX";
	char	*p;

	if ((top = mkdtemp(tmpl)) == NULL || (real = realpath(top, NULL)) ==
	    NULL)
		return 1;
	p = at(top, "repo");
	OK(mkdir(p, 0755) == 0);
	free(p);
	p = at(top, "repo/content");
	OK(mkdir(p, 0755) == 0);
	free(p);
	p = at(top, "ln");
	OK(symlink("repo", p) == 0);
	free(p);

	/* what exists: realpath's answer */
	OK(resolves("repo/content", "repo/content"));
	OK(resolves("ln/content/", "repo/content"));
	/* what does not: placed below what holds it, links followed */
	OK(resolves("ln/content/a/b", "repo/content/a/b"));
	OK(resolves("ln/content/a/b/", "repo/content/a/b"));
	OK(within("ln/content/a/b", "repo/content"));
	OK(within("repo/content", "ln/content"));
	OK(!within("repo/contents", "repo/content"));
	OK(!within("repo", "repo/content"));
	/* ".." or "." after a missing folder: where is not known */
	OK(resolves("repo/missing/../content/x", NULL));
	OK(!within("repo/missing/../content/x", "repo/content"));
	OK(resolves("repo/missing/.", NULL));
	OK(resolves("", NULL));
	/* relative names start at the current folder */
	p = at(top, "repo/content");
	OK(chdir(p) == 0);
	free(p);
	OK(resolves("repo/content/new", "repo/content/new"));
	p = path_resolve("new");
	OK(p != NULL && str_suffix(p, "/repo/content/new"));
	free(p);
	OK(path_within("new", "."));
	OK(!path_within("../new", "."));
	OK(path_within("/anything", "/"));
	OK(chdir("/") == 0);
	t_scratch_end(top, "UNIT_PATH_KEEP");
	free(real);
	return T_DONE();
}
