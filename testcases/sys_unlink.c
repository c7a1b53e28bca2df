// @desc: unlink and unlinkat: the name goes, an open fd still reads the data (fstat nlink 0), a symlink is removed and not its target, unlinkat AT_REMOVEDIR removes an empty directory; ENOENT, EISDIR (unlink of a directory), ENOTEMPTY, ENOTDIR, EINVAL (unknown flag), EFAULT, EBADF
// @expect: unlink f: 0, gone: yes
// @expect: the open fd still reads: hello, nlink 0
// @expect: unlink link: 0, target kept: yes
// @expect: unlinkat d AT_REMOVEDIR: 0
// @expect: unlink missing: -1 ENOENT
// @expect: unlink a directory: -1 EISDIR
// @expect: unlinkat a non-empty directory AT_REMOVEDIR: -1 ENOTEMPTY
// @expect: unlinkat a file AT_REMOVEDIR: -1 ENOTDIR
// @expect: unlink file/x: -1 ENOTDIR
// @expect: unlinkat unknown flag: -1 EINVAL
// @expect: unlink bad pointer: -1 EFAULT
// @expect: unlinkat bad dfd: -1 EBADF
#include "tdiff_test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(void)
{
	struct stat st;
	char buf[16];
	int fd, r;
	ssize_t n;

	if (test_dir("/tmp/sys_unlink") < 0)
		return 1;
	fd = open("f", O_CREAT | O_RDWR, 0644);
	write(fd, "hello", 5);
	r = unlink("f");
	say("unlink f: %d, gone: %s\n", r, access("f", F_OK) < 0 ? "yes" : "no");
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	buf[n > 0 ? n : 0] = 0;
	fstat(fd, &st);
	say("the open fd still reads: %s, nlink %lu\n", buf, (unsigned long)st.st_nlink);
	close(fd);
	close(open("file", O_CREAT | O_WRONLY, 0644));
	symlink("file", "link");
	r = unlink("link");
	say("unlink link: %d, target kept: %s\n", r, access("file", F_OK) == 0 ? "yes" : "no");
	mkdir("d", 0755);
	mkdir("full", 0755);
	mkdir("full/x", 0755);
	say_rc("unlink a directory", unlink("full"));
	say_rc("unlinkat d AT_REMOVEDIR", unlinkat(AT_FDCWD, "d", AT_REMOVEDIR));
	say_rc("unlink missing", unlink("missing"));
	say_rc("unlinkat a non-empty directory AT_REMOVEDIR", unlinkat(AT_FDCWD, "full", AT_REMOVEDIR));
	say_rc("unlinkat a file AT_REMOVEDIR", unlinkat(AT_FDCWD, "file", AT_REMOVEDIR));
	say_rc("unlink file/x", unlink("file/x"));
	say_rc("unlinkat unknown flag", unlinkat(AT_FDCWD, "file", 0x1));
	say_rc("unlink bad pointer", unlink((const char *)1));
	say_rc("unlinkat bad dfd", unlinkat(99, "file", 0));
	return 0;
}
