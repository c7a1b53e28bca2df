// @desc: chdir and fchdir: into a new directory and back through "..", getcwd follows; ENOENT (missing, empty path), ENOTDIR (a file, a file as a component), EFAULT, ENAMETOOLONG, fchdir EBADF and ENOTDIR
// @expect: chdir /tmp/sys_chdir/sub: 0, cwd /tmp/sys_chdir/sub
// @expect: chdir ..: 0, cwd /tmp/sys_chdir
// @expect: chdir missing: -1 ENOENT
// @expect: chdir empty path: -1 ENOENT
// @expect: chdir file: -1 ENOTDIR
// @expect: chdir bad pointer: -1 EFAULT
// @expect: fchdir file: -1 ENOTDIR
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* show_chdir: "what: r, cwd PATH" after a successful change, say_rc else */
static void
show_chdir(const char *what, int r)
{
	char cwd[256];

	if (r < 0 || !getcwd(cwd, sizeof(cwd))) {
		say_rc(what, r);
		return;
	}
	say("%s: %d, cwd %s\n", what, r, cwd);
}

int
main(void)
{
	static char longpath[5000];
	int fd, dfd;

	if (test_dir("/tmp/sys_chdir") < 0)
		return 1;
	mkdir("sub", 0755);
	fd = open("file", O_CREAT | O_WRONLY, 0644);
	show_chdir("chdir /tmp/sys_chdir/sub", chdir("/tmp/sys_chdir/sub"));
	show_chdir("chdir ..", chdir(".."));
	show_chdir("chdir sub/../sub/.", chdir("sub/../sub/."));
	show_chdir("chdir /", chdir("/"));
	show_chdir("chdir tmp/sys_chdir (relative)", chdir("tmp/sys_chdir"));
	say_rc("chdir missing", chdir("missing"));
	say_rc("chdir empty path", chdir(""));
	say_rc("chdir file", chdir("file"));
	say_rc("chdir file/x", chdir("file/x"));
	say_rc("chdir bad pointer", chdir((const char *)1));
	memset(longpath, 'a', sizeof(longpath) - 1);
	say_rc("chdir 4999-byte path", chdir(longpath));
	dfd = open("sub", O_RDONLY | O_DIRECTORY);
	show_chdir("fchdir sub", fchdir(dfd));
	say_rc("fchdir file", fchdir(fd));
	say_rc("fchdir bad fd", fchdir(99));
	close(dfd);
	close(fd);
	return 0;
}
