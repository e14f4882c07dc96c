#!/bin/sh
# The record programmes (DESIGN 8): evaluation, reporting, supervisors,
# media, rectification, leadership, assessment.
#
# Preview of a small county: the satisfaction rates on the results
# page, the ranking and the reporting counts are checked against what
# awk computes here from the same records (never gongkai code); the
# questionnaire PDF holds every question of config.yaml (pdftotext) and
# its QR code is the results page's URL (zbarimg); `report --strict`
# names the overdue rectification, the unanswered case and the late
# media response.  Then each kind of bad record gets its diagnostic at
# path:line:col.  Gated: an unapproved evaluation and rectification are
# published nowhere, the approved ones are.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1780272000	# 2026-06-01, "today"

R=$TMP/repo
mkdir -p "$R"
cat >"$R/config.yaml" <<'EOF'
site: { title: T, base_url: "https://gongkai.example/" }
levels:
  county: { catalogue: d, outputs: [web], approvals: 1, programmes: [evaluation, reporting, supervisors, media, rectification, leadership, assessment] }
  agency: { catalogue: d, outputs: [web], approvals: 1, programmes: [rectification] }
catalogues:
  d:
    - { id: laws, title: 法规 }
evaluations:
  methods: [集中评议, 问卷调查]
  farmers:
    title: 请农民兄弟姐妹“评计生”
    questions: [奖励优惠政策落实情况, 办事公开情况, 依法办事情况, 优质服务情况]
  upward:
    title: 下评上
    questions: [履行职责情况]
programmes:
  supervisors:
    categories: [人大代表, 农民代表]
    rights: 有权查阅有关文件资料。
  media:
    respond_days: 5
EOF
unit() { mkdir -p "$R/content/$1"; printf 'name: %s\nlevel: %s\n' "$2" "$3" >"$R/content/$1/_unit.yaml"; }
unit c 某县卫健局 county
unit c/s 某县服务站 agency
unit c/t 某县指导站 agency
mkdir -p "$R/content/c/evaluation" "$R/content/c/s/rectification" \
    "$R/content/c/reporting" "$R/content/c/media" "$R/content/c/assessment" \
    "$R/content/c/leadership" "$R/content/c/supervisors"
# rows chosen for the rounding: 8/10, 1/8 = 12.5, 1/16 = 6.25 -> 6.3
# (half up), 2/3 = 66.7
cat >"$R/content/c/evaluation/2026-farmers-s.yaml" <<'EOF'
title: 评服务站
kind: farmers
subject: c/s
date: 2026-03-01
methods: [问卷调查]
respondents: 20
results:
  - [5, 3, 2]
  - [1, 0, 7]
  - [0, 1, 15]
  - [2, 0, 1]
findings: 等候时间长。
EOF
cat >"$R/content/c/evaluation/2026-farmers-t.yaml" <<'EOF'
title: 评指导站
kind: farmers
subject: c/t
date: 2026-03-02
methods: [集中评议]
respondents: 10
results:
  - [9, 1, 0]
  - [8, 1, 1]
  - [7, 2, 1]
  - [6, 2, 2]
EOF
cat >"$R/content/c/s/rectification/waiting.md" <<'EOF'
---
title: 缩短等候时间
cause: evaluation
ref: c/evaluation/2026-farmers-s
found: 2026-03-01
deadline: 2026-05-01
status: 整改中
---
措施。
EOF
cat >"$R/content/c/reporting/procedure.md" <<'EOF'
---
accepting_unit: 某县卫健局
channels: [12356]
reward_standard: 200元至2000元
feedback_days: 30
---
程序。
EOF
printf '%s\n' case,received,kind,verified,feedback,reward \
    2026-001,2026-01-05,收费,属实,2026-01-25,500 \
    2026-002,2026-02-01,态度,不属实,2026-02-04, \
    2026-003,2026-02-10,收费,属实,2026-03-20,1200.50 \
    2026-004,2026-03-01,截留,查处中,, \
    2026-005,2026-05-20,截留,查处中,, \
    >"$R/content/c/reporting/2026.csv"
