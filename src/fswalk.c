/*
 * fswalk.c -- a folder tree listed by several threads; see fswalk.h.
 *
 * The folders still to list are a stack shared under one lock (the
 * last pushed first, so each thread mostly goes deep where it just
 * was).  A task names its folder by its parent's descriptor and its
 * name: the parent stays open until the last of its subfolders is
 * listed, so a walk holds a few descriptors a level, never one a
 * folder.  A folder the memo gave is not opened: its subfolders are
 * named from the top's descriptor, which the walk then keeps.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "dirlist.h"
#include "fswalk.h"
#include "util.h"

/* A folder listed whose subfolders wait to be opened in it. */
struct parent {
	int		 fd;
	size_t		 refs;	/* its subfolders not yet listed */
};

struct task {
	struct parent	*parent; /* NULL: fd is open already, or is -1
				    and the path is opened from the top */
	int		 fd;
	const char	*path;	/* rel/name/... */
	const char	*name;	/* its last component, within path */
	int		 depth;
	int		 stated; /* st is the folder's, from the memo's
				    walk of its parent */
	struct stat	 st;
};

struct shared {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct task	*todo;
	size_t		 ntodo, cap;
	int		 busy;	/* threads listing a folder */
	int		 maxdepth;
	const struct fswalk_memo *memo;	/* or NULL */
	int		 topfd;	/* with a memo: the top folder's */
	size_t		 toplen; /* its path's length */
};

/* One thread's finds. */
struct finds {
	struct shared		*sh;
	struct arena		*arena;
	struct fswalk_file	*files;
	size_t			 nfiles, fcap;
	struct fswalk_err	*errs;
	size_t			 nerrs, ecap;
	struct task		*subs;	/* this folder's subfolders */
	size_t			 nsubs, scap;
	const char		*path;	/* the folder being listed */
	int			 fd;
	int			 depth;
	/* with a memo: the folders listed, and the names of this one's
	 * entries (fswalk_dir's form) while it is read */
	struct fswalk_dir	*dirs;
	size_t			 ndirs, dcap, nread;
	char			*names;
	size_t			 nlen, ncap, nnames;
};

static void
fail(struct finds *f, const char *path, const char *what, int err)
{
	xgrow(&f->errs, &f->ecap, f->nerrs + 1, sizeof(*f->errs));
	f->errs[f->nerrs].path = path;
	f->errs[f->nerrs].what = what;
	f->errs[f->nerrs++].err = err;
}

/* path/name ("name" when path is ""), in f's arena. */
static const char *
join(struct finds *f, const char *path, const char *name)
{
	size_t	 plen = strlen(path), nlen = strlen(name);
	char	*p = arena_alloc(f->arena, plen + nlen + 2);

	if (plen > 0) {
		memcpy(p, path, plen);
		p[plen++] = '/';
	}
	memcpy(p + plen, name, nlen + 1);
	return p;
}

/* Notes subfolder path of the folder being listed, at depth + 1, with
 * its stat if st is not NULL. */
static void
add_sub(struct finds *f, const char *path, const struct stat *st)
{
	struct task	*t;

	xgrow(&f->subs, &f->scap, f->nsubs + 1, sizeof(*f->subs));
	t = &f->subs[f->nsubs++];
	t->parent = NULL;
	t->fd = -1;
	t->path = path;
	t->name = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	t->depth = f->depth + 1;
	if ((t->stated = st != NULL))
		t->st = *st;
}

static void
add_file(struct finds *f, const char *path, const struct stat *st)
{
	struct fswalk_file	*e;

	xgrow(&f->files, &f->fcap, f->nfiles + 1, sizeof(*f->files));
	e = &f->files[f->nfiles++];
	e->path = path;
	e->mode = st->st_mode;
	e->size = (size_t)st->st_size;
	e->dev = (unsigned long long)st->st_dev;
	e->ino = (unsigned long long)st->st_ino;
	e->mtime = ts_ns(&st->st_mtim);
	e->ctime = ts_ns(&st->st_ctim);
}

/* With a memo: notes entry name of the folder being read, d a folder. */
static void
add_name(struct finds *f, const char *name, int d)
{
	size_t	n = strlen(name) + 2;

	if (f->sh->memo == NULL)
		return;
	xgrow(&f->names, &f->ncap, f->nlen + n, 1);
	f->names[f->nlen] = d ? 'd' : 'f';
	memcpy(f->names + f->nlen + 1, name, n - 1);
	f->nlen += n;
	f->nnames++;
}

