/* unit_prog.c -- prog.h: programme folders in the site, config, the
 * check run, and prog_hotline_load's roll-up. */
#include <sys/stat.h>

#include "cfg.h"
#include "cmd.h"
#include "hotline.h"
#include "prog.h"
#include "site.h"
#include "source.h"
#include "t.h"

static char root[] = "/tmp/unit_prog.XXXXXX";

static void
put(const char *rel, const char *text)
{
	char	 path[512], *p;
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

static const char config[] =
    "site: { title: T, base_url: \"https://x.example/\" }\n"
    "levels:\n"
    "  city: { catalogue: d, programmes: [hotline, evaluation] }\n"
    "  county: { catalogue: d, programmes: [hotline] }\n"
    "  town: { catalogue: d }\n"
    "programmes:\n"
    "  evaluation: { title: 评议 }\n"
    "  hotline:\n"
    "    title: 热线\n"
    "    channels: [人工, 自动语音]\n"
    "    types: [咨询, 投诉]\n"
    "    statuses: [受理, 办结]\n"
    "    closed_status: 办结\n"
    "    rule: r\n"
    "catalogues:\n"
    "  d:\n"
    "    - { id: laws, title: 法规 }\n";

#define HEAD "date,channel,type,topic,unit,status,closed\n"

/* Loads the tree; 0 or -1 with the diagnostics captured. */
static int
load(struct source **src, struct config **cfg, struct site **site)
{
	int	rc = -1;

	*src = NULL;
	*cfg = NULL;
	*site = NULL;
	T_CAPTURE(rc = source_fs_open(root, src) == 0 &&
	    cmd_load(*src, cfg, site) == 0 ? 0 : -1);
	return rc;
}

static void
unload(struct source *src, struct config *cfg, struct site *site)
{
	site_free(site);
	cfg_free(cfg);
	source_free(src);
}

int
main(void)
{
	struct source		*src;
	struct config		*cfg;
	struct site		*site;
	struct hl_months	 ms;
	const struct progfile	*f;
	const char *const	*l;
	size_t			 n, c, k;
	int			 rc = 0;

	if (mkdtemp(root) == NULL)
		return 1;
	put("config.yaml", config);
	put("content/c/_unit.yaml", "name: 市\nlevel: city\n");
	put("content/c/k/_unit.yaml", "name: 县\nlevel: county\n");
	put("content/c/k/t/_unit.yaml", "name: 镇\nlevel: town\n");
	put("content/c/hotline/2026-03.csv", HEAD
	    "2026-03-01,人工,咨询,a,c,办结,2026-03-02\n");
	put("content/c/k/hotline/2026-03.csv", HEAD
	    "2026-03-05,人工,投诉,b,c/k/t,办结,2026-03-09\n"
	    "2026-03-06,自动语音,咨询,c,c/k,受理,\n");
	put("content/c/k/hotline/2026-04.csv", HEAD
	    "2026-04-05,人工,投诉,b,c/k,受理,\n");
	OK(load(&src, &cfg, &site) == 0);
	ERR_NONE();
	if (site == NULL)
		return T_DONE();
	OK(site->nprogfiles == 3);
	OK(cfg->levels[0].programmes == (1u << PROG_HOTLINE |
	    1u << PROG_EVALUATION));
	STR_EQ(prog_title(cfg, PROG_HOTLINE), "热线");
	STR_EQ(prog_title(cfg, PROG_EVALUATION), "评议");
	STR_EQ(prog_title(cfg, PROG_MEDIA), "media");
	c = site_unit(site, "c");
	k = site_unit(site, "c/k");
	f = prog_unit_files(site, k, PROG_HOTLINE, &n);
	OK(n == 2 && f != NULL);
	STR_EQ(f[0].name, "2026-03.csv");
	OK(prog_enabled(site, c, PROG_HOTLINE));
	OK(!prog_enabled(site, site_unit(site, "c/k/t"), PROG_HOTLINE));
	OK(prog_has_files(site, c, PROG_HOTLINE));
	OK(!prog_has_files(site, c, PROG_EVALUATION));
	l = prog_hotline_list(cfg, 1, &n);
	OK(n == 2 && l != NULL);
	STR_EQ(l[1], "投诉");
	/* check mode: valid records pass */
	T_CAPTURE(rc = prog_run(site, src, NULL));
	OK(rc == 0);
	ERR_NONE();
	/* roll-up: the city counts the county's calls too */
	OK(prog_hotline_load(site, src, c, &ms) == 0);
	OK(ms.n == 2);
	if (ms.n == 2) {
		OK(ms.m[0].ym == 2026 * 12 + 2 && ms.m[0].total == 3 &&
		    ms.m[0].closed == 2);
		OK(hotline_median10(&ms.m[0]) == 25);	/* 1 and 4 days */
		OK(ms.m[0].by[1][0] == 2 && ms.m[0].by[1][1] == 1);
		OK(ms.m[1].total == 1 && ms.m[1].closed == 0);
	}
	hotline_months_dispose(&ms);
	OK(prog_hotline_load(site, src, k, &ms) == 0);
	OK(ms.n == 2 && ms.m[0].total == 2);
	hotline_months_dispose(&ms);
	unload(src, cfg, site);

	/* a file of an unknown unit: check reports it, load fails */
	put("content/c/k/hotline/2026-04.csv", HEAD
	    "2026-04-05,人工,投诉,b,c/x,受理,\n");
	OK(load(&src, &cfg, &site) == 0);
	T_CAPTURE(rc = prog_run(site, src, NULL));
	OK(rc == -1);
	ERR_HAS("content/c/k/hotline/2026-04.csv:2:20: error: unit 'c/x' is "
	    "no unit");
	T_CAPTURE(rc = prog_hotline_load(site, src, c, &ms));
	OK(rc == -1 && ms.n == 0);
	unload(src, cfg, site);

	/* folders: a nested one, a programme the level lacks, a sub-unit
	 * named after a programme, a file type the programme does not
	 * take */
	put("content/c/k/hotline/2026-04.csv", HEAD);
	put("content/c/k/hotline/old/2026-01.csv", HEAD);
	put("content/c/k/t/hotline/2026-01.csv", HEAD);
	put("content/c/k/media/_unit.yaml", "name: 媒体\nlevel: town\n");
	put("content/c/k/hotline/notes.md", "x");
	OK(load(&src, &cfg, &site) == -1);
	ERR_HAS("content/c/k/hotline/old/2026-01.csv:1:1: error: programme "
	    "files sit directly in 'content/c/k/hotline/'");
	ERR_HAS("content/c/k/t/hotline/2026-01.csv:1:1: error: level 'town' "
	    "has no programme 'hotline'");
	ERR_HAS("content/c/k/media/_unit.yaml:1:1: error: unit folder 'media' "
	    "has the name of one of its parent's pages or categories");
	ERR_HAS("content/c/k/hotline/notes.md:1:1: error: programme 'hotline' "
	    "takes .csv files");
	unload(src, cfg, site);

	/* config: an unknown programme id, in a level and at the top */
	put("config.yaml", "site: { title: T, base_url: \"https://x/\" }\n"
	    "levels:\n  city: { catalogue: d, programmes: [hotlines] }\n"
	    "programmes:\n  phone: { title: x }\n"
	    "catalogues:\n  d:\n    - { id: laws, title: 法规 }\n");
	OK(load(&src, &cfg, &site) == -1);
	ERR_HAS("config.yaml:3:38: error: unknown programme 'hotlines' "
	    "(expected one of evaluation, hotline,");
	ERR_HAS("config.yaml:5:3: error: unknown programme 'phone'");
	unload(src, cfg, site);
	{
		char cmd[600];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
		OK(system(cmd) == 0);
	}
	return T_DONE();
}
