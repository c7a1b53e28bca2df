/*
 * precprog: the fixture program of tracediff's precision tests
 * (compare/tests/test_precision.c).  Every run makes the same calls; the
 * divergent recordings come from strace's fault injection (-e inject=) and
 * raw printing (-e raw=), never from editing text:
 *   - three mmaps, never touched, then unmapped (record.sh has strace hand
 *     the second one the first one's address: a kernel reusing a live
 *     region)
 *   - clone3 with a stack mmap'd for the child (CLONE_VM), reaped by wait4
 *   - openat and close of /dev/null
 *   - rt_sigaction with a flag bit strace has no name for: 0x2000000, or
 *     0x1000000 when PREC_SAFLAG=1 (every run sets PREC_SAFLAG)
 *   - clone with CLONE_DETACHED, which Linux ignores
 *   - umask(022), umask(0): octal, or hex with strace -e raw=umask
 *   - a child writing to a read-only page (SEGV_ACCERR), or 1 MiB below
 *     it, where nothing is mapped, when PREC_FAULT=map (SEGV_MAPERR)
 *   - a child blocked in read of a pipe, answered by the parent, or killed
 *     by its SIGSEGV inside the read when PREC_KILL=1 (= ? ERESTARTSYS)
 *   - three children reaped by wait4(-1): they exit 10, 11, 12 after 50,
 *     100, 150 ms, or the other way round when PREC_ORDER=rev; the second
 *     exits 99 when PREC_STATUS=1
 * Every run sets PREC_SAFLAG, PREC_FAULT, PREC_KILL, PREC_ORDER and
 * PREC_STATUS (envp's count stays).
 * x86_64 only (inline syscalls), built static with the host gcc.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define STACK_SIZE 0x10000

/* clone3_exit: clone3 whose child exits at once on its new stack (it may
 * touch no memory of the parent's frame: it runs on `stack`). */
static long
clone3_exit(struct clone_args *a)
{
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov $60, %%eax\n\t"
			 "xor %%edi, %%edi\n\t"
			 "syscall\n\t"
			 "1:"
			 : "=a"(ret)
			 : "a"(SYS_clone3), "D"(a), "S"(sizeof(*a))
			 : "rcx", "r11", "memory");
	return ret;
}

static int
env_is(const char *name, const char *val)
{
	const char *v = getenv(name);

	return v && !strcmp(v, val);
}

/* fault_child: a child that dies of SIGSEGV, ACCERR or MAPERR */
static void
fault_child(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		volatile char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		/* the same calls either way: only where the store goes */
		if (env_is("PREC_FAULT", "map"))
			p -= 0x100000; /* below every mapping: SEGV_MAPERR */
		*p = 1;
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

/* read_child: a child blocked in read, answered or killed inside it */
static void
read_child(void)
{
	struct timespec ts = {0, 200000000};
	int fd[2];
	pid_t pid;
	char c;

	if (pipe(fd) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		read(fd[0], &c, 1);
		_exit(0);
	}
	nanosleep(&ts, NULL);
	if (env_is("PREC_KILL", "1"))
		kill(pid, SIGSEGV);
	else
		write(fd[1], "x", 1);
	waitpid(pid, NULL, 0);
}

/* reap_any: three children, reaped in whatever order they end */
static void
reap_any(void)
{
	int rev = env_is("PREC_ORDER", "rev");

	for (int i = 0; i < 3; i++) {
		if (fork() == 0) {
			struct timespec ts = {0, 50000000L * (rev ? 3 - i : i + 1)};

			nanosleep(&ts, NULL);
			_exit(i == 1 && env_is("PREC_STATUS", "1") ? 99 : 10 + i);
		}
	}
	for (int i = 0; i < 3; i++) {
		int st;

		wait4(-1, &st, 0, NULL);
	}
}

static void
on_usr1(int sig)
{
	(void)sig;
}

/* three_maps: three anonymous mappings, then their unmapping */
static void
three_maps(void)
{
	void *a = mmap(NULL, 0x3000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *b = mmap(NULL, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *c = mmap(NULL, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(c, 0x1000);
	munmap(b, 0x1000);
	munmap(a, 0x3000);
}

int
main(void)
{
	struct clone_args a;
	struct sigaction sa;
	void *stack;
	long pid;
	int fd;

	three_maps();
	stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(&a, 0, sizeof(a));
	a.flags = CLONE_VM;
	a.exit_signal = SIGCHLD;
	a.stack = (unsigned long)stack;
	a.stack_size = STACK_SIZE;
	pid = clone3_exit(&a);
	if (pid > 0)
		waitpid((pid_t)pid, NULL, 0);
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0)
		close(fd);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = getenv("PREC_SAFLAG") && !strcmp(getenv("PREC_SAFLAG"), "1") ? 0x1000000 : 0x2000000;
	sigaction(SIGUSR1, &sa, NULL);
	pid = syscall(SYS_clone, CLONE_DETACHED | SIGCHLD, NULL, NULL, NULL, 0);
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid((pid_t)pid, NULL, 0);
	umask(022);
	umask(0);
	fault_child();
	read_child();
	reap_any();
	write(1, "done\n", 5);
	return 0;
}
