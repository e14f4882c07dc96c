/*
 * unit_fsout.c -- the only writer: paths that would leave the output
 * root are refused, a file is written once, the output appears whole
 * or not at all, single files are replaced atomically or created
 * without ever replacing one that appeared meanwhile, and a failing
 * system call leaks no file descriptor.
 *
 * fchmod() and mkstemp() are wrapped here (the test binary's own
 * definitions win over libc's for the library linked into it): one
 * fails on demand, the other lets "someone else" create the target
 * file in the window between fsout's temporary file and its rename.
 */
#define _GNU_SOURCE	/* mkostemp */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "fsout.h"
#include "source.h"
#include "t.h"
#include "util.h"

static int	 fail_fchmod;	/* the next fchmod() fails with EIO */
static char	*race_text;	/* the next mkstemp() makes its target
				   file, holding this */

int
fchmod(int fd, mode_t mode)
{
	if (fail_fchmod) {
		fail_fchmod = 0;
		errno = EIO;
		return -1;
	}
	return (int)syscall(SYS_fchmod, fd, mode);
}

int
mkstemp(char *tmpl)
{
	char	*target, *dot;
	FILE	*f;

	if (race_text != NULL && (dot = strstr(tmpl, ".tmp-")) != NULL) {
		target = xstrndup(tmpl, (size_t)(dot - tmpl));
		if ((f = fopen(target, "wx")) != NULL) {
			fputs(race_text, f);
			fclose(f);
		}
		free(target);
		race_text = NULL;
	}
	return mkostemp(tmpl, 0);
}

/* The lowest free descriptor: what the next open() gets. */
static int
next_fd(void)
{
	int	fd = open("/dev/null", O_RDONLY), r = fd;

	if (fd != -1)
		close(fd);
	return r;
}

/* 1 if file path holds exactly want; else says what it holds. */
static int
file_is(const char *path, const char *want)
{
	struct buf	b = BUF_INIT;
	int		r;

	if (source_file_read(path, &b) != 0)
		buf_puts(&b, "(no file)");
	if (!(r = strcmp(b.data, want) == 0))
		printf("  %s holds \"%s\", not \"%s\"\n", path, b.data, want);
	buf_dispose(&b);
	return r;
}

static void
put_file(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

/*
 * A build into dir killed midway, as kill -9 would: it writes a file
 * into the standby in place (breaking its seal, standby_sealed) and
 * dies without a commit.
 */
static void
killed_build(const char *dir)
{
	struct fsout	*fs;
	pid_t		 pid;

	if ((pid = fork()) == 0) {
		if (fsout_open(dir, &fs) == 0)
			(void)fsout_write(fs, "half-written", "half", 4);
		_exit(0);
	}
	OK(pid > 0 && waitpid(pid, NULL, 0) == pid);
}

/* Number of entries in folder dir whose name contains s. */
static int
count_named(const char *dir, const char *s)
{
	char		*cmd = xasprintf("ls -a '%s' | grep -c -- '%s'", dir, s);
	FILE		*p = popen(cmd, "r");
	int		 n = -1;

	if (p != NULL) {
		if (fscanf(p, "%d", &n) != 1)
			n = -1;
		pclose(p);
	}
	free(cmd);
	return n;
}

static void
test_paths(const char *top)
{
	static const char *const bad[] = { "", "/etc/passwd", "../x", "a/../b",
		"./a", "a/./b", "a//b", "a/", "a\\b", "..", ".", NULL };
	struct fsout	*fs;
	char		*dir = xasprintf("%s/site", top), *p;
	size_t		 i;
	int		 r;

	OK(fsout_open("", &fs) == -1 && fs == NULL);
	OK(fsout_open("/", &fs) == -1);
	OK(fsout_open(".", &fs) == -1);
	OK(fsout_open("..", &fs) == -1);
	OK(fsout_open(dir, &fs) == 0);
	for (i = 0; bad[i] != NULL; i++) {
		T_CAPTURE(r = fsout_write(fs, bad[i], "x", 1));
		OK(r == -1);
		ERR_HAS("refusing to write outside the output folder");
	}
	OK(fsout_write(fs, "a/b/c.html", "abc", 3) == 0);
	OK(fsout_exists(fs, "a/b/c.html"));
	OK(!fsout_exists(fs, "a/b"));
	T_CAPTURE(r = fsout_write(fs, "a/b/c.html", "x", 1));
	OK(r == -1);
	ERR_HAS("output file 'a/b/c.html' written twice");
	OK(fsout_write(fs, "empty", "", 0) == 0);
	/* nothing is visible before the commit */
	OK(access(dir, F_OK) == -1);
	OK(fsout_commit(fs) == 0);
	p = xasprintf("%s/a/b/c.html", dir);
	OK(file_is(p, "abc"));
	free(p);
	p = xasprintf("%s/empty", dir);
	OK(file_is(p, ""));
	free(p);
	OK(count_named(top, "site.tmp-") == 0);
	free(dir);
}

/* A second build replaces the whole folder; an aborted one nothing. */
static void
test_swap(const char *top)
{
	struct fsout	*fs;
	char		*dir = xasprintf("%s/swap", top), *p, *q;
	struct stat	 st;

	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_write(fs, "old.html", "old", 3) == 0);
	OK(fsout_write(fs, "keep.html", "1", 1) == 0);
	OK(fsout_commit(fs) == 0);

	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_write(fs, "keep.html", "2", 1) == 0);
	fsout_abort(fs);
	p = xasprintf("%s/keep.html", dir);
	OK(file_is(p, "1"));
	q = xasprintf("%s/old.html", dir);
	OK(stat(q, &st) == 0);

	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_write(fs, "keep.html", "3", 1) == 0);
	OK(fsout_commit(fs) == 0);
	OK(file_is(p, "3"));
	OK(stat(q, &st) == -1);	/* not produced any more: gone */
	OK(count_named(top, "^swap[.]") == 0);	/* the lock, .swap.lock, stays */
	free(p);
	free(q);

	/* an output path that is a file is left alone */
	p = xasprintf("%s/plain", top);
	put_file(p, "mine");
	OK(fsout_open(p, &fs) == 0);
	OK(fsout_write(fs, "x", "x", 1) == 0);
	T_CAPTURE(OK(fsout_commit(fs) == -1));
	ERR_HAS("exists and is not a folder");
	OK(file_is(p, "mine"));
	OK(count_named(top, "^plain[.]") == 0);
	free(p);
	free(dir);
}

