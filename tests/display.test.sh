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
# A table item's slide: a report of figures, whose cells once ran
# together into one line ("村（社区） 户籍人口 出生 死亡 红旗村 2,134
# 5 7 …"), and a YAML list.  Each shows its table; rows past what a
# screen holds are counted, not shown.
cat >"$D/pop.md" <<'EOT'
---
title: 服务站2026年第三季度服务人数
date: 2026-11-18
index_no: 450987651/2026-00095
outputs: [web, display]
---
本季度各项服务人数如下：

| 服务项目 | 7月 | 8月 | 9月 |
|---|--:|--:|--:|
| 孕前优生检查 | 112 | 98 | 105 |
| 避孕药具发放 | 2,134 | 1,987 | 2,045 |
| 随访服务 | 56 | 61 | 49 |
| 咨询服务 | 310 | 287 | 296 |
| 健康讲座 | 4 | 3 | 5 |
| 上门服务 | 18 | 22 | 19 |
| 合计 | 2,634 | 2,458 | 2,519 |

　　　　　　　　　　示范县计划生育服务站
EOT
cat >"$D/roll.yaml" <<'EOT'
title: 2026年免费孕前优生检查对象名单
date: 2026-11-17
index_no: 450987651/2026-00096
outputs: [web, display]
body: 名单如下。
table:
  columns: [姓名, 村（社区）, 检查日期]
  rows:
    - [王*, 红旗村, "2026-11-02"]
    - [李*, 城南社区, "2026-11-03"]
EOT
cat >"$D/budget.md" <<'EOT'
---
title: 服务站2026年部门预算
date: 2026-11-16
index_no: 450987651/2026-00097
outputs: [web, display]
---
| 科目编码 | 科目名称 | 2025年预算数 | 2026年预算数 | 基本支出 | 人员经费 | 公用经费 | 项目支出 |
|---|---|--:|--:|--:|--:|--:|--:|
| 210 | 卫生健康支出 | 12,345.67 | 13,012.45 | 3,456.78 | 2,890.12 | 566.66 | 9,555.67 |
EOT
"$GONGKAI" build --quiet --preview --out "$TMP/site" "$R" 2>"$TMP/err" ||
    { cat "$TMP/err"; fail "build"; }
P=$TMP/site/shifan-county/service-center/display/index.html
check "a title of two lines keeps the full size" \
    grep -q '<h2>示范县计划生育服务站服务性收费项目' "$P"
check "a title over 44 characters is set smaller" \
    grep -q '<h2 class="long">关于印发《示范县计划生育技术服务项目收费标准（2026年版）》及《' "$P"
check "one over 90 characters smaller still" \
    grep -q '<h2 class="longer">' "$P"
# the lines of the slide of the display page whose text holds $1
slide() {
	awk -v t="$1" '/<li class="slide"/ { s = "" } { s = s $0 "\n" }
	    /<\/li>/ && index(s, t) { printf "%s", s }' "$P"
}
slide '服务站2026年第三季度服务人数' >"$TMP/pop"
slide '2026年免费孕前优生检查对象名单' >"$TMP/roll"
check "a Markdown table shows as a table on its slide" \
    grep -q '^<thead><tr><th scope="col">服务项目</th><th scope="col">7月</th>' "$TMP/pop"
check "each of its cells in a cell of its own" \
    grep -q '^<tr><td>避孕药具发放</td><td>2,134</td><td>1,987</td><td>2,045</td></tr>$' "$TMP/pop"
check "the summary is the text before the table, without its cells" \
    grep -q '^<p class="text">本季度各项服务人数如下：</p>$' "$TMP/pop"
n=$(grep -c '^<tr><td>' "$TMP/pop")
check "a slide shows the first 5 rows ($n)" [ "$n" -eq 5 ]
check "and says how many the table has" \
    grep -q '<p class="more">表格共 7 行 4 列，扫码查看全文</p>' "$TMP/pop"
check "a YAML item's table shows as a table on its slide" \
    grep -q '^<tr><td>李\*</td><td>城南社区</td><td>2026-11-03</td></tr>$' "$TMP/roll"
slide '服务站2026年部门预算' >"$TMP/budget"
check "a table of 8 columns shows the first 6" \
    grep -q '^<tr><td>210</td><td>卫生健康支出</td><td>12,345.67</td><td>13,012.45</td><td>3,456.78</td><td>2,890.12</td></tr>$' "$TMP/budget"
check "set smaller" grep -q '<table class="d-table wide">' "$TMP/budget"
check "and says how many columns it has" \
    grep -q '<p class="more">表格共 1 行 8 列，扫码查看全文</p>' "$TMP/budget"
check "a table shown whole says no count" \
    sh -c '! grep -q "class=\"more\"" "$1"' - "$TMP/roll"
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
