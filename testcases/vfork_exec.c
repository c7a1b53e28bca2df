// @desc: vfork as posix_spawn does it, clone(CLONE_VM|CLONE_VFORK|SIGCHLD) with the child on its own stack (musl's vfork() is a plain fork on riscv64): the parent sleeps until the child exits or execs, and sees what the child stored; the child execs busybox echo; a failed execve's errno reaches the parent through the shared memory
// @timeout: 10
// @smoke: x86_64
// @expect: vfork: child slept, stored 42 and exited 3: parent sees 42, exited 3
// @expect: vfork exec: hello from the vfork child
// @expect: vfork: exec of busybox: exited 0
// @expect: vfork: exec of /nonexistent: ENOENT in the child, exited 127
#include "tdiff_test.h"

#include <signal.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STACK_SIZE 65536

static char child_stack[STACK_SIZE] __attribute__((aligned(16)));
static volatile int shared;

/* The children run on child_stack in the parent's memory: raw syscalls
 * only, no libc state touched. */
static int
store_and_exit(void *arg)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	(void)arg;
	/* a parent that did not wait for us would read shared first */
	raw_syscall6(SYS_nanosleep, (long)&ts, 0, 0, 0, 0, 0);
	shared = 42;
	return 3;
}

static int
exec_path(void *arg)
{
	static char *const envp[] = { "HOME=/", 0 };
	char *const *argv = arg;
	shared = (int)-raw_syscall6(SYS_execve, (long)argv[0], (long)argv, (long)envp, 0, 0, 0);
	return 127;
}

/* spawn: a vfork child running fn(arg); how it ended. */
static const char *
spawn(int (*fn)(void *), void *arg, char *buf, size_t len)
{
	int status;
	long pid = tdiff_clone_run(CLONE_VM | CLONE_VFORK | SIGCHLD, child_stack + STACK_SIZE, fn, arg);
	if (pid < 0)
		return errname((int)-pid);
	if (waitpid((pid_t)pid, &status, 0) != pid)
		return "not reaped";
	return describe_status(status, buf, len);
}

int
main(void)
{
	static char *const echo_argv[] = { "/bin/busybox", "echo", "vfork exec: hello from the vfork child", 0 };
	static char *const none_argv[] = { "/nonexistent", 0 };
	char desc[64];

	const char *how = spawn(store_and_exit, 0, desc, sizeof(desc));
	say("vfork: child slept, stored 42 and exited 3: parent sees %d, %s\n", shared, how);
	say("vfork: exec of busybox: %s\n", spawn(exec_path, (void *)echo_argv, desc, sizeof(desc)));
	shared = 0;
	how = spawn(exec_path, (void *)none_argv, desc, sizeof(desc));
	say("vfork: exec of /nonexistent: %s in the child, %s\n", errname(shared), how);
	return 0;
}
