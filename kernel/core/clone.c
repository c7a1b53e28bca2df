/*
 * kernel/core/clone.c: fork, vfork, clone and clone3 fill one struct
 * clone_req and call do_clone(), after the argument checks Linux makes (in
 * the order it makes them, so the errno matches).
 */
#include "task.h"
#include "arch.h"
#include "kmalloc.h"
#include "lib.h"
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

static const struct file_ops pidfd_ops = { 0 };
static struct inode pidfd_inode = { .mode = 0600, .ino = 4001, .nlink = 1, .refs = 1 };

long
do_clone(const struct clone_req *req)
{
	uint64_t flags = req->flags;
	int r = clone_check_flags(flags);
	if (r < 0)
		return r;
	/* namespaces are not built in, as in a small Linux config */
	if (flags & (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC |
		     CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET))
		return -EINVAL;
	struct task *me = current;
	/* RLIMIT_NPROC: tasks of this user, not enforced for root (Linux
	 * counts until the task is reaped) */
	if (me->proc->uid != 0 &&
	    user_task_count(me->proc->uid) >= me->proc->rlim[RLIMIT_NPROC].cur)
		return -EAGAIN;
	struct task *t = task_alloc();
	if (!t)
		return -EAGAIN;
	r = -ENOMEM;
	if (flags & CLONE_VM) {
		t->mm = me->mm;
		t->mm->refs++;
	} else if (!(t->mm = mm_fork(me->mm)))
		goto fail;
	if (flags & CLONE_FILES) {
		t->files = me->files;
		t->files->refs++;
	} else if (!(t->files = files_copy(me->files)))
		goto fail;
	if (flags & CLONE_FS) {
		t->fs = me->fs;
		t->fs->refs++;
	} else if (!(t->fs = fs_copy(me->fs)))
		goto fail;
	if (flags & CLONE_SIGHAND) {
		t->sighand = me->sighand;
		t->sighand->refs++;
	} else if (!(t->sighand = sighand_copy(me->sighand)))
		goto fail;
	if (flags & CLONE_CLEAR_SIGHAND)
		for (int i = 1; i <= NSIG; i++)
			if (t->sighand->action[i].handler != SIG_IGN)
				memset(&t->sighand->action[i], 0, sizeof(t->sighand->action[i]));
	int pidfd = -1;
	struct file *pf = NULL;
	if (flags & CLONE_PIDFD) {
		pf = kzalloc(sizeof(*pf));
		if (!pf)
			goto fail;
		pf->refs = 1;
		pf->ops = &pidfd_ops;
		pf->ino = &pidfd_inode;
		pidfd_inode.refs++;
		pf->flags = O_RDWR;
		pidfd = fd_install(me->files, pf, 0, 1);
		if (pidfd < 0) {
			file_put(pf);
			r = pidfd;
			goto fail;
		}
		if (copy_to_user(req->pidfd, &pidfd, sizeof(pidfd)) < 0) {
			fd_close(me->files, pidfd);
			r = -EFAULT;
			goto fail;
		}
	}
	if (flags & CLONE_THREAD) {
		t->proc = me->proc;
	} else if (!(t->proc = proc_new_child(t, req))) {
		goto fail;
	}
	t->proc->nthreads++;
	t->blocked = me->blocked;
	memcpy(t->comm, me->comm, sizeof(t->comm));
	arch_copy_thread(t->tf, me->tf, req->stack, 0, 0);
	arch_task_fork(t, me);
	if (flags & CLONE_SETTLS)
		arch_set_tls(t, req->tls);
	if (flags & CLONE_PARENT_SETTID)
		copy_to_user(req->parent_tid, &t->tid, sizeof(t->tid));
	if (flags & CLONE_CHILD_SETTID)
		mm_copy_out(t->mm, req->child_tid, &t->tid, sizeof(t->tid));
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = req->child_tid;
	arch_task_init(t);
	sched_add(t);
	int tid = t->tid;
	if (flags & CLONE_VFORK) {
		t->vfork_parent = me;
		/* the child clears vfork_parent when it execs or exits */
		while (task_by_tid(tid) == t && t->vfork_parent == me && !me->proc->group_exit)
			sleep_on(&t->vfork_parent, 0, 0);
	}
	return tid;
fail:
	/* undo what was taken; the task never ran */
	if (t->mm)
		mm_put(t->mm);
	t->mm = NULL;
	files_put(t->files);
	fs_put(t->fs);
	sighand_put(t->sighand);
	t->state = TASK_DEAD;
	task_free(t);
	return r;
}

long
sys_fork(void)
{
	struct clone_req req = { .exit_signal = SIGCHLD };
	return do_clone(&req);
}

long
sys_vfork(void)
{
	struct clone_req req = { .flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD };
	return do_clone(&req);
}

/* clone(flags, sp, ptid, ctid, tls) on x86_64; the arch's order is in abi.h. */
long
sys_clone(uint64_t flags, uintptr_t sp, uintptr_t ptid, uintptr_t a3, uintptr_t a4)
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

long
sys_clone3(uintptr_t uargs, size_t size)
{
	struct k_clone_args a;
	memset(&a, 0, sizeof(a));
	if (size > PAGE_SIZE)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	if (size > sizeof(a)) {
		/* bytes past the struct we know must be zero */
		uint8_t rest[256];
		for (size_t off = sizeof(a); off < size; off += sizeof(rest)) {
			size_t n = MIN(sizeof(rest), size - off);
			if (copy_from_user(rest, uargs + off, n) < 0)
				return -EFAULT;
			for (size_t i = 0; i < n; i++)
				if (rest[i])
					return -E2BIG;
		}
	}
	if (copy_from_user(&a, uargs, MIN(size, sizeof(a))) < 0)
		return -EFAULT;
	if (a.set_tid_size > 32)
		return -EINVAL;
	if (!a.set_tid && a.set_tid_size > 0)
		return -EINVAL;
	if (a.set_tid && a.set_tid_size == 0)
		return -EINVAL;
	if ((a.exit_signal & ~(uint64_t)CSIGNAL) || a.exit_signal > NSIG)
		return -EINVAL;
	if ((a.flags & CLONE_INTO_CGROUP) && (a.cgroup > 0x7fffffff || size < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	/* clone3_args_valid */
	if (a.flags & ~(0xffffffffULL | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
		return -EINVAL;
	if (a.flags & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
		return -EINVAL;
	if ((a.flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) == (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
		return -EINVAL;
	if ((a.flags & (CLONE_THREAD | CLONE_PARENT)) && a.exit_signal)
		return -EINVAL;
	if (a.stack == 0) {
		if (a.stack_size)
			return -EINVAL;
	} else {
		if (a.stack_size == 0 || a.stack + a.stack_size < a.stack ||
		    a.stack + a.stack_size > ABI_USER_TOP)
			return -EINVAL;
	}
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
	if (a.set_tid_size) {
		int want;
		if (copy_from_user(&want, a.set_tid, sizeof(want)) < 0)
			return -EFAULT;
		if (want <= 0)
			return -EINVAL;
		if (task_by_tid(want) || proc_by_pid(want))
			return -EEXIST;
		/* choosing the tid is not supported beyond this check */
		return -EINVAL;
	}
	return do_clone(&req);
}
