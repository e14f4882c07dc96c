/*
 * cmd_common.c -- what the subcommands share; see cmd.h.
 */
#include <sys/stat.h>

#include <dirent.h>

#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cachedir.h"
#include "cfg.h"
#include "cmd.h"
#include "diag.h"
#include "dirlist.h"
#include "fsout.h"
#include "gate.h"
#include "itemcache.h"
#include "memo.h"
#include "privcache.h"
#include "prov.h"
#include "pubsrc.h"
#include "repo.h"
#include "site.h"
#include "source.h"
#include "util.h"
#include "workday.h"

/* The privacy cache in file name of cache folder dir, which it frees
 * (NULL: a cache that keeps nothing). */
static struct privcache *
open_privcache(char *dir, const char *name)
{
	struct privcache	*pc;
	char			*path = NULL, code[65];

	if (memo_code(code) == -1) {
		free(dir);
		return NULL;
	}
	if (dir != NULL)
		path = xasprintf("%s/%s", dir, name);
	pc = privcache_open(path, code);
	free(path);
	free(dir);
	return pc;
}

/*
 * The item cache of src in cache folder dir (NULL: one that keeps
 * nothing).  Its stamps are of one work tree, so each has its own file,
 * named by the tree's real path; blob ids name their bytes in any
 * repository, so gated builds share one.
 */
static struct itemcache *
open_itemcache(const char *dir, const struct source *src)
{
	struct itemcache	*ic;
	char			*path = NULL, code[65];

	if (memo_code(code) == -1)
		return NULL;
	if (dir != NULL && source_root(src) == NULL)
		path = xasprintf("%s/items/git", dir);
	else if (dir != NULL)
		path = cachedir_tree_file(dir, "items", source_root(src));
	ic = itemcache_open(path, code);
	free(path);
	return ic;
}

int
cmd_load(struct source *src, struct config **cfg, struct site **site)
{
	struct buf	 text = BUF_INIT;
	struct privcache *pc;
	struct itemcache *ic;
	char		*dir;
	int		 rc;

	*cfg = NULL;
	*site = NULL;
	rc = source_read(src, "config.yaml", &text);
	if (rc == 1)
		diag_error("config.yaml", 0, 0, "missing (every gongkai "
		    "repository has one at its top)");
	if (rc != 0 || cfg_parse("config.yaml", text.data, text.len,
	    cfg) == -1) {
		buf_dispose(&text);
		return -1;
	}
	buf_dispose(&text);
	/* every file's errors top to bottom, files in path order, however
	 * the loader meets them (a cross-reference is checked last) */
	diag_hold();
	dir = cachedir_open(NULL, source_root(src), NULL,
	    "every item is read and checked for personal data anew");
	pc = open_privcache(dir != NULL ? xstrdup(dir) : NULL,
	    "privacy/items");
	ic = open_itemcache(dir, src);
	free(dir);
	/* Not the working tree: the gate's published files. */
	rc = site_load(src, *cfg, source_root(src) == NULL, pc, ic, site);
	privcache_save(pc);
	privcache_free(pc);
	itemcache_save(ic);
	itemcache_free(ic);
	diag_release();
	if (rc == -1) {
		cfg_free(*cfg);
		*cfg = NULL;
		return -1;
	}
	return 0;
}

size_t
cmd_find_unit(const struct site *site, const char *opt, const char *arg)
{
	char	*dir;
	size_t	 n, u;

	while (str_prefix(arg, "./"))
		arg += 2;
	if (str_prefix(arg, "content/"))
		arg += strlen("content/");
	dir = xstrdup(arg);
	n = strlen(dir);
	while (n > 0 && dir[n - 1] == '/')
		dir[--n] = '\0';
	if ((u = site_unit(site, dir)) == NO_INDEX)
		diag_fatal("%s'%s': no such unit", opt, arg);
	free(dir);
	return u;
}

