#!/bin/sh
# make check: long
# Print and display outputs (out_print.c, out_display.c, cmd_print.c):
# paper sizes and page boxes (pdfinfo), embedded fonts (pdffonts), what
# is on a board and what is not (pdftotext), QR codes that decode to
# the item's URL (pdftoppm + zbarimg) and stand in their item's column
# under its title, 发布日期 never broken, footnotes on paper, a long
# table's header repeated in the handout, byte-identical runs, GB18030
# tickers, the display page, `gongkai print` options and refusals, the
# provenance line of a gated build, and a golden image of one board
# page; every PDF through the inspectors (qpdf --check, poppler,
# mutool: not a warning), in Chinese (/Lang), its text what was set,
# characters no font has included; every PDF tagged, its text all in
# the structure tree, titles as headings, tables, QR codes as Figures
# with Alt text.
#
# The demo content plus five test items, in a scratch copy:
#   王庄村/other/web-only.md       outputs [web]: never on paper
#   王庄村/other/expired.md        expired: not on the board any more
#   王庄村/rewards/long-table.yaml 90 rows: the header repeats
#   王庄村/other/footnote.md       two footnotes
#   王庄村/other/rare.md           characters no font has, a radical, a
#                                 "####" heading right under the title
#   王庄村/rewards/monthly.md      fourteen columns of amounts: set
#                                 smaller, no figure broken
. tests/lib.sh
export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21, fixed "today" (the demo's records are of 2026)
V=shifan-county/dongcheng-town/王庄村
T=shifan-county/dongcheng-town
BASE=https://gongkai.example.gov.cn/
need() { command -v "$1" >/dev/null 2>&1; }

repo=$TMP/repo
mkdir -p "$repo"
cp -R content config.yaml "$repo/"
cat >"$repo/content/$V/other/web-only.md" <<'EOF'
---
title: 仅在网站公开的测试事项甲乙丙
date: 2025-10-01
index_no: 54510124MF00002356/2025-00901
outputs: [web]
---
这一项只在网站上公开。
EOF
cat >"$repo/content/$V/other/expired.md" <<'EOF'
---
title: 已经失效的测试事项丁戊己
date: 2025-01-01
expires: 2025-06-30
index_no: 54510124MF00002356/2025-00902
outputs: [web, board, handout]
---
这一项已经失效。
EOF
{
	printf 'title: 长表格测试事项庚辛壬\ndate: 2025-11-01\n'
	printf 'index_no: 54510124MF00002356/2025-00903\n'
	printf 'outputs: [web, board, handout]\nbody: 下表为测试用长表格。\n'
	printf 'table:\n  columns: [序号, 受益户编号测试列, 金额（元）]\n  rows:\n'
	i=1
	while [ $i -le 90 ]; do
		printf '    - ["%d", "HH-%04d", "1200"]\n' $i $i
		i=$((i + 1))
	done
} >"$repo/content/$V/rewards/long-table.yaml"
{
	printf -- '---\ntitle: 各组奖励扶助资金月报测试事项\ndate: 2025-11-02\n'
	printf 'index_no: 54510124MF00002356/2025-00911\n'
	printf 'outputs: [web, board, handout]\n---\n'
	printf '| 小组 | 1月 | 2月 | 3月 | 4月 | 5月 | 6月 | 7月 | 8月 | 9月 '
	printf '| 10月 | 11月 | 12月 | 合计（元） |\n|---|'
	printf -- '---:|%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13
	printf '\n'
	for g in 1 2 3 4 5 6; do
		printf '| %d组 |' $g
		printf ' %d%d,%d37 |' 1 $g 0 2 $g 1 3 $g 2 4 $g 3 5 $g 4 \
		    6 $g 5 7 $g 6 8 $g 7 9 $g 8 1 $g 9 2 $g 0 3 $g 1
		printf ' 1,%d40,999.00 |\n' $g
	done
} >"$repo/content/$V/rewards/monthly.md"
cat >"$repo/content/$V/other/footnote.md" <<'EOF'
---
title: 带脚注的测试事项子丑寅
date: 2025-11-20
index_no: 54510124MF00002356/2025-00904
outputs: [web, board, handout]
---
独生子女父母奖励金按年发放[^jl]，申请材料见村委会公告[^cl]。

[^jl]: 脚注甲：奖励金每人每年一千二百元。
[^cl]: 脚注乙：身份证件和户口簿。
EOF
# U+20000 and U+2A6A5 are in no font Debian has (drawn as boxes); the
# Kangxi radical ⾦ and 金 are one glyph of Noto Sans CJK.  Variation
# selectors (U+E0100 after 葛, U+FE0F after ❤) and zero width joiners
# (between the people of a family emoji) show nothing, but are text.
# Yi (U+A188, U+A320) and Tibetan (U+0F56) are in the Basic
# Multilingual Plane and in no font installed here either.
cat >"$repo/content/$V/other/rare.md" <<'EOF'
---
title: 生僻字测试事项卯辰巳
date: 2025-11-21
index_no: 54510124MF00002356/2025-00905
outputs: [web, board, handout]
---
生僻字甲𠀀乙𪚥丙，部首⾦与金。

异体字葛󠄀姓，一家👨‍👩‍👧，红心❤️。

#### 小标题午未申

正文。

彝文ꆈꌠ，藏文བ。
EOF
check "scratch content passes check" "$GONGKAI" check "$repo" >/dev/null \
    2>"$TMP/cerr"

mkdir -p "$TMP/out"
# The PDF cache in the scratch folder: a is made in worker processes
# with an empty cache, b takes every PDF from the cache, c is made in
# one process with a cache of its own.  All three are the same bytes.
export GONGKAI_CACHE_DIR=$TMP/cache
GONGKAI_JOBS=2 "$GONGKAI" build --preview --out "$TMP/out/a" "$repo" \
    2>"$TMP/berr-a" || fail "preview build"
"$GONGKAI" build --preview --out "$TMP/out/b" "$repo" 2>"$TMP/berr-b" ||
    fail "second build"
# a character no installed font has prints as a box: said, with its
# place, once (its board, not its handout too), each of them, and again
# by a build
# that takes the PDFs over (what warned is made again)
for e in a b; do
	n=$(grep -c "rare.md:7:5: warning: character U+20000 has no glyph in the fonts installed for print" "$TMP/berr-$e")
	check "build $e: a character without a glyph is said once ($n)" [ "$n" -eq 1 ]
	# and so is the next such character, each at its place
	n=$(grep -c "rare.md:7:7: warning: character U+2A6A5 has no glyph" "$TMP/berr-$e")
	check "build $e: the next character without a glyph is said too ($n)" [ "$n" -eq 1 ]
	# one of the Basic Multilingual Plane too, and the one right
	# after it (three bytes each, not four), and the next
	for p in 15:3:A188 15:4:A320 15:8:0F56; do
		n=$(grep -c "rare.md:${p%:*}: warning: character U+${p##*:} has no glyph" "$TMP/berr-$e")
		check "build $e: U+${p##*:} of the BMP is said at ${p%:*} ($n)" [ "$n" -eq 1 ]
	done
done
# check says what a build would: each character, at its place, once
for p in 7:5:20000 7:7:2A6A5 15:3:A188 15:4:A320 15:8:0F56; do
	n=$(grep -c "rare.md:${p%:*}: warning: character U+${p##*:} has no glyph" "$TMP/cerr")
	check "check: U+${p##*:} without a glyph is said at ${p%:*} ($n)" [ "$n" -eq 1 ]
done
GONGKAI_JOBS=1 GONGKAI_CACHE_DIR=$TMP/cache2 "$GONGKAI" build --preview \
    --out "$TMP/out/c" "$repo" || fail "serial build"
A=$TMP/out/a
check "two builds are byte-identical" diff -r "$A" "$TMP/out/b"
check "parallel and serial builds are byte-identical" diff -r "$A" "$TMP/out/c"
check "PDF cache is private" [ "$(stat -c %a "$TMP/cache/pdf")" = 700 ]
check "PDF cache holds the PDFs" [ "$(find "$TMP/cache/pdf" -name '*.pdf' | wc -l)" -eq \
    "$(find "$A" -name '*.pdf' | wc -l)" ]
GONGKAI_CACHE_DIR=$repo/.cache "$GONGKAI" build --preview --out "$TMP/out/d" \
    "$repo" 2>"$TMP/err" || fail "build with a cache in the repository"
check "no PDF cache inside the repository" grep -q 'inside the repository' "$TMP/err"
check "print pages' links resolve" sh tests/linkcheck.sh "$A"

# Which units get what: boards for township, agency, village levels;
# handouts for agency and village; displays for township and agency.
for u in $T $T/liujia-village $V shifan-county/service-center; do
	check "board of $u" [ -s "$A/$u/print/board.pdf" -a -s "$A/$u/print/board.html" ]
done
for u in $V shifan-county/service-center; do
	check "handout of $u" [ -s "$A/$u/print/handout.pdf" -a -s "$A/$u/print/handout.html" ]
done
check "no handout for a township" [ ! -e "$A/$T/print/handout.pdf" ]
# (the county's print/ holds only its evaluation questionnaires)
check "no print pages for the county" [ ! -e "$A/shifan-county/print/board.pdf" -a \
    ! -e "$A/shifan-county/print/handout.pdf" -a \
    -z "$(ls "$A/shifan-county/print" 2>/dev/null | grep -v '^questionnaire-')" ]
for u in $T shifan-county/service-center; do
	check "display of $u" [ -s "$A/$u/display/index.html" -a -f "$A/$u/display/ticker.txt" ]
done
check "no display for a village" [ ! -e "$A/$V/display" ]

# size FILE: "W x H" of page 1, rounded to 0.01 pt
size() { pdfinfo "$1" | awk '/^Page size/ { printf "%.2f x %.2f\n", $3, $5 }'; }
if need pdfinfo && need pdffonts && need pdftotext; then
	check "board is A3 landscape" [ "$(size "$A/$V/print/board.pdf")" = "1190.55 x 841.89" ]
	check "handout is A4 portrait" [ "$(size "$A/$V/print/handout.pdf")" = "595.28 x 841.89" ]
	for f in "$A/$V/print/board.pdf" "$A/$V/print/handout.pdf" \
	    "$A/shifan-county/service-center/print/handout.pdf"; do
		n=$(pdffonts "$f" | tail -n +3 | wc -l)
		e=$(pdffonts "$f" | tail -n +3 | awk '$(NF-4) == "yes"' | wc -l)
		check "fonts embedded in $f ($e/$n)" [ "$n" -gt 0 -a "$e" -eq "$n" ]
	done
	check "PDF dates are the build day" sh -c \
	    "pdfinfo '$A/$V/print/board.pdf' | grep -q '^CreationDate:.*Nov 21 .*2026'"

	# Every board item of the unit is on its board; nothing else is.
	flat() { pdftotext "$1" - | tr -d ' \n\f'; }
	flat "$A/$V/print/board.pdf" >"$TMP/board.txt"
	flat "$A/$V/print/handout.pdf" >"$TMP/handout.txt"
	for f in "$repo/content/$V"/*/*.md "$repo/content/$V"/*/*.yaml; do
		title=$(sed -n 's/^title: *//p' "$f" | head -n 1 | tr -d ' ')
		case $f in */expired.md) want=no ;; *)
			grep -q '^outputs:.*board' "$f" && want=yes || want=no ;;
		esac
		if grep -qF "$title" "$TMP/board.txt"; then got=yes; else got=no; fi
		check "board has '$title': $want" [ "$got" = "$want" ]
		case $f in */expired.md) want=no ;; *)
			grep -q '^outputs:.*handout' "$f" && want=yes || want=no ;;
		esac
		if grep -qF "$title" "$TMP/handout.txt"; then got=yes; else got=no; fi
		check "handout has '$title': $want" [ "$got" = "$want" ]
	done
	# A table too wide for the page is set smaller, down to a
	# footnote's size, before a figure would break: each amount of
	# the fourteen columns stands whole on its line, on A4 and in a
	# column of the A3 board.
	for f in board handout; do
		pdftotext -layout "$A/$V/print/$f.pdf" "$TMP/$f-layout.txt"
		n=$(grep -oP '(?<![0-9,])[0-9]{2},[0-9]{3}(?![0-9,])' \
		    "$TMP/$f-layout.txt" | wc -l)
		check "$f: the monthly amounts unbroken ($n of 72)" [ "$n" -ge 72 ]
		n=$(grep -oE ' 1,[0-9]40,999\.00' "$TMP/$f-layout.txt" | wc -l)
		check "$f: the totals unbroken ($n of 6)" [ "$n" -ge 6 ]
	done
	check "web-only item not in the board twin" sh -c \
	    "! grep -q 仅在网站公开 '$A/$V/print/board.html'"
	check "board shows 索引号 and 发布日期" sh -c \
	    "grep -q '索引号54510124MF00002356/2026-00001' '$TMP/board.txt' &&
	    grep -q '发布日期' '$TMP/board.txt'"
	check "handout pages say 第 N 页 共 M 页" sh -c \
	    "pdftotext '$A/$V/print/handout.pdf' - | tr -d ' ' | grep -q '^第2页共[0-9]*页'"
	check "handout has a table of contents" grep -q '目录' "$TMP/handout.txt"
	check "preview handout says so on every item" [ \
	    "$(pdftotext "$A/$V/print/handout.pdf" - | grep -c '版本 预览 · 未经审核')" -ge 4 ]

	# Footnotes: the numbered reference in the text, the note after it.
	for d in board handout; do
		f=$TMP/$d.txt
		check "$d has the footnotes' text" sh -c "grep -q '1\.脚注甲：奖励金每人每年一千二百元。' '$f' &&
		    grep -q '2\.脚注乙：身份证件和户口簿。' '$f'"
		check "$d numbers the references" grep -q '奖励金按年发放1，申请材料见村委会公告2。' "$f"
		check "$d sets the notes after the text" sh -c \
		    "sed 's/脚注甲.*//' '$f' | grep -q '公告2。'"
		check "$d twin has the footnotes" grep -q '脚注乙：身份证件和户口簿' "$A/$V/print/$d.html"
	done

	# 发布日期 and its date stay on one line of the board, every time.
	n=$(grep -l '^outputs:.*board' "$repo/content/$V"/*/*.md "$repo/content/$V"/*/*.yaml |
	    grep -vc expired.md)
	bad=$(pdftotext -bbox "$A/$V/print/board.pdf" - | awk '
	    /<word / {
		t = $0; sub(/^.*<word [^>]*>/, "", t); sub(/<\/word>.*$/, "", t)
		y = $0; sub(/^.*yMin="/, "", y); sub(/".*$/, "", y); y += 0
		if (label) {
			if (t !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ ||
			    (y - ly) ^ 2 > 4)
				bad++
			label = 0
		}
		if (t ~ /发布日/) {
			seen++
			if (t == "发布日期") { label = 1; ly = y } else bad++
		}
	    }
	    END { print (seen == '"$n"' ? 0 : 1) + bad }')
	check "board: 发布日期 and its date never break ($n items)" [ "$bad" -eq 0 ]

	# The long table's header is on more than one page of the handout.
	pages=$(pdftotext "$A/$V/print/handout.pdf" - | awk '/\f/ { p++ }
	    /受益户编号测试列/ { seen[p + 0] = 1 } END { for (k in seen) n++; print n + 0 }')
	check "long table header repeats on its pages ($pages)" [ "$pages" -ge 2 ]
else
	skip "poppler-utils missing"
fi

# pct PATH: PATH percent-encoded as esc_url_path does
pct() {
	printf '%s' "$1" | od -An -v -tx1 | tr -s ' ' '\n' | grep . |
	while read -r h; do
		case $h in
		2d|2e|2f|5f|7e|3[0-9]|4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a])
			printf "\\$(printf '%03o' "0x$h")" ;;
		*) printf '%%%s' "$(echo "$h" | tr a-f A-F)" ;;
		esac
	done
}

