/*
 * csv.h -- records files (RFC 4180) for the programmes (prog.h).
 *
 * A reader walks the bytes of one file a record at a time: memory is
 * one record (at most CSV_ROW_MAX bytes), whatever the file's size.
 * Fields may be quoted ("a ""b"", c"), records end with CRLF or LF,
 * empty lines are skipped, and so are records whose every field is
 * empty (",,,": what a spreadsheet exports for a blank row).  The
 * encoding is found once per file: text that is valid UTF-8, starts
 * with a UTF-8 byte-order mark (dropped), or holds more well-formed
 * UTF-8 characters of three or four bytes (Chinese characters) than
 * bytes that start none, is UTF-8 --
 * then each such byte is an error, "invalid UTF-8", at its place (a
 * fragment pasted from a GBK file into a UTF-8 one); anything else is
 * read as GB18030, as spreadsheets in China export it, and converted
 * to UTF-8 field by field with iconv.  Fields handed out are always
 * UTF-8 without NUL, C0 controls (but tab) or invisible characters
 * (U+00AD, U+200B-U+200F, U+202A-U+202E, U+2060-U+206F, U+FEFF): a
 * record shows what it says, so the privacy scanner reads it as shown.
 *
 * Every error is "path:line:col: error: ..." through diag.h, col in
 * characters of the line as written, then the reader stops (-1).
 */
#ifndef GONGKAI_CSV_H
#define GONGKAI_CSV_H

#include <stddef.h>

#define CSV_ROW_MAX	(64 * 1024)	/* bytes of one record */
#define CSV_FIELDS_MAX	64		/* fields of one record */
#define CSV_FILE_MAX	(64L * 1024 * 1024) /* bytes of one file */

enum csv_enc {
	CSV_UTF8,	/* UTF-8, no BOM */
	CSV_UTF8_BOM,	/* UTF-8 after a byte-order mark */
	CSV_GB18030	/* anything else */
};

/* What a CSV file gongkai writes starts with: the UTF-8 byte-order
 * mark, by which spreadsheets (Excel on Chinese Windows) know the
 * encoding instead of taking GB18030. */
#define CSV_BOM		"\xEF\xBB\xBF"

/* One record, owned by the reader, good until the next csv_next(). */
struct csv_row {
	size_t		  n;	 /* fields */
	const char	**f;	 /* n UTF-8 strings */
	const size_t	 *len;	 /* their bytes */
	int		  line;	 /* line where the record starts */
};

struct csv;

/*
 * A reader over the len bytes at data (borrowed: they must outlive the
 * reader); path is for messages.  Free with csv_free().
 */
struct csv	*csv_new(const char *path, const char *data, size_t len);
void		 csv_free(struct csv *);
enum csv_enc	 csv_encoding(const struct csv *);
/* "UTF-8", "UTF-8 (BOM)", "GB18030". */
const char	*csv_enc_name(enum csv_enc);

/*
 * Reads the header record.  With want (NULL-terminated) it must be
 * exactly those names in that order: an extra column is reported at
 * its line:col by name, a missing or misnamed one with the expected
 * header.  With want NULL any header is taken.  Every later record
 * must have as many fields.  Returns 0, or -1 after a diagnostic
 * (an empty file: "no header").
 */
int		 csv_header(struct csv *, const char *const *want);

/* The header after csv_header(): fields and their number. */
const struct csv_row *csv_head(const struct csv *);

/*
 * Reads the next record into *row, passing over records whose every
 * field is empty.  Returns 1, 0 at the end of the file, or -1 after a
 * diagnostic (an extra column at its line:col, a short record, a bad
 * quote, an invalid byte, a record too long).
 */
int		 csv_next(struct csv *, struct csv_row *row);

/* Line and column (characters, 1-based) where field i of the record
 * last read starts, for a caller's diagnostics. */
void		 csv_pos(const struct csv *, size_t i, int *line, int *col);

/* The path given to csv_new(). */
const char	*csv_path(const struct csv *);

/*
 * Appends s to out as one field of a record: as it is, or quoted
 * ("a, ""b""") when it holds a comma, a quote, a CR or a LF, so that
 * any text is one field (RFC 4180).  The caller puts the commas
 * between fields and CRLF after a record.
 */
struct buf;
void		 csv_put(struct buf *out, const char *s);

/*
 * Calls hit(arg, line, col) for every personal number (privacy.h) in
 * the file, in every field as decoded and in the bytes as written, so
 * that a file that does not parse is scanned too.  No diagnostics.
 * Returns the number of hits.
 */
typedef void	(*csv_hit_fn)(void *arg, int line, int col, int kind);
int		 csv_privacy(const char *data, size_t len, csv_hit_fn hit,
		    void *arg);

#endif
