#!/bin/sh
# The gate scans each text for personal data once per run and
# remembers the verdict by blob and by how the text is read: the same
# bytes are Markdown in a .md item and YAML in a .yaml one, and may be
# clean as one and not as the other.  X below is such a text: as YAML
# its body decodes "\u0038" to the last digit of a mobile number; as
# Markdown (no front matter) the escape stays as written.
#
#   * c1 S[editor]: config.yaml keys/ content/v/_unit.yaml (village, 1
#                approval); fees/a.md X, fees/b.yaml X, fees/z.md X,
#                fees/c.yaml "C1" clean
#   * c2 S[admin] A: config.yaml, A: keys/**
#   * c3 S[alice] A: content/**      a.md, z.md online (X as Markdown);
#                                    b.yaml vetoed (X as YAML)
#   * c4 S[editor]: c.yaml X, a.md "A2"
#   * c5 S[alice] A: content/**      c.yaml vetoed, C1 stays; A2 online
#   * c6 S[editor]: a.md X again      (a new version of an old text)
#   * c7 S[alice] A: content/**      a.md online with X
#
# With more than a few dozen texts to judge, the gate reads them ahead
# in forked workers (veto.h: veto_head, the texts at the ref while the
# history is walked, then veto_ahead) and keeps the reasons for
# itself: the answers, and what the privacy cache keeps, are those of
# one process (GONGKAI_JOBS=1).
#
#   * c8 S[editor]: a.md, b.yaml, c.yaml and z.md removed; 90 clean
#                items n*.md and 10 n*.yaml; vetoed: p.md (a phone
#                in its body), q.yaml (phone as a \u escape),
#                r.csv (a phone in a cell), big.md (over 1 MiB),
#                content/v/w/_unit.yaml (an ID number in its name)
#   * c9 S[alice] A: content/**      the same answers and cache with
#                                    and without workers
#   * c10 S[editor]: n7.md edited    the same site with and without
#                                    workers, n7 as approved in c9
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh

gk_setup
mkkey admin >/dev/null && mkkey alice >/dev/null && mkkey editor >/dev/null ||
    { fail mkkey; done_tests; exit 1; }
mkdir -p "$GK_REPO/keys" &&
    cp "$GK_DIR/keys/alice.asc" "$GK_DIR/keys/editor.asc" "$GK_REPO/keys/"
gk_file config.yaml 'site: { title: T, base_url: "https://gongkai.example/" }
levels:
  village: { catalogue: c, outputs: [web], approvals: 1 }
catalogues:
  c:
    - { id: fees, title: 收费 }
reviewers:
  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }
editors:
  - { id: editor, name: Editor, email: editor@example.org, key: keys/editor.asc }'
git -C "$GK_REPO" add keys
gk_file content/v/_unit.yaml 'name: 某村
level: village'
X='title: 名单
date: 2026-01-06
body: "电话1381234567\u0038"'
gk_file content/v/fees/a.md "$X"
gk_file content/v/fees/b.yaml "$X"
gk_file content/v/fees/z.md "$X"
gk_file content/v/fees/c.yaml 'title: 名单
date: 2026-01-06
body: "C1 正文"'
gk_commit editor editor c1
gk_approve admin admin config.yaml 'keys/**'
gk_approve alice alice 'content/**'
x=$(git -C "$GK_REPO" rev-parse HEAD:content/v/fees/a.md)
check "fixture: one blob" [ "$x" = "$(git -C "$GK_REPO" rev-parse HEAD:content/v/fees/b.yaml)" ]

