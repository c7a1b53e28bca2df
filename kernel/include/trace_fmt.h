/*
 * kernel/include/trace_fmt.h: the tracer's insides, shared by its files and
 * by no one else: the output buffer (core/trace_buf.c), the printing helpers
 * the syscall decoders share (core/trace_fmt.c), and what a decoder is
 * given.  The decoders themselves (core/trace_fs.c, trace_file.c,
 * trace_namei.c, trace_mm.c, trace_proc.c, trace_signal.c, trace_misc.c)
 * are declared from the syscall list in syscall.h.  Names: decoders are
 * decode_<syscall>, shared helpers tr_<what>, a decoder file's own helpers
 * static p_<what>.
 */
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
	char suffix[512];    /* printed after the return value, e.g. " (flags O_RDWR)" */
	int rv;              /* at exit: how the result prints (the row's RV_*, or the
			      * decoder's choice, e.g. RV_HEX for fcntl F_GETFL) */
};

/* A decoder's body parts: ENTER { ... } runs at entry, EXIT { ... } at exit. */
#define ENTER if (!c->exiting)
#define EXIT if (c->exiting)

/* One named value of a flag or value table (strace's xlat). */
struct xlat {
	uint64_t val;
	const char *name;
};
#define XLAT(v) { v, #v }

/* Longest string printed: the golden side runs strace -s 4096. */
#define TRACE_MAX_STRLEN 4096
/* Longest path printed: strace's printpath stops at PATH_MAX - 1 bytes. */
#define TRACE_MAX_PATHLEN 4095

/* The output buffer (trace_buf.c): text of the current line, written to
 * the trace channel by tr_flush. */
void tr_putc(char c);
void tr_puts(const char *s);
void tr_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tr_pad(int col);
void tr_flush(void);

/* Printing helpers (trace_fmt.c), each printing one value as strace does. */
void tr_quote(const char *s, size_t n, int trunc);
void tr_sep(void);
void tr_addr(uintptr_t a);
void tr_int(long v);
void tr_ulong(long v);
void tr_fd(long v);
void tr_dirfd(long v);
void tr_cstring(uintptr_t u, size_t max);
void tr_path(uintptr_t u);
void tr_buf(uintptr_t u, long len);
void tr_flags(const struct xlat *x, size_t nx, uint64_t v, const char *dflt);
void tr_xval(const struct xlat *x, size_t nx, uint64_t v, const char *dflt);
void tr_signame(long sig);
void tr_timespec(uintptr_t u);
void tr_raw_args(struct trc *c, int n);
void tr_mode(long m);
void tr_utc(int64_t sec, int64_t nsec);
/* AT_* flags of the *at() calls (trace_fs.c) */
void tr_at_flags(long v);
/* open's flags (trace_fs.c), shared with fcntl's F_GETFL and F_SETFL:
 * the access mode names, the other flags' names, and both printed */
#define TR_OPEN_FLAG_COUNT 19
extern const struct xlat tr_open_flag_xlat[TR_OPEN_FLAG_COUNT];
extern const char *const tr_open_access[4];
void tr_open_flags(long f);
/* Copy n bytes of user memory for printing: 1 if all were readable. */
int tr_peek(uintptr_t u, void *dst, size_t n);

/* A signal's siginfo, as in "--- SIGCHLD {...} ---" (trace_signal.c). */
void tr_siginfo(const struct k_siginfo *si);
/* A user sigset_t of len bytes: [USR1 ...], NULL, or its address. */
void tr_sigset(uintptr_t u, long len);
/* The same from a siginfo_t in user memory (waitid's infop). */
void tr_user_siginfo(uintptr_t u);

#endif
