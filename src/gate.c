/*
 * gate.c -- the approval gate; the rules are written in gate.h.
 *
 * Three steps over the mainline M[0..n-1]:
 *   0. diff consecutive commits to get each commit's path changes, and
 *      read its Approved: trailers; list the blobs ever under keys/
 *      (the fingerprints of one are read, each blob on its own, when
 *      governance first publishes it); verify each commit against the
 *      trust keys, walk governance (step 1) to learn which key blobs it
 *      ever published, and put those beside the trust keys; verify each
 *      commit once more against them, and walk governance again.  Both
 *      verdicts are taken from the cache of the trust file when it
 *      holds them.
 *   1. walk M in order: open versions, record approvals against the
 *      governance in force, publish governance versions (final) and
 *      _unit.yaml versions (provisionally, for levels), and put a newly
 *      published governance state in force from the next commit on.
 *   2. with every `revoked` list known, decide which content versions
 *      are published, then what is visible and what waits for whom.
 *
 * Cost: every approval commit is matched against the sorted paths
 * (O(approval commits x matching paths) approvals are stored, 72 bytes
 * each, strings shared); deciding a version goes through its approvals
 * once, again only when the revoked list grew.  Nothing re-reads,
 * re-parses or re-sorts per approval: common globs need no matcher
 * (gate_glob), a path's unit level is remembered until a unit file's
 * publication changes (content_req), and each text is scanned for
 * personal data once per run (veto.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "cachedir.h"
#include "cfg.h"
#include "diag.h"
#include "gate.h"
#include "privacy.h"
#include "prog.h"
#include "repo.h"
#include "sha256.h"
#include "sig.h"
#include "strmap.h"
#include "util.h"
#include "veto.h"
#include "workday.h"
#include "ydoc.h"

#define NONE	((size_t)-1)
#define CACHE_MAGIC	"gongkai-gate-cache 4"
#define CACHE_PREFIX	"gate-"		/* file: gate-<trust sha256> */
#define KEY_MAX		(1024 * 1024)	/* a larger key file holds no key */

/* One path change at one mainline commit. */
struct change {
	size_t		 path;		/* index into paths */
	int		 present;	/* 0: the path went away */
	enum repo_kind	 kind;		/* new kind when present */
	struct oid	 blob;		/* new blob when present */
};

/* Globs kept of a mainline commit whose approvals do not count (shown
 * by status as attempts, nothing more), and of all of them. */
#define SHOWN_GLOBS	64
#define SHOWN_GLOBS_ALL	4096

/* What we keep of each mainline commit. */
struct crec {
	char		*author_name;	/* owned */
	char		*author_email;	/* owned */
	int64_t		 time;		/* committer time */
	int		 tz;		/* committer offset */
	struct sig_result sig;		/* verification */
	int		 ok;		/* sig GOOD, and its key not expired
					   by the mainline's witness time */
	size_t		 ch0, nch;	/* its changes in priv.ch */
	const char	**globs;	/* its Approved: values (interned),
					   read with the commit in step 0 */
	size_t		 nglobs;
	size_t		 fold;		/* 1 + where the chain of approvals
					   it repeats began (struct fold),
					   0: weighed whole */
	uint32_t	 fold_who;	/* its signer, when folded */
	int		 unsound;	/* its tree holds a malformed path:
					   it approves no withdrawal */
	size_t		 nsig;		/* its signature headers (0:
					   unsigned, SIG_NONE unread) */
	struct oid	*merged;	/* its parents after the first */
	size_t		 nmerged;
};

/* A blob that was under keys/, and the fingerprints found in it once
 * governance published it (keyblob_read). */
struct keyblob {
	char		*hex;		/* blob id, owned (map key) */
	struct oid	 blob;
	int		 read;		/* keyblob_read has looked at it */
	struct buf	 text;		/* its bytes, when usable */
	char		**fprs;		/* primary fingerprints, owned */
	size_t		 nfprs;
	int		 usable;	/* a blob, not over KEY_MAX, whose
					   packets sig_key_check accepts */
	int		 published;	/* some version of a keys/ path
					   published it */
};

/* A governance state, in force from mainline index pos on. */
struct gstate {
	size_t		 pos;		/* first commit it applies to */
	struct config	*cfg;		/* owned; NULL: none approved */
	struct gate_reviewer *rv;	/* reviewers with their fprs */
	size_t		 nrv;
	struct gate_reviewer *ed;	/* editors with their fprs */
	size_t		 ned;
	int		 gov_approvals;	/* trust keys a change needs */
};

/* A reviewer retired by a governance state approved off the mainline:
 * no approval of theirs counts on mainline indexes [from, to), until
 * the mainline's next governance change replaced that state. */
struct retire {
	const char	*id;		/* reviewer id, interned */
	size_t		 from, to;
};

/* An approval commit off the mainline that may withdraw a path. */
struct sideap {
	struct oid	 commit;
	size_t		 base;		/* its newest mainline ancestor */
	const struct reviewer *r;	/* its signer, in some state's cfg */
	const char	**globs;	/* interned; owned array */
	size_t		 nglobs;
	int		 unsound;	/* its tree holds a malformed path:
					   1, 0, or -1 not read yet */
};

/* A commit's verdict as the cache file holds it. */
struct centry {
	char			 hex[OID_HEXSZ + 1];
	struct sig_result	 r;
};

/* A path in the sorted index. */
struct sref {
	const char	*path;		/* borrowed from paths[i].path */
	size_t		 i;		/* index into paths */
};

/* Level of a _unit.yaml blob, parsed once. */
struct lvl {
	char		*hex;		/* blob id, owned (map key) */
	char		*level;		/* level id or NULL */
};

/* The level of a path's ruling unit, as found in walk generation gen
 * (priv.ugen; 0: not yet), and the approvals it needs under G. */
struct umemo {
	size_t		 gen;
	const char	*level;		/* blob_level's, or NULL */
	const struct gstate *G;		/* when req was weighed, or NULL */
	int		 req;		/* level_req(G->cfg, level) */
};

/*
 * A signer's chain of repeated approvals.  A reviewer who approves
 * again with the same key and the same globs, while neither the
 * governance nor any unit's publication moved, repeats every approval
 * of the versions still live since their last such commit.  Those
 * repeats decide nothing: a repeat counts only when the level now
 * needs fewer, and no level moved.  So they are not recorded; only
 * the paths that changed since are weighed (a history where every
 * commit approves everything would cost commits x paths otherwise),
 * and gate_approvals() lists the repeats again.
 */
struct fold {
	size_t		 root;		/* 1 + the commit that began the
					   chain, 0: no chain */
	size_t		 last;		/* its newest commit */
	size_t		 ugen;		/* priv.ugen all along */
	const struct gstate *G;		/* governance all along */
};

struct priv {
	struct repo	*repo;		/* borrowed */
	struct strmap	 badmap;	/* malformed path (interned) -> bad[] */
	unsigned char	*bad;		/* 1: malformed in the tree walked */
	size_t		 nbadk, capbad;
	size_t		 nbad;		/* how many are now */
	struct centry	*ce;		/* the cache read: the keyset's */
	size_t		 nce;
	struct strmap	 cmap;		/* commit hex -> ce index */
	struct centry	*tce;		/* the trust keys' alone */
	size_t		 ntce;
	struct strmap	 tmap;		/* commit hex -> tce index */
	const char	*ctext;		/* cache text read, or NULL */
	size_t		 clen;
	struct buf	 oldcache;	/* its bytes, when from a file */
	struct buf	 raw;		/* scratch: a raw commit */
	struct gate	*g;		/* the result being built */
	size_t		 capp;		/* paths allocated */
	struct strmap	 pmap;		/* path -> index */
	struct sref	*sorted;	/* paths by name */
	size_t		 nsorted;	/* paths sorted so far */
	struct change	*ch;		/* all changes */
	size_t		 nch, capch;
	struct crec	*c;		/* one per mainline commit */
	size_t		 nc, capc;	/* while the mainline is read */
	size_t		 cur;		/* commit being diffed */
	struct sig_keyring *kr;		/* trust keys, then (publish_keys)
					   every key file governance ever
					   published */
	struct keyblob	*kb;		/* key blobs */
	size_t		 nkb, capkb;
	struct strmap	 kbmap;		/* blob hex -> kb index */
	struct lvl	*lv;		/* parsed unit levels */
	size_t		 nlv, caplv;
	struct strmap	 lvmap;		/* blob hex -> lv index */
	struct umemo	*um;		/* during walk_content: per path */
	size_t		 ugen;		/* bumped whenever a unit file's
					   publication may change, which
					   voids every um entry */
	struct fold	*fold;		/* during walk_content: per signer */
	size_t		 capfold;
	int		 no_fold;	/* gate_opts.no_fold */
	int		 keep_texts;	/* gate_opts.keep_texts */
	int		 ident_attrs;	/* 1: head's tree has a .gitattributes
					   (pname_of asks for ident) */
	struct veto	*vt;		/* privacy verdicts on blobs */
	struct pname	*pnames;	/* by paths index (veto_prepare) */
	char		**revoked;	/* union of revoked lists: primary
					   or subkey fingerprints */
	size_t		 nrevoked, caprevoked;
	struct gstate	**st;		/* every governance state, in order
					   (st[0]: none approved) */
	size_t		 nst, capst;
	struct gstate	*G;		/* the state in force at the commit
					   being walked */
	struct strmap	 mlmap;		/* mainline commit hex -> index */
	char		**mlkeys;	/* its keys, owned */
	size_t		 nmlkeys, capmlkeys;
	struct retire	*ret;		/* retirements off the mainline */
	size_t		 nret, capret;
	size_t		*withglobs;	/* mainline indices of the commits
					   with globs, in order */
	size_t		 nwithglobs;
	struct sideap	*side;		/* approvals off the mainline */
	size_t		 nside, capside;
	size_t		 capgov;	/* gate.gov allocated */
	struct sha256	 keyset;	/* trust file, then published key
					   blob ids */
	char		 keyhex[65];	/* its digest, when done */
	char		 trusthex[65];	/* the trust file's: the cache's */
	char		**istr;		/* interned strings, owned */
	size_t		 nistr, capistr;
	size_t		 capsigners;	/* of gate.signers */
	struct strmap	 imap;		/* string -> istr index */
	const char	*empty;		/* "" interned */
	size_t		*wit;		/* per mainline index: gate_witness */
};

/* ---------------------------------------------------------------- */
/* Globs. */

/*
 * gate_glob's matcher.  Globs come from commit messages anyone can push
 * (status and serve weigh the trailers of unsigned commits too) and
 * paths from tree entries anyone can name, so it must not backtrack:
 * "*a*a*a*a*a*a*a*a*b" against a long name took exponential time.  It
 * keeps the set of path offsets each prefix of the glob can reach, one
 * glob element at a time: O(glob length x path length).
 */
static int
glob_match(const char *p, const char *s)
{
	unsigned char	 small[2][256], *heap = NULL, *cur, *nxt, *t;
	size_t		 n = strlen(s), i;
	int		 on, any, rc = 0;

	if (n + 1 <= sizeof(small[0])) {
		cur = small[0];
		nxt = small[1];
	} else {
		cur = heap = xcalloc(2, n + 1);
		nxt = cur + n + 1;
	}
	memset(cur, 0, n + 1);
	cur[0] = 1;
	while (*p != '\0') {
		memset(nxt, 0, n + 1);
		any = 0;
		if (p[0] == '*' && p[1] == '*' && p[2] == '/') {
			/* any folders, or none: the offset itself, and
			 * every one after a later '/' */
			p += 3;
			for (on = 0, i = 0; i <= n; i++) {
				if (cur[i])
					on = nxt[i] = 1;
				if (on && i < n && s[i] == '/')
					nxt[i + 1] = 1;
			}
		} else if (p[0] == '*' && p[1] == '*') {
			/* any rest, '/' included */
			p += 2;
			for (on = 0, i = 0; i <= n; i++) {
				if (cur[i])
					on = 1;
				nxt[i] = (unsigned char)on;
			}
		} else if (*p == '*') {
			/* any rest of the folder's name */
			p++;
			for (on = 0, i = 0; i <= n; i++) {
				if (cur[i])
					on = 1;
				nxt[i] = (unsigned char)on;
				if (i < n && s[i] == '/')
					on = 0;
			}
		} else {
			for (i = 0; i < n; i++)
				if (cur[i] && (*p == '?' ? s[i] != '/' :
				    s[i] == *p))
					nxt[i + 1] = 1;
			p++;
		}
		for (i = 0; i <= n && !any; i++)
			any = nxt[i];
		t = cur;
		cur = nxt;
		nxt = t;
		if (!any)
			break;		/* no offset left: no match */
	}
	rc = cur[n];
	free(heap);
	return rc;
}

/*
 * Every approval and scope glob is matched against every path it may
 * cover (millions of pairs on a long history), so the common forms
 * are answered without the matcher: a literal prefix compared at once,
 * then a glob that is only that literal (equality), that literal and a
 * final "**" (a prefix: "**" matches any rest, '/' included), or that
 * literal and a final '*' (a rest without '/').  Anything else goes
 * on through glob_match from the end of the literal prefix, which it
 * would have matched byte for byte.  tests/unit_gate.c checks this
 * against the matcher alone on every short glob and path.
 */
int
gate_glob(const char *p, const char *s)
{
	size_t	n = strcspn(p, "*?");

	if (p[n] == '\0')
		return strcmp(p, s) == 0;
	if (strncmp(p, s, n) != 0)
		return 0;
	p += n;
	s += n;
	if (p[0] == '*' && p[1] == '*' && p[2] == '\0')
		return 1;
	if (p[0] == '*' && p[1] == '\0')
		return strchr(s, '/') == NULL;
	return glob_match(p, s);
}

/* Bytes of glob before its first wildcard. */
/* Whether one of the n globs of v matches path (gate_glob). */
static int
any_glob(const char *const *v, size_t n, const char *path)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (gate_glob(v[i], path))
			return 1;
	return 0;
}

static size_t
glob_literal(const char *g)
{
	return strcspn(g, "*?");
}

/* ---------------------------------------------------------------- */
/* Small helpers. */

