/*
 * source.h -- where content comes from, behind one interface: the
 * working tree (preview, check) or the gate's published files of a
 * commit (build).  A source lists the files under content/ in bytewise
 * path order and reads any file by repository path.
 */
#ifndef GONGKAI_SOURCE_H
#define GONGKAI_SOURCE_H

#include <stddef.h>

struct buf;

enum src_type {
	SRC_FILE,	/* a regular file (or a blob) */
	SRC_LINK,	/* a symbolic link: never followed, an error */
	SRC_OTHER	/* device, fifo, submodule ...: an error */
};

struct src_entry {
	const char	*path;	/* repository path, "content/a/b.md" */
	enum src_type	 type;	/* what it is */
	size_t		 size;	/* bytes */
	const char	*blob;	/* git blob id (hex), NULL on a work tree */
	/* a work tree's file: what says it is the same (source_stamp) */
	unsigned long long dev, ino;
	long long	 mtime, ctime; /* nanoseconds since the epoch */
};

struct source;

/* Reads file bytes for entry path into out (appending). 0 or -1. */
typedef int (*source_read_fn)(void *impl, const char *path,
    const char *blob, struct buf *out);

/* 0 if root is a folder holding a content/ folder; else -1 after
 * saying what it is not. */
int			 source_repo_check(const char *root);
/*
 * A source over the working tree at root: lists content/ recursively
 * without following links (names starting with '.' are skipped).
 * Returns 0 and the source (free with source_free), or -1.
 */
int			 source_fs_open(const char *root, struct source **out);
/*
 * A source over every file below folder dir on disk, outside any
 * repository (a theme folder): paths are relative to dir, listed
 * without following links (a link is listed as SRC_LINK, never entered
 * or read), names starting with '.' skipped; messages name dir/path.
 * Returns 0 and the source (free with source_free), 1 if dir does not
 * exist, or -1 after a diagnostic.
 */
int			 source_dir_open(const char *dir, struct source **out);
/*
 * An empty source that reads through fn(impl, ...); the caller adds
 * entries with source_add.  impl is not freed by source_free.
 */
struct source		*source_new(source_read_fn fn, void *impl,
			    const char *label);
/* Adds an entry (strings are copied), in any order; non-content files
 * (config.yaml, keys/) too. */
void			 source_add(struct source *, const char *path,
			    enum src_type, size_t size, const char *blob);
void			 source_free(struct source *);

/* The entries under content/, sorted; *n gets their number. */
const struct src_entry	*source_content(struct source *, size_t *n);
/* The entries whose path starts with prefix ("themes/x/"), sorted;
 * *n gets their number. */
const struct src_entry	*source_list(struct source *, const char *prefix,
			    size_t *n);
/* The entry of repository path path, or NULL if there is none. */
const struct src_entry	*source_entry(struct source *, const char *path);
/* Reads the file at repository path into out (replacing its content).
 * Returns 0, 1 if there is no such file, or -1 after a diagnostic. */
int			 source_read(struct source *, const char *path,
			    struct buf *out);
/*
 * Reads a whole file outside any repository (a --trust file, a cache)
 * into out.  Returns 0, 1 if it does not exist, or -1 after a
 * diagnostic.
 */
int			 source_file_read(const char *path, struct buf *out);
/*
 * What a build read, for memo.h: while the log is on, every
 * source_read adds the path and the SHA-256 of the bytes (or that
 * there is no such file) to one running digest, in the order of the
 * reads.  source_log turns it on or off and returns what it was;
 * source_log_add adds a path with a digest of the caller's choosing
 * (a part of a file: the loader logs an item's front matter, not its
 * body); source_log_hex gives the digest so far.
 */
int			 source_log(struct source *, int on);
void			 source_log_add(struct source *, const char *path,
			    const char *dig);
void			 source_log_hex(const struct source *, char hex[65]);
/*
 * Writes into out (size n) what names entry e's bytes as long as it
 * stays the same: its blob id, or a work-tree file's device, inode,
 * size and change times.  A file changed just before the source
 * listed it is not stamped (fswalk_racy).  Returns 0, or -1 when e has
 * no stamp.
 */
int			 source_stamp(const struct source *,
			    const struct src_entry *e, char *out, size_t n);
/* Where the files come from, for messages ("working tree", a commit). */
const char		*source_label(const struct source *);
/* The root folder of a working-tree source, else NULL. */
const char		*source_root(const struct source *);

#endif
