/*
 * unit_sig.c -- splitting raw commits and verifying their signatures.
 * The keys and signed commits come from tests/gate/sig-fixture.sh, run
 * into a temporary folder (see the history drawn there).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "sig.h"
#include "t.h"
#include "util.h"

static char	dir[] = "/tmp/gongkai-sig-XXXXXX";

/* File name of the fixture folder, read whole into b (an .fpr file
 * without its final newline). */
static void
slurp(const char *name, struct buf *b)
{
	char	*path = xasprintf("%s/%s", dir, name);

	if (t_read(path, b) != 0)
		printf("FAIL cannot read %s\n", path);
	free(path);
	/* .fpr files end with a newline */
	while (b->len && b->data[b->len - 1] == '\n' && str_suffix(name, ".fpr"))
		buf_truncate(b, b->len - 1);
}

static void
split(const char *raw, struct buf *p, struct buf *s, enum sig_kind *k)
{
	buf_reset(p);
	buf_reset(s);
	sig_split_commit(raw, strlen(raw), p, s, k);
}

static void
test_split(void)
{
	struct buf	p = BUF_INIT, s = BUF_INIT;
	enum sig_kind	k;

	/* Plain signed commit: header and continuation lines go. */
	split("tree 1\nparent 2\nauthor a\ncommitter c\n"
	    "gpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n"
	    " -----END PGP SIGNATURE-----\n\nmsg\n", &p, &s, &k);
	STR_EQ(p.data, "tree 1\nparent 2\nauthor a\ncommitter c\n\nmsg\n");
	STR_EQ(s.data, "-----BEGIN PGP SIGNATURE-----\n\nabc\n"
	    "-----END PGP SIGNATURE-----\n");
	OK(k == SIG_KIND_OPENPGP);

	/* A message holding gpgsig lines and a PGP block is untouched. */
	split("tree 1\nauthor a\ncommitter c\n\nsubject\n\n"
	    "gpgsig -----BEGIN PGP SIGNATURE-----\n abc\n"
	    " -----END PGP SIGNATURE-----\n", &p, &s, &k);
	STR_EQ(p.data, "tree 1\nauthor a\ncommitter c\n\nsubject\n\n"
	    "gpgsig -----BEGIN PGP SIGNATURE-----\n abc\n"
	    " -----END PGP SIGNATURE-----\n");
	STR_EQ(s.data, "");
	OK(k == SIG_KIND_NONE);

	/* Both headers are stripped; two headers are malformed. */
	split("tree 1\ngpgsig -----BEGIN PGP SIGNATURE-----\n x\n"
	    "gpgsig-sha256 -----BEGIN PGP SIGNATURE-----\n y\n"
	    "committer c\n\nm", &p, &s, &k);
	STR_EQ(p.data, "tree 1\ncommitter c\n\nm");
	OK(k == SIG_KIND_MALFORMED);
	split("tree 1\ngpgsig A\ngpgsig B\n\nm", &p, &s, &k);
	STR_EQ(p.data, "tree 1\n\nm");
	OK(k == SIG_KIND_MALFORMED);

	/* Continuation lines of other headers stay (mergetag). */
	split("tree 1\nmergetag object 5\n type commit\n"
	    "gpgsig -----BEGIN SSH SIGNATURE-----\n z\n"
	    "encoding x\n\nm\n", &p, &s, &k);
	STR_EQ(p.data, "tree 1\nmergetag object 5\n type commit\n"
	    "encoding x\n\nm\n");
	OK(k == SIG_KIND_SSH);

	/* A signature before the headers that say what the commit is:
	 * its payload would name parents the commit, to git, has not. */
	split("tree 1\ngpgsig -----BEGIN PGP SIGNATURE-----\n x\n"
	    " -----END PGP SIGNATURE-----\nparent 2\nauthor a\n"
	    "committer c\n\nm", &p, &s, &k);
	STR_EQ(p.data, "tree 1\nparent 2\nauthor a\ncommitter c\n\nm");
	OK(k == SIG_KIND_MALFORMED);
	split("tree 1\nparent 2\nauthor a\ngpgsig -----BEGIN PGP "
	    "SIGNATURE-----\n x\ncommitter c\n\nm", &p, &s, &k);
	OK(k == SIG_KIND_MALFORMED);

	/* Only "gpgsig " and "gpgsig-sha256 " are signature headers. */
	split("tree 1\ngpgsigx -----BEGIN PGP SIGNATURE-----\n"
	    "gpgsig-sha1 a\n\nm", &p, &s, &k);
	STR_EQ(p.data, "tree 1\ngpgsigx -----BEGIN PGP SIGNATURE-----\n"
	    "gpgsig-sha1 a\n\nm");
	OK(k == SIG_KIND_NONE);

	/* Kinds. */
	split("tree 1\ngpgsig -----BEGIN SIGNED MESSAGE-----\n\nm", &p, &s,
	    &k);
	OK(k == SIG_KIND_X509);
	split("tree 1\ngpgsig-sha256 hello\n\nm", &p, &s, &k);
	OK(k == SIG_KIND_UNKNOWN);
	STR_EQ(s.data, "hello\n");

	/* No message at all: everything is header. */
	split("tree 1\ngpgsig -----BEGIN PGP SIGNATURE-----\n a", &p, &s, &k);
	STR_EQ(p.data, "tree 1\n");
	STR_EQ(s.data, "-----BEGIN PGP SIGNATURE-----\na");

	/* A continuation line right after the blank line is message. */
	split("tree 1\ngpgsig X\n\n more\n", &p, &s, &k);
	STR_EQ(p.data, "tree 1\n\n more\n");
	STR_EQ(s.data, "X\n");

	buf_dispose(&p);
	buf_dispose(&s);
}

