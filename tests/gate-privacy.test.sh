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
#
# The same when the number is hidden from the bytes by an encoding and
# shown to the reader (privacy is judged on the text as shown):
#
#   * c6 editor: c.md "C1", d.yaml "D1", e.md "E1", f.md "F1", all clean
#   * c7 S[alice] A: content/**            C1, D1, E1, F1 published
#   * c8 editor: c.md "C2" the ID as HTML character references,
#                d.yaml "D2" the ID in a table cell as YAML \u escapes,
#                e.md "E2" the ID split by emphasis and a zero-width
#                space in the body, Arabic-Indic digits in the title,
#                f.md "F2" with a raw HTML block, which no reader sees
#   * c9 S[alice] A: content/**            C2, D2, E2, F2 approved,
#                                          vetoed: C1, D1, E1, F1 stay
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

gk_file content/v/fees/c.md '---
title: 收费公示
date: 2026-01-06
---
C1 正文。'
gk_file content/v/fees/d.yaml 'title: 名单
date: 2026-01-06
table:
  columns: [姓名, 身份证号]
  rows:
    - [张*, "D1 110101********1234"]'
gk_file content/v/fees/e.md '---
title: 公示 E1
date: 2026-01-06
---
E1 正文。'
gk_file content/v/fees/f.md '---
title: 公示 F
date: 2026-01-06
---
F1 正文。'
gk_commit editor editor c6
gk_approve alice alice 'content/**'
gk_file content/v/fees/c.md '---
title: 收费公示
date: 2026-01-06
---
C2 正文，申请人身份证号&#49;&#49;&#48;&#49;&#48;&#53;&#49;&#57;&#52;&#57;&#49;&#50;&#51;&#49;&#48;&#48;&#50;&#88;。'
gk_file content/v/fees/d.yaml 'title: 名单
date: 2026-01-06
table:
  columns: [姓名, 身份证号]
  rows:
    - [张*, "D2 \u0031\u0031\u0030\u0031\u0030\u0035\u0031\u0039\u0034\u0039\u0031\u0032\u0033\u0031\u0030\u0030\u0032X"]'
gk_file content/v/fees/e.md '---
title: 公示 E2 ١٣٨١٢٣٤٥٦٧٨
date: 2026-01-06
---
E2 正文 1101**05**1949​1231002X。'
gk_file content/v/fees/f.md '---
title: 公示 F
date: 2026-01-06
---
F2 正文。

<div align="right">F2 落款单位</div>'
gk_commit editor editor c8
gk_approve alice alice 'content/**'
grep -q "$(printf '1949\342\200\2131231002X')" "$GK_REPO/content/v/fees/e.md" ||
    fail "fixture: e.md lost its zero-width space"

"$GONGKAI" build --trust "$GK_DIR/keys/admin.asc" --out "$TMP/site" "$GK_REPO" ||
    fail "build"
check "clean text online" grep -q 'B1 正文' "$TMP/site/v/fees/b.html"
check "vetoed text nowhere" [ -z "$(grep -rl 'B2 正文' "$TMP/site")" ]
check "ID number nowhere" [ -z "$(grep -rl '11010519491231002X' "$TMP/site")" ]
# raw HTML hides text from readers that reviewers read: vetoed too
check "raw HTML: F1 stays" grep -q 'F1 正文' "$TMP/site/v/fees/f.html"
check "raw HTML: F2 nowhere" [ -z "$(grep -rl 'F2 正文' "$TMP/site")" ]
# The loader keeps the published items it parsed (itemcache.h) under
# their blob ids: the next build takes them, not the blobs, and makes
# the same site.
ic=$HOME/.cache/gongkai/items/git
check "itemcache: items kept by blob id" grep -aq "b $(git -C "$GK_REPO" \
    rev-parse HEAD~6:content/v/fees/b.md)" "$ic"	# B1, published
"$GONGKAI" build --trust "$GK_DIR/keys/admin.asc" --full --out "$TMP/site2" \
    "$GK_REPO" 2>/dev/null || fail "build with the item cache"
check "itemcache: the same site" diff -r "$TMP/site" "$TMP/site2"
"$GONGKAI" status --json --trust "$GK_DIR/keys/admin.asc" "$GK_REPO" >"$TMP/st.json"
check "status gives the reason" grep -q '"reason": "privacy: unmasked resident ID number at line 5"' "$TMP/st.json"
check "status does not say it waits" [ "$(grep -c '"waiting": {' "$TMP/st.json")" -eq 0 ]
# (A space after the marker: "E2" alone turns up in hex digests.)
for x in C D E; do
	check "$x: clean text online" grep -rq "${x}1 " "$TMP/site/v/fees"
	check "$x: vetoed text nowhere" [ -z "$(grep -rl "${x}2 " "$TMP/site")" ]
done
check "ID number nowhere, decoded" [ -z "$(grep -rlE '1101(<[^>]*>)?05(<[^>]*>)?1949' "$TMP/site")" ]
check "mobile number nowhere" [ -z "$(grep -rl '١٣٨١٢٣٤٥٦٧٨' "$TMP/site")" ]
# reason PATH: the "reason" line of PATH's entry in status --json.
reason() {
	awk -v p="\"path\": \"$1\"" 'index($0, "\"path\": ") { cur = $0 }
	    /"reason":/ && index(cur, p) { print; exit }' "$TMP/st.json"
}
check "status: the references" [ "$(reason content/v/fees/c.md)" = '      "reason": "privacy: unmasked resident ID number at line 5"' ]
check "status: the YAML escapes" [ "$(reason content/v/fees/d.yaml)" = '      "reason": "privacy: unmasked resident ID number at line 6"' ]
check "status: the title" [ "$(reason content/v/fees/e.md)" = '      "reason": "privacy: unmasked mobile phone number at line 2"' ]
check "status: raw HTML" [ "$(reason content/v/fees/f.md)" = '      "reason": "raw HTML at line 7 (never published: what reviewers read would not be what readers see)"' ]
# The gate keeps the texts it found clean (privcache.h) in the cache
# folder, never one it vetoed: the next run gives the same reasons.  A
# line added there by hand is believed, as the folder is the user's
# own (an attacker with push rights has no way to it): it shows the
# scan is skipped.
f=$HOME/.cache/gongkai/privacy/gate
sum() { git -C "$GK_REPO" show "HEAD:$1" | sha256sum | cut -c1-64; }
check "privcache: the gate keeps clean texts" grep -q "^$(git -C "$GK_REPO" \
    show HEAD~3:content/v/fees/c.md | sha256sum | cut -c1-64) m\$" "$f"
