# gongkai -- plain Makefile (GNU make).
#
#   make           build ./gongkai
#   make demo      build the demo site into site-out/
#   make check     build and run every test; ends with "N passed, N failed"
#   make asan      the same tests under AddressSanitizer + UBSan
#   make bench     benchmarks (not tests): wall time and peak memory
#   make install   PREFIX=/usr/local

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/gongkai

CC	?= cc
PKGS	 = libcmark-gfm yaml-0.1 libgit2 librnp pangocairo pangoft2 \
	   harfbuzz-subset zlib libqrencode libmicrohttpd
CFLAGS	?= -O2 -g
WFLAGS	 = -std=c11 -Wall -Wextra -Werror -Wno-unused-parameter
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	    -DGONGKAI_DATADIR='"$(DATADIR)"' -DGONGKAI_VERSION='"0.1"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) \
	    -lcmark-gfm-extensions -lm -pthread

# Debian 12 packages: build, run, and test.
DEBS	 = build-essential pkg-config libcmark-gfm-dev \
	   libcmark-gfm-extensions-dev libyaml-dev libgit2-dev librnp-dev \
	   libpango1.0-dev libcairo2-dev libharfbuzz-dev fonts-noto-cjk \
	   fonts-dejavu-core \
	   libqrencode-dev zlib1g-dev git gnupg poppler-utils zbar-tools \
	   mandoc strace procps libmicrohttpd-dev curl python3-html5lib \
	   qpdf mupdf-tools \
	   nodejs python3

BUILD	 = build
SRCS	 = $(filter-out src/main.c,$(wildcard src/*.c))
OBJS	 = $(SRCS:src/%.c=$(BUILD)/%.o)
UNITS	 = $(wildcard tests/unit_*.c)
UNITBINS = $(UNITS:tests/%.c=$(BUILD)/%)

all: gongkai

deps:
	@sh tools/deps.sh $(DEBS)

$(BUILD)/.deps-ok:
	@sh tools/deps.sh $(DEBS)
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/%.o: src/%.c src/*.h | $(BUILD)/.deps-ok
	@mkdir -p $(BUILD)
	@echo "CC $<"; $(CC) $(CPPFLAGS) $(WFLAGS) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/libgongkai.a: $(OBJS)
	rm -f $@ && ar rcs $@ $(OBJS)

gongkai: $(BUILD)/main.o $(BUILD)/libgongkai.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BUILD)/main.o $(BUILD)/libgongkai.a $(PKG_LIBS)

$(BUILD)/unit_%: tests/unit_%.c tests/t.h $(BUILD)/libgongkai.a
	$(CC) $(CPPFLAGS) $(WFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ $< \
	    $(BUILD)/libgongkai.a $(PKG_LIBS)

demo: gongkai
	sh tools/demo.sh

check: gongkai $(UNITBINS)
	@sh tests/run.sh $(BUILD)

asan:
	$(MAKE) BUILD=build-asan CC=gcc \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" gongkai-asan

gongkai-asan: $(BUILD)/main.o $(BUILD)/libgongkai.a $(UNITBINS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $(BUILD)/gongkai $(BUILD)/main.o $(BUILD)/libgongkai.a $(PKG_LIBS)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    GONGKAI=$(BUILD)/gongkai sh tests/run.sh $(BUILD)

# Hugo (the issue's peer) and time(1) (peak memory) are the benchmarks'
# alone: not needed to build, run or test.
BENCH_DEBS = hugo time

bench: gongkai
	@sh tools/deps.sh $(BENCH_DEBS)
	sh bench/run.sh

install: gongkai
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)/themes
	install -m 755 gongkai $(DESTDIR)$(BINDIR)/gongkai
	install -m 644 man/gongkai.1 $(DESTDIR)$(MANDIR)/man1/gongkai.1
	install -m 644 man/gongkai.5 $(DESTDIR)$(MANDIR)/man5/gongkai.5
	cp -R themes/default $(DESTDIR)$(DATADIR)/themes/

clean:
	rm -rf build build-asan gongkai site-out

.PHONY: all deps demo check asan gongkai-asan bench install clean

include fuzz/fuzz.mk
