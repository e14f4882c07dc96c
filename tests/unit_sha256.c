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
	sha256_digest(s, n, out);
	return out;
}

/*
 * The CPU's SHA instructions (where there are any) and the portable
 * code give the same digests, for every length around the block size
 * and pieces of every size.
 */
static void
same_both_ways(void)
{
	struct sha256	c;
	unsigned char	data[600];
	char		fast[65], slow[65];
	size_t		n, i, k, bad = 0;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 131 + (i >> 3) * 7);
	for (n = 0; n < sizeof(data); n += 7)
		for (k = 1; k <= 200; k += 33) {
			sha256_init(&c);
			for (i = 0; i < n; i += k)
				sha256_add(&c, data + i, n - i < k ? n - i : k);
			sha256_hex(&c, fast);
			sha256_init(&c);
			c.ni = 0;
			sha256_add(&c, data, n);
			sha256_hex(&c, slow);
			bad += strcmp(fast, slow) != 0;
		}
	OK(bad == 0);
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
	same_both_ways();
	return T_DONE();
}
