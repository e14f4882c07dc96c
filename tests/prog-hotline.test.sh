#!/bin/sh
# The hotline programme (DESIGN 8): records files in, 月报 out.
#
# Preview: a city with its own hotline folder and a county under it
# with two months (one UTF-8 with a BOM and CRLF, one GB18030); the
# figures on the pages, the PDFs and the aggregate CSVs are checked
# against what awk computes here from the same records (never gongkai
# code), the city's against both folders (roll-up).  Then each kind of
# bad record gets its diagnostic at path:line:col.  Gated: an approved
# month is published, an unapproved one waits and is nowhere in the
# site, an approved one with a phone number in a cell is vetoed.
# Today is 2026-07-15: July is the month in progress, August has not
# begun.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1784073600	# 2026-07-15

R=$TMP/repo
mkdir -p "$R"
cat >"$R/config.yaml" <<'EOF'
site: { title: T, base_url: "https://gongkai.example/" }
levels:
  city: { catalogue: d, outputs: [web], approvals: 1, programmes: [hotline] }
  county: { catalogue: d, outputs: [web], approvals: 1, programmes: [hotline] }
  township: { catalogue: d, outputs: [web], approvals: 1 }
programmes:
  hotline:
    title: 热线
    channels: [人工, 自动语音]
    types: [咨询, 投诉, 举报, 建议, 办事指南]
    statuses: [受理, 转办, 已反馈, 办结]
    closed_status: 办结
    rule: 四舍五入保留一位小数。
catalogues:
  d:
    - { id: laws, title: 法规 }
EOF
unit() { mkdir -p "$R/content/$1"; printf 'name: %s\nlevel: %s\n' "$2" "$3" >"$R/content/$1/_unit.yaml"; }
unit city 某市卫健委 city
unit city/cty 某县卫健局 county
unit city/cty/镇 某镇 township
gen=tools/hotline-gen.sh
mkdir -p "$R/content/city/hotline" "$R/content/city/cty/hotline"
sh $gen 2026-03 57 3 city city/cty >"$R/content/city/hotline/2026-03.csv"
# the county's March: a BOM and CRLF line ends
{ printf '\357\273\277'; sh $gen 2026-03 83 5 city/cty city/cty/镇 | sed 's/$/\r/'; } \
    >"$R/content/city/cty/hotline/2026-03.csv"
# the county's April as a spreadsheet in China exports it: GB18030
sh $gen 2026-04 64 7 city/cty city/cty/镇 >"$TMP/apr.utf8"
iconv -f UTF-8 -t GB18030 "$TMP/apr.utf8" >"$R/content/city/cty/hotline/2026-04.csv"
# June by hand: closed after 1, 2, 3 and 5 days (the last across the
# month's end), two open: 66.7% and a median of 2.5 days
printf '%s\n' date,channel,type,topic,unit,status,closed \
    2026-06-01,人工,咨询,x,city/cty,办结,2026-06-02 \
    2026-06-01,人工,咨询,x,city/cty,办结,2026-06-03 \
    2026-06-02,自动语音,投诉,x,city/cty,办结,2026-06-05 \
    2026-06-30,人工,举报,x,city/cty/镇,办结,2026-07-05 \
    2026-06-30,人工,建议,x,city/cty,转办, \
    '2026-06-15,人工,建议,"a, ""quoted"" topic",city/cty,受理,' \
    >"$R/content/city/cty/hotline/2026-06.csv"
check "fixture: April is not UTF-8" [ "$(iconv -f UTF-8 -t UTF-8 "$R/content/city/cty/hotline/2026-04.csv" 2>/dev/null | wc -c)" -lt "$(wc -c <"$TMP/apr.utf8")" ]

