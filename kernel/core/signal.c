/*
 * kernel/core/signal.c: signal generation and delivery, and the signal
 * syscalls (rt_sig*, sigaltstack, pause, kill, tkill).  Like a traced task
 * under Linux, every unblocked signal is reported (`--- SIG... ---`) when it is
 * dequeued, then its disposition applies: ignore, kill (with or without
 * core), or run the handler on a signal frame pushed here (the layout and
 * the registers in it are the arch's: sigframe.h, arch_sigframe_*).
 */
#include "signal.h"
#include "arch.h"
#include "kmalloc.h"
#include "lib.h"
#include "syscall.h"
#include "sigframe.h"
#include "task.h"
#include "trace.h"
#include "uapi.h"
#include "vm.h"

_Static_assert(sizeof(struct siginfo64) == 128, "siginfo is 128 bytes");

/* siginfo_fill: the user siginfo_t for a signal (see signal.h). */
void
siginfo_fill(struct siginfo64 *si, const struct k_siginfo *in)
{
	memset(si, 0, sizeof(*si));
	si->signo = in->signo;
	si->errno_ = in->errno_;
	si->code = in->code;
	switch (in->signo) {
	case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
		if (in->code > 0 && in->code < SI_KERNEL) {
			si->u.fault.addr = in->addr;
			break;
		}
		/* fall through */
	default:
		if (in->signo == SIGCHLD) {
			si->u.chld.pid = in->pid;
			si->u.chld.uid = in->uid;
			si->u.chld.status = in->status;
			si->u.chld.utime = in->utime;
			si->u.chld.stime = in->stime;
		} else {
			si->u.rt.pid = in->pid;
			si->u.rt.uid = in->uid;
			si->u.rt.value = in->value;
		}
	}
}

/* Is sp on t's alternate signal stack?  Never while SS_AUTODISARM has
 * it disarmed (Linux's on_sig_stack). */
static int
on_sig_stack(const struct task *t, uintptr_t sp)
{
	if (t->sas_flags & SS_AUTODISARM)
		return 0;
	return sp > t->sas_sp && sp - t->sas_sp <= t->sas_size;
}

/* The ss_flags sigaltstack reports for a task running at sp. */
static int
sas_ss_flags(const struct task *t, uintptr_t sp)
{
	if (!t->sas_size)
		return SS_DISABLE;
	return on_sig_stack(t, sp) ? SS_ONSTACK : 0;
}

/* Push a signal frame for handler ka on t's user stack (the alternate
 * stack if ka asks for it and t is not on it already) and point t's
 * registers at the handler (the arch lays out and fills its registers;
 * this fills what every arch's frame has).  0, or -EFAULT when the frame
 * cannot be written. */
int
signal_frame_push(struct task *t, int sig, const struct k_sigaction *ka,
		  const struct k_siginfo *info, uint64_t old_mask)
{
	struct rt_sigframe f;
	uintptr_t sp = arch_tf_sp(t->tf), alt_top = 0;
	if ((ka->flags & SA_ONSTACK) && sas_ss_flags(t, sp) == 0)
		alt_top = t->sas_sp + t->sas_size;
	uintptr_t frame = arch_sigframe_place(t->tf, alt_top, sizeof(f));
	memset(&f, 0, sizeof(f));
	siginfo_fill(&f.info, info);
	/* the stack as set, flags as given (SS_DISABLE when never set), as
	 * Linux's __save_altstack: rt_sigreturn sets it again from here */
	f.uc.uc_stack.ss_sp = t->sas_sp;
	f.uc.uc_stack.ss_flags = t->sas_size || t->sas_flags ? (int32_t)t->sas_flags : SS_DISABLE;
	f.uc.uc_stack.ss_size = t->sas_size;
	f.uc.sigmask = old_mask;
	if (arch_sigframe_save(t, &f, ka, info, alt_top) < 0 || copy_to_user(frame, &f, sizeof(f)) < 0)
		return -EFAULT;
	if (t->sas_flags & SS_AUTODISARM)
		t->sas_sp = t->sas_size = t->sas_flags = 0;
	arch_sigframe_enter(t, ka, sig, frame);
	return 0;
}

static long do_sigaltstack(const struct k_stack *ss, struct k_stack *old, uintptr_t sp);

