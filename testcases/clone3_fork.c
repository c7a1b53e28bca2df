// @desc: clone3 used like fork: exit_signal=SIGCHLD, no stack; the parent waits
// @timeout: 10
// @smoke: x86_64
// @expect: child: clone3 returned 0
// @expect: parent: child exited 3
#include "tdiff_test.h"

#include <linux/sched.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(void)
{
	struct clone_args args;
	char buf[64];
	int status;
	long pid;

	memset(&args, 0, sizeof(args));
	args.exit_signal = SIGCHLD;
	pid = raw_syscall6(SYS_clone3, (long)&args, sizeof(args), 0, 0, 0, 0);
	if (pid < 0) {
		say("parent: clone3 failed: %s\n", errname(-pid));
		return 1;
	}
	if (pid == 0) {
		say("child: clone3 returned 0\n");
		_exit(3);
	}
	if (waitpid(pid, &status, 0) != pid) {
		say("parent: waitpid failed\n");
		return 1;
	}
	say("parent: child %s\n", describe_status(status, buf, sizeof(buf)));
	return 0;
}
