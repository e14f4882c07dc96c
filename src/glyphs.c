/*
 * glyphs.c -- the characters of an item that print as empty boxes
 * (glyphs.h): said by a print build for each item it sets, and by
 * check for each item that has a board or a handout.
 */
#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "glyphs.h"
#include "pdf.h"
#include "site.h"
#include "util.h"

/* Characters without a glyph said of one item, at most; the rest are
 * counted in one line. */
#define LACK_SAID	8

/* What glyphs_say_lacking has said of one item. */
struct lack {
	const struct item	*it;
	uint32_t		 said[LACK_SAID]; /* characters said */
	size_t			 nsaid;
	size_t			 more;	/* others found, not said */
};

/* 1 if character cp is to be said: not said yet, and room to (else
 * counted among the places not said). */
static int
lack_new(struct lack *l, uint32_t cp)
{
	size_t	i;

	for (i = 0; i < l->nsaid; i++)
		if (l->said[i] == cp)
			return 0;
	if (l->nsaid == LACK_SAID) {
		l->more++;
		return 0;
	}
	return 1;
}

/* Says character cp (lack_new): at line and col of the item's file
 * (0: not known), or in row (0: none) of its table. */
static void
lack_say(struct lack *l, uint32_t cp, int line, int col, size_t row)
{
	l->said[l->nsaid++] = cp;
	if (row > 0)
		diag_warn(l->it->path, 0, 0, "row %zu of the table: character "
		    "U+%04X has no glyph in the fonts installed for print: "
		    "boards and handouts show an empty box in its place", row,
		    (unsigned)cp);
	else
		diag_warn(l->it->path, line, col, "%scharacter U+%04X has no "
		    "glyph in the fonts installed for print: boards and "
		    "handouts show an empty box in its place", line == 0 ?
		    "the title's " : "", (unsigned)cp);
}

/* Says each character of the n bytes at s that no font has; with
 * body, at its place in the item's body. */
static void
lack_scan(struct pdf_fonts *fonts, struct lack *l, const char *s, size_t n,
    const struct item_body *body, size_t row)
{
	size_t	 at = 0, off, len;
	uint32_t cp;
	int	 line = 0, col = 0;

	while (at < n && pdf_fonts_lack(fonts, s + at, n - at, &off,
	    &len, &cp)) {
		/* a place is found (from the text's start) only for what
		 * is said: a text in a script no font has is all hits */
		if (lack_new(l, cp)) {
			if (body != NULL) {
				text_pos(body->md, at + off, &line, &col);
				line += body->line0;
				col += body->col0;
			}
			lack_say(l, cp, line, col, row);
		}
		at += off + len;
	}
}

void
glyphs_say_lacking(struct pdf_fonts *fonts, const struct item *it,
    const struct item_body *body)
{
	struct lack	 l;
	size_t		 r, c;

	memset(&l, 0, sizeof(l));
	l.it = it;
	lack_scan(fonts, &l, it->title, strlen(it->title), NULL, 0);
	lack_scan(fonts, &l, body->md, body->len, body, 0);
	for (r = 0; r < body->nrows; r++)
		for (c = 0; c < body->ncolumns; c++)
			if (body->rows[r][c] != NULL)
				lack_scan(fonts, &l, body->rows[r][c],
				    strlen(body->rows[r][c]), NULL, r + 1);
	if (l.more > 0)
		diag_warn(it->path, 0, 0, "and %zu more places hold "
		    "characters with no glyph in the fonts installed for "
		    "print", l.more);
}

