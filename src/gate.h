/*
 * gate.h -- the approval gate: history + signatures + governance ->
 * which version of each path is published, approved by whom.
 *
 * The gate decides; it never writes files (the verification cache is
 * handed back to the caller, who saves it in gate.cache_file).
 * It implements DESIGN.md section 4; its rules, as this code holds them:
 *
 * 1. Trust root.  --trust keys approve governance (config.yaml, keys/)
 *    with governance_approvals distinct keys; a governance version is in
 *    force from the next mainline commit on.  Governance is walked
 *    first, on its own: it depends on nothing else.
 * 2. Mainline.  The first-parent history of the ref, root first.  Only
 *    GOOD signatures on it grant (approve content, add reviewers).
 * 3. Approval.  "Approved: <glob>" trailers in a commit signed by a
 *    reviewer in force (listed, key published, not retired, key not
 *    revoked) approve the state live at that commit of every path in
 *    the glob and the reviewer's scope.  Paths: content/..., and
 *    themes/... (a theme inside the repository is content; with no
 *    unit it needs the most approvals any level needs).
 * 4. Versions.  A run of mainline commits keeping one state of a path;
 *    an approval covers the version live at it, never a later one.
 * 5. Levels.  A version needs what the level of its ruling unit needs:
 *    the nearest enclosing _unit.yaml whose newest PUBLISHED version is
 *    present (its own, for a _unit.yaml), else the most any level
 *    needs.  No unpublished file can move a path to a lower level; a
 *    new unit needs the approvals of the unit it is made in.
 *    content/_unit.yaml is never a unit.
 * 6. Four eyes.  The author of a version is the reviewer or editor
 *    (`editors`, governed like reviewers) whose key signed the commit
 *    that started it; the author's approvals do not count.  When that
 *    commit is unsigned or signed by nobody listed, the author is
 *    unknown and the version needs one more distinct reviewer.  A
 *    withdrawal needs one reviewer, who may be its author.
 * 7. Revocation.  A fingerprint in `revoked` (a primary: all its
 *    subkeys too; a subkey: what it signed) voids every approval made
 *    with it, anywhere: the revoked set is complete before any content
 *    approval is weighed, so what a revoked key enabled (a unit file
 *    that lowered a level) enables nothing.  A retired reviewer counts
 *    only before the governance version that retired them.
 * 8. The mainline only grows.  The previous gated build's commit
 *    (gate_opts.anchor) must be on the mainline, or gate_eval refuses
 *    unless accept_rewrite (gate.rewritten says so).  Without an
 *    earlier build, restrictions still count wherever they stand in the
 *    ref's ancestry: a governance state approved by enough trust keys
 *    off the mainline adds its revocations, and its retirements from
 *    the first mainline commit that is not its ancestor; a reviewer's
 *    approved withdrawal off the mainline (the reviewer weighed by the
 *    governance in force at its newest mainline ancestor: scope, not
 *    retired there) keeps the text it withdrew
 *    offline, whether the path is absent at the ref or a merge kept
 *    or put back that text (only text published on the mainline after
 *    the withdrawal's base comes back).  Grants count only on the
 *    mainline.
 * 9. Time.  A signature's creation time is the signer's word.  A key
 *    whose validity ended before a witness approves nothing: witnesses
 *    are every earlier GOOD mainline signature's creation time (not
 *    later than the build's clock) and, after the anchor, the time of
 *    the previous gated build.  Position decides, never a date alone.
 * 10. Trees.  Commits and trees are read from their raw objects.  A
 *    name a tree cannot name for sure (duplicate entries, "", ".",
 *    "..", ".git", '/', unknown modes) makes every file below it
 *    REPO_MALFORMED: a version that is an error, never published,
 *    whatever its approvals; a name holding '/' ("v/fees/b.md") makes
 *    the file of its sibling folder it names malformed too (made
 *    twice), and a folder that does not parse is a malformed file of
 *    its own path, the root's "".  Such a name may stand for any file
 *    ("./c/fees/a.md", "../c/fees/a.md" one folder down), so a commit
 *    whose tree holds a malformed path approves no withdrawal
 *    (GATE_UNSOUND), on the mainline or off it.  A commit whose tree
 *    names more than TREE_PATHS_MAX files (2,000,000; subtrees shared
 *    by many names counted each time) is read as a root that does not
 *    parse.  What a tree holds is read from that tree alone (repo.c).
 *    A missing object is an error that stops the evaluation (never a
 *    partial history).
 * 11. Vetoes.  A version that is not a regular file, a file under
 *    content/ whose path holds an unmasked personal number (names are
 *    shown in links, the sitemap, the feeds), an item or unit file
 *    over 1 MiB or one holding an unmasked personal number as shown
 *    (privacy.h; in a unit file, not its mobile contact line), raw
 *    HTML, or git's ident keyword (privacy_ident: a checkout shows
 *    other text) is never published; the newest clean published
 *    version stays.  A records file (a .csv under content/, prog.h) is
 *    vetoed over CSV_FILE_MAX, when it holds the ident keyword, or
 *    when any cell as decoded holds a personal number (csv_privacy).
 *    Any other file (an attachment) is vetoed when it holds the ident
 *    keyword and the built commit's .gitattributes set ident for its
 *    path (repo_ident_attr), or over VETO_IDENT_MAX bytes then.
 *    A text is read for its veto only once its version has the
 *    approvals to be published (rule 12): a version that waits has
 *    only the vetoes its name and kind give.
 * 12. What is not approved cannot stop what is.  Signatures are
 *    verified with the trust keys and the key files governance ever
 *    published, nothing else; each key file is read on its own, so no
 *    file can change the keys another holds, and an unapproved one
 *    holds no key (nor does a file that is no blob or over 1 MiB); a
 *    commit message libgit2 cannot read approves nothing; commit
 *    headers are parsed leniently; only published unit files are ever
 *    parsed for a level.  A _unit.yaml never published hides what is
 *    below it only when its folder is not a category, a programme
 *    (prog.h) or the annual report folder of its unit (a stray file
 *    there hides nothing); a unit whose withdrawal was approved hides
 *    all below it.
 */
