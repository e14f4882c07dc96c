/*
 * unit_questionnaire.c -- the blank questionnaire: a whole A4 PDF,
 * the same bytes twice, and (when pdftotext is here) every question
 * and label in its text.  The shell test prog-eval.test.sh reads its
 * QR code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cfg.h"
#include "pdf.h"
#include "questionnaire.h"
#include "t.h"

static int
make(struct pdf_fonts *f, const struct questionnaire *q, struct buf *out)
{
	struct pdf_opts	 o;
	struct pdf	*p;
	int		 rc;

	memset(&o, 0, sizeof(o));
	o.paper = "A4";
	o.creation_day = 20777;
	o.title = q->title;
	o.footer_fmt = "第 %d 页 共 %d 页";
	if (pdf_new("q.pdf", &o, f, &p) == -1)
		return -1;
	rc = questionnaire_pdf(p, q);
	if (rc == 0)
		rc = pdf_finish(p, out);
	pdf_free(p);
	return rc;
}

int
main(void)
{
	char	*qs[] = { "奖励优惠政策落实情况", "办事公开情况",
	    "依法办事情况", "优质服务情况" };
	char	*scale[] = { "满意", "基本满意", "不满意" };
	struct evalkind		 k = { "farmers", "请农民兄弟姐妹“评计生”",
	    qs, 4, scale, 3, 2 };
	struct questionnaire	 q = { &k, "2026年请农民兄弟姐妹评计生",
	    "示范县计划生育服务中心", "示范县卫生健康局",
	    "https://x.example/a/evaluation/2026-farmers.html", NULL };
	struct pdf_fonts	*f = pdf_fonts_new();
	struct buf		 a, b;
	FILE			*fp;
	char			 line[4096], cmd[128];
	char			 path[] = "/tmp/gk-questionnaire-XXXXXX.pdf";
	int			 fd;
	struct buf		 text;
	size_t			 i;

	buf_init(&a);
	buf_init(&b);
	buf_init(&text);
	OK(make(f, &q, &a) == 0);
	OK(make(f, &q, &b) == 0);
	OK(a.len > 1000 && a.len == b.len &&
	    memcmp(a.data, b.data, a.len) == 0);
	OK(a.len > 5 && memcmp(a.data, "%PDF-", 5) == 0);
	/* a file of its own: the build folder is build/ or build-asan/ */
	if ((fd = mkstemps(path, 4)) == -1 ||
	    write(fd, a.data, a.len) != (ssize_t)a.len) {
		perror(path);
		return 1;
	}
	close(fd);
	snprintf(cmd, sizeof(cmd), "pdftotext -layout %s -", path);
	if (system("command -v pdftotext >/dev/null 2>&1") != 0)
		T_SKIP("pdftotext is not installed");
	else if ((fp = popen(cmd, "r")) != NULL) {
		while (fgets(line, sizeof(line), fp) != NULL)
			buf_puts(&text, line);
		pclose(fp);
		for (i = 0; i < 4; i++)
			OK(strstr(text.data, qs[i]) != NULL);
		OK(strstr(text.data, "基本满意") != NULL);
		OK(strstr(text.data, "示范县计划生育服务中心") != NULL);
		OK(strstr(text.data, "□") != NULL);
	}
	buf_dispose(&a);
	buf_dispose(&b);
	buf_dispose(&text);
	unlink(path);
	pdf_fonts_free(f);
	return T_DONE();
}
