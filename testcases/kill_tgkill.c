// @desc: kill to self (signal 0 and a real one), to a child, to a child's process group and to the caller's own group; tgkill and tkill to a thread; ESRCH for a reaped pid or a tid outside the group, EINVAL for bad signals and ids
// @timeout: 10
// @expect: kill: self, signal 0: 0
// @expect: kill: self, SIGUSR1: 0, handler ran 1 times
// @expect: kill: child, SIGTERM: 0, child killed by SIGTERM
// @expect: kill: child's group, SIGUSR2: 0, child killed by SIGUSR2
// @expect: kill: own group from a child in its own group: child killed by SIGHUP
// @expect: kill: reaped child, signal 0: ESRCH
// @expect: kill: signal 65: EINVAL
// @expect: kill: signal -1: EINVAL
// @expect: tgkill: self: 0, handler ran 2 times
// @expect: tgkill: child's main thread: 0, child killed by SIGTERM
// @expect: tkill: self: 0, handler ran 3 times
// @expect: tgkill: tid of another process: ESRCH
// @expect: tgkill: tgid 0: EINVAL
// @expect: tgkill: tid 0: EINVAL
// @expect: tgkill: signal 65: EINVAL
// @expect: tkill: tid -1: EINVAL
#include "tdiff_test.h"

#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int handled;

static void
on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static const char *
result(long r)
{
	return r == 0 ? "0" : errname((int)-r);
}

/* sleeper: a child that says it is ready on fds[1], then spins in user
 * mode: wherever a signal finds it, it makes no further syscall, so its
 * trace does not depend on when the signal comes. */
static pid_t
sleeper(int fds[2])
{
	char c;
	pid_t pid = fork();
	if (pid == 0) {
		write(fds[1], "r", 1);
		for (;;)
			__asm__ volatile("");
	}
	read(fds[0], &c, 1);
	return pid;
}

/* reap: wait for pid and describe how it ended. */
static const char *
reap(pid_t pid, char *buf, size_t len)
{
	int status;
	if (waitpid(pid, &status, 0) != pid)
		return "not reaped";
	return describe_status(status, buf, len);
}

int
main(void)
{
	char desc[64];
	int fds[2];
	pid_t self = getpid(), tid = (pid_t)raw_syscall6(SYS_gettid, 0, 0, 0, 0, 0, 0);

	sigset_t chld;

	/* SIGCHLD stays blocked: its report would otherwise land before or
	 * after a wait4 depending on when each child dies */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	signal(SIGUSR1, on_usr1);
	pipe(fds);
	say("kill: self, signal 0: %s\n", result(raw_syscall6(SYS_kill, self, 0, 0, 0, 0, 0)));
	long r = raw_syscall6(SYS_kill, self, SIGUSR1, 0, 0, 0, 0);
	say("kill: self, SIGUSR1: %s, handler ran %d times\n", result(r), handled);

	pid_t pid = sleeper(fds);
	r = raw_syscall6(SYS_kill, pid, SIGTERM, 0, 0, 0, 0);
	say("kill: child, SIGTERM: %s, child %s\n", result(r), reap(pid, desc, sizeof(desc)));

	/* the parent puts the child in its own group (as a shell does), so
	 * that the group signal reaches nobody else */
	pid = sleeper(fds);
	setpgid(pid, pid);
	r = raw_syscall6(SYS_kill, -pid, SIGUSR2, 0, 0, 0, 0);
	say("kill: child's group, SIGUSR2: %s, child %s\n", result(r), reap(pid, desc, sizeof(desc)));

	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		raw_syscall6(SYS_kill, 0, SIGHUP, 0, 0, 0, 0);
		_exit(0);
	}
	say("kill: own group from a child in its own group: child %s\n", reap(pid, desc, sizeof(desc)));
	say("kill: reaped child, signal 0: %s\n", result(raw_syscall6(SYS_kill, pid, 0, 0, 0, 0, 0)));
	say("kill: signal 65: %s\n", result(raw_syscall6(SYS_kill, self, 65, 0, 0, 0, 0)));
	say("kill: signal -1: %s\n", result(raw_syscall6(SYS_kill, self, -1, 0, 0, 0, 0)));

	r = raw_syscall6(SYS_tgkill, self, tid, SIGUSR1, 0, 0, 0);
	say("tgkill: self: %s, handler ran %d times\n", result(r), handled);
	pid = sleeper(fds);
	r = raw_syscall6(SYS_tgkill, pid, pid, SIGTERM, 0, 0, 0);
	say("tgkill: child's main thread: %s, child %s\n", result(r), reap(pid, desc, sizeof(desc)));
	r = raw_syscall6(SYS_tkill, tid, SIGUSR1, 0, 0, 0, 0);
	say("tkill: self: %s, handler ran %d times\n", result(r), handled);

	pid = sleeper(fds);
	r = raw_syscall6(SYS_tgkill, self, pid, SIGUSR1, 0, 0, 0);
	say("tgkill: tid of another process: %s\n", result(r));
	raw_syscall6(SYS_kill, pid, SIGKILL, 0, 0, 0, 0);
	reap(pid, desc, sizeof(desc));
	say("tgkill: tgid 0: %s\n", result(raw_syscall6(SYS_tgkill, 0, tid, SIGUSR1, 0, 0, 0)));
	say("tgkill: tid 0: %s\n", result(raw_syscall6(SYS_tgkill, self, 0, SIGUSR1, 0, 0, 0)));
	say("tgkill: signal 65: %s\n", result(raw_syscall6(SYS_tgkill, self, tid, 65, 0, 0, 0)));
	say("tkill: tid -1: %s\n", result(raw_syscall6(SYS_tkill, -1, SIGUSR1, 0, 0, 0, 0)));
	return 0;
}
