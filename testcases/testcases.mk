# testcases.mk: build the testcases of ARCH static with our musl, with debug
# info, and each C test again static with Debian's glibc as NAME.glibc (unless
# its @libc says musl only), and assemble build/<arch>/rootfs and
# build/<arch>/rootfs.cpio (layout: harness/PROTOCOL.md).  Which files are
# tests for which arch, and which have a glibc build, comes from their
# @metadata, read by build/host/testmeta.

TC_DIR      := testcases
TC_FILES    := $(sort $(wildcard $(TC_DIR)/*.c $(TC_DIR)/*.sh))
# The checks of a tracing path rather than of the corpus (linux-ftrace-check,
# kernel-ext-check) run in make test without the one-call sys_* and
# one-command bb_* tests, whose calls the other tests make too: they cost a
# third of make test's time there and prove no more about the path.
# PATH_CORPUS=all runs them too.
PATH_CORPUS ?= core
PATH_FILTER := $(if $(filter all,$(PATH_CORPUS)),cat,grep -vE '^(sys|bb)_')
TESTMETA    := $(BUILD)/host/testmeta
SYSROOT     := $(B)/sysroot
MUSL_CC     := $(SYSROOT)/bin/musl-gcc
ROOTFS      := $(B)/rootfs
TC_OUT      := $(B)/tests
TC_CFLAGS   := -std=gnu11 -D_GNU_SOURCE -static -g -O1 -fno-omit-frame-pointer -Wall -Wextra -Werror \
               -ffile-prefix-map=$(TOP)=. \
               -I$(TC_DIR)/lib -MD -MP
TC_LIB      := $(TC_DIR)/lib/tdiff_test.c $(TC_DIR)/lib/$(ARCH)/clone_entry.S
# -lm: glibc keeps fenv (robust_fpu) in libm; musl's libm.a is empty
TC_LDLIBS   := -lm
# glibc builds: Debian's gcc for ARCH with its glibc (libc6-dev, libc6-dev-riscv64-cross)
GLIBC_CC    := $(CROSS)gcc

.PHONY: testcases rootfs smoke

testcases: deps-arch $(TESTMETA) ## build the testcases, build/$(ARCH)/rootfs.cpio and the disk images rootfs.ext4, rootfs.fat32
	@$(TESTMETA) check $(TC_FILES)
	@$(MAKE) --no-print-directory rootfs \
	  TC_NAMES="$$($(TESTMETA) list --helpers --arch $(ARCH) $(TC_FILES) | tr "\n" " ")"

# The second stage: TC_NAMES is the list for this arch.
TC_BINS := $(foreach n,$(TC_NAMES),$(if $(or $(wildcard $(TC_DIR)/$(n).c),$(filter %.glibc,$(n))),$(TC_OUT)/$(n)))
TC_SHS  := $(foreach n,$(TC_NAMES),$(if $(wildcard $(TC_DIR)/$(n).sh),$(TC_DIR)/$(n).sh))

rootfs: $(B)/rootfs.cpio $(B)/rootfs.ext4 $(B)/rootfs.fat32

# The same world as two disk images without partition table, the fixed
# script /tdiff_testcode.sh at their root (testcases/README.md): one rule
# makes both (a grouped target).
$(B)/rootfs.ext4 $(B)/rootfs.fat32 &: $(B)/rootfs.cpio $(TC_DIR)/lib/mkimages.sh $(TC_DIR)/lib/tdiff_testcode.sh \
				      $(B)/tdiff-launch
	@echo "  IMAGES  $(ARCH)/rootfs.ext4 $(ARCH)/rootfs.fat32"
	@bash $(TC_DIR)/lib/mkimages.sh $(B)

# /tdiff-launch in the images: the script's work without busybox sh, for a
# kernel that cannot run it yet (testcases/lib/tdiff_launch.c): no libc, one
# read-only PT_LOAD at a page boundary (riscv64: no gp, so no relaxation)
comma := ,
LAUNCH_CFLAGS := -std=gnu11 -Os -Wall -Wextra -Werror -static -nostdlib -ffreestanding -fno-stack-protector \
                 -fno-pie -no-pie -fno-asynchronous-unwind-tables -fno-unwind-tables \
                 $(if $(filter riscv64,$(ARCH)),-mno-relax -Wl$(comma)--no-relax) \
                 -Wl,--build-id=none -Wl,-z,noseparate-code -Wl,-z,max-page-size=4096 -Wl,-z,norelro
$(B)/tdiff-launch: $(TC_DIR)/lib/tdiff_launch.c
	@mkdir -p $(@D)
	@echo "  CC      $(ARCH)/tdiff-launch"
	@$(CROSS)gcc $(LAUNCH_CFLAGS) -o $@.tmp $< && mv $@.tmp $@

$(TC_OUT)/%: $(TC_DIR)/%.c $(TC_LIB) $(SYSROOT)/.stamp
	@mkdir -p $(@D)
	@echo "  CC      $(ARCH)/tests/$*"
	@$(MUSL_CC) $(TC_CFLAGS) -o $@.tmp $< $(TC_LIB) $(TC_LDLIBS) && mv $@.tmp $@

# NAME.glibc: the same source and flags, static with glibc.
$(TC_OUT)/%.glibc: $(TC_DIR)/%.c $(TC_LIB)
	@mkdir -p $(@D)
	@command -v $(GLIBC_CC) >/dev/null || { echo "testcases: $(GLIBC_CC) not found: run 'make deps'" >&2; exit 1; }
	@echo "  CC      $(ARCH)/tests/$*.glibc (glibc)"
	@$(GLIBC_CC) $(TC_CFLAGS) -o $@.tmp $< $(TC_LIB) $(TC_LDLIBS) && mv $@.tmp $@

-include $(wildcard $(TC_OUT)/*.d)

$(B)/rootfs.cpio: $(TC_BINS) $(TC_SHS) $(B)/busybox/.stamp $(TESTMETA) \
		  $(TC_DIR)/lib/mkrootfs.sh $(shell find $(TC_DIR)/data) $(TC_DIR)/testcases.mk
	@echo "  ROOTFS  $(ARCH)/rootfs.cpio ($(words $(TC_NAMES)) programs)"
	@bash $(TC_DIR)/lib/mkrootfs.sh $(ARCH) $(B) $(TESTMETA) $(TC_NAMES)

$(SYSROOT)/.stamp $(B)/busybox/.stamp:
	@echo "testcases: $@ is missing: run 'make deps' first" >&2; exit 1

# TEST=name (or "a b"), on the command line or in the environment: those only.
SMOKE_TESTS := $(if $(filter command line environment,$(origin TEST)),$(TEST))
SMOKE_FILES := $(if $(SMOKE_TESTS),$(foreach t,$(SMOKE_TESTS),$(or \
                 $(wildcard $(TC_DIR)/$(t).c $(TC_DIR)/$(t).sh),$(TC_DIR)/$(t).c)),$(TC_FILES))

smoke: ## run the testcases on the host (x86_64) and under qemu-user (riscv64), no kernel needed [TEST=]
	@for f in $(SMOKE_FILES); do [ -e "$$f" ] || \
	  { echo "smoke: no testcase $$f (TEST=$(SMOKE_TESTS))" >&2; exit 2; }; done
	@for a in $(if $(filter command line,$(origin ARCH)),$(ARCH),$(ARCHES)); do \
	  $(MAKE) --no-print-directory ARCH=$$a testcases && \
	  bash harness/smoke.sh $$a $(BUILD)/$$a $(TESTMETA) $(SMOKE_FILES) || exit 1; done
