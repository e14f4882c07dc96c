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
	} else
		test_verify();
	free(cmd);
	t_scratch_end(dir, "KEEP_FIXTURE");
	return T_DONE();
}
