// @desc: read: a file in pieces and 0 at its end, the offset moves, a count of 0, /dev/zero fills the buffer, a pipe returns what is there; EBADF (closed, write-only), EISDIR, EFAULT
// @expect: read 3: 3 hel
// @expect: read 100: 3 lo
// @expect: read at the end: 0
// @expect: offset after reading: 6
// @expect: read 0 bytes: 0
// @expect: /dev/zero: 16 zero bytes: yes
// @expect: pipe with 2 bytes, read 10: 2
// @expect: read a closed fd: -1 EBADF
// @expect: read a write-only fd: -1 EBADF
// @expect: read a directory: -1 EISDIR
// @expect: read into a bad buffer: -1 EFAULT
// @smoke: none
// (the smoke run's chroot has no /dev)
#include "tdiff_test.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* show_read: "what: n text" for a read of count bytes (newline stripped) */
static void
show_read(const char *what, int fd, size_t count)
{
	char buf[128];
	ssize_t n = read(fd, buf, count);

	if (n < 0) {
		say_rc(what, n);
		return;
	}
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	say("%s: %ld %s\n", what, (long)n, buf);
}

int
main(void)
{
	char buf[16];
	int fd, p[2], i, zero = 1;

	fd = open("/data/hello.txt", O_RDONLY);
	show_read("read 3", fd, 3);
	show_read("read 100", fd, 100);
	say_rc("read at the end", read(fd, buf, sizeof(buf)));
	say("offset after reading: %ld\n", (long)lseek(fd, 0, SEEK_CUR));
	say_rc("read 0 bytes", read(fd, buf, 0));
	/* glibc's headers let gcc see the bad buffer: the call is the point */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overflow"
	say_rc("read into a bad buffer", (lseek(fd, 0, SEEK_SET), read(fd, (void *)1, 4)));
#pragma GCC diagnostic pop
	close(fd);
	say_rc("read a closed fd", read(fd, buf, 1));
	fd = open("/dev/zero", O_RDONLY);
	memset(buf, 1, sizeof(buf));
	say_rc("read /dev/zero", read(fd, buf, sizeof(buf)));
	for (i = 0; i < 16; i++)
		zero &= buf[i] == 0;
	say("/dev/zero: 16 zero bytes: %s\n", zero ? "yes" : "no");
	close(fd);
	pipe(p);
	write(p[1], "ab", 2);
	say_rc("pipe with 2 bytes, read 10", read(p[0], buf, 10));
	say_rc("read the write end of a pipe", read(p[1], buf, 1));
	fd = open("/tmp/sys_read", O_CREAT | O_WRONLY, 0644);
	say_rc("read a write-only fd", read(fd, buf, 1));
	close(fd);
	fd = open("/data", O_RDONLY | O_DIRECTORY);
	say_rc("read a directory", read(fd, buf, 1));
	return 0;
}
