#!/bin/sh
# tests/theme.test.sh -- where a build's theme comes from (theme.h,
# DESIGN.md section 4 "Only the ref's objects"), with real signed
# commits: a theme inside the repository is content, gated like every
# other file and read from the published blobs only, never from the
# working tree; no theme is ever read through a symbolic link; --theme
# DIR (ops) overrides.
#
# Drawing: "*" is a mainline commit, S[name] signed by that key
# (unsigned otherwise), "A: glob" an Approved trailer.
#
# Keys: admin (trust root); alice, bob, dave (scope content/** and
# themes/**), carol (scope content/** only).  dave writes and signs the
# content and the theme, so the gate knows him as their author whatever
# it makes of unsigned commits; he never approves.  Levels: county (2
# approvals), village (1).  The only unit is the village content/v with item fees/b.md:
# its content publishes with one approval, while a theme needs the most
# approvals any level needs: two.  The repository's theme is
# themes/default/, laid over the installed default theme (this build
# tree's themes/default) file by file.  Markers THEME-.. (the footer
# template) and ASSET-.. (assets/extra.css) name the theme's text.
#
#   * c1 editor: config.yaml keys/
#   * c2 S[admin] A: config.yaml, A: keys/**
#   * c3 S[dave] content/v/_unit.yaml content/v/fees/b.md
#                themes/default/footer.mustache THEME-T1,
#                themes/default/assets/extra.css ASSET-X1
#   * c4 S[alice] A: content/**, c5 S[bob] A: content/**
#        content online (two, as the unit file may need the most any
#        level needs); the theme is not approved
#        build: the installed footer, no assets/extra.css
#   * c6 S[alice] A: themes/**           one approval of two
#   * c7 S[carol] A: themes/**           outside carol's scope: no count
#        build: still the installed footer
#   * c8 S[bob]   A: themes/**           two approvals: published
#        build: THEME-T1 on every page, ASSET-X1; the installed theme's
#        other templates and assets fill in what the repository lacks
#   * c9 S[dave] footer THEME-T2, extra.css ASSET-X2   (waits)
#        build: THEME-T1 and ASSET-X1 stay online
#        working tree (uncommitted): footer THEME-W, extra.css ASSET-W,
#        new assets/wt.css ASSET-WT
#        build: the working tree changes nothing; --preview shows THEME-W
#   * c10 S[dave] assets/passwd.css -> /etc/passwd,
#                 assets/out.css -> a file outside the repository (links)
#   * c11 S[alice] A: themes/**, c12 S[bob] A: themes/**
#        build: THEME-T2 online; neither link is ever copied
#        (the gate never publishes a link); --preview and check refuse
#        the links in the working tree
#   then --theme DIR (ops) overrides, and refuses links in DIR; print
#   takes its assets from the same theme.
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh
export SOURCE_DATE_EPOCH=1767225600
GONGKAI=${GONGKAI:-$(pwd)/gongkai}
THEMES=$(pwd)/themes

SITE=$TMP/site
B=content/v/fees/b.md
FOOT=themes/default/footer.mustache
EXTRA=themes/default/assets/extra.css

gk_setup
unset XDG_CACHE_HOME GONGKAI_CACHE_DIR
for k in admin alice bob carol dave; do
	mkkey $k >/dev/null || { fail "mkkey $k"; done_tests; exit 1; }
done
TRUST=$GK_DIR/keys/admin.asc
# A file outside the repository that a link points at.
echo "SECRET-OUTSIDE" >"$GK_DIR/outside.txt"

mkdir -p "$GK_REPO/keys"
for k in alice bob carol dave; do
	cp "$GK_DIR/keys/$k.asc" "$GK_REPO/keys/"
done
git -C "$GK_REPO" add keys
gk_file config.yaml 'site: { title: T, base_url: "https://gongkai.example/", theme: default }
levels:
  county: { catalogue: c, outputs: [web], approvals: 2 }
  village: { catalogue: c, outputs: [web, board], approvals: 1 }
catalogues:
  c:
    - { id: fees, title: Fees }
