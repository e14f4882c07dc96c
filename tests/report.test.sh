#!/bin/sh
# tests/report.test.sh -- gongkai report and the report pages of a build,
# on tests/report/tree: a county (c) with two villages (c/v1, c/v2) and
# known gaps, judged as of 2026-06-01:
#   c/budget        overdue (newest 2025-02-10, max_age_days 365)
#   c/normative-docs old.md expired 2025-12-31, no replacement;
#                   repealed.md repealed but replaced_by new.md (fine)
#   c/fees          late.md: written Fri 2026-04-10, published 05-12:
#                   21 working days across weekends and the configured
#                   holiday 2026-04-20 (late); ontime.md published 05-11:
#                   20 (on time only because of the holiday);
#                   noindex.md has no index number
#   c/v1/births     required and empty
#   c/v2/births     2026-q2.md committed after the approval: waits
#
# History (fixed dates from 2026-01-01, a minute apart):
#
#   * c1 editor: config.yaml keys/ content/ (the tree)
#   * c2 S[admin] A: config.yaml, A: keys/**
#   * c3 S[alice] A: content/**
#   * c4 editor: content/c/v2/births/2026-q2.md (waits)
#
# Golden files: tests/report/expected.txt (terminal), expected.json
# (--json), expected-strict.txt (--strict's lines); commit ids masked.
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh
GONGKAI=${GONGKAI:-$(pwd)/gongkai}
unset SOURCE_DATE_EPOCH
HERE=$(pwd)/tests/report
# GOLDEN=1 sh tests/report.test.sh rewrites the golden files.

