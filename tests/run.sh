#!/bin/sh
# Runs every test: unit binaries in $1 (the build folder), then every
# tests/*.test.sh script.  Each prints "# N passed, N failed" lines
# (", N skipped" when it could not run some checks); this sums them
# and ends with "N passed, N failed" (", N skipped" when any were);
# each program's line says how many seconds it took.
# A program that exits non-zero without saying it failed, or that
# passes and fails nothing, counts as one failure: a test that ran no
# check cannot have found anything.
build=${1:-build}
export TZ=UTC LC_ALL=C.UTF-8
GONGKAI=${GONGKAI:-$(pwd)/gongkai}
case $GONGKAI in /*) ;; *) GONGKAI=$(pwd)/$GONGKAI ;; esac
export GONGKAI
pass=0 fail=0 skip=0
log=$(mktemp)
for t in "$build"/unit_* tests/*.test.sh; do
	[ -e "$t" ] || continue
	case $t in *.test.sh) cmd="sh $t" ;; *) cmd=$t ;; esac
	t0=$(date +%s)
	$cmd >"$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - t0))
	set -- $(sed -n 's/^# \([0-9]*\) passed, \([0-9]*\) failed\(, \([0-9]*\) skipped\)\{0,1\}$/\1 \2 \4/p' "$log" |
	    awk '{ p += $1; f += $2; s += $3 } END { print p + 0, f + 0, s + 0 }')
	p=$1 f=$2 s=$3
	why=
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 why="exit $rc without a failed check"
	elif [ $((p + f)) -eq 0 ]; then
		f=1 why="no check ran"
	fi
	if [ "$f" -ne 0 ]; then
		echo "--- $t (exit $rc${why:+; $why})"
		grep -v '^ok' "$log" | tail -40
	else
		grep '^skip' "$log"
	fi
	grep '^# spec' "$log"
	line="$t: $p passed, $f failed"
	[ "$s" -eq 0 ] || line="$line, $s skipped"
	echo "$line ($secs s)"	# make check must stay under 10 minutes
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
done
rm -f "$log"
line="$pass passed, $fail failed"
[ "$skip" -eq 0 ] || line="$line, $skip skipped"
echo "$line"
[ "$fail" -eq 0 ]
