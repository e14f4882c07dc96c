#!/bin/sh
# tests/pages.test.sh -- what citizens expect of the demo's pages: a
# Content-Security-Policy on every page and nothing inline it would
# block, the side 公开目录, 索引号 and 发布日期 columns, tel: links,
# 打印本页, the 审核信息 folded away and off printed sheets, scroll
# hints, the report table at phone width, the hotline said once, and
# completeness figures only with site.show_completeness; what the
# W3C Nu Html Checker and axe-core found once, checked by grep.  HTML
# parsed strictly with html5lib, and checked by vnu and axe-core, when
# they are installed.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21
SITE=$TMP/site
"$GONGKAI" build --preview --out "$SITE" . >"$TMP/err" 2>&1 ||
    { cat "$TMP/err"; fail "demo build"; }
S=$SITE/shifan-county
# and tests/pages/: a village's items as pasted from Word and government
# sites (headings of a picture or of nothing, links without text, Word
# tables without a header, notes used twice, Windows paths in URLs), two
# with notes on one print sheet, three with tables wider than a phone,
# two of one title, two YAML ones of one title with their tables (one
# with a task list), and two signed as Word does, their 落款 pushed
# right with ideographic spaces (one in the paragraph it signs, before
# a line that is not); its pages go through every check below
H=$TMP/hostile
mkdir -p "$H" && cp -R tests/pages/content "$H/" && cp config.yaml "$H/"
HSITE=$TMP/hsite
"$GONGKAI" build --preview --out "$HSITE" "$H" >"$TMP/err" 2>&1 ||
    { cat "$TMP/err"; fail "tests/pages build"; }
# every document: the 专栏 fragments (embed/catalogue.html) aside
pages=$(find "$SITE" "$HSITE" -name '*.html' ! -path '*/embed/catalogue.html' |
    sort)
none() { [ -z "$(grep -L "$@")" ]; }	# no page lacks the pattern

# --- Content-Security-Policy -------------------------------------------
csp="<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self' file:; script-src 'self' file:; style-src 'self' file:; img-src 'self' file: data:;"
check "every page carries the CSP" none -F "$csp" $pages
check "no page allows unsafe-inline" \
    sh -c '! grep -l "unsafe-inline\|unsafe-eval" "$@"' - $pages
check "no inline script (every script is a file)" \
    sh -c '! grep -E "<script>|<script( [a-z]+=\"[^\"]*\")* *>[^<]" "$@"' - $pages
check "no inline style element or attribute" \
    sh -c '! grep -E "<style| style=" "$@"' - $pages
check "no event handler attributes" \
    sh -c '! grep -E " on[a-z]+=\"" "$@"' - $pages
check "the CSP comes before any stylesheet" \
    sh -c 'for f; do awk "/Content-Security-Policy/ { c = NR } /rel=\"stylesheet\"/ && !s { s = NR } END { exit !(c && c < s) }" "$f" || exit 1; done' - $pages
check "display cycles from a file" grep -q 'href="cycle.css"' \
    "$S/service-center/display/index.html"
check "print pages pick their paper by class" \
    grep -q 'class="print print-board paper-A3-landscape"' \
    "$S/service-center/print/board.html"
check "Markdown table alignment by class" \
    grep -rq 'class="align-right"' "$S"

# --- what the W3C validator (vnu) and axe-core found once -------------
# Each class of their findings, checked cheaply here (the tools
# themselves run at the end, when installed).
check "no draft CSS property the validator refuses (vnu --css: line-clamp)" \
    sh -c '! grep -rn "^[[:space:]]*line-clamp:" "$@"' - \
    $(find "$SITE" -name '*.css')
check "every <time> says its day in datetime (vnu: time-datetime)" \
    sh -c '! grep -o "<time[^>]*>" "$@" | grep -v "datetime=\"[0-9]"' - $pages
check "no empty header cell (axe: empty-table-header)" \
    sh -c '! grep -E "<th[^>]*>[[:space:]]*</th>" "$@"' - $pages
check "a scrolling table's region is named for it (axe: landmark-unique)" \
    sh -c '! grep -F "aria-label=\"（" "$@"' - $pages