# The records as this test reads them: UTF-8, no BOM, no CR, no header.
plain() {
	for f in "$@"; do
		case $f in *2026-04.csv) iconv -f GB18030 -t UTF-8 "$f" ;; *) cat "$f" ;; esac |
		    sed '1s/^\xef\xbb\xbf//; s/\r$//' | tail -n +2
	done
}
# figures FILE...: "total closed rate median" as the pages print them.
figures() {
	plain "$@" >"$TMP/rows"
	awk -F, '
	function dn(s,   y, m, d) {	# days from civil (proleptic Gregorian)
		y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
		if (m <= 2) { y--; m += 12 }
		return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + d
	}
	$6 == "办结" { print dn($7) - dn($1) }' "$TMP/rows" | sort -n >"$TMP/days"
	awk -F, -v days="$TMP/days" '
	{ n++ } $6 == "办结" { c++ }
	END {
		k = 0; while ((getline d < days) > 0) v[k++] = d
		t = int((c * 2000 + n) / (2 * n))
		if (k == 0) med = "—"
		else { m10 = (v[int((k - 1) / 2)] + v[int(k / 2)]) * 5; med = sprintf("%d.%d", int(m10 / 10), m10 % 10) }
		printf "%d %d %d.%d %s\n", n, c, int(t / 10), t % 10, med
	}' "$TMP/rows"
}
# count FIELD VALUE FILE...: records whose column FIELD is VALUE.
count() {
	f=$1 v=$2
	shift 2
	plain "$@" | awk -F, -v f="$f" -v v="$v" '$f == v { n++ } END { print n + 0 }'
}
# page_has_none PAGE: no call: 0, 0, no rate, no median.
page_has_none() {
	grep -q '<dd>0 件</dd>' "$1" && grep -q '<dt>办结率</dt><dd>—</dd>' "$1" &&
	    grep -q '<dt>办结天数中位数</dt><dd>—</dd>' "$1"
}
# page_has PAGE "total closed rate median": the four figures shown.
page_has() {
	set -- "$1" $2
	grep -q "<dd>$2 件</dd>" "$1" && grep -q "<dd>$3 件</dd>" "$1" &&
	    grep -q "<dd>$4%</dd>" "$1" && grep -q "<dd>$5 天</dd>" "$1"
}

"$GONGKAI" check "$R" >"$TMP/check.out" 2>&1
check "check passes" grep -q 'no errors' "$TMP/check.out"
"$GONGKAI" build --preview --out "$TMP/site" "$R" 2>"$TMP/build.err"
check "preview build" [ $? -eq 0 ]
# sitemap.html and sitemap.xml list the hotline's index pages.
check "sitemap.xml: the hotline index" grep -q '<loc>https://gongkai.example/city/cty/hotline/index.html</loc>' "$TMP/site/sitemap.xml"
check "sitemap.html: the hotline index" grep -q '<li><a href="city/cty/hotline/index.html">热线</a></li>' "$TMP/site/sitemap.html"
H=$TMP/site/city/cty/hotline
C=$TMP/site/city/hotline
CM=$R/content/city/cty/hotline/2026-03.csv
CA=$R/content/city/cty/hotline/2026-04.csv
YM=$R/content/city/hotline/2026-03.csv
for f in $H/index.html $H/2026-03.html $H/2026-03.pdf $H/2026-03.csv \
    $H/2026-04.html $H/2026-04.pdf $H/2026-04.csv $C/index.html \
    $C/2026-03.html $C/2026-04.html; do
	check "written: ${f#$TMP/site/}" [ -s "$f" ]
done
check "no page for the township" [ ! -e "$TMP/site/city/cty/镇/hotline" ]
fm=$(figures "$CM") fa=$(figures "$CA") fc=$(figures "$YM" "$CM")
check "county March figures ($fm)" page_has "$H/2026-03.html" "$fm"
check "county April figures, GB18030 ($fa)" page_has "$H/2026-04.html" "$fa"
fj=$(figures "$R/content/city/cty/hotline/2026-06.csv")
check "awk agrees on June" [ "$fj" = "6 4 66.7 2.5" ]
check "June figures ($fj)" page_has "$H/2026-06.html" "$fj"
check "city March rolls up the county ($fc)" page_has "$C/2026-03.html" "$fc"
check "city April is the county's" page_has "$C/2026-04.html" "$fa"
check "city March lists the county" grep -q "<a href=\"../cty/hotline/2026-03.html\">某县卫健局</a></th><td>$(echo "$fm" | cut -d' ' -f1)</td>" "$C/2026-03.html"
check "the rounding rule is stated" grep -q '四舍五入保留一位小数' "$H/2026-03.html"
# the aggregate CSV: every type and handling unit, counted here (its
# lines end with CRLF, as RFC 4180 has them)
for f in "$C/2026-03.csv" "$H/2026-04.csv"; do tr -d '\r' <"$f" >"$f.lf"; done
for t in 咨询 投诉 举报 建议 办事指南; do
	check "csv: type $t" grep -qx "type,$t,$(count 3 $t "$YM" "$CM")" "$C/2026-03.csv.lf"
