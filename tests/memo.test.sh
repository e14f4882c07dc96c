#!/bin/sh
# Pages taken over from an earlier build (memo.h), attacked from
# outside: after each change, a build into the folder of the earlier
# one (--jobs 2, then --jobs 1) equals a clean one (--full into an
# empty folder), diff -r.  The changes are those a reader of memo.c
# would guess it misses: inputs read while pages are made, other
# units' names and counts, the day, the manifest or the live site
# spoilt by hand.
. tests/lib.sh

export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21: after the demo's records
R=$TMP/repo
S=$TMP/s
mkdir -p "$R"
cp -R content config.yaml "$R/"
C=$R/content/shifan-county
"$GONGKAI" build --preview --quiet --out "$S" "$R" || fail "first build"

# step NAME: incremental builds (two worker counts), then compared
step() {
	for j in 2 1; do
		"$GONGKAI" build --preview --jobs $j --out "$S" "$R" \
		    2>"$TMP/err" || fail "$1: incremental: $(cat "$TMP/err")"
	done
	rm -rf "$TMP/c" "$TMP/c".* "$TMP/.c".*
	"$GONGKAI" build --preview --quiet --full --jobs 1 --out "$TMP/c" \
	    "$R" || fail "$1: clean"
	check "memo $1: equals a clean build" diff -r "$TMP/c" "$S"
}
step "no change"
check "memo no change: pages taken over" grep -q "not made again" "$TMP/err"

