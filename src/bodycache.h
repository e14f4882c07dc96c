/*
 * bodycache.h -- the bodies and tables of YAML items, parsed once for
 * every run.
 *
 * The pages and the search index read each item's body again as they
 * are made (item_body_read), each in its own process: for a YAML item
 * that is a YAML parse each time, a sixteenth of a full build's CPU
 * at 20,000 items (bench/README.md).  The cache keeps, in a file per
 * text, the body and table that YAML item file gives, under the
 * SHA-256 of the file's bytes (the loader's, site.h file_dig) and of
 * the program (memo_code), so another gongkai never takes what this
 * one parsed.  A file read again must still hold those bytes
 * (item_body_read), or a text edited while a preview built would be
 * kept under the digest of the one before it, and shown for it by
 * every later build, gated ones included.  Only reads without a word
 * are kept.  A Markdown item is read as it is: splitting off its front
 * matter is cheap.
 *
 * The files live in the cache folder (cachedir.h), which only the
 * effective user can write: what they say is believed, once they
 * decode whole.  As with the PDFs, nothing is removed: a text no
 * longer published leaves its file behind until the folder is
 * cleared, which only costs time.
 */
#ifndef GONGKAI_BODYCACHE_H
#define GONGKAI_BODYCACHE_H

struct item;
struct item_body;
struct source;

/*
 * item_body_read through the cache folder dir for the program of
 * digest code (either NULL: no cache).  Returns 0, or -1 after a
 * diagnostic, as item_body_read.
 */
int	bodycache_read(const char *dir, const char *code, struct source *,
	    const struct item *, struct item_body *);

#endif