done
check "csv: handled by the township" grep -qx "unit,city/cty/镇,$(count 5 city/cty/镇 "$CA")" "$H/2026-04.csv.lf"
check "csv: total" grep -qx "total,,$(echo "$fa" | cut -d' ' -f1)" "$H/2026-04.csv.lf"
check "csv: closure rate" grep -qx "closure_rate_percent,,$(echo "$fa" | cut -d' ' -f3)" "$H/2026-04.csv.lf"
check "csv is UTF-8" iconv -f UTF-8 -t UTF-8 "$H/2026-04.csv" -o /dev/null
# the chart: SVG in the page with its title, description and table
check "svg with a title" grep -q '<svg class="chart-svg"[^>]*role="img"><title>按诉求类型</title><desc>' "$H/2026-03.html"
check "numbers beside the chart" grep -q "<th scope=\"row\">咨询</th><td>$(count 3 咨询 "$CM")</td>" "$H/2026-03.html"
check "no script" [ -z "$(grep -l '<script' "$H"/*.html)" ]
check "trend: both months" grep -q '<polyline' "$H/index.html"
# May has no file: a gap in the trend, not a month of 0 calls
check "trend: May not reported" grep -q '<tr class="missing"><th scope="row">2026年5月</th><td colspan="5">未报送</td></tr>' "$H/index.html"
check "trend: the line breaks at May" [ "$(grep -c '<polyline' "$H/index.html")" -eq 2 ]
check "trend chart: May 未报送" grep -q '<th scope="row">5月</th><td class="none">未报送</td>' "$H/index.html"
check "trend: the city's gap too" grep -q '2026年5月</th><td colspan="5">未报送' "$C/index.html"
check "trend table links the months" grep -q 'href="2026-04.html"' "$H/index.html"
check "unit home links the programme" grep -q 'href="hotline/index.html">热线</a>' "$TMP/site/city/cty/index.html"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -layout "$H/2026-04.pdf" "$TMP/apr.txt"
	set -- $fa
	check "pdf: total" grep -q "受理总件数 *$1 件" "$TMP/apr.txt"
	check "pdf: rate" grep -q "办结率 *$3%" "$TMP/apr.txt"
	check "pdf: median" grep -q "办结天数中位数 *$4 天" "$TMP/apr.txt"
	check "pdf: chart labels" grep -q "办事指南" "$TMP/apr.txt"
	check "pdf: A4" sh -c "pdfinfo '$H/2026-04.pdf' | grep -q 'Page size: *595.2'"
else
	skip "pdftotext missing"
fi
"$GONGKAI" build --preview --out "$TMP/site2" "$R" 2>/dev/null
check "same bytes twice" cmp -s "$H/2026-04.pdf" "$TMP/site2/city/cty/hotline/2026-04.pdf"

# A month with the header alone had no call: its report, PDF and CSV
# say 0, with no rate (never 0.0% nor NaN); May then is no gap.  July,
# today's month, is a report in progress that says so.
cp -R "$R" "$TMP/none"
N=$TMP/none/content/city/cty/hotline
printf 'date,channel,type,topic,unit,status,closed\r\n' >"$N/2026-05.csv"
printf '%s\n' date,channel,type,topic,unit,status,closed \
    2026-07-01,人工,咨询,x,city/cty,办结,2026-07-15 >"$N/2026-07.csv"
"$GONGKAI" check "$TMP/none" >"$TMP/none.out" 2>&1
check "header only: check passes" grep -q 'no errors' "$TMP/none.out"
"$GONGKAI" build --preview --out "$TMP/nonesite" "$TMP/none" 2>"$TMP/none.err"
check "header only: builds" [ $? -eq 0 ]
NH=$TMP/nonesite/city/cty/hotline
for f in 2026-05.html 2026-05.pdf 2026-05.csv; do
	check "header only: $f" [ -s "$NH/$f" ]
