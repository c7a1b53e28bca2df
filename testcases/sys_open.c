// @desc: open: O_CREAT with a mode through umask 0, the lowest free fd, O_EXCL, O_RDONLY and O_WRONLY enforced by read and write, O_DIRECTORY, a directory opened read-only; ENOENT, EEXIST, ENOTDIR, EISDIR, EFAULT, ENAMETOOLONG, ELOOP (O_NOFOLLOW on a symlink)
// @expect: open f O_CREAT 0640: 3, mode 0640
// @expect: open f O_CREAT|O_EXCL: -1 EEXIST
// @expect: open g: 4 (the lowest free after closing 4)
// @expect: write on an O_RDONLY fd: -1 EBADF
// @expect: read on an O_WRONLY fd: -1 EBADF
// @expect: open missing: -1 ENOENT
// @expect: open missing/f O_CREAT: -1 ENOENT
// @expect: open f/x: -1 ENOTDIR
// @expect: open f O_DIRECTORY: -1 ENOTDIR
// @expect: open . O_WRONLY: -1 EISDIR
// @expect: open . O_RDONLY: 4
// @expect: open bad pointer: -1 EFAULT
// @expect: open 256-byte name: -1 ENAMETOOLONG
// @expect: open symlink O_NOFOLLOW: -1 ELOOP
#include "tdiff_test.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(void)
{
	struct stat st;
	char name[257], c;
	int fd, g;

	if (test_dir("/tmp/sys_open") < 0)
		return 1;
	umask(0);
	fd = open("f", O_CREAT | O_WRONLY, 0640);
	fstat(fd, &st);
	say("open f O_CREAT 0640: %d, mode 0%o\n", fd, st.st_mode & 07777);
	say_rc("open f O_CREAT|O_EXCL", open("f", O_CREAT | O_EXCL | O_WRONLY, 0640));
	say_rc("read on an O_WRONLY fd", read(fd, &c, 1));
	g = open("f", O_RDONLY);
	say_rc("write on an O_RDONLY fd", write(g, "x", 1));
	close(g);
	say("open g: %d (the lowest free after closing %d)\n", open("g", O_CREAT | O_RDWR, 0600), g);
	close(g);
	say_rc("open missing", open("missing", O_RDONLY));
	say_rc("open missing/f O_CREAT", open("missing/f", O_CREAT | O_WRONLY, 0644));
	say_rc("open f/x", open("f/x", O_RDONLY));
	say_rc("open f O_DIRECTORY", open("f", O_RDONLY | O_DIRECTORY));
	say_rc("open . O_WRONLY", open(".", O_WRONLY));
	g = open(".", O_RDONLY);
	say_rc("open . O_RDONLY", g);
	close(g);
	say_rc("open bad pointer", open((const char *)1, O_RDONLY));
	memset(name, 'n', 256);
	name[256] = 0;
	say_rc("open 256-byte name", open(name, O_RDONLY));
	symlink("f", "link");
	say_rc("open symlink O_NOFOLLOW", open("link", O_RDONLY | O_NOFOLLOW));
	return 0;
}
