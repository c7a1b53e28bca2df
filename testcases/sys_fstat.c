// @desc: fstat: a regular file's type, mode, size and link count, a directory, a pipe, /dev/null (character device 1,3); EBADF and EFAULT (raw syscall: musl would copy through the bad pointer itself)
// @expect: file: regular, mode 0640, size 5, nlink 1
// @expect: after a write of 7 more bytes: size 12
// @expect: directory: directory, mode 0755
// @expect: pipe: fifo
// @expect: /dev/null: character device 1,3
// @expect: fstat closed fd: -1 EBADF
// @expect: fstat bad pointer: -1 EFAULT
// @smoke: none
// (the smoke run's chroot has no /dev, and its fd 1 is a file)
#include "tdiff_test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* kind: the file type of a mode, in words */
static const char *
kind(mode_t m)
{
	return S_ISREG(m) ? "regular" : S_ISDIR(m) ? "directory" : S_ISFIFO(m) ? "fifo" :
	       S_ISCHR(m) ? "character device" : S_ISLNK(m) ? "symlink" : "other";
}

int
main(void)
{
	struct stat st;
	int fd, p[2];
	long r;

	if (test_dir("/tmp/sys_fstat") < 0)
		return 1;
	umask(0);
	fd = open("f", O_CREAT | O_RDWR, 0640);
	if (fd < 0 || write(fd, "hello", 5) != 5 || fstat(fd, &st) < 0)
		return 1;
	say("file: %s, mode 0%o, size %ld, nlink %lu\n", kind(st.st_mode), st.st_mode & 07777,
	    (long)st.st_size, (unsigned long)st.st_nlink);
	write(fd, " world!", 7);
	fstat(fd, &st);
	say("after a write of 7 more bytes: size %ld\n", (long)st.st_size);
	close(fd);
	fd = open(".", O_RDONLY | O_DIRECTORY);
	fstat(fd, &st);
	say("directory: %s, mode 0%o\n", kind(st.st_mode), st.st_mode & 07777);
	close(fd);
	pipe(p);
	fstat(p[0], &st);
	say("pipe: %s\n", kind(st.st_mode));
	close(p[0]);
	close(p[1]);
	fd = open("/dev/null", O_RDWR);
	fstat(fd, &st);
	say("/dev/null: %s %u,%u\n", kind(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
	close(fd);
	say_rc("fstat closed fd", fstat(fd, &st));
	r = raw_syscall6(SYS_fstat, 1, 1, 0, 0, 0, 0);
	say("fstat bad pointer: %ld %s\n", r < 0 ? -1L : r, r < 0 ? errname((int)-r) : "");
	return 0;
}
