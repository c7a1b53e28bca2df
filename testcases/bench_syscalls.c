// @desc: benchmark for make bench: null-syscall and fork+exit+wait latency, as key=value lines
// @helper: yes
// @timeout: 120
#include "tdiff_test.h"

#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define N_NULL 2000
#define N_FORK 50

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int
main(void)
{
	long long t0, t1;
	int i, status;

	t0 = now_ns();
	for (i = 0; i < N_NULL; i++)
		syscall(SYS_getppid);
	t1 = now_ns();
	say("null_syscall_ns=%lld\n", (t1 - t0) / N_NULL);

	t0 = now_ns();
	for (i = 0; i < N_FORK; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, &status, 0) != pid)
			return 1;
	}
	t1 = now_ns();
	say("fork_exit_wait_us=%lld\n", (t1 - t0) / N_FORK / 1000);
	return 0;
}
