// @desc: fcntl F_GETFL on the console fds (their values depend on how the runner opened them, so only golden checks them; qemu-user hides O_LARGEFILE, hence x86_64-only smoke), a file opened read-only and one opened O_WRONLY|O_APPEND, both ends of a pipe, after F_SETFL O_NONBLOCK (and what F_SETFL ignores), and EBADF for a closed fd
// @timeout: 10
// @smoke: x86_64
// @expect: getfl: /data/hello.txt O_RDONLY: 0x8000
// @expect: getfl: /tmp/getfl O_WRONLY|O_APPEND|O_CREAT: 0x8401
// @expect: getfl: pipe read end: 0
// @expect: getfl: pipe write end: 0x1
// @expect: getfl: pipe2(O_NONBLOCK|O_CLOEXEC) read end: 0x800
// @expect: getfl: pipe read end after F_SETFL O_NONBLOCK|O_WRONLY|O_CREAT: 0x800
// @expect: getfl: closed fd 9: EBADF
#include "tdiff_test.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* show: F_GETFL of fd, as the kernel returns it, in hex. */
static void
show(const char *what, int fd)
{
	long r = raw_syscall6(SYS_fcntl, fd, F_GETFL, 0, 0, 0, 0);
	if (r < 0)
		say("getfl: %s: %s\n", what, errname((int)-r));
	else
		say("getfl: %s: %#lx\n", what, r);
}

int
main(void)
{
	int fds[2], fd;

	show("fd 0 (console)", 0);
	show("fd 1 (console)", 1);
	show("fd 2 (console)", 2);
	fd = open("/data/hello.txt", O_RDONLY);
	show("/data/hello.txt O_RDONLY", fd);
	close(fd);
	fd = open("/tmp/getfl", O_WRONLY | O_APPEND | O_CREAT, 0644);
	show("/tmp/getfl O_WRONLY|O_APPEND|O_CREAT", fd);
	close(fd);
	pipe(fds);
	show("pipe read end", fds[0]);
	show("pipe write end", fds[1]);
	/* F_SETFL changes O_APPEND, O_NONBLOCK and a few more; the access
	 * mode and creation flags are ignored */
	raw_syscall6(SYS_fcntl, fds[0], F_SETFL, O_NONBLOCK | O_WRONLY | O_CREAT, 0, 0, 0);
	show("pipe read end after F_SETFL O_NONBLOCK|O_WRONLY|O_CREAT", fds[0]);
	close(fds[0]);
	close(fds[1]);
	pipe2(fds, O_NONBLOCK | O_CLOEXEC);
	show("pipe2(O_NONBLOCK|O_CLOEXEC) read end", fds[0]);
	close(fds[0]);
	close(fds[1]);
	show("closed fd 9", 9);
	return 0;
}
