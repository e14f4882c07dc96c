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
	q->text = xstrdup(text);
	return 0;
}

void
qr_dispose(struct qr *q)
{
	free(q->dark);
	free(q->text);
	memset(q, 0, sizeof(*q));
}

/* A code and its text, allocated together and never moved: the map
 * keys on the text, and a caller holds the code. */
struct qr_ent {
	struct qr	 q;
	char		 text[];
};

struct qr_memo {
	struct strmap	  map;	/* text -> index in e */
	struct qr_ent	**e;	/* owned */
	size_t		  n, cap;
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
	struct qr_ent	*e;
	size_t		 i, len = strlen(text);

	if (strmap_get(&m->map, text, &i))
		return &m->e[i]->q;
	e = xmalloc(sizeof(*e) + len + 1);
	memcpy(e->text, text, len + 1);
	if (qr_encode(path, text, &e->q) == -1) {
		free(e);
		return NULL;
	}
	xgrow(&m->e, &m->cap, m->n + 1, sizeof(*m->e));
	m->e[m->n] = e;
	strmap_put(&m->map, e->text, m->n++, NULL);
	return &e->q;
}

void
qr_memo_clear(struct qr_memo *m)
{
	size_t	 i;

	strmap_dispose(&m->map);	/* and empty again */
	for (i = 0; i < m->n; i++) {
		qr_dispose(&m->e[i]->q);
		free(m->e[i]);
	}
	m->n = 0;
}

void
qr_memo_free(struct qr_memo *m)
{
	if (m == NULL)
		return;
	qr_memo_clear(m);
	free(m->e);
	free(m);
}
