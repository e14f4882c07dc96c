/*
 * sha256.c -- SHA-256 (FIPS 180-4); see sha256.h.
 */
#include <stdio.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI	1
#endif

#include "sha256.h"

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b,
	0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
	0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7,
	0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152,
	0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
	0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
	0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
	0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n)	(((x) >> (n)) | ((x) << (32 - (n))))

static void
sha256_block(struct sha256 *c, const unsigned char *p)
{
	uint32_t	w[64], a, b, d, e, f, g, h, cc, t1, t2;
	int		i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++)
		w[i] = w[i - 16] + (ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
		    (w[i - 15] >> 3)) + w[i - 7] + (ROR(w[i - 2], 17) ^
		    ROR(w[i - 2], 19) ^ (w[i - 2] >> 10));
	a = c->h[0]; b = c->h[1]; cc = c->h[2]; d = c->h[3];
	e = c->h[4]; f = c->h[5]; g = c->h[6]; h = c->h[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		    ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		    ((a & b) ^ (a & cc) ^ (b & cc));
		h = g; g = f; f = e; e = d + t1;
		d = cc; cc = b; b = a; a = t1 + t2;
	}
	c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d;
	c->h[4] += e; c->h[5] += f; c->h[6] += g; c->h[7] += h;
}

#ifdef HAVE_SHA_NI
/* 1 if the CPU has the SHA extensions (and the SSSE3 and SSE4.1 they
 * need here). */
static int
sha_ni(void)
{
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
	/* libgcc asked the CPU once, at start-up: no cpuid per digest
	 * (in a virtual machine each one traps to the hypervisor) */
	return __builtin_cpu_supports("sha") &&
	    __builtin_cpu_supports("ssse3") && __builtin_cpu_supports("sse4.1");
#else
	unsigned	a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSSE3) ||
	    !(c & bit_SSE4_1))
		return 0;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return (b & (1u << 29)) != 0;
#endif
}

/*
 * n blocks at p with the SHA extensions: 4 rounds an instruction pair;
 * the schedule of w[t..t+3] is msg2(msg1(w[t-16], w[t-12]) + w[t-7],
 * w[t-4]).  About 6 times the portable code, which matters since every
 * output file of a build is hashed (fsout.h).
 */
__attribute__((target("sha,ssse3,sse4.1")))
static void
blocks_ni(uint32_t h[8], const unsigned char *p, size_t n)
{
	const __m128i	 mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
			    0x0405060700010203ULL);
	__m128i		 s0, s1, t, m, abef, cdgh, w[4];
	int		 i;

	t = _mm_loadu_si128((const __m128i *)(const void *)&h[0]);
	s1 = _mm_loadu_si128((const __m128i *)(const void *)&h[4]);
	t = _mm_shuffle_epi32(t, 0xB1);			/* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1B);		/* EFGH */
	s0 = _mm_alignr_epi8(t, s1, 8);			/* ABEF */
	s1 = _mm_blend_epi16(s1, t, 0xF0);		/* CDGH */
	for (; n > 0; n--, p += 64) {
		abef = s0;
		cdgh = s1;
		/* w[i & 3] is w[i] of the schedule, which needs only the
		 * four before it: unrolled, they stay in registers (an
		 * array of all sixteen spilled to the stack) */
#pragma GCC unroll 16
		for (i = 0; i < 16; i++) {
			if (i < 4)
				w[i] = _mm_shuffle_epi8(_mm_loadu_si128(
				    (const __m128i *)(const void *)
				    (p + 16 * i)), mask);
			else
				w[i & 3] = _mm_sha256msg2_epu32(_mm_add_epi32(
				    _mm_sha256msg1_epu32(w[i & 3],
				    w[(i + 1) & 3]), _mm_alignr_epi8(
				    w[(i + 3) & 3], w[(i + 2) & 3], 4)),
				    w[(i + 3) & 3]);
			m = _mm_add_epi32(w[i & 3], _mm_loadu_si128(
			    (const __m128i *)(const void *)&sha256_k[4 * i]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, m);
			m = _mm_shuffle_epi32(m, 0x0E);
			s0 = _mm_sha256rnds2_epu32(s0, s1, m);
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}
	t = _mm_shuffle_epi32(s0, 0x1B);		/* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);		/* DCHG */
	s0 = _mm_blend_epi16(t, s1, 0xF0);		/* DCBA */
	s1 = _mm_alignr_epi8(s1, t, 8);			/* HGFE */
	_mm_storeu_si128((__m128i *)(void *)&h[0], s0);
	_mm_storeu_si128((__m128i *)(void *)&h[4], s1);
}
#endif

/* n whole blocks at p. */
static void
blocks(struct sha256 *c, const unsigned char *p, size_t n)
{
#ifdef HAVE_SHA_NI
	if (c->ni) {
		blocks_ni(c->h, p, n);
		return;
	}
#endif
	for (; n > 0; n--, p += 64)
		sha256_block(c, p);
}

void
sha256_init(struct sha256 *c)
{
	static const uint32_t	iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memset(c, 0, sizeof(*c));
	memcpy(c->h, iv, sizeof(iv));
#ifdef HAVE_SHA_NI
	c->ni = sha_ni();
#endif
}

void
sha256_add(struct sha256 *c, const void *data, size_t n)
{
	const unsigned char	*p = data;

	c->len += n;
	while (n > 0) {
		size_t	k = 64 - c->nblk < n ? 64 - c->nblk : n;

		if (c->nblk == 0 && n >= 64) {	/* whole blocks in place */
			k = n / 64;
			blocks(c, p, k);
			p += 64 * k;
			n -= 64 * k;
			continue;
		}
		memcpy(c->blk + c->nblk, p, k);
		c->nblk += k;
		p += k;
		n -= k;
		if (c->nblk == 64) {
			blocks(c, c->blk, 1);
			c->nblk = 0;
		}
	}
}

void
sha256_hex(struct sha256 *c, char out[65])
{
	uint64_t	bits = c->len * 8;
	unsigned char	pad[8];
	int		i;

	sha256_add(c, "\x80", 1);
	while (c->nblk != 56)
		sha256_add(c, "", 1);
	for (i = 0; i < 8; i++)
		pad[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_add(c, pad, 8);
	for (i = 0; i < 32; i++) {
		unsigned	v = (c->h[i / 4] >> (24 - 8 * (i % 4))) & 0xff;

		out[2 * i] = "0123456789abcdef"[v >> 4];
		out[2 * i + 1] = "0123456789abcdef"[v & 15];
	}
	out[64] = '\0';
}

void
sha256_digest(const void *data, size_t n, char out[65])
{
	struct sha256	h;

	sha256_init(&h);
	sha256_add(&h, data, n);
	sha256_hex(&h, out);
}
