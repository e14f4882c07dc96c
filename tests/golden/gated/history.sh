# tests/golden/gated/history.sh -- sourced by tests/golden.test.sh
# (after tests/gate/lib.sh, with $CASE this folder): makes $GK_REPO, the
# repository of the gated golden build, from input/ with signed commits
# at fixed times.  The keys in keys/ are throwaway test keys (never use
# them for anything else); ed25519 signatures are deterministic and gpg
# signs at the frozen time of each commit, so every commit id, and so
# the whole build, is the same on every run.
#
# Keys: admin (trust.asc: the trust root), wang, li and zhao
# (reviewers, scope content/**).  County items need 2 approvals,
# village items 1; the editor's commits are unsigned.  Where a
# threshold is reached, the next reviewer approves a minute later on
# the same day, so the dates hold also under a rule that asks one more
# approval of a version whose author is not proven by a signature.
#
#   * c1  01-01 editor: config.yaml keys/ content/ (input/)
#   * c2  01-01 S[admin] A: config.yaml, A: keys/**
#   * c3  01-02 S[wang] A: content/**
#   * c4  01-02 S[li] A: content/county/village/**
#   * c5  01-05 S[li] A: content/county/**
#   * c6  01-05 S[zhao] A: content/county/**  the county published, and
#                                             with it the village (a new
#                                             unit needs its county's
#                                             approvals, plus one: the
#                                             editor does not sign)
#   * c7  02-01 S[wang] A: content/**        a repeat: counts for
#                                             nothing, moves no date
#   * c8  03-01 editor: births/2025-q4.md edited (a new version)
#   * c9  03-03 S[li] A: content/county/village/births/**
#   * c10 03-03 S[zhao] A: content/county/village/births/**
#                                             the new version: published
#
# Nothing waits at the end.  Expected: the village's births item's
# 审核通过日期 is 03-03 (its new version), the county's items' 01-05
# (not 02-01).

# at DAY [MIN]: the next commit is made, and signed, at 00:MIN UTC
# of DAY.
at() {
	_t=$(($(date -u -d "$1" +%s) + 60 * ${2:-0}))
	GK_TIME=$((_t - 60))
	GK_FAKETIME="$_t!"
	export GK_FAKETIME
}

gk_setup >/dev/null
for k in admin wang li zhao; do
	gk_gpg --import "$CASE/keys/$k.sec.asc" 2>/dev/null
done
cp -R "$CASE/input/." "$GK_REPO/"
git -C "$GK_REPO" add -A
at 2026-01-01; gk_commit editor - c1
gk_approve admin admin config.yaml 'keys/**'
at 2026-01-02; gk_approve wang wang 'content/**'
at 2026-01-02 1; gk_approve li li 'content/county/village/**'
at 2026-01-05; gk_approve li li 'content/county/**'
at 2026-01-05 1; gk_approve zhao zhao 'content/county/**'
at 2026-02-01; gk_approve wang wang 'content/**'
at 2026-03-01
gk_file content/county/village/births/2025-q4.md '---
title: 2025年第四季度出生情况
date: 2025-12-30
index_no: 54000001MF0000001X/2025-00004
---
本季度出生1人，已办理生育登记。另有1人于12月31日出生，已补登记。'
gk_commit editor - c8
at 2026-03-03; gk_approve li li 'content/county/village/births/**'
at 2026-03-03 1; gk_approve zhao zhao 'content/county/village/births/**'
TRUST=$CASE/trust.asc
