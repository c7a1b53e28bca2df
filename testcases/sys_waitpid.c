// @desc: waitpid: a chosen child first although another exits too, WNOHANG on a running child gives 0 and later its status, pid 0 and -pgid wait for the process group (the test first makes its own group, as a shell would), a child's exit code 200 and a signal death; ECHILD (not a child, no children), EINVAL (unknown option)
// @expect: waitpid second child first: exited 2
// @expect: then the first: exited 1
// @expect: WNOHANG while the child runs: 0
// @expect: after the child's go: exited 200
// @expect: waitpid(0): exited 3
// @expect: waitpid(-pgid): exited 4
// @expect: a child that raised SIGKILL: killed by SIGKILL
// @expect: waitpid of a non-child (1): -1 ECHILD
// @expect: waitpid unknown option: -1 EINVAL
// @expect: waitpid with no children: -1 ECHILD
#include "tdiff_test.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

/* show_wait: "what: <status>" after waitpid(pid, options) */
static void
show_wait(const char *what, pid_t pid, int options)
{
	char buf[64];
	int status;
	pid_t r = waitpid(pid, &status, options);

	if (r <= 0) {
		say_rc(what, r);
		return;
	}
	say("%s: %s\n", what, describe_status(status, buf, sizeof(buf)));
}

/* child: fork a child that exits with code (after reading a byte from fd if fd >= 0) */
static pid_t
child(int code, int fd)
{
	pid_t pid = fork();
	char c;

	if (pid == 0) {
		if (fd >= 0)
			read(fd, &c, 1);
		_exit(code);
	}
	return pid;
}

int
main(void)
{
	pid_t a, b;
	int p[2];

	setpgid(0, 0);
	a = child(1, -1);
	b = child(2, -1);
	show_wait("waitpid second child first", b, 0);
	show_wait("then the first", a, 0);
	pipe(p);
	a = child(200, p[0]);
	show_wait("WNOHANG while the child runs", a, WNOHANG);
	write(p[1], "g", 1);
	show_wait("after the child's go", a, 0);
	child(3, -1);
	show_wait("waitpid(0)", 0, 0);
	child(4, -1);
	show_wait("waitpid(-pgid)", -getpgrp(), 0);
	a = fork();
	if (a == 0) {
		kill(getpid(), SIGKILL);
		_exit(0);
	}
	show_wait("a child that raised SIGKILL", a, 0);
	show_wait("waitpid of a non-child (1)", 1, 0);
	show_wait("waitpid unknown option", -1, 0x4000000);
	show_wait("waitpid with no children", -1, 0);
	return 0;
}
