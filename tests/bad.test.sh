#!/bin/sh
# The bad-input corpus: each folder of tests/bad/ is a repository (its
# config.yaml, else tests/bad/config.yaml) whose 'gongkai check' must
# exit 1 with exactly the diagnostics of its 'expected' file.  A case
# may hold a 'setup' script for what git cannot store (symlinks, huge
# or binary files), run inside the copy.  Adding a case means adding a
# folder.  UPDATE=1 rewrites the expected files.  Whatever 'gongkai
# build --preview' reports on a case, check must have reported.
. tests/lib.sh
for c in tests/bad/*/; do
	name=$(basename "$c")
	w=$TMP/$name
	mkdir -p "$w"
	cp -R "$c". "$w"/
	[ -f "$w/config.yaml" ] || cp tests/bad/config.yaml "$w/"
	if [ -f "$w/setup" ]; then (cd "$w" && sh ./setup) || { fail "$name: setup"; continue; }; fi
	rm -f "$w/setup" "$w/expected"
	(cd "$w" && "$GONGKAI" check .) >"$TMP/$name.out" 2>"$TMP/$name.err"
	rc=$?
	if [ "$rc" -ne 1 ]; then
		fail "$name: exit status $rc, expected 1"
		cat "$TMP/$name.err"
		continue
	fi
	if [ -n "$UPDATE" ]; then
		cp "$TMP/$name.err" "$c/expected"
	fi
	if diff -u "$c/expected" "$TMP/$name.err"; then ok; else fail "$name: diagnostics differ"; fi
	# check promises what build needs: whatever a preview build
	# reports, check has reported.
	(cd "$w" && GONGKAI_CACHE_DIR="$TMP/cache" "$GONGKAI" build --preview \
	    --out "$TMP/$name.site" .) >/dev/null 2>"$TMP/$name.build"
	# (the build's summary line aside)
	grep -v "^gongkai: built '" "$TMP/$name.build" | sort -u >"$TMP/$name.b"
	sort -u "$TMP/$name.err" >"$TMP/$name.c"
	if [ -z "$(comm -23 "$TMP/$name.b" "$TMP/$name.c")" ]; then
		ok
	else
		fail "$name: build reports what check does not:"
		comm -23 "$TMP/$name.b" "$TMP/$name.c"
	fi
done
done_tests
