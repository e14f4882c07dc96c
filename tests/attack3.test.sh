#!/bin/sh
# The output folder, its standby and manifests as ops leave them
# (fsout.c): modes and owners changed by hand, read-only folders, a
# FIFO or garbage for a manifest, a standby that is a file or a link,
# links and hard links planted in the live site, the lock removed
# while a build holds it, workers meeting the same stale entries, kill
# -9.  After each, a build that checks the output (its standby's seal
# broken, as a killed build or a new day leaves it: seal_break) equals
# a clean one (diff -r, and the modes and owners a clean build gives),
# writes nothing outside, and leaves no link in the site.  A sealed
# build (bs) may keep what a hand changed in place (gongkai(1)); it too
# writes nothing outside.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1764374400
export GONGKAI_CACHE_DIR=$TMP/cache
R=$TMP/repo W=$TMP/w
S=$W/site SB=$W/.site.standby
sh bench/gen.sh "$R" 6 1 >/dev/null 2>&1 || fail "gen.sh"
chmod -R a+rX "$R"
"$GONGKAI" build --preview --quiet --out "$TMP/clean" "$R" ||
    { fail "a clean build"; done_tests; exit; }
# R2: R with every Markdown body changed, and its clean build
cp -R "$R" "$TMP/r2"
find "$TMP/r2/content" -name '*.md' | while read -r f; do
	printf '\n补充。\n' >>"$f"
done
"$GONGKAI" build --preview --quiet --out "$TMP/clean2" "$TMP/r2" ||
    fail "a clean build of r2"

bs() { "$GONGKAI" build --preview --quiet "$@" --out "$S" "$R"; }
b() { if [ -e "$SB" ] || [ -L "$SB" ]; then seal_break "$S"; fi; bs "$@"; }
fresh() { rm -rf "$W"; mkdir -p "$W"; b && b; }
# modes DIR: mode, owner and path of everything in DIR
modes() { (cd "$1" && find . -printf '%m %u %p\n' | LC_ALL=C sort -k3); }
modes "$TMP/clean" >"$TMP/clean.modes"
same() {	# same NAME: the site is a clean build, modes and owners too
	diff -r "$TMP/clean" "$S" >/dev/null || { fail "$1: bytes"; return; }
	modes "$S" >"$TMP/now.modes"
	cmp -s "$TMP/clean.modes" "$TMP/now.modes" ||
	    { fail "$1: modes or owners"; return; }
	[ -z "$(find "$S/" -type l | head -1)" ] || { fail "$1: a link"; return; }
	ok
}

# Modes changed by hand: a file chmod 600 in the live site (shared with
# the standby: the web server would be refused it, build after build),
# a folder 700, a read-only folder and file in the standby.
fresh
chmod 600 "$S/index.html"; chmod 700 "$S/assets"
chmod 555 "$SB/assets"; chmod 444 "$SB/sitemap.xml"
b && b; same "modes changed by hand"

# Owners changed by hand (as root): taken back, or made anew.
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	fresh
	chown -R nobody "$SB/assets" "$S/index.html"
	b && b; same "owners changed by hand"
fi

# A read-only folder in the standby, where chmod bites (not as root):
# every build failed, --full included, and left folders beside.
have_as=1
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
		as() { setpriv --reuid="$(id -u nobody)" \
		    --regid="$(id -g nobody)" --clear-groups "$@"; }
	else
		have_as=0
	fi
else
	as() { "$@"; }
