/*
 * cfg.h -- config.yaml: site settings, levels, catalogues, reviewers.
 *
 * cfg_parse() turns the text of a config.yaml into a typed struct and
 * reports every problem (unknown keys, wrong types, a level naming an
 * unknown catalogue ...) as path:line:col.  Nothing about levels or
 * categories is hard-coded: they all come from here.
 */
#ifndef GONGKAI_CFG_H
#define GONGKAI_CFG_H

#include <stddef.h>

/* Outputs a level (or an item) may have, as a bit set. */
enum output {
	OUT_WEB = 1 << 0,	/* the web site */
	OUT_BOARD = 1 << 1,	/* bulletin-board poster (公开栏) */
	OUT_DISPLAY = 1 << 2,	/* electronic display (电子显示屏) */
	OUT_HANDOUT = 1 << 3,	/* printed handout (印刷品) */
	OUT_KIOSK = 1 << 4,	/* touch screen (电子触摸屏) */
	OUT_EMBED = 1 << 5	/* 专栏 fragment for a portal */
};
#define OUT_ALL (OUT_WEB | OUT_BOARD | OUT_DISPLAY | OUT_HANDOUT | \
	OUT_KIOSK | OUT_EMBED)

struct ynode;

/* One kind of evaluation (评议), `evaluations.<id>` in config.yaml. */
struct evalkind {
	char	 *id;		/* "farmers", "migrants", "upward", ... */
	char	 *title;	/* 请农民兄弟姐妹“评计生” */
	char	**questions;	/* 评议内容, in the seed's order */
	size_t	  nquestions;
	char	**scale;	/* answer labels, best first */
	size_t	  nscale;
	int	  satisfied;	/* leading labels counted as satisfied */
};

struct category {
	char	*id;		/* folder name, e.g. "fees" */
	char	*title;		/* the seed's wording */
	long	 max_age_days;	/* overdue after this many days; 0: never */
	int	 required;	/* 1 unless `required: false` */
};

struct catalogue {
	char		*id;	/* e.g. "department" */
	struct category	*cats;	/* in the seed's order */
	size_t		 ncats;
};

struct level {
	char	*id;		/* e.g. "county" */
	char	*title;		/* shown to readers, e.g. "县级" (`title`;
				   default: the usual one of the id, else
				   the id) */
	size_t	 catalogue;	/* index into config.catalogues */
	unsigned outputs;	/* enum output bits */
	int	 approvals;	/* distinct reviewers a version needs */
	char	*paper;		/* "A4", "A3", "A2", "A1" for the board */
	int	 landscape;	/* board orientation */
	int	 display_interval; /* seconds per display slide */
	int	 annual;	/* publishes an annual disclosure report
				   (`annual`; default: the level has
				   neither board nor handout) */
	unsigned programmes;	/* bits 1 << enum prog_id (prog.h) */
};

/* A reviewer, or an editor (`editors`: no scope, approves nothing;
 * a commit signed with the key names its author). */
struct reviewer {
	char	 *id;		/* e.g. "wang-li" */
	char	 *name;		/* 王丽 */
	char	 *email;	/* matches commit authors */
	char	 *key;		/* repository path of the armored key */
	char	**scope;	/* path globs this reviewer may approve;
				   NULL for an editor */
	size_t	  nscope;
	int	  line;		/* position of the entry, for messages */
	int	  col;
};

struct config {
	char		 *path;		/* file name, for messages */
	char		 *title;	/* site.title */
	char		 *base_url;	/* site.base_url, ends with '/' */
	char		 *theme;	/* site.theme, default "default" */
	char		 *footer_org;	/* site.footer.org: 主办单位 */
	char		 *footer_site_code; /* 网站标识码 */
	char		 *footer_icp;	/* ICP filing number */
	char		 *footer_psb;	/* public-security filing number */
	char		 *footer_contact; /* contact line */
	char		 *hotline;	/* site.hotline, the service hotline
					   on every page (default "12356") */
	int		  show_completeness; /* site.show_completeness:
					   completeness figures on unit
					   homes (default false) */
	long		  attachment_max; /* bytes; site.attachment_max_mb */
	int		  governance_approvals; /* trust-root keys needed */
	long		 *holidays;	/* day numbers (workday.h), sorted */
	size_t		  nholidays;
	struct level	 *levels;
	size_t		  nlevels;
	struct catalogue *catalogues;
	size_t		  ncatalogues;
	struct reviewer	 *reviewers;
	size_t		  nreviewers;
	struct reviewer	 *editors;	/* `editors`, governed like
					   reviewers */
	size_t		  neditors;
	char		**retired;	/* reviewer ids */
	size_t		  nretired;
	char		**revoked;	/* fingerprints, uppercase hex */
	size_t		  nrevoked;
	struct evalkind	 *evalkinds;	/* `evaluations`, sorted by id */
	size_t		  nevalkinds;
	char		**eval_methods;	/* `evaluations.methods` 评议方法 */
	size_t		  neval_methods;
	char		 *sup_rights;	/* `programmes.supervisors.rights`: 行风监督员的
					   职权, shown with the roster */
	char		**sup_categories; /* `programmes.supervisors.categories` */
	size_t		  nsup_categories;
	long		  media_days;	/* `programmes.media.respond_days`: a media
					   report unanswered after this many
					   days is late (default 7) */
	struct prog_conf *prog;		/* programmes (prog.h), or NULL */
};

/*
 * Parses config text; path is for messages.  Reports every error found.
 * Returns 0 and a config to free with cfg_free(), or -1.
 */
int			 cfg_parse(const char *path, const char *text,
			    size_t len, struct config **out);
void			 cfg_free(struct config *);
/*
 * The programmes' part of config.yaml (`evaluations`, `supervisors`;
 * progcfg.c): parses it from the document root into c, or frees it.
 */
int			 progcfg_parse(struct config *c,
			    const struct ynode *root);
void			 progcfg_free(struct config *c);
/* Conf hooks (prog.h) that check programmes.supervisors / .media. */
int			 progcfg_keys_supervisors(const char *path,
			    const struct ynode *m, void **conf);
int			 progcfg_keys_media(const char *path,
			    const struct ynode *m, void **conf);
/* The evaluation kind with this id, or NULL. */
const struct evalkind	*cfg_evalkind(const struct config *, const char *id);
/* The level with this id, or NULL. */
const struct level	*cfg_level(const struct config *, const char *id);
/* The catalogue of a level. */
const struct catalogue	*cfg_catalogue(const struct config *,
			    const struct level *);
/* Index of category id in catalogue c, or -1. */
int			 cfg_category(const struct catalogue *c,
			    const char *id);
/* The reviewer with this id, or NULL. */
const struct reviewer	*cfg_reviewer(const struct config *, const char *id);
/* 1 if reviewer id is listed in retired / fingerprint in revoked. */
int			 cfg_is_retired(const struct config *, const char *id);
int			 cfg_is_revoked(const struct config *, const char *fpr);
/*
 * Parses the "outputs" list of map m, if present, into *out (which
 * keeps its value otherwise); names outside allowed are errors.
 * Returns 0 or -1.
 */
int			 cfg_parse_outputs(const char *path,
			    const struct ynode *m, unsigned allowed,
			    unsigned *out);
/* Parses an outputs list name ("web", "board", ...) to its bit, or 0. */
unsigned		 cfg_output_bit(const char *name);

#endif
