/*
 * gate.c -- the approval gate; the rules are written in gate.h.
 *
 * Three steps over the mainline M[0..n-1]:
 *   0. diff consecutive commits to get each commit's path changes, and
 *      read its Approved: trailers; load the trust file and every key
 *      blob ever under keys/ into one keyring; verify each commit once
 *      (or take it from the cache of that keyset).
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
 * re-parses or re-sorts per approval.
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
#include "cfg.h"
#include "diag.h"
#include "gate.h"
#include "privacy.h"
#include "repo.h"
#include "sig.h"
#include "strmap.h"
#include "util.h"
#include "ydoc.h"

#define NONE	((size_t)-1)
#define CACHE_MAGIC	"gongkai-gate-cache 2"
#define CACHE_PREFIX	"gate-"		/* file: gate-<keyset sha256> */

/* One path change at one mainline commit. */
struct change {
	size_t		 path;		/* index into paths */
	int		 present;	/* 0: the path went away */
	enum repo_kind	 kind;		/* new kind when present */
	struct oid	 blob;		/* new blob when present */
};

/* What we keep of each mainline commit. */
struct crec {
	char		*author_name;	/* owned */
	char		*author_email;	/* owned */
	int64_t		 time;		/* committer time */
	int		 tz;		/* committer offset */
	struct sig_result sig;		/* verification */
	size_t		 ch0, nch;	/* its changes in priv.ch */
	const char	**globs;	/* its Approved: values (interned),
					   read with the commit in step 0 */
	size_t		 nglobs;
};

/* Fingerprints found in one key blob. */
struct keyblob {
	char		*hex;		/* blob id, owned (map key) */
	char		**fprs;		/* primary fingerprints, owned */
	size_t		 nfprs;
};

/* A governance state in force. */
struct gstate {
	struct config	*cfg;		/* owned; NULL: none approved */
	struct gate_reviewer *rv;	/* reviewers with their fprs */
	size_t		 nrv;
	int		 gov_approvals;	/* trust keys a change needs */
};

/* A path in the sorted index. */
struct sref {
	const char	*path;		/* borrowed from paths[i].path */
	size_t		 i;		/* index into paths */
};

/* SHA-256 (FIPS 180-4), for naming the cache file by its keyset. */
struct sha256 {
	uint32_t	 h[8];
	unsigned char	 blk[64];
	size_t		 nblk;		/* bytes in blk */
	uint64_t	 len;		/* bytes hashed */
};

/* Level of a _unit.yaml blob, parsed once. */
struct lvl {
	char		*hex;		/* blob id, owned (map key) */
	char		*level;		/* level id or NULL */
};

struct priv {
	struct repo	*repo;		/* borrowed */
	struct gate	*g;		/* the result being built */
	size_t		 capp;		/* paths allocated */
	struct strmap	 pmap;		/* path -> index */
	struct sref	*sorted;	/* paths by name */
	size_t		 nsorted;	/* paths sorted so far */
	struct change	*ch;		/* all changes */
	size_t		 nch, capch;
	struct crec	*c;		/* one per mainline commit */
	size_t		 cur;		/* commit being diffed */
	struct sig_keyring *kr;		/* trust + every key blob */
	struct keyblob	*kb;		/* key blobs */
	size_t		 nkb, capkb;
	struct strmap	 kbmap;		/* blob hex -> kb index */
	struct lvl	*lv;		/* parsed unit levels */
	size_t		 nlv, caplv;
	struct strmap	 lvmap;		/* blob hex -> lv index */
	char		**revoked;	/* union of revoked lists */
	size_t		 nrevoked, caprevoked;
	struct gstate	 G;		/* governance in force */
	size_t		 capgov;	/* gate.gov allocated */
	struct sha256	 keyset;	/* trust file, then key blob ids */
	char		 keyhex[65];	/* its digest, when done */
	char		**istr;		/* interned strings, owned */
	size_t		 nistr, capistr;
	struct strmap	 imap;		/* string -> istr index */
	const char	*empty;		/* "" interned */
};

/* ---------------------------------------------------------------- */
/* Globs. */

int
gate_glob(const char *p, const char *s)
{
	for (;;) {
		if (*p == '\0')
			return *s == '\0';
		if (p[0] == '*' && p[1] == '*') {
			p += 2;
			if (*p == '/') {
				/* any folders, or none */
				p++;
				if (gate_glob(p, s))
					return 1;
				for (; *s; s++)
					if (*s == '/' && gate_glob(p, s + 1))
						return 1;
				return 0;
			}
			for (;; s++) {
				if (gate_glob(p, s))
					return 1;
				if (*s == '\0')
					return 0;
			}
		}
		if (*p == '*') {
			p++;
			for (;; s++) {
				if (gate_glob(p, s))
					return 1;
				if (*s == '\0' || *s == '/')
					return 0;
			}
		}
		if (*s == '\0')
			return 0;
		if (*p == '?') {
			if (*s == '/')
				return 0;
		} else if (*p != *s)
			return 0;
		p++;
		s++;
	}
}

