/*
 * sha256.h -- SHA-256 (FIPS 180-4), for names that must change when
 * what they name changes: the verification cache file of a keyset,
 * the digest of a finished document.  Not for signatures (RNP checks
 * those, sig.h).
 */
#ifndef GONGKAI_SHA256_H
#define GONGKAI_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* A digest being computed: sha256_init, sha256_add..., sha256_hex. */
struct sha256 {
	uint32_t	 h[8];		/* the chaining state */
	unsigned char	 blk[64];	/* the block being filled */
	size_t		 nblk;		/* bytes in blk */
	uint64_t	 len;		/* bytes hashed */
	int		 ni;		/* 1: the CPU's SHA instructions */
};

void	sha256_init(struct sha256 *);

/* Hashes n more bytes of data. */
void	sha256_add(struct sha256 *, const void *data, size_t n);

/* Finishes the digest and writes it as 64 lowercase hex digits and a
 * NUL into out; start again with sha256_init. */
void	sha256_hex(struct sha256 *, char out[65]);

/* The digest of the n bytes at data, at once, into out as sha256_hex. */
void	sha256_digest(const void *data, size_t n, char out[65]);

#endif
