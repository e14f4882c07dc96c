#!/bin/sh
# tests/gate-attack.test.sh -- the gate attacked from outside: an
# attacker with push rights to the content repository (any commit,
# tree, ref, raw object; replays of commits reviewers signed) but no
# reviewer's, editor's or administrator's key.  Each case is what
# `gongkai build --trust` publishes afterwards.  Attacks the gate
# stops are passing tests; attacks that got through fail until fixed.
#
# Drawing as in tests/gate.test.sh: "*" a mainline commit, S[name]
# signed by that key (unsigned otherwise), "A: glob" an Approved
# trailer, "o" a commit off the mainline.  twin(X) is commit X with
# one armor header (" Comment: twin") added to its signature: the
# signed payload is X's, so the signature still verifies, but it is
# another commit, and not on the mainline.
#
# The keys, the two units (items c/fees/a.md MARK-A1, v/fees/b.md
# MARK-B1) and the base history are tests/gate/cli-world.sh's, as in
# tests/gate-cli.test.sh.
. tests/gate/cli-world.sh

# --- attacker's tools ---------------------------------------------------

R() { git -C "$GK_REPO" "$@"; }

# raw_tree: entries "mode name sha" on stdin -> tree id (no checks).
raw_tree() {
	while read -r m n h; do
		perl -e 'print "$ARGV[0] $ARGV[1]\0", pack("H*", $ARGV[2])' \
		    "$m" "$n" "$h"
	done | R hash-object -t tree -w --literally --stdin
}

# put_entry TREE PATH MODE ID: TREE with PATH set to (MODE, ID).
put_entry() {
	_t=$1 _p=$2 _m=$3 _o=$4
	case $_p in
	*/*)
		_d=${_p%%/*} _r=${_p#*/}
		_s=$(R ls-tree "$_t" | awk -v n="$_d" '$4 == n { print $3 }')
		[ -n "$_s" ] || _s=$(R hash-object -t tree -w --stdin </dev/null)
		_s=$(put_entry "$_s" "$_r" "$_m" "$_o")
		{ R ls-tree "$_t" | awk -v n="$_d" '$4 != n {
		    sub(/^040000/, "40000"); print $1, $4, $3 }'
		  echo "40000 $_d $_s"; } | raw_tree ;;
	*)
		{ R ls-tree "$_t" | awk -v n="$_p" '$4 != n {
		    sub(/^040000/, "40000"); print $1, $4, $3 }'
		  echo "$_m $_p $_o"; } | raw_tree ;;
	esac
}

# tree_plus TREE: TREE's entries and stdin's ("mode name id"), a tree.
tree_plus() {
	{ R ls-tree "$1" | awk '{ sub(/^040000/, "40000"); print $1, $4, $3 }'
	  cat; } | raw_tree
}

# tree_without PATH: HEAD's tree without file PATH.
tree_without() {
	R rm -q --cached "$1"
	R write-tree
	R reset -q
}

# on_head COMMIT: move HEAD (main) to COMMIT, as a push would.
on_head() { R update-ref HEAD "$1"; }

# raw_head TREE MSG: an unsigned commit of TREE on HEAD.
raw_head() {
	gk_next_date
	on_head "$(R commit-tree -p HEAD -m "$2" "$1")"
}

# approve_here AS GLOB: AS signs an approval of GLOB on HEAD's tree as
# it is (git commit-tree -S: a signing service, or a reviewer who never
# checks it out).
approve_here() {
	gk_next_date
	on_head "$(R -c gpg.program="$GK_DIR/gpg-wrap" -c user.name="$1" \
	    -c user.email="$1@example.org" commit-tree -S"$(gk_fpr "$1")" \
	    -p HEAD -m "approve

Approved: $2" HEAD^{tree})"
}

# twin REV: REV with an armor header added to its signature; prints id.
twin() {
	R cat-file commit "$1" |
	    sed 's/^gpgsig -----BEGIN PGP SIGNATURE-----$/&\n Comment: twin/' \
	    >"$GK_DIR/twin"
	gk_raw_commit "$GK_DIR/twin"
}

# merge_in REV: an unsigned merge of HEAD's tree, REV as second parent.
merge_in() {
	gk_next_date
	on_head "$(R commit-tree -p HEAD -p "$1" -m 'merge' HEAD^{tree})"
}

# must_build CASE: build (no --accept-rewrite is needed: every case
# only adds to main) and fail the case when it does not succeed.
must_build() {
	if "$GONGKAI" build --trust "$TRUST" --out "$SITE" --accept-rewrite \
	    "$GK_REPO" >"$GK_DIR/bout" 2>"$GK_DIR/berr"; then
		ok
	else
		fail "$1: build exit $?: $(head -c 300 "$GK_DIR/berr")"
	fi
}

# ======================================================================
# Attacks that get through (failing until the gate is fixed)
# ======================================================================

# --- 1. an unapproved deletion made final by a twin ------------------
#   base
#   * X  S[alice] A: content/**                (b.md B1 published)
#   * editor: content/v/fees/n.md MARK-N1
#   * S[alice] A: content/v/fees/n.md          (N1 published)
#   * mallory (unsigned): rm n.md
#   * merge (unsigned) <- o twin(X)
#   twin(X) is GOOD, signed by alice, approves content/**, and n.md is
#   absent in its tree (X predates n.md): scan_side takes it for an
#   approved withdrawal of n.md, so mallory's deletion takes effect.
N=content/v/fees/n.md
base
gk_approve alice alice 'content/**'
X=$(R rev-parse HEAD)
item $N N1
gk_commit editor editor 'new item'
gk_approve alice alice "$N"
build twin-withdrawal-before
page twin-withdrawal-before v/fees/n.html N1
gk_rm $N
gk_commit mallory - 'drop n'
merge_in "$(twin "$X")"
build twin-withdrawal
page twin-withdrawal v/fees/n.html N1

