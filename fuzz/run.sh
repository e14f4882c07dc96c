#!/bin/sh
# fuzz/run.sh BUILD SECONDS TARGET... -- runs each libFuzzer target in
# turn for SECONDS, one at a time.  Seeds come from fuzz/corpus/<t>/;
# what libFuzzer finds goes to BUILD/corpus/<t>/ (scratch, not
# committed) and crashes, leaks and timeouts to BUILD/crash/<t>/.  Ends
# with one line per target: runs, coverage (cov, ft) and findings.
# Exit 1 if any target found something: move the file into the
# target's corpus and fix the module (see fuzz/README.md).
build=$1 secs=$2
shift 2
status=0
summary=
for t in "$@"; do
	mkdir -p "$build/corpus/$t" "$build/crash/$t"
	log=$build/fuzz-$t.log
	dict=
	case $t in ydoc|item|cfg|unit) d=fuzz/yaml.dict ;; *) d=fuzz/$t.dict ;; esac
	[ -f "$d" ] && dict=-dict=$d
	echo "fuzz: $t for ${secs}s (log $log)"
	ASAN_OPTIONS=detect_leaks=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	    "$build/fuzz_$t" -max_total_time="$secs" -timeout=10 \
	    -rss_limit_mb=2048 -max_len=65536 -close_fd_mask=3 \
	    -print_final_stats=1 $dict \
	    -artifact_prefix="$build/crash/$t/" \
	    "$build/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1
	rc=$?
	last=$(grep -E '^#[0-9]+' "$log" | tail -1)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	found=$(ls "$build/crash/$t" | wc -l)
	[ "$rc" -ne 0 ] && status=1
	[ "$found" -ne 0 ] && status=1
	line="$t: runs ${runs:-?}, $(echo "$last" |
	    sed -n 's/.*\(cov: [0-9]*\).*\(ft: [0-9]*\).*/\1 \2/p'), exit $rc, findings $found"
	echo "$line"
	summary="$summary$line
"
done
printf '%s' "$summary"
exit $status