long
cmd_local_day(int64_t t)
{
	time_t		now = (time_t)t;
	struct tm	tm;

	/* the office's calendar day: a record dated the 1st at 07:00 in
	 * Beijing is not in the future though it is still the 31st in UTC */
	if (localtime_r(&now, &tm) == NULL)
		return day_of_time(t);
	return day_of_time(t + tm.tm_gmtoff);
}

long
cmd_today(void)
{
	const char	*e = getenv("SOURCE_DATE_EPOCH");
	long long	 t;
	char		*end;

	if (e != NULL && *e != '\0') {
		t = strtoll(e, &end, 10);
		if (*end == '\0' && t >= 0)
			return cmd_local_day(t);
	}
	return cmd_local_day(time(NULL));
}

int
cmd_usage(const char *usage)
{
	const char	*cmd = usage;
	size_t		 n;

	if (str_prefix(cmd, "gongkai "))
		cmd += strlen("gongkai ");
	n = strcspn(cmd, " ");
	fprintf(stderr, "usage: %s\nsee 'gongkai %.*s --help'\n", usage,
	    (int)n, cmd);
	return EXIT_USAGE;
}

void
cmd_args_init(struct cmd_args *a, int argc, char **argv, const char *usage,
    const char *shortopts, const struct option *longopts)
{
	memset(a, 0, sizeof(*a));
	a->argc = argc;
	a->argv = argv;
	a->usage = usage;
	a->longopts = longopts;
	/* ':' first: a missing value is told from an unknown option */
	snprintf(a->shortopts, sizeof(a->shortopts), ":%s", shortopts);
	optind = 1;
	opterr = 0;		/* its errors are said here, once */
}

int
cmd_args_fail(const struct cmd_args *a, const char *fmt, ...)
{
	struct buf	b = BUF_INIT;
	va_list		ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_fatal("%s", b.data);
	buf_dispose(&b);
	return cmd_usage(a->usage);
}

/*
 * The long options whose names start with the n bytes of name: the
 * one named exactly, else all of them (an abbreviation, as
 * getopt_long takes one).  Returns how many, the first in *first; two
 * names of one option (--grey, --gray) count once.
 */
static size_t
long_matches(const struct option *lo, const char *name, size_t n,
    const struct option **first, struct buf *names)
{
	const struct option	*o, *p;
	size_t			 k = 0;

	*first = NULL;
	for (o = lo; o->name != NULL; o++)
		if (strlen(o->name) == n && strncmp(o->name, name, n) == 0) {
			*first = o;
			return 1;
		}
	for (o = lo; o->name != NULL; o++) {
		if (strncmp(o->name, name, n) != 0)
			continue;
		for (p = lo; p < o; p++)
			if (strncmp(p->name, name, n) == 0 &&
			    p->val == o->val && p->has_arg == o->has_arg)
				break;
		if (p < o)
			continue;
		if (*first == NULL)
			*first = o;
		if (names != NULL)
			buf_printf(names, "%s--%s", k > 0 ? " or " : "",
			    o->name);
		k++;
	}
	return k;
}

/* The word after "--name " in usage line u ("N" of "[--jobs N]"), in
 * b, or nothing. */
static void
usage_value(const char *u, const char *name, struct buf *b)
{
	const char	*p = u;
	size_t		 n = strlen(name);

	while ((p = strstr(p, "--")) != NULL) {
		p += 2;
		if (strncmp(p, name, n) == 0 && p[n] == ' ') {
			p += n + 1;
			buf_put(b, p, strcspn(p, " ]|)"));
			return;
		}
	}
}

