#!/bin/sh
# tests/search-fold.test.sh -- search finds what a reader types, as an
# outside tester typed it against Chinese laws pasted from Word and WPS:
#
#   1. the index (search_fold, build/unit_search --fold) and the page
#      (assets/search.js's fold with the fold.js the build wrote) fold
#      every line of tests/search-fold.txt alike (the characters that
#      show nothing among them, each range's ends and their neighbours);
#   2. on a small site (run as a browser would, tests/search-dom.js and
#      tests/search-check.js): a query without the U+3000 the law put
#      between 第四十三条 and 国家机关, or between 总 and 则, finds it;
#      [2026], 【2026】, (2026) and ［２０２６］ find 〔2026〕; ＡＢＣ１２３ finds
#      ABC123; 計劃生育 finds 计划生育 and the other way round, and the
#      title shows the place marked; 计划生育 奖励 finds the items that
#      hold both words apart, title hits first, and not those that
#      hold one;
#      and text pasted from web pages and Word, with a zero-width
#      space, U+FEFF or a soft hyphen between its characters, is found
#      by the phrase a reader sees, and by the phrase pasted with them;
#   3. an edit built into the folder of the earlier build (the index
#      patched) gives the index a build into an empty folder gives.
. tests/lib.sh
GONGKAI=${GONGKAI:-$(pwd)/gongkai}
export SOURCE_DATE_EPOCH=1795219200
unset XDG_CACHE_HOME GONGKAI_CACHE_DIR

if ! command -v node >/dev/null 2>&1; then
	skip "node is not installed (Debian package nodejs)"
	done_tests
	exit 0
fi
# the fold driver: beside $GONGKAI, as tests/gate/lib.sh finds its own
DRV=$(dirname "$GONGKAI")/build/unit_search
[ -x "$DRV" ] || DRV=$(dirname "$GONGKAI")/unit_search
[ -x "$DRV" ] || DRV=build/unit_search

# --- the site --------------------------------------------------------
R=$TMP/repo
mkdir -p "$R/content/county/laws" "$R/content/county/village/births"
cp tests/golden/basic/input/config.yaml "$R/"
cp tests/golden/basic/input/content/county/_unit.yaml "$R/content/county/"
cp tests/golden/basic/input/content/county/village/_unit.yaml \
    "$R/content/county/village/"
cp tests/golden/basic/input/content/county/village/births/2026-q1.yaml \
    "$R/content/county/village/births/"
# item FILE TITLE DATE [DOC_NO] then the body on standard input
item() {
	{
		echo "---"
		echo "title: $2"
		echo "date: $3"
		[ -n "$4" ] && echo "doc_no: $4"
		echo "---"
		cat
	} >"$R/content/county/laws/$1.md"
}
item law 中华人民共和国人口与计划生育法 2026-01-05 <<'EOF'
第一章　总　　则

第四十三条　国家机关及其工作人员在计划生育工作中，不得侵犯公民的合法权益。
EOF
item notice 關於2026年度計劃生育工作的公告 2026-03-01 '示卫健公告〔2026〕1号' <<'EOF'
各鄉鎮：現將有關事項公告如下。設備型號ABC123。
EOF
item reward 奖励扶助对象公示 2026-04-10 '城府公示（2026）2号' <<'EOF'
农村部分计划生育家庭，按规定领取扶助金。
EOF
item both 计划生育家庭奖励扶助制度实施办法 2026-02-10 <<'EOF'
本办法自公布之日起施行。
EOF
item only 计划生育服务指南 2026-05-01 <<'EOF'
办理生育登记所需材料。
EOF
# pasted from a web page: U+200B, U+FEFF, U+00AD, U+2060 inside phrases
ZW=$(printf '\342\200\213')
item zw "阳光${ZW}计生服务热线公告" 2026-05-20 <<EOF
服务热线：阳光计生${ZW}服务热线。

网址：河中县$(printf '\357\273\277')卫生健康委员会。

申请材料：生育$(printf '\302\255')登记表，领取$(printf '\342\201\240')补助。
EOF
# more items, so that one edit is few enough to patch the index
for n in 1 2 3 4 5 6 7 8 9 10; do
	item "f$n" "公开事项$n" "2025-0$((n % 9 + 1))-01" <<EOF
本县第$n项公开事项的说明。
EOF
done
S=$TMP/site
"$GONGKAI" build --preview --quiet --out "$S" "$R" 2>"$TMP/err"
check "build the site" [ -f "$S/assets/search/fold.js" ]
cat "$TMP/err"

