// @desc: a SIGCHLD handler (SA_SIGINFO) sees CLD_EXITED with the exit status and CLD_KILLED with the signal, si_pid naming the child; wait4 then reaps each child; SIG_IGN on SIGCHLD with SA_NOCLDWAIT leaves no zombie (wait4 gives ECHILD)
// @timeout: 10
// @expect: sigchld: exited child: handler ran 1 times, CLD_EXITED status 7 si_pid=child, wait4: exited 7
// @expect: sigchld: killed child: handler ran 1 times, CLD_KILLED status 9 si_pid=child, wait4: killed by SIGKILL
// @expect: sigchld: SA_NOCLDWAIT child: wait4: ECHILD
#include "tdiff_test.h"

#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int handled, got_code, got_status, got_pid;

static void
on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	handled++;
	got_code = si->si_code;
	got_status = si->si_status;
	got_pid = si->si_pid;
}

static const char *
code_name(int code)
{
	return code == CLD_EXITED ? "CLD_EXITED" : code == CLD_KILLED ? "CLD_KILLED" :
	       code == CLD_DUMPED ? "CLD_DUMPED" : "OTHER";
}

/* one_child: SIGCHLD is blocked; start a child that runs body, wait for
 * its SIGCHLD with sigsuspend, then reap it. */
static void
one_child(const char *what, void (*body)(void))
{
	sigset_t none;
	char desc[64];
	int status;

	handled = 0;
	pid_t pid = fork();
	if (pid == 0) {
		body();
		_exit(0);
	}
	sigemptyset(&none);
	sigsuspend(&none);
	long r = raw_syscall6(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
	say("sigchld: %s: handler ran %d times, %s status %d si_pid=%s, wait4: %s\n", what, handled,
	    code_name(got_code), got_status, got_pid == pid ? "child" : "WRONG",
	    r == pid ? describe_status(status, desc, sizeof(desc)) : errname((int)-r));
}

static void
exit_7(void)
{
	_exit(7);
}

static void
die_of_sigkill(void)
{
	raw_syscall6(SYS_kill, raw_syscall6(SYS_getpid, 0, 0, 0, 0, 0, 0), SIGKILL, 0, 0, 0, 0);
}

int
main(void)
{
	struct sigaction sa;
	sigset_t chld;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGCHLD, &sa, NULL);

	one_child("exited child", exit_7);
	one_child("killed child", die_of_sigkill);

	/* no zombies: the child is gone when it exits; wait4 blocks until
	 * then and fails with ECHILD */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = SA_NOCLDWAIT;
	sigaction(SIGCHLD, &sa, NULL);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
	pid_t pid = fork();
	if (pid == 0)
		_exit(3);
	long r = raw_syscall6(SYS_wait4, pid, 0, 0, 0, 0, 0);
	say("sigchld: SA_NOCLDWAIT child: wait4: %s\n", r == pid ? "reaped" : errname((int)-r));
	return 0;
}