if need pdftoppm && need zbarimg; then
	# The QR codes of the handout are exactly its items' URLs.
	pdftoppm -r 150 -png "$A/$V/print/handout.pdf" "$TMP/qr"
	for p in "$TMP"/qr-*.png; do zbarimg -q --raw "$p"; done | sort >"$TMP/qr.got"
	for f in "$repo/content/$V"/*/*.md "$repo/content/$V"/*/*.yaml; do
		case $f in */expired.md) continue ;; esac
		grep -q '^outputs:.*handout' "$f" || continue
		rel=${f#"$repo/content/"}
		echo "$BASE$(pct "${rel%.*}.html")"
	done | sort >"$TMP/qr.want"
	check "handout QR codes decode to the items' URLs" diff "$TMP/qr.want" "$TMP/qr.got"
	check "board QR code decodes" sh -c "pdftoppm -r 150 -png -f 1 -l 1 \
	    '$A/$V/print/board.pdf' '$TMP/bq' && zbarimg -q --raw '$TMP'/bq-*.png |
	    grep -q '^${BASE}shifan-county/dongcheng-town/%E7%8E%8B%E5%BA%84%E6%9D%91/'"

	# Every board item's code stands in its title's column, below the
	# title and above the next item's: that stretch of the column,
	# cut out of the page, decodes to the item's URL and nothing else.
	B=$A/$V/print/board.pdf
	for f in "$repo/content/$V"/*/*.md "$repo/content/$V"/*/*.yaml; do
		case $f in */expired.md) continue ;; esac
		grep -q '^outputs:.*board' "$f" || continue
		rel=${f#"$repo/content/"}
		printf '%s\t%s\n' "$(sed -n 's/^title: *//p' "$f" | head -n 1 | tr -d ' ')" \
		    "$BASE$(pct "${rel%.*}.html")"
	done >"$TMP/items"
	pdftotext -bbox "$B" - | awk -f tests/print/headings.awk >"$TMP/heads"
	size=$(pdfinfo "$B" | awk '/^Page size/ { print $3, $5 }')
	# PAGE COL Y0 Y1 URL TITLE: each item's stretch, in points
	awk -v size="$size" 'NR == FNR { split($0, f, "\t"); url[f[1]] = f[2]; next }
	    $5 in url { n++; p[n] = $1; c[n] = $2; y[n] = $3; u[n] = url[$5]; ti[n] = $5
		seen[$5]++ }
	    END {
		split(size, wh, " ")
		for (i = 1; i <= n; i++) {
			e = wh[2]
			for (j = 1; j <= n; j++)
				if (p[j] == p[i] && c[j] == c[i] && y[j] > y[i] && y[j] < e)
					e = y[j]
			print p[i], c[i], y[i], e, u[i], ti[i]
		}
		for (t in url)
			if (seen[t] != 1)
				print "0 0 0 0 missing-heading", t
	    }' "$TMP/items" "$TMP/heads" >"$TMP/stretches"
	check "board: every item's title found once" [ \
	    "$(grep -vc missing-heading "$TMP/stretches")" -eq "$(wc -l <"$TMP/items")" ]
	w=$(echo "$size" | awk '{ printf "%d", $1 / 2 * 150 / 72 }')
	k=0
	while read -r p c y0 y1 url title; do
		[ "$p" -gt 0 ] || continue
		k=$((k + 1))
		pdftoppm -r 150 -png -singlefile -f "$p" -l "$p" -x $((c * w)) \
		    -y "$(echo "$y0" | awk '{ printf "%d", $1 * 150 / 72 }')" -W "$w" \
		    -H "$(echo "$y0 $y1" | awk '{ printf "%d", ($2 - $1) * 150 / 72 }')" \
		    "$B" "$TMP/stretch$k"
		got=$(zbarimg -q --raw "$TMP/stretch$k.png" 2>/dev/null)
		check "board: code of $title under its title (page $p column $c)" \
		    [ "$got" = "$url" ]
	done <"$TMP/stretches"
else
	skip "pdftoppm or zbarimg missing"
fi

# Displays and tickers.
D=$A/$T/display
check "ticker lines are 【category】title（date）" sh -c \
    "grep -q '^【奖优政策兑现】.*（2026-10-22）$' '$D/ticker.txt'"
check "ticker has a line per slide" [ \
    "$(wc -l <"$D/ticker.txt")" -eq "$(grep -c '<li class="slide"' "$D/index.html")" ]
check "GB18030 ticker decodes to the UTF-8 one" sh -c \
    "iconv -f GB18030 -t UTF-8 '$D/ticker.gb18030.txt' | cmp -s - '$D/ticker.txt'"
check "GB18030 ticker is not UTF-8" sh -c \
    "! cmp -s '$D/ticker.gb18030.txt' '$D/ticker.txt'"
check "display's one script is display.js, a file, deferred" [ \
    "$(grep -ci '<script' "$D/index.html")" = 1 -a \
    -n "$(grep '<script src="[./]*assets/display.js" defer></script>' "$D/index.html")" ]
r=$(sed -n 's|^<noscript><meta http-equiv="refresh" content="\([0-9]*\)"></noscript>$|\1|p' "$D/index.html")
check "display refreshes without script after more than 20 hours ($r s; axe: meta-refresh)" \
    [ "${r:-0}" -gt 72000 -a $((r % 36)) -eq 0 ]
check "display.js reloads it hourly, at the end of a cycle" \
    grep -q '<body data-reload="3600">' "$D/index.html"
check "display.js is there" [ -f "$A/assets/display.js" ]
# display.js under node with a stand-in page and clock: reloads after
# its period when nobody used the page, waits one more when someone did
if command -v node >/dev/null 2>&1; then
	cat >"$TMP/reload.js" <<'EOF'
var now = 1e6, timer = null, on = {}, reloads = 0, out = [];
global.document = { body: { getAttribute: function (k) {
	return k === "data-reload" ? "3600" : null; } } };
global.window = global;
global.location = { reload: function () { reloads++; } };
Date.now = function () { return now; };
global.addEventListener = function (e, f) { on[e] = f; };
global.setTimeout = function (f, ms) { timer = [f, ms]; return 1; };
require(process.argv[2]);
out.push(timer[1]);
now += 3600e3; timer[0](); out.push(reloads);		/* idle: reloads */
now += 3000e3; on.keydown(); now += 600e3; timer[0]();	/* used 10 min ago */
out.push(reloads, timer[1]);
now += 3600e3; timer[0](); out.push(reloads);		/* idle again */
console.log(out.join(" "));
EOF
	check "display.js: reloads when idle, waits while someone reads" [ \
	    "$(node "$TMP/reload.js" "$A/assets/display.js")" = \
	    "3600000 1 1 3600000 2" ]
else
	skip "node not installed: display.js not run"
fi
check "display loads nothing from outside" sh -c \
    "! grep -Eo '(src|href)=\"[^\"]*\"' '$D/index.html' | grep -q 'http'"
check "display cycles with the level's interval" \
    grep -q 'gk-cycle 36s' "$D/cycle.css"
check "display is zh-CN" grep -q '<html lang="zh-CN">' "$D/index.html"
check "preview display says so" grep -q '预览 — 未经审核' "$D/index.html"

# gongkai print: one unit, its own folder, print-shop options.
"$GONGKAI" print --preview --bleed 3 --grey --out "$TMP/out/p" "$V" "$repo" ||
    fail "gongkai print"
P=$TMP/out/p
check "print writes the unit's pages" [ -s "$P/$V/print/board.pdf" -a -s "$P/$V/print/handout.html" ]
check "print writes only that unit" [ "$(ls "$P/$T")" = "王庄村" ]
check "print copies its stylesheet" [ -s "$P/assets/print.css" ]
# every paper the configuration takes has a size a browser applies: CSS
# names A5 to A3 only, and drops a size:, the whole paper, over a name it
# does not know (A2 printed on the browser's default Letter)
check "every @page size of print.css is one CSS knows" sh -c "! sed -n \
    's/.*@page[^{]*{ *size: *\\([^;]*\\);.*/\\1/p' '$P/assets/print.css' |
    tr ' ' '\\n' | grep -Ev '^(A[345]|B[45]|JIS-B[45]|letter|legal|ledger|portrait|landscape|auto|[0-9.]+(mm|cm|in|pt))$'"
check "print pages' links resolve" sh tests/linkcheck.sh "$P"
if need pdfinfo; then
	b=$(pdfinfo -box "$P/$V/print/board.pdf")
	mb=$(echo "$b" | awk '/^MediaBox/ { printf "%.2f %.2f", $4 - $2, $5 - $3 }')
	tb=$(echo "$b" | awk '/^TrimBox/ { printf "%.1f %.1f %.1f", $2, $4 - $2, $5 - $3 }')
	bb=$(echo "$b" | awk '/^BleedBox/ { printf "%.2f %.2f", $4 - $2, $5 - $3 }')
	check "bleed widens the media by 2 x 3 mm ($mb)" [ "$mb" = "1207.56 858.90" ]
	check "TrimBox is the A3 sheet ($tb)" [ "$tb" = "8.5 1190.6 841.9" ]
	check "BleedBox is the media ($bb)" [ "$bb" = "1207.56 858.90" ]
fi
"$GONGKAI" print --preview --out "$TMP/out/q" shifan-county "$repo" 2>"$TMP/err"
check "print of a web-only level fails" [ $? -eq 1 ]
"$GONGKAI" print --preview --out "$TMP/out/q" no/such "$repo" 2>"$TMP/err"
check "print of no unit is a usage error" [ $? -eq 2 ]
"$GONGKAI" print --out "$TMP/out/q" "$V" "$repo" 2>"$TMP/err"
check "print without --trust is refused" [ $? -eq 2 ]
check "refusal says why" grep -q 'refusing to print without --trust' "$TMP/err"
"$GONGKAI" print --preview --bleed 40 "$V" "$repo" 2>/dev/null
check "--bleed 40 is a usage error" [ $? -eq 2 ]
check "print --help names print-out" sh -c "'$GONGKAI' print --help | grep -q print-out"

# Every PDF made above through the inspectors, which must not say a
# word: qpdf (syntax, streams, cross-references), poppler's and
# mupdf's parsers and renderers.  Every PDF says it is Chinese and
# embeds all its fonts.
find "$A" "$P" -name '*.pdf' | sort >"$TMP/pdfs"
n=$(wc -l <"$TMP/pdfs")
check "inspected PDFs: some ($n)" [ "$n" -ge 10 ]
# inspect NAME CMD...: every PDF, CMD PDF quiet on stderr and exit 0
inspect() {
	_name=$1
	shift
	: >"$TMP/inspect.bad"
	while read -r f; do
		"$@" "$f" >"$TMP/inspect.out" 2>"$TMP/inspect.err" ||
		    echo "$f: exit $?" >>"$TMP/inspect.bad"
		grep -v '^warning: ICC support is not available$' \
		    "$TMP/inspect.err" | sed "s|^|$f: |" >>"$TMP/inspect.bad"
	done <"$TMP/pdfs"
	check "$_name: every PDF, not a word" [ ! -s "$TMP/inspect.bad" ]
	head -n 5 "$TMP/inspect.bad"
}
qcheck() {
	qpdf --check "$1" >"$TMP/qpdf.out" 2>&1 &&
	    grep -q '^No syntax or stream encoding errors found' "$TMP/qpdf.out" &&
	    ! grep -qi 'warning\|error:' "$TMP/qpdf.out" ||
	    { cat "$TMP/qpdf.out" >&2; return 1; }
}
if need qpdf; then
	inspect "qpdf --check" qcheck
else
	skip "qpdf missing"
fi
if need pdfinfo && need pdffonts && need pdftotext; then
	inspect "pdfinfo" pdfinfo
	inspect "pdffonts" pdffonts
	inspect "pdftotext" sh -c 'pdftotext "$1" /dev/null' sh
	unembedded() {
		pdffonts "$1" | tail -n +3 | awk '$(NF-4) != "yes" || $(NF-3) != "yes" ||
		    $(NF-2) != "yes" { print; bad = 1 } END { exit bad }' >&2
	}
	inspect "pdffonts: fonts embedded, subset, with ToUnicode" unembedded
	# Characters no font has stand as boxes, and for themselves in
	# the text; 金 and the radical ⾦ (one glyph) each for itself.
	for d in board handout; do
		check "$d: the rare characters' text is what was set" sh -c \
		    "pdftotext '$A/$V/print/$d.pdf' - | tr -d ' \n\f' |
		    grep -q '生僻字甲𠀀乙𪚥丙，部首⾦与金。'"
		check "$d: variation selectors and joiners are in the text" \
		    sh -c "pdftotext '$A/$V/print/$d.pdf' - |
		    grep -qF '$(printf '异体字葛\363\240\204\200姓，一家\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247，红心\342\235\244\357\270\217。')'"
	done
else
	skip "poppler-utils missing"
fi
if need mutool; then
	inspect "mutool info" mutool info
	inspect "mutool draw" mutool draw -q -o /dev/null
	# PDF/UA-1 7.21.8: no text shows .notdef (glyph 0), not even the
	# invisible text over a character no font has.
	notdef() { ! mutool trace "$1" 2>/dev/null | grep -a '<g .* glyph="0" '; }
	inspect "no .notdef shown" notdef
	# MuPDF reads a font's ToUnicode map by CID: a glyph set for two
	# texts (· and the bullet • are one glyph of Noto Sans CJK, so
	# are 金 and the radical ⾦) reads as each only if each is in a
	# font of its own.
	for d in board handout; do
		mutool draw -q -F txt -o - "$A/$V/print/$d.pdf" 2>/dev/null |
		    sed 's/[[:space:]]//g; s/[　 ]//g' | tr -d '\n\f' >"$TMP/mu.txt"
		pdftotext "$A/$V/print/$d.pdf" - >"$TMP/pt.txt"
		check "$d: mutool reads as many · and • as poppler" [ \
		    "$(grep -o '[·•]' "$TMP/mu.txt" | sort | uniq -c)" = \
		    "$(grep -o '[·•]' "$TMP/pt.txt" | sort | uniq -c)" ]
		check "$d: mutool reads the middle dots" grep -q '预览·未经审核' "$TMP/mu.txt"
		check "$d: mutool reads the radical" grep -q '部首⾦与金' "$TMP/mu.txt"
	done
else
	skip "mupdf-tools missing"
fi
lang() { grep -aq '^<< /Type /Catalog .*/Lang (zh-CN)' "$1"; }
inspect "catalogue says /Lang (zh-CN)" lang
# PDF/UA-1 (veraPDF 5-1, 7.1-8, 7.1-9): the catalogue's XMP metadata
# is well-formed XML, claims PDF/UA-1, and its dc:title is the
# information dictionary's Title.
xmp() {
	_x='string(//*[local-name()="title"]//*[local-name()="li"])'
	pdfinfo -meta "$1" >"$TMP/xmp.xml" &&
	    xmllint --noout "$TMP/xmp.xml" &&
	    grep -q '<pdfuaid:part>1</pdfuaid:part>' "$TMP/xmp.xml" &&
	    _t=$(pdfinfo "$1" | sed -n 's/^Title: *//p') && [ -n "$_t" ] &&
	    [ "$(xmllint --xpath "$_x" "$TMP/xmp.xml")" = "$_t" ] ||
	    { echo "XMP metadata:"; cat "$TMP/xmp.xml"; return 1; } >&2
}
if need pdfinfo && need xmllint; then
	inspect "XMP metadata: XML, PDF/UA-1, dc:title the Title" xmp
else
	skip "pdfinfo or xmllint missing"
fi
# PDF/UA-1 7.18.5: every link says what it links to (/Contents), and
# is in the structure tree (/StructParent); pages with links are read
# in the structure's order (/Tabs /S).
links() {
	qpdf --qdf --object-streams=disable "$1" - | awk '
	    /^  \/Subtype \/Link$/ { link = 1 }
	    /^  \/Contents <feff[0-9a-f]+>$/ { contents = 1 }
	    /^  \/StructParent [0-9]+$/ { sp = 1 }
	    /^  \/Annots / { annots = 1 }
	    /^  \/Tabs \/S$/ { tabs = 1 }
	    /^endobj/ { if ((link && !(contents && sp)) || (annots && !tabs))
		bad = 1
		link = contents = sp = annots = tabs = 0 }
	    END { if (bad) print "a link without /Contents or " \
		"/StructParent, or a page without /Tabs /S"
		exit bad }' >&2
}
if need qpdf; then
	inspect "links: /Contents, /StructParent, /Tabs /S" links
	check "handout: links with /Contents (its contents entries)" sh -c \
	    "[ \$(qpdf --qdf --object-streams=disable '$A/$V/print/handout.pdf' - |
	    grep -ac '^  /Contents <feff') -ge 3 ]"