/* rt_sigreturn: restore t's (current's) registers from the frame its
 * handler returned with, and the alternate stack from uc_stack (refused,
 * as in Linux, while the restored sp is on the current one: that re-arms
 * an SS_AUTODISARM stack); give the mask to restore in *mask.  0 or
 * -EFAULT. */
int
signal_frame_return(struct task *t, uint64_t *mask)
{
	struct rt_sigframe f;
	if (copy_from_user(&f, arch_sigframe_find(t->tf), sizeof(f)) < 0)
		return -EFAULT;
	if (arch_sigframe_restore(t, &f) < 0)
		return -EFAULT;
	do_sigaltstack(&f.uc.uc_stack, NULL, arch_tf_sp(t->tf));
	*mask = f.uc.sigmask;
	return 0;
}

/* The user address of the mask rt_sigreturn will restore (the tracer's). */
uintptr_t
signal_frame_mask_addr(const struct trapframe *tf)
{
	return arch_sigframe_find(tf) + offsetof(struct rt_sigframe, uc.sigmask);
}


static const char *const sig_names[] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
	[SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
	[SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
	[SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN", [SIGTTOU] = "SIGTTOU",
	[SIGURG] = "SIGURG", [SIGXCPU] = "SIGXCPU", [SIGXFSZ] = "SIGXFSZ",
	[SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF", [SIGWINCH] = "SIGWINCH",
	[SIGIO] = "SIGIO", [SIGPWR] = "SIGPWR", [SIGSYS] = "SIGSYS",
};

const char *
signal_name(int sig)
{
	static char buf[16];
	if (sig > 0 && sig < (int)ARRAY_SIZE(sig_names) && sig_names[sig])
		return sig_names[sig];
	if (sig == SIGRTMIN)
		return "SIGRTMIN";
	if (sig > SIGRTMIN && sig <= NSIG) {
		ksnprintf(buf, sizeof(buf), "SIGRT_%d", sig - SIGRTMIN);
		return buf;
	}
	ksnprintf(buf, sizeof(buf), "%d", sig);
	return buf;
}

int
signal_default_core(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return 1;
	}
	return 0;
}

int
signal_default_kills(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return 0;
	}
	return 1;
}

struct sighand *
sighand_create(void)
{
	struct sighand *sh = kzalloc(sizeof(*sh));
	if (sh)
		sh->refs = 1;
	return sh;
}

struct sighand *
sighand_copy(struct sighand *src)
{
	struct sighand *sh = sighand_create();
	if (sh)
		memcpy(sh->action, src->action, sizeof(sh->action));
	return sh;
}

void
sighand_put(struct sighand *sh)
{
	if (sh && --sh->refs == 0)
		kfree(sh);
}

void
signal_exec_reset(struct task *t)
{
	if (t->sighand->refs > 1) {
		struct sighand *n = sighand_copy(t->sighand);
		if (n) {
			sighand_put(t->sighand);
			t->sighand = n;
		}
	}
	t->sas_sp = t->sas_size = t->sas_flags = 0;
	for (int i = 1; i <= NSIG; i++) {
		struct k_sigaction *ka = &t->sighand->action[i];
		if (ka->handler != SIG_IGN)
			memset(ka, 0, sizeof(*ka));
		else
			ka->flags = 0, ka->restorer = 0, ka->mask = 0;
	}
}

/* Wake a task so that it notices a signal (interruptible sleeps only). */
static void
signal_kick(struct task *t, int sig)
{
	if (t->state == TASK_SLEEPING && (t->interruptible || sig == SIGKILL))
		wake_task(t);
}

/* Queue in on one pending set (bits, info, rtq: a task's or a process's):
 * a standard signal already pending is merged, a real-time one queued. */
static void
sigq_add(uint64_t *bits, struct k_siginfo *info, struct sigqueue *rtq, const struct k_siginfo *in)
{
	int sig = in->signo;
	if (!(*bits & SIGBIT(sig))) {
		*bits |= SIGBIT(sig);
		info[sig] = *in;
	} else if (sig >= SIGRTMIN && rtq->n < SIGQUEUE_MAX) {
		rtq->q[rtq->n++] = *in;
	}
}

/* Take sig's first instance from a pending set into *out; the next queued
 * one (if any) takes its place, else sig is no longer pending. */
static void
sigq_take(uint64_t *bits, struct k_siginfo *info, struct sigqueue *rtq, int sig,
	  struct k_siginfo *out)
{
	*out = info[sig];
	*bits &= ~SIGBIT(sig);
	for (int i = 0; i < rtq->n; i++)
		if (rtq->q[i].signo == sig) {
			info[sig] = rtq->q[i];
			*bits |= SIGBIT(sig);
			memmove(&rtq->q[i], &rtq->q[i + 1], (size_t)(rtq->n - i - 1) * sizeof(rtq->q[0]));
			rtq->n--;
			return;
		}
}

/* Drop every instance of sig from a pending set. */
static void
sigq_flush(uint64_t *bits, struct sigqueue *rtq, int sig)
{
	int k = 0;
	*bits &= ~SIGBIT(sig);
	for (int i = 0; i < rtq->n; i++)
		if (rtq->q[i].signo != sig)
			rtq->q[k++] = rtq->q[i];
	rtq->n = k;
}

void
signal_send_task(struct task *t, const struct k_siginfo *info)
{
	int sig = info->signo;
	if (sig < 1 || sig > NSIG || t->state == TASK_DEAD)
		return;
	sigq_add(&t->pending, t->info, &t->rtq, info);
	if (sig == SIGKILL && !t->proc->group_exit) {
		/* the whole process dies with SIGKILL, whatever else happens */
		t->proc->group_exit = 1;
		t->proc->exit_status = SIGKILL;
	}
	if (!(t->blocked & SIGBIT(sig)) || sig == SIGKILL)
		signal_kick(t, sig);
}

void
signal_send_proc(struct proc *p, const struct k_siginfo *info)
{
	int sig = info->signo;
	if (sig < 1 || sig > NSIG || p->zombie)
		return;
	if (sig == SIGKILL) {
		for (struct task *t = all_tasks; t; t = t->next_all)
			if (t->proc == p && t->state != TASK_DEAD)
				signal_send_task(t, info);
		return;
	}
	sigq_add(&p->pending, p->info, &p->rtq, info);
	/* wake one thread that does not block it */
	for (struct task *t = all_tasks; t; t = t->next_all)
		if (t->proc == p && t->state != TASK_DEAD && !(t->blocked & SIGBIT(sig))) {
			signal_kick(t, sig);
			break;
		}
}

/* Take the lowest pending signal of the set want: thread-directed first.
 * The signal, or 0. */
static int
dequeue_mask(struct task *t, uint64_t want, struct k_siginfo *info)
{
	uint64_t mine = t->pending & want;
	uint64_t shared = t->proc->pending & want;
	if (mine) {
		int sig = __builtin_ctzl(mine) + 1;
		sigq_take(&t->pending, t->info, &t->rtq, sig, info);
		return sig;
	}
	if (shared) {
		int sig = __builtin_ctzl(shared) + 1;
		struct proc *p = t->proc;
		sigq_take(&p->pending, p->info, &p->rtq, sig, info);
		return sig;
	}
	return 0;
}

/* Take the lowest deliverable (unblocked) signal. */
static int
dequeue(struct task *t, struct k_siginfo *info)
{
	return dequeue_mask(t, ~t->blocked, info);
}

void
signal_deliver(struct task *t)
{
	for (;;) {
		if (t->proc->group_exit && !(t->pending & SIGBIT(SIGKILL)))
			task_exit(-1);      /* another thread is taking the group down */
		struct k_siginfo info;
		int sig = dequeue(t, &info);
		if (!sig)
			return;
		if (sig == SIGKILL)
			proc_exit_group(SIGKILL);
		trace_signal(t, &info);
		struct k_sigaction *ka = &t->sighand->action[sig];
		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler == SIG_DFL) {
			if (!signal_default_kills(sig))
				continue;
			int core = signal_default_core(sig) && t->proc->rlim[RLIMIT_CORE].cur > 0;
			proc_exit_group(sig | (core ? 0x80 : 0));
		}
		uint64_t old = t->has_saved_mask ? t->saved_mask : t->blocked;
		t->has_saved_mask = 0;
		if (signal_frame_push(t, sig, ka, &info, old) < 0) {
			/* no room for the frame: Linux forces SIGSEGV */
			trace_event("fault %d pc=0x%lx addr=0x%lx sig=SIGSEGV code=SI_KERNEL cause=bad-signal-frame",
				    t->tid, arch_tf_pc(t->tf), arch_tf_sp(t->tf));
			proc_exit_group(SIGSEGV);
		}
		t->blocked |= ka->mask;
		if (!(ka->flags & SA_NODEFER))
			t->blocked |= SIGBIT(sig);
		t->blocked &= ~SIG_UNBLOCKABLE;
		if (ka->flags & SA_RESETHAND)
			memset(ka, 0, sizeof(*ka));
		/* as Linux, go on: every deliverable signal gets its frame now,
		 * the last one's handler runs first */
	}
}

