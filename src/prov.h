/*
 * prov.h -- the published answer: what the approval gate decided, in
 * the words the outputs use.
 *
 * A command builds it once (cmd_prov) from the gate and the site the
 * gate's published files make; every renderer reads this and never
 * the gate or the repository, so each rule below has one home:
 *
 * - 版本 (version) of a published file is its blob id, short: the
 *   same text has the same 版本 on the web, in provenance.json, on
 *   boards and in handouts, and a reader can check it against the
 *   repository (git hash-object).  The commit that started the version
 *   is given beside it, never as the 版本.
 * - The day a version was published (审核通过日期) is the committer day
 *   of the mainline commit whose approval brought it to its threshold
 *   (gate_day: the committer's calendar, by the commit's own offset);
 *   later approvals, counting or not, never move it.
 * - What waits for approval is described only by what is already
 *   published: the deepest published unit above it, the category when
 *   it lies in a category folder of that unit, and the published item
 *   at the same path when an older version is online.  An unpublished
 *   file's name, folder names or title are not kept here at all, so no
 *   output can show them.
 * - `gated` says whether the answer comes from the gate.  A preview
 *   (the working tree) has no answer: nothing is known about
 *   approvals, which is not the same as nothing waiting.
 */
#ifndef GONGKAI_PROV_H
#define GONGKAI_PROV_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct gate;
struct site;

#define PROV_HEXSZ	40	/* hex digits of a full object id */
#define PROV_SHORT	12	/* hex digits of a short one */

/* An approval that counted towards a published version. */
struct prov_approval {
	const char	*reviewer;	/* reviewer id */
	const char	*name;		/* reviewer's name, or "" */
	const char	*fpr;		/* signing key, 40 hex */
	char		 commit[PROV_HEXSZ + 1]; /* the approving commit */
	int64_t		 time;		/* its committer time, seconds */
	long		 day;		/* its day where it was signed
					   (gate_day) */
};

/* A published file under content/ and the version of it online. */
struct prov_file {
	const char	*path;		/* "content/a/fees/x.md" */
	char		 version[PROV_SHORT + 1]; /* 版本: short blob id */
	char		 blob[PROV_HEXSZ + 1];	  /* the blob id in full */
	char		 commit[PROV_HEXSZ + 1];  /* commit that started
						     the version */
	long		 published;	/* day number it reached its
					   threshold, or NO_DATE */
	struct prov_approval *approvals; /* those that counted, in
					    mainline order */
	size_t		 napprovals;
	int		 waiting;	/* a newer version waits */
};

/* A version under content/ that waits for approval, by what is
 * published about it. */
struct prov_wait {
	size_t		 unit;	  /* deepest published unit above it
				     (site.units), or NO_INDEX */
	int		 cat;	  /* its category in that unit's
				     catalogue when it lies in that
				     category's folder, else -1 */
	size_t		 item;	  /* the published item at the same
				     path (site.items), or NO_INDEX */
	long		 since;	  /* day number its version started, as
				     far as the mainline shows it: not
				     before its witness's day
				     (gate_witness), not after today */
	int		 blocked; /* can never be published (approved, but
				     personal data; not a regular file) */
};

struct prov {
	int		  gated;	/* 1: the gate's answer; 0: a
					   preview, approvals unknown */
	char		  commit[PROV_HEXSZ + 1]; /* the built commit, ""
					   in a preview */
	struct prov_file *files;	/* sorted by path */
	size_t		  nfiles;
	struct prov_wait *waits;	/* by unit, category, item, since */
	size_t		  nwaits;
	struct arena	 *arena;	/* owns the strings above */
};

/*
 * The answer of gate g for site (loaded from g's published files), on
 * day number today (NO_DATE: no bound).  Returns 0 with *out (free
 * with prov_free), or -1 after a diagnostic.
 */
int		 prov_new(const struct gate *g, const struct site *site,
		    long today, struct prov **out);

/* The answer of a preview: not gated, nothing known.  Free with
 * prov_free. */
struct prov	*prov_ungated(void);

void		 prov_free(struct prov *);

/* The published file at path, or NULL (or in a preview). */
const struct prov_file *prov_find(const struct prov *, const char *path);

/*
 * Where a content path (published or not) is counted, from published
 * facts only: *unit the deepest unit of site whose folder holds it
 * (NO_INDEX: none), *cat its category when it lies directly in a
 * category folder of that unit (else -1).
 */
void		 prov_place(const struct site *, const char *path,
		    size_t *unit, int *cat);

#endif
