/*
 * veto.c -- the gate's privacy verdicts on git blobs; see veto.h.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "csv.h"
#include "item.h"
#include "par.h"
#include "plan.h"
#include "privacy.h"
#include "privcache.h"
#include "repo.h"
#include "sha256.h"
#include "strmap.h"
#include "util.h"
#include "veto.h"

/* A worker leaves a larger text (a records file: up to CSV_FILE_MAX)
 * to the parent, which reads one at a time: whatever an editor pushes,
 * each worker holds a few MiB, not the 130 MiB a records file near 64
 * MiB takes to read, times the number of CPUs. */
#define AHEAD_TEXT_MAX	ITEM_MAX_BYTES
#define KEY_LEN		(OID_HEXSZ + 2)	/* how, blob hex, NUL */
#define AHEAD_MIN	64		/* fewer blobs are not worth a fork */
#define KEEP_MAX	((size_t)256 << 20) /* texts kept for the build */
#define FLUSH_AT	((size_t)1 << 20)
#define FLUSH_RECS	16		/* a head worker's answers written
					   together: what a kill loses */

struct verdict {
	char		*key;		/* how + blob hex, owned (map key) */
	char		*veto;		/* veto text, or NULL: clean */
};

struct veto {
	struct repo	*repo;		/* borrowed */
	struct privcache *pc;		/* borrowed, or NULL */
	struct verdict	*v;
	size_t		 nv, capv;
	struct strmap	 map;		/* key -> v index */
	struct par	*head;		/* veto_head's workers, running */
	int		*hfds;		/* per head worker: records, texts */
	int		 nhead;
	struct hrec	*hr;		/* what they answered, once taken */
	size_t		 nhr;
	struct strmap	 hmap;		/* key -> hr index */
	size_t		 kept;		/* bytes of text they kept */
};

/*
 * A worker's answer on one blob, in memory shared with the parent.  A
 * worker may be killed at any instruction (the OOM killer), so clean
 * and kept are each stored last, after what they vouch for (answer_set):
 * the parent never takes a torn answer, such as kept with off and len
 * still zero, which would make the blob read as an empty text for the
 * rest of the run.
 */
struct answer {
	uint8_t		 clean;		/* 1: found clean (dig set) */
	uint8_t		 kept;		/* 1: its text is in the worker's
					   file at off (off, len set) */
	char		 dig[65];	/* its text's SHA-256, for the cache
					   (not of a records file) */
	uint64_t	 off, len;
};

struct ahead {
	struct veto		 *V;
	const struct veto_text	 *t;
	size_t			 *todo;	/* indices into t */
	unsigned char		 *keep;	/* per todo: keep its text */
	size_t			  n;
	struct answer		 *ans;	/* one per todo */
	int			 *fds;	/* per worker: the texts it read,
					   or -1 */
	size_t			  room;	/* bytes all may keep */
};

/* A head worker's answer on one text, appended whole to its records
 * file: the parent takes the whole records there are. */
struct hrec {
	char		 key[KEY_LEN];	/* how + blob hex, NUL */
	struct oid	 id;		/* the blob */
	struct answer	 a;
};

/* veto_head's workers: each lists the tree of commit and judges its
 * share of the texts veto_path_how reads, each text once. */
struct headjob {
	struct veto	*V;
	struct oid	 commit;
	int		 keep;
	int		*fds;		/* records of worker k at 2k, texts
					   (or -1) at 2k + 1 */
	size_t		 k, n;		/* while listing: worker k of n */
	char		*hows;		/* worker k's texts: how each is read */
	struct oid	*ids;		/* its blob */
	char		**keys;		/* their keys (seen's) */
	size_t		 nt, caph, capids, capkeys;
	struct strmap	 seen;		/* key -> t index */
};

static char
veto_how(const char *path)
{
	if (str_suffix(path, ".csv"))
		return 'c';
	if (str_suffix(path, "/_unit.yaml"))
		return 'u';
	if (str_suffix(path, ".md"))
		return 'm';
	if (str_suffix(path, ".yaml"))
		return 'y';
	return 0;
}

char
veto_path_how(const char *path, int *kind)
{
	*kind = -1;
	if (!str_prefix(path, "content/") ||
	    (*kind = privacy_name_kind(path)) >= 0)
		return 0;
	return veto_how(path);
}

struct veto *
veto_new(struct repo *repo, struct privcache *pc)
{
	struct veto	*V = xcalloc(1, sizeof(*V));

	V->repo = repo;
	V->pc = pc;
	strmap_init(&V->map);
	strmap_init(&V->hmap);
	return V;
}

static void	head_close(struct veto *);

