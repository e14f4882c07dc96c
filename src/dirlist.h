/*
 * dirlist.h -- the entries of an open folder, read with getdents64.
 *
 * opendir(3) on a descriptor costs an fstat and an fcntl beside the
 * reads; walking a site of 100,000 folders (the source tree, the
 * standby a rebuild prunes) made those a fifth of a rebuild's system
 * calls.  This reads the entries straight into a buffer of its own.
 */
#ifndef GONGKAI_DIRLIST_H
#define GONGKAI_DIRLIST_H

/*
 * Calls fn(arg, name, type) for every entry of folder fd but "." and
 * "..", type being the entry's DT_* value (DT_UNKNOWN where the file
 * system does not say).  fn may remove the entry it is given.  Stops
 * when fn returns non-zero and returns that; returns 0 at the end, or
 * -1 with errno set if the folder cannot be read.  fd stays open, its
 * position at the end.
 */
int	dirlist_each(int fd, int (*fn)(void *arg, const char *name,
	    unsigned char type), void *arg);

#endif
