#!/bin/sh
# tests/gate-refs.test.sh -- references between published files in a
# gated build (DESIGN 4: what is not approved cannot stop what is).  A
# published item or record may name another that is not published: it
# waits for approval, or its withdrawal was approved.  Each of these
# failed every gated build of the whole site (so no approved change
# went out, while `status` said it was online); now each is a warning
# saying what is shown instead, as a Markdown link to nothing published
# was already.  In a preview or `gongkai check` each is still an error
# (tests/bad, tests/prog-ref.test.sh).
#
# Fixtures as in tests/gate/world.sh: the village unit content/v needs
# one approval, so a version started by an unsigned commit needs two.
# Drawing as in tests/gate.test.sh: S[name] signed by that key
# (unsigned otherwise), "A: glob" an Approved trailer.
. tests/gate/world.sh

# warned CASE TEXT: the last build printed a warning holding TEXT.
warned() {
	grep -q "warning: .*$2" "$GK_DIR/berr" && ok ||
	    fail "$1: no warning '$2': $(cat "$GK_DIR/berr")"
}

# --- replaced_by names a version that waits ---------------------------
#   base; S[alice] A: content/v/**
#   * S[editor]: v/fees/old.md (repealed, replaced_by: fees/new), new.md
#   * mallory: new.md touched        (needs two approvals now)
#   * S[editor]: b.md B2
#   * S[alice] A: content/v/**       old.md and B2 out; new.md waits
#   The build failed ("replaced_by names a missing item"), so B2 never
#   went out.  Now old.md shows as repealed, without a successor.
base
gk_approve alice alice 'content/v/**'
item content/v/fees/old.md OLD1 "repealed: 2025-06-01
replaced_by: fees/new"
item content/v/fees/new.md NEW1
gk_commit editor editor add-old-new
item content/v/fees/new.md NEW1x
gk_commit mallory - touch-new
item $B B2
gk_commit editor editor b2
gk_approve alice alice 'content/v/**'
build replaced-by-waiting
page replaced-by-waiting v/fees/b.html MARK-B2
page replaced-by-waiting v/fees/old.html MARK-OLD1
page replaced-by-waiting v/fees/old.html 废止
not_on replaced-by-waiting v/fees/old.html 'new.html'
nowhere replaced-by-waiting MARK-NEW1
warned replaced-by-waiting "replaced_by names nothing published ('fees/new')"

# --- replaced_by names a withdrawn item -------------------------------
#   base; S[alice] A: content/v/**
#   * S[editor]: old.md (replaced_by: fees/new), new.md WITHDRAWN
#   * S[alice] A: content/v/fees/**  both out
#   * S[editor]: new.md removed
#   * S[bob] A: content/v/fees/new.md  (an approved withdrawal)
#   * S[editor]: b.md B2; S[carol] A: content/v/fees/b.md
#   The build failed, so the withdrawn text stayed online.
base
gk_approve alice alice 'content/v/**'
item content/v/fees/old.md OLD1 "repealed: 2025-06-01
replaced_by: fees/new"
item content/v/fees/new.md WITHDRAWN
gk_commit editor editor add-old-new
gk_approve alice alice 'content/v/fees/**'
build replaced-by-withdrawn-before
page replaced-by-withdrawn-before v/fees/old.html 'new.html'
gk_rm content/v/fees/new.md
gk_commit editor editor rm-new
gk_approve bob bob content/v/fees/new.md
item $B B2
gk_commit editor editor b2
gk_approve carol carol $B
build replaced-by-withdrawn
nowhere replaced-by-withdrawn MARK-WITHDRAWN
page replaced-by-withdrawn v/fees/b.html MARK-B2
page replaced-by-withdrawn v/fees/old.html MARK-OLD1
not_on replaced-by-withdrawn v/fees/old.html 'new.html'
warned replaced-by-withdrawn "replaced_by names nothing published ('fees/new')"
# the working tree, previewed, is for editors: still an error there
if "$GONGKAI" build --preview --out "$TMP/preview" "$GK_REPO" \
    >/dev/null 2>"$GK_DIR/perr"; then
	fail "replaced-by-preview: the preview built"
else
	grep -q "replaced_by names a missing item 'fees/new'" \
	    "$GK_DIR/perr" && ok ||
	    fail "replaced-by-preview: $(cat "$GK_DIR/perr")"
fi

