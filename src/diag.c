/*
 * diag.c -- print diagnostics; see diag.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "util.h"

/* A diagnostic held back by diag_hold(). */
struct held {
	char	*path;		/* NULL: no position */
	int	 line;
	int	 col;
	size_t	 seq;		/* order reported, for a stable sort */
	char	*text;		/* the whole line, newline included */
};

/* The hold (diag.h): how deep, what waits, and where each bracket's
 * own began (for diag_drop). */
static struct {
	int		 depth;
	struct held	*v;
	size_t		 n;
	size_t		 cap;
	size_t		*from;	/* per depth: hold.n at its diag_hold */
	size_t		 cfrom;
} hold;

/* --quiet: errors only.  Set once, by the command, before any work;
 * the one piece of state here, since every message passes here. */
static int	quiet;

/* How many diagnostics were reported, shown or not (diag_said), and
 * of them warnings (diag_warned). */
static unsigned long	said, warned;

/* The current folder's repository path, "content/a/" (diag_subdir),
 * or NULL: repository paths are shown as they are. */
static char	*subdir;

unsigned long
diag_said(void)
{
	return said;
}

unsigned long
diag_warned(void)
{
	return warned;
}

void
diag_quiet(int on)
{
	quiet = on;
}

void
diag_subdir(const char *prefix)
{
	size_t	n;

	free(subdir);
	subdir = NULL;
	if (prefix == NULL || *prefix == '\0')
		return;
	n = strlen(prefix);
	subdir = prefix[n - 1] == '/' ? xstrdup(prefix) :
	    xasprintf("%s/", prefix);
}

/* 1 if path is a repository path: relative, under one of the names
 * a content repository has at its top (gongkai(5)).  A path the user
 * typed (--trust FILE, --theme DIR) is taken as it was typed. */
static int
repo_path(const char *path)
{
	static const char *const top[] = { "config.yaml", "content",
		"keys", "themes", NULL };
	size_t	i, n = strcspn(path, "/");

	for (i = 0; top[i] != NULL; i++)
		if (strlen(top[i]) == n && strncmp(path, top[i], n) == 0)
			return 1;
	return 0;
}

char *
diag_path(const char *path)
{
	struct buf	 b = BUF_INIT;
	const char	*p = path, *d = subdir;
	size_t		 n;

	if (subdir == NULL || !repo_path(path))
		return xstrdup(path);
	/* the folders path shares with the current one, whole names */
	while (*d != '\0') {
		n = strcspn(d, "/");
		if (strncmp(p, d, n) != 0 || (p[n] != '/' && p[n] != '\0'))
			break;
		d += n + 1;
		p += n + (p[n] == '/');
	}
	/* then up out of the rest of the current folder */
	for (; *d != '\0'; d += strcspn(d, "/") + 1)
		buf_puts(&b, "../");
	buf_puts(&b, p);
	if (b.len == 0)
		buf_putc(&b, '.');
	else if (*p == '\0')
		buf_truncate(&b, b.len - 1);	/* "../.." */
	return buf_detach(&b, NULL);
}

static void
vreport(const char *path, int line, int col, const char *kind,
    const char *fmt, va_list ap)
{
	struct buf	 b = BUF_INIT;
	struct held	*h;
	char		 msg[1024];

	line = line > 0 ? line : 1;
	col = col > 0 ? col : 1;
	if (path != NULL) {
		/* Problems with a whole file point at its start, so every
		 * message has the path:line:col form tools parse. */
		char	*shown = diag_path(path);

		esc_term(&b, shown);
		free(shown);
		buf_printf(&b, ":%d:%d: ", line, col);
	} else
		buf_puts(&b, "gongkai: ");
	if (kind != NULL)
		buf_printf(&b, "%s: ", kind);
	/* Longer messages are cut: they quote input at most in part. */
	vsnprintf(msg, sizeof(msg), fmt, ap);
	esc_term(&b, msg);
	buf_putc(&b, '\n');
	if (hold.depth == 0) {
		fputs(b.data, stderr);
		buf_dispose(&b);
		return;
	}
	xgrow(&hold.v, &hold.cap, hold.n + 1, sizeof(*hold.v));
	h = &hold.v[hold.n];
	h->path = path != NULL ? xstrdup(path) : NULL;
	h->line = line;
	h->col = col;
	h->seq = hold.n++;
	h->text = buf_detach(&b, NULL);
}

static int
held_cmp(const void *a, const void *b)
{
	const struct held	*x = a, *y = b;
	int			 c;

	if (x->path != NULL && y->path != NULL &&
	    (c = strcmp(x->path, y->path)) != 0)
		return c;
	if ((x->path == NULL) != (y->path == NULL))
		return x->path == NULL ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
diag_hold(void)
{
	xgrow(&hold.from, &hold.cfrom, (size_t)hold.depth + 1,
	    sizeof(*hold.from));
	hold.from[hold.depth++] = hold.n;
}

/* Frees held diagnostics from..hold.n - 1. */
static void
held_free(size_t from)
{
	size_t	i;

	for (i = from; i < hold.n; i++) {
		free(hold.v[i].text);
		free(hold.v[i].path);
	}
	hold.n = from;
}

void
diag_release(void)
{
	size_t	i;

	if (hold.depth == 0 || --hold.depth > 0)
		return;
	if (hold.n > 1)		/* qsort(NULL, 0, ...) is undefined */
		qsort(hold.v, hold.n, sizeof(*hold.v), held_cmp);
	for (i = 0; i < hold.n; i++)
		fputs(hold.v[i].text, stderr);
	held_free(0);
	free(hold.v);
	free(hold.from);
	hold.v = NULL;
	hold.from = NULL;
	hold.cap = hold.cfrom = 0;
}

void
diag_drop(void)
{
	if (hold.depth == 0)
		return;
	held_free(hold.from[hold.depth - 1]);
	diag_release();		/* prints what outer brackets held, if
				   this was the outermost */
}

void
diag_error(const char *path, int line, int col, const char *fmt, ...)
{
	va_list	ap;

	said++;
	va_start(ap, fmt);
	vreport(path, line, col, "error", fmt, ap);
	va_end(ap);
}

void
diag_warn(const char *path, int line, int col, const char *fmt, ...)
{
	va_list	ap;

	said++;
	warned++;
	if (quiet)
		return;
	va_start(ap, fmt);
	vreport(path, line, col, "warning", fmt, ap);
	va_end(ap);
}

void
diag_fatal(const char *fmt, ...)
{
	va_list	ap;

	said++;
	va_start(ap, fmt);
	vreport(NULL, 0, 0, "error", fmt, ap);
	va_end(ap);
}

void
diag_note(const char *fmt, ...)
{
	va_list	ap;

	said++;
	if (quiet)
		return;
	va_start(ap, fmt);
	vreport(NULL, 0, 0, NULL, fmt, ap);
	va_end(ap);
}
