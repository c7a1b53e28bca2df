// @desc: many syscalls with garbage (bad pointers, huge lengths, bad flags and fds, unknown numbers) get Linux's errnos; the kernel neither panics nor hangs
// @timeout: 20
// @expect: garbage: done
#include "tdiff_test.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BAD ((long)1)               /* an unmapped user address */
#define KADDR ((long)0xffffffff81000000UL)  /* a kernel address */

static void
check(const char *what, long r)
{
	if (r < 0)
		say("%s: %s\n", what, errname((int)-r));
	else
		say("%s: %ld\n", what, r);
}

int
main(void)
{
	char buf[64];
	long sa[4] = { 0, 0, 0, 0 };
	long set = 0;
	struct timespec ts = { 0, 2000000000L };

	check("read bad fd", raw_syscall6(SYS_read, -1, (long)buf, 10, 0, 0, 0));
	check("write bad buffer", raw_syscall6(SYS_write, 1, BAD, 10, 0, 0, 0));
	check("write kernel buffer", raw_syscall6(SYS_write, 1, KADDR, 10, 0, 0, 0));
	check("write huge length", raw_syscall6(SYS_write, 1, (long)buf, 1L << 62, 0, 0, 0));
	check("write fd 100", raw_syscall6(SYS_write, 100, (long)buf, 1, 0, 0, 0));
	check("write fd -5", raw_syscall6(SYS_write, -5, (long)buf, 1, 0, 0, 0));
	check("openat bad path", raw_syscall6(SYS_openat, AT_FDCWD, BAD, O_RDONLY, 0, 0, 0));
	check("openat missing", raw_syscall6(SYS_openat, AT_FDCWD, (long)"/no/such/file", O_RDONLY, 0, 0, 0));
	check("openat bad dirfd", raw_syscall6(SYS_openat, 77, (long)"x", O_RDONLY, 0, 0, 0));
	long fd = raw_syscall6(SYS_openat, AT_FDCWD, (long)"/data/hello.txt", O_RDONLY, 0, 0, 0);
	check("openat data", fd);
	check("read huge length", raw_syscall6(SYS_read, fd, (long)buf, 1L << 62, 0, 0, 0));
	check("read into kernel", raw_syscall6(SYS_read, fd, KADDR, 6, 0, 0, 0));
	check("lseek bad whence", raw_syscall6(SYS_lseek, fd, 0, 99, 0, 0, 0));
	check("lseek negative", raw_syscall6(SYS_lseek, fd, -10, SEEK_SET, 0, 0, 0));
	check("lseek tty", raw_syscall6(SYS_lseek, 1, 0, SEEK_SET, 0, 0, 0));
	check("getdents64 on file", raw_syscall6(SYS_getdents64, fd, (long)buf, sizeof(buf), 0, 0, 0));
	check("close data", raw_syscall6(SYS_close, fd, 0, 0, 0, 0, 0));
	check("close -1", raw_syscall6(SYS_close, -1, 0, 0, 0, 0, 0));
	check("close 1000000", raw_syscall6(SYS_close, 1000000, 0, 0, 0, 0, 0));
	check("dup -5", raw_syscall6(SYS_dup, -5, 0, 0, 0, 0, 0));
	check("dup3 same fd", raw_syscall6(SYS_dup3, 1, 1, 0, 0, 0, 0));
	check("dup3 bad flags", raw_syscall6(SYS_dup3, 1, 5, 0xff, 0, 0, 0));
	check("fcntl bad cmd", raw_syscall6(SYS_fcntl, 1, 9999, 0, 0, 0, 0));
	check("ioctl unknown", raw_syscall6(SYS_ioctl, 1, 0x5401ff, 0, 0, 0, 0));
	check("ioctl winsize bad ptr", raw_syscall6(SYS_ioctl, 1, 0x5413, BAD, 0, 0, 0));
	check("pipe2 bad flags", raw_syscall6(SYS_pipe2, (long)buf, 0xffff, 0, 0, 0, 0));
	check("pipe2 bad ptr", raw_syscall6(SYS_pipe2, BAD, 0, 0, 0, 0, 0));
	check("writev bad iov", raw_syscall6(SYS_writev, 1, BAD, 1, 0, 0, 0));
	check("writev negative count", raw_syscall6(SYS_writev, 1, (long)buf, -1, 0, 0, 0));
	check("newfstatat bad buf", raw_syscall6(SYS_newfstatat, AT_FDCWD, (long)"/", BAD, 0, 0, 0));
	check("newfstatat bad flags", raw_syscall6(SYS_newfstatat, AT_FDCWD, (long)"/", (long)buf, 0xffff, 0, 0));
	check("chdir to a file", raw_syscall6(SYS_chdir, (long)"/data/hello.txt", 0, 0, 0, 0, 0));
	check("getcwd too small", raw_syscall6(SYS_getcwd, (long)buf, 1, 0, 0, 0, 0));
	check("getcwd bad ptr", raw_syscall6(SYS_getcwd, BAD, 100, 0, 0, 0, 0));
	check("uname bad ptr", raw_syscall6(SYS_uname, BAD, 0, 0, 0, 0, 0));
	check("mmap length 0", raw_syscall6(SYS_mmap, 0, 0, 1, 0x22, -1, 0));
	check("mmap no type", raw_syscall6(SYS_mmap, 0, 4096, 1, 0x20, -1, 0));
	check("mmap bad fd", raw_syscall6(SYS_mmap, 0, 4096, 1, 0x02, -1, 0));
	check("mmap odd offset", raw_syscall6(SYS_mmap, 0, 4096, 1, 0x22, -1, 1));
	check("mmap 1 TiB", raw_syscall6(SYS_mmap, 0, 1L << 40, 3, 0x22, -1, 0));
	check("munmap unaligned", raw_syscall6(SYS_munmap, BAD, 4096, 0, 0, 0, 0));
	check("mprotect unaligned", raw_syscall6(SYS_mprotect, BAD, 4096, 1, 0, 0, 0));
	check("mprotect bad prot", raw_syscall6(SYS_mprotect, 0x10000, 4096, 0xff, 0, 0, 0));
	check("rt_sigaction SIGKILL", raw_syscall6(SYS_rt_sigaction, SIGKILL, (long)sa, 0, 8, 0, 0));
	check("rt_sigaction signal 100", raw_syscall6(SYS_rt_sigaction, 100, (long)sa, 0, 8, 0, 0));
	check("rt_sigaction bad act", raw_syscall6(SYS_rt_sigaction, SIGUSR1, BAD, 0, 8, 0, 0));
	check("rt_sigaction set size 7", raw_syscall6(SYS_rt_sigaction, SIGUSR1, (long)sa, 0, 7, 0, 0));
	check("rt_sigprocmask bad how", raw_syscall6(SYS_rt_sigprocmask, 99, (long)&set, 0, 8, 0, 0));
	check("rt_sigprocmask bad set", raw_syscall6(SYS_rt_sigprocmask, SIG_BLOCK, BAD, 0, 8, 0, 0));
	check("wait4 bad options", raw_syscall6(SYS_wait4, -1, 0, 0xdead, 0, 0, 0));
	check("wait4 no children", raw_syscall6(SYS_wait4, -1, 0, 0, 0, 0, 0));
	check("kill no such pid", raw_syscall6(SYS_kill, 0x7fffffff, 0, 0, 0, 0, 0));
	check("kill bad signal", raw_syscall6(SYS_kill, raw_syscall6(SYS_getpid, 0, 0, 0, 0, 0, 0), 99, 0, 0, 0, 0));
	check("tgkill tgid 0", raw_syscall6(SYS_tgkill, 0, 0, 0, 0, 0, 0));
	check("tkill tid -1", raw_syscall6(SYS_tkill, -1, 0, 0, 0, 0, 0));
	check("clock_gettime bad clock", raw_syscall6(SYS_clock_gettime, 99, (long)&ts, 0, 0, 0, 0));
	check("clock_gettime bad ptr", raw_syscall6(SYS_clock_gettime, CLOCK_MONOTONIC, BAD, 0, 0, 0, 0));
	check("nanosleep bad nsec", raw_syscall6(SYS_nanosleep, (long)&ts, 0, 0, 0, 0, 0));
	check("nanosleep bad ptr", raw_syscall6(SYS_nanosleep, BAD, 0, 0, 0, 0, 0));
	check("futex unaligned", raw_syscall6(SYS_futex, (long)buf + 1, 0, 0, 0, 0, 0));
	check("futex bad op", raw_syscall6(SYS_futex, (long)buf, 99, 0, 0, 0, 0));
	check("getrandom bad flags", raw_syscall6(SYS_getrandom, (long)buf, 16, 0xff, 0, 0, 0));
	check("prlimit64 bad resource", raw_syscall6(SYS_prlimit64, 0, 99, 0, (long)buf, 0, 0));
	check("set_robust_list bad len", raw_syscall6(SYS_set_robust_list, 0, 1, 0, 0, 0, 0));
	check("sched_getaffinity size 1", raw_syscall6(SYS_sched_getaffinity, 0, 1, (long)buf, 0, 0, 0));
	check("execve bad path", raw_syscall6(SYS_execve, BAD, 0, 0, 0, 0, 0));
	check("execve missing", raw_syscall6(SYS_execve, (long)"/no/such", 0, 0, 0, 0, 0));
	check("execve not executable", raw_syscall6(SYS_execve, (long)"/data/hello.txt", 0, 0, 0, 0, 0));
	check("execve bad argv", raw_syscall6(SYS_execve, (long)"/bin/busybox", BAD, 0, 0, 0, 0));
	check("syscall 1000", raw_syscall6(1000, 1, 2, 3, 4, 5, 6));
	check("syscall 100000", raw_syscall6(100000, 0, 0, 0, 0, 0, 0));
	say("garbage: done\n");
	return 0;
}
