// @desc: a handler interrupts a blocking read on a pipe, a wait4 and a nanosleep: with SA_RESTART read and wait4 restart, without it they fail with EINTR; nanosleep fails with EINTR either way, and sleeps on through a signal that runs no handler (SIGCHLD); a timed futex wait and a poll likewise (EINTR with a handler, restarted without); rt_sigaction's EINVAL cases
// @timeout: 20
// @expect: restart: SA_RESTART read: 5 bytes "hello"
// @expect: restart: plain read: EINTR
// @expect: restart: SA_RESTART wait4: child exited 0
// @expect: restart: plain wait4: EINTR, then child exited 0
// @expect: restart: SA_RESTART nanosleep: EINTR
// @expect: restart: plain nanosleep: EINTR
// @expect: restart: handler ran 6 times
// @expect: restart: nanosleep, SIGCHLD without a handler: 0
// @expect: restart: SA_RESTART futex wait with timeout: EINTR
// @expect: restart: futex wait with timeout, SIGCHLD without a handler: ETIMEDOUT
// @expect: restart: SA_RESTART poll: EINTR
// @expect: restart: poll, SIGCHLD without a handler: timeout
// @expect: restart: rt_sigaction(SIGKILL, act): EINVAL
// @expect: restart: rt_sigaction(SIGSTOP, act): EINVAL
// @expect: restart: rt_sigaction(SIGKILL, NULL, old): 0
// @expect: restart: rt_sigaction(0): EINVAL
// @expect: restart: rt_sigaction(65): EINVAL
// @expect: restart: rt_sigaction(SIGUSR1, sigsetsize 4): EINVAL
#include "tdiff_test.h"

#include <errno.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile int handled;

static void
on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/* sleep_ms: nanosleep for ms milliseconds. */
static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000 * 1000 };
	nanosleep(&ts, NULL);
}

/* poke_later: a child that lets the parent block, sends it SIGUSR1, waits
 * again and writes "hello" to wfd.  Its pid. */
static pid_t
poke_later(int wfd)
{
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		kill(getppid(), SIGUSR1);
		sleep_ms(100);
		raw_syscall6(SYS_write, wfd, (long)"hello", 5, 0, 0, 0);
		_exit(0);
	}
	return pid;
}

static void
set_handler(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = flags;
	sigaction(SIGUSR1, &sa, NULL);
}

/* read_with: a read that the child's signal interrupts. */
static void
read_with(int flags, const char *what)
{
	char buf[16];
	int fds[2];

	set_handler(flags);
	if (pipe(fds) < 0)
		return;
	pid_t pid = poke_later(fds[1]);
	long n = raw_syscall6(SYS_read, fds[0], (long)buf, sizeof(buf), 0, 0, 0);
	if (n >= 0)
		say("restart: %s read: %ld bytes \"%.*s\"\n", what, n, (int)n, buf);
	else
		say("restart: %s read: %s\n", what, errname((int)-n));
	waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);
}

/* wait_with: a wait4 for the child that its own signal interrupts. */
static void
wait_with(int flags, const char *what)
{
	char desc[64];
	int fds[2], status = -1;

	set_handler(flags);
	if (pipe(fds) < 0)
		return;
	pid_t pid = poke_later(fds[1]);
	long r = raw_syscall6(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
	if (r == pid) {
		say("restart: %s wait4: child %s\n", what, describe_status(status, desc, sizeof(desc)));
	} else {
		const char *e = errname((int)-r);
		r = raw_syscall6(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
		say("restart: %s wait4: %s, then child %s\n", what, e,
		    r == pid ? describe_status(status, desc, sizeof(desc)) : "not reaped");
	}
	close(fds[0]);
	close(fds[1]);
}

/* sleep_with: a nanosleep of 5 s that the child's signal interrupts. */
static void
sleep_with(int flags, const char *what)
{
	struct timespec ts = { 5, 0 };
	int fds[2];

	set_handler(flags);
	if (pipe(fds) < 0)
		return;
	pid_t pid = poke_later(fds[1]);
	long r = raw_syscall6(SYS_nanosleep, (long)&ts, 0, 0, 0, 0, 0);
	say("restart: %s nanosleep: %s\n", what, r == 0 ? "0" : errname((int)-r));
	waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);
}

/* sleep_through_sigchld: a 300 ms nanosleep that a child's exit
 * interrupts with SIGCHLD, which runs no handler: the sleep goes on
 * (through restart_syscall on Linux) and ends normally. */
static void
sleep_through_sigchld(void)
{
	struct timespec ts = { 0, 300 * 1000 * 1000 };
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		_exit(0);
	}
	long r = raw_syscall6(SYS_nanosleep, (long)&ts, 0, 0, 0, 0, 0);
	say("restart: nanosleep, SIGCHLD without a handler: %s\n", r == 0 ? "0" : errname((int)-r));
	waitpid(pid, NULL, 0);
}