void
veto_free(struct veto *V)
{
	size_t	i;

	if (V == NULL)
		return;
	par_wait(V->head, 1);
	V->head = NULL;
	head_close(V);
	free(V->hr);
	strmap_dispose(&V->hmap);
	for (i = 0; i < V->nv; i++) {
		free(V->v[i].key);
		free(V->v[i].veto);
	}
	free(V->v);
	strmap_dispose(&V->map);
	free(V);
}

static void
make_key(char key[KEY_LEN], char how, const struct oid *blob)
{
	key[0] = how;
	oid_fmt(key + 1, blob);
}

static void
remember(struct veto *V, const char *key, char *veto)
{
	struct verdict	*e;

	xgrow(&V->v, &V->capv, V->nv + 1, sizeof(*V->v));
	e = &V->v[V->nv];
	e->key = xstrdup(key);
	e->veto = veto;
	strmap_put(&V->map, e->key, V->nv++, NULL);
}

/* The veto of a text holding git's ident keyword at line. */
static char *
ident_why(int line)
{
	return xasprintf("git ident keyword ($Id$) at line %d (never "
	    "published: a checkout shows other text there, so what "
	    "reviewers read would not be what readers see)", line);
}

/* First personal number in a text, for a veto message. */
struct firsthit {
	const char	*text;	/* the scanned text */
	char		*why;	/* "privacy: ... at line N", or NULL */
};

static void
on_privacy(void *arg, size_t off, size_t len, enum privacy_kind kind)
{
	struct firsthit	*f = arg;
	int		 line, col;

	(void)len;
	if (f->why != NULL)
		return;
	text_pos(f->text, off, &line, &col);
	if (kind == PRIV_HIDDEN)
		f->why = xasprintf("raw HTML at line %d (never published: "
		    "what reviewers read would not be what readers see)",
		    line);
	else if (kind == PRIV_IDENT)
		f->why = ident_why(line);
	else
		f->why = xasprintf("privacy: unmasked %s at line %d",
		    privacy_kind_name(kind), line);
}

static void
on_csv_privacy(void *arg, int line, int col, int kind)
{
	char	**why = arg;

	(void)col;
	if (*why == NULL)
		*why = xasprintf("privacy: unmasked %s at line %d",
		    privacy_kind_name((enum privacy_kind)kind), line);
}

/* The size past which a text read as how is vetoed unread. */
static size_t
size_max(char how)
{
	if (how == 'a')
		return VETO_IDENT_MAX;
	return how == 'c' ? (size_t)CSV_FILE_MAX : ITEM_MAX_BYTES;
}

/* Why text, read as how, is vetoed, or NULL.  A records file (prog.h)
 * is vetoed when any cell, as decoded, holds a personal number
 * (csv_privacy); an item file ('m', 'y') or a unit file ('u') when it
 * holds one as shown, unless the privacy cache knows it clean by its
 * SHA-256, which goes to dig. */
static char *
judge(struct veto *V, char how, const struct buf *text, char dig[65])
{
	struct firsthit	f = { text->data, NULL };
	size_t		at, n;
	int		line, col;

	if (how == 'a') {
		/* (any file git expands the keyword in: its bytes) */
		if ((at = privacy_ident(text->data, text->len, 0, &n)) <
		    text->len)
			return xasprintf("git ident keyword ($Id$) at byte "
			    "%zu, and .gitattributes sets ident for it "
			    "(never published: a checkout shows other bytes "
			    "there, so what reviewers read would not be what "
			    "readers get)", at);
		return NULL;
	}
	if (how == 'c') {
		/* (what a records file shows is its cells: the keyword
		 * is looked for in its bytes, as git replaces it) */
		if ((at = privacy_ident(text->data, text->len, 0, &n)) <
		    text->len) {
			text_pos(text->data, at, &line, &col);
			return ident_why(line);
		}
		csv_privacy(text->data, text->len, on_csv_privacy, &f.why);
		return f.why;
	}
	sha256_digest(text->data, text->len, dig);
	if (privcache_known(V->pc, dig, how))
		return NULL;
	if (how == 'u')
		privacy_scan_unit(text->data, text->len, on_privacy, &f);
	else
		privacy_scan_item(how == 'm' ? "item.md" : "item.yaml",
		    text->data, text->len, on_privacy, &f);
	return f.why;
}

