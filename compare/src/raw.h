/* raw.h: the forms a trace comes in, and the loader of the raw ones
 * (compare/README.md, "Levels"):
 *   - strace decoded (strace -f, what the full level compares);
 *   - strace raw (strace -f -X raw -e raw=all: every argument a number);
 *   - "#tdiff sys" lines, the one-printf form a kernel prints:
 *       #tdiff sys <tid> <nr> <a0> <a1> <a2> <a3> <a4> <a5> = <ret>
 *       #tdiff sysenter <tid> <nr> <a0> <a1> <a2> <a3> <a4> <a5>
 *       #tdiff signal <tid> <signo>
 *       #tdiff killed <tid> <signo>, #tdiff exited <tid> <code>
 *   - Linux's ftrace text (raw_syscalls sys_enter / sys_exit and
 *     tracing_mark_write events, as tracefs's trace or trace_pipe prints
 *     them).
 * The last two are read into the same model as strace text (trace.h):
 * syscall names from the numbers through libseccomp, arguments as strace
 * -X raw prints them, errors as "-1 ENOENT", the task tree from the
 * returns of fork-like calls; the test starts at the first successful
 * execve after "#tdiff start", and what comes before it or belongs to
 * other tasks (the launcher) is dropped. */
#ifndef TD_RAW_H
#define TD_RAW_H

#include <stddef.h>

#include "trace.h"

enum td_form {
	TD_FORM_STRACE,	    /* strace, decoded arguments */
	TD_FORM_STRACE_RAW, /* strace -X raw -e raw=all */
	TD_FORM_TDIFF,	    /* #tdiff sys lines */
	TD_FORM_FTRACE,	    /* Linux ftrace text */
};

/* "strace", "strace raw", "#tdiff sys", "ftrace" */
const char *td_form_name(int form);
/* A form whose arguments are numbers (every one but TD_FORM_STRACE). */
int td_form_is_raw(int form);
/* td_detect_form: the form of a trace text, from its first lines. */
enum td_form td_detect_form(const char *buf, size_t len);

/* td_load_any: read a trace in whatever form it is (t->form says which).
 * A #tdiff-sys or ftrace trace needs the arch (given, or from its
 * "#tdiff boot" line).  Returns 0, or -1 with a message (unreadable file,
 * no arch); bad lines are parse errors in t->err, as for strace. */
int td_load_any(struct td_trace *t, const char *path, const char *arch);
/* td_load_any_helped: the same; helper: a long strace text may be parsed
 * on a second thread */
int td_load_any_helped(struct td_trace *t, const char *path, const char *arch, int helper);
/* td_load_any_notified: the same, calling known(ctx, form) as soon as the
 * form is detected (before the lines are read), when known is not NULL */
int td_load_any_notified(struct td_trace *t, const char *path, const char *arch, int helper,
			 void (*known)(void *ctx, int form), void *ctx);

#endif
