/*
 * md.h -- Markdown (CommonMark + GFM tables, strikethrough, autolinks):
 * the only user of cmark-gfm.
 *
 * Safe mode always: raw HTML and unsafe link schemes (javascript:,
 * vbscript:, file:, data: other than images) are not rendered.
 */
#ifndef GONGKAI_MD_H
#define GONGKAI_MD_H

#include <stddef.h>

struct buf;

/*
 * Called for every link and image destination that is a relative path
 * (no scheme, not starting with '/', '#' or '?').  It gets the
 * destination and its 1-based line and column in the source, and
 * appends to out the URL to use instead.  It returns 0, or -1 after
 * reporting an error (a link to a missing item).
 */
typedef int (*md_link_fn)(void *arg, const char *dest, int line, int col,
    struct buf *out);

/*
 * Renders len bytes of Markdown as HTML into out.  path and line0 place
 * the text in its file for messages (line0: lines before the body).
 * Headings are shifted down by hshift levels (the page owns <h1>).
 * Returns 0, or -1 if link() failed.
 */
int	md_html(const char *path, int line0, const char *text, size_t len,
	    int hshift, md_link_fn link, void *arg, struct buf *out);

/* Appends the plain text of the Markdown (for summaries, feeds,
 * tickers), paragraphs separated by '\n'. */
void	md_text(const char *text, size_t len, struct buf *out);

/*
 * A Markdown document as a tree in the project's own types, for the
 * renderers that are not HTML (PDF, display).
 */
enum mnode_type {
	MN_DOC, MN_PARA, MN_HEADING, MN_LIST, MN_ITEM, MN_QUOTE, MN_CODE_BLOCK,
	MN_HR, MN_TABLE, MN_ROW, MN_CELL,
	MN_TEXT, MN_SOFTBREAK, MN_LINEBREAK, MN_CODE, MN_EMPH, MN_STRONG,
	MN_STRIKE, MN_LINK, MN_IMAGE,
	MN_FOOTNOTE_REF,	/* inline: text is the note's number ("1") */
	MN_FOOTNOTE_DEF		/* block: a note's blocks; the notes that
				   are referenced, last in the document, in
				   the order of their numbers */
};

struct mnode {
	enum mnode_type	 type;	  /* what this node is */
	int		 level;	  /* MN_HEADING: 1-6 */
	int		 ordered; /* MN_LIST: 1 if numbered */
	int		 start;	  /* MN_LIST: first number */
	int		 header;  /* MN_ROW: 1 for the table's header row */
	int		 align;	  /* MN_CELL: 0 none, 'l', 'c', 'r' */
	char		*text;	  /* MN_TEXT, MN_CODE, MN_CODE_BLOCK,
				     MN_FOOTNOTE_REF */
	char		*url;	  /* MN_LINK, MN_IMAGE: destination */
	struct mnode	*child;	  /* first child */
	struct mnode	*next;	  /* next sibling */
};

/* Parses Markdown into a tree (free with mnode_free). Never fails. */
struct mnode	*md_tree(const char *text, size_t len);
void		 mnode_free(struct mnode *);

#endif