static void
test_single(const char *top)
{
	char		*p = xasprintf("%s/cache", top);
	struct stat	 st;
	int		 fd0, r;

	/* replace: creates, then replaces; mode 0644 whatever the umask */
	umask(077);
	OK(fsout_replace_file(p, "one", 3) == 0);
	OK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0644);
	OK(fsout_replace_file(p, "two", 3) == 0);
	OK(file_is(p, "two"));
	umask(022);

	/* fchmod failing: an error, the old file, no temporary, no fd */
	fd0 = next_fd();
	fail_fchmod = 1;
	T_CAPTURE(r = fsout_replace_file(p, "three", 5));
	OK(r == -1);
	ERR_HAS("cannot write");
	ERR_HAS("Input/output error");
	OK(file_is(p, "two"));
	OK(next_fd() == fd0);
	OK(count_named(top, "cache.tmp-") == 0);

	/* create: never over an existing file */
	free(p);
	p = xasprintf("%s/new.md", top);
	OK(fsout_create_file(p, "mine", 4) == 0);
	OK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0644);
	T_CAPTURE(r = fsout_create_file(p, "again", 5));
	OK(r == -1);
	ERR_HAS("new.md:1:1: error: file already exists");
	OK(file_is(p, "mine"));
	OK(count_named(top, "new.md.tmp-") == 0);

	/* ... nor over one made after the caller looked */
	free(p);
	p = xasprintf("%s/raced.md", top);
	race_text = "theirs";
	T_CAPTURE(r = fsout_create_file(p, "ours", 4));
	OK(r == -1);
	ERR_HAS("raced.md:1:1: error: file already exists");
	OK(file_is(p, "theirs"));
	OK(count_named(top, "raced.md.tmp-") == 0);

	fd0 = next_fd();
	fail_fchmod = 1;
	free(p);
	p = xasprintf("%s/failed.md", top);
	T_CAPTURE(r = fsout_create_file(p, "x", 1));
	OK(r == -1);
	OK(access(p, F_OK) == -1);
	OK(next_fd() == fd0);
	OK(count_named(top, "failed.md") == 0);

	/* a folder that is not there */
	free(p);
	p = xasprintf("%s/no/such/file", top);
	T_CAPTURE(r = fsout_replace_file(p, "x", 1));
	OK(r == -1);
	ERR_HAS("cannot create");
	free(p);
}

/* gongkai new checks that its file name is free, then writes: a file
 * made at that name in between is kept, and new fails. */
static void
test_new_race(const char *top)
{
	char	*repo = xasprintf("%s/repo", top), *p;
	char	*argv[] = { "new", "--repo", repo, "u", "laws", "标题", NULL };
	int	 rc;

	p = xasprintf("mkdir -p '%s/content/u' && printf '%s' >'%s/config.yaml'"
	    " && printf 'name: 县\\nlevel: county\\norg_code: \"001\"\\n' "
	    ">'%s/content/u/_unit.yaml'", repo,
	    "site: { title: T, base_url: \"https://x.example/\" }\\n"
	    "levels:\\n  county: { catalogue: d, outputs: [web] }\\n"
	    "catalogues:\\n  d:\\n    - { id: laws, title: 法规 }\\n",
	    repo, repo);
	OK(system(p) == 0);
	free(p);
	setenv("SOURCE_DATE_EPOCH", "1772323200", 1);
	race_text = "---\ntitle: 他人的条目\ndate: 2026-03-01\n"
	    "index_no: 001/2026-00001\n---\n";
	T_CAPTURE(rc = cmd_new(6, argv));
	OK(rc == EXIT_CONTENT);
	ERR_HAS("content/u/laws/标题.md:1:1: error: file already exists");
	p = xasprintf("%s/content/u/laws/标题.md", repo);
	OK(file_is(p, "---\ntitle: 他人的条目\ndate: 2026-03-01\n"
	    "index_no: 001/2026-00001\n---\n"));
	free(p);
	/* and without the race, the next name is taken */
	p = xasprintf("%s/content/u/laws", repo);
	fflush(stdout);
	T_CAPTURE(rc = cmd_new(6, argv));
	OK(rc == EXIT_OK);
	OK(count_named(p, "标题-2.md") == 1);
	ERR_NONE();
	OK(count_named(p, "tmp") == 0);
	free(p);
	free(repo);
}

