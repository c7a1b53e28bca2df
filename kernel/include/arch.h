/* kernel/include/arch.h: the one contract between shared code and an arch.
 * Every arch folder (kernel/arch/<arch>/) implements these with the same
 * file names; shared code never tests which arch it is built for. */
#ifndef ARCH_H
#define ARCH_H

#include "types.h"
#include "abi.h"          /* per arch: syscall numbers, struct layouts, trapframe */

struct task;
struct clone_req;
struct k_siginfo;
struct k_sigaction;

/* ---- boot ---- */
#define BOOT_MAX_RANGES 32
struct boot_info {
	const char *cmdline;
	uintptr_t initrd_phys;
	size_t initrd_size;
	int nranges;
	struct { uintptr_t base, size; } ranges[BOOT_MAX_RANGES];  /* usable RAM */
	uintptr_t kernel_phys_start, kernel_phys_end;
};
/* Parse the firmware's boot info, bring up console, trap vectors, timer. */
void arch_init(uintptr_t boot_arg, struct boot_info *bi);
/* Time since boot in nanoseconds (monotonic). */
uint64_t arch_time_ns(void);
/* Seconds since the epoch at boot (wall clock), 0 when unknown. */
uint64_t arch_boot_epoch(void);
uint64_t arch_cycles(void);

/* ---- devices ---- */
void arch_console_putc(int c);
int arch_console_getc(void);                 /* -1 when nothing is waiting */
void arch_trace_write(const char *s, size_t n);
void arch_poweroff(int status) __attribute__((noreturn));
void arch_halt_forever(void) __attribute__((noreturn));

/* ---- interrupts ---- */
void arch_irq_enable(void);
void arch_irq_disable(void);
void arch_wait_for_interrupt(void);          /* enable, halt, disable */
/* Fill pcs[] with return addresses of the current kernel stack. */
int arch_backtrace(uintptr_t *pcs, int max);

/* ---- memory ---- */
#define PAGE_SIZE 4096UL
#define PAGE_SHIFT 12
#define PAGE_MASK (~(PAGE_SIZE - 1))
/* user address space limit (exclusive) */
#define USER_TOP ABI_USER_TOP

/* Portable page flags; the arch's mmu.h maps them to its PTE bits for the
 * one page-table walker (core/pt.c, pt.h). */
#define PT_R     0x1u
#define PT_W     0x2u
#define PT_X     0x4u
#define PT_USER  0x8u
#define PT_COW   0x10u    /* software bit: write must copy */
/* The kernel's own root table (virtual address): its kernel half is copied
 * into every new root. */
uint64_t *arch_kernel_root(void);
/* Map what every user address space of this arch has from the start (0 or
 * -ENOMEM); called on each new root. */
int arch_pt_init_user(uintptr_t root);
void arch_pt_activate(uintptr_t root);
void arch_tlb_flush_page(uintptr_t va);
void arch_tlb_flush_all(void);
/* Make stores to memory visible to instruction fetch (nothing where the
 * caches are coherent). */
void arch_icache_sync(void);

/* ---- tasks ---- */
/* Prepare a new task's kernel stack so the first switch to it returns to
 * user mode with the registers in its trapframe. */
void arch_task_init(struct task *t);
/* Switch to another task: save FPU state and kernel stack, resume to. */
void arch_switch(struct task *from, struct task *to);
/* Reset the FPU/vector state of t to its power-on values (execve, handlers). */
void arch_task_fpu_reset(struct task *t);
/* Set the thread pointer (x86_64: FS base) of the current task. */
void arch_set_tls(struct task *t, uintptr_t tls);
/* Load the per-task state the CPU needs (kernel stack top, TLS). */
void arch_task_load(struct task *t);
/* A cloned task's registers, as Linux's copy_thread: the caller's frame
 * with 0 as the return value, req->stack as sp if set, req->tls as the
 * thread pointer if CLONE_SETTLS asks; and the caller's FPU state and TLS. */
void arch_copy_thread(struct task *child, const struct clone_req *req);
/* Registers for a fresh program: pc, sp, everything else zero. */
void arch_exec_regs(struct trapframe *tf, uintptr_t pc, uintptr_t sp);
/* Return to user mode from the current task's trapframe (never returns). */
void arch_return_to_user(struct trapframe *tf) __attribute__((noreturn));

/* syscall register access: abi.h defines these inline (every syscall reads
 * them): long arch_syscall_nr(tf), void arch_syscall_args(tf, long a[6]),
 * void arch_syscall_set_ret(tf, long v) */
/* The register that carries the return value, as it is now. */
unsigned long arch_syscall_ret_reg(const struct trapframe *tf);
/* Back up to re-execute the syscall instruction with number nr. */
void arch_syscall_restart(struct trapframe *tf, long nr);
uintptr_t arch_tf_pc(const struct trapframe *tf);
void arch_tf_set_pc(struct trapframe *tf, uintptr_t pc);
uintptr_t arch_tf_sp(const struct trapframe *tf);

/* Signal frames.  The layout is the arch's struct rt_sigframe (its
 * sigframe.h); core/signal.c fills info, uc.uc_stack and uc.sigmask and
 * copies the frame in and out, the arch the rest: */
struct rt_sigframe;
/* Where a frame of size bytes goes for the handler of the task at tf:
 * below alt_top, the top of the alternate signal stack, when the handler
 * switches to it (0: below the interrupted stack pointer). */
uintptr_t arch_sigframe_place(const struct trapframe *tf, uintptr_t alt_top, size_t size);
/* Save t's registers and FPU state into f (uc.sigmask is already set),
 * alt_top as given to arch_sigframe_place; 0 or -EFAULT (state kept
 * outside the frame is written to user memory). */
int arch_sigframe_save(struct task *t, struct rt_sigframe *f, const struct k_sigaction *ka,
		       const struct k_siginfo *info, uintptr_t alt_top);
/* Registers that run handler(sig, &frame->info, &frame->uc) and return
 * through the arch's restorer. */
void arch_sigframe_enter(struct task *t, const struct k_sigaction *ka, int sig, uintptr_t frame);
/* The frame rt_sigreturn reads, from the registers it was called with. */
uintptr_t arch_sigframe_find(const struct trapframe *tf);
/* Restore t's registers and FPU state from f; 0 or -EFAULT. */
int arch_sigframe_restore(struct task *t, const struct rt_sigframe *f);

#endif
