#!/bin/sh
# Pictures on boards and handouts (pdf_pic.c, jpeg.c, out_print.c):
# a body's JPEG and PNG files drawn in the flow of the text with their
# description as a caption, JPEGs embedded as they are, a PNG's
# transparency as a soft mask, greyscale with --grey; a GIF keeps its
# ［图：…］ text and is said once; every picture a tagged Figure with
# Alt and BBox; the inspectors quiet; a picture changed in place (same
# size) makes the PDF again, both through the incremental build's
# groups and through the PDF cache; a gated print draws the published
# picture, not a newer one waiting for approval.
#
# The fixtures in tests/print/ were made once: photo.jpg (96 x 64,
# baseline, colour) and progressive.jpg (64 x 48, progressive) by
# pdftoppm -jpeg from a board, grey.jpg (16 x 16, one component)
# and logo.png (40 x 30, RGBA: a disc, a half-transparent bar) by a
# few lines of Python writing the bytes, dot.gif (1 x 1) by hand.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21: the demo's records are of 2026, none after today
export GONGKAI_CACHE_DIR=$TMP/cache
V=shifan-county/dongcheng-town/王庄村
need() { command -v "$1" >/dev/null 2>&1; }

repo=$TMP/repo
mkdir -p "$repo"
cp -R content config.yaml "$repo/"
for f in photo.jpg progressive.jpg grey.jpg logo.png dot.gif turned.jpg; do
	cp "tests/print/$f" "$repo/content/$V/other/"
done
cat >"$repo/content/$V/other/pictures.md" <<'EOF'
---
title: 带图片的测试事项
date: 2025-11-22
index_no: 54510124MF00002356/2025-00906
outputs: [web, board, handout]
---
村委会门前的公开栏如下图：
![公开栏照片](photo.jpg)
图后的文字。

![村徽标志](logo.png)

![渐进式照片](progressive.jpg) 与 ![灰度方块](grey.jpg)

![动图](dot.gif)

