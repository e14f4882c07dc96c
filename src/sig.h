/*
 * sig.h -- commit signatures: split a raw commit into signed payload and
 * signature as git does, and verify OpenPGP signatures against public
 * keys held in memory.
 *
 * The only user of RNP.  No gpg-agent, no keyring on disk: a
 * sig_keyring is filled from armored key text (the trust-root file,
 * keys/<id>.asc blobs) and dropped after use.  Key text reaches RNP
 * only after a walk of its packet headers here (sig_key_check).
 */
#ifndef GONGKAI_SIG_H
#define GONGKAI_SIG_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define SIG_FPRSZ	40	/* hex digits of a v4 fingerprint */

/* What the signature header of a commit holds. */
enum sig_kind {
	SIG_KIND_NONE,		/* no gpgsig / gpgsig-sha256 header */
	SIG_KIND_OPENPGP,	/* -----BEGIN PGP SIGNATURE----- */
	SIG_KIND_SSH,		/* -----BEGIN SSH SIGNATURE----- */
	SIG_KIND_X509,		/* -----BEGIN SIGNED MESSAGE----- / PKCS7 */
	SIG_KIND_UNKNOWN,	/* anything else */
	SIG_KIND_MALFORMED	/* more than one signature header */
};

/*
 * Splits the raw bytes of a commit object as git does for verification:
 * every "gpgsig " and "gpgsig-sha256 " header of the header section (up
 * to the first empty line), with its continuation lines (starting with
 * a space), is removed; the rest, byte for byte, is appended to payload.
 * The signature text (header values, continuation lines without their
 * leading space, each ending in a newline) is appended to sig.  The
 * message is never looked at.  Sets *kind; two or more signature
 * headers give SIG_KIND_MALFORMED, and so does a tree, parent, author
 * or committer header after the signature's (git writes it last): with
 * the signature between tree and parents, the payload of a commit would
 * name parents that the commit, to git, has not.  Never fails.
 */
void	 sig_split_commit(const char *raw, size_t len, struct buf *payload,
	    struct buf *sig, enum sig_kind *kind);

/* Name of a kind for messages: "none", "openpgp", "ssh", ... */
const char *sig_kind_name(enum sig_kind);

/* Outcome of verifying one signature. */
enum sig_status {
	SIG_GOOD,		/* verifies; key valid when it signed */
	SIG_BAD,		/* does not verify (tampered data or signature) */
	SIG_UNKNOWN_KEY,	/* made by a key not in the keyring */
	SIG_EXPIRED_KEY,	/* key (or subkey) not valid at signing time */
	SIG_REVOKED_KEY,	/* key or signing subkey revoked */
	SIG_UNSUPPORTED,	/* ssh, x509, unknown: cannot verify here */
	SIG_MALFORMED,		/* not exactly one well-formed signature */
	SIG_NONE		/* unsigned */
};

/* Name of a status for messages and JSON: "good", "bad", ... */
const char *sig_status_name(enum sig_status);
/* Inverse of sig_status_name; -1 if unknown. */
int	 sig_status_parse(const char *name);

struct sig_result {
	enum sig_status	status;			/* the outcome */
	char		fpr[SIG_FPRSZ + 1];	/* signer's PRIMARY key
						   fingerprint, uppercase
						   hex; "" if unknown */
	char		subfpr[SIG_FPRSZ + 1];	/* fingerprint of the key
						   that made it: a signing
						   subkey's, or fpr again;
						   "" if unknown */
	char		keyid[17];		/* issuer key id from the
						   signature, or "" */
	int64_t		valid_till;		/* when that key (or its
						   primary) stops being
						   valid, INT64_MAX never,
						   0 if unknown */
	int64_t		created;		/* signature creation time
						   (signer-chosen), 0 if
						   unknown */
};

struct sig_keyring;

