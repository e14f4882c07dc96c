#!/bin/sh
# The manual pages pass mandoc's lint at warning level (style notes,
# such as pages not yet installed in the system index, are allowed),
# and every command's --help works.
. tests/lib.sh
if command -v mandoc >/dev/null; then
	for m in man/gongkai.1 man/gongkai.5; do
		check "mandoc -Tlint $m" mandoc -Tlint -Wwarning "$m"
	done
else
	skip "mandoc not installed"
fi
check "gongkai --help" "$GONGKAI" --help >/dev/null
for c in build check status approve new print report serve diff plan; do
	check "gongkai $c --help" "$GONGKAI" $c --help >/dev/null
done
"$GONGKAI" frobnicate 2>/dev/null
check "unknown command exits 2" [ $? -eq 2 ]
"$GONGKAI" build --no-such-option 2>/dev/null
check "unknown option exits 2" [ $? -eq 2 ]
done_tests
