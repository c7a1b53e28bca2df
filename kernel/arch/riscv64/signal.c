/* kernel/arch/riscv64/signal.c: the riscv64 rt_sigframe (siginfo, then a
 * ucontext whose sigcontext holds the pc, x1..x31 and the D-extension FP
 * state) and rt_sigreturn.  Handlers return through the trampoline page
 * (ABI_SIGTRAMP_VA) in ra, as Linux's vDSO does: riscv64 has no sa_restorer. */
#include "arch.h"
#include "lib.h"
#include "machine.h"
#include "signal.h"
#include "task.h"
#include "uapi.h"
#include "vm.h"

#include <asm/sigcontext.h>      /* Linux's struct sigcontext for riscv64 */

struct ucontext_rv {
	uint64_t uc_flags;
	uint64_t uc_link;
	uint64_t ss_sp;
	int32_t ss_flags, pad;
	uint64_t ss_size;
	uint64_t sigmask;
	uint8_t unused[1024 / 8 - 8];
	struct sigcontext mc;
};

struct rt_sigframe {
	struct siginfo64 info;
	struct ucontext_rv uc;
};

_Static_assert(offsetof(struct ucontext_rv, mc) == 176, "uc_mcontext at 176 as in Linux");
_Static_assert(sizeof(struct sigcontext) == 256 + 528, "sigcontext: 32 registers + FP union");

int
arch_signal_push(struct task *t, int sig, const struct k_sigaction *ka,
		 const struct k_siginfo *info, uint64_t old_mask)
{
	struct trapframe *tf = t->tf;
	uint64_t frame = ALIGN_DOWN(tf->x[TF_SP] - sizeof(struct rt_sigframe), 16);
	struct rt_sigframe f;
	memset(&f, 0, sizeof(f));
	siginfo_fill(&f.info, info);
	f.uc.ss_flags = 2;                /* SS_DISABLE: no alternate stack */
	f.uc.sigmask = old_mask;
	memcpy(&f.uc.mc.sc_regs, tf->x, sizeof(tf->x));
	if (t == current)
		fpu_save(t->arch.fpr);
	memcpy(f.uc.mc.sc_fpregs.d.f, t->arch.fpr, sizeof(f.uc.mc.sc_fpregs.d.f));
	f.uc.mc.sc_fpregs.d.fcsr = (uint32_t)t->arch.fcsr;
	if (copy_to_user(frame, &f, sizeof(f)) < 0)
		return -EFAULT;
	tf->x[TF_RA] = ABI_SIGTRAMP_VA;
	tf->x[TF_PC] = ka->handler;
	tf->x[TF_SP] = frame;
	tf->x[TF_A0] = (uint64_t)sig;
	tf->x[TF_A0 + 1] = frame + offsetof(struct rt_sigframe, info);
	tf->x[TF_A0 + 2] = frame + offsetof(struct rt_sigframe, uc);
	return 0;
}

int
arch_signal_return(struct task *t, uint64_t *mask)
{
	struct trapframe *tf = t->tf;
	uint64_t frame = tf->x[TF_SP];       /* the handler's sp is the frame again */
	struct rt_sigframe f;
	if (copy_from_user(&f, frame, sizeof(f)) < 0)
		return -EFAULT;
	memcpy(tf->x, &f.uc.mc.sc_regs, sizeof(tf->x));
	memcpy(t->arch.fpr, f.uc.mc.sc_fpregs.d.f, sizeof(t->arch.fpr));
	t->arch.fcsr = f.uc.mc.sc_fpregs.d.fcsr & 0xff;     /* frm and fflags only */
	if (t == current)
		fpu_restore(t->arch.fpr);
	*mask = f.uc.sigmask;
	return 0;
}

uintptr_t
arch_signal_mask_addr(const struct trapframe *tf)
{
	return tf->x[TF_SP] + offsetof(struct rt_sigframe, uc.sigmask);
}
