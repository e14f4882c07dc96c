/*
 * util.c -- allocation wrappers and string helpers.
 */
#define _GNU_SOURCE	/* O_PATH */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"

static void
oom(void)
{
	fputs("gongkai: fatal: out of memory\n", stderr);
	exit(1);
}

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

#define HUGE_PAGE	((size_t)2 << 20)

void *
xhuge(size_t n)
{
	size_t	 len, lead;
	char	*p;

	if (n < HUGE_PAGE / 2)
		return xcalloc(1, n);
	if (n > SIZE_MAX - 2 * HUGE_PAGE)
		oom();
	len = (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	/* a huge page more, to cut an aligned stretch out of */
	p = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		oom();
	lead = (HUGE_PAGE - ((uintptr_t)p & (HUGE_PAGE - 1))) &
	    (HUGE_PAGE - 1);
	if (lead > 0)
		munmap(p, lead);
	munmap(p + lead + len, HUGE_PAGE - lead);
	p += lead;
	(void)madvise(p, len, MADV_HUGEPAGE);	/* a hint: may be off */
	return p;
}

void
xhuge_free(void *p, size_t n)
{
	if (p == NULL)
		return;
	if (n < HUGE_PAGE / 2)
		free(p);
	else
		munmap(p, (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1));
}

int
xhuge_read(int fd, struct stat *st, char **p, size_t *sz, size_t *len)
{
	ssize_t	got;

	*p = NULL;
	*sz = *len = 0;
	if (fstat(fd, st) == -1 || !S_ISREG(st->st_mode) || st->st_size <= 0)
		return -1;
	*sz = (size_t)st->st_size + 1;
	*p = xhuge(*sz);
	if ((got = read_all(fd, *p, *sz - 1)) == -1) {
		xhuge_free(*p, *sz);
		*p = NULL;
		*sz = 0;
		return -1;
	}
	*len = (size_t)got;
	(*p)[got] = '\0';
	return 0;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void
xgrow(void *arr, size_t *cap, size_t need, size_t sz)
{
	void	**pp = arr;
	size_t	  ncap;

	if (need <= *cap)
		return;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / sz)
			oom();
		ncap *= 2;
	}
	*pp = xrealloc(*pp, ncap * sz);
	*cap = ncap;
}

void
xqsort(void *base, size_t n, size_t sz, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, sz, cmp);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

long
mono_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long
ts_ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

