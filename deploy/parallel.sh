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
# Shards 0 .. N-1 of this run only: a shard-K left by a run with more
# shards holds an older commit's pages, which would be copied over
# these.  Such folders (and their lock, manifests and standby) go.
i=0
while [ "$i" -lt "$n" ]; do
	cp -R "$work/shard-$i/." "$out.new/"
	i=$((i + 1))
done
cp -R "$work/root/." "$out.new/"
for d in "$work"/shard-*; do
	k=${d##*/shard-}
	case $k in ''|*[!0-9]*) continue ;; esac
	[ "$k" -lt "$n" ] ||
	    rm -rf "$d" "$work/.shard-$k".* "$work/shard-$k".*-*
done
if [ -e "$out" ]; then
	mv "$out" "$out.old" && mv "$out.new" "$out" && rm -rf "$out.old"
else
	mv "$out.new" "$out"
fi
