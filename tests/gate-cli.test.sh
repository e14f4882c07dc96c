#!/bin/sh
# tests/gate-cli.test.sh -- the approval gate end to end, through the
# commands: for each adversarial history of tests/gate.test.sh, which
# text of which item `gongkai build --trust` puts in the site, that an
# unpublished text appears nowhere in it, and what `gongkai status
# --json` reports.  Then `gongkai approve`, refusals (no --trust,
# shallow clone), symlinks, --ref, and the verification cache.
#
# Drawing: "*" is a mainline commit, S[name] signed by that key
# (unsigned otherwise), "A: glob" an Approved trailer.
#
# The keys, the two units and the base history every case starts from
# are tests/gate/cli-world.sh's.
. tests/gate/cli-world.sh

# JSON without jq: flatten `status --json` into KEY=VALUE lines such as
#   paths[3].waiting.reviewers[0]=bob
# (strings unquoted, escapes left as they are; empty lists as "=[]").
jflat() {
	awk '
	function pfx(   j, p) {
		p = ""
		for (j = 1; j <= d; j++)
			if (t[j] == "o")
				p = p (p == "" ? "" : ".") k[j]
			else
				p = p "[" x[j] "]"
		return p
	}
	{ s = s $0 "\n" }
	END {
		n = length(s); i = 1; d = 0
		while (i <= n) {
			c = substr(s, i, 1)
			if (c ~ /[ \t\n\r:]/) { i++; continue }
			if (c == "{" || c == "[") {
				d++; t[d] = c == "{" ? "o" : "a"
				k[d] = ""; x[d] = 0; wantkey = c == "{"
				fresh = 1; i++; continue
			}
			if (c == "}" || c == "]") {
				d--
				if (fresh)
					print pfx() "=" (c == "}" ? "{}" : "[]")
				fresh = 0; i++; continue
			}
			if (c == ",") {
				if (t[d] == "a") x[d]++; else wantkey = 1
				i++; continue
			}
			fresh = 0
			if (c == "\"") {
				for (j = i + 1; j <= n; j++) {
					ch = substr(s, j, 1)
					if (ch == "\\") j++
					else if (ch == "\"") break
				}
				v = substr(s, i + 1, j - i - 1); i = j + 1
				if (t[d] == "o" && wantkey) {
					k[d] = v; wantkey = 0
				} else
					print pfx() "=" v
				continue
			}
			v = substr(s, i)
			match(v, /^[^],} \t\n\r]+/)
			print pfx() "=" substr(v, 1, RLENGTH); i += RLENGTH
		}
	}'
}

# status CASE [ARGS...]: gongkai status --json, flattened to $GK_DIR/flat.
status() {
	c=$1
	shift
	if "$GONGKAI" status --trust "$TRUST" --json "$@" "$GK_REPO" \
	    >"$GK_DIR/json" 2>"$GK_DIR/serr"; then
		ok
	else
		fail "$c: status exit $?: $(cat "$GK_DIR/serr")"
	fi
	jflat <"$GK_DIR/json" >"$GK_DIR/flat"
}

# jget PREFIX KEY: the value of PREFIX.KEY in $GK_DIR/flat; KEY[*] joins
# a list with commas.
jget() {
	case $2 in
	*'[*]')
		awk -v k="$1.${2%???}" '
		    index($0, k "[") == 1 {
			r = substr($0, length(k) + 1)
			if (r ~ /^\[[0-9]+\]=/) {
				sub(/^\[[0-9]+\]=/, "", r)
				out = out (out == "" ? "" : ",") r
			}
		    }
		    END { print out }' "$GK_DIR/flat" ;;
	*)
		awk -v k="$1.$2" 'index($0, k "=") == 1 {
		    print substr($0, length(k) + 2) }' "$GK_DIR/flat" ;;
	esac
}

# jpfx PATH: the flat prefix of that path's object, "paths[N]".
jpfx() {
	awk -v p="$1" '/^paths\[[0-9]+\]\.path=/ {
	    i = index($0, "="); if (substr($0, i + 1) == p) {
		print substr($0, 1, i - 6); exit } }' "$GK_DIR/flat"
}

# counted PREFIX VERSION: reviewers whose approvals count for the
# version ("published" or "live"), joined with commas.
counted() {
	awk -v k="$1.$2.approvals[" '
	    index($0, k) == 1 {
		r = substr($0, length(k) + 1); n = r; sub(/\].*/, "", n)
		if (r ~ /^[0-9]+\]\.reviewer=/) { sub(/^[^=]*=/, "", r); who[n] = r }
		if (r ~ /^[0-9]+\]\.counts=true$/) yes[n] = 1
		if (n + 0 > max) max = n + 0
	    }
	    END { for (i = 0; i <= max; i++) if (yes[i])
		out = out (out == "" ? "" : ",") who[i]; print out }' \
	    "$GK_DIR/flat"
}

# jexpect CASE PATH KEY=VALUE...: fields of the path's status object
# (PATH "governance" for the governance summary).  KEY is a flat key
# such as online, waiting.approvals, live.blob, waiting.reviewers[*];
# "by" is who counts for the published version, "liveby" for the live.
jexpect() {
	c=$1 p=$2
	shift 2
	if [ "$p" = governance ]; then
		pf=governance
	else
		pf=$(jpfx "$p")
		[ -n "$pf" ] || { fail "$c: status has no $p"; return; }
	fi
	for kv; do
		key=${kv%%=*} want=${kv#*=}
		case $key in
		by) got=$(counted "$pf" published) ;;
		liveby) got=$(counted "$pf" live) ;;
		*) got=$(jget "$pf" "$key") ;;
		esac
		[ "$got" = "$want" ] && ok ||
		    fail "$c: $p: $key: want '$want', got '$got'"
	done
}

# --- governance and four eyes ---------------------------------------
#   base                                  nothing published yet
#   * c3 S[alice] A: content/**           village item B1 online;
#                                         county a.md has 1 of 2
#   * c4 S[bob]   A: content/c/**         A1 online
base
build base
nopage base v/fees/b.html
nopage base c/fees/a.html
nowhere base A1 B1
status base
jexpect base governance online=true waiting=null
jexpect base config.yaml online=true waiting=null
jexpect base $B online=false published=null waiting.approvals=1 \
    'waiting.reviewers[*]=alice,bob,carol' "live.blob=$(blob B1)"
gk_approve alice alice 'content/**'
build one-of-two
page one-of-two v/fees/b.html B1
nopage one-of-two c/fees/a.html
nowhere one-of-two A1
status one-of-two
jexpect one-of-two $B online=true waiting=null by=alice \
    "published.blob=$(blob B1)"
jexpect one-of-two $A online=false published=null waiting.approvals=1 \
    'waiting.reviewers[*]=bob' liveby=alice
