/*
 * rawprog: the fixture program of tracediff's raw level (tests/test_raw.c,
 * traces in compare/tests/data/raw, recorded by record-raw.sh).  Every run
 * gets the same four variables; their values choose what differs:
 *   RP_OFLAGS=1  openat without O_CLOEXEC (an integer argument differs)
 *   RP_PTR=1     read into a heap buffer, not a stack one (a pointer differs)
 *   RP_SKIP=1    the parent leaves out its umask call (a missing call)
 *   RP_EXIT=N    the parent exits with N
 * The task tree: children 1.1 (exits 0) and 1.2, whose child 1.2.1 exits 2
 * and which exits 1; each parent waits for its children by pid.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int
env_is(const char *name, const char *val)
{
	const char *v = getenv(name);

	return v && !strcmp(v, val);
}

static void
reap(pid_t p)
{
	int st;

	waitpid(p, &st, 0);
}

int
main(void)
{
	char stack_buf[64];
	char *buf = env_is("RP_PTR", "1") ? malloc(64) : stack_buf;
	int fd = open("/dev/null", O_RDONLY);
	pid_t a, b;

	open("/nonexistent-tdiff", O_RDONLY | (env_is("RP_OFLAGS", "1") ? 0 : O_CLOEXEC));
	read(fd, buf, 64);
	if (!env_is("RP_SKIP", "1"))
		umask(022);
	a = fork();
	if (a == 0) {
		write(1, "child A\n", 8);
		_exit(0);
	}
	reap(a);
	b = fork();
	if (b == 0) {
		pid_t c = fork();

		if (c == 0)
			_exit(2);
		reap(c);
		_exit(1);
	}
	reap(b);
	return getenv("RP_EXIT") ? atoi(getenv("RP_EXIT")) : 0;
}