fi
if [ $have_as = 1 ]; then
	n=$TMP/nb; mkdir -p "$n/w" "$n/cache"; chmod 755 "$TMP"
	[ "$(id -u)" -eq 0 ] && chown -R nobody "$n"
	nb() { as env GONGKAI_CACHE_DIR="$n/cache" "$GONGKAI" build \
	    --preview --quiet "$@" --out "$n/w/site" "$r"; }
	r=$R; nb && nb
	# folders whose files the next build (of r2) replaces
	chmod 555 "$n/w/.site.standby" "$n/w/.site.standby/assets/search" \
	    "$n/w/.site.standby/assets/search/b" "$n/w/site/assets/search/t"
	r=$TMP/r2; nb; check "read-only standby folders: built" [ $? -eq 0 ]
	check "... equals a clean build" diff -r "$TMP/clean2" "$n/w/site"
	r=$R
	nb --full; check "... --full: built" [ $? -eq 0 ]
	check "... nothing left beside" [ "$(ls "$n/w")" = site ]
	nb; check "... then incremental: built" [ $? -eq 0 ]
	check "... equals a clean build" diff -r "$TMP/clean" "$n/w/site"
else
	skip "root without setpriv: chmod cannot bite"
fi

# A FIFO for a manifest: read, the build would wait forever.  (The
# limit only tells a hang from a build: generous, for a sanitizer
# build on a loaded machine, which took over 10 s.)
fresh
for m in manifest standby.manifest; do
	rm -f "$W/.site.$m"; mkfifo "$W/.site.$m"
done
timeout 300 "$GONGKAI" build --preview --quiet --out "$S" "$R"
rc=$?
check "a FIFO for a manifest: built (exit $rc; 124: a hang)" [ $rc -eq 0 ]
rm -f "$W/.site.manifest" "$W/.site.standby.manifest"
b; same "a FIFO for a manifest"

# Garbage, a huge line, a cut manifest, the live one copied over the
# standby's (both name one folder).
fresh
head -c 65536 /dev/urandom >"$W/.site.manifest"
{ head -1 "$W/.site.standby.manifest"
  awk 'BEGIN { s = "x"; for (i = 0; i < 22; i++) s = s s
	printf "%064d 1 2 3.4 %s\n", 0, s
	printf "%064d 99999999999999999999999 -5 -1.-1 index.html\n", 0 }'
} >"$TMP/m" && mv "$TMP/m" "$W/.site.standby.manifest"
b; same "garbage manifests"
b; truncate -s 200 "$W/.site.manifest"; b; same "a cut manifest"
b; cp "$W/.site.manifest" "$W/.site.standby.manifest"; b
same "the live manifest copied over the standby's"

# The standby a file, then a link to a folder elsewhere (which stays).
fresh
rm -rf "$SB"; echo f >"$SB"; b; same "the standby a file"
rm -rf "$SB" "$TMP/else"; cp -R "$S" "$TMP/else"
echo X >>"$TMP/else/index.html"
ln -s "$TMP/else" "$SB"; b; same "the standby a link"
check "... its target untouched" [ "$(tail -1 "$TMP/else/index.html")" = X ]
check "... and no longer a link" [ ! -L "$SB" ]

