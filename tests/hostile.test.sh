#!/bin/sh
# Hostile content (issue 13): script in every field a template prints
# (config strings, unit names and contacts, titles, 文号, summaries,
# topics, keywords, table cells; tests/hostile/inject.py) and links
# whose scheme is javascript:, vbscript: or data:, in any case, behind
# a character reference, a tab or a control character.  The site must
# build, and no page may hold the script as markup: every field is
# escaped for its context (text, attribute), every such link dropped.
. tests/lib.sh
export GONGKAI_CACHE_DIR=$TMP/cache SOURCE_DATE_EPOCH=1795219200	# 2026-11-21: after the demo's records
if ! command -v python3 >/dev/null; then
	skip "python3 missing"
	done_tests
	exit
fi
r=$TMP/repo s=$TMP/site
mkdir -p "$r" && cp -R content config.yaml "$r/"
rm -rf "$r/content/shifan-county/xihe-town" \
    "$r/content/shifan-county/service-center" \
    "$r/content/shifan-county/hotline" \
    "$r/content/shifan-county/evaluation" \
    "$r/content/shifan-county/assessment" \
    "$r/content/shifan-county/rectification"	# name the units above
# Raw HTML in a body is refused where it starts: no page would show it
# or the text it holds.
cp -R "$r" "$TMP/html"
python3 tests/hostile/inject.py "$TMP/html" html
"$GONGKAI" check "$TMP/html" >"$TMP/check.out" 2>&1
check "check refuses raw HTML in bodies" [ $? -eq 1 ]
grep -Eq "^content/.*\.md:[0-9]+:1: error: raw HTML '<script>alert\(3\)" \
    "$TMP/check.out" && ok || fail "check: $(head -3 "$TMP/check.out")"
"$GONGKAI" build --preview --out "$TMP/html-site" "$TMP/html" \
    >/dev/null 2>&1
check "a preview refuses it" [ $? -eq 1 ]
check "... and writes nothing" [ ! -e "$TMP/html-site" ]
# The rest is text: accepted, and escaped wherever it is shown.
python3 tests/hostile/inject.py "$r"
check "the payload is in the source" grep -q "onerror=alert(2)" \
    "$r/content/shifan-county/_unit.yaml"
"$GONGKAI" check "$r" >"$TMP/check.out" 2>&1
check "check accepts it (it is text)" [ $? -eq 0 ]
"$GONGKAI" build --preview --out "$s" "$r" >"$TMP/build.out" 2>&1
check "build accepts it" [ $? -eq 0 ]
cat "$TMP/check.out" "$TMP/build.out" | head -5

# The pages: HTML, feeds, sitemaps (the .txt tickers and .json data
# are not markup: text as it was written is right there).
pages=$TMP/pages
find "$s" -name '*.html' -o -name '*.xml' -o -name '*.svg' >"$pages"
check "pages were made" [ "$(wc -l <"$pages")" -gt 50 ]
# What a browser would run, read by an HTML parser: inline script, on*
# attributes, javascript:/vbscript:/data: URLs (tests/hostile/scan.py).
grep '\.html$' "$pages" | xargs python3 tests/hostile/scan.py \
    >"$TMP/scan.out" 2>&1
check "no page runs script" [ $? -eq 0 ]
head -10 "$TMP/scan.out"
# ... and plain greps, which do not depend on a parser.
# none: PATTERN NAME -- no page matches the extended regex PATTERN
none() {
	_hits=$(xargs grep -liE "$1" <"$pages" | head -3)
	[ -z "$_hits" ] || { echo "  $2 in: $_hits"; return 1; }
}
check "no raw <script>" none '<script>alert' "script"
check "no raw <img onerror>" none '<img src=x' "img"
check "no attribute broken out of" none "\"'>" "breakout"
check "no javascript:, vbscript:, data: link" none \
    '(href|src|action|content|formaction)="[[:space:]]*(javascript|vbscript|data):' \
    "scheme"
# ... and the text is there, escaped (else the test proves nothing).
esc='&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;'
for f in index.html shifan-county/index.html shifan-county/guide.html \
    shifan-county/dongcheng-town/liujia-village/print/board.html; do
	if [ -f "$s/$f" ]; then
		check "$f shows the script as text" grep -qF "$esc" "$s/$f"
	else
		fail "$f: missing"
	fi
done
check "in an attribute: &quot; and &#39;" grep -qE \
    'content="[^"]*&quot;&#39;&gt;&lt;script&gt;' "$s/index.html"
f=$(grep -l '>庚</a>' $(cat "$pages") | head -1)
check "the dropped links keep their text, as text" grep -qE '^<p>甲 乙' "$f"
check "a dropped image keeps its description" grep -qE '^<p>甲.*[丁戊]己<a ' "$f"
check "a typed-in e-mail address is a valid mailto: URL (percent-encoded)" \
    sh -c '! grep -E "href=\"mailto:[^\"]*[& <>]" $(grep "\.html$" "$1")' - "$pages"
check "no link or image left with nothing to point at" \
    sh -c '! grep -E "(href|src)=\"\"" $(grep "\.html$" "$1")' - "$pages"
# Feeds and sitemaps are well-formed XML.
for x in $(grep '\.xml$' "$pages"); do
	python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' \
	    "$x" 2>"$TMP/xml.err"
	check "${x#$s/} is well-formed" [ $? -eq 0 ]
done
done_tests
