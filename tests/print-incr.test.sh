#!/bin/sh
# Boards, handouts and questionnaires on incremental builds
# (out_print.c, prog_evaluation.c, memo.h): a unit's board and handout
# PDFs, their HTML twins and each questionnaire are groups of their
# own, laid out again only when their inputs changed; else taken over
# from the earlier build.  After each step the site equals a clean
# build (--full into an empty folder), diff -r.
#
# Which PDFs a build laid out is read from the PDF cache (out_print.c):
# laying one out ends in a look-up of its digest there, which touches
# the cached copy it takes or writes a new one; a PDF taken over with
# its group touches nothing.  So the cache's files are dated back
# before each build, and the PDFs under <unit>/print/ of the output
# whose bytes are in a file dated since were laid out.
. tests/lib.sh

export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21: after the demo's records
export GONGKAI_CACHE_DIR=$TMP/cache
V=shifan-county/dongcheng-town/王庄村
R=$TMP/repo
S=$TMP/s
mkdir -p "$R"
cp -R content config.yaml "$R/"

# build [ARGS]: an incremental build into $S, the cache dated back first
build() {
	find "$GONGKAI_CACHE_DIR" -name '*.pdf' -exec touch -d 2000-01-01 {} + \
	    2>/dev/null
	"$GONGKAI" build --preview "$@" --out "$S" "$R" 2>"$TMP/err" ||
	    fail "build $*: $(cat "$TMP/err")"
}
# laid_out: the units' print PDFs (boards, handouts, questionnaires)
# the last build laid out, one a line
laid_out() {
	find "$GONGKAI_CACHE_DIR" -name '*.pdf' -newermt 2001-01-01 \
	    -exec sha256sum {} + | cut -c1-64 | sort -u >"$TMP/new"
	(cd "$S" && find . -path '*/print/*.pdf' | LC_ALL=C sort |
	    xargs sha256sum) | sort >"$TMP/out"
	join "$TMP/new" "$TMP/out" | cut -d' ' -f2 | sed 's|^\./||' |
	    LC_ALL=C sort
}
# same NAME: the site equals a clean build
same() {
	rm -rf "$TMP/c" "$TMP/c".* "$TMP/.c".*
	"$GONGKAI" build --preview --quiet --full --jobs 1 --out "$TMP/c" \
	    "$R" || fail "$1: clean build"
	check "$1: equals a clean build" diff -r "$TMP/c" "$S"
}

build
all=$(cd "$S" && find . -path '*/print/*.pdf' | wc -l)
q=$(cd "$S" && find . -path '*/print/questionnaire-*.pdf' | wc -l)
check "first build: every board, handout, questionnaire laid out" \
    [ "$(laid_out | wc -l)" -eq "$all" -a "$all" -gt 4 -a "$q" -gt 0 ]
check "first build: groups of the PDFs and the twins in the manifest" \
    grep -q "^= [0-9a-f]* $V|handout.html\$" "$TMP/.s.manifest"

build
check "no change: no PDF laid out" [ -z "$(laid_out)" ]
check "no change: print files not made again" \
    grep -q "not made again" "$TMP/err"
same "no change"

# One item's body: its unit's board and handout, no other (and no
# questionnaire: it shows no body).
printf '\n本事项于今日补充说明一段。\n' >>"$R/content/$V/other/村务公开日安排.md"
build --jobs 2
laid_out >"$TMP/got"
printf '%s\n' "$V/print/board.pdf" "$V/print/handout.pdf" >"$TMP/want"
check "one body: only its unit's board and handout laid out" \
    cmp -s "$TMP/want" "$TMP/got"
check "one body: the new text on the twin" \
    grep -q '补充说明一段' "$S/$V/print/handout.html"
same "one body"
build --jobs 1
check "then no change (one worker): no PDF laid out" [ -z "$(laid_out)" ]

# An item only on the web: its unit's board and handout show its
# title nowhere, but their keys hold every item of the unit (a
# superset is safe); then --full lays out everything.
build --full
check "--full: every board and handout laid out" \
    [ "$(laid_out | wc -l)" -eq "$all" ]
same "--full"

# Other fonts (here: the same fonts found through another fontconfig
# path, which the fonts' signature holds): every PDF is laid out again,
# no twin is made again, and the bytes are the same.
if [ -f /etc/fonts/fonts.conf ]; then
	build
	n1=$(sed -n 's/.*(\([0-9]*\) not made again).*/\1/p' "$TMP/err")
	FONTCONFIG_PATH=/etc/fonts build
	n2=$(sed -n 's/.*(\([0-9]*\) not made again).*/\1/p' "$TMP/err")
	check "other fonts: every board and handout laid out" \
	    [ "$(laid_out | wc -l)" -eq "$all" ]
	check "other fonts: the twins taken over ($n1 - $all = $n2)" \
	    [ "$n2" -eq $((n1 - all)) ]
	same "other fonts"
else
	skip "other fonts: no /etc/fonts/fonts.conf"
fi

# The day: validity and the PDF's date change, so every document is
# made again.
SOURCE_DATE_EPOCH=1795305600 build
check "another day: every board and handout laid out" \
    [ "$(laid_out | wc -l)" -eq "$all" ]
SOURCE_DATE_EPOCH=1795305600 same "another day"

# The unit's details (its phone is on the handout) and the site's
# configuration (the QR codes' base URL): laid out again.
build
sed -i 's/^phone: .*/phone: 0000-1234567/' "$R/content/$V/_unit.yaml"
build
laid_out | grep -qx "$V/print/handout.pdf" && ok ||
    fail "a unit's phone: its handout laid out"
same "a unit's phone"
sed -i "s|^  base_url: .*|  base_url: https://other.example.gov.cn/|" \
    "$R/config.yaml"
build
check "another base URL: every board and handout laid out" \
    [ "$(laid_out | wc -l)" -eq "$all" ]
same "another base URL"

# A PDF changed by hand in the live site is made again by a build that
# checks (the standby's seal broken, as a killed build leaves it).
build
printf 'x' >>"$S/$V/print/board.pdf"
seal_break "$S"
build
laid_out | grep -qx "$V/print/board.pdf" && ok ||
    fail "a board changed by hand: laid out again"
same "a board changed by hand"

done_tests
