// @desc: close: a file, a pipe end (the other end then sees EOF or EPIPE), a dup leaves the original open; EBADF for a closed fd, -1 and a large fd
// @expect: close file: 0
// @expect: close again: -1 EBADF
// @expect: close -1: -1 EBADF
// @expect: close 4096: -1 EBADF
// @expect: read after closing the write end: 0
// @expect: write after closing the read end: -1 EPIPE
// @expect: close the dup: 0, the original still reads: 5 bytes
#include "tdiff_test.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

int
main(void)
{
	int fd, dupfd, p[2];
	char buf[8];

	signal(SIGPIPE, SIG_IGN);
	fd = open("/data/hello.txt", O_RDONLY);
	say_rc("close file", close(fd));
	say_rc("close again", close(fd));
	say_rc("close -1", close(-1));
	say_rc("close 4096", close(4096));
	if (pipe(p) < 0)
		return 1;
	say_rc("close write end", close(p[1]));
	say_rc("read after closing the write end", read(p[0], buf, sizeof(buf)));
	close(p[0]);
	if (pipe(p) < 0)
		return 1;
	say_rc("close read end", close(p[0]));
	say_rc("write after closing the read end", write(p[1], "x", 1));
	close(p[1]);
	fd = open("/data/hello.txt", O_RDONLY);
	dupfd = dup(fd);
	say("close the dup: %d, the original still reads: %ld bytes\n", close(dupfd),
	    (long)read(fd, buf, 5));
	say_rc("fcntl on the closed dup", fcntl(dupfd, F_GETFD));
	close(fd);
	return 0;
}
