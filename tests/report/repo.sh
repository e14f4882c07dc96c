# tests/report/repo.sh -- sourced after tests/gate/lib.sh: report_repo
# makes $GK_REPO from tests/report/tree with keys admin (the trust
# root, $TRUST) and alice (reviewer of content/**), and the history
#
#   * c1 S[editor]: config.yaml keys/ content/ (the tree)
#   * c2 S[admin] A: config.yaml, A: keys/**
#   * c3 S[alice] A: content/**
#
# Returns 1 if the keys cannot be made.
report_repo() {
	gk_setup
	mkkey admin >/dev/null && mkkey alice >/dev/null &&
	    mkkey editor >/dev/null || return 1
	TRUST=$GK_DIR/keys/admin.asc
	cp -R tests/report/tree/. "$GK_REPO/"
	mkdir -p "$GK_REPO/keys"
	cp "$GK_DIR/keys/alice.asc" "$GK_DIR/keys/editor.asc" "$GK_REPO/keys/"
	git -C "$GK_REPO" add -A
	gk_commit editor editor c1
	gk_approve admin admin config.yaml 'keys/**'
	gk_approve alice alice 'content/**'
}
