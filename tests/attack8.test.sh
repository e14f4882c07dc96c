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
#    one key 17 times.  Key text reaches RNP only after a walk of its
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
#  4 fixed: a huge commit.  Every run read each mainline commit whole,
#    three to five times (a 128 MiB message: 50 s and 400 MB a build).
#    A commit over REPO_COMMIT_MAX (16 MiB) is refused by its size,
#    before it is inflated: build and status exit 1 with an error naming
#    the commit, its size and the limit, and the site stays as it was;
#    the same for one off the mainline (a merge's second parent).  A
#    merge's second parent that is a blob is not read at all (a header
#    saying 1 GiB: before, 22 s and 1 GB a run).  An annotated tag that
#    --ref names is bounded the same way ("tag 'ID' is N bytes").
#  5 fixed: a commit under the limit is read once a run: with strace,
#    its (loose) object is opened twice, once for its size, once for
#    its bytes, in a cold and a warm build and in status (before: five,
#    three and three).
#  6 fixed: the gate took every "parent" line of a commit's headers;
#    git takes only those right after "tree".  A commit "tree, author,
#    committer, parent P" is a root for git (git log shows one commit)
#    and was P's child for the gate, which built the history before it.
#    Now the gate walks what git shows: the previous build's commit is
#    not in it (a rewrite, refused).
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

# traced CMD...: CMD under strace, its opens in $GK_DIR/trace (LeakSanitizer
# cannot run under ptrace: an ASan build would fail at exit)
traced() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    strace -f -qq -e trace=openat -o "$GK_DIR/trace" "$@"
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
	timeout 60 env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    strace -f -qq -e trace=openat -o "$GK_DIR/trace" "$GONGKAI" status --trust "$TRUST" "$GK_REPO" >/dev/null 2>&1
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
#   * mallory: keys/bob.asc = bob's key, then mallory's key 17 times
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
  perl tests/gate/key-bomb.pl "$GK_DIR/keys/mallory.asc" 17 armor; } \
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
grep -q "^keys/bob.asc@$start:1:1: warning: key file not read: more than 16 primary keys; it holds no key" \
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
grep -q '^keys/zz.asc@.*: warning: key file not read: more than 16 primary keys' \
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

# --- 4. a commit over 16 MiB ---------------------------------------------
#   base; S[alice], S[bob] A: content/**          (A1, B1 published)
#   * mallory: an unsigned commit whose message is 17 MiB of one letter
#     (packs into a few kilobytes), "Approved: content/**" after it
#   build and status: exit 1 naming it; the site stays as it was
#   bigmsg KB: such a commit on HEAD, of KB KiB of message; its id in BIG
bigmsg() {
	{
		echo "tree $(R rev-parse 'HEAD^{tree}')"
		echo "parent $(R rev-parse HEAD)"
		echo "author mallory <mallory@example.org> $GK_TIME +0000"
		echo "committer mallory <mallory@example.org> $GK_TIME +0000"
		echo
		echo big
		echo
		head -c $(($1 * 1024)) /dev/zero | tr '\0' a
		printf '\n\nApproved: content/**\n'
	} >"$GK_DIR/big"
	BIG=$(gk_raw_commit "$GK_DIR/big")
}
base
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
build big-before
cp "$SITE/provenance.json" "$GK_DIR/prov"
bigmsg 17408
R update-ref refs/heads/main "$BIG"
size=$(R cat-file -s "$BIG")
"$GONGKAI" build --trust "$TRUST" --out "$SITE" "$GK_REPO" \
    >/dev/null 2>"$GK_DIR/berr"
check "big: build exits 1" [ $? -eq 1 ]
grep -q "^gongkai: error: commit '$BIG' is $size bytes, over the limit of 16777216" \
    "$GK_DIR/berr" && ok || fail "big: build: $(head -c 300 "$GK_DIR/berr")"
cmp -s "$SITE/provenance.json" "$GK_DIR/prov" && ok ||
    fail "big: the site changed"
"$GONGKAI" status --trust "$TRUST" "$GK_REPO" >/dev/null 2>"$GK_DIR/serr"
check "big: status exits 1" [ $? -eq 1 ]
grep -q "commit '$BIG' is $size bytes" "$GK_DIR/serr" && ok ||
    fail "big: status: $(head -c 300 "$GK_DIR/serr")"
#   the same commit off the mainline: a merge's second parent
R update-ref refs/heads/main "$(R rev-parse "$BIG^")"
gk_next_date
R merge -q --no-ff --no-gpg-sign -m 'merge big' "$BIG" 2>/dev/null
check "big-side: merged" [ "$(R rev-parse HEAD^2)" = "$BIG" ]
"$GONGKAI" build --trust "$TRUST" --out "$SITE" --accept-rewrite \
    "$GK_REPO" >/dev/null 2>"$GK_DIR/berr"
check "big-side: build exits 1" [ $? -eq 1 ]
grep -q "commit '$BIG' is $size bytes" "$GK_DIR/berr" && ok ||
    fail "big-side: build: $(head -c 300 "$GK_DIR/berr")"
cmp -s "$SITE/provenance.json" "$GK_DIR/prov" && ok ||
    fail "big-side: the site changed"
