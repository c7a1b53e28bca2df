// @desc: a fork bomb under RLIMIT_NPROC (as an unprivileged user) is stopped with EAGAIN; the children then exit and are reaped
// @timeout: 30
// @smoke: x86_64
// (qemu-user needs threads of its own, which RLIMIT_NPROC refuses: no riscv64 smoke run)
// @expect: forkbomb: fork 20 failed with EAGAIN
// @expect: forkbomb: reaped 19 children
#include "tdiff_test.h"

#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* fork where the arch has it, else what musl does: clone(SIGCHLD, 0) */
static long
raw_fork(void)
{
#ifdef SYS_fork
	return raw_syscall6(SYS_fork, 0, 0, 0, 0, 0, 0);
#else
	return raw_syscall6(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
#endif
}

int
main(void)
{
	struct rlimit rl = { 20, 20 };
	int fds[2];
	int n, reaped = 0;

	if (pipe(fds) < 0 || setrlimit(RLIMIT_NPROC, &rl) < 0 || setuid(65534) < 0) {
		say("forkbomb: setup failed\n");
		return 1;
	}
	for (n = 1; n <= 1000; n++) {
		long pid = raw_fork();
		if (pid == 0) {
			char c;
			/* wait for the parent to close the write end */
			close(fds[1]);
			raw_syscall6(SYS_read, fds[0], (long)&c, 1, 0, 0, 0);
			raw_syscall6(SYS_exit_group, 0, 0, 0, 0, 0, 0);
		}
		if (pid < 0) {
			say("forkbomb: fork %d failed with %s\n", n, errname((int)-pid));
			break;
		}
	}
	close(fds[1]);
	while (wait(NULL) > 0)
		reaped++;
	say("forkbomb: reaped %d children\n", reaped);
	return 0;
}
