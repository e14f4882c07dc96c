#!/bin/sh
# bench/print.sh [VILLAGES] [ITEMS] -- print outputs at scale.
#
# Generates a corpus with bench/gen.sh sized for about VILLAGES
# (default 1000) village units of ITEMS (default 10) items each, then
# times with /usr/bin/time (wall seconds, peak resident KiB):
#   1. gongkai build --preview: the whole site, every board and handout
#      PDF and twin, every display (fonts loaded once per process);
#   2. the same build with board, handout and display removed from every
#      level: the web-only baseline, so 1 - 2 is what printing costs;
#   3. gongkai print of one village: what a print shop waits for.
# A benchmark, not a test: it prints figures and checks nothing.
set -eu
cd "$(dirname "$0")/.."
V=${1:-1000}
IPU=${2:-10}
GK=$(pwd)/gongkai
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

run() {	# run LABEL CMD...: time CMD, print "LABEL: N s, M KiB"
	label=$1; shift
	if [ -n "$TIME" ]; then
		$TIME -f '%e %M' -o "$W/time" "$@" >/dev/null
		awk -v l="$label" '{ printf "%s: %s s, peak %s KiB\n", l, $1, $2 }' "$W/time"
	else
		t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
		echo "$label: $(echo "$t1 - $t0" | bc) s"
	fi
}

mkdir -p "$W/out"
run "build with print outputs" "$GK" build --preview --out "$W/out/full" "$W/repo"
npdf=$(find "$W/out/full" -name '*.pdf' | wc -l)
pages=$(find "$W/out/full" -name '*.pdf' | head -n 200 | while read -r f; do
	pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }'; done |
	awk '{ s += $1; n++ } END { if (n) printf "%.1f", s / n }')
bytes=$(find "$W/out/full" -name '*.pdf' -exec cat {} + | wc -c)
echo "  $npdf PDFs, $((bytes / 1048576)) MiB, about $pages pages each (first 200)"

cp -R "$W/repo" "$W/web"
sed -i 's/outputs: \[web, [^]]*\]/outputs: [web]/' "$W/web/config.yaml"
find "$W/web/content" -name '*.md' -o -name '*.yaml' | xargs sed -i '/^outputs:/d'
run "build, web only (baseline)" "$GK" build --preview --out "$W/out/web" "$W/web"

one=$(grep -rl '^level: village' "$W/repo/content" --include=_unit.yaml | head -n 1)
one=${one#"$W/repo/content/"}
one=${one%/_unit.yaml}
run "print one village ($one)" "$GK" print --preview --out "$W/out/one" "$one" "$W/repo"
[ -n "${BENCH_KEEP:-}" ] || rm -rf "$W"
