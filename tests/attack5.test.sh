#!/bin/sh
# tests/attack5.test.sh -- red team on the gate, fifth round: someone
# who can push anything to the content repository (commits, trees,
# refs, raw objects; copies of what reviewers signed) but holds no
# reviewer's, editor's or administrator's key.  Fixtures as in
# tests/attack4.test.sh (real keys, throwaway GNUPGHOME).  Cases marked
# "fixed" failed before their fix; "held" ones are new classes the gate
# already stopped, kept covered:
#
#  1 fixed: an unsigned commit's "Approved:" glob of many stars
#    ("*a*a*a*a*a*a*a*a*a*a*a*a*b") against a long unapproved file
#    name: status and serve weigh every attempt, and the glob matcher
#    backtracked (exponential time: status hung).  The matcher keeps
#    the offsets each glob prefix reaches: O(glob x path).
#  2 held: a reviewer's detached approval signature copied onto another
#    commit, with the payload it signed beside it in the same armor (a
#    literal data packet, before or after it) or behind a marker
#    packet: RNP verifies the detached payload only.
#  3 fixed: an unsigned merge whose second parent is a pushed history in
#    which each commit has all the earlier ones as parents (300
#    commits): the walk that finds each side commit's newest mainline
#    ancestor pushed a commit once per child that reached it first and
#    overran its stack of one entry per commit (heap corruption, abort).
#    Each commit goes on the stack once now.
#  4 fixed: thousands of twins (a reviewer's approval commit with an
#    armor header added: the same signed payload, another commit) merged
#    off the mainline after an unsigned commit removed every item: each
#    twin was verified, and side_withdrawn read every twin's tree for
#    every removed path (3,000 twins x 300 paths: over a minute a
#    build, every build).  A side payload that verified once is not
#    weighed again.
#  5 fixed: an unsigned commit with 300,000 "Approved:" trailers over
#    10,000 unapproved files, or 5,000 commits with 64 each: status
#    weighed every glob of every commit against every waiting path
#    (minutes).  Globs of commits whose approvals do not count are only
#    shown: a commit keeps its first 64, and the newest 4,096 in all
#    are kept.
#  6 held: a tag a reviewer signed (its message "Approved: content/**")
#    on mallory's commit, merged unsigned: git copies the tag and its
#    signature into the merge's mergetag header; the merge is unsigned
#    and approves nothing.
#  7 held: replace refs (refs/replace/<id>, which git applies when it
#    reads an object) pushed for an approved item's blob and for the
#    approval commit: git shows the replacement, the gate reads the
#    objects themselves.
#  8 fixed: main rewound past an approved withdrawal: build refused it
#    (the mainline only grows), but `gongkai print` read no anchor ("a
#    print run publishes nothing") and put the withdrawn text back on
#    the village bulletin board.  A gated print records its commit in
#    DIR/provenance.json and refuses a rewrite like build
#    (--accept-rewrite).
#
# Keys: admin (trust root); alice, bob (scope content/**), carol
# (content/v/**); editor; mallory (nobody).  Units content/c (county,
# 2 approvals, web and kiosk) and content/v (village, 1 approval, web
# and board).
. tests/gate/world.sh

# --- 1. a glob that makes the matcher backtrack -------------------------
#   base; S[alice] A: content/**
#   * mallory: content/v/fees/aaa...a.md (80 a's)
#   * mallory (unsigned): A: content/v/fees/*a*a*a*a*a*a*a*a*a*a*a*a*b
#   status must answer (it hung for ever), and show the attempt
base
gk_approve alice alice 'content/**'
item "content/v/fees/$(printf 'a%.0s' $(seq 1 80)).md" N1
gk_commit mallory - 'a long name'
gk_approve mallory - 'content/v/fees/*a*a*a*a*a*a*a*a*a*a*a*a*b' \
    'content/v/fees/*a*a*a*a*a*a*a*a*a*a*a*a*.md'