/* Bytes of glob before its first wildcard. */
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
	return strcmp(path, "config.yaml") == 0 || str_prefix(path, "keys/");
}

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b,
	0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
	0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7,
	0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152,
	0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
	0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
	0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
	0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n)	(((x) >> (n)) | ((x) << (32 - (n))))

static void
sha256_block(struct sha256 *c, const unsigned char *p)
{
	uint32_t	w[64], a, b, d, e, f, g, h, cc, t1, t2;
	int		i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++)
		w[i] = w[i - 16] + (ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
		    (w[i - 15] >> 3)) + w[i - 7] + (ROR(w[i - 2], 17) ^
		    ROR(w[i - 2], 19) ^ (w[i - 2] >> 10));
	a = c->h[0]; b = c->h[1]; cc = c->h[2]; d = c->h[3];
	e = c->h[4]; f = c->h[5]; g = c->h[6]; h = c->h[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		    ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		    ((a & b) ^ (a & cc) ^ (b & cc));
		h = g; g = f; f = e; e = d + t1;
		d = cc; cc = b; b = a; a = t1 + t2;
	}
	c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d;
	c->h[4] += e; c->h[5] += f; c->h[6] += g; c->h[7] += h;
}

static void
sha256_init(struct sha256 *c)
{
	static const uint32_t	iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memset(c, 0, sizeof(*c));
	memcpy(c->h, iv, sizeof(iv));
}

static void
sha256_add(struct sha256 *c, const void *data, size_t n)
{
	const unsigned char	*p = data;

	c->len += n;
	while (n > 0) {
		size_t	k = 64 - c->nblk < n ? 64 - c->nblk : n;

		memcpy(c->blk + c->nblk, p, k);
		c->nblk += k;
		p += k;
		n -= k;
		if (c->nblk == 64) {
			sha256_block(c, c->blk);
			c->nblk = 0;
		}
	}
}

/* The digest as 64 lowercase hex digits and a NUL. */
static void
sha256_hex(struct sha256 *c, char out[65])
{
	uint64_t	bits = c->len * 8;
	unsigned char	pad[8];
	int		i;

	sha256_add(c, "\x80", 1);
	while (c->nblk != 56)
		sha256_add(c, "", 1);
	for (i = 0; i < 8; i++)
		pad[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_add(c, pad, 8);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x",
		    (unsigned)(c->h[i / 4] >> (24 - 8 * (i % 4))) & 0xff);
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

static int
on_diff(const char *path, enum repo_kind ok, const struct oid *o,
    enum repo_kind nk, const struct oid *n, void *arg)
{
	struct priv	*P = arg;
	struct change	*c;
	int		 gov;

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

/* Loads every blob that was ever under keys/ into the keyring. */
static int
load_keys(struct priv *P)
{
	struct oid	*v = NULL;
	size_t		 n = 0, cap = 0, i;
	struct buf	 b = BUF_INIT;
	char		 hex[OID_HEXSZ + 1];
	struct keyblob	*k;

	for (i = 0; i < P->nch; i++)
		if (P->ch[i].present &&
		    str_prefix(P->g->paths[P->ch[i].path].path, "keys/")) {
			xgrow(&v, &cap, n + 1, sizeof(*v));
			v[n++] = P->ch[i].blob;
		}
	xqsort(v, n, sizeof(*v), cmp_oid);
	for (i = 0; i < n; i++) {
		if (i > 0 && oid_cmp(&v[i], &v[i - 1]) == 0)
			continue;
		oid_fmt(hex, &v[i]);
		sha256_add(&P->keyset, hex, OID_HEXSZ);
		xgrow(&P->kb, &P->capkb, P->nkb + 1, sizeof(*P->kb));
		k = &P->kb[P->nkb];
		memset(k, 0, sizeof(*k));
		k->hex = xstrdup(hex);
		buf_reset(&b);
		if (repo_blob_read(P->repo, &v[i], &b) < 0) {
			free(k->hex);
			free(v);
			buf_dispose(&b);
			return -1;
		}
		/* A broken key file simply holds no keys. */
		(void)sig_keyring_add_armored(P->kr, NULL, b.data, b.len,
		    &k->fprs, &k->nfprs);
		strmap_put(&P->kbmap, k->hex, P->nkb++, NULL);
	}
	free(v);
	buf_dispose(&b);
	return 0;
}

static const struct keyblob *
keyblob(struct priv *P, const struct oid *blob)
{
	char	hex[OID_HEXSZ + 1];
	size_t	i;

	oid_fmt(hex, blob);
	return strmap_get(&P->kbmap, hex, &i) ? &P->kb[i] : NULL;
}

/* Reads cache text into a map of commit hex -> result. */
struct centry {
	char			 hex[OID_HEXSZ + 1];
	struct sig_result	 r;
};

static void
cache_load(struct priv *P, const char *text, size_t len,
    struct centry **out, size_t *nout, struct strmap *map)
{
	char		 head[96], *s, *line, *save = NULL;
	size_t		 cap = 0;
	struct centry	*e;
	char		 hex[64], st[32], fpr[64];
	long long	 created;
	int		 status;

	*out = NULL;
	*nout = 0;
	if (text == NULL)
		return;
	snprintf(head, sizeof(head), "%s %s", CACHE_MAGIC, P->keyhex);
	s = xstrndup(text, len);
	line = strtok_r(s, "\n", &save);
	if (line == NULL || strcmp(line, head) != 0) {
		free(s);
		return;
	}
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		if (sscanf(line, "%63s %31s %63s %lld", hex, st, fpr,
		    &created) != 4 || strlen(hex) != OID_HEXSZ ||
		    (status = sig_status_parse(st)) < 0)
			continue;
		if (strcmp(fpr, "-") == 0)
			fpr[0] = '\0';
		if (strlen(fpr) != 0 && strlen(fpr) != SIG_FPRSZ)
			continue;
		xgrow(out, &cap, *nout + 1, sizeof(**out));
		e = &(*out)[(*nout)++];
		memset(e, 0, sizeof(*e));
		memcpy(e->hex, hex, OID_HEXSZ + 1);
		e->r.status = (enum sig_status)status;
		memcpy(e->r.fpr, fpr, strlen(fpr) + 1);
		e->r.created = created;
	}
	free(s);
	/* The map's keys point into the array, which no longer moves. */
	for (size_t i = 0; i < *nout; i++)
		strmap_put(map, (*out)[i].hex, i, NULL);
}

/*
 * Reads the cache file of this keyset from the trusted folder dir into
 * b: only a regular file owned by the effective user; anything else
 * (or nothing) leaves b empty and costs only time.
 */
static void
cache_read(const char *path, struct buf *b)
{
	struct stat	 st;
	char		 tmp[65536];
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_uid == geteuid() && (st.st_mode & 022) == 0)
		while ((n = read(fd, tmp, sizeof(tmp))) != 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				buf_reset(b);
				break;
			}
			buf_put(b, tmp, (size_t)n);
		}
	close(fd);
}

