// @desc: utimensat and futimens: explicit times (nanoseconds kept) seen by stat, UTIME_OMIT keeps one, UTIME_NOW and NULL take the clock, AT_SYMLINK_NOFOLLOW sets a link's own times, ctime follows every change, a write moves mtime on; EINVAL, ENOENT, EFAULT, EBADF
// @timeout: 10
// @expect: explicit: 0, atime is 1000.5 and mtime 2000.7: yes
// @expect: ctime later than both: yes
// @expect: atime OMIT, mtime 3000: 0, atime kept: yes, mtime 3000: yes
// @expect: atime NOW, mtime OMIT: 0, atime later than 3000: yes, mtime kept: yes
// @expect: both OMIT: 0, unchanged: yes
// @expect: NULL times: 0, both later than 3000: yes
// @expect: futimens explicit: 0, mtime 4000: yes
// @expect: write moves mtime on: yes, ctime too: yes
// @expect: NOFOLLOW on a symlink: 0, link mtime 5000: yes, target kept: yes
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
	struct timespec t[2] = { { 1000, 500 }, { 2000, 700 } };
	struct stat st, st2;
	long r;
	int fd;

	if (test_dir("/tmp/utimensat") < 0)
		return 1;
	fd = open("f", O_CREAT | O_RDWR, 0644);
	r = uts(AT_FDCWD, "f", t, 0);
	stat("f", &st);
	say("explicit: %ld, atime is 1000.5 and mtime 2000.7: %s\n", r,
	    yes(at(&st.st_atim, 1000, 500) && at(&st.st_mtim, 2000, 700)));
	say("ctime later than both: %s\n", yes(st.st_ctim.tv_sec > 2000));
	t[0].tv_nsec = UTIME_OMIT;
	t[1] = (struct timespec){ 3000, 0 };
	r = uts(AT_FDCWD, "f", t, 0);
	stat("f", &st);
	say("atime OMIT, mtime 3000: %ld, atime kept: %s, mtime 3000: %s\n", r,
	    yes(at(&st.st_atim, 1000, 500)), yes(at(&st.st_mtim, 3000, 0)));
	t[0].tv_nsec = UTIME_NOW;
	t[1].tv_nsec = UTIME_OMIT;
	r = uts(AT_FDCWD, "f", t, 0);
	stat("f", &st);
	say("atime NOW, mtime OMIT: %ld, atime later than 3000: %s, mtime kept: %s\n", r,
	    yes(st.st_atim.tv_sec > 3000), yes(at(&st.st_mtim, 3000, 0)));
	t[0].tv_nsec = UTIME_OMIT;
	r = uts(AT_FDCWD, "f", t, 0);
	stat("f", &st2);
	say("both OMIT: %ld, unchanged: %s\n", r,
	    yes(at(&st2.st_atim, st.st_atim.tv_sec, st.st_atim.tv_nsec) &&
		at(&st2.st_mtim, 3000, 0)));
	r = uts(AT_FDCWD, "f", NULL, 0);
	stat("f", &st);
	say("NULL times: %ld, both later than 3000: %s\n", r,
	    yes(st.st_atim.tv_sec > 3000 && st.st_mtim.tv_sec > 3000));
	t[0] = t[1] = (struct timespec){ 4000, 0 };
	r = futimens(fd, t);
	fstat(fd, &st);
	say("futimens explicit: %ld, mtime 4000: %s\n", r, yes(at(&st.st_mtim, 4000, 0)));
	(void)!write(fd, "x", 1);
	fstat(fd, &st);
	say("write moves mtime on: %s, ctime too: %s\n", yes(st.st_mtim.tv_sec > 4000),
	    yes(st.st_ctim.tv_sec > 4000));
	symlink("f", "s");
	t[0] = t[1] = (struct timespec){ 5000, 0 };
	r = uts(AT_FDCWD, "s", t, AT_SYMLINK_NOFOLLOW);
	lstat("s", &st);
	stat("f", &st2);
	say("NOFOLLOW on a symlink: %ld, link mtime 5000: %s, target kept: %s\n", r,
	    yes(at(&st.st_mtim, 5000, 0)), yes(st2.st_mtim.tv_sec != 5000));
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
