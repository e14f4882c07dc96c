#!/bin/sh
# What a script may rely on beyond the content: a command whose answer
# could not be written to stdout fails (gongkai's own writes are
# buffered, so only the end of the run knows), and a build whose print
# workers cannot be waited for does not claim success.
#
#   * c1 editor: config.yaml keys/ content/v/_unit.yaml content/v/fees/b.md
#   * c2 S[admin] A: config.yaml, A: keys/**
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh

# full NAME CMD...: CMD with stdout on /dev/full fails and says why
# (once: "cannot write to standard output", or the command's own).
full() {
	_n=$1; shift
	"$@" >/dev/full 2>"$TMP/err"
	_rc=$?
	if [ "$_rc" -ne 0 ] && grep -q 'cannot write' "$TMP/err"; then
		ok
	else
		fail "$_n: exit $_rc on /dev/full"
		cat "$TMP/err"
	fi
}

# The same commands succeed with somewhere to write.
check "--version" "$GONGKAI" --version >/dev/null
full "--version" "$GONGKAI" --version
full "--help" "$GONGKAI" --help
full "check --help" "$GONGKAI" check --help

gk_setup
mkkey admin >/dev/null && mkkey alice >/dev/null || { fail mkkey; done_tests; exit 1; }
mkdir -p "$GK_REPO/keys" && cp "$GK_DIR/keys/alice.asc" "$GK_REPO/keys/"
gk_file config.yaml 'site: { title: T, base_url: "https://gongkai.example/" }
levels:
  village: { catalogue: c, outputs: [web, board, handout], approvals: 1 }
catalogues:
  c:
    - { id: fees, title: 收费 }
reviewers:
  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }'
git -C "$GK_REPO" add keys
gk_file content/v/_unit.yaml 'name: 某村
level: village'
gk_file content/v/fees/b.md '---
title: 收费公示
date: 2026-01-05
---
正文。'
gk_commit editor - c1
gk_approve admin admin config.yaml 'keys/**'
TRUST=$GK_DIR/keys/admin.asc

check "check" "$GONGKAI" check "$GK_REPO" >/dev/null
full "check" "$GONGKAI" check "$GK_REPO"
check "said once" test "$(grep -c error "$TMP/err")" -eq 1
check "status --json" "$GONGKAI" status --json --trust "$TRUST" "$GK_REPO" >/dev/null
full "status --json" "$GONGKAI" status --json --trust "$TRUST" "$GK_REPO"
full "status" "$GONGKAI" status --trust "$TRUST" "$GK_REPO"
full "report --json" "$GONGKAI" report --json "$GK_REPO"
check "said once" test "$(grep -c error "$TMP/err")" -eq 1

# Print workers under an inherited SIGCHLD=SIG_IGN: the kernel reaps
# them, waitpid() fails, and nothing says they made their PDFs.
export GONGKAI_CACHE_DIR=$TMP/cache GONGKAI_JOBS=2
"$GONGKAI" build --preview --out "$TMP/ok" "$GK_REPO" 2>"$TMP/err"
check "build with workers" test $? -eq 0
perl -e '$SIG{CHLD} = "IGNORE"; exec @ARGV or die' \
    "$GONGKAI" build --preview --out "$TMP/site" "$GK_REPO" 2>"$TMP/err"
rc=$?
check "workers not waited for: build fails" test "$rc" -eq 1
check "workers not waited for: says so" grep -q 'cannot wait for [a-z]* worker' "$TMP/err"
check "workers not waited for: nothing written" test ! -e "$TMP/site"
done_tests
