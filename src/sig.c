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
	int		 in_sig = 0, nheaders = 0, moved = 0;
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
			/* the headers that say what a commit is, after its
			 * signature: its payload reads otherwise (a parent
			 * line after it is none to git) */
			if (nheaders > 0 && (is_header(line, n, "tree") ||
			    is_header(line, n, "parent") ||
			    is_header(line, n, "author") ||
			    is_header(line, n, "committer")))
				moved = 1;
			buf_put(payload, line, n);
		}
		line = next;
	}
	if (nheaders == 0)
		*kind = SIG_KIND_NONE;
	else if (nheaders > 1 || moved)
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

/* ---------------------------------------------------------------- */
/* Key text, walked without RNP (sig.h, SIG_KEY_*). */

/* What a walk of key text found. */
struct kwalk {
	size_t	 packets;	/* all packets */
	size_t	 keys;		/* primary keys: tags 5 and 6 */
	size_t	 subkeys;	/* tags 7 and 14 */
	size_t	 userids;	/* user IDs and attributes: tags 13, 17 */
	char	 why[128];	/* why the text is refused, or "" */
};

static const char ARMOR_BEGIN[] = "-----BEGIN PGP ";
static const char ARMOR_END[] = "-----END PGP ";

/* 1 if line s (of n bytes) starts with the NUL-terminated prefix p. */
static int
line_is(const char *s, size_t n, const char *p)
{
	size_t	len = strlen(p);

	return n >= len && memcmp(s, p, len) == 0;
}

