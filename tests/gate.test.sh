#!/bin/sh
# tests/gate.test.sh -- the approval gate (DESIGN.md section 4) against
# adversarial histories.  Each case draws its mainline; "*" is a
# mainline commit, S[name] signed by that key (unsigned otherwise),
# "A: glob" an Approved trailer.  Decisions are printed by the test
# driver build/unit_gate (see tests/unit_gate.c for its line format).
# tests/gate-cli.test.sh replays the same histories through the
# commands: which text `gongkai build --trust` publishes, and what
# `gongkai status --json` reports.
#
# Keys: admin, admin2 (trust root); alice, bob (scope content/**),
# carol (scope content/v/**); mallory (nobody).  Units: content/c
# (county, 2 approvals), content/v (village, 1 approval).  Everything
# starts with the base history:
#
#   * c1 editor: config.yaml keys/ content/{c,v}/_unit.yaml
#                content/c/a.md "A1" content/v/b.md "B1"
#   * c2 S[admin] A: config.yaml, A: keys/**
#   * S[alice] A: content/*/_unit.yaml
#   * S[bob] A: content/*/_unit.yaml
#
# "editor" signs with a key listed in `editors`: the author is known.
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh

gk_driver

. tests/gate/two-units.sh

base() {
	two_units_repo
	gk_file content/c/_unit.yaml "level: county"
	gk_file content/v/_unit.yaml "level: village"
	gk_file content/c/a.md A1
	gk_file content/v/b.md B1
	gk_commit editor editor c1
	gk_approve admin admin config.yaml 'keys/**'
	# a unit with no published unit above it needs the most
	# approvals any level needs: two
	gk_approve alice alice 'content/*/_unit.yaml'
	gk_approve bob bob 'content/*/_unit.yaml'
}

# run [DRIVER OPTIONS], expect CASE PATH FIELD=VALUE...: see gk_drive
# and gk_expect.
run() { gk_drive "$GK_DIR/trust.asc" "" "$@"; }
expect() { gk_expect "$@"; }

