#!/bin/sh
# make check: long
# Whole-site checks on the demo content (content/ + config.yaml):
# check passes, a preview build is marked as such on every page, every
# link resolves inside the output, two builds are byte-identical, a
# failed build leaves the previous site untouched, --unit builds a shard.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21, fixed "today" (the demo's records are of 2026)

check "demo passes check" "$GONGKAI" check . >/dev/null
"$GONGKAI" build --preview --out "$TMP/a" . || fail "preview build"
"$GONGKAI" build --preview --out "$TMP/b" . || fail "second build"
check "builds are byte-identical" diff -r "$TMP/a" "$TMP/b"
check "every link resolves" sh tests/linkcheck.sh "$TMP/a"

# pages, not the 专栏 fragments (embed/: no <head>, no robots meta)
pages=$(find "$TMP/a" -name '*.html' ! -path '*/embed/*')
n=$(echo "$pages" | wc -l)
m=$(grep -l '预览 — 未经审核' $pages | wc -l)
r=$(grep -l 'name="robots" content="noindex' $pages | wc -l)
check "preview banner on every page ($m/$n)" [ "$n" -gt 0 -a "$m" -eq "$n" ]
check "noindex on every page ($r/$n)" [ "$r" -eq "$n" ]
check "pages are zh-CN" grep -q '<html lang="zh-CN"' "$TMP/a/index.html"

# The loader scans items for personal numbers in worker processes first
# (site.c, prescan): whatever the number of workers, the same errors in
# the same order, and none missed; and a clean demo stays clean.
rm -rf "$TMP/p" && mkdir "$TMP/p" && cp -R config.yaml content "$TMP/p/"
d=$(dirname "$(find "$TMP/p/content" -name '*.md' | LC_ALL=C sort | head -1)")
for i in 03 17 40; do
	sed "s/title: 甲/title: 甲$i/" tests/bad/privacy/content/u/laws/a.md \
	    >"$d/zz-privacy-$i.md"
done
for j in 1 2 3 7; do
	GONGKAI_JOBS=$j "$GONGKAI" check "$TMP/p" >/dev/null 2>"$TMP/pj$j"
	check "privacy with $j workers: check fails" [ $? -eq 1 ]
done
check "privacy: 9 errors" [ "$(grep -c 'unmasked' "$TMP/pj1")" -eq 9 ]
check "privacy: 2 workers say what 1 says" cmp "$TMP/pj1" "$TMP/pj2"
check "privacy: 3 workers say what 1 says" cmp "$TMP/pj1" "$TMP/pj3"
check "privacy: 7 workers say what 1 says" cmp "$TMP/pj1" "$TMP/pj7"
GONGKAI_JOBS=2 "$GONGKAI" build --preview --out "$TMP/pout" "$TMP/p" \
    >/dev/null 2>"$TMP/pb"
check "privacy: the build fails too" [ $? -eq 1 ]
check "privacy: and writes nothing" [ ! -e "$TMP/pout" ]

# What the scan found clean is kept in the cache (privcache.h): the
# next run does not scan those texts again, and never keeps a text with
# personal data.  A line added by hand is believed, as the cache folder
# is the user's own: it shows the scan is skipped, with or without
# workers.
pc=$TMP/pcache
GONGKAI_CACHE_DIR=$pc "$GONGKAI" check "$TMP/p" >/dev/null 2>"$TMP/pc1"
GONGKAI_CACHE_DIR=$pc "$GONGKAI" check "$TMP/p" >/dev/null 2>"$TMP/pc2"
check "privcache: the errors of a run without it" cmp "$TMP/pj1" "$TMP/pc1"
check "privcache: and of the next, with it" cmp "$TMP/pj1" "$TMP/pc2"
f=$pc/privacy/items
check "privcache: a file of clean texts" grep -q "^$(sha256sum \
    "$(find "$TMP/p/content" -name '*.md' | LC_ALL=C sort | head -1)" |
    cut -c1-64) m\$" "$f"
