/*
 * cmd_diff.c -- gongkai diff [--ref REF] --trust FILE PATH: the text
 * the approval gate publishes of one path against its live text (the
 * working tree, or the version at --ref), by line and, within changed
 * lines, by character.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "diff.h"
#include "gate.h"
#include "privacy.h"
#include "repo.h"
#include "source.h"
#include "util.h"

static const char usage[] = "gongkai diff [--ref REF] --trust FILE PATH";

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Shows how the live text of PATH (a repository path such as\n"
	    "content/a/fees/x.md, or config.yaml) differs from the text the\n"
	    "approval gate publishes: a unified line diff, and within each\n"
	    "changed line the characters that changed (for Chinese prose a\n"
	    "line is often a whole paragraph).  Run in the content\n"
	    "repository (anywhere in its git work tree; PATH is from its\n"
	    "top).  Coloured on a terminal unless NO_COLOR is set;\n"
	    "otherwise changed characters are marked [-old-] and {+new+}.\n\n"
	    "  --ref REF      the live text is PATH's version at REF, and\n"
	    "                 the published text is what a build of REF\n"
	    "                 publishes (default: HEAD, and the live text\n"
	    "                 is the working tree's file)\n"
	    "  --trust FILE   administrators' public keys (required)\n\n"
	    "Exit status: 0 the same, 1 different, 2 usage or trouble.\n",
	    usage);
	return EXIT_OK;
}

/* text with each git ident keyword as "$Id$", as git's ident
 * attribute stores a file (its "clean" side), into out. */
static void
ident_collapse(const char *text, size_t len, struct buf *out)
{
	size_t	at, n, i = 0;

	buf_reset(out);
	while ((at = privacy_ident(text, len, i, &n)) < len) {
		buf_put(out, text + i, at - i);
		buf_puts(out, "$Id$");
		i = at + n;
	}
	buf_put(out, text + i, len - i);
}

/* Warns of each git ident keyword in the len bytes at text (what),
 * quoted as written: a checkout with the ident attribute shows other
 * text there, and the gate never publishes such a version.  1 if
 * there is one. */
static int
ident_warn(const char *path, const char *what, const char *text,
    size_t len)
{
	size_t	at, n;
	int	line, col, found = 0;

	for (at = 0; (at = privacy_ident(text, len, at, &n)) < len;
	    at += n) {
		text_pos(text, at, &line, &col);
		diag_warn(path, line, col, "%s holds git's ident keyword "
		    "'%.*s', which a checkout with the ident attribute "
		    "shows as other text: such a version is never "
		    "published", what, (int)(n < 200 ? n : 200), text + at);
		found = 1;
	}
	return found;
}

/* The diff's own exit statuses, as diff(1). */
#define DIFF_SAME_EXIT	0
#define DIFF_DIFFER	1
#define DIFF_TROUBLE	2

