#!/bin/sh
# make check: long
# tests/search.test.sh -- the search page and its index (search.h,
# out_search.c, themes/default/assets/search.js), run under Node by
# tests/search-check.js as a browser would run them:
#
#   1. the demo content (preview): a few hundred substrings drawn from
#      the item pages' titles and bodies (2 and 3 characters, longer,
#      ASCII and digits of 索引号 and 文号, across punctuation) find
#      every item page that shows them; up to 4 characters nothing else;
#      unit= keeps to the unit; title hits first, then newest;
#   2. the page (its script run against a small fake document, and its
#      HTML): the results list, a status read out, no inline script,
#      the noscript note linking 网站地图; a search box on unit pages
#      with the unit, one without on the portal; same bytes twice;
#   3. a gated build indexes only what is published: a waiting item, a
#      waiting edit's new words and an unpublished unit are not found,
#      the published text of the edited item is;
#   4. 20,000 items (bench/gen.sh): every query reads less than 300 KB
#      of index (the 200,000-item bound is 500 KB).
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh
GONGKAI=${GONGKAI:-$(pwd)/gongkai}
CHECK="node tests/search-check.js"

if ! command -v node >/dev/null 2>&1; then
	skip "node is not installed (Debian package nodejs)"
	done_tests
	exit 0
fi

# --- 1. the demo content ---------------------------------------------
S=$TMP/demo
$GONGKAI build --preview --out "$S" . >/dev/null 2>"$TMP/err"
check "build the demo" [ $? -eq 0 ]
if $CHECK "$S" --queries 400 --seed 7 --present 社会抚养费 \
    --present 奖励扶助 >"$TMP/out" 2>&1; then
	ok
else
	fail "search-check on the demo"
fi
grep -v '^FAIL' "$TMP/out" | head -2
grep '^FAIL' "$TMP/out" | head -20

# --- 2. the page -------------------------------------------------------
# its script against a small fake document (tests/search-dom.js)
node tests/search-dom.js "$S" 社会抚养费 >"$TMP/dom" 2>&1
check "page: runs" [ $? -eq 0 ]
check "page: count and title hits said" grep -q \
    '^找到 [0-9]* 条含有“社会抚养费”的公开信息，其中标题含有的 [0-9]* 条排在前面。$' \
    "$TMP/dom"
check "page: results link item pages" grep -q '^shifan-county/.*\.html .*社会抚养费' \
    "$TMP/dom"
node tests/search-dom.js "$S" 计划 >"$TMP/dom" 2>&1
check "page: more results button" grep -qx more "$TMP/dom"
node tests/search-dom.js "$S" 瑶池蟠桃 >"$TMP/dom" 2>&1
check "page: nothing found said" grep -q '^没有找到含有“瑶池蟠桃”' "$TMP/dom"
node tests/search-dom.js "$S" 社会抚养费 shifan-county/xihe-town >"$TMP/dom" 2>&1
check "page: unit= keeps to the unit" sh -c \
    "grep -q '^shifan-county/xihe-town/' '$TMP/dom' &&
    ! grep -q '^shifan-county/[^x]' '$TMP/dom'"
P=$S/search.html
check "results list" grep -q '<ol id="results"' "$P"
check "status is read out" grep -q 'role="status" aria-live="polite"' "$P"
check "labelled field" grep -q '<label for="q">' "$P"
check "noscript links the site map" \
    grep -q '<noscript>.*<a href="sitemap.html">网站地图</a>' "$P"
check "script from a file, relative" \
    grep -q '<script src="assets/search.js"></script>' "$P"
check "no inline script anywhere" sh -c \
    "! grep -rlE '<script>|<script [^s]|[[:space:]]on[a-z]+=' '$S' --include='*.html' | grep -q ."
check "unit page: box with the unit" grep -q \
    '<input type="hidden" name="unit" value="shifan-county">' \
    "$S/shifan-county/index.html"
check "unit page: relative action" grep -q \
    'action="../search.html" method="get"' "$S/shifan-county/index.html"
check "portal: box without a unit" sh -c \
    "grep -q 'action=\"search.html\"' '$S/index.html' &&
    ! grep -q 'name=\"unit\"' '$S/index.html'"
check "index parts are registration calls" \
    grep -q '^gkSearchPart("index",{"items":' "$S/assets/search/index.js"
$GONGKAI build --preview --out "$TMP/demo2" . >/dev/null 2>"$TMP/err"
check "same bytes twice" diff -r "$S/assets/search" "$TMP/demo2/assets/search"
check "same page twice" cmp -s "$P" "$TMP/demo2/search.html"

# --- 3. a gated build indexes what is published ------------------------
. tests/report/repo.sh
unset XDG_CACHE_HOME GONGKAI_CACHE_DIR
if report_repo; then
	gk_file content/c/fees/waiting.md '---
title: 待审核的收费事项
date: 2026-05-20
---
正文里有独一无二的词语瑶池蟠桃。'
	gk_file content/c/fees/ontime.md '---
