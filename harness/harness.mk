# harness.mk: host tools of the harness (testmeta, harness) and their unit tests.

HOST_OUT    := $(BUILD)/host
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
HARNESS     := $(HOST_OUT)/harness
H_SRCS      := harness/harness_main.c harness/run.c harness/target.c harness/report.c harness/testmeta.c
H_HDRS      := $(wildcard harness/*.h)

$(HOST_OUT)/testmeta: harness/testmeta.c harness/testmeta_main.c harness/testmeta.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  testmeta"
	@$(HOST_CC) $(HOST_CFLAGS) -o $@ harness/testmeta.c harness/testmeta_main.c

$(HARNESS): $(H_SRCS) $(H_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  harness"
	@$(HOST_CC) $(HOST_CFLAGS) -Iharness -o $@ $(H_SRCS)

harness: $(HARNESS) ## build the harness (build/host/harness): boots tests on a target, compares
.PHONY: harness

# Unit tests: cmocka, ASan + UBSan.
$(HOST_OUT)/unit/testmeta_test: harness/tests/testmeta_test.c harness/testmeta.c $(H_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  unit/testmeta_test (asan, ubsan)"
	@$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -Iharness -o $@ harness/tests/testmeta_test.c \
	  harness/testmeta.c $(CMOCKA_LIBS)

$(HOST_OUT)/unit/run_test: harness/tests/run_test.c harness/run.c harness/target.c harness/testmeta.c $(H_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  unit/run_test (asan, ubsan)"
	@$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -Iharness -o $@ harness/tests/run_test.c \
	  harness/run.c harness/target.c harness/testmeta.c $(CMOCKA_LIBS)

.PHONY: unit-harness
unit-harness: $(HOST_OUT)/unit/testmeta_test $(HOST_OUT)/unit/run_test $(HOST_OUT)/testmeta $(HARNESS) ## harness cmocka suites (testmeta, runner, targets) under ASan+UBSan, and the testcases metadata check
	@$(HOST_OUT)/unit/testmeta_test
	@$(HOST_OUT)/unit/run_test
	@bash harness/tests/testcases_check.sh $(HOST_OUT)/testmeta $(TC_FILES)
UNIT_TARGETS += unit-harness

# kernel-check: every testcase of each arch (or ARCH=) on our kernel, compared
# with golden by tracediff; divergences listed in harness/expected/kernel.txt
# are expected (each with its reason).  TEST=name (or "a b") for a subset.
CHECK_ARCHES := $(if $(filter command line,$(origin ARCH)),$(ARCH),$(ARCHES))
CHECK_TESTS  := $(if $(filter command line environment,$(origin TEST)),$(TEST))
# SHARD=I/N: only shard I (0..N-1) of N of the corpus, so N CI machines split
# it (or TEST_SHARD_INDEX=I TEST_TOTAL_SHARDS=N in the environment, gVisor's
# convention); a TEST= list is never sharded
SHARD        ?= $(if $(TEST_TOTAL_SHARDS),$(TEST_SHARD_INDEX)/$(TEST_TOTAL_SHARDS))
SHARD_OPT    := $(if $(CHECK_TESTS),,$(if $(SHARD),--shard $(SHARD)))
.PHONY: kernel-check
kernel-check: $(HARNESS) tracediff ## every testcase on our kernel against golden, reports in build/reports/
	@rm -rf $(BUILD)/reports
	@fail=0; for a in $(CHECK_ARCHES); do \
	  $(HARNESS) check --target kernel --arch $$a -j $(JOBS) $(SHARD_OPT) \
	    --expected harness/expected/kernel.txt $(CHECK_TESTS) || fail=1; done; \
	echo "reports: $(BUILD)/reports/index.html"; exit $$fail
CHECK_TARGETS += kernel-check

# The robustness testcases (testcases/robust_*.c): garbage syscalls, fork
# bomb, memory exhaustion, FPU and signal state; no panic, no hang.
.PHONY: kernel-robust-all
kernel-robust-all:
	@for a in $(CHECK_ARCHES); do $(MAKE) --no-print-directory ARCH=$$a kernel-robust || exit 1; done
CHECK_TARGETS += kernel-robust-all

# bisect: git bisect run in a worktree of its own (ci/bisect.sh).
TARGET ?= kernel
.PHONY: bisect bisect-test
bisect: ## find the commit where TEST starts to diverge: make bisect GOOD=rev BAD=rev TEST=name [ARCH=] [TARGET=]
	@if [ -z "$(GOOD)" ] || [ -z "$(BAD)" ] || [ -z "$(CHECK_TESTS)" ]; then \
	  echo "usage: make bisect GOOD=rev BAD=rev TEST=name [ARCH=x86_64|riscv64] [TARGET=kernel]" >&2; exit 2; fi
	@bash ci/bisect.sh $(GOOD) $(BAD) $(CHECK_TESTS) $(ARCH) $(TARGET)

bisect-test: ## check make bisect on a throwaway repository with a regression planted in commit k of n
	@bash ci/tests/bisect_test.sh

.PHONY: planted-check
planted-check: ## check that make check catches planted kernel bugs (wait4 status, clone3 stack)
	@bash ci/tests/planted_check.sh
TEST_TARGETS += planted-check bisect-test

# make bench: one table measured in one run (harness/bench/bench.sh).
EMPTY_ELF := $(BUILD)/bench/empty-$(ARCH).elf
$(BUILD)/bench/empty-x86_64.elf: harness/bench/empty-x86_64.S
	@mkdir -p $(@D)
	@gcc -m32 -c $< -o $@.o && ld -m elf_i386 -N -Ttext=0x100000 --no-warn-rwx-segments -o $@ $@.o
$(BUILD)/bench/empty-riscv64.elf: harness/bench/empty-riscv64.S
	@mkdir -p $(@D)
	@riscv64-linux-gnu-gcc -c $< -o $@.o && \
	  riscv64-linux-gnu-ld -N -Ttext=0x80200000 --no-warn-rwx-segments -o $@ $@.o

BENCH_ARCHES := $(CHECK_ARCHES)
.PHONY: bench-harness
bench-harness: $(HARNESS) tracediff $(BUILD)/host/compare/gentrace $(foreach a,$(BENCH_ARCHES),$(BUILD)/bench/empty-$(a).elf) ## per-test wall time, syscall and fork latency: our kernel, Linux, an empty kernel
	@for a in $(BENCH_ARCHES); do $(MAKE) --no-print-directory ARCH=$$a testcases kernel linux-initrd >/dev/null || exit 1; done
	@bash harness/bench/bench.sh $(BUILD) "$(BENCH_ARCHES)"
BENCH_TARGETS := bench-harness $(BENCH_TARGETS)
