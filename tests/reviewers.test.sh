#!/bin/sh
# tests/reviewers.test.sh -- what reviewers see, with real keys (the
# fixtures of tests/gate-cli.test.sh): `status` says why approvals do
# not count, shows titles, filters (--waiting, --reviewer) and counts
# items held by an unpublished unit; `approve --trust` warns before
# signing and needs --force off a terminal; a gated build renders a
# link to a waiting item as text; `diff` shows the published text
# against the live one; `serve --trust` shows for whom a page waits and
# drops the banner once a commit approves it.
#
# Keys: admin (trust root); alice, bob (scope content/**), carol
# (scope content/v/**); mallory (nobody); editor.  Units content/c
# (county, 2 approvals), content/v (village, 1).
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh
export SOURCE_DATE_EPOCH=1767225600
GONGKAI=${GONGKAI:-$(pwd)/gongkai}

SITE=$TMP/site
A=content/c/fees/a.md
B=content/v/fees/b.md
C=content/v/fees/c.md

gk_setup
unset XDG_CACHE_HOME GONGKAI_CACHE_DIR
for k in admin alice bob carol mallory editor; do
	mkkey $k >"$GK_DIR/$k.fpr" || { fail "mkkey $k"; done_tests; exit 1; }
done
TRUST=$GK_DIR/keys/admin.asc
RETIRED=

config() {
	cat >"$GK_REPO/config.yaml" <<-EOF
	site: { title: T, base_url: "https://gongkai.example/" }
	levels:
	  county: { catalogue: c, outputs: [web], approvals: 2 }
	  village: { catalogue: c, outputs: [web], approvals: 1 }
	catalogues:
	  c:
	    - { id: fees, title: Fees }
	reviewers:
	  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }
	  - { id: bob, name: Bob, email: bob@example.org, key: keys/bob.asc, scope: ["content/**"] }
	  - { id: carol, name: Carol, email: carol@example.org, key: keys/carol.asc, scope: ["content/v/**"] }
	editors:
	  - { id: editor, name: Editor, email: editor@example.org, key: keys/editor.asc }
	retired: [$RETIRED]
	EOF
	git -C "$GK_REPO" add config.yaml
}

# item PATH TITLE BODY
item() {
	gk_file "$1" "$(printf -- '---\ntitle: %s\ndate: 2026-01-01\n---\n%s' "$2" "$3")"
}

# as NAME: git in the repository commits and signs as NAME.
as() {
	git -C "$GK_REPO" config user.name "$1"
	git -C "$GK_REPO" config user.email "$1@example.org"
	git -C "$GK_REPO" config user.signingkey "$(cat "$GK_DIR/$1.fpr")"
}

# approve ARGS...: gongkai approve in the repository, stdin not a
# terminal; output in $GK_DIR/aout, aerr; exit status in $arc.
approve() {
	gk_next_date
	(cd "$GK_REPO" && "$GONGKAI" approve "$@") </dev/null \
	    >"$GK_DIR/aout" 2>"$GK_DIR/aerr"
	arc=$?
}

status() {
	"$GONGKAI" status --trust "$TRUST" "$@" "$GK_REPO" >"$GK_DIR/sout" \
	    2>"$GK_DIR/serr" || fail "status $*: exit $?: $(cat "$GK_DIR/serr")"
}

mkdir -p "$GK_REPO/keys"
for k in alice bob carol editor; do
	cp "$GK_DIR/keys/$k.asc" "$GK_REPO/keys/"
done
git -C "$GK_REPO" add keys
config
gk_file content/c/_unit.yaml "name: County
level: county"
gk_file content/v/_unit.yaml "name: Village
level: village"
item $A 'Item A' 'Fee text MARK-A1 here.'
item $B 'Item B' 'Fee text MARK-B1 here.'
gk_commit editor editor c1
gk_approve admin admin config.yaml 'keys/**'
gk_approve alice alice 'content/*/_unit.yaml'
gk_approve bob bob 'content/*/_unit.yaml'

# --- status: why, titles, filters, held -------------------------------
#   * S[carol] A: content/**      b.md online; a.md outside her scope
#   * S[mallory] A: content/c/**  not a reviewer
#   * editor: content/n/ (a unit) and n/fees/x.md; alice and bob
#     approve x.md only: approved, held by its unpublished unit
gk_approve carol carol 'content/**'
gk_approve mallory mallory 'content/c/**'
gk_file content/n/_unit.yaml "name: New
level: village"
item content/n/fees/x.md 'Item X' 'Fee text MARK-X1 here.'
gk_commit editor editor 'new unit'
gk_approve alice alice content/n/fees/x.md
gk_approve bob bob content/n/fees/x.md