# st NAME: status --json into $TMP/NAME.json
st() {
	"$GONGKAI" status --json --trust "$GK_DIR/keys/admin.asc" "$GK_REPO" \
	    >"$TMP/$1.json" || fail "status $1"
}
# field JSON PATH KEY: the KEY line of PATH's entry
field() {
	awk -v p="\"path\": \"$2\"" -v k="\"$3\":" '
	    index($0, "\"path\": ") { cur = $0 }
	    index($0, k) && index(cur, p) { sub(/^ */, ""); print; exit }' \
	    "$TMP/$1.json"
}
st s1
check "a.md: X as Markdown is clean" [ "$(field s1 content/v/fees/a.md online)" = '"online": true,' ]
check "z.md: X as Markdown is clean" [ "$(field s1 content/v/fees/z.md online)" = '"online": true,' ]
check "b.yaml: X as YAML is not" [ "$(field s1 content/v/fees/b.yaml online)" = '"online": false,' ]
check "b.yaml: the reason" [ "$(field s1 content/v/fees/b.yaml reason)" = '"reason": "privacy: unmasked mobile phone number at line 3"' ]
check "c.yaml: clean" [ "$(field s1 content/v/fees/c.yaml online)" = '"online": true,' ]

gk_file content/v/fees/c.yaml "$X"
gk_file content/v/fees/a.md 'A2'
gk_commit editor editor c4
gk_approve alice alice 'content/**'
st s2
check "c.yaml: X as YAML vetoed" [ "$(field s2 content/v/fees/c.yaml reason)" = '"reason": "privacy: unmasked mobile phone number at line 3"' ]
check "c.yaml: C1 stays published" [ "$(field s2 content/v/fees/c.yaml online)" = '"online": false,' ]
check "a.md: A2 online" [ "$(field s2 content/v/fees/a.md online)" = '"online": true,' ]
check "b.yaml: still vetoed" [ "$(field s2 content/v/fees/b.yaml reason)" = '"reason": "privacy: unmasked mobile phone number at line 3"' ]

gk_file content/v/fees/a.md "$X"
gk_commit editor editor c6
st s3
check "a.md: X back, waits" [ "$(field s3 content/v/fees/a.md online)" = '"online": false,' ]
check "a.md: no veto" [ "$(field s3 content/v/fees/a.md reason)" = '"reason": null' ]
gk_approve alice alice 'content/**'
st s4
check "a.md: X back online" [ "$(field s4 content/v/fees/a.md online)" = '"online": true,' ]
check "c.yaml: still vetoed" [ "$(field s4 content/v/fees/c.yaml reason)" = '"reason": "privacy: unmasked mobile phone number at line 3"' ]

for f in a.md b.yaml c.yaml z.md; do
	gk_rm content/v/fees/$f
done
i=0
while [ $i -lt 100 ]; do
	i=$((i + 1))
	if [ $i -le 90 ]; then
		gk_file content/v/fees/n$i.md "---
title: 第$i号
date: 2026-01-06
---
正文 $i"
	else
		gk_file content/v/fees/n$i.yaml "title: 第$i号
date: 2026-01-06
body: 正文 $i"
	fi
done
gk_file content/v/fees/p.md '---
title: 名单
date: 2026-01-06
---
电话13812345678'
gk_file content/v/fees/q.yaml "$X"
gk_file content/v/fees/r.csv '姓名,电话
某,13812345678'
awk 'BEGIN { for (i = 0; i < 20000; i++) print "正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文" }' \
    >"$GK_REPO/content/v/fees/big.md"
git -C "$GK_REPO" add content/v/fees/big.md
gk_file content/v/w/_unit.yaml 'name: 某村 11010519491231002X
level: village'
gk_commit editor editor c8
gk_approve alice alice 'content/**'
# jst NAME JOBS: status --json with JOBS workers and cache folder NAME
jst() {
	GONGKAI_JOBS=$2 GONGKAI_CACHE_DIR="$TMP/cache-$1" \
	    "$GONGKAI" status --json --trust "$GK_DIR/keys/admin.asc" \
	    "$GK_REPO" >"$TMP/$1.json" || fail "status $1"
}
jst one 1
jst two 2
check "workers: the answers of one process" cmp -s "$TMP/one.json" "$TMP/two.json"
check "workers: the privacy cache of one process" \
    cmp -s "$TMP/cache-one/privacy/gate" "$TMP/cache-two/privacy/gate"
check "workers: the cache keeps the clean texts" \
    [ "$(wc -c <"$TMP/cache-two/privacy/gate")" -gt 3000 ]
