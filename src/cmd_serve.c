/*
 * cmd_serve.c -- gongkai serve: build into a scratch folder, serve it
 * on 127.0.0.1, rebuild when the repository changes, reload the pages.
 *
 * Every build is `gongkai build` run as a child process into the
 * scratch folder: the normal build path (atomic, so a failed build
 * leaves the last good site in place, and incremental whenever build
 * is), and a build that crashes cannot take the server down.  One
 * thread, one select() loop: the HTTP server, inotify, and a signalfd
 * for SIGINT, SIGTERM and SIGCHLD.
 */
/* nftw() */
#define _XOPEN_SOURCE 700

#include <sys/inotify.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "esc.h"
#include "gate.h"
#include "http.h"
#include "repo.h"
#include "source.h"
#include "strmap.h"
#include "util.h"

extern char **environ;

static const char usage[] = "gongkai serve [--port N] [--trust FILE] "
    "[--preview] [REPO]";

#define DEFAULT_PORT	1313	/* as hugo server */
#define DEBOUNCE_MS	150	/* quiet time after an edit before building */

static int
help(void)
{
	printf("usage: %s\n\n"
	    "Builds REPO into a scratch folder and serves it on\n"
	    "http://127.0.0.1:PORT/ only.  When a file under content/,\n"
	    "themes/ or keys/, or config.yaml changes, it builds again and\n"
	    "open pages reload themselves (a small script; without it,\n"
	    "reload by hand).  A failed build keeps the last good site and\n"
	    "shows the error on every page and on stderr.  Never writes\n"
	    "site-out/ or the repository; the scratch folder is removed on\n"
	    "SIGINT or SIGTERM.\n\n"
	    "  --port N       port (default %d; 0: any free port)\n"
	    "  --preview      the working tree without the approval gate\n"
	    "                 (the default)\n"
	    "  --trust FILE   what the approval gate publishes at HEAD under\n"
	    "                 these administrators' keys, rebuilt on every\n"
	    "                 commit; pages of items whose newer version\n"
	    "                 waits say for whom.  With --preview too: the\n"
	    "                 working tree, with those banners\n\n"
	    "The first line on stdout is the address served.\n\n"
	    "Without REPO, the repository is found from the current folder\n"
	    "as git finds its own: the nearest folder up that holds\n"
	    "config.yaml and content/, or with --trust alone the top of the\n"
	    "git work tree.\n\n"
	    "Exit status: 0 after SIGINT or SIGTERM, 1 if it cannot serve,\n"
	    "2 usage.\n", usage, DEFAULT_PORT);
	return EXIT_OK;
}

/* One inotify watch: the folder it watches, relative to the repo. */
struct watch {
	int	 wd;
	char	*dir;		/* "content/a", "" for the repo, ".git" */
};

struct serve {
	const char	*repo;		/* REPO */
	const char	*trust;		/* --trust, or NULL */
	int		 gated;		/* build the gate's view */
	char		*self;		/* this program, for the builds */
	char		*scratch;	/* our folder: site/ and build.log */
	char		*site;		/* scratch/site: what is served */
	char		*log;		/* scratch/build.log */
	int		 have_site;	/* a build succeeded once */
	unsigned long	 gen;		/* builds finished: pages reload
					   when it moves */
	struct buf	 error;		/* the last build's stderr when it
					   failed, else empty */
	pid_t		 child;		/* the build running, or -1 */
	int		 dirty;		/* a change since it started */
	long		 due;		/* when to build (debounce), mono_ms */
	int		 pending;	/* due is set */
	int		 ino;		/* inotify descriptor */
	struct watch	*w;
	size_t		 nw, capw;
	char		**banner;	/* waiting banners (HTML), by page */
	char		**pages;	/* their pages (the map's keys) */
	size_t		 nbanner, capbanner, cappages;
	struct strmap	 bypage;	/* page path -> banner index */
};

/* ---- the scratch folder ------------------------------------------- */

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if ((flag == FTW_DP ? rmdir(path) : unlink(path)) == -1 &&
	    errno != ENOENT)
		diag_warn(path, 0, 0, "cannot remove: %s", strerror(errno));
	return 0;
}

static void
rm_tree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- banners of waiting items (gated) ----------------------------- */

static void
banners_clear(struct serve *s)
{
	size_t	i;

	strmap_dispose(&s->bypage);
	strmap_init(&s->bypage);
	for (i = 0; i < s->nbanner; i++) {
		free(s->banner[i]);
		free(s->pages[i]);
	}
	s->nbanner = 0;
}

