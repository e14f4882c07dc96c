/*
 * fsout.h -- the only writer of output files.
 *
 * A build writes into a fresh temporary folder beside the output folder
 * and swaps it into place only when complete (fsout_commit), so a
 * failed or killed build leaves the previous site untouched.  Relative
 * paths that are absolute, empty, or contain "." or ".." components or
 * backslashes are refused: nothing can leave the output root.
 */
#ifndef GONGKAI_FSOUT_H
#define GONGKAI_FSOUT_H

#include <stddef.h>

struct fsout;
struct fsout_job;

/*
 * Incremental: a file written with the same bytes as the earlier build
 * wrote is not written again.  The site before the live one is kept as
 * .<name>.standby and written in place by the next build (fsout.c); a
 * file it lacks is hard-linked from the live site when that holds the
 * same bytes.  .<name>.manifest lists the live site's files with their
 * SHA-256 and stamp (inode, size, modification time), and
 * .<name>.standby.manifest the standby's: a file whose stamp agrees is
 * taken to hold those bytes without being read; any other is compared
 * byte for byte.  A manifest names the device and inode of the folder
 * it describes, and describes no other.  So the new folder is always
 * exactly what this build wrote, whatever the earlier one held, and a
 * renderer needs to do nothing to be incremental.  But for a hand: a
 * standby no build touched since its manifest was written, that day,
 * is taken to hold what the manifest says without a stat of each file
 * (sealed, fsout.c); a file of the output changed in place by hand is
 * then seen only by a build that checks (after a killed one, the first
 * of a day) or --full.
 */
#define FSOUT_FULL	1	/* ignore the earlier build (--full): every
				   file is written, nothing of the live site
				   is linked, nothing the standby holds is
				   read (it is still written in place); and
				   both manifests are removed first, so
				   that whether it ends or is killed, no
				   manifest vouches for a file changed by
				   hand, and none is taken back */

/* Starts an output for folder dir.  Returns 0 or -1.  A folder dir
 * that holds files while nothing beside it (lock file, manifest,
 * standby) says a build wrote there is refused: its files would become
 * the standby, and the next build would delete them. */
int	fsout_open(const char *dir, struct fsout **out);
/* The same with FSOUT_* flags, taking what ahead read (NULL: none;
 * freed either way). */
struct fsout_ahead;
int	fsout_open_flags(const char *dir, int flags, struct fsout_ahead *,
	    struct fsout **out);
/*
 * Starts reading the manifests beside folder dir in a thread, for the
 * fsout_open_flags that follows, while the caller loads its sources:
 * on a big rebuild that is a second of one core.  Nothing read is used
 * unless, under the lock fsout_open_flags takes, the files are still
 * those read.  With check, when there is a standby to check and no
 * other build holds that lock, the thread then takes it, and the
 * standby with it, and checks the standby's files against its
 * manifest until fsout_open_flags takes both over: a file it found as
 * recorded is not stat'ed again when it is carried.  (A file changed
 * by hand while a build runs was always seen by the next build only;
 * the check makes that time start earlier, so it is for a load that
 * leaves a core idle and is short, not for a gate's walk.)
 * fsout_ahead_free stops the thread and frees it (the lock goes), for
 * a caller that does not open the output after all: while it lives,
 * the output is opened with it or not at all.
 */
struct fsout_ahead *fsout_ahead(const char *dir, int check);
void	fsout_ahead_free(struct fsout_ahead *);
/* Shows a progress line on terminal fd while writing, with the time
 * left estimated from the earlier build's files, or expect. */
void	fsout_progress(struct fsout *, int fd, size_t expect);
/* Writes a file at relative path rel, making parent folders. 0 or -1. */
int	fsout_write(struct fsout *, const char *rel, const void *data,
	    size_t len);

/*
 * Groups: the files a renderer makes from one set of inputs (a unit's
 * pages), named, with a digest of those inputs as key (memo.h).
 * fsout_group_begin returns 1 if the live site holds that group with
 * that key, its files unchanged since (by their stamps): they are then
 * taken over as they are, as if written again, and the renderer skips
 * the group.  Else it returns 0, and the files written up to
 * fsout_group_end belong to the group, whose key the manifest keeps
 * for the next build; fsout_group_end(f, 0) keeps no key (the group
 * said something, say, which it must say again next time).  -1 on
 * error.  A group's name is unique in a build.
 */
