/*
 * kernel/core/trace.c: the tracer's line logic.  Each syscall becomes a
 * strace -f line on the trace channel, "PID   call(args) = ret": the name
 * and the arguments at entry, the rest and the result at exit, printed by
 * the call's decoder (trace_fs.c and friends, chosen by the syscall table).
 * A call whose entry was printed but whose exit is interrupted by another
 * task's line is closed with " <unfinished ...>" and later resumed with
 * "<... call resumed>", exactly as strace does.  Also `#tdiff` event lines,
 * panics (through lib.c's panic hook), signals and exits.
 */
#include "trace.h"
#include "arch.h"
#include "lib.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "trace_fmt.h"
#include "uapi.h"
#include "vm.h"

int trace_enabled;
int trace_on_console;

/* traced: whether t's calls are printed (strace -f never sees a task made
 * with CLONE_UNTRACED, nor its descendants). */
static int
traced(const struct task *t)
{
	return trace_enabled && !t->untraced;
}

/* raw: whether the tracer prints the raw level (harness/PROTOCOL.md): one
 * "#tdiff sys" line per call with its number, six arguments and result as
 * numbers, the line a kernel without a decoder prints. */
static int
raw(void)
{
	return trace_enabled == TRACE_RAW;
}

/* "#tdiff sys[enter] TID NR A0..A5", the raw line's common part. */
static void
raw_line(const char *kind, struct task *t, long nr, const long a[6])
{
	tr_printf("#tdiff %s %d %ld %lx %lx %lx %lx %lx %lx", kind, t->tid, nr,
		  a[0], a[1], a[2], a[3], a[4], a[5]);
}
static struct task *open_line;      /* whose syscall line is unfinished */

/* Close another task's open line, which it will resume later. */
static void
line_cut(void)
{
	if (open_line) {
		tr_puts(" <unfinished ...>\n");
		open_line->sc_interrupted = 1;
		open_line = NULL;
	}
}

/* Start a new line for task t, cutting another task's open line first. */
static void
line_begin(struct task *t)
{
	line_cut();
	tr_printf("%-5d ", t->tid);
}

void
trace_event(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	line_cut();
	va_start(ap, fmt);
	kvsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	tr_puts("#tdiff ");
	tr_puts(buf);
	tr_putc('\n');
	tr_flush();
}

void
trace_marker(const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (trace_on_console) {
		trace_event("%s", buf);
		return;
	}
	kprintf("#tdiff %s\n", buf);
	trace_event("%s", buf);
}

/* panic()'s report: the message and a raw backtrace, as event lines. */
static void
trace_panic(const char *msg)
{
	trace_event("panic %s", msg);
	uintptr_t pcs[32];
	int n = arch_backtrace(pcs, 32);
	for (int i = 0; i < n; i++)
		trace_event("bt 0x%lx", pcs[i]);
	tr_flush();
}

/* The errno names and messages strace prints, for the errors this kernel
 * returns. */
#define ERRNO_LIST(E) \
	E(EPERM, "Operation not permitted") E(ENOENT, "No such file or directory") \
	E(ESRCH, "No such process") E(EINTR, "Interrupted system call") \
	E(EIO, "Input/output error") E(ENXIO, "No such device or address") \
	E(E2BIG, "Argument list too long") E(ENOEXEC, "Exec format error") \
	E(EBADF, "Bad file descriptor") E(ECHILD, "No child processes") \
	E(EAGAIN, "Resource temporarily unavailable") E(ENOMEM, "Cannot allocate memory") \
	E(EACCES, "Permission denied") E(EFAULT, "Bad address") \
	E(EBUSY, "Device or resource busy") E(EEXIST, "File exists") \
	E(EXDEV, "Invalid cross-device link") E(ENODEV, "No such device") \
	E(ENOTDIR, "Not a directory") E(EISDIR, "Is a directory") \
	E(EINVAL, "Invalid argument") E(ENFILE, "Too many open files in system") \
	E(EMFILE, "Too many open files") E(ENOTTY, "Inappropriate ioctl for device") \
	E(EFBIG, "File too large") E(ENOSPC, "No space left on device") \
	E(ESPIPE, "Illegal seek") E(EROFS, "Read-only file system") \
	E(EMLINK, "Too many links") E(EPIPE, "Broken pipe") \
	E(ERANGE, "Numerical result out of range") E(ENAMETOOLONG, "File name too long") \
	E(ENOSYS, "Function not implemented") E(ENOTEMPTY, "Directory not empty") \
	E(ELOOP, "Too many levels of symbolic links") E(EOPNOTSUPP, "Operation not supported") \
	E(ETIMEDOUT, "Connection timed out")

static const char *
errno_name(long e)
{
	switch (e) {
#define E(n, s) case n: return #n;
	ERRNO_LIST(E)
#undef E
	}
	return NULL;
}

static const char *
errno_msg(long e)
{
	switch (e) {
#define E(n, s) case n: return s;
	ERRNO_LIST(E)
#undef E
	}
	return "Unknown error";
}

/* An error result: "-1 ENAME (message)", or "? ERESTART..." for the
 * restart codes a signal turns into a restart or EINTR. */
static void
print_error(long e)
{
	switch (e) {
	case ERESTARTSYS:
		tr_puts("? ERESTARTSYS (To be restarted if SA_RESTART is set)");
		return;
	case ERESTARTNOINTR:
		tr_puts("? ERESTARTNOINTR (To be restarted)");
		return;
	case ERESTARTNOHAND:
		tr_puts("? ERESTARTNOHAND (To be restarted if no handler)");
		return;
	case ERESTART_RESTARTBLOCK:
		tr_puts("? ERESTART_RESTARTBLOCK (Interrupted by signal)");
		return;
	}
	const char *n = errno_name(e);
	if (n)
		tr_printf("-1 %s (%s)", n, errno_msg(e));
	else
		tr_printf("-1 E??? (errno %ld)", e);
}

