/*
 * memo.c -- keys of groups of pages (memo.h).
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
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
#include "val.h"

/* Adds a string with its end, so that no two lists of strings hash
 * alike. */
static void
add_str(struct sha256 *h, const char *s)
{
	sha256_add(h, s != NULL ? s : "", s != NULL ? strlen(s) + 1 : 0);
	sha256_add(h, s != NULL ? "+" : "-", 1);
}

static void
add_num(struct sha256 *h, long long n)
{
	char	b[32];

	snprintf(b, sizeof(b), "%lld", n);
	add_str(h, b);
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

/* Adds value v as JSON (NULL: nothing), then frees it. */
static void
add_val(struct sha256 *h, struct val *v)
{
	struct buf	b = BUF_INIT;

	if (v != NULL)
		val_json(v, &b, 0);
	add_str(h, v != NULL ? b.data : NULL);
	buf_dispose(&b);
	val_free(v);
}

int
memo_site(const struct out_ctx *ctx, char out[65])
{
	const struct site	*s = ctx->site;
	const struct src_entry	*ents;
	struct sha256		 h;
	size_t			 i, n;
	char			 log[65];

	sha256_init(&h);
	add_str(&h, "gongkai memo 1");
	if (add_program(&h) == -1)
		return -1;
	add_str(&h, theme_digest(ctx->theme));
	/* the commit shows only where a template can show it */
	add_str(&h, tmpl_set_reads(ctx->tmpl, "site", "version") ?
	    ctx->version : NULL);
	add_num(&h, ctx->preview);
	add_num(&h, ctx->today);
	add_num(&h, (long long)ctx->only);
	add_num(&h, ctx->only_one);
	add_num(&h, ctx->prov->gated);
	/* every file the loader read, as it read it */
	source_log_hex(ctx->src, log);
	add_str(&h, log);
	/* and those it did not read (attachments: their sizes show) */
	ents = source_content(ctx->src, &n);
	for (i = 0; i < n; i++) {
		add_str(&h, ents[i].path);
		add_num(&h, ents[i].type);
		if (site_item(s, ents[i].path) == NO_INDEX)
			add_num(&h, (long long)ents[i].size);
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
	add_str(&h, ctx->memo);
	add_str(&h, un->dir);
	for (c = 0; c < un->catalogue->ncats; c++)
		for (i = 0; i < un->cats[c].nitems; i++) {
			it = &s->items[un->cats[c].items[i]];
			if (it->body_dig == NULL)
				return -1;
			add_str(&h, it->path);
			add_str(&h, it->body_dig);
			add_val(&h, out_prov_item(ctx, it));
		}
	add_val(&h, ctx->report != NULL && s->cfg->show_completeness ?
	    out_report_unit(ctx, u, un->dir) : NULL);
	sha256_hex(&h, out);
	return 0;
}