done
check "header only: 0 calls" page_has_none "$NH/2026-05.html"
check "header only: says so" grep -q '本月未受理来电' "$NH/2026-05.html"
check "header only: no NaN" [ -z "$(grep -il 'nan' "$NH/2026-05.html" "$NH/2026-05.csv")" ]
tr -d '\r' <"$NH/2026-05.csv" >"$TMP/may.csv"
check "header only: csv total 0" grep -qx 'total,,0' "$TMP/may.csv"
check "header only: csv rate empty" grep -qx 'closure_rate_percent,,' "$TMP/may.csv"
check "header only: in the trend" grep -q '<a href="2026-05.html">2026年5月</a></th><td>0</td><td>0</td><td>—</td>' "$NH/index.html"
check "header only: no gap left" [ -z "$(grep -l '未报送' "$NH/index.html")" ]
check "header only: the city rolls it up" [ -s "$TMP/nonesite/city/hotline/2026-05.html" ]
check "current month: in progress" grep -q '本月尚未结束，数据统计截至2026年7月15日' "$NH/2026-07.html"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -layout "$NH/2026-05.pdf" "$TMP/may.txt"
	check "header only: pdf 0 calls" grep -q "受理总件数 *0 *件" "$TMP/may.txt"
	check "header only: pdf rate —" grep -q "办结率 *—" "$TMP/may.txt"
else
	skip "pdftotext missing"
fi

# A unit's month names the units under it that have the programme and
# did not report that month while others did (未报送), on the page and
# in the PDF; none when all did, and never a unit whose level has no
# hotline (the township).  A name with Markdown's and HTML's signs is
# shown as it is.
cp -R "$R" "$TMP/unrep"
U=$TMP/unrep/content/city
unit() { mkdir -p "$U/$1"; printf 'name: "%s"\nlevel: %s\n' "$2" "$3" >"$U/$1/_unit.yaml"; }
unit cty2 某区卫健局 county
unit cty3 '第*三*区_<卫健局>' county
mkdir -p "$U/cty2/hotline" "$U/cty3/hotline"
sh $gen 2026-04 5 11 city/cty2 >"$U/cty2/hotline/2026-04.csv"
sh $gen 2026-04 4 12 city/cty3 >"$U/cty3/hotline/2026-04.csv"
"$GONGKAI" build --preview --out "$TMP/unrepsite" "$TMP/unrep" 2>"$TMP/unrep.err"
check "unreported: builds" [ $? -eq 0 ]
UC=$TMP/unrepsite/city/hotline
check "unreported: March names both" grep -qF '<p class="hotline-unreported"><strong>未报送：</strong>某区卫健局、第*三*区_&lt;卫健局&gt;</p>' "$UC/2026-03.html"
check "unreported: June names both" grep -qF '<strong>未报送：</strong>某区卫健局、第*三*区_&lt;卫健局&gt;</p>' "$UC/2026-06.html"
check "unreported: April, all reported, names none" sh -c "! grep -q 'hotline-unreported' '$UC/2026-04.html'"
check "unreported: not on the county's (its township has no hotline)" \
    sh -c "! grep -q 'hotline-unreported' '$TMP/unrepsite/city/cty/hotline/2026-03.html'"
check "unreported: none before (one subunit with the programme)" sh -c "! grep -q '未报送：' '$C/2026-03.html'"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$UC/2026-03.pdf" "$TMP/unrep-mar.txt"
	pdftotext "$UC/2026-04.pdf" "$TMP/unrep-apr.txt"
	check "unreported: the PDF names both, as written" grep -qF '未报送：某区卫健局、第*三*区_<卫健局>' "$TMP/unrep-mar.txt"
	check "unreported: April's PDF names none" sh -c "! grep -q '未报送' '$TMP/unrep-apr.txt'"
else
	skip "pdftotext missing"
