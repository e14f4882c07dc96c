#!/bin/sh
# tests/options.test.sh -- the options build, print and report share
# (--ref, --trust, --preview, --unit): one parser, the same refusals,
# and --help that names them, on tests/report/tree (its villages have
# boards).
. tests/lib.sh
export SOURCE_DATE_EPOCH=1780272000	# 2026-06-01
TREE=$TMP/tree
cp -R tests/report/tree "$TREE"
: >"$TMP/keys.asc"

for c in build print report; do
	"$GONGKAI" $c --help >"$TMP/help" 2>&1
	for o in --ref --trust --preview --unit; do
		check "$c --help names $o" grep -q -- "^  $o " "$TMP/help"
	done
	"$GONGKAI" $c --preview --trust "$TMP/keys.asc" --unit c/v2 "$TREE" \
	    >/dev/null 2>"$TMP/err"
	check "$c: --preview with --trust is a usage error" [ $? -eq 2 ]
	check "$c: and says why" grep -q -- '--trust makes no sense' "$TMP/err"
done
for c in build print; do
	"$GONGKAI" $c --preview --ref HEAD --unit c/v2 "$TREE" >/dev/null 2>"$TMP/err"
	check "$c: --preview with --ref is a usage error" [ $? -eq 2 ]
	"$GONGKAI" $c --unit c/v2 "$TREE" >/dev/null 2>"$TMP/err"
	check "$c: without --trust or --preview refused" [ $? -eq 2 ]
done
"$GONGKAI" report --ref HEAD "$TREE" >/dev/null 2>&1
check "report: --ref without --trust is a usage error" [ $? -eq 2 ]

# print takes the unit as UNIT or as --unit, with the same result
"$GONGKAI" print --preview --out "$TMP/p1" c/v2 "$TREE" 2>/dev/null
check "print UNIT" [ -f "$TMP/p1/c/v2/print/board.html" ]
"$GONGKAI" print --preview --out "$TMP/p2" --unit c/v2 "$TREE" 2>/dev/null
check "print --unit UNIT" [ -f "$TMP/p2/c/v2/print/board.html" ]
check "print --unit gives the same files" diff -r "$TMP/p1" "$TMP/p2"
"$GONGKAI" print --preview --out "$TMP/p3" "$TREE" >/dev/null 2>&1
check "print without a unit is a usage error" [ $? -eq 2 ]
"$GONGKAI" print --preview --out "$TMP/p3" --unit nowhere "$TREE" >/dev/null 2>&1
check "print --unit of no unit is a usage error" [ $? -eq 2 ]

# report --preview is the working tree, as without --trust
"$GONGKAI" report --preview --as-of 2026-06-01 "$TREE" >"$TMP/r1" 2>&1
check "report --preview" [ $? -eq 0 ]
"$GONGKAI" report --as-of 2026-06-01 "$TREE" >"$TMP/r2" 2>&1
check "report --preview is the default without --trust" cmp -s "$TMP/r1" "$TMP/r2"
done_tests
