/*
 * qr.h -- QR codes as a grid of modules: the only user of libqrencode.
 *
 * The grid carries no quiet zone; whoever draws it leaves QR_QUIET
 * light modules on every side.
 */
#ifndef GONGKAI_QR_H
#define GONGKAI_QR_H

#define QR_QUIET 4	/* light modules to leave around the symbol */

struct qr {
	int		 width;	/* modules per side */
	unsigned char	*dark;	/* width * width bytes, row by row: 1 dark */
	char		*text;	/* what it encodes (a tagged PDF's
				   alternative text), or NULL */
};

/*
 * Encodes the UTF-8 text (a URL) at error-correction level M, choosing
 * the smallest version that holds it.  Returns 0 and fills q (free its
 * storage with qr_dispose), or -1 after reporting an error against
 * path (the text is too long, or the library failed).
 */
int	qr_encode(const char *path, const char *text, struct qr *q);

/* Frees the module grid and zeroes q. */
void	qr_dispose(struct qr *q);

/*
 * Codes kept by text, for whoever encodes the same texts again (a
 * unit's board, then its handout, in one worker): libqrencode scores
 * all eight masks of every code it makes.
 */
struct qr_memo;

struct qr_memo	*qr_memo_new(void);
/* The code of text, encoded on first use (see qr_encode), owned by m
 * until qr_memo_clear() or qr_memo_free(); NULL after a diagnostic. */
const struct qr	*qr_memo_get(struct qr_memo *m, const char *path,
		    const char *text);
void		 qr_memo_clear(struct qr_memo *m);
void		 qr_memo_free(struct qr_memo *m);

#endif
