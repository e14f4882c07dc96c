/*
 * diag.h -- the one place diagnostics are printed.
 *
 * Format follows compilers and git: "path:line:col: error: message",
 * lowercase, no final full stop, the subject quoted.  line and col are
 * 1-based; 0 (a problem with the whole file) prints as 1.  Functions that detect an error
 * report it here once and return -1; callers pass -1 upward unchanged.
 */
#ifndef GONGKAI_DIAG_H
#define GONGKAI_DIAG_H

#include <stdarg.h>

/* "path:line:col: error: ..." to stderr. */
void	diag_error(const char *path, int line, int col, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* "path:line:col: warning: ..." to stderr. */
void	diag_warn(const char *path, int line, int col, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* "gongkai: error: ..." for errors with no input position. */
void	diag_fatal(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
/*
 * Holds back the diagnostics reported from here to the matching
 * diag_release(), which prints them sorted by path, line and column
 * (stable: equal places keep their order).  So the errors of one file
 * read top to bottom however its parser checks it.  Holds nest; the
 * outermost release prints.  This bracket is the one piece of state
 * diag keeps, beside stderr itself: diagnostics are one stream per
 * process.
 */
void	diag_hold(void);
void	diag_release(void);
/* Ends a hold as diag_release does, but what was reported since the
 * matching diag_hold is dropped, not printed, though still counted
 * (diag_said): for a second reader of an input whose first reader says
 * what is wrong with it, so that the user hears it once. */
void	diag_drop(void);

/*
 * A command run from a folder below its repository's top (found as
 * git finds its own, cmd_repo): prefix is that folder's repository
 * path ("content/a/b").  From then on the path that starts a
 * diagnostic, when it is a repository path (config.yaml, content/,
 * keys/, themes/), is shown relative to the current folder, as git
 * shows paths: "fees/x.md", "../../config.yaml".  NULL or "" turns
 * it off.
 */
void	diag_subdir(const char *prefix);
/* Repository path path as diagnostics show it (diag_subdir), in a new
 * string. */
char	*diag_path(const char *path);

/* "gongkai: ..." informational line to stderr. */
/* 1: only errors from now on (warnings and notes say nothing). */
void	diag_quiet(int on);
void	diag_note(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));

/* How many diagnostics this process has reported so far, --quiet or
 * not: a renderer asks whether a piece of work said anything (memo.h:
 * what warned is made again, so it warns again). */
unsigned long	diag_said(void);
/* How many of them were warnings (for a summary: "no errors, 2
 * warnings"). */
unsigned long	diag_warned(void);

#endif
