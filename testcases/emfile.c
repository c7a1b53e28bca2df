// @desc: RLIMIT_NOFILE lowered to 8: open until EMFILE (fds 3..7), dup, F_DUPFD and pipe2 give EMFILE, F_DUPFD at the limit EINVAL, dup2 to the limit EBADF, a closed fd is reused lowest first; a soft limit above the hard one is EINVAL
// @timeout: 10
// @expect: setrlimit NOFILE 8: 0
// @expect: opened 5 (fds 3..7), then -1 EMFILE
// @expect: dup: -1 EMFILE
// @expect: F_DUPFD 0: -1 EMFILE
// @expect: F_DUPFD 8: -1 EINVAL
// @expect: dup2 0 8: -1 EBADF
// @expect: pipe: -1 EMFILE
// @expect: close 5, open again: 5
// @expect: soft above hard: -1 EINVAL
// @expect: back to 64, open: 8
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

int
main(void)
{
	struct rlimit rl, lim;
	int fd, first = -1, last = -1, n = 0, p[2];

	getrlimit(RLIMIT_NOFILE, &rl);
	lim = rl;
	lim.rlim_cur = 8;
	say_rc("setrlimit NOFILE 8", setrlimit(RLIMIT_NOFILE, &lim));
	while ((fd = open("/data/hello.txt", O_RDONLY)) >= 0 && n < 100) {
		if (first < 0)
			first = fd;
		last = fd;
		n++;
	}
	say("opened %d (fds %d..%d), then -1 %s\n", n, first, last, errname(errno));
	say_rc("dup", dup(0));
	say_rc("F_DUPFD 0", fcntl(0, F_DUPFD, 0));
	say_rc("F_DUPFD 8", fcntl(0, F_DUPFD, 8));
	say_rc("dup2 0 8", dup2(0, 8));
	say_rc("pipe", pipe(p));
	close(5);
	say_rc("close 5, open again", open("/data/hello.txt", O_RDONLY));
	lim.rlim_cur = rl.rlim_max + 1;
	lim.rlim_max = rl.rlim_max;
	say_rc("soft above hard", setrlimit(RLIMIT_NOFILE, &lim));
	lim.rlim_cur = 64;
	say_rc("back to 64, open", setrlimit(RLIMIT_NOFILE, &lim) ? -1 : open("/data/hello.txt", O_RDONLY));
	return 0;
}
