/*
 * fsout.c -- write the output into a temporary folder, then swap it
 * into place; see fsout.h.
 *
 * Beside the output folder <dir> live, each named <dir><kind><6
 * characters> (the six of the build's mkdtemp):
 *
 *	<dir>.tmp-	the folder a build writes; after a swap, the old site
 *	<dir>.site-	a site folder that <dir>, a symbolic link, points to
 *	<dir>.old-	a site folder moved aside while <dir> becomes a link
 *	<dir>.lnk-	the new link, before it is renamed over <dir>
 *
 * and .<name>.lock (name: the last component of <dir>), the lock that
 * builds into <dir> take in turn, hidden so that `ls <dir>.*` lists
 * only what a killed build left.  A
 * build killed at any moment leaves <dir> as the old site or the new
 * one; the next build, holding the lock, removes what it left.
 */
#define _GNU_SOURCE	/* renameat2 */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fsout.h"
#include "strmap.h"
#include "util.h"

#define SFX_LEN	6	/* the XXXXXX of mkdtemp */

/* The kinds of folders and links a swap leaves beside <dir>. */
static const char *const side_kinds[] = { ".tmp-", ".site-", ".old-",
	".lnk-", NULL };

struct fsout {
	char		*dir;	  /* the output folder, as given */
	char		*parent;  /* the folder it is in ("." if none) */
	char		*base;	  /* its last component */
	char		*tmp;	  /* the folder being written */
	int		 lockfd;  /* .<base>.lock, held (flock); -1: none */
	char		*lastdir; /* last parent made, to skip mkdir calls */
	struct strmap	 seen;	  /* relative paths written */
	char		**names;  /* owned keys of seen */
	size_t		 nnames;
	size_t		 cap;
};

/* Removes path and everything below it; errors are ignored since this
 * only cleans up after ourselves. */
static void
rm_tree(const char *path)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		*sub;

	if (lstat(path, &st) == -1)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			sub = xasprintf("%s/%s", path, de->d_name);
			rm_tree(sub);
			free(sub);
		}
		closedir(d);
		rmdir(path);
	} else
		unlink(path);
}

/*
 * mkdir -p: makes the folders of path that are missing, from the
 * component that starts at path + from.  Returns 0, or -1 after
 * reporting the folder that could not be made.
 */
static int
mkdir_p(char *path, size_t from)
{
	char	*p, c;

	for (p = path + from; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (p == path) {	/* the root of an absolute path */
			if (*p == '\0')
				break;
			continue;
		}
		c = *p;
		*p = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST) {
			diag_fatal("cannot create folder '%s': %s", path,
			    strerror(errno));
			*p = c;
			return -1;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	return 0;
}

/* 1 if name (in f->parent) is one of the side folders of a swap. */
static int
is_side(const struct fsout *f, const char *name, const char **kind)
{
	size_t	 n = strlen(f->base), k, i;

	if (strncmp(name, f->base, n) != 0)
		return 0;
	for (i = 0; side_kinds[i] != NULL; i++) {
		k = strlen(side_kinds[i]);
		if (strncmp(name + n, side_kinds[i], k) == 0 &&
		    strlen(name + n + k) == SFX_LEN &&
		    strchr(name + n + k, '/') == NULL) {
			if (kind != NULL)
				*kind = side_kinds[i];
			return 1;
		}
	}
	return 0;
}

/* The <dir>.site- folder that <dir> links to (caller frees), or NULL
 * when <dir> is not such a link. */
static char *
live_site(const struct fsout *f)
{
	char		 buf[4096];
	const char	*kind;
	ssize_t		 n;

	if ((n = readlink(f->dir, buf, sizeof(buf) - 1)) <= 0)
		return NULL;
	buf[n] = '\0';
	if (!is_side(f, buf, &kind) || strcmp(kind, ".site-") != 0)
		return NULL;
	return xstrdup(buf);
}

/*
 * Waits for the lock of builds into f->dir, saying so when another
 * build holds it.  Returns 0, or -1 after a diagnostic.
 */
static int
lock_take(struct fsout *f)
{
	char	*path = xasprintf("%s/.%s.lock", f->parent, f->base);
	int	 rc = -1;

	f->lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
	    0644);
	if (f->lockfd == -1) {
		diag_fatal("cannot open the lock '%s': %s", path,
		    strerror(errno));
		goto out;
	}
	if (flock(f->lockfd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK) {
			diag_fatal("cannot lock '%s': %s", path,
			    strerror(errno));
			goto out;
		}
		diag_note("waiting for the build that holds '%s' to finish",
		    path);
		while (flock(f->lockfd, LOCK_EX) == -1)
			if (errno != EINTR) {
				diag_fatal("cannot lock '%s': %s", path,
				    strerror(errno));
				goto out;
			}
	}
	rc = 0;
out:
	free(path);
	return rc;
}

