/*
 * prog.h -- programmes (DESIGN 8): the seed's sections 二-四 as
 * reserved folders content/<unit>/<programme>/ beside the categories.
 *
 * One table (prog.c) lists every programme: its id (the folder name
 * and the id in config.yaml), the file suffixes it takes, the
 * config.yaml it reads and the one function that validates and
 * renders its files.  Which programmes a level has is
 * levels.<level>.programmes; each programme's wording and lists are
 * programmes.<id> in config.yaml (parsed by the programme's conf hook
 * into an opaque value), never C.
 *
 * Files: site_load() (site.c) files every file of content/<u>/<id>/
 * of a unit u whose level has programme id as a struct progfile, in
 * path order; they come from the same source as items (the working
 * tree in a preview and in check, the gate's published blobs in a
 * gated build), so a file the gate does not publish is not there.
 * The gate treats them as content: approvals of the unit's level,
 * privacy veto (.csv: every cell, csv_privacy; .md/.yaml: as items).
 *
 * Running: prog_run() calls every programme's run hook once with a
 * struct prog_ctx.  With ctx->out NULL (gongkai check) the hook only
 * validates and reports every problem as path:line:col; with an
 * out_ctx (build, out_prog_render) it also writes its pages under
 * <unit>/<id>/ through page.h / fsout.  The same code validates in
 * both, so check promises what build needs.
 */
#ifndef GONGKAI_PROG_H
#define GONGKAI_PROG_H

#include <stddef.h>

struct buf;
struct config;
struct out_ctx;
struct site;
struct source;
struct val;
struct ynode;

/* The programmes, in the order of the table (and of unit homes). */
enum prog_id {
	PROG_EVALUATION,
	PROG_HOTLINE,
	PROG_REPORTING,
	PROG_SUPERVISORS,
	PROG_MEDIA,
	PROG_RECTIFICATION,
	PROG_LEADERSHIP,
	PROG_ASSESSMENT,
	PROG_COUNT
};

/* A file of a programme folder, filed by site_load(). */
struct progfile {
	const char	*path;	/* "content/a/hotline/2026-03.csv" */
	const char	*name;	/* "2026-03.csv" (points into path) */
	size_t		 unit;	/* index into site.units */
	enum prog_id	 prog;
	size_t		 size;	/* bytes */
	const char	*blob;	/* git blob id or NULL (working tree) */
};

/* What a programme's run hook gets. */
struct prog_ctx {
	const struct site	*site;
	struct source		*src;	/* reads the files */
	const struct out_ctx	*out;	/* NULL: check only, write nothing */
	long			 today;	/* the build's day (cmd_today, as
					   out->today): no record is dated
					   after it */
	const void		*conf;	/* its programmes.<id> (conf hook) */
	const char		*title;	/* programmes.<id>.title */
	const struct progfile	*files;	/* its files, by path */
	size_t			 nfiles;
};

struct prog_def {
	const char	 *id;		/* "hotline" */
	const char *const *exts;	/* suffixes of its files */
	long		  max_bytes;	/* a larger file is an error */
	/* Parses map m (programmes.<id> of config.yaml at path; NULL when
	 * absent) into *conf.  NULL hook: only `title` is allowed.  */
	int		(*conf)(const char *path, const struct ynode *m,
			    void **conf);
	void		(*conf_free)(void *conf);
	/* Validates and (pc->out) renders.  0 or -1 after diagnostics.
	 * NULL: the programme has no files yet (any file is an error). */
	int		(*run)(const struct prog_ctx *pc);
};

/* The programme's entry in the table. */
const struct prog_def	*prog_def(enum prog_id);
/* The programme with folder/config id name, or -1. */
int			 prog_find(const char *name);
/* "evaluation, hotline, ..." for messages. */
const char		*prog_ids(void);

/*
 * config.yaml: levels.<level>.programmes (a list of ids, each a bit
 * 1 << prog_id) and the top-level map `programmes` (id -> settings).
 * cfg.c calls these two.  Returns 0 or -1 after diagnostics.
 */
