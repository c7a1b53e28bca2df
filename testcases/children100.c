// @desc: 100 children, child i exits with status i; the parent reaps each by pid in order and sums the statuses (4950); then wait4(-1) fails with ECHILD
// @timeout: 30
// @expect: children100: forked 100, reaped 100, all exited normally
// @expect: children100: sum of statuses 4950
// @expect: children100: wait4(-1) after: ECHILD
#include "tdiff_test.h"

#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 100

int
main(void)
{
	pid_t pids[N];
	int forked = 0, reaped = 0, normal = 0, sum = 0, status;
	sigset_t chld;

	/* SIGCHLD stays blocked: 100 reports would otherwise interleave with
	 * the forks and waits wherever the children happen to die */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(i);
		forked += pids[i] > 0;
	}
	for (int i = 0; i < N; i++) {
		if (pids[i] <= 0 || waitpid(pids[i], &status, 0) != pids[i])
			continue;
		reaped++;
		if (WIFEXITED(status)) {
			normal++;
			sum += WEXITSTATUS(status);
		}
	}
	say("children100: forked %d, reaped %d, %s\n", forked, reaped,
	    normal == N ? "all exited normally" : "some did not exit normally");
	say("children100: sum of statuses %d\n", sum);
	long r = raw_syscall6(SYS_wait4, -1, (long)&status, 0, 0, 0, 0);
	say("children100: wait4(-1) after: %s\n", r == 0 ? "0" : errname((int)-r));
	return 0;
}