/*
 * Puts back the output folder when a build was killed while it was
 * missing (between two renames; see swap_link): from a complete new
 * site (<dir>.site-) if there is one, else from the old (<dir>.old-).
 * names are the side folders found beside it.
 */
static void
restore(struct fsout *f, char **names, size_t n)
{
	struct stat	 st;
	const char	*kind, *want[] = { ".site-", ".old-" };
	char		*from, *lnk;
	size_t		 i, w;
	int		 ok;

	if (lstat(f->dir, &st) == 0 || errno != ENOENT)
		return;
	for (w = 0; w < 2; w++)
		for (i = 0; i < n; i++) {
			if (!is_side(f, names[i], &kind) ||
			    strcmp(kind, want[w]) != 0)
				continue;
			from = xasprintf("%s/%s", f->parent, names[i]);
			if (w == 0) {
				lnk = xasprintf("%s.lnk-restor", f->dir);
				unlink(lnk);
				ok = symlink(names[i], lnk) == 0 &&
				    rename(lnk, f->dir) == 0;
				free(lnk);
			} else
				ok = rename(from, f->dir) == 0;
			if (ok)
				diag_note("restored '%s' from '%s', left by an "
				    "interrupted build", f->dir, from);
			free(from);
			if (ok)
				return;
		}
}

/*
 * Removes what killed builds left beside f->dir (we hold the lock, so
 * no build is running), after putting back a missing output folder.
 */
