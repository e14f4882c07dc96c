#!/bin/sh
# Run without REPO from a folder below the repository's top, a command
# finds the repository as git finds its own (cmd_common.c, cmd_repo):
# one that reads the working tree (check, new, build --preview, report
# and plan without --trust) the nearest folder up holding config.yaml
# and content/; one that reads git (status, diff, approve, build
# --trust) the top of the git work tree.  The answer is the one given
# at the top; a diagnostic's path is shown from the current folder; the
# site goes to the repository's site-out; an explicit REPO is taken as
# given.
#
#   * c1 editor: config.yaml keys/ content/v/_unit.yaml
#   |            content/v/fees/b.md content/v/w/_unit.yaml
#   * c2 S[admin] A: config.yaml, A: keys/**
#   * c3 S[alice] A: content/**
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh
export SOURCE_DATE_EPOCH=1780272000	# 2026-06-01

gk_setup
mkkey admin >/dev/null && mkkey alice >/dev/null || { fail mkkey; done_tests; exit 1; }
mkdir -p "$GK_REPO/keys" && cp "$GK_DIR/keys/alice.asc" "$GK_REPO/keys/"
gk_file config.yaml 'site: { title: T, base_url: "https://gongkai.example/" }
levels:
  village: { catalogue: c, outputs: [web], approvals: 1 }
catalogues:
  c:
    - { id: fees, title: 收费 }
reviewers:
  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }'
git -C "$GK_REPO" add keys
gk_file content/v/_unit.yaml 'name: 某村
level: village
org_code: "000000001"'
gk_file content/v/w/_unit.yaml 'name: 某组
level: village'
gk_file content/v/fees/b.md '---
title: 收费公示
date: 2026-01-05
---
正文。'
gk_commit editor - c1
gk_approve admin admin config.yaml 'keys/**'
gk_approve alice alice 'content/**'
TRUST=$GK_DIR/keys/admin.asc
R=$GK_REPO

# at NAME DIR CMD...: runs CMD in folder DIR, its stdout in $TMP/NAME.out,
# its stderr in $TMP/NAME.err, its exit status in $rc
at() {
	_n=$1 _d=$2; shift 2
	(cd "$_d" && "$@") >"$TMP/$_n.out" 2>"$TMP/$_n.err"
	rc=$?
}

# --- the working tree: check, report, plan, new, build --preview ---
at top "$R" "$GONGKAI" check
check "check at the top" [ $rc -eq 0 ]
for d in content content/v content/v/fees content/v/w keys; do
	at sub "$R/$d" "$GONGKAI" check
	check "check in $d: finds the repository" [ $rc -eq 0 ]
	check "check in $d: the same answer" cmp -s "$TMP/top.out" "$TMP/sub.out"
done
at top "$R" "$GONGKAI" report --as-of 2026-06-01
at sub "$R/content/v/fees" "$GONGKAI" report --as-of 2026-06-01
check "report in a subfolder: the same report" cmp -s "$TMP/top.out" "$TMP/sub.out"
at top "$R" "$GONGKAI" plan --shards 2
at sub "$R/content/v" "$GONGKAI" plan --shards 2
check "plan in a subfolder: the same plan" cmp -s "$TMP/top.out" "$TMP/sub.out"

# a diagnostic's path is shown from where the user is, as git does
printf -- '---\ntitle: 无日期\n---\n正文。\n' >"$R/content/v/fees/bad.md"
at e0 "$R" "$GONGKAI" check
check "a bad item: check at the top fails" [ $rc -eq 1 ]
check "... naming it from the top" grep -q '^content/v/fees/bad.md:2:1: error: ' "$TMP/e0.err"
at e1 "$R/content/v" "$GONGKAI" check
check "check in content/v fails too" [ $rc -eq 1 ]
check "... naming it from content/v" grep -q '^fees/bad.md:2:1: error: ' "$TMP/e1.err"
at e2 "$R/content/v/fees" "$GONGKAI" check
check "... from content/v/fees" grep -q '^bad.md:2:1: error: ' "$TMP/e2.err"
at e3 "$R/content/v/w" "$GONGKAI" check
check "... from content/v/w, a sibling" grep -q '^\.\./fees/bad.md:2:1: error: ' "$TMP/e3.err"
check "the same problems wherever it runs" \
    [ "$(wc -l <"$TMP/e0.err")" -eq "$(wc -l <"$TMP/e3.err")" ]
printf 'site: [\n' >"$TMP/cfg" && cp "$R/config.yaml" "$TMP/cfg.good" &&
    cp "$TMP/cfg" "$R/config.yaml"
at e4 "$R/content/v" "$GONGKAI" check
check "a broken config.yaml from content/v: named from there" \
    grep -q '^\.\./\.\./config.yaml:' "$TMP/e4.err"
cp "$TMP/cfg.good" "$R/config.yaml"
rm "$R/content/v/fees/bad.md"