int
str_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
str_suffix(const char *s, const char *suffix)
{
	size_t	ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

long
utf8_decode(const char *s, size_t n, size_t *w)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp, min;
	size_t			 len, k;

	*w = 1;
	if (p[0] < 0x80)
		return p[0];
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2; cp = p[0] & 0x1f; min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3; cp = p[0] & 0x0f; min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4; cp = p[0] & 0x07; min = 0x10000;
	} else
		return -1;
	if (len > n)
		return -1;
	for (k = 1; k < len; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (p[k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*w = len;
	return (long)cp;
}

int
utf8_valid(const char *text, size_t n, size_t *off)
{
	size_t	i = 0, w;

	while (i < n) {
		if ((unsigned char)text[i] < 0x80) {
			i++;
			continue;
		}
		if (utf8_decode(text + i, n - i, &w) < 0) {
			if (off != NULL)
				*off = i;
			return -1;
		}
		i += w;
	}
	return 0;
}

void
text_pos(const char *text, size_t off, int *line, int *col)
{
	size_t	i;
	int	l = 1, c = 1;

	for (i = 0; i < off && text[i] != '\0'; i++) {
		if (text[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80)
			c++;
	}
	*line = l;
	*col = c;
}

int
cp_forbidden(uint32_t c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
	    (c >= 0x7f && c <= 0x9f) || (c >= 0xfdd0 && c <= 0xfdef) ||
	    (c & 0xfffe) == 0xfffe;
}

/* The invisible characters that are neither controls nor
 * noncharacters, by code point: their names. */
static const struct {
	uint32_t	 cp;
	const char	*name;
} invisibles[] = {
	{ 0x00AD, "SOFT HYPHEN" },
	{ 0x061C, "ARABIC LETTER MARK" },
	{ 0x200B, "ZERO WIDTH SPACE" },
	{ 0x200C, "ZERO WIDTH NON-JOINER" },
	{ 0x200D, "ZERO WIDTH JOINER" },
	{ 0x200E, "LEFT-TO-RIGHT MARK" },
	{ 0x200F, "RIGHT-TO-LEFT MARK" },
	{ 0x202A, "LEFT-TO-RIGHT EMBEDDING" },
	{ 0x202B, "RIGHT-TO-LEFT EMBEDDING" },
	{ 0x202C, "POP DIRECTIONAL FORMATTING" },
	{ 0x202D, "LEFT-TO-RIGHT OVERRIDE" },
	{ 0x202E, "RIGHT-TO-LEFT OVERRIDE" },
	{ 0x2060, "WORD JOINER" },
	{ 0x2061, "FUNCTION APPLICATION" },
	{ 0x2062, "INVISIBLE TIMES" },
	{ 0x2063, "INVISIBLE SEPARATOR" },
	{ 0x2064, "INVISIBLE PLUS" },
	{ 0x2065, "a reserved format character" },
	{ 0x2066, "LEFT-TO-RIGHT ISOLATE" },
	{ 0x2067, "RIGHT-TO-LEFT ISOLATE" },
	{ 0x2068, "FIRST STRONG ISOLATE" },
	{ 0x2069, "POP DIRECTIONAL ISOLATE" },
	{ 0x206A, "INHIBIT SYMMETRIC SWAPPING" },
	{ 0x206B, "ACTIVATE SYMMETRIC SWAPPING" },
	{ 0x206C, "INHIBIT ARABIC FORM SHAPING" },
	{ 0x206D, "ACTIVATE ARABIC FORM SHAPING" },
	{ 0x206E, "NATIONAL DIGIT SHAPES" },
	{ 0x206F, "NOMINAL DIGIT SHAPES" },
	{ 0xFEFF, "ZERO WIDTH NO-BREAK SPACE (byte order mark)" }
};

const char *
cp_invisible_name(uint32_t c)
{
	size_t	i;

	for (i = 0; i < sizeof(invisibles) / sizeof(invisibles[0]); i++)
		if (invisibles[i].cp == c)
			return invisibles[i].name;
	return NULL;
}

/* Default_Ignorable_Code_Point of Unicode 15.1, as ranges. */
static const uint32_t ignorable[][2] = {
	{ 0x00AD, 0x00AD }, { 0x034F, 0x034F }, { 0x061C, 0x061C },
	{ 0x115F, 0x1160 }, { 0x17B4, 0x17B5 }, { 0x180B, 0x180F },
	{ 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x206F },
	{ 0x3164, 0x3164 }, { 0xFE00, 0xFE0F }, { 0xFEFF, 0xFEFF },
	{ 0xFFA0, 0xFFA0 }, { 0xFFF0, 0xFFF8 }, { 0x1BCA0, 0x1BCA3 },
	{ 0x1D173, 0x1D17A }, { 0xE0000, 0xE0FFF }
};

int
cp_in_ranges(const uint32_t (*r)[2], size_t n, uint32_t c)
{
	size_t	lo = 0, hi = n, m;

	while (lo < hi) {
		m = (lo + hi) / 2;
		if (c < r[m][0])
			hi = m;
		else if (c > r[m][1])
			lo = m + 1;
		else
			return 1;
	}
	return 0;
}

int
cp_ignorable(uint32_t c)
{
	/* ASCII, and U+3165-FDFF: most of a Chinese text, without a look */
	if (c < 0xad || (c > 0x3164 && c < 0xfe00))
		return 0;
	return cp_in_ranges(ignorable, sizeof(ignorable) /
	    sizeof(ignorable[0]), c);
}

int
cp_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 &&
	    c <= 0x4DBF) || (c >= 0x20000 && c <= 0x3FFFF) ||
	    (c >= 0xF900 && c <= 0xFAFF);
}

int
cp_invisible(uint32_t c)
{
	if (c < 0xa0)
		return cp_forbidden(c) || c == '\t' || c == '\n' ||
		    c == '\r';
	if (c == 0xad || c == 0x61c || c == 0xfeff ||
	    (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x206f))
		return 1;
	return cp_forbidden(c);
}

int
text_forbidden(const char *s, size_t n, size_t *off, uint32_t *cp)
{
	size_t	i, w;
	long	c;

	for (i = 0; i < n; i += w) {
		w = 1;
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f)
			continue;	/* most of a text: no decoding */
		/* U+0800-EFFF, most of a Chinese text, holds none */
		if ((unsigned char)s[i] >= 0xe0 && (unsigned char)s[i] < 0xef &&
		    i + 2 < n && ((unsigned char)s[i + 1] & 0xc0) == 0x80 &&
		    ((unsigned char)s[i + 2] & 0xc0) == 0x80) {
			w = 3;
			continue;
		}
		if ((c = utf8_decode(s + i, n - i, &w)) < 0)
			c = 0xfffd;
		/* a CR alone moves a terminal's cursor back over the text
		 * before it (git diff shows only what follows), where HTML
		 * ends the line and shows both */
		if (cp_forbidden((uint32_t)c) ||
		    (c == '\r' && (i + 1 == n || s[i + 1] != '\n'))) {
			*off = i;
			*cp = (uint32_t)c;
			return 1;
		}
	}
	return 0;
}