# --- governance and four eyes ---------------------------------------
#   base
#   * c3 S[alice] A: content/**
#   * c4 S[bob]   A: content/c/**
base
run
expect base config.yaml pub=site:_{_title:_T,_base_url:_\"https://gongkai.example/\"_} vis=1
expect base keys/alice.asc vis=1
expect base content/v/b.md pub=none vis=0 need=1 have=0 wait=alice,bob,carol
grep -q '^gov 2$' "$GK_DIR/out" && ok || fail "governance in force from c3"
gk_approve alice alice 'content/**'
run
expect one-of-two content/v/_unit.yaml vis=1 by=alice,bob
expect one-of-two content/v/b.md pub=B1 vis=1 by=alice need=0
expect one-of-two content/c/_unit.yaml pub=level:_county vis=1
expect one-of-two content/c/a.md pub=none vis=0 need=2 have=1 wait=bob
gk_approve bob bob 'content/c/**'
run
expect two-of-two content/c/a.md pub=A1 vis=1 by=alice,bob

# --- what does not approve ------------------------------------------
#   base
#   * c3 editor (unsigned)  A: content/**
#   * c4 S[mallory]         A: content/**      not a reviewer
#   * c5 S[carol]           A: content/**      only content/v in scope
#   * c6 S[alice]           "Approved content/**" (no colon)
#   * c7 S[alice]           A: in a middle paragraph, text after it
#   * c8 S[alice]           A: (empty)
base
gk_approve editor - 'content/**'
gk_approve mallory mallory 'content/**'
run
expect unsigned-and-unknown content/v/b.md pub=none have=0
gk_approve carol carol 'content/**'
run
expect out-of-scope content/c/a.md pub=none have=0 need=2
expect out-of-scope content/v/b.md pub=B1 by=carol
gk_commit alice alice 'no colon

Approved content/**'
gk_commit alice alice 'middle

Approved: content/**

trailing words'
gk_commit alice alice 'empty

Approved: '
run
expect malformed-trailers content/c/a.md pub=none have=0

# --- approvals before governance is in force --------------------------
#   * c1 editor: governance + content
#   * c2 S[alice] A: content/**     no governance in force yet
#   * c3 S[admin] A: config.yaml, A: keys/**
gk_newrepo
mkdir -p "$GK_REPO/keys" && cp "$GK_DIR/keys/alice.asc" "$GK_DIR/keys/bob.asc" "$GK_DIR/keys/carol.asc" "$GK_DIR/keys/editor.asc" "$GK_REPO/keys/"
git -C "$GK_REPO" add keys
config
gk_file content/v/_unit.yaml "level: village"
gk_file content/v/b.md B1
gk_commit editor editor c1
gk_approve alice alice 'content/**'
gk_approve admin admin config.yaml 'keys/**'
run
expect too-early content/v/b.md pub=none have=0 wait=alice,bob,carol

# --- self-approval ----------------------------------------------------
#   base
#   * c3 S[alice] author alice: b.md "B2", A: content/v/**   own edit
#   * c4 S[alice]                        A: content/v/**     still own
#   * c5 S[bob]                          A: content/v/**
base
gk_file content/v/b.md B2
gk_commit alice alice 'edit

Approved: content/v/**'
gk_approve alice alice 'content/v/**'
run
expect self content/v/b.md pub=none live=B2 have=0 wait=bob,carol
gk_approve bob bob 'content/v/**'
run
expect self-then-other content/v/b.md pub=B2 by=bob

#   Four eyes cannot trust a typed name (issue 8.8): the author is the
#   signer of the commit that starts a version, when the key is a
#   reviewer's or an editor's; an unsigned version needs one more.
#   base
#   * c3 author "editor" (unsigned, made by alice): b.md "B3"
#   * c4 S[alice] A: content/v/b.md      counts, but 1 of 2
#   * c5 S[bob] A: content/v/b.md        2 of 2
base
gk_file content/v/b.md B3
gk_commit editor - 'edit typed as the editor, unsigned'
gk_approve alice alice content/v/b.md
run
expect unsigned-needs-one-more content/v/b.md pub=none live=B3 need=2 have=1 wait=bob,carol
gk_approve bob bob content/v/b.md
run
expect unsigned-two content/v/b.md pub=B3 by=alice,bob

#   base
#   * c3 S[alice], author field "editor": b.md "B4"
#   * c4 S[alice] A: content/v/b.md      alice signed it: her own
base
gk_file content/v/b.md B4
gk_commit editor alice 'typed as the editor, signed by alice'
gk_approve alice alice content/v/b.md
run
expect signer-is-author content/v/b.md pub=none live=B4 need=1 have=0 wait=bob,carol

#   base
#   * c3 S[mallory] (a key nobody lists): b.md "B5"
#   * c4 S[alice] A: content/v/b.md      author unknown: 1 of 2
base
gk_file content/v/b.md B5
gk_commit editor mallory 'signed by an unlisted key'
gk_approve alice alice content/v/b.md
run
expect unknown-signer content/v/b.md pub=none live=B5 need=2 have=1

# --- versions ---------------------------------------------------------
#   base
#   * c3 S[alice] A: content/v/**         B1 published
#   * c4 editor: b.md "B2"                waits; B1 stays online
#   * c5 S[alice] A: content/v/**         B2 published
#   * c6 editor: b.md "B1" again          a new version: B2 stays
base
gk_approve alice alice 'content/v/**'
gk_file content/v/b.md B2
gk_commit editor editor 'edit'
run
expect edit-waits content/v/b.md pub=B1 live=B2 vis=1 need=1 have=0
gk_approve alice alice 'content/v/**'
gk_file content/v/b.md B1
gk_commit editor editor 'back to B1'
run
expect no-rollback content/v/b.md pub=B2 live=B1 need=1

# --- withdrawal -------------------------------------------------------
#   base
#   * c3 S[alice] A: content/v/**     B1 published
#   * c4 editor: rm b.md              not approved: B1 stays online
#   * c5 S[bob] A: content/v/b.md     withdrawal approved
base
gk_approve alice alice 'content/v/**'
gk_rm content/v/b.md
gk_commit editor editor 'remove'
run
expect delete-unapproved content/v/b.md pub=B1 live=- vis=1 need=1
gk_approve bob bob content/v/b.md
run
expect delete-approved content/v/b.md pub=- live=- vis=0 need=0

#   * c4' alice removes b.md (author alice), c5' S[alice] approves it:
#   a withdrawal may be approved by its author.
base
gk_approve bob bob 'content/v/**'
gk_rm content/v/b.md
gk_commit alice - 'remove'
gk_approve alice alice 'content/v/**'
run
expect self-withdrawal content/v/b.md pub=- vis=0

# --- side branches ----------------------------------------------------
#   base
#   * c3 merge (unsigned, editor) <- o S[alice] A: content/** (side)
base
git -C "$GK_REPO" checkout -q -b side
gk_approve alice alice 'content/**'
git -C "$GK_REPO" checkout -q main
gk_file content/v/other.md O1
gk_commit editor editor 'main work'
gk_next_date
git -C "$GK_REPO" merge -q --no-ff --no-gpg-sign -m 'merge side' side
run
expect side-branch content/v/b.md pub=none have=0
#   * c5 S[alice] signed merge commit on the mainline, A: content/v/**
gk_next_date
git -C "$GK_REPO" commit -q --allow-empty -S"$(cat "$GK_DIR/alice.fpr")" \
    -m 'approve

Approved: content/v/**'
run
expect mainline-approval content/v/b.md pub=B1 by=alice

# --- unapproved governance change -------------------------------------
#   base
#   * c3 editor: add reviewer mallory (config + keys/mallory.asc)
#   * c4 S[mallory] A: content/**        mallory not in force
#   * c5 S[admin] A: config.yaml, A: keys/**
#   * c6 S[mallory] A: content/v/**      now she counts
base
EXTRA='  - { id: mallory, name: M, email: mallory@example.org, key: keys/mallory.asc, scope: ["content/**"] }'
config
cp "$GK_DIR/keys/mallory.asc" "$GK_REPO/keys/"
git -C "$GK_REPO" add keys
gk_commit editor editor 'add mallory'
gk_approve mallory mallory 'content/**'
run
expect gov-unapproved content/v/b.md pub=none have=0
expect gov-unapproved config.yaml need=1 wait=trust,trust
gk_approve admin admin config.yaml 'keys/**'
gk_approve mallory mallory 'content/v/**'
run
expect gov-approved content/v/b.md pub=B1 by=mallory

# Two trust keys needed: one admin approval is not enough.
#   base with governance_approvals: 2 approved by admin (1 needed then)
#   * c3 editor: config adds reviewer mallory
#   * c4 S[admin] A: config.yaml, A: keys/**     1 of 2
#   * c5 S[mallory] A: content/**                not in force
#   * c6 S[admin2] A: config.yaml, A: keys/**    2 of 2
#   * c7 S[mallory] A: content/**                counts
base
GOVN=2
config
gk_commit editor editor 'two admins'
gk_approve admin admin config.yaml
cp "$GK_DIR/keys/mallory.asc" "$GK_REPO/keys/"
EXTRA='  - { id: mallory, name: M, email: mallory@example.org, key: keys/mallory.asc, scope: ["content/**"] }'
config
git -C "$GK_REPO" add keys
gk_commit editor editor 'add mallory'
gk_approve admin admin config.yaml 'keys/**'
gk_approve mallory mallory 'content/**'
run
expect gov-two-of-one content/v/b.md pub=none
gk_approve admin2 admin2 config.yaml 'keys/**'
gk_approve mallory mallory 'content/v/**'
run
expect gov-two-of-two content/v/b.md pub=B1 by=mallory

# --- revocation -------------------------------------------------------
#   base
#   * c3 S[alice] A: content/**     b.md published by alice
#   * c4 editor: revoked: [alice's fingerprint]
#   * c5 S[admin] A: config.yaml    from c6 on alice's key is void,
#                                   and so is her approval at c3
base
gk_approve alice alice 'content/**'
REVOKED=$(cat "$GK_DIR/alice.fpr")
config
gk_commit editor editor 'revoke alice'
run
expect revoke-unapproved content/v/b.md pub=B1 by=alice
gk_approve admin admin config.yaml
run
expect revoked content/v/b.md pub=none have=0 wait=bob,carol
#   The same fingerprint as `gpg --fingerprint` prints it (groups of
#   four, lower case) or with 0x revokes as well; a key ID, which many
#   keys can share, revokes nothing and says so: the config does not
#   parse, and the governance before it stays in force.
for form in spaced 0x keyid; do
	base
	gk_approve alice alice 'content/**'
	f=$(cat "$GK_DIR/alice.fpr")
	case $form in
	spaced)	REVOKED="\"$(echo "$f" | tr A-F a-f |
		    sed 's/..../& /g; s/ $//; s/\(\([^ ]* \)\{5\}\)/\1 /')\"" ;;
	0x)	REVOKED=0x$f ;;
	keyid)	REVOKED=$(echo "$f" | cut -c25-40) ;;
	esac
	config
	gk_commit editor editor "revoke alice ($form)"
	gk_approve admin admin config.yaml
	run
	if [ $form = keyid ]; then
		expect revoked-$form content/v/b.md pub=B1 by=alice
		grep -q "revoked key '$REVOKED' is a key ID" "$GK_DIR/err" &&
		    ok || fail "revoked-keyid: $(cat "$GK_DIR/err")"
	else
		expect revoked-$form content/v/b.md pub=none have=0
	fi
done
REVOKED=
#   A version whose commit a revoked key signed (the thief edits with
#   the stolen key), or a reviewer retired by then, has no known
#   author: like an unsigned one it needs one approval more.
for how in revoked retired; do
	base
	gk_approve alice alice 'content/**'
	if [ $how = revoked ]; then
		REVOKED=$(cat "$GK_DIR/alice.fpr")
	else
		RETIRED=alice
	fi
	config
	gk_commit editor editor "$how alice"
	gk_approve admin admin config.yaml
	gk_file content/v/b.md B2
	gk_commit alice alice "b.md signed by alice's $how key"
	gk_approve bob bob 'content/v/**'
	run
	if [ $how = revoked ]; then
		# (no unit published: alice's approvals are void; the
		# strictest level's two approvals, and one more)
		expect $how-author content/v/b.md pub=none live=B2 need=3
	else
		expect $how-author content/v/b.md pub=B1 live=B2 need=2
	fi
	REVOKED= RETIRED=
done

# --- retirement, and a backdated commit --------------------------------
#   base
#   * c3 S[alice] A: content/v/**   B1 published, stays published
#   * c4 editor: retired: [alice]; S[admin] approves at c5
#   * c6 editor: b.md "B2"
#   * c7 S[alice] A: content/v/**, committer date 2020 (before c4)
base
gk_approve alice alice 'content/v/**'
RETIRED=alice
config
gk_commit editor editor 'retire alice'
gk_approve admin admin config.yaml
gk_file content/v/b.md B2
gk_commit editor editor 'edit'
GIT_COMMITTER_DATE='@1577836800 +0800' GIT_AUTHOR_DATE='@1577836800 +0800' \
    git -C "$GK_REPO" commit -q --allow-empty \
    -S"$(cat "$GK_DIR/alice.fpr")" -m 'backdated

Approved: content/v/**'
run
expect retired content/v/b.md pub=B1 live=B2 by=alice need=1 wait=bob,carol
grep -q '^reviewer alice retired' "$GK_DIR/out" && ok || fail "alice retired"

# --- tampering and fake signatures --------------------------------------
#   base
#   * c3 S[alice] A: content/v/b.md, then its message is rewritten to
#        A: content/** keeping the signature
base
gk_approve alice alice content/v/b.md
gk_tamper HEAD 's|^Approved: content/v/b.md$|Approved: content/**|' >/dev/null
run
expect tampered content/v/b.md pub=none have=0

#   * c3 editor (unsigned): a message that carries alice's signature
#        block from another commit, as a gpgsig "header" in the body
base
gk_approve alice alice content/v/b.md
sig=$(git -C "$GK_REPO" cat-file commit HEAD | sed -n '/^gpgsig/,/END PGP/p')
git -C "$GK_REPO" reset -q --hard HEAD^
gk_commit editor - "sneaky

$sig

Approved: content/**"
run
expect sig-in-message content/v/b.md pub=none have=0

# --- units ------------------------------------------------------------
#   A new unit needs the approvals of the unit it is made in; an item
#   approved before its unit file stays hidden until that is published.
#   base
#   * c3 editor: content/v/n/_unit.yaml (village), content/v/n/x.md
#   * c4 S[alice] A: content/v/n/x.md   the item only (village: 1)
#   * c5 S[bob] A: content/v/n/_unit.yaml
base
gk_file content/v/n/_unit.yaml "level: village"
gk_file content/v/n/x.md X1
gk_commit editor editor 'new unit'
gk_approve alice alice content/v/n/x.md
run
expect unit-unpublished content/v/n/x.md pub=X1 vis=0
gk_approve bob bob content/v/n/_unit.yaml
run
expect unit-published content/v/n/x.md pub=X1 vis=1
expect unit-published content/v/n/_unit.yaml by=bob

#   A transient unit file cannot lower a level (issue 8.4): a
#   _unit.yaml never approved, placed in a county's category folder
#   while one reviewer approves, then deleted again.
#   base; S[alice], S[bob] A: content/c/**   (county published)
#   * editor: content/c/fees/_unit.yaml "level: village", fees/x.md
#   * S[alice] A: content/c/fees/**      county rules: 1 of 2
#   * editor: rm content/c/fees/_unit.yaml
base
gk_approve alice alice 'content/c/**'
gk_approve bob bob 'content/c/**'
gk_file content/c/fees/_unit.yaml "level: village"
gk_file content/c/fees/x.md X1
gk_commit editor editor 'a unit file in a category'
gk_approve alice alice 'content/c/fees/**'
run
expect transient-unit content/c/fees/x.md pub=none need=2 have=1
expect transient-unit content/c/fees/_unit.yaml pub=none need=2 have=1
# and the stray file hides nothing approved (fees is a category)
expect stray-unit-hides-nothing content/c/a.md pub=A1 vis=1
gk_rm content/c/fees/_unit.yaml
gk_commit editor editor 'unit file gone'
run
expect transient-unit-gone content/c/fees/x.md pub=none vis=0 need=2 have=1

#   An unapproved unit file where a new unit (not a category) starts
#   hides what is under it, and an unapproved content/_unit.yaml (never
#   a unit) hides nothing.
#   base; S[alice], S[bob] A: content/c/**
#   * editor: content/c/zz/_unit.yaml, content/c/zz/y.md, content/_unit.yaml
#   * S[alice], S[bob] A: content/c/zz/y.md
base
gk_approve alice alice 'content/c/**'
gk_approve bob bob 'content/c/**'
gk_file content/c/zz/_unit.yaml "level: village"
gk_file content/c/zz/y.md Y1
gk_file content/_unit.yaml "level: village"
gk_commit editor editor 'new unit, stray root unit file'
gk_approve alice alice content/c/zz/y.md
gk_approve bob bob content/c/zz/y.md
run
expect new-unit-hides content/c/zz/y.md pub=Y1 vis=0
expect root-unit-file-hides-nothing content/c/a.md pub=A1 vis=1

#   Level downgrade: an unapproved edit of content/c/_unit.yaml to
#   village must not let one reviewer publish a county item.
#   base; S[alice], S[bob] approve content/c/** (county published)
#   * editor: c/_unit.yaml "level: village", c/a.md "A2"
#   * S[alice] A: content/c/a.md
base
gk_approve alice alice 'content/c/**'
gk_approve bob bob 'content/c/**'
gk_file content/c/_unit.yaml "level: village"
gk_file content/c/a.md A2
gk_commit editor editor 'downgrade'
gk_approve alice alice content/c/a.md
run
expect level-downgrade content/c/a.md pub=A1 live=A2 have=1 need=2

# --- a repeat counts again when the level needs fewer ----------------
#   base
#   * S[alice] A: content/c/_unit.yaml, content/c/a.md   a.md 1 of 2
#   * S[bob] A: content/c/_unit.yaml                     county published
#   * editor: c/_unit.yaml "level: village"; S[alice], S[bob] approve it
#   * S[alice] A: content/c/a.md     a repeat, but village needs 1 now
base
gk_approve alice alice content/c/_unit.yaml content/c/a.md
gk_approve bob bob content/c/_unit.yaml
run
expect repeat-county content/c/_unit.yaml pub=level:_county by=alice,bob
expect repeat-county content/c/a.md pub=none vis=0 need=2 have=1
gk_file content/c/_unit.yaml "level: village"
gk_commit editor editor 'village'
gk_approve alice alice content/c/_unit.yaml
gk_approve bob bob content/c/_unit.yaml
run
expect repeat-village content/c/_unit.yaml pub=level:_village by=alice,bob
expect repeat-village content/c/a.md pub=none vis=0
gk_approve alice alice content/c/a.md
run
expect repeat-counts content/c/a.md pub=A1 vis=1 by=alice

#   The same when a new unit's first publication lowers the level of
#   an item approved before it, with no unit file edited in between:
#   the level is found again after every unit publication.
#   base
#   * editor: content/c/n/_unit.yaml "level: village", c/n/x.md X1
#   * S[alice] A: content/c/n/x.md          county rules: 1 of 2
#   * S[alice], S[bob] A: content/c/n/_unit.yaml     (county: 2)
#   * S[alice] A: content/c/n/x.md          a repeat; village needs 1
base
gk_file content/c/n/_unit.yaml "level: village"
gk_file content/c/n/x.md X1
gk_commit editor editor 'new unit in a county'
gk_approve alice alice content/c/n/x.md
gk_approve alice alice content/c/n/_unit.yaml
run
expect new-unit-county content/c/n/x.md pub=none need=2 have=1
gk_approve bob bob content/c/n/_unit.yaml
run
expect new-unit-published content/c/n/_unit.yaml pub=level:_village by=alice,bob
expect new-unit-published content/c/n/x.md pub=none need=1 have=1
gk_approve alice alice content/c/n/x.md
run
expect new-unit-village content/c/n/x.md pub=X1 vis=1 by=alice

#   A level's approvals are weighed under the governance in force at
#   each approval: raised between two approvals of one version.
#   base
#   * editor (unsigned): v/b.md "B2"      author unknown: village 1 + 1
#   * S[alice] A: content/v/b.md          1 of 2
#   * editor: config.yaml village approvals: 2; S[admin] A: config.yaml
#   * S[bob] A: content/v/b.md            2 of 3: not published
base
gk_file content/v/b.md B2
gk_commit editor - 'unsigned edit'
gk_approve alice alice content/v/b.md
run
expect gov-raise-before content/v/b.md pub=none live=B2 need=2 have=1
sed -i 's/approvals: 1 }/approvals: 2 }/' "$GK_REPO/config.yaml"
git -C "$GK_REPO" add config.yaml
gk_commit editor editor 'village needs two'
gk_approve admin admin config.yaml
gk_approve bob bob content/v/b.md
run
expect gov-raise-after content/v/b.md pub=none live=B2 vis=0 need=3 have=2

# --- revocation reaches subkeys and what it enabled (issue 8.5) -------
#   base + reviewer sam, who signs with a signing subkey
#   * S[sam] A: content/v/**                B1 published by sam
#   * editor: revoked: [sam's SUBKEY]; S[admin] A: config.yaml
gk_gpg --quick-gen-key "sam <sam@example.org>" ed25519 cert never 2>/dev/null
gk_gpg --quick-add-key "$(gk_fpr sam)" ed25519 sign never 2>/dev/null
gk_export sam
SAMSUB=$(gk_gpg --with-colons --list-keys "<sam@example.org>" |
    awk -F: '/^sub/ { s = 1 } s && /^fpr/ { print $10; exit }')
SAM='  - { id: sam, name: Sam, email: sam@example.org, key: keys/sam.asc, scope: ["content/**"] }'
with_sam() {
	base
	EXTRA=$SAM
	config
	cp "$GK_DIR/keys/sam.asc" "$GK_REPO/keys/"
	git -C "$GK_REPO" add keys
	gk_commit editor editor 'add sam'
	gk_approve admin admin config.yaml 'keys/**'
}
with_sam
gk_approve sam sam 'content/v/**'
run
expect subkey-counts content/v/b.md pub=B1 by=sam
REVOKED=$SAMSUB
config
gk_commit editor editor 'revoke sam subkey'
gk_approve admin admin config.yaml
run
expect subkey-revoked content/v/b.md pub=none vis=0

#   A level lowered with a key revoked later governs nothing.
#   base; S[alice], S[bob] A: content/c/**       county, A1
#   * editor: c/_unit.yaml "level: village"; S[alice], S[bob] approve it
#   * editor: c/a.md "A2"; S[alice] A: content/c/a.md   (village: 1)
#   * editor: revoked: [bob]; S[admin] A: config.yaml
base
gk_approve alice alice 'content/c/**'
gk_approve bob bob 'content/c/**'
gk_file content/c/_unit.yaml "level: village"
gk_commit editor editor 'downgrade'
gk_approve alice alice content/c/_unit.yaml
gk_approve bob bob content/c/_unit.yaml
gk_file content/c/a.md A2
gk_commit editor editor 'edit'
gk_approve alice alice content/c/a.md
run
expect lowered content/c/a.md pub=A2
REVOKED=$(gk_fpr bob)
config
gk_commit editor editor 'revoke bob'
gk_approve admin admin config.yaml
run
expect lowered-revoked content/c/_unit.yaml pub=none live=level:_village
expect lowered-revoked content/c/a.md pub=none live=A2 need=2

# --- repeats folded (struct fold in src/gate.c) -----------------------
#   A reviewer approving the same globs again while nothing moved
#   repeats what they approved; the gate weighs only what changed since
#   (run compares every case with -F, which weighs every repeat).  The
#   chains are broken by an edit, a unit file, other globs, an own
#   edit, a revocation and a retirement:
#   base; S[alice] S[bob] S[alice] A: content/**
#   * editor: c/a.md "A2"; S[alice] S[bob] A: content/**
#   * editor: c/_unit.yaml "level: village"; S[alice] S[bob] S[alice]
#   * S[alice] A: content/** + content/v/**; S[alice] A: content/**
#   * S[alice]: c/a.md "A3" (her own edit); S[alice] S[alice] S[carol]
#   * editor: revoked: [bob]; S[admin]; S[bob] S[bob] A: content/**
#   * editor: retired: [alice]; S[admin]; S[alice] S[alice]
base
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
gk_approve alice alice 'content/**'
run
expect fold-repeat content/c/a.md pub=A1 by=alice,bob ap=0:4/alice/c,0:5/bob/c,0:6/alice/p at=alice/counts,bob/counts,alice/repeat
gk_file content/c/a.md A2
gk_commit editor editor 'edit'
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
run
expect fold-edit content/c/a.md pub=A2 by=alice,bob
expect fold-edit content/v/b.md pub=B1 by=alice,bob ap=0:4/alice/c,0:5/bob/c,0:6/alice/p,0:8/alice/p,0:9/bob/p
gk_file content/c/_unit.yaml "level: village"
gk_commit editor editor 'downgrade'
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
gk_approve alice alice 'content/**'
run
expect fold-unit content/c/_unit.yaml pub=level:_village by=alice,bob
gk_approve alice alice 'content/**' 'content/v/**'
gk_approve alice alice 'content/**'
gk_file content/c/a.md A3
gk_commit alice alice 'own edit'
gk_approve alice alice 'content/**'
gk_approve alice alice 'content/**'
gk_approve carol carol 'content/**'
run
expect fold-self content/c/a.md pub=A2 live=A3 have=0 wait=bob
REVOKED=$(gk_fpr bob)
config
gk_commit editor editor 'revoke bob'
gk_approve admin admin config.yaml
gk_approve bob bob 'content/**'
gk_approve bob bob 'content/**'
run
expect fold-revoked content/c/a.md pub=none live=A3 have=0
RETIRED=alice
config
gk_commit editor editor 'retire alice'
gk_approve admin admin config.yaml
gk_approve alice alice 'content/**'
gk_approve alice alice 'content/**'
run
grep -q '^reviewer alice retired' "$GK_DIR/out" && ok || fail "fold: alice retired"

# --- the mainline only grows (issue 8.6) -------------------------------
#   base; S[alice] A: content/v/**               B1 published
#   * editor: rm b.md; S[alice] A: content/v/b.md  (W: withdrawal)
#   then a stale branch from before W merges main and is pushed as
#   main: W sits on the second parent.
#
#     * S --- * merge (pushed as main)
#      \     /
#       * rm --- * W
base
gk_approve alice alice 'content/v/**'
stale=$(git -C "$GK_REPO" rev-parse HEAD)
gk_rm content/v/b.md
gk_commit editor editor 'withdraw'
gk_approve alice alice content/v/b.md
old=$(git -C "$GK_REPO" rev-parse HEAD)
run
expect withdrawn content/v/b.md vis=0
reparent() {
	git -C "$GK_REPO" checkout -q -b stale "$stale"
	gk_file content/v/other.md O1
	gk_commit editor - 'stale work'
	gk_next_date
	git -C "$GK_REPO" merge -q --no-ff --no-edit main >/dev/null
	git -C "$GK_REPO" checkout -q main
	git -C "$GK_REPO" reset -q --hard stale
	git -C "$GK_REPO" branch -q -D stale
}
reparent
run
expect reparented content/v/b.md vis=0
grep -q '^rewritten 0$' "$GK_DIR/out" && ok || fail "no anchor: not rewritten"
if "$DRV" -a "$old" "$GK_REPO" "$GK_DIR/trust.asc" >/dev/null 2>"$GK_DIR/err"; then
	fail "re-parented mainline accepted after a build of $old"
else
	grep -q "rewritten or re-parented" "$GK_DIR/err" && ok ||
	    fail "rewrite message: $(cat "$GK_DIR/err")"
fi
run -a "$old" -w
grep -q '^rewritten 1$' "$GK_DIR/out" && ok || fail "--accept-rewrite"
run -a "$stale"
grep -q '^rewritten 0$' "$GK_DIR/out" && ok || fail "anchor on the mainline"

#   The same with a revocation: alice's key is revoked on main, then
#   main is re-parented under a stale branch.
base
gk_approve alice alice 'content/v/**'
stale=$(git -C "$GK_REPO" rev-parse HEAD)
REVOKED=$(gk_fpr alice)
config
gk_commit editor editor 'revoke alice'
gk_approve admin admin config.yaml
run
expect revoked-on-main content/v/b.md pub=none
reparent
run
expect revoked-off-main content/v/b.md pub=none vis=0

# --- what is not approved cannot stop what is (issue 8.9) -------------
#   base; S[alice] A: content/v/**
#   * editor: keys/sub a gitlink
#   * a commit libgit2 cannot parse (no author, a bad committer)
#   * editor: content/v/x/_unit.yaml with 20000 keys
base
gk_approve alice alice 'content/v/**'
git -C "$GK_REPO" update-index --add --cacheinfo \
    160000,"$(git -C "$GK_REPO" rev-parse HEAD)",keys/sub
gk_commit editor editor 'a gitlink under keys'
{
	echo "tree $(git -C "$GK_REPO" rev-parse 'HEAD^{tree}')"
	echo "parent $(git -C "$GK_REPO" rev-parse HEAD)"
	echo "committer nobody"
	echo
	echo "broken"
} >"$GK_DIR/broken.commit"
git -C "$GK_REPO" update-ref HEAD "$(gk_raw_commit "$GK_DIR/broken.commit")"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "k%d: v\n", i }' \
    >"$GK_DIR/big.yaml"
mkdir -p "$GK_REPO/content/v/x"
cp "$GK_DIR/big.yaml" "$GK_REPO/content/v/x/_unit.yaml"
git -C "$GK_REPO" add content/v/x/_unit.yaml
gk_commit editor editor 'a huge unit file'
run
expect dos-skipped content/v/b.md pub=B1 vis=1

# --- signatures judged by position, trees that mean one thing (8.10) --
#   base + reviewer eve, whose key expired on 2020-01-02
#   * S[eve] A: content/v/**   signed with a clock set to 2020-01-01: the
#     commits before it carry GOOD signatures made in 2026, so it was
#     made after eve's key expired, whatever its signature says
mkkey_2020 eve >/dev/null
expire_key eve
base
EXTRA='  - { id: eve, name: Eve, email: eve@example.org, key: keys/eve.asc, scope: ["content/**"] }'
config
cp "$GK_DIR/keys/eve.asc" "$GK_REPO/keys/"
git -C "$GK_REPO" add keys
gk_commit editor editor 'add eve'
gk_approve admin admin config.yaml 'keys/**'
GK_FAKETIME=20200101T120000 gk_approve eve eve 'content/v/**'
run
expect expired-backdated content/v/b.md pub=none have=0

#   base; S[alice] A: content/v/**              B1 published
#   * a tree holding content/v/b.md twice ("B2" first, as git show reads
#     it, and "B3"), then S[alice] A: content/v/**
base
gk_approve alice alice 'content/v/**'
R=$GK_REPO
b2=$(printf 'B2\n' | git -C "$R" hash-object -w --stdin)
b3=$(printf 'B3\n' | git -C "$R" hash-object -w --stdin)
raw_tree() {	# entries "mode name sha" on stdin -> tree id
	while read -r m n h; do
		perl -e 'print "$ARGV[0] $ARGV[1]\0", pack("H*", $ARGV[2])' "$m" "$n" "$h"
	done | git -C "$R" hash-object -t tree -w --literally --stdin
}
vt=$( { git -C "$R" ls-tree HEAD:content/v | awk '$4 != "b.md" { sub(/^040000/, "40000"); print $1, $4, $3 }'
	echo "100644 b.md $b2"; echo "100644 b.md $b3"; } | raw_tree)
ct=$( { git -C "$R" ls-tree HEAD:content | awk '$4 != "v" { sub(/^040000/, "40000"); print $1, $4, $3 }'
	echo "40000 v $vt"; } | raw_tree)
rt=$( { git -C "$R" ls-tree HEAD | awk '$4 != "content" { sub(/^040000/, "40000"); print $1, $4, $3 }'
	echo "40000 content $ct"; } | raw_tree)
gk_next_date
git -C "$R" update-ref HEAD "$(git -C "$R" commit-tree -p HEAD -m dup "$rt")"
gk_approve alice alice 'content/v/**'
run
expect duplicate-entry content/v/b.md pub=B1 vis=1
grep "^content/v/b.md " "$GK_DIR/out" | grep -q "live=B[23]" &&
    fail "duplicate-entry: a live text was chosen" || ok

# --- cache ------------------------------------------------------------
run
cp "$GK_DIR/out" "$GK_DIR/out.nocache"
run -c "$GK_DIR/cache"
cmp -s "$GK_DIR/out" "$GK_DIR/out.nocache" && ok || fail "cache: first run differs"
run -c "$GK_DIR/cache"
cmp -s "$GK_DIR/out" "$GK_DIR/out.nocache" && ok || fail "cache: cached run differs"
head -1 "$GK_DIR/cache" | grep -q '^gongkai-gate-cache 4 [0-9a-f]\{64\}$' && ok || fail "cache header"
# two sections: the trust keys' verdicts ("t" lines), then the keyset's
grep -q '^t [0-9a-f]\{40\} good ' "$GK_DIR/cache" && ok || fail "cache: no trust verdicts"
[ "$(grep -c '^keyset [0-9a-f]\{64\}$' "$GK_DIR/cache")" = 1 ] && ok || fail "cache: no keyset line"
# Each section is read (the cache folder is trusted: a verdict there is
# believed), and only under its own digests.
cp "$GK_DIR/cache" "$GK_DIR/cache.good"
sed -i '/^t /s/ good / bad /' "$GK_DIR/cache"
run -c "$GK_DIR/cache"
cmp -s "$GK_DIR/out" "$GK_DIR/out.nocache" && fail "cache: trust verdicts not read" || ok
cp "$GK_DIR/cache.good" "$GK_DIR/cache"
sed -i '/^[0-9a-f]/s/ good / bad /' "$GK_DIR/cache"
run -c "$GK_DIR/cache"
cmp -s "$GK_DIR/out" "$GK_DIR/out.nocache" && fail "cache: keyset verdicts not read" || ok
sed -i 's/^keyset [0-9a-f]/keyset x/' "$GK_DIR/cache"
run -c "$GK_DIR/cache"
cmp -s "$GK_DIR/out" "$GK_DIR/out.nocache" && ok || fail "cache: another keyset's verdicts read"
cp "$GK_DIR/cache.good" "$GK_DIR/cache"
sed -i '/^t /s/ good / bad /; 1s/ [0-9a-f]/ x/' "$GK_DIR/cache"
run -c "$GK_DIR/cache"
cmp -s "$GK_DIR/out" "$GK_DIR/out.nocache" && ok || fail "cache: another trust file's verdicts read"
printf 'garbage\n' >"$GK_DIR/cache2"
run -c "$GK_DIR/cache2"
cmp -s "$GK_DIR/out" "$GK_DIR/out.nocache" && ok || fail "cache: garbage cache changed results"

# --- refusals ---------------------------------------------------------
git clone -q --depth 1 "file://$GK_REPO" "$GK_DIR/shallow" 2>/dev/null
if "$DRV" "$GK_DIR/shallow" "$GK_DIR/trust.asc" >/dev/null 2>"$GK_DIR/err"; then
	fail "shallow repository accepted"
else
	grep -q shallow "$GK_DIR/err" && ok || fail "shallow: $(cat "$GK_DIR/err")"
fi
if "$DRV" -r nope "$GK_REPO" "$GK_DIR/trust.asc" >/dev/null 2>"$GK_DIR/err"; then
	fail "unknown ref accepted"
else
	grep -q "unknown ref 'nope'" "$GK_DIR/err" && ok || fail "ref: $(cat "$GK_DIR/err")"
fi
printf 'not a key\n' >"$GK_DIR/bad.asc"
if "$DRV" "$GK_REPO" "$GK_DIR/bad.asc" >/dev/null 2>"$GK_DIR/err"; then
	fail "bad trust file accepted"
else
	ok
fi

done_tests
