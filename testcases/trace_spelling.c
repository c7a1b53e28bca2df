// @desc: results and arguments strace spells its own way: umask in octal, fcntl's F_GETFL/F_GETFD in hex, open's mode with file-type bits, times and getrusage structs, an unknown syscall number
// @timeout: 10
// @expect: umask: 022 then 022
// @expect: open: ok
// @expect: fcntl: F_GETFL O_RDWR yes, F_GETFD FD_CLOEXEC yes
// @expect: times: ok, getrusage: ok, children ok
// @expect: syscall 1000: ENOSYS
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <unistd.h>

int
main(void)
{
	struct rusage ru;
	struct tms t;
	long r;
	int fd, fl, fdf;

	/* the first umask answers the boot's mask, the second the one just set */
	mode_t a = umask(022), b = umask(0);
	say("umask: %03o then %03o\n", (unsigned)a, (unsigned)b);
	/* O_CREAT of an existing file: the mode is printed (with S_IFREG), not used */
	fd = open("/dev/null", O_RDWR | O_CREAT, S_IFREG | 0644);
	say("open: %s\n", fd >= 0 ? "ok" : errname(errno));
	if (fd < 0)
		return 1;
	fl = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	fdf = fcntl(fd, F_GETFD);
	say("fcntl: F_GETFL O_RDWR %s, F_GETFD FD_CLOEXEC %s\n", (fl & O_ACCMODE) == O_RDWR ? "yes" : "no",
	    fdf == FD_CLOEXEC ? "yes" : "no");
	close(fd);
	r = (long)times(&t);
	say("times: %s, getrusage: %s, children %s\n", r != -1 ? "ok" : "failed",
	    getrusage(RUSAGE_SELF, &ru) == 0 ? "ok" : "failed",
	    getrusage(RUSAGE_CHILDREN, &ru) == 0 ? "ok" : "failed");
	r = raw_syscall6(1000, 1, 2, 3, 4, 5, 6);
	say("syscall 1000: %s\n", r == -ENOSYS ? "ENOSYS" : "answered");
	return 0;
}
