/*
 * tdiff_launch.c: /tdiff-launch, the test launcher of the disk images for a
 * kernel that cannot run busybox sh yet (harness/README.md, "Bring your own
 * kernel", step 3).  It does what /tdiff_testcode.sh does, with the fewest
 * kernel features: no libc, one read-only PT_LOAD, no TLS, no auxv read, and
 * only openat, read, write, close, chdir, clone (as fork: SIGCHLD, no stack),
 * execve, wait4, getpid, reboot and exit_group (or exit).
 *   - the test's name is the first line of /tdiff/test;
 *   - `#tdiff start <name>` on fd 1 in one write, then a fork whose child
 *     execve()s /tests/<name> with the argv of /tests/<name>.argv (one word a
 *     line, line 1 the path) and envp HOME=/ PATH=/bin:/tests TERM=linux,
 *     cwd /, fds 0-2 as the launcher got them;
 *   - after wait4, `#tdiff exit exited <N>` or `#tdiff exit killed <SIG>`;
 *   - as pid 1 it then asks for a power-off (reboot(2)); otherwise, or when
 *     that fails, it exits 0: most contest kernels stop when init ends.
 * Built for each arch by testcases.mk with -nostdlib -static.
 */
typedef unsigned long u64;

#if defined(__x86_64__)
enum { NR_read = 0, NR_write = 1, NR_close = 3, NR_getpid = 39, NR_clone = 56, NR_execve = 59,
       NR_exit = 60, NR_wait4 = 61, NR_chdir = 80, NR_reboot = 169, NR_exit_group = 231, NR_openat = 257 };

static long
sys6(long n, long a, long b, long c, long d)
{
	long r;
	register long r10 __asm__("r10") = d;

	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
	return r;
}

__asm__(".text\n.global _start\n_start:\n\txor %rbp, %rbp\n\tand $-16, %rsp\n\tcall launch\n\thlt\n");
#elif defined(__riscv) && __riscv_xlen == 64
enum { NR_chdir = 49, NR_openat = 56, NR_close = 57, NR_read = 63, NR_write = 64, NR_exit = 93, NR_exit_group = 94,
       NR_reboot = 142, NR_getpid = 172, NR_clone = 220, NR_execve = 221, NR_wait4 = 260 };

static long
sys6(long n, long a, long b, long c, long d)
{
	register long a7 __asm__("a7") = n, a0 __asm__("a0") = a, a1 __asm__("a1") = b, a2 __asm__("a2") = c,
				       a3 __asm__("a3") = d;

	__asm__ volatile("ecall" : "+r"(a0) : "r"(a7), "r"(a1), "r"(a2), "r"(a3) : "memory");
	return a0;
}

__asm__(".text\n.global _start\n_start:\n\tandi sp, sp, -16\n\tcall launch\n1:\tj 1b\n");
#else
#error "tdiff_launch: x86_64 or riscv64"
#endif

#define AT_FDCWD (-100)
#define SIGCHLD 17
#define MAXARGS 64

static u64
slen(const char *s)
{
	u64 n = 0;

	while (s[n])
		n++;
	return n;
}

/* put: append s to buf at *n (cut at cap) */
static void
put(char *buf, u64 cap, u64 *n, const char *s)
{
	while (*s && *n + 1 < cap)
		buf[(*n)++] = *s++;
	buf[*n] = 0;
}

static void
put_num(char *buf, u64 cap, u64 *n, long v)
{
	char d[24];
	int k = 0;

	if (v < 0) {
		put(buf, cap, n, "-");
		v = -v;
	}
	do
		d[k++] = (char)('0' + v % 10);
	while ((v /= 10) && k < 23);
	while (k > 0) {
		char c[2] = {d[--k], 0};

		put(buf, cap, n, c);
	}
}

static void
say(const char *s)
{
	sys6(NR_write, 1, (long)s, (long)slen(s), 0);
}

/* quit: exit_group, or exit where that is not implemented yet; a kernel
 * where neither ends the task gets a quiet loop, not a flood of calls */
static void __attribute__((noreturn))
quit(long code)
{
	sys6(NR_exit_group, code, 0, 0, 0);
	sys6(NR_exit, code, 0, 0, 0);
	for (;;)
		__asm__ volatile("" ::: "memory");
}

