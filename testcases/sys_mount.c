// @desc: mount: a tmpfs on a directory under /tmp hides what was there, is a new filesystem (another st_dev, mode 01777), holds files, and after umount the old contents are back; errors ENOENT (missing mount point), ENOTDIR (a file), ENODEV (unknown type), EFAULT
// @expect: mount tmpfs on mnt: 0
// @expect: mnt after mount: another device: yes, mode 01777, old file hidden: yes
// @expect: a file in the tmpfs: hello
// @expect: umount mnt: 0
// @expect: after umount: old file back: yes, the tmpfs file gone: yes
// @expect: mount on missing: -1 ENOENT
// @expect: mount on a file: -1 ENOTDIR
// @expect: mount type nosuchfs: -1 ENODEV
// @expect: mount bad target: -1 EFAULT
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(void)
{
	struct stat before, after;
	char buf[16];
	int fd;
	ssize_t n;

	if (test_dir("/tmp/sys_mount") < 0)
		return 1;
	mkdir("mnt", 0755);
	close(open("mnt/old", O_CREAT | O_WRONLY, 0644));
	close(open("file", O_CREAT | O_WRONLY, 0644));
	stat("mnt", &before);
	say_rc("mount tmpfs on mnt", mount("tmpfs", "mnt", "tmpfs", 0, NULL));
	stat("mnt", &after);
	say("mnt after mount: another device: %s, mode 0%o, old file hidden: %s\n",
	    after.st_dev != before.st_dev ? "yes" : "no", after.st_mode & 07777,
	    access("mnt/old", F_OK) < 0 ? "yes" : "no");
	fd = open("mnt/new", O_CREAT | O_RDWR, 0644);
	write(fd, "hello", 5);
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	buf[n > 0 ? n : 0] = 0;
	close(fd);
	say("a file in the tmpfs: %s\n", buf);
	say_rc("umount mnt", umount("mnt"));
	say("after umount: old file back: %s, the tmpfs file gone: %s\n",
	    access("mnt/old", F_OK) == 0 ? "yes" : "no", access("mnt/new", F_OK) < 0 ? "yes" : "no");
	say_rc("mount on missing", mount("tmpfs", "missing", "tmpfs", 0, NULL));
	say_rc("mount on a file", mount("tmpfs", "file", "tmpfs", 0, NULL));
	if (mount("none", "mnt", "nosuchfs", 0, NULL) < 0)
		say("mount type nosuchfs: -1 %s\n", errno == ENODEV ? "ENODEV" : errname(errno));
	else
		say("mount type nosuchfs: 0\n");
	say_rc("mount bad target", mount("tmpfs", (const char *)1, "tmpfs", 0, NULL));
	return 0;
}
