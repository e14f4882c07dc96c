/*
 * cmd.h -- the subcommands, one file each (cmd_<name>.c), and what they
 * share.  Each takes argc/argv after the command name (argv[0] is the
 * command) and returns the exit status: 0 success, 1 content or gate
 * errors, 2 usage errors.
 */
#ifndef GONGKAI_CMD_H
#define GONGKAI_CMD_H

#include <stddef.h>

struct config;
struct gate;
struct repo;
struct site;
struct source;
struct tmpl_set;

int	cmd_build(int argc, char **argv);
int	cmd_check(int argc, char **argv);
int	cmd_status(int argc, char **argv);
int	cmd_approve(int argc, char **argv);
int	cmd_new(int argc, char **argv);
int	cmd_print(int argc, char **argv);
int	cmd_report(int argc, char **argv);

/* Exit statuses. */
#define EXIT_OK		0
#define EXIT_CONTENT	1
#define EXIT_USAGE	2

/*
 * Reads config.yaml through src and loads the site.  Returns 0 with
 * both set (free with site_free, then cfg_free), or -1 after
 * diagnostics.
 */
int	cmd_load(struct source *src, struct config **cfg, struct site **site);

/*
 * The unit named by a command-line argument ("content/a/b/", "a/b"),
 * or NO_INDEX after "OPT'ARG': no such unit" (opt, e.g. "--unit ",
 * may be "").
 */
size_t	cmd_find_unit(const struct site *, const char *opt, const char *arg);

/*
 * Finds the theme folder for theme name: REPO/themes/NAME, else the
 * installed GONGKAI_DATADIR/themes/NAME, else themes/NAME beside the
 * program.  Returns a new string or NULL after a diagnostic.
 */
char	*cmd_theme_dir(const char *repo, const char *name);

/*
 * Finds theme name (as cmd_theme_dir), compiles its templates and
 * checks it has every page template and asset a build asks for.
 * Returns 0 with *dir and *ts set (free both; also after -1), or -1
 * after diagnostics.
 */
int	cmd_theme_load(const char *repo, const char *name, char **dir,
	    struct tmpl_set **ts);

/*
 * "Today" for a build: SOURCE_DATE_EPOCH if set, else fallback (a
 * commit time in seconds), else the clock.  As a day number.
 */
long	cmd_today(long long fallback);

/*
 * Opens the repository at path and runs the approval gate on ref with
 * the trust root in file trust, reading and refreshing the signature
 * cache.  Returns 0 with both set (free with gate_free, then
 * repo_free), or -1 after diagnostics.
 */
int	cmd_gate(const char *path, const char *ref, const char *trust,
	    struct repo **repo, struct gate **gate);

/*
 * What build and print read: the gate's published files of a commit,
 * or, in a preview, the working tree without the gate.
 */
struct cmd_src {
	struct repo	*repo;	   /* NULL in a preview */
	struct gate	*gate;	   /* NULL in a preview */
	struct source	*src;	   /* the files to render */
	const char	*version;  /* short commit id, NULL in a preview */
	long		 today;	   /* day number "now": the commit date */
	char		 hex[13];  /* storage of version */
};

/*
 * Opens the content of repository path for a command called verb
 * ("build", "print"): with preview the working tree, else the files
 * of ref that the gate under the trust file publishes (a missing
 * --trust is refused: editors use --preview).  Returns EXIT_OK with
 * cs filled (free with cmd_src_close), or an exit status after
 * diagnostics.
 */
int	cmd_src_open(const char *path, const char *ref, const char *trust,
	    int preview, const char *verb, struct cmd_src *cs);
void	cmd_src_close(struct cmd_src *cs);

/* Prints "usage: ..." for a command to stderr and returns EXIT_USAGE. */
int	cmd_usage(const char *usage);

#endif
