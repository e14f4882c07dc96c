#!/bin/sh
# tests/attack6.test.sh -- red team on the gate, sixth round: someone
# who can push anything to the content repository (commits, merges,
# trees, rewritten history; signed with keys governance never
# approved) but holds no reviewer's, editor's or administrator's key,
# after the fold of a reviewer's repeated approvals (struct fold in
# src/gate.c).  Fixtures as in tests/attack5.test.sh.  Cases marked
# "fixed" failed before their fix; "held" ones are classes the gate
# already stopped, kept covered.  Every case also runs the gate
# driver with and without the fold (build/unit_gate -F): the two must
# print the same.
#
#  1 fixed: an approved withdrawal undone by an unsigned merge.  A
#    reviewer approves a removal on main; a stale branch from before it
#    merges main with "git merge -s ours" (its own tree: the file kept)
#    and is pushed as main, or main merges a side branch where the
#    removal was approved and an unsigned commit puts the file back.
#    The withdrawal was off the mainline and the path present at the
#    ref, so the old approved text was published again (the rule
#    covered only paths absent at the ref).  Now a withdrawal approved
#    anywhere in the ref's ancestry keeps the text it withdrew offline,
#    whatever the ref holds there (side_out in src/gate.c).
#  2 fixed: the fold undone by unsigned commits.  An unsigned commit
#    changing any unit file between a reviewer's approvals of content/**
#    broke the reviewer's chain of repeats (a unit file's new version
#    bumped the walk's unit generation, and chain_holds gave up on any
#    changed unit file), so each approval weighed and stored every path
#    again: 60,000 pushed files and 150 one-line commits took the build
#    from commits + paths back to commits x paths (4.6 s against 1.2 s).  A new version of a
#    unit file moves no level (levels follow published versions), and a
#    chain now breaks only when the approval would publish a unit file
#    (unit_would_publish).
#
# Keys: admin (trust root); alice, bob (scope content/**), carol
# (content/v/**); editor; mallory (nobody).  Units content/c (county,
# 2 approvals, web and kiosk) and content/v (village, 1 approval, web
# and board).
. tests/gate/world.sh

gk_driver

# drv CASE [DRIVER OPTIONS], expect CASE PATH FIELD=VALUE...: see
# gk_drive and gk_expect in tests/gate/lib.sh.
drv() {
	c=$1
	shift
	gk_drive "$TRUST" "$c" "$@"
}
expect() { gk_expect "$@"; }

# fresh CASE: a first build into an empty output.
fresh() {
	rm -rf "$SITE"
	build "$1"
}

# --- 1. an approved withdrawal undone by an unsigned merge ---------------
#   base; S[alice], S[bob] A: content/**            (A1, B1 published)
#   stale = here
#   * editor: rm b.md; S[carol] A: content/v/fees/b.md  (withdrawn)
#   * mallory: stale merges main with -s ours (b.md kept), pushed as
#     main: the removal and its approval sit on the second parent
base
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
fresh ours-before
page ours-before v/fees/b.html MARK-B1
stale=$(R rev-parse HEAD)
gk_rm $B
gk_commit editor editor 'withdraw b'
gk_approve carol carol content/v/fees/b.md
fresh ours-withdrawn
nowhere ours-withdrawn MARK-B1
R checkout -q -b stale "$stale"
gk_next_date
R merge -q -s ours --no-edit main
R checkout -q main
R reset -q --hard stale
R branch -q -D stale
R cat-file -e "HEAD:$B" && ok || fail "ours: b.md kept at the ref"
fresh ours
nowhere ours MARK-B1
page ours c/fees/a.html MARK-A1
drv ours
expect ours $B pub=none vis=0
drv ours-anchored -a "$stale"
grep -q '^rewritten 0$' "$GK_DIR/out" && ok || fail "ours: anchor before"
expect ours-anchored $B vis=0
"$GONGKAI" status --json --trust "$TRUST" "$GK_REPO" >"$GK_DIR/st" 2>&1
grep -q 'MARK-B1\|"online": *true.*b.md' "$GK_DIR/st" &&
    fail "ours: status shows b.md online" || ok
#   then mallory edits the kept file: new text waits, nothing online
item $B B9
gk_commit mallory - 'b again'
fresh ours-edited
nowhere ours-edited MARK-B
drv ours-edited
expect ours-edited $B pub=none vis=0
#   and reviewers approving the new text publish it again (two: its
#   author is unknown)
gk_approve carol carol 'content/v/**'
gk_approve alice alice 'content/v/**'
fresh ours-reapproved
page ours-reapproved v/fees/b.html MARK-B9

