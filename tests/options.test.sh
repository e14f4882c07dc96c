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

# one operand too many is named, not only the usage line printed (a
# second folder given to build is taken for its output, as hugo's and
# zola's users do)
for c in build check report serve status plan; do
	case $c in
	build) o=--preview ;; status) o="--trust $TMP/keys.asc" ;;
	plan) o="--shards 2" ;; *) o= ;;
	esac
	"$GONGKAI" $c $o "$TREE" "$TMP/out" >/dev/null 2>"$TMP/err"
	check "$c: two operands are a usage error" [ $? -eq 2 ]
	check "$c: and says which is one too many" \
	    grep -q "unexpected argument '$TMP/out'" "$TMP/err"
done
"$GONGKAI" build --preview "$TREE" "$TMP/out" >/dev/null 2>"$TMP/err"
check "build: a second folder points at --out" grep -q -- '--out DIR' "$TMP/err"
check "build: and writes nothing" [ ! -e "$TMP/out" ]
"$GONGKAI" plan "$TREE" >/dev/null 2>"$TMP/err"
check "plan without --shards is a usage error" [ $? -eq 2 ]
check "plan: says --shards is needed" grep -q 'needs --shards N' "$TMP/err"

# print takes the unit as UNIT or as --unit, with the same result
"$GONGKAI" print --preview --out "$TMP/p1" c/v2 "$TREE" 2>/dev/null
check "print UNIT" [ -f "$TMP/p1/c/v2/print/board.html" ]
"$GONGKAI" print --preview --out "$TMP/p2" --unit c/v2 "$TREE" 2>"$TMP/err"
check "print --unit UNIT" [ -f "$TMP/p2/c/v2/print/board.html" ]
check "print says what it made, where" grep -q \
    "^gongkai: printed 'c/v2' (preview) into '$TMP/p2/c/v2': board; 1 PDF, [0-9.]* s$" \
    "$TMP/err"
"$GONGKAI" print --preview --quiet --out "$TMP/p4" c/v2 "$TREE" 2>"$TMP/err"
check "print --quiet says nothing" [ ! -s "$TMP/err" ]
check "print --quiet still prints" [ -f "$TMP/p4/c/v2/print/board.pdf" ]
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