/* Last '/' among the first len bytes of s, or NULL. */
static const char *
last_slash(const char *s, size_t len)
{
	while (len-- > 0)
		if (s[len] == '/')
			return s + len;
	return NULL;
}

/*
 * 1 if the gate follows path: content and a theme inside the
 * repository are gated by reviewers (a theme shapes every unit's pages,
 * so it needs the most approvals any level needs); config.yaml and
 * keys/ are governance (*gov set), approved by trust-root keys.
 */
static int
tracked(const char *path, int *gov)
{
	*gov = 0;
	if (str_prefix(path, "content/") || str_prefix(path, "themes/"))
		return 1;
	*gov = 1;
	return gate_governs(path);
}

int
gate_governs(const char *path)
{
	return strcmp(path, "config.yaml") == 0 || str_prefix(path, "keys/");
}

/* The gate's one copy of s: approvals share it by pointer. */
static const char *
intern(struct priv *P, const char *s)
{
	size_t	i;

	if (strmap_get(&P->imap, s, &i))
		return P->istr[i];
	xgrow(&P->istr, &P->capistr, P->nistr + 1, sizeof(*P->istr));
	P->istr[P->nistr] = xstrdup(s);
	strmap_put(&P->imap, P->istr[P->nistr], P->nistr, NULL);
	return P->istr[P->nistr++];
}