/* futex_result: a futex call's result by name. */
static const char *
futex_result(long r)
{
	return r == 0 ? "0" : r == -ETIMEDOUT ? "ETIMEDOUT" : errname((int)-r);
}

/* futex_waits: a FUTEX_WAIT with a timeout on a word nobody wakes: a
 * handler (even with SA_RESTART) ends it with EINTR; a child's exit
 * (SIGCHLD, no handler) does not, the wait goes on and times out. */
static void
futex_waits(void)
{
	static uint32_t word;
	struct timespec five = { 5, 0 }, short_ts = { 0, 300 * 1000 * 1000 };
	int fds[2];

	set_handler(SA_RESTART);
	if (pipe(fds) < 0)
		return;
	pid_t pid = poke_later(fds[1]);
	long r = raw_syscall6(SYS_futex, (long)&word, FUTEX_WAIT_PRIVATE, 0, (long)&five, 0, 0);
	say("restart: SA_RESTART futex wait with timeout: %s\n", futex_result(r));
	waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);

	pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		_exit(0);
	}
	r = raw_syscall6(SYS_futex, (long)&word, FUTEX_WAIT_PRIVATE, 0, (long)&short_ts, 0, 0);
	say("restart: futex wait with timeout, SIGCHLD without a handler: %s\n", futex_result(r));
	waitpid(pid, NULL, 0);
}

/* poll_waits: a poll for a pipe that stays empty: a handler ends it with
 * EINTR even with SA_RESTART; a child's exit (SIGCHLD, no handler) does
 * not, the poll goes on and times out.  (musl's poll is ppoll on
 * riscv64.) */
static void
poll_waits(void)
{
	struct pollfd pfd;
	int fds[2];

	set_handler(SA_RESTART);
	if (pipe(fds) < 0)
		return;
	pfd = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	pid_t pid = poke_later(fds[1]);
	int r = poll(&pfd, 1, 5000);
	say("restart: SA_RESTART poll: %s\n", r < 0 ? errname(errno) : r == 0 ? "timeout" : "ready");
	waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);

	if (pipe(fds) < 0)
		return;
	pfd = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		_exit(0);
	}
	r = poll(&pfd, 1, 300);
	say("restart: poll, SIGCHLD without a handler: %s\n", r < 0 ? errname(errno) : r == 0 ? "timeout" : "ready");
	waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);
}

/* sigaction_err: rt_sigaction as the kernel sees it (musl's sigaction
 * checks the number itself). act is SIG_DFL with an empty mask. */
static void
sigaction_err(const char *what, int sig, int with_act, long setsize)
{
	unsigned long act[4] = { 0, 0, 0, 0 }, old[4];
	long r = raw_syscall6(SYS_rt_sigaction, sig, with_act ? (long)act : 0,
			      with_act ? 0 : (long)old, setsize, 0, 0);
	say("restart: rt_sigaction(%s): %s\n", what, r == 0 ? "0" : errname((int)-r));
}

int
main(void)
{
	read_with(SA_RESTART, "SA_RESTART");
	read_with(0, "plain");
	wait_with(SA_RESTART, "SA_RESTART");
	wait_with(0, "plain");
	sleep_with(SA_RESTART, "SA_RESTART");
	sleep_with(0, "plain");
	say("restart: handler ran %d times\n", handled);
	sleep_through_sigchld();
	futex_waits();
	poll_waits();

	sigaction_err("SIGKILL, act", SIGKILL, 1, 8);
	sigaction_err("SIGSTOP, act", SIGSTOP, 1, 8);
	sigaction_err("SIGKILL, NULL, old", SIGKILL, 0, 8);
	sigaction_err("0", 0, 0, 8);
	sigaction_err("65", 65, 0, 8);
	sigaction_err("SIGUSR1, sigsetsize 4", SIGUSR1, 1, 4);
	return 0;
}