/* The value of base64 digit c, or -1. */
static int
b64_digit(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Appends the bytes of base64 text s[0..n) (up to two '=' of padding,
 * or none) to out.  0, or -1 if it is not base64. */
static int
b64_decode(const char *s, size_t n, struct buf *out)
{
	uint32_t	acc = 0;
	size_t		i, pad = 0;
	int		d, bits = 0;

	while (n > 0 && s[n - 1] == '=' && pad < 2) {
		n--;
		pad++;
	}
	if (n % 4 == 1)
		return -1;
	for (i = 0; i < n; i++) {
		if ((d = b64_digit((unsigned char)s[i])) < 0)
			return -1;
		acc = (acc << 6) | (uint32_t)d;
		if ((bits += 6) >= 8) {
			bits -= 8;
			buf_putc(out, (int)((acc >> bits) & 0xff));
		}
	}
	return 0;
}

/* The armor checksum of RFC 4880, 6.1, over p[0..n). */
static uint32_t
crc24(const unsigned char *p, size_t n)
{
	uint32_t	crc = 0xB704CEu;
	int		i;

	while (n-- > 0) {
		crc ^= (uint32_t)*p++ << 16;
		for (i = 0; i < 8; i++) {
			crc <<= 1;
			if (crc & 0x1000000u)
				crc ^= 0x1864CFBu;
		}
	}
	return crc & 0xFFFFFFu;
}

/* Ends an armored block: its base64 digits t (and checksum digits crc,
 * or "") decoded onto out.  0, or -1 with w->why set. */
static int
armor_block(const struct buf *t, const struct buf *crc, struct buf *out,
    struct kwalk *w)
{
	struct buf	c = BUF_INIT;
	size_t		start = out->len;
	uint32_t	want;
	int		rc = -1;

	if (b64_decode(t->data, t->len, out) < 0) {
		snprintf(w->why, sizeof(w->why), "an armored block is not "
		    "base64");
		goto out;
	}
	if (crc->len > 0) {
		if (crc->len != 4 || b64_decode(crc->data, 4, &c) < 0 ||
		    c.len != 3) {
			snprintf(w->why, sizeof(w->why), "an armor checksum "
			    "line is not 4 base64 digits");
			goto out;
		}
		want = (uint32_t)(unsigned char)c.data[0] << 16 |
		    (uint32_t)(unsigned char)c.data[1] << 8 |
		    (unsigned char)c.data[2];
		if (crc24((const unsigned char *)out->data + start,
		    out->len - start) != want) {
			snprintf(w->why, sizeof(w->why), "an armored block "
			    "does not match its checksum");
			goto out;
		}
	}
	rc = 0;
out:
	buf_dispose(&c);
	return rc;
}

/*
 * Decodes every armored key block of text s[0..n) onto out; text
 * around the blocks is skipped.  A block is its BEGIN line, header
 * lines up to a blank line, base64 lines, an optional checksum line
 * ("=" and 4 digits), its END line.  0, or -1 with w->why set.
 */
static int
dearmor(const char *s, size_t n, struct buf *out, struct kwalk *w)
{
	const char	*p, *end = s + n, *nl, *e;
	enum { OUTSIDE, HEADERS, BODY, CHECKED } st = OUTSIDE;
	struct buf	 t = BUF_INIT, crc = BUF_INIT;
	size_t		 blocks = 0, len, i;
	int		 rc = -1;

	for (p = s; p < end; p = nl < end ? nl + 1 : end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		for (e = nl; e > p && (e[-1] == '\r' || e[-1] == ' ' ||
		    e[-1] == '\t'); e--)
			;
		len = (size_t)(e - p);
		if (st == OUTSIDE) {
			if (!line_is(p, len, ARMOR_BEGIN))
				continue;
			if (!line_is(p, len, "-----BEGIN PGP PUBLIC KEY "
			    "BLOCK-----") && !line_is(p, len,
			    "-----BEGIN PGP PRIVATE KEY BLOCK-----")) {
				snprintf(w->why, sizeof(w->why), "an "
				    "armored block holds no keys ('%.*s')",
				    (int)(len < 60 ? len : 60), p);
				goto out;
			}
			buf_reset(&t);
			buf_reset(&crc);
			st = HEADERS;
		} else if (line_is(p, len, ARMOR_END)) {
			if (st == HEADERS) {
				snprintf(w->why, sizeof(w->why), "an armored "
				    "block has no blank line after its "
				    "headers");
				goto out;
			}
			if (armor_block(&t, &crc, out, w) < 0)
				goto out;
			blocks++;
			st = OUTSIDE;
		} else if (st == HEADERS) {
			if (len == 0)
				st = BODY;
			else if (line_is(p, len, "-----")) {
				snprintf(w->why, sizeof(w->why), "an armored "
				    "block has no END line");
				goto out;
			}
		} else if (st == CHECKED) {
			if (len > 0) {
				snprintf(w->why, sizeof(w->why), "text after "
				    "an armor checksum line");
				goto out;
			}
		} else if (len > 0 && p[0] == '=') {
			buf_put(&crc, p + 1, len - 1);
			st = CHECKED;
		} else if (line_is(p, len, "-----")) {
			snprintf(w->why, sizeof(w->why), "an armored block "
			    "has no END line");
			goto out;
		} else {
			for (i = 0; i < len; i++)
				if (p[i] != ' ' && p[i] != '\t' &&
				    p[i] != '\r')
					buf_putc(&t, p[i]);
		}
	}
	if (st != OUTSIDE)
		snprintf(w->why, sizeof(w->why), "an armored block has no "
		    "END line");
	else if (blocks == 0)
		snprintf(w->why, sizeof(w->why), "neither binary OpenPGP nor "
		    "an armored key block");
	else
		rc = 0;
out:
	buf_dispose(&t);
	buf_dispose(&crc);
	return rc;
}

/*
 * Counts the packets of binary OpenPGP p[0..n) into w, stopping at the
 * first one beyond a bound.  0, or -1 with w->why set.
 */
static int
walk_packets(const unsigned char *p, size_t n, struct kwalk *w)
{
	size_t		i = 0, k, hl, bl;
	unsigned	h, tag;

	if (n == 0) {
		snprintf(w->why, sizeof(w->why), "no OpenPGP packets");
		return -1;
	}
	while (i < n) {
		h = p[i];
		if (!(h & 0x80)) {
			snprintf(w->why, sizeof(w->why), "byte %zu is no "
			    "OpenPGP packet header", i);
			return -1;
		}
		if (h & 0x40) {			/* new format */
			tag = h & 0x3f;
			if (n - i < 2)
				goto cut;
			if (p[i + 1] < 192) {
				hl = 2;
				bl = p[i + 1];
			} else if (p[i + 1] < 224) {
				if (n - i < 3)
					goto cut;
				hl = 3;
				bl = ((size_t)(p[i + 1] - 192) << 8) +
				    p[i + 2] + 192;
			} else if (p[i + 1] == 255) {
				if (n - i < 6)
					goto cut;
				hl = 6;
				bl = (size_t)p[i + 2] << 24 |
				    (size_t)p[i + 3] << 16 |
				    (size_t)p[i + 4] << 8 | p[i + 5];
			} else {
				snprintf(w->why, sizeof(w->why), "packet %zu "
				    "has a partial length", w->packets + 1);
				return -1;
			}
		} else {			/* old format */
			tag = (h >> 2) & 0xf;
			if ((h & 3) == 3) {
				snprintf(w->why, sizeof(w->why), "packet %zu "
				    "has an indeterminate length",
				    w->packets + 1);
				return -1;
			}
			hl = 1 + ((size_t)1 << (h & 3));
			if (n - i < hl)
				goto cut;
			for (bl = 0, k = 1; k < hl; k++)
				bl = bl << 8 | p[i + k];
		}
		if (bl > n - i - hl)
			goto cut;
		w->packets++;
		if (tag == 5 || tag == 6)
			w->keys++;
		else if (tag == 7 || tag == 14)
			w->subkeys++;
		else if (tag == 13 || tag == 17)
			w->userids++;
		if (w->packets > SIG_KEY_PACKETS) {
			snprintf(w->why, sizeof(w->why), "more than %d "
			    "OpenPGP packets", SIG_KEY_PACKETS);
			return -1;
		}
		if (w->keys > SIG_KEY_KEYS) {
			snprintf(w->why, sizeof(w->why), "more than %d "
			    "primary keys", SIG_KEY_KEYS);
			return -1;
		}
		if (w->subkeys > SIG_KEY_SUBKEYS) {
			snprintf(w->why, sizeof(w->why), "more than %d "
			    "subkeys", SIG_KEY_SUBKEYS);
			return -1;
		}
		if (w->userids > SIG_KEY_USERIDS) {
			snprintf(w->why, sizeof(w->why), "more than %d user "
			    "IDs", SIG_KEY_USERIDS);
			return -1;
		}
		i += hl + bl;
	}
	return 0;
cut:
	snprintf(w->why, sizeof(w->why), "packet %zu goes past the end",
	    w->packets + 1);
	return -1;
}

/* Key text data into its binary packets bin (appended), walked.  0, or
 * -1 with w->why set. */
static int
key_walk(const char *data, size_t len, struct buf *bin, struct kwalk *w)
{
	memset(w, 0, sizeof(*w));
	/* binary, unless it starts as text does (a UTF-8 BOM too) */
	if (len > 0 && ((unsigned char)data[0] & 0x80) &&
	    !(len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0))
		buf_put(bin, data, len);
	else if (dearmor(data, len, bin, w) < 0)
		return -1;
	return walk_packets((const unsigned char *)bin->data, bin->len, w);
}

int
sig_key_check(const char *name, const char *data, size_t len)
{
	struct buf	bin = BUF_INIT;
	struct kwalk	w;
	int		rc;

	if ((rc = key_walk(data, len, &bin, &w)) < 0 && name != NULL)
		diag_warn(name, 0, 0, "key file not read: %s; it holds no "
		    "key", w.why);
	buf_dispose(&bin);
	return rc;
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
	struct buf		 bin = BUF_INIT;
	struct kwalk		 w;
	int			 rc = -1;

	if (key_walk(data, len, &bin, &w) < 0) {
		if (name != NULL)
			diag_error(name, 0, 0, "cannot read OpenPGP public "
			    "keys: %s", w.why);
		goto out;
	}
	mute(kr);
	e = rnp_input_from_memory(&in, (const uint8_t *)bin.data, bin.len,
	    false);
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
	buf_dispose(&bin);
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
