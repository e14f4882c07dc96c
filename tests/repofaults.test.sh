#!/bin/sh
# A damaged repository (issue 13): a corrupt or a missing object (a
# blob of a published item, a tree, a commit of the history), a ref
# that does not exist, a shallow clone.  Each build --trust exits 1
# with a message naming what is wrong, writes nothing, never crashes
# (make asan runs this too), and never builds from partial history.
# (tests/gate-cli.test.sh also covers the shallow clone and --ref.)
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh
export SOURCE_DATE_EPOCH=1767225600

gk_setup
unset XDG_CACHE_HOME GONGKAI_CACHE_DIR
for k in admin alice bob editor; do
	mkkey $k >"$GK_DIR/$k.fpr" || { fail "mkkey $k"; done_tests; exit 1; }
done
TRUST=$GK_DIR/keys/admin.asc
mkdir -p "$GK_REPO/keys"
for k in alice bob editor; do cp "$GK_DIR/keys/$k.asc" "$GK_REPO/keys/"; done
git -C "$GK_REPO" add keys
gk_file config.yaml 'site: { title: T, base_url: "https://gongkai.example/" }
governance_approvals: 1
levels:
  county: { catalogue: c, outputs: [web], approvals: 2 }
catalogues:
  c:
    - { id: fees, title: Fees }
reviewers:
  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }
  - { id: bob, name: Bob, email: bob@example.org, key: keys/bob.asc, scope: ["content/**"] }
editors:
  - { id: editor, name: Editor, email: editor@example.org, key: keys/editor.asc }
retired: []
revoked: []'
gk_file content/c/_unit.yaml 'name: County
level: county'
gk_file content/c/fees/a.md '---
title: Item A
date: 2026-01-01
---
Fee text MARK-A here.'
gk_commit editor editor c1
gk_approve admin admin config.yaml 'keys/**'
gk_approve alice alice 'content/**'
gk_file content/c/fees/b.md '---
title: Item B
date: 2026-01-02
---
Fee text MARK-B here.'
gk_commit editor editor c2
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'

"$GONGKAI" build --trust "$TRUST" --out "$TMP/site" "$GK_REPO" \
    >/dev/null 2>"$TMP/err"
check "the intact repository builds" grep -q MARK-B "$TMP/site/c/fees/b.html"
cat "$TMP/err"

# damaged NAME: a copy of the repository with every object loose, in
# $TMP/NAME; sets $d.
damaged() {
	d=$TMP/$1
	rm -rf "$d"
	cp -R "$GK_REPO" "$d"
	for p in "$d"/.git/objects/pack/*.pack; do
		[ -f "$p" ] || continue
		mv "$p" "$TMP/x.pack"
		rm -f "${p%.pack}".*
		git -C "$d" unpack-objects -q <"$TMP/x.pack"
	done
}

# loose ID: the file of loose object ID in $d
loose() {
	_r=${1#??}
	echo "$d/.git/objects/${1%"$_r"}/$_r"
}

# refused NAME WORD [ARGS]: build --trust ARGS of $d exits 1, says WORD
# (any message if WORD is empty), writes nothing.
refused() {
	_what=$1 _word=$2
	shift 2
	rm -rf "$TMP/out"
	"$GONGKAI" build --trust "$TRUST" --out "$TMP/out" "$@" "$d" \
	    >/dev/null 2>"$TMP/err"
	_rc=$?
	check "$_what: exit 1 (got $_rc)" [ "$_rc" -eq 1 ]
	check "$_what: says '$_word'" grep -q -- "error: .*$_word" "$TMP/err"
	[ "$_rc" -eq 1 ] || head -5 "$TMP/err"
	check "$_what: nothing written" [ ! -e "$TMP/out" ]
	[ -z "$VERBOSE" ] || sed -n "s/^/  $_what: /p" "$TMP/err" | sort -u
}

blob=$(git -C "$GK_REPO" rev-parse HEAD:content/c/fees/b.md)
tree=$(git -C "$GK_REPO" rev-parse HEAD:content/c/fees)
first=$(git -C "$GK_REPO" rev-list --max-parents=0 HEAD)

# A published item's blob with bytes flipped in its compressed data.
damaged corrupt-blob
f=$(loose "$blob")
chmod u+w "$f"
printf '\377\377\377\377\377\377\377\377' |
    dd of="$f" bs=1 seek=12 conv=notrunc 2>/dev/null
refused "corrupt blob" $blob
# ... and one whose content no longer matches its id.
damaged swapped-blob
f=$(loose "$blob")
chmod u+w "$f"
cp "$(loose "$(git -C "$GK_REPO" rev-parse HEAD:content/c/fees/a.md)")" "$f"
refused "blob with other content" "hash mismatch"
# A missing blob, tree, first commit.
damaged missing-blob
rm -f "$(loose "$blob")"
refused "missing blob" $blob
damaged missing-tree
rm -f "$(loose "$tree")"
refused "missing tree" $tree
damaged missing-commit
rm -f "$(loose "$first")"
refused "missing first commit" $first
# A ref that does not exist, a shallow clone.
damaged noref
refused "unknown ref" "no-such-ref" --ref no-such-ref
d=$TMP/shallow
git clone -q --depth 1 "file://$GK_REPO" "$d" 2>/dev/null
refused "shallow clone" shallow
done_tests
