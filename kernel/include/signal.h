/* kernel/include/signal.h: dispositions, pending sets, delivery. */
#ifndef SIGNAL_H
#define SIGNAL_H

#include "types.h"

struct task;
struct proc;

struct k_sigaction {
	uintptr_t handler;
	uint64_t flags;
	uintptr_t restorer;
	uint64_t mask;
};

struct k_siginfo {
	int signo, code, errno_;
	int pid, uid;               /* kill / SIGCHLD */
	int status;                 /* SIGCHLD */
	uintptr_t addr;             /* faults */
	long utime, stime;
	uint64_t value;             /* sigqueue's si_value */
};

/* Real-time signals queue every instance (Linux, up to RLIMIT_SIGPENDING):
 * the first pending one is in info[sig], the later ones wait here in
 * order; past SIGQUEUE_MAX they are dropped. */
#define SIGQUEUE_MAX 16
struct sigqueue {
	int n;
	struct k_siginfo q[SIGQUEUE_MAX];
};

/* The user's siginfo_t: one 128-byte layout on every 64-bit Linux arch. */
struct siginfo64 {
	int32_t signo, errno_, code, pad;
	union {
		struct { int32_t pid, uid, status, pad2; int64_t utime, stime; } chld;
		struct { int32_t pid, uid; } kill;
		struct { int32_t pid, uid; uint64_t value; } rt;     /* SI_QUEUE */
		struct { uint64_t addr; } fault;
		uint8_t raw[112];
	} u;
};

/* The user's stack_t (sigaltstack, ucontext's uc_stack): one layout on
 * every 64-bit Linux arch. */
struct k_stack {
	uint64_t ss_sp;
	int32_t ss_flags, pad;
	uint64_t ss_size;
};

/* Fill a user siginfo_t (128 bytes) from k. */
void siginfo_fill(struct siginfo64 *out, const struct k_siginfo *k);
/* Signal frames on the user stack (the layout: the arch's sigframe.h).
 * Push one for a handler; undo one in rt_sigreturn; the address of the
 * mask rt_sigreturn will restore.  0 or -EFAULT. */
struct trapframe;
int signal_frame_push(struct task *t, int sig, const struct k_sigaction *ka,
		      const struct k_siginfo *info, uint64_t old_mask);
int signal_frame_return(struct task *t, uint64_t *mask);
uintptr_t signal_frame_mask_addr(const struct trapframe *tf);

struct sighand {
	int refs;
	struct k_sigaction action[64 + 1];
};

#define SIGBIT(sig) (1UL << ((sig) - 1))
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

struct sighand *sighand_create(void);
struct sighand *sighand_copy(struct sighand *src);
void sighand_put(struct sighand *sh);
/* Queue a signal to a task (thread-directed) or a process (any thread). */
void signal_send_task(struct task *t, const struct k_siginfo *info);
void signal_send_proc(struct proc *p, const struct k_siginfo *info);
/* signal_pending(t), is there a deliverable signal for t (pending and not
 * blocked)?, is inline in task.h: every return to user mode asks it. */
/* Deliver pending signals on the way back to user mode. */
void signal_deliver(struct task *t);
const char *signal_name(int sig);
/* Default action of sig kills the process? core-dumping? */
int signal_default_kills(int sig);
int signal_default_core(int sig);
/* Reset handlers to default on execve (ignored ones stay ignored). */
void signal_exec_reset(struct task *t);

#endif
