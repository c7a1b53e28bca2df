/*
 * kernel/core/exit.c: thread and process exit, zombies, SIGCHLD to the
 * parent; the exit, exit_group, wait4 and waitid syscalls.  A process
 * becomes a zombie when its last thread is gone; the test's process ending
 * (and every task gone) powers the machine off, or starts a batch's next
 * test (main.c).
 */
#include "task.h"
#include "arch.h"
#include "boot.h"
#include "futex.h"
#include "kmalloc.h"
#include "lib.h"
#include "syscall.h"
#include "trace.h"
#include "vfs.h"
#include "vm.h"

struct proc *init_proc;        /* pid 1: adopts orphans and reaps them */
struct proc *test_proc;        /* the first user process */
static int test_status = -1;

/* Power off once the test has ended and no user task is left. */
static void
maybe_poweroff(void)
{
	if (test_status < 0 || task_count > 1)
		return;
	int st = test_status;
	char line[64];
	if ((st & 0x7f) == 0)
		ksnprintf(line, sizeof(line), "exit exited %d", (st >> 8) & 0xff);
	else
		ksnprintf(line, sizeof(line), "exit killed %s%s", signal_name(st & 0x7f),
			  (st & 0x80) ? " core" : "");
	trace_marker("%s", line);
	kernel_end_test((st & 0x7f) ? 128 + (st & 0x7f) : (st >> 8) & 0xff);
}

/* Free a zombie after its status was collected. */
static void
proc_reap(struct proc *p)
{
	struct proc **pp = &p->parent->children;
	for (; *pp; pp = &(*pp)->sibling)
		if (*pp == p) {
			*pp = p->sibling;
			break;
		}
	proc_put(p);
}

/* A child's si_code and si_status (SIGCHLD, waitid) from its exit status
 * word st: killed (dumped) by a signal, or exited with a code. */
static void
chld_status(struct k_siginfo *si, int st)
{
	if (st & 0x7f) {
		si->code = (st & 0x80) ? CLD_DUMPED : CLD_KILLED;
		si->status = st & 0x7f;
	} else {
		si->code = CLD_EXITED;
		si->status = (st >> 8) & 0xff;
	}
}

/* The last thread of p is gone: orphans to init, SIGCHLD, wake the waiter. */
static void
proc_become_zombie(struct proc *p)
{
	while (p->children) {
		struct proc *c = p->children;
		p->children = c->sibling;
		proc_add_child(init_proc, c);
		if (c->zombie)
			proc_reap(c);
	}
	p->zombie = 1;
	if (p == test_proc)
		test_status = p->exit_status;
	struct proc *parent = p->parent;
	if (parent == init_proc) {
		proc_reap(p);
		return;
	}
	int st = p->exit_status;
	struct task *pt = parent->leader;
	struct k_sigaction *ka = pt ? &pt->sighand->action[SIGCHLD] : NULL;
	int autoreap = ka && (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT)) &&
		       p->exit_signal == SIGCHLD;
	if (p->exit_signal && !(ka && ka->handler == SIG_IGN && p->exit_signal == SIGCHLD)) {
		struct k_siginfo si = { .signo = p->exit_signal, .pid = p->pid, .uid = p->uid };
		chld_status(&si, st);
		si.utime = p->utime;
		si.stime = p->stime;
		signal_send_proc(parent, &si);
	}
	wakeup(parent);
	if (autoreap)
		proc_reap(p);
}

void
task_exit(int status)
{
	struct task *t = current;
	struct proc *p = t->proc;
	if (status >= 0 && !p->group_exit)
		p->exit_status = status;
	/* CLONE_CHILD_CLEARTID: zero the tid word and wake a joiner */
	if (t->clear_child_tid && t->mm) {
		int zero = 0;
		if (mm_copy_out(t->mm, t->clear_child_tid, &zero, sizeof(zero)) == 0)
			futex_wake(t->mm, t->clear_child_tid, 1);
	}
	if (t->vfork_parent) {
		wake_task(t->vfork_parent);
		t->vfork_parent = NULL;
	}
	files_put(t->files);
	t->files = NULL;
	fs_put(t->fs);
	t->fs = NULL;
	sighand_put(t->sighand);
	t->sighand = NULL;
	/* closing files may have woken a reader (pipe EOF): let it run before
	 * the parent is notified, as a preemptible Linux does */
	if (need_resched())
		schedule();
	int last = --p->nthreads == 0;
	trace_exited(t, last ? p->exit_status : (status >= 0 ? status : p->exit_status));
	if (p->leader == t)
		p->leader = NULL;
	if (last)
		proc_become_zombie(p);
	t->state = TASK_DEAD;
	/* every task gone and the test finished: stop the machine */
	if (last && test_status >= 0)
		maybe_poweroff();
	schedule();
	panic("task_exit: dead task %d scheduled", t->tid);
}

