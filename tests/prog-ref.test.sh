#!/bin/sh
# A rectification answering a hotline type (DESIGN 8): its ref
# "<unit>/hotline/<month>#<type>" names a month that was filed and a
# type of programmes.hotline.types; another type is an error at the
# ref's path:line:col.
. tests/lib.sh

R=$TMP/repo
mkdir -p "$R/content/c/hotline" "$R/content/c/rectification"
cat >"$R/config.yaml" <<'EOF'
site: { title: T, base_url: "https://gongkai.example/" }
levels:
  county: { catalogue: d, outputs: [web], approvals: 1, programmes: [hotline, rectification] }
programmes:
  hotline:
    channels: [人工]
    types: [咨询, 投诉]
    statuses: [受理, 办结]
    closed_status: 办结
    rule: 四舍五入保留一位小数。
catalogues:
  d:
    - { id: laws, title: 法规 }
EOF
printf 'name: 某县卫健局\nlevel: county\n' >"$R/content/c/_unit.yaml"
printf '%s\n' date,channel,type,topic,unit,status,closed \
    2026-03-02,人工,投诉,x,c,办结,2026-03-03 >"$R/content/c/hotline/2026-03.csv"
rect() {	# rect REF
	printf '%s\n' --- 'title: 缩短等候时间' 'cause: hotline' "ref: $1" \
	    'found: 2026-03-05' 'deadline: 2026-05-01' 'status: 整改中' --- 措施。 \
	    >"$R/content/c/rectification/wait.md"
}

rect 'c/hotline/2026-03#投诉'
"$GONGKAI" check "$R" >"$TMP/out" 2>"$TMP/err"
check "a configured type passes" [ $? -eq 0 ]
check "nothing reported" [ ! -s "$TMP/err" ]

rect 'c/hotline/2026-03#催办'
"$GONGKAI" check "$R" >"$TMP/out" 2>"$TMP/err"
check "another type fails" [ $? -eq 1 ]
check "at the ref's path:line:col" grep -qF "content/c/rectification/wait.md:4:6: error: 'ref' names hotline type '催办', which programmes.hotline.types does not list (咨询, 投诉)" "$TMP/err"
check "said once" [ "$(grep -c "催办" "$TMP/err")" -eq 1 ]

rect 'c/hotline/2026-04#投诉'
"$GONGKAI" check "$R" >"$TMP/out" 2>"$TMP/err"
check "a month never filed still fails" grep -q "'ref' points nowhere" "$TMP/err"

done_tests
