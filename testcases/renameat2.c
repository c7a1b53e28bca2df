// @desc: renameat2 flags: RENAME_NOREPLACE (EEXIST over a file, fine to a new name), RENAME_EXCHANGE (two files swap, a file and a directory swap, ENOENT without a target), both together or an unknown flag EINVAL, EBADF
// @timeout: 10
// @expect: NOREPLACE a b (b exists): -1 EEXIST
// @expect: NOREPLACE a n (new name): 0, n reads: A
// @expect: EXCHANGE n b: 0, n reads: B, b reads: A
// @expect: EXCHANGE b d (file and dir): 0, b is a dir: yes, d reads: A
// @expect: EXCHANGE n missing: -1 ENOENT
// @expect: EXCHANGE n n: 0
// @expect: NOREPLACE|EXCHANGE: -1 EINVAL
// @expect: unknown flag 0x8: -1 EINVAL
// @expect: NOREPLACE bad dfd: -1 EBADF
// @expect: NOREPLACE bad pointer: -1 EFAULT
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *
yes(int b)
{
	return b ? "yes" : "no";
}

static void
put(const char *name, const char *text)
{
	int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	(void)!write(fd, text, strlen(text));
	close(fd);
}

static const char *
get(const char *name, char *buf)
{
	int fd = open(name, O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, 15);

	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

/* ren2: renameat2 itself (musl may not wrap it); -1 and errno on failure. */
static long
ren2(int odfd, const char *old, int ndfd, const char *new, unsigned flags)
{
	long r = raw_syscall6(SYS_renameat2, odfd, (long)old, ndfd, (long)new, flags, 0);

	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

int
main(void)
{
	char b1[16], b2[16];
	struct stat st;
	long r;

	if (test_dir("/tmp/renameat2") < 0)
		return 1;
	put("a", "A");
	put("b", "B");
	mkdir("d", 0755);
	say_rc("NOREPLACE a b (b exists)", ren2(AT_FDCWD, "a", AT_FDCWD, "b", RENAME_NOREPLACE));
	r = ren2(AT_FDCWD, "a", AT_FDCWD, "n", RENAME_NOREPLACE);
	say("NOREPLACE a n (new name): %ld, n reads: %s\n", r, get("n", b1));
	r = ren2(AT_FDCWD, "n", AT_FDCWD, "b", RENAME_EXCHANGE);
	say("EXCHANGE n b: %ld, n reads: %s, b reads: %s\n", r, get("n", b1), get("b", b2));
	r = ren2(AT_FDCWD, "b", AT_FDCWD, "d", RENAME_EXCHANGE);
	say("EXCHANGE b d (file and dir): %ld, b is a dir: %s, d reads: %s\n", r,
	    yes(stat("b", &st) == 0 && S_ISDIR(st.st_mode)), get("d", b1));
	say_rc("EXCHANGE n missing", ren2(AT_FDCWD, "n", AT_FDCWD, "missing", RENAME_EXCHANGE));
	say_rc("EXCHANGE n n", ren2(AT_FDCWD, "n", AT_FDCWD, "n", RENAME_EXCHANGE));
	say_rc("NOREPLACE|EXCHANGE",
	       ren2(AT_FDCWD, "n", AT_FDCWD, "m", RENAME_NOREPLACE | RENAME_EXCHANGE));
	say_rc("unknown flag 0x8", ren2(AT_FDCWD, "n", AT_FDCWD, "m", 0x8));
	say_rc("NOREPLACE bad dfd", ren2(99, "n", AT_FDCWD, "m", RENAME_NOREPLACE));
	say_rc("NOREPLACE bad pointer",
	       ren2(AT_FDCWD, (const char *)1, AT_FDCWD, "m", RENAME_NOREPLACE));
	return 0;
}