static int
verify_all(struct priv *P, const struct gate_opts *o)
{
	struct gate	*g = P->g;
	struct centry	*ce = NULL;
	size_t		 nce = 0, i, j;
	struct strmap	 cmap;
	struct buf	 raw = BUF_INIT, old = BUF_INIT;
	const char	*ctext = o->cache;
	size_t		 clen = o->cache_len;
	char		 hex[OID_HEXSZ + 1];
	int		 rc = -1;

	if (ctext == NULL && o->cache_dir != NULL) {
		g->cache_file = xasprintf("%s/%s%s", o->cache_dir,
		    CACHE_PREFIX, P->keyhex);
		cache_read(g->cache_file, &old);
		ctext = old.data;
		clen = old.len;
	}
	strmap_init(&cmap);
	cache_load(P, ctext, clen, &ce, &nce, &cmap);
	buf_printf(&g->cache, "%s %s\n", CACHE_MAGIC, P->keyhex);
	for (i = 0; i < g->nmainline; i++) {
		oid_fmt(hex, &g->mainline[i]);
		if (strmap_get(&cmap, hex, &j))
			P->c[i].sig = ce[j].r;
		else {
			buf_reset(&raw);
			if (repo_commit_raw(P->repo, &g->mainline[i],
			    &raw) < 0)
				goto out;
			sig_verify_commit(P->kr, raw.data, raw.len,
			    &P->c[i].sig);
		}
		buf_printf(&g->cache, "%s %s %s %lld\n", hex,
		    sig_status_name(P->c[i].sig.status),
		    P->c[i].sig.fpr[0] ? P->c[i].sig.fpr : "-",
		    (long long)P->c[i].sig.created);
	}
	g->cache_changed = ctext == NULL || clen != g->cache.len ||
	    memcmp(ctext, g->cache.data, clen) != 0;
	rc = 0;
out:
	buf_dispose(&raw);
	buf_dispose(&old);
	strmap_dispose(&cmap);
	free(ce);
	return rc;
}

/* ---------------------------------------------------------------- */
/* Governance in force. */

static void
gstate_dispose(struct gstate *G)
{
	size_t	i;

	for (i = 0; i < G->nrv; i++)
		free_strs(G->rv[i].fprs, G->rv[i].nfprs);
	free(G->rv);
	cfg_free(G->cfg);
	memset(G, 0, sizeof(*G));
	G->gov_approvals = 1;
}

/* 1 unless v is present as something else than a file's text. */
static int
regular(const struct gate_version *v)
{
	return !v->present || v->kind == REPO_BLOB || v->kind == REPO_EXEC;
}

/* Newest regular version of path index pi published so far, or NULL:
 * what is in force of a governance file. */
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

/* Newest version of path index pi published so far, or NULL. */
static struct gate_version *
newest_published(struct priv *P, size_t pi)
{
	struct gate_path	*p;
	size_t			 i;

	if (pi == NONE)
		return NULL;
	p = &P->g->paths[pi];
	for (i = p->nversions; i-- > 0;)
		if (p->versions[i].published)
			return &p->versions[i];
	return NULL;
}

