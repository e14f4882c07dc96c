/*
 * qr.c -- QR codes through libqrencode; see qr.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "diag.h"
#include "qr.h"
#include "util.h"

int
qr_encode(const char *path, const char *text, struct qr *q)
{
	QRcode	*c;
	size_t	 i, n;

	memset(q, 0, sizeof(*q));
	if (text[0] == '\0') {
		diag_error(path, 0, 0, "empty text for a qr code");
		return -1;
	}
	c = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (c == NULL) {
		if (errno == ERANGE)
			diag_error(path, 0, 0, "'%s' is too long for a qr "
			    "code", text);
		else
			diag_error(path, 0, 0, "cannot encode '%s' as a qr "
			    "code: %s", text, strerror(errno));
		return -1;
	}
	n = (size_t)c->width * (size_t)c->width;
	q->width = c->width;
	q->dark = xmalloc(n);
	for (i = 0; i < n; i++)
		q->dark[i] = c->data[i] & 1;
	QRcode_free(c);
	return 0;
}

void
qr_dispose(struct qr *q)
{
	free(q->dark);
	memset(q, 0, sizeof(*q));
}
