/*
 * unit_repo.c -- the libgit2 wrapper against the fixture repository of
 * tests/gate/sig-fixture.sh (its history is drawn there):
 *
 *   * root ---- * a2 ------- * merge ---- * rm
 *     \                      /
 *      `------- o side ----'
 */
#include <sys/mman.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "repo.h"
#include "sig.h"
#include "t.h"
#include "util.h"

static char	dir[] = "/tmp/gongkai-repo-XXXXXX";

/* Id of fixture commit name, from DIR/ids. */
static struct oid
fixture_id(const char *name)
{
	char		*path = xasprintf("%s/ids", dir), n[64], hex[64];
	FILE		*f = fopen(path, "r");
	struct oid	 o;

	memset(&o, 0, sizeof(o));
	while (f != NULL && fscanf(f, "%63s %63s", n, hex) == 2)
		if (strcmp(n, name) == 0)
			oid_parse(&o, hex);
	if (f != NULL)
		fclose(f);
	free(path);
	return o;
}

static int
diff_cb(const char *path, enum repo_kind ok, const struct oid *o,
    enum repo_kind nk, const struct oid *n, void *arg)
{
	buf_printf(arg, "%s %d%s %d%s\n", path, (int)ok, o ? "+" : "-",
	    (int)nk, n ? "+" : "-");
	return 0;
}

static int
stop_cb2(const char *path, enum repo_kind ok, const struct oid *o,
    enum repo_kind nk, const struct oid *n, void *arg)
{
	return 7;
}

static int
trailer_cb(const char *key, const char *value, void *arg)
{
	buf_printf(arg, "[%s=%s]", key, value);
	return 0;
}

static void
test_oid(void)
{
	struct oid	o;
	char		hex[OID_HEXSZ + 1];

	OK(oid_parse(&o, "0123456789abcdefABCDEF0123456789abcdef01") == 0);
	oid_fmt(hex, &o);
	STR_EQ(hex, "0123456789abcdefabcdef0123456789abcdef01");
	OK(oid_parse(&o, "0123") < 0);
	OK(oid_parse(&o, "0123456789abcdefABCDEF0123456789abcdef01x") < 0);
	OK(oid_parse(&o, "g123456789abcdefABCDEF0123456789abcdef01") < 0);
	memset(&o, 0, sizeof(o));
	OK(oid_is_zero(&o));
}