fi
"$GONGKAI" build --preview --out "$TMP/unrepsite2" "$TMP/unrep" 2>/dev/null
check "unreported: same bytes twice" sh -c "cmp -s '$UC/2026-03.pdf' '$TMP/unrepsite2/city/hotline/2026-03.pdf' && cmp -s '$UC/2026-03.html' '$TMP/unrepsite2/city/hotline/2026-03.html'"
if /usr/bin/python3 -c 'import html5lib' 2>/dev/null; then
	check "unreported: the page parses as HTML without an error" /usr/bin/python3 -c '
import sys, html5lib
html5lib.HTMLParser(strict=True).parse(open(sys.argv[1], "rb").read())' "$UC/2026-03.html"
else
	skip "python3-html5lib not installed"
fi

# Nothing after today: a month that has not begun, a call or a closing
# after today (check and build agree)
cp -R "$R" "$TMP/future"
F=$TMP/future/content/city/cty/hotline
printf 'date,channel,type,topic,unit,status,closed\n' >"$F/2026-08.csv"
printf '%s\n' date,channel,type,topic,unit,status,closed \
    2026-07-01,人工,咨询,x,city/cty,办结,2026-07-16 \
    2026-07-16,人工,咨询,x,city/cty,受理, >"$F/2026-07.csv"
"$GONGKAI" check "$TMP/future" >/dev/null 2>"$TMP/future.err"
check "future: check fails" [ $? -eq 1 ]
"$GONGKAI" build --preview --out "$TMP/futuresite" "$TMP/future" 2>"$TMP/futureb.err"
check "future: build fails, writes nothing" [ $? -eq 1 ] && [ ! -e "$TMP/futuresite" ]
check "future: check and build say the same" cmp -s "$TMP/future.err" "$TMP/futureb.err"
fwant() { check "future: $1" grep -qF "content/city/cty/hotline/$1" "$TMP/future.err"; }
fwant "2026-08.csv:1:1: error: month 2026-08 has not begun (today is 2026-07-15)"
fwant "2026-07.csv:2:32: error: 'closed' 2026-07-16 is in the future (today is 2026-07-15)"
fwant "2026-07.csv:3:1: error: 'date' 2026-07-16 is in the future (today is 2026-07-15)"
SOURCE_DATE_EPOCH=1784160000 "$GONGKAI" check "$TMP/future" >/dev/null 2>"$TMP/future.err"
check "future: a day later July is fine" [ -z "$(grep 2026-07.csv "$TMP/future.err")" ]

# A unit folder may hold a comma: the month's CSV quotes it (RFC 4180),
# after a UTF-8 byte-order mark.  A unit with a long name wraps in the
# PDF's chart, or ends with "…": never cut silently.
cp -R "$R" "$TMP/comma"
unit_in() { mkdir -p "$TMP/comma/content/$1"; printf 'name: %s\nlevel: township\n' "$2" >"$TMP/comma/content/$1/_unit.yaml"; }
unit_in 'city/cty/新村,第一组' 示范县东城镇人民政府人口和计划生育办公室
unit_in city/cty/长 示范县西河镇水口社区居民委员会人口和计划生育工作站便民服务大厅综合窗口第三分部
printf '%s\n' date,channel,type,topic,unit,status,closed \
    '2026-06-03,人工,咨询,x,"city/cty/新村,第一组",受理,' \
    2026-06-04,人工,咨询,x,city/cty/长,受理, >"$TMP/comma/content/city/cty/hotline/2026-06.csv"
