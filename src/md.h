/*
 * md.h -- Markdown (CommonMark + GFM tables, task lists, strikethrough,
 * autolinks): the only user of cmark-gfm.
 *
 * Safe mode always: raw HTML and unsafe link schemes (javascript:,
 * vbscript:, file:, data: other than images) are not rendered; such a
 * link or image, or one with no destination, shows as its text.
 */
#ifndef GONGKAI_MD_H
#define GONGKAI_MD_H

#include <stddef.h>

struct buf;

/*
 * Called for every link and image destination that is a path (no
 * scheme, not starting with "//", '#' or '?'; a path from the root,
 * "/a", is one, for the resolver to refuse).  It gets the
 * destination and its 1-based line and column in the source, and
 * appends to out the URL to use instead.  It returns 0, 1 to render
 * the link as its plain text (an image as its description) after
 * warning why (in a gated build, a link to what is not published), or
 * -1 after reporting an error (a link to a missing item).
 */
typedef int (*md_link_fn)(void *arg, const char *dest, int line, int col,
    struct buf *out);

/* md_html() flags. */
#define MD_TABLE_REGION	0x1	/* wrap each table in a focusable region
				   that scrolls sideways (screens) */
#define MD_LOCAL	0x2	/* links stay inside the output: a link the
				   callback does not resolve (external,
				   absolute, or out left empty) shows its
				   text only; such an image, its alt text
				   (kiosks) */
#define MD_SAY_DROPPED	0x4	/* link is also called, with out NULL and
				   its answer ignored, for a destination
				   that is never linked (javascript:,
				   vbscript:, file:, data: but for
				   pictures, a control character): for a
				   check to say so */

/*
 * A body that is one of several on a page (a print twin shows each
 * item of its sheet): what keeps the ids it defines and the names of
 * its landmarks apart from the others'.  md_html with NULL for it is a
 * page's only body.
 */
struct md_part {
	const char	*idpre;	/* starts every id the body defines, and
				   each link to one: "item-2-" (not NULL;
				   ends in '-' and differs for each body) */
	const char	*name;	/* what names the body to a reader, its
				   item's title: before each table's number
				   in the name of its region ("…标准，表格1
				   （可左右滚动）"), or NULL for none.
				   Differs for each body of the page */
};