int			 prog_cfg_level(const char *path,
			    const struct ynode *level, unsigned *out);
struct prog_conf;
int			 prog_cfg_parse(const char *path,
			    const struct ynode *root, struct prog_conf **out);
void			 prog_cfg_free(struct prog_conf *);
/* Its title (programmes.<id>.title, else the id) and parsed settings
 * (NULL when the programme has no conf hook or cfg no programmes). */
const char		*prog_title(const struct config *, enum prog_id);
const void		*prog_conf(const struct config *, enum prog_id);

/* 1 if the level of unit u has programme p. */
int			 prog_enabled(const struct site *, size_t u,
			    enum prog_id p);
/* 1 if unit u or a unit under it has files of programme p. */
int			 prog_has_files(const struct site *, size_t u,
			    enum prog_id p);
/* The files of programme p in unit u's own folder, by path (*n of
 * them; NULL when none).  They are contiguous in site.progfiles. */
const struct progfile	*prog_unit_files(const struct site *, size_t u,
			    enum prog_id p, size_t *n);
/* 1 if unit u has programme p's index page: its level has p, p takes
 * files, and u has some (the hotline: u or a unit under it). */
int			 prog_unit_has_index(const struct site *, size_t u,
			    enum prog_id p);
/* Output path "<unit dir>/<id>/<name>" (caller frees). */
char			*prog_path(const struct site *, size_t u,
			    enum prog_id p, const char *name);

/*
 * Runs every programme (out NULL: check only) as of day today (what
 * out->today is in a build; check passes the day a preview build
 * would take, so that they agree).  Every programme runs even after
 * one failed, so check reports all.  Returns 0 or -1.
 */
int			 prog_run(const struct site *, struct source *,
			    const struct out_ctx *out, long today);

/*
 * The programme links of unit u's home page seen from page rel, for
 * the unit template: a list of {id, title, href}, one per programme of
 * its level whose index page exists (prog_unit_has_index()).  Caller
 * owns the value; never NULL.
 */
struct val		*prog_unit_links(const struct out_ctx *, size_t u,
			    const char *rel);

/* The programme's run hooks, one module each (prog_<id>.c). */
int	prog_hotline_run(const struct prog_ctx *);
int	prog_hotline_conf(const char *path, const struct ynode *m,
	    void **conf);
void	prog_hotline_conf_free(void *conf);

/*
 * For other outputs (the annual report's 阳光计生行动 section): every
 * hotline file read once and checked, as the programme's pages read
 * them as of day today, into the months of each unit (the unit and
 * every unit under it; hotline.h), with what each file was read as,
 * for those pages'
 * keys: the figures and the key come from the same bytes, whatever
 * happens to the file meanwhile.  A unit whose level has no hotline,
 * or whose files are none, has no months.  It says nothing: what is
 * wrong with a file the programme's own pages say (prog_run reads
 * every file in every build), though it still counts (diag_said).
 * Returns 0, or -1 when a file could not be read (out is filled as far
 * as it could be either way; free it with prog_hotline_all_dispose).
 */
struct hl_months;
struct hotline_all {
	struct hl_months *units;	/* one per site unit */
	char		(*dig)[65];	/* per progfile: its blob id, or the
					   SHA-256 of its bytes as read; "-"
					   not read; "" not a hotline file */
	int		  rc;		/* what prog_hotline_all returned */
};
int	prog_hotline_all(const struct site *, struct source *, long today,
	    struct hotline_all *out);
/* The month (year * 12 + month - 1) a hotline file called name
 * ("2026-03.csv") holds, or -1 if that is no such name. */
int	prog_hotline_month(const char *name);
void	prog_hotline_all_dispose(struct hotline_all *, size_t nunits);
/* programmes.hotline's list dim (0 channels, 1 types, 2 statuses):
 * the labels of hl_month.by[dim], *n of them (NULL, 0 if none). */
const char *const *prog_hotline_list(const struct config *, int dim,
	    size_t *n);

#endif