jst two 2
check "workers, warm cache: the same" cmp -s "$TMP/one.json" "$TMP/two.json"
# status writes its JSON a path at a time, flushed each 64 KiB: the
# pieces make the object one JSON writer makes of the whole
check "status --json: written in pieces" \
    [ "$(wc -c <"$TMP/two.json")" -gt 65536 ]
check "status --json: one JSON object, laid out as a whole" python3 -c '
import json, sys
t = open(sys.argv[1], encoding="utf-8").read()
sys.exit(json.dumps(json.loads(t), indent=2, ensure_ascii=False) + "\n" != t)
' "$TMP/two.json"
check "p.md: vetoed" [ "$(field two content/v/fees/p.md reason)" = '"reason": "privacy: unmasked mobile phone number at line 5"' ]
check "q.yaml: vetoed" [ "$(field two content/v/fees/q.yaml reason)" = '"reason": "privacy: unmasked mobile phone number at line 3"' ]
check "r.csv: vetoed" [ "$(field two content/v/fees/r.csv reason)" = '"reason": "privacy: unmasked mobile phone number at line 2"' ]
check "big.md: vetoed" [ "$(field two content/v/fees/big.md reason)" = '"reason": "larger than 1048576 bytes"' ]
check "w/_unit.yaml: vetoed" [ "$(field two content/v/w/_unit.yaml reason)" = '"reason": "privacy: unmasked resident ID number at line 1"' ]
check "n100.yaml: online" [ "$(field two content/v/fees/n100.yaml online)" = '"online": true,' ]
# The build takes the texts the workers read (repo_keep) instead of
# reading the objects again: the same site as with one process, n7
# as approved, not as edited since.
gk_file content/v/fees/n7.md "---
title: 第7号
date: 2026-01-06
---
改过 7"
gk_commit editor editor c10
for j in 1 2; do
	GONGKAI_JOBS=$j GONGKAI_CACHE_DIR="$TMP/cache-b$j" "$GONGKAI" build \
	    --quiet --trust "$GK_DIR/keys/admin.asc" --out "$TMP/site$j" \
	    "$GK_REPO" || fail "build with $j"
done
check "workers: the site of one process" diff -r "$TMP/site1" "$TMP/site2"
check "workers: n7's page as approved" grep -q "正文 7" "$TMP/site2/v/fees/n7.html"
check "workers: not as edited" sh -c "! grep -q 改过 \"$TMP/site2/v/fees/n7.html\""

# One text under many names is judged, and its title read, once: an
# unsigned push of 300 names for one 1 MiB blob (40 bytes a name) made
# the head workers scan it 300 times and status read it 300 times, a
# minute at 2,000 names.  CPU seconds of status with a cold cache, its
# workers included, before and after such a push.
# cpu NAME: user + system seconds of status --json (cache folder NAME)
cpu() {
	GONGKAI_JOBS=2 GONGKAI_CACHE_DIR="$TMP/cache-$1" python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.2f" % (r.ru_utime + r.ru_stime))' "$GONGKAI" status --json \
	    --trust "$GK_DIR/keys/admin.asc" "$GK_REPO"
}
before=$(cpu dup0)
python3 -c '
import sys
line = "正文第一段，带有数字 12 与标点。" * 8 + "\n"
t = "---\ntitle: 大\ndate: 2026-01-06\n---\n" + line * 4000
sys.stdout.write(t.encode()[:1040000].decode(errors="ignore"))' >"$TMP/big.md"
big=$(git -C "$GK_REPO" hash-object -w "$TMP/big.md")
i=0
while [ $i -lt 300 ]; do
	printf '100644 %s\tcontent/v/fees/dup%03d.md\n' "$big" $i
	i=$((i + 1))
done | git -C "$GK_REPO" update-index --index-info
gk_commit editor editor c11
after=$(cpu dup1)
echo "# status CPU: $before s before, $after s after"
check "300 names of one text: status costs about what it did" \
    awk -v a="$after" -v b="$before" 'BEGIN { exit !(a < b + 2) }'
jst dup1 2
check "300 names of one text: each listed, titled" \
    [ "$(grep -c '"title": "大"' "$TMP/dup1.json")" -eq 300 ]
done_tests
