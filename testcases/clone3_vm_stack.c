// @desc: clone3 with CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND and a caller stack (seed 001)
// @timeout: 10
// @smoke: x86_64
// @expect: child: sp inside [stack, stack+stack_size): yes
// @expect: parent: child exited 5, shared value 1234
#include "tdiff_test.h"

#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>

#define STACK_SIZE (64 * 1024)

static char child_stack[STACK_SIZE] __attribute__((aligned(16)));
static volatile int shared_value;

static int
child_main(void *arg)
{
	char here;
	uintptr_t sp = (uintptr_t)&here;
	uintptr_t lo = (uintptr_t)child_stack, hi = lo + STACK_SIZE;

	say("child: sp inside [stack, stack+stack_size): %s\n", sp >= lo && sp < hi ? "yes" : "no");
	shared_value = *(int *)arg;
	return 5;
}

int
main(void)
{
	struct clone_args args;
	char buf[64];
	int value = 1234, status;
	long pid;

	memset(&args, 0, sizeof(args));
	args.flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND;
	args.exit_signal = SIGCHLD;
	args.stack = (uintptr_t)child_stack;
	args.stack_size = STACK_SIZE;
	pid = tdiff_clone3_run(&args, sizeof(args), child_main, &value);
	if (pid < 0) {
		say("parent: clone3 failed: %s\n", errname(-pid));
		return 1;
	}
	if (waitpid(pid, &status, 0) != pid) {
		say("parent: waitpid failed\n");
		return 1;
	}
	say("parent: child %s, shared value %d\n", describe_status(status, buf, sizeof(buf)),
	    shared_value);
	return 0;
}