int	fsout_group_begin(struct fsout *, const char *name, const char *key);
void	fsout_group_end(struct fsout *, int keep);

/*
 * A note of the group being written (one line, no newline; a copy is
 * kept): what its renderer needs to know next time of what this build
 * made, say which inputs an index file covered.  A group taken over
 * keeps its note.  The manifest seals it with the group's key and
 * files.  fsout_old_note returns the note the live site's manifest
 * keeps for group name (owned by f, valid until fsout_commit or
 * fsout_abort), or NULL.
 */
void	fsout_group_note(struct fsout *, const char *note);
const char *fsout_old_note(const struct fsout *, const char *name);

/*
 * Reads into out (replaced) the bytes of file rel of the live site as
 * the earlier build wrote it: 1 if they are those its manifest names
 * (hashed again), 0 if it names no such file (or there is no earlier
 * build, or --full), -1 if the file is not what it was.  Says nothing:
 * a caller that cannot use the earlier output makes its own anew.
 */
struct buf;
int	fsout_old_read(struct fsout *, const char *rel, struct buf *out);

/*
 * Runs fn(arg, k, n) for k = 0 .. n-1, each in a worker process forked
 * from this one (fn alone when n <= 1), and waits for them.  The files
 * a worker writes through f count as written through f (fsout_exists,
 * the manifest, the summary), so a renderer is parallel-safe when its
 * workers write disjoint paths and keep nothing else they compute.  A
 * worker dies with its build; its diagnostics are relayed in worker
 * order; what names them in messages ("print").  Returns 0, or -1 if
 * fn or any worker failed.
 */
int	fsout_fork(struct fsout *, const char *what, int n,
	    int (*fn)(void *arg, int k, int n), void *arg);

/*
 * Starts fn(arg, 0, 1) in one worker process, as fsout_fork does, but
 * returns at once, so that this process goes on beside it (the search
 * index is made while the pages are).  fsout_join waits for it and
 * takes in its files: they come after those of the workers joined
 * before, whatever the timing.  The caller joins every job it spawns
 * before fsout_stats or fsout_commit.  Returns the job (never NULL; if
 * fork fails, fn has run here).
 */
struct fsout_job *fsout_spawn(struct fsout *, const char *what,
	    int (*fn)(void *arg, int k, int n), void *arg);
/* Waits for job j (NULL: none); frees it.  0, or -1 if fn or the
 * worker failed. */
int	fsout_join(struct fsout *, struct fsout_job *j);

/* What a build did so far, for its summary line. */
struct fsout_stats {
	size_t	files;		/* files in the new output */
	size_t	unchanged;	/* of which the same as in the earlier */
	size_t	carried;	/* of which not made again (groups) */
	size_t	pdfs;		/* of which PDFs */
	size_t	deleted;	/* files of the earlier build not written */
	int	previous;	/* 1 if an earlier build was used */
};
void	fsout_stats(const struct fsout *, struct fsout_stats *);
/* 1 if rel has already been written in this output. */
int	fsout_exists(struct fsout *, const char *rel);
/* 1 if no earlier build is there to take anything over from (none, or
 * --full): every group will be made. */
int	fsout_fresh(const struct fsout *);
/* Replaces dir with the finished output; frees the handle.  0 or -1. */
int	fsout_commit(struct fsout *);
/* Removes the temporary folder; frees the handle. */
void	fsout_abort(struct fsout *);

/*
 * Replaces the single file at path atomically (a temporary file beside
 * it, then rename): readers see the old or the new bytes, never a
 * mix.  For caches.  Returns 0 or -1.
 */
int	fsout_replace_file(const char *path, const void *data, size_t len);
/* The path of a file kept beside output folder dir, as its lock and
 * manifests are: <parent>/.<name>.<what> (caller frees). */
char	*fsout_beside(const char *dir, const char *what);

/*
 * Creates the file at path, which must not exist, with the whole of
 * data at once (written beside it, then linked into place): readers
 * never see part of it, and a file made at path by anyone in the
 * meantime is never replaced ("path: error: file already exists").
 * For new content files.  Returns 0 or -1.
 */
int	fsout_create_file(const char *path, const void *data, size_t len);

#endif
