// @desc: fchmod, chmod and fchmodat: permission and setuid/setgid/sticky bits seen by stat, file type bits in the mode ignored, chmod through a symlink changes the target; umask at creation; ENOENT, ENOTDIR, EFAULT, EBADF
// @timeout: 10
// @expect: created 0666 under umask 022: 0644
// @expect: fchmod 0751: 0 -> 0751
// @expect: chmod 04755: 0 -> 04755
// @expect: chmod 0100600 (type bits): 0 -> 0600
// @expect: still a regular file: yes
// @expect: fchmodat 02710: 0 -> 02710
// @expect: chmod dir 01777: 0 -> 01777
// @expect: chmod through a symlink 0640: 0 -> 0640
// @expect: link itself 0777
// @expect: fchmod on an O_RDONLY fd 0444: 0 -> 0444
// @expect: chmod missing: -1 ENOENT
// @expect: chmod under a file: -1 ENOTDIR
// @expect: chmod bad pointer: -1 EFAULT
// @expect: fchmod bad fd: -1 EBADF
// @expect: fchmodat bad dfd: -1 EBADF
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* show: "what: r -> 0MODE" (stat of name) or "what: -1 EFOO". */
static void
show(const char *what, long r, const char *name)
{
	struct stat st;

	if (r < 0 || stat(name, &st) < 0)
		say_rc(what, r);
	else
		say("%s: %ld -> %#o\n", what, r, (unsigned)(st.st_mode & 07777));
}

int
main(void)
{
	struct stat st;
	int fd, rfd;

	if (test_dir("/tmp/fchmod") < 0)
		return 1;
	umask(022);
	fd = open("f", O_CREAT | O_RDWR, 0666);
	fstat(fd, &st);
	say("created 0666 under umask 022: %#o\n", (unsigned)(st.st_mode & 07777));
	show("fchmod 0751", fchmod(fd, 0751), "f");
	show("chmod 04755", chmod("f", 04755), "f");
	show("chmod 0100600 (type bits)", chmod("f", 0100600), "f");
	stat("f", &st);
	say("still a regular file: %s\n", S_ISREG(st.st_mode) ? "yes" : "no");
	show("fchmodat 02710", fchmodat(AT_FDCWD, "f", 02710, 0), "f");
	mkdir("d", 0755);
	show("chmod dir 01777", chmod("d", 01777), "d");
	symlink("f", "s");
	show("chmod through a symlink 0640", chmod("s", 0640), "f");
	lstat("s", &st);
	say("link itself %#o\n", (unsigned)(st.st_mode & 07777));
	rfd = open("f", O_RDONLY);
	show("fchmod on an O_RDONLY fd 0444", fchmod(rfd, 0444), "f");
	say_rc("chmod missing", chmod("missing", 0644));
	say_rc("chmod under a file", chmod("f/x", 0644));
	say_rc("chmod bad pointer", chmod((const char *)1, 0644));
	say_rc("fchmod bad fd", fchmod(99, 0644));
	say_rc("fchmodat bad dfd", fchmodat(99, "f", 0644, 0));
	return 0;
}
