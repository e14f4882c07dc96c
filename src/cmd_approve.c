/*
 * cmd_approve.c -- gongkai approve [--ref REF] GLOB...: for a reviewer,
 * show which live versions the globs match, then make the signed,
 * empty approval commit with one "Approved: GLOB" trailer per glob.
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "fsout.h"
#include "gate.h"
#include "repo.h"
#include "sig.h"
#include "strmap.h"
#include "util.h"

extern char **environ;

static const char usage[] = "gongkai approve [--ref REF] [--trust FILE] "
    "[--force] GLOB...";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Approves, with a signed empty commit on the current branch (a\n"
	    "commit of HEAD's own tree: staged changes are not part of it), the\n"
	    "live version of every path matching a GLOB ('*' within a folder,\n"
	    "'**' across folders); a path that no longer exists is approved\n"
	    "as withdrawn.  Shows what each glob matches first and refuses a\n"
	    "glob that matches nothing.  Signs with git's configured key\n"
	    "(user.signingkey).  Run in the content repository (anywhere in\n"
	    "its git work tree); GLOBs are repository paths, from its top,\n"
	    "wherever it runs.\n\n"
	    "  --ref REF     the mainline to approve on; must be checked out\n"
	    "                (default HEAD)\n"
	    "  --trust FILE  administrators' public keys: before signing,\n"
	    "                warn about every path for which this approval\n"
	    "                will not count (outside your scope, your own\n"
	    "                edit, governance files without a trust-root\n"
	    "                key, a retired or revoked key) and ask; the\n"
	    "                same reasons `status` gives afterwards\n"
	    "  --force       sign despite the warnings (needed when the\n"
	    "                standard input is not a terminal), and in a\n"
	    "                repository with replace refs, grafts or a\n"
	    "                shallow file\n", usage);
	return EXIT_OK;
}

/* Every path the mainline has known: live ones with their blob, and
 * those deleted since (candidates for a withdrawal). */
struct known {
	char		**paths;  /* owned, in first-seen order */
	char		**blobs;  /* short blob id, or NULL when deleted */
	size_t		  n;
	size_t		  cap;
	struct strmap	  idx;	  /* path -> index */
};

static void
known_set(struct known *k, const char *path, const struct oid *blob)
{
	size_t	i, cap;
	char	hex[OID_HEXSZ + 1];

	if (!strmap_get(&k->idx, path, &i)) {
		cap = k->cap;
		xgrow(&k->paths, &k->cap, k->n + 1, sizeof(*k->paths));
		xgrow(&k->blobs, &cap, k->n + 1, sizeof(*k->blobs));
		i = k->n++;
		k->paths[i] = xstrdup(path);
		k->blobs[i] = NULL;
		strmap_put(&k->idx, k->paths[i], i, NULL);
	}
	free(k->blobs[i]);
	k->blobs[i] = NULL;
	if (blob != NULL) {
		oid_fmt(hex, blob);
		k->blobs[i] = xstrndup(hex, 10);
	}
}

static int
gated(const char *path)
{
	return str_prefix(path, "content/") || str_prefix(path, "keys/") ||
	    strcmp(path, "config.yaml") == 0;
}

static int
on_diff(const char *path, enum repo_kind ok, const struct oid *oo,
    enum repo_kind nk, const struct oid *no, void *arg)
{
	if (gated(path))
		known_set(arg, path, nk == REPO_NONE ? NULL : no);
	return 0;
}