/* Inode of path, or 0. */
static ino_t
inode(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* Writes "x" into file rel of fsout arg's worker: rel is "w<k>-<i>". */
static int
worker(void *arg, int k, int n)
{
	struct fsout	*fs = arg;
	char		 rel[32];
	int		 i;

	(void)n;
	for (i = 0; i < 3; i++) {
		snprintf(rel, sizeof(rel), "w/%d-%d.txt", k, i);
		if (fsout_write(fs, rel, rel, strlen(rel)) == -1)
			return -1;
	}
	return k == 7 ? -1 : 0;	/* worker 7 fails */
}

/* Incremental: unchanged files are linked from the live site, files no
 * longer written are gone, --full and foreign manifests write anew,
 * and what workers write counts as written. */
static void
test_incr(const char *top)
{
	struct fsout		*fs;
	struct fsout_stats	 st;
	char	*dir = xasprintf("%s/inc", top), *x = xasprintf("%s/a/x", dir);
	char	*y = xasprintf("%s/a/y", dir), *z = xasprintf("%s/b/z", dir);
	char	*copy = xasprintf("%s/inc2", top), *cmd, *w;
	ino_t	 ix;
	int	 r;

	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_write(fs, "a/x", "1", 1) == 0);
	OK(fsout_write(fs, "a/y", "2", 1) == 0);
	fsout_stats(fs, &st);
	OK(st.files == 2 && st.unchanged == 0 && st.deleted == 0 &&
	    !st.previous);
	OK(fsout_commit(fs) == 0);
	ix = inode(x);

	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_write(fs, "a/x", "1", 1) == 0);	/* the same */
	OK(fsout_write(fs, "b/z", "3", 1) == 0);	/* new; a/y gone */
	fsout_stats(fs, &st);
	OK(st.files == 2 && st.unchanged == 1 && st.deleted == 1 &&
	    st.previous);
	OK(fsout_commit(fs) == 0);
	OK(inode(x) == ix);		/* linked, not written */
	OK(file_is(x, "1") && file_is(z, "3"));
	OK(access(y, F_OK) == -1);

	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_write(fs, "a/x", "9", 1) == 0);	/* changed */
	OK(fsout_write(fs, "b/z", "3", 1) == 0);
	OK(fsout_commit(fs) == 0);
	OK(file_is(x, "9") && inode(x) != ix);
	ix = inode(x);

	OK(fsout_open_flags(dir, FSOUT_FULL, NULL, &fs) == 0);
	OK(fsout_write(fs, "a/x", "9", 1) == 0);
	fsout_stats(fs, &st);
	OK(st.unchanged == 0 && !st.previous);
	OK(fsout_commit(fs) == 0);
	OK(inode(x) != ix && file_is(x, "9"));

	/* a copy of the site with the manifest of another folder */
	cmd = xasprintf("cp -R '%s' '%s' && cp '%s/.inc.manifest' "
	    "'%s/.inc2.manifest'", dir, copy, top, top);
	OK(system(cmd) == 0);
	free(cmd);
	OK(fsout_open(copy, &fs) == 0);
	OK(fsout_write(fs, "a/x", "9", 1) == 0);
	fsout_stats(fs, &st);
	OK(st.unchanged == 0 && !st.previous);
	fsout_abort(fs);

	/* workers: their files count; one failing fails the run */
	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_fork(fs, "test", 3, worker, fs) == 0);
	OK(fsout_exists(fs, "w/0-0.txt") && fsout_exists(fs, "w/2-2.txt"));
	T_CAPTURE(r = fsout_write(fs, "w/1-1.txt", "x", 1));
	OK(r == -1);
	ERR_HAS("written twice");
	fsout_stats(fs, &st);
	OK(st.files == 9 && st.deleted == 1);
	OK(fsout_commit(fs) == 0);
	w = xasprintf("%s/w/2-1.txt", dir);
	OK(file_is(w, "w/2-1.txt"));
	free(w);
	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_fork(fs, "test", 2, worker, fs) == 0);
	fsout_stats(fs, &st);
	OK(st.files == 6 && st.unchanged == 6 && st.deleted == 3);
	fsout_abort(fs);
	OK(fsout_open(dir, &fs) == 0);
	T_CAPTURE(r = fsout_fork(fs, "test", 8, worker, fs));
	OK(r == -1);
	fsout_abort(fs);
	free(dir);
	free(x);
	free(y);
	free(z);
	free(copy);
}

/* One build of test_rewrite: a/x and a/y with those bytes. */
static void
rewrite_build(const char *dir, const char *x, const char *y)
{
	struct fsout	*fs;

	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_write(fs, "a/x", x, strlen(x)) == 0);
	OK(fsout_write(fs, "a/y", y, strlen(y)) == 0);
	OK(fsout_commit(fs) == 0);
}

/*
 * A file only the standby holds is written over where it stands (no
 * inode freed: rewrite_at), cut when the new bytes are fewer; one with
 * another link (a backup made with cp -l) is replaced, the backup left
 * as it was; a fifo put in its place stops nothing.
 */
static void
test_rewrite(const char *top)
{
	char	*dir = xasprintf("%s/rw", top), *x = xasprintf("%s/a/x", dir);
	char	*y = xasprintf("%s/a/y", dir);
	char	*sx = xasprintf("%s/.rw.standby/a/x", top);
	char	*bak = xasprintf("%s/rw-backup", top), got[8];
	struct fsout	*fs;
	int	 fd;

	rewrite_build(dir, "one", "a longer text");
	/* held open, the first build's x stays: replaced, it would
	 * still read "one" */
	fd = open(x, O_RDONLY);
	rewrite_build(dir, "two", "a longer text, 2");	/* a new folder */
	rewrite_build(dir, "three", "short");	/* the first one's, in place */
	OK(file_is(x, "three") && file_is(y, "short"));
	OK(fd != -1 && pread(fd, got, sizeof(got), 0) == 5 &&
	    memcmp(got, "three", 5) == 0);
	if (fd != -1)
		close(fd);

	/* the standby's "two" also linked elsewhere */
	OK(link(sx, bak) == 0);
	rewrite_build(dir, "four", "short");
	OK(file_is(x, "four") && file_is(bak, "two"));

	/* the standby's "three" replaced by a fifo with no reader (were
	 * it opened to be read, the alarm would end the test) */
	OK(unlink(sx) == 0 && mkfifo(sx, 0644) == 0);
	alarm(60);
	rewrite_build(dir, "five", "short");
	alarm(0);
	OK(file_is(x, "five") && file_is(bak, "two"));

	/* --full writes the standby too, reading nothing of it: its "four"
	 * written over, a stray file gone */
	fd = open(sx, O_RDONLY);
	free(bak);
	bak = xasprintf("%s/.rw.standby/a/stray", top);
	put_file(bak, "stray");
	OK(fsout_open_flags(dir, FSOUT_FULL, NULL, &fs) == 0);
	OK(fsout_write(fs, "a/x", "six", 3) == 0);
	OK(fsout_commit(fs) == 0);
	OK(file_is(x, "six") && access(y, F_OK) == -1);
	OK(fd != -1 && pread(fd, got, sizeof(got), 0) == 3 &&
	    memcmp(got, "six", 3) == 0);
	if (fd != -1)
		close(fd);
	free(bak);
	bak = xasprintf("%s/a/stray", dir);
	OK(access(bak, F_OK) == -1);
	free(dir);
	free(x);
	free(y);
	free(sx);
	free(bak);
}

