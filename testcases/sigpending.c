// @desc: rt_sigpending: empty at first; blocked signals sent by kill and tgkill show up, an ignored one too while blocked; setting SIG_IGN discards a pending signal; EINVAL for a sigsetsize over 8, EFAULT for a bad address
// @timeout: 10
// @expect: sigpending: at start: none
// @expect: sigpending: after kill and tgkill: SIGUSR1 SIGUSR2 SIGTERM
// @expect: sigpending: blocked but ignored SIGWINCH: pending
// @expect: sigpending: after SIG_IGN on SIGTERM: SIGUSR1 SIGUSR2 SIGWINCH
// @expect: sigpending: sigsetsize 9: EINVAL
// @expect: sigpending: sigsetsize 4: 0
// @expect: sigpending: set at address 1: EFAULT
// @expect: sigpending: after unblock: none
// @expect: sigpending: handler ran 2 times
#include "tdiff_test.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int handled;

static void
on_sig(int sig)
{
	(void)sig;
	handled++;
}

/* pending_raw: rt_sigpending as the kernel sees it. */
static long
pending_raw(long set, long size)
{
	return raw_syscall6(SYS_rt_sigpending, set, size, 0, 0, 0, 0);
}

/* show: the pending set, as names. */
static void
show(const char *what)
{
	static const int sigs[] = { SIGUSR1, SIGUSR2, SIGTERM, SIGWINCH };
	unsigned long set = 0;
	char line[128];
	size_t n = 0;

	long r = pending_raw((long)&set, 8);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (set & (1UL << (sigs[i] - 1)))
			n += (size_t)snprintf(line + n, sizeof(line) - n, " %s",
					      sigs[i] == SIGWINCH ? "SIGWINCH" : signame(sigs[i]));
	if (r < 0)
		say("sigpending: %s: %s\n", what, errname((int)-r));
	else
		say("sigpending: %s:%s\n", what, n ? line : " none");
}

static const char *
result(long r)
{
	return r == 0 ? "0" : errname((int)-r);
}

int
main(void)
{
	sigset_t set;

	signal(SIGUSR1, on_sig);
	signal(SIGUSR2, on_sig);
	show("at start");

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGWINCH);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	raw_syscall6(SYS_tgkill, getpid(), raw_syscall6(SYS_gettid, 0, 0, 0, 0, 0, 0), SIGUSR2, 0, 0, 0);
	kill(getpid(), SIGTERM);
	show("after kill and tgkill");

	/* a blocked signal is never ignored: its handler may change before it
	 * is unblocked */
	signal(SIGWINCH, SIG_IGN);
	kill(getpid(), SIGWINCH);
	unsigned long raw = 0;
	pending_raw((long)&raw, 8);
	say("sigpending: blocked but ignored SIGWINCH: %s\n",
	    raw & (1UL << (SIGWINCH - 1)) ? "pending" : "not pending");

	signal(SIGTERM, SIG_IGN);
	show("after SIG_IGN on SIGTERM");

	say("sigpending: sigsetsize 9: %s\n", result(pending_raw((long)&raw, 9)));
	say("sigpending: sigsetsize 4: %s\n", result(pending_raw((long)&raw, 4)));
	say("sigpending: set at address 1: %s\n", result(pending_raw(1, 8)));

	signal(SIGWINCH, SIG_DFL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	show("after unblock");
	say("sigpending: handler ran %d times\n", handled);
	return 0;
}
