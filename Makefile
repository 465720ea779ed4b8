# frontdesk: hand-written Makefile.
#
#   make run        install missing packages, build, open the demo database
#   make test       install missing packages, build, run every test
#   make asan       the tests again under address+undefined sanitizers
#   make fuzz       libFuzzer runs of every outside-input parser (clang)
#   make bench      benchmarks that print figures
#   make install PREFIX=/usr/local
#   make clean
#
# Objects go to $(B)/ (build/ by default, build-asan/ for the sanitizers;
# any B with a slash in it works, relative or absolute),
# with -MMD -MP dependency files beside them.

PREFIX    ?= /usr/local
B         ?= build
CC        ?= cc
PKGCONFIG ?= pkg-config
VERSION   := 0.1.0

# Debian packages the build and the tests need.
DEB_PKGS := build-essential pkg-config libncurses-dev libsqlite3-dev \
            libiniparser-dev libcriterion-dev libvterm-dev ncurses-term

WARN := -std=c11 -Wall -Wextra -Wformat=2 -Wshadow -Wmissing-prototypes \
        -Wstrict-prototypes -Wwrite-strings -Wno-missing-field-initializers \
        -Werror -Werror=implicit-function-declaration
OPT  ?= -O2 -g
SAN  ?=
CPPFLAGS_ALL := -Iinclude -I$(B) -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 \
                -DFD_VERSION='"$(VERSION)"'
CFLAGS_ALL   := $(WARN) $(OPT) $(SAN) -MMD -MP

# pkg-config is looked up lazily so that "make deps" can run before it exists.
CURSES_CFLAGS = $(shell $(PKGCONFIG) --cflags ncursesw)
CURSES_LIBS   = $(shell $(PKGCONFIG) --libs ncursesw)
SQLITE_LIBS   = $(shell $(PKGCONFIG) --libs sqlite3)
CRIT_CFLAGS   = $(shell $(PKGCONFIG) --cflags criterion)
CRIT_LIBS     = $(shell $(PKGCONFIG) --libs criterion)
VTERM_LIBS    = $(shell $(PKGCONFIG) --libs vterm)
CORE_LIBS     = $(SQLITE_LIBS) -liniparser

