#!/bin/sh
# tests/attack2.test.sh -- red team on today's surfaces: programme
# records (hotline CSV), search index, kiosk/embed outputs and
# incremental builds, attacked by someone who can push to the content
# repository but holds no reviewer's or administrator's key.  Fixtures
# as in tests/gate-attack.test.sh (real keys, throwaway GNUPGHOME).
#
# Cases (each was tried; "fixed" ones failed before their fix):
#  1 unapproved hotline month, row edit, item, unit, file names: held
#  2 approved records file with a mobile number: plain, full-width,
#    zero-width-split (build refuses) held; Arabic-Indic digits fixed
#    (csv_privacy reads fields as shown, privacy_scan_shown)
#  3 withdrawal then incremental build equals a clean build: held
#  4 live page edited in place / replaced by a symlink survives the
#    next incremental build: fixed (fsout links only equal bytes)
#  5 unapproved attachments behind an approved item's links: held
#  6 approved item edited without approval (pages, search, kiosk,
#    embed, PDFs): held
#  7 unapproved broken files stop no build: held
#  8 shards and root-only gated builds: held
#  9 serve: another origin reads the preview by <script src> of the
#    search index parts: fixed (Sec-Fetch-Site, CORP same-origin)
#
# Keys: admin (trust root); alice, bob (scope content/**); editor;
# mallory (nobody).  Unit content/c (county, 2 approvals, hotline and
# rectification programmes, outputs web and kiosk), content/c/v
# (village, 1 approval, embed).
. tests/lib.sh
[ -n "$KEEP" ] && rm -rf "$TMP" && TMP=$KEEP && trap - EXIT && mkdir -p "$TMP"
GK_DIR=$TMP/gk
. tests/gate/lib.sh
export SOURCE_DATE_EPOCH=1775001600	# 2026-04-01: after the records of 2026-01 to 03
GONGKAI=${GONGKAI:-$(pwd)/gongkai}

SITE=$TMP/site
gk_setup
unset XDG_CACHE_HOME GONGKAI_CACHE_DIR
for k in admin alice bob mallory editor; do
	mkkey $k >"$GK_DIR/$k.fpr" || { fail "mkkey $k"; done_tests; exit 1; }
done
TRUST=$GK_DIR/keys/admin.asc

config() {
	cat >"$GK_REPO/config.yaml" <<-EOF
	site: { title: T, base_url: "https://gongkai.example/" }
	governance_approvals: 1
	levels:
	  county: { catalogue: c, outputs: [web, kiosk], approvals: 2, programmes: [hotline, rectification, reporting] }
	  village: { catalogue: c, outputs: [web, embed, board, handout], approvals: 1 }
	catalogues:
	  c:
	    - { id: fees, title: Fees }
	programmes:
	  hotline:
	    title: Hotline
	    channels: [phone]
	    types: [ask]
	    statuses: [open, done]
	    closed_status: done
	    rule: rule text
	  rectification:
	    title: Rect
	  reporting:
	    title: Rep
	reviewers:
	  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }
	  - { id: bob, name: Bob, email: bob@example.org, key: keys/bob.asc, scope: ["content/**"] }
	editors:
	  - { id: editor, name: Editor, email: editor@example.org, key: keys/editor.asc }
	EOF
	git -C "$GK_REPO" add config.yaml
}

item_text() {
	printf -- '---\ntitle: Title %s\ndate: 2026-01-01\n---\nFee text %s here.\n' \
	    "MARK-$1" "MARK-$1"
}
item() { gk_file "$1" "$(item_text "$2")"; }

# hotline MONTH TOPIC...: a hotline month, one row per topic.
hotline() {
	_m=$1
	shift
	_t="date,channel,type,topic,unit,status,closed"
	for _x; do
		_t="$_t
$_m-02,phone,ask,$_x,c,done,$_m-03"
	done
	gk_file "content/c/hotline/$_m.csv" "$_t"
}

