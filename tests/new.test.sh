#!/bin/sh
# tests/new.test.sh -- gongkai new (the next free index number across
# history, slugs, never overwriting) and check's index-number rules
# against git histories.  Fixtures use the project's config.yaml and a
# county unit like the demo's; every commit has fixed dates.
#
# Histories, oldest first (* a first-parent commit):
#
#   skip:    * c1 u/_unit.yaml, laws/a.md 001/2026-00001
#            * c2 laws/gone.md 001/2026-00002
#            * c3 delete laws/gone.md         -> new gives 00003
#   rename:  * c1 laws/a.md 001/2026-00001
#            (work tree: git mv a.md b.md)    -> check passes
#            * c2 the rename                   -> check passes
#            * c3 b.md renumbered 00002        -> check passes,
#                                                 new gives 00003
#   dup:     * c1 laws/a.md 001/2026-00001
#            * c2 delete a.md
#            * c3 add fees/b.md with the same number -> check fails
. tests/lib.sh

export SOURCE_DATE_EPOCH=1772323200	# 2026-03-01
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=editor GIT_AUTHOR_EMAIL=editor@example.org
export GIT_COMMITTER_NAME=editor GIT_COMMITTER_EMAIL=editor@example.org
NCOMMIT=0

# repo DIR [FORMAT]: a fresh content folder with one county unit.
repo() {
	R=$1
	rm -rf "$R"
	mkdir -p "$R/content/u/laws"
	cp config.yaml "$R/"
	{
		echo "name: 测试县卫生健康局"
		echo "level: county"
		echo 'code: "510124"'
		echo 'org_code: "001"'
		[ -n "${2:-}" ] && echo "index_format: \"$2\""
	} >"$R/content/u/_unit.yaml"
}

# item FILE INDEX_NO [EXTRA-LINE]: a minimal item under content/u/.
item() {
	mkdir -p "$(dirname "$R/content/u/$1")"
	printf -- '---\ntitle: 条目\ndate: 2026-01-05\nindex_no: %s\n%s---\n正文\n' \
	    "$2" "${3:+$3
}" >"$R/content/u/$1"
}

gitinit() { git -C "$R" init -q -b main; }
commit() {
	NCOMMIT=$((NCOMMIT + 1))
	git -C "$R" add -A content config.yaml
	GIT_AUTHOR_DATE="2026-01-0${NCOMMIT}T10:00:00Z" \
	GIT_COMMITTER_DATE="2026-01-0${NCOMMIT}T10:00:00Z" \
	    git -C "$R" commit -q -m "c$NCOMMIT"
}

new() { (cd "$R" && "$GONGKAI" new "$@") >"$TMP/out" 2>"$TMP/err"; }
has() { grep -q -- "$2" "$1"; }

# --- new in a folder without git: the working tree alone ---------------
repo "$TMP/plain"
item laws/a.md 001/2026-00001
item laws/b.md 001/2026-00003
item fees/c.md 001/2025-00009
item laws/other-year.md 001/2025-00017
new u laws "人口与计划生育法（2026年修正）"
check "new: exit 0" test $? -eq 0
P=content/u/laws/人口与计划生育法-2026年修正.md
check "new: prints the path" test "$(cat "$TMP/out")" = "$P"
printf -- '---\ntitle: 人口与计划生育法（2026年修正）\ndate: 2026-03-01\nwritten: 2026-03-01\nindex_no: 001/2026-00004\n# doc_no: 文号（如有）\n---\n（正文）\n' >"$TMP/want"
if diff -u "$TMP/want" "$R/$P"; then ok; else fail "new: file content"; fi

# Twice: the next number, another file, the first left alone.
cp "$R/$P" "$TMP/first"
new content/u/ laws "人口与计划生育法（2026年修正）"
check "new twice: exit 0" test $? -eq 0
check "new twice: -2 file" test "$(cat "$TMP/out")" = \
    "content/u/laws/人口与计划生育法-2026年修正-2.md"
check "new twice: next number" has "$R/content/u/laws/人口与计划生育法-2026年修正-2.md" \
    "^index_no: 001/2026-00005$"
check "new twice: first untouched" cmp -s "$TMP/first" "$R/$P"