"$GONGKAI" build --preview --out "$TMP/commasite" "$TMP/comma" 2>"$TMP/comma.err"
check "comma: builds" [ $? -eq 0 ]
CC=$TMP/commasite/city/cty/hotline/2026-06.csv
check "csv: a BOM first" [ "$(head -c 3 "$CC" | od -An -tx1 | tr -d ' ')" = efbbbf ]
check "csv: a comma quoted" grep -q '^unit,"city/cty/新村,第一组",1.$' "$CC"
check "csv: three fields a record" [ "$(sed '1s/^\xef\xbb\xbf//' "$CC" | tr -d '\r' | awk -F'"' '{ n = 0; for (i = 1; i <= NF; i += 2) n += gsub(/,/, ",", $i); print n }' | sort -u)" = 2 ]
"$GONGKAI" build --preview --out "$TMP/commasite2" "$TMP/comma" 2>/dev/null
check "csv: same bytes twice" cmp -s "$CC" "$TMP/commasite2/city/cty/hotline/2026-06.csv"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -layout "$TMP/commasite/city/cty/hotline/2026-06.pdf" "$TMP/long.txt"
	# the name on two lines, whole
	check "pdf: a long name wraps" sh -c "grep -q '示范县东城镇人民政府人口和计' '$TMP/long.txt' && grep -q '^ *划生育办公室' '$TMP/long.txt'"
	check "pdf: a longer one ends with …" grep -q '…$' "$TMP/long.txt"
else
	skip "pdftotext missing"
fi

# Encodings: a UTF-8 file with a fragment pasted from GBK is invalid
# UTF-8 at the fragment's first byte, not GB18030 as a whole; a stray
# byte far down gives one error on its line.
cp -R "$R" "$TMP/enc"
E=$TMP/enc/content/city/cty/hotline/2026-06.csv
{ printf 'date,channel,type,topic,unit,status,closed\n2026-06-02,人工,咨询,生育登记,city/cty,受理,\n'
  printf '2026-06-03,人工,咨询,'; printf '%s' 奖励扶助 | iconv -f UTF-8 -t GBK; printf ',city/cty,受理,\n'; } >"$E"
"$GONGKAI" check "$TMP/enc" >/dev/null 2>"$TMP/enc.err"
check "gbk fragment: its place" grep -q "2026-06.csv:3:18: error: invalid UTF-8 (byte 0xBD)" "$TMP/enc.err"
check "gbk fragment: one error" [ "$(wc -l <"$TMP/enc.err")" -eq 1 ]
{ printf 'date,channel,type,topic,unit,status,closed\n'
  i=2; while [ $i -lt 112 ]; do printf '2026-06-02,人工,咨询,生育登记,city/cty,受理,\n'; i=$((i + 1)); done
  printf '2026-06-02,人工,咨询,abc\377def,city/cty,受理,\n2026-06-02,人工,咨询,x,city/cty,受理,\n'; } >"$E"
"$GONGKAI" check "$TMP/enc" >/dev/null 2>"$TMP/enc.err"
check "stray byte: line 112, once" [ "$(cat "$TMP/enc.err")" = "content/city/cty/hotline/2026-06.csv:112:21: error: invalid UTF-8 (byte 0xFF) in a file that is UTF-8 elsewhere: text pasted from a GBK or GB18030 file? (type it again, or save the whole file in one encoding)" ]

# A spreadsheet's blank rows (,,,,,,) are nothing, in the middle and at
# the end; a row's problems come in the order of its cells.
cp -R "$R" "$TMP/blank"
B2=$TMP/blank/content/city/cty/hotline/2026-06.csv
{ cat "$R/content/city/cty/hotline/2026-06.csv" | sed '3a ,,,,,,'; printf ',,,,,,\r\n,,,,,,\r\n'; } >"$B2"
"$GONGKAI" check "$TMP/blank" >"$TMP/blank.out" 2>&1
check "blank rows: no errors" grep -q 'no errors' "$TMP/blank.out"
"$GONGKAI" build --preview --out "$TMP/blanksite" "$TMP/blank" 2>/dev/null
check "blank rows: June as before ($fj)" page_has "$TMP/blanksite/city/cty/hotline/2026-06.html" "$fj"
printf '%s\n' date,channel,type,topic,unit,status,closed \
    '2026-13-01,电话,闲聊,x,city/nowhere,完成,x' >"$B2"
"$GONGKAI" check "$TMP/blank" >/dev/null 2>"$TMP/blank.err"
sed -n 's/^content\/city\/cty\/hotline\/2026-06.csv:2:\([0-9]*\):.*/\1/p' "$TMP/blank.err" >"$TMP/cols"
check "a row's errors in column order ($(tr '\n' ' ' <"$TMP/cols"))" \
    [ "$(tr '\n' ' ' <"$TMP/cols")" = "1 12 15 20 33 36 " ]

# Bad records, each with its place.
cp -R "$R" "$TMP/bad"
B=$TMP/bad/content/city/cty/hotline/2026-05.csv
cat >"$B" <<'EOF'
date,channel,type,topic,unit,status,closed
2026-05-02,人工,咨询,生育登记,city/cty,办结,2026-05-03
2026-05-31,人工,咨询,联系电话13812345678,city/cty,受理,
2026-02-30,人工,咨询,x,city/cty,受理,
2026-06-01,人工,咨询,x,city/cty,受理,
2026-05-03,电话,闲聊,x,city/cty,完成,
2026-05-03,人工,咨询,x,city/nowhere,受理,
2026-05-09,人工,投诉,x,city/cty,办结,2026-05-08
2026-05-09,人工,投诉,x,city/cty,办结,
2026-05-09,人工,投诉,x,city/cty,已反馈,2026-05-10
2026-05-09,人工,投诉,x,city/cty,受理,,张三
EOF
"$GONGKAI" check "$TMP/bad" >/dev/null 2>"$TMP/bad.err"
check "check fails on bad records" [ $? -eq 1 ]
want() { check "diagnostic: $1" grep -qF "content/city/cty/hotline/2026-05.csv:$1" "$TMP/bad.err"; }
want "3:22: error: cell holds a mobile phone number"
want "4:1: error: bad date '2026-02-30'"
want "5:1: error: date 2026-06-01 is outside the month of the file (2026-05)"
want "6:12: error: unknown channel '电话' (expected one of 人工, 自动语音"
want "6:15: error: unknown type '闲聊'"
want "6:29: error: unknown status '完成'"
want "7:20: error: unit 'city/nowhere' is no unit"
want "8:32: error: closed 2026-05-08 before the date 2026-05-09"
want "9:32: error: status '办结' needs the closed date"
want "10:33: error: closed date given but the status is '已反馈'"
want "11:33: error: extra column 8"
for j in 1 2; do
	"$GONGKAI" build --preview --jobs $j --out "$TMP/badsite" "$TMP/bad" \
	    2>/dev/null
	check "preview build refuses them (--jobs $j)" [ $? -eq 1 ]
	check "and writes nothing (--jobs $j)" [ ! -e "$TMP/badsite" ]
done
# The annual report of a county with an item (city/cty/annual/2026.html)
# counts the hotline's calls: it reads the file too, and what is wrong
# with it is said once, by the hotline's pages.
cp -R "$TMP/bad" "$TMP/bad-annual"
sed -i 's/programmes: \[hotline\] }/programmes: [hotline], annual: true }/' \
    "$TMP/bad-annual/config.yaml"
check "annual reports on" grep -q 'county: .*annual: true' \
    "$TMP/bad-annual/config.yaml"
mkdir -p "$TMP/bad-annual/content/city/cty/laws"
printf -- '---\ntitle: 条例\ndate: 2026-04-01\n---\n正文。\n' \
    >"$TMP/bad-annual/content/city/cty/laws/a.md"
for j in 1 2; do
	"$GONGKAI" build --preview --jobs $j --out "$TMP/badsite" \
	    "$TMP/bad-annual" 2>"$TMP/bad.err"
	check "with annual reports: refused (--jobs $j)" [ $? -eq 1 ]
	check "with annual reports: each said once (--jobs $j)" [ "$(grep -c \
	    "2026-05.csv:4:1: error: bad date '2026-02-30'" "$TMP/bad.err")" = 1 ]
done
printf 'date,channel,type,topic,unit,status,closed,caller\n' >"$B"
"$GONGKAI" check "$TMP/bad" 2>"$TMP/bad.err" >/dev/null
want "1:44: error: extra column 'caller'"
rm "$B"
printf 'date,channel,type,topic,unit,status,closed\n2026-03-01,人工,咨询,x,city/cty,受理,\n' \
    >"$TMP/bad/content/city/cty/hotline/march.csv"
"$GONGKAI" check "$TMP/bad" 2>"$TMP/bad.err" >/dev/null
check "a file named after no month" grep -q "march.csv:1:1: error: a hotline file is named after its month" "$TMP/bad.err"
rm "$TMP/bad/content/city/cty/hotline/march.csv"
mkdir -p "$TMP/bad/content/city/cty/镇/hotline"
cp "$CM" "$TMP/bad/content/city/cty/镇/hotline/"
"$GONGKAI" check "$TMP/bad" 2>"$TMP/bad.err" >/dev/null
check "a level without the programme" grep -q "镇/hotline/2026-03.csv:1:1: error: level 'township' has no programme 'hotline'" "$TMP/bad.err"
rm -r "$TMP/bad/content/city/cty/镇/hotline"
sed -i 's/programmes: \[hotline\] }/programmes: [hotline, hotlines] }/' "$TMP/bad/config.yaml"
"$GONGKAI" check "$TMP/bad" 2>"$TMP/bad.err" >/dev/null
check "an unknown programme in config" grep -q "config.yaml:3:[0-9]*: error: unknown programme 'hotlines' (expected one of evaluation, hotline," "$TMP/bad.err"

# Gated: only approved records files are published.
GK_DIR=$TMP/gk
. tests/gate/lib.sh
gk_setup
mkkey admin >/dev/null && mkkey alice >/dev/null && mkkey bob >/dev/null ||
    { fail mkkey; done_tests; exit 1; }
mkdir -p "$GK_REPO/keys" && cp "$GK_DIR/keys/alice.asc" "$GK_DIR/keys/bob.asc" "$GK_REPO/keys/"
sed '/^catalogues:/,$d' "$R/config.yaml" >"$GK_REPO/config.yaml"
cat >>"$GK_REPO/config.yaml" <<'EOF'
catalogues:
  d:
    - { id: laws, title: 法规 }
reviewers:
  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }
  - { id: bob, name: Bob, email: bob@example.org, key: keys/bob.asc, scope: ["content/**"] }