/* The page of item path ("content/a/f/x.md" -> "a/f/x.html"), or
 * NULL when it is no item. */
static char *
item_page(const char *path)
{
	size_t	n = strlen(path);

	if (!str_prefix(path, "content/") || str_suffix(path, "/_unit.yaml"))
		return NULL;
	if (str_suffix(path, ".md"))
		n -= 3;
	else if (str_suffix(path, ".yaml"))
		n -= 5;
	else
		return NULL;
	return xasprintf("%.*s.html", (int)(n - strlen("content/")),
	    path + strlen("content/"));
}

/* The banner of a path whose live version waits: for whom, and why
 * the approvals it has do not count. */
static char *
banner_of(const struct gate *g, const struct gate_path *p)
{
	struct gate_attempt	*a;
	struct buf		 b = BUF_INIT;
	size_t			 i, n;
	const char		*who;
	int			 ul = 0;

	buf_puts(&b, "<div class=\"gk-serve-wait\" role=\"status\"><strong>"
	    "本条目有新版本等待审核</strong>（a newer version waits）：");
	if (p->live->veto != NULL) {
		buf_puts(&b, "它不能发布：");
		esc_html(&b, p->live->veto, strlen(p->live->veto));
	} else {
		buf_printf(&b, "还需 %d 人批准", p->required - p->have);
		for (i = 0; i < p->neligible; i++) {
			buf_puts(&b, i ? "、" : "；可批准者：");
			esc_html(&b, p->eligible[i], strlen(p->eligible[i]));
		}
		if (p->neligible == 0)
			buf_puts(&b, "；没有可批准的审核人（no reviewer in "
			    "force can approve it）");
	}
	buf_puts(&b, "。");
	n = gate_attempts(g, p->path, &a);
	for (i = 0; i < n; i++) {
		if (a[i].verdict == GATE_WOULD_COUNT)
			continue;
		if (!ul++)
			buf_puts(&b, "<ul>");
		who = a[i].reviewer != NULL ? a[i].reviewer :
		    a[i].fpr[0] != '\0' ? a[i].fpr :
		    "an unsigned or unverified commit";
		buf_puts(&b, "<li>");
		esc_html(&b, who, strlen(who));
		buf_puts(&b, "'s approval does not count: ");
		who = gate_verdict_text(a[i].verdict);
		esc_html(&b, who, strlen(who));
		buf_puts(&b, "</li>");
	}
	if (ul)
		buf_puts(&b, "</ul>");
	free(a);
	buf_puts(&b, "</div>");
	return buf_detach(&b, NULL);
}

/* Runs the gate in process to learn what waits, for the banners.  A
 * failure only costs the banners (the build reports it too). */
static void
banners_load(struct serve *s)
{
	struct repo		*repo = NULL;
	struct gate		*g = NULL;
	const struct gate_path	*p;
	size_t			 i;
	char			*page;

	banners_clear(s);
	if (s->trust == NULL ||
	    cmd_gate(s->repo, "HEAD", s->trust, NULL, 1, CMD_KEEP_NONE,
	    &repo, &g) == -1)
		goto out;
	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		if (p->live == NULL || p->live == p->published ||
		    (p->required <= p->have && p->live->veto == NULL) ||
		    (page = item_page(p->path)) == NULL)
			continue;
		if (strmap_get(&s->bypage, page, NULL)) {
			free(page);	/* x.md and x.yaml: one page */
			continue;
		}
		xgrow(&s->banner, &s->capbanner, s->nbanner + 1,
		    sizeof(*s->banner));
		xgrow(&s->pages, &s->cappages, s->nbanner + 1,
		    sizeof(*s->pages));
		s->banner[s->nbanner] = banner_of(g, p);
		s->pages[s->nbanner] = page;	/* the map borrows it */
		strmap_put(&s->bypage, page, s->nbanner, NULL);
		s->nbanner++;
	}
out:
	gate_free(g);
	repo_free(repo);
}

/* ---- building ----------------------------------------------------- */

/* Milliseconds until the build is due, at least 0. */
static long
ms_until(const struct serve *s)
{
	long	ms = s->due - mono_ms();

	return ms < 0 ? 0 : ms;
}

