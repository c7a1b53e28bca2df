// @desc: getpid: positive, the same on every call, equal to gettid in a single-threaded process; a child's getpid is what fork returned and differs from the parent's, and a second child gets another pid
// @expect: getpid: positive, stable: yes
// @expect: getpid == gettid: yes
// @expect: child: getpid is fork's result: yes
// @expect: child: differs from the parent: yes
// @expect: two children, two pids: yes
#include "tdiff_test.h"

#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* child_pid_ok: fork a child that checks its getpid against the pipe-given
 * fork result; returns the child's pid after reaping it */
static pid_t
child_pid_ok(pid_t parent)
{
	int p[2], status;
	pid_t pid, got = 0;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		read(p[0], &got, sizeof(got));
		say("child: getpid is fork's result: %s\n", getpid() == got ? "yes" : "no");
		say("child: differs from the parent: %s\n", getpid() != parent ? "yes" : "no");
		_exit(0);
	}
	write(p[1], &pid, sizeof(pid));
	waitpid(pid, &status, 0);
	close(p[0]);
	close(p[1]);
	return pid;
}

int
main(void)
{
	pid_t me = getpid(), a, b;
	int p[2], status;

	say("getpid: positive, stable: %s\n", me > 0 && getpid() == me ? "yes" : "no");
	say("getpid == gettid: %s\n", raw_syscall6(SYS_gettid, 0, 0, 0, 0, 0, 0) == me ? "yes" : "no");
	a = child_pid_ok(me);
	/* keep the first child's pid in use while the second is made */
	pipe(p);
	a = fork();
	if (a == 0) {
		char c;
		read(p[0], &c, 1);
		_exit(0);
	}
	b = fork();
	if (b == 0)
		_exit(0);
	waitpid(b, &status, 0);
	write(p[1], "x", 1);
	waitpid(a, &status, 0);
	say("two children, two pids: %s\n", a > 0 && b > 0 && a != b ? "yes" : "no");
	return 0;
}
