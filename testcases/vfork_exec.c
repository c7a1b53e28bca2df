// @desc: vfork: the parent sleeps until the child exits or execs; the child shares its memory (a store is seen by the parent); vfork then execve of busybox echo; vfork then a failed execve whose errno reaches the parent through the shared memory
// @timeout: 10
// @smoke: x86_64
// @expect: vfork: child stored 42 and exited 3: parent sees 42, exited 3
// @expect: vfork exec: hello from the vfork child
// @expect: vfork: exec of busybox: exited 0
// @expect: vfork: exec of /nonexistent: ENOENT in the child, exited 127
#include "tdiff_test.h"

#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int shared;

/* reap: wait for pid and describe how it ended. */
static const char *
reap(pid_t pid, char *buf, size_t len)
{
	int status;
	if (waitpid(pid, &status, 0) != pid)
		return "not reaped";
	return describe_status(status, buf, len);
}

int
main(void)
{
	static char *const echo_argv[] = { "/bin/busybox", "echo", "vfork exec: hello from the vfork child", 0 };
	static char *const none_argv[] = { "/nonexistent", 0 };
	static char *const envp[] = { "HOME=/", 0 };
	char desc[64];

	/* the child runs on the parent's memory: only raw syscalls there */
	pid_t pid = vfork();
	if (pid == 0) {
		shared = 42;
		raw_syscall6(SYS_exit_group, 3, 0, 0, 0, 0, 0);
	}
	say("vfork: child stored 42 and exited 3: parent sees %d, %s\n", shared, reap(pid, desc, sizeof(desc)));

	pid = vfork();
	if (pid == 0) {
		raw_syscall6(SYS_execve, (long)echo_argv[0], (long)echo_argv, (long)envp, 0, 0, 0);
		raw_syscall6(SYS_exit_group, 126, 0, 0, 0, 0, 0);
	}
	say("vfork: exec of busybox: %s\n", reap(pid, desc, sizeof(desc)));

	shared = 0;
	pid = vfork();
	if (pid == 0) {
		shared = (int)-raw_syscall6(SYS_execve, (long)none_argv[0], (long)none_argv, (long)envp, 0, 0, 0);
		raw_syscall6(SYS_exit_group, 127, 0, 0, 0, 0, 0);
	}
	say("vfork: exec of /nonexistent: %s in the child, %s\n", errname(shared), reap(pid, desc, sizeof(desc)));
	return 0;
}