reviewers:
  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**", "themes/**"] }
  - { id: bob, name: Bob, email: bob@example.org, key: keys/bob.asc, scope: ["content/**", "themes/**"] }
  - { id: carol, name: Carol, email: carol@example.org, key: keys/carol.asc, scope: ["content/**"] }
  - { id: dave, name: Dave, email: dave@example.org, key: keys/dave.asc, scope: ["content/**", "themes/**"] }'
gk_commit editor - c1
gk_approve admin admin config.yaml 'keys/**'
gk_file content/v/_unit.yaml 'name: Village
level: village'
gk_file $B '---
title: Item B
date: 2026-01-01
---
Fee text here.'

# footer MARK: the installed footer with a marker in front.
footer() {
	printf '<p>THEME-%s</p>\n' "$1"
	cat "$THEMES/default/footer.mustache"
}
gk_file $FOOT "$(footer T1)"
gk_file $EXTRA "ASSET-X1"
gk_commit dave dave c3
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'

# build CASE [ARGS...]: gongkai build --trust into $SITE; must succeed.
build() {
	c=$1
	shift
	if "$GONGKAI" build --trust "$TRUST" --out "$SITE" "$@" "$GK_REPO" \
	    >"$GK_DIR/bout" 2>"$GK_DIR/berr"; then
		ok
	else
		fail "$c: build exit $?: $(cat "$GK_DIR/berr")"
	fi
}

# refused CASE WORDS CMD...: CMD exits 1 and says WORDS on stderr.
refused() {
	c=$1 words=$2
	shift 2
	"$@" >"$GK_DIR/rout" 2>"$GK_DIR/rerr"
	rc=$?
	if [ $rc -ne 1 ]; then
		fail "$c: exit $rc, not 1: $(cat "$GK_DIR/rerr")"
	elif grep -q "$words" "$GK_DIR/rerr"; then
		ok
	else
		fail "$c: no '$words' in: $(cat "$GK_DIR/rerr")"
	fi
}

# has CASE FILE MARK: the site's FILE holds MARK.
has() {
	if [ ! -f "$SITE/$2" ]; then
		fail "$1: no $2 in the site"
	elif grep -q "$3" "$SITE/$2"; then
		ok
	else
		fail "$1: $2 lacks $3"
	fi
}

# nowhere CASE MARK...: no file of the site holds the text.
nowhere() {
	c=$1
	shift
	for m; do
		f=$(grep -rl -- "$m" "$SITE" 2>/dev/null | head -3)
		[ -z "$f" ] && ok || fail "$c: '$m' in $f"
	done
}

# nofile CASE FILE: the site has no FILE.
nofile() {
	[ ! -e "$SITE/$2" ] && [ ! -L "$SITE/$2" ] && ok ||
	    fail "$1: $2 is in the site"
}

# same CASE FILE: the site's FILE is the installed default theme's.
same() {
	cmp -s "$SITE/$2" "$THEMES/default/$2" && ok ||
	    fail "$1: $2 is not the installed default's"
}

# installed CASE: every page has the installed footer, no theme marker.
installed() {
	has "$1" index.html 'id="site-contact"'
	has "$1" v/fees/b.html 'Fee text here'
	nowhere "$1" THEME- ASSET-
	nofile "$1" assets/extra.css
	same "$1" assets/style.css
}

# --- a theme committed but not approved ---------------------------------

build not-approved
installed not-approved

gk_approve alice alice 'themes/**'
gk_approve carol carol 'themes/**'
build one-approval
installed one-approval

# --- approved: its files win, the installed theme fills the rest --------

gk_approve bob bob 'themes/**'
build approved
has approved index.html THEME-T1
has approved v/index.html THEME-T1
has approved v/fees/b.html THEME-T1
has approved v/fees/b.html 'Fee text here'
has approved assets/extra.css ASSET-X1
same approved assets/style.css
same approved assets/print.css

# --- an unapproved edit of the approved theme waits ---------------------

gk_file $FOOT "$(footer T2)"
gk_file $EXTRA "ASSET-X2"
gk_commit dave dave c9
build edit-waits
has edit-waits v/fees/b.html THEME-T1
has edit-waits assets/extra.css ASSET-X1
nowhere edit-waits THEME-T2 ASSET-X2

# --- working-tree edits never reach a gated build -----------------------

footer W >"$GK_REPO/$FOOT"
echo "ASSET-W" >"$GK_REPO/$EXTRA"
echo "ASSET-WT" >"$GK_REPO/themes/default/assets/wt.css"
build working-tree
has working-tree v/fees/b.html THEME-T1
has working-tree assets/extra.css ASSET-X1
nowhere working-tree THEME-W ASSET-W ASSET-WT
nofile working-tree assets/wt.css
# ... while a preview shows editors their own theme
PREV=$TMP/preview
if "$GONGKAI" build --preview --out "$PREV" "$GK_REPO" 2>"$GK_DIR/perr"
then
	grep -q THEME-W "$PREV/v/fees/b.html" && ok ||
	    fail "preview: the working tree's footer is not used"
	grep -q ASSET-WT "$PREV/assets/wt.css" && ok ||
	    fail "preview: the working tree's asset is not copied"
else
	fail "preview: $(cat "$GK_DIR/perr")"
fi

# --- links: committed, approved, never copied ---------------------------

ln -s /etc/passwd "$GK_REPO/themes/default/assets/passwd.css"
ln -s ../../../../outside.txt "$GK_REPO/themes/default/assets/out.css"
[ "$(cat "$GK_REPO/themes/default/assets/out.css")" = SECRET-OUTSIDE ] &&
    ok || fail "links: the fixture's link does not reach outside.txt"
git -C "$GK_REPO" add themes/default/assets/passwd.css \
    themes/default/assets/out.css
gk_commit dave dave c10
gk_approve alice alice 'themes/**'
gk_approve bob bob 'themes/**'
build links
has links v/fees/b.html THEME-T2
has links assets/extra.css ASSET-X2
nofile links assets/passwd.css
nofile links assets/out.css
nowhere links 'root:' SECRET-OUTSIDE THEME-W ASSET-W
# the board's print.css comes from the same theme (installed here)
has links v/print/board.html 'assets/print.css'
same links assets/print.css
# a preview and check refuse the links of the working tree
rm -rf "$PREV"
refused preview-links 'passwd.css.*symbolic link' \
    "$GONGKAI" build --preview --out "$PREV" "$GK_REPO"
[ ! -e "$PREV" ] && ok || fail "preview-links: a site was written"
refused check-links 'out.css.*symbolic link' "$GONGKAI" check "$GK_REPO"
# a linked themes/ folder of the working tree is refused too
mv "$GK_REPO/themes" "$GK_DIR/wt-themes"
rm "$GK_DIR/wt-themes/default/assets/passwd.css" \
    "$GK_DIR/wt-themes/default/assets/out.css"
ln -s "$GK_DIR/wt-themes" "$GK_REPO/themes"
refused preview-linked-folder 'themes.*symbolic link' \
    "$GONGKAI" build --preview --out "$PREV" "$GK_REPO"
# ... and means nothing to a gated build
build linked-folder
has linked-folder v/fees/b.html THEME-T2
nowhere linked-folder THEME-W

# --- --theme DIR: ops choose, links refused -----------------------------

OPS=$GK_DIR/ops
cp -R "$THEMES/default" "$OPS"
printf '<p>OPS-THEME</p>\n' >>"$OPS/footer.mustache"
echo "OPS-ASSET" >"$OPS/assets/ops.css"
build ops --theme "$OPS"
has ops v/fees/b.html OPS-THEME
has ops assets/ops.css OPS-ASSET
nowhere ops THEME-T ASSET-X
nofile ops assets/extra.css
# print takes --theme too
POUT=$TMP/print
if "$GONGKAI" print --trust "$TRUST" --theme "$OPS" --out "$POUT" v \
    "$GK_REPO" >/dev/null 2>"$GK_DIR/perr"; then
	cmp -s "$POUT/assets/print.css" "$OPS/assets/print.css" && ok ||
	    fail "print --theme: print.css is not DIR's"
else
	fail "print --theme: $(cat "$GK_DIR/perr")"
fi
# a link in DIR (to a file, to a folder outside), a fifo: refused, and
# the previous site stays
ln -s /etc/passwd "$OPS/assets/passwd.css"
refused ops-link 'passwd.css.*symbolic link' \
    "$GONGKAI" build --trust "$TRUST" --out "$SITE" --theme "$OPS" \
    "$GK_REPO"
has ops-link v/fees/b.html OPS-THEME
nofile ops-link assets/passwd.css
refused print-ops-link 'passwd.css.*symbolic link' \
    "$GONGKAI" print --trust "$TRUST" --theme "$OPS" --out "$POUT" v \
    "$GK_REPO"
rm "$OPS/assets/passwd.css"
ln -s /etc "$OPS/assets/etc"
refused ops-folder-link 'assets/etc.*symbolic link' \
    "$GONGKAI" build --trust "$TRUST" --out "$SITE" --theme "$OPS" \
    "$GK_REPO"
rm "$OPS/assets/etc"
mkfifo "$OPS/assets/fifo"
refused ops-fifo 'fifo.*not a regular file' \
    "$GONGKAI" build --trust "$TRUST" --out "$SITE" --theme "$OPS" \
    "$GK_REPO"
rm "$OPS/assets/fifo"
refused ops-missing "no such folder" \
    "$GONGKAI" build --trust "$TRUST" --out "$SITE" --theme "$TMP/none" \
    "$GK_REPO"
nowhere ops-refused 'root:'

done_tests