cat >"$R/content/c/media/rumour.md" <<'EOF'
---
title: 关于传言的回应
source: 网友留言
reported: 2026-05-10
---
核查中。
EOF
cat >"$R/content/c/leadership/leadership.yaml" <<'EOF'
head: 张三（局长）
deputies: [李四]
office: 办公室
budgeted: true
EOF
cat >"$R/content/c/supervisors/roster.yaml" <<'EOF'
term: 2026—2027年
members:
  - { name: 王五, category: 人大代表 }
meetings:
  - { date: 2026-04-01, kind: 座谈会, topic: 座谈, opinions: 3, adopted: 2 }
EOF
cat >"$R/content/c/assessment/2026.yaml" <<'EOF'
units:
  - { unit: c/s, score: 88.5, rank: 2 }
  - { unit: c/t, score: 95, rank: 1 }
EOF

mkdir -p "$R/content/c/laws"
printf '%s\n' --- 'title: 条例' 'date: 2026-02-01' --- 正文 >"$R/content/c/laws/law.md"
check "check passes" "$GONGKAI" check "$R" >/dev/null
"$GONGKAI" build --preview --out "$TMP/out" "$R" 2>"$TMP/err" ||
    { fail "preview build"; cat "$TMP/err"; }
O=$TMP/out/c

# Golden pages: the <main> of each programme's pages (charts' SVG
# aside: chart.c has its own tests) against tests/prog/golden/;
# UPDATE=1 rewrites them.
mkdir -p tests/prog/golden
for p in evaluation/2026-farmers-s evaluation/index reporting/index \
    supervisors/index media/index media/rumour leadership/index \
    assessment/index s/rectification/index s/rectification/waiting; do
	g=tests/prog/golden/$(echo "$p" | tr / -).html
	sed -n '/<main/,/<\/main>/p' "$O/$p.html" | sed '/<svg/,/<\/svg>/d' >"$TMP/page"
	[ -n "$UPDATE" ] && cp "$TMP/page" "$g"
	if diff -u "$g" "$TMP/page"; then ok; else fail "golden page $p"; fi
done

# rates as awk works them out: round(1000 * s / a) half up, in tenths
rates() {
	sed -n 's/^  - \[\(.*\)\]$/\1/p' "$1" | tr -d ' ' | awk -F, '
	{ s = $1 + $2; a = $1 + $2 + $3; S += s; A += a
	  t = int(1000 * s / a + 0.5); printf "%d.%d%%\n", t / 10, t % 10 }
	END { t = int(1000 * S / A + 0.5); printf "%d.%d%%\n", t / 10, t % 10 }'
}
# the rates on the page: the last cell of each row of the results table
page_rates() {
	grep '%</td></tr>$' "$1" | sed 's/.*<td class="num">\([0-9.]*%\)<\/td><\/tr>$/\1/'
}
check "annual report: the 阳光计生行动 section" grep -q '阳光计生行动进展情况' "$O/annual/2026.html"
check "annual report: the evaluation's rate" grep -q "$(rates "$R/content/c/evaluation/2026-farmers-s.yaml" | tail -n 1)" "$O/annual/2026.html"
check "annual report: the open rectification" grep -q '缩短等候时间' "$O/annual/2026.html"

E=$R/content/c/evaluation
rates "$E/2026-farmers-s.yaml" >"$TMP/want"
page_rates "$O/evaluation/2026-farmers-s.html" >"$TMP/got"
check "rates per question and overall" diff "$TMP/want" "$TMP/got"
check "half up: 6.25 shows as 6.3%" grep -qx '6.3%' "$TMP/got"
check "the rule is stated" grep -q '四舍五入' "$O/evaluation/2026-farmers-s.html"
check "chart with its title" grep -q '<svg[^>]*role="img"' "$O/evaluation/2026-farmers-s.html"

# ranking: subjects by overall rate, best first
for f in "$E"/2026-farmers-*.yaml; do
	printf '%s %s\n' "$(rates "$f" | tail -n 1 | tr -d %)" \
	    "$(sed -n 's/^subject: //p' "$f")"
