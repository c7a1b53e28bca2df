/*
 * kernel/core/signal.c: signal generation and delivery.  Like a traced task
 * under Linux, every unblocked signal is reported (`--- SIG... ---`) when it is
 * dequeued, then its disposition applies: ignore, kill (with or without
 * core), or run the handler on a signal frame pushed here (the layout and
 * the registers in it are the arch's: sigframe.h, arch_sigframe_*).
 */
#include "signal.h"
#include "arch.h"
#include "kmalloc.h"
#include "lib.h"
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
			si->u.kill.pid = in->pid;
			si->u.kill.uid = in->uid;
		}
	}
}

/* Push a signal frame for handler ka on t's user stack and point t's
 * registers at the handler (the arch lays out and fills its registers;
 * this fills what every arch's frame has).  0, or -EFAULT when the frame
 * cannot be written. */
int
signal_frame_push(struct task *t, int sig, const struct k_sigaction *ka,
		  const struct k_siginfo *info, uint64_t old_mask)
{
	struct rt_sigframe f;
	uintptr_t frame = arch_sigframe_place(t->tf, sizeof(f));
	memset(&f, 0, sizeof(f));
	siginfo_fill(&f.info, info);
	f.uc.uc_stack.ss_flags = SS_DISABLE;        /* no alternate stack */
	f.uc.sigmask = old_mask;
	if (arch_sigframe_save(t, &f, ka, info) < 0 || copy_to_user(frame, &f, sizeof(f)) < 0)
		return -EFAULT;
	arch_sigframe_enter(t, ka, sig, frame);
	return 0;
}

/* rt_sigreturn: restore t's registers from the frame its handler returned
 * with, and give the mask to restore in *mask.  0 or -EFAULT. */
int
signal_frame_return(struct task *t, uint64_t *mask)
{
	struct rt_sigframe f;
	if (copy_from_user(&f, arch_sigframe_find(t->tf), sizeof(f)) < 0)
		return -EFAULT;
	if (arch_sigframe_restore(t, &f) < 0)
		return -EFAULT;
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

void
signal_send_task(struct task *t, const struct k_siginfo *info)
{
	int sig = info->signo;
	if (sig < 1 || sig > NSIG || t->state == TASK_DEAD)
		return;
	if (!(t->pending & SIGBIT(sig)) || sig >= SIGRTMIN) {
		t->pending |= SIGBIT(sig);
		t->info[sig] = *info;
	}
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
	if (!(p->pending & SIGBIT(sig))) {
		p->pending |= SIGBIT(sig);
		p->info[sig] = *info;
	}
	/* wake one thread that does not block it */
	for (struct task *t = all_tasks; t; t = t->next_all)
		if (t->proc == p && t->state != TASK_DEAD && !(t->blocked & SIGBIT(sig))) {
			signal_kick(t, sig);
			break;
		}
}

int
signal_pending(struct task *t)
{
	if (t->proc->group_exit)
		return 1;
	return ((t->pending | t->proc->pending) & ~t->blocked) != 0;
}

/* Take the lowest deliverable signal: thread-directed first. */
static int
dequeue(struct task *t, struct k_siginfo *info)
{
	uint64_t mine = t->pending & ~t->blocked;
	uint64_t shared = t->proc->pending & ~t->blocked;
	if (mine) {
		int sig = __builtin_ctzl(mine) + 1;
		t->pending &= ~SIGBIT(sig);
		*info = t->info[sig];
		return sig;
	}
	if (shared) {
		int sig = __builtin_ctzl(shared) + 1;
		t->proc->pending &= ~SIGBIT(sig);
		*info = t->proc->info[sig];
		return sig;
	}
	return 0;
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
		return;     /* one handler frame per return to user mode */
	}
}
