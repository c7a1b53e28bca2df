/* kernel/arch/riscv64/signal.c: the riscv64 part of a signal frame
 * (sigframe.h): where it goes on the user stack, the registers and FPU state
 * saved in it and restored by rt_sigreturn, and the registers that enter
 * the handler.  Handlers return through the trampoline page
 * (ABI_SIGTRAMP_VA) in ra, as Linux's vDSO does: riscv64 has no sa_restorer. */
#include "arch.h"
#include "lib.h"
#include "machine.h"
#include "sigframe.h"
#include "task.h"

/* Right below the user sp, 16-byte aligned. */
uintptr_t
arch_sigframe_place(const struct trapframe *tf, uintptr_t alt_top, size_t size)
{
	return ALIGN_DOWN((alt_top ? alt_top : tf->x[TF_SP]) - size, 16);
}

int
arch_sigframe_save(struct task *t, struct rt_sigframe *f, const struct k_sigaction *ka,
		   const struct k_siginfo *info, uintptr_t alt_top)
{
	(void)ka;
	(void)info;
	(void)alt_top;
	memcpy(&f->uc.mc.sc_regs, t->tf->x, sizeof(t->tf->x));
	if (t == current)
		fpu_save(t->arch.fpr);
	memcpy(f->uc.mc.sc_fpregs.d.f, t->arch.fpr, sizeof(f->uc.mc.sc_fpregs.d.f));
	f->uc.mc.sc_fpregs.d.fcsr = (uint32_t)t->arch.fcsr;
	return 0;
}

void
arch_sigframe_enter(struct task *t, const struct k_sigaction *ka, int sig, uintptr_t frame)
{
	struct trapframe *tf = t->tf;
	tf->x[TF_RA] = ABI_SIGTRAMP_VA;
	tf->x[TF_PC] = ka->handler;
	tf->x[TF_SP] = frame;
	tf->x[TF_A0] = (uint64_t)sig;
	tf->x[TF_A0 + 1] = frame + offsetof(struct rt_sigframe, info);
	tf->x[TF_A0 + 2] = frame + offsetof(struct rt_sigframe, uc);
}

/* The handler's sp is the frame again when it returns to the trampoline. */
uintptr_t
arch_sigframe_find(const struct trapframe *tf)
{
	return tf->x[TF_SP];
}

int
arch_sigframe_restore(struct task *t, const struct rt_sigframe *f)
{
	memcpy(t->tf->x, &f->uc.mc.sc_regs, sizeof(t->tf->x));
	memcpy(t->arch.fpr, f->uc.mc.sc_fpregs.d.f, sizeof(t->arch.fpr));
	t->arch.fcsr = f->uc.mc.sc_fpregs.d.fcsr & 0xff;     /* frm and fflags only */
	if (t == current)
		fpu_restore(t->arch.fpr);
	return 0;
}
