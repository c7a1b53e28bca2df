// @desc: fork: 0 in the child, the child's pid in the parent; the child's getppid is the parent; memory is copied (writes on either side stay there); fds are shared (a pipe carries the child's bytes); the child's exit status reaches wait
// @expect: fork: child sees 0, parent sees the child's pid: yes
// @expect: child: getppid is the parent: yes
// @expect: child: value 1, set to 2
// @expect: parent: value still 1
// @expect: parent: read from the child through a pipe: hi
// @expect: parent: child exited 4
#include "tdiff_test.h"

#include <sys/wait.h>
#include <unistd.h>

static volatile int value = 1;

int
main(void)
{
	char buf[64];
	int p[2], status;
	pid_t parent = getpid(), pid;
	ssize_t n;

	if (pipe(p) < 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		say("child: getppid is the parent: %s\n", getppid() == parent ? "yes" : "no");
		say("child: value %d, set to 2\n", value);
		value = 2;
		write(p[1], "hi", 2);
		_exit(4);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	say("fork: child sees 0, parent sees the child's pid: %s\n", pid != parent ? "yes" : "no");
	say("parent: value still %d\n", value);
	close(p[1]);
	n = read(p[0], buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	say("parent: read from the child through a pipe: %s\n", buf);
	say("parent: child %s\n", describe_status(status, buf, sizeof(buf)));
	return 0;
}
