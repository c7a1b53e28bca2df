/*
 * kernel/core/trace_signal.c: the tracer's decoders for the signal
 * syscalls (the handlers of sys_proc.c and signal.c): signal masks and
 * sets, struct sigaction, rt_sigaction, rt_sigprocmask, rt_sigreturn,
 * rt_sigsuspend, kill, tkill, tgkill; and the siginfo of the
 * "--- SIGx {...} ---" lines, as strace 6.1 prints them.
 */
#include "arch.h"
#include "lib.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "trace_fmt.h"
#include "uapi.h"

/* strace's sigact_flags, in its order; an arch without sa_restorer
 * (riscv64) shows the bit as unknown */
static const struct xlat sigaction_flags[] = {
	{ ABI_HAS_SA_RESTORER ? SA_RESTORER : 0, "SA_RESTORER" }, XLAT(SA_ONSTACK),
	XLAT(SA_RESTART), XLAT(SA_NODEFER), XLAT(SA_RESETHAND), XLAT(SA_SIGINFO),
	XLAT(SA_NOCLDSTOP), XLAT(SA_NOCLDWAIT),
};

static const struct xlat sigprocmask_how[] = {
	XLAT(SIG_BLOCK), XLAT(SIG_UNBLOCK), XLAT(SIG_SETMASK),
};

/* si_code names: the generic ones (signo 0) first, then each signal's */
static const struct {
	int signo, code;
	const char *name;
} siginfo_codes[] = {
	{ 0, SI_USER, "SI_USER" }, { 0, SI_KERNEL, "SI_KERNEL" },
	{ 0, SI_TKILL, "SI_TKILL" }, { 0, SI_QUEUE, "SI_QUEUE" },
	{ SIGCHLD, CLD_EXITED, "CLD_EXITED" }, { SIGCHLD, CLD_KILLED, "CLD_KILLED" },
	{ SIGCHLD, CLD_DUMPED, "CLD_DUMPED" }, { SIGSEGV, SEGV_MAPERR, "SEGV_MAPERR" },
	{ SIGSEGV, SEGV_ACCERR, "SEGV_ACCERR" }, { SIGBUS, BUS_ADRALN, "BUS_ADRALN" },
	{ SIGBUS, BUS_ADRERR, "BUS_ADRERR" }, { SIGILL, ILL_ILLOPN, "ILL_ILLOPN" },
	{ SIGFPE, FPE_INTDIV, "FPE_INTDIV" }, { SIGTRAP, TRAP_BRKPT, "TRAP_BRKPT" },
};

/* The first nbytes bytes (1..8) of a signal mask as strace prints it:
 * [HUP INT] by names without SIG, or ~[...] with the signals not in it
 * when it holds two thirds or more of those nbytes can name. */
static void
p_sigmask_n(uint64_t m, int nbytes)
{
	int nbits = nbytes * 8;
	if (nbits < 64)
		m &= (1UL << nbits) - 1;
	uint32_t lo = (uint32_t)m, hi = (uint32_t)(m >> 32);
	int bits = __builtin_popcount(lo) + __builtin_popcount(hi);
	if (bits >= nbits * 2 / 3) {
		tr_putc('~');
		m = ~m;
	}
	char sep = '[';
	for (int i = 0; i < nbits; i++)
		if (m & (1UL << i)) {
			tr_putc(sep);
			sep = ' ';
			const char *n = signal_name(i + 1);
			tr_puts(n[0] == 'S' && n[1] == 'I' && n[2] == 'G' ? n + 3 : n);
		}
	if (sep == '[')
		tr_putc('[');
	tr_putc(']');
}

/* A whole 64-signal mask. */
static void
p_sigmask(uint64_t m)
{
	p_sigmask_n(m, 8);
}

/* A user sigset_t of len bytes (8 here), or NULL or its address. */
void
tr_sigset(uintptr_t u, long len)
{
	uint64_t m;
	if (!u)
		tr_puts("NULL");
	else if (len != 8 || !tr_peek(u, &m, sizeof(m)))
		tr_addr(u);
	else
		p_sigmask(m);
}

