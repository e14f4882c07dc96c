# tests/gate/lib.sh -- fixtures for signature and gate tests: throwaway
# OpenPGP keys and git commits with fixed dates.  Source it after
# tests/lib.sh (which sets $TMP and removes it on exit), or alone (then
# set GK_DIR first).  Everything lives under $GK_DIR: the GnuPG home,
# exported public keys ($GK_DIR/keys/NAME.asc), the repository.
#
#   gk_setup                       fresh GNUPGHOME, git identity, repo $GK_REPO
#   gk_newrepo                     a fresh empty $GK_REPO, same keys
#   mkkey NAME [EXPIRE]            new ed25519 key "NAME <NAME@example.org>";
#                                  prints its fingerprint; writes
#                                  $GK_DIR/keys/NAME.asc (armored public key)
#   mkkey_2020 NAME                a key made 2020-01-01 (sign with
#                                  GK_FAKETIME=2020...), then
#   expire_key NAME                make it expire on 2020-01-02
#   revoke_key NAME                revoke NAME's key; re-export NAME.asc
#   gk_commit AS KEY MSG           commit the index as author AS
#                                  (NAME@example.org), signed by KEY
#                                  (a NAME, or - for unsigned); --allow-empty
#   gk_file PATH TEXT              write PATH in the repository and stage it
#   gk_rm PATH                     remove PATH and stage it
#   gk_approve AS KEY GLOB...      empty commit "approve" with an
#                                  "Approved: GLOB" trailer per glob
#   gk_tamper REV SED              rewrite commit REV's raw bytes with sed
#                                  expression SED; moves HEAD there if REV
#                                  is HEAD; prints the new id
#   gk_raw_commit FILE             store FILE as a commit object; prints id
#
# Commit dates are fixed and increase by a minute per commit
# (GK_TIME), so the same script makes the same ids for unsigned commits.

GK_DIR=${GK_DIR:-$TMP/gk}
GK_TIME=${GK_TIME:-1767225600}	# 2026-01-01T00:00:00Z

gk_setup() {
	rm -rf "$GK_DIR"
	mkdir -p "$GK_DIR/gnupg" "$GK_DIR/keys" "$GK_DIR/home"
	chmod 700 "$GK_DIR/gnupg"
	export GNUPGHOME="$GK_DIR/gnupg"
	export HOME="$GK_DIR/home"
	export GIT_CONFIG_NOSYSTEM=1
	export GIT_CONFIG_GLOBAL="$GK_DIR/home/gitconfig"
	: >"$GIT_CONFIG_GLOBAL"
	git config --global init.defaultBranch main
	git config --global user.name fixture
	git config --global user.email fixture@example.org
	git config --global gpg.program gpg
	git config --global commit.gpgsign false
	echo 'allow-loopback-pinentry' >"$GNUPGHOME/gpg-agent.conf"
	# A gpg that pretends to live at $GK_FAKETIME when that is set.
	cat >"$GK_DIR/gpg-wrap" <<-'EOF'
	#!/bin/sh
	if [ -n "$GK_FAKETIME" ]; then
		exec gpg --faked-system-time "$GK_FAKETIME" "$@"
	fi
	exec gpg "$@"
	EOF
	chmod +x "$GK_DIR/gpg-wrap"
	gk_newrepo
}

# A fresh empty repository at $GK_REPO, keeping the keys.
gk_newrepo() {
	GK_REPO="$GK_DIR/repo"
	export GK_REPO
	rm -rf "$GK_REPO"
	git init -q "$GK_REPO"
}

gk_gpg() {
	gpg --batch --quiet --pinentry-mode loopback --passphrase '' "$@"
}

gk_fpr() {
	if [ -s "$GK_DIR/keys/$1.fpr" ]; then
		cat "$GK_DIR/keys/$1.fpr"
		return
	fi
	gk_gpg --with-colons --list-keys "<$1@example.org>" 2>/dev/null |
	    awk -F: '/^fpr/ { print $10; exit }' | tee "$GK_DIR/keys/$1.fpr"
}

gk_export() {
	gk_gpg --armor --export "<$1@example.org>" >"$GK_DIR/keys/$1.asc"
}

mkkey() {
	gk_gpg --quick-gen-key "$1 <$1@example.org>" ed25519 sign \
	    "${2:-never}" 2>/dev/null || return 1
	gk_export "$1"
	gk_fpr "$1"
}

# A key made 2020-01-01 without expiry: sign with it (GK_FAKETIME in
# 2020), then expire_key sets its expiry to 2020-01-02 after the fact.
mkkey_2020() {
	gk_gpg --faked-system-time 20200101T000000 \
	    --quick-gen-key "$1 <$1@example.org>" ed25519 sign never \
	    2>/dev/null || return 1
	gk_export "$1"
	gk_fpr "$1"
}

