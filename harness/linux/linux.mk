# harness/linux/linux.mk: Linux and strace built from Debian's sources, and
# the golden recorder (target "linux") that boots them through the harness;
# golden/ holds only the recorded data.  Included by the top-level Makefile.
# How it works: harness/linux/README.md.
#
#   make linux [ARCH=a]             Linux + static strace + guest init for ARCH
#   make golden [ARCH=a] [TEST=t]   record golden/<arch>/<test>.{trace,out,meta}
#   make golden-verify [ARCH=a] [TEST=t]   re-record and compare with golden/
#   make golden-host TEST=t         x86_64 host strace (a convenience, not golden)
#
# Without ARCH on the command line, golden and golden-verify do both arches
# (or the list in ARCHES_GOLDEN).  GOLDEN_RUNS (default 5) is the number of
# boots per test; GOLDEN_TARGET (default linux) the target they boot.

LINUX_DIR      := harness/linux
GOLDEN_RUNS    ?= 5
GOLDEN_ARCHES  := $(or $(ARCHES_GOLDEN),$(if $(filter command line,$(origin ARCH)),$(ARCH),$(ARCHES)))
GOLDEN_JOBS    := $(if $(filter 1 2,$(JOBS)),$(JOBS),2)
GOLDEN_ENV     := TOP=$(TOP) BUILD=$(BUILD) TESTMETA=$(TESTMETA) TC_DIR=$(TC_DIR) \
                  GOLDEN_RUNS=$(GOLDEN_RUNS) HARNESS=$(HARNESS) GOLDEN_JOBS=$(GOLDEN_JOBS) \
                  GOLDEN_SHARD=$(if $(GOLDEN_TEST),,$(SHARD)) GOLDEN_ICOUNT=$(GOLDEN_ICOUNT)
# TEST only when the user gave it on the command line or in the environment
GOLDEN_TEST    := $(if $(filter command line environment,$(origin TEST)),$(TEST))
# the command as the user would retype it, for the provenance in each .meta
GOLDEN_CMD     ?= $(if $(GOLDEN_FORCE),GOLDEN_FORCE=$(GOLDEN_FORCE) )make golden$(if $(filter command line,$(origin ARCH)), ARCH=$(ARCH))$(if $(GOLDEN_TEST), TEST=$(GOLDEN_TEST))

.PHONY: linux linux-initrd linux-ftrace-prepare linux-planted linux-planted-check linux-dirty-check linux-ftrace-check golden golden-verify golden-host golden-arch

linux: ## build Linux and a static strace for ARCH from Debian sources (cached in build/<arch>/)
	@bash $(LINUX_DIR)/build-linux.sh $(ARCH) $(BUILD) $(GOLDEN_JOBS)
	@bash $(LINUX_DIR)/build-strace.sh $(ARCH) $(BUILD) $(GOLDEN_JOBS)
	@$(MAKE) --no-print-directory $(B)/linux/init

# The guest init: static (glibc), built with the compiler of ARCH.
$(B)/linux/init: $(LINUX_DIR)/init.c
	@command -v $(CROSS)gcc >/dev/null || { echo "linux: error: init: $(CROSS)gcc not found: run 'make deps'" >&2; exit 1; }
	@mkdir -p $(@D)
	@echo "  CC      $(ARCH)/linux/init"
	@$(CROSS)gcc -std=gnu11 -static -O2 -Wall -Wextra -Werror -o $@.tmp $< && mv $@.tmp $@

# The initramfs Linux boots: the test rootfs + /tdiff/{init,strace}.
# (rootfs.cpio is made by `make testcases`; it is not a prerequisite here,
# since its rule needs the test list that only `testcases` computes.)
linux-initrd: linux
	@test -f $(B)/rootfs.cpio || { echo "linux: error: initrd: $(B)/rootfs.cpio is missing: run 'make testcases ARCH=$(ARCH)'" >&2; exit 1; }
	@out=$(B)/linux/initrd.cpio; \
	if [ ! -f $$out ] || [ -n "$$(find $(B)/rootfs.cpio $(B)/linux/init $(B)/strace/bin/strace \
	      $(LINUX_DIR)/mk-initrd.sh -newer $$out)" ]; then \
	  bash $(LINUX_DIR)/mk-initrd.sh $(ARCH) $(B) $(B)/rootfs.cpio $(B)/linux/init; fi

