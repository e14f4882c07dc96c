/*
 * fuzz_keys.c -- key text as the gate reads a published key file
 * before RNP sees it (sig_key_check): binary OpenPGP packets, or
 * armored blocks with text around them, walked down to their packet
 * headers.  The walk reads attacker bytes, so out-of-bounds reads are
 * the findings; beyond that, its answer depends on the text alone, and
 * a text it accepts stays accepted after text before its armor (or
 * after the end of a binary text's last packet, none: refused).
 */
#include "buf.h"
#include "fuzz.h"
#include "sig.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data;
	struct buf	 b = BUF_INIT;
	int		 rc;

	rc = sig_key_check(NULL, s, size);
	fuzz_assert(rc == 0 || rc == -1);
	fuzz_assert(sig_key_check(NULL, s, size) == rc);
	if (rc == 0 && size > 0 && !((unsigned char)s[0] & 0x80)) {
		/* armored: a line of text before it changes nothing */
		buf_puts(&b, "a key:\n");
		buf_put(&b, s, size);
		fuzz_assert(sig_key_check(NULL, b.data, b.len) == 0);
	}
	buf_dispose(&b);
	return 0;
}
