#!/bin/sh
# bench/hotline.sh DIR ROWS SEED -- a repository at DIR with a province
# whose 12356 hotline took ROWS calls in 2025, in twelve monthly records
# files (tools/hotline-gen.sh), handled by the province, two cities and
# four counties under them.  For bench/run.sh (section hotline).  A year
# that has ended: no record may be dated after the day gongkai runs.
set -eu
dir=$1 rows=$2 seed=$3
here=$(dirname "$0")
rm -rf "$dir"
mkdir -p "$dir/content"
cat >"$dir/config.yaml" <<'YAML'
site: { title: 热线基准, base_url: "https://gongkai.example/" }
levels:
  province: { catalogue: d, outputs: [web], approvals: 2, programmes: [hotline] }
  city: { catalogue: d, outputs: [web], approvals: 2, programmes: [hotline] }
  county: { catalogue: d, outputs: [web], approvals: 2, programmes: [hotline] }
programmes:
  hotline:
    title: 12356阳光计生热线
    channels: [人工, 自动语音]
    types: [咨询, 投诉, 举报, 建议, 办事指南]
    statuses: [受理, 转办, 已反馈, 办结]
    closed_status: 办结
    rule: 办结率四舍五入保留一位小数。
catalogues:
  d:
    - { id: laws, title: 法规 }
YAML
unit() {
	mkdir -p "$dir/content/$1"
	printf 'name: %s\nlevel: %s\n' "$2" "$3" >"$dir/content/$1/_unit.yaml"
}
unit p 某省卫生健康委 province
unit p/c1 甲市卫健委 city
unit p/c2 乙市卫健委 city
unit p/c1/k1 子县卫健局 county
unit p/c1/k2 丑县卫健局 county
unit p/c2/k3 寅县卫健局 county
unit p/c2/k4 卯县卫健局 county
mkdir -p "$dir/content/p/hotline"
m=1
while [ $m -le 12 ]; do
	n=$((rows / 12))
	[ $m -le $((rows % 12)) ] && n=$((n + 1))
	sh "$here/../tools/hotline-gen.sh" "$(printf '2025-%02d' $m)" "$n" \
	    "$((seed * 100 + m))" p p/c1 p/c2 p/c1/k1 p/c1/k2 p/c2/k3 p/c2/k4 \
	    >"$dir/content/p/hotline/$(printf '2025-%02d' $m).csv"
	m=$((m + 1))
done
echo "$rows $seed" >"$dir/.gen-params"
