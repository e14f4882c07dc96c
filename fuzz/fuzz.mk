# fuzz/fuzz.mk -- fuzz targets, included from the Makefile.
#
#   make fuzz      run the long kill -9 loop (tests/killloop.sh,
#                  KILL_LOOPS kills from KILL_SEED, printed to replay
#                  it), the incremental-equals-clean walk (tests/
#                  incrwalk.sh: INCR_STEPS edits from INCR_SEED, printed
#                  to replay it), then build every target with clang's libFuzzer,
#                  ASan and UBSan into build-fuzz/ and run each, one at
#                  a time, for FUZZ_SECONDS
#   make check     (in the Makefile) also replays every corpus through
#                  build/unit_fuzz_<target>: the same target file linked
#                  with fuzz/replay.c, no clang needed
#
# A target is fuzz/fuzz_<name>.c; its corpus is fuzz/corpus/<name>/.

FUZZ_TARGETS	 = ydoc item cfg unit tmpl md commit keys idxno csv records names
FUZZ_SECONDS	?= 60
KILL_LOOPS	?= 50
KILL_SEED	?= $(shell date +%s)
INCR_STEPS	?= 200
INCR_SEED	?= $(shell date +%s)
FUZZ_REPLAY	 = $(FUZZ_TARGETS:%=$(BUILD)/unit_fuzz_%)
FUZZ_BINS	 = $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)
FUZZ_SAN	 = -fsanitize=address,undefined -fno-sanitize-recover=undefined

$(BUILD)/unit_fuzz_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz.h \
	    $(BUILD)/libgongkai.a
	$(CC) $(CPPFLAGS) $(WFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc \
	    -DFUZZ_CORPUS='"fuzz/corpus/$*"' -o $@ fuzz/fuzz_$*.c \
	    fuzz/replay.c $(BUILD)/libgongkai.a $(PKG_LIBS)

check: $(FUZZ_REPLAY)
gongkai-asan: $(FUZZ_REPLAY)

$(BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(BUILD)/libgongkai.a
	$(CC) $(CPPFLAGS) $(WFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc \
	    -fsanitize=fuzzer -o $@ fuzz/fuzz_$*.c $(BUILD)/libgongkai.a \
	    $(PKG_LIBS) $(LDFLAGS)

# clang is needed here only, never by `make` or `make check`.  Its
# -Wstring-concatenation flags the deliberate joins of long Chinese
# labels that gcc accepts; -Wbitwise-instead-of-logical the deliberate
# '|' of checks that must all run (cmd_check.c).
fuzz: gongkai
	@sh tools/deps.sh clang
	TZ=UTC LC_ALL=C.UTF-8 GONGKAI=$(CURDIR)/gongkai \
	    nice -n 19 sh tests/killloop.sh $(KILL_LOOPS) $(KILL_SEED)
	TZ=UTC LC_ALL=C.UTF-8 GONGKAI=$(CURDIR)/gongkai \
	    nice -n 19 sh tests/incrwalk.sh $(INCR_STEPS) $(INCR_SEED)
	$(MAKE) BUILD=build-fuzz CC=clang \
	    WFLAGS="$(WFLAGS) -Wno-string-concatenation -Wno-bitwise-instead-of-logical" \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
	    LDFLAGS="$(FUZZ_SAN)" fuzz-bins
	nice -n 19 sh fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-bins: $(FUZZ_BINS)

clean: fuzz-clean
fuzz-clean:
	rm -rf build-fuzz

.PHONY: fuzz fuzz-bins fuzz-clean