done | sort -rn | awk '{ print $2 }' >"$TMP/want"
sed -n '/评议对象按总体满意率排名/,$p' "$O/evaluation/index.html" | grep '^<tr>' |
    grep -o 'href="\.\./[^"]*index.html">' | sed 's/href="\.\.\/\(.*\)\/index.html">/c\/\1/' >"$TMP/got"
check "ranking by overall rate" diff "$TMP/want" "$TMP/got"
check "subject home links its evaluation" grep -q '2026-farmers-s.html' "$TMP/out/c/s/index.html"
check "open rectification on the unit home" grep -q '缩短等候时间' "$TMP/out/c/s/index.html"
check "rectification links its cause" grep -q 'evaluation/2026-farmers-s.html' "$TMP/out/c/s/rectification/waiting.html"
check "the cause links the rectification" grep -q 's/rectification/waiting.html' "$O/evaluation/2026-farmers-s.html"
check "leading group on the unit home" grep -q '张三（局长）' "$O/index.html"
check "leading group in the guide" grep -q '张三（局长）' "$O/guide.html"
check "assessment beside the evaluation rate" grep -q "$(rates "$E/2026-farmers-s.yaml" | tail -n 1)" "$O/assessment/index.html"

# reporting: counts and the median days to feedback, by awk, sort and
# date(1)
tail -n +2 "$R/content/c/reporting/2026.csv" | while IFS=, read -r id rec kind ver fb rw; do
	[ -n "$fb" ] && echo $(( ($(date -u -d "$fb" +%s) - $(date -u -d "$rec" +%s)) / 86400 ))
done | sort -n >"$TMP/days"
tail -n +2 "$R/content/c/reporting/2026.csv" | awk -F, -v days="$TMP/days" '
{ n++; if ($4 == "属实") v++
  if ($6 != "") { r++; split($6, y, "."); fen += y[1] * 100 + (y[2] == "" ? 0 : substr(y[2] "0", 1, 2)) } }
END { while ((getline x < days) > 0) d[++k] = x
  m = k % 2 ? d[(k + 1) / 2] * 10 : (d[k / 2] + d[k / 2 + 1]) * 5
  yuan = fen % 100 ? sprintf("%d.%02d", fen / 100, fen % 100) : sprintf("%d", fen / 100)
  printf "受理 %d 件，查证属实 %d 件，兑现奖励 %d 件，奖金合计 %s 元；已反馈 %d 件，受理到反馈用时中位数 %d.%d 天\n", n, v, r, yuan, k, m / 10, m % 10 }' >"$TMP/want"
check "reporting counts and median" grep -qF "$(cat "$TMP/want")" "$O/reporting/index.html"

# the questionnaire: every question, and the QR code to the results
Q=$O/print/questionnaire-2026-farmers-s.pdf
check "questionnaire PDF" [ -s "$Q" ]
if command -v pdftotext >/dev/null; then
	pdftotext "$Q" "$TMP/q.txt"
	for q in 奖励优惠政策落实情况 办事公开情况 依法办事情况 优质服务情况 某县服务站 基本满意; do
		check "questionnaire has $q" grep -q "$q" "$TMP/q.txt"
	done
	check "questionnaire is one A4 page" sh -c "pdfinfo '$Q' | grep -q 'Pages: *1' && pdfinfo '$Q' | grep -q '595.* x 841'"
else
	skip "pdftotext is not installed"
fi
if command -v zbarimg >/dev/null && command -v pdftoppm >/dev/null; then
	pdftoppm -r 150 -png "$Q" "$TMP/q"
	check "QR code is the results page" sh -c "zbarimg -q --raw '$TMP'/q*.png 2>/dev/null | grep -qx 'https://gongkai.example/c/evaluation/2026-farmers-s.html'"
else
	skip "zbarimg or pdftoppm is not installed"