/* Starts `gongkai build` into the scratch folder.  0 or -1. */
static int
build_start(struct serve *s)
{
	posix_spawn_file_actions_t	fa;
	posix_spawnattr_t		at;
	sigset_t			none, dfl;
	char				*argv[10];
	int				 n = 0, e;

	argv[n++] = s->self;
	argv[n++] = "build";
	if (s->gated) {
		argv[n++] = "--trust";
		argv[n++] = (char *)s->trust;
		/* A local preview of a history being amended. */
		argv[n++] = "--accept-rewrite";
	} else
		argv[n++] = "--preview";
	argv[n++] = "--out";
	argv[n++] = s->site;
	argv[n++] = (char *)s->repo;
	argv[n] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, s->log,
	    O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawnattr_init(&at);
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGTERM);
	sigaddset(&dfl, SIGCHLD);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dfl);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK |
	    POSIX_SPAWN_SETSIGDEF);
	e = posix_spawn(&s->child, s->self, &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (e != 0) {
		s->child = -1;
		diag_fatal("cannot run '%s build': %s", s->self, strerror(e));
		return -1;
	}
	s->dirty = 0;
	s->pending = 0;
	return 0;
}

/* The build ended with wait status st: take its log, count it. */
static void
build_done(struct serve *s, int st)
{
	struct buf	log = BUF_INIT;
	FILE		*f;
	char		 chunk[4096];
	size_t		 n;

	s->child = -1;
	if ((f = fopen(s->log, "r")) != NULL) {
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_put(&log, chunk, n);
		fclose(f);
	}
	fwrite(log.data, 1, log.len, stderr);
	buf_reset(&s->error);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		s->have_site = 1;
		diag_note("serve: built");
		banners_load(s);
	} else {
		if (WIFSIGNALED(st))
			buf_printf(&log, "build killed by signal %d\n",
			    WTERMSIG(st));
		buf_put(&s->error, log.data, log.len);
		if (s->error.len == 0)
			buf_puts(&s->error, "the build failed\n");
		diag_note("serve: build failed; %s",
		    s->have_site ? "serving the last good build" :
		    "nothing to serve yet");
	}
	s->gen++;
	buf_dispose(&log);
}

/* ---- watching ----------------------------------------------------- */

static void watch_tree(struct serve *s, const char *dir);

static void
watch_add(struct serve *s, const char *dir, uint32_t mask)
{
	char	*full = dir[0] ? xasprintf("%s/%s", s->repo, dir) :
		    xstrdup(s->repo);
	int	 wd;
	size_t	 i;

	wd = inotify_add_watch(s->ino, full, mask | IN_ONLYDIR);
	free(full);
	if (wd == -1)
		return;		/* gone already, or not a folder */
	for (i = 0; i < s->nw; i++)
		if (s->w[i].wd == wd) {
			free(s->w[i].dir);
			s->w[i].dir = xstrdup(dir);
			return;
		}
	xgrow(&s->w, &s->capw, s->nw + 1, sizeof(*s->w));
	s->w[s->nw].wd = wd;
	s->w[s->nw].dir = xstrdup(dir);
	s->nw++;
}

#define TREE_EVENTS	(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | \
			 IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB)

/* Watches dir and every folder below it (new ones are added as they
 * appear). */
static void
watch_tree(struct serve *s, const char *dir)
{
	char		*full = xasprintf("%s/%s", s->repo, dir), *sub;
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;

	watch_add(s, dir, TREE_EVENTS);
	if ((d = opendir(full)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			sub = xasprintf("%s/%s", full, e->d_name);
			if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
				free(sub);
				sub = xasprintf("%s/%s", dir, e->d_name);
				watch_tree(s, sub);
			}
			free(sub);
		}
		closedir(d);
	}
	free(full);
}

static const char *const trees[] = { "content", "themes", "keys", NULL };

static void
watch_start(struct serve *s)
{
	size_t	i;

	/* The top: config.yaml, and the trees when they appear. */
	watch_add(s, "", TREE_EVENTS);
	for (i = 0; trees[i] != NULL; i++)
		watch_tree(s, trees[i]);
	if (s->gated) {
		/* A gated view reads commits: watch what moves HEAD. */
		watch_add(s, ".git", TREE_EVENTS);
		watch_tree(s, ".git/refs");
	}
}

static const char *
watch_dir(const struct serve *s, int wd)
{
	size_t	i;

	for (i = 0; i < s->nw; i++)
		if (s->w[i].wd == wd)
			return s->w[i].dir;
	return NULL;
}

