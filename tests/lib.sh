# tests/lib.sh -- helpers for shell tests: source it, call ok/fail/check
# (and skip for a check that cannot run here), end with done_tests.
# $GONGKAI is the binary under test.
T_PASS=0 T_FAIL=0 T_SKIP=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ok()   { T_PASS=$((T_PASS + 1)); }
fail() { T_FAIL=$((T_FAIL + 1)); echo "FAIL $*"; }
skip() { T_SKIP=$((T_SKIP + 1)); echo "skip $*"; }
# check NAME CMD...: passes if CMD exits 0
check() { _name=$1; shift; if "$@"; then ok; else fail "$_name"; fi; }
# seal_break DIR: breaks the seal of output folder DIR's standby as a
# build killed while it wrote the standby leaves it (fsout.c,
# standby_sealed): the next build checks every file it takes over, and
# so sees what a hand changed in the output.
seal_break() {
	stat -c '%d %i' "${1%/*}/.${1##*/}.standby" \
	    >"${1%/*}/.${1##*/}.writing" || fail "seal_break $1"
}
done_tests() {
	if [ "$T_SKIP" -ne 0 ]; then
		echo "# $T_PASS passed, $T_FAIL failed, $T_SKIP skipped"
	else
		echo "# $T_PASS passed, $T_FAIL failed"
	fi
	[ "$T_FAIL" -eq 0 ]
}