static void
test_repo(void)
{
	struct repo		*r = NULL;
	struct oid		 head, o, *fp = NULL, *trees = NULL, root, a2, merge;
	struct oid		 rm, side;
	struct repo_commit	 c;
	struct buf		 b = BUF_INIT, want = BUF_INIT;
	char			*path, hex[OID_HEXSZ + 1];
	size_t			 n = 0, sz = 0, i;
	enum repo_kind		 k;

	root = fixture_id("root");
	a2 = fixture_id("a2");
	merge = fixture_id("merge");
	rm = fixture_id("rm");
	side = fixture_id("side");

	path = xasprintf("%s/nothing-here", dir);
	OK(repo_open(path, &r) < 0);
	free(path);
	path = xasprintf("%s/repo", dir);
	OK(repo_open(path, &r) == 0);
	free(path);
	if (r == NULL)
		return;
	OK(!repo_is_shallow(r));
	OK(str_suffix(repo_gitdir(r), ".git/"));

	OK(repo_resolve(r, "HEAD", &head) == 0);
	OK(oid_cmp(&head, &rm) == 0);
	OK(repo_resolve(r, "main~1", &o) == 0);
	OK(oid_cmp(&o, &merge) == 0);
	OK(repo_resolve(r, "main", &o) == 0);
	OK(oid_cmp(&o, &rm) == 0);
	OK(repo_resolve(r, "refs/heads/side", &o) == 0);
	OK(oid_cmp(&o, &side) == 0);
	oid_fmt(hex, &merge);
	OK(repo_resolve(r, hex, &o) == 0);
	OK(oid_cmp(&o, &merge) == 0);
	OK(repo_resolve(r, "no-such-branch", &o) < 0);
	OK(repo_resolve(r, "HEAD^{tree}", &o) < 0);
	/* A tag named like the branch: git would take the tag. */
	{
		char	*cmd = xasprintf("git -C %s/repo tag side %s", dir,
			    hex);

		OK(system(cmd) == 0);
		free(cmd);
		OK(repo_resolve(r, "side", &o) < 0);
		OK(repo_resolve(r, "side~1", &o) < 0);
		OK(repo_resolve(r, "refs/tags/side", &o) == 0);
		OK(oid_cmp(&o, &merge) == 0);
		OK(repo_resolve(r, "refs/heads/side", &o) == 0);
		OK(oid_cmp(&o, &side) == 0);
	}

	OK(repo_first_parents(r, &head, NULL, NULL, &fp, NULL, &n) == 0);
	OK(n == 4);
	if (n == 4) {
		OK(oid_cmp(&fp[0], &root) == 0);
		OK(oid_cmp(&fp[1], &a2) == 0);
		OK(oid_cmp(&fp[2], &merge) == 0);
		OK(oid_cmp(&fp[3], &rm) == 0);
	}
	free(fp);
	/* with each commit's root tree, which diffs as its commit does */
	OK(repo_first_parents(r, &head, NULL, NULL, &fp, &trees, &n) == 0);
	OK(n == 4);
	for (i = 0; i < n && n == 4; i++) {
		struct buf	bc = BUF_INIT, bt = BUF_INIT;

		OK(repo_commit_info(r, &fp[i], &c) == 0);
		OK(oid_cmp(&c.tree, &trees[i]) == 0);
		repo_commit_dispose(&c);
		OK(repo_diff(r, i ? &fp[i - 1] : NULL, &fp[i], diff_cb,
		    &bc) == 0);
		OK(repo_diff_trees(r, i ? &trees[i - 1] : NULL, &trees[i],
		    diff_cb, &bt) == 0);
		OK(bc.len > 0 && bc.len == bt.len &&
		    memcmp(bc.data, bt.data, bc.len) == 0);
		buf_dispose(&bc);
		buf_dispose(&bt);
	}
	free(fp);
	free(trees);

	/* Raw bytes are the object as stored. */
	OK(repo_commit_raw(r, &merge, &b) == 0);
	path = xasprintf("%s/merge.commit", dir);
	OK(t_read(path, &want) == 0);
	free(path);
	OK(b.len == want.len && memcmp(b.data, want.data, b.len) == 0);
	{
		struct buf	p = BUF_INIT, s = BUF_INIT;
		enum sig_kind	sk;

		sig_split_commit(b.data, b.len, &p, &s, &sk);
		OK(sk == SIG_KIND_OPENPGP);
		buf_dispose(&p);
		buf_dispose(&s);
	}

	OK(repo_commit_info(r, &merge, &c) == 0);
	OK(c.nparents == 2);
	if (c.nparents == 2) {
		OK(oid_cmp(&c.parents[0], &a2) == 0);
		OK(oid_cmp(&c.parents[1], &side) == 0);
	}
	STR_EQ(c.author_email, "fixture@example.org");
	STR_EQ(c.message, "merge side\n\nApproved: content/**\n");
	OK(c.commit_time > 1767225600 && c.commit_tz == 480);
	buf_reset(&b);
	OK(repo_trailers(c.message, trailer_cb, &b) == 0);
	STR_EQ(b.data, "[Approved=content/**]");
	repo_commit_dispose(&c);
	OK(repo_commit_info(r, &side, &c) == 0);
	STR_EQ(c.author_name, "bob");
	STR_EQ(c.author_email, "bob@example.org");
	repo_commit_dispose(&c);

	/* Diffs along the first parents. */
	buf_reset(&b);
	OK(repo_diff(r, NULL, &root, diff_cb, &b) == 0);
	STR_EQ(b.data, "config.yaml 0- 1+\ncontent/a.md 0- 1+\n"
	    "content/u/_unit.yaml 0- 1+\n");
	buf_reset(&b);
	OK(repo_diff(r, &a2, &merge, diff_cb, &b) == 0);
	STR_EQ(b.data, "content/b.md 0- 1+\n");
	buf_reset(&b);
	OK(repo_diff(r, &merge, &rm, diff_cb, &b) == 0);
	STR_EQ(b.data, "content/a.md 1+ 0-\ncontent/l 0- 3+\n"
	    "content/x.sh 0- 2+\n");
	OK(repo_diff(r, &merge, &rm, stop_cb2, NULL) == 7);

	/* Blobs by path and id. */
	OK(repo_path_state(r, &a2, "content/a.md", &k, &o) == 0);
	OK(k == REPO_BLOB);
	buf_reset(&b);
	OK(repo_blob_read(r, &o, &b) == 0);
	STR_EQ(b.data, "A2\n");
	OK(repo_blob_size(r, &o, &sz) == 0 && sz == 3);
	OK(repo_path_state(r, &rm, "content/a.md", &k, &o) == 0);
	OK(k == REPO_NONE);
	OK(repo_path_state(r, &rm, "content/u", &k, &o) == 0);
	OK(k == REPO_NONE);
	OK(repo_path_state(r, &rm, "content/b.md/x", &k, &o) == 0);
	OK(k == REPO_NONE);
	OK(repo_path_state(r, &rm, "content/l", &k, &o) == 0);
	OK(k == REPO_LINK);
	OK(repo_blob_read(r, &head, &b) < 0);
	oid_fmt(hex, &head);
	OK(repo_blob_size(r, &head, &sz) < 0);

	/* Texts kept from workers answer for their blobs; a text past
	 * the end of its mapping is not kept. */
	{
		struct repo_text t[2];
		struct oid	 a2blob, none;
		char		*map;

		OK(repo_path_state(r, &a2, "content/a.md", &k, &a2blob) == 0);
		memset(&none, 0x5a, sizeof(none));
		map = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		OK(map != MAP_FAILED);
		memcpy(map, "xxA2\n", 5);
		t[0].id = a2blob;
		t[0].off = 2;
		t[0].len = 3;
		t[1].id = none;
		t[1].off = 4090;
		t[1].len = 7;
		repo_keep(r, map, 4096, t, 2);
		buf_reset(&b);
		OK(repo_blob_read(r, &a2blob, &b) == 0);
		STR_EQ(b.data, "A2\n");
		OK(repo_blob_size(r, &a2blob, &sz) == 0 && sz == 3);
		OK(repo_blob_read(r, &none, &b) < 0);
		/* the other blobs are read as before */
		OK(repo_path_state(r, &root, "content/a.md", &k, &o) == 0);
		buf_reset(&b);
		OK(repo_blob_read(r, &o, &b) == 0);
		OK(b.len > 0 && strcmp(b.data, "A2\n") != 0);
	}

	/* Trees no git writes: nothing below an unsound name has a
	 * meaning (REPO_MALFORMED), and repairing the tree is a change. */
	{
		struct oid	tgood = fixture_id("tgood"),
				dup = fixture_id("dup"),
				dupdir = fixture_id("dupdir"),
				dotdot = fixture_id("dotdot"),
				fine = fixture_id("fine");
		char		want_m[64];

		snprintf(want_m, sizeof(want_m), "content/a.md 1+ %d+\n",
		    (int)REPO_MALFORMED);
		buf_reset(&b);
		OK(repo_diff(r, &tgood, &dup, diff_cb, &b) == 0);
		STR_EQ(b.data, want_m);
		OK(repo_path_state(r, &dup, "content/a.md", &k, &o) == 0);
		OK(k == REPO_MALFORMED);
		buf_reset(&b);
		OK(repo_diff(r, &tgood, &dupdir, diff_cb, &b) == 0);
		STR_EQ(b.data, want_m);
		OK(repo_path_state(r, &dupdir, "content/a.md", &k, &o) == 0);
		OK(k == REPO_MALFORMED);
		buf_reset(&b);
		OK(repo_diff(r, &tgood, &dotdot, diff_cb, &b) == 0);
		snprintf(want_m, sizeof(want_m), "content/.. 0- %d+\n",
		    (int)REPO_MALFORMED);
		STR_EQ(b.data, want_m);
		buf_reset(&b);
		OK(repo_diff(r, &dupdir, &fine, diff_cb, &b) == 0);
		snprintf(want_m, sizeof(want_m), "content/a.md %d+ 1+\n",
		    (int)REPO_MALFORMED);
		STR_EQ(b.data, want_m);
		buf_reset(&b);
		OK(repo_diff(r, NULL, &dup, diff_cb, &b) == 0);
		snprintf(want_m, sizeof(want_m), "content/a.md 0- %d+\n",
		    (int)REPO_MALFORMED);
		STR_EQ(b.data, want_m);
	}

	buf_dispose(&b);
	buf_dispose(&want);
	repo_free(r);
}

