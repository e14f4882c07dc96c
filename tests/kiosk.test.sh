#!/bin/sh
# tests/kiosk.test.sh -- the kiosk (电子触摸屏) and embed (专栏) outputs:
# on the demo (the service centre has kiosk, villages embed) and on a
# small tree made here whose kiosk must leave out an item without
# `kiosk` in its outputs and an expired one, and whose links to them
# must show as text.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21
SITE=$TMP/site
"$GONGKAI" build --preview --out "$SITE" . >"$TMP/err" 2>&1 ||
    { cat "$TMP/err"; fail "demo build"; }
K=$SITE/shifan-county/service-center/kiosk

# --- kiosk ---------------------------------------------------------------
check "service centre has a kiosk" [ -f "$K/index.html" ]
check "county level has none" [ ! -e "$SITE/shifan-county/kiosk" ]
n=$(grep -c '<a class="k-button' "$K/index.html")
check "start page: a button per category of the catalogue ($n)" [ "$n" -eq 8 ]
check "kiosk.js and kiosk.css are there" \
    [ -f "$SITE/assets/kiosk.js" -a -f "$SITE/assets/kiosk.css" ]
pages=$(find "$K" -name '*.html' | sort)
check "kiosk has item pages" [ "$(echo "$pages" | wc -l)" -gt 9 ]
# every link stays inside the kiosk folder, but for its own assets
bad=
for p in $pages; do
	d=$(dirname "$p")
	for u in $(grep -o -E '(href|src)="[^"]*"' "$p" |
	    sed -E 's/^(href|src)="//; s/"$//'); do
		case $u in
		*:*) bad="$bad $p:$u"; continue ;;
		esac
		t=$(cd "$d" && realpath -m "${u%%#*}")
		case $t in
		"$K"/*|"$SITE/assets/kiosk.css"|"$SITE/assets/kiosk.js") ;;
		*) bad="$bad $p:$u" ;;
		esac
		[ -f "$t" ] || bad="$bad $p:$u(missing)"
	done
done
check "no kiosk link leaves the kiosk:$bad" [ -z "$bad" ]
# none lacks: grep -L lists the pages without the pattern
none() { [ -z "$(grep -L "$@")" ]; }
check "kiosk pages load kiosk.js as a file, deferred" \
    none '<script src="[./]*assets/kiosk.js" defer></script>' $pages
check "no inline script in the kiosk" \
    sh -c '! grep -E "<script>|<script [^s]| on[a-z]+=" "$@"' - $pages
check "kiosk pages say when to go home" \
    none 'data-home="[./]*index.html" data-idle="180"' $pages
check "kiosk item: large type, metadata" \
    grep -q '<dt>发布日期</dt>' "$K/services/service-guide.html"

# 48 px: every touch target of kiosk.css has a min-height of 48px or more
css=$SITE/assets/kiosk.css
for sel in '.k-button' '.k-back' '.k-head a.k-home'; do
	h=$(awk -v s="$sel {" 'index($0, s) == 1 { f = 1 }
	    f && /min-height:/ { gsub(/[^0-9]/, ""); print; exit }
	    f && /^}/ { exit }' "$css")
	check "touch target $sel is at least 48px (${h:-none})" \
	    [ "${h:-0}" -ge 48 ]
done
check "kiosk body type is large" grep -q 'font: 26px/1.7' "$css"

# the idle return: kiosk.js under node with a stand-in document
if command -v node >/dev/null 2>&1; then
	cat >"$TMP/idle.js" <<'EOF'
var fired = null, handlers = 0, cls = process.argv[3];
global.document = { body: {
	getAttribute: function (k) {
		return { "data-home": "../index.html", "data-idle": "180" }[k];
	},
	classList: { contains: function (c) { return c === cls; } } } };
global.window = global;
global.location = { href: "here" };
global.addEventListener = function () { handlers++; };
global.setTimeout = function (f, ms) { fired = [f, ms]; return 1; };
global.clearTimeout = function () {};
global.scrollTo = function () { location.href = "top"; };
require(process.argv[2]);
fired[0]();
console.log(handlers + " " + fired[1] + " " + location.href);
EOF
	check "kiosk.js: idle 180 s on an item page goes home" [ \
	    "$(node "$TMP/idle.js" "$SITE/assets/kiosk.js" kiosk-item)" = \
	    "6 180000 ../index.html" ]
	check "kiosk.js: idle on the start page scrolls to the top" [ \
	    "$(node "$TMP/idle.js" "$SITE/assets/kiosk.js" kiosk-start)" = \
	    "6 180000 top" ]
else
	skip "node not installed: kiosk.js not run"
fi

# a tree of our own: what the kiosk shows and leaves out
T=$TMP/tree
mkdir -p "$T/content/hall/a" "$T/content/v/a"
cat >"$T/config.yaml" <<'EOF'
site: { title: T, base_url: "https://t.example/x/" }
levels:
  hall: { catalogue: c, outputs: [web, kiosk] }
  village: { catalogue: c, outputs: [web, embed] }
catalogues:
  c: [{ id: a, title: 甲类 }, { id: b, title: 乙类 }]
EOF
printf 'name: 服务大厅\nlevel: hall\nphone: "028-1234567"\n' >"$T/content/hall/_unit.yaml"
printf 'name: 某村\nlevel: village\n' >"$T/content/v/_unit.yaml"
cat >"$T/content/hall/a/on.md" <<'EOF'
---
title: 在触摸屏上
date: 2026-03-01
---
见[不在触摸屏](off.md)、[已失效](old.md)、[外站](https://example.com/)、[本页](#x)和[附件](f.pdf)；![图](https://example.com/a.png)
EOF
printf -- '---\ntitle: 不在触摸屏\ndate: 2026-03-02\noutputs: [web]\n---\n正文\n' >"$T/content/hall/a/off.md"
printf -- '---\ntitle: 已失效\ndate: 2025-03-02\nexpires: 2025-12-31\n---\n正文\n' >"$T/content/hall/a/old.md"
printf '%%PDF-1.4\n' >"$T/content/hall/a/f.pdf"
# as pasted from Word: a 落款 pushed right with ideographic spaces, an
# 索引号 of 29 characters, a long 文号
mkdir -p "$T/content/hall/b"
sp=$(printf '\343\200\200%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20)
printf -- '---\ntitle: 关于做好资格确认工作的通知\ndate: 2026-03-18\nindex_no: 54510124MF00009999/2026-00004\ndoc_no: 示范县卫生健康局办公室函〔2026〕15号\n---\n请遵照执行。\n\n%s示范县卫生健康局\n%s2026年3月18日\n' \
    "$sp" "$sp" >"$T/content/hall/b/signed.md"
# a paragraph indented four spaces (to Markdown a code block) of one
# long line, and a fenced block of one long word: each a <pre>, which
# once made a kiosk page 3094 px wide on a 1080 px screen
long=$(printf '为进一步规范奖励扶助资金发放管理，确保资金及时足额发放到位，%.0s' 1 2 3 4 5 6)
word=$(printf 'abcdefghij%.0s' 1 2 3 4 5 6 7 8 9 10 11 12)
printf -- '---\ntitle: 关于做好资金发放工作的通知\ndate: 2026-03-19\n---\n各村（居）民委员会：\n\n    %s\n\n```\nhttps://t.example/%s\n```\n' \
    "$long" "$word" >"$T/content/hall/b/indented.md"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	printf -- '---\ntitle: 村务%s\ndate: 2026-04-%02d\nsummary: 第%s条\n---\n正文\n' \
	    "$i" "$i" "$i" >"$T/content/v/a/n$i.md"
done
"$GONGKAI" build --preview --out "$TMP/t" "$T" >"$TMP/err" 2>&1 ||
    { cat "$TMP/err"; fail "tree build"; }
TK=$TMP/t/hall/kiosk
check "kiosk item in force with kiosk" [ -f "$TK/a/on.html" ]
check "item without kiosk in its outputs is not on the kiosk" \
    [ ! -e "$TK/a/off.html" ]
check "expired item is not on the kiosk" [ ! -e "$TK/a/old.html" ]
check "an indented paragraph and a fenced block are two <pre> on the kiosk" \
    [ "$(grep -c '<pre' "$TK/b/indented.html")" -eq 2 ]
check "category counts what the kiosk shows" \
    grep -q '<span class="k-count">1 条</span>' "$TK/index.html"
check "links off the kiosk: their text, another site's address, a picture said" \
    grep -q '<p>见不在触摸屏、已失效、外站（网址：https://example.com/）、<a href="#x">本页</a>和附件；［图：图］</p>' \
    "$TK/a/on.html"
check "the web page keeps its links" \
    grep -q '<a href="off.html">不在触摸屏</a>' "$TMP/t/hall/a/on.html"
check "kiosk item has a QR code of its web page" \
    grep -q 'aria-label="二维码：https://t.example/x/hall/a/on.html"' \
    "$TK/a/on.html"
br=$(command -v chromium || command -v chromium-browser || true)
if [ -n "${AXE_MODULES:-}" ] && [ -n "$br" ] && command -v node >/dev/null; then
	check "no kiosk page is wider than a 320 px screen; its 落款 at the right" \
	    env CHROMIUM="$br" SIGNS="$T/content" timeout 300 \
	    node tests/kiosk-narrow.js \
	    $(find "$TK" -name '*.html' | sort)
else
	skip "AXE_MODULES not set (or no node or chromium): widths not measured"
fi

# --- embed ---------------------------------------------------------------
E=$TMP/t/v/embed
check "embed fragment, its frame, feed and stylesheet" \
    [ -f "$E/catalogue.html" -a -f "$E/frame.html" -a -f "$E/latest.json" -a -f "$E/gk-embed.css" ]
check "no embed for a level without it" [ ! -e "$TMP/t/hall/embed" ]
check "fragment has no html, head or body" \
    sh -c "! grep -Eiq '<(html|head|body|!doctype)' '$E/catalogue.html'"
check "fragment has no id" sh -c "! grep -q ' id=' '$E/catalogue.html'"
cls=$(grep -o 'class="[^"]*"' "$E/catalogue.html" | sed 's/^class="//; s/"$//' |
    tr ' ' '\n' | grep -v '^gk-' | sort -u | tr '\n' ' ')
check "every class is gk-: '$cls'" [ -z "$cls" ]
rel=$(grep -o -E '(href|src)="[^"]*"' "$E/catalogue.html" |
    grep -v '="https://t.example/x/' || true)
check "every link is absolute under base_url: $rel" [ -z "$rel" ]
check "fragment links the unit's category page" \
    grep -q 'href="https://t.example/x/v/a/index.html">甲类</a>' "$E/catalogue.html"
check "fragment lists the 10 newest" \
    [ "$(grep -c 'class="gk-item"' "$E/catalogue.html")" -eq 10 ]
check "every gk-embed.css rule is scoped to .gk-embed" \
    sh -c "! grep -E '^[^ /*@}	][^{]*\\{' '$E/gk-embed.css' | grep -v '^\\.gk-embed'"
check "fragment stylesheet is the theme's" \
    cmp -s "$E/gk-embed.css" themes/default/assets/gk-embed.css
check "the frame's stylesheet is the one beside it (its CSP admits only the site's own files)" \
    grep -q '<link rel="stylesheet" href="gk-embed.css">' "$E/frame.html"
if command -v node >/dev/null 2>&1; then
	cat >"$TMP/feed.js" <<'EOF'
var f = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
var ok = f.version === "https://jsonfeed.org/version/1.1" &&
    typeof f.title === "string" &&
    f.feed_url === "https://t.example/x/v/embed/latest.json" &&
    f.home_page_url === "https://t.example/x/v/index.html" &&
    f.items.length === 10 && f.items[0].title === "村务12" &&
    f.items.every(function (i) {
	return /^https:\/\/t\.example\/x\/v\/a\/n[0-9]+\.html$/.test(i.id) &&
	    i.url === i.id && typeof i.content_text === "string" &&
	    /^2026-04-[0-9]{2}T00:00:00\+08:00$/.test(i.date_published);
    });
console.log(ok ? "ok" : JSON.stringify(f));
EOF
	check "latest.json is a JSON Feed 1.1, newest first" \
	    [ "$(node "$TMP/feed.js" "$E/latest.json")" = ok ]
else
	skip "node not installed: latest.json not parsed"
fi
cp -R "$TMP/t" "$TMP/t2"
"$GONGKAI" build --preview --out "$TMP/t2" "$T" >/dev/null 2>&1
check "kiosk and embed are the same bytes every build" diff -r "$TMP/t" "$TMP/t2"

# kiosk and embed are outputs a level may name, and items may narrow
sed 's/outputs: \[web, embed\]/outputs: [web, radio]/' "$T/config.yaml" >"$TMP/c"
cp "$TMP/c" "$T/config.yaml"
"$GONGKAI" check "$T" 2>"$TMP/err"
check "unknown output: the valid ones listed" grep -q \
    "unknown output 'radio' (expected web, board, display, handout, kiosk or embed)" \
    "$TMP/err"
# embed links are absolute: a config without base_url says what it is
printf 'site: { title: T }\nlevels:\n  village: { catalogue: c, outputs: [web, embed] }\ncatalogues:\n  c: [{ id: a, title: 甲 }]\n' >"$T/config.yaml"
"$GONGKAI" check "$T" 2>"$TMP/err"
check "no base_url: check fails" [ $? -eq 1 ]
check "no base_url: says what it is for" grep -q \
    "^config.yaml:1:7: error: missing required field 'base_url': the site's address, e.g. https://gongkai.example.gov.cn/ (feeds, the sitemap, QR codes and the embed fragment's links are absolute)" \
    "$TMP/err"
done_tests
