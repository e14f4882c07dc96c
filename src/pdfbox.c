/*
 * pdfbox.c -- TrimBox and BleedBox through qpdf's C API; see pdfbox.h.
 */
#include <stdio.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "buf.h"
#include "diag.h"
#include "pdfbox.h"

/* Reports qpdf's pending error, if any; returns -1 if there was one. */
static int
box_error(const char *path, qpdf_data q, const char *what)
{
	qpdf_error	 e;

	if (!qpdf_has_error(q))
		return 0;
	e = qpdf_get_error(q);
	diag_error(path, 0, 0, "cannot %s: %s", what,
	    e != NULL ? qpdf_get_error_message_detail(q, e) : "qpdf failed");
	return -1;
}

static qpdf_oh
box_array(qpdf_data q, const struct pdfbox_rect *r)
{
	char	 s[128];

	snprintf(s, sizeof(s), "[%.4f %.4f %.4f %.4f]",
	    r->x0, r->y0, r->x1, r->y1);
	return qpdf_oh_parse(q, s);
}

int
pdfbox_set(const char *path, struct buf *pdf,
    const struct pdfbox_rect *trim, const struct pdfbox_rect *bleed)
{
	qpdf_data	 q;
	qpdf_oh		 page;
	int		 i, n, rc = -1;

	q = qpdf_init();
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if (qpdf_read_memory(q, path, pdf->data, pdf->len, NULL) &
	    QPDF_ERRORS) {
		box_error(path, q, "read the pdf");
		goto out;
	}
	n = qpdf_get_num_pages(q);
	if (box_error(path, q, "count pages") == -1)
		goto out;
	for (i = 0; i < n; i++) {
		page = qpdf_get_page_n(q, (size_t)i);
		qpdf_oh_replace_key(q, page, "/MediaBox", box_array(q, bleed));
		qpdf_oh_replace_key(q, page, "/BleedBox", box_array(q, bleed));
		qpdf_oh_replace_key(q, page, "/TrimBox", box_array(q, trim));
	}
	if (box_error(path, q, "set page boxes") == -1)
		goto out;
	if (qpdf_init_write_memory(q) & QPDF_ERRORS) {
		box_error(path, q, "write the pdf");
		goto out;
	}
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_suppress_original_object_IDs(q, QPDF_TRUE);
	if (qpdf_write(q) & QPDF_ERRORS) {
		box_error(path, q, "write the pdf");
		goto out;
	}
	buf_reset(pdf);
	buf_put(pdf, qpdf_get_buffer(q), qpdf_get_buffer_length(q));
	rc = 0;
out:
	qpdf_cleanup(&q);
	return rc;
}