static int
in_list(char **v, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

static void
push_str(char ***v, size_t *n, size_t *cap, const char *s)
{
	xgrow(v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

static void
free_strs(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static struct gate_version *
live_of(struct gate_path *p)
{
	return p->nversions ? &p->versions[p->nversions - 1] : NULL;
}

static size_t
path_index(struct priv *P, const char *path, int create)
{
	struct gate	*g = P->g;
	struct gate_path *p;
	size_t		 i;
	int		 gov;

	if (strmap_get(&P->pmap, path, &i))
		return i;
	if (!create)
		return NONE;
	xgrow(&g->paths, &P->capp, g->npaths + 1, sizeof(*g->paths));
	p = &g->paths[g->npaths];
	memset(p, 0, sizeof(*p));
	p->path = xstrdup(path);
	tracked(path, &gov);
	p->governance = gov;
	strmap_put(&P->pmap, p->path, g->npaths, NULL);
	return g->npaths++;
}

/* ---------------------------------------------------------------- */
/* Step 0: history, keys, signatures. */

/*
 * Keeps the count of paths malformed in the tree the mainline's walk
 * is at, tracked or not: a name git cannot check out may make any
 * file's ("./c/fees/a.md", "../c/fees/a.md" one level down), so a tree
 * holding one approves no withdrawal (rule 10).
 */
static void
note_malformed(struct priv *P, const char *path, int bad)
{
	size_t	k;

	if (!strmap_get(&P->badmap, path, &k)) {
		if (!bad)
			return;
		k = P->nbadk++;
		xgrow(&P->bad, &P->capbad, P->nbadk, 1);
		P->bad[k] = 0;
		strmap_put(&P->badmap, intern(P, path), k, NULL);
	}
	if (P->bad[k] != bad) {
		P->bad[k] = (unsigned char)bad;
		if (bad)
			P->nbad++;
		else
			P->nbad--;
	}
}

static int
on_diff(const char *path, enum repo_kind ok, const struct oid *o,
    enum repo_kind nk, const struct oid *n, void *arg)
{
	struct priv	*P = arg;
	struct change	*c;
	int		 gov;

	note_malformed(P, path, nk == REPO_MALFORMED);
	if (!tracked(path, &gov))
		return 0;
	xgrow(&P->ch, &P->capch, P->nch + 1, sizeof(*P->ch));
	c = &P->ch[P->nch++];
	memset(c, 0, sizeof(*c));
	c->path = path_index(P, path, 1);
	c->present = n != NULL && nk != REPO_TREE;
	c->kind = c->present ? nk : REPO_NONE;
	if (c->present)
		c->blob = *n;
	return 0;
}

static int
cmp_oid(const void *a, const void *b)
{
	return oid_cmp(a, b);
}

/*
 * Lists every blob that was ever under keys/, in blob order, without
 * reading any: a key blob is read only when governance published it
 * (keyblob_read).
 */
static void
load_keys(struct priv *P)
{
	struct oid	*v = NULL;
	size_t		 n = 0, cap = 0, i;
	char		 hex[OID_HEXSZ + 1];
	struct keyblob	*k;

	/* A gitlink holds no key. */
	for (i = 0; i < P->nch; i++)
		if (P->ch[i].present && (P->ch[i].kind == REPO_BLOB ||
		    P->ch[i].kind == REPO_EXEC) &&
		    str_prefix(P->g->paths[P->ch[i].path].path, "keys/")) {
			xgrow(&v, &cap, n + 1, sizeof(*v));
			v[n++] = P->ch[i].blob;
		}
	xqsort(v, n, sizeof(*v), cmp_oid);
	for (i = 0; i < n; i++) {
		if (i > 0 && oid_cmp(&v[i], &v[i - 1]) == 0)
			continue;
		oid_fmt(hex, &v[i]);
		xgrow(&P->kb, &P->capkb, P->nkb + 1, sizeof(*P->kb));
		k = &P->kb[P->nkb];
		memset(k, 0, sizeof(*k));
		k->hex = xstrdup(hex);
		k->blob = v[i];
		buf_init(&k->text);
		strmap_put(&P->kbmap, k->hex, P->nkb++, NULL);
	}
	free(v);
}

/*
 * Reads the primary fingerprints of key blob k, once, in a keyring of
 * its own: which key is whose is decided by approved governance, and
 * no key file can change what another holds (a subkey packet carrying
 * a reviewer's primary key material, imported beside that key, made
 * RNP drop the reviewer's key).  Only blobs that a published version
 * of a keys/ path holds are ever read (people_keys, publish_keys): a
 * key file nobody approved costs nothing, whatever it holds (one key
 * repeated 4,000 times with distinct user IDs took RNP five minutes on
 * every run when every blob ever under keys/ was read).  A blob of
 * another kind, one over KEY_MAX, or one beyond sig_key_check's bounds
 * holds no key; the last two are warned about as path@commit (the
 * version's first commit).  0, or -1 when the repository cannot be
 * read.
 */
static int
keyblob_read(struct priv *P, struct keyblob *k, const char *path,
    const struct oid *at)
{
	struct sig_keyring	*one;
	size_t			 sz;
	char			 hex[OID_HEXSZ + 1], *name;
	int			 isblob;

	if (k->read)
		return 0;
	k->read = 1;
	/* An entry of blob mode naming another object (a push can make
	 * one) holds no key, as a broken key file. */
	if ((isblob = repo_is_blob(P->repo, &k->blob)) <= 0)
		return isblob;
	if (repo_blob_size(P->repo, &k->blob, &sz) < 0)
		return -1;
	oid_fmt(hex, at);
	hex[7] = '\0';
	name = xasprintf("%s@%s", path, hex);
	if (sz > KEY_MAX) {
		diag_warn(name, 0, 0, "key file not read: %zu bytes, over "
		    "%d; it holds no key", sz, KEY_MAX);
		free(name);
		return 0;
	}
	if (repo_blob_read(P->repo, &k->blob, &k->text) < 0) {
		free(name);
		return -1;
	}
	if (sig_key_check(name, k->text.data, k->text.len) == 0) {
		/* A broken key file simply holds no keys. */
		one = sig_keyring_new();
		(void)sig_keyring_add_armored(one, NULL, k->text.data,
		    k->text.len, &k->fprs, &k->nfprs);
		sig_keyring_free(one);
		k->usable = 1;
	} else
		buf_dispose(&k->text);
	free(name);
	return 0;
}

/* The key blob of version v of key file path, read (keyblob_read), in
 * *out; NULL when it was never under keys/.  0 or -1. */
static int
keyblob(struct priv *P, const char *path, const struct gate_version *v,
    struct keyblob **out)
{
	char	hex[OID_HEXSZ + 1];
	size_t	i;

	*out = NULL;
	oid_fmt(hex, &v->blob);
	if (!strmap_get(&P->kbmap, hex, &i))
		return 0;
	*out = &P->kb[i];
	return keyblob_read(P, &P->kb[i], path, &v->start);
}

/*
 * The verification cache is one file per trust file, named by its
 * digest: the mainline's verdicts against the trust keys alone ("t"
 * lines), then, under a line "keyset <digest>", against the keyset
 * governance published beside them.  Each verdict is a function of the
 * commit and the keys, so a cache of another keyset is not read.
 */

/* Reads the verdicts of section keyset of the cache text (NULL: the
 * trust keys' "t" lines) into a map of commit hex -> result. */
static void
cache_load(struct priv *P, const char *keyset, struct centry **out,
    size_t *nout, struct strmap *map)
{
	char		 head[96], *s, *line, *save = NULL;
	size_t		 cap = 0;
	struct centry	*e;
	char		 hex[64], st[32], fpr[64], sub[64];
	long long	 created, till;
	int		 status, in = keyset == NULL;

	*out = NULL;
	*nout = 0;
	if (P->ctext == NULL)
		return;
	snprintf(head, sizeof(head), "%s %s", CACHE_MAGIC, P->trusthex);
	s = xstrndup(P->ctext, P->clen);
	line = strtok_r(s, "\n", &save);
	if (line == NULL || strcmp(line, head) != 0) {
		free(s);
		return;
	}
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		if (str_prefix(line, "keyset ")) {
			if (keyset == NULL)
				break;
			in = strcmp(line + 7, keyset) == 0;
			continue;
		}
		if (!in || (keyset == NULL && !str_prefix(line, "t ")))
			continue;
		if (sscanf(line + (keyset == NULL ? 2 : 0),
		    "%63s %31s %63s %63s %lld %lld", hex, st,
		    fpr, sub, &created, &till) != 6 ||
		    strlen(hex) != OID_HEXSZ ||
		    (status = sig_status_parse(st)) < 0)
			continue;
		if (strcmp(fpr, "-") == 0)
			fpr[0] = '\0';
		if (strcmp(sub, "-") == 0)
			sub[0] = '\0';
		if ((strlen(fpr) != 0 && strlen(fpr) != SIG_FPRSZ) ||
		    (strlen(sub) != 0 && strlen(sub) != SIG_FPRSZ))
			continue;
		xgrow(out, &cap, *nout + 1, sizeof(**out));
		e = &(*out)[(*nout)++];
		memset(e, 0, sizeof(*e));
		memcpy(e->hex, hex, OID_HEXSZ + 1);
		e->r.status = (enum sig_status)status;
		memcpy(e->r.fpr, fpr, strlen(fpr) + 1);
		memcpy(e->r.subfpr, sub, strlen(sub) + 1);
		e->r.created = created;
		e->r.valid_till = till;
	}
	free(s);
	/* The map's keys point into the array, which no longer moves. */
	for (size_t i = 0; i < *nout; i++)
		strmap_put(map, (*out)[i].hex, i, NULL);
}

/* Reads the verification cache of this trust file (o->cache, or the
 * file in o->cache_dir), takes its trust keys' verdicts and starts the
 * new one in g->cache. */
static void
cache_start(struct priv *P, const struct gate_opts *o)
{
	struct gate	*g = P->g;
	struct sha256	 d;
	char		 len[32];

	sha256_init(&d);
	snprintf(len, sizeof(len), "trust %zu\n", o->trust_len);
	sha256_add(&d, len, strlen(len));
	sha256_add(&d, o->trust, o->trust_len);
	sha256_hex(&d, P->trusthex);
	P->ctext = o->cache;
	P->clen = o->cache_len;
	if (P->ctext == NULL && o->cache_dir != NULL) {
		g->cache_file = xasprintf("%s/%s%s", o->cache_dir,
		    CACHE_PREFIX, P->trusthex);
		(void)cachedir_read(g->cache_file, &P->oldcache);
		P->ctext = P->oldcache.data;
		P->clen = P->oldcache.len;
	}
	cache_load(P, NULL, &P->tce, &P->ntce, &P->tmap);
	buf_printf(&g->cache, "%s %s\n", CACHE_MAGIC, P->trusthex);
}

/* Takes the cache's verdicts of the keyset now known and starts its
 * section of the new one. */
static void
cache_open(struct priv *P)
{
	cache_load(P, P->keyhex, &P->ce, &P->nce, &P->cmap);
	buf_printf(&P->g->cache, "keyset %s\n", P->keyhex);
}

/* Verifies commit id into *res against the keyring as it is. */
static int
verify_raw(struct priv *P, const struct oid *id, struct sig_result *res)
{
	buf_reset(&P->raw);
	if (repo_commit_raw(P->repo, id, &P->raw) < 0)
		return -1;
	sig_verify_commit(P->kr, P->raw.data, P->raw.len, res);
	return 0;
}

/* Verifies commit id into *res, from the cache's verdicts ce (map)
 * when they hold it, and writes its line into the new cache, after
 * prefix.  A commit without signature headers (nsig 0, as read with
 * it; -1: not known) is SIG_NONE under any keys, and is not read
 * again. */
static int
verify_one(struct priv *P, const struct oid *id, int nsig,
    struct sig_result *res, const struct strmap *map,
    const struct centry *ce, const char *prefix)
{
	char		 hex[OID_HEXSZ + 1];
	size_t		 j;
	int		 rc = 0;

	oid_fmt(hex, id);
	if (strmap_get(map, hex, &j))
		*res = ce[j].r;
	else if (nsig == 0) {
		memset(res, 0, sizeof(*res));
		res->status = SIG_NONE;
	} else if (verify_raw(P, id, res) < 0)
		return -1;
	buf_printf(&P->g->cache, "%s%s %s %s %s %lld %lld\n", prefix, hex,
	    sig_status_name(res->status), res->fpr[0] ? res->fpr : "-",
	    res->subfpr[0] ? res->subfpr : "-", (long long)res->created,
	    (long long)res->valid_till);
	return rc;
}

static int
verify_mainline(struct priv *P)
{
	size_t	i;

	for (i = 0; i < P->g->nmainline; i++)
		if (verify_one(P, &P->g->mainline[i], P->c[i].nsig > 0,
		    &P->c[i].sig, &P->cmap, P->ce, "") < 0)
			return -1;
	return 0;
}

/* Verifies the mainline against the trust keys alone.  Most commits
 * are signed by nobody this keyring holds, which RNP answers without
 * arithmetic, but reading each commit and asking RNP was a tenth of a
 * warm gate. */
static int
verify_trust(struct priv *P)
{
	size_t	i;

	for (i = 0; i < P->g->nmainline; i++)
		if (verify_one(P, &P->g->mainline[i], P->c[i].nsig > 0,
		    &P->c[i].sig, &P->tmap, P->tce, "t ") < 0)
			return -1;
	return 0;
}

static void
cache_close(struct priv *P)
{
	struct gate	*g = P->g;

	g->cache_changed = P->ctext == NULL || P->clen != g->cache.len ||
	    memcmp(P->ctext, g->cache.data, P->clen) != 0;
}

/*
 * Which mainline signatures count.  A signature's creation time is its
 * signer's word, so a key's expiry is judged against a witness the
 * signer does not control: every earlier GOOD signature on the
 * mainline proves by its own creation time (when not later than the
 * build's clock) that the commits after it were made after then, and
 * the previous gated build proves that every commit after the one it
 * built is newer than that build.  A key expired by then approves
 * nothing from there on, whatever time its signature claims.
 */
static void
judge_mainline(struct priv *P, const struct gate_opts *o)
{
	struct gate	*g = P->g;
	struct crec	*c;
	int64_t		 w = INT64_MIN, wi;
	size_t		 i;

	for (i = 0; i < g->nmainline; i++) {
		c = &P->c[i];
		wi = w;
		if (g->anchor_pos != GATE_NONE && i > g->anchor_pos &&
		    o->anchor_time > wi)
			wi = o->anchor_time;
		c->ok = c->sig.status == SIG_GOOD &&
		    (c->sig.valid_till == 0 || c->sig.valid_till >= wi);
		if (c->ok && c->sig.created > w &&
		    (o->now == 0 || c->sig.created <= o->now))
			w = c->sig.created;
	}
}

/* ---------------------------------------------------------------- */
/* Governance in force. */

static void
people_dispose(struct gate_reviewer *v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++)
		free_strs(v[i].fprs, v[i].nfprs);
	free(v);
}

static void
gstate_free(struct gstate *G)
{
	if (G == NULL)
		return;
	people_dispose(G->rv, G->nrv);
	people_dispose(G->ed, G->ned);
	cfg_free(G->cfg);
	free(G);
}

/* 1 unless v is present as something else than a file's text. */
static int
regular(const struct gate_version *v)
{
	return !v->present || v->kind == REPO_BLOB || v->kind == REPO_EXEC;
}

/* Newest regular version of path index pi published so far, or NULL:
 * what is in force of a governance file or a unit file. */
static struct gate_version *
newest_in_force(struct priv *P, size_t pi)
{
	struct gate_path	*p;
	size_t			 i;

	if (pi == NONE)
		return NULL;
	p = &P->g->paths[pi];
	for (i = p->nversions; i-- > 0;)
		if (p->versions[i].published && regular(&p->versions[i]))
			return &p->versions[i];
	return NULL;
}

/* Adds a config's revoked fingerprints (primaries or subkeys) to R. */
static void
add_revoked(struct priv *P, const struct config *cfg)
{
	size_t	i;

	for (i = 0; i < cfg->nrevoked; i++)
		if (!in_list(P->revoked, P->nrevoked, cfg->revoked[i]))
			push_str(&P->revoked, &P->nrevoked, &P->caprevoked,
			    cfg->revoked[i]);
}

/* 1 if a signature by primary fpr (made with key sub) is revoked. */
static int
is_revoked(struct priv *P, const char *fpr, const char *sub)
{
	return in_list(P->revoked, P->nrevoked, fpr) ||
	    (sub != NULL && sub[0] != '\0' &&
	    in_list(P->revoked, P->nrevoked, sub));
}

/* The people of list v[0..n) with the fingerprints of their keys as
 * published in the governance in force, in *out (n of them).  0, or -1
 * when a key file cannot be read from the repository. */
static int
people_keys(struct priv *P, const struct config *cfg,
    const struct reviewer *v, size_t n, struct gate_reviewer **out)
{
	struct gate_reviewer	*o = xcalloc(n ? n : 1, sizeof(*o));
	struct keyblob		*k;
	struct gate_version	*kv;
	size_t			 i, j;

	for (i = 0; i < n; i++) {
		o[i].r = &v[i];
		o[i].retired = cfg_is_retired(cfg, v[i].id);
		if (v[i].key == NULL || !str_prefix(v[i].key, "keys/"))
			continue;
		kv = newest_in_force(P, path_index(P, v[i].key, 0));
		if (kv == NULL || !kv->present)
			continue;
		if (keyblob(P, v[i].key, kv, &k) < 0) {
			people_dispose(o, n);
			return -1;
		}
		if (k == NULL)
			continue;
		o[i].fprs = xcalloc(k->nfprs ? k->nfprs : 1, sizeof(char *));
		for (j = 0; j < k->nfprs; j++)
			o[i].fprs[j] = xstrdup(k->fprs[j]);
		o[i].nfprs = k->nfprs;
	}
	*out = o;
	return 0;
}

/* A governance state from config text (NULL: none) in *out; *out NULL
 * if the text cannot be read (reported) or does not parse (a warning
 * naming where).  0, or -1 when a key file it names cannot be read
 * from the repository. */
static int
gstate_new(struct priv *P, const struct oid *blob, const char *where,
    struct gstate **out)
{
	struct gstate	*N = xcalloc(1, sizeof(*N));
	struct buf	 b = BUF_INIT;
	char		*name;

	*out = NULL;
	N->gov_approvals = 1;
	if (blob == NULL) {
		*out = N;
		return 0;
	}
	if (repo_blob_read(P->repo, blob, &b) < 0) {
		buf_dispose(&b);
		free(N);
		return 0;
	}
	name = xasprintf("config.yaml@%s", where);
	if (cfg_parse(name, b.data, b.len, &N->cfg) < 0) {
		diag_warn(name, 0, 0, "approved config does not parse: the "
		    "previous governance stays in force");
		free(name);
		buf_dispose(&b);
		free(N);
		return 0;
	}
	free(name);
	buf_dispose(&b);
	N->gov_approvals = N->cfg->governance_approvals > 0 ?
	    N->cfg->governance_approvals : 1;
	N->nrv = N->cfg->nreviewers;
	N->ned = N->cfg->neditors;
	if (people_keys(P, N->cfg, N->cfg->reviewers, N->nrv, &N->rv) < 0 ||
	    people_keys(P, N->cfg, N->cfg->editors, N->ned, &N->ed) < 0) {
		gstate_free(N);
		return -1;
	}
	*out = N;
	return 0;
}

/*
 * Puts the published governance files in force from mainline index pos
 * on (approved at mainline index at).  A published config.yaml that
 * does not parse leaves the previous governance in force (reported).
 */
static int
gov_apply(struct priv *P, size_t pos, size_t at)
{
	struct gate		*g = P->g;
	struct gate_version	*cv = newest_in_force(P,
				    path_index(P, "config.yaml", 0));
	struct gstate		*N;
	struct gate_gov		*gv;
	char			 hex[OID_HEXSZ + 1];

	oid_fmt(hex, &g->mainline[at]);
	hex[7] = '\0';
	if (gstate_new(P, cv != NULL && cv->present ? &cv->blob : NULL, hex,
	    &N) < 0)
		return -1;
	if (N == NULL)
		return 0;
	N->pos = pos;
	if (N->cfg != NULL)
		add_revoked(P, N->cfg);
	xgrow(&P->st, &P->capst, P->nst + 1, sizeof(*P->st));
	P->st[P->nst++] = N;
	P->G = N;
	xgrow(&g->gov, &P->capgov, g->ngov + 1, sizeof(*g->gov));
	gv = &g->gov[g->ngov++];
	memset(gv, 0, sizeof(*gv));
	gv->pos = pos;
	gv->commit = g->mainline[at];
	if (cv != NULL && cv->present) {
		gv->has_config = 1;
		gv->config = cv->blob;
	}
	return 0;
}

/* The person of list v[0..n) owning fpr, or NULL (none, or several:
 * warned once per walk when warn is set). */
static const struct gate_reviewer *
person_by_fpr(const struct gate_reviewer *v, size_t n, const char *fpr,
    int warn)
{
	const struct gate_reviewer	*found = NULL;
	size_t				 i;

	if (fpr == NULL || fpr[0] == '\0')
		return NULL;
	for (i = 0; i < n; i++)
		if (in_list(v[i].fprs, v[i].nfprs, fpr)) {
			if (found != NULL) {
				if (warn)
					diag_warn(NULL, 0, 0, "key '%s' belongs "
					    "to both '%s' and '%s': its "
					    "approvals do not count", fpr,
					    found->r->id, v[i].r->id);
				return NULL;
			}
			found = &v[i];
		}
	return found;
}

/* The reviewer in force owning fpr, or NULL (none, or ambiguous). */
static const struct gate_reviewer *
reviewer_by_fpr(struct priv *P, const char *fpr)
{
	return person_by_fpr(P->G->rv, P->G->nrv, fpr, 1);
}

/*
 * The author of version v under the governance in force: the id of the
 * reviewer or editor whose key signed the commit that started it, or
 * NULL when that commit is unsigned or signed by nobody listed.  A
 * name typed into a commit proves nothing.
 */
static const char *
author_of(struct priv *P, const struct gate_version *v)
{
	const struct gate_reviewer	*who;

	if (v->signer[0] == '\0')
		return NULL;
	if ((who = person_by_fpr(P->G->rv, P->G->nrv, v->signer, 0)) ==
	    NULL)
		who = person_by_fpr(P->G->ed, P->G->ned, v->signer, 0);
	return who != NULL ? who->r->id : NULL;
}

/* 1 if reviewer rv is the author of version v (see author_of). */
static int
is_author(struct priv *P, const struct gate_reviewer *rv,
    const struct gate_version *v)
{
	const char	*a;

	if (!v->present || v->signer[0] == '\0')
		return 0;
	if (in_list(rv->fprs, rv->nfprs, v->signer))
		return 1;
	return (a = author_of(P, v)) != NULL && strcmp(a, rv->r->id) == 0;
}

/* The governance state in force at mainline index at. */
static const struct gstate *
state_at(const struct priv *P, size_t at)
{
	size_t	k = 0;

	while (k + 1 < P->nst && P->st[k + 1]->pos <= at)
		k++;
	return P->st[k];
}

/* 1 if reviewer id was retired off the mainline before index at. */
static int
retired_off_mainline(struct priv *P, const char *id, size_t at)
{
	size_t	i;

	for (i = 0; i < P->nret; i++)
		if (strcmp(P->ret[i].id, id) == 0 && at >= P->ret[i].from &&
		    at < P->ret[i].to)
			return 1;
	return 0;
}

static int
in_scope(const struct reviewer *r, const char *path)
{
	return any_glob((const char *const *)r->scope, r->nscope, path);
}

/* ---------------------------------------------------------------- */
/* Levels. */

static const char *
blob_level(struct priv *P, const struct oid *blob, const char *path)
{
	char		 hex[OID_HEXSZ + 1], *name;
	size_t		 i;
	struct buf	 b = BUF_INIT;
	struct ynode	*root = NULL, *n;
	struct lvl	*l;

	oid_fmt(hex, blob);
	if (strmap_get(&P->lvmap, hex, &i))
		return P->lv[i].level;
	xgrow(&P->lv, &P->caplv, P->nlv + 1, sizeof(*P->lv));
	l = &P->lv[P->nlv];
	l->hex = xstrdup(hex);
	l->level = NULL;
	name = xasprintf("%s (blob %.7s)", path, hex);
	if (repo_blob_read(P->repo, blob, &b) == 0 &&
	    ydoc_parse(name, b.data, b.len, 0, &root) == 0 &&
	    (n = ynode_get(root, "level")) != NULL && n->type == YN_SCALAR)
		l->level = xstrdup(n->str);
	ynode_free(root);
	free(name);
	buf_dispose(&b);
	strmap_put(&P->lvmap, l->hex, P->nlv++, NULL);
	return l->level;
}

/* Approvals a level needs under cfg; unknown: the most any needs. */
static int
level_req(const struct config *cfg, const char *level)
{
	const struct level	*l;
	int			 max = 1;
	size_t			 i;

	if (cfg == NULL)
		return 1;
	if (level != NULL && (l = cfg_level(cfg, level)) != NULL)
		return l->approvals > 0 ? l->approvals : 1;
	for (i = 0; i < cfg->nlevels; i++)
		if (cfg->levels[i].approvals > max)
			max = cfg->levels[i].approvals;
	return max;
}

/*
 * The version of the unit file that rules path (its own, for a
 * _unit.yaml) at this point of the walk, or NULL: the nearest enclosing
 * _unit.yaml whose newest published version is present.  A unit file
 * never published is no unit, and a withdrawn one no longer is, so an
 * unpublished file can never move a path to another level; *upath gets
 * the unit file's path.
 */
static const struct gate_version *
ruling_unit(struct priv *P, const char *path, const char **upath)
{
	struct buf		 b = BUF_INIT;
	const char		*slash;
	const struct gate_version *uv = NULL, *pv;
	size_t			 len = strlen(path), i;

	if (!str_prefix(path, "content/"))
		return NULL;	/* units live under content/ only */
	while (uv == NULL && (slash = last_slash(path, len)) != NULL) {
		len = (size_t)(slash - path);
		if (len == 7 && memcmp(path, "content", 7) == 0)
			break;		/* content/ itself is never a unit */
		buf_reset(&b);
		buf_put(&b, path, len);
		buf_puts(&b, "/_unit.yaml");
		if ((i = path_index(P, b.data, 0)) != NONE &&
		    (pv = newest_in_force(P, i)) != NULL && pv->present) {
			uv = pv;
			*upath = P->g->paths[i].path;
		}
	}
	buf_dispose(&b);
	return uv;
}

/*
 * Approvals a content version needs now: one for a withdrawal; else
 * what the level of its ruling unit needs (the most any level needs
 * when none rules it), and one more when its author is unknown: then
 * whoever made it may be among its approvers.
 *
 * The ruling unit's level is a function of the path and of which unit
 * file versions are published; m (or NULL) remembers it for the path
 * until priv.ugen says a publication may have changed, and what it
 * needs while the same governance state is in force.  The author is
 * weighed anew.
 */
static int
content_req(struct priv *P, const struct gate_path *p,
    const struct gate_version *v, struct umemo *m)
{
	const struct gate_version *uv;
	const char		*upath = NULL, *level;
	int			 req;

	if (!v->present)
		return 1;
	if (m != NULL && m->gen == P->ugen && m->G == P->G)
		req = m->req;
	else {
		if (m != NULL && m->gen == P->ugen)
			level = m->level;
		else {
			uv = ruling_unit(P, p->path, &upath);
			level = uv != NULL ? blob_level(P, &uv->blob, upath) :
			    NULL;
		}
		req = level_req(P->G->cfg, level);
		if (m != NULL) {
			m->gen = P->ugen;
			m->level = level;
			m->G = P->G;
			m->req = req;
		}
	}
	if (author_of(P, v) == NULL)
		req++;
	return req;
}

/* ---------------------------------------------------------------- */
/* Step 1: the walk. */

static int
cmp_sref(const void *a, const void *b)
{
	return strcmp(((const struct sref *)a)->path,
	    ((const struct sref *)b)->path);
}

static void
resort(struct priv *P)
{
	size_t	i;

	if (P->nsorted == P->g->npaths)
		return;
	P->sorted = xrealloc(P->sorted, P->g->npaths * sizeof(*P->sorted));
	for (i = 0; i < P->g->npaths; i++) {
		P->sorted[i].path = P->g->paths[i].path;
		P->sorted[i].i = i;
	}
	xqsort(P->sorted, P->g->npaths, sizeof(*P->sorted), cmp_sref);
	P->nsorted = P->g->npaths;
}

/* First position in sorted whose path is >= prefix (len bytes). */
static size_t
lower_bound(struct priv *P, const char *prefix, size_t len)
{
	size_t	lo = 0, hi = P->nsorted, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strncmp(P->sorted[mid].path, prefix, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct trail {
	struct priv	 *P;
	struct crec	 *c;		/* gets the Approved: values */
	size_t		  cap;
};

static int
on_trailer(const char *key, const char *value, void *arg)
{
	struct trail	*t = arg;

	if (strcasecmp(key, "Approved") == 0 && value[0] != '\0') {
		xgrow(&t->c->globs, &t->cap, t->c->nglobs + 1,
		    sizeof(*t->c->globs));
		t->c->globs[t->c->nglobs++] = intern(t->P, value);
	}
	return 0;
}

/* The index in gate.signers of id, name and fpr, interned (intern()):
 * a signer is looked up once per approving commit, and they are few. */
static uint32_t
signer(struct priv *P, const char *id, const char *name, const char *fpr)
{
	struct gate	*g = P->g;
	size_t		 i;

	for (i = 0; i < g->nsigners; i++)
		if (g->signers[i].reviewer == id &&
		    g->signers[i].name == name && g->signers[i].fpr == fpr)
			return (uint32_t)i;
	xgrow(&g->signers, &P->capsigners, g->nsigners + 1,
	    sizeof(*g->signers));
	g->signers[i].reviewer = id;
	g->signers[i].name = name;
	g->signers[i].fpr = fpr;
	g->nsigners++;
	return (uint32_t)i;
}

/* The reviewer of approval a (interned: compared by pointer). */
static const char *
reviewer_of(const struct gate *g, const struct gate_approval *a)
{
	return gate_signer_of(g, a)->reviewer;
}

/* Records an approval of v at mainline index at by signer who (its
 * level then needing req), unless who's reviewer made one at at. */
static struct gate_approval *
add_approval(struct priv *P, struct gate_version *v, size_t at,
    uint32_t who, int req)
{
	struct gate_approval	*a;
	const char		*id = P->g->signers[who].reviewer;
	size_t			 i;

	/* Two globs of one commit: approvals come in mainline order, so
	 * only the last few can be from this commit.  (last_at spares
	 * a cache miss on the records in the common case.) */
	for (i = v->last_at == at + 1 ? v->napprovals : 0;
	    i-- > 0 && v->approvals[i].pos == at;)
		if (reviewer_of(P->g, &v->approvals[i]) == id)
			return NULL;
	v->last_at = at + 1;
	xgrow(&v->approvals, &v->capapprovals, v->napprovals + 1,
	    sizeof(*v->approvals));
	a = &v->approvals[v->napprovals++];
	a->signer = who;
	a->pos = (uint32_t)at;
	/* as many reviewers as this are never counted */
	a->live_req = req < 0 || req > UINT16_MAX ? UINT16_MAX :
	    (uint16_t)req;
	a->why = GATE_COUNTS;
	return a;
}

/* 1 if reviewer id already counts towards version v. */
static int
counted(const struct gate_version *v, const char *id)
{
	size_t	j;

	for (j = 0; j < v->d_ncounted; j++)
		if (v->d_counted[j] == id)
			return 1;
	return 0;
}

/*
 * Decides whether v is published, going through its new approvals in
 * order: each reviewer counts once; approvals that are the author's
 * own or made with a revoked key were marked when added (the revoked
 * list is complete before any content approval is made).  A version's
 * approvals only grow at the end, so the decision goes on from where
 * the last one stopped.  Returns 1 if v is published.
 */
static int
decide(const struct gate *g, struct gate_version *v)
{
	size_t			 i;
	struct gate_approval	*a;

	for (i = v->d_next; i < v->napprovals; i++) {
		a = &v->approvals[i];
		if (a->why != GATE_COUNTS)
			continue;
		if (counted(v, reviewer_of(g, a)))
			a->why = GATE_REPEAT;
		else {
			xgrow(&v->d_counted, &v->d_capcounted,
			    v->d_ncounted + 1, sizeof(*v->d_counted));
			v->d_counted[v->d_ncounted++] = reviewer_of(g, a);
		}
		/* a repeat still counts when the level now needs fewer */
		if (!v->published && v->d_ncounted >= (size_t)a->live_req) {
			v->published = 1;
			v->published_pos = a->pos;
		}
	}
	v->d_next = v->napprovals;
	return v->published;
}

/* Governance approvals by trust key fpr at mainline index at. */
static int
approve_gov(struct priv *P, size_t at, const char **globs, size_t nglobs,
    const char *fpr)
{
	struct gate		*g = P->g;
	struct gate_path	*p;
	struct gate_version	*v;
	struct gate_approval	*a;
	size_t			 gi, k, len;
	int			 changed = 0, was;
	uint32_t		 who = signer(P, fpr, P->empty, fpr);

	for (gi = 0; gi < nglobs; gi++) {
		len = glob_literal(globs[gi]);
		for (k = lower_bound(P, globs[gi], len); k < P->nsorted;
		    k++) {
			p = &g->paths[P->sorted[k].i];
			if (strncmp(p->path, globs[gi], len) != 0)
				break;
			if (!p->governance || !gate_glob(globs[gi], p->path))
				continue;
			if ((v = live_of(p)) == NULL)
				continue;	/* not there yet */
			/* Identity of a trust key is its fingerprint. */
			if ((a = add_approval(P, v, at, who,
			    P->G->gov_approvals)) == NULL)
				continue;
			if (!v->present && P->c[at].unsound) {
				a->why = GATE_UNSOUND;
				continue;
			}
			was = v->published;
			if (decide(g, v) && !was)
				changed = 1;
		}
	}
	return changed;
}

/* The approval of path index pi by reviewer rv (signer who; revoked:
 * the key is) at mainline index at, when one of its globs named it. */
static void
approve_path(struct priv *P, size_t at, size_t pi,
    const struct gate_reviewer *rv, uint32_t who, int revoked)
{
	struct gate_path	*p = &P->g->paths[pi];
	struct gate_version	*v;
	struct gate_approval	*a;
	int			 was;

	if (p->governance || !in_scope(rv->r, p->path))
		return;
	if ((v = live_of(p)) == NULL)
		return;		/* not there yet */
	a = add_approval(P, v, at, who, content_req(P, p, v, &P->um[pi]));
	if (a == NULL)
		return;
	if (revoked)
		a->why = GATE_REVOKED;
	else if (is_author(P, rv, v))
		a->why = GATE_SELF;
	else if (!v->present && P->c[at].unsound)
		a->why = GATE_UNSOUND;
	/* A unit file's publication is final now (the revoked list is
	 * complete): its level rules the approvals that follow. */
	if (str_suffix(p->path, "/_unit.yaml")) {
		was = v->published;
		if (decide(P->g, v) != was)
			P->ugen++;
	}
}

/*
 * Whether the approval of unit file path index pi by reviewer rv
 * (signer who; revoked: the key is) at mainline index at would publish
 * its live version under the levels in force now (decide's test, made
 * without recording anything).  A unit file's versions are decided as
 * each approval comes (approve_path), so its counted reviewers are
 * current.
 */
static int
unit_would_publish(struct priv *P, size_t pi, const struct gate_reviewer *rv,
    uint32_t who, int revoked)
{
	struct gate_path	*p = &P->g->paths[pi];
	struct gate_version	*v;
	const char		*id = P->g->signers[who].reviewer;

	if (p->governance || !in_scope(rv->r, p->path) ||
	    (v = live_of(p)) == NULL || v->published)
		return 0;
	if (revoked || is_author(P, rv, v))
		return 0;	/* marked, never counted */
	return v->d_ncounted + !counted(v, id) >=
	    (size_t)content_req(P, p, v, &P->um[pi]);
}

/*
 * Whether signer who's chain (struct fold) goes on at commit at: the
 * same key, globs, governance and levels as its last commit, and no
 * unit file changed since that this approval would publish.  Levels
 * move only when a unit file's publication does; under the levels of
 * the commit's start no unit file this commit names gets published
 * (a repeat of one that did not change cannot publish it: no level
 * moved since it was weighed), so none does: the first to be would be
 * weighed under them.  An unsigned commit touching an unpublished
 * unit file between a reviewer's approvals breaks no chain (it made
 * every approval of content/ cost every path).
 */
static int
chain_holds(struct priv *P, const struct fold *f, size_t at,
    const struct gate_reviewer *rv, uint32_t who, int revoked)
{
	const struct crec	*c = &P->c[at], *l = &P->c[f->last];
	size_t			 i, j, k;

	if (P->no_fold || f->root == 0 || f->G != P->G ||
	    f->ugen != P->ugen || c->nglobs != l->nglobs ||
	    c->unsound != l->unsound ||
	    strcmp(c->sig.subfpr, l->sig.subfpr) != 0)
		return 0;
	for (i = 0; i < c->nglobs; i++)
		if (c->globs[i] != l->globs[i])	/* interned */
			return 0;
	for (i = f->last + 1; i <= at; i++)
		for (j = 0; j < P->c[i].nch; j++) {
			k = P->ch[P->c[i].ch0 + j].path;
			if (str_suffix(P->g->paths[k].path, "/_unit.yaml") &&
			    any_glob(c->globs, c->nglobs,
			    P->g->paths[k].path) &&
			    unit_would_publish(P, k, rv, who, revoked))
				return 0;
		}
	return 1;
}

/* Content approvals of mainline commit at, by reviewer rv. */
static void
approve_content(struct priv *P, size_t at, const struct gate_reviewer *rv)
{
	struct gate		*g = P->g;
	struct crec		*c = &P->c[at];
	const char		*fpr = intern(P, c->sig.fpr);
	struct fold		*f;
	size_t			 gi, k, len, i, j, ugen = P->ugen;
	uint32_t		 who = signer(P, intern(P, rv->r->id),
				    intern(P, rv->r->name ? rv->r->name : ""),
				    fpr);
	int			 revoked = is_revoked(P, fpr, c->sig.subfpr);

	if (who >= P->capfold) {
		k = P->capfold;
		xgrow(&P->fold, &P->capfold, who + 1, sizeof(*P->fold));
		memset(P->fold + k, 0, (P->capfold - k) * sizeof(*P->fold));
	}
	f = &P->fold[who];
	if (chain_holds(P, f, at, rv, who, revoked)) {
		/* only what changed since the chain's last commit */
		for (i = f->last + 1; i <= at; i++)
			for (j = 0; j < P->c[i].nch; j++) {
				k = P->ch[P->c[i].ch0 + j].path;
				if (any_glob(c->globs, c->nglobs,
				    g->paths[k].path))
					approve_path(P, at, k, rv, who,
					    revoked);
			}
		c->fold = f->root;
		c->fold_who = who;
		f->last = at;
		return;
	}
	resort(P);
	for (gi = 0; gi < c->nglobs; gi++) {
		len = glob_literal(c->globs[gi]);
		for (k = lower_bound(P, c->globs[gi], len); k < P->nsorted;
		    k++) {
			if (strncmp(P->sorted[k].path, c->globs[gi], len) != 0)
				break;
			if (gate_glob(c->globs[gi], P->sorted[k].path))
				approve_path(P, at, P->sorted[k].i, rv, who,
				    revoked);
		}
	}
	/* a chain begins where no unit's publication moved within */
	memset(f, 0, sizeof(*f));
	if (P->ugen == ugen) {
		f->root = at + 1;
		f->last = at;
		f->ugen = ugen;
		f->G = P->G;
	}
}

/*
 * 1 if the good signature of mainline commit at names its author: not
 * when its key is revoked (a stolen key proves nothing, wherever it
 * signed), nor when it is a reviewer's retired by then.  Else the
 * version it starts has an unknown author, and needs one approval
 * more, as an unsigned one does.  For content: every revocation is
 * known once governance has been walked.
 */
static int
signer_proves(struct priv *P, const struct crec *c, size_t at)
{
	const struct gate_reviewer	*rv;

	if (is_revoked(P, c->sig.fpr, c->sig.subfpr))
		return 0;
	rv = reviewer_by_fpr(P, c->sig.fpr);
	return rv == NULL || (!rv->retired &&
	    !retired_off_mainline(P, rv->r->id, at));
}

/* Opens the versions that mainline commit at starts, of governance
 * paths (gov set) or of the others. */
static void
open_versions(struct priv *P, size_t at, int gov)
{
	struct crec		*c = &P->c[at];
	struct change		*ch;
	struct gate_path	*p;
	struct gate_version	*v, *old;
	size_t			 i;

	for (i = 0; i < c->nch; i++) {
		ch = &P->ch[c->ch0 + i];
		p = &P->g->paths[ch->path];
		if (p->governance != gov)
			continue;
		old = live_of(p);
		if (old != NULL && old->present == ch->present &&
		    (!ch->present || (oid_cmp(&old->blob, &ch->blob) == 0 &&
		    old->kind == ch->kind)))
			continue;
		if (old != NULL)
			old->end_pos = at;
		/* A unit file's new version moves no level: levels follow
		 * published versions only (ruling_unit), and approve_path
		 * bumps priv.ugen when one is published. */
		p->versions = xrealloc(p->versions,
		    (p->nversions + 1) * sizeof(*p->versions));
		v = &p->versions[p->nversions++];
		memset(v, 0, sizeof(*v));
		v->present = ch->present;
		v->kind = ch->kind;
		if (ch->present)
			v->blob = ch->blob;
		v->start = P->g->mainline[at];
		v->start_pos = at;
		v->end_pos = P->g->nmainline;
		v->author_name = c->author_name;
		v->author_email = c->author_email;
		if (c->ok && (gov || signer_proves(P, c, at)))
			memcpy(v->signer, c->sig.fpr, SIG_FPRSZ + 1);
	}
}

/*
 * Pass 1: governance alone.  It depends on nothing else (trust keys
 * approve it), so every governance state and every revocation is known
 * before any content approval is weighed.
 */
static int
walk_governance(struct priv *P)
{
	struct gate	*g = P->g;
	struct crec	*c;
	const char	*fpr;
	size_t		 i;

	for (i = 0; i < g->nmainline; i++) {
		c = &P->c[i];
		open_versions(P, i, 1);
		if (!c->ok || c->nglobs == 0)
			continue;
		resort(P);
		fpr = intern(P, c->sig.fpr);
		if (in_list(g->trust, g->ntrust, fpr) &&
		    approve_gov(P, i, c->globs, c->nglobs, fpr) &&
		    gov_apply(P, i + 1, i) < 0)
			return -1;
	}
	return 0;
}

/*
 * Puts into the verification keyring, beside the trust keys, every key
 * file that governance ever published (found by a walk of governance
 * under the trust keys alone), and makes the keyset digest of the
 * verification cache from them.  An unapproved key file verifies
 * nothing: it can neither stand in for a reviewer's key nor sign a
 * witness of time (rule 9).
 */
static int
publish_keys(struct priv *P, const struct gate_opts *o)
{
	struct gate		*g = P->g;
	struct gate_path	*p;
	struct gate_version	*v;
	struct keyblob		*k;
	size_t			 i, j;
	char			 len[32];

	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		if (!str_prefix(p->path, "keys/"))
			continue;
		for (j = 0; j < p->nversions; j++) {
			v = &p->versions[j];
			if (!v->published || !v->present || !regular(v))
				continue;
			if (keyblob(P, p->path, v, &k) < 0)
				return -1;
			if (k != NULL)
				k->published = 1;
		}
	}
	sha256_init(&P->keyset);
	snprintf(len, sizeof(len), "trust %zu\n", o->trust_len);
	sha256_add(&P->keyset, len, strlen(len));
	sha256_add(&P->keyset, o->trust, o->trust_len);
	/* kb is in blob order */
	for (i = 0; i < P->nkb; i++) {
		k = &P->kb[i];
		if (!k->published || !k->usable)
			continue;
		sha256_add(&P->keyset, k->hex, OID_HEXSZ);
		(void)sig_keyring_add_armored(P->kr, NULL, k->text.data,
		    k->text.len, NULL, NULL);
	}
	sha256_hex(&P->keyset, P->keyhex);
	return 0;
}

/*
 * Forgets what walk_governance found (versions of governance paths,
 * states, revocations), to walk it again under another keyring.
 */
static void
gov_reset(struct priv *P)
{
	struct gate		*g = P->g;
	struct gate_path	*p;
	size_t			 i, j;

	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		if (!p->governance)
			continue;
		for (j = 0; j < p->nversions; j++) {
			free(p->versions[j].approvals);
			free(p->versions[j].d_counted);
			free(p->versions[j].veto);
		}
		free(p->versions);
		p->versions = NULL;
		p->nversions = 0;
	}
	for (i = 1; i < P->nst; i++)
		gstate_free(P->st[i]);
	P->nst = 1;
	P->G = P->st[0];
	g->ngov = 0;
	for (i = 0; i < P->nrevoked; i++)
		free(P->revoked[i]);
	P->nrevoked = 0;
}

/* Pass 2: content, under the governance in force at each commit. */
static void
walk_content(struct priv *P)
{
	struct gate		*g = P->g;
	const struct gate_reviewer *rv;
	struct crec		*c;
	size_t			 i, next = 1;

	P->G = P->st[0];
	P->um = xcalloc(g->npaths ? g->npaths : 1, sizeof(*P->um));
	P->ugen = 1;
	for (i = 0; i < g->nmainline; i++) {
		while (next < P->nst && P->st[next]->pos <= i)
			P->G = P->st[next++];
		c = &P->c[i];
		open_versions(P, i, 0);
		if (!c->ok || c->nglobs == 0)
			continue;
		if ((rv = reviewer_by_fpr(P, c->sig.fpr)) != NULL &&
		    !rv->retired && !retired_off_mainline(P, rv->r->id, i))
			approve_content(P, i, rv);
	}
	free(P->um);
	P->um = NULL;
	free(P->fold);
	P->fold = NULL;
	P->capfold = 0;
	/* what waits is weighed under the newest governance */
	P->G = P->st[P->nst - 1];
}

/* ---------------------------------------------------------------- */
/*
 * Restrictions off the mainline.  A fast-forward push can re-parent
 * the mainline (a stale branch merges main; main's old tip becomes a
 * second parent) and so move approvals off the first-parent line.
 * Grants must stand on it, but restrictions count wherever they stand
 * in the ref's ancestry: a revocation or a retirement in a governance
 * state approved by enough trust-root keys, and a reviewer's approved
 * withdrawal of a path that is absent at the ref.
 */

/* A commit reachable from the ref but not on its mainline. */
struct sidec {
	struct oid	 id;
	struct oid	*parents;	/* owned */
	size_t		 nparents;
	size_t		 base;		/* newest mainline index among its
					   ancestors, NONE if none */
	int		 state;		/* 0 new, 1 open, 2 done (base) */
	const char	**globs;	/* its Approved: values (interned),
					   owned array; NULL: none */
	size_t		 nglobs;
};

/* A trust key's approval, off the mainline, of a config.yaml blob. */
struct govvote {
	struct oid	 blob;
	const char	*fpr;		/* interned trust fingerprint */
	size_t		 base;		/* of the approving commit */
};

static size_t
ml_index(struct priv *P, const struct oid *id)
{
	char	hex[OID_HEXSZ + 1];
	size_t	i;

	oid_fmt(hex, id);
	return strmap_get(&P->mlmap, hex, &i) ? i : NONE;
}

/*
 * The side commit index of parent k of side commit t, or NONE when that
 * parent is on the mainline (*ml gets its index) or no side commit.
 */
static size_t
side_parent(struct sidec *v, size_t t, size_t k, struct strmap *map,
    struct priv *P, size_t *ml)
{
	char	hex[OID_HEXSZ + 1];
	size_t	j;

	*ml = ml_index(P, &v[t].parents[k]);
	if (*ml != NONE)
		return NONE;
	oid_fmt(hex, &v[t].parents[k]);
	return strmap_get(map, hex, &j) ? j : NONE;
}

/*
 * Computes the base of every side commit, parents first: a depth-first
 * walk that puts each commit on its stack once (a commit is open from
 * when it is pushed), going down one parent at a time.  It used to push
 * every new parent of the commit on top at once, so a commit reached
 * again before its turn was pushed again: pushed side histories where
 * each commit has all the earlier ones as parents overran the stack of
 * n entries (heap corruption, tests/attack5.test.sh).
 */
static void
side_bases(struct sidec *v, size_t n, struct strmap *map, struct priv *P)
{
	size_t	*stack = xcalloc(n ? n : 1, sizeof(*stack));
	size_t	*next = xcalloc(n ? n : 1, sizeof(*next));
	size_t	 sp, i, k, t, j, m;

	for (i = 0; i < n; i++) {
		if (v[i].state != 0)
			continue;
		sp = 0;
		stack[sp++] = i;
		v[i].state = 1;
		while (sp > 0) {
			t = stack[sp - 1];
			/* the next parent not walked yet goes on top */
			for (j = NONE; next[t] < v[t].nparents; next[t]++) {
				j = side_parent(v, t, next[t], map, P, &m);
				if (j != NONE && v[j].state == 0)
					break;
				j = NONE;
			}
			if (j != NONE) {
				next[t]++;
				v[j].state = 1;
				stack[sp++] = j;	/* each once: sp <= n */
				continue;
			}
			/* all its parents are done (an open one would be
			 * a cycle, which hashes rule out: it adds nothing) */
			v[t].base = NONE;
			for (k = 0; k < v[t].nparents; k++) {
				j = side_parent(v, t, k, map, P, &m);
				if (j != NONE && v[j].state == 2)
					m = v[j].base;
				if (m != NONE && (v[t].base == NONE ||
				    m > v[t].base))
					v[t].base = m;
			}
			v[t].state = 2;
			sp--;
		}
	}
	free(next);
	free(stack);
}

/* Puts in force what a governance state approved off the mainline
 * restricts: its revocations, and its retirements from index from. */
static int
side_governance(struct priv *P, const struct oid *blob, size_t from)
{
	struct gstate	*N;
	char		 hex[OID_HEXSZ + 1];
	size_t		 i, to = NONE;

	/* a state the mainline itself put in force restricts there */
	for (i = 0; i < P->g->ngov; i++)
		if (P->g->gov[i].has_config &&
		    oid_cmp(&P->g->gov[i].config, blob) == 0)
			return 0;
	/* the mainline's next governance change replaces it */
	for (i = 0; i < P->g->ngov && to == NONE; i++)
		if (P->g->gov[i].pos > from)
			to = P->g->gov[i].pos;
	oid_fmt(hex, blob);
	hex[7] = '\0';
	if (gstate_new(P, blob, hex, &N) < 0)
		return -1;
	if (N == NULL)
		return 0;
	if (N->cfg != NULL) {
		add_revoked(P, N->cfg);
		for (i = 0; i < N->cfg->nretired; i++) {
			xgrow(&P->ret, &P->capret, P->nret + 1,
			    sizeof(*P->ret));
			P->ret[P->nret].id = intern(P, N->cfg->retired[i]);
			P->ret[P->nret].to = to;
			P->ret[P->nret++].from = from;
		}
	}
	gstate_free(N);
	return 0;
}

/* Counts the trust-key votes for each config blob; a blob with enough
 * distinct ones (as the governance in force at the ref asks, mainline
 * approvals of the same blob included) restricts. */
static int
count_votes(struct priv *P, struct govvote *v, size_t n)
{
	const struct gate_path	*cp;
	size_t			 i, j, k, from, cap = 0, nf;
	const char		**fprs = NULL;
	int			 rc = 0;

	cp = gate_find(P->g, "config.yaml");
	for (i = 0; i < n && rc == 0; i++) {
		if (v[i].fpr == NULL)
			continue;	/* counted with an earlier one */
		nf = 0;
		from = NONE;
		for (j = i; j < n; j++) {
			if (v[j].fpr == NULL || oid_cmp(&v[j].blob,
			    &v[i].blob) != 0)
				continue;
			xgrow(&fprs, &cap, nf + 1, sizeof(*fprs));
			fprs[nf++] = v[j].fpr;
			if (from == NONE || v[j].base + 1 < from)
				from = v[j].base == NONE ? 0 : v[j].base + 1;
			if (j != i)
				v[j].fpr = NULL;
		}
		for (j = 0; cp != NULL && j < cp->nversions; j++) {
			const struct gate_version *cv = &cp->versions[j];

			if (!cv->present || oid_cmp(&cv->blob, &v[i].blob) != 0)
				continue;
			for (k = 0; k < cv->napprovals; k++) {
				xgrow(&fprs, &cap, nf + 1, sizeof(*fprs));
				fprs[nf++] = gate_signer_of(P->g,
				    &cv->approvals[k])->fpr;
			}
		}
		/* distinct: strings are interned */
		for (j = 0, k = 0; j < nf; j++) {
			size_t	 q;

			for (q = 0; q < j && fprs[q] != fprs[j]; q++)
				;
			if (q == j)
				k++;
		}
		if (k >= (size_t)P->G->gov_approvals)
			rc = side_governance(P, &v[i].blob, from);
	}
	free(fprs);
	return rc;
}

/*
 * Reads every commit reachable from the ref that is not on the
 * mainline, and takes from those with Approved: trailers and a GOOD
 * signature the restrictions they make.  Their verdicts go into the
 * cache too.
 */
static int
scan_side(struct priv *P)
{
	struct gate		*g = P->g;
	struct sidec		*v = NULL;
	size_t			 nv = 0, capv = 0, i, k, *todo = NULL;
	size_t			 ntodo = 0, captodo = 0, capvote = 0, nvote = 0;
	struct oid		*q = NULL;
	size_t			 nq = 0, capq = 0;
	struct strmap		 map, good;	/* good: payload digests
					   of GOOD side approvals (interned) */
	struct buf		 pay = BUF_INIT, sgt = BUF_INIT;
	char			**keys = NULL;	/* the map's, owned */
	size_t			 nkeys = 0, capkeys = 0;
	struct repo_commit	 c;
	struct sig_result	 res;
	struct govvote		*vote = NULL;
	struct trail		 t;
	struct crec		 cr;
	char			 hex[OID_HEXSZ + 1];
	enum repo_kind		 kind;
	struct oid		 blob;
	const struct gate_reviewer *rv;
	const struct gstate	*G;
	const char		*fpr;
	int			 rc = -1, r;

	strmap_init(&map);
	strmap_init(&good);
	for (i = 0; i < g->nmainline; i++)
		for (k = 0; k < P->c[i].nmerged; k++) {
			xgrow(&q, &capq, nq + 1, sizeof(*q));
			q[nq++] = P->c[i].merged[k];
		}
	while (nq > 0) {
		struct oid	id = q[--nq];

		oid_fmt(hex, &id);
		if (ml_index(P, &id) != NONE || strmap_get(&map, hex, &i))
			continue;
		/* an object off the mainline that is no commit restricts
		 * nothing, and stops nothing */
		if ((r = repo_commit_peek(P->repo, &id, &c)) < 0)
			goto out;
		if (r == 1)
			continue;
		push_str(&keys, &nkeys, &capkeys, hex);
		strmap_put(&map, keys[nkeys - 1], nv, NULL);
		xgrow(&v, &capv, nv + 1, sizeof(*v));
		memset(&v[nv], 0, sizeof(*v));
		v[nv].id = id;
		v[nv].parents = c.parents;
		v[nv].nparents = c.nparents;
		c.parents = NULL;
		for (k = 0; k < v[nv].nparents; k++) {
			xgrow(&q, &capq, nq + 1, sizeof(*q));
			q[nq++] = v[nv].parents[k];
		}
		/* only approval commits can restrict */
		memset(&cr, 0, sizeof(cr));
		memset(&t, 0, sizeof(t));
		t.P = P;
		t.c = &cr;
		if (repo_trailers(c.message, on_trailer, &t) == 0 &&
		    cr.nglobs > 0) {
			xgrow(&todo, &captodo, ntodo + 1, sizeof(*todo));
			todo[ntodo++] = nv;
			v[nv].globs = cr.globs;
			v[nv].nglobs = cr.nglobs;
		} else
			free(cr.globs);
		repo_commit_dispose(&c);
		nv++;
	}
	side_bases(v, nv, &map, P);
	for (i = 0; i < ntodo; i++) {
		struct sidec	*sc = &v[todo[i]];
		size_t		 gi;
		enum sig_kind	 sk;
		char		 dig[65];

		/*
		 * A twin (the payload of a GOOD side commit under another
		 * armor: anyone can make thousands) restricts nothing its
		 * original does not, but each cost a verification, and a
		 * record that side_withdrawn weighed for every withdrawn
		 * path (minutes per build).  Once one copy of a payload
		 * verifies, the others are not even read again.
		 */
		buf_reset(&P->raw);
		buf_reset(&pay);
		buf_reset(&sgt);
		if (repo_commit_raw(P->repo, &sc->id, &P->raw) < 0)
			goto out;
		sig_split_commit(P->raw.data, P->raw.len, &pay, &sgt, &sk);
		sha256_digest(pay.data, pay.len, dig);
		if (strmap_get(&good, dig, &k))
			continue;
		if (verify_one(P, &sc->id, -1, &res, &P->cmap, P->ce, "") < 0)
			goto out;
		if (res.status != SIG_GOOD)
			continue;
		strmap_put(&good, intern(P, dig), 0, NULL);
		fpr = intern(P, res.fpr);
		for (gi = 0; gi < sc->nglobs; gi++) {
			if (!in_list(g->trust, g->ntrust, fpr) ||
			    !gate_glob(sc->globs[gi], "config.yaml"))
				continue;
			if (repo_path_state(P->repo, &sc->id, "config.yaml",
			    &kind, &blob) < 0)
				goto out;
			if (kind == REPO_BLOB || kind == REPO_EXEC) {
				xgrow(&vote, &capvote, nvote + 1,
				    sizeof(*vote));
				vote[nvote].blob = blob;
				vote[nvote].fpr = fpr;
				vote[nvote++].base = sc->base;
			}
			break;
		}
		/* its signer as the governance in force where it forked
		 * off weighs them: their scope then, not retired (one
		 * retired off the mainline is asked in side_withdrawn, once
		 * every side retirement is known); an approval with no
		 * mainline ancestor withdraws nothing */
		rv = NULL;
		if (sc->base != NONE) {
			G = state_at(P, sc->base);
			rv = person_by_fpr(G->rv, G->nrv, fpr, 0);
		}
		if (rv != NULL && !rv->retired &&
		    !is_revoked(P, fpr, res.subfpr)) {
			xgrow(&P->side, &P->capside, P->nside + 1,
			    sizeof(*P->side));
			P->side[P->nside].commit = sc->id;
			P->side[P->nside].base = sc->base;
			P->side[P->nside].r = rv->r;
			P->side[P->nside].globs = sc->globs;
			P->side[P->nside].unsound = -1;
			P->side[P->nside++].nglobs = sc->nglobs;
			sc->globs = NULL;
		}
	}
	rc = count_votes(P, vote, nvote);
out:
	for (i = 0; i < nv; i++) {
		free(v[i].parents);
		free(v[i].globs);
	}
	free(v);
	free(q);
	free(todo);
	free(vote);
	strmap_dispose(&map);
	strmap_dispose(&good);
	buf_dispose(&pay);
	buf_dispose(&sgt);
	free_strs(keys, nkeys);
	return rc;
}

/* Stops a diff at the first malformed path (1). */
static int
stop_at_malformed(const char *path, enum repo_kind ok, const struct oid *o,
    enum repo_kind nk, const struct oid *n, void *arg)
{
	(void)path, (void)ok, (void)o, (void)n, (void)arg;
	return nk == REPO_MALFORMED;
}

/*
 * A path whose newest published version is text stays withdrawn when
 * a reviewer approved its absence anywhere in the ref's ancestry (see
 * scan_side), after that text was published: the approval commit
 * descends from the mainline commit where it was.  Whatever the ref
 * holds there: absent, or the text kept or put back by an unsigned
 * merge (side_out).  An older approval (a copy of one made before the
 * text came, or one from another history) withdrew something else, and
 * one in a tree holding a malformed path withdraws nothing (rule 10).
 */
static int
side_withdrawn(struct priv *P, const struct gate_path *p)
{
	const struct sideap	*a;
	enum repo_kind		 kind;
	struct oid		 o;
	size_t			 i;

	for (i = 0; i < P->nside; i++) {
		a = &P->side[i];
		if (a->base == NONE || a->base < p->published->published_pos ||
		    !in_scope(a->r, p->path) ||
		    retired_off_mainline(P, a->r->id, a->base))
			continue;
		if (!any_glob(a->globs, a->nglobs, p->path))
			continue;
		if (repo_path_state(P->repo, &a->commit, p->path, &kind,
		    &o) < 0)
			return -1;
		if (kind != REPO_NONE && kind != REPO_TREE)
			continue;
		/* as on the mainline: no withdrawal in an unsound tree */
		if (P->side[i].unsound < 0 &&
		    (P->side[i].unsound = repo_diff(P->repo, NULL, &a->commit,
		    stop_at_malformed, NULL)) < 0)
			return -1;
		if (!P->side[i].unsound)
			return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------- */
/* Step 2: decisions at the ref. */

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct gate_path *)a)->path,
	    ((const struct gate_path *)b)->path);
}