/* Says what getopt_long found wrong (c is '?' or ':'). */
static void
args_error(const struct cmd_args *a, int c)
{
	const struct option	*o = NULL;
	struct buf		 names = BUF_INIT, meta = BUF_INIT;
	const char		*el = NULL, *name = NULL;
	size_t			 n = 0, k = 0;

	/* the element a long option's error is about: getopt_long has
	 * stepped past it (a short option in a cluster may not have) */
	if (optind > 1 && optind - 1 < a->argc)
		el = a->argv[optind - 1];
	if (el != NULL && el[0] == '-' && el[1] == '-') {
		name = el + 2;
		n = strcspn(name, "=");
		k = long_matches(a->longopts, name, n, &o, &names);
	}
	if (c == '?' && optopt == 0 && name != NULL && k > 1)
		cmd_args_fail(a, "ambiguous option '--%.*s': %s?", (int)n,
		    name, names.data);
	else if (c == '?' && optopt == 0 && name != NULL)
		cmd_args_fail(a, "unknown option '--%.*s'", (int)n, name);
	else if (c == '?' && k == 1 && o->val == optopt &&
	    o->has_arg == no_argument && name[n] == '=')
		cmd_args_fail(a, "--%s takes no value, not '%s'", o->name,
		    name + n + 1);
	else if (c == ':') {
		if (k != 1 || o->val != optopt) {
			/* a short option: said as typed, with its long
			 * name's value */
			for (o = a->longopts; o->name != NULL &&
			    o->val != optopt; o++)
				;
			buf_printf(&names, "-%c", optopt);
		} else
			buf_printf(&names, "--%s", o->name);
		if (o->name != NULL)
			usage_value(a->usage, o->name, &meta);
		if (meta.len > 0)
			cmd_args_fail(a, "%s needs a value (--%s %s)",
			    names.data, o->name, meta.data);
		else
			cmd_args_fail(a, "%s needs a value", names.data);
	} else if (optopt > 0x20 && optopt < 0x7f)
		cmd_args_fail(a, "unknown option '-%c'", optopt);
	else
		cmd_args_fail(a, "unknown option in '%s'",
		    el != NULL ? el : "");
	buf_dispose(&names);
	buf_dispose(&meta);
}

int
cmd_args_next(struct cmd_args *a)
{
	const struct option	*o;
	size_t			 i;
	int			 c;

	c = getopt_long(a->argc, a->argv, a->shortopts, a->longopts, NULL);
	if (c == '?' || c == ':') {
		args_error(a, c);
		return CMD_ARGS_BAD;
	}
	if (c == -1 || optarg == NULL)
		return c;
	/* an option that takes one value: the first it was given, if any */
	for (o = a->longopts; o->name != NULL; o++)
		if (o->val == c && o->has_arg == required_argument)
			break;
	for (i = 0; i < a->nseen && a->seen[i].val != c; i++)
		;
	if (i == a->nseen) {
		if (a->nseen < CMD_ARGS_MAX) {
			a->seen[i].val = c;
			a->seen[i].arg = optarg;
			a->nseen++;
		}
		return c;
	}
	if (strcmp(a->seen[i].arg, optarg) == 0)
		return c;	/* the same again: no conflict */
	if (o->name != NULL)
		cmd_args_fail(a, "--%s given twice ('%s', then '%s')",
		    o->name, a->seen[i].arg, optarg);
	else
		cmd_args_fail(a, "-%c given twice ('%s', then '%s')", c,
		    a->seen[i].arg, optarg);
	return CMD_ARGS_BAD;
}

int
cmd_operand(int argc, char *const argv[], const char **arg,
    const char *what)
{
	if (argc - optind > 1) {
		diag_fatal("unexpected argument '%s': %s", argv[optind + 1],
		    what);
		return -1;
	}
	if (argc - optind == 1)
		*arg = argv[optind];
	return 0;
}

/*
 * The strings cmd_repo and cmd_repo_file give, which live as long as
 * the process (a command asks for two or three): held here, so that a
 * leak checker sees them reachable.
 */
static struct {
	char	**s;
	size_t	  n, cap;
} kept;

static const char *
keep(char *s)
{
	xgrow(&kept.s, &kept.cap, kept.n + 1, sizeof(*kept.s));
	return kept.s[kept.n++] = s;
}

/* 1 if folder dir holds config.yaml (a file) and content/ (a folder):
 * the top of a content repository. */