/* Whether event ev in folder dir changes what a build reads. */
static int
relevant(struct serve *s, const char *dir, const struct inotify_event *ev)
{
	const char	*name = ev->len ? ev->name : "";
	char		*sub;
	size_t		 i;

	if (name[0] == '.' && strcmp(dir, ".git") != 0)
		return 0;	/* editors' swap files; builds skip these */
	if (str_suffix(name, ".lock") || str_suffix(name, "~"))
		return 0;
	if (dir[0] == '\0') {
		for (i = 0; trees[i] != NULL; i++)
			if (strcmp(name, trees[i]) == 0) {
				if (ev->mask & (IN_CREATE | IN_MOVED_TO))
					watch_tree(s, name);
				return 1;
			}
		return strcmp(name, "config.yaml") == 0;
	}
	if (strcmp(dir, ".git") == 0)
		return strcmp(name, "HEAD") == 0 ||
		    strcmp(name, "packed-refs") == 0;
	if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
		sub = xasprintf("%s/%s", dir, name);
		watch_tree(s, sub);
		free(sub);
	}
	return 1;
}

static void
watch_read(struct serve *s)
{
	char				 b[8192]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event	*ev;
	const char			*dir;
	ssize_t				 n;
	char				*p;
	int				 hit = 0;

	while ((n = read(s->ino, b, sizeof(b))) > 0)
		for (p = b; p < b + n; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)p;
			if (ev->mask & IN_Q_OVERFLOW) {
				hit = 1;
				continue;
			}
			if ((dir = watch_dir(s, ev->wd)) != NULL &&
			    relevant(s, dir, ev))
				hit = 1;
		}
	if (!hit)
		return;
	/* Debounce: an editor's save is several events. */
	s->due = mono_ms() + DEBOUNCE_MS;
	s->pending = 1;
	if (s->child != -1)
		s->dirty = 1;
}

/* ---- answering ---------------------------------------------------- */

static const char reload_js[] =
    "/* gongkai serve: reload when a new build is served. */\n"
    "(function () {\n"
    "\tvar me = document.currentScript;\n"
    "\tvar gen = me ? me.getAttribute('data-build') : null;\n"
    "\tfunction poll() {\n"
    "\t\tvar x = new XMLHttpRequest();\n"
    "\t\tx.open('GET', '/__gongkai/build', true);\n"
    "\t\tx.onload = function () {\n"
    "\t\t\tif (x.status === 200 && gen !== null &&\n"
    "\t\t\t    x.responseText !== gen)\n"
    "\t\t\t\tlocation.reload();\n"
    "\t\t\telse\n"
    "\t\t\t\tsetTimeout(poll, 1000);\n"
    "\t\t};\n"
    "\t\tx.onerror = function () { setTimeout(poll, 3000); };\n"
    "\t\tx.send();\n"
    "\t}\n"
    "\tsetTimeout(poll, 1000);\n"
    "}());\n";

static const char serve_css[] =
    "/* gongkai serve: its banners over the page. */\n"
    ".gk-serve-error, .gk-serve-wait { margin: 0; padding: .75em 1em;\n"
    "  font: 15px/1.5 sans-serif; border-bottom: 3px solid; }\n"
    ".gk-serve-error { background: #fde8e8; color: #7a0b0b; }\n"
    ".gk-serve-wait { background: #fff6d6; color: #4d3b00; }\n"
    ".gk-serve-error pre { white-space: pre-wrap; margin: .5em 0 0;\n"
    "  font-size: 13px; }\n"
    ".gk-serve-wait ul { margin: .25em 0 0; }\n";

static const char *
type_of(const char *path)
{
	static const struct { const char *ext, *type; } t[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".xml", "application/xml" },
		/* the display's marquee for older LED controllers */
		{ ".gb18030.txt", "text/plain; charset=gb18030" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".csv", "text/csv; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" },
		{ ".webp", "image/webp" },
		{ ".ico", "image/x-icon" },
		{ ".pdf", "application/pdf" },
		/* attachments as offices send them */
		{ ".ofd", "application/ofd" },
		{ ".doc", "application/msword" },
		{ ".docx", "application/vnd.openxmlformats-officedocument."
		    "wordprocessingml.document" },
		{ ".xls", "application/vnd.ms-excel" },
		{ ".xlsx", "application/vnd.openxmlformats-officedocument."
		    "spreadsheetml.sheet" },
		{ ".zip", "application/zip" },
		{ ".woff2", "font/woff2" },
		{ ".woff", "font/woff" },
		{ ".otf", "font/otf" },
		{ ".ttf", "font/ttf" },
	};
	size_t	i;

	/* the first suffix that matches: longer ones come first */
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (str_suffix(path, t[i].ext))
			return t[i].type;
	return "application/octet-stream";
}