# Inputs of unit pages: a child unit's body (the parent lists it), its
# name (the parent's sub-unit list), an attachment changed in place, a
# record of a programme (unit homes show them), its body, a hotline
# month, the day (validity, overdue rectifications).
f=$(ls "$C"/dongcheng-town/population/*.md | head -1)
printf '\n子单位补充的一段。\n' >>"$f"
step "a child's body"
sed -i 's/^name: \(.*\)/name: \1甲/' "$C/dongcheng-town/_unit.yaml"
step "a child's name"
printf 'X' | dd of="$C/licensing/flow.png" bs=1 seek=100 conv=notrunc \
    2>/dev/null
step "an attachment, size kept"
printf '\n补充一句。\n' >>"$C/rectification/2026-migrant-certificates.md"
step "a rectification's body"
tail -1 "$C/hotline/2026-10.csv" >>"$C/hotline/2026-10.csv"
step "a hotline month"
SOURCE_DATE_EPOCH=1893456000 step "years later"
export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21: after the demo's records

# An item's front matter: its title shows on its unit's pages and
# feed, its date moves it among the newest.
f=$C/service-center/free-services/free-basic-services.md
"$GONGKAI" build --preview --quiet --out "$S" "$R"
sed -i 's/^title: .*/title: 改名的事项/' "$f"
step "a title"
sed -i 's/^date: .*/date: 2026-11-20/' "$f"
step "a date"

# The report's pages (out_report.c) are groups too: a build that
# changes nothing makes none of them (each file is in a group with a
# key, and every file of those groups is "not made again").
step "no change, again"
awk '/^= [0-9a-f]+ / { g = $3; next } /^=$/ { g = ""; next }
    /^\+ / { next } NR > 1 && g != "" { print $5, g }' \
    "$TMP/.s.manifest" >"$TMP/keyed"
for f in report.json report.html; do
	check "memo report: $f in the root's group" \
	    grep -qx "$f report.html" "$TMP/keyed"
done
for f in report.html annual/2025.html; do
	check "memo report: shifan-county/$f in the county's group" \
	    grep -qx "shifan-county/$f shifan-county/report.html" "$TMP/keyed"
done
v=shifan-county/dongcheng-town/liujia-village/report.html
check "memo report: a village's page in its group" \
    grep -qx "$v $v" "$TMP/keyed"
check "memo report: every file of a group taken over" \
    grep -q "($(wc -l <"$TMP/keyed") not made again)" "$TMP/err"
# What only the report shows: a record of a programme (an overdue
# rectification is a gap on it), and the hotline's months in an annual
# report, from files the loader does not read (memo_site has their
# sizes only): a change that keeps the size.
f=$C/rectification/2026-migrant-certificates.md
sed -i 's/^found: .*/found: 2025-09-12/; s/^deadline: .*/deadline: 2025-10-31/' "$f"
step "a rectification overdue"
check "memo report: the overdue rectification a gap" \
    grep -q '整改逾期' "$S/shifan-county/report.html"
mkdir -p "$C/annual"
printf 'summary: 示范县2026年度报告。\n' >"$C/annual/2026.yaml"
step "an annual report of 2026"
cp "$S/shifan-county/annual/2026.html" "$TMP/annual"
f=$C/hotline/2026-10.csv
n=$(wc -c <"$f")
sed -i '2s/地点,\(.*\),办结,2026-10-04$/地点0123456789,\1,受理,/' "$f"
check "memo report: the hotline month's size kept" [ "$(wc -c <"$f")" -eq "$n" ]
step "a hotline month, its size kept"
check "memo report: the annual report counts it" \
    sh -c "! cmp -s '$TMP/annual' '$S/shifan-county/annual/2026.html'"

# The manifest names the files of each group: one that lost a line (a
# hand, a copy cut short) must not make a site without that file.
"$GONGKAI" build --preview --quiet --out "$S" "$R"
n=$(grep -n '^= ' "$TMP/.s.manifest" | sed -n 2p | cut -d: -f1)
sed -i "$((n - 1))d" "$TMP/.s.manifest"
step "a group's line gone from the manifest"
"$GONGKAI" build --preview --quiet --out "$S" "$R"
head -c $(($(wc -c <"$TMP/.s.manifest") / 2)) "$TMP/.s.manifest" \
    >"$TMP/half" && cat "$TMP/half" >"$TMP/.s.manifest"
step "a manifest cut short"
# Another libcmark-gfm (an upgrade; here one put before it with
# LD_PRELOAD) makes other HTML of the same bodies: the program is more
# than its own file.
f=$C/laws/population-family-planning-law.md
printf '\nSHIMME\n' >>"$f"
"$GONGKAI" build --preview --quiet --out "$S" "$R"
if ${CC:-cc} -shared -fPIC -o "$TMP/shim.so" tests/memo/cmark-shim.c \
    -ldl 2>"$TMP/cc"; then
	# (a sanitizer build wants its runtime first: the shim goes
	# after it, which it allows when told)
	LD_PRELOAD=$TMP/shim.so \
	    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
	    step "another libcmark-gfm"
	unset LD_PRELOAD
	check "memo another libcmark-gfm: its HTML" \
	    grep -rq SHIMMX "$S/shifan-county/laws"
	step "the library back"
else
	skip "another libcmark-gfm: no C compiler: $(head -1 "$TMP/cc")"
fi

# Gated (the history of tests/golden/gated): a body links to an item
# that waits (a warning, shown as plain text: its unit is made again
# every build, and says so again), then the item is published.
unset SOURCE_DATE_EPOCH
GK_DIR=$TMP/gk
. tests/gate/lib.sh
CASE=$(cd tests/golden/gated && pwd)
. "$CASE/history.sh" >"$TMP/hist" 2>&1 || fail "gated history: $(cat "$TMP/hist")"
gstep() {
	gk_clock
	for j in 2 1; do
		"$GONGKAI" build --jobs $j --trust "$TRUST" --out "$TMP/g" \
		    "$GK_REPO" 2>"$TMP/gerr" ||
		    fail "gated $1: $(cat "$TMP/gerr")"
	done
	rm -rf "$TMP/gc" "$TMP/gc".* "$TMP/.gc".*
	"$GONGKAI" build --quiet --full --jobs 1 --trust "$TRUST" \
	    --out "$TMP/gc" "$GK_REPO" || fail "gated $1: clean"
	check "memo gated $1: equals a clean build" diff -r "$TMP/gc" "$TMP/g"
}
V=content/county/village/births/2025-q4.md
N=content/county/village/births/new.md
gstep history
at 2026-03-10
gk_file $N '---
title: 新事项
date: 2026-03-09
---
新的。'
gk_file $V "$(cat "$GK_REPO/$V")
参见[新事项](new.md)。"
gk_commit editor - edit
at 2026-03-11; gk_approve li li "$V"
at 2026-03-11 1; gk_approve zhao zhao "$V"
gstep "a link to what waits"
check "memo gated: the link warns on every build" \
    grep -q "names nothing published" "$TMP/gerr"
at 2026-03-12; gk_approve li li "$N"
at 2026-03-12 1; gk_approve zhao zhao "$N"
gstep "what it links to published"

done_tests
