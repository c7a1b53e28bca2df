// @desc: pread64 and pwrite64: at an offset without moving the file offset, past the end (0 bytes; a hole of zeros for a write); EINVAL for a negative offset, ESPIPE on a pipe, EBADF, EFAULT, EISDIR
// @timeout: 10
// @expect: pwrite 5 at 2: 5, offset still 0
// @expect: pread 4 at 3: 4 [ello], offset still 0
// @expect: pread at 100: 0
// @expect: pwrite at 12: 2, size 14, bytes 7..11 zero: yes
// @expect: pread negative offset: -1 EINVAL
// @expect: pwrite negative offset: -1 EINVAL
// @expect: pread on a pipe: -1 ESPIPE
// @expect: pread bad fd: -1 EBADF
// @expect: pread on a write-only fd: -1 EBADF
// @expect: pread bad buffer: -1 EFAULT
// @expect: pwrite bad buffer: -1 EFAULT
// @expect: pread on a directory: -1 EISDIR
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(void)
{
	char buf[32], zero[5] = { 0 };
	struct stat st;
	int fd, wfd, dfd, p[2];
	long r;

	if (test_dir("/tmp/pread_pwrite") < 0)
		return 1;
	fd = open("f", O_CREAT | O_RDWR, 0644);
	if (fd < 0)
		return 1;
	r = pwrite(fd, "hello", 5, 2);
	say("pwrite 5 at 2: %ld, offset still %ld\n", r, (long)lseek(fd, 0, SEEK_CUR));
	r = pread(fd, buf, 4, 3);
	say("pread 4 at 3: %ld [%.*s], offset still %ld\n", r, r > 0 ? (int)r : 0, buf,
	    (long)lseek(fd, 0, SEEK_CUR));
	say_rc("pread at 100", pread(fd, buf, 4, 100));
	r = pwrite(fd, "zz", 2, 12);
	fstat(fd, &st);
	pread(fd, buf, 14, 0);
	say("pwrite at 12: %ld, size %ld, bytes 7..11 zero: %s\n", r, (long)st.st_size,
	    memcmp(buf + 7, zero, 5) ? "no" : "yes");
	say_rc("pread negative offset", pread(fd, buf, 4, -1));
	say_rc("pwrite negative offset", pwrite(fd, "x", 1, -1));
	pipe(p);
	say_rc("pread on a pipe", pread(p[0], buf, 4, 0));
	say_rc("pread bad fd", pread(99, buf, 4, 0));
	wfd = open("f", O_WRONLY);
	say_rc("pread on a write-only fd", pread(wfd, buf, 4, 0));
	/* glibc's headers know the buffer sizes: the bad address is the point */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#pragma GCC diagnostic ignored "-Wstringop-overread"
	say_rc("pread bad buffer", pread(fd, (char *)1, 4, 0));
	say_rc("pwrite bad buffer", pwrite(fd, (char *)1, 4, 0));
#pragma GCC diagnostic pop
	dfd = open(".", O_RDONLY | O_DIRECTORY);
	say_rc("pread on a directory", pread(dfd, buf, 4, 0));
	return 0;
}
