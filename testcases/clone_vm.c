// @desc: clone(CLONE_VM|SIGCHLD) with a child on a caller-supplied stack; the parent waits
// @timeout: 10
// @smoke: x86_64
// (qemu-user refuses CLONE_VM without CLONE_THREAD with EINVAL, so no riscv64 smoke run)
// @expect: child: sp inside the caller's stack: yes
// @expect: parent: child exited 7, shared value 42
#include "tdiff_test.h"

#include <sched.h>
#include <signal.h>
#include <stdint.h>
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

	say("child: sp inside the caller's stack: %s\n", sp >= lo && sp < hi ? "yes" : "no");
	shared_value = *(int *)arg;
	return 7;
}

int
main(void)
{
	char buf[64];
	int value = 42, status;
	long pid;

	pid = tdiff_clone_run(CLONE_VM | SIGCHLD, child_stack + STACK_SIZE, child_main, &value);
	if (pid < 0) {
		say("parent: clone failed: %s\n", errname(-pid));
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
