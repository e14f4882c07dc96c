#!/bin/sh
# A file or folder name under content/ that holds a character showing
# nothing, or reordering the text around it -- a C1 control (U+0080-
# U+009F), a bidirectional control (U+200E, U+200F, U+202A-U+202E,
# U+2066-U+2069), a zero-width character, U+FEFF -- is refused by check
# and by build alike (site.c, name_invisible), preview or gated, with
# "path: error:" naming the character as U+XXXX, and the name is never
# sent raw to the terminal (esc_term: \uNNNN).  tests/bad/names-invisible
# holds the exact diagnostics.
#
#   * c1 editor: config.yaml keys/ content/v/_unit.yaml content/v/fees/ok.md
#   |            content/v/fees/<name>.md
#   * c2 S[admin] A: config.yaml, A: keys/**
#   * c3 S[alice] A: content/**
#   * c4 S[bob] A: content/**   (c1 is unsigned: two reviewers)
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh
export SOURCE_DATE_EPOCH=1780272000	# 2026-06-01

item() {
	printf -- '---\ntitle: %s\ndate: 2026-01-05\n---\n正文。\n' "$1"
}

# case CP BYTES WHERE: CP is the code point's hex, BYTES its UTF-8 as
# printf octal escapes, WHERE "file" or "folder"
n=0
while read -r cp bytes where; do
	n=$((n + 1))
	w=$TMP/w$n
	mkdir -p "$w/content/v/fees"
	cp tests/bad/config.yaml "$w/"
	printf 'name: 村\nlevel: county\n' >"$w/content/v/_unit.yaml"
	item 好 >"$w/content/v/fees/ok.md"
	if [ "$where" = folder ]; then
		f=$(printf "content/v/fees/a${bytes}b/x.md")
		mkdir -p "$(dirname "$w/$f")"
	else
		f=$(printf "content/v/fees/a${bytes}b.md")
	fi
	item 坏 >"$w/$f"
	"$GONGKAI" check "$w" >/dev/null 2>"$TMP/c$n"
	check "check: U+$cp in a $where name fails" [ $? -eq 1 ]
	check "check: names U+$cp" \
	    grep -q "^content/v/fees/a\\\\u$(echo "$cp" | tr A-F a-f)b.*: error: $where name contains .*U+$cp" "$TMP/c$n"
	check "check: the character is not printed raw" \
	    sh -c "! grep -q \"\$(printf 'a${bytes}b')\" \"$TMP/c$n\""
	"$GONGKAI" build --preview --out "$TMP/o$n" "$w" >/dev/null 2>"$TMP/b$n"
	check "build --preview: U+$cp in a $where name fails" [ $? -eq 1 ]
	check "build --preview: names U+$cp as check does" \
	    grep -qF "$(head -1 "$TMP/c$n")" "$TMP/b$n"
	check "build --preview: writes nothing" [ ! -e "$TMP/o$n" ]
done <<'EOF'
0085 \302\205 file
009B \302\233 file
0080 \302\200 folder
200E \342\200\216 file
200F \342\200\217 file
202A \342\200\252 file
202E \342\200\256 file
202E \342\200\256 folder
2066 \342\201\246 file
200B \342\200\213 file
FEFF \357\273\277 file
FEFF \357\273\277 folder
EOF

# a name of printable Chinese, Latin and fullwidth characters stays fine
w=$TMP/fine
mkdir -p "$w/content/v/fees"
cp tests/bad/config.yaml "$w/"
printf 'name: 村\nlevel: county\n' >"$w/content/v/_unit.yaml"
item 好 >"$w/content/v/fees/收费标准（2026）-a.md"
"$GONGKAI" check "$w" >/dev/null 2>"$TMP/fine.err"
check "a plain Chinese name passes" [ $? -eq 0 ]

# gated: an approved version with such a name stops the build as it
# stops check, and status shows the name escaped
gk_setup
mkkey admin >/dev/null && mkkey alice >/dev/null && mkkey bob >/dev/null ||
    { fail mkkey; done_tests; exit 1; }
mkdir -p "$GK_REPO/keys" &&
    cp "$GK_DIR/keys/alice.asc" "$GK_DIR/keys/bob.asc" "$GK_REPO/keys/"
gk_file config.yaml 'site: { title: T, base_url: "https://gongkai.example/" }
levels:
  village: { catalogue: c, outputs: [web], approvals: 1 }
catalogues:
  c:
    - { id: fees, title: 收费 }
reviewers:
  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }
  - { id: bob, name: Bob, email: bob@example.org, key: keys/bob.asc, scope: ["content/**"] }'
git -C "$GK_REPO" add keys
gk_file content/v/_unit.yaml 'name: 某村
level: village'
gk_file content/v/fees/ok.md "$(item 好)"
gk_file "$(printf 'content/v/fees/a\342\200\256dm.b.md')" "$(item 坏)"
gk_commit editor - c1
gk_approve admin admin config.yaml 'keys/**'
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
TRUST=$GK_DIR/keys/admin.asc
"$GONGKAI" build --trust "$TRUST" --out "$TMP/g" "$GK_REPO" >/dev/null 2>"$TMP/g.err"
check "gated build: an approved U+202E name fails" [ $? -eq 1 ]
check "gated build: names U+202E" \
    grep -q '^content/v/fees/a\\u202edm.b.md:1:1: error: file name contains the invisible character U+202E' "$TMP/g.err"
check "gated build: writes nothing" [ ! -e "$TMP/g" ]
"$GONGKAI" status --trust "$TRUST" "$GK_REPO" >"$TMP/s.out" 2>&1
check "status lists the path escaped" grep -q 'a\\u202edm.b.md' "$TMP/s.out"
check "status never prints U+202E raw" \
    sh -c "! grep -q \"\$(printf '\342\200\256')\" \"$TMP/s.out\""

done_tests