static enum sig_status
verify(struct sig_keyring *kr, const char *name, struct sig_result *r)
{
	struct buf	raw = BUF_INIT;
	char		*f = xasprintf("%s.commit", name);

	slurp(f, &raw);
	sig_verify_commit(kr, raw.data, raw.len, r);
	buf_dispose(&raw);
	free(f);
	return r->status;
}

static void
test_verify(void)
{
	struct sig_keyring	*kr = sig_keyring_new();
	struct sig_result	 r;
	struct buf		 b = BUF_INIT, fpr = BUF_INIT;
	char			**fprs = NULL;
	size_t			 n = 0, i;
	const char		*names[] = { "alice", "eve", "rick", "sam" };

	for (i = 0; i < 4; i++) {
		char *f = xasprintf("keys/%s.asc", names[i]);

		slurp(f, &b);
		OK(sig_keyring_add_armored(kr, f, b.data, b.len, &fprs,
		    &n) == 0);
		free(f);
	}
	OK(n == 4);
	slurp("alice.fpr", &fpr);
	OK(n > 0 && strcmp(fprs[0], fpr.data) == 0);
	OK(sig_keyring_has(kr, fpr.data));
	slurp("bob.fpr", &b);
	OK(!sig_keyring_has(kr, b.data));
	for (i = 0; i < n; i++)
		free(fprs[i]);
	free(fprs);
	OK(sig_keyring_add_armored(kr, "junk", "hello", 5, NULL, NULL) < 0);
	/* Loading a key again still reports its fingerprint. */
	slurp("keys/alice.asc", &b);
	n = 0;
	fprs = NULL;
	OK(sig_keyring_add_armored(kr, "again", b.data, b.len, &fprs,
	    &n) == 0);
	OK(n == 1 && strcmp(fprs[0], fpr.data) == 0);
	for (i = 0; i < n; i++)
		free(fprs[i]);
	free(fprs);

	OK(verify(kr, "good", &r) == SIG_GOOD);
	STR_EQ(r.fpr, fpr.data);
	STR_EQ(r.subfpr, fpr.data);
	OK(r.valid_till == INT64_MAX);
	OK(r.created > 0);
	OK(verify(kr, "tampered", &r) == SIG_BAD);
	OK(verify(kr, "unknown", &r) == SIG_UNKNOWN_KEY);
	STR_EQ(r.fpr, "");
	OK(verify(kr, "expired", &r) == SIG_EXPIRED_KEY);
	OK(verify(kr, "earlyeve", &r) == SIG_GOOD);
	/* its key expired 2020-01-02: the gate judges that by position */
	OK(r.valid_till > r.created && r.valid_till < 1578000000);
	slurp("eve.fpr", &b);
	STR_EQ(r.fpr, b.data);
	OK(verify(kr, "revoked", &r) == SIG_REVOKED_KEY);
	OK(verify(kr, "subkey", &r) == SIG_GOOD);
	slurp("sam.fpr", &b);
	STR_EQ(r.fpr, b.data);
	OK(strlen(r.subfpr) == SIG_FPRSZ && strcmp(r.subfpr, r.fpr) != 0);
	OK(verify(kr, "ssh", &r) == SIG_UNSUPPORTED);
	OK(verify(kr, "two", &r) == SIG_MALFORMED);
	OK(verify(kr, "unsigned", &r) == SIG_NONE);

	/* Two concatenated signatures in one header: malformed. */
	{
		struct buf raw = BUF_INIT, p = BUF_INIT, s = BUF_INIT,
		    twice = BUF_INIT;
		enum sig_kind k;

		slurp("good.commit", &raw);
		sig_split_commit(raw.data, raw.len, &p, &s, &k);
		buf_put(&twice, s.data, s.len);
		buf_put(&twice, s.data, s.len);
		sig_verify(kr, p.data, p.len, twice.data, twice.len, &r);
		OK(r.status == SIG_MALFORMED);
		sig_verify(kr, p.data, p.len, s.data, s.len, &r);
		OK(r.status == SIG_GOOD);
		/* The payload is exactly what was signed: one byte more is bad. */
		buf_putc(&p, '\n');
		sig_verify(kr, p.data, p.len, s.data, s.len, &r);
		OK(r.status == SIG_BAD);
		buf_dispose(&raw);
		buf_dispose(&p);
		buf_dispose(&s);
		buf_dispose(&twice);
	}
	OK(sig_status_parse("revoked-key") == SIG_REVOKED_KEY);
	STR_EQ(sig_status_name(SIG_UNKNOWN_KEY), "unknown-key");

	buf_dispose(&b);
	buf_dispose(&fpr);
	sig_keyring_free(kr);
}

