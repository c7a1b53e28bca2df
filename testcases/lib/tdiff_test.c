/* tdiff_test.c: helpers shared by the testcases (see tdiff_test.h). */
#include "tdiff_test.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

void
say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	(void)!write(1, buf, n);
}

#define NAME(x) [x] = #x
static const char *const err_names[] = {
	NAME(EPERM), NAME(ENOENT), NAME(ESRCH), NAME(EINTR), NAME(EIO), NAME(ENXIO),
	NAME(E2BIG), NAME(ENOEXEC), NAME(EBADF), NAME(ECHILD), NAME(EAGAIN), NAME(ENOMEM),
	NAME(EACCES), NAME(EFAULT), NAME(EBUSY), NAME(EEXIST), NAME(ENOTDIR), NAME(EISDIR),
	NAME(EINVAL), NAME(EMFILE), NAME(ENOTTY), NAME(ENOSPC), NAME(ESPIPE), NAME(ERANGE),
	NAME(ENOSYS), NAME(ENAMETOOLONG), NAME(ELOOP), NAME(ENOTEMPTY), NAME(EXDEV),
	NAME(EMLINK), NAME(EPIPE),
};
static const char *const sig_names[] = {
	NAME(SIGHUP), NAME(SIGINT), NAME(SIGQUIT), NAME(SIGILL), NAME(SIGTRAP), NAME(SIGABRT),
	NAME(SIGBUS), NAME(SIGFPE), NAME(SIGKILL), NAME(SIGUSR1), NAME(SIGSEGV), NAME(SIGUSR2),
	NAME(SIGPIPE), NAME(SIGALRM), NAME(SIGTERM), NAME(SIGCHLD),
};
#undef NAME

const char *
errname(int err)
{
	if (err > 0 && (size_t)err < sizeof(err_names) / sizeof(err_names[0]) && err_names[err])
		return err_names[err];
	return "E?";
}

const char *
signame(int sig)
{
	if (sig > 0 && (size_t)sig < sizeof(sig_names) / sizeof(sig_names[0]) && sig_names[sig])
		return sig_names[sig];
	return "SIG?";
}

const char *
describe_status(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exited %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by %s", signame(WTERMSIG(status)));
	else
		snprintf(buf, len, "status 0x%x", status);
	return buf;
}

long
raw_syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	long r = syscall(nr, a, b, c, d, e, f);

	return r == -1 ? -errno : r;
}

void
say_rc(const char *what, long r)
{
	if (r == -1)
		say("%s: -1 %s\n", what, errname(errno));
	else
		say("%s: %ld\n", what, r);
}

int
test_dir(const char *path)
{
	if (mkdir(path, 0755) < 0 || chdir(path) < 0) {
		say("test_dir %s: %s\n", path, errname(errno));
		return -1;
	}
	return 0;
}
