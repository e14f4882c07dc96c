#!/bin/sh
# tests/display.test.sh -- the electronic display (电子显示屏) with the
# titles offices really write: a long 关于印发《…》的通知 is set smaller
# by its length, so that its slide still shows the date, 索引号 and QR
# code above the footer.  Measured in chromium at three screen sizes
# (tests/display-fit.js) when AXE_MODULES names a node_modules folder
# holding playwright-core; the classes are checked everywhere.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21
R=$TMP/repo
mkdir -p "$R" && cp -R content config.yaml "$R/"
D=$R/content/shifan-county/service-center/fees
# item SLUG DATE TITLE: a display item of the service centre
item() {
	cat >"$D/$1.md" <<EOT
---
title: $3
date: $2
index_no: 450987651/2026-0009$4
outputs: [web, display]
---
按规定公开。
EOT
}
item long 2026-11-20 '关于印发《示范县计划生育技术服务项目收费标准（2026年版）》及《示范县计划生育特殊家庭扶助关怀实施细则（试行）》的通知' 1
item longer 2026-11-19 '关于印发《示范县计划生育技术服务项目收费标准（2026年版）》及《示范县计划生育特殊家庭扶助关怀实施细则（试行）》《示范县流动人口基本公共卫生计生服务均等化工作方案》《示范县计划生育服务站首问负责制和限时办结制度》的通知' 2
"$GONGKAI" build --quiet --preview --out "$TMP/site" "$R" 2>"$TMP/err" ||
    { cat "$TMP/err"; fail "build"; }
P=$TMP/site/shifan-county/service-center/display/index.html
check "a title of two lines keeps the full size" \
    grep -q '<h2>示范县计划生育服务站服务性收费项目' "$P"
check "a title over 44 characters is set smaller" \
    grep -q '<h2 class="long">关于印发《示范县计划生育技术服务项目收费标准（2026年版）》及《' "$P"
check "one over 90 characters smaller still" \
    grep -q '<h2 class="longer">' "$P"
check "the stylesheet sizes both" \
    sh -c "grep -q 'h2.long ' '$TMP/site/assets/display.css' && grep -q 'h2.longer ' '$TMP/site/assets/display.css'"
br=$(command -v chromium || command -v chromium-browser || true)
if [ -n "${AXE_MODULES:-}" ] && [ -n "$br" ] && command -v node >/dev/null; then
	check "every slide's date and QR code stand above the footer" \
	    env CHROMIUM="$br" timeout 300 node tests/display-fit.js "$P"
else
	skip "AXE_MODULES not set (or no node or chromium): slides not measured"
fi
done_tests
