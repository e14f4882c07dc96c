/*
 * unit_diag.c -- diag.h: the line format, holds that sort what they
 * keep, diag_drop, which silences a second reader of an input, and
 * diag_subdir, which shows repository paths from the current folder.
 */
#include <stdlib.h>

#include "diag.h"
#include "t.h"

/* The format, and a whole-file problem pointing at its start. */
static void
format(void)
{
	T_CAPTURE(diag_error("a.md", 3, 7, "bad '%s'", "x"));
	STR_EQ(t_err, "a.md:3:7: error: bad 'x'\n");
	T_CAPTURE(diag_warn("b.yaml", 0, 0, "empty"));
	STR_EQ(t_err, "b.yaml:1:1: warning: empty\n");
	T_CAPTURE(diag_fatal("no %s", "repository"));
	STR_EQ(t_err, "gongkai: error: no repository\n");
}

/* A hold prints at its release, by path, line and column. */
static void
hold(void)
{
	T_CAPTURE({
		diag_hold();
		diag_error("b.md", 2, 1, "second file");
		diag_error("a.md", 9, 1, "first file, late");
		diag_error("a.md", 1, 4, "first file, early");
		diag_release();
	});
	STR_EQ(t_err, "a.md:1:4: error: first file, early\n"
	    "a.md:9:1: error: first file, late\n"
	    "b.md:2:1: error: second file\n");
}

/* diag_drop: what its bracket held goes, counted; what the brackets
 * around it held is printed at the outermost end, as before. */
static void
drop(void)
{
	unsigned long	said = diag_said(), warned = diag_warned();

	T_CAPTURE({
		diag_hold();
		diag_error("a.md", 2, 1, "outer");
		diag_hold();
		diag_error("a.md", 1, 1, "inner, a second reader's");
		diag_warn("c.csv", 1, 1, "inner warning");
		diag_drop();
		diag_error("a.md", 3, 1, "outer again");
		diag_release();
	});
	STR_EQ(t_err, "a.md:2:1: error: outer\n"
	    "a.md:3:1: error: outer again\n");
	OK(diag_said() == said + 4);
	OK(diag_warned() == warned + 1);

	/* the outermost bracket dropped: nothing printed, and the hold
	 * is over (the next report prints at once) */
	T_CAPTURE({
		diag_hold();
		diag_error("a.md", 1, 1, "dropped");
		diag_drop();
	});
	ERR_NONE();
	T_CAPTURE(diag_error("a.md", 1, 1, "at once"));
	STR_EQ(t_err, "a.md:1:1: error: at once\n");

	/* a drop or release without a hold does nothing */
	T_CAPTURE({
		diag_drop();
		diag_release();
		diag_error("a.md", 4, 2, "still at once");
	});
	STR_EQ(t_err, "a.md:4:2: error: still at once\n");
}

/* diag_subdir: run from a folder below the repository's top, a
 * repository path starts a diagnostic relative to that folder; a path
 * the user typed, or an absolute one, is shown as it is. */
static void
subdir(void)
{
	char	*p;

	diag_subdir("content/a/fees");
	T_CAPTURE(diag_error("content/a/fees/x.md", 3, 1, "bad"));
	STR_EQ(t_err, "x.md:3:1: error: bad\n");
	T_CAPTURE(diag_warn("content/a/_unit.yaml", 1, 1, "odd"));
	STR_EQ(t_err, "../_unit.yaml:1:1: warning: odd\n");
	T_CAPTURE(diag_error("content/ab/fees/x.md", 1, 1, "bad"));
	STR_EQ(t_err, "../../ab/fees/x.md:1:1: error: bad\n");
	T_CAPTURE(diag_error("config.yaml", 2, 3, "bad"));
	STR_EQ(t_err, "../../../config.yaml:2:3: error: bad\n");
	T_CAPTURE(diag_error("themes/t/page.mustache", 1, 1, "bad"));
	STR_EQ(t_err, "../../../themes/t/page.mustache:1:1: error: bad\n");
	T_CAPTURE(diag_error("admins.asc", 1, 1, "bad"));
	STR_EQ(t_err, "admins.asc:1:1: error: bad\n");
	T_CAPTURE(diag_error("/etc/k.asc", 1, 1, "bad"));
	STR_EQ(t_err, "/etc/k.asc:1:1: error: bad\n");
	STR_EQ((p = diag_path("content/a/fees")), ".");
	free(p);
	STR_EQ((p = diag_path("content")), "../..");
	free(p);
	/* held ones still come in repository path order */
	T_CAPTURE({
		diag_hold();
		diag_error("content/a/fees/z.md", 1, 1, "z");
		diag_error("config.yaml", 1, 1, "c");
		diag_release();
	});
	STR_EQ(t_err, "../../../config.yaml:1:1: error: c\n"
	    "z.md:1:1: error: z\n");
	diag_subdir(NULL);
	T_CAPTURE(diag_error("content/a/fees/x.md", 3, 1, "bad"));
	STR_EQ(t_err, "content/a/fees/x.md:3:1: error: bad\n");
}

int
main(void)
{
	format();
	hold();
	drop();
	subdir();
	return T_DONE();
}