/* An OpenPGP packet, new format with a one-, two- or five-octet
 * length as the body needs, appended to b. */
static void
pkt(struct buf *b, int tag, const char *body, size_t n)
{
	buf_putc(b, 0xc0 | tag);
	if (n < 192)
		buf_putc(b, (int)n);
	else if (n < 8384) {
		buf_putc(b, (int)((n - 192) >> 8) + 192);
		buf_putc(b, (int)((n - 192) & 0xff));
	} else {
		buf_putc(b, 255);
		buf_putc(b, (int)(n >> 24));
		buf_putc(b, (int)(n >> 16 & 0xff));
		buf_putc(b, (int)(n >> 8 & 0xff));
		buf_putc(b, (int)(n & 0xff));
	}
	buf_put(b, body, n);
}

/* Binary key bin re-armored onto out (no checksum line). */
static void
armor(struct buf *out, const struct buf *bin)
{
	static const char d[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)bin->data;
	size_t	i, col = 0;
	unsigned long v;

	buf_puts(out, "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n");
	for (i = 0; i < bin->len; i += 3) {
		v = (unsigned long)p[i] << 16;
		if (i + 1 < bin->len)
			v |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < bin->len)
			v |= p[i + 2];
		buf_putc(out, d[v >> 18 & 63]);
		buf_putc(out, d[v >> 12 & 63]);
		buf_putc(out, i + 1 < bin->len ? d[v >> 6 & 63] : '=');
		buf_putc(out, i + 2 < bin->len ? d[v & 63] : '=');
		if ((col += 4) == 64) {
			buf_putc(out, '\n');
			col = 0;
		}
	}
	buf_puts(out, "\n-----END PGP PUBLIC KEY BLOCK-----\n");
}

/* The fingerprints sig_keyring_add_armored finds in text t: how many,
 * -1 when it refuses the text; the first in first. */
static int
load(const struct buf *t, char *first)
{
	struct sig_keyring	*kr = sig_keyring_new();
	char			**fprs = NULL;
	size_t			 n = 0, i;
	int			 rc;

	rc = sig_keyring_add_armored(kr, NULL, t->data, t->len, &fprs, &n);
	if (first != NULL)
		strcpy(first, n > 0 ? fprs[0] : "");
	for (i = 0; i < n; i++)
		free(fprs[i]);
	free(fprs);
	sig_keyring_free(kr);
	return rc < 0 ? -1 : (int)n;
}

/*
 * Key text is walked before RNP sees it: one key repeated, or too
 * many user IDs, subkeys or packets, partial and indeterminate
 * lengths, broken armor are refused, and never reach RNP (which took
 * minutes over one key repeated 4,000 times); real keys, armored or
 * binary, with CRLF, headers, several blocks or text around them, and
 * old-format packets, still load.
 */
