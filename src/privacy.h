/*
 * privacy.h -- finds unmasked personal numbers in text (DESIGN 3.4):
 * resident ID numbers, mobile phone numbers and bank card numbers.
 *
 * A candidate is a maximal number: a run of digits (ASCII or full-width
 * U+FF10..U+FF19) not touching another digit, an ASCII or full-width
 * letter, '_', a mask character ('*', '＊', '×') or a decimal point
 * between digits (letters that are a label, "Tel13812345678", do not
 * glue).  Runs joined by single separators (space, U+3000, or one of
 * '-', '.', '/', '_', '－', '．', '／', dashes, "——", middle dots with at
 * most a space on either side; a first run in brackets: "(138) 1234")
 * form a chain, which is first tried as one grouped number ("138 1234 5678",
 * "+86 138-1234-5678", "138 12345678", "6222 0212 3456 7890 123",
 * "110101 19900101 1234") and otherwise for grouped mobile and ID
 * numbers inside it and run by run; a chain of single digits ("1 3 8 1
 * 2 3 4 5 6 7 8", a form's boxes) is one number.  An ID number's check
 * character may be 'X', 'x' or a look-alike (Ｘ, Cyrillic Х, Greek Χ,
 * Ⅹ), and a single mask in its place hides nothing (the check digit
 * follows from the rest).  So index numbers, dates, amounts,
 * landlines, codes with letters and masked forms such as "138****5678"
 * never hit.  A card-shaped number the text labels as an organisation's
 * account (对公账号, a body as its 户名, a table column so headed) is
 * none, and neither is a card- or ID-shaped number labelled as a public
 * one: 施工许可证编号, 项目编号, 合同编号, 案件编号..., and, unless a
 * valid 18-digit ID number, 注册号, 税务登记证号, 证书编号... (privacy.c,
 * org_account, public_label).  privacy_scan() is pure: no I/O, no
 * allocation.  privacy_scan_item() reads an item file the way a reader
 * sees it, and runs privacy_scan() on that text too.
 */
#ifndef GONGKAI_PRIVACY_H
#define GONGKAI_PRIVACY_H

#include <stddef.h>

enum privacy_kind {
	PRIV_ID18,	/* GB 11643 ID: valid region, birth date, check digit */
	PRIV_ID15,	/* old 15-digit ID: region, YYMMDD, 3 digits */
	PRIV_MOBILE,	/* 1[3-9] + 9 digits, optionally +86 / 0086 */
	PRIV_BANKCARD,	/* 16..19 digits, first 3..6 (or 9558/9559, 19),
			   Luhn-valid */
	PRIV_OPAQUE,	/* privacy_scan_item: Markdown too complex to read
			   in linear time, so it cannot be checked */
	PRIV_HIDDEN,	/* privacy_scan_item: raw HTML, which no reader
			   sees: what it holds was never read as shown, so
			   it cannot be checked, and reviewers would approve
			   text that is not published */
	PRIV_IDENT	/* privacy_scan_item: git's ident keyword
			   (privacy_ident), which a checkout shows as other
			   text: reviewers would approve text that is not
			   published */
};

/*
 * Calls hit(arg, off, len, kind) for every personal number in the len
 * bytes at text, in order of offset; off and len are byte offsets into
 * text and cover the whole number as written (its separators, a "+86"
 * prefix, a trailing 'X').  hit may be NULL to only count.  Returns the
 * number of hits.  text need not be NUL-terminated; invalid UTF-8 is
 * harmless.
 */
int		 privacy_scan(const char *text, size_t len,
		    void (*hit)(void *arg, size_t off, size_t len,
		    enum privacy_kind kind), void *arg);

