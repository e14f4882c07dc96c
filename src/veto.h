/*
 * veto.h -- the gate's privacy verdicts on git blobs (gate.h, rule 11).
 *
 * A blob read one way (an item, a unit file, a records file) is either
 * clean or vetoed with a reason, and the verdict is a function of its
 * bytes: each is worked out once per run and remembered, and a text the
 * privacy cache (privcache.h) knows by its SHA-256 is not scanned again.
 * The cache is keyed by what the bytes are, never by their SHA-1 blob
 * id, so every blob asked about is read: that reading, not the scan,
 * is most of a warm gated build's veto.  veto_ahead() does it for many
 * blobs at once in forked workers, while the caller would otherwise
 * read them one by one.
 */
#ifndef GONGKAI_VETO_H
#define GONGKAI_VETO_H

#include <stddef.h>

struct oid;
struct privcache;
struct repo;
struct veto;

/* The ways a text under content/ is read: 'm' a Markdown item, 'y' a
 * YAML item, 'u' a unit file, 'c' a records file (.csv); and 'a' any
 * other file (an attachment) whose bytes the commit's .gitattributes
 * have git's ident keyword expanded in (repo_ident_attr), looked for
 * in them up to VETO_IDENT_MAX bytes.  How the file at path is read,
 * or 0 when its text is not scanned: outside content/, an attachment,
 * or a name that holds a personal number (its privacy_kind in *kind,
 * else -1), which is vetoed unread. */
char	 veto_path_how(const char *path, int *kind);
#define VETO_IDENT_MAX	((size_t)64 << 20)

/* Verdicts on blobs of repo; pc (borrowed, or NULL) is asked and told.
 * Never fails. */
struct veto *veto_new(struct repo *repo, struct privcache *pc);
void	 veto_free(struct veto *);

/* The veto text on blob read as how (owned by the veto), or NULL when
 * it is clean.  A blob that cannot be read is clean here: the loader
 * reports it when it reads it. */
const char *veto_blob(struct veto *, char how, const struct oid *blob);

/*
 * Starts workers that judge, while the caller walks the history, the
 * texts of commit's tree veto_path_how reads: most published versions
 * are among them.  Their texts are kept for the build if keep.  The
 * next veto_ahead stops them and takes what they answered by then (a
 * text no one approved may take long: the caller need not wait for
 * it); veto_free kills them if none comes.
 */
void	 veto_head(struct veto *, const struct oid *commit, int keep);

/* A text for veto_ahead. */
struct veto_text {
	char		  how;
	int		  keep;		/* the build will read it too */
	const struct oid *blob;
};

/*
 * Finds which of the n texts t[i] are clean in workers, when that
 * saves time; veto_blob then answers those at once.  What a worker
 * did not find clean (over 1 MiB, a personal number, a worker that did
 * not run) veto_blob works out itself, with its reason.  The texts to
 * keep are given to the repository (repo_keep), up to 256 MiB.
 */
void	 veto_ahead(struct veto *, const struct veto_text *t, size_t n);

#endif