/* The sa_flags bits Linux keeps (UAPI_SA_FLAGS): others are cleared in
 * the new action and so never show in an old one; SA_RESTORER only where
 * the arch has it (not riscv64, where musl still sets the bit). */
#define SA_EXPOSE_TAGBITS 0x00000800
#define SA_UAPI_FLAGS (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | \
		       SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS | \
		       (ABI_HAS_SA_RESTORER ? SA_RESTORER : 0))

/* Does sig's default action ignore it (Linux's sig_kernel_ignore)? */
static int
signal_default_ignores(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

/* A signal now ignored (SIG_IGN, or SIG_DFL that ignores it) is dropped
 * from every pending set of the process, as Linux's do_sigaction does. */
static void
signal_flush_ignored(struct proc *p, int sig)
{
	sigq_flush(&p->pending, &p->rtq, sig);
	for (struct task *t = all_tasks; t; t = t->next_all)
		if (t->proc == p)
			sigq_flush(&t->pending, &t->rtq, sig);
}

/* rt_sigaction: sigsetsize must be 8 (64 signals); SIGKILL and SIGSTOP
 * keep their default. */
SYSCALL_DEFINE4(rt_sigaction, int, sig, uintptr_t, act, uintptr_t, oact, size_t, sigsetsize)
{
	if (sigsetsize != 8)
		return -EINVAL;
	if (sig < 1 || sig > NSIG)
		return -EINVAL;
	struct abi_sigaction sa;
	if (act) {
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
		if (copy_from_user(&sa, act, sizeof(sa)) < 0)
			return -EFAULT;
	}
	struct k_sigaction *ka = &current->sighand->action[sig];
	if (oact) {
		struct abi_sigaction old;
		memset(&old, 0, sizeof(old));
		old.handler = ka->handler;
		old.flags = ka->flags;
		old.mask = ka->mask;
		abi_sigaction_set_restorer(&old, ka->restorer);
		if (copy_to_user(oact, &old, sizeof(old)) < 0)
			return -EFAULT;
	}
	if (act) {
		ka->handler = sa.handler;
		ka->flags = sa.flags & SA_UAPI_FLAGS;
		ka->restorer = abi_sigaction_restorer(&sa);
		ka->mask = sa.mask & ~SIG_UNBLOCKABLE;
		if (ka->handler == SIG_IGN || (ka->handler == SIG_DFL && signal_default_ignores(sig)))
			signal_flush_ignored(current->proc, sig);
	}
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, uintptr_t, nset, uintptr_t, oset, size_t, sigsetsize)
{
	if (sigsetsize != 8)
		return -EINVAL;
	uint64_t old = current->blocked;
	if (nset) {
		uint64_t set;
		if (copy_from_user(&set, nset, sizeof(set)) < 0)
			return -EFAULT;
		set &= ~SIG_UNBLOCKABLE;
		switch (how) {
		case SIG_BLOCK: current->blocked |= set; break;
		case SIG_UNBLOCK: current->blocked &= ~set; break;
		case SIG_SETMASK: current->blocked = set; break;
		default: return -EINVAL;
		}
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)) < 0)
		return -EFAULT;
	return 0;
}

