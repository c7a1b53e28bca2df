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

/*
 * SYSCALL_DEFINEn(name, type1, arg1, ...): define handler `name` with typed
 * parameters, as Linux's SYSCALL_DEFINEn does.  It expands to sys_<name>, the
 * table's entry point taking the six raw argument registers, which casts
 * each register to its parameter's type (truncating, as the ABI does for
 * int arguments) and calls the typed body, do_sys_<name>.  grep
 * 'SYSCALL_DEFINE.(name,' finds a handler.
 */
#define SC_ARGS0(...)
#define SC_ARGS1(t1, a1) (t1)args[0]
#define SC_ARGS2(t1, a1, t2, a2) SC_ARGS1(t1, a1), (t2)args[1]
#define SC_ARGS3(t1, a1, t2, a2, t3, a3) SC_ARGS2(t1, a1, t2, a2), (t3)args[2]
#define SC_ARGS4(t1, a1, t2, a2, t3, a3, t4, a4) \
	SC_ARGS3(t1, a1, t2, a2, t3, a3), (t4)args[3]
#define SC_ARGS5(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) \
	SC_ARGS4(t1, a1, t2, a2, t3, a3, t4, a4), (t5)args[4]
#define SC_ARGS6(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
	SC_ARGS5(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5), (t6)args[5]
#define SC_PARAMS0(...) void
#define SC_PARAMS1(t1, a1) t1 a1
#define SC_PARAMS2(t1, a1, t2, a2) SC_PARAMS1(t1, a1), t2 a2
#define SC_PARAMS3(t1, a1, t2, a2, t3, a3) SC_PARAMS2(t1, a1, t2, a2), t3 a3
#define SC_PARAMS4(t1, a1, t2, a2, t3, a3, t4, a4) \
	SC_PARAMS3(t1, a1, t2, a2, t3, a3), t4 a4
#define SC_PARAMS5(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) \
	SC_PARAMS4(t1, a1, t2, a2, t3, a3, t4, a4), t5 a5
#define SC_PARAMS6(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
	SC_PARAMS5(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5), t6 a6

#define SYSCALL_DEFINEx(n, name, ...) \
	static long do_sys_##name(SC_PARAMS##n(__VA_ARGS__)); \
	long sys_##name(const long *args) \
	{ \
		(void)args; \
		return do_sys_##name(SC_ARGS##n(__VA_ARGS__)); \
	} \
	static long do_sys_##name(SC_PARAMS##n(__VA_ARGS__))
#define SYSCALL_DEFINE0(name) SYSCALL_DEFINEx(0, name)
#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...) SYSCALL_DEFINEx(2, name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) SYSCALL_DEFINEx(3, name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...) SYSCALL_DEFINEx(4, name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...) SYSCALL_DEFINEx(5, name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...) SYSCALL_DEFINEx(6, name, __VA_ARGS__)

#endif
