/*
 * unit_dirlist.c -- a folder's entries read with getdents64: every
 * name once (a folder of thousands, more than one read's buffer),
 * never "." or "..", the type of each, an entry removed by the
 * callback while the folder is read, the callback's stop, and a
 * descriptor that is not a folder.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dirlist.h"
#include "t.h"
#include "util.h"

#define MANY	3000	/* names: about 100 KB of entries, several reads */

struct seen {
	int	 fd;
	int	 files, dirs, dots, other;
	char	*hit;		/* hit[i]: name i seen */
	int	 dup;
	int	 removes;	/* remove each entry as it comes */
	int	 stop_at;	/* return 7 at this many entries (0: never) */
	int	 n;
};

static int
look(void *arg, const char *name, unsigned char type)
{
	struct seen	*s = arg;
	int		 i;

	s->n++;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		s->dots++;
	else if (type == DT_DIR)
		s->dirs++;
	else if (type == DT_REG && sscanf(name, "f%d", &i) == 1 &&
	    i >= 0 && i < MANY) {
		s->files++;
		if (s->hit[i])
			s->dup++;
		s->hit[i] = 1;
	} else
		s->other++;
	if (s->removes)
		unlinkat(s->fd, name, type == DT_DIR ? AT_REMOVEDIR : 0);
	return s->stop_at != 0 && s->n == s->stop_at ? 7 : 0;
}

int
main(void)
{
	char		 tmpl[] = "/tmp/unit_dirlist.XXXXXX", path[64];
	char		*dir = mkdtemp(tmpl), *p;
	struct seen	 s;
	int		 i, fd, all, rc;

	OK(dir != NULL);
	if (dir == NULL)
		return 1;
	for (i = 0; i < MANY; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd != -1)
			close(fd);
	}
	p = xasprintf("%s/sub", dir);
	OK(mkdir(p, 0755) == 0);
	free(p);

	/* every entry once, with its type */
	memset(&s, 0, sizeof(s));
	s.hit = xcalloc(MANY, 1);
	s.fd = open(dir, O_RDONLY | O_DIRECTORY);
	OK(dirlist_each(s.fd, look, &s) == 0);
	OK(s.files == MANY && s.dup == 0 && s.dirs == 1);
	OK(s.dots == 0 && s.other == 0);
	for (i = 0, all = 1; i < MANY; i++)
		all &= s.hit[i];
	OK(all);
	/* the position is at the end: read again, nothing */
	s.n = 0;
	OK(dirlist_each(s.fd, look, &s) == 0 && s.n == 0);
	close(s.fd);

	/* the callback's value stops the reading and comes back */
	memset(s.hit, 0, MANY);
	s.files = s.dirs = s.dup = s.n = 0;
	s.stop_at = 10;
	s.fd = open(dir, O_RDONLY | O_DIRECTORY);
	OK(dirlist_each(s.fd, look, &s) == 7 && s.n == 10);
	close(s.fd);

	/* each entry removed as it comes: all go, none seen twice */
	memset(s.hit, 0, MANY);
	s.files = s.dirs = s.dup = s.n = 0;
	s.stop_at = 0;
	s.removes = 1;
	s.fd = open(dir, O_RDONLY | O_DIRECTORY);
	OK(dirlist_each(s.fd, look, &s) == 0);
	OK(s.files == MANY && s.dup == 0 && s.dirs == 1);
	close(s.fd);
	OK(rmdir(dir) == 0);

	/* not a folder: -1 and errno, fn never called */
	fd = open("/dev/null", O_RDONLY);
	s.n = 0;
	errno = 0;
	rc = dirlist_each(fd, look, &s);
	OK(rc == -1 && errno == ENOTDIR && s.n == 0);
	close(fd);
	free(s.hit);
	return T_DONE();
}
