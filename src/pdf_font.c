/*
 * pdf_font.c -- fonts loaded once per process and their signature;
 * see pdf_font.h and pdf_fonts_new() in pdf.h.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "pdf.h"
#include "pdf_font.h"
#include "pdf_sum.h"
#include "pdfw.h"
#include "util.h"

static const char *const face_family[PDF_NFACES] = {
	PDF_FAMILY, PDF_FAMILY, PDF_FAMILY_MONO
};

struct pdf_fonts {
	PangoFontMap		*map;	/* cairo font map */
	PangoContext		*ctx;	/* zh-cn, unhinted metrics */
	PangoFontDescription	*fd[PDF_NFACES]; /* per face, 10 pt */
	char			 sig[65]; /* SHA-256 hex of the font files
					     and library versions */
	struct pdfw_prep	*prep;	/* faces ready for subsetting */
	struct pdf_memo		*memo;	/* layouts of short texts */
	FcCharSet		*cover;	/* what the body face and its
					   fallbacks have, on first use */
	uint32_t		 bmp[0x10000 / 32]; /* cover's Basic
					   Multilingual Plane, a bit a
					   character (cover_load) */
};

static void	fonts_sig(struct pdf_fonts *);

/*
 * Pango (1.50) reads the fontconfig configuration in a GLib pool thread
 * that then idles for a while.  Builds fork their PDF workers after the
 * fonts are loaded: a child of a process whose other thread holds a
 * lock (ASan's allocator, fontconfig's) waits for it for ever.  So the
 * pool lets its idle threads go, and this waits (a second at most)
 * until the process is one thread again.
 */
static void
single_threaded(void)
{
	struct stat	st;
	int		i;

	g_thread_pool_set_max_unused_threads(0);
	g_thread_pool_stop_unused_threads();
	for (i = 0; i < 1000; i++) {
		if (stat("/proc/self/task", &st) == -1 || st.st_nlink <= 3)
			return;		/* ".", ".." and one thread */
		g_usleep(1000);
	}
}