#ifndef GONGKAI_GATE_H
#define GONGKAI_GATE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "repo.h"
#include "sig.h"

struct config;
struct reviewer;

/* Why an approval does not count. */
enum gate_why {
	GATE_COUNTS,	/* it counts */
	GATE_SELF,	/* reviewer is the version's author or signer */
	GATE_REVOKED,	/* made with a revoked fingerprint */
	GATE_REPEAT,	/* the reviewer already approved this version */
	GATE_UNSOUND	/* a withdrawal in a tree holding a malformed
			   path (rule 10) */
};

/* Who made approvals: the strings live as long as the gate. */
struct gate_signer {
	const char	*reviewer;	/* reviewer id; governance: the
					   trust key's fingerprint */
	const char	*name;		/* reviewer name; governance: "" */
	const char	*fpr;		/* signing primary key, 40 hex */
};

/*
 * An approval of a version: who made it and where are indices into the
 * gate, so a record is 12 bytes.  The approving commit is
 * gate.mainline[pos], its date gate_time(g, pos).  A version's
 * records hold every approval that counts and why each other did not,
 * but not every repeat: a reviewer approving the same globs again,
 * with the same key, while no level and no governance moved, repeats
 * what they approved before, and such repeats are listed only by
 * gate_approvals().
 */
struct gate_approval {
	uint32_t	signer;		/* index into gate.signers */
	uint32_t	pos;		/* its index in gate.mainline */
	uint16_t	live_req;	/* (internal) approvals its level
					   needed at that commit */
	uint8_t		why;		/* enum gate_why: GATE_COUNTS or
					   why not */
};

struct gate_version {
	int		 present;	/* 0: absent (a withdrawal) */
	enum repo_kind	 kind;		/* REPO_BLOB, _EXEC, _LINK, ... */
	struct oid	 blob;		/* blob id when present */
	struct oid	 start;		/* commit that started the version */
	size_t		 start_pos;	/* its index in gate.mainline */
	size_t		 end_pos;	/* first index where it is no longer
					   live; gate.nmainline if live */
	char		*author_name;	/* author of the start commit */
	char		*author_email;
	char		 signer[SIG_FPRSZ + 1]; /* key that signed the start
					   commit (GOOD, not expired, not
					   revoked, not a reviewer's
					   retired by then), or "" */
	struct gate_approval *approvals; /* in mainline order, repeats
					   folded (gate_approvals) */
	size_t		 napprovals;
	char		*veto;		/* why this text may never be
					   published whatever its approvals
					   (personal data, not a regular
					   file), or NULL */
	int		 published;	/* reached its threshold */
	size_t		 published_pos;	/* mainline index where it did */
	/* (internal) the records, and the decision so far, extended
	 * approval by approval */
	size_t		 capapprovals;
	size_t		 last_at;	/* 1 + the mainline index of the last
					   approval, 0 if none */
	size_t		 d_next;	/* approvals decided */
	const char	**d_counted;	/* reviewers counted (interned) */
	size_t		 d_ncounted, d_capcounted;
};

