#!/bin/sh
# Golden builds: each tests/golden/<case>/input is a repository whose
# 'gongkai build --preview' must give exactly the files of
# tests/golden/<case>/expected (theme assets aside), compared with
# diff -u.  "Today" is fixed.  UPDATE=1 rewrites the expected trees.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1780272000	# 2026-06-01
for c in tests/golden/*/; do
	name=$(basename "$c")
	if ! "$GONGKAI" build --preview --out "$TMP/$name" "$c/input" 2>"$TMP/$name.err"; then
		fail "$name: build failed"
		cat "$TMP/$name.err"
		continue
	fi
	rm -rf "$TMP/$name/assets"
	if [ -n "$UPDATE" ]; then
		rm -rf "$c/expected"
		cp -R "$TMP/$name" "$c/expected"
	fi
	if diff -ru "$c/expected" "$TMP/$name"; then ok; else fail "$name: output differs"; fi
done
done_tests
