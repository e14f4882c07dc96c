#!/bin/sh
# bench/run.sh -- `make bench`: wall time and peak memory of gongkai on
# synthetic corpora (bench/gen.sh).  Benchmarks, not tests: nothing here
# passes or fails on a number, but a command that exits non-zero is
# reported as FAILED and makes the run exit 1.
#
# Run from the project root.  Environment:
#   BENCH_FULL=1     also 10,000 units x 10 items (issue 11's figures at
#                    100,000 items) and the province (20,000 units,
#                    200,000 items; Hugo left out there)
#   BENCH_SECTIONS   sections to run, in order (default: "check build
#                    incr hotline print gate")
#   PRINT_VILLAGES   villages of the print section (default: 1000)
#   GATE_COMMITS     signed approvals in the gate section (default: 1000)
#   HOTLINE_ROWS     calls in the hotline year (default: 1000000)
#   BENCH_OUT        corpus and scratch folder (default: bench/out, git-ignored)
#   GONGKAI          program under test (default: ./gongkai)
#   SEED             generator seed (default: 1)
#   BENCH_CORPORA    override the corpora: lines of "name units items-per-unit"
#
# Adding a benchmark: write a function bench_<name> CORPUS_NAME DIR that
# calls `measure LABEL COMMAND...` once per figure, and add <name> to the
# default of BENCH_SECTIONS below.
set -eu

GONGKAI=${GONGKAI:-./gongkai}
BENCH_OUT=${BENCH_OUT:-bench/out}
BENCH_SECTIONS=${BENCH_SECTIONS:-check build incr hotline print gate}
SEED=${SEED:-1}
HERE=$(dirname "$0")

# name units items-per-unit
CORPORA="small 1000 10"
[ "${BENCH_FULL:-0}" = 1 ] && CORPORA="$CORPORA
hundred 10000 10
province 20000 10"
CORPORA=${BENCH_CORPORA:-$CORPORA}

[ -x "$GONGKAI" ] || { echo "bench: $GONGKAI not found (run make)" >&2; exit 2; }
mkdir -p "$BENCH_OUT/log"
RESULTS=$BENCH_OUT/results.txt
: >"$RESULTS"
# issue 11's table: "figure|value|target" lines from the sections
TARGETS=$(cd "$BENCH_OUT" && pwd)/targets.txt
export TARGETS
: >"$TARGETS"
FAILED=0
SCRATCH=
trap 'rm -rf $SCRATCH' EXIT INT TERM

if [ -x /usr/bin/time ]; then
	HAVE_TIME=1
else
	HAVE_TIME=0
	echo "bench: /usr/bin/time missing: wall time only, no peak RSS" >&2
fi

# Seconds since the epoch with nanoseconds (GNU date), for the fallback.
now() { date +%s.%N; }

# measure CORPUS LABEL COMMAND... -- runs COMMAND once, its output to a
# log, and appends "CORPUS|LABEL|seconds|KiB" to the results.
measure() {
	m_corpus=$1 m_label=$2
	shift 2
	m_log=$BENCH_OUT/log/$m_corpus-$(echo "$m_label" | tr ' /()' '____').log
	m_tf=$BENCH_OUT/log/.time
	printf '  %-10s %-28s ' "$m_corpus" "$m_label" >&2
	m_rc=0
	if [ "$HAVE_TIME" = 1 ]; then
		/usr/bin/time -o "$m_tf" -f '%e %M' "$@" >"$m_log" 2>&1 ||
		    m_rc=$?
		# time(1) writes "Command exited with non-zero status" first.
		set -- $(tail -n 1 "$m_tf")
		m_sec=$1 m_kib=$2
	else
		m_t0=$(now)
		"$@" >"$m_log" 2>&1 || m_rc=$?
		m_sec=$(echo "$m_t0 $(now)" | awk '{ printf "%.2f", $2 - $1 }')
		m_kib=-
	fi
	if [ "$m_rc" -ne 0 ]; then
		FAILED=1
		m_sec="FAILED(exit $m_rc)"
		m_kib="see $m_log"
		echo "$m_sec, see $m_log" >&2
	else
		echo "$m_sec s  $m_kib KiB" >&2
	fi
	echo "$m_corpus|$m_label|$m_sec|$m_kib" >>"$RESULTS"
}

# corpus NAME UNITS IPU -- makes $BENCH_OUT/NAME unless it is already
# there with the same parameters; measures the generator when it runs.
corpus() {
	c_dir=$BENCH_OUT/$1
	if [ -f "$c_dir/.gen-params" ] &&
	    [ "$(cat "$c_dir/.gen-params")" = "$2 $3 $SEED" ]; then
		echo "  $1: reusing $c_dir ($2 units x $3 items)" >&2
		return 0
	fi
	rm -rf "$c_dir"
	measure "$1" "gen.sh $2x$3" sh "$HERE/gen.sh" "$c_dir" "$2" "$3" "$SEED"
}

# --- sections: bench_<name> CORPUS_NAME DIR ---------------------------

# Loading and validating every unit and item (YAML, dates, index numbers,
# privacy scan): the editor's `gongkai check`.
bench_check() {
	measure "$1" "check" "$GONGKAI" check "$2"
}