static int
repo_top(const char *dir)
{
	struct stat	 st;
	char		*p;
	int		 top;

	p = xasprintf("%s/config.yaml", dir);
	top = stat(p, &st) == 0 && S_ISREG(st.st_mode);
	free(p);
	if (!top)
		return 0;
	p = xasprintf("%s/content", dir);
	top = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
	free(p);
	return top;
}

/* 1 if folder dir is the top of a git work tree (holds .git), or the
 * top of the file system: where a search upward stops. */
static int
search_end(const char *dir)
{
	struct stat	 a, b;
	char		*p;
	int		 end;

	p = xasprintf("%s/.git", dir);
	end = lstat(p, &a) == 0;
	free(p);
	if (end)
		return 1;
	p = xasprintf("%s/..", dir);
	end = stat(dir, &a) == -1 || stat(p, &b) == -1 ||
	    (a.st_dev == b.st_dev && a.st_ino == b.st_ino);
	free(p);
	return end;
}

/* The last up path components of folder path cwd ("content/a" for 2
 * of "/srv/r/content/a"), in a new string, or NULL. */
static char *
last_components(const char *cwd, int up)
{
	const char	*p = cwd + strlen(cwd);

	while (up > 0 && p > cwd) {
		p--;
		if (*p == '/')
			up--;
	}
	return up == 0 ? xstrdup(p + 1) : NULL;
}

/*
 * The way up from the current folder to the nearest folder that is
 * the top of a content repository, or NULL.  The search stops at the
 * top of a git work tree, as git's own does, and at the top of the file
 * system.  *up gets how many folders up it is.
 */
static char *
find_tree(int *up)
{
	struct buf	 b = BUF_INIT;
	int		 n;

	buf_puts(&b, ".");
	for (n = 0; n < 4096; n++) {
		if (repo_top(b.data)) {
			*up = n;
			return buf_detach(&b, NULL);
		}
		if (search_end(b.data))
			break;
		if (n == 0)
			buf_reset(&b);
		else
			buf_putc(&b, '/');
		buf_puts(&b, "..");
	}
	buf_dispose(&b);
	return NULL;
}

const char *
cmd_repo(enum cmd_find how)
{
	struct buf	 b = BUF_INIT;
	struct stat	 st;
	char		*cwd, *top = NULL, *sub = NULL;
	const char	*rest;
	size_t		 n;
	int		 up = 0, bare = 0;

	/* at the top, as most runs are: no search */
	if (how == CMD_FIND_GIT ? lstat(".git", &st) == 0 : repo_top("."))
		return ".";
	if ((cwd = getcwd(NULL, 0)) == NULL)
		return ".";
	if (how == CMD_FIND_TREE) {
		if ((top = find_tree(&up)) != NULL && up > 0)
			sub = last_components(cwd, up);
		if (top == NULL || up == 0) {
			free(top);
			top = NULL;
		}
	} else if ((top = repo_discover(".", &bare)) != NULL) {
		n = strlen(top);
		rest = strcmp(top, "/") == 0 ? cwd + 1 :
		    strncmp(cwd, top, n) == 0 && cwd[n] == '/' ? cwd + n + 1 :
		    NULL;
		if (strcmp(cwd, top) == 0) {
			free(top);
			top = NULL;
		} else if (rest != NULL && !bare) {
			/* the way up, as the tree's is: messages name it
			 * relative to where the user is */
			sub = xstrdup(rest);
			while (*rest != '\0') {
				buf_puts(&b, b.len > 0 ? "/.." : "..");
				rest += strcspn(rest, "/");
				rest += *rest == '/';
			}
			free(top);
			top = buf_detach(&b, NULL);
		}
		/* else: a bare repository, or not the way up (a work
		 * tree elsewhere): its absolute path */
	}
	free(cwd);
	if (top == NULL) {
		free(sub);
		return ".";
	}
	diag_subdir(sub);
	free(sub);
	return keep(top);
}

const char *
cmd_repo_file(const char *repo, const char *name)
{
	if (strcmp(repo, ".") == 0)
		return name;
	return keep(xasprintf("%s/%s", repo, name));
}

