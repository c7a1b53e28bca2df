/*
 * ppidprog: the fixture program for the parent of the root task.  The root
 * asks for its parent (a process outside the traced tree: strace, or the
 * shell with strace -D), forks a child that asks for its parent twice (the
 * root), then also kills its own parent with signal 0, which names the
 * outside parent as an argument.  Built static with the host gcc by
 * record.sh; its traces live in compare/tests/data/ppid-*.trace.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(void)
{
	pid_t pp = getppid(), c;
	int status;

	c = fork();
	if (c == 0) {
		getppid();
		getppid();
		_exit(0);
	}
	waitpid(c, &status, 0);
	kill(pp, 0);
	write(1, "done\n", 5);
	return 0;
}
