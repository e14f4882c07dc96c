/*
 * item.h -- item files (Markdown with front matter, or YAML) and
 * _unit.yaml files, parsed into the model of site.h.
 */
#ifndef GONGKAI_ITEM_H
#define GONGKAI_ITEM_H

#include <stddef.h>

struct arena;
struct config;
struct item;
struct unit;

/* The body `gongkai new` writes; `gongkai check` refuses an item that
 * still has it. */
#define ITEM_PLACEHOLDER	"（正文）"
/* A larger item or unit file is an error, never published. */
#define ITEM_MAX_BYTES	(1024 * 1024)

/*
 * Parses the text of an item file at path into it (strings in arena).
 * outputs is the level's output set (an item may only narrow it).
 * flags: ITEM_SCANNED if privacy_scan_item() has found nothing in
 * exactly these bytes already (site_load scans in workers).  Reports
 * every problem; returns 0 or -1.
 */
#define ITEM_SCANNED	1
int	item_parse(const char *path, const char *text, size_t len,
	    unsigned outputs, int flags, struct arena *, struct item *it);

/*
 * Reports every unmasked personal number (resident ID, mobile, bank
 * card) in item file path as a reader sees it (privacy_scan_item()).
 * Returns 0 if there is none, else -1.
 */
int	item_privacy(const char *path, const char *text, size_t len);

/* Validity (有效性) of an item on a given day. */
enum item_state {
	ITEM_VALID,	/* 有效 */
	ITEM_EXPIRED,	/* 已失效: after its expires date */
	ITEM_REPEALED	/* 已废止: on or after its repealed date */
};

/*
 * The validity of item it on day number day (workday.h): repealed from
 * its repealed date on, expired after its expires date (the expiry day
 * itself is still in force); a repeal wins over an expiry.
 */
enum item_state	 item_state(const struct item *it, long day);

/* Its words: "有效", "已失效", "已废止". */
const char	*item_state_text(enum item_state);

/* Its name for CSS classes and JSON: "valid", "expired", "repealed". */
const char	*item_state_name(enum item_state);

/*
 * Parses the text of a _unit.yaml at path into u (strings in arena),
 * checking its level against cfg.  flags: ITEM_SCANNED if
 * privacy_scan_unit() has found nothing in exactly these bytes already.
 * Returns 0 or -1.
 */
int	unit_parse(const char *path, const char *text, size_t len,
	    int flags, const struct config *cfg, struct arena *,
	    struct unit *u);

/*
 * Finds the front matter of a Markdown item: on success yaml and ylen
 * give the YAML between the "---" lines, body and blen what follows,
 * and bline the number of lines before the body.  Returns 0 or -1 (no
 * front matter; reported).
 */
int	item_split(const char *path, const char *text, size_t len,
	    const char **yaml, size_t *ylen, const char **body, size_t *blen,
	    int *bline);

#endif
