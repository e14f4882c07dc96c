#!/bin/sh
# tools/hotline-gen.sh MONTH ROWS SEED UNIT... -- writes a 12356 hotline
# records file (content/<unit>/hotline/<MONTH>.csv, DESIGN 8) of ROWS
# made-up calls in MONTH (YYYY-MM) handled by the given unit paths, to
# stdout, in UTF-8.  Deterministic: the same arguments give the same
# bytes (a Park-Miller generator seeded with SEED; no clock, no $RANDOM).
# The demo's three months (one of them converted to GB18030 with
# iconv, as spreadsheets in China export it) (content/shifan-county/hotline/) and the
# benchmark's year (bench/run.sh) are made with it.  Records carry no
# personal data: no names, no numbers.
set -e
[ $# -ge 4 ] || { echo "usage: $0 YYYY-MM ROWS SEED UNIT..." >&2; exit 2; }
month=$1 rows=$2 seed=$3
shift 3
echo "date,channel,type,topic,unit,status,closed"
# calls in the order of their dates, as a call centre exports them
LC_ALL=C awk -v month="$month" -v rows="$rows" -v seed="$seed" -v units="$*" '
function rnd(n) { x = (x * 16807) % 2147483647; return int(x / 2147483647 * n) }
function mdays(y, m) {
	if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
	return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
}
function day(y, m, d) { return sprintf("%04d-%02d-%02d", y, m, d) }
# s as one CSV field (RFC 4180): quoted if it holds a comma or a quote
function field(s) {
	if (s !~ /[",]/) return s
	gsub(/"/, "\"\"", s)
	return "\"" s "\""
}
# the date k days after y-m-d
function after(y, m, d, k) {
	d += k
	while (d > mdays(y, m)) { d -= mdays(y, m); if (++m > 12) { m = 1; y++ } }
	return day(y, m, d)
}
BEGIN {
	x = seed % 2147483646 + 1
	split(month, ym, "-"); y = ym[1] + 0; m = ym[2] + 0
	nu = split(units, unit, " ")
	nt = split("咨询 咨询 咨询 咨询 咨询 投诉 投诉 举报 建议 办事指南 办事指南", type, " ")
	top["咨询"] = "生育登记办理流程|独生子女父母奖励政策|计划生育特别扶助标准|流动人口婚育证明|再生育申请条件|奖励扶助金发放时间"
	top["投诉"] = "窗口服务态度|办理超过承诺时限|要求重复提交材料|收费未公示标准"
	top["举报"] = "疑似违法生育|非医学需要的胎儿性别鉴定|扶助金冒领"
	top["建议"] = "延长窗口服务时间|增加网上办理事项|公开栏更新不及时"
	top["办事指南"] = "生育服务登记所需材料|特别扶助申报时间|流动人口服务办理地点"
	for (i = 0; i < rows; i++) {
		d = 1 + rnd(mdays(y, m))
		ch = rnd(10) < 7 ? "人工" : "自动语音"
		t = type[1 + rnd(nt)]
		nk = split(top[t], tk, "|")
		# the county takes most calls; the others get transfers
		u = rnd(10) < 5 ? unit[1] : unit[1 + rnd(nu)]
		r = rnd(100)
		st = r < 80 ? "办结" : r < 88 ? "已反馈" : r < 95 ? "转办" : "受理"
		cl = st == "办结" ? after(y, m, d, rnd(4) + rnd(4) + (t == "举报" ? rnd(10) : 0)) : ""
		printf "%s,%s,%s,%s,%s,%s,%s\n", day(y, m, d), ch, t, tk[1 + rnd(nk)], field(u), st, cl
	}
}' | LC_ALL=C sort -s -t, -k1,1
