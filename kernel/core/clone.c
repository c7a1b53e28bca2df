/*
 * kernel/core/clone.c: fork, vfork, clone and clone3 fill one struct
 * clone_req and call do_clone(), after the argument checks Linux makes (in
 * the order it makes them, so the errno matches).  do_clone is shaped as
 * Linux's kernel_clone and copy_process: one copy_* step per part of a task
 * that CLONE_* flags share or copy, then the arch's copy_thread.
 */
#include "task.h"
#include "arch.h"
#include "kmalloc.h"
#include "lib.h"
#include "syscall.h"
#include "trace.h"
#include "uapi.h"
#include "vfs.h"
#include "vm.h"

/* Flag checks shared by clone and clone3 (Linux: copy_process). */
static int
clone_check_flags(uint64_t flags)
{
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && (flags & (CLONE_NEWUSER | CLONE_NEWPID)))
		return -EINVAL;
	if ((flags & CLONE_PIDFD) && (flags & (CLONE_DETACHED | CLONE_THREAD)))
		return -EINVAL;
	return 0;
}

/* A new process led by t: a child of the caller's process (of its parent
 * with CLONE_PARENT), with the caller's credentials, limits, process group
 * and session.  NULL when memory is exhausted. */
static struct proc *
proc_new_child(struct task *t, const struct clone_req *req)
{
	struct proc *me = current->proc;
	struct proc *p = proc_alloc(t->tid);
	if (!p)
		return NULL;
	proc_add_child((req->flags & CLONE_PARENT) ? me->parent : me, p);
	p->exit_signal = req->exit_signal;
	memcpy(p->rlim, me->rlim, sizeof(p->rlim));
	memcpy(p->exe, me->exe, sizeof(p->exe));
	p->pgid = me->pgid;
	p->sid = me->sid;
	p->uid = me->uid;
	p->euid = me->euid;
	p->suid = me->suid;
	p->gid = me->gid;
	p->egid = me->egid;
	p->leader = t;
	return p;
}

/* Can this clone be made at all?  The flag checks, namespaces (not built
 * in, as in a small Linux config), and RLIMIT_NPROC: tasks of this user, not
 * enforced for root (Linux counts until the task is reaped). */
static int
clone_allowed(uint64_t flags)
{
	int r = clone_check_flags(flags);
	if (r < 0)
		return r;
	if (flags & (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC |
		     CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET))
		return -EINVAL;
	struct proc *me = current->proc;
	if (me->uid != 0 && user_task_count(me->uid) >= me->rlim[RLIMIT_NPROC].cur)
		return -EAGAIN;
	return 0;
}

/* The address space: CLONE_VM shares it, else a copy-on-write copy. */
static int
copy_mm(uint64_t flags, struct task *t)
{
	if (flags & CLONE_VM) {
		t->mm = current->mm;
		t->mm->refs++;
		return 0;
	}
	t->mm = mm_fork(current->mm);
	return t->mm ? 0 : -ENOMEM;
}

/* The fd table: CLONE_FILES shares it, else a copy. */
static int
copy_files(uint64_t flags, struct task *t)
{
	if (flags & CLONE_FILES) {
		t->files = current->files;
		t->files->refs++;
		return 0;
	}
	t->files = files_copy(current->files);
	return t->files ? 0 : -ENOMEM;
}

/* cwd and umask: CLONE_FS shares them, else a copy. */
static int
copy_fs(uint64_t flags, struct task *t)
{
	if (flags & CLONE_FS) {
		t->fs = current->fs;
		t->fs->refs++;
		return 0;
	}
	t->fs = fs_copy(current->fs);
	return t->fs ? 0 : -ENOMEM;
}

/* The signal handlers: CLONE_SIGHAND shares them, else a copy, which
 * CLONE_CLEAR_SIGHAND resets to default (ignored ones stay ignored). */
static int
copy_sighand(uint64_t flags, struct task *t)
{
	if (flags & CLONE_SIGHAND) {
		t->sighand = current->sighand;
		t->sighand->refs++;
		return 0;
	}
	if (!(t->sighand = sighand_copy(current->sighand)))
		return -ENOMEM;
	if (flags & CLONE_CLEAR_SIGHAND)
		for (int i = 1; i <= NSIG; i++)
			if (t->sighand->action[i].handler != SIG_IGN)
				memset(&t->sighand->action[i], 0, sizeof(t->sighand->action[i]));
	return 0;
}

static const struct file_ops pidfd_ops = { 0 };
static struct inode pidfd_inode = { .mode = 0600, .ino = 4001, .nlink = 1, .refs = 1 };

/* CLONE_PIDFD: a pidfd in the caller's fd table, its number written to
 * req->pidfd (Linux: pidfd_prepare).  0 or -errno. */