check "privcache: never a vetoed one" [ -z "$(grep "$(sum content/v/fees/c.md)" "$f")" ]
cp "$TMP/st.json" "$TMP/st1.json"
"$GONGKAI" status --json --trust "$GK_DIR/keys/admin.asc" "$GK_REPO" >"$TMP/st.json"
check "privcache: the same reasons next time" cmp "$TMP/st1.json" "$TMP/st.json"
{ head -1 "$f"; { tail -n +2 "$f"; echo "$(sum content/v/fees/c.md) m"; } |
    LC_ALL=C sort; } >"$TMP/forged" && cat "$TMP/forged" >"$f"
"$GONGKAI" status --json --trust "$GK_DIR/keys/admin.asc" "$GK_REPO" >"$TMP/st.json"
check "privcache: a text it knows is not scanned" \
    [ "$(reason content/v/fees/c.md)" = '      "reason": null' ]
check "privcache: the others are" \
    [ -n "$(reason content/v/fees/d.yaml | grep privacy)" ]
rm -f "$f"
# The working tree holds the same text: check points at the lines, and
# a preview build refuses it.
(cd "$GK_REPO" && "$GONGKAI" check .) >/dev/null 2>"$TMP/check.err"
check "check fails" [ $? -eq 1 ]
check "check: c.md" grep -q '^content/v/fees/c.md:5:[0-9]*: error: unmasked resident ID number' "$TMP/check.err"
check "check: d.yaml" grep -q '^content/v/fees/d.yaml:6:[0-9]*: error: unmasked resident ID number' "$TMP/check.err"
check "check: e.md title" grep -q '^content/v/fees/e.md:2:[0-9]*: error: unmasked mobile phone number' "$TMP/check.err"
check "check: e.md body" grep -q '^content/v/fees/e.md:5:[0-9]*: error: unmasked resident ID number' "$TMP/check.err"
"$GONGKAI" build --preview --out "$TMP/preview" "$GK_REPO" 2>/dev/null
check "preview build refuses it" [ $? -ne 0 ]

# A unit file is scanned too, for the numbers that never stand in one:
# its mobile phone: is the village's contact line and is published, a
# resident ID number is not; the last clean approved version stays.
#
#   * c10 editor: _unit.yaml U1, phone: a mobile, address clean
#   * c11 S[alice] A: content/**           U1 published
#   * c12 editor: _unit.yaml U2, an ID number in address:
#   * c13 S[alice] A: content/**           U2 approved, vetoed: U1 stays
gk_file content/v/_unit.yaml 'name: 某村
level: village
phone: 138 1234 5678
address: 某镇U1路1号'
gk_commit editor editor c10
gk_approve alice alice 'content/**'
gk_file content/v/_unit.yaml 'name: 某村
level: village
phone: 138 1234 5678
address: 某镇U2路，村主任身份证 110101 1990 0101 1237'
gk_commit editor editor c12
gk_approve alice alice 'content/**'
rm -rf "$TMP/site"
"$GONGKAI" build --trust "$GK_DIR/keys/admin.asc" --out "$TMP/site" \
    "$GK_REPO" 2>/dev/null || fail "build, unit file"
check "unit: clean version online" grep -q 'U1路' "$TMP/site/v/guide.html"
check "unit: its mobile contact line published" \
    grep -q '138 1234 5678' "$TMP/site/v/guide.html"
check "unit: vetoed version nowhere" [ -z "$(grep -rl 'U2路' "$TMP/site")" ]
"$GONGKAI" status --json --trust "$GK_DIR/keys/admin.asc" "$GK_REPO" >"$TMP/st.json"
check "unit: status gives the reason" [ "$(reason content/v/_unit.yaml)" = \
    '      "reason": "privacy: unmasked resident ID number at line 4"' ]
(cd "$GK_REPO" && "$GONGKAI" check .) >/dev/null 2>"$TMP/check.err"
check "unit: check points at it" grep -q \
    '^content/v/_unit.yaml:4:[0-9]*: error: unmasked resident ID number' \
    "$TMP/check.err"
check "unit: check takes the phone" \
    [ -z "$(grep '^content/v/_unit.yaml:3:' "$TMP/check.err")" ]
# The loader keeps the unit texts it found clean as the gate does: a
# line added by hand is believed, and shows the scan is skipped.
f=$HOME/.cache/gongkai/privacy/items
{ head -1 "$f"; { tail -n +2 "$f"; echo "$(sha256sum \
    <"$GK_REPO/content/v/_unit.yaml" | cut -c1-64) u"; } | LC_ALL=C sort; } \
    >"$TMP/forged" && cat "$TMP/forged" >"$f"
(cd "$GK_REPO" && "$GONGKAI" check .) >/dev/null 2>"$TMP/check.err"
check "unit: a text the loader knows is not scanned" \
    [ -z "$(grep '^content/v/_unit.yaml:' "$TMP/check.err")" ]
rm -f "$f"
done_tests
