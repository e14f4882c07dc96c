#!/bin/bash
# bench/gate.sh [N] -- the approval gate on a long history: a content
# repository of a few thousand items whose mainline holds N (default
# 5000; `make bench` uses 1000) signed approval commits.  Measured, each
# with /usr/bin/time (wall, peak memory, CPU):
#   status cold/warm  `gongkai status --trust --json`, without and with
#                     the verification cache (GONGKAI_CACHE_DIR, kept in
#                     bench/out/gate-N/cache, emptied for cold runs)
#   build cold        `gongkai build --trust` into an empty folder, no cache
#   preview cold      `gongkai build --preview` of the same working tree
#   build warm        `build --full --trust` with the warm cache, and
#   preview           `build --full --preview`, alternated REPEAT (default
#                     3) times; the least of each gives issue 11's ratio
#   ... nochange      each once more without --full: a no-change rebuild
# It fails unless `status` shows every path online as live at HEAD (no
# version waiting) and both builds have a page for every item: a gate
# that publishes nothing would be timed for nothing.
#
# The history: c1 an editor (unsigned) commits the corpus of
# `bench/gen.sh OUT UNITS ITEMS` (a province > city > county > township
# > village tree of 1-4 KB items; its levels made web-only, so the build
# is pages, not PDFs) with three reviewers alice, bob and carol (scope
# content/**) and their keys/; c2 the administrator approves governance;
# then N empty approval commits signed in turn by alice, bob and carol,
# with an unsigned editor commit appending a paragraph to one .md item
# before every EDIT_EVERY-th approval (versions come and go, as in real
# use).  An unsigned version needs one approval more than its level says
# (DESIGN.md 4, "Four eyes"): 3 for the province, city and county levels
# and for a unit file not yet published.  The rotation gives every
# version three distinct reviewers within three approvals, so no edit
# falls in the last two.  What each approval approves (APPROVE):
#   all   (default) "Approved: content/**": every commit approves every
#         path again, the gate's worst case (work grows with N x paths)
#   unit  content/** three times, then the category of the last edit
#         three times after each edit, else one unit's folder/** in turn
#         (the repository is bench/out/gate-N-unit)
#
# Knobs (environment): UNITS (default 100) units of ITEMS (default 30)
# items each, so 3,000 items; EDIT_EVERY (default 100; >= 3 with
# APPROVE=unit); APPROVE; REPEAT; SITES (default: the repository's
# folder): where the outputs site/ and preview/ go, e.g. a tmpfs to
# leave the disk out; GONGKAI (default ./gongkai).  The
# generation is bench/gen.sh (awk, under a second), then a gpg run and
# a git run per approval: 20-60 s for 1000 approvals on 2 busy cores.
#
# Signing every commit with `git commit -S` costs a git and a gpg run
# each; instead each approval commit is written as raw commit text, its
# payload signed with `gpg --detach-sign --armor` (a real ed25519
# signature, checked by the gate like any other), the signature put in
# a gpgsig header, and the object stored with `git hash-object -t
# commit -w`.  The repository is then packed (as a clone would be),
# kept in bench/out/gate-N[-unit]/ and reused while N, UNITS, ITEMS,
# EDIT_EVERY and APPROVE match.  With TARGETS=FILE, the ratio of the
# warm gated build to the --preview build is appended to FILE as a row
# of issue 11's table.  bash, for arrays and ${var//...}.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
N=${1:-${GATE_BENCH_N:-5000}}
UNITS=${UNITS:-100}
ITEMS=${ITEMS:-30}
EDIT_EVERY=${EDIT_EVERY:-100}
APPROVE=${APPROVE:-all}
case $APPROVE in all|unit) ;; *)
	echo "bench/gate.sh: APPROVE: all or unit" >&2
	exit 2 ;;
esac
for v in "$N" "$UNITS" "$ITEMS" "$EDIT_EVERY"; do
	case $v in ''|*[!0-9]*|0)
		echo "bench/gate.sh: N, UNITS, ITEMS, EDIT_EVERY:" \
		    "positive integers" >&2
		exit 2 ;;
	esac