/* rt_sigreturn: restore the frame a handler ran on; a bad frame is a
 * SIGSEGV (SI_KERNEL), as in Linux. */
SYSCALL_DEFINE0(rt_sigreturn)
{
	uint64_t mask;
	current->restart.fn = NULL;     /* a handler ran: nothing to resume */
	if (signal_frame_return(current, &mask) < 0) {
		trace_event("fault %d pc=0x%lx addr=0x%lx sig=SIGSEGV code=SI_KERNEL cause=bad-sigreturn-frame",
			    current->tid, arch_tf_pc(current->tf), arch_tf_sp(current->tf));
		struct k_siginfo si = { .signo = SIGSEGV, .code = SI_KERNEL };
		current->blocked &= ~SIGBIT(SIGSEGV);
		current->sighand->action[SIGSEGV].handler = SIG_DFL;
		signal_send_task(current, &si);
		return arch_syscall_nr(current->tf);
	}
	current->blocked = mask & ~SIG_UNBLOCKABLE;
	/* the restored rax is the "return value" */
	return (long)arch_syscall_ret_reg(current->tf);
}

SYSCALL_DEFINE2(rt_sigsuspend, uintptr_t, unewset, size_t, sigsetsize)
{
	if (sigsetsize != 8)
		return -EINVAL;
	uint64_t set;
	if (copy_from_user(&set, unewset, sizeof(set)) < 0)
		return -EFAULT;
	current->saved_mask = current->blocked;
	current->has_saved_mask = 1;
	current->blocked = set & ~SIG_UNBLOCKABLE;
	while (!signal_pending(current))
		sleep_on(&current->saved_mask, 1, 0);
	return -ERESTARTNOHAND;
}

