#!/bin/sh
# tests/gate/sig-fixture.sh DIR -- fixtures for tests/unit_sig.c and
# tests/unit_repo.c.  Writes into DIR:
#   keys/NAME.asc        armored public keys (alice, bob, eve, rick, sam)
#   keys/alice.gpg       alice's public key, binary
#   NAME.fpr             their primary fingerprints
#   NAME.commit          raw commit objects (see below)
#   repo/                the repository the commits live in
#   ids                  "name commit-id" lines
#
# Signature commits (each on its own branch from root, so tamper is easy):
#   good       signed by alice
#   unknown    signed by bob (the test leaves bob out of the keyring)
#   expired    signed by eve in 2020-01-03, after her key expired (01-02)
#   earlyeve   signed by eve in 2020-01-01T12, while her key was valid
#   revoked    signed by rick, whose key is revoked afterwards
#   subkey     signed by sam's signing subkey
#   tampered   "good" with its message edited, signature kept
#   ssh        a synthetic commit with an SSH signature header
#   two        "good" with its gpgsig header duplicated as gpgsig-sha256
#   unsigned   no signature
#
# History for unit_repo (main branch, first parents marked *):
#
#   * root ---- * a2 ------- * merge ---- * rm
#     \                      /
#      `------- o side ----'
#
#   root:  content/a.md "A1", content/u/_unit.yaml, config.yaml
#   side:  content/b.md "B1" (unsigned, on branch side)
#   a2:    content/a.md "A2"
#   merge: signed by alice, trailers Approved: content/**
#   rm:    content/a.md removed, content/l a symlink to "a.md",
#          content/x.sh executable
set -e
DIR=$1
GK_DIR=$DIR
. "$(dirname "$0")/lib.sh"
gk_setup >/dev/null
for k in alice bob rick; do mkkey $k >"$DIR/$k.fpr"; done
mkkey_2020 eve >"$DIR/eve.fpr"
gk_gpg --quick-gen-key "sam <sam@example.org>" ed25519 cert never 2>/dev/null
gk_gpg --quick-add-key "$(gk_fpr sam)" ed25519 sign never 2>/dev/null
gk_export sam
gk_fpr sam >"$DIR/sam.fpr"
gk_gpg --export "<alice@example.org>" >"$DIR/keys/alice.gpg"

R=$GK_REPO
cd "$R"
: >"$DIR/ids"
save() {	# save NAME REV
	id=$(git rev-parse "$2")
	git cat-file commit "$id" >"$DIR/$1.commit"
	echo "$1 $id" >>"$DIR/ids"
}

gk_file content/a.md A1
gk_file content/u/_unit.yaml "level: village"
gk_file config.yaml "site: {}"
gk_commit alice - root
save root HEAD

git checkout -q -b side
gk_file content/b.md B1
gk_commit bob - side
save side HEAD
git checkout -q main
gk_file content/a.md A2
gk_commit alice - a2
save a2 HEAD
gk_next_date
git -c gpg.program="$GK_DIR/gpg-wrap" merge -q --no-ff \
    -S"$(cat "$DIR/alice.fpr")" -m 'merge side

Approved: content/**' side
save merge HEAD
gk_rm content/a.md
ln -s a.md content/l
printf 'echo\n' >content/x.sh
chmod +x content/x.sh
git add content/l content/x.sh
gk_commit alice - rm
save rm HEAD

sigc() {	# sigc NAME KEY [FAKETIME]
	git checkout -q -b "s-$1" "$(awk '$1 == "root" { print $2 }' "$DIR/ids")"
	GK_FAKETIME=${3:-} gk_commit "$2" "$2" "$1

Approved: content/**"
	save "$1" HEAD
	git checkout -q main
}
sigc good alice
sigc unknown bob
sigc expired eve 20200103T000000
sigc earlyeve eve 20200101T120000
sigc revoked rick
sigc subkey sam
sigc unsigned -
revoke_key rick
expire_key eve

sed 's/^good$/evil/' "$DIR/good.commit" >"$DIR/tampered.commit"
awk '
	/^gpgsig / { in_sig = 1; print; sub(/^gpgsig/, "gpgsig-sha256"); s = $0; next }
	in_sig && /^ / { print; s = s "\n" $0; next }
	in_sig { in_sig = 0; print s }
	{ print }
' "$DIR/good.commit" >"$DIR/two.commit"
{
	sed -n '/^tree /p; /^parent /p; /^author /p; /^committer /p' \
	    "$DIR/good.commit"
	printf 'gpgsig -----BEGIN SSH SIGNATURE-----\n U1NIU0lHAAAAAQ==\n'
	printf ' -----END SSH SIGNATURE-----\n\nssh\n'
} >"$DIR/ssh.commit"
for n in tampered two ssh; do
	echo "$n $(gk_raw_commit "$DIR/$n.commit")" >>"$DIR/ids"
done

# Malformed trees (never written by git, accepted by a push without
# fsck), for unit_repo:
#   dup:     content/ holds a.md twice (blobs "X", "Y"), parent: good tree
#   dupdir:  content/ twice, each with its own a.md
#   dotdot:  content/.. as a file
#   fine:    content/a.md "Y" alone, parent dupdir (the tree repaired)
R="$DIR/repo"
bx=$(printf 'X\n' | git -C "$R" hash-object -w --stdin)
by=$(printf 'Y\n' | git -C "$R" hash-object -w --stdin)
mkt() {	# mkt "MODE NAME OID"...: a raw tree with entries in this order
	for e; do
		set -- $e
		perl -e 'print "$ARGV[0] $ARGV[1]\0", pack("H*", $ARGV[2])' "$1" "$2" "$3"
	done | git -C "$R" hash-object -t tree -w --literally --stdin
}
root_tree() { mkt "40000 content $1"; }
mkc() {	# mkc NAME TREE [PARENT]
	if [ -n "$3" ]; then p="-p $3"; else p=; fi
	c=$(GIT_AUTHOR_DATE="@1767225600 +0000" GIT_COMMITTER_DATE="@1767225600 +0000" \
	    git -C "$R" commit-tree $p -m "$1" "$2")
	echo "$1 $c" >>"$DIR/ids"
	echo "$c"
}
tx=$(mkt "100644 a.md $bx")
c0=$(mkc tgood "$(root_tree "$tx")")
tdup=$(mkt "100644 a.md $bx" "100644 a.md $by")
mkc dup "$(root_tree "$tdup")" "$c0" >/dev/null
ty=$(mkt "100644 a.md $by")
cdd=$(mkc dupdir "$(mkt "40000 content $tx" "40000 content $ty")" "$c0")
mkc dotdot "$(root_tree "$(mkt "100644 .. $bx" "100644 a.md $bx")")" "$c0" >/dev/null
mkc fine "$(root_tree "$ty")" "$cdd" >/dev/null