/*
 * Renders len bytes of Markdown as HTML into out.  path and line0 place
 * the text in its file for messages (line0: lines before the body).
 * md owns the shape of the HTML, so every page that shows a body shows
 * the same structure:
 *  - headings are renumbered: the first one gets level hbase (the page
 *    owns the levels above it) and none is more than one level below
 *    the heading it follows ("##" then "####" become hbase, hbase + 1;
 *    siblings keep equal levels); levels stop at 6;
 *  - every heading has an id, for links to one article of a text:
 *    "sec-" and the slug of the text it shows (slug.h: "## 第三条
 *    适用范围" is id="sec-第三条-适用范围", "## Part 2: Fees"
 *    id="sec-part-2-fees"), or its number among the body's headings
 *    if that text has no letter or digit ("## ※" third: "sec-3"); a
 *    repeat gets "-1", "-2"... ("sec-总则", "sec-总则-1").  No page
 *    template, and no footnote, names an id "sec-…", so these are
 *    unique on the page without a check (md.c says why);
 *  - a line end inside a paragraph beside a character of a script
 *    written without spaces (CJK, fullwidth forms) is no space: wrapped
 *    Chinese reads as one run; any other shows as a space.  But where
 *    a pasted document's line ended it is a line break: before a line
 *    indented with U+3000, one that starts a numbered part (第三条,
 *    第一章, 一、, （一）, 1., （1）, ①, ⑴) or a field's label (one to
 *    eight Han characters or Latin letters, U+3000 or spaces among
 *    them, then "：" or ":": 名　称：, 联系方式：, 抄送：, E-mail:),
 *    and after a numbered title of 40 characters or fewer that ends
 *    without a sentence's punctuation (一、确认范围); after a line
 *    that ends a sentence (。！？；：) or stands in brackets, its
 *    first character opening them and its last the first to close
 *    ("（此件公开发布）"), too, unless another line end of the
 *    paragraph falls inside a sentence (the paragraph is wrapped text,
 *    whose lines run on where a sentence ends as well).  Every
 *    function here reads the text so, md_shown and md_tree included;
 *  - a line of a paragraph that a pasted document pushed right, a 落款
 *    (its first text starts with ten U+3000 or more, ASCII spaces
 *    among them, and shows more after them), is shown without that
 *    run, in <span class="gk-sign"> with the lines of the 落款 that
 *    follow it and the line break that ends each, for the theme to
 *    set at the right ("特此通知。<br />\n<span class="gk-sign">示范县
 *    卫生健康局<br />\n2026年3月1日</span>"); such a line whose
 *    text starts as a heading (md_sign_heading: 第一章, 附件1) is a
 *    heading centred by its run, not a 落款: shown without the run in
 *    <span class="gk-center"> (with such lines that follow it), for
 *    the theme to centre; a heading's or a cell's text, and md_text,
 *    md_shown and md_tree, keep the run;
 *  - a heading that shows no text ("##" alone, a picture without a
 *    description) is no heading: a paragraph of its pictures, or
 *    nothing, and not counted in the numbering;
 *  - a link that shows no text ("[](https://…)") shows its destination
 *    as written;
 *  - table header cells get scope="col"; one without text is a <td>,
 *    and a header row without any text is none (dropped, or a body row
 *    if it holds pictures); with MD_TABLE_REGION in flags each table is
 *    wrapped in <div class="table-wrap" role="region"
 *    aria-label="表格N（可左右滚动）" tabindex="0">, and with a part
 *    that has a name, aria-label="name，表格N（可左右滚动）";
 *  - footnotes' back links are labelled in Chinese, with the number
 *    they show ("返回第2处引用");
 *  - a task list item ("- [ ] 户口簿", "- [x] 身份证": a list item
 *    whose line starts with its marker, then the box) is an <li> whose
 *    first paragraph starts with <span class="task" role="img"
 *    aria-label="未完成">☐</span> (or ☑, "已完成") and a space, the box
 *    in a paragraph of its own if the item starts with another block;
 *    md_text and md_shown leave the box out, md_tree makes it the
 *    text "☐ " or "☑ " at the same place;
 *  - with a part (not NULL), the ids of headings, footnotes and
 *    references, and links to them (the text's own "#sec-…" and
 *    "#fn-…" included), start with its idpre ("fn-1" becomes
 *    "item-2-fn-1", "sec-总则" "item-2-sec-总则"), so that no id
 *    of a page that shows several bodies is defined twice.
 * Returns 0, or -1 if link() failed.
 */
int	md_html(const char *path, int line0, const char *text, size_t len,
	    int hbase, unsigned flags, const struct md_part *part,
	    md_link_fn link, void *arg, struct buf *out);
/* The same, and md_text() of the text appended to plain_text (if not
 * NULL), from one parse. */
int	md_html_text(const char *path, int line0, const char *text,
	    size_t len, int hbase, unsigned flags,
	    const struct md_part *part, md_link_fn link, void *arg,
	    struct buf *out, struct buf *plain_text);

/*
 * Finds the front matter of a Markdown file: a first line "---", then
 * YAML up to a line "---".  On success yaml and ylen give the YAML,
 * body and blen what follows, and bline the number of lines before the
 * body.  Returns 0, or -1 (no front matter, or not closed) without a
 * message.
 */
int	md_front_matter(const char *text, size_t len, const char **yaml,
	    size_t *ylen, const char **body, size_t *blen, int *bline);

/*
 * One piece of the text a reader sees of a Markdown document (md_shown):
 * s and len the text as shown, character references and backslash
 * escapes decoded (a link destination as the HTML has it: its %XX
 * are for the reader of the piece to decode, url says so); line:col
 * to end_line:end_col where cmark places it in the source (1-based,
 * columns count bytes; inline positions on continuation lines can be a
 * few columns off), 0 when not known.  s == NULL ends a block: the text
 * on either side of it is never shown run together.
 */
struct md_piece {
	const char	*s;		/* the text, or NULL for a block end */
	size_t		 len;		/* bytes at s */
	int		 url;		/* 1: a link or image destination;
					   2: an ordered list item's number,
					   "138. ", shown before its text;
					   3: raw HTML, which is NOT shown
					   (comments and inline closing
					   tags are not given) */
	int		 line;		/* where it starts in the source */
	int		 col;
	int		 end_line;	/* where it ends (inclusive) */
	int		 end_col;
};

typedef void (*md_piece_fn)(void *arg, const struct md_piece *p);

