/*
 * tdiff_test.h: small helpers shared by the testcases.
 *
 * Tests print with say(), which formats into a local buffer and issues one
 * write(2) per call: no stdio buffer is shared across fork or clone, so the
 * output and the trace do not depend on where fd 1 points.
 */
#ifndef TDIFF_TEST_H
#define TDIFF_TEST_H

#include <stddef.h>
#include <stdint.h>

/* say: printf-like, one write(2) to fd 1. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* errname: "EINVAL" for EINVAL, "E?" for numbers it does not know. */
const char *errname(int err);

/* signame: "SIGSEGV" for SIGSEGV, "SIG?" for numbers it does not know. */
const char *signame(int sig);

/* describe_status: "exited 3" or "killed by SIGSEGV" for a wait status. */
const char *describe_status(int status, char *buf, size_t len);

/*
 * Per-arch assembly (lib/<arch>/clone_entry.S), as real libcs do it: the
 * child starts on the new stack, calls fn(arg) there and exits with its
 * return value through SYS_exit; it never returns into the caller's frame.
 *
 * tdiff_clone_run: clone(flags, stack_top, ...) with zero ptid, ctid, tls.
 * tdiff_clone3_run: clone3(args, size); args->stack and args->stack_size must
 * describe a 16-byte aligned stack.  fn and arg are stored just below
 * stack + stack_size and read back by the child from its stack pointer, so a
 * kernel that starts the child at the wrong end of the stack faults.
 * Both return the child's tid, or -errno, in the parent.
 */
long tdiff_clone_run(unsigned long flags, void *stack_top, int (*fn)(void *), void *arg);
long tdiff_clone3_run(void *args, size_t size, int (*fn)(void *), void *arg);

/* say_rc: "what: N" for a libc call's result r, "what: -1 EFOO" (errno) for -1. */
void say_rc(const char *what, long r);

/* test_dir: mkdir path (0755) and chdir into it; 0, or -1 after saying why. */
int test_dir(const char *path);

/* raw_syscall6: the syscall itself, -errno on failure (no errno, no libc logic). */
long raw_syscall6(long nr, long a, long b, long c, long d, long e, long f);

#endif
