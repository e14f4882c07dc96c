#!/bin/sh
# tests/killloop.sh N SEED -- kill -9 builds at N random moments (the
# moments drawn from SEED, between 0 and the time of a whole build):
# after each, the live site must be the old one or the new one, never
# a mix nor none, and no process of the killed build may live on.  The
# builds are incremental (each into the folder of the one before, with
# 1 or 2 workers in turn), so a kill also lands while unchanged files
# are linked from the live site or the manifest is replaced; every
# third is a --full, which writes the standby without reading it.
# Every fifth kill, and at the end, a build to completion must remove
# what the killed ones left.  `make check` runs a short slice
# (tests/faults.test.sh), `make fuzz` the long one.
. tests/lib.sh
. tests/faults.sh
n=${1:-50} seed=${2:-1}
faults_setup
out=$TMP/out
build A "$out" || fail "first build"
t0=$(date +%s.%N)
build B "$TMP/timed" || fail "timed build"
t1=$(date +%s.%N)
rm -rf "$TMP/timed"
moments=$(awk -v s="$seed" -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN {
	srand(s); for (i = 0; i < n; i++) printf "%.3f\n", rand() * (b - a) }')
cur=A i=0
for m in $moments; do
	i=$((i + 1))
	[ "$cur" = A ] && next=B || next=A
	full=
	[ $((i % 3)) -eq 0 ] && full=--full
	"$GONGKAI" build --preview $full --jobs $((i % 2 + 1)) \
	    --out "$out" "$TMP/$next" >/dev/null 2>&1 &
	pid=$!
	sleep "$m"
	workers=$(pgrep -P "$pid")
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	s=$(state "$out")
	case $s in
	A|B) ok ;;
	*) fail "kill $i at ${m}s: the site is '$s'" ;;
	esac
	sleep 0.2
	for w in $workers; do
		if alive "$w"; then
			fail "kill $i at ${m}s: print worker $w lives on"
			kill -9 "$w" 2>/dev/null
		fi
	done
	cur=$s
	if [ $((i % 5)) -eq 0 ] || [ "$i" -eq "$n" ]; then
		[ "$cur" = A ] && next=B || next=A
		build "$next" "$out" || fail "kill $i: the next build fails"
		s=$(state "$out")
		[ "$s" = "$next" ] || fail "kill $i: the next build gives '$s'"
		none_left "$out" || fail "kill $i: left after the next build"
		cur=$s
	fi
done
echo "kill loop: $n kills, seed $seed, a build takes $(awk -v a="$t0" \
    -v b="$t1" 'BEGIN { printf "%.1f", b - a }')s"
done_tests
