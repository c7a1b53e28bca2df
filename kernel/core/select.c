/*
 * kernel/core/select.c: poll, ppoll, select and pselect6 (Linux's
 * fs/select.c): scan the fds, sleep a tick at a time until one is ready,
 * the timeout passes or a signal comes.  poll leaves an interrupted wait
 * to restart_syscall; ppoll and pselect6 swap in their signal mask while
 * they wait, as rt_sigsuspend.
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

/* The events ready on f now (Linux's f_op->poll): a file without a poll
 * op (regular files, null, zero) is always readable and writable. */
static unsigned
file_poll(struct file *f)
{
	if (f->ops && f->ops->poll)
		return f->ops->poll(f);
	return POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM;
}

/* Fill each entry's revents: the events asked for that are ready, plus
 * POLLERR and POLLHUP always, POLLNVAL for a closed fd; the number of
 * entries with any. */
static long
poll_scan(void *ctx, unsigned int nfds)
{
	struct pollfd *p = ctx;
	long ready = 0;
	for (unsigned int i = 0; i < nfds; i++) {
		p[i].revents = 0;
		if (p[i].fd < 0)
			continue;
		struct file *f = fd_file(p[i].fd);
		if (!f)
			p[i].revents = POLLNVAL;
		else
			p[i].revents = (short)(file_poll(f) &
					       ((unsigned short)p[i].events | POLLERR | POLLHUP));
		if (p[i].revents)
			ready++;
	}
	return ready;
}

/*
 * Scan with scan(ctx, n) until it finds something ready (its count), end_ns
 * passes (0: never; 1 or any past end: scan once) or a signal is pending
 * (-ERESTARTNOHAND), in Linux's order (do_poll, do_select): a scan comes
 * first, so fds ready when a signal comes are still reported.  In between
 * it sleeps until poll_wake (a pipe changed) or a tick.  A negative count
 * from scan is returned as is.
 */
static long
wait_ready(long (*scan)(void *, unsigned int), void *ctx, unsigned int n, uint64_t end_ns)
{
	for (;;) {
		long ready = scan(ctx, n);
		uint64_t now = arch_time_ns();
		if (ready || (end_ns && now >= end_ns))
			return ready;
		if (signal_pending(current))
			return -ERESTARTNOHAND;
		uint64_t tick = 10000000ULL;
		sleep_on(&wait_ready, 1, end_ns && end_ns - now < tick ? end_ns - now : tick);
	}
}

void
poll_wake(void)
{
	wakeup(&wait_ready);
}

/* poll/ppoll: EINVAL for more fds than RLIMIT_NOFILE, then wait_ready
 * to end_ns (0: never; a past end: scan once), as Linux's do_sys_poll. */
