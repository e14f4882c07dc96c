#!/bin/sh
# Runs every test: unit binaries in $1 (the build folder), then every
# tests/*.test.sh script, TEST_JOBS (default 2) at a time: each runs
# alone in its own temporary folder, and the scripts spend most of
# their time in one process at a time, so two cores take two.  Each
# prints "# N passed, N failed" lines (", N skipped" when it could not
# run some checks); this sums them, in the order of the list whatever
# finished first, and ends with "N passed, N failed" (", N skipped"
# when any were); each program's line says how many seconds it took.
# A program that exits non-zero without saying it failed, or that
# passes and fails nothing, counts as one failure: a test that ran no
# check cannot have found anything.
#
# The jobs take programs from one queue as they finish, not from lists
# dealt beforehand, and scripts with a line "# make check: long" go
# first: five of them took half of make check's time, and one started
# last kept a core busy minutes after the other had nothing left.
build=${1:-build}
export TZ=UTC LC_ALL=C.UTF-8
GONGKAI=${GONGKAI:-$(pwd)/gongkai}
case $GONGKAI in /*) ;; *) GONGKAI=$(pwd)/$GONGKAI ;; esac
export GONGKAI
jobs=${TEST_JOBS:-2}
pass=0 fail=0 skip=0
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# The programs: the long scripts first, then the rest in list order.
for t in tests/*.test.sh; do
	grep -qx '# make check: long' "$t" && echo "$t" >>"$dir/queue"
done
for t in "$build"/unit_* tests/*.test.sh; do
	[ -e "$t" ] || continue
	echo "$t" >>"$dir/all"
	grep -qsxF "$t" "$dir/queue" || echo "$t" >>"$dir/queue"
done
[ -s "$dir/all" ] || { echo "0 passed, 1 failed"; exit 1; }

# log name of program $1
logof() {
	echo "$dir/$(echo "$1" | tr '/' '_')"
}

# Each job walks the queue and runs what it claims first (mkdir is
# atomic: one job makes the claim, the other finds it made).
k=0
while [ "$k" -lt "$jobs" ]; do
	while read -r t; do
		l=$(logof "$t")
		mkdir "$l.claim" 2>/dev/null || continue
		case $t in *.test.sh) cmd="sh $t" ;; *) cmd=$t ;; esac
		t0=$(date +%s)
		$cmd >"$l.log" 2>&1 </dev/null
		echo "$? $(($(date +%s) - t0))" >"$l.rc"
	done <"$dir/queue" &
	k=$((k + 1))
done
wait

while read -r t; do
	l=$(logof "$t")
	read -r rc secs <"$l.rc"
	log=$l.log
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
done <"$dir/all"
line="$pass passed, $fail failed"
[ "$skip" -eq 0 ] || line="$line, $skip skipped"
echo "$line"
[ "$fail" -eq 0 ]
