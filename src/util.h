/*
 * util.h -- allocation that never fails (a tool dies on OOM), and small
 * string helpers used everywhere.
 */
#ifndef GONGKAI_UTIL_H
#define GONGKAI_UTIL_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

struct stat;
struct timespec;

/* Borrowed slice of bytes; never owns p. */
struct span {
	const char	*p;	/* first byte, not NUL-terminated */
	size_t		 len;	/* number of bytes */
};

/* Allocators: on failure print "out of memory" and exit(1). */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
/*
 * Zeroed room for a big table of n bytes, freed with xhuge_free(p, n).
 * From 1 MiB on it is mapped on its own, rounded up to whole 2 MiB,
 * aligned to 2 MiB and advised to be transparent huge pages: a hash table is touched all over, and
 * on the virtual machines this runs on a fresh 4 KiB page costs a
 * fault of about 18 us, a 2 MiB one about as much as a few of them
 * (bench/README.md).  Smaller, it is xcalloc's.
 */
void	*xhuge(size_t n);
void	 xhuge_free(void *, size_t n);
/*
 * Reads regular file fd whole (*st gets its stat) into xhuge room a
 * byte longer than it, that byte a NUL: *p, the room's size *sz (for
 * xhuge_free) and the bytes read *len.  0, or -1 holding nothing: not
 * a regular file, empty, or unreadable.
 */
int	 xhuge_read(int fd, struct stat *st, char **p, size_t *sz,
	    size_t *len);
/* Grow *arr (of *cap elements of size sz) to hold at least need elements. */
void	 xgrow(void *arr, size_t *cap, size_t need, size_t sz);
/* qsort() that accepts an empty array with a NULL base (qsort's own
 * contract does not). */
void	 xqsort(void *base, size_t n, size_t sz,
	    int (*cmp)(const void *, const void *));
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Returns a newly allocated formatted string; the caller frees it. */
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

/* Milliseconds on the monotonic clock: for durations only. */
long	 mono_ms(void);
/* A time as nanoseconds since the epoch (file stamps). */
long long ts_ns(const struct timespec *);
/* Writes all n bytes of p to fd.  0 or -1 (errno set). */
int	 write_all(int fd, const void *p, size_t n);
/* Reads from fd into p until n bytes or the end: how many, or -1
 * (errno set). */
ssize_t	 read_all(int fd, void *p, size_t n);
/* The number in the n bytes at p, least significant first (n <= 8). */
uint64_t le_get(const unsigned char *p, int n);

/* 1 if s starts with / ends with the given prefix / suffix. */
int	 str_prefix(const char *s, const char *prefix);
int	 str_suffix(const char *s, const char *suffix);
/* The value of hex digit c (either case), or -1. */
int	 hexval(int c);

/*
 * Checks that the n bytes at p are well-formed UTF-8 (no overlongs, no
 * surrogates, nothing past U+10FFFF).  Returns 0 when valid, else -1 and,
 * if off is not NULL, the offset of the first bad byte.
 */
int	 utf8_valid(const char *p, size_t n, size_t *off);
/*
 * The code point of the UTF-8 character at s (n > 0 bytes left) and
 * its width in *w; -1 and a width of 1 at a byte that starts no
 * well-formed character (as utf8_valid judges).  The one decoder of
 * text that may be bad: callers choose what a bad byte becomes.
 */
long	 utf8_decode(const char *s, size_t n, size_t *w);
/* The code point of the character at NUL-terminated s, which is
 * mostly valid UTF-8 (cmark's output, a validated file); U+FFFD at a
 * byte that starts no whole character (cmark writes a reference to
 * U+FFFF as one byte), never reading past the NUL. */
uint32_t utf8_get(const char *s);

/*
 * 1 if the n bytes at s show nothing: none, or only spaces, tabs, line
 * ends, no-break spaces (U+00A0) and ideographic spaces (U+3000), what a
 * browser and a screen reader trim.  A byte that starts no character
 * shows (as U+FFFD).
 */
