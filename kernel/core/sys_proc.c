/* kernel/core/sys_proc.c: process, signal and futex syscalls. */
#include "arch.h"
#include "exec.h"
#include "futex.h"
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "trace.h"
#include "uapi.h"
#include "vfs.h"
#include "vm.h"

extern struct proc *init_proc;

long
sys_execve_(const long *a)
{
	return sys_execve((uintptr_t)a[0], (uintptr_t)a[1], (uintptr_t)a[2]);
}

long
sys_exit(const long *a)
{
	trace_syscall_noreturn(current);
	task_exit(((int)a[0] & 0xff) << 8);
}

long
sys_exit_group(const long *a)
{
	trace_syscall_noreturn(current);
	proc_exit_group(((int)a[0] & 0xff) << 8);
}

long
sys_wait4(const long *a)
{
	return do_wait4((int)a[0], (uintptr_t)a[1], (int)a[2], (uintptr_t)a[3]);
}

long
sys_waitid(const long *a)
{
	return do_waitid((int)a[0], (int)a[1], (uintptr_t)a[2], (int)a[3]);
}

SYSCALL_DEFINE0(getpid)
{
	return current->proc->pid;
}

long sys_gettid(const long *a) { (void)a; return current->tid; }

long
sys_getppid(const long *a)
{
	(void)a;
	struct proc *p = current->proc->parent;
	return p ? p->pid : 0;
}

long
sys_set_tid_address(const long *a)
{
	current->clear_child_tid = (uintptr_t)a[0];
	return current->tid;
}

long
sys_set_robust_list(const long *a)
{
	return a[1] != 24 ? -EINVAL : 0;
}

long
sys_futex(const long *a)
{
	return do_futex((uintptr_t)a[0], (int)a[1], (uint32_t)a[2], (uintptr_t)a[3],
			(uintptr_t)a[4], (uint32_t)a[5]);
}

long
sys_rt_sigaction(const long *a)
{
	int sig = (int)a[0];
	if (a[3] != 8)
		return -EINVAL;
	if (sig < 1 || sig > NSIG)
		return -EINVAL;
	struct abi_sigaction sa;
	if (a[1]) {
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
		if (copy_from_user(&sa, (uintptr_t)a[1], sizeof(sa)) < 0)
			return -EFAULT;
	}
	struct k_sigaction *ka = &current->sighand->action[sig];
	if (a[2]) {
		struct abi_sigaction old;
		memset(&old, 0, sizeof(old));
		old.handler = ka->handler;
		old.flags = ka->flags;
		old.mask = ka->mask;
		abi_sigaction_set_restorer(&old, ka->restorer);
		if (copy_to_user((uintptr_t)a[2], &old, sizeof(old)) < 0)
			return -EFAULT;
	}
	if (a[1]) {
		ka->handler = sa.handler;
		ka->flags = sa.flags;
		ka->restorer = abi_sigaction_restorer(&sa);
		ka->mask = sa.mask & ~SIG_UNBLOCKABLE;
		/* setting SIG_IGN discards a pending signal */
		if (ka->handler == SIG_IGN || (ka->handler == SIG_DFL && !signal_default_kills(sig))) {
			if (ka->handler == SIG_IGN) {
				current->pending &= ~SIGBIT(sig);
				current->proc->pending &= ~SIGBIT(sig);
			}
		}
	}
	return 0;
}

long
sys_rt_sigprocmask(const long *a)
{
	if (a[3] != 8)
		return -EINVAL;
	uint64_t old = current->blocked;
	if (a[1]) {
		uint64_t set;
		if (copy_from_user(&set, (uintptr_t)a[1], sizeof(set)) < 0)
			return -EFAULT;
		set &= ~SIG_UNBLOCKABLE;
		switch (a[0]) {
		case SIG_BLOCK: current->blocked |= set; break;
		case SIG_UNBLOCK: current->blocked &= ~set; break;
		case SIG_SETMASK: current->blocked = set; break;
		default: return -EINVAL;
		}
	}
	if (a[2] && copy_to_user((uintptr_t)a[2], &old, sizeof(old)) < 0)
		return -EFAULT;
	return 0;
}

long
sys_rt_sigreturn(const long *a)
{
	(void)a;
	uint64_t mask;
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

long
sys_rt_sigsuspend(const long *a)
{
	if (a[1] != 8)
		return -EINVAL;
	uint64_t set;
	if (copy_from_user(&set, (uintptr_t)a[0], sizeof(set)) < 0)
		return -EFAULT;
	current->saved_mask = current->blocked;
	current->has_saved_mask = 1;
	current->blocked = set & ~SIG_UNBLOCKABLE;
	while (!signal_pending(current))
		sleep_on(&current->saved_mask, 1, 0);
	return -ERESTARTNOHAND;
}

long
sys_pause(const long *a)
{
	(void)a;
	while (!signal_pending(current))
		sleep_on(&current->saved_mask, 1, 0);
	return -ERESTARTNOHAND;
}

long
sys_sigaltstack(const long *a)
{
	if (a[1]) {
		uint8_t ss[24];
		memset(ss, 0, sizeof(ss));
		*(int32_t *)(ss + 8) = 2;    /* SS_DISABLE */
		if (copy_to_user((uintptr_t)a[1], ss, sizeof(ss)) < 0)
			return -EFAULT;
	}
	return 0;
}

long
sys_kill(const long *a)
{
	int pid = (int)a[0], sig = (int)a[1];
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

static long
do_tkill(int tgid, int tid, int sig)
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

long
sys_tkill(const long *a)
{
	return do_tkill(-1, (int)a[0], (int)a[1]);
}

long
sys_tgkill(const long *a)
{
	if ((int)a[0] <= 0)
		return -EINVAL;
	return do_tkill((int)a[0], (int)a[1], (int)a[2]);
}

long
sys_sched_yield(const long *a)
{
	(void)a;
	schedule();
	return 0;
}

long
sys_getpgid(const long *a)
{
	struct proc *p = a[0] ? proc_by_pid((int)a[0]) : current->proc;
	if (!p || p == init_proc)
		return -ESRCH;
	return p->pgid;
}

long
sys_getpgrp(const long *a)
{
	(void)a;
	return current->proc->pgid;
}

long
sys_setpgid(const long *a)
{
	if (a[1] < 0)
		return -EINVAL;
	struct proc *p = a[0] ? proc_by_pid((int)a[0]) : current->proc;
	if (!p || p == init_proc)
		return -ESRCH;
	p->pgid = a[1] ? (int)a[1] : p->pid;
	return 0;
}

long
sys_getsid(const long *a)
{
	struct proc *p = a[0] ? proc_by_pid((int)a[0]) : current->proc;
	if (!p || p == init_proc)
		return -ESRCH;
	return p->sid;
}

long
sys_setsid(const long *a)
{
	(void)a;
	struct proc *p = current->proc;
	if (p->pgid == p->pid)
		return -EPERM;
	p->sid = p->pgid = p->pid;
	return p->pid;
}
