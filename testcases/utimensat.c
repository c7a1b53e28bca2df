// @desc: utimensat and futimens: explicit times (nanoseconds kept) seen by stat, UTIME_OMIT keeps one, UTIME_NOW and NULL take the clock, AT_SYMLINK_NOFOLLOW sets a link's own times, ctime follows every change, a write moves mtime on; EINVAL, ENOENT, EFAULT, EBADF
// @timeout: 10
// (explicit times are nanoseconds after the epoch: riscv64's Linux has no
// RTC here and its clock starts at 0 when it boots, so "later" means that)
// @expect: explicit: 0, atime is 0.000000500 and mtime 0.000000700: yes
// @expect: ctime later than both: yes
// @expect: atime OMIT, mtime 0.000000300: 0, atime kept: yes, mtime set: yes
// @expect: atime NOW, mtime OMIT: 0, atime later than mtime: yes, mtime kept: yes
// @expect: both OMIT: 0, unchanged: yes
// @expect: NULL times: 0, mtime later, atime not earlier: yes
// @expect: futimens explicit: 0, mtime 0.000000400: yes
// @expect: write moves mtime on: yes, ctime too: yes
// @expect: NOFOLLOW on a symlink: 0, link mtime 0.000000600: yes, target kept: yes
// @expect: tv_nsec 1000000000: -1 EINVAL
// @expect: tv_nsec -1: -1 EINVAL
// @expect: unknown flag: -1 EINVAL
// @expect: missing file: -1 ENOENT
// @expect: bad times pointer: -1 EFAULT
// @expect: bad path pointer: -1 EFAULT
// @expect: futimens bad fd: -1 EBADF
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *
yes(int b)
{
	return b ? "yes" : "no";
}

static int
at(const struct timespec *t, long sec, long nsec)
{
	return t->tv_sec == sec && t->tv_nsec == nsec;
}

/* later: is t after sec.nsec? */
static int
later(const struct timespec *t, long sec, long nsec)
{
	return t->tv_sec > sec || (t->tv_sec == sec && t->tv_nsec > nsec);
}

/* uts: utimensat itself, -1 and errno on failure (no libc checks). */
static long
uts(int dfd, const char *path, const struct timespec *t, int flags)
{
	long r = raw_syscall6(SYS_utimensat, dfd, (long)path, (long)t, flags, 0, 0);

	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

int
main(void)
{
	struct timespec t[2] = { { 0, 500 }, { 0, 700 } };
	struct stat st, st2;
	long r;
	int fd;

	if (test_dir("/tmp/utimensat") < 0)
		return 1;
	fd = open("f", O_CREAT | O_RDWR, 0644);
	r = uts(AT_FDCWD, "f", t, 0);
	stat("f", &st);
	say("explicit: %ld, atime is 0.000000500 and mtime 0.000000700: %s\n", r,
	    yes(at(&st.st_atim, 0, 500) && at(&st.st_mtim, 0, 700)));
	say("ctime later than both: %s\n", yes(later(&st.st_ctim, 0, 700)));
	t[0].tv_nsec = UTIME_OMIT;
	t[1] = (struct timespec){ 0, 300 };
	r = uts(AT_FDCWD, "f", t, 0);
	stat("f", &st);
	say("atime OMIT, mtime 0.000000300: %ld, atime kept: %s, mtime set: %s\n", r,
	    yes(at(&st.st_atim, 0, 500)), yes(at(&st.st_mtim, 0, 300)));
	t[0].tv_nsec = UTIME_NOW;
	t[1].tv_nsec = UTIME_OMIT;
	r = uts(AT_FDCWD, "f", t, 0);
	stat("f", &st);
	say("atime NOW, mtime OMIT: %ld, atime later than mtime: %s, mtime kept: %s\n", r,
	    yes(later(&st.st_atim, 0, 300)), yes(at(&st.st_mtim, 0, 300)));
	t[0].tv_nsec = UTIME_OMIT;
	r = uts(AT_FDCWD, "f", t, 0);
	stat("f", &st2);
	say("both OMIT: %ld, unchanged: %s\n", r,
	    yes(at(&st2.st_atim, st.st_atim.tv_sec, st.st_atim.tv_nsec) &&
		at(&st2.st_mtim, 0, 300)));
	r = uts(AT_FDCWD, "f", NULL, 0);
	stat("f", &st);
	say("NULL times: %ld, mtime later, atime not earlier: %s\n", r,
	    yes(later(&st.st_mtim, 0, 300) && !later(&st2.st_atim, st.st_atim.tv_sec,
							st.st_atim.tv_nsec)));
	t[0] = t[1] = (struct timespec){ 0, 400 };
	r = futimens(fd, t);
	fstat(fd, &st);
	say("futimens explicit: %ld, mtime 0.000000400: %s\n", r, yes(at(&st.st_mtim, 0, 400)));
	(void)!write(fd, "x", 1);
	fstat(fd, &st);
	say("write moves mtime on: %s, ctime too: %s\n", yes(later(&st.st_mtim, 0, 400)),
	    yes(later(&st.st_ctim, 0, 400)));
	symlink("f", "s");
	t[0] = t[1] = (struct timespec){ 0, 600 };
	r = uts(AT_FDCWD, "s", t, AT_SYMLINK_NOFOLLOW);
	lstat("s", &st);
	stat("f", &st2);
	say("NOFOLLOW on a symlink: %ld, link mtime 0.000000600: %s, target kept: %s\n", r,
	    yes(at(&st.st_mtim, 0, 600)), yes(!at(&st2.st_mtim, 0, 600)));
	t[1].tv_nsec = 1000000000;
	say_rc("tv_nsec 1000000000", uts(AT_FDCWD, "f", t, 0));
	t[1].tv_nsec = -1;
	say_rc("tv_nsec -1", uts(AT_FDCWD, "f", t, 0));
	t[1].tv_nsec = 0;
	say_rc("unknown flag", uts(AT_FDCWD, "f", t, 0x1));
	say_rc("missing file", uts(AT_FDCWD, "missing", t, 0));
	say_rc("bad times pointer", uts(AT_FDCWD, "f", (struct timespec *)1, 0));
	say_rc("bad path pointer", uts(AT_FDCWD, (const char *)1, t, 0));
	say_rc("futimens bad fd", uts(99, NULL, t, 0));
	return 0;
}