jexpect one-of-two content/c/_unit.yaml online=true
gk_approve bob bob 'content/c/**'
build two-of-two
page two-of-two c/fees/a.html A1
page two-of-two v/fees/b.html B1
status two-of-two
jexpect two-of-two $A online=true waiting=null by=alice,bob \
    "published.blob=$(blob A1)"
grep -q 'Alice' "$SITE/c/fees/a.html" && grep -q 'Bob' "$SITE/c/fees/a.html" &&
    ok || fail "two-of-two: provenance on the page"
grep -q "\"$A\"" "$SITE/provenance.json" && ok ||
    fail "two-of-two: provenance.json lacks $A"
#   * c5 S[alice] A: content/c/**   a repeat: folded into her first
gk_approve alice alice 'content/c/**'
status repeat
jexpect repeat $A online=true by=alice,bob \
    'published.approvals[0].reviewer=alice' \
    'published.approvals[0].repeats=1' \
    'published.approvals[1].reviewer=bob' \
    'published.approvals[1].repeats=0' 'published.approvals[2].reviewer='

# --- what does not approve ------------------------------------------
#   base
#   * c3 editor (unsigned)  A: content/**
#   * c4 S[mallory]         A: content/**      key not in force
base
gk_approve editor - 'content/**'
gk_approve mallory mallory 'content/**'
build unsigned-and-unknown
nopage unsigned-and-unknown v/fees/b.html
nowhere unsigned-and-unknown A1 B1
status unsigned-and-unknown
jexpect unsigned-and-unknown $B online=false published=null \
    'live.approvals=[]' waiting.approvals=1 \
    'waiting.reviewers[*]=alice,bob,carol'
jexpect unsigned-and-unknown $A online=false waiting.approvals=2 reason=null

#   * c5 S[carol]           A: content/**      only content/v in scope
gk_approve carol carol 'content/**'
build out-of-scope
page out-of-scope v/fees/b.html B1
nopage out-of-scope c/fees/a.html
nowhere out-of-scope A1
status out-of-scope
jexpect out-of-scope $B online=true by=carol
jexpect out-of-scope $A online=false 'live.approvals=[]' \
    waiting.approvals=2 'waiting.reviewers[*]=alice,bob'

#   base
#   * c3 S[alice]           "Approved content/**" (no colon)
#   * c4 S[alice]           A: in a middle paragraph, text after it
#   * c5 S[alice]           A: (empty)
base
gk_commit alice alice 'no colon

