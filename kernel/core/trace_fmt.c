/*
 * kernel/core/trace_fmt.c: the printing helpers the syscall decoders share,
 * each printing one value as strace 6.1 prints it: quoted strings with
 * strace's escapes, user strings and buffers (or their address when
 * unreadable), addresses, numbers, fds, flag sets and named values from
 * struct xlat tables, signal names, timespecs, and raw arguments.
 */
#include "arch.h"
#include "lib.h"
#include "signal.h"
#include "trace_fmt.h"
#include "uapi.h"
#include "vm.h"

/* s[0..n) in double quotes with strace's escapes (\n, \t, ..., octal for
 * other unprintable bytes); trunc adds "..." after the closing quote. */
void
tr_quote(const char *s, size_t n, int trunc)
{
	const unsigned char *u = (const unsigned char *)s;
	tr_putc('"');
	for (size_t i = 0; i < n; i++) {
		unsigned ch = u[i];
		switch (ch) {
		case '"': tr_puts("\\\""); break;
		case '\\': tr_puts("\\\\"); break;
		case '\f': tr_puts("\\f"); break;
		case '\n': tr_puts("\\n"); break;
		case '\r': tr_puts("\\r"); break;
		case '\t': tr_puts("\\t"); break;
		case '\v': tr_puts("\\v"); break;
		default:
			if (ch >= ' ' && ch < 0x7f) {
				tr_putc((char)ch);
			} else {
				/* octal, all three digits when a digit follows */
				int pad = i + 1 < n && u[i + 1] >= '0' && u[i + 1] <= '7';
				tr_putc('\\');
				if (pad || ch >= 0100)
					tr_putc((char)('0' + (ch >> 6)));
				if (pad || ch >= 010)
					tr_putc((char)('0' + ((ch >> 3) & 7)));
				tr_putc((char)('0' + (ch & 7)));
			}
		}
	}
	tr_putc('"');
	if (trunc)
		tr_puts("...");
}

void
tr_sep(void)
{
	tr_puts(", ");
}

/* An address in hex, or NULL. */
void
tr_addr(uintptr_t a)
{
	if (a)
		tr_printf("%#lx", a);
	else
		tr_puts("NULL");
}

void
tr_int(long v)
{
	tr_printf("%d", (int)v);
}

void
tr_ulong(long v)
{
	tr_printf("%lu", (unsigned long)v);
}

void
tr_fd(long v)
{
	tr_printf("%d", (int)v);
}

void
tr_dirfd(long v)
{
	if ((int)v == AT_FDCWD)
		tr_puts("AT_FDCWD");
	else
		tr_fd(v);
}

int
tr_peek(uintptr_t u, void *dst, size_t n)
{
	return u && user_readable(u, n) && copy_from_user(dst, u, n) == 0;
}

/*
 * tr_cstring: a NUL-terminated user string, or its address if unreadable:
 * at most max bytes (max <= TRACE_MAX_STRLEN), then "..." unless the next
 * byte is the NUL, as strace prints a string it reads up to its NUL.
 */
void
tr_cstring(uintptr_t u, size_t max)
{
	static char buf[TRACE_MAX_STRLEN + 1];
	if (!u) {
		tr_puts("NULL");
		return;
	}
	size_t n = 0;
	while (n <= max) {
		char ch;
		if (!user_readable(u + n, 1) || copy_from_user(&ch, u + n, 1) < 0) {
			if (n == 0) {
				tr_addr(u);
				return;
			}
			break;
		}
		if (!ch)
			break;
		buf[n++] = ch;
	}
	if (n > max) {
		tr_quote(buf, max, 1);
		return;
	}
	tr_quote(buf, n, 0);
}

/* A path: strace's printpath stops at TRACE_MAX_PATHLEN bytes. */
void
tr_path(uintptr_t u)
{
	tr_cstring(u, TRACE_MAX_PATHLEN);
}

