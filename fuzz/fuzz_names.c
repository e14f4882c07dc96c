/*
 * fuzz_names.c -- a file name's personal numbers (privacy_name_kind):
 * the input, cut at its first NUL, is a name; what privacy_name_kind
 * says of it must be what the whole scan says (privacy_name_scan): the
 * shortcut that skips the scan (letters_split) may only skip names
 * that hold none.
 */
#include "fuzz.h"
#include "privacy.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*name;

	if (size > 4096)
		return 0;
	name = xstrndup((const char *)data, size);
	fuzz_assert(privacy_name_kind(name) == privacy_name_scan(name));
	free(name);
	return 0;
}