#   the same with no twin: any commit alice ever signed with a broad
#   glob, from any other history (here an orphan commit of an empty
#   tree, as in another site's repository), merged as a second parent
#   base; S[alice] A: content/**; n.md N1 added, S[alice] approves it
#   * mallory: rm n.md
#   * merge (unsigned) <- o S[alice] A: content/**  (root, empty tree)
base
gk_approve alice alice 'content/**'
item $N N1
gk_commit editor editor 'new item'
gk_approve alice alice "$N"
gk_rm $N
gk_commit mallory - 'drop n'
gk_next_date
F=$(R -c gpg.program="$GK_DIR/gpg-wrap" commit-tree \
    -S"$(gk_fpr alice)" -m 'approve

Approved: content/**' "$(R hash-object -t tree -w --stdin </dev/null)")
merge_in "$F"
build foreign-withdrawal
page foreign-withdrawal v/fees/n.html N1

# --- 2. a lifted retirement re-imposed by a twin ---------------------
#   base
#   * editor: config retired: [bob]
#   * G1 S[admin] A: config.yaml
#   * editor: config retired: []               (bob is back)
#   * S[admin] A: config.yaml
#   * S[alice] A: content/**, S[bob] A: content/c/**   (A1 published)
#   * merge (unsigned) <- o twin(G1)
#   twin(G1) is a governance state approved by a trust key off the
#   mainline: its retirement of bob counts from G1 on, and voids bob's
#   later approvals.
base
RETIRED=bob
config
gk_commit editor editor 'retire bob'
gk_approve admin admin config.yaml
G1=$(R rev-parse HEAD)
RETIRED=
config
gk_commit editor editor 'bob is back'
gk_approve admin admin config.yaml
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/c/**'
build twin-retire-before
page twin-retire-before c/fees/a.html A1
merge_in "$(twin "$G1")"
build twin-retire
page twin-retire c/fees/a.html A1

# --- 2b. a restriction voided by a rootless copy of it ----------------
#   rootless(X): X with its signature header moved between its tree and
#   its parents.  Without that header its bytes are X's payload, so the
#   signature is GOOD, but to git a parent line after another header is
#   none: the copy is a root commit.  Met first (it is merged last), it
#   stood for every copy of that payload; with no mainline ancestor, it
#   withdrew nothing and retired no one.
rootless() {
	R cat-file commit "$1" >"$GK_DIR/rl0"
	{ head -1 "$GK_DIR/rl0"
	  awk '/^$/ { exit } /^gpgsig / { g = 1; print; next }
	    g && /^ / { print; next } { g = 0 }' "$GK_DIR/rl0"
	  awk 'NR == 1 { next } /^$/ { b = 1 } b { print; next }
	    /^gpgsig / { g = 1; next } g && /^ / { next } { g = 0; print }' \
	    "$GK_DIR/rl0"; } >"$GK_DIR/rl"
	gk_raw_commit "$GK_DIR/rl"
}
#   base; S[alice] A: content/**               (b.md B1 published)
#   o editor: rm b.md; o W S[bob] A: b.md      (a withdrawal, off the
#                                               mainline)
#   * merge (unsigned) <- W, keeping b.md      (b.md withdrawn)
#   * merge (unsigned) <- rootless(W)
base
gk_approve alice alice 'content/**'
R checkout -q -b side
gk_rm $B
gk_commit editor editor 'withdraw b'
gk_approve bob bob "$B"
W=$(R rev-parse HEAD)
R checkout -q -
merge_in "$W"
build rootless-withdrawal-before
nopage rootless-withdrawal-before v/fees/b.html
merge_in "$(rootless "$W")"
check "rootless-withdrawal: the copy is a root commit to git" \
    [ "$(R rev-list --count HEAD^2)" = 1 ]
build rootless-withdrawal
nopage rootless-withdrawal v/fees/b.html

# --- 2c. a side withdrawal by a signer out of scope, or retired, then --
#   base; S[alice] A: content/**, S[bob] A: content/c/**  (A1 published)
#   * editor: bob's scope content/v/** (or: bob retired)
#   * S[admin] A: config.yaml
#   * mallory: rm a.md
#   * S[bob] A: content/**                     (counts nothing for a.md)
#   * merge (unsigned) <- o twin(bob's commit)
#   The twin withdrew a.md: bob was weighed by the first governance
#   that listed his key (scope content/**, not retired).
for how in scope retired; do
	base
	gk_approve alice alice 'content/**'
	gk_approve bob bob 'content/c/**'
	if [ $how = retired ]; then RETIRED=bob; else BOB='"content/v/**"'; fi
	config
	gk_commit editor editor "bob: $how"
	gk_approve admin admin config.yaml
	gk_rm $A
	gk_commit mallory - 'drop a'
	gk_approve bob bob 'content/**'
	build side-$how-before
	page side-$how-before c/fees/a.html A1
	merge_in "$(twin "$(R rev-parse HEAD)")"
	build side-$how
	page side-$how c/fees/a.html A1
done

# --- 3. unapproved objects of the wrong type stop every build ---------
#   base; S[alice] A: content/**               (B1 published)
#   * mallory: content/v/fees/zzz a "40000" entry whose id is a blob
#     ("object is not a tree": the gate stops)
base
gk_approve alice alice 'content/**'
junk=$(printf 'junk\n' | R hash-object -w --stdin)
raw_head "$(put_entry "$(R rev-parse HEAD^{tree})" content/v/fees/zzz \
    40000 "$junk")" 'folder that is a blob'
must_build dir-is-blob
page dir-is-blob v/fees/b.html B1

#   base; S[alice] A: content/**
#   * mallory: a commit whose tree header names a blob
base
gk_approve alice alice 'content/**'
junk=$(printf 'junk\n' | R hash-object -w --stdin)
printf 'tree %s\nparent %s\nauthor m <m@x> 1767230000 +0000\ncommitter m <m@x> 1767230000 +0000\n\nx\n' \
    "$junk" "$(R rev-parse HEAD)" >"$GK_DIR/c"
on_head "$(gk_raw_commit "$GK_DIR/c")"
must_build root-tree-is-blob
page root-tree-is-blob v/fees/b.html B1

#   base; S[alice] A: content/**
#   * merge (unsigned) <- o a commit with no tree header
#   (only restrictions are read off the mainline, and this one has none)
base
gk_approve alice alice 'content/**'
printf 'parent %s\nauthor m <m@x> 1767230000 +0000\ncommitter m <m@x> 1767230000 +0000\n\nx\n' \
    "$(R rev-parse HEAD)" >"$GK_DIR/c"
merge_in "$(gk_raw_commit "$GK_DIR/c")"
must_build side-no-tree
page side-no-tree v/fees/b.html B1

#   base; S[alice] A: content/**
#   * merge (unsigned) whose second parent is a blob
base
gk_approve alice alice 'content/**'
junk=$(printf 'junk\n' | R hash-object -w --stdin)
gk_next_date
printf 'tree %s\nparent %s\nparent %s\nauthor m <m@x> 1767230000 +0000\ncommitter m <m@x> 1767230000 +0000\n\nx\n' \
    "$(R rev-parse HEAD^{tree})" "$(R rev-parse HEAD)" "$junk" >"$GK_DIR/c"
on_head "$(gk_raw_commit "$GK_DIR/c")"
must_build side-parent-blob
page side-parent-blob v/fees/b.html B1

# --- 4. a deep unapproved tree crashes the build ---------------------
#   base; S[alice] A: content/**
#   * mallory: content/v/fees/a/a/.../a/x.md, 100,000 folders deep
#   (SIGSEGV: the tree walk recurses once per level)
base
gk_approve alice alice 'content/**'
y=$(printf 'y\n' | R hash-object -w --stdin)
perl tests/gate/deep-tree.pl 100000 "$y" 2>"$GK_DIR/deep" |
    R index-pack --stdin >/dev/null
deep=$(cat "$GK_DIR/deep")
raw_head "$(put_entry "$(R rev-parse HEAD^{tree})" content/v/fees/a 40000 \
    "$deep")" deep
must_build deep-tree
page deep-tree v/fees/b.html B1

# --- 5. a deep unapproved path stalls the build ------------------------
#   base; S[alice] A: content/**
#   * mallory: 200 files in content/v/fees/a/.../a/ (4,000 deep)
#   Each path cost depth x length (about 0.2 s each): 1,000 such files
#   was minutes.  Trees deeper than 64 folders are malformed now, so
#   this takes about a second; the bound of 120 s only catches a stall.
base
gk_approve alice alice 'content/**'
deep=$(perl -e 'print "a/" x 4000')
{
	echo "commit refs/heads/main"
	echo "committer m <m@x> 1767230000 +0000"
	printf 'data 1\nx\nfrom %s\n' "$(R rev-parse HEAD)"
	i=0
	while [ $i -lt 200 ]; do
		printf 'M 100644 inline content/v/fees/%sx%d.md\ndata 2\ny\n' \
		    "$deep" $i
		i=$((i + 1))
	done
} | R fast-import --quiet
[ "$(R ls-tree -r HEAD | grep -c '/x[0-9]*\.md$')" = 200 ] && ok ||
    fail "deep-paths: fast-import did not make the files"
if timeout 120 "$GONGKAI" build --trust "$TRUST" --out "$SITE" \
    --accept-rewrite "$GK_REPO" >/dev/null 2>&1; then
	ok
else
	fail "deep-paths: build did not finish in 120 s (exit $?)"
fi

# --- 6. a pushed tag named like the branch ----------------------------
#   base; S[alice] A: content/**; mallory pushes tag "main": git would
#   build the tag for "main".  --ref main is refused as ambiguous (DESIGN
#   section 4: a full ref name or an unambiguous one), saying which refs
#   answer to it; refs/heads/main and the default HEAD still build.
base
gk_approve alice alice 'content/**'
build ref-before --ref main
R tag main HEAD~1
if "$GONGKAI" build --trust "$TRUST" --out "$SITE" --ref main \
    "$GK_REPO" >/dev/null 2>"$GK_DIR/berr"; then
	fail "ref-tag-main: an ambiguous --ref was built"
else
	grep -q "ambiguous" "$GK_DIR/berr" && ok ||
	    fail "ref-tag-main: $(cat "$GK_DIR/berr")"
fi
build ref-full --ref refs/heads/main
page ref-full v/fees/b.html B1

# --- 7. unapproved file names in report.json and report.html ----------
#   base; S[alice] A: content/**            (B1 published)
#   * mallory: content/v/fees/MARK-NAME1.md (a name never approved; it
#     could hold an ID number): out_report_waits lists every waiting
#     path by name in report.json and the unit's report.html
base
gk_approve alice alice 'content/**'
item content/v/fees/MARK-NAME1.md S1
gk_commit mallory - 'unapproved name'
build waiting-names
page waiting-names v/fees/b.html B1
nowhere waiting-names NAME1 S1

# ======================================================================
# Attacks the gate stops (they stay covered)
# ======================================================================

# --- a signed approval replayed onto another parent --------------------
#   base
#   * editor: b.md "B2"
#   * P  S[alice] A: content/v/**      (B2 published: replay source)
#   another history: base; * mallory: b.md "B3"
#   * P' = P with its parent line moved onto mallory's commit
#   (the signature covers the parent: BAD, B3 never published)
base
item $B B2
gk_commit editor editor B2
gk_approve alice alice 'content/v/**'
P=$(R rev-parse HEAD)
R cat-file commit "$P" >"$GK_DIR/p"
R reset -q --hard HEAD~2
item $B B3
gk_commit mallory - B3
sed "s/^parent .*/parent $(R rev-parse HEAD)/" "$GK_DIR/p" >"$GK_DIR/p2"
on_head "$(gk_raw_commit "$GK_DIR/p2")"
build replay-parent
nowhere replay-parent B3

# --- both signature headers --------------------------------------------
#   base; * mallory: b.md "B3"
#   * S[alice] A: content/v/** with a gpgsig-sha256 header added
#   (two signature headers: malformed, approves nothing)
base
item $B B3
gk_commit mallory - B3
gk_approve alice alice 'content/v/**'
R cat-file commit HEAD | awk '/^gpgsig /{g=1} g && /^ -----END/{print; print "gpgsig-sha256 x"; g=0; next} {print}' \
    >"$GK_DIR/two"
on_head "$(gk_raw_commit "$GK_DIR/two")"
build two-headers
nowhere two-headers B3

# --- a lookalike "Approved" --------------------------------------------
#   base; * mallory: b.md "B3"
#   * S[alice] "Аpproved: content/v/**" (Cyrillic А, a reviewer fooled
#   into signing it): no approval
base
item $B B3
gk_commit mallory - B3
gk_commit alice alice "$(printf 'ok\n\n\320\220pproved: content/v/**')"
build lookalike
nowhere lookalike B3

# --- mode changes, submodules, file to folder ---------------------------
#   base; S[alice] A: content/**            (B1 published)
#   * mallory: b.md 100755, same text       a new version: waits
#   * mallory: b.md a gitlink               vetoed, B1 stays
#   * mallory: b.md a folder holding x.md MARK-X1
for how in exec gitlink folder; do
	base
	gk_approve alice alice 'content/**'
	t=$(R rev-parse HEAD^{tree})
	case $how in
	exec)	t=$(put_entry "$t" $B 100755 "$(R rev-parse HEAD:$B)") ;;
	gitlink) t=$(put_entry "$t" $B 160000 "$(R rev-parse HEAD)") ;;
	esac
	if [ $how = folder ]; then
		gk_rm $B
		item $B/x.md X1
		gk_commit mallory - folder
	else
		raw_head "$t" "$how"
	fi
	build "mode-$how"
	page "mode-$how" v/fees/b.html B1
	nowhere "mode-$how" X1
