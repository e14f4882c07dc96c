/*
 * unit_listcache.c -- a walk with the listings kept by the last one
 * lists what a walk without them lists, with 1 and 3 threads: after
 * nothing changed (and then reads no folder), a file added, a file
 * edited in place, a folder removed, a folder added.  A folder changed
 * within a second of the walk is not kept.  A kept file that is
 * garbage, names a path outside its folder, or says a folder is a file
 * or a missing file is there is not believed.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cachedir.h"
#include "fswalk.h"
#include "listcache.h"
#include "t.h"
#include "util.h"

static char	*root;

/* Runs command fmt, each %s in it the root. */
static void
sh(const char *fmt)
{
	char	*cmd = xasprintf(fmt, root, root);

	OK(system(cmd) == 0);
	free(cmd);
}

/* Every folder's times an hour back: its stamp is then not racy, and
 * any change after gives it a new one. */
static void
age(void)
{
	sh("find '%s/content' -type d -exec touch -h -d '1 hour ago' {} +");
}

static long long
now(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_REALTIME, &t);
	return ts_ns(&t);
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct fswalk_file *)a)->path,
	    ((const struct fswalk_file *)b)->path);
}

/* The walk of content, with the kept listings when memo (saved after,
 * as if it began at listed), as a line a file, sorted; *nread: the
 * folders it read. */
static char *
walk(int memo, int threads, long long listed, size_t *nread)
{
	struct listcache *lc = memo ? listcache_open(root) : NULL;
	struct fswalk	 w;
	struct buf	 out = BUF_INIT;
	char		*p = xasprintf("%s/content", root);
	size_t		 i;
	int		 fd;

	fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(p);
	OK(fd != -1);
	OK(fswalk_run(fd, "content", 24, threads, listcache_memo(lc),
	    &w) == 0);
	listcache_save(lc, &w, listed);
	listcache_free(lc);
	qsort(w.files, w.nfiles, sizeof(*w.files), cmp_path);
	for (i = 0; i < w.nfiles; i++)
		buf_printf(&out, "%s %o %zu %llu %lld\n", w.files[i].path,
		    w.files[i].mode, w.files[i].size, w.files[i].ino,
		    w.files[i].mtime);
	*nread = w.nread;
	fswalk_dispose(&w);
	return buf_detach(&out, NULL);
}

/* A walk with the memo equals one without, with 1 and 3 threads; the
 * last read want folders (-1: any number). */
static void
same(const char *what, long long listed, long want)
{
	char	*plain, *kept;
	size_t	 nread;
	int	 t;

	for (t = 1; t <= 3; t += 2) {
		plain = walk(0, 1, listed, &nread);
		kept = walk(1, t, listed, &nread);
		if (strcmp(plain, kept) != 0)
			printf("# %s, %d threads\n", what, t);
		STR_EQ(kept, plain);
		if (want >= 0 && nread != (size_t)want)
			printf("# %s: %zu folders read, not %ld\n", what,
			    nread, want);
		OK(want < 0 || nread == (size_t)want);
		free(plain);
		free(kept);
		want = want < 0 ? -1 : 0;	/* the second walk: none */
	}
}

/* The kept file's path (caller frees). */
static char *
kept_file(void)
{
	char	*dir = cachedir_open(NULL, root, NULL, "(test)");
	char	*path = cachedir_tree_file(dir, "lists", root);

	OK(path != NULL);
	free(dir);
	return path;
}

/* Writes the kept file by hand: text after the head line, then the
 * last line that counts it, right. */
static void
forge(const char *text)
{
	char		*path = kept_file(), *all, *whole;
	const char	*p;
	int		 dirs = 0;

	for (p = text; *p != '\0'; p = strchr(p, '\n') + 1)
		dirs += p[0] == 'D';
	all = xasprintf("gongkai listings 1\n%s", text);
	whole = xasprintf("%sE %zu %d\n", all, strlen(all), dirs);
	if (path != NULL)
		cachedir_write(path, whole, strlen(whole));
	free(whole);
	free(all);
	free(path);
}

/* The kept line of folder rel as it is now. */
static char *
stamp(const char *rel)
{
	struct stat	 st;
	char		*p = xasprintf("%s/%s", root, rel);

	OK(lstat(p, &st) == 0);
	free(p);
	return xasprintf("D %llu %llu %lld %lld %s\n",
	    (unsigned long long)st.st_dev, (unsigned long long)st.st_ino,
	    ts_ns(&st.st_mtim), ts_ns(&st.st_ctim), rel);
}

/* A kept file of folder rel's stamp as it is now and entries: every
 * folder of the tree (27) is read all the same, and the walk is
 * right. */
static void
not_believed(const char *rel, const char *entries, const char *what,
    long long later)
{
	char	*line = stamp(rel), *text = xasprintf("%s%s", line, entries);

	forge(text);
	same(what, later, 27);
	free(text);
	free(line);
}

