// @desc: wait: three children exiting 1, 2 and 3 reaped in any order (statuses summed), a child killed by SIGTERM seen as signaled, wait(NULL) reaps without a status; ECHILD once no child is left
// @expect: three children: reaped 3, exit codes sum to 6, pids all distinct children: yes
// @expect: killed child: killed by SIGTERM
// @expect: wait(NULL): reaped the child: yes
// @expect: wait with no children: -1 ECHILD
#include "tdiff_test.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(void)
{
	pid_t kids[3], pid;
	char buf[64];
	int i, j, status, sum = 0, reaped = 0, mine = 1;

	for (i = 0; i < 3; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			_exit(i + 1);
	}
	for (i = 0; i < 3; i++) {
		pid = wait(&status);
		for (j = 0; j < 3 && kids[j] != pid; j++)
			;
		if (j == 3)
			mine = 0;
		else
			kids[j] = 0;
		if (pid > 0 && WIFEXITED(status)) {
			reaped++;
			sum += WEXITSTATUS(status);
		}
	}
	say("three children: reaped %d, exit codes sum to %d, pids all distinct children: %s\n",
	    reaped, sum, mine ? "yes" : "no");
	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(0);
	}
	wait(&status);
	say("killed child: %s\n", describe_status(status, buf, sizeof(buf)));
	pid = fork();
	if (pid == 0)
		_exit(0);
	say("wait(NULL): reaped the child: %s\n", wait(NULL) == pid ? "yes" : "no");
	say_rc("wait with no children", wait(&status));
	return 0;
}
