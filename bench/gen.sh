#!/bin/sh
# bench/gen.sh OUT_DIR UNITS ITEMS_PER_UNIT [SEED]
#
# Writes a synthetic gongkai content repository into OUT_DIR: a
# self-contained config.yaml (the project's levels and catalogue ids) and
# content/ as one province > cities > counties (+ one agency each) >
# townships > villages tree of UNITS units with ITEMS_PER_UNIT items each.
#
# Bodies are 1-4 KB of Chinese administrative text drawn from a sentence
# pool, with GFM tables and lists; some items are .yaml with masked
# record tables.  Output is a function of (UNITS, ITEMS_PER_UNIT, SEED)
# only: each unit has its own random stream (Park-Miller, exact in
# double precision, so mawk and gawk agree), which also lets the units be
# split over JOBS parallel awk processes without changing a byte.
#
# Environment: AWK (default awk; mawk on Debian), JOBS (default: nproc).
set -eu

usage() {
	echo "usage: sh bench/gen.sh OUT_DIR UNITS ITEMS_PER_UNIT [SEED]" >&2
	exit 2
}
[ $# -ge 3 ] && [ $# -le 4 ] || usage
OUT=$1 UNITS=$2 IPU=$3 SEED=${4:-1}
for n in "$UNITS" "$IPU" "$SEED"; do
	case $n in ''|*[!0-9]*) usage ;; esac
done
[ "$UNITS" -ge 1 ] || usage
AWK=${AWK:-awk}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 1)}
case $JOBS in ''|*[!0-9]*|0) JOBS=1 ;; esac
# Byte semantics for length()/substr() in every awk.
LC_ALL=C
export LC_ALL

mkdir -p "$OUT"
# No themes/ in the corpus: a build uses the installed theme, here the
# one beside ./gongkai (a linked themes/ folder would be refused).
rm -rf "$OUT/content" "$OUT/config.yaml" "$OUT/themes"

cat >"$OUT/config.yaml" <<'EOF'
# Synthetic benchmark corpus written by bench/gen.sh (gongkai).
# Same levels and catalogue ids as the project's demo config.yaml.

site:
  title: 阳光计生信息公开（基准测试）
  base_url: https://bench.example.gov.cn/
  theme: default
  footer:
    org: 示范省卫生健康委员会
    site_code: "5100000001"
    icp: "蜀ICP备xxxxxxxx号"
    psb: "川公网安备 xxxxxxxxxxxxxx号"
    contact: "示范省卫生健康委员会办公室 028-86100000；12356阳光计生服务热线"
  attachment_max_mb: 50

governance_approvals: 1

holidays:
  - 2026-01-01
  - 2026-01-02
  - 2026-02-16
  - 2026-02-17
  - 2026-02-18
  - 2026-02-19
  - 2026-02-20
  - 2026-02-23
  - 2026-04-06
  - 2026-05-01
  - 2026-05-04
  - 2026-05-05
  - 2026-06-19
  - 2026-09-25
  - 2026-10-01
  - 2026-10-02
  - 2026-10-05
  - 2026-10-06
  - 2026-10-07

levels:
  province: { catalogue: department, outputs: [web], approvals: 2 }
  city:     { catalogue: department, outputs: [web], approvals: 2 }
  county:   { catalogue: department, outputs: [web], approvals: 2 }
  township: { catalogue: township, outputs: [web, board, display], approvals: 1, paper: A3, orientation: landscape, display_interval: 12 }
  agency:   { catalogue: agency,   outputs: [web, board, display, handout], approvals: 1, paper: A3, orientation: landscape, display_interval: 12 }
  village:  { catalogue: village,  outputs: [web, board, handout], approvals: 1, paper: A3, orientation: landscape }

