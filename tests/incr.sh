# tests/incr.sh -- the randomised incremental-equals-clean walk, sourced
# by tests/incr.test.sh (a short fixed seed, in make check) and run by
# `make fuzz` / bench (longer seeds): incr_walk STEPS SEED.
#
# A preview repository (a copy of the demo) gets a random edit per step:
# add, edit, rename or delete an item, add, rename or delete a unit,
# change a template or config.yaml, let days pass (validity and
# timeliness depend on the day: SOURCE_DATE_EPOCH in a preview).  After
# each, a build into the same folder (incremental, --jobs 2; every
# fourth step --full) must equal a build into an empty one (--full
# --jobs 1), diff -r.  An edit that
# makes the clean build fail is undone (the incremental one must fail
# too and leave the site as it was).

# incr_rand N: RND, a number from 0 to N-1, from the walk's seed (not
# in a subshell: the state must move on).
incr_rand() {
	INCR_STATE=$(( (INCR_STATE * 1103515245 + 12345) % 2147483648 ))
	RND=$(( (INCR_STATE / 65536) % $1 ))
}

# incr_pick FILE: PICK, a random line of FILE (empty if none).
incr_pick() {
	PICK=
	_n=$(wc -l <"$1")
	[ "$_n" -gt 0 ] || return 0
	incr_rand "$_n"
	PICK=$(sed -n "$((RND + 1))p" "$1")
}

incr_edit() {
	R=$TMP/repo
	find "$R/content" -name '*.md' | LC_ALL=C sort >"$TMP/items"
	find "$R/content" -name _unit.yaml | LC_ALL=C sort |
	    sed 's|/_unit.yaml$||' >"$TMP/units"
	# leaf units below the top one
	while read -r u; do
		[ "$(find "$u" -name _unit.yaml | wc -l)" -eq 1 ] &&
		    [ "$u" != "$R/content/shifan-county" ] && echo "$u"
	done <"$TMP/units" >"$TMP/leaves"
	incr_rand 16
	k=$RND
	n=$INCR_N
	INCR_N=$((INCR_N + 1))
	case $k in
	0)	incr_pick "$TMP/items"; f=$PICK
		sed -e "s/^title: .*/title: 新增事项$n/" -e '/^index_no:/d' \
		    -e '/^doc_no:/d' "$f" >"${f%/*}/new-$n.md"
		INCR_WHAT="add ${f%/*}/new-$n.md" ;;
	1|2)	incr_pick "$TMP/items"; f=$PICK
		printf '\n第%s次修改：补充内容。\n' "$n" >>"$f"
		INCR_WHAT="edit $f" ;;
	3)	incr_pick "$TMP/items"; f=$PICK
		mv "$f" "${f%/*}/renamed-$n.md"
		INCR_WHAT="rename $f" ;;
	4)	incr_pick "$TMP/items"; f=$PICK
		rm "$f"
		INCR_WHAT="delete $f" ;;
	5)	incr_pick "$TMP/leaves"; u=$PICK
		[ -n "$u" ] || return 0
		cp -R "$u" "${u%/*}/unit$n"
		find "${u%/*}/unit$n" -name '*.md' -exec sed -i \
		    -e '/^index_no:/d' -e '/^doc_no:/d' {} +
		sed -i "s/^name: .*/name: 新单位$n/" "${u%/*}/unit$n/_unit.yaml"
		sed -i '/^code:/d' "${u%/*}/unit$n/_unit.yaml"
		INCR_WHAT="add unit ${u%/*}/unit$n" ;;
	6)	incr_pick "$TMP/leaves"; u=$PICK
		[ -n "$u" ] || return 0
		incr_rand 2
		if [ "$RND" -eq 0 ]; then
			rm -rf "$u"
			INCR_WHAT="delete unit $u"
		else
			mv "$u" "${u%/*}/moved$n"
			INCR_WHAT="rename unit $u"
		fi ;;
	7)	ls "$TMP/theme"/*.mustache >"$TMP/tmpls"
		incr_pick "$TMP/tmpls"; t=$PICK
		printf '<!-- 模板修改 %s -->\n' "$n" >>"$t"
		INCR_WHAT="template $t" ;;
	8)	sed -i "s/^  title: .*/  title: 阳光计生信息公开$n/" \
		    "$R/config.yaml"
		INCR_WHAT="config title" ;;
	11)	incr_pick "$TMP/items"; f=$PICK
		sed -i "s/^title: .*/title: 改名事项$n/" "$f"
		INCR_WHAT="retitle $f" ;;
	12)	incr_pick "$TMP/units"; u=$PICK
		incr_rand 2
		if [ "$RND" -eq 0 ]; then
			# the name of every search scope its items are in
			sed -i "s/^name: .*/name: 改名单位$n/" "$u/_unit.yaml"
			INCR_WHAT="unit name $u"
		else
			sed -i -e '/^phone:/d' "$u/_unit.yaml"
			echo "phone: 0551-6$n$n$n" | cut -c1-20 \
			    >>"$u/_unit.yaml"
			INCR_WHAT="unit phone $u"
		fi ;;
	13)	find "$R/content" -name '*.csv' -o -name '*.png' |
		    LC_ALL=C sort >"$TMP/others"
		incr_pick "$TMP/others"; f=$PICK
		[ -n "$f" ] || return 0
		case $f in
		*.csv)	sed -i '$ s/[0-9]\([^0-9]*\)$/7\1/' "$f" ;;
		*)	printf 'x%s' "$n" >>"$f" ;;
		esac
		INCR_WHAT="record or attachment $f" ;;
	14)	incr_pick "$TMP/items"; f=$PICK
		ls "${f%/*}" | grep '\.md$' | LC_ALL=C sort >"$TMP/sibs"
		incr_pick "$TMP/sibs"; g=$PICK
		printf '\n参见[同类事项](%s)。\n' "$g" >>"$f"
		INCR_WHAT="link $f -> $g" ;;
	*)	incr_rand 4
		d=1
		[ "$RND" -eq 0 ] || { incr_rand 200; d=$((RND + 1)); }
		SOURCE_DATE_EPOCH=$((SOURCE_DATE_EPOCH + d * 86400))
		INCR_WHAT="$d day(s) pass" ;;
	esac
}