/* slurp: path into buf (NUL-terminated), its length, or -1 */
static long
slurp(const char *path, char *buf, u64 cap)
{
	long fd = sys6(NR_openat, AT_FDCWD, (long)path, 0, 0), n = 0, r;

	if (fd < 0)
		return -1;
	while (n + 1 < (long)cap && (r = sys6(NR_read, fd, (long)(buf + n), (long)(cap - 1 - n), 0)) > 0)
		n += r;
	sys6(NR_close, fd, 0, 0, 0);
	buf[n] = 0;
	return n;
}

static const char *const signame[32] = {
	"0",	   "SIGHUP",  "SIGINT",	   "SIGQUIT", "SIGILL",	   "SIGTRAP", "SIGABRT", "SIGBUS",
	"SIGFPE",  "SIGKILL", "SIGUSR1",   "SIGSEGV", "SIGUSR2",   "SIGPIPE", "SIGALRM", "SIGTERM",
	"SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",   "SIGTTIN", "SIGTTOU", "SIGURG",
	"SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",   "SIGPWR",  "SIGSYS",
};

void __attribute__((noreturn, used))
launch(void)
{
	char name[256], path[300], argbuf[4096], msg[400];
	char *argv[MAXARGS + 1];
	static const char *const envp[] = {"HOME=/", "PATH=/bin:/tests", "TERM=linux", 0};
	long n, pid, w;
	int argc = 0, status = 0;
	u64 m = 0;

	sys6(NR_chdir, (long)"/", 0, 0, 0);
	n = slurp("/tdiff/test", name, sizeof(name));
	for (long i = 0; i < n; i++)
		if (name[i] == '\n' || name[i] == '\r')
			name[i] = 0;
	if (n <= 0 || !name[0]) {
		say("tdiff-launch: /tdiff/test is missing or empty: no test to run\n");
		quit(1);
	}
	put(path, sizeof(path), &m, "/tests/");
	put(path, sizeof(path), &m, name);
	m = 0;
	put(msg, sizeof(msg), &m, path);
	put(msg, sizeof(msg), &m, ".argv");
	n = slurp(msg, argbuf, sizeof(argbuf));
	for (long i = 0, s = 0; n > 0 && i <= n && argc < MAXARGS; i++)
		if (i == n || argbuf[i] == '\n') {
			argbuf[i] = 0;
			if (i > s || i < n)
				argv[argc++] = argbuf + s;
			s = i + 1;
		}
	if (argc == 0)
		argv[argc++] = path;
	argv[argc] = 0;

	m = 0;
	put(msg, sizeof(msg), &m, "#tdiff start ");
	put(msg, sizeof(msg), &m, name);
	put(msg, sizeof(msg), &m, "\n");
	say(msg);
	pid = sys6(NR_clone, SIGCHLD, 0, 0, 0);
	if (pid == 0) {
		sys6(NR_execve, (long)argv[0], (long)argv, (long)envp, 0);
		m = 0;
		put(msg, sizeof(msg), &m, "tdiff-launch: execve ");
		put(msg, sizeof(msg), &m, argv[0]);
		put(msg, sizeof(msg), &m, " failed\n");
		say(msg);
		quit(127);
	}
	m = 0;
	if (pid < 0) {
		put(msg, sizeof(msg), &m, "tdiff-launch: fork (clone with SIGCHLD) failed: ");
		put_num(msg, sizeof(msg), &m, pid);
		put(msg, sizeof(msg), &m, "\n#tdiff exit exited 127\n");
	} else {
		while ((w = sys6(NR_wait4, pid, (long)&status, 0, 0)) == -4) /* EINTR */
			;
		put(msg, sizeof(msg), &m, "#tdiff exit ");
		if (w != pid) {
			put(msg, sizeof(msg), &m, "exited 127\ntdiff-launch: wait4 failed: ");
			put_num(msg, sizeof(msg), &m, w);
		} else if ((status & 0x7f) == 0) {
			put(msg, sizeof(msg), &m, "exited ");
			put_num(msg, sizeof(msg), &m, (status >> 8) & 0xff);
		} else {
			put(msg, sizeof(msg), &m, "killed ");
			put(msg, sizeof(msg), &m, signame[status & 0x1f]);
			if (status & 0x80)
				put(msg, sizeof(msg), &m, " core");
		}
		put(msg, sizeof(msg), &m, "\n");
	}
	say(msg);
	if (sys6(NR_getpid, 0, 0, 0, 0) == 1) /* LINUX_REBOOT_CMD_POWER_OFF */
		sys6(NR_reboot, (long)0xfee1dead, 672274793, 0x4321fedc, 0);
	quit(0);
}
