/*
 * t.h -- the unit-test harness: a test binary is a main() calling
 * TEST blocks; it prints one "FAIL" line per check that fails, one
 * "skip" line per check it could not run, and a final
 * "# N passed, N failed" line (", N skipped" added when some were)
 * that tests/run.sh sums.  A binary that passes and fails nothing
 * tested nothing: run.sh counts it as failed.
 */
#ifndef GONGKAI_T_H
#define GONGKAI_T_H

#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "sha256.h"
#include "util.h"

static int t_pass, t_fail, t_skip;

#define OK(cond) do {							\
	if (cond)							\
		t_pass++;						\
	else {								\
		t_fail++;						\
		printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);	\
	}								\
} while (0)

#define STR_EQ(a, b) do {						\
	const char *t_a = (a), *t_b = (b);				\
	if (t_a != NULL && t_b != NULL && strcmp(t_a, t_b) == 0)	\
		t_pass++;						\
	else {								\
		t_fail++;						\
		printf("FAIL %s:%d: %s == %s\n  got:  \"%s\"\n  want: \"%s\"\n", \
		    __FILE__, __LINE__, #a, #b, t_a ? t_a : "(null)",	\
		    t_b ? t_b : "(null)");				\
	}								\
} while (0)

/* A check that cannot run here (a tool is missing): said, and counted. */
#define T_SKIP(why) do {						\
	t_skip++;							\
	printf("skip %s:%d: %s\n", __FILE__, __LINE__, (why));	\
} while (0)

#define T_DONE() (t_skip ?						\
	printf("# %d passed, %d failed, %d skipped\n", t_pass, t_fail,	\
	    t_skip) :							\
	printf("# %d passed, %d failed\n", t_pass, t_fail),		\
	t_fail ? 1 : 0)

/*
 * T_CAPTURE(stmt) runs stmt with stderr (where diag.h reports) sent to
 * t_err, so a test can check what was reported: ERR_HAS("a.md:3:1:
 * error: ...").  t_err holds the first bytes of the last capture.
 */
static char t_err[8192] __attribute__((unused));

static inline int
t_capture_begin(void)
{
	FILE	*f = tmpfile();
	int	 saved;

	fflush(stderr);
	saved = dup(2);
	if (f == NULL || saved == -1 || dup2(fileno(f), 2) == -1) {
		printf("FAIL t.h: cannot capture stderr\n");
		exit(1);
	}
	fclose(f);	/* fd 2 keeps the file open */
	return saved;
}

static inline void
t_capture_end(int saved)
{
	size_t	n;
	ssize_t	r;

	fflush(stderr);
	n = 0;
	if (lseek(2, 0, SEEK_SET) == 0)
		while (n < sizeof(t_err) - 1 && (r = read(2, t_err + n,
		    sizeof(t_err) - 1 - n)) > 0)
			n += (size_t)r;
	t_err[n] = '\0';
	dup2(saved, 2);
	close(saved);
}

/* The SHA-256 (hex) of string s, for tests of caches keyed by it. */
static inline void
t_digest(const char *s, char out[65])
{
	sha256_digest(s, strlen(s), out);
}

/* The modification time of file path in nanoseconds, or -1: whether a
 * cache file was written again. */
static inline long long
t_mtime_ns(const char *path)
{
	struct stat	st;

	if (stat(path, &st) == -1)
		return -1;
	return (long long)st.st_mtim.tv_sec * 1000000000LL +
	    st.st_mtim.tv_nsec;
}

/*
 * Reads file path whole into b, emptied first: 0, or -1 if it cannot
 * be read (b then holds what was read, maybe nothing).  The one reader
 * of fixtures and of what a test wrote, through the library's own
 * buf_read_fd.
 */
static inline int
t_read(const char *path, struct buf *b)
{
	int	fd, rc;

	buf_reset(b);
	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	rc = buf_read_fd(b, fd);
	close(fd);
	return rc;
}

/* Writes text into file root/rel (its folder there already) / makes
 * folder root/rel: each a check. */
static inline void
t_put(const char *root, const char *rel, const char *text)
{
	char	*p = xasprintf("%s/%s", root, rel);
	FILE	*f = fopen(p, "w");

	OK(f != NULL);
	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	free(p);
}

static inline void
t_mkdir(const char *root, const char *rel)
{
	char	*p = xasprintf("%s/%s", root, rel);

	OK(mkdir(p, 0755) == 0);
	free(p);
}

#define T_CAPTURE(stmt) do {						\
	int t_saved = t_capture_begin();				\
	stmt;								\
	t_capture_end(t_saved);						\
} while (0)

/* The last capture holds s / is empty. */
#define ERR_HAS(s) do {							\
	if (strstr(t_err, (s)) != NULL)					\
		t_pass++;						\
	else {								\
		t_fail++;						\
		printf("FAIL %s:%d: stderr has \"%s\"\n  got: \"%s\"\n", \
		    __FILE__, __LINE__, (s), t_err);			\
	}								\
} while (0)
#define ERR_NONE() do {							\
	if (t_err[0] == '\0')						\
		t_pass++;						\
	else {								\
		t_fail++;						\
		printf("FAIL %s:%d: stderr is empty\n  got: \"%s\"\n",	\
		    __FILE__, __LINE__, t_err);				\
	}								\
} while (0)

/* 1 if tool is on the PATH (checks that need it skip otherwise). */
static inline int
t_have(const char *tool)
{
	char	 cmd[128];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

/* Runs cmd and returns its standard output (caller frees). */
static inline char *
t_output(const char *cmd)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[4096];
	size_t		 n;
	FILE		*f;

	if ((f = popen(cmd, "r")) == NULL)
		return xstrdup("");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	pclose(f);
	return buf_detach(&b, NULL);
}

/* Removes scratch folder dir, or keeps it (and says where) when the
 * environment variable keep is set, to look at what a test made. */
static inline void
t_scratch_end(const char *dir, const char *keep)
{
	char	*cmd;

	if (getenv(keep) != NULL) {
		printf("# kept %s\n", dir);
		return;
	}
	cmd = xasprintf("rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("cannot remove %s\n", dir);
	free(cmd);
}

#endif