base() {
	gk_newrepo
	rm -rf "$SITE"
	mkdir -p "$GK_REPO/keys"
	for k in alice bob editor; do
		cp "$GK_DIR/keys/$k.asc" "$GK_REPO/keys/"
	done
	git -C "$GK_REPO" add keys
	config
	gk_file content/c/_unit.yaml "name: County
level: county"
	gk_file content/c/v/_unit.yaml "name: Village
level: village"
	item content/c/fees/a.md A1
	item content/c/v/fees/b.md B1
	hotline 2026-01 MARK-H1
	gk_commit editor editor c1
	gk_approve admin admin config.yaml 'keys/**'
	gk_approve alice alice 'content/**'
	gk_approve bob bob 'content/**'
}

R() { git -C "$GK_REPO" "$@"; }

build() {
	if "$GONGKAI" build --trust "$TRUST" --out "${2:-$SITE}" \
	    --accept-rewrite "$GK_REPO" >"$GK_DIR/bout" 2>"$GK_DIR/berr"; then
		ok
	else
		fail "$1: build exit $?: $(head -c 400 "$GK_DIR/berr")"
	fi
}

# has CASE MARK: some file of the site holds MARK (the fixture works).
has() {
	f=$(grep -rl "$2" "$SITE" 2>/dev/null | head -1)
	[ -n "$f" ] && ok || fail "$1: $2 is nowhere in the site"
}

# haspdf CASE MARK: some PDF of the site shows MARK.
haspdf() {
	command -v pdftotext >/dev/null 2>&1 || { skip "$1: no pdftotext"; return; }
	for p in $(find "$SITE" -name '*.pdf'); do
		pdftotext "$p" - 2>/dev/null | grep -q "$2" && { ok; return; }
	done
	fail "$1: $2 is in no PDF"
}

# pdftexts: the text of every PDF of the site beside it, as .pdf.txt
# (PDF text is compressed: grep would not see it).
pdftexts() {
	command -v pdftotext >/dev/null 2>&1 || return 0
	find "$SITE" -name '*.pdf' 2>/dev/null | while read -r p; do
		pdftotext "$p" "$p.txt" 2>/dev/null
	done
}

# nowhere CASE MARK...: no file of the site (nor PDF text) holds it.
nowhere() {
	c=$1
	shift
	pdftexts
	for m; do
		f=$(grep -rl "$m" "$SITE" 2>/dev/null | head -3 | tr '\n' ' ')
		[ -z "$f" ] && ok || fail "$c: unpublished $m in $f"
	done
	find "$SITE" -name '*.pdf.txt' -exec rm -f {} + 2>/dev/null
}

# --- 1. unapproved hotline month and row edit ------------------------
base
build baseline
has baseline MARK-A1
check "baseline: one hotline call" grep -q '^total,,1.$' "$SITE/c/hotline/2026-01.csv"
hotline 2026-02 MARK-H2
hotline 2026-01 MARK-H1 MARK-HX
item content/c/fees/u.md U1
item content/c/fees/zqsecretname.md U2
gk_file content/c/zqsecretunit/_unit.yaml "name: MARK-SU
level: village"
item content/c/zqsecretunit/fees/s.md U3
gk_commit mallory - 'unapproved figures'
build unapproved
nowhere unapproved MARK-H2 MARK-HX MARK-U1 MARK-U2 MARK-U3 MARK-SU \
    2026-02 zqsecret
check "unapproved: still one hotline call" \
    grep -q '^total,,1.$' "$SITE/c/hotline/2026-01.csv"
