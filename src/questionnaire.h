/*
 * questionnaire.h -- the blank printed questionnaire of an evaluation
 * (问卷调查, seed 二（五）): A4, to be handed out and ticked at a
 * village assembly or a service hall.  The kind's questions come from
 * config.yaml, one row each with a box per answer label, then room
 * for opinions, then a QR code to the page where the results appear.
 */
#ifndef GONGKAI_QUESTIONNAIRE_H
#define GONGKAI_QUESTIONNAIRE_H

struct evalkind;
struct pdf;

struct questionnaire {
	const struct evalkind	*kind;	   /* questions and scale */
	const char		*title;	   /* the evaluation's title */
	const char		*subject;  /* name of the unit evaluated */
	const char		*organiser; /* name of the unit asking */
	const char		*url;	   /* absolute URL of the results */
	const char		*url_text; /* the URL as printed (decoded) */
};

/*
 * Records the questionnaire into p (a document started on A4; see
 * pdf.h).  Returns 0, or -1 after reporting that the URL cannot be
 * encoded as a QR code.
 */
int	questionnaire_pdf(struct pdf *p, const struct questionnaire *q);

#endif