void
proc_kill_others(struct task *self)
{
	struct k_siginfo si = { .signo = SIGKILL, .code = SI_KERNEL };
	for (struct task *t = all_tasks; t; t = t->next_all)
		if (t != self && t->proc == self->proc && t->state != TASK_DEAD)
			signal_send_task(t, &si);
}

void
proc_exit_group(int status)
{
	struct proc *p = current->proc;
	if (!p->group_exit) {
		p->group_exit = 1;
		p->exit_status = status;
	}
	proc_kill_others(current);
	task_exit(-1);
}

/* Does child c match the pid selector of wait4/waitid? */
static int
wait_match(struct proc *c, int pid, int options)
{
	if (pid > 0 && c->pid != pid)
		return 0;
	if (pid == 0 && c->pgid != current->proc->pgid)
		return 0;
	if (pid < -1 && c->pgid != -pid)
		return 0;
	if (options & __WALL)
		return 1;
	/* "clone" children (exit signal other than SIGCHLD) need __WCLONE */
	return (c->exit_signal != SIGCHLD) == !!(options & __WCLONE);
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	trace_syscall_noreturn(current);
	task_exit((error_code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	trace_syscall_noreturn(current);
	proc_exit_group((error_code & 0xff) << 8);
}

/* wait4: reap a zombie child matching upid; *stat_addr gets its status
 * word, *ru a zeroed rusage (no accounting). */
SYSCALL_DEFINE4(wait4, pid_t, upid, uintptr_t, stat_addr, int, options, uintptr_t, ru)
{
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	struct proc *me = current->proc;
	for (;;) {
		int any = 0;
		for (struct proc *c = me->children; c; c = c->sibling) {
			if (!wait_match(c, upid, options))
				continue;
			any = 1;
			if (!c->zombie)
				continue;
			int st = c->exit_status, cpid = c->pid;
			if (stat_addr && copy_to_user(stat_addr, &st, sizeof(st)) < 0)
				return -EFAULT;
			if (ru) {
				uint8_t kru[144];
				memset(kru, 0, sizeof(kru));
				if (copy_to_user(ru, kru, sizeof(kru)) < 0)
					return -EFAULT;
			}
			proc_reap(c);
			return cpid;
		}
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		/* a zombie found above wins over a pending signal, as in Linux */
		if (signal_pending(current))
			return -ERESTARTSYS;
		sleep_on(me, 1, 0);
	}
}

/* waitid's siginfo_t for zombie c, copied out to infop: 0 or -EFAULT. */
static int
wait_siginfo(struct proc *c, uintptr_t infop)
{
	struct k_siginfo si = { .signo = SIGCHLD, .pid = c->pid, .uid = c->uid };
	chld_status(&si, c->exit_status);
	struct siginfo64 buf;
	siginfo_fill(&buf, &si);
	return copy_to_user(infop, &buf, sizeof(buf));
}

/* waitid: wait4 for idtype which and id upid, the result as a siginfo_t
 * in *infop; ru is not written (no accounting). */
SYSCALL_DEFINE5(waitid, int, which, pid_t, upid, uintptr_t, infop, int, options, uintptr_t, ru)
{
	(void)ru;
	int pid;
	if (which == 0)           /* P_ALL */
		pid = -1;
	else if (which == 1)      /* P_PID */
		pid = upid;
	else if (which == 2)      /* P_PGID */
		pid = upid ? -upid : 0;
	else
		return -EINVAL;
	if (!(options & (WEXITED | WUNTRACED | WCONTINUED)))
		return -EINVAL;
	struct proc *me = current->proc;
	for (;;) {
		int any = 0;
		for (struct proc *c = me->children; c; c = c->sibling) {
			if (!wait_match(c, pid, options))
				continue;
			any = 1;
			if (!c->zombie || !(options & WEXITED))
				continue;
			if (infop && wait_siginfo(c, infop) < 0)
				return -EFAULT;
			if (!(options & WNOWAIT))
				proc_reap(c);
			return 0;
		}
		if (!any)
			return -ECHILD;
		if (options & WNOHANG) {
			if (infop) {
				uint8_t buf[128];
				memset(buf, 0, sizeof(buf));
				if (copy_to_user(infop, buf, sizeof(buf)) < 0)
					return -EFAULT;
			}
			return 0;
		}
		if (signal_pending(current))
			return -ERESTARTSYS;
		sleep_on(me, 1, 0);
	}
}