EOF
git -C "$GK_REPO" add config.yaml keys
gk_commit admin admin governance
gk_approve admin admin config.yaml 'keys/**'
mkdir -p "$GK_REPO/content"
cp -R "$R/content/city" "$GK_REPO/content/"
rm "$GK_REPO/content/city/cty/hotline/2026-04.csv"
git -C "$GK_REPO" add content
gk_commit editor - content
# an unsigned commit needs one approval more than the level's one
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
# after the approval: April waits, a new March for the city with a
# phone number is approved but vetoed (the clean March stays)
cp "$CA" "$GK_REPO/content/city/cty/hotline/2026-04.csv"
sed '2s/,[^,]*,city,/,咨询电话13812345678,city,/' "$YM" >"$GK_REPO/content/city/hotline/2026-03.csv"
check "fixture: the number is in the new text" grep -q 13812345678 "$GK_REPO/content/city/hotline/2026-03.csv"
# a stray _unit.yaml in the county's hotline folder, never approved,
# hides nothing (the folder is a programme, not a unit)
printf 'name: 冒充\nlevel: township\n' >"$GK_REPO/content/city/cty/hotline/_unit.yaml"
git -C "$GK_REPO" add content
gk_commit editor - more
gk_approve alice alice 'content/city/hotline/**'
gk_approve bob bob 'content/city/hotline/**'
"$GONGKAI" build --trust "$GK_DIR/keys/admin.asc" --out "$TMP/gated" "$GK_REPO" 2>"$TMP/gated.err"
check "gated build" [ $? -eq 0 ]
G=$TMP/gated/city
check "approved month published" [ -s "$G/cty/hotline/2026-03.html" ]
check "a stray _unit.yaml hides no records" [ -s "$G/cty/hotline/index.html" ]
check "unapproved month not published" [ ! -e "$G/cty/hotline/2026-04.html" ]
check "unapproved month in no page" [ -z "$(grep -rl '2026-04\.\|2026年4月月报' "$TMP/gated")" ]
check "unapproved month: a gap in the trend" grep -q '2026年4月</th><td colspan="5">未报送' "$G/cty/hotline/index.html"
check "vetoed: the clean March stays" page_has "$G/hotline/2026-03.html" "$fc"
check "the number is nowhere" [ -z "$(grep -rl 13812345678 "$TMP/gated")" ]
"$GONGKAI" status --trust "$GK_DIR/keys/admin.asc" "$GK_REPO" >"$TMP/status.txt" 2>&1
check "status: April waits" grep -q 'content/city/cty/hotline/2026-04.csv' "$TMP/status.txt"
check "status: the veto's reason" grep -q 'privacy: unmasked mobile phone number at line 2' "$TMP/status.txt"
done_tests