/* Manifests read ahead (fsout_ahead): taken while they are the files
 * read, under either name; never once another build replaced them. */
static void
test_ahead(const char *top)
{
	struct fsout		*fs;
	struct fsout_stats	 st;
	struct fsout_ahead	*a;
	char	*dir = xasprintf("%s/ahead", top), *x = xasprintf("%s/x", dir);
	char	*none = xasprintf("%s/none", top);
	int	 i;

	/* a live site and a standby, each with its manifest */
	for (i = 0; i < 2; i++) {
		OK(fsout_open(dir, &fs) == 0);
		OK(fsout_write(fs, "x", "1", 1) == 0);
		OK(fsout_commit(fs) == 0);
	}
	a = fsout_ahead(dir, 0);
	OK(fsout_open_flags(dir, 0, a, &fs) == 0);
	OK(fsout_write(fs, "x", "1", 1) == 0);
	fsout_stats(fs, &st);
	OK(st.previous && st.unchanged == 1);
	OK(fsout_commit(fs) == 0);

	/* another build after the read: its manifests are read anew
	 * (the stale ones would say x holds "1") */
	a = fsout_ahead(dir, 0);
	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_write(fs, "x", "2", 1) == 0);
	OK(fsout_commit(fs) == 0);
	OK(fsout_open_flags(dir, 0, a, &fs) == 0);
	OK(fsout_write(fs, "x", "2", 1) == 0);
	fsout_stats(fs, &st);
	OK(st.previous && st.unchanged == 1);
	OK(fsout_commit(fs) == 0);
	OK(file_is(x, "2"));

	/* no earlier build; a read given up */
	a = fsout_ahead(none, 1);
	OK(fsout_open_flags(none, 0, a, &fs) == 0);
	OK(fsout_write(fs, "x", "1", 1) == 0);
	fsout_stats(fs, &st);
	OK(!st.previous && st.unchanged == 0);
	OK(fsout_commit(fs) == 0);
	fsout_ahead_free(fsout_ahead(none, 1));
	fsout_ahead_free(NULL);
	free(dir);
	free(x);
	free(none);
}

/* 1 if another process holds the lock at path. */
static int
lock_held(const char *path)
{
	pid_t	pid;
	int	st, fd;

	if ((pid = fork()) == 0) {
		fd = open(path, O_RDWR);
		_exit(fd != -1 && flock(fd, LOCK_EX | LOCK_NB) == -1 ? 0 : 1);
	}
	return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0;
}

/* One build of test_ahead_check: group g of a/x and a/y, carried if it
 * can be (1), else written (0); what fsout_group_begin said.  Given the
 * lock's path, the manifests are read ahead, and the thread is given
 * the time to take the lock and check the standby; then file chmod
 * (or NULL) is given mode 0600, as by hand while the build loads. */
static int
check_build(const char *dir, const char *lock, const char *chmod600)
{
	static const char	 k[] = "3333333333333333333333333333333333333333"
	    "333333333333333333333333";
	struct fsout_ahead	*a = NULL;
	struct fsout		*fs;
	int			 r, i;

	if (lock != NULL) {
		a = fsout_ahead(dir, 1);
		for (i = 0; i < 500 && !lock_held(lock); i++)
			usleep(10000);
		usleep(50000);
	}
	if (chmod600 != NULL)
		OK(chmod(chmod600, 0600) == 0);
	OK(fsout_open_flags(dir, 0, a, &fs) == 0);
	if ((r = fsout_group_begin(fs, "g", k)) == 0) {
		OK(fsout_write(fs, "a/x", "x1", 2) == 0);
		OK(fsout_write(fs, "a/y", "y1", 2) == 0);
		fsout_group_end(fs, 1);
	}
	OK(fsout_commit(fs) == 0);
	return r;
}

/*
 * The standby checked ahead (ahead_check): with the lock taken and
 * handed over, its files are carried as they are; one changed by hand
 * is not believed; with the lock held by another build the thread
 * checks nothing, and the build waits.
 */
