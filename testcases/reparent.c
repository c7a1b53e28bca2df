// @desc: a grandchild whose parent has exited is adopted by init: its getppid() is 1 (not the test, not its dead parent), and is no child of the test's (wait4(-1) gives ECHILD); the grandchild learns when to look through a pipe the test writes after reaping its child
// @timeout: 10
// @expect: reparent: grandchild before: ppid is its parent
// @expect: reparent: child exited 0
// @expect: reparent: grandchild after: ppid is 1
// @expect: reparent: wait4(-1, WNOHANG) with only the grandchild left: ECHILD
// @expect: reparent: grandchild gone (pipe closed)
#include "tdiff_test.h"

#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* grandchild: report the parent before and after it exits.  go: read
 * end of the pipe the test writes once the parent is reaped; out: where
 * the answers go. */
static void
grandchild(pid_t parent, int go, int spoke)
{
	char c;
	pid_t ppid = getppid();
	say("reparent: grandchild before: ppid is %s\n", ppid == parent ? "its parent" : "WRONG");
	write(spoke, "b", 1);
	read(go, &c, 1);
	ppid = getppid();
	if (ppid == 1)
		say("reparent: grandchild after: ppid is 1\n");
	else
		say("reparent: grandchild after: ppid is %s\n", ppid == parent ? "its dead parent" : "another");
	_exit(0);
}

int
main(void)
{
	int go[2], out[2], spoke[2], status;
	char desc[64], c;

	pipe(go);
	pipe(out);
	pipe(spoke);
	pid_t pid = fork();
	if (pid == 0) {
		if (fork() == 0)
			grandchild(getppid(), go[0], spoke[1]);
		/* exit once the grandchild has spoken */
		read(spoke[0], &c, 1);
		_exit(0);
	}
	close(go[0]);
	close(out[1]);
	waitpid(pid, &status, 0);
	say("reparent: child %s\n", describe_status(status, desc, sizeof(desc)));
	write(go[1], "g", 1);
	/* the grandchild holds out's write end until it exits */
	while (read(out[0], &c, 1) > 0)
		;
	long r = raw_syscall6(SYS_wait4, -1, 0, WNOHANG, 0, 0, 0);
	say("reparent: wait4(-1, WNOHANG) with only the grandchild left: %s\n", r == 0 ? "0" : errname((int)-r));
	say("reparent: grandchild gone (pipe closed)\n");
	return 0;
}