# no page has two navigation landmarks, or two regions, of one name
dup_landmarks() {
	for f; do
		for pat in '<nav [^>]*aria-label="[^"]*"' \
		    'role="region" aria-label="[^"]*"'; do
			d=$(grep -o "$pat" "$f" | sed 's/.*aria-label=//' |
			    sort | uniq -d)
			[ -z "$d" ] || { echo "$f: $d"; return 1; }
		done
	done
}
check "landmarks of a kind have names of their own (axe: landmark-unique)" \
    dup_landmarks $pages
# (a refresh nobody can put off must wait over 20 hours: WCAG 2.2.1)
check "no <meta> refresh within 20 hours (axe: meta-refresh)" \
    sh -c '! grep -ho "http-equiv=\"refresh\" content=\"[0-9]*" "$@" | awk -F\" "\$4 <= 72000 { bad = 1 } END { exit !bad }"' - $pages
# (the 专栏's frame shows the fragment's own note, inside its <main>)
check "the preview note is a named region (axe: region)" \
    none -E 'class="(preview-banner|k-preview)" role="region" aria-label="预览提示"' \
    $(printf '%s\n' $pages | grep -v '/embed/frame\.html$')
check "no role the element has already (vnu: banner on header)" \
    sh -c '! grep -F "<header role=\"banner\"" "$@"' - $pages
check "the handout's cover is no section without a heading (vnu)" \
    sh -c '! grep -F "<section class=\"print-cover\">" "$@"' - $pages
# what pasted text made once (tests/pages/)
dup_ids() {
	for f; do
		d=$(grep -o ' id="[^"]*"' "$f" | sort | uniq -d)
		[ -z "$d" ] || { echo "$f: $d"; return 1; }
	done
}
check "no page defines an id twice (vnu: duplicate ID; notes on a print sheet)" \
    dup_ids $pages
check "a print sheet's notes are its items' own" \
    grep -q '<li id="item-2-fn-1">' "$HSITE/ceshi-cun/print/board.html"
check "a heading's id is its text, a repeat's with -1" \
    sh -c 'grep -q "<h2 id=\"sec-第一条-发放标准\">" "$1/other/village-notice.html" &&
    grep -q " id=\"sec-第一条-1\">第一条</h" "$1/laws/law-excerpt.html"' - "$HSITE/ceshi-cun"
check "a print sheet's headings are its items' own" \
    grep -q ' id="item-2-sec-第一条-发放标准">' "$HSITE/ceshi-cun/print/board.html"
# (at 320 px a twin's Markdown table would widen the page to 1,000 px)
check "a print sheet's Markdown tables scroll in regions of their own" \
    sh -c '! grep -h "<table>" "$@" | grep -v "role=\"region\""' - \
    "$HSITE/ceshi-cun/print/board.html" "$HSITE/ceshi-cun/print/handout.html"
check "tables of items of one title on a sheet: regions named apart" \
    grep -q 'aria-label="关于2026年计划生育奖励扶助资格确认的公告（第3项），表格1（可左右滚动）"' \
    "$HSITE/ceshi-cun/print/board.html"
for f in board handout; do
	check "YAML tables of items of one title on the $f: named apart" \
	    sh -c 'grep -q "aria-label=\"2026年计划生育奖励扶助金发放名单（可左右滚动）\"" "$1" &&
	    grep -q "aria-label=\"2026年计划生育奖励扶助金发放名单（第5项）（可左右滚动）\"" "$1"' \
	    - "$HSITE/ceshi-cun/print/$f.html"
done
check "no empty heading, nor one of a picture only (axe: empty-heading)" \
    sh -c '! grep -E "<h[1-6][^>]*>[[:space:]]*(<img [^>]*alt=\"\"[^>]*>)?[[:space:]]*</h[1-6]>" "$@"' - $pages
check "no link without text (axe: link-name)" \
    sh -c '! grep -E "<a [^>]*>[[:space:]]*(<img [^>]*alt=\"\"[^>]*>)?[[:space:]]*</a>" "$@"' - $pages
check "a link without text shows where it goes" \
    grep -q '<a href="https://www.gov.cn/zhengce/zuixin/">https://www.gov.cn/zhengce/zuixin/</a>' \
    "$HSITE/ceshi-cun/laws/law-excerpt.html"
