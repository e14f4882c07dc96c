/*
 * fsout.c -- write the output into a temporary folder, then swap it
 * into place; see fsout.h.
 *
 * Beside the output folder <dir> live, each named <dir><kind><6
 * characters> (a suffix the build chose, recorded in the lock file):
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
 * one; the next build, holding the lock, removes what it left.  Only
 * folders whose suffix the lock file lists are ours: a build records
 * its suffix there before it makes anything with it, so a copy that
 * ops named "site.old-backup" is never taken for a leftover.
 *
 * .<name>.standby is the site before the live one, kept after a swap
 * (the two folders are exchanged in one step).  The next build writes
 * into it in place: a file that already holds the bytes to write is
 * left alone, any other is replaced, and what the build did not write
 * is deleted at the end, so the folder is exactly what a clean build
 * writes whatever it held, a killed build's half included.  It is
 * never live while it is written, so nothing of this can be seen; a
 * build that changes little costs what it renders, not a new tree of
 * files and the removal of the old one.
 */
#define _GNU_SOURCE	/* renameat2 */
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "dirlist.h"
#include "fsout.h"
#include "par.h"
#include "sha256.h"
#include "strmap.h"
#include "util.h"

#define SFX_LEN	6	/* characters of a side folder's suffix */
#define LINES_AT ((size_t)1 << 18) /* manifest lines kept before a write */

/* The kinds of folders and links a swap leaves beside <dir>. */
static const char *const side_kinds[] = { ".tmp-", ".site-", ".old-",
	".lnk-", NULL };

/* One file of a build: where, its content's digest, how it got there. */
/*
 * What a file's inode said when it was written or found (like git's
 * index): while it still says so, the file holds the bytes whose digest
 * is beside it, and is not read again.  Anything that writes a file
 * changes its size or its modification time.  A file whose time is not
 * before that of the manifest that recorded it may have been written
 * again within the clock's resolution, and is read (racy).
 */
struct stamp {
	unsigned long long	 ino;
	unsigned long long	 size;
	long long		 sec;	/* modification time */
	long			 nsec;
};

struct ent {
	char		*rel;		/* relative path (owned) */
	char		 dig[65];	/* SHA-256 of its bytes, hex */
	struct stamp	 st;		/* its file, once there */
	size_t		 grp;		/* its group + 1 (fsout_group), or 0 */
};

/* A group of files made from one set of inputs (fsout_group_begin). */
struct grp {
	char		*name;		/* owned */
	char		 key[65];	/* digest of its inputs; "": none
					   (never carried over) */
	char		*note;		/* what the renderer keeps for the
					   next build (owned), or NULL */
};

/* The manifest of one folder, read back. */
struct man {
	char		*text;	  /* the file's text (owned, xhuge), or NULL */
	size_t		 textsz;  /* its room */
	struct strmap	 map;	  /* relative paths -> index */
	const char	**dig;	  /* their digests, into text */
	const char	**rel;	  /* and paths, into text */
	struct stamp	*st;	  /* their stamps */
	size_t		*grp;	  /* their groups + 1, or 0 */
	unsigned char	*vok;	  /* per file, for the standby's: 1 if
				     found as recorded, under the lock,
				     by the thread that read it
				     (ahead_check); NULL: none checked */
	size_t		 n, cap;
	struct timespec	 when;	  /* the manifest's modification time */
	unsigned long long dev, ino; /* the folder it describes */
	int		 made;	  /* 1 if it says how its files and
				     folders were made: modes, owner */
	unsigned int	 fmode, dmode;
	unsigned long	 uid;
	/* its folders ("/ <ino> <entries> <sec>.<nsec> <path>" lines
	 * before any other, "" the top: inode, change time and how many
	 * entries; 0: not known), every one there, when a build pruned
	 * it (fsout_commit) */
	struct strmap	 dmap;	  /* path -> index */
	const char	**dpath;  /* their paths, into text */
	struct stamp	*dst;	  /* and stamps (size: entries) */
	size_t		 nd, dcap;
	/* groups: "= <key> <name>" lines, then a "+ <note>" line or
	 * none, the files up to a "=" line */
	struct strmap	 gmap;	  /* name -> index of its first line */
	const char	**gname;  /* into text */
	const char	**gkey;	  /* into text; NULL: named twice */
	const char	**gnote;  /* into text, or NULL */
	size_t		*gfirst;  /* index of each one's first file: a
				     group's files follow its line */
	size_t		 ng, gcap;
};

/* Counters shared with forked workers (one MAP_SHARED page), so that
 * any of them can show the progress of the whole build. */
struct shared {
	unsigned long	 files;		/* files written or linked */
	unsigned long	 linked;	/* of which linked, unchanged */
	unsigned long	 pdfs;		/* of which PDFs */
	unsigned long	 carried;	/* of which in groups carried over */
	int		 live_bad;	/* live_changed */
	long		 shown_ms;	/* when the progress was last shown */
};

struct fsout {
	char		*dir;	  /* the output folder, as given */
	char		*parent;  /* the folder it is in ("." if none) */
	char		*base;	  /* its last component */
	char		*tmp;	  /* the folder being written */
	int		 tmpfd;	  /* tmp, open (O_DIRECTORY) */
	char		*standby; /* .<base>.standby beside dir */
	int		 inplace; /* 1: tmp is the standby, written in place */
	int		 blind;	  /* 1: what the standby holds is not read
				     (--full): every file is written */
	int		 lockfd;  /* .<base>.lock, held (flock); -1: none */
	int		 full;	  /* the device said it is full (tmp_failed):
				     nothing more is written */
	struct buf	 sfxs;	  /* its text: "\n" and a line per suffix */
	struct strmap	 made;	  /* folders made in tmp */
	char		**mades;  /* owned keys of made */
	size_t		 nmade, capmade;
	struct strmap	 seen;	  /* relative paths written -> ents index */
	struct ent	*ents;	  /* files of this build, in order */
	size_t		 nents, capents;
	struct grp	*grps;	  /* groups of this build */
	size_t		 ngrps, capgrps;
	size_t		 cur;	  /* the group being written + 1, or 0 */
	/* the previous build (fsout.h, "incremental") */
	int		 oldfd;	  /* its folder, open; -1: none or --full */
	struct man	 old;	  /* its manifest */
	struct man	 sb;	  /* the standby's, when written in place */
	size_t		 sbnext;  /* where in sb to look first (sb_same) */
	struct fsout_ahead *ahead; /* the manifests read ahead (owned), or
				     NULL */
	int		 adopted; /* lockfd is the one ahead took: held
				     since before it checked the standby */
	int		 checked; /* and tmpfd the standby it checked:
				     sb.vok is believed */
	int		 sealed;  /* the standby is what sb says, no file
				     of it stat'ed (standby_sealed) */
	int		 live_bad; /* live_changed, without sh */
	char		*writing; /* .<base>.writing, the seal's marker */
	struct shared	*sh;	  /* counters (mmap), or NULL */
	int		 progfd;  /* terminal for progress, or -1 */
	long		 start_ms; /* when the build started */
	size_t		 forked;  /* ents before a fork: what a worker
				     reports starts here */
	size_t		 expect;  /* files expected, for the time left */
	mode_t		 fmode;	  /* the mode of a file made new (umask) */
	mode_t		 dmode;	  /* and of a folder */
	mode_t		 umask;	  /* whence both */
	uid_t		 uid;	  /* the effective user: asked once, not
				     at every file a rebuild checks */
	struct buf	 dlines;  /* the manifest's folder lines (prune) */
};

static int	ahead_lock(struct fsout_ahead *);
static int	ahead_standby(struct fsout_ahead *, const char *);
static int	sb_checked(const struct fsout *, size_t, struct stat *);

/* What a build keeps beside output folder <parent>/<base>: the hidden
 * file or folder <parent>/.<base>.<what> (caller frees). */
static char *
side_path(const char *parent, const char *base, const char *what)
{
	return xasprintf("%s/.%s.%s", parent, base, what);
}

/* 1 if the standby folder can be written in place: it is a folder
 * (not a link) of ours (one of another user's could be changed under
 * us while we write), and the live site is a folder (an exchange needs
 * two). */
static int
standby_usable(const struct fsout *f)
{
	struct stat	st;

	return lstat(f->standby, &st) == 0 && S_ISDIR(st.st_mode) &&
	    st.st_uid == f->uid &&
	    lstat(f->dir, &st) == 0 && S_ISDIR(st.st_mode);
}

static void rm_below(int);

/* Removes entry name of folder fd, and what it holds if a folder. */
static int
rm_entry(void *arg, const char *name, unsigned char type)
{
	int	fd = *(int *)arg, sub;

	if (type == DT_DIR || (type == DT_UNKNOWN &&
	    unlinkat(fd, name, 0) == -1 && errno == EISDIR)) {
		sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (sub != -1)
			rm_below(sub);
		unlinkat(fd, name, AT_REMOVEDIR);
	} else if (type != DT_UNKNOWN)
		unlinkat(fd, name, 0);
	return 0;
}

/* Removes what folder fd holds (fd is closed); the type an entry gives
 * spares a stat each.  Errors are ignored: this only cleans up after
 * ourselves. */
static void
rm_below(int fd)
{
	struct stat	 st;

	/* a read-only folder (chmod by hand) would keep what it holds */
	if (fstat(fd, &st) == 0 && (st.st_mode & 0700) != 0700)
		fchmod(fd, (st.st_mode & 07777) | 0700);
	dirlist_each(fd, rm_entry, &fd);
	close(fd);
}

/* Removes path and everything below it (see rm_below). */
static void
rm_tree(const char *path)
{
	int	fd;

	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1) {
		unlink(path);	/* a file or a link, or nothing */
		return;
	}
	rm_below(fd);
	rmdir(path);
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

/* 1 if the lock file lists suffix sfx (SFX_LEN characters). */
static int
sfx_known(const struct fsout *f, const char *sfx)
{
	char	line[SFX_LEN + 3];

	snprintf(line, sizeof(line), "\n%.*s\n", SFX_LEN, sfx);
	return f->sfxs.len > 0 && strstr(f->sfxs.data, line) != NULL;
}

/* Records suffix sfx in the lock file, before anything is made with
 * it.  0, or -1 after a diagnostic. */
