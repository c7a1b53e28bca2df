// @desc: umount and umount2: a tmpfs mounted under /tmp comes off; EBUSY while a file in it is open or it is the cwd, MNT_DETACH takes it off even then (the open file still works); EINVAL (not a mount point, unknown flag), ENOENT, EFAULT
// @expect: mount tmpfs on mnt: 0
// @expect: umount with a file open in it: -1 EBUSY
// @expect: umount with the cwd in it: -1 EBUSY
// @expect: umount after closing and leaving: 0
// @expect: umount2 MNT_DETACH with a file open: 0
// @expect: the open file still reads: hi
// @expect: umount a plain directory: -1 EINVAL
// @expect: umount missing: -1 ENOENT
// @expect: umount2 unknown flag: -1 EINVAL
// @expect: umount bad pointer: -1 EFAULT
#include "tdiff_test.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(void)
{
	char buf[8];
	int fd;
	ssize_t n;

	if (test_dir("/tmp/sys_umount") < 0)
		return 1;
	mkdir("mnt", 0755);
	mkdir("plain", 0755);
	say_rc("mount tmpfs on mnt", mount("tmpfs", "mnt", "tmpfs", 0, NULL));
	fd = open("mnt/f", O_CREAT | O_RDWR, 0644);
	write(fd, "hi", 2);
	say_rc("umount with a file open in it", umount("mnt"));
	close(fd);
	chdir("mnt");
	say_rc("umount with the cwd in it", umount("/tmp/sys_umount/mnt"));
	chdir("..");
	say_rc("umount after closing and leaving", umount("mnt"));
	mount("tmpfs", "mnt", "tmpfs", 0, NULL);
	fd = open("mnt/f", O_CREAT | O_RDWR, 0644);
	write(fd, "hi", 2);
	say_rc("umount2 MNT_DETACH with a file open", umount2("mnt", MNT_DETACH));
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	buf[n > 0 ? n : 0] = 0;
	say("the open file still reads: %s\n", buf);
	close(fd);
	say_rc("umount a plain directory", umount("plain"));
	say_rc("umount missing", umount("missing"));
	say_rc("umount2 unknown flag", umount2("plain", 0x100));
	say_rc("umount bad pointer", umount((const char *)1));
	return 0;
}