/*
 * Calls fn with the text of len bytes of Markdown as md_html shows it
 * (safe mode): the inline text of each block in reading order, emphasis,
 * code spans and links run together with their neighbours, raw HTML
 * dropped (the page shows a comment there; each piece of it but
 * comments is given as url 3, not shown), line ends as md_html shows them,
 * footnote references as their numbers, an ordered list item's number
 * before its text (url 2); then every link and image
 * destination and title and code fence info, each a block of its own.
 * Before parsing, md_shown measures the shapes on which cmark-gfm 0.29
 * takes more than linear time (deeply unclosed brackets, rows with
 * thousands of cells, link references expanding a long definition many
 * times); when one is over its bound it calls nothing, sets *line to
 * the line concerned and returns -1.  Otherwise it returns 0.
 */
int	md_shown(const char *text, size_t len, md_piece_fn fn, void *arg,
	    int *line);

/*
 * cmark-gfm 0.29 cuts the text of a footnote reference whose label runs
 * over a line break ("见[^附件\n[一]]说明。" is shown "见[^]说明。", or
 * worse, half a character): returns -1 and the 1-based line and column
 * (in characters) of the first "[^" whose "]" is on a later line (a ']'
 * closes the innermost '[': "[^[^中]\n…]" is such a label), else 0.  What
 * checks a body refuses such text, so what is shown is what was
 * approved.
 */
int	md_footnote_split(const char *text, size_t len, int *line, int *col);

/*
 * What Markdown shows other than its author most likely meant, for
 * check to warn of (md_lint):
 *  - MD_LINT_UNLINKED: a link or picture whose destination holds a
 *    space ("![流程图](附件 1.png)") is no link to CommonMark, and shows
 *    as the text typed; dest is the destination as written, without
 *    its parentheses, line and col where it starts;
 *  - MD_LINT_INDENTED: a block indented by four spaces or a tab is
 *    code (monospace, not wrapped); one that holds Chinese text was
 *    meant as a paragraph; dest is NULL, line its first line.
 */
enum md_lint {
	MD_LINT_UNLINKED,
	MD_LINT_INDENTED
};

/* line and col (a byte column) are md_link_fn's, without line0. */
typedef void (*md_lint_fn)(void *arg, enum md_lint what, const char *dest,
	    int line, int col);

/* Calls fn for each such place of the len bytes of Markdown, in
 * reading order; returns how many there were.  Text that cannot hold
 * one is not parsed. */
int	md_lint(const char *text, size_t len, md_lint_fn fn, void *arg);

/* Appends the plain text of the Markdown (for summaries, feeds,
 * tickers), paragraphs separated by '\n'. */
void	md_text(const char *text, size_t len, struct buf *out);

/*
 * The bytes the run of U+3000 (ASCII spaces among them) that starts s
 * takes, if it holds ten or more: what leads a line of a 落款 (above);
 * else 0.
 */
size_t		 md_sign_run(const char *s);

/*
 * 1 if s (n bytes), the text of a line after such a run, is a heading
 * the run centres and not a 落款: it starts 第 and a number (Han
 * numerals or digits) then 章, 节, 编 or 条 ("第一章　总　　则"), or
 * 附件, 附表 or 附录 ("附件1"); else 0.
 */
int		 md_sign_heading(const char *s, size_t n);

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
	int		 level;	  /* MN_HEADING: 1-6, renumbered */
	int		 ordered; /* MN_LIST: 1 if numbered */
	int		 start;	  /* MN_LIST: first number */
	int		 header;  /* MN_ROW: 1 for the table's header row */
	int		 align;	  /* MN_CELL: 0 none, 'l', 'c', 'r' */
	char		*text;	  /* MN_TEXT, MN_CODE, MN_CODE_BLOCK,
				     MN_FOOTNOTE_REF */
	char		*url;	  /* MN_LINK, MN_IMAGE: destination */
	int		 line;	  /* MN_LINK, MN_IMAGE: where it starts in
				     the text, 1-based, as md_link_fn's
				     (without line0); 0 if not known */
	int		 col;	  /* and its byte column, 1-based */
	struct mnode	*child;	  /* first child */
	struct mnode	*next;	  /* next sibling */
};

/*
 * Parses Markdown into a tree (free with mnode_free). Never fails.
 * Heading levels are renumbered as md_html does with hbase 1: a
 * renderer adds its own base.  A task's box is text, "☐ " or "☑ ",
 * first in its item's first paragraph (md_html's place for it).
 */
struct mnode	*md_tree(const char *text, size_t len);
void		 mnode_free(struct mnode *);

#endif
