// @desc: clone3 with CLONE_DETACHED and exit_signal 0 is EINVAL (seed 004); plain clone ignores CLONE_DETACHED
// @timeout: 10
// @smoke: x86_64
// @expect: clone3(CLONE_DETACHED, exit_signal=0) = -1 EINVAL
// @expect: clone(CLONE_DETACHED|SIGCHLD): child exited 0
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
	long r;

	memset(&args, 0, sizeof(args));
	args.flags = CLONE_DETACHED;
	args.exit_signal = 0;
	r = raw_syscall6(SYS_clone3, (long)&args, sizeof(args), 0, 0, 0, 0);
	if (r == 0)
		_exit(0);	/* a kernel that wrongly accepts it: the child leaves at once */
	if (r < 0)
		say("clone3(CLONE_DETACHED, exit_signal=0) = -1 %s\n", errname(-r));
	else
		say("clone3(CLONE_DETACHED, exit_signal=0) = child (expected EINVAL)\n");

	/* clone(2) has always ignored CLONE_DETACHED: this is an ordinary fork. */
	r = raw_syscall6(SYS_clone, CLONE_DETACHED | SIGCHLD, 0, 0, 0, 0, 0);
	if (r == 0)
		_exit(0);
	if (r < 0) {
		say("clone(CLONE_DETACHED|SIGCHLD) = -1 %s\n", errname(-r));
		return 1;
	}
	if (waitpid(r, &status, 0) != r) {
		say("waitpid failed\n");
		return 1;
	}
	say("clone(CLONE_DETACHED|SIGCHLD): child %s\n", describe_status(status, buf, sizeof(buf)));
	return 0;
}