# --- an unsigned rename leaves two published items one index number ---
#   base; * S[editor]: v/fees/n.md (index_no 009876543/2026-00012)
#   * S[alice] A: content/v/**       n.md out
#   * mallory: git mv n.md n2.md     (n.md's absence: a withdrawal that
#                                     waits; n2.md needs two approvals)
#   * S[carol], S[bob] A: content/v/fees/n2.md
#   Both paths are published with one number: every build failed ("index
#   number ... is already used").  Now a warning names both, and both
#   stay online: a fault for editors to mend, not a reason to stop.
base
item content/v/fees/n.md N1 "index_no: 009876543/2026-00012"
gk_commit editor editor add-n
gk_approve alice alice 'content/v/**'
build index-no-rename-before
git -C "$GK_REPO" mv content/v/fees/n.md content/v/fees/n2.md
gk_commit mallory - rename
item $B B2
gk_commit editor editor b2
gk_approve carol carol content/v/fees/n2.md $B
gk_approve bob bob content/v/fees/n2.md
build index-no-rename
page index-no-rename v/fees/b.html MARK-B2
page index-no-rename v/fees/n.html MARK-N1
page index-no-rename v/fees/n2.html MARK-N1
warned index-no-rename "index number '009876543/2026-00012' is also used by 'content/v/fees/n.*': both are published"
grep -q "content/v/fees/n2\?.md:.*warning: index number .*content/v/fees/n2\?.md" \
    "$GK_DIR/berr" && ok || fail "index-no-rename: the warning names one"

# --- an unsigned rename gives two published files one page ------------
#   base; * S[editor]: v/fees/n.md N1;  S[alice] A: content/v/**
#   * mallory: n.md renamed n.yaml (N2), or N.md (N3): one page, or
#     pages one file system case-folds into one
#   * S[carol], S[bob] A: the new path; S[editor] b.md B2, approved
#   Both paths are published, and every build failed ("item has the same
#   page", "name collides").  Now the warning names both, and the first
#   in path order (n.md before n.yaml; N.md before n.md) is published.
for to in n.yaml N.md; do
	base
	item content/v/fees/n.md N1
	gk_commit editor editor add-n
	gk_approve alice alice 'content/v/**'
	git -C "$GK_REPO" rm -q content/v/fees/n.md
	case $to in
	n.yaml) gk_file content/v/fees/n.yaml "title: Item N2
date: 2025-01-01
body: Fee text MARK-N2 here." ;;
	*) item content/v/fees/$to N3 ;;
	esac
	gk_commit mallory - rename
	item $B B2
	gk_commit editor editor b2
	gk_approve carol carol content/v/fees/$to $B
	gk_approve bob bob content/v/fees/$to
	build "same-page-$to"
	page "same-page-$to" v/fees/b.html MARK-B2
	case $to in
	n.yaml)
		page "same-page-$to" v/fees/n.html MARK-N1
		nowhere "same-page-$to" MARK-N2
		warned "same-page-$to" "item has the same page as 'content/v/fees/n.md': only 'content/v/fees/n.md' is published" ;;
	*)	# "N.md" sorts before "n.md"
		page "same-page-$to" v/fees/N.html MARK-N3
		nowhere "same-page-$to" MARK-N1
		warned "same-page-$to" "name collides with 'content/v/fees/N.md' .*: only 'content/v/fees/N.md' is published" ;;
	esac
done

# --- a rectification's ref names a hotline month that waits -----------
#   base (the village runs the hotline and rectification programmes);
#   S[alice] A: content/**
#   * S[editor]: v/hotline/2025-03.csv, v/rectification/wait.md
#                (ref: v/hotline/2025-03), v/hotline/2025-04.csv
#   * mallory: the CSV touched       (needs two approvals now)
#   * S[editor]: b.md B2
#   * S[alice] A: content/v/**       wait.md and B2 out; the month waits
WORLD_LEVELS='  county: { catalogue: c, outputs: [web, kiosk], approvals: 2 }
  village: { catalogue: c, outputs: [web, board], approvals: 1, programmes: [hotline, rectification] }'
WORLD_EXTRA='programmes:
  hotline:
    channels: [人工]
    types: [咨询, 投诉]
    statuses: [受理, 办结]
    closed_status: 办结
    rule: 四舍五入保留一位小数。'
