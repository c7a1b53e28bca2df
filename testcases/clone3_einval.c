// @desc: clone3 argument validation: NULL args, size below 64 and above a page, nonzero bytes past the struct, bad flags, exit_signal and stack rules
// @timeout: 10
// @smoke: x86_64
// @expect: NULL args: -1 EFAULT
// @expect: size 0: -1 EINVAL
// @expect: size 63: -1 EINVAL
// @expect: size 4097: -1 E2BIG
// @expect: size 128, nonzero byte past the struct: -1 E2BIG
// @expect: size 128, zero bytes past the struct: ok, child exited 0
// @expect: signal bits in flags: -1 EINVAL
// @expect: exit_signal 65: -1 EINVAL
// @expect: CLONE_SIGHAND without CLONE_VM: -1 EINVAL
// @expect: CLONE_THREAD without CLONE_SIGHAND: -1 EINVAL
// @expect: CLONE_THREAD with exit_signal: -1 EINVAL
// @expect: CLONE_PARENT with exit_signal: -1 EINVAL
// @expect: stack 0 with stack_size: -1 EINVAL
// @expect: stack with stack_size 0: -1 EINVAL
// @expect: unknown flag bit 40: -1 EINVAL
#include "tdiff_test.h"

#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define STACK_SIZE (16 * 1024)
#define BIG 4104

static char child_stack[STACK_SIZE] __attribute__((aligned(16)));
/* A buffer larger than a page: clone_args followed by bytes we choose. */
static union {
	struct clone_args args;
	unsigned char bytes[BIG];
} buf __attribute__((aligned(16)));

static int
child_main(void *arg)
{
	(void)arg;
	return 0;
}

/*
 * try: issue clone3(args, size) and print the outcome under `what`.  A call
 * that wrongly succeeds must not derail the test: a child sharing our memory
 * runs child_main on its own stack, any other child leaves at once; the
 * parent reaps it.
 */
static void
try(const char *what, struct clone_args *args, long size)
{
	char sbuf[64];
	int status;
	long r;

	if (args && (args->flags & CLONE_VM) && size >= 64) {
		args->stack = (uintptr_t)child_stack;
		args->stack_size = STACK_SIZE;
		r = tdiff_clone3_run(args, size, child_main, 0);
	} else {
		r = raw_syscall6(SYS_clone3, (long)args, size, 0, 0, 0, 0);
		if (r == 0)
			_exit(0);
	}
	if (r < 0) {
		say("%s: -1 %s\n", what, errname(-r));
		return;
	}
	if (waitpid(r, &status, __WALL) == r)
		say("%s: ok, child %s\n", what, describe_status(status, sbuf, sizeof(sbuf)));
	else
		say("%s: ok, child not reaped\n", what);
}

/* fresh: zeroed clone_args in the big buffer, exit_signal as given. */
static struct clone_args *
fresh(int exit_signal)
{
	memset(&buf, 0, sizeof(buf));
	buf.args.exit_signal = exit_signal;
	return &buf.args;
}

int
main(void)
{
	struct clone_args *a;

	try("NULL args", NULL, sizeof(struct clone_args));
	try("size 0", fresh(SIGCHLD), 0);
	try("size 63", fresh(SIGCHLD), 63);
	try("size 4097", fresh(SIGCHLD), 4097);
	a = fresh(SIGCHLD);
	buf.bytes[100] = 1;
	try("size 128, nonzero byte past the struct", a, 128);
	try("size 128, zero bytes past the struct", fresh(SIGCHLD), 128);
	a = fresh(0);
	a->flags = SIGCHLD;
	try("signal bits in flags", a, sizeof(*a));
	try("exit_signal 65", fresh(65), sizeof(*a));
	a = fresh(SIGCHLD);
	a->flags = CLONE_SIGHAND;
	try("CLONE_SIGHAND without CLONE_VM", a, sizeof(*a));
	a = fresh(0);
	a->flags = CLONE_THREAD | CLONE_VM;
	try("CLONE_THREAD without CLONE_SIGHAND", a, sizeof(*a));
	a = fresh(SIGCHLD);
	a->flags = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
	try("CLONE_THREAD with exit_signal", a, sizeof(*a));
	a = fresh(SIGCHLD);
	a->flags = CLONE_PARENT;
	try("CLONE_PARENT with exit_signal", a, sizeof(*a));
	a = fresh(SIGCHLD);
	a->stack_size = 4096;
	try("stack 0 with stack_size", a, sizeof(*a));
	a = fresh(SIGCHLD);
	a->stack = (uintptr_t)child_stack;
	try("stack with stack_size 0", a, sizeof(*a));
	a = fresh(SIGCHLD);
	a->flags = 1ULL << 40;
	try("unknown flag bit 40", a, sizeof(*a));
	return 0;
}
