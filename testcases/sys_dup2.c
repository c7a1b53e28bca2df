// @desc: dup2 and dup3: a chosen fd, over an open fd (closed silently), dup2 onto itself, dup3 O_CLOEXEC; EBADF (closed old fd, negative or too large new fd), EINVAL (dup3 onto itself, unknown flag)
// @expect: dup2 3 10: 10
// @expect: 10 reads the same file: hello
// @expect: dup2 over an open fd: 4, it now reads: hello
// @expect: dup2 3 3: 3
// @expect: dup3 O_CLOEXEC: 11, FD_CLOEXEC 1
// @expect: dup2 closed fd: -1 EBADF
// @expect: dup2 onto -1: -1 EBADF
// @expect: dup3 onto itself: -1 EINVAL
// @expect: dup3 bad flag: -1 EINVAL
#include "tdiff_test.h"

#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* say_raw: "what: -1 EFOO" for a raw -errno result, "what: N" else */
static void
say_raw(const char *what, long r)
{
	if (r < 0)
		say("%s: -1 %s\n", what, errname((int)-r));
	else
		say("%s: %ld\n", what, r);
}

/* first_word: read fd from offset 0 and cut at the newline */
static const char *
first_word(int fd, char *buf, size_t len)
{
	ssize_t n = pread(fd, buf, len - 1, 0);

	buf[n > 0 ? n : 0] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return buf;
}

int
main(void)
{
	char buf[16];
	int fd, other, r;

	fd = open("/data/hello.txt", O_RDONLY);
	if (fd != 3)
		return 1;
	say_rc("dup2 3 10", dup2(fd, 10));
	say("10 reads the same file: %s\n", first_word(10, buf, sizeof(buf)));
	other = open("/data", O_RDONLY | O_DIRECTORY);
	r = dup2(fd, other);
	say("dup2 over an open fd: %d, it now reads: %s\n", r, first_word(other, buf, sizeof(buf)));
	say_rc("dup2 3 3", dup2(fd, fd));
	say_raw("dup3 3 11 O_CLOEXEC", raw_syscall6(SYS_dup3, fd, 11, O_CLOEXEC, 0, 0, 0));
	say("dup3 O_CLOEXEC: 11, FD_CLOEXEC %d\n", fcntl(11, F_GETFD));
	say_rc("dup2 closed fd", dup2(20, 21));
	say_rc("dup2 onto -1", dup2(fd, -1));
	say_rc("dup2 onto 1<<20", dup2(fd, 1 << 20));
	say_raw("dup3 onto itself", raw_syscall6(SYS_dup3, fd, fd, 0, 0, 0, 0));
	say_raw("dup3 bad flag", raw_syscall6(SYS_dup3, fd, 12, 0x1, 0, 0, 0));
	say_rc("close 10", close(10));
	return 0;
}
