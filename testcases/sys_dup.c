// @desc: dup: the lowest free fd, one open file (shared offset and status flags), FD_CLOEXEC not copied; EBADF for a closed fd, -1 and a large fd
// @expect: dup of 3: 4 (the lowest free)
// @expect: dup after closing 0..: 0 is free, dup gives 0
// @expect: offset shared: read 3 bytes through one, the other is at 3
// @expect: O_APPEND set on one, seen on the other: yes
// @expect: FD_CLOEXEC on the original, on the dup: 1 0
// @expect: dup of a closed fd: -1 EBADF
// @expect: dup -1: -1 EBADF
#include "tdiff_test.h"

#include <fcntl.h>
#include <unistd.h>

int
main(void)
{
	int fd, d, d0;
	char buf[8];

	if (test_dir("/tmp/sys_dup") < 0)
		return 1;
	fd = open("f", O_CREAT | O_RDWR | O_CLOEXEC, 0644);
	if (fd != 3 || write(fd, "abcdef", 6) != 6)
		return 1;
	lseek(fd, 0, SEEK_SET);
	d = dup(fd);
	say("dup of 3: %d (the lowest free)\n", d);
	read(d, buf, 3);
	say("offset shared: read 3 bytes through one, the other is at %ld\n", (long)lseek(fd, 0, SEEK_CUR));
	fcntl(d, F_SETFL, O_APPEND);
	say("O_APPEND set on one, seen on the other: %s\n", fcntl(fd, F_GETFL) & O_APPEND ? "yes" : "no");
	say("FD_CLOEXEC on the original, on the dup: %d %d\n", fcntl(fd, F_GETFD), fcntl(d, F_GETFD));
	d0 = dup(0);
	close(0);
	say("dup after closing 0..: 0 is free, dup gives %d\n", dup(fd));
	close(0);
	dup2(d0, 0);
	close(d0);
	close(d);
	say_rc("dup of a closed fd", dup(d));
	say_rc("dup -1", dup(-1));
	say_rc("dup 100000", dup(100000));
	close(fd);
	return 0;
}
