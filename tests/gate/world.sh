# tests/gate/world.sh: the small world tests/attack4.test.sh and
# tests/attack5.test.sh attack, sourced from the project root.
#
# Keys: admin (trust root); alice, bob (scope content/**), carol
# (content/v/**); editor; mallory (nobody).  Units content/c (county,
# 2 approvals, web and kiosk) and content/v (village, 1 approval, web
# and board).  base() makes the repository anew: both units and items
# $A and $B committed by the editor, governance and units approved.
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh
export SOURCE_DATE_EPOCH=1767225600
GONGKAI=${GONGKAI:-$(pwd)/gongkai}

SITE=$TMP/site
A=content/c/fees/a.md
B=content/v/fees/b.md

gk_setup
unset XDG_CACHE_HOME GONGKAI_CACHE_DIR
for k in admin alice bob carol mallory editor; do
	mkkey $k >"$GK_DIR/$k.fpr" || { fail "mkkey $k"; done_tests; exit 1; }
done
TRUST=$GK_DIR/keys/admin.asc

# config: the levels are WORLD_LEVELS when set, and WORLD_EXTRA (YAML
# of programmes, say) follows them.
config() {
	_lv=$WORLD_LEVELS
	[ -n "$_lv" ] || _lv='  county: { catalogue: c, outputs: [web, kiosk], approvals: 2, annual: true }
  village: { catalogue: c, outputs: [web, board], approvals: 1 }'
	cat >"$GK_REPO/config.yaml" <<-EOF
	site: { title: T, base_url: "https://gongkai.example/" }
	levels:
	$_lv
	${WORLD_EXTRA:-}
	catalogues:
	  c:
	    - { id: fees, title: Fees }
	reviewers:
	  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }
	  - { id: bob, name: Bob, email: bob@example.org, key: keys/bob.asc, scope: ["content/**"] }
	  - { id: carol, name: Carol, email: carol@example.org, key: keys/carol.asc, scope: ["content/v/**"] }
	editors:
	  - { id: editor, name: Editor, email: editor@example.org, key: keys/editor.asc }
	EOF
	git -C "$GK_REPO" add config.yaml
}

# item PATH MARK [FRONT]: an item whose body names MARK, with more
# front matter lines FRONT.
item() {
	gk_file "$1" "$(printf -- '---\ntitle: Item %s\ndate: 2025-01-01\n%s---\nFee text MARK-%s here.\n' \
	    "$2" "${3:+$3
}" "$2")"
}

base() {
	gk_newrepo
	rm -rf "$SITE"
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
	item $A A1
	item $B B1
	gk_commit editor editor c1
	gk_approve admin admin config.yaml 'keys/**'
	gk_approve alice alice 'content/*/_unit.yaml'
	gk_approve bob bob 'content/*/_unit.yaml'
}

R() { git -C "$GK_REPO" "$@"; }

build() {
	if "$GONGKAI" build --trust "$TRUST" --out "$SITE" --accept-rewrite \
	    "$GK_REPO" >"$GK_DIR/bout" 2>"$GK_DIR/berr"; then
		ok
	else
		fail "$1: build exit $?: $(head -c 300 "$GK_DIR/berr")"
	fi
}

# page CASE PAGE MARK: PAGE is in the site and shows MARK.
page() {
	if [ ! -f "$SITE/$2" ]; then
		fail "$1: no $2 in the site"
	elif grep -q "$3" "$SITE/$2"; then
		ok
	else
		fail "$1: $2 lacks $3"
	fi
}

# nowhere CASE TEXT: no file of the site holds TEXT.
nowhere() {
	f=$(grep -rl "$2" "$SITE" 2>/dev/null | head -3 | tr '\n' ' ')
	[ -z "$f" ] && ok || fail "$1: $2 in $f"
}

# not_on CASE PAGE TEXT: PAGE is in the site and does not show TEXT.
not_on() {
	if [ ! -f "$SITE/$2" ]; then
		fail "$1: no $2 in the site"
	elif grep -q "$3" "$SITE/$2"; then
		fail "$1: $2 shows $3"
	else
		ok
	fi
}
