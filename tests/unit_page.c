/*
 * unit_page.c -- tests for page.c: phone numbers as tel: pieces, an
 * address as a mailto: URI.
 */
#include <stddef.h>
#include <stdlib.h>

#include "buf.h"
#include "page.h"
#include "t.h"
#include "val.h"

/* The pieces of s as "text|tel;" pairs ("-" for no tel). */
static const char *
parts(struct buf *b, const char *s)
{
	struct val	*l = page_tel_parts(s), *m, *t;
	size_t		 i;

	buf_reset(b);
	for (i = 0; i < l->n; i++) {
		m = l->kids[i];
		t = val_get(m, "tel");
		buf_printf(b, "%s|%s;", val_get(m, "text")->s,
		    t->type == VAL_STR ? t->s : "-");
	}
	val_free(l);
	return b->data;
}

int
main(void)
{
	struct buf	b = BUF_INIT;
	char		*m;

	STR_EQ(parts(&b, NULL), "");
	STR_EQ(parts(&b, ""), "");
	STR_EQ(parts(&b, "028-87612345"), "028-87612345|tel:02887612345;");
	STR_EQ(parts(&b, "办公室 028-87612345；12356阳光计生服务热线"),
	    "办公室 |-;028-87612345|tel:02887612345;；|-;12356|tel:12356;"
	    "阳光计生服务热线|-;");
	STR_EQ(parts(&b, "+86 28 8761 2345 转 801"),
	    "+86 28 8761 2345|tel:+862887612345; 转 801|-;");
	STR_EQ(parts(&b, "(028) 8761-2345"),
	    "(|-;028) 8761-2345|tel:02887612345;");
	STR_EQ(parts(&b, "13800138000、028-1234567"),
	    "13800138000|tel:13800138000;、|-;028-1234567|tel:0281234567;");
	/* not phones: years, dates, postcodes, decimals, codes in words */
	STR_EQ(parts(&b, "2026年"), "2026年|-;");
	STR_EQ(parts(&b, "自2026-03-09起"), "自2026-03-09起|-;");
	STR_EQ(parts(&b, "邮编 610000"), "邮编 610000|-;");
	STR_EQ(parts(&b, "12345.5元"), "12345.5元|-;");
	STR_EQ(parts(&b, "ICP12345678"), "ICP12345678|-;");
	buf_dispose(&b);

	/* mailto: a valid URL whatever was typed (the Nu checker) */
	OK(page_mailto(NULL) == NULL);
	m = page_mailto("wzc@shifan.example.gov.cn");
	STR_EQ(m, "mailto:wzc@shifan.example.gov.cn");
	free(m);
	m = page_mailto("a b\"'><x>@ex.cn");
	STR_EQ(m, "mailto:a%20b%22%27%3E%3Cx%3E@ex.cn");
	free(m);
	m = page_mailto("a@b@示范.cn");
	STR_EQ(m, "mailto:a%40b@%E7%A4%BA%E8%8C%83.cn");
	free(m);
	m = page_mailto("no-at");
	STR_EQ(m, "mailto:no-at");
	free(m);
	return T_DONE();
}
