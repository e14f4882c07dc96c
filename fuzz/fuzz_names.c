/*
 * fuzz_names.c -- a file name's personal numbers (privacy_name_kind):
 * the input, cut at its first NUL, is a name; what privacy_name_kind
 * says of it must be what the whole scan as shown says, since the
 * shortcut that skips the scan (letters_split) may only skip names
 * that hold none.
 */
#include "fuzz.h"
#include "privacy.h"
#include "util.h"

static void
first_kind(void *arg, size_t off, size_t len, enum privacy_kind kind)
{
	int	*first = arg;

	(void)off;
	(void)len;
	if (*first < 0)
		*first = (int)kind;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*name, *p;
	int	 whole = -1, kind;

	if (size > 4096)
		return 0;
	name = xstrndup((const char *)data, size);
	kind = privacy_name_kind(name);
	for (p = name; *p != '\0'; p++)
		if (*p == '_')
			*p = ' ';
	(void)privacy_scan_shown(name, strlen(name), first_kind, &whole);
	fuzz_assert(kind == whole);
	free(name);
	return 0;
}
