#!/bin/sh
# Faults from outside (issue 13): a build killed at each step of the
# swap of its output folder (strace injects the SIGKILL at the exact
# system call), at random moments (a fixed-seed slice of
# tests/killloop.sh), print workers outliving their build, a full disk,
# two builds into one folder at once, an output folder whose parent is
# missing or that is a file or a symbolic link.  Every moment must leave
# the old site or the new one, and the next build removes the rest.
. tests/lib.sh
. tests/faults.sh
faults_setup
out=$TMP/out

# kill_at N SYSCALLS [STRACE-ARGS]: builds B into $out, killed on entry
# to the Nth of SYSCALLS (strace counts per process).  Returns the
# build's exit status (137: killed).  Under `make asan`, LeakSanitizer
# cannot work in a traced process: the other builds check leaks.
kill_at() {
	_n=$1 _sc=$2
	shift 2
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o /dev/null \
	    -e trace=rename,renameat,renameat2,symlink,symlinkat,unlink,unlinkat,rmdir \
	    -e inject="$_sc":signal=SIGKILL:when="$_n" "$@" \
	    "$GONGKAI" build --preview --out "$out" "$TMP/B" \
	    >"$TMP/kill.err" 2>&1
}

# moments MODE SYSCALLS MAX [STRACE-ARGS]: kills at the 1st, 2nd ...
# (at most MAX) of SYSCALLS until a build gets through; after each the
# site is A or B (MODE "fallback": or none, restored by the next
# build), and a build of A then gives A with nothing left beside it.
moments() {
	_mode=$1 _set=$2 _max=$3
	shift 3
	_k=1
	while [ "$_k" -le "$_max" ]; do
		kill_at "$_k" "$_set" "$@"
		_rc=$?
		_s=$(state "$out")
		case $_mode:$_s in
		*:A|*:B|fallback:none) ok ;;
		*) fail "$_mode: killed at $_set #$_k: the site is '$_s'" ;;
		esac
		build A "$out" || fail "$_mode: a build after $_set #$_k"
		check "$_mode: the site after $_set #$_k" is A "$out"
		[ "$_s" = none ] && { grep -q "restored '$out'" "$TMP/build.err" ||
		    fail "$_mode: restored after $_set #$_k"; }
		check "$_mode: nothing left after $_set #$_k" none_left "$out"
		[ "$_rc" -ne 137 ] && break
		_k=$((_k + 1))
	done
	# every step of the swap was tried: the last build was not killed
	case $_set in rename*)
		check "$_mode: a build got through $_set" [ "$_rc" -eq 0 ] ;;
	esac
}

# The swap of a folder: every rename (one step: RENAME_EXCHANGE), then
# the removal of the old site.
rm -rf "$out" "$out".*; build A "$out"
moments folder rename,renameat,renameat2,symlink,symlinkat 6
moments folder unlink,unlinkat,rmdir 2
check "the output is a folder" [ -d "$out" -a ! -L "$out" ]

# An output that ops made a symbolic link: flipped in one rename; the
# folder it pointed to is theirs and stays.
rm -rf "$out" "$out".* "$TMP/v1"; build A "$TMP/v1"; ln -s v1 "$out"
moments link rename,renameat,renameat2,symlink,symlinkat 6
check "a link's old target stays" is A "$TMP/v1"
check "the output is still a link" [ -L "$out" ]

# A file system that cannot exchange two folders: the output becomes a
# link (two steps once; a build killed between them is repaired).  Up
# to 8 steps: the privacy cache (privcache.h) is renamed into place
# first, as A and B keep other texts.
rm -rf "$out" "$out".*; build A "$out"
moments fallback rename,renameat,symlink,symlinkat 8 \
    -e inject=renameat2:error=EINVAL
check "fallback: the output became a link" [ -L "$out" ]

# Incremental builds: killed at each rename (the manifest beside the
# output, then the swap), the next incremental build still gives the
# right site, and no half-written manifest is left.
rm -rf "$out" "$out".*; build A "$out"
moments folder rename,renameat,renameat2 4
check "no manifest left half-written" \
    [ -z "$(ls -a "$TMP" | grep 'manifest.tmp-')" ]
build B "$out"
check "then an incremental build: B" is B "$out"
grep -q ' unchanged' "$TMP/build.err" && ok ||
    fail "an incremental build says what it kept: $(cat "$TMP/build.err")"

# What killed builds left: the site moved aside, a temporary folder
# half written, their suffixes in the lock file (recorded before use).
rm -rf "$out" "$out".*; build A "$out"
mv "$out" "$out.old-AbC123"; mkdir -p "$out.tmp-XyZ789/half"
printf 'AbC123\nXyZ789\n' >>"$TMP/.out.lock"
build B "$out"
check "an old build's leftovers: restored" grep -q "restored" "$TMP/build.err"
check "an old build's leftovers: the new site" is B "$out"
check "an old build's leftovers: removed" none_left "$out"

# A folder named like them that no build made (a copy ops kept) is not
# theirs: never removed, never put back in place of the site.
rm -rf "$out" "$out".*; build A "$out"
cp -R "$out" "$out.old-backup"; mkdir -p "$out.tmp-mycopy/keep"
build B "$out"
check "ops' copies named like leftovers: kept" \
    [ -d "$out.old-backup" ] && [ -d "$out.tmp-mycopy/keep" ]
check "ops' copies named like leftovers: the new site" is B "$out"
rm -rf "$out"
build B "$out"
check "ops' copy is not taken for the site moved aside" is B "$out"
check "... and is still there" is A "$out.old-backup"
rm -rf "$out.old-backup" "$out.tmp-mycopy"

