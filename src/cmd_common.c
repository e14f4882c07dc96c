/*
 * cmd_common.c -- what the subcommands share; see cmd.h.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "buf.h"
#include "cfg.h"
#include "cmd.h"
#include "diag.h"
#include "site.h"
#include "source.h"
#include "util.h"

#ifndef GONGKAI_DATADIR
#define GONGKAI_DATADIR "/usr/local/share/gongkai"
#endif

int
cmd_load(struct source *src, struct config **cfg, struct site **site)
{
	struct buf	text = BUF_INIT;
	int		rc;

	*cfg = NULL;
	*site = NULL;
	rc = source_read(src, "config.yaml", &text);
	if (rc == 1)
		diag_error("config.yaml", 0, 0, "missing (every gongkai "
		    "repository has one at its top)");
	if (rc != 0 || cfg_parse("config.yaml", text.data, text.len,
	    cfg) == -1) {
		buf_dispose(&text);
		return -1;
	}
	buf_dispose(&text);
	if (site_load(src, *cfg, site) == -1) {
		cfg_free(*cfg);
		*cfg = NULL;
		return -1;
	}
	return 0;
}

char *
cmd_theme_dir(const char *repo, const char *name)
{
	struct stat	 st;
	char		*dir;

	dir = xasprintf("%s/themes/%s", repo, name);
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return dir;
	free(dir);
	dir = xasprintf("%s/themes/%s", GONGKAI_DATADIR, name);
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return dir;
	diag_error("config.yaml", 0, 0, "theme '%s' not found in "
	    "%s/themes/ nor in %s/themes/", name, repo, GONGKAI_DATADIR);
	free(dir);
	return NULL;
}

long
cmd_today(long long fallback)
{
	const char	*e = getenv("SOURCE_DATE_EPOCH");
	long long	 t;
	char		*end;

	if (e != NULL && *e != '\0') {
		t = strtoll(e, &end, 10);
		if (*end == '\0' && t >= 0)
			return (long)(t / 86400);
	}
	if (fallback > 0)
		return (long)(fallback / 86400);
	return (long)(time(NULL) / 86400);
}

int
cmd_usage(const char *usage)
{
	fprintf(stderr, "usage: %s\n", usage);
	return EXIT_USAGE;
}
