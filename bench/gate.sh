#!/bin/bash
# bench/gate.sh [N] -- the approval gate on a long history: a content
# repository whose mainline holds N (default 5000) signed approval
# commits, then `gongkai build --trust` and `gongkai status --json`
# timed cold (no verification cache) and warm (cache present), each
# with /usr/bin/time (wall, peak memory, CPU).  The verification cache
# is kept in bench/out/gate-N/cache (GONGKAI_CACHE_DIR), emptied for
# cold runs.
#
# The history: c1 editor commits config.yaml, keys/ and two units of
# ITEMS items each (content/c county: 2 approvals, content/v village:
# 1); c2 the administrator approves governance; then N empty approval
# commits "Approved: content/**", signed in turn by alice and bob, with
# an unsigned editor commit changing one item every EDIT_EVERY
# approvals (so versions come and go, as in real use).
#
# Signing every commit with `git commit -S` costs a git and a gpg run
# each; instead each approval commit is written as raw commit text, its
# payload signed with `gpg --detach-sign --armor` (a real ed25519
# signature, checked by the gate like any other), the signature put in
# a gpgsig header, and the object stored with `git hash-object -t
# commit -w`.  Generation takes a few minutes for 5000 commits; the
# repository is kept in bench/out/gate-N/ and reused (delete it to
# regenerate).  With TARGETS=FILE, the ratio of the warm build to a
# --preview build of the same content is appended to FILE as a row of
# issue 11's table.  bash, for ${var//...} on the signature lines.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
N=${1:-${GATE_BENCH_N:-5000}}
ITEMS=${ITEMS:-50}
EDIT_EVERY=${EDIT_EVERY:-100}
GONGKAI=${GONGKAI:-$top/gongkai}
case $GONGKAI in /*) ;; *) GONGKAI=$top/$GONGKAI ;; esac
out=$top/bench/out/gate-$N
repo=$out/repo
export LC_ALL=C TZ=UTC
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GNUPGHOME=$out/gnupg
TIME='/usr/bin/time'
[ -x "$TIME" ] || { echo "bench/gate.sh: needs /usr/bin/time" >&2; exit 2; }
[ -x "$GONGKAI" ] || make -s gongkai

gpgb() {
	gpg --batch --quiet --no-tty --pinentry-mode loopback --passphrase '' \
	    --trust-model always --no-auto-check-trustdb "$@"
}
cleanup() { gpgconf --kill gpg-agent 2>/dev/null || true; }
trap cleanup EXIT

key() {	# key NAME: make a key; print its fingerprint
	gpgb --quick-gen-key "$1 <$1@example.org>" ed25519 sign never 2>/dev/null
	gpgb --armor --export "<$1@example.org>" >"$out/$1.asc"
	gpgb --with-colons --list-keys "<$1@example.org>" 2>/dev/null |
	    awk -F: '/^fpr/ { print $10; exit }'
}

item() { # item PATH N VERSION
	mkdir -p "$(dirname "$repo/$1")"
	printf -- '---\ntitle: 收费项目第%d号\ndate: 2026-01-%02d\n---\n' \
	    "$2" $(($2 % 28 + 1)) >"$repo/$1"
	printf '第%d号收费项目的标准说明，第%d版。按照有关规定公开收费依据、' \
	    "$2" "$3" >>"$repo/$1"
	printf '标准和范围，接受社会监督。\n\n| 项目 | 标准 |\n|---|---|\n' >>"$repo/$1"
	printf '| 服务%d | %d元 |\n' "$2" $(($2 * 10 + $3)) >>"$repo/$1"
}

generate() {
	local t0 t fpr_admin fpr_alice fpr_bob i who name email fpr parent tree
	local payload sig commit n=0 edits=0
	t0=$(date +%s)
	rm -rf "$out"
	mkdir -p "$out" "$GNUPGHOME"
	chmod 700 "$GNUPGHOME"
	echo "bench/gate.sh: generating $N signed approval commits in $out"
	fpr_admin=$(key admin)
	fpr_alice=$(key alice)
	fpr_bob=$(key bob)
	cp "$out/admin.asc" "$out/trust.asc"

	git init -q -b main "$repo"
	git -C "$repo" config commit.gpgsign false
	mkdir -p "$repo/keys"
	cp "$out/alice.asc" "$out/bob.asc" "$repo/keys/"
	cat >"$repo/config.yaml" <<-EOF
	site: { title: 基准, base_url: "https://gongkai.example/" }
	governance_approvals: 1
	levels:
	  county: { catalogue: c, outputs: [web], approvals: 2 }
	  village: { catalogue: c, outputs: [web], approvals: 1 }
	catalogues:
	  c:
	    - { id: fees, title: 收费 }
	reviewers:
	  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }
	  - { id: bob, name: Bob, email: bob@example.org, key: keys/bob.asc, scope: ["content/**"] }
	retired: []
	revoked: []
	EOF
	mkdir -p "$repo/content/c" "$repo/content/v"
	printf 'name: 示范县\nlevel: county\n' >"$repo/content/c/_unit.yaml"
	printf 'name: 示范村\nlevel: village\n' >"$repo/content/v/_unit.yaml"
	for i in $(seq 1 "$ITEMS"); do
		item "content/c/fees/i$i.md" "$i" 1
		item "content/v/fees/i$i.md" "$i" 1
	done
	t=1767225600
	git -C "$repo" add -A
	GIT_AUTHOR_DATE="@$t +0800" GIT_COMMITTER_DATE="@$t +0800" \
	    git -C "$repo" -c user.name=editor -c user.email=editor@example.org \
	    commit -q -m 'content'
	t=$((t + 60))
	GIT_AUTHOR_DATE="@$t +0800" GIT_COMMITTER_DATE="@$t +0800" \
	    git -C "$repo" -c user.name=admin -c user.email=admin@example.org \
	    -c gpg.program=gpg commit -q --allow-empty -S"$fpr_admin" \
	    -m 'governance' -m 'Approved: config.yaml
Approved: keys/**'

	parent=$(git -C "$repo" rev-parse HEAD)
	tree=$(git -C "$repo" rev-parse 'HEAD^{tree}')
	for i in $(seq 1 "$N"); do
		if [ $((i % EDIT_EVERY)) -eq 0 ]; then
			# An editor's change: a new version of one item.
			git -C "$repo" update-ref refs/heads/main "$parent"
			edits=$((edits + 1))
			item "content/$([ $((edits % 2)) -eq 0 ] && echo c || echo v)/fees/i$((edits % ITEMS + 1)).md" \
			    $((edits % ITEMS + 1)) $((edits + 1))
			git -C "$repo" add -A content
			t=$((t + 60))
			GIT_AUTHOR_DATE="@$t +0800" GIT_COMMITTER_DATE="@$t +0800" \
			    git -C "$repo" -c user.name=editor \
			    -c user.email=editor@example.org commit -q -m "edit $edits"
			parent=$(git -C "$repo" rev-parse HEAD)
			tree=$(git -C "$repo" rev-parse 'HEAD^{tree}')
		fi
		if [ $((i % 2)) -eq 0 ]; then
			name=Bob email=bob@example.org fpr=$fpr_bob
		else
			name=Alice email=alice@example.org fpr=$fpr_alice
		fi
		t=$((t + 60))
		payload="tree $tree
parent $parent
author $name <$email> $t +0800
committer $name <$email> $t +0800

approve $i

Approved: content/**
"
		sig=$(printf '%s' "$payload" |
		    gpgb --armor --detach-sign -u "$fpr")
		commit="tree $tree
parent $parent
author $name <$email> $t +0800
committer $name <$email> $t +0800
gpgsig ${sig//$'\n'/$'\n' }

approve $i

Approved: content/**
"
		parent=$(printf '%s' "$commit" |
		    git -C "$repo" hash-object -t commit -w --stdin)
		n=$((n + 1))
		if [ $((n % 500)) -eq 0 ]; then
			echo "  $n commits, $(($(date +%s) - t0)) s"
		fi
	done
	git -C "$repo" update-ref refs/heads/main "$parent"
	git -C "$repo" reset -q --hard
	git -C "$repo" verify-commit HEAD 2>/dev/null ||
	    { echo "bench/gate.sh: generated signature does not verify" >&2; exit 1; }
	echo "$(($(date +%s) - t0))" >"$out/gen-seconds"
	touch "$out/done"
}

if [ -f "$out/done" ]; then
	echo "bench/gate.sh: reusing $out (generated in $(cat "$out/gen-seconds") s)"
else
	generate
	echo "bench/gate.sh: generated in $(cat "$out/gen-seconds") s"
fi

commits=$(git -C "$repo" rev-list --first-parent --count HEAD)
signed=$(git -C "$repo" rev-list --first-parent --header HEAD |
    grep -c '^gpgsig ' || true)
cache=$out/cache
export GONGKAI_CACHE_DIR=$cache
# empty_cache: a fresh, empty cache folder (0700, as gongkai wants it).
empty_cache() {
	rm -rf "$cache"
	mkdir -m 700 "$cache"
}

# run LABEL CMD...: time CMD; print "LABEL: S s K KiB".
run() {
	local label=$1
	shift
	if ! "$TIME" -f '%e s %M KiB (%U s user, %S s sys)' -o "$out/time" "$@" >"$out/stdout" \
	    2>"$out/stderr"; then
		echo "bench/gate.sh: $label failed:" >&2
		cat "$out/stderr" >&2
		exit 1
	fi
	printf '%-14s %s\n' "$label:" "$(tail -n 1 "$out/time")"
}

echo "bench/gate.sh: $commits mainline commits ($signed signed), $((2 * ITEMS)) items"
echo "command: gongkai build --trust $out/trust.asc --out $out/site $repo"
empty_cache
run "build cold" "$GONGKAI" build --trust "$out/trust.asc" --out "$out/site" "$repo"
[ -n "$(ls "$cache")" ] || { echo "bench/gate.sh: no cache written" >&2; exit 1; }
run "build warm" "$GONGKAI" build --trust "$out/trust.asc" --out "$out/site" "$repo"
warm=$(cut -d' ' -f1 "$out/time")
# the same content without the gate, into its own folder, twice (the
# second like the warm build above: its output folder exists)
run "preview" "$GONGKAI" build --preview --out "$out/preview" "$repo"
run "preview again" "$GONGKAI" build --preview --out "$out/preview" "$repo"
preview=$(cut -d' ' -f1 "$out/time")
ratio=$(awk -v a="$warm" -v b="$preview" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo "bench/gate.sh: gated build with a warm cache / preview: $ratio"
[ -z "${TARGETS:-}" ] ||
    echo "gated build ($commits commits), warm cache vs --preview|$ratio x|<= 1.2 x" >>"$TARGETS"
echo "command: gongkai status --trust $out/trust.asc --json $repo"
empty_cache
run "status cold" "$GONGKAI" status --trust "$out/trust.asc" --json "$repo"
run "status warm" "$GONGKAI" status --trust "$out/trust.asc" --json "$repo"
online=$(grep -c '"online": true' "$out/stdout" || true)
pages=$(find "$out/site" -path '*/fees/i*.html' | wc -l)
echo "bench/gate.sh: $pages item pages built; $online paths online in status"
