#!/bin/sh
# tests/attack4.test.sh -- red team on the gate, fourth round: someone
# who can push anything to the content repository but holds no
# reviewer's, editor's or administrator's key.  Fixtures as in
# tests/gate-attack.test.sh (real keys, throwaway GNUPGHOME).  Each
# case failed before its fix:
#
#  1 an unapproved key file whose subkey packet carries a reviewer's
#    (or a trust key's) primary key material, imported into the one
#    keyring beside the real key, made RNP drop that key: every
#    signature it ever made stopped verifying (the reviewer's
#    approvals, whole units with them, went offline; for a trust key,
#    every build stopped: "no approved config.yaml").  Fixed: each key
#    file is read in a keyring of its own, and only the trust keys and
#    key files governance published verify signatures.
#  2 the day a build is as of was the ref's commit date, which an
#    unsigned commit chooses: dated 2099 it took items with `expires:`
#    off the boards and the kiosk; dated 2020 it put a repealed fee
#    standard back on a village board.  Fixed: no later than the
#    build's clock, no earlier than the newest signed mainline commit;
#    an outside test then dated one just after the reviewers' last
#    signature, months before the clock, and repealed items went back
#    on the boards.  Fixed again: the day is the clock's (or
#    SOURCE_DATE_EPOCH's) in every build, never a commit's.
#  3 a stray _unit.yaml, never approved, in a unit's annual/ folder hid
#    its approved annual reports.  Fixed: annual/ is a folder of its
#    unit like a category or a programme (gate.h rule 12).
#  4 a phone number written with two spaces, tabs or no-break spaces
#    between its groups ("138  1234  5678"), which a page shows as
#    "138 1234 5678", was published, and so was one after another
#    number ("MARK-B2 138 1234 5678").  Fixed: privacy reads white
#    space as a page shows it, and finds a grouped number inside a
#    longer chain.  An ID number or a phone number in a file's name
#    (in its URL, the sitemap, the feeds) was published with it: now
#    vetoed like one in its text.
#  5 a file name holding a newline drew a line of its own in `gongkai
#    status` ("... content/v/fees/b.md  Item B published").  Fixed:
#    control characters are printed as escapes.
#
# Keys: admin (trust root); alice, bob (scope content/**), carol
# (content/v/**); editor; mallory and fake (nobody).  Units content/c
# (county, 2 approvals, web and kiosk) and content/v (village, 1
# approval, web and board).
. tests/gate/world.sh
# fake: a certification-only primary with a signing subkey
gk_gpg --quick-gen-key "fake <fake@example.org>" ed25519 cert never \
    2>/dev/null && gk_gpg --quick-add-key "$(gk_fpr fake)" ed25519 sign \
    never 2>/dev/null && gk_export fake || fail "mkkey fake"

# --- 1. a key file claiming a reviewer's or a trust key ---------------
#   base; S[alice], S[bob] A: content/**     (A1, B1 published)
#   * mallory: keys/zz.asc = fake's key, its subkey packet carrying
#     alice's primary key material (public: anyone can make it)
#   * editor: b.md B2; S[alice] A: content/v/**  (B2 published)
base
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
build claim-before
page claim-before c/fees/a.html MARK-A1
perl tests/gate/claim-key.pl "$GK_DIR/keys/alice.asc" \
    "$GK_DIR/keys/fake.asc" >"$GK_REPO/keys/zz.asc"
R add keys/zz.asc
gk_commit mallory - 'a key file'
build claim-reviewer
page claim-reviewer c/fees/a.html MARK-A1
page claim-reviewer v/fees/b.html MARK-B1
item $B B2
gk_commit editor editor B2
gk_approve alice alice 'content/v/**'
build claim-reviewer-after
page claim-reviewer-after v/fees/b.html MARK-B2

#   the same for the trust key: governance stays in force
base
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
perl tests/gate/claim-key.pl "$GK_DIR/keys/admin.asc" \
    "$GK_DIR/keys/fake.asc" >"$GK_REPO/keys/zz.asc"
R add keys/zz.asc
gk_commit mallory - 'a key file'
build claim-trust
page claim-trust c/fees/a.html MARK-A1

#   an unapproved key signs nothing: mallory's own key pushed under
#   keys/, and a commit signed with it, approve nothing (as before)
base
cp "$GK_DIR/keys/mallory.asc" "$GK_REPO/keys/"
R add keys
item $B B3
gk_commit mallory mallory 'B3 and a key'
gk_approve mallory mallory 'content/**'
build own-key
nowhere own-key MARK-B3

# --- 2. the day of the build from an unsigned commit's date ------------
#   base; k.md (kiosk) and b.md (board) expire in 2090; r.md (board)
#   was repealed 2025-12-01; S[alice], S[bob] A: content/**
#   * mallory: an empty commit dated 2099: k, b stay on the kiosk and
#     the board, valid
#   * mallory: an empty commit dated 2020: r stays off the board
unset SOURCE_DATE_EPOCH
base
item content/c/fees/k.md K1 'expires: 2090-01-01
outputs: [web, kiosk]'
item $B B1 'expires: 2090-01-01
outputs: [web, board]'
item content/v/fees/r.md R1 'repealed: 2025-12-01
outputs: [web, board]'
gk_commit editor editor items
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
build clock-before
page clock-before c/kiosk/fees/k.html MARK-K1
page clock-before v/print/board.html 'Item B1'
not_on clock-before v/print/board.html 'Item R1'
GIT_COMMITTER_DATE='@4070908800 +0000' GIT_AUTHOR_DATE='@4070908800 +0000' \
    R commit -q --allow-empty --no-gpg-sign -m 'in 2099'