struct pdf_fonts *
pdf_fonts_new(void)
{
	struct pdf_fonts	*f;
	cairo_font_options_t	*fo;
	PangoFont		*font;
	int			 i;

	f = xcalloc(1, sizeof(*f));
	f->map = pango_cairo_font_map_new();
	f->ctx = pango_font_map_create_context(f->map);
	pango_context_set_language(f->ctx, pango_language_from_string("zh-cn"));
	pango_context_set_base_dir(f->ctx, PANGO_DIRECTION_LTR);
	pango_context_set_round_glyph_positions(f->ctx, FALSE);
	pango_cairo_context_set_resolution(f->ctx, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(f->ctx, fo);
	cairo_font_options_destroy(fo);
	for (i = 0; i < PDF_NFACES; i++) {
		f->fd[i] = pango_font_description_from_string(face_family[i]);
		pango_font_description_set_absolute_size(f->fd[i],
		    10 * PANGO_SCALE);
		if (i == PDF_HEAD)
			pango_font_description_set_weight(f->fd[i],
			    PANGO_WEIGHT_BOLD);
		/* Load now: fontconfig's work happens once per process. */
		font = pango_font_map_load_font(f->map, f->ctx, f->fd[i]);
		if (font != NULL)
			g_object_unref(font);
	}
	fonts_sig(f);
	f->prep = pdfw_prep_new();
	f->memo = pdf_memo_new();
	single_threaded();
	return f;
}

void
pdf_fonts_free(struct pdf_fonts *f)
{
	int	 i;

	if (f == NULL)
		return;
	for (i = 0; i < PDF_NFACES; i++)
		pango_font_description_free(f->fd[i]);
	pdfw_prep_free(f->prep);
	pdf_memo_free(f->memo);
	if (f->cover != NULL)
		FcCharSetDestroy(f->cover);
	g_object_unref(f->ctx);
	g_object_unref(f->map);
	free(f);
}

/*
 * The characters the body face and fontconfig's fallbacks for it have:
 * the union over the fonts it sorts for the family, as Pango takes a
 * character no face before had from the next that has it.
 */
static FcCharSet *
cover_of(void)
{
	FcPattern	*pat;
	FcFontSet	*set;
	FcCharSet	*cs = NULL;
	FcResult	 res;

	if ((pat = FcNameParse((const FcChar8 *)PDF_FAMILY)) == NULL)
		return FcCharSetCreate();
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	set = FcFontSort(NULL, pat, FcTrue, &cs, &res);
	if (set != NULL)
		FcFontSetDestroy(set);
	FcPatternDestroy(pat);
	return cs != NULL ? cs : FcCharSetCreate();
}

/*
 * 1 if character c shows nothing (Unicode's default ignorables: joiners,
 * variation selectors, direction marks, tags) or breaks a line: no font
 * is asked for it, and none need have it.
 */
static int
ignorable(uint32_t c)
{
	return c == 0xad || c == 0x34f || c == 0x61c ||
	    (c >= 0x115f && c <= 0x1160) || (c >= 0x17b4 && c <= 0x17b5) ||
	    (c >= 0x180b && c <= 0x180f) || (c >= 0x200b && c <= 0x200f) ||
	    (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) ||
	    c == 0x3164 || (c >= 0xfe00 && c <= 0xfe0f) || c == 0xfeff ||
	    c == 0xffa0 || (c >= 0xfff0 && c <= 0xfff8) ||
	    (c >= 0x1bca0 && c <= 0x1bca3) ||
	    (c >= 0x1d173 && c <= 0x1d17a) || (c >= 0xe0000 && c <= 0xe0fff);
}

/*
 * Asks fontconfig once what the fonts have, and keeps the answer for
 * the Basic Multilingual Plane as one bit a character: the question is
 * asked of every character of every item, and most are CJK ideographs
 * and punctuation, which Noto Sans CJK has (the bits say so where it
 * does, and only there).
 */
static void
cover_load(struct pdf_fonts *f)
{
	FcChar32	 map[FC_CHARSET_MAP_SIZE], next, base;
	size_t		 i;

	f->cover = cover_of();
	memset(f->bmp, 0, sizeof(f->bmp));
	for (base = FcCharSetFirstPage(f->cover, map, &next);
	    base != FC_CHARSET_DONE && base < 0x10000;
	    base = FcCharSetNextPage(f->cover, map, &next))
		for (i = 0; i < FC_CHARSET_MAP_SIZE; i++)
			f->bmp[base / 32 + i] = map[i];
}

/* The character at the n > 0 bytes at p, its length in *len; or
 * (uint32_t)-1 for a byte that starts none (*len 1). */
static uint32_t
utf8_char(const unsigned char *p, size_t n, size_t *len)
{
	uint32_t	 c;
	size_t		 k, i;

	if (p[0] < 0x80) {
		*len = 1;
		return p[0];
	}
	k = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 && p[0] < 0xf0 ?
	    3 : p[0] >= 0xc2 && p[0] < 0xe0 ? 2 : 0;
	*len = 1;
	if (k == 0 || k > n)
		return (uint32_t)-1;
	c = p[0] & (0x7f >> k);
	for (i = 1; i < k; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (uint32_t)-1;
		c = c << 6 | (p[i] & 0x3f);
	}
	*len = k;
	return c;
}

int
pdf_fonts_lack(struct pdf_fonts *f, const char *s, size_t n, size_t *off,
    size_t *len, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, k;
	uint32_t		 c;

	for (i = 0; i < n; i += k) {
		k = 1;
		if (p[i] < 0x80)	/* ASCII: Noto has it, or a control */
			continue;
		if (f->cover == NULL)
			cover_load(f);
		/* most of a text: three bytes (CJK), asked of the bits */
		if ((p[i] & 0xf0) == 0xe0 && i + 2 < n &&
		    (p[i + 1] & 0xc0) == 0x80 && (p[i + 2] & 0xc0) == 0x80) {
			c = (uint32_t)(p[i] & 0x0f) << 12 |
			    (uint32_t)(p[i + 1] & 0x3f) << 6 | (p[i + 2] & 0x3f);
			k = 3;
			if (f->bmp[c / 32] >> (c % 32) & 1)
				continue;
		} else if ((c = utf8_char(p + i, n - i, &k)) == (uint32_t)-1)
			continue;
		else if (c < 0x10000 ? (f->bmp[c / 32] >> (c % 32) & 1) != 0 :
		    FcCharSetHasChar(f->cover, c))
			continue;
		if (ignorable(c))
			continue;
		*off = i;
		*len = k;
		*cp = c;
		return 1;
	}
	return 0;
}

struct pdf_memo *
pdf_font_memo(struct pdf_fonts *f)
{
	return f->memo;
}

PangoContext *
pdf_font_context(struct pdf_fonts *f)
{
	return f->ctx;
}

const PangoFontDescription *
pdf_font_desc(struct pdf_fonts *f, enum pdf_face face)
{
	return f->fd[face];
}

void
pdf_fonts_prepare(struct pdf_fonts *f)
{
	/* Body and headings; Mono sets only code, seldom enough. */
	static const enum pdf_face	 which[] = { PDF_BODY, PDF_HEAD };
	PangoFont			*font[2];
	hb_face_t			*face[2];
	size_t				 n = 0, i;

	for (i = 0; i < 2; i++) {
		font[n] = pango_font_map_load_font(f->map, f->ctx,
		    f->fd[which[i]]);
		if (font[n] == NULL)
			continue;
		face[n] = hb_font_get_face(pango_font_get_hb_font(font[n]));
		n++;
	}
	pdfw_prep_add(f->prep, face, n);
	for (i = 0; i < n; i++)
		g_object_unref(font[i]);
}

const struct pdfw_prep *
pdf_font_prep(const struct pdf_fonts *f)
{
	return f->prep;
}

const char *
pdf_font_sig(const struct pdf_fonts *f)
{
	return f->sig;
}

/* ----------------------------------------------------------- signature */

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Feeds every file and folder under dir, in name order, to depth 4:
 * fontconfig falls back to any installed font for a character the
 * Noto faces lack, and installing or replacing one changes a folder's
 * time or a file's.
 */
static void
sum_tree(struct pdf_sum *s, const char *dir, int depth)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL, *sub;
	size_t		 n = 0, cap = 0, i;
	struct stat	 st;

	pdf_sum_file(s, dir);
	if (depth > 4 || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xgrow(&names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), str_cmp);
	for (i = 0; i < n; i++) {
		sub = xasprintf("%s/%s", dir, names[i]);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			sum_tree(s, sub, depth + 1);
		else
			pdf_sum_file(s, sub);
		free(sub);
		free(names[i]);
	}
	free(names);
}

