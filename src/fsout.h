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

/* Starts an output for folder dir.  Returns 0 or -1. */
int	fsout_open(const char *dir, struct fsout **out);
/* Writes a file at relative path rel, making parent folders. 0 or -1. */
int	fsout_write(struct fsout *, const char *rel, const void *data,
	    size_t len);
/* 1 if rel has already been written in this output. */
int	fsout_exists(struct fsout *, const char *rel);
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

/*
 * Creates the file at path, which must not exist, with the whole of
 * data at once (written beside it, then linked into place): readers
 * never see part of it, and a file made at path by anyone in the
 * meantime is never replaced ("path: error: file already exists").
 * For new content files.  Returns 0 or -1.
 */
int	fsout_create_file(const char *path, const void *data, size_t len);

#endif
