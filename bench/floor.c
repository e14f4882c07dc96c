/*
 * bench/floor.c -- the floor of a build: writes the files a build wrote,
 * with their sizes and nothing else to do.  Reads "SIZE PATH" lines on
 * stdin (find SITE -type f -printf '%s %P\n'), makes each folder once
 * and each file with open/write/close under OUT, which must not exist.
 * What a build costs beyond this is rendering, not the disk.
 *
 *	cc -O2 -o floor bench/floor.c && find site -type f -printf \
 *	    '%s %P\n' | ./floor OUT
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char	last[8192];	/* the folder of the file before */

/* mkdir -p of the folder of path, unless it is the one of the last
 * file (paths come grouped by folder). */
static void
parents(char *path)
{
	char	*sl = strrchr(path, '/'), *p;

	if (sl == NULL)
		return;
	*sl = '\0';
	if (strcmp(path, last) != 0) {
		for (p = path; (p = strchr(p + 1, '/')) != NULL; ) {
			*p = '\0';
			if (mkdir(path, 0755) == -1 && errno != EEXIST)
				perror(path);
			*p = '/';
		}
		if (mkdir(path, 0755) == -1 && errno != EEXIST)
			perror(path);
		snprintf(last, sizeof(last), "%s", path);
	}
	*sl = '/';
}

int
main(int argc, char **argv)
{
	static char	 buf[1 << 20];
	char		 line[8192], *path;
	long		 size, n = 0;
	int		 fd;

	if (argc != 2 || mkdir(argv[1], 0755) == -1 || chdir(argv[1]) == -1) {
		fprintf(stderr, "usage: floor OUT (a new folder)\n");
		return 2;
	}
	memset(buf, 'x', sizeof(buf));
	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		size = strtol(line, &path, 10);
		if (*path++ != ' ' || size < 0)
			continue;
		parents(path);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd == -1) {
			perror(path);
			return 1;
		}
		while (size > 0) {
			ssize_t	w = write(fd, buf, size < (long)sizeof(buf) ?
			    (size_t)size : sizeof(buf));

			if (w <= 0) {
				perror(path);
				return 1;
			}
			size -= w;
		}
		close(fd);
		n++;
	}
	fprintf(stderr, "floor: %ld files\n", n);
	return 0;
}