int	 text_blank(const char *s, size_t n);

/*
 * Checks that text is UTF-8 without NUL bytes; if not, reports
 * "path:line:col: error: invalid UTF-8 or NUL byte" (line0 is added to
 * the line) and returns -1.
 */
int	 text_check(const char *path, const char *text, size_t len, int line0);
/* 1 if code point c is one HTML and XML refuse in text: a control
 * character other than tab, line feed and carriage return (C0, DEL,
 * C1), or a noncharacter (U+FDD0-FDEF, U+xFFFE, U+xFFFF).  The one
 * rule for every text the program reads (text_check, csv.c, ydoc.c,
 * md.c's character references). */
int	 cp_forbidden(uint32_t c);
/*
 * 1 if code point c shows nothing, or moves or hides the text around
 * it: every control character (C0 with tab and line ends, DEL, C1),
 * the noncharacters cp_forbidden refuses, and the soft hyphen (U+00AD), the bidirectional
 * controls (U+061C, U+200E, U+200F, U+202A-202E, U+2066-2069), the
 * zero-width characters and word joiners (U+200B-200D, U+2060-2065),
 * the deprecated format characters (U+206A-206F) and U+FEFF.  A name
 * or a record field must show all it holds.
 */
int	 cp_invisible(uint32_t c);
/*
 * 1 if code point c is a default ignorable one (Unicode's
 * Default_Ignorable_Code_Point): it shows nothing, and a reader who
 * sees the characters on either side side by side neither sees nor
 * types it.  The soft hyphen (U+00AD), the combining grapheme joiner
 * (U+034F), the zero-width space, joiners and word joiner (U+200B-200D,
 * U+2060), the invisible operators, the bidirectional controls, U+FEFF,
 * the variation selectors, the Hangul fillers, the Mongolian vowel
 * separator (U+180E) and free variation selectors, the tags.  Text
 * pasted from web pages and word processors carries them between the
 * characters of a phrase: the privacy scan (privacy.c) and the search
 * (search_fold) read text without them.  The one list of them.
 */
int	 cp_ignorable(uint32_t c);
/* 1 if c is in one of the n ranges r (inclusive, sorted, apart). */
int	 cp_in_ranges(const uint32_t (*r)[2], size_t n, uint32_t c);
/* 1 for a Han character: the unified ideographs (U+4E00-9FFF, the
 * extensions U+3400-4DBF and U+20000-3FFFF) and the compatibility ones
 * (U+F900-FAFF). */
int	 cp_han(uint32_t c);
/* The Unicode name of such a character ("RIGHT-TO-LEFT OVERRIDE"), or
 * NULL for a control character or a noncharacter. */
const char *cp_invisible_name(uint32_t c);
/* Why, for the diagnostics that refuse one. */
#define TEXT_FORBIDDEN_WHY \
	"a control character or noncharacter is invisible, and invalid in HTML and feeds"
/* The offset of the first such code point of the n bytes of valid
 * UTF-8 at s (utf8_valid), or of a CR not followed by LF, into *off,
 * and it into *cp; 0 if there is none. */
int	 text_forbidden(const char *s, size_t n, size_t *off, uint32_t *cp);

/*
 * Given the offset of a byte in a text, returns its 1-based line and
 * 1-based column (counted in characters, not bytes).
 */
void	 text_pos(const char *text, size_t off, int *line, int *col);

/*
 * 1 if folder a is folder b or below it, as the kernel will find them:
 * a need not exist yet (a build makes it, and the folders above it, as
 * mkdir -p does); links, "." and ".." are followed as they come, and
 * folders are compared by device and inode, so that no path is
 * resolved as a string (no length limit, no search permission needed
 * above what is walked).  0 if not, or if b does not exist.
 */
int	 path_within(const char *a, const char *b);

#endif