# A command on a big site starts once more with glibc's heap in huge
# pages (cmd_common.c, cmd_huge_pages); a small one does not, a tunable
# the caller set stays, and the answer is the same.  (Not under ASan,
# whose allocator is not glibc's.)
if command -v strace >/dev/null 2>&1 && [ -z "${ASAN_OPTIONS:-}" ]; then
	# execs CMD...: how many programs CMD started (its second's
	# environment in $TMP/st)
	execs() {
		strace -f -qq -v -s 256 -e trace=execve -o "$TMP/st" "$@" \
		    >/dev/null 2>&1
		grep -c 'execve(' "$TMP/st"
	}
	n=$(GLIBC_TUNABLES= execs "$GONGKAI" build --preview --out "$TMP/h0" \
	    "$TREE")
	check "a small site: build does not start again" [ "$n" -eq 1 ]
	# more than 1,024 files and folders under content/
	BIG=$TMP/big
	sh bench/gen.sh "$BIG" 40 25 >/dev/null 2>&1
	check "the big site has more than 1,024 entries" \
	    [ "$(find "$BIG/content" -mindepth 1 | wc -l)" -gt 1024 ]
	n=$(GLIBC_TUNABLES= execs "$GONGKAI" build --preview --out "$TMP/help1" \
	    "$BIG")
	check "a big site: build starts again, once" [ "$n" -eq 2 ]
	check "with glibc.malloc.hugetlb=1" \
	    grep -q '"GLIBC_TUNABLES=glibc.malloc.hugetlb=1"' "$TMP/st"
	n=$(GLIBC_TUNABLES=glibc.malloc.hugetlb=0 execs "$GONGKAI" build \
	    --preview --out "$TMP/help2" "$BIG")
	check "hugetlb set by the caller stays: not started again" \
	    [ "$n" -eq 1 ]
	check "the same site either way" diff -r "$TMP/help1" "$TMP/help2"
	n=$(GLIBC_TUNABLES=glibc.malloc.perturb=0 execs "$GONGKAI" build \
	    --preview --out "$TMP/h3" "$BIG")
	check "other tunables are kept beside it" grep -q \
	    '"GLIBC_TUNABLES=glibc.malloc.perturb=0:glibc.malloc.hugetlb=1"' \
	    "$TMP/st"
	n=$(GLIBC_TUNABLES= execs "$GONGKAI" report "$BIG")
	check "report starts again on a big site" [ "$n" -eq 2 ]
	n=$(execs "$GONGKAI" check "$BIG")
	check "check is not started again" [ "$n" -eq 1 ]
	# libgit2 does not parse the system's CA certificates, which a
	# gated command never needs (repo.c): 7 ms of every one (it may
	# still look whether the file is there)
	git init -q "$TMP/ca"
	strace -f -qq -e trace=open,openat -o "$TMP/st" \
	    "$GONGKAI" status --trust "$TMP/keys.asc" "$TMP/ca" >/dev/null 2>&1
	check "a gated command opened the repository" \
	    grep -q "$TMP/ca" "$TMP/st"
	check "and read no CA certificates" \
	    sh -c "! grep -q '/etc/ssl' \"$TMP/st\""
	# nor does RNP's Botan lock a pool of memory for secret keys, which
	# gongkai never holds (sig_process_init): 500 calls, 10 ms; a pool
	# the user asks for is theirs
	git -C "$TMP/ca" -c user.name=t -c user.email=t@example.org \
	    commit -q --allow-empty -m c
	strace -f -qq -e trace=mlock -o "$TMP/st" \
	    "$GONGKAI" status --trust "$TMP/keys.asc" "$TMP/ca" >/dev/null 2>&1
	check "a gated command locks no memory" \
	    sh -c "! grep -q '^[0-9]* *mlock' \"$TMP/st\""
	BOTAN_MLOCK_POOL_SIZE=512 strace -f -qq -e trace=mlock -o "$TMP/st" \
	    "$GONGKAI" status --trust "$TMP/keys.asc" "$TMP/ca" >/dev/null 2>&1
	check "unless BOTAN_MLOCK_POOL_SIZE asks" \
	    grep -q '^[0-9]* *mlock' "$TMP/st"
else
	skip "huge pages, CA certificates, locked memory (no strace, or under ASan)"
fi
# --out inside the repository's content/ (directly, through "..", also
# after a folder not made yet, or a link to it): refused before
# anything is made, by build and print.
ln -s "$TREE/content" "$TMP/clink"
for o in "$TREE/content/site" "$TREE/content/../content/x/y" "$TMP/clink/s" \
    "$TREE/x/../content/s" "$TREE/content/n/./../s"; do
	"$GONGKAI" build --preview --out "$o" "$TREE" 2>"$TMP/oe"
	check "build --out $o: a usage error" [ $? -eq 2 ]
	check "build --out $o: says why" grep -q "inside the repository's content/" "$TMP/oe"
done
"$GONGKAI" print --preview --out "$TREE/content/p" --unit c/v2 "$TREE" 2>"$TMP/oe"
check "print --out inside content/: a usage error" [ $? -eq 2 ]
check "nothing was made in content/" \
    [ -z "$(cd "$TREE/content" && find . -name 'site' -o -name 'x' -o -name 's' -o -name 'n' -o -name 'p' -o -name '.*' ! -name . | head -1)" ]
check "nor beside it" [ ! -e "$TREE/x" ]

# GONGKAI_JOBS: a number, or empty; anything else is refused by every
# command, as --jobs of the same is, not taken for the default.
for v in bogus 0 ' 3' 1025; do
	GONGKAI_JOBS=$v "$GONGKAI" report --preview "$TREE" >/dev/null \
	    2>"$TMP/je"
	check "GONGKAI_JOBS='$v' is a usage error" [ $? -eq 2 ]
	check "GONGKAI_JOBS='$v': says so" \
	    grep -q "GONGKAI_JOBS wants a number from 1 to 1024" "$TMP/je"
done
GONGKAI_JOBS=bogus "$GONGKAI" build --help >"$TMP/jh" 2>&1
check "GONGKAI_JOBS=bogus: build --help still answers" [ $? -eq 0 ]
check "... with its help" grep -q -- "--jobs N" "$TMP/jh"
GONGKAI_JOBS= "$GONGKAI" report --preview "$TREE" >"$TMP/j1"
check "GONGKAI_JOBS empty: the default" [ $? -eq 0 ]
GONGKAI_JOBS=3 "$GONGKAI" report --preview "$TREE" >"$TMP/j2"
check "GONGKAI_JOBS=3: the same answer" cmp -s "$TMP/j1" "$TMP/j2"

