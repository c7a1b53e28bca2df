// @desc: symlinks: creation, a dangling link (O_CREAT creates its target), resolution through a symlinked directory, a loop and a 41-link chain give ELOOP, O_NOFOLLOW, lstat, unlink of the link; EEXIST, ENOENT, ENOTDIR, EFAULT, EBADF
// @timeout: 10
// @expect: symlink target s: 0
// @expect: lstat s: symlink, size 6
// @expect: stat s (dangling): -1 ENOENT
// @expect: open s: -1 ENOENT
// @expect: open s O_CREAT|O_EXCL: -1 EEXIST
// @expect: open s O_CREAT: ok, target exists: yes
// @expect: read ld/f through the linked dir: in d
// @expect: stat ld/: directory
// @expect: create ld/g, seen as d/g: yes
// @expect: open l1 (loop): -1 ELOOP
// @expect: stat l1 (loop): -1 ELOOP
// @expect: lstat l1 (loop): symlink
// @expect: open n39 (40 links): ok
// @expect: open n40 (41 links): -1 ELOOP
// @expect: open s O_NOFOLLOW: -1 ELOOP
// @expect: open ld/f O_NOFOLLOW: ok
// @expect: symlink over existing: -1 EEXIST
// @expect: symlink empty target: -1 ENOENT
// @expect: symlink into missing dir: -1 ENOENT
// @expect: symlink under a file: -1 ENOTDIR
// @expect: symlink bad target pointer: -1 EFAULT
// @expect: symlink bad name pointer: -1 EFAULT
// @expect: symlinkat bad dfd: -1 EBADF
// @expect: symlinkat in d by fd: 0, d/t is a symlink: yes
// @expect: unlink s: 0, target still there: yes
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BAD ((const char *)1)

/* show_open: "what: ok" (and close), or "what: -1 EFOO". */
static void
show_open(const char *what, int fd)
{
	if (fd < 0) {
		say_rc(what, fd);
		return;
	}
	close(fd);
	say("%s: ok\n", what);
}

static const char *
yes(int b)
{
	return b ? "yes" : "no";
}

/* chain: n0 -> f, n1 -> n0, ..., n40 -> n39. */
static void
make_chain(void)
{
	char name[16], target[16];

	close(open("f", O_CREAT | O_WRONLY, 0644));
	symlink("f", "n0");
	for (int i = 1; i <= 40; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		snprintf(target, sizeof(target), "n%d", i - 1);
		symlink(target, name);
	}
}

int
main(void)
{
	struct stat st;
	char buf[16];
	ssize_t n;
	int fd;

	if (test_dir("/tmp/symlink") < 0)
		return 1;
	say_rc("symlink target s", symlink("target", "s"));
	if (lstat("s", &st) == 0)
		say("lstat s: %s, size %ld\n", S_ISLNK(st.st_mode) ? "symlink" : "other",
		    (long)st.st_size);
	say_rc("stat s (dangling)", stat("s", &st));
	show_open("open s", open("s", O_RDONLY));
	show_open("open s O_CREAT|O_EXCL", open("s", O_CREAT | O_EXCL | O_WRONLY, 0644));
	fd = open("s", O_CREAT | O_WRONLY, 0644);
	if (fd >= 0)
		close(fd);
	say("open s O_CREAT: %s, target exists: %s\n", fd >= 0 ? "ok" : errname(errno),
	    yes(lstat("target", &st) == 0 && S_ISREG(st.st_mode)));

	mkdir("d", 0755);
	fd = open("d/f", O_CREAT | O_WRONLY, 0644);
	(void)!write(fd, "in d", 4);
	close(fd);
	symlink("d", "ld");
	fd = open("ld/f", O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	say("read ld/f through the linked dir: %s\n", buf);
	if (stat("ld/", &st) == 0)
		say("stat ld/: %s\n", S_ISDIR(st.st_mode) ? "directory" : "other");
	close(open("ld/g", O_CREAT | O_WRONLY, 0644));
	say("create ld/g, seen as d/g: %s\n", yes(stat("d/g", &st) == 0));

	symlink("l2", "l1");
	symlink("l1", "l2");
	show_open("open l1 (loop)", open("l1", O_RDONLY));
	say_rc("stat l1 (loop)", stat("l1", &st));
	if (lstat("l1", &st) == 0)
		say("lstat l1 (loop): %s\n", S_ISLNK(st.st_mode) ? "symlink" : "other");
	make_chain();
	show_open("open n39 (40 links)", open("n39", O_RDONLY));
	show_open("open n40 (41 links)", open("n40", O_RDONLY));
	show_open("open s O_NOFOLLOW", open("s", O_RDONLY | O_NOFOLLOW));
	show_open("open ld/f O_NOFOLLOW", open("ld/f", O_RDONLY | O_NOFOLLOW));

	say_rc("symlink over existing", symlink("x", "s"));
	say_rc("symlink empty target", symlink("", "e"));
	say_rc("symlink into missing dir", symlink("x", "nodir/e"));
	say_rc("symlink under a file", symlink("x", "f/e"));
	say_rc("symlink bad target pointer", symlink(BAD, "e"));
	say_rc("symlink bad name pointer", symlink("x", BAD));
	say_rc("symlinkat bad dfd", symlinkat("x", 99, "e"));
	fd = open("d", O_RDONLY | O_DIRECTORY);
	n = symlinkat("x", fd, "t");
	close(fd);
	say("symlinkat in d by fd: %ld, d/t is a symlink: %s\n", (long)n,
	    yes(lstat("d/t", &st) == 0 && S_ISLNK(st.st_mode)));
	n = unlink("s");
	say("unlink s: %ld, target still there: %s\n", (long)n, yes(stat("target", &st) == 0));
	return 0;
}