/* The commit parser reads what any git accepts, and needs a tree. */
static void
test_commit_parse(void)
{
	struct repo_commit	c;
	const char		*ok = "tree 0123456789abcdef0123456789abcdef01234567\n"
				    "parent 1111111111111111111111111111111111111111\n"
				    "author no brackets here\n"
				    "committer C <c@x> 1767225600 -0130\n"
				    "gpgsig -----BEGIN PGP SIGNATURE-----\n"
				    " abc\n"
				    " -----END PGP SIGNATURE-----\n"
				    "\nmsg\n";

	OK(repo_commit_parse(ok, strlen(ok), &c) == 0);
	OK(c.nparents == 1);
	STR_EQ(c.author_name, "no brackets here");
	STR_EQ(c.author_email, "");
	OK(c.commit_time == 1767225600 && c.commit_tz == -90);
	STR_EQ(c.message, "msg\n");
	repo_commit_dispose(&c);
	OK(repo_commit_parse("parent 1111\n\nx", 15, &c) < 0);
	OK(repo_commit_parse("", 0, &c) < 0);
	OK(c.nsig == 0);
	OK(repo_commit_parse(ok, strlen(ok), &c) == 0 && c.nsig == 1);
	repo_commit_dispose(&c);
}

/*
 * The graph as git reads it (parse_commit_buffer): the first line is
 * the tree, the parents are the lines right after it; a "parent" line
 * elsewhere is no parent (git log shows such a commit as a root, so
 * the gate must not walk on through it), and a bad one among the
 * parents makes the commit unreadable.
 */
