#!/bin/sh
# make demo: the real flow in a scratch repository made from content/
# and config.yaml.  Throwaway OpenPGP keys for an administrator (the
# trust root), an editor and three reviewers; the editor commits the
# content, signed; two reviewers approve it with signed commits (a new
# unit needs the approvals of the unit above it); then one new item waits for
# approval and one edit waits while the old text stays online.  Finally
# 'gongkai build --trust' publishes into site-out/ and 'gongkai status'
# shows what is online and what waits.
set -e
cd "$(dirname "$0")/.."
top=$(pwd)
gk=$top/gongkai
demo=$top/build/demo
repo=$demo/repo

./gongkai check . >/dev/null

rm -rf "$demo"
mkdir -p "$demo/keys"
GNUPGHOME=$(mktemp -d /tmp/gongkai-demo-gpg.XXXXXX)
export GNUPGHOME
trap 'gpgconf --kill gpg-agent 2>/dev/null; rm -rf "$GNUPGHOME"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
t=1795136400	# 2026-11-20 09:00 +0800, after the content's dates; a minute per commit
when() { t=$((t + 60)); export GIT_AUTHOR_DATE="@$t +0800" GIT_COMMITTER_DATE="@$t +0800"; }

key() {	# key ID "NAME": make a key, export it, print its fingerprint
	gpg --batch --quiet --pinentry-mode loopback --passphrase '' --trust-model always \
	    --quick-gen-key "$2 <$1@shifan.example.gov.cn>" ed25519 sign never 2>/dev/null
	gpg --batch --armor --export "<$1@shifan.example.gov.cn>" >"$demo/keys/$1.asc"
	gpg --batch --with-colons --list-keys "<$1@shifan.example.gov.cn>" 2>/dev/null |
	    awk -F: '/^fpr/ { print $10; exit }'
}
echo "demo: making throwaway keys (administrator, an editor, three reviewers)"
admin=$(key admin 县卫健局管理员)
chen=$(key chen-chen 编辑陈晨)
wang=$(key wang-li 王丽)
li=$(key li-ming 李明)
zhao=$(key zhao-min 赵敏)

as() {	# as ID NAME FPR: act as this person in the scratch repository
	git -C "$repo" config user.email "$1@shifan.example.gov.cn"
	git -C "$repo" config user.name "$2"
	git -C "$repo" config user.signingkey "$3"
}

git init -q -b main "$repo"
git -C "$repo" config commit.gpgsign false

# 1. The administrator puts governance in place and approves it.
as admin 县卫健局管理员 "$admin"
mkdir -p "$repo/keys"
cp "$demo/keys/wang-li.asc" "$demo/keys/li-ming.asc" "$demo/keys/zhao-min.asc" \
    "$demo/keys/chen-chen.asc" "$repo/keys/"
sed '/^reviewers: \[\]/d' config.yaml >"$repo/config.yaml"
cat >>"$repo/config.yaml" <<-'YAML'
reviewers:
  - { id: wang-li, name: 王丽, email: wang-li@shifan.example.gov.cn,
      key: keys/wang-li.asc, scope: ["content/shifan-county/**"] }
  - { id: li-ming, name: 李明, email: li-ming@shifan.example.gov.cn,
      key: keys/li-ming.asc, scope: ["content/shifan-county/**"] }
  - { id: zhao-min, name: 赵敏, email: zhao-min@shifan.example.gov.cn,
      key: keys/zhao-min.asc, scope: ["content/shifan-county/xihe-town/**"] }
editors:
  - { id: chen-chen, name: 陈晨, email: chen-chen@shifan.example.gov.cn,
      key: keys/chen-chen.asc }
YAML
git -C "$repo" add config.yaml keys
when; git -C "$repo" commit -q -S -m "设立审核人员和公开目录" \
    -m "Approved: config.yaml
Approved: keys/**"

# 2. An editor commits the content, signed with her key: the signer is
#    the author, so a one-approval village needs one reviewer other
#    than her (an unsigned commit would need one more).
as chen-chen 编辑陈晨 "$chen"
cp -R content "$repo/"
held=content/shifan-county/other/2026-sunshine-evaluation.md
rm "$repo/$held"	# kept back: committed after the approvals
git -C "$repo" add content
when; git -C "$repo" commit -q -S -m "录入示范县公开事项"

# 3. Two reviewers approve everything in their scope (county items
#    need two, township and village items one).
cd "$repo"
as wang-li 王丽 "$wang"; when; "$gk" approve 'content/**' >/dev/null
as li-ming 李明 "$li"; when; "$gk" approve 'content/**' >/dev/null
cd "$top"

# 4. After the approvals: a new item (waits) and an edit (waits; the
#    approved text stays online).
as chen-chen 编辑陈晨 "$chen"
cp "$held" "$repo/$held"
edited=content/shifan-county/fees/2026-fee-standard.md
printf '\n（2026年11月补充：新增一项收费说明，待审核。）\n' >>"$repo/$edited"
git -C "$repo" add content
when; git -C "$repo" commit -q -S -m "新增评议通报；补充收费说明"

# 5. Ops publish the approved state.
gpg --batch --armor --export "<admin@shifan.example.gov.cn>" >"$demo/trust.asc"
# every demo makes a new history: the previous demo site is not its past
rm -rf "$top/site-out"
"$gk" build --trust "$demo/trust.asc" --out "$top/site-out" "$repo"
echo
echo "demo: gongkai status --trust build/demo/trust.asc build/demo/repo"
"$gk" status --trust "$demo/trust.asc" "$repo" >"$demo/status.txt"
sed -n '1,3p' "$demo/status.txt"
grep -B1 'waits for' "$demo/status.txt" | grep -v '^--$'
tail -n 1 "$demo/status.txt"

# 6. The completeness report (site-out/report.html, and report.html on
#    every unit): --strict exits 1 when a required category is empty or
#    overdue, which the demo has on purpose, so it must not fail make.
echo
echo "demo: gongkai report --strict --trust build/demo/trust.asc build/demo/repo"
"$gk" report --strict --trust "$demo/trust.asc" "$repo" \
    >"$demo/report.txt" 2>"$demo/report-gaps.txt" || true
sed -n '1,2p' "$demo/report.txt"
cat "$demo/report-gaps.txt"
echo
echo "demo: published into site-out/ (open site-out/index.html;"
echo "      site-out/report.html is the completeness report);"
echo "      the scratch repository is build/demo/repo"
