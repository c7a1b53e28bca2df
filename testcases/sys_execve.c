// @desc: execve in a child: busybox with a chosen argv and envp, a #! script with its argument, an O_CLOEXEC fd closed and a plain fd kept across exec; the caller keeps running after ENOENT, EACCES and EFAULT
// @smoke: x86_64
// (qemu-user cannot exec another riscv64 program, so no riscv64 smoke run)
// @expect: hello from execve
// @expect: ONE=1
// @expect: TWO=2
// @expect: execve busybox env: exited 0
// @expect: script: argument one
// @expect: execve #! script: exited 5
// @expect: kept
// @expect: sh: 5: Bad file descriptor
// @expect: execve with fds 5 (O_CLOEXEC) and 6: exited 1
// @expect: execve missing: -1 ENOENT
// @expect: execve /data/hello.txt: -1 EACCES
// @expect: execve bad path: -1 EFAULT
#include "tdiff_test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char *const no_env[] = { NULL };

/* run: fork, execve(path, argv, envp) in the child, say how it ended */
static void
run(const char *what, const char *path, char *const argv[], char *const envp[])
{
	char buf[64];
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execve(path, argv, envp);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		say("%s: fork or wait failed\n", what);
		return;
	}
	say("%s: %s\n", what, describe_status(status, buf, sizeof(buf)));
}

int
main(void)
{
	static char *const echo[] = { "echo", "hello", "from", "execve", NULL };
	static char *const env[] = { "env", NULL };
	static char *const envp[] = { "ONE=1", "TWO=2", NULL };
	static char *const script[] = { "/tmp/sys_execve/script", "one", NULL };
	static char *const sh[] = { "sh", "-c", "echo kept >&6; echo lost >&5", NULL };
	static const char text[] = "#!/bin/sh\necho script: argument $1\nexit 5\n";
	int fd;
	long r;

	if (test_dir("/tmp/sys_execve") < 0)
		return 1;
	run("execve busybox echo", "/bin/busybox", echo, no_env);
	run("execve busybox env", "/bin/busybox", env, envp);
	fd = open("script", O_CREAT | O_WRONLY, 0755);
	if (fd < 0 || write(fd, text, sizeof(text) - 1) != sizeof(text) - 1)
		return 1;
	close(fd);
	run("execve #! script", "/tmp/sys_execve/script", script, no_env);
	dup3(1, 5, O_CLOEXEC);
	dup2(1, 6);
	run("execve with fds 5 (O_CLOEXEC) and 6", "/bin/sh", sh, no_env);
	close(5);
	close(6);
	say_rc("execve missing", execve("/tmp/sys_execve/missing", echo, no_env));
	say_rc("execve /data/hello.txt", execve("/data/hello.txt", echo, no_env));
	r = raw_syscall6(SYS_execve, 1, (long)echo, (long)no_env, 0, 0, 0);
	say("execve bad path: -1 %s\n", r < 0 ? errname((int)-r) : "(returned)");
	return 0;
}
