#!/bin/sh
# make check: long
# Incremental builds (DESIGN.md section 5, issue 11): a build into a
# folder holding an earlier build equals a build into an empty one,
# byte for byte, after any sequence of edits (tests/incr.sh, a fixed
# seed here); it says what it wrote, kept and deleted; --jobs changes
# nothing; --quiet says nothing.
. tests/lib.sh
. tests/incr.sh

incr_walk 24 7

# The summary line: a second build keeps every file; an edit writes a
# few; --quiet prints nothing at all.
export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21: after the demo's records
R=$TMP/repo
rm -rf "$TMP/s" "$TMP/s".*
"$GONGKAI" build --preview --out "$TMP/s" "$R" 2>"$TMP/e1"
"$GONGKAI" build --preview --out "$TMP/s" "$R" 2>"$TMP/e2"
check "summary: first build writes all" \
    grep -q "built '$TMP/s' (preview): [1-9][0-9]* files written, 0 unchanged, 0 deleted, [0-9]* PDFs, [0-9.]* s$" "$TMP/e1"
check "summary: second build keeps all" \
    grep -q "built '$TMP/s' (preview): 0 files written, [1-9][0-9]* unchanged[^,]*, 0 deleted" "$TMP/e2"
check "summary: one line" [ "$(wc -l <"$TMP/e2")" -eq 1 ]
f=$(find "$R/content" -name '*.md' | LC_ALL=C sort | head -1)
rm "$f"
"$GONGKAI" build --preview --out "$TMP/s" "$R" 2>"$TMP/e3"
check "summary: a deleted item deletes its page" \
    grep -q "files written, [1-9][0-9]* unchanged[^,]*, [1-9][0-9]* deleted" "$TMP/e3"
"$GONGKAI" build --preview --quiet --out "$TMP/s" "$R" 2>"$TMP/e4"
check "--quiet: nothing on stderr" [ ! -s "$TMP/e4" ]
"$GONGKAI" build --preview --full --out "$TMP/s" "$R" 2>"$TMP/e5"
check "--full: every file written" \
    grep -q "[1-9][0-9]* files written, 0 unchanged" "$TMP/e5"

# A manifest of a folder that is not the live one (a build killed
# between its manifest and its swap, a site copied by hand) is ignored.
rm -rf "$TMP/s2" "$TMP/s2".*
cp -R "$TMP/s" "$TMP/s2"
cp "$TMP/.s.manifest" "$TMP/.s2.manifest"
"$GONGKAI" build --preview --out "$TMP/s2" "$R" 2>"$TMP/e6"
check "a manifest of another folder is ignored" \
    grep -q "files written, 0 unchanged" "$TMP/e6"
printf 'x\n' >>"$TMP/s/index.html"	# a live file changed by hand ...
sed -i '2s/^[0-9a-f]\{64\}/0000000000000000000000000000000000000000000000000000000000000000/' \
    "$TMP/.s.manifest"
"$GONGKAI" build --preview --quiet --out "$TMP/s" "$R"
rm -rf "$TMP/s3"
"$GONGKAI" build --preview --quiet --out "$TMP/s3" "$R"
check "... with a wrong digest in the manifest: written anew" \
    diff -r "$TMP/s" "$TMP/s3"

# The standby (the site before the live one, written in place by the
# next build) holds whatever a killed build or a hand left there: a
# folder that is a link elsewhere, a file where a folder goes, a folder
# where a file goes, a changed file, a stray one.  With its seal broken
# (as a killed build leaves it, or a new day) the next build is a clean
# one all the same, and writes nothing through the link.  Sealed, it
# fails, as a file it vouched for is gone, and the next one is clean.
SB=$TMP/.s.standby
spoil() {
	"$GONGKAI" build --preview --quiet --out "$TMP/s" "$R"
	check "the earlier site is kept as the standby" [ -f "$SB/index.html" ]
	mkdir -p "$TMP/elsewhere"
	rm -rf "$SB/assets" && ln -s "$TMP/elsewhere" "$SB/assets"
	d=$(cd "$SB" && find . -mindepth 2 -name index.html | LC_ALL=C sort |
	    head -1)
	rm -rf "$SB/${d%/index.html}" && printf 'file\n' >"$SB/${d%/index.html}"
	rm -f "$SB/report.html" && mkdir -p "$SB/report.html/x"
	printf 'stray\n' >"$SB/stray.html"
	printf 'MARK-TAMPER\n' >>"$SB/sitemap.xml"
}
clean_s4() {	# clean_s4 NAME: s equals a clean build, made into s4
	rm -rf "$TMP/s4"
	"$GONGKAI" build --preview --quiet --out "$TMP/s4" "$R"
	check "$1" diff -r "$TMP/s" "$TMP/s4"
}
spoil
"$GONGKAI" build --preview --quiet --out "$TMP/s" "$R" 2>"$TMP/e7" &&
    fail "a spoilt standby, sealed: built"
