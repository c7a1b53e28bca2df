# kernel/kernel.mk: build, boot and debug the teaching kernel.
# Included by the top-level Makefile (ARCH, B, CROSS, TOP are set there; the
# harness's HARNESS and CHECK_TESTS in harness/harness.mk).

K_SRC   := $(TOP)/kernel
K_OUT   := $(B)/kernel
K_ELF   := $(K_OUT)/kernel.elf
K_CC    := $(CROSS)gcc

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

.PHONY: kernel run debug

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

# run and debug boot what `make check` boots (harness/targets/kernel.target,
# through build/host/harness), one test: TEST=name.
K_RUN = $(HARNESS) run --target kernel --arch $(ARCH) \
	$(or $(CHECK_TESTS),$(error name a test: make $@ TEST=fork))

run: $(HARNESS) ## boot TEST (make run TEST=fork) as make check does, console here; run files in $(B)/runs/kernel/
	@$(K_RUN) --console

debug: $(HARNESS) ## boot TEST halted for gdb (QEMU -S, gdb stub) and attach gdb-multiarch with the kernel's symbols; GDB_ARGS='...' adds gdb arguments
	@$(K_RUN) --debug $(if $(GDB_ARGS),--gdb-args "$(GDB_ARGS)") $(if $(GDB_PORT),--gdb-port $(GDB_PORT))

# Robustness tests (testcases/robust_*.c): booted as make check boots them,
# into $(B)/robust/runs; each must end without a panic or hang, with its
# @exit status and its @expect lines (golden comparison is make check's job).
K_ROBUST := $(basename $(notdir $(wildcard $(TOP)/testcases/robust_*.c)))

kernel-robust: $(HARNESS) ## boot the robustness testcases (garbage syscalls, fork bomb, OOM, FPU, signals) and check them
	@$(HARNESS) run --target kernel --arch $(ARCH) -j $(JOBS) --out $(B)/robust/runs --meta $(SHARD_OPT) $(K_ROBUST)
.PHONY: kernel-robust

# The syscall table of kernel/README.md: every row of the syscall lists with
# the golden tests that call it (kernel/syscall-table.sh).  syscall-table
# rewrites it; syscall-table-test (make test) fails when it is stale or a
# syscall has no golden test on an arch that has it.
syscall-table: ## rewrite kernel/README.md's syscall table from the syscall lists and golden/
	@bash $(TOP)/kernel/syscall-table.sh --write
syscall-table-test: ## check kernel/README.md's syscall table: current, and every syscall called by a golden test
	@bash $(TOP)/kernel/syscall-table.sh --check
.PHONY: syscall-table syscall-table-test
TEST_TARGETS += syscall-table-test