/* len bytes of user memory as a string, at most TRACE_MAX_STRLEN. */
void
tr_buf(uintptr_t u, long len)
{
	static char buf[TRACE_MAX_STRLEN];
	if (len < 0)
		len = 0;
	size_t n = MIN((size_t)len, (size_t)TRACE_MAX_STRLEN);
	if (!u || !user_readable(u, n) || copy_from_user(buf, u, n) < 0) {
		tr_addr(u);
		return;
	}
	tr_quote(buf, n, (size_t)len > n);
}


/* The flags of v named by table x (in its order), then the leftover bits
 * in hex; with no named bit, v in hex and the dflt comment (e.g.
 * "O_???"); 0 for none.  strace's printflags. */
void
tr_flags(const struct xlat *x, size_t nx, uint64_t v, const char *dflt)
{
	int n = 0;
	for (size_t i = 0; i < nx && v; i++)
		if (x[i].val && (v & x[i].val) == x[i].val) {
			if (n++)
				tr_putc('|');
			tr_puts(x[i].name);
			v &= ~x[i].val;
		}
	if (n) {
		if (v)
			tr_printf("|%#lx", v);
	} else if (v) {
		tr_printf("%#lx", v);
		if (dflt)
			tr_printf(" /* %s */", dflt);
	} else
		tr_putc('0');
}

/* The name of value v in table x, or v in hex and the dflt comment.
 * strace's printxval. */
void
tr_xval(const struct xlat *x, size_t nx, uint64_t v, const char *dflt)
{
	for (size_t i = 0; i < nx; i++)
		if (x[i].val == v) {
			tr_puts(x[i].name);
			return;
		}
	tr_printf("%#lx", v);
	if (dflt)
		tr_printf(" /* %s */", dflt);
}

/* A signal number: its name, or the number when it is none. */
void
tr_signame(long sig)
{
	if (sig > 0 && sig <= NSIG)
		tr_puts(signal_name((int)sig));
	else
		tr_printf("%d", (int)sig);
}

/* A user struct timespec, or its address if unreadable. */
void
tr_timespec(uintptr_t u)
{
	struct k_timespec ts;
	if (!tr_peek(u, &ts, sizeof(ts)))
		tr_addr(u);
	else
		tr_printf("{tv_sec=%ld, tv_nsec=%ld}", ts.tv_sec, ts.tv_nsec);
}

/*
 * sec (and nsec, if not 0) as UTC, strace's sprinttime_nsec:
 * 1970-01-01T00:16:40.000000500+0000.  Days to a civil date by the usual
 * era arithmetic (400-year cycles of 146097 days, years from March).
 */
void
tr_utc(int64_t sec, int64_t nsec)
{
	int64_t days = sec / 86400, rem = sec % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	days += 719468;
	int64_t era = (days >= 0 ? days : days - 146096) / 146097;
	int64_t doe = days - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	int64_t y = yoe + era * 400 + (m <= 2);
	tr_printf("%04ld-%02ld-%02ldT%02ld:%02ld:%02ld", (long)y, (long)m, (long)d,
		  (long)(rem / 3600), (long)(rem / 60 % 60), (long)(rem % 60));
	if (nsec)
		tr_printf(".%09ld", (long)nsec);
	tr_puts("+0000");
}

/* A file mode in octal, as strace's print_numeric_umode_t (a short, with
 * printf's "%#03ho": 000, 007, 022, 0644). */
void
tr_mode(long m)
{
	unsigned long v = (unsigned long)m & 0xffff;
	if (v < 010)
		tr_printf("00%lo", v);
	else
		tr_printf("0%lo", v);
}

/* The first n arguments in hex: a syscall this kernel does not have. */
void
tr_raw_args(struct trc *c, int n)
{
	ENTER {
		for (int i = 0; i < n; i++) {
			if (i)
				tr_sep();
			tr_printf("%#lx", c->a[i]);
		}
	}
}
