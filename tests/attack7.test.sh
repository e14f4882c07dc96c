#!/bin/sh
# tests/attack7.test.sh -- red team on the gate, seventh round: someone
# who can push any commits to the content repository but holds no
# reviewer's or administrator's key, after the privacy veto moved into
# src/veto.c: with 64 texts or more to judge and more than one CPU
# (GONGKAI_JOBS), forked workers read each content file's newest
# published and live blob, answer which are clean, and keep the
# published texts for the build (repo_keep).  Cases marked "fixed"
# failed before their fix; "held" ones are classes the change already
# handled, kept covered.  Every case compares GONGKAI_JOBS=1, 2 and 3:
# status --json, the privacy cache, and the site.
#
#  1 fixed: texts under a name with a personal number.  veto_check
#    vetoes such a path by its name and never reads its text, but
#    veto_prepare handed those texts to the workers all the same: with
#    workers the clean ones went into the privacy cache (the cache file
#    differed from one process's), and an editor's large files under
#    such names were inflated on every run, where one process reads
#    none.  One predicate now says which texts the gate reads (text_how
#    in src/gate.c).
#  2 fixed: workers reading records files near 64 MiB.  Each worker
#    read any .csv up to CSV_FILE_MAX, about 130 MiB at once, one
#    worker per CPU: twelve unapproved 63 MiB CSVs (6 MB as pushed)
#    took a status run from 150 MiB summed RSS (one process) to 390 MiB
#    with three workers, some 9 GiB on a 64-CPU host.  Workers now
#    leave every text over 1 MiB to the parent (AHEAD_TEXT_MAX in
#    src/veto.c).  Checked without timing or memory figures: with
#    strace(1), no worker opens such a text's (loose) object more than
#    once, for its size; reading it opened it again (skipped without
#    strace).
#  3 held: personal numbers as an editor hides them (HTML references,
#    YAML \u escapes, emphasis and zero-width space, Arabic-Indic
#    digits, a unit file, a CSV cell), approved, with and without
#    workers: never published, the same reasons; the last clean text
#    stays online.
#  4 held: the same bytes under several paths, as .md and as .yaml,
#    published at one path and waiting at another; texts just under and
#    just over 1 MiB; a symbolic link; the 64-text threshold crossed up
#    and down: the same answers, cache and site in every case, and the
#    build shows the approved text, never the live one.
#
# Not covered here (a kill at one instruction needs a fault injection
# patch): a worker killed between its stores of an answer.  gcc -O2
# stored kept = 1 before off and len, so a worker killed there (the OOM
# killer) made the blob read as an empty text for the rest of the run,
# in the gate's scan and in the loader.  Answers are now vouched for by
# their last store (answer_set in src/veto.c).
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh
export SOURCE_DATE_EPOCH=1780272000	# 2026-06-01: after the records of 2026-03 to 05
unset XDG_CACHE_HOME GONGKAI_CACHE_DIR

gk_setup
mkkey admin >/dev/null && mkkey alice >/dev/null && mkkey editor >/dev/null ||
    { fail mkkey; done_tests; exit 1; }
TRUST=$GK_DIR/keys/admin.asc
R() { git -C "$GK_REPO" "$@"; }
mkdir -p "$GK_REPO/keys" &&
    cp "$GK_DIR/keys/alice.asc" "$GK_DIR/keys/editor.asc" "$GK_REPO/keys/"
gk_file config.yaml 'site: { title: T, base_url: "https://gongkai.example/" }
levels:
  village: { catalogue: c, outputs: [web], approvals: 1, programmes: [hotline] }
catalogues:
  c:
    - { id: fees, title: 收费 }
programmes:
  hotline:
    title: 热线
    channels: [人工]
    types: [咨询]
    statuses: [办结]
    closed_status: 办结
    rule: 规则
reviewers:
  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }
editors:
  - { id: editor, name: Editor, email: editor@example.org, key: keys/editor.asc }'
R add keys
gk_file content/v/_unit.yaml 'name: 某村
level: village'
gk_file content/v/w/_unit.yaml 'name: 某组
level: village
address: W1路'
# items N M [DIR]: clean items nN.md .. nM.md
items() {
	i=$1
	while [ "$i" -le "$2" ]; do
		gk_file "${3:-content/v/fees}/n$i.md" "---
title: 第$i号
date: 2026-01-06
---
正文 $i 号"
		i=$((i + 1))
	done
}
items 1 70
gk_commit editor editor c1
gk_approve admin admin config.yaml 'keys/**'
gk_approve alice alice 'content/**'

