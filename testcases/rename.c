// @desc: rename and renameat: to a new name, over a file (its other link sees nlink drop), onto itself and onto another link of the same inode (no-op), directories over empty and non-empty ones, into another directory (.. follows), into its own subtree EINVAL; EISDIR, ENOTDIR, ENOTEMPTY, ENOENT, EBUSY, EFAULT, EBADF
// @timeout: 10
// @expect: rename a b: 0, a gone: yes, b reads: one
// @expect: rename b c (over c): 0, c reads: one, old c's other link nlink 1
// @expect: rename c c: 0
// @expect: rename c c3 (same inode): 0, both still there: yes
// @expect: rename d d2: 0
// @expect: rename d2 e (empty dir): 0
// @expect: rename e f (non-empty dir): -1 ENOTEMPTY
// @expect: rename c f (file over dir): -1 EISDIR
// @expect: rename e c (dir over file): -1 ENOTDIR
// @expect: rename e e/x/y (into itself): -1 EINVAL
// @expect: rename e/x e (over its parent): -1 ENOTEMPTY
// @expect: rename e p/e: 0, p/e/.. is p: yes
// @expect: rename sl sl2 (a symlink): 0, still a link to c: yes
// @expect: rename missing z: -1 ENOENT
// @expect: rename c nodir/z: -1 ENOENT
// @expect: rename c c/ (trailing slash): -1 ENOTDIR
// @expect: rename . z: -1 EBUSY
// @expect: rename bad pointer: -1 EFAULT
// @expect: renameat p/e g by dfd: 0
// @expect: renameat bad dfd: -1 EBADF
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *
yes(int b)
{
	return b ? "yes" : "no";
}

/* put: create name holding text. */
static void
put(const char *name, const char *text)
{
	int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	(void)!write(fd, text, strlen(text));
	close(fd);
}

/* get: name's contents (up to 15 bytes) into buf, "" if unreadable. */
static const char *
get(const char *name, char *buf)
{
	int fd = open(name, O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, 15);

	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

int
main(void)
{
	struct stat st, st2;
	char buf[16], lnk[16];
	long r;
	int dfd;

	if (test_dir("/tmp/rename") < 0)
		return 1;
	put("a", "one");
	put("c", "two");
	link("c", "c2");
	r = rename("a", "b");
	say("rename a b: %ld, a gone: %s, b reads: %s\n", r, yes(stat("a", &st) < 0),
	    get("b", buf));
	r = rename("b", "c");
	stat("c2", &st);
	say("rename b c (over c): %ld, c reads: %s, old c's other link nlink %lu\n", r,
	    get("c", buf), (unsigned long)st.st_nlink);
	say_rc("rename c c", rename("c", "c"));
	link("c", "c3");
	r = rename("c", "c3");
	say("rename c c3 (same inode): %ld, both still there: %s\n", r,
	    yes(stat("c", &st) == 0 && stat("c3", &st) == 0));
	mkdir("d", 0755);
	say_rc("rename d d2", rename("d", "d2"));
	mkdir("e", 0755);
	say_rc("rename d2 e (empty dir)", rename("d2", "e"));
	mkdir("f", 0755);
	put("f/x", "x");
	say_rc("rename e f (non-empty dir)", rename("e", "f"));
	say_rc("rename c f (file over dir)", rename("c", "f"));
	say_rc("rename e c (dir over file)", rename("e", "c"));
	mkdir("e/x", 0755);
	say_rc("rename e e/x/y (into itself)", rename("e", "e/x/y"));
	say_rc("rename e/x e (over its parent)", rename("e/x", "e"));
	mkdir("p", 0755);
	r = rename("e", "p/e");
	stat("p", &st);
	stat("p/e/..", &st2);
	say("rename e p/e: %ld, p/e/.. is p: %s\n", r, yes(st.st_ino == st2.st_ino));
	symlink("c", "sl");
	r = rename("sl", "sl2");
	lnk[0] = 0;
	lnk[readlink("sl2", lnk, sizeof(lnk) - 1) == 1 ? 1 : 0] = 0;
	say("rename sl sl2 (a symlink): %ld, still a link to c: %s\n", r, yes(!strcmp(lnk, "c")));
	say_rc("rename missing z", rename("missing", "z"));
	say_rc("rename c nodir/z", rename("c", "nodir/z"));
	say_rc("rename c c/ (trailing slash)", rename("c", "c/"));
	say_rc("rename . z", rename(".", "z"));
	say_rc("rename bad pointer", rename((const char *)1, "z"));
	dfd = open("p", O_RDONLY | O_DIRECTORY);
	say_rc("renameat p/e g by dfd", renameat(dfd, "e", AT_FDCWD, "g"));
	close(dfd);
	say_rc("renameat bad dfd", renameat(99, "e", AT_FDCWD, "g"));
	return 0;
}
