/* unit_prog.c -- prog.h: programme folders in the site, config, the
 * check run, and prog_hotline_all's roll-up and digests; a record's
 * page shows the text that was loaded and checked (progdata_text,
 * pp_body). */
#include <sys/stat.h>

#include "cfg.h"
#include "cmd.h"
#include "hotline.h"
#include "out.h"
#include "prog.h"
#include "progdata.h"
#include "progpage.h"
#include "sha256.h"
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

/* The SHA-256 of file rel under root into d: 0, or -1. */
static int
read_digest(const char *rel, char d[65])
{
	struct buf	 b = BUF_INIT;
	char		 path[512];
	int		 rc;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if ((rc = t_read(path, &b)) == 0)
		sha256_digest(b.data, b.len, d);
	buf_dispose(&b);
	return rc;
}

/* Removes rel under root, and all below it (a part of the tree the
 * next case must not see). */
static void
rmtree(const char *rel)
{
	char	cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s/%s'", root, rel);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", rel);
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
#define TODAY 20777L	/* 2026-11-20 */

static const char media[] = "---\ntitle: 关于某报道的回应\n"
    "source: 示范日报\nreported: 2026-06-01\nresponded: 2026-06-04\n"
    "---\n\n已核实的正文\n";

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
	struct hotline_all	 all;
	const struct hl_months	*ms;
	const struct progfile	*f;
	const char *const	*l;
	struct progdata		*pd;
	size_t			 n, c, k, i;
	char			 d[65];
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
	T_CAPTURE(rc = prog_run(site, src, NULL, TODAY));
	OK(rc == 0);
	ERR_NONE();
	/* roll-up: the city counts the county's calls too */
	OK(prog_hotline_all(site, src, TODAY, &all) == 0);
	ms = &all.units[c];
	OK(ms->n == 2);
	if (ms->n == 2) {
		OK(ms->m[0].ym == 2026 * 12 + 2 && ms->m[0].total == 3 &&
		    ms->m[0].closed == 2);
		OK(hotline_median10(&ms->m[0]) == 25);	/* 1 and 4 days */
		OK(ms->m[0].by[1][0] == 2 && ms->m[0].by[1][1] == 1);
		OK(ms->m[1].total == 1 && ms->m[1].closed == 0);
	}
	ms = &all.units[k];
	OK(ms->n == 2 && ms->m[0].total == 2);
	/* a level without the hotline has no months */
	OK(all.units[site_unit(site, "c/k/t")].n == 0);
	/* each file by the digest of the bytes its figures came from */
	for (i = 0; i < site->nprogfiles; i++)
		if (site->progfiles[i].prog == PROG_HOTLINE) {
			OK(read_digest(site->progfiles[i].path, d) == 0);
			STR_EQ(all.dig[i], d);
		} else
			STR_EQ(all.dig[i], "");
	prog_hotline_all_dispose(&all, site->nunits);
	unload(src, cfg, site);

	/* a month with the header alone had no call: it is there, with 0
	 * (and so is the city's, which rolls it up); blank rows as a
	 * spreadsheet exports them are nothing */
	put("content/c/k/hotline/2026-05.csv", HEAD ",,,,,,\n");
	OK(load(&src, &cfg, &site) == 0);
	T_CAPTURE(rc = prog_hotline_all(site, src, TODAY, &all));
	OK(rc == 0);
	ms = &all.units[k];
	OK(ms->n == 3 && ms->m[2].ym == 2026 * 12 + 4 && ms->m[2].total == 0);
	OK(hotline_find(&all.units[c], 2026 * 12 + 4) != NULL);
	OK(hotline_find(&all.units[c], 2026 * 12 + 5) == NULL);
	prog_hotline_all_dispose(&all, site->nunits);
	unload(src, cfg, site);

	/* nothing after today: a month that has not begun, a call or a
	 * closing after today; today's month is fine */
	put("content/c/k/hotline/2026-05.csv", HEAD);
	put("content/c/k/hotline/2027-05.csv", HEAD);
	put("content/c/hotline/2026-11.csv", HEAD
	    "2026-11-02,人工,咨询,a,c,办结,2026-11-20\n"
	    "2026-11-21,人工,咨询,a,c,受理,\n"
	    "2026-11-03,人工,咨询,a,c,办结,2026-11-25\n");
	OK(load(&src, &cfg, &site) == 0);
	T_CAPTURE(rc = prog_run(site, src, NULL, TODAY));
	OK(rc == -1);
	ERR_HAS("content/c/k/hotline/2027-05.csv:1:1: error: month 2027-05 "
	    "has not begun (today is 2026-11-20)");
	ERR_HAS("content/c/hotline/2026-11.csv:3:1: error: 'date' 2026-11-21 "
	    "is in the future (today is 2026-11-20)");
	ERR_HAS("content/c/hotline/2026-11.csv:4:25: error: 'closed' "
	    "2026-11-25 is in the future");
	OK(strstr(t_err, "2026-11.csv:2:") == NULL);
	/* as of a later day, the same files are fine (but the one of
	 * 2027-05, which is no month yet) */
	T_CAPTURE(rc = prog_run(site, src, NULL, TODAY + 5));
	OK(rc == -1);
	OK(strstr(t_err, "2026-11.csv") == NULL);
	unload(src, cfg, site);
	rmtree("content/c/k/hotline/2027-05.csv");
	rmtree("content/c/hotline/2026-11.csv");
	rmtree("content/c/k/hotline/2026-05.csv");

	/* a file of an unknown unit: check reports it, load fails */
	put("content/c/k/hotline/2026-04.csv", HEAD
	    "2026-04-05,人工,投诉,b,c/x,受理,\n");
	OK(load(&src, &cfg, &site) == 0);
	T_CAPTURE(rc = prog_run(site, src, NULL, TODAY));
	OK(rc == -1);
	ERR_HAS("content/c/k/hotline/2026-04.csv:2:20: error: unit 'c/x' is "
	    "no unit");
	T_CAPTURE(rc = prog_hotline_all(site, src, TODAY, &all));
	OK(rc == -1 && all.rc == -1);
	for (i = 0; i < site->nprogfiles; i++)
		if (strcmp(site->progfiles[i].path,
		    "content/c/k/hotline/2026-04.csv") == 0)
			STR_EQ(all.dig[i], "-");
	prog_hotline_all_dispose(&all, site->nunits);
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

	/* a media record's page: the body loaded and checked, even when
	 * the file is saved again before the page is made (a preview) */
	rmtree("content/c/k");
	rmtree("content/c/hotline");
	put("config.yaml", "site: { title: T, base_url: \"https://x/\" }\n"
	    "levels:\n  city: { catalogue: d, programmes: [media] }\n"
	    "catalogues:\n  d:\n    - { id: laws, title: 法规 }\n");
	put("content/c/media/2026-06-a.md", media);
	OK(load(&src, &cfg, &site) == 0);
	pd = NULL;
	if (site != NULL) {
		T_CAPTURE(rc = progdata_load(site, src, TODAY, &pd));
		OK(rc == 0 && pd != NULL);
	}
	if (pd != NULL) {
		size_t	 len;
		struct out_ctx ctx;
		struct buf html = BUF_INIT;
		const char *t = progdata_text(pd,
		    "content/c/media/2026-06-a.md", &len);

		OK(t != NULL && len == strlen(media) && strcmp(t, media) == 0);
		OK(progdata_text(pd, "content/c/media/x.md", &len) == NULL);
		put("content/c/media/2026-06-a.md", "---\ntitle: 关于某报道的"
		    "回应\nsource: 示范日报\nreported: 2026-06-01\n---\n"
		    "电话 13812345678\n");
		memset(&ctx, 0, sizeof(ctx));
		ctx.site = site;
		ctx.src = src;
		ctx.progdata = pd;
		OK(pp_body(&ctx, "content/c/media/2026-06-a.md", &html) == 0);
		OK(html.data != NULL && strstr(html.data, "已核实的正文") != NULL &&
		    strstr(html.data, "138") == NULL);
		buf_dispose(&html);
		progdata_free(pd);
	}
	unload(src, cfg, site);
	t_scratch_end(root, "UNIT_PROG_KEEP");
	return T_DONE();
}