mask() { sed 's/[0-9a-f]\{40\}/COMMIT/g; s/commit [0-9a-f]\{12\}/commit COMMIT/;
    s/"commit": "[0-9a-f]\{12\}"/"commit": "COMMIT"/'; }

# golden NAME FILE: FILE (masked) matches tests/report/NAME.
golden() {
	mask <"$2" >"$2.m"
	if [ -n "$GOLDEN" ]; then
		cp "$2.m" "$HERE/$1"
		ok
	elif diff -u "$HERE/$1" "$2.m" >"$TMP/diff"; then
		ok
	else
		fail "$1 differs:"
		head -40 "$TMP/diff"
	fi
}

. tests/report/repo.sh
report_repo || { fail mkkey; done_tests; exit 1; }
gk_file content/c/v2/births/2026-q2.md '---
title: 二村2026年第二季度出生情况
date: 2026-05-29
written: 2026-05-28
index_no: 000000003/2026-00003
---
待审核。'
gk_commit editor editor c4

R="$GONGKAI report --trust $TRUST"
OUT=$TMP/out

# --- the terminal table, JSON and --strict, as of 2026-06-01 ----------
$R --as-of 2026-06-01 "$GK_REPO" >"$OUT" 2>"$TMP/err"
check "report exits 0 with gaps when not strict" [ $? -eq 0 ]
golden expected.txt "$OUT"
check "no diagnostics without --strict" [ ! -s "$TMP/err" ]

$R --as-of 2026-06-01 --json "$GK_REPO" >"$OUT"
golden expected.json "$OUT"

$R --as-of 2026-06-01 --strict "$GK_REPO" >/dev/null 2>"$TMP/err"
check "--strict exits 1 on gaps" [ $? -eq 1 ]
golden expected-strict.txt "$TMP/err"
check "--strict: one line per gap" [ "$(wc -l <"$TMP/err")" -eq 2 ]

$R --as-of 2026-06-01 --strict --unit c/v2 "$GK_REPO" >"$OUT" 2>"$TMP/err"
check "--strict on a unit without gaps exits 0" [ $? -eq 0 ]
check "--strict without gaps says nothing" [ ! -s "$TMP/err" ]
check "--unit scopes the table" grep -q '^1 units, 2 items' "$OUT"
check "--unit: waiting item listed" \
    grep -q 'waiting: births: a file not yet published: since 2026-01-01 (151 days)' "$OUT"

$R --as-of 2026-06-01 --strict --unit content/c/v1/ "$GK_REPO" >/dev/null 2>&1
check "--strict --unit c/v1 exits 1" [ $? -eq 1 ]

# before the budget's max_age_days runs out it is not overdue
$R --as-of 2026-02-10 --strict "$GK_REPO" >/dev/null 2>"$TMP/err"
check "on the due day only the empty category is a gap" \
    [ "$(wc -l <"$TMP/err")" -eq 1 ]

# --- today: a gated report's is a build's, never the commit's ---------
# (a commit's date is whatever its committer typed); a working tree's
# is HEAD's
$R "$GK_REPO" >"$OUT"
check "gated: today is the clock's" \
    grep -q "^gongkai report as of $(date -u +%F) (commit " "$OUT"
SOURCE_DATE_EPOCH=1780272000 $R "$GK_REPO" >"$OUT"
check "gated: today is SOURCE_DATE_EPOCH's" \
    grep -q '^gongkai report as of 2026-06-01 (commit ' "$OUT"
$GONGKAI report "$GK_REPO" >"$OUT" 2>"$TMP/err"
check "working tree: HEAD's date" \
    grep -q '^gongkai report as of 2026-01-01 (working tree; waiting items unknown' "$OUT"
check "working tree: waiting unknown" grep -q 'waiting for approval: unknown' "$OUT"
cp -R "$HERE/tree" "$TMP/plain"
$GONGKAI report "$TMP/plain" >"$OUT" 2>"$TMP/err"
check "no repository, no SOURCE_DATE_EPOCH: refused" [ $? -eq 1 ]
check "refusal says to give --as-of" grep -q 'give --as-of' "$TMP/err"
SOURCE_DATE_EPOCH=1780272000 $GONGKAI report "$TMP/plain" >"$OUT" 2>&1
check "SOURCE_DATE_EPOCH is today without a repository" \
    grep -q '^gongkai report as of 2026-06-01 ' "$OUT"
$GONGKAI report --as-of 2026-13-01 "$TMP/plain" >/dev/null 2>&1
check "bad --as-of is a usage error" [ $? -eq 2 ]
$GONGKAI report --ref HEAD "$TMP/plain" >/dev/null 2>&1
check "--ref without --trust is a usage error" [ $? -eq 2 ]
$R --unit nowhere "$GK_REPO" >/dev/null 2>&1
check "unknown --unit is a usage error" [ $? -eq 2 ]

# --- the build's pages -------------------------------------------------
SITE=$TMP/site
$GONGKAI build --trust "$TRUST" --out "$SITE" "$GK_REPO" >/dev/null 2>&1
check "build" [ $? -eq 0 ]
$R --json "$GK_REPO" >"$OUT"
check "report.json is report --json of the same commit" cmp -s "$OUT" "$SITE/report.json"
for f in report.html c/report.html c/v1/report.html c/v2/report.html \
    c/annual/2025.html c/annual/2026.html; do
	check "page $f" [ -f "$SITE/$f" ]
done
check "villages have no annual report" [ ! -e "$SITE/c/v1/annual" ]
check "unit home: completeness line and link" \
    grep -q 'class="unit-report">公开目录完整度 <strong>.*<a href="report.html">公开情况报告</a>' "$SITE/c/index.html"
# worst first: v1 (1 of 2 required categories) before c and v2
v1=$(grep -n '>一村<' "$SITE/c/report.html" | cut -d: -f1)
v2=$(grep -n '>二村<' "$SITE/c/report.html" | cut -d: -f1)
check "county roll-up: worst first" [ -n "$v1" ] && [ -n "$v2" ] && [ "$v1" -lt "$v2" ]
A=$SITE/c/annual/2025.html
check "annual: filed figure" grep -q '<th scope="row">本年新收政府信息公开申请数量</th><td>5</td>' "$A"
check "annual: computed total" grep -q '<th scope="row">办理结果总计</th><td>5</td>' "$A"
check "annual: missing figure is 未填报" grep -q '<th scope="row">行政许可（本年处理决定数量）</th><td class="missing">未填报</td>' "$A"
check "annual: normative documents issued, repealed, in force" \
    grep -q '<th scope="row">行政规范性文件</th><td>3</td><td>1</td><td>2</td>' "$A"
check "annual: sections in the 2021 template's order" sh -c "
    grep -o '<h2 id=\"h-a[1-6]\">[一二三四五六]' '$A' | tr -d '\n' |
    grep -q 'h-a1\">一.*h-a2\">二.*h-a3\">三.*h-a4\">四.*h-a5\">五.*h-a6\">六'"
check "annual: unfiled year" grep -q '本年度尚未填报' "$SITE/c/annual/2026.html"
$GONGKAI build --trust "$TRUST" --out "$TMP/site2" "$GK_REPO" >/dev/null 2>&1
check "report pages are deterministic" diff -r "$SITE" "$TMP/site2"

# --- incremental builds (memo.h) ----------------------------------------
# The report's pages are groups (out_report.c): a build that changes
# nothing makes none of them, and after each change a build into the
# earlier site equals a clean one.  What waits for approval and the
# commit report.json names are in no other key: a commit that
# publishes nothing changes only them.
I=$TMP/isite
istep() {
	gk_clock
	$GONGKAI build --trust "$TRUST" --out "$I" "$GK_REPO" 2>"$TMP/ierr" ||
	    fail "incremental $1: $(cat "$TMP/ierr")"
	rm -rf "$TMP/ic" "$TMP/ic".* "$TMP/.ic".*
	$GONGKAI build --quiet --full --trust "$TRUST" --out "$TMP/ic" \
	    "$GK_REPO" || fail "clean $1"
	check "incremental $1: equals a clean build" diff -r "$TMP/ic" "$I"
}
# keyed: "<file> <group>" for every file of a group with a key in the
# manifest of $I
keyed() {
	awk '/^= [0-9a-f]+ / { g = $3; next } /^=$/ { g = ""; next }
	    /^\+ / { next } NR > 1 && g != "" { print $5, g }' "$TMP/.isite.manifest"
}
istep "first"
istep "no change"
keyed >"$TMP/keyed"
for f in report.json report.html; do
	check "no change: $f in the root's group" grep -qx "$f report.html" "$TMP/keyed"
done
for f in c/report.html c/annual/2025.html c/annual/2026.html; do
	check "no change: $f in c's group" grep -qx "$f c/report.html" "$TMP/keyed"
done
for u in c/v1 c/v2; do
	check "no change: $u/report.html in its group" \
	    grep -qx "$u/report.html $u/report.html" "$TMP/keyed"
done
check "no change: every file of a group taken over, the report's too" \
    grep -q "($(wc -l <"$TMP/keyed") not made again)" "$TMP/ierr"

cp "$I/c/v2/report.html" "$TMP/v2-before"
gk_file content/c/v1/rules/more.md '---
title: 一村补充村规
date: 2025-12-01
index_no: 000000001/2025-00009
---
待审核。'
gk_commit editor editor c5
istep "a new file waits in c/v1"
check "new wait: in report.json" grep -q '"unit": "c/v1"' "$I/report.json"
check "new wait: c/v2's page as it was" cmp -s "$TMP/v2-before" "$I/c/v2/report.html"
gk_file content/c/v1/rules/rules.md "$(cat "$GK_REPO/content/c/v1/rules/rules.md")
修订。"
gk_commit editor editor c6
istep "a new version of a published item waits"
check "new version waits: linked from c/v1's page" \
    grep -q 'href="rules/rules.html"' "$I/c/v1/report.html"
gk_commit editor - nothing
istep "a commit that publishes nothing"
check "new commit: report.json names it" \
    grep -q "\"commit\": \"$(git -C "$GK_REPO" rev-parse --short=12 HEAD)\"" "$I/report.json"
gk_approve alice alice 'content/c/v1/**'
istep "what waited in c/v1 published"
check "published: c/v1 waits no more" sh -c "! grep -q '\"unit\": \"c/v1\"' '$I/report.json'"
# changed: did FILE of $I change since the last "changed FILE"?
changed() {
	if cmp -s "$I/$1" "$TMP/was"; then r=1; else r=0; fi
	cp "$I/$1" "$TMP/was"
	return $r
}
changed c/v1/report.html
ln -s rules.md "$GK_REPO/content/c/v1/rules/link.md"
git -C "$GK_REPO" add content/c/v1/rules/link.md
gk_commit editor editor c7
istep "a blocked file waits"
check "blocked: in report.json" grep -q '"blocked": true' "$I/report.json"
check "blocked: c/v1's page" changed c/v1/report.html
# As many waiting as before, each time, but not the same: a count in
# a key would not see these.
rm "$GK_REPO/content/c/v1/rules/link.md"
gk_file content/c/v1/rules/link.md '---
title: 不再是链接
date: 2025-12-02
index_no: 000000001/2025-00011
---
正文。'
gk_commit editor editor c8
istep "the blocked file a file (as many waiting)"
check "unblocked: c/v1's page" changed c/v1/report.html
gk_rm content/c/v1/rules/link.md
gk_file content/c/v1/births/2026-q1.md '---
title: 一村2026年第一季度出生情况
date: 2026-01-01
index_no: 000000001/2026-00001
---
正文。'
gk_commit editor editor c9
istep "waits in another category (as many waiting)"
check "another category: c/v1's page" changed c/v1/report.html
gk_rm content/c/v1/births/2026-q1.md
gk_file content/c/v1/rules/rules.md "$(cat "$GK_REPO/content/c/v1/rules/rules.md")
再修订。"
gk_commit editor editor c10
istep "a published item's new version instead (as many waiting)"
check "an item's version: c/v1's page" changed c/v1/report.html
check "c/v2's page as it was all along" cmp -s "$TMP/v2-before" "$I/c/v2/report.html"
# the day passing moves no wait; a new version of what waits, on the
# same day, starts later
GK_TIME=$(date -u -d 2026-01-10 +%s)
gk_commit editor - "days later"
istep "the day passing"
check "days later: c/v1's page" changed c/v1/report.html
gk_file content/c/v1/rules/rules.md "$(cat "$GK_REPO/content/c/v1/rules/rules.md")
三修。"
gk_commit editor editor c11
istep "what waits started later (as many waiting)"
check "started later: c/v1's page" changed c/v1/report.html
gk_file content/c/v2/_unit.yaml "$(sed 's/^name: .*/name: 二村（新名）/' \
    "$GK_REPO/content/c/v2/_unit.yaml")"
gk_commit editor editor c12
gk_approve alice alice 'content/c/v2/**'
istep "a unit's name"
check "new name: on the county's page" grep -q '二村（新名）' "$I/c/report.html"
gk_file content/c/v1/births/2025-q4.md '---
title: 一村2025年第四季度出生情况
date: 2025-12-20
written: 2025-12-19
index_no: 000000001/2025-00010
---
出生情况。'
gk_commit editor editor c13
gk_approve alice alice 'content/c/v1/**'
istep "a required category filled"
check "filled: c/v1's page" changed c/v1/report.html
GK_TIME=$(date -u -d 2026-09-01 +%s)
gk_commit editor - "months later"
istep "months later"
check "months later: as of that day" grep -q '"as_of": "2026-09-01"' "$I/report.json"

# --- annual/<year>.yaml is validated ---------------------------------
bad() {	# bad NAME FILE TEXT EXPECTED: check of a tree with FILE says EXPECTED
	rm -rf "$TMP/b"
	cp -R "$HERE/tree" "$TMP/b"
	mkdir -p "$(dirname "$TMP/b/$2")"
	printf '%s\n' "$3" >"$TMP/b/$2"
	(cd "$TMP/b" && "$GONGKAI" check . >/dev/null 2>"$TMP/berr")
	if grep -qF "$4" "$TMP/berr"; then ok; else
		fail "$1: got $(cat "$TMP/berr")"; fi
}
bad "unknown key" content/c/annual/2024.yaml 'requests:
  recieved: 3' "content/c/annual/2024.yaml:2:3: error: unknown field 'recieved'"
bad "bad count" content/c/annual/2024.yaml 'requests:
  received: -3' "content/c/annual/2024.yaml:2:13: error: 'received' must be a whole number (0 or more)"
bad "bad amount" content/c/annual/2024.yaml 'fees:
  billed: 12.345' "content/c/annual/2024.yaml:2:11: error: 'billed' must be an amount such as 1200 or 35.50"
bad "requests add up" content/c/annual/2024.yaml 'requests:
  received: 2
  carried_over: 0
  granted: 1
  partly_granted: 0
  refused: 0
  unavailable: 0
  not_processed: 0
  other: 0
  carried_forward: 0' "content/c/annual/2024.yaml:2:3: error: 'requests' do not add up"
bad "file name" content/c/annual/last.yaml 'summary: x' \
    "content/c/annual/last.yaml:1:1: error: an annual report file is named after its year"
bad "village" content/c/v1/annual/2025.yaml 'summary: x' \
    "content/c/v1/annual/2025.yaml:1:1: error: level 'village' has no annual report"

# --- since when a version waits: its place on the mainline -------------
# (attack9 s14) An unsigned commit's date is whatever its pusher typed:
#   * S[alice] A: content/**   dated 2026-03-02: a witness
#   * unsigned, dated 2001-01-01: c/v2/births/2026-q3.md       waits
#   * unsigned, dated 2030-01-01: c/v1/rules/later.md           waits
# Built on 2026-06-01, the report said the first waited since 2001
# (9,131 days) and the second since 2030 (negative days).  A version
# waits since no earlier than its witness's day (the newest commit at
# or before it signed by someone trusted) and no later than the build's.
GK_TIME=1772409600	# 2026-03-02T00:00:00Z
gk_approve alice alice 'content/**'
# dated COMMITTER_DATE MSG: an unsigned commit by someone, so dated
dated() {
	GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" git -C "$GK_REPO" \
	    -c user.name=m -c user.email=m@example.org commit -q \
	    --no-gpg-sign -m "$2"
}
gk_file content/c/v2/births/2026-q3.md '---
title: 二村2026年第三季度出生情况
date: 2026-05-29
index_no: 000000003/2026-00004
---
待审核。'
dated "@978307200 +0800" backdated
gk_file content/c/v1/rules/later.md '---
title: 一村村规（以后）
date: 2026-05-29
index_no: 000000001/2026-00001
---
待审核。'
dated "@1893456000 +0800" ahead
SOURCE_DATE_EPOCH=1780272000 $GONGKAI build --quiet --trust "$TRUST" \
    --out "$TMP/since" "$GK_REPO" || fail "since: build"
J=$TMP/since/report.json
check "since: never the backdated commit's day" sh -c "! grep -q '2001-01-01' '$J'"
check "since: never a day to come" sh -c "! grep -q '2030-01-01' '$J'"
check "since: the witness's day" grep -q '"waiting_since": "2026-03-02"' "$J"
check "since: at most the build's day" grep -q '"waiting_since": "2026-06-01"' "$J"
check "since: no negative days" sh -c "! grep -q '\"days\": -' '$J'"
check "since: the page says so" grep -q '2026-03-02' "$TMP/since/c/v2/report.html"

done_tests
