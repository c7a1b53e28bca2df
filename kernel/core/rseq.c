/*
 * kernel/core/rseq.c: restartable sequences (rseq), as Linux 6.1 has them
 * on one CPU.  A task registers a struct rseq (32 bytes, 32-aligned) and a
 * signature; the kernel keeps its cpu_id_start and cpu_id up to date (here
 * always 0) and, when the task was preempted or gets a signal inside the
 * critical section its rseq_cs names, moves it to the section's abort_ip
 * (whose preceding 4 bytes must hold the signature).  glibc 2.36 registers
 * every thread at startup and reads cpu_id for sched_getcpu.
 */
#include "arch.h"
#include "lib.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "trace.h"
#include "uapi.h"
#include "vm.h"

#define RSEQ_SIZE 32                    /* Linux 6.1's sizeof(struct rseq) */
#define RSEQ_FLAG_UNREGISTER 1
#define RSEQ_CPU_ID_UNINITIALIZED ((uint32_t)-1)

struct k_rseq {
	uint32_t cpu_id_start;
	uint32_t cpu_id;
	uint64_t rseq_cs;
	uint32_t flags;
};

struct k_rseq_cs {
	uint32_t version;
	uint32_t flags;
	uint64_t start_ip;
	uint64_t post_commit_offset;
	uint64_t abort_ip;
};

/* rseq_write_cpu: cpu_id_start and cpu_id of t's area; 0 or -EFAULT. */
static int
rseq_write_cpu(struct task *t, uint32_t cpu)
{
	uint32_t ids[2] = { cpu, cpu };

	return copy_to_user(t->rseq, ids, sizeof(ids));
}

/*
 * rseq_fixup_cs: the critical section of t's rseq_cs: if the interrupted
 * pc lies in it, continue at abort_ip.  rseq_cs is cleared either way, as
 * Linux does.  0, or -1 for a bad descriptor or area (the task gets SIGSEGV).
 */
static int
rseq_fixup_cs(struct task *t, struct trapframe *tf)
{
	uint64_t csp, zero = 0;
	struct k_rseq_cs cs;
	uint32_t sig;
	uintptr_t pc = arch_tf_pc(tf);

	if (copy_from_user(&csp, t->rseq + 8, sizeof(csp)) < 0)
		return -1;
	if (!csp)
		return 0;
	if (copy_from_user(&cs, csp, sizeof(cs)) < 0 || cs.version != 0 ||
	    cs.start_ip + cs.post_commit_offset < cs.start_ip ||
	    (cs.abort_ip >= cs.start_ip && cs.abort_ip < cs.start_ip + cs.post_commit_offset))
		return -1;
	if (pc < cs.start_ip || pc - cs.start_ip >= cs.post_commit_offset)
		return copy_to_user(t->rseq + 8, &zero, sizeof(zero)) < 0 ? -1 : 0;
	if (copy_from_user(&sig, cs.abort_ip - 4, sizeof(sig)) < 0 || sig != t->rseq_sig)
		return -1;
	if (copy_to_user(t->rseq + 8, &zero, sizeof(zero)) < 0)
		return -1;
	arch_tf_set_pc(tf, cs.abort_ip);
	return 0;
}

void
rseq_handle(struct task *t, struct trapframe *tf)
{
	if (!t->rseq || !t->rseq_resume)
		return;
	t->rseq_resume = 0;
	if (rseq_fixup_cs(t, tf) < 0 || rseq_write_cpu(t, 0) < 0) {
		trace_event("fault %d pc=0x%lx addr=0x%lx sig=SIGSEGV code=SI_KERNEL cause=bad-rseq",
			    t->tid, arch_tf_pc(tf), t->rseq);
		proc_exit_group(SIGSEGV);
	}
}

void
rseq_fork(struct task *child, const struct task *parent, unsigned long flags)
{
	/* a thread (CLONE_VM) registers its own; a forked child keeps its parent's */
	child->rseq = (flags & CLONE_VM) ? 0 : parent->rseq;
	child->rseq_sig = (flags & CLONE_VM) ? 0 : parent->rseq_sig;
	child->rseq_resume = child->rseq != 0;
}

/*
 * rseq(rseq, rseq_len, flags, sig): Linux 6.1's checks in its order:
 * unregister needs the same area, length and signature; a second
 * registration of the same area is EBUSY, of another EINVAL; an area
 * must be 32-aligned and 32 bytes long.
 */
SYSCALL_DEFINE4(rseq, uintptr_t, rseq, uint32_t, rseq_len, int, flags, uint32_t, sig)
{
	struct task *t = current;

	if (flags & RSEQ_FLAG_UNREGISTER) {
		uint32_t ids[2] = { RSEQ_CPU_ID_UNINITIALIZED, RSEQ_CPU_ID_UNINITIALIZED };

		if (flags & ~RSEQ_FLAG_UNREGISTER)
			return -EINVAL;
		if (!t->rseq || t->rseq != rseq || rseq_len != RSEQ_SIZE)
			return -EINVAL;
		if (t->rseq_sig != sig)
			return -EPERM;
		ids[0] = 0;     /* Linux resets cpu_id_start to 0, cpu_id to -1 */
		if (copy_to_user(t->rseq, ids, sizeof(ids)) < 0)
			return -EFAULT;
		t->rseq = 0;
		t->rseq_sig = 0;
		return 0;
	}
	if (flags)
		return -EINVAL;
	if (t->rseq) {
		if (t->rseq != rseq || rseq_len != RSEQ_SIZE)
			return -EINVAL;
		if (t->rseq_sig != sig)
			return -EPERM;
		return -EBUSY;
	}
	if ((rseq & (RSEQ_SIZE - 1)) || rseq_len != RSEQ_SIZE)
		return -EINVAL;
	if (rseq + rseq_len < rseq || rseq + rseq_len > USER_TOP)
		return -EFAULT;         /* Linux's access_ok: below the user top only */
	t->rseq = rseq;
	t->rseq_sig = sig;
	t->rseq_resume = 1;     /* cpu_id is written on the way back to user mode */
	return 0;
}
