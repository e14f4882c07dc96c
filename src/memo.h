/*
 * memo.h -- what decides whether a group of pages is made again.
 *
 * A build that writes into the folder of an earlier one makes again
 * only the groups of pages (fsout.h, a unit's web pages) whose inputs
 * changed; the others are taken over as they are.  A group's key is
 * the SHA-256 of everything its pages are made from, in two parts:
 *
 * - memo_site: what any page may read.  The program itself and the
 *   shared libraries it runs with, the templates, the build's settings (preview, the day, --unit), and
 *   every file the loader read, through the source's log (source.h),
 *   with an item's front matter in place of its whole file: the model
 *   (units, items, catalogues, counts, links) is made of these, so a
 *   change to any of them makes every page again.
 * - memo_unit: what only unit u's pages read: the bodies of its items,
 *   their provenance, and its completeness figures.
 * - memo_unit_with: memo_unit (or memo_site) and what else one kind of
 *   file reads (a PDF: its fonts and print options; an HTML twin of a
 *   PDF: the commit it names; the report's pages: what waits for
 *   approval, the hotline's files), for outputs other than unit pages.
 *
 * What a key leaves out cannot change the pages: that is the rule
 * every new input of a page must keep (tests/incr.test.sh builds
 * random edits both ways and compares).
 */
#ifndef GONGKAI_MEMO_H
#define GONGKAI_MEMO_H

struct out_ctx;
struct sha256;

/* Sets out to the digest of the code that runs: the program and the
 * shared libraries it runs with.  Returns 0, or -1 when the program
 * cannot be read. */
int	memo_code(char out[65]);

/* Sets out to the site's part of every key (hex).  Call once the
 * model, records and theme are loaded and with ctx filled in.  Returns
 * 0, or -1 when there can be no key (the program cannot be read):
 * then every group is made. */
int	memo_site(const struct out_ctx *, char out[65]);

/* Sets out to the key of unit u's web pages, from ctx->memo.  Returns
 * 0, or -1 when there is no key (no ctx->memo, or an item without its
 * body's digest). */
int	memo_unit(const struct out_ctx *, size_t u, char out[65]);

/* Sets out to the key of a group of unit u's files that read, besides
 * what memo_unit covers, the n strings of extra (any may be NULL): the
 * group's kind first, so that two groups of one unit never share a
 * key.  u NO_INDEX: files that read no unit's bodies, only what
 * memo_site covers (a questionnaire).  Returns 0, or -1 when there is
 * no key. */
int	memo_unit_with(const struct out_ctx *, size_t u,
	    const char *const *extra, size_t n, char out[65]);

/* Adds string s (NULL too) or number n to a key being made, so that no
 * two lists of them hash alike: for the keys the renderers make. */
void	memo_add_str(struct sha256 *, const char *s);
void	memo_add_num(struct sha256 *, long long n);

#endif