static void
test_ahead_check(const char *top)
{
	char	*dir = xasprintf("%s/chk", top);
	char	*sx = xasprintf("%s/.chk.standby/a/x", top);
	char	*x = xasprintf("%s/a/x", dir);
	char	*lock = xasprintf("%s/.chk.lock", top);
	pid_t	 pid = -1;
	int	 i, fd, p[2];
	char	 c = 0;
	FILE	*f;

	for (i = 0; i < 3; i++)
		(void)check_build(dir, NULL, NULL);
	OK(check_build(dir, lock, NULL) == 1);	/* carried, checked ahead */
	OK(check_build(dir, lock, NULL) == 1);
	OK(file_is(x, "x1"));
	/* a file of the standby changed in place (and the live site's,
	 * if they are one file) after a build was killed: checked, as the
	 * seal is broken, and the site is right afterwards */
	killed_build(dir);
	if ((f = fopen(sx, "a")) != NULL) {
		fputs("EVIL", f);
		fclose(f);
	}
	for (i = 0; i < 3; i++) {
		(void)check_build(dir, lock, NULL);
		OK(file_is(x, "x1"));
	}
	/* changed by hand after the thread checked it, while the build
	 * loads, the seal broken: carried as checked; --full repairs it */
	{
		struct fsout	*fs;
		struct stat	 st;
		char		*sy = xasprintf("%s/.chk.standby/a/y", top);
		char		*y = xasprintf("%s/a/y", dir);
		mode_t		 um;

		killed_build(dir);
		(void)check_build(dir, lock, sy);
		OK(fsout_open_flags(dir, FSOUT_FULL, NULL, &fs) == 0);
		OK(fsout_write(fs, "a/x", "x1", 2) == 0);
		OK(fsout_write(fs, "a/y", "y1", 2) == 0);
		OK(fsout_commit(fs) == 0);
		for (i = 0; i < 2; i++)
			(void)check_build(dir, lock, NULL);
		um = umask(0);
		umask(um);
		OK(stat(y, &st) == 0 && (st.st_mode & 07777) == (0644 & ~um) &&
		    file_is(y, "y1"));
		free(sy);
		free(y);
	}
	/* another build holds the lock while the thread starts */
	if (pipe(p) == 0 && (pid = fork()) == 0) {
		fd = open(lock, O_RDWR);
		if (fd == -1 || flock(fd, LOCK_EX) == -1 ||
		    write(p[1], "l", 1) != 1)
			_exit(1);
		usleep(300000);
		_exit(0);
	}
	close(p[1]);
	OK(read(p[0], &c, 1) == 1 && c == 'l');
	close(p[0]);
	OK(check_build(dir, lock, NULL) == 1);	/* waited, then carried */
	OK(file_is(x, "x1"));
	if (pid > 0)
		waitpid(pid, NULL, 0);
	free(dir);
	free(sx);
	free(x);
	free(lock);
}

/* Appends text to the file at path, in place, as a hand might. */
static void
append_to(const char *path, const char *text)
{
	FILE	*f = fopen(path, "a");

	OK(f != NULL);
	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

/* After a hand changed test_seal's x in the standby, the seal broken:
 * the next build sets it right, and those after it carry it. */
static void
repaired(const char *dir, const char *lock, const char *x)
{
	int	i;

	(void)check_build(dir, lock, NULL);
	OK(file_is(x, "x1"));
	for (i = 0; i < 2; i++)
		OK(check_build(dir, lock, NULL) == 1 && file_is(x, "x1"));
}

/* A --full build of test_seal's two files. */
static void
seal_full(const char *dir)
{
	struct fsout	*fs;

	OK(fsout_open_flags(dir, FSOUT_FULL, NULL, &fs) == 0);
	OK(fsout_write(fs, "a/x", "x1", 2) == 0);
	OK(fsout_write(fs, "a/y", "y1", 2) == 0);
	OK(fsout_commit(fs) == 0);
}

/*
 * The standby's seal (standby_sealed): while no build broke it, the
 * standby's files are believed without a stat, so a file changed by
 * hand in place is not seen (gongkai(1): --full repairs it).  A killed
 * build, a marker cut short, another umask: each breaks it, and the
 * next build checks every file again.
 */
static void
test_seal(const char *top)
{
	static const char seal_key[] = "33333333333333333333333333333333"
	    "33333333333333333333333333333333";
	struct fsout	*fs;
	struct stat	 st;
	char	*dir = xasprintf("%s/seal", top), *x = xasprintf("%s/a/x", dir);
	char	*sx = xasprintf("%s/.seal.standby/a/x", top);
	char	*mark = xasprintf("%s/.seal.writing", top);
	char	*lock = xasprintf("%s/.seal.lock", top);
	mode_t	 um;
	int	 i;

	for (i = 0; i < 3; i++)
		(void)check_build(dir, NULL, NULL);
	OK(access(mark, F_OK) == -1);	/* a commit took it away */
	killed_build(dir);
	OK(stat(mark, &st) == 0 && st.st_size > 0);
	OK(check_build(dir, lock, NULL) == 1);
	OK(access(mark, F_OK) == -1);

	/* sealed: the standby's x, changed in place, is believed */
	OK(check_build(dir, lock, NULL) == 1);
	append_to(sx, "EVIL");
	OK(check_build(dir, lock, NULL) == 1 && file_is(x, "x1EVIL"));
	seal_full(dir);		/* (writes no group: the next makes it) */
	OK(file_is(x, "x1"));
	for (i = 0; i < 2; i++) {
		(void)check_build(dir, lock, NULL);
		OK(file_is(x, "x1"));
	}

	/* a seal lasts the day its manifest was written */
	{
		struct timespec	 ts[2];
		char		*sm = xasprintf("%s/.seal.standby.manifest",
				    top);

		append_to(sx, "EVIL");
		ts[0].tv_sec = ts[1].tv_sec = time(NULL) - 2 * 86400;
		ts[0].tv_nsec = ts[1].tv_nsec = 0;
		OK(utimensat(AT_FDCWD, sm, ts, 0) == 0);
		repaired(dir, lock, x);
		free(sm);
	}

	/* a file the seal vouches for removed by hand: the build that
	 * finds its folder changed fails, and the next, the seal broken,
	 * puts it back */
	OK(unlink(sx) == 0);
	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_group_begin(fs, "g", seal_key) == 1);
	OK(fsout_commit(fs) == -1);
	OK(stat(mark, &st) == 0 && st.st_size > 0);
	OK(check_build(dir, NULL, NULL) == 1 && file_is(x, "x1"));
	OK(access(mark, F_OK) == -1);

	/* a folder of files carried without a look removed by hand:
	 * found, as a file is */
	{
		char	*cmd = xasprintf("rm -rf '%s/.seal.standby/a'", top);

		OK(system(cmd) == 0);
		OK(fsout_open(dir, &fs) == 0);
		OK(fsout_group_begin(fs, "g", seal_key) == 1);
		OK(fsout_commit(fs) == -1);
		OK(check_build(dir, NULL, NULL) == 1 && file_is(x, "x1"));
		free(cmd);
	}

	/* a folder chmod'ed by hand is made as a build makes one */
	{
		char	*a = xasprintf("%s/a", dir);

		OK(chmod(a, 0700) == 0);
		for (i = 0; i < 2; i++)
			OK(check_build(dir, NULL, NULL) == 1);
		um = umask(0);
		umask(um);
		OK(stat(a, &st) == 0 && (st.st_mode & 07777) == (0755 & ~um));
		free(a);
	}

	/* the marker or the lock linked by a hand to a file elsewhere,
	 * or a FIFO for the marker: a build writes neither file, nor
	 * waits */
	{
		char	*out = xasprintf("%s/seal-outside", top);

		put_file(out, "outside");
		OK(link(out, mark) == 0);
		(void)check_build(dir, NULL, NULL);
		OK(file_is(out, "outside"));
		OK(unlink(lock) == 0 && link(out, lock) == 0);
		(void)check_build(dir, NULL, NULL);
		OK(file_is(out, "outside"));
		OK(mkfifo(mark, 0644) == 0);
		alarm(60);
		OK(check_build(dir, NULL, NULL) == 1);
		alarm(0);
		OK(file_is(x, "x1"));
		free(out);
	}

	/* a marker cut short in a number (no newline) breaks the seal */
	{
		char	*sb = xasprintf("%s/.seal.standby", top);
		FILE	*m;

		OK(stat(sb, &st) == 0 && (m = fopen(mark, "w")) != NULL);
		fprintf(m, "%llu %llu", (unsigned long long)st.st_dev,
		    (unsigned long long)st.st_ino / 10);
		fclose(m);
		append_to(sx, "EVIL");
		repaired(dir, lock, x);
		free(sb);
	}

	/* a standby made after the manifest that names its inode (a
	 * folder put in its place by a hand) is not sealed */
	{
		struct timespec	 ts[2];
		char		*sm = xasprintf("%s/.seal.standby.manifest",
				    top);

		append_to(sx, "EVIL");
		OK(stat(sm, &st) == 0);
		ts[0] = st.st_atim;
		ts[1].tv_sec = time(NULL) - 600;
		ts[1].tv_nsec = 0;
		OK(utimensat(AT_FDCWD, sm, ts, 0) == 0);
		(void)check_build(dir, lock, NULL);
		OK(file_is(x, "x1"));
		free(sm);
	}

	/* a marker cut short (empty) breaks the seal */
	put_file(mark, "");
	append_to(sx, "EVIL");
	repaired(dir, lock, x);

	/* another umask: the files are made anew with its mode */
	um = umask(077);
	for (i = 0; i < 2; i++) {
		(void)check_build(dir, NULL, NULL);
		OK(stat(x, &st) == 0 && (st.st_mode & 07777) == 0600 &&
		    file_is(x, "x1"));
	}
	umask(um);
	for (i = 0; i < 2; i++)
		(void)check_build(dir, NULL, NULL);
	OK(stat(x, &st) == 0 && (st.st_mode & 07777) == (0644 & ~um));
	free(dir);
	free(x);
	free(sx);
	free(mark);
	free(lock);
}

