#!/bin/sh
# bench/hugo.sh CORPUS OUT -- the same content as a Hugo site in OUT, for
# the comparison in bench/incr.sh: every unit folder and category folder
# a section (_index.md with its name), every item a page (.md items as
# they are; .yaml items as a page with their title and date and the
# YAML as the body), the minimal layouts of bench/hugo/.
set -eu
src=$1 out=$2
rm -rf "$out"
mkdir -p "$out"
cp -R "$(dirname "$0")/hugo/." "$out/"
cp -R "$src/content" "$out/content"
cd "$out/content"
# sections: every folder
find . -type d | while read -r d; do
	t=${d##*/}
	[ -f "$d/_unit.yaml" ] &&
	    t=$(sed -n 's/^name: *//p' "$d/_unit.yaml" | head -1)
	printf -- '---\ntitle: "%s"\n---\n' "$t" >"$d/_index.md"
done
find . -name _unit.yaml -exec rm {} +
# .yaml items become pages
find . -name '*.yaml' | while read -r f; do
	{
		echo ---
		grep -E '^(title|date|index_no):' "$f"
		echo ---
		echo '```yaml'
		grep -vE '^(title|date|index_no):' "$f"
		echo '```'
	} >"${f%.yaml}.md"
	rm "$f"
done