/* Reads and judges blob, read as how: the veto text, or NULL. */
static char *
veto_read(struct veto *V, char how, const struct oid *blob)
{
	struct buf	 b = BUF_INIT;
	size_t		 size = 0;
	char		*why = NULL, dig[65];

	if (repo_blob_size(V->repo, blob, &size) == 0 && size > size_max(how))
		return xasprintf("larger than %zu bytes", size_max(how));
	if (repo_blob_read(V->repo, blob, &b) == 0 &&
	    (why = judge(V, how, &b, dig)) == NULL && how != 'c' &&
	    how != 'a')
		privcache_seen(V->pc, dig, how);
	buf_dispose(&b);
	return why;
}

const char *
veto_blob(struct veto *V, char how, const struct oid *blob)
{
	char	key[KEY_LEN];
	size_t	i;

	make_key(key, how, blob);
	if (!strmap_get(&V->map, key, &i)) {
		remember(V, key, veto_read(V, how, blob));
		i = V->nv - 1;
	}
	return V->v[i].veto;
}

/* ---------------------------------------------------------------- */

/* Sets a flag of a worker's answer after every store before it (a
 * plain store may be ordered first: gcc -O2 did, for kept). */
static void
answer_set(uint8_t *flag)
{
	__atomic_store_n(flag, 1, __ATOMIC_RELEASE);
}

/* Appends what a worker read to its file, where the build takes it
 * instead of reading the objects again (repo_keep). */
struct keep {
	int		 fd;		/* or -1: nothing kept */
	struct buf	 b;		/* not yet written */
	uint64_t	 at;		/* offset of b in the file */
	size_t		 room;		/* bytes it may still keep */
};

static void
keep_flush(struct keep *w)
{
	if (w->fd != -1 && w->b.len > 0 &&
	    write_all(w->fd, w->b.data, w->b.len) == -1)
		w->fd = -1;	/* what is in the file is whole */
	w->at += w->b.len;
	buf_reset(&w->b);
}

static void
keep_text(struct keep *w, const struct buf *text, struct answer *r)
{
	if (w->fd == -1 || text->len > w->room)
		return;
	w->room -= text->len;
	r->off = w->at + w->b.len;
	r->len = text->len;
	answer_set(&r->kept);
	buf_put(&w->b, text->data, text->len);
	if (w->b.len >= FLUSH_AT)
		keep_flush(w);
}

/* In a worker: whether blob, read as how, is clean, as judge finds it,
 * into *r; a text over AHEAD_TEXT_MAX is left unanswered.  Its text
 * goes to w if keep.  b is scratch. */
static void
work_one(struct veto *V, char how, const struct oid *blob, int keep,
    struct keep *w, struct buf *b, struct answer *r)
{
	size_t	 size = 0;
	char	*why;

	buf_reset(b);
	if (repo_blob_size(V->repo, blob, &size) != 0 ||
	    size > AHEAD_TEXT_MAX || repo_blob_read(V->repo, blob, b) != 0)
		return;
	if (keep)
		keep_text(w, b, r);
	why = judge(V, how, b, r->dig);
	if (why == NULL)
		answer_set(&r->clean);
	free(why);
}

static void
keep_start(struct keep *w, int fd, size_t room)
{
	w->fd = fd;
	buf_init(&w->b);
	w->at = 0;
	w->room = room;
}

static void
keep_end(struct keep *w)
{
	keep_flush(w);
	buf_dispose(&w->b);
}

/* In worker k of n: which of its blobs are clean; the texts to keep go
 * to the worker's file. */
static void
ahead_worker(void *arg, int k, int n)
{
	struct ahead		*a = arg;
	struct keep		 w;
	struct buf		 b = BUF_INIT;
	size_t			 i;

	keep_start(&w, a->fds[k], a->room / (size_t)n);
	for (i = (size_t)k; i < a->n; i += (size_t)n)
		work_one(a->V, a->t[a->todo[i]].how, a->t[a->todo[i]].blob,
		    a->keep[i], &w, &b, &a->ans[i]);
	keep_end(&w);
	buf_dispose(&b);
}

/* Gives the n texts t that a worker kept in file fd to the repository,
 * for the build to read (texts whose bytes did not all reach the file
 * are left out by repo_keep); t is freed.  The bytes kept, or 0. */
static size_t
take_texts(struct veto *V, int fd, struct repo_text *t, size_t n)
{
	struct stat	 st;
	void		*map;

	if (n == 0 || fstat(fd, &st) == -1 || st.st_size <= 0 ||
	    (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED,
	    fd, 0)) == MAP_FAILED) {
		free(t);
		return 0;
	}
	repo_keep(V->repo, map, (size_t)st.st_size, t, n);
	free(t);
	return (size_t)st.st_size;
}

