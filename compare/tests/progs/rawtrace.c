/* rawtrace: a ptrace tracer that prints what a kernel prints at the raw
 * level (harness/PROTOCOL.md, compare/src/raw.h), so that the tests of
 * tracediff's "#tdiff sys" reader run on real syscalls of real programs:
 *
 *   #tdiff sys <tid> <nr> <a0> .. <a5> = <ret>    after every call
 *   #tdiff sysenter <tid> <nr> <a0> .. <a5>       before exit/exit_group
 *   #tdiff signal <tid> <signo>                   a signal delivered
 *
 * The program's own writes of lines starting with "#tdiff " (a launcher's
 * "#tdiff start NAME") are copied into the trace too, as the harness does
 * with a kernel's one console.  x86_64 Linux only (the host's strace 6.1
 * is the other recorder of compare/tests/data).
 *
 * With -F it prints instead what Linux's tracefs `trace` file shows of
 * the raw_syscalls events (the format of include/trace/events/syscalls.h
 * and kernel/trace/trace_output.c: "comm-tid [cpu] flags time: event:
 * text", a new task's return from fork as its first sys_exit, and the
 * markers as tracing_mark_write events): the ftrace fixtures until a
 * Linux built with CONFIG_FTRACE_SYSCALLS records them.
 *
 * usage: rawtrace [-S] [-F] OUT PROG ARGS...   (-S: no signal lines) */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXT 4096

struct task {
	pid_t tid;
	int in_call; /* between the entry and the exit stop */
	int fresh;   /* made by a traced fork: its first SIGSTOP is not a signal */
	unsigned long long nr, a[6];
};

static struct task tasks[MAXT];
static int ntasks;
static FILE *out;
static int no_signals, ftrace;