# cmp3 CASE [build]: status --json (cold, then warm cache) and the
# privacy cache with 1, 2 and 3 processes are the same; with "build",
# the sites too.  The outputs of one process stay in $TMP/CASE-1.*.
cmp3() {
	for j in 1 2 3; do
		c=$TMP/$1-$j
		rm -rf "$c.cache" "$c.site"
		for w in cold warm; do
			GONGKAI_JOBS=$j GONGKAI_CACHE_DIR=$c.cache "$GONGKAI" status \
			    --json --trust "$TRUST" "$GK_REPO" >"$c.$w" 2>"$c.err" ||
			    fail "$1: status with $j: $(head -c 300 "$c.err")"
		done
		[ "$2" = build ] || continue
		GONGKAI_JOBS=$j GONGKAI_CACHE_DIR=$c.cache "$GONGKAI" build \
		    --quiet --trust "$TRUST" --out "$c.site" "$GK_REPO" \
		    2>"$c.err" || fail "$1: build with $j: $(head -c 300 "$c.err")"
	done
	for j in 2 3; do
		for w in cold warm; do
			cmp -s "$TMP/$1-1.$w" "$TMP/$1-$j.$w" && ok ||
			    fail "$1: status ($w) with $j: $(diff "$TMP/$1-1.$w" "$TMP/$1-$j.$w" | head -5 | tr "\n" " ")"
		done
		cmp -s "$TMP/$1-1.cache/privacy/gate" "$TMP/$1-$j.cache/privacy/gate" && ok ||
		    fail "$1: privacy cache with $j: $(diff "$TMP/$1-1.cache/privacy/gate" "$TMP/$1-$j.cache/privacy/gate" | head -3 | tr "\n" " ")"
		[ "$2" = build ] || continue
		diff -r "$TMP/$1-1.site" "$TMP/$1-$j.site" >/dev/null && ok ||
		    fail "$1: site with $j"
	done
}
# field CASE PATH KEY: the KEY line of PATH's entry in CASE's status
field() {
	awk -v p="\"path\": \"$2\"" -v k="\"$3\":" '
	    index($0, "\"path\": ") { cur = $0 }
	    index($0, k) && index(cur, p) { sub(/^ */, ""); print; exit }' \
	    "$TMP/$1-1.cold"
}
# nowhere CASE RE: no file of CASE's site (with 1 process) matches RE
nowhere() {
	l=$(grep -rlE "$2" "$TMP/$1-1.site" | head -3)
	[ -z "$l" ] && ok || fail "$1: /$2/ in $l"
}

# --- 1. texts under a name with a personal number ----------------------
#   c: S[editor] three clean texts no other path holds, named with a
#      mobile number, an ID number and a phone in a folder's name
gk_file content/v/fees/13812345678.md '---
title: 名单甲
date: 2026-01-06
---
只在这里的正文甲'
gk_file content/v/fees/p-11010519491231002X.yaml 'title: 名单乙
date: 2026-01-06
body: 只在这里的正文乙'
gk_file content/v/13912345678/x.md '---
title: 名单丙
date: 2026-01-06
---
只在这里的正文丙'
gk_commit editor editor names
gk_approve alice alice 'content/**'
cmp3 names build
check "names: vetoed by its name" [ "$(field names content/v/fees/13812345678.md reason)" = '"reason": "privacy: unmasked mobile phone number in its name"' ]
check "names: a folder's name too" [ "$(field names content/v/13912345678/x.md reason)" = '"reason": "privacy: unmasked mobile phone number in its name"' ]
nowhere names '只在这里|13812345678|13912345678|11010519491231002X'
# the cache keeps no digest of a text the gate never read
sum=$(R show HEAD:content/v/fees/13812345678.md | sha256sum | cut -c1-64)
for j in 1 2 3; do
	grep -q "^$sum" "$TMP/names-$j.cache/privacy/gate" &&
	    fail "names: the cache with $j keeps a text the gate never read" || ok
done

