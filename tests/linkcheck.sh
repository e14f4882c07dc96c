#!/bin/sh
# linkcheck.sh DIR: every relative href/src of every HTML page under DIR
# must name a file inside DIR.  Prints the broken ones; exit 1 if any.
dir=$1
bad=0
find "$dir" -name '*.html' | sort | while read -r page; do
	base=$(dirname "$page")
	grep -o -E '(href|src)="[^"]*"' "$page" | sed -E 's/^(href|src)="//; s/"$//' |
	while read -r u; do
		case $u in
		http:*|https:*|mailto:*|tel:*|'#'*|'') continue ;;
		esac
		u=${u%%#*}
		u=${u%%\?*}
		[ -n "$u" ] || continue
		f=$(printf '%s' "$u" | LC_ALL=C awk '
		    BEGIN { for (i = 0; i < 256; i++) hex[sprintf("%02X", i)] = i }
		    { out = ""; s = $0
		      while ((p = index(s, "%")) > 0) {
			out = out substr(s, 1, p - 1)
			out = out sprintf("%c", hex[toupper(substr(s, p + 1, 2))])
			s = substr(s, p + 3)
		      }
		      printf "%s", out s }')
		case $f in */) f=${f}index.html ;; esac
		if [ ! -f "$base/$f" ]; then
			echo "$page: broken link '$u'"
			echo x >> "$dir/.linkcheck-bad"
		fi
	done
done
if [ -f "$dir/.linkcheck-bad" ]; then rm -f "$dir/.linkcheck-bad"; exit 1; fi
exit 0
