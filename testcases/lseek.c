// @desc: lseek: SEEK_SET, SEEK_CUR, SEEK_END, past the end (a write there leaves a hole of zeros), a negative result or an unknown whence EINVAL, ESPIPE on a pipe, EBADF
// @timeout: 10
// @expect: SEEK_SET 3: 3, reads 345
// @expect: SEEK_CUR 2: 8
// @expect: SEEK_CUR -4: 4
// @expect: SEEK_END 0: 10
// @expect: SEEK_END -3: 7, reads 789
// @expect: SEEK_SET 20 (past the end): 20, read 0
// @expect: write at 20: size 21, bytes 10..19 zero: yes
// @expect: SEEK_SET -1: -1 EINVAL, offset still 21
// @expect: SEEK_CUR -100: -1 EINVAL
// @expect: SEEK_END -100: -1 EINVAL
// @expect: whence 7: -1 EINVAL
// @expect: lseek on a pipe: -1 ESPIPE
// @expect: lseek bad fd: -1 EBADF
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(void)
{
	char buf[32], zero[10] = { 0 };
	struct stat st;
	int fd, p[2];
	long r;

	if (test_dir("/tmp/lseek") < 0)
		return 1;
	fd = open("f", O_CREAT | O_RDWR, 0644);
	if (fd < 0 || write(fd, "0123456789", 10) != 10)
		return 1;
	r = lseek(fd, 3, SEEK_SET);
	say("SEEK_SET 3: %ld, reads %.*s\n", r, (int)read(fd, buf, 3), buf);
	say_rc("SEEK_CUR 2", lseek(fd, 2, SEEK_CUR));
	say_rc("SEEK_CUR -4", lseek(fd, -4, SEEK_CUR));
	say_rc("SEEK_END 0", lseek(fd, 0, SEEK_END));
	r = lseek(fd, -3, SEEK_END);
	say("SEEK_END -3: %ld, reads %.*s\n", r, (int)read(fd, buf, 3), buf);
	r = lseek(fd, 20, SEEK_SET);
	say("SEEK_SET 20 (past the end): %ld, read %ld\n", r, (long)read(fd, buf, 3));
	(void)!write(fd, "x", 1);
	fstat(fd, &st);
	pread(fd, buf, 21, 0);
	say("write at 20: size %ld, bytes 10..19 zero: %s\n", (long)st.st_size,
	    memcmp(buf + 10, zero, 10) ? "no" : "yes");
	r = lseek(fd, -1, SEEK_SET);
	say("SEEK_SET -1: %ld %s, offset still %ld\n", r, r < 0 ? errname(errno) : "",
	    (long)lseek(fd, 0, SEEK_CUR));
	say_rc("SEEK_CUR -100", lseek(fd, -100, SEEK_CUR));
	say_rc("SEEK_END -100", lseek(fd, -100, SEEK_END));
	say_rc("whence 7", lseek(fd, 0, 7));
	pipe(p);
	say_rc("lseek on a pipe", lseek(p[0], 0, SEEK_SET));
	say_rc("lseek bad fd", lseek(99, 0, SEEK_SET));
	return 0;
}