#   the removal approved on a side branch, merged (--no-ff: off the
#   mainline), then an unsigned commit puts the same text back
base
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
R checkout -q -b side
gk_rm $B
gk_commit editor editor 'withdraw b'
gk_approve carol carol content/v/fees/b.md
R checkout -q main
gk_next_date
R merge -q --no-ff --no-edit side
fresh side-merged
nowhere side-merged MARK-B1
item $B B1
gk_commit mallory - 'b back'
fresh readded
nowhere readded MARK-B1
drv readded
expect readded $B pub=- vis=0

#   a unit withdrawn on the side and kept by an -s ours merge hides
#   everything below it
base
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
R checkout -q -b side
gk_rm content/v/_unit.yaml
gk_commit editor editor 'close the village unit'
gk_approve carol carol content/v/_unit.yaml
R checkout -q main
gk_next_date
R merge -q -s ours --no-edit side
fresh unit-ours
nowhere unit-ours MARK-B1
drv unit-ours
expect unit-ours content/v/_unit.yaml pub=none vis=0
expect unit-ours $B vis=0

# --- 2. chains of repeats broken by an unsigned touch of a unit file ----
#   base; FILES (2,000) unapproved files in content/v/zz (one tree, one
#   blob), then TOUCHES (10) times: (touch: mallory changes
#   content/v/t/_unit.yaml, unsigned) S[alice] A: content/**
#   Each touch bumped the walk's unit generation and broke alice's chain,
#   so every approval weighed (and stored) every path again: the cost
#   the fold removed, back for one tiny commit per approval.  The gate's
#   work is counted, not timed (tests must pass on a slow machine): the
#   records it keeps (unit_gate -R) grow with the paths, not with paths x
#   approvals.  bench/gate.sh times the fold.
FILES=${FILES:-2000} TOUCHES=${TOUCHES:-10}
base
gk_approve alice alice 'content/**'
blob=$(echo junk | R hash-object -w --stdin)
zz=$(awk -v b="$blob" -v n="$FILES" 'BEGIN { for (i = 0; i < n; i++) printf "100644 blob %s\tz%06d.md\n", b, i }' | R mktree)
# root tree with content/v/zz (and content/v/t/_unit.yaml = $1 if set)
tree_with() {
	vt=$(R ls-tree HEAD:content/v | grep -v '	zz$' | grep -v '	t$')
	vt="$vt
040000 tree $zz	zz"
	if [ -n "$1" ]; then
		t=$(printf '100644 blob %s\t_unit.yaml\n' "$1" | R mktree)
		vt="$vt
040000 tree $t	t"
	fi
	v=$(printf '%s\n' "$vt" | R mktree)
	c=$(R ls-tree HEAD:content | grep -v '	v$'; printf '040000 tree %s\tv\n' "$v")
	c=$(printf '%s\n' "$c" | R mktree)
	r=$(R ls-tree HEAD | grep -v '	content$'; printf '040000 tree %s\tcontent\n' "$c")
	printf '%s\n' "$r" | R mktree
}
# ct KEY MSG TREE: a commit on HEAD (KEY - unsigned)
ct() {
	gk_next_date
	if [ "$1" = - ]; then s=; else s=-S$(gk_fpr "$1"); fi
	id=$(R -c gpg.program="$GK_DIR/gpg-wrap" commit-tree $s -p HEAD -m "$2" "$3")
	R update-ref HEAD "$id"
}
ct - junk "$(tree_with)"
i=0
while [ $i -lt "$TOUCHES" ]; do
	i=$((i + 1))
	ct - "touch $i" "$(tree_with "$(echo "name: T$i" | R hash-object -w --stdin)")"
	ct alice "approve

Approved: content/**" 'HEAD^{tree}'
done
drv touch
"$DRV" -R "$GK_REPO" "$TRUST" >"$GK_DIR/out.R" 2>"$GK_DIR/err" ||
    fail "touch: driver -R: $(head -c 300 "$GK_DIR/err")"
n=$(sed -n 's/^records //p' "$GK_DIR/out.R")
[ -n "$n" ] && [ "$n" -lt $((2 * FILES)) ] && ok ||
    fail "touch: $TOUCHES approvals of $FILES files kept ${n:-no} records"
"$GONGKAI" build --trust "$TRUST" --out "$TMP/touch" "$GK_REPO" \
    >/dev/null 2>"$GK_DIR/berr" ||
    fail "touch: build: $(head -c 300 "$GK_DIR/berr")"
SITE=$TMP/touch page touch v/fees/b.html MARK-B1

done_tests
