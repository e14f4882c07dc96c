#!/bin/sh
# bench/incr.sh [UNITS] [ITEMS] [ROUNDS] -- the figures of issue 11 for
# the web site, in one interleaved run (these machines are noisy: the
# ratios of one run are what counts):
#
#   full --jobs 2     gongkai build --full into a fresh folder
#   full --jobs 1     the same in one process
#   full, cold        --jobs 2 with an empty cache folder, as a new
#                     machine builds: every item parsed, every privacy
#                     verdict, body and search text made anew
#   full replacing    --full into the folder of the last build: what a
#                     rebuild cost before builds were incremental
#   hugo              Hugo on the same content (bench/hugo.sh), a page
#                     per item and a list per unit and category
#   floor             bench/floor.c writing the same files (sizes, folders)
#   no change         gongkai build again into the folder of the last one
#   one item edited   one item's body changed, then the same
#   one template      a comment added to item.mustache, then the same
#
# With TARGETS=FILE, the rows of issue 11's table are appended to FILE
# ("figure|value|target"); HUGO_RUN=0 leaves Hugo out (the province).
#
# Nothing is deleted before a timed run: outputs go to $W/trash, which
# is emptied once the figures are taken.  On an ext4 file system with
# no journal (these machines' disks), making a file looks past every
# inode freed in the last one to six minutes, so a run right after a
# big rm -rf was up to ten times slower than the same run in a fresh
# spot (bench/README.md: 41,462 files, 1.35 s fresh, 9.9 and 14.2 s
# right after removing as many), and which run came after which
# decided the ratios.  gongkai's own deletions (the old tree of a
# --full, stale files of a rebuild) are still in the runs that make
# them and in those after them: that is what a user of such a disk
# sees.
#
# Each figure is run ROUNDS (default 2) times, interleaved; the table
# shows the fastest wall time, user+sys CPU of that run, peak RSS, and
# the ratios.  The corpus is bench/gen.sh UNITS x ITEMS (default 1000 x
# 10) with every level's outputs set to [web]; corpus, Hugo site and
# floor program are kept in bench/out/incr-UNITSxITEMS and reused.
set -eu
cd "$(dirname "$0")/.."
U=${1:-1000} IPU=${2:-10} R=${3:-2}
GK=$(pwd)/gongkai
W=${BENCH_OUT:-bench/out}/incr-${U}x$IPU
[ -x "$GK" ] || { echo "bench/incr.sh: build ./gongkai first" >&2; exit 2; }
mkdir -p "$W"
W=$(cd "$W" && pwd)
# (after W is absolute: a BENCH_OUT from / put the cache under ./work)
export SOURCE_DATE_EPOCH=1764374400 GONGKAI_CACHE_DIR="$W/cache"
if [ "$(cat "$W/.params" 2>/dev/null)" != "$U $IPU" ]; then
	rm -rf "$W/repo" "$W/hugo"
	sh bench/gen.sh "$W/repo" "$U" "$IPU" >/dev/null
	sed -i 's/outputs: \[[^]]*\]/outputs: [web]/' "$W/repo/config.yaml"
	echo "$U $IPU" >"$W/.params"
fi
HUGO=$(command -v hugo || true)
[ "${HUGO_RUN:-1}" = 0 ] && HUGO=
[ -n "$HUGO" ] || [ "${HUGO_RUN:-1}" = 0 ] || echo "bench/incr.sh: hugo" \
    "is not installed: its row and ratios are left out ('make bench'" \
    "installs it, or apt-get install -y hugo)" >&2
if [ -n "$HUGO" ] && [ ! -f "$W/hugo/hugo.toml" ]; then
	echo "converting the corpus for Hugo ..." >&2
	sh bench/hugo.sh "$W/repo" "$W/hugo"
