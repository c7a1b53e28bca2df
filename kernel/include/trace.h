/* kernel/include/trace.h: the syscall tracer.  Writes strace -f lines and
 * `#tdiff` event lines on the trace channel (see kernel/README.md). */
#ifndef TRACE_H
#define TRACE_H

#include "types.h"

struct task;
struct k_siginfo;

extern int trace_enabled;
/* `#tdiff <fmt>` on a line of its own. */
void trace_event(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void trace_panic(const char *msg);
/* Entry of syscall nr with its six raw arguments; exit with the result. */
void trace_syscall_enter(struct task *t);
void trace_syscall_exit(struct task *t, long ret);
/* The syscall will not return (exit, exit_group, execve failure paths): `= ?` */
void trace_syscall_noreturn(struct task *t);
void trace_signal(struct task *t, const struct k_siginfo *info);
void trace_exited(struct task *t, int status);
/* The first execve, done by the kernel itself on behalf of the test. */
void trace_initial_execve(struct task *t, const char *path, char *const argv[], int envc,
			  uintptr_t envp_addr);

#endif