expire_key() {
	gk_gpg --faked-system-time 20200101T060000 \
	    --quick-set-expire "$(gk_fpr "$1")" 1d 2>/dev/null || return 1
	gk_export "$1"
}

revoke_key() {
	f=$(gk_fpr "$1")
	sed 's/^:-----BEGIN/-----BEGIN/' \
	    "$GNUPGHOME/openpgp-revocs.d/$f.rev" | gk_gpg --import 2>/dev/null
	gk_export "$1"
}

# gk_clock: the builds that follow run at the time of HEAD's commit, as
# a build right after each commit would.  A build's day is its clock's,
# never a commit's; SOURCE_DATE_EPOCH stands in for that clock here.
gk_clock() {
	SOURCE_DATE_EPOCH=$(git -C "$GK_REPO" log -1 --format=%ct)
	export SOURCE_DATE_EPOCH
}

gk_next_date() {
	GK_TIME=$((GK_TIME + 60))
	export GIT_AUTHOR_DATE="@$GK_TIME +0800"
	export GIT_COMMITTER_DATE="@$GK_TIME +0800"
}

gk_commit() {
	as=$1 key=$2 msg=$3
	gk_next_date
	if [ "$key" = - ]; then
		set -- --no-gpg-sign
	else
		set -- -S"$(gk_fpr "$key")"
	fi
	git -C "$GK_REPO" -c gpg.program="$GK_DIR/gpg-wrap" \
	    -c user.name="$as" -c user.email="$as@example.org" \
	    commit -q --allow-empty "$@" -m "$msg"
}

gk_file() {
	mkdir -p "$GK_REPO/$(dirname "$1")"
	printf '%s\n' "$2" >"$GK_REPO/$1"
	git -C "$GK_REPO" add -- "$1"
}

gk_rm() {
	git -C "$GK_REPO" rm -q -r -- "$1"
}

gk_approve() {
	as=$1 key=$2
	shift 2
	msg="approve"
	sep='

'
	for g in "$@"; do
		msg="$msg${sep}Approved: $g"
		sep='
'
	done
	gk_commit "$as" "$key" "$msg"
}

gk_raw_commit() {
	git -C "$GK_REPO" hash-object -t commit -w --literally "$1"
}

gk_tamper() {
	git -C "$GK_REPO" cat-file commit "$1" | sed "$2" >"$GK_DIR/tamper"
	id=$(gk_raw_commit "$GK_DIR/tamper")
	if [ "$1" = HEAD ]; then
		git -C "$GK_REPO" update-ref HEAD "$id"
	fi
	echo "$id"
}

# The gate driver build/unit_gate (GATE_DRIVER, else beside $GONGKAI),
# as an absolute path, in DRV.
gk_driver() {
	DRV=${GATE_DRIVER:-$(dirname "$GONGKAI")/build/unit_gate}
	[ -x "$DRV" ] || DRV=${GATE_DRIVER:-$(dirname "$GONGKAI")/unit_gate}
	[ -x "$DRV" ] || DRV=build/unit_gate
	DRV=$(cd "$(dirname "$DRV")" && pwd)/$(basename "$DRV")
}

# gk_drive TRUSTFILE CASE [DRIVER OPTIONS]: the gate's decisions in
# $GK_DIR/out, and the same from a gate that records every repeat
# (-F): folding repeats (struct fold in src/gate.c) must change nothing
# the driver prints.
gk_drive() {
	gt=$1 gc=${2:+$2: }
	shift 2
	"$DRV" "$@" "$GK_REPO" "$gt" >"$GK_DIR/out" 2>"$GK_DIR/err" ||
	    fail "${gc}driver: $(head -c 300 "$GK_DIR/err")"
	"$DRV" -F "$@" "$GK_REPO" "$gt" >"$GK_DIR/out.F" 2>"$GK_DIR/err" ||
	    fail "${gc}driver -F: $(head -c 300 "$GK_DIR/err")"
	cmp -s "$GK_DIR/out" "$GK_DIR/out.F" && ok ||
	    fail "${gc}repeats folded: $(diff "$GK_DIR/out.F" "$GK_DIR/out" | head -5)"
}

# gk_expect CASE PATH FIELD=VALUE...: the driver's line for PATH has
# every field.
gk_expect() {
	c=$1 p=$2
	shift 2
	line=$(grep "^$p " "$GK_DIR/out")
	for kv; do
		case " $line " in
		*" $kv "*) ok ;;
		*) fail "$c: $p: want $kv; got: $(echo "${line:-nothing}" | head -c 300)" ;;
		esac
	done
}