/*
 * 1 if folder (len bytes of path) is a category id, a programme
 * (prog.h) or the annual report folder ("annual", site.c) of the level
 * of the unit ruling it: a _unit.yaml never published there is a stray
 * file, not a unit.
 */
static int
is_category(struct priv *P, const char *path, size_t len)
{
	const struct gate_version *uv;
	const struct level	*l;
	const char		*upath = NULL, *name, *lv;
	char			*folder = xstrndup(path, len);
	int			 yes = 0, p;

	name = strrchr(folder, '/') != NULL ? strrchr(folder, '/') + 1 :
	    folder;
	if (P->G->cfg != NULL &&
	    (uv = ruling_unit(P, folder, &upath)) != NULL &&
	    (lv = blob_level(P, &uv->blob, upath)) != NULL &&
	    (l = cfg_level(P->G->cfg, lv)) != NULL)
		yes = cfg_category(cfg_catalogue(P->G->cfg, l), name) >= 0 ||
		    ((p = prog_find(name)) >= 0 &&
		    (l->programmes & (1u << p)) != 0) ||
		    (l->annual && strcmp(name, "annual") == 0);
	free(folder);
	return yes;
}

/*
 * 1 if p is not hidden by a unit above it (not p itself): a unit whose
 * withdrawal was approved hides all below it, and so does a unit folder
 * whose _unit.yaml was never published; but a _unit.yaml never
 * published in a folder that is a category of its unit is no unit, and
 * hides nothing (an unapproved file cannot take approved items down).
 */