[![](photo.jpg)](https://www.gov.cn/)

![转过的照片](turned.jpg)
EOF
check "scratch content passes check" "$GONGKAI" check "$repo" >/dev/null
# files changed within two seconds of a build have no stamp it believes
# (fswalk_racy): older ones, so that the groups' notes are tried
sleep 3

"$GONGKAI" build --preview --out "$TMP/a" "$repo" 2>"$TMP/err-a" ||
    fail "preview build: $(cat "$TMP/err-a")"
"$GONGKAI" build --preview --jobs 1 --out "$TMP/b" "$repo" 2>"$TMP/err-b" ||
    fail "second build"
P=$TMP/a/$V/print
check "two builds are byte-identical (the second from the cache)" \
    diff -r "$TMP/a" "$TMP/b"
# the GIF: said once (by the board, not the handout too), with its
# place and why
for e in a b; do
	n=$(grep -c "pictures.md:15:1: warning: picture 'dot.gif' is a GIF, which print does not draw (only JPEG and PNG pictures): boards and handouts show its description instead" "$TMP/err-$e")
	check "build $e: the GIF is said once ($n)" [ "$n" -eq 1 ]
done
check "nothing else is said of the pictures" sh -c \
    "! grep picture '$TMP/err-a' | grep -v dot.gif"

# list FILE: "WxH color comp enc" of each image, in the order drawn
list() {
	pdfimages -list "$1" | tail -n +3 |
	    awk '{ print $4 "x" $5, $3 == "smask" ? "smask" : $6, $7, $9 }'
}
if need pdfimages && need pdftotext; then
	# the photo drawn twice (the second in a link) is in the file once
	cat >"$TMP/want" <<-'EOF'
	96x64 rgb 3 jpeg
	40x30 rgb 3 image
	40x30 smask 1 image
	64x48 rgb 3 jpeg
	16x16 gray 1 jpeg
	96x64 rgb 3 jpeg
	96x64 rgb 3 jpeg
	EOF
	for d in board handout; do
		list "$P/$d.pdf" >"$TMP/$d.images"
		check "$d: the pictures, their sizes and colours" \
		    diff "$TMP/want" "$TMP/$d.images"
		check "$d: the JPEGs are the files' bytes" sh -c \
		    "pdfimages -j '$P/$d.pdf' '$TMP/$d-img' &&
		    cmp -s '$TMP/$d-img-000.jpg' tests/print/photo.jpg &&
		    cmp -s '$TMP/$d-img-003.jpg' tests/print/progressive.jpg &&
		    cmp -s '$TMP/$d-img-004.jpg' tests/print/grey.jpg"
		check "$d: the photo is one object (and the turned one)" [ \
		    "$(pdfimages -list "$P/$d.pdf" |
		    awk '$4 == 96 { print $11 }' | sort -u | wc -l)" -eq 2 ]
		pdftotext "$P/$d.pdf" - | tr -d ' \n\f' >"$TMP/$d.txt"
		for c in 公开栏照片 村徽标志 渐进式照片 灰度方块 ［图：动图］ 转过的照片; do
			check "$d: caption $c" grep -q "$c" "$TMP/$d.txt"
		done
		check "$d: no ［图：…］ for a picture drawn" sh -c \
		    "! grep -Eq '［图：(公开栏照片|村徽标志|渐进式照片|灰度方块)］' '$TMP/$d.txt'"
	done
	# the handout's one column, read in order: each caption under its
	# picture, in the text's place
	check "handout: captions in the text's order" grep -q \
	    '如下图：公开栏照片图后的文字。村徽标志渐进式照片与灰度方块［图：动图］' \
	    "$TMP/handout.txt"
	# a photo whose Exif data says it is shown turned a quarter
	# clockwise (orientation 6, as a phone held upright writes it) is
	# drawn so: its red band, the top row as stored, on the right.
	# Its box from its Figure's BBox (the picture 30.72 pt wide,
	# centred, its caption under it); a strip inside each side.
	pg=$(pdftotext "$P/handout.pdf" - | awk '/\f/ { p++ } /转过的照片/ { print p + 1; exit }')
	# "CX TOP": the box's centre and its top, from the page's top
	box=$(pdfinfo -struct-text "$P/handout.pdf" | awk '
	    /^ *\/BBox/ { gsub(/[][]/, ""); b = (($2 + $4) / 2) " " (841.89 - $5) }
	    /"转过的照片"/ { print b; exit }')
	# red DX: whether the strip 4 pt wide, 30 high, DX pt right of the
	# box's centre and 8 below its top is red (R well above G)
	red() {
		echo "$box $1" | awk '{ printf "-x %d -y %d\n", $1 + $3, $2 + 8 }' >"$TMP/xy"
		pdftoppm -r 72 -f "$pg" -l "$pg" -singlefile $(cat "$TMP/xy") \
		    -W 4 -H 30 "$P/handout.pdf" "$TMP/strip" &&
		od -An -v -tu1 -j "$(head -3 "$TMP/strip.ppm" | wc -c)" \
		    "$TMP/strip.ppm" | tr -s ' ' '\n' | grep . |
		    awk '{ v[NR % 3] = $1 } NR % 3 == 0 { r += v[1]; g += v[2] }
		    END { exit !(r > 1.5 * g) }'
	}
	check "handout: the turned photo's red band on its right" red 10
	if red -14; then
		fail "handout: the turned photo's red band on its left"
	else
		ok
	fi
	# the handout's picture page, the photo at 150 dpi: 46.08 pt wide
	check "handout: a picture at its natural size, 150 dpi" sh -c \
	    "pdfimages -list '$P/handout.pdf' | awk '\$4 == 96 && \$13 == 150 && \$14 == 150 { n++ } END { exit !n }'"
else
	skip "pdfimages or pdftotext missing"
fi

# Tagging: each captioned picture a Figure whose Alt is its caption,
# with a BBox, the caption a Caption in it; a picture without one
# (in the link) an artifact.
if need pdfinfo && need qpdf; then
	for d in board handout; do
		pdfinfo -struct-text "$P/$d.pdf" >"$TMP/$d.struct"
		n=$(awk '/^ *Figure:$/ { f = 1; next }
		    f && /^ *\/BBox \[[-0-9. ]+\]$/ { b = 1; next }
		    f && b && /^ *Caption$/ { c = 1; next }
		    f && b && c && /^ *"(公开栏照片|村徽标志|渐进式照片|灰度方块|转过的照片)"$/ { n++ }
		    /^ *[A-Z]/ && !/^ *(Figure|Caption)/ { f = b = c = 0 }
		    END { print n + 0 }' "$TMP/$d.struct")
		check "$d: five Figures with BBox and a Caption ($n)" [ "$n" -eq 5 ]
		qpdf --object-streams=disable "$P/$d.pdf" - |
		    grep -a '/S /Figure' >"$TMP/$d.figs"
		# 公开栏照片 as UTF-16BE: the Alt of the photo's Figure
		check "$d: the photo's Figure says its description (Alt)" \
		    grep -qi '/Alt <feff516c5f00680f71677247>' "$TMP/$d.figs"
		check "$d: Figures have a Layout BBox" sh -c \
		    "[ \$(grep -Ec '/A << /BBox \[ [-0-9. ]+ \] /O /Layout >>' '$TMP/$d.figs') -eq 5 ]"
	done
else
	skip "pdfinfo or qpdf missing"
fi

# gongkai print --grey: the PNG's samples grey, the colour JPEGs
# painted through their luminosity; nothing on the page in colour.
"$GONGKAI" print --preview --grey --quiet --out "$TMP/g" "$V" "$repo" \
    2>/dev/null || fail "print --grey"
G=$TMP/g/$V/print
if need pdfimages && need pdftoppm; then
	check "--grey: the PNG is grey, its mask kept" sh -c \
	    "pdfimages -list '$G/handout.pdf' | awk '\$4 == 40 { print \$3, \$6 }' |
	    tr '\\n' ' ' | grep -qx 'image gray smask gray '"
	# the page with the pictures, at 30 dpi: every pixel R = G = B
	pg=$(pdftotext "$G/handout.pdf" - | awk '/\f/ { p++ } /如下图/ { print p + 1; exit }')
	pdftoppm -r 30 -f "$pg" -l "$pg" -singlefile "$G/handout.pdf" "$TMP/gp"
	check "--grey: the pictures' page is grey only (page $pg)" sh -c \
	    "od -An -v -tu1 -j \$(head -3 '$TMP/gp.ppm' | wc -c) '$TMP/gp.ppm' |
	    tr -s ' ' '\\n' | grep . | awk '{ v[NR % 3] = \$1 }
	    NR % 3 == 0 { n++; if (v[0] != v[1] || v[1] != v[2]) bad++ }
	    END { exit !(n > 1000 && bad == 0) }'"
	pdftoppm -r 30 -f "$pg" -l "$pg" -singlefile "$P/handout.pdf" "$TMP/cp"
	check "in colour, the same page is not grey" sh -c \
	    "od -An -v -tu1 -j \$(head -3 '$TMP/cp.ppm' | wc -c) '$TMP/cp.ppm' |
	    tr -s ' ' '\\n' | grep . | awk '{ v[NR % 3] = \$1 }
	    NR % 3 == 0 && (v[0] != v[1] || v[1] != v[2]) { bad++ }
	    END { exit !(bad > 0) }'"
else
	skip "pdfimages or pdftoppm missing"
fi

# A picture changed in place, same size: the incremental build makes
# the PDFs again (their groups' notes name the picture's stamp), and a
# --full build does not take the old PDF from the cache (its digest
# holds the picture's bytes).  Each equals a clean build without any
# cache.
flip() {	# a byte of the photo's scan data, changed; same size (173
		# in the fixture, between 154 and 38: no marker made)
	_f=$repo/content/$V/other/photo.jpg
	_n=$(($(wc -c <"$_f") - 40))
	_b=$(od -An -tu1 -j "$_n" -N 1 "$_f" | tr -d ' ')
	printf "\\$(printf '%03o' $((_b + 1)))" |
	    dd of="$_f" bs=1 seek="$_n" conv=notrunc 2>/dev/null
	sleep 3		# its stamp believed
}
# laid_out FILE: whether the last build laid FILE out, which looks its
# digest up in the cache, touching the cached copy (dated back before)
dated_back() {
	find "$GONGKAI_CACHE_DIR" -name '*.pdf' -exec touch -d 2000-01-01 {} +
}
laid_out() {
	_h=$(sha256sum <"$1" | cut -c1-64)
	find "$GONGKAI_CACHE_DIR" -name '*.pdf' -newermt 2001-01-01 \
	    -exec sha256sum {} + | cut -c1-64 | grep -qx "$_h"
}
clean() {
	rm -rf "$TMP/c"
	GONGKAI_CACHE_DIR=$TMP/nocache "$GONGKAI" build --preview --quiet \
	    --out "$TMP/c" "$repo" 2>/dev/null
}
dated_back
"$GONGKAI" build --preview --quiet --out "$TMP/a" "$repo" 2>/dev/null ||
    fail "incremental build"
# what warned (the board) is made every time; the handout is taken over
check "nothing changed: the board that warned is laid out" laid_out "$P/board.pdf"
if laid_out "$P/handout.pdf"; then
	fail "nothing changed: the handout is laid out again (its pictures' note)"
else
	ok
fi
sz=$(wc -c <"$repo/content/$V/other/photo.jpg")
cp "$P/board.pdf" "$TMP/board.old"
cp "$P/handout.pdf" "$TMP/handout.old"
flip
check "the photo kept its size" [ "$(wc -c <"$repo/content/$V/other/photo.jpg")" -eq "$sz" ]
"$GONGKAI" build --preview --quiet --out "$TMP/a" "$repo" 2>/dev/null ||
    fail "incremental build"
clean
check "picture changed: the handout is made again" sh -c \
    "! cmp -s '$TMP/handout.old' '$P/handout.pdf'"
check "picture changed: the board is made again" sh -c \
    "! cmp -s '$TMP/board.old' '$P/board.pdf'"
check "picture changed: the incremental build equals a clean one" \
    diff -r "$TMP/c" "$TMP/a"
flip
"$GONGKAI" build --preview --quiet --full --out "$TMP/a" "$repo" 2>/dev/null ||
    fail "full build"
clean
check "picture changed: --full with the PDF cache equals a clean build" \
    diff -r "$TMP/c" "$TMP/a"
"$GONGKAI" build --preview --quiet --out "$TMP/a" "$repo" 2>/dev/null ||
    fail "build again"
check "nothing changed: still equal" diff -r "$TMP/c" "$TMP/a"

# The inspectors: not a word on any of these PDFs.
for f in "$P/board.pdf" "$P/handout.pdf" "$G/board.pdf" "$G/handout.pdf"; do
	if need qpdf; then
		check "qpdf --check $f" sh -c "qpdf --check '$f' 2>&1 |
		    grep -q '^No syntax or stream encoding errors found' &&
		    ! qpdf --check '$f' 2>&1 | grep -qi 'warning\|error:'"
	fi
	if need mutool; then
		check "mutool draw $f: quiet" sh -c "mutool draw -q -o /dev/null '$f' 2>&1 |
		    grep -v '^warning: ICC support is not available\$' | grep -q . && exit 1
		    mutool draw -q -o /dev/null '$f' 2>/dev/null"
	fi
	if need pdfinfo; then
		check "pdfinfo $f: quiet" sh -c "[ -z \"\$(pdfinfo '$f' 2>&1 >/dev/null)\" ]"
	fi
done

# A gated print draws the published picture: a newer photo waits for
# approval and is not drawn.
if need gpg && need git && need pdfimages; then
	. tests/gate/lib.sh
	. tests/print/gated-world.sh
	T=shifan-county/dongcheng-town
	print_world "$repo" "$T" "$V"
	cp tests/print/photo.jpg "$GK_REPO/content/$V/other/photo.jpg"
	git -C "$GK_REPO" add content
	gk_commit editor editor "content" >/dev/null
	# the unit files need the county's two approvals, the items one
	gk_approve li li 'content/**/_unit.yaml' >/dev/null 2>&1
	gk_approve wang wang 'content/**' >/dev/null 2>&1
	# a new photo, waiting: the grey square in its place
	cp tests/print/grey.jpg "$GK_REPO/content/$V/other/photo.jpg"
	git -C "$GK_REPO" add content
	gk_commit editor editor "new photo" >/dev/null
	gpg --batch --armor --export admin@example.org >"$TMP/trust.asc" 2>/dev/null
	"$GONGKAI" print --trust "$TMP/trust.asc" --quiet --out "$TMP/gated" "$V" \
	    "$GK_REPO" 2>"$TMP/err-g" || fail "gated print: $(cat "$TMP/err-g")"
	check "gated print: the approved photo, not the waiting one" sh -c \
	    "pdfimages -j '$TMP/gated/$V/print/board.pdf' '$TMP/gimg' &&
	    cmp -s '$TMP/gimg-000.jpg' tests/print/photo.jpg"
else
	skip "gpg, git or pdfimages missing: no gated print"
fi
done_tests