static int
copy_pidfd(const struct clone_req *req)
{
	struct file *pf = kzalloc(sizeof(*pf));
	if (!pf)
		return -ENOMEM;
	pf->refs = 1;
	pf->ops = &pidfd_ops;
	pf->ino = &pidfd_inode;
	pidfd_inode.refs++;
	pf->flags = O_RDWR;
	int pidfd = fd_install(current->files, pf, 0, 1);
	if (pidfd < 0) {
		file_put(pf);
		return pidfd;
	}
	if (copy_to_user(req->pidfd, &pidfd, sizeof(pidfd)) < 0) {
		fd_close(current->files, pidfd);
		return -EFAULT;
	}
	return 0;
}

/* The process: CLONE_THREAD joins the caller's, else a new child process
 * (Linux: copy_signal and the thread-group links). */
static int
copy_proc(const struct clone_req *req, struct task *t)
{
	if (req->flags & CLONE_THREAD)
		t->proc = current->proc;
	else if (!(t->proc = proc_new_child(t, req)))
		return -ENOMEM;
	t->proc->nthreads++;
	return 0;
}

/* Fill the new task t from the caller, step by step as Linux's
 * copy_process; 0 or -errno, with what was taken left in t for
 * clone_undo. */
static int
copy_process(const struct clone_req *req, struct task *t)
{
	uint64_t flags = req->flags;
	int r;
	if ((r = copy_mm(flags, t)) < 0 || (r = copy_files(flags, t)) < 0 ||
	    (r = copy_fs(flags, t)) < 0 || (r = copy_sighand(flags, t)) < 0)
		return r;
	if ((flags & CLONE_PIDFD) && (r = copy_pidfd(req)) < 0)
		return r;
	if ((r = copy_proc(req, t)) < 0)
		return r;
	t->blocked = current->blocked;
	if ((flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM) {
		/* a thread starts without an alternate stack; fork keeps it */
		t->sas_sp = current->sas_sp;
		t->sas_size = current->sas_size;
		t->sas_flags = current->sas_flags;
	}
	/* as under strace -f: an untraced task's children are untraced too */
	t->untraced = current->untraced || (flags & CLONE_UNTRACED);
	memcpy(t->comm, current->comm, sizeof(t->comm));
	arch_copy_thread(t, req);
	if (flags & CLONE_PARENT_SETTID)
		copy_to_user(req->parent_tid, &t->tid, sizeof(t->tid));
	if (flags & CLONE_CHILD_SETTID)
		mm_copy_out(t->mm, req->child_tid, &t->tid, sizeof(t->tid));
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = req->child_tid;
	rseq_fork(t, current, flags);
	return 0;
}

/* Undo what copy_process took; the task never ran. */
static void
clone_undo(struct task *t)
{
	if (t->mm)
		mm_put(t->mm);
	t->mm = NULL;
	files_put(t->files);
	fs_put(t->fs);
	sighand_put(t->sighand);
	t->state = TASK_DEAD;
	task_free(t);
}

/* CLONE_VFORK: the caller sleeps until the child execs or exits (the child
 * clears vfork_parent then), or its own process is exiting. */
static void
clone_wait_vfork(struct task *t, int tid)
{
	struct task *me = current;
	t->vfork_parent = me;
	while (task_by_tid(tid) == t && t->vfork_parent == me && !me->proc->group_exit)
		sleep_on(&t->vfork_parent, 0, 0);
}

/* Make the task req asks for (Linux: kernel_clone); its tid or -errno. */
long
do_clone(const struct clone_req *req)
{
	int r = clone_allowed(req->flags);
	if (r < 0)
		return r;
	struct task *t = task_alloc();
	if (!t)
		return -EAGAIN;
	if ((r = copy_process(req, t)) < 0) {
		clone_undo(t);
		return r;
	}
	arch_task_init(t);
	sched_add(t);
	int tid = t->tid;
	if (req->flags & CLONE_VFORK)
		clone_wait_vfork(t, tid);
	return tid;
}

#ifdef __NR_fork
SYSCALL_DEFINE0(fork_)
{
	struct clone_req req = { .exit_signal = SIGCHLD };
	return do_clone(&req);
}
#endif

#ifdef __NR_vfork
SYSCALL_DEFINE0(vfork_)
{
	struct clone_req req = { .flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD };
	return do_clone(&req);
}
#endif

/* clone(flags, sp, ptid, ctid, tls) on x86_64; the arch's order is in abi.h. */
SYSCALL_DEFINE5(clone_, uint64_t, flags, uintptr_t, sp, uintptr_t, ptid, uintptr_t, a3,
		uintptr_t, a4)
{
	struct clone_req req;
	memset(&req, 0, sizeof(req));
	uintptr_t ctid = ABI_CLONE_ARGS_TLS_LAST ? a3 : a4;
	uintptr_t tls = ABI_CLONE_ARGS_TLS_LAST ? a4 : a3;
	req.flags = flags & ~(uint64_t)CSIGNAL & 0xffffffffULL;
	req.flags &= ~(uint64_t)CLONE_DETACHED;     /* ignored by clone() */
	req.exit_signal = (int)(flags & CSIGNAL);
	req.stack = sp;
	req.parent_tid = ptid;
	req.child_tid = ctid;
	req.tls = tls;
	/* legacy clone returns the pidfd through parent_tid */
	req.pidfd = ptid;
	if ((req.flags & CLONE_PIDFD) && (req.flags & CLONE_PARENT_SETTID))
		return -EINVAL;
	return do_clone(&req);
}

/* Read struct clone_args of this size from user memory, with the checks
 * Linux's copy_clone_args_from_user makes: size (EINVAL below the first
 * version, E2BIG above a page), bytes past the struct we know (nonzero:
 * E2BIG), then set_tid, exit_signal and cgroup.  0 or -errno. */
static int
clone3_args_from_user(struct k_clone_args *a, uintptr_t uargs, size_t size)
{
	memset(a, 0, sizeof(*a));
	if (size > PAGE_SIZE)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	if (size > sizeof(*a)) {
		uint8_t rest[256];
		for (size_t off = sizeof(*a); off < size; off += sizeof(rest)) {
			size_t n = MIN(sizeof(rest), size - off);
			if (copy_from_user(rest, uargs + off, n) < 0)
				return -EFAULT;
			for (size_t i = 0; i < n; i++)
				if (rest[i])
					return -E2BIG;
		}
	}
	if (copy_from_user(a, uargs, MIN(size, sizeof(*a))) < 0)
		return -EFAULT;
	if (a->set_tid_size > 32)
		return -EINVAL;
	if (!a->set_tid && a->set_tid_size > 0)
		return -EINVAL;
	if (a->set_tid && a->set_tid_size == 0)
		return -EINVAL;
	if ((a->exit_signal & ~(uint64_t)CSIGNAL) || a->exit_signal > NSIG)
		return -EINVAL;
	if ((a->flags & CLONE_INTO_CGROUP) && (a->cgroup > 0x7fffffff || size < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	return 0;
}

/* The stack is none (0, 0) or a range inside user space (Linux:
 * clone3_stack_valid). */
static bool
clone3_stack_valid(const struct k_clone_args *a)
{
	if (a->stack == 0)
		return a->stack_size == 0;
	return a->stack_size != 0 && a->stack + a->stack_size >= a->stack &&
	       a->stack + a->stack_size <= ABI_USER_TOP;
}

/* The flag combinations clone3 refuses that clone allows or ignores
 * (Linux: clone3_args_valid). */
static bool
clone3_args_valid(const struct k_clone_args *a)
{
	if (a->flags & ~(0xffffffffULL | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
		return false;
	if (a->flags & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
		return false;
	if ((a->flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) == (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
		return false;
	if ((a->flags & (CLONE_THREAD | CLONE_PARENT)) && a->exit_signal)
		return false;
	return clone3_stack_valid(a);
}

/* set_tid: the first tid must be free (EEXIST); choosing it is not
 * supported beyond this check (EINVAL).  0 when none is asked for. */
static int
clone3_set_tid(const struct k_clone_args *a)
{
	int want;
	if (!a->set_tid_size)
		return 0;
	if (copy_from_user(&want, a->set_tid, sizeof(want)) < 0)
		return -EFAULT;
	if (want <= 0)
		return -EINVAL;
	if (task_by_tid(want) || proc_by_pid(want))
		return -EEXIST;
	return -EINVAL;
}

SYSCALL_DEFINE2(clone3_, uintptr_t, uargs, size_t, size)
{
	struct k_clone_args a;
	int r = clone3_args_from_user(&a, uargs, size);
	if (r < 0)
		return r;
	if (!clone3_args_valid(&a))
		return -EINVAL;
	if (a.flags & CLONE_INTO_CGROUP)
		return -EINVAL;     /* no cgroups here */
	struct clone_req req;
	memset(&req, 0, sizeof(req));
	req.flags = a.flags;
	req.exit_signal = (int)a.exit_signal;
	req.stack = a.stack ? a.stack + a.stack_size : 0;
	req.parent_tid = a.parent_tid;
	req.child_tid = a.child_tid;
	req.tls = a.tls;
	req.pidfd = a.pidfd;
	if ((r = clone3_set_tid(&a)) < 0)
		return r;
	return do_clone(&req);
}
