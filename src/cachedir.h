/*
 * cachedir.h -- gongkai's cache folder: where it is, and how its files
 * are read and written.
 *
 * What a cache holds is believed (signature verdicts, gate.h) or
 * reused as it is (finished PDFs, out.h), so the folder must be one
 * that only the effective user can write, and never inside the
 * repository, whose writers could forge it.  Deleting it never changes
 * any result; it only costs time.
 */
#ifndef GONGKAI_CACHEDIR_H
#define GONGKAI_CACHEDIR_H

#include <stddef.h>

struct buf;
struct iovec;

/*
 * The cache folder, or its subfolder sub when sub is not NULL (caller
 * frees), or NULL to run without a cache: $GONGKAI_CACHE_DIR, else
 * $XDG_CACHE_HOME/gongkai, else $HOME/.cache/gongkai (each used only
 * when absolute), created 0700 where missing.  A folder that cannot be
 * created, is not a folder owned by the effective user, is writable by
 * group or others, or lies in worktree or gitdir (either may be NULL)
 * gives NULL and one note on stderr that ends with without, what then
 * happens ("signatures are verified without a cache").
 */
char	*cachedir_open(const char *sub, const char *worktree,
	    const char *gitdir, const char *without);

/*
 * The path of the file for digest hex (64 hex digits) in cache folder
 * dir, with suffix after it: in a subfolder named by the first two
 * digits, so that no folder holds a file per item of a province.
 * Caller frees.
 */
char	*cachedir_file(const char *dir, const char *hex, const char *suffix);

/*
 * The cache file of kind sub ("items", "lists") for work tree root in
 * cache folder dir: named by root's resolved path, so that two trees
 * keep two files and a tree named two ways one.  NULL when root cannot
 * be resolved.  Caller frees.
 */
char	*cachedir_tree_file(const char *dir, const char *sub,
	    const char *root);

/*
 * Reads the cache file path into b (replacing its content): only a
 * regular file, not a symbolic link, owned by the effective user and
 * writable by nobody else.  Returns 0, or -1 with b empty when it is
 * missing, refused or unreadable; says nothing (a cache only saves
 * time).
 */
int	cachedir_read(const char *path, struct buf *b);

/* 1 if open file fd is a regular file of the effective user's that
 * nobody else can write: what cachedir_read reads. */
int	cachedir_fd_ours(int fd);

/* Opens cache file path for reading, under cachedir_read's rules:
 * its descriptor, or -1. */
int	cachedir_open_file(const char *path);

/*
 * Stores len bytes of data at path, creating its folder (0700) if
 * missing, through a temporary file and a rename, so that parallel
 * readers never see half a file.  Failures are silent.
 */
void	cachedir_write(const char *path, const void *data, size_t len);
/* The same for the n pieces at iov, one after the other. */
void	cachedir_writev(const char *path, const struct iovec *iov, size_t n);

#endif