# Usage errors of every command's options are said once, in gongkai's
# words (never getopt's), naming the option, then the usage line and
# where the help is; exit 2 (cmd_common.c, cmd_args_next).
# usage_err NAME PATTERN CMD ARGS...: CMD fails with exit 2, its first
# line "gongkai: error: PATTERN", and it ends with the hint for CMD
usage_err() {
	_n=$1 _p=$2 _c=$3; shift 3
	timeout 20 "$GONGKAI" "$_c" "$@" >"$TMP/uo" 2>"$TMP/ue" </dev/null
	_rc=$?
	if [ "$_rc" -eq 2 ] && [ ! -s "$TMP/uo" ] &&
	    head -1 "$TMP/ue" | grep -q -- "^gongkai: error: $_p\$" &&
	    sed -n 2p "$TMP/ue" | grep -q "^usage: gongkai $_c " &&
	    [ "$(tail -1 "$TMP/ue")" = "see 'gongkai $_c --help'" ] &&
	    [ "$(wc -l <"$TMP/ue")" -eq 3 ] &&
	    ! grep -q 'unrecognized\|requires an argument\|invalid option\|doesn.t allow' "$TMP/ue"; then
		ok
	else
		fail "$_n: exit $_rc"
		cat "$TMP/ue"
	fi
}
for c in build check status approve new print report serve plan diff; do
	usage_err "$c --bogus" "unknown option '--bogus'" $c --bogus
	usage_err "$c -Z" "unknown option '-Z'" $c -Z
	usage_err "$c --help=x" "--help takes no value, not 'x'" $c --help=x
done
for c in build status print report plan diff; do
	usage_err "$c --ref" "--ref needs a value (--ref REF)" $c --ref
	usage_err "$c --trust" "--trust needs a value (--trust FILE)" $c --trust
done
usage_err "build --jobs" "--jobs needs a value (--jobs N)" build --jobs
usage_err "build -j" "-j needs a value (--jobs N)" build -j
usage_err "new --repo" "--repo needs a value (--repo DIR)" new --repo
usage_err "serve --port" "--port needs a value (--port N)" serve --port
usage_err "plan --shards" "--shards needs a value (--shards N)" plan --shards
usage_err "status --re" "ambiguous option '--re': --ref or --reviewer?" status --re x
for v in x 0 99999999999 -1 ' 3' 1025; do
	usage_err "build --jobs '$v'" \
	    "--jobs wants a number from 1 to 1024, not '$v'" build --jobs "$v"
	usage_err "build -j '$v'" \
	    "--jobs wants a number from 1 to 1024, not '$v'" build --preview -j "$v"
done
for v in x 0 99999999999; do
	usage_err "plan --shards '$v'" \
	    "--shards wants a number from 1 to 65536, not '$v'" plan --shards "$v"
done
for v in x -1 65536 99999999999 ''; do
	usage_err "serve --port '$v'" \
	    "--port wants a port number from 0 to 65535, not '$v'" serve --port "$v"
done
usage_err "print --bleed x" "--bleed wants millimetres from 0 to 20, not 'x'" \
    print --preview --bleed x --out "$TMP/tw" c/v2
usage_err "build --shard x" "--shard wants I/N .*, not 'x'" build --shard x
usage_err "report --as-of x" "--as-of 'x' is not a date.*" report --as-of x

# An option that takes one value, given two: an error, not the last
# one silently; the same value twice is no conflict.
usage_err "--shard twice" "--shard given twice ('1/4', then '2/4')" \
    build --preview --shard 1/4 --shard 2/4 --out "$TMP/tw" "$TREE"
check "--shard twice: nothing written" [ ! -e "$TMP/tw" ]
usage_err "--out twice" "--out given twice ('$TMP/tw1', then '$TMP/tw2')" \
    build --preview --out "$TMP/tw1" --out "$TMP/tw2" "$TREE"