/*
 * The commit at the start of the file at path (a JSON object's first
 * key "commit", or json 0: the hex alone), and when the file was
 * written.  1 if found, 0 if not, -1 if there is no such file.
 */
static int
anchor_file(const char *path, int json, struct oid *id, int64_t *when)
{
	char		 head[4096], hex[OID_HEXSZ + 1], *p = head;
	struct stat	 st;
	ssize_t		 n;
	int		 fd, found = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, head, sizeof(head) - 1);
	if (n > 0 && fstat(fd, &st) == 0) {
		head[n] = '\0';
		if (json && (p = strstr(head, "\"commit\"")) != NULL &&
		    (p = strchr(p + 8, '"')) != NULL)
			p++;
		if (p != NULL && strlen(p) >= OID_HEXSZ &&
		    p[OID_HEXSZ] == (json ? '"' : '\n')) {
			memcpy(hex, p, OID_HEXSZ);
			hex[OID_HEXSZ] = '\0';
			found = oid_parse(id, hex) == 0;
			*when = (int64_t)st.st_mtime;
		}
	}
	close(fd);
	return found;
}

/*
 * The commit of the previous gated build into folder out, and when it
 * ran: from the live site's provenance.json (whose first key is
 * "commit"), else, while out is there, from the file beside it that
 * every gated build writes (cmd_anchor_write): a preview into out
 * leaves it alone, and a shard or --unit build, without a
 * provenance.json, has it too.
 * Returns 1 when found, 0 when there is no earlier gated build (or out
 * is NULL).
 */
static int
anchor_read(const char *out, struct oid *id, int64_t *when)
{
	struct stat	 st;
	char		*path, *beside;
	const char	*silent = NULL; /* the file that named no commit */
	int		 found;

	if (out == NULL)
		return 0;
	path = xasprintf("%s/provenance.json", out);
	beside = fsout_beside(out, "anchor");
	if ((found = anchor_file(path, 1, id, when)) == 0)
		silent = path;
	/* (a site removed by hand takes its record with it, as its
	 * provenance.json goes: a new start) */
	if (found != 1 && stat(out, &st) == 0 && S_ISDIR(st.st_mode) &&
	    (found = anchor_file(beside, 0, id, when)) == 0)
		silent = beside;
	if (found != 1 && silent != NULL)
		diag_warn(silent, 0, 0, "no commit recorded: the previous "
		    "build's commit is unknown, so a rewritten history is not "
		    "detected this time");
	free(path);
	free(beside);
	return found == 1;
}

int
cmd_out_check(const char *out, const char *path)
{
	char	*content = xasprintf("%s/content", path);
	int	 in = path_within(out, content);

	free(content);
	if (!in)
		return EXIT_OK;
	diag_fatal("--out '%s' is inside the repository's content/ folder, "
	    "where every file is an item or an attachment: the next build "
	    "would read the site as content; choose a folder outside "
	    "content/", out);
	return EXIT_USAGE;
}

void
cmd_anchor_write(const char *out, const struct gate *g)
{
	char	 line[OID_HEXSZ + 2], *beside;

	if (out == NULL || g == NULL)
		return;
	oid_fmt(line, &g->head);
	line[OID_HEXSZ] = '\n';
	line[OID_HEXSZ + 1] = '\0';
	beside = fsout_beside(out, "anchor");
	/* a build it could not record is still done: the next one warns */
	if (fsout_replace_file(beside, line, OID_HEXSZ + 1) == -1)
		diag_note("the built commit was not recorded beside '%s'",
		    out);
	free(beside);
}

int
cmd_gate(const char *path, const char *ref, const char *trust,
    const char *out, int accept_rewrite, enum cmd_keep keep,
    struct repo **repo, struct gate **gate)
{
	struct buf	 keys = BUF_INIT;
	struct gate_opts o;
	struct oid	 prev;
	char		*cdir = NULL;
	int		 rc = -1, r;

