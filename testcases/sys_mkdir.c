// @desc: mkdir and mkdirat: the mode through the umask, the parent's link count, a trailing slash, mkdirat relative to a directory fd; EEXIST (a directory, a file, a symlink), ENOENT (missing parent, empty path), ENOTDIR, EFAULT, EBADF, ENAMETOOLONG
// @expect: mkdir d 0777 with umask 022: 0, mode 0755
// @expect: parent's nlink from 2 to 3
// @expect: mkdir e/ (trailing slash): 0
// @expect: mkdirat dfd x: 0, d/x is a directory: yes
// @expect: mkdir d again: -1 EEXIST
// @expect: mkdir over a file: -1 EEXIST
// @expect: mkdir missing/x: -1 ENOENT
// @expect: mkdir empty path: -1 ENOENT
// @expect: mkdir file/x: -1 ENOTDIR
// @expect: mkdir bad pointer: -1 EFAULT
// @expect: mkdirat bad dfd: -1 EBADF
// @expect: mkdir 256-byte name: -1 ENAMETOOLONG
#include "tdiff_test.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(void)
{
	struct stat st, parent;
	char name[257];
	int dfd, r;
	long before;

	if (test_dir("/tmp/sys_mkdir") < 0)
		return 1;
	umask(022);
	stat(".", &parent);
	before = (long)parent.st_nlink;
	if (mkdir("d", 0777) == 0 && stat("d", &st) == 0)
		say("mkdir d 0777 with umask 022: 0, mode 0%o\n", st.st_mode & 07777);
	stat(".", &parent);
	say("parent's nlink from %ld to %ld\n", before, (long)parent.st_nlink);
	say_rc("mkdir e/ (trailing slash)", mkdir("e/", 0755));
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	r = mkdirat(dfd, "x", 0755);
	say("mkdirat dfd x: %d, d/x is a directory: %s\n", r,
	    stat("d/x", &st) == 0 && S_ISDIR(st.st_mode) ? "yes" : "no");
	close(dfd);
	close(open("file", O_CREAT | O_WRONLY, 0644));
	symlink("nowhere", "link");
	say_rc("mkdir d again", mkdir("d", 0755));
	say_rc("mkdir over a file", mkdir("file", 0755));
	say_rc("mkdir over a dangling symlink", mkdir("link", 0755));
	say_rc("mkdir missing/x", mkdir("missing/x", 0755));
	say_rc("mkdir empty path", mkdir("", 0755));
	say_rc("mkdir file/x", mkdir("file/x", 0755));
	say_rc("mkdir bad pointer", mkdir((const char *)1, 0755));
	say_rc("mkdirat bad dfd", mkdirat(99, "y", 0755));
	memset(name, 'n', 256);
	name[256] = 0;
	say_rc("mkdir 256-byte name", mkdir(name, 0755));
	return 0;
}