# A .yaml of the same name counts as taken.
printf 'title: x\ndate: 2026-01-01\n' >"$R/content/u/fees/taken.yaml"
new u fees taken
check "yaml taken: -2" test "$(cat "$TMP/out")" = "content/u/fees/taken-2.md"

# Slashes and other unsafe characters never make folders.
new u fees 'a/b\c:d*e?f"g<h>i|j  K..L'
check "slashes: exit 0" test $? -eq 0
check "slashes: slug" test "$(cat "$TMP/out")" = \
    "content/u/fees/a-b-c-d-e-f-g-h-i-j-k-l.md"
check "slashes: title kept" has "$R/content/u/fees/a-b-c-d-e-f-g-h-i-j-k-l.md" \
    '^title: "a/b\\\\c:d\*e?f\\"g<h>i|j  K..L"$'
new u fees "../../x"
check "dots: inside the category" test "$(cat "$TMP/out")" = \
    "content/u/fees/x.md"
new u fees "、。！"
check "punctuation only: item.md" test "$(cat "$TMP/out")" = \
    "content/u/fees/item.md"

# SOURCE_DATE_EPOCH: another year starts at 00001.
SOURCE_DATE_EPOCH=1798761600 new u laws 新年	# 2027-01-01
check "epoch: date" has "$R/content/u/laws/新年.md" "^date: 2027-01-01$"
check "epoch: number" has "$R/content/u/laws/新年.md" "^index_no: 001/2027-00001$"

# What new writes, check refuses until the placeholder body is
# replaced; then it accepts it.
(cd "$R" && "$GONGKAI" check .) >/dev/null 2>"$TMP/err"
check "check after new: the placeholder body fails" test $? -eq 1
check "check after new: says what to do" has "$TMP/err" \
    "$P:8:1: error: the body is still the placeholder '（正文）' that 'gongkai new' wrote: write the item's text in its place"
n=$(grep -c "the body is still the placeholder" "$TMP/err")
check "check after new: every new item ($n)" test "$n" -ge 5
grep -v "error: the body is still the placeholder" "$TMP/err" >"$TMP/other"
check "check after new: nothing else" test ! -s "$TMP/other"
for f in $(grep -l '^（正文）$' -r "$R/content"); do
	sed -i 's/^（正文）$/正文。/' "$f"
done
(cd "$R" && "$GONGKAI" check .) >/dev/null 2>"$TMP/err"
check "check after the bodies are written" test $? -eq 0

# --- errors -------------------------------------------------------------
new u feez x
check "unknown category: exit 1" test $? -eq 1
check "unknown category: message" has "$TMP/err" \
    "unknown category 'feez' for unit 'u' of level 'county' (one of: laws, normative-docs,"
new nosuch laws x
check "unknown unit: exit 1" test $? -eq 1
check "unknown unit: message" has "$TMP/err" "unknown unit 'nosuch'"
new ../u laws x
check "unit with ..: exit 1" test $? -eq 1
new u laws "  "
check "empty title: exit 1" test $? -eq 1
new u laws "$(printf 'a\nb')"
check "two-line title: exit 1" test $? -eq 1
new u laws
check "usage: exit 2" test $? -eq 2
new --help
check "help: exit 0" test $? -eq 0

# Index-number format errors.
repo "$TMP/fmt" "{org_code}/{yr}-{serial}"
new u laws x
check "bad placeholder: exit 1" test $? -eq 1
check "bad placeholder: message" has "$TMP/err" \
    "content/u/_unit.yaml:5:15: error: bad index_format: unknown placeholder '{yr}'"
repo "$TMP/fmt" "{org_code}/{year}"
new u laws x
check "no serial: message" has "$TMP/err" "index format has no '{serial}'"
repo "$TMP/fmt" "{org_code}/{year}-{serial:012}"
new u laws x
check "serial width: message" has "$TMP/err" "bad serial width"
repo "$TMP/fmt"
sed -i '/org_code/d' "$R/content/u/_unit.yaml"
new u laws x
check "no org_code: exit 1" test $? -eq 1
check "no org_code: message" has "$TMP/err" "needs the unit's 'org_code'"
check "errors write nothing" test -z "$(ls "$R/content/u/laws")"