catalogues:
  department:
    - { id: laws, title: 国家和地方制定的人口和计划生育法律、法规、规章 }
    - { id: normative-docs, title: 本部门制定的人口和计划生育规范性文件 }
    - { id: organization, title: 本部门机构设置、职能 }
    - { id: population, title: 县以上人口状况 }
    - { id: projects, title: 本部门重大建设项目的批准及实施情况 }
    - { id: procurement-budget, title: 本部门政府采购情况及年度预算、决算报告, max_age_days: 400 }
    - { id: plans, title: 人口和计划生育事业发展规划、专项规划及年度工作计划, max_age_days: 400 }
    - { id: fees, title: 人口和计划生育行政事业性收费的项目、依据、标准及调整、取消情况 }
    - { id: licensing, title: 人口和计划生育行政许可的事项、依据、条件、程序及办理情况 }
    - { id: emergencies, title: 人口和计划生育突发事件应急预案、预警信息及应对情况 }
    - { id: discipline, title: 人口和计划生育工作纪律，信访举报和监督的方式、渠道及处理程序 }
    - { id: other, title: 需要社会公众广泛知晓或者参与的其他事项, required: false }
  township:
    - { id: population, title: 人口状况, max_age_days: 120 }
    - { id: rewards, title: 奖优政策兑现, max_age_days: 120 }
    - { id: social-fees, title: 社会抚养费征收, max_age_days: 120 }
  agency:
    - { id: organization, title: 机构设置和主要职责 }
    - { id: services, title: 办事（服务）项目、流程、承诺和结果 }
    - { id: staff, title: 工作人员基本情况、岗位职责、行为规范 }
    - { id: free-services, title: 免费的人口和计划生育技术服务基本项目 }
    - { id: fees, title: 服务性收费项目、标准及依据 }
    - { id: discipline, title: 人口和计划生育工作纪律 }
    - { id: supervision, title: 监督维权方式、渠道及处理结果 }
    - { id: other, title: 需要社会公众广泛知晓或者参与的其他事项, required: false }
  village:
    - { id: laws, title: 国家和地方制定的人口和计划生育法律、法规、规章 }
    - { id: normative-docs, title: 人口和计划生育部门制定的有关规范性文件 }
    - { id: births, title: 本村(居)人口出生情况, max_age_days: 120 }
    - { id: rewards, title: 计划生育奖优政策兑现情况, max_age_days: 120 }
    - { id: social-fees, title: 社会抚养费缴纳情况, max_age_days: 120 }
    - { id: village-rules, title: 计划生育村规民约 }
    - { id: discipline, title: 人口和计划生育工作纪律 }
    - { id: other, title: 需要村（居）民广泛知晓或者参与的其他事项, required: false }

reviewers: []
retired: []
revoked: []
EOF