/* Worker k's texts, of w workers, to take_texts. */
static void
take_ahead(struct ahead *a, int k, int w)
{
	struct repo_text *t;
	size_t		 i, n = 0;

	t = xcalloc(a->n / (size_t)w + 1, sizeof(*t));
	for (i = (size_t)k; i < a->n; i += (size_t)w)	/* worker k's */
		if (a->ans[i].kept) {
			t[n].id = *a->t[a->todo[i]].blob;
			t[n].off = (size_t)a->ans[i].off;
			t[n++].len = (size_t)a->ans[i].len;
		}
	(void)take_texts(a->V, a->fds[k], t, n);
}

/* ---------------------------------------------------------------- */

/*
 * repo_diff's callback listing the head's texts (headjob).  A text is
 * worker k's when its blob id says so, whatever path names it, and is
 * taken once: a pushed tree of 2,000 names for one 1 MiB blob had each
 * worker read and scan it 1,000 times (a minute), where the gate asks
 * once.  The name's scan, which may veto the path unread, is made
 * only for a text still to take.
 */
static int
on_head(const char *path, enum repo_kind ok, const struct oid *o,
    enum repo_kind nk, const struct oid *id, void *arg)
{
	struct headjob	*h = arg;
	char		 key[KEY_LEN], how;
	size_t		 j;
	int		 kind;

	(void)ok;
	(void)o;
	if (id == NULL || (nk != REPO_BLOB && nk != REPO_EXEC) ||
	    (how = veto_how(path)) == 0 ||
	    (size_t)(id->id[0] ^ (unsigned char)how) % h->n != h->k)
		return 0;
	make_key(key, how, id);
	if (strmap_get(&h->seen, key, &j) ||
	    veto_path_how(path, &kind) != how)
		return 0;
	xgrow(&h->hows, &h->caph, h->nt + 1, sizeof(*h->hows));
	xgrow(&h->ids, &h->capids, h->nt + 1, sizeof(*h->ids));
	xgrow(&h->keys, &h->capkeys, h->nt + 1, sizeof(*h->keys));
	h->ids[h->nt] = *id;
	h->keys[h->nt] = xstrdup(key);
	strmap_put(&h->seen, h->keys[h->nt], h->nt, NULL);
	h->hows[h->nt++] = how;
	return 0;
}

static void
head_worker(void *arg, int k, int n)
{
	struct headjob	*h = arg;
	struct keep	 w;
	struct buf	 b = BUF_INIT, recs = BUF_INIT;
	struct hrec	 r;
	size_t		 i;

	h->k = (size_t)k;
	h->n = (size_t)n;
	strmap_init(&h->seen);
	if (repo_diff(h->V->repo, NULL, &h->commit, on_head, h) != 0)
		return;		/* (the worker ends: the kernel frees) */
	keep_start(&w, h->fds[2 * k + 1], KEEP_MAX / 2 / (size_t)n);
	for (i = 0; i < h->nt; i++) {
		memset(&r, 0, sizeof(r));
		make_key(r.key, h->hows[i], &h->ids[i]);
		r.id = h->ids[i];
		work_one(h->V, h->hows[i], &h->ids[i], h->keep, &w, &b,
		    &r.a);
		buf_put(&recs, &r, sizeof(r));
		/* written soon: head_take kills the worker when the gate
		 * wants the answers, and takes those written */
		if (recs.len >= FLUSH_RECS * sizeof(r)) {
			keep_flush(&w);	/* the texts before their records */
			if (write_all(h->fds[2 * k], recs.data, recs.len) == -1)
				break;
			buf_reset(&recs);
		}
	}
	keep_end(&w);
	(void)write_all(h->fds[2 * k], recs.data, recs.len);
	buf_dispose(&recs);
	buf_dispose(&b);
}

void
veto_head(struct veto *V, const struct oid *commit, int keep)
{
	struct headjob	 h;
	int		 n = plan_cpus(), k;

	if (n <= 1 || V->head != NULL || V->hfds != NULL)
		return;
	memset(&h, 0, sizeof(h));
	h.V = V;
	h.commit = *commit;
	h.keep = keep != 0;
	V->nhead = n;
	V->hfds = xcalloc(2 * (size_t)n, sizeof(*V->hfds));
	for (k = 0; k < n; k++) {
		V->hfds[2 * k] = par_file_quiet("gongkai-verdicts");
		V->hfds[2 * k + 1] = keep ?
		    par_file_quiet("gongkai-texts") : -1;
	}
	h.fds = V->hfds;
	V->head = par_start(n, head_worker, &h);
}

static void
head_close(struct veto *V)
{
	int	i;

	for (i = 0; V->hfds != NULL && i < 2 * V->nhead; i++)
		if (V->hfds[i] != -1)
			close(V->hfds[i]);
	free(V->hfds);
	V->hfds = NULL;
}