static int
units_ok(struct priv *P, const struct gate_path *p)
{
	struct buf		 b = BUF_INIT;
	const char		*slash;
	size_t			 len = strlen(p->path), i;
	const struct gate_path	*u;
	const struct gate_version *pub;
	int			 ok = 1;

	if (!str_prefix(p->path, "content/"))
		return 1;
	while (ok && (slash = last_slash(p->path, len)) != NULL) {
		len = (size_t)(slash - p->path);
		if (len == 7)
			break;		/* content/ itself is never a unit */
		buf_reset(&b);
		buf_put(&b, p->path, len);
		buf_puts(&b, "/_unit.yaml");
		if (strcmp(b.data, p->path) == 0 ||
		    (i = path_index(P, b.data, 0)) == NONE)
			continue;
		u = &P->g->paths[i];
		if (u->side_out)
			ok = 0;
		else if ((pub = u->published) != NULL)
			ok = pub->present;
		else if (u->live != NULL && u->live->present)
			ok = is_category(P, p->path, len);
	}
	buf_dispose(&b);
	return ok;
}

static void
waits(struct priv *P, struct gate_path *p)
{
	struct gate_version	*v = p->live;
	size_t			 i, j, cap = 0;
	const struct gate_reviewer *rv;
	int			 done, usable;

	p->required = 0;
	p->have = 0;
	p->author_unknown = 0;
	if (v == NULL || v->published || v->veto != NULL)
		return;		/* nothing to wait for, or never publishable */
	if (!v->present && (p->published == NULL || !p->published->present))
		return;		/* gone, and nothing online to withdraw */
	for (i = 0; i < v->napprovals; i++)
		if (v->approvals[i].why == GATE_COUNTS)
			p->have++;
	if (p->governance) {
		p->required = P->G->gov_approvals;
		for (i = 0; i < P->g->ntrust; i++) {
			done = 0;
			for (j = 0; j < v->napprovals; j++)
				if (strcmp(gate_signer_of(P->g,
				    &v->approvals[j])->fpr, P->g->trust[i]) == 0)
					done = 1;
			if (!done)
				push_str(&p->eligible, &p->neligible, &cap,
				    P->g->trust[i]);
		}
		return;
	}
	p->required = content_req(P, p, v, NULL);
	p->author_unknown = v->present && author_of(P, v) == NULL;
	for (i = 0; i < P->G->nrv; i++) {
		rv = &P->G->rv[i];
		if (rv->retired || rv->nfprs == 0 ||
		    !in_scope(rv->r, p->path) ||
		    retired_off_mainline(P, rv->r->id, P->g->nmainline))
			continue;
		usable = 0;
		for (j = 0; j < rv->nfprs; j++)
			if (!is_revoked(P, rv->fprs[j], NULL))
				usable = 1;
		if (!usable || is_author(P, rv, v))
			continue;
		done = 0;
		for (j = 0; j < v->napprovals; j++)
			if (v->approvals[j].why == GATE_COUNTS &&
			    strcmp(reviewer_of(P->g, &v->approvals[j]),
			    rv->r->id) == 0)
				done = 1;
		if (!done)
			push_str(&p->eligible, &p->neligible, &cap, rv->r->id);
	}
}

