/*
 * fuzz_md.c -- Markdown: the web path (md_html with a link resolver,
 * md_text) and the print path (md_tree, then pdf.c's Markdown to
 * blocks, which needs no fonts: fonts are only used by pdf_finish's
 * layout, which this target does not run).
 */
#include "buf.h"
#include "fuzz.h"
#include "diag.h"
#include "md.h"
#include "pdf.h"
#include "util.h"

/* The line0 given to md_html below. */
#define LINE0	5

/*
 * Resolves a relative link as the web renderer does: by rewriting.
 * The position is on a line of the body (> LINE0), column >= 1, also
 * in a paragraph that a table interrupts, where cmark-gfm 0.29 counts
 * from 0 (md.c's node_pos; corpus: known-table-sourcepos-*).
 */
static int
link_fn(void *arg, const char *dest, int line, int col, struct buf *out)
{
	fuzz_assert(dest != NULL && line > LINE0 && col >= 1);
	(*(int *)arg)++;
	buf_puts(out, "../");
	buf_puts(out, dest);
	return 0;
}

/* What md_lint finds: a destination holding a space, or a block. */
static void
lint_fn(void *arg, enum md_lint what, const char *dest, int line, int col)
{
	fuzz_assert(what == MD_LINT_INDENTED ? dest == NULL :
	    what == MD_LINT_UNLINKED && strchr(dest, ' ') != NULL);
	fuzz_assert(line >= 1 && col >= 1);
	(*(int *)arg)++;
}

/* Every node of the print tree is of a known type. */
static void
walk(const struct mnode *n, int depth)
{
	for (; n != NULL; n = n->next) {
		fuzz_assert(n->type >= MN_DOC && n->type <= MN_FOOTNOTE_DEF);
		if (n->type == MN_HEADING)
			fuzz_assert(n->level >= 1 && n->level <= 6);
		walk(n->child, depth + 1);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*text = (const char *)data;
	struct buf	 out = BUF_INIT;
	struct pdf_opts	 o;
	struct mnode	*doc;
	struct pdf	*p;
	unsigned long	 said;
	int		 links = 0, whole, fl, fc, rc;

	/* A footnote label over a line break is shown cut, maybe inside a
	 * character, and so is one with a NUL (cmark makes it U+FFFD, the
	 * label's length is counted before): check refuses both in a body
	 * (item_body_read, text_check), so only what it accepts must come
	 * out whole. */
	whole = md_footnote_split(text, size, &fl, &fc) == 0 &&
	    memchr(text, '\0', size) == NULL;	/* items have none */
	/* A body fails only after saying why: a character reference to
	 * what text may not hold (check refuses it). */
	said = diag_said();
	rc = md_html("x.md", LINE0, text, size, 2, 1, NULL, link_fn, &links,
	    &out);
	fuzz_assert(rc == 0 || (rc == -1 && diag_said() > said));
	whole = whole && rc == 0;	/* (cmark writes U+FFFF as one byte) */
	/* Safe mode: no raw HTML survives (cmark writes a comment). */
	fuzz_assert(strstr(out.data, "<script") == NULL);
	/* Validated: any bytes in, UTF-8 out. */
	fuzz_assert(!whole || utf8_valid(out.data, out.len, NULL) == 0);
	buf_reset(&out);
	md_text(text, size, &out);
	fuzz_assert(!whole || utf8_valid(out.data, out.len, NULL) == 0);
	buf_dispose(&out);
	fl = 0;
	fuzz_assert(md_lint(text, size, lint_fn, &fl) == fl);
	doc = md_tree(text, size);
	fuzz_assert(doc != NULL && doc->type == MN_DOC);
	walk(doc, 0);
	memset(&o, 0, sizeof(o));
	o.paper = "A4";
	if (pdf_new("x.pdf", &o, NULL, &p) == 0) {
		pdf_heading(p, 1, "x");
		pdf_markdown(p, doc);
		pdf_free(p);
	}
	mnode_free(doc);
	return 0;
}
