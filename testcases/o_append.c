// @desc: O_APPEND: every write goes to the end whatever the offset (after lseek, and pwrite too, as Linux does), two fds appending interleave; clearing it with F_SETFL writes at the offset again
// @timeout: 10
// @expect: after two appends: size 6, offset 6
// @expect: write after lseek 0: offset 9, contents abcdefghi
// @expect: pwrite at 0 with O_APPEND: 3, contents abcdefghiJKL
// @expect: two appending fds: abcdefghiJKLmnoPQR
// @expect: F_GETFL has O_APPEND: yes
// @expect: after F_SETFL 0, write at 0: XYZdefghiJKLmnoPQR
// @expect: O_APPEND on a read-only fd, write: -1 EBADF
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* show: the whole file's contents under what. */
static void
show(const char *what)
{
	char buf[64];
	int fd = open("f", O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf));

	close(fd);
	say("%s%.*s\n", what, n > 0 ? (int)n : 0, buf);
}

int
main(void)
{
	struct stat st;
	int fd, fd2;
	long r;

	if (test_dir("/tmp/o_append") < 0)
		return 1;
	fd = open("f", O_CREAT | O_WRONLY | O_APPEND, 0644);
	if (fd < 0)
		return 1;
	(void)!write(fd, "abc", 3);
	(void)!write(fd, "def", 3);
	fstat(fd, &st);
	say("after two appends: size %ld, offset %ld\n", (long)st.st_size,
	    (long)lseek(fd, 0, SEEK_CUR));
	lseek(fd, 0, SEEK_SET);
	(void)!write(fd, "ghi", 3);
	say("write after lseek 0: offset %ld, ", (long)lseek(fd, 0, SEEK_CUR));
	show("contents ");
	r = pwrite(fd, "JKL", 3, 0);
	say("pwrite at 0 with O_APPEND: %ld, ", r);
	show("contents ");
	fd2 = open("f", O_WRONLY | O_APPEND);
	(void)!write(fd, "mno", 3);
	(void)!write(fd2, "PQR", 3);
	close(fd2);
	show("two appending fds: ");
	say("F_GETFL has O_APPEND: %s\n", (fcntl(fd, F_GETFL) & O_APPEND) ? "yes" : "no");
	fcntl(fd, F_SETFL, 0);
	lseek(fd, 0, SEEK_SET);
	(void)!write(fd, "XYZ", 3);
	show("after F_SETFL 0, write at 0: ");
	close(fd);
	fd = open("f", O_RDONLY | O_APPEND);
	say_rc("O_APPEND on a read-only fd, write", write(fd, "x", 1));
	close(fd);
	return 0;
}