struct gate_path {
	char		*path;		/* "content/a/b.md", "config.yaml" */
	int		 governance;	/* config.yaml or keys/... */
	struct gate_version *versions;	/* oldest first */
	size_t		 nversions;
	struct gate_version *published;	/* newest published version, or
					   NULL; may be a withdrawal */
	struct gate_version *live;	/* the version at the ref */
	int		 side_out;	/* a withdrawal approved off the
					   mainline took its published text
					   offline (rule 8) */
	int		 unit_ok;	/* every enclosing unit is visible */
	int		 visible;	/* published, present, unit_ok: build
					   this blob */
	int		 required;	/* approvals the live version needs
					   now (0 if nothing to approve) */
	int		 have;		/* counting approvals it has */
	int		 author_unknown; /* the live version's commit is
					   unsigned or signed by no one
					   listed: required holds one more
					   (rule 6) */
	char		**eligible;	/* reviewer ids (trust fingerprints for
					   governance) who could still
					   approve the live version */
	size_t		 neligible;
};

/* 1 if path is governance (config.yaml, keys/...): approved by the
 * trust-root keys only. */
int	gate_governs(const char *path);

/* A reviewer in force at the ref. */
struct gate_reviewer {
	const struct reviewer *r;	/* in gate.cfg */
	char		**fprs;		/* key fingerprints, published key */
	size_t		  nfprs;
	int		  retired;	/* listed in retired */
};

/* A change of governance: from mainline index pos on, this is in force. */
struct gate_gov {
	size_t		 pos;		/* first commit it applies to */
	struct oid	 commit;	/* commit whose approval published it */
	int		 has_config;	/* a config.yaml is in force */
	struct oid	 config;	/* its blob */
};

#define GATE_NONE	((size_t)-1)

struct gate {
	struct oid	 head;		/* the ref's commit */
	size_t		 anchor_pos;	/* mainline index of the previous
					   gated build's commit, or
					   GATE_NONE */
	int		 rewritten;	/* that commit is not on the
					   mainline (--accept-rewrite) */
	struct oid	*mainline;	/* first parents, root first */
	size_t		 nmainline;
	struct gate_path *paths;	/* every tracked path, sorted */
	size_t		 npaths;
	struct config	*cfg;		/* governance config in force at the
					   ref, or NULL (nothing approved) */
	struct gate_reviewer *reviewers; /* cfg's reviewers with keys */
	size_t		 nreviewers;
	int		 governance_approvals; /* in force at the ref */
	char		**trust;	/* trust-root fingerprints */
	size_t		 ntrust;
	struct gate_gov	*gov;		/* governance changes in order */
	size_t		 ngov;
	struct gate_signer *signers;	/* who made approvals (each once) */
	size_t		 nsigners;
	struct buf	 cache;		/* verification cache, to save */
	char		*cache_file;	/* where to save it (in
					   gate_opts.cache_dir), or NULL */
	int		 cache_changed;	/* cache differs from what was read */
	void		*priv;		/* internal state */
};

struct privcache;

struct gate_opts {
	const char	*ref;		/* build ref; NULL: "HEAD" */
	const char	*trust_name;	/* trust file name, for messages */
	const char	*trust;		/* its armored keys (one or more) */
	size_t		 trust_len;
	const char	*cache;		/* previous cache text or NULL; a
					   stale or broken cache is ignored */
	size_t		 cache_len;
	const char	*cache_dir;	/* or a trusted folder (from
					   cachedir_open) whose file for this
					   trust file is read when cache is
					   NULL */
	const struct oid *anchor;	/* commit of the previous gated build
					   into the same output, or NULL */
	int64_t		 anchor_time;	/* when that build ran (the build
					   host's clock), 0 if unknown */
	int		 accept_rewrite; /* build even if the mainline no
					   longer holds the anchor */
	int64_t		 now;		/* the build's clock; 0: unbounded */
	struct privcache *pc;		/* item texts found clean before
					   (privcache.h), or NULL */
	int		 no_fold;	/* record every repeat as it comes,
					   as gate_approvals() lists them
					   (tests compare the two) */
	int		 keep_texts;	/* give the published texts read
					   for the veto to the repository
					   (repo_keep), for pages made anew */
};

/*
 * Evaluates the gate for the repository.  Refuses a shallow repository,
 * an unknown ref, and a trust file without keys.  Returns 0 and *out
 * (free with gate_free), or -1 after a diagnostic.
 */
