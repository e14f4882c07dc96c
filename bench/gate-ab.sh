#!/bin/bash
# bench/gate-ab.sh ROUNDS BINARY... -- gated `build --full` of the gate
# bench's history (made by bench/gate.sh; APPROVE=unit picks its
# repository) by each BINARY in turn, ROUNDS times alternated, and the
# wall and CPU seconds of each: least, median, mean.  On a machine
# whose speed drifts by 2x, binaries are compared within one run, not
# against a figure of another day.
#
# Each binary gets its own copy of the warm cache folder: the cache's
# entries carry the program's code, so two binaries sharing one would
# empty it for each other.  Outputs go to SITES (default /dev/shm/gate-ab,
# a tmpfs: the disk left out).  A first build of each warms its copy.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
if [ $# -lt 2 ]; then
	echo "usage: bench/gate-ab.sh ROUNDS BINARY..." >&2
	exit 2
fi
rounds=$1
shift
case $rounds in ''|*[!0-9]*|0)
	echo "bench/gate-ab.sh: ROUNDS: a positive integer" >&2
	exit 2 ;;
esac
N=${N:-1000}
R=$top/bench/out/gate-$N
[ "${APPROVE:-all}" = unit ] && R=$R-unit
if [ ! -d "$R/repo" ]; then
	echo "bench/gate-ab.sh: no $R/repo: run bench/gate.sh $N first" >&2
	exit 1
fi
SITES=${SITES:-/dev/shm/gate-ab}
export SOURCE_DATE_EPOCH=1764374400
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
i=0
for b in "$@"; do
	case $b in /*) ;; *) b=$top/$b ;; esac
	[ -x "$b" ] || { echo "bench/gate-ab.sh: $b: not a program" >&2; exit 1; }
	bins[$i]=$b
	cp -r "$R/cache" "$work/cache$i"
	GONGKAI_CACHE_DIR=$work/cache$i "$b" build --quiet --full \
	    --theme "$top/themes/default" --trust "$R/trust.asc" \
	    --out "$SITES/$i" "$R/repo"
	i=$((i + 1))
done
for r in $(seq "$rounds"); do
	for i in "${!bins[@]}"; do
		/usr/bin/time -f "$i %e %U %S" -a -o "$work/times" \
		    env GONGKAI_CACHE_DIR="$work/cache$i" "${bins[$i]}" build \
		    --quiet --full --theme "$top/themes/default" \
		    --trust "$R/trust.asc" --out "$SITES/$i" "$R/repo"
	done
done
rm -rf "$SITES"
for i in "${!bins[@]}"; do
	awk -v i="$i" '$1 == i { print $2, $3 + $4 }' "$work/times" |
	    sort -n | awk -v name="${bins[$i]}" '
	    { w[NR] = $1; c[NR] = $2; sw += $1; sc += $2 }
	    END {
		n = NR
		# the CPU seconds sorted on their own, for their median
		for (j = 1; j <= n; j++) cs[j] = c[j]
		for (j = 2; j <= n; j++)
			for (k = j; k > 1 && cs[k - 1] > cs[k]; k--) {
				t = cs[k]; cs[k] = cs[k - 1]; cs[k - 1] = t
			}
		med = n % 2 ? w[(n + 1) / 2] : (w[n / 2] + w[n / 2 + 1]) / 2
		cmed = n % 2 ? cs[(n + 1) / 2] : (cs[n / 2] + cs[n / 2 + 1]) / 2
		printf "%s: wall least %.3f median %.3f mean %.3f s; " \
		    "CPU least %.2f median %.2f mean %.2f s (%d rounds)\n",
		    name, w[1], med, sw / n, cs[1], cmed, sc / n, n
	    }'
done