/* Runs git with argv; returns its exit status or -1. */
static int
run_git(char *const argv[])
{
	pid_t	pid;
	int	st, e;

	if ((e = posix_spawnp(&pid, "git", NULL, NULL, argv, environ)) != 0) {
		diag_fatal("cannot run git: %s", strerror(e));
		return -1;
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Runs argv with its stdout into out and its stderr dropped, or, with
 * say, shown (git's and gpg's own reasons when signing fails); returns
 * its exit status, or -1. */
static int
capture_say(char *const argv[], struct buf *out, int say)
{
	posix_spawn_file_actions_t	fa;
	pid_t				pid;
	int				p[2], st, e;
	char				chunk[4096];
	ssize_t				n;

	if (pipe(p) == -1)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	if (!say)
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null",
		    O_WRONLY, 0);
	e = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (e != 0) {
		close(p[0]);
		return -1;
	}
	while ((n = read(p[0], chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		buf_put(out, chunk, (size_t)n);
	}
	close(p[0]);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int
capture(char *const argv[], struct buf *out)
{
	return capture_say(argv, out, 0);
}

/* The first line of out without its newline. */
static void
first_line(struct buf *b)
{
	char	*nl = memchr(b->data, '\n', b->len);

	if (nl != NULL)
		buf_truncate(b, (size_t)(nl - b->data));
}

/*
 * The primary fingerprint of the key git will sign with, as git picks
 * it (user.signingkey, else the committer's e-mail) and gpg resolves
 * it, into fpr; 0, or -1 when it cannot be told.
 */
static int
signing_fpr(char fpr[SIG_FPRSZ + 1])
{
	struct buf	 key = BUF_INIT, prog = BUF_INIT, o = BUF_INIT;
	const char	*line, *f;
	char		*lt, *gt;
	int		 rc = -1;
	char *cfgv[] = { "git", "config", "user.signingkey", NULL };
	char *progv[] = { "git", "config", "gpg.program", NULL };
	char *identv[] = { "git", "var", "GIT_COMMITTER_IDENT", NULL };

	if (capture(cfgv, &key) != 0 || (first_line(&key), key.len == 0)) {
		/* git signs as the committer's e-mail */
		buf_reset(&key);
		if (capture(identv, &key) != 0 ||
		    (lt = strchr(key.data, '<')) == NULL ||
		    (gt = strchr(lt, '>')) == NULL)
			goto out;
		buf_truncate(&key, (size_t)(gt + 1 - key.data));
		memmove(key.data, lt, (size_t)(gt + 2 - lt));
		key.len = (size_t)(gt + 1 - lt);
	}
	if (key.len > 0 && key.data[key.len - 1] == '!')
		buf_truncate(&key, key.len - 1);
	if (capture(progv, &prog) != 0 || (first_line(&prog), prog.len == 0)) {
		buf_reset(&prog);
		buf_puts(&prog, "gpg");
	}
	{
		char *gv[] = { prog.data, "--batch", "--with-colons",
		    "--fingerprint", "--", key.data, NULL };

		if (capture(gv, &o) != 0)
			goto out;
	}
	/* The first fpr record after the first pub record. */
	if ((line = strstr(o.data, "pub:")) == NULL ||
	    (f = strstr(line, "\nfpr:")) == NULL)
		goto out;
	f += 4;	/* at the colon after "fpr" */
	if (sscanf(f, ":::::::::%40[0-9A-F]:", fpr) == 1 &&
	    strlen(fpr) == SIG_FPRSZ)
		rc = 0;
out:
	buf_dispose(&key);
	buf_dispose(&prog);
	buf_dispose(&o);
	return rc;
}

/* Asks on the terminal; 1 for yes. */
static int
ask(const char *q)
{
	char	line[16];

	fprintf(stderr, "%s [y/N] ", q);
	fflush(stderr);
	if (fgets(line, sizeof(line), stdin) == NULL)
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

/*
 * Warns about every matched path for which an approval signed now will
 * not count (gate_judge: the answer status gives afterwards).  Returns
 * the number of warnings, or -1 after an error.
 */
static int
warn_all(const char *path, const char *trust, const struct known *k,
    char **globs, size_t nglobs)
{
	struct repo	*repo = NULL;
	struct gate	*g = NULL;
	char		 fpr[SIG_FPRSZ + 1];
	const char	*who;
	enum gate_verdict v;
	size_t		 i, j, matched = 0, repeats = 0;
	int		 n = 0;

	if (cmd_gate(path, "HEAD", trust, NULL, 1, CMD_KEEP_NONE, &repo,
	    &g) == -1) {
		repo_free(repo);
		return -1;
	}
	if (signing_fpr(fpr) == -1) {
		diag_warn(NULL, 0, 0, "cannot tell which key git will sign "
		    "with (git config user.signingkey), so not whether this "
		    "approval will count");
		n++;
		goto out;
	}
	for (i = 0; i < nglobs; i++)
		for (j = 0; j < k->n; j++) {
			if (!gate_glob(globs[i], k->paths[j]))
				continue;
			matched++;
			v = gate_judge(g, fpr, k->paths[j], &who);
			if (v == GATE_WOULD_COUNT)
				continue;
			/* approving again what one's approval already
			 * carries is harmless: said, and no reason to
			 * stop, unless it is all the approval would do */
			if (v == GATE_REPEATED) {
				repeats++;
				continue;
			}
			diag_warn(NULL, 0, 0, "'%s' (from '%s'): the approval "
			    "of %s will not count: %s", k->paths[j], globs[i],
			    who != NULL ? who : fpr, gate_verdict_text(v));
			n++;
		}
	if (repeats > 0 && repeats == matched) {
		diag_warn(NULL, 0, 0, "%s's approval already counts for "
		    "every path matched: this one would change nothing",
		    who != NULL ? who : fpr);
		n++;
	} else if (repeats > 0)
		diag_note("%zu path%s matched already carr%s this reviewer's "
		    "approval: approving %s again changes nothing", repeats,
		    repeats > 1 ? "s" : "", repeats > 1 ? "y" : "ies",
		    repeats > 1 ? "them" : "it");
out:
	gate_free(g);
	repo_free(repo);
	return n;
}

/* 1 if a glob matches a governance path (config.yaml, keys/). */
static int
governs(const struct known *k, char **globs, size_t nglobs)
{
	size_t	i, j;

	for (i = 0; i < nglobs; i++)
		for (j = 0; j < k->n; j++)
			if (gate_glob(globs[i], k->paths[j]) &&
			    gate_governs(k->paths[j]))
				return 1;
	return 0;
}

/*
 * Signs the approval: a commit of head's own tree with head as its
 * parent and the message in msgfile, then the checked-out branch moved
 * to it if it still points at head.  Not `git commit`, which commits the
 * index: a clone whose checkout failed (a path git refuses, such as
 * git~1, pushed by anyone) has an empty one, and the reviewer would
 * sign the withdrawal of every file instead of the versions shown.
 * Puts the new commit's id in made.  0, or -1 after a diagnostic.
 */
static int
sign_head(const struct oid *head, const char *msgfile,
    char made[OID_HEXSZ + 1])
{
	struct buf	 out = BUF_INIT;
	char		 parent[OID_HEXSZ + 1], *tree;
	int		 rc = -1;

	oid_fmt(parent, head);
	tree = xasprintf("%s^{tree}", parent);
	{
		char *treev[] = { "git", "commit-tree", "-S", "-p", parent,
		    "-F", (char *)msgfile, tree, NULL };

		if (capture_say(treev, &out, 1) != 0) {
			diag_fatal("git commit-tree failed: no approval was "
			    "made (is a signing key configured? git config "
			    "user.signingkey)");
			goto out;
		}
	}
	first_line(&out);
	if (out.len != OID_HEXSZ) {
		diag_fatal("git commit-tree gave no commit: no approval was "
		    "made");
		goto out;
	}
	memcpy(made, out.data, OID_HEXSZ + 1);
	{
		char *refv[] = { "git", "update-ref", "-m",
		    "gongkai approve", "HEAD", made, parent, NULL };

		if (run_git(refv) != 0) {
			diag_fatal("the signed commit %s was made, but HEAD "
			    "moved meanwhile and was left as it is: approve "
			    "again", made);
			goto out;
		}
	}
	rc = 0;
out:
	free(tree);
	buf_dispose(&out);
	return rc;
}

int
cmd_approve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ref", required_argument, NULL, 'r' },
		{ "trust", required_argument, NULL, 't' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*ref = "HEAD", *trust = NULL, *top;
	int		 force = 0, nwarn;
	struct cmd_args	 a;
	struct repo	*repo = NULL;
	struct oid	 head, at, *line = NULL, *trees = NULL;
	struct known	 k;
	struct buf	 msg = BUF_INIT;
	char		*msgfile = NULL, made[OID_HEXSZ + 1];
	size_t		 nline = 0, i, j, hits;
	int		 c, rc = EXIT_CONTENT, bad = 0, st;

	cmd_args_init(&a, argc, argv, usage, "h", opts);
	while ((c = cmd_args_next(&a)) != -1)
		switch (c) {
		case 'r':
			ref = optarg;
			break;
		case 't':
			trust = optarg;
			break;
		case 'f':
			force = 1;
			break;
		case 'h':
			return help();
		default:
			return EXIT_USAGE;
		}
	if (optind == argc)
		return cmd_args_fail(&a, "approve needs a GLOB of the paths "
		    "to approve, such as 'content/a/fees/**'");
	for (i = (size_t)optind; i < (size_t)argc; i++)
		if (argv[i][0] == '\0' || strchr(argv[i], '\n') != NULL)
			return cmd_args_fail(&a, "empty glob or glob with a "
			    "newline");
	memset(&k, 0, sizeof(k));
	strmap_init(&k.idx);
	top = cmd_repo(CMD_FIND_GIT);
	if (repo_open(top, &repo) == -1 ||
	    repo_resolve(repo, "HEAD", &head) == -1 ||
	    repo_resolve(repo, ref, &at) == -1)
		goto out;
	if (oid_cmp(&head, &at) != 0) {
		diag_fatal("'%s' is not checked out: approvals are commits on "
		    "the mainline being built; check it out first", ref);
		goto out;
	}
	/* what the reviewer read with git must be what is signed */
	if ((i = repo_replacements(repo)) > 0) {
		diag_warn(NULL, 0, 0, "this repository has %zu replacement%s "
		    "(refs/replace/, info/grafts, shallow): git log, show "
		    "and diff may show other objects than this approval "
		    "signs; review with 'git --no-replace-objects', remove "
		    "them (git replace -d), or fetch with --unshallow", i,
		    i > 1 ? "s" : "");
		if (!force) {
			diag_fatal("nothing was signed (--force signs anyway)");
			goto out;
		}
	}
	if (repo_first_parents(repo, &head, NULL, NULL, &line, &trees,
	    &nline) == -1)
		goto out;
	for (i = 0; i < nline; i++)
		if (repo_diff_trees(repo, i ? &trees[i - 1] : NULL, &trees[i],
		    on_diff, &k) == -1)
			goto out;
	buf_printf(&msg, "approve %s%s\n\n", argv[optind],
	    argc - optind > 1 ? " and more" : "");
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		printf("%s\n", argv[i]);
		for (hits = 0, j = 0; j < k.n; j++) {
			if (!gate_glob(argv[i], k.paths[j]))
				continue;
			hits++;
			if (k.blobs[j] != NULL)
				printf("  version %s  %s\n", k.blobs[j],
				    k.paths[j]);
			else
				printf("  withdrawal  %s\n", k.paths[j]);
		}
		if (hits == 0) {
			diag_fatal("'%s' matches nothing on the mainline",
			    argv[i]);
			bad = 1;
		}
		buf_printf(&msg, "Approved: %s\n", argv[i]);
	}
	if (bad)
		goto out;
	if (trust == NULL && governs(&k, argv + optind,
	    (size_t)(argc - optind)))
		diag_warn(NULL, 0, 0, "config.yaml and keys/ count only when "
		    "the administrators' keys (--trust) approve them, and "
		    "without --trust nothing says whether this key is one of "
		    "them");
	if (trust != NULL) {
		if ((nwarn = warn_all(top, trust, &k, argv + optind,
		    (size_t)(argc - optind))) == -1)
			goto out;
		if (nwarn > 0 && !force) {
			if (!isatty(STDIN_FILENO)) {
				diag_fatal("%d warning%s: nothing was signed "
				    "(--force signs anyway)", nwarn,
				    nwarn > 1 ? "s" : "");
				goto out;
			}
			if (!ask("sign anyway?")) {
				fprintf(stderr, "nothing was signed\n");
				goto out;
			}
		}
	}
	msgfile = xasprintf("%sgongkai-approve-msg", repo_gitdir(repo));
	if (fsout_replace_file(msgfile, msg.data, msg.len) == -1)
		goto out;
	st = sign_head(&head, msgfile, made);
	unlink(msgfile);
	if (st != 0)
		goto out;
	printf("approved in signed commit %s on %s\n", made, ref);
	rc = EXIT_OK;
out:
	for (i = 0; i < k.n; i++) {
		free(k.paths[i]);
		free(k.blobs[i]);
	}
	free(k.paths);
	free(k.blobs);
	strmap_dispose(&k.idx);
	free(line);
	free(trees);
	free(msgfile);
	buf_dispose(&msg);
	repo_free(repo);
	return rc;
}