/* One build of test_stamps: the same two files. */
static void
stamps_build(const char *dir, int old)
{
	struct fsout	*fs;

	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_write(fs, "a/b/x", "x", 1) == 0);
	OK(fsout_write(fs, "a/c/y", "y", 1) == 0);
	OK(!old || fsout_write(fs, "a/b/old", "old", 3) == 0);
	OK(fsout_commit(fs) == 0);
}

/* Runs sed's script on the standby's manifest of test_stamps. */
static void
stamps_sed(const char *top, const char *script)
{
	char	*cmd = xasprintf("sed -i '%s' '%s/.stamps.standby.manifest'",
	    script, top);

	OK(system(cmd) == 0);
	free(cmd);
}

/* The count of entries the manifest text m notes for folder path
 * ("" the root), or -1 when it notes none. */
static long
folder_noted(const char *m, const char *path)
{
	const char	*p;
	unsigned long long ino, n;
	int		 at;

	for (p = m; (p = strstr(p, "\n/ ")) != NULL; p++)
		if (sscanf(p + 3, "%llu %llu %*d.%*d%n", &ino, &n,
		    &at) == 2 && p[3 + at] == ' ' && strncmp(p + 4 + at,
		    path, strlen(path)) == 0 && p[4 + at + strlen(path)] ==
		    '\n')
			return (long)n;
	return -1;
}

/* The standby's folders noted with their stamps (prune): one that
 * gained an entry since is read again, even with its modification
 * time set back. */
static void
test_stamps(const char *top)
{
	struct timespec	 ts[2];
	struct stat	 st;
	struct buf	 b = BUF_INIT;
	char	*dir = xasprintf("%s/stamps", top);
	char	*ab = xasprintf("%s/a/b", dir);
	char	*stray = xasprintf("%s/a/b/stray", dir);
	char	*man = xasprintf("%s/.stamps.manifest", top);
	char	*x = xasprintf("%s/a/b/x", dir), *old = xasprintf("%s/a/b/old",
	    dir);
	int	 i;

	/* the third build is the first in place: it notes the folders */
	for (i = 0; i < 4; i++)
		stamps_build(dir, 0);
	OK(source_file_read(man, &b) == 0 && strstr(b.data, "\n/ ") !=
	    NULL && strstr(b.data, " a/b\n") != NULL);
	/* a file put into the live site, its folder's time set back */
	OK(stat(ab, &st) == 0);
	put_file(stray, "stray");
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	OK(utimensat(AT_FDCWD, ab, ts, 0) == 0);
	stamps_build(dir, 0);	/* into the other folder */
	stamps_build(dir, 0);	/* into this one, in place */
	OK(access(stray, F_OK) == -1);

	/* a new folder notes its folders too, each with its count of
	 * entries; a stray put into it is gone when it is next the
	 * standby written in place */
	free(man);
	man = xasprintf("%s/.fresh.manifest", top);
	free(dir);
	dir = xasprintf("%s/fresh", top);
	stamps_build(dir, 0);
	OK(source_file_read(man, &b) == 0);
	OK(folder_noted(b.data, "a/b") == 1 && folder_noted(b.data, "a/c") ==
	    1 && folder_noted(b.data, "a") == 2 && folder_noted(b.data, "") ==
	    1);
	free(stray);
	stray = xasprintf("%s/a/c/stray", dir);
	put_file(stray, "stray");
	stamps_build(dir, 0);	/* into the other folder */
	stamps_build(dir, 0);	/* into the first one, in place */
	OK(access(stray, F_OK) == -1);
	free(dir);
	dir = xasprintf("%s/stamps", top);

	/* the standby's manifest edited by hand: a wanted file named as a
	 * folder is kept, a file whose line went is still removed */
	for (i = 0; i < 4; i++)
		stamps_build(dir, 1);
	stamps_sed(top, "1a / 1 0 1.1 a/b/x");
	stamps_build(dir, 0);
	OK(file_is(x, "x"));
	stamps_sed(top, "\\# a/b/old$#d");
	stamps_build(dir, 0);
	OK(file_is(x, "x") && access(old, F_OK) == -1);
	buf_dispose(&b);
	free(dir);
	free(ab);
	free(stray);
	free(man);
	free(x);
	free(old);
}