check "--out twice: nothing written" [ ! -e "$TMP/tw1" ] && [ ! -e "$TMP/tw2" ]
usage_err "--jobs, -j" "--jobs given twice ('2', then '3')" \
    build --preview --jobs 2 -j 3 --out "$TMP/tw" "$TREE"
usage_err "--jobs=" "--jobs given twice ('2', then '3')" \
    build --preview --jobs=2 --jobs=3 --out "$TMP/tw" "$TREE"
usage_err "--theme twice" "--theme given twice ('a', then 'b')" \
    build --preview --theme a --theme b --out "$TMP/tw" "$TREE"
usage_err "--unit twice" "--unit given twice ('c/v1', then 'c/v2')" \
    report --unit c/v1 --unit c/v2 "$TREE"
usage_err "--trust twice" "--trust given twice ('a', then 'b')" \
    status --trust a --trust b "$TREE"
usage_err "--ref twice" "--ref given twice ('HEAD', then 'main')" \
    diff --trust a --ref HEAD --ref main x
usage_err "--as-of twice" "--as-of given twice ('2026-06-01', then '2026-06-02')" \
    report --as-of 2026-06-01 --as-of 2026-06-02 "$TREE"
usage_err "--port twice" "--port given twice ('1', then '2')" serve --port 1 --port 2
usage_err "--bleed twice" "--bleed given twice ('3', then '4')" \
    print --preview --bleed 3 --bleed 4 --out "$TMP/tw" c/v2 "$TREE"
check "... nothing written" [ ! -e "$TMP/tw" ]
usage_err "--shards twice" "--shards given twice ('2', then '3')" \
    plan --shards 2 --shards 3 "$TREE"
usage_err "--repo twice" "--repo given twice ('a', then 'b')" \
    new --repo a --repo b u c t
usage_err "--reviewer twice" "--reviewer given twice ('a', then 'b')" \
    status --trust k --reviewer a --reviewer b
usage_err "print --repo and REPO" "REPO given twice ('a' by --repo, then 'b')" \
    print --preview --repo a --out "$TMP/tw" c/v2 b
"$GONGKAI" build --preview --shard 1/2 --shard 1/2 --out "$TMP/same" "$TREE" \
    >/dev/null 2>&1
check "the same --shard twice is no conflict" [ $? -eq 0 ]
"$GONGKAI" build --preview --quiet --quiet --out "$TMP/same2" "$TREE" \
    >/dev/null 2>&1
check "a flag twice is no conflict" [ $? -eq 0 ]

# gongkai help COMMAND is COMMAND --help, as in git
"$GONGKAI" help build >"$TMP/helpcmd-a" 2>&1
check "help build: exits 0" [ $? -eq 0 ]
"$GONGKAI" build --help >"$TMP/helpcmd-b" 2>&1
check "help build is build --help" cmp -s "$TMP/helpcmd-a" "$TMP/helpcmd-b"
"$GONGKAI" help nosuch >/dev/null 2>"$TMP/err"
check "help of no command: usage error" [ $? -eq 2 ]
check "help of no command: says so" grep -q "'nosuch' is not a gongkai command" "$TMP/err"

# a date that does not exist is said so, not "expected YYYY-MM-DD"
"$GONGKAI" report --preview --as-of 2026-02-30 "$TREE" >/dev/null 2>"$TMP/err"
check "report --as-of 2026-02-30: usage error" [ $? -eq 2 ]
check "report --as-of 2026-02-30: February has 28 days" \
    grep -q "does not exist (February 2026 has 28 days)" "$TMP/err"

# not a repository: said without a file position, at once
mkdir -p "$TMP/norepo"
(cd "$TMP/norepo" && "$GONGKAI" check) >/dev/null 2>"$TMP/err"
check "check outside a repository: exits 1" [ $? -eq 1 ]
check "check outside a repository: says what is missing" \
    grep -q "^gongkai: error: no content/ folder in '.'" "$TMP/err"
"$GONGKAI" check "$TMP/nowhere" >/dev/null 2>"$TMP/err"
check "check of a missing folder: names it" \
    grep -q "^gongkai: error: cannot open repository '.*nowhere': No such file" "$TMP/err"
(cd "$TMP/norepo" && timeout 20 "$GONGKAI" serve --port 0) >/dev/null 2>"$TMP/err"
check "serve outside a repository: exits 1 at once" [ $? -eq 1 ]

done_tests
