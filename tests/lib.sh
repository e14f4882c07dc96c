# tests/lib.sh -- helpers for shell tests: source it, call ok/fail/check,
# end with done_tests.  $GONGKAI is the binary under test.
T_PASS=0 T_FAIL=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ok()   { T_PASS=$((T_PASS + 1)); }
fail() { T_FAIL=$((T_FAIL + 1)); echo "FAIL $*"; }
# check NAME CMD...: passes if CMD exits 0
check() { _name=$1; shift; if "$@"; then ok; else fail "$_name"; fi; }
done_tests() { echo "# $T_PASS passed, $T_FAIL failed"; [ "$T_FAIL" -eq 0 ]; }
