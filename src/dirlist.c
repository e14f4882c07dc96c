/*
 * dirlist.c -- a folder's entries without opendir; see dirlist.h.
 */
#define _GNU_SOURCE	/* getdents64 */
#include <dirent.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "dirlist.h"
#include "util.h"

/* Bytes of entries read at a time: a folder of a few hundred names in
 * one call. */
#define DIRLIST_BUF	32768

int
dirlist_each(int fd, int (*fn)(void *, const char *, unsigned char),
    void *arg)
{
	char			*buf = xmalloc(DIRLIST_BUF);
	const struct dirent64	*de;
	ssize_t			 n = 0, at;
	int			 rc = 0;

	while (rc == 0 && (n = getdents64(fd, buf, DIRLIST_BUF)) > 0)
		for (at = 0; rc == 0 && at < n; at += de->d_reclen) {
			de = (const struct dirent64 *)(buf + at);
			if (strcmp(de->d_name, ".") != 0 &&
			    strcmp(de->d_name, "..") != 0)
				rc = fn(arg, de->d_name, de->d_type);
		}
	if (rc == 0 && n == -1)
		rc = -1;
	free(buf);
	return rc;
}