/* What goes at the top of every HTML page: the error of the last
 * build, the banner of a waiting item. */
static void
top(const struct serve *s, const char *page, struct buf *out)
{
	size_t	i;

	if (s->error.len > 0) {
		buf_puts(out, "<div class=\"gk-serve-error\" role=\"alert\">"
		    "<strong>重建失败（the last build failed）");
		buf_puts(out, s->have_site ? "：显示的是上一次成功的构建"
		    "（showing the last good build）" : "");
		buf_puts(out, "</strong><pre>");
		esc_html(out, s->error.data, s->error.len);
		buf_puts(out, "</pre></div>");
	}
	if (page != NULL && strmap_get(&s->bypage, page, &i))
		buf_puts(out, s->banner[i]);
}

/* Page html with our stylesheet, banners and reload script added. */
static void
inject(const struct serve *s, const char *page, const char *html,
    size_t len, struct buf *out)
{
	const char	*body = NULL, *head, *end = html + len, *p;
	struct buf	 tags = BUF_INIT;

	buf_printf(&tags, "<link rel=\"stylesheet\" "
	    "href=\"/__gongkai/serve.css\"><script "
	    "src=\"/__gongkai/reload.js\" data-build=\"%lu\" defer>"
	    "</script>", s->gen);
	/* Into <head> when there is one, else first. */
	head = strstr(html, "</head>");
	if (head == NULL || head > end)
		head = html;
	buf_put(out, html, (size_t)(head - html));
	buf_put(out, tags.data, tags.len);
	if ((p = strstr(head, "<body")) != NULL && p < end &&
	    (p = memchr(p, '>', (size_t)(end - p))) != NULL)
		body = p + 1;
	if (body == NULL)
		body = head;
	buf_put(out, head, (size_t)(body - head));
	top(s, page, out);
	buf_put(out, body, (size_t)(end - body));
	buf_dispose(&tags);
}

/* A page of our own (an error, nothing built yet). */
static void
own_page(const struct serve *s, struct http_resp *r, int status,
    const char *title)
{
	struct buf	html = BUF_INIT;

	/* in <main>: a page's content is in a landmark (axe's region) */
	buf_puts(&html, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\"><title>");
	esc_html(&html, title, strlen(title));
	buf_puts(&html, "</title></head><body><main><h1>");
	esc_html(&html, title, strlen(title));
	buf_puts(&html, "</h1><p><a href=\"/\">首页</a></p></main></body>"
	    "</html>\n");
	r->status = status;
	r->type = "text/html; charset=utf-8";
	inject(s, NULL, html.data, html.len, &r->body);
	buf_dispose(&html);
}

/* Whether the Host header names this machine: a page elsewhere must
 * not read a preview through a name that resolves here. */
static int
local_host(const char *h)
{
	size_t	n;

	if (str_prefix(h, "127.0.0.1"))
		n = 9;
	else if (str_prefix(h, "localhost"))
		n = 9;
	else if (str_prefix(h, "[::1]"))
		n = 5;
	else
		return 0;
	return h[n] == '\0' || h[n] == ':';
}

/* Whether URL path u ("/a/b.html") is safe to look up below the site:
 * no "." or ".." segment, no hidden name, no NUL. */
static int
safe_path(const char *u)
{
	const char	*p = u, *seg;
	size_t		 n;

	if (*p != '/')
		return 0;
	while (*p == '/') {
		seg = ++p;
		n = strcspn(seg, "/");
		if (n > 0 && seg[0] == '.')
			return 0;
		if (memchr(seg, '\\', n) != NULL)
			return 0;
		p = seg + n;
	}
	return *p == '\0';
}