static void
p_sigaction(uintptr_t u)
{
	struct abi_sigaction sa;
	if (!u) {
		tr_puts("NULL");
		return;
	}
	if (!tr_peek(u, &sa, sizeof(sa))) {
		tr_addr(u);
		return;
	}
	tr_puts("{sa_handler=");
	if (sa.handler == SIG_DFL)
		tr_puts("SIG_DFL");
	else if (sa.handler == SIG_IGN)
		tr_puts("SIG_IGN");
	else
		tr_addr(sa.handler);
	tr_puts(", sa_mask=");
	p_sigmask(sa.mask);
	tr_puts(", sa_flags=");
	tr_flags(sigaction_flags, ARRAY_SIZE(sigaction_flags), (uint32_t)sa.flags, "SA_???");
	if (ABI_HAS_SA_RESTORER && (sa.flags & SA_RESTORER)) {
		tr_puts(", sa_restorer=");
		tr_addr(abi_sigaction_restorer(&sa));
	}
	tr_putc('}');
}

void
decode_rt_sigaction(struct trc *c)
{
	ENTER {
		tr_signame(c->a[0]);
		tr_sep();
		p_sigaction((uintptr_t)c->a[1]);
		tr_sep();
		return;
	}
	if (c->ret < 0 && c->a[2])
		tr_addr((uintptr_t)c->a[2]);
	else
		p_sigaction((uintptr_t)c->a[2]);
	tr_sep();
	tr_ulong(c->a[3]);
}

void
decode_rt_sigprocmask(struct trc *c)
{
	ENTER {
		tr_xval(sigprocmask_how, ARRAY_SIZE(sigprocmask_how), (unsigned)c->a[0], "SIG_???");
		tr_sep();
		tr_sigset((uintptr_t)c->a[1], c->a[3]);
		tr_sep();
		return;
	}
	if (c->ret < 0 && c->a[2])
		tr_addr((uintptr_t)c->a[2]);
	else
		tr_sigset((uintptr_t)c->a[2], c->a[3]);
	tr_sep();
	tr_ulong(c->a[3]);
}

void
decode_rt_sigreturn(struct trc *c)
{
	ENTER {
		/* the mask the frame will restore (ucontext.uc_sigmask) */
		uint64_t m;
		uintptr_t at = signal_frame_mask_addr(c->t->tf);
		if (tr_peek(at, &m, sizeof(m))) {
			tr_puts("{mask=");
			p_sigmask(m);
			tr_putc('}');
		} else
			tr_addr(arch_tf_sp(c->t->tf));
	}
}

/* rt_sigpending: the set on success, up to sigsetsize bytes of it. */
void
decode_rt_sigpending(struct trc *c)
{
	EXIT {
		uint64_t m = 0;
		long len = c->a[1];
		if (c->ret < 0 || len < 1 || len > 8 || !tr_peek((uintptr_t)c->a[0], &m, (size_t)len))
			tr_addr((uintptr_t)c->a[0]);
		else
			p_sigmask_n(m, (int)len);
		tr_sep();
		tr_ulong(len);
	}
}

static const struct xlat sigaltstack_flags[] = {
	XLAT(SS_ONSTACK), XLAT(SS_DISABLE), XLAT(SS_AUTODISARM),
};

/* A stack_t: {ss_sp=..., ss_flags=..., ss_size=...}, or its address. */
static void
p_stack(uintptr_t u)
{
	struct k_stack ss;
	if (!u || !tr_peek(u, &ss, sizeof(ss))) {
		tr_addr(u);
		return;
	}
	tr_puts("{ss_sp=");
	tr_addr(ss.ss_sp);
	tr_puts(", ss_flags=");
	tr_flags(sigaltstack_flags, ARRAY_SIZE(sigaltstack_flags), (uint32_t)ss.ss_flags, "SS_???");
	tr_printf(", ss_size=%lu}", (unsigned long)ss.ss_size);
}

/* sigaltstack: the new stack at entry, the old one at exit (its address
 * when the call failed). */
void
decode_sigaltstack(struct trc *c)
{
	ENTER {
		p_stack((uintptr_t)c->a[0]);
		tr_sep();
		return;
	}
	if (c->ret < 0)
		tr_addr((uintptr_t)c->a[1]);
	else
		p_stack((uintptr_t)c->a[1]);
}

/* rt_sigtimedwait: with a NULL info everything prints at entry; else the
 * info (its address when the call failed) and the rest at exit; a signal
 * returned is named after it. */
void
decode_rt_sigtimedwait(struct trc *c)
{
	ENTER {
		tr_sigset((uintptr_t)c->a[0], c->a[3]);
		tr_sep();
		if (c->a[1])
			return;
		tr_puts("NULL");
	} else if (c->a[1]) {
		if (c->ret < 0)
			tr_addr((uintptr_t)c->a[1]);
		else
			tr_user_siginfo((uintptr_t)c->a[1]);
	}
	if (!c->exiting || c->a[1]) {
		tr_sep();
		tr_timespec((uintptr_t)c->a[2]);
		tr_sep();
		tr_ulong(c->a[3]);
	}
	EXIT {
		if (c->ret > 0)
			ksnprintf(c->suffix, sizeof(c->suffix), " (%s)", signal_name((int)c->ret));
	}
}