	*repo = NULL;
	*gate = NULL;
	if ((r = source_file_read(trust, &keys)) != 0) {
		if (r == 1)
			diag_fatal("--trust '%s': no such file", trust);
		goto out;
	}
	if (repo_open(path, repo) == -1)
		goto out;
	/* The cache is believed, so it lives outside the repository, in a
	 * folder only we can write (NULL: none, said on stderr). */
	cdir = cachedir_open(NULL, path, repo_gitdir(*repo),
	    "signatures are verified without a cache");
	memset(&o, 0, sizeof(o));
	o.ref = ref;
	o.trust_name = trust;
	o.trust = keys.data;
	o.trust_len = keys.len;
	o.cache_dir = cdir;
	o.now = (int64_t)time(NULL);
	o.accept_rewrite = accept_rewrite;
	if (anchor_read(out, &prev, &o.anchor_time))
		o.anchor = &prev;
	o.keep_texts = keep == CMD_KEEP_ALL ||
	    (keep == CMD_KEEP_FIRST && o.anchor == NULL);
	/* the privacy verdicts of every version in history: most were
	 * given by the last run */
	o.pc = open_privcache(cdir != NULL ? xstrdup(cdir) : NULL,
	    "privacy/gate");
	if ((r = gate_eval(*repo, &o, gate)) == 0)
		privcache_save(o.pc);
	privcache_free(o.pc);
	if (r == -1)
		goto out;
	/* A cache that cannot be written only costs time next run. */
	if ((*gate)->cache_file != NULL && (*gate)->cache_changed &&
	    fsout_replace_file((*gate)->cache_file, (*gate)->cache.data,
	    (*gate)->cache.len) == -1)
		diag_note("the verification cache was not saved");
	rc = 0;
out:
	if (rc == -1) {
		gate_free(*gate);
		repo_free(*repo);
		*gate = NULL;
		*repo = NULL;
	}
	free(cdir);
	buf_dispose(&keys);
	return rc;
}

int
cmd_need_trust(const char *cmd, const char *trust, const char *what)
{
	if (trust != NULL)
		return 0;
	diag_fatal("%s needs --trust FILE: what %s depends on the "
	    "administrators' keys", cmd, what);
	return -1;
}

int
cmd_opt(struct cmd_opts *o, int c, const char *arg)
{
	switch (c) {
	case CMD_OPT_REF:
		o->ref = arg;
		return 1;
	case CMD_OPT_TRUST:
		o->trust = arg;
		return 1;
	case CMD_OPT_PREVIEW:
		o->preview = 1;
		return 1;
	case CMD_OPT_UNIT:
		o->unit = arg;
		return 1;
	default:
		return 0;
	}
}

int
cmd_src_open(const char *path, const struct cmd_opts *o, const char *verb,
    struct cmd_src *cs)
{
	const char		*ref = o->ref != NULL ? o->ref : "HEAD";
	const char		*trust = o->trust;
	int			 rc = EXIT_CONTENT;

	memset(cs, 0, sizeof(*cs));
	if (o->preview) {
		if (trust != NULL || o->ref != NULL) {
			diag_fatal("--preview reads the working tree without "
			    "the gate: %s makes no sense with it",
			    trust != NULL ? "--trust" : "--ref");
			return EXIT_USAGE;
		}
		if (source_fs_open(path, &cs->src) == -1)
			return EXIT_CONTENT;
		cs->today = cmd_today();
		return EXIT_OK;
	}
	if (trust == NULL) {
		diag_fatal("refusing to %s without --trust FILE: only text "
		    "approved by reviewers in force under the administrators' "
		    "keys may be published (editors: use --preview)", verb);
		return EXIT_USAGE;
	}
	if (cmd_gate(path, ref, trust, o->out, o->accept_rewrite, o->keep,
	    &cs->repo, &cs->gate) == -1)
		goto out;
	if (cs->gate->cfg == NULL) {
		diag_fatal("no approved config.yaml at '%s': the "
		    "administrators (--trust) have not approved governance "
		    "yet, so nothing can be published", ref);
		goto out;
	}
	if (pubsrc_open(cs->repo, cs->gate, &cs->src) == -1)
		goto out;
	{
		char	hex[OID_HEXSZ + 1];

		oid_fmt(hex, &cs->gate->head);
		memcpy(cs->hex, hex, sizeof(cs->hex) - 1);
		cs->hex[sizeof(cs->hex) - 1] = '\0';
	}
	cs->version = cs->hex;
	cs->today = cmd_today();
	rc = EXIT_OK;
out:
	if (rc != EXIT_OK)
		cmd_src_close(cs);
	return rc;
}