/* A build of test_groups: group u made with key ku, group v taken over
 * with key kv. */
static void
remake_u(const char *dir, const char *ku, const char *kv)
{
	struct fsout	*fs;

	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_group_begin(fs, "u", ku) == 0);
	OK(fsout_write(fs, "u/x", "x2", 2) == 0);
	fsout_group_end(fs, 1);
	OK(fsout_group_begin(fs, "v", kv) == 1);
	OK(fsout_commit(fs) == 0);
}

/* A group of files: written with its key, carried over the next
 * time with the same key (not written again, still counted), made
 * again with another key, or when a file of it was changed. */
static void
test_groups(const char *top)
{
	static const char	 k1[] = "1111111111111111111111111111111111111111"
	    "111111111111111111111111", k2[] = "2222222222222222222222222222"
	    "222222222222222222222222222222222222";
	struct fsout		*fs;
	struct fsout_stats	 st;
	char	*dir = xasprintf("%s/grp", top), *x = xasprintf("%s/u/x", dir);
	char	*y = xasprintf("%s/u/y", dir);
	ino_t	 ix;
	int	 r;
	FILE	*f;

	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_group_begin(fs, "u", k1) == 0);	/* nothing earlier */
	OK(fsout_write(fs, "u/x", "x1", 2) == 0);
	OK(fsout_write(fs, "u/y", "y1", 2) == 0);
	fsout_group_end(fs, 1);
	OK(fsout_group_begin(fs, "v", k1) == 0);
	OK(fsout_write(fs, "v/z", "z1", 2) == 0);
	fsout_group_end(fs, 0);				/* it warned */
	OK(fsout_write(fs, "root", "r", 1) == 0);
	OK(fsout_commit(fs) == 0);
	ix = inode(x);

	/* the same key: taken over, written again it would be twice */
	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_group_begin(fs, "u", k1) == 1);
	OK(fsout_exists(fs, "u/x") && fsout_exists(fs, "u/y"));
	T_CAPTURE(r = fsout_write(fs, "u/x", "x1", 2));
	OK(r == -1);
	ERR_HAS("written twice");
	OK(fsout_group_begin(fs, "v", k1) == 0);	/* kept no key */
	OK(fsout_write(fs, "v/z", "z1", 2) == 0);
	fsout_group_end(fs, 1);
	OK(fsout_write(fs, "root", "r", 1) == 0);
	fsout_stats(fs, &st);
	OK(st.files == 4 && st.carried == 2 && st.unchanged == 4);
	OK(fsout_commit(fs) == 0);
	OK(inode(x) == ix && file_is(x, "x1") && file_is(y, "y1"));

	/* another key: made again */
	remake_u(dir, k2, k1);
	OK(file_is(x, "x2") && access(y, F_OK) == -1);

	/* a file of the group changed by hand: made again */
	OK((f = fopen(x, "a")) != NULL);
	fputs("!", f);
	fclose(f);
	remake_u(dir, k2, k1);
	OK(file_is(x, "x2"));

	/* --full: nothing is taken over, the keys are kept */
	OK(fsout_open_flags(dir, FSOUT_FULL, NULL, &fs) == 0);
	OK(fsout_group_begin(fs, "u", k2) == 0);
	OK(fsout_write(fs, "u/x", "x2", 2) == 0);
	fsout_group_end(fs, 1);
	OK(fsout_commit(fs) == 0);
	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_group_begin(fs, "u", k2) == 1);
	OK(fsout_group_begin(fs, "w", NULL) == 0);	/* no key */
	fsout_group_end(fs, 1);
	OK(fsout_commit(fs) == 0);
	OK(file_is(x, "x2"));
	free(dir);
	free(x);
	free(y);
}

/* Notes go on with their groups (taken over or through a worker), the
 * earlier build's files are read back only as it wrote them, and each
 * of many groups takes over its own files and no other's. */
static int
note_worker(void *arg, int k, int n)
{
	struct fsout	*fs = arg;

	(void)k;
	(void)n;
	if (fsout_group_begin(fs, "wk", "3333333333333333333333333333333333"
	    "333333333333333333333333333333") == -1)
		return -1;
	fsout_group_note(fs, "from a worker");
	if (fsout_write(fs, "wk/f", "w", 1) == -1)
		return -1;
	fsout_group_end(fs, 1);
	return 0;
}