# Random moments: a fixed-seed slice of the kill loop.
sh tests/killloop.sh 20 13 >"$TMP/loop.out" 2>&1
check "kill -9 loop (20, seed 13)" [ $? -eq 0 ]
grep -v '^#' "$TMP/loop.out" | grep -v '^kill loop' | head -20
grep '^kill loop' "$TMP/loop.out"

# Print workers die with their build.  The PDF cache is empty so that
# the workers have work to be killed in.
rm -rf "$out" "$out".*; build A "$out"
GONGKAI_CACHE_DIR=$TMP/cold "$GONGKAI" build --preview --out "$out" \
    "$TMP/B" >/dev/null 2>&1 &
pid=$!
workers= i=0
while [ -z "$workers" ] && [ $i -lt 400 ]; do
	sleep 0.05
	workers=$(pgrep -P "$pid")
	i=$((i + 1))
done
check "print workers started" [ -n "$workers" ]
kill -9 "$pid"; wait "$pid" 2>/dev/null
sleep 0.5
for w in $workers; do
	if alive "$w"; then
		fail "print worker $w outlives its build"
		kill -9 "$w"
	else
		ok
	fi
done
check "killed in print: the old site" is A "$out"

# A full disk: past a file-size limit the build says which file, exits
# 1, and leaves the old site and nothing else.
rm -rf "$out" "$out".*; build A "$out"
(ulimit -f 64; exec "$GONGKAI" build --preview --out "$out" "$TMP/B") \
    >/dev/null 2>"$TMP/err"
check "file-size limit: exit 1" [ $? -eq 1 ]
check "file-size limit: names the file" \
    grep -q "cannot write '.*/[^/]*': File too large" "$TMP/err"
check "file-size limit: the old site" is A "$out"
check "file-size limit: nothing left" none_left "$out"
# The same on a small file system, where one can be mounted here.
# Room for the old site and half the new one.
mkdir -p "$TMP/small"
kb=$(du -skL "$out" | cut -f1)
if mount -t tmpfs -o size=$((kb * 3 / 2))k tmpfs "$TMP/small" 2>/dev/null
then
	build A "$TMP/small/site"
	# --full: an incremental build would link the unchanged files
	# from the old site and need little room
	"$GONGKAI" build --full --jobs 2 --preview --out "$TMP/small/site" \
	    "$TMP/B" >"$TMP/build.err" 2>&1
	check "full disk: exit 1" [ $? -eq 1 ]
	check "full disk: names the file" \
	    grep -q "cannot write '.*': No space left on device" "$TMP/build.err"
	check "full disk: the old site" is A "$TMP/small/site"
	check "full disk: nothing left" none_left "$TMP/small/site"
	umount "$TMP/small"
fi
# Room for the old site and little more: most files of the new one
# fail, and each process that writes says so once, not once a file
# (the parent, two page workers, reports, the search index's two and
# its writers).
if mount -t tmpfs -o size=$((kb + 64))k tmpfs "$TMP/small" 2>/dev/null
then
	build A "$TMP/small/site"
	"$GONGKAI" build --full --jobs 2 --preview --out "$TMP/small/site" \
	    "$TMP/B" >"$TMP/build.err" 2>&1
	check "disk full early: exit 1" [ $? -eq 1 ]
	n=$(grep -c "No space left on device" "$TMP/build.err")
	check "disk full early: said once a process ($n times)" [ "$n" -le 8 ]
	check "disk full early: the old site" is A "$TMP/small/site"
	check "disk full early: nothing left" none_left "$TMP/small/site"
	umount "$TMP/small"
fi

# Two builds into one folder at once: the second waits for the first.
# The first builds with an empty PDF cache, to be slow, into a new
# folder (no standby to write in place: its .tmp- folder shows it runs).
rm -rf "$out" "$out".* "$(dirname "$out")/.$(basename "$out").standby"
build A "$out"
GONGKAI_CACHE_DIR=$TMP/cold2 "$GONGKAI" build --preview --out "$out" \
    "$TMP/B" >/dev/null 2>&1 &
pid=$!
i=0
while [ -z "$(ls -d "$out".tmp-* 2>/dev/null)" ] && [ $i -lt 400 ]; do
	sleep 0.02
	i=$((i + 1))
done
build A "$out"
check "two at once: the second succeeds" [ $? -eq 0 ]
wait "$pid"
check "two at once: the first succeeds" [ $? -eq 0 ]
check "two at once: the second waited" \
    grep -q "waiting for the build that holds" "$TMP/build.err"
check "two at once: the second's site" is A "$out"
check "two at once: nothing left" none_left "$out"
# ... and three racing without a head start.
for r in A B A; do
	"$GONGKAI" build --preview --out "$out" "$TMP/$r" >"$TMP/race.$r.$$" \
	    2>&1 &
done
wait
s=$(state "$out")
check "three at once: a whole site ($s)" [ "$s" = A -o "$s" = B ]
check "three at once: none failed" [ -z "$(grep -l error "$TMP"/race.*)" ]

# Output folders that do not exist yet, or are not folders.
rm -rf "$TMP/a"
build A "$TMP/a/b/site"
check "--out a/b/site with no a/b: built" is A "$TMP/a/b/site"
printf 'x\n' >"$TMP/file"
build A "$TMP/file"
check "--out FILE: exit 1" [ $? -eq 1 ]
check "--out FILE: says so" grep -q "'$TMP/file' exists and is not a folder" \
    "$TMP/build.err"
check "--out FILE: the file stays" [ "$(cat "$TMP/file")" = x ]
check "--out FILE: nothing left" none_left "$TMP/file"
done_tests