check "a back link's name holds the number it shows (axe: label-content-name-mismatch)" \
    sh -c '! grep -F "aria-label=\"返回正文\">↩<sup" "$@"' - $pages
check "an empty header row is none, an empty corner a plain cell" \
    grep -q '<thead>.<tr>.<td class="align-left"></td>.<th scope="col" class="align-right">2025年</th>' \
    -z "$HSITE/ceshi-cun/laws/law-excerpt.html"
check "every % in an href starts an escape, no host holds %5C (vnu: bad href)" \
    sh -c '! grep -E "href=\"[^\"]*(%([^0-9A-Fa-f]|.[^0-9A-Fa-f])|://[^/\"]*%5C)" "$@"' - $pages
check "a Windows path in a web address, as a browser reads it" \
    grep -q 'href="http://www.shifan.gov.cn/zwgk/2021/a.html"' \
    "$HSITE/ceshi-cun/laws/law-excerpt.html"
# a 落款: its lines at the right without their run of U+3000 (where
# they stand: tests/pages-narrow.js), one after the text it signs; a
# run inside a line kept; and the search still finds the office
check "a 落款's lines in a span of their own, without the run" \
    grep -q '^<p><span class="gk-sign">测试村村民委员会<br />$' \
    "$HSITE/ceshi-cun/other/signed-notice.html"
check "one after the text it signs, before a line that is none" \
    grep -q '此复。<br />.<span class="gk-sign">测试村村民委员会（公章）<br />.2026年9月6日<br />.</span>　　（此件公开发布）</p>' \
    -z "$HSITE/ceshi-cun/other/signed-reply.html"
check "a run inside a line stays" \
    grep -q '<p>测试村村民委员会办公室　　　　　　　　2026年9月5日印发</p>' \
    "$HSITE/ceshi-cun/other/signed-notice.html"
if command -v node >/dev/null; then
	node tests/search-dom.js "$HSITE" 村民委员会（公章） >"$TMP/dom" 2>&1
	check "the search finds a 落款's office" \
	    grep -q '^ceshi-cun/other/signed-reply.html ' "$TMP/dom"
fi

# --- category and item pages -------------------------------------------
C=$S/fees/index.html
I=$S/fees/2026-fee-standard.html
check "category list: 索引号 column" grep -q '<th scope="col" class="col-index">索引号</th>' "$C"
check "category list: 发布日期 column" grep -q '<th scope="col" class="col-date">发布日期</th>' "$C"
check "category rows carry their 索引号" grep -q 'data-label="索引号">[0-9]' "$C"
check "side 公开目录 on category pages, this one current" \
    grep -q '<a href="index.html" aria-current="page">' "$C"
check "side 公开目录 on item pages, its category marked" \
    grep -q '<a href="index.html" aria-current="true">' "$I"
n=$(grep -c '^<li><a href=.*<span class="count">' "$I")
check "side 公开目录 lists the unit's 12 categories ($n)" [ "$n" -eq 12 ]
check "打印本页 without script: a note" grep -q 'id="print-this">打印本页：' "$I"
check "打印本页 with script: print-page.js" \
    grep -q '<script src="../../assets/print-page.js" defer></script>' "$I"
check "审核信息 folded in <details>" grep -q '<details class="provenance">' "$I"
check "审核信息 and side 公开目录 off printed sheets" \
    grep -q '\.side-catalogue, \.provenance, \.print-this { display: none; }' \
    "$SITE/assets/style.css"
check "wide tables: scroll hint on phones" \
    grep -q 'content: "← 表格较宽，可左右滑动查看 →"' "$SITE/assets/style.css"
check "report table as cards at phone width" \
    grep -q 'data-label="完整度"' "$SITE/report.html"