# A full preview build of the working tree, then the same build again:
# the second one runs with the corpus and the program in the page cache
# and replaces an existing output folder.
bench_build() {
	b_out=$(mktemp -d "$BENCH_OUT/site.XXXXXX")
	SCRATCH="$SCRATCH $b_out"
	measure "$1" "build --preview" "$GONGKAI" build --preview \
	    --out "$b_out/site" "$2"
	measure "$1" "build --preview (2nd, warm)" "$GONGKAI" build --preview \
	    --out "$b_out/site" "$2"
	if [ -d "$b_out/site" ]; then
		echo "  $1: output $(find "$b_out/site" -type f | wc -l) files," \
		    "$(du -sk "$b_out/site" | cut -f1) KiB" >&2
	fi
	# left to the exit's clean-up: on a disk without a journal, files
	# made in the minutes after a big rm -rf are slow (bench/incr.sh)
}

# A province's 12356 hotline year (bench/hotline.sh, HOTLINE_ROWS calls
# in twelve monthly files): check streams every record; the build makes
# the monthly reports (pages, PDFs, aggregate CSVs) of every unit.
# Memory should follow the aggregates (and one month's file), not the
# calls.  Runs once, whatever the corpora.
bench_hotline() {
	[ -z "${HOTLINE_DONE:-}" ] || return 0
	HOTLINE_DONE=1
	h_rows=${HOTLINE_ROWS:-1000000}
	h_dir=$BENCH_OUT/hotline
	if ! [ -f "$h_dir/.gen-params" ] ||
	    [ "$(cat "$h_dir/.gen-params")" != "$h_rows $SEED" ]; then
		measure hotline "hotline.sh $h_rows calls" \
		    sh "$HERE/hotline.sh" "$h_dir" "$h_rows" "$SEED"
	fi
	h_out=$(mktemp -d "$BENCH_OUT/site.XXXXXX")
	SCRATCH="$SCRATCH $h_out"
	measure hotline "check ($h_rows calls)" "$GONGKAI" check "$h_dir"
	measure hotline "build --preview (12 months)" "$GONGKAI" build \
	    --preview --out "$h_out/site" "$h_dir"
}

# Issue 11's web figures on this corpus's size, in one interleaved run:
# full build (--jobs 2 and 1), Hugo, the floor, and incremental rebuilds
# (no change, one item edited, one template changed): bench/incr.sh,
# which prints its own table of ratios.
bench_incr() {
	i_hugo=1 i_rounds=2
	[ "$1" = province ] && i_hugo=0 i_rounds=1
	HUGO_RUN=$i_hugo measure "$1" "incr.sh" sh "$HERE/incr.sh" \
	    "$(sed -n 1p "$2/.gen-params" | cut -d' ' -f1)" \
	    "$(sed -n 1p "$2/.gen-params" | cut -d' ' -f2)" "$i_rounds"
	sed -n '/^corpus/,$p' "$BENCH_OUT/log/$1-incr.sh.log" >&2
}

# Boards, handouts and questionnaires for PRINT_VILLAGES villages, cold
# and after one village changed (bench/print.sh).  Once per run.
bench_print() {
	[ -z "${PRINT_DONE:-}" ] || return 0
	PRINT_DONE=1
	p_dir=$BENCH_OUT/print
	rm -rf "$p_dir"
	BENCH_DIR=$p_dir measure print "print.sh ${PRINT_VILLAGES:-1000} villages" \
	    sh "$HERE/print.sh" "${PRINT_VILLAGES:-1000}" 10
	sed 's/^/    /' "$BENCH_OUT/log/print-print.sh_${PRINT_VILLAGES:-1000}_villages.log" >&2
	SCRATCH="$SCRATCH $p_dir"
}

# The gate on GATE_COMMITS signed approvals, warm cache vs --preview
# (bench/gate.sh; the repository is kept in bench/out/gate-N).  Once.
bench_gate() {
	[ -z "${GATE_DONE:-}" ] || return 0
	GATE_DONE=1
	measure gate "gate.sh ${GATE_COMMITS:-1000} commits" \
	    bash "$HERE/gate.sh" "${GATE_COMMITS:-1000}"
	sed 's/^/    /' "$BENCH_OUT/log/gate-gate.sh_${GATE_COMMITS:-1000}_commits.log" >&2
}

# --- main -------------------------------------------------------------

echo "gongkai benchmarks: $(nproc 2>/dev/null || echo '?') cores," \
    "$GONGKAI, sections: $BENCH_SECTIONS" >&2
while read -r name units ipu <&3; do
	corpus "$name" "$units" "$ipu"
	for s in $BENCH_SECTIONS; do
		"bench_$s" "$name" "$BENCH_OUT/$name"
	done
done 3<<EOF
$CORPORA
EOF

echo
printf '| %-9s | %-29s | %-12s | %-14s |\n' corpus command "wall (s)" "peak RSS (KiB)"
printf '|%s|%s|%s|%s|\n' ----------- ------------------------------- \
    -------------- ----------------
while IFS='|' read -r c l s k; do
	printf '| %-9s | %-29s | %12s | %14s |\n' "$c" "$l" "$s" "$k"
done <"$RESULTS"

if [ -s "$TARGETS" ]; then
	echo
	echo "issue 11's figures (ratios within one run; see bench/README.md)"
	echo
	printf '| %-58s | %-18s | %-10s |\n' figure value target
	printf '|%s|%s|%s|\n' ------------------------------------------------------------ \
	    -------------------- ------------
	while IFS='|' read -r f v t; do
		printf '| %-58s | %-18s | %-10s |\n' "$f" "$v" "$t"
	done <"$TARGETS"
fi

if [ "$FAILED" != 0 ]; then
	echo "bench: some commands failed; see $BENCH_OUT/log/" >&2
	exit 1
fi
