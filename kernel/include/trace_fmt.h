/* kernel/include/trace_fmt.h: building blocks of the syscall decoders (the
 * per-syscall argument printers in core/trace_sys.c). */
#ifndef TRACE_FMT_H
#define TRACE_FMT_H

#include "types.h"

struct task;
struct k_siginfo;

/* One decoder call: entering (exiting == 0) prints the arguments strace
 * prints before the call runs, exiting the rest. */
struct trc {
	struct task *t;
	const long *a;
	long ret;
	int exiting;
	char suffix[64];     /* printed after the return value, e.g. " (flags O_RDWR)" */
};

struct xlat {
	uint64_t val;
	const char *name;
};

/* The output buffer (trace_buf.c): text of the current line, written to
 * the trace channel by tr_flush; tr_pad pads the line to a column. */
void tr_putc(char c);
void tr_puts(const char *s);
void tr_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tr_pad(int col);
void tr_flush(void);
/* "...", strace's escapes; trunc adds "..." after the quote. */
void tr_quote(const char *s, size_t n, int trunc);
void tr_raw_args(struct trc *c, int n);
void tr_siginfo(const struct k_siginfo *si);
const char *errno_name(long e);

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

#endif