# --- 1. both folds alike ---------------------------------------------
if [ -x "$DRV" ]; then
	"$DRV" --fold <tests/search-fold.txt >"$TMP/c" 2>&1
	check "the index's fold runs" [ $? -eq 0 ]
	node tests/search-fold.js "$S" <tests/search-fold.txt >"$TMP/js" 2>&1
	check "the page's fold runs" [ $? -eq 0 ]
	check "as many lines" [ "$(wc -l <"$TMP/c")" -eq \
	    "$(wc -l <tests/search-fold.txt)" ]
	if diff "$TMP/c" "$TMP/js" >"$TMP/d"; then
		ok
	else
		fail "the index and the page fold differently:"
		head -20 "$TMP/d"
	fi
	# and the folds are not nothing: spaces, brackets, characters
	check "folded: U+3000 between Chinese characters" \
	    grep -qx '第四十三条国家机关及其工作人员' "$TMP/c"
	check "folded: brackets" grep -qx '示卫健发(2025)108号' "$TMP/c"
	check "folded: traditional characters" \
	    grep -qx '关于做好计划生育特别扶助对象资格确认工作的通知' "$TMP/c"
	check "kept: a space between words" grep -qx 'windows xp' "$TMP/c"
	check "folded: U+200B between Chinese characters" \
	    grep -qx '阳光计生服务热线' "$TMP/c"
	check "folded: U+200B, U+FEFF and more in a run" grep -qx '计划生育' \
	    "$TMP/c"
	# every code point Unicode calls default ignorable, as Node knows
	# them, is left out by both
	node -e 'let s = "计";
	    for (let c = 0xa0; c <= 0x10ffff; c++)
		if ((c < 0xd800 || c > 0xdfff) && /\p{DI}/u.test(
		    String.fromCodePoint(c)))
			s += String.fromCodePoint(c);
	    console.log(s + "划");' >"$TMP/di"
	check "every default ignorable code point left out by the index" \
	    [ "$("$DRV" --fold <"$TMP/di")" = 计划 ]
	check "and by the page" \
	    [ "$(node tests/search-fold.js "$S" <"$TMP/di")" = 计划 ]
else
	skip "no build/unit_search (make build/unit_search)"
fi

# --- 2. what a reader types --------------------------------------------
# q QUERY: the page's status, then a line per result (href, title with
# <mark>…</mark>)
q() {
	node tests/search-dom.js "$S" "$1" >"$TMP/dom" 2>&1 ||
	    { cat "$TMP/dom"; fail "page: '$1' runs"; }
}
finds() {	# finds QUERY ITEM...: QUERY finds exactly these items
	_q=$1
	shift
	q "$_q"
	_want=$(for i in "$@"; do echo "$i"; done | LC_ALL=C sort)
	_got=$(sed -n 's,^county/laws/\([a-z]*\)\.html .*,\1,p' "$TMP/dom" |
	    LC_ALL=C sort)
	if [ "$_want" = "$_got" ]; then
		ok
	else
		fail "'$_q' finds '$(echo $_got)', not '$(echo $_want)'"
		cat "$TMP/dom"
	fi
}
finds 第四十三条国家机关 law
finds '第四十三条　国家机关' law
finds 总则 law
for b in '[2026]' '【2026】' '〔2026〕' '(2026)' '（2026）' '［２０２６］'; do
	finds "$b" notice reward
done
finds '〔2026〕1号' notice
finds '(2026)2号' reward
finds ＡＢＣ１２３ notice
finds abc123 notice
finds 計劃生育 notice law reward both only
finds 计划生育工作的公告 notice
finds 关于2026年度 notice
finds 計劃生育服務 only
q 计划生育
check "traditional title marked for a simplified query" grep -qF \
    'county/laws/notice.html 關於2026年度<mark>計劃生育</mark>工作的公告' \
    "$TMP/dom"
finds '计划生育 奖励' reward both
check "AND: said" grep -q \
    '^找到 2 条同时含有“计划生育”和“奖励”的公开信息，其中标题含有的 1 条排在前面。$' \
    "$TMP/dom"
check "AND: the title that holds both first" sh -c \
    "sed -n 2p '$TMP/dom' | grep -q '^county/laws/both.html <mark>计划生育</mark>家庭<mark>奖励</mark>扶助'"
finds '奖励  计划生育' reward both
finds '计划生育 奖励 扶助金' reward
finds '计划生育 瑶池' 
check "AND: nothing said" grep -q \
    '^没有找到同时含有“计划生育”和“瑶池”的公开信息。$' "$TMP/dom"
# a word of one character is checked in the text
finds '计划生育 金' reward
finds '计 划' law reward both only notice
# what shows nothing, in the text or in the query, is not there
finds 阳光计生服务热线 zw
finds "阳光计生${ZW}服务热线" zw
finds "计生${ZW}服务" zw
finds 河中县卫生健康委员会 zw
finds 生育登记表 zw
finds 领取补助 zw
finds "领取${ZW}补助 河中县" zw
q 阳光计生
check "the place marked across the zero-width space" grep -qF \
    "county/laws/zw.html <mark>阳光${ZW}计生</mark>服务热线公告" "$TMP/dom"
q "$ZW"
check "a query of a zero-width space finds nothing" \
    sh -c "! grep -q '^county/' '$TMP/dom'"
if node tests/search-check.js "$S" --queries 300 --seed 11 \
    --present 第四十三条国家机关 --present 总则 --present '[2026]' \
    --present 計劃生育 --present '计划生育 奖励' --present ＡＢＣ１２３ \
    --absent 瑶池蟠桃 >"$TMP/out" 2>&1; then
	ok
else
	fail "search-check on the site"
	grep '^FAIL' "$TMP/out" | head -20
fi

# --- 3. an edit patches the index as a whole build would make it -------
S2=$TMP/site2
"$GONGKAI" build --preview --quiet --out "$S2" "$R"
printf '\n第四十四条　違反本法規定的，依法處理。\n' \
    >>"$R/content/county/laws/law.md"
"$GONGKAI" build --preview --out "$S2" "$R" 2>"$TMP/e"
check "the edit: a few files written" \
    grep -q ": [1-9][0-9]* files written, [1-9][0-9]* unchanged" "$TMP/e"
"$GONGKAI" build --preview --quiet --out "$TMP/whole" "$R"
check "patched index = whole index" \
    diff -r "$S2/assets/search" "$TMP/whole/assets/search"
S=$TMP/whole
finds 第四十四条违反本法 law
done_tests