dirty=$(sha256sum "$d/zz-privacy-17.md" | cut -c1-64)
check "privcache: no text with personal data" [ -z "$(grep "$dirty" "$f")" ]
{ head -1 "$f"; { tail -n +2 "$f"; echo "$dirty m"; } | LC_ALL=C sort; } \
    >"$TMP/forged" && cat "$TMP/forged" >"$f"
for j in 1 2; do
	GONGKAI_CACHE_DIR=$pc GONGKAI_JOBS=$j "$GONGKAI" check "$TMP/p" \
	    >/dev/null 2>"$TMP/pc3"
	check "privcache with $j workers: the others are scanned" \
	    [ "$(grep -c 'unmasked' "$TMP/pc3")" -eq 6 ]
	check "privcache with $j workers: a known text is not" \
	    [ -z "$(grep 'zz-privacy-17' "$TMP/pc3")" ]
done

# The pre-scan's workers also parse each item they found clean and hand
# the loader its item cache record (site.c, prescan_parse), so that a
# cold build does not read, digest and parse every file a second time:
# with them or without, the same site, the same item cache, and an
# item with an error reported by the loader, in order, as before.
rm -rf "$TMP/w" && mkdir "$TMP/w" && cp -R config.yaml content "$TMP/w/"
sleep 2.1	# (no stamp of a file changed within two seconds is kept)
for j in 1 2; do
	GONGKAI_CACHE_DIR=$TMP/wc$j GONGKAI_JOBS=$j "$GONGKAI" build \
	    --preview --quiet --out "$TMP/wo$j" "$TMP/w" 2>"$TMP/we$j" ||
	    fail "worker parse: build with $j: $(cat "$TMP/we$j")"
done
check "worker parse: 2 workers build what 1 builds" diff -r "$TMP/wo1" \
    "$TMP/wo2"
check "worker parse: and keep the same item cache" \
    cmp "$TMP"/wc1/items/tree-* "$TMP"/wc2/items/tree-*
# and the loader takes what they parsed: an item file is opened as many
# times with two workers as with none (a worker reads it instead of the
# loader, not besides it)
f=$(find "$TMP/w/content" -name '*.md' | LC_ALL=C sort | sed -n 3p)
for j in 1 2; do
	rm -rf "$TMP/wc$j" "$TMP/wo$j" "$TMP/.wo$j".*
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    GONGKAI_CACHE_DIR=$TMP/wc$j GONGKAI_JOBS=$j strace -f \
	    -e trace=openat -o "$TMP/ws$j" "$GONGKAI" build --preview \
	    --quiet --out "$TMP/wo$j" "$TMP/w" 2>/dev/null
done
n1=$(grep -c -F "\"$f\"" "$TMP/ws1")
n2=$(grep -c -F "\"$f\"" "$TMP/ws2")
check "worker parse: an item read as often with 2 workers ($n2) as with 1 ($n1)" \
    [ "$n1" -gt 0 -a "$n1" -eq "$n2" ]
f=$(find "$TMP/w/content" -name '*.md' | LC_ALL=C sort | sed -n 5p)
sed '2i colour: 红' "$f" >"$f.x" && mv "$f.x" "$f"
for j in 1 2; do
	rm -rf "$TMP/wc$j"
	GONGKAI_CACHE_DIR=$TMP/wc$j GONGKAI_JOBS=$j "$GONGKAI" check \
	    "$TMP/w" >/dev/null 2>"$TMP/we$j"
	check "worker parse with $j: an unknown field fails the check" \
	    [ $? -eq 1 ]
done
check "worker parse: the error reported once" \
    [ "$(grep -c 'colour' "$TMP/we1")" -eq 1 ]
check "worker parse: 2 workers say what 1 says" cmp "$TMP/we1" "$TMP/we2"