/* dirlist_each's function: a file is stat'ed and kept, a folder noted
 * as a task. */
static int
take_entry(void *arg, const char *name, unsigned char type)
{
	struct finds	*f = arg;
	struct stat	 st;
	const char	*path;

	if (name[0] == '.')
		return 0;
	path = join(f, f->path, name);
	if (type != DT_DIR && fstatat(f->fd, name, &st,
	    AT_SYMLINK_NOFOLLOW) == -1) {
		fail(f, path, "cannot stat", errno);
		return 0;
	}
	if (type == DT_DIR || S_ISDIR(st.st_mode)) {
		add_sub(f, path, NULL);
		add_name(f, name, 1);
		return 0;
	}
	add_file(f, path, &st);
	add_name(f, name, 0);
	return 0;
}

/* Path, of the top folder or below it, from the top's descriptor. */
static const char *
below(const struct shared *sh, const char *path)
{
	if (strlen(path) == sh->toplen)
		return ".";
	return path + sh->toplen + (sh->toplen > 0);
}

/* The folder task t's folder is named in, and the name there (*name):
 * its parent's descriptor, or the top's. */
static int
task_at(const struct shared *sh, const struct task *t, const char **name)
{
	if (t->parent != NULL) {
		*name = t->name;
		return t->parent->fd;
	}
	*name = below(sh, t->path);
	return sh->topfd;
}

static int
same_stamp(const struct fswalk_dir *d, const struct stat *st)
{
	return S_ISDIR(st->st_mode) &&
	    d->dev == (unsigned long long)st->st_dev &&
	    d->ino == (unsigned long long)st->st_ino &&
	    d->mtime == ts_ns(&st->st_mtim) &&
	    d->ctime == ts_ns(&st->st_ctim);
}

/* Keeps folder path's listing, stamp st, for the memo of the next
 * walk: names the memo's (read 0) or f's, just read (1). */
static void
add_dir(struct finds *f, const char *path, const struct stat *st,
    const char *names, size_t nnames, int read)
{
	struct fswalk_dir	*d;

	xgrow(&f->dirs, &f->dcap, f->ndirs + 1, sizeof(*f->dirs));
	d = &f->dirs[f->ndirs++];
	d->path = path;
	d->dev = (unsigned long long)st->st_dev;
	d->ino = (unsigned long long)st->st_ino;
	d->mtime = ts_ns(&st->st_mtim);
	d->ctime = ts_ns(&st->st_ctim);
	d->names = names;
	d->nnames = nnames;
	f->nread += read;
}

/* Drops t's hold on its parent's descriptor (sh->mu held). */
static void
release(struct task *t)
{
	if (t->parent != NULL && --t->parent->refs == 0) {
		close(t->parent->fd);
		free(t->parent);
	}
}

/* Puts f's subfolders on the stack, to be opened in fd, their
 * parent's (-1: from the top). */
static void
push_subs(struct finds *f, int fd)
{
	struct shared	*sh = f->sh;
	struct parent	*p = NULL;
	size_t		 i;

	if (fd != -1) {
		p = xmalloc(sizeof(*p));
		p->fd = fd;
		p->refs = f->nsubs;
	}
	pthread_mutex_lock(&sh->mu);
	xgrow(&sh->todo, &sh->cap, sh->ntodo + f->nsubs, sizeof(*sh->todo));
	/* the last name on top: each thread goes through a folder in
	 * name order, as a walk by one would */
	for (i = f->nsubs; i-- > 0; ) {
		f->subs[i].parent = p;
		sh->todo[sh->ntodo++] = f->subs[i];
	}
	pthread_cond_broadcast(&sh->cv);
	pthread_mutex_unlock(&sh->mu);
}

/* Lists the folder of task t, open as fd: its files into f, its
 * subfolders onto the stack. */
static void
list(struct finds *f, const struct task *t, int fd)
{
	struct stat	 st;
	size_t		 nerrs = f->nerrs;
	char		*names;
	int		 stamped;

	f->path = t->path;
	f->fd = fd;
	f->depth = t->depth;
	f->nsubs = 0;
	f->nlen = f->nnames = 0;
	/* the stamp before the entries: a change while they are read
	 * gives the folder a later one */
	stamped = f->sh->memo != NULL && fstat(fd, &st) == 0;
	if (dirlist_each(fd, take_entry, f) == -1)
		fail(f, t->path, "cannot read folder", errno);
	if (stamped && f->nerrs == nerrs) {
		names = arena_alloc(f->arena, f->nlen + 1);
		if (f->nlen > 0)
			memcpy(names, f->names, f->nlen);
		add_dir(f, t->path, &st, names, f->nnames, 1);
	}
	if (f->nsubs == 0) {
		close(fd);
		return;
	}
	push_subs(f, fd);
}

