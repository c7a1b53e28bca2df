/* kernel/arch/x86_64/signal.c: the x86_64 part of a signal frame
 * (sigframe.h): where it goes on the user stack (below the red zone and the
 * fxsave area), the registers and FPU state saved in it and restored by
 * rt_sigreturn, and the registers that enter the handler. */
#include "arch.h"
#include "lib.h"
#include "sigframe.h"
#include "task.h"
#include "uapi.h"
#include "vm.h"

/* The fxsave area: 512 bytes below the red zone, or below the top of the
 * alternate stack when the handler switches to it (no red zone there),
 * 64-byte aligned. */
static uintptr_t
sigframe_fpstate(const struct trapframe *tf, uintptr_t alt_top)
{
	uintptr_t sp = alt_top ? alt_top : tf->rsp - 128;
	return ALIGN_DOWN(sp - 512, 64);
}

/* Below the fxsave area; sp + 8 is 16-byte aligned at the handler's entry,
 * as after a call. */
uintptr_t
arch_sigframe_place(const struct trapframe *tf, uintptr_t alt_top, size_t size)
{
	return ALIGN_DOWN(sigframe_fpstate(tf, alt_top) - size, 16) - 8;
}

int
arch_sigframe_save(struct task *t, struct rt_sigframe *f, const struct k_sigaction *ka,
		   const struct k_siginfo *info, uintptr_t alt_top)
{
	struct trapframe *tf = t->tf;
	uintptr_t fp = sigframe_fpstate(tf, alt_top);
	f->pretcode = ka->restorer;
	f->uc.uc_flags = 0x6;      /* UC_FP_XSTATE | UC_SIGCONTEXT_SS */
	struct sigcontext64 *mc = &f->uc.mc;
	mc->r8 = tf->r8; mc->r9 = tf->r9; mc->r10 = tf->r10; mc->r11 = tf->r11;
	mc->r12 = tf->r12; mc->r13 = tf->r13; mc->r14 = tf->r14; mc->r15 = tf->r15;
	mc->rdi = tf->rdi; mc->rsi = tf->rsi; mc->rbp = tf->rbp; mc->rbx = tf->rbx;
	mc->rdx = tf->rdx; mc->rax = tf->rax; mc->rcx = tf->rcx; mc->rsp = tf->rsp;
	mc->rip = tf->rip; mc->eflags = tf->rflags;
	mc->cs = (uint16_t)tf->cs;
	mc->ss = (uint16_t)tf->ss;
	mc->err = tf->vector == TF_VECTOR_SYSCALL ? 0 : tf->error;
	mc->trapno = tf->vector == TF_VECTOR_SYSCALL ? 0 : tf->vector;
	mc->oldmask = f->uc.sigmask;
	mc->cr2 = info->addr;
	mc->fpstate = fp;
	__asm__ volatile("fxsave64 %0" : "=m"(t->arch.fpu));
	return copy_to_user(fp, t->arch.fpu, 512);
}

void
arch_sigframe_enter(struct task *t, const struct k_sigaction *ka, int sig, uintptr_t frame)
{
	struct trapframe *tf = t->tf;
	tf->rdi = (uint64_t)sig;
	tf->rsi = frame + offsetof(struct rt_sigframe, info);
	tf->rdx = frame + offsetof(struct rt_sigframe, uc);
	tf->rax = 0;
	tf->rsp = frame;
	tf->rip = ka->handler;
	tf->rflags &= ~(0x100UL | 0x400UL);   /* TF, DF */
	/* the FPU starts clean in the handler */
	arch_task_fpu_reset(t);
}

/* The handler's ret popped pretcode: the frame starts 8 bytes lower. */
uintptr_t
arch_sigframe_find(const struct trapframe *tf)
{
	return tf->rsp - 8;
}

int
arch_sigframe_restore(struct task *t, const struct rt_sigframe *f)
{
	struct trapframe *tf = t->tf;
	const struct sigcontext64 *mc = &f->uc.mc;
	tf->r8 = mc->r8; tf->r9 = mc->r9; tf->r10 = mc->r10; tf->r11 = mc->r11;
	tf->r12 = mc->r12; tf->r13 = mc->r13; tf->r14 = mc->r14; tf->r15 = mc->r15;
	tf->rdi = mc->rdi; tf->rsi = mc->rsi; tf->rbp = mc->rbp; tf->rbx = mc->rbx;
	tf->rdx = mc->rdx; tf->rax = mc->rax; tf->rcx = mc->rcx; tf->rsp = mc->rsp;
	tf->rip = mc->rip;
	/* only the arithmetic and direction flags come from user space */
	tf->rflags = (tf->rflags & ~0x0dd5UL) | (mc->eflags & 0x0dd5UL) | 0x200;
	tf->cs = 0x23;
	tf->ss = 0x1b;
	if (mc->fpstate) {
		uint8_t fpu[512] __attribute__((aligned(16)));
		if (copy_from_user(fpu, mc->fpstate, sizeof(fpu)) < 0)
			return -EFAULT;
		/* MXCSR reserved bits would fault fxrstor in the kernel */
		uint32_t *mxcsr = (uint32_t *)&fpu[24];
		*mxcsr &= 0xffff;
		memcpy(t->arch.fpu, fpu, sizeof(fpu));
		__asm__ volatile("fxrstor64 %0" : : "m"(t->arch.fpu));
	}
	/* a non-canonical pc would fault iretq in the kernel */
	if (tf->rip >= ABI_USER_TOP)
		tf->rip = 0;
	return 0;
}