static long
do_poll(uintptr_t ufds, unsigned int nfds, uint64_t end_ns)
{
	if (nfds > FD_MAX || nfds > current->proc->rlim[RLIMIT_NOFILE].cur)
		return -EINVAL;         /* Linux: more than RLIMIT_NOFILE */
	struct pollfd *p = kmalloc(nfds * sizeof(*p) + 1);
	if (!p)
		return -ENOMEM;
	long r;
	if (copy_from_user(p, ufds, nfds * sizeof(*p)) < 0) {
		r = -EFAULT;
		goto out;
	}
	r = wait_ready(poll_scan, p, nfds, end_ns);
	if (r >= 0 && copy_to_user(ufds, p, nfds * sizeof(*p)) < 0)
		r = -EFAULT;
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

/* The end of a wait of sec seconds and nsec nanoseconds from now into
 * *end (0 stays "no timeout" for the caller, a zero wait is 1: look
 * once); -EINVAL for a negative or out-of-range time. */
static int
timeout_end(int64_t sec, int64_t nsec, uint64_t *end)
{
	if (sec < 0 || nsec < 0 || nsec >= 1000000000)
		return -EINVAL;
	uint64_t ns = (uint64_t)sec * 1000000000ULL + (uint64_t)nsec;
	*end = ns ? arch_time_ns() + ns : 1;
	return 0;
}

/* timeout_end of the user timespec at tsp (copied into *ts, which the
 * caller writes the time left back into); none when tsp is NULL. */
static int
timeout_end_user(uintptr_t tsp, struct k_timespec *ts, uint64_t *end)
{
	if (!tsp)
		return 0;
	if (copy_from_user(ts, tsp, sizeof(*ts)) < 0)
		return -EFAULT;
	return timeout_end(ts->tv_sec, ts->tv_nsec, end);
}

/* The time left to end (0 once it has passed), in nanoseconds. */
static uint64_t
time_left(uint64_t end)
{
	uint64_t now = arch_time_ns();
	return end > now ? end - now : 0;
}

/* ppoll's and pselect6's sigmask: the mask while they wait, as
 * rt_sigsuspend's (0 or -EINVAL, -EFAULT; nothing changed then). */
static int
mask_swap_in(uintptr_t sigmask, size_t sigsetsize)
{
	uint64_t mask;
	if (!sigmask)
		return 0;
	if (sigsetsize != 8)
		return -EINVAL;
	if (copy_from_user(&mask, sigmask, sizeof(mask)) < 0)
		return -EFAULT;
	current->saved_mask = current->blocked;
	current->blocked = mask & ~SIG_UNBLOCKABLE;
	return 0;
}

/* After the wait: the old mask is kept for the handler's frame when a
 * signal ended it (-ERESTARTNOHAND), else put back at once. */
static void
mask_swap_out(uintptr_t sigmask, long r)
{
	if (sigmask && r == -ERESTARTNOHAND)
		current->has_saved_mask = 1;
	else if (sigmask)
		current->blocked = current->saved_mask;
}

/* ppoll: the timeout is a timespec (the time left goes back to it), and
 * sigmask (if given) is the mask while it waits. */
SYSCALL_DEFINE5(ppoll, uintptr_t, ufds, unsigned int, nfds, uintptr_t, tsp, uintptr_t, sigmask,
		size_t, sigsetsize)
{
	uint64_t end = 0;                /* 0: no timeout, 1: look once */
	struct k_timespec ts;
	int e;
	if ((e = timeout_end_user(tsp, &ts, &end)) < 0)
		return e;
	if ((e = mask_swap_in(sigmask, sigsetsize)) < 0)
		return e;
	long r = do_poll(ufds, nfds, end);
	if (tsp && end > 1) {
		/* the time left goes back to *tsp (a fault there is ignored) */
		uint64_t left = time_left(end);
		ts = (struct k_timespec){ (int64_t)(left / 1000000000ULL), (int64_t)(left % 1000000000ULL) };
		copy_to_user(tsp, &ts, sizeof(ts));
	}
	mask_swap_out(sigmask, r);
	return r;
}

/* ---- select and pselect6 ---- */

#define FDSET_WORDS (FD_MAX / 64)

/* select's three sets (in, out, ex) as they came and as they come back. */
struct fdsets {
	uint64_t in[3][FDSET_WORDS], out[3][FDSET_WORDS];
	int given[3];
};

/* Linux's POLLIN_SET, POLLOUT_SET, POLLEX_SET: what counts as ready for
 * each set */
static const unsigned select_events[3] = {
	POLLIN | POLLRDNORM | POLLHUP | POLLERR,
	POLLOUT | POLLWRNORM | POLLERR,
	POLLPRI,
};

static int
fd_isset(const uint64_t *set, int fd)
{
	return (set[fd / 64] >> (fd % 64)) & 1;
}

/* Mark in out[] the fds of in[] that are ready; the number of marks. */
static long
select_scan(void *ctx, unsigned int n)
{
	struct fdsets *s = ctx;
	long ready = 0;
	memset(s->out, 0, sizeof(s->out));
	for (unsigned int fd = 0; fd < n; fd++) {
		int want = 0;
		for (int k = 0; k < 3; k++)
			want |= fd_isset(s->in[k], (int)fd);
		if (!want)
			continue;
		struct file *f = fd_file((int)fd);
		unsigned m = f ? file_poll(f) : 0;
		for (int k = 0; k < 3; k++)
			if (fd_isset(s->in[k], (int)fd) && (m & select_events[k])) {
				s->out[k][fd / 64] |= 1ULL << (fd % 64);
				ready++;
			}
	}
	return ready;
}

/*
 * select's core (Linux's core_sys_select): nfds above the fd table's
 * size is cut to it; the sets are read (NULL: none), an fd in them that
 * is not open is EBADF, then wait_ready to end_ns; on success the ready
 * fds go back in the sets.
 */
static long
do_select(int nfds, const uintptr_t u[3], uint64_t end_ns)
{
	if (nfds < 0)
		return -EINVAL;
	unsigned int n = nfds > FD_MAX ? FD_MAX : (unsigned int)nfds;
	size_t bytes = (n + 63) / 64 * 8;
	struct fdsets *s = kzalloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	long r = 0;
	for (int k = 0; k < 3 && r == 0; k++) {
		s->given[k] = u[k] != 0;
		if (u[k] && copy_from_user(s->in[k], u[k], bytes) < 0)
			r = -EFAULT;
		if (n % 64)     /* bits at and above n are not looked at */
			s->in[k][n / 64] &= (1ULL << (n % 64)) - 1;
	}
	for (unsigned int fd = 0; r == 0 && fd < n; fd++)
		for (int k = 0; k < 3; k++)
			if (fd_isset(s->in[k], (int)fd) && !fd_file((int)fd))
				r = -EBADF;
	if (r == 0)
		r = wait_ready(select_scan, s, n, end_ns);
	for (int k = 0; r >= 0 && k < 3; k++)
		if (s->given[k] && copy_to_user(u[k], s->out[k], bytes) < 0)
			r = -EFAULT;
	kfree(s);
	return r;
}

#ifdef __NR_select
/* select: the timeout is a timeval; the time left goes back to it (a
 * fault there is ignored), also when a signal ends the wait. */
SYSCALL_DEFINE5(select, int, nfds, uintptr_t, inp, uintptr_t, outp, uintptr_t, exp,
		uintptr_t, tvp)
{
	uint64_t end = 0;
	struct k_timeval tv;
	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)) < 0)
			return -EFAULT;
		if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		int e = timeout_end(tv.tv_sec, tv.tv_usec * 1000, &end);
		if (e < 0)
			return e;
	}
	const uintptr_t u[3] = { inp, outp, exp };
	long r = do_select(nfds, u, end);
	if (tvp && r != -EFAULT && r != -EBADF && r != -EINVAL) {
		uint64_t left = end > 1 ? time_left(end) : 0;
		tv = (struct k_timeval){ (int64_t)(left / 1000000000ULL),
					 (int64_t)(left % 1000000000ULL / 1000) };
		copy_to_user(tvp, &tv, sizeof(tv));
	}
	return r;
}
#endif

