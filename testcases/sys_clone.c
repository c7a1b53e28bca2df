// @desc: clone: as fork (no stack), CLONE_PARENT_SETTID, CLONE_VM on a caller stack, CLONE_VM|CLONE_VFORK (the parent sleeps until the child exits), CLONE_FILES (a close in the child closes the parent's fd); EINVAL for CLONE_SIGHAND without CLONE_VM, CLONE_THREAD without CLONE_SIGHAND, CLONE_NEWNS with CLONE_FS
// @smoke: x86_64
// (qemu-user emulates clone's flag checks itself, so no riscv64 smoke run)
// @expect: clone as fork: child exited 3
// @expect: CLONE_PARENT_SETTID: ptid is the child's tid: yes
// @expect: CLONE_VM: child exited 7, shared value 42
// @expect: CLONE_VFORK: value set before the parent went on: yes
// @expect: CLONE_FILES: the parent's fd after the child closed it: -1 EBADF
// @expect: CLONE_SIGHAND without CLONE_VM: -1 EINVAL
// @expect: CLONE_THREAD without CLONE_SIGHAND: -1 EINVAL
// @expect: CLONE_NEWNS|CLONE_FS: -1 EINVAL
#include "tdiff_test.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define STACK_SIZE (64 * 1024)

static char child_stack[STACK_SIZE] __attribute__((aligned(16)));
static volatile int shared_value;

static int
set_value(void *arg)
{
	shared_value = *(int *)arg;
	return 7;
}

/* clone_raw: clone(flags, no stack, ptid) without libc; the child returns 0 */
static long
clone_raw(unsigned long flags, int *ptid)
{
	return raw_syscall6(SYS_clone, (long)flags, 0, (long)ptid, 0, 0, 0);
}

/* reap: wait for pid and say "what: <status>" */
static void
reap(const char *what, long pid)
{
	char buf[64];
	int status;

	if (pid < 0 || waitpid((pid_t)pid, &status, 0) != pid) {
		say("%s: clone or wait failed\n", what);
		return;
	}
	say("%s: child %s\n", what, describe_status(status, buf, sizeof(buf)));
}

/* say_raw: "what: -1 EFOO" for a raw -errno result, "what: N" else */
static void
say_raw(const char *what, long r)
{
	if (r < 0)
		say("%s: -1 %s\n", what, errname((int)-r));
	else
		say("%s: %ld\n", what, r);
}

int
main(void)
{
	int value = 42, ptid = 0, fd, status;
	long pid;

	pid = clone_raw(SIGCHLD, NULL);
	if (pid == 0)
		_exit(3);
	reap("clone as fork", pid);

	pid = clone_raw(SIGCHLD | CLONE_PARENT_SETTID, &ptid);
	if (pid == 0)
		_exit(0);
	say("CLONE_PARENT_SETTID: ptid is the child's tid: %s\n", pid > 0 && ptid == pid ? "yes" : "no");
	waitpid((pid_t)pid, &status, 0);

	pid = tdiff_clone_run(CLONE_VM | SIGCHLD, child_stack + STACK_SIZE, set_value, &value);
	if (pid > 0 && waitpid((pid_t)pid, &status, 0) == pid)
		say("CLONE_VM: child exited %d, shared value %d\n", WEXITSTATUS(status), shared_value);

	shared_value = 0;
	value = 43;
	pid = tdiff_clone_run(CLONE_VM | CLONE_VFORK | SIGCHLD, child_stack + STACK_SIZE, set_value, &value);
	say("CLONE_VFORK: value set before the parent went on: %s\n", shared_value == 43 ? "yes" : "no");
	if (pid > 0)
		waitpid((pid_t)pid, &status, 0);

	fd = open("/data/hello.txt", O_RDONLY);
	pid = clone_raw(SIGCHLD | CLONE_FILES, NULL);
	if (pid == 0) {
		close(fd);
		_exit(0);
	}
	if (pid > 0)
		waitpid((pid_t)pid, &status, 0);
	say_rc("CLONE_FILES: the parent's fd after the child closed it", fcntl(fd, F_GETFD));

	say_raw("CLONE_SIGHAND without CLONE_VM", clone_raw(SIGCHLD | CLONE_SIGHAND, NULL));
	say_raw("CLONE_THREAD without CLONE_SIGHAND", clone_raw(CLONE_VM | CLONE_THREAD, NULL));
	say_raw("CLONE_NEWNS|CLONE_FS", clone_raw(SIGCHLD | CLONE_NEWNS | CLONE_FS, NULL));
	return 0;
}