# Items whose files kept their stamps are taken from the item cache
# (itemcache.h), not read; after any edit, even one that keeps the
# size and the modification time, a build equals one without the
# cache; an item with an error is reported every run; a spoilt cache
# is not believed.  A file changed less than a second before a run is
# never taken as it is (the sleeps).
Q=$TMP/q ic=$TMP/icache
rm -rf "$Q" && mkdir "$Q" && cp -R config.yaml content "$Q/"
qbuild() {	# qbuild WHAT: with the cache, then without, compared
	GONGKAI_CACHE_DIR=$ic "$GONGKAI" build --preview --quiet \
	    --out "$TMP/qi" "$Q" 2>"$TMP/qe" || fail "itemcache $1: $(cat "$TMP/qe")"
	rm -rf "$TMP/qc" "$TMP/qc".* "$TMP/.qc".*
	GONGKAI_CACHE_DIR=$TMP/qnone "$GONGKAI" build --preview --quiet \
	    --full --out "$TMP/qc" "$Q" || fail "itemcache $1: clean build"
	rm -rf "$TMP/qnone"
	check "itemcache $1: equals a build without it" diff -r "$TMP/qc" "$TMP/qi"
}
qopened() {	# qopened FILE: 1 if a build with the cache opens FILE
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    GONGKAI_CACHE_DIR=$ic strace -f -e trace=openat -o "$TMP/qst" \
	    "$GONGKAI" build --preview --quiet --out "$TMP/qi" "$Q"
	grep -q "\"$1\"" "$TMP/qst" && echo 1 || echo 0
}
f=$(find "$Q/content" -name '*.md' | LC_ALL=C sort | head -1)
sleep 2.1
qbuild first
check "itemcache: a file for the work tree" [ -n "$(ls "$ic"/items/tree-* 2>/dev/null)" ]
qbuild again
if command -v strace >/dev/null 2>&1; then
	check "itemcache: an unchanged item is not read" [ "$(qopened "$f")" = 0 ]
else
	skip "itemcache: an unchanged item is not read (no strace)"
fi
# the same file, size and modification time: only the change time
# tells (written in place: sed -i would make another inode)
touch -r "$f" "$TMP/qstamp"
sed 's/^title: ./title: 改/' "$f" >"$TMP/qnew"
cat "$TMP/qnew" >"$f"
touch -r "$TMP/qstamp" "$f"
sleep 2.1	# (else the change time is too recent to be believed)
qbuild "an edit of the same size and time"
sleep 2.1
qbuild "after the edit, settled"
g=$(find "$Q/content" -name '*.md' | LC_ALL=C sort | sed -n 2p)
mv "$g" "${g%.md}-moved.md"
sed -i 's/^date: .*/date: 2026-06-01/' "$(find "$Q/content" -name '*.md' | LC_ALL=C sort | sed -n 3p)"
qbuild "a rename and a date"
printf -- '---\ntitle: [\n---\n' >"$Q/content/shifan-county/laws/broken.md"
sleep 2.1
for i in 1 2; do
	GONGKAI_CACHE_DIR=$ic "$GONGKAI" check "$Q" >/dev/null 2>"$TMP/qb$i"
	check "itemcache: an error, run $i" grep -q 'broken.md:' "$TMP/qb$i"
done
rm "$Q/content/shifan-county/laws/broken.md"
# a title changed in the cache, its digest not: not believed
for c in "$ic"/items/tree-*; do
	LC_ALL=C sed -i 's/改/政/' "$c"
	check "itemcache: the title was in the cache" grep -q '政' "$c"
done
qbuild "a spoilt cache"

# Every demo unit is reachable from the portal, and from the site map
# (网站地图) that every footer links to, with its guide and categories.
for u in $(find content -name _unit.yaml | sed 's|^content/||; s|/_unit.yaml$||'); do
	check "unit page for $u" [ -f "$TMP/a/$u/index.html" ]
	e=$(printf '%s' "$u" | sed 's/王庄村/%E7%8E%8B%E5%BA%84%E6%9D%91/')
	check "site map links $u" grep -q "href=\"$e/index.html\"" "$TMP/a/sitemap.html"
	check "site map links $u's guide" grep -q "href=\"$e/guide.html\"" "$TMP/a/sitemap.html"
