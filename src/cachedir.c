/*
 * cachedir.c -- the cache folder and its files; see cachedir.h.
 */
#include <sys/stat.h>
#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cachedir.h"
#include "diag.h"
#include "sha256.h"
#include "util.h"

/* Creates the folders of path that are missing, 0700; 0 or -1 (errno). */
static int
mkdirs(char *path)
{
	char	*s;

	for (s = path + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(path, 0700) == -1 && errno != EEXIST) {
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	if (mkdir(path, 0700) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

/* 1 if dir is a folder of the effective user's that only it can
 * write. */
static int
dir_ours(const char *dir)
{
	struct stat	st;

	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	    st.st_uid == geteuid() && (st.st_mode & 022) == 0;
}

char *
cachedir_open(const char *sub, const char *worktree, const char *gitdir,
    const char *without)
{
	const char	*e;
	char		*base, *dir;
	size_t		 n;

	if ((e = getenv("GONGKAI_CACHE_DIR")) != NULL && *e == '/')
		base = xstrdup(e);
	else if ((e = getenv("XDG_CACHE_HOME")) != NULL && *e == '/')
		base = xasprintf("%s/gongkai", e);
	else if ((e = getenv("HOME")) != NULL && *e == '/')
		base = xasprintf("%s/.cache/gongkai", e);
	else {
		diag_note("no cache folder (HOME is not set): %s", without);
		return NULL;
	}
	while ((n = strlen(base)) > 1 && base[n - 1] == '/')
		base[n - 1] = '\0';
	dir = sub != NULL ? xasprintf("%s/%s", base, sub) : xstrdup(base);
	if (mkdirs(dir) == -1) {
		diag_note("cannot create cache folder '%s': %s: %s", dir,
		    strerror(errno), without);
		goto fail;
	}
	/* the folder and the one holding it: a folder another user can
	 * write could have its subfolder replaced */
	if (!dir_ours(base) || !dir_ours(dir)) {
		diag_note("cache folder '%s' is not a folder of yours that "
		    "only you can write: %s", dir, without);
		goto fail;
	}
	if ((worktree != NULL && path_within(dir, worktree)) ||
	    (gitdir != NULL && path_within(dir, gitdir))) {
		diag_note("cache folder '%s' is inside the repository: %s",
		    dir, without);
		goto fail;
	}
	free(base);
	return dir;
fail:
	free(base);
	free(dir);
	return NULL;
}

char *
cachedir_file(const char *dir, const char *hex, const char *suffix)
{
	return xasprintf("%s/%.2s/%s%s", dir, hex, hex + 2, suffix);
}

char *
cachedir_tree_file(const char *dir, const char *sub, const char *root)
{
	char	*real, hex[65];

	if ((real = realpath(root, NULL)) == NULL)
		return NULL;
	sha256_digest(real, strlen(real), hex);
	free(real);
	return xasprintf("%s/%s/tree-%.16s", dir, sub, hex);
}

int
cachedir_fd_ours(int fd)
{
	struct stat	st;

	return fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_uid == geteuid() && (st.st_mode & 022) == 0;
}

int
cachedir_open_file(const char *path)
{
	int	fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return -1;
	if (cachedir_fd_ours(fd))
		return fd;
	close(fd);
	return -1;
}

int
cachedir_read(const char *path, struct buf *b)
{
	int	fd, rc;

	buf_reset(b);
	if ((fd = cachedir_open_file(path)) == -1)
		return -1;
	/* read into room made for the whole file at once: the item cache
	 * is megabytes, and a buffer grown by doubling touches twice the
	 * pages, each a fault on first touch */
	if ((rc = buf_read_fd(b, fd)) == -1)
		buf_reset(b);
	close(fd);
	return rc;
}

void
cachedir_write(const char *path, const void *data, size_t len)
{
	struct iovec	iov = { (void *)data, len };

	cachedir_writev(path, &iov, 1);
}

void
cachedir_writev(const char *path, const struct iovec *iov, size_t n)
{
	char	*tmp, *dir, *sl;
	size_t	 i;
	int	 fd, ok = 1;

	dir = xstrdup(path);
	if ((sl = strrchr(dir, '/')) != NULL && sl != dir) {
		*sl = '\0';
		(void)mkdirs(dir);
	}
	free(dir);
	tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		free(tmp);
		return;
	}
	for (i = 0; i < n && ok; i++)
		ok = write_all(fd, iov[i].iov_base, iov[i].iov_len) == 0;
	if (close(fd) == -1)
		ok = 0;
	if (!ok || rename(tmp, path) == -1)
		unlink(tmp);
	free(tmp);
}