# The core: every src/*.c but main.c and the curses widgets (src/ui_*.c).
CORE_SRC   := $(filter-out src/main.c src/ui_%.c,$(wildcard src/*.c))
UI_SRC     := $(wildcard src/ui_*.c) $(wildcard screens/*.c)
ASSET_SRC  := $(sort $(wildcard assets/*.ini assets/*.txt assets/i18n/*.txt \
                                src/migrations/*.sql))
CORE_OBJ   := $(CORE_SRC:%.c=$(B)/%.o) $(B)/assets_gen.o
UI_OBJ     := $(UI_SRC:%.c=$(B)/%.o)
UNIT_SRC   := $(wildcard tests/unit/*.c)
E2E_SRC    := $(wildcard tests/e2e/*.c)
FUZZ_SRC   := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
BENCH      := $(patsubst tests/bench/%.c,$(B)/%,$(wildcard tests/bench/bench_*.c))

BIN  := $(B)/frontdesk
UNIT := $(B)/test_unit
E2E  := $(B)/test_e2e
REPLAY := $(FUZZ_NAMES:%=$(B)/replay_%)

DEMO_DB := $(B)/demo/frontdesk.db

# make V=1 shows the full command lines.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2)
endif

# Keep objects that only pattern rules make (fuzz targets, tests).
.SECONDARY:

.PHONY: all run test check-tests asan fuzz fuzz-bins bench install uninstall clean deps format

all: $(BIN)

# ---- dependencies -----------------------------------------------------
# Installs only what is missing: apt-get as root, sudo otherwise.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
			|| missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing missing Debian packages:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; \
		elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
		else echo "Missing packages:$$missing; run 'apt-get install$$missing' as root (no sudo here)." >&2; exit 1; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null || { \
			echo "Could not install:$$missing (apt-get failed; see above)." >&2; exit 1; }; \
	fi

# ---- build --------------------------------------------------------------
$(B)/assets_gen.c: src/embed.sh $(ASSET_SRC)
	@mkdir -p $(@D)
	sh src/embed.sh $(ASSET_SRC) > $@.tmp && mv $@.tmp $@

$(B)/assets_gen.o: $(B)/assets_gen.c
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(OPT) $(SAN) -c $< -o $@

$(B)/src/ui_%.o: src/ui_%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CURSES_CFLAGS) $(CFLAGS_ALL) -c $< -o $@

$(B)/src/main.o: src/main.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CURSES_CFLAGS) $(CFLAGS_ALL) -c $< -o $@

$(B)/screens/%.o: screens/%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CURSES_CFLAGS) $(CFLAGS_ALL) -c $< -o $@

$(B)/src/%.o: src/%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

$(B)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CRIT_CFLAGS) $(CFLAGS_ALL) -Wno-missing-prototypes -c $< -o $@

$(B)/tests/e2e/%.o: tests/e2e/%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CRIT_CFLAGS) $(CFLAGS_ALL) -Wno-missing-prototypes -c $< -o $@

$(B)/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -Wno-missing-prototypes -c $< -o $@

$(BIN): $(B)/src/main.o $(UI_OBJ) $(CORE_OBJ)
	$(call say,LINK,$@)
	$(Q)$(CC) $(SAN) -o $@ $^ $(CURSES_LIBS) $(CORE_LIBS)

# The unit tests link the core WITHOUT ncurses: that keeps the layering honest.
$(UNIT): $(UNIT_SRC:%.c=$(B)/%.o) $(CORE_OBJ)
	$(call say,LINK,$@)
	$(Q)$(CC) $(SAN) -o $@ $^ $(CRIT_LIBS) $(CORE_LIBS)

# The end-to-end tests link the core too: a test may set up what it needs
# (a cohort and its trainees) through the core's API before it starts the
# program, and read the database afterwards.
$(E2E): $(E2E_SRC:%.c=$(B)/%.o) $(CORE_OBJ)
	$(call say,LINK,$@)
	$(Q)$(CC) $(SAN) -o $@ $^ $(CRIT_LIBS) $(VTERM_LIBS) -lutil $(CURSES_LIBS) \
		$(CORE_LIBS)

# Fuzz targets, replayed over their corpus by a plain main (gcc, in make test).
$(B)/replay_%: $(B)/tests/fuzz/fuzz_%.o $(B)/tests/fuzz/replay_main.o $(CORE_OBJ)
	$(call say,LINK,$@)
	$(Q)$(CC) $(SAN) -o $@ $^ $(CORE_LIBS)

# Benchmarks: tests/bench/bench_NAME.c, linked with the core, run by make bench.
$(B)/bench_%: $(B)/tests/bench/bench_%.o $(CORE_OBJ)
	$(call say,LINK,$@)
	$(Q)$(CC) $(SAN) -o $@ $^ $(CORE_LIBS)

$(B)/tests/bench/%.o: tests/bench/%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -Wno-missing-prototypes -c $< -o $@

# ---- run and test -------------------------------------------------------
$(DEMO_DB): $(BIN)
	@mkdir -p $(@D)
	@rm -f $@ $@-wal $@-shm
	$(BIN) --db $@ demo

run: deps
	@$(MAKE) --no-print-directory $(BIN)
	@$(MAKE) --no-print-directory $(DEMO_DB)
	$(BIN) --db $(DEMO_DB)

test: deps
	@$(MAKE) --no-print-directory check-tests

# Sanitizer reports inside Criterion's forked tests do not always fail the
# run, so every log is also searched for them.
SAN_REPORT := ERROR: (Address|Leak)Sanitizer|runtime error:

check-tests: $(BIN) $(UNIT) $(E2E) $(REPLAY)
	@echo "== unit tests (core, no curses)"
	@$(UNIT) --jobs 2 > $(B)/unit.log 2>&1; rc=$$?; cat $(B)/unit.log; \
		[ $$rc = 0 ] && ! grep -Eq '$(SAN_REPORT)' $(B)/unit.log
	@echo "== fuzz corpus replay"
	@for t in $(FUZZ_NAMES); do $(B)/replay_$$t tests/fuzz/corpus/$$t/* || exit 1; done
	@echo "== end-to-end tests (real binary in an 80x24 pseudo-terminal)"
	@FRONTDESK_BIN=$(abspath $(BIN)) $(E2E) --jobs 2 > $(B)/e2e.log 2>&1; rc=$$?; \
		cat $(B)/e2e.log; [ $$rc = 0 ] && ! grep -Eq '$(SAN_REPORT)' $(B)/e2e.log

asan: deps
	@$(MAKE) --no-print-directory B=build-asan OPT='-O1 -g -fno-omit-frame-pointer' \
		SAN='-fsanitize=address,undefined -fno-sanitize-recover=undefined' check-tests

bench: deps
	@$(MAKE) --no-print-directory $(BENCH)
	@for b in $(BENCH); do echo "== $$b"; $$b || exit 1; done

# libFuzzer needs clang; the fuzz build lives in build-fuzz/.
fuzz: deps
	@$(MAKE) --no-print-directory deps DEB_PKGS=clang
	@$(MAKE) --no-print-directory B=build-fuzz CC=clang OPT='-O1 -g' \
		SAN='-fsanitize=fuzzer-no-link,address,undefined' fuzz-bins
	@for t in $(FUZZ_NAMES); do \
		mkdir -p build-fuzz/corpus/$$t; \
		echo "== fuzz $$t ($${FUZZ_SECONDS:-60} s)"; \
		./build-fuzz/fuzz_$$t -max_total_time=$${FUZZ_SECONDS:-60} \
			build-fuzz/corpus/$$t tests/fuzz/corpus/$$t || exit 1; \
	done

fuzz-bins: $(FUZZ_NAMES:%=$(B)/fuzz_%)

$(B)/fuzz_%: $(B)/tests/fuzz/fuzz_%.o $(CORE_OBJ)
	$(call say,LINK,$@)
	$(Q)$(CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(CORE_LIBS)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/frontdesk
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/frontdesk
	install -m 0644 assets/frontdesk.ini $(DESTDIR)$(PREFIX)/share/frontdesk/frontdesk.ini.example
	install -m 0644 $(filter-out assets/frontdesk.ini,$(wildcard assets/*.ini assets/*.txt)) \
		$(DESTDIR)$(PREFIX)/share/frontdesk/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/frontdesk
	rm -rf $(DESTDIR)$(PREFIX)/share/frontdesk

format:
	clang-format -i $(wildcard src/*.c include/frontdesk/*.h screens/*.c tests/*/*.c)

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(B) -name '*.d' 2>/dev/null)