# A wide table's region takes focus (tabindex="0"): each stylesheet that
# styles one gives it a ring (WCAG 2.4.7), in a rule outside @media of
# .table-wrap:focus with no :focus-visible in its list, which a browser
# that does not know it (older Chromium shells) would drop whole: a
# solid outline 2 px wide or more
focus_ring() {
	tr '\n' ' ' <"$1" | sed 's:/\*[^*]*\*\+\([^/*][^*]*\*\+\)*/::g' |
	    awk 'BEGIN { RS = "}" }
	{
		n = split($0, f, "{")
		if (n < 2 || (n > 2 && f[n - 2] ~ /@media/))
			next
		sel = f[n - 1]
		if (sel !~ /\.table-wrap:focus *(,|$)/ || sel ~ /focus-visible/)
			next
		if (match(f[n], /outline: *[0-9]+px +solid/) &&
		    substr(f[n], RSTART + 8) + 0 >= 2)
			ok = 1
	}
	END { exit !ok }'
}
for css in "$SITE"/assets/*.css; do
	grep -q 'table-wrap' "$css" || continue
	check "a focused table region shows a ring ($(basename "$css"))" \
	    focus_ring "$css"
done
# Whatever shows a ring on :focus-visible shows one on plain :focus in
# a rule of its own too: a browser that does not know :focus-visible
# (Chromium before 86 in many a shell, Safari before 15.4) drops a
# rule whose list names it, and with it the ring (.print-button and
# the 专栏's .gk-link had only that)
focus_plain() {
	tr '\n' ' ' <"$1" | sed 's:/\*[^*]*\*\+\([^/*][^*]*\*\+\)*/::g' |
	    awk -v css="$(basename "$1")" 'BEGIN { RS = "}" }
	{
		n = split($0, f, "{")
		if (n < 2)
			next
		m = split(f[n - 1], sel, ",")
		for (i = 1; i <= m; i++) {
			s = sel[i]
			gsub(/^ +| +$/, "", s)
			gsub(/  +/, " ", s)
			if (s ~ /:focus-visible/ && s !~ /:not\(:focus-visible\)/)
				want[s] = 1
			else
				have[s] = 1
		}
	}
	END {
		for (s in want) {
			p = s
			sub(/:focus-visible/, ":focus", p)
			if (!(p in have)) {
				print css ": no plain " p
				bad = 1
			}
		}
		exit bad
	}'
}
for css in "$SITE"/assets/*.css; do
	check "a :focus-visible ring has a plain :focus one ($(basename "$css"))" \
	    focus_plain "$css"
done

# --- contacts and footer ---------------------------------------------------
check "unit phone is a tel: link" \
    grep -q '<dt>联系电话</dt><dd><a href="tel:02887612345">028-87612345</a></dd>' \
    "$S/index.html"
foot=$(grep 'id="site-contact"' "$S/index.html")
n=$(printf '%s' "$foot" | grep -o 12356 | wc -l)
check "footer names the hotline once ($n)" [ "$n" -eq 2 ]	# text + tel:
check "footer phone numbers are links" \
    sh -c "printf '%s' '$foot' | grep -q '<a href=\"tel:02887612345\">028-87612345</a>'"

# --- completeness figures --------------------------------------------------
check "no completeness on unit homes by default" \
    sh -c "! grep -q 'class=\"unit-report\"' '$S/index.html'"
check "the site map does not link the report by default" \
    sh -c "! grep -q 'report.html' '$SITE/sitemap.html'"
check "the report pages are still built" [ -f "$SITE/report.html" ]

mkdir -p "$TMP/on" && cp -R content "$TMP/on/" &&
    sed 's/^  attachment_max_mb: 50$/  attachment_max_mb: 50\n  show_completeness: true/' \
    config.yaml >"$TMP/on/config.yaml"
"$GONGKAI" build --preview --out "$TMP/on-site" "$TMP/on" >/dev/null 2>&1
check "show_completeness: true shows it" \
    grep -q 'class="unit-report">公开目录完整度' "$TMP/on-site/shifan-county/index.html"

# --- tel: pieces -------------------------------------------------------------
# (page_tel_parts is unit-tested in unit_page; here, a date is no phone)
check "no tel: link on a date" sh -c '! grep -rq "tel:2026" "$1"' - "$SITE"

# --- in a browser, from disk, under the CSP ---------------------------------
# print-page.js must run (a script file the policy allows) and turn the
# note into a button; the stylesheet must apply.  Optional: chromium is
# not a build dependency.
br=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$br" ]; then
	timeout 300 "$br" --headless --no-sandbox --disable-gpu --dump-dom \
	    "file://$I" >"$TMP/dom" 2>/dev/null
	check "from disk, print-page.js runs under the CSP" grep -q \
	    '<p class="print-this" id="print-this"><button type="button" class="print-button">打印本页</button>' \
	    "$TMP/dom"
else
	skip "chromium not installed: scripts not run in a browser"
fi

# --- the 专栏 in an iframe: a document of its own -------------------------
F=$(find "$SITE" -path '*/embed/frame.html' | sort | head -1)
check "a unit with embed has embed/frame.html" [ -n "$F" ]
check "the frame is a document: doctype, language, title" \
    sh -c "head -2 '$F' | tr -d '\n' | grep -q '^<!DOCTYPE html><html lang=\"zh-CN\">' && grep -q '<title>.*信息公开 - ' '$F'"
