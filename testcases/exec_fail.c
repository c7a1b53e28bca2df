// @desc: execve's failures leave the caller running: ENOENT (missing file, empty path), ENOTDIR, EACCES (a directory, a file without x), ENOEXEC (an executable text file without #!), E2BIG (one argument over 128 KiB), EFAULT (bad path or argv)
// @timeout: 10
// @expect: exec: /nonexistent: ENOENT
// @expect: exec: empty path: ENOENT
// @expect: exec: /tests/exec_fail/x: ENOTDIR
// @expect: exec: /tmp (a directory): EACCES
// @expect: exec: /data/hello.txt (mode 0644): EACCES
// @expect: exec: /tmp/noelf (mode 0755, no #!): ENOEXEC
// @expect: exec: argument of 200000 bytes: E2BIG
// @expect: exec: path at address 1: EFAULT
// @expect: exec: argv at address 1: EFAULT
// @expect: exec: still running after 9 failures
#include "tdiff_test.h"

#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BIG 200000

static char big[BIG + 1];
static int failures;

/* try: execve(path, argv, envp) that must fail; print its errno. */
static void
try(const char *what, long path, long argv)
{
	static char *const envp[] = { "HOME=/", 0 };
	long r = raw_syscall6(SYS_execve, path, argv, (long)envp, 0, 0, 0);
	say("exec: %s: %s\n", what, r == 0 ? "0" : errname((int)-r));
	failures += r < 0;
}

int
main(void)
{
	static char *const argv[] = { "x", 0 };
	char *big_argv[] = { "/tests/argv_child", big, 0 };

	try("/nonexistent", (long)"/nonexistent", (long)argv);
	try("empty path", (long)"", (long)argv);
	try("/tests/exec_fail/x", (long)"/tests/exec_fail/x", (long)argv);
	try("/tmp (a directory)", (long)"/tmp", (long)argv);
	try("/data/hello.txt (mode 0644)", (long)"/data/hello.txt", (long)argv);

	int fd = open("/tmp/noelf", O_WRONLY | O_CREAT | O_TRUNC, 0755);
	write(fd, "echo not an ELF\n", 16);
	close(fd);
	try("/tmp/noelf (mode 0755, no #!)", (long)"/tmp/noelf", (long)argv);

	memset(big, 'a', BIG);
	try("argument of 200000 bytes", (long)big_argv[0], (long)big_argv);
	try("path at address 1", 1, (long)argv);
	try("argv at address 1", (long)"/tests/argv_child", 1);
	say("exec: still running after %d failures\n", failures);
	return 0;
}
