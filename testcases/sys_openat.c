// @desc: openat: relative to a directory fd, to AT_FDCWD, an absolute path ignores even a bad dirfd, O_CREAT under a dirfd, O_CLOEXEC sets FD_CLOEXEC; EBADF (bad dirfd with a relative path), ENOTDIR (dirfd of a file), ENOENT, EFAULT
// @expect: openat dfd hello.txt: reads hello
// @expect: openat AT_FDCWD data/hello.txt from /: reads hello
// @expect: openat 99 /data/hello.txt (absolute): reads hello
// @expect: openat dfd O_CREAT new: 0, /tmp/sys_openat/new exists: yes
// @expect: openat O_CLOEXEC: FD_CLOEXEC 1
// @expect: openat bad dfd, relative: -1 EBADF
// @expect: openat file fd as dfd: -1 ENOTDIR
// @expect: openat dfd missing: -1 ENOENT
// @expect: openat bad pointer: -1 EFAULT
#include "tdiff_test.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* show_read: "what: reads <first line>" for an fd, say_rc for a failure */
static void
show_read(const char *what, int fd)
{
	char buf[32];
	ssize_t n;

	if (fd < 0) {
		say_rc(what, fd);
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	buf[strcspn(buf, "\n")] = 0;
	say("%s: reads %s\n", what, buf);
	close(fd);
}

int
main(void)
{
	int dfd, tdfd, fd;

	dfd = open("/data", O_RDONLY | O_DIRECTORY);
	show_read("openat dfd hello.txt", openat(dfd, "hello.txt", O_RDONLY));
	chdir("/");
	show_read("openat AT_FDCWD data/hello.txt from /", openat(AT_FDCWD, "data/hello.txt", O_RDONLY));
	show_read("openat 99 /data/hello.txt (absolute)", openat(99, "/data/hello.txt", O_RDONLY));
	mkdir("/tmp/sys_openat", 0755);
	tdfd = open("/tmp/sys_openat", O_RDONLY | O_DIRECTORY);
	fd = openat(tdfd, "new", O_CREAT | O_WRONLY, 0644);
	say("openat dfd O_CREAT new: %d, /tmp/sys_openat/new exists: %s\n", fd < 0 ? -1 : 0,
	    access("/tmp/sys_openat/new", F_OK) == 0 ? "yes" : "no");
	close(fd);
	fd = openat(dfd, "hello.txt", O_RDONLY | O_CLOEXEC);
	say("openat O_CLOEXEC: FD_CLOEXEC %d\n", fcntl(fd, F_GETFD));
	say_rc("openat bad dfd, relative", openat(99, "hello.txt", O_RDONLY));
	say_rc("openat file fd as dfd", openat(fd, "x", O_RDONLY));
	say_rc("openat dfd missing", openat(dfd, "missing", O_RDONLY));
	say_rc("openat bad pointer", openat(dfd, (const char *)1, O_RDONLY));
	return 0;
}
