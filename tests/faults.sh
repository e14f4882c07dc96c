# tests/faults.sh -- helpers for the fault tests (sourced after lib.sh
# by tests/faults.test.sh and tests/killloop.sh).
#
# Two preview repositories of a part of the demo (a county, a town and
# a village with print outputs, for speed), A and B (B: every Markdown
# body one line longer), give two sites whose file lists and hashes are
# known; state DIR says which of them DIR holds, or "none" or "mix".
export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21: after the demo's records
export GONGKAI_CACHE_DIR=$TMP/cache

# faults_setup: $TMP/A, $TMP/B (repos); $TMP/A.sum, $TMP/B.sum (sites).
faults_setup() {
	mkdir -p "$TMP/A" && cp -R content config.yaml "$TMP/A/"
	rm -rf "$TMP/A/content/shifan-county/xihe-town" \
	    "$TMP/A/content/shifan-county/service-center" \
	    "$TMP/A/content/shifan-county/dongcheng-town/王庄村" \
	    "$TMP/A/content/shifan-county/hotline" \
	    "$TMP/A/content/shifan-county/evaluation" \
	    "$TMP/A/content/shifan-county/assessment" \
	    "$TMP/A/content/shifan-county/rectification"	# name the units above
	cp -R "$TMP/A" "$TMP/B"
	find "$TMP/B/content" -name '*.md' | while read -r f; do
		printf '\n补充说明。\n' >>"$f"
	done
	for r in A B; do
		"$GONGKAI" build --preview --out "$TMP/site$r" "$TMP/$r" \
		    >/dev/null 2>&1 || fail "build $r"
		manifest "$TMP/site$r" >"$TMP/$r.sum"
		rm -rf "$TMP/site$r"
	done
	cmp -s "$TMP/A.sum" "$TMP/B.sum" && fail "sites A and B differ"
}

# manifest DIR: "hash  path" of every file, sorted by path.
manifest() {
	(cd "$1" && find . -type f -exec sha256sum {} + | LC_ALL=C sort -k2)
}

# state DIR: A, B, none (DIR missing) or mix.
state() {
	[ -e "$1" ] || { echo none; return; }
	manifest "$1" >"$TMP/cur.sum"
	if cmp -s "$TMP/cur.sum" "$TMP/A.sum"; then echo A
	elif cmp -s "$TMP/cur.sum" "$TMP/B.sum"; then echo B
	else echo mix; fi
}

# leftovers DIR: what a build left beside DIR, except the site folder
# DIR links to.
leftovers() {
	_live=$(readlink "$1" 2>/dev/null)
	for _f in "$1".*; do
		[ -e "$_f" ] || [ -L "$_f" ] || continue
		[ -n "$_live" ] && [ "${_f##*/}" = "$_live" ] && continue
		echo "$_f"
	done
}

# is X DIR: DIR holds site X (A, B, none); else says what it holds.
is() {
	_is=$(state "$2")
	[ "$_is" = "$1" ] || { echo "  $2 holds '$_is', not '$1'"; return 1; }
}

# none_left DIR: nothing left beside DIR; else lists it.
none_left() {
	_left=$(leftovers "$1")
	[ -z "$_left" ] || { echo "  left: $_left"; return 1; }
}

# build REPO OUT: a preview build, quiet; returns its exit status.
build() {
	"$GONGKAI" build --preview --out "$2" "$TMP/$1" >"$TMP/build.err" 2>&1
}

# alive PID: 1 if PID runs (a zombie, dead but not yet reaped by an
# init that does not reap, does not count).
alive() {
	_st=$(ps -o stat= -p "$1" 2>/dev/null)
	[ -n "$_st" ] && [ "${_st#Z}" = "$_st" ]
}
