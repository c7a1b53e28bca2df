// @desc: ftruncate: grow (zeros read back), shrink (the offset may lie past the end, a read there gives 0), mtime moves on; EINVAL for a negative length, a read-only fd or a pipe, EBADF
// @timeout: 10
// @expect: grow to 10: 0, size 10, bytes 3..9 zero: yes
// @expect: shrink to 2: 0, size 2, reads ab
// @expect: read at offset 10 after the shrink: 0
// @expect: mtime moved on: yes
// @expect: truncate to 0: size 0
// @expect: negative length: -1 EINVAL
// @expect: read-only fd: -1 EINVAL
// @expect: on a pipe: -1 EINVAL
// @expect: bad fd: -1 EBADF
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(void)
{
	/* the epoch: riscv64's Linux has no RTC here, its clock starts at 0 */
	struct timespec old[2] = { { 0, 0 }, { 0, 0 } };
	char buf[16], zero[7] = { 0 };
	struct stat st;
	int fd, rfd, p[2];
	long r;

	if (test_dir("/tmp/ftruncate") < 0)
		return 1;
	fd = open("f", O_CREAT | O_RDWR, 0644);
	if (fd < 0 || write(fd, "abc", 3) != 3)
		return 1;
	r = ftruncate(fd, 10);
	fstat(fd, &st);
	pread(fd, buf, 10, 0);
	say("grow to 10: %ld, size %ld, bytes 3..9 zero: %s\n", r, (long)st.st_size,
	    memcmp(buf + 3, zero, 7) ? "no" : "yes");
	lseek(fd, 10, SEEK_SET);
	futimens(fd, old);
	r = ftruncate(fd, 2);
	fstat(fd, &st);
	say("shrink to 2: %ld, size %ld, reads %.*s\n", r, (long)st.st_size,
	    (int)pread(fd, buf, 10, 0), buf);
	say_rc("read at offset 10 after the shrink", read(fd, buf, 10));
	say("mtime moved on: %s\n", st.st_mtim.tv_sec > 0 || st.st_mtim.tv_nsec > 0 ? "yes" : "no");
	ftruncate(fd, 0);
	fstat(fd, &st);
	say("truncate to 0: size %ld\n", (long)st.st_size);
	say_rc("negative length", ftruncate(fd, -1));
	rfd = open("f", O_RDONLY);
	say_rc("read-only fd", ftruncate(rfd, 0));
	pipe(p);
	say_rc("on a pipe", ftruncate(p[1], 0));
	say_rc("bad fd", ftruncate(99, 0));
	return 0;
}