int
main(void)
{
	char		 tmpl[] = "/tmp/unit_listcache.XXXXXX", rel[64];
	char		 name[251];
	char		*cache, *plain, *kept, *line, *path, *nl;
	char		*p;
	struct buf	 b = BUF_INIT;
	long long	 later, racy;
	size_t		 nread;
	int		 i, j, fd, sub;

	root = mkdtemp(tmpl);
	OK(root != NULL);
	if (root == NULL)
		return 1;
	cache = xasprintf("%s.cache", root);
	OK(mkdir(cache, 0700) == 0);
	setenv("GONGKAI_CACHE_DIR", cache, 1);
	t_mkdir(root, "content");
	t_put(root, "content/_unit.yaml", "name: x\n");
	t_put(root, "content/.hidden", "no\n");
	for (i = 0; i < 6; i++) {
		snprintf(rel, sizeof(rel), "content/u%d", i);
		t_mkdir(root, rel);
		for (j = 0; j < 4; j++) {
			snprintf(rel, sizeof(rel), "content/u%d/c%d", i, j);
			t_mkdir(root, rel);
			snprintf(rel, sizeof(rel), "content/u%d/c%d/a.md", i,
			    j);
			t_put(root, rel, "---\ntitle: t\n---\nbody\n");
		}
	}
	age();
	/* the walks "begin" a minute from now: nothing aged is racy */
	later = now() + 60000000000LL;

	/* nothing kept yet: every folder read (1 + 6 + 24); then none */
	same("first", later, 31);
	same("nothing changed", later, 0);

	t_put(root, "content/u1/c2/b.md", "---\ntitle: b\n---\n");
	same("a file added", later, 1);
	t_put(root, "content/u2/c0/a.md",
	    "---\ntitle: edited in place\n---\n");
	same("a file edited in place", later, 0);
	sh("rm -r '%s/content/u3'");
	same("a folder removed", later, 1);
	t_mkdir(root, "content/u4/c9");
	t_put(root, "content/u4/c9/new.md", "x\n");
	same("a folder added", later, 2);

	/* racy: a walk that began half a second after a folder changed
	 * does not keep it, and the next reads it again; the others,
	 * changed two seconds before or more, are kept */
	age();
	same("aged", later, -1);
	sleep(2);
	t_put(root, "content/u5/c1/racy.md", "x\n");
	line = stamp("content/u5/c1");
	OK(sscanf(line, "D %*u %*u %lld", &racy) == 1);
	free(line);
	kept = walk(1, 2, racy + 500000000LL, &nread);
	OK(nread == 1);
	free(kept);
	kept = walk(1, 2, later, &nread);
	OK(nread == 1);
	plain = walk(0, 1, later, &nread);
	STR_EQ(kept, plain);
	free(kept);
	free(plain);

	/* not believed: garbage, a path trick, a duplicate, a bad head */
	age();
	forge("D 1 2 3 4 content\nf../../etc/passwd\n");
	same("a name with a slash", later, 27);
	forge("D x y z w content\n");
	same("garbage numbers", later, 27);
	forge("fa.md\n");
	same("an entry before any folder", later, 27);
	line = stamp("content");
	not_believed("content", line, "a folder twice", later);
	free(line);

	/* believed while the stamp is the same, but checked by each
	 * entry's stat, or refused as read: a folder said to be a file, a
	 * file not there, a name twice, names out of order, a subfolder
	 * said to be there that is a file */
	not_believed("content/u0", "fc0\ndc1\ndc2\ndc3\n",
	    "a folder said to be a file", later);
	not_believed("content/u0", "dc0\ndc1\ndc2\ndc3\nfghost.md\n",
	    "a file not there", later);
	not_believed("content/u0", "dc0\ndc1\ndc1\ndc2\ndc3\n",
	    "a name twice", later);
	not_believed("content/u0", "dc1\ndc0\ndc2\ndc3\n",
	    "names out of order", later);
	not_believed("content/u0/c0", "da.md\n",
	    "a file said to be a subfolder", later);

	/* a file cut short at a line's end, or whose last line says
	 * another length: not used */
	path = kept_file();
	OK(path != NULL && cachedir_read(path, &b) == 0 && b.len > 10);
	/* the last two lines off */
	for (nl = b.data + b.len - 1, i = 0; nl > b.data && i < 3; nl--)
		i += nl[-1] == '\n';
	cachedir_write(path, b.data, (size_t)(nl - b.data) + 1);
	same("cut short", later, 27);
	OK(cachedir_read(path, &b) == 0 && b.len > 10);
	b.data[b.len - 2]++;	/* the folders' count */
	cachedir_write(path, b.data, b.len);
	same("a wrong count", later, 27);
	buf_dispose(&b);
	free(path);

	/* paths past PATH_MAX: below them, folders are read from their
	 * parents' descriptors, with the memo or without */
	memset(name, 'n', 250);
	name[250] = '\0';
	p = xasprintf("%s/content/u0/c0", root);
	fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(p);
	for (i = 0; i < 18 && fd != -1; i++) {
		OK(mkdirat(fd, name, 0755) == 0);
		sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		close(fd);
		fd = sub;
	}
	OK(fd != -1);
	if (fd != -1) {
		OK(close(openat(fd, "bottom.md", O_WRONLY | O_CREAT |
		    O_CLOEXEC, 0644)) == 0);
		close(fd);
	}
	same("past PATH_MAX", later, -1);
	same("past PATH_MAX again", later, -1);

	sh("rm -rf '%s' '%s.cache'");
	free(cache);
	return T_DONE();
}
