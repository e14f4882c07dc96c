# tests/gate/two-units.sh: the keys and config.yaml of the two-unit
# world the gate's adversarial histories are drawn in, shared by
# tests/gate.test.sh (its decisions, through the driver) and
# tests/gate/cli-world.sh (the same histories through the commands).
# Source it from the project root after tests/lib.sh and
# tests/gate/lib.sh, with GK_DIR set.
#
# Keys: admin, admin2 (trust root, both in $TRUST); alice, bob (scope
# content/**), carol (scope content/v/**); editor; mallory (nobody).
# Levels: county (2 approvals), village (1), one catalogue with the
# category fees.  config() writes and stages config.yaml from RETIRED,
# REVOKED, GOVN (governance approvals), BOB (bob's scope) and EXTRA
# (more reviewer lines);
# two_units_repo starts a repository with them reset, the keys of the
# reviewers and the editor in keys/ and config.yaml, staged.
gk_setup
for k in admin admin2 alice bob carol mallory editor; do
	mkkey $k >"$GK_DIR/$k.fpr" || { fail "mkkey $k"; done_tests; exit 1; }
done
cat "$GK_DIR/keys/admin.asc" "$GK_DIR/keys/admin2.asc" >"$GK_DIR/trust.asc"
TRUST=$GK_DIR/trust.asc

RETIRED= REVOKED= GOVN=1 EXTRA= BOB='"content/**"'
config() {
	cat >"$GK_REPO/config.yaml" <<-EOF
	site: { title: T, base_url: "https://gongkai.example/" }
	governance_approvals: $GOVN
	levels:
	  county: { catalogue: c, outputs: [web], approvals: 2 }
	  village: { catalogue: c, outputs: [web], approvals: 1 }
	catalogues:
	  c:
	    - { id: fees, title: Fees }
	reviewers:
	  - { id: alice, name: Alice, email: alice@example.org, key: keys/alice.asc, scope: ["content/**"] }
	  - { id: bob, name: Bob, email: bob@example.org, key: keys/bob.asc, scope: [$BOB] }
	  - { id: carol, name: Carol, email: carol@example.org, key: keys/carol.asc, scope: ["content/v/**"] }
	$EXTRA
	editors:
	  - { id: editor, name: Editor, email: editor@example.org, key: keys/editor.asc }
	retired: [$RETIRED]
	revoked: [$REVOKED]
	EOF
	git -C "$GK_REPO" add config.yaml
}

two_units_repo() {
	gk_newrepo
	RETIRED= REVOKED= GOVN=1 EXTRA= BOB='"content/**"'
	mkdir -p "$GK_REPO/keys"
	for k in alice bob carol editor; do
		cp "$GK_DIR/keys/$k.asc" "$GK_REPO/keys/"
	done
	git -C "$GK_REPO" add keys
	config
}