/*
 * Scans an item file the way a reader sees it (DESIGN 3.4 and 4,
 * "Privacy is judged on the text as shown").  path's suffix says what
 * the len bytes at text are: ".md" a Markdown body under YAML front
 * matter, otherwise a YAML item whose top-level "body" is Markdown.
 * Two readings are scanned with privacy_scan():
 *  - the bytes as written;
 *  - the text as shown: every YAML scalar (keys, every field, table
 *    cells) after YAML decoding (escapes, quoting, folding), and the
 *    Markdown as md_shown() gives it (character references and
 *    backslash escapes decoded, emphasis, code spans and raw HTML no
 *    longer between digits, link and image destinations and titles,
 *    image alt text), one block after another; in it every Unicode
 *    decimal digit (Nd: full-width, Arabic-Indic, Devanagari,
 *    mathematical 𝟏 ...) and every look-alike (superscript, circled,
 *    Chinese numerals 一三八, 幺, 壹) reads as its ASCII digit, invisible
 *    characters (U+200B-U+200F, U+2060-U+206F, U+FEFF, U+00AD, bidi
 *    controls, variation selectors, combining marks) are removed, and
 *    so is a backslash between two digits ("1\1\0": CommonMark shows
 *    it, but the number is still read); what a right-to-left
 *    override (U+202E) holds is read reversed, as it is shown.
 * hit(arg, off, len, kind) is called once per number found, in order
 * of off, as privacy_scan() does: off and len are byte offsets into
 * text, the number as written when the bytes show it, else from the
 * source of its first shown character to that of its last, as nearly
 * as the decoding can place them.  A number found by both readings is
 * reported once.  A Markdown body on which cmark would take more than
 * linear time (md_shown) cannot be read as shown: it is one PRIV_OPAQUE
 * hit at the line concerned.  Each piece of raw HTML in it but comments
 * (md_shown's url 3) is a PRIV_HIDDEN hit where it starts, its length
 * the HTML's first line.  Each git ident keyword in the bytes
 * (privacy_ident) is a PRIV_IDENT hit over it.  YAML that does not
 * parse is read as far
 * as it parses (the loader reports the error).  Prints nothing; time
 * and memory linear in len.  Returns the number of hits.
 */
int		 privacy_scan_item(const char *path, const char *text,
		    size_t len, void (*hit)(void *arg, size_t off, size_t len,
		    enum privacy_kind kind), void *arg);

/*
 * Scans plain text that is shown as it is written (a record's field, no
 * markup) the way privacy_scan_item() reads text as shown: the bytes as
 * written, and again with every Unicode decimal digit as its ASCII
 * digit and invisible characters removed.  Offsets are into text.
 * Returns the number of hits.
 */
int		 privacy_scan_shown(const char *text, size_t len,
		    void (*hit)(void *arg, size_t off, size_t len,
		    enum privacy_kind kind), void *arg);

/*
 * Scans a unit file (_unit.yaml) as privacy_scan_item() scans a YAML
 * item, for the numbers that never stand in one: resident ID and bank
 * card numbers.  A mobile number there is the unit's own contact line
 * (a village office's phone: is often one), which the seed has every
 * unit publish.  Returns the number of hits.
 */
int		 privacy_scan_unit(const char *text, size_t len,
		    void (*hit)(void *arg, size_t off, size_t len,
		    enum privacy_kind kind), void *arg);

/*
 * The kind of the first personal number in a file name as it is shown
 * (privacy_scan_shown), or -1.  A name is shown in every link, the
 * sitemap and the feeds: the loader refuses such a name and the gate
 * never publishes it.  '_' in a name reads as a space.
 */
int		 privacy_name_kind(const char *name);
/* The same, the whole name always scanned: what privacy_name_kind's
 * shortcut for names no number can be in must agree with (the tests
 * and fuzz/fuzz_names.c compare them). */
int		 privacy_name_scan(const char *name);

/*
 * The first git ident keyword in the len bytes at text from offset
 * from on: its offset, its length in *n; len when there is none.  With
 * the ident attribute (gitattributes(5): built into git, set by any
 * .gitattributes a push brings), every checkout replaces "$Id$", and
 * "$Id:" up to the next '$' on its line, with "$Id: <blob id> $": the
 * working tree, previews and reviews show other text than the blob a
 * gated build publishes.  Whatever stands between "$Id:" and the '$'
 * counts, spaces too (git keeps one with inner spaces, but versions and
 * tools differ: one more refusal is safe).  Time linear in len.
 */
size_t		 privacy_ident(const char *text, size_t len, size_t from,
		    size_t *n);

/* "resident ID number", "mobile phone number", "bank card number". */
const char	*privacy_kind_name(enum privacy_kind kind);

#endif
