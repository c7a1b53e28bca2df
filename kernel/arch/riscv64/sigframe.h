/*
 * kernel/arch/riscv64/sigframe.h: the riscv64 rt_sigframe as the handler
 * sees it: the siginfo, then a ucontext whose sigcontext holds the pc,
 * x1..x31 and the D-extension FP state.  core/signal.c fills the parts
 * every arch has (info, uc.uc_stack, uc.sigmask); signal.c the registers.
 */
#ifndef SIGFRAME_H
#define SIGFRAME_H

#include "signal.h"

#include <asm/sigcontext.h>      /* Linux's struct sigcontext for riscv64 */

struct ucontext_rv {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct k_stack uc_stack;
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

#endif