title: 按时公开的收费标准
date: 2026-05-11
written: 2026-04-10
index_no: 000000001/2026-00001
---
修改后的正文提到麒麟山水。'
	gk_file content/c/hidden/_unit.yaml 'name: 未发布村
level: village
org_code: "000000009"'
	gk_file content/c/hidden/births/x.md '---
title: 未发布村出生情况
date: 2026-05-01
---
玄武湖畔。'
	gk_commit editor - waits
	G=$TMP/gated
	$GONGKAI build --trust "$TRUST" --out "$G" "$GK_REPO" \
	    >/dev/null 2>"$TMP/err"
	check "gated build" [ $? -eq 0 ]
	cat "$TMP/err"
	if $CHECK "$G" --queries 200 --absent 瑶池蟠桃 --absent 瑶池 \
	    --absent 麒麟山水 --absent 未发布村 --absent 玄武湖 \
	    --present 按时公开 --present "正文。" >"$TMP/out" 2>&1; then
		ok
	else
		fail "search-check on the gated build"
	fi
	grep '^FAIL' "$TMP/out" | head -20
	for w in 瑶池 蟠桃 麒麟 玄武 未发布; do
		if grep -rl "$w" "$G/assets/search" >"$TMP/hits"; then
			fail "'$w' is in the index: $(tr '\n' ' ' <"$TMP/hits")"
		else
			ok
		fi
	done
else
	skip "gated build: cannot make keys"
fi

# --- the index made by two processes (out_search.c, index_halves) -----
# From 256 items on, --jobs 2 indexes the second half in a helper and
# merges its part: the same bytes as one process indexing every item.
H=$TMP/halves
sh bench/gen.sh "$H" 40 10 >/dev/null 2>&1
check "gen.sh 40 10" [ -f "$H/config.yaml" ]
sed 's/outputs: \[[^]]*\]/outputs: [web]/' "$H/config.yaml" >"$TMP/cfg" &&
    cp "$TMP/cfg" "$H/config.yaml"
# Each process keeps the texts it indexed in a pack of its own
# (foldcache.h) and takes them from every pack the next time: a build
# of texts from one process, then from two, gives the same bytes.
FC=$TMP/foldcache
for j in 1 2 2w 1w; do
	GONGKAI_CACHE_DIR=$FC "$GONGKAI" build --preview --quiet --full \
	    --jobs ${j%w} --out "$TMP/halves-$j" "$H" || fail "build --jobs $j"
done
check "400 items: --jobs 2 (two halves) = --jobs 1" \
    diff -r "$TMP/halves-1" "$TMP/halves-2"
check "400 items: an index of them all" \
    grep -q '"items":40[0-9],' "$TMP/halves-2/assets/search/index.js"
check "a pack of texts from each of two processes" \
    [ -s "$FC/folds/0.pack" ] && [ -s "$FC/folds/1.pack" ]
check "texts of both packs: the same index (two halves)" \
    diff -r "$TMP/halves-1" "$TMP/halves-2w"
check "texts of both packs: the same index (one process)" \
    diff -r "$TMP/halves-1" "$TMP/halves-1w"
# and they are what is read: a character changed in the packs by hand
# (the cache folder is the user's alone, as trusted as the program)
# shows in the index, though no item changed
for p in "$FC"/folds/*.pack; do
	LC_ALL=C sed 's/年/岁/g' "$p" >"$p.x" && cat "$p.x" >"$p" && rm "$p.x"
done
GONGKAI_CACHE_DIR=$FC "$GONGKAI" build --preview --quiet --full --jobs 2 \
    --out "$TMP/halves-s" "$H" || fail "build with spoiled packs"
check "texts changed in the packs: the index holds them" \
    sh -c "! diff -r '$TMP/halves-1' '$TMP/halves-s' >/dev/null"
rm -rf "$H" "$FC" "$TMP"/halves-*

# --- 4. bytes per query at 20,000 items --------------------------------
B=$TMP/big
nice sh bench/gen.sh "$B" 2000 10 >/dev/null 2>&1
check "gen.sh 2000 10" [ -f "$B/config.yaml" ]
# the web alone: PDFs take hours here and have nothing to do with search
sed 's/outputs: \[[^]]*\]/outputs: [web]/' "$B/config.yaml" >"$TMP/cfg" &&
    cp "$TMP/cfg" "$B/config.yaml"
nice $GONGKAI build --preview --out "$B/site" "$B" >/dev/null 2>"$TMP/err"
check "build 20,000 items" [ $? -eq 0 ]
head -5 "$TMP/err"
rm -rf "$B/content"
if nice $CHECK "$B/site" --queries 120 --seed 3 --max-bytes 300000 \
    >"$TMP/out" 2>&1; then
	ok
else
	fail "search-check at 20,000 items"
fi
grep -v '^FAIL' "$TMP/out" | head -2
grep '^FAIL' "$TMP/out" | head -20
done_tests
