// @desc: readlink and readlinkat: the target without a NUL, cut at bufsiz; EINVAL for bufsiz 0 and a non-link, ENOENT, ENOTDIR, EFAULT, EBADF, a link through a symlinked directory
// @timeout: 10
// @expect: readlink s: 11 [some/target]
// @expect: readlink s, bufsiz 4: 4 [some]
// @expect: readlinkat s, bufsiz 0: -1 EINVAL
// @expect: readlink regular file: -1 EINVAL
// @expect: readlink directory: -1 EINVAL
// @expect: readlink missing: -1 ENOENT
// @expect: readlink under a file: -1 ENOTDIR
// @expect: readlink bad path: -1 EFAULT
// @expect: readlink bad buffer: -1 EFAULT
// @expect: readlink ld/s2 through a linked dir: 2 [..]
// @expect: readlinkat d s2: 2 [..]
// @expect: readlinkat bad dfd: -1 EBADF
// @expect: readlinkat regular file as dfd: -1 ENOTDIR
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* show: "what: n [bytes]" or "what: -1 EFOO". */
static void
show(const char *what, ssize_t n, const char *buf)
{
	if (n < 0)
		say_rc(what, n);
	else
		say("%s: %ld [%.*s]\n", what, (long)n, (int)n, buf);
}

int
main(void)
{
	char buf[64];
	int fd, dfd;
	long n;

	if (test_dir("/tmp/readlink") < 0)
		return 1;
	symlink("some/target", "s");
	fd = open("f", O_CREAT | O_WRONLY, 0644);
	close(fd);
	mkdir("d", 0755);
	symlink("..", "d/s2");
	symlink("d", "ld");
	show("readlink s", readlink("s", buf, sizeof(buf)), buf);
	show("readlink s, bufsiz 4", readlink("s", buf, 4), buf);
	/* musl turns bufsiz 0 into a 1-byte dummy buffer: ask the kernel itself */
	n = raw_syscall6(SYS_readlinkat, AT_FDCWD, (long)"s", (long)buf, 0, 0, 0);
	if (n < 0) {
		errno = (int)-n;
		n = -1;
	}
	show("readlinkat s, bufsiz 0", n, buf);
	show("readlink regular file", readlink("f", buf, sizeof(buf)), buf);
	show("readlink directory", readlink("d", buf, sizeof(buf)), buf);
	show("readlink missing", readlink("missing", buf, sizeof(buf)), buf);
	show("readlink under a file", readlink("f/x", buf, sizeof(buf)), buf);
	show("readlink bad path", readlink((const char *)1, buf, sizeof(buf)), buf);
	/* glibc's headers know readlink's buffer size: the bad address is the point */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overflow"
	show("readlink bad buffer", readlink("s", (char *)1, sizeof(buf)), buf);
#pragma GCC diagnostic pop
	show("readlink ld/s2 through a linked dir", readlink("ld/s2", buf, sizeof(buf)), buf);
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	show("readlinkat d s2", readlinkat(dfd, "s2", buf, sizeof(buf)), buf);
	close(dfd);
	show("readlinkat bad dfd", readlinkat(99, "s2", buf, sizeof(buf)), buf);
	fd = open("f", O_RDONLY);
	show("readlinkat regular file as dfd", readlinkat(fd, "s2", buf, sizeof(buf)), buf);
	close(fd);
	return 0;
}
