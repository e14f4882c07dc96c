/*
 * md.c -- Markdown through cmark-gfm; see md.h.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "buf.h"
#include "md.h"
#include "util.h"

/* Safe mode is cmark-gfm's default: raw HTML and unsafe URLs dropped. */
#define MD_OPTS (CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | \
	CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | /* align= is obsolete HTML */ \
	CMARK_OPT_FOOTNOTES)

static const char *const md_exts[] = { "table", "strikethrough",
	"autolink", NULL };

static cmark_node *
md_parse(const char *text, size_t len, cmark_parser **pp)
{
	cmark_parser		*p;
	cmark_syntax_extension	*ext;
	size_t			 i;

	/* Idempotent; the registry it fills is constant after this. */
	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(MD_OPTS);
	for (i = 0; md_exts[i] != NULL; i++)
		if ((ext = cmark_find_syntax_extension(md_exts[i])) != NULL)
			cmark_parser_attach_syntax_extension(p, ext);
	cmark_parser_feed(p, text, len);
	*pp = p;
	return cmark_parser_finish(p);
}

/* A destination gongkai resolves itself: no scheme, not absolute, not
 * a fragment or query of this page. */
static int
is_relative(const char *u)
{
	const char	*p;

	if (*u == '\0' || *u == '/' || *u == '#' || *u == '?')
		return 0;
	for (p = u; *p != '\0' && *p != '/' && *p != '?' && *p != '#'; p++)
		if (*p == ':')
			return 0;
	return 1;
}

int
md_html(const char *path, int line0, const char *text, size_t len,
    int hshift, md_link_fn link, void *arg, struct buf *out)
{
	cmark_parser	*p;
	cmark_node	*doc, *n;
	cmark_iter	*it;
	cmark_event_type ev;
	struct buf	 dest = BUF_INIT;
	const char	*u;
	char		*html;
	int		 rc = 0, lv;

	doc = md_parse(text, len, &p);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			lv = cmark_node_get_heading_level(n) + hshift;
			cmark_node_set_heading_level(n, lv > 6 ? 6 : lv);
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			u = cmark_node_get_url(n);
			if (link == NULL || u == NULL || !is_relative(u))
				break;
			buf_reset(&dest);
			if (link(arg, u, cmark_node_get_start_line(n) + line0,
			    cmark_node_get_start_column(n), &dest) == -1)
				rc = -1;
			else
				cmark_node_set_url(n, dest.data);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	(void)path;
	if (rc == 0) {
		html = cmark_render_html(doc, MD_OPTS,
		    cmark_parser_get_syntax_extensions(p));
		buf_puts(out, html);
		free(html);
	}
	buf_dispose(&dest);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return rc;
}

void
md_text(const char *text, size_t len, struct buf *out)
{
	cmark_parser	*p;
	cmark_node	*doc, *n;
	cmark_iter	*it;
	cmark_event_type ev;
	const char	*lit;
	cmark_node_type	 t;

	doc = md_parse(text, len, &p);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_EXIT) {
			if ((t == CMARK_NODE_PARAGRAPH ||
			    t == CMARK_NODE_HEADING ||
			    strcmp(cmark_node_get_type_string(n), "table") == 0)
			    && out->len > 0 && out->data[out->len - 1] != '\n')
				buf_putc(out, '\n');
			continue;
		}
		switch (t) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(out, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, ' ');
			break;
		default:
			if (strcmp(cmark_node_get_type_string(n),
			    "table_cell") == 0 && out->len > 0 &&
			    out->data[out->len - 1] != '\n')
				buf_putc(out, ' ');
			else if (strcmp(cmark_node_get_type_string(n),
			    "table_row") == 0 || strcmp(
			    cmark_node_get_type_string(n), "table_header") == 0) {
				if (out->len > 0 &&
				    out->data[out->len - 1] != '\n')
					buf_putc(out, '\n');
			}
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(p);
}

static struct mnode *
mnode_new(enum mnode_type t)
{
	struct mnode	*m = xcalloc(1, sizeof(*m));

	m->type = t;
	return m;
}

/* Converts n and its children; NULL for nodes that carry nothing we
 * render (raw HTML is dropped, as in the HTML output). */
/* Nesting beyond this is dropped: no document needs it, and the
 * recursion must not exhaust the stack on a hostile file. */
