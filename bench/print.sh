#!/bin/sh
# bench/print.sh [VILLAGES] [ITEMS] -- print outputs at scale.
#
# Generates a corpus with bench/gen.sh sized for about VILLAGES
# (default 1000) village units of ITEMS (default 10) items each, then
# times with /usr/bin/time (wall seconds, user+sys CPU seconds, peak
# resident KiB):
#   1. gongkai build --preview --full with an empty PDF cache: the
#      whole site, every board and handout PDF and twin, every display,
#      in one worker process a CPU (GONGKAI_JOBS, default: all CPUs);
#   2. the same in one process (--jobs 1), empty cache: CPU per PDF;
#   3. the same with the cache of 2: every PDF laid out again, its
#      finished bytes taken from the cache (what layout alone costs);
#   4. an incremental build with nothing changed: every unit's pages,
#      PDFs and twins taken over from the earlier build (memo.h);
#   5. an incremental build after one item of one village changed (a
#      line added to its body): that village's board and handout are
#      laid out again, nothing else;
#   6. the same build with board, handout and display removed from every
#      level: the web-only baseline, so 1 - 6 is what printing costs;
#   7. gongkai print of one village: what a print shop waits for.
# The cold rows use --full, so that whatever a BENCH_DIR holds from
# an earlier run is not taken over.  GK=PROGRAM times another gongkai
# (with its themes/ beside it).
# With TARGETS=FILE, the rows of issue 11's table are appended to it.
# The PDF cache lives in the scratch folder (GONGKAI_CACHE_DIR), never
# in the user's.  A benchmark, not a test: it prints figures and checks
# nothing.
set -eu
cd "$(dirname "$0")/.."
V=${1:-1000}
IPU=${2:-10}
GK=${GK:-$(pwd)/gongkai}
W=${BENCH_DIR:-$(mktemp -d /tmp/gongkai-print-bench.XXXXXX)}
export SOURCE_DATE_EPOCH=1764374400
[ -x "$GK" ] || { echo "bench/print.sh: build ./gongkai first" >&2; exit 2; }
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=

# gen.sh puts about 89% of its units in villages (see its shares).
units=$(( (V * 1000 + 889) / 890 + 1 ))
echo "corpus: $units units, $IPU items each, in $W"
sh bench/gen.sh "$W/repo" "$units" "$IPU" >/dev/null
rm -rf "$W/repo/themes"
nv=$(grep -rl '^level: village' "$W/repo/content" --include=_unit.yaml | wc -l)
nt=$(grep -rl '^level: \(township\|agency\)' "$W/repo/content" --include=_unit.yaml | wc -l)
echo "units with print outputs: $nv villages, $nt townships and agencies"

last=
run() {	# run LABEL CMD...: time CMD, print "LABEL: N s, M KiB"
	label=$1; shift
	if [ -n "$TIME" ]; then
		$TIME -f '%e %U %S %M' -o "$W/time" "$@" >/dev/null
		awk -v l="$label" '{ printf "%s: %s s, cpu %.2f s, peak %s KiB\n",
		    l, $1, $2 + $3, $4 }' "$W/time"
		last=$(cut -d' ' -f1 "$W/time")
	else
		t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
		echo "$label: $(echo "$t1 - $t0" | bc) s"
	fi
}

# Cold: no earlier build either, also when BENCH_DIR is reused.
rm -rf "$W/out"
mkdir -p "$W/out"
export GONGKAI_CACHE_DIR="$W/cache"
rm -rf "$W/cache"
run "build with print outputs, cold (--full)" "$GK" build --preview --full \
    --out "$W/out/full" "$W/repo"
cold=$last
rm -rf "$W/cache"
run "  the same, one process" "$GK" build --preview --full --jobs 1 \
    --out "$W/out/full" "$W/repo"
run "  the same, every PDF cached" "$GK" build --preview --full \
    --out "$W/out/full" "$W/repo"
run "  nothing changed (incremental)" "$GK" build --preview \
    --out "$W/out/full" "$W/repo"
same=$last
# an item of the first village in name order, with board and handout
vdir=$(grep -rl '^level: village' "$W/repo/content" --include=_unit.yaml |
    LC_ALL=C sort | head -n 1)
f=$(find "${vdir%/_unit.yaml}" -name '*.md' ! -name '_*' | LC_ALL=C sort |
    head -n 1)
echo '更正说明：本条于今日更新。' >>"$f"
run "  one village changed (incremental)" "$GK" build --preview \
    --out "$W/out/full" "$W/repo"
changed=$last
rm -rf "$W/cache"
npdf=$(find "$W/out/full" -name '*.pdf' | wc -l)
pages=$(find "$W/out/full" -name '*.pdf' | head -n 200 | while read -r f; do
	pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }'; done |
	awk '{ s += $1; n++ } END { if (n) printf "%.1f", s / n }')
bytes=$(find "$W/out/full" -name '*.pdf' -exec cat {} + | wc -c)
echo "  $npdf PDFs, $((bytes / 1048576)) MiB, about $pages pages each (first 200)"
if [ -n "${TARGETS:-}" ] && [ -n "$TIME" ]; then
	echo "boards + handouts, $nv villages ($npdf PDFs), cold|${cold}s|< 60 s" >>"$TARGETS"
	echo "boards + handouts, nothing changed|${same}s|" >>"$TARGETS"
	echo "boards + handouts, one village changed|${changed}s|< 2 s" >>"$TARGETS"
fi

cp -R "$W/repo" "$W/web"
sed -i 's/outputs: \[web, [^]]*\]/outputs: [web]/' "$W/web/config.yaml"
find "$W/web/content" -name '*.md' -o -name '*.yaml' | xargs sed -i '/^outputs:/d'
run "build, web only (baseline)" "$GK" build --preview --full \
    --out "$W/out/web" "$W/web"

one=$(grep -rl '^level: village' "$W/repo/content" --include=_unit.yaml | head -n 1)
one=${one#"$W/repo/content/"}
one=${one%/_unit.yaml}
run "print one village ($one)" "$GK" print --preview --out "$W/out/one" "$one" "$W/repo"
[ -n "${BENCH_KEEP:-}" ] || rm -rf "$W"
