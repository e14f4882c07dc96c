#!/bin/sh
# make check: long
# Pathological input (issue 13): each case of tests/patho/gen.py is
# checked and built (a preview) under bounds a linear parser meets with
# a wide margin on a slow, shared machine, and that a quadratic one
# misses by far:
#   time    60 s per command (timeout); 300 s for 100,000 files
#   memory  2 GiB of address space per process (ulimit -v), except
#           under AddressSanitizer, which reserves terabytes up front
# Measured on the 2-core development machine under load 8-10 (see
# the numbers beside each case), before the fixes:
#   20,000 '![' in a village table cell: > 10 min in the print layout
#   (4,000: 20 s and 1 GB), "{a: " 50,000 deep: 75 s in libyaml.
# A case either builds (exit 0) or gets its diagnostic (exit 1).
. tests/lib.sh
export GONGKAI_CACHE_DIR=$TMP/cache SOURCE_DATE_EPOCH=1764374400
asan=
if ldd "$GONGKAI" 2>/dev/null | grep -q libasan; then asan=1; fi

# run SECONDS CMD...: CMD under the bounds; its exit status (124: time)
run() {
	_t=$1
	shift
	[ -n "$asan" ] && _t=$((_t * 5))
	(
		[ -n "$asan" ] || ulimit -v 2097152
		exec timeout "$_t" "$@"
	)
}

# patho CASE SECONDS STATUS [MESSAGE]: check and build CASE, each in
# SECONDS; both exit STATUS; with STATUS 1 check says MESSAGE.
patho() {
	_c=$1 _s=$2 _want=$3 _msg=$4
	r=$TMP/$_c
	mkdir -p "$r/content/u/laws" "$r/content/u/v/births"
	cp tests/bad/config.yaml "$r/"
	cp tests/bad/links/content/u/_unit.yaml "$r/content/u/"
	cp tests/bad/links/content/u/v/_unit.yaml "$r/content/u/v/"
	python3 tests/patho/gen.py "$_c" "$r" || { fail "$_c: gen"; return; }
	run "$_s" "$GONGKAI" check "$r" >/dev/null 2>"$TMP/$_c.err"
	_rc=$?
	check "$_c: check exits $_want (got $_rc)" [ "$_rc" -eq "$_want" ]
	if [ -n "$_msg" ]; then
		check "$_c: check says '$_msg'" grep -q "$_msg" "$TMP/$_c.err"
	fi
	run "$_s" "$GONGKAI" build --preview --out "$TMP/$_c.site" "$r" \
	    >/dev/null 2>"$TMP/$_c.berr"
	_rc=$?
	check "$_c: build exits $_want (got $_rc)" [ "$_rc" -eq "$_want" ]
	[ "$_rc" -eq 0 ] || [ "$_want" -ne 0 ] || head -3 "$TMP/$_c.berr"
	rm -rf "$r" "$TMP/$_c.site"
}

if ! command -v python3 >/dev/null; then
	skip "python3 missing: no pathological input"
	done_tests
	exit
fi
#                                          measured (check + build)
patho quote-nesting 60 0			# 50,000 '>': 0.5 + 0.9 s
patho list-nesting 60 0				# 900 nested lists
patho emphasis-run 60 0				# 200,000 '*' and '_': 0.5 s
patho bracket-run 60 0				# 300,000 '[', 100,000 '![': 2.5 s
patho huge-table 60 0				# 1000 rows x 20, print: 12 s
patho yaml-nesting 60 1 "YAML nested too deeply"	# 155 s before
patho yaml-map-nesting 60 1 "YAML nested too deeply"	# 75 s before
patho yaml-block-nesting 60 1 "YAML nested too deeply"
patho long-line 60 0				# a 1 MB line: 0.6 s
patho print-brackets 60 0			# 20,000 '![' in a cell: 1.3 s
patho print-links 60 0				# 3,000 links in a cell: 3 s
patho many-files 300 0				# 100,000 items: 10 + 30 s
done_tests
