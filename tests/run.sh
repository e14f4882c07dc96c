#!/bin/sh
# Runs every test: unit binaries in $1 (the build folder), then every
# tests/*.test.sh script.  Each prints "# N passed, N failed" lines;
# this sums them and ends with "N passed, N failed".
build=${1:-build}
export TZ=UTC LC_ALL=C.UTF-8
GONGKAI=${GONGKAI:-$(pwd)/gongkai}
case $GONGKAI in /*) ;; *) GONGKAI=$(pwd)/$GONGKAI ;; esac
export GONGKAI
pass=0 fail=0
log=$(mktemp)
for t in "$build"/unit_* tests/*.test.sh; do
	[ -e "$t" ] || continue
	case $t in *.test.sh) cmd="sh $t" ;; *) cmd=$t ;; esac
	$cmd >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^# \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^# \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed or failed without saying so
	fi
	if [ "$f" -ne 0 ]; then
		echo "--- $t (exit $rc)"
		grep -v '^ok' "$log" | tail -40
	fi
	grep '^# spec' "$log"
	echo "$t: $p passed, $f failed"
	pass=$((pass + p)) fail=$((fail + f))
done
rm -f "$log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