/*
 * Lists task t's folder as the memo has it when its stamp is the one
 * there: its entries are stat'ed, its files kept, its subfolders put
 * on the stack with their stats.  Returns 1, or 0 to read the folder
 * (no memo, a new stamp, an entry that is not what the memo says, or
 * a path that could grow past PATH_MAX, which only a walk from
 * descriptor to descriptor can go down).
 */
static int
from_memo(struct finds *f, const struct task *t)
{
	struct shared		*sh = f->sh;
	const struct fswalk_dir	*d;
	struct stat		 dst, st;
	const char		*name, *path;
	size_t			 k, nfiles = f->nfiles;
	int			 rc, dirfd;

	if (sh->memo == NULL || t->depth > sh->maxdepth ||
	    strlen(below(sh, t->path)) + NAME_MAX + 2 > PATH_MAX ||
	    (d = sh->memo->find(sh->memo->arg, t->path)) == NULL)
		return 0;
	if (t->stated) {
		dst = t->st;
		rc = 0;
	} else if (t->fd != -1)
		rc = fstat(t->fd, &dst);
	else {
		dirfd = task_at(sh, t, &name);
		rc = fstatat(dirfd, name, &dst, AT_SYMLINK_NOFOLLOW);
	}
	if (rc == -1 || !same_stamp(d, &dst))
		return 0;
	f->depth = t->depth;
	f->nsubs = 0;
	for (name = d->names, k = 0; k < d->nnames;
	    k++, name += strlen(name) + 1) {
		path = join(f, t->path, name + 1);
		if (fstatat(sh->topfd, below(sh, path), &st,
		    AT_SYMLINK_NOFOLLOW) == -1 ||
		    (name[0] == 'd') != (S_ISDIR(st.st_mode) != 0)) {
			/* changed since the stamp was taken */
			f->nfiles = nfiles;
			return 0;
		}
		if (name[0] == 'd')
			add_sub(f, path, &st);
		else
			add_file(f, path, &st);
	}
	add_dir(f, t->path, &dst, d->names, d->nnames, 0);
	if (f->nsubs > 0)
		push_subs(f, -1);
	return 1;
}

/* A thread's loop: tasks until there are none and no thread is listing
 * a folder that could make more. */
