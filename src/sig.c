/*
 * sig.c -- the only RNP user; see sig.h.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rnp/rnp.h>
#include <rnp/rnp_err.h>

#include "buf.h"
#include "diag.h"
#include "sig.h"
#include "util.h"

struct sig_keyring {
	rnp_ffi_t	 ffi;		/* RNP context holding the public keys */
	int		 devnull;	/* open on /dev/null, or -1 */
	int		 saved;		/* stderr while muted, or -1 */
};

/*
 * Debian's librnp is built with its debug log always on: it prints its
 * reasons ("wrong lbits") on stderr whatever rnp_ffi_set_log_fd says.
 * We report statuses ourselves, so stderr is pointed at /dev/null while
 * RNP works, and restored before anything of ours is printed.
 */
static void
mute(struct sig_keyring *kr)
{
	fflush(stderr);
	kr->saved = -1;
	if (kr->devnull >= 0 && (kr->saved = dup(2)) >= 0)
		dup2(kr->devnull, 2);
}

static void
unmute(struct sig_keyring *kr)
{
	if (kr->saved >= 0) {
		dup2(kr->saved, 2);
		close(kr->saved);
		kr->saved = -1;
	}
}

static const char PGP_BEGIN[] = "-----BEGIN PGP SIGNATURE-----";
static const char PGP_END[] = "-----END PGP SIGNATURE-----";

/* If line (of n bytes) starts with header name and a space, 1. */
static int
is_header(const char *line, size_t n, const char *name)
{
	size_t	len = strlen(name);

	return n > len && memcmp(line, name, len) == 0 && line[len] == ' ';
}

static enum sig_kind
kind_of(const struct buf *s)
{
	if (str_prefix(s->data, PGP_BEGIN))
		return SIG_KIND_OPENPGP;
	if (str_prefix(s->data, "-----BEGIN SSH SIGNATURE-----"))
		return SIG_KIND_SSH;
	if (str_prefix(s->data, "-----BEGIN SIGNED MESSAGE-----") ||
	    str_prefix(s->data, "-----BEGIN PKCS7-----"))
		return SIG_KIND_X509;
	return SIG_KIND_UNKNOWN;
}

void
sig_split_commit(const char *raw, size_t len, struct buf *payload,
    struct buf *sig, enum sig_kind *kind)
{
	const char	*line = raw, *end = raw + len, *next, *nl;
	int		 in_sig = 0, nheaders = 0;
	size_t		 sig0 = sig->len, n;

	while (line < end) {
		nl = memchr(line, '\n', (size_t)(end - line));
		next = nl != NULL ? nl + 1 : end;
		n = (size_t)(next - line);
		if (in_sig && line[0] == ' ') {
			buf_put(sig, line + 1, n - 1);
		} else if (is_header(line, n, "gpgsig") ||
		    is_header(line, n, "gpgsig-sha256")) {
			nheaders++;
			in_sig = 1;
			nl = memchr(line, ' ', n);
			buf_put(sig, nl + 1, (size_t)(next - nl - 1));
		} else if (line[0] == '\n') {
			/* End of the headers: the message, untouched. */
			buf_put(payload, line, (size_t)(end - line));
			break;
		} else {
			in_sig = 0;
			buf_put(payload, line, n);
		}
		line = next;
	}
	if (nheaders == 0)
		*kind = SIG_KIND_NONE;
	else if (nheaders > 1)
		*kind = SIG_KIND_MALFORMED;
	else {
		struct buf	view = { sig->data + sig0, sig->len - sig0, 0 };

		*kind = kind_of(&view);
	}
}

const char *
sig_kind_name(enum sig_kind k)
{
	switch (k) {
	case SIG_KIND_NONE:
		return "none";
	case SIG_KIND_OPENPGP:
		return "openpgp";
	case SIG_KIND_SSH:
		return "ssh";
	case SIG_KIND_X509:
		return "x509";
	case SIG_KIND_MALFORMED:
		return "malformed";
	default:
		return "unknown";
	}
}

