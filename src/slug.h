/*
 * slug.h -- the ids of one body's headings, made from their text as
 * Hugo and GitHub make theirs, so that a reader can link to one article
 * of a regulation: "第三条 适用范围" is "第三条-适用范围".
 *
 * Pure text: md.c gathers a heading's text and puts its own prefix
 * before the id (md.h says which), so that no id of a page can be one.
 */
#ifndef GONGKAI_SLUG_H
#define GONGKAI_SLUG_H

#include <stddef.h>

#include "strmap.h"

struct buf;

/*
 * Appends to out the slug of the len bytes of UTF-8 at text: ASCII
 * letters lowercased and digits kept, other letters and digits (Chinese
 * characters, kana, fullwidth letters, ①) kept as written; each run of
 * anything else -- spaces, ASCII and CJK punctuation (，、：（）《》—…),
 * symbols, emoji -- one '-', none at either end.  Variation selectors
 * are dropped, and a byte that starts no character counts as
 * punctuation.  Appends nothing if text holds no letter or digit.  The
 * result never holds an ASCII space, quote, '<', '>' or '&': it goes
 * into an attribute as it is.
 */
void	slug_make(struct buf *out, const char *text, size_t len);

/* One id given (struct slugs). */
struct slug {
	char	*id;		/* the id, owned */
	size_t	 next;		/* the suffix to try first for a repeat */
};

/* The ids given to one body's headings. */
struct slugs {
	struct strmap	 map;	/* id -> its index in v; keys are v's */
	struct slug	*v;	/* ids in the order given */
	size_t		 n;	/* in v */
	size_t		 cap;	/* allocated in v */
};

void	slugs_init(struct slugs *);
void	slugs_dispose(struct slugs *);

/*
 * The id of the next heading, of the len bytes of text: its slug, or
 * if that is empty ("※", "……") the heading's number among those given
 * ("3"); an id given before gets the first of "-1", "-2", ... that makes
 * one not given ("总则", "总则-1"; a heading "总则-1" after them is
 * "总则-1-1").  The string is the set's, until slugs_dispose().
 */
const char *slugs_add(struct slugs *, const char *text, size_t len);

#endif
