/*
 * unit_path.c -- path_within (util.h): whether a folder a build is to
 * make lands in another, as the kernel will find it: through links,
 * "." and "..", folders that do not exist yet, and paths longer than
 * PATH_MAX.
 */
#include "t.h"

static char	*top;

/* top/rel (caller frees). */
static char *
at(const char *rel)
{
	return xasprintf("%s/%s", top, rel);
}

/* Makes folder top/rel, or with to, a link there to to: 0 or -1. */
static int
make(const char *rel, const char *to)
{
	char	*p = at(rel);
	int	 rc = to == NULL ? mkdir(p, 0755) : symlink(to, p);

	free(p);
	return rc;
}

/* path_within(top/a, top/b) */
static int
within(const char *a, const char *b)
{
	char	*pa = at(a), *pb = at(b);
	int	 in = path_within(pa, pb);

	free(pa);
	free(pb);
	return in;
}

int
main(void)
{
	char		 tmpl[] = "/tmp/unit_path.XXXXXX";
	struct buf	 b = BUF_INIT;
	char		*p;
	int		 i;

	if ((top = mkdtemp(tmpl)) == NULL)
		return 1;
	OK(make("repo", NULL) == 0);
	OK(make("repo/content", NULL) == 0);
	OK(make("ln", "repo") == 0);

	/* what exists, and what is still to be made below it */
	OK(within("repo/content", "repo/content"));
	OK(within("repo/content/", "ln/content/"));
	OK(within("ln/content/a/b", "repo/content"));
	OK(!within("repo/contents", "repo/content"));
	OK(!within("repo", "repo/content"));
	OK(!within("repo/content/..", "repo/content"));
	/* "." and ".." after a folder not made yet: as mkdir -p goes */
	OK(within("repo/x/../content/site", "repo/content"));
	OK(within("repo/content/nope/./../site", "repo/content"));
	OK(within("repo/content/nope/./site", "repo/content"));
	OK(!within("repo/content/nope/../../x", "repo/content"));
	OK(!within("repo/content/a/b/../../../x", "repo/content"));
	/* b must exist */
	OK(!within("repo/content/x", "repo/none"));
	/* relative names start at the current folder */
	p = at("repo");
	OK(chdir(p) == 0);
	free(p);
	OK(path_within("content/new", "content"));
	OK(path_within("x/../content", "./content/"));
	OK(!path_within("new", "content"));
	OK(path_within("/anything", "/"));
	/* longer than PATH_MAX: walked, not resolved */
	for (i = 0; i < 2100; i++)
		buf_puts(&b, "./");
	buf_puts(&b, "content/x");
	OK(b.len > 4096 && path_within(b.data, "content"));
	buf_dispose(&b);
	OK(chdir("/") == 0);
	t_scratch_end(top, "UNIT_PATH_KEEP");
	return T_DONE();
}
