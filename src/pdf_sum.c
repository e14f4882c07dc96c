/*
 * pdf_sum.c -- SHA-256 of a PDF's inputs with GLib's GChecksum; see
 * pdf_sum.h.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "pdf_sum.h"
#include "util.h"

struct pdf_sum {
	GChecksum	*ck;	/* SHA-256 */
};

struct pdf_sum *
pdf_sum_new(void)
{
	struct pdf_sum	*s = xmalloc(sizeof(*s));

	s->ck = g_checksum_new(G_CHECKSUM_SHA256);
	return s;
}

void
pdf_sum_str(struct pdf_sum *s, const char *str)
{
	char	 n[24];

	snprintf(n, sizeof(n), "%zd:", str != NULL ?
	    (ssize_t)strlen(str) : -1);
	g_checksum_update(s->ck, (const guchar *)n, -1);
	if (str != NULL)
		g_checksum_update(s->ck, (const guchar *)str, -1);
}

void
pdf_sum_num(struct pdf_sum *s, double d)
{
	char	 n[40];

	snprintf(n, sizeof(n), "%a;", d);
	g_checksum_update(s->ck, (const guchar *)n, -1);
}

void
pdf_sum_bytes(struct pdf_sum *s, const void *p, size_t n)
{
	g_checksum_update(s->ck, p, (gssize)n);
}

void
pdf_sum_file(struct pdf_sum *s, const char *path)
{
	struct stat	 st;

	pdf_sum_str(s, path);
	if (stat(path, &st) == -1) {
		pdf_sum_num(s, -1);
		return;
	}
	pdf_sum_num(s, (double)st.st_size);
	pdf_sum_num(s, (double)st.st_mtim.tv_sec);
	pdf_sum_num(s, (double)st.st_mtim.tv_nsec);
}

void
pdf_sum_end(struct pdf_sum *s, char hex[65])
{
	snprintf(hex, 65, "%s", g_checksum_get_string(s->ck));
	g_checksum_free(s->ck);
	free(s);
}