static const char *const status_names[] = {
	"good", "bad", "unknown-key", "expired-key", "revoked-key",
	"unsupported", "malformed", "none"
};

const char *
sig_status_name(enum sig_status s)
{
	if ((size_t)s < sizeof(status_names) / sizeof(status_names[0]))
		return status_names[s];
	return "malformed";
}

int
sig_status_parse(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof(status_names) / sizeof(status_names[0]); i++)
		if (strcmp(name, status_names[i]) == 0)
			return (int)i;
	return -1;
}

void
sig_process_init(void)
{
	(void)setenv("BOTAN_MLOCK_POOL_SIZE", "0", 0);
}

struct sig_keyring *
sig_keyring_new(void)
{
	struct sig_keyring	*kr = xcalloc(1, sizeof(*kr));

	if (rnp_ffi_create(&kr->ffi, "GPG", "GPG") != RNP_SUCCESS) {
		fputs("gongkai: error: cannot start rnp\n", stderr);
		exit(1);
	}
	kr->saved = -1;
	if ((kr->devnull = open("/dev/null", O_WRONLY | O_CLOEXEC)) >= 0)
		rnp_ffi_set_log_fd(kr->ffi, kr->devnull);
	return kr;
}

void
sig_keyring_free(struct sig_keyring *kr)
{
	if (kr == NULL)
		return;
	rnp_ffi_destroy(kr->ffi);
	if (kr->devnull >= 0)
		close(kr->devnull);
	free(kr);
}