check "a spoilt standby, sealed: says a file went" \
    grep -q "was removed by hand after a build wrote it: build again" "$TMP/e7"
check "a spoilt standby, sealed: nothing written through its link" \
    [ -z "$(ls -A "$TMP/elsewhere")" ]
"$GONGKAI" build --preview --quiet --out "$TMP/s" "$R" ||
    fail "a spoilt standby, sealed: built again"
clean_s4 "a spoilt standby, sealed: the build after equals a clean one"
spoil
seal_break "$TMP/s"
"$GONGKAI" build --preview --quiet --out "$TMP/s" "$R" ||
    fail "build over a spoilt standby"
clean_s4 "a spoilt standby: the build equals a clean one"
check "a spoilt standby: nothing written through its link" \
    [ -z "$(ls -A "$TMP/elsewhere")" ]
check "a spoilt standby: no link in the site" \
    [ -z "$(find "$TMP/s/" -type l | head -1)" ]

# A file changed in place with its size kept: its modification time
# says so (the manifests' stamps), in the live site and the standby
# that shares its inode, to a build that checks (the seal broken).  The
# next builds equal a clean one.
for k in 1 2; do
	f=$TMP/s/index.html
	[ $k = 2 ] && f=$SB/sitemap.xml
	printf 'X' | dd of="$f" bs=1 seek=200 conv=notrunc 2>/dev/null
	seal_break "$TMP/s"
	"$GONGKAI" build --preview --quiet --out "$TMP/s" "$R"
	"$GONGKAI" build --preview --quiet --out "$TMP/s" "$R"
	check "a file changed in place, size kept ($k): a clean build" \
	    diff -r "$TMP/s" "$TMP/s4"
done

# A live file changed in place with its size and modification time
# kept (the stamp cannot see it: hard links between the live site and
# the standby change ctime on every build, so none is kept).  --full is
# the repair: after it, no build takes that file back from the standby.
f=$TMP/s/index.html
cp -p "$f" "$TMP/stamp"
printf 'X' | dd of="$f" bs=1 seek=200 conv=notrunc 2>/dev/null
touch -r "$TMP/stamp" "$f"
"$GONGKAI" build --preview --quiet --full --out "$TMP/s" "$R"
check "a file changed, stamp kept: --full equals a clean build" \
    diff -r "$TMP/s" "$TMP/s4"
for k in 1 2; do
	"$GONGKAI" build --preview --quiet --out "$TMP/s" "$R"
	check "a file changed, stamp kept: build $k after --full is clean" \
	    diff -r "$TMP/s" "$TMP/s4"
done
# ... and a --full killed while it writes pages (a process of it at
# its tenth write, strace's SIGKILL) repairs it as well: it forgot the
# manifests first.
if command -v strace >/dev/null 2>&1; then
	cp -p "$f" "$TMP/stamp"
	printf 'Y' | dd of="$f" bs=1 seek=200 conv=notrunc 2>/dev/null
	touch -r "$TMP/stamp" "$f"
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    strace -f -qq -o /dev/null -e trace=write \
	    -e inject=write:signal=SIGKILL:when=10 \
	    "$GONGKAI" build --preview --quiet --full --out "$TMP/s" "$R" \
	    >/dev/null 2>&1
	check "a --full killed while writing: did not finish" [ $? -ne 0 ]
	for k in 1 2; do
		"$GONGKAI" build --preview --quiet --out "$TMP/s" "$R"
		check "a file changed, stamp kept: build $k after a killed --full is clean" \
		    diff -r "$TMP/s" "$TMP/s4"
	done
else
	skip "strace not installed: a --full killed midway not tried"
fi

# --jobs: the same bytes for 1, 2 and 5 workers.
for j in 1 2 5; do
	"$GONGKAI" build --preview --quiet --full --jobs $j --out "$TMP/j$j" \
	    "$R" || fail "--jobs $j"
