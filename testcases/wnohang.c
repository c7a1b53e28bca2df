// @desc: wait4 with WNOHANG polls a running child: 0 while it runs (twice), then its pid and status once it is a zombie (seen first with waitid WNOWAIT, which leaves it waitable); ECHILD after, and for a pid that is not a child; EINVAL for unknown options
// @timeout: 10
// @expect: wnohang: running child: 0
// @expect: wnohang: running child again: 0
// @expect: wnohang: waitid WNOWAIT: CLD_EXITED status 5 si_pid=child
// @expect: wnohang: zombie child: pid=child exited 5
// @expect: wnohang: after reaping: ECHILD
// @expect: wnohang: any child, none left: ECHILD
// @expect: wnohang: pid 1 (not a child): ECHILD
// @expect: wnohang: options 0x80000: EINVAL
#include "tdiff_test.h"

#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static long
wait_raw(long pid, int *status, long options)
{
	return raw_syscall6(SYS_wait4, pid, (long)status, options, 0, 0, 0);
}

static const char *
result(long r)
{
	return r == 0 ? "0" : errname((int)-r);
}

int
main(void)
{
	char desc[64], c = 'x';
	siginfo_t si;
	sigset_t chld;
	int fds[2], status = -1;

	/* SIGCHLD stays blocked, so that its report does not race the polls */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	pipe(fds);
	pid_t pid = fork();
	if (pid == 0) {
		read(fds[0], &c, 1);
		_exit(5);
	}
	say("wnohang: running child: %s\n", result(wait_raw(pid, &status, WNOHANG)));
	say("wnohang: running child again: %s\n", result(wait_raw(-1, &status, WNOHANG)));
	write(fds[1], &c, 1);

	memset(&si, 0, sizeof(si));
	long r = raw_syscall6(SYS_waitid, P_PID, pid, (long)&si, WEXITED | WNOWAIT, 0, 0);
	if (r < 0)
		say("wnohang: waitid WNOWAIT: %s\n", errname((int)-r));
	else
		say("wnohang: waitid WNOWAIT: %s status %d si_pid=%s\n",
		    si.si_code == CLD_EXITED ? "CLD_EXITED" : "OTHER", si.si_status,
		    si.si_pid == pid ? "child" : "WRONG");
	r = wait_raw(pid, &status, WNOHANG);
	say("wnohang: zombie child: pid=%s %s\n", r == pid ? "child" : result(r),
	    describe_status(status, desc, sizeof(desc)));
	say("wnohang: after reaping: %s\n", result(wait_raw(pid, &status, WNOHANG)));
	say("wnohang: any child, none left: %s\n", result(wait_raw(-1, &status, WNOHANG)));
	say("wnohang: pid 1 (not a child): %s\n", result(wait_raw(1, &status, WNOHANG)));
	say("wnohang: options 0x80000: %s\n", result(wait_raw(-1, &status, 0x80000)));
	return 0;
}
