/*
 * tdprog: the fixture program for tracediff's recorded traces.
 * Behaviour is chosen by environment variables so that two runs differ only
 * where a test wants them to (argv and the number of env vars stay the same):
 *   TD_CRASH=1   child 1.1 dereferences NULL (SIGSEGV)
 *   TD_EXTRA=1   child 1.1 makes one more call (getppid)
 *   TD_EXIT=N    the parent exits with status N
 *   TD_MSG=text  child 1.2 prints text instead of "child B"
 *   TD_HANG=1    child 1.1 blocks in pause() for ever
 * Built static with the host gcc by record.sh.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int
env_is(const char *name, const char *val)
{
	const char *v = getenv(name);
	return v && strcmp(v, val) == 0;
}

/* crash_here: the faulting function symbolization tests look for. */
__attribute__((noinline)) static void
crash_here(volatile int *p)
{
	*p = 42;
}

static void
child_a(void)
{
	write(1, "child A\n", 8);
	if (env_is("TD_EXTRA", "1"))
		getppid();
	if (env_is("TD_CRASH", "1"))
		crash_here(NULL);
	if (env_is("TD_HANG", "1"))
		pause();
	_exit(0);
}

static void
child_b(void)
{
	const char *msg = getenv("TD_MSG");
	char buf[256];
	int n = snprintf(buf, sizeof buf, "%s\n", msg ? msg : "child B");
	write(1, buf, (size_t)n);
	_exit(0);
}

int
main(void)
{
	struct clone_args ca;
	int status, fd;
	pid_t a, b;

	fd = open("/nonexistent/tdprog", O_RDONLY);
	if (fd >= 0)
		close(fd);
	a = fork();
	if (a == 0)
		child_a();
	memset(&ca, 0, sizeof ca);
	ca.exit_signal = SIGCHLD;
	b = (pid_t)syscall(SYS_clone3, &ca, sizeof ca);
	if (b == 0)
		child_b();
	if (b < 0)
		write(2, "clone3 failed\n", 14);
	waitpid(a, &status, 0);
	if (b > 0)
		waitpid(b, &status, 0);
	write(1, "parent done\n", 12);
	return atoi(getenv("TD_EXIT") ? getenv("TD_EXIT") : "0");
}
