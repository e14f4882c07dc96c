#!/bin/sh
# Unreadable files and folders in the repository, a read-only output
# parent, outputs that are links (issue 13): check and build say which
# path and exit 1; the old site stays as it was.  chmod does not stop
# root, so as root the commands run as 'nobody' (setpriv), in folders
# made for it.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1764374400
if [ "$(id -u)" -eq 0 ]; then
	if ! command -v setpriv >/dev/null || ! id nobody >/dev/null 2>&1
	then
		skip "root without setpriv or user nobody: chmod cannot bite"
		done_tests
		exit
	fi
	uid=$(id -u nobody) gid=$(id -g nobody)
	as() { setpriv --reuid="$uid" --regid="$gid" --clear-groups "$@"; }
	chmod 755 "$TMP"
	own() { chown -R "$uid:$gid" "$@"; }
else
	as() { "$@"; }
	own() { :; }
fi
r=$TMP/repo w=$TMP/w
mkdir -p "$r/content/u/laws" "$w" "$TMP/cache"
cp tests/bad/config.yaml "$r/"
cp tests/bad/links/content/u/_unit.yaml "$r/content/u/"
for n in a b; do
	printf -- '---\ntitle: %s\ndate: 2026-01-01\n---\n正文。\n' $n \
	    >"$r/content/u/laws/$n.md"
done
chmod -R a+rX "$r"
own "$w" "$TMP/cache"
export GONGKAI_CACHE_DIR=$TMP/cache
site=$w/site

manifest() { (cd "$1" && find . -type f -exec sha256sum {} + | sort); }
as "$GONGKAI" build --preview --out "$site" "$r" >/dev/null 2>"$TMP/err"
check "a first build" [ $? -eq 0 ]
manifest "$site" >"$TMP/site.sum"

# refused NAME MESSAGE: check and build exit 1 and print MESSAGE (a
# fixed string); the site is unchanged and nothing is left beside it.
refused() {
	as "$GONGKAI" check "$r" >/dev/null 2>"$TMP/err"
	check "$1: check exits 1" [ $? -eq 1 ]
	check "$1: check says '$2'" grep -qF "$2" "$TMP/err"
	as "$GONGKAI" build --preview --out "$site" "$r" >/dev/null \
	    2>"$TMP/err"
	check "$1: build exits 1" [ $? -eq 1 ]
	check "$1: build says '$2'" grep -qF "$2" "$TMP/err"
	manifest "$site" >"$TMP/now.sum"
	check "$1: the old site" cmp -s "$TMP/site.sum" "$TMP/now.sum"
	check "$1: nothing left" [ "$(ls "$w")" = site ]
}

chmod 000 "$r/content/u/laws/b.md"
refused "unreadable item" "content/u/laws/b.md:1:1: error: cannot open: Permission denied"
chmod 644 "$r/content/u/laws/b.md"
chmod 000 "$r/content/u/laws"
refused "unreadable folder" "content/u/laws:1:1: error: cannot open folder: Permission denied"
chmod 755 "$r/content/u/laws"
chmod 000 "$r/content/u/_unit.yaml"
refused "unreadable unit" "content/u/_unit.yaml:1:1: error: cannot open: Permission denied"
chmod 644 "$r/content/u/_unit.yaml"
chmod 000 "$r/config.yaml"
refused "unreadable config" "config.yaml:1:1: error: cannot open: Permission denied"
chmod 644 "$r/config.yaml"

# A read-only output parent: the new folder cannot be made beside the
# old site, nor a new site at all.
chmod 555 "$w"
as "$GONGKAI" build --preview --out "$site" "$r" >/dev/null 2>"$TMP/err"
check "read-only parent: exit 1" [ $? -eq 1 ]
check "read-only parent: names the path" \
    grep -q "cannot create '$w/site.tmp-.*': Permission denied" "$TMP/err"
manifest "$site" >"$TMP/now.sum"
check "read-only parent: the old site" cmp -s "$TMP/site.sum" "$TMP/now.sum"
as "$GONGKAI" build --preview --out "$w/new" "$r" >/dev/null 2>"$TMP/err"
check "read-only parent, new site: exit 1" [ $? -eq 1 ]
check "read-only parent, new site: names the path" \
    grep -q "'$w/.new.lock': Permission denied" "$TMP/err"
chmod 755 "$w"
check "read-only parent: nothing left" [ "$(ls "$w")" = site ]

# An output that is a dangling link: a site is made and linked there.
ln -s nowhere "$w/dangling"
as "$GONGKAI" build --preview --out "$w/dangling" "$r" >/dev/null \
    2>"$TMP/err"
check "dangling link: built" [ $? -eq 0 ]
manifest "$w/dangling/" >"$TMP/now.sum"
check "dangling link: the site through it" cmp -s "$TMP/site.sum" \
    "$TMP/now.sum"
check "dangling link: still a link" [ -L "$w/dangling" ]
# A link to a file: the link is pointed at the new site, as any link
# is (faults.test.sh); what it pointed to is not the site's and stays.
printf 'x\n' >"$w/file"
own "$w/file"
ln -s file "$w/tofile"
as "$GONGKAI" build --preview --out "$w/tofile" "$r" >/dev/null \
    2>"$TMP/err"
check "link to a file: built" [ $? -eq 0 ]
manifest "$w/tofile/" >"$TMP/now.sum"
check "link to a file: the site through it" cmp -s "$TMP/site.sum" \
    "$TMP/now.sum"
check "link to a file: the file stays" [ "$(cat "$w/file")" = x ]
done_tests