check "the frame's first heading is an h1, the fragment's an h2" \
    sh -c "grep -q '<h1 class=\"gk-title\">' '$F' && grep -q '<h2 class=\"gk-title\">' '$(dirname "$F")/catalogue.html'"
# --- strict HTML parse ------------------------------------------------------
py=/usr/bin/python3
if [ -x "$py" ] && "$py" -c 'import html5lib' 2>/dev/null; then
	cat >"$TMP/parse.py" <<'EOF'
import sys, html5lib
bad = 0
for f in sys.argv[1:]:
    p = html5lib.HTMLParser(strict=True)
    with open(f, "rb") as h:
        data = h.read()
    try:
        if f.endswith("/embed/catalogue.html"):
            p.parseFragment(data.decode("utf-8"))
        else:
            p.parse(data)
    except Exception as e:
        print(f, e)
        bad += 1
sys.exit(1 if bad else 0)
EOF
	check "every page parses as HTML without an error" \
	    "$py" "$TMP/parse.py" $(find "$SITE" -name '*.html' | sort)
else
	skip "python3-html5lib not installed: HTML not parsed"
fi
# --- the W3C validator and axe-core, when they are installed --------------
# Neither is a dependency: VNU_JAR names vnu.jar (npm's vnu-jar has it)
# to run the Nu Html Checker over every page, with java; AXE_MODULES a
# node_modules folder with axe-core and playwright-core to run axe-core
# in chromium over a page of each kind (tests/axe-check.js), with node.
if [ -n "${VNU_JAR:-}" ] && [ -f "$VNU_JAR" ] && command -v java >/dev/null; then
	# a 专栏 fragment is checked inside a portal's page, as it is used
	mkdir -p "$TMP/frag"
	for f in $(find "$SITE" "$HSITE" -path '*/embed/catalogue.html'); do
		{ printf '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>portal</title></head><body><main><h1>portal</h1>\n'
		cat "$f"; printf '</main></body></html>\n'; } \
		    >"$TMP/frag/$(echo "$f" | tr / _)"
	done
	check "the Nu Html Checker finds no error" \
	    java -jar "$VNU_JAR" --errors-only $pages "$TMP"/frag/*.html
	check "the Nu Html Checker finds no error in the style sheets" \
	    java -jar "$VNU_JAR" --css --errors-only \
	    $(find "$SITE" "$HSITE" -name '*.css' | sort)
else
	skip "VNU_JAR not set (or no java): pages not validated with vnu"
fi
if [ -n "${AXE_MODULES:-}" ] && [ -n "$br" ] && command -v node >/dev/null; then
	check "axe-core finds no violation (a page of each kind, with and without script)" \
	    env CHROMIUM="$br" timeout 900 node tests/axe-check.js "$SITE"
	check "axe-core finds no violation in pasted text (tests/pages/)" \
	    env CHROMIUM="$br" timeout 900 node tests/axe-check.js "$HSITE"
	# (a 落款 of ideographic spaces, 索引号 of 29 characters, the
	# search field's ring: tests/pages-narrow.js)
	check "pasted text at 320 px: no page wider, no 索引号 cut, rings 3:1" \
	    env CHROMIUM="$br" timeout 600 node tests/pages-narrow.js "$HSITE"
else
	skip "AXE_MODULES not set (or no node or chromium): axe-core not run"
fi
done_tests
