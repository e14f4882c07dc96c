/*
 * unit_utf8.c -- tests for the UTF-8 decoder of util.c (utf8_decode,
 * utf8_valid, text_blank): the one reader of text that may be bad, used by the
 * privacy scanner, the search index and the PDF writer.
 */
#include <string.h>

#include "t.h"

int
main(void)
{
	static const struct {
		const char	*s;
		size_t		 n;
		long		 cp;	/* -1: bad */
		size_t		 w;
	} c[] = {
		{ "A", 1, 'A', 1 },
		{ "\x7f", 1, 0x7f, 1 },
		{ "\xc2\x80", 2, 0x80, 2 },
		{ "\xc3\x97", 2, 0xd7, 2 },		/* × */
		{ "\xe8\xae\xa1", 3, 0x8ba1, 3 },	/* 计 */
		{ "\xef\xbc\x91", 3, 0xff11, 3 },	/* １ */
		{ "\xf0\x9f\x98\x80", 4, 0x1f600, 4 },
		{ "\xf4\x8f\xbf\xbf", 4, 0x10ffff, 4 },
		/* bad: a width of 1, so the next byte is read next */
		{ "\x80", 1, -1, 1 },			/* lone continuation */
		{ "\xc0\xb1", 2, -1, 1 },		/* overlong '1' */
		{ "\xc1\xbf", 2, -1, 1 },
		{ "\xe0\x80\xb1", 3, -1, 1 },		/* overlong '1' */
		{ "\xf0\x80\x80\xb1", 4, -1, 1 },	/* overlong '1' */
		{ "\xed\xa0\x80", 3, -1, 1 },		/* surrogate */
		{ "\xf4\x90\x80\x80", 4, -1, 1 },	/* past U+10FFFF */
		{ "\xf5\x80\x80\x80", 4, -1, 1 },
		{ "\xff", 1, -1, 1 },
		{ "\xe8\xae", 2, -1, 1 },		/* cut short */
		{ "\xe8\xae\xa1", 2, -1, 1 },		/* n says so */
		{ "\xe8\x41\xa1", 3, -1, 1 },		/* not continued */
	};
	size_t	i, w, off;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		w = 99;
		OK(utf8_decode(c[i].s, c[i].n, &w) == c[i].cp);
		OK(w == c[i].w);
		/* utf8_valid agrees on every case */
		OK((utf8_valid(c[i].s, c[i].n, &off) == 0) == (c[i].cp >= 0));
	}

	/* utf8_valid points at the first bad byte */
	OK(utf8_valid("计划\xc0\xb1生育", 10, &off) == -1 && off == 6);
	OK(utf8_valid("计划生育", strlen("计划生育"), NULL) == 0);
	OK(utf8_valid("", 0, NULL) == 0);
	OK(utf8_valid("ab\xe8", 3, &off) == -1 && off == 2);

	/* utf8_get reads what was checked the same way */
	OK(utf8_get("\xe8\xae\xa1") == 0x8ba1);
	OK(utf8_get("\xf0\x9f\x98\x80") == 0x1f600);
	OK(utf8_get("a") == 'a' && utf8_get("\xc2\xa0") == 0xa0);
	/* ... and is U+FFFD at a byte that starts no whole character,
	 * reading nothing past the NUL (cmark writes a reference to
	 * U+FFFF as the one byte 0xFF: found by fuzz_md, ASan) */
	OK(utf8_get("\xff") == 0xfffd);
	OK(utf8_get("\xe4") == 0xfffd && utf8_get("\xe4\xb8") == 0xfffd);
	OK(utf8_get("\xf0\x9f\x98") == 0xfffd);
	OK(utf8_get("\x80") == 0xfffd && utf8_get("\xc0\x80") == 0xfffd);

	/* text_blank: what shows nothing (an empty title, heading) */
	OK(text_blank("", 0));
	OK(text_blank(" \t\r\n", 4));
	OK(text_blank("\xe3\x80\x80\xc2\xa0", 5));	/* U+3000, U+00A0 */
	OK(!text_blank("\xe3\x80\x80\xe2\x80\xa6", 6));	/* …: shows */
	OK(!text_blank(" 1", 2));
	OK(!text_blank("\xe3\x80", 2));	/* a cut character shows */
	return T_DONE();
}