# The initramfs of the target linux-ftrace: the guest init alone, as
# /tdiff/init; run with tdiff.ftrace=1 it mounts the test image (root=) and
# makes it the root (harness/linux/README.md, "The target linux-ftrace").
$(B)/linux/ftrace-initrd.cpio: $(B)/linux/init
	@rm -rf $@.stage && mkdir -p $@.stage/tdiff
	@cp $< $@.stage/tdiff/init && chmod 0755 $@.stage/tdiff $@.stage/tdiff/init
	@(cd $@.stage && find tdiff | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >$@.tmp
	@rm -rf $@.stage && mv $@.tmp $@

linux-ftrace-prepare: linux
	@$(MAKE) --no-print-directory $(B)/linux/ftrace-initrd.cpio

# The golden Linux with the planted bugs of harness/linux/plant/ (an
# incremental rebuild of a copy of its object tree), for the target
# linux-ftrace-planted and the end-to-end test linux-planted-check.
linux-planted: linux-ftrace-prepare ## build/<arch>/linux-planted: the golden Linux with harness/linux/plant/*.patch
	@bash $(LINUX_DIR)/build-planted.sh $(ARCH) $(BUILD) $(GOLDEN_JOBS)

linux-planted-check: ## the planted clone3 bug is caught on linux-ftrace-planted (both arches; ARCH= one)
	@bad=; for a in $(GOLDEN_ARCHES); do \
	  ARCH=$$a bash ci/tests/linux_planted.sh || bad="$$bad $$a"; done; \
	test -z "$$bad" || { echo "linux: error: linux-planted-check failed for:$$bad" >&2; exit 1; }

linux-dirty-check: ## golden's init notices a test changing the rootfs outside /tmp (probes; both arches; ARCH= one)
	@bad=; for a in $(GOLDEN_ARCHES); do \
	  ARCH=$$a bash ci/tests/linux_dirty.sh || bad="$$bad $$a"; done; \
	test -z "$$bad" || { echo "linux: error: linux-dirty-check failed for:$$bad" >&2; exit 1; }

# linux-ftrace-check: the whole corpus on Linux without strace, booted from
# the ext4 image, its syscalls from its own raw_syscalls events on the one
# console, compared with golden at the raw level (a kernel nobody here
# wrote, through the bring-your-own-kernel path).  robust_random is left
# out: its 200,000 random calls run in a CLONE_UNTRACED subtree that strace
# does not follow but ftrace's event-fork does, and the dump of that buffer
# over the console outlasts any timeout.
linux-ftrace-check: ## every testcase on the linux-ftrace target (raw level, ext4 image, one console), both arches
	@bad=; for a in $(GOLDEN_ARCHES); do \
	  $(MAKE) --no-print-directory ARCH=$$a testcases linux-ftrace-prepare tracediff harness >/dev/null && \
	  $(HARNESS) check --target linux-ftrace --arch $$a -j $(JOBS) --no-prepare \
	    --reports $(BUILD)/reports-ftrace --expected harness/expected/linux-ftrace.txt \
	    $(or $(GOLDEN_TEST),$$($(TESTMETA) list --arch $$a $(GOLDEN_LIBC_OPT) $(TC_FILES) | $(PATH_FILTER) | grep -vx robust_random)) \
	    || bad="$$bad $$a"; done; \
	test -z "$$bad" || { echo "linux: error: linux-ftrace-check failed for:$$bad" >&2; exit 1; }

# The glibc builds (NAME.glibc) in the Linux-side checks: golden-verify and
# linux-ftrace-check run the musl builds only unless GOLDEN_GLIBC=1 (or TEST=
# names them): re-recording them costs ~36 min of CI (testcases/README.md,
# "CI time").  make golden records them always.
GOLDEN_GLIBC   ?= 0
GOLDEN_LIBC_OPT := $(if $(filter 1,$(GOLDEN_GLIBC)),,--libc musl)

# golden-arch MODE=record|verify: one arch; the tests from testmeta, or TEST.
golden-arch:
	@$(MAKE) --no-print-directory testcases harness
	@$(MAKE) --no-print-directory tracediff >/dev/null
	@$(MAKE) --no-print-directory linux-initrd
	@tests="$$($(TESTMETA) list --arch $(ARCH) $(if $(GOLDEN_TEST),,$(if $(filter verify,$(MODE)),$(GOLDEN_LIBC_OPT))) $(TC_FILES))"; \
	if [ -n "$(GOLDEN_TEST)" ]; then \
	  all=$$tests; tests=; \
	  for t in $(GOLDEN_TEST); do \
	    if printf '%s\n' $$all | grep -qx "$$t"; then tests="$$tests $$t"; \
	    elif [ -f $(TC_DIR)/$$t.c ] || [ -f $(TC_DIR)/$$t.sh ] || [ -f $(TC_DIR)/$${t%.glibc}.c ]; then \
	      echo "linux: $(ARCH)/$$t: skipped, not a test for $(ARCH) (its @arches, a @helper, or a @libc without glibc)" >&2; \
	    else echo "linux: error: TEST=$$t: no $(TC_DIR)/$$t.c or .sh" >&2; exit 1; fi; \
	  done; \
	  [ -n "$$tests" ] || exit 0; \
	fi; \
	$(GOLDEN_ENV) GOLDEN_CMD='$(GOLDEN_CMD)' bash $(LINUX_DIR)/golden.sh $(MODE) $(ARCH) $$tests

golden: ## record golden traces from Linux in QEMU (both arches; ARCH= one, TEST=name or TEST="a b")
	@bad=; for a in $(GOLDEN_ARCHES); do \
	  $(MAKE) --no-print-directory ARCH=$$a MODE=record GOLDEN_CMD='$(GOLDEN_CMD)' golden-arch || bad="$$bad $$a"; done; \
	test -z "$$bad" || { echo "linux: error: golden record failed for:$$bad (see above)" >&2; exit 1; }

# Each arch's whole output is kept in build/<arch>/linux/golden-verify.log
# (the runs of its last test in build/<arch>/linux/golden-runs/): a failure
# explains itself after the terminal has scrolled away.
golden-verify: ## re-record with Linux and check that nothing diverges from golden/
	@bad=; for a in $(GOLDEN_ARCHES); do \
	  log=$(BUILD)/$$a/linux/golden-verify.log; mkdir -p $(BUILD)/$$a/linux; \
	  { $(MAKE) --no-print-directory ARCH=$$a MODE=verify golden-arch 2>&1; echo "exit $$?" > $$log.rc; } | tee $$log; \
	  [ "$$(cat $$log.rc)" = "exit 0" ] || bad="$$bad $$a"; done; \
	test -z "$$bad" || { echo "linux: error: golden verify failed for:$$bad (logs: $(BUILD)/<arch>/linux/golden-verify.log)" >&2; exit 1; }

golden-host: ## x86_64 only: run TEST under this machine's strace (a convenience, not golden)
	@test -n "$(GOLDEN_TEST)" || { echo "linux: error: golden-host: name a test: make golden-host TEST=fork" >&2; exit 1; }
	@$(MAKE) --no-print-directory ARCH=x86_64 testcases
	@python3 $(LINUX_DIR)/host-record.py $(BUILD)/x86_64/rootfs $(GOLDEN_TEST) $(BUILD)/x86_64/host-runs
# make test re-records every musl test twice (VERIFY_RUNS), not five times:
# each was stable over five runs when recorded, and what CI guards against is
# a Linux, strace or toolchain that no longer gives golden, which one run
# shows; two also catch a test that is flaky at a high rate.
VERIFY_RUNS ?= 2
.PHONY: golden-verify-test
golden-verify-test:
	@$(MAKE) --no-print-directory golden-verify GOLDEN_RUNS=$(VERIFY_RUNS)
# raw-events-check: batch-split.py's .raw from raw_syscalls events, on the
# run files of a recorded boot (no QEMU): equal to golden, and a changed,
# missing or unreadable event caught (ci/tests/raw_events.sh)
.PHONY: raw-events-check
raw-events-check: tracediff
	@bash ci/tests/raw_events.sh $(BUILD)
TEST_TARGETS += raw-events-check golden-verify-test linux-planted-check linux-dirty-check linux-ftrace-check
