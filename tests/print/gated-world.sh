# tests/print/gated-world.sh -- sourced by the print tests after
# tests/gate/lib.sh: print_world REPO T V makes $GK_REPO a gated copy of
# village V (under township T) of the content repository REPO, its
# county's and township's unit files beside it, with two reviewers
# (wang, li) and an editor in its config.yaml, the governance approved
# by admin.  Nothing is committed of the content yet: the caller adds
# what it needs and commits it (gk_commit editor editor ...).
print_world() {
	_r=$1 _t=$2 _v=$3
	gk_setup >/dev/null 2>&1
	for _k in admin wang li editor; do
		mkkey $_k >/dev/null 2>&1
	done
	mkdir -p "$GK_REPO/keys"
	cp "$GK_DIR/keys/wang.asc" "$GK_DIR/keys/li.asc" \
	    "$GK_DIR/keys/editor.asc" "$GK_REPO/keys/"
	sed '/^reviewers: \[\]/d' "$_r/config.yaml" >"$GK_REPO/config.yaml"
	cat >>"$GK_REPO/config.yaml" <<-'EOT'
	reviewers:
	  - { id: wang, name: 王丽, email: wang@example.org, key: keys/wang.asc,
	      scope: ["content/**"] }
	  - { id: li, name: 李明, email: li@example.org, key: keys/li.asc,
	      scope: ["content/**"] }
	editors:
	  - { id: editor, name: 编辑, email: editor@example.org,
	      key: keys/editor.asc }
	EOT
	git -C "$GK_REPO" add config.yaml keys
	gk_commit admin admin "governance" >/dev/null
	gk_approve admin admin config.yaml 'keys/**' >/dev/null
	mkdir -p "$GK_REPO/content/$_t"
	cp "$_r/content/shifan-county/_unit.yaml" "$GK_REPO/content/shifan-county/"
	cp "$_r/content/$_t/_unit.yaml" "$GK_REPO/content/$_t/"
	cp -R "$_r/content/$_v" "$GK_REPO/content/$_t/"
}
