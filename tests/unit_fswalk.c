/*
 * unit_fswalk.c -- a tree listed by 1, 2, 3 and 8 threads gives the
 * same files with the same stats, each once: regular files, symbolic
 * links (to a file and to a folder: not followed), a FIFO, hundreds of
 * folders a few levels deep; names with a leading dot left out; a
 * folder past the depth limit reported and not entered; a descriptor
 * that is not a folder reported; and no descriptor left open.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fswalk.h"
#include "t.h"
#include "util.h"

#define TOPS	12	/* folders at the top, each with SUBS below */
#define SUBS	25

static int
open_fds(void)
{
	DIR		*d = opendir("/proc/self/fd");
	struct dirent	*de;
	int		 n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return n - 1;	/* the one opendir holds */
}

/* How many errors a walk reported, and the first. */
struct errs_seen {
	size_t	n;
	char	first[256];
};

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct fswalk_file *)a)->path,
	    ((const struct fswalk_file *)b)->path);
}

/* The walk of root's "content" as one line a file, sorted. */
static char *
listing(const char *root, int maxdepth, int threads, struct errs_seen *errs)
{
	struct fswalk	 w;
	struct buf	 out = BUF_INIT;
	char		*p = xasprintf("%s/content", root);
	size_t		 i;
	int		 fd;

	fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(p);
	OK(fd != -1);
	fswalk_run(fd, "content", maxdepth, threads, NULL, &w);
	qsort(w.files, w.nfiles, sizeof(*w.files), cmp_path);
	for (i = 0; i < w.nfiles; i++)
		buf_printf(&out, "%s %o %zu %llu\n", w.files[i].path,
		    w.files[i].mode, w.files[i].size, w.files[i].ino);
	errs->n = w.nerrs;
	errs->first[0] = '\0';
	if (w.nerrs > 0)
		snprintf(errs->first, sizeof(errs->first), "%s: %s",
		    w.errs[0].path, w.errs[0].what);
	fswalk_dispose(&w);
	return buf_detach(&out, NULL);
}

int
main(void)
{
	char		 tmpl[] = "/tmp/unit_fswalk.XXXXXX";
	char		*root = mkdtemp(tmpl), *one, *other, *p, rel[256];
	struct errs_seen e;
	struct fswalk	 w;
	int		 i, j, k, fds, threads[] = { 2, 3, 8 }, fd;
	size_t		 lines = 0;

	OK(root != NULL);
	if (root == NULL)
		return 1;
	t_mkdir(root, "content");
	t_put(root, "content/_unit.yaml", "name: x\n");
	t_put(root, "content/.hidden", "no\n");
	t_mkdir(root, "content/.git");
	t_put(root, "content/.git/HEAD", "no\n");
	for (i = 0; i < TOPS; i++) {
		snprintf(rel, sizeof(rel), "content/u%02d", i);
		t_mkdir(root, rel);
		for (j = 0; j < SUBS; j++) {
			snprintf(rel, sizeof(rel), "content/u%02d/c%02d", i, j);
			t_mkdir(root, rel);
			for (k = 0; k < (i + j) % 3; k++) {
				snprintf(rel, sizeof(rel),
				    "content/u%02d/c%02d/item-%d.md", i, j, k);
				t_put(root, rel,
				    "---\ntitle: t\n---\nbody\n");
			}
		}
	}
	/* not followed: a link to a file and one to a folder */
	p = xasprintf("%s/content/u00/link.md", root);
	OK(symlink("c00/item-0.md", p) == 0);
	free(p);
	p = xasprintf("%s/content/u01/linked", root);
	OK(symlink("../u02", p) == 0);
	free(p);
	p = xasprintf("%s/content/u03/fifo", root);
	OK(mkfifo(p, 0644) == 0);
	free(p);
	/* a chain five folders deep, a file at the bottom */
	strcpy(rel, "content/deep");
	for (i = 0; i < 5; i++) {
		t_mkdir(root, rel);
		strcat(rel, "/d");
	}
	t_put(root, "content/deep/d/d/d/d/bottom.md", "x\n");

	fds = open_fds();
	one = listing(root, 24, 1, &e);
	OK(e.n == 0);
	for (p = one; *p != '\0'; p++)
		lines += *p == '\n';
	/* _unit.yaml, the items ((i + j) % 3 of each folder: 300 of the
	 * 12 x 25), two links, the FIFO, bottom.md */
	OK(lines == 1 + 300 + 2 + 1 + 1);
	OK(strstr(one, "content/u00/link.md 120777 ") != NULL);
	OK(strstr(one, "content/u01/linked 120777 ") != NULL);
	OK(strstr(one, "content/u03/fifo 10644 ") != NULL);
	OK(strstr(one, "content/deep/d/d/d/d/bottom.md 100644 2 ") != NULL);
	OK(strstr(one, "content/u01/linked/") == NULL);
	OK(strstr(one, ".hidden") == NULL && strstr(one, ".git") == NULL);
	OK(strstr(one, "content/u11/c24/item-1.md 100644 ") != NULL);
	OK(strstr(one, "content/u11/c22/") == NULL);	/* (11 + 22) % 3 == 0 */
	for (i = 0; i < (int)(sizeof(threads) / sizeof(*threads)); i++) {
		other = listing(root, 24, threads[i], &e);
		OK(e.n == 0);
		STR_EQ(other, one);
		free(other);
	}
	OK(open_fds() == fds);

	/* content/deep/d/d/d/d is at depth 5: a limit of 4 reports it and
	 * lists the rest, with every thread count */
	for (i = 1; i <= 3; i++) {
		other = listing(root, 4, i, &e);
		OK(e.n == 1);
		STR_EQ(e.first, "content/deep/d/d/d/d: "
		    "folders nested too deeply");
		OK(strstr(other, "bottom.md") == NULL);
		OK(strstr(other, "content/u11/c24/item-1.md") != NULL);
		free(other);
	}
	OK(open_fds() == fds);

	/* a file, not a folder */
	p = xasprintf("%s/content/_unit.yaml", root);
	fd = open(p, O_RDONLY | O_CLOEXEC);
	free(p);
	OK(fswalk_run(fd, "content/_unit.yaml", 24, 2, NULL, &w) == -1);
	OK(w.nerrs == 1 && w.nfiles == 0);
	if (w.nerrs == 1)
		STR_EQ(w.errs[0].what, "cannot read folder");
	fswalk_dispose(&w);
	OK(open_fds() == fds);

	free(one);
	t_scratch_end(root, "UNIT_FSWALK_KEEP");
	return T_DONE();
}