fi
"$GONGKAI" build --preview --out "$TMP/out2" "$R" 2>/dev/null
check "questionnaire bytes are the same every build" cmp -s "$Q" "$TMP/out2/c/print/questionnaire-2026-farmers-s.pdf"

# report --strict names the programme gaps (as of 2026-06-01)
"$GONGKAI" report --strict --as-of 2026-06-01 "$R" >"$TMP/rep.txt" 2>"$TMP/rep.err"
check "report --strict fails" [ $? -eq 1 ]
check "overdue rectification named" grep -q 'content/c/s/rectification/waiting.md: rectification .缩短等候时间. overdue' "$TMP/rep.err"
check "case without feedback named" grep -q "content/c/reporting/2026.csv:5: reporting case '2026-004'" "$TMP/rep.err"
check "recent case not named" sh -c "! grep -q 2026-005 '$TMP/rep.err'"
check "late media response named" grep -q 'content/c/media/rumour.md: media report of 2026-05-10 unanswered for 22 days' "$TMP/rep.err"

# The same gaps, by the same rule, in report --json, report.json and
# the report pages (linked to their causes): as many as the text says.
n=$(sed -n 's/^阳光计生行动 (programmes): \([0-9]*\) gaps$/\1/p' "$TMP/rep.txt")
check "text report counts the gaps" [ "${n:-0}" -ge 3 ]
"$GONGKAI" report --json --as-of 2026-06-01 "$R" >"$TMP/rep.json"
check "report --json counts them" grep -q "^  \"programme_gaps\": $n,\$" "$TMP/rep.json"
check "report.json counts them" grep -q "^  \"programme_gaps\": $n,\$" "$TMP/out/report.json"
check "report --json lists each" [ "$(grep -c '"kind": "' "$TMP/rep.json")" -eq "$n" ]
check "report --json: the overdue rectification" grep -q "\"what\": \"rectification '缩短等候时间' overdue" "$TMP/rep.json"
check "report --json: the case's line" grep -q '"line": 5,' "$TMP/rep.json"
grep "^content/" "$TMP/rep.txt" | sed 's/^[^ ]*: //' | while read -r w; do
	grep -qF "\"what\": \"$w\"" "$TMP/out/report.json" || echo "$w"
done >"$TMP/missing"
check "report.json says what the text says" [ ! -s "$TMP/missing" ]
check "report.html lists them" [ "$(sed -n '/report-prog-gaps/,/<\/ul>/p' "$TMP/out/report.html" | grep -c '^<li>')" -eq "$n" ]
check "report.html links the rectification" grep -q '整改逾期：<a href="c/s/rectification/waiting.html">缩短等候时间</a>' "$TMP/out/report.html"
check "unit report links it" grep -q '<a href="rectification/waiting.html">缩短等候时间</a>，整改期限' "$TMP/out/c/s/report.html"
check "unit report links the late case" grep -q '举报未按期反馈：<a href="reporting/index.html">2026-004</a>' "$O/report.html"
check "unit report: the late media response" grep -q '<a href="media/rumour.html">' "$O/report.html"
check "other unit reports list none" sh -c "! grep -q report-prog-gaps '$TMP/out/c/t/report.html'"

# The site map lists the programme pages: sitemap.html each unit's
# programme index pages, sitemap.xml those and the record pages; every
# page it lists is written.
check "sitemap.html: a unit's programme index" grep -q '<li><a href="c/evaluation/index.html">' "$TMP/out/sitemap.html"
check "sitemap.html: a sub-unit's programme index" grep -q '<li><a href="c/s/rectification/index.html">' "$TMP/out/sitemap.html"
check "sitemap.xml: an evaluation with its date" grep -q '<loc>https://gongkai.example/c/evaluation/2026-farmers-s.html</loc><lastmod>2026-03-01</lastmod>' "$TMP/out/sitemap.xml"
check "sitemap.xml: a rectification" grep -q '<loc>https://gongkai.example/c/s/rectification/waiting.html</loc>' "$TMP/out/sitemap.xml"
check "sitemap.xml: a media response" grep -q '<loc>https://gongkai.example/c/media/rumour.html</loc>' "$TMP/out/sitemap.xml"
sed -n 's|.*<loc>https://gongkai.example/\([^<]*\)</loc>.*|\1|p' "$TMP/out/sitemap.xml" |
    while read -r f; do [ -f "$TMP/out/$f" ] || echo "$f"; done >"$TMP/missing"
check "sitemap.xml lists only written pages" [ ! -s "$TMP/missing" ]
check "no home links an index its unit lacks" sh -c "! grep -q 'href=\"rectification/index.html\"' '$TMP/out/c/index.html'"
check "sitemap.xml lists every programme page" [ "$(grep -c '/\(evaluation\|reporting\|supervisors\|media\|rectification\|leadership\|assessment\)/' "$TMP/out/sitemap.xml")" -eq \
    "$(cd "$TMP/out" && find . -path '*/evaluation/*.html' -o -path '*/reporting/*.html' -o -path '*/supervisors/*.html' -o -path '*/media/*.html' -o -path '*/rectification/*.html' -o -path '*/leadership/*.html' -o -path '*/assessment/*.html' | wc -l)" ]

# Bad records, each with its diagnostic.
bad() {	# bad NAME FILE TEXT EXPECTED
	rm -rf "$TMP/bad" && cp -R "$R" "$TMP/bad"
	printf '%s\n' "$3" >"$TMP/bad/$2"
	"$GONGKAI" check "$TMP/bad" >/dev/null 2>"$TMP/bad.err"
	if [ $? -eq 1 ] && grep -qF "$4" "$TMP/bad.err"; then ok; else
		fail "$1: want '$4'"; cat "$TMP/bad.err"; fi
}
EV=content/c/evaluation/2026-x.yaml
HEAD='title: t
kind: farmers
date: 2026-01-01
respondents: 5'
# a second farmers' evaluation of c/t in 2026 would rank it twice
bad "one subject twice in a year and kind" $EV "$HEAD
subject: c/t
results: [[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]]" \
    "$EV:5:10: error: 'c/t' is already evaluated by kind 'farmers' in 2026, in content/c/evaluation/2026-farmers-t.yaml"
bad "row count" $EV "$HEAD
subject: c/s
results: [[1, 1, 1]]" "$EV:6:10: error: 'results' has 1 rows but kind 'farmers' has 4 questions"
bad "negative count" $EV "$HEAD
subject: c/s
results: [[1, 1, 1], [1, 1, 1], [1, -1, 1], [1, 1, 1]]" "$EV:6:37: error: the count of '基本满意' in row 3 must be a whole number (0 or more), not '-1'"
bad "count too large" $EV "$HEAD
subject: c/s
results: [[4294967295, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]]" "$EV:6:12: error: the count of '满意' in row 1 is too large: 4294967295 is more than 999999999, the most a count may be"
bad "subject no unit" $EV "$HEAD
subject: c/nowhere
results: [[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]]" "$EV:5:10: error: subject 'c/nowhere' is not a unit"
bad "upward of a unit below" $EV "title: t
kind: upward
date: 2026-01-01
respondents: 5
subject: c/s
results: [[1, 1, 1]]" "$EV:5:10: error: kind 'upward' evaluates a unit above 'c', not 'c/s'"
bad "unknown kind" $EV "title: t
kind: elders" "$EV:2:7: error: unknown kind 'elders'"
bad "bad date" $EV "$HEAD
subject: c/s
date2: x" "$EV:6:1: error: unknown field 'date2'"
bad "unknown method" $EV "$HEAD
subject: c/s
methods: [抽签]
results: [[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]]" "$EV:6:11: error: unknown method '抽签'"
bad "phone number" $EV "$HEAD
subject: c/s
findings: 联系 13812345678
results: [[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]]" "$EV:6:14: error: unmasked mobile phone number"
RE=content/c/s/rectification/waiting.md
bad "ref points nowhere" $RE "---
title: t
cause: evaluation
ref: c/evaluation/2026-none
found: 2026-03-01
deadline: 2026-05-01
status: 整改中
---" "$RE:4:6: error: 'ref' points nowhere: no evaluation record 'c/evaluation/2026-none'"
bad "bad status" $RE "---
title: t
cause: evaluation
ref: c/evaluation/2026-farmers-s
found: 2026-03-01
deadline: 2026-05-01
status: 拖延
---" "$RE:7:9: error: unknown status '拖延'"
bad "bad date" $RE "---
title: t
cause: evaluation
ref: c/evaluation/2026-farmers-s
found: 2026-02-30
deadline: 2026-05-01
status: 整改中
---" "$RE:5:8: error: malformed date in 'found'"
RC=content/c/reporting/2026.csv
bad "extra column" $RC "case,received,kind,verified,feedback,reward,name
1,2026-01-01,x,属实,,,张三" "$RC:1:"
bad "unknown verified" $RC "case,received,kind,verified,feedback,reward
1,2026-01-01,x,可能,," "$RC:2:16: error: unknown verified '可能'"
bad "phone number in a cell" $RC "case,received,kind,verified,feedback,reward
1,2026-01-01,电话13812345678,属实,," "$RC:2:14: error: cell holds a mobile phone number"
bad "reward not verified" $RC "case,received,kind,verified,feedback,reward
1,2026-01-01,x,不属实,2026-01-02,100" "$RC:2:"
# nothing after today (2026-06-01): a case received, or fed back, later
bad "received in the future" $RC "case,received,kind,verified,feedback,reward
1,2026-06-02,x,查处中,," "$RC:2:3: error: 'received' 2026-06-02 is in the future (today is 2026-06-01)"
bad "feedback in the future" $RC "case,received,kind,verified,feedback,reward
1,2026-05-02,x,属实,2026-07-01," "$RC:2:19: error: 'feedback' 2026-07-01 is in the future (today is 2026-06-01)"
# nor anything else after today: an evaluation, a media report or its
# response, a rectification found or completed (its deadline may lie
# ahead), a supervisors' meeting; worded as the cases' and the hotline's
bad "evaluation in the future" $EV "title: t
kind: farmers
subject: c/s
date: 2026-06-02
respondents: 5
results: [[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]]" "$EV:4:7: error: 'date' 2026-06-02 is in the future (today is 2026-06-01)"
ME=content/c/media/rumour.md
bad "media reported in the future" $ME "---
title: t
source: s
reported: 2026-06-02
---" "$ME:4:11: error: 'reported' 2026-06-02 is in the future (today is 2026-06-01)"
bad "media responded in the future" $ME "---
title: t
source: s
reported: 2026-05-10
responded: 2026-06-03
---" "$ME:5:12: error: 'responded' 2026-06-03 is in the future (today is 2026-06-01)"
bad "rectification found in the future" $RE "---
title: t
cause: evaluation
ref: c/evaluation/2026-farmers-s
found: 2026-06-02
deadline: 2026-09-01
status: 整改中
---" "$RE:5:8: error: 'found' 2026-06-02 is in the future (today is 2026-06-01)"
bad "rectification completed in the future" $RE "---
title: t
cause: evaluation
ref: c/evaluation/2026-farmers-s
found: 2026-03-01
deadline: 2026-09-01
status: 已完成
completed: 2026-06-15
feedback: 公示
---" "$RE:8:12: error: 'completed' 2026-06-15 is in the future (today is 2026-06-01)"
SU=content/c/supervisors/roster.yaml
bad "meeting in the future" $SU "term: x
members:
  - { name: 王五, category: 人大代表 }
meetings:
  - { date: 2026-04-01, kind: 座谈会, topic: a }
  - { date: 2026-06-30, kind: 调研, topic: b }" "$SU:6:13: error: 'date' 2026-06-30 is in the future (today is 2026-06-01)"
# a deadline ahead is no error; build --preview refuses what check
# refuses, in the same words, and writes no site
rm -rf "$TMP/bad" && cp -R "$R" "$TMP/bad"
sed -i 's/^deadline: .*/deadline: 2027-06-30/' "$TMP/bad/$RE"
check "a deadline after today passes" "$GONGKAI" check "$TMP/bad" >/dev/null
sed -i 's/^reported: .*/reported: 2026-07-01/' "$TMP/bad/$ME"
sed -i 's/^date: 2026-03-01$/date: 2026-12-01/' "$TMP/bad/content/c/evaluation/2026-farmers-s.yaml"
"$GONGKAI" check "$TMP/bad" >/dev/null 2>"$TMP/bad.err"
check "future records: check fails" [ $? -eq 1 ]
"$GONGKAI" build --preview --out "$TMP/badsite" "$TMP/bad" 2>"$TMP/badb.err"
check "future records: build fails, writes nothing" [ $? -eq 1 ] && [ ! -e "$TMP/badsite" ]
check "future records: check and build say the same" cmp -s "$TMP/bad.err" "$TMP/badb.err"
check "future records: both named" [ "$(grep -c 'is in the future (today is 2026-06-01)' "$TMP/bad.err")" -eq 2 ]
SOURCE_DATE_EPOCH=1796083200 "$GONGKAI" check "$TMP/bad" >/dev/null 2>"$TMP/bad.err"
check "future records: fine as of 2026-12-01" [ ! -s "$TMP/bad.err" ]
# a spreadsheet's blank rows are nothing, in the middle and at the end;
# a row's problems come in the order of its cells
rm -rf "$TMP/bad" && cp -R "$R" "$TMP/bad"
printf '%s\r\n' case,received,kind,verified,feedback,reward \
    2026-001,2026-01-05,收费,属实,2026-01-25,500 ,,,,, \
    2026-002,2026-02-01,态度,不属实,2026-02-04, ,,,,, ,,,,, \
    >"$TMP/bad/$RC"
"$GONGKAI" check "$TMP/bad" >/dev/null 2>"$TMP/bad.err"
check "blank rows pass" [ $? -eq 0 ]
check "blank rows: not a word" [ ! -s "$TMP/bad.err" ]
printf '%s\n' case,received,kind,verified,feedback,reward \
    ',2026-13-01,电话13812345678,可能,2026-01-02,x' >"$TMP/bad/$RC"
"$GONGKAI" check "$TMP/bad" >/dev/null 2>"$TMP/bad.err"
sed -n 's/^content\/c\/reporting\/2026.csv:2:\([0-9]*\):.*/\1/p' "$TMP/bad.err" >"$TMP/cols"
check "a row's errors in column order ($(tr '\n' ' ' <"$TMP/cols"))" \
    [ "$(tr '\n' ' ' <"$TMP/cols")" = "1 2 13 27 41 " ]
# a case listed twice (column 1) comes before its row's other problems
printf '%s\n' case,received,kind,verified,feedback,reward \
    2026-001,2026-01-05,收费,属实,2026-01-25,500 \
    2026-001,2026-02-01,电话13812345678,不属实,2026-02-04, >"$TMP/bad/$RC"
"$GONGKAI" check "$TMP/bad" >/dev/null 2>"$TMP/bad.err"
sed -n 's/^content\/c\/reporting\/2026.csv:3:\([0-9]*\):.*/\1/p' "$TMP/bad.err" >"$TMP/cols"
check "listed twice, then the row's cells ($(tr '\n' ' ' <"$TMP/cols"))" \
    [ "$(tr '\n' ' ' <"$TMP/cols")" = "1 21 " ]
bad "assessment of a non-subordinate" content/c/assessment/2026.yaml "units:
  - { unit: c, score: 1 }" "content/c/assessment/2026.yaml:2:13: error: 'c' is not under 'c'"
AS=content/c/assessment/2026.yaml
bad "assessment: a negative score" $AS "units:
  - { unit: c/s, score: -3, rank: 2 }
  - { unit: c/t, score: 95, rank: 1 }" "$AS:2:25: error: 'score' must be 0 or more, not '-3'"
bad "assessment: NaN" $AS "units:
  - { unit: c/s, score: .NaN }" "$AS:2:25: error: 'score' must be a number such as 92 or 87.5, not '.NaN'"
bad "assessment: rank 0" $AS "units:
  - { unit: c/s, score: 88.5, rank: 0 }" "$AS:2:37: error: 'rank' must be a whole number from 1 (the best), not '0'"
bad "assessment: one rank, two scores" $AS "units:
  - { unit: c/s, score: 88.5, rank: 1 }
  - { unit: c/t, score: 95, rank: 1 }" "$AS:3:35: error: rank 1 is given to 'c/s' (score 88.5) and to 'c/t' (score 95): units of one rank have the same score"
rm -rf "$TMP/bad" && cp -R "$R" "$TMP/bad"
printf '%s\n' units: '  - { unit: c/s, score: 105.5, rank: 1 }' \
    '  - { unit: c/t, score: 105.5, rank: 1 }' >"$TMP/bad/$AS"
check "assessment: bonus points past 100, a tie of equal scores" "$GONGKAI" check "$TMP/bad" >/dev/null
bad "roster category" content/c/supervisors/roster.yaml "term: x
members:
  - { name: 王五, category: 明星 }" "content/c/supervisors/roster.yaml:3:27: error: unknown category '明星'"

# Gated: unapproved programme files are published nowhere.
GK_DIR=$TMP/gk
. tests/gate/lib.sh
gk_setup
mkkey admin >/dev/null && mkkey alice >/dev/null && mkkey bob >/dev/null ||
    { fail mkkey; done_tests; exit 1; }
mkdir -p "$GK_REPO/keys" && cp "$GK_DIR/keys/alice.asc" "$GK_DIR/keys/bob.asc" "$GK_REPO/keys/"
cp "$R/config.yaml" "$GK_REPO/config.yaml"
cat >>"$GK_REPO/config.yaml" <<'EOF'
reviewers:
  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }
  - { id: bob, name: Bob, email: bob@example.org, key: keys/bob.asc, scope: ["content/**"] }
