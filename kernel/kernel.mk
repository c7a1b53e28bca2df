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

# Robustness tests (testcases/robust_*.c): booted one by one with the test
# rootfs; each must end without a panic or hang, with its @exit status and
# its @expect lines (golden comparison is make check's job).
K_ROBUST_SRC := $(wildcard $(TOP)/testcases/robust_*.c)

kernel-robust: $(K_ELF) ## boot the robustness testcases (garbage syscalls, fork bomb, OOM, FPU, signals) and check them
	@$(MAKE) --no-print-directory testcases >/dev/null
	@sh $(K_SRC)/robust.sh $(ARCH) $(B)/robust $(K_ROBUST_SRC)
.PHONY: kernel-robust