# Links planted in the live site (at a page's name, to a file outside;
# a new name, to a folder outside), and hard links to outside files:
# nothing written through them, no link in the site, then none in the
# standby either.
fresh
mkdir -p "$TMP/out"; echo secret >"$TMP/out/f"; echo other >"$TMP/out/h"
rm "$S/index.html"; ln -s "$TMP/out/f" "$S/index.html"
ln -s "$TMP/out" "$S/planted"
rm "$S/sitemap.xml"; ln "$TMP/out/h" "$S/sitemap.xml"
b; same "links planted in the live site"
b; check "... none left in the standby" [ -z "$(find "$SB/" -type l)" ]
check "... nothing written outside" \
    [ "$(cat "$TMP/out/f" "$TMP/out/h")" = "secret
other" ]
# the same, sealed: a build fails or keeps them, writing nothing through
# them; one that checks is clean
fresh
rm "$S/index.html"; ln -s "$TMP/out/f" "$S/index.html"
ln -s "$TMP/out" "$S/planted"
rm "$S/sitemap.xml"; ln "$TMP/out/h" "$S/sitemap.xml"
bs 2>/dev/null; bs 2>/dev/null; bs 2>/dev/null
check "links planted, sealed builds: nothing written outside" \
    [ "$(cat "$TMP/out/f" "$TMP/out/h")" = "secret
other" ] && [ "$(ls "$TMP/out")" = "f
h" ]
b; same "links planted, sealed builds, then one that checks"

# The lock removed while a build holds it: a second build must not
# write the standby that one writes (here held by flock(1) for it), nor
# remove it; a --full build goes on beside it.
fresh
if command -v flock >/dev/null; then
	rm -f "$W/.site.lock"
	flock "$SB" sleep 3 & fl=$!
	sleep 0.3
	b 2>"$TMP/err"
	check "the standby being written: exit 1" [ $? -eq 1 ]
	check "... says so" grep -q "another build is writing" "$TMP/err"
	b --full; check "... --full: built" [ $? -eq 0 ]
	check "... the standby left to its build" [ -d "$SB" ]
	wait $fl
	same "... the site"
else
	skip "no flock(1)"
fi

# Workers meeting the same stale entries: a file wherever a folder goes
# (near the top, so that every worker needs them); no worker removes
# a folder another one has made and written into.
for i in 1 2 3 4; do
	fresh
	(cd "$SB" && find . -mindepth 1 -maxdepth 4 -type d | while read -r d
	do
		[ -d "$d" ] && rm -rf "$d" && echo f >"$d"
	done)
	b --jobs 5 2>"$TMP/err"
	check "files where folders go, 5 workers (#$i): built" [ $? -eq 0 ]
	same "files where folders go, 5 workers (#$i)"
done

# --jobs 1 and 2 in place over the same spoilt standby.
for j in 1 2; do
	fresh; rm -rf "$SB/assets"; echo f >"$SB/assets"
	b --jobs $j; cp -R "$S" "$TMP/j$j"
done
check "--jobs 1 = --jobs 2 in place" diff -r "$TMP/j1" "$TMP/j2"

# kill -9 while the standby is written in place (a changed repository,
# so that there is something to write), then a build: a clean one,
# sealed or not (a killed build breaks the seal itself).
fresh
for t in 0.02 0.05 0.1; do
	"$GONGKAI" build --preview --quiet --out "$S" "$TMP/r2" &
	p=$!; sleep $t; kill -9 $p 2>/dev/null; wait $p 2>/dev/null
done
bs; same "kill -9 in place, then a build"

# A folder no build wrote that holds something (a web server's other
# sites, the repository itself): a build would swap it aside as the
# standby and the next would delete it.  Refused, as it was, and
# nothing made beside it; an empty folder (a mount point) is used.
O=$TMP/www
mkdir -p "$O/other"
echo keep >"$O/robots.txt"
echo keep >"$O/other/index.html"
cp -R "$O" "$TMP/www.orig"
if "$GONGKAI" build --preview --quiet --out "$O" "$R" 2>"$TMP/err"; then
	fail "a foreign folder: built into"
else
	ok
fi
check "a foreign folder: says why" \
    grep -q "'$O' holds files that no gongkai build wrote" "$TMP/err"
check "a foreign folder: as it was" diff -r "$TMP/www.orig" "$O"
check "a foreign folder: nothing beside it" \
    [ -z "$(ls -a "$TMP" | grep -e '^\.www\.' -e '^www\.[a-z]*-')" ]
cp -R "$R" "$TMP/r3"
if "$GONGKAI" build --preview --quiet --out "$TMP/r3" "$TMP/r3" 2>/dev/null
then
	fail "the repository as its own output folder"
else
	ok
fi
check "the repository as its output: as it was" diff -r "$R" "$TMP/r3"
mkdir "$TMP/empty"
check "an empty folder: built into" \
    "$GONGKAI" build --preview --quiet --out "$TMP/empty" "$R"
check "an empty folder: a clean build" diff -r "$TMP/clean" "$TMP/empty"
# a site whose lock and manifests were removed by hand is still ours
rm -f "$TMP/.empty.lock" "$TMP/.empty.manifest" "$TMP/.empty.standby.manifest"
check "a site without its lock and manifests: built into" \
    "$GONGKAI" build --preview --quiet --out "$TMP/empty" "$R"

done_tests