static void
add_revoked(struct priv *P, const struct config *cfg)
{
	size_t	i;
	char	*f;

	for (i = 0; i < cfg->nrevoked; i++) {
		f = xstrdup(cfg->revoked[i]);
		for (char *q = f; *q; q++)
			if (*q >= 'a' && *q <= 'f')
				*q = (char)(*q - 'a' + 'A');
		if (!in_list(P->revoked, P->nrevoked, f))
			push_str(&P->revoked, &P->nrevoked, &P->caprevoked, f);
		free(f);
	}
}

/*
 * Puts the published governance files in force from mainline index pos
 * on.  A published config.yaml that does not parse leaves the previous
 * governance in force (reported).
 */
static int
gov_apply(struct priv *P, size_t pos, size_t at)
{
	struct gate		*g = P->g;
	struct gate_version	*cv = newest_in_force(P,
				    path_index(P, "config.yaml", 0));
	struct gstate		 N;
	struct buf		 b = BUF_INIT;
	struct gate_gov		*gv;
	const struct keyblob	*k;
	struct gate_version	*kv;
	char			 hex[OID_HEXSZ + 1], *name;
	size_t			 i, j;

	memset(&N, 0, sizeof(N));
	N.gov_approvals = 1;
	if (cv != NULL && cv->present) {
		if (repo_blob_read(P->repo, &cv->blob, &b) < 0)
			return -1;
		oid_fmt(hex, &g->mainline[at]);
		name = xasprintf("config.yaml@%.7s", hex);
		if (cfg_parse(name, b.data, b.len, &N.cfg) < 0) {
			diag_warn(name, 0, 0, "approved config does not "
			    "parse: the previous governance stays in force");
			free(name);
			buf_dispose(&b);
			return 0;
		}
		free(name);
		buf_dispose(&b);
		N.gov_approvals = N.cfg->governance_approvals > 0 ?
		    N.cfg->governance_approvals : 1;
		N.nrv = N.cfg->nreviewers;
		N.rv = xcalloc(N.nrv ? N.nrv : 1, sizeof(*N.rv));
		for (i = 0; i < N.nrv; i++) {
			const struct reviewer *r = &N.cfg->reviewers[i];

			N.rv[i].r = r;
			N.rv[i].retired = cfg_is_retired(N.cfg, r->id);
			if (r->key == NULL || !str_prefix(r->key, "keys/"))
				continue;
			kv = newest_in_force(P, path_index(P, r->key, 0));
			if (kv == NULL || !kv->present ||
			    (k = keyblob(P, &kv->blob)) == NULL)
				continue;
			N.rv[i].fprs = xcalloc(k->nfprs ? k->nfprs : 1,
			    sizeof(char *));
			for (j = 0; j < k->nfprs; j++)
				N.rv[i].fprs[j] = xstrdup(k->fprs[j]);
			N.rv[i].nfprs = k->nfprs;
		}
		add_revoked(P, N.cfg);
	}
	gstate_dispose(&P->G);
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

/* The reviewer in force owning fpr, or NULL (none, or ambiguous). */
static const struct gate_reviewer *
reviewer_by_fpr(struct priv *P, const char *fpr)
{
	const struct gate_reviewer	*found = NULL;
	size_t				 i;

	for (i = 0; i < P->G.nrv; i++)
		if (in_list(P->G.rv[i].fprs, P->G.rv[i].nfprs, fpr)) {
			if (found != NULL) {
				diag_warn(NULL, 0, 0, "key '%s' belongs to "
				    "reviewers '%s' and '%s': its approvals "
				    "do not count", fpr, found->r->id,
				    P->G.rv[i].r->id);
				return NULL;
			}
			found = &P->G.rv[i];
		}
	return found;
}

static int
in_scope(const struct reviewer *r, const char *path)
{
	size_t	i;

	for (i = 0; i < r->nscope; i++)
		if (gate_glob(r->scope[i], path))
			return 1;
	return 0;
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

/* 1 if unit file index u is live or (provisionally) published. */
static int
unit_counts(struct priv *P, size_t u)
{
	struct gate_version	*v = live_of(&P->g->paths[u]), *pv;

	if (v != NULL && v->present)
		return 1;
	pv = newest_published(P, u);
	return pv != NULL && pv->present;
}

/*
 * Index of the _unit.yaml enclosing path (its own, for a _unit.yaml):
 * the nearest one that is live or published, so that deleting a unit
 * file without approval cannot move its items to another level.
 */
static size_t
unit_of(struct priv *P, const char *path)
{
	struct buf		 b = BUF_INIT;
	const char		*slash;
	size_t			 len, u = NONE, i;

	len = strlen(path);
	while (u == NONE && (slash = last_slash(path, len)) != NULL) {
		len = (size_t)(slash - path);
		buf_reset(&b);
		buf_put(&b, path, len);
		buf_puts(&b, "/_unit.yaml");
		if ((i = path_index(P, b.data, 0)) != NONE &&
		    unit_counts(P, i))
			u = i;
	}
	buf_dispose(&b);
	return u;
}

/*
 * Approvals a content version needs now: one for a withdrawal; else the
 * stricter of the enclosing unit's live and newest published levels.
 */
static int
content_req(struct priv *P, const struct gate_path *p,
    const struct gate_version *v)
{
	size_t			 u;
	struct gate_version	*uv, *pv;
	const char		*upath;
	int			 req = 0, r2;

	if (!v->present)
		return 1;
	u = unit_of(P, p->path);
	if (u == NONE)
		return level_req(P->G.cfg, NULL);
	upath = P->g->paths[u].path;
	uv = live_of(&P->g->paths[u]);
	if (uv->present)
		req = level_req(P->G.cfg, blob_level(P, &uv->blob, upath));
	pv = newest_published(P, u);
	if (pv != NULL && pv->present && pv != uv) {
		r2 = level_req(P->G.cfg, blob_level(P, &pv->blob, upath));
		if (r2 > req)
			req = r2;
	}
	return req > 0 ? req : level_req(P->G.cfg, NULL);
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

/* id, name and fpr are interned (intern()). */
static struct gate_approval *
add_approval(struct priv *P, struct gate_version *v, size_t at,
    const char *id, const char *name, const char *fpr, int req)
{
	struct gate_approval	*a;
	size_t			 i;

	/* Two globs of one commit: approvals come in mainline order, so
	 * only the last few can be from this commit. */
	for (i = v->napprovals; i-- > 0 && v->approvals[i].pos == at;)
		if (v->approvals[i].reviewer == id)
			return NULL;
	xgrow(&v->approvals, &v->capapprovals, v->napprovals + 1,
	    sizeof(*v->approvals));
	a = &v->approvals[v->napprovals++];
	memset(a, 0, sizeof(*a));
	a->reviewer = id;
	a->name = name;
	a->fpr = fpr;
	a->commit = P->g->mainline[at];
	a->pos = at;
	a->time = P->c[at].time;
	a->tz = P->c[at].tz;
	a->live_req = req;
	a->why = GATE_COUNTS;
	return a;
}

/*
 * Decides whether v is published, going through its approvals in
 * order: each counts once per reviewer, not by its author, not with a
 * revoked key (when revoked is set).  Returns 1 if it got published.
 * A version's approvals only grow at the end, and its flags are the
 * same at every call, so the decision goes on from where the last one
 * stopped unless the revoked list grew since: then it starts over.
 * Each approval costs one look at the few reviewers counted so far.
 */
static int
decide(struct priv *P, struct gate_version *v, int check_revoked,
    int allow_self)
{
	size_t			 i, j, gen;
	struct gate_approval	*a;

	gen = (check_revoked ? P->nrevoked : 0) + 1;
	if (v->d_gen != gen) {
		v->d_gen = gen;
		v->d_next = 0;
		v->d_count = 0;
		v->d_ncounted = 0;
		v->published = 0;
		v->published_pos = 0;
	}
	for (i = v->d_next; i < v->napprovals; i++) {
		a = &v->approvals[i];
		if (a->why == GATE_SELF && allow_self)
			a->why = GATE_COUNTS;
		if (a->why == GATE_SELF)
			continue;
		if (check_revoked && in_list(P->revoked, P->nrevoked, a->fpr)) {
			a->why = GATE_REVOKED;
			continue;
		}
		a->why = GATE_COUNTS;
		for (j = 0; j < v->d_ncounted; j++)
			if (v->d_counted[j] == a->reviewer)
				a->why = GATE_REPEAT;
		if (a->why == GATE_COUNTS) {
			xgrow(&v->d_counted, &v->d_capcounted,
			    v->d_ncounted + 1, sizeof(*v->d_counted));
			v->d_counted[v->d_ncounted++] = a->reviewer;
			v->d_count++;
		}
		if (!v->published && v->d_count >= (size_t)a->live_req) {
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
	size_t			 gi, k, len;
	int			 changed = 0, was;

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
			if (add_approval(P, v, at, fpr, P->empty, fpr,
			    P->G.gov_approvals) == NULL)
				continue;
			/* Identity of a trust key is its fingerprint. */
			was = v->published;
			if (decide(P, v, 0, 1) && !was)
				changed = 1;
		}
	}
	return changed;
}

/* Content approvals by reviewer rv at mainline index at. */
static void
approve_content(struct priv *P, size_t at, const char **globs,
    size_t nglobs, const struct gate_reviewer *rv, const char *fpr)
{
	struct gate		*g = P->g;
	struct gate_path	*p;
	struct gate_version	*v;
	struct gate_approval	*a;
	size_t			 gi, k, len;
	const char		*id = intern(P, rv->r->id);
	const char		*name = intern(P, rv->r->name ?
				    rv->r->name : "");

	for (gi = 0; gi < nglobs; gi++) {
		len = glob_literal(globs[gi]);
		for (k = lower_bound(P, globs[gi], len); k < P->nsorted;
		    k++) {
			p = &g->paths[P->sorted[k].i];
			if (strncmp(p->path, globs[gi], len) != 0)
				break;
			if (p->governance || !gate_glob(globs[gi], p->path) ||
			    !in_scope(rv->r, p->path))
				continue;
			if ((v = live_of(p)) == NULL)
				continue;	/* not there yet */
			a = add_approval(P, v, at, id, name, fpr,
			    content_req(P, p, v));
			if (a == NULL)
				continue;
			if (v->present && ((rv->r->email != NULL &&
			    strcasecmp(rv->r->email, v->author_email) == 0) ||
			    (v->signer[0] != '\0' &&
			    in_list(rv->fprs, rv->nfprs, v->signer))))
				a->why = GATE_SELF;
			/* Unit files publish provisionally now: their
			 * level rules the approvals that follow. */
			if (str_suffix(p->path, "/_unit.yaml"))
				decide(P, v, 1, !v->present);
		}
	}
}

static void
open_versions(struct priv *P, size_t at)
{
	struct crec		*c = &P->c[at];
	struct change		*ch;
	struct gate_path	*p;
	struct gate_version	*v, *old;
	size_t			 i;

	for (i = 0; i < c->nch; i++) {
		ch = &P->ch[c->ch0 + i];
		p = &P->g->paths[ch->path];
		old = live_of(p);
		if (old != NULL && old->present == ch->present &&
		    (!ch->present || (oid_cmp(&old->blob, &ch->blob) == 0 &&
		    old->kind == ch->kind)))
			continue;
		if (old != NULL)
			old->end_pos = at;
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
		memcpy(v->signer, c->sig.fpr, SIG_FPRSZ + 1);
	}
}

static int
walk(struct priv *P)
{
	struct gate		*g = P->g;
	const struct gate_reviewer *rv;
	struct crec		*c;
	const char		*fpr;
	size_t			 i;
	int			 gov_changed;

	for (i = 0; i < g->nmainline; i++) {
		c = &P->c[i];
		open_versions(P, i);
		if (c->sig.status != SIG_GOOD || c->nglobs == 0)
			continue;
		resort(P);
		fpr = intern(P, c->sig.fpr);
		gov_changed = 0;
		if (in_list(g->trust, g->ntrust, fpr))
			gov_changed = approve_gov(P, i, c->globs, c->nglobs,
			    fpr);
		if ((rv = reviewer_by_fpr(P, fpr)) != NULL && !rv->retired)
			approve_content(P, i, c->globs, c->nglobs, rv, fpr);
		if (gov_changed && gov_apply(P, i + 1, i) < 0)
			return -1;
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

/* 1 if every unit enclosing p (not p itself) is visible. */
static int
units_ok(struct priv *P, const struct gate_path *p)
{
	struct buf		 b = BUF_INIT;
	const char		*slash;
	size_t			 len = strlen(p->path), i;
	const struct gate_path	*u;
	const struct gate_version *pub;
	int			 ok = 1;

	while (ok && (slash = last_slash(p->path, len)) != NULL) {
		len = (size_t)(slash - p->path);
		buf_reset(&b);
		buf_put(&b, p->path, len);
		buf_puts(&b, "/_unit.yaml");
		if (strcmp(b.data, p->path) == 0 ||
		    (i = path_index(P, b.data, 0)) == NONE)
			continue;
		u = &P->g->paths[i];
		pub = u->published;
		if (!live_of((struct gate_path *)u)->present && pub == NULL)
			continue;	/* never a unit that counted */
		if (pub == NULL || !pub->present)
			ok = 0;
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
	if (v == NULL || v->published || v->veto != NULL)
		return;		/* nothing to wait for, or never publishable */
	if (!v->present && (p->published == NULL || !p->published->present))
		return;		/* gone, and nothing online to withdraw */
	for (i = 0; i < v->napprovals; i++)
		if (v->approvals[i].why == GATE_COUNTS)
			p->have++;
	if (p->governance) {
		p->required = P->G.gov_approvals;
		for (i = 0; i < P->g->ntrust; i++) {
			done = 0;
			for (j = 0; j < v->napprovals; j++)
				if (strcmp(v->approvals[j].fpr,
				    P->g->trust[i]) == 0)
					done = 1;
			if (!done)
				push_str(&p->eligible, &p->neligible, &cap,
				    P->g->trust[i]);
		}
		return;
	}
	p->required = content_req(P, p, v);
	for (i = 0; i < P->G.nrv; i++) {
		rv = &P->G.rv[i];
		if (rv->retired || rv->nfprs == 0 || !in_scope(rv->r, p->path))
			continue;
		usable = 0;
		for (j = 0; j < rv->nfprs; j++)
			if (!in_list(P->revoked, P->nrevoked, rv->fprs[j]))
				usable = 1;
		if (!usable)
			continue;
		if (v->present && ((rv->r->email != NULL &&
		    strcasecmp(rv->r->email, v->author_email) == 0) ||
		    (v->signer[0] && in_list(rv->fprs, rv->nfprs, v->signer))))
			continue;
		done = 0;
		for (j = 0; j < v->napprovals; j++)
			if (v->approvals[j].why == GATE_COUNTS &&
			    strcmp(v->approvals[j].reviewer, rv->r->id) == 0)
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
				decide(P, &p->versions[j], 1,
				    !p->versions[j].present);
		}
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

	if (f->why != NULL)
		return;
	text_pos(f->text, off, &line, &col);
	f->why = xasprintf("privacy: unmasked %s at line %d",
	    privacy_kind_name(kind), line);
}

/*
 * Sets v->veto if version v of path is not a regular file (the loader
 * reads no symbolic link or submodule: publishing one would stop every
 * build), or is an item version holding personal data.
 */
static void
veto_check(struct priv *P, const char *path, struct gate_version *v)
{
	struct buf	 b = BUF_INIT;
	struct firsthit	 f = { NULL, NULL };

	if (v == NULL || !v->present || v->veto != NULL)
		return;
	if (!regular(v)) {
		v->veto = xasprintf("not a regular file%s",
		    v->kind == REPO_LINK ? " (symbolic link)" :
		    v->kind == REPO_SUBMODULE ? " (submodule)" : "");
		return;
	}
	if (!str_prefix(path, "content/") ||
	    !(str_suffix(path, ".md") || str_suffix(path, ".yaml")) ||
	    str_suffix(path, "/_unit.yaml"))
		return;
	if (repo_blob_read(P->repo, &v->blob, &b) == 0) {
		f.text = b.data;
		privacy_scan_item(path, b.data, b.len, on_privacy, &f);
		v->veto = f.why;
	}
	buf_dispose(&b);
}

/*
 * Newest published version of path p without a veto: versions with
 * personal data or not regular files are skipped, so the last clean
 * approved text stays online.
 */
static struct gate_version *
newest_clean(struct priv *P, struct gate_path *p)
{
	size_t	i;

	for (i = p->nversions; i-- > 0;) {
		if (!p->versions[i].published)
			continue;
		veto_check(P, p->path, &p->versions[i]);
		if (p->versions[i].veto == NULL)
			return &p->versions[i];
	}
	return NULL;
}

static void
finish(struct priv *P)
{
	struct gate	*g = P->g;
	struct gate_path *p;
	size_t		 i;

	strmap_dispose(&P->pmap);
	xqsort(g->paths, g->npaths, sizeof(*g->paths), cmp_path);
	strmap_init(&P->pmap);
	for (i = 0; i < g->npaths; i++)
		strmap_put(&P->pmap, g->paths[i].path, i, NULL);
	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		p->live = live_of(p);
		p->published = newest_clean(P, p);
		veto_check(P, p->path, p->live);
	}
	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		p->unit_ok = p->governance ? 1 : units_ok(P, p);
		p->visible = p->published != NULL && p->published->present &&
		    p->unit_ok;
		waits(P, p);
	}
	g->cfg = P->G.cfg;
	g->reviewers = P->G.rv;
	g->nreviewers = P->G.nrv;
	g->governance_approvals = P->G.gov_approvals;
	P->G.cfg = NULL;
	P->G.rv = NULL;
	P->G.nrv = 0;
}

/* ---------------------------------------------------------------- */

int
gate_eval(struct repo *repo, const struct gate_opts *o, struct gate **out)
{
	struct gate	*g = xcalloc(1, sizeof(*g));
	struct priv	*P = xcalloc(1, sizeof(*P));
	struct repo_commit info;
	struct trail	 t;
	size_t		 i, tcap = 0;
	char		**tf = NULL;
	size_t		 ntf = 0;

	g->priv = P;
	buf_init(&g->cache);
	P->repo = repo;
	P->g = g;
	strmap_init(&P->pmap);
	strmap_init(&P->kbmap);
	strmap_init(&P->lvmap);
	strmap_init(&P->imap);
	P->empty = intern(P, "");
	P->G.gov_approvals = 1;

	if (repo_is_shallow(repo)) {
		diag_fatal("repository is shallow: the approval history is "
		    "incomplete (fetch with --unshallow)");
		goto fail;
	}
	if (repo_resolve(repo, o->ref ? o->ref : "HEAD", &g->head) < 0)
		goto fail;
	P->kr = sig_keyring_new();
	if (o->trust == NULL || sig_keyring_add_armored(P->kr,
	    o->trust_name ? o->trust_name : "trust", o->trust,
	    o->trust_len, &tf, &ntf) < 0)
		goto fail;
	for (i = 0; i < ntf; i++)
		if (!in_list(g->trust, g->ntrust, tf[i]))
			push_str(&g->trust, &g->ntrust, &tcap, tf[i]);
	free_strs(tf, ntf);
	sha256_init(&P->keyset);
	{
		char	len[32];

		snprintf(len, sizeof(len), "trust %zu\n", o->trust_len);
		sha256_add(&P->keyset, len, strlen(len));
		sha256_add(&P->keyset, o->trust, o->trust_len);
	}

	if (repo_first_parents(repo, &g->head, &g->mainline,
	    &g->nmainline) < 0)
		goto fail;
	P->c = xcalloc(g->nmainline, sizeof(*P->c));
	for (i = 0; i < g->nmainline; i++) {
		if (repo_commit_info(repo, &g->mainline[i], &info) < 0)
			goto fail;
		P->c[i].author_name = info.author_name;
		P->c[i].author_email = info.author_email;
		info.author_name = info.author_email = NULL;
		P->c[i].time = info.commit_time;
		P->c[i].tz = info.commit_tz;
		memset(&t, 0, sizeof(t));
		t.P = P;
		t.c = &P->c[i];
		if (repo_trailers(info.message, on_trailer, &t) < 0) {
			repo_commit_dispose(&info);
			goto fail;
		}
		repo_commit_dispose(&info);
		P->c[i].ch0 = P->nch;
		if (repo_diff(repo, i ? &g->mainline[i - 1] : NULL,
		    &g->mainline[i], on_diff, P) != 0)
			goto fail;
		P->c[i].nch = P->nch - P->c[i].ch0;
	}
	if (load_keys(P) < 0)
		goto fail;
	sha256_hex(&P->keyset, P->keyhex);
	if (verify_all(P, o) < 0)
		goto fail;
	if (walk(P) < 0)
		goto fail;
	decide_all(P);
	finish(P);
	*out = g;
	return 0;
fail:
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

/* Creates the folders of path that are missing, 0700; 0 or -1 (errno). */
static int
mkdirs(char *path)
{
	char	*s;

	for (s = path + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(path, 0700) == -1 && errno != EEXIST) {
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	if (mkdir(path, 0700) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

/* 1 if path a is b or below it (both resolved; b NULL: no). */
static int
path_under(const char *a, const char *b)
{
	char	*ra, *rb;
	size_t	 n;
	int	 under = 0;

	if (b == NULL || (ra = realpath(a, NULL)) == NULL)
		return 0;
	if ((rb = realpath(b, NULL)) != NULL) {
		n = strlen(rb);
		while (n > 1 && rb[n - 1] == '/')
			n--;
		under = n == 1 || (strncmp(ra, rb, n) == 0 &&
		    (ra[n] == '\0' || ra[n] == '/'));
	}
	free(ra);
	free(rb);
	return under;
}

char *
gate_cache_dir(const char *worktree, const char *gitdir)
{
	const char	*e;
	char		*dir;
	struct stat	 st;
	size_t		 n;

	if ((e = getenv("GONGKAI_CACHE_DIR")) != NULL && *e == '/')
		dir = xstrdup(e);
	else if ((e = getenv("XDG_CACHE_HOME")) != NULL && *e == '/')
		dir = xasprintf("%s/gongkai", e);
	else if ((e = getenv("HOME")) != NULL && *e == '/')
		dir = xasprintf("%s/.cache/gongkai", e);
	else {
		diag_note("no cache folder (HOME is not set): signatures "
		    "are verified without a cache");
		return NULL;
	}
	while ((n = strlen(dir)) > 1 && dir[n - 1] == '/')
		dir[n - 1] = '\0';
	if (mkdirs(dir) == -1 || stat(dir, &st) == -1) {
		diag_note("cannot create cache folder '%s': %s: signatures "
		    "are verified without a cache", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 022) != 0) {
		diag_note("cache folder '%s' is not a folder of yours that "
		    "only you can write: signatures are verified without a "
		    "cache", dir);
		free(dir);
		return NULL;
	}
	if (path_under(dir, worktree) || path_under(dir, gitdir)) {
		diag_note("cache folder '%s' is inside the repository: "
		    "signatures are verified without a cache", dir);
		free(dir);
		return NULL;
	}
	return dir;
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
	buf_dispose(&g->cache);
	free(g->cache_file);
	if (P != NULL) {
		strmap_dispose(&P->imap);
		free_strs(P->istr, P->nistr);
		strmap_dispose(&P->pmap);
		strmap_dispose(&P->kbmap);
		strmap_dispose(&P->lvmap);
		free(P->sorted);
		free(P->ch);
		for (i = 0; P->c != NULL && i < g->nmainline; i++) {
			free(P->c[i].author_name);
			free(P->c[i].author_email);
			free(P->c[i].globs);
		}
		free(P->c);
		sig_keyring_free(P->kr);
		for (i = 0; i < P->nkb; i++) {
			free(P->kb[i].hex);
			free_strs(P->kb[i].fprs, P->kb[i].nfprs);
		}
		free(P->kb);
		for (i = 0; i < P->nlv; i++) {
			free(P->lv[i].hex);
			free(P->lv[i].level);
		}
		free(P->lv);
		free_strs(P->revoked, P->nrevoked);
		gstate_dispose(&P->G);
		free(P);
	}
	free(g);
}
