/*
 * kernel/arch/x86_64/sigframe.h: the x86_64 rt_sigframe as the handler sees
 * it: pretcode (the handler returns through it), the ucontext with the
 * sigcontext, then the siginfo.  core/signal.c fills the parts every arch
 * has (info, uc.uc_stack, uc.sigmask); signal.c the registers.
 */
#ifndef SIGFRAME_H
#define SIGFRAME_H

#include "signal.h"

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
	struct k_stack uc_stack;
	struct sigcontext64 mc;
	uint64_t sigmask;
};

struct rt_sigframe {
	uint64_t pretcode;
	struct ucontext64 uc;
	struct siginfo64 info;
};

#endif