# --- 2. personal numbers in an approved records file ------------------
# Reviewers approve a reporting year whose free-text "kind" cell holds a
# mobile number; the veto must refuse it however it is written, as it
# does in an item (privacy.h: invisible characters between digits are
# removed, every Unicode decimal digit reads as its digit).
ZW=$(printf '\342\200\213')		# U+200B zero width space
AR=$(printf '\331\241\331\243\331\250')	# Arabic-Indic 1 3 8
for v in "plain 13800138000" "fullwidth １３８００１３８０００" \
    "zwsp 138${ZW}0013${ZW}8000" "arabic ${AR}00138000"; do
	name=${v%% *}
	num=${v#* }
	base
	gk_file content/c/reporting/2026.csv "case,received,kind,verified,feedback,reward
2026-001,2026-02-14,MARK-R1 call $num,属实,2026-03-10,500"
	gk_commit editor editor "report year"
	gk_approve alice alice content/c/reporting/2026.csv
	gk_approve bob bob content/c/reporting/2026.csv
	# A records field refuses invisible characters outright (the
	# build stops, no site is written): that holds too.
	if [ "$name" = zwsp ]; then
		"$GONGKAI" build --trust "$TRUST" --out "$SITE" \
		    --accept-rewrite "$GK_REPO" >/dev/null 2>&1
	else
		build "privacy-$name"
		has "privacy-$name (fixture)" MARK-A1
	fi
	nowhere "privacy-$name" MARK-R1
done

# --- 3. withdrawal, then an incremental build ---------------------------
# An item, a hotline month and a village item are published, then
# withdrawn (one reviewer approves the deletion).  The incremental build
# into the live folder must equal a clean build: nothing of them left in
# pages, the search index, the kiosk, the embed feed or the CSV copies.
# same CASE: $SITE and $TMP/clean hold the same files, byte for byte.
same() {
	d=$(diff -r "$SITE" "$TMP/clean" 2>&1 | head -5)
	[ -z "$d" ] && ok || fail "$1: incremental differs from clean: $d"
}
base
item content/c/fees/w.md W1
item content/c/v/fees/x.md X1
hotline 2026-02 MARK-H2
gk_commit editor editor 'more'
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
build withdraw-before
has withdraw-before MARK-W1
has withdraw-before MARK-X1
check "withdraw-before: hotline February" test -f "$SITE/c/hotline/2026-02.html"
gk_rm content/c/fees/w.md
gk_rm content/c/v/fees/x.md
gk_rm content/c/hotline/2026-02.csv
gk_commit editor editor 'withdraw'
gk_approve alice alice content/c/fees/w.md content/c/v/fees/x.md \
    content/c/hotline/2026-02.csv
build withdraw
rm -rf "$TMP/clean"
build withdraw-clean "$TMP/clean"
nowhere withdraw MARK-W1 MARK-X1 2026-02
same withdraw

# --- 4. a live file changed in place survives the next build -------------
# The incremental build links a file of the live site whose digest in
# the manifest equals what it would write, without reading the file:
# a page edited in place (same inode, manifest untouched), or replaced
# by a symbolic link, stays in every later build.  The next build must
# equal a clean one.
rm -rf "$TMP/clean"
build tamper-clean "$TMP/clean"
printf 'MARK-EVIL\n' >>"$SITE/c/fees/a.html"
rm -f "$SITE/c/index.html"
ln -s /etc/passwd "$SITE/c/index.html"
build tamper
nowhere tamper MARK-EVIL
check "tamper: no symbolic link in the site" \
    test -z "$(find "$SITE" -type l | head -1)"
same tamper

# --- 5. an approved item links an attachment nobody approved ------------
# The item is approved first; the attachment it links (and a second
# version of an approved attachment) come later from mallory.
base
gk_file content/c/fees/p.md "---
title: Title MARK-P1
date: 2026-01-01
---
See [the scan](scan.png) and [the list](list.pdf)."
printf 'MARK-L1 approved list\n' >"$GK_REPO/content/c/fees/list.pdf"
R add content/c/fees/list.pdf
gk_commit editor editor 'item with attachment'
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
printf 'MARK-S1 scan\n' >"$GK_REPO/content/c/fees/scan.png"
printf 'MARK-L2 changed list\n' >"$GK_REPO/content/c/fees/list.pdf"
R add content/c/fees
gk_commit mallory - 'attachments'
"$GONGKAI" build --trust "$TRUST" --out "$SITE" --accept-rewrite \
    "$GK_REPO" >/dev/null 2>"$GK_DIR/berr"
nowhere attachment MARK-S1 MARK-L2

# --- 6. an approved item edited without approval -------------------------
# Pages, search index parts, kiosk, embed latest.json and the unit's
# feed must all keep the approved version.
base
build edit-before
item content/c/fees/a.md A2
item content/c/v/fees/b.md B2
gk_file content/c/v/_unit.yaml "name: MARK-UNIT2
level: village"
gk_commit mallory - 'edits'
build edit
nowhere edit MARK-A2 MARK-B2 MARK-UNIT2
has edit MARK-A1
has edit MARK-B1
check "edit: the search index has the approved text" \
    sh -c "grep -rq MARK-A1 '$SITE/assets/search'"
haspdf "edit: print" MARK-B1
check "edit: latest.json has the approved title" \
    grep -q MARK-B1 "$SITE/c/v/embed/latest.json"

# --- 7. unapproved broken files stop nothing ------------------------------
# DESIGN 4: what is not approved cannot stop what is.
base
gk_file content/c/hotline/2026-03.csv "date,channel
\"broken"
gk_file content/c/rectification/r.md "---
title: [unclosed
---
x"
gk_file content/c/reporting/2026.csv "case,received,kind,verified,feedback,reward
2026-001,2026-02-14,a${ZW}b,属实,2026-03-10,500"
gk_file content/c/fees/bad.md "---
title: x
date: notadate
---"
gk_file content/c/fees/Caps.MD "x"
gk_file "content/c/fees/sp ace.md" "$(item_text SP1)"
gk_file content/c/n/_unit.yaml "name: [x"
gk_file content/c/hotline/notes.txt "MARK-T1"
gk_file content/c/v/hotline/2026-01.csv "date,channel,type,topic,unit,status,closed"
gk_commit mallory - 'junk'
build junk
has junk MARK-A1
nowhere junk MARK-SP1 MARK-T1

# --- 8. shards and the root-only build in a gated build ------------------
# The same unapproved edits as case 6: no shard and no root-only build
# (portal, sitemap, search index from metadata) carries them.
base
item content/c/fees/a.md A2
item content/c/fees/u.md U1
item content/c/v/fees/b.md B2
gk_commit mallory - 'edits'
for a in "--shard 0/2" "--shard 1/2" --root-only; do
	rm -rf "$SITE"
	# shellcheck disable=SC2086
	if "$GONGKAI" build --trust "$TRUST" --out "$SITE" --accept-rewrite \
	    $a "$GK_REPO" >/dev/null 2>"$GK_DIR/berr"; then
		ok
	else
		fail "shard $a: build failed: $(head -c 300 "$GK_DIR/berr")"
	fi
	nowhere "shard $a" MARK-A2 MARK-B2 MARK-U1
done
has "root-only (fixture)" MARK-A1

# --- 9. serve: a page elsewhere reads the preview by <script src> ---------
# The preview shows unapproved text, and the search index parts are
# scripts calling a global gkSearchPart(): a page of any origin that
# defines it and includes http://127.0.0.1:PORT/assets/search/t/0.js
# reads them (the browser sends Host: 127.0.0.1:PORT).  Browsers say
# where a request comes from (Sec-Fetch-Site) and honour
# Cross-Origin-Resource-Policy: serve must refuse and forbid it.
if command -v curl >/dev/null 2>&1; then
	mkdir -p "$TMP/stmp"
	TMPDIR=$TMP/stmp "$GONGKAI" serve --port 0 "$GK_REPO" \
	    >"$TMP/sout" 2>"$TMP/serr" &
	SPID=$!
	i=0 P=
	while [ $i -lt 600 ] && kill -0 $SPID 2>/dev/null; do
		P=$(sed -n 's|^serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' \
		    "$TMP/sout")
		[ -n "$P" ] && curl -s "http://127.0.0.1:$P/assets/search/index.js" |
		    grep -q gkSearchPart && break
		sleep 0.1
		i=$((i + 1))
	done
	U=http://127.0.0.1:$P/assets/search/index.js
	scode() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
	check "serve: same-origin script loads" \
	    [ "$(scode -H 'Sec-Fetch-Site: same-origin' "$U")" = 200 ]
	check "serve: a typed address loads" [ "$(scode "$U")" = 200 ]
	check "serve: a cross-site script is refused" \
	    [ "$(scode -H 'Sec-Fetch-Site: cross-site' "$U")" = 403 ]
	check "serve: another port here is refused" \
	    [ "$(scode -H 'Sec-Fetch-Site: same-site' "$U")" = 403 ]
	check "serve: resources are same-origin only" sh -c \
	    "curl -s -D - -o /dev/null '$U' | grep -qi '^Cross-Origin-Resource-Policy: same-origin'"
	kill $SPID 2>/dev/null
	wait $SPID 2>/dev/null
else
	skip "curl is not installed"
fi

done_tests