fi

# Tagged PDFs (pdf_tag.c): every PDF is tagged, its structure tree one
# Document, and all the text pdftotext extracts (but the page-number
# footers, artifacts) is in the tree's text: each word pdftotext
# extracts (table cells side by side are words of one line) is a piece
# of the tree's text run together, both without blanks and hyphens
# (pdftotext joins a word hyphenated at a line's end).
if need pdfinfo && need pdftotext; then
	tagged() { pdfinfo "$1" | grep -q '^Tagged: *yes$'; }
	inspect "tagged (MarkInfo, StructTreeRoot)" tagged
	docroot() {
		pdfinfo -struct "$1" | awk 'NR == 1 && $0 != "Document" { bad = 1 }
		    NR > 1 && /^[^ ]/ { bad = 1 } END { exit bad || NR < 2 }'
	}
	inspect "structure tree: one Document at the top" docroot
	# nb: text without blanks, ideographic and no-break ones too (tr
	# and awk would take them apart byte by byte)
	nb() { sed 's/[[:space:]]//g; s/[　 ]//g'; }
	# stext FILE: the structure tree's text, run together
	stext() {
		pdfinfo -struct-text "$1" | sed -n 's/^ *"\(.*\)"$/\1/p' |
		    nb | tr -d '\n'
	}
	tagtext() {
		stext "$1" | tr -d '-' >"$TMP/st.txt"
		pdftotext "$1" - | tr -d '\f' |
		    grep -av '^第 *[0-9]* *页 *共 *[0-9]* *页$' | tr ' ' '\n' | nb |
		    tr -d '-' | grep -a . >"$TMP/pt.txt"
		awk 'FILENAME == ARGV[1] { s = s $0; next }
		    index(s, $0) == 0 { print "untagged: " $0; bad = 1 }
		    END { exit bad }' "$TMP/st.txt" "$TMP/pt.txt" >&2
	}
	inspect "no text outside the structure tree" tagtext
	# stypes FILE: "TYPE<tab>text" of each element with text (its
	# attributes, lines of their own, skipped)
	stypes() {
		pdfinfo -struct-text "$1" | awk '
		    /^ *"/ { t = $0; sub(/^ *"/, "", t); sub(/"$/, "", t)
			print type "\t" t; next }
		    /^ *\// { next }
		    { type = $1; sub(/:$/, "", type) }' | sed 's/ //g; s/　//g'
	}
	# PDF/UA-1 (veraPDF 7.5-1, 7.4.2-1; Matterhorn 15-003, 14-002,
	# 14-003): every TH says what it heads (/Scope), every list with
	# labels how they number (/ListNumbering), and headings begin at
	# H1 and never skip a level going down.
	uastruct() {
		pdfinfo -struct "$1" | awk '
		    { match($0, /^ */); ind = RLENGTH; t = $1; sub(/:$/, "", t) }
		    th { th = 0; if ($0 !~ /^ *\/Scope \/(Row|Column|Both)$/) {
			print "a TH without /Scope"; bad = 1 } }
		    /^ *\/ListNumbering \/[A-Za-z]+$/ { num[lind] = 1; next }
		    /^ *\// { next }
		    t == "TH" { th = 1 }
		    t == "L" { lind = ind; num[ind] = 0 }
		    t == "Lbl" && !num[ind - 4] {
			print "a list without /ListNumbering"; bad = 1 }
		    t ~ /^H[1-6]$/ { h = substr(t, 2) + 0
			if (h > last + 1) { print "H" last " then " t; bad = 1 }
			last = h }
		    END { exit bad }' >&2
	}
	inspect "TH /Scope, L /ListNumbering, headings from H1 in steps" \
	    uastruct
	# rare.md's "####" right under its title: one level below it
	for d in board handout; do
		check "$d: a deep heading right under a title is one level below" \
		    sh -c "pdfinfo -struct-text '$A/$V/print/$d.pdf' | awk '
		    /^ *H[1-6]/ { h = \$1 } /生僻字测试事项卯辰巳/ { t = h }
		    /小标题午未申/ { s = h } END { exit !(t != \"\" &&
		    substr(s, 2) == substr(t, 2) + 1) }'"
	done
	for d in board handout; do
		f=$A/$V/print/$d.pdf
		# The items' titles on it are headings, in the order they
		# are set: the handout's, whose one column pdftotext reads
		# in order (a board's columns it reads out of order).
		for t in "$repo/content/$V"/*/*.md "$repo/content/$V"/*/*.yaml; do
			sed -n 's/^title: *//p' "$t" | head -n 1 | tr -d ' '
		done >"$TMP/titles"
		flat "$f" >"$TMP/flat.txt"
		awk 'FILENAME == ARGV[1] { s = s $0; next } index(s, $0) > 0' \
		    "$TMP/flat.txt" "$TMP/titles" >"$TMP/titles.on"
		awk 'FILENAME == ARGV[1] { s = s $0; next } (i = index(s, $0)) > 0 {
		    print i "\t" $0 }' "$TMP/handout.txt" "$TMP/titles.on" |
		    sort -n | cut -f 2 >"$TMP/h.want"
		stypes "$f" | awk -F '\t' 'NR == FNR { want[$0] = 1; next }
		    $1 ~ /^H[1-6]$/ && ($2 in want) { print $2 }' \
		    "$TMP/h.want" - >"$TMP/h.got"
		check "$d: item titles are H elements, in order" sh -c \
		    "[ \$(wc -l <'$TMP/h.want') -ge 3 ] && diff '$TMP/h.want' '$TMP/h.got'"
	done
	f=$A/$V/print/handout.pdf
	stypes "$f" >"$TMP/types"
	check "handout: the long table is a Table of TR rows" sh -c \
	    "pdfinfo -struct '$f' | awk '/^ *Table/ { t++ } /^ *TR/ { r++ }
		END { exit !(t >= 1 && r >= 91) }'"
	check "handout: cells are TD, its header TH once (repeats are artifacts)" sh -c \
	    "grep -q '^TD	HH-0090\$' '$TMP/types' &&
	    [ \$(grep -c '^TH	受益户编号测试列\$' '$TMP/types') -eq 1 ] &&
	    [ \$(pdftotext '$f' - | grep -c '^受益户编号测试列') -ge 2 ]"
	check "handout: lists are L of LI with Lbl and LBody" sh -c \
	    "grep -q '^Lbl	1\.\$' '$TMP/types' &&
	    pdfinfo -struct '$f' | awk '/^ *L \(/ { l++ } /^ *LI / { i++ }
		/^ *LBody / { b++ } END { exit !(l >= 1 && i >= 2 && b >= 2) }'"
	check "handout: contents entries are TOCI of Reference of Link" sh -c \
	    "pdfinfo -struct '$f' | awk '/^ *TOCI/ { n++; i = 1; next }
		i == 1 && /^ *Reference/ { i = 2; next }
		i == 2 && /^ *Link/ { ok++ } { i = 0 }
		END { exit !(n >= 3 && ok == n) }'"
	# Every QR code is a Figure whose Alt says the address it encodes
	# as a reader reads it: the IRI, not percent-escapes (王庄村).
	# figures FILE: the Figure elements' dictionaries, one a line
	# (qpdf takes them out of the object streams they are packed in,
	# and writes hexadecimal strings in lower case)
	figures() {
		qpdf --object-streams=disable "$1" - | grep -a '/S /Figure'
	}
	alts() {
		figures "$1" | grep -o '/Alt <[fF][eE][fF][fF][0-9A-Fa-f]*>' |
		    sed 's/^.Alt <....//; s/>$//' | while read -r h; do
			printf '%s' "$h" | xxd -r -p | iconv -f UTF-16BE -t UTF-8
			echo
		done
	}
	alts "$f" | sed -n 's/^二维码：//p' | sort >"$TMP/alt.got"
	for t in "$repo/content/$V"/*/*.md "$repo/content/$V"/*/*.yaml; do
		case $t in */expired.md) continue ;; esac
		grep -q '^outputs:.*handout' "$t" || continue
		rel=${t#"$repo/content/"}
		echo "$BASE${rel%.*}.html"
	done | sort >"$TMP/alt.want"
	check "handout: QR codes are Figures with Alt 二维码：URL" sh -c \
	    "[ -s '$TMP/alt.want' ] && diff '$TMP/alt.want' '$TMP/alt.got'"
	# A chart is a Figure whose Alt gives its title and numbers.
	alts "$A/shifan-county/hotline/2026-08.pdf" >"$TMP/alt.chart"
	check "hotline report: charts are Figures with Alt (title, numbers)" \
	    grep -q '^按受理渠道（柱状图）：人工 [0-9][0-9]*；自动语音 [0-9]' \
	    "$TMP/alt.chart"
	check "board: its QR codes are Figures with Alt text" sh -c \
	    "[ \$(qpdf --object-streams=disable '$A/$V/print/board.pdf' - |
	    grep -a '/S /Figure' | grep -ci '/Alt <FEFF4E8C7EF47801FF1A') -ge 3 ]"
