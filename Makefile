# Top-level Makefile: one entry point for the kernel developer.
# `make help` lists the targets.  ARCH selects x86_64 (default) or riscv64;
# build output goes under build/<arch>/, so both arches coexist.

ARCH    ?= x86_64
ARCHES  := x86_64 riscv64
TOP     := $(CURDIR)
BUILD   := $(TOP)/build
B       := $(BUILD)/$(ARCH)
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)

ifeq ($(filter $(ARCH),$(ARCHES)),)
$(error ARCH=$(ARCH) is not supported; use one of: $(ARCHES))
endif

# Cross tools per arch (host gcc for x86_64, Debian's cross gcc for riscv64).
CROSS_x86_64  :=
CROSS_riscv64 := riscv64-linux-gnu-
CROSS         := $(CROSS_$(ARCH))

# Host C: warnings are errors everywhere.
HOST_CC       ?= gcc
HOST_CFLAGS   ?= -std=gnu11 -O2 -g -Wall -Wextra -Werror -MD -MP
SAN_FLAGS     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.DEFAULT_GOAL := all
.PHONY: all help deps clean distclean compile_commands.json

# help: one line per target, from the '##' comments below and in the fragments.
help: ## list the targets
	@printf 'usage: make [target] [ARCH=x86_64|riscv64] [TEST=name]\n\n'
	@grep -h -E '^[a-zA-Z_.-]+:.*## ' $(MAKEFILE_LIST) | sort -u | \
	  awk 'BEGIN{FS=":.*## "} {printf "  %-22s %s\n", $$1, $$2}'

deps: ## install packages, build musl and busybox from Debian sources (idempotent)
	@bash ci/deps.sh

# deps-arch: the same for ARCH only (what building for one arch needs).
deps-arch:
	@DEPS_ARCHES=$(ARCH) bash ci/deps.sh
.PHONY: deps-arch

all: deps ## build everything for both arches (tests, kernel, Linux golden target, host tools)
	@$(MAKE) --no-print-directory harness tracediff
	@for a in $(ARCHES); do $(MAKE) --no-print-directory ARCH=$$a testcases kernel linux-initrd || exit 1; done

clean: ## remove build output of ARCH (keeps the cached Debian builds)
	rm -rf $(B)/rootfs $(B)/rootfs.cpio $(B)/tests $(B)/runs $(BUILD)/host $(BUILD)/reports

distclean: ## remove all of build/
	rm -rf $(BUILD)

compile_commands.json: ## write compile_commands.json for editors (via bear)
	rm -rf $(BUILD)/host $(B)/tests $(B)/kernel
	ASAN_OPTIONS=verify_asan_link_order=0 bear --output $(TOP)/compile_commands.json -- \
	  $(MAKE) --no-print-directory $(UNIT_TARGETS) testcases $(if $(wildcard kernel/kernel.mk),kernel)

include testcases/testcases.mk
include harness/harness.mk
include harness/linux/linux.mk
-include compare/compare.mk
-include kernel/kernel.mk

# Fragments add to these lists; the aggregate targets come after the includes
# so that every fragment's entries are seen.
# unit: the suites side by side (harness-faults and the runner's suite spend
# most of their time waiting on fake QEMUs' timeouts), each one's output
# kept together
unit: ## build and run the cmocka unit suites (ASan+UBSan)
	@$(MAKE) --no-print-directory -j$(words $(UNIT_TARGETS)) --output-sync=target $(UNIT_TARGETS)
bench: $(BENCH_TARGETS) ## run the benchmarks and print their tables
check: deps unit smoke $(CHECK_TARGETS) ## the main job: unit tests, smoke run, every testcase on our kernel against golden
test: check $(TEST_TARGETS) ## what CI runs: check, plus re-recording Linux against golden
.PHONY: unit bench check test
