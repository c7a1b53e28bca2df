/* kernel/include/task.h: processes (thread groups), tasks (threads), the
 * scheduler and sleeping. */
#ifndef TASK_H
#define TASK_H

#include "types.h"
#include "arch.h"
#include "signal.h"
#include "uapi.h"

struct mm;
struct files;
struct fs_struct;

#define KSTACK_SIZE 16384
#define TASK_MAX 128               /* fork beyond this fails with EAGAIN */

enum task_state { TASK_RUNNABLE, TASK_SLEEPING, TASK_DEAD };

/* A process: what the threads of one thread group share besides mm/files. */
struct proc {
	int pid;                    /* = tgid */
	int refs;                   /* tasks + parent's child link */
	struct proc *parent;
	struct proc *children, *sibling;
	int nthreads;
	int zombie;                 /* all threads gone, waiting to be reaped */
	int exit_status;            /* wait4 encoding */
	int exit_signal;            /* sent to the parent at exit (0: none) */
	int group_exit;             /* exit_group / fatal signal in progress */
	uint64_t pending;           /* process-wide pending signals */
	struct k_siginfo info[64 + 1];
	struct sigqueue rtq;        /* real-time signals past the first */
	struct task *leader;
	struct task *vfork_waiter;
	long utime, stime;
	struct k_rlimit rlim[RLIM_NLIMITS];
	int pgid, sid;
	int uid, euid, suid, gid, egid;
	int nprocs_counted;         /* counted in the uid's process total */
	int not_dumpable;           /* prctl(PR_SET_DUMPABLE, 0) */
	unsigned membarrier_registered; /* membarrier's REGISTER_* commands made */
	char exe[256];              /* the program's path, symlinks resolved: /proc/self/exe */
};

/* What restart_syscall resumes when an -ERESTART_RESTARTBLOCK call was
 * interrupted by a signal that ran no handler (Linux's restart_block). */
struct restart_block {
	long (*fn)(struct restart_block *rb);  /* NULL: restart_syscall is EINTR */
	long nr;                    /* the interrupted syscall (the tracer names it) */
	uint64_t end_ns;            /* nanosleep, futex: when the wait ends */
	uintptr_t urem;             /* nanosleep: where the remainder goes */
	uintptr_t uaddr;            /* futex: the word waited on */
	uint32_t val;               /* futex: its expected value */
};

struct task {
	int tid;
	enum task_state state;
	struct proc *proc;
	struct mm *mm;
	struct files *files;
	struct fs_struct *fs;
	struct sighand *sighand;
	uint64_t blocked, pending;
	/* what every syscall touches first, where small offsets reach it */
	/* tracer state */
	long sc_nr;                 /* syscall in progress, -1 none */
	long sc_args[6];
	int sc_entry_done;          /* decoder printed everything at entry */
	int untraced;               /* CLONE_UNTRACED (or its parent's): never traced */
	int sc_interrupted;         /* its line was cut by another task's output */
	uintptr_t rseq;             /* registered struct rseq (core/rseq.c), 0 = none */
	uint32_t rseq_sig;          /* its abort signature */
	int rseq_resume;            /* update it on the way back to user mode */
	struct k_siginfo info[64 + 1];
	struct sigqueue rtq;        /* real-time signals past the first */
	uint64_t saved_mask;        /* restored after a handler-less rt_sigsuspend */
	int has_saved_mask;
	struct restart_block restart;
	uintptr_t sas_sp;           /* the alternate signal stack (sigaltstack) */
	size_t sas_size;            /* 0: none */
	uint32_t sas_flags;         /* SS_AUTODISARM as given */
	void *kstack;
	struct trapframe *tf;       /* user registers, at the top of kstack */
	struct arch_context arch;
	uintptr_t clear_child_tid;
	struct task *vfork_parent;  /* sleeping until we exec or exit */
	void *wchan;                /* what it sleeps on */
	void *futex_key;            /* set while in FUTEX_WAIT */
	int interruptible;
	uint64_t wake_at;           /* timeout (ns), 0 = none */
	int timed_out;
	struct task *next_all;      /* all tasks */
	struct task *rq_next;       /* run queue */
	int on_rq;
	char comm[16];
};

/* Is there a deliverable signal for t (pending and not blocked), or is its
 * process exiting? */
static inline int
signal_pending(const struct task *t)
{
	return t->proc->group_exit || ((t->pending | t->proc->pending) & ~t->blocked) != 0;
}

/* rseq (core/rseq.c): on the way back to user mode after registration,
 * preemption or a signal: cpu_id, and a critical section's abort. */
struct trapframe;
void rseq_handle(struct task *t, struct trapframe *tf);
/* A child of clone(flags) keeps the parent's rseq unless CLONE_VM. */
void rseq_fork(struct task *child, const struct task *parent, unsigned long flags);

extern struct task *current;
extern struct task *all_tasks;
extern int task_count;

void sched_init(void);
struct task *task_alloc(void);         /* kstack, tid; NULL at TASK_MAX or ENOMEM */
void task_free(struct task *t);
struct task *task_by_tid(int tid);
struct proc *proc_alloc(int pid);
struct proc *proc_by_pid(int pid);
void proc_put(struct proc *p);
/* Make c the youngest child of parent (the tail of its list, as Linux). */
void proc_add_child(struct proc *parent, struct proc *c);
uint64_t user_task_count(int uid);
void sched_add(struct task *t);
void schedule(void);                   /* run another task (may return at once) */
void sched_start(void) __attribute__((noreturn));
/* Sleep on chan until wakeup(chan) (or a signal, when interruptible).
 * -EINTR at once if interruptible and a signal is already pending; else 0
 * after waking, or -ETIMEDOUT.  timeout_ns 0 = forever.  Callers loop:
 * check their condition, then sleep again. */
int sleep_on(void *chan, int interruptible, uint64_t timeout_ns);
void wakeup(void *chan);
void wake_task(struct task *t);
void timer_tick(void);
/* need_resched: the running task should give the CPU to a runnable one;
 * inline, since every return to user mode asks (sched.c keeps the flag) */
extern int sched_need_resched;
static inline int
need_resched(void)
{
	return sched_need_resched;
}

/* exit.c */
void task_exit(int status) __attribute__((noreturn));     /* this thread */
void proc_exit_group(int status) __attribute__((noreturn));
void proc_kill_others(struct task *t);
extern struct proc *init_proc;    /* pid 1: adopts orphans */

/* clone.c */
struct clone_req {
	uint64_t flags;
	int exit_signal;
	uintptr_t stack;            /* new sp (already stack + size), 0 = same */
	uintptr_t parent_tid, child_tid, tls;
	uintptr_t pidfd;
};
long do_clone(const struct clone_req *req);

#endif