# --- 2. records files over 1 MiB are the parent's ------------------------
#   c: S[editor] two CSVs of 2 MiB, one with a mobile number in its
#      last record: unapproved, then approved (the gate reads a text
#      for its veto only once it has its approvals)
csv() {
	awk -v m="$1" -v last="$2" 'BEGIN {
	    print "date,channel,type,topic,unit,status,closed"
	    for (i = 0; i < 28000; i++)
		printf "2026-%s-01,人工,咨询,流动人口服务办理地点,v,办结,2026-%s-04\n", m, m
	    printf "2026-%s-01,人工,咨询,%s,v,办结,2026-%s-04\n", m, last, m }'
}
mkdir -p "$GK_REPO/content/v/hotline"
csv 03 回访 >"$GK_REPO/content/v/hotline/2026-03.csv"
csv 04 13812345678 >"$GK_REPO/content/v/hotline/2026-04.csv"
R add content/v/hotline
gk_commit editor editor big-csv
cmp3 csv-waits
# (attack9 s11: a text no one approved is never read for the veto)
check "csv: unapproved, not judged" [ "$(field csv-waits content/v/hotline/2026-04.csv reason)" = '"reason": null' ]
gk_approve alice alice 'content/v/hotline/**'
cmp3 csv
check "csv: over 1 MiB" [ "$(wc -c <"$GK_REPO/content/v/hotline/2026-03.csv")" -gt 1048576 ]
check "csv: the number found by the parent" [ "$(field csv content/v/hotline/2026-04.csv reason)" = '"reason": "privacy: unmasked mobile phone number at line 28002"' ]
check "csv: the clean one online" [ "$(field csv content/v/hotline/2026-03.csv online)" = '"online": true,' ]
if command -v strace >/dev/null 2>&1 &&
    GONGKAI_JOBS=3 GONGKAI_CACHE_DIR=$TMP/csv-s.cache strace -f -qq \
    -e trace=openat -e signal=none -o "$TMP/trace" "$GONGKAI" status \
    --json --trust "$TRUST" "$GK_REPO" >/dev/null 2>&1; then
	parent=$(awk '{ print $1; exit }' "$TMP/trace")
	for f in 2026-03.csv 2026-04.csv; do
		b=$(R rev-parse "HEAD:content/v/hotline/$f")
		o=$(echo "$b" | sed 's|^\(..\)|\1/|')
		grep -q "objects/$o" "$TMP/trace" && ok ||
		    fail "csv: $f: its object never opened (packed?)"
		# a worker reads its header (repo_blob_size) to learn it is
		# too large: one open; reading the text is a second
		w=$(grep "objects/$o" "$TMP/trace" | awk -v p="$parent" '
		    $1 != p { n[$1]++ } END { for (k in n) if (n[k] > 1) print k }')
		[ -z "$w" ] && ok || fail "csv: $f read by worker $w"
	done
else
	skip "csv: strace(1) cannot run here"
fi
R rm -q content/v/hotline/2026-03.csv content/v/hotline/2026-04.csv
gk_commit editor editor no-csv

# --- 3. hidden personal numbers, approved ------------------------------
#   c: S[editor] a.md, d.yaml, e.md, u: w/_unit.yaml, r.csv, all clean
#   S[alice] A: content/**                         all online
#   c: S[editor] each with a personal number hidden in its encoding
#   S[alice] A: content/**                         all vetoed; first texts stay
gk_file content/v/fees/a.md '---
title: 公示 A1
date: 2026-01-06
---
A1 正文。'
gk_file content/v/fees/d.yaml 'title: 名单 D1
date: 2026-01-06
body: D1 正文'
gk_file content/v/fees/e.md '---
title: 公示 E1
date: 2026-01-06
---
E1 正文。'
gk_file content/v/hotline/2026-05.csv 'date,channel,type,topic,unit,status,closed
2026-05-01,人工,咨询,R1 回访,v,办结,2026-05-04'
gk_commit editor editor clean
gk_approve alice alice 'content/**'
gk_file content/v/fees/a.md '---
title: 公示 A2
date: 2026-01-06
---
A2正文 身份证&#49;&#49;&#48;&#49;&#48;&#53;&#49;&#57;&#52;&#57;&#49;&#50;&#51;&#49;&#48;&#48;&#50;&#88;。'
gk_file content/v/fees/d.yaml 'title: 名单 D2
date: 2026-01-06
body: "D2正文 \u0031\u0031\u0030\u0031\u0030\u0035\u0031\u0039\u0034\u0039\u0031\u0032\u0033\u0031\u0030\u0030\u0032X"'
gk_file content/v/fees/e.md '---
title: 公示 E2 ١٣٨١٢٣٤٥٦٧٨
date: 2026-01-06
---
E2正文 1101**05**1949​1231002X。'
gk_file content/v/w/_unit.yaml 'name: 某组
level: village
address: W2路，身份证 110101 1990 0101 1237'
gk_file content/v/hotline/2026-05.csv 'date,channel,type,topic,unit,status,closed
2026-05-01,人工,咨询,R2回访 138-1234-5678,v,办结,2026-05-04'
gk_commit editor editor hidden
gk_approve alice alice 'content/**'
cmp3 hidden build
for p in a.md d.yaml e.md; do
	field hidden content/v/fees/$p reason | grep -q '"reason": "privacy: ' && ok ||
	    fail "hidden: $p not vetoed: $(field hidden content/v/fees/$p reason)"
done
field hidden content/v/w/_unit.yaml reason | grep -q '"reason": "privacy: ' && ok ||
    fail "hidden: the unit file not vetoed"
field hidden content/v/hotline/2026-05.csv reason | grep -q '"reason": "privacy: ' && ok ||
    fail "hidden: the CSV not vetoed"
for m in 'A1 ' 'D1 ' 'E1 ' 'W1路'; do
	grep -rq "$m" "$TMP/hidden-1.site" && ok || fail "hidden: $m not online"
done
# pub CASE PATH: the blob of PATH's published version in CASE's status
pub() {
	awk -v p="\"path\": \"$2\"" '
	    index($0, "\"path\": ") { cur = $0; inp = 0 }
	    index(cur, p) && /"published": \{/ { inp = 1 }
	    inp && /"blob":/ { gsub(/[ ",]/, ""); sub(/^blob:/, ""); print; exit }' \
	    "$TMP/$1-1.cold"
}
for p in fees/a.md fees/d.yaml fees/e.md w/_unit.yaml hotline/2026-05.csv; do
	check "hidden: $p: the clean text stays published" \
	    [ "$(pub hidden content/v/$p)" = "$(R rev-parse "HEAD~2:content/v/$p")" ]
done
nowhere hidden 'A2正文|D2正文|E2正文|W2路|R2回访|١٣٨١٢٣٤٥٦٧٨|1101(<[^>]*>)?05(<[^>]*>)?1949|13812345678|138-1234-5678'

# --- 4. shared bytes, sizes, links, the threshold ------------------------
#   c: S[editor] s1.md = n1.md's bytes; y1.yaml = d.yaml's first text
#      (published as d.yaml before); j.md just under 1 MiB, k.md just
#      over; l.md a symbolic link
#   S[alice] A: content/**
#   c: mallory (unsigned): n1.md edited; s2.md = n1.md's approved
#      bytes, n3.md = its new ones            n1 online as approved
#   then fewer than 64 texts, approved; more again, then approved
line=正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文
# big N MARK: an item of N lines of $line
big() {
	awk -v n="$1" -v m="$2" -v l="$line" 'BEGIN {
	    printf "---\ntitle: %s\ndate: 2026-01-06\n---\n", m
	    for (i = 0; i < n; i++) print l }'
}
R show HEAD:content/v/fees/n1.md >"$GK_REPO/content/v/fees/s1.md"
printf 'title: 名单 D1\ndate: 2026-01-06\nbody: D1 正文\n' >"$GK_REPO/content/v/fees/y1.yaml"
big 9500 J9 >"$GK_REPO/content/v/fees/j.md"
big 9700 K9 >"$GK_REPO/content/v/fees/k.md"
ln -s n1.md "$GK_REPO/content/v/fees/l.md"
R add content
gk_commit editor editor shared
check "fixture: j.md under 1 MiB" [ "$(wc -c <"$GK_REPO/content/v/fees/j.md")" -lt 1048576 ]
check "fixture: k.md over 1 MiB" [ "$(wc -c <"$GK_REPO/content/v/fees/k.md")" -gt 1048576 ]
gk_approve alice alice 'content/**'
cmp3 shared build
grep -q 'J9' "$TMP/shared-1.site/v/fees/j.html" && ok || fail "shared: j.md not online"
check "shared: k.md too large" [ "$(field shared content/v/fees/k.md reason)" = '"reason": "larger than 1048576 bytes"' ]
check "shared: l.md a link" [ "$(field shared content/v/fees/l.md reason)" = '"reason": "not a regular file (symbolic link)"' ]
cp "$GK_REPO/content/v/fees/n1.md" "$GK_REPO/content/v/fees/s2.md"
printf -- '---\ntitle: 第1号\ndate: 2026-01-06\n---\nLIVE-1 改过\n' >"$GK_REPO/content/v/fees/n1.md"
cp "$GK_REPO/content/v/fees/n1.md" "$GK_REPO/content/v/fees/n3.md"
R add content
gk_commit mallory - edit
cmp3 edited build
grep -q '正文 1 号' "$TMP/edited-1.site/v/fees/n1.html" && ok || fail "edited: n1 not as approved"
for j in 1 2 3; do
	l=$(grep -rl LIVE-1 "$TMP/edited-$j.site" | head -1)
	[ -z "$l" ] && ok || fail "edited: the live text online with $j: $l"
done
#   the threshold: down to fewer than 64 texts and up again
R rm -q -r content/v/fees
gk_file content/v/fees/n1.md "$(R show HEAD~1:content/v/fees/n1.md)"
items 2 50
gk_commit editor editor down
gk_approve alice alice 'content/**'
cmp3 down build
items 51 75
gk_commit editor editor up
cmp3 up build
gk_approve alice alice 'content/**'
cmp3 up-approved build
grep -q '正文 75 号' "$TMP/up-approved-1.site/v/fees/n75.html" && ok ||
    fail "up: n75 not online"

done_tests
