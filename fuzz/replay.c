/*
 * replay.c -- the plain driver of a fuzz target: feeds every file of a
 * corpus folder (argv[1], default FUZZ_CORPUS, set by fuzz/fuzz.mk) to
 * LLVMFuzzerTestOneInput, as libgit2 and cmark replay theirs.  Built
 * with the normal compiler, so `make check` needs no clang.
 *
 * A crash or abort ends the run (tests/run.sh counts it as a failure);
 * an input that takes longer than FUZZ_REPLAY_SECONDS is a failure,
 * so a corpus file found as a libFuzzer timeout stays fast; an empty or
 * missing corpus is a failure too.  Prints "# N passed, N failed".
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fuzz.h"

#ifndef FUZZ_CORPUS
#define FUZZ_CORPUS "."
#endif
#define FUZZ_REPLAY_SECONDS	10

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole file; returns NULL if it cannot be read. */
static uint8_t *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	uint8_t	*d = NULL;
	size_t	 cap = 0, n;

	*len = 0;
	if (f == NULL)
		return NULL;
	for (;;) {
		if (*len == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((d = realloc(d, cap)) == NULL)
				abort();
		}
		if ((n = fread(d + *len, 1, cap - *len, f)) == 0)
			break;
		*len += n;
	}
	if (ferror(f)) {
		free(d);
		d = NULL;
	}
	fclose(f);
	return d;
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	const char	*dir = argc > 1 ? argv[1] : FUZZ_CORPUS;
	DIR		*d;
	struct dirent	*e;
	char		**names = NULL, path[4096];
	size_t		 n = 0, cap = 0, i, len;
	uint8_t		*data;
	int		 pass = 0, fail = 0;
	double		 t0, dt;

	if ((d = opendir(dir)) == NULL) {
		printf("FAIL cannot open corpus '%s'\n", dir);
		printf("# 0 passed, 1 failed\n");
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((names = realloc(names, cap * sizeof(*names))) ==
			    NULL)
				abort();
		}
		if ((names[n++] = strdup(e->d_name)) == NULL)
			abort();
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if ((data = slurp(path, &len)) == NULL) {
			printf("FAIL cannot read '%s'\n", path);
			fail++;
			free(names[i]);
			continue;
		}
		/* Names the input before a crash can hide it. */
		fprintf(stderr, "replay %s\n", path);
		t0 = now();
		LLVMFuzzerTestOneInput(data, len);
		dt = now() - t0;
		free(data);
		if (dt > FUZZ_REPLAY_SECONDS) {
			printf("FAIL %s: %.1f s (bound %d s)\n", path, dt,
			    FUZZ_REPLAY_SECONDS);
			fail++;
		} else
			pass++;
		free(names[i]);
	}
	free(names);
	if (n == 0) {
		printf("FAIL corpus '%s' is empty\n", dir);
		fail++;
	}
	printf("# %d passed, %d failed\n", pass, fail);
	return fail ? 1 : 0;
}
