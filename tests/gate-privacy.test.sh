#!/bin/sh
# A version with an unmasked personal number is never published,
# whatever its approvals: the last clean approved text stays online and
# status says why.
#
#   * c1 S[editor]: config.yaml keys/ content/v/_unit.yaml (village, 1
#                approval) content/v/fees/b.md "B1 clean"
#   * c2 S[admin] A: config.yaml, A: keys/**
#   * c3 S[alice] A: content/**            B1 published
#   * c4 S[editor]: b.md "B2" with a resident ID number
#   * c5 S[alice] A: content/**            B2 approved, vetoed: B1 stays
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh

gk_setup
mkkey admin >/dev/null && mkkey alice >/dev/null && mkkey editor >/dev/null ||
    { fail mkkey; done_tests; exit 1; }
mkdir -p "$GK_REPO/keys" &&
    cp "$GK_DIR/keys/alice.asc" "$GK_DIR/keys/editor.asc" "$GK_REPO/keys/"
gk_file config.yaml 'site: { title: T, base_url: "https://gongkai.example/" }
levels:
  village: { catalogue: c, outputs: [web], approvals: 1 }
catalogues:
  c:
    - { id: fees, title: 收费 }
reviewers:
  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }
editors:
  - { id: editor, name: Editor, email: editor@example.org, key: keys/editor.asc }'
git -C "$GK_REPO" add keys
gk_file content/v/_unit.yaml 'name: 某村
level: village'
gk_file content/v/fees/b.md '---
title: 收费公示
date: 2026-01-05
---
B1 正文。'
gk_commit editor editor c1
gk_approve admin admin config.yaml 'keys/**'
gk_approve alice alice 'content/**'
gk_file content/v/fees/b.md '---
title: 收费公示
date: 2026-01-05
---
B2 正文，申请人身份证号11010519491231002X。'
gk_commit editor editor c4
gk_approve alice alice 'content/**'

"$GONGKAI" build --trust "$GK_DIR/keys/admin.asc" --out "$TMP/site" "$GK_REPO" ||
    fail "build"
check "clean text online" grep -q 'B1 正文' "$TMP/site/v/fees/b.html"
check "vetoed text nowhere" [ -z "$(grep -rl 'B2 正文' "$TMP/site")" ]
check "ID number nowhere" [ -z "$(grep -rl '11010519491231002X' "$TMP/site")" ]
"$GONGKAI" status --json --trust "$GK_DIR/keys/admin.asc" "$GK_REPO" >"$TMP/st.json"
check "status gives the reason" grep -q '"reason": "privacy: unmasked resident ID number at line 5"' "$TMP/st.json"
check "status does not say it waits" [ "$(grep -c '"waiting": {' "$TMP/st.json")" -eq 0 ]
done_tests