static int
sfx_add(struct fsout *f, const char *sfx)
{
	char	line[SFX_LEN + 2];

	if (sfx_known(f, sfx))
		return 0;
	snprintf(line, sizeof(line), "%.*s\n", SFX_LEN, sfx);
	if (pwrite(f->lockfd, line, SFX_LEN + 1, (off_t)f->sfxs.len - 1) !=
	    SFX_LEN + 1) {
		diag_fatal("cannot write the lock '%s/.%s.lock': %s",
		    f->parent, f->base, strerror(errno));
		return -1;
	}
	buf_puts(&f->sfxs, line);
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
		    strchr(name + n + k, '/') == NULL &&
		    sfx_known(f, name + n + k)) {
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
	char		*path = side_path(f->parent, f->base, "lock");
	struct stat	 fst, pst;
	int		 rc = -1, relinked = 0;

again:
	/* the lock the manifests' thread took, if it did */
	if ((f->lockfd = ahead_lock(f->ahead)) != -1) {
		f->adopted = 1;
		goto held;
	}
	f->adopted = 0;
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
held:
	/* The lock is the file at path: one removed by hand while we
	 * waited for it may since have been made anew and taken by
	 * another build (a removal while a build holds it: see the lock
	 * on the folder written, fsout_open_flags). */
	if (fstat(f->lockfd, &fst) == -1 || lstat(path, &pst) == -1 ||
	    fst.st_dev != pst.st_dev || fst.st_ino != pst.st_ino) {
		close(f->lockfd);
		f->lockfd = -1;
		goto again;
	}
	/* its bytes are written (sfx_add): never those of a file a hand
	 * linked there from elsewhere, nor of anything but a file */
	if (!S_ISREG(fst.st_mode) || fst.st_nlink != 1) {
		close(f->lockfd);
		f->lockfd = -1;
		if (++relinked > 8 || unlink(path) == -1) {
			diag_fatal("'%s' is not a file of its own (a link "
			    "made by hand?): remove it", path);
			goto out;
		}
		goto again;
	}
	/* the suffixes of the side folders builds made (sfx_add) */
	buf_reset(&f->sfxs);
	buf_putc(&f->sfxs, '\n');
	if (lseek(f->lockfd, 0, SEEK_SET) == -1 ||
	    buf_read_fd(&f->sfxs, f->lockfd) == -1) {
		diag_fatal("cannot read the lock '%s': %s", path,
		    strerror(errno));
		goto out;
	}
	/* a line cut short by a crash is dropped */
	buf_truncate(&f->sfxs, (size_t)(strrchr(f->sfxs.data, '\n') + 1 -
	    f->sfxs.data));
	if (ftruncate(f->lockfd, (off_t)f->sfxs.len - 1) == -1) {
		diag_fatal("cannot write the lock '%s': %s", path,
		    strerror(errno));
		goto out;
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
				ok = sfx_add(f, "restor") == 0 &&
				    symlink(names[i], lnk) == 0 &&
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

/* After a sweep: the lock file lists the suffixes of the n side
 * folders names that are still there (the live site's, when <dir> is
 * a link), and no other. */
static void
sfx_keep(struct fsout *f, char **names, size_t n)
{
	struct buf	 b = BUF_INIT;
	struct stat	 st;
	char		*p;
	size_t		 i;

	buf_putc(&b, '\n');
	for (i = 0; i < n; i++) {
		p = xasprintf("%s/%s", f->parent, names[i]);
		if (lstat(p, &st) == 0 && strstr(b.data, names[i] +
		    strlen(names[i]) - SFX_LEN) == NULL)
			buf_printf(&b, "%s\n", names[i] + strlen(names[i]) -
			    SFX_LEN);
		free(p);
	}
	if (b.len != f->sfxs.len && ftruncate(f->lockfd, 0) == 0 &&
	    pwrite(f->lockfd, b.data + 1, b.len - 1, 0) == (ssize_t)b.len - 1) {
		buf_reset(&f->sfxs);
		buf_put(&f->sfxs, b.data, b.len);
	}
	buf_dispose(&b);
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
	char		**names = NULL, *live, *p, *mtmp;
	size_t		 n = 0, cap = 0, i, gone = 0;
	struct stat	 st;

	if ((d = opendir(f->parent)) == NULL)
		return;
	mtmp = xasprintf(".%s.manifest.tmp-", f->base);
	while ((de = readdir(d)) != NULL)
		if (is_side(f, de->d_name, NULL)) {
			xgrow(&names, &cap, n + 1, sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		} else if (str_prefix(de->d_name, mtmp) &&
		    strlen(de->d_name) == strlen(mtmp) + SFX_LEN) {
			/* a manifest being replaced when a build died */
			p = xasprintf("%s/%s", f->parent, de->d_name);
			unlink(p);
			free(p);
		}
	closedir(d);
	free(mtmp);
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
	}
	if (gone > 0)
		diag_note("removed %zu folder%s left beside '%s' by an "
		    "interrupted build", gone, gone == 1 ? "" : "s", f->dir);
	sfx_keep(f, names, n);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(live);
	free(names);
}

/* The two manifests beside <dir>: the live site's, and the one it
 * had before, which describes the standby after a swap. */
static const char *const man_names[] = { "manifest", "standby.manifest" };

/*
 * The standby's seal.  Before a build writes the standby in place it
 * puts the device and inode of that folder into .<base>.writing
 * (seal_break), and removes the file once the folder went live
 * (fsout_commit).  So while no such file names the standby, no build
 * touched it since its manifest was written, when it was made or went
 * live: its files are what the manifest says, made as it says (mode,
 * owner), and are taken over without a stat each.  A seal lasts the
 * day its manifest was written (local time): the first build of a day,
 * which makes every page that shows the day anew, checks every file.  At 100,000 items
 * those stats are 364,000, more than two per cent of a full build and
 * more than a one-item rebuild's own work.  A build killed or failed
 * leaves the file, and the next checks every file by its stamp, as
 * before.  What a seal cannot see is a hand: a file of the output
 * changed by hand stays until --full (gongkai(1)).
 *
 * seal_broken: 0 if the file writing is not there or names another
 * folder than dirfd's, else 1 (it names that one, or cannot be read:
 * cut short by a kill).
 */
static int
seal_broken(const char *writing, int dirfd)
{
	struct stat	 st;
	unsigned long long dev, ino;
	char		 b[64];
	ssize_t		 n;
	int		 fd, at = 0;

	if ((fd = open(writing, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1)
		return errno != ENOENT;
	n = read(fd, b, sizeof(b) - 1);
	close(fd);
	/* (all of it, to its newline: one cut short in a number would
	 * name another folder) */
	if (n <= 0 || b[n - 1] != '\n' || fstat(dirfd, &st) == -1)
		return 1;
	b[n - 1] = '\0';
	if (sscanf(b, "%llu %llu%n", &dev, &ino, &at) != 2 || at != n - 1)
		return 1;
	return dev == (unsigned long long)st.st_dev &&
	    ino == (unsigned long long)st.st_ino;
}

/* 1 if t is today, local time. */
static int
is_today(time_t t)
{
	struct tm	 a, b;
	time_t		 now = time(NULL);

	return localtime_r(&t, &a) != NULL && localtime_r(&now, &b) != NULL &&
	    a.tm_year == b.tm_year && a.tm_yday == b.tm_yday;
}

/* 1 if folder fd was made before time t (its birth time, statx): a
 * folder made since, put in the standby's place by a hand, can have
 * the inode number of the one a manifest names.  0 where the file
 * system does not say. */
static int
born_before(int fd, const struct timespec *t)
{
	struct statx	sx;

	if (statx(fd, "", AT_EMPTY_PATH, STATX_BTIME, &sx) == -1 ||
	    !(sx.stx_mask & STATX_BTIME))
		return 0;
	return sx.stx_btime.tv_sec < t->tv_sec ||
	    (sx.stx_btime.tv_sec == t->tv_sec &&
	    sx.stx_btime.tv_nsec < (unsigned int)t->tv_nsec);
}

/* 1 if the standby, open as sbfd and described by m, is sealed for
 * files and folders made with the modes that umask um gives by uid. */
static int
standby_sealed(const char *writing, int sbfd, const struct man *m,
    mode_t um, uid_t uid)
{
	return m->text != NULL && m->made && is_today(m->when.tv_sec) &&
	    born_before(sbfd, &m->when) &&
	    m->fmode == (unsigned int)(0644 & ~um) &&
	    m->dmode == (unsigned int)(0755 & ~um) &&
	    m->uid == (unsigned long)uid && !seal_broken(writing, sbfd);
}

static void
man_init(struct man *m)
{
	memset(m, 0, sizeof(*m));
	strmap_init(&m->map);
	strmap_init(&m->gmap);
	strmap_init(&m->dmap);
}

/* An array of oldcap elements of size sz from xhuge made cap long (0:
 * freed), its first n kept. */
static void *
huge_resize(void *old, size_t n, size_t oldcap, size_t cap, size_t sz)
{
	void	*p = cap > 0 ? xhuge(cap * sz) : NULL;

	if (p != NULL && n > 0)
		memcpy(p, old, n * sz);
	xhuge_free(old, oldcap * sz);
	return p;
}

/*
 * Makes m's file arrays cap long (0: frees them), keeping the m->n
 * entries: from xhuge, as at 100,000 items they are megabytes each,
 * written once from start to end.
 */
static void
man_room(struct man *m, size_t cap)
{
	m->dig = huge_resize(m->dig, m->n, m->cap, cap, sizeof(*m->dig));
	m->rel = huge_resize(m->rel, m->n, m->cap, cap, sizeof(*m->rel));
	m->st = huge_resize(m->st, m->n, m->cap, cap, sizeof(*m->st));
	m->grp = huge_resize(m->grp, m->n, m->cap, cap, sizeof(*m->grp));
	m->cap = cap;
}

static void
man_free(struct man *m)
{
	strmap_dispose(&m->map);
	strmap_dispose(&m->gmap);
	strmap_dispose(&m->dmap);
	free(m->dpath);
	free(m->dst);
	man_room(m, 0);
	free(m->gname);
	free(m->gkey);
	free(m->gnote);
	free(m->gfirst);
	free(m->vok);
	xhuge_free(m->text, m->textsz);
	man_init(m);
}

/* Starts group "<64 hex> <name>" at p (a "= " line), or ends the one
 * open ("=" alone); returns the group now open + 1, or 0. */
static size_t
man_group(struct man *m, char *p)
{
	size_t	first, cap = m->gcap;

	if (p[1] != ' ' || strlen(p) < 68 || p[66] != ' ' ||
	    strspn(p + 2, "0123456789abcdef") != 64)
		return 0;
	p[66] = '\0';
	xgrow(&m->gname, &m->gcap, m->ng + 1, sizeof(*m->gname));
	/* the arrays beside it grow with it, not at every group: a
	 * realloc that copies (ASan's) made 100,000 groups quadratic */
	if (m->gcap != cap) {
		m->gkey = xrealloc(m->gkey, m->gcap * sizeof(*m->gkey));
		m->gnote = xrealloc(m->gnote, m->gcap * sizeof(*m->gnote));
		m->gfirst = xrealloc(m->gfirst, m->gcap *
		    sizeof(*m->gfirst));
	}
	m->gfirst[m->ng] = m->n;
	m->gname[m->ng] = p + 67;
	m->gkey[m->ng] = p + 2;
	m->gnote[m->ng] = NULL;
	/* a name twice: not carried over (the map keeps the first) */
	if (!strmap_put(&m->gmap, p + 67, m->ng, &first))
		m->gkey[first] = NULL;
	return ++m->ng;
}

/* Parses "<ino> <size> <sec>.<nsec> " at p into st (stamp_put):
 * returns what follows, or NULL. */
static char *
stamp_parse(char *p, struct stamp *st)
{
	char	*e;

	st->ino = strtoull(p, &e, 10);
	if (*e != ' ')
		return NULL;
	st->size = strtoull(e + 1, &e, 10);
	if (*e != ' ')
		return NULL;
	st->sec = strtoll(e + 1, &e, 10);
	if (*e != '.')
		return NULL;
	st->nsec = strtol(e + 1, &e, 10);
	return *e == ' ' ? e + 1 : NULL;
}

/* Takes a folder line's "<ino> <entries> <sec>.<nsec> <path>" at p. */
static void
man_folder(struct man *m, char *p)
{
	struct stamp	 st;
	char		*e;

	if ((e = stamp_parse(p, &st)) == NULL ||
	    !strmap_put(&m->dmap, e, m->nd, NULL))
		return;
	if (m->nd == m->dcap) {
		xgrow(&m->dst, &m->dcap, m->nd + 1, sizeof(*m->dst));
		m->dpath = xrealloc(m->dpath, m->dcap * sizeof(*m->dpath));
	}
	m->dpath[m->nd] = e;
	m->dst[m->nd++] = st;
}

/*
 * Sizes m's maps and arrays for the lines from p on at once: grown a
 * line at a time, copying the maps again at each doubling was a third
 * of reading a 100,000-item site's manifests.
 */
static void
man_reserve(struct man *m, const char *p, int keyed)
{
	const char	*nl;
	size_t		 files = 0, groups = 0, folders = 0, cap;

	for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		if (*p == '=')
			groups++;
		else if (*p == '/')
			folders++;
		else if (*p != '+')
			files++;
	if (keyed) {
		strmap_reserve(&m->map, m->n + files);
		strmap_reserve(&m->dmap, m->nd + folders);
	}
	strmap_reserve(&m->gmap, m->ng + groups);
	if ((cap = m->n + files) > m->cap) {
		man_room(m, cap);
	}
}

/* Parses "<64 hex> <ino> <size> <sec>.<nsec> <rel>" lines from p on,
 * and the group lines around them (man_group); with keyed, into m->map
 * too, the first line of a path only. */
static void
man_parse(struct man *m, char *p, int keyed)
{
	struct stamp	 st;
	char		*nl, *e;
	size_t		 g = 0;

	man_reserve(m, p, keyed);
	for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		*nl = '\0';
		if (*p == '=') {
			g = man_group(m, p);
			continue;
		}
		if (p[0] == '/' && p[1] == ' ' && keyed && m->n == 0 &&
		    m->ng == 0) {
			man_folder(m, p + 2);
			continue;
		}
		/* a note, right after its group's line */
		if (p[0] == '+' && p[1] == ' ' && g != 0 &&
		    m->gnote[g - 1] == NULL && m->gfirst[g - 1] == m->n) {
			m->gnote[g - 1] = p + 2;
			continue;
		}
		if (nl - p < 66 || p[64] != ' ')
			continue;
		p[64] = '\0';
		if ((e = stamp_parse(p + 65, &st)) == NULL || *e == '\0')
			continue;
		if (keyed && !strmap_put(&m->map, e, m->n, NULL))
			continue;
		if (m->n == m->cap)	/* more lines than man_reserve saw */
			man_room(m, m->cap * 2 + 64);
		m->rel[m->n] = e;
		m->dig[m->n] = p;
		m->grp[m->n] = g;
		m->st[m->n++] = st;
	}
}

/*
 * Reads the manifest at path into m (empty: none there, or not one),
 * with the file's stat into *mst, unless want is not NULL and it names
 * another folder than want's.  Returns 0 if it read one.
 */
static int
man_read(const char *path, const struct stat *want, struct man *m,
    struct stat *mst)
{
	char		*p, head[160];
	size_t		 len;
	int		 mfd, version, n, rc = -1;

	/* O_NONBLOCK: a FIFO put there must not hang the build */
	if ((mfd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK)) == -1)
		return -1;
	/* the whole file at once, into huge pages (xhuge): 92 MB at
	 * 100,000 items, read twice a build */
	if (xhuge_read(mfd, mst, &m->text, &m->textsz, &len) == -1)
		goto out;
	/* the first line alone: the folder, then (fields version 4
	 * added, which older readers skip) the modes and owner its files
	 * were made with */
	if ((p = memchr(m->text, '\n', len)) == NULL ||
	    (size_t)(p - m->text) >= sizeof(head))
		goto out;
	memcpy(head, m->text, (size_t)(p - m->text));
	head[p - m->text] = '\0';
	n = sscanf(head, "gongkai-manifest %d %llu %llu %o %o %lu", &version,
	    &m->dev, &m->ino, &m->fmode, &m->dmode, &m->uid);
	if (n >= 3 && version >= 2 && version <= 4 &&
	    (want == NULL || (m->dev == (unsigned long long)want->st_dev &&
	    m->ino == (unsigned long long)want->st_ino))) {
		m->when = mst->st_mtim;
		m->made = n == 6;
		man_parse(m, p + 1, 1);
		rc = 0;
	}
out:
	if (rc == -1) {
		xhuge_free(m->text, m->textsz);
		m->text = NULL;
		m->textsz = 0;
	}
	close(mfd);
	return rc;
}

/*
 * The two manifests beside <dir> read in a thread (fsout_ahead) while
 * the caller loads its sources: on a big rebuild, reading and parsing
 * them was a second of one core, with the other idle.  Then, if asked
 * and no other build holds the lock, the thread takes it and checks
 * the standby's files against its manifest (ahead_check): the stat a
 * build writing the standby in place makes of every file it carries
 * over, 364,047 of them and 1.4 s of CPU in the busy workers at
 * 100,000 items, of which the idle core does what it can (about half)
 * before they start.
 */
struct fsout_ahead {
	pthread_t	 th;
	int		 started;
	char		*path[2];	/* the manifests */
	int		 read[2];	/* 1 if one was there */
	struct man	 m[2];		/* what each held; empty once
					   taken */
	struct stat	 st[2];		/* its file, as read */
	char		*lock;		/* the lock's path */
	char		*standby;	/* the standby's */
	int		 lockfd;	/* the lock, held; -1: not taken */
	int		 sbfd;		/* the standby, open and locked as
					   tmp_take locks it, or -1 */
	int		 check;		/* 1: check the standby too */
	char		*writing;	/* the seal's marker (fsout.writing) */
	mode_t		 fmode;		/* as fsout.fmode, uid */
	mode_t		 umask;
	uid_t		 uid;
	int		 stop;		/* set (atomic): check no more */
};

static mode_t	umask_get(void);
static int	as_recorded(int, const char *, mode_t, uid_t,
		    const struct man *, size_t, struct stat *);

/*
 * Takes the lock and the standby as a build does (lock_take, tmp_take:
 * no other build can then write there) and sets vok for each file of
 * the standby's manifest still as it recorded, until told to stop.
 * What it took is handed to fsout_open_flags, which holds it to the
 * end: what was checked stays checked.
 */
static void
ahead_check(struct fsout_ahead *a)
{
	struct man	*m = NULL;
	struct stat	 st;
	size_t		 j;
	int		 i;

	/* the standby and its manifest first: the lock is taken only when
	 * there is something to check */
	if ((a->sbfd = open(a->standby, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return;
	if (fstat(a->sbfd, &st) == -1)
		goto none;
	for (i = 0; i < 2 && m == NULL; i++)
		if (a->read[i] && a->m[i].text != NULL &&
		    a->m[i].dev == (unsigned long long)st.st_dev &&
		    a->m[i].ino == (unsigned long long)st.st_ino)
			m = &a->m[i];
	if (m == NULL || __atomic_load_n(&a->stop, __ATOMIC_RELAXED) ||
	    (a->lockfd = open(a->lock, O_RDWR | O_CLOEXEC | O_NOFOLLOW)) ==
	    -1 || flock(a->lockfd, LOCK_EX | LOCK_NB) == -1 ||
	    flock(a->sbfd, LOCK_EX | LOCK_NB) == -1)
		goto none;
	/* a sealed standby needs no check: fsout_open_flags, under the
	 * lock handed over, says so again */
	if (standby_sealed(a->writing, a->sbfd, m, a->umask, a->uid))
		return;
	m->vok = xcalloc(m->n + 1, 1);
	for (j = 0; j < m->n &&
	    !__atomic_load_n(&a->stop, __ATOMIC_RELAXED); j++)
		m->vok[j] = as_recorded(a->sbfd, m->rel[j], a->fmode,
		    a->uid, m, j, &st);
	return;
none:
	close(a->sbfd);
	if (a->lockfd != -1)
		close(a->lockfd);
	a->sbfd = a->lockfd = -1;
}

static void *
ahead_run(void *arg)
{
	struct fsout_ahead	*a = arg;
	int			 i;

	for (i = 0; i < 2; i++)
		if (!(a->read[i] = man_read(a->path[i], NULL, &a->m[i],
		    &a->st[i]) == 0))
			man_free(&a->m[i]);
	if (a->check && (a->read[0] || a->read[1]))
		ahead_check(a);
	return NULL;
}

/* The path of manifest i (man_names) beside a folder. */
static char *
man_path(const char *parent, const char *base, int i)
{
	return side_path(parent, base, man_names[i]);
}

/*
 * Removes both manifests beside f's folder, under its lock: what --full
 * does first.  A file of the live site changed by hand with its stamp
 * kept (size and mtime; ctime is no part of a stamp, as the builds'
 * links change it) is vouched for by the live manifest, which the
 * commit hands to the standby, and a later build would take the file
 * back from there.  Forgotten at the start, not at the commit, so that
 * a --full killed midway leaves no manifest either: the next build
 * links the standby's files from the live site, or compares them,
 * once.
 */
static void
man_forget(const struct fsout *f)
{
	char	*path;
	int	 i;

	for (i = 0; i < 2; i++) {
		path = man_path(f->parent, f->base, i);
		unlink(path);
		free(path);
	}
}

/* Splits dir (trailing '/' aside) into the folder it is in and its
 * last component. */
static void
dir_split(const char *dir, char **parent, char **base)
{
	char	*d = xstrdup(dir), *sl;
	size_t	 len = strlen(d);

	while (len > 1 && d[len - 1] == '/')
		d[--len] = '\0';
	if ((sl = strrchr(d, '/')) == NULL) {
		*parent = xstrdup(".");
		*base = xstrdup(d);
	} else {
		*parent = sl == d ? xstrdup("/") : xstrndup(d,
		    (size_t)(sl - d));
		*base = xstrdup(sl + 1);
	}
	free(d);
}

struct fsout_ahead *
fsout_ahead(const char *dir, int check)
{
	struct fsout_ahead	*a = xcalloc(1, sizeof(*a));
	char			*parent, *base;
	int			 i;

	dir_split(dir, &parent, &base);
	for (i = 0; i < 2; i++) {
		a->path[i] = man_path(parent, base, i);
		man_init(&a->m[i]);
	}
	a->lock = side_path(parent, base, "lock");
	a->standby = side_path(parent, base, "standby");
	a->writing = side_path(parent, base, "writing");
	a->lockfd = a->sbfd = -1;
	a->check = check != 0;
	/* (no other thread runs yet) */
	a->umask = umask_get();
	a->fmode = 0644 & ~a->umask;
	a->uid = geteuid();
	free(parent);
	free(base);
	a->started = pthread_create(&a->th, NULL, ahead_run, a) == 0;
	return a;
}

/* Waits for a's thread, once. */
static void
ahead_wait(struct fsout_ahead *a)
{
	if (a != NULL && a->started) {
		pthread_join(a->th, NULL);
		a->started = 0;
	}
}

/* Tells a's thread to check no more files, and waits for it. */
static void
ahead_stop(struct fsout_ahead *a)
{
	if (a != NULL) {
		__atomic_store_n(&a->stop, 1, __ATOMIC_RELAXED);
		ahead_wait(a);
	}
}

/* The lock a's thread holds, handed over once (the thread stopped), or
 * -1. */
static int
ahead_lock(struct fsout_ahead *a)
{
	int	fd;

	if (a == NULL)
		return -1;
	ahead_stop(a);
	fd = a->lockfd;
	a->lockfd = -1;
	return fd;
}

/* The standby a's thread checked, locked, handed over once if it is
 * the folder at path (NULL: it is not wanted), else closed: -1. */
static int
ahead_standby(struct fsout_ahead *a, const char *path)
{
	struct stat	st, now;
	int		fd;

	if (a == NULL || (fd = a->sbfd) == -1)
		return -1;
	a->sbfd = -1;
	if (path != NULL && fstat(fd, &st) == 0 && lstat(path, &now) == 0 &&
	    st.st_dev == now.st_dev && st.st_ino == now.st_ino)
		return fd;
	close(fd);
	return -1;
}

void
fsout_ahead_free(struct fsout_ahead *a)
{
	int	i;

	if (a == NULL)
		return;
	ahead_stop(a);
	for (i = 0; i < 2; i++) {
		man_free(&a->m[i]);
		free(a->path[i]);
	}
	if (a->sbfd != -1)
		close(a->sbfd);
	if (a->lockfd != -1)
		close(a->lockfd);
	free(a->lock);
	free(a->standby);
	free(a->writing);
	free(a);
}

/*
 * What a read of the manifest at path now, for the folder whose stat
 * is st: 0 if it describes that folder (taken into m), 1 if another, -1
 * if a does not know.  A manifest is written anew and renamed into
 * place, so the file's inode, size and time tell whether it is one
 * read, under either name (the live site's becomes the standby's).
 */
static int
ahead_take(struct fsout_ahead *a, const char *path, const struct stat *st,
    struct man *m)
{
	struct stat	 now;
	const struct stat *was;
	int		 i;

	if (a == NULL)
		return -1;
	ahead_wait(a);
	if (lstat(path, &now) == -1)
		return -1;
	for (i = 0; i < 2; i++) {
		was = &a->st[i];
		if (!a->read[i] || now.st_dev != was->st_dev ||
		    now.st_ino != was->st_ino ||
		    now.st_size != was->st_size ||
		    now.st_mtim.tv_sec != was->st_mtim.tv_sec ||
		    now.st_mtim.tv_nsec != was->st_mtim.tv_nsec)
			continue;
		if (a->m[i].text == NULL ||
		    a->m[i].dev != (unsigned long long)st->st_dev ||
		    a->m[i].ino != (unsigned long long)st->st_ino)
			return 1;
		*m = a->m[i];
		man_init(&a->m[i]);
		return 0;
	}
	return -1;
}

/*
 * Reads into m the manifest beside <dir> that describes folder fd (the
 * same device and inode: a manifest of a folder that never went live,
 * or was replaced by hand, describes no folder here), taking what was
 * read ahead where it can.  Without one, m stays empty and every file
 * is compared or written.
 */
static void
man_load(struct fsout *f, int fd, struct man *m)
{
	struct stat	 st, mst;
	char		*path;
	int		 i;

	if (fstat(fd, &st) == -1)
		return;
	for (i = 0; i < 2 && m->text == NULL; i++) {
		path = man_path(f->parent, f->base, i);
		if (ahead_take(f->ahead, path, &st, m) == -1 &&
		    man_read(path, &st, m, &mst) == -1)
			man_free(m);
		free(path);
	}
}

/* The stamp of what fstat or fstatat said. */
static void
stamp_of(const struct stat *st, struct stamp *s)
{
	s->ino = (unsigned long long)st->st_ino;
	s->size = (unsigned long long)st->st_size;
	s->sec = (long long)st->st_mtim.tv_sec;
	s->nsec = st->st_mtim.tv_nsec;
}

/* Appends "<ino> <size> <sec>.<nsec>" (stamp_parse reads it). */
static void
stamp_put(struct buf *b, const struct stamp *st)
{
	buf_putu(b, st->ino, 0);
	buf_putc(b, ' ');
	buf_putu(b, st->size, 0);
	buf_putc(b, ' ');
	if (st->sec < 0)
		buf_putc(b, '-');
	buf_putu(b, st->sec < 0 ? -(unsigned long long)st->sec :
	    (unsigned long long)st->sec, 0);
	buf_putc(b, '.');
	buf_putu(b, (unsigned long long)st->nsec, 9);
}

/* 1 if st still says what entry i of m recorded. */
static int
stamp_eq(const struct stat *st, const struct man *m, size_t i)
{
	const struct stamp	*r = &m->st[i];

	return S_ISREG(st->st_mode) &&
	    (unsigned long long)st->st_ino == r->ino &&
	    (unsigned long long)st->st_size == r->size &&
	    (long long)st->st_mtim.tv_sec == r->sec &&
	    st->st_mtim.tv_nsec == r->nsec;
}

/* The same, and m is not racy for it (see struct stamp). */
static int
stamp_same(const struct stat *st, const struct man *m, size_t i)
{
	const struct stamp	*r = &m->st[i];

	return stamp_eq(st, m, i) &&
	    (r->sec < (long long)m->when.tv_sec ||
	    (r->sec == (long long)m->when.tv_sec && r->nsec < m->when.tv_nsec));
}

/* 1 if st is a file as a build makes it: a regular file of ours with
 * the mode a new one gets.  A file given another mode or owner by hand
 * (chmod 600: the web server is refused it) is made anew, not kept or
 * linked: the mode is the inode's, shared by the live site and the
 * standby, and a clean build would give the usual one.  (made_as: by
 * the mode and the owner, for the manifests' thread.) */
static int
made_as(const struct stat *st, mode_t fmode, uid_t uid)
{
	return S_ISREG(st->st_mode) && (st->st_mode & 07777) == fmode &&
	    st->st_uid == uid;
}

static int
made_like(const struct fsout *f, const struct stat *st)
{
	return made_as(st, f->fmode, f->uid);
}

/* The umask (set back at once: the manifests' thread creates no file
 * meanwhile, and no other thread runs). */
static mode_t
umask_get(void)
{
	mode_t	m = umask(0);

	umask(m);
	return m;
}

/* 1 if file rel of folder dirfd, stat'ed into st, is as a build makes
 * one (made_as) and as entry i of m recorded it, not racy. */
static int
as_recorded(int dirfd, const char *rel, mode_t fmode, uid_t uid,
    const struct man *m, size_t i, struct stat *st)
{
	return fstatat(dirfd, rel, st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    made_as(st, fmode, uid) && stamp_same(st, m, i);
}

/* The live site and its manifest, unless --full. */
static void
old_load(struct fsout *f)
{
	if ((f->oldfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
		return;
	man_load(f, f->oldfd, &f->old);
	if (f->old.text == NULL) {
		close(f->oldfd);
		f->oldfd = -1;
	}
}

/* Makes the temporary folder <dir>.tmp-<suffix>, its suffix recorded
 * first (sfx_add).  Returns its path, or NULL after a diagnostic. */
static char *
tmp_make(struct fsout *f)
{
	static const char	 abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char		 r[SFX_LEN];
	char			 sfx[SFX_LEN + 1], *tmp;
	int			 i, tries;

	for (tries = 0; tries < 100; tries++) {
		if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
			for (i = 0; i < SFX_LEN; i++)
				r[i] = (unsigned char)(mono_ms() >> (i * 5) ^
				    (long)getpid() * (tries + 1));
		for (i = 0; i < SFX_LEN; i++)
			sfx[i] = abc[r[i] % (sizeof(abc) - 1)];
		sfx[SFX_LEN] = '\0';
		if (sfx_add(f, sfx) == -1)
			return NULL;
		tmp = xasprintf("%s.tmp-%s", f->dir, sfx);
		if (mkdir(tmp, 0700) == 0)
			return tmp;
		if (errno != EEXIST) {
			diag_fatal("cannot create '%s': %s", tmp,
			    strerror(errno));
			free(tmp);
			return NULL;
		}
		free(tmp);
	}
	diag_fatal("cannot create a temporary folder beside '%s'", f->dir);
	return NULL;
}

/* Breaks the seal of folder dirfd (standby_sealed): of the standby f
 * writes in place, before anything in it changes; of a live site a
 * hand changed (live_changed).  0, or -1 after a diagnostic. */
static int
seal_break(struct fsout *f, int dirfd)
{
	struct stat	 st;
	char		 b[64];
	int		 fd, n, rc = -1;

	if (fstat(dirfd, &st) == 0) {
		n = snprintf(b, sizeof(b), "%llu %llu\n",
		    (unsigned long long)st.st_dev,
		    (unsigned long long)st.st_ino);
		/* a file of its own, made new: never one linked elsewhere
		 * by a hand, nor a FIFO (a build killed before it is made
		 * had changed nothing yet; cut short, it still breaks the
		 * seal) */
		if (unlink(f->writing) == -1 && errno != ENOENT)
			fd = -1;
		else if ((fd = open(f->writing, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644)) != -1) {
			rc = write_all(fd, b, (size_t)n);
			if (close(fd) == -1)
				rc = -1;
		}
	}
	if (rc == -1)
		diag_fatal("cannot write '%s': %s", f->writing,
		    strerror(errno));
	return rc;
}

int
fsout_open(const char *dir, struct fsout **out)
{
	return fsout_open_flags(dir, 0, NULL, out);
}

/*
 * Opens the folder to write, f->tmp, and locks it: the lock file
 * removed by hand while a build holds it lets a second build in, and
 * two builds writing one standby would put a mix live.  0; 1 if
 * another build holds it (nothing said); -1 after a diagnostic.
 */
static int
tmp_take(struct fsout *f)
{
	chmod(f->tmp, 0755);
	/* the standby the manifests' thread checked under the lock held
	 * since, if it is the folder at tmp */
	if ((f->tmpfd = ahead_standby(f->ahead, f->adopted ? f->tmp :
	    NULL)) != -1) {
		f->checked = 1;
		return 0;
	}
	if ((f->tmpfd = open(f->tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1) {
		diag_fatal("cannot open '%s': %s", f->tmp, strerror(errno));
		return -1;
	}
	if (flock(f->tmpfd, LOCK_EX | LOCK_NB) == -1) {
		close(f->tmpfd);
		f->tmpfd = -1;
		return 1;
	}
	return 0;
}

char *
fsout_beside(const char *dir, const char *what)
{
	char	*parent, *base, *p;

	dir_split(dir, &parent, &base);
	p = side_path(parent, base, what);
	free(parent);
	free(base);
	return p;
}

/* dirlist_each's callback: any entry ends the listing. */
static int
any_entry(void *arg, const char *name, unsigned char type)
{
	(void)arg;
	(void)name;
	(void)type;
	return 1;
}

/*
 * 1 if f->dir is a folder holding something that no build made: no
 * lock file, manifest or standby beside it says a build ever wrote
 * there.  The first build would swap it aside as the standby, and the
 * next would delete what it holds: a web server's other sites, or the
 * repository itself given as the output folder.
 */
static int
foreign_dir(const struct fsout *f)
{
	static const char *const ours[] = { "lock", "manifest",
		"standby.manifest", "standby", NULL };
	struct stat	 st;
	char		*p;
	int		 fd, i, rc;

	if (lstat(f->dir, &st) == -1 || !S_ISDIR(st.st_mode))
		return 0;
	for (i = 0; ours[i] != NULL; i++) {
		p = side_path(f->parent, f->base, ours[i]);
		rc = lstat(p, &st);
		free(p);
		if (rc == 0)
			return 0;
	}
	if ((fd = open(f->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return 0;	/* the build says why it cannot use it */
	rc = dirlist_each(fd, any_entry, NULL);
	close(fd);
	return rc == 1;
}

int
fsout_open_flags(const char *dir, int flags, struct fsout_ahead *ahead,
    struct fsout **out)
{
	struct fsout	*f;
	size_t		 len = strlen(dir);
	void		*m;
	int		 rc;

	*out = NULL;
	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (len == 0 || strcmp(dir, "/") == 0 || strcmp(dir, ".") == 0 ||
	    strcmp(dir, "..") == 0) {
		diag_fatal("refusing to use '%s' as the output folder", dir);
		fsout_ahead_free(ahead);
		return -1;
	}
	f = xcalloc(1, sizeof(*f));
	f->ahead = ahead;
	f->lockfd = f->tmpfd = f->oldfd = f->progfd = -1;
	buf_init(&f->sfxs);
	buf_init(&f->dlines);
	f->start_ms = mono_ms();
	f->dir = xstrndup(dir, len);
	/* the modes that open and mkdir give, for what is kept */
	f->umask = umask_get();
	f->fmode = 0644 & ~f->umask;
	f->dmode = 0755 & ~f->umask;
	f->uid = geteuid();
	strmap_init(&f->seen);
	strmap_init(&f->made);
	man_init(&f->old);
	man_init(&f->sb);
	dir_split(f->dir, &f->parent, &f->base);
	if (strcmp(f->base, ".") == 0 || strcmp(f->base, "..") == 0) {
		diag_fatal("refusing to use '%s' as the output folder", dir);
		goto fail;
	}
	f->writing = side_path(f->parent, f->base, "writing");
	if (foreign_dir(f)) {
		diag_fatal("'%s' holds files that no gongkai build wrote: a "
		    "build would replace them, and the next delete them; "
		    "choose an empty or new output folder, or move them "
		    "away", f->dir);
		goto fail;
	}
	if (mkdir_p(f->parent, 0) == -1 || lock_take(f) == -1)
		goto fail;
	sweep(f);
	if (!(flags & FSOUT_FULL))
		old_load(f);
	else
		man_forget(f);
	/* as many files as last time, most likely: room for them at once
	 * (the map of their names is made that big when the workers'
	 * files come in, take_from: a worker forked before writes into a
	 * small one, not into pages of a big one it would fault in) */
	xgrow(&f->ents, &f->capents, f->old.n, sizeof(*f->ents));
	f->standby = side_path(f->parent, f->base, "standby");
	/* --full too: a new folder would be written as fast, but the
	 * standby it replaced would then go, file by file, and on a disk
	 * with online discard deleting a site takes as long as writing
	 * it (bench/README.md) */
	if (standby_usable(f)) {
		f->tmp = xstrdup(f->standby);
		f->inplace = 1;
		f->blind = (flags & FSOUT_FULL) != 0;
	} else if ((f->tmp = tmp_make(f)) == NULL)
		goto fail;
	if ((rc = tmp_take(f)) == 1 && f->blind) {
		/* held by a build let in by a lock file removed by hand:
		 * a --full goes on beside it, in a folder of its own */
		free(f->tmp);
		f->inplace = f->blind = 0;
		if ((f->tmp = tmp_make(f)) == NULL)
			goto fail;
		rc = tmp_take(f);
	}
	if (rc == 1) {
		diag_fatal("another build is writing '%s' (was the lock "
		    "'%s/.%s.lock' removed?)", f->tmp, f->parent, f->base);
		f->inplace = 0;		/* not ours to leave half written */
		free(f->tmp);
		f->tmp = NULL;
	}
	if (rc != 0)
		goto fail;
	if (f->inplace && !f->blind)
		man_load(f, f->tmpfd, &f->sb);
	if (!f->checked) {
		free(f->sb.vok);
		f->sb.vok = NULL;
	}
	if (f->inplace) {
		f->sealed = !f->blind && standby_sealed(f->writing, f->tmpfd,
		    &f->sb, f->umask, f->uid);
		if (seal_break(f, f->tmpfd) == -1)
			goto fail;
	}
	/* what was read ahead and not taken describes no folder here */
	fsout_ahead_free(f->ahead);
	f->ahead = NULL;
	m = mmap(NULL, sizeof(*f->sh), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	f->sh = m == MAP_FAILED ? NULL : m;
	*out = f;
	return 0;
fail:
	fsout_abort(f);
	return -1;
}

void
fsout_progress(struct fsout *f, int fd, size_t expect)
{
	/* its own descriptor: a worker's stderr goes elsewhere (relayed) */
	if (f->progfd == -1)
		f->progfd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	f->expect = f->old.n > 0 ? f->old.n : expect;
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

/* Removes whatever rel is in the folder being written (a file, a
 * link, a folder and all below it).  0, or -1 (errno set). */
static int
remove_at(struct fsout *f, const char *rel)
{
	int	fd;

	if (unlinkat(f->tmpfd, rel, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR)
		return -1;
	if ((fd = openat(f->tmpfd, rel, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return -1;
	rm_below(fd);
	return unlinkat(f->tmpfd, rel, AT_REMOVEDIR);
}

/*
 * In the standby, makes rel a folder.  Most are there already, as a
 * build leaves them: one look says so (its parent was made so first,
 * and nobody else can change what that holds).  A folder stays
 * (never a link to one: files would be written through it), made ours
 * (another user could make a link of what it holds meanwhile; as root
 * it is taken over, else refused) with the mode a new one gets (a
 * read-only one, chmod by hand, would refuse the files to replace,
 * build after build).  Anything else is replaced by a folder.  Workers
 * may meet the same stale entry at once: only what is not a folder is
 * removed (unlink), never a folder, which may be the one another
 * worker has just made and written into.  0, or -1 (errno set).
 */
static int
keep_dir(struct fsout *f, const char *rel)
{
	struct stat	st;
	int		fd, tries, rc;

	if (fstatat(f->tmpfd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISDIR(st.st_mode) && st.st_uid == f->uid &&
	    (st.st_mode & 07777) == f->dmode)
		return 0;
	for (tries = 0; tries < 8; tries++) {
		fd = openat(f->tmpfd, rel, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		if (fd != -1) {
			rc = fstat(fd, &st);
			if (rc == 0 && st.st_uid != f->uid)
				rc = fchown(fd, f->uid, getegid());
			if (rc == 0 && (st.st_mode & 07777) != f->dmode)
				rc = fchmod(fd, f->dmode);
			close(fd);
			return rc;
		}
		if (errno != ENOTDIR && errno != ELOOP && errno != ENOENT)
			return -1;
		if (unlinkat(f->tmpfd, rel, 0) == -1 && errno != ENOENT &&
		    errno != EISDIR)
			return -1;
		if (mkdirat(f->tmpfd, rel, 0755) == 0)
			return 0;
		if (errno != EEXIST)
			return -1;
	}
	errno = EEXIST;
	return -1;
}

/*
 * Says that making what of rel in tmp failed (errno), unless the device
 * is full (or the quota spent) and this process said so already: every
 * file after the first fails the same way, and a province's build
 * would print 100,000 lines saying it.  Once full, nothing more is
 * tried (fsout_write, carry).
 */
static void
tmp_failed(struct fsout *f, const char *what, const char *rel)
{
	int	full = errno == ENOSPC || errno == EDQUOT;

	if (full && f->full)
		return;
	f->full |= full;
	diag_fatal("cannot %s '%s/%s': %s", what, f->tmp, rel,
	    strerror(errno));
}

/*
 * Makes folder d (n bytes of a relative path) in the temporary folder,
 * and the folders above it, each once a build: the set of folders made
 * is remembered, so a file costs no mkdir when its folder exists.
 * EEXIST is fine (a forked worker may have made it).  0 or -1.
 */
static int
make_dir(struct fsout *f, const char *d, size_t n)
{
	char		*key;
	const char	*sl;

	if (n == 0)
		return 0;
	key = xstrndup(d, n);
	if (strmap_get(&f->made, key, NULL)) {
		free(key);
		return 0;
	}
	for (sl = d + n; sl > d && sl[-1] != '/'; sl--)
		;
	if (sl > d && make_dir(f, d, (size_t)(sl - 1 - d)) == -1) {
		free(key);
		return -1;
	}
	if (f->inplace ? keep_dir(f, key) == -1 :
	    mkdirat(f->tmpfd, key, 0755) == -1 && errno != EEXIST) {
		tmp_failed(f, "create folder", key);
		free(key);
		return -1;
	}
	strmap_put(&f->made, key, 0, NULL);
	xgrow(&f->mades, &f->capmade, f->nmade + 1, sizeof(*f->mades));
	f->mades[f->nmade++] = key;
	return 0;
}

/* Shows the progress line on the terminal, at most 5 times a second
 * and only after the first second; final: clears it. */
static void
progress_show(struct fsout *f, int final)
{
	struct shared	*sh = f->sh;
	char		 line[256], left[96] = "";
	long		 t = mono_ms(), last, el;
	unsigned long	 done, pdfs, same;
	int		 n;

	if (f->progfd == -1 || sh == NULL)
		return;
	last = __atomic_load_n(&sh->shown_ms, __ATOMIC_RELAXED);
	if (final) {
		if (last != 0 && write(f->progfd, "\r\033[K", 4) < 0)
			return;
		return;
	}
	if (t - f->start_ms < 1000 || t - last < 200 ||
	    !__atomic_compare_exchange_n(&sh->shown_ms, &last, t, 0,
	    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		return;
	done = __atomic_load_n(&sh->files, __ATOMIC_RELAXED);
	pdfs = __atomic_load_n(&sh->pdfs, __ATOMIC_RELAXED);
	same = __atomic_load_n(&sh->linked, __ATOMIC_RELAXED);
	el = t - f->start_ms;
	if (f->expect > done && done > 0)
		snprintf(left, sizeof(left), " of about %zu, %ld s left",
		    f->expect, (long)((double)el * (double)(f->expect - done) /
		    (double)done / 1000.0) + 1);
	n = snprintf(line, sizeof(line), "\r\033[Kgongkai: %lu file%s%s "
	    "(%lu unchanged, %lu PDF%s)", done, done == 1 ? "" : "s", left,
	    same, pdfs, pdfs == 1 ? "" : "s");
	if (n > 0 && write(f->progfd, line, (size_t)n < sizeof(line) ?
	    (size_t)n : sizeof(line) - 1) < 0)
		return;
}

/* Counts a file done (linked: unchanged). */
static void
tick(struct fsout *f, const char *rel, int linked)
{
	size_t	n = strlen(rel);

	if (f->sh == NULL)
		return;
	__atomic_add_fetch(&f->sh->files, 1, __ATOMIC_RELAXED);
	if (linked)
		__atomic_add_fetch(&f->sh->linked, 1, __ATOMIC_RELAXED);
	if (n > 4 && strcmp(rel + n - 4, ".pdf") == 0)
		__atomic_add_fetch(&f->sh->pdfs, 1, __ATOMIC_RELAXED);
	progress_show(f, 0);
}

/* Writes the len bytes at data into fd, open on file rel of the
 * temporary folder and size bytes long, cut to len; closes fd and puts
 * the file's stamp in *stp.  0 or -1. */
static int
fill(struct fsout *f, int fd, const char *rel, const void *data, size_t len,
    off_t size, struct stamp *stp)
{
	struct stat	 st;
	const char	*p = data;
	size_t		 left = len;
	ssize_t		 n;

	while (left > 0) {
		n = write(fd, p, left);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		p += n;
		left -= (size_t)n;
	}
	if (size > (off_t)len && ftruncate(fd, (off_t)len) == -1)
		goto fail;
	if (fstat(fd, &st) == 0)
		stamp_of(&st, stp);
	if (close(fd) == -1) {
		tmp_failed(f, "write", rel);
		return -1;
	}
	return 0;
fail:
	tmp_failed(f, "write", rel);
	close(fd);
	return -1;
}

/* Writes len bytes of data to the new file rel of the temporary
 * folder, and its stamp to *stp.  0 or -1. */
static int
put_file(struct fsout *f, const char *rel, const void *data, size_t len,
    struct stamp *stp)
{
	int	fd;

	fd = openat(f->tmpfd, rel, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0644);
	if (fd == -1) {
		tmp_failed(f, "create", rel);
		return -1;
	}
	return fill(f, fd, rel, data, len, 0, stp);
}

/* Adds a group of this build called name with key (NULL: none) and
 * note (NULL: none); returns its index + 1, for ent.grp. */
static size_t
grp_add(struct fsout *f, const char *name, const char *key,
    const char *note)
{
	struct grp	*g;

	xgrow(&f->grps, &f->capgrps, f->ngrps + 1, sizeof(*f->grps));
	g = &f->grps[f->ngrps];
	g->name = xstrdup(name);
	g->note = note != NULL ? xstrdup(note) : NULL;
	g->key[0] = '\0';
	if (key != NULL && strlen(key) == 64)
		memcpy(g->key, key, 65);
	return ++f->ngrps;
}

/* Records rel (owned) with digest dig; -1 if written twice. */
static int
record(struct fsout *f, char *rel, const char *dig)
{
	if (!strmap_put(&f->seen, rel, f->nents, NULL)) {
		diag_fatal("output file '%s' written twice", rel);
		free(rel);
		return -1;
	}
	xgrow(&f->ents, &f->capents, f->nents + 1, sizeof(*f->ents));
	memset(&f->ents[f->nents], 0, sizeof(f->ents[f->nents]));
	f->ents[f->nents].rel = rel;
	memcpy(f->ents[f->nents].dig, dig, 64);
	f->ents[f->nents].dig[64] = '\0';
	f->ents[f->nents].grp = f->cur;
	/* a manifest cannot list such a name: its group is not carried */
	if (f->cur != 0 && strchr(rel, '\n') != NULL)
		f->grps[f->cur - 1].key[0] = '\0';
	f->nents++;
	return 0;
}

/*
 * Notes that a file of the live site is not what its manifest says: a
 * hand changed it, and perhaps the standby's with it (a file can be
 * both, linked), so the live site is not sealed when it is next the
 * standby (fsout_commit).
 */
static void
live_changed(struct fsout *f)
{
	f->live_bad = 1;
	if (f->sh != NULL)
		__atomic_store_n(&f->sh->live_bad, 1, __ATOMIC_RELAXED);
}

/*
 * Opens file rel of folder dirfd if it is a regular file holding
 * exactly the len bytes at data: if entry i of manifest m (i: -1 for
 * none) says it does and its stamp agrees, without reading it.
 * Whoever can write the live folder can change a file in place or put
 * a link there, and the next build must still be what a clean one
 * writes.  Returns the open file (caller closes) with its stat in *st,
 * or -1.
 */
static int
open_same(const struct fsout *f, int dirfd, const char *rel,
    const void *data, size_t len, const struct man *m, size_t i,
    struct stat *st)
{
	char		 chunk[65536];
	size_t		 done = 0;
	ssize_t		 n;
	int		 fd;

	/* (a fifo put there by hand must not stop the build) */
	fd = openat(dirfd, rel, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (fd == -1)
		return -1;
	if (fstat(fd, st) == -1 || !made_like(f, st) ||
	    (size_t)st->st_size != len)
		goto differ;
	if (i != (size_t)-1 && stamp_same(st, m, i))
		return fd;
	while (done < len && (n = read(fd, chunk, sizeof(chunk))) > 0) {
		if ((size_t)n > len - done ||
		    memcmp(chunk, (const char *)data + done, (size_t)n) != 0)
			goto differ;
		done += (size_t)n;
	}
	if (done == len && read(fd, chunk, 1) == 0)
		return fd;
differ:
	close(fd);
	return -1;
}

/* Index of rel in m if m lists it with digest dig, else (size_t)-1. */
static size_t
man_same(const struct man *m, const char *rel, const char *dig)
{
	size_t	i;

	if (m->text == NULL || !strmap_get(&m->map, rel, &i) ||
	    memcmp(m->dig[i], dig, 64) != 0)
		return (size_t)-1;
	return i;
}

/*
 * man_same of the standby's manifest, looking first at the line after
 * the one last found: files come in the order the earlier builds wrote
 * them, and each lookup in a map of 364,000 names misses the caches.
 * (A manifest's map keeps a path's first line only, and m->rel holds
 * only those: the line found is the one the map would give.)
 */
static size_t
sb_same(struct fsout *f, const char *rel, const char *dig)
{
	const struct man	*m = &f->sb;
	size_t			 j = f->sbnext;

	if (m->text == NULL)
		return (size_t)-1;
	if (j >= m->n || strcmp(m->rel[j], rel) != 0) {
		if (!strmap_get(&m->map, rel, &j))
			return (size_t)-1;
	}
	f->sbnext = j + 1;
	return memcmp(m->dig[j], dig, 64) == 0 ? j : (size_t)-1;
}

/* Links the live site's file rel into the new folder if it holds the
 * len bytes at data (entry i of its manifest says so, or -1); the
 * inode linked is the one checked (through /proc/self/fd).  0, or -1
 * (then write the file). */
static int
link_same(struct fsout *f, const char *rel, const void *data, size_t len,
    size_t i, struct stamp *stp)
{
	struct stat	 st;
	char		 proc[64];
	int		 fd, rc;

	if ((fd = open_same(f, f->oldfd, rel, data, len, &f->old, i,
	    &st)) == -1) {
		live_changed(f);
		return -1;
	}
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	rc = linkat(AT_FDCWD, proc, f->tmpfd, rel, AT_SYMLINK_FOLLOW);
	close(fd);
	stamp_of(&st, stp);	/* a link changes no modification time */
	return rc == 0 ? 0 : -1;
}

/*
 * In the standby, writes the len bytes at data over file rel where it
 * stands, if the standby alone holds it (one link, made by a build):
 * freeing a file's blocks and taking new ones costs a disk mounted
 * with online discard (-o discard, as cloud disks often are) a trim
 * the unlink waits for, and a rebuild after a template change waited
 * on 100,000 of them for half its time (bench/README.md).  A build
 * killed here leaves the file's stamp changed, so the next one reads
 * it before believing it.  1 if written, 0 if the file is not one to
 * write over (remove it), -1 on error (said).
 */
static int
rewrite_at(struct fsout *f, const char *rel, const void *data, size_t len,
    struct stamp *stp)
{
	struct stat	st;
	int		fd;

	fd = openat(f->tmpfd, rel, O_WRONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (fd == -1)
		return 0;
	if (fstat(fd, &st) == -1 || !made_like(f, &st) || st.st_nlink != 1) {
		close(fd);
		return 0;
	}
	return fill(f, fd, rel, data, len, st.st_size, stp) == 0 ? 1 : -1;
}

/* In the standby: 1 if rel holds the len bytes at data (with digest
 * dig) already, or now (rewrite_at, when linkable is 0: the live site
 * has no file of those bytes to link), else 0 after removing what is
 * there (files shared with the live site are never changed in place).
 * -1 if it cannot be removed or written. */
static int
keep_same(struct fsout *f, const char *rel, const void *data, size_t len,
    const char *dig, int linkable, struct stamp *stp)
{
	struct stat	st;
	size_t		i;
	int		fd, rc;

	/* what the standby's manifest says, if the file still agrees */
	i = sb_same(f, rel, dig);
	if (i != (size_t)-1 && (sb_checked(f, i, &st) ||
	    as_recorded(f->tmpfd, rel, f->fmode, f->uid, &f->sb, i, &st))) {
		stamp_of(&st, stp);
		return 1;
	}
	if (!f->blind && (fd = open_same(f, f->tmpfd, rel, data, len, NULL,
	    (size_t)-1, &st)) != -1) {
		close(fd);
		stamp_of(&st, stp);
		return 1;
	}
	if (!linkable && (rc = rewrite_at(f, rel, data, len, stp)) != 0)
		return rc;
	if (remove_at(f, rel) == -1) {
		diag_fatal("cannot replace '%s/%s': %s", f->tmp, rel,
		    strerror(errno));
		return -1;
	}
	return 0;
}

int
fsout_write(struct fsout *f, const char *rel, const void *data, size_t len)
{
	struct ent	*e;
	char		 dig[65];
	const char	*sl;
	size_t		 o = (size_t)-1;
	int		 kept = 0;

	if (!safe_rel(rel)) {
		diag_fatal("refusing to write outside the output folder: '%s'",
		    rel);
		return -1;
	}
	if (f->full)
		return -1;	/* said once (tmp_failed) */
	sha256_digest(data, len, dig);
	if (record(f, xstrdup(rel), dig) == -1)
		return -1;
	e = &f->ents[f->nents - 1];
	sl = strrchr(rel, '/');
	if (sl != NULL && make_dir(f, rel, (size_t)(sl - rel)) == -1)
		return -1;
	/* the live site's manifest has these bytes here */
	if (f->oldfd != -1)
		o = man_same(&f->old, rel, dig);
	if (f->inplace && (kept = keep_same(f, rel, data, len, dig,
	    o != (size_t)-1, &e->st)) == -1)
		return -1;
	/* The same bytes as in the live site: a link to its file, which
	 * is never written again (a file is written over only where one
	 * folder alone links it: rewrite_at). */
	if (!kept && !(o != (size_t)-1 && link_same(f, rel, data, len, o,
	    &e->st) == 0)) {
		if (put_file(f, rel, data, len, &e->st) == -1)
			return -1;
		o = (size_t)-1;
	}
	tick(f, rel, o != (size_t)-1);
	return 0;
}

/* ---- groups carried over -------------------------------------------- */

/*
 * The seal a manifest keeps of a group: its key hashed with the names
 * and digests of its files, in order (seal_add each).  A manifest that
 * lost, gained or changed a line of a group (a hand, a copy cut short)
 * then carries none of it over, rather than a site short of a file.
 */
static void
seal_init(struct sha256 *h, const char *key, const char *note)
{
	sha256_init(h);
	sha256_add(h, "gongkai group 1", 16);
	sha256_add(h, key, strlen(key) + 1);
	/* a group without a note seals as before notes were kept */
	if (note != NULL)
		sha256_add(h, note, strlen(note) + 1);
}

static void
seal_add(struct sha256 *h, const char *rel, const char *dig)
{
	sha256_add(h, rel, strlen(rel) + 1);
	sha256_add(h, dig, 64);
}

/* 1 if open file fd (rewound) holds bytes with SHA-256 dig. */
static int
fd_holds(int fd, const char *dig)
{
	struct sha256	 h;
	char		 chunk[65536], got[65];
	ssize_t		 n;

	sha256_init(&h);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		sha256_add(&h, chunk, (size_t)n);
	if (n == -1 || lseek(fd, 0, SEEK_SET) == -1)
		return 0;
	sha256_hex(&h, got);
	return memcmp(got, dig, 64) == 0;
}

/*
 * 1 if file rel of folder dirfd is entry i of manifest m, as a build
 * made it: its stamp agrees (a stat), or, where m is racy for it
 * (written within the clock's tick of the manifest), its bytes hash
 * to the digest recorded.  With fdp, leaves the file open there (the
 * inode to link is the one checked).
 */
static int
is_entry(const struct fsout *f, int dirfd, const char *rel,
    const struct man *m, size_t i, struct stat *st, int *fdp)
{
	int	fd;

	if (fdp == NULL && as_recorded(dirfd, rel, f->fmode, f->uid, m, i,
	    st))
		return 1;
	fd = openat(dirfd, rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		return 0;
	if (fstat(fd, st) == 0 && made_like(f, st) && stamp_eq(st, m, i) &&
	    (stamp_same(st, m, i) || fd_holds(fd, m->dig[i]))) {
		if (fdp != NULL)
			*fdp = fd;
		else
			close(fd);
		return 1;
	}
	close(fd);
	return 0;
}

/* 1 if file j of the standby is as its manifest says, sealed
 * (standby_sealed) or found so by the manifests' thread (ahead_check),
 * and st then what is_entry would have found of it. */
static int
sb_checked(const struct fsout *f, size_t j, struct stat *st)
{
	const struct stamp	*r = &f->sb.st[j];

	if (!f->sealed && (f->sb.vok == NULL || !f->sb.vok[j]))
		return 0;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFREG | f->fmode;
	st->st_uid = f->uid;
	st->st_ino = (ino_t)r->ino;
	st->st_size = (off_t)r->size;
	st->st_mtim.tv_sec = (time_t)r->sec;
	st->st_mtim.tv_nsec = r->nsec;
	return 1;
}

/*
 * How file i of the live site's manifest can be carried over: 1 if the
 * standby (written in place) already holds it, 2 if the live site's
 * file is still the one its manifest describes (to be linked), else 0.
 * A stat each, but for racy files (is_entry), unless the manifests'
 * thread made it (sb_checked).
 */
static int
carry_how(struct fsout *f, size_t i, struct stat *st)
{
	const char	*rel = f->old.rel[i];
	size_t		 j;

	if (strmap_get(&f->seen, rel, NULL))
		return 0;
	if (f->inplace && (j = sb_same(f, rel, f->old.dig[i])) !=
	    (size_t)-1 && (sb_checked(f, j, st) ||
	    is_entry(f, f->tmpfd, rel, &f->sb, j, st, NULL)))
		return 1;
	if (is_entry(f, f->oldfd, rel, &f->old, i, st, NULL))
		return 2;
	live_changed(f);
	return 0;
}

/* Carries file i of the live site's manifest over (carry_how said how,
 * with st), recorded in group g.  0 or -1. */
static int
carry(struct fsout *f, size_t i, int how, struct stat *st)
{
	const char	*rel = f->old.rel[i], *sl;
	char		 proc[64];
	int		 fd, rc;

	if (f->full)
		return -1;
	/* (a file a sealed standby holds is in its folder: no look at
	 * that, as at the file; the prune reads a folder a hand changed) */
	if (!(how == 1 && f->sealed) && (sl = strrchr(rel, '/')) != NULL &&
	    make_dir(f, rel, (size_t)(sl - rel)) == -1)
		return -1;
	if (how == 2) {
		/* the inode linked is the one checked */
		if (!is_entry(f, f->oldfd, rel, &f->old, i, st, &fd)) {
			diag_fatal("'%s/%s' changed while this build ran: "
			    "build again", f->dir, rel);
			return -1;
		}
		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
		rc = remove_at(f, rel);
		if (rc == 0)
			rc = linkat(AT_FDCWD, proc, f->tmpfd, rel,
			    AT_SYMLINK_FOLLOW);
		close(fd);
		if (rc == -1) {
			tmp_failed(f, "link", rel);
			return -1;
		}
	}
	if (record(f, xstrdup(rel), f->old.dig[i]) == -1)
		return -1;
	stamp_of(st, &f->ents[f->nents - 1].st);
	if (f->sh != NULL)
		__atomic_add_fetch(&f->sh->carried, 1, __ATOMIC_RELAXED);
	tick(f, rel, 1);
	return 0;
}

int
fsout_group_begin(struct fsout *f, const char *name, const char *key)
{
	struct stat	*sts = NULL;
	struct sha256	 h;
	unsigned char	*how = NULL;
	size_t		 g, i, n = 0, cap = 0, at;
	int		 rc = 0;
	char		 seal[65];

	f->cur = grp_add(f, name, key, NULL);
	if (key == NULL || f->oldfd == -1 ||
	    !strmap_get(&f->old.gmap, name, &g) || f->old.gkey[g] == NULL ||
	    strchr(name, '\n') != NULL)
		return 0;
	/* the same key, and the files it was made with (seal_init): from
	 * the group's first on, not a walk of the whole manifest per
	 * group (a build's groups times its files) */
	seal_init(&h, key, f->old.gnote[g]);
	for (i = f->old.gfirst[g]; i < f->old.n && f->old.grp[i] == g + 1; i++)
		seal_add(&h, f->old.rel[i], f->old.dig[i]);
	sha256_hex(&h, seal);
	if (strcmp(f->old.gkey[g], seal) != 0)
		return 0;
	/* every file can be carried over, or the group is made anew */
	for (i = f->old.gfirst[g]; i < f->old.n && f->old.grp[i] == g + 1;
	    i++) {
		xgrow(&sts, &cap, n + 1, sizeof(*sts));
		how = xrealloc(how, cap);
		if ((how[n] = (unsigned char)carry_how(f, i, &sts[n])) == 0)
			goto out;
		n++;
	}
	if (n == 0)
		goto out;
	for (i = f->old.gfirst[g], at = 0; at < n && rc != -1; i++, at++)
		if (carry(f, i, how[at], &sts[at]) == -1)
			rc = -1;
	if (rc == 0) {
		/* what the renderer noted goes on with the files */
		if (f->old.gnote[g] != NULL)
			fsout_group_note(f, f->old.gnote[g]);
		rc = 1;
	}
out:
	free(sts);
	free(how);
	if (rc != 0)
		f->cur = 0;
	return rc;
}

void
fsout_group_note(struct fsout *f, const char *note)
{
	struct grp	*g;

	if (f->cur == 0)
		return;
	g = &f->grps[f->cur - 1];
	free(g->note);
	g->note = NULL;
	/* a note is one line of the manifest */
	if (note != NULL && strchr(note, '\n') == NULL)
		g->note = xstrdup(note);
}

const char *
fsout_old_note(const struct fsout *f, const char *name)
{
	size_t	g;

	if (f->oldfd == -1 || !strmap_get(&f->old.gmap, name, &g) ||
	    f->old.gkey[g] == NULL)
		return NULL;
	return f->old.gnote[g];
}

int
fsout_old_read(struct fsout *f, const char *rel, struct buf *out)
{
	size_t		 i;
	char		 dig[65];
	int		 fd, rc;

	if (f->oldfd == -1 || !strmap_get(&f->old.map, rel, &i))
		return 0;
	fd = openat(f->oldfd, rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK);
	if (fd == -1) {
		live_changed(f);
		return -1;
	}
	buf_reset(out);
	rc = buf_read_fd(out, fd);
	close(fd);
	if (rc == -1) {
		live_changed(f);
		return -1;
	}
	/* the bytes the earlier build wrote, whatever happened since */
	sha256_digest(out->data, out->len, dig);
	if (memcmp(dig, f->old.dig[i], 64) == 0)
		return 1;
	live_changed(f);
	return -1;
}

void
fsout_group_end(struct fsout *f, int keep)
{
	if (f->cur != 0 && !keep)
		f->grps[f->cur - 1].key[0] = '\0';
	f->cur = 0;
}

int
fsout_fresh(const struct fsout *f)
{
	return f->oldfd == -1;
}

int
fsout_exists(struct fsout *f, const char *rel)
{
	return strmap_get(&f->seen, rel, NULL);
}

void
fsout_stats(const struct fsout *f, struct fsout_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->files = f->nents;
	if (f->sh != NULL) {
		st->unchanged = f->sh->linked;
		st->carried = f->sh->carried;
		st->pdfs = f->sh->pdfs;
	}
	if (f->oldfd != -1) {
		size_t	 j;

		/* the live site's files (a path once each: man_parse) */
		for (j = 0; j < f->old.n; j++)
			if (!strmap_get(&f->seen, f->old.rel[j], NULL))
				st->deleted++;
	}
	st->previous = f->oldfd != -1;
}

/* ---- forked workers -------------------------------------------------- */

/* Appends "<digest> <ino> <size> <sec>.<nsec> <rel>" for e: a line per
 * file of the site, so built without printf. */
static void
ent_line(struct buf *b, const struct ent *e)
{
	buf_puts(b, e->dig);
	buf_putc(b, ' ');
	stamp_put(b, &e->st);
	buf_putc(b, ' ');
	buf_puts(b, e->rel);
	buf_putc(b, '\n');
}

/* Appends "<mark><a> <b>\n" (b NULL: "<mark><a>\n"), without printf:
 * a group's lines, as many as there are units' pages. */
static void
grp_line(struct buf *out, const char *mark, const char *a, const char *b)
{
	buf_puts(out, mark);
	buf_puts(out, a);
	if (b != NULL) {
		buf_putc(out, ' ');
		buf_puts(out, b);
	}
	buf_putc(out, '\n');
}

/* Writes b to fd and empties it (fd -1: keeps it).  0 or -1. */
static int
lines_out(struct buf *b, int fd)
{
	if (fd == -1 || b->len == 0)
		return 0;
	if (write_all(fd, b->data, b->len) == -1)
		return -1;
	buf_reset(b);
	return 0;
}

/*
 * The lines of a manifest, or of a worker's report (man_parse reads
 * both), for files from to f->nents: a line per file, and around the
 * files of a group that can be carried over, its lines (man_group),
 * with its seal (seal_init) in a manifest, its key in a report.  They
 * go into b, and with fd not -1 on to fd a piece at a time, b left
 * empty: a manifest is 92 MB at 100,000 items, and every fresh page a
 * buffer that size touches costs a fault (bench/README.md).  Returns
 * 0, or -1 if a write to fd failed (errno set).
 */
static int
ent_lines(const struct fsout *f, size_t from, int sealed, struct buf *b,
    int fd)
{
	const struct ent	*e;
	const struct grp	*g;
	struct sha256		 h;
	size_t			 i, j, open = 0;
	char			 seal[65];

	for (i = from; i < f->nents; i++) {
		if (b->len >= LINES_AT && lines_out(b, fd) == -1)
			return -1;
		e = &f->ents[i];
		if (strchr(e->rel, '\n') != NULL)
			continue;
		g = e->grp != 0 ? &f->grps[e->grp - 1] : NULL;
		if (g != NULL && (g->key[0] == '\0' ||
		    strchr(g->name, '\n') != NULL))
			g = NULL;
		if (e->grp != open) {
			if (g != NULL && sealed) {
				seal_init(&h, g->key, g->note);
				for (j = i; j < f->nents && f->ents[j].grp ==
				    e->grp; j++)
					seal_add(&h, f->ents[j].rel,
					    f->ents[j].dig);
				sha256_hex(&h, seal);
				grp_line(b, "= ", seal, g->name);
			} else if (g != NULL)
				grp_line(b, "= ", g->key, g->name);
			else if (open != 0)
				buf_puts(b, "=\n");
			if (g != NULL && g->note != NULL)
				grp_line(b, "+ ", g->note, NULL);
			open = g != NULL ? e->grp : 0;
		}
		ent_line(b, e);
	}
	return lines_out(b, fd);
}

/* Appends the files recorded since the fork to fd, as ent_lines(). */
static int
report_to(struct fsout *f, int fd)
{
	struct buf	b = BUF_INIT;
	int		rc;

	rc = ent_lines(f, f->forked, 0, &b, fd);
	buf_dispose(&b);
	return rc;
}

/* Takes in what a worker reported through fd (rewound).  0 or -1. */
static int
take_from(struct fsout *f, int fd)
{
	struct buf	 b = BUF_INIT;
	struct man	 m;
	size_t		 i;
	int		 rc = 0;

	if (lseek(fd, 0, SEEK_SET) == -1 || buf_read_fd(&b, fd) == -1) {
		diag_fatal("cannot read what a worker wrote: %s",
		    strerror(errno));
		buf_dispose(&b);
		return -1;
	}
	/* a manifest's lines, in order (a path written twice by two
	 * workers is caught by record: no map of them here) */
	man_init(&m);
	man_parse(&m, b.data, 0);
	strmap_reserve(&f->seen, f->nents + m.n > f->old.n ? f->nents + m.n :
	    f->old.n);
	for (i = 0; i < m.n; i++) {
		if (i == 0 || m.grp[i] != m.grp[i - 1])
			f->cur = m.grp[i] == 0 ? 0 : grp_add(f,
			    m.gname[m.grp[i] - 1], m.gkey[m.grp[i] - 1],
			    m.gnote[m.grp[i] - 1]);
		if (record(f, xstrdup(m.rel[i]), m.dig[i]) == -1)
			rc = -1;
		else
			f->ents[f->nents - 1].st = m.st[i];
	}
	f->cur = 0;
	man_free(&m);
	buf_dispose(&b);
	return rc;
}

/* Copies what a worker said on stderr (fd, rewound), then closes it. */
static void
relay(int fd)
{
	char	 b[4096];
	ssize_t	 n;

	if (fd == -1)
		return;
	if (lseek(fd, 0, SEEK_SET) == 0)
		while ((n = read(fd, b, sizeof(b))) > 0)
			if (write_all(STDERR_FILENO, b, (size_t)n) == -1)
				break;
	close(fd);
}

/* A worker running beside its parent (fsout_spawn). */
struct fsout_job {
	pid_t		 pid;	/* its process; -1: ran here or not at all */
	int		 rep;	/* where it reports its files, or -1 */
	int		 err;	/* its stderr, or -1 */
	int		 rc;	/* -1 if it failed before being waited for */
	int		 k;	/* its number, for messages */
	const char	*what;
};

/* Forks worker k of n running fn; runs it here if fork fails. */
static struct fsout_job *
job_start(struct fsout *f, const char *what, int k, int n,
    int (*fn)(void *, int, int), void *arg)
{
	struct fsout_job	*j = xcalloc(1, sizeof(*j));
	pid_t			 self = getpid();
	int			 st;

	j->pid = -1;
	j->k = k;
	j->what = what;
	j->rep = par_file("gongkai-files");
	j->err = par_file("gongkai-stderr");
	if (j->rep == -1 || j->err == -1) {
		j->rc = -1;
		return j;
	}
	fflush(stdout);
	fflush(stderr);
	j->pid = fork();
	if (j->pid == 0) {
		/* what it reports; in its parent, forked stays what that
		 * reports, itself a worker (out_search.c's helper) */
		f->forked = f->nents;
		/* A worker dies with its build (kill -9 included), never
		 * writing on into the temporary folder. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 ||
		    getppid() != self)
			_exit(1);
		dup2(j->err, STDERR_FILENO);
		st = fn(arg, k, n);
		fflush(stderr);
		if (report_to(f, j->rep) == -1)
			st = -1;
		_exit(st == 0 ? 0 : 1);
	}
	if (j->pid == -1 && fn(arg, k, n) == -1)	/* here */
		j->rc = -1;
	return j;
}

/* Waits for worker j, takes in its files and relays what it said;
 * frees j.  Returns 0 or -1. */
static int
job_wait(struct fsout *f, struct fsout_job *j)
{
	pid_t	r;
	int	st, rc = j->rc;

	if (j->pid > 0) {
		while ((r = waitpid(j->pid, &st, 0)) == -1 && errno == EINTR)
			;
		relay(j->err);
		j->err = -1;
		if (r == -1) {
			rc = -1;
			diag_fatal("cannot wait for %s worker %d: %s",
			    j->what, j->k + 1, strerror(errno));
		} else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			rc = -1;
			if (!WIFEXITED(st))
				diag_fatal("%s worker %d died (signal %d)",
				    j->what, j->k + 1, WIFSIGNALED(st) ?
				    WTERMSIG(st) : 0);
		} else if (take_from(f, j->rep) == -1)
			rc = -1;
	}
	relay(j->err);
	if (j->rep != -1)
		close(j->rep);
	free(j);
	return rc;
}

int
fsout_fork(struct fsout *f, const char *what, int n,
    int (*fn)(void *, int, int), void *arg)
{
	struct fsout_job	**jobs;
	int			  k, rc = 0;

	if (n <= 1)
		return fn(arg, 0, 1);
	jobs = xcalloc((size_t)n, sizeof(*jobs));
	for (k = 0; k < n; k++)
		jobs[k] = job_start(f, what, k, n, fn, arg);
	for (k = 0; k < n; k++)
		if (job_wait(f, jobs[k]) == -1)
			rc = -1;
	free(jobs);
	return rc;
}

struct fsout_job *
fsout_spawn(struct fsout *f, const char *what, int (*fn)(void *, int, int),
    void *arg)
{
	return job_start(f, what, 0, 1, fn, arg);
}

int
fsout_join(struct fsout *f, struct fsout_job *j)
{
	return j == NULL ? 0 : job_wait(f, j);
}

/* ---- finishing ------------------------------------------------------- */

static void
fsout_release(struct fsout *f)
{
	size_t	i;

	progress_show(f, 1);
	for (i = 0; i < f->nents; i++)
		free(f->ents[i].rel);
	free(f->ents);
	for (i = 0; i < f->ngrps; i++) {
		free(f->grps[i].name);
		free(f->grps[i].note);
	}
	free(f->grps);
	strmap_dispose(&f->seen);
	buf_dispose(&f->sfxs);
	buf_dispose(&f->dlines);
	for (i = 0; i < f->nmade; i++)
		free(f->mades[i]);
	free(f->mades);
	strmap_dispose(&f->made);
	man_free(&f->old);
	man_free(&f->sb);
	fsout_ahead_free(f->ahead);
	if (f->oldfd != -1)
		close(f->oldfd);
	if (f->tmpfd != -1)
		close(f->tmpfd);
	if (f->sh != NULL)
		munmap(f->sh, sizeof(*f->sh));
	if (f->progfd != -1)
		close(f->progfd);
	if (f->lockfd != -1)
		close(f->lockfd);	/* releases the lock */
	free(f->dir);
	free(f->parent);
	free(f->base);
	free(f->tmp);
	free(f->standby);
	free(f->writing);
	free(f);
}

static int replace_pieces(const char *, const struct iovec *, int, int);

/*
 * Writes .<base>.manifest beside the output: the device and inode of
 * the temporary folder (which keeps them when it becomes the site),
 * then a line per file with its digest and stamp; the one it replaces
 * becomes .<base>.standby.manifest, as its folder becomes the standby.
 * Written before the swap: if the swap never happens, the inode names
 * no live site and the next build ignores it.  0 or -1.
 */
static int
manifest_write(struct fsout *f, const struct buf *files, int filesfd)
{
	struct iovec	 iov[3];
	struct stat	 st;
	struct buf	 b = BUF_INIT;
	char		*path, *old;
	int		 rc;

	if (fstat(f->tmpfd, &st) == -1) {
		diag_fatal("cannot read '%s': %s", f->tmp, strerror(errno));
		return -1;
	}
	buf_printf(&b, "gongkai-manifest 4 %llu %llu %o %o %lu\n",
	    (unsigned long long)st.st_dev, (unsigned long long)st.st_ino,
	    (unsigned int)f->fmode, (unsigned int)f->dmode,
	    (unsigned long)f->uid);
	/* the live site's becomes the standby's (it names its folder) */
	path = man_path(f->parent, f->base, 0);
	old = man_path(f->parent, f->base, 1);
	if (rename(path, old) == -1 && errno != ENOENT)
		unlink(old);
	/* the file lines: in files, or in filesfd (92 MB at 100,000
	 * items, copied by the kernel) */
	iov[0].iov_base = b.data;
	iov[0].iov_len = b.len;
	iov[1].iov_base = f->dlines.data;
	iov[1].iov_len = f->dlines.len;
	iov[2].iov_base = files->data;
	iov[2].iov_len = files->len;
	rc = replace_pieces(path, iov, 3, filesfd);
	free(path);
	free(old);
	buf_dispose(&b);
	return rc;
}

/* The old site, in f->tmp after an exchange, becomes the standby
 * (see the top of this file); or goes, if it cannot. */
static void
keep_old(struct fsout *f)
{
	int	fd;

	/* not while a build writes it (see fsout_open_flags) */
	fd = open(f->standby, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd != -1 && flock(fd, LOCK_EX | LOCK_NB) == -1) {
		close(fd);
		rm_tree(f->tmp);
		return;
	}
	rm_tree(f->standby);
	if (fd != -1)
		close(fd);
	if (rename(f->tmp, f->standby) == -1)
		rm_tree(f->tmp);
}

/* Adds the folders above rel to set dirs. */
static void
dirs_of(struct strmap *dirs, const char *rel)
{
	const char	*sl;
	char		*d;

	for (sl = strrchr(rel, '/'); sl != NULL; ) {
		d = xstrndup(rel, (size_t)(sl - rel));
		if (!strmap_put(dirs, d, 0, NULL)) {
			free(d);	/* and so are those above it */
			return;
		}
		while (--sl > rel && *sl != '/')
			;
		if (sl == rel)
			sl = NULL;
	}
}

/* Appends the manifest line of folder rel (len bytes): its stamp,
 * from st, with count entries; or, st NULL, a stamp that says
 * nothing. */
static void
folder_line(struct buf *lines, const struct stat *st,
    unsigned long long count, const char *rel, size_t len)
{
	struct stamp	ds;

	memset(&ds, 0, sizeof(ds));
	if (st != NULL) {
		ds.ino = (unsigned long long)st->st_ino;
		ds.size = count;
		ds.sec = (long long)st->st_ctim.tv_sec;
		ds.nsec = st->st_ctim.tv_nsec;
	}
	buf_puts(lines, "/ ");
	stamp_put(lines, &ds);
	buf_putc(lines, ' ');
	buf_put(lines, rel, len);
	buf_putc(lines, '\n');
}

/*
 * Pruning the standby.  Every folder it holds after a prune is noted in
 * the manifest with its stamp, unless the prune removed something from
 * it (that changed it): as long as its inode and change time are those,
 * no entry was added to it or removed, so it holds the files the
 * manifest lists in it and the folders noted in it, and need not be
 * read.  A folder this build wrote in has another time, and is read.
 * The change time, not the modification time: touch -d sets the one,
 * nothing but the clock the other.
 */
struct prune {
	struct fsout		*f;
	const struct strmap	*dirs;	/* the folders of files written */
	struct buf		*rel;	/* the folder's path */
	struct buf		*lines;	/* the manifest's folder lines */
	int			 removed; /* 1 once something in it went */
	size_t			 visited; /* folders of dirs read */
	unsigned long long	 count;	/* entries it holds */
	/* the standby's manifest by folder: its files' and folders'
	 * indices, each list linked through the next arrays */
	size_t			*ffirst, *fnext, *dfirst, *dnext;
};

static int prune_folder(struct prune *);

/* Takes entry name (a folder if dir; -1: what this build wrote says,
 * for a name from the manifest) of p's folder: kept if this build
 * wrote it (or a file below it), else removed.  0 or -1. */
static int
prune_take(struct prune *p, const char *name, int dir)
{
	unsigned long long count = p->count;
	size_t	 at = p->rel->len;
	int	 rc = 0, removed = p->removed;

	if (at > 0)
		buf_putc(p->rel, '/');
	buf_puts(p->rel, name);
	if (dir != 1 && strmap_get(&p->f->seen, p->rel->data, NULL))
		;	/* a file this build wrote (prune checked that
			   none is a folder too) */
	else if (dir != 0 && strmap_get(p->dirs, p->rel->data, NULL)) {
		/* a folder this build wrote in */
		p->removed = 0;
		p->count = 0;
		rc = prune_folder(p);
		p->removed = removed;
		p->count = count;
	} else {
		if ((rc = remove_at(p->f, p->rel->data)) == -1)
			diag_fatal("cannot remove '%s/%s': %s", p->f->tmp,
			    p->rel->data, strerror(errno));
		p->removed = 1;
	}
	buf_truncate(p->rel, at);
	p->count++;
	return rc;
}

static int
prune_entry(void *arg, const char *name, unsigned char type)
{
	struct prune	*p = arg;
	struct stat	 st;
	size_t		 at = p->rel->len;
	int		 dir = type == DT_DIR;

	if (type == DT_UNKNOWN) {
		if (at > 0)
			buf_putc(p->rel, '/');
		buf_puts(p->rel, name);
		dir = fstatat(p->f->tmpfd, p->rel->data, &st,
		    AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
		buf_truncate(p->rel, at);
	}
	return prune_take(p, name, dir) == 0 ? 0 : 1;
}

/* The last component of path. */
static const char *
base_name(const char *path)
{
	const char	*sl = strrchr(path, '/');

	return sl != NULL ? sl + 1 : path;
}

/* 1 and its index in *k if the folder path is in (d: scratch) is one
 * m notes. */
static int
folder_of(const struct man *m, const char *path, struct buf *d, size_t *k)
{
	const char	*sl = strrchr(path, '/');

	buf_reset(d);
	if (sl != NULL)
		buf_put(d, path, (size_t)(sl - path));
	return strmap_get(&m->dmap, d->data, k);
}

/* Indexes the standby's manifest by folder, for prune_folder. */
static void
prune_index(struct prune *p, const struct man *m)
{
	struct buf	 d = BUF_INIT;
	size_t		 i, k;

	p->ffirst = xcalloc(m->nd + 1, sizeof(size_t));
	p->dfirst = xcalloc(m->nd + 1, sizeof(size_t));
	p->dnext = xcalloc(m->nd + 1, sizeof(size_t));
	p->fnext = xcalloc(m->n + 1, sizeof(size_t));
	/* (each list's indices + 1, 0 ending it) */
	for (i = m->n; i-- > 0; )
		if (folder_of(m, m->rel[i], &d, &k)) {
			p->fnext[i] = p->ffirst[k];
			p->ffirst[k] = i + 1;
		}
	for (i = m->nd; i-- > 0; )
		if (*m->dpath[i] != '\0' && folder_of(m, m->dpath[i], &d, &k)) {
			p->dnext[i] = p->dfirst[k];
			p->dfirst[k] = i + 1;
		}
	buf_dispose(&d);
}

/* 1 if name can be a folder's entry. */
static int
entry_name(const char *name)
{
	return *name != '\0' && strcmp(name, ".") != 0 &&
	    strcmp(name, "..") != 0;
}

/* 1 if the manifest lists n entries for folder k, each a name (a
 * line cut off, or edited by hand, must not remove what is wanted,
 * nor keep what is not). */
static int
prune_listed(const struct prune *p, size_t k, unsigned long long n)
{
	const struct man	*m = &p->f->sb;
	unsigned long long	 got = 0;
	size_t			 i;

	for (i = p->ffirst[k]; i != 0; i = p->fnext[i - 1], got++)
		if (!entry_name(base_name(m->rel[i - 1])))
			return 0;
	for (i = p->dfirst[k]; i != 0; i = p->dnext[i - 1], got++)
		if (!entry_name(base_name(m->dpath[i - 1])))
			return 0;
	return got == n;
}

/* The index of p's folder in the standby's manifest if its stamp, st,
 * says it holds what that lists; else -1. */
static long
prune_known(const struct prune *p, const struct stat *st)
{
	const struct man	*m = &p->f->sb;
	const struct stamp	*r;
	size_t			 k;

	if (p->ffirst == NULL || !strmap_get(&m->dmap, p->rel->data, &k))
		return -1;
	r = &m->dst[k];
	if (r->ino == 0 || (unsigned long long)st->st_ino != r->ino ||
	    (long long)st->st_ctim.tv_sec != r->sec ||
	    st->st_ctim.tv_nsec != r->nsec ||
	    /* changed within the clock's step before the manifest: racy */
	    r->sec > (long long)m->when.tv_sec ||
	    (r->sec == (long long)m->when.tv_sec &&
	    r->nsec >= m->when.tv_nsec) || !prune_listed(p, k, r->size))
		return -1;
	return (long)k;
}

/*
 * In a sealed standby (standby_sealed), a folder read again changed
 * since its manifest: by this build, or by a hand.  Its files this
 * build took over from the manifest without a look must still be
 * there.  0, or -1 after a diagnostic: the build fails with the seal
 * broken (seal_break), and the next checks every file.
 */
static int
prune_missing(const struct prune *p)
{
	const struct man	*m = &p->f->sb;
	struct stat		 st;
	const char		*rel;
	size_t			 k, i;

	if (!p->f->sealed || p->ffirst == NULL ||
	    !strmap_get(&m->dmap, p->rel->len > 0 ? p->rel->data : "", &k))
		return 0;
	for (i = p->ffirst[k]; i != 0; i = p->fnext[i - 1]) {
		rel = m->rel[i - 1];
		if (!strmap_get(&p->f->seen, rel, NULL) ||
		    (fstatat(p->f->tmpfd, rel, &st, AT_SYMLINK_NOFOLLOW) ==
		    0 && S_ISREG(st.st_mode)))
			continue;
		diag_fatal("'%s/%s' was removed by hand after a build wrote "
		    "it: build again, and the next build checks every file",
		    p->f->dir, rel);
		return -1;
	}
	return 0;
}

/*
 * Removes from p's folder what this build did not write: files not in
 * f->seen, folders not in dirs; and notes it for the manifest.  0, or
 * -1 after a diagnostic.
 */
static int
prune_folder(struct prune *p)
{
	const struct man	*m = &p->f->sb;
	const char		*rel = p->rel->len > 0 ? p->rel->data : ".";
	struct stat		 st;
	long			 k;
	size_t			 i;
	int			 fd = -1, rc = 0;

	if (p->rel->len > 0)
		p->visited++;
	if (fstatat(p->f->tmpfd, rel, &st, AT_SYMLINK_NOFOLLOW) == -1) {
		diag_fatal("cannot read '%s/%s': %s", p->f->tmp, rel,
		    strerror(errno));
		return -1;
	}
	/* a folder chmod'ed or chown'ed by a hand, that a sealed build
	 * carried files into without a look (carry): made as a build
	 * makes one, its stamp no longer the one seen */
	if (p->rel->len > 0 && S_ISDIR(st.st_mode) &&
	    (st.st_uid != p->f->uid || (st.st_mode & 07777) != p->f->dmode)) {
		if (keep_dir(p->f, rel) == -1) {
			diag_fatal("cannot set the mode of '%s/%s': %s",
			    p->f->tmp, rel, strerror(errno));
			return -1;
		}
		p->removed = 1;
	}
	if ((k = prune_known(p, &st)) != -1) {
		/* what the manifest says it holds */
		for (i = p->ffirst[k]; i != 0 && rc == 0; i = p->fnext[i - 1])
			rc = prune_take(p, base_name(m->rel[i - 1]), -1);
		for (i = p->dfirst[k]; i != 0 && rc == 0; i = p->dnext[i - 1])
			rc = prune_take(p, base_name(m->dpath[i - 1]), -1);
	} else if ((fd = openat(p->f->tmpfd, rel, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC)) == -1 ||
	    (rc = dirlist_each(fd, prune_entry, p)) == -1) {
		diag_fatal("cannot read '%s/%s': %s", p->f->tmp, rel,
		    strerror(errno));
		rc = -1;
	} else if (rc == 0)
		rc = prune_missing(p);
	if (fd != -1)
		close(fd);
	/* its stamp, if nothing in it was removed since */
	folder_line(p->lines, p->removed ? NULL : &st, p->count, p->rel->data,
	    p->rel->len);
	return rc == 0 ? 0 : -1;
}

/*
 * In a sealed standby the prune reads every folder of the files this
 * build wrote (dirs) but for one that is not there: files a build
 * carried without a look at them (carry) went with it, by a hand.
 * Says which, and returns -1: the build fails with the seal broken, and
 * the next one checks every file.
 */
static int
folder_gone(const struct fsout *f, const struct strmap *dirs)
{
	struct stat	 st;
	const char	*d = NULL;
	size_t		 i;

	for (i = 0; i < dirs->cap && d == NULL; i++)
		if (dirs->slots[i].key != NULL &&
		    (fstatat(f->tmpfd, dirs->slots[i].key, &st,
		    AT_SYMLINK_NOFOLLOW) == -1 || !S_ISDIR(st.st_mode)))
			d = dirs->slots[i].key;
	diag_fatal("'%s/%s' was removed by hand after a build wrote it: "
	    "build again, and the next build checks every file", f->dir,
	    d != NULL ? d : "(a folder)");
	return -1;
}

/*
 * -1 after a diagnostic if a path of folders, the keys of dirs, is also
 * a file this build wrote (a file "a" and a file "a/b"): one of them
 * was removed to make the other (keep_dir, keep_same, carry), and the
 * manifest would list a file that is not there; else 0.
 */
static int
file_folder_clash(const struct fsout *f, const struct strmap *dirs)
{
	size_t	i;

	for (i = 0; i < dirs->cap; i++)
		if (dirs->slots[i].key != NULL &&
		    strmap_get(&f->seen, dirs->slots[i].key, NULL)) {
			diag_fatal("output file '%s' is also a folder of "
			    "files written", dirs->slots[i].key);
			return -1;
		}
	return 0;
}

/* The standby written in place holds what this build wrote and what
 * an earlier one left: the latter goes.  0 or -1. */
static int
prune(struct fsout *f)
{
	struct strmap	 dirs;
	struct buf	 rel = BUF_INIT;
	struct prune	 p;
	size_t		 i;
	int		 rc;

	memset(&p, 0, sizeof(p));
	p.f = f;
	p.dirs = &dirs;
	p.rel = &rel;
	p.lines = &f->dlines;
	strmap_init(&dirs);
	for (i = 0; i < f->nents; i++)
		dirs_of(&dirs, f->ents[i].rel);
	/* (prune_take keeps a path written as a file without asking
	 * whether it is a folder too) */
	rc = file_folder_clash(f, &dirs);
	if (rc == 0 && f->sb.nd > 0)
		prune_index(&p, &f->sb);
	if (rc == 0)
		rc = prune_folder(&p);
	if (rc == 0 && f->sealed && p.visited < dirs.n)
		rc = folder_gone(f, &dirs);
	for (i = 0; i < dirs.cap; i++)
		free((char *)dirs.slots[i].key);
	strmap_dispose(&dirs);

	buf_dispose(&rel);
	free(p.ffirst);
	free(p.fnext);
	free(p.dfirst);
	free(p.dnext);
	return rc;
}

/* The folders of a new tree and how many entries each holds. */
struct folders {
	struct strmap	 map;	/* path ("" the root) -> index */
	char		**path;	/* owned */
	size_t		*count;
	size_t		 n, cap;
};

/* Counts one more entry in the folder of rel, noted if new; returns
 * 1 if it was new. */
static int
folder_count(struct folders *fl, const char *rel)
{
	const char	*sl = strrchr(rel, '/');
	char		*d = sl != NULL ? xstrndup(rel, (size_t)(sl - rel)) :
			    xstrdup("");
	size_t		 k;

	if (strmap_get(&fl->map, d, &k)) {
		free(d);
		fl->count[k]++;
		return 0;
	}
	if (fl->n == fl->cap) {
		xgrow(&fl->path, &fl->cap, fl->n + 1, sizeof(*fl->path));
		fl->count = xrealloc(fl->count, fl->cap * sizeof(*fl->count));
	}
	fl->path[fl->n] = d;
	fl->count[fl->n] = 1;
	strmap_put(&fl->map, d, fl->n++, NULL);
	return 1;
}

/*
 * A folder made anew (no standby written in place) holds what this
 * build wrote and nothing else: its folders' stamps are noted as a
 * prune notes them (folder_line), so the next build that writes it in
 * place, when it is the standby, reads only the folders changed since
 * (a prune that read all 97,000 folders of a 100,000-item site took a
 * second of a rebuild on this disk).
 * 0, or -1 if a path is both a file and a folder (file_folder_clash).
 */
static int
fresh_folders(struct fsout *f)
{
	struct folders	 fl;
	struct stat	 st;
	size_t		 i;
	const char	*d;
	int		 known, rc;

	memset(&fl, 0, sizeof(fl));
	strmap_init(&fl.map);
	/* a folder new to the count is an entry of the one above it,
	 * up to the root */
	for (i = 0; i < f->nents; i++)
		for (d = f->ents[i].rel; folder_count(&fl, d) &&
		    *(d = fl.path[fl.n - 1]) != '\0'; )
			;
	rc = file_folder_clash(f, &fl.map);
	for (i = 0; i < fl.n; i++) {
		d = fl.path[i];
		known = fstatat(f->tmpfd, *d != '\0' ? d : ".", &st,
		    AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
		folder_line(&f->dlines, known ? &st : NULL, fl.count[i], d,
		    strlen(d));
		free(fl.path[i]);
	}
	strmap_dispose(&fl.map);
	free(fl.path);
	free(fl.count);
	return rc;
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

	/* the standby's name ends in a suffix no build recorded yet */
	if (sfx_add(f, sfx) == -1)
		return -1;
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

/*
 * The manifest's file lines, made in a thread while the prune runs:
 * each sweeps every file of the site (364,000 at 100,000 items; 0.2 s
 * and 0.45 s of a one-item rebuild on this disk, one after the other),
 * and neither changes what the other reads (ent_lines reads the files
 * and groups of this build; the prune reads those and the standby's
 * manifest, and writes only the folder lines and the standby).
 */
struct lines_job {
	const struct fsout	*f;
	struct buf		 b;	/* the lines, if fd is -1 */
	int			 fd;	/* the lines (a memfd), or -1 */
	int			 err;	/* errno of a failed write, or 0 */
	pthread_t		 th;
	int			 started;
};

static void *
lines_run(void *arg)
{
	struct lines_job	*j = arg;

	if (ent_lines(j->f, 0, 1, &j->b, j->fd) == -1)
		j->err = errno;
	return NULL;
}

static void
lines_start(struct lines_job *j, const struct fsout *f)
{
	j->f = f;
	buf_init(&j->b);
	j->fd = par_file_quiet("gongkai-manifest");	/* -1: in b */
	j->err = 0;
	j->started = pthread_create(&j->th, NULL, lines_run, j) == 0;
	if (!j->started)
		lines_run(j);
}

static void
lines_dispose(struct lines_job *j)
{
	buf_dispose(&j->b);
	if (j->fd != -1)
		close(j->fd);
}

static void
lines_wait(struct lines_job *j)
{
	if (j->started)
		pthread_join(j->th, NULL);
	j->started = 0;
}

int
fsout_commit(struct fsout *f)
{
	struct lines_job lines;
	struct stat	 st, tst;
	int		 pruned, rc = -1;

	/* The exchange goes by name: the folder there must still be the
	 * one written (not one moved there by hand, or by a build that
	 * ran beside this one), or the wrong one would go live. */
	if (fstat(f->tmpfd, &tst) == -1 || lstat(f->tmp, &st) == -1 ||
	    st.st_dev != tst.st_dev || st.st_ino != tst.st_ino) {
		diag_fatal("'%s' was moved or replaced during the build; "
		    "the site is left as it was", f->tmp);
		free(f->tmp);		/* what is there is not ours */
		f->tmp = NULL;
		fsout_abort(f);
		return -1;
	}
	lines_start(&lines, f);
	pruned = f->inplace ? prune(f) : fresh_folders(f);
	lines_wait(&lines);
	if (lines.err != 0)
		diag_fatal("cannot keep the manifest's lines: %s",
		    strerror(lines.err));
	if (pruned == -1 || lines.err != 0 ||
	    manifest_write(f, &lines.b, lines.fd) == -1) {
		lines_dispose(&lines);
		fsout_abort(f);
		return -1;
	}
	lines_dispose(&lines);
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
		/* One step; the old site is now in the temporary folder,
		 * or in the standby already. */
		if (!f->inplace)
			keep_old(f);
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
		/* the standby written in place (seal_break) is live, with
		 * its manifest: sealed when it is next the standby.  The
		 * live site a hand changed, now the standby, is not:
		 * perhaps that one was the other's too (a link). */
		if (f->oldfd != -1 && (f->live_bad || (f->sh != NULL &&
		    f->sh->live_bad)))
			(void)seal_break(f, f->oldfd);
		else if (f->inplace)
			unlink(f->writing);
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
	/* a standby half written is set right by the next build */
	if (f->tmp != NULL && !f->inplace)
		rm_tree(f->tmp);
	fsout_release(f);
}

/* Appends to fd all that file from holds, from its start: by the
 * kernel, page cache to page cache, or through a buffer where it
 * cannot.  0, or -1 with errno set. */
static int
copy_all(int fd, int from)
{
	char	 b[65536];
	off_t	 off = 0;
	ssize_t	 n;

	for (;;) {
		if ((n = sendfile(fd, from, &off, (size_t)1 << 30)) == 0)
			return 0;
		if (n == -1 && errno != EINTR)
			break;
	}
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	while ((n = pread(from, b, sizeof(b), off)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || write_all(fd, b, (size_t)n) == -1)
			return -1;
		off += n;
	}
	return 0;
}

/*
 * Writes the n pieces at iov, one after the other, and then what file
 * from holds (-1: nothing), to a new temporary file beside path, mode
 * 0644.  Returns its name (caller unlinks and frees), or NULL after a
 * diagnostic.
 */
static char *
temp_beside(const char *path, const struct iovec *iov, int n, int from)
{
	char		*tmp = xasprintf("%s.tmp-XXXXXX", path);
	int		 fd, i, rc = -1;

	if ((fd = mkstemp(tmp)) == -1) {
		diag_fatal("cannot create '%s': %s", tmp, strerror(errno));
		free(tmp);
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (write_all(fd, iov[i].iov_base, iov[i].iov_len) == -1)
			goto out;
	if (from != -1 && copy_all(fd, from) == -1)
		goto out;
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

/* Replaces path by the n pieces at iov and what file from holds (-1:
 * nothing) (fsout_replace_file). */
static int
replace_pieces(const char *path, const struct iovec *iov, int n, int from)
{
	char	*tmp;
	int	 rc = 0;

	if ((tmp = temp_beside(path, iov, n, from)) == NULL)
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
fsout_replace_file(const char *path, const void *data, size_t len)
{
	struct iovec	iov = { (void *)data, len };

	return replace_pieces(path, &iov, 1, -1);
}

int
fsout_create_file(const char *path, const void *data, size_t len)
{
	struct iovec	 iov = { (void *)data, len };
	char		*tmp;
	int		 rc = 0;

	if ((tmp = temp_beside(path, &iov, 1, -1)) == NULL)
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
