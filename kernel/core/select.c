/*
 * kernel/core/select.c: poll and ppoll (Linux's fs/select.c): scan the
 * fds, sleep a tick at a time until one is ready, the timeout passes or
 * a signal comes.  poll leaves an interrupted wait to restart_syscall,
 * ppoll swaps in its signal mask while it waits, as rt_sigsuspend.
 */
#include "arch.h"
#include "kmalloc.h"
#include "lib.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "uapi.h"
#include "vfs.h"
#include "vm.h"

struct pollfd {
	int fd;
	short events, revents;
};

/* Fill each entry's revents (files here are always writable, readable per
 * poll_read; POLLNVAL for a closed fd); the number of entries with any. */
static long
poll_scan(struct pollfd *p, unsigned int nfds)
{
	long ready = 0;
	for (unsigned int i = 0; i < nfds; i++) {
		p[i].revents = 0;
		if (p[i].fd < 0)
			continue;
		struct file *f = fd_file(p[i].fd);
		if (!f) {
			p[i].revents = 0x20;   /* POLLNVAL */
		} else {
			if ((p[i].events & 1) && (!f->ops->poll_read || f->ops->poll_read(f)))
				p[i].revents |= 1;
			if (p[i].events & 4)
				p[i].revents |= 4;
		}
		if (p[i].revents)
			ready++;
	}
	return ready;
}

/* poll/ppoll: scan, then sleep a tick at a time until something is ready,
 * end_ns passes (0: never; a past end: scan once) or a signal comes
 * (-ERESTARTNOHAND, as Linux's do_sys_poll). */
static long
do_poll(uintptr_t ufds, unsigned int nfds, uint64_t end_ns)
{
	if (nfds > FD_MAX)
		return -EINVAL;
	struct pollfd *p = kmalloc(nfds * sizeof(*p) + 1);
	if (!p)
		return -ENOMEM;
	long r;
	if (copy_from_user(p, ufds, nfds * sizeof(*p)) < 0) {
		r = -EFAULT;
		goto out;
	}
	for (;;) {
		long ready = poll_scan(p, nfds);
		uint64_t now = arch_time_ns();
		if (ready || (end_ns && now >= end_ns)) {
			r = copy_to_user(ufds, p, nfds * sizeof(*p)) < 0 ? -EFAULT : ready;
			goto out;
		}
		/* sleep a tick (or to the end) and look again */
		uint64_t tick = 10000000ULL;
		int s = sleep_on(&do_poll, 1, end_ns && end_ns - now < tick ? end_ns - now : tick);
		if (s == -EINTR || signal_pending(current)) {
			r = -ERESTARTNOHAND;
			goto out;
		}
	}
out:
	kfree(p);
	return r;
}

#ifdef __NR_poll
static long poll_until(uintptr_t ufds, unsigned int nfds, uint64_t end_ns);

/* restart_syscall after an interrupted poll: poll on to the same end. */
static long
poll_restart(struct restart_block *rb)
{
	return poll_until(rb->uaddr, rb->val, rb->end_ns);
}

/* poll to end_ns (0: no timeout); a signal leaves the rest of the wait
 * to restart_syscall (-ERESTART_RESTARTBLOCK), as Linux's poll. */
static long
poll_until(uintptr_t ufds, unsigned int nfds, uint64_t end_ns)
{
	long r = do_poll(ufds, nfds, end_ns);
	if (r != -ERESTARTNOHAND)
		return r;
	current->restart = (struct restart_block){
		.fn = poll_restart, .nr = __NR_poll, .end_ns = end_ns, .uaddr = ufds, .val = nfds,
	};
	return -ERESTART_RESTARTBLOCK;
}

SYSCALL_DEFINE3(poll, uintptr_t, ufds, unsigned int, nfds, int, timeout_msecs)
{
	uint64_t end = 0;                /* 0: no timeout, 1: look once */
	if (timeout_msecs >= 0)
		end = timeout_msecs ? arch_time_ns() + (uint64_t)timeout_msecs * 1000000ULL : 1;
	return poll_until(ufds, nfds, end);
}
#endif

/* ppoll: the timeout is a timespec, and sigmask (if given) is the mask
 * while it waits, as rt_sigsuspend's: kept for the handler's frame when
 * a signal ends the wait (-ERESTARTNOHAND), else put back at once. */
SYSCALL_DEFINE5(ppoll, uintptr_t, ufds, unsigned int, nfds, uintptr_t, tsp, uintptr_t, sigmask,
		size_t, sigsetsize)
{
	uint64_t end = 0, mask;          /* 0: no timeout, 1: look once */
	struct k_timespec ts;
	if (tsp) {
		if (copy_from_user(&ts, tsp, sizeof(ts)) < 0)
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		uint64_t ns = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
		end = ns ? arch_time_ns() + ns : 1;
	}
	if (sigmask) {
		if (sigsetsize != 8)
			return -EINVAL;
		if (copy_from_user(&mask, sigmask, sizeof(mask)) < 0)
			return -EFAULT;
		current->saved_mask = current->blocked;
		current->blocked = mask & ~SIG_UNBLOCKABLE;
	}
	long r = do_poll(ufds, nfds, end);
	if (tsp && end > 1) {
		/* the time left goes back to *tsp (a fault there is ignored) */
		uint64_t now = arch_time_ns(), left = end > now ? end - now : 0;
		ts = (struct k_timespec){ (int64_t)(left / 1000000000ULL), (int64_t)(left % 1000000000ULL) };
		copy_to_user(tsp, &ts, sizeof(ts));
	}
	if (sigmask && r == -ERESTARTNOHAND)
		current->has_saved_mask = 1;
	else if (sigmask)
		current->blocked = current->saved_mask;
	return r;
}
