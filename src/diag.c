/*
 * diag.c -- print diagnostics; see diag.h.
 */
#include <stdio.h>

#include "diag.h"

/* s to stderr with control characters as \xNN: a file name or a value
 * must not move the cursor or recolour the terminal it is shown on. */
static void
put_shown(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			fprintf(stderr, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, stderr);
}

static void
vreport(const char *path, int line, int col, const char *kind,
    const char *fmt, va_list ap)
{
	char	 msg[1024];

	if (path != NULL) {
		/* Problems with a whole file point at its start, so every
		 * message has the path:line:col form tools parse. */
		put_shown(path);
		fprintf(stderr, ":%d:%d: ", line > 0 ? line : 1,
		    col > 0 ? col : 1);
	} else
		fputs("gongkai: ", stderr);
	if (kind != NULL)
		fprintf(stderr, "%s: ", kind);
	/* Longer messages are cut: they quote input at most in part. */
	vsnprintf(msg, sizeof(msg), fmt, ap);
	put_shown(msg);
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

	va_start(ap, fmt);
	vreport(NULL, 0, 0, NULL, fmt, ap);
	va_end(ap);
}
