/*
 * bench/statfloor.c -- the floor of a rebuild that checks what it takes
 * over: one fstatat of every file of a site, as fsout does for each
 * carried file before it believes the manifest's stamp (bench/README.md,
 * "What two per cent would take", item 4).  Reads paths relative to
 * SITE, one a line, on stdin, and stats each from SITE's descriptor,
 * three times; prints the wall and CPU seconds of each round.
 *
 *	cc -O2 -o statfloor bench/statfloor.c &&
 *	    (cd site && find . -type f -printf '%P\n') | ./statfloor site
 *
 * A build's manifest lists them in its own order; its file lines are
 * "DIGEST INODE SIZE MTIME PATH":
 *	grep -E '^[0-9a-f]{64} ' .site.manifest | cut -d' ' -f5-
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
wall(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double
cpu(void)
{
	struct rusage	r;

	getrusage(RUSAGE_SELF, &r);
	return (double)(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
	    (double)(r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
}

int
main(int argc, char *argv[])
{
	struct stat	  st;
	char		**path = NULL, line[8192];
	size_t		  n = 0, cap = 0, i, found;
	double		  w, c;
	int		  root, round;

	if (argc != 2) {
		fprintf(stderr, "usage: statfloor SITE < paths\n");
		return 2;
	}
	if ((root = open(argv[1], O_RDONLY | O_DIRECTORY)) == -1) {
		perror(argv[1]);
		return 1;
	}
	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			if ((path = realloc(path, cap * sizeof(*path))) == NULL)
				return 1;
		}
		if ((path[n++] = strdup(line)) == NULL)
			return 1;
	}
	for (round = 1; round <= 3; round++) {
		w = wall();
		c = cpu();
		for (i = found = 0; i < n; i++)
			if (fstatat(root, path[i], &st, AT_SYMLINK_NOFOLLOW) ==
			    0)
				found++;
		printf("round %d: %zu of %zu files, %.2f s wall, %.2f s CPU\n",
		    round, found, n, wall() - w, cpu() - c);
	}
	return 0;
}
