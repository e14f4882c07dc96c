/*
 * fuzz_csv.c -- records files (csv.h): the header and every record,
 * first byte even: the hotline header required, odd: any header; then
 * csv_privacy over the same bytes.
 */
#include "csv.h"
#include "fuzz.h"
#include "util.h"

static const char *const want[] = { "date", "channel", "type", "topic",
	"unit", "status", "closed", NULL };

static void
on_hit(void *arg, int line, int col, int kind)
{
	(void)kind;
	fuzz_assert(line >= 1 && col >= 1);
	(*(int *)arg)++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*text = (const char *)data;
	struct csv	*c;
	struct csv_row	 row;
	size_t		 i, ncols;
	int		 r, line, col, hits = 0, n;

	c = csv_new("f.csv", text, size);
	if (csv_header(c, size > 0 && data[0] % 2 == 0 ? want : NULL) == 0) {
		ncols = csv_head(c)->n;
		fuzz_assert(ncols >= 1 && ncols <= CSV_FIELDS_MAX);
		while ((r = csv_next(c, &row)) == 1) {
			fuzz_assert(row.n == ncols && row.line >= 1);
			for (i = 0; i < row.n; i++) {
				fuzz_assert(row.f[i][row.len[i]] == '\0');
				fuzz_assert(utf8_valid(row.f[i], row.len[i],
				    NULL) == 0);
				csv_pos(c, i, &line, &col);
				fuzz_assert(line >= row.line && col >= 1);
			}
		}
	}
	csv_free(c);
	n = csv_privacy(text, size, on_hit, &hits);
	fuzz_assert(n == hits);
	return 0;
}
