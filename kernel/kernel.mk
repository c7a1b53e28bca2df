# kernel/kernel.mk: build, boot and debug the teaching kernel.
# Included by the top-level Makefile (ARCH, B, CROSS, TOP are set there).

K_SRC   := $(TOP)/kernel
K_OUT   := $(B)/kernel
K_ELF   := $(K_OUT)/kernel.elf
K_CC    := $(CROSS)gcc
K_QEMU_x86_64 := qemu-system-x86_64
K_QEMU_riscv64 := qemu-system-riscv64

K_CFLAGS_x86_64 := -m64 -mcmodel=kernel -mno-red-zone -mgeneral-regs-only \
                   -mno-mmx -mno-sse -mno-sse2
# riscv64: no floating point in the kernel (user FP registers stay live
# across traps), code anywhere in the top 2 GiB, no gp relaxation.
K_CFLAGS_riscv64 := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax
# libgcc: the riscv64 cross one is double-float; arch/riscv64/libgcc.c has the helpers
K_LIBGCC_x86_64 := -lgcc
K_LIBGCC_riscv64 :=
K_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -MD -MP \
            -ffreestanding -fno-builtin -nostdlib -fno-pic -fno-pie -fno-stack-protector \
            -fno-omit-frame-pointer -fno-tree-loop-distribute-patterns \
            -fno-asynchronous-unwind-tables -fcf-protection=none \
            $(K_CFLAGS_$(ARCH)) \
            -I$(K_SRC)/arch/$(ARCH) -I$(K_SRC)/include -I$(K_OUT)/gen
K_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,max-page-size=4096 \
             -Wl,-T,$(K_SRC)/arch/$(ARCH)/kernel.ld -Wl,--no-warn-rwx-segments -Wl,-z,noexecstack

K_CSRCS := $(wildcard $(K_SRC)/core/*.c) $(wildcard $(K_SRC)/arch/$(ARCH)/*.c)
K_SSRCS := $(wildcard $(K_SRC)/arch/$(ARCH)/*.S)
K_OBJS  := $(patsubst $(K_SRC)/%.c,$(K_OUT)/%.o,$(K_CSRCS)) \
           $(patsubst $(K_SRC)/%.S,$(K_OUT)/%.o,$(K_SSRCS))
K_GEN   := $(K_OUT)/gen/sysnames.h

.PHONY: kernel run debug kernel-run

kernel: $(K_ELF) ## build the kernel ELF ($(B)/kernel/kernel.elf)

# Syscall names of ARCH for the tracer, from the toolchain's Linux UAPI header.
$(K_GEN): $(K_SRC)/kernel.mk $(K_SRC)/gensysnames.sh
	@mkdir -p $(dir $@)
	@echo "  GEN     sysnames.h"
	@sh $(K_SRC)/gensysnames.sh $(K_CC) > $@.tmp && mv $@.tmp $@

$(K_OUT)/%.o: $(K_SRC)/%.c $(K_GEN)
	@mkdir -p $(dir $@)
	@echo "  KCC     $*.c"
	@$(K_CC) $(K_CFLAGS) -c $< -o $@

$(K_OUT)/%.o: $(K_SRC)/%.S
	@mkdir -p $(dir $@)
	@echo "  KAS     $*.S"
	@$(K_CC) $(K_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(K_ELF): $(K_OBJS) $(K_SRC)/arch/$(ARCH)/kernel.ld
	@echo "  KLD     $(notdir $@)"
	@$(K_CC) $(K_CFLAGS) $(K_LDFLAGS) -o $@ $(K_OBJS) $(K_LIBGCC_$(ARCH))

-include $(K_OBJS:.o=.d)

TEST    ?= hello
K_QEMU_ARGS = $(shell sh $(K_SRC)/run.sh --qemu-args $(ARCH) $(K_ELF) $(B)/rootfs.cpio $(TEST))

run: $(K_ELF) ## boot TEST (make run TEST=fork) with the console here; trace in $(B)/runs/TEST.trace
	@mkdir -p $(B)/runs
	sh $(K_SRC)/run.sh --interactive $(ARCH) $(TEST) $(B)/runs

debug: $(K_ELF) ## boot TEST halted for gdb (QEMU -s -S) and attach gdb-multiarch with the kernel's symbols
	@mkdir -p $(B)/runs
	sh $(K_SRC)/run.sh --debug $(ARCH) $(TEST) $(B)/runs

kernel-run: $(K_ELF) ## boot TEST non-interactively, write $(B)/runs/TEST.{trace,out,meta}
	@mkdir -p $(B)/runs
	sh $(K_SRC)/run.sh $(ARCH) $(TEST) $(B)/runs

# Robustness tests (kernel/tests/robust/*.c, testcase metadata form): built
# like testcases/, added to a copy of the rootfs, booted one by one; each must
# end without a panic or hang and print its @expect lines.
K_ROBUST_SRC := $(wildcard $(K_SRC)/tests/robust/*.c)
K_ROBUST_OUT := $(K_OUT)/robust
K_ROBUST_BIN := $(patsubst $(K_SRC)/tests/robust/%.c,$(K_ROBUST_OUT)/tests/%,$(K_ROBUST_SRC))

$(K_ROBUST_OUT)/tests/%: $(K_SRC)/tests/robust/%.c $(TC_LIB)
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  robust/$*"
	@$(MUSL_CC) $(TC_CFLAGS) -o $@ $< $(TC_LIB)

$(K_ROBUST_OUT)/rootfs.cpio: $(K_ROBUST_BIN) $(B)/rootfs.cpio
	@rm -rf $(K_ROBUST_OUT)/rootfs && cp -a $(B)/rootfs $(K_ROBUST_OUT)/rootfs
	@for t in $(notdir $(K_ROBUST_BIN)); do \
	  cp $(K_ROBUST_OUT)/tests/$$t $(K_ROBUST_OUT)/rootfs/tests/$$t; \
	  echo /tests/$$t > $(K_ROBUST_OUT)/rootfs/tests/$$t.argv; done
	@(cd $(K_ROBUST_OUT)/rootfs && find . -mindepth 1 | LC_ALL=C sort | \
	  cpio --quiet -o -H newc -R 0:0 > ../rootfs.cpio)

kernel-robust: $(K_ELF) $(K_ROBUST_OUT)/rootfs.cpio ## boot the robustness tests (garbage syscalls, fork bomb, OOM) and check them
	@sh $(K_SRC)/robust.sh $(ARCH) $(K_ROBUST_OUT) $(K_SRC)/tests/robust
.PHONY: kernel-robust
