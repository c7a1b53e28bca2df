# harness.mk: host tools of the harness (testmeta, harness) and their unit tests.

HOST_OUT    := $(BUILD)/host
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
HARNESS     := $(HOST_OUT)/harness
H_SRCS      := harness/harness_main.c harness/run.c harness/target.c harness/console.c harness/disk.c \
               harness/report.c harness/testmeta.c
H_HDRS      := $(wildcard harness/*.h)

$(HOST_OUT)/testmeta: harness/testmeta.c harness/testmeta_main.c harness/testmeta.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  testmeta"
	@$(HOST_CC) $(HOST_CFLAGS) -o $@ harness/testmeta.c harness/testmeta_main.c

$(HARNESS): $(H_SRCS) $(H_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  harness"
	@$(HOST_CC) $(HOST_CFLAGS) -Iharness -o $@ $(H_SRCS)

# exttrace: the external tracer (trace: external) the harness starts QEMU through
EXTTRACE    := $(HOST_OUT)/exttrace
# (string arguments: which they are comes from compare's rawtab.def, the
# numbers' names from libseccomp, as tracediff reads them)
EXT_CMP_SRCS := compare/src/rawtab.c compare/src/sysc.c compare/src/util.c
$(EXTTRACE): harness/exttrace.c harness/gdbstub.c harness/gdbstub.h $(EXT_CMP_SRCS) compare/src/rawtab.def \
	     compare/src/rules.def
	@mkdir -p $(@D)
	@echo "  HOSTCC  exttrace"
	@$(HOST_CC) $(HOST_CFLAGS) -Iharness -Icompare/src -o $@ harness/exttrace.c harness/gdbstub.c \
	  $(EXT_CMP_SRCS) -lseccomp -lpthread

harness: $(HARNESS) $(EXTTRACE) ## build the harness (build/host/harness): boots tests on a target, compares
.PHONY: harness

# Unit tests: cmocka, ASan + UBSan.
$(HOST_OUT)/unit/testmeta_test: harness/tests/testmeta_test.c harness/testmeta.c $(H_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  unit/testmeta_test (asan, ubsan)"
	@$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -Iharness -o $@ harness/tests/testmeta_test.c \
	  harness/testmeta.c $(CMOCKA_LIBS)

$(HOST_OUT)/unit/run_test: harness/tests/run_test.c harness/run.c harness/target.c harness/console.c \
			   harness/testmeta.c $(H_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  unit/run_test (asan, ubsan)"
	@$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -Iharness -o $@ harness/tests/run_test.c \
	  harness/run.c harness/target.c harness/console.c harness/testmeta.c $(CMOCKA_LIBS)

$(HOST_OUT)/unit/console_test: harness/tests/console_test.c harness/console.c harness/run.c \
			       harness/testmeta.c $(H_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  unit/console_test (asan, ubsan)"
	@$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -Iharness -o $@ harness/tests/console_test.c \
	  harness/console.c harness/run.c harness/testmeta.c $(CMOCKA_LIBS)

$(HOST_OUT)/unit/disk_test: harness/tests/disk_test.c harness/disk.c $(H_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  unit/disk_test (asan, ubsan)"
	@$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -Iharness -o $@ harness/tests/disk_test.c \
	  harness/disk.c $(CMOCKA_LIBS)

$(HOST_OUT)/unit/gdbstub_test: harness/tests/gdbstub_test.c harness/gdbstub.c harness/gdbstub.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  unit/gdbstub_test (asan, ubsan)"
	@$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -Iharness -o $@ harness/tests/gdbstub_test.c \
	  harness/gdbstub.c $(CMOCKA_LIBS)

.PHONY: unit-harness
unit-harness: $(HOST_OUT)/unit/testmeta_test $(HOST_OUT)/unit/run_test $(HOST_OUT)/unit/console_test \
	      $(HOST_OUT)/unit/disk_test $(HOST_OUT)/unit/gdbstub_test $(HOST_OUT)/testmeta $(HARNESS) ## harness cmocka suites (testmeta, runner, targets, console split, disk copy) under ASan+UBSan, and the testcases metadata check
	@$(HOST_OUT)/unit/testmeta_test
	@$(HOST_OUT)/unit/run_test
	@$(HOST_OUT)/unit/console_test
	@$(HOST_OUT)/unit/disk_test
	@$(HOST_OUT)/unit/gdbstub_test
	@bash harness/tests/testcases_check.sh $(HOST_OUT)/testmeta $(TC_FILES)
UNIT_TARGETS += unit-harness

# The harness under faults (fake QEMUs, no boot): path names, a missing QEMU,
# setsid descendants, SIGINT in prepare and boots, running panics, log caps.
.PHONY: harness-faults
harness-faults: $(HARNESS) tracediff ## the harness's guarantees under faults (ci/tests/harness_faults.sh)
	@bash ci/tests/harness_faults.sh $(BUILD)
UNIT_TARGETS += harness-faults

# kernel-check: every testcase of each arch (or ARCH=) on our kernel, compared
# with golden by tracediff; divergences listed in harness/expected/kernel.txt
# are expected (each with its reason).  TEST=name (or "a b") for a subset.
# Only the checked arches' reports are removed: ARCH=a keeps the other's.
CHECK_ARCHES := $(if $(filter command line,$(origin ARCH)),$(ARCH),$(ARCHES))
CHECK_TESTS  := $(if $(filter command line environment,$(origin TEST)),$(TEST))
# SHARD=I/N: only shard I (0..N-1) of N of the corpus, so N CI machines split
# it (or TEST_SHARD_INDEX=I TEST_TOTAL_SHARDS=N in the environment, gVisor's
# convention); a TEST= list is never sharded
SHARD        ?= $(if $(TEST_TOTAL_SHARDS),$(TEST_SHARD_INDEX)/$(TEST_TOTAL_SHARDS))
SHARD_OPT    := $(if $(CHECK_TESTS),,$(if $(SHARD),--shard $(SHARD)))
.PHONY: kernel-check
kernel-check: $(HARNESS) tracediff ## every testcase on our kernel against golden, reports in build/reports/
	@rm -rf $(CHECK_ARCHES:%=$(BUILD)/reports/%)
	@fail=0; for a in $(CHECK_ARCHES); do \
	  $(HARNESS) check --target kernel --arch $$a -j $(JOBS) $(SHARD_OPT) \
	    --expected harness/expected/kernel.txt $(CHECK_TESTS) || fail=1; done; \
	$(TRACEDIFF) --syscall-report $(BUILD)/reports || fail=1; \
	echo "reports: $(BUILD)/reports/index.html, per syscall: $(BUILD)/reports/syscalls.html"; exit $$fail
CHECK_TARGETS += kernel-check

# kernel-raw-check: the corpus on our kernel through the raw path a kernel
# with one printf and one UART uses (harness/targets/kernel-raw.target:
# "#tdiff sys" lines on the console, compared with golden's .raw files).
# Every test that matches at the full level must match here too.  In make
# test, not make check: it checks the raw path, and would double check's boots.
.PHONY: kernel-raw-check
kernel-raw-check: $(HARNESS) tracediff ## every testcase on our kernel at the raw level (one console), against golden .raw
	@fail=0; for a in $(CHECK_ARCHES); do \
	  $(HARNESS) check --target kernel-raw --arch $$a -j $(JOBS) $(SHARD_OPT) \
	    --reports $(BUILD)/reports-raw --expected harness/expected/kernel-raw.txt $(CHECK_TESTS) || fail=1; done; \
	exit $$fail
TEST_TARGETS += kernel-raw-check

# kernel-ext-check: the corpus on our kernel with its tracer off, traced from
# outside through QEMU's gdbstub (harness/targets/kernel-ext.target, trace:
# external), against golden .raw.  Left out on riscv64: robust_oom, which
# stops at the trap vector at each of its page faults (52,592 stops: 136 s
# beside one other job, past 240 s in CI's load; it matches, run alone with
# `build/host/harness check --target kernel-ext --arch riscv64 --timeout-add
# 1200 robust_oom`).  robust_random's 200,000 calls are in a CLONE_UNTRACED
# subtree, during which exttrace takes its entry breakpoint out
# (harness/README.md, "trace: external").  The musl builds only (EXT_LIBC=all: the
# glibc builds too, 93 more a arch): this checks the gdbstub path; the glibc
# builds' breadth is kernel-check's.
EXT_SKIP_x86_64  :=
EXT_SKIP_riscv64 := robust_oom
EXT_LIBC         ?= musl
EXT_LIBC_OPT     := $(if $(filter all,$(EXT_LIBC)),,--libc $(EXT_LIBC))
.PHONY: kernel-ext-check
kernel-ext-check: $(HARNESS) $(EXTTRACE) $(TESTMETA) tracediff ## every testcase on our kernel, tracer off, traced through QEMU's gdbstub, against golden .raw
	@fail=0; for a in $(CHECK_ARCHES); do \
	  case $$a in riscv64) skip='$(EXT_SKIP_riscv64)';; *) skip='$(EXT_SKIP_x86_64)';; esac; \
	  $(HARNESS) check --target kernel-ext --arch $$a -j $(JOBS) $(SHARD_OPT) \
	    --reports $(BUILD)/reports-ext --expected harness/expected/kernel-ext.txt \
	    $(or $(CHECK_TESTS),$$($(TESTMETA) list --arch $$a $(EXT_LIBC_OPT) $(TC_FILES) | $(PATH_FILTER) | grep -vxE "$$(echo $$skip | tr ' ' '|')")) \
	    || fail=1; done; \
	exit $$fail
TEST_TARGETS += kernel-ext-check

# kernel-ext-nosym-check: the same with no symbol at all (harness/targets/
# kernel-ext-nosym.target): exttrace finds the syscall entry by itself, at
# the test program's first instruction.  A few tests: the path, not the corpus.
EXT_NOSYM_TESTS ?= fork sys_getpid segv_child vfork_exec sh_script wnohang
.PHONY: kernel-ext-nosym-check
kernel-ext-nosym-check: $(HARNESS) $(EXTTRACE) tracediff ## a few testcases on our kernel, tracer off, traced from outside with no symbol (the entry found by exttrace)
	@fail=0; for a in $(CHECK_ARCHES); do \
	  $(HARNESS) check --target kernel-ext-nosym --arch $$a -j $(JOBS) \
	    --reports $(BUILD)/reports-ext-nosym --expected harness/expected/kernel-ext.txt \
	    $(or $(CHECK_TESTS),$(EXT_NOSYM_TESTS)) || fail=1; done; \
	exit $$fail
TEST_TARGETS += kernel-ext-nosym-check

# linux-ext-check: real Linux with no tracer in the guest (the init runs the
# test without strace), traced through QEMU's gdbstub
# (harness/targets/linux-ext.target), against golden .raw: golden's own
# kernel through the third way in.  A subset: each boot costs ~10 s of
# gdbstub stops and waits; children100 (100 children forked back to back,
# each one's first store a copy-on-write fault at its fork's return address)
# guards the task-tree guess (harness/README.md, "trace: external").
# LINUX_EXT_TESTS=... for more, LINUX_EXT_TESTS=all
# for the musl corpus but kernel-ext-check's EXT_SKIP (harness/expected/
# linux-ext.txt lists what differs).
LINUX_EXT_TESTS ?= fork sigsuspend segv_child children100
.PHONY: linux-ext-check
linux-ext-check: $(HARNESS) $(EXTTRACE) $(TESTMETA) tracediff ## a few testcases on Linux without strace, traced through QEMU's gdbstub, against golden .raw (LINUX_EXT_TESTS=all: the corpus)
	@fail=0; for a in $(CHECK_ARCHES); do \
	  case $$a in riscv64) skip='$(EXT_SKIP_riscv64)';; *) skip='$(EXT_SKIP_x86_64)';; esac; \
	  $(HARNESS) check --target linux-ext --arch $$a -j $(JOBS) \
	    --reports $(BUILD)/reports-ext-linux --expected harness/expected/linux-ext.txt \
	    $(or $(CHECK_TESTS),$(if $(filter all,$(LINUX_EXT_TESTS)),$$($(TESTMETA) list --arch $$a $(EXT_LIBC_OPT) $(TC_FILES) | $(PATH_FILTER) | grep -vxE "$$(echo $$skip | tr ' ' '|')"),$(LINUX_EXT_TESTS))) || fail=1; done; \
	exit $$fail
TEST_TARGETS += linux-ext-check

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
# disk-images-test: the images of make testcases (both arches) and the fixed
# script, booted by a fake target as a chroot (ci/tests/disk_images.sh; root).
.PHONY: disk-images-test
disk-images-test: $(HARNESS) ## check rootfs.ext4/.fat32 (fsck, the test world) and /tdiff_testcode.sh through harness run with disk: and trace: console
	@for a in $(ARCHES); do $(MAKE) --no-print-directory ARCH=$$a testcases || exit 1; done
	@bash ci/tests/disk_images.sh $(BUILD)
TEST_TARGETS += disk-images-test

# readme-picture: every path the README's architecture picture names exists.
.PHONY: readme-picture
readme-picture: ## check that the README's architecture picture names only paths that exist
	@bash ci/tests/readme_picture.sh
TEST_TARGETS += planted-check bisect-test readme-picture

# planted-ext-check: a bug planted in a throwaway clone of our kernel is
# caught through kernel-ext-check alone (ci/tests/planted_ext_check.sh);
# x86_64 in make test (the clone's kernel build is most of its time),
# PLANT_ARCHES='x86_64 riscv64' for both.
.PHONY: planted-ext-check
planted-ext-check: ## check that kernel-ext-check (the gdbstub path) catches a planted kernel bug
	@PLANT_ARCHES='$(or $(PLANT_ARCHES),x86_64)' bash ci/tests/planted_ext_check.sh
TEST_TARGETS += planted-ext-check

# planted-str-check: a same-length string written into a file, that only the
# raw level's strings show (ci/tests/planted_str_check.sh); not in make test:
# the clone rebuilds every testcase for the one it changes (minutes).
.PHONY: planted-str-check
planted-str-check: ## check that kernel-ext-check names a wrong write buffer through its strings, and passes without them
	@PLANT_ARCH='$(or $(PLANT_ARCH),x86_64)' bash ci/tests/planted_str_check.sh

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
bench-harness: $(HARNESS) tracediff $(BUILD)/host/compare/gentrace $(foreach a,$(BENCH_ARCHES),$(BUILD)/bench/empty-$(a).elf) ## per-test wall time (TEST= some tests), syscall and fork latency: our kernel, Linux, an empty kernel
	@for a in $(BENCH_ARCHES); do $(MAKE) --no-print-directory ARCH=$$a testcases kernel linux-initrd >/dev/null || exit 1; done
	@BENCH_TESTS="$(CHECK_TESTS)" BENCH_SUITES="$(SUITES)" bash harness/bench/bench.sh $(BUILD) "$(BENCH_ARCHES)"
BENCH_TARGETS := bench-harness $(BENCH_TARGETS)

# libFuzzer targets over the harness's parsers (harness/fuzz): target (the
# .target files: names, keys, templates expanded into argv) and testmeta
# (the @key metadata of testcases).  `make fuzz` runs them after tracediff's,
# FUZZ_SECONDS each; make test runs each for FUZZ_SMOKE_SECONDS.
H_FUZZ_TARGETS := target testmeta
FUZZ_SMOKE_SECONDS ?= 10
$(HOST_OUT)/fuzz/fuzz_target: harness/fuzz/fuzz_target.c harness/target.c harness/console.c harness/testmeta.c $(H_HDRS)
$(HOST_OUT)/fuzz/fuzz_testmeta: harness/fuzz/fuzz_testmeta.c harness/testmeta.c $(H_HDRS)
$(H_FUZZ_TARGETS:%=$(HOST_OUT)/fuzz/fuzz_%):
	@mkdir -p $(@D)
	@echo "  FUZZCC  $(@F)"
	@$(FUZZ_CC) -std=gnu11 -g -O1 -Iharness -fsanitize=fuzzer,address,undefined \
	  $(filter %.c,$^) -o $@

# fuzz-harness-run SECONDS: each target from its seeds (the target files, the testcases)
define fuzz-harness-run
	@set -e; for t in $(H_FUZZ_TARGETS); do \
	  c=$(HOST_OUT)/fuzz/corpus-$$t; mkdir -p $$c; \
	  case $$t in target) seeds="harness/targets/*.target";; *) seeds="$(TC_FILES)";; esac; \
	  cp -n $$seeds $$c/ 2>/dev/null || true; \
	  echo "fuzz: harness $$t for $(1) s"; \
	  $(HOST_OUT)/fuzz/fuzz_$$t -max_total_time=$(1) -max_len=8192 -timeout=20 -rss_limit_mb=2048 \
	    -artifact_prefix=$(HOST_OUT)/fuzz/$$t- $$c > $(HOST_OUT)/fuzz/$$t.log 2>&1 || \
	    { tail -40 $(HOST_OUT)/fuzz/$$t.log; exit 1; }; tail -1 $(HOST_OUT)/fuzz/$$t.log; done
endef

.PHONY: fuzz-harness fuzz-harness-smoke
fuzz-harness: $(H_FUZZ_TARGETS:%=$(HOST_OUT)/fuzz/fuzz_%) ## fuzz the target-file and testmeta parsers, FUZZ_SECONDS (default 75) each
	$(call fuzz-harness-run,$(FUZZ_SECONDS))
fuzz-harness-smoke: $(H_FUZZ_TARGETS:%=$(HOST_OUT)/fuzz/fuzz_%)
	$(call fuzz-harness-run,$(FUZZ_SMOKE_SECONDS))
fuzz: fuzz-harness
TEST_TARGETS += fuzz-harness-smoke

# The cached musl and busybox builds (ci/deps.sh): a relocatable sysroot, stamps
# that cover content.
.PHONY: deps-test
deps-test: ## check ci/deps.sh's cached builds: a moved sysroot links its own libc, a truncated file is not "done"
	@bash ci/tests/deps_test.sh $(BUILD)
TEST_TARGETS += deps-test
