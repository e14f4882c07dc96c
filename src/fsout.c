/*
 * fsout.c -- write the output into a temporary folder, then swap it
 * into place; see fsout.h.
 */
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

struct fsout {
	char		*dir;	  /* the output folder, as given */
	char		*tmp;	  /* the folder being written */
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

int
fsout_open(const char *dir, struct fsout **out)
{
	struct fsout	*f;
	size_t		 len = strlen(dir);

	*out = NULL;
	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (len == 0 || strcmp(dir, "/") == 0 || strcmp(dir, ".") == 0 ||
	    strcmp(dir, "..") == 0) {
		diag_fatal("refusing to use '%s' as the output folder", dir);
		return -1;
	}
	f = xcalloc(1, sizeof(*f));
	f->dir = xstrndup(dir, len);
	f->tmp = xasprintf("%s.tmp-XXXXXX", f->dir);
	strmap_init(&f->seen);
	if (mkdtemp(f->tmp) == NULL) {
		diag_fatal("cannot create '%s': %s", f->tmp, strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		fsout_abort(f);
		return -1;
	}
	chmod(f->tmp, 0755);
	*out = f;
	return 0;
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
	char	*path, *p;
	const char *sl = strrchr(rel, '/');

	if (sl == NULL)
		return 0;
	if (f->lastdir != NULL && strlen(f->lastdir) == (size_t)(sl - rel) &&
	    strncmp(f->lastdir, rel, (size_t)(sl - rel)) == 0)
		return 0;
	path = xasprintf("%s/%.*s", f->tmp, (int)(sl - rel), rel);
	for (p = path + strlen(f->tmp) + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST) {
			diag_fatal("cannot create folder '%s': %s", path,
			    strerror(errno));
			free(path);
			return -1;
		}
		*p = c;
		if (c == '\0')
			break;
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
	free(f->lastdir);
	free(f->dir);
	free(f->tmp);
	free(f);
}

int
fsout_commit(struct fsout *f)
{
	char		*old;
	struct stat	 st;
	int		 rc = -1;

	/* rename() cannot replace a non-empty folder: move the old site
	 * aside first, then remove it once the new one is in place. */
	old = xasprintf("%s.old-XXXXXX", f->dir);
	if (lstat(f->dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			diag_fatal("'%s' exists and is not a folder", f->dir);
			goto out;
		}
		if (mkdtemp(old) == NULL || rename(f->dir, old) == -1) {
			diag_fatal("cannot move the old '%s' aside: %s",
			    f->dir, strerror(errno));
			goto out;
		}
	} else {
		free(old);
		old = NULL;
	}
	if (rename(f->tmp, f->dir) == -1) {
		diag_fatal("cannot move the new site into '%s': %s", f->dir,
		    strerror(errno));
		if (old != NULL)
			rename(old, f->dir);
		goto out;
	}
	if (old != NULL)
		rm_tree(old);
	free(f->tmp);
	f->tmp = NULL;
	rc = 0;
out:
	free(old);
	if (rc == 0)
		fsout_release(f);
	else
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
