// @desc: getcwd: "/" at the start, a nested directory, through a symlink (the real path), the raw call's length (with the NUL); ERANGE (buffer one byte short, size 0), EFAULT, ENOENT once the directory is removed
// @expect: at the start: /
// @expect: in /tmp/sys_getcwd/a/b: /tmp/sys_getcwd/a/b
// @expect: through the symlink l -> a/b: /tmp/sys_getcwd/a/b
// @expect: raw getcwd length: 20
// @expect: buffer of 19 bytes: -1 ERANGE
// @expect: size 0: -1 ERANGE
// @expect: bad buffer: -1 EFAULT
// @expect: after rmdir of the cwd: -1 ENOENT
#include "tdiff_test.h"

#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* say_raw: "what: -1 EFOO" for a raw -errno result, "what: N" else */
static void
say_raw(const char *what, long r)
{
	if (r < 0)
		say("%s: -1 %s\n", what, errname((int)-r));
	else
		say("%s: %ld\n", what, r);
}

/* show_cwd: "what: <cwd>" */
static void
show_cwd(const char *what)
{
	char buf[256];

	say("%s: %s\n", what, getcwd(buf, sizeof(buf)) ? buf : "(failed)");
}

int
main(void)
{
	char buf[256];

	show_cwd("at the start");
	if (test_dir("/tmp/sys_getcwd") < 0)
		return 1;
	mkdir("a", 0755);
	mkdir("a/b", 0755);
	symlink("a/b", "l");
	chdir("a/b");
	show_cwd("in /tmp/sys_getcwd/a/b");
	chdir("/tmp/sys_getcwd/l");
	show_cwd("through the symlink l -> a/b");
	say_raw("raw getcwd length", raw_syscall6(SYS_getcwd, (long)buf, sizeof(buf), 0, 0, 0, 0));
	say_raw("buffer of 19 bytes", raw_syscall6(SYS_getcwd, (long)buf, 19, 0, 0, 0, 0));
	say_raw("size 0", raw_syscall6(SYS_getcwd, (long)buf, 0, 0, 0, 0, 0));
	say_raw("bad buffer", raw_syscall6(SYS_getcwd, 1, sizeof(buf), 0, 0, 0, 0));
	rmdir("/tmp/sys_getcwd/a/b");
	say_raw("after rmdir of the cwd", raw_syscall6(SYS_getcwd, (long)buf, sizeof(buf), 0, 0, 0, 0));
	return 0;
}
