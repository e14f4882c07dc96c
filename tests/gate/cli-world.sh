# tests/gate/cli-world.sh: the two-unit world tests/gate-cli.test.sh and
# tests/gate-attack.test.sh build with `gongkai build --trust`, sourced
# from the project root.
#
# The keys and config.yaml are tests/gate/two-units.sh's.  Units:
# content/c (county, 2 approvals), content/v (village, 1); each has
# one item in category fees, published at c/fees/a.html and
# v/fees/b.html, whose body carries a marker (MARK-A1, MARK-B2...)
# naming the text.  base() makes the repository anew:
#
#   * c1 S[editor]: config.yaml keys/ content/{c,v}/_unit.yaml
#                content/c/fees/a.md MARK-A1, content/v/fees/b.md MARK-B1
#   * c2 S[admin] A: config.yaml, A: keys/**
#   * S[alice], S[bob] A: content/*/_unit.yaml   (units published)
#
# base() resets config()'s RETIRED, REVOKED, GOVN and EXTRA.
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh
export SOURCE_DATE_EPOCH=1767225600
GONGKAI=${GONGKAI:-$(pwd)/gongkai}

SITE=$TMP/site
A=content/c/fees/a.md
B=content/v/fees/b.md

. tests/gate/two-units.sh
# The verification cache goes to $HOME/.cache/gongkai (gk_setup's HOME).
unset XDG_CACHE_HOME GONGKAI_CACHE_DIR

# item_text MARK: an item whose body names its text.
item_text() {
	printf -- '---\ntitle: Item %s\ndate: 2026-01-01\n---\nFee text %s here.\n' \
	    "$(printf %s "$1" | cut -c1)" "MARK-$1"
}

# item PATH MARK: write and stage the item.
item() {
	gk_file "$1" "$(item_text "$2")"
}

# blob MARK: the blob id of that item text.
blob() {
	item_text "$1" | git hash-object --stdin
}

base() {
	two_units_repo
	rm -rf "$SITE"		# a new history: no earlier build
	gk_file content/c/_unit.yaml "name: County
level: county"
	gk_file content/v/_unit.yaml "name: Village
level: village"
	item $A A1
	item $B B1
	gk_commit editor editor c1
	gk_approve admin admin config.yaml 'keys/**'
	# a unit with no published unit above it needs two approvals
	gk_approve alice alice 'content/*/_unit.yaml'
	gk_approve bob bob 'content/*/_unit.yaml'
}

# --- the commands -----------------------------------------------------

# build CASE [ARGS...]: gongkai build --trust into $SITE; must succeed.
# The cases replay unrelated histories (and older refs) into one folder,
# so they accept a rewritten mainline; "the mainline only grows" has its
# own case below.
build() {
	c=$1
	shift
	if "$GONGKAI" build --trust "$TRUST" --out "$SITE" --accept-rewrite \
	    "$@" "$GK_REPO" \
	    >"$GK_DIR/bout" 2>"$GK_DIR/berr"; then
		ok
	else
		fail "$c: build exit $?: $(cat "$GK_DIR/berr")"
	fi
}

# page CASE PAGE MARK: the page exists and carries MARK.
page() {
	if [ ! -f "$SITE/$2" ]; then
		fail "$1: no $2 in the site"
	elif grep -q "MARK-$3\\b" "$SITE/$2"; then
		ok
	else
		fail "$1: $2 lacks MARK-$3"
	fi
}

# nopage CASE PAGE: the page is not in the site.
nopage() {
	[ ! -e "$SITE/$2" ] && ok || fail "$1: $2 is in the site"
}

# nowhere CASE MARK...: no file of the site holds the text.
nowhere() {
	c=$1
	shift
	for m; do
		f=$(grep -rl "MARK-$m\\b" "$SITE" 2>/dev/null | head -3)
		[ -z "$f" ] && ok || fail "$c: unpublished MARK-$m in $f"
	done
}

