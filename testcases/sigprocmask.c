// @desc: rt_sigprocmask: a blocked signal stays pending and its handler does not run; unblocking delivers it before the call returns; SIGKILL and SIGSTOP cannot be blocked; SIG_SETMASK, the old set, EINVAL for a bad how or sigsetsize, EFAULT for a bad set
// @timeout: 10
// @expect: sigprocmask: blocked: handler ran 0 times, SIGUSR1 pending
// @expect: sigprocmask: unblocked: handler ran 1 times, nothing pending
// @expect: sigprocmask: SIGKILL and SIGSTOP stay unblocked
// @expect: sigprocmask: SIG_SETMASK old set has SIGUSR2: yes
// @expect: sigprocmask: how 3: EINVAL
// @expect: sigprocmask: sigsetsize 4: EINVAL
// @expect: sigprocmask: set at address 1: EFAULT
// @expect: sigprocmask: oldset at address 1: EFAULT
// @expect: sigprocmask: bad how with NULL set: 0
#include "tdiff_test.h"

#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int handled;

static void
on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/* mask_raw: rt_sigprocmask as the kernel sees it (musl checks how itself). */
static long
mask_raw(long how, long set, long old, long size)
{
	return raw_syscall6(SYS_rt_sigprocmask, how, set, old, size, 0, 0);
}

static const char *
result(long r)
{
	return r == 0 ? "0" : errname((int)-r);
}

int
main(void)
{
	sigset_t set, old, pend;

	signal(SIGUSR1, on_usr1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	sigpending(&pend);
	say("sigprocmask: blocked: handler ran %d times, SIGUSR1 %s\n", handled,
	    sigismember(&pend, SIGUSR1) ? "pending" : "NOT pending");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	sigpending(&pend);
	say("sigprocmask: unblocked: handler ran %d times, %s\n", handled,
	    sigismember(&pend, SIGUSR1) ? "SIGUSR1 still pending" : "nothing pending");

	/* blocking everything leaves SIGKILL and SIGSTOP out */
	unsigned long all = ~0UL, got = 0;
	mask_raw(SIG_SETMASK, (long)&all, 0, 8);
	mask_raw(SIG_SETMASK, 0, (long)&got, 8);
	say("sigprocmask: SIGKILL and SIGSTOP %s\n",
	    (got & (1UL << (SIGKILL - 1))) || (got & (1UL << (SIGSTOP - 1))) ? "BLOCKED" : "stay unblocked");

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_SETMASK, &set, NULL);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, &old);
	say("sigprocmask: SIG_SETMASK old set has SIGUSR2: %s\n", sigismember(&old, SIGUSR2) ? "yes" : "no");

	unsigned long one = 1UL << (SIGUSR2 - 1);
	say("sigprocmask: how 3: %s\n", result(mask_raw(3, (long)&one, 0, 8)));
	say("sigprocmask: sigsetsize 4: %s\n", result(mask_raw(SIG_BLOCK, (long)&one, 0, 4)));
	say("sigprocmask: set at address 1: %s\n", result(mask_raw(SIG_BLOCK, 1, 0, 8)));
	say("sigprocmask: oldset at address 1: %s\n", result(mask_raw(SIG_BLOCK, (long)&one, 1, 8)));
	say("sigprocmask: bad how with NULL set: %s\n", result(mask_raw(99, 0, (long)&got, 8)));
	return 0;
}
