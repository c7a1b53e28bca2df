// @desc: parent forks; the child prints and exits 42; the parent waits and prints the status
// @timeout: 10
// @expect: child: running in the new process
// @expect: parent: child exited 42
#include "tdiff_test.h"

#include <sys/wait.h>
#include <unistd.h>

int
main(void)
{
	char buf[64];
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		say("parent: fork failed: %s\n", errname(-pid));
		return 1;
	}
	if (pid == 0) {
		say("child: running in the new process\n");
		_exit(42);
	}
	if (waitpid(pid, &status, 0) != pid) {
		say("parent: waitpid failed\n");
		return 1;
	}
	say("parent: child %s\n", describe_status(status, buf, sizeof(buf)));
	return 0;
}