else
	skip "poppler-utils missing"
fi

# Golden: page 1 of the village board at 20 dpi differs from the
# committed image in at most 2% of its pixels.
if need pdftoppm; then
	pdftoppm -gray -r 20 -f 1 -l 1 "$A/$V/print/board.pdf" >"$TMP/p1.pgm"
	if [ -n "$UPDATE_GOLDEN" ]; then
		cp "$TMP/p1.pgm" tests/print/board-p1.pgm
	fi
	diffs=$(cmp -l tests/print/board-p1.pgm "$TMP/p1.pgm" 2>/dev/null |
	    awk '($2 > $3 ? $2 - $3 : $3 - $2) > 48 { n++ } END { print n + 0 }')
	total=$(wc -c <"$TMP/p1.pgm")
	same=$(head -c 20 "$TMP/p1.pgm" | cmp -s - tests/print/board-p1.pgm -n 20 && echo yes)
	check "golden board page: same size" [ "$same" = yes -a \
	    "$(wc -c <tests/print/board-p1.pgm)" -eq "$total" ]
	check "golden board page: $diffs of $total pixels differ" \
	    [ $((diffs * 50)) -le "$total" ]
fi

# A gated build: the provenance line names the version (the blob id,
# as on the item's web page) and the reviewer.
if need gpg && need git; then
	. tests/gate/lib.sh
	. tests/print/gated-world.sh
	print_world "$repo" "$T" "$V"
	git -C "$GK_REPO" add content
	gk_commit editor editor "content" >/dev/null
	start=$(git -C "$GK_REPO" rev-parse --short=12 HEAD)
	# the county's unit files first (a new unit needs the approvals
	# of the unit above it, here the county's two); then wang alone
	gk_approve li li 'content/**/_unit.yaml' >/dev/null
	gk_approve wang wang 'content/**' >/dev/null
	gpg --batch --armor --export admin@example.org >"$TMP/trust.asc" 2>/dev/null
	"$GONGKAI" print --trust "$TMP/trust.asc" --out "$TMP/out/g" "$V" "$GK_REPO" ||
	    fail "gated print"
	G=$TMP/out/g/$V/print
	git -C "$GK_REPO" ls-tree -r --abbrev=12 HEAD "content/$V" |
	    awk '{ print $3 }' >"$TMP/blobs"
	grep -o '版本 [0-9a-f]* · 审核 王丽' "$G/handout.html" |
	    cut -d' ' -f2 >"$TMP/versions"
	check "gated handout twin: a 版本 line per item" [ -s "$TMP/versions" ]
	check "gated handout twin: each 版本 is an item's blob id" \
	    sh -c "! grep -vxFf '$TMP/blobs' '$TMP/versions'"
	first=$(head -1 "$TMP/versions")
	check "gated handout: 版本 $first · 审核 王丽" sh -c \
	    "pdftotext '$G/handout.pdf' - | grep -q '版本 $first · 审核 王丽'"
	check "gated pages are not marked preview" sh -c "! grep -q 预览 '$G/board.html'"
	pdftotext "$G/board.pdf" - | tr -d ' \n\f' >"$TMP/gboard.txt"
	check "gated board has the approved items" grep -q 长表格测试事项庚辛壬 "$TMP/gboard.txt"
	"$GONGKAI" print --trust "$TMP/trust.asc" --out "$TMP/out/g2" "$V" "$GK_REPO" ||
	    fail "gated print again"
	check "gated print is byte-identical" diff -r "$TMP/out/g" "$TMP/out/g2"
fi
done_tests