/*
 * For main, before any keyring exists: RNP's crypto library (Botan)
 * otherwise locks a pool of 128 pages in memory for secret key material
 * on its first use, 500 system calls and 10 ms of every gated command.
 * gongkai verifies with public keys only.  A BOTAN_MLOCK_POOL_SIZE the
 * user set is kept.
 */
void	 sig_process_init(void);

/* A new empty keyring; free with sig_keyring_free. */
struct sig_keyring *sig_keyring_new(void);
void	 sig_keyring_free(struct sig_keyring *);

/*
 * What one key text may hold.  A reviewer's key file holds a primary
 * key or a few (an old one beside its successor), a few user IDs,
 * subkeys and their signatures: a few dozen packets; the trust file one
 * key per administrator.  RNP merges each repeat of a primary key into
 * the keys before it, in time that grows with the square of the
 * repeats: one key 4,000 times with distinct user IDs (1 MB) took five
 * minutes to import, 170 times 0.3 s, 16 times (in 500 packets)
 * 0.06 s.  So key text is walked packet by packet here first, without
 * RNP, and text beyond any of these bounds never reaches RNP.
 */
#define SIG_KEY_PACKETS	512	/* packets in all */
#define SIG_KEY_KEYS	16	/* primary keys (public or secret): a
				   trust file holds one per administrator */
#define SIG_KEY_USERIDS	64	/* user IDs and user attributes */
#define SIG_KEY_SUBKEYS	64	/* subkeys (public or secret) */

/*
 * Walks key text -- binary OpenPGP packets (its first byte has the high
 * bit set), or else one or more ASCII-armored "PUBLIC KEY BLOCK" or
 * "PRIVATE KEY BLOCK" blocks, with text around them -- down to its
 * packet headers, without RNP.  Returns 0 when every block decodes
 * (base64, its checksum when it has one), every packet header reads
 * with a definite length inside the text (partial and indeterminate
 * lengths, which no key packet needs, are refused) and the packets keep
 * within the SIG_KEY_* bounds.  Else -1, with a warning
 * "name: warning: ..." saying why, or silently when name is NULL.
 */
int	 sig_key_check(const char *name, const char *data, size_t len);

/*
 * Loads the public keys of key text data (as sig_key_check reads it)
 * into the keyring.  RNP is handed the binary packets that
 * sig_key_check's walk read, and nothing unless the walk accepts the
 * text.  name is for messages (a file path); NULL: fail silently.
 * Secret keys are refused.  If fprs is not NULL, the primary
 * fingerprints loaded from this data are appended to *fprs (an array of
 * *nfprs malloc'd strings, caller frees each and the array).  Returns
 * 0, or -1 with a diagnostic when the data holds no usable public key,
 * cannot be parsed or is beyond the bounds.
 */
int	 sig_keyring_add_armored(struct sig_keyring *, const char *name,
	    const char *data, size_t len, char ***fprs, size_t *nfprs);

/* 1 if the keyring holds a primary key with this fingerprint. */
int	 sig_keyring_has(struct sig_keyring *, const char *fpr);

/*
 * Verifies sig (the text from sig_split_commit, one armored OpenPGP
 * signature) as a detached signature over payload, against the keys in
 * kr.  Strict: exactly one binary-document signature packet; a key not
 * in kr is SIG_UNKNOWN_KEY; a revoked key or subkey is SIG_REVOKED_KEY;
 * a key or subkey not valid at the signature's creation time is
 * SIG_EXPIRED_KEY.  Fills *res and never fails: problems are statuses.
 */
void	 sig_verify(struct sig_keyring *kr, const char *payload,
	    size_t plen, const char *sig, size_t slen,
	    struct sig_result *res);

/*
 * Splits a raw commit and verifies it: SIG_NONE when unsigned,
 * SIG_UNSUPPORTED for ssh/x509/unknown kinds, SIG_MALFORMED for several
 * signature headers, else as sig_verify.
 */
void	 sig_verify_commit(struct sig_keyring *kr, const char *raw,
	    size_t len, struct sig_result *res);

#endif
