// @desc: the remaining calls of a process's life: sysinfo's units and counts, prctl's thread name (set, read back, cut at 15 bytes) and dumpable flag (EINVAL for an unknown option), membarrier (what QUERY offers, GLOBAL, PRIVATE_EXPEDITED refused before REGISTER and allowed after, EINVAL for an unknown command), pause ended by a signal's handler (EINTR); on riscv64 riscv_flush_icache (EINVAL for an unknown flag)
// @expect: sysinfo: 0, mem_unit 1, totalram >= freeram: yes, procs >= 1: yes
// @expect: prctl PR_SET_NAME: 0
// @expect: prctl PR_GET_NAME: 0, "tdiff-name"
// @expect: prctl PR_GET_NAME after a long name: "a-very-long-thr"
// @expect: prctl PR_GET_DUMPABLE: 1
// @expect: prctl unknown option: -1 EINVAL
// @expect: membarrier GLOBAL: 0
// @expect: membarrier PRIVATE_EXPEDITED before REGISTER: -1 EPERM
// @expect: membarrier REGISTER_PRIVATE_EXPEDITED: 0
// @expect: membarrier PRIVATE_EXPEDITED: 0
// @expect: membarrier unknown command: -1 EINVAL
// @expect: pause: -1 EINTR, handler ran: yes
#include "tdiff_test.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MEMBARRIER_CMD_QUERY 0
#define MEMBARRIER_CMD_GLOBAL 1
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED 8
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED 16

static volatile sig_atomic_t handled;

static void
on_usr1(int sig)
{
	(void)sig;
	handled = 1;
}

/* say "what: r" or "what: -1 EFOO" for a raw syscall's -errno */
static void
say_raw(const char *what, long r)
{
	if (r < 0)
		say("%s: -1 %s\n", what, errname((int)-r));
	else
		say("%s: %ld\n", what, r);
}

/* a child that pauses until the parent's SIGUSR1 */
static void
pause_child(void)
{
	int p[2], status;
	char c;
	struct timespec nap = { 0, 200 * 1000 * 1000 };

	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_usr1;
		sigaction(SIGUSR1, &sa, NULL);
		write(p[1], "r", 1);
		int r = pause();
		say("pause: %d %s, handler ran: %s\n", r, r < 0 ? errname(errno) : "", handled ? "yes" : "no");
		_exit(0);
	}
	read(p[0], &c, 1);
	nanosleep(&nap, NULL);  /* the child is in pause by now */
	kill(pid, SIGUSR1);
	waitpid(pid, &status, 0);
}

int
main(void)
{
	struct sysinfo si;
	char name[32];

	long r = sysinfo(&si);
	say("sysinfo: %ld, mem_unit %u, totalram >= freeram: %s, procs >= 1: %s\n", r, si.mem_unit,
	    si.totalram >= si.freeram ? "yes" : "no", si.procs >= 1 ? "yes" : "no");

	say_rc("prctl PR_SET_NAME", prctl(PR_SET_NAME, "tdiff-name"));
	memset(name, 0, sizeof(name));
	r = prctl(PR_GET_NAME, name);
	say("prctl PR_GET_NAME: %ld, \"%s\"\n", r, name);
	prctl(PR_SET_NAME, "a-very-long-thread-name");
	prctl(PR_GET_NAME, name);
	say("prctl PR_GET_NAME after a long name: \"%s\"\n", name);
	say_rc("prctl PR_GET_DUMPABLE", prctl(PR_GET_DUMPABLE));
	say_raw("prctl unknown option", raw_syscall6(SYS_prctl, 12345, 0, 0, 0, 0, 0));

	r = raw_syscall6(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0, 0, 0, 0);
	say("membarrier QUERY: %#lx\n", r);
	say_raw("membarrier GLOBAL", raw_syscall6(SYS_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0, 0, 0, 0));
	say_raw("membarrier PRIVATE_EXPEDITED before REGISTER",
		raw_syscall6(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0, 0, 0, 0));
	say_raw("membarrier REGISTER_PRIVATE_EXPEDITED",
		raw_syscall6(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0, 0, 0, 0));
	say_raw("membarrier PRIVATE_EXPEDITED",
		raw_syscall6(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0, 0, 0, 0));
	say_raw("membarrier unknown command", raw_syscall6(SYS_membarrier, 3, 0, 0, 0, 0, 0));

	pause_child();

#ifdef SYS_riscv_flush_icache
	say_raw("riscv_flush_icache", raw_syscall6(SYS_riscv_flush_icache, 0, 0, 0, 0, 0, 0));
	say_raw("riscv_flush_icache unknown flag", raw_syscall6(SYS_riscv_flush_icache, 0, 0, 2, 0, 0, 0));
#endif
	return 0;
}