done
check "--jobs 1 = --jobs 2" diff -r "$TMP/j1" "$TMP/j2"
check "--jobs 1 = --jobs 5" diff -r "$TMP/j1" "$TMP/j5"
"$GONGKAI" build --preview --jobs 0 --out "$TMP/j0" "$R" 2>"$TMP/e7"
check "--jobs 0: usage" [ $? -eq 2 ]

# Gated: the history of tests/golden/gated, then edits that wait,
# approvals, a withdrawal, days that pass (each built at its commit's
# time: gk_clock),
# each built into the same folder and into an empty one.
unset SOURCE_DATE_EPOCH
GK_DIR=$TMP/gk
. tests/gate/lib.sh
CASE=$(cd tests/golden/gated && pwd)
. "$CASE/history.sh" >"$TMP/hist" 2>&1 || fail "gated history: $(cat "$TMP/hist")"
V=content/county/village/births/2025-q4.md
F=content/county/fees/standard.md
gstep() {
	gk_clock
	rm -rf "$TMP/gclean" "$TMP/gclean".*
	"$GONGKAI" build --quiet --trust "$TRUST" --out "$TMP/ginc" \
	    "$GK_REPO" 2>"$TMP/gerr" || fail "gated $1: $(cat "$TMP/gerr")"
	"$GONGKAI" build --quiet --full --jobs 1 --trust "$TRUST" \
	    --out "$TMP/gclean" "$GK_REPO" 2>"$TMP/gerr" ||
	    fail "gated $1: clean: $(cat "$TMP/gerr")"
	check "gated $1: incremental = clean" diff -r "$TMP/gclean" "$TMP/ginc"
}
gstep history
at 2026-03-10
gk_file $V '---
title: 2025年第四季度出生情况
date: 2025-12-30
index_no: 54000001MF0000001X/2025-00004
---
本季度出生2人。'
gk_commit editor - edit
gstep "an edit waits"
at 2026-03-11; gk_approve li li "$V"
at 2026-03-11 1; gk_approve zhao zhao "$V"
gstep "the edit approved"
at 2026-03-20; gk_rm $F; gk_commit editor - withdraw
gstep "a withdrawal waits"
at 2026-03-21; gk_approve li li "$F"
at 2026-03-21 1; gk_approve zhao zhao "$F"
at 2026-03-21 2; gk_approve wang wang "$F"
gstep "the withdrawal approved"
at 2026-12-31; gk_approve wang wang 'content/**'
gstep "nine months pass"
at 2027-01-01; gk_approve wang wang 'content/**'
gstep "a year turns"
# Another commit the same day that changes no published file: every
# unit is taken over (the commit id shows on no page of the default
# theme, so it is not in the keys).
at 2027-01-01 1; gk_commit editor - 'a commit of nothing published'
"$GONGKAI" build --trust "$TRUST" --out "$TMP/ginc" "$GK_REPO" \
    2>"$TMP/gerr" || fail "gated same day: $(cat "$TMP/gerr")"
check "gated: a commit of nothing published makes no page again" \
    grep -q "unchanged ([1-9][0-9]* not made again)" "$TMP/gerr"
gstep "the same day, a commit of nothing published"
# Pages whose inputs did not change are not made again (memo.h): an
# edited body makes its unit's pages again and takes the others over;
# a template, the program or a live file changed since makes its
# groups again.  Each build equals a clean one.
export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21: after the demo's records
R=$TMP/repo
M=$TMP/m
T=$(pwd)/themes/default
rm -rf "$M" "$M".* "$TMP/mc"
"$GONGKAI" build --preview --quiet --theme "$T" --out "$M" "$R" ||
    fail "memo: first build"
memo_build() {	# memo_build NAME [GONGKAI]: incremental, then compared
	"${2:-$GONGKAI}" build --preview --theme "$T" --out "$M" "$R" \
	    2>"$TMP/me" || fail "memo $1: $(cat "$TMP/me")"
	rm -rf "$TMP/mc"
	"$GONGKAI" build --preview --quiet --theme "$T" --full --out "$TMP/mc" \
	    "$R"
	check "memo $1: equals a clean build" diff -r "$TMP/mc" "$M"
}
memo_taken() {	# memo_taken: how many files the last build took over
	sed -n 's/.*unchanged (\([0-9]*\) not made again).*/\1/p' "$TMP/me"
}
f=$(find "$R/content" -name '*.md' | LC_ALL=C sort | sed -n 2p)
printf '\n备忘测试补充的一段。\n' >>"$f"
memo_build "one body"
n=$(memo_taken)
check "memo one body: other units taken over" [ "${n:-0}" -gt 0 ]
page=$M/$(echo "${f#"$R"/content/}" | sed 's/\.md$/.html/')
check "memo one body: its page made again" grep -q 备忘测试补充 "$page"
memo_build "no change"
check "memo no change: everything taken over but the root's files" \
    [ "$(memo_taken)" -ge "$n" ]