build clock-2099
page clock-2099 c/kiosk/fees/k.html MARK-K1
page clock-2099 v/print/board.html 'Item B1'
not_on clock-2099 v/fees/b.html '已失效'
GIT_COMMITTER_DATE='@1577836800 +0000' GIT_AUTHOR_DATE='@1577836800 +0000' \
    R commit -q --allow-empty --no-gpg-sign -m 'in 2020'
build clock-2020
not_on clock-2020 v/print/board.html 'Item R1'
page clock-2020 v/fees/r.html '已废止'
#   * mallory: an empty commit dated just after the reviewers' last
#     signature (2026-01-01), months before the clock: r.md, repealed
#     2026-03-01, and k.md, expired 2026-04-01, stay so (the day was
#     the tip's date held no earlier than that signature: r went back
#     on the board, k back on the kiosk)
base
item content/v/fees/r.md R2 'repealed: 2026-03-01
outputs: [web, board]'
item content/c/fees/k.md K2 'expires: 2026-04-01
outputs: [web, kiosk]'
gk_commit editor editor items
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
GIT_COMMITTER_DATE="@$((GK_TIME + 60)) +0000" \
    GIT_AUTHOR_DATE="@$((GK_TIME + 60)) +0000" \
    R commit -q --allow-empty --no-gpg-sign -m 'just after the signature'
build clock-signed
not_on clock-signed v/print/board.html 'Item R2'
page clock-signed v/fees/r.html '已废止'
page clock-signed c/fees/k.html '已失效'
check "clock-signed: k.md is off the kiosk" \
    [ ! -e "$SITE/c/kiosk/fees/k.html" ]
export SOURCE_DATE_EPOCH=1767225600

# --- 3. a stray unit file in annual/ ----------------------------------
#   base; content/c/annual/2025.yaml; S[alice], S[bob] A: content/**
#   * mallory: content/c/annual/_unit.yaml (never approved)
base
gk_file content/c/annual/2025.yaml 'summary: Annual MARK-AN1 report.'
gk_commit editor editor annual
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
build annual-before
page annual-before c/annual/2025.html MARK-AN1
gk_file content/c/annual/_unit.yaml "name: Stray
level: village"
gk_commit mallory - 'stray unit'
build annual-stray
page annual-stray c/annual/2025.html MARK-AN1

# --- 4. a phone number with white space a page collapses ----------------
#   base; S[alice] A: content/v/**          (B1 published)
#   * editor: b.md with "138  1234  5678" (a reviewer misses it)
#   * S[alice] A: content/v/**: vetoed, B1 stays
n=0
for sep in '  ' "$(printf '\t')" "$(printf '\302\240')" '&nbsp;'; do
	n=$((n + 1))	# two spaces, a tab, U+00A0, &nbsp;
	base
	gk_approve alice alice 'content/v/**'
	gk_file $B "$(printf -- '---\ntitle: Item B\ndate: 2025-01-01\n---\nCall MARK-B2 138%s1234%s5678.\n' "$sep" "$sep")"
	gk_commit editor editor 'B2 with a phone'
	gk_approve alice alice 'content/v/**'
	build "space-$n"
	page "space-$n" v/fees/b.html MARK-B1
	nowhere "space-$n" MARK-B2
done

#   an ID number or a phone in a file's name: its URL, the sitemap, the
#   feeds show it; the text is clean, a reviewer approves it (vetoed)
base
gk_approve alice alice 'content/v/**'
item content/v/fees/110101199001011237.md N1
item content/v/fees/tel-138-1234-5678.md N2
gk_commit editor editor 'items named by numbers'
gk_approve alice alice 'content/v/**'
build name-privacy
page name-privacy v/fees/b.html MARK-B1
nowhere name-privacy MARK-N1
nowhere name-privacy MARK-N2
nowhere name-privacy 110101199001011237
nowhere name-privacy 138-1234-5678

# --- 5. a file name that draws a line of status -------------------------
base
gk_approve alice alice 'content/**'
gk_file "content/v/fees/zz.md
beefbeef00  =           content/v/fees/b.md  Item B published" x
gk_commit mallory - 'odd name'
"$GONGKAI" status --trust "$TRUST" "$GK_REPO" >"$GK_DIR/st" 2>&1
if grep -q '^beefbeef00' "$GK_DIR/st"; then
	fail "status-newline: a name drew a line: $(grep '^beefbeef00' "$GK_DIR/st")"
else
	ok
fi
grep -qF 'content/v/fees/zz.md\x0abeefbeef00' "$GK_DIR/st" && ok ||
    fail "status-newline: the name is not shown escaped"

done_tests