#ifdef __NR_pause
SYSCALL_DEFINE0(pause)
{
	while (!signal_pending(current))
		sleep_on(&current->saved_mask, 1, 0);
	return -ERESTARTNOHAND;
}
#endif

/* Linux's do_sigaltstack for the current task running at sp: fill *old
 * (if asked), then set the stack *ss (if given): EPERM while running on
 * the current one, EINVAL for a mode other than 0, SS_ONSTACK or
 * SS_DISABLE (SS_AUTODISARM may be added), ENOMEM under MINSIGSTKSZ. */
static long
do_sigaltstack(const struct k_stack *ss, struct k_stack *old, uintptr_t sp)
{
	struct task *t = current;
	if (old) {
		memset(old, 0, sizeof(*old));
		old->ss_sp = t->sas_sp;
		old->ss_size = t->sas_size;
		old->ss_flags = sas_ss_flags(t, sp) | (int32_t)(t->sas_flags & SS_AUTODISARM);
	}
	if (!ss)
		return 0;
	if (on_sig_stack(t, sp))
		return -EPERM;
	uint32_t mode = (uint32_t)ss->ss_flags & ~SS_AUTODISARM;
	if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode != SS_DISABLE && ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	t->sas_sp = mode == SS_DISABLE ? 0 : ss->ss_sp;
	t->sas_size = mode == SS_DISABLE ? 0 : ss->ss_size;
	t->sas_flags = (uint32_t)ss->ss_flags;
	return 0;
}

/* sigaltstack: the new stack is read first (EFAULT), the old one written
 * only when the call succeeds. */
SYSCALL_DEFINE2(sigaltstack, uintptr_t, uss, uintptr_t, uoss)
{
	struct k_stack ss, old;
	if (uss && copy_from_user(&ss, uss, sizeof(ss)) < 0)
		return -EFAULT;
	long r = do_sigaltstack(uss ? &ss : NULL, uoss ? &old : NULL, arch_tf_sp(current->tf));
	if (r == 0 && uoss && copy_to_user(uoss, &old, sizeof(old)) < 0)
		return -EFAULT;
	return r;
}

/* restart_syscall: resume the call a handler-less signal interrupted
 * (syscall_restart points the task here); EINTR when there is none. */
SYSCALL_DEFINE0(restart_syscall)
{
	struct restart_block rb = current->restart;
	current->restart.fn = NULL;
	return rb.fn ? rb.fn(&rb) : -EINTR;
}

/* Wait until one of these is pending or end_ns passes (0: no end), with
 * these unblocked meanwhile; the signal taken into *info, 0 when the
 * time ran out, -EINTR when another signal came (Linux's
 * do_sigtimedwait). */
static int
sigtimedwait_until(uint64_t these, uint64_t end_ns, struct k_siginfo *info)
{
	struct task *t = current;
	int sig = dequeue_mask(t, these, info);
	if (sig || end_ns == 1)
		return sig;
	uint64_t old = t->blocked;
	t->blocked &= ~these;
	while (!signal_pending(t)) {
		uint64_t now = arch_time_ns();
		if (end_ns && now >= end_ns)
			break;
		sleep_on(&t->restart, 1, end_ns ? end_ns - now : 0);
	}
	int interrupted = signal_pending(t);
	t->blocked = old;
	sig = dequeue_mask(t, these, info);
	return sig ? sig : interrupted ? -EINTR : 0;
}

