/*
 * unit_privcache.c -- the privacy cache: what one run records the next
 * knows, under the same code only; how a text was read is part of what
 * is known; a damaged, reordered or foreign file is an empty cache; a
 * run keeps only what it saw, and writes nothing when that is what it
 * read.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cachedir.h"
#include "privcache.h"
#include "sha256.h"
#include "t.h"
#include "util.h"

int
main(void)
{
	char		 tmpl[] = "/tmp/unit_privcache.XXXXXX";
	char		 code[65], other[65], a[65], b[65], c[65], *path, *cmd;
	struct privcache *p;
	struct buf	 text = BUF_INIT;
	long long	 t0;
	FILE		*f;

	if (mkdtemp(tmpl) == NULL)
		return 1;
	path = xasprintf("%s/privacy/items", tmpl);
	t_digest("code", code);
	t_digest("other code", other);
	t_digest("a", a);
	t_digest("b", b);
	t_digest("c", c);

	/* nothing known at first; NULL path: nothing saved */
	p = privcache_open(NULL, code);
	OK(!privcache_known(p, a, 'm'));
	privcache_seen(p, a, 'm');
	privcache_save(p);
	privcache_free(p);
	OK(access(path, F_OK) == -1);
	OK(!privcache_known(NULL, a, 'm'));

	/* one run records, the next knows, read the same way only */
	p = privcache_open(path, code);
	OK(!privcache_known(p, a, 'm'));
	privcache_seen(p, b, 'y');
	privcache_seen(p, a, 'm');
	privcache_seen(p, a, 'm');
	privcache_save(p);
	privcache_free(p);
	OK(cachedir_read(path, &text) == 0);
	OK(text.len == strlen("gongkai privcache 1 ") + 65 + 2 * 67);
	p = privcache_open(path, code);
	OK(privcache_known(p, a, 'm'));
	OK(privcache_known(p, b, 'y'));
	OK(!privcache_known(p, a, 'y'));
	OK(!privcache_known(p, b, 'm'));
	OK(!privcache_known(p, c, 'm'));

	/* seeing what was read writes nothing */
	t0 = t_mtime_ns(path);
	usleep(20000);
	privcache_seen(p, a, 'm');
	privcache_seen(p, b, 'y');
	privcache_save(p);
	privcache_free(p);
	OK(t_mtime_ns(path) == t0);

	/* another program: nothing known */
	p = privcache_open(path, other);
	OK(!privcache_known(p, a, 'm'));
	privcache_free(p);

	/* a run keeps what it saw, not what it did not */
	p = privcache_open(path, code);
	privcache_seen(p, c, 'm');
	privcache_save(p);
	privcache_free(p);
	p = privcache_open(path, code);
	OK(privcache_known(p, c, 'm'));
	OK(!privcache_known(p, a, 'm'));
	privcache_free(p);

	/* every way of reading is kept: a file with a unit file's record
	 * ('u') is not taken for a damaged one */
	p = privcache_open(path, code);
	privcache_seen(p, c, 'm');
	privcache_seen(p, a, 'u');
	privcache_save(p);
	privcache_free(p);
	p = privcache_open(path, code);
	OK(privcache_known(p, c, 'm'));
	OK(privcache_known(p, a, 'u'));
	OK(!privcache_known(p, a, 'm'));
	privcache_free(p);

	/* a file out of order, cut short or with another letter: empty */
	p = privcache_open(path, code);
	privcache_seen(p, a, 'm');
	privcache_seen(p, c, 'm');
	privcache_save(p);
	privcache_free(p);
	OK(cachedir_read(path, &text) == 0);
	cmd = xstrndup(text.data, text.len);
	/* swap the two lines */
	if ((f = fopen(path, "w")) != NULL) {
		size_t h = strlen("gongkai privcache 1 ") + 65;
		fwrite(cmd, 1, h, f);
		fwrite(cmd + h + 67, 1, 67, f);
		fwrite(cmd + h, 1, 67, f);
		fclose(f);
	}
	p = privcache_open(path, code);
	OK(!privcache_known(p, a, 'm') && !privcache_known(p, c, 'm'));
	privcache_free(p);
	if ((f = fopen(path, "w")) != NULL) {
		fwrite(cmd, 1, text.len - 1, f);
		fclose(f);
	}
	p = privcache_open(path, code);
	OK(!privcache_known(p, a, 'm'));
	privcache_free(p);
	cmd[text.len - 2] = 'x';
	if ((f = fopen(path, "w")) != NULL) {
		fwrite(cmd, 1, text.len, f);
		fclose(f);
	}
	p = privcache_open(path, code);
	OK(!privcache_known(p, a, 'm'));
	privcache_free(p);
	free(cmd);

	/* a file others may write is not read (cachedir.h) */
	p = privcache_open(path, code);
	privcache_seen(p, a, 'm');
	privcache_save(p);
	privcache_free(p);
	chmod(path, 0666);
	p = privcache_open(path, code);
	OK(!privcache_known(p, a, 'm'));
	privcache_free(p);

	buf_dispose(&text);
	free(path);
	t_scratch_end(tmpl, "UNIT_PRIVCACHE_KEEP");
	return T_DONE();
}
