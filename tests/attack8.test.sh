#!/bin/sh
# tests/attack8.test.sh -- red team on the gate, eighth round: someone
# who can push anything to the content repository but holds no
# reviewer's or administrator's key, out to make every gated run slow.
# Fixtures as in tests/gate/world.sh (real keys, throwaway GNUPGHOME).
# Cases marked "fixed" failed before their fix; "held" ones pass either
# way and keep the class covered.
#
#  1 fixed: unapproved key files.  Every blob ever under keys/ was read
#    with RNP on every run, approved or not; one primary key repeated
#    with distinct user IDs makes RNP's merge quadratic (1 MB: five
#    minutes a run, each more file as much again).  Now a key blob is
#    read only once governance published it (keyblob_read in
#    src/gate.c): three files of 2,000 copies (450 KB each) cost
#    nothing.  Checked by time (a build and a status under 30 s each,
#    seconds apart from minutes) and with strace(1): no bomb's object
#    is opened (skipped without strace).
#  2 fixed: an administrator approves keys/** without looking, and
#    keys/bob.asc now holds bob's key and, in a second armored block,
#    one key 9 times.  Key text reaches RNP only after a walk of its
#    packet headers (sig_key_check in src/sig.c): beyond SIG_KEY_KEYS
#    primary keys (or user IDs, subkeys, packets; partial lengths), the
#    file holds no key, with a warning naming it and its commit.  So
#    bob approves nothing until bob's own key is approved back; a 2,000
#    copy file approved is as quick as one never approved.
#  3 held: real key files in other shapes than gpg --armor writes:
#    binary (gpg --export), armored with CRLF line ends, a header and
#    text before the block.  (Text after it, which RNP 0.16 refused,
#    is now skipped like text before: RNP is handed the packets alone;
#    tests/unit_sig.c.)
. tests/gate/world.sh

# opens CASE OBJECT: how many times the traced run opened the loose
# object OBJECT (its id), from $GK_DIR/trace
opens() {
	grep -c "objects/$(echo "$2" | sed 's|^\(..\)|\1/|')" "$GK_DIR/trace"
}

# timed CASE SECONDS CMD...: CMD ends within SECONDS, successfully
timed() {
	c=$1 s=$2
	shift 2
	if timeout "$s" "$@" >"$GK_DIR/tout" 2>"$GK_DIR/terr"; then
		ok
	else
		fail "$c: exit $? (124: still running after $s s): $(head -c 300 "$GK_DIR/terr")"
	fi
}

has_strace() {
	command -v strace >/dev/null 2>&1 &&
	    strace -f -qq -e trace=openat -o /dev/null true 2>/dev/null
}

# --- 1. unapproved key files that RNP takes minutes over ---------------
#   base; S[alice], S[bob] A: content/**          (A1, B1 published)
#   * mallory: keys/zz0.asc .. zz2.asc, mallory's key 2,000 times each
#     with a user ID of its own (distinct files)
base
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
build bomb-before
for i in 0 1 2; do
	perl tests/gate/key-bomb.pl "$GK_DIR/keys/mallory.asc" $((2000 + i)) \
	    >"$GK_REPO/keys/zz$i.asc" || fail "bomb: key-bomb.pl"
done
R add keys
gk_commit mallory - 'key files'
timed bomb-build 30 "$GONGKAI" build --trust "$TRUST" --out "$SITE" \
    "$GK_REPO"
page bomb-build c/fees/a.html MARK-A1
page bomb-build v/fees/b.html MARK-B1
timed bomb-status 30 "$GONGKAI" status --trust "$TRUST" "$GK_REPO"
grep -q 'zz0.asc' "$GK_DIR/tout" && ok ||
    fail "bomb-status: the key files are not listed"
if has_strace; then
	timeout 60 strace -f -qq -e trace=openat -o "$GK_DIR/trace" \
	    "$GONGKAI" status --trust "$TRUST" "$GK_REPO" >/dev/null 2>&1
	for i in 0 1 2; do
		n=$(opens bomb "$(R rev-parse "HEAD:keys/zz$i.asc")")
		[ "$n" -eq 0 ] && ok ||
		    fail "bomb: keys/zz$i.asc, never approved, read $n times"
	done
	n=$(opens bomb "$(R rev-parse "HEAD:keys/alice.asc")")
	[ "$n" -gt 0 ] && ok || fail "bomb: alice's key file never read"
