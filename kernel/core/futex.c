/* kernel/core/futex.c: FUTEX_WAIT and FUTEX_WAKE and the futex syscall
 * (private and shared treated alike: one CPU, keys are the mm and the user
 * address). */
#include "futex.h"
#include "arch.h"
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "uapi.h"
#include "vm.h"

struct futex_key {
	struct mm *mm;
	uintptr_t addr;
};

/* Waiters sleep on their task with wchan = the futex_key on their stack. */
int
futex_wake(struct mm *mm, uintptr_t addr, int n)
{
	int woken = 0;
	for (struct task *t = all_tasks; t && woken < n; t = t->next_all) {
		if (t->state != TASK_SLEEPING || !t->wchan)
			continue;
		struct futex_key *k = t->futex_key;
		if (k && t->wchan == k && k->mm == mm && k->addr == addr) {
			t->futex_key = NULL;
			wake_task(t);
			woken++;
		}
	}
	return woken;
}

/*
 * Wake up to nwake waiters on addr, then move up to nrequeue of the others
 * to addr2 (their key's address changes; they sleep on where they were):
 * the number woken plus the number moved, as Linux's futex_requeue.
 */
static long
futex_requeue(struct mm *mm, uintptr_t addr, int nwake, int nrequeue, uintptr_t addr2)
{
	long count = futex_wake(mm, addr, nwake);
	for (struct task *t = all_tasks; t && nrequeue > 0; t = t->next_all) {
		if (t->state != TASK_SLEEPING || !t->wchan)
			continue;
		struct futex_key *k = t->futex_key;
		if (k && t->wchan == k && k->mm == mm && k->addr == addr) {
			k->addr = addr2;
			nrequeue--;
			count++;
		}
	}
	return count;
}

static int futex_wait_until(uintptr_t addr, uint32_t val, uint64_t end_ns);

/* restart_syscall after an interrupted timed wait: wait on to the same end. */
static long
futex_wait_restart(struct restart_block *rb)
{
	return futex_wait_until(rb->uaddr, rb->val, rb->end_ns);
}

/* Wait on addr while it holds val, until end_ns (0: no timeout).  A
 * signal ends it with -ERESTARTSYS, or for a timed wait with
 * -ERESTART_RESTARTBLOCK and the rest of the wait left to restart_syscall
 * (Linux's futex_wait). */
static int
futex_wait_until(uintptr_t addr, uint32_t val, uint64_t end_ns)
{
	uint32_t cur;
	if (addr & 3)
		return -EINVAL;
	if (copy_from_user(&cur, addr, sizeof(cur)) < 0)
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	uint64_t now = arch_time_ns();
	if (end_ns && now >= end_ns)
		return -ETIMEDOUT;
	struct futex_key k = { current->mm, addr };
	current->futex_key = &k;
	int r = sleep_on(&k, 1, end_ns ? end_ns - now : 0);
	int woken = current->futex_key == NULL;
	current->futex_key = NULL;
	if (r == -ETIMEDOUT)
		return r;
	if (!(r == -EINTR || (!woken && signal_pending(current))))
		return 0;
	if (!end_ns)
		return -ERESTARTSYS;
	current->restart = (struct restart_block){
		.fn = futex_wait_restart, .nr = __NR_futex, .end_ns = end_ns, .uaddr = addr, .val = val,
	};
	return -ERESTART_RESTARTBLOCK;
}

int
futex_wait(uintptr_t addr, uint32_t val, uint64_t timeout_ns)
{
	return futex_wait_until(addr, val, timeout_ns ? arch_time_ns() + timeout_ns : 0);
}

/* FUTEX_REQUEUE and FUTEX_CMP_REQUEUE (which first checks *uaddr == val3):
 * nr_requeue is the timeout argument read as an int. */
static long
futex_requeue_cmd(int cmd, uintptr_t uaddr, uint32_t val, uintptr_t utime, uintptr_t uaddr2,
		  uint32_t val3)
{
	int nwake = (int)val, nrequeue = (int)utime;
	if (nwake < 0 || nrequeue < 0 || (uaddr & 3) || (uaddr2 & 3))
		return -EINVAL;
	if (cmd == FUTEX_CMP_REQUEUE) {
		uint32_t cur;
		if (copy_from_user(&cur, uaddr, sizeof(cur)) < 0)
			return -EFAULT;
		if (cur != val3)
			return -EAGAIN;
	}
	return futex_requeue(current->mm, uaddr, nwake, nrequeue, uaddr2);
}

/* futex: WAIT and WAKE and their BITSET forms (the bitset only has to be
 * nonzero: every waiter matches), REQUEUE and CMP_REQUEUE; other ops are
 * ENOSYS. */
SYSCALL_DEFINE6(futex, uintptr_t, uaddr, int, op, uint32_t, val, uintptr_t, utime,
		uintptr_t, uaddr2, uint32_t, val3)
{
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET: {
		uint64_t ns = 0;
		if (cmd == FUTEX_WAIT_BITSET && val3 == 0)
			return -EINVAL;
		if (utime) {
			struct k_timespec ts;
			if (copy_from_user(&ts, utime, sizeof(ts)) < 0)
				return -EFAULT;
			if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
				return -EINVAL;
			ns = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
			if (cmd == FUTEX_WAIT_BITSET) {
				/* absolute time */
				uint64_t now = arch_time_ns();
				if (op & FUTEX_CLOCK_REALTIME)
					now += arch_boot_epoch() * 1000000000ULL;
				ns = ns > now ? ns - now : 1;
			}
			if (ns == 0)
				ns = 1;
		}
		return futex_wait(uaddr, val, ns);
	}
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		if (cmd == FUTEX_WAKE_BITSET && val3 == 0)
			return -EINVAL;
		if (uaddr & 3)
			return -EINVAL;
		return futex_wake(current->mm, uaddr, (int)MIN(val, 0x7fffffffU));
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
		return futex_requeue_cmd(cmd, uaddr, val, utime, uaddr2, val3);
	default:
		return -ENOSYS;
	}
}
