/*
 * listcache.h -- a work tree's folder listings kept between builds, as
 * git's untracked cache keeps them: a folder whose stamp (device,
 * inode, change times) is the one listed is not opened and read
 * again.  A province's tree is some 97,000 folders of one or two files
 * each; a rebuild then stats every folder and file instead of opening
 * and reading every folder, and an item edited in place is still seen
 * by its own stat.
 *
 * A folder changed less than two seconds before the walk began is not
 * kept: a change within its file system's clock tick may leave the
 * stamp as it was.  The file is in the cache folder (cachedir.h),
 * under the tree's resolved path; a file that does not read back
 * whole and well-formed is not used.  A kept folder's entries are
 * stat'ed by their paths from the tree's top, so a folder swapped for
 * a symbolic link while a build lists it can be followed, as reading
 * an item (source.c's open of root/path) always could: the work tree
 * is its editor's, and gated builds never read it.
 */
#ifndef GONGKAI_LISTCACHE_H
#define GONGKAI_LISTCACHE_H

struct fswalk;
struct fswalk_memo;
struct listcache;

/* The listings kept for work tree root (never fails: NULL, or one
 * with none, when there is no cache folder or file). */
struct listcache	*listcache_open(const char *root);
/* What fswalk_run takes (NULL: lc is NULL). */
const struct fswalk_memo *listcache_memo(struct listcache *lc);
/* Keeps w's folders for the next walk, where they differ from the
 * kept ones; listed is when the walk began (ns since the epoch). */
void			 listcache_save(struct listcache *lc,
			    const struct fswalk *w, long long listed);
void			 listcache_free(struct listcache *lc);

#endif
