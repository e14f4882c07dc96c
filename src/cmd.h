/*
 * cmd.h -- the subcommands, one file each (cmd_<name>.c), and what they
 * share.  Each takes argc/argv after the command name (argv[0] is the
 * command) and returns the exit status: 0 success, 1 content or gate
 * errors, 2 usage errors.
 */
#ifndef GONGKAI_CMD_H
#define GONGKAI_CMD_H

#include <stddef.h>
#include <stdint.h>

struct config;
struct gate;
struct prov;
struct repo;
struct site;
struct source;

int	cmd_build(int argc, char **argv);
int	cmd_check(int argc, char **argv);
int	cmd_status(int argc, char **argv);
int	cmd_approve(int argc, char **argv);
int	cmd_new(int argc, char **argv);
int	cmd_print(int argc, char **argv);
int	cmd_report(int argc, char **argv);
int	cmd_serve(int argc, char **argv);
int	cmd_diff(int argc, char **argv);
int	cmd_plan(int argc, char **argv);

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
 * "Today" for a build, as a day number: the day SOURCE_DATE_EPOCH, else
 * the clock, falls on in the local time zone (TZ).  Never a commit's
 * date, which whoever pushed the commit chose (cmd_src_open).
 */
long	cmd_today(void);
/* The day instant t falls on in the local time zone. */
long	cmd_local_day(int64_t t);

/*
 * Whether the gate keeps the published texts it reads for the pages
 * (gate_opts.keep_texts): worth it when most pages are made anew, which
 * a command that makes no pages, or an incremental build, does not.
 */
enum cmd_keep {
	CMD_KEEP_NONE,
	CMD_KEEP_FIRST,		/* when out holds no earlier gated build */
	CMD_KEEP_ALL		/* build --full */
};

/*
 * Opens the repository at path and runs the approval gate on ref with
 * the trust root in file trust, reading and refreshing the signature
 * cache.  out (or NULL) is the output folder of the previous gated
 * build: a ref whose mainline no longer holds that build's commit is
 * refused unless accept_rewrite is set (then gate->rewritten tells).
 * Returns 0 with both set (free with gate_free, then repo_free), or -1
 * after diagnostics.
 */
int	cmd_gate(const char *path, const char *ref, const char *trust,
	    const char *out, int accept_rewrite, enum cmd_keep keep,
	    struct repo **repo, struct gate **gate);
/* Records beside out (fsout_beside) the commit a gated build g just
 * put there, for the next cmd_gate into out; nothing for a preview (g
 * NULL).  A record it cannot write is noted, not an error. */
void	cmd_anchor_write(const char *out, const struct gate *g);
/* EXIT_OK if folder out may receive what is built from the repository
 * at path; else says why and returns EXIT_USAGE: a site written into
 * its content/ would be read back as items by the next preview build,
 * and committed with them by an editor's "git add -A". */
int	cmd_out_check(const char *out, const char *path);

/* The options build, print and report share. */
struct cmd_opts {
	const char	*ref;		/* --ref REF, or NULL: HEAD */
	const char	*trust;		/* --trust FILE, or NULL */
	const char	*unit;		/* --unit PATH, or NULL */
	int		 preview;	/* --preview: the working tree */
	/* set by a command of its own options: */
	const char	*theme;		/* --theme DIR, or NULL */
	const char	*out;		/* output folder of the previous
					   gated build, or NULL */
	int		 accept_rewrite; /* --accept-rewrite (or a command
					   that publishes nothing) */
	enum cmd_keep	 keep;		/* build: CMD_KEEP_FIRST, or with
					   --full CMD_KEEP_ALL */
};

/* getopt_long values of the shared options (above any short option). */
enum {
	CMD_OPT_REF = 0x100,
	CMD_OPT_TRUST,
	CMD_OPT_PREVIEW,
	CMD_OPT_UNIT
};

/* Their entries, for a command's getopt_long table. */
#define CMD_OPTIONS							\
	{ "ref", required_argument, NULL, CMD_OPT_REF },		\
	{ "trust", required_argument, NULL, CMD_OPT_TRUST },		\
	{ "preview", no_argument, NULL, CMD_OPT_PREVIEW },		\
	{ "unit", required_argument, NULL, CMD_OPT_UNIT }

/* The paragraph of --help that says where the repository is when
 * REPO is not given (cmd_repo), and what follows from it. */
#define CMD_REPO_HELP							\
	"Without REPO, the repository is found from the current folder\n" \
	"as git finds its own: with --preview the nearest folder up\n"	\
	"that holds config.yaml and content/, else the top of the git\n" \
	"work tree.  Paths in messages are then shown from the current\n" \
	"folder, and the output folder defaults to one in the\n"	\
	"repository's top.\n\n"

/* The lines of --help that describe them, with the verb's object
 * ("commit to build"). */
#define CMD_OPTIONS_HELP(what)						\
	"  --ref REF      " what " (default HEAD)\n"			\
	"  --trust FILE   administrators' public keys: the trust root;\n"	\
	"                 only what the approval gate publishes is read\n"	\
	"  --preview      the working tree without the approval gate;\n"	\
	"                 nothing is known about approvals\n"		\
	"  --unit PATH    only this unit (its folder under content/)\n"

/*
 * 0 if trust (--trust) is given; else -1 after saying that cmd needs it,
 * since what "what" (e.g. "is approved") depends on the trust root.
 */
int	cmd_need_trust(const char *cmd, const char *trust, const char *what);

/*
 * Takes getopt_long's result c (with its argument arg) into o when it
 * is a shared option.  Returns 1 if it was one, else 0.
 */