# Other placeholders: {code}, {category}, {yyyymm}.
repo "$TMP/fmt" "{code}-{category}-{yyyymm}-{serial:03}"
item fees/a.md 510124-fees-202603-007
item laws/b.md 510124-laws-202603-020
new u fees 收费
check "category format" has "$R/content/u/fees/收费.md" \
    "^index_no: 510124-fees-202603-008$"

# A unit's items can only be counted when they can be read.
repo "$TMP/broken"
printf -- '---\ntitle: [\n---\n' >"$R/content/u/laws/bad.md"
new u laws x
check "unreadable item: exit 1" test $? -eq 1
check "unreadable item: says why" has "$TMP/err" "fix the errors above"

# --- new across history: a deleted item's number is skipped --------------
repo "$TMP/skip"
gitinit
item laws/a.md 001/2026-00001
commit
item laws/gone.md 001/2026-00002
commit
rm "$R/content/u/laws/gone.md"
commit
new u laws 新条目
check "history: exit 0" test $? -eq 0
check "history: number skipped" has "$R/content/u/laws/新条目.md" \
    "^index_no: 001/2026-00003$"
# A sub-unit's numbers are its own, even in history.
mkdir -p "$R/content/u/sub/population"
printf 'name: 乡\nlevel: township\norg_code: "001"\n' >"$R/content/u/sub/_unit.yaml"
printf -- '---\ntitle: t\ndate: 2026-01-05\nindex_no: 001/2026-00009\n---\n' \
    >"$R/content/u/sub/population/p.md"
commit
new u laws 又一条
check "sub-unit not counted" has "$R/content/u/laws/又一条.md" \
    "^index_no: 001/2026-00004$"

# A fresh repository without commits: the working tree alone.
repo "$TMP/unborn"
gitinit
item laws/a.md 001/2026-00001
new u laws x
check "unborn: exit 0" test $? -eq 0
sed -i 's/^（正文）$/正文。/' "$R/content/u/laws/x.md"
(cd "$R" && "$GONGKAI" check .) >/dev/null 2>"$TMP/err"
check "unborn: check passes once the body is written" test $? -eq 0

# --- check: renames are not duplicates; committed duplicates are -------
repo "$TMP/rename"
gitinit
item laws/a.md 001/2026-00001
commit
git -C "$R" mv content/u/laws/a.md content/u/laws/b.md
(cd "$R" && "$GONGKAI" check .) >"$TMP/out" 2>"$TMP/err"
check "uncommitted rename passes" test $? -eq 0
commit
(cd "$R" && "$GONGKAI" check .) >"$TMP/out" 2>"$TMP/err"
check "committed rename passes" test $? -eq 0
# The same item may change its number; the old one stays used.
sed -i 's/00001/00002/' "$R/content/u/laws/b.md"
commit
(cd "$R" && "$GONGKAI" check .) >"$TMP/out" 2>"$TMP/err"
check "renumbered item passes" test $? -eq 0
new u laws y
check "old number of a renumbered item skipped" has "$R/content/u/laws/y.md" \
    "^index_no: 001/2026-00003$"

# (a.md and b.md are one blob: its number is read once and counts for
# both names, idxhist.c scan_of)
repo "$TMP/dup"
gitinit
item laws/a.md 001/2026-00001
commit
C1=$(git -C "$R" rev-parse --short=7 HEAD)
rm "$R/content/u/laws/a.md"
commit
item fees/b.md 001/2026-00001
commit
(cd "$R" && "$GONGKAI" check .) >"$TMP/out" 2>"$TMP/err"
check "committed duplicate: exit 1" test $? -eq 1
check "committed duplicate: message" has "$TMP/err" \
    "^content/u/fees/b.md:4:11: error: index number '001/2026-00001' was already used by 'content/u/laws/a.md' (in commit $C1)$"

# A folder without git skips the history checks, even with bad numbers.
repo "$TMP/nogit"
item laws/a.md whatever
(cd "$R" && "$GONGKAI" check .) >"$TMP/out" 2>"$TMP/err"
check "no git: check skips" test $? -eq 0

done_tests