else
	skip "bomb: strace(1) cannot run here"
fi

# --- 2. an administrator approves such a file --------------------------
#   base; S[alice], S[bob] A: content/**          (A1, B1 published)
#   * mallory: keys/bob.asc = bob's key, then mallory's key 9 times
#     (armored, a second block)
#   * S[admin] A: keys/**                          (the file published)
#   * editor: a.md A2; S[alice], S[bob] A: content/c/**
#     (A2 needs 2: bob's approval does not count, A1 stays)
#   * editor: keys/bob.asc = bob's key again; S[admin] A: keys/**
#   * S[bob] A: content/c/**                       (A2 published)
base
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
{ cat "$GK_DIR/keys/bob.asc"
  perl tests/gate/key-bomb.pl "$GK_DIR/keys/mallory.asc" 9 armor; } \
    >"$GK_REPO/keys/bob.asc"
R add keys
gk_commit mallory - 'bob has a new key'
start=$(R rev-parse --short=7 HEAD)
gk_approve admin admin 'keys/**'
item $A A2
gk_commit editor editor A2
gk_approve alice alice 'content/c/**'
gk_approve bob bob 'content/c/**'
build approved-bomb
page approved-bomb c/fees/a.html MARK-A1
nowhere approved-bomb MARK-A2
grep -q "^keys/bob.asc@$start:1:1: warning: key file not read: more than 8 primary keys; it holds no key" \
    "$GK_DIR/berr" && ok ||
    fail "approved-bomb: no warning naming keys/bob.asc@$start: $(head -c 300 "$GK_DIR/berr")"
cp "$GK_DIR/keys/bob.asc" "$GK_REPO/keys/bob.asc"
R add keys
gk_commit editor editor "bob's key back"
gk_approve admin admin 'keys/**'
gk_approve bob bob 'content/c/**'
build approved-bomb-undone
page approved-bomb-undone c/fees/a.html MARK-A2

#   the tester's shape approved: 2,000 copies under keys/, approved
base
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
perl tests/gate/key-bomb.pl "$GK_DIR/keys/mallory.asc" 2000 \
    >"$GK_REPO/keys/zz.asc"
R add keys
gk_commit mallory - 'a key file'
gk_approve admin admin 'keys/**'
timed approved-big 30 "$GONGKAI" build --trust "$TRUST" --out "$SITE" \
    "$GK_REPO"
page approved-big c/fees/a.html MARK-A1
grep -q '^keys/zz.asc@.*: warning: key file not read: more than 8 primary keys' \
    "$GK_DIR/terr" && ok ||
    fail "approved-big: no warning: $(head -c 300 "$GK_DIR/terr")"

# --- 3. real key files of other shapes ---------------------------------
#   base; * editor: keys/alice.asc binary, keys/bob.asc with CRLF, a
#   header and text before it; S[admin] A: keys/**
#   * editor: a.md A2; S[alice], S[bob] A: content/c/**  (A2 published)
base
gk_gpg --export '<alice@example.org>' >"$GK_REPO/keys/alice.asc"
{ echo "bob's key"; sed 's/^\(-----BEGIN.*\)$/\1\nComment: bob/' \
    "$GK_DIR/keys/bob.asc"; } | sed 's/$/\r/' >"$GK_REPO/keys/bob.asc"
R add keys
gk_commit editor editor 'keys in other shapes'
gk_approve admin admin 'keys/**'
item $A A2
gk_commit editor editor A2
gk_approve alice alice 'content/c/**'
gk_approve bob bob 'content/c/**'
build shapes
page shapes c/fees/a.html MARK-A2
grep -q 'warning' "$GK_DIR/berr" &&
    fail "shapes: $(head -c 300 "$GK_DIR/berr")" || ok

done_tests