cp -R themes/default "$TMP/memo-theme"
printf '<!-- 备忘 -->\n' >>"$TMP/memo-theme/item.mustache"
"$GONGKAI" build --preview --theme "$TMP/memo-theme" --out "$M" "$R" \
    2>"$TMP/me" || fail "memo: template"
# the search index is not made from templates: its files alone are
# taken over (t/, b/ and g/ files)
check "memo template: only the search index taken over" \
    [ "$(memo_taken)" -eq "$(find "$M/assets/search" -type f \
    -path '*/[tbg]/*' | wc -l)" ]
"$GONGKAI" build --preview --quiet --theme "$TMP/memo-theme" --full \
    --out "$TMP/mc" "$R"
check "memo template: equals a clean build" diff -r "$TMP/mc" "$M"
"$GONGKAI" build --preview --quiet --theme "$T" --out "$M" "$R"
# another program (the same one with a byte more) makes every page
cp "$GONGKAI" "$TMP/gongkai2" && printf 'x' >>"$TMP/gongkai2"
memo_build "another program" "$TMP/gongkai2"
check "memo another program: nothing taken over" [ -z "$(memo_taken)" ]
# a live page changed by hand is not taken over as it is, once the
# seal is broken (sealed, it is: gongkai(1))
memo_build "again"
item=$(cd "$M" && find . -name '*.html' -path '*/*/*/*' | LC_ALL=C sort |
    head -1)
printf 'MARK-HAND\n' >>"$M/$item"
seal_break "$M"
memo_build "a page changed by hand"
check "memo: a page changed by hand is made again" \
    sh -c "! grep -q MARK-HAND '$M/$item'"
# a group key spoilt in the manifest: made again, never trusted
sed -i 's/^= [0-9a-f]\{8\}/= 00000000/' "$TMP/.m.manifest"
memo_build "spoilt keys"
check "memo spoilt keys: nothing taken over" [ -z "$(memo_taken)" ]

# The search index patched (search.h, search_patch): after each edit, an
# incremental build equals a clean one; where few items' text changed,
# the search worker (the process that writes assets/search/index.js,
# --jobs 2) reads only those items (strace, when there is one), and
# where the numbering or the bucket count changes, every item.
S=$TMP/sp
rm -rf "$S" "$TMP/so" "$TMP/so".*
mkdir -p "$S"
cp -R content config.yaml "$S/"
sp_build() {	# sp_build WHAT: incremental, then clean; SR: items read
	SR=
	if command -v strace >/dev/null 2>&1; then
		# (LeakSanitizer cannot run under ptrace: the clean build
		# below looks for leaks)
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		    strace -f -e trace=openat -o "$TMP/strace" "$GONGKAI" build \
		    --preview --quiet --jobs 2 --out "$TMP/so" "$S" ||
		    fail "search patch $1: build"
		_p=$(grep 'assets/search/index\.js' "$TMP/strace" |
		    awk '{ print $1; exit }')
		SR=$(grep -c "^$_p .*content/.*\.md\"" "$TMP/strace")
		SRY=$(grep "^$_p .*content/.*\.yaml\"" "$TMP/strace" |
		    grep -vc "/_unit\.yaml\"")
		# a YAML item's body may come parsed from the body cache
		# instead, when a page worker parsed it first
		SRB=$(grep "^$_p .*/body/[0-9a-f][0-9a-f]/[0-9a-f]*\", O_RDONLY.* = [0-9]" \
		    "$TMP/strace" | wc -l)
	else
		"$GONGKAI" build --preview --quiet --jobs 2 --out "$TMP/so" \
		    "$S" || fail "search patch $1: build"
	fi
	rm -rf "$TMP/sc" "$TMP/sc".*
	"$GONGKAI" build --preview --quiet --full --jobs 1 --out "$TMP/sc" \
	    "$S" || fail "search patch $1: clean build"
	check "search patch $1: equals a clean build" diff -r "$TMP/sc" \
	    "$TMP/so"
}
sp_reads() {	# sp_reads WHAT N [-ge]: the search worker read N items
	if [ -z "$SR" ]; then
		skip "search patch $1: no strace"
	else
		check "search patch $1: $2 item(s) read, not $SR" \
		    [ "$SR" "${3:--eq}" "$2" ]
	fi
}
sp_buckets() {
	sed 's/.*"buckets":\([0-9]*\).*/\1/' "$TMP/so/assets/search/index.js"
}
sp_build first
nitems=${SR:-0}		# every item, read by a first build
f=$(find "$S/content" -name '*.md' | LC_ALL=C sort | sed -n 3p)
printf '\n补充一段正文：特别扶助金 XK-2026。\n' >>"$f"
sp_build "one body"
sp_reads "one body" 1
# its whole text replaced: its old n-grams leave their buckets, the new
# ones go into others
sed -i '/^---$/,$!d' "$f"
awk 'BEGIN { n = 0 } /^---$/ { n++; print; next } n < 2 { print }' "$f" \
    >"$TMP/head" && cp "$TMP/head" "$f"