/* rt_sigqueueinfo(pid, sig, {siginfo}) */
void
decode_rt_sigqueueinfo(struct trc *c)
{
	ENTER {
		tr_int(c->a[0]);
		tr_sep();
		tr_signame((int)c->a[1]);
		tr_sep();
		tr_user_siginfo((uintptr_t)c->a[2]);
	}
}

/* restart_syscall: strace names the call it resumes. */
void
decode_restart_syscall(struct trc *c)
{
	ENTER {
		const char *name = syscall_name(c->t->restart.nr);
		tr_printf("<... resuming interrupted %s ...>", name ? name : "system call");
	}
}

void
decode_rt_sigsuspend(struct trc *c)
{
	ENTER {
		tr_sigset((uintptr_t)c->a[0], c->a[1]);
		tr_sep();
		tr_ulong(c->a[1]);
	}
}

/* kill and tkill */
void
decode_kill(struct trc *c)
{
	ENTER {
		tr_int(c->a[0]);
		tr_sep();
		tr_signame((int)c->a[1]);
	}
}

void
decode_tgkill(struct trc *c)
{
	ENTER {
		tr_int(c->a[0]);
		tr_sep();
		tr_int(c->a[1]);
		tr_sep();
		tr_signame((int)c->a[2]);
	}
}

/* si_code by name where strace has one for this signal, else the number. */
static void
p_siginfo_code(const struct k_siginfo *si)
{
	for (size_t i = 0; i < ARRAY_SIZE(siginfo_codes); i++)
		if (siginfo_codes[i].code == si->code &&
		    (siginfo_codes[i].signo == 0 || siginfo_codes[i].signo == si->signo)) {
			tr_puts(siginfo_codes[i].name);
			return;
		}
	tr_printf("%d", si->code);
}

/* A siginfo_t in user memory (waitid's infop): {} while si_signo is 0
 * (WNOHANG found nothing), else as tr_siginfo; its address if unreadable. */
void
tr_user_siginfo(uintptr_t u)
{
	struct siginfo64 si;
	if (!u || !tr_peek(u, &si, sizeof(si))) {
		tr_addr(u);
		return;
	}
	if (!si.signo) {
		tr_puts("{}");
		return;
	}
	struct k_siginfo k = { .signo = si.signo, .code = si.code, .errno_ = si.errno_ };
	if (si.signo == SIGCHLD) {
		k.pid = si.u.chld.pid;
		k.uid = si.u.chld.uid;
		k.status = si.u.chld.status;
		k.utime = si.u.chld.utime;
		k.stime = si.u.chld.stime;
	} else {
		k.pid = si.u.rt.pid;
		k.uid = si.u.rt.uid;
		k.value = si.u.rt.value;
		k.addr = si.u.fault.addr;
	}
	tr_siginfo(&k);
}

/* {si_signo=..., si_code=..., ...}: the fields strace shows for the kind
 * of signal (a child's status, a fault's address, a sender's pid). */
void
tr_siginfo(const struct k_siginfo *si)
{
	tr_printf("{si_signo=%s, si_code=", signal_name(si->signo));
	p_siginfo_code(si);
	int code = si->code;
	int fault = si->signo == SIGSEGV || si->signo == SIGBUS || si->signo == SIGILL ||
		    si->signo == SIGFPE || si->signo == SIGTRAP;
	if (si->signo == SIGCHLD && code > 0) {
		tr_printf(", si_pid=%d, si_uid=%d, si_status=", si->pid, si->uid);
		if (code == CLD_EXITED)
			tr_printf("%d", si->status);
		else
			tr_signame(si->status);
		tr_printf(", si_utime=%ld, si_stime=%ld}", si->utime, si->stime);
	} else if (fault && code > 0) {
		tr_puts(", si_addr=");
		tr_addr(si->addr);
		tr_putc('}');
	} else if (code == SI_KERNEL) {
		tr_putc('}');
	} else if (code == SI_QUEUE) {
		tr_printf(", si_pid=%d, si_uid=%d, si_int=%d, si_ptr=", si->pid, si->uid, (int)si->value);
		tr_addr(si->value);
		tr_putc('}');
	} else {
		tr_printf(", si_pid=%d, si_uid=%d}", si->pid, si->uid);
	}
}