/* Uppercases a fingerprint in place. */
static void
upcase(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

/* Primary fingerprint of key into out (SIG_FPRSZ + 1); 0 or -1. */
static int
primary_fpr(rnp_key_handle_t key, char *out)
{
	bool	 primary = false;
	char	*f = NULL;
	int	 rc;

	if (rnp_key_is_primary(key, &primary) != RNP_SUCCESS)
		return -1;
	rc = primary ? rnp_key_get_fprint(key, &f) :
	    rnp_key_get_primary_fprint(key, &f);
	if (rc != RNP_SUCCESS || f == NULL || strlen(f) != SIG_FPRSZ) {
		rnp_buffer_destroy(f);
		return -1;
	}
	memcpy(out, f, SIG_FPRSZ + 1);
	upcase(out);
	rnp_buffer_destroy(f);
	return 0;
}

int
sig_keyring_add_armored(struct sig_keyring *kr, const char *name,
    const char *data, size_t len, char ***fprs, size_t *nfprs)
{
	rnp_input_t		 in = NULL;
	char			*json = NULL, *p, *q;
	char			 fpr[SIG_FPRSZ + 1];
	rnp_key_handle_t	 key;
	size_t			 cap = 0, found = 0;
	rnp_result_t		 e;
	int			 rc = -1;

	mute(kr);
	e = rnp_input_from_memory(&in, (const uint8_t *)data, len, false);
	if (e == RNP_SUCCESS)
		e = rnp_import_keys(kr->ffi, in, RNP_LOAD_SAVE_PUBLIC_KEYS,
		    &json);
	unmute(kr);
	if (e != RNP_SUCCESS) {
		if (name != NULL)
			diag_error(name, 0, 0,
			    "cannot read OpenPGP public keys");
		goto out;
	}
	/* The JSON lists each imported key: {"fingerprint":"..."}. */
	for (p = json; (p = strstr(p, "\"fingerprint\"")) != NULL; p = q) {
		q = p + strlen("\"fingerprint\"");
		while (*q == ' ' || *q == ':')
			q++;
		if (*q++ != '"')
			continue;
		p = q;
		while (isxdigit((unsigned char)*q))
			q++;
		if (q - p != SIG_FPRSZ)
			continue;
		memcpy(fpr, p, SIG_FPRSZ);
		fpr[SIG_FPRSZ] = '\0';
		upcase(fpr);
		key = NULL;
		if (rnp_locate_key(kr->ffi, "fingerprint", fpr, &key) !=
		    RNP_SUCCESS || key == NULL)
			continue;
		bool primary = false;
		rnp_key_is_primary(key, &primary);
		rnp_key_handle_destroy(key);
		if (!primary)
			continue;
		found++;
		if (fprs != NULL) {
			xgrow(fprs, &cap, *nfprs + 1, sizeof(**fprs));
			(*fprs)[(*nfprs)++] = xstrdup(fpr);
		}
	}
	if (found == 0) {
		if (name != NULL)
			diag_error(name, 0, 0, "no OpenPGP public key found");
		goto out;
	}
	rc = 0;
out:
	rnp_buffer_destroy(json);
	rnp_input_destroy(in);
	return rc;
}

int
sig_keyring_has(struct sig_keyring *kr, const char *fpr)
{
	rnp_key_handle_t	key = NULL;
	bool			primary = false;

	if (rnp_locate_key(kr->ffi, "fingerprint", fpr, &key) !=
	    RNP_SUCCESS || key == NULL)
		return 0;
	rnp_key_is_primary(key, &primary);
	rnp_key_handle_destroy(key);
	return primary;
}

/* 1 if sig is exactly one armored PGP signature block. */
static int
one_armor(const char *s, size_t n)
{
	const char	*end = s + n, *e;

	if (n < sizeof(PGP_BEGIN) || memcmp(s, PGP_BEGIN,
	    sizeof(PGP_BEGIN) - 1) != 0 || s[sizeof(PGP_BEGIN) - 1] != '\n')
		return 0;
	while (end > s && (end[-1] == '\n' || end[-1] == '\r'))
		end--;
	if ((size_t)(end - s) < sizeof(PGP_END) - 1)
		return 0;
	e = end - (sizeof(PGP_END) - 1);
	if (memcmp(e, PGP_END, sizeof(PGP_END) - 1) != 0)
		return 0;
	/* No second BEGIN or END inside. */
	for (const char *p = s + sizeof(PGP_BEGIN) - 1; p < e; p++)
		if (*p == '\n' && e - p > 5 && memcmp(p + 1, "-----", 5) == 0)
			return 0;
	return 1;
}

/* Validity end of a key (and of its primary) in seconds. */
static uint64_t
valid_till(rnp_key_handle_t key)
{
	uint64_t	t = 0;

	if (rnp_key_valid_till64(key, &t) != RNP_SUCCESS)
		return 0;
	return t;
}

/* The key's own fingerprint into out (SIG_FPRSZ + 1), or "". */
static void
own_fpr(rnp_key_handle_t key, char *out)
{
	char	*f = NULL;

	out[0] = '\0';
	if (rnp_key_get_fprint(key, &f) == RNP_SUCCESS && f != NULL &&
	    strlen(f) == SIG_FPRSZ) {
		memcpy(out, f, SIG_FPRSZ + 1);
		upcase(out);
	}
	rnp_buffer_destroy(f);
}

void
sig_verify(struct sig_keyring *kr, const char *payload, size_t plen,
    const char *sig, size_t slen, struct sig_result *res)
{
	rnp_input_t			 in = NULL, sin = NULL;
	rnp_op_verify_t			 op = NULL;
	rnp_op_verify_signature_t	 vs = NULL;
	rnp_signature_handle_t		 sh = NULL;
	rnp_key_handle_t		 key = NULL, prim = NULL;
	rnp_result_t			 st;
	size_t				 count = 0;
	uint32_t			 created = 0, expires = 0;
	char				*type = NULL, *kid = NULL;
	bool				 rev = false;

	memset(res, 0, sizeof(*res));
	res->status = SIG_MALFORMED;
	if (!one_armor(sig, slen))
		return;
	mute(kr);
	if (rnp_input_from_memory(&in, (const uint8_t *)payload, plen,
	    false) != RNP_SUCCESS ||
	    rnp_input_from_memory(&sin, (const uint8_t *)sig, slen,
	    false) != RNP_SUCCESS ||
	    rnp_op_verify_detached_create(&op, kr->ffi, in, sin) !=
	    RNP_SUCCESS)
		goto out;
	(void)rnp_op_verify_execute(op);
	if (rnp_op_verify_get_signature_count(op, &count) != RNP_SUCCESS ||
	    count != 1 ||
	    rnp_op_verify_get_signature_at(op, 0, &vs) != RNP_SUCCESS)
		goto out;
	if (rnp_op_verify_signature_get_handle(vs, &sh) == RNP_SUCCESS) {
		if (rnp_signature_get_type(sh, &type) != RNP_SUCCESS ||
		    strcmp(type, "binary") != 0)
			goto out;
		if (rnp_signature_get_keyid(sh, &kid) == RNP_SUCCESS &&
		    kid != NULL && strlen(kid) == 16) {
			memcpy(res->keyid, kid, 17);
			upcase(res->keyid);
		}
	}
	rnp_op_verify_signature_get_times(vs, &created, &expires);
	res->created = created;
	st = rnp_op_verify_signature_get_status(vs);
	if (st == RNP_ERROR_KEY_NOT_FOUND ||
	    rnp_op_verify_signature_get_key(vs, &key) != RNP_SUCCESS ||
	    key == NULL || primary_fpr(key, res->fpr) < 0) {
		res->fpr[0] = '\0';
		res->status = SIG_UNKNOWN_KEY;
		goto out;
	}
	if (rnp_locate_key(kr->ffi, "fingerprint", res->fpr, &prim) !=
	    RNP_SUCCESS || prim == NULL) {
		res->status = SIG_UNKNOWN_KEY;
		goto out;
	}
	own_fpr(key, res->subfpr);
	{
		uint64_t	t = valid_till(key), tp = valid_till(prim);

		if (tp < t)
			t = tp;
		res->valid_till = t > (uint64_t)INT64_MAX ? INT64_MAX :
		    (int64_t)t;
	}
	if ((rnp_key_is_revoked(key, &rev) == RNP_SUCCESS && rev) ||
	    (rnp_key_is_revoked(prim, &rev) == RNP_SUCCESS && rev)) {
		res->status = SIG_REVOKED_KEY;
		goto out;
	}
	if (valid_till(key) < created || valid_till(prim) < created ||
	    st == RNP_ERROR_SIGNATURE_EXPIRED) {
		res->status = SIG_EXPIRED_KEY;
		goto out;
	}
	res->status = st == RNP_SUCCESS ? SIG_GOOD : SIG_BAD;
out:
	rnp_buffer_destroy(type);
	rnp_buffer_destroy(kid);
	rnp_signature_handle_destroy(sh);
	rnp_key_handle_destroy(prim);
	rnp_key_handle_destroy(key);
	rnp_op_verify_destroy(op);
	rnp_input_destroy(sin);
	rnp_input_destroy(in);
	unmute(kr);
}

void
sig_verify_commit(struct sig_keyring *kr, const char *raw, size_t len,
    struct sig_result *res)
{
	struct buf	payload = BUF_INIT, sig = BUF_INIT;
	enum sig_kind	kind;

	sig_split_commit(raw, len, &payload, &sig, &kind);
	memset(res, 0, sizeof(*res));
	switch (kind) {
	case SIG_KIND_NONE:
		res->status = SIG_NONE;
		break;
	case SIG_KIND_OPENPGP:
		sig_verify(kr, payload.data, payload.len, sig.data, sig.len,
		    res);
		break;
	case SIG_KIND_MALFORMED:
		res->status = SIG_MALFORMED;
		break;
	default:
		res->status = SIG_UNSUPPORTED;
		break;
	}
	buf_dispose(&payload);
	buf_dispose(&sig);
}