printf '全新的正文，另起炉灶：流动人口婚育证明 QW-88。\n' >>"$f"
sp_build "text moved"
sp_reads "text moved" 1
sp_build "no change"
sp_reads "no change" 0
if [ -n "$SR" ]; then
	check "search patch no change: no YAML item read, not $SRY" \
	    [ "$SRY" -eq 0 ]
fi
# a YAML item's table: its text is the whole file's
y=$(find "$S/content" -path '*births*' -name '*.yaml' | LC_ALL=C sort |
    head -1)
sed -i 's/已登记]$/已登记（复核）]/' "$y"
sp_build "a YAML item's table"
if [ -n "$SR" ]; then
	check "search patch a YAML item: read once, not $SRY + $SRB" \
	    [ $((SRY + SRB)) -eq 1 ]
fi
check "search patch a YAML item: its new word is indexed" \
    grep -rq "复核" "$TMP/so/assets/search/t"
# files of the index changed by hand: never read back as they are
# (the seal broken: sealed, a build believes them, gongkai(1))
printf 'x' >>"$TMP/so/assets/search/t/0.js"
printf '\n又一段。\n' >>"$f"
seal_break "$TMP/so"
sp_build "a t/ file changed by hand"
printf 'x' >>"$TMP/so/assets/search/b/0.js"
printf '\n再一段。\n' >>"$f"
seal_break "$TMP/so"
sp_build "a bucket changed by hand"
g=$(find "$S/content" -name '*.md' | LC_ALL=C sort | sed -n 5p)
mv "$g" "${g%/*}/改名-$(basename "$g")"
sp_build "an item renamed"
# an item moved to another unit: it leaves the scopes of one and joins
# the other's (the notes say which unit it was in)
W=$S/content/shifan-county/dongcheng-town
h=$(find "$W/王庄村" -name '*.md' | LC_ALL=C sort | head -1)
c=${h%/*}
mkdir -p "$W/liujia-village/${c##*/}"
sed -e '/^index_no:/d' -e '/^doc_no:/d' "$h" \
    >"$W/liujia-village/${c##*/}/moved-${h##*/}" && rm "$h"
sp_build "an item moved to another unit"
sp_reads "an item moved to another unit" 1
# a unit's name: the name of its scope, in every key of its items
sed -i 's/^name: .*/name: 王庄村村民委员会（更名）/' "$W/王庄村/_unit.yaml"
sp_build "a unit renamed"
sp_reads "a unit renamed: patched, not made whole" "$nitems" -lt
# the oldest item: numbered last, the others keep their numbers
sed -e 's/^date: .*/date: 2001-01-02/' -e 's/^written: .*/written: 2001-01-01/' \
    -e '/^index_no:/d' -e '/^doc_no:/d' -e 's/^title: .*/title: 最早的事项/' \
    "$f" >"${f%/*}/oldest.md"
sp_build "an item added last"
sp_reads "an item added last" 1
rm "${f%/*}/oldest.md"
sp_build "the last item deleted"
sp_reads "the last item deleted" 0
# the newest: every number moves, the index is made whole
sed -e 's/^date: .*/date: 2026-11-28/' -e 's/^written: .*/written: 2026-11-27/' \
    -e '/^index_no:/d' -e '/^doc_no:/d' -e 's/^title: .*/title: 最新的事项/' \
    "$f" >"${f%/*}/newest.md"