/* pselect6: a timespec timeout (the time left goes back to it) and, in
 * the sixth argument, a pointer to { sigset pointer, sigset size }: the
 * mask while it waits (none when either pointer is NULL). */
SYSCALL_DEFINE6(pselect6, int, nfds, uintptr_t, inp, uintptr_t, outp, uintptr_t, exp,
		uintptr_t, tsp, uintptr_t, sig)
{
	uint64_t end = 0, data[2] = { 0, 0 };
	struct k_timespec ts;
	int e;
	if ((e = timeout_end_user(tsp, &ts, &end)) < 0)
		return e;
	if (sig && copy_from_user(data, sig, sizeof(data)) < 0)
		return -EFAULT;
	if ((e = mask_swap_in((uintptr_t)data[0], (size_t)data[1])) < 0)
		return e;
	const uintptr_t u[3] = { inp, outp, exp };
	long r = do_select(nfds, u, end);
	if (tsp && r != -EFAULT && r != -EBADF && r != -EINVAL) {
		uint64_t left = end > 1 ? time_left(end) : 0;
		ts = (struct k_timespec){ (int64_t)(left / 1000000000ULL), (int64_t)(left % 1000000000ULL) };
		copy_to_user(tsp, &ts, sizeof(ts));
	}
	mask_swap_out((uintptr_t)data[0], r);
	return r;
}
