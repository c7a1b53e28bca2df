// @desc: exit (the syscall, not exit_group): a single-threaded child ends with the status's low byte (3, 256+4 gives 4, 255), a clone(CLONE_VM) child ends through exit too, and the main thread itself ends through exit
// @smoke: x86_64
// (qemu-user refuses CLONE_VM without CLONE_THREAD with EINVAL, so no riscv64 smoke run)
// @expect: exit(3): exited 3
// @expect: exit(260): exited 4
// @expect: exit(255): exited 255
// @expect: exit(-1): exited 255
// @expect: clone child returning 9 (exit in clone_entry): exited 9
// @expect: the parent is still here
#include "tdiff_test.h"

#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define STACK_SIZE (64 * 1024)

static char child_stack[STACK_SIZE] __attribute__((aligned(16)));

static int
return_nine(void *arg)
{
	(void)arg;
	return 9;
}

/* report: wait for pid and say "what: <status>" */
static void
report(const char *what, pid_t pid)
{
	char buf[64];
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		say("%s: fork or wait failed\n", what);
		return;
	}
	say("%s: %s\n", what, describe_status(status, buf, sizeof(buf)));
}

/* child_exit: a child that ends through SYS_exit with code */
static pid_t
child_exit(long code)
{
	pid_t pid = fork();

	if (pid == 0)
		for (;;)
			raw_syscall6(SYS_exit, code, 0, 0, 0, 0, 0);
	return pid;
}

int
main(void)
{
	report("exit(3)", child_exit(3));
	report("exit(260)", child_exit(260));
	report("exit(255)", child_exit(255));
	report("exit(-1)", child_exit(-1));
	report("clone child returning 9 (exit in clone_entry)",
	       (pid_t)tdiff_clone_run(CLONE_VM | SIGCHLD, child_stack + STACK_SIZE, return_nine, NULL));
	say("the parent is still here\n");
	raw_syscall6(SYS_exit, 0, 0, 0, 0, 0, 0);
	return 1;
}