status
S=$GK_DIR/sout
grep -q "content/c/fees/a.md  Item A\$" "$S" && ok ||
    fail "status: no title: $(cat "$S")"
grep -q "carol's approval (.*) does not count: the path is outside the reviewer's scope" "$S" &&
    ok || fail "status: no scope reason: $(cat "$S")"
grep -q "unverified commit's approval (.*) does not count: the commit is unsigned, or its signature is not a good one" "$S" &&
    ok || fail "status: no reason for mallory: $(cat "$S")"
grep -q "waits for 2 approvals from alice, bob" "$S" && ok ||
    fail "status: a.md waits: $(cat "$S")"
grep -q "1 held because their unit is not published" "$S" && ok ||
    fail "status: held count: $(tail -1 "$S")"

status --waiting
grep -q "$A" "$S" && ok || fail "--waiting lacks $A"
grep -q "content/n/fees/x.md" "$S" && ok || fail "--waiting lacks the held x.md"
grep -q "$B" "$S" && fail "--waiting shows $B, online" || ok
status --reviewer bob
grep -q "$A" "$S" && ok || fail "--reviewer bob lacks $A"
status --reviewer carol
grep -q "$A" "$S" && fail "--reviewer carol shows $A (outside her scope)" || ok

status --json
grep -q '"why": "out-of-scope"' "$S" && ok || fail "json: no out-of-scope"
grep -q '"why": "bad-signature"' "$S" && ok || fail "json: no bad-signature"
grep -q '"title": "Item A"' "$S" && ok || fail "json: no title"
grep -q '"held": 1' "$S" && ok || fail "json: summary held: $(grep -A3 summary "$S")"
status --json --reviewer carol
grep -q "\"path\": \"$A\"" "$S" && fail "json --reviewer carol shows $A" || ok

# --- a gated build: a link to a waiting item is text ------------------
#   * editor: b.md B2 links to c.md (new, waiting)
#   * S[carol] A: b.md            B2 online, c.md waits
item $C 'Item C' 'Fee text MARK-C1 here.'
item $B 'Item B' 'Fee text MARK-B2 here, see [the other](c.md).'
gk_commit editor editor 'b links c'
gk_approve carol carol $B
if "$GONGKAI" build --trust "$TRUST" --out "$SITE" "$GK_REPO" \
    >"$GK_DIR/bout" 2>"$GK_DIR/berr"; then
	ok
else
	fail "gated build with a link to a waiting item: $(cat "$GK_DIR/berr")"
fi
grep -q 'MARK-B2 here, see the other\.' "$SITE/v/fees/b.html" && ok ||
    fail "link not rendered as text: $(grep MARK-B2 "$SITE/v/fees/b.html")"
grep -q 'href="c.html"' "$SITE/v/fees/b.html" && fail "link to unpublished c.html" || ok
check "no page for the waiting item" [ ! -e "$SITE/v/fees/c.html" ]
grep -q 'b.md:.*warning: .*c.md' "$GK_DIR/berr" && ok ||
    fail "no warning for the link: $(cat "$GK_DIR/berr")"
grep -rq 'MARK-C1' "$SITE" && fail "waiting text in the site" || ok
# the working tree has c.md: check is happy; without it, an error
check "check: the link resolves in the working tree" "$GONGKAI" check "$GK_REPO" >/dev/null 2>&1
mv "$GK_REPO/$C" "$TMP/c.md"
"$GONGKAI" check "$GK_REPO" >/dev/null 2>"$GK_DIR/cerr"
check "check: a link to a missing file is an error" [ $? -eq 1 ]
grep -q 'error: link to missing item' "$GK_DIR/cerr" && ok || fail "check: $(cat "$GK_DIR/cerr")"
mv "$TMP/c.md" "$GK_REPO/$C"