int
cmd_prov(const struct cmd_src *cs, const struct site *site,
    struct prov **out)
{
	if (cs->gate == NULL) {
		*out = prov_ungated();
		return 0;
	}
	return prov_new(cs->gate, site, cs->today, out);
}

void
cmd_src_end(struct cmd_src *cs)
{
#ifdef __SANITIZE_ADDRESS__
	cmd_src_close(cs);
#else
	(void)cs;
#endif
}

void
cmd_src_close(struct cmd_src *cs)
{
	source_free(cs->src);
	gate_free(cs->gate);
	repo_free(cs->repo);
	memset(cs, 0, sizeof(*cs));
}

/*
 * A rebuild of 100,000 items touched over a gigabyte of fresh heap in
 * its processes, a page fault each 4 KiB (378,000; each costs a few
 * microseconds on a virtual machine): with transparent huge pages for
 * the heap, 60,000, and the rebuild took a quarter less time
 * (bench/README.md).  glibc gives its heap huge pages when its tunable
 * glibc.malloc.hugetlb is 1, and reads tunables only as a program
 * starts: so a command that works on a big site starts once more with
 * it set.  Starting costs 30 ms (78 shared libraries loaded again),
 * which a site of a few hundred items does not win back (a tenth of a
 * build of 100 items; at 1,000 to 3,000 the two come out about even,
 * at 10,000 the restart wins).  So a site is big when content/ holds
 * more than HUGE_ENTRIES files and folders, or when they cannot be
 * counted (a bare repository).  A tunable the
 * caller set is left alone (hugetlb=0 turns this off); if the program
 * cannot be started again, it goes on as it is.
 */
#define HUGE_ENTRIES	1024
#define HUGETLB		"glibc.malloc.hugetlb="

struct count {
	int	 fd;		/* the folder listed */
	size_t	*left;		/* entries still to find */
	int	 depth;
};

static void	count_below(int fd, size_t *left, int depth);

static int
count_one(void *arg, const char *name, unsigned char type)
{
	struct count	*c = arg;
	int		 fd;

	(*c->left)--;
	if ((type == DT_DIR || type == DT_UNKNOWN) && c->depth < 64 &&
	    (fd = openat(c->fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) != -1)
		count_below(fd, c->left, c->depth + 1);
	return *c->left == 0;
}

/* Counts down *left for the entries below folder fd (closed), at most
 * to 0. */
static void
count_below(int fd, size_t *left, int depth)
{
	struct count	c = { fd, left, depth };

	if (*left > 0)
		(void)dirlist_each(fd, count_one, &c);
	close(fd);
}

void
cmd_huge_pages(char **argv, const char *path)
{
	const char	*old = getenv("GLIBC_TUNABLES");
	char		*v;
	size_t		 left = HUGE_ENTRIES;
	int		 fd;

	if (old != NULL && strstr(old, HUGETLB) != NULL)
		return;
	v = xasprintf("%s/content", path);
	fd = open(v, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(v);
	if (fd != -1) {
		count_below(fd, &left, 0);
		if (left > 0)
			return;
	}
	v = old != NULL && *old != '\0' ? xasprintf("%s:" HUGETLB "1", old) :
	    xstrdup(HUGETLB "1");
	if (setenv("GLIBC_TUNABLES", v, 1) == 0) {
		execv("/proc/self/exe", argv - 1);
		if (old != NULL)
			setenv("GLIBC_TUNABLES", old, 1);
		else
			unsetenv("GLIBC_TUNABLES");
	}
	free(v);
}