static void
test_key_walk(void)
{
	struct buf	asc = BUF_INIT, bin = BUF_INIT, bob = BUF_INIT,
			t = BUF_INIT, u = BUF_INIT, fpr = BUF_INIT;
	char		got[SIG_FPRSZ + 1], uid[32];
	const unsigned char *p;
	size_t		i, plen;

	slurp("keys/alice.asc", &asc);
	slurp("keys/alice.gpg", &bin);
	slurp("keys/bob.asc", &bob);
	slurp("alice.fpr", &fpr);
	/* alice's key: her primary key packet, a user ID, its signature */
	p = (const unsigned char *)bin.data;
	OK(bin.len > 2 && p[0] == 0x98);	/* old format, tag 6 */
	plen = bin.len > 2 ? 2 + (size_t)p[1] : 0;

	OK(sig_key_check(NULL, asc.data, asc.len) == 0);
	OK(sig_key_check(NULL, bin.data, bin.len) == 0);
	OK(load(&asc, got) == 1);
	STR_EQ(got, fpr.data);
	OK(load(&bin, got) == 1);
	STR_EQ(got, fpr.data);

	/* CRLF, a header, text before and after, a second block */
	buf_reset(&t);
	buf_puts(&t, "alice's key:\r\n");
	for (i = 0; i < asc.len; i++) {
		if (asc.data[i] == '\n')
			buf_putc(&t, '\r');
		buf_putc(&t, asc.data[i]);
		if (i + 1 < asc.len && asc.data[i] == '\n' &&
		    str_prefix(asc.data + i + 1, "\n") && t.len < 60)
			buf_puts(&t, "Comment: a header\r\n");
	}
	buf_puts(&t, "the end\r\n");
	OK(strstr(t.data, "Comment: a header\r\n\r\n") != NULL);
	OK(load(&t, got) == 1);
	STR_EQ(got, fpr.data);
	buf_put(&t, bob.data, bob.len);
	OK(load(&t, NULL) == 2);
	/* an armored block without its checksum line */
	buf_reset(&t);
	armor(&t, &bin);
	OK(load(&t, got) == 1);
	STR_EQ(got, fpr.data);

	/* old-format lengths of two and four octets, a new-format one of
	 * five: the same key */
	buf_reset(&t);
	buf_putc(&t, 0x99);
	buf_putc(&t, 0);
	buf_putc(&t, (int)(plen - 2));
	buf_put(&t, bin.data + 2, bin.len - 2);
	OK(load(&t, got) == 1);
	STR_EQ(got, fpr.data);
	buf_reset(&t);
	buf_putc(&t, 0x9a);
	buf_put(&t, "\0\0\0", 3);
	buf_putc(&t, (int)(plen - 2));
	buf_put(&t, bin.data + 2, bin.len - 2);
	OK(load(&t, got) == 1);
	buf_reset(&t);
	buf_put(&t, "\xc6\xff\0\0\0", 5);
	buf_putc(&t, (int)(plen - 2));
	buf_put(&t, bin.data + 2, bin.len - 2);
	OK(load(&t, got) == 1);
	STR_EQ(got, fpr.data);

	/* one key repeated: RNP would take them (and the square of the
	 * copies in time); the walk stops at SIG_KEY_KEYS */
	buf_reset(&t);
	for (i = 0; i < SIG_KEY_KEYS; i++)
		buf_put(&t, bin.data, bin.len);
	OK(sig_key_check(NULL, t.data, t.len) == 0);
	OK(load(&t, got) == 1);
	buf_put(&t, bin.data, bin.len);
	OK(sig_key_check(NULL, t.data, t.len) < 0);
	OK(load(&t, NULL) < 0);
	buf_reset(&u);
	armor(&u, &t);
	OK(sig_key_check(NULL, u.data, u.len) < 0);
	/* the tester's shape: the key with a new user ID each time */
	buf_reset(&t);
	for (i = 0; i < 4000; i++) {
		buf_put(&t, bin.data, plen);
		snprintf(uid, sizeof(uid), "u%zu", i);
		pkt(&t, 13, uid, strlen(uid));
		buf_put(&t, bin.data + plen, bin.len - plen);
	}
	OK(sig_key_check(NULL, t.data, t.len) < 0);
	OK(load(&t, NULL) < 0);
	/* user IDs, subkeys, packets */
	buf_reset(&t);
	buf_put(&t, bin.data, bin.len);
	for (i = 1; i < SIG_KEY_USERIDS; i++)
		pkt(&t, i % 2 ? 13 : 17, "x", 1);
	OK(sig_key_check(NULL, t.data, t.len) == 0);
	pkt(&t, 13, "x", 1);
	OK(sig_key_check(NULL, t.data, t.len) < 0);
	buf_reset(&t);
	buf_put(&t, bin.data, bin.len);
	for (i = 0; i < SIG_KEY_SUBKEYS; i++)
		pkt(&t, i % 2 ? 14 : 7, "x", 1);
	OK(sig_key_check(NULL, t.data, t.len) == 0);
	pkt(&t, 14, "x", 1);
	OK(sig_key_check(NULL, t.data, t.len) < 0);
	buf_reset(&t);
	buf_put(&t, bin.data, bin.len);
	for (i = 3; i < SIG_KEY_PACKETS; i++)
		pkt(&t, 2, "x", 1);
	OK(sig_key_check(NULL, t.data, t.len) == 0);
	pkt(&t, 2, "x", 1);
	OK(sig_key_check(NULL, t.data, t.len) < 0);

	/* lengths the walk does not take */
	buf_reset(&t);
	buf_put(&t, bin.data, bin.len);
	buf_put(&t, "\xcd\xe0", 2);		/* partial: 1 byte, then */
	buf_put(&t, "x\x01y", 3);		/* a last part of 1 */
	OK(sig_key_check(NULL, t.data, t.len) < 0);
	OK(load(&t, NULL) < 0);
	buf_reset(&t);
	buf_put(&t, bin.data, bin.len);
	buf_put(&t, "\xb7xyz", 4);		/* old format, indeterminate */
	OK(sig_key_check(NULL, t.data, t.len) < 0);
	buf_reset(&t);
	buf_put(&t, bin.data, bin.len - 1);	/* cut short */
	OK(sig_key_check(NULL, t.data, t.len) < 0);
	OK(load(&t, NULL) < 0);
	buf_reset(&t);
	buf_put(&t, bin.data, bin.len);
	buf_putc(&t, '\n');			/* a byte that is no header */
	OK(sig_key_check(NULL, t.data, t.len) < 0);

	/* armor the walk does not take */
	OK(sig_key_check(NULL, "", 0) < 0);
	OK(sig_key_check(NULL, "hello\n", 6) < 0);
	buf_reset(&t);
	buf_put(&t, asc.data, asc.len);
	t.len = (size_t)(strstr(t.data, "-----END") - t.data);
	OK(sig_key_check(NULL, t.data, t.len) < 0);	/* no END line */
	buf_reset(&t);
	buf_put(&t, asc.data, asc.len);
	{
		char	*crc = strstr(t.data, "\n=");

		OK(crc != NULL);
		if (crc != NULL)
			crc[2] = crc[2] == 'A' ? 'B' : 'A';
	}
	OK(sig_key_check(NULL, t.data, t.len) < 0);	/* checksum */
	OK(load(&t, NULL) < 0);
	buf_reset(&t);
	buf_puts(&t, "-----BEGIN PGP SIGNATURE-----\n\n");
	buf_put(&t, strstr(asc.data, "\n\n") + 2,
	    strlen(strstr(asc.data, "\n\n") + 2));
	OK(sig_key_check(NULL, t.data, t.len) < 0);
	buf_reset(&t);
	buf_put(&t, asc.data, asc.len);
	buf_puts(&t, "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n!!!!\n"
	    "-----END PGP PUBLIC KEY BLOCK-----\n");
	OK(sig_key_check(NULL, t.data, t.len) < 0);	/* not base64 */

	buf_dispose(&asc);
	buf_dispose(&bin);
	buf_dispose(&bob);
	buf_dispose(&t);
	buf_dispose(&u);
	buf_dispose(&fpr);
}

int
main(void)
{
	char	*cmd;

	test_split();
	if (mkdtemp(dir) == NULL) {
		printf("FAIL mkdtemp\n");
		return 1;
	}
	cmd = xasprintf("sh tests/gate/sig-fixture.sh %s", dir);
	if (system(cmd) != 0) {
		printf("FAIL %s\n", cmd);
		t_fail++;
	} else {
		test_verify();
		test_key_walk();
	}
	free(cmd);
	t_scratch_end(dir, "KEEP_FIXTURE");
	return T_DONE();
}