int
text_check(const char *path, const char *text, size_t len, int line0)
{
	const char	*nul = memchr(text, '\0', len);
	size_t		 off;
	uint32_t	 cp;
	int		 line, col;

	if (utf8_valid(text, nul != NULL ? (size_t)(nul - text) : len,
	    &off) == 0) {
		if (nul == NULL) {
			if (!text_forbidden(text, len, &off, &cp))
				return 0;
			text_pos(text, off, &line, &col);
			diag_error(path, line + line0, col, "character U+%04X "
			    "is not allowed in text: " TEXT_FORBIDDEN_WHY
			    " (%s); remove it", (unsigned)cp,
			    cp == 0x0b ? "a vertical tab is what a manual line "
			    "break pasted from a word processor becomes" :
			    cp == '\r' ? "a carriage return not followed by a "
			    "line feed: a terminal shows only the text after "
			    "it, a page both" :
			    cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ?
			    "often left by a copy and paste" :
			    "never a character of any text");
			return -1;
		}
		off = (size_t)(nul - text);
	}
	text_pos(text, off, &line, &col);
	diag_error(path, line + line0, col, "invalid UTF-8 or NUL byte");
	return -1;
}

uint64_t
le_get(const unsigned char *p, int n)
{
	uint64_t	v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

int
write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(fd, c, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

ssize_t
read_all(int fd, void *p, size_t n)
{
	char	*c = p;
	size_t	 got = 0;
	ssize_t	 r;

	while (got < n && (r = read(fd, c + got, n - got)) != 0) {
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return -1;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

int
text_blank(const char *s, size_t n)
{
	const char	*end = s + n;
	size_t		 w;
	long		 c;

	for (; s < end; s += w) {
		c = utf8_decode(s, (size_t)(end - s), &w);
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r' &&
		    c != 0xa0 && c != 0x3000)
			return 0;
	}
	return 1;
}

uint32_t
utf8_get(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c;
	size_t			 n, i;

	if (u[0] < 0x80)
		return u[0];
	if (u[0] < 0xc2 || u[0] > 0xf4)
		return 0xfffd;
	n = u[0] < 0xe0 ? 1 : u[0] < 0xf0 ? 2 : 3;
	c = u[0] & (0x3f >> n);
	/* a byte that continues nothing (the NUL among them) ends the
	 * character: nothing past the string is read */
	for (i = 1; i <= n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0xfffd;
		c = c << 6 | (u[i] & 0x3f);
	}
	return c;
}

/*
 * Walks path as the kernel will when a build makes it (mkdir -p): the
 * folder it reaches that exists, open (O_PATH), and in *missing how
 * many folders below that one the rest of path names ("." and ".."
 * followed as they come, links too).  A component that cannot be
 * looked up counts as missing.  -1 if not even the start can be opened.
 */
static int
path_walk(const char *path, int *missing)
{
	char	*p, *name, *save;
	int	 fd, nfd;

	*missing = 0;
	if ((fd = open(*path == '/' ? "/" : ".", O_PATH | O_DIRECTORY |
	    O_CLOEXEC)) == -1)
		return -1;
	p = xstrdup(path);
	for (name = strtok_r(p, "/", &save); name != NULL;
	    name = strtok_r(NULL, "/", &save)) {
		if (strcmp(name, ".") == 0)
			continue;
		if (*missing > 0)
			*missing += strcmp(name, "..") == 0 ? -1 : 1;
		else if ((nfd = openat(fd, name, O_PATH | O_DIRECTORY |
		    O_CLOEXEC)) == -1)
			*missing = 1;
		else {
			close(fd);
			fd = nfd;
		}
	}
	free(p);
	return fd;
}

int
path_within(const char *a, const char *b)
{
	struct stat	 sb, st, up;
	int		 fa, fb, nfd, missing, in = 0;

	if ((fb = path_walk(b, &missing)) == -1)
		return 0;
	if (missing > 0 || fstat(fb, &sb) == -1) {
		close(fb);
		return 0;
	}
	close(fb);
	if ((fa = path_walk(a, &missing)) == -1)
		return 0;
	/* a is the folder fa reached or below it: within b if b is that
	 * folder or one above it */
	while (fstat(fa, &st) == 0) {
		if (st.st_dev == sb.st_dev && st.st_ino == sb.st_ino) {
			in = 1;
			break;
		}
		if ((nfd = openat(fa, "..", O_PATH | O_DIRECTORY |
		    O_CLOEXEC)) == -1)
			break;
		if (fstat(nfd, &up) == -1 || (up.st_dev == st.st_dev &&
		    up.st_ino == st.st_ino)) {	/* the root */
			close(nfd);
			break;
		}
		close(fa);
		fa = nfd;
	}
	close(fa);
	return in;
}