# --- approve warns before signing -------------------------------------
#   * S[alice]: b.md B3 (alice's own edit)
item $B 'Item B' 'Fee text MARK-B3 here, see [the other](c.md).'
gk_commit alice alice 'alice edits b'
as alice
h0=$(git -C "$GK_REPO" rev-parse HEAD)
approve --trust "$TRUST" $B
check "approve own edit: exit 1 off a terminal" [ $arc -eq 1 ]
grep -q "own edit" "$GK_DIR/aerr" && ok || fail "approve: own edit: $(cat "$GK_DIR/aerr")"
grep -q -- "--force" "$GK_DIR/aerr" && ok || fail "approve: --force not named"
check "approve: nothing signed" [ "$(git -C "$GK_REPO" rev-parse HEAD)" = "$h0" ]
approve --trust "$TRUST" config.yaml
check "approve governance: exit 1" [ $arc -eq 1 ]
grep -q "trust-root keys only" "$GK_DIR/aerr" && ok || fail "approve: governance: $(cat "$GK_DIR/aerr")"
approve $B
check "approve without --trust signs as before" [ $arc -eq 0 ]
as carol
approve --trust "$TRUST" 'content/**'
check "approve outside scope: exit 1" [ $arc -eq 1 ]
grep -q "content/c/fees/a.md' (from 'content/\*\*'): the approval of carol will not count: the path is outside the reviewer's scope" "$GK_DIR/aerr" &&
    ok || fail "approve: scope: $(cat "$GK_DIR/aerr")"
grep -q "$B" "$GK_DIR/aerr" && fail "approve: warns about $B, in scope" || ok
check "approve: still nothing signed by carol" \
    [ "$(git -C "$GK_REPO" log -1 --format=%an)" = alice ]
# on a terminal it asks; "n" signs nothing
tty_approve() {
	_ans=$1
	shift
	gk_next_date
	printf '%s\n' "$_ans" | script -qec "cd '$GK_REPO' && '$GONGKAI' approve $*" \
	    /dev/null >"$GK_DIR/tout" 2>&1
}
if command -v script >/dev/null 2>&1; then
	tty_approve n --trust "'$TRUST'" "'content/**'"
	grep -q 'sign anyway? \[y/N\]' "$GK_DIR/tout" && ok ||
	    fail "approve: no question on a terminal: $(cat "$GK_DIR/tout")"
	check "approve: 'n' signs nothing" \
	    [ "$(git -C "$GK_REPO" log -1 --format=%an)" = alice ]
else
	skip "script(1) is not installed"
fi

# --- diff: published B2 against the working tree's B3 -----------------
(cd "$GK_REPO" && "$GONGKAI" diff --trust "$TRUST" $B) >"$GK_DIR/dout" 2>"$GK_DIR/derr"
check "diff: different exits 1" [ $? -eq 1 ]
grep -q "^--- published $B (version " "$GK_DIR/dout" && ok || fail "diff header: $(cat "$GK_DIR/dout")"
grep -q "^+++ live $B (working tree)" "$GK_DIR/dout" && ok || fail "diff header 2"
grep -q '^-Fee text MARK-B\[-2-\] here' "$GK_DIR/dout" && ok || fail "diff: char marks: $(cat "$GK_DIR/dout")"
grep -q '^+Fee text MARK-B{+3+} here' "$GK_DIR/dout" && ok || fail "diff: char marks +"
grep -q "$(printf '\033')" "$GK_DIR/dout" && fail "diff: colour off a terminal" || ok
(cd "$GK_REPO" && "$GONGKAI" diff --trust "$TRUST" content/v/_unit.yaml) >/dev/null 2>&1
check "diff: same exits 0" [ $? -eq 0 ]
(cd "$GK_REPO" && "$GONGKAI" diff --trust "$TRUST" --ref HEAD $C) >"$GK_DIR/dout" 2>&1
check "diff: nothing published, exits 1" [ $? -eq 1 ]
grep -q "(nothing published)" "$GK_DIR/dout" && ok || fail "diff: $(cat "$GK_DIR/dout")"
(cd "$GK_REPO" && "$GONGKAI" diff $B) >/dev/null 2>&1
check "diff without --trust exits 2" [ $? -eq 2 ]
(cd "$GK_REPO" && "$GONGKAI" diff --trust "$TRUST") >/dev/null 2>&1
check "diff without a path exits 2" [ $? -eq 2 ]

