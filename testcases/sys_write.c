// @desc: write: to a file (size and offset follow), 0 bytes, a write past the end leaves a hole of zeros, /dev/null swallows everything, the console; EBADF (closed, read-only), EFAULT, EPIPE (SIGPIPE ignored)
// @expect: write 5 to a file: 5, size 5, offset 5
// @expect: write 0 bytes: 0
// @expect: write after seeking to 10: 3, size 13, bytes 5..9 zero: yes
// @expect: write 4096 to /dev/null: 4096
// @expect: to the console
// @expect: write a closed fd: -1 EBADF
// @expect: write a read-only fd: -1 EBADF
// @expect: write from a bad buffer: -1 EFAULT
// @expect: write to a pipe without readers: -1 EPIPE
// @smoke: none
// (the smoke run's chroot has no /dev)
#include "tdiff_test.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(void)
{
	static char big[4096];
	struct stat st;
	char buf[16];
	int fd, i, zero = 1, p[2];
	long r;

	if (test_dir("/tmp/sys_write") < 0)
		return 1;
	fd = open("f", O_CREAT | O_RDWR, 0644);
	r = write(fd, "hello", 5);
	fstat(fd, &st);
	say("write 5 to a file: %ld, size %ld, offset %ld\n", r, (long)st.st_size, (long)lseek(fd, 0, SEEK_CUR));
	say_rc("write 0 bytes", write(fd, "", 0));
	lseek(fd, 10, SEEK_SET);
	r = write(fd, "end", 3);
	fstat(fd, &st);
	pread(fd, buf, 5, 5);
	for (i = 0; i < 5; i++)
		zero &= buf[i] == 0;
	say("write after seeking to 10: %ld, size %ld, bytes 5..9 zero: %s\n", r, (long)st.st_size, zero ? "yes" : "no");
	/* glibc's headers let gcc see the bad buffer: the call is the point */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overread"
	say_rc("write from a bad buffer", write(fd, (const void *)1, 4));
#pragma GCC diagnostic pop
	close(fd);
	say_rc("write a closed fd", write(fd, "x", 1));
	fd = open("/dev/null", O_WRONLY);
	say_rc("write 4096 to /dev/null", write(fd, big, sizeof(big)));
	close(fd);
	write(1, "to the console\n", 15);
	fd = open("f", O_RDONLY);
	say_rc("write a read-only fd", write(fd, "x", 1));
	close(fd);
	signal(SIGPIPE, SIG_IGN);
	pipe(p);
	close(p[0]);
	say_rc("write to a pipe without readers", write(p[1], "x", 1));
	return 0;
}
