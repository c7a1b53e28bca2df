// @desc: a child dereferences NULL; the parent prints WIFSIGNALED and WTERMSIG
// @timeout: 10
// @expect: parent: WIFSIGNALED=1 WTERMSIG=11 (SIGSEGV)
#include "tdiff_test.h"

#include <sys/wait.h>
#include <unistd.h>

static void __attribute__((noinline))
write_through_null(volatile int *p)
{
	*p = 1;
}

int
main(void)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		say("parent: fork failed\n");
		return 1;
	}
	if (pid == 0) {
		write_through_null(0);
		_exit(0);	/* not reached on a kernel that delivers SIGSEGV */
	}
	if (waitpid(pid, &status, 0) != pid) {
		say("parent: waitpid failed\n");
		return 1;
	}
	say("parent: WIFSIGNALED=%d WTERMSIG=%d (%s)\n", WIFSIGNALED(status),
	    WIFSIGNALED(status) ? WTERMSIG(status) : 0,
	    WIFSIGNALED(status) ? signame(WTERMSIG(status)) : "none");
	return 0;
}
