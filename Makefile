# crakit - one non-recursive GNU Makefile (STYLE.md §9). Targets: all run check fuzz fmt bench.
# Source lists are wildcards: a new detector, format or command needs no edit here.

CC      ?= gcc
ifeq ($(origin CC),default)
CC      := gcc
endif
PKGS    := jansson yaml-0.1 libxml-2.0 libarchive sqlite3 libcrypto libpcre2-8 zlib
# libcurl: headers only; `crakit db update` loads it with dlopen (src/vulndb/curl_dl.h)
DLPKGS  := libcurl
B       ?= build
V       ?= 0
ifeq ($(V),0)
Q := @
else
Q :=
endif
export B
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Wformat=2 -Wvla
BASEFLAGS := -std=c17 -D_GNU_SOURCE -Iinclude -Isrc -DCRAKIT_VERSION='"$(VERSION)"' \
           $(WARN) -fno-strict-aliasing -pthread
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(DLPKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm

# Two builds side by side: release ($(B)/rel) and sanitised ($(B)/san, used by `make check`).
# -Wmaybe-uninitialized is kept in the sanitised build (-O1) that `make check` compiles; at
# -O2 GCC 12 reports false positives through inlining (the Linux kernel moved it to W=2 for that).
REL_CFLAGS := -O2 -g -fPIC -Wno-maybe-uninitialized
SAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
              -fno-sanitize-recover=all -fPIC
SAN_LDFLAGS := -fsanitize=address,undefined

LIB_SRC := $(sort $(wildcard src/base/*.c src/model/*.c src/formats/*.c src/source/*.c \
             src/detect/*.c src/version/*.c src/vulndb/*.c src/match/*.c src/store/*.c \
             src/cra/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
DOCS    := $(sort $(wildcard docs/cmd/*.md))
SQL     := $(sort $(wildcard src/store/sql/*/[0-9]*.sql))
LIB_SRC += $(B)/gen/sql.c
UNIT_SRC := $(sort $(wildcard tests/unit/*/test_*.c))
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

define objs
$(patsubst %.c,$(B)/$(1)/%.o,$(2))
endef

.PHONY: all run check test fuzz fmt fmt-check bench deps clean install-deps
all: deps $(B)/rel/crakit $(B)/rel/libcrakit.a $(B)/rel/libcrakit.so

deps:
	@scripts/deps.sh --no-test

# ---- generated: command docs embedded in the binary (crakit help CMD) ----
$(B)/gen/docs.c: $(DOCS) scripts/embed-docs.sh
	@mkdir -p $(dir $@)
	@scripts/embed-docs.sh $(DOCS) > $@.tmp && mv $@.tmp $@
# ---- generated: store schema migrations embedded in libcrakit (src/store/sql/BACKEND/NNNN-*.sql) ----
$(B)/gen/sql.c: $(SQL) scripts/embed-sql.sh
	@mkdir -p $(dir $@)
	@scripts/embed-sql.sh $(SQL) > $@.tmp && mv $@.tmp $@

# ---- objects ----
$(B)/rel/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASEFLAGS) $(REL_CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@
$(B)/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASEFLAGS) $(SAN_CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

# ---- library and binary, per variant ----
define variant
$(B)/$(1)/libcrakit.a: $(call objs,$(1),$(LIB_SRC))
	@rm -f $$@
	$(Q)ar rcs $$@ $$^
$(B)/$(1)/libcrakit.so: $(call objs,$(1),$(LIB_SRC))
	$(Q)$(CC) -shared $(2) -o $$@ $$^ $$(PKG_LIBS)
$(B)/$(1)/crakit: $(call objs,$(1),$(CLI_SRC) $(B)/gen/docs.c) $(B)/$(1)/libcrakit.a
	$(Q)$(CC) $(2) -o $$@ $(call objs,$(1),$(CLI_SRC) $(B)/gen/docs.c) $(B)/$(1)/libcrakit.a $$(PKG_LIBS) -pthread
endef
$(eval $(call variant,rel,))
$(eval $(call variant,san,$(SAN_LDFLAGS)))

# ---- tests ----
UNIT_BINS := $(patsubst tests/unit/%.c,$(B)/san/tests/unit/%,$(UNIT_SRC))
TOOL_BINS := $(patsubst tests/tools/%.c,$(B)/san/tests/tools/%,$(TOOL_SRC))
$(B)/san/tests/unit/%: tests/unit/%.c $(B)/san/libcrakit.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASEFLAGS) $(SAN_CFLAGS) $(PKG_CFLAGS) -MMD -MP -o $@ $< $(B)/san/libcrakit.a \
	  $(PKG_LIBS) -lcmocka $(SAN_LDFLAGS)
$(B)/san/tests/tools/%: tests/tools/%.c $(B)/san/libcrakit.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASEFLAGS) $(SAN_CFLAGS) $(PKG_CFLAGS) -o $@ $< $(B)/san/libcrakit.a \
	  $(PKG_LIBS) $(SAN_LDFLAGS)

# Replays fuzz seeds through each target with a plain driver (no libFuzzer needed).
FUZZ_REPLAY := $(patsubst tests/fuzz/%.c,$(B)/san/tests/fuzz/%,$(FUZZ_SRC))
$(B)/san/tests/fuzz/%: tests/fuzz/%.c tests/fuzz/driver.c $(B)/san/libcrakit.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASEFLAGS) $(SAN_CFLAGS) $(PKG_CFLAGS) -o $@ $< tests/fuzz/driver.c \
	  $(B)/san/libcrakit.a $(PKG_LIBS) $(SAN_LDFLAGS)

check-build: $(B)/san/crakit $(B)/rel/crakit $(UNIT_BINS) $(TOOL_BINS) $(FUZZ_REPLAY)

check:
	@scripts/deps.sh
	@$(MAKE) --no-print-directory check-build
	@tests/run.sh

test: check

# ---- the main job, on examples/ ----
run: all
	@mkdir -p $(B)/out
	$(B)/rel/crakit sbom examples --format table -o $(B)/out/examples.table.txt --timestamp 2026-01-01T00:00:00Z
	@cat $(B)/out/examples.table.txt
	$(B)/rel/crakit sbom examples -o $(B)/out/examples.cdx.json --timestamp 2026-01-01T00:00:00Z
	@echo "wrote $(B)/out/examples.cdx.json"
	@# the CRA journey of each example product: sbom -> scan -> release (SBOM, findings and the
	@# assessment at that moment) -> classify -> assess -> docs, against a small advisory database made of the examples' own fixtures
	@# (examples/*/advisories: real OSV and KEV records, see their README) in $(B)/out/crakit.db
	@rm -f $(B)/out/crakit.db $(B)/out/crakit.db-wal $(B)/out/crakit.db-shm
	$(B)/rel/crakit db import -q --db $(B)/out/crakit.db --now 2027-03-01T00:00:00Z examples/webapp/advisories examples/gateway-firmware/advisories
	$(B)/rel/crakit vex set CVE-2021-23337 --db $(B)/out/crakit.db --component pkg:npm/lodash --status not_affected \
	  --justification vulnerable_code_not_in_execute_path --author security@exsoft.example --time 2027-02-20T09:00:00Z \
	  -m "the front end never calls _.template, where the command injection is" >/dev/null
	@for e in webapp gateway-firmware; do set -e; echo; echo "== examples/$$e"; \
	  v=$$(sed -n 's/^ *versions: *\["\([^"]*\)".*/\1/p' examples/$$e/cra.yaml); \
	  $(B)/rel/crakit sbom examples/$$e -q -o $(B)/out/$$e.cdx.json --timestamp 2027-03-01T00:00:00Z; \
	  $(B)/rel/crakit scan $(B)/out/$$e.cdx.json -q --db $(B)/out/crakit.db --timestamp 2027-03-01T00:00:00Z | head -n 3; \
	  $(B)/rel/crakit scan $(B)/out/$$e.cdx.json -q --db $(B)/out/crakit.db --timestamp 2027-03-01T00:00:00Z --json -o $(B)/out/$$e.scan.json; \
	  $(B)/rel/crakit release record -c examples/$$e/cra.yaml --db $(B)/out/crakit.db --version "$$v" --author make-run \
	    --sbom $(B)/out/$$e.cdx.json --findings $(B)/out/$$e.scan.json --now 2027-03-01T00:00:00Z; \
	  $(B)/rel/crakit classify examples/$$e; \
	  $(B)/rel/crakit assess examples/$$e --db $(B)/out/crakit.db --now 2027-03-01 | head -n 11; \
	  $(B)/rel/crakit assess examples/$$e --db $(B)/out/crakit.db --now 2027-03-01 -f html -o $(B)/out/$$e-assessment.html; \
	  $(B)/rel/crakit assess examples/$$e --db $(B)/out/crakit.db --now 2027-03-01 --json -o $(B)/out/$$e-assessment.json; \
	  $(B)/rel/crakit docs examples/$$e --db $(B)/out/crakit.db --now 2027-03-01 --out $(B)/out/$$e-docs; done
	@echo; $(B)/rel/crakit release list --db $(B)/out/crakit.db
	$(B)/rel/crakit audit verify --db $(B)/out/crakit.db

# ---- libFuzzer targets (clang) ----
FUZZ_LIB_SRC := $(LIB_SRC)
FUZZ_CFLAGS := -std=c17 -D_GNU_SOURCE -Iinclude -Isrc -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
$(B)/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)clang $(FUZZ_CFLAGS) $(PKG_CFLAGS) -DCRAKIT_VERSION='"$(VERSION)"' -MMD -MP -c $< -o $@
$(B)/fuzz/libcrakit.a: $(patsubst %.c,$(B)/fuzz/%.o,$(FUZZ_LIB_SRC))
	@rm -f $@
	$(Q)ar rcs $@ $^
$(B)/fuzz/bin/%: tests/fuzz/%.c $(B)/fuzz/libcrakit.a
	@mkdir -p $(dir $@)
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -MMD -MP -o $@ $< $(B)/fuzz/libcrakit.a $(PKG_LIBS)
fuzz: $(patsubst tests/fuzz/%.c,$(B)/fuzz/bin/%,$(FUZZ_SRC))
	@echo "built: $^"; echo "run e.g. (new inputs go to the first directory, not the seeds):"; \
	  echo "  mkdir -p /tmp/fz && $(B)/fuzz/bin/fuzz_kev -max_total_time=60 /tmp/fz tests/fuzz/corpus/kev"

bench: all
	bench/sbom.sh

fmt:
	clang-format -i $(shell find src include tests -name '*.[ch]')
fmt-check:
	@clang-format --dry-run --Werror $(shell find src include tests -name '*.[ch]')

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
