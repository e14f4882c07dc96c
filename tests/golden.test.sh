#!/bin/sh
# Golden builds: each tests/golden/<case> is built and must give
# exactly the files of tests/golden/<case>/expected (theme assets
# aside), compared with diff -u.  "Today" is fixed.
#
#   - a case with input/ only is a working tree: 'gongkai build
#     --preview' of it;
#   - a case with history.sh is gated: the script makes a repository
#     with signed commits at fixed times (see tests/golden/gated), and
#     'gongkai build --trust' builds it: approval dates, provenance and
#     a report with nothing waiting.  It is built twice, in fresh
#     repositories, to show the output is the same bytes every run.
#
# UPDATE=1 rewrites the expected trees.
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh
export SOURCE_DATE_EPOCH=1780272000	# 2026-06-01
unset XDG_CACHE_HOME GONGKAI_CACHE_DIR

# build CASE OUT: builds case folder CASE into OUT; 0 or 1.
build() {
	if [ -f "$1/history.sh" ]; then
		CASE=$(cd "$1" && pwd)
		. "$CASE/history.sh" >"$2.hist" 2>&1 ||
		    { cat "$2.hist"; return 1; }
		"$GONGKAI" build --trust "$TRUST" --out "$2" "$GK_REPO" \
		    2>"$2.err" || { cat "$2.err"; return 1; }
	else
		"$GONGKAI" build --preview --out "$2" "$1/input" \
		    2>"$2.err" || { cat "$2.err"; return 1; }
	fi
	rm -rf "$2/assets"
}

for c in tests/golden/*/; do
	name=$(basename "$c")
	if ! build "$c" "$TMP/$name"; then
		fail "$name: build failed"
		continue
	fi
	if [ -f "$c/history.sh" ]; then
		if build "$c" "$TMP/$name-again" &&
		    diff -r "$TMP/$name" "$TMP/$name-again" >/dev/null; then
			ok
		else
			fail "$name: a second run gives other bytes"
		fi
	fi
	if [ -n "$UPDATE" ]; then
		rm -rf "$c/expected"
		cp -R "$TMP/$name" "$c/expected"
	fi
	if diff -ru "$c/expected" "$TMP/$name"; then ok; else fail "$name: output differs"; fi
done
done_tests