#   a tag over 16 MiB that the ref names: peeled through by reading it
#   whole before, as a huge commit was; refused by its size now
R update-ref refs/heads/main "$(R rev-parse "$BIG^")"
{
	echo "object $(R rev-parse HEAD)"
	echo "type commit"
	echo "tag big"
	echo "tagger mallory <mallory@example.org> $GK_TIME +0000"
	echo
	head -c $((17408 * 1024)) /dev/zero | tr '\0' a
	echo
} >"$GK_DIR/bigtag"
TAG=$(R hash-object -t tag -w --literally "$GK_DIR/bigtag")
R update-ref refs/tags/big "$TAG"
tsize=$(R cat-file -s "$TAG")
"$GONGKAI" build --trust "$TRUST" --out "$SITE" --ref big "$GK_REPO" \
    >/dev/null 2>"$GK_DIR/berr"
check "big-tag: build exits 1" [ $? -eq 1 ]
grep -q "^gongkai: error: tag '$TAG' is $tsize bytes, over the limit" \
    "$GK_DIR/berr" && ok || fail "big-tag: build: $(head -c 300 "$GK_DIR/berr")"
cmp -s "$SITE/provenance.json" "$GK_DIR/prov" && ok ||
    fail "big-tag: the site changed"
#   a merge whose second parent names a blob: restricts nothing, and is
#   not read (a blob of gigabytes packs into megabytes, and was inflated
#   whole on every run): a loose object whose header says 1 GiB and
#   that holds ten bytes, which reading would refuse as corrupt
if command -v python3 >/dev/null 2>&1; then
	base
	gk_approve alice alice 'content/**'
	gk_approve bob bob 'content/**'
	lie=$(python3 -c '
import hashlib, os, sys, zlib
body = b"blob 1073741824\0" + b"ten bytes."
h = hashlib.sha1(body).hexdigest()
d = os.path.join(sys.argv[1], ".git", "objects", h[:2])
os.makedirs(d, exist_ok=True)
open(os.path.join(d, h[2:]), "wb").write(zlib.compress(body))
print(h)' "$GK_REPO")
	check "big-blob-parent: 1 GiB" [ "$(R cat-file -s "$lie")" -eq 1073741824 ]
	gk_next_date
	printf 'tree %s\nparent %s\nparent %s\nauthor m <m@x> %s +0000\ncommitter m <m@x> %s +0000\n\nmerge a blob\n' \
	    "$(R rev-parse 'HEAD^{tree}')" "$(R rev-parse HEAD)" "$lie" \
	    "$GK_TIME" "$GK_TIME" >"$GK_DIR/c"
	R update-ref refs/heads/main "$(gk_raw_commit "$GK_DIR/c")"
	timed big-blob-parent 30 "$GONGKAI" build --trust "$TRUST" \
	    --out "$SITE" "$GK_REPO"
	page big-blob-parent v/fees/b.html MARK-B1
else
	skip "big-blob-parent: python3 missing"
fi

# --- 5. a commit under the limit is read once ----------------------------
#   base; S[alice], S[bob] A: content/**
#   * mallory: a commit of 1000 KiB of message (loose); editor: one more
if has_strace; then
	base
	gk_approve alice alice 'content/**'
	gk_approve bob bob 'content/**'
	bigmsg 1000
	R update-ref refs/heads/main "$BIG"
	gk_commit editor editor 'on top'
	for run in cold warm; do
		traced "$GONGKAI" \
		    build --trust "$TRUST" --out "$SITE" "$GK_REPO" \
		    >/dev/null 2>"$GK_DIR/berr" ||
		    fail "once-$run: build: $(head -c 300 "$GK_DIR/berr")"
		n=$(opens once "$BIG")
		[ "$n" -eq 2 ] && ok ||
		    fail "once-$run: build opened the commit $n times"
	done
	page once-warm v/fees/b.html MARK-B1
	traced "$GONGKAI" status \
	    --trust "$TRUST" "$GK_REPO" >/dev/null 2>&1
	n=$(opens once "$BIG")
	[ "$n" -eq 2 ] && ok || fail "once-status: opened the commit $n times"
else
	skip "once: strace(1) cannot run here"
fi

# --- 6. a parent line where git reads none ------------------------------
#   base; S[alice], S[bob] A: content/**; built
#   * mallory: a commit "tree, author, committer, parent HEAD": a root
#     commit to git
base
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
build late-parent-before
{
	echo "tree $(R rev-parse 'HEAD^{tree}')"
	echo "author mallory <mallory@example.org> $GK_TIME +0000"
	echo "committer mallory <mallory@example.org> $GK_TIME +0000"
	echo "parent $(R rev-parse HEAD)"
	echo
	echo 'a root to git'
} >"$GK_DIR/late"
R update-ref refs/heads/main "$(gk_raw_commit "$GK_DIR/late")"
check "late-parent: a root to git" [ "$(R rev-list --count HEAD)" -eq 1 ]
"$GONGKAI" build --trust "$TRUST" --out "$SITE" "$GK_REPO" \
    >/dev/null 2>"$GK_DIR/berr"
check "late-parent: build exits 1" [ $? -eq 1 ]
grep -q 'does not contain' "$GK_DIR/berr" && ok ||
    fail "late-parent: not read as a rewrite: $(head -c 300 "$GK_DIR/berr")"

done_tests