fi
cc -O2 -o "$W/floor" bench/floor.c
rm -rf "$W/theme"
cp -R themes/default "$W/theme"
# discard PATH...: out of the way without freeing inodes (see above)
ntrash=0
discard() {
	for _p in "$@"; do
		[ -e "$_p" ] || continue
		ntrash=$((ntrash + 1))
		mkdir -p "$W/trash/$$-$ntrash"
		mv "$_p" "$W/trash/$$-$ntrash/"
	done
}
discard "$W/out"
mkdir -p "$W/out"
: >"$W/times"

# run LABEL CMD...: one timed run, appended as "LABEL|wall|cpu|KiB",
# after a sync (what the run before left to write is not its cost).
run() {
	_l=$1
	shift
	sync
	if /usr/bin/time -f '%e %U %S %M' -o "$W/t" "$@" >"$W/log" 2>&1; then
		awk -v l="$_l" '{ printf "%s|%s|%.2f|%s\n", l, $1, $2 + $3, $4 }' \
		    "$W/t" >>"$W/times"
	else
		echo "$_l|FAILED||" >>"$W/times"
		# how it ended (time's line), and the disk: on a full one
		# the log itself may be empty
		sed 's/^/  /' "$W/log" | tail -5 >&2
		grep -v '^[0-9]' "$W/t" | sed 's/^/  /' >&2
		df -h "$W" | sed 's/^/  /' >&2
	fi
	printf '  %-18s %s\n' "$_l" "$(tail -1 "$W/times" | cut -d'|' -f2)s" >&2
}
GKB="$GK build --preview --theme $W/theme"	# (no blanks in these paths)
item=$(find "$W/repo/content" -name '*.md' | LC_ALL=C sort | head -1)
i=0
while [ "$i" -lt "$R" ]; do
	i=$((i + 1))
	echo "round $i of $R" >&2
	discard "$W/out"/* "$W/out"/.gk*
	# which of the two goes first alternates
	for j in $((2 - i % 2)) $((1 + i % 2)); do
		run "full --jobs $j" $GKB --full --jobs $j --out "$W/out/gk$j" \
		    "$W/repo"
	done
	discard "$W/out/gk1" "$W/out/.gk1".*
	run "full, cold" env GONGKAI_CACHE_DIR="$W/cold" $GKB --full \
	    --jobs 2 --out "$W/out/gkc" "$W/repo"
	discard "$W/out/gkc" "$W/out/.gkc".* "$W/cold"
	if [ "$i" = 1 ]; then
		# every round leaves about six sites in the trash, emptied
		# only at the end, beside the live site and its standby
		_s=$(du -sk "$W/out/gk2" | cut -f1)
		_free=$(df -Pk "$W" | awk 'NR == 2 { print $4 }')
		_need=$((_s * (6 * R + 2)))
		[ "$_free" -ge "$_need" ] || echo "bench/incr.sh: warning:" \
		    "$((_free / 1048576)) GiB free in $W, $R rounds need" \
		    "about $((_need / 1048576)) GiB (outputs go to the trash" \
		    "until the end)" >&2
	fi
	if [ -n "$HUGO" ]; then
		run hugo "$HUGO" --quiet -s "$W/hugo" -d "$W/out/hugo"
		discard "$W/out/hugo"
	fi
	find "$W/out/gk2" -type f -printf '%s %P\n' | LC_ALL=C sort -k2 \
	    >"$W/sizes"
	run floor sh -c "'$W/floor' '$W/out/floor' <'$W/sizes'"
	discard "$W/out/floor"
	# the folder moves with its manifest (which names it by inode);
	# last of the full builds: it frees the old tree's inodes
	mv "$W/out/gk2" "$W/out/gk"
	mv "$W/out/.gk2.manifest" "$W/out/.gk.manifest"
	run "full replacing" $GKB --full --out "$W/out/gk" "$W/repo"
	run "no change" $GKB --out "$W/out/gk" "$W/repo"
	printf '\n第%s轮修改。\n' "$i" >>"$item"
	run "one item edited" $GKB --out "$W/out/gk" "$W/repo"
	printf '<!-- %s -->\n' "$i" >>"$W/theme/item.mustache"
	run "one template" $GKB --out "$W/out/gk" "$W/repo"
done
files=$(wc -l <"$W/sizes")

# the table: fastest run of each figure, and ratios
awk -F'|' -v files="$files" -v u="$U" -v ipu="$IPU" -v targets="${TARGETS:-}" '
$2 != "FAILED" && (!($1 in best) || $2 + 0 < best[$1] + 0) {
	best[$1] = $2; cpu[$1] = $3; rss[$1] = $4
}
!($1 in seen) { seen[$1] = 1; order[n++] = $1 }
function r(a, b) {
	if (!(a in best) || !(b in best) || best[b] <= 0)
		return "-"
	return sprintf("%.2f", best[a] / best[b])
}
END {
	printf "\ncorpus %d units x %d items (web only), %d files\n\n", u, ipu, files
	printf "| %-16s | %8s | %8s | %10s |\n", "figure", "wall (s)", "CPU (s)", "RSS (KiB)"
	printf "|------------------|---------:|---------:|-----------:|\n"
	for (i = 0; i < n; i++) {
		k = order[i]
		printf "| %-16s | %8s | %8s | %10s |\n", k,
		    (k in best) ? best[k] : "FAILED", cpu[k], rss[k]
	}
	printf "\n| ratio | value | target |\n|---|---:|---|\n"
	printf "| hugo / full --jobs 2 | %s | >= 5 |\n", r("hugo", "full --jobs 2")
	printf "| hugo / full, cold | %s | (>= 5) |\n", r("hugo", "full, cold")
	printf "| full --jobs 2 / floor | %s | <= 1.2 |\n", r("full --jobs 2", "floor")
	printf "| hugo RSS / gongkai RSS | %s | >= 20 |\n", ("hugo" in rss && rss["full --jobs 2"] > 0) ? sprintf("%.1f", rss["hugo"] / rss["full --jobs 2"]) : "-"
	printf "| one item edited / full --jobs 2 | %s | <= 0.02 |\n", r("one item edited", "full --jobs 2")
	printf "| one item edited / full replacing | %s | <= 0.02 |\n", r("one item edited", "full replacing")
	printf "| one template / full replacing | %s | <= 1 |\n", r("one template", "full replacing")
	printf "| full --jobs 1 / full --jobs 2 | %s | (2 cores) |\n", r("full --jobs 1", "full --jobs 2")
	# the rows of the table of issue 11, for bench/run.sh
	if (targets != "") {
		c = sprintf("%d items", u * ipu)
		mem = "-"
		if (("hugo" in rss) && rss["full --jobs 2"] > 0)
			mem = sprintf("%.1f", rss["hugo"] / rss["full --jobs 2"])
		t60 = u * ipu >= 200000 ? "< 60 s" : ""
		printf("full web build, %s|%s s|%s\n", c, best["full --jobs 2"], t60) >>targets
		printf("the same, empty cache folder, %s|%s s|%s\n", c, best["full, cold"], t60) >>targets
		printf("full web build vs Hugo, %s|%s x faster|>= 5 x\n", c, r("hugo", "full --jobs 2")) >>targets
		printf("the same, empty cache folder, %s|%s x faster|>= 5 x\n", c, r("hugo", "full, cold")) >>targets
		printf("full web build vs the floor, %s|%s x the floor|<= 1.2 x\n", c, r("full --jobs 2", "floor")) >>targets
		printf("peak memory vs Hugo, %s|1/%s|<= 1/20\n", c, mem) >>targets
		printf("one item edited vs full build, %s|%s|<= 0.02\n", c, r("one item edited", "full --jobs 2")) >>targets
		printf("one template changed vs full build, %s|%s|<= 1\n", c, r("one template", "full replacing")) >>targets
	}
}' "$W/times"
# the figures are taken: now the outputs may go
rm -rf "$W/trash"
