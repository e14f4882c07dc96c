/*
 * unit_buf.c -- the buffer's written invariants: data is never NULL
 * and always NUL-terminated at data[len], whatever was appended
 * (binary bytes, long formatted text); reset keeps, dispose frees,
 * detach hands over a string the caller can free, and a buffer is
 * reusable after each of them.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "buf.h"
#include "t.h"

/* The invariants, checked after every operation. */
static int
sound(const struct buf *b)
{
	return b->data != NULL && b->data[b->len] == '\0' &&
	    (b->cap == 0 ? b->len == 0 : b->len < b->cap);
}

static void
vput(struct buf *b, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

int
main(void)
{
	struct buf	 b = BUF_INIT, c;
	char		*s, big[5000];
	size_t		 n, cap;
	int		 i, ok;

	/* a fresh buffer is an empty C string */
	OK(sound(&b));
	STR_EQ(b.data, "");
	buf_init(&c);
	OK(sound(&c) && c.len == 0);

	/* appending */
	buf_puts(&b, "阳光");
	buf_putc(&b, '-');
	buf_put(&b, "计生xyz", 6);
	OK(sound(&b));
	STR_EQ(b.data, "阳光-计生");
	OK(b.len == strlen("阳光-计生"));
	buf_put(&b, "", 0);
	buf_puts(&b, "");
	OK(sound(&b) && b.len == strlen("阳光-计生"));

	/* binary bytes: len counts them, the NUL still follows */
	buf_reset(&b);
	buf_put(&b, "a\0b", 3);
	OK(sound(&b) && b.len == 3 && memcmp(b.data, "a\0b", 3) == 0);
	buf_putc(&b, '\0');
	OK(sound(&b) && b.len == 4);

	/* formatted text longer than any first guess */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_reset(&b);
	buf_printf(&b, "<%s|%d>", big, 42);
	OK(sound(&b) && b.len == sizeof(big) - 1 + 5);
	OK(b.data[0] == '<' && strcmp(b.data + b.len - 4, "|42>") == 0);
	vput(&b, "%s", "");
	OK(b.len == sizeof(big) - 1 + 5);
	vput(&b, "%05.1f%%", 2.25);
	OK(sound(&b));
	OK(strcmp(b.data + b.len - 6, "002.2%") == 0 ||
	    strcmp(b.data + b.len - 6, "002.3%") == 0);

	/* decimal numbers as "%0*llu" gives them */
	{
		static const unsigned long long nums[] = { 0, 7, 10, 999,
		    1000000000ULL, 18446744073709551615ULL };
		static const int widths[] = { 0, 1, 9, 30 };
		char	 want[64];
		size_t	 k, w;

		for (k = 0, ok = 1; k < sizeof(nums) / sizeof(nums[0]); k++)
			for (w = 0; w < 4; w++) {
				buf_reset(&b);
				buf_putu(&b, nums[k], widths[w]);
				snprintf(want, sizeof(want), "%0*llu",
				    widths[w] > 24 ? 24 : widths[w], nums[k]);
				if (!sound(&b) || strcmp(b.data, want) != 0)
					ok = 0;
			}
		OK(ok);
	}

	/* reset keeps the storage, truncate cuts and terminates */
	cap = b.cap;
	buf_reset(&b);
	OK(sound(&b) && b.len == 0 && b.cap == cap);
	buf_puts(&b, "abcdef");
	buf_truncate(&b, 2);
	OK(sound(&b));
	STR_EQ(b.data, "ab");
	buf_truncate(&b, 2);
	STR_EQ(b.data, "ab");
	buf_truncate(&b, 0);
	OK(sound(&b) && b.len == 0);

	/* grow makes room for at least that much more, keeps the text */
	buf_puts(&b, "keep");
	buf_grow(&b, 10000);
	OK(sound(&b) && b.cap >= b.len + 10000 + 1);
	STR_EQ(b.data, "keep");
	cap = b.cap;
	for (i = 0; i < 10000; i++)
		buf_putc(&b, 'y');
	OK(b.cap == cap);	/* no reallocation within the room */

	/* many small appends */
	buf_reset(&b);
	for (i = 0, ok = 1; i < 100000; i++) {
		buf_putc(&b, 'a' + i % 26);
		if (b.data[b.len] != '\0')
			ok = 0;
	}
	OK(ok && b.len == 100000 && b.data[25] == 'z' && b.data[26] == 'a');

	/* detach hands over the text and leaves an empty buffer */
	buf_reset(&b);
	buf_puts(&b, "文本");
	s = buf_detach(&b, &n);
	STR_EQ(s, "文本");
	OK(n == strlen("文本"));
	OK(sound(&b) && b.len == 0);
	free(s);
	/* ... even when nothing was ever allocated: still freeable */
	s = buf_detach(&c, &n);
	STR_EQ(s, "");
	OK(n == 0);
	free(s);
	s = buf_detach(&c, NULL);
	free(s);

	/* dispose frees and leaves it reusable; twice is harmless */
	buf_puts(&b, "again");
	buf_dispose(&b);
	OK(sound(&b) && b.len == 0 && b.cap == 0);
	buf_dispose(&b);
	buf_puts(&b, "reused");
	STR_EQ(b.data, "reused");

	/* the tests' one file reader (t.h's t_read, by buf_read_fd): a
	 * whole binary file, what was in the buffer gone; none, -1 */
	{
		char	 path[] = "/tmp/gongkai-buf-XXXXXX";
		int	 fd = mkstemp(path);

		OK(fd != -1 && write(fd, "a\0b\xff", 4) == 4);
		if (fd != -1)
			close(fd);
		OK(t_read(path, &b) == 0);
		OK(sound(&b) && b.len == 4 &&
		    memcmp(b.data, "a\0b\xff", 4) == 0);
		unlink(path);
		OK(t_read(path, &b) == -1);
		OK(sound(&b) && b.len == 0);
	}
	buf_dispose(&b);
	return T_DONE();
}
