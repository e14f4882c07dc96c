/*
 * unit_cachedir.c -- the cache folder: where it is, which folders it
 * refuses (another user's, group-writable, inside the repository), and
 * its reader and writer (whole files, never a link or a file others
 * can write).
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cachedir.h"
#include "t.h"
#include "util.h"

int
main(void)
{
	char		 tmpl[] = "/tmp/unit_cachedir.XXXXXX";
	char		*top, *dir, *path, *repo, *link;
	struct buf	 b = BUF_INIT;
	struct stat	 st;

	if ((top = mkdtemp(tmpl)) == NULL)
		return 1;
	repo = xasprintf("%s/repo", top);
	mkdir(repo, 0755);

	/* $GONGKAI_CACHE_DIR first, created 0700 with its subfolder */
	dir = xasprintf("%s/cache", top);
	setenv("GONGKAI_CACHE_DIR", dir, 1);
	free(dir);
	dir = cachedir_open("pdf", repo, NULL, "no cache");
	OK(dir != NULL && str_suffix(dir, "/cache/pdf"));
	OK(dir != NULL && stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700);
	free(dir);
	dir = cachedir_open(NULL, repo, NULL, "no cache");
	OK(dir != NULL && str_suffix(dir, "/cache"));

	/* write, then read back; a link or a file others can write is
	 * refused */
	path = xasprintf("%s/ab/cd", dir);
	cachedir_write(path, "hello", 5);
	OK(cachedir_read(path, &b) == 0 && b.len == 5 &&
	    memcmp(b.data, "hello", 5) == 0);
	link = xasprintf("%s/link", dir);
	OK(symlink(path, link) == 0);
	OK(cachedir_read(link, &b) == -1 && b.len == 0);
	chmod(path, 0666);
	OK(cachedir_read(path, &b) == -1 && b.len == 0);
	OK(cachedir_read("/nonexistent/x", &b) == -1);
	unlink(link);
	unlink(path);
	free(link);
	free(path);

	/* a folder others can write is refused */
	chmod(dir, 0777);
	OK(cachedir_open(NULL, repo, NULL, "no cache") == NULL);
	OK(cachedir_open("pdf", repo, NULL, "no cache") == NULL);
	chmod(dir, 0700);
	free(dir);

	/* never inside the repository or its git folder */
	dir = xasprintf("%s/repo/.cache", top);
	setenv("GONGKAI_CACHE_DIR", dir, 1);
	OK(cachedir_open(NULL, repo, NULL, "no cache") == NULL);
	OK(cachedir_open(NULL, NULL, repo, "no cache") == NULL);
	free(dir);
	dir = cachedir_open(NULL, NULL, NULL, "no cache");
	OK(dir != NULL);
	free(dir);

	/* a relative value is not used: $XDG_CACHE_HOME/gongkai next */
	setenv("GONGKAI_CACHE_DIR", "relative", 1);
	dir = xasprintf("%s/xdg", top);
	setenv("XDG_CACHE_HOME", dir, 1);
	free(dir);
	dir = cachedir_open(NULL, NULL, NULL, "no cache");
	OK(dir != NULL && str_suffix(dir, "/xdg/gongkai"));
	free(dir);

	buf_dispose(&b);
	free(repo);
	t_scratch_end(top, "UNIT_CACHEDIR_KEEP");
	return T_DONE();
}