static void *
work(void *arg)
{
	struct finds	*f = arg;
	struct shared	*sh = f->sh;
	struct task	 t;
	const char	*name;
	int		 fd, err, dirfd;

	pthread_mutex_lock(&sh->mu);
	for (;;) {
		while (sh->ntodo == 0 && sh->busy > 0)
			pthread_cond_wait(&sh->cv, &sh->mu);
		if (sh->ntodo == 0)
			break;
		t = sh->todo[--sh->ntodo];
		sh->busy++;
		pthread_mutex_unlock(&sh->mu);

		fd = t.fd;
		err = 0;
		if (from_memo(f, &t)) {
			if (fd != -1)
				close(fd);
		} else {
			if (fd == -1) {
				dirfd = task_at(sh, &t, &name);
				if ((fd = openat(dirfd, name, O_RDONLY |
				    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) ==
				    -1)
					err = errno;
			}
			if (fd == -1)
				fail(f, t.path, "cannot open folder", err);
			else if (t.depth > sh->maxdepth) {
				fail(f, t.path, "folders nested too deeply",
				    0);
				close(fd);
			} else
				list(f, &t, fd);
		}

		/* (the parent stays open while this folder is listed: a
		 * descriptor a thread more, one lock the fewer) */
		pthread_mutex_lock(&sh->mu);
		release(&t);
		if (--sh->busy == 0 && sh->ntodo == 0)
			pthread_cond_broadcast(&sh->cv);
	}
	pthread_mutex_unlock(&sh->mu);
	return NULL;
}

static int
cmp_err(const void *a, const void *b)
{
	const struct fswalk_err	*x = a, *y = b;
	int			 c = strcmp(x->path, y->path);

	return c != 0 ? c : strcmp(x->what, y->what);
}

int
fswalk_run(int dfd, const char *rel, int maxdepth, int nthreads,
    const struct fswalk_memo *memo, struct fswalk *w)
{
	struct shared	 sh;
	struct finds	*f;
	pthread_t	*tids;
	size_t		 nfiles, nerrs, ndirs;
	int		 i, started = 0;

	memset(w, 0, sizeof(*w));
	if (nthreads < 1)
		nthreads = 1;
	memset(&sh, 0, sizeof(sh));
	pthread_mutex_init(&sh.mu, NULL);
	pthread_cond_init(&sh.cv, NULL);
	sh.maxdepth = maxdepth;
	sh.topfd = -1;
	/* a walk without the top's descriptor of its own reads every
	 * folder */
	if (memo != NULL && (sh.topfd = fcntl(dfd, F_DUPFD_CLOEXEC, 0)) != -1)
		sh.memo = memo;
	sh.toplen = strlen(rel);
	xgrow(&sh.todo, &sh.cap, 1, sizeof(*sh.todo));
	sh.todo[0].parent = NULL;
	sh.todo[0].fd = dfd;
	sh.todo[0].depth = 0;
	sh.todo[0].stated = 0;
	f = xcalloc((size_t)nthreads, sizeof(*f));
	for (i = 0; i < nthreads; i++) {
		f[i].sh = &sh;
		f[i].arena = arena_new();
	}
	sh.todo[0].path = arena_strdup(f[0].arena, rel);
	sh.todo[0].name = sh.todo[0].path;
	sh.ntodo = 1;
	/* the calling thread is one of them; a thread that cannot be
	 * started only leaves the work to the others */
	tids = xcalloc((size_t)nthreads, sizeof(*tids));
	for (i = 1; i < nthreads; i++)
		if (pthread_create(&tids[started], NULL, work, &f[i]) == 0)
			started++;
	work(&f[0]);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	free(tids);
	free(sh.todo);
	pthread_cond_destroy(&sh.cv);
	pthread_mutex_destroy(&sh.mu);
	if (sh.topfd != -1)
		close(sh.topfd);

	nfiles = nerrs = ndirs = 0;
	for (i = 0; i < nthreads; i++) {
		nfiles += f[i].nfiles;
		nerrs += f[i].nerrs;
		ndirs += f[i].ndirs;
	}
	w->dirs = xcalloc(ndirs + 1, sizeof(*w->dirs));
	w->arenas = xcalloc((size_t)nthreads, sizeof(*w->arenas));
	w->narenas = nthreads;
	w->files = xcalloc(nfiles + 1, sizeof(*w->files));
	w->errs = xcalloc(nerrs + 1, sizeof(*w->errs));
	for (i = 0; i < nthreads; i++) {
		w->arenas[i] = f[i].arena;
		/* (a thread that found nothing has no arrays) */
		if (f[i].nfiles > 0)
			memcpy(w->files + w->nfiles, f[i].files,
			    f[i].nfiles * sizeof(*w->files));
		w->nfiles += f[i].nfiles;
		if (f[i].nerrs > 0)
			memcpy(w->errs + w->nerrs, f[i].errs,
			    f[i].nerrs * sizeof(*w->errs));
		w->nerrs += f[i].nerrs;
		if (f[i].ndirs > 0)
			memcpy(w->dirs + w->ndirs, f[i].dirs,
			    f[i].ndirs * sizeof(*w->dirs));
		w->ndirs += f[i].ndirs;
		w->nread += f[i].nread;
		free(f[i].files);
		free(f[i].errs);
		free(f[i].subs);
		free(f[i].dirs);
		free(f[i].names);
	}
	free(f);
	xqsort(w->errs, w->nerrs, sizeof(*w->errs), cmp_err);
	return w->nerrs == 0 ? 0 : -1;
}

void
fswalk_dispose(struct fswalk *w)
{
	int	i;

	for (i = 0; i < w->narenas; i++)
		arena_free(w->arenas[i]);
	free(w->arenas);
	free(w->files);
	free(w->errs);
	free(w->dirs);
	memset(w, 0, sizeof(*w));
}

int
fswalk_racy(long long mtime, long long ctime, long long listed)
{
	const long long	tick = 2000000000LL;	/* FAT's, the coarsest */

	return mtime > listed - tick || ctime > listed - tick;
}
