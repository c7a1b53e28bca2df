/* kernel/include/trace.h: the syscall tracer.  Writes strace -f lines and
 * `#tdiff` event lines on the trace channel (see kernel/README.md and
 * harness/PROTOCOL.md).  Every function but trace_init and trace_event
 * prints nothing while trace_enabled is 0. */
#ifndef TRACE_H
#define TRACE_H

#include "types.h"

struct task;
struct k_siginfo;

/* trace_enabled: TRACE_OFF (tdiff.trace=0), TRACE_STRACE (the default:
 * strace -f lines) or TRACE_RAW (tdiff.trace=raw: "#tdiff sys" lines). */
enum { TRACE_OFF, TRACE_STRACE, TRACE_RAW };
extern int trace_enabled;
/* tdiff.channel=console: the trace goes to the console UART, interleaved
 * with the test's output, instead of the second channel. */
extern int trace_on_console;
/* A marker ("start NAME", "exit exited 0"): on the console, and on the
 * trace channel when that is a channel of its own. */
void trace_marker(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* First thing at boot: makes panic() report on the trace channel. */
void trace_init(void);
/* `#tdiff <fmt>` on a line of its own. */
void trace_event(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The entry half of t's syscall (t->sc_nr, t->sc_args), then the exit
 * half with its result. */
void trace_syscall_enter(struct task *t);
void trace_syscall_exit(struct task *t, long ret);
/* t's syscall will not return (exit, exit_group): its line ends `= ?`. */
void trace_syscall_noreturn(struct task *t);
void trace_signal(struct task *t, const struct k_siginfo *info);
void trace_exited(struct task *t, int status);
/* The first execve, done by the kernel itself on behalf of the test. */
void trace_initial_execve(struct task *t, const char *path, char *const argv[], int envc,
			  uintptr_t envp_addr);

#endif