#define MD_MAX_DEPTH 64

static struct mnode *
convert(cmark_node *n, cmark_node *table, int depth)
{
	struct mnode	*m, **tail;
	cmark_node	*c;
	const char	*ts, *lit;
	uint8_t		*al;
	int		 col;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_DOCUMENT:
		m = mnode_new(MN_DOC);
		break;
	case CMARK_NODE_PARAGRAPH:
		m = mnode_new(MN_PARA);
		break;
	case CMARK_NODE_HEADING:
		m = mnode_new(MN_HEADING);
		m->level = cmark_node_get_heading_level(n);
		break;
	case CMARK_NODE_LIST:
		m = mnode_new(MN_LIST);
		m->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		m->start = cmark_node_get_list_start(n);
		break;
	case CMARK_NODE_ITEM:
		m = mnode_new(MN_ITEM);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		m = mnode_new(MN_QUOTE);
		break;
	case CMARK_NODE_CODE_BLOCK:
		m = mnode_new(MN_CODE_BLOCK);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		m = mnode_new(MN_HR);
		break;
	case CMARK_NODE_TEXT:
		m = mnode_new(MN_TEXT);
		break;
	case CMARK_NODE_SOFTBREAK:
		m = mnode_new(MN_SOFTBREAK);
		break;
	case CMARK_NODE_LINEBREAK:
		m = mnode_new(MN_LINEBREAK);
		break;
	case CMARK_NODE_CODE:
		m = mnode_new(MN_CODE);
		break;
	case CMARK_NODE_EMPH:
		m = mnode_new(MN_EMPH);
		break;
	case CMARK_NODE_STRONG:
		m = mnode_new(MN_STRONG);
		break;
	case CMARK_NODE_LINK:
		m = mnode_new(MN_LINK);
		break;
	case CMARK_NODE_IMAGE:
		m = mnode_new(MN_IMAGE);
		break;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		m = mnode_new(MN_FOOTNOTE_REF);
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		m = mnode_new(MN_FOOTNOTE_DEF);
		break;
	default:
		ts = cmark_node_get_type_string(n);
		if (strcmp(ts, "table") == 0) {
			m = mnode_new(MN_TABLE);
			table = n;
		} else if (strcmp(ts, "table_row") == 0 ||
		    strcmp(ts, "table_header") == 0) {
			m = mnode_new(MN_ROW);
			m->header = cmark_gfm_extensions_get_table_row_is_header(
			    n);
		} else if (strcmp(ts, "table_cell") == 0) {
			m = mnode_new(MN_CELL);
			col = 0;
			for (c = cmark_node_previous(n); c != NULL;
			    c = cmark_node_previous(c))
				col++;
			al = table != NULL ?
			    cmark_gfm_extensions_get_table_alignments(table) :
			    NULL;
			if (al != NULL && col <
			    cmark_gfm_extensions_get_table_columns(table))
				m->align = al[col];
		} else if (strcmp(ts, "strikethrough") == 0)
			m = mnode_new(MN_STRIKE);
		else
			return NULL;
		break;
	}
	if ((lit = cmark_node_get_literal(n)) != NULL &&
	    (m->type == MN_TEXT || m->type == MN_CODE ||
	    m->type == MN_CODE_BLOCK || m->type == MN_FOOTNOTE_REF))
		m->text = xstrdup(lit);
	if ((m->type == MN_LINK || m->type == MN_IMAGE) &&
	    cmark_node_get_url(n) != NULL)
		m->url = xstrdup(cmark_node_get_url(n));
	tail = &m->child;
	for (c = cmark_node_first_child(n); c != NULL && depth < MD_MAX_DEPTH;
	    c = cmark_node_next(c))
		if ((*tail = convert(c, table, depth + 1)) != NULL)
			tail = &(*tail)->next;
	return m;
}

struct mnode *
md_tree(const char *text, size_t len)
{
	cmark_parser	*p;
	cmark_node	*doc;
	struct mnode	*m;

	doc = md_parse(text, len, &p);
	m = convert(doc, NULL, 0);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return m;
}

void
mnode_free(struct mnode *m)
{
	struct mnode	*next;

	while (m != NULL) {
		next = m->next;
		mnode_free(m->child);
		free(m->text);
		free(m->url);
		free(m);
		m = next;
	}
}