base
gk_approve alice alice 'content/**'
gk_file content/v/hotline/2025-03.csv "date,channel,type,topic,unit,status,closed
2025-03-02,人工,投诉,x,v,办结,2025-03-03"
gk_file content/v/rectification/wait.md "---
title: 缩短等候时间
cause: hotline
ref: v/hotline/2025-03
found: 2025-03-05
deadline: 2025-05-01
status: 整改中
---
措施 MARK-RECT。"
gk_file content/v/hotline/2025-04.csv "date,channel,type,topic,unit,status,closed
2025-04-02,人工,投诉,x,v,办结,2025-04-03
2025-04-03,人工,咨询,y,v/x,受理,"
gk_commit editor editor 'hotline and rectification'
gk_file content/v/hotline/2025-03.csv "date,channel,type,topic,unit,status,closed
2025-03-02,人工,投诉,x,v,办结,2025-03-03
"
gk_commit mallory - 'touch csv'
item $B B2
gk_commit editor editor b2
gk_approve alice alice 'content/v/**'
build rect-ref-waiting
page rect-ref-waiting v/fees/b.html MARK-B2
page rect-ref-waiting v/rectification/wait.html MARK-RECT
page rect-ref-waiting v/rectification/wait.html 'Village 2025-03'
not_on rect-ref-waiting v/rectification/wait.html '2025-03.html'
[ ! -e "$SITE/v/hotline/2025-03.html" ] && ok ||
    fail "rect-ref-waiting: the waiting month is online"
warned rect-ref-waiting "'ref' names no published hotline record 'v/hotline/2025-03': shown as plain text"
#   2025-04.csv (approved) names handling unit v/x, which is not
#   published: its call is counted under that folder.
page hotline-unit v/hotline/2025-04.html 'v/x'
grep -q '^unit,v/x,1' "$SITE/v/hotline/2025-04.csv" && ok ||
    fail "hotline-unit: $(cat "$SITE/v/hotline/2025-04.csv")"
warned hotline-unit "unit 'v/x' is not a published unit: its calls are counted under its folder"
# --- an evaluation and an assessment name a unit that waits -----------
#   base (the county runs the evaluation and assessment programmes)
#   * S[editor]: content/c/n/_unit.yaml (a new unit, never approved),
#                c/evaluation/2025-farmers-n.yaml (subject: c/n),
#                c/assessment/2025.yaml (unit: c/n), a.md A2
#   * S[alice], S[bob] A: content/c/evaluation/**, content/c/assessment/**,
#                content/c/fees/**
#   Both records failed every gated build ("not a unit"); now each shows
#   the unit's folder as plain text, never its unpublished name.
WORLD_LEVELS='  county: { catalogue: c, outputs: [web], approvals: 2, programmes: [evaluation, assessment] }
  village: { catalogue: c, outputs: [web, board], approvals: 1 }'
WORLD_EXTRA='evaluations:
  methods: [问卷调查]
  farmers:
    title: 请农民兄弟姐妹“评计生”
    questions: [办事公开情况]'
base
gk_file content/c/n/_unit.yaml "name: NEWUNIT-NAME
level: village"
gk_file content/c/evaluation/2025-farmers-n.yaml "title: 评新站 MARK-EVAL
kind: farmers
subject: c/n
date: 2025-12-01
methods: [问卷调查]
respondents: 10
results:
  - [5, 3, 2]"
gk_file content/c/assessment/2025.yaml "units:
  - { unit: c/n, score: 88.5, rank: 1 }"
item $A A2
gk_commit editor editor 'evaluation and assessment'
gk_approve alice alice 'content/c/evaluation/**' 'content/c/assessment/**' \
    'content/c/fees/**'
gk_approve bob bob 'content/c/evaluation/**' 'content/c/assessment/**' \
    'content/c/fees/**'
build unit-waiting
page unit-waiting c/fees/a.html MARK-A2
page unit-waiting c/evaluation/2025-farmers-n.html MARK-EVAL
page unit-waiting c/evaluation/2025-farmers-n.html '评议对象：c/n'
not_on unit-waiting c/evaluation/2025-farmers-n.html 'n/index.html'
not_on unit-waiting c/evaluation/index.html 'n/index.html'
page unit-waiting c/assessment/index.html '<td[^>]*>c/n</td>'
nowhere unit-waiting NEWUNIT-NAME
warned unit-waiting "subject 'c/n' is not a published unit: shown as plain text"
warned unit-waiting "'c/n' is not a published unit: shown as plain text, without figures"

done_tests