done

# --- case and Unicode twins ----------------------------------------------
#   base; S[alice] A: content/**
#   * mallory: content/V/fees/b.md MARK-V1, content/v/fees/é.md
#     (NFD) MARK-E1, content/v/fees/B.md MARK-C1: nothing of them
#     anywhere
base
gk_approve alice alice 'content/**'
item content/V/fees/b.md V1
item "$(printf 'content/v/fees/e\314\201.md')" E1
item content/v/fees/B.md C1
gk_commit mallory - twins
build twins
page twins v/fees/b.html B1
nowhere twins V1 E1 C1
f=$(grep -rlE "V/fees|/B\.(md|html)|$(printf 'e\314\201')" "$SITE" 2>/dev/null | head -3)
[ -z "$f" ] && ok || fail "twins: a twin's name is in $f"

# --- commits with no author or committer, a file that is a tree --------
#   base; S[alice] A: content/**
#   * mallory: raw commit with no author/committer lines
#   * mallory: content/v/fees/z.md whose id is a tree
base
gk_approve alice alice 'content/**'
printf 'tree %s\nparent %s\n\nx\n' "$(R rev-parse HEAD^{tree})" \
    "$(R rev-parse HEAD)" >"$GK_DIR/c"
on_head "$(gk_raw_commit "$GK_DIR/c")"
raw_head "$(put_entry "$(R rev-parse HEAD^{tree})" content/v/fees/z.md \
    100644 "$(R rev-parse HEAD^{tree})")" 'file is a tree'