static void
test_notes(const char *top)
{
	static const char	 k1[] = "1111111111111111111111111111111111111111"
	    "111111111111111111111111";
	struct fsout		*fs;
	struct fsout_stats	 st;
	struct buf		 b = BUF_INIT;
	char	*dir = xasprintf("%s/notes", top), *p, name[32], rel[32];
	int	 i;
	FILE	*f;

	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_old_note(fs, "a") == NULL);
	OK(fsout_old_read(fs, "a/1", &b) == 0);	/* no earlier build */
	for (i = 0; i < 50; i++) {
		snprintf(name, sizeof(name), "g%d", i);
		OK(fsout_group_begin(fs, name, k1) == 0);
		snprintf(rel, sizeof(rel), "g/%d-a", i);
		OK(fsout_write(fs, rel, rel, strlen(rel)) == 0);
		snprintf(rel, sizeof(rel), "g/%d-b", i);
		OK(fsout_write(fs, rel, rel, strlen(rel)) == 0);
		snprintf(rel, sizeof(rel), "note %d", i);
		fsout_group_note(fs, rel);
		fsout_group_end(fs, 1);
		OK(fsout_write(fs, name, "loose", 5) == 0);
	}
	OK(fsout_group_begin(fs, "nl", k1) == 0);
	fsout_group_note(fs, "two\nlines");		/* none kept */
	OK(fsout_write(fs, "nl/f", "n", 1) == 0);
	fsout_group_end(fs, 1);
	/* in a worker: its report carries the note */
	OK(fsout_join(fs, fsout_spawn(fs, "notes", note_worker, fs)) == 0);
	OK(fsout_commit(fs) == 0);

	OK(fsout_open(dir, &fs) == 0);
	STR_EQ(fsout_old_note(fs, "g7"), "note 7");
	STR_EQ(fsout_old_note(fs, "wk"), "from a worker");
	OK(fsout_old_note(fs, "nl") == NULL);
	OK(fsout_old_note(fs, "nope") == NULL);
	OK(fsout_old_read(fs, "g/7-b", &b) == 1);
	STR_EQ(b.data, "g/7-b");
	OK(fsout_old_read(fs, "g/none", &b) == 0);
	for (i = 0; i < 50; i++) {
		snprintf(name, sizeof(name), "g%d", i);
		OK(fsout_group_begin(fs, name, k1) == 1);
		OK(fsout_write(fs, name, "loose", 5) == 0);
	}
	fsout_stats(fs, &st);
	OK(st.files == 150 && st.carried == 100);
	OK(fsout_commit(fs) == 0);

	/* taken over, the notes are kept; a file changed by hand is not
	 * read back as the earlier build's (nor carried: the standby's
	 * seal broken by a killed build, it is checked) */
	p = xasprintf("%s/g/3-a", dir);
	OK((f = fopen(p, "a")) != NULL);
	fputs("!", f);
	fclose(f);
	killed_build(dir);
	OK(fsout_open(dir, &fs) == 0);
	STR_EQ(fsout_old_note(fs, "g49"), "note 49");
	OK(fsout_old_read(fs, "g/3-a", &b) == -1);
	OK(fsout_old_read(fs, "g/3-b", &b) == 1);
	OK(fsout_group_begin(fs, "g3", k1) == 0);	/* made again */
	fsout_group_end(fs, 1);
	OK(fsout_group_begin(fs, "g4", k1) == 1);
	OK(fsout_exists(fs, "g/4-a") && fsout_exists(fs, "g/4-b") &&
	    !fsout_exists(fs, "g/5-a") && !fsout_exists(fs, "g/3-b"));
	OK(fsout_commit(fs) == 0);
	buf_dispose(&b);
	free(p);
	free(dir);
}

/* A build that made one path both a file and a folder of files ("p"
 * and "p/q") is refused when it writes the standby in place (the
 * prune keeps a file written without asking whether it is a folder
 * too), and the live site stays as it was. */
static void
test_file_folder(const char *top)
{
	static const char key[] = "3333333333333333333333333333333333333333"
	    "333333333333333333333333";
	struct fsout	*fs;
	char	*dir = xasprintf("%s/ff", top);
	char	*x = xasprintf("%s/x", dir), *p = xasprintf("%s/p", dir);
	int	 i;

	for (i = 0; i < 2; i++) {
		OK(fsout_open(dir, &fs) == 0);
		OK(fsout_write(fs, "x", "x", 1) == 0);
		OK(fsout_commit(fs) == 0);
	}
	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_write(fs, "x", "x2", 2) == 0);
	OK(fsout_write(fs, "p", "p", 1) == 0);
	OK(fsout_write(fs, "p/q", "q", 1) == 0);
	OK(fsout_commit(fs) == -1);
	OK(file_is(x, "x") && access(p, F_OK) == -1);

	/* the same into a new folder (no standby yet): a file "a/b", then
	 * a group carried over whose file "a" takes the folder's place */
	free(dir);
	dir = xasprintf("%s/ff2", top);
	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_group_begin(fs, "g", key) == 0);
	OK(fsout_write(fs, "a", "a", 1) == 0);
	fsout_group_end(fs, 1);
	OK(fsout_commit(fs) == 0);
	OK(fsout_open(dir, &fs) == 0);
	OK(fsout_write(fs, "a/b", "b", 1) == 0);
	OK(fsout_group_begin(fs, "g", key) == 1);
	OK(fsout_commit(fs) == -1);
	free(x);
	x = xasprintf("%s/a", dir);
	OK(file_is(x, "a"));
	free(dir);
	free(x);
	free(p);
}

int
main(void)
{
	char	 tmpl[] = "/tmp/unit_fsout.XXXXXX", *top;

	if ((top = mkdtemp(tmpl)) == NULL) {
		printf("FAIL mkdtemp\n");
		return 1;
	}
	test_paths(top);
	test_swap(top);
	test_single(top);
	test_new_race(top);
	test_incr(top);
	test_rewrite(top);
	test_ahead(top);
	test_ahead_check(top);
	test_seal(top);
	test_stamps(top);
	test_groups(top);
	test_notes(top);
	test_file_folder(top);
	t_scratch_end(top, "UNIT_FSOUT_KEEP");
	return T_DONE();
}