int	cmd_opt(struct cmd_opts *o, int c, const char *arg);

/*
 * What build, print and report read: the gate's published files of a
 * commit, or, in a preview, the working tree without the gate.
 */
struct cmd_src {
	struct repo	*repo;	   /* NULL in a preview */
	struct gate	*gate;	   /* NULL in a preview */
	struct source	*src;	   /* the files to render */
	const char	*version;  /* short commit id, NULL in a preview */
	long		 today;	   /* day number "now" (cmd_today) */
	char		 hex[13];  /* storage of version */
};

/*
 * Opens the content of repository path for a command called verb
 * ("build", "print") as options o say: with --preview the working
 * tree, else the files of --ref that the gate under the --trust file
 * publishes.  A missing --trust is refused (editors use --preview), and
 * so is --preview with --trust or --ref.  Returns EXIT_OK with cs
 * filled (free with cmd_src_close), or an exit status after
 * diagnostics.
 */
int	cmd_src_open(const char *path, const struct cmd_opts *o,
	    const char *verb, struct cmd_src *cs);
void	cmd_src_close(struct cmd_src *cs);
/*
 * cmd_src_close as the command ends: the kernel takes a process's
 * memory back at once, and freeing a gate and its repository piece by
 * piece was 20 ms of a gated build of 3,000 items.  A build for a leak
 * checker (ASan) frees them, so that what was leaked is seen.
 */
void	cmd_src_end(struct cmd_src *cs);

/*
 * The published answer (prov.h) for site, loaded from cs: the gate's,
 * or in a preview one that is not gated.  Returns 0 with *out (free
 * with prov_free), or -1 after a diagnostic.
 */
int	cmd_prov(const struct cmd_src *cs, const struct site *site,
	    struct prov **out);

/*
 * Starts the program once more with transparent huge pages for its heap
 * when repository path holds a big site (cmd_common.c says why and
 * when).  argv is the command's, as main passed it: argv[-1] is the
 * program's name.  Returns when it does not start again.
 */
void	cmd_huge_pages(char **argv, const char *path);

/*
 * Prints "usage: ..." for a command to stderr, then where its help is
 * ("see 'gongkai build --help'"), and returns EXIT_USAGE.  usage starts
 * "gongkai COMMAND".
 */
int	cmd_usage(const char *usage);

struct option;

/* Options of one command that take a value, at most (cmd_args). */
#define CMD_ARGS_MAX	32

/*
 * A command's options, read with getopt_long through cmd_args_next:
 * one wording for every usage error (what is wrong, naming the option;
 * the usage line; where the help is), getopt's own messages never
 * printed, and an option that takes one value refused when it is given
 * twice with two values, whichever command it belongs to.
 */
struct cmd_args {
	int			 argc;	   /* the command's, as given */
	char			**argv;
	const char		*usage;	   /* its usage line */
	const struct option	*longopts; /* its getopt_long table */
	char			 shortopts[32]; /* ':' then its short ones */
	size_t			 nseen;	   /* entries of seen in use */
	struct {
		int		 val;	   /* an option taking a value */
		const char	*arg;	   /* the value it was first given */
	}			 seen[CMD_ARGS_MAX];
};

/* What cmd_args_next returns after a usage error, already said. */
#define CMD_ARGS_BAD	(-2)

/*
 * Starts reading the options of argv (argv[0] is the command) with
 * getopt_long's shortopts and longopts; usage is the command's usage
 * line, for its errors.
 */
void	cmd_args_init(struct cmd_args *, int argc, char **argv,
	    const char *usage, const char *shortopts,
	    const struct option *longopts);
/*
 * The next option, as getopt_long returns it (its value in optarg), or
 * -1 after the last (optind is then the first operand).  An unknown
 * option, a missing or an unwanted value, or an option that takes one
 * value given a second, other one returns CMD_ARGS_BAD after saying
 * so: the command returns EXIT_USAGE.
 */
int	cmd_args_next(struct cmd_args *);
/*
 * "gongkai: error: " and the message (naming the option, as "--jobs
 * wants a number from 1 to 1024, not 'x'"), then cmd_usage.  Returns
 * EXIT_USAGE.
 */
int	cmd_args_fail(const struct cmd_args *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* How a command to which no REPO was given finds its repository. */
enum cmd_find {
	CMD_FIND_TREE,	/* it reads the working tree: the nearest
			   folder, up from the current one, that holds
			   config.yaml and content/ */
	CMD_FIND_GIT	/* it reads git (the gate): the top of the git
			   work tree the current folder is in */
};

/*
 * The repository of a command to which no REPO was given, found from
 * the current folder as git finds its own: "." when the current folder
 * is its top, else the way up to it ("../..") or, when that is no way
 * up, its absolute path.  From a folder below the top, diagnostics
 * show repository paths relative to the current folder (diag_subdir).
 * When nothing is found, ".": the command then says what is missing
 * there, as it would have.  The string lives as long as the process.
 */
const char *cmd_repo(enum cmd_find how);
/*
 * name (a default such as "site-out") in the folder of repository
 * repo, as cmd_repo gave it: name itself when repo is ".".  The string
 * lives as long as the process.
 */
const char *cmd_repo_file(const char *repo, const char *name);
/*
 * Sets *arg (left as it is when there is none: its default) to the one
 * operand a command takes after its options (getopt's optind), or
 * returns -1 after naming the argument that is one too many; what says
 * which operand the command takes ("build takes one REPO folder").
 */
int	cmd_operand(int argc, char *const argv[], const char **arg,
	    const char *what);

#endif
