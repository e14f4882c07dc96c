/*
 * fswalk.h -- the files under a folder, listed by several threads.
 *
 * A work tree of 100,000 items is some 97,000 folders (a unit's
 * categories each have one): listing it is an open, two reads and a
 * close a folder and a stat a file, most of a second before a build
 * can start, with the other cores idle.  Here every folder is a task
 * that whichever thread is free takes; a folder is opened in its
 * parent's descriptor, without following a symbolic link, as a walk by
 * one thread would.  The order the files come in depends on the
 * threads: the caller sorts them (source.c does anyway).
 *
 * A walk may be given the folders an earlier one listed (a memo,
 * listcache.h): a folder whose stamp is the one listed then is not
 * opened and read, only its files stat'ed (an item edited in place
 * changes no folder's stamp).  Its listing comes back in the walk's
 * folders, with those it read, for the memo of the next.
 */
#ifndef GONGKAI_FSWALK_H
#define GONGKAI_FSWALK_H

#include <stddef.h>

struct arena;

/* A file (anything but a folder) found, with its stat. */
struct fswalk_file {
	const char	*path;	/* rel/name/..., in the walk's arena */
	unsigned	 mode;	/* st_mode */
	size_t		 size;
	unsigned long long dev, ino;
	long long	 mtime, ctime;	/* ns since the epoch */
};

/* What could not be listed: the path, what failed, and errno (0: none
 * that says more). */
struct fswalk_err {
	const char	*path;	/* in the walk's arena */
	const char	*what;	/* a literal */
	int		 err;
};

/* A folder as listed: its stamp, then its entries' names (the dot
 * ones left out), each after 'd' (a folder) or 'f' (anything else)
 * and before a NUL, one after the other. */
struct fswalk_dir {
	const char	*path;
	unsigned long long dev, ino;
	long long	 mtime, ctime;	/* ns since the epoch */
	const char	*names;
	size_t		 nnames;
};

/* Folders listed by an earlier walk: find gives path's, or NULL. */
struct fswalk_memo {
	const struct fswalk_dir *(*find)(void *arg, const char *path);
	void		*arg;
};

struct fswalk {
	struct arena		**arenas; /* every path: a thread's each */
	int			 narenas;
	struct fswalk_file	*files;	/* in no particular order */
	size_t			 nfiles;
	struct fswalk_err	*errs;	/* by path */
	size_t			 nerrs;
	struct fswalk_dir	*dirs;	/* with a memo: every folder
					   listed, in no particular order
					   (names in the memo's memory or
					   the walk's arenas) */
	size_t			 ndirs;
	size_t			 nread;	/* of them, read, not the memo's */
};

/*
 * Lists folder rel, open as dfd (closed here), and every folder below
 * it to maxdepth levels, with up to nthreads threads: entries whose
 * names start with a dot are left out.  Paths are rel/name ("name"
 * when rel is "").  memo (NULL: none) holds listings of an earlier
 * walk by the same paths.  Fills w, which fswalk_dispose frees;
 * returns 0, or -1 if anything could not be listed (w->errs says what;
 * the rest is listed still).
 */
int	fswalk_run(int dfd, const char *rel, int maxdepth, int nthreads,
	    const struct fswalk_memo *memo, struct fswalk *w);
void	fswalk_dispose(struct fswalk *);

/*
 * 1 if a file or folder of change times mtime and ctime (ns) is too
 * close to listed, when the walk began, for its times to name its
 * content: it may change again within its file system's clock tick
 * and keep them (git's "racy" files; FAT's tick is two seconds).
 * source_stamp and listcache believe no such stamp.
 */
int	fswalk_racy(long long mtime, long long ctime, long long listed);

#endif