/* Feeds the font folder dir under the folder named by environment
 * variable var, if that is an absolute path. */
static void
sum_env_tree(struct pdf_sum *s, const char *var, const char *dir)
{
	const char	*e = getenv(var);
	char		*path;

	if (e == NULL || *e != '/')
		return;
	path = xasprintf("%s/%s", e, dir);
	sum_tree(s, path, 0);
	free(path);
}

static void
fonts_sig(struct pdf_fonts *f)
{
	struct pdf_sum		*s = pdf_sum_new();
	PangoFontDescription	*d;
	PangoFont		*font;
	cairo_scaled_font_t	*sf;
	FT_Face			 face;
	int			 i, bold;

	pdf_sum_str(s, "gongkai pdf fonts 2");
	pdf_sum_str(s, hb_version_string());
	pdf_sum_str(s, pango_version_string());
	for (i = 0; i < PDF_NFACES; i++)
		for (bold = 0; bold < 2; bold++) {
			d = pango_font_description_copy(f->fd[i]);
			pango_font_description_set_weight(d, bold ?
			    PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
			font = pango_font_map_load_font(f->map, f->ctx, d);
			pango_font_description_free(d);
			sf = font != NULL ? pango_cairo_font_get_scaled_font(
			    PANGO_CAIRO_FONT(font)) : NULL;
			face = sf != NULL ?
			    cairo_ft_scaled_font_lock_face(sf) : NULL;
			if (face != NULL && face->stream != NULL) {
				pdf_sum_file(s, face->stream->pathname.pointer);
				pdf_sum_num(s, (double)face->face_index);
			} else
				pdf_sum_str(s, NULL);
			if (face != NULL)
				cairo_ft_scaled_font_unlock_face(sf);
			if (font != NULL)
				g_object_unref(font);
		}
	sum_tree(s, "/usr/share/fonts", 0);
	sum_tree(s, "/usr/local/share/fonts", 0);
	sum_env_tree(s, "HOME", ".fonts");
	sum_env_tree(s, "HOME", ".local/share/fonts");
	sum_env_tree(s, "XDG_DATA_HOME", "fonts");
	pdf_sum_str(s, getenv("FONTCONFIG_FILE"));
	pdf_sum_str(s, getenv("FONTCONFIG_PATH"));
	pdf_sum_end(s, f->sig);
}