Approved content/**'
gk_commit alice alice 'middle

Approved: content/**

trailing words'
gk_commit alice alice 'empty

Approved: '
build malformed-trailers
nowhere malformed-trailers A1 B1
status malformed-trailers
jexpect malformed-trailers $B online=false 'live.approvals=[]'

# --- approvals before governance is in force --------------------------
#   * c1 editor: governance + content
#   * c2 S[alice] A: content/**     no governance in force yet
#   * c3 S[admin] A: config.yaml, A: keys/**
gk_newrepo
mkdir -p "$GK_REPO/keys"
cp "$GK_DIR/keys/alice.asc" "$GK_DIR/keys/bob.asc" "$GK_DIR/keys/carol.asc" \
    "$GK_REPO/keys/"
git -C "$GK_REPO" add keys
config
gk_file content/v/_unit.yaml "name: Village
level: village"
item $B B1
gk_commit editor editor c1
gk_approve alice alice 'content/**'
rm -rf "$SITE"
"$GONGKAI" build --trust "$TRUST" --out "$SITE" --ref HEAD~1 "$GK_REPO" \
    >/dev/null 2>"$GK_DIR/berr"
[ $? -eq 1 ] && grep -q 'no approved config.yaml' "$GK_DIR/berr" && ok ||
    fail "no-governance: build should fail: $(cat "$GK_DIR/berr")"
status no-governance --ref HEAD~1
jexpect no-governance governance published=null online=false
gk_approve admin admin config.yaml 'keys/**'
build too-early
nowhere too-early B1
grep -q "^gongkai: built '$SITE': .*, [1-9][0-9]* items* waiting, [0-9.]* s$" \
    "$GK_DIR/berr" && ok || fail "too-early: summary: $(cat "$GK_DIR/berr")"
status too-early
jexpect too-early $B online=false 'live.approvals=[]' \
    'waiting.reviewers[*]=alice,bob,carol'

# --- self-approval ----------------------------------------------------
#   base
#   * c3 S[alice] author alice: b.md MARK-B2, A: content/v/**   own edit
#   * c4 S[alice]                        A: content/v/**        still own
#   * c5 S[bob]                          A: content/v/**
base
item $B B2
gk_commit alice alice 'edit

Approved: content/v/**'
gk_approve alice alice 'content/v/**'
build self
grep -q Village "$SITE/v/index.html" 2>/dev/null && ok ||
    fail "self: unit approved by alice is not online"
nopage self v/fees/b.html
nowhere self B1 B2
status self
jexpect self $B online=false published=null waiting.approvals=1 \
    'waiting.reviewers[*]=bob,carol' 'live.approvals[0].why=author' \
    'live.approvals[0].counts=false' liveby= \
    'live.approvals[0].repeats=1' 'live.approvals[1].why='
jexpect self content/v/_unit.yaml online=true by=alice,bob
gk_approve bob bob 'content/v/**'
build self-then-other
page self-then-other v/fees/b.html B2
nowhere self-then-other B1
status self-then-other
jexpect self-then-other $B online=true by=bob "published.blob=$(blob B2)"

#   base
#   * c3 author alice@example.org (unsigned): b.md MARK-B3
#   * c4 S[alice] A: content/v/fees/b.md      a typed name proves
#     nothing: alice counts, but the unsigned version needs one more
base
item $B B3
gk_commit alice - 'edit by alice, unsigned'
gk_approve alice alice $B
build self-author
nowhere self-author B1 B3
status self-author
jexpect self-author $B online=false 'live.author=alice <alice@example.org>' \
    waiting.approvals=1
#   status says why the level's one approval became two
jexpect self-author $B 'reason=its commit is unsigned or signed by no one listed: the author is unknown, so it needs one reviewer more than its level'

#   base
#   * c3 author alice (unsigned): a.md MARK-A2   the county's two
#     approvals become three, and only alice and bob are in scope:
#     status says it can never be published as it stands
base
item $A A2
gk_commit alice - 'county edit by alice, unsigned'
status unsigned-never
jexpect unsigned-never $A online=false waiting.approvals=3 \
    'waiting.reviewers[*]=alice,bob' \
    'reason=its commit is unsigned or signed by no one listed, so it needs one reviewer more than its level, and fewer can still approve it: it can never be published as it stands; commit it again, signed by its author'

# --- versions ---------------------------------------------------------
#   base
#   * c3 S[alice] A: content/v/**         B1 published
#   * c4 editor: b.md MARK-B2             waits; B1 stays online
#   * c5 S[alice] A: content/v/**         B2 published
#   * c6 editor: b.md MARK-B1 again       a new version: B2 stays
base
gk_approve alice alice 'content/v/**'
item $B B2
gk_commit editor editor 'edit'
build edit-waits
page edit-waits v/fees/b.html B1
nowhere edit-waits B2
status edit-waits
jexpect edit-waits $B online=false "published.blob=$(blob B1)" \
    "live.blob=$(blob B2)" waiting.approvals=1 \
    'waiting.reviewers[*]=alice,bob,carol' by=alice
gk_approve alice alice 'content/v/**'
build edit-approved
page edit-approved v/fees/b.html B2
nowhere edit-approved B1
old=$(git -C "$GK_REPO" rev-parse HEAD)
item $B B1
gk_commit editor editor 'back to B1'
build no-rollback
page no-rollback v/fees/b.html B2
nowhere no-rollback B1
status no-rollback
jexpect no-rollback $B online=false "published.blob=$(blob B2)" \
    "live.blob=$(blob B1)" waiting.approvals=1 'live.approvals=[]'

# --ref: an older commit builds that commit's approved state.
#   at c3 B1 was online; at c5 (= $old) B2
build ref-old --ref HEAD~3
page ref-old v/fees/b.html B1
nowhere ref-old B2
build ref-c5 --ref "$old"
page ref-c5 v/fees/b.html B2
nowhere ref-c5 B1
status ref-old --ref HEAD~3
jexpect ref-old governance online=true
grep -q "\"ref\": \"HEAD~3\"" "$GK_DIR/json" && ok || fail "ref-old: ref in json"
jexpect ref-old $B online=true "published.blob=$(blob B1)"
"$GONGKAI" build --trust "$TRUST" --out "$SITE" --ref nope "$GK_REPO" \
    >/dev/null 2>"$GK_DIR/berr"
[ $? -eq 1 ] && grep -q "nope" "$GK_DIR/berr" && ok ||
    fail "unknown ref: $(cat "$GK_DIR/berr")"
page unknown-ref-keeps-site v/fees/b.html B2

# --- withdrawal -------------------------------------------------------
#   base
#   * c3 S[alice] A: content/v/**     B1 published
#   * c4 editor: rm b.md              not approved: B1 stays online
#   * c5 S[bob] A: content/v/fees/b.md     withdrawal approved
base
gk_approve alice alice 'content/v/**'
gk_rm $B
gk_commit editor editor 'remove'
build delete-unapproved
page delete-unapproved v/fees/b.html B1
status delete-unapproved
jexpect delete-unapproved $B online=false live.blob=null \
    "published.blob=$(blob B1)" waiting.approvals=1
gk_approve bob bob $B
build delete-approved
nopage delete-approved v/fees/b.html
nowhere delete-approved B1
[ -f "$SITE/v/index.html" ] && ok || fail "delete-approved: unit page gone"
status delete-approved
jexpect delete-approved $B online=true published.blob=null live.blob=null \
    waiting=null by=bob

#   * c4' alice removes b.md (author alice), c5' S[alice] approves it:
#   a withdrawal may be approved by its author.
base
gk_approve bob bob 'content/v/**'
gk_rm $B
gk_commit alice - 'remove'
build self-withdrawal-before
page self-withdrawal-before v/fees/b.html B1
gk_approve alice alice 'content/v/**'
build self-withdrawal
nopage self-withdrawal v/fees/b.html
nowhere self-withdrawal B1
status self-withdrawal
jexpect self-withdrawal $B online=true published.blob=null by=alice

# --- side branches ----------------------------------------------------
#   base
#   * c3 editor: content/v/fees/other.md MARK-O1
#   * c4 merge (unsigned, editor) <- o S[alice] A: content/** (side)
base
git -C "$GK_REPO" checkout -q -b side
gk_approve alice alice 'content/**'
git -C "$GK_REPO" checkout -q main
item content/v/fees/other.md O1
gk_commit editor editor 'main work'
gk_next_date
git -C "$GK_REPO" merge -q --no-ff --no-gpg-sign -m 'merge side' side
build side-branch
nowhere side-branch B1 O1 A1
status side-branch
jexpect side-branch $B online=false 'live.approvals=[]'
#   * c5 S[alice] signed empty commit on the mainline, A: content/v/**
gk_next_date
git -C "$GK_REPO" commit -q --allow-empty -S"$(cat "$GK_DIR/alice.fpr")" \
    -m 'approve

Approved: content/v/**'
build mainline-approval
page mainline-approval v/fees/b.html B1
page mainline-approval v/fees/other.html O1
nowhere mainline-approval A1
status mainline-approval
jexpect mainline-approval $B online=true by=alice

# --- unapproved governance change -------------------------------------
#   base
#   * c3 S[alice] A: content/v/**        B1 online
#   * c4 editor: add reviewer mallory (config + keys/mallory.asc),
#                b.md MARK-B2
#   * c5 S[mallory] A: content/**        mallory not in force
#   * c6 S[admin] A: config.yaml, A: keys/**
#   * c7 S[mallory] A: content/v/**      now she counts
base
gk_approve alice alice 'content/v/**'
EXTRA='  - { id: mallory, name: M, email: mallory@example.org, key: keys/mallory.asc, scope: ["content/**"] }'
config
cp "$GK_DIR/keys/mallory.asc" "$GK_REPO/keys/"
git -C "$GK_REPO" add keys
item $B B2
gk_commit editor editor 'add mallory'
gk_approve mallory mallory 'content/**'
build gov-unapproved
page gov-unapproved v/fees/b.html B1
nowhere gov-unapproved B2 A1
status gov-unapproved
ADMINS="$(cat "$GK_DIR/admin.fpr"),$(cat "$GK_DIR/admin2.fpr")"
jexpect gov-unapproved governance online=false waiting.approvals=1 \
    "live=$(git -C "$GK_REPO" rev-parse HEAD~1)"
jexpect gov-unapproved config.yaml online=false waiting.approvals=1
jexpect gov-unapproved keys/mallory.asc online=false published=null
jexpect gov-unapproved $B online=false 'live.approvals=[]' \
    'waiting.reviewers[*]=alice,bob,carol'
w=$(jget "$(jpfx config.yaml)" 'waiting.reviewers[*]')
case ",$w," in
*",$(cat "$GK_DIR/admin.fpr"),"*)
	case ",$w," in
	*",$(cat "$GK_DIR/admin2.fpr"),"*) ok ;;
	*) fail "gov-unapproved: config.yaml waits for $w, want $ADMINS" ;;
	esac ;;
*) fail "gov-unapproved: config.yaml waits for $w, want $ADMINS" ;;
esac
gk_approve admin admin config.yaml 'keys/**'
gk_approve mallory mallory 'content/v/**'
build gov-approved
page gov-approved v/fees/b.html B2
nowhere gov-approved B1
status gov-approved
jexpect gov-approved governance online=true waiting=null
jexpect gov-approved $B online=true by=mallory

# Two trust keys needed: one admin approval is not enough.
#   base with governance_approvals: 2 approved by admin (1 needed then)
#   * c3 editor: governance_approvals: 2
#   * c4 S[admin] A: config.yaml                  in force from c5
#   * c5 editor: config adds reviewer mallory
#   * c6 S[admin] A: config.yaml, A: keys/**     1 of 2
#   * c7 S[mallory] A: content/**                not in force
#   * c8 S[admin2] A: config.yaml, A: keys/**    2 of 2
#   * c9 S[mallory] A: content/**                counts
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
build gov-one-of-two
nowhere gov-one-of-two B1 A1
status gov-one-of-two
jexpect gov-one-of-two governance online=false waiting.approvals=1 \
    "waiting.reviewers[*]=$(cat "$GK_DIR/admin2.fpr")"
gk_approve admin2 admin2 config.yaml 'keys/**'
gk_approve mallory mallory 'content/v/**'
build gov-two-of-two
page gov-two-of-two v/fees/b.html B1
nowhere gov-two-of-two A1
status gov-two-of-two
jexpect gov-two-of-two $B online=true by=mallory

# --- revocation -------------------------------------------------------
#   base
#   * c3 S[alice] A: content/**     v unit and B1 published by alice
#   * c4 editor: revoked: [alice's fingerprint]
#   * c5 S[admin] A: config.yaml    alice's key is void everywhere,
#                                   and so is her approval at c3
base
gk_approve alice alice 'content/**'
REVOKED=$(cat "$GK_DIR/alice.fpr")
config
gk_commit editor editor 'revoke alice'
build revoke-unapproved
page revoke-unapproved v/fees/b.html B1
gk_approve admin admin config.yaml
build revoked
nopage revoked v/fees/b.html
nopage revoked v/index.html
nowhere revoked B1 A1
status revoked
jexpect revoked $B online=false published=null \
    'live.approvals[0].why=revoked' 'live.approvals[0].counts=false' \
    'waiting.reviewers[*]=bob,carol'

# --- retirement, and a backdated commit --------------------------------
#   base
#   * c3 S[alice] A: content/v/**   B1 published before: stays published
#   * c4 editor: retired: [alice]; S[admin] approves at c5
#   * c6 editor: b.md MARK-B2
#   * c7 S[alice] A: content/v/**, committer date 2020 (before c4):
#        after the retirement on the mainline, so it does not count
base
gk_approve alice alice 'content/v/**'
RETIRED=alice
config
gk_commit editor editor 'retire alice'
gk_approve admin admin config.yaml
item $B B2
gk_commit editor editor 'edit'
GIT_COMMITTER_DATE='@1577836800 +0800' GIT_AUTHOR_DATE='@1577836800 +0800' \
    git -C "$GK_REPO" commit -q --allow-empty \
    -S"$(cat "$GK_DIR/alice.fpr")" -m 'backdated

Approved: content/v/**'
build retired
page retired v/fees/b.html B1
nowhere retired B2
status retired
jexpect retired $B online=false by=alice "published.blob=$(blob B1)" \
    "live.blob=$(blob B2)" waiting.approvals=1 \
    'waiting.reviewers[*]=bob,carol' liveby=

# --- tampering and fake signatures --------------------------------------
#   base
#   * c3 S[alice] A: content/v/fees/b.md, then its message is rewritten
#        to A: content/** keeping the signature
base
gk_approve alice alice $B
gk_tamper HEAD 's|^Approved: content/v/fees/b.md$|Approved: content/**|' \
    >/dev/null
build tampered
nowhere tampered B1 A1
status tampered
jexpect tampered $B online=false 'live.approvals=[]'

#   * c3 editor (unsigned): a message that carries alice's signature
#        block from another commit, as a gpgsig "header" in the body
base
gk_approve alice alice $B
sig=$(git -C "$GK_REPO" cat-file commit HEAD | sed -n '/^gpgsig/,/END PGP/p')
git -C "$GK_REPO" reset -q --hard HEAD^
gk_commit editor - "sneaky

$sig

Approved: content/**"
git -C "$GK_REPO" cat-file commit HEAD | grep -q '^gpgsig' && ok ||
    fail "sig-in-message: fixture has no gpgsig line in the message"
build sig-in-message
nowhere sig-in-message B1 A1
status sig-in-message
jexpect sig-in-message $B online=false 'live.approvals=[]'

# --- units ------------------------------------------------------------
#   base
#   * c3 editor: content/n/_unit.yaml (village), content/n/fees/x.md
#   * c4 S[alice], c5 S[bob] A: content/n/fees/x.md   the item only
#     (no unit above it is published: it needs two)
#   * c6 S[alice], c7 S[bob] A: content/n/_unit.yaml
base
gk_file content/n/_unit.yaml "name: New
level: village"
item content/n/fees/x.md X1
gk_commit editor editor 'new unit'
gk_approve alice alice content/n/fees/x.md
gk_approve bob bob content/n/fees/x.md
build unit-unpublished
nopage unit-unpublished n/fees/x.html
nowhere unit-unpublished X1
status unit-unpublished
jexpect unit-unpublished content/n/fees/x.md online=false by=alice,bob \
    'reason=unit not published'
gk_approve alice alice content/n/_unit.yaml
gk_approve bob bob content/n/_unit.yaml
build unit-published
page unit-published n/fees/x.html X1
status unit-published
jexpect unit-published content/n/fees/x.md online=true reason=null

#   Level downgrade: an unapproved edit of content/c/_unit.yaml to
#   village must not let one reviewer publish a county item.
#   base; S[alice], S[bob] approve content/c/** (county published)
#   * editor: c/_unit.yaml "level: village", c/fees/a.md MARK-A2
#   * S[alice] A: content/c/fees/a.md
base
gk_approve alice alice 'content/c/**'
gk_approve bob bob 'content/c/**'
gk_file content/c/_unit.yaml "name: County
level: village"
item $A A2
gk_commit editor editor 'downgrade'
gk_approve alice alice $A
build level-downgrade
page level-downgrade c/fees/a.html A1
nowhere level-downgrade A2
status level-downgrade
jexpect level-downgrade $A online=false waiting.approvals=1 \
    "published.blob=$(blob A1)" liveby=alice

# --- a symbolic link under content/ -----------------------------------
#   base
#   * c3 S[alice] A: content/v/**       B1 published
#   * c4 editor: content/v/fees/l.md -> b.md (a symlink)   not approved:
#        the build goes on without it
#   * c5 S[bob] A: content/v/**         approved, but a link is never
#        published: the build goes on without it, status says why
#   * c6 editor: b.md becomes a symlink to l.md; S[alice] approves:
#        B1, the last regular text, stays online
base
gk_approve alice alice 'content/v/**'
ln -s b.md "$GK_REPO/content/v/fees/l.md"
git -C "$GK_REPO" add content/v/fees/l.md
gk_commit editor editor 'symlink'
build symlink-unapproved
page symlink-unapproved v/fees/b.html B1
nopage symlink-unapproved v/fees/l.html
status symlink-unapproved
jexpect symlink-unapproved content/v/fees/l.md online=false \
    'reason=not a regular file (symbolic link)'
gk_approve bob bob 'content/v/**'
build symlink-approved
page symlink-approved v/fees/b.html B1
nopage symlink-approved v/fees/l.html
status symlink-approved
jexpect symlink-approved content/v/fees/l.md online=false published=null \
    waiting=null 'reason=not a regular file (symbolic link)' liveby=bob
rm "$GK_REPO/$B"
ln -s l.md "$GK_REPO/$B"
git -C "$GK_REPO" add "$B"
gk_commit editor editor 'b.md a symlink'
gk_approve alice alice 'content/v/**'
build symlink-replaces
page symlink-replaces v/fees/b.html B1
status symlink-replaces
jexpect symlink-replaces $B online=false "published.blob=$(blob B1)" \
    waiting=null 'reason=not a regular file (symbolic link)' liveby=alice

# --- gongkai approve --------------------------------------------------
#   base
#   * c3 S[alice] `gongkai approve 'content/v/**'`   (as alice)
#   * c4 editor: rm b.md
#   * c5 S[bob] `gongkai approve content/v/fees/b.md`: a withdrawal
base
git -C "$GK_REPO" config user.name Alice
git -C "$GK_REPO" config user.email alice@example.org
git -C "$GK_REPO" config user.signingkey "$(cat "$GK_DIR/alice.fpr")"
h0=$(git -C "$GK_REPO" rev-parse HEAD)
gk_next_date
(cd "$GK_REPO" && "$GONGKAI" approve 'content/zzz/**') >"$GK_DIR/aout" \
    2>"$GK_DIR/aerr"
check "approve: a glob matching nothing exits 1" [ $? -eq 1 ]
grep -q "content/zzz/\*\*" "$GK_DIR/aerr" && ok ||
    fail "approve: no word on the glob: $(cat "$GK_DIR/aerr")"
check "approve: no commit made for nothing" \
    [ "$(git -C "$GK_REPO" rev-parse HEAD)" = "$h0" ]
(cd "$GK_REPO" && "$GONGKAI" approve 'content/v/**' 'content/zzz/**') \
    >/dev/null 2>&1
check "approve: one bad glob of two exits 1" [ $? -eq 1 ]
check "approve: no commit made for one bad glob" \
    [ "$(git -C "$GK_REPO" rev-parse HEAD)" = "$h0" ]
(cd "$GK_REPO" && "$GONGKAI" approve --ref HEAD~1 'content/v/**') \
    >/dev/null 2>&1
check "approve: --ref not checked out exits 1" [ $? -eq 1 ]
(cd "$GK_REPO" && "$GONGKAI" approve) >/dev/null 2>&1
check "approve: no glob exits 2" [ $? -eq 2 ]
(cd "$GK_REPO" && "$GONGKAI" approve 'content/v/**') >"$GK_DIR/aout" \
    2>"$GK_DIR/aerr"
check "approve: exits 0" [ $? -eq 0 ]
bb=$(blob B1 | cut -c1-10)
grep -q "^content/v/\*\*\$" "$GK_DIR/aout" && ok ||
    fail "approve: glob not shown: $(cat "$GK_DIR/aout")"
grep -q "version $bb  $B\$" "$GK_DIR/aout" && ok ||
    fail "approve: match not shown: $(cat "$GK_DIR/aout")"
grep -q "content/v/_unit.yaml\$" "$GK_DIR/aout" && ok ||
    fail "approve: unit not shown"
grep -q "$A" "$GK_DIR/aout" && fail "approve: shows $A outside the glob" || ok
check "approve: one new commit" \
    [ "$(git -C "$GK_REPO" rev-parse HEAD~1)" = "$h0" ]
git -C "$GK_REPO" cat-file commit HEAD >"$GK_DIR/araw"
grep -q '^gpgsig -----BEGIN PGP SIGNATURE-----' "$GK_DIR/araw" && ok ||
    fail "approve: commit not signed"
grep -qx 'Approved: content/v/\*\*' "$GK_DIR/araw" && ok ||
    fail "approve: no trailer"
check "approve: commit is empty" \
    [ -z "$(git -C "$GK_REPO" diff --name-only HEAD~1 HEAD)" ]
git -C "$GK_REPO" verify-commit HEAD 2>/dev/null && ok ||
    fail "approve: git does not verify the signature"
build approve
page approve v/fees/b.html B1
nowhere approve A1
status approve
jexpect approve $B online=true by=alice \
    "published.approvals[0].commit=$(git -C "$GK_REPO" rev-parse HEAD)" \
    "published.approvals[0].fingerprint=$(cat "$GK_DIR/alice.fpr")"
gk_rm $B
gk_commit editor editor 'remove'
git -C "$GK_REPO" config user.name Bob
git -C "$GK_REPO" config user.email bob@example.org
git -C "$GK_REPO" config user.signingkey "$(cat "$GK_DIR/bob.fpr")"
gk_next_date
(cd "$GK_REPO" && "$GONGKAI" approve $B) >"$GK_DIR/aout" 2>"$GK_DIR/aerr"
check "approve withdrawal: exits 0" [ $? -eq 0 ]
grep -q "withdrawal  $B\$" "$GK_DIR/aout" && ok ||
    fail "approve: withdrawal not shown: $(cat "$GK_DIR/aout")"
build approve-withdrawal
nopage approve-withdrawal v/fees/b.html
nowhere approve-withdrawal B1
status approve-withdrawal
jexpect approve-withdrawal $B online=true published.blob=null by=bob
#   A replace ref makes git show other bytes than the approval signs
#   (the gate reads the objects themselves): approve refuses, unless
#   --force.
item $B B7
gk_commit editor editor 'B7'
git -C "$GK_REPO" replace "$(git -C "$GK_REPO" rev-parse HEAD:$B)" \
    "$(item_text B1 | git -C "$GK_REPO" hash-object -w --stdin)"
git -C "$GK_REPO" show HEAD:$B | grep -q MARK-B1 && ok ||
    fail "approve replaced: git does not show the replacement"
h0=$(git -C "$GK_REPO" rev-parse HEAD)
(cd "$GK_REPO" && "$GONGKAI" approve $B) >/dev/null 2>"$GK_DIR/aerr"
check "approve replaced: exits 1" [ $? -eq 1 ]
grep -q 'refs/replace' "$GK_DIR/aerr" && ok ||
    fail "approve replaced: unclear: $(cat "$GK_DIR/aerr")"
check "approve replaced: no commit" \
    [ "$(git -C "$GK_REPO" rev-parse HEAD)" = "$h0" ]
#   a packed-refs line git reads and libgit2 does not (a tab): the
#   replacements cannot be listed, which is not none
git -C "$GK_REPO" pack-refs --all
printf '%s\trefs/tags/note\n' "$(git -C "$GK_REPO" rev-parse HEAD)" \
    >>"$GK_REPO/.git/packed-refs"
(cd "$GK_REPO" && "$GONGKAI" approve $B) >/dev/null 2>"$GK_DIR/aerr"
check "approve replaced, refs unreadable: exits 1" [ $? -eq 1 ]
sed -i '/\trefs\/tags\/note$/d' "$GK_REPO/.git/packed-refs"
(cd "$GK_REPO" && "$GONGKAI" approve --force $B) >/dev/null 2>&1
check "approve replaced --force: exits 0" [ $? -eq 0 ]
git -C "$GK_REPO" replace -d "$(git -C "$GK_REPO" --no-replace-objects \
    rev-parse HEAD:$B)" >/dev/null
#   git reads a shallow file as grafts
: >"$GK_REPO/.git/shallow"
(cd "$GK_REPO" && "$GONGKAI" approve $B) >/dev/null 2>"$GK_DIR/aerr"
check "approve shallow: exits 1" [ $? -eq 1 ]
rm -f "$GK_REPO/.git/shallow"
#   Without a usable signing key git fails and no commit is made.
git -C "$GK_REPO" config user.signingkey 0000000000000000000000000000000000000000
h0=$(git -C "$GK_REPO" rev-parse HEAD)
(cd "$GK_REPO" && "$GONGKAI" approve 'content/v/**') >/dev/null \
    2>"$GK_DIR/aerr"
check "approve: no key exits 1" [ $? -eq 1 ]
grep -q 'signingkey' "$GK_DIR/aerr" && ok ||
    fail "approve: no key, unclear: $(cat "$GK_DIR/aerr")"
check "approve: no key, no commit" \
    [ "$(git -C "$GK_REPO" rev-parse HEAD)" = "$h0" ]
check "approve: message file removed" \
    [ ! -e "$GK_REPO/.git/gongkai-approve-msg" ]

# --- refusals ---------------------------------------------------------
base
gk_approve alice alice 'content/**'
"$GONGKAI" build --out "$TMP/nosite" "$GK_REPO" >/dev/null 2>"$GK_DIR/berr"
check "build without --trust exits 2" [ $? -eq 2 ]
check "build without --trust writes nothing" [ ! -e "$TMP/nosite" ]
grep -q -- '--trust' "$GK_DIR/berr" && ok || fail "no --trust: unclear message"
"$GONGKAI" status --json "$GK_REPO" >"$GK_DIR/json" 2>/dev/null
check "status without --trust exits 2" [ $? -eq 2 ]
check "status without --trust prints nothing" [ ! -s "$GK_DIR/json" ]
"$GONGKAI" build --trust "$GK_DIR/none.asc" --out "$TMP/nosite" "$GK_REPO" \
    >/dev/null 2>&1
check "missing trust file exits 1" [ $? -eq 1 ]
check "missing trust file writes nothing" [ ! -e "$TMP/nosite" ]
printf 'not a key\n' >"$GK_DIR/bad.asc"
"$GONGKAI" build --trust "$GK_DIR/bad.asc" --out "$TMP/nosite" "$GK_REPO" \
    >/dev/null 2>&1
check "trust file without keys exits 1" [ $? -eq 1 ]
check "trust file without keys writes nothing" [ ! -e "$TMP/nosite" ]
#   A trust file holding only a reviewer's key: governance unapproved.
"$GONGKAI" build --trust "$GK_DIR/keys/alice.asc" --out "$TMP/nosite" \
    "$GK_REPO" >/dev/null 2>&1
check "wrong trust root exits 1" [ $? -eq 1 ]
check "wrong trust root writes nothing" [ ! -e "$TMP/nosite" ]

git clone -q --depth 1 "file://$GK_REPO" "$GK_DIR/shallow" 2>/dev/null
check "shallow fixture is shallow" \
    [ "$(git -C "$GK_DIR/shallow" rev-parse --is-shallow-repository)" = true ]
"$GONGKAI" build --trust "$TRUST" --out "$TMP/nosite" "$GK_DIR/shallow" \
    >/dev/null 2>"$GK_DIR/berr"
check "shallow clone: build exits 1" [ $? -eq 1 ]
grep -q shallow "$GK_DIR/berr" && ok ||
    fail "shallow: unclear: $(cat "$GK_DIR/berr")"
check "shallow clone: nothing written" [ ! -e "$TMP/nosite" ]
"$GONGKAI" status --trust "$TRUST" --json "$GK_DIR/shallow" \
    >/dev/null 2>&1
check "shallow clone: status exits 1" [ $? -eq 1 ]
# a typo is no empty answer: --reviewer of no reviewer, a diff of a
# path the history and the working tree never held
"$GONGKAI" status --trust "$TRUST" --reviewer nobody "$GK_REPO" \
    >/dev/null 2>"$GK_DIR/rerr"
check "status --reviewer nobody: usage error" [ $? -eq 2 ]
check "status --reviewer nobody: lists the reviewers" \
    grep -q "is not a reviewer of the governance in force, nor an administrator's fingerprint; its reviewers are '" \
    "$GK_DIR/rerr"
"$GONGKAI" status --trust "$TRUST" --reviewer "$(cat "$GK_DIR/admin.fpr")" \
    "$GK_REPO" >/dev/null 2>&1
check "status --reviewer of an administrator's fingerprint: fine" [ $? -eq 0 ]
(cd "$GK_REPO" && "$GONGKAI" diff --trust "$TRUST" content/nope.md) \
    >"$GK_DIR/dout" 2>"$GK_DIR/derr"
check "diff of a path never seen: trouble (2)" [ $? -eq 2 ]
check "diff of a path never seen: says so" \
    grep -q "'content/nope.md' was never on the mainline of 'HEAD' and is not in the working tree" \
    "$GK_DIR/derr"
check "diff of a path never seen: prints no diff" [ ! -s "$GK_DIR/dout" ]

# check and new read the history only for index numbers: a shallow
# clone (CI's usual) is read up to its cut, with a warning
(cd "$GK_DIR/shallow" && "$GONGKAI" check) >/dev/null 2>"$GK_DIR/cerr"
check "shallow clone: check exits 0" [ $? -eq 0 ]
grep -q "warning: the repository is shallow" "$GK_DIR/cerr" && ok ||
    fail "shallow check: no warning: $(cat "$GK_DIR/cerr")"

# --- the verification cache -------------------------------------------
#   the refusal repository: base + S[alice] A: content/**
#   The cache lives in $HOME/.cache/gongkai (0700), one file per keyset
#   (gate-<sha256>; other caches may share the folder), never in the
#   repository: whoever can write .git cannot forge a verdict.
cdir=$HOME/.cache/gongkai
gitdir=$(git -C "$GK_REPO" rev-parse --absolute-git-dir)
rm -rf "$cdir"
"$GONGKAI" build --trust "$TRUST" --out "$TMP/c1" "$GK_REPO" >/dev/null 2>&1 ||
    fail "cache: first build"
cache=$(ls -d "$cdir"/gate-* 2>/dev/null | head -1)
check "cache: file written by build in $cdir" [ -s "$cache" ]
check "cache: one file" [ "$(ls "$cdir" | grep -c '^gate-')" -eq 1 ]
check "cache: folder is 0700" [ "$(stat -c %a "$cdir")" = 700 ]
check "cache: nothing in the git folder" [ ! -e "$gitdir/gongkai-cache" ]
case $(basename "$cache") in
gate-*) [ "$(basename "$cache" | wc -c)" -eq 70 ] && ok ||
    fail "cache: not named by a SHA-256: $cache" ;;
*) fail "cache: not named by the keyset: $cache" ;;
esac
cp "$cache" "$TMP/cache.1"
"$GONGKAI" build --trust "$TRUST" --out "$TMP/c2" "$GK_REPO" >/dev/null 2>&1 ||
    fail "cache: second build"
check "cache: warm build is identical" diff -r "$TMP/c1" "$TMP/c2"
check "cache: unchanged by a warm build" cmp -s "$cache" "$TMP/cache.1"
rm -f "$cache"
"$GONGKAI" build --trust "$TRUST" --out "$TMP/c3" "$GK_REPO" >/dev/null 2>&1 ||
    fail "cache: build after deleting the cache"
check "cache: cold build again identical" diff -r "$TMP/c1" "$TMP/c3"
check "cache: written again" [ -s "$cache" ]
"$GONGKAI" status --trust "$TRUST" --json "$GK_REPO" >"$TMP/s1" 2>/dev/null
rm -f "$cache"
"$GONGKAI" status --trust "$TRUST" --json "$GK_REPO" >"$TMP/s2" 2>/dev/null
check "cache: status the same cold and warm" cmp -s "$TMP/s1" "$TMP/s2"
#   A copy of the repository (same keyset) shares the cache file.
cp -r "$GK_REPO" "$GK_DIR/copy"
"$GONGKAI" build --trust "$TRUST" --out "$TMP/c1c" "$GK_DIR/copy" \
    >/dev/null 2>&1 || fail "cache: build of a copy"
check "cache: a copy builds the same" diff -r "$TMP/c1" "$TMP/c1c"
check "cache: a copy shares the file" \
    [ "$(ls "$cdir" | grep -c '^gate-')" -eq 1 ]
#   A tampered approval (its trailer rewritten, signature kept) is bad
#   cold and warm; a garbage cache changes nothing.
gk_tamper HEAD 's|^Approved: content/\*\*$|Approved: content/v/**|' >/dev/null
rm -f "$cache"
"$GONGKAI" build --trust "$TRUST" --out "$TMP/c4" "$GK_REPO" >/dev/null 2>&1 ||
    fail "cache: build of the tampered history"
"$GONGKAI" build --trust "$TRUST" --out "$TMP/c5" "$GK_REPO" >/dev/null 2>&1 ||
    fail "cache: warm build of the tampered history"
check "cache: tampered history, warm = cold" diff -r "$TMP/c4" "$TMP/c5"
check "cache: tampered approval does not count" \
    [ ! -e "$TMP/c4/v/fees/b.html" ]
grep -q " bad " "$cache" && ok || fail "cache: no bad verdict recorded"
cp "$cache" "$TMP/cache.2"
printf 'garbage\n' >"$cache"
"$GONGKAI" build --trust "$TRUST" --out "$TMP/c6" "$GK_REPO" >/dev/null 2>&1
check "cache: garbage cache ignored" diff -r "$TMP/c4" "$TMP/c6"
#   Whoever can write the repository's .git cannot change a verdict: a
#   forged "good" cache there (old name and new) is never read.
sed 's/ bad / good /g' "$TMP/cache.2" >"$gitdir/gongkai-cache"
cp "$gitdir/gongkai-cache" "$gitdir/$(basename "$cache")"
"$GONGKAI" build --trust "$TRUST" --out "$TMP/c7" "$GK_REPO" >/dev/null 2>&1
check "cache: a forged verdict in .git publishes nothing" \
    [ ! -e "$TMP/c7/v/fees/b.html" ]
check "cache: forged .git, same site" diff -r "$TMP/c4" "$TMP/c7"
rm -f "$gitdir/gongkai-cache" "$gitdir/$(basename "$cache")"
#   GONGKAI_CACHE_DIR overrides, and is made 0700 when missing.
GONGKAI_CACHE_DIR=$TMP/cc/sub "$GONGKAI" build --trust "$TRUST" \
    --out "$TMP/c8" "$GK_REPO" >/dev/null 2>&1 ||
    fail "cache: build with GONGKAI_CACHE_DIR"
check "cache: GONGKAI_CACHE_DIR used" [ -s "$TMP/cc/sub/$(basename "$cache")" ]
check "cache: GONGKAI_CACHE_DIR made 0700" \
    [ "$(stat -c %a "$TMP/cc/sub")" = 700 ]
#   XDG_CACHE_HOME is honoured.
XDG_CACHE_HOME=$TMP/xdg "$GONGKAI" build --trust "$TRUST" \
    --out "$TMP/c9" "$GK_REPO" >/dev/null 2>&1 ||
    fail "cache: build with XDG_CACHE_HOME"
check "cache: XDG_CACHE_HOME used" \
    [ -s "$TMP/xdg/gongkai/$(basename "$cache")" ]
#   A folder others can write is not used: one note, same site.
mkdir -p "$TMP/open"
chmod 777 "$TMP/open"
GONGKAI_CACHE_DIR=$TMP/open "$GONGKAI" build --trust "$TRUST" \
    --out "$TMP/c10" "$GK_REPO" >/dev/null 2>"$GK_DIR/berr"
check "cache: open folder, build exits 0" [ $? -eq 0 ]
check "cache: open folder, same site" diff -r "$TMP/c4" "$TMP/c10"
check "cache: open folder not written" \
    [ -z "$(ls "$TMP/open" | grep '^gate-')" ]
check "cache: open folder, one note" \
    [ "$(grep -c 'without a cache' "$GK_DIR/berr")" -eq 1 ]
#   A folder inside the repository is not used, even when asked for.
GONGKAI_CACHE_DIR=$gitdir/gkcache "$GONGKAI" build --trust "$TRUST" \
    --out "$TMP/c12" "$GK_REPO" >/dev/null 2>"$GK_DIR/berr"
check "cache: in .git, build exits 0" [ $? -eq 0 ]
check "cache: in .git, same site" diff -r "$TMP/c4" "$TMP/c12"
check "cache: in .git, not written" \
    [ -z "$(ls "$gitdir/gkcache" 2>/dev/null | grep '^gate-')" ]
grep -q 'inside the repository: signatures' "$GK_DIR/berr" && ok ||
    fail "cache: in .git, no note: $(cat "$GK_DIR/berr")"
rm -rf "$gitdir/gkcache"
#   A folder that cannot be made (a file is in the way): no cache.
: >"$TMP/afile"
GONGKAI_CACHE_DIR=$TMP/afile/x "$GONGKAI" status --trust "$TRUST" --json \
    "$GK_REPO" >"$TMP/s3" 2>"$GK_DIR/serr"
check "cache: no folder, status exits 0" [ $? -eq 0 ]
grep -q 'without a cache' "$GK_DIR/serr" && ok ||
    fail "cache: no folder, no note: $(cat "$GK_DIR/serr")"
#   (The cache folder itself is a trusted location: a verdict there is
#   believed, see gongkai(1) FILES.)


# --- the mainline only grows, through the commands ---------------------
#   base; S[alice] A: content/v/** (B1); build; then a stale branch
#   from c2 merges main and is pushed as main: build refuses it, status
#   warns, --accept-rewrite builds it.
base
gk_approve alice alice 'content/v/**'
stale=$(git -C "$GK_REPO" rev-parse HEAD~1)
"$GONGKAI" build --trust "$TRUST" --out "$SITE" "$GK_REPO" >/dev/null 2>&1 &&
    ok || fail "grow: first build"
git -C "$GK_REPO" checkout -q -b stale "$stale"
gk_commit editor editor 'stale work'
gk_next_date
git -C "$GK_REPO" merge -q --no-ff --no-edit main >/dev/null
git -C "$GK_REPO" checkout -q main
git -C "$GK_REPO" reset -q --hard stale
if "$GONGKAI" build --trust "$TRUST" --out "$SITE" "$GK_REPO" \
    >/dev/null 2>"$GK_DIR/berr"; then
	fail "grow: a re-parented mainline was built"
else
	grep -q "rewritten or re-parented" "$GK_DIR/berr" && ok ||
	    fail "grow: $(cat "$GK_DIR/berr")"
fi
page grow-kept v/fees/b.html B1
"$GONGKAI" status --trust "$TRUST" --out "$SITE" "$GK_REPO" >/dev/null \
    2>"$GK_DIR/serr"
grep -q "rewritten or re-parented" "$GK_DIR/serr" && ok ||
    fail "grow: status does not warn: $(cat "$GK_DIR/serr")"
"$GONGKAI" build --trust "$TRUST" --out "$SITE" --accept-rewrite \
    "$GK_REPO" >/dev/null 2>&1 && ok || fail "grow: --accept-rewrite"
#   The commit is also recorded beside the folder: a preview built into
#   it in between (its provenance.json names no commit), or a shard
#   build (which has none), does not let an older ref through.
older=$(git -C "$GK_REPO" rev-parse HEAD~1)
"$GONGKAI" build --preview --out "$SITE" "$GK_REPO" >/dev/null 2>&1 &&
    ok || fail "grow: a preview into the site"
if "$GONGKAI" build --trust "$TRUST" --ref "$older" --out "$SITE" \
    "$GK_REPO" >/dev/null 2>"$GK_DIR/berr"; then
	fail "grow: an older ref built after a preview"
else
	grep -q "rewritten or re-parented" "$GK_DIR/berr" && ok ||
	    fail "grow: after a preview: $(cat "$GK_DIR/berr")"
fi
"$GONGKAI" build --trust "$TRUST" --shard 0/2 --out "$GK_DIR/sh0" \
    "$GK_REPO" >/dev/null 2>&1 && ok || fail "grow: a shard build"
if "$GONGKAI" build --trust "$TRUST" --ref "$older" --shard 0/2 \
    --out "$GK_DIR/sh0" "$GK_REPO" >/dev/null 2>"$GK_DIR/berr"; then
	fail "grow: an older ref built into a shard's folder"
else
	grep -q "rewritten or re-parented" "$GK_DIR/berr" && ok ||
	    fail "grow: a shard: $(cat "$GK_DIR/berr")"
fi
"$GONGKAI" build --trust "$TRUST" --ref "$older" --shard 0/2 \
    --accept-rewrite --out "$GK_DIR/sh0" "$GK_REPO" >/dev/null 2>&1 &&
    ok || fail "grow: a shard: --accept-rewrite"

# --- the day of an approval is the signer's ---------------------------
#   base, then S[alice] and S[bob] A: content/** signed at 22:05 UTC on
#   2026-03-01, 06:05 on 2026-03-02 in Beijing (+0800, as gk_next_date
#   commits): the page says 2026-03-02 twice (审核通过, the approvals),
#   as git log shows it; provenance.json keeps the instant in UTC.
base
GK_TIME=1772402700	# 2026-03-01T22:05:00Z
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
SOURCE_DATE_EPOCH=1772496000 build signer-day	# 2026-03-03
page signer-day c/fees/a.html A1
check "signer-day: page dated 2026-03-02" \
    [ "$(grep -o '2026-03-0[12]' "$SITE/c/fees/a.html" | sort -u)" = 2026-03-02 ]
grep -q '"date": *"2026-03-01T22:0[5-9]:00Z"' "$SITE/provenance.json" && ok ||
    fail "signer-day: provenance.json: $(grep -o '"date":[^,]*' "$SITE/provenance.json" | head -3)"

# --- a key revoked in its own key file --------------------------------
#   base; S[alice] A: content/**; alice revokes her key the OpenPGP way
#   (reason: superseded) and admin publishes it: nothing her key signed
#   counts, and status says why, and how to replace a key instead.
base
gk_approve alice alice 'content/**'
printf 'revkey\ny\n1\nreplaced\n\ny\nsave\n' | gk_gpg --command-fd 0 \
    --edit-key "$(gk_fpr alice)" >/dev/null 2>&1
gk_gpg --armor --export "$(gk_fpr alice)" >"$GK_REPO/keys/alice.asc"
git -C "$GK_REPO" add keys/alice.asc
gk_commit editor editor 'alice revokes her key'
gk_approve admin admin 'keys/**'
status key-revoked
jexpect key-revoked $B online=false 'not_counted[0].why=signer-revoked' \
    'not_counted[0].reviewer=alice'
"$GONGKAI" status --trust "$TRUST" "$GK_REPO" 2>&1 | grep -q \
    "alice's approval ([0-9a-f]*) does not count: the key that signed it (or that it claims) is revoked in its published key file" &&
    ok || fail "key-revoked: status does not say why"

done_tests
