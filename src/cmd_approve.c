/*
 * cmd_approve.c -- gongkai approve [--ref REF] GLOB...: for a reviewer,
 * show which live versions the globs match, then make the signed,
 * empty approval commit with one "Approved: GLOB" trailer per glob.
 */
#include <sys/wait.h>

#include <errno.h>
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
#include "strmap.h"
#include "util.h"

extern char **environ;

static const char usage[] = "gongkai approve [--ref REF] GLOB...";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Approves, with a signed empty commit on the current branch, the\n"
	    "live version of every path matching a GLOB ('*' within a folder,\n"
	    "'**' across folders); a path that no longer exists is approved\n"
	    "as withdrawn.  Shows what each glob matches first and refuses a\n"
	    "glob that matches nothing.  Signs with git's configured key\n"
	    "(user.signingkey).  Run in the content repository.\n\n"
	    "  --ref REF   the mainline to approve on; must be checked out\n"
	    "              (default HEAD)\n", usage);
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

int
cmd_approve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ref", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*ref = "HEAD";
	struct repo	*repo = NULL;
	struct oid	 head, at, *line = NULL;
	struct known	 k;
	struct buf	 msg = BUF_INIT;
	char		*msgfile = NULL;
	size_t		 nline = 0, i, j, hits;
	int		 c, rc = EXIT_CONTENT, bad = 0, st;

	memset(&k, 0, sizeof(k));
	strmap_init(&k.idx);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		switch (c) {
		case 'r':
			ref = optarg;
			break;
		case 'h':
			return help();
		default:
			return cmd_usage(usage);
		}
	if (optind == argc)
		return cmd_usage(usage);
	for (i = (size_t)optind; i < (size_t)argc; i++)
		if (argv[i][0] == '\0' || strchr(argv[i], '\n') != NULL) {
			diag_fatal("empty glob or glob with a newline");
			return EXIT_USAGE;
		}
	if (repo_open(".", &repo) == -1 ||
	    repo_resolve(repo, "HEAD", &head) == -1 ||
	    repo_resolve(repo, ref, &at) == -1)
		goto out;
	if (oid_cmp(&head, &at) != 0) {
		diag_fatal("'%s' is not checked out: approvals are commits on "
		    "the mainline being built; check it out first", ref);
		goto out;
	}
	if (repo_first_parents(repo, &head, &line, &nline) == -1)
		goto out;
	for (i = 0; i < nline; i++)
		if (repo_diff(repo, i ? &line[i - 1] : NULL, &line[i], on_diff,
		    &k) == -1)
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
	msgfile = xasprintf("%sgongkai-approve-msg", repo_gitdir(repo));
	if (fsout_replace_file(msgfile, msg.data, msg.len) == -1)
		goto out;
	{
		char *gitv[] = { "git", "commit", "--quiet", "-S",
		    "--allow-empty", "--cleanup=strip", "-F", msgfile, NULL };

		st = run_git(gitv);
	}
	unlink(msgfile);
	if (st != 0) {
		diag_fatal("git commit failed: no approval was made (is a "
		    "signing key configured? git config user.signingkey)");
		goto out;
	}
	printf("approved in a signed commit on %s\n", ref);
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
	free(msgfile);
	buf_dispose(&msg);
	repo_free(repo);
	return rc;
}
