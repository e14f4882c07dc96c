#!/bin/sh
# Shards (DESIGN.md section 7): 4 shard builds as separate processes at
# once, into separate folders, sharing the cache, and a root-only
# build: copied together they are the single build, byte for byte.
# The plan covers every unit once, whole subtrees where they fit, and
# is the same every run.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21: after the demo's records
export GONGKAI_CACHE_DIR=$TMP/cache
R=$TMP/repo
mkdir -p "$R"
cp -R content config.yaml "$R/"

"$GONGKAI" build --preview --quiet --out "$TMP/one" "$R" || fail "single build"
pids=
for i in 0 1 2 3; do
	"$GONGKAI" build --preview --quiet --shard $i/4 --out "$TMP/s$i" "$R" \
	    2>"$TMP/s$i.err" &
	pids="$pids $!"
done
"$GONGKAI" build --preview --quiet --root-only --out "$TMP/root" "$R" \
    2>"$TMP/root.err" &
pids="$pids $!"
for p in $pids; do
	wait "$p" || fail "a shard build failed: $(cat "$TMP"/*.err)"
done
mkdir "$TMP/union"
for d in s0 s1 s2 s3 root; do
	cp -R "$TMP/$d/." "$TMP/union/"
done
check "4 shards + root = one build" diff -r "$TMP/one" "$TMP/union"
check "the root build has no unit's pages" \
    [ ! -e "$TMP/root/shifan-county/index.html" ]
check "the root build has the portal" [ -f "$TMP/root/index.html" ]
for i in 0 1 2 3; do
	check "shard $i: no portal" [ ! -e "$TMP/s$i/index.html" ]
	check "shard $i: no report.json" [ ! -e "$TMP/s$i/report.json" ]
done
# every unit home is in exactly one shard
n=$(find "$R/content" -name _unit.yaml | wc -l)
homes=$(for i in 0 1 2 3; do
	find "$TMP/s$i" -name guide.html
done | sed "s|^$TMP/s[0-3]/||" | sort)
check "every unit in a shard" [ "$(echo "$homes" | wc -l)" -eq "$n" ]
check "no unit in two shards" [ -z "$(echo "$homes" | uniq -d)" ]

# The plan: JSON, each unit once, the same twice, and what the shard
# builds wrote.
"$GONGKAI" plan --shards 4 "$R" >"$TMP/plan.json" || fail "plan"
"$GONGKAI" plan --shards 4 "$R" >"$TMP/plan2.json"
check "plan: the same every run" cmp -s "$TMP/plan.json" "$TMP/plan2.json"
check "plan: JSON" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' \
    "$TMP/plan.json"
check "plan: the units add up" python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
assert p["shards"] == 4 and len(p["plan"]) == 4
assert sum(s["units"] for s in p["plan"]) == p["units"] == int(sys.argv[2])
assert sum(s["items"] for s in p["plan"]) == p["items"]
' "$TMP/plan.json" "$n"
for i in 0 1 2 3; do
	for t in $(python3 -c 'import json,sys
for t in json.load(open(sys.argv[1]))["plan"][int(sys.argv[2])]["subtrees"]: print(t)' \
	    "$TMP/plan.json" $i); do
		check "plan: shard $i writes $t" [ -f "$TMP/s$i/$t/guide.html" ]
	done
done
"$GONGKAI" plan --shards 1 "$R" >"$TMP/p1.json"
check "plan: one shard holds all" python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
assert p["plan"][0]["units"] == p["units"]' "$TMP/p1.json"

# --unit: the same plan, of the units below one: what each `build
# --unit U --shard I/N` writes.
U=shifan-county/dongcheng-town
"$GONGKAI" plan --shards 4 --unit "$U" "$R" >"$TMP/pu.json" ||
    fail "plan --unit"
nu=$(find "$R/content/$U" -name _unit.yaml | wc -l)
check "plan --unit: the units below it" python3 -c '
import json, sys
p, u, n = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
assert p["units"] == n and sum(s["units"] for s in p["plan"]) == n
assert all(t == u or t.startswith(u + "/")
    for s in p["plan"] for t in s["subtrees"])' "$TMP/pu.json" "$U" "$nu"
for i in 0 1 2 3; do
	"$GONGKAI" build --preview --quiet --unit "$U" --shard $i/4 \
	    --out "$TMP/u$i" "$R" || fail "build --unit --shard $i/4"
	got=$(find "$TMP/u$i" -name guide.html | wc -l)
	check "plan --unit: shard $i writes as many units" python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
assert p["plan"][int(sys.argv[2])]["units"] == int(sys.argv[3])' \
	    "$TMP/pu.json" $i "$got"
done
"$GONGKAI" plan --shards 2 --unit no-such-unit "$R" >/dev/null 2>&1
check "plan --unit of no unit: exit 2" [ $? -eq 2 ]

# Gated (the history of tests/golden/gated): plan --trust warms the
# shared cache of signature verdicts; 2 shards and the root build find
# them there, and their union is the single gated build.
unset SOURCE_DATE_EPOCH
GK_DIR=$TMP/gk
. tests/gate/lib.sh
CASE=$(cd tests/golden/gated && pwd)
. "$CASE/history.sh" >"$TMP/hist" 2>&1 || fail "gated history: $(cat "$TMP/hist")"
export GONGKAI_CACHE_DIR=$TMP/gcache
"$GONGKAI" plan --shards 2 --trust "$TRUST" "$GK_REPO" >"$TMP/gplan.json" ||
    fail "gated plan"
check "plan --trust fills the shared cache" [ -n "$(find "$TMP/gcache" -type f)" ]
"$GONGKAI" build --quiet --trust "$TRUST" --out "$TMP/gone" "$GK_REPO" ||
    fail "gated single build"
for i in 0 1; do
	"$GONGKAI" build --quiet --trust "$TRUST" --shard $i/2 \
	    --out "$TMP/gs$i" "$GK_REPO" &
done
"$GONGKAI" build --quiet --trust "$TRUST" --root-only --out "$TMP/groot" \
    "$GK_REPO" || fail "gated root build"
wait
mkdir "$TMP/gunion"
for d in gs0 gs1 groot; do
	cp -R "$TMP/$d/." "$TMP/gunion/"
done
check "gated: 2 shards + root = one build" diff -r "$TMP/gone" "$TMP/gunion"

# Bad arguments: usage errors.
for a in "--shard 4/4" "--shard x" "--shard 1/0" "--shard 0/2 --root-only"; do
	"$GONGKAI" build --preview $a --out "$TMP/bad" "$R" 2>/dev/null
	check "build $a: exit 2" [ $? -eq 2 ]
done
"$GONGKAI" plan "$R" >/dev/null 2>&1
check "plan without --shards: exit 2" [ $? -eq 2 ]
done_tests