static void
test_commit_graph(void)
{
	struct repo_commit	c;
#define T "tree 0123456789abcdef0123456789abcdef01234567\n"
#define P1 "parent 1111111111111111111111111111111111111111\n"
#define P2 "parent 2222222222222222222222222222222222222222\n"
#define A "author A <a@x> 1767225600 +0000\n"
#define C "committer C <c@x> 1767225600 +0000\n"
	const char	*two = T P1 P2 A C "\nm\n";
	const char	*late = T A C P1 "\nm\n";
	const char	*after = T P1 A P2 C "\nm\n";
	const char	*first = P1 T A C "\nm\n";
	const char	*bad = T "parent 11\n" A C "\nm\n";
	const char	*bare = T "parent\n" P1 A C "\nm\n";
	const char	*sigs = T A C "gpgsig x\n y\ngpgsig-sha256 z\n\nm\n";
	char		 hex[OID_HEXSZ + 1];

	OK(repo_commit_parse(two, strlen(two), &c) == 0);
	OK(c.nparents == 2);
	oid_fmt(hex, &c.parents[1]);
	STR_EQ(hex, "2222222222222222222222222222222222222222");
	repo_commit_dispose(&c);
	OK(repo_commit_parse(late, strlen(late), &c) == 0);
	OK(c.nparents == 0);
	STR_EQ(c.author_name, "A");
	OK(c.commit_time == 1767225600);
	repo_commit_dispose(&c);
	OK(repo_commit_parse(after, strlen(after), &c) == 0);
	OK(c.nparents == 1);
	oid_fmt(hex, &c.parents[0]);
	STR_EQ(hex, "1111111111111111111111111111111111111111");
	repo_commit_dispose(&c);
	OK(repo_commit_parse(first, strlen(first), &c) < 0);
	OK(repo_commit_parse(bad, strlen(bad), &c) < 0);
	OK(repo_commit_parse(bare, strlen(bare), &c) == 0);
	OK(c.nparents == 0);
	repo_commit_dispose(&c);
	OK(repo_commit_parse(sigs, strlen(sigs), &c) == 0);
	OK(c.nsig == 2);
	STR_EQ(c.message, "m\n");
	repo_commit_dispose(&c);
#undef T
#undef P1
#undef P2
#undef A
#undef C
}

static void
test_trailers(void)
{
	struct buf	b = BUF_INIT;

	OK(repo_trailers("subject\n\nbody\n\nApproved: a/**\n"
	    "Approved: b.md\n", trailer_cb, &b) == 0);
	STR_EQ(b.data, "[Approved=a/**][Approved=b.md]");
	buf_reset(&b);
	/* Not the last paragraph: not trailers. */
	OK(repo_trailers("subject\n\nApproved: a/**\n\nmore text\n",
	    trailer_cb, &b) == 0);
	STR_EQ(b.data, "");
	buf_reset(&b);
	/* A subject line alone is never a trailer block. */
	OK(repo_trailers("Approved: a/**\n", trailer_cb, &b) == 0);
	STR_EQ(b.data, "");
	buf_dispose(&b);
}

int
main(void)
{
	char	*cmd;

	test_oid();
	test_trailers();
	test_commit_parse();
	test_commit_graph();
	if (mkdtemp(dir) == NULL) {
		printf("FAIL mkdtemp\n");
		return 1;
	}
	cmd = xasprintf("sh tests/gate/sig-fixture.sh %s", dir);
	if (system(cmd) != 0) {
		printf("FAIL %s\n", cmd);
		t_fail++;
	} else
		test_repo();
	free(cmd);
	t_scratch_end(dir, "KEEP_FIXTURE");
	return T_DONE();
}