/*
 * Stops veto_head's workers and takes what they answered: their
 * verdicts into hr and hmap, their texts to the repository.  They are
 * killed, not waited for: they judge every text at the ref, approved
 * or not, and one that takes long to scan must not hold the gate up
 * once it knows which versions can be published; what they did not
 * answer, veto_ahead and veto_blob judge if they are asked.
 */
static void
head_take(struct veto *V)
{
	struct buf	 b = BUF_INIT;
	struct repo_text *t;
	struct hrec	*r;
	size_t		 i, n, nt, cap = 0;
	int		 k;

	if (V->hfds == NULL)
		return;
	par_wait(V->head, 1);
	V->head = NULL;
	for (k = 0; k < V->nhead; k++) {
		buf_reset(&b);
		/* (the worker's writes moved the offset it shares) */
		if (V->hfds[2 * k] == -1 ||
		    lseek(V->hfds[2 * k], 0, SEEK_SET) == -1 ||
		    buf_read_fd(&b, V->hfds[2 * k]) == -1)
			continue;
		n = b.len / sizeof(*r);		/* whole records only */
		t = xcalloc(n + 1, sizeof(*t));
		for (i = nt = 0; i < n; i++) {
			xgrow(&V->hr, &cap, V->nhr + 1, sizeof(*V->hr));
			r = &V->hr[V->nhr++];
			memcpy(r, b.data + i * sizeof(*r), sizeof(*r));
			r->key[KEY_LEN - 1] = '\0';
			if (r->a.kept) {
				t[nt].id = r->id;
				t[nt].off = (size_t)r->a.off;
				t[nt++].len = (size_t)r->a.len;
			}
		}
		if (V->hfds[2 * k + 1] != -1)
			V->kept += take_texts(V, V->hfds[2 * k + 1], t, nt);
		else
			free(t);
	}
	for (i = 0; i < V->nhr; i++)
		strmap_put(&V->hmap, V->hr[i].key, i, NULL);
	head_close(V);
	buf_dispose(&b);
}

void
veto_ahead(struct veto *V, const struct veto_text *t, size_t n)
{
	struct ahead	 a;
	struct strmap	 seen;
	char		(*keys)[KEY_LEN];
	size_t		 i, j, nkeep = 0;
	int		 w = plan_cpus(), k;

	head_take(V);
	if (w <= 1 || n == 0)
		return;
	memset(&a, 0, sizeof(a));
	a.V = V;
	a.t = t;
	a.room = KEEP_MAX > V->kept ? KEEP_MAX - V->kept : 0;
	a.todo = xcalloc(n, sizeof(*a.todo));
	a.keep = xcalloc(n, 1);
	keys = xcalloc(n, sizeof(*keys));
	strmap_init(&seen);
	strmap_reserve(&seen, n);
	for (i = 0; i < n; i++) {
		make_key(keys[i], t[i].how, t[i].blob);
		if (strmap_get(&V->map, keys[i], &j))
			continue;
		/* judged by a head worker: taken if clean, else veto_blob
		 * finds why */
		if (strmap_get(&V->hmap, keys[i], &j)) {
			if (V->hr[j].a.clean) {
				if (t[i].how != 'c')
					privcache_seen(V->pc,
					    V->hr[j].a.dig, t[i].how);
				remember(V, keys[i], NULL);
			}
			continue;
		}
		if (strmap_put(&seen, keys[i], a.n, &j))
			a.todo[j = a.n++] = i;
		a.keep[j] |= t[i].keep != 0;
		nkeep += t[i].keep != 0;
	}
	if (a.n >= AHEAD_MIN &&
	    (a.ans = par_shared(a.n * sizeof(*a.ans))) != NULL) {
		a.fds = xcalloc((size_t)w, sizeof(*a.fds));
		for (k = 0; k < w; k++)
			a.fds[k] = nkeep > 0 ?
			    par_file_quiet("gongkai-texts") : -1;
		par_run(w, ahead_worker, &a);
		for (k = 0; k < w; k++)
			if (a.fds[k] != -1) {
				take_ahead(&a, k, w);
				close(a.fds[k]);
			}
		free(a.fds);
		for (i = 0; i < a.n; i++) {
			if (a.ans[i].clean == 0)
				continue;
			j = a.todo[i];
			if (t[j].how != 'c')
				privcache_seen(V->pc, a.ans[i].dig, t[j].how);
			remember(V, keys[j], NULL);
		}
		par_unshare(a.ans, a.n * sizeof(*a.ans));
	}
	strmap_dispose(&seen);
	free(keys);
	free(a.keep);
	free(a.todo);
}
