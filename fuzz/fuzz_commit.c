/*
 * fuzz_commit.c -- raw commit objects as the gate reads them: the
 * signature split (sig_split_commit), verification against an empty
 * keyring (sig_verify_commit: nothing can be good), the approval
 * trailers of the message (repo_trailers), and the parser
 * (repo_commit_parse), whose count of signature headers must say
 * unsigned exactly when the split does: the gate takes a commit
 * without them as unsigned without reading it again.
 */
#include "buf.h"
#include "fuzz.h"
#include "repo.h"
#include "sig.h"

static int
trailer_fn(const char *key, const char *value, void *arg)
{
	fuzz_assert(key != NULL && value != NULL);
	(*(int *)arg)++;
	return 0;
}

/*
 * The keyring, made once.  With it a repository stays open (the
 * project's own, when run from its root, as make does): libgit2 1.5
 * built with mbedTLS parses the whole CA bundle on every first
 * initialisation, which repo_trailers() would otherwise pay per input
 * (2 runs a second instead of thousands).
 */
static struct sig_keyring *
keyring(void)
{
	static struct sig_keyring	*kr;
	static struct repo		*held;

	if (kr == NULL) {
		kr = sig_keyring_new();
		if (repo_open(".", &held) == -1)
			held = NULL;
	}
	return kr;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*raw = (const char *)data;
	struct buf		 payload = BUF_INIT, sig = BUF_INIT;
	struct sig_result	 res;
	struct repo_commit	 c;
	enum sig_kind		 kind;
	char			*msg;
	const char		*body;
	int			 n = 0;

	sig_split_commit(raw, size, &payload, &sig, &kind);
	/* Only signature headers are removed, never added to. */
	fuzz_assert(payload.len <= size);
	fuzz_assert(payload.len + sig.len <= size + 1);
	fuzz_assert(sig_kind_name(kind) != NULL);
	if (kind == SIG_KIND_NONE)
		fuzz_assert(payload.len == size && sig.len == 0);
	memset(&res, 0x55, sizeof(res));
	sig_verify_commit(keyring(), raw, size, &res);
	fuzz_assert(res.status != SIG_GOOD);
	fuzz_assert(sig_status_name(res.status) != NULL);
	fuzz_assert(memchr(res.fpr, '\0', sizeof(res.fpr)) != NULL);
	fuzz_assert(memchr(res.keyid, '\0', sizeof(res.keyid)) != NULL);
	if (kind == SIG_KIND_NONE)
		fuzz_assert(res.status == SIG_NONE);
	if (repo_commit_parse(raw, size, &c) == 0) {
		fuzz_assert((c.nsig == 0) == (kind == SIG_KIND_NONE));
		fuzz_assert(c.message != NULL && c.author_name != NULL);
		repo_commit_dispose(&c);
	}
	/* The message: what follows the first empty line. */
	msg = fuzz_cstr(data, size);
	body = strstr(msg, "\n\n");
	repo_trailers(body ? body + 2 : msg, trailer_fn, &n);
	free(msg);
	buf_dispose(&payload);
	buf_dispose(&sig);
	return 0;
}