must_build odd-commits
page odd-commits v/fees/b.html B1

# --- names holding '/' ---------------------------------------------------
#   base; S[alice] A: content/**; S[bob] A: content/c/**   (A1, B1 out)
#   * mallory: content/ gains entries named "v/fees/b.md", "c/fees/a.md"
#     and "v/_unit.yaml", the root one named "keys/alice.asc"
#   * mallory: the approved tree again, byte for byte
#   * editor: content/v/fees/n.md N1; S[carol] A: content/v/**
#   * editor: keys/dave.asc; S[admin] A: keys/**
#   Such a name names a file of the sibling folder too ("v"): compared
#   by name alone, its coming and going read as that file going, and
#   the next routine approval of the folder withdrew it (the items, the
#   whole unit, alice's key).  While the name is there the file is
#   malformed; afterwards it is what the tree holds.
base
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/c/**'
clean=$(R rev-parse HEAD^{tree})
x=$(printf 'x\n' | R hash-object -w --stdin)
ct=$(printf '%s\n' "100644 v/fees/b.md $x" "100644 c/fees/a.md $x" \
    "100644 v/_unit.yaml $x" | tree_plus HEAD:content)
rt=$( { R ls-tree HEAD | awk '$4 != "content" { sub(/^040000/, "40000");
	print $1, $4, $3 }'
	echo "40000 content $ct"; echo "100644 keys/alice.asc $x"; } |
    raw_tree)
raw_head "$rt" 'tidy'
build slash-names-in
page slash-names-in v/fees/b.html B1
page slash-names-in c/fees/a.html A1
"$GONGKAI" status --trust "$TRUST" "$GK_REPO" >"$GK_DIR/st" 2>&1
grep -q "deleted" "$GK_DIR/st" && fail "slash-names-in: status says" \
    "deleted: $(grep deleted "$GK_DIR/st" | head -3)" || ok
raw_head "$clean" 'revert tidy'
"$GONGKAI" status --trust "$TRUST" "$GK_REPO" >"$GK_DIR/st" 2>&1
grep -q "deleted" "$GK_DIR/st" && fail "slash-names-out: status says" \
    "deleted: $(grep deleted "$GK_DIR/st" | head -3)" || ok
item content/v/fees/n.md N1
gk_commit editor editor 'new village item'
gk_approve carol carol 'content/v/**'
cp "$GK_DIR/keys/mallory.asc" "$GK_REPO/keys/dave.asc"
R add keys
gk_commit editor editor 'key for dave'
gk_approve admin admin 'keys/**'
build slash-names
page slash-names v/fees/b.html B1
page slash-names v/fees/n.html N1
page slash-names c/fees/a.html A1
# alice's key still counts: with bob's, her approval publishes a county
# item
item content/c/fees/m.md M1
gk_commit editor editor 'new county item'
gk_approve alice alice 'content/c/fees/m.md'
gk_approve bob bob 'content/c/fees/m.md'
build slash-names-key
page slash-names-key c/fees/m.html M1

#   a name holding '/' below a folder, and one that makes a new path
#   base; S[alice] A: content/**
#   * mallory: content/v gains "fees/b.md" MARK-X1 and "fees/z.md"
#     MARK-Z1; S[alice] A: content/v/**  (as the tree shows: B1, and
#     nothing there can be named for sure)
#   * mallory: content/v as it was
base
gk_approve alice alice 'content/**'
clean=$(R rev-parse HEAD^{tree})
x1=$(item_text X1 | R hash-object -w --stdin)
z1=$(item_text Z1 | R hash-object -w --stdin)
vt=$(printf '%s\n' "100644 fees/b.md $x1" "100644 fees/z.md $z1" |
    tree_plus HEAD:content/v)
raw_head "$(put_entry "$clean" content/v 40000 "$vt")" 'deeper tidy'
gk_approve alice alice 'content/v/**'
build slash-deeper-in
page slash-deeper-in v/fees/b.html B1
nowhere slash-deeper-in X1 Z1
raw_head "$clean" 'revert'
gk_approve alice alice 'content/v/**'
build slash-deeper
page slash-deeper v/fees/b.html B1
nowhere slash-deeper X1 Z1

# --- a tip commit libgit2 cannot parse -----------------------------------
#   base; S[alice] A: content/**
#   * mallory (the tip): a raw commit git reads and a server takes (no
#     fsck on receive) but libgit2 refuses: a date past 64 bits, no
#     author, no committer, an author without '>'
#   It approves nothing and must stop nothing: the build publishes B1,
#   status answers, and so do --ref HEAD~1, a tag of it, and its id.
base
gk_approve alice alice 'content/**'
good=$(R rev-parse HEAD)
n=0
for hdr in 'author m <m@x> 99999999999999999999 +0000
committer m <m@x> 99999999999999999999 +0000' \
    'committer m <m@x> 1767230000 +0000' \
    'author m <m@x> 1767230000 +0000' \
    'author m <m@x 1767230000 +0000
committer m <m@x> 1767230000 +0000'; do
	n=$((n + 1))
	on_head "$good"
	printf 'tree %s\nparent %s\n%s\n\npushed by mallory\n' \
	    "$(R rev-parse HEAD^{tree})" "$good" "$hdr" >"$GK_DIR/c"
	bad=$(gk_raw_commit "$GK_DIR/c")
	on_head "$bad"
	must_build "odd-tip-$n"
	page "odd-tip-$n" v/fees/b.html B1
	"$GONGKAI" status --trust "$TRUST" "$GK_REPO" >/dev/null \
	    2>"$GK_DIR/serr" && ok ||
	    fail "odd-tip-$n: status: $(head -c 300 "$GK_DIR/serr")"
	build "odd-tip-$n-parent" --ref HEAD~1
	page "odd-tip-$n-parent" v/fees/b.html B1
	build "odd-tip-$n-id" --ref "$bad"
done
printf 'object %s\ntype commit\ntag t\ntagger m <m@x> 1767230000 +0000\n\nt\n' \
    "$bad" | R hash-object -t tag -w --stdin >"$GK_DIR/tag"
R update-ref refs/tags/t "$(cat "$GK_DIR/tag")"
build odd-tip-tag --ref t
page odd-tip-tag v/fees/b.html B1

#   a folder that does not parse after a name that cannot be named
#   base; S[alice] A: content/**; S[bob] A: content/c/**     (A1 out)
#   * mallory: content/ gains "c/zzz" (or a second "c")
#   * mallory: content/c/fees is a "tree" that is a blob
#   * S[alice] A: content/c/**     (signed on that tree, commit-tree -S)
#   * mallory: the approved tree again
#   The folder is a malformed path of that tree, so alice's approval
#   there withdraws nothing (a withdrawal needs one reviewer, the
#   county item two; gate.h rule 10).
for how in slash dup; do
	base
	gk_approve alice alice 'content/**'
	gk_approve bob bob 'content/c/**'
	clean=$(R rev-parse HEAD^{tree})
	x=$(printf 'x\n' | R hash-object -w --stdin)
	if [ $how = dup ]; then
		odd="40000 c $(R rev-parse HEAD:content/c)"
	else
		odd="100644 c/zzz $x"
	fi
	nct=$(echo "$odd" | tree_plus HEAD:content)
	raw_head "$(put_entry "$clean" content 40000 "$nct")" 'tidy'
	raw_head "$(put_entry "$clean" content/c/fees 40000 "$x")" 'tidy 2'
	approve_here alice 'content/c/**'
	raw_head "$clean" 'untidy'
	build "unreadable-folder-$how"
	page "unreadable-folder-$how" c/fees/a.html A1
done

#   many names holding '/', each a group of its own, pushed and taken
#   back: read once each, in a time that grows with them, not with
#   their square (20,000 took 4 s, 80,000 98 s before); the build
#   goes on
base
gk_approve alice alice 'content/**'
clean=$(R rev-parse HEAD^{tree})
xh=$(printf 'x\n' | R hash-object -w --stdin)
many=$(R ls-tree HEAD:content | perl -e '
	my ($x, $n) = @ARGV; my $out = "";
	while (<STDIN>) { chomp; my ($m, $t, $h, $nm) = split /\s+/, $_, 4;
		$m =~ s/^040000/40000/; $out .= "$m $nm\0" . pack("H*", $h); }
	$out .= "100644 g$_/x\0" . pack("H*", $x) for 1 .. $n;
	print $out;' "$xh" 20000 | R hash-object -t tree -w --literally --stdin)
raw_head "$(put_entry "$clean" content 40000 "$many")" 'many'
raw_head "$clean" 'few'
raw_head "$(put_entry "$clean" content 40000 "$many")" 'many again'
build many-slash-names
page many-slash-names v/fees/b.html B1

# --- a key file that is no blob ----------------------------------------
#   base; S[alice] A: content/**
#   * mallory: keys/zz.asc, of blob mode, naming a tree (a push takes
#     it when nothing else names that tree)
#   * mallory: taken back
#   * mallory: the same file again; S[admin] A: keys/**
#   A key file is read for its keys once governance publishes it: this
#   one holds none, and stops nothing (rule 12), unapproved or approved
#   (the build read an approved one as a blob, and stopped).
base
gk_approve alice alice 'content/**'
clean=$(R rev-parse HEAD^{tree})
odd=$(printf 'odd\n' | R hash-object -w --stdin)
fresh=$(echo "100644 odd $odd" | raw_tree)
kt=$(echo "100644 zz.asc $fresh" | tree_plus HEAD:keys)
raw_head "$(put_entry "$clean" keys 40000 "$kt")" 'add a key'
raw_head "$(put_entry "$clean" content/v/fees/z.md 100644 "$fresh")" \
    'an item that is a tree'
raw_head "$clean" 'revert'
must_build key-no-blob
page key-no-blob v/fees/b.html B1
"$GONGKAI" status --trust "$TRUST" "$GK_REPO" >/dev/null 2>"$GK_DIR/serr" &&
    ok || fail "key-no-blob: status: $(head -c 300 "$GK_DIR/serr")"
raw_head "$(put_entry "$clean" keys 40000 "$kt")" 'add it again'
approve_here admin 'keys/**'
must_build key-no-blob-approved
page key-no-blob-approved v/fees/b.html B1

# --- names of a folder itself: "", ".", ".." ------------------------------
#   base; S[alice] A: content/**; S[bob] A: content/c/**     (A1 out)
#   * mallory: content/c/fees/a.md gone, and the same text under a
#     name of content/ itself: "./c/fees/a.md", a folder "." or ""
#     holding c/, the root's "./content/c/fees/a.md", content/v's
#     "../c/fees/a.md"; or "./c/fees/a.md" on a side branch
#   * S[bob] A: content/c/**       (signed on that tree, commit-tree -S)
#   * mallory: the approved tree again (side: merged, unsigned)
#   Such a name may stand for any file of its folder: the tree holds a
#   malformed path, and bob's approval there withdraws nothing.  So do
#   the names git does not check out (protectNTFS): git~1 and .git. for
#   .git, a backslash: in a clone whose checkout stopped there, what a
#   reviewer reads is not the tree signed.
for how in dotslash dottree emptytree rootdot dotdot side gittilde gitdot \
    backslash; do
	base
	gk_approve alice alice 'content/**'
	gk_approve bob bob 'content/c/**'
	clean=$(R rev-parse HEAD^{tree})
	a1=$(R rev-parse HEAD:$A)
	t=$(tree_without $A)
	ct=$(R rev-parse "$t:content")
	ctree=$(R rev-parse "$clean:content/c")
	case $how in
	dotslash|side) t=$(put_entry "$t" content 40000 \
	    "$(echo "100644 ./c/fees/a.md $a1" | tree_plus "$ct")") ;;
	dottree) t=$(put_entry "$t" content 40000 \
	    "$(echo "40000 . $(echo "40000 c $ctree" | raw_tree)" |
	    tree_plus "$ct")") ;;
	emptytree) t=$(put_entry "$t" content 40000 \
	    "$(echo "40000  $(echo "40000 c $ctree" | raw_tree)" |
	    tree_plus "$ct")") ;;
	rootdot) t=$(echo "100644 ./content/c/fees/a.md $a1" | tree_plus "$t") ;;
	dotdot) t=$(put_entry "$t" content/v 40000 \
	    "$(echo "100644 ../c/fees/a.md $a1" | tree_plus "$t:content/v")") ;;
	gittilde|gitdot) t=$(put_entry "$t" content/c 40000 \
	    "$(echo "40000 $([ $how = gitdot ] && echo .git. || echo GIT~1) \
	    $ctree" | tree_plus "$t:content/c")") ;;
	backslash) t=$(put_entry "$t" content/c 40000 \
	    "$(printf '100644 fees\\a.md %s\n' "$a1" |
	    tree_plus "$t:content/c")") ;;
	esac
	main=$(R rev-parse HEAD)
	raw_head "$t" 'tidy'
	approve_here bob 'content/c/**'
	if [ $how = side ]; then
		side=$(R rev-parse HEAD)
		on_head "$main"
		raw_head "$clean" 'unrelated'
		merge_in "$side"
	else
		raw_head "$clean" 'untidy'
	fi
	build "dot-names-$how"
	page "dot-names-$how" c/fees/a.html A1
done

# --- what a tree holds is read from that tree alone ---------------------
#   base; S[alice] A: content/**                             (B1 out)
#   * mallory: b.md deleted, and content/ gains "v/zzz"
#   * mallory: "v/zzz" gone: the tree plainly lacks b.md
#   * S[bob] A: content/v/**   (a withdrawal, in a tree holding nothing
#     malformed)
#   A file that went in a tree holding an odd name stayed "malformed"
#   for good, and bob's withdrawal withdrew nothing.
base
gk_approve alice alice 'content/**'
t=$(tree_without $B)
x=$(printf 'x\n' | R hash-object -w --stdin)
ct=$(echo "100644 v/zzz $x" | tree_plus "$t:content")
raw_head "$(put_entry "$t" content 40000 "$ct")" 'tidy'
raw_head "$t" 'b.md deleted'
approve_here bob 'content/v/**'
build sticky-malformed
nopage sticky-malformed v/fees/b.html
nowhere sticky-malformed B1

#   The withdrawal approved in the tree holding "v/zzz" (signed there
#   with commit-tree -S) withdraws nothing, and status says why.
base
gk_approve alice alice 'content/**'
t=$(tree_without $B)
ct=$(echo "100644 v/zzz $x" | tree_plus "$t:content")
raw_head "$(put_entry "$t" content 40000 "$ct")" 'tidy'
approve_here bob 'content/v/**'
build unsound-withdrawal
page unsound-withdrawal v/fees/b.html B1
"$GONGKAI" status --trust "$TRUST" "$GK_REPO" >"$GK_DIR/st" 2>&1
grep -q 'unsound-tree\|malformed path' "$GK_DIR/st" && ok ||
    fail "unsound-withdrawal: status does not say why: $(cat "$GK_DIR/st")"

# --- a tree "bomb" ------------------------------------------------------
#   * an unsigned push of five trees of 40 entries, each naming the one
#     below: 40^5 = 102,400,000 files from a few KB; then a revert
#   Every gated command walks the history: each listed them all (out of
#   memory; 40^4 took 17 s and 1.5 GB).  A commit whose tree names more
#   than 2,000,000 files (repo.c, TREE_PATHS_MAX) is read as a root that
#   does not parse: nothing below it, and no withdrawal approved there.
base
gk_approve alice alice 'content/**'
bt=$(printf 'x\n' | R hash-object -w --stdin)
bt=$(i=0; while [ $i -lt 40 ]; do echo "100644 f$i.md $bt"; i=$((i+1)); done |
    raw_tree)
for l in 2 3 4 5; do
	bt=$(i=0; while [ $i -lt 40 ]; do echo "40000 d$i $bt"; i=$((i+1)); done |
	    raw_tree)
done
good=$(R rev-parse 'HEAD^{tree}')
raw_head "$(put_entry "$good" content/v/fees/bomb 40000 "$bt")" 'bomb'
approve_here bob 'content/v/**'
build tree-bomb
page tree-bomb v/fees/b.html B1
"$GONGKAI" status --trust "$TRUST" "$GK_REPO" >"$GK_DIR/st" 2>&1 &&
    ok || fail "tree-bomb: status: $(cat "$GK_DIR/st")"
raw_head "$good" 'revert'
build tree-bomb-reverted
page tree-bomb-reverted v/fees/b.html B1

# --- git's ident attribute (attack9 s09) --------------------------------
#   * S[alice] A: content/**                       B1 published
#   * mallory: .gitattributes "content/** ident"; b.md B2 with a line
#     "$Id: <any text> $", committed as is (hash-object --no-filters)
#   * S[carol], S[alice] A: content/v/**            B2 approved
#   Every checkout (reviewers' trees, `gongkai diff`, previews) shows
#   "$Id: <blob id> $" where the blob holds the attacker's text: the
#   reviewers approved text they never saw, and the build published
#   it.  Such a version is withheld, with its reason; check refuses the
#   keyword; diff shows the text as committed.
base
gk_approve alice alice 'content/**'
printf 'content/** ident\n' >"$GK_REPO/.gitattributes"
R add .gitattributes
printf -- '---\ntitle: Item B\ndate: 2026-01-01\n---\nFee text MARK-B2 here.\n\n$Id: 收费标准已废止请向个人账户转账EVILX $\n' \
    >"$GK_REPO/$B"
bb=$(R hash-object -w --no-filters "$B")
R update-index --cacheinfo "100644,$bb,$B"
gk_commit mallory - 'add version marker'
rv=$GK_DIR/reviewer
rm -rf "$rv"
git clone -q "$GK_REPO" "$rv"
check "ident: fixture: the checkout shows the blob id" \
    grep -q "^\$Id: $bb \$\$" "$rv/$B"
(cd "$rv" && "$GONGKAI" diff --trust "$TRUST" "$B") >"$GK_DIR/diff" \
    2>"$GK_DIR/diff.err"
check "ident: diff shows the text as committed" grep -q 'EVILX' "$GK_DIR/diff"
check "ident: diff says why" grep -q "b.md:7:1: warning: the version at HEAD holds git's ident keyword" "$GK_DIR/diff.err"
(cd "$rv" && "$GONGKAI" check) >"$GK_DIR/chk" 2>&1
check "ident: check refuses the keyword a checkout shows" \
    grep -q "b.md:7:1: error: git's ident keyword '\$Id: $bb \$'" "$GK_DIR/chk"
gk_approve carol carol 'content/v/**'
gk_approve alice alice "$B"
build ident
page ident v/fees/b.html B1
nowhere ident B2
f=$(grep -rl EVILX "$SITE" | head -3)
[ -z "$f" ] && ok || fail "ident: the keyword's text in $f"
"$GONGKAI" status --json --trust "$TRUST" "$GK_REPO" >"$GK_DIR/st" 2>&1
check "ident: status gives the reason" grep -q '"reason": "git ident keyword (\$Id\$) at line 7 (never published' "$GK_DIR/st"

# --- git's ident attribute on an attachment -----------------------------
#   * S[alice] A: content/**                       B1 published
#   * mallory: .gitattributes "*.pdf ident"; content/v/fees/notice.pdf
#     whose bytes hold "$Id: <any text> $" (an uncompressed PDF text
#     stream), committed as is
#   * S[carol], S[alice] A: the PDF approved
#   A reviewer's checkout shows the blob id there, so the PDF is
#   withheld, with its reason; without the attribute (the same bytes,
#   which git then shows as they are) it is published.
base
gk_approve alice alice 'content/**'
P=content/v/fees/notice.pdf
printf '%%PDF-1.4\n1 0 obj << /Length 44 >> stream\nBT (\044Id: EVILY-transfer-to-account \044) Tj ET\nendstream endobj\n%%%%EOF\n' \
    >"$GK_REPO/$P"
printf '*.pdf ident\n' >"$GK_REPO/.gitattributes"
R add .gitattributes
pb=$(R hash-object -w --no-filters "$P")
R update-index --add --cacheinfo "100644,$pb,$P"
gk_commit mallory - 'add a notice'
rm -rf "$rv"
git clone -q "$GK_REPO" "$rv"
check "ident attachment: fixture: the checkout shows the blob id" \
    grep -q "Id: $pb " "$rv/$P"
gk_approve carol carol 'content/v/**'
gk_approve alice alice "$P"
build ident-attachment
page ident-attachment v/fees/b.html B1
check "ident attachment: withheld" [ -z "$(grep -rl EVILY "$SITE")" ]
"$GONGKAI" status --json --trust "$TRUST" "$GK_REPO" >"$GK_DIR/st" 2>&1
check "ident attachment: status gives the reason" \
    grep -q '"reason": "git ident keyword (\$Id\$) at byte 45, and .gitattributes sets ident for it' "$GK_DIR/st"
R rm -q .gitattributes
gk_commit mallory - 'no attributes'
build ident-attachment-plain
check "ident attachment: published without the attribute" \
    [ -n "$(grep -rl EVILY "$SITE" | head -1)" ]
printf '*.pdf binary\n*.md text eol=lf\n' >"$GK_REPO/.gitattributes"
R add .gitattributes
gk_commit mallory - 'other attributes'
build ident-attachment-other
check "ident attachment: published with attributes that set no ident" \
    [ -n "$(grep -rl EVILY "$SITE" | head -1)" ]

# --- unapproved texts that take long to scan (attack9 s10, s11) ---------
#   * S[alice] A: content/**
#   * mallory: 6 items of 900,000 '>' (nested block quotes, a few KB
#     packed), and p.md with a mobile number
#   The privacy veto scanned every live version, approved or not: each
#   such text took a second or more, every build and status (40 of them,
#   a minute).  The gate reads a text for its veto only once it has the
#   approvals to be published; until then nothing of it is judged.
base
gk_approve alice alice 'content/**'
i=0
while [ $i -lt 6 ]; do
	{ printf -- '---\ntitle: q%s\ndate: 2026-01-01\n---\n' $i
	  awk 'BEGIN { s = ">>>>>>>>>>"; while (length(s) < 900000) s = s s
	      print substr(s, 1, 900000) }'; } >"$GK_REPO/content/v/fees/q$i.md"
	i=$((i + 1))
done
printf -- '---\ntitle: P\ndate: 2026-01-01\n---\n电话13812345678\n' \
    >"$GK_REPO/content/v/fees/p.md"
R add content/v/fees
gk_commit mallory - patho
# cpu ARGS...: user + system seconds of gongkai ARGS (one process: no
# head workers), with a cache folder of its own
cpu() {
	rm -rf "$GK_DIR/patho-cache"
	GONGKAI_JOBS=1 GONGKAI_CACHE_DIR="$GK_DIR/patho-cache" python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.2f" % (r.ru_utime + r.ru_stime))' "$GONGKAI" "$@"
}
t=$(cpu status --json --trust "$TRUST" "$GK_REPO")
echo "# status after 6 unapproved pathological texts: $t s CPU"
awk -v t="$t" 'BEGIN { exit !(t < 2) }' && ok ||
    fail "unapproved patho: status took $t s CPU"
t=$(cpu build --trust "$TRUST" --out "$SITE" --accept-rewrite "$GK_REPO")
echo "# build: $t s CPU"
awk -v t="$t" 'BEGIN { exit !(t < 4) }' && ok ||
    fail "unapproved patho: build took $t s CPU"
GONGKAI_JOBS=2 "$GONGKAI" status --json --trust "$TRUST" "$GK_REPO" \
    >"$GK_DIR/st" 2>&1 || fail "unapproved patho: status"
awk -v p='"path": "content/v/fees/p.md"' 'index($0, "\"path\": ") { cur = $0 }
    /"reason":/ && index(cur, p) { print; exit }' "$GK_DIR/st" >"$GK_DIR/r"
check "unapproved: its veto not worked out" grep -q '"reason": "its commit is unsigned' "$GK_DIR/r"
# (unsigned: one approval more than the village's one)
gk_approve alice alice 'content/v/fees/p.md'
gk_approve bob bob 'content/v/fees/p.md'
"$GONGKAI" status --json --trust "$TRUST" "$GK_REPO" >"$GK_DIR/st" 2>&1
check "approved: vetoed" grep -q '"reason": "privacy: unmasked mobile phone number at line 5"' "$GK_DIR/st"
build patho-approved
page patho-approved v/fees/b.html B1
f=$(grep -rl 13812345678 "$SITE" | head -3)
[ -z "$f" ] && ok || fail "patho-approved: the number in $f"

done_tests