static void
decide_all(struct priv *P)
{
	struct gate	*g = P->g;
	size_t		 i, j;
	int		 pass;

	/* Unit files first (their publication is final now), then the
	 * rest.  Approvals already carry the level they needed. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < g->npaths; i++) {
			struct gate_path *p = &g->paths[i];

			if (p->governance ||
			    str_suffix(p->path, "/_unit.yaml") != (pass == 0))
				continue;
			for (j = 0; j < p->nversions; j++)
				decide(g, &p->versions[j]);
		}
}

/*
 * What a path's name tells the veto (veto_path_how): how veto_check
 * reads its texts, or 0 when it reads none; and the kind of personal
 * number in the name, or -1.  veto_prepare works it out once a path:
 * the scan of a name for numbers was two fifths of the gate's own time
 * when each check made it again.  veto_prepare reads ahead only texts
 * of paths with a how (and only versions veto_check reads, ahead_add),
 * so that the workers judge, and the privacy cache keeps, no text the
 * gate would not.
 */
struct pname {
	char		 how;
	signed char	 kind;
};

static struct pname
pname_of(struct priv *P, const char *path)
{
	struct pname	pn;
	int		kind;

	pn.how = veto_path_how(path, &kind);
	pn.kind = (signed char)kind;
	/* an attachment the commit's .gitattributes expand git's ident
	 * keyword in: a reviewer's checkout shows other bytes */
	if (pn.how == 0 && kind < 0 && str_prefix(path, "content/") &&
	    P->ident_attrs && repo_ident_attr(P->repo, &P->g->head, path))
		pn.how = 'a';
	return pn;
}

/*
 * Sets v->veto if version v of path is not a regular file (the loader
 * reads no symbolic link or submodule: publishing one would stop every
 * build), if the path's name holds personal data, or if it is an item
 * version holding personal data.  The verdict on a text is a function
 * of its blob and how it is read, so each is scanned once per run (the
 * published and the live version are often one, and a text may come
 * back in a later version or at another path); what is remembered is
 * the very text a scan gave.  A text is read only when its version
 * has the approvals to be published: anyone may push one that takes
 * long to scan (nested block quotes, huge tables: a minute for 40 of
 * them, a few KB packed), and what is not approved cannot stop what
 * is (DESIGN 4).  Until then its veto is unknown; check and previews
 * scan the working tree for the same faults.
 */
static void
veto_check(struct priv *P, struct pname pn, struct gate_version *v)
{
	const char	*why;

	if (v == NULL || !v->present || v->veto != NULL)
		return;
	if (!regular(v)) {
		v->veto = xasprintf("not a regular file%s",
		    v->kind == REPO_LINK ? " (symbolic link)" :
		    v->kind == REPO_SUBMODULE ? " (submodule)" :
		    v->kind == REPO_MALFORMED ? " (its tree has duplicate or "
		    "forbidden entries: git tools and the gate could read "
		    "different text)" : "");
		return;
	}
	if (pn.how != 0) {
		if (v->published &&
		    (why = veto_blob(P->vt, pn.how, &v->blob)) != NULL)
			v->veto = xstrdup(why);
	} else if (pn.kind >= 0) {
		/* a name is shown too: in every link, the sitemap, the
		 * feeds */
		v->veto = xasprintf("privacy: unmasked %s in its name",
		    privacy_kind_name((enum privacy_kind)pn.kind));
	}
}

/* Adds version v of a path read as how to the n texts *t, if
 * veto_check will read it; keep if the build reads it too. */
static void
ahead_add(struct veto_text **t, size_t *n, size_t *cap, char how, int keep,
    const struct gate_version *v)
{
	if (v == NULL || !v->present || v->veto != NULL || !regular(v))
		return;
	xgrow(t, cap, *n + 1, sizeof(**t));
	(*t)[*n].how = how;
	(*t)[*n].keep = keep;
	(*t)[(*n)++].blob = &v->blob;
}

/* 1 if head's file at path is a .gitattributes that may set ident (it
 * names it; or it cannot be read). */
static int
names_ident(struct priv *P, const char *path)
{
	enum repo_kind	 kind;
	struct oid	 id;
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 yes;

	if (repo_path_state(P->repo, &P->g->head, path, &kind, &id) == -1)
		return 1;
	if (kind == REPO_NONE)
		return 0;
	yes = (kind != REPO_BLOB && kind != REPO_EXEC) ||
	    repo_blob_read(P->repo, &id, &b) == -1;
	for (i = 0; !yes && i + 5 <= b.len; i++)	/* (NULs and all) */
		yes = memcmp(b.data + i, "ident", 5) == 0;
	buf_dispose(&b);
	return yes;
}

/* 1 if head's tree holds a .gitattributes file, where git reads one for
 * content/ (at the top, or in content/ or a folder below it), that may
 * set ident: a repository whose attributes say only eol or lfs asks
 * for no attachment's attributes. */
static int
has_attributes(struct priv *P)
{
	size_t	i;

	if (names_ident(P, ".gitattributes"))
		return 1;
	for (i = 0; i < P->g->npaths; i++)
		if (str_suffix(P->g->paths[i].path, "/.gitattributes") &&
		    names_ident(P, P->g->paths[i].path))
			return 1;
	return 0;
}

/*
 * The texts finish() will have veto_check read, most of them: each
 * content file's newest published version, which a build making its
 * pages anew reads too (gate_opts.keep_texts), read and found clean
 * ahead by workers (veto_ahead).  A live version is read only when it
 * is that one (veto_check).
 */
static void
veto_prepare(struct priv *P)
{
	struct veto_text *t = NULL;
	struct gate_path *p;
	size_t		 i, k, n = 0, cap = 0;
	char		 how;

	free(P->pnames);
	P->pnames = xcalloc(P->g->npaths + 1, sizeof(*P->pnames));
	P->ident_attrs = has_attributes(P);
	for (i = 0; i < P->g->npaths; i++) {
		p = &P->g->paths[i];
		P->pnames[i] = pname_of(P, p->path);
		if ((how = P->pnames[i].how) == 0)
			continue;
		for (k = p->nversions; k-- > 0;)
			if (p->versions[k].published) {
				ahead_add(&t, &n, &cap, how, P->keep_texts,
				    &p->versions[k]);
				break;
			}
	}
	veto_ahead(P->vt, t, n);
	free(t);
}

/*
 * Newest published version of path p without a veto: versions with
 * personal data or not regular files are skipped, so the last clean
 * approved text stays online.
 */
static struct gate_version *
newest_clean(struct priv *P, struct gate_path *p, struct pname pn)
{
	size_t	i;

	for (i = p->nversions; i-- > 0;) {
		if (!p->versions[i].published)
			continue;
		veto_check(P, pn, &p->versions[i]);
		if (p->versions[i].veto == NULL)
			return &p->versions[i];
	}
	return NULL;
}

/*
 * Path p's published text (a present version) was withdrawn by an
 * approval off the mainline (side_withdrawn).  The newest absent
 * version after it, if the mainline has one, is the withdrawal in
 * force; else nothing of p is online: a version published before the
 * withdrawal (kept by a merge that ignored it) keeps its record, and
 * new text needs approving, as after any withdrawal.
 */
static void
side_out(struct gate_path *p)
{
	struct gate_version	*w = NULL;
	size_t			 i;

	for (i = p->nversions; i-- > 0 && &p->versions[i] != p->published;)
		if (!p->versions[i].present) {
			w = &p->versions[i];
			break;
		}
	p->side_out = 1;
	if (w != NULL) {
		w->published = 1;
		w->published_pos = w->start_pos;
		p->published = w;
		return;
	}
	p->published = NULL;
}

/*
 * Which mainline commits are witnesses (gate_witness): signed, the
 * signature good and its key not expired (crec.ok), by a trust key or
 * by a reviewer or editor in force there, not retired, whose key is
 * not revoked.  Their committer dates are a trusted person's word;
 * an unsigned commit's date is anyone's.  Before finish(), which
 * takes the last governance state's reviewers.
 */
static void
witnesses(struct priv *P)
{
	const struct gate	*g = P->g;
	const struct gstate	*G;
	const struct gate_reviewer *who;
	const struct crec	*c;
	size_t			 i, k = 0, last = NONE;

	P->wit = xcalloc(g->nmainline + 1, sizeof(*P->wit));
	for (i = 0; i < g->nmainline; i++) {
		c = &P->c[i];
		while (k + 1 < P->nst && P->st[k + 1]->pos <= i)
			k++;
		G = P->st[k];
		if (c->ok && !is_revoked(P, c->sig.fpr, c->sig.subfpr)) {
			if (in_list(g->trust, g->ntrust, c->sig.fpr))
				last = i;
			else if (G->pos <= i &&
			    ((who = person_by_fpr(G->rv, G->nrv, c->sig.fpr,
			    0)) != NULL || (who = person_by_fpr(G->ed,
			    G->ned, c->sig.fpr, 0)) != NULL) &&
			    !who->retired)
				last = i;
		}
		P->wit[i] = last;
	}
}

static int
finish(struct priv *P)
{
	struct gate	*g = P->g;
	struct gate_path *p;
	size_t		 i;
	int		 w;

	strmap_dispose(&P->pmap);
	xqsort(g->paths, g->npaths, sizeof(*g->paths), cmp_path);
	strmap_init(&P->pmap);
	for (i = 0; i < g->npaths; i++)
		strmap_put(&P->pmap, g->paths[i].path, i, NULL);
	veto_prepare(P);
	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		p->live = live_of(p);
		p->published = newest_clean(P, p, P->pnames[i]);
		veto_check(P, P->pnames[i], p->live);
		if (p->governance || p->live == NULL ||
		    p->published == NULL || !p->published->present)
			continue;
		/* A withdrawal approved off the mainline takes the text it
		 * withdrew offline whatever the mainline holds at the ref:
		 * an unsigned merge that keeps its first parent's tree (git
		 * merge -s ours) or re-adds the file must not undo it. */
		if ((w = side_withdrawn(P, p)) < 0)
			return -1;
		if (w)
			side_out(p);
	}
	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		p->unit_ok = p->governance ? 1 : units_ok(P, p);
		p->visible = p->published != NULL && p->published->present &&
		    p->unit_ok;
		waits(P, p);
	}
	g->cfg = P->G->cfg;
	g->reviewers = P->G->rv;
	g->nreviewers = P->G->nrv;
	g->governance_approvals = P->G->gov_approvals;
	P->G->cfg = NULL;
	P->G->rv = NULL;
	P->G->nrv = 0;
	return 0;
}