# build --preview: into the repository's site-out, said from here
at b "$R/content/v" "$GONGKAI" build --preview
check "build --preview in content/v" [ $rc -eq 0 ]
check "... into the repository's site-out" [ -f "$R/site-out/index.html" ]
check "... not into content/v" [ ! -e "$R/content/v/site-out" ]
check "... and says where, from here" \
    grep -q "^gongkai: built '\.\./\.\./site-out' (preview)" "$TMP/b.err"
rm -rf "$R/site-out"
# an --out the user gives is where the user is
at b "$R/content/v" "$GONGKAI" build --preview --out "$TMP/own"
check "build --preview --out DIR from a subfolder" [ -f "$TMP/own/index.html" ]

# new: the repository found, the path printed from here
at n "$R/content/v/fees" "$GONGKAI" new v fees 新的公示
check "new in content/v/fees" [ $rc -eq 0 ]
check "... prints the item's path from here" [ "$(cat "$TMP/n.out")" = 新的公示.md ]
check "... and wrote it there" [ -f "$R/content/v/fees/新的公示.md" ]
rm -f "$R/content/v/fees/新的公示.md"

# an explicit REPO is never second-guessed
at x "$R/content/v" "$GONGKAI" check .
check "check . in content/v: not a repository" [ $rc -eq 1 ]
check "... said of '.'" grep -q "no content/ folder in '\.'" "$TMP/x.err"
at x "$R/content/v" "$GONGKAI" new --repo . v fees 某
check "new --repo . in content/v: not a repository" [ $rc -eq 1 ]

# the search stops at the top of a git work tree: a content repository
# above it is not this one's
mkdir -p "$TMP/outer/content" "$TMP/outer/inner/sub"
cp "$R/config.yaml" "$TMP/outer/"
git init -q "$TMP/outer/inner"
at o "$TMP/outer/inner/sub" "$GONGKAI" check
check "check in another work tree below one: not found" [ $rc -eq 1 ]
check "... said of '.'" grep -q "no content/ folder in '\.'" "$TMP/o.err"
# nor is anything found where there is nothing
mkdir -p "$TMP/none/a/b"
at o "$TMP/none/a/b" "$GONGKAI" check
check "check where no repository is: as before" [ $rc -eq 1 ]

# --- git: status, diff, approve, build --trust, report --trust ---
at top "$R" "$GONGKAI" status --trust "$TRUST"
check "status at the top" [ $rc -eq 0 ]
at sub "$R/content/v/fees" "$GONGKAI" status --trust "$TRUST"
check "status in a subfolder: finds the repository" [ $rc -eq 0 ]
check "... the same answer" cmp -s "$TMP/top.out" "$TMP/sub.out"
at sub "$R/content/v/fees" "$GONGKAI" status --trust "$TRUST" --json
check "status --json in a subfolder" [ $rc -eq 0 ]

printf -- '---\ntitle: 收费公示\ndate: 2026-01-05\n---\n改过的正文。\n' \
    >"$R/content/v/fees/b.md"
at top "$R" "$GONGKAI" diff --trust "$TRUST" content/v/fees/b.md
check "diff at the top: a change" [ $rc -eq 1 ]
at sub "$R/content/v" "$GONGKAI" diff --trust "$TRUST" content/v/fees/b.md
check "diff in a subfolder: the same change" [ $rc -eq 1 ]
check "... the same diff" cmp -s "$TMP/top.out" "$TMP/sub.out"
git -C "$R" checkout -q -- content/v/fees/b.md

at a "$R/content/v" "$GONGKAI" approve 'content/nothing/**'
check "approve in a subfolder reads the repository" \
    grep -q "'content/nothing/\*\*' matches nothing on the mainline" "$TMP/a.err"
check "... and signs nothing" [ $rc -eq 1 ]

at g "$R/content/v/fees" "$GONGKAI" build --trust "$TRUST"
check "build --trust in a subfolder" [ $rc -eq 0 ]
check "... into the repository's site-out" [ -f "$R/site-out/provenance.json" ]
check "... says where, from here" \
    grep -q "^gongkai: built '\.\./\.\./\.\./site-out'" "$TMP/g.err"
at g2 "$R/content/v" "$GONGKAI" status --trust "$TRUST"
check "status in a subfolder reads that site's commit (no warning)" \
    [ ! -s "$TMP/g2.err" ]
at top "$R" "$GONGKAI" report --trust "$TRUST"
at sub "$R/keys" "$GONGKAI" report --trust "$TRUST"
check "report --trust in a subfolder: the same report" \
    cmp -s "$TMP/top.out" "$TMP/sub.out"

# a gated command outside any git repository: as before
at o "$TMP/none/a" "$GONGKAI" status --trust "$TRUST"
check "status outside a repository: exits 1" [ $rc -eq 1 ]
check "... naming '.'" grep -q "cannot open repository '\.'" "$TMP/o.err"

done_tests