int	 gate_eval(struct repo *, const struct gate_opts *, struct gate **out);
void	 gate_free(struct gate *);

/* The path's entry, or NULL if the path was never on the mainline. */
const struct gate_path *gate_find(const struct gate *, const char *path);
/*
 * Every approval of version v of path p in mainline order, the folded
 * repeats included: what `status` shows.  Returns their number and
 * *out (caller frees), which may be 0 and NULL.
 */
size_t	 gate_approvals(const struct gate *, const struct gate_path *p,
	    const struct gate_version *v, struct gate_approval **out);
/* Who made approval a. */
const struct gate_signer *gate_signer_of(const struct gate *,
	    const struct gate_approval *a);
/* The committer date of mainline commit pos (display only). */
int64_t	 gate_time(const struct gate *, size_t pos);
/* Its day on the committer's own calendar, by the offset the commit
 * records, as git log shows it: an approval signed at 06:05 in Beijing
 * is of that day, not of the day before in UTC. */
long	 gate_day(const struct gate *, size_t pos);
/*
 * The newest mainline index at or before pos whose commit is a
 * witness: its signature good and its key not expired (rule 9), made
 * by a trust key or by a reviewer or editor in force there (not
 * retired, key not revoked); or GATE_NONE.  Any pusher chooses the
 * date of an unsigned commit; a witness's is a trusted person's word,
 * and what comes after it on the mainline was made after it: a
 * version's time as reported is never taken earlier than its
 * witness's day (rule 9: position decides).
 */
size_t	 gate_witness(const struct gate *, size_t pos);

/*
 * Matches a path against an approval or scope glob: '*' and '?' stop at
 * '/'; '**' crosses folders, so "content/x/" followed by '**' is
 * everything below content/x, and '**' followed by "/a.md" is a.md in
 * any folder (or none); everything else is literal.  1 on a match.
 */
int	 gate_glob(const char *glob, const char *path);

/* Whether an approval by one key of one path counts, and if not why. */
enum gate_verdict {
	GATE_WOULD_COUNT,	/* it counts (or would) */
	GATE_NOT_GATED,		/* not content/, config.yaml or keys/ */
	GATE_NOT_TRUST,		/* governance path, no trust-root key */
	GATE_NO_REVIEWER,	/* the key is no reviewer's in force */
	GATE_RETIRED,		/* its reviewer is retired */
	GATE_KEY_REVOKED,	/* the key is revoked */
	GATE_OUT_OF_SCOPE,	/* outside the reviewer's scope */
	GATE_OWN_EDIT,		/* the reviewer authored the live version */
	GATE_REPEATED,		/* the reviewer's approval counts already */
	GATE_UNSOUND_TREE,	/* a withdrawal, in a tree holding a
				   malformed path */
	GATE_BAD_SIGNATURE,	/* (an attempt) unsigned, or no good
				   signature by a key the gate knows */
	GATE_SIGNER_REVOKED,	/* (an attempt) signed by a key its
				   published key file revokes */
	GATE_SIGNER_EXPIRED	/* (an attempt) signed by a key expired
				   when it signed */
};

/*
 * Would an approval signed now with primary key fpr of the live
 * version of path count?  Under the governance in force at the ref
 * (rules 1, 3, 6, 7).  *who (or NULL) gets the reviewer's id when the
 * key is a reviewer's, else NULL.  approve asks before signing, status
 * and serve after, so they give one answer.
 */
enum gate_verdict gate_judge(const struct gate *, const char *fpr,
		    const char *path, const char **who);
/* The verdict in plain words ("the path is outside the reviewer's
 * scope"). */
const char	*gate_verdict_text(enum gate_verdict);
/* Its name for scripts ("out-of-scope", "own-edit", "counts"). */
const char	*gate_verdict_name(enum gate_verdict);

/* A mainline commit whose Approved: trailers name a path while its
 * live version is live. */
struct gate_attempt {
	struct oid	 commit;
	int64_t		 time;		/* committer date */
	char		 fpr[SIG_FPRSZ + 1]; /* good signer, or "" */
	const char	*reviewer;	/* its reviewer id, or NULL */
	enum gate_verdict verdict;	/* GATE_WOULD_COUNT: it counted */
};

/*
 * Every approval attempt of the live version of path, in mainline
 * order, with the verdict the gate reached (or, for an attempt the
 * gate did not weigh, the one gate_judge gives now).  Returns their
 * number and *out (caller frees), which may be 0 and NULL.
 */
size_t		 gate_attempts(const struct gate *, const char *path,
		    struct gate_attempt **out);

#endif
