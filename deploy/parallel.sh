#!/bin/sh
# deploy/parallel.sh REPO TRUST N OUT -- builds the commit at REPO's HEAD
# as N shards and a root build with GNU parallel, then copies them into
# OUT.new and swaps it for OUT (see deploy/README.md).
set -eu
repo=$1 trust=$2 n=$3 out=$4
ref=$(git -C "$repo" rev-parse HEAD)
work=$out.shards
mkdir -p "$work"
# warm the gate's cache once, so that the shards find every verdict
gongkai plan --shards "$n" --trust "$trust" --ref "$ref" "$repo" \
    >"$work/plan.json"
parallel --halt now,fail=1 -j "$n" \
    gongkai build --quiet --jobs 1 --shard {}/"$n" --trust "$trust" \
    --ref "$ref" --out "$work/shard-{}" "$repo" ::: $(seq 0 $((n - 1)))
gongkai build --quiet --root-only --trust "$trust" --ref "$ref" \
    --out "$work/root" "$repo"
rm -rf "$out.new"
mkdir -p "$out.new"
for d in "$work"/shard-* "$work/root"; do
	cp -R "$d/." "$out.new/"
done
if [ -e "$out" ]; then
	mv "$out" "$out.old" && mv "$out.new" "$out" && rm -rf "$out.old"
else
	mv "$out.new" "$out"
fi
