// @desc: pipe and pipe2: bytes in order, a partial read returns what is there, EOF once every write end is closed, EPIPE (SIGPIPE ignored) and SIGPIPE (default, in a child) once every read end is closed, O_NONBLOCK gives EAGAIN on an empty pipe, O_CLOEXEC; EFAULT, EINVAL (unknown flag)
// @expect: pipe: fds 3 and 4
// @expect: read 100 of 5 written: 5 hello
// @expect: read after closing the write end: 0
// @expect: write after closing the read end: -1 EPIPE
// @expect: child writing to a pipe without readers: killed by SIGPIPE
// @expect: O_NONBLOCK read of an empty pipe: -1 EAGAIN
// @expect: O_CLOEXEC: FD_CLOEXEC 1 1
// @expect: pipe bad pointer: -1 EFAULT
// @expect: pipe2 unknown flag: -1 EINVAL
#include "tdiff_test.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* say_raw: "what: -1 EFOO" for a raw -errno result, "what: N" else */
static void
say_raw(const char *what, long r)
{
	if (r < 0)
		say("%s: -1 %s\n", what, errname((int)-r));
	else
		say("%s: %ld\n", what, r);
}

int
main(void)
{
	char buf[128];
	int p[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(p) < 0)
		return 1;
	say("pipe: fds %d and %d\n", p[0], p[1]);
	write(p[1], "hello", 5);
	n = read(p[0], buf, 100);
	buf[n > 0 ? n : 0] = 0;
	say("read 100 of 5 written: %ld %s\n", (long)n, buf);
	close(p[1]);
	say_rc("read after closing the write end", read(p[0], buf, 100));
	close(p[0]);

	pipe(p);
	close(p[0]);
	pid = fork();
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	say("child writing to a pipe without readers: %s\n", describe_status(status, buf, sizeof(buf)));
	signal(SIGPIPE, SIG_IGN);
	say_rc("write after closing the read end", write(p[1], "x", 1));
	close(p[1]);

	pipe2(p, O_NONBLOCK | O_CLOEXEC);
	say_rc("O_NONBLOCK read of an empty pipe", read(p[0], buf, 1));
	say("O_CLOEXEC: FD_CLOEXEC %d %d\n", fcntl(p[0], F_GETFD), fcntl(p[1], F_GETFD));
	close(p[0]);
	close(p[1]);
	say_raw("pipe bad pointer", raw_syscall6(SYS_pipe2, 1, 0, 0, 0, 0, 0));
	say_raw("pipe2 unknown flag", raw_syscall6(SYS_pipe2, (long)p, 0x1, 0, 0, 0, 0));
	return 0;
}
