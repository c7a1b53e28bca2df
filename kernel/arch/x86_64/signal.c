/* kernel/arch/x86_64/signal.c: the x86_64 rt_sigframe (pretcode, ucontext
 * with sigcontext and the fxsave area, siginfo) and rt_sigreturn. */
#include "arch.h"
#include "lib.h"
#include "signal.h"
#include "task.h"
#include "uapi.h"
#include "vm.h"

struct sigcontext64 {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate;
	uint64_t reserved1[8];
};

struct ucontext64 {
	uint64_t uc_flags;
	uint64_t uc_link;
	uint64_t ss_sp;
	int32_t ss_flags, pad;
	uint64_t ss_size;
	struct sigcontext64 mc;
	uint64_t sigmask;
};

struct rt_sigframe {
	uint64_t pretcode;
	struct ucontext64 uc;
	struct siginfo64 info;
};

int
arch_signal_push(struct task *t, int sig, const struct k_sigaction *ka,
		 const struct k_siginfo *info, uint64_t old_mask)
{
	struct trapframe *tf = t->tf;
	uint64_t sp = tf->rsp - 128;                     /* red zone */
	uint64_t fp = ALIGN_DOWN(sp - 512, 64);          /* fxsave area */
	uint64_t frame = ALIGN_DOWN(fp - sizeof(struct rt_sigframe), 16) - 8;
	struct rt_sigframe f;
	memset(&f, 0, sizeof(f));
	f.pretcode = ka->restorer;
	f.uc.uc_flags = 0x6;      /* UC_FP_XSTATE | UC_SIGCONTEXT_SS */
	f.uc.ss_flags = 2;        /* SS_DISABLE */
	struct sigcontext64 *mc = &f.uc.mc;
	mc->r8 = tf->r8; mc->r9 = tf->r9; mc->r10 = tf->r10; mc->r11 = tf->r11;
	mc->r12 = tf->r12; mc->r13 = tf->r13; mc->r14 = tf->r14; mc->r15 = tf->r15;
	mc->rdi = tf->rdi; mc->rsi = tf->rsi; mc->rbp = tf->rbp; mc->rbx = tf->rbx;
	mc->rdx = tf->rdx; mc->rax = tf->rax; mc->rcx = tf->rcx; mc->rsp = tf->rsp;
	mc->rip = tf->rip; mc->eflags = tf->rflags;
	mc->cs = (uint16_t)tf->cs;
	mc->ss = (uint16_t)tf->ss;
	mc->err = tf->vector == TF_VECTOR_SYSCALL ? 0 : tf->error;
	mc->trapno = tf->vector == TF_VECTOR_SYSCALL ? 0 : tf->vector;
	mc->oldmask = old_mask;
	mc->cr2 = info->addr;
	mc->fpstate = fp;
	f.uc.sigmask = old_mask;
	siginfo_fill(&f.info, info);
	__asm__ volatile("fxsave64 %0" : "=m"(t->arch.fpu));
	if (copy_to_user(fp, t->arch.fpu, 512) < 0 || copy_to_user(frame, &f, sizeof(f)) < 0)
		return -EFAULT;
	tf->rdi = (uint64_t)sig;
	tf->rsi = frame + offsetof(struct rt_sigframe, info);
	tf->rdx = frame + offsetof(struct rt_sigframe, uc);
	tf->rax = 0;
	tf->rsp = frame;
	tf->rip = ka->handler;
	tf->rflags &= ~(0x100UL | 0x400UL);   /* TF, DF */
	/* the FPU starts clean in the handler */
	arch_task_fpu_reset(t);
	return 0;
}

int
arch_signal_return(struct task *t, uint64_t *mask)
{
	struct trapframe *tf = t->tf;
	uint64_t frame = tf->rsp - 8;        /* the handler's ret popped pretcode */
	struct rt_sigframe f;
	if (copy_from_user(&f, frame, sizeof(f)) < 0)
		return -EFAULT;
	struct sigcontext64 *mc = &f.uc.mc;
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
	*mask = f.uc.sigmask;
	return 0;
}

uintptr_t
arch_signal_mask_addr(const struct trapframe *tf)
{
	/* the handler's ret popped pretcode: the frame starts 8 bytes lower */
	return tf->rsp - 8 + offsetof(struct rt_sigframe, uc.sigmask);
}
