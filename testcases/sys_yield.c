// @desc: sched_yield: returns 0 alone, in a loop, and while a child also yields; parent and child take turns through two pipes and both finish
// @expect: sched_yield: 0
// @expect: 100 yields: all 0: yes
// @expect: child: 10 turns, every yield 0: yes
// @expect: parent: 10 turns, every yield 0: yes, child exited 0
#include "tdiff_test.h"

#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

/* turns: 10 rounds of yield, write a byte to out, read one from in; 1 if
 * every yield returned 0 */
static int
turns(int in, int out, int first)
{
	int i, ok = 1;
	char c = 't';

	for (i = 0; i < 10; i++) {
		if (!first)
			read(in, &c, 1);
		ok &= sched_yield() == 0;
		write(out, &c, 1);
		if (first)
			read(in, &c, 1);
	}
	return ok;
}

int
main(void)
{
	int i, ok = 1, to_child[2], to_parent[2], status;
	pid_t pid;

	say_rc("sched_yield", sched_yield());
	for (i = 0; i < 100; i++)
		ok &= sched_yield() == 0;
	say("100 yields: all 0: %s\n", ok ? "yes" : "no");
	pipe(to_child);
	pipe(to_parent);
	pid = fork();
	if (pid == 0) {
		ok = turns(to_child[0], to_parent[1], 0);
		say("child: 10 turns, every yield 0: %s\n", ok ? "yes" : "no");
		_exit(0);
	}
	ok = turns(to_parent[0], to_child[1], 1);
	waitpid(pid, &status, 0);
	say("parent: 10 turns, every yield 0: %s, child %s\n", ok ? "yes" : "no",
	    WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "exited 0" : "did not exit 0");
	return 0;
}