EOF
git -C "$GK_REPO" add config.yaml keys
gk_commit admin admin governance
gk_approve admin admin config.yaml 'keys/**'
cp -R "$R/content" "$GK_REPO/"
rm "$GK_REPO/content/c/evaluation/2026-farmers-t.yaml"
git -C "$GK_REPO" add content
gk_commit editor - content
gk_approve alice alice 'content/**'
gk_approve bob bob 'content/**'
# after the approvals: a new evaluation and a new rectification wait
cp "$R/content/c/evaluation/2026-farmers-t.yaml" "$GK_REPO/content/c/evaluation/"
printf '%s\n' --- 'title: 秘密整改' 'cause: evaluation' 'ref: c/evaluation/2026-farmers-s' \
    'found: 2026-03-01' 'deadline: 2026-09-01' 'status: 整改中' --- >"$GK_REPO/content/c/s/rectification/new.md"
git -C "$GK_REPO" add content
gk_commit editor - more
"$GONGKAI" build --trust "$GK_DIR/keys/admin.asc" --out "$TMP/gated" "$GK_REPO" 2>"$TMP/gated.err"
check "gated build" [ $? -eq 0 ]
G=$TMP/gated/c
check "approved evaluation published" [ -s "$G/evaluation/2026-farmers-s.html" ]
check "approved questionnaire published" [ -s "$G/print/questionnaire-2026-farmers-s.pdf" ]
check "unapproved evaluation not published" [ ! -e "$G/evaluation/2026-farmers-t.html" ]
check "unapproved evaluation in no page" [ -z "$(grep -rl '评指导站' "$TMP/gated")" ]
check "unapproved rectification in no page" [ -z "$(grep -rl '秘密整改' "$TMP/gated")" ]
"$GONGKAI" status --trust "$GK_DIR/keys/admin.asc" "$GK_REPO" >"$TMP/status.txt" 2>&1
check "status: the evaluation waits" grep -q 'content/c/evaluation/2026-farmers-t.yaml' "$TMP/status.txt"
done_tests
