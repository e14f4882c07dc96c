/*
 * qr.c -- QR codes through libqrencode; see qr.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "diag.h"
#include "qr.h"
#include "strmap.h"
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

struct qr_memo {
	struct strmap	 map;	/* text -> index */
	char		**text;	/* owned */
	struct qr	**q;	/* owned, each its own: what get returned
				   stays where it is */
	size_t		 n, cap, captext;
};

struct qr_memo *
qr_memo_new(void)
{
	struct qr_memo	*m = xcalloc(1, sizeof(*m));

	strmap_init(&m->map);
	return m;
}

const struct qr *
qr_memo_get(struct qr_memo *m, const char *path, const char *text)
{
	size_t	 i;

	struct qr	*q;

	if (strmap_get(&m->map, text, &i))
		return m->q[i];
	q = xmalloc(sizeof(*q));
	if (qr_encode(path, text, q) == -1) {
		free(q);
		return NULL;
	}
	xgrow(&m->q, &m->cap, m->n + 1, sizeof(*m->q));
	xgrow(&m->text, &m->captext, m->n + 1, sizeof(*m->text));
	m->q[m->n] = q;
	m->text[m->n] = xstrdup(text);
	strmap_put(&m->map, m->text[m->n], m->n, NULL);
	return m->q[m->n++];
}

void
qr_memo_clear(struct qr_memo *m)
{
	size_t	 i;

	strmap_dispose(&m->map);	/* and empty again */
	for (i = 0; i < m->n; i++) {
		qr_dispose(m->q[i]);
		free(m->q[i]);
		free(m->text[i]);
	}
	m->n = 0;
}

void
qr_memo_free(struct qr_memo *m)
{
	if (m == NULL)
		return;
	qr_memo_clear(m);
	free(m->q);
	free(m->text);
	free(m);
}
