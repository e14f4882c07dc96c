#!/bin/sh
# fuzz/seed.sh -- (re)makes the seed files of fuzz/corpus/<target>/ from
# the inputs under tests/, content/ and themes/ (files under 8 KiB) and
# the signed commits of tests/gate/sig-fixture.sh.  Run from the
# project root; existing files (crash and regression inputs) stay.
# The seeds are committed: `make check` replays them without this.
set -e
C=fuzz/corpus
mkdir -p $C/ydoc $C/item $C/cfg $C/unit $C/tmpl $C/md $C/commit $C/keys \
    $C/idxno
small() { find "$@" -type f -size -8k | LC_ALL=C sort; }
name() { echo "$1" | sed 's|/|_|g'; }

for f in $(small tests content config.yaml -name '*.yaml'); do
	cp "$f" "$C/ydoc/seed-$(name "$f")"
done
for f in $(small tests content -name '*.md' ! -name 'README*'); do
	{ printf 0; cat "$f"; } >"$C/item/seed-$(name "$f")"
	sed '1,/^---$/{/^---$/!d};1,/^---$/d' "$f" >"$C/md/seed-$(name "$f")"
done
for f in $(small tests content -name '*.yaml' ! -name '_unit.yaml' \
    ! -name config.yaml); do
	{ printf 1; cat "$f"; } >"$C/item/seed-$(name "$f")"
done
for f in $(small tests config.yaml -name config.yaml); do
	cp "$f" "$C/cfg/seed-$(name "$f")"
done
for f in $(small tests content -name _unit.yaml); do
	cp "$f" "$C/unit/seed-$(name "$f")"
done
for f in $(small themes -name '*.mustache'); do
	cp "$f" "$C/tmpl/seed-$(name "$f")"
done
# Index numbers: format, org_code, code, category, existing numbers.
printf '{org_code}/{year}-{serial:05}\n009876543\n510124\nfees\n009876543/2026-00012\n009876543/2026-00003\n' \
    >$C/idxno/seed-default
printf '{code}-{category}-{yyyymm}-{serial}\n\n510124\nlaws\n510124-laws-202603-7\n' \
    >$C/idxno/seed-yyyymm
printf 'ZJ-{org_code}/{serial:03}\nA01\n\n\nZJ-A01/012\nZJ-A01/0012\n' \
    >$C/idxno/seed-noyear
# Raw commits: plain, signed (OpenPGP, SSH, two headers), with trailers.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh tests/gate/sig-fixture.sh "$tmp" >/dev/null 2>&1
for f in "$tmp"/*.commit; do
	cp "$f" "$C/commit/seed-$(basename "$f" .commit)"
done
# Key text: armored and binary keys, one with a subkey, and one key
# repeated past SIG_KEY_KEYS.
for f in "$tmp"/keys/*.asc "$tmp"/keys/*.gpg; do
	cp "$f" "$C/keys/seed-$(basename "$f")"
done
perl tests/gate/key-bomb.pl "$tmp/keys/alice.asc" 17 >"$C/keys/seed-bomb.gpg"
perl tests/gate/key-bomb.pl "$tmp/keys/alice.asc" 17 armor \
    >"$C/keys/seed-bomb.asc"
