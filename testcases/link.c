// @desc: hard links: link and linkat share one inode (st_nlink counts them), the data survives unlinking the first name; EEXIST, ENOENT, ENOTDIR, EPERM on a directory, EFAULT, EBADF, EINVAL, AT_SYMLINK_FOLLOW
// @timeout: 10
// @expect: link a b: 0
// @expect: same inode: yes, nlink 2 2
// @expect: read through a: hello world
// @expect: after unlink a: nlink 1, read through b: hello world
// @expect: link missing c: -1 ENOENT
// @expect: link b b: -1 EEXIST
// @expect: link dir e: -1 EPERM
// @expect: link b/x e: -1 ENOTDIR
// @expect: link bad pointer: -1 EFAULT
// @expect: link to bad pointer: -1 EFAULT
// @expect: link into missing dir: -1 ENOENT
// @expect: linkat bad dfd: -1 EBADF
// @expect: linkat bad flags: -1 EINVAL
// @expect: linkat s h AT_SYMLINK_FOLLOW: 0, h is a regular file, nlink 2
// @expect: linkat s i 0: 0, i is a symlink, nlink 2
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BAD ((const char *)1)

/* show_nlink: "what: r, NAME is a <type>, nlink N" (lstat of name). */
static void
show_linkat(const char *what, long r, const char *name)
{
	struct stat st;

	if (r < 0 || lstat(name, &st) < 0) {
		say_rc(what, r);
		return;
	}
	say("%s: %ld, %s is a %s, nlink %lu\n", what, r, name,
	    S_ISLNK(st.st_mode) ? "symlink" : S_ISREG(st.st_mode) ? "regular file" : "other",
	    (unsigned long)st.st_nlink);
}

int
main(void)
{
	struct stat sa, sb;
	char buf[32];
	int fd;
	ssize_t n;

	if (test_dir("/tmp/link") < 0)
		return 1;
	fd = open("a", O_CREAT | O_WRONLY, 0644);
	if (fd < 0 || write(fd, "hello", 5) != 5)
		return 1;
	close(fd);
	say_rc("link a b", link("a", "b"));
	if (stat("a", &sa) < 0 || stat("b", &sb) < 0)
		return 1;
	say("same inode: %s, nlink %lu %lu\n", sa.st_ino == sb.st_ino ? "yes" : "no",
	    (unsigned long)sa.st_nlink, (unsigned long)sb.st_nlink);
	fd = open("b", O_WRONLY | O_APPEND);
	if (fd < 0 || write(fd, " world", 6) != 6)
		return 1;
	close(fd);
	fd = open("a", O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	say("read through a: %s\n", buf);
	unlink("a");
	fd = open("b", O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	fstat(fd, &sb);
	close(fd);
	say("after unlink a: nlink %lu, read through b: %s\n", (unsigned long)sb.st_nlink, buf);

	mkdir("dir", 0755);
	say_rc("link missing c", link("missing", "c"));
	say_rc("link b b", link("b", "b"));
	say_rc("link dir e", link("dir", "e"));
	say_rc("link b/x e", link("b/x", "e"));
	say_rc("link bad pointer", link(BAD, "e"));
	say_rc("link to bad pointer", link("b", BAD));
	say_rc("link into missing dir", link("b", "nodir/e"));
	say_rc("linkat bad dfd", linkat(99, "b", AT_FDCWD, "e", 0));
	say_rc("linkat bad flags", linkat(AT_FDCWD, "b", AT_FDCWD, "e", 0x1));
	symlink("b", "s");
	show_linkat("linkat s h AT_SYMLINK_FOLLOW",
		    linkat(AT_FDCWD, "s", AT_FDCWD, "h", AT_SYMLINK_FOLLOW), "h");
	show_linkat("linkat s i 0", linkat(AT_FDCWD, "s", AT_FDCWD, "i", 0), "i");
	return 0;
}
