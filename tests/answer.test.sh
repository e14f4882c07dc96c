#!/bin/sh
# tests/answer.test.sh -- the published answer (prov.h) as the outputs
# show it, on tests/report/tree (a county c, villages c/v1 and c/v2;
# the villages have boards):
#
#   1. a site where nothing waits is a reviewed site: report.html does
#      not say it was built from the working tree, 待审核 cells are 0,
#      report.json has "gated": true, `report --trust` counts 0;
#   2. 审核通过日期 is the day the version reached its threshold, not
#      the day of a later approval that did not count;
#   3. 版本 is one id, the same on the item page, provenance.json and
#      the board;
#   4. waiting files are shown only by what is published about them:
#      a waiting file whose name holds an ID number, the new title of a
#      published item, and a unit never published appear nowhere in
#      the site, and the waits are still counted.
#
# History (a minute apart from 2026-01-01, c4 a month later):
#
#   * c1 editor: config.yaml keys/ content/ (the tree)
#   * c2 S[admin] A: config.yaml, A: keys/**
#   * c3 S[alice] A: content/**                        2026-01-01
#   * c4 S[alice] A: content/** (a repeat: no count)   2026-02-01
#   --- site A is built here: nothing waits ---
#   * c5 editor: content/c/v2/births/11010519491231002X.md (new),
#                content/c/v2/births/2026-q1.md (new title),
#                content/c/secretvillage/_unit.yaml and an item in it
#   --- site B is built here: four files wait ---
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh
GONGKAI=${GONGKAI:-$(pwd)/gongkai}
export SOURCE_DATE_EPOCH=1780272000	# 2026-06-01

. tests/report/repo.sh
unset XDG_CACHE_HOME GONGKAI_CACHE_DIR
report_repo || { fail mkkey; done_tests; exit 1; }
GK_TIME=$((GK_TIME + 31 * 86400))
gk_approve alice alice 'content/**'

A=$TMP/a
$GONGKAI build --trust "$TRUST" --out "$A" "$GK_REPO" >/dev/null 2>"$TMP/err"
check "build A" [ $? -eq 0 ]
cat "$TMP/err"

# --- 1. nothing waits: a reviewed site -------------------------------
check "report.html: not called unreviewed" \
    sh -c "! grep -q '未经审核流程' '$A/report.html'"
check "report.html: no unknown waiting count" \
    sh -c "! grep -q '未知' '$A/report.html' '$A/c/report.html'"
check "report.json: gated" grep -q '"gated": true' "$A/report.json"
check "report.json: waiting is a list" grep -q '"waiting": \[\]' "$A/report.json"
$GONGKAI report --trust "$TRUST" "$GK_REPO" >"$TMP/out" 2>&1
check "report --trust: waiting known" \
    sh -c "! grep -q 'waiting for approval: unknown' '$TMP/out'"
check "report --trust: 0 waiting" grep -q ', 0 waiting for approval$' "$TMP/out"

# --- 2. 审核通过日期: the day the threshold was reached -----------------
P=$A/c/v2/births/2026-q1.html
check "approval date is the threshold's day" grep -q '审核通过日期 2026-01-01' "$P"
check "no later date from a repeat approval" sh -c "! grep -q '2026-02-01' '$P'"
check "provenance.json: published day" \
    grep -q '"published": "2026-01-01"' "$A/provenance.json"

# --- 3. one 版本 on web, in provenance.json and on paper --------------
blob=$(git -C "$GK_REPO" rev-parse HEAD:content/c/v2/births/2026-q1.md | cut -c1-12)
check "item page: 版本 is the blob" grep -q "版本 <code>$blob</code>" "$P"
check "board: the same 版本" grep -q "版本 $blob" "$A/c/v2/print/board.html"
check "provenance.json: the same 版本" grep -q "\"version\": \"$blob\"" "$A/provenance.json"

# --- 4. waiting files: counted, never named ---------------------------
gk_file content/c/v2/births/11010519491231002X.md '---
title: 张三之子出生登记
date: 2026-05-20
---
出生登记。'
gk_file content/c/v2/births/2026-q1.md '---
title: 李四家庭出生情况更正
date: 2026-04-08
index_no: 000000003/2026-00001
---
更正。'
gk_file content/c/secretvillage/_unit.yaml 'name: 秘密村
level: village
org_code: "000000009"'
gk_file content/c/secretvillage/births/x.md '---
title: 秘密村出生情况
date: 2026-05-01
---
正文。'
gk_commit editor - c5
B=$TMP/b
$GONGKAI build --trust "$TRUST" --out "$B" "$GK_REPO" >/dev/null 2>"$TMP/err"
check "build B" [ $? -eq 0 ]
cat "$TMP/err"
for s in 11010519491231002X 张三 李四 secretvillage 秘密村; do
	if grep -rl "$s" "$B" >"$TMP/hits"; then
		fail "'$s' is published in: $(tr '\n' ' ' <"$TMP/hits")"
	else
		ok
	fi
done
check "the older title stands for the waiting version" \
    grep -q '二村2026年第一季度出生情况' "$B/c/v2/report.html"
check "report.json: four wait" \
    grep -q '"waiting": 4,' "$B/report.json"
check "report.json: waits by unit and category" \
    grep -q '"category": "births"' "$B/report.json"
check "report.html: a new file is only counted" \
    grep -q '出生情况：1 项待审核' "$B/c/v2/report.html"
check "report.html: a unit never published is only counted" \
    grep -q '<li>2 项待审核' "$B/c/report.html"
$GONGKAI report --trust "$TRUST" "$GK_REPO" >"$TMP/out" 2>&1
check "report --trust: 4 waiting" grep -q ', 4 waiting for approval$' "$TMP/out"
check "report --trust names no waiting file" \
    sh -c "! grep -q '11010519491231002X\\|secretvillage' '$TMP/out'"
check "report --trust: a new version by its published path" \
    grep -q 'waiting: births: new version of content/c/v2/births/2026-q1.md' "$TMP/out"
$GONGKAI report --trust "$TRUST" --as-of 2026-06-01 --json "$GK_REPO" >"$TMP/out" 2>&1
check "report --json is report.json" cmp -s "$TMP/out" "$B/report.json"
done_tests
