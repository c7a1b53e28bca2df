// @desc: a tmpfs in the tree: getcwd inside it names the path through the mount point and .. leaves it; link and rename across it are EXDEV; rmdir and rename of the mount point are EBUSY; a second tmpfs mounted on the same point hides the first until it comes off; the device is one inside a mount and another outside
// @smoke: none
// (mounting needs root and a Linux booted for the test, not the host)
// @expect: getcwd in mnt/sub: /tmp/mount_tree/mnt/sub
// @expect: after chdir ../..: /tmp/mount_tree
// @expect: same device inside the mount: yes, another outside: yes
// @expect: link across the mount: -1 EXDEV
// @expect: rename across the mount: -1 EXDEV
// @expect: rmdir the mount point: -1 EBUSY
// @expect: rename the mount point: -1 EBUSY
// @expect: second mount hides the first: yes
// @expect: umount the second: 0, the first is back: yes
// @expect: umount the first: 0, the directory is back: yes
#include "tdiff_test.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static int
exists(const char *path)
{
	return access(path, F_OK) == 0;
}

int
main(void)
{
	struct stat here, root, sub;
	char cwd[256];

	if (test_dir("/tmp/mount_tree") < 0)
		return 1;
	mkdir("mnt", 0755);
	close(open("mnt/under", O_CREAT | O_WRONLY, 0644));
	close(open("outside", O_CREAT | O_WRONLY, 0644));
	if (mount("tmpfs", "mnt", "tmpfs", 0, NULL) < 0) {
		say_rc("mount tmpfs on mnt", -1);
		return 1;
	}
	mkdir("mnt/sub", 0755);
	close(open("mnt/f", O_CREAT | O_WRONLY, 0644));

	chdir("mnt/sub");
	say("getcwd in mnt/sub: %s\n", getcwd(cwd, sizeof(cwd)) ? cwd : "(failed)");
	chdir("../..");
	say("after chdir ../..: %s\n", getcwd(cwd, sizeof(cwd)) ? cwd : "(failed)");

	stat(".", &here);
	stat("mnt", &root);
	stat("mnt/sub", &sub);
	say("same device inside the mount: %s, another outside: %s\n",
	    root.st_dev == sub.st_dev ? "yes" : "no", root.st_dev != here.st_dev ? "yes" : "no");

	say_rc("link across the mount", link("mnt/f", "g"));
	say_rc("rename across the mount", rename("outside", "mnt/outside"));
	say_rc("rmdir the mount point", rmdir("mnt"));
	say_rc("rename the mount point", rename("mnt", "mnt2"));

	mount("tmpfs", "mnt", "tmpfs", 0, NULL);
	say("second mount hides the first: %s\n", !exists("mnt/f") && !exists("mnt/sub") ? "yes" : "no");
	long r = umount("mnt");
	say("umount the second: %ld, the first is back: %s\n", r, exists("mnt/f") ? "yes" : "no");
	r = umount("mnt");
	say("umount the first: %ld, the directory is back: %s\n", r,
	    exists("mnt/under") && !exists("mnt/f") ? "yes" : "no");
	return 0;
}
