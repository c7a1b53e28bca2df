// @desc: getpid: positive, the same on every call, equal to gettid in a single-threaded process; a child's getpid is what fork returned and differs from the parent's, and a second child gets another pid
// @expect: getpid: positive, stable: yes
// @expect: getpid == gettid: yes
// @expect: child: getpid is fork's result: yes
// @expect: child: differs from the parent: yes
// @expect: two children, two pids: yes
#include "tdiff_test.h"

#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* child_pid_ok: fork a child that stores its getpid in shared memory (no pid
 * in any traced buffer) and compare it with fork's result */
static pid_t
child_pid_ok(pid_t parent)
{
	int status;
	pid_t pid, *seen;

	seen = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (seen == MAP_FAILED)
		return -1;
	pid = fork();
	if (pid == 0) {
		*seen = getpid();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	say("child: getpid is fork's result: %s\n", *seen == pid ? "yes" : "no");
	say("child: differs from the parent: %s\n", *seen != parent ? "yes" : "no");
	munmap(seen, 4096);
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