static void
answer(void *arg, const struct http_req *q, struct http_resp *r)
{
	struct serve	*s = arg;
	struct buf	 rel = BUF_INIT, html = BUF_INIT;
	struct stat	 st;
	char		*full = NULL, chunk[8192];
	ssize_t		 n;
	int		 fd = -1;

	if (!local_host(q->host)) {
		r->status = 403;
		buf_puts(&r->body, "only http://127.0.0.1 or localhost\n");
		return;
	}
	/* A page elsewhere (any other origin, even another port here)
	 * must not read the preview through <script src>: browsers say
	 * where a request comes from. */
	if (q->fetch_site[0] != '\0' &&
	    strcmp(q->fetch_site, "same-origin") != 0 &&
	    strcmp(q->fetch_site, "none") != 0) {
		r->status = 403;
		buf_puts(&r->body, "only pages of this preview\n");
		return;
	}
	if (strcmp(q->path, "/__gongkai/reload.js") == 0) {
		r->type = "text/javascript; charset=utf-8";
		buf_puts(&r->body, reload_js);
		return;
	}
	if (strcmp(q->path, "/__gongkai/serve.css") == 0) {
		r->type = "text/css; charset=utf-8";
		buf_puts(&r->body, serve_css);
		return;
	}
	if (strcmp(q->path, "/__gongkai/build") == 0) {
		buf_printf(&r->body, "%lu", s->gen);
		return;
	}
	if (!s->have_site) {
		own_page(s, r, 503, s->error.len > 0 ? "构建失败（build "
		    "failed）" : "正在构建……（building）");
		return;
	}
	if (!safe_path(q->path)) {
		own_page(s, r, 404, "没有这个页面（not found）");
		return;
	}
	buf_puts(&rel, q->path + 1);
	if (rel.len == 0 || rel.data[rel.len - 1] == '/')
		buf_puts(&rel, "index.html");
	full = xasprintf("%s/%s", s->site, rel.data);
	if ((fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		own_page(s, r, 404, "没有这个页面（not found）");
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		/* Relative links need the slash. */
		own_page(s, r, 301, "moved");
		r->location = xasprintf("%s/", q->path);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		own_page(s, r, 404, "没有这个页面（not found）");
		goto out;
	}
	r->type = type_of(rel.data);
	if (!str_suffix(rel.data, ".html")) {
		r->fd = fd;
		r->size = (uint64_t)st.st_size;
		fd = -1;
		goto out;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_put(&html, chunk, (size_t)n);
	inject(s, rel.data, html.data, html.len, &r->body);
out:
	free(full);
	if (fd != -1)
		close(fd);
	buf_dispose(&rel);
	buf_dispose(&html);
}

/* ---- the loop ----------------------------------------------------- */

static int
loop(struct serve *s, struct http *h, int sfd)
{
	fd_set			 rs, ws, es;
	struct timeval		 tv, *tvp;
	struct signalfd_siginfo	 si;
	long			 t, d;
	int			 maxfd, st;
	pid_t			 pid;

	for (;;) {
		if (s->pending && s->child == -1 && ms_until(s) == 0 &&
		    build_start(s) == -1)
			return EXIT_CONTENT;
		FD_ZERO(&rs);
		FD_ZERO(&ws);
		FD_ZERO(&es);
		maxfd = sfd > s->ino ? sfd : s->ino;
		FD_SET(sfd, &rs);
		FD_SET(s->ino, &rs);
		if (http_fdset(h, &rs, &ws, &es, &maxfd) == -1)
			return EXIT_CONTENT;
		t = http_timeout(h);
		if (s->pending && s->child == -1) {
			d = ms_until(s);
			if (t < 0 || d < t)
				t = d;
		}
		tvp = NULL;
		if (t >= 0) {
			tv.tv_sec = t / 1000;
			tv.tv_usec = (t % 1000) * 1000;
			tvp = &tv;
		}
		if (select(maxfd + 1, &rs, &ws, &es, tvp) == -1) {
			if (errno == EINTR)
				continue;
			diag_fatal("select: %s", strerror(errno));
			return EXIT_CONTENT;
		}
		if (FD_ISSET(sfd, &rs) &&
		    read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
			if (si.ssi_signo == SIGINT || si.ssi_signo == SIGTERM)
				return EXIT_OK;
			while (s->child != -1 &&
			    (pid = waitpid(s->child, &st, WNOHANG)) > 0) {
				build_done(s, st);
				if (s->dirty)
					s->pending = 1;
			}
		}
		if (FD_ISSET(s->ino, &rs))
			watch_read(s);
		http_run(h);
	}
}

int
cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "trust", required_argument, NULL, 't' },
		{ "preview", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct serve	 s;
	struct cmd_args	 a;
	struct http	*h = NULL;
	sigset_t	 mask, old;
	const char	*tmp;
	char		*end, *tmpl = NULL;
	long		 port = DEFAULT_PORT;
	int		 c, rc = EXIT_CONTENT, sfd = -1, preview = 0, st;
	size_t		 i;

	memset(&s, 0, sizeof(s));
	s.child = -1;
	s.ino = -1;
	cmd_args_init(&a, argc, argv, usage, "h", opts);
	while ((c = cmd_args_next(&a)) != -1)
		switch (c) {
		case 'p':
			errno = 0;
			port = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    optarg[0] < '0' || optarg[0] > '9' || port > 65535)
				return cmd_args_fail(&a, "--port wants a port "
				    "number from 0 to 65535, not '%s'", optarg);
			break;
		case 't':
			s.trust = optarg;
			break;
		case 'P':
			preview = 1;
			break;
		case 'h':
			return help();
		default:
			return EXIT_USAGE;
		}
	if (cmd_operand(argc, argv, &s.repo, "serve takes one REPO folder")
	    == -1)
		return cmd_usage(usage);
	s.gated = s.trust != NULL && !preview;
	if (s.repo == NULL)
		s.repo = cmd_repo(s.gated ? CMD_FIND_GIT : CMD_FIND_TREE);
	cmd_huge_pages(argv, s.repo);
	strmap_init(&s.bypage);
	/* not a repository: nothing to wait for, unlike a broken file */
	if (access(s.repo, R_OK | X_OK) == -1) {
		diag_fatal("'%s': %s", s.repo, strerror(errno));
		return EXIT_CONTENT;
	}
	if (source_repo_check(s.repo) == -1)
		return EXIT_CONTENT;
	if (s.trust != NULL && access(s.trust, R_OK) == -1) {
		diag_fatal("--trust '%s': %s", s.trust, strerror(errno));
		return EXIT_CONTENT;
	}
	/* The builds run this very program. */
	s.self = realpath("/proc/self/exe", NULL);
	if (s.self == NULL)
		s.self = xstrdup(argv[-1] != NULL ? argv[-1] : "gongkai");

	/* Signals come through a descriptor, so the loop needs no global
	 * flag; a build started with posix_spawn gets them back. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, &old);
	if ((sfd = signalfd(-1, &mask, SFD_CLOEXEC)) == -1) {
		diag_fatal("signalfd: %s", strerror(errno));
		goto out;
	}
	tmp = getenv("TMPDIR");
	tmpl = xasprintf("%s/gongkai-serve-XXXXXX", tmp != NULL &&
	    tmp[0] != '\0' ? tmp : "/tmp");
	if (mkdtemp(tmpl) == NULL) {
		diag_fatal("cannot make a scratch folder '%s': %s", tmpl,
		    strerror(errno));
		goto out;
	}
	s.scratch = tmpl;
	tmpl = NULL;
	s.site = xasprintf("%s/site", s.scratch);
	s.log = xasprintf("%s/build.log", s.scratch);
	if ((s.ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1) {
		diag_fatal("inotify: %s", strerror(errno));
		goto out;
	}
	watch_start(&s);
	if (http_open((unsigned)port, answer, &s, &h) == -1)
		goto out;
	printf("serving http://127.0.0.1:%u/ (%s of %s)\n", http_port(h),
	    s.gated ? "what the gate publishes" : "preview", s.repo);
	fflush(stdout);
	s.pending = 1;		/* the first build, now */
	s.due = mono_ms();
	rc = loop(&s, h, sfd);
	diag_note("serve: stopping");
out:
	http_close(h);
	if (s.child != -1) {
		kill(s.child, SIGTERM);
		while (waitpid(s.child, &st, 0) == -1 && errno == EINTR)
			;
	}
	if (s.scratch != NULL)
		rm_tree(s.scratch);
	if (s.ino != -1)
		close(s.ino);
	if (sfd != -1)
		close(sfd);
	sigprocmask(SIG_SETMASK, &old, NULL);
	for (i = 0; i < s.nw; i++)
		free(s.w[i].dir);
	free(s.w);
	banners_clear(&s);
	free(s.banner);
	free(s.pages);
	strmap_dispose(&s.bypage);
	buf_dispose(&s.error);
	free(s.scratch);
	free(s.site);
	free(s.log);
	free(s.self);
	free(tmpl);
	return rc;
}
