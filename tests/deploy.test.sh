#!/bin/sh
# deploy/parallel.sh, with a stand-in for GNU parallel (not a Debian
# dependency): the site it puts in place is the single gated build,
# byte for byte, and stays so when N goes down between two commits.  A
# shard folder left by the run with more shards holds the older
# commit's pages; copied with the others, it put them back.
. tests/lib.sh
GK_DIR=$TMP/gk
. tests/gate/lib.sh
export SOURCE_DATE_EPOCH=1780272000	# 2026-06-01
export GONGKAI_CACHE_DIR=$TMP/cache
CASE=$(cd tests/golden/gated && pwd)
. "$CASE/history.sh" >"$TMP/hist" 2>&1 || { cat "$TMP/hist"; fail "history"; }

# gongkai and parallel on PATH; the stand-in runs the command once per
# argument after :::, each {} replaced by it, all at once, as parallel
# -j N does with N arguments
mkdir -p "$TMP/bin"
ln -s "$GONGKAI" "$TMP/bin/gongkai"
cat >"$TMP/bin/parallel" <<'EOF'
#!/bin/sh
while :; do
	case $1 in --halt|-j) shift 2 ;; *) break ;; esac
done
n=0
while [ "$1" != ":::" ]; do
	n=$((n + 1))
	eval "w$n=\$1"
	shift
done
shift
pids=
for a in "$@"; do
	set --
	i=1
	while [ "$i" -le "$n" ]; do
		eval "w=\$w$i"
		set -- "$@" "$(printf '%s' "$w" | sed "s/{}/$a/g")"
		i=$((i + 1))
	done
	"$@" &
	pids="$pids $!"
done
rc=0
for p in $pids; do wait "$p" || rc=1; done
exit $rc
EOF
chmod +x "$TMP/bin/parallel"
deploy() {
	PATH=$TMP/bin:$PATH sh deploy/parallel.sh "$GK_REPO" "$TRUST" "$1" \
	    "$TMP/site" 2>"$TMP/deploy.err" || { cat "$TMP/deploy.err"; return 1; }
}
one() {
	rm -rf "$TMP/one" "$TMP/.one".*
	"$GONGKAI" build --quiet --trust "$TRUST" --out "$TMP/one" "$GK_REPO"
}

# a site left as a real folder by the two-rename swap of before
mkdir -p "$TMP/site" && : >"$TMP/site/stale.html"
check "3 shards deployed" deploy 3
check "OUT is a link to one of two folders" \
    [ -L "$TMP/site" ] && [ "$(readlink "$TMP/site")" = site.a ]
check "the folder OUT was is gone" [ ! -e "$TMP/site.old" ]
one || fail "single build"
check "3 shards + root = one build" diff -r "$TMP/one" "$TMP/site"

# the village's item corrected and approved; then 1 shard
at 2026-04-01
gk_file content/county/village/births/2025-q4.md '---
title: 2025年第四季度出生情况（更正版）
date: 2025-12-30
index_no: 54000001MF0000001X/2025-00004
---
本季度出生2人，均已办理生育登记。' >/dev/null
gk_commit editor - c11 >/dev/null
at 2026-04-03; gk_approve li li 'content/county/village/births/**' >/dev/null
at 2026-04-03 1; gk_approve zhao zhao 'content/county/village/births/**' >/dev/null
check "1 shard deployed" deploy 1
check "the next run fills the other folder" \
    [ "$(readlink "$TMP/site")" = site.b ]
check "and the one before is gone" [ ! -e "$TMP/site.a" ]
one || fail "single build after the correction"
check "the corrected item is in the single build" \
    grep -rq '更正版' "$TMP/one"
check "1 shard + root = one build, no older page copied back" \
    diff -r "$TMP/one" "$TMP/site"
check "the shard folders beyond N removed" \
    test ! -e "$TMP/site.shards/shard-1" -a ! -e "$TMP/site.shards/shard-2"
check "and their manifests and locks" \
    [ -z "$(ls -a "$TMP/site.shards" | grep -e '^\.shard-[12]\.' \
    -e '^shard-[12]\.')" ]
check "shard 0 kept" test -d "$TMP/site.shards/shard-0"
done_tests
