/*
 * memo.c -- keys of groups of pages (memo.h).
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cfg.h"
#include "memo.h"
#include "out.h"
#include "prov.h"
#include "sha256.h"
#include "site.h"
#include "source.h"
#include "theme.h"
#include "tmpl.h"
#include "util.h"
#include "val.h"

void
memo_add_str(struct sha256 *h, const char *s)
{
	sha256_add(h, s != NULL ? s : "", s != NULL ? strlen(s) + 1 : 0);
	sha256_add(h, s != NULL ? "+" : "-", 1);
}

void
memo_add_num(struct sha256 *h, long long n)
{
	char	b[32];

	snprintf(b, sizeof(b), "%lld", n);
	memo_add_str(h, b);
}

/* Adds the running program's bytes: another gongkai may make other
 * pages from the same inputs.  0 or -1. */
static int
add_program(struct sha256 *h)
{
	char	b[65536];
	ssize_t	n;
	int	fd;

	if ((fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	while ((n = read(fd, b, sizeof(b))) > 0)
		sha256_add(h, b, (size_t)n);
	close(fd);
	return n == 0 ? 0 : -1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Adds the files the program runs with besides its own: the shared
 * libraries (libcmark-gfm makes the HTML of every body), the loader,
 * whatever LD_PRELOAD brings in.  An upgrade replaces a library's file
 * (a new inode, time and size), so their names and stamps are enough;
 * in name order, as addresses differ from run to run.  What maps no
 * code (locales, shared memory) is left out.
 */
static void
add_libs(struct sha256 *h)
{
	struct buf		 b = BUF_INIT;
	struct stat		 st;
	char			 chunk[8192], dev[32], perm[5], **libs = NULL;
	char			*line, *nl, *path;
	unsigned long long	 ino;
	size_t			 n = 0, cap = 0, i;
	ssize_t			 r;
	int			 fd, at;

	if ((fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC)) == -1) {
		memo_add_str(h, NULL);
		return;
	}
	while ((r = read(fd, chunk, sizeof(chunk))) > 0)
		buf_put(&b, chunk, (size_t)r);
	close(fd);
	/* "address perms offset dev inode path" */
	for (line = b.data; line != NULL && *line != '\0'; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		at = 0;
		/* code only: data maps hold no program, and shared memory
		 * ("/dev/zero (deleted)") is another inode every run */
		if (sscanf(line, "%*s %4s %*s %31s %llu %n", perm, dev, &ino,
		    &at) != 3 || at == 0 || ino == 0 || line[at] != '/' ||
		    perm[2] != 'x')
			continue;
		path = line + at;
		xgrow(&libs, &cap, n + 1, sizeof(*libs));
		if (stat(path, &st) == 0)
			libs[n++] = xasprintf("%s\t%s %llu %lld %lld.%09ld",
			    path, dev, ino, (long long)st.st_size,
			    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
		else
			libs[n++] = xasprintf("%s\t%s %llu -", path, dev,
			    ino);
	}
	if (n > 0)
		qsort(libs, n, sizeof(*libs), cmp_str);
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(libs[i], libs[i - 1]) != 0)
			memo_add_str(h, libs[i]);
	for (i = 0; i < n; i++)
		free(libs[i]);
	free(libs);
	buf_dispose(&b);
}

/* Adds value v as JSON (NULL: nothing), then frees it. */
static void
add_val(struct sha256 *h, struct val *v)
{
	struct buf	b = BUF_INIT;

	if (v != NULL)
		val_json(v, &b, 0);
	memo_add_str(h, v != NULL ? b.data : NULL);
	buf_dispose(&b);
	val_free(v);
}

int
memo_code(char out[65])
{
	struct sha256	h;

	sha256_init(&h);
	memo_add_str(&h, "gongkai code 1");
	if (add_program(&h) == -1)
		return -1;
	add_libs(&h);
	sha256_hex(&h, out);
	return 0;
}

int
memo_site(const struct out_ctx *ctx, char out[65])
{
	const struct site	*s = ctx->site;
	const struct src_entry	*ents;
	struct sha256		 h;
	size_t			 i, n;
	char			 log[65], code[65];

	if (memo_code(code) == -1)
		return -1;
	sha256_init(&h);
	memo_add_str(&h, "gongkai memo 2");
	memo_add_str(&h, code);
	memo_add_str(&h, theme_digest(ctx->theme));
	/* the commit shows only where a template can show it */
	memo_add_str(&h, tmpl_set_reads(ctx->tmpl, "site", "version") ?
	    ctx->version : NULL);
	memo_add_num(&h, ctx->preview);
	memo_add_num(&h, ctx->today);
	memo_add_num(&h, (long long)ctx->only);
	memo_add_num(&h, ctx->only_one);
	memo_add_num(&h, ctx->prov->gated);
	/* every file the loader read, as it read it */
	source_log_hex(ctx->src, log);
	memo_add_str(&h, log);
	/* and those it did not read (attachments: their sizes show) */
	ents = source_content(ctx->src, &n);
	for (i = 0; i < n; i++) {
		memo_add_str(&h, ents[i].path);
		memo_add_num(&h, ents[i].type);
		if (site_item(s, ents[i].path) == NO_INDEX)
			memo_add_num(&h, (long long)ents[i].size);
	}
	sha256_hex(&h, out);
	return 0;
}

int
memo_unit(const struct out_ctx *ctx, size_t u, char out[65])
{
	const struct site	*s = ctx->site;
	const struct unit	*un = &s->units[u];
	const struct item	*it;
	struct sha256		 h;
	size_t			 c, i;

	if (ctx->memo == NULL)
		return -1;
	sha256_init(&h);
	memo_add_str(&h, ctx->memo);
	memo_add_str(&h, un->dir);
	for (c = 0; c < un->catalogue->ncats; c++)
		for (i = 0; i < un->cats[c].nitems; i++) {
			it = &s->items[un->cats[c].items[i]];
			if (it->body_dig == NULL)
				return -1;
			memo_add_str(&h, it->path);
			memo_add_str(&h, it->body_dig);
			add_val(&h, out_prov_item(ctx, it));
		}
	add_val(&h, ctx->report != NULL && s->cfg->show_completeness ?
	    out_report_unit(ctx, u, un->dir) : NULL);
	sha256_hex(&h, out);
	return 0;
}

int
memo_unit_with(const struct out_ctx *ctx, size_t u, const char *const *extra,
    size_t n, char out[65])
{
	struct sha256	 h;
	char		 key[65];
	size_t		 i;

	if (u == NO_INDEX && ctx->memo != NULL)
		snprintf(key, sizeof(key), "%s", ctx->memo);
	else if (u == NO_INDEX || memo_unit(ctx, u, key) == -1)
		return -1;
	sha256_init(&h);
	memo_add_str(&h, "gongkai memo with 1");
	memo_add_str(&h, key);
	memo_add_num(&h, (long long)n);
	for (i = 0; i < n; i++)
		memo_add_str(&h, extra[i]);
	sha256_hex(&h, out);
	return 0;
}
