#!/bin/sh
# deploy/parallel.sh REPO TRUST N OUT -- builds the commit at REPO's HEAD
# as N shards and a root build with GNU parallel, copies them into a new
# folder beside OUT and makes OUT a symbolic link to it in one rename
# (see deploy/README.md).
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
# Two folders take turns: OUT.a and OUT.b.  This run fills the one OUT
# does not point at; the server keeps reading the other meanwhile.
prev=$(readlink "$out" 2>/dev/null || :)
case $prev in
*.a) next=$out.b ;;
*) next=$out.a ;;
esac
rm -rf "$next"
mkdir -p "$next"
# Shards 0 .. N-1 of this run only: a shard-K left by a run with more
# shards holds an older commit's pages, which would be copied over
# these.  Such folders (and their lock, manifests and standby) go.
i=0
while [ "$i" -lt "$n" ]; do
	cp -R "$work/shard-$i/." "$next/"
	i=$((i + 1))
done
cp -R "$work/root/." "$next/"
for d in "$work"/shard-*; do
	k=${d##*/shard-}
	case $k in ''|*[!0-9]*) continue ;; esac
	[ "$k" -lt "$n" ] ||
	    rm -rf "$d" "$work/.shard-$k".* "$work/shard-$k".*-*
done
# The switch is one rename(2) of a new link over OUT: a reader finds the
# old site or the new one, never none.  A link's target is relative, so
# OUT and its two folders can move together.  An OUT that is still a
# folder (a run of the earlier parallel.sh) is moved aside first: the
# one moment without a site, once.
rm -f "$out.link"
ln -s "${next##*/}" "$out.link"
if [ -d "$out" ] && [ ! -L "$out" ]; then
	rm -rf "$out.old"
	mv "$out" "$out.old"
fi
mv -T "$out.link" "$out"
# The site before goes (as a reader holding one of its files open still
# reads it to the end): one site's room on disk between runs, not two.
rm -rf "$out.old"
case $prev in
"${out##*/}.a" | "${out##*/}.b") rm -rf "$(dirname "$out")/$prev" ;;
esac	# (a link someone else made is theirs)
