// @desc: access checks, owners, fsync and statx: faccessat (flags 0) and faccessat2 (AT_EACCESS, AT_SYMLINK_NOFOLLOW on a dangling link; EINVAL for an unknown flag); chown, lchown, fchown and fchownat change uid and gid (-1 keeps one), the link's own with AT_SYMLINK_NOFOLLOW; fsync is 0 on a file and a directory, EINVAL on a pipe and /dev/null, EBADF on a closed fd; statx reports type, mode, size and links, AT_EMPTY_PATH names the fd, EINVAL for an unknown flag, EFAULT for a bad buffer
// @smoke: none
// (the smoke run's chroot has no /dev)
// @expect: faccessat f R_OK: 0
// @expect: faccessat missing: -1 ENOENT
// @expect: faccessat2 f W_OK AT_EACCESS: 0
// @expect: faccessat2 dangling AT_SYMLINK_NOFOLLOW: 0
// @expect: faccessat2 dangling: -1 ENOENT
// @expect: faccessat2 unknown flag: -1 EINVAL
// @expect: chown f 7 8: 0, now 7 8
// @expect: fchown -1 9: 0, now 7 9
// @expect: lchown link 5 6: 0, link 5 6, f still 7 9
// @expect: fchownat link AT_SYMLINK_NOFOLLOW 3 4: 0, link 3 4
// @expect: fchownat f 0 0: 0, now 0 0
// @expect: fchown closed fd: -1 EBADF
// @expect: fsync file: 0
// @expect: fsync directory: 0
// @expect: fsync pipe: -1 EINVAL
// @expect: fsync /dev/null: -1 EINVAL
// @expect: fsync closed fd: -1 EBADF
// @expect: statx f: 0, regular, mode 0640, size 5, nlink 1
// @expect: statx AT_EMPTY_PATH dir fd: 0, directory
// @expect: statx unknown flag: -1 EINVAL
// @expect: statx bad buffer: -1 EFAULT
#include "tdiff_test.h"

#include <fcntl.h>
#include <linux/stat.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef AT_EACCESS
#define AT_EACCESS 0x200
#endif

/* say "what: r" or "what: -1 EFOO" for a raw syscall's -errno */
static void
say_raw(const char *what, long r)
{
	if (r < 0)
		say("%s: -1 %s\n", what, errname((int)-r));
	else
		say("%s: %ld\n", what, r);
}

static void
owner(const char *what, long r, const char *path, int nofollow)
{
	struct stat st;
	if (nofollow)
		lstat(path, &st);
	else
		stat(path, &st);
	if (r < 0)
		say_rc(what, r);
	else
		say("%s: %ld, now %d %d\n", what, r, (int)st.st_uid, (int)st.st_gid);
}

int
main(void)
{
	struct stat st, lst;
	struct statx sx;
	int fd, dfd, p[2];

	if (test_dir("/tmp/file_meta") < 0)
		return 1;
	fd = open("f", O_CREAT | O_RDWR, 0640);
	write(fd, "hello", 5);
	symlink("f", "link");
	symlink("nowhere", "dangling");

	say_raw("faccessat f R_OK", raw_syscall6(SYS_faccessat, AT_FDCWD, (long)"f", R_OK, 0, 0, 0));
	say_raw("faccessat missing", raw_syscall6(SYS_faccessat, AT_FDCWD, (long)"missing", F_OK, 0, 0, 0));
	say_raw("faccessat2 f W_OK AT_EACCESS",
		raw_syscall6(SYS_faccessat2, AT_FDCWD, (long)"f", W_OK, AT_EACCESS, 0, 0));
	say_raw("faccessat2 dangling AT_SYMLINK_NOFOLLOW",
		raw_syscall6(SYS_faccessat2, AT_FDCWD, (long)"dangling", F_OK, AT_SYMLINK_NOFOLLOW, 0, 0));
	say_raw("faccessat2 dangling", raw_syscall6(SYS_faccessat2, AT_FDCWD, (long)"dangling", F_OK, 0, 0, 0));
	say_raw("faccessat2 unknown flag", raw_syscall6(SYS_faccessat2, AT_FDCWD, (long)"f", F_OK, 0x1, 0, 0));

	owner("chown f 7 8", chown("f", 7, 8), "f", 0);
	owner("fchown -1 9", fchown(fd, (uid_t)-1, 9), "f", 0);
	long r = lchown("link", 5, 6);
	lstat("link", &lst);
	stat("f", &st);
	say("lchown link 5 6: %ld, link %d %d, f still %d %d\n", r, (int)lst.st_uid, (int)lst.st_gid,
	    (int)st.st_uid, (int)st.st_gid);
	r = fchownat(AT_FDCWD, "link", 3, 4, AT_SYMLINK_NOFOLLOW);
	lstat("link", &lst);
	say("fchownat link AT_SYMLINK_NOFOLLOW 3 4: %ld, link %d %d\n", r, (int)lst.st_uid,
	    (int)lst.st_gid);
	owner("fchownat f 0 0", fchownat(AT_FDCWD, "f", 0, 0, 0), "f", 0);
	say_rc("fchown closed fd", fchown(99, 0, 0));

	say_rc("fsync file", fsync(fd));
	dfd = open(".", O_RDONLY | O_DIRECTORY);
	say_rc("fsync directory", fsync(dfd));
	pipe(p);
	say_rc("fsync pipe", fsync(p[0]));
	int nfd = open("/dev/null", O_WRONLY);
	say_rc("fsync /dev/null", fsync(nfd));
	close(nfd);
	say_rc("fsync closed fd", fsync(99));

	r = raw_syscall6(SYS_statx, AT_FDCWD, (long)"f", 0, STATX_BASIC_STATS, (long)&sx, 0);
	if (r < 0)
		say_raw("statx f", r);
	else
		say("statx f: %ld, %s, mode 0%o, size %llu, nlink %u\n", r,
		    S_ISREG(sx.stx_mode) ? "regular" : "not regular", sx.stx_mode & 07777,
		    (unsigned long long)sx.stx_size, sx.stx_nlink);
	r = raw_syscall6(SYS_statx, dfd, (long)"", AT_EMPTY_PATH, STATX_TYPE, (long)&sx, 0);
	if (r < 0)
		say_raw("statx AT_EMPTY_PATH dir fd", r);
	else
		say("statx AT_EMPTY_PATH dir fd: %ld, %s\n", r, S_ISDIR(sx.stx_mode) ? "directory" : "not a directory");
	say_raw("statx unknown flag", raw_syscall6(SYS_statx, AT_FDCWD, (long)"f", 0x1, STATX_BASIC_STATS, (long)&sx, 0));
	say_raw("statx bad buffer", raw_syscall6(SYS_statx, AT_FDCWD, (long)"f", 0, STATX_BASIC_STATS, 1, 0));
	return 0;
}
