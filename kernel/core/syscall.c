/*
 * kernel/core/syscall.c: the way into the kernel from user mode — the
 * syscall table and dispatch (with tracing and restart of interrupted
 * calls), user faults, the timer, and the work done on every return to user
 * mode.
 */
#include "arch.h"
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "trace.h"
#include "trap.h"
#include "uapi.h"
#include "vfs.h"
#include "vm.h"

/* The syscall table, one entry per row of the syscall list (syscalls.def):
 * handler, decoder and return style, indexed by this arch's numbers. */
static const struct syscall_desc syscall_table[] = {
#define SYSCALL(name, handler, decoder, rv) [__NR_##name] = { handler, decoder, rv },
#include "syscall_list.h"
#undef SYSCALL
};

/* Every syscall name of this arch's <asm/unistd.h>, implemented or not. */
static const char *const syscall_names[] = {
#include "sysnames.h"
};

const struct syscall_desc *
syscall_lookup(long nr)
{
	if (nr < 0 || (unsigned long)nr >= ARRAY_SIZE(syscall_table) || !syscall_table[nr].fn)
		return NULL;
	return &syscall_table[nr];
}

const char *
syscall_name(long nr)
{
	if (nr < 0 || (unsigned long)nr >= ARRAY_SIZE(syscall_names))
		return NULL;
	return syscall_names[nr];
}

/* What a pending signal will do to an interrupted syscall: the handler's
 * action, or NULL when no handler will run. */
static const struct k_sigaction *
next_handler(struct task *t)
{
	uint64_t p = (t->pending | t->proc->pending) & ~t->blocked;
	if (!p)
		return NULL;
	int sig = __builtin_ctzl(p) + 1;
	const struct k_sigaction *ka = &t->sighand->action[sig];
	if (ka->handler == SIG_DFL || ka->handler == SIG_IGN)
		return NULL;
	return ka;
}

/* Turn the kernel-internal restart codes into a restart or -EINTR. */
static void
syscall_restart(struct trapframe *tf, long nr, long ret)
{
	const struct k_sigaction *ka = next_handler(current);
	int restart = 0;
	switch (-ret) {
	case ERESTARTNOINTR:
		restart = 1;
		break;
	case ERESTARTSYS:
		restart = !ka || (ka->flags & SA_RESTART);
		break;
	case ERESTARTNOHAND:
	case ERESTART_RESTARTBLOCK:
		restart = !ka;
		break;
	}
	if (restart && !current->proc->group_exit)
		/* ERESTART_RESTARTBLOCK resumes through restart_syscall, which
		 * runs the restart block the call left (Linux's order) */
		arch_syscall_restart(tf, -ret == ERESTART_RESTARTBLOCK ? __NR_restart_syscall : nr);
	else
		arch_syscall_set_ret(tf, -EINTR);
}

/* return_work: something to do on the way back to user mode (a task to
 * switch to, a signal, an rseq area to update); the common syscall has none
 * and returns without trap_return_to_user's loop. */
static inline int
return_work(const struct task *t)
{
	return need_resched() || signal_pending(t) || (t->rseq && t->rseq_resume);
}

/* syscall_exit_slow: the way out of a call when tracing is on or the call
 * is to be restarted (kept apart: the common way is syscall_entry's) */
static void __attribute__((noinline))
syscall_exit_slow(struct trapframe *tf, struct task *t, long nr, long ret)
{
	if (t->sc_nr >= 0 && trace_enabled) {
		/* dying of SIGKILL (its own kill, another thread's exit_group):
		 * a traced Linux task makes no syscall-exit stop, so strace
		 * prints "= ?" */
		if (t->proc->group_exit)
			trace_syscall_noreturn(t);
		else
			trace_syscall_exit(t, ret);
	}
	t->sc_nr = -1;
	if (ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK)
		syscall_restart(tf, nr, ret);
	else
		arch_syscall_set_ret(tf, ret);
}

void
syscall_entry(struct trapframe *tf)
{
	struct task *t = current;
	long nr = arch_syscall_nr(tf);
	arch_syscall_args(tf, t->sc_args);
	t->sc_nr = nr;
	t->sc_entry_done = 0;
	if (trace_enabled)
		trace_syscall_enter(t);
	const struct syscall_desc *d = syscall_lookup(nr);
	long ret = d ? d->fn(t->sc_args) : -ENOSYS;
	if (trace_enabled || (ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK)) {
		syscall_exit_slow(tf, t, nr, ret);
	} else {
		t->sc_nr = -1;
		arch_syscall_set_ret(tf, ret);
	}
	if (return_work(t))
		trap_return_to_user(tf);
}

void
trap_return_to_user(struct trapframe *tf)
{
	struct task *t = current;
	for (;;) {
		if (need_resched()) {
			schedule();
			t->rseq_resume = 1;     /* preempted: rseq's section aborts */
		}
		if (!signal_pending(t))
			break;
		/* as Linux's rseq_signal_deliver: before the frame saves the pc */
		t->rseq_resume = 1;
		rseq_handle(t, tf);
		signal_deliver(t);
		if (!need_resched())
			break;
	}
	rseq_handle(t, tf);
}

void
trap_user_fault(struct trapframe *tf, int sig, int code, uintptr_t addr, const char *cause)
{
	struct task *t = current;
	trace_event("fault %d pc=0x%lx addr=0x%lx sig=%s code=%s cause=%s", t->tid,
		    arch_tf_pc(tf), addr, signal_name(sig),
		    code == SEGV_MAPERR && sig == SIGSEGV ? "SEGV_MAPERR"
		    : code == SEGV_ACCERR && sig == SIGSEGV ? "SEGV_ACCERR"
		    : code == SI_KERNEL ? "SI_KERNEL" : "OTHER", cause);
	struct k_siginfo si = { .signo = sig, .code = code, .addr = addr };
	/* a fault while the signal is blocked or ignored kills (force_sig) */
	if ((t->blocked & SIGBIT(sig)) || t->sighand->action[sig].handler == SIG_IGN) {
		t->blocked &= ~SIGBIT(sig);
		t->sighand->action[sig].handler = SIG_DFL;
	}
	signal_send_task(t, &si);
}

void
trap_page_fault(struct trapframe *tf, uintptr_t addr, unsigned access, int present)
{
	int code;
	(void)present;
	int r = vm_fault(current->mm, addr, access, &code);
	if (r == 0)
		return;
	if (r == -ENOMEM) {
		/* out of memory while faulting: Linux's OOM killer would pick us */
		trace_event("fault %d pc=0x%lx addr=0x%lx sig=SIGKILL code=SI_KERNEL cause=out-of-memory",
			    current->tid, arch_tf_pc(tf), addr);
		struct k_siginfo si = { .signo = SIGKILL, .code = SI_KERNEL };
		signal_send_task(current, &si);
		return;
	}
	trap_user_fault(tf, SIGSEGV, code, addr,
			access & PT_W ? "write" : access & PT_X ? "exec" : "read");
}

void
trap_timer_tick(int from_user)
{
	(void)from_user;
	timer_tick();
}

void
trap_console_input(int c)
{
	tty_input(c);
}
