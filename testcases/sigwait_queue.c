// @desc: sigqueue (rt_sigqueueinfo) carries si_value with SI_QUEUE; sigwaitinfo and sigtimedwait (rt_sigtimedwait) take a blocked pending signal without running a handler; a real-time signal queued twice is taken twice in order, a standard one sent twice once; EAGAIN for nothing pending within the timeout; EINVAL for a bad timeout; rt_sigqueueinfo's EPERM for a forged si_code to another process
// @timeout: 10
// @expect: sigwait: sigwaitinfo: SIGUSR1 SI_QUEUE si_pid=self value 42
// @expect: sigwait: SIGUSR2 sent twice: taken 1 times
// @expect: sigwait: real-time signal queued with 1 and 2: took 1, took 2, then EAGAIN
// @expect: sigwait: 100 ms with nothing pending: EAGAIN
// @expect: sigwait: tv_nsec 2000000000: EINVAL
// @expect: sigwait: handler ran 0 times
// @expect: sigwait: rt_sigqueueinfo SI_USER to the parent: EPERM
#include "tdiff_test.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RTSIG 40

static volatile int handled;

static void
on_sig(int sig)
{
	(void)sig;
	handled++;
}

/* take: sigtimedwait for the signals of set with a zero timeout; the
 * signal, or -errno. */
static int
take(const sigset_t *set, siginfo_t *si)
{
	struct timespec zero = { 0, 0 };
	int r = sigtimedwait(set, si, &zero);
	return r < 0 ? -errno : r;
}

static const char *
taken(int r, char *buf, size_t len)
{
	if (r < 0)
		return errname(-r);
	snprintf(buf, len, "took %d", r);
	return buf;
}

int
main(void)
{
	pid_t self = getpid();
	char b1[32], b2[32], b3[32];
	sigset_t set;
	siginfo_t si;

	signal(SIGUSR1, on_sig);
	signal(SIGUSR2, on_sig);
	signal(RTSIG, on_sig);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, RTSIG);
	sigprocmask(SIG_BLOCK, &set, NULL);

	sigqueue(self, SIGUSR1, (union sigval){ .sival_int = 42 });
	int r = sigwaitinfo(&set, &si);
	say("sigwait: sigwaitinfo: %s %s si_pid=%s value %d\n", r > 0 ? signame(r) : errname(errno),
	    si.si_code == SI_QUEUE ? "SI_QUEUE" : "OTHER", si.si_pid == self ? "self" : "WRONG",
	    si.si_value.sival_int);

	kill(self, SIGUSR2);
	kill(self, SIGUSR2);
	int n = 0;
	while (take(&set, &si) == SIGUSR2)
		n++;
	say("sigwait: SIGUSR2 sent twice: taken %d times\n", n);

	sigqueue(self, RTSIG, (union sigval){ .sival_int = 1 });
	sigqueue(self, RTSIG, (union sigval){ .sival_int = 2 });
	r = take(&set, &si);
	int v1 = si.si_value.sival_int;
	int r2 = take(&set, &si);
	int v2 = si.si_value.sival_int;
	int r3 = take(&set, &si);
	say("sigwait: real-time signal queued with 1 and 2: %s, %s, then %s\n",
	    taken(r == RTSIG ? v1 : r, b1, sizeof(b1)), taken(r2 == RTSIG ? v2 : r2, b2, sizeof(b2)),
	    r3 < 0 ? errname(-r3) : taken(r3, b3, sizeof(b3)));

	struct timespec ts = { 0, 100 * 1000 * 1000 };
	r = sigtimedwait(&set, &si, &ts);
	say("sigwait: 100 ms with nothing pending: %s\n", r < 0 ? errname(errno) : signame(r));
	ts.tv_nsec = 2000000000;
	r = sigtimedwait(&set, &si, &ts);
	say("sigwait: tv_nsec 2000000000: %s\n", r < 0 ? errname(errno) : signame(r));
	say("sigwait: handler ran %d times\n", handled);

	/* only the kernel may claim SI_USER (or any code >= 0) for another
	 * process: the child tries it on its parent */
	pid_t pid = fork();
	if (pid == 0) {
		memset(&si, 0, sizeof(si));
		si.si_signo = SIGUSR1;
		si.si_code = SI_USER;
		_exit((int)-raw_syscall6(SYS_rt_sigqueueinfo, getppid(), SIGUSR1, (long)&si, 0, 0, 0));
	}
	int status;
	waitpid(pid, &status, 0);
	say("sigwait: rt_sigqueueinfo SI_USER to the parent: %s\n",
	    WIFEXITED(status) ? (WEXITSTATUS(status) ? errname(WEXITSTATUS(status)) : "0") : "killed");
	return 0;
}