# incr_build OUT [OPTIONS]: a quiet preview build of the walk's repo.
incr_build() {
	_o=$1
	shift
	"$GONGKAI" build --preview --quiet --theme "$TMP/theme" \
	    --out "$_o" "$@" "$TMP/repo" 2>"$TMP/err"
}

# incr_walk STEPS SEED: the walk; ok/fail per step.
incr_walk() {
	INCR_STATE=$2 INCR_N=0
	export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21: after the demo's records
	export GONGKAI_CACHE_DIR=$TMP/cache
	rm -rf "$TMP/repo" "$TMP/theme" "$TMP/inc" "$TMP/inc".* \
	    "$TMP/clean" "$TMP/clean".*
	mkdir -p "$TMP/repo"
	cp -R content config.yaml "$TMP/repo/"
	cp -R themes/default "$TMP/theme"
	incr_build "$TMP/inc" || fail "walk $2: first build: $(cat "$TMP/err")"
	_i=0
	while [ "$_i" -lt "$1" ]; do
		_i=$((_i + 1))
		rm -rf "$TMP/undo"
		cp -R "$TMP/repo" "$TMP/undo"
		cp -R "$TMP/theme" "$TMP/undo/.theme"
		_day=$SOURCE_DATE_EPOCH
		INCR_WHAT=nothing
		incr_edit; [ -n "$INCR_VERBOSE" ] && echo "step $_i: $INCR_WHAT"
		rm -rf "$TMP/clean" "$TMP/clean".*
		if ! incr_build "$TMP/clean" --full --jobs 1; then
			# an edit the site refuses: undone
			if incr_build "$TMP/inc" --jobs 2; then
				fail "walk $2 step $_i ($INCR_WHAT): clean build" \
				    "fails, incremental succeeds"
			fi
			rm -rf "$TMP/repo" "$TMP/theme"
			mv "$TMP/undo/.theme" "$TMP/theme"
			mv "$TMP/undo" "$TMP/repo"
			SOURCE_DATE_EPOCH=$_day
			[ -n "$INCR_VERBOSE" ] && echo "  undone: $(head -2 "$TMP/err")"
			continue
		fi
		# every fourth a --full into the same folder: it writes
		# the standby without reading it, and the next one builds
		# on what it wrote
		_full=
		[ $((_i % 4)) -eq 0 ] && _full=--full
		if ! incr_build "$TMP/inc" --jobs 2 $_full; then
			fail "walk $2 step $_i ($INCR_WHAT): $(cat "$TMP/err")"
			continue
		fi
		if diff -r "$TMP/clean" "$TMP/inc" >"$TMP/diff" 2>&1; then
			ok
		else
			fail "walk $2 step $_i ($INCR_WHAT): incremental" \
			    "differs from clean: $(head -5 "$TMP/diff")"
		fi
	done
}
