// @desc: getppid: a child's and a grandchild's getppid name their parents; the parent's own getppid is unchanged by forking; a vfork child sees the same parent
// @expect: child: getppid is the parent: yes
// @expect: grandchild: getppid is the child: yes
// @expect: the parent's getppid is unchanged: yes
// @expect: vfork child: getppid is the parent: yes
#include "tdiff_test.h"

#include <sys/wait.h>
#include <unistd.h>

int
main(void)
{
	pid_t me = getpid(), pp = getppid(), pid, child;
	int status;

	pid = fork();
	if (pid == 0) {
		say("child: getppid is the parent: %s\n", getppid() == me ? "yes" : "no");
		child = getpid();
		pid = fork();
		if (pid == 0) {
			say("grandchild: getppid is the child: %s\n", getppid() == child ? "yes" : "no");
			_exit(0);
		}
		waitpid(pid, &status, 0);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	say("the parent's getppid is unchanged: %s\n", getppid() == pp ? "yes" : "no");
	pid = vfork();
	if (pid == 0)
		_exit(getppid() == me ? 0 : 1);
	waitpid(pid, &status, 0);
	say("vfork child: getppid is the parent: %s\n", WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "yes" : "no");
	return 0;
}