done
check "site map links categories" grep -q 'href="shifan-county/fees/index.html"' "$TMP/a/sitemap.html"
f=$(grep -L 'href="[./]*sitemap.html">网站地图' $(find "$TMP/a" -name '*.html' ! -path '*/print/*' ! -path '*/display/*' ! -path '*/kiosk/*' ! -path '*/embed/*'))
check "every footer's 网站地图 opens sitemap.html: $f" [ -z "$f" ]
# The annual reports are linked from their unit's home, guide and the
# site map, not only from report.html.
for y in $(ls "$TMP/a/shifan-county/annual" | sed 's/\.html$//'); do
	check "home links annual $y" grep -q "href=\"annual/$y.html\"" "$TMP/a/shifan-county/index.html"
	check "guide links annual $y" grep -q "href=\"annual/$y.html\"" "$TMP/a/shifan-county/guide.html"
	check "site map links annual $y" grep -q "href=\"shifan-county/annual/$y.html\"" "$TMP/a/sitemap.html"
done

# sitemap.xml lists every page a reader may land on (hotline months and
# annual reports included), and only those: all but the search page,
# and the completeness report, which this config does not show
# (show_completeness); its addresses percent-encoded, decoded here.
(cd "$TMP/a" && find . -name '*.html' ! -path '*/print/*' \
    ! -path '*/display/*' ! -path '*/kiosk/*' ! -path '*/embed/*' \
    ! -name search.html ! -name report.html | sed 's|^\./||' |
    LC_ALL=C sort) >"$TMP/pages"
sed -n 's|.*<loc>https://[^/]*/\([^<]*\)</loc>.*|\1|p' "$TMP/a/sitemap.xml" |
    LC_ALL=C awk 'BEGIN { for (i = 0; i < 256; i++) hex[sprintf("%02X", i)] = i }
	{ o = ""
	  for (i = 1; i <= length($0); i++) {
		c = substr($0, i, 1)
		if (c == "%") { o = o sprintf("%c", hex[substr($0, i + 1, 2)]); i += 2 }
		else o = o c
	  }
	  print o }' | LC_ALL=C sort >"$TMP/locs"
check "sitemap.xml lists every page" cmp -s "$TMP/pages" "$TMP/locs"
check "sitemap.xml lists the hotline's months" \
    grep -q '/hotline/[0-9]*-[0-9]*\.html$' "$TMP/locs"
check "sitemap.xml lists the annual reports" \
    grep -q '/annual/[0-9]*\.html$' "$TMP/locs"

# A failed build keeps the old site.
cp -R content config.yaml "$TMP/"
mkdir -p "$TMP/repo" && mv "$TMP/content" "$TMP/config.yaml" "$TMP/repo/"
"$GONGKAI" build --preview --out "$TMP/repo/site-out" "$TMP/repo" >/dev/null 2>&1
printf -- '---\ntitle: [\n---\n' > "$TMP/repo/content/shifan-county/laws/broken.md"
"$GONGKAI" build --preview --out "$TMP/repo/site-out" "$TMP/repo" 2>/dev/null
check "failed build exits 1" [ $? -eq 1 ]
check "failed build keeps the old site" diff -r "$TMP/a" "$TMP/repo/site-out"
check "no temporary folders left" [ -z "$(ls -d "$TMP"/repo/site-out.* 2>/dev/null)" ]
rm "$TMP/repo/content/shifan-county/laws/broken.md"

# A shard holds its subtree only.
"$GONGKAI" build --preview --unit shifan-county/xihe-town --out "$TMP/shard" . ||
    fail "--unit build"
check "shard has its unit" [ -f "$TMP/shard/shifan-county/xihe-town/index.html" ]
check "shard lacks other units" [ ! -e "$TMP/shard/shifan-county/dongcheng-town" ]
check "shard links resolve" sh tests/linkcheck.sh "$TMP/shard"

# build without --preview and without --trust is refused.
"$GONGKAI" build --out "$TMP/x" . 2>"$TMP/err"
check "build without --trust is refused (exit 2)" [ $? -eq 2 ]
check "nothing written when refused" [ ! -e "$TMP/x" ]
done_tests