/* ft_prefix: "<comm>-<tid> [000] ..... <seconds>.<micro>: " */
static void
ft_prefix(pid_t tid)
{
	char path[64], comm[32] = "<...>";
	struct timespec ts;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", tid);
	if ((f = fopen(path, "re"))) {
		if (fgets(comm, sizeof(comm), f))
			comm[strcspn(comm, "\n")] = 0;
		fclose(f);
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	fprintf(out, "%16s-%-7d [000] ..... %5llu.%06lu: ", comm, tid, (unsigned long long)ts.tv_sec,
		ts.tv_nsec / 1000);
}

static struct task *
task_of(pid_t tid)
{
	for (int i = 0; i < ntasks; i++)
		if (tasks[i].tid == tid)
			return &tasks[i];
	if (ntasks == MAXT) {
		fprintf(stderr, "rawtrace: more than %d tasks\n", MAXT);
		exit(2);
	}
	tasks[ntasks].tid = tid;
	tasks[ntasks].in_call = 0;
	tasks[ntasks].fresh = 0;
	return &tasks[ntasks++];
}

static int
known(pid_t tid)
{
	for (int i = 0; i < ntasks; i++)
		if (tasks[i].tid == tid)
			return 1;
	return 0;
}

/* copy_marker: a write of "#tdiff ..." to fd 1 or 2: the line goes to
 * the trace, as a console line would */
static void
copy_marker(pid_t tid, const struct task *t)
{
	char buf[256];
	struct iovec local = {buf, sizeof(buf) - 1}, remote = {(void *)t->a[1], t->a[2]};
	ssize_t n;

	if (t->nr != SYS_write || (t->a[0] != 1 && t->a[0] != 2) || t->a[2] < 7)
		return;
	if (remote.iov_len > sizeof(buf) - 1)
		remote.iov_len = sizeof(buf) - 1;
	n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
	if (n < 7 || memcmp(buf, "#tdiff ", 7) != 0)
		return;
	buf[n] = 0;
	if (ftrace) {
		ft_prefix(tid);
		fputs("tracing_mark_write: ", out);
	}
	fprintf(out, "%s%s", buf, buf[n - 1] == '\n' ? "" : "\n");
}

/* on_syscall: a syscall stop of tid: the entry records the arguments, the
 * exit prints the line */
static void
on_syscall(pid_t tid)
{
	struct user_regs_struct r;
	struct task *t = task_of(tid);

	if (ptrace(PTRACE_GETREGS, tid, 0, &r) < 0)
		return;
	if (!t->in_call) {
		t->in_call = 1;
		t->nr = r.orig_rax;
		t->a[0] = r.rdi, t->a[1] = r.rsi, t->a[2] = r.rdx;
		t->a[3] = r.r10, t->a[4] = r.r8, t->a[5] = r.r9;
		if (ftrace) {
			ft_prefix(tid);
			fprintf(out, "sys_enter: NR %llu (%llx, %llx, %llx, %llx, %llx, %llx)\n", t->nr, t->a[0], t->a[1],
				t->a[2], t->a[3], t->a[4], t->a[5]);
		} else if (t->nr == SYS_exit || t->nr == SYS_exit_group)
			fprintf(out, "#tdiff sysenter %d %llu %llx %llx %llx %llx %llx %llx\n", tid, t->nr, t->a[0],
				t->a[1], t->a[2], t->a[3], t->a[4], t->a[5]);
		return;
	}
	t->in_call = 0;
	if (ftrace) {
		ft_prefix(tid);
		fprintf(out, "sys_exit: NR %llu = %lld\n", t->nr, (long long)r.rax);
		copy_marker(tid, t);
		return;
	}
	copy_marker(tid, t);
	fprintf(out, "#tdiff sys %d %llu %llx %llx %llx %llx %llx %llx = %lld\n", tid, t->nr, t->a[0], t->a[1],
		t->a[2], t->a[3], t->a[4], t->a[5], (long long)r.rax);
}

int
main(int argc, char **argv)
{
	int status, opt = 1;
	pid_t pid, tid;

	for (; opt < argc && argv[opt][0] == '-'; opt++) {
		if (!strcmp(argv[opt], "-S"))
			no_signals = 1;
		else if (!strcmp(argv[opt], "-F"))
			ftrace = no_signals = 1; /* raw_syscalls has no signal event */
		else
			break;
	}
	if (argc - opt < 2) {
		fprintf(stderr, "usage: rawtrace [-S] [-F] OUT PROG ARGS...\n");
		return 2;
	}
	if (!(out = fopen(argv[opt], "we"))) { /* not the tracee's */
		fprintf(stderr, "rawtrace: %s: %s\n", argv[opt], strerror(errno));
		return 2;
	}
	setvbuf(out, NULL, _IOLBF, 0);
	if (ftrace)
		fputs("# tracer: nop\n#\n#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
		      "#              | |         |   |||||     |         |\n",
		      out);
	pid = fork();
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		execvp(argv[opt + 1], argv + opt + 1);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	task_of(pid);
	ptrace(PTRACE_SETOPTIONS, pid, 0,
	       PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
		       PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL);
	ptrace(PTRACE_SYSCALL, pid, 0, 0);
	while ((tid = waitpid(-1, &status, __WALL)) > 0) {
		int sig = 0;

		if (WIFEXITED(status) || WIFSIGNALED(status))
			continue;
		if (!WIFSTOPPED(status))
			continue;
		if (WSTOPSIG(status) == (SIGTRAP | 0x80)) {
			on_syscall(tid);
		} else if (status >> 16) {
			/* a fork, clone or exec event stop: a new task is
			 * known from here (its first stop is a SIGSTOP) */
			unsigned long child;

			if ((status >> 16) != PTRACE_EVENT_EXEC && ptrace(PTRACE_GETEVENTMSG, tid, 0, &child) == 0 &&
			    !known(child))
				task_of((pid_t)child)->fresh = 1;
		} else if (WSTOPSIG(status) == SIGSTOP && (!known(tid) || task_of(tid)->fresh)) {
			task_of(tid)->fresh = 0; /* a new task's first stop */
			if (ftrace) { /* ftrace shows its return from fork */
				ft_prefix(tid);
				fprintf(out, "sys_exit: NR %d = 0\n", SYS_clone);
			}
		} else {
			sig = WSTOPSIG(status);
			if (!no_signals)
				fprintf(out, "#tdiff signal %d %d\n", tid, sig);
		}
		ptrace(PTRACE_SYSCALL, tid, 0, sig);
	}
	return 0;
}
