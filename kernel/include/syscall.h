/*
 * kernel/include/syscall.h: syscall handlers and the table that maps numbers
 * to them.  The syscalls are the rows of kernel/core/syscalls.def and
 * kernel/arch/<arch>/syscalls.def (syscall_list.h includes both); from them
 * this header declares every handler and decoder and numbers the rows, and
 * core/syscall.c builds the table.  Handlers are written with
 * SYSCALL_DEFINEn below.
 */
#ifndef SYSCALL_H
#define SYSCALL_H

#include "abi.h"        /* __NR_* of this arch, for the table and #ifdef __NR_x */
#include "types.h"

/* a handler takes the six raw argument registers */
typedef long (*sys_fn)(const long *a);

struct trc;
typedef void (*trace_fn)(struct trc *c);

/* how the tracer prints the return value */
enum rv_style { RV_DEC, RV_HEX, RV_OCT, RV_NONE, RV_FD, RV_TIME };

/* 32 bytes (aligned): a row is found with one shift */
struct syscall_desc {
	sys_fn fn;
	trace_fn trace;
	uint8_t rv;
} __attribute__((aligned(32)));

/* The row of syscall nr, or NULL when this kernel has none (ENOSYS). */
const struct syscall_desc *syscall_lookup(long nr);
/* The name <asm/unistd.h> gives nr, or NULL. */
const char *syscall_name(long nr);

/* One constant per row, SYSROW_<handler>: SYSCALL_DEFINEn refers to it, so
 * that a handler without a row fails to compile. */
enum syscall_row {
#define SYSCALL(name, handler, decoder, rv) SYSROW_##handler,
#include "syscall_list.h"
#undef SYSCALL
};

/* The handler and the tracer's decoder (core/trace_*.c) of every row. */
#define SYSCALL(name, handler, decoder, rv) \
	long handler(const long *args); \
	void decoder(struct trc *c);
#include "syscall_list.h"
#undef SYSCALL

/*
 * A handler not yet written with SYSCALL_DEFINEn, `long sys_x(const long *a)`,
 * has no SYSROW_ check: with this, defining it without a row (so without the
 * declaration above) is an error in every file that includes this header.
 */
#pragma GCC diagnostic error "-Wmissing-prototypes"

/*
 * SYSCALL_DEFINEn(name, type1, arg1, ...): define handler `name` with typed
 * parameters, as Linux's SYSCALL_DEFINEn does.  It expands to sys_<name>, the
 * table's entry point taking the six raw argument registers, which casts
 * each register to its parameter's type (truncating, as the ABI does for
 * int arguments) and calls the typed body, do_sys_<name>.  grep
 * 'SYSCALL_DEFINE.(name,' finds a handler.  It also refers to
 * SYSROW_sys_<name>: a handler with no row in syscalls.def fails with
 * "'SYSROW_sys_<name>' undeclared".
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
	_Static_assert(SYSROW_sys_##name >= 0, "a row in syscalls.def"); \
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