done
if [ "$APPROVE" = unit ] && [ "$EDIT_EVERY" -lt 3 ]; then
	echo "bench/gate.sh: APPROVE=unit needs EDIT_EVERY >= 3" >&2
	exit 2
fi
GONGKAI=${GONGKAI:-$top/gongkai}
case $GONGKAI in /*) ;; *) GONGKAI=$top/$GONGKAI ;; esac
out=$top/bench/out/gate-$N
[ "$APPROVE" = all ] || out=$out-$APPROVE
sites=${SITES:-$out}
case $sites in /*) ;; *) sites=$top/$sites ;; esac
repo=$out/repo
params="N=$N UNITS=$UNITS ITEMS=$ITEMS EDIT_EVERY=$EDIT_EVERY APPROVE=$APPROVE"
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

generate() {
	local t0 t fpr_admin i k r name email fpr parent tree
	local payload sig commit glob edited='' n=0 edits=0 since=3
	local -a names emails fprs mds units
	t0=$(date +%s)
	rm -rf "$out"
	mkdir -p "$out" "$GNUPGHOME"
	chmod 700 "$GNUPGHOME"
	echo "bench/gate.sh: generating $UNITS units x $ITEMS items and" \
	    "$N signed approval commits in $out"
	fpr_admin=$(key admin)
	names=(Alice Bob Carol)
	emails=(alice@example.org bob@example.org carol@example.org)
	fprs=("$(key alice)" "$(key bob)" "$(key carol)")
	cp "$out/admin.asc" "$out/trust.asc"

	git init -q -b main "$repo"
	git -C "$repo" config commit.gpgsign false
	sh bench/gen.sh "$repo" "$UNITS" "$ITEMS" >/dev/null
	rm -f "$repo/.gen-params"
	# gen.sh's config with web-only levels (no board/handout PDFs: the
	# build is its pages) and the three reviewers instead of none.
	sed -e 's/outputs: \[web,[^]]*\]/outputs: [web]/' \
	    -e '/^reviewers: \[\]$/d' "$repo/config.yaml" >"$out/config.yaml"
	cat >>"$out/config.yaml" <<-EOF
	reviewers:
	  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }
	  - { id: bob, name: Bob, email: bob@example.org, key: keys/bob.asc, scope: ["content/**"] }
	  - { id: carol, name: Carol, email: carol@example.org, key: keys/carol.asc, scope: ["content/**"] }
	EOF
	mv "$out/config.yaml" "$repo/config.yaml"
	mkdir -p "$repo/keys"
	cp "$out/alice.asc" "$out/bob.asc" "$out/carol.asc" "$repo/keys/"
	# The .md items an edit may touch (a paragraph appended to a .yaml
	# item would not be YAML), in a fixed order.
	mapfile -t mds < <(cd "$repo" && find content -name '*.md' | sort)
	mapfile -t units < <(cd "$repo" && find content -name _unit.yaml |
	    sed 's|/_unit\.yaml$||' | sort)
	[ "${#mds[@]}" -gt 0 ] ||
	    { echo "bench/gate.sh: gen.sh wrote no .md item" >&2; exit 1; }
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
		# An editor's change, a new version of one item, when three
		# approvals (i, i+1, i+2: three reviewers) still follow it.
		if [ $((i % EDIT_EVERY)) -eq 0 ] && [ $((i + 2)) -le "$N" ]; then
			git -C "$repo" update-ref refs/heads/main "$parent"
			edits=$((edits + 1))
			k=$(((edits * 7919) % ${#mds[@]}))
			printf '\n第%d次修订：根据群众意见补充说明办理时限。\n' \
			    "$edits" >>"$repo/${mds[k]}"
			edited=${mds[k]%/*} since=0
			git -C "$repo" add -A content
			t=$((t + 60))
			GIT_AUTHOR_DATE="@$t +0800" GIT_COMMITTER_DATE="@$t +0800" \
			    git -C "$repo" -c user.name=editor \
			    -c user.email=editor@example.org commit -q -m "edit $edits"
			parent=$(git -C "$repo" rev-parse HEAD)
			tree=$(git -C "$repo" rev-parse 'HEAD^{tree}')
		fi
		r=$((i % 3))
		# What approval i approves: everything; or (APPROVE=unit)
		# everything three times, then the category of the last edit
		# three times after it, else one unit's folder in turn.
		if [ "$APPROVE" = all ] || [ "$i" -le 3 ]; then
			glob='content/**'
		elif [ "$since" -lt 3 ]; then
			glob="$edited/*"
		else
			glob="${units[i % ${#units[@]}]}/**"
		fi
		since=$((since + 1))
		name=${names[r]} email=${emails[r]} fpr=${fprs[r]}
		t=$((t + 60))
		payload="tree $tree
parent $parent
author $name <$email> $t +0800
committer $name <$email> $t +0800

approve $i

Approved: $glob
"
		sig=$(printf '%s' "$payload" |
		    gpgb --armor --detach-sign -u "$fpr")
		commit="tree $tree
parent $parent
author $name <$email> $t +0800
committer $name <$email> $t +0800
gpgsig ${sig//$'\n'/$'\n' }

approve $i

Approved: $glob
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
	# Packed, as a clone on the build machine would be.
	git -C "$repo" repack -adq
	git -C "$repo" prune
	echo "$edits" >"$out/edits"
	echo "$(($(date +%s) - t0))" >"$out/gen-seconds"
	echo "$params" >"$out/done"
}

if [ -f "$out/done" ] && [ "$(cat "$out/done")" = "$params" ]; then
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
	if ! "$TIME" -f '%e s %M KiB (%U s user, %S s sys)' -o "$out/time" \
	    "$@" >"$out/stdout" 2>"$out/stderr"; then
		echo "bench/gate.sh: $label failed:" >&2
		cat "$out/stderr" >&2
		exit 1
	fi
	printf '%-17s %s\n' "$label:" "$(tail -n 1 "$out/time")"
}

# best LABEL CMD...: run CMD once; keep in least[LABEL] the least wall
# time of the runs of LABEL so far (the run the other agents on this
# machine disturbed least), and its CPU time (user + sys) in leastcpu.
declare -A least leastcpu
best() {
	run "$@"
	local t
	t=$(cut -d' ' -f1 "$out/time")
	if [ -z "${least[$1]:-}" ] ||
	    awk -v a="$t" -v b="${least[$1]}" 'BEGIN { exit !(a < b) }'; then
		least[$1]=$t
		leastcpu[$1]=$(tr -d '(' <"$out/time" | awk '{ print $5 + $8 }')
	fi
}
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}

lsf() { git -C "$repo" -c core.quotepath=false ls-files "$@"; }
items=$(lsf content | grep -vc '/_unit\.yaml$' || true)
paths=$(lsf | wc -l)
echo "bench/gate.sh: $commits mainline commits ($signed signed," \
    "$(cat "$out/edits") unsigned edits), $items items, $paths paths"

# Status first: every path must be online at HEAD, or the builds below
# would time a gate that publishes less than the preview shows.
echo "command: gongkai status --trust $out/trust.asc --json $repo"
empty_cache
run "status cold" "$GONGKAI" status --trust "$out/trust.asc" --json "$repo"
run "status warm" "$GONGKAI" status --trust "$out/trust.asc" --json "$repo"
online=$(grep -c '^      "online": true' "$out/stdout" || true)
offline=$(grep -c '^      "online": false' "$out/stdout" || true)
waiting=$(grep '^      "waiting": ' "$out/stdout" |
    grep -vc '"waiting": null' || true)
echo "bench/gate.sh: status: $online of $paths paths online, $offline not," \
    "$waiting with a version waiting"
if [ "$online" -ne "$paths" ] || [ "$offline" -ne 0 ] ||
    [ "$waiting" -ne 0 ]; then
	echo "bench/gate.sh: error: not every path is online as live at HEAD" >&2
	{ "$GONGKAI" status --trust "$out/trust.asc" "$repo" | awk '
	    / waits | held / { print prev; print; if (++n == 10) exit }
	    { prev = $0 }' >&2; } || true
	exit 1
fi

# Builds.  Cold: no cache, empty output folder.  Then, alternating, a
# full gated build with the warm cache (--full: every page rendered
# anew) and a full --preview build of the same content, REPEAT times,
# and the least time of each; then each once more without --full, as
# a no-change incremental rebuild.
REPEAT=${REPEAT:-3}
# the project's theme, as installed: the corpus does not publish one
theme=(--theme "$top/themes/default")
rm -rf "$sites/site" "$sites/preview"
mkdir -p "$sites"
echo "command: gongkai build --trust $out/trust.asc --out $sites/site $repo"
empty_cache
run "build cold" "$GONGKAI" build --quiet "${theme[@]}" \
    --trust "$out/trust.asc" \
    --out "$sites/site" "$repo"
[ -n "$(ls "$cache")" ] || { echo "bench/gate.sh: no cache written" >&2; exit 1; }
echo "command: gongkai build --preview --out $sites/preview $repo"
run "preview cold" "$GONGKAI" build --quiet --preview "${theme[@]}" \
    --out "$sites/preview" "$repo"
# Every item has its page in both sites: an item page is a .html file
# in a category folder of a unit, named after the item.
item_pages() {
	lsf content | grep -v '/_unit\.yaml$' |
	    sed 's/\.[^./]*$/.html/; s|^content/||' | (
		cd "$1" && n=0
		while IFS= read -r f; do [ -f "$f" ] && n=$((n + 1)); done
		echo "$n"
	    )
}
published=$(item_pages "$sites/site")
previewed=$(item_pages "$sites/preview")
echo "bench/gate.sh: $published item pages built by the gate," \
    "$previewed by --preview, of $items items"
if [ "$published" -lt "$items" ] || [ "$previewed" -lt "$items" ]; then
	echo "bench/gate.sh: error: fewer item pages than items" >&2
	exit 1
fi
for r in $(seq 1 "$REPEAT"); do
	best "build warm" "$GONGKAI" build --quiet --full "${theme[@]}" \
	    --trust "$out/trust.asc" --out "$sites/site" "$repo"
	best "preview" "$GONGKAI" build --quiet --full --preview "${theme[@]}" \
	    --out "$sites/preview" "$repo"
done
run "build nochange" "$GONGKAI" build --quiet "${theme[@]}" \
    --trust "$out/trust.asc" \
    --out "$sites/site" "$repo"
inc_gate=$(cut -d' ' -f1 "$out/time")
run "preview nochange" "$GONGKAI" build --quiet --preview "${theme[@]}" \
    --out "$sites/preview" "$repo"
inc_prev=$(cut -d' ' -f1 "$out/time")
warm=${least["build warm"]} preview=${least["preview"]}
cpu_warm=${leastcpu["build warm"]} cpu_preview=${leastcpu["preview"]}
r_full=$(ratio "$warm" "$preview")
echo "bench/gate.sh: least of $REPEAT: gated --full with a warm cache" \
    "$warm s, --preview --full $preview s: $r_full"
echo "bench/gate.sh: CPU (user+sys) of those runs: $cpu_warm s," \
    "$cpu_preview s: $(ratio "$cpu_warm" "$cpu_preview")"
echo "bench/gate.sh: no-change rebuild: gated $inc_gate s," \
    "--preview $inc_prev s: $(ratio "$inc_gate" "$inc_prev")"
what='content/**'
[ "$APPROVE" = all ] || what='unit folders'
[ -z "${TARGETS:-}" ] || echo "gated build, warm cache, vs --preview" \
    "($commits commits approving $what, $items items)|$r_full x|<= 1.2 x" \
    >>"$TARGETS"