# --- serve --trust: the banner says for whom --------------------------
if command -v curl >/dev/null 2>&1; then
	mkdir -p "$TMP/stmp"
	TMPDIR=$TMP/stmp "$GONGKAI" serve --port 0 --trust "$TRUST" "$GK_REPO" \
	    >"$TMP/sv.out" 2>"$TMP/sv.err" &
	SPID=$!
	wait_for() {
		_i=0
		while [ $_i -lt 600 ]; do
			"$@" && return 0
			kill -0 $SPID 2>/dev/null || return 1
			sleep 0.1
			_i=$((_i + 1))
		done
		return 1
	}
	port() { sed -n 's|^serving http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$TMP/sv.out"; }
	have_port() { [ -n "$(port)" ]; }
	wait_for have_port || fail "serve: no address: $(cat "$TMP/sv.err")"
	U=http://127.0.0.1:$(port)
	page() { curl -s --max-time 20 "$U/v/fees/b.html"; }
	has() { page | grep -q "$1"; }
	wait_for has MARK-B2 && ok || fail "serve: b.html not served: $(cat "$TMP/sv.err")"
	has 'gk-serve-wait' && ok || fail "serve: no waiting banner"
	has '还需 1 人批准；可批准者：bob、carol' && ok ||
	    fail "serve: banner for whom: $(page | grep -o 'gk-serve-wait.\{0,400\}')"
	has "alice's approval does not count: the reviewer&#39;s own edit" && ok ||
	    fail "serve: banner why: $(page | grep -o 'gk-serve-wait.\{0,600\}')"
	curl -s "$U/c/fees/a.html" | grep -q gk-serve-wait &&
	    fail "serve: a page that does not wait has a banner" || ok
	kill -TERM $SPID
	wait $SPID
	# --preview --trust: the working tree (B3), with the gate's banners
	: >"$TMP/sv.out"	# (no stale address while it starts)
	TMPDIR=$TMP/stmp "$GONGKAI" serve --port 0 --preview --trust "$TRUST" \
	    "$GK_REPO" >"$TMP/sv.out" 2>"$TMP/sv.err" &
	SPID=$!
	wait_for have_port || fail "serve: no address: $(cat "$TMP/sv.err")"
	U=http://127.0.0.1:$(port)
	wait_for has MARK-B3 && ok || fail "serve --preview --trust: no B3"
	has '还需 1 人批准；可批准者：bob、carol' && ok ||
	    fail "serve --preview --trust: no banner"
	has '预览' && ok || fail "serve --preview --trust: not a preview"
	# a commit approves B3: the gated view moves on by itself
	kill -TERM $SPID
	wait $SPID
	: >"$TMP/sv.out"
	TMPDIR=$TMP/stmp "$GONGKAI" serve --port 0 --trust "$TRUST" "$GK_REPO" \
	    >"$TMP/sv.out" 2>"$TMP/sv.err" &
	SPID=$!
	wait_for have_port || fail "serve: no address: $(cat "$TMP/sv.err")"
	U=http://127.0.0.1:$(port)
	wait_for has MARK-B2 && ok || fail "serve: restarted, no B2"
	gk_approve carol carol $B
	wait_for has MARK-B3 && ok || fail "serve: the approval was not picked up"
	# (the banners follow once the build has exited)
	nobanner() { ! has 'gk-serve-wait'; }
	wait_for nobanner && ok || fail "serve: banner stays after approval"
	kill -TERM $SPID
	wait $SPID
	check "serve --trust: exit 0" [ $? -eq 0 ]
	check "serve --trust: scratch removed" [ -z "$(ls "$TMP/stmp")" ]
else
	skip "curl is not installed"
fi

# --- a retired reviewer -----------------------------------------------
RETIRED=bob
config
gk_commit editor editor 'retire bob'
gk_approve admin admin config.yaml
as bob
approve --trust "$TRUST" 'content/c/**'
check "approve retired: exit 1" [ $arc -eq 1 ]
grep -q "the reviewer is retired" "$GK_DIR/aerr" && ok || fail "approve: retired: $(cat "$GK_DIR/aerr")"
approve --trust "$TRUST" --force 'content/c/**'
check "approve --force signs anyway" [ $arc -eq 0 ]
check "approve --force: bob's commit" [ "$(git -C "$GK_REPO" log -1 --format=%an)" = bob ]
if command -v script >/dev/null 2>&1; then
	as carol
	tty_approve y --trust "'$TRUST'" "'content/**'"
	check "approve: 'y' on a terminal signs" \
	    [ "$(git -C "$GK_REPO" log -1 --format=%an)" = carol ]
fi

# --- approving again --------------------------------------------------
#   * editor: b.md B9 and a new n.md
#   An approval that counts already is no reason to stop one that does
#   more; one that would do nothing else is.
N=content/v/fees/n.md
item $B 'Item B' 'Fee text MARK-B9 here.'
item $N 'Item N' 'New text MARK-N1 here.'
gk_commit editor editor 'b again, and n'
as carol
approve --trust "$TRUST" $B
check "approve: carol's approval of b.md signs" [ $arc -eq 0 ]
h1=$(git -C "$GK_REPO" rev-parse HEAD)
approve --trust "$TRUST" $B
check "approve again, nothing new: exit 1" [ $arc -eq 1 ]
grep -q "carol's approval already counts for every path matched: this one would change nothing" \
    "$GK_DIR/aerr" && ok || fail "approve again: $(cat "$GK_DIR/aerr")"
check "approve again: nothing signed" [ "$(git -C "$GK_REPO" rev-parse HEAD)" = "$h1" ]
approve --trust "$TRUST" $B $N
check "approve again with a new path: signs" [ $arc -eq 0 ]
grep -q "1 path matched already carries this reviewer's approval" \
    "$GK_DIR/aerr" && ok || fail "approve again with more: $(cat "$GK_DIR/aerr")"
#   governance is the administrators': without --trust, said anyway
approve config.yaml
check "approve governance without --trust: signs" [ $arc -eq 0 ]
grep -q "config.yaml and keys/ count only when the administrators' keys (--trust) approve them" \
    "$GK_DIR/aerr" && ok || fail "approve governance without --trust: $(cat "$GK_DIR/aerr")"

# --- what approve signs: HEAD's tree, never the index -----------------
#   A staged change is no part of an approval; nor is the empty index of
#   a clone whose checkout failed on a path git refuses (git~1), which
#   anyone can push: signing it would withdraw every file.
git -C "$GK_REPO" rm -q --cached "$A"
approve "$N"
check "approve with a staged removal: signs" [ $arc -eq 0 ]
check "approve: the commit has its parent's tree, not the index's" \
    [ "$(git -C "$GK_REPO" rev-parse HEAD^{tree})" = \
    "$(git -C "$GK_REPO" rev-parse HEAD~1^{tree})" ]
check "approve: the staged removal is still staged" \
    [ "$(git -C "$GK_REPO" diff --cached --name-only)" = "$A" ]
grep -q "approved in signed commit $(git -C "$GK_REPO" rev-parse HEAD) on HEAD" \
    "$GK_DIR/aout" && ok || fail "approve: no commit named: $(cat "$GK_DIR/aout")"
git -C "$GK_REPO" reset -q
x=$(echo x | git -C "$GK_REPO" hash-object -w --stdin)
t=$(printf '100644 blob %s\tx.md\n' "$x" | git -C "$GK_REPO" mktree)
t=$(printf '040000 tree %s\tgit~1\n' "$t" | git -C "$GK_REPO" mktree)
t=$( (git -C "$GK_REPO" ls-tree HEAD:content
    printf '040000 tree %s\tzz\n' "$t") | git -C "$GK_REPO" mktree)
t=$( (git -C "$GK_REPO" ls-tree HEAD | grep -v '	content$'
    printf '040000 tree %s\tcontent\n' "$t") | git -C "$GK_REPO" mktree)
gk_next_date
git -C "$GK_REPO" update-ref HEAD "$(echo 'a path git refuses' |
    git -C "$GK_REPO" commit-tree -p HEAD "$t")"
CL=$TMP/clone
git clone -q "$GK_REPO" "$CL" >/dev/null 2>&1
check "clone: git refuses to check out content/zz/git~1" \
    [ -z "$(git -C "$CL" ls-files)" ]
git -C "$CL" config user.name carol
git -C "$CL" config user.email carol@example.org
git -C "$CL" config user.signingkey "$(cat "$GK_DIR/carol.fpr")"
gk_next_date
(cd "$CL" && "$GONGKAI" approve 'content/v/**') </dev/null \
    >"$GK_DIR/aout" 2>"$GK_DIR/aerr"
check "approve in a clone without an index: signs" [ $? -eq 0 ]
check "approve in a clone without an index: HEAD's tree, not an empty one" \
    [ "$(git -C "$CL" rev-parse HEAD^{tree})" = "$t" ]
check "approve in a clone without an index: a signed commit" \
    sh -c 'git -C "$1" cat-file commit HEAD | grep -q "^gpgsig "' - "$CL"

[ -n "$KEEP" ] && cp -r "$GK_DIR" "$KEEP"
done_tests