/* rt_sigtimedwait: take a pending signal of *uthese (blocked ones, without
 * running a handler), waiting up to *uts (NULL: for ever); the signal,
 * -EAGAIN when the time ran out, -EINTR for another signal. */
SYSCALL_DEFINE4(rt_sigtimedwait, uintptr_t, uthese, uintptr_t, uinfo, uintptr_t, uts,
		size_t, sigsetsize)
{
	uint64_t these, end = 0;             /* 0: no timeout, 1: do not wait */
	struct k_timespec ts;
	if (sigsetsize != 8)
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)) < 0)
		return -EFAULT;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)) < 0)
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		uint64_t ns = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
		end = ns ? arch_time_ns() + ns : 1;
	}
	struct k_siginfo info;
	int sig = sigtimedwait_until(these & ~SIG_UNBLOCKABLE, end, &info);
	if (sig <= 0)
		return sig ? sig : -EAGAIN;
	if (uinfo) {
		struct siginfo64 si;
		siginfo_fill(&si, &info);
		if (copy_to_user(uinfo, &si, sizeof(si)) < 0)
			return -EFAULT;
	}
	return sig;
}

/* rt_sigqueueinfo: send sig to process pid with the caller's siginfo; a
 * code the kernel alone may claim (>= 0, SI_TKILL) only to itself. */
SYSCALL_DEFINE3(rt_sigqueueinfo, pid_t, pid, int, sig, uintptr_t, uinfo)
{
	struct siginfo64 si;
	if (copy_from_user(&si, uinfo, sizeof(si)) < 0)
		return -EFAULT;
	if ((si.code >= 0 || si.code == SI_TKILL) && pid != current->proc->pid)
		return -EPERM;
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	struct proc *pr = pid > 0 ? proc_by_pid(pid) : NULL;
	if (!pr || pr == init_proc || pr->zombie)
		return -ESRCH;
	struct k_siginfo k = {
		.signo = sig, .code = si.code, .errno_ = si.errno_,
		.pid = si.u.rt.pid, .uid = si.u.rt.uid, .value = si.u.rt.value,
	};
	if (sig)
		signal_send_proc(pr, &k);
	return 0;
}

/* rt_sigpending: the signals pending for the caller (its own and its
 * process's) that it blocks; sigsetsize up to 8 bytes of them. */
SYSCALL_DEFINE2(rt_sigpending, uintptr_t, uset, size_t, sigsetsize)
{
	if (sigsetsize > 8)
		return -EINVAL;
	uint64_t set = (current->pending | current->proc->pending) & current->blocked;
	if (copy_to_user(uset, &set, sigsetsize) < 0)
		return -EFAULT;
	return 0;
}

/* kill: pid > 0 one process, 0 the caller's group, -1 every process but
 * the caller, < -1 the group -pid (init never); sig 0 only checks. */
SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	struct k_siginfo si = { .signo = sig, .code = SI_USER, .pid = current->proc->pid };
	int found = 0;
	for (int p = 1; p <= 32768 && pid <= 0; p++) {
		struct proc *pr = proc_by_pid(p);
		if (!pr || pr == init_proc || pr->zombie)
			continue;
		if (pid == -1 ? pr == current->proc
			      : pr->pgid != (pid == 0 ? current->proc->pgid : -pid))
			continue;
		found = 1;
		if (sig)
			signal_send_proc(pr, &si);
	}
	if (pid > 0) {
		struct proc *pr = proc_by_pid(pid);
		if (!pr || pr == init_proc || pr->zombie)
			return -ESRCH;
		found = 1;
		if (sig)
			signal_send_proc(pr, &si);
	}
	return found ? 0 : -ESRCH;
}

/* tkill/tgkill: signal thread tid (of process tgid, if tgid > 0). */
static long
do_tkill(pid_t tgid, pid_t tid, int sig)
{
	if (tid <= 0)
		return -EINVAL;
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	struct task *t = task_by_tid(tid);
	if (!t || (tgid > 0 && t->proc->pid != tgid))
		return -ESRCH;
	if (sig) {
		struct k_siginfo si = { .signo = sig, .code = SI_TKILL, .pid = current->proc->pid };
		signal_send_task(t, &si);
	}
	return 0;
}

SYSCALL_DEFINE2(tkill, pid_t, pid, int, sig)
{
	return do_tkill(-1, pid, sig);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}
