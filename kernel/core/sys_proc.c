/*
 * kernel/core/sys_proc.c: process identity syscalls: pids and tids, process
 * groups and sessions, set_tid_address, set_robust_list, sched_yield.  fork
 * and clone are in clone.c, execve in exec.c, exit and wait in exit.c,
 * signals in signal.c, futex in futex.c.
 */
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "uapi.h"

SYSCALL_DEFINE0(getpid)
{
	return current->proc->pid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->tid;
}

SYSCALL_DEFINE0(getppid)
{
	struct proc *p = current->proc->parent;
	return p ? p->pid : 0;
}

SYSCALL_DEFINE1(set_tid_address, uintptr_t, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->tid;
}

/* set_robust_list: the list is not walked at exit; only len is checked. */
SYSCALL_DEFINE2(set_robust_list, uintptr_t, head, size_t, len)
{
	(void)head;
	return len != 24 ? -EINVAL : 0;
}

SYSCALL_DEFINE0(sched_yield)
{
	schedule();
	return 0;
}

/* The process pid names for the pgid/sid calls: 0 is the caller. */
static struct proc *
proc_arg(pid_t pid)
{
	struct proc *p = pid ? proc_by_pid(pid) : current->proc;
	return p == init_proc ? NULL : p;
}

SYSCALL_DEFINE1(getpgid, pid_t, pid)
{
	struct proc *p = proc_arg(pid);
	if (!p)
		return -ESRCH;
	return p->pgid;
}

#ifdef __NR_getpgrp
SYSCALL_DEFINE0(getpgrp)
{
	return current->proc->pgid;
}
#endif

SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid)
{
	if (pgid < 0)
		return -EINVAL;
	struct proc *p = proc_arg(pid);
	if (!p)
		return -ESRCH;
	p->pgid = pgid ? pgid : p->pid;
	return 0;
}

SYSCALL_DEFINE1(getsid, pid_t, pid)
{
	struct proc *p = proc_arg(pid);
	if (!p)
		return -ESRCH;
	return p->sid;
}

SYSCALL_DEFINE0(setsid)
{
	struct proc *p = current->proc;
	if (p->pgid == p->pid)
		return -EPERM;
	p->sid = p->pgid = p->pid;
	return p->pid;
}