/* ---------------------------------------------------------------- */

/*
 * What the gate keeps of a mainline commit as repo_first_parents reads
 * it (head first), at P->c[P->nc]; gate_eval turns the array round.
 * Its message is read for its trailers here, and the commit is not
 * read again: nor its parents by scan_side, nor its signature when
 * it has no signature header (verify_one), nor its date by the
 * commands (gate_time).
 */
static int
on_mainline(const struct oid *id, struct repo_commit *info, void *arg)
{
	struct priv	*P = arg;
	struct crec	*c;
	struct trail	 t;

	xgrow(&P->c, &P->capc, P->nc + 1, sizeof(*P->c));
	c = &P->c[P->nc++];
	memset(c, 0, sizeof(*c));
	c->author_name = info->author_name;
	c->author_email = info->author_email;
	info->author_name = info->author_email = NULL;
	c->time = info->commit_time;
	c->tz = info->commit_tz;
	c->nsig = info->nsig;
	if (info->nparents > 1) {
		c->nmerged = info->nparents - 1;
		c->merged = xcalloc(c->nmerged, sizeof(*c->merged));
		memcpy(c->merged, info->parents + 1,
		    c->nmerged * sizeof(*c->merged));
	}
	memset(&t, 0, sizeof(t));
	t.P = P;
	t.c = c;
	/* a message libgit2 cannot read approves nothing */
	(void)repo_trailers(info->message, on_trailer, &t);
	return 0;
}

/*
 * Finds the previous gated build's commit on the mainline: the mainline
 * only grows, so a ref whose first parents do not hold it was rewritten
 * or re-parented, and is refused unless ops accept it.
 */
static int
anchor(struct priv *P, const struct gate_opts *o)
{
	struct gate	*g = P->g;
	char		 hex[OID_HEXSZ + 1];
	size_t		 i;

	for (i = 0; i < g->nmainline; i++) {
		oid_fmt(hex, &g->mainline[i]);
		push_str(&P->mlkeys, &P->nmlkeys, &P->capmlkeys, hex);
		strmap_put(&P->mlmap, P->mlkeys[i], i, NULL);
	}
	if (o->anchor == NULL)
		return 0;
	oid_fmt(hex, o->anchor);
	if (strmap_get(&P->mlmap, hex, &i)) {
		g->anchor_pos = i;
		return 0;
	}
	g->rewritten = 1;
	if (o->accept_rewrite)
		return 0;
	diag_fatal("the first-parent history of '%s' does not contain %s, "
	    "the commit of the previous gated build into this output: the "
	    "history was rewritten or re-parented, which could bring back "
	    "withdrawn text (pass --accept-rewrite if ops meant it)",
	    o->ref ? o->ref : "HEAD", hex);
	return -1;
}

int
gate_eval(struct repo *repo, const struct gate_opts *o, struct gate **out)
{
	struct gate	*g = xcalloc(1, sizeof(*g));
	struct priv	*P = xcalloc(1, sizeof(*P));
	struct oid	*trees = NULL;	/* the mainline's */
	size_t		 i, tcap = 0, capwg = 0, shown;
	char		**tf = NULL;
	size_t		 ntf = 0;

	g->priv = P;
	buf_init(&g->cache);
	P->repo = repo;
	P->vt = veto_new(repo, o->pc);
	P->no_fold = o->no_fold;
	P->keep_texts = o->keep_texts;
	P->g = g;
	strmap_init(&P->pmap);
	strmap_init(&P->kbmap);
	strmap_init(&P->lvmap);
	strmap_init(&P->badmap);
	strmap_init(&P->imap);
	strmap_init(&P->cmap);
	strmap_init(&P->tmap);
	strmap_init(&P->mlmap);
	buf_init(&P->oldcache);
	buf_init(&P->raw);
	P->empty = intern(P, "");
	g->anchor_pos = GATE_NONE;
	/* st[0]: nothing approved yet */
	xgrow(&P->st, &P->capst, 1, sizeof(*P->st));
	(void)gstate_new(P, NULL, NULL, &P->G);
	P->st[P->nst++] = P->G;

	if (repo_is_shallow(repo)) {
		diag_fatal("repository is shallow: the approval history is "
		    "incomplete (fetch with --unshallow)");
		goto fail;
	}
	if (repo_resolve(repo, o->ref ? o->ref : "HEAD", &g->head) < 0)
		goto fail;
	/* the texts at the ref, judged while the history is walked */
	veto_head(P->vt, &g->head, o->keep_texts);
	P->kr = sig_keyring_new();
	if (o->trust == NULL || sig_keyring_add_armored(P->kr,
	    o->trust_name ? o->trust_name : "trust", o->trust,
	    o->trust_len, &tf, &ntf) < 0)
		goto fail;
	for (i = 0; i < ntf; i++)
		if (!in_list(g->trust, g->ntrust, tf[i]))
			push_str(&g->trust, &g->ntrust, &tcap, tf[i]);
	free_strs(tf, ntf);

	/* each mainline commit is read once, here (on_mainline) */
	if (repo_first_parents(repo, &g->head, on_mainline, P, &g->mainline,
	    &trees, &g->nmainline) < 0)
		goto fail;
	for (i = 0; i < P->nc / 2; i++) {
		struct crec	tmp = P->c[i];

		P->c[i] = P->c[P->nc - 1 - i];
		P->c[P->nc - 1 - i] = tmp;
	}
	for (i = 0; i < g->nmainline; i++) {
		P->c[i].ch0 = P->nch;
		if (repo_diff_trees(repo, i ? &trees[i - 1] : NULL,
		    &trees[i], on_diff, P) != 0)
			goto fail;
		P->c[i].nch = P->nch - P->c[i].ch0;
		P->c[i].unsound = P->nbad > 0;
	}
	free(trees);
	trees = NULL;
	if (anchor(P, o) < 0)
		goto fail;
	load_keys(P);
	/* Which key files governance publishes, under the trust keys
	 * alone; then the walk again with those keys beside them. */
	cache_start(P, o);
	if (verify_trust(P) < 0)
		goto fail;
	judge_mainline(P, o);
	if (walk_governance(P) < 0)
		goto fail;
	if (publish_keys(P, o) < 0)
		goto fail;
	gov_reset(P);
	cache_open(P);
	if (verify_mainline(P) < 0)
		goto fail;
	judge_mainline(P, o);
	/* The globs of commits that approve nothing are only shown
	 * (gate_attempts weighs them against every path that waits, for
	 * status and serve): an unsigned commit with a million of them,
	 * or many commits with a few each, made status take minutes.  A
	 * commit keeps its first few, and only the newest ones keep any;
	 * gate_attempts visits the commits that have globs. */
	for (i = g->nmainline, shown = SHOWN_GLOBS_ALL; i-- > 0;) {
		struct crec	*c = &P->c[i];

		if (!c->ok) {
			if (c->nglobs > SHOWN_GLOBS)
				c->nglobs = SHOWN_GLOBS;
			if (c->nglobs > shown)
				c->nglobs = shown;
			shown -= c->nglobs;
		}
	}
	for (i = 0; i < g->nmainline; i++)
		if (P->c[i].nglobs > 0) {
			xgrow(&P->withglobs, &capwg, P->nwithglobs + 1,
			    sizeof(*P->withglobs));
			P->withglobs[P->nwithglobs++] = i;
		}
	if (walk_governance(P) < 0 || scan_side(P) < 0)
		goto fail;
	walk_content(P);
	decide_all(P);
	witnesses(P);
	if (finish(P) < 0)
		goto fail;
	cache_close(P);
	*out = g;
	return 0;
fail:
	free(trees);
	gate_free(g);
	return -1;
}

