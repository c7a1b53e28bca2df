// @desc: signal frames and restarts: faults report Linux's si_code and si_addr, handlers return through rt_sigreturn with registers and FP state restored, SA_RESTART restarts a blocking read with its arguments intact and without it the read fails with EINTR
// @timeout: 30
// @expect: signals: null read: SIGSEGV SEGV_MAPERR addr ok
// @expect: signals: read-only write: SIGSEGV SEGV_ACCERR addr ok
// @expect: signals: handler ran, registers ok, rounding mode ok
// @expect: signals: SA_RESTART read: 5 bytes "hello"
// @expect: signals: plain read: EINTR
// @expect: signals: done
#include "tdiff_test.h"

#include <errno.h>
#include <fenv.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile int got_code;
static volatile uintptr_t got_addr;
static volatile int handled;

static void
on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_code = si->si_code;
	got_addr = (uintptr_t)si->si_addr;
	siglongjmp(jb, 1);
}

static void
on_usr1(int sig)
{
	(void)sig;
	/* clobber the FP state the interrupted code relies on */
	fesetround(FE_DOWNWARD);
	volatile double x = 1.0 / 3.0;
	x = x * 7.0;
	handled++;
}

static const char *
segv_code(int code)
{
	return code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR" : "OTHER";
}

/* A child that waits a little, signals the parent, then writes to the pipe. */
static pid_t
poke_later(int wfd)
{
	pid_t pid = fork();
	if (pid == 0) {
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		kill(getppid(), SIGUSR1);
		nanosleep(&ts, NULL);
		raw_syscall6(SYS_write, wfd, (long)"hello", 5, 0, 0, 0);
		_exit(0);
	}
	return pid;
}

static void
read_with(int flags, const char *what)
{
	struct sigaction sa;
	int fds[2];
	char buf[16];
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = flags;
	sigaction(SIGUSR1, &sa, NULL);
	if (pipe(fds) < 0)
		return;
	pid_t pid = poke_later(fds[1]);
	long n = raw_syscall6(SYS_read, fds[0], (long)buf, sizeof(buf), 0, 0, 0);
	if (n >= 0)
		say("signals: %s read: %ld bytes \"%.*s\"\n", what, n, (int)n, buf);
	else
		say("signals: %s read: %s\n", what, errname((int)-n));
	waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);
}

int
main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);

	if (!sigsetjmp(jb, 1))
		say("signals: read of NULL gave %d\n", *(volatile int *)0);
	say("signals: null read: SIGSEGV %s addr %s\n", segv_code(got_code), got_addr == 0 ? "ok" : "WRONG");

	char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!sigsetjmp(jb, 1))
		*(volatile char *)(ro + 24) = 1;
	say("signals: read-only write: SIGSEGV %s addr %s\n", segv_code(got_code),
	    got_addr == (uintptr_t)(ro + 24) ? "ok" : "WRONG");

	/* a handler between two halves of a computation kept in registers */
	signal(SIGUSR1, on_usr1);
	fesetround(FE_UPWARD);
	/* volatile: the compiler knows nothing of the rounding mode and would
	 * move the arithmetic across the calls that change it */
	volatile double third = 1.0 / 3.0;
	volatile double a = third * 3.0, b = third + 1.0;
	long r1 = 0x1234, r2 = 0x5678;
	__asm__ volatile("" : "+r"(r1), "+r"(r2));
	kill(getpid(), SIGUSR1);
	__asm__ volatile("" : "+r"(r1), "+r"(r2));
	volatile double a2 = third * 3.0, b2 = third + 1.0;
	int mode_ok = fegetround() == FE_UPWARD && a == a2 && b == b2;
	fesetround(FE_TONEAREST);
	say("signals: handler ran%s, registers %s, rounding mode %s\n", handled == 1 ? "" : " WRONG",
	    r1 == 0x1234 && r2 == 0x5678 ? "ok" : "WRONG", mode_ok ? "ok" : "WRONG");

	read_with(SA_RESTART, "SA_RESTART");
	read_with(0, "plain");
	say("signals: done\n");
	return 0;
}
