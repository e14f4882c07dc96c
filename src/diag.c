/*
 * diag.c -- print diagnostics; see diag.h.
 */
#include <stdio.h>

#include "diag.h"

/* --quiet: errors only.  Set once, by the command, before any work;
 * the one piece of state here, since every message passes here. */
static int	quiet;

void
diag_quiet(int on)
{
	quiet = on;
}

static void
vreport(const char *path, int line, int col, const char *kind,
    const char *fmt, va_list ap)
{
	if (path != NULL) {
		/* Problems with a whole file point at its start, so every
		 * message has the path:line:col form tools parse. */
		fprintf(stderr, "%s:%d:%d: ", path, line > 0 ? line : 1,
		    col > 0 ? col : 1);
	} else
		fputs("gongkai: ", stderr);
	if (kind != NULL)
		fprintf(stderr, "%s: ", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
diag_error(const char *path, int line, int col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vreport(path, line, col, "error", fmt, ap);
	va_end(ap);
}

void
diag_warn(const char *path, int line, int col, const char *fmt, ...)
{
	va_list	ap;

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

	va_start(ap, fmt);
	vreport(NULL, 0, 0, "error", fmt, ap);
	va_end(ap);
}

void
diag_note(const char *fmt, ...)
{
	va_list	ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vreport(NULL, 0, 0, NULL, fmt, ap);
	va_end(ap);
}
