/* kernel/include/syscall.h: syscall handlers (one signature: the six raw
 * argument registers) and the table that maps numbers to them. */
#ifndef SYSCALL_H
#define SYSCALL_H

#include "types.h"

typedef long (*sys_fn)(const long *a);

struct trc;
typedef void (*trace_fn)(struct trc *c);

/* how the tracer prints the return value */
enum rv_style { RV_DEC, RV_HEX, RV_OCT, RV_NONE, RV_FD };

struct syscall_desc {
	sys_fn fn;
	trace_fn trace;
	uint8_t rv;
};

const struct syscall_desc *syscall_lookup(long nr);
const char *syscall_name(long nr);

#define SYS(name) long sys_##name(const long *a)
/* files */
SYS(read); SYS(write); SYS(readv); SYS(writev); SYS(pread64); SYS(pwrite64);
SYS(open); SYS(openat); SYS(close); SYS(lseek); SYS(fstat); SYS(stat); SYS(lstat);
SYS(newfstatat); SYS(statx); SYS(getdents64); SYS(ioctl); SYS(fcntl); SYS(dup);
SYS(dup2); SYS(dup3); SYS(pipe); SYS(pipe2); SYS(access); SYS(faccessat);
SYS(faccessat2); SYS(readlink); SYS(readlinkat); SYS(getcwd); SYS(chdir);
SYS(fchdir); SYS(mkdir); SYS(mkdirat); SYS(unlink); SYS(unlinkat); SYS(rmdir);
SYS(umask); SYS(poll); SYS(ppoll); SYS(fsync); SYS(ftruncate); SYS(sendfile);
/* memory */
SYS(brk); SYS(mmap); SYS(munmap); SYS(mprotect); SYS(madvise); SYS(mremap);
/* processes */
SYS(fork_); SYS(vfork_); SYS(clone_); SYS(clone3_); SYS(execve_); SYS(exit);
SYS(exit_group); SYS(wait4); SYS(waitid); SYS(getpid); SYS(getppid); SYS(gettid);
SYS(set_tid_address); SYS(futex); SYS(arch_prctl); SYS(set_robust_list);
SYS(riscv_flush_icache);
SYS(rt_sigaction); SYS(rt_sigprocmask); SYS(rt_sigreturn); SYS(rt_sigsuspend);
SYS(sigaltstack); SYS(kill); SYS(tkill); SYS(tgkill); SYS(sched_yield);
SYS(getpgid); SYS(setpgid); SYS(getsid); SYS(setsid); SYS(getpgrp); SYS(pause);
/* misc */
SYS(uname); SYS(clock_gettime); SYS(clock_getres); SYS(gettimeofday); SYS(time);
SYS(nanosleep); SYS(clock_nanosleep); SYS(getuid); SYS(geteuid); SYS(getgid);
SYS(getegid); SYS(setuid); SYS(setgid); SYS(getgroups); SYS(prlimit64);
SYS(getrlimit); SYS(setrlimit); SYS(getrandom); SYS(sysinfo); SYS(times);
SYS(getrusage); SYS(prctl); SYS(rseq); SYS(membarrier); SYS(sched_getaffinity);
#undef SYS

#endif