const struct gate_path *
gate_find(const struct gate *g, const char *path)
{
	struct priv	*P = g->priv;
	size_t		 i;

	return strmap_get(&P->pmap, path, &i) ? &g->paths[i] : NULL;
}

const struct gate_signer *
gate_signer_of(const struct gate *g, const struct gate_approval *a)
{
	return &g->signers[a->signer];
}

int64_t
gate_time(const struct gate *g, size_t pos)
{
	const struct priv	*P = g->priv;

	return P->c[pos].time;
}

long
gate_day(const struct gate *g, size_t pos)
{
	const struct priv	*P = g->priv;

	return day_of_time(P->c[pos].time + (int64_t)P->c[pos].tz * 60);
}

size_t
gate_witness(const struct gate *g, size_t pos)
{
	const struct priv	*P = g->priv;

	if (P->wit == NULL || pos >= g->nmainline)
		return GATE_NONE;
	return P->wit[pos];
}

void
gate_free(struct gate *g)
{
	struct priv	*P;
	size_t		 i, j;

	if (g == NULL)
		return;
	P = g->priv;
	for (i = 0; i < g->npaths; i++) {
		struct gate_path *p = &g->paths[i];

		for (j = 0; j < p->nversions; j++) {
			free(p->versions[j].approvals);
			free(p->versions[j].d_counted);
			free(p->versions[j].veto);
		}
		free(p->versions);
		free_strs(p->eligible, p->neligible);
		free(p->path);
	}
	free(g->paths);
	free(g->mainline);
	cfg_free(g->cfg);
	for (i = 0; i < g->nreviewers; i++)
		free_strs(g->reviewers[i].fprs, g->reviewers[i].nfprs);
	free(g->reviewers);
	free_strs(g->trust, g->ntrust);
	free(g->gov);
	free(g->signers);
	buf_dispose(&g->cache);
	free(g->cache_file);
	if (P != NULL) {
		strmap_dispose(&P->imap);
		free_strs(P->istr, P->nistr);
		strmap_dispose(&P->pmap);
		strmap_dispose(&P->kbmap);
		strmap_dispose(&P->lvmap);
		strmap_dispose(&P->badmap);
		free(P->bad);
		free(P->pnames);
		free(P->sorted);
		free(P->ch);
		for (i = 0; i < P->nc; i++) {
			free(P->c[i].author_name);
			free(P->c[i].author_email);
			free(P->c[i].globs);
			free(P->c[i].merged);
		}
		free(P->c);
		sig_keyring_free(P->kr);
		for (i = 0; i < P->nkb; i++) {
			free(P->kb[i].hex);
			buf_dispose(&P->kb[i].text);
			free_strs(P->kb[i].fprs, P->kb[i].nfprs);
		}
		free(P->kb);
		for (i = 0; i < P->nlv; i++) {
			free(P->lv[i].hex);
			free(P->lv[i].level);
		}
		free(P->lv);
		veto_free(P->vt);
		free_strs(P->revoked, P->nrevoked);
		for (i = 0; i < P->nst; i++)
			gstate_free(P->st[i]);
		free(P->st);
		for (i = 0; i < P->nside; i++)
			free(P->side[i].globs);
		free(P->side);
		free(P->withglobs);
		free(P->wit);
		free(P->ret);
		strmap_dispose(&P->mlmap);
		free_strs(P->mlkeys, P->nmlkeys);
		strmap_dispose(&P->cmap);
		free(P->ce);
		strmap_dispose(&P->tmap);
		free(P->tce);
		buf_dispose(&P->oldcache);
		buf_dispose(&P->raw);
		free(P);
	}
	free(g);
}

/* ---------------------------------------------------------------- */
/* Would it count?  One answer for approve (before signing) and status
 * (after): the rules above, asked of one key and one path under the
 * governance in force at the ref. */

const char *
gate_verdict_text(enum gate_verdict v)
{
	switch (v) {
	case GATE_WOULD_COUNT:
		return "counts";
	case GATE_NOT_GATED:
		return "the gate does not read this path (only content/, "
		    "config.yaml and keys/)";
	case GATE_NOT_TRUST:
		return "governance files (config.yaml, keys/) are approved "
		    "by trust-root keys only, and this key is not one";
	case GATE_NO_REVIEWER:
		return "the key is no reviewer's in force (editors and "
		    "unknown keys do not approve)";
	case GATE_RETIRED:
		return "the reviewer is retired";
	case GATE_KEY_REVOKED:
		return "the key is revoked";
	case GATE_OUT_OF_SCOPE:
		return "the path is outside the reviewer's scope";
	case GATE_OWN_EDIT:
		return "the reviewer's own edit: the author of a version "
		    "cannot approve it (four eyes)";
	case GATE_REPEATED:
		return "the reviewer already approved this version";
	case GATE_UNSOUND_TREE:
		return "a withdrawal, in a tree that holds a malformed path "
		    "(a name git cannot check out): it may hide the file, so "
		    "no approval there withdraws one";
	case GATE_BAD_SIGNATURE:
		return "the commit is unsigned, or its signature is not a "
		    "good one by a key the gate knows";
	case GATE_SIGNER_REVOKED:
		return "the key that signed it (or that it claims) is "
		    "revoked in its published key file (an OpenPGP "
		    "revocation), which voids all it "
		    "signed, before and after, since a signature's date is "
		    "its signer's to choose; to replace a key and keep what "
		    "it approved, publish the old key unrevoked, give the "
		    "reviewer a new entry with the new key, and move the old "
		    "entry to 'retired'";
	case GATE_SIGNER_EXPIRED:
		return "the key that signed it (or that it claims) had "
		    "expired by the time the signature gives";
	}
	return "?";
}

const char *
gate_verdict_name(enum gate_verdict v)
{
	static const char *const n[] = { "counts", "not-gated", "not-trust",
	    "no-reviewer", "retired", "revoked", "out-of-scope", "own-edit",
	    "repeat", "unsound-tree", "bad-signature", "signer-revoked",
	    "signer-expired" };

	return (size_t)v < sizeof(n) / sizeof(n[0]) ? n[v] : "?";
}

enum gate_verdict
gate_judge(const struct gate *g, const char *fpr, const char *path,
    const char **who)
{
	struct priv			*P = g->priv;
	const struct gate_path		*p;
	const struct gate_reviewer	*rv;
	const struct gate_version	*v;
	size_t				 i;
	int				 gov;

	if (who != NULL)
		*who = NULL;
	if (!tracked(path, &gov))
		return GATE_NOT_GATED;
	if (gov) {
		if (!in_list(g->trust, g->ntrust, fpr))
			return GATE_NOT_TRUST;
		p = gate_find(g, path);
		return p != NULL && (v = p->live) != NULL && !v->present &&
		    g->nmainline > 0 && P->c[g->nmainline - 1].unsound ?
		    GATE_UNSOUND_TREE : GATE_WOULD_COUNT;
	}
	/* (finish() handed the reviewers in force over to g) */
	if ((rv = person_by_fpr(g->reviewers, g->nreviewers, fpr, 0)) ==
	    NULL)
		return GATE_NO_REVIEWER;
	if (who != NULL)
		*who = rv->r->id;
	if (rv->retired || retired_off_mainline(P, rv->r->id, g->nmainline))
		return GATE_RETIRED;
	if (is_revoked(P, fpr, NULL))
		return GATE_KEY_REVOKED;
	if (!in_scope(rv->r, path))
		return GATE_OUT_OF_SCOPE;
	p = gate_find(g, path);
	if (p == NULL || (v = p->live) == NULL)
		return GATE_WOULD_COUNT;
	if (is_author(P, rv, v))
		return GATE_OWN_EDIT;
	for (i = 0; i < v->napprovals; i++)
		if (v->approvals[i].why == GATE_COUNTS &&
		    strcmp(reviewer_of(g, &v->approvals[i]), rv->r->id) == 0)
			return GATE_REPEATED;
	if (!v->present && g->nmainline > 0 && P->c[g->nmainline - 1].unsound)
		return GATE_UNSOUND_TREE;
	return GATE_WOULD_COUNT;
}

/* The verdict of a recorded approval. */
static enum gate_verdict
why_verdict(enum gate_why w)
{
	switch (w) {
	case GATE_SELF:
		return GATE_OWN_EDIT;
	case GATE_REVOKED:
		return GATE_KEY_REVOKED;
	case GATE_REPEAT:
		return GATE_REPEATED;
	case GATE_UNSOUND:
		return GATE_UNSOUND_TREE;
	default:
		return GATE_WOULD_COUNT;
	}
}

/* The first index in priv.withglobs at or after mainline index pos. */
static size_t
first_with_globs(const struct priv *P, size_t pos)
{
	size_t	lo = 0, hi = P->nwithglobs, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (P->withglobs[mid] < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The repeat at folded commit i (struct fold) of v, when the chain
 * weighed v before: the same signer's record in the chain says what
 * happened, and an approval that counted (or repeated) repeats.
 * Records before e (v's records, in mainline order) are those before i.
 */
static int
folded_repeat(const struct crec *c, size_t i,
    const struct gate_version *v, size_t e, struct gate_approval *out)
{
	const struct gate_approval *a;

	if (c->fold == 0 || v->start_pos > i || v->end_pos <= i ||
	    (e < v->napprovals && v->approvals[e].pos == i))
		return 0;
	while (e-- > 0 && (a = &v->approvals[e])->pos >= c->fold - 1)
		if (a->signer == c->fold_who) {
			*out = *a;
			out->pos = (uint32_t)i;
			if (a->why == GATE_COUNTS)
				out->why = GATE_REPEAT;
			return 1;
		}
	return 0;
}

size_t
gate_approvals(const struct gate *g, const struct gate_path *p,
    const struct gate_version *v, struct gate_approval **out)
{
	const struct priv	*P = g->priv;
	struct gate_approval	*a = NULL, r;
	size_t			 n = 0, cap = 0, e = 0, i, lo;

	/* governance is never folded */
	lo = p->governance ? P->nwithglobs : first_with_globs(P, v->start_pos);
	for (;; lo++) {
		i = lo < P->nwithglobs ? P->withglobs[lo] : g->nmainline;
		if (i > v->end_pos)
			i = v->end_pos;
		/* the records before commit i, then its repeat */
		for (; e < v->napprovals && v->approvals[e].pos < i; e++) {
			xgrow(&a, &cap, n + 1, sizeof(*a));
			a[n++] = v->approvals[e];
		}
		if (i >= v->end_pos || i >= g->nmainline)
			break;
		if (folded_repeat(&P->c[i], i, v, e, &r)) {
			xgrow(&a, &cap, n + 1, sizeof(*a));
			a[n++] = r;
		}
	}
	for (; e < v->napprovals; e++) {
		xgrow(&a, &cap, n + 1, sizeof(*a));
		a[n++] = v->approvals[e];
	}
	*out = a;
	return n;
}

size_t
gate_attempts(const struct gate *g, const char *path,
    struct gate_attempt **out)
{
	struct priv		*P = g->priv;
	const struct gate_path	*p = gate_find(g, path);
	const struct gate_version *v;
	const struct crec	*c;
	struct gate_attempt	*a = NULL;
	struct gate_approval	*r;
	size_t			 i, e = 0, n = 0, cap = 0, nr, lo;

	*out = NULL;
	if (p == NULL || (v = p->live) == NULL)
		return 0;
	nr = gate_approvals(g, p, v, &r);
	for (lo = first_with_globs(P, v->start_pos);
	    lo < P->nwithglobs && (i = P->withglobs[lo]) < v->end_pos &&
	    i < g->nmainline; lo++) {
		c = &P->c[i];
		if (!any_glob(c->globs, c->nglobs, path))
			continue;
		xgrow(&a, &cap, n + 1, sizeof(*a));
		memset(&a[n], 0, sizeof(a[n]));
		a[n].commit = g->mainline[i];
		a[n].time = c->time;
		snprintf(a[n].fpr, sizeof(a[n].fpr), "%s",
		    c->ok ? c->sig.fpr : "");
		if (!c->ok && c->sig.status == SIG_REVOKED_KEY)
			a[n].verdict = GATE_SIGNER_REVOKED;
		else if (!c->ok && c->sig.status == SIG_EXPIRED_KEY)
			a[n].verdict = GATE_SIGNER_EXPIRED;
		else if (!c->ok)
			a[n].verdict = GATE_BAD_SIGNATURE;
		if (!c->ok && a[n].verdict != GATE_BAD_SIGNATURE) {
			/* the key is known: name its reviewer */
			snprintf(a[n].fpr, sizeof(a[n].fpr), "%s",
			    c->sig.fpr);
			(void)gate_judge(g, c->sig.fpr, path, &a[n].reviewer);
		} else if (c->ok) {
			/* The gate's own record, when it kept one, says
			 * what happened then; else ask under today's
			 * governance. */
			a[n].verdict = gate_judge(g, c->sig.fpr, path,
			    &a[n].reviewer);
			while (e < nr && r[e].pos < i)
				e++;
			if (e < nr && r[e].pos == i) {
				a[n].verdict = why_verdict(r[e].why);
				a[n].reviewer = reviewer_of(g, &r[e]);
			}
		}
		n++;
	}
	free(r);
	*out = a;
	return n;
}
