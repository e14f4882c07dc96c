/*
 * unit_sha256.c -- SHA-256 against the FIPS 180-4 examples, and the
 * same digest whether the input comes at once or a byte at a time
 * across block boundaries.
 */
#include <string.h>

#include "sha256.h"
#include "t.h"

static const char *
digest(const char *s, size_t n, char out[65])
{
	struct sha256	c;

	sha256_init(&c);
	sha256_add(&c, s, n);
	sha256_hex(&c, out);
	return out;
}

int
main(void)
{
	static const char two[] = "abcdbcdecdefdefgefghfghighijhijkijkljklm"
	    "klmnlmnomnopnopq";
	struct sha256	c;
	char		hex[65], one[65];
	char		a[1000];
	size_t		i;

	STR_EQ(digest("", 0, hex), "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	STR_EQ(digest("abc", 3, hex), "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	STR_EQ(digest(two, strlen(two), hex), "248d6a61d20638b8e5c026930c"
	    "3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* a million 'a', in pieces of 1000 */
	memset(a, 'a', sizeof(a));
	sha256_init(&c);
	for (i = 0; i < 1000; i++)
		sha256_add(&c, a, sizeof(a));
	sha256_hex(&c, hex);
	STR_EQ(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
	/* byte by byte gives the same as at once */
	digest(a, 130, one);
	sha256_init(&c);
	for (i = 0; i < 130; i++)
		sha256_add(&c, a + i, 1);
	sha256_hex(&c, hex);
	STR_EQ(hex, one);
	return T_DONE();
}
