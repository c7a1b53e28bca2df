// @desc: rt_sigsuspend: a signal already pending under the old mask is delivered at once, one sent later wakes the caller; both return EINTR after the handler and restore the old mask; a signal the temporary mask blocks does not wake it; EINVAL for a bad sigsetsize, EFAULT for a bad mask
// @timeout: 10
// @expect: sigsuspend: pending before: EINTR, handler saw SIGUSR1, SIGUSR1 blocked again
// @expect: sigsuspend: sent later: EINTR, handler saw SIGUSR1, SIGUSR2 held pending
// @expect: sigsuspend: after unblock: handler saw SIGUSR2
// @expect: sigsuspend: sigsetsize 4: EINVAL
// @expect: sigsuspend: mask at address 1: EFAULT
#include "tdiff_test.h"

#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile int last_sig;

static void
on_sig(int sig)
{
	last_sig = sig;
}

static const char *
result(long r)
{
	return r == 0 ? "0" : errname((int)-r);
}

/* suspend_raw: rt_sigsuspend with a mask of just the signals in bits. */
static long
suspend_raw(unsigned long bits, long size)
{
	return raw_syscall6(SYS_rt_sigsuspend, (long)&bits, size, 0, 0, 0, 0);
}

int
main(void)
{
	sigset_t set, cur;
	int status;

	signal(SIGUSR1, on_sig);
	signal(SIGUSR2, on_sig);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGCHLD);    /* no SIGCHLD report racing the rest */
	sigprocmask(SIG_BLOCK, &set, NULL);

	/* pending before: the child's signal is queued while SIGUSR1 is blocked */
	pid_t pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	long r = suspend_raw(1UL << (SIGUSR2 - 1) | 1UL << (SIGCHLD - 1), 8);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	say("sigsuspend: pending before: %s, handler saw %s, SIGUSR1 %s\n", result(r),
	    signame(last_sig), sigismember(&cur, SIGUSR1) ? "blocked again" : "NOT blocked");

	/* sent later: SIGUSR2 (blocked by the temporary mask) first, then
	 * SIGUSR1 after a pause, while the parent is asleep */
	last_sig = 0;
	pid = fork();
	if (pid == 0) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		kill(getppid(), SIGUSR2);
		nanosleep(&ts, NULL);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	r = suspend_raw(1UL << (SIGUSR2 - 1) | 1UL << (SIGCHLD - 1), 8);
	sigpending(&cur);
	say("sigsuspend: sent later: %s, handler saw %s, SIGUSR2 %s\n", result(r),
	    signame(last_sig), sigismember(&cur, SIGUSR2) ? "held pending" : "NOT pending");
	waitpid(pid, &status, 0);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	say("sigsuspend: after unblock: handler saw %s\n", signame(last_sig));

	say("sigsuspend: sigsetsize 4: %s\n", result(suspend_raw(0, 4)));
	say("sigsuspend: mask at address 1: %s\n",
	    result(raw_syscall6(SYS_rt_sigsuspend, 1, 8, 0, 0, 0, 0)));
	return 0;
}
