/*
 * reuseprog: the fixture program for pid reuse (reuse-*.trace, recorded by
 * record.sh, as root).  It makes two children one after the other with
 * clone3, choosing their pids with set_tid: the first gets pid P, is reaped,
 * then the second gets P again when TD_SAME=1 (a pid reused after its task
 * was reaped, as a small kernel or a busy Linux does) or P+1 otherwise.
 * Every call but the pids is the same, so the two traces must compare
 * equal.  The second child tells its parent it runs through a pipe, then
 * waits to be killed; the parent also probes the first child's pid with
 * kill(P, 0) once it is reaped.
 */
#define _GNU_SOURCE
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* child: clone3 with the pid `want`; -1 on failure */
static pid_t
child(pid_t want)
{
	pid_t tid[1] = {want};
	struct clone_args ca;

	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGCHLD;
	ca.set_tid = (uintptr_t)tid;
	ca.set_tid_size = 1;
	return (pid_t)syscall(SYS_clone3, &ca, sizeof(ca));
}

int
main(void)
{
	const char *same = getenv("TD_SAME");
	/* a pid far from the ones in use (the default pid_max is 32768) */
	pid_t p = 20000 + getpid() % 10000, a, b;
	int status, fds[2];
	char c;

	if (pipe(fds) < 0)
		return 2;
	a = child(p);
	if (a == 0) {
		getpid();
		_exit(1);
	}
	if (a < 0)
		return 2;
	waitpid(a, &status, 0);
	kill(a, 0); /* ESRCH: reaped */
	b = child(same && same[0] == '1' ? p : p + 1);
	if (b == 0) {
		getpid();
		write(fds[1], "r", 1);
		pause();
		_exit(0);
	}
	if (b < 0)
		return 2;
	read(fds[0], &c, 1);
	kill(b, SIGTERM);
	waitpid(b, &status, 0);
	write(1, "done\n", 5);
	return 0;
}