static void
sweep(struct fsout *f)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL, *live, *p;
	size_t		 n = 0, cap = 0, i, gone = 0;
	struct stat	 st;

	if ((d = opendir(f->parent)) == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		if (is_side(f, de->d_name, NULL)) {
			xgrow(&names, &cap, n + 1, sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	closedir(d);
	restore(f, names, n);
	live = live_site(f);
	for (i = 0; i < n; i++) {
		p = xasprintf("%s/%s", f->parent, names[i]);
		if ((live == NULL || strcmp(live, names[i]) != 0) &&
		    lstat(p, &st) == 0) {
			rm_tree(p);
			gone++;
		}
		free(p);
		free(names[i]);
	}
	if (gone > 0)
		diag_note("removed %zu folder%s left beside '%s' by an "
		    "interrupted build", gone, gone == 1 ? "" : "s", f->dir);
	free(live);
	free(names);
}

int
fsout_open(const char *dir, struct fsout **out)
{
	struct fsout	*f;
	size_t		 len = strlen(dir);
	char		*sl;

	*out = NULL;
	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (len == 0 || strcmp(dir, "/") == 0 || strcmp(dir, ".") == 0 ||
	    strcmp(dir, "..") == 0) {
		diag_fatal("refusing to use '%s' as the output folder", dir);
		return -1;
	}
	f = xcalloc(1, sizeof(*f));
	f->lockfd = -1;
	f->dir = xstrndup(dir, len);
	strmap_init(&f->seen);
	if ((sl = strrchr(f->dir, '/')) == NULL) {
		f->parent = xstrdup(".");
		f->base = xstrdup(f->dir);
	} else {
		f->parent = sl == f->dir ? xstrdup("/") :
		    xstrndup(f->dir, (size_t)(sl - f->dir));
		f->base = xstrdup(sl + 1);
	}
	if (strcmp(f->base, ".") == 0 || strcmp(f->base, "..") == 0) {
		diag_fatal("refusing to use '%s' as the output folder", dir);
		goto fail;
	}
	if (mkdir_p(f->parent, 0) == -1 || lock_take(f) == -1)
		goto fail;
	sweep(f);
	f->tmp = xasprintf("%s.tmp-XXXXXX", f->dir);
	if (mkdtemp(f->tmp) == NULL) {
		diag_fatal("cannot create '%s': %s", f->tmp, strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		goto fail;
	}
	chmod(f->tmp, 0755);
	*out = f;
	return 0;
fail:
	fsout_abort(f);
	return -1;
}

static int
safe_rel(const char *rel)
{
	const char	*p = rel;

	if (*rel == '\0' || *rel == '/' || strchr(rel, '\\') != NULL ||
	    rel[strlen(rel) - 1] == '/')
		return 0;
	while (*p != '\0') {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += n;
		if (*p == '/')
			p++;
	}
	return 1;
}

/* mkdir -p for the parent folders of rel inside the temp folder. */
static int
make_parents(struct fsout *f, const char *rel)
{
	char	*path;
	const char *sl = strrchr(rel, '/');

	if (sl == NULL)
		return 0;
	if (f->lastdir != NULL && strlen(f->lastdir) == (size_t)(sl - rel) &&
	    strncmp(f->lastdir, rel, (size_t)(sl - rel)) == 0)
		return 0;
	path = xasprintf("%s/%.*s", f->tmp, (int)(sl - rel), rel);
	if (mkdir_p(path, strlen(f->tmp) + 1) == -1) {
		free(path);
		return -1;
	}
	free(path);
	free(f->lastdir);
	f->lastdir = xstrndup(rel, (size_t)(sl - rel));
	return 0;
}

int
fsout_write(struct fsout *f, const char *rel, const void *data, size_t len)
{
	char		*path, *name;
	const char	*p = data;
	ssize_t		 n;
	int		 fd;

	if (!safe_rel(rel)) {
		diag_fatal("refusing to write outside the output folder: '%s'",
		    rel);
		return -1;
	}
	name = xstrdup(rel);
	if (!strmap_put(&f->seen, name, 0, NULL)) {
		diag_fatal("output file '%s' written twice", rel);
		free(name);
		return -1;
	}
	xgrow(&f->names, &f->cap, f->nnames + 1, sizeof(*f->names));
	f->names[f->nnames++] = name;
	if (make_parents(f, rel) == -1)
		return -1;
	path = xasprintf("%s/%s", f->tmp, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0644);
	if (fd == -1) {
		diag_fatal("cannot create '%s': %s", path, strerror(errno));
		free(path);
		return -1;
	}
	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			diag_fatal("cannot write '%s': %s", path,
			    strerror(errno));
			close(fd);
			free(path);
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	free(path);
	if (close(fd) == -1) {
		diag_fatal("cannot write '%s': %s", rel, strerror(errno));
		return -1;
	}
	return 0;
}

int
fsout_exists(struct fsout *f, const char *rel)
{
	return strmap_get(&f->seen, rel, NULL);
}

static void
fsout_release(struct fsout *f)
{
	size_t	i;

	for (i = 0; i < f->nnames; i++)
		free(f->names[i]);
	free(f->names);
	strmap_dispose(&f->seen);
	if (f->lockfd != -1)
		close(f->lockfd);	/* releases the lock */
	free(f->lastdir);
	free(f->dir);
	free(f->parent);
	free(f->base);
	free(f->tmp);
	free(f);
}

/*
 * Swaps the finished f->tmp in by flipping a symbolic link: f->tmp
 * becomes <dir>.site-, a new link <dir>.lnk- to it is renamed over
 * <dir> (one step when <dir> is already a link), and the old site
 * goes.  from_folder: <dir> is a folder on a file system that cannot
 * exchange two folders; it is moved aside to <dir>.old- first, and
 * until the link takes its place there is no <dir> (a build killed
 * there is repaired by the next one's sweep).  Returns 0, or -1 after
 * a diagnostic with f->dir as it was.
 */
static int
swap_link(struct fsout *f, int from_folder)
{
	const char	*sfx = f->tmp + strlen(f->tmp) - SFX_LEN;
	char		*site, *lnk, *target, *old = NULL, *live;
	int		 rc = -1;

	site = xasprintf("%s.site-%s", f->dir, sfx);
	lnk = xasprintf("%s.lnk-%s", f->dir, sfx);
	target = xasprintf("%s.site-%s", f->base, sfx);
	if (from_folder)
		old = xasprintf("%s.old-%s", f->dir, sfx);
	else if ((live = live_site(f)) != NULL) {
		/* only a site folder of ours goes: a link that ops point
		 * elsewhere keeps its target */
		old = xasprintf("%s/%s", f->parent, live);
		free(live);
	}
	if (rename(f->tmp, site) == -1) {
		diag_fatal("cannot rename '%s': %s", f->tmp, strerror(errno));
		goto out;
	}
	if (symlink(target, lnk) == -1) {
		diag_fatal("cannot create '%s': %s", lnk, strerror(errno));
		goto undo;
	}
	if (from_folder && rename(f->dir, old) == -1) {
		diag_fatal("cannot move the old '%s' aside: %s", f->dir,
		    strerror(errno));
		unlink(lnk);
		goto undo;
	}
	if (rename(lnk, f->dir) == -1) {
		diag_fatal("cannot move the new site into '%s': %s", f->dir,
		    strerror(errno));
		if (from_folder)
			rename(old, f->dir);
		unlink(lnk);
		goto undo;
	}
	if (from_folder)
		diag_note("'%s' is now a symbolic link to '%s': this file "
		    "system cannot swap two folders in one step", f->dir,
		    target);
	if (old != NULL)
		rm_tree(old);
	rc = 0;
	goto out;
undo:
	rm_tree(site);
out:
	free(site);
	free(lnk);
	free(target);
	free(old);
	return rc;
}

int
fsout_commit(struct fsout *f)
{
	struct stat	 st;
	int		 rc = -1;

	if (lstat(f->dir, &st) == -1) {
		if (errno != ENOENT)
			diag_fatal("cannot read '%s': %s", f->dir,
			    strerror(errno));
		else if (rename(f->tmp, f->dir) == -1)
			diag_fatal("cannot move the new site into '%s': %s",
			    f->dir, strerror(errno));
		else
			rc = 0;
	} else if (S_ISLNK(st.st_mode))
		rc = swap_link(f, 0);
	else if (!S_ISDIR(st.st_mode))
		diag_fatal("'%s' exists and is not a folder", f->dir);
	else if (renameat2(AT_FDCWD, f->tmp, AT_FDCWD, f->dir,
	    RENAME_EXCHANGE) == 0) {
		/* One step; the old site is now in the temporary folder. */
		rm_tree(f->tmp);
		rc = 0;
	} else if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP)
		rc = swap_link(f, 1);
	else if (errno == EBUSY || errno == EXDEV)
		diag_fatal("cannot swap the new site into '%s': %s (a mount "
		    "point cannot be replaced: use a folder inside it)",
		    f->dir, strerror(errno));
	else
		diag_fatal("cannot swap the new site into '%s': %s", f->dir,
		    strerror(errno));
	if (rc == 0) {
		free(f->tmp);
		f->tmp = NULL;
		fsout_release(f);
	} else
		fsout_abort(f);
	return rc;
}

void
fsout_abort(struct fsout *f)
{
	if (f == NULL)
		return;
	if (f->tmp != NULL)
		rm_tree(f->tmp);
	fsout_release(f);
}

/*
 * Writes data to a new temporary file beside path, mode 0644.  Returns
 * its name (caller unlinks and frees), or NULL after a diagnostic.
 */
static char *
temp_beside(const char *path, const void *data, size_t len)
{
	char		*tmp = xasprintf("%s.tmp-XXXXXX", path);
	const char	*p = data;
	ssize_t		 n;
	int		 fd, rc = -1;

	if ((fd = mkstemp(tmp)) == -1) {
		diag_fatal("cannot create '%s': %s", tmp, strerror(errno));
		free(tmp);
		return NULL;
	}
	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto out;
		p += n;
		len -= (size_t)n;
	}
	if (fchmod(fd, 0644) == -1)
		goto out;
	rc = close(fd);
	fd = -1;
out:
	if (rc == -1)
		diag_fatal("cannot write '%s': %s", tmp, strerror(errno));
	if (fd != -1)
		close(fd);
	if (rc == -1) {
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

int
fsout_replace_file(const char *path, const void *data, size_t len)
{
	char	*tmp;
	int	 rc = 0;

	if ((tmp = temp_beside(path, data, len)) == NULL)
		return -1;
	if (rename(tmp, path) == -1) {
		diag_fatal("cannot replace '%s': %s", path, strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

int
fsout_create_file(const char *path, const void *data, size_t len)
{
	char	*tmp;
	int	 rc = 0;

	if ((tmp = temp_beside(path, data, len)) == NULL)
		return -1;
	/* link() fails if path exists, whoever made it since the caller
	 * looked; rename() would replace it. */
	if (link(tmp, path) == -1) {
		if (errno == EEXIST)
			diag_error(path, 0, 0, "file already exists");
		else
			diag_fatal("cannot create '%s': %s", path,
			    strerror(errno));
		rc = -1;
	}
	unlink(tmp);
	free(tmp);
	return rc;
}