if timeout 60 "$GONGKAI" status --trust "$TRUST" "$GK_REPO" \
    >"$GK_DIR/st" 2>&1; then
	ok
else
	fail "glob-backtrack: status exit $? (124: it hung)"
fi
grep -q 'unsigned or unverified commit' "$GK_DIR/st" && ok ||
    fail "glob-backtrack: the attempt is not shown"

# --- 2. a detached signature wrapped with what it signed ----------------
#   base; X S[bob] A: content/**               (B1 published)
#   * mallory: b.md B3
#   * mallory: a commit "A: content/**" whose gpgsig armor holds X's
#     signature and X's payload as literal data (three ways): BAD
base
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
X=$(R rev-parse HEAD)
R cat-file commit "$X" >"$GK_DIR/x"
item $B B3
gk_commit mallory - 'B3'
for mode in siglit litsig marker; do
	gk_next_date
	R cat-file commit "$(R commit-tree -p HEAD -m "approve

Approved: content/**" 'HEAD^{tree}')" >"$GK_DIR/y"
	perl tests/gate/wrap-sig.pl $mode "$GK_DIR/x" "$GK_DIR/y" >"$GK_DIR/y2"
	R update-ref refs/heads/main "$(gk_raw_commit "$GK_DIR/y2")"
	build "wrapped-$mode"
	page "wrapped-$mode" v/fees/b.html MARK-B1
	nowhere "wrapped-$mode" MARK-B3
done

# --- 3. a side history that overran the walk's stack --------------------
#   base; S[alice] A: content/**
#   * merge (unsigned) <- o t, whose parents are p0..p299, where each pk
#     has p0..p(k-1) as parents (empty trees, unsigned)
base
gk_approve alice alice 'content/**'
E=$(R mktree </dev/null)
ids="" k=0
while [ $k -lt 300 ]; do
	set --
	for p in $ids; do set -- "$@" -p "$p"; done
	ids="$ids $(R commit-tree "$@" -m "p$k" "$E")"
	k=$((k + 1))
done
set --
for p in $ids; do set -- "$@" -p "$p"; done
t=$(R commit-tree "$@" -m top "$E")
gk_next_date
R update-ref refs/heads/main "$(R commit-tree -p HEAD -p "$t" -m merge 'HEAD^{tree}')"
build side-stack
page side-stack v/fees/b.html MARK-B1

# --- 4. thousands of twins off the mainline ------------------------------
#   base; editor: n0..n299; S[alice] A: content/**;
#   editor: b.md B2; W S[alice] A: content/v/**
#   * mallory: rm content/v/fees (unsigned)
#   * merge (unsigned) <- o t <- twin1(W) .. twin3000(W)
#   the build must stay quick, and the removal waits for a reviewer
base
i=0
while [ $i -lt 300 ]; do
	printf -- '---\ntitle: N%s\ndate: 2025-01-01\n---\nText MARK-N%s.\n' \
	    $i $i >"$GK_REPO/content/v/fees/n$i.md"
	i=$((i + 1))
done
R add content
gk_commit editor editor items
gk_approve alice alice 'content/**'
item $B B2
gk_commit editor editor B2
gk_approve alice alice 'content/v/**'
R cat-file commit HEAD >"$GK_DIR/w"
mkdir "$GK_DIR/tw"
perl -e 'local $/; my $w = <STDIN>; for my $i (1 .. 3000) {
	(my $t = $w) =~ s/^(gpgsig -----BEGIN PGP SIGNATURE-----\n)/$1 Comment: twin $i\n/m
	    or die "no signature";
	open(my $fh, ">", "$ARGV[0]/$i") or die; print $fh $t; close $fh;
}' "$GK_DIR/tw" <"$GK_DIR/w"
ls "$GK_DIR/tw" | sed "s|^|$GK_DIR/tw/|" |
    R hash-object -t commit -w --stdin-paths >"$GK_DIR/twins"
gk_rm content/v/fees
gk_commit mallory - 'remove every item'
set --
for p in $(cat "$GK_DIR/twins"); do set -- "$@" -p "$p"; done
t=$(R commit-tree "$@" -m twins 'HEAD^{tree}')
gk_next_date
R update-ref refs/heads/main "$(R commit-tree -p HEAD -p "$t" -m merge 'HEAD^{tree}')"
if timeout 20 "$GONGKAI" build --trust "$TRUST" --out "$SITE" \
    --accept-rewrite "$GK_REPO" >"$GK_DIR/bout" 2>"$GK_DIR/berr"; then
	ok
else
	fail "twins: build exit $? (124: over 20 s)"
fi
page twins v/fees/n7.html MARK-N7
page twins v/fees/b.html MARK-B2

# --- 5. an unsigned commit with 300,000 globs ----------------------------
#   base; S[alice] A: content/**
#   * mallory: content/v/zz/z0000000.md .. z0009999.md (one tree)
#   * mallory (unsigned): A: content/v/zz/q0*, ..., A: content/v/zz/q299999*
base
gk_approve alice alice 'content/**'
blob=$(printf -- '---\ntitle: Z\ndate: 2025-01-01\n---\nZ.\n' |
    R hash-object -w --stdin)
perl -e 'printf("100644 blob %s\tz%07d.md\n", $ARGV[0], $_) for 0 .. 9999' \
    "$blob" | R mktree >"$GK_DIR/zz"
vt=$( (R ls-tree HEAD:content/v; printf '040000 tree %s\tzz\n' "$(cat "$GK_DIR/zz")") |
    R mktree)
ct=$( (R ls-tree HEAD:content | grep -v '	v$'; printf '040000 tree %s\tv\n' "$vt") |
    R mktree)
rt=$( (R ls-tree HEAD | grep -v '	content$'; printf '040000 tree %s\tcontent\n' "$ct") |
    R mktree)
gk_next_date
R update-ref refs/heads/main "$(R commit-tree -p HEAD -m 'many files' "$rt")"
perl -e 'print "approve\n\n"; printf("Approved: content/v/zz/q%d*\n", $_) for 0 .. 299999' \
    >"$GK_DIR/msg"
gk_next_date
R commit -q --allow-empty --no-gpg-sign -F "$GK_DIR/msg"
if timeout 20 "$GONGKAI" status --trust "$TRUST" "$GK_REPO" \
    >"$GK_DIR/st" 2>&1; then
	ok
else
	fail "many-globs: status exit $? (124: over 20 s)"
fi
grep -q 'content/v/zz/z0009999.md' "$GK_DIR/st" && ok ||
    fail "many-globs: the files are not listed"

#   * mallory: 5,000 more unsigned commits with 64 such trailers each
H=$(R rev-parse HEAD)
perl -e 'print "reset refs/heads/main\nfrom $ARGV[0]\n";
for my $c (0 .. 4999) {
	my $m = "approve\n\n" . join("", map { "Approved: content/v/zz/r$c-$_*\n" } 0 .. 63);
	printf("commit refs/heads/main\ncommitter m <m\@x> %d +0000\ndata %d\n%s\n",
	    1767300000 + $c, length($m), $m);
}' "$H" | R fast-import --quiet
if timeout 20 "$GONGKAI" status --trust "$TRUST" "$GK_REPO" \
    >"$GK_DIR/st" 2>&1; then
	ok
else
	fail "many-glob-commits: status exit $? (124: over 20 s)"
fi
grep -q 'content/v/zz/z0009999.md' "$GK_DIR/st" && ok ||
    fail "many-glob-commits: the files are not listed"

# --- 6. a reviewer's signed tag carried in a mergetag -------------------
#   base; S[alice] A: content/**              (B1 published)
#   o mallory: b.md B3; alice signs tag v1 on it ("Approved: content/**")
#   * merge (unsigned) of tag v1, "Approved: content/**"
base
gk_approve alice alice 'content/**'
R checkout -q -b side
item $B B3
gk_commit mallory - B3
git -C "$GK_REPO" -c gpg.program="$GK_DIR/gpg-wrap" \
    -c user.signingkey="$(gk_fpr alice)" tag -s -m "release

Approved: content/**" v1 HEAD
R checkout -q main
gk_next_date
R merge --no-ff --no-gpg-sign -q -m "approve

Approved: content/**" v1
R cat-file commit HEAD | grep -q '^mergetag ' && ok ||
    fail "mergetag: git wrote no mergetag header"
build mergetag
page mergetag v/fees/b.html MARK-B1
nowhere mergetag MARK-B3

# --- 7. replace refs ------------------------------------------------------
#   base; X S[alice] A: content/**             (B1 published)
#   * mallory: refs/replace/<B1's blob> = a blob with MARK-EVIL;
#     refs/replace/X = X's message on a tree where b.md is MARK-EVIL2
base
gk_approve alice alice 'content/**'
X=$(R rev-parse HEAD)
b1=$(R rev-parse "HEAD:$B")
evil=$(printf -- '---\ntitle: Item B1\ndate: 2025-01-01\n---\nFee text MARK-EVIL here.\n' |
    R hash-object -w --stdin)
R update-ref "refs/replace/$b1" "$evil"
R cat-file -p "HEAD:$B" | grep -q MARK-EVIL && ok ||
    fail "replace: git does not apply the replace ref"
build replace-blob
page replace-blob v/fees/b.html MARK-B1
nowhere replace-blob MARK-EVIL
R update-ref -d "refs/replace/$b1"
R checkout -q -b evil
item $B EVIL2
gk_commit mallory - evil
R replace "$X" "$(R commit-tree -p "$X^" -m "approve

Approved: content/**" 'HEAD^{tree}')"
R checkout -q main
build replace-commit
page replace-commit v/fees/b.html MARK-B1
nowhere replace-commit MARK-EVIL2

# --- 8. a rewound main printed on a bulletin board -----------------------
#   base; editor: b.md B1 on the board; S[alice] A: content/v/**
#   * editor: rm b.md; S[alice] A: content/v/**   (withdrawn)
#   gongkai build, gongkai print v
#   * mallory: main reset to before the removal, an unsigned commit
#   build and print must refuse; the board keeps B1 off
base
item $B B1 'outputs: [web, board]'
gk_commit editor editor 'B1 on the board'
gk_approve alice alice 'content/v/**'
old=$(R rev-parse HEAD)
gk_rm $B
gk_commit editor editor 'withdraw b'
gk_approve alice alice 'content/v/**'
PR=$TMP/print
prt() {
	"$GONGKAI" print --trust "$TRUST" --out "$PR" "$@" v "$GK_REPO" \
	    >"$GK_DIR/pout" 2>"$GK_DIR/perr"
}
"$GONGKAI" build --trust "$TRUST" --out "$SITE" "$GK_REPO" >/dev/null 2>&1 &&
    ok || fail "rewound-print: first build"
prt && ok || fail "rewound-print: first print: $(head -c 300 "$GK_DIR/perr")"
not_on rewound-print-before v/print/board.html 'Item B1'
R update-ref refs/heads/main "$old"
gk_commit mallory - 'on the old line'
if "$GONGKAI" build --trust "$TRUST" --out "$SITE" "$GK_REPO" \
    >/dev/null 2>&1; then
	fail "rewound-print: build took the rewound main"
else
	ok
fi
if prt; then
	fail "rewound-print: print took the rewound main"
else
	grep -q 'does not contain' "$GK_DIR/perr" && ok ||
	    fail "rewound-print: $(head -c 300 "$GK_DIR/perr")"
fi
if grep -q 'Item B1' "$PR/v/print/board.html"; then
	fail "rewound-print: the board shows the withdrawn B1"
else
	ok
fi
prt --accept-rewrite && ok ||
    fail "rewound-print: --accept-rewrite: $(head -c 300 "$GK_DIR/perr")"

done_tests
