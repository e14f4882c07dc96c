#!/bin/sh
# tests/incrwalk.sh STEPS SEED -- the incremental-equals-clean walk of
# tests/incr.sh at any length and seed (make check runs 24 steps of seed
# 7; `make fuzz` runs INCR_STEPS of INCR_SEED).  INCR_VERBOSE=1 prints
# each step's edit.
. tests/lib.sh
. tests/incr.sh
incr_walk "${1:-100}" "${2:-1}"
echo "incremental walk: ${1:-100} steps, seed ${2:-1}"
done_tests