/* ") = ret" with strace's column and error forms, ret in style rv. */
static void
print_ret(int rv, long ret)
{
	tr_puts(") ");
	tr_pad(40);
	tr_puts("= ");
	if (ret < 0 && ret >= -4095) {
		print_error(-ret);
		return;
	}
	switch (rv) {
	case RV_HEX:
		tr_printf("%#lx", ret);
		break;
	case RV_OCT:
		tr_printf("%#lo", ret);
		break;
	case RV_NONE:
		tr_putc('?');
		break;
	case RV_TIME:	/* seconds, and the UTC date strace adds */
		tr_printf("%ld (", ret);
		tr_utc(ret, 0);
		tr_putc(')');
		break;
	default:
		tr_printf("%ld", ret);
	}
}

/* The name of t's syscall, or syscall_0x... for a number with none. */
static void
print_name(struct task *t)
{
	const char *name = syscall_name(t->sc_nr);
	if (name)
		tr_puts(name);
	else
		tr_printf("syscall_%#lx", t->sc_nr);
}

void
trace_syscall_enter(struct task *t)
{
	if (!traced(t) || raw())
		return;
	const struct syscall_desc *d = syscall_lookup(t->sc_nr);
	line_begin(t);
	print_name(t);
	tr_putc('(');
	struct trc c = { .t = t, .a = t->sc_args };
	if (d)
		d->trace(&c);
	else
		tr_raw_args(&c, 6);     /* not implemented: raw, like strace's syscall_0x... */
	t->sc_interrupted = 0;
	open_line = t;
	tr_flush();
}

/* Print the exit half of t's syscall (resumed if its line was cut). */
static void
exit_half(struct task *t, long ret, int noreturn)
{
	const struct syscall_desc *d = syscall_lookup(t->sc_nr);
	if (open_line != t) {
		line_begin(t);
		tr_puts("<... ");
		print_name(t);
		tr_puts(" resumed>");
	}
	open_line = NULL;
	if (noreturn) {
		tr_puts(") ");
		tr_pad(40);
		tr_puts("= ?\n");
		return;
	}
	struct trc c = { .t = t, .a = t->sc_args, .ret = ret, .exiting = 1,
			 .rv = d ? d->rv : RV_DEC };
	if (d)
		d->trace(&c);
	print_ret(c.rv, ret);
	if (c.suffix[0])
		tr_puts(c.suffix);
	tr_putc('\n');
}

void
trace_syscall_exit(struct task *t, long ret)
{
	if (!traced(t))
		return;
	if (raw()) {
		raw_line("sys", t, t->sc_nr, t->sc_args);
		tr_printf(" = %ld\n", ret);
		tr_flush();
		return;
	}
	exit_half(t, ret, 0);
	tr_flush();
}

void
trace_syscall_noreturn(struct task *t)
{
	if (!traced(t) || t->sc_nr < 0)
		return;
	if (raw()) {
		/* the entry-only form: the call never returns */
		raw_line("sysenter", t, t->sc_nr, t->sc_args);
		tr_putc('\n');
	} else {
		exit_half(t, 0, 1);
	}
	t->sc_nr = -1;
	tr_flush();
}

void
trace_signal(struct task *t, const struct k_siginfo *si)
{
	if (!traced(t))
		return;
	if (raw()) {
		tr_printf("#tdiff signal %d %d\n", t->tid, si->signo);
		tr_flush();
		return;
	}
	line_begin(t);
	tr_printf("--- %s ", signal_name(si->signo));
	tr_siginfo(si);
	tr_puts(" ---\n");
	tr_flush();
}

void
trace_exited(struct task *t, int status)
{
	if (!traced(t))
		return;
	if (raw()) {
		/* the raw level's optional end lines (harness/PROTOCOL.md): a
		 * task killed by SIGKILL shows no signal line, only this */
		if (status & 0x7f)
			tr_printf("#tdiff killed %d %d\n", t->tid, status & 0x7f);
		else
			tr_printf("#tdiff exited %d %d\n", t->tid, (status >> 8) & 0xff);
		tr_flush();
		return;
	}
	line_begin(t);
	if (status & 0x7f)
		tr_printf("+++ killed by %s%s +++\n", signal_name(status & 0x7f),
			  (status & 0x80) ? " (core dumped)" : "");
	else
		tr_printf("+++ exited with %d +++\n", (status >> 8) & 0xff);
	tr_flush();
}

void
trace_initial_execve(struct task *t, const char *path, char *const argv[], int envc,
		     uintptr_t envp_addr)
{
	if (!traced(t))
		return;
	if (raw()) {
		/* no user copies of path and argv exist: their pointers are 0 */
		const long a[6] = { 0, 0, (long)envp_addr, 0, 0, 0 };
		raw_line("sys", t, __NR_execve, a);
		tr_puts(" = 0\n");
		tr_flush();
		return;
	}
	line_begin(t);
	tr_puts("execve(");
	tr_quote(path, strlen(path), 0);
	tr_puts(", [");
	for (int i = 0; argv[i]; i++) {
		if (i)
			tr_puts(", ");
		tr_quote(argv[i], strlen(argv[i]), 0);
	}
	tr_printf("], %#lx /* %d vars */", envp_addr, envc);
	print_ret(RV_DEC, 0);
	tr_putc('\n');
	tr_flush();
}

/* Set the tracer up before anything can panic: panic() reports through it. */
void
trace_init(void)
{
	panic_set_hook(trace_panic);
}
