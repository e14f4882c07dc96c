/*
 * pdf_sum.h -- SHA-256 of what a PDF is made from, for the digests of
 * pdf_digest() and of the fonts (pdf_font.c).  Every value is fed in
 * a form that cannot run into the next one: strings with their length
 * (NULL differs from ""), numbers exactly (hexadecimal floating point).
 */
#ifndef GONGKAI_PDF_SUM_H
#define GONGKAI_PDF_SUM_H

#include <stddef.h>

/* A digest being computed (opaque). */
struct pdf_sum;

/* Starts a digest; pdf_sum_end() frees it.  Never fails. */
struct pdf_sum	*pdf_sum_new(void);

/* Feeds a string (or NULL), a number, or n bytes. */
void	pdf_sum_str(struct pdf_sum *, const char *s);
void	pdf_sum_num(struct pdf_sum *, double d);
void	pdf_sum_bytes(struct pdf_sum *, const void *p, size_t n);

/*
 * Feeds a file's path, size and modification time (nanoseconds), or
 * the path and -1 if it cannot be read: a replaced file changes the
 * digest without being read.
 */
void	pdf_sum_file(struct pdf_sum *, const char *path);

/* Writes the digest as 64 hex digits and a NUL, and frees s. */
void	pdf_sum_end(struct pdf_sum *s, char hex[65]);

#endif