int
cmd_diff(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ref", required_argument, NULL, CMD_OPT_REF },
		{ "trust", required_argument, NULL, CMD_OPT_TRUST },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_opts		 o;
	struct cmd_args		 a;
	const char		*ref, *trust, *path, *nc, *top, *file;
	const struct gate_path	*p;
	const struct gate_version *pv, *lv;
	struct repo		*repo = NULL;
	struct gate		*gate = NULL;
	struct buf		 pub = BUF_INIT, live = BUF_INIT;
	struct buf		 out = BUF_INIT, head = BUF_INIT;
	struct buf		 pub2 = BUF_INIT;
	char			 hex[OID_HEXSZ + 1], *what_pub = NULL;
	char			*what_live = NULL;
	unsigned		 flags = 0;
	int			 c, r = 0, rc = DIFF_TROUBLE, as_committed = 0;

	memset(&o, 0, sizeof(o));
	cmd_args_init(&a, argc, argv, usage, "h", opts);
	while ((c = cmd_args_next(&a)) != -1) {
		if (c == 'h')
			return help();
		if (!cmd_opt(&o, c, optarg))
			return EXIT_USAGE;
	}
	ref = o.ref;
	trust = o.trust;
	if (argc - optind != 1)
		return argc - optind == 0 ? cmd_args_fail(&a, "diff needs the "
		    "PATH to compare, such as content/a/fees/x.md") :
		    cmd_args_fail(&a, "unexpected argument '%s': diff takes "
		    "one PATH", argv[optind + 1]);
	path = argv[optind];
	while (str_prefix(path, "./"))
		path += 2;
	if (cmd_need_trust("diff", trust, "is published") == -1)
		return cmd_usage(usage);
	if (path[0] == '\0' || path[0] == '/' || strstr(path, "..") != NULL)
		return cmd_args_fail(&a, "'%s': give a path inside the "
		    "repository, such as content/a/fees/x.md", argv[optind]);
	top = cmd_repo(CMD_FIND_GIT);
	if (cmd_gate(top, ref != NULL ? ref : "HEAD", trust, NULL, 1,
	    CMD_KEEP_NONE, &repo, &gate) == -1)
		goto out;
	p = gate_find(gate, path);
	pv = p != NULL ? p->published : NULL;
	lv = p != NULL ? p->live : NULL;
	/* The published text: what a build puts online. */
	if (pv != NULL && pv->present && (p->governance || p->visible)) {
		if (repo_blob_read(repo, &pv->blob, &pub) == -1)
			goto out;
		oid_fmt(hex, &pv->blob);
		what_pub = xasprintf("version %.12s", hex);
	} else
		what_pub = xstrdup(pv != NULL && pv->present ?
		    "not online: its unit is not published" :
		    pv != NULL ? "withdrawn" : "nothing published");
	/* The live text: the version at --ref, or the working tree. */
	if (ref != NULL) {
		if (lv != NULL && lv->present) {
			if (repo_blob_read(repo, &lv->blob, &live) == -1)
				goto out;
			oid_fmt(hex, &lv->blob);
			what_live = xasprintf("version %.12s at %s", hex, ref);
		} else
			what_live = xasprintf("absent at %s", ref);
	} else {
		file = cmd_repo_file(top, path);
		if ((r = source_file_read(file, &live)) == -1)
			goto out;
		what_live = xstrdup(r == 1 ? "absent from the working tree" :
		    "working tree");
		/* git's ident attribute shows the version at HEAD with
		 * other text in its keywords: when that is all that
		 * differs, the diff is of the text as committed, which
		 * is what the gate would publish, not of what the
		 * checkout shows (the keyword is warned of below). */
		if (r == 0 && lv != NULL && lv->present &&
		    repo_blob_read(repo, &lv->blob, &head) == 0 &&
		    ident_warn(path, "the version at HEAD", head.data,
		    head.len)) {
			ident_collapse(head.data, head.len, &pub2);
			ident_collapse(live.data, live.len, &out);
			if (pub2.len == out.len && memcmp(pub2.data,
			    out.data, out.len) == 0) {
				buf_reset(&live);
				buf_put(&live, head.data, head.len);
				free(what_live);
				oid_fmt(hex, &lv->blob);
				what_live = xasprintf("version %.12s at HEAD, "
				    "as committed: the working tree shows "
				    "git's ident expansion of it", hex);
				as_committed = 1;
			}
			buf_reset(&out);
		}
	}
	if ((ref != NULL || r == 0) && !as_committed)
		(void)ident_warn(path, ref != NULL ? "the live version" :
		    "the working tree's file", live.data, live.len);
	/* a mistyped path must not read as "no change" */
	if (p == NULL && (ref != NULL ? live.len == 0 : r == 1)) {
		diag_fatal("'%s' was never on the mainline of '%s'%s", path,
		    ref != NULL ? ref : "HEAD",
		    ref != NULL ? "" : " and is not in the working tree");
		goto out;
	}
	nc = getenv("NO_COLOR");
	if (isatty(STDOUT_FILENO) && (nc == NULL || nc[0] == '\0'))
		flags |= DIFF_COLOR;
	if (!diff_render(pub.data, pub.len, live.data, live.len, flags,
	    &out)) {
		rc = DIFF_SAME_EXIT;
		goto out;
	}
	printf("%s--- published %s (%s)\n+++ live %s (%s)%s\n",
	    flags & DIFF_COLOR ? "\033[1m" : "", path, what_pub, path,
	    what_live, flags & DIFF_COLOR ? "\033[m" : "");
	fwrite(out.data, 1, out.len, stdout);
	rc = DIFF_DIFFER;
out:
	free(what_pub);
	free(what_live);
	buf_dispose(&pub);
	buf_dispose(&live);
	buf_dispose(&out);
	buf_dispose(&head);
	buf_dispose(&pub2);
	gate_free(gate);
	repo_free(repo);
	return rc;
}