# The awk program.  mode=dirs prints every folder to create (one a line);
# mode=files writes _unit.yaml and the items of units u with
# u % jobs == job.  Both passes compute the same tree.
PROG='
function rnd() { R = (R * 16807) % 2147483647; return R / 2147483647 }
function ri(n) { return int(rnd() * n) }
function pick(a, n) { return a[ri(n)] }
function useed(u,   i) {
	R = (seed * 7919 + u * 104729 + 12345) % 2147483646 + 1
	for (i = 0; i < 3; i++) rnd()
}
function cn(i) { return CN[i % 10] }
function numeral(i) { return i <= 10 ? NUM[i] : "十" NUM[i - 10] }
function place(i) { return PL[i % NPL] PL2[int(i / NPL) % NPL2] }
function addunit(lv, par, slug, name, short, code) {
	LV[NU] = lv; PAR[NU] = par; SHORT[NU] = short; NAME[NU] = name
	CODE[NU] = code
	PATH[NU] = par < 0 ? slug : PATH[par] "/" slug
	NU++
}
function ymd(d) { return DS[d] }
function fill(s, u,   out, p, c) {
	if (index(s, "@") == 0) return s
	out = ""
	while ((p = index(s, "@")) > 0) {
		c = substr(s, p + 1, 1)
		out = out substr(s, 1, p - 1) (c == "U" ? NAME[u] : c == "P" ? SHORT[u] : c == "Y" ? CURY : c == "N" ? 20 + ri(480) : c == "D" ? 1 + ri(12) : sprintf("%d.%02d", 10000 + ri(9000000), ri(100)))
		s = substr(s, p + 2)
	}
	return out s
}
function para(u, n,   s, i) {
	s = ""
	for (i = 0; i < n; i++) s = s fill(SENT[ri(NSENT)], u)
	return s
}
function mdtable(u,   s, i, n, k) {
	k = ri(3)
	if (k == 0) {
		s = "| 项目 | 标准 | 发放方式 | 依据 |\n|---|---|---|---|\n"
		n = 3 + ri(6)
		for (i = 0; i < n; i++)
			s = s "| " TITEM[ri(NTITEM)] " | 每人每年" (600 + 60 * ri(20)) "元 | " PAY[ri(3)] " | " LAW[ri(NLAW)] " |\n"
	} else if (k == 1) {
		s = "| 月份 | 出生 | 死亡 | 迁入 | 迁出 | 年末户籍人口 |\n|---|---:|---:|---:|---:|---:|\n"
		for (i = 1; i <= 12; i++)
			s = s "| " i "月 | " ri(90) " | " ri(80) " | " ri(60) " | " ri(70) " | " (20000 + ri(300000)) " |\n"
	} else {
		s = "| 渠道 | 方式 | 受理时间 |\n|---|---|---|\n"
		s = s "| 12356阳光计生服务热线 | 拨打12356 | 工作日9时至17时30分 |\n"
		s = s "| 来访 | " SHORT[u] "便民服务中心计生窗口 | 工作日 |\n"
		s = s "| 来信 | " SHORT[u] "人民政府办公室收 | 随时 |\n"
		s = s "| 网上 | 本网站依申请公开栏目 | 随时 |\n"
	}
	return s
}
function masked(   s) { return SUR[ri(NSUR)] "*" (ri(2) ? GIV[ri(NGIV)] : "") }
function maskid(u) { return substr(CODE[u] "000000", 1, 6) "********" sprintf("%04d", ri(10000)) }
function frontmatter(f, title, d, w, ino, dno, topic, kw, sum) {
	printf "title: %s\ndate: %s\n", title, DS[d] > f
	if (w >= 0) printf "written: %s\n", DS[w] > f
	printf "index_no: %s\n", ino > f
	if (dno != "") printf "doc_no: %s\n", dno > f
	printf "topic: %s\nkeywords: [%s]\n", topic, kw > f
	if (sum != "") printf "summary: %s\n", sum > f
}
function writeunit(u,   f, lv) {
	CURY = 2026
	f = root "/" PATH[u] "/_unit.yaml"
	lv = LV[u]
	printf "name: %s\nlevel: %s\ncode: \"%s\"\norg_code: \"%d\"\n", NAME[u], lv, CODE[u], 110000000 + u > f
	printf "index_format: \"{org_code}/{year}-{serial:05}\"\n" > f
	printf "address: %s%s号\npostcode: \"6%05d\"\n", SHORT[u], ROAD[u % NROAD] (1 + u % 200), u % 100000 > f
	printf "phone: \"028-8%07d\"\n", u % 10000000 > f
	printf "hours: \"周一至周五 上午9:00—12:00，下午13:30—17:30（法定节假日除外）\"\n" > f
	printf "email: gk%d@bench.example.gov.cn\n", u > f
	printf "description: %s依照《阳光计生行动规范（试行）》公开本级人口和计划生育信息。%s\n", NAME[u], fill(SENT[u % NSENT], u) > f
	close(f)
}
function writeitem(u, n, cat,   f, d, w, y, q, title, ino, dno, kw, sum, i, k, body, tgt, len, h, yaml, nrow, cols, s, m, nstem) {
	d = ri(NDAYS); y = substr(DS[d], 1, 4) + 0; CURY = y
	w = ri(5) ? d - ri(11) : -1
	if (w < 0 && w != -1) w = 0
	q = int((substr(DS[d], 6, 2) + 2) / 3)
	nstem = split(STEM[cat], tmp, "|")
	title = SHORT[u] y "年" (ri(2) ? "第" NUM[q] "季度" : "") tmp[1 + ri(nstem)]
	ino = (110000000 + u) "/" y "-" sprintf("%05d", n + 1)
	dno = (LV[u] == "province" || LV[u] == "city" || LV[u] == "county") && ri(3) ? substr(SHORT[u], 1, 3) "卫健发〔" y "〕" (n + 1) "号" : ""
	split(KW[cat], tmp, ",")
	kw = tmp[1] ", " tmp[2 + ri(2)]
	yaml = TABLEOK[cat] && ri(5) < 3
	sum = ri(4) ? fill(SENT[ri(NSENT)], u) : ""
	if (n % 17 == 5)
		f = y "年第" (n + 1) "号" (yaml ? ".yaml" : ".md")
	else
		f = y "-" sprintf("%05d", n + 1) (yaml ? ".yaml" : ".md")
	f = root "/" PATH[u] "/" cat "/" f
	tgt = 1000 + ri(2500)
	if (yaml) {
		frontmatter(f, title, d, w, ino, dno, TOPIC[cat], kw, sum)
		printf "body: |\n  %s\n\n  %s\n", para(u, 2 + ri(3)), para(u, 1 + ri(3)) > f
		printf "table:\n  columns: [%s]\n  rows:\n", COLS[cat] > f
		nrow = 5 + ri(36)
		for (i = 1; i <= nrow; i++) {
			if (cat == "births")
				s = "\"" GRP[ri(NGRP)] "\", \"" masked() "\", \"" masked() "\", \"" y "年" (1 + ri(12)) "月\", \"" (ri(2) ? "男" : "女") "\", \"" NUM[1 + ri(3)] "孩\", \"已登记\""
			else if (cat == "rewards")
				s = "\"" GRP[ri(NGRP)] "\", \"" masked() "\", \"" maskid(u) "\", \"" TITEM[ri(NTITEM)] "\", \"" (600 + 60 * ri(20)) ".00\", \"" PAY[ri(3)] "\""
			else if (cat == "social-fees")
				s = "\"" GRP[ri(NGRP)] "\", \"" masked() "\", \"" substr(SHORT[u], 1, 3) "社抚征〔" y "〕" (1 + ri(90)) "号\", \"" (5000 + 100 * ri(500)) ".00\", \"" (500 + 100 * ri(50)) ".00\", \"" (ri(3) ? "分期缴纳" : "已缴清") "\""
			else
				s = "\"" GRP[ri(NGRP)] "\", \"" (200 + ri(3000)) "\", \"" ri(40) "\", \"" ri(30) "\", \"" ri(25) "\", \"" ri(25) "\""
			printf "    - [\"%d\", %s]\n", i, s > f
		}
		close(f)
		return
	}
	printf "---\n" > f
	frontmatter(f, title, d, w, ino, dno, TOPIC[cat], kw, sum)
	printf "---\n" > f
	len = 0; h = 1
	while (len < tgt) {
		body = "## " NUM[h] "、" HEAD[ri(NHEAD)] "\n\n" para(u, 2 + ri(4)) "\n\n"
		k = ri(6)
		if (k == 0 && h > 1)
			body = body mdtable(u) "\n"
		else if (k == 1) {
			m = 3 + ri(4)
			for (i = 1; i <= m; i++)
				body = body i ". " fill(SENT[ri(NSENT)], u) "\n"
			body = body "\n"
		} else
			body = body para(u, 1 + ri(3)) "\n\n"
		if (len > 0 && len + length(body) > 3900) break
		printf "%s", body > f
		len += length(body); h++
	}
	printf "%s\n", fill(SENT[ri(NSENT)], u) > f
	close(f)
}
BEGIN {
	N = units + 0; IPU = ipu + 0
	NUM[1] = "一"; NUM[2] = "二"; NUM[3] = "三"; NUM[4] = "四"; NUM[5] = "五"
	NUM[6] = "六"; NUM[7] = "七"; NUM[8] = "八"; NUM[9] = "九"; NUM[10] = "十"
	for (i = 11; i < 100; i++)
		NUM[i] = (i >= 20 ? NUM[int(i / 10)] : "") "十" (i % 10 ? NUM[i % 10] : "")

	NPL = split("东 西 南 北 清 安 平 永 宁 兴 和 顺 丰 长 新 泰 福 德 阳 青 龙 凤 金 石 云 桃 柳 白 华 明 广 江 河 山 川 溪 林 源 湖 桥", PLA, " ")
	for (i = 0; i < NPL; i++) PL[i] = PLA[i + 1]
	NPL2 = split("城 水 宁 丰 安 乐 平 江 山 溪 兴 口 坝 坪 阳 泉 川 岭 桥 湾 源 塘 河 林 庄", PLB, " ")
	for (i = 0; i < NPL2; i++) PL2[i] = PLB[i + 1]
	NSUR = split("张 王 李 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗 梁 宋 郑 谢 韩 唐 冯 于 董 萧 程 曹 袁 邓 许 傅 沈 曾 彭 吕", t, " ")
	for (i = 0; i < NSUR; i++) SUR[i] = t[i + 1]
	NGIV = split("强 梅 军 英 兰 华 平 琴 明 芳 丽 勇 静 敏 杰 燕 涛 霞 磊 红", t, " ")
	for (i = 0; i < NGIV; i++) GIV[i] = t[i + 1]
	NGRP = 12
	for (i = 0; i < NGRP; i++) GRP[i] = NUM[i + 1] "组"
	NROAD = split("人民路 建设路 解放街 新华街 文化路 光明路 和平街 健康路", t, " ")
	for (i = 0; i < NROAD; i++) ROAD[i] = t[i + 1]
	NTITEM = split("农村部分计划生育家庭奖励扶助金 独生子女伤残家庭特别扶助金 独生子女死亡家庭特别扶助金 独生子女父母奖励 计划生育家庭意外伤害保险补助 三孩家庭育儿补贴", t, " ")
	for (i = 0; i < NTITEM; i++) TITEM[i] = t[i + 1]
	PAY[0] = "一卡通直接发放"; PAY[1] = "代理金融机构发放"; PAY[2] = "社会化发放"
	NLAW = split("《人口与计划生育法》 省人口与计划生育条例 财政部、国家卫生健康委有关通知 省卫生健康委有关实施办法", t, " ")
	for (i = 0; i < NLAW; i++) LAW[i] = t[i + 1]
	NHEAD = split("基本情况 政策依据 主要内容 办理程序 资金发放情况 公示说明 监督渠道 工作措施 有关要求 保障措施 责任分工 联系方式", t, " ")
	for (i = 0; i < NHEAD; i++) HEAD[i] = t[i + 1]

	NSENT = 0
	SENT[NSENT++] = "为贯彻落实《中华人民共和国人口与计划生育法》，进一步做好计划生育家庭奖励扶助工作，现将有关事项公开如下。"
	SENT[NSENT++] = "农村部分计划生育家庭奖励扶助对象，按每人每年不低于960元的标准发放扶助金，由财政部门通过“一卡通”直接发放到户。"
	SENT[NSENT++] = "计划生育家庭特别扶助金按独生子女伤残、死亡家庭分类发放，@Y年度标准分别为每人每月590元和720元。"
	SENT[NSENT++] = "生育登记实行网上办理、承诺制办理，群众可以通过政务服务网或者乡镇便民服务中心提交申请，材料齐全的当场办结。"
	SENT[NSENT++] = "社会抚养费征收决定书应当载明征收对象、征收依据、计征标准、缴纳期限和救济途径，并依法送达当事人。"
	SENT[NSENT++] = "对已经依法作出征收决定的社会抚养费，当事人可以申请分期缴纳，分期缴纳的期限一般不超过三年。"
	SENT[NSENT++] = "本季度共受理生育登记@N件，其中一孩登记约占四成，二孩、三孩登记均按规定在一个工作日内办结。"
	SENT[NSENT++] = "奖励扶助资格确认按照本人申请、村级初审、乡镇审核、县级审批和逐级公示的程序进行，公示期不少于七日。"
	SENT[NSENT++] = "经村民委员会初审和乡镇人民政府审核，@Y年度新增奖励扶助对象@N人，因死亡、迁出等原因退出的对象已按规定核减。"
	SENT[NSENT++] = "扶助资金实行专户管理、封闭运行，任何单位和个人不得截留、挤占、挪用或者擅自扩大支出范围。"
	SENT[NSENT++] = "群众对公开内容有异议的，可以在公示期内向@U反映或者拨打12356阳光计生服务热线，我们将在十五个工作日内答复。"
	SENT[NSENT++] = "各村（社区）计划生育专干应当于每月五日前报送上月人口出生、死亡和迁移变动情况，确保数据真实、准确、及时。"
	SENT[NSENT++] = "全年累计发放奖励扶助金@M元，发放率达到百分之百，未发现截留挪用情况。"
	SENT[NSENT++] = "计划生育技术服务基本项目实行免费，包括避孕药具发放、孕前优生健康检查、放置和取出宫内节育器等。"
	SENT[NSENT++] = "对生育二孩、三孩的家庭，在托育补贴、住房保障、就业创业等方面给予倾斜支持，具体标准按照有关规定执行。"
	SENT[NSENT++] = "本单位严格执行政府信息公开有关规定，对涉及个人隐私的内容作遮蔽处理，姓名只公开姓氏，身份证号码只公开前六位和后四位。"
	SENT[NSENT++] = "流动人口可以在现居住地办理生育登记，享受与户籍人口同等的基本公共卫生和计划生育服务。"
	SENT[NSENT++] = "社会抚养费严格执行收支两条线管理，所收款项全额缴入国库，征收部门不得以任何形式返还或者提成。"
	SENT[NSENT++] = "独生子女父母奖励按照每对夫妻每月十元的标准发放至独生子女年满十八周岁，已领取《独生子女父母光荣证》的继续享受。"
	SENT[NSENT++] = "生育登记材料不全的，工作人员应当一次性告知需要补正的全部内容，不得要求群众重复提交。"
	SENT[NSENT++] = "乡镇人民政府每季度在政务公开栏公开人口状况、奖优政策兑现和社会抚养费征收情况，接受群众监督。"
	SENT[NSENT++] = "村民委员会应当将计划生育奖励扶助对象名单在村务公开栏公示，公示期满无异议的方可上报。"
	SENT[NSENT++] = "本年度人口自然增长率较上年有所下降，出生人口性别比保持在正常范围，出生缺陷综合防治工作持续推进。"
	SENT[NSENT++] = "@P户籍人口@N百余人，育龄妇女比例持续下降，人口老龄化程度进一步加深。"
	SENT[NSENT++] = "严禁非医学需要的胎儿性别鉴定和选择性别的人工终止妊娠，发现线索的可以向卫生健康部门举报，经查实的给予奖励。"
	SENT[NSENT++] = "行政事业性收费的项目、依据和标准以财政、价格主管部门公布的目录为准，目录以外的一律不得收取。"
	SENT[NSENT++] = "机构设置和主要职责已按照“三定”规定调整，内设综合办公室、人口监测与家庭发展股、基层卫生股等科室。"
	SENT[NSENT++] = "政府采购项目严格按照公开招标、竞争性磋商等法定方式组织实施，采购结果在指定媒体同步公告。"
	SENT[NSENT++] = "@Y年度部门预算收入合计@M元，主要用于计划生育奖励扶助、特别扶助和基本公共卫生服务。"
	SENT[NSENT++] = "突发公共事件发生后，应当按照应急预案及时启动响应，做好计划生育特殊家庭的走访慰问和心理疏导工作。"
	SENT[NSENT++] = "计划生育协会发挥群众自治作用，组织开展“暖心家园”活动，为失独家庭提供生活照料和精神慰藉。"
	SENT[NSENT++] = "计划生育工作人员应当文明执法、热情服务，不得推诿扯皮、吃拿卡要，违者依法依纪严肃处理。"
	SENT[NSENT++] = "本村村规民约经村民代表会议讨论通过，倡导婚育新风，不得设定违反法律法规的罚款或者限制性条款。"
	SENT[NSENT++] = "办事（服务）机构应当公开服务项目、办理流程、承诺时限和办理结果，方便群众查询和监督。"
	SENT[NSENT++] = "群众反映的问题实行首问负责制，做到件件有回音、事事有着落，办理结果按月在本栏目公开。"
	SENT[NSENT++] = "免费孕前优生健康检查目标人群覆盖率达到百分之九十以上，筛查出的高风险人群全部得到随访指导。"
	SENT[NSENT++] = "@Y年度工作计划围绕优化生育政策、完善生育支持体系、加强人口监测等重点任务展开，分季度推进落实。"
	SENT[NSENT++] = "对计划生育特别扶助对象实行“双岗”联系人制度，由乡镇干部和村医共同负责联系服务。"
	SENT[NSENT++] = "上述奖励扶助资金已于@Y年@D月底前足额拨付到位，群众可以到代理金融机构网点查询到账情况。"
	SENT[NSENT++] = "社会抚养费征收对象确有实际困难的，可以依法申请减免，由征收机关按照规定程序审批并予以公示。"
	SENT[NSENT++] = "本规范性文件自发布之日起施行，有效期五年，此前有关规定与本文件不一致的，以本文件为准。"
	SENT[NSENT++] = "人口发展规划提出，到规划期末基本建成普惠托育服务体系，每千人口拥有三岁以下婴幼儿托位数明显提高。"
	SENT[NSENT++] = "本单位重大建设项目的立项审批、招标投标、施工进度和竣工验收情况，均按规定在本网站予以公开。"
	SENT[NSENT++] = "行政许可事项实行一窗受理、集成服务，申请人可以通过政务服务网查询办理进度和结果。"
	SENT[NSENT++] = "@P共有奖励扶助对象@N人、特别扶助对象若干人，资格确认和资金发放情况已在公开栏同步公示。"

	STEM["laws"] = "人口与计划生育法律法规汇编|《人口与计划生育法》学习要点|省人口与计划生育条例摘要"
	STEM["normative-docs"] = "计划生育家庭奖励扶助实施办法|生育登记服务管理办法|计划生育特别扶助制度实施细则"
	STEM["organization"] = "机构设置和主要职能|内设机构及职责调整情况"
	STEM["population"] = "人口状况报告|人口变动情况统计|人口监测数据公报"
	STEM["projects"] = "重大建设项目实施情况|妇幼保健计划生育服务中心建设项目进展"
	STEM["procurement-budget"] = "部门预算|部门决算报告|避孕药具政府采购结果公告"
	STEM["plans"] = "人口和计划生育工作计划|人口发展专项规划|生育支持工作实施方案"
	STEM["fees"] = "行政事业性收费项目和标准|服务性收费项目公示|收费项目清理情况"
	STEM["licensing"] = "生育登记办理情况|行政许可事项办理指南|再生育审批办理结果"
	STEM["emergencies"] = "突发事件应急预案|汛期计划生育服务应急工作方案|应急处置情况通报"
	STEM["discipline"] = "人口和计划生育工作纪律|信访举报处理程序|工作人员“八不准”纪律要求"
	STEM["other"] = "阳光计生行动开展情况|计划生育特殊家庭帮扶活动通知|婚育新风进万家活动安排"
	STEM["rewards"] = "奖优政策兑现情况|奖励扶助金发放名单公示|特别扶助金发放情况"
	STEM["social-fees"] = "社会抚养费征收情况|社会抚养费缴纳情况公示|社会抚养费减免审批结果"
	STEM["services"] = "办事服务项目和流程|服务承诺及办理结果|服务结果公开"
	STEM["staff"] = "工作人员基本情况|岗位职责和行为规范"
	STEM["free-services"] = "免费计划生育技术服务基本项目|免费孕前优生健康检查项目"
	STEM["supervision"] = "监督维权渠道及处理结果|群众投诉处理情况"
	STEM["births"] = "人口出生情况公示|出生人口登记情况"
	STEM["village-rules"] = "计划生育村规民约|居民公约（婚育部分）"
	for (c in STEM) { KW[c] = "计划生育,阳光计生,政务公开"; TOPIC[c] = "卫生健康\\计划生育" }
	KW["rewards"] = "奖励扶助,特别扶助,公示"; KW["social-fees"] = "社会抚养费,征收,公示"
	KW["births"] = "出生情况,生育登记,公示"; KW["population"] = "人口状况,人口监测,统计"
	KW["licensing"] = "生育登记,行政许可,办理结果"; KW["fees"] = "收费项目,收费标准,公示"
	KW["procurement-budget"] = "预算,决算,政府采购"; KW["discipline"] = "工作纪律,信访举报,12356"
	TOPIC["population"] = "卫生健康\\人口监测"; TOPIC["births"] = "卫生健康\\人口监测"
	TOPIC["discipline"] = "卫生健康\\纪律监督"; TOPIC["procurement-budget"] = "财政\\预算决算"
	TABLEOK["births"] = 1; TABLEOK["rewards"] = 1; TABLEOK["social-fees"] = 1
	COLS["births"] = "序号, 村民小组, 父亲, 母亲, 出生月份, 性别, 孩次, 生育登记"
	COLS["rewards"] = "序号, 村民小组, 姓名, 身份证号, 扶助类别, 年度金额（元）, 发放方式"
	COLS["social-fees"] = "序号, 村民小组, 姓名, 征收决定书文号, 应缴金额（元）, 本期缴纳（元）, 缴纳情况"

	split("laws normative-docs organization population projects procurement-budget plans fees licensing emergencies discipline other", CAT_department, " ")
	split("population rewards social-fees", CAT_township, " ")
	split("organization services staff free-services fees discipline supervision other", CAT_agency, " ")
	split("laws normative-docs births rewards social-fees village-rules discipline other", CAT_village, " ")
	NCAT["province"] = NCAT["city"] = NCAT["county"] = 12
	NCAT["township"] = 3; NCAT["agency"] = 8; NCAT["village"] = 8

	# Publication days: 2024-01-02 .. 2026-11-27.
	split("31 28 31 30 31 30 31 31 30 31 30 31", MDAYS, " ")
	NDAYS = 0
	for (y = 2024; y <= 2026; y++)
		for (m = 1; m <= 12; m++) {
			md = MDAYS[m] + (m == 2 && y % 4 == 0)
			for (dd = 1; dd <= md; dd++) {
				if (y == 2024 && m == 1 && dd == 1) continue
				if (y == 2026 && (m == 12 || (m == 11 && dd > 27))) continue
				DS[NDAYS++] = sprintf("%d-%02d-%02d", y, m, dd)
			}
		}

	# The tree: counts per level, then parents round-robin.
	rem = N - 1
	nc = int(N / 2000 + 0.5); if (nc < 1) nc = 1; if (nc > rem) nc = rem; rem -= nc
	nk = int(N / 200 + 0.5); if (nk < 1) nk = 1; if (nk > rem) nk = rem; rem -= nk
	na = nk; if (na > rem) na = rem; rem -= na
	nt = int(N / 20 + 0.5); if (nt < 1) nt = 1; if (nt > rem) nt = rem; rem -= nt
	nv = rem
	NU = 0
	addunit("province", -1, "demo-province", "示范省卫生健康委员会", "示范省", "510000")
	for (i = 0; i < nc; i++)
		addunit("city", 0, sprintf("city-%02d", i + 1), place(i) "市卫生健康委员会", place(i) "市", sprintf("51%02d00", (i + 1) % 100))
	c0 = 1; k0 = c0 + nc
	for (i = 0; i < nk; i++) {
		p = c0 + i % nc
		addunit("county", p, sprintf("county-%03d", i + 1), place(i + 7) "县卫生健康局", place(i + 7) "县", substr(CODE[p], 1, 4) sprintf("%02d", (int(i / nc) + 1) % 100))
	}
	for (i = 0; i < na; i++) {
		p = k0 + i
		addunit("agency", p, "service-center", SHORT[p] "计划生育服务中心", SHORT[p] "计生服务中心", CODE[p])
	}
	t0 = NU
	for (i = 0; i < nt; i++) {
		p = k0 + i % nk
		addunit("township", p, sprintf("town-%04d", i + 1), place(i + 13) "镇人民政府", place(i + 13) "镇", CODE[p] sprintf("%03d", (int(i / nk) + 101) % 1000))
	}
	for (i = 0; i < nv; i++) {
		p = t0 + i % nt; k = int(i / nt)
		if (k % 3 == 0) {
			vn = SUR[k % NSUR] "家" (k >= NSUR ? k : "") "村"
			addunit("village", p, vn, vn "村民委员会", vn, CODE[p] sprintf("%03d", (k + 201) % 1000))
		} else if (k % 7 == 1) {
			addunit("village", p, sprintf("community-%03d", k + 1), place(i + 3) "社区居民委员会", place(i + 3) "社区", CODE[p] sprintf("%03d", (k + 1) % 1000))
		} else
			addunit("village", p, sprintf("village-%03d", k + 1), place(i + 5) "村村民委员会", place(i + 5) "村", CODE[p] sprintf("%03d", (k + 201) % 1000))
	}

	if (mode == "dirs") {
		for (u = 0; u < NU; u++) {
			lv = LV[u]; ncat = NCAT[lv]
			if (IPU == 0) { print "content/" PATH[u]; continue }
			for (n = 0; n < IPU && n < ncat; n++) {
				j = (u + n) % ncat
				cat = (lv == "township") ? CAT_township[j + 1] : (lv == "agency") ? CAT_agency[j + 1] : (lv == "village") ? CAT_village[j + 1] : CAT_department[j + 1]
				print "content/" PATH[u] "/" cat
			}
		}
		exit
	}
	for (u = job; u < NU; u += jobs) {
		useed(u)
		writeunit(u)
		lv = LV[u]; ncat = NCAT[lv]
		for (n = 0; n < IPU; n++) {
			j = (u + n) % ncat
			cat = (lv == "township") ? CAT_township[j + 1] : (lv == "agency") ? CAT_agency[j + 1] : (lv == "village") ? CAT_village[j + 1] : CAT_department[j + 1]
			writeitem(u, n, cat)
		}
	}
}'

"$AWK" -v mode=dirs -v units="$UNITS" -v ipu="$IPU" -v seed="$SEED" \
    -v root="$OUT/content" "$PROG" </dev/null |
	(cd "$OUT" && xargs mkdir -p)

pids=
j=0
while [ "$j" -lt "$JOBS" ]; do
	"$AWK" -v mode=files -v job="$j" -v jobs="$JOBS" -v units="$UNITS" \
	    -v ipu="$IPU" -v seed="$SEED" -v root="$OUT/content" "$PROG" \
	    </dev/null &
	pids="$pids $!"
	j=$((j + 1))
done
rc=0
for p in $pids; do
	wait "$p" || rc=1
done
[ "$rc" -eq 0 ] || { echo "gen.sh: awk failed" >&2; exit 1; }
printf '%s\n' "$UNITS $IPU $SEED" >"$OUT/.gen-params"