sp_build "an item added first"
# the others' texts come from the last whole index's (the clean build's
# in sp_build: foldcache.h); without them, every item is read
sp_reads "an item added first, texts kept" 1
rm "${f%/*}/newest.md"
sp_build "the first item deleted"
sed -e 's/^date: .*/date: 2026-11-28/' -e 's/^written: .*/written: 2026-11-27/' \
    -e '/^index_no:/d' -e '/^doc_no:/d' -e 's/^title: .*/title: 最新的事项/' \
    "$f" >"${f%/*}/newest.md"
rm -rf "$GONGKAI_CACHE_DIR/folds"
sp_build "an item added first, no texts kept"
sp_reads "an item added first, no texts kept" "$((nitems + 1))" -ge
rm "${f%/*}/newest.md"
sp_build "the first item deleted again"
# an item with a long text, last: the bucket count changes, the index
# is made whole
nb=$(sp_buckets)
{ sed -e 's/^date: .*/date: 2001-01-02/' \
    -e 's/^written: .*/written: 2001-01-01/' -e '/^index_no:/d' \
    -e '/^doc_no:/d' -e 's/^title: .*/title: 很长的事项/' "$f" |
    awk '/^---$/ { n++ } n < 2 || /^---$/ { print }'
  seq 100000 3 160000 | tr '\n' ' '; echo; } >"${f%/*}/long.md"
rm -rf "$GONGKAI_CACHE_DIR/folds"
sp_build "the bucket count changes"
check "search patch: the bucket count changed ($nb)" [ "$(sp_buckets)" != "$nb" ]
sp_reads "the bucket count changes" "$((nitems + 1))" -ge

# The work tree's folder listings are kept (listcache.h).  With every
# folder aged, a build lists nothing anew and leaves the kept file as
# it was; an item added to a folder whose listing is kept, one moved
# to another folder and one deleted are all seen, and each build
# equals a clean one.
export GONGKAI_CACHE_DIR=$TMP/lc-cache
L=$TMP/lc
rm -rf "$L" "$L".*
lc_age() {	# every folder an hour old, its change time two seconds
	find "$R/content" -type d -exec touch -h -d '1 hour ago' {} +
	sleep 2
}
lc_age
"$GONGKAI" build --preview --quiet --theme "$T" --out "$L" "$R"
kept=$(find "$GONGKAI_CACHE_DIR/lists" -type f -name 'tree-*')
check "listings: kept in one file" [ "$(echo "$kept" | grep -c .)" -eq 1 ]
check "listings: every folder kept" [ "$(grep -c '^D ' "$kept")" -eq \
    "$(find "$R/content" -type d | wc -l)" ]
touch -d '1 hour ago' "$kept"
"$GONGKAI" build --preview --quiet --theme "$T" --out "$L" "$R"
check "listings: nothing changed, the file not written again" \
    [ -z "$(find "$kept" -newermt '10 minutes ago')" ]
lc_build() {	# lc_build NAME: incremental, then clean, compared
	"$GONGKAI" build --preview --quiet --theme "$T" --out "$L" "$R" ||
	    fail "listings $1: build"
	rm -rf "$TMP/lcc"
	"$GONGKAI" build --preview --quiet --theme "$T" --full \
	    --out "$TMP/lcc" "$R"
	check "listings $1: equals a clean build" diff -r "$TMP/lcc" "$L"
	lc_age
	"$GONGKAI" build --preview --quiet --theme "$T" --out "$L" "$R"
}
f=$(find "$R/content" -name '*.md' | LC_ALL=C sort | sed -n 3p)
sed -e 's/^title: .*/title: 列表缓存新增的事项/' -e '/^index_no:/d' \
    -e '/^doc_no:/d' "$f" >"${f%/*}/lc-added.md"
lc_build "an item added"
check "listings: the added item has its page" \
    grep -rq 列表缓存新增的事项 "$L" --include='*.html'
# (to another folder of its unit)
g=$(find "${f%/*/*}" -name '*.md' ! -path "${f%/*}/*" | LC_ALL=C sort |
    head -1)
mv "${f%/*}/lc-added.md" "${g%/*}/lc-moved.md"
lc_build "an item moved"
rm "${g%/*}/lc-moved.md"
lc_build "an item deleted"
check "listings: the deleted item is gone" \
    [ -z "$(grep -rl 列表缓存新增的事项 "$L" --include='*.html')" ]

done_tests
